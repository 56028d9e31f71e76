/**
 * The Terraform expression evaluator on realistic snippets, parsed the way the collector parses
 * them (@cdktf/hcl2json): what is static is computed, what is not stays recognisable.
 */
import { parse } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_SCOPE, evaluateExpression, evaluateValue, isUnresolved, partialString, referencesIn,
  type Scope, type TfValue, type Unresolved,
} from '../src/collectors/terraform/expr.ts';

type Json = unknown;

async function tf(text: string): Promise<Json> {
  return parse('main.tf', text);
}

/** Walk an hcl2json document: path segments are keys or array indexes. */
function at(doc: Json, ...path: (string | number)[]): Json {
  let v: Json = doc;
  for (const p of path) {
    if (v === null || typeof v !== 'object') throw new Error(`no ${String(p)} in ${JSON.stringify(v)}`);
    v = (v as Record<string, Json>)[String(p)];
  }
  return v;
}

interface ScopeSpec {
  vars?: Record<string, TfValue>;
  /** hcl2json values of locals, evaluated lazily (as the collector will). */
  locals?: Record<string, Json>;
  /** `address.path.joined.by.dots` → value */
  refs?: Record<string, TfValue>;
  special?: Record<string, TfValue>;
  calls?: { address: string; path: (string | number)[] }[];
}

function scopeOf(spec: ScopeSpec = {}): Scope {
  const cache = new Map<string, TfValue>();
  const evaluating = new Set<string>();
  const s: Scope = {
    variable: (n) => (spec.vars && Object.hasOwn(spec.vars, n) ? spec.vars[n] : undefined),
    local: (n) => {
      if (!spec.locals || !Object.hasOwn(spec.locals, n)) return undefined;
      const hit = cache.get(n);
      if (hit !== undefined) return hit;
      if (evaluating.has(n)) return undefined;
      evaluating.add(n);
      const v = evaluateValue(spec.locals[n], s);
      evaluating.delete(n);
      cache.set(n, v);
      return v;
    },
    reference: (address, path) => {
      spec.calls?.push({ address, path });
      // the longest known prefix of the path, then navigate the rest (as a collector would)
      for (let i = path.length; i >= 0; i--) {
        const key = [address, ...path.slice(0, i)].join('.');
        if (!spec.refs || !Object.hasOwn(spec.refs, key)) continue;
        let v: TfValue | undefined = spec.refs[key];
        for (const p of path.slice(i)) v = v !== null && typeof v === 'object' ? (v as Record<string, TfValue>)[p] : undefined;
        return v;
      }
      return undefined;
    },
    special: (n) => (spec.special && Object.hasOwn(spec.special, n) ? spec.special[n] : undefined),
  };
  return s;
}

function unresolved(v: TfValue): Unresolved {
  if (!isUnresolved(v)) throw new Error(`expected an unresolved value, got ${JSON.stringify(v)}`);
  return v;
}

const E = (src: string, scope: Scope = EMPTY_SCOPE): TfValue => evaluateExpression(src, scope);

// ─────────────────────────────────────────────────────────────────────────────────────────────

const IRSA = `
resource "aws_iam_openid_connect_provider" "eks" {
  url = aws_eks_cluster.x.identity[0].oidc[0].issuer
}

resource "aws_iam_role" "mattermost" {
  name = "\${var.prefix}-mattermost"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "\${replace(aws_eks_cluster.x.identity[0].oidc[0].issuer, "https://", "")}:sub" = "system:serviceaccount:mattermost:mattermost"
          "\${replace(aws_eks_cluster.x.identity[0].oidc[0].issuer, "https://", "")}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}
`;

