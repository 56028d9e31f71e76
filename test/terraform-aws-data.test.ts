/**
 * Terraform → the AWS data, backup, DNS-failover and audit-logging model (src/model/aws-data.ts,
 * S3 in src/model/aws.ts): realistic configurations through the real collector (scanFiles), split-out
 * S3 resources merged into their bucket, joins across resources (key usage, parameter groups,
 * cluster members, global clusters, backup plans, record ↔ zone ↔ health check, trail ↔ bucket,
 * web ACL ↔ load balancer), cross-source joins with Kubernetes in one scan, unknowns, provider
 * defaults, and plan JSON.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { S3Bucket } from '../src/model/aws.ts';
import type { RdsCluster, Route53Record } from '../src/model/aws-data.ts';
import type { Snapshot } from '../src/model/snapshot.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { scanFiles } from './helpers/scan.ts';

async function collectTf(files: Record<string, string>): Promise<Snapshot> {
  const { snapshot, report } = await scanFiles(files, { rules: [] });
  expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([]);
  return snapshot;
}

function bucket(s: Snapshot, name: string): S3Bucket {
  const b = s.aws.s3.buckets.find((x) => x.bucket === name);
  if (!b) throw new Error(`bucket ${name} not in the model; have ${s.aws.s3.buckets.map((x) => x.bucket).join(', ')}`);
  return b;
}

function cluster(s: Snapshot, id: string): RdsCluster {
  const c = s.aws.rds.clusters.find((x) => x.dbClusterIdentifier === id);
  if (!c) throw new Error(`cluster ${id} not in the model`);
  return c;
}

function record(s: Snapshot, address: string): Route53Record {
  const r = s.aws.route53.records.find((x) => x.address === address);
  if (!r) throw new Error(`record ${address} not in the model`);
  return r;
}

const PROVIDERS = `
provider "aws" {
  region              = "eu-central-1"
  allowed_account_ids = ["222222222222"]
}
provider "aws" {
  alias  = "dr"
  region = "eu-west-1"
  assume_role {
    role_arn = "arn:aws:iam::333333333333:role/oob-dr-terraform"
  }
}
`;

describe('S3 buckets', () => {
  const backups = `${PROVIDERS}
resource "aws_kms_key" "backups" {
  description         = "OOB backups"
  enable_key_rotation = true
}
resource "aws_kms_alias" "backups" {
  name          = "alias/oob-backups"
  target_key_id = aws_kms_key.backups.key_id
}
resource "aws_s3_bucket" "backups" {
  bucket              = "oob-velero-backups"
  object_lock_enabled = true
}
resource "aws_s3_bucket" "backups_dr" {
  provider = aws.dr
  bucket   = "oob-velero-backups-dr"
}
resource "aws_s3_bucket" "access_logs" {
  bucket = "oob-access-logs"
}
resource "aws_s3_bucket_logging" "backups" {
  bucket        = aws_s3_bucket.backups.id
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "velero/"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "backups" {
  bucket = aws_s3_bucket.backups.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_alias.backups.arn
    }
    bucket_key_enabled = true
  }
}
resource "aws_s3_bucket_replication_configuration" "backups" {
  bucket = aws_s3_bucket.backups.id
  role   = aws_iam_role.replication.arn
  rule {
    id     = "to-dr"
    status = "Enabled"
    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }
    destination {
      bucket = aws_s3_bucket.backups_dr.arn
      encryption_configuration {
        replica_kms_key_id = "arn:aws:kms:eu-west-1:333333333333:key/7e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b"
      }
    }
  }
}
resource "aws_s3_bucket_object_lock_configuration" "backups" {
  bucket = aws_s3_bucket.backups.id
  rule {
    default_retention {
      mode = "COMPLIANCE"
      days = 14
    }
  }
}
resource "aws_s3_bucket_lifecycle_configuration" "backups" {
  bucket = aws_s3_bucket.backups.id
  rule {
    id     = "noncurrent"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }
}
data "aws_iam_policy_document" "tls" {
  statement {
    effect  = "Deny"
    actions = ["s3:*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    resources = [aws_s3_bucket.backups.arn, "\${aws_s3_bucket.backups.arn}/*"]
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
resource "aws_s3_bucket_policy" "backups" {
  bucket = aws_s3_bucket.backups.id
  policy = data.aws_iam_policy_document.tls.json
}
resource "aws_s3_account_public_access_block" "oob" {
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_cloudtrail" "oob" {
  name           = "oob-account"
  s3_bucket_name = aws_s3_bucket.trail.id
}
resource "aws_s3_bucket" "trail" {
  bucket = "oob-cloudtrail"
}
`;

  it('merges every split-out resource into the bucket it references, with keys, policy, lock and lifecycle', async () => {
    const s = await collectTf({ 'main.tf': backups });
    const b = bucket(s, 'oob-velero-backups');
    expect(b.mergedFrom.sort()).toEqual([
      'aws_s3_bucket_lifecycle_configuration.backups', 'aws_s3_bucket_logging.backups', 'aws_s3_bucket_object_lock_configuration.backups',
      'aws_s3_bucket_policy.backups', 'aws_s3_bucket_replication_configuration.backups', 'aws_s3_bucket_server_side_encryption_configuration.backups',
    ]);
    // A key named through a declared alias is that (customer-managed) key; its ARN is known after apply only.
    expect(b.encryption.rules).toEqual([{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'aws_kms_key.backups', kmsKeyManager: 'CUSTOMER', bucketKeyEnabled: true }]);
    expect(b.objectLock).toEqual({ enabled: true, mode: 'COMPLIANCE', days: 14, years: null });
    expect(b.lifecycleRules).toEqual([{ id: 'noncurrent', status: 'Enabled', noncurrentDays: 30, expirationDays: null }]);
    expect(b.logging).toEqual({ targetBucket: 'oob-access-logs', targetPrefix: 'velero/' });
    expect(b.policy?.statements[0]).toMatchObject({ effect: 'Deny', actions: ['s3:*'], principals: { '*': ['*'] }, conditions: { Bool: { 'aws:SecureTransport': ['false'] } } });
    expect(b.policy?.statements[0]?.resources).toEqual(['arn:aws:s3:::oob-velero-backups', 'arn:aws:s3:::oob-velero-backups/*']);
    // The replication role is an undeclared IAM role (known after apply): it does not hide the rules.
    expect(b.replication?.rules).toEqual([{
      id: 'to-dr', status: 'Enabled', destinationBucket: 'arn:aws:s3:::oob-velero-backups-dr', destinationAccount: '',
      replicaKmsKeyId: 'arn:aws:kms:eu-west-1:333333333333:key/7e1d2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b', sseKmsEncryptedObjects: 'Enabled', deleteMarkerReplication: '',
    }]);
    expect(b.unknown ?? {}).toEqual({});
  });

  it('places buckets in their provider configuration\'s region and account, and joins replicas, log and trail destinations', async () => {
    const s = await collectTf({ 'main.tf': backups });
    const b = bucket(s, 'oob-velero-backups');
    expect(b).toMatchObject({ region: 'eu-central-1', accountIds: ['222222222222'] });
    expect(b.replicationDestinations).toEqual([{ bucket: 'oob-velero-backups-dr', region: 'eu-west-1', accountIds: ['333333333333'] }]);
    expect(bucket(s, 'oob-velero-backups-dr')).toMatchObject({ region: 'eu-west-1', accountIds: ['333333333333'], replicaOf: ['oob-velero-backups'] });
    expect(bucket(s, 'oob-access-logs').accessLogTargetOf).toEqual(['oob-velero-backups']);
    expect(bucket(s, 'oob-cloudtrail').cloudTrailTargetOf).toEqual(['oob-account']);
    // The account-wide block applies to the buckets of its account only.
    const all = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
    expect(b.accountPublicAccessBlock).toEqual(all);
    expect(b.publicAccessBlock).toBeNull();
    expect(bucket(s, 'oob-velero-backups-dr').accountPublicAccessBlock).toBeNull();
    // The trail knows its bucket's account.
    expect(s.aws.cloudtrail.trails[0]).toMatchObject({ s3BucketName: 'oob-cloudtrail', s3BucketAccountIds: ['222222222222'] });
  });

  it('reads the legacy inline blocks of provider v3 buckets', async () => {
    const s = await collectTf({
      'main.tf': `
resource "aws_s3_bucket" "legacy" {
  bucket = "oob-legacy-backups"
  versioning {
    enabled = true
  }
  logging {
    target_bucket = "oob-access-logs"
    target_prefix = "legacy/"
  }
  lifecycle_rule {
    id      = "old"
    enabled = true
    noncurrent_version_expiration {
      days = 45
    }
  }
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
  replication_configuration {
    role = "arn:aws:iam::222222222222:role/replication"
    rules {
      id     = "dr"
      status = "Enabled"
      destination {
        bucket             = "arn:aws:s3:::oob-legacy-backups-dr"
        replica_kms_key_id = "alias/oob-dr"
      }
      source_selection_criteria {
        sse_kms_encrypted_objects {
          enabled = true
        }
      }
    }
  }
}
`,
    });
    const b = bucket(s, 'oob-legacy-backups');
    expect(b.versioning.status).toBe('Enabled');
    expect(b.logging).toEqual({ targetBucket: 'oob-access-logs', targetPrefix: 'legacy/' });
    expect(b.lifecycleRules).toEqual([{ id: 'old', status: 'Enabled', noncurrentDays: 45, expirationDays: null }]);
    // aws:kms without a key id is the AWS-managed aws/s3 key.
    expect(b.encryption.rules).toEqual([{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: '', kmsKeyManager: 'AWS', bucketKeyEnabled: false }]);
    expect(b.replication?.rules[0]).toMatchObject({ status: 'Enabled', destinationBucket: 'arn:aws:s3:::oob-legacy-backups-dr', replicaKmsKeyId: 'alias/oob-dr', sseKmsEncryptedObjects: 'Enabled' });
    // The destination is not declared here: where it replicates to is unknown, not "same region".
    expect(b.replicationDestinations).toEqual([]);
    expect(b.unknown?.['replicationDestinations']).toMatch(/oob-legacy-backups-dr is not declared among the scanned Terraform files/);
  });

  it('a provider without region or account pins leaves region and account unknown; a resource-level region (provider v6) wins', async () => {
    const s = await collectTf({
      'main.tf': `
provider "aws" {}
resource "aws_s3_bucket" "a" {
  bucket = "oob-a"
}
resource "aws_s3_bucket" "b" {
  bucket = "oob-b"
  region = "eu-north-1"
}
`,
    });
    const a = bucket(s, 'oob-a');
    expect(a.unknown?.['region']).toMatch(/sets no region: it comes from AWS_REGION or the profile/);
    expect(a.unknown?.['accountIds']).toMatch(/pins no account/);
    const b = bucket(s, 'oob-b');
    expect(b.region).toBe('eu-north-1');
    expect(b.unknown?.['region']).toBeUndefined();
  });

  it('resources of a local module use the provider configuration they inherit', async () => {
    const s = await collectTf({
      'main.tf': `${PROVIDERS}
module "files" {
  source = "./modules/bucket"
  name   = "oob-mattermost-files"
}
`,
      'modules/bucket/main.tf': `
variable "name" {
  type = string
}
resource "aws_s3_bucket" "this" {
  bucket = var.name
}
resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}
`,
    });
    const b = bucket(s, 'oob-mattermost-files');
    expect(b).toMatchObject({ address: 'module.files.aws_s3_bucket.this', region: 'eu-central-1', accountIds: ['222222222222'] });
    expect(b.versioning.status).toBe('Enabled');
  });

  it('a data source lookup is not a bucket of this configuration', async () => {
    const s = await collectTf({ 'main.tf': 'data "aws_s3_bucket" "shared" {\n  bucket = "corp-shared"\n}\n' });
    expect(s.aws.s3.buckets).toEqual([]);
  });
});

describe('RDS', () => {
  it('applies the provider defaults and never keeps the master password', async () => {
    const s = await collectTf({
      'main.tf': `
resource "aws_rds_cluster" "mm" {
  cluster_identifier = "mattermost-oob"
  engine             = "aurora-postgresql"
  master_username    = "mmadmin"
  master_password    = "Sup3r-S3cret-Passw0rd"
}
`,
    });
    const c = cluster(s, 'mattermost-oob');
    expect(c).toMatchObject({
      engineMode: 'provisioned', storageEncrypted: false, kmsKeyId: '', kmsKeyManager: 'AWS', backupRetentionPeriod: 1, deletionProtection: false,
      skipFinalSnapshot: false, copyTagsToSnapshot: false, iamDatabaseAuthenticationEnabled: false, dbClusterParameterGroup: '', parameters: {},
      masterUserSecret: { managed: false, kmsKeyId: '' }, masterPassword: { set: true, secretAddress: '', rotated: false },
      dbClusterMembers: [], multiAZ: false, crossRegionCopies: [], enabledCloudwatchLogsExports: [],
    });
    // Nothing but where it lives is unknown (no provider configuration is among the files), and
    // what only a live scan reads (the latest restorable time, restores in CloudTrail).
    expect(Object.keys(c.unknown ?? {}).sort()).toEqual(['accountIds', 'latestRestorableTime', 'region', 'restoreDrills']);
    expect(JSON.stringify(s)).not.toContain('Sup3r-S3cret-Passw0rd');
  });

  it('joins parameter group, count-expanded instances, global cluster members in other regions and a rotated secret', async () => {
    const s = await collectTf({
      'main.tf': `${PROVIDERS}
resource "aws_kms_key" "db" {
  enable_key_rotation = true
}
resource "aws_rds_cluster_parameter_group" "pg" {
  name   = "mattermost-oob-pg16"
  family = "aurora-postgresql16"
  parameter {
    name  = "rds.force_ssl"
    value = 1
  }
}
resource "aws_rds_global_cluster" "g" {
  global_cluster_identifier = "mattermost-global"
  engine                    = "aurora-postgresql"
}
resource "aws_secretsmanager_secret" "db" {
  name = "mattermost-oob/db"
}
resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-central-1:222222222222:function:rotate"
  rotation_rules {
    automatically_after_days = 30
  }
}
resource "aws_secretsmanager_secret_version" "db" {
  secret_id     = aws_secretsmanager_secret.db.id
  secret_string = random_password.db.result
}
resource "aws_rds_cluster" "mm" {
  cluster_identifier              = "mattermost-oob"
  engine                          = "aurora-postgresql"
  storage_encrypted               = true
  kms_key_id                      = aws_kms_key.db.arn
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.pg.name
  global_cluster_identifier       = aws_rds_global_cluster.g.id
  master_username                 = "mmadmin"
  master_password                 = aws_secretsmanager_secret_version.db.secret_string
  enabled_cloudwatch_logs_exports = ["postgresql"]
}
resource "aws_rds_cluster" "dr" {
  provider                  = aws.dr
  cluster_identifier        = "mattermost-oob-dr"
  engine                    = "aurora-postgresql"
  global_cluster_identifier = aws_rds_global_cluster.g.id
}
resource "aws_rds_cluster_instance" "mm" {
  count              = 2
  identifier         = "mattermost-oob-\${count.index}"
  cluster_identifier = aws_rds_cluster.mm.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}
`,
    });
    const c = cluster(s, 'mattermost-oob');
    expect(c).toMatchObject({
      region: 'eu-central-1', accountIds: ['222222222222'], storageEncrypted: true, kmsKeyId: 'aws_kms_key.db', kmsKeyManager: 'CUSTOMER',
      dbClusterParameterGroup: 'mattermost-oob-pg16', parameters: { 'rds.force_ssl': '1' }, globalClusterIdentifier: 'mattermost-global',
      masterPassword: { set: true, secretAddress: 'aws_secretsmanager_secret.db', rotated: true }, multiAZ: true,
    });
    expect(c.dbClusterMembers.map((m) => m.dbInstanceIdentifier)).toEqual(['mattermost-oob-0', 'mattermost-oob-1']);
    expect(c.crossRegionCopies).toEqual([{ kind: 'global-cluster', region: 'eu-west-1', via: 'aws_rds_global_cluster.g (member aws_rds_cluster.dr)' }]);
    expect(cluster(s, 'mattermost-oob-dr').crossRegionCopies.map((x) => x.region)).toEqual(['eu-central-1']);
    expect(s.aws.rds.globalClusters[0]?.globalClusterMembers.map((m) => [m.dbClusterIdentifier, m.region]).sort()).toEqual([['mattermost-oob', 'eu-central-1'], ['mattermost-oob-dr', 'eu-west-1']]);
    const inst = s.aws.rds.instances.find((i) => i.address === 'aws_rds_cluster_instance.mm');
    expect(inst).toMatchObject({ dbClusterIdentifier: 'mattermost-oob', instanceCount: 2, storageEncrypted: true, publiclyAccessible: false });
    expect(inst?.unknown?.['dbClusterIdentifier']).toBeUndefined();
    expect(s.aws.kms.keys[0]?.usedBy).toEqual([{ address: 'aws_rds_cluster.mm', type: 'aws_rds_cluster', attribute: 'kms_key_id' }]);
  });

  it('an AWS Backup plan that selects the cluster and copies to a vault in another region is a cross-region copy', async () => {
    const s = await collectTf({
      'main.tf': `${PROVIDERS}
resource "aws_rds_cluster" "mm" {
  cluster_identifier = "mattermost-oob"
  engine             = "aurora-postgresql"
  tags = {
    backup = "daily"
  }
}
resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "oob-dr"
}
resource "aws_backup_plan" "p" {
  name = "oob"
  rule {
    rule_name         = "daily"
    target_vault_name = "oob-primary"
    schedule          = "cron(0 3 * * ? *)"
    lifecycle {
      delete_after = 35
    }
    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
    }
  }
}
resource "aws_backup_selection" "by_tag" {
  name         = "tagged"
  plan_id      = aws_backup_plan.p.id
  iam_role_arn = "arn:aws:iam::222222222222:role/backup"
  selection_tag {
    type  = "STRINGEQUALS"
    key   = "backup"
    value = "daily"
  }
}
`,
    });
    const plan = s.aws.backup.plans[0]!;
    expect(plan.rules[0]).toMatchObject({ ruleName: 'daily', deleteAfterDays: 35, copyActions: [{ destinationBackupVaultArn: 'aws_backup_vault.dr', destinationRegion: 'eu-west-1', deleteAfterDays: null }] });
    expect(plan.selections).toEqual([{ selectionName: 'tagged', resources: [], selectionTags: [{ key: 'backup', value: 'daily' }] }]);
    expect(cluster(s, 'mattermost-oob').crossRegionCopies).toEqual([{ kind: 'aws-backup', region: 'eu-west-1', via: 'aws_backup_plan.p rule daily' }]);
  });

  it('a parameter group that is not declared, or a member count that is not known, is unknown', async () => {
    const s = await collectTf({
      'main.tf': `
variable "n" {
  type = number
}
resource "aws_rds_cluster" "mm" {
  cluster_identifier              = "mattermost-oob"
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = "shared-pg16"
}
resource "aws_rds_cluster_instance" "mm" {
  count              = var.n
  cluster_identifier = aws_rds_cluster.mm.id
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
}
`,
    });
    const c = cluster(s, 'mattermost-oob');
    expect(c.unknown?.['parameters']).toMatch(/shared-pg16 is not declared among the scanned files/);
    expect(c.unknown?.['multiAZ']).toMatch(/count is not known statically/);
    expect(c.unknown?.['dbClusterMembers']).toMatch(/count is not known statically/);
  });

  it('parameters generated by a dynamic block are unknown, not absent', async () => {
    const s = await collectTf({
      'main.tf': `
variable "params" {
  type = map(string)
}
resource "aws_rds_cluster_parameter_group" "pg" {
  name   = "mattermost-oob-pg16"
  family = "aurora-postgresql16"
  dynamic "parameter" {
    for_each = var.params
    content {
      name  = parameter.key
      value = parameter.value
    }
  }
}
resource "aws_rds_cluster" "mm" {
  cluster_identifier              = "mattermost-oob"
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.pg.name
}
`,
    });
    const c = cluster(s, 'mattermost-oob');
    expect(c.dbClusterParameterGroup).toBe('mattermost-oob-pg16');
    expect(c.unknown?.['parameters']).toMatch(/dynamic "parameter"/);
  });

  it('maps standalone instances, for_each sizes, and the default parameter group', async () => {
    const s = await collectTf({
      'main.tf': `
resource "aws_rds_cluster" "mm" {
  cluster_identifier              = "mattermost-oob"
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = "default.aurora-postgresql16"
}
resource "aws_rds_cluster_instance" "mm" {
  for_each           = toset(["a", "b", "c"])
  identifier         = "mattermost-oob-\${each.key}"
  cluster_identifier = "mattermost-oob"
  instance_class     = "db.r6g.large"
  engine             = "aurora-postgresql"
  availability_zone  = "eu-central-1\${each.key}"
}
resource "aws_db_instance" "legacy" {
  identifier          = "mm-legacy"
  engine              = "postgres"
  instance_class      = "db.t4g.medium"
  publicly_accessible = true
  multi_az            = true
  storage_encrypted   = true
  password            = "another-secret-value"
}
`,
    });
    const c = cluster(s, 'mattermost-oob');
    expect(c.parameters).toEqual({});
    expect(c.unknown?.['parameters']).toBeUndefined();
    expect(c.dbClusterMembers).toHaveLength(3);
    const legacy = s.aws.rds.instances.find((i) => i.address === 'aws_db_instance.legacy');
    expect(legacy).toMatchObject({ dbClusterIdentifier: '', publiclyAccessible: true, multiAZ: true, storageEncrypted: true });
    expect(JSON.stringify(s)).not.toContain('another-secret-value');
  });
});

describe('Route 53', () => {
  const dns = `${PROVIDERS}
resource "aws_route53_zone" "example" {
  name = "example.com."
}
resource "aws_route53_health_check" "primary" {
  fqdn          = "chat-primary.example.com"
  type          = "HTTPS"
  resource_path = "/api/v4/system/ping"
}
resource "aws_route53_record" "primary" {
  zone_id         = aws_route53_zone.example.zone_id
  name            = "chat"
  type            = "A"
  set_identifier  = "primary"
  health_check_id = aws_route53_health_check.primary.id
  failover_routing_policy {
    type = "PRIMARY"
  }
  alias {
    name                   = "Primary-ALB-123.eu-central-1.elb.amazonaws.com."
    zone_id                = "Z215JYRZR1TBD5"
    evaluate_target_health = true
  }
}
resource "aws_route53_record" "secondary" {
  zone_id        = aws_route53_zone.example.zone_id
  name           = "chat.example.com"
  type           = "A"
  set_identifier = "oob"
  failover_routing_policy {
    type = "SECONDARY"
  }
  alias {
    name                   = "dualstack.k8s-ingressn-abc.elb.eu-west-1.amazonaws.com"
    zone_id                = "Z2IFOLAFXWLO4F"
    evaluate_target_health = false
  }
}
resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.example.zone_id
  name    = "www"
  type    = "CNAME"
  ttl     = 300
  records = ["chat.example.com"]
}
`;

  it('normalizes names and targets, joins zone, health check and the failover partner', async () => {
    const s = await collectTf({ 'main.tf': dns });
    const p = record(s, 'aws_route53_record.primary');
    expect(p).toMatchObject({
      name: 'chat.example.com', zoneName: 'example.com', hostedZoneId: 'aws_route53_zone.example', failover: 'PRIMARY', setIdentifier: 'primary', ttl: null,
      healthCheckId: 'aws_route53_health_check.primary', failoverPartner: 'oob', targets: ['primary-alb-123.eu-central-1.elb.amazonaws.com'],
      aliasTarget: { dnsName: 'primary-alb-123.eu-central-1.elb.amazonaws.com', hostedZoneId: 'Z215JYRZR1TBD5', evaluateTargetHealth: true },
    });
    const sec = record(s, 'aws_route53_record.secondary');
    expect(sec).toMatchObject({ failoverPartner: 'primary', targets: ['k8s-ingressn-abc.elb.eu-west-1.amazonaws.com'], healthCheckId: '' });
    expect(record(s, 'aws_route53_record.www')).toMatchObject({ name: 'www.example.com', ttl: 60 * 5, failover: '', failoverPartner: '' });
    expect(s.aws.route53.zones[0]).toMatchObject({ name: 'example.com', managed: true, privateZone: false, failoverRecords: ['chat.example.com'], accountIds: ['222222222222'] });
    // Health-check defaults: API interval 30 s, threshold 3, SNI on for HTTPS, port 443.
    expect(s.aws.route53.healthChecks[0]).toMatchObject({
      requestInterval: 30, failureThreshold: 3, enableSNI: true, port: 443, disabled: false, inverted: false, regions: [], usedByRecords: ['chat.example.com (primary)'],
    });
  });

  it('an alias to a load balancer declared here is unknown until apply, and so are the targets', async () => {
    const s = await collectTf({
      'main.tf': `
resource "aws_lb" "oob" {
  name               = "mm-oob"
  load_balancer_type = "network"
}
data "aws_route53_zone" "example" {
  name = "example.com"
}
resource "aws_route53_record" "secondary" {
  zone_id        = data.aws_route53_zone.example.zone_id
  name           = "chat.example.com"
  type           = "A"
  set_identifier = "oob"
  failover_routing_policy {
    type = "SECONDARY"
  }
  alias {
    name                   = aws_lb.oob.dns_name
    zone_id                = aws_lb.oob.zone_id
    evaluate_target_health = true
  }
}
`,
    });
    const sec = record(s, 'aws_route53_record.secondary');
    expect(sec.zoneName).toBe('example.com');
    expect(sec.unknown?.['targets']).toMatch(/aws_lb\.oob\.dns_name is not known statically/);
    expect(sec.unknown?.['aliasTarget.evaluateTargetHealth']).toBeUndefined();
    expect(sec.failoverPartner).toBe('');
    expect(s.aws.route53.zones[0]).toMatchObject({ managed: false, name: 'example.com', address: 'data.aws_route53_zone.example' });
  });
});

describe('KMS, CloudTrail, WAF', () => {
  it('records which resources use a key (directly or through an alias), its aliases, and replica keys', async () => {
    const s = await collectTf({
      'main.tf': `${PROVIDERS}
resource "aws_kms_key" "shared" {
  description  = "OOB shared"
  multi_region = true
}
resource "aws_kms_alias" "shared" {
  name          = "alias/oob-shared"
  target_key_id = aws_kms_key.shared.key_id
}
resource "aws_kms_replica_key" "shared_dr" {
  provider        = aws.dr
  primary_key_arn = aws_kms_key.shared.arn
}
resource "aws_eks_cluster" "oob" {
  name     = "mm-oob"
  role_arn = "arn:aws:iam::222222222222:role/eks"
  vpc_config {
    subnet_ids = ["subnet-1", "subnet-2"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.shared.arn
    }
  }
}
resource "aws_cloudtrail" "oob" {
  name           = "oob-account"
  s3_bucket_name = "org-trail"
  kms_key_id     = aws_kms_alias.shared.arn
}
`,
    });
    const key = s.aws.kms.keys.find((k) => k.address === 'aws_kms_key.shared');
    expect(key).toMatchObject({ keyRotationEnabled: false, multiRegionKeyType: 'PRIMARY', aliases: ['alias/oob-shared'], keySpec: 'SYMMETRIC_DEFAULT', keyUsage: 'ENCRYPT_DECRYPT' });
    expect(key?.usedBy.map((u) => [u.address, u.attribute]).sort()).toEqual([
      ['aws_cloudtrail.oob', 'kms_key_id'],
      ['aws_eks_cluster.oob', 'encryption_config[0].provider[0].key_arn'],
    ]);
    const replica = s.aws.kms.keys.find((k) => k.address === 'aws_kms_replica_key.shared_dr');
    expect(replica).toMatchObject({ multiRegionKeyType: 'REPLICA', region: 'eu-west-1' });
    const trail = s.aws.cloudtrail.trails[0]!;
    expect(trail).toMatchObject({ kmsKeyId: 'aws_kms_key.shared', kmsKeyManager: 'CUSTOMER', isMultiRegionTrail: false, includeGlobalServiceEvents: true, isLogging: true });
    expect(trail.unknown?.['s3BucketAccountIds']).toMatch(/org-trail is not declared among the scanned Terraform files/);
  });

  it('joins a web ACL association to the load balancer by reference or by ARN', async () => {
    const s = await collectTf({
      'main.tf': `
resource "aws_lb" "a" {
  name = "mm-oob-a"
}
resource "aws_lb" "b" {
  name     = "mm-oob-b"
  internal = true
}
resource "aws_wafv2_web_acl" "acl" {
  name  = "mm-oob"
  scope = "REGIONAL"
  default_action {
    block {}
  }
  rule {
    name     = "allow-vpn"
    priority = 1
    action {
      allow {}
    }
    statement {
      ip_set_reference_statement {
        arn = "arn:aws:wafv2:eu-central-1:222222222222:regional/ipset/vpn/1"
      }
    }
    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "vpn"
      sampled_requests_enabled   = true
    }
  }
  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "mm-oob"
    sampled_requests_enabled   = true
  }
}
resource "aws_wafv2_web_acl_association" "a" {
  resource_arn = aws_lb.a.arn
  web_acl_arn  = aws_wafv2_web_acl.acl.arn
}
resource "aws_wafv2_web_acl_association" "b" {
  resource_arn = "arn:aws:elasticloadbalancing:eu-central-1:222222222222:loadbalancer/app/mm-oob-b/50dc6c495c0c9188"
  web_acl_arn  = "arn:aws:wafv2:eu-central-1:222222222222:regional/webacl/other/2"
}
`,
    });
    const [a, b] = ['mm-oob-a', 'mm-oob-b'].map((n) => s.aws.elbv2.loadBalancers.find((l) => l.loadBalancerName === n));
    expect(a).toMatchObject({ type: 'application', scheme: 'internet-facing', webAclArn: 'aws_wafv2_web_acl.acl', webAcl: { name: 'mm-oob', defaultAction: 'block', ruleCount: 1 } });
    expect(b).toMatchObject({ scheme: 'internal', webAclArn: 'arn:aws:wafv2:eu-central-1:222222222222:regional/webacl/other/2', webAcl: null });
    expect(Object.keys(a?.unknown ?? {}).sort()).toEqual(['accountIds', 'region']);
    expect(s.aws.wafv2.webAcls[0]).toMatchObject({ defaultAction: 'block', associatedResources: ['aws_lb.a'] });
    expect(s.aws.wafv2.webAcls[0]?.rules).toEqual([{ name: 'allow-vpn', priority: 1, managedRuleGroup: '', rateBased: false, ipSetReference: true }]);
  });
});

describe('cross-source joins in one scan', () => {
  it('Velero BSL, Mattermost file store and Ingress status meet the Terraform model', async () => {
    const { report } = await scanFiles({
      'main.tf': `${PROVIDERS}
resource "aws_s3_bucket" "velero" {
  bucket = "oob-velero-backups"
}
resource "aws_s3_bucket" "files" {
  bucket = "oob-mattermost-files"
}
resource "aws_route53_zone" "example" {
  name = "example.com"
}
resource "aws_route53_record" "secondary" {
  zone_id        = aws_route53_zone.example.zone_id
  name           = "chat.example.com"
  type           = "CNAME"
  ttl            = 60
  records        = ["k8s-ingressn-abc.elb.eu-west-1.amazonaws.com"]
  set_identifier = "oob"
  failover_routing_policy {
    type = "SECONDARY"
  }
}
`,
      'k8s.yaml': `apiVersion: velero.io/v1
kind: BackupStorageLocation
metadata:
  name: default
  namespace: velero
spec:
  provider: aws
  objectStorage:
    bucket: oob-velero-backups
---
apiVersion: installation.mattermost.com/v1beta1
kind: Mattermost
metadata:
  name: mm-oob
  namespace: mattermost
spec:
  image: mattermost/mattermost-enterprise-edition
  version: 10.5.1
  fileStore:
    external:
      url: s3.amazonaws.com
      bucket: oob-mattermost-files
      useServiceAccount: true
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: mattermost
  namespace: mattermost
spec:
  rules:
    - host: chat.example.com
status:
  loadBalancer:
    ingress:
      - hostname: k8s-ingressn-abc.elb.eu-west-1.amazonaws.com
`,
    }, { configData: { environment: { primary: { awsAccountIds: ['111111111111'] }, oob: { hostnames: ['chat.example.com'] } } } });
    const by = (rule: string) => report.findings.filter((f) => f.ruleId === rule).map((f) => [f.objectName, f.status]);
    expect(by('OOB-ISO-004.s3')).toEqual([['oob-velero-backups', 'pass']]);
    expect(by('OOB-BKP-010.s3')).toEqual([['oob-mattermost-files', 'fail']]);
    expect(by('OOB-DNS-001.secondary')).toEqual([['chat.example.com', 'pass']]);
    expect(by('OOB-DNS-001.pair')).toEqual([['chat.example.com', 'fail']]);
  });
});

describe('plan JSON', () => {
  it('the AWS fixture: buckets in their provider\'s region and account, key usage, the standalone instance, no password', async () => {
    const text = readFileSync(path.join(PACKAGE_ROOT, 'fixtures/terraform/plan/aws-oob.plan.json'), 'utf8');
    const s = await collectTf({ 'plan.json': text });
    expect(bucket(s, 'mm-oob-backups-111122223333')).toMatchObject({ region: 'eu-central-1', accountIds: ['111122223333'], objectLock: { enabled: true } });
    expect(bucket(s, 'mm-oob-backups-dr-444455556666')).toMatchObject({ region: 'eu-west-1', accountIds: ['444455556666'] });
    expect(bucket(s, 'mm-oob-backups-111122223333').encryption.rules[0]).toMatchObject({ sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'aws_kms_key.backups', kmsKeyManager: 'CUSTOMER' });
    const db = s.aws.rds.instances.find((i) => i.address === 'aws_db_instance.mattermost');
    expect(db).toMatchObject({ dbInstanceIdentifier: 'mm-oob', engine: 'postgres', publiclyAccessible: false, multiAZ: true, storageEncrypted: true });
    expect(s.aws.kms.keys.find((k) => k.address === 'aws_kms_key.eks')?.usedBy).toEqual([{ address: 'aws_eks_cluster.oob', type: 'aws_eks_cluster', attribute: 'encryption_config[0].provider[0].key_arn' }]);
    // multi_region is computed in the plan and not configured: the provider default, not unknown.
    expect(s.aws.kms.keys.every((k) => k.multiRegionKeyType === '' && k.unknown?.['multiRegionKeyType'] === undefined)).toBe(true);
    expect(JSON.stringify(s)).not.toContain('S3cr3t-Db-Passw0rd');
  });

  it('computed arguments the configuration leaves out take the provider default; computed from a reference, they stay unknown', async () => {
    const s = await collectTf({ 'plan.json': JSON.stringify(auroraPlan()) });
    const c = cluster(s, 'mattermost-oob');
    // storage_encrypted, kms_key_id, db_cluster_parameter_group_name, availability_zone: computed, not configured.
    expect(c).toMatchObject({ storageEncrypted: false, kmsKeyId: '', kmsKeyManager: 'AWS', dbClusterParameterGroup: '', multiAZ: true });
    expect(c.dbClusterMembers.map((m) => m.dbInstanceIdentifier)).toEqual(['mattermost-oob-0', 'mattermost-oob-1']);
    expect(c.unknown?.['storageEncrypted']).toBeUndefined();
    expect(c.unknown?.['kmsKeyId']).toBeUndefined();
    expect(c.unknown?.['multiAZ']).toBeUndefined();
    expect(c.unknown?.['parameters']).toBeUndefined();
    // backup_retention_period comes from a data source read at apply: unknown, with the reason.
    expect(c.unknown?.['backupRetentionPeriod']).toMatch(/known after apply/);
    expect(JSON.stringify(s)).not.toContain('plan-secret-password');
  });
});

/** A plan of an Aurora cluster with two count instances, written as `terraform show -json` writes it. */
function auroraPlan(): unknown {
  const provider = 'registry.terraform.io/hashicorp/aws';
  const clusterValues = {
    cluster_identifier: 'mattermost-oob', engine: 'aurora-postgresql', engine_mode: 'provisioned', master_username: 'mmadmin',
    master_password: 'plan-secret-password', backup_retention_period: null, storage_encrypted: null, kms_key_id: null, db_cluster_parameter_group_name: null,
    deletion_protection: false, skip_final_snapshot: false, copy_tags_to_snapshot: false, tags: null,
  };
  const instance = (i: number) => ({
    address: `aws_rds_cluster_instance.mm[${i}]`, mode: 'managed', type: 'aws_rds_cluster_instance', name: 'mm', index: i, provider_name: provider, schema_version: 0,
    values: { identifier: `mattermost-oob-${i}`, instance_class: 'db.r6g.large', engine: 'aurora-postgresql', cluster_identifier: 'mattermost-oob', publicly_accessible: false, availability_zone: null },
    sensitive_values: {},
  });
  const change = (r: { address: string; type: string; name: string; index?: number; values: Record<string, unknown> }, unknown: Record<string, boolean>) => ({
    address: r.address, mode: 'managed', type: r.type, name: r.name, ...(r.index !== undefined ? { index: r.index } : {}), provider_name: provider,
    change: { actions: ['create'], before: null, after: r.values, after_unknown: unknown, before_sensitive: false, after_sensitive: r.type === 'aws_rds_cluster' ? { master_password: true } : {} },
  });
  const clusterRes = { address: 'aws_rds_cluster.mm', mode: 'managed', type: 'aws_rds_cluster', name: 'mm', provider_name: provider, schema_version: 0, values: clusterValues, sensitive_values: { master_password: true } };
  const instances = [instance(0), instance(1)];
  return {
    format_version: '1.2', terraform_version: '1.9.5',
    planned_values: { root_module: { resources: [clusterRes, ...instances] } },
    resource_changes: [
      change(clusterRes, { backup_retention_period: true, storage_encrypted: true, kms_key_id: true, db_cluster_parameter_group_name: true, arn: true, id: true }),
      ...instances.map((i) => change(i, { availability_zone: true, arn: true, id: true })),
    ],
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: provider, expressions: { region: { constant_value: 'eu-central-1' }, allowed_account_ids: { constant_value: ['222222222222'] } } } },
      root_module: {
        resources: [
          {
            address: 'aws_rds_cluster.mm', mode: 'managed', type: 'aws_rds_cluster', name: 'mm', provider_config_key: 'aws', schema_version: 0,
            expressions: {
              cluster_identifier: { constant_value: 'mattermost-oob' }, engine: { constant_value: 'aurora-postgresql' }, master_username: { constant_value: 'mmadmin' },
              master_password: { references: ['var.db_password'] },
              backup_retention_period: { references: ['data.aws_ssm_parameter.retention.value', 'data.aws_ssm_parameter.retention'] },
            },
          },
          {
            address: 'aws_rds_cluster_instance.mm', mode: 'managed', type: 'aws_rds_cluster_instance', name: 'mm', provider_config_key: 'aws', schema_version: 0,
            count_expression: { constant_value: 2 },
            expressions: {
              identifier: { references: ['count.index'] }, instance_class: { constant_value: 'db.r6g.large' }, engine: { constant_value: 'aurora-postgresql' },
              cluster_identifier: { references: ['aws_rds_cluster.mm.id', 'aws_rds_cluster.mm'] },
            },
          },
        ],
      },
    },
  };
}
