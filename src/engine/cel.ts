/**
 * The CEL environment rules are written in: the variables `object`, `snapshot`, `env`, `params`,
 * `now`, plus a few domain functions that would be painful in plain CEL (label selectors, cron
 * intervals, durations, URLs, CIDRs). Numbers from YAML/JSON are CEL doubles: compare freely,
 * write `2.0` in arithmetic.
 */
import { Environment, type ASTNode } from '@marcbachmann/cel-js';
import { caExemptions, caNarrowing } from '../model/functions/conditional-access.ts';
import { selectorMatches } from '../model/functions/labels.ts';
import { cronIntervalHours, goDurationHours } from '../model/functions/time.ts';
import { joinPath } from '../model/provenance.ts';
import {
  arnParts, asPolicyDocument, asStrings, cidrOverlaps, eksStandardSupportEnd, iamActionsOutside, iamAllowsAction, iamDeniesWithoutMfa,
  iamResourcesOutside, iamWildcardStatements,
} from '../model/functions/iam-analysis.ts';

function plain(v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), plain(x)]));
  return v;
}

function labelsOf(v: unknown): Record<string, string> {
  const o = plain(v);
  const out: Record<string, string> = {};
  if (o && typeof o === 'object') for (const [k, x] of Object.entries(o)) out[k] = String(x);
  return out;
}

function parseTime(s: string): number {
  const t = Date.parse(s);
  return Number.isNaN(t) ? NaN : t;
}

function ipv4ToInt(ip: string): number | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let n = 0;
  for (const p of parts) {
    const x = Number(p);
    if (!/^\d+$/.test(p) || x > 255) return null;
    n = n * 256 + x;
  }
  return n;
}

/** Prefix length of a CIDR ("10.0.0.0/8" → 8; bare IP → 32/128); -1 when invalid. */
function cidrPrefix(c: string): number {
  const [ip = '', len] = c.trim().split('/');
  const v6 = ip.includes(':');
  const max = v6 ? 128 : 32;
  if (!v6 && ipv4ToInt(ip) === null) return -1;
  if (len === undefined) return max;
  const n = Number(len);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : -1;
}

/** Does CIDR `outer` contain CIDR/IP `inner`? (IPv4; IPv6 only for ::/0) */
function cidrContains(outer: string, inner: string): boolean {
  const [oip = '', olen] = outer.trim().split('/');
  const [iip = '', ilen] = inner.trim().split('/');
  if (oip.includes(':') || iip.includes(':')) return oip === '::' && Number(olen) === 0;
  const o = ipv4ToInt(oip);
  const i = ipv4ToInt(iip);
  const ol = olen === undefined ? 32 : Number(olen);
  const il = ilen === undefined ? 32 : Number(ilen);
  if (o === null || i === null || ol > il) return false;
  const mask = ol === 0 ? 0 : (0xffffffff << (32 - ol)) >>> 0;
  return ((o & mask) >>> 0) === ((i & mask) >>> 0);
}

function urlPart(s: string, part: 'host' | 'scheme' | 'path'): string {
  try {
    const u = new URL(s);
    return part === 'host' ? u.hostname.toLowerCase() : part === 'scheme' ? u.protocol.replace(/:$/, '') : u.pathname;
  } catch {
    return '';
  }
}

/** Host of a URL, or of a bare `host[:port][/path]`; lower-case, no trailing dot; "" if none. */
function hostOf(s: string): string {
  const t = s.trim();
  if (t.includes('://')) return urlPart(t, 'host').replace(/\.$/, '');
  const h = t.split('/')[0] ?? '';
  const bare = h.split(':').length === 2 ? h.split(':')[0]! : h; // strip :port, leave IPv6 alone
  return bare.toLowerCase().replace(/\.$/, '');
}

/**
 * Host of `s` (URL or bare host) equals an entry of `patterns` (hosts or URLs), or lies under an
 * entry written `*.domain` (any depth).
 */
function hostIn(s: string, patterns: unknown): boolean {
  const host = hostOf(s);
  if (host === '' || !Array.isArray(patterns)) return false;
  return patterns.some((p) => {
    const raw = String(p).trim().toLowerCase();
    if (raw.startsWith('*.')) {
      const domain = raw.slice(2).replace(/\.$/, '');
      return domain !== '' && host.endsWith(`.${domain}`);
    }
    return hostOf(raw) === host;
  });
}

