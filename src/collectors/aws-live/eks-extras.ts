/**
 * Live EKS beyond the clusters (fields as in src/model/aws-identity.ts), per cluster of one region:
 *
 * - `ListAddons` → `DescribeAddon` → `aws.eks.addons`; the vpc-cni add-on's `configurationValues`
 *   (JSON or YAML) with `enableNetworkPolicy` puts `vpc-cni` in the cluster's
 *   `networkPolicyEnforcers`, as the Terraform adapter does. Of the configuration values only the
 *   settings rules read are kept (keptAddonSettings): other add-ons keep credentials there.
 * - `ListNodegroups` → `DescribeNodegroup` → `aws.eks.nodeGroups` (node role ARN, launch template).
 * - `ListAccessEntries` → `DescribeAccessEntry` and `ListAssociatedAccessPolicies` →
 *   `aws.eks.accessEntries` / `accessPolicyAssociations`, and each principal ARN as an
 *   `aws.accountReferences` entry (OOB-ISO-001 / OOB-AC-004: principals in the OOB account). A
 *   `CONFIG_MAP` cluster has no access entries: not asked.
 *
 * Lists are paged by `nextToken`; the lists of every cluster, then every describe, run at most
 * `concurrency` at a time.
 *
 * Failures. A cluster not read (its gap on `aws.eks.clusters`, from eks.ts: every cluster, or one)
 * hides its add-ons, node groups, access entries, associations and account references: the same
 * gap on each of them. A list failing: a gap on its collection scoped to the cluster (a failed
 * access-entry listing also on the associations and `aws.accountReferences`), and for add-ons the
 * cluster's `addons` and `networkPolicyEnforcers` unknown. One describe failing: a gap scoped to
 * `<cluster>/<name>`; a failed vpc-cni describe (or unparsable configuration) leaves
 * `networkPolicyEnforcers` unknown. A failed `DescribeAccessEntry` still gives the principal's
 * account reference (its ARN is in the listing).
 */
import {
  DescribeAccessEntryCommand, DescribeAddonCommand, DescribeNodegroupCommand, ListAccessEntriesCommand, ListAddonsCommand,
  ListAssociatedAccessPoliciesCommand, ListNodegroupsCommand,
  type AccessEntry, type Addon, type AssociatedAccessPolicy, type EKSClient, type Nodegroup,
} from '@aws-sdk/client-eks';
import { load as parseYaml } from 'js-yaml';
import type { AwsAccountReference, EksAccessEntry, EksAccessPolicyAssociation, EksAddon, EksCluster, EksNodeGroup } from '../../model/aws-identity.ts';
import { keptAddonSettings } from '../../model/functions/eks-addons.ts';
import { arnParts } from '../../model/functions/iam-analysis.ts';
import { setUnknown } from '../../model/provenance.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { call, mapBounded, paged, type CallCounter, type Outcome } from './calls.ts';
import { carried, failedBecause, gap, liveBase, type LiveScope } from './common.ts';
import { EKS_COLLECTION } from './eks.ts';

export const EKS_EXTRA_COLLECTIONS = ['aws.eks.addons', 'aws.eks.nodeGroups', 'aws.eks.accessEntries', 'aws.eks.accessPolicyAssociations', 'aws.accountReferences'] as const;
const [ADDONS, NODE_GROUPS, ENTRIES, ASSOCIATIONS, REFERENCES] = EKS_EXTRA_COLLECTIONS;

export interface EksExtrasResult {
  addons: EksAddon[];
  nodeGroups: EksNodeGroup[];
  accessEntries: EksAccessEntry[];
  accessPolicyAssociations: EksAccessPolicyAssociation[];
  accountReferences: AwsAccountReference[];
  gaps: CoverageGap[];
}

/** `configurationValues` as EKS holds it: a JSON or YAML document; null when absent, 'bad' when not an object. */
export function parseConfigurationValues(text: string | undefined): Record<string, unknown> | null | 'bad' {
  if (text === undefined || text.trim() === '') return null;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    try {
      v = parseYaml(text);
    } catch {
      return 'bad';
    }
  }
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : 'bad';
}

