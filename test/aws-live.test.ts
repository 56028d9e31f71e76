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
    // 1 STS + 1 ListBuckets + 2 × 9 per-bucket + 1 ListClusters + 1 DescribeCluster.
    expect(result.coverage).toEqual({ source: 'aws', scope: ACCOUNT, calls: 22, failedCalls: 0, gaps: [] });
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
    expect(result.coverage).toMatchObject({ calls: 4, failedCalls: 1 });
  });

  it('a failed GetCallerIdentity stops the scan: one gap per collection, scope ""', async () => {
    const { result, srv } = await collect(account({ script: { 'sts GetCallerIdentity': [{ status: 403, code: 'InvalidClientTokenId' }] } }));
    expect(result.coverage.scope).toBe('');
    expect(result.coverage.calls).toBe(1);
    expect(result.coverage.gaps.map((g) => [g.collection, g.scope, g.api, g.error])).toEqual([
      ['aws.providers', '', 'STS:GetCallerIdentity', 'InvalidClientTokenId (HTTP 403)'],
      ['aws.s3.buckets', '', 'STS:GetCallerIdentity', 'InvalidClientTokenId (HTTP 403)'],
      ['aws.eks.clusters', '', 'STS:GetCallerIdentity', 'InvalidClientTokenId (HTTP 403)'],
    ]);
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
    expect(result.coverage).toMatchObject({ calls: 22, failedCalls: 0, gaps: [] });
    expect(result.aws.eks.clusters[0]?.enabledLogTypes).toEqual(['api', 'authenticator']);
    expect(bucket(result, 'oob-scratch').unknown?.['versioning']).toBeUndefined();
    expect(srv.requests.filter((r) => r.key === 'eks GET /clusters/mm-oob').map((r) => r.attempt)).toEqual([1, 2]);
    expect(srv.requests.filter((r) => r.key === 's3 GET /oob-scratch?versioning').map((r) => r.attempt)).toEqual([1, 2]);
  });

  it('a DescribeCluster that keeps failing is a gap scoped to that cluster', async () => {
    const { result } = await collect(account({ forbid: ['eks GET /clusters/mm-oob'] }));
    expect(result.aws.eks.clusters).toEqual([]);
    expect(result.coverage.gaps).toEqual([
      { collection: 'aws.eks.clusters', scope: 'mm-oob', api: 'EKS:DescribeCluster mm-oob', error: 'AccessDeniedException (HTTP 403)', permission: 'eks:DescribeCluster' },
    ]);
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
