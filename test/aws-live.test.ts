/**
 * The live AWS collector against a local server speaking the real wire protocols (STS awsQuery,
 * S3 REST-XML, EKS REST-JSON): the model it fills is the Terraform adapters' model, failures
 * become gaps (whole collections) or unknown fields (one setting of one bucket), retries are the
 * SDK's, and the existing rules judge live buckets as they judge the equivalent Terraform.
 */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collectAws, type AwsLiveResult } from '../src/collectors/aws-live/collect.ts';
import { defaultConfig } from '../src/config/config.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import type { Finding } from '../src/engine/types.ts';
import { emptySnapshot } from '../src/model/snapshot.ts';
import { loadRules } from '../src/run.ts';
import { VERSION } from '../src/version.ts';
import { startAwsApi, type FakeAws, type FakeAwsOptions, type FakeBucket } from './helpers/aws-api-server.ts';
import { FIXED_NOW, scanFiles } from './helpers/scan.ts';

const ACCOUNT = '111122223333';
const CALLER = `arn:aws:sts::${ACCOUNT}:assumed-role/oobguard-audit/scan`;
const KEY = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/4f1c2a8e-7b3d-4c9a-9e2f-0d6b5a1c3e7f`;

const PROTECTED: FakeBucket = {
  name: 'oob-velero-backups', region: 'eu-central-1',
  versioning: { status: 'Enabled', mfaDelete: 'Disabled' },
  encryption: { algorithm: 'aws:kms', kmsKeyId: KEY, bucketKey: true },
  publicAccessBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
  policy: {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*',
      Resource: ['arn:aws:s3:::oob-velero-backups', 'arn:aws:s3:::oob-velero-backups/*'],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }],
  },
  replication: {
    role: `arn:aws:iam::${ACCOUNT}:role/oob-s3-replication`,
    rules: [{ id: 'to-dr', status: 'Enabled', destinationBucket: 'arn:aws:s3:::oob-velero-backups-dr', account: '999988887777', replicaKmsKeyId: KEY.replace('eu-central-1', 'eu-west-1'), deleteMarkerReplication: 'Enabled' }],
  },
  objectLock: { mode: 'COMPLIANCE', days: 30 },
  lifecycle: [{ id: 'expire-noncurrent', status: 'Enabled', noncurrentDays: 90 }],
  logging: { targetBucket: 'oob-scratch', targetPrefix: 'access/velero/' },
};

/** A bucket created with defaults: S3 answers the "not configured" errors (and, since 2023, an SSE-S3 rule). */
const BARE: FakeBucket = { name: 'oob-scratch', region: 'us-east-1', encryption: { algorithm: 'AES256' } };

const CLUSTER = {
  name: 'mm-oob',
  arn: `arn:aws:eks:eu-central-1:${ACCOUNT}:cluster/mm-oob`,
  createdAt: 1772445600,
  version: '1.33',
  platformVersion: 'eks.9',
  endpoint: 'https://4A1B2C3D4E5F60718293A4B5C6D7E8F9.gr7.eu-central-1.eks.amazonaws.com',
  roleArn: `arn:aws:iam::${ACCOUNT}:role/mm-oob-eks-cluster`,
  resourcesVpcConfig: {
    subnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0f9e8d7c6b5a40312'], securityGroupIds: ['sg-0123456789abcdef0'],
    clusterSecurityGroupId: 'sg-0fedcba9876543210', vpcId: 'vpc-0a1b2c3d4e5f60718',
    endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ['203.0.113.0/24'],
  },
  kubernetesNetworkConfig: { serviceIpv4Cidr: '172.20.0.0/16', ipFamily: 'ipv4' },
  // Enabled and disabled types come in separate groups (gotcha 5).
  logging: { clusterLogging: [
    { types: ['api', 'authenticator'], enabled: true },
    { types: ['audit', 'controllerManager', 'scheduler'], enabled: false },
  ] },
  identity: { oidc: { issuer: 'https://oidc.eks.eu-central-1.amazonaws.com/id/4A1B2C3D4E5F60718293A4B5C6D7E8F9' } },
  status: 'ACTIVE',
  encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: KEY } }],
  accessConfig: { bootstrapClusterCreatorAdminPermissions: false, authenticationMode: 'API' },
  upgradePolicy: { supportType: 'STANDARD' },
  tags: { environment: 'oob' },
};

function account(extra: Partial<FakeAwsOptions> = {}): FakeAwsOptions {
  return { accountId: ACCOUNT, callerArn: CALLER, buckets: [PROTECTED, BARE], clusters: [CLUSTER], ...extra };
}

let server: FakeAws | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

beforeAll(() => {
  // Never fall through to the instance-metadata service.
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
});

async function collect(o: FakeAwsOptions): Promise<{ result: AwsLiveResult; srv: FakeAws }> {
  const srv = await startAwsApi(o);
  server = srv;
  const result = await collectAws({
    region: 'eu-central-1', endpoint: srv.endpoint,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    // Standard retry decisions, a 1 ms fixed delay.
    retryStrategy: new ConfiguredRetryStrategy(3, () => 1),
    requestTimeoutMs: 5000,
  });
  return { result, srv };
}

function bucket(r: AwsLiveResult, name: string) {
  const b = r.aws.s3.buckets.find((x) => x.bucket === name);
  if (!b) throw new Error(`no bucket ${name}`);
  return b;
}

describe('collectAws', () => {
  it('reads a realistic account into the Terraform model', async () => {
    const { result } = await collect(account());
    // 1 STS + 1 ListBuckets + 2 × 9 per-bucket + 1 ListClusters + 1 DescribeCluster, and one empty
    // listing each of ListHostedZones, ListHealthChecks, ListKeys, DescribeDBClusters/Instances, DescribeTrails,
    // ListAddons/Nodegroups/AccessEntries, DescribeVpcPeeringConnections/TransitGatewayAttachments, DescribeOrganization,
    // GetAccountAuthorizationDetails and ListOpenIDConnectProviders, and GetAccountSummary.
    expect(result.coverage).toEqual({ source: 'aws', scope: ACCOUNT, calls: 37, failedCalls: 0, gaps: [] });
    expect(result.aws.providers).toHaveLength(1);
    expect(result.aws.providers[0]).toMatchObject({
      kind: 'AwsProvider', origin: 'live', address: '', callerAccountId: ACCOUNT, region: 'eu-central-1', resourceId: CALLER,
      source: { file: `oobguard-live/aws/${ACCOUNT}`, line: 1, ref: CALLER },
    });

    const p = bucket(result, 'oob-velero-backups');
    expect(p).toMatchObject({
      id: 'aws/arn:aws:s3:::oob-velero-backups', kind: 'S3Bucket', origin: 'live', address: '', resourceId: 'arn:aws:s3:::oob-velero-backups',
      source: { file: `oobguard-live/aws/${ACCOUNT}`, line: 1, ref: 'arn:aws:s3:::oob-velero-backups' },
      region: 'eu-central-1', accountIds: [ACCOUNT],
      versioning: { status: 'Enabled', mfaDelete: 'Disabled' },
      encryption: { rules: [{ sseAlgorithm: 'aws:kms', kmsMasterKeyId: KEY, kmsKeyManager: '', bucketKeyEnabled: true }] },
      publicAccessBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      objectLock: { enabled: true, mode: 'COMPLIANCE', days: 30, years: null },
      lifecycleRules: [{ id: 'expire-noncurrent', status: 'Enabled', noncurrentDays: 90, expirationDays: null }],
      logging: { targetBucket: 'oob-scratch', targetPrefix: 'access/velero/' },
      replication: {
        role: `arn:aws:iam::${ACCOUNT}:role/oob-s3-replication`,
        rules: [{ id: 'to-dr', status: 'Enabled', destinationBucket: 'arn:aws:s3:::oob-velero-backups-dr', destinationAccount: '999988887777', replicaKmsKeyId: KEY.replace('eu-central-1', 'eu-west-1'), sseKmsEncryptedObjects: 'Enabled', deleteMarkerReplication: 'Enabled' }],
      },
    });
    expect(p.policy?.statements[0]).toMatchObject({ effect: 'Deny', actions: ['s3:*'], conditions: { Bool: { 'aws:SecureTransport': ['false'] } } });
    // Fully blocked on the bucket: the account-level block (not read) cannot change the verdict.
    expect(p.unknown?.['accountPublicAccessBlock']).toBeUndefined();
    // The destination lives in another account: its region cannot be told.
    expect(p.unknown?.['replicationDestinations']).toContain('not a bucket of account 111122223333');

    const bare = bucket(result, 'oob-scratch');
    expect(bare).toMatchObject({
      region: 'us-east-1', versioning: { status: '', mfaDelete: '' },
      encryption: { rules: [{ sseAlgorithm: 'AES256', kmsMasterKeyId: '', kmsKeyManager: '', bucketKeyEnabled: false }] },
      publicAccessBlock: null, policy: null, replication: null, logging: null, lifecycleRules: [],
      objectLock: { enabled: false, mode: '', days: null, years: null },
      accessLogTargetOf: ['oob-velero-backups'],
    });
    expect(bare.unknown?.['accountPublicAccessBlock']).toContain('not read');

    expect(result.aws.eks.clusters).toHaveLength(1);
    expect(result.aws.eks.clusters[0]).toMatchObject({
      kind: 'EksCluster', name: 'mm-oob', arn: CLUSTER.arn, resourceId: CLUSTER.arn, origin: 'live', address: '',
      region: 'eu-central-1', accountIds: [ACCOUNT], version: '1.33', platformVersion: 'eks.9',
      enabledLogTypes: ['api', 'authenticator'],
      resourcesVpcConfig: { endpointPublicAccess: true, endpointPrivateAccess: true, publicAccessCidrs: ['203.0.113.0/24'], securityGroupIds: ['sg-0123456789abcdef0'], subnetIds: CLUSTER.resourcesVpcConfig.subnetIds },
      encryptionConfig: [{ resources: ['secrets'], provider: { keyArn: KEY } }],
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      oidcIssuer: CLUSTER.identity.oidc.issuer, upgradePolicy: { supportType: 'STANDARD' }, tags: { environment: 'oob' },
      source: { file: `oobguard-live/aws/${ACCOUNT}`, line: 1, ref: CLUSTER.arn },
    });
  });

  it('an AccessDenied on one bucket call leaves that field unknown, naming the permission; the rest is read', async () => {
    const { result, srv } = await collect(account({ forbid: ['s3 GET /oob-velero-backups?replication'] }));
    expect(result.coverage.gaps).toEqual([]);
    expect(result.coverage.failedCalls).toBe(1);
    const p = bucket(result, 'oob-velero-backups');
    expect(p.unknown?.['replication']).toBe('S3:GetBucketReplication failed: AccessDenied (HTTP 403) — needs s3:GetReplicationConfiguration');
    expect(p.unknown?.['replicationDestinations']).toBe(p.unknown?.['replication']);
    expect(p.replication).toBeNull();
    expect(p.versioning.status).toBe('Enabled');
    expect(p.objectLock.enabled).toBe(true);
    // The other bucket may be a replica of it: not known either.
    expect(bucket(result, 'oob-scratch').unknown?.['replicaOf']).toContain('oob-velero-backups');
    // A 403 is not retried.
    expect(srv.requests.filter((r) => r.key === 's3 GET /oob-velero-backups?replication')).toHaveLength(1);
  });

  it('an AccessDenied on ListBuckets is a gap on aws.s3.buckets; EKS is still read', async () => {
    const { result } = await collect(account({ forbid: ['s3 GET /'] }));
    expect(result.aws.s3.buckets).toEqual([]);
    expect(result.coverage.gaps).toEqual([
      { collection: 'aws.s3.buckets', scope: '', api: 'S3:ListBuckets', error: 'AccessDenied (HTTP 403)', permission: 's3:ListAllMyBuckets' },
    ]);
    expect(result.aws.eks.clusters.map((c) => c.name)).toEqual(['mm-oob']);
    expect(result.coverage).toMatchObject({ calls: 19, failedCalls: 1 });
  });

  it('a failed GetCallerIdentity stops the scan: one gap per collection, scope ""', async () => {
    const { result, srv } = await collect(account({ script: { 'sts GetCallerIdentity': [{ status: 403, code: 'InvalidClientTokenId' }] } }));
    expect(result.coverage.scope).toBe('');
    expect(result.coverage.calls).toBe(1);
    expect(result.coverage.gaps.map((g) => [g.collection, g.scope, g.api, g.error])).toEqual([
      'aws.providers', 'aws.s3.buckets', 'aws.eks.clusters', 'aws.route53.zones', 'aws.route53.records', 'aws.route53.healthChecks',
      'aws.rds.clusters', 'aws.rds.instances', 'aws.rds.clusterParameterGroups', 'aws.cloudtrail.trails', 'aws.kms.keys',
      'aws.eks.addons', 'aws.eks.nodeGroups', 'aws.eks.accessEntries', 'aws.eks.accessPolicyAssociations', 'aws.accountReferences',
      'aws.ec2.launchTemplates', 'aws.ec2.vpcPeerings', 'aws.ec2.transitGatewayAttachments',
      'aws.iam.roles', 'aws.iam.policies', 'aws.iam.users', 'aws.iam.oidcProviders', 'aws.iam.accountSummaries',
    ].map((c) => [c, '', 'STS:GetCallerIdentity', 'InvalidClientTokenId (HTTP 403)']));
    expect(srv.requests.map((r) => r.service)).toEqual(['sts']);
    expect(JSON.stringify(result)).not.toContain('wJalrXUtnFEMI');
  });

  it('retries a 429 ThrottlingException and a 500 inside one call, counted once', async () => {
    const { result, srv } = await collect(account({
      script: {
        'eks GET /clusters/mm-oob': [{ status: 429, code: 'ThrottlingException' }],
        's3 GET /oob-scratch?versioning': [{ status: 500, code: 'InternalError' }],
      },
    }));
    expect(result.coverage).toMatchObject({ calls: 37, failedCalls: 0, gaps: [] });
    expect(result.aws.eks.clusters[0]?.enabledLogTypes).toEqual(['api', 'authenticator']);
    expect(bucket(result, 'oob-scratch').unknown?.['versioning']).toBeUndefined();
    expect(srv.requests.filter((r) => r.key === 'eks GET /clusters/mm-oob').map((r) => r.attempt)).toEqual([1, 2]);
    expect(srv.requests.filter((r) => r.key === 's3 GET /oob-scratch?versioning').map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('a DescribeCluster that keeps failing is a gap scoped to that cluster, on the cluster and on what is read from it', async () => {
    const { result } = await collect(account({ forbid: ['eks GET /clusters/mm-oob'] }));
    expect(result.aws.eks.clusters).toEqual([]);
    const cause = { scope: 'mm-oob', api: 'EKS:DescribeCluster mm-oob', error: 'AccessDeniedException (HTTP 403)', permission: 'eks:DescribeCluster' };
    expect(result.coverage.gaps).toEqual([
      'aws.eks.clusters', 'aws.accountReferences', 'aws.eks.accessEntries', 'aws.eks.accessPolicyAssociations', 'aws.eks.addons', 'aws.eks.nodeGroups',
      'aws.ec2.launchTemplates',
    ].map((collection) => ({ collection, ...cause })));
  });
});

describe('rules judge live AWS as they judge the equivalent Terraform', () => {
  const TF = `