describe('IAM trust policies written with jsonencode', () => {
  it('keeps an IRSA trust policy readable when the issuer and provider ARN are not known', async () => {
    const doc = await tf(IRSA);
    const v = evaluateValue(at(doc, 'resource', 'aws_iam_role', 'mattermost', 0, 'assume_role_policy'), EMPTY_SCOPE);
    const u = unresolved(v);
    expect(u.partial).toBe(true);
    expect(u.error).toBeUndefined();
    expect(u.refs).toEqual(expect.arrayContaining(['aws_eks_cluster.x', 'aws_iam_openid_connect_provider.eks']));

    const policy = JSON.parse(u.text) as {
      Version: string;
      Statement: { Effect: string; Action: string; Principal: { Federated: string }; Condition: { StringEquals: Record<string, string> } }[];
    };
    expect(policy.Version).toBe('2012-10-17');
    const st = policy.Statement[0];
    expect(st?.Action).toBe('sts:AssumeRoleWithWebIdentity');
    expect(st?.Principal.Federated).toBe('${aws_iam_openid_connect_provider.eks.arn}');
    const conditions = Object.entries(st?.Condition.StringEquals ?? {});
    const sub = conditions.find(([k]) => k.endsWith(':sub'));
    expect(sub).toEqual([
      '${replace(aws_eks_cluster.x.identity[0].oidc[0].issuer, "https://", "")}:sub',
      'system:serviceaccount:mattermost:mattermost',
    ]);
    expect(conditions.find(([k]) => k.endsWith(':aud'))?.[1]).toBe('sts.amazonaws.com');
  });

  it('produces the exact JSON once the referenced attributes are known', async () => {
    const doc = await tf(IRSA);
    const issuer = 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC123';
    const calls: ScopeSpec['calls'] = [];
    const scope = scopeOf({
      calls,
      refs: {
        'aws_iam_openid_connect_provider.eks.arn': 'arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123',
        'aws_eks_cluster.x.identity.0.oidc.0.issuer': issuer,
      },
    });
    const v = evaluateValue(at(doc, 'resource', 'aws_iam_role', 'mattermost', 0, 'assume_role_policy'), scope);
    expect(typeof v).toBe('string');
    expect(v).toBe(
      '{"Statement":[{"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{' +
      '"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:aud":"sts.amazonaws.com",' +
      '"oidc.eks.eu-west-1.amazonaws.com/id/ABC123:sub":"system:serviceaccount:mattermost:mattermost"}},' +
      '"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC123"}}],' +
      '"Version":"2012-10-17"}',
    );
    expect(calls).toContainEqual({ address: 'aws_eks_cluster.x', path: ['identity', 0, 'oidc', 0, 'issuer'] });
  });

  it('follows the issuer through a local and trimprefix', async () => {
    const doc = await tf(`
locals {
  oidc = trimprefix(aws_eks_cluster.x.identity[0].oidc[0].issuer, "https://")
}
data "aws_iam_policy_document" "trust" {}
resource "aws_iam_role" "r" {
  assume_role_policy = jsonencode({
    Statement = [{
      Condition = { StringEquals = { "\${local.oidc}:sub" = "system:serviceaccount:\${var.ns}:mattermost" } }
    }]
  })
}`);
    const scope = scopeOf({ locals: at(doc, 'locals', 0) as Record<string, Json>, vars: { ns: 'mm' } });
    const u = unresolved(evaluateValue(at(doc, 'resource', 'aws_iam_role', 'r', 0, 'assume_role_policy'), scope));
    const doc2 = JSON.parse(u.text) as { Statement: { Condition: { StringEquals: Record<string, string> } }[] };
    expect(doc2.Statement[0]?.Condition.StringEquals).toEqual({
      '${trimprefix(aws_eks_cluster.x.identity[0].oidc[0].issuer, "https://")}:sub': 'system:serviceaccount:mm:mattermost',
    });
    expect(u.refs).toEqual(expect.arrayContaining(['local.oidc', 'aws_eks_cluster.x']));
  });

  it('encodes like Terraform: sorted keys, Go escaping of <>&, whole numbers without exponent', () => {
    expect(E('jsonencode({b = 1, a = "<x&y>", c = [true, null, 1.5, 100000000000000000000000]})'))
      .toBe('{"a":"\\u003cx\\u0026y\\u003e","b":1,"c":[true,null,1.5,100000000000000000000000]}');
  });
});

