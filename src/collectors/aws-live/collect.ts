/**
 * Live AWS collector: reads one account with the AWS SDK v3 and fills the same model collections
 * as the Terraform adapters (origin `live`, no address, `resourceId` = ARN, source
 * `oobguard-live/aws/<account>` with the ARN as ref), so the same rules judge it.
 *
 * - STS `GetCallerIdentity` → `aws.providers` (one `AwsAccountScope` with `callerAccountId`). If it
 *   fails nothing else is attempted: one gap per collection, coverage scope "".
 * - S3 (s3.ts) → `aws.s3.buckets`; EKS (eks.ts) → `aws.eks.clusters`; Route 53 (route53.ts) →
 *   `aws.route53.*`; RDS (rds.ts) → `aws.rds.{clusters,instances,clusterParameterGroups}`;
 *   CloudTrail (cloudtrail.ts) → `aws.cloudtrail.trails`; KMS (kms.ts) → `aws.kms.keys`. Joined
 *   here: the manager of the KMS keys RDS and CloudTrail name, and the trails' buckets.
 * - The IAM action of every API: permissions.ts (deploy/aws/oobguard-readonly-policy.json).
 *
 * Calls are counted once each; the SDK's standard retry strategy (throttling backs off, Retry-After
 * honoured, transient errors retried) runs inside a call. Every failure is a coverage gap on the
 * collection it hides, or an `unknown` entry on the one field of the one object it hides.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EKSClient } from '@aws-sdk/client-eks';
import { KMSClient } from '@aws-sdk/client-kms';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import type { AwsAccountScope, AwsCollections } from '../../model/aws.ts';
import type { KmsKeyManager } from '../../model/aws-data.ts';
import type { CoverageGap, SourceCoverage } from '../../model/snapshot.ts';
import type { LiveResult } from '../live/types.ts';
import { call, type CallCounter } from './calls.ts';
import { CLOUDTRAIL_COLLECTION, collectCloudTrail } from './cloudtrail.ts';
import { liveBase, type LiveScope } from './common.ts';
import { collectEks, EKS_COLLECTION } from './eks.ts';
import { collectKms, KMS_COLLECTION, type KmsResult } from './kms.ts';
import { permissionOf } from './permissions.ts';
import { collectRds, RDS_COLLECTIONS } from './rds.ts';
import { collectRoute53, ROUTE53_COLLECTIONS } from './route53.ts';
import { collectS3, S3_COLLECTION } from './s3.ts';

export interface AwsLiveOptions {
  /** Default region for regional services (EKS) and the clients. */
  region: string;
  /** Default: the SDK's default credential chain. */
  credentials?: AwsCredentials;
  /** One endpoint for every client (tests: the local server). */
  endpoint?: string;
  /** Attempts per call including the first (SDK standard retry; default 3). */
  maxAttempts?: number;
  /** Per attempt; a request that outlasts it fails (default 30000). */
  requestTimeoutMs?: number;
  /** Requests in flight at most (default 8). */
  concurrency?: number;
  /** Replace the SDK's standard retry strategy (tests: a tiny fixed delay). */
  retryStrategy?: RetryStrategy;
}

/** `AwsCredentialIdentity | AwsCredentialIdentityProvider`, as the clients take it (no direct @smithy/types dependency). */
export type AwsCredentials = NonNullable<STSClientConfig['credentials']>;
/** A `RetryStrategyV2` (e.g. `ConfiguredRetryStrategy` from `@smithy/core/retry`). */
export type RetryStrategy = NonNullable<STSClientConfig['retryStrategy']>;

export type AwsLiveCollections = Pick<AwsCollections, 'providers' | 's3' | 'eks' | 'route53' | 'rds' | 'cloudtrail' | 'kms'>;

export interface AwsLiveResult extends LiveResult {
  aws: AwsLiveCollections;
}

/** The collections this collector fills (a failed STS call leaves a gap on each). */
export const AWS_LIVE_COLLECTIONS = [
  'aws.providers', S3_COLLECTION, EKS_COLLECTION, ...ROUTE53_COLLECTIONS, ...RDS_COLLECTIONS, CLOUDTRAIL_COLLECTION, KMS_COLLECTION,
] as const;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONCURRENCY = 8;

function partitionOfArn(arn: string): string {
  return /^arn:(aws[\w-]*):/.exec(arn)?.[1] ?? 'aws';
}

function clientConfig(opts: AwsLiveOptions) {
  return {
    region: opts.region,
    ...(opts.credentials !== undefined ? { credentials: opts.credentials } : {}),
    ...(opts.endpoint !== undefined ? { endpoint: opts.endpoint } : {}),
    ...(opts.retryStrategy !== undefined ? { retryStrategy: opts.retryStrategy } : { maxAttempts: opts.maxAttempts ?? 3 }),
    // Without throwOnRequestTimeout the SDK only logs a warning and a hung server hangs the scan.
    requestHandler: { requestTimeout: opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, throwOnRequestTimeout: true },
  };
}

function emptyCollections(): AwsLiveCollections {
  return {
    providers: [], s3: { buckets: [] }, eks: { clusters: [], addons: [], nodeGroups: [], accessEntries: [], accessPolicyAssociations: [] },
    route53: { zones: [], records: [], healthChecks: [] },
    rds: { clusters: [], instances: [], clusterParameterGroups: [], globalClusters: [] },
    cloudtrail: { trails: [] }, kms: { keys: [] },
  };
}