provider "aws" {
  region              = "eu-central-1"
  allowed_account_ids = ["${ACCOUNT}"]
}
resource "aws_s3_bucket" "backups" {
  bucket = "oob-velero-backups"
}
resource "aws_s3_bucket_versioning" "backups" {
  bucket = aws_s3_bucket.backups.id
  versioning_configuration {
    status = "Enabled"
  }
}
resource "aws_s3_bucket_server_side_encryption_configuration" "backups" {
  bucket = aws_s3_bucket.backups.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "${KEY}"
    }
    bucket_key_enabled = true
  }
}
resource "aws_s3_bucket_public_access_block" "backups" {
  bucket                  = aws_s3_bucket.backups.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_logging" "backups" {
  bucket        = aws_s3_bucket.backups.id
  target_bucket = aws_s3_bucket.scratch.id
  target_prefix = "access/velero/"
}
resource "aws_s3_bucket" "scratch" {
  bucket = "oob-scratch"
}
`;

  function statuses(findings: Finding[], ruleId: string): Record<string, string> {
    return Object.fromEntries(findings.filter((f) => f.ruleId === ruleId && f.objectKind === 'S3Bucket').map((f) => [f.objectName, f.status]));
  }

  it('OOB-BKP-004.s3 and ZT-ENC-005.s3: same verdicts as Terraform; findings point at the bucket ARN', async () => {
    const { result } = await collect(account());
    const snapshot = emptySnapshot(VERSION, FIXED_NOW);
    snapshot.aws.providers = result.aws.providers;
    snapshot.aws.s3 = result.aws.s3;
    snapshot.aws.eks = result.aws.eks;
    snapshot.coverage = [result.coverage];
    const { rules } = await loadRules({ cwd: process.cwd() });
    const live = evaluate({ rules, snapshot, config: defaultConfig(), now: FIXED_NOW });
    const tf = await scanFiles({ 'main.tf': TF });

    expect(statuses(live.findings, 'OOB-BKP-004.s3')).toEqual({ 'oob-velero-backups': 'pass', 'oob-scratch': 'fail' });
    expect(statuses(tf.report.findings, 'OOB-BKP-004.s3')).toEqual(statuses(live.findings, 'OOB-BKP-004.s3'));
    // The access-log target is exempt in both (S3 cannot deliver logs to SSE-KMS buckets).
    expect(statuses(live.findings, 'ZT-ENC-005.s3')).toEqual({ 'oob-velero-backups': 'pass' });
    expect(statuses(tf.report.findings, 'ZT-ENC-005.s3')).toEqual(statuses(live.findings, 'ZT-ENC-005.s3'));
    const versioned = live.findings.filter((f) => f.ruleId === 'OOB-BKP-004.s3');
    expect(versioned.find((f) => f.objectName === 'oob-velero-backups')).toMatchObject({ status: 'pass' });
    expect(versioned.find((f) => f.objectName === 'oob-scratch')).toMatchObject({
      status: 'fail', source: { file: `oobguard-live/aws/${ACCOUNT}`, line: 1, ref: 'arn:aws:s3:::oob-scratch' },
    });

    // Block Public Access: the protected bucket passes in both; the bare one fails in Terraform
    // (no block declared anywhere) and is unknown live (the account-level block is not read yet).
    expect(statuses(live.findings, 'ZT-NET-009.s3')).toEqual({ 'oob-velero-backups': 'pass', 'oob-scratch': 'unknown' });
    expect(statuses(tf.report.findings, 'ZT-NET-009.s3')).toEqual({ 'oob-velero-backups': 'pass', 'oob-scratch': 'fail' });

    // EKS logs: api and authenticator on, audit in a disabled group.
    const eks = live.findings.find((f) => f.ruleId === 'ZT-MON-001.eks');
    expect(eks).toMatchObject({ status: 'fail', source: { ref: CLUSTER.arn } });
    expect(eks?.message).toContain('audit');
  });

  it('a gap on ListBuckets makes the S3 rules unknown for the account', async () => {
    const { result } = await collect(account({ forbid: ['s3 GET /'] }));
    const snapshot = emptySnapshot(VERSION, FIXED_NOW);
    snapshot.aws.s3 = result.aws.s3;
    snapshot.coverage = [result.coverage];
    const { rules } = await loadRules({ cwd: process.cwd() });
    const report = evaluate({ rules, snapshot, config: defaultConfig(), now: FIXED_NOW });
    const f = report.findings.find((x) => x.ruleId === 'OOB-BKP-004.s3');
    expect(f).toMatchObject({ status: 'unknown', objectKind: 'Coverage' });
    expect(f?.reasons?.[0]).toBe('S3:ListBuckets failed: AccessDenied (HTTP 403) — needs s3:ListAllMyBuckets');
  });
});

// ---- Route 53, RDS, CloudTrail, KMS ------------------------------------------------------------

const KEY2 = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d`;
const SIGNING = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/mrk-0d6b5a1c3e7f4f1c2a8e7b3d4c9a9e2f`;
const RDS_AWS_KEY = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/1c3e7f4f-1c2a-8e7b-3d4c-9a9e2f0d6b5a`;
const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/oob-account`;

const DATA: Partial<FakeAwsOptions> = {
  zones: [
    {
      id: 'Z0123456789ABCDEFGHIJ', name: 'example.com.',
      records: [
        { Name: 'example.com.', Type: 'NS', TTL: 172800, ResourceRecords: ['ns-1.awsdns-01.org.', 'ns-2.awsdns-02.com.'] },
        { Name: 'example.com.', Type: 'SOA', TTL: 900, ResourceRecords: ['ns-1.awsdns-01.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400'] },
        { Name: '\\052.example.com.', Type: 'A', TTL: 300, ResourceRecords: ['198.51.100.7'] },
        { Name: 'chat.example.com.', Type: 'CNAME', SetIdentifier: 'primary', Failover: 'PRIMARY', TTL: 60, ResourceRecords: ['chat-primary.example.com'], HealthCheckId: 'hc-primary' },
        { Name: 'chat.example.com.', Type: 'CNAME', SetIdentifier: 'oob', Failover: 'SECONDARY', TTL: 300, ResourceRecords: ['chat-oob.example.com'] },
        { Name: 'www.example.com.', Type: 'A', AliasTarget: { HostedZoneId: 'Z215JYRZR1TBD5', DNSName: 'dualstack.mm-alb-123.eu-central-1.elb.amazonaws.com.', EvaluateTargetHealth: true } },
      ],
    },
    { id: 'Z9876543210ZYXWVUTSRQ', name: 'internal.example.', privateZone: true, records: [{ Name: 'db.internal.example.', Type: 'CNAME', TTL: 60, ResourceRecords: ['mm-aurora.cluster-c1.eu-central-1.rds.amazonaws.com'] }] },
  ],
  healthChecks: [
    { Id: 'hc-primary', config: { Type: 'HTTPS', FullyQualifiedDomainName: 'chat-primary.example.com', ResourcePath: '/api/v4/system/ping', RequestInterval: 10, FailureThreshold: 3, EnableSNI: true, Inverted: false, Disabled: false } },
    { Id: 'hc-stale', config: { Type: 'HTTP', IPAddress: '198.51.100.9', Port: 8080, RequestInterval: 30, FailureThreshold: 10, Regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'] } },
  ],
  dbClusters: [
    {
      DBClusterIdentifier: 'mm-aurora', DBClusterArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:cluster:mm-aurora`, Engine: 'aurora-postgresql', EngineVersion: '16.4',
      EngineMode: 'provisioned', Status: 'available', StorageEncrypted: true, KmsKeyId: KEY, BackupRetentionPeriod: 14, PreferredBackupWindow: '02:00-03:00',
      DeletionProtection: true, CopyTagsToSnapshot: true, IAMDatabaseAuthenticationEnabled: true, MultiAZ: true,
      MasterUserSecret: { SecretArn: `arn:aws:secretsmanager:eu-central-1:${ACCOUNT}:secret:rds!cluster-1-AbCdEf`, SecretStatus: 'active', KmsKeyId: KEY },
      EnabledCloudwatchLogsExports: { member: 'member', items: ['postgresql'] },
      DBClusterParameterGroup: 'mm-aurora-pg16',
      AvailabilityZones: { member: 'AvailabilityZone', items: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'] },
      DBClusterMembers: { member: 'DBClusterMember', items: [
        { DBInstanceIdentifier: 'mm-aurora-1', IsClusterWriter: true, DBClusterParameterGroupStatus: 'in-sync', PromotionTier: 1 },
        { DBInstanceIdentifier: 'mm-aurora-2', IsClusterWriter: false, DBClusterParameterGroupStatus: 'in-sync', PromotionTier: 1 },
      ] },
      TagList: { member: 'Tag', items: [{ Key: 'environment', Value: 'oob' }] },
    },
    {
      DBClusterIdentifier: 'legacy', DBClusterArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:cluster:legacy`, Engine: 'aurora-mysql', EngineVersion: '8.0.mysql_aurora.3.08.0',
      EngineMode: 'provisioned', StorageEncrypted: true, KmsKeyId: RDS_AWS_KEY, BackupRetentionPeriod: 1, DeletionProtection: false, CopyTagsToSnapshot: false,
      IAMDatabaseAuthenticationEnabled: false, MultiAZ: false, DBClusterParameterGroup: 'default.aurora-mysql8.0',
      DBClusterMembers: { member: 'DBClusterMember', items: [{ DBInstanceIdentifier: 'legacy-1', IsClusterWriter: true }] },
    },
    { DBClusterIdentifier: 'docs', DBClusterArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:cluster:docs`, Engine: 'docdb', StorageEncrypted: false },
  ],
  dbInstances: [
    { DBInstanceIdentifier: 'mm-aurora-1', DBInstanceArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:db:mm-aurora-1`, DBClusterIdentifier: 'mm-aurora', Engine: 'aurora-postgresql', DBInstanceClass: 'db.r7g.large', AvailabilityZone: 'eu-central-1a', PubliclyAccessible: false, MultiAZ: false, StorageEncrypted: true },
    { DBInstanceIdentifier: 'mm-aurora-2', DBInstanceArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:db:mm-aurora-2`, DBClusterIdentifier: 'mm-aurora', Engine: 'aurora-postgresql', DBInstanceClass: 'db.r7g.large', AvailabilityZone: 'eu-central-1b', PubliclyAccessible: false, MultiAZ: false, StorageEncrypted: true },
    { DBInstanceIdentifier: 'legacy-1', DBInstanceArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:db:legacy-1`, DBClusterIdentifier: 'legacy', Engine: 'aurora-mysql', DBInstanceClass: 'db.t4g.medium', AvailabilityZone: 'eu-central-1a', PubliclyAccessible: true, StorageEncrypted: true },
    { DBInstanceIdentifier: 'docs-1', DBInstanceArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:db:docs-1`, DBClusterIdentifier: 'docs', Engine: 'docdb', DBInstanceClass: 'db.t4g.medium' },
  ],
  clusterParameters: { 'mm-aurora-pg16': { 'rds.force_ssl': '1', 'log_min_duration_statement': '1000' } },
  trails: [
    {
      Name: 'oob-account', TrailARN: TRAIL_ARN, HomeRegion: 'us-east-1', S3BucketName: 'oob-scratch', S3KeyPrefix: 'trail', IncludeGlobalServiceEvents: true,
      IsMultiRegionTrail: true, LogFileValidationEnabled: true, KmsKeyId: KEY, IsOrganizationTrail: false, HasCustomEventSelectors: false, isLogging: true,
    },
    {
      Name: 'local', TrailARN: `arn:aws:cloudtrail:eu-central-1:${ACCOUNT}:trail/local`, HomeRegion: 'eu-central-1', S3BucketName: 'central-log-archive-444444444444',
      IncludeGlobalServiceEvents: false, IsMultiRegionTrail: false, LogFileValidationEnabled: false, IsOrganizationTrail: false, isLogging: false,
    },
  ],
  kmsKeys: [
    { metadata: { KeyId: KEY.split('/')[1]!, Arn: KEY, Description: 'oob data', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Enabled: true, KeyState: 'Enabled', MultiRegion: false, Origin: 'AWS_KMS' }, rotation: { KeyRotationEnabled: true, RotationPeriodInDays: 180 } },
    { metadata: { KeyId: RDS_AWS_KEY.split('/')[1]!, Arn: RDS_AWS_KEY, Description: 'Default key that protects my RDS database volumes when no other key is defined', KeyManager: 'AWS', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Enabled: true, KeyState: 'Enabled' }, rotation: { KeyRotationEnabled: true } },
    { metadata: { KeyId: KEY2.split('/')[1]!, Arn: KEY2, Description: 'legacy', KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Enabled: true, KeyState: 'Enabled' }, rotation: { KeyRotationEnabled: false } },
    { metadata: { KeyId: SIGNING.split('/')[1]!, Arn: SIGNING, Description: 'release signing', KeyManager: 'CUSTOMER', KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', Enabled: true, KeyState: 'Enabled', MultiRegion: true, MultiRegionConfiguration: { MultiRegionKeyType: 'PRIMARY' } } },
  ],
};

describe('collectAws: Route 53, RDS, CloudTrail, KMS', () => {
  it('reads zones, records (every page) and health checks into the Terraform model', async () => {
    const { result, srv } = await collect(account(DATA));
    expect(result.coverage.gaps).toEqual([]);
    const { zones, records, healthChecks } = result.aws.route53;
    expect(zones.map((z) => [z.name, z.hostedZoneId, z.privateZone, z.managed, z.failoverRecords, z.accountIds])).toEqual([
      ['example.com', 'Z0123456789ABCDEFGHIJ', false, true, ['chat.example.com'], [ACCOUNT]],
      ['internal.example', 'Z9876543210ZYXWVUTSRQ', true, true, [], [ACCOUNT]],
    ]);
    // Six records in pages of two: three ListResourceRecordSets calls for the first zone.
    expect(srv.requests.filter((r) => r.key === 'route53 GET /2013-04-01/hostedzone/Z0123456789ABCDEFGHIJ/rrset')).toHaveLength(3);
    expect(records.map((r) => `${r.name} ${r.type}`)).toEqual([
      'example.com NS', 'example.com SOA', '*.example.com A', 'chat.example.com CNAME', 'chat.example.com CNAME', 'www.example.com A', 'db.internal.example CNAME',
    ]);
    const primary = records.find((r) => r.failover === 'PRIMARY');
    expect(primary).toMatchObject({
      kind: 'Route53Record', origin: 'live', zoneName: 'example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ', setIdentifier: 'primary', ttl: 60,
      resourceRecords: ['chat-primary.example.com'], targets: ['chat-primary.example.com'], healthCheckId: 'hc-primary', failoverPartner: 'oob', aliasTarget: null,
    });
    expect(records.find((r) => r.failover === 'SECONDARY')).toMatchObject({ failoverPartner: 'primary', ttl: 300, targets: ['chat-oob.example.com'] });
    expect(records.find((r) => r.name === 'www.example.com')).toMatchObject({
      ttl: null, targets: ['mm-alb-123.eu-central-1.elb.amazonaws.com'],
      aliasTarget: { dnsName: 'mm-alb-123.eu-central-1.elb.amazonaws.com', hostedZoneId: 'Z215JYRZR1TBD5', evaluateTargetHealth: true },
    });
    expect(healthChecks[0]).toMatchObject({
      kind: 'Route53HealthCheck', healthCheckId: 'hc-primary', type: 'HTTPS', fullyQualifiedDomainName: 'chat-primary.example.com', port: 443,
      resourcePath: '/api/v4/system/ping', requestInterval: 10, failureThreshold: 3, enableSNI: true, disabled: false, inverted: false, regions: [],
      usedByRecords: ['chat.example.com (primary)'],
    });
    expect(healthChecks[1]).toMatchObject({ healthCheckId: 'hc-stale', type: 'HTTP', ipAddress: '198.51.100.9', port: 8080, failureThreshold: 10, enableSNI: false, regions: ['us-east-1', 'eu-west-1', 'ap-southeast-1'], usedByRecords: [] });
  });

  it('reads Aurora clusters, their instances and parameter groups; DocumentDB is left out', async () => {
    const { result, srv } = await collect(account(DATA));
    const { clusters, instances, clusterParameterGroups } = result.aws.rds;
    expect(clusters.map((c) => c.dbClusterIdentifier)).toEqual(['mm-aurora', 'legacy']);
    expect(instances.map((i) => i.dbInstanceIdentifier)).toEqual(['mm-aurora-1', 'mm-aurora-2', 'legacy-1']);
    const mm = clusters[0]!;
    expect(mm).toMatchObject({
      kind: 'RdsCluster', origin: 'live', resourceId: `arn:aws:rds:eu-central-1:${ACCOUNT}:cluster:mm-aurora`, region: 'eu-central-1', accountIds: [ACCOUNT],
      engine: 'aurora-postgresql', engineVersion: '16.4', engineMode: 'provisioned', storageEncrypted: true, kmsKeyId: KEY, kmsKeyManager: 'CUSTOMER',
      backupRetentionPeriod: 14, deletionProtection: true, skipFinalSnapshot: false, copyTagsToSnapshot: true, iamDatabaseAuthenticationEnabled: true,
      masterUserSecret: { managed: true, kmsKeyId: KEY }, masterPassword: { set: false }, enabledCloudwatchLogsExports: ['postgresql'],
      dbClusterParameterGroup: 'mm-aurora-pg16', parameters: { 'rds.force_ssl': '1', log_min_duration_statement: '1000' }, multiAZ: true,
      availabilityZones: ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'], tags: { environment: 'oob' },
    });
    expect(mm.dbClusterMembers.map((m) => [m.dbInstanceIdentifier, m.availabilityZone, m.publiclyAccessible])).toEqual([
      ['mm-aurora-1', 'eu-central-1a', false], ['mm-aurora-2', 'eu-central-1b', false],
    ]);
    expect(mm.unknown?.['crossRegionCopies']).toContain('not read');
    expect(mm.unknown?.['masterPassword']).toBeUndefined();
    expect(clusters[1]).toMatchObject({ kmsKeyId: RDS_AWS_KEY, kmsKeyManager: 'AWS', parameters: {}, masterPassword: { set: true, rotated: false } });
    expect(clusters[1]?.unknown?.['masterPassword']).toContain('self-managed');
    expect(instances[2]).toMatchObject({ kind: 'RdsInstance', dbClusterIdentifier: 'legacy', publiclyAccessible: true, multiAZ: false, instanceCount: 1 });
    expect(clusterParameterGroups).toHaveLength(1);
    expect(clusterParameterGroups[0]).toMatchObject({ dbClusterParameterGroupName: 'mm-aurora-pg16', parameters: { 'rds.force_ssl': '1' } });
    // Only the non-default group in use is read, and only its user-set parameters.
    expect(srv.requests.filter((r) => r.api === 'RDS:DescribeDBClusterParameters').map((r) => r.key)).toEqual(['rds DescribeDBClusterParameters mm-aurora-pg16']);
    // One cluster per page.
    expect(srv.requests.filter((r) => r.api === 'RDS:DescribeDBClusters')).toHaveLength(3);
  });

  it('reads trails (shadow trails included, status by ARN) and customer-managed keys with their rotation', async () => {
    const { result, srv } = await collect(account(DATA));
    const [oob, local] = result.aws.cloudtrail.trails;
    expect(oob).toMatchObject({
      kind: 'CloudTrailTrail', name: 'oob-account', resourceId: TRAIL_ARN, region: 'us-east-1', accountIds: [ACCOUNT], s3BucketName: 'oob-scratch', s3KeyPrefix: 'trail',
      isMultiRegionTrail: true, logFileValidationEnabled: true, kmsKeyId: KEY, kmsKeyManager: 'CUSTOMER', includeGlobalServiceEvents: true, isLogging: true,
      s3BucketAccountIds: [ACCOUNT],
    });
    expect(local).toMatchObject({ isMultiRegionTrail: false, isLogging: false, kmsKeyId: '', includeGlobalServiceEvents: false, s3BucketAccountIds: [] });
    expect(local?.unknown?.['s3BucketAccountIds']).toContain('central-log-archive-444444444444');
    expect(bucket(result, 'oob-scratch').cloudTrailTargetOf).toEqual(['oob-account']);
    expect(bucket(result, 'oob-velero-backups').unknown?.['cloudTrailTargetOf']).toBeUndefined();

    const keys = result.aws.kms.keys;
    expect(keys.map((k) => [k.keyId, k.keyManager, k.keySpec, k.keyUsage, k.keyRotationEnabled, k.rotationPeriodInDays, k.multiRegionKeyType])).toEqual([
      [KEY, 'CUSTOMER', 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', true, 180, ''],
      [KEY2, 'CUSTOMER', 'SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', false, 365, ''],
      [SIGNING, 'CUSTOMER', 'RSA_2048', 'SIGN_VERIFY', false, 365, 'PRIMARY'],
    ]);
    // Rotation is asked only of customer-managed symmetric encryption keys.
    expect(srv.requests.filter((r) => r.api === 'KMS:GetKeyRotationStatus').map((r) => r.key)).toEqual([`kms GetKeyRotationStatus ${KEY}`, `kms GetKeyRotationStatus ${KEY2}`]);
    expect(srv.requests.filter((r) => r.api === 'CloudTrail:GetTrailStatus')).toHaveLength(2);
  });

  it('reads what each health check\'s checkers observe now; a denied status is unknown on that check, naming the permission', async () => {
    const at = '2026-11-20T11:59:30.000Z';
    const checks = [
      { ...DATA.healthChecks![0]!, observations: [
        { region: 'us-east-1', status: 'Failure: Connection timed out.', checkedAt: '2026-11-20T11:59:10.000Z' },
        { region: 'eu-west-1', status: 'Success: HTTP Status Code 200, OK', checkedAt: at },
        { region: 'ap-southeast-1', status: 'Failure: HTTP Status Code 503, Service Unavailable', checkedAt: '2026-11-20T11:58:50.000Z' },
      ] },
      DATA.healthChecks![1]!,
    ];
    const { result } = await collect(account({ ...DATA, healthChecks: checks, forbid: ['route53 GET /2013-04-01/healthcheck/hc-stale/status'] }));
    const [primary, stale] = result.aws.route53.healthChecks;
    // One of three checkers sees it up: more than 18 %, so Route 53 calls it healthy.
    expect(primary?.observedStatus).toEqual({ healthy: true, checkersHealthy: 1, checkersReporting: 3, lastCheckedAt: at });
    expect(stale?.observedStatus).toBeNull();
    expect(stale?.unknown?.['observedStatus']).toContain('route53:GetHealthCheckStatus');
    expect(result.coverage.gaps.filter((g) => g.collection === 'aws.route53.healthChecks')).toEqual([]);
  });

  it('failures: ListHostedZones, one zone\'s records, DescribeDBClusters, GetTrailStatus, GetKeyRotationStatus, ListKeys', async () => {
    const { result, srv } = await collect(account({
      ...DATA,
      forbid: ['route53 GET /2013-04-01/hostedzone/Z9876543210ZYXWVUTSRQ/rrset', 'rds DescribeDBInstances', 'cloudtrail GetTrailStatus', `kms GetKeyRotationStatus ${KEY2}`],
    }));
    expect(result.coverage.gaps).toEqual([
      { collection: 'aws.route53.records', scope: 'internal.example', api: 'Route53:ListResourceRecordSets Z9876543210ZYXWVUTSRQ', error: 'AccessDenied (HTTP 403)', permission: 'route53:ListResourceRecordSets' },
      { collection: 'aws.rds.instances', scope: '', api: 'RDS:DescribeDBInstances', error: 'AccessDenied (HTTP 403)', permission: 'rds:DescribeDBInstances' },
    ]);
    expect(result.aws.route53.zones[1]?.unknown?.['failoverRecords']).toContain('route53:ListResourceRecordSets');
    expect(result.aws.route53.records).toHaveLength(6);
    expect(result.aws.rds.instances).toEqual([]);
    expect(result.aws.rds.clusters[0]?.unknown?.['dbClusterMembers[0].availabilityZone']).toContain('rds:DescribeDBInstances');
    expect(result.aws.cloudtrail.trails[0]?.unknown?.['isLogging']).toBe('CloudTrail:GetTrailStatus oob-account failed: AccessDeniedException (HTTP 403) — needs cloudtrail:GetTrailStatus');
    const k2 = result.aws.kms.keys.find((k) => k.keyId === KEY2);
    expect(k2?.unknown?.['keyRotationEnabled']).toContain('kms:GetKeyRotationStatus');

    await srv.close();
    const whole = await collect(account({ ...DATA, forbid: ['route53 GET /2013-04-01/hostedzone', 'rds DescribeDBClusters', 'kms ListKeys', 'cloudtrail DescribeTrails'] }));
    expect(whole.result.coverage.gaps.map((g) => [g.collection, g.scope, g.api, g.permission])).toEqual([
      ['aws.route53.zones', '', 'Route53:ListHostedZones', 'route53:ListHostedZones'],
      ['aws.route53.records', '', 'Route53:ListHostedZones', 'route53:ListHostedZones'],
      ['aws.kms.keys', '', 'KMS:ListKeys', 'kms:ListKeys'],
      ['aws.rds.clusters', '', 'RDS:DescribeDBClusters', 'rds:DescribeDBClusters'],
      ['aws.rds.clusterParameterGroups', '', 'RDS:DescribeDBClusters', 'rds:DescribeDBClusters'],
      ['aws.cloudtrail.trails', '', 'CloudTrail:DescribeTrails', 'cloudtrail:DescribeTrails'],
    ]);
    expect(whole.result.aws.route53.healthChecks).toHaveLength(2);
    expect(bucket(whole.result, 'oob-scratch').unknown?.['cloudTrailTargetOf']).toContain('cloudtrail:DescribeTrails');
  });
});

const TF_DATA = `
provider "aws" {
  region              = "eu-central-1"
  allowed_account_ids = ["111122223333"]
}
resource "aws_route53_zone" "example" {
  name = "example.com"
}
resource "aws_route53_health_check" "primary" {
  fqdn              = "chat-primary.example.com"
  type              = "HTTPS"
  resource_path     = "/api/v4/system/ping"
  request_interval  = 10
  failure_threshold = 3
  enable_sni        = true
}
resource "aws_route53_health_check" "stale" {
  ip_address        = "198.51.100.9"
  port              = 8080
  type              = "HTTP"
  request_interval  = 30
  failure_threshold = 10
  regions           = ["us-east-1", "eu-west-1", "ap-southeast-1"]
}
resource "aws_route53_record" "chat_primary" {
  zone_id         = aws_route53_zone.example.zone_id
  name            = "chat.example.com"
  type            = "CNAME"
  ttl             = 60
  records         = ["chat-primary.example.com"]
  set_identifier  = "primary"
  health_check_id = aws_route53_health_check.primary.id
  failover_routing_policy {
    type = "PRIMARY"
  }
}
resource "aws_route53_record" "chat_secondary" {
  zone_id        = aws_route53_zone.example.zone_id
  name           = "chat.example.com"
  type           = "CNAME"
  ttl            = 300
  records        = ["chat-oob.example.com"]
  set_identifier = "oob"
  failover_routing_policy {
    type = "SECONDARY"
  }
}
resource "aws_kms_key" "oob" {
  description             = "oob data"
  enable_key_rotation     = true
  rotation_period_in_days = 180
}
resource "aws_kms_key" "legacy" {
  description = "legacy"
}
resource "aws_rds_cluster_parameter_group" "pg16" {
  name   = "mm-aurora-pg16"
  family = "aurora-postgresql16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}
resource "aws_rds_cluster" "mm" {
  cluster_identifier                  = "mm-aurora"
  engine                              = "aurora-postgresql"
  engine_version                      = "16.4"
  storage_encrypted                   = true
  kms_key_id                          = aws_kms_key.oob.arn
  backup_retention_period             = 14
  deletion_protection                 = true
  copy_tags_to_snapshot               = true
  iam_database_authentication_enabled = true
  manage_master_user_password         = true
  master_username                     = "mmuser"
  enabled_cloudwatch_logs_exports     = ["postgresql"]
  db_cluster_parameter_group_name     = aws_rds_cluster_parameter_group.pg16.name
}
resource "aws_rds_cluster_instance" "mm" {
  count              = 2
  identifier         = "mm-aurora-\${count.index}"
  cluster_identifier = aws_rds_cluster.mm.id
  engine             = "aurora-postgresql"
  instance_class     = "db.r7g.large"
}
resource "aws_rds_cluster" "legacy" {
  cluster_identifier = "legacy"
  engine             = "aurora-mysql"
  storage_encrypted  = true
  master_username    = "admin"
  master_password    = var.legacy_password
}
variable "legacy_password" {
  type      = string
  sensitive = true
}
resource "aws_rds_cluster_instance" "legacy" {
  identifier          = "legacy-1"
  cluster_identifier  = aws_rds_cluster.legacy.id
  engine              = "aurora-mysql"
  instance_class      = "db.t4g.medium"
  publicly_accessible = true
}
resource "aws_s3_bucket" "trail" {
  bucket = "oob-scratch"
}
resource "aws_cloudtrail" "oob" {
  name                       = "oob-account"
  s3_bucket_name             = aws_s3_bucket.trail.id
  is_multi_region_trail      = true
  enable_log_file_validation = true
  kms_key_id                 = aws_kms_key.oob.arn
}
resource "aws_cloudtrail" "local" {
  name                          = "local"
  s3_bucket_name                = "central-log-archive-444444444444"
  include_global_service_events = false
  enable_logging                = false
}
`;

describe('rules judge live Route 53, RDS, CloudTrail and KMS as they judge the equivalent Terraform', () => {
  const KINDS = ['Route53Record', 'Route53HealthCheck', 'Route53HostedZone', 'RdsCluster', 'RdsInstance', 'CloudTrailTrail', 'KmsKey', 'Coverage'];
  const verdicts = (findings: Finding[]): string[] => findings
    .filter((f) => KINDS.includes(f.objectKind) && !(f.objectKind === 'RdsInstance' && f.objectName.startsWith('mm-aurora')))
    .map((f) => `${f.ruleId} ${f.objectKind} ${f.objectName}: ${f.status}`).sort();

  it('same verdicts, except what the live scan does not read yet (cross-region copies: unknown, not fail)', async () => {
    const { result } = await collect(account(DATA));
    const snapshot = emptySnapshot(VERSION, FIXED_NOW);
    Object.assign(snapshot.aws, result.aws);
    snapshot.coverage = [result.coverage];
    const { rules } = await loadRules({ cwd: process.cwd() });
    const live = evaluate({ rules, snapshot, config: defaultConfig(), now: FIXED_NOW });
    const tf = await scanFiles({ 'main.tf': TF_DATA });
    const l = verdicts(live.findings);
    const t = verdicts(tf.report.findings);
    // Global clusters and AWS Backup are not read live: the copy check is unknown rather than failed.
    expect(l).toContain('OOB-BKP-007.rds RdsCluster mm-aurora: unknown');
    expect(t).toContain('OOB-BKP-007.rds RdsCluster mm-aurora: fail');
    // Drill evidence (CloudTrail) is judged on live state only.
    const same = (x: string): boolean => !x.startsWith('OOB-BKP-007.rds RdsCluster mm-aurora') && !x.startsWith('OOB-DR-00');
    expect(l.filter(same)).toEqual(t.filter(same));
    expect(t.filter((x) => x.startsWith('OOB-DR-00'))).toEqual([]);
    expect(l).toEqual(expect.arrayContaining([
      'OOB-DNS-003.route53 Route53Record chat.example.com: fail', 'OOB-DNS-004.route53 Route53HealthCheck 198.51.100.9: fail',
      'ZT-ENC-003.rds RdsCluster legacy: fail', 'ZT-ENC-004.rds RdsCluster legacy: fail', 'ZT-NET-008.rds RdsInstance legacy-1: fail',
      'OOB-SEC-003.kms KmsKey legacy: fail', 'OOB-SEC-003.kms KmsKey oob data: pass', 'ZT-MON-003.cloudtrail CloudTrailTrail local: fail',
      'ZT-MON-003.cloudtrail CloudTrailTrail oob-account: pass',
    ]));
    const ttl = live.findings.find((f) => f.ruleId === 'OOB-DNS-003.route53' && f.status === 'fail');
    expect(ttl?.source).toEqual({ file: `oobguard-live/aws/${ACCOUNT}`, line: 1, ref: `arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ/recordset/chat.example.com/CNAME/oob` });
  });
});