describe('templates', () => {
  it('names buckets from variables', async () => {
    const doc = await tf(`resource "aws_s3_bucket" "backups" { bucket = "\${var.prefix}-backups" }`);
    const bucket = at(doc, 'resource', 'aws_s3_bucket', 'backups', 0, 'bucket');
    expect(evaluateValue(bucket, scopeOf({ vars: { prefix: 'oob' } }))).toBe('oob-backups');

    const u = unresolved(evaluateValue(bucket, EMPTY_SCOPE));
    expect(u).toMatchObject({ text: '${var.prefix}-backups', partial: true, refs: ['var.prefix'] });
    expect(u.reason).toContain('var.prefix');
    expect(partialString(u)?.endsWith('-backups')).toBe(true);
  });

  it('keeps the known parts of a partially known string, through locals', async () => {
    const doc = await tf(`
locals {
  name = "\${var.env}-\${aws_s3_bucket.logs.id}"
  full = "s3://\${local.name}/mattermost/"
}`);
    const locals = at(doc, 'locals', 0) as Record<string, Json>;
    const u = unresolved(evaluateValue(locals.full, scopeOf({ locals, vars: { env: 'prod' } })));
    expect(u.text).toBe('s3://prod-${aws_s3_bucket.logs.id}/mattermost/');
    expect(u.refs).toEqual(expect.arrayContaining(['local.name', 'aws_s3_bucket.logs']));
  });

  it('returns the value itself for a lone interpolation', async () => {
    const doc = await tf('locals {\n n = var.replicas\n b = var.on\n}');
    const scope = scopeOf({ vars: { replicas: 3, on: false } });
    expect(evaluateValue(at(doc, 'locals', 0, 'n'), scope)).toBe(3);
    expect(evaluateValue(at(doc, 'locals', 0, 'b'), scope)).toBe(false);
  });

  it('evaluates heredocs, directives and strip markers', async () => {
    const doc = await tf(`
locals {
  user_data = <<EOT
#!/bin/bash
%{ for p in var.ports ~}
allow \${p}
%{ endfor ~}
mode=%{ if var.ha }ha%{ else }single%{ endif }
EOT
}`);
    const v = evaluateValue(at(doc, 'locals', 0, 'user_data'), scopeOf({ vars: { ports: [443, 8065], ha: true } }));
    expect(v).toBe('#!/bin/bash\nallow 443\nallow 8065\nmode=ha\n');
    // a heredoc inside an expression (hcl2json leaves those as source): flush indentation, and
    // strip markers that reach only to the end of their line, as in HCL
    expect(E('jsonencode(<<-EOT\n    %{ for p in [1, 2] ~}\n      allow ${p}\n    %{~ endfor ~}\n    done\n    EOT\n)'))
      .toBe(JSON.stringify('  allow 1\n  allow 2\ndone\n'));
  });

  it('applies strip markers on both sides in quoted strings', () => {
    expect(E('"x =  ${~ 1 ~}  ;"')).toBe('x =1;');
    expect(E('"[ %{~ for v in ["a", "b"] ~} ${v} %{~ endfor ~} ]"')).toBe('[ab]');
  });

  it('leaves an unknown directive as its source, keeping the rest', () => {
    const u = unresolved(evaluateValue('a-%{ if var.x }b%{ endif }-c', EMPTY_SCOPE));
    expect(u.text).toBe('a-%{ if var.x }b%{ endif }-c');
    expect(u.partial).toBe(true);
  });

  it('handles escapes in JSON-mode strings and quoted HCL strings', () => {
    expect(evaluateValue('arn:aws:s3:::b/$${aws:username}/*', EMPTY_SCOPE)).toBe('arn:aws:s3:::b/${aws:username}/*');
    expect(E('"tab\\there \\"q\\" \\u00e9 $${x} %%{y}"')).toBe('tab\there "q" é ${x} %{y}');
    expect(E('"${"in}ner"}-x"')).toBe('in}ner-x');
  });

  it('keeps an object whose key is unknown as a shape, with the key as a placeholder', async () => {
    const doc = await tf('resource "aws_s3_bucket" "b" {\n  tags = { "${var.team}-owner" = "x", Name = "n" }\n}');
    const u = unresolved(evaluateValue(at(doc, 'resource', 'aws_s3_bucket', 'b', 0, 'tags'), EMPTY_SCOPE));
    expect(u).toMatchObject({ refs: ['var.team'], shape: { '${var.team}-owner': 'x', Name: 'n' } });
    expect(evaluateValue(at(doc, 'resource', 'aws_s3_bucket', 'b', 0, 'tags'), scopeOf({ vars: { team: 'sec' } })))
      .toEqual({ 'sec-owner': 'x', Name: 'n' });
  });

  it('yamlencode with unknown leaves is a partial YAML document', () => {
    const u = unresolved(E('yamlencode({bucket = aws_s3_bucket.b.id, ports = [var.port, 443]})'));
    expect(u.partial).toBe(true);
    expect(u.text).toBe('"bucket": "${aws_s3_bucket.b.id}"\n"ports":\n- "${var.port}"\n- 443\n');
  });

  it('marks literal ${ in the known part of a partial string so placeholders stay unambiguous', () => {
    const u = unresolved(evaluateValue('$${aws:username}/${var.x}', EMPTY_SCOPE));
    expect(u.text).toBe('$${aws:username}/${var.x}');
  });
});

