/**
 * Reasoning about IAM policy documents the way IAM reads them — string-or-list fields already
 * normalized by `parsePolicy`, `*` / `?` wildcards in actions (case-insensitive) and resources
 * (case-sensitive), `NotAction` / `NotResource` — plus ARN parts, IRSA trust analysis and the EKS
 * version calendar. Pure functions; the CEL environment exposes the ones rules need.
 */
import type { PolicyDocument, PolicyStatement } from '../cloud.ts';
import type { WebIdentityCondition, WebIdentityTrust } from '../aws-identity.ts';
import { iamMatch, statementCoversAction } from './iam.ts';

function escapeRe(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/**
 * Is every string IAM pattern `inner` matches also matched by pattern `outer`? (`s3:GetObject`
 * within `s3:Get*`; `s3:Get*` not within `s3:GetObject`.) `inner`'s wildcards are treated as
 * text that only an `*` of `outer` may absorb, which makes the test sound.
 */
export function patternWithin(inner: string, outer: string, caseInsensitive = false): boolean {
  const i = caseInsensitive ? inner.toLowerCase() : inner;
  const o = caseInsensitive ? outer.toLowerCase() : outer;
  if (!o.includes('*') && !o.includes('?')) return i === o;
  let re = '^';
  for (const ch of o) re += ch === '*' ? '[\\s\\S]*' : ch === '?' ? '[^*]' : escapeRe(ch);
  return new RegExp(`${re}$`).test(i);
}

function within(inner: string, allowed: readonly string[], caseInsensitive: boolean): boolean {
  return allowed.some((a) => patternWithin(inner, a, caseInsensitive));
}

/** The service part of an action pattern (`s3` of `s3:Get*`, `*` of `*`); "" when malformed. */
function actionService(pattern: string): string {
  if (pattern === '*') return '*';
  const c = pattern.indexOf(':');
  return c > 0 ? pattern.slice(0, c) : '';
}

/** Can this action pattern match an action of `service` (`*` = any service)? */
function actionTouchesService(pattern: string, service: string): boolean {
  if (service === '*') return true;
  const s = actionService(pattern);
  return s !== '' && (iamMatch(s, service, true) || patternWithin(service, s, true));
}

/** Can an Allow statement grant some action of `service`? */
function statementTouchesService(s: PolicyStatement, service: string): boolean {
  if (s.notActions.length > 0) return service === '*' ? true : !s.notActions.some((n) => patternWithin(`${service}:*`, n, true));
  return s.actions.some((a) => actionTouchesService(a, service));
}

/** The service segment of a resource ARN pattern (`s3` of `arn:aws:s3:::b/*`); `*` for `*`. */
function resourceService(r: string): string {
  if (r === '*') return '*';
  const parts = r.split(':');
  return parts.length >= 3 && parts[0] === 'arn' ? parts[2]! : '';
}

function resourceTouchesService(r: string, service: string): boolean {
  if (service === '*') return true;
  const s = resourceService(r);
  // Resources that are not ARNs (a placeholder, an address) are judged against every service.
  return s === '' || iamMatch(s, service, true);
}

function allows(s: PolicyStatement): boolean {
  return s.effect.toLowerCase() === 'allow';
}

function statements(doc: PolicyDocument | null | undefined): PolicyStatement[] {
  return doc && Array.isArray(doc.statements) ? doc.statements : [];
}

/** Some Allow statement covers `action` (resources and conditions aside). */
export function iamAllowsAction(doc: PolicyDocument | null | undefined, action: string): boolean {
  return statements(doc).some((s) => allows(s) && statementCoversAction(s, action));
}

/** Allow statements granting every action (`*`), every action of a service (`svc:*`) or `NotAction`, on every resource (`*`, `NotResource`). */
export function iamWildcardStatements(doc: PolicyDocument | null | undefined): (PolicyStatement & { index: number })[] {
  const out: (PolicyStatement & { index: number })[] = [];
  statements(doc).forEach((s, index) => {
    if (!allows(s)) return;
    const wildAction = s.notActions.length > 0 || s.actions.some((a) => a === '*' || /^[^:*?]+:\*$/.test(a));
    const wildResource = s.notResources.length > 0 || s.resources.some((r) => r === '*');
    if (wildAction && wildResource) out.push({ ...s, index });
  });
  return out;
}

/**
 * Action patterns of Allow statements that can grant an action of `service` (`*`: any) and are
 * not contained in the `allowed` patterns. A `NotAction` statement is reported as
 * `NotAction [..]` (it grants everything else).
 */
export function iamActionsOutside(doc: PolicyDocument | null | undefined, service: string, allowed: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of statements(doc)) {
    if (!allows(s) || !statementTouchesService(s, service)) continue;
    if (s.notActions.length > 0) {
      if (!within('*', allowed, true)) out.add(`NotAction [${s.notActions.join(', ')}]`);
      continue;
    }
    for (const a of s.actions) if (actionTouchesService(a, service) && !within(a, allowed, true)) out.add(a);
  }
  return [...out];
}

