/**
 * Live AWS collector: reads accounts with the AWS SDK v3 — the base identity's (default chain or a
 * named profile), or each role of `roleArns` assumed from it (collectAwsAccounts; one
 * `SourceCoverage` per account) — regional services in each of `regions`. Each account fills the same model collections
 * as the Terraform adapters (origin `live`, no address, `resourceId` = ARN, source
 * `oobguard-live/aws/<account>` with the ARN as ref), so the same rules judge it.
 *
 * - STS `GetCallerIdentity` → `aws.providers` (one `AwsAccountScope` with `callerAccountId`). If it
 *   fails nothing else is attempted: one gap per collection, coverage scope "".
 * - S3 (s3.ts) → `aws.s3.buckets`; EKS (eks.ts) → `aws.eks.clusters`; Route 53 (route53.ts) →
 *   `aws.route53.*`; RDS (rds.ts) → `aws.rds.{clusters,instances,clusterParameterGroups}`;
 *   CloudTrail (cloudtrail.ts) → `aws.cloudtrail.trails`; KMS (kms.ts) → `aws.kms.keys`. Joined
 *   here: the manager of the KMS keys RDS and CloudTrail name, and the trails' buckets.
 * - EKS add-ons, node groups, access entries (eks-extras.ts) → `aws.eks.*`, `aws.accountReferences`;
 *   EC2 (ec2.ts) → `aws.ec2.*`; Organizations (organizations.ts) → the provider's `organization`;
 *   drill evidence from CloudTrail `LookupEvents` (drills.ts) → RDS clusters' `restoreDrills`,
 *   failover records' `failoverDrills`. Organizations and Route 53's events are read in the
 *   partition's home region.
 * - IAM (iam.ts, global: once per account) → `aws.iam.*`; its roles' IRSA trusts are linked to the
 *   account's OIDC providers and EKS clusters here (linkWebIdentity).
 * - The IAM action of every API: permissions.ts (deploy/aws/oobguard-readonly-policy.json).
 *
 * Concurrency: everything that does not need another call's answer starts at once — the accounts
 * (a few at a time), and in each account S3, Route 53, IAM, Organizations and every region's EKS,
 * EC2, KMS, RDS and CloudTrail — while gates bound the requests in flight (`concurrency`, default
 * 16): one for the account's global services, and one per region (AWS rate-limits each regional
 * endpoint on its own). A scan therefore takes about as long as its longest chain of dependent
 * calls (AssumeRole → GetCallerIdentity → a paged list → a per-item read → …), not the sum of its
 * services.
 *
 * Calls are counted once each (an assumed role's renewal near expiry too); the SDK's standard retry
 * strategy (throttling backs off, Retry-After honoured, transient errors retried) runs inside a
 * call. Every failure is a coverage gap on the collection it hides — and on the collections read
 * from it: clusters → add-ons, node groups, access entries, account references → launch
 * templates — or an `unknown` entry on the one field of the one object it hides.
 */
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { EC2Client } from '@aws-sdk/client-ec2';
import { EKSClient } from '@aws-sdk/client-eks';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { RDSClient } from '@aws-sdk/client-rds';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { fromIni, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { AwsAccountScope, AwsCollections } from '../../model/aws.ts';
import type { KmsKeyManager } from '../../model/aws-data.ts';
import type { CoverageGap, SourceCoverage } from '../../model/snapshot.ts';
import type { LiveResult } from '../live/types.ts';
import { linkWebIdentity } from '../../model/functions/aws-identity-join.ts';
import { call, Gate, mapBounded, withGate, type CallCounter } from './calls.ts';
import { CLOUDTRAIL_COLLECTION, collectCloudTrail } from './cloudtrail.ts';
import { gap, liveBase, type LiveScope } from './common.ts';
import { collectFailoverDrills, collectRestoreDrills } from './drills.ts';
import { collectEc2Network, collectLaunchTemplates, EC2_COLLECTIONS } from './ec2.ts';
import { collectEks, EKS_COLLECTION } from './eks.ts';
import { collectEksExtras, EKS_EXTRA_COLLECTIONS } from './eks-extras.ts';
import { collectIam, IAM_COLLECTIONS } from './iam.ts';
import { collectOrganization, organizationsRegion } from './organizations.ts';
import { collectKms, KMS_COLLECTION, type KmsResult } from './kms.ts';
import { permissionOf } from './permissions.ts';
import { collectRds, RDS_COLLECTIONS } from './rds.ts';
import { collectRoute53, ROUTE53_COLLECTIONS } from './route53.ts';
import { collectS3, S3_COLLECTION } from './s3.ts';

export interface AwsLiveOptions {
  /** Default region of the clients, and of the regional services when `regions` is not given. */
  region: string;
  /** Regions where EKS, EC2, RDS, CloudTrail and KMS are read (S3, Route 53 and IAM are global). */
  regions?: string[];
  /** Default: the SDK's default credential chain. */
  credentials?: AwsCredentials;
  /** One endpoint for every client (tests: the local server). */
  endpoint?: string;
  /** Attempts per call including the first (SDK standard retry; default 3). */
  maxAttempts?: number;
  /** Per attempt; a request that outlasts it fails (default 30000). */
  requestTimeoutMs?: number;
  /** Requests in flight at most per account (default 16). */
  concurrency?: number;
  /** Replace the SDK's standard retry strategy (tests: a tiny fixed delay). */
  retryStrategy?: RetryStrategy;
  /** The scan time, end of the CloudTrail event window of the drill evidence (default: now). */
  now?: string;
}

/** `AwsCredentialIdentity | AwsCredentialIdentityProvider`, as the clients take it (no direct @smithy/types dependency). */
export type AwsCredentials = NonNullable<STSClientConfig['credentials']>;
/** A `RetryStrategyV2` (e.g. `ConfiguredRetryStrategy` from `@smithy/core/retry`). */
export type RetryStrategy = NonNullable<STSClientConfig['retryStrategy']>;

export type AwsLiveCollections = Pick<AwsCollections, 'providers' | 's3' | 'eks' | 'route53' | 'rds' | 'cloudtrail' | 'kms' | 'ec2' | 'accountReferences' | 'iam'>;

export interface AwsLiveResult extends LiveResult {
  aws: AwsLiveCollections;
}

/** The collections this collector fills (a failed STS call leaves a gap on each). */
export const AWS_LIVE_COLLECTIONS = [
  'aws.providers', S3_COLLECTION, EKS_COLLECTION, ...ROUTE53_COLLECTIONS, ...RDS_COLLECTIONS, CLOUDTRAIL_COLLECTION, KMS_COLLECTION,
  ...EKS_EXTRA_COLLECTIONS, ...EC2_COLLECTIONS, ...IAM_COLLECTIONS,
] as const;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONCURRENCY = 16;
/** Accounts read at the same time (each has its own gate and its own API rate limits). */
const ACCOUNTS_AT_ONCE = 4;

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
    ec2: { launchTemplates: [], vpcPeerings: [], transitGatewayAttachments: [] }, accountReferences: [],
    iam: { roles: [], policies: [], oidcProviders: [], users: [], accountSummaries: [] },
  };
}

