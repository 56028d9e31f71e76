/**
 * Live-collection benchmark (`npm run bench:live`, also run by `npm run bench`): 3 AWS accounts
 * (assumed roles) × 4 regions and 2 Azure subscriptions, read through the scanner's own pipeline
 * (`collect`) from the local wire-protocol servers of the test suite, with `BENCH_LATENCY_MS`
 * (default 50) of network latency injected per round trip by a TCP proxy.
 *
 * Reported: API calls, wall time at the default concurrency, and the critical path — the longest
 * chain of dependent calls × latency. The chain length is measured, not assumed: the same
 * collection runs with unlimited concurrency and a 250 ms latency, where local work is negligible
 * and wall ÷ latency is the number of calls in the longest chain. Duplicate calls (the same request
 * by the same identity twice) are counted from the servers' logs. Targets: wall ≤ 1.5 × critical
 * path, zero duplicates.
 */
import { readFileSync } from 'node:fs';
import type { TokenCredential } from '@azure/identity';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { defaultConfig } from '../src/config/config.ts';
import { collect } from '../src/run.ts';
import { startArmApi, type ArmReply, type FakeArm } from '../test/helpers/arm-api-server.ts';
import { startAwsApi, type FakeAws, type FakeAwsOptions } from '../test/helpers/aws-api-server.ts';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy.ts';

process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
process.env['NO_PROXY'] = '127.0.0.1';

