/**
 * Terraform AWS provider → identity, EKS and isolation model (src/model/aws-identity.ts).
 *
 * IAM roles are assembled from every resource that shapes them (`aws_iam_role` with its
 * `inline_policy` / `managed_policy_arns`, `aws_iam_role_policy`, `aws_iam_role_policy_attachment`,
 * `aws_iam_policy_attachment`, `aws_iam_policy`, `data.aws_iam_policy_document`); users likewise
 * (login profiles, access keys, groups). Policy documents keep `${…}` placeholders where Terraform
 * knows a value only after apply; placeholders that name a declared OIDC provider, EKS cluster,
 * role, key or bucket are replaced by that object's model value (its ARN, or its address when the
 * ARN is known only after apply), so IRSA trusts can be joined with their provider and cluster.
 * Any other placeholder makes the document unknown.
 */
import type {
  AwsAccountReference, Ec2LaunchTemplate, Ec2TransitGatewayAttachment, Ec2VpcPeering, EksAccessEntry, EksAccessPolicyAssociation,
  EksAddon, EksCluster, EksNodeGroup, IamAttachedPolicy, IamOidcProvider, IamPolicy, IamRole, IamUser,
} from '../../model/aws-identity.ts';
import type { CloudObject, PolicyDocument, PolicyStatement } from '../../model/cloud.ts';
import { parsePolicy } from '../../model/functions/iam.ts';
import { arnParts, iamDeniesWithoutMfa } from '../../model/functions/iam-analysis.ts';
import { issuerHostPath, linkWebIdentity } from '../../model/functions/aws-identity-join.ts';
import { keptAddonSettings } from '../../model/functions/eks-addons.ts';
import { at, blocks, bool, cloudBase, inheritedProvider, lineOf, markUnknown, num, str, strs, track, unknownAt, type AdaptContext, type Mapper, type ProviderAdapter } from './adapt.ts';
import type { TfJson, TfResource } from './types.ts';

// ---- addresses, references, placement ---------------------------------------------------------

/** Address without instance keys (`aws_subnet.a[0]` → `aws_subnet.a`). */
function baseAddress(a: string): string {
  return a.replace(/\[[^\]]*\]/g, '');
}

/** A reference written inside module `r.module`, made absolute. */
function qualify(r: { module: string }, ref: string): string {
  const base = baseAddress(ref);
  return r.module ? `${r.module}.${base}` : base;
}

interface Index {
  resources: Map<string, TfResource[]>;
}

