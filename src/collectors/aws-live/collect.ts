/**
 * Live AWS collector: reads one account with the AWS SDK v3 and fills the same model collections
 * as the Terraform adapters (origin `live`, no address, `resourceId` = ARN, source
 * `oobguard-live/aws/<account>` with the ARN as ref), so the same rules judge it.
 *
 * - STS `GetCallerIdentity` → `aws.providers` (one `AwsAccountScope` with `callerAccountId`). If it
 *   fails nothing else is attempted: one gap per collection, coverage scope "".
 * - S3 (s3.ts) → `aws.s3.buckets`; EKS (eks.ts) → `aws.eks.clusters`.
 *
 * Calls are counted once each; the SDK's standard retry strategy (throttling backs off, Retry-After
 * honoured, transient errors retried) runs inside a call. Every failure is a coverage gap on the
 * collection it hides, or an `unknown` entry on the one field of the one object it hides.
 */
import { EKSClient } from '@aws-sdk/client-eks';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import type { AwsAccountScope, AwsCollections } from '../../model/aws.ts';
import type { CoverageGap, SourceCoverage } from '../../model/snapshot.ts';
import type { LiveResult } from '../live/types.ts';
import { call, type CallCounter } from './calls.ts';
import { liveBase, type LiveScope } from './common.ts';
import { collectEks, EKS_COLLECTION } from './eks.ts';
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

export type AwsLiveCollections = Pick<AwsCollections, 'providers' | 's3' | 'eks'>;

export interface AwsLiveResult extends LiveResult {
  aws: AwsLiveCollections;
}

/** The collections this collector fills (a failed STS call leaves a gap on each). */
export const AWS_LIVE_COLLECTIONS = ['aws.providers', S3_COLLECTION, EKS_COLLECTION] as const;

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
  return { providers: [], s3: { buckets: [] }, eks: { clusters: [], addons: [], nodeGroups: [], accessEntries: [], accessPolicyAssociations: [] } };
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
  const coverage = (scope: string): SourceCoverage => ({ source: 'aws', scope, calls: counter.calls, failedCalls: counter.failedCalls, gaps });
  try {
    const who = await call(counter, () => sts.send(new GetCallerIdentityCommand({})));
    if (!who.ok || !who.value.Account) {
      const error = who.ok ? 'no Account in the response' : who.error;
      for (const collection of AWS_LIVE_COLLECTIONS) {
        gaps.push({ collection, scope: '', api: 'STS:GetCallerIdentity', error, permission: 'valid AWS credentials (sts:GetCallerIdentity needs no IAM permission)' });
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
    aws.s3.buckets = s3r.buckets;
    aws.eks.clusters = eksr.clusters;
    gaps.push(...s3r.gaps, ...eksr.gaps);
    return { documents: [], mattermostConfigs: [], aws, coverage: coverage(accountId) };
  } finally {
    sts.destroy();
    s3.destroy();
    eks.destroy();
  }
}
