/**
 * AWS data, backup, DNS-failover and audit-logging collections: RDS (Aurora) clusters and their
 * instances, parameter groups and global clusters; Route 53 zones, records and health checks;
 * CloudTrail trails; KMS keys; WAFv2 web ACLs and the load balancers they protect; AWS Backup plans.
 *
 * Filled from Terraform (HCL and plan JSON) now and from the live APIs later, so field names follow
 * the AWS API shapes in camelCase and hold the *effective* value: where an argument is absent, the
 * provider's (or the service's) default is applied and named in the field's comment. A value that
 * could not be read is listed in the object's `unknown`; secrets (master passwords) never enter.
 */
import type { CloudObject } from './cloud.ts';

/**
 * Where an object lives: the region and account of its provider configuration (Terraform) or of
 * the scan (live). Unknown when the provider pins neither (`AWS_REGION`, the profile, decide at
 * apply time).
 */
export interface AwsPlacement {
  /** Region (resource `region` argument of provider v6, else the provider configuration's `region`). */
  region: string;
  /**
   * Accounts the object may live in: the account of the provider's `assume_role` role ARN, else its
   * `allowed_account_ids`; live: the scanned account.
   */
  accountIds: string[];
}

/**
 * Who manages a KMS key (KMS `DescribeKey` → `KeyMetadata.KeyManager`): `CUSTOMER` for keys declared
 * as `aws_kms_key` or named by a customer alias, `AWS` for `alias/aws/*` keys and for the service
 * default when no key is named, "" when a literal key id/ARN does not tell.
 */
export type KmsKeyManager = 'CUSTOMER' | 'AWS' | '';

// ---- RDS --------------------------------------------------------------------------------------

/** `aws_rds_cluster` (Aurora, or a Multi-AZ DB cluster); live: `DescribeDBClusters`. */
export interface RdsCluster extends CloudObject, AwsPlacement {
  kind: 'RdsCluster';
  dbClusterIdentifier: string;
  /** `aurora-postgresql`, `aurora-mysql`, `postgres`, `mysql`. */
  engine: string;
  engineVersion: string;
  /** `engine_mode`; provider default `provisioned`. */
  engineMode: string;
  /** `storage_encrypted`; provider default false for `provisioned`, true for `serverless`. */
  storageEncrypted: boolean;
  /** `kms_key_id`: key ARN, or the Terraform address of a declared key whose ARN is known after apply; "" = the AWS-managed `aws/rds` key. */
  kmsKeyId: string;
  kmsKeyManager: KmsKeyManager;
  /** `backup_retention_period`; provider default 1 day. */
  backupRetentionPeriod: number;
  preferredBackupWindow: string;
  /** `deletion_protection`; default false. */
  deletionProtection: boolean;
  /** `skip_final_snapshot`; default false. */
  skipFinalSnapshot: boolean;
  finalSnapshotIdentifier: string;
  /** `copy_tags_to_snapshot`; default false. */
  copyTagsToSnapshot: boolean;
  /** `iam_database_authentication_enabled`; default false. */
  iamDatabaseAuthenticationEnabled: boolean;
  /** RDS manages the master password in Secrets Manager (`manage_master_user_password`; API `MasterUserSecret`), rotated by RDS. */
  masterUserSecret: { managed: boolean; kmsKeyId: string };
  /**
   * A master password given in configuration (`master_password` / `master_password_wo`) — only
   * whether it is set, never the value; `secretAddress` is the Secrets Manager secret it is read
   * from (if any) and `rotated` whether that secret has an `aws_secretsmanager_secret_rotation`.
   */
  masterPassword: { set: boolean; secretAddress: string; rotated: boolean };
  /** `enabled_cloudwatch_logs_exports` (`postgresql`, `audit`, …); default none. */
  enabledCloudwatchLogsExports: string[];
  /** `db_cluster_parameter_group_name`; "" = the engine's default group (`default.aurora-postgresql16`). */
  dbClusterParameterGroup: string;
  /**
   * Parameters explicitly set in that group (name → value). Empty for the default group; unknown
   * when the group is not declared among the scanned files. Absent parameters have the engine
   * default (`rds.force_ssl` = 0 on Aurora PostgreSQL).
   */
  parameters: Record<string, string>;
  globalClusterIdentifier: string;
  /** Instances of the cluster (`aws_rds_cluster_instance` with this `cluster_identifier`; one entry per `count` instance). */
  dbClusterMembers: { dbInstanceIdentifier: string; address: string; availabilityZone: string; publiclyAccessible: boolean }[];
  /** `availability_zones` (empty: chosen by RDS). */
  availabilityZones: string[];
  /**
   * At least two instances, not all pinned to one availability zone (API `MultiAZ`). Instances
   * whose zone is left to RDS count as distinct: RDS spreads cluster instances over the cluster's
   * zones.
   */
  multiAZ: boolean;
  /**
   * Copies of the cluster's data in other regions: a global cluster with a member in another
   * region, or an AWS Backup plan that selects the cluster and copies to a vault in another region.
   */
  crossRegionCopies: { kind: 'global-cluster' | 'aws-backup'; region: string; via: string }[];
  /**
   * Live `DescribeDBClusters` → `LatestRestorableTime` (ISO 8601): the newest point a restore
   * reaches, so now − this is the RPO the backups achieve. IaC: "" and unknown.
   */
  latestRestorableTime: string;
  /**
   * Restores of this cluster's data (`RestoreDBClusterToPointInTime` from it, or
   * `RestoreDBClusterFromSnapshot` of one of its snapshots) in CloudTrail's 90-day event history
   * (`LookupEvents`), newest first. IaC: empty and unknown (only CloudTrail knows).
   */
  restoreDrills: DrillEvent[];
}

