/**
 * Live RDS → `aws.rds.{clusters,instances,clusterParameterGroups}` in the scan's region, the same
 * fields with the same meaning as the Terraform adapter: `DescribeDBClusters` and
 * `DescribeDBInstances` (paged by `Marker`), and `DescribeDBClusterParameters` (`Source=user`) for
 * each non-default cluster parameter group in use. DocumentDB and Neptune clusters (which the same
 * API lists) are left out. `LatestRestorableTime` → `latestRestorableTime` (unknown when RDS gives
 * none); `restoreDrills` is filled from CloudTrail by drills.ts.
 *
 * Failures. `DescribeDBClusters` / `DescribeDBInstances` failing: a gap on that collection (scope "").
 * One parameter group failing: that group is left out (gap scoped to its name) and the clusters
 * using it have `parameters` unknown. Not read by this scan: global clusters and AWS Backup
 * (`crossRegionCopies` unknown), whether a self-managed master password is rotated
 * (`masterPassword` unknown), a parameter group's family.
 */
import {
  DescribeDBClusterParametersCommand, DescribeDBClustersCommand, DescribeDBInstancesCommand,
  type DBCluster, type DBInstance, type RDSClient,
} from '@aws-sdk/client-rds';
import type { RdsCluster, RdsClusterParameterGroup, RdsInstance } from '../../model/aws-data.ts';
import { setUnknown } from '../../model/provenance.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { mapBounded, paged, type CallCounter } from './calls.ts';
import { failedBecause, gap, liveBase, tagsOf, type LiveScope } from './common.ts';

export const RDS_COLLECTIONS = ['aws.rds.clusters', 'aws.rds.instances', 'aws.rds.clusterParameterGroups'] as const;

const OTHER_ENGINES = new Set(['docdb', 'neptune']);

function clusterOf(c: DBCluster, scope: LiveScope): RdsCluster {
  const id = c.DBClusterIdentifier ?? '';
  const arn = c.DBClusterArn ?? `arn:${scope.partition}:rds:${scope.region}:${scope.accountId}:cluster:${id}`;
  const managed = c.MasterUserSecret !== undefined;
  const o: RdsCluster = {
    ...liveBase(scope, 'RdsCluster', id, arn, tagsOf(c.TagList)), kind: 'RdsCluster',
    region: scope.region, accountIds: [scope.accountId],
    dbClusterIdentifier: id, engine: c.Engine ?? '', engineVersion: c.EngineVersion ?? '', engineMode: c.EngineMode ?? 'provisioned',
    storageEncrypted: c.StorageEncrypted === true,
    // A key manager is told by the KMS join (collect.ts); "" until then.
    kmsKeyId: c.KmsKeyId ?? '', kmsKeyManager: '',
    backupRetentionPeriod: c.BackupRetentionPeriod ?? 1, preferredBackupWindow: c.PreferredBackupWindow ?? '',
    deletionProtection: c.DeletionProtection === true,
    // A deletion-time choice, not a setting of a running cluster: no skip is configured.
    skipFinalSnapshot: false, finalSnapshotIdentifier: '',
    copyTagsToSnapshot: c.CopyTagsToSnapshot === true,
    iamDatabaseAuthenticationEnabled: c.IAMDatabaseAuthenticationEnabled === true,
    masterUserSecret: { managed, kmsKeyId: c.MasterUserSecret?.KmsKeyId ?? '' },
    // Every cluster has a master password; only an RDS-managed one is known to be rotated.
    masterPassword: { set: !managed, secretAddress: '', rotated: false },
    enabledCloudwatchLogsExports: c.EnabledCloudwatchLogsExports ?? [],
    dbClusterParameterGroup: c.DBClusterParameterGroup ?? '',
    parameters: {},
    globalClusterIdentifier: c.GlobalClusterIdentifier ?? '',
    dbClusterMembers: (c.DBClusterMembers ?? []).map((m) => ({ dbInstanceIdentifier: m.DBInstanceIdentifier ?? '', address: '', availabilityZone: '', publiclyAccessible: false })),
    availabilityZones: c.AvailabilityZones ?? [],
    multiAZ: c.MultiAZ === true,
    crossRegionCopies: [],
    latestRestorableTime: c.LatestRestorableTime?.toISOString() ?? '',
    // Filled from CloudTrail by drills.ts (collect.ts).
    restoreDrills: [],
  };
  const unknown = (path: string, reason: string): void => { (o.unknown ??= {})[path] = reason; };
  if (o.latestRestorableTime === '') unknown('latestRestorableTime', `RDS:DescribeDBClusters returned no LatestRestorableTime for ${id} (cluster ${c.Status ?? 'in an unknown state'}: no restorable backup yet, or stopped)`);
  if (!managed) unknown('masterPassword', `RDS cluster ${id} has a self-managed master password; whether it is rotated (Secrets Manager) is not read by the live AWS scan`);
  unknown('crossRegionCopies', 'global clusters (RDS:DescribeGlobalClusters) and AWS Backup copy rules are not read by the live AWS scan yet');
  return o;
}

