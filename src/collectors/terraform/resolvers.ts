/**
 * Attributes Terraform computes from configuration alone, which rules need before apply:
 * `data.aws_iam_policy_document.x.json` (the policy a data source renders) and the name-derived
 * identifiers of a few resources (`aws_s3_bucket.b.id` is its name).
 */
import type { HclLoadOptions } from './hcl.ts';
import type { TfJson } from './types.ts';

function blocks(v: TfJson | undefined): Record<string, TfJson>[] {
  return Array.isArray(v) ? v.filter((x): x is Record<string, TfJson> => x !== null && typeof x === 'object' && !Array.isArray(x)) : [];
}

function list(v: TfJson | undefined): TfJson[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** Render `data "aws_iam_policy_document"` as the JSON policy AWS would receive. */
export function renderPolicyDocument(values: Record<string, TfJson>): string {
  const statements = blocks(values['statement']).map((s) => {
    const out: Record<string, TfJson> = {};
    if (typeof s['sid'] === 'string' && s['sid'] !== '') out['Sid'] = s['sid'];
    out['Effect'] = typeof s['effect'] === 'string' && s['effect'] !== '' ? s['effect'] : 'Allow';
    if (s['actions'] !== undefined) out['Action'] = list(s['actions']);
    if (s['not_actions'] !== undefined) out['NotAction'] = list(s['not_actions']);
    if (s['resources'] !== undefined) out['Resource'] = list(s['resources']);
    if (s['not_resources'] !== undefined) out['NotResource'] = list(s['not_resources']);
    for (const [block, key] of [['principals', 'Principal'], ['not_principals', 'NotPrincipal']] as const) {
      const ps = blocks(s[block]);
      if (ps.length === 0) continue;
      const p: Record<string, TfJson> = {};
      for (const x of ps) {
        const type = typeof x['type'] === 'string' ? x['type'] : 'AWS';
        p[type] = [...list(p[type]), ...list(x['identifiers'])];
      }
      out[key] = p;
    }
    const conds = blocks(s['condition']);
    if (conds.length > 0) {
      const c: Record<string, Record<string, TfJson>> = {};
      for (const x of conds) {
        const test = typeof x['test'] === 'string' ? x['test'] : '';
        const variable = typeof x['variable'] === 'string' ? x['variable'] : '';
        (c[test] ??= {})[variable] = list(x['values']);
      }
      out['Condition'] = c;
    }
    return out;
  });
  return JSON.stringify({ Version: typeof values['version'] === 'string' ? values['version'] : '2012-10-17', Statement: statements });
}

export const TERRAFORM_RESOLVERS: Pick<HclLoadOptions, 'dataResolvers' | 'derived'> = {
  dataResolvers: {
    aws_iam_policy_document: (values, attr) => (attr === 'json' || attr === 'minified_json' ? renderPolicyDocument(values) : undefined),
    aws_caller_identity: () => undefined,
  },
  derived: {
    aws_s3_bucket: (values, attr) => {
      const name = typeof values['bucket'] === 'string' ? values['bucket'] : '';
      if (name === '' || name.includes('${')) return undefined;
      if (attr === 'id' || attr === 'bucket') return name;
      if (attr === 'arn') return `arn:aws:s3:::${name}`;
      return undefined;
    },
  },
};