/**
 * Resource patterns of Allow statements that can grant an action of `service` and that could name
 * a `service` resource (`*`, its ARNs, anything that is not an ARN), not contained in the
 * `allowed` patterns. `NotResource` is reported as `NotResource [..]`.
 */
export function iamResourcesOutside(doc: PolicyDocument | null | undefined, service: string, allowed: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of statements(doc)) {
    if (!allows(s) || !statementTouchesService(s, service)) continue;
    if (s.notResources.length > 0) {
      out.add(`NotResource [${s.notResources.join(', ')}]`);
      continue;
    }
    for (const r of s.resources) if (resourceTouchesService(r, service) && !within(r, allowed, false)) out.add(r);
  }
  return [...out];
}

/** A Deny statement that blocks (nearly) every action unless the session used MFA (`aws:MultiFactorAuthPresent`). */
export function iamDeniesWithoutMfa(doc: PolicyDocument | null | undefined): boolean {
  return statements(doc).some((s) => {
    if (s.effect.toLowerCase() !== 'deny') return false;
    const broad = s.notActions.length > 0 || s.actions.includes('*');
    const everywhere = s.notResources.length > 0 || s.resources.includes('*') || s.resources.length === 0;
    if (!broad || !everywhere) return false;
    return Object.entries(s.conditions).some(([op, keys]) => Object.entries(keys).some(([k, values]) => {
      if (k.toLowerCase() !== 'aws:multifactorauthpresent') return false;
      const o = op.toLowerCase();
      const v = values.map((x) => x.toLowerCase());
      return ((o === 'bool' || o === 'boolifexists') && v.includes('false')) || (o === 'null' && v.includes('true'));
    }));
  });
}

/** `arn:partition:service:region:account:resource` → parts; resourceType/resourceId split at the first `/` (or `:`), resourceName = the last `/` segment. All "" when not an ARN. */
export interface ArnParts { partition: string; service: string; region: string; account: string; resource: string; resourceType: string; resourceId: string; resourceName: string }

export function arnParts(arn: string): ArnParts {
  const empty: ArnParts = { partition: '', service: '', region: '', account: '', resource: '', resourceType: '', resourceId: '', resourceName: '' };
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return empty;
  const parts = arn.split(':');
  if (parts.length < 6) return empty;
  const resource = parts.slice(5).join(':');
  const cut = resource.search(/[/:]/);
  const resourceType = cut >= 0 ? resource.slice(0, cut) : '';
  const resourceId = cut >= 0 ? resource.slice(cut + 1) : resource;
  const resourceName = resource.includes('/') ? resource.slice(resource.lastIndexOf('/') + 1) : resourceId;
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource, resourceType, resourceId, resourceName };
}

// ---- CIDRs ----------------------------------------------------------------------------------