/** Microsoft identity platform sign-in hosts (public, US Gov and China clouds). */
const ENTRA_HOSTS = new Set(['login.microsoftonline.com', 'login.microsoft.com', 'login.windows.net', 'sts.windows.net', 'login.microsoftonline.us', 'login.chinacloudapi.cn', 'login.partner.microsoftonline.cn']);

/** Tenant segment (lower-case) of a Microsoft identity platform URL (`/<tenant>/…`); "" for other URLs. */
export function entraTenant(s: string): string {
  if (!ENTRA_HOSTS.has(urlPart(s.trim(), 'host'))) return '';
  return (urlPart(s.trim(), 'path').split('/')[1] ?? '').toLowerCase();
}

/** Keys lower-cased: Go's encoding/json matches struct fields case-insensitively ("TLS", "tls", "Tls"). */
function lowerKeys(v: unknown): Record<string, unknown> {
  const o = plain(v);
  const out: Record<string, unknown> = {};
  if (o && typeof o === 'object' && !Array.isArray(o)) for (const [k, x] of Object.entries(o)) out[k.toLowerCase()] = plain(x);
  return out;
}

/**
 * Targets of a Mattermost `AdvancedLoggingJSON` value (mlog/logr `LoggerConfiguration`): a map, or a
 * string holding a JSON object (Mattermost accepts both; any other string names a file, which yields
 * [] here — the collector marks such values unknown). Each target: name, type (lower case), host
 * (`Host`, else the deprecated `IP`), port, address, remote (tcp, or syslog with a host/port),
 * tls, insecure (certificate verification off), format.
 */
function mattermostLogTargets(v: unknown): Record<string, unknown>[] {
  let cfg = plain(v);
  if (typeof cfg === 'string') {
    try {
      cfg = JSON.parse(cfg) as unknown;
    } catch {
      return [];
    }
  }
  if (!cfg || typeof cfg !== 'object' || Array.isArray(cfg)) return [];
  return Object.entries(cfg as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, raw]) => {
    const t = lowerKeys(raw);
    const o = lowerKeys(typeof t['options'] === 'string' ? safeJson(t['options']) : t['options']);
    const type = String(t['type'] ?? '').toLowerCase();
    const host = String(o['host'] ?? '') || String(o['ip'] ?? '');
    const port = Number(o['port'] ?? 0) || 0;
    return {
      name, type, host, port, address: `${host}:${port}`,
      remote: type === 'tcp' || (type === 'syslog' && (host !== '' || port !== 0)),
      tls: o['tls'] === true, insecure: o['insecure'] === true, format: String(t['format'] ?? ''),
    };
  });
}

function safeJson(s: unknown): unknown {
  try {
    return JSON.parse(String(s)) as unknown;
  } catch {
    return {};
  }
}

/**
 * Container image reference → parts, as the container runtime resolves it:
 * `mattermost/mattermost-enterprise-edition:10.5.1` → registry `docker.io`, repository
 * `mattermost/mattermost-enterprise-edition`, tag `10.5.1`, digest "", name `docker.io/mattermost/…`.
 */
function imageRef(image: string): Record<string, string> {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : '';
  let rest = at >= 0 ? image.slice(0, at) : image;
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const explicit = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const registry = explicit ? first : 'docker.io';
  let repository = explicit ? rest.slice(slash + 1) : rest;
  if (registry === 'docker.io' && !repository.includes('/')) repository = `library/${repository}`;
  return { registry, repository, tag, digest, name: `${registry}/${repository}` };
}

/** Name parts that mark a broken or anonymous TLS cipher (OpenSSL names and IANA names). */
const WEAK_CIPHER_PARTS = new Set([
  'RC4', 'RC2', 'DES', '3DES', 'CBC3', 'NULL', 'ENULL', 'ANULL', 'ANON', 'ADH', 'AECDH', 'EXP', 'EXPORT', 'EXPORT40', 'EXP1024',
  'EXPORT1024', 'MD5', 'LOW', 'ALL', 'COMPLEMENTOFALL', 'SEED', 'IDEA',
]);

