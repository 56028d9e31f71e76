/**
 * Effective Mattermost configuration = shipped defaults ⊕ stored config (config.json) ⊕
 * `MM_<SECTION>_<KEY>` environment overrides. A key absent from config.json is judged by the
 * shipped default (never as a pass); when no stored config is among the inputs, every key that the
 * environment does not set is unknown, because the Operator keeps the config in the database.
 */
import type { DsnInfo, JsonObject } from '../../model/k8s.ts';
import { REDACTED, type ConfigLayer, type MattermostConfig, type SecretFacts } from '../../model/mattermost.ts';
import { GENERATED_RANDOM_32, SANITIZED_PLACEHOLDER, SECRET_KEYS, mattermostDefaults, type ConfigValue } from '../../model/mattermost/defaults.ts';
import { joinPath, type SourceRef } from '../../model/provenance.ts';
import { parseDsn } from '../k8s-manifests/dsn.ts';

export interface StoredConfig {
  config: JsonObject;
  /** Where the config document is; `docPath` is the prefix of keys inside it ("" for a config.json file). */
  source: SourceRef;
  /** When the JSON sits inside a string (ConfigMap data), keys cannot be located individually. */
  embedded: boolean;
  /**
   * Keys (`Section.Key`) the server reports as set by its environment (`GET /config/environment`):
   * a live configuration already has those overrides applied, so they are layer "env", not "file".
   */
  envKeys?: string[];
}

export interface EnvOverride {
  name: string;
  /** Resolved value, or null when it could not be resolved (then `unresolved` says why). */
  value: string | null;
  unresolved: string | null;
  source: SourceRef;
}

export interface EffectiveInput {
  id: string;
  name: string;
  namespace: string;
  installation: string | null;
  source: SourceRef;
  stored: StoredConfig | null;
  env: EnvOverride[];
  /** Why the stored config is not known (used when `stored` is null). */
  storedUnknownReason: string;
}

/**
 * Secrets Mattermost's Sanitize() does not mask but which are secrets all the same (the export
 * store's S3 secret key comes back from the API in clear; we never let it into the model).
 */
const EXTRA_SECRET_KEYS = ['FileSettings.ExportAmazonS3SecretAccessKey'];

/** Redact a nested secret (`A.B.C`, `A.B.[].C`) wherever it occurs. */
function redactNested(root: unknown, segs: string[]): void {
  if (root === null || typeof root !== 'object') return;
  const [head, ...rest] = segs;
  if (head === undefined) return;
  if (head === '[]') {
    if (Array.isArray(root)) for (const item of root) redactNested(item, rest);
    return;
  }
  const o = root as Record<string, ConfigValue>;
  if (!(head in o)) return;
  if (rest.length === 0) {
    const v = o[head];
    if (typeof v === 'string' && v !== '') o[head] = REDACTED;
    return;
  }
  redactNested(o[head], rest);
}

const defaultsCache = new Map<boolean, Record<string, Record<string, ConfigValue>>>();
/** Shipped defaults, computed once per isUpdate; callers copy sections before changing them. */
function cachedDefaults(isUpdate: boolean): Record<string, Record<string, ConfigValue>> {
  let d = defaultsCache.get(isUpdate);
  if (!d) defaultsCache.set(isUpdate, (d = mattermostDefaults(isUpdate)));
  return d;
}

let envIndex: Map<string, [string, string]> | null = null;
/** MM_SERVICESETTINGS_SITEURL → ["ServiceSettings", "SiteURL"] */
export function envKey(name: string): [string, string] | null {
  if (envIndex === null) {
    envIndex = new Map();
    for (const [section, keys] of Object.entries(mattermostDefaults(false))) {
      for (const key of Object.keys(keys)) envIndex.set(`MM_${section}_${key}`.toUpperCase(), [section, key]);
    }
  }
  return envIndex.get(name.toUpperCase()) ?? null;
}

function convertEnv(raw: string, like: ConfigValue | undefined): ConfigValue {
  if (typeof like === 'boolean') {
    if (/^(1|t|true)$/i.test(raw)) return true;
    if (/^(0|f|false)$/i.test(raw)) return false;
    return raw;
  }
  if (typeof like === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : raw;
  }
  if (Array.isArray(like)) return raw.split(/\s+/).filter(Boolean);
  if (like !== null && typeof like === 'object') {
    try {
      return JSON.parse(raw) as ConfigValue;
    } catch {
      return raw;
    }
  }
  return raw;
}

