/**
 * Cross-source joins between Kubernetes and AWS identity: which IAM role a ServiceAccount's
 * `eks.amazonaws.com/role-arn` names, which roles serve the Mattermost file store and Velero (and
 * so which buckets and KMS keys they may touch), which EKS cluster an OIDC provider and an IRSA
 * trust belong to, which node groups run with a role, and what enforces NetworkPolicy on an EKS
 * cluster. Runs over the whole model once every source is in — files and live APIs in `collect`,
 * shards in `merge` — so rules read the joined facts, and their unknowns, from the role itself.
 *
 * `joinAwsIdentity` is idempotent: it first clears what an earlier run derived (`unjoinAwsIdentity`)
 * and recomputes it from the source facts, so joining a snapshot that was already joined (a shard)
 * gives the same result as joining its sources once.
 */
import type { AwsCollections } from '../aws.ts';
import type { AwsIdentityCollections, EksCluster, IamRole, RoleServiceAccount } from '../aws-identity.ts';
import type { K8sCollections } from '../k8s.ts';
import type { MattermostConfig } from '../mattermost.ts';
import { setUnknown } from '../provenance.ts';
import { arnParts, iamAllowsAction, webIdentityTrusts } from './iam-analysis.ts';

const ROLE_ANNOTATION = 'eks.amazonaws.com/role-arn';
/** Velero's ServiceAccount when its Deployment is not among the inputs (Helm chart defaults). */
const VELERO_SERVICE_ACCOUNTS = [{ namespace: 'velero', name: 'velero' }, { namespace: 'velero', name: 'velero-server' }];
const VELERO_IMAGE = /(^|\/)velero\/velero(:|@|$)/;

/** Does an ARN (from an annotation) name this role? By ARN when both are known, else by name (and account when known). */
export function roleMatchesArn(role: IamRole, arn: string): boolean {
  if (arn === '') return false;
  if (role.arn !== '' && role.arn === arn) return true;
  const p = arnParts(arn);
  if (p.service !== 'iam' || p.resourceType !== 'role' || role.roleName === '' || p.resourceName !== role.roleName) return false;
  if (role.arn !== '') return false; // both known and different
  return role.accountIds.length === 0 || p.account === '' || role.accountIds.includes(p.account);
}

function addSa(role: IamRole, sa: Omit<RoleServiceAccount, 'annotated' | 'trusted'> & Partial<Pick<RoleServiceAccount, 'annotated' | 'trusted'>>): void {
  const hit = role.serviceAccounts.find((x) => x.namespace === sa.namespace && x.name === sa.name);
  if (hit) {
    hit.annotated ||= sa.annotated ?? false;
    hit.trusted ||= sa.trusted ?? false;
    hit.found ||= sa.found;
  } else role.serviceAccounts.push({ annotated: false, trusted: false, ...sa });
}

function kmsPattern(key: string): string {
  if (key.startsWith('arn:') || key.includes('.')) return key; // an ARN, or a declared key's address
  if (key.startsWith('alias/')) return `arn:aws:kms:*:*:${key}`;
  return `arn:aws:kms:*:*:key/${key}`;
}

function pushUnique(list: string[], v: string): void {
  if (v !== '' && !list.includes(v)) list.push(v);
}