/** Who manages a key another resource names: unknown when the key was not described (another region or account, or KMS unreadable). */
function keyManager(kms: KmsResult, keyId: string): { manager: KmsKeyManager; why: string | null } {
  const m = kms.managers.get(keyId) ?? kms.managers.get(keyId.replace(/^arn:[^:]+:kms:[^:]*:\d*:key\//, ''));
  if (m !== undefined) return { manager: m, why: null };
  if (!kms.listed) return { manager: '', why: `KMS:ListKeys failed, so who manages key ${keyId} cannot be told — needs ${permissionOf('KMS:ListKeys')}` };
  return { manager: '', why: `key ${keyId} was not described by this scan (another region or account, or KMS:DescribeKey failed)` };
}

type RegionalResult = {
  region: string;
  eks: Awaited<ReturnType<typeof collectEks>>;
  eksExtras: Awaited<ReturnType<typeof collectEksExtras>>;
  ec2: Awaited<ReturnType<typeof collectEc2Network>> & Awaited<ReturnType<typeof collectLaunchTemplates>>;
  kms: KmsResult;
  rds: Awaited<ReturnType<typeof collectRds>>;
  ct: Awaited<ReturnType<typeof collectCloudTrail>>;
};

/** The regions of the regional services: `regions` (deduplicated, order kept) or the default region. */
export function regionsOf(opts: Pick<AwsLiveOptions, 'region' | 'regions'>): string[] {
  const r = [...new Set((opts.regions ?? []).map((x) => x.trim()).filter((x) => x !== ''))];
  return r.length > 0 ? r : [opts.region];
}

/** Read the regional services of one region with its own clients (destroyed after). */
async function collectRegion(opts: AwsLiveOptions, scope: LiveScope, counter: CallCounter, concurrency: number, claimedTrails: Set<string>, now: Date): Promise<RegionalResult> {
  const base = clientConfig({ ...opts, region: scope.region });
  const eks = new EKSClient(base);
  const ec2 = new EC2Client(base);
  const rds = new RDSClient(base);
  const cloudtrail = new CloudTrailClient(base);
  const kms = new KMSClient(base);
  try {
    // Independent chains at once; inside a chain, each step needs the one before.
    const [[eksr, extras, templates], network, kmsr, rdsr, ctr] = await Promise.all([
      (async () => {
        // What a step could not read hides what the next reads from it: its gaps are carried.
        const c = await collectEks(eks, scope, counter, concurrency);
        const x = await collectEksExtras(eks, scope, counter, concurrency, c.clusters, c.gaps);
        return [c, x, await collectLaunchTemplates(ec2, scope, counter, concurrency, x.nodeGroups, x.gaps)] as const;
      })(),
      collectEc2Network(ec2, scope, counter),
      collectKms(kms, scope, counter, concurrency),
      (async () => {
        const r = await collectRds(rds, scope, counter, concurrency);
        await collectRestoreDrills(cloudtrail, rds, counter, concurrency, r.clusters, now);
        return r;
      })(),
      collectCloudTrail(cloudtrail, scope, counter, concurrency, claimedTrails),
    ]);
    return {
      region: scope.region, eks: eksr, eksExtras: extras, kms: kmsr, rds: rdsr, ct: ctr,
      ec2: { ...network, ...templates, gaps: [...templates.gaps, ...network.gaps] },
    };
  } finally {
    eks.destroy();
    ec2.destroy();
    rds.destroy();
    cloudtrail.destroy();
    kms.destroy();
  }
}

/**
 * Read one account (the credentials given, or the default chain). S3, Route 53, IAM and
 * Organizations are global and read once; EKS, EC2, RDS, CloudTrail and KMS are read in each of
 * `regions` (default: `region`), all at once behind the account's gate. With `regions` given, the
 * gaps of a regional service carry the region in their scope (`eu-west-1`, or `eu-west-1/<name>`
 * for one object). `counter` is the account's (its gate already set when a role was assumed with it).
 */
export async function collectAws(opts: AwsLiveOptions, counter: CallCounter = { calls: 0, failedCalls: 0 }): Promise<AwsLiveResult> {
  counter.gate ??= new Gate(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY));
  const concurrency = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const regions = regionsOf(opts);
  const regionScoped = opts.regions !== undefined && opts.regions.length > 0;
  const aws = emptyCollections();
  const gaps: CoverageGap[] = [];
  const base = clientConfig(opts);
  const sts = new STSClient(base);
  const s3 = new S3Client({ ...base, forcePathStyle: opts.endpoint !== undefined, followRegionRedirects: true });
  const route53 = new Route53Client(base);
  const iam = new IAMClient(base);
  // Global services' home region follows the partition, known once STS answers.
  const home: { org?: OrganizationsClient; ct?: CloudTrailClient } = {};
  const now = opts.now !== undefined ? new Date(opts.now) : new Date();
  const coverage = (scope: string): SourceCoverage => ({ source: 'aws', scope, calls: counter.calls, failedCalls: counter.failedCalls, gaps });
  try {
    const who = await call(counter, () => sts.send(new GetCallerIdentityCommand({})));
    if (!who.ok || !who.value.Account) {
      const error = who.ok ? 'no Account in the response' : who.error;
      for (const collection of AWS_LIVE_COLLECTIONS) gaps.push(gap(collection, '', 'STS:GetCallerIdentity', error));
      return { documents: [], mattermostConfigs: [], aws, coverage: coverage('') };
    }
    const accountId = who.value.Account;
    const callerArn = who.value.Arn ?? `arn:aws:iam::${accountId}:root`;
    const scope: LiveScope = { accountId, region: opts.region, partition: partitionOfArn(callerArn) };
    const provider: AwsAccountScope = {
      ...liveBase(scope, 'AwsProvider', `live:${accountId}`, callerArn), kind: 'AwsProvider',
      allowedAccountIds: [], forbiddenAccountIds: [], assumeRoleArns: [], assumeRoleAccountIds: [],
      region: opts.region, callerAccountId: accountId, organization: null,
    };
    aws.providers.push(provider);
    // Every service and region at once; the account's gate bounds the requests in flight.
    const claimedTrails = new Set<string>();
    home.org = new OrganizationsClient(clientConfig({ ...opts, region: organizationsRegion(scope.partition) }));
    home.ct = new CloudTrailClient(clientConfig({ ...opts, region: organizationsRegion(scope.partition) }));
    const homeCt = home.ct;
    const [s3r, regional, org, iamr, r53] = await Promise.all([
      collectS3(s3, scope, counter, concurrency),
      // Each region has its own API endpoints and rate limits: its own gate.
      mapBounded(regions, regions.length, (region) => collectRegion(opts, { ...scope, region }, withGate(counter, new Gate(concurrency)), concurrency, claimedTrails, now)),
      collectOrganization(home.org, counter),
      collectIam(iam, scope, counter, concurrency),
      (async () => {
        const r = await collectRoute53(route53, scope, counter, concurrency);
        // Route 53 is global: its events are in the partition's home region.
        await collectFailoverDrills(homeCt, counter, r.records, now);
        return r;
      })(),
    ]);
    provider.organization = org.organization;
    if (org.why !== null) (provider.unknown ??= {})['organization'] = org.why;
    const inRegion = (region: string, list: CoverageGap[]): CoverageGap[] =>
      regionScoped ? list.map((g) => ({ ...g, scope: g.scope === '' ? region : `${region}/${g.scope}` })) : list;
    const kmsr: KmsResult = { keys: [], managers: new Map(), listed: true, gaps: [] };
    for (const r of regional) {
      kmsr.keys.push(...r.kms.keys);
      for (const [k, v] of r.kms.managers) kmsr.managers.set(k, v);
      kmsr.listed &&= r.kms.listed;
    }
    const ctGaps = regional.flatMap((r) => r.ct.gaps);
    aws.s3.buckets = s3r.buckets;
    aws.eks.clusters = regional.flatMap((r) => r.eks.clusters);
    const extras = regional.map((r) => r.eksExtras);
    aws.eks.addons = extras.flatMap((x) => x.addons);
    aws.eks.nodeGroups = extras.flatMap((x) => x.nodeGroups);
    aws.eks.accessEntries = extras.flatMap((x) => x.accessEntries);
    aws.eks.accessPolicyAssociations = extras.flatMap((x) => x.accessPolicyAssociations);
    aws.accountReferences = extras.flatMap((x) => x.accountReferences);
    aws.ec2 = {
      launchTemplates: regional.flatMap((r) => r.ec2.launchTemplates), vpcPeerings: regional.flatMap((r) => r.ec2.vpcPeerings),
      transitGatewayAttachments: regional.flatMap((r) => r.ec2.transitGatewayAttachments),
    };
    aws.route53 = { zones: r53.zones, records: r53.records, healthChecks: r53.healthChecks };
    aws.kms.keys = kmsr.keys;
    aws.rds = {
      clusters: regional.flatMap((r) => r.rds.clusters), instances: regional.flatMap((r) => r.rds.instances),
      clusterParameterGroups: regional.flatMap((r) => r.rds.clusterParameterGroups), globalClusters: [],
    };
    aws.cloudtrail.trails = regional.flatMap((r) => r.ct.trails);
    aws.iam = iamr.iam;
    linkWebIdentity(aws);
    gaps.push(...iamr.gaps, ...s3r.gaps, ...regional.flatMap((r) => inRegion(r.region, r.eks.gaps)), ...r53.gaps,
      ...regional.flatMap((r) => inRegion(r.region, r.kms.gaps)), ...regional.flatMap((r) => inRegion(r.region, r.rds.gaps)),
      ...regional.flatMap((r) => inRegion(r.region, r.ct.gaps)),
      ...regional.flatMap((r) => inRegion(r.region, [...r.eksExtras.gaps, ...r.ec2.gaps])));
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
    // Which trails deliver to a bucket is known once the trails are read (in every region).
    if (ctGaps.length === 0) {
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
    route53.destroy();
    iam.destroy();
    home.org?.destroy();
    home.ct?.destroy();
  }
}

export interface AwsAccountsOptions extends AwsLiveOptions {
  /** A named profile of the shared config/credentials files (`fromIni`) as the base credentials. */
  profile?: string;
  /** Roles to assume from the base credentials (STS AssumeRole); each is read as its own account. */
  roleArns?: string[];
  /** Session name of the assumed roles (default `oobguard-scan`). */
  roleSessionName?: string;
}

/** The account id of a role ARN (`arn:aws:iam::123456789012:role/x`), or "". */
export function accountOfRoleArn(arn: string): string {
  return /^arn:[^:]+:iam::(\d{12}):role\//.exec(arn)?.[1] ?? '';
}

/** The gaps of an account whose role could not be assumed: every collection. */
function assumeFailed(arn: string, error: string, counter: CallCounter): AwsLiveResult {
  const gaps: CoverageGap[] = AWS_LIVE_COLLECTIONS.map((collection) => ({
    collection, scope: '', api: `STS:AssumeRole ${arn}`, error,
    permission: `sts:AssumeRole on ${arn} for the scanning identity, and a trust policy of the role that allows it`,
  }));
  return {
    documents: [], mattermostConfigs: [], aws: emptyCollections(),
    coverage: { source: 'aws', scope: accountOfRoleArn(arn) || arn, calls: counter.calls, failedCalls: counter.failedCalls, gaps },
  };
}

type Identity = Exclude<AwsCredentials, (...args: never[]) => unknown>;

/**
 * Read every account asked for: the base identity's (default chain, or `profile`), or, with
 * `roleArns`, each role's account — a few accounts at a time, results in the order given (one
 * `SourceCoverage` each, scope = the account id; a role that cannot be assumed gives that
 * account's gaps and the others are still read).
 */
export async function collectAwsAccounts(opts: AwsAccountsOptions): Promise<AwsLiveResult[]> {
  const base: AwsCredentials | undefined = opts.credentials
    ?? (opts.profile !== undefined && opts.profile !== '' ? fromIni({ profile: opts.profile, clientConfig: { region: opts.region } }) : undefined);
  const roleArns = [...new Set(opts.roleArns ?? [])];
  if (roleArns.length === 0) return [await collectAws({ ...opts, ...(base !== undefined ? { credentials: base } : {}) })];
  // The STS client inside fromTemporaryCredentials is not ours to destroy: its sockets are, through these agents.
  const httpAgent = new HttpAgent({ keepAlive: true });
  const httpsAgent = new HttpsAgent({ keepAlive: true });
  try {
    return await mapBounded(roleArns, ACCOUNTS_AT_ONCE, async (arn): Promise<AwsLiveResult> => {
      const counter: CallCounter = { calls: 0, failedCalls: 0, gate: new Gate(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY)) };
      const assume = fromTemporaryCredentials({
        params: { RoleArn: arn, RoleSessionName: opts.roleSessionName ?? 'oobguard-scan' },
        ...(base !== undefined ? { masterCredentials: base } : {}),
        clientConfig: {
          ...clientConfig(opts),
          requestHandler: { requestTimeout: opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS, throwOnRequestTimeout: true, httpAgent, httpsAgent },
        },
      });
      const first = await call(counter, () => assume());
      if (!first.ok) return assumeFailed(arn, first.error, counter);
      // One AssumeRole for every client of the account; again only when the credentials near expiry —
      // a call like every other: counted, and in the slot of the call that waits for it (calls.ts).
      // A renewal that fails is not tried again: the credentials in hand serve until they expire,
      // then the calls that need them fail with the renewal's error (their gaps name it).
      let current: Identity = first.value;
      let renewing: Promise<void> | undefined;
      let renewalFailed: Error | undefined;
      const renew = async (): Promise<void> => {
        const r = await call(counter, () => assume());
        if (r.ok) current = r.value;
        else renewalFailed = Object.assign(new Error(`STS:AssumeRole ${arn}`), { name: `STS:AssumeRole renewal failed: ${r.error}` });
      };
      const expiresIn = (): number => (current.expiration?.getTime() ?? Number.POSITIVE_INFINITY) - Date.now();
      const credentials = async (): Promise<Identity> => {
        if (expiresIn() > 5 * 60_000) return current;
        if (renewalFailed === undefined) {
          renewing ??= renew().finally(() => { renewing = undefined; });
          await renewing;
        }
        if (renewalFailed !== undefined && expiresIn() <= 0) throw renewalFailed;
        return current;
      };
      return collectAws({ ...opts, credentials }, counter);
    });
  } finally {
    httpAgent.destroy();
    httpsAgent.destroy();
  }
}
