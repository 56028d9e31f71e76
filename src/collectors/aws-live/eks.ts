/**
 * Live EKS → `aws.eks.clusters` (fields as in src/model/aws-identity.ts): `ListClusters` (paged by
 * `nextToken`) and `DescribeCluster` per cluster, in the scan's region. Add-ons, node groups and
 * access entries of the clusters: eks-extras.ts.
 *
 * `ListClusters` failing hides every cluster: a gap on `aws.eks.clusters` (scope ""). One
 * `DescribeCluster` failing hides that cluster: a gap scoped to its name, so rules on clusters
 * report it as unknown while the other clusters are judged. What is read from the clusters
 * (eks-extras.ts, the node groups' launch templates in ec2.ts) carries these gaps on.
 */
import { DescribeClusterCommand, ListClustersCommand, type Cluster, type EKSClient } from '@aws-sdk/client-eks';
import type { EksCluster } from '../../model/aws-identity.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { call, mapBounded, paged, type CallCounter } from './calls.ts';
import { gap, liveBase, type LiveScope } from './common.ts';

export const EKS_COLLECTION = 'aws.eks.clusters';

/** Union of `types` over the `clusterLogging` groups with `enabled: true` (enabled and disabled types come in separate groups). */
export function enabledLogTypes(c: Cluster): string[] {
  const out = new Set<string>();
  for (const g of c.logging?.clusterLogging ?? []) if (g.enabled === true) for (const t of g.types ?? []) out.add(t);
  return [...out];
}

function toModel(c: Cluster, scope: LiveScope): EksCluster {
  const name = c.name ?? '';
  const arn = c.arn ?? `arn:${scope.partition}:eks:${scope.region}:${scope.accountId}:cluster/${name}`;
  const vpc = c.resourcesVpcConfig ?? {};
  const o: EksCluster = {
    ...liveBase(scope, 'EksCluster', name, arn, { ...(c.tags ?? {}) }), kind: 'EksCluster',
    region: scope.region, accountIds: [scope.accountId],
    name, arn, version: c.version ?? '', platformVersion: c.platformVersion ?? '',
    resourcesVpcConfig: {
      endpointPublicAccess: vpc.endpointPublicAccess ?? true,
      endpointPrivateAccess: vpc.endpointPrivateAccess ?? false,
      publicAccessCidrs: vpc.publicAccessCidrs ?? ['0.0.0.0/0'],
      securityGroupIds: vpc.securityGroupIds ?? [],
      subnetIds: vpc.subnetIds ?? [],
    },
    enabledLogTypes: enabledLogTypes(c),
    encryptionConfig: (c.encryptionConfig ?? []).map((e) => ({ resources: e.resources ?? [], provider: { keyArn: e.provider?.keyArn ?? '' } })),
    accessConfig: {
      authenticationMode: c.accessConfig?.authenticationMode ?? 'CONFIG_MAP',
      bootstrapClusterCreatorAdminPermissions: c.accessConfig?.bootstrapClusterCreatorAdminPermissions ?? true,
    },
    oidcIssuer: c.identity?.oidc?.issuer ?? '',
    upgradePolicy: { supportType: c.upgradePolicy?.supportType ?? 'EXTENDED' },
    addons: [], networkPolicyEnforcers: [],
  };
  const unknown = (path: string, reason: string): void => { (o.unknown ??= {})[path] = reason; };
  if (o.version === '') unknown('version', `EKS:DescribeCluster returned no version for ${name}`);
  if (o.oidcIssuer === '') unknown('oidcIssuer', `EKS:DescribeCluster returned no OIDC issuer for ${name}`);
  // `addons` and `networkPolicyEnforcers` are filled (or marked unknown) by eks-extras.ts.
  return o;
}

export async function collectEks(eks: EKSClient, scope: LiveScope, counter: CallCounter, concurrency: number): Promise<{ clusters: EksCluster[]; gaps: CoverageGap[] }> {
  const list = await paged(counter, async (nextToken) => {
    const r = await eks.send(new ListClustersCommand(nextToken === undefined ? {} : { nextToken }));
    return { items: r.clusters ?? [], next: r.nextToken };
  });
  if (!list.ok) return { clusters: [], gaps: [gap(EKS_COLLECTION, '', 'EKS:ListClusters', list.error)] };
  const names = list.value;
  const gaps: CoverageGap[] = [];
  const described = await mapBounded(names, concurrency, async (name) => {
    const r = await call(counter, () => eks.send(new DescribeClusterCommand({ name })));
    if (!r.ok || r.value.cluster === undefined) {
      gaps.push(gap(EKS_COLLECTION, name, 'EKS:DescribeCluster', r.ok ? 'no cluster in the response' : r.error));
      return null;
    }
    return toModel(r.value.cluster, scope);
  });
  return { clusters: described.filter((c): c is EksCluster => c !== null), gaps };
}