/** Who manages a key another resource names: unknown when the key was not described (another region or account, or KMS unreadable). */
function keyManager(kms: KmsResult, keyId: string): { manager: KmsKeyManager; why: string | null } {
  const m = kms.managers.get(keyId) ?? kms.managers.get(keyId.replace(/^arn:[^:]+:kms:[^:]*:\d*:key\//, ''));
  if (m !== undefined) return { manager: m, why: null };
  if (!kms.listed) return { manager: '', why: `KMS:ListKeys failed, so who manages key ${keyId} cannot be told — needs ${permissionOf('KMS:ListKeys')}` };
  return { manager: '', why: `key ${keyId} was not described by this scan (another region or account, or KMS:DescribeKey failed)` };
}

export async function collectAws(opts: AwsLiveOptions): Promise<AwsLiveResult> {
  const counter: CallCounter = { calls: 0, failedCalls: 0 };
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const aws = emptyCollections();
  const gaps: CoverageGap[] = [];
  const base = clientConfig(opts);
  const sts = new STSClient(base);
  const s3 = new S3Client({ ...base, forcePathStyle: opts.endpoint !== undefined, followRegionRedirects: true });
  const eks = new EKSClient(base);
  const route53 = new Route53Client(base);
  const rds = new RDSClient(base);
  const cloudtrail = new CloudTrailClient(base);
  const kms = new KMSClient(base);
  const coverage = (scope: string): SourceCoverage => ({ source: 'aws', scope, calls: counter.calls, failedCalls: counter.failedCalls, gaps });
  try {
    const who = await call(counter, () => sts.send(new GetCallerIdentityCommand({})));
    if (!who.ok || !who.value.Account) {
      const error = who.ok ? 'no Account in the response' : who.error;
      for (const collection of AWS_LIVE_COLLECTIONS) {
        gaps.push({ collection, scope: '', api: 'STS:GetCallerIdentity', error, permission: permissionOf('STS:GetCallerIdentity') });
      }
      return { documents: [], mattermostConfigs: [], aws, coverage: coverage('') };
    }
    const accountId = who.value.Account;
    const callerArn = who.value.Arn ?? `arn:aws:iam::${accountId}:root`;
    const scope: LiveScope = { accountId, region: opts.region, partition: partitionOfArn(callerArn) };
    const provider: AwsAccountScope = {
      ...liveBase(scope, 'AwsProvider', `live:${accountId}`, callerArn), kind: 'AwsProvider',
      allowedAccountIds: [], forbiddenAccountIds: [], assumeRoleArns: [], assumeRoleAccountIds: [],
      region: opts.region, callerAccountId: accountId,
    };
    aws.providers.push(provider);
    const [s3r, eksr] = await Promise.all([
      collectS3(s3, scope, counter, Math.max(1, Math.ceil(concurrency / 2))),
      collectEks(eks, scope, counter, Math.max(1, Math.floor(concurrency / 2))),
    ]);
    // Then the other services one after another, each with `concurrency` requests in flight at most.
    const r53 = await collectRoute53(route53, scope, counter, concurrency);
    const kmsr = await collectKms(kms, scope, counter, concurrency);
    const rdsr = await collectRds(rds, scope, counter, concurrency);
    const ctr = await collectCloudTrail(cloudtrail, scope, counter, concurrency);
    aws.s3.buckets = s3r.buckets;
    aws.eks.clusters = eksr.clusters;
    aws.route53 = { zones: r53.zones, records: r53.records, healthChecks: r53.healthChecks };
    aws.kms.keys = kmsr.keys;
    aws.rds = { clusters: rdsr.clusters, instances: rdsr.instances, clusterParameterGroups: rdsr.clusterParameterGroups, globalClusters: [] };
    aws.cloudtrail.trails = ctr.trails;
    gaps.push(...s3r.gaps, ...eksr.gaps, ...r53.gaps, ...kmsr.gaps, ...rdsr.gaps, ...ctr.gaps);
    for (const c of aws.rds.clusters) {
      if (c.kmsKeyId === '') { c.kmsKeyManager = c.storageEncrypted ? 'AWS' : ''; continue; }
      const k = keyManager(kmsr, c.kmsKeyId);
      c.kmsKeyManager = k.manager;
      if (k.why !== null) { (c.unknown ??= {})['kmsKeyId'] = k.why; c.unknown['kmsKeyManager'] = k.why; }
    }
    for (const t of aws.cloudtrail.trails) {
      if (t.kmsKeyId !== '') t.kmsKeyManager = keyManager(kmsr, t.kmsKeyId).manager;
      const b = aws.s3.buckets.find((x) => x.bucket === t.s3BucketName);
      if (b) {
        t.s3BucketAccountIds = [...b.accountIds];
        if (!b.cloudTrailTargetOf.includes(t.name)) b.cloudTrailTargetOf.push(t.name);
      } else {
        (t.unknown ??= {})['s3BucketAccountIds'] = s3r.gaps.length > 0
          ? `S3:ListBuckets failed, so the account of bucket ${t.s3BucketName} cannot be told`
          : `bucket ${t.s3BucketName} is not a bucket of account ${accountId}, so its account cannot be told`;
      }
    }
    // Which trails deliver to a bucket is known once the trails are read.
    if (ctr.gaps.length === 0) {
      for (const b of aws.s3.buckets) {
        delete b.unknown?.['cloudTrailTargetOf'];
        if (b.unknown !== undefined && Object.keys(b.unknown).length === 0) delete b.unknown;
      }
    }
    else for (const b of aws.s3.buckets) (b.unknown ??= {})['cloudTrailTargetOf'] = `CloudTrail:DescribeTrails failed — needs ${permissionOf('CloudTrail:DescribeTrails')}`;
    return { documents: [], mattermostConfigs: [], aws, coverage: coverage(accountId) };
  } finally {
    sts.destroy();
    s3.destroy();
    eks.destroy();
    route53.destroy();
    rds.destroy();
    cloudtrail.destroy();
    kms.destroy();
  }
}