function secretFacts(value: ConfigValue | undefined, def: ConfigValue | undefined): SecretFacts | 'sanitized' {
  const values = Array.isArray(value) ? value.map(String) : value === undefined || value === null ? [] : [String(value)];
  if (values.some((v) => v === SANITIZED_PLACEHOLDER)) return 'sanitized';
  // Mattermost generates these keys (32 random characters) when an upgraded config lacks them.
  if (values.length === 1 && values[0] === GENERATED_RANDOM_32) return { set: true, length: 32, isShippedDefault: false };
  const joined = values.join('');
  return {
    set: joined !== '',
    length: values.length === 1 ? (values[0] ?? '').length : joined.length,
    isShippedDefault: joined !== '' && def !== undefined && def !== null && String(def) === joined,
  };
}

export function buildEffectiveConfig(input: EffectiveInput): MattermostConfig {
  const stored = input.stored?.config ?? null;
  const storedService = stored ? (stored['ServiceSettings'] as JsonObject | undefined) : undefined;
  const isUpdate = storedService !== undefined && storedService !== null && typeof storedService === 'object' && 'SiteURL' in storedService;
  const defaults = cachedDefaults(isUpdate);
  const settings: Record<string, Record<string, ConfigValue>> = {};
  const layers: Record<string, ConfigLayer> = {};
  const origins: Record<string, SourceRef> = {};
  const unknown: Record<string, string> = {};
  const unresolvedEnv: string[] = [];

  for (const [section, keys] of Object.entries(defaults)) settings[section] = { ...keys };
  const envSet = new Set(input.stored?.envKeys ?? []);
  if (stored) {
    for (const [section, keys] of Object.entries(stored)) {
      if (keys === null || typeof keys !== 'object' || Array.isArray(keys)) continue;
      const target = (settings[section] ??= {});
      for (const [key, value] of Object.entries(keys)) {
        target[key] = value as ConfigValue;
        layers[`${section}.${key}`] = envSet.has(`${section}.${key}`) ? 'env' : 'file';
        const src = input.stored!.source;
        origins[`settings.${section}.${key}`] = input.stored!.embedded ? src : { ...src, docPath: joinDoc(src.docPath, section, key) };
      }
      origins[`settings.${section}`] = input.stored!.embedded ? input.stored!.source : { ...input.stored!.source, docPath: joinDoc(input.stored!.source.docPath, section) };
    }
  } else {
    // Everything is unknown except what the environment sets (recorded in `known` below).
    unknown['settings'] = input.storedUnknownReason;
    unknown['secrets'] = input.storedUnknownReason;
    unknown['dataSources'] = input.storedUnknownReason;
    unknown['isUpdate'] = input.storedUnknownReason;
  }
  const known: string[] = [];
  for (const e of input.env) {
    const k = envKey(e.name);
    if (!k) continue;
    const [section, key] = k;
    const path = `settings.${section}.${key}`;
    origins[path] = e.source;
    if (e.value === null) {
      unresolvedEnv.push(e.name);
      unknown[path] = e.unresolved ?? `${e.name} could not be resolved`;
      layers[`${section}.${key}`] = 'env';
      continue;
    }
    (settings[section] ??= {})[key] = convertEnv(e.value, defaults[section]?.[key]);
    layers[`${section}.${key}`] = 'env';
    delete unknown[path];
    if (stored === null) known.push(path);
  }

  applyDerivedDefaults(settings, layers);

  // Secrets: facts only, values redacted.
  const secrets: Record<string, SecretFacts> = {};
  const dataSources: DsnInfo[] = [];
  for (const dotted of [...SECRET_KEYS, ...EXTRA_SECRET_KEYS]) {
    if (dotted.split('.').length > 2 || dotted.includes('[]')) {
      redactNested(settings, dotted.replace(/\[\]/g, '.[]').split('.'));
      continue;
    }
    const [section = '', key = ''] = dotted.split('.');
    const sec = settings[section];
    if (!sec || !(key in sec)) continue;
    const value = sec[key];
    const path = `settings.${section}.${key}`;
    const settingUnknown = unknown[path] ?? (stored === null && !known.includes(path) ? input.storedUnknownReason : undefined);
    if (settingUnknown !== undefined) {
      unknown[joinPath('secrets', dotted)] = settingUnknown;
      if (dotted === 'SqlSettings.DataSource') unknown['dataSources'] = settingUnknown;
    } else {
      if (stored === null) {
        known.push(joinPath('secrets', dotted));
        if (dotted === 'SqlSettings.DataSource') known.push('dataSources');
      }
      const facts = secretFacts(value, defaults[section]?.[key]);
      if (facts === 'sanitized') {
        const why = `${dotted} holds Mattermost's sanitized placeholder (an API export), so its value cannot be judged`;
        unknown[joinPath('secrets', dotted)] = why;
        if (dotted.startsWith('SqlSettings.DataSource')) unknown['dataSources'] = why;
      } else {
        secrets[dotted] = facts;
        if (dotted === 'SqlSettings.DataSource' || dotted === 'SqlSettings.DataSourceReplicas' || dotted === 'SqlSettings.DataSourceSearchReplicas') {
          const list = Array.isArray(value) ? value : typeof value === 'string' && value !== '' ? [value] : [];
          const layer = layers[`${section}.${key}`] ?? 'default';
          for (const v of list) dataSources.push(parseDsn(String(v), `${dotted} (${layer === 'default' ? 'shipped default' : layer === 'env' ? 'environment' : 'config.json'})`));
        }
      }
    }
    sec[key] = Array.isArray(value) ? value.map(() => REDACTED) : value === '' || value === null ? value : REDACTED;
  }

  const result: MattermostConfig = {
    id: input.id,
    kind: 'MattermostConfig',
    name: input.name,
    namespace: input.namespace,
    installation: input.installation,
    source: input.source,
    settings,
    layers,
    storedConfigKnown: stored !== null,
    isUpdate,
    secrets,
    dataSources,
    unresolvedEnv,
    origins,
  };
  if (Object.keys(unknown).length > 0) result.unknown = unknown;
  if (known.length > 0) result.known = known;
  return result;
}