function parseCidr(c: string): { bits: bigint; len: number; width: number } | null {
  const [ip = '', lenText] = c.trim().split('/');
  if (ip.includes(':')) {
    const halves = ip.split('::');
    if (halves.length > 2) return null;
    const head = halves[0] ? halves[0].split(':') : [];
    const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
    const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
    const groups = [...head, ...Array<string>(Math.max(fill, 0)).fill('0'), ...tail];
    if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return null;
    const bits = groups.reduce((acc, g) => (acc << 16n) | BigInt(Number.parseInt(g, 16)), 0n);
    const len = lenText === undefined ? 128 : Number(lenText);
    return Number.isInteger(len) && len >= 0 && len <= 128 ? { bits, len, width: 128 } : null;
  }
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d+$/.test(p) || Number(p) > 255)) return null;
  const bits = parts.reduce((acc, p) => (acc << 8n) | BigInt(Number(p)), 0n);
  const len = lenText === undefined ? 32 : Number(lenText);
  return Number.isInteger(len) && len >= 0 && len <= 32 ? { bits, len, width: 32 } : null;
}

/** Do two CIDRs (IPv4 or IPv6; a bare address is a /32 or /128) share any address? False when either is invalid or they are of different families. */
export function cidrOverlaps(a: string, b: string): boolean {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (!x || !y || x.width !== y.width) return false;
  const len = Math.min(x.len, y.len);
  const shift = BigInt(x.width - len);
  return (x.bits >> shift) === (y.bits >> shift);
}

// ---- IRSA trust ------------------------------------------------------------------------------

export interface TrustJoin {
  /** OIDC providers among the inputs: model id, ARN (or address) and issuer host path (or cluster address). */
  providers: { id: string; arn: string; url: string; cluster: string }[];
  /** EKS clusters among the inputs: model id and issuer host path (or address when known only after apply). */
  clusters: { id: string; issuer: string }[];
}

const POSITIVE_STRING_OPS = /^(?:(?:ForAnyValue|ForAllValues):)?(StringEquals|StringLike)(?:IfExists)?$/i;

function conditionsOn(s: PolicyStatement, claim: string): WebIdentityCondition[] {
  const out: WebIdentityCondition[] = [];
  for (const [operator, keys] of Object.entries(s.conditions)) {
    const m = POSITIVE_STRING_OPS.exec(operator);
    if (!m) continue;
    for (const [key, values] of Object.entries(keys)) {
      const cut = key.lastIndexOf(':');
      if (cut <= 0 || key.slice(cut + 1).toLowerCase() !== claim) continue;
      const like = m[1]!.toLowerCase() === 'stringlike';
      out.push({ operator, key, issuer: key.slice(0, cut), values: [...values], exact: !like || values.every((v) => !v.includes('*') && !v.includes('?')) });
    }
  }
  return out;
}

/** The issuer host path an `oidc-provider` ARN names (`arn:aws:iam::1:oidc-provider/oidc.eks…/id/X`); "". */
function issuerOfProviderArn(arn: string): string {
  const p = arnParts(arn);
  return p.service === 'iam' && p.resourceType === 'oidc-provider' ? p.resourceId : '';
}

/**
 * IRSA trusts of a role's trust policy: one per (Allow statement covering
 * `sts:AssumeRoleWithWebIdentity`, federated principal), joined with the OIDC providers and EKS
 * clusters among the inputs.
 */
export function webIdentityTrusts(doc: PolicyDocument | null, join: TrustJoin): WebIdentityTrust[] {
  const out: WebIdentityTrust[] = [];
  statements(doc).forEach((s, index) => {
    if (!allows(s) || !statementCoversAction(s, 'sts:AssumeRoleWithWebIdentity')) return;
    const federated = Object.entries(s.principals).filter(([k]) => k.toLowerCase() === 'federated').flatMap(([, v]) => v);
    for (const f of federated) {
      const provider = join.providers.find((p) => p.arn === f) ?? null;
      const issuer = provider ? provider.url : issuerOfProviderArn(f);
      const cluster = provider?.cluster || (join.clusters.find((c) => c.issuer !== '' && c.issuer === issuer)?.id ?? '');
      const subjects = conditionsOn(s, 'sub');
      const audiences = conditionsOn(s, 'aud');
      const serviceAccounts: { namespace: string; name: string }[] = [];
      for (const c of subjects) {
        if (!c.exact || c.issuer !== issuer) continue;
        for (const v of c.values) {
          const m = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(v);
          if (m && !serviceAccounts.some((x) => x.namespace === m[1] && x.name === m[2])) serviceAccounts.push({ namespace: m[1]!, name: m[2]! });
        }
      }
      out.push({
        statement: index, federated: f, issuer, provider: provider?.id ?? '', cluster,
        eksIssuer: cluster !== '' || /^oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+$/.test(issuer),
        subjects, audiences, serviceAccounts,
      });
    }
  });
  return out;
}