describe('references', () => {
  it('data.aws_iam_policy_document.x.json is a reference the caller can answer', async () => {
    const doc = await tf(`
resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.backups.id
  policy = data.aws_iam_policy_document.deny_insecure.json
}`);
    const policy = at(doc, 'resource', 'aws_s3_bucket_policy', 'p', 0, 'policy');
    expect(unresolved(evaluateValue(policy, EMPTY_SCOPE)))
      .toMatchObject({ text: 'data.aws_iam_policy_document.deny_insecure.json', refs: ['data.aws_iam_policy_document.deny_insecure'] });
    const json = '{"Statement":[{"Effect":"Deny"}]}';
    expect(evaluateValue(policy, scopeOf({ refs: { 'data.aws_iam_policy_document.deny_insecure.json': json } }))).toBe(json);
  });

  it('asks the scope with the instance key first, stops the path at a splat, and applies the rest itself', () => {
    const calls: ScopeSpec['calls'] = [];
    const scope = scopeOf({
      calls,
      special: { 'count.index': 1 },
      refs: {
        'aws_instance.app.1.private_ip': '10.0.1.7',
        'aws_instance.app': [{ id: 'i-1' }, { id: 'i-2' }],
        'module.net.private_subnets': ['subnet-a', 'subnet-b'],
      },
    });
    expect(E('aws_instance.app[count.index].private_ip', scope)).toBe('10.0.1.7');
    expect(E('aws_instance.app[*].id', scope)).toEqual(['i-1', 'i-2']);
    expect(E('module.net.private_subnets[0]', scope)).toBe('subnet-a');
    expect(calls).toEqual([
      { address: 'aws_instance.app', path: [1, 'private_ip'] },
      { address: 'aws_instance.app', path: [] },
      { address: 'module.net', path: ['private_subnets', 0] },
    ]);
  });

  it('adds the referenced address to what an unresolved attribute already depends on', () => {
    const bucketName = unresolved(evaluateValue('${var.prefix}-logs', EMPTY_SCOPE));
    const scope = scopeOf({ refs: { 'aws_s3_bucket.logs.bucket': bucketName } });
    const u = unresolved(E('"arn:aws:s3:::${aws_s3_bucket.logs.bucket}/*"', scope));
    expect(u.text).toBe('arn:aws:s3:::${var.prefix}-logs/*');
    expect(u.refs).toEqual(['aws_s3_bucket.logs', 'var.prefix']);
  });

  it('supports attribute, index, legacy index and both splats on known values', () => {
    const scope = scopeOf({ vars: { nodes: [{ name: 'a', tags: { Env: 'x' } }, { name: 'b', tags: { Env: 'y' } }] } });
    expect(E('var.nodes[1].tags["Env"]', scope)).toBe('y');
    expect(E('var.nodes.0.name', scope)).toBe('a');
    expect(E('var.nodes[*].tags.Env', scope)).toEqual(['x', 'y']);
    expect(E('var.nodes.*.name', scope)).toEqual(['a', 'b']);
    expect(unresolved(E('var.nodes[2]', scope)).error).toBe(true);
    expect(unresolved(E('var.nodes[0].missing', scope))).toMatchObject({ error: true, reason: 'object has no attribute "missing"' });
  });

  it('each.value and count.index come from special(); unknown ones stay unresolved', () => {
    expect(E('"${each.key}=${each.value.port}"', scopeOf({ special: { 'each.key': 'web', 'each.value': { port: 443 } } })))
      .toBe('web=443');
    expect(unresolved(E('count.index + 1')).reason).toContain('count.index');
  });
});