/** A CloudTrail management event that shows a drill was exercised (CloudTrail `LookupEvents`). */
export interface DrillEvent {
  eventName: string;
  /** ISO 8601. */
  eventTime: string;
  eventId: string;
  /** Who made the call (`Username` of the event). */
  username: string;
  /** What the call did, in short (`restore to mm-drill`, `inverted=true`). */
  detail: string;
}

/** `aws_rds_cluster_instance` (a cluster member) or `aws_db_instance` (standalone); live: `DescribeDBInstances`. */
export interface RdsInstance extends CloudObject, AwsPlacement {
  kind: 'RdsInstance';
  dbInstanceIdentifier: string;
  /** The cluster it belongs to ("" for a standalone instance). */
  dbClusterIdentifier: string;
  engine: string;
  dbInstanceClass: string;
  availabilityZone: string;
  /** `publicly_accessible`; provider default false. */
  publiclyAccessible: boolean;
  /** Standalone `multi_az` (default false); cluster members: false (see the cluster's `multiAZ`). */
  multiAZ: boolean;
  /** Standalone `storage_encrypted` (default false); cluster members: the cluster's. */
  storageEncrypted: boolean;
  /** Number of instances the block declares (`count` / `for_each`), 1 otherwise. */
  instanceCount: number;
}

/** `aws_rds_cluster_parameter_group`; live: `DescribeDBClusterParameters` (source `user`). */
export interface RdsClusterParameterGroup extends CloudObject, AwsPlacement {
  kind: 'RdsClusterParameterGroup';
  dbClusterParameterGroupName: string;
  dbParameterGroupFamily: string;
  /** Parameters set in the group: name → value (as strings). */
  parameters: Record<string, string>;
}

/** `aws_rds_global_cluster`; live: `DescribeGlobalClusters`. */
export interface RdsGlobalCluster extends CloudObject, AwsPlacement {
  kind: 'RdsGlobalCluster';
  globalClusterIdentifier: string;
  engine: string;
  storageEncrypted: boolean;
  deletionProtection: boolean;
  /** Member clusters (those naming this global cluster, or its `source_db_cluster_identifier`) with their regions. */
  globalClusterMembers: { dbClusterIdentifier: string; address: string; region: string }[];
}

// ---- Route 53 ---------------------------------------------------------------------------------

/** `aws_route53_zone` (or a `data "aws_route53_zone"` the records use); live: `ListHostedZones`. */
export interface Route53HostedZone extends CloudObject, AwsPlacement {
  kind: 'Route53HostedZone';
  /** Zone name, lower case, without the trailing dot. */
  name: string;
  /** Zone id, or the Terraform address while it is known only after apply. */
  hostedZoneId: string;
  privateZone: boolean;
  /** Declared here (`resource`), or only looked up (`data`, managed elsewhere but in the provider's account). */
  managed: boolean;
  /** Names of the failover records (PRIMARY/SECONDARY) the zone holds. */
  failoverRecords: string[];
}