function indexResources(resources: readonly TfResource[]): Index {
  const m = new Map<string, TfResource[]>();
  for (const r of resources) {
    const k = baseAddress(r.address);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return { resources: m };
}

/** Declared resources an attribute (or anything below it) references, optionally of given types. */
function refsOf(r: TfResource, path: string, idx: Index, types?: readonly string[]): TfResource[] {
  const out: TfResource[] = [];
  for (const [p, addrs] of Object.entries(r.refs)) {
    if (!(p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`))) continue;
    for (const a of addrs) {
      for (const hit of idx.resources.get(qualify(r, a)) ?? []) {
        if ((!types || types.includes(hit.type)) && !out.includes(hit)) out.push(hit);
      }
    }
  }
  return out;
}

function placementOf(r: TfResource, ctx: AdaptContext): { region: string; accountIds: string[] } {
  const s = inheritedProvider(ctx.aws.providers, r.provider);
  return {
    region: str(r.values['region']) || s?.region || '',
    accountIds: s ? (s.assumeRoleAccountIds.length > 0 ? [...s.assumeRoleAccountIds] : [...s.allowedAccountIds]) : [],
  };
}

function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** A string argument, or the address of the one declared resource it references when its value is known only after apply; null when unknown otherwise. */
function valueOrAddress(r: TfResource, path: string, idx: Index, types?: readonly string[]): string | null {
  const v = at(r.values, path);
  if (typeof v === 'string' && !v.includes('${') && unknownAt(r, path) === null) return v;
  if ((v === undefined || v === null) && unknownAt(r, path) === null) return '';
  const hits = refsOf(r, path, idx, types);
  return hits.length === 1 ? baseAddress(hits[0]!.address) : null;
}

/** `track` plus: when the value was replaced by a declared resource's address, it is a join key, not unknown. */
function trackRef(o: CloudObject, modelPath: string, r: TfResource, tfPath: string, value: string | null): void {
  (o.origins ??= {})[modelPath] = lineOf(r, tfPath);
  if (value === null) {
    const why = unknownAt(r, tfPath) ?? 'not known statically';
    markUnknown(o, modelPath, `${r.address}.${tfPath}: ${why}`);
  }
}

/** Line of a nested block (`remote_access` → its `remote_access[0]` line), else as lineOf. */
function blockLine(r: TfResource, path: string): ReturnType<typeof lineOf> {
  const l = r.lines[path] ?? r.lines[`${path}[0]`];
  return l !== undefined ? { ...r.source, line: l } : lineOf(r, path);
}

function base(r: TfResource, ctx: AdaptContext, kind: string, name: string, resourceId: string): CloudObject & { region: string; accountIds: string[] } {
  return { ...cloudBase(r, ctx, kind, name, resourceId), ...placementOf(r, ctx) };
}

// ---- policy documents -------------------------------------------------------------------------

/** Replace each `${expr}` of a partial string (expr.ts placeholder syntax; `$${` is a literal). */
function mapPlaceholders(s: string, fn: (expr: string) => string | null): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const j = s.indexOf('${', i);
    if (j < 0) {
      out += s.slice(i);
      break;
    }
    if (j > 0 && s[j - 1] === '$') {
      out += s.slice(i, j + 2);
      i = j + 2;
      continue;
    }
    let depth = 1;
    let k = j + 2;
    let quote = false;
    for (; k < s.length && depth > 0; k++) {
      const ch = s[k];
      if (quote) {
        if (ch === '\\') k++;
        else if (ch === '"') quote = false;
      } else if (ch === '"') quote = true;
      else if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    if (depth > 0) {
      out += s.slice(i);
      break;
    }
    const expr = s.slice(j + 2, k - 1);
    out += s.slice(i, j) + (fn(expr) ?? s.slice(j, k));
    i = k;
  }
  return out;
}

function placeholders(s: string): string[] {
  const found: string[] = [];
  mapPlaceholders(s, (e) => {
    found.push(`\${${e}}`);
    return null;
  });
  return found;
}

/** The text of a leaf of a data source: its value, or `${expression}` when known only after apply. */
function leafText(d: TfResource, path: string): string {
  const v = at(d.values, path);
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const why = d.unknown[path] ?? unknownAt(d, path);
  if (why === null) return '';
  const m = /^(.+?) is not known statically$/.exec(why);
  if (m) return `\${${m[1]}}`;
  const refs = d.refs[path] ?? [];
  return refs.length === 1 ? `\${${refs[0]}}` : '${?}';
}

function leafList(d: TfResource, path: string): string[] {
  const v = at(d.values, path);
  if (Array.isArray(v)) return v.map((_, i) => leafText(d, `${path}[${i}]`)).filter((x) => x !== '');
  if (typeof v === 'string') return v === '' ? [] : [v];
  const t = leafText(d, path);
  return t === '' ? [] : [t];
}

/** `data "aws_iam_policy_document"` as a policy, unknown leaves as `${…}`; null when it merges other documents (not evaluated). */
function documentFromData(d: TfResource): { doc: PolicyDocument | null; why: string | null } {
  for (const k of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
    const v = d.values[k];
    if ((Array.isArray(v) && v.length > 0) || (typeof v === 'string' && v !== '') || unknownAt(d, k) !== null) {
      return { doc: null, why: `${d.address}: ${k} merges other policy documents, which oobguard does not evaluate` };
    }
  }
  if (d.unknown['statement'] !== undefined || (unknownAt(d, 'statement') !== null && !Array.isArray(d.values['statement']))) {
    return { doc: null, why: `${d.address}.statement: ${d.unknown['statement'] ?? unknownAt(d, 'statement')}` };
  }
  const statements: PolicyStatement[] = blocks(d.values['statement']).map((_, i) => {
    const b = `statement[${i}]`;
    const principals = (block: string): Record<string, string[]> => {
      const out: Record<string, string[]> = {};
      blocks(at(d.values, `${b}.${block}`)).forEach((_p, j) => {
        const type = leafText(d, `${b}.${block}[${j}].type`) || 'AWS';
        out[type] = [...(out[type] ?? []), ...leafList(d, `${b}.${block}[${j}].identifiers`)];
      });
      return out;
    };
    const conditions: Record<string, Record<string, string[]>> = {};
    blocks(at(d.values, `${b}.condition`)).forEach((_c, j) => {
      const test = leafText(d, `${b}.condition[${j}].test`);
      const variable = leafText(d, `${b}.condition[${j}].variable`);
      (conditions[test] ??= {})[variable] = leafList(d, `${b}.condition[${j}].values`);
    });
    return {
      sid: leafText(d, `${b}.sid`), effect: leafText(d, `${b}.effect`) || 'Allow',
      actions: leafList(d, `${b}.actions`), notActions: leafList(d, `${b}.not_actions`),
      resources: leafList(d, `${b}.resources`), notResources: leafList(d, `${b}.not_resources`),
      principals: principals('principals'), notPrincipals: principals('not_principals'), conditions,
    };
  });
  return { doc: { version: leafText(d, 'version') || '2012-10-17', statements }, why: null };
}

function hasNullLeaf(json: string): boolean {
  return /[[,:]\s*null\s*[,\]}]/.test(json);
}

interface RawPolicy { doc: PolicyDocument | null; why: string | null; source: string }

/** A policy argument (JSON string, `jsonencode(…)` with placeholders, or a policy-document data source). */
function readPolicy(r: TfResource, path: string, idx: Index): RawPolicy {
  const v = at(r.values, path);
  const data = refsOf(r, path, idx, ['aws_iam_policy_document']).filter((d) => d.mode === 'data');
  const policy = refsOf(r, path, idx, ['aws_iam_policy']);
  const source = data.length === 1 ? baseAddress(data[0]!.address) : policy.length === 1 ? baseAddress(policy[0]!.address) : '';
  const fromData = data.length === 1 ? documentFromData(data[0]!) : null;
  // A data source whose statements cannot all be read (dynamic blocks, merged documents) leaves the policy unknown.
  if (fromData && fromData.doc === null) return { ...fromData, source };
  if (typeof v === 'string' && v !== '') {
    const parsed = parsePolicy(v);
    if (parsed && !hasNullLeaf(v)) return { doc: parsed, why: null, source };
  }
  if (fromData) return { ...fromData, source };
  const why = unknownAt(r, path);
  if (typeof v === 'string' && v !== '') return { doc: null, why: why ?? 'not a readable policy document', source };
  return { doc: null, why: why ?? 'not set', source };
}

/** Model values that stand in for declared resources inside policies and trusts. */
interface Canon {
  ctx: AdaptContext;
  idx: Index;
  clusters: Map<string, EksCluster>;
  oidc: Map<string, IamOidcProvider>;
  roles: Map<string, IamRole>;
  users: Map<string, IamUser>;
  policies: Map<string, IamPolicy>;
}

const REF = String.raw`((?:module\.[\w-]+\.)*(?:data\.)?[a-z0-9]+_[a-z0-9_]+\.[\w-]+)(?:\[[^\]]*\])?((?:\.[\w-]+|\[\d+\]|\["[^"]*"\])*)`;
const PLAIN_REF = new RegExp(`^\\s*${REF}\\s*$`);
const STRIPPED_REF = new RegExp(`^\\s*(?:replace|trimprefix)\\(\\s*${REF}\\s*,\\s*"https://"\\s*(?:,\\s*""\\s*)?\\)\\s*$`);

/** The model value a placeholder expression stands for, or null. */
function canonExpr(expr: string, module: string, canon: Canon, depth = 0): string | null {
  const stripped = STRIPPED_REF.exec(expr);
  const m = stripped ?? PLAIN_REF.exec(expr);
  if (!m || depth > 3) return null;
  const addr = module ? `${module}.${m[1]!}` : m[1]!;
  const attrs = m[2] ?? '';
  const withScheme = (hostPath: string): string => (stripped ? hostPath : `https://${hostPath}`);
  const cluster = canon.clusters.get(addr);
  if (cluster && attrs.startsWith('.identity')) return withScheme(issuerHostPath(cluster));
  const provider = canon.oidc.get(addr);
  if (provider) {
    if (attrs === '.arn' || attrs === '.id') return provider.arn;
    if (attrs === '.url') return provider.url === '' ? null : withScheme(provider.url);
    return null;
  }
  const role = canon.roles.get(addr);
  if (role) {
    if (attrs === '.arn') return role.arn || role.address;
    if ((attrs === '.name' || attrs === '.id') && role.roleName) return role.roleName;
    if (attrs === '.unique_id') return role.address;
    return null;
  }
  const user = canon.users.get(addr);
  if (user) {
    if (attrs === '.arn') return user.arn || user.address;
    if ((attrs === '.name' || attrs === '.id') && user.userName) return user.userName;
    return null;
  }
  const policy = canon.policies.get(addr);
  if (policy && (attrs === '.arn' || attrs === '.id')) return policy.arn || policy.address;
  const res = canon.idx.resources.get(addr)?.[0];
  if (!res) return null;
  if ((res.type === 'aws_kms_key' || res.type === 'aws_kms_alias' || res.type === 'aws_kms_replica_key') && ['.arn', '.key_id', '.id', '.target_key_arn'].includes(attrs)) {
    const known = str(at(res.values, attrs.slice(1)));
    return known.startsWith('arn:') ? known : baseAddress(res.address);
  }
  if (res.type === 'aws_s3_bucket') {
    const name = str(res.values['bucket']);
    if (name === '' || name.includes('${')) return null;
    if (attrs === '.arn') return `arn:aws:s3:::${name}`;
    if (attrs === '.id' || attrs === '.bucket') return name;
    return null;
  }
  if (res.type === 'tls_certificate' && res.mode === 'data' && attrs === '.url') {
    const t = leafText(res, 'url');
    return canonString(t, res.module, canon, depth + 1);
  }
  return null;
}

function canonString(s: string, module: string, canon: Canon, depth = 0): string {
  if (!s.includes('${')) return s;
  return mapPlaceholders(s, (e) => canonExpr(e, module, canon, depth));
}

function canonDoc(doc: PolicyDocument, module: string, canon: Canon): PolicyDocument {
  const c = (s: string): string => canonString(s, module, canon);
  const map = (o: Record<string, string[]>): Record<string, string[]> => Object.fromEntries(Object.entries(o).map(([k, v]) => [c(k), v.map(c)]));
  return {
    version: doc.version,
    statements: doc.statements.map((s) => ({
      sid: s.sid, effect: c(s.effect), actions: s.actions.map(c), notActions: s.notActions.map(c), resources: s.resources.map(c), notResources: s.notResources.map(c),
      principals: map(s.principals), notPrincipals: map(s.notPrincipals),
      conditions: Object.fromEntries(Object.entries(s.conditions).map(([op, keys]) => [c(op), map(keys)])),
    })),
  };
}

/** Placeholders left in a document after canonicalization (each one unknown). */
function docPlaceholders(doc: PolicyDocument): string[] {
  const out = new Set<string>();
  const add = (s: string): void => { for (const p of placeholders(s)) out.add(p); };
  for (const s of doc.statements) {
    [s.effect, ...s.actions, ...s.notActions, ...s.resources, ...s.notResources].forEach(add);
    for (const o of [s.principals, s.notPrincipals]) for (const [k, v] of Object.entries(o)) { add(k); v.forEach(add); }
    for (const [op, keys] of Object.entries(s.conditions)) { add(op); for (const [k, v] of Object.entries(keys)) { add(k); v.forEach(add); } }
  }
  return [...out];
}

/** Read, canonicalize and judge a policy argument; records origin and unknown on `o` at `modelPath`. */
function resolvePolicy(o: CloudObject, modelPath: string, r: TfResource, tfPath: string, canon: Canon): { doc: PolicyDocument | null; source: string } {
  (o.origins ??= {})[modelPath] = lineOf(r, tfPath);
  const raw = readPolicy(r, tfPath, canon.idx);
  if (raw.doc === null) {
    markUnknown(o, modelPath, `${r.address}.${tfPath}: ${raw.why ?? 'not readable'}`);
    return { doc: null, source: raw.source };
  }
  const doc = canonDoc(raw.doc, r.module, canon);
  const left = docPlaceholders(doc);
  if (left.length > 0) markUnknown(o, modelPath, `${r.address}.${tfPath}: ${left.slice(0, 3).join(', ')}${left.length > 3 ? ', …' : ''} not known statically`);
  return { doc, source: raw.source };
}

// ---- mappers ------------------------------------------------------------------------------------

const AWS_MANAGED_POLICY = /^arn:aws[\w-]*:iam::aws:policy\//;

function role(r: TfResource, ctx: AdaptContext): IamRole {
  const v = r.values;
  const name = str(v['name']);
  const path = str(v['path']) || '/';
  const p = placementOf(r, ctx);
  const knownArn = str(v['arn']);
  const arn = knownArn || (name && !name.includes('${') && p.accountIds.length === 1 ? `arn:${partitionOf(p.region)}:iam::${p.accountIds[0]}:role${path}${name}` : '');
  const o: IamRole = {
    ...base(r, ctx, 'IamRole', name || r.address, arn), kind: 'IamRole',
    roleName: name, path, arn, assumeRolePolicy: null, policies: [], attachedPolicyArns: [], permissionsBoundary: str(v['permissions_boundary']),
    webIdentity: [], trustedServices: [], nodeGroups: [], serviceAccounts: [], mattermostFileStore: false, fileStoreBuckets: [], velero: false, backupBuckets: [], kmsKeys: [],
  };
  track(o, 'roleName', r, 'name');
  if (name === '') markUnknown(o, 'roleName', `${r.address}: name is ${str(v['name_prefix']) ? 'generated from name_prefix' : 'generated by Terraform'} at apply time`);
  track(o, 'permissionsBoundary', r, 'permissions_boundary');
  if (arn === '') markUnknown(o, 'arn', `${r.address}.arn: known after apply (the provider does not pin one account)`);
  return o;
}

function oidcProvider(r: TfResource, ctx: AdaptContext): IamOidcProvider {
  const o: IamOidcProvider = {
    ...base(r, ctx, 'IamOidcProvider', r.address, str(r.values['arn'])), kind: 'IamOidcProvider',
    arn: str(r.values['arn']) || baseAddress(r.address), url: '', clientIDList: strs(r.values['client_id_list']), thumbprintList: strs(r.values['thumbprint_list']), cluster: '',
  };
  track(o, 'clientIDList', r, 'client_id_list');
  (o.origins ??= {})['url'] = lineOf(r, 'url');
  return o;
}

function eksCluster(r: TfResource, ctx: AdaptContext, idx: Index): EksCluster {
  const v = r.values;
  const name = str(v['name']);
  const p = placementOf(r, ctx);
  const arn = str(v['arn']) || (name && p.region && p.accountIds.length === 1 ? `arn:${partitionOf(p.region)}:eks:${p.region}:${p.accountIds[0]}:cluster/${name}` : '');
  const vpc = blocks(v['vpc_config'])[0] ?? {};
  const access = blocks(v['access_config'])[0];
  const issuer = str(at(v, 'identity[0].oidc[0].issuer'));
  const cidrs = vpc['public_access_cidrs'];
  const o: EksCluster = {
    ...base(r, ctx, 'EksCluster', name || r.address, arn), kind: 'EksCluster',
    name, arn, version: str(v['version']), platformVersion: str(v['platform_version']),
    resourcesVpcConfig: {
      endpointPublicAccess: bool(vpc['endpoint_public_access']) ?? true,
      endpointPrivateAccess: bool(vpc['endpoint_private_access']) ?? false,
      // EKS defaults the allow-list to 0.0.0.0/0 (DescribeCluster returns it for every cluster that sets none).
      publicAccessCidrs: cidrs === undefined || cidrs === null ? ['0.0.0.0/0'] : strs(cidrs),
      securityGroupIds: strs(vpc['security_group_ids']),
      subnetIds: strs(vpc['subnet_ids']),
    },
    enabledLogTypes: strs(v['enabled_cluster_log_types']),
    encryptionConfig: blocks(v['encryption_config']).map((e) => ({ resources: strs(e['resources']), provider: { keyArn: '' } })),
    accessConfig: {
      // API defaults when access_config (or an argument of it) is absent: CONFIG_MAP, creator bootstrapped as cluster admin.
      authenticationMode: str(access?.['authentication_mode']) || 'CONFIG_MAP',
      bootstrapClusterCreatorAdminPermissions: bool(access?.['bootstrap_cluster_creator_admin_permissions']) ?? true,
    },
    oidcIssuer: issuer || baseAddress(r.address),
    upgradePolicy: { supportType: str(at(v, 'upgrade_policy[0].support_type')) || 'EXTENDED' },
    addons: [], networkPolicyEnforcers: [],
  };
  track(o, 'name', r, 'name');
  track(o, 'version', r, 'version');
  if (o.version === '' && unknownAt(r, 'version') === null) markUnknown(o, 'version', `${r.address}: version is not set; EKS picks its default version at creation`);
  track(o, 'resourcesVpcConfig.endpointPublicAccess', r, 'vpc_config[0].endpoint_public_access');
  track(o, 'resourcesVpcConfig.endpointPrivateAccess', r, 'vpc_config[0].endpoint_private_access');
  track(o, 'resourcesVpcConfig.publicAccessCidrs', r, 'vpc_config[0].public_access_cidrs');
  track(o, 'resourcesVpcConfig.securityGroupIds', r, 'vpc_config[0].security_group_ids');
  // A plan leaves an absent allow-list "known after apply"; it does not matter while the public endpoint is off.
  if (o.resourcesVpcConfig.endpointPublicAccess === false && unknownAt(r, 'vpc_config[0].endpoint_public_access') === null
    && (r.refs['vpc_config[0].public_access_cidrs'] ?? []).length === 0 && o.unknown?.['resourcesVpcConfig.publicAccessCidrs'] !== undefined) {
    delete o.unknown['resourcesVpcConfig.publicAccessCidrs'];
    o.resourcesVpcConfig.publicAccessCidrs = ['0.0.0.0/0'];
  }
  track(o, 'enabledLogTypes', r, 'enabled_cluster_log_types');
  track(o, 'accessConfig.authenticationMode', r, 'access_config[0].authentication_mode');
  track(o, 'accessConfig.bootstrapClusterCreatorAdminPermissions', r, 'access_config[0].bootstrap_cluster_creator_admin_permissions');
  track(o, 'upgradePolicy.supportType', r, 'upgrade_policy[0].support_type');
  (o.origins ??= {})['encryptionConfig'] = blockLine(r, 'encryption_config');
  if (unknownAt(r, 'encryption_config') !== null && !Array.isArray(v['encryption_config'])) markUnknown(o, 'encryptionConfig', `${r.address}.encryption_config: ${unknownAt(r, 'encryption_config')}`);
  blocks(v['encryption_config']).forEach((_e, i) => {
    const key = valueOrAddress(r, `encryption_config[${i}].provider[0].key_arn`, idx, ['aws_kms_key', 'aws_kms_alias', 'aws_kms_replica_key', 'aws_kms_external_key']);
    o.encryptionConfig[i]!.provider.keyArn = key ?? '';
    trackRef(o, `encryptionConfig[${i}].provider.keyArn`, r, `encryption_config[${i}].provider[0].key_arn`, key);
    track(o, `encryptionConfig[${i}].resources`, r, `encryption_config[${i}].resources`);
  });
  (o.origins ??= {})['oidcIssuer'] = r.source;
  if (!issuer) markUnknown(o, 'oidcIssuer', `${r.address}.identity[0].oidc[0].issuer: known after apply`);
  return o;
}

function eksRef(r: TfResource, idx: Index, clusters: Map<string, EksCluster>, all: readonly EksCluster[]): { clusterName: string; cluster: EksCluster | null } {
  const hit = refsOf(r, 'cluster_name', idx, ['aws_eks_cluster'])[0];
  const byRef = hit ? clusters.get(baseAddress(hit.address)) ?? null : null;
  const name = str(r.values['cluster_name']);
  const byName = byRef ?? (name ? all.find((c) => c.name === name) ?? null : null);
  return { clusterName: name || byName?.name || '', cluster: byName };
}

function launchTemplate(r: TfResource, ctx: AdaptContext): Ec2LaunchTemplate {
  const md = blocks(r.values['metadata_options'])[0];
  const o: Ec2LaunchTemplate = {
    ...base(r, ctx, 'Ec2LaunchTemplate', str(r.values['name']) || r.address, str(r.values['arn'])), kind: 'Ec2LaunchTemplate',
    launchTemplateName: str(r.values['name']), imageId: str(r.values['image_id']),
    metadataOptions: {
      httpEndpoint: str(md?.['http_endpoint']) || 'enabled',
      httpTokens: str(md?.['http_tokens']),
      httpPutResponseHopLimit: num(md?.['http_put_response_hop_limit']) ?? 1,
      instanceMetadataTags: str(md?.['instance_metadata_tags']) || 'disabled',
    },
    nodeGroups: [],
  };
  for (const [m, t] of [['httpEndpoint', 'http_endpoint'], ['httpTokens', 'http_tokens'], ['httpPutResponseHopLimit', 'http_put_response_hop_limit'], ['instanceMetadataTags', 'instance_metadata_tags']] as const) {
    track(o, `metadataOptions.${m}`, r, `metadata_options[0].${t}`);
    if (!md) (o.origins ??= {})[`metadataOptions.${m}`] = r.source;
  }
  if (unknownAt(r, 'metadata_options') !== null && !md) markUnknown(o, 'metadataOptions', `${r.address}.metadata_options: ${unknownAt(r, 'metadata_options')}`);
  track(o, 'imageId', r, 'image_id');
  return o;
}

function user(r: TfResource, ctx: AdaptContext): IamUser {
  const name = str(r.values['name']);
  const path = str(r.values['path']) || '/';
  const p = placementOf(r, ctx);
  const arn = str(r.values['arn']) || (name && p.accountIds.length === 1 ? `arn:${partitionOf(p.region)}:iam::${p.accountIds[0]}:user${path}${name}` : '');
  const o: IamUser = {
    ...base(r, ctx, 'IamUser', name || r.address, arn), kind: 'IamUser',
    userName: name, path, arn, loginProfile: null, accessKeys: [], mfaDevices: [], groups: [], policies: [],
  };
  track(o, 'userName', r, 'name');
  return o;
}

const mappers: Record<string, Mapper> = {
  aws_iam_role: (r, ctx) => { if (r.mode === 'managed') ctx.aws.iam.roles.push(role(r, ctx)); },
  aws_iam_openid_connect_provider: (r, ctx) => { if (r.mode === 'managed') ctx.aws.iam.oidcProviders.push(oidcProvider(r, ctx)); },
  aws_iam_user: (r, ctx) => { if (r.mode === 'managed') ctx.aws.iam.users.push(user(r, ctx)); },
  aws_launch_template: (r, ctx) => { if (r.mode === 'managed') ctx.aws.ec2.launchTemplates.push(launchTemplate(r, ctx)); },
};

// ---- finish: everything that needs the whole set ---------------------------------------------------

function finish(resources: readonly TfResource[], ctx: AdaptContext): void {
  const idx = indexResources(resources);
  const aws = ctx.aws;
  const of = <T extends CloudObject>(list: readonly T[]): Map<string, T> => new Map(list.map((x) => [baseAddress(x.address), x]));
  const byFull = new Map(resources.map((r) => [r.address, r]));
  const resourceOf = (o: CloudObject): TfResource => byFull.get(o.address)!;

  // EKS clusters first: everything IRSA joins to them.
  for (const r of resources) if (r.type === 'aws_eks_cluster' && r.mode === 'managed') aws.eks.clusters.push(eksCluster(r, ctx, idx));
  const clusters = of(aws.eks.clusters);
  const canon: Canon = { ctx, idx, clusters, oidc: of(aws.iam.oidcProviders), roles: of(aws.iam.roles), users: of(aws.iam.users), policies: new Map() };

  // OIDC providers: issuer host path, or the cluster whose issuer they name.
  for (const o of aws.iam.oidcProviders) {
    const r = resourceOf(o);
    const known = str(r.values['url']);
    if (known && !known.includes('${') && unknownAt(r, 'url') === null) o.url = known.replace(/^https:\/\//, '');
    else {
      const text = canonString(leafText(r, 'url'), r.module, canon);
      const viaCert = refsOf(r, 'url', idx, ['tls_certificate']).flatMap((d) => refsOf(d, 'url', idx, ['aws_eks_cluster']));
      const cl = [...refsOf(r, 'url', idx, ['aws_eks_cluster']), ...viaCert];
      if (!text.includes('${')) o.url = text.replace(/^https:\/\//, '');
      else if (cl.length === 1) o.url = issuerHostPath(clusters.get(baseAddress(cl[0]!.address))!);
      else markUnknown(o, 'url', `${r.address}.url: ${unknownAt(r, 'url') ?? 'not known statically'}`);
    }
  }

  // Customer-managed policies.
  for (const r of resources) {
    if (r.type !== 'aws_iam_policy' || r.mode !== 'managed') continue;
    const name = str(r.values['name']);
    const path = str(r.values['path']) || '/';
    const pl = placementOf(r, ctx);
    const arn = str(r.values['arn']) || (name && pl.accountIds.length === 1 ? `arn:${partitionOf(pl.region)}:iam::${pl.accountIds[0]}:policy${path}${name}` : '');
    const o: IamPolicy = { ...base(r, ctx, 'IamPolicy', name || r.address, arn), kind: 'IamPolicy', policyName: name, path, arn, document: null, attachedTo: [] };
    track(o, 'policyName', r, 'name');
    aws.iam.policies.push(o);
  }
  canon.policies = of(aws.iam.policies);
  for (const o of aws.iam.policies) {
    const r = resourceOf(o);
    o.document = resolvePolicy(o, 'document', r, 'policy', canon).doc;
  }

  // Roles: trust policy, inline policies, managed policy ARNs.
  const roles = canon.roles;
  for (const o of aws.iam.roles) {
    const r = resourceOf(o);
    o.assumeRolePolicy = resolvePolicy(o, 'assumeRolePolicy', r, 'assume_role_policy', canon).doc;
    blocks(r.values['inline_policy']).forEach((b, i) => {
      if (str(b['name']) === '' && (b['policy'] === undefined || b['policy'] === null || b['policy'] === '') && unknownAt(r, `inline_policy[${i}].policy`) === null) return; // `inline_policy {}` removes all
      addPolicy(o, r, `inline_policy[${i}].policy`, { type: 'inline', policyName: str(b['name']), policyArn: '', viaGroup: '' }, canon);
    });
    // `inline_policy` / `managed_policy_arns` unknown as a whole in a plan: computed, not configured here.
    const mpa = r.values['managed_policy_arns'];
    if (Array.isArray(mpa)) mpa.forEach((_x, i) => attachManaged(o, r, `managed_policy_arns[${i}]`, canon, ''));
  }
  const users = canon.users;

  // Separate attachment resources.
  const groupsOfUser = new Map<string, string[]>();
  const groupPolicies = new Map<string, { r: TfResource; path: string; inline: boolean; name: string }[]>();
  for (const r of resources) {
    if (r.mode !== 'managed') continue;
    switch (r.type) {
      case 'aws_iam_role_policy': case 'aws_iam_role_policy_attachment':
      case 'aws_iam_user_policy': case 'aws_iam_user_policy_attachment': {
        const onRole = r.type.startsWith('aws_iam_role_');
        const inline = !r.type.endsWith('_attachment');
        const target = onRole
          ? principalFor(r, 'role', roles, idx, 'aws_iam_role', (x) => x.roleName)
          : principalFor(r, 'user', users, idx, 'aws_iam_user', (x) => x.userName);
        if (target === 'unknown') {
          forAll(onRole ? aws.iam.roles : aws.iam.users, 'policies',
            `${r.address} attaches ${inline ? 'an inline policy' : 'a policy'} to a ${onRole ? 'role' : 'user'} that cannot be identified statically`);
        } else if (target && inline) addPolicy(target, r, 'policy', { type: 'inline', policyName: str(r.values['name']), policyArn: '', viaGroup: '' }, canon);
        else if (target) attachManaged(target, r, 'policy_arn', canon, '');
        break;
      }
      case 'aws_iam_policy_attachment': {
        const listOf = (attr: string): (string | null)[] => {
          const v = r.values[attr];
          return Array.isArray(v) ? v.map((_x, i) => valueOrAddress(r, `${attr}[${i}]`, idx) ?? null) : [];
        };
        for (const n of listOf('roles')) {
          const t = n === null ? null : roles.get(n) ?? aws.iam.roles.find((x) => x.roleName === n);
          if (n === null) forAll(aws.iam.roles, 'policies', `${r.address} attaches a policy to a role that cannot be identified statically`);
          else if (t) attachManaged(t, r, 'policy_arn', canon, '');
        }
        for (const n of listOf('users')) {
          const t = n === null ? null : users.get(n) ?? aws.iam.users.find((x) => x.userName === n);
          if (n === null) forAll(aws.iam.users, 'policies', `${r.address} attaches a policy to a user that cannot be identified statically`);
          else if (t) attachManaged(t, r, 'policy_arn', canon, '');
        }
        for (const n of listOf('groups')) if (n !== null) pushGroupPolicy(groupPolicies, groupName(n, idx), { r, path: 'policy_arn', inline: false, name: '' });
        break;
      }
      case 'aws_iam_group_policy':
        pushGroupPolicy(groupPolicies, groupName(valueOrAddress(r, 'group', idx, ['aws_iam_group']) ?? '?', idx), { r, path: 'policy', inline: true, name: str(r.values['name']) });
        break;
      case 'aws_iam_group_policy_attachment':
        pushGroupPolicy(groupPolicies, groupName(valueOrAddress(r, 'group', idx, ['aws_iam_group']) ?? '?', idx), { r, path: 'policy_arn', inline: false, name: '' });
        break;
      case 'aws_iam_user_group_membership': {
        const u = principalFor(r, 'user', users, idx, 'aws_iam_user', (x) => x.userName);
        if (u && u !== 'unknown') {
          const gs = r.values['groups'];
          (Array.isArray(gs) ? gs : []).forEach((_g, i) => {
            const g = valueOrAddress(r, `groups[${i}]`, idx, ['aws_iam_group']);
            if (g === null) markUnknown(u, 'groups', `${r.address}.groups[${i}]: not known statically`);
            else pushUnique(groupsOfUser, u.id, groupName(g, idx));
          });
        }
        break;
      }
      case 'aws_iam_group_membership': {
        const g = groupName(valueOrAddress(r, 'group', idx, ['aws_iam_group']) ?? '?', idx);
        const us = r.values['users'];
        (Array.isArray(us) ? us : []).forEach((_u, i) => {
          const n = valueOrAddress(r, `users[${i}]`, idx, ['aws_iam_user']);
          const t = n === null ? null : users.get(n) ?? aws.iam.users.find((x) => x.userName === n);
          if (t) pushUnique(groupsOfUser, t.id, g);
        });
        break;
      }
      case 'aws_iam_user_login_profile': {
        const u = principalFor(r, 'user', users, idx, 'aws_iam_user', (x) => x.userName);
        if (u === 'unknown') forAll(aws.iam.users, 'loginProfile', `${r.address} gives a console password to a user that cannot be identified statically`);
        else if (u) {
          // The generated password (`password`, `encrypted_password`) is never read.
          u.loginProfile = { passwordResetRequired: bool(r.values['password_reset_required']) ?? false, address: r.address };
          (u.origins ??= {})['loginProfile'] = r.source;
        }
        break;
      }
      case 'aws_iam_access_key': {
        const u = principalFor(r, 'user', users, idx, 'aws_iam_user', (x) => x.userName);
        if (u === 'unknown') forAll(aws.iam.users, 'accessKeys', `${r.address} creates an access key for a user that cannot be identified statically`);
        else if (u) {
          // The key id and secret are never read.
          u.accessKeys.push({ status: str(r.values['status']) || 'Active', address: r.address, keyIdSuffix: '', createDate: '', lastUsedDate: '' });
          (u.origins ??= {})[`accessKeys[${u.accessKeys.length - 1}]`] = r.source;
          u.origins['accessKeys'] ??= r.source;
        }
        break;
      }
      default:
        break;
    }
  }
  for (const u of aws.iam.users) {
    u.groups = groupsOfUser.get(u.id) ?? [];
    for (const g of u.groups) {
      for (const gp of groupPolicies.get(g) ?? []) {
        if (gp.inline) addPolicy(u, gp.r, gp.path, { type: 'inline', policyName: gp.name, policyArn: '', viaGroup: g }, canon);
        else attachManaged(u, gp.r, gp.path, canon, g);
      }
    }
    if (groupPolicies.has('?')) markUnknown(u, 'policies', 'a group policy is attached to a group that cannot be identified statically');
    // Terraform cannot enable an MFA device; with a console password and no MFA-enforcing policy, whether MFA is registered is unknown.
    if (u.loginProfile !== null && !u.policies.some((p) => iamDeniesWithoutMfa(p.document))) {
      markUnknown(u, 'mfaDevices', `${u.address}: Terraform does not show whether user ${u.userName || u.address} registered an MFA device`);
    }
  }

  // IRSA trusts (need providers and clusters), trusted services, and each provider's cluster.
  linkWebIdentity(aws);

  // EKS add-ons, node groups, access entries and associations.
  for (const r of resources) {
    if (r.mode !== 'managed') continue;
    if (r.type === 'aws_eks_addon') aws.eks.addons.push(addon(r, ctx, idx, clusters));
    else if (r.type === 'aws_eks_node_group') aws.eks.nodeGroups.push(nodeGroup(r, ctx, idx, clusters, canon));
    else if (r.type === 'aws_eks_access_entry') aws.eks.accessEntries.push(accessEntry(r, ctx, idx, clusters, canon));
    else if (r.type === 'aws_eks_access_policy_association') aws.eks.accessPolicyAssociations.push(accessPolicyAssociation(r, ctx, idx, clusters, canon));
    else if (r.type === 'aws_vpc_peering_connection' || r.type === 'aws_vpc_peering_connection_accepter') aws.ec2.vpcPeerings.push(peering(r, ctx, idx));
    else if (r.type === 'aws_ec2_transit_gateway_vpc_attachment' || r.type === 'aws_ec2_transit_gateway_peering_attachment') aws.ec2.transitGatewayAttachments.push(tgwAttachment(r, ctx, idx));
  }
  for (const a of aws.eks.addons) {
    const c = aws.eks.clusters.find((x) => x.id === a.cluster);
    if (!c) continue;
    c.addons.push(a.id);
    if (a.addonName !== 'vpc-cni') continue;
    if (a.unknown?.['configurationValues']) markUnknown(c, 'networkPolicyEnforcers', a.unknown['configurationValues']);
    else if (enabled(a.configurationValues?.['enableNetworkPolicy'])) c.networkPolicyEnforcers.push('vpc-cni');
  }
  // Calico / Cilium installed with Helm: attributed to the cluster when it is the only one among the inputs.
  const helm = resources.filter((r) => r.type === 'helm_release' && r.mode === 'managed');
  if (aws.eks.clusters.length === 1) {
    for (const h of helm) {
      const chart = str(h.values['chart']).toLowerCase();
      const engine = /cilium/.test(chart) ? 'cilium' : /tigera|calico/.test(chart) ? 'calico' : '';
      if (engine && !aws.eks.clusters[0]!.networkPolicyEnforcers.includes(engine)) aws.eks.clusters[0]!.networkPolicyEnforcers.push(engine);
    }
  }
  for (const c of aws.eks.clusters) (c.origins ??= {})['networkPolicyEnforcers'] = c.source;

  // Every account-qualified ARN the configuration names.
  for (const r of resources) {
    if (r.mode !== 'managed') continue;
    scanArns(r.values, '', (path, arn, account) => {
      const o: AwsAccountReference = {
        ...cloudBase(r, ctx, 'AwsAccountReference', `${r.address} ${path}`, arn), kind: 'AwsAccountReference',
        id: `tf/${r.address}#${path}#${arn}`, arn, accountId: account, resourceType: r.type, attribute: path,
      };
      (o.origins ??= {})['arn'] = lineOf(r, path);
      (o.origins)['accountId'] = lineOf(r, path);
      aws.accountReferences.push(o);
    });
  }
}

function enabled(v: unknown): boolean {
  return v === true || (typeof v === 'string' && v.toLowerCase() === 'true');
}

function pushUnique(m: Map<string, string[]>, k: string, v: string): void {
  const list = m.get(k) ?? [];
  if (!list.includes(v)) list.push(v);
  m.set(k, list);
}

function pushGroupPolicy(m: Map<string, { r: TfResource; path: string; inline: boolean; name: string }[]>, g: string, x: { r: TfResource; path: string; inline: boolean; name: string }): void {
  const list = m.get(g) ?? [];
  list.push(x);
  m.set(g, list);
}

/** A group's name from a name or a declared group's address. */
function groupName(nameOrAddress: string, idx: Index): string {
  const g = idx.resources.get(nameOrAddress)?.[0];
  return g && g.type === 'aws_iam_group' ? str(g.values['name']) || nameOrAddress : nameOrAddress;
}

function forAll(list: readonly CloudObject[], modelPath: string, why: string): void {
  for (const o of list) markUnknown(o, modelPath, why);
}

/** The role/user an attachment resource names (by reference or by name); 'unknown' when it cannot be told. */
function principalFor<T extends CloudObject>(r: TfResource, attr: string, byAddress: Map<string, T>, idx: Index, type: string, nameOf: (x: T) => string): T | null | 'unknown' {
  const hit = refsOf(r, attr, idx, [type])[0];
  if (hit) return byAddress.get(baseAddress(hit.address)) ?? null;
  const v = r.values[attr];
  const name = typeof v === 'string' && !v.includes('${') && unknownAt(r, attr) === null ? v.replace(/^arn:[^:]*:iam::\d*:(role|user)\/(?:.*\/)?/, '') : null;
  if (name === null) return 'unknown';
  return [...byAddress.values()].find((x) => nameOf(x) === name) ?? null;
}

function addPolicy(o: IamRole | IamUser, r: TfResource, tfPath: string, meta: Pick<IamAttachedPolicy, 'type' | 'policyName' | 'policyArn' | 'viaGroup'>, canon: Canon): void {
  const i = o.policies.length;
  const { doc, source } = resolvePolicy(o, `policies[${i}].document`, r, tfPath, canon);
  o.policies.push({ ...meta, awsManaged: false, document: doc, address: r.address, policyAddress: source });
  (o.origins ??= {})[`policies[${i}]`] = lineOf(r, tfPath);
  (o.origins)[`policies[${i}].document`] = lineOf(r, tfPath);
}

/** Attach a managed policy named by an ARN argument (a literal, a declared `aws_iam_policy`, or an AWS managed policy). */
function attachManaged(o: IamRole | IamUser, r: TfResource, tfPath: string, canon: Canon, viaGroup: string): void {
  const i = o.policies.length;
  (o.origins ??= {})[`policies[${i}]`] = lineOf(r, tfPath);
  (o.origins)[`policies[${i}].document`] = lineOf(r, tfPath);
  const declared = refsOf(r, tfPath, canon.idx, ['aws_iam_policy'])[0];
  const raw = at(r.values, tfPath);
  const literal = typeof raw === 'string' && !raw.includes('${') && unknownAt(r, tfPath) === null ? raw : '';
  const policy = declared ? canon.policies.get(baseAddress(declared.address)) : literal ? [...canon.policies.values()].find((p) => p.arn === literal || (p.policyName !== '' && arnParts(literal).resourceName === p.policyName && arnParts(literal).resourceType === 'policy')) : undefined;
  const arn = policy ? policy.arn || policy.address : literal;
  const entry: IamAttachedPolicy = {
    type: 'managed', policyName: policy?.policyName || arnParts(arn).resourceName, policyArn: arn, awsManaged: AWS_MANAGED_POLICY.test(arn),
    document: policy?.document ?? null, address: r.address, policyAddress: policy ? policy.address : '', viaGroup,
  };
  o.policies.push(entry);
  if ('attachedPolicyArns' in o && arn !== '') o.attachedPolicyArns.push(arn);
  if (policy) {
    policy.attachedTo.push({ type: 'roleName' in o ? 'role' : viaGroup ? 'group' : 'user', name: 'roleName' in o ? o.roleName : viaGroup || o.userName });
    const why = policy.unknown?.['document'];
    if (why) markUnknown(o, `policies[${i}].document`, why);
  } else if (arn === '') {
    markUnknown(o, `policies[${i}]`, `${r.address}.${tfPath}: ${unknownAt(r, tfPath) ?? 'not known statically'}`);
    if ('attachedPolicyArns' in o) markUnknown(o, 'attachedPolicyArns', `${r.address}.${tfPath}: ${unknownAt(r, tfPath) ?? 'not known statically'}`);
  } else if (!entry.awsManaged) {
    markUnknown(o, `policies[${i}].document`, `${r.address}.${tfPath}: policy ${arn} is not among the inputs`);
  }
}

function addon(r: TfResource, ctx: AdaptContext, idx: Index, clusters: Map<string, EksCluster>): EksAddon {
  const { clusterName, cluster } = eksRef(r, idx, clusters, [...clusters.values()]);
  const raw = r.values['configuration_values'];
  let config: Record<string, unknown> | null = null;
  let bad = false;
  if (typeof raw === 'string' && raw.trim() !== '' && !raw.includes('${')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) config = parsed as Record<string, unknown>;
      else bad = true;
    } catch {
      bad = true;
    }
  }
  const o: EksAddon = {
    ...base(r, ctx, 'EksAddon', `${clusterName}/${str(r.values['addon_name'])}`, str(r.values['arn'])), kind: 'EksAddon',
    addonName: str(r.values['addon_name']), clusterName, cluster: cluster?.id ?? '', addonVersion: str(r.values['addon_version']),
    configurationValues: keptAddonSettings(str(r.values['addon_name']), config), serviceAccountRoleArn: valueOrAddress(r, 'service_account_role_arn', idx, ['aws_iam_role']) ?? '',
  };
  track(o, 'addonName', r, 'addon_name');
  track(o, 'configurationValues', r, 'configuration_values');
  if (bad || (typeof raw === 'string' && raw.includes('${'))) markUnknown(o, 'configurationValues', `${r.address}.configuration_values: ${bad ? 'not a JSON object' : 'not known statically'}`);
  return o;
}

function nodeGroup(r: TfResource, ctx: AdaptContext, idx: Index, clusters: Map<string, EksCluster>, canon: Canon): EksNodeGroup {
  const v = r.values;
  const { clusterName, cluster } = eksRef(r, idx, clusters, [...clusters.values()]);
  const name = str(v['node_group_name']);
  const ra = blocks(v['remote_access'])[0];
  const lt = blocks(v['launch_template'])[0];
  const ltRes = refsOf(r, 'launch_template', idx, ['aws_launch_template'])[0];
  const ltModel = ltRes ? ctx.aws.ec2.launchTemplates.find((x) => baseAddress(x.address) === baseAddress(ltRes.address)) : lt ? ctx.aws.ec2.launchTemplates.find((x) => x.launchTemplateName !== '' && x.launchTemplateName === str(lt['name'])) : undefined;
  const roleText = valueOrAddress(r, 'node_role_arn', idx, ['aws_iam_role']);
  const roleModel = roleText === null ? undefined : canon.roles.get(roleText) ?? canon.ctx.aws.iam.roles.find((x) => (x.arn !== '' && x.arn === roleText) || (roleText.startsWith('arn:') && arnParts(roleText).resourceName === x.roleName));
  const version = str(v['version']) || cluster?.version || '';
  const o: EksNodeGroup = {
    ...base(r, ctx, 'EksNodeGroup', `${clusterName}/${name || r.address}`, str(v['arn'])), kind: 'EksNodeGroup',
    nodegroupName: name, clusterName, cluster: cluster?.id ?? '', amiType: str(v['ami_type']), version,
    remoteAccess: ra ? { ec2SshKey: str(ra['ec2_ssh_key']), sourceSecurityGroups: [] } : null,
    nodeRole: roleModel ? roleModel.arn || roleModel.address : roleText ?? '', nodeRoleId: roleModel?.id ?? '',
    launchTemplate: lt ? { id: str(lt['id']), name: str(lt['name']), version: str(lt['version']), template: ltModel?.id ?? '' } : null,
  };
  (o.origins ??= {})['remoteAccess'] = blockLine(r, 'remote_access');
  if (ra) {
    const sgs = ra['source_security_group_ids'];
    if (Array.isArray(sgs)) {
      sgs.forEach((_x, i) => {
        const sg = valueOrAddress(r, `remote_access[0].source_security_group_ids[${i}]`, idx, ['aws_security_group']);
        if (sg === null) markUnknown(o, 'remoteAccess.sourceSecurityGroups', `${r.address}.remote_access[0].source_security_group_ids[${i}]: not known statically`);
        else if (sg !== '') o.remoteAccess!.sourceSecurityGroups.push(sg);
      });
    } else if (unknownAt(r, 'remote_access[0].source_security_group_ids') !== null) {
      markUnknown(o, 'remoteAccess.sourceSecurityGroups', `${r.address}.remote_access[0].source_security_group_ids: ${unknownAt(r, 'remote_access[0].source_security_group_ids')}`);
    }
  } else if (unknownAt(r, 'remote_access') !== null) markUnknown(o, 'remoteAccess', `${r.address}.remote_access: ${unknownAt(r, 'remote_access')}`);
  (o.origins ??= {})['launchTemplate'] = blockLine(r, 'launch_template');
  if (!lt && unknownAt(r, 'launch_template') !== null) markUnknown(o, 'launchTemplate', `${r.address}.launch_template: ${unknownAt(r, 'launch_template')}`);
  if (lt && ltModel) {
    o.launchTemplate!.id ||= baseAddress(ltModel.address);
    o.launchTemplate!.name ||= ltModel.launchTemplateName;
    ltModel.nodeGroups.push(o.id);
  }
  trackRef(o, 'nodeRole', r, 'node_role_arn', roleText);
  if (roleModel) roleModel.nodeGroups.push(o.id);
  // ami_type absent: CUSTOM with a launch-template image, else EKS's default for the Kubernetes version.
  (o.origins ??= {})['amiType'] = lineOf(r, 'ami_type');
  if (o.amiType === '' && unknownAt(r, 'ami_type') === null) {
    if (ltModel && ltModel.imageId !== '') o.amiType = 'CUSTOM';
    else if (lt && !ltModel) markUnknown(o, 'amiType', `${r.address}: ami_type is not set and launch template ${str(lt['name']) || str(lt['id']) || '(unknown)'} is not among the inputs`);
    else if (/^1\.(\d+)/.test(version)) o.amiType = Number(/^1\.(\d+)/.exec(version)![1]) >= 30 ? 'AL2023_x86_64_STANDARD' : 'AL2_x86_64';
    else markUnknown(o, 'amiType', `${r.address}: ami_type is not set and the Kubernetes version is not known, so EKS's default AMI type cannot be told`);
  } else track(o, 'amiType', r, 'ami_type');
  return o;
}

function principalOf(r: TfResource, idx: Index, canon: Canon): { arn: string | null; name: string } {
  const text = valueOrAddress(r, 'principal_arn', idx, ['aws_iam_role', 'aws_iam_user']);
  if (text === null) return { arn: null, name: '' };
  const role = canon.roles.get(text);
  if (role) return { arn: role.arn || role.address, name: role.roleName };
  const u = canon.users.get(text);
  if (u) return { arn: u.arn || u.address, name: u.userName };
  return { arn: text, name: arnParts(text).resourceName };
}

function accessEntry(r: TfResource, ctx: AdaptContext, idx: Index, clusters: Map<string, EksCluster>, canon: Canon): EksAccessEntry {
  const { clusterName, cluster } = eksRef(r, idx, clusters, [...clusters.values()]);
  const p = principalOf(r, idx, canon);
  const o: EksAccessEntry = {
    ...base(r, ctx, 'EksAccessEntry', `${clusterName}/${p.name || p.arn || r.address}`, str(r.values['access_entry_arn'])), kind: 'EksAccessEntry',
    clusterName, cluster: cluster?.id ?? '', principalArn: p.arn ?? '', principalName: p.name,
    kubernetesGroups: strs(r.values['kubernetes_groups']), type: str(r.values['type']) || 'STANDARD',
  };
  trackRef(o, 'principalArn', r, 'principal_arn', p.arn);
  if (p.arn === null) markUnknown(o, 'principalName', `${r.address}.principal_arn: ${unknownAt(r, 'principal_arn') ?? 'not known statically'}`);
  track(o, 'kubernetesGroups', r, 'kubernetes_groups');
  return o;
}

function accessPolicyAssociation(r: TfResource, ctx: AdaptContext, idx: Index, clusters: Map<string, EksCluster>, canon: Canon): EksAccessPolicyAssociation {
  const { clusterName, cluster } = eksRef(r, idx, clusters, [...clusters.values()]);
  const p = principalOf(r, idx, canon);
  const scope = blocks(r.values['access_scope'])[0] ?? {};
  const o: EksAccessPolicyAssociation = {
    ...base(r, ctx, 'EksAccessPolicyAssociation', `${clusterName}/${p.name || p.arn || r.address}/${arnParts(str(r.values['policy_arn'])).resourceName}`, ''), kind: 'EksAccessPolicyAssociation',
    clusterName, cluster: cluster?.id ?? '', principalArn: p.arn ?? '', principalName: p.name, policyArn: str(r.values['policy_arn']),
    accessScope: { type: str(scope['type']), namespaces: strs(scope['namespaces']) },
  };
  trackRef(o, 'principalArn', r, 'principal_arn', p.arn);
  if (p.arn === null) markUnknown(o, 'principalName', `${r.address}.principal_arn: ${unknownAt(r, 'principal_arn') ?? 'not known statically'}`);
  track(o, 'policyArn', r, 'policy_arn');
  track(o, 'accessScope', r, 'access_scope');
  (o.origins ??= {})['accessScope'] = blockLine(r, 'access_scope');
  return o;
}

function peering(r: TfResource, ctx: AdaptContext, idx: Index): Ec2VpcPeering {
  const v = r.values;
  const requester = r.type === 'aws_vpc_peering_connection';
  const own = placementOf(r, ctx);
  let peerOwner = str(v['peer_owner_id']);
  let same = false;
  if (requester && peerOwner === '' && unknownAt(r, 'peer_owner_id') === null) same = true;
  if (!requester && peerOwner === '' && unknownAt(r, 'peer_owner_id') === null) {
    // The accepter reads the requester's account from the connection: known when that connection is declared here.
    const conn = refsOf(r, 'vpc_peering_connection_id', idx, ['aws_vpc_peering_connection'])[0];
    if (conn) peerOwner = placementOf(conn, ctx).accountIds.length === 1 ? placementOf(conn, ctx).accountIds[0]! : '';
  }
  const o: Ec2VpcPeering = {
    ...base(r, ctx, 'Ec2VpcPeering', r.address, str(v['id'])), kind: 'Ec2VpcPeering',
    side: requester ? 'requester' : 'accepter', vpcId: valueOrAddress(r, 'vpc_id', idx, ['aws_vpc']) ?? '', peerVpcId: valueOrAddress(r, 'peer_vpc_id', idx, ['aws_vpc']) ?? '',
    peerOwnerId: same ? (own.accountIds.length === 1 ? own.accountIds[0]! : '') : peerOwner, sameAccount: same, peerRegion: str(v['peer_region']) || own.region,
  };
  track(o, 'peerOwnerId', r, 'peer_owner_id');
  if (!same && peerOwner === '' && !o.unknown?.['peerOwnerId']) markUnknown(o, 'peerOwnerId', `${r.address}: the requester's account is known only after apply (the peering connection is not declared among the inputs)`);
  return o;
}

function tgwAttachment(r: TfResource, ctx: AdaptContext, idx: Index): Ec2TransitGatewayAttachment {
  const v = r.values;
  const tgw = refsOf(r, 'transit_gateway_id', idx, ['aws_ec2_transit_gateway'])[0];
  const tgwAccounts = tgw ? placementOf(tgw, ctx).accountIds : [];
  const own = placementOf(r, ctx);
  const peering = r.type === 'aws_ec2_transit_gateway_peering_attachment';
  const o: Ec2TransitGatewayAttachment = {
    ...base(r, ctx, 'Ec2TransitGatewayAttachment', r.address, str(v['id'])), kind: 'Ec2TransitGatewayAttachment',
    resourceType: peering ? 'peering' : 'vpc', transitGatewayId: tgw ? baseAddress(tgw.address) : str(v['transit_gateway_id']),
    transitGatewayOwnerId: tgw && tgwAccounts.length === 1 ? tgwAccounts[0]! : '',
    peerAccountId: peering ? str(v['peer_account_id']) || (own.accountIds.length === 1 ? own.accountIds[0]! : '') : '',
    vpcId: valueOrAddress(r, 'vpc_id', idx, ['aws_vpc']) ?? '',
    vpcOwnerId: !peering && own.accountIds.length === 1 ? own.accountIds[0]! : '',
  };
  (o.origins ??= {})['transitGatewayOwnerId'] = lineOf(r, 'transit_gateway_id');
  if (o.transitGatewayOwnerId === '') {
    markUnknown(o, 'transitGatewayOwnerId', tgw
      ? `${r.address}: transit gateway ${tgw.address} is declared under a provider that does not pin one account`
      : `${r.address}.transit_gateway_id: transit gateway ${str(v['transit_gateway_id']) || '(known after apply)'} is not declared among the inputs (a shared gateway: its owner cannot be told)`);
  }
  if (peering) {
    track(o, 'peerAccountId', r, 'peer_account_id');
    if (o.peerAccountId === '' && !o.unknown?.['peerAccountId']) markUnknown(o, 'peerAccountId', `${r.address}: peer_account_id is not set and the provider does not pin one account`);
  }
  return o;
}

const ARN_WITH_ACCOUNT = /arn:aws[\w-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):[^\s"',\]}]*/g;

/** Every ARN with an account id in a resource's values (strings and policy JSON inside them). */
function scanArns(v: TfJson, path: string, found: (path: string, arn: string, account: string) => void): void {
  if (typeof v === 'string') {
    const seen = new Set<string>();
    for (const m of v.matchAll(ARN_WITH_ACCOUNT)) {
      if (seen.has(m[0])) continue;
      seen.add(m[0]);
      found(path, m[0], m[1]!);
    }
  } else if (Array.isArray(v)) v.forEach((x, i) => scanArns(x, `${path}[${i}]`, found));
  else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'tags' || k === 'tags_all') continue;
      scanArns(x, path === '' ? k : /^[A-Za-z_][\w-]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`, found);
    }
  }
}

export const awsIdentityAdapter: ProviderAdapter = { mappers, finish };