describe('conditionals on variables', () => {
  it('chooses the branch when the condition is known', async () => {
    const doc = await tf(`
resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.kms_key_arn != null ? "aws:kms" : "AES256"
      kms_master_key_id = var.kms_key_arn
    }
  }
}
resource "aws_s3_bucket_replication_configuration" "r" { count = var.replicate ? 1 : 0 }`);
    const rule = at(doc, 'resource', 'aws_s3_bucket_server_side_encryption_configuration', 'e', 0);
    expect(evaluateValue(rule, scopeOf({ vars: { kms_key_arn: null } }))).toEqual({
      rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256', kms_master_key_id: null }] }],
    });
    const withKey = evaluateValue(rule, scopeOf({ vars: { kms_key_arn: 'arn:aws:kms:eu-west-1:1:key/k' } })) as { rule: { apply_server_side_encryption_by_default: { sse_algorithm: string }[] }[] };
    expect(withKey.rule[0]?.apply_server_side_encryption_by_default[0]?.sse_algorithm).toBe('aws:kms');
    expect(evaluateValue(at(doc, 'resource', 'aws_s3_bucket_replication_configuration', 'r', 0, 'count'), scopeOf({ vars: { replicate: true } }))).toBe(1);
  });

  it('an unknown condition is unresolved and names what it depends on, unless both branches agree', () => {
    const u = unresolved(E('var.ha ? aws_rds_cluster.a.endpoint : "localhost"'));
    expect(u.refs).toEqual(expect.arrayContaining(['var.ha', 'aws_rds_cluster.a']));
    expect(u.reason).toContain('var.ha');
    expect(E('var.ha ? "TLS1.2" : "TLS1.2"')).toBe('TLS1.2');
  });

  it('&& and || decide without the unknown side when the known side is enough', () => {
    expect(E('false && var.x')).toBe(false);
    expect(E('var.x || true')).toBe(true);
    expect(isUnresolved(E('true && var.x'))).toBe(true);
  });
});

describe('for expressions', () => {
  it('evaluates tuple and object for expressions over known collections', async () => {
    const doc = await tf(`
locals {
  names   = [for b in var.buckets : "\${var.prefix}-\${b}" if b != ""]
  by_name = { for k, v in var.teams : upper(k) => length(v) }
  grouped = { for u in var.users : u.team => u.name... }
  tags    = merge(var.tags, { for k in ["Owner", "Env"] : k => lookup(var.tags, k, "unset") })
}`);
    const scope = scopeOf({
      vars: {
        prefix: 'oob', buckets: ['backups', '', 'logs'], teams: { sec: ['a', 'b'], ops: ['c'] },
        users: [{ team: 'sec', name: 'ann' }, { team: 'ops', name: 'bob' }, { team: 'sec', name: 'cy' }],
        tags: { Owner: 'ir-team' },
      },
    });
    const l = at(doc, 'locals', 0) as Record<string, Json>;
    expect(evaluateValue(l.names, scope)).toEqual(['oob-backups', 'oob-logs']);
    expect(evaluateValue(l.by_name, scope)).toEqual({ OPS: 1, SEC: 2 });
    expect(evaluateValue(l.grouped, scope)).toEqual({ sec: ['ann', 'cy'], ops: ['bob'] });
    expect(evaluateValue(l.tags, scope)).toEqual({ Owner: 'ir-team', Env: 'unset' });
  });

  it('keeps element-wise unknowns, and is unresolved over an unknown collection', () => {
    expect(E('[for s in ["a", "b"] : aws_subnet.x[s].id]')).toEqual([
      expect.objectContaining({ $unresolved: true, refs: ['aws_subnet.x'] }),
      expect.objectContaining({ $unresolved: true, refs: ['aws_subnet.x'] }),
    ]);
    expect(unresolved(E('[for s in var.subnets : s.cidr]')).refs).toEqual(['var.subnets']);
    expect(unresolved(E('{for s in ["a", "a"] : s => 1}')).error).toBe(true);
  });
});

describe('operators', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['100 / 10 / 5', 2],
    ['2 * 3 % 4', 2],
    ['-2 * -3', 6],
    ['- 2 + 5', 3],
    ['!false && false', false],
    ['true || false && false', true],
    ['!(true || false)', false],
    ['1 + 2 < 4 == true', true],
    ['3 >= 3 && 2 > 3 || 1 <= 0', false],
    ['"5" + 1', 6],
    ['1 == "1"', false],
    ['[1, {a = "x"}] == [1, {a = "x"}]', true],
    ['{a = 1} != {a = 2}', true],
    ['true ? 1 : false ? 2 : 3', 1],
    ['false ? 1 : false ? 2 : 3', 3],
    ['1 + 2 == 3 ? "yes" : "no"', 'yes'],
    ['"${0.1 + 0.2} ${1 / 4} ${2e3}"', '0.3 0.25 2000'],
  ])('%s', (src, want) => {
    expect(E(src)).toEqual(want);
  });

  it('merges the references of unknown operands', () => {
    const u = unresolved(E('aws_autoscaling_group.a.desired_capacity + var.extra * 2'));
    expect(u.refs).toEqual(['aws_autoscaling_group.a', 'var.extra']);
    expect(u.text).toBe('aws_autoscaling_group.a.desired_capacity + var.extra * 2');
  });

  it('reports type errors and division by zero as errors, not as values', () => {
    for (const src of ['1 + true', '"abc" * 2', '1 / 0', '!"yes"', '[1] < 2', 'null + 1']) {
      expect(unresolved(E(src)).error, src).toBe(true);
    }
  });
});