/** `aws_route53_record`; live: `ListResourceRecordSets` → `ResourceRecordSets[]`. */
export interface Route53Record extends CloudObject, AwsPlacement {
  kind: 'Route53Record';
  /** Fully qualified name, lower case, without the trailing dot (a relative name gets the zone's name appended). */
  name: string;
  type: string;
  /** Zone id (or the zone's Terraform address) and the zone's name when the zone is among the inputs. */
  hostedZoneId: string;
  zoneName: string;
  setIdentifier: string;
  /** `failover_routing_policy[0].type`: `PRIMARY`, `SECONDARY`, or "" (not a failover record). */
  failover: string;
  /** TTL in seconds; null for alias records (gotcha 7). */
  ttl: number | null;
  resourceRecords: string[];
  aliasTarget: { dnsName: string; hostedZoneId: string; evaluateTargetHealth: boolean } | null;
  /** Health check id, or the Terraform address of the declared `aws_route53_health_check`; "" when none. */
  healthCheckId: string;
  /** Where the record points: alias DNS name or record values, lower case, no trailing dot, no `dualstack.` prefix. */
  targets: string[];
  /**
   * For a failover record: the `setIdentifier` (or address) of the record with the same zone, name
   * and type and the opposite failover role; "" when there is none.
   */
  failoverPartner: string;
  /**
   * Failover exercises on a failover record, from CloudTrail's 90-day event history (`LookupEvents`
   * in the partition's Route 53 home region): `UpdateHealthCheck` toggling `Inverted` / `Disabled`
   * of its health check, and `ChangeResourceRecordSets` changing its name and type in its zone.
   * Newest first. IaC: empty and, for failover records, unknown (only CloudTrail knows).
   */
  failoverDrills: DrillEvent[];
}

/** `aws_route53_health_check`; live: `ListHealthChecks` → `HealthChecks[].HealthCheckConfig`. */
export interface Route53HealthCheck extends CloudObject, AwsPlacement {
  kind: 'Route53HealthCheck';
  /** Health check id, or the Terraform address while it is known only after apply. */
  healthCheckId: string;
  /** `HTTP`, `HTTPS`, `HTTP_STR_MATCH`, `HTTPS_STR_MATCH`, `TCP`, `CALCULATED`, `CLOUDWATCH_METRIC`, `RECOVERY_CONTROL`. */
  type: string;
  fullyQualifiedDomainName: string;
  ipAddress: string;
  /** `port`; default 80 (HTTP*) / 443 (HTTPS*); null for other types. */
  port: number | null;
  resourcePath: string;
  searchString: string;
  /** `request_interval`; API default 30 s. */
  requestInterval: number;
  /** `failure_threshold`; API default 3. */
  failureThreshold: number;
  /** `disabled`; default false. */
  disabled: boolean;
  /** `invert_healthcheck`; default false. */
  inverted: boolean;
  /** `enable_sni`; default true for `HTTPS`/`HTTPS_STR_MATCH`, false otherwise. */
  enableSNI: boolean;
  /** Checker regions; empty = Route 53's default set. */
  regions: string[];
  childHealthChecks: string[];
  childHealthThreshold: number | null;
  /** Records that use this health check (addresses or set identifiers). */
  usedByRecords: string[];
  /**
   * Live only (`GetHealthCheckStatus`): what Route 53's checkers last observed — healthy when more
   * than 18 % of them report success, as Route 53 decides. Null from Terraform, and for calculated
   * health checks (the API has no status for them).
   */
  observedStatus: { healthy: boolean; checkersHealthy: number; checkersReporting: number; lastCheckedAt: string } | null;
}

// ---- CloudTrail, KMS ---------------------------------------------------------------------------

/** `aws_cloudtrail`; live: `DescribeTrails` + `GetTrailStatus`. */
export interface CloudTrailTrail extends CloudObject, AwsPlacement {
  kind: 'CloudTrailTrail';
  s3BucketName: string;
  s3KeyPrefix: string;
  /** `is_multi_region_trail`; default false. */
  isMultiRegionTrail: boolean;
  /** `enable_log_file_validation`; default false. */
  logFileValidationEnabled: boolean;
  /** `kms_key_id`; "" = SSE-S3 only. */
  kmsKeyId: string;
  kmsKeyManager: KmsKeyManager;
  /** `include_global_service_events`; default true. */
  includeGlobalServiceEvents: boolean;
  /** `enable_logging`; default true (live: `GetTrailStatus.IsLogging`). */
  isLogging: boolean;
  /** `is_organization_trail`; default false. */
  isOrganizationTrail: boolean;
  cloudWatchLogsLogGroupArn: string;
  /**
   * Accounts of the bucket the trail delivers to, when that bucket is declared among the scanned
   * files (unknown otherwise: it lives in a Terraform configuration that was not scanned).
   */
  s3BucketAccountIds: string[];
}