/** The issuer host path of a cluster: its OIDC issuer URL without `https://` (Terraform: the cluster's address until apply). */
export function issuerHostPath(c: EksCluster): string {
  return c.oidcIssuer.replace(/^https:\/\//, '');
}

function dropUnknown(o: { unknown?: Record<string, string> }, paths: readonly string[]): void {
  if (o.unknown === undefined) return;
  for (const p of paths) delete o.unknown[p];
  if (Object.keys(o.unknown).length === 0) delete o.unknown;
}

/**
 * IRSA links, recomputed from the trust policies over the providers and clusters given: each OIDC
 * provider's cluster (by issuer), each role's web-identity trusts (`webIdentityTrusts`) and trusted
 * services, with the unknowns they inherit (an unreadable trust policy, a provider whose issuer is
 * not known). The Terraform adapter, the live collector and the cross-source join all call it, so
 * they agree.
 */
export function linkWebIdentity(aws: Pick<AwsIdentityCollections, 'iam' | 'eks'>): void {
  for (const p of aws.iam.oidcProviders) p.cluster = aws.eks.clusters.find((c) => p.url !== '' && issuerHostPath(c) === p.url)?.id ?? '';
  const join = {
    providers: aws.iam.oidcProviders.map((p) => ({ id: p.id, arn: p.arn, url: p.url, cluster: p.cluster })),
    clusters: aws.eks.clusters.map((c) => ({ id: c.id, issuer: issuerHostPath(c) })),
  };
  for (const r of aws.iam.roles) {
    dropUnknown(r, ['webIdentity', 'trustedServices']);
    r.webIdentity = webIdentityTrusts(r.assumeRolePolicy, join);
    for (const t of r.webIdentity) {
      const why = aws.iam.oidcProviders.find((p) => p.id === t.provider)?.unknown?.['url'];
      if (why) setUnknown(r, 'webIdentity', `the issuer of trusted provider ${t.federated} is not known: ${why}`);
    }
    r.trustedServices = [...new Set((r.assumeRolePolicy?.statements ?? []).filter((s) => s.effect.toLowerCase() === 'allow').flatMap((s) => s.principals['Service'] ?? []))];
    const why = r.unknown?.['assumeRolePolicy'];
    if (why) {
      setUnknown(r, 'webIdentity', why);
      setUnknown(r, 'trustedServices', why);
    }
    (r.origins ??= {})['webIdentity'] = r.origins['assumeRolePolicy'] ?? r.source;
  }
}

/** Fields of a role that only the join fills. */
const JOINED_ROLE_FIELDS = ['serviceAccounts', 'velero', 'backupBuckets', 'kmsKeys'];

/** Clear what `joinAwsIdentity` derived on the roles (back to the state the collectors left). */
export function unjoinAwsIdentity(aws: Pick<AwsIdentityCollections, 'iam'>): void {
  for (const r of aws.iam.roles) {
    r.serviceAccounts = [];
    r.mattermostFileStore = false;
    r.fileStoreBuckets = [];
    r.velero = false;
    r.backupBuckets = [];
    r.kmsKeys = [];
    dropUnknown(r, JOINED_ROLE_FIELDS);
    if (r.origins !== undefined) delete r.origins['serviceAccounts'];
  }
}

export function joinAwsIdentity(aws: AwsCollections, k8s: K8sCollections, configs: readonly MattermostConfig[]): void {
  const roles = aws.iam.roles;
  unjoinAwsIdentity(aws);
  if (roles.length === 0 && aws.eks.clusters.length === 0) return;
  linkWebIdentity(aws);

  // Node groups ↔ their node role, across sources (a live node group naming a declared role, …).
  for (const g of aws.eks.nodeGroups) {
    const role = g.nodeRoleId !== '' ? roles.find((r) => r.id === g.nodeRoleId) : roles.find((r) => roleMatchesArn(r, g.nodeRole));
    if (!role) continue;
    g.nodeRoleId = role.id;
    pushUnique(role.nodeGroups, g.id);
  }
  const saFound = (ns: string, name: string): boolean => k8s.serviceAccounts.some((s) => s.namespace === ns && s.name === name);

  // ServiceAccounts annotated with a role; ServiceAccounts a role trusts.
  for (const sa of k8s.serviceAccounts) {
    const arn = sa.annotations[ROLE_ANNOTATION] ?? '';
    for (const r of roles) if (roleMatchesArn(r, arn)) addSa(r, { namespace: sa.namespace, name: sa.name, found: true, annotated: true });
  }
  for (const r of roles) {
    for (const t of r.webIdentity) for (const s of t.serviceAccounts) addSa(r, { namespace: s.namespace, name: s.name, found: saFound(s.namespace, s.name), trusted: true });
    (r.origins ??= {})['serviceAccounts'] = r.origins['assumeRolePolicy'] ?? r.source;
    const why = r.unknown?.['webIdentity'];
    if (why) (r.unknown ??= {})['serviceAccounts'] = `which ServiceAccounts the role trusts is not known: ${why}`;
  }

  // Mattermost file store: the CR's ServiceAccount (named like the CR) or a Mattermost workload's ServiceAccount.
  const mmBuckets = (installationId: string | null): string[] => {
    const out: string[] = [];
    for (const c of configs) {
      if (installationId !== null && c.installation !== installationId && c.installation !== null) continue;
      const fs = c.settings['FileSettings'] ?? {};
      if (String(fs['DriverName'] ?? '') === 'amazons3') pushUnique(out, String(fs['AmazonS3Bucket'] ?? ''));
    }
    return out;
  };
  for (const m of k8s.mattermosts) {
    const sa = k8s.serviceAccounts.find((s) => s.namespace === m.namespace && s.name === m.name);
    const arn = sa?.annotations[ROLE_ANNOTATION] ?? '';
    for (const r of roles) {
      if (!roleMatchesArn(r, arn)) continue;
      r.mattermostFileStore = true;
      if (m.fileStore.bucket !== '') pushUnique(r.fileStoreBuckets, m.fileStore.bucket);
      for (const b of mmBuckets(m.id)) pushUnique(r.fileStoreBuckets, b);
    }
  }
  for (const w of k8s.workloads) {
    if (!w.isMattermost) continue;
    const arn = w.serviceAccount.annotations[ROLE_ANNOTATION] ?? '';
    for (const r of roles) {
      if (!roleMatchesArn(r, arn)) continue;
      r.mattermostFileStore = true;
      for (const b of mmBuckets(w.installation ?? w.id)) pushUnique(r.fileStoreBuckets, b);
    }
  }

  // Velero: ServiceAccounts its server runs as (or the chart's defaults), annotated with or trusted by the role.
  const veleroSas = new Set<string>();
  for (const w of k8s.workloads) {
    const containers = Array.isArray(w.pod.spec['containers']) ? w.pod.spec['containers'] : [];
    if (containers.some((c) => c !== null && typeof c === 'object' && !Array.isArray(c) && VELERO_IMAGE.test(String(c['image'] ?? '')))) veleroSas.add(`${w.namespace}/${w.serviceAccount.name}`);
  }
  if (veleroSas.size === 0) for (const d of VELERO_SERVICE_ACCOUNTS) veleroSas.add(`${d.namespace}/${d.name}`);
  const awsLocations = k8s.velero.storageLocations.filter((l) => ['aws', 'velero.io/aws'].includes(String(l.spec['provider'] ?? '')));
  for (const r of roles) {
    r.velero = r.serviceAccounts.some((s) => veleroSas.has(`${s.namespace}/${s.name}`) && (s.annotated || s.trusted));
    if (!r.velero && r.unknown?.['webIdentity']) (r.unknown ??= {})['velero'] = `whether this is Velero's role is not known: ${r.unknown['webIdentity']}`;
    if (r.velero) {
      for (const l of awsLocations) pushUnique(r.backupBuckets, l.bucket);
      if (awsLocations.length === 0) (r.unknown ??= {})['backupBuckets'] = `${r.address || r.name}: no AWS BackupStorageLocation is among the inputs, so Velero's bucket is not known`;
    }
  }

  // KMS keys the file-store / backup role may use: BSL kmsKeyId and the buckets' SSE-KMS keys.
  for (const r of roles) {
    if (!r.velero && !r.mattermostFileStore) continue;
    const buckets = [...r.fileStoreBuckets, ...r.backupBuckets];
    const missing: string[] = [];
    if (r.velero) for (const l of awsLocations) pushUnique(r.kmsKeys, kmsPattern(String((l.spec['config'] as Record<string, unknown> | undefined)?.['kmsKeyId'] ?? '')));
    for (const b of buckets) {
      const bucket = aws.s3.buckets.find((x) => x.bucket === b);
      if (!bucket || bucket.unknown?.['encryption']) missing.push(b);
      else for (const rule of bucket.encryption.rules) if (rule.kmsMasterKeyId !== '') pushUnique(r.kmsKeys, kmsPattern(rule.kmsMasterKeyId));
    }
    r.kmsKeys = r.kmsKeys.filter((k) => k !== 'arn:aws:kms:*:*:key/');
    const usesKms = r.policies.some((p) => iamAllowsAction(p.document, 'kms:Decrypt') || iamAllowsAction(p.document, 'kms:GenerateDataKey'));
    if (usesKms && missing.length > 0) (r.unknown ??= {})['kmsKeys'] = `the SSE-KMS key of bucket ${missing.join(', ')} is not known (bucket not among the inputs, or its encryption is unknown)`;
  }

  // NetworkPolicy engines installed by manifests (DaemonSets), when there is one cluster to attribute them to.
  if (aws.eks.clusters.length === 1) {
    const c = aws.eks.clusters[0]!;
    for (const w of k8s.workloads) {
      if (w.kind !== 'DaemonSet') continue;
      const images = (Array.isArray(w.pod.spec['containers']) ? w.pod.spec['containers'] : []).map((x) => (x !== null && typeof x === 'object' && !Array.isArray(x) ? String(x['image'] ?? '') : ''));
      const engine = images.some((i) => /(^|\/)cilium(:|@|$)/.test(i)) ? 'cilium' : images.some((i) => /(^|\/)calico\/node(:|@|$)/.test(i)) ? 'calico' : '';
      if (engine && !c.networkPolicyEnforcers.includes(engine)) c.networkPolicyEnforcers.push(engine);
    }
  }
}