const LATENCY = Number(process.env['BENCH_LATENCY_MS'] ?? 50);
const CHAIN_LATENCY = 250;
const REGIONS = ['eu-central-1', 'eu-west-1', 'us-east-1', 'us-west-2'];
const ACCOUNTS = ['210987654321', '321098765432', '432109876543'];
const SUBSCRIPTIONS = ['7c1d2e3f-0a4b-4c5d-8e9f-112233445566', '8d2e3f40-1b5c-4d6e-9fa0-223344556677'];
const TENANT = '0f0e0d0c-1111-2222-3333-444455556666';
const BASE_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const credential: TokenCredential = { getToken: async () => ({ token: 'bench-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

// ---- AWS: what an OOB account holds --------------------------------------------------------------

function awsAccount(accountId: string): FakeAwsOptions {
  const arn = (svc: string, region: string, rest: string): string => `arn:aws:${svc}:${region}:${accountId}:${rest}`;
  return {
    accountId, callerArn: `arn:aws:sts::${accountId}:assumed-role/oobguard-audit/oobguard-scan`,
    buckets: ['mattermost-files', 'velero-backups', 'cloudtrail-logs'].map((n) => ({
      name: `oob-${n}-${accountId}`, region: 'eu-central-1', versioning: { status: 'Enabled' as const },
      encryption: { algorithm: 'aws:kms', kmsKeyId: arn('kms', 'eu-central-1', 'key/1111aaaa-2222-3333-4444-555566667777'), bucketKey: true },
      publicAccessBlock: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      lifecycle: [{ id: 'expire-noncurrent', status: 'Enabled', noncurrentDays: 90 }],
      logging: { targetBucket: `oob-cloudtrail-logs-${accountId}`, targetPrefix: `s3/${n}/` },
    })),
    clusters: [{ name: 'mm-oob', arn: arn('eks', 'eu-central-1', 'cluster/mm-oob'), version: '1.33', status: 'ACTIVE' }],
    zones: [{
      id: 'Z0OOB1', name: 'oob.example.org.', records: [
        { Name: 'chat.oob.example.org.', Type: 'A', SetIdentifier: 'primary', Failover: 'PRIMARY', TTL: 60, ResourceRecords: ['192.0.2.10'], HealthCheckId: 'hc-1' },
        { Name: 'chat.oob.example.org.', Type: 'A', SetIdentifier: 'secondary', Failover: 'SECONDARY', TTL: 60, ResourceRecords: ['198.51.100.10'] },
      ],
    }],
    healthChecks: [{ Id: 'hc-1', config: { Type: 'HTTPS', FullyQualifiedDomainName: 'chat.oob.example.org', Port: 443, ResourcePath: '/api/v4/system/ping', RequestInterval: 10, FailureThreshold: 3 } }],
    trails: [{ Name: 'oob-trail', TrailARN: arn('cloudtrail', 'eu-central-1', 'trail/oob-trail'), S3BucketName: `oob-cloudtrail-logs-${accountId}`, IsMultiRegionTrail: true, LogFileValidationEnabled: true, HomeRegion: 'eu-central-1', isLogging: true }],
    kmsKeys: [1, 2].map((i) => ({
      metadata: { KeyId: `1111aaaa-2222-3333-4444-55556666777${i}`, Arn: arn('kms', 'eu-central-1', `key/1111aaaa-2222-3333-4444-55556666777${i}`), KeyManager: 'CUSTOMER', KeyState: 'Enabled', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Origin: 'AWS_KMS' },
      rotation: { KeyRotationEnabled: true, RotationPeriodInDays: 365 },
    })),
  };
}

// ---- Azure: what an OOB subscription holds -------------------------------------------------------

function azureRoutes(sub: string, base: string): Record<string, ArmReply | ArmReply[]> {
  const rg = `/subscriptions/${sub}/resourceGroups/rg-mm-oob/providers`;
  const saList = `/subscriptions/${sub}/providers/Microsoft.Storage/storageAccounts`;
  const sa = (name: string): Record<string, unknown> => ({
    id: `${rg}/Microsoft.Storage/storageAccounts/${name}`, name, type: 'Microsoft.Storage/storageAccounts', location: 'westeurope', kind: 'StorageV2',
    sku: { name: 'Standard_GZRS', tier: 'Standard' }, tags: { env: 'oob' },
    properties: { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false, allowSharedKeyAccess: false, publicNetworkAccess: 'Disabled' },
  });
  const routes: Record<string, ArmReply | ArmReply[]> = {
    [`/subscriptions/${sub}`]: { body: { id: `/subscriptions/${sub}`, subscriptionId: sub, tenantId: TENANT, displayName: `oob-${sub.slice(0, 4)}`, state: 'Enabled' } },
    [saList]: { body: { value: [sa('stoobbackups'), sa('stoobfiles')], nextLink: `${base}${saList}?api-version=2025-01-01&$skiptoken=page2` } },
    [`${saList}?$skiptoken=page2`]: { body: { value: [sa('stoobaudit')] } },
    [`/subscriptions/${sub}/providers/Microsoft.ContainerService/managedClusters`]: {
      body: { value: [{ id: `${rg}/Microsoft.ContainerService/managedClusters/aks-mm-oob`, name: 'aks-mm-oob', location: 'westeurope', properties: { kubernetesVersion: '1.31.2', enableRBAC: true, disableLocalAccounts: true, agentPoolProfiles: [{ name: 'system', mode: 'System', osType: 'Linux' }] } }] },
    },
  };
  for (const name of ['stoobbackups', 'stoobfiles', 'stoobaudit']) {
    routes[`${rg}/Microsoft.Storage/storageAccounts/${name}/blobServices/default`] = {
      body: { id: `${rg}/Microsoft.Storage/storageAccounts/${name}/blobServices/default`, name: 'default', properties: { isVersioningEnabled: true, deleteRetentionPolicy: { enabled: true, days: 30 } } },
    };
  }
  return routes;
}

// ---- the run -------------------------------------------------------------------------------------

interface Servers { aws: FakeAws; arm: FakeArm; awsProxy: LatencyProxy; armProxy: LatencyProxy }

async function start(latency: number): Promise<Servers> {
  const base = awsAccount('111122223333');
  const aws = await startAwsApi({
    ...base, buckets: [], clusters: [],
    assumableRoles: Object.fromEntries(ACCOUNTS.map((a) => [`arn:aws:iam::${a}:role/oobguard-audit`, awsAccount(a)])),
  });
  const awsProxy = await startLatencyProxy(Number(new URL(aws.endpoint).port), latency);
  const arm = await startArmApi({});
  const armProxy = await startLatencyProxy(Number(new URL(arm.url).port), latency);
  for (const sub of SUBSCRIPTIONS) {
    for (const [k, v] of Object.entries(azureRoutes(sub, `https://127.0.0.1:${armProxy.port}`))) arm.routes.set(k, Array.isArray(v) ? v : [v]);
  }
  return { aws, arm, awsProxy, armProxy };
}

async function stop(s: Servers): Promise<void> {
  await Promise.all([s.awsProxy.close(), s.armProxy.close()]);
  await Promise.all([s.aws.close(), s.arm.close()]);
}

async function scan(s: Servers, concurrency?: number): Promise<{ ms: number; calls: number; failed: number; gaps: number }> {
  const conn = concurrency === undefined ? {} : { concurrency };
  const t0 = performance.now();
  const { snapshot } = await collect({
    cwd: process.cwd(), paths: [],
    aws: {
      region: 'eu-central-1', regions: REGIONS, roleArns: ACCOUNTS.map((a) => `arn:aws:iam::${a}:role/oobguard-audit`),
      connection: { endpoint: `http://127.0.0.1:${s.awsProxy.port}`, credentials: BASE_KEY, retryStrategy: new ConfiguredRetryStrategy(3, () => 10), ...conn },
    },
    azure: {
      subscriptions: SUBSCRIPTIONS,
      connection: { endpoint: `https://127.0.0.1:${s.armProxy.port}`, tlsCa: s.arm.ca, credential, ...conn },
    },
  }, defaultConfig(), new Date().toISOString());
  const ms = performance.now() - t0;
  const cov = snapshot.coverage ?? [];
  return { ms, calls: cov.reduce((n, c) => n + c.calls, 0), failed: cov.reduce((n, c) => n + c.failedCalls, 0), gaps: cov.reduce((n, c) => n + c.gaps.length, 0) };
}

function duplicates(s: Servers): string[] {
  const aws = s.aws.requests.filter((r) => r.attempt === 1).map((r) => `aws ${r.accessKeyId} ${r.region} ${r.key}`);
  const arm = s.arm.requests.map((r) => `arm ${r.method} ${r.path}`);
  const all = [...aws, ...arm];
  return [...new Set(all.filter((k, i) => all.indexOf(k) !== i))];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const reps = Number(process.env['BENCH_REPS'] ?? 5);

// Critical path: unlimited concurrency at a latency that dwarfs local work.
const chainServers = await start(CHAIN_LATENCY);
const chain = await scan(chainServers, 1_000_000);
await stop(chainServers);
const chainCalls = Math.round(chain.ms / CHAIN_LATENCY);
const critical = chainCalls * LATENCY;

const walls: number[] = [];
let last = { ms: 0, calls: 0, failed: 0, gaps: 0 };
let dup: string[] = [];
let requests = 0;
for (let i = 0; i < reps; i++) {
  const s = await start(LATENCY);
  last = await scan(s);
  walls.push(last.ms);
  dup = duplicates(s);
  requests = s.aws.requests.length + s.arm.requests.length;
  await stop(s);
}
const wall = median(walls);
const ratio = wall / critical;
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
process.stdout.write(`\nLive collection (oobguard ${pkg.version}): ${ACCOUNTS.length} AWS accounts × ${REGIONS.length} regions + ${SUBSCRIPTIONS.length} Azure subscriptions, ${LATENCY} ms latency per round trip, median of ${reps}\n\n`);
process.stdout.write('| API calls | failed | requests seen by the servers | wall (default concurrency) | longest chain | critical path | ratio | duplicate calls |\n|---|---|---|---|---|---|---|---|\n');
process.stdout.write(`| ${last.calls} | ${last.failed} | ${requests} | ${wall.toFixed(0)} ms | ${chainCalls} calls | ${critical} ms | **${ratio.toFixed(2)}×** | ${dup.length} |\n`);
if (dup.length > 0) process.stdout.write(`\nduplicates: ${dup.slice(0, 10).join('; ')}\n`);
process.stdout.write(`\ntargets: wall ≤ 1.5 × critical path → ${ratio <= 1.5 ? 'met' : 'MISSED'}; zero duplicate calls → ${dup.length === 0 ? 'met' : 'MISSED'}${last.gaps > 0 ? `; WARNING: ${last.gaps} coverage gaps (the dataset is incomplete)` : ''}\n`);
