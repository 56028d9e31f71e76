/** IAM policy documents as IAM reads them: string-or-list fields, wildcards, NotAction. */
import type { PolicyDocument, PolicyStatement } from '../cloud.ts';

function list(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => String(x));
}

function principals(v: unknown): Record<string, string[]> {
  if (v === undefined || v === null) return {};
  if (typeof v === 'string') return { [v === '*' ? '*' : 'AWS']: [v] };
  const out: Record<string, string[]> = {};
  if (typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) out[k] = list(x);
  return out;
}

/**
 * Parse a policy document (a JSON string, URL-encoded JSON as IAM's API returns it, or an object).
 * Returns null when it is not a policy document.
 */
export function parsePolicy(input: unknown): PolicyDocument | null {
  let doc: unknown = input;
  if (typeof input === 'string') {
    const text = input.trim().startsWith('%7B') || input.trim().startsWith('%7b') ? decodeURIComponent(input) : input;
    try {
      doc = JSON.parse(text);
    } catch {
      return null;
    }
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const d = doc as Record<string, unknown>;
  const raw = d['Statement'];
  const stmts = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const statements: PolicyStatement[] = [];
  for (const s of stmts) {
    if (s === null || typeof s !== 'object') continue;
    const o = s as Record<string, unknown>;
    const conditions: Record<string, Record<string, string[]>> = {};
    const c = o['Condition'];
    if (c && typeof c === 'object') {
      for (const [op, keys] of Object.entries(c)) {
        const k: Record<string, string[]> = {};
        if (keys && typeof keys === 'object') for (const [ck, cv] of Object.entries(keys)) k[ck] = list(cv);
        conditions[op] = k;
      }
    }
    statements.push({
      sid: typeof o['Sid'] === 'string' ? o['Sid'] : '',
      effect: typeof o['Effect'] === 'string' ? o['Effect'] : '',
      actions: list(o['Action']),
      notActions: list(o['NotAction']),
      resources: list(o['Resource']),
      notResources: list(o['NotResource']),
      principals: principals(o['Principal']),
      notPrincipals: principals(o['NotPrincipal']),
      conditions,
    });
  }
  return { version: typeof d['Version'] === 'string' ? d['Version'] : '', statements };
}

/** IAM wildcard match (`*` any run, `?` one character), case-insensitive for actions. */
export function iamMatch(pattern: string, value: string, caseInsensitive = false): boolean {
  const p = caseInsensitive ? pattern.toLowerCase() : pattern;
  const v = caseInsensitive ? value.toLowerCase() : value;
  if (!p.includes('*') && !p.includes('?')) return p === v;
  const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(v);
}

/** Does a statement's action set cover `action`? (NotAction: everything except those.) */
export function statementCoversAction(s: PolicyStatement, action: string): boolean {
  if (s.notActions.length > 0) return !s.notActions.some((p) => iamMatch(p, action, true));
  return s.actions.some((p) => iamMatch(p, action, true));
}