/** Entries of a cipher list (`HIGH:!aNULL:RC4-SHA`, or comma/space separated) that enable weak ciphers. */
function weakCiphers(list: string): string[] {
  return list.split(/[:,\s]+/)
    .filter((t) => t !== '' && !t.startsWith('!') && !t.startsWith('-'))
    .map((t) => t.replace(/^\+/, ''))
    .filter((t) => t.toUpperCase().split(/[-_]/).some((p) => WEAK_CIPHER_PARTS.has(p)));
}

/**
 * Index a collection by a string field once (per collection array), so joins such as "the
 * workloads in this object's namespace" cost O(1) per object instead of a scan of the snapshot.
 */
const indexes = new WeakMap<object, Map<string, Map<string, unknown[]>>>();
function indexBy(list: unknown, field: string, key: string): unknown[] {
  if (!Array.isArray(list)) return [];
  let byField = indexes.get(list);
  if (!byField) indexes.set(list, (byField = new Map()));
  let index = byField.get(field);
  if (!index) {
    index = new Map();
    for (const item of list) {
      const k = item !== null && typeof item === 'object' ? String((item as Record<string, unknown>)[field] ?? '') : '';
      const bucket = index.get(k);
      if (bucket) bucket.push(item);
      else index.set(k, [item]);
    }
    byField.set(field, index);
  }
  return index.get(key) ?? [];
}

export function createCelEnvironment(): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: true, enableOptionalTypes: true, homogeneousAggregateLiterals: false });
  env.registerFunction('selects(dyn, dyn): bool', (sel: unknown, labels: unknown) => selectorMatches(plain(sel) as Record<string, unknown>, labelsOf(labels)));
  env.registerFunction('byNamespace(list, string): list', (list: unknown, ns: string) => indexBy(list, 'namespace', ns));
  env.registerFunction('byKind(list, string): list', (list: unknown, kind: string) => indexBy(list, 'kind', kind));
  env.registerFunction('byName(list, string): list', (list: unknown, name: string) => indexBy(list, 'name', name));
  env.registerFunction('cronHours(string): double', (s: string) => cronIntervalHours(s) ?? -1);
  env.registerFunction('durationHours(string): double', (s: string) => goDurationHours(s) ?? -1);
  env.registerFunction('hoursBetween(string, string): double', (a: string, b: string) => {
    const d = (parseTime(b) - parseTime(a)) / 3_600_000;
    return Number.isNaN(d) ? -1 : d;
  });
  env.registerFunction('isTimestamp(string): bool', (s: string) => !Number.isNaN(parseTime(s)));
  env.registerFunction('urlHost(string): string', (s: string) => urlPart(s, 'host'));
  env.registerFunction('urlScheme(string): string', (s: string) => urlPart(s, 'scheme'));
  env.registerFunction('urlPath(string): string', (s: string) => urlPart(s, 'path'));
  env.registerFunction('cidrPrefix(string): double', (s: string) => cidrPrefix(s));
  env.registerFunction('cidrContains(string, string): bool', (a: string, b: string) => cidrContains(a, b));
  env.registerFunction('cidrOpen(string): bool', (s: string) => {
    const c = s.trim();
    return c === '0.0.0.0/0' || c === '::/0' || c === '*' || c === '0.0.0.0' ;
  });
  env.registerFunction('hostMatches(string, string): bool', (host: string, pattern: string) => {
    const h = host.toLowerCase().replace(/\.$/, '');
    const p = pattern.toLowerCase().replace(/\.$/, '');
    if (p.startsWith('*.')) return h.endsWith(p.slice(1)) && h.split('.').length === p.split('.').length;
    return h === p;
  });
  env.registerFunction('imageRef(string): map', (s: string) => imageRef(s));
  env.registerFunction('weakCiphers(string): list', (s: string) => weakCiphers(s));
  env.registerFunction('splitList(string): list', (s: string) => s.split(',').map((x) => x.trim()).filter((x) => x !== ''));
  env.registerFunction('splitFields(string): list', (s: string) => s.split(/[\s,]+/).filter((x) => x !== ''));
  env.registerFunction('hostIn(string, list): bool', (s: string, patterns: unknown) => hostIn(s, patterns));
  env.registerFunction('entraTenant(string): string', (s: string) => entraTenant(s));
  env.registerFunction('semverAtLeast(string, string): bool', (v: string, min: string) => {
    const parse = (x: string): number[] => x.replace(/^v/, '').split(/[.-]/).slice(0, 3).map((p) => Number.parseInt(p, 10) || 0);
    const a = parse(v);
    const b = parse(min);
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
    return true;
  });
  env.registerFunction('mattermostLogTargets(dyn): list', (v: unknown) => mattermostLogTargets(v));
  env.registerFunction('iamAllowsAction(dyn, string): bool', (doc: unknown, action: string) => iamAllowsAction(asPolicyDocument(doc), action));
  env.registerFunction('iamWildcardStatements(dyn): list', (doc: unknown) => iamWildcardStatements(asPolicyDocument(doc)));
  env.registerFunction('iamActionsOutside(dyn, string, list): list', (doc: unknown, service: string, allowed: unknown) => iamActionsOutside(asPolicyDocument(doc), service, asStrings(allowed)));
  env.registerFunction('iamResourcesOutside(dyn, string, list): list', (doc: unknown, service: string, allowed: unknown) => iamResourcesOutside(asPolicyDocument(doc), service, asStrings(allowed)));
  env.registerFunction('iamDeniesWithoutMfa(dyn): bool', (doc: unknown) => iamDeniesWithoutMfa(asPolicyDocument(doc)));
  env.registerFunction('arnParts(string): map', (s: string) => ({ ...arnParts(s) }));
  env.registerFunction('cidrOverlaps(string, string): bool', (a: string, b: string) => cidrOverlaps(a, b));
  env.registerFunction('eksStandardSupportEnd(string): string', (v: string) => eksStandardSupportEnd(v));
  env.registerFunction('caExemptions(dyn): list', (conditions: unknown) => caExemptions(conditions));
  env.registerFunction('caNarrowing(dyn): list', (conditions: unknown) => caNarrowing(conditions));
  env.registerFunction('flatten(list): list', (v: unknown) => (Array.isArray(v) ? v.flatMap((x: unknown) => (Array.isArray(x) ? x : [x])) : []));
  return env;
}

