/** The oobguard config file: environment declaration, thresholds, rule overrides, waivers. */
import { Ajv, type ErrorObject } from 'ajv';
import { load as yamlLoad } from 'js-yaml';
import schema from './schema.json' with { type: 'json' };
import type { Diagnostic } from '../model/snapshot.ts';
import type { Severity } from '../engine/types.ts';

export interface Waiver {
  rule: string;
  resource?: string;
  reason: string;
  owner: string;
  expires?: string;
}

export interface EnvironmentDecl {
  primary: {
    awsAccountIds: string[]; azureSubscriptionIds: string[]; entraTenantIds: string[]; idpHosts: string[];
    egressCidrs: string[]; mailDomains: string[];
  };
  oob: {
    awsAccountId: string; azureSubscriptionId: string; entraTenantId: string; mattermostNamespaces: string[];
    namespaces: string[]; ingressNamespaces: string[]; monitoringNamespaces: string[]; hostnames: string[];
    vpnCidrs: string[]; irRoster: string[]; breakGlassSubjects: string[]; automationAccounts: string[];
    approvedRegistries: string[];
  };
}

export interface OobguardConfig {
  environment: EnvironmentDecl;
  thresholds: Record<string, unknown>;
  rules: Record<string, { severity?: Severity; enabled?: boolean; params?: Record<string, unknown> }>;
  waivers: Waiver[];
  exclude: string[];
  failOn?: Severity;
  /** Where the config came from (for diagnostics). */
  file: string | null;
}

export function emptyEnvironment(): EnvironmentDecl {
  return {
    primary: { awsAccountIds: [], azureSubscriptionIds: [], entraTenantIds: [], idpHosts: [], egressCidrs: [], mailDomains: [] },
    oob: {
      awsAccountId: '', azureSubscriptionId: '', entraTenantId: '', mattermostNamespaces: [], namespaces: [],
      ingressNamespaces: [], monitoringNamespaces: [], hostnames: [], vpnCidrs: [], irRoster: [], breakGlassSubjects: [],
      automationAccounts: [], approvedRegistries: [],
    },
  };
}

export function defaultConfig(): OobguardConfig {
  return { environment: emptyEnvironment(), thresholds: {}, rules: {}, waivers: [], exclude: [], file: null };
}

let validateFn: ReturnType<Ajv['compile']> | null = null;
/** The config validator, compiled on first use. */
function validator(): ReturnType<Ajv['compile']> {
  return (validateFn ??= new Ajv({ allErrors: true, strict: false }).compile(schema));
}

const KNOWN_TOP = ['environment', 'thresholds', 'rules', 'waivers', 'exclude', 'failOn'];

function hint(e: ErrorObject): string | undefined {
  if (e.keyword !== 'additionalProperties') return undefined;
  const key = String((e.params as { additionalProperty: string }).additionalProperty);
  const candidates = e.instancePath === '' ? KNOWN_TOP : Object.keys(((schema as { properties: Record<string, unknown> }).properties));
  const close = closest(key, e.instancePath === '' ? candidates : nestedKeys(e.instancePath));
  return close ? `did you mean "${close}"?` : undefined;
}

function nestedKeys(instancePath: string): string[] {
  const segs = instancePath.split('/').filter(Boolean);
  let node: Record<string, unknown> = schema as Record<string, unknown>;
  for (const s of segs) {
    const props = node['properties'] as Record<string, Record<string, unknown>> | undefined;
    if (!props?.[s]) return [];
    node = props[s];
  }
  return Object.keys((node['properties'] as Record<string, unknown> | undefined) ?? {});
}

function closest(word: string, options: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) { bestD = d; best = o; }
  }
  return bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/** Parse and validate config text. Errors name the file, the JSON path and a hint. */
export function parseConfig(text: string, file: string): { config: OobguardConfig | null; diagnostics: Diagnostic[] } {
  let data: unknown;
  try {
    data = yamlLoad(text) ?? {};
  } catch (e) {
    return { config: null, diagnostics: [{ code: 'config/invalid', severity: 'error', file, message: `${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}` }] };
  }
  const validate = validator();
  if (!validate(data)) {
    return {
      config: null,
      diagnostics: (validate.errors ?? []).slice(0, 10).map((e) => {
        const path = `$${e.instancePath.split('/').filter(Boolean).map((s) => (/^\d+$/.test(s) ? `[${s}]` : `.${s}`)).join('')}`;
        const what = e.keyword === 'additionalProperties'
          ? `unknown key "${String((e.params as { additionalProperty: string }).additionalProperty)}"`
          : e.keyword === 'enum' ? `must be one of ${((e.params as { allowedValues: unknown[] }).allowedValues).join(', ')}` : e.message ?? e.keyword;
        const h = hint(e);
        const d: Diagnostic = { code: 'config/invalid', severity: 'error', file, path, message: `${file}: ${path}: ${what}${h ? ` (${h})` : ''}` };
        d.hint = h ?? 'See docs/configuration.md for every key.';
        return d;
      }),
    };
  }
  const raw = data as Partial<Omit<OobguardConfig, 'environment'>> & { environment?: { primary?: Partial<EnvironmentDecl['primary']>; oob?: Partial<EnvironmentDecl['oob']> } };
  const env = emptyEnvironment();
  Object.assign(env.primary, raw.environment?.primary ?? {});
  Object.assign(env.oob, raw.environment?.oob ?? {});
  const config: OobguardConfig = {
    environment: env,
    thresholds: raw.thresholds ?? {},
    rules: raw.rules ?? {},
    waivers: raw.waivers ?? [],
    exclude: raw.exclude ?? [],
    file,
  };
  if (raw.failOn !== undefined) config.failOn = raw.failOn;
  return { config, diagnostics: [] };
}