function joinDoc(prefix: string | undefined, ...segs: string[]): string {
  return [prefix ?? '', ...segs].filter((s) => s !== '').join('.');
}

/** Defaults Mattermost derives from other keys (SetDefaults), applied to keys no layer set. */
function applyDerivedDefaults(settings: Record<string, Record<string, ConfigValue>>, layers: Record<string, ConfigLayer>): void {
  const isSet = (dotted: string): boolean => layers[dotted] !== undefined;
  const get = (section: string, key: string): ConfigValue | undefined => settings[section]?.[key];
  const put = (section: string, key: string, v: ConfigValue): void => { (settings[section] ??= {})[key] = v; };
  for (const kind of ['Web', 'Mobile', 'SSO']) {
    const hours = `SessionLength${kind}InHours`;
    const days = `SessionLength${kind}InDays`;
    if (!isSet(`ServiceSettings.${hours}`) && isSet(`ServiceSettings.${days}`)) {
      const d = Number(get('ServiceSettings', days));
      if (Number.isFinite(d)) put('ServiceSettings', hours, d * 24);
    }
  }
  if (!isSet('EmailSettings.EnableSignInWithEmail') && isSet('EmailSettings.EnableSignUpWithEmail')) {
    put('EmailSettings', 'EnableSignInWithEmail', get('EmailSettings', 'EnableSignUpWithEmail') ?? true);
  }
  if (!isSet('EmailSettings.EnableSMTPAuth')) {
    const cs = get('EmailSettings', 'ConnectionSecurity');
    put('EmailSettings', 'EnableSMTPAuth', cs !== undefined && cs !== null && cs !== '');
  }
  if (!isSet('LogSettings.EnableSentry')) put('LogSettings', 'EnableSentry', get('LogSettings', 'EnableDiagnostics') !== false);
  if (!isSet('LdapSettings.EnableSync') && isSet('LdapSettings.Enable')) put('LdapSettings', 'EnableSync', get('LdapSettings', 'Enable') ?? false);
  const states = get('PluginSettings', 'PluginStates');
  if (states !== null && typeof states === 'object' && !Array.isArray(states)) {
    const merged: Record<string, ConfigValue> = { ...states };
    // The survey (NPS) plugin follows EnableDiagnostics unless the stored config says otherwise.
    if (!isSet('PluginSettings.PluginStates') || !('com.mattermost.nps' in merged)) {
      merged['com.mattermost.nps'] = { Enable: get('LogSettings', 'EnableDiagnostics') !== false };
    }
    if (!('playbooks' in merged)) merged['playbooks'] = { Enable: true };
    if (!('com.mattermost.calls' in merged)) merged['com.mattermost.calls'] = { Enable: true };
    put('PluginSettings', 'PluginStates', merged);
  }
}