/**
 * Paths under `object` that an expression reads, e.g. `object.settings.ServiceSettings.X` →
 * "settings.ServiceSettings.X". A chain stops at the first dynamic index. Used to decide whether a
 * rule touches an unknown value.
 */
export function objectPaths(ast: ASTNode, root = 'object'): string[] {
  const out = new Set<string>();
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as ASTNode;
    const chain = selectChain(n, root);
    if (chain !== null) {
      if (chain.length > 0) out.add(joinPath('', ...chain));
      // keep visiting index expressions inside the chain
    }
    const args = (n as { args?: unknown }).args;
    if (Array.isArray(args)) for (const a of args) visitAny(a);
    else visitAny(args);
  };
  const visitAny = (a: unknown): void => {
    if (Array.isArray(a)) for (const x of a) visitAny(x);
    else if (a && typeof a === 'object' && 'op' in a) visit(a);
  };
  visit(ast);
  // Drop paths that are prefixes of longer ones (keep the most specific reads).
  const list = [...out];
  return list.filter((p) => !list.some((q) => q !== p && (q.startsWith(`${p}.`) || q.startsWith(`${p}[`))));
}

/** Collections of the snapshot an expression reads (`snapshot.k8s.networkPolicies` → "k8s.networkPolicies"). */
export function snapshotCollections(ast: ASTNode, targets: readonly string[]): string[] {
  const found = new Set<string>();
  for (const p of objectPaths(ast, 'snapshot')) {
    const hit = targets.find((t) => p === t || p.startsWith(`${t}.`) || p.startsWith(`${t}[`));
    if (hit) found.add(hit);
  }
  return [...found];
}

/** For `object.a.b["c"]` return ["a","b","c"]; for bare `object` return []; otherwise null. */
function selectChain(n: ASTNode, root = 'object'): string[] | null {
  switch (n.op) {
    case 'id':
      return n.args === root ? [] : null;
    case '.':
    case '.?': {
      const [inner, field] = n.args;
      const c = selectChain(inner, root);
      return c === null ? null : [...c, field];
    }
    case '[]':
    case '[?]': {
      const [inner, idx] = n.args;
      const c = selectChain(inner, root);
      if (c === null) return null;
      return idx.op === 'value' && typeof idx.args === 'string' ? [...c, idx.args] : c;
    }
    case 'call': {
      const [fn, fargs] = n.args;
      if (fn === 'has' && fargs.length === 1 && fargs[0]) return selectChain(fargs[0], root);
      return null;
    }
    default:
      return null;
  }
}