// ---- EKS version calendar ---------------------------------------------------------------------

/**
 * End of EKS standard support per Kubernetes minor version (AWS "Kubernetes version lifecycle on
 * EKS" calendar, as published in February 2026). Update when AWS publishes new versions.
 */
export const EKS_STANDARD_SUPPORT_END: Record<string, string> = {
  '1.23': '2023-10-11', '1.24': '2024-01-31', '1.25': '2024-05-01', '1.26': '2024-06-11', '1.27': '2024-07-24',
  '1.28': '2024-11-26', '1.29': '2025-03-23', '1.30': '2025-07-23', '1.31': '2025-11-26', '1.32': '2026-03-23',
  '1.33': '2026-07-29', '1.34': '2026-12-02', '1.35': '2027-03-27',
};
export const EKS_CALENDAR_AS_OF = '2026-02';

/**
 * Date standard support ends for an EKS Kubernetes version (`1.31`, `1.31.2`): a date from the
 * calendar; `1970-01-01` for versions older than it; "" for versions newer than it (assumed in
 * support) or that are not versions.
 */
export function eksStandardSupportEnd(version: string): string {
  const m = /^v?(\d+)\.(\d+)/.exec(String(version).trim());
  if (!m) return '';
  const key = `${Number(m[1])}.${Number(m[2])}`;
  const known = EKS_STANDARD_SUPPORT_END[key];
  if (known) return known;
  const minors = Object.keys(EKS_STANDARD_SUPPORT_END).map((k) => Number(k.split('.')[1]));
  const minor = Number(m[2]);
  if (Number(m[1]) !== 1) return Number(m[1]) < 1 ? '1970-01-01' : '';
  return minor < Math.min(...minors) ? '1970-01-01' : '';
}

// ---- CEL argument coercion ----------------------------------------------------------------------

/** A CEL value (maps may arrive as `Map`) as plain JSON-like data. */
export function deepPlain(v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), deepPlain(x)]));
  if (Array.isArray(v)) return v.map(deepPlain);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deepPlain(x)]));
  return v;
}

/** A model policy document handed to a CEL function; null for anything else. */
export function asPolicyDocument(v: unknown): PolicyDocument | null {
  const d = deepPlain(v);
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return null;
  const statements = (d as { statements?: unknown }).statements;
  if (!Array.isArray(statements)) return null;
  const list = (x: unknown): string[] => (Array.isArray(x) ? x.map(String) : typeof x === 'string' ? [x] : []);
  const rec = (x: unknown): Record<string, string[]> => (x !== null && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, list(y)])) : {});
  return {
    version: String((d as { version?: unknown }).version ?? ''),
    statements: statements.filter((s): s is Record<string, unknown> => s !== null && typeof s === 'object' && !Array.isArray(s)).map((s) => ({
      sid: String(s['sid'] ?? ''), effect: String(s['effect'] ?? ''),
      actions: list(s['actions']), notActions: list(s['notActions']), resources: list(s['resources']), notResources: list(s['notResources']),
      principals: rec(s['principals']), notPrincipals: rec(s['notPrincipals']),
      conditions: s['conditions'] !== null && typeof s['conditions'] === 'object' && !Array.isArray(s['conditions'])
        ? Object.fromEntries(Object.entries(s['conditions'] as Record<string, unknown>).map(([k, y]) => [k, rec(y)])) : {},
    })),
  };
}

export function asStrings(v: unknown): string[] {
  const d = deepPlain(v);
  return Array.isArray(d) ? d.map(String) : [];
}