function instanceOf(i: DBInstance, scope: LiveScope): RdsInstance {
  const id = i.DBInstanceIdentifier ?? '';
  const arn = i.DBInstanceArn ?? `arn:${scope.partition}:rds:${scope.region}:${scope.accountId}:db:${id}`;
  const member = (i.DBClusterIdentifier ?? '') !== '';
  return {
    ...liveBase(scope, 'RdsInstance', id, arn, tagsOf(i.TagList)), kind: 'RdsInstance',
    region: scope.region, accountIds: [scope.accountId],
    dbInstanceIdentifier: id, dbClusterIdentifier: i.DBClusterIdentifier ?? '', engine: i.Engine ?? '', dbInstanceClass: i.DBInstanceClass ?? '',
    availabilityZone: i.AvailabilityZone ?? '', publiclyAccessible: i.PubliclyAccessible === true,
    multiAZ: member ? false : i.MultiAZ === true,
    storageEncrypted: i.StorageEncrypted === true,
    instanceCount: 1,
  };
}

export async function collectRds(rds: RDSClient, scope: LiveScope, counter: CallCounter, concurrency: number): Promise<{
  clusters: RdsCluster[]; instances: RdsInstance[]; clusterParameterGroups: RdsClusterParameterGroup[]; gaps: CoverageGap[];
}> {
  const gaps: CoverageGap[] = [];
  const [cl, inst] = await Promise.all([
    paged(counter, async (Marker) => {
      const r = await rds.send(new DescribeDBClustersCommand(Marker === undefined ? {} : { Marker }));
      return { items: r.DBClusters ?? [], next: r.Marker };
    }),
    paged(counter, async (Marker) => {
      const r = await rds.send(new DescribeDBInstancesCommand(Marker === undefined ? {} : { Marker }));
      return { items: r.DBInstances ?? [], next: r.Marker };
    }),
  ]);
  if (!cl.ok) gaps.push(gap('aws.rds.clusters', '', 'RDS:DescribeDBClusters', cl.error), gap('aws.rds.clusterParameterGroups', '', 'RDS:DescribeDBClusters', cl.error));
  if (!inst.ok) gaps.push(gap('aws.rds.instances', '', 'RDS:DescribeDBInstances', inst.error));
  const clusters = (cl.ok ? cl.value : []).filter((c) => !OTHER_ENGINES.has(c.Engine ?? '')).map((c) => clusterOf(c, scope));
  const instances = (inst.ok ? inst.value : []).filter((i) => !OTHER_ENGINES.has(i.Engine ?? '')).map((i) => instanceOf(i, scope));

  // Members: zone and public access from DescribeDBInstances.
  for (const c of clusters) {
    c.dbClusterMembers.forEach((m, k) => {
      const i = instances.find((x) => x.dbInstanceIdentifier === m.dbInstanceIdentifier);
      if (i) { m.availabilityZone = i.availabilityZone; m.publiclyAccessible = i.publiclyAccessible; m.address = i.resourceId; }
      else if (!inst.ok) {
        setUnknown(c, `dbClusterMembers[${k}].availabilityZone`, failedBecause('RDS:DescribeDBInstances', '', inst.error));
      }
    });
  }

  // Parameter groups in use (the engine's `default.*` groups hold no user-set parameters).
  const names = [...new Set(clusters.map((c) => c.dbClusterParameterGroup).filter((n) => n !== '' && !n.startsWith('default.')))];
  const groups = await mapBounded(names, concurrency, async (name) => {
    const r = await paged(counter, async (Marker) => {
      const p = await rds.send(new DescribeDBClusterParametersCommand({ DBClusterParameterGroupName: name, Source: 'user', ...(Marker === undefined ? {} : { Marker }) }));
      return { items: (p.Parameters ?? []).map((x) => ({ name: x.ParameterName ?? '', value: x.ParameterValue ?? '' })), next: p.Marker };
    });
    if (!r.ok) {
      gaps.push(gap('aws.rds.clusterParameterGroups', name, 'RDS:DescribeDBClusterParameters', r.error, name));
      for (const c of clusters) {
        if (c.dbClusterParameterGroup === name) setUnknown(c, 'parameters', failedBecause('RDS:DescribeDBClusterParameters', name, r.error));
      }
      return null;
    }
    const parameters: Record<string, string> = {};
    for (const p of r.value) if (p.name !== '') parameters[p.name] = p.value;
    const g: RdsClusterParameterGroup = {
      ...liveBase(scope, 'RdsClusterParameterGroup', name, `arn:${scope.partition}:rds:${scope.region}:${scope.accountId}:cluster-pg:${name}`), kind: 'RdsClusterParameterGroup',
      region: scope.region, accountIds: [scope.accountId], dbClusterParameterGroupName: name, dbParameterGroupFamily: '', parameters,
    };
    (g.unknown ??= {})['dbParameterGroupFamily'] = 'the family (RDS:DescribeDBClusterParameterGroups) is not read by the live AWS scan yet';
    for (const c of clusters) if (c.dbClusterParameterGroup === name) c.parameters = { ...parameters };
    return g;
  });
  return { clusters, instances, clusterParameterGroups: groups.filter((g): g is RdsClusterParameterGroup => g !== null), gaps };
}