/** `aws_kms_key` / `aws_kms_replica_key`; live: `DescribeKey` + `GetKeyRotationStatus`. */
export interface KmsKey extends CloudObject, AwsPlacement {
  kind: 'KmsKey';
  /** Key ARN, or the Terraform address while it is known only after apply. */
  keyId: string;
  description: string;
  keyManager: KmsKeyManager;
  /** `customer_master_key_spec`; default `SYMMETRIC_DEFAULT` (only symmetric keys can rotate). */
  keySpec: string;
  /** `key_usage`; default `ENCRYPT_DECRYPT`. */
  keyUsage: string;
  /** `enable_key_rotation`; default false. Replica keys follow their primary. */
  keyRotationEnabled: boolean;
  /** `rotation_period_in_days`; default 365. */
  rotationPeriodInDays: number;
  /** `is_enabled`; default true. */
  enabled: boolean;
  /** `PRIMARY` (multi-Region primary), `REPLICA` (`aws_kms_replica_key`), or "" (single-Region key). */
  multiRegionKeyType: string;
  /** `aws_kms_alias` names pointing at the key. */
  aliases: string[];
  /** Resources whose arguments name this key (directly or through an alias): EKS secrets encryption, S3 SSE, RDS, CloudTrail, … */
  usedBy: { address: string; type: string; attribute: string }[];
}

// ---- WAF, load balancers, AWS Backup -----------------------------------------------------------

/** `aws_wafv2_web_acl`; live: `wafv2 GetWebACL`. */
export interface Wafv2WebAcl extends CloudObject, AwsPlacement {
  kind: 'Wafv2WebAcl';
  /** `REGIONAL` or `CLOUDFRONT`. */
  scope: string;
  /** `allow` or `block`. */
  defaultAction: string;
  rules: { name: string; priority: number | null; managedRuleGroup: string; rateBased: boolean; ipSetReference: boolean }[];
  /** Resources associated with the ACL (`aws_wafv2_web_acl_association`): ARNs, or addresses of declared resources. */
  associatedResources: string[];
}

/** `aws_lb` / `aws_alb`; live: `elbv2 DescribeLoadBalancers` (+ `wafv2 GetWebACLForResource`). */
export interface Elbv2LoadBalancer extends CloudObject, AwsPlacement {
  kind: 'Elbv2LoadBalancer';
  loadBalancerName: string;
  /** `load_balancer_type`; default `application`. */
  type: string;
  /** `internal` false (the default) → `internet-facing`, true → `internal`. */
  scheme: string;
  /** Web ACL associated with the load balancer (ARN, or the ACL's Terraform address); "" when none. */
  webAclArn: string;
  /** The associated ACL when it is declared among the inputs. */
  webAcl: { name: string; defaultAction: string; ruleCount: number } | null;
}

/** `aws_backup_plan` with its `aws_backup_selection`s; live: `GetBackupPlan` + `ListBackupSelections`. */
export interface BackupPlan extends CloudObject, AwsPlacement {
  kind: 'BackupPlan';
  backupPlanName: string;
  rules: {
    ruleName: string;
    targetBackupVaultName: string;
    scheduleExpression: string;
    /** `lifecycle[0].delete_after`; null = kept forever. */
    deleteAfterDays: number | null;
    copyActions: { destinationBackupVaultArn: string; destinationRegion: string; deleteAfterDays: number | null }[];
  }[];
  /** Selections: resource ARNs (or addresses of declared resources) and tag conditions. */
  selections: { selectionName: string; resources: string[]; selectionTags: { key: string; value: string }[] }[];
}

export interface AwsDataCollections {
  rds: { clusters: RdsCluster[]; instances: RdsInstance[]; clusterParameterGroups: RdsClusterParameterGroup[]; globalClusters: RdsGlobalCluster[] };
  route53: { zones: Route53HostedZone[]; records: Route53Record[]; healthChecks: Route53HealthCheck[] };
  cloudtrail: { trails: CloudTrailTrail[] };
  kms: { keys: KmsKey[] };
  wafv2: { webAcls: Wafv2WebAcl[] };
  elbv2: { loadBalancers: Elbv2LoadBalancer[] };
  backup: { plans: BackupPlan[] };
}

export function emptyAwsData(): AwsDataCollections {
  return {
    rds: { clusters: [], instances: [], clusterParameterGroups: [], globalClusters: [] },
    route53: { zones: [], records: [], healthChecks: [] },
    cloudtrail: { trails: [] },
    kms: { keys: [] },
    wafv2: { webAcls: [] },
    elbv2: { loadBalancers: [] },
    backup: { plans: [] },
  };
}