function addonOf(a: Addon, c: EksCluster, scope: LiveScope): EksAddon {
  const name = a.addonName ?? '';
  const arn = a.addonArn ?? `${c.arn.replace(':cluster/', ':addon/')}/${name}`;
  const parsed = parseConfigurationValues(a.configurationValues);
  const o: EksAddon = {
    ...liveBase(scope, 'EksAddon', `${c.name}/${name}`, arn, { ...(a.tags ?? {}) }), kind: 'EksAddon',
    region: scope.region, accountIds: [scope.accountId],
    addonName: name, clusterName: c.name, cluster: c.id, addonVersion: a.addonVersion ?? '',
    // Only the settings rules read: never the rest (credentials of marketplace add-ons).
    configurationValues: parsed === 'bad' ? null : keptAddonSettings(name, parsed), serviceAccountRoleArn: a.serviceAccountRoleArn ?? '',
  };
  if (parsed === 'bad') setUnknown(o, 'configurationValues', `EKS add-on ${c.name}/${name}: configurationValues is neither a JSON nor a YAML object`);
  return o;
}

function nodeGroupOf(n: Nodegroup, c: EksCluster, scope: LiveScope): EksNodeGroup {
  const name = n.nodegroupName ?? '';
  const arn = n.nodegroupArn ?? `${c.arn.replace(':cluster/', ':nodegroup/')}/${name}`;
  const lt = n.launchTemplate;
  const o: EksNodeGroup = {
    ...liveBase(scope, 'EksNodeGroup', `${c.name}/${name}`, arn, { ...(n.tags ?? {}) }), kind: 'EksNodeGroup',
    region: scope.region, accountIds: [scope.accountId],
    nodegroupName: name, clusterName: c.name, cluster: c.id, amiType: n.amiType ?? '', version: n.version ?? c.version,
    remoteAccess: n.remoteAccess ? { ec2SshKey: n.remoteAccess.ec2SshKey ?? '', sourceSecurityGroups: n.remoteAccess.sourceSecurityGroups ?? [] } : null,
    nodeRole: n.nodeRole ?? '', nodeRoleId: '',
    // `template`: the model id of the version read by ec2.ts.
    launchTemplate: lt ? { id: lt.id ?? '', name: lt.name ?? '', version: lt.version ?? '', template: '' } : null,
  };
  if (o.amiType === '') (o.unknown ??= {})['amiType'] = `EKS:DescribeNodegroup returned no amiType for ${c.name}/${name}`;
  return o;
}

function principalName(arn: string): string {
  return arnParts(arn).resourceName;
}

function entryOf(principalArn: string, e: AccessEntry | undefined, c: EksCluster, scope: LiveScope): EksAccessEntry {
  const name = principalName(principalArn);
  return {
    ...liveBase(scope, 'EksAccessEntry', `${c.name}/${name || principalArn}`, e?.accessEntryArn ?? `${c.arn}#access-entry/${principalArn}`, { ...(e?.tags ?? {}) }),
    kind: 'EksAccessEntry', region: scope.region, accountIds: [scope.accountId],
    clusterName: c.name, cluster: c.id, principalArn, principalName: name,
    kubernetesGroups: e?.kubernetesGroups ?? [], type: e?.type ?? 'STANDARD',
  };
}

function associationOf(principalArn: string, p: AssociatedAccessPolicy, c: EksCluster, scope: LiveScope): EksAccessPolicyAssociation {
  const policyArn = p.policyArn ?? '';
  const name = principalName(principalArn);
  const ref = `${c.arn}#access-entry/${principalArn}`;
  return {
    ...liveBase(scope, 'EksAccessPolicyAssociation', `${c.name}/${name || principalArn}/${arnParts(policyArn).resourceName}`, ref),
    id: `aws/${ref}#${policyArn}`, kind: 'EksAccessPolicyAssociation', region: scope.region, accountIds: [scope.accountId],
    clusterName: c.name, cluster: c.id, principalArn, principalName: name, policyArn,
    accessScope: { type: p.accessScope?.type ?? '', namespaces: p.accessScope?.namespaces ?? [] },
  };
}

