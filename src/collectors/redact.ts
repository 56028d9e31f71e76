/**
 * The last line of defence for "secret values never leave": one pass over everything a collector
 * hands to the Snapshot, replacing what is certainly or very probably a secret with `<redacted>`.
 * Normalizers already reduce Secret data and Mattermost secret keys to facts; this pass catches
 * what rides along in objects kept as written (a pod spec's `env`, args, annotations):
 *
 * - `{name, value}` pairs (env vars, `spec.mattermostEnv`) whose name says secret (PASSWORD,
 *   SECRET, TOKEN, DATASOURCE, SALT, ENCRYPT, …) or whose value is a connection string;
 * - string values of map keys that say secret (`BindPassword`, `clientSecret`, …);
 * - the password part of connection strings anywhere (`postgres://u:PASS@h`, `u:PASS@tcp(h)`,
 *   `password=PASS`) and of `--db-password=PASS` style arguments;
 * - `kubectl.kubernetes.io/last-applied-configuration`, which repeats the whole object (a Secret's
 *   data included).
 *
 * Presence survives (`<redacted>` is not empty), so rules that ask "is a literal set?" still work.
 */
import { REDACTED } from '../model/mattermost.ts';
import { SECRET_KEYS } from '../model/mattermost/defaults.ts';

/**
 * Names of variables that hold secrets (env vars, `spec.mattermostEnv`), judged by how the name
 * ends: `API_TOKEN` is a secret, `MM_SERVICESETTINGS_ENABLEUSERACCESSTOKENS` and `DB_PASSWORD_FILE` are not.
 */
const SECRET_NAME = /(passw(or)?d|secret|token|credentials?|private.?key|api.?key|access.?key|salt|datasource(replicas)?|dsn|connection.?string|encrypt.?key|(^|_)key)$/i;
/**
 * Keys whose string value is a secret wherever they appear in a Kubernetes spec. Narrower than
 * SECRET_NAME on purpose: `secretName`, `secret`, `tokenSecretRef` name Secrets, they are not secrets.
 */
const SECRET_KEY_IN_SPEC = /passw|salt$|private.?key$|api.?key$|secret.?access.?key|client.?secret$|^dsn$|datasource$|connection.?string$/i;
/**
 * Mattermost setting names that hold secrets (judged by how the name ends, so `TokenEndpoint`,
 * `ForgotPasswordLink` and `AmazonS3AccessKeyId`, which rules need to read, stay visible).
 */
const MM_SETTING_SECRET = /(passw(or)?d|secret|secretaccesskey|salt|encryptkey|datasource|datasourcereplicas|datasourcesearchreplicas|(sdk|api|private|license)key)$/i;
const MM_SECRET_ENV = new Set(SECRET_KEYS.filter((k) => !k.includes('[')).map((k) => `MM_${k.replace(/\./g, '_')}`.toUpperCase()));
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Fields of model objects that hold data as written (everything else is derived and safe). */
const RAW_FIELDS = ['annotations', 'pod', 'spec', 'status', 'args', 'command', 'ingress', 'egress', 'settings'];

/** Does this variable name say it holds a secret? */
export function isSecretName(name: string): boolean {
  return MM_SECRET_ENV.has(name.toUpperCase()) || SECRET_NAME.test(name);
}

const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)([^\s@/]+)(@)/gi;
const MYSQL_PASSWORD = /(^|[\s"'=])([^\s:@/"'=]*:)([^\s@/]+)(@(?:tcp|unix)\()/g;
const KEYWORD_PASSWORD = /(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s'&;]+)/gi;
const FLAG_SECRET = /(-{1,2}[\w.-]*(?:passw|secret|token|api-?key|salt)[\w.-]*=)(\S+)/gi;
/** Cheap gate so most strings skip the replacements. */
const MAYBE = /[@=]/;

/** A string with embedded credentials replaced. */
export function redactString(s: string): string {
  if (!MAYBE.test(s)) return s;
  return s
    .replace(URL_PASSWORD, `$1${REDACTED}$3`)
    .replace(MYSQL_PASSWORD, `$1$2${REDACTED}$4`)
    .replace(KEYWORD_PASSWORD, `$1${REDACTED}`)
    .replace(FLAG_SECRET, `$1${REDACTED}`);
}

/**
 * Redact, in place, a subtree of data as written. `secretKey` says which map keys hold secret
 * string values (Mattermost settings use the broad SECRET_NAME; Kubernetes specs the narrow one).
 */
export function redactRaw(root: unknown, secretKey: RegExp = SECRET_KEY_IN_SPEC): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        if (typeof item === 'string') v[i] = redactString(item);
        else if (item !== null && typeof item === 'object') stack.push(item);
      }
      continue;
    }
    const o = v as Record<string, unknown>;
    const pairName = typeof o['name'] === 'string' && 'value' in o ? o['name'] : null;
    for (const [k, val] of Object.entries(o)) {
      if (typeof val === 'string') {
        if (val === '' || val === REDACTED) continue;
        if (k === LAST_APPLIED || (k === 'value' && pairName !== null && isSecretName(pairName)) || secretKey.test(k)) {
          o[k] = REDACTED;
        } else {
          const r = redactString(val);
          if (r !== val) o[k] = k === 'value' && pairName !== null ? REDACTED : r;
        }
      } else if (Array.isArray(val) && secretKey.test(k) && val.every((x) => typeof x === 'string')) {
        o[k] = val.map((x: string) => (x === '' ? x : REDACTED));
      } else if (val !== null && typeof val === 'object') {
        stack.push(val);
      }
    }
  }
}

/**
 * Redact the as-written parts of every model object in the given collections (arrays of objects,
 * possibly nested one level, like `k8s.velero`). Mattermost `settings` use the broad key test.
 */
export function redactCollections(collections: Record<string, unknown>): void {
  const groups: unknown[] = [collections];
  while (groups.length > 0) {
    const g = groups.pop();
    if (g === null || typeof g !== 'object') continue;
    for (const list of Object.values(g)) {
      if (!Array.isArray(list)) {
        if (list !== null && typeof list === 'object') groups.push(list);
        continue;
      }
      for (const item of list) {
        if (item === null || typeof item !== 'object') continue;
        const o = item as Record<string, unknown>;
        for (const f of RAW_FIELDS) if (f in o) redactRaw(o[f], f === 'settings' ? MM_SETTING_SECRET : SECRET_KEY_IN_SPEC);
      }
    }
  }
}