describe('functions', () => {
  const scope = scopeOf({ vars: { list: ['b', 'a', 'b'], m: { x: '1', y: '2' }, n: null } });
  it.each<[string, TfValue]>([
    ['join(",", ["a", "b", 3])', 'a,b,3'],
    ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
    ['concat(["a"], var.list, [])', ['a', 'b', 'a', 'b']],
    ['merge(var.m, {y = "3"}, null, {z = "4"})', { x: '1', y: '3', z: '4' }],
    ['lookup(var.m, "x")', '1'],
    ['lookup(var.m, "q", "dflt")', 'dflt'],
    ['replace("https://oidc.example/id/1", "https://", "")', 'oidc.example/id/1'],
    ['replace("a-b_c", "/[-_]/", ".")', 'a.b.c'],
    ['replace("key=value", "/(?P<k>\\\\w+)=(\\\\w+)/", "$2:$${k}")', 'value:key'],
    ['lower("MiXeD")', 'mixed'],
    ['upper("mm")', 'MM'],
    ['trimprefix("https://x", "https://")', 'x'],
    ['trimsuffix("bucket.s3", ".s3")', 'bucket'],
    ['trimspace("  x \\n")', 'x'],
    ['tolist(["a", 1])', ['a', '1']],
    ['toset(var.list)', ['a', 'b']],
    ['tomap({a = 1, b = "x"})', { a: '1', b: 'x' }],
    ['tostring(12)', '12'],
    ['tonumber("42")', 42],
    ['tobool("true")', true],
    ['length("héllo")', 5],
    ['length(var.m)', 2],
    ['coalesce(var.n, "", "first")', 'first'],
    ['coalescelist([], ["x"])', ['x']],
    ['compact(["a", "", null, "b"])', ['a', 'b']],
    ['element(["a", "b", "c"], 4)', 'b'],
    ['flatten([["a"], [["b"], []], "c"])', ['a', 'b', 'c']],
    ['distinct(var.list)', ['b', 'a']],
    ['contains(var.list, "a")', true],
    ['contains(var.list, "z")', false],
    ['keys({b = 1, a = 2})', ['a', 'b']],
    ['values({b = 1, a = 2})', [2, 1]],
    ['try(var.m.missing, "fallback")', 'fallback'],
    ['try(var.m.x, "fallback")', '1'],
    ['can(var.m.missing)', false],
    ['can(var.m.x)', true],
    ['cidrsubnet("10.20.0.0/16", 8, 3)', '10.20.3.0/24'],
    ['cidrsubnet("fd00:fd12:3456:7890::/56", 16, 162)', 'fd00:fd12:3456:7800:a200::/72'],
    ['cidrhost("10.12.112.0/20", -2)', '10.12.127.254'],
    ['base64encode("Mattermost")', 'TWF0dGVybW9zdA=='],
    ['jsondecode("{\\"a\\": [1, true]}")', { a: [1, true] }],
    ['yamlencode({a = "b", c = [1, {d = true}]})', '"a": "b"\n"c":\n- 1\n- "d": true\n'],
    ['format("%s-%03d-%q-%v-%.2f-%x-%t", "a", 7, "q", [1], 3.14159, 255, true)', 'a-007-"q"-[1]-3.14-ff-true'],
    ['format("%[2]s/%[1]s", "a", "b")', 'b/a'],
    ['formatlist("arn:aws:s3:::%s/*", ["a", "b"])', ['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*']],
    ['max([3, 7, 5]...)', 7],
    ['min([3, 1, 2]...)', 1],
  ])('%s', (src, want) => {
    const v = E(src, scope);
    if (isUnresolved(v)) throw new Error(`${src}: ${v.reason}`);
    expect(v).toEqual(want);
  });

  it('renders format and join with unknown arguments as partial strings', () => {
    expect(unresolved(E('format("arn:aws:s3:::%s/*", aws_s3_bucket.b.id)')))
      .toMatchObject({ text: 'arn:aws:s3:::${aws_s3_bucket.b.id}/*', partial: true, refs: ['aws_s3_bucket.b'] });
    expect(unresolved(E('join(",", ["a", var.b])')).text).toBe('a,${var.b}');
  });

  it('leaves unknown and impure functions unresolved, or asks the scope', () => {
    const u = unresolved(E('templatefile("${path.module}/policy.tpl", { bucket = aws_s3_bucket.b.arn })'));
    expect(u.reason).toBe('function templatefile is not evaluated statically');
    expect(u.refs).toEqual(['aws_s3_bucket.b']);
    expect(unresolved(E('timestamp()')).reason).toBe('function timestamp is not evaluated statically');
    const withFile: Scope = { ...EMPTY_SCOPE, call: (name, args) => (name === 'file' && args[0] === 'a.json' ? '{"x":1}' : undefined) };
    expect(E('jsondecode(file("a.json")).x', withFile)).toBe(1);
  });

  it('try() does not guess when the first argument depends on something unknown', () => {
    expect(unresolved(E('try(aws_s3_bucket.b.id, "none")')).refs).toEqual(['aws_s3_bucket.b']);
  });

  it('reports wrong arguments as errors', () => {
    for (const src of ['upper()', 'lookup({a = 1}, "b")', 'element([], 0)', 'cidrsubnet("10.0.0.0/30", 8, 1)', 'jsondecode("{")', 'format("%d", "x")', 'format("%s")']) {
      expect(unresolved(E(src)).error, src).toBe(true);
    }
  });

  it('does not run regular expressions that could backtrack catastrophically', () => {
    const start = performance.now();
    const u = unresolved(E(`replace("${'a'.repeat(5000)}!", "/(a+)+$/", "x")`));
    expect(u.error).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(1000);
  });
});