/** A principal ARN as an account reference (the Terraform adapter's `aws.accountReferences`). */
function referenceOf(entry: EksAccessEntry, scope: LiveScope): AwsAccountReference | null {
  const account = arnParts(entry.principalArn).account;
  if (!/^\d{12}$/.test(account)) return null;
  return {
    ...liveBase(scope, 'AwsAccountReference', `EKS access entry ${entry.name}`, entry.resourceId), id: `${entry.id}#principalArn`,
    kind: 'AwsAccountReference', arn: entry.principalArn, accountId: account, resourceType: 'EKS access entry', attribute: 'principalArn',
  };
}

type Listed = { cluster: EksCluster; kind: 'addons' | 'nodegroups' | 'entries'; names: Outcome<string[]> };

/**
 * `clusterGaps`: the gaps of `aws.eks.clusters` (eks.ts) — the clusters not read, whose add-ons,
 * node groups, access entries and their account references are not read either.
 */
export async function collectEksExtras(
  eks: EKSClient, scope: LiveScope, counter: CallCounter, concurrency: number, clusters: readonly EksCluster[], clusterGaps: readonly CoverageGap[],
): Promise<EksExtrasResult> {
  const out: EksExtrasResult = { addons: [], nodeGroups: [], accessEntries: [], accessPolicyAssociations: [], accountReferences: [], gaps: [] };
  for (const collection of EKS_EXTRA_COLLECTIONS) out.gaps.push(...carried(clusterGaps, EKS_COLLECTION, collection));
  // Every list of every cluster, paged; a CONFIG_MAP cluster has no access entries to list.
  const lists: Omit<Listed, 'names'>[] = clusters.flatMap((cluster) => [
    { cluster, kind: 'addons' as const }, { cluster, kind: 'nodegroups' as const },
    ...(cluster.accessConfig.authenticationMode === 'CONFIG_MAP' ? [] : [{ cluster, kind: 'entries' as const }]),
  ]);
  const listed: Listed[] = await mapBounded(lists, concurrency, async (l) => {
    const clusterName = l.cluster.name;
    const names = await paged(counter, async (nextToken) => {
      const t = nextToken === undefined ? {} : { nextToken };
      if (l.kind === 'addons') { const r = await eks.send(new ListAddonsCommand({ clusterName, ...t })); return { items: r.addons ?? [], next: r.nextToken }; }
      if (l.kind === 'nodegroups') { const r = await eks.send(new ListNodegroupsCommand({ clusterName, ...t })); return { items: r.nodegroups ?? [], next: r.nextToken }; }
      const r = await eks.send(new ListAccessEntriesCommand({ clusterName, ...t }));
      return { items: r.accessEntries ?? [], next: r.nextToken };
    });
    return { ...l, names };
  });

  // Every describe, bounded together.
  type Task = () => Promise<void>;
  const tasks: Task[] = [];
  for (const { cluster: c, kind, names } of listed) {
    if (kind === 'addons') {
      if (!names.ok) {
        out.gaps.push(gap(ADDONS, c.name, 'EKS:ListAddons', names.error));
        setUnknown(c, 'addons', failedBecause('EKS:ListAddons', c.name, names.error));
        setUnknown(c, 'networkPolicyEnforcers', failedBecause('EKS:ListAddons', c.name, names.error));
        continue;
      }
      for (const addonName of names.value) {
        tasks.push(async () => {
          const r = await call(counter, () => eks.send(new DescribeAddonCommand({ clusterName: c.name, addonName })));
          if (!r.ok || r.value.addon === undefined) {
            const error = r.ok ? 'no addon in the response' : r.error;
            out.gaps.push(gap(ADDONS, `${c.name}/${addonName}`, 'EKS:DescribeAddon', error));
            setUnknown(c, 'addons', failedBecause('EKS:DescribeAddon', `${c.name}/${addonName}`, error));
            if (addonName === 'vpc-cni') setUnknown(c, 'networkPolicyEnforcers', failedBecause('EKS:DescribeAddon', `${c.name}/vpc-cni`, error));
            return;
          }
          const a = addonOf(r.value.addon, c, scope);
          out.addons.push(a);
          c.addons.push(a.id);
          if (a.addonName !== 'vpc-cni') return;
          if (a.unknown?.['configurationValues']) setUnknown(c, 'networkPolicyEnforcers', a.unknown['configurationValues']);
          else if (String(a.configurationValues?.['enableNetworkPolicy'] ?? '').toLowerCase() === 'true' && !c.networkPolicyEnforcers.includes('vpc-cni')) c.networkPolicyEnforcers.push('vpc-cni');
        });
      }
    } else if (kind === 'nodegroups') {
      if (!names.ok) { out.gaps.push(gap(NODE_GROUPS, c.name, 'EKS:ListNodegroups', names.error)); continue; }
      for (const nodegroupName of names.value) {
        tasks.push(async () => {
          const r = await call(counter, () => eks.send(new DescribeNodegroupCommand({ clusterName: c.name, nodegroupName })));
          if (r.ok && r.value.nodegroup !== undefined) out.nodeGroups.push(nodeGroupOf(r.value.nodegroup, c, scope));
          else out.gaps.push(gap(NODE_GROUPS, `${c.name}/${nodegroupName}`, 'EKS:DescribeNodegroup', r.ok ? 'no nodegroup in the response' : r.error));
        });
      }
    } else {
      if (!names.ok) {
        // The principals are not known: neither their entries, their policies nor their accounts.
        for (const collection of [ENTRIES, ASSOCIATIONS, REFERENCES]) out.gaps.push(gap(collection, c.name, 'EKS:ListAccessEntries', names.error));
        continue;
      }
      for (const principalArn of names.value) {
        const where = `${c.name}/${principalName(principalArn) || principalArn}`;
        tasks.push(async () => {
          const r = await call(counter, () => eks.send(new DescribeAccessEntryCommand({ clusterName: c.name, principalArn })));
          const described = r.ok ? r.value.accessEntry : undefined;
          if (described === undefined) out.gaps.push(gap(ENTRIES, where, 'EKS:DescribeAccessEntry', r.ok ? 'no accessEntry in the response' : r.error));
          const e = entryOf(principalArn, described, c, scope);
          if (described !== undefined) out.accessEntries.push(e);
          // The principal's account is in its ARN, which the listing gave: known whatever the describe answered.
          const ref = referenceOf(e, scope);
          if (ref) out.accountReferences.push(ref);
        });
        tasks.push(async () => {
          const r = await paged(counter, async (nextToken) => {
            const p = await eks.send(new ListAssociatedAccessPoliciesCommand({ clusterName: c.name, principalArn, ...(nextToken === undefined ? {} : { nextToken }) }));
            return { items: p.associatedAccessPolicies ?? [], next: p.nextToken };
          });
          if (!r.ok) { out.gaps.push(gap(ASSOCIATIONS, where, 'EKS:ListAssociatedAccessPolicies', r.error)); return; }
          out.accessPolicyAssociations.push(...r.value.map((p) => associationOf(principalArn, p, c, scope)));
        });
      }
    }
  }
  await mapBounded(tasks, concurrency, (t) => t());
  // Stable order whatever finished first.
  const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  for (const list of [out.addons, out.nodeGroups, out.accessEntries, out.accessPolicyAssociations, out.accountReferences]) list.sort(byId);
  for (const c of clusters) c.addons.sort();
  out.gaps.sort((a, b) => (a.collection + a.scope < b.collection + b.scope ? -1 : a.collection + a.scope > b.collection + b.scope ? 1 : 0));
  return out;
}