describe('malformed and hostile input', () => {
  it.each([
    '${', '${var.x', '${1 +}', '${[1, 2}', '${{a = 1 b = 2}}', '%{ if true }x', '%{ endif }', '${"unterminated}',
    '${a..b}', '${foo(}', '${<<EOF\nno end}', '${var.}', '${1 ? 2}', '${"\\q"}', '${[for x in y]}', '${/* open}',
  ])('%j becomes an unresolved value with a reason', (src) => {
    const u = unresolved(evaluateValue(src, EMPTY_SCOPE));
    expect(u.reason).toMatch(/cannot parse/);
    expect(u.text).toBe(src);
    expect(referencesIn(src)).toEqual([]);
  });

  it('evaluates below the nesting limit and refuses beyond it without throwing', () => {
    expect(E('('.repeat(100) + '1' + ')'.repeat(100))).toBe(1);
    expect(unresolved(E('('.repeat(129) + '1' + ')'.repeat(129))).reason).toMatch(/^cannot parse expression: expression nested too deeply/);
    for (const src of ['('.repeat(100_000) + '1' + ')'.repeat(100_000), '['.repeat(50_000), '!'.repeat(100_000) + 'true',
      '{a = '.repeat(20_000) + '1' + '}'.repeat(20_000), Array(50_000).fill('1').join(' + ')]) {
      const u = unresolved(E(src));
      expect(u.reason).toMatch(/nested too deeply|operators in a row/);
    }
    let deep: Json = '${var.x}';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    let inner: TfValue = evaluateValue(deep, EMPTY_SCOPE);
    while (Array.isArray(inner)) inner = inner[0] as TfValue;
    expect(unresolved(inner).reason).toMatch(/nested too deeply/);
    expect(referencesIn(deep)).toEqual([]);
  });

  it('returns a huge literal string unchanged and quickly', () => {
    const huge = 'x'.repeat(20_000_000);
    const start = performance.now();
    expect(evaluateValue(huge, EMPTY_SCOPE)).toBe(huge);
    const tpl = evaluateValue(`${'y'.repeat(3_000_000)}\${var.suffix}`, scopeOf({ vars: { suffix: '-end' } }));
    expect(typeof tpl === 'string' && tpl.length === 3_000_004 && tpl.endsWith('y-end')).toBe(true);
    const tooLong = unresolved(evaluateValue(`${'z'.repeat(9_000_000)}\${var.suffix}`, EMPTY_SCOPE));
    expect(tooLong.reason).toMatch(/too long/);
    expect(tooLong.text.endsWith('${var.suffix}')).toBe(true);
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('stops combinatorial blow-ups within a budget', () => {
    const scope = scopeOf({ vars: { l: Array.from({ length: 3000 }, (_, i) => i) } });
    const start = performance.now();
    expect(unresolved(E('[for a in var.l : [for b in var.l : [for c in var.l : a + b + c]]]', scope)).reason).toMatch(/budget/);

    // a chain of references deeper than the stack allows
    const chain: Record<string, Json> = { c5000: 'end' };
    for (let i = 0; i < 5000; i++) chain[`c${i}`] = `\${local.c${i + 1}}`;
    expect(unresolved(evaluateValue('${local.c0}', scopeOf({ locals: chain }))).reason).toBe('references nested too deeply to evaluate statically');

    // a string that doubles through a chain of 40 locals
    const locals: Record<string, Json> = { l40: 'x'.repeat(64) };
    for (let i = 0; i < 40; i++) locals[`l${i}`] = `\${local.l${i + 1}}\${local.l${i + 1}}`;
    const doubled = evaluateValue('${local.l0}', scopeOf({ locals }));
    expect(unresolved(doubled).reason).toMatch(/too large/);

    // a tuple that doubles: shared sub-values are measured once, so this stays cheap too
    const tl: Record<string, Json> = { t40: '${[1]}' };
    for (let i = 0; i < 40; i++) tl[`t${i}`] = `\${[local.t${i + 1}, local.t${i + 1}]}`;
    const encoded = evaluateValue('${jsonencode(local.t0)}', scopeOf({ locals: tl }));
    expect(isUnresolved(encoded)).toBe(true);
    expect(performance.now() - start).toBeLessThan(10_000);
  });

  it('never throws on random token soup', () => {
    const tokens = ['${', '}', '%{', 'if', 'for', 'in', 'endif', 'endfor', 'else', '"', '\\', '(', ')', '[', ']', '{', '}', ',',
      '=', '==', '=>', '?', ':', '...', '.', '*', '[*]', '+', '-', '!', '&&', 'var', '.x', 'local.y', 'aws_s3_bucket.b',
      '1', '2.5', 'true', 'null', 'jsonencode(', 'format(', '"%s"', '<<EOF\n', '\nEOF\n', '~', '#', '\n', ' ', 'x', '$${', 'each.value'];
    let seed = 42;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const len = 1 + rnd(25);
      for (let j = 0; j < len; j++) s += tokens[rnd(tokens.length)];
      const v = evaluateValue(s, EMPTY_SCOPE);
      expect(v === undefined).toBe(false);
      expect(() => JSON.stringify(v)).not.toThrow();
      expect(() => referencesIn(s)).not.toThrow();
      expect(() => evaluateExpression(s, EMPTY_SCOPE)).not.toThrow();
    }
  });

  it('does not let an object key named __proto__ change the prototype', () => {
    const v = E('{"__proto__" = {polluted = true}}');
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect((v as Record<string, unknown>).__proto__).toEqual({ polluted: true });
  });
});

describe('referencesIn', () => {
  it('lists the addresses a resource body references, for joins', async () => {
    const doc = await tf(`
resource "aws_iam_role_policy" "p" {
  role   = aws_iam_role.mattermost.id
  policy = data.aws_iam_policy_document.s3.json
  name   = "\${local.name}-\${var.env}-\${each.key}-\${count.index}-\${path.module}"
  tags   = { for k, v in module.labels.tags : k => v if k != aws_kms_key.k.arn }
  subnet = aws_subnet.private[*].id
  dynamic "statement" {
    for_each = var.statements
    content { sid = statement.value.sid }
  }
}`);
    const body = at(doc, 'resource', 'aws_iam_role_policy', 'p', 0);
    // hcl2json orders attributes alphabetically (dynamic, name, policy, role, subnet, tags)
    expect(referencesIn(body, { bound: ['statement'] })).toEqual([
      'var.statements', 'local.name', 'var.env', 'data.aws_iam_policy_document.s3', 'aws_iam_role.mattermost',
      'aws_subnet.private', 'module.labels', 'aws_kms_key.k',
    ]);
    // without being told, a dynamic block iterator looks like a resource address
    expect(referencesIn(body)).toContain('statement.value');
  });

  it('finds references in object keys and template directives, but not in bound names', () => {
    expect(referencesIn({
      '${var.key}': '%{ for x in module.m.list }${x.id}${upper(aws_s3_bucket.b.id)}%{ endfor }',
      plain: 'no refs here',
      n: 3,
    })).toEqual(['var.key', 'module.m', 'aws_s3_bucket.b']);
  });
});
