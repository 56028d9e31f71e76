/**
 * The live AWS collector across accounts and regions, against the local wire-protocol server:
 * STS AssumeRole over the real query/XML protocol (the server maps the temporary access key it
 * hands out to that role's account), one `SourceCoverage` per account, a role that cannot be
 * assumed, regional services read per region with region-scoped gaps, never the same call twice,
 * and the CLI flags (--role-arn, --regions, --profile).
 */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AWS_LIVE_COLLECTIONS, collectAwsAccounts, type AwsAccountsOptions } from '../src/collectors/aws-live/collect.ts';
import { startAwsApi, type FakeAws, type FakeAwsOptions } from './helpers/aws-api-server.ts';
import { inTempDir, runCli } from './helpers/cli.ts';

const BASE = '111122223333';
const PROD = '444455556666';
const DR = '777788889999';
const DENIED = '123412341234';
const ROLE = (account: string): string => `arn:aws:iam::${account}:role/oobguard-audit`;
const BASE_KEY = 'AKIAIOSFODNN7EXAMPLE';

function acct(accountId: string, extra: Partial<FakeAwsOptions> = {}): FakeAwsOptions {
  return {
    accountId, callerArn: `arn:aws:sts::${accountId}:assumed-role/oobguard-audit/oobguard-scan`,
    buckets: [{ name: `oob-backups-${accountId}`, region: 'eu-central-1', versioning: { status: 'Enabled' }, encryption: { algorithm: 'AES256' } }],
    clusters: [{ name: `mm-${accountId}`, arn: `arn:aws:eks:eu-central-1:${accountId}:cluster/mm-${accountId}`, version: '1.33' }],
    ...extra,
  };
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

async function run(o: FakeAwsOptions, extra: Partial<AwsAccountsOptions>) {
  const srv = await startAwsApi(o);
  server = srv;
  const results = await collectAwsAccounts({
    region: 'eu-central-1', endpoint: srv.endpoint,
    credentials: { accessKeyId: BASE_KEY, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    retryStrategy: new ConfiguredRetryStrategy(3, () => 1),
    requestTimeoutMs: 5000,
    ...extra,
  });
  return { results, srv };
}

/** What a failed EKS:ListClusters hides: the clusters, and what is read from them (add-ons, …, the node groups' launch templates). */
const FROM_CLUSTERS = [
  'aws.eks.clusters', 'aws.accountReferences', 'aws.eks.accessEntries', 'aws.eks.accessPolicyAssociations', 'aws.eks.addons', 'aws.eks.nodeGroups',
  'aws.ec2.launchTemplates',
];

/** Each (credentials, region, request) at most once. */
function expectNoRepeats(srv: FakeAws): void {
  const seen = srv.requests.filter((r) => r.attempt === 1).map((r) => `${r.accessKeyId} ${r.region} ${r.key}`);
  expect(seen.filter((k, i) => seen.indexOf(k) !== i)).toEqual([]);
}

describe('collectAwsAccounts: assumed roles', () => {
  it('assumes each role once with the base credentials and reads each account with its own credentials and coverage', async () => {
    const { results, srv } = await run(
      { ...acct(BASE), assumableRoles: { [ROLE(PROD)]: acct(PROD), [ROLE(DR)]: acct(DR, { clusters: [] }) } },
      { roleArns: [ROLE(PROD), ROLE(DR), ROLE(PROD)] },
    );
    expect(results.map((r) => r.coverage.scope)).toEqual([PROD, DR]);
    const [prod, dr] = results;
    // 1 AssumeRole + 1 STS + 1 ListBuckets + 9 per bucket + ListClusters (+ DescribeCluster, ListAddons, ListNodegroups)
    // + 9 empty listings (Route 53, RDS, CloudTrail, KMS, EC2 ×2, Organizations) + 3 IAM.
    expect(prod!.coverage).toEqual({ source: 'aws', scope: PROD, calls: 28, failedCalls: 0, gaps: [] });
    expect(dr!.coverage).toEqual({ source: 'aws', scope: DR, calls: 25, failedCalls: 0, gaps: [] });
    expect(prod!.aws.s3.buckets.map((b) => [b.bucket, b.accountIds])).toEqual([[`oob-backups-${PROD}`, [PROD]]]);
    expect(prod!.aws.eks.clusters.map((c) => c.name)).toEqual([`mm-${PROD}`]);
    expect(prod!.aws.providers[0]).toMatchObject({ callerAccountId: PROD, source: { file: `oobguard-live/aws/${PROD}` } });
    expect(dr!.aws.s3.buckets.map((b) => b.bucket)).toEqual([`oob-backups-${DR}`]);
    expect(dr!.aws.eks.clusters).toEqual([]);

    // AssumeRole over the query protocol, signed with the base key, once per role (the repeated ARN is read once).
    const assumes = srv.requests.filter((r) => r.api === 'STS:AssumeRole');
    expect(assumes.map((r) => [r.key, r.accessKeyId])).toEqual([[`sts AssumeRole ${ROLE(PROD)}`, BASE_KEY], [`sts AssumeRole ${ROLE(DR)}`, BASE_KEY]]);
    // Every other call carries the assumed credentials; the base identity reads nothing itself.
    const others = srv.requests.filter((r) => r.api !== 'STS:AssumeRole');
    expect(new Set(others.map((r) => r.accessKeyId))).toEqual(new Set(['ASIAFAKE0', 'ASIAFAKE1']));
    expectNoRepeats(srv);
  });

  it('a role that cannot be assumed: that account is all gaps, the next account is still read', async () => {
    const { results, srv } = await run(
      { ...acct(BASE), assumableRoles: { [ROLE(PROD)]: acct(PROD) } },
      { roleArns: [ROLE(DENIED), ROLE(PROD)] },
    );
    expect(results.map((r) => r.coverage.scope)).toEqual([DENIED, PROD]);
    const denied = results[0]!;
    expect(denied.coverage.calls).toBe(1);
    expect(denied.coverage.failedCalls).toBe(1);
    expect(denied.coverage.gaps.map((g) => g.collection)).toEqual([...AWS_LIVE_COLLECTIONS]);
    expect(denied.coverage.gaps[0]).toMatchObject({
      scope: '', api: `STS:AssumeRole ${ROLE(DENIED)}`, error: 'AccessDenied (HTTP 403)',
      permission: expect.stringContaining(`sts:AssumeRole on ${ROLE(DENIED)}`) as unknown as string,
    });
    expect(denied.aws.s3.buckets).toEqual([]);
    expect(results[1]!.coverage).toMatchObject({ scope: PROD, failedCalls: 0, gaps: [] });
    expect(results[1]!.aws.s3.buckets).toHaveLength(1);
    // The denied role is asked once (AccessDenied is not retried), and nothing is read with the base credentials.
    expect(srv.requests.filter((r) => r.key === `sts AssumeRole ${ROLE(DENIED)}`)).toHaveLength(1);
    expect(srv.requests.filter((r) => r.accessKeyId === BASE_KEY).map((r) => r.api)).toEqual(['STS:AssumeRole', 'STS:AssumeRole']);
  });
});

describe('collectAwsAccounts: credentials renewed near expiry', () => {
  // The first credentials last 4 minutes: within the 5 minutes before expiry, so the first call renews them.
  const SHORT = 4 * 60_000;
  const firstAttempts = (srv: FakeAws): number => srv.requests.filter((r) => r.attempt === 1).length;

  it('the renewal is a call like every other: counted, and in the slot of the call that waits for it (concurrency 1 does not stall)', async () => {
    const { results, srv } = await run(
      { ...acct(BASE), assumableRoles: { [ROLE(PROD)]: acct(PROD) }, assumeRoleLifetimesMs: [SHORT] },
      { roleArns: [ROLE(PROD)], concurrency: 1 },
    );
    const assumes = srv.requests.filter((r) => r.api === 'STS:AssumeRole');
    expect(assumes.map((r) => r.accessKeyId)).toEqual([BASE_KEY, BASE_KEY]);
    // 28 calls as without a renewal (see above), and the renewal.
    expect(results[0]!.coverage).toEqual({ source: 'aws', scope: PROD, calls: 29, failedCalls: 0, gaps: [] });
    expect(results[0]!.coverage.calls).toBe(firstAttempts(srv));
  });

  it('a renewal that fails is counted as failed and not tried again; the credentials in hand serve until they expire', async () => {
    const { results, srv } = await run(
      {
        ...acct(BASE), assumableRoles: { [ROLE(PROD)]: acct(PROD) }, assumeRoleLifetimesMs: [SHORT],
        script: { [`sts AssumeRole ${ROLE(PROD)}`]: [{ status: 0, code: '' }, { status: 403, code: 'AccessDenied' }] },
      },
      { roleArns: [ROLE(PROD)] },
    );
    expect(srv.requests.filter((r) => r.api === 'STS:AssumeRole')).toHaveLength(2);
    expect(results[0]!.coverage).toEqual({ source: 'aws', scope: PROD, calls: 29, failedCalls: 1, gaps: [] });
    expect(results[0]!.coverage.calls).toBe(firstAttempts(srv));
    expect(results[0]!.aws.s3.buckets.map((b) => b.bucket)).toEqual([`oob-backups-${PROD}`]);
  });
});

describe('collectAwsAccounts: regions', () => {
  const TRAIL = `arn:aws:cloudtrail:eu-central-1:${BASE}:trail/org`;
  const base = (): FakeAwsOptions => ({
    ...acct(BASE),
    trails: [{ Name: 'org', TrailARN: TRAIL, HomeRegion: 'eu-central-1', IsMultiRegionTrail: true, S3BucketName: `oob-backups-${BASE}`, isLogging: true }],
    // EKS unreadable in eu-west-1 only.
    forbid: ['eu-west-1 eks GET /clusters'],
  });

  it('reads the regional services in each region, global services once; a gap in one region carries that region', async () => {
    const { results, srv } = await run(base(), { regions: ['eu-central-1', 'eu-west-1', 'eu-central-1'] });
    expect(results).toHaveLength(1);
    const r = results[0]!;
    expect(r.coverage.scope).toBe(BASE);
    expect(r.coverage.gaps).toEqual(FROM_CLUSTERS.map((collection) => ({
      collection, scope: 'eu-west-1', api: 'EKS:ListClusters', error: 'AccessDeniedException (HTTP 403)', permission: 'eks:ListClusters',
    })));
    expect(r.coverage.failedCalls).toBe(1);
    // The eu-central-1 cluster is read; eu-west-1's are a gap, not an absence.
    expect(r.aws.eks.clusters.map((c) => [c.name, c.region])).toEqual([[`mm-${BASE}`, 'eu-central-1']]);
    const byRegion = (api: string): string[] => srv.requests.filter((x) => x.api === api && x.attempt === 1).map((x) => x.region).sort();
    for (const api of ['EKS:ListClusters', 'KMS:ListKeys', 'RDS:DescribeDBClusters', 'RDS:DescribeDBInstances', 'CloudTrail:DescribeTrails']) {
      expect(byRegion(api), api).toEqual(['eu-central-1', 'eu-west-1']);
    }
    expect(byRegion('S3:ListBuckets')).toEqual(['eu-central-1']);
    expect(byRegion('Route53:ListHostedZones')).toEqual(['eu-central-1']);
    expect(byRegion('STS:GetCallerIdentity')).toEqual(['eu-central-1']);
    // The multi-region trail is seen from both regions but kept, and its status asked, once.
    expect(r.aws.cloudtrail.trails.map((t) => [t.name, t.region, t.isLogging])).toEqual([['org', 'eu-central-1', true]]);
    expect(srv.requests.filter((x) => x.api === 'CloudTrail:GetTrailStatus')).toHaveLength(1);
    expectNoRepeats(srv);
  });

  it('without --regions the gaps keep their single-region scope ""', async () => {
    const { results } = await run({ ...base(), forbid: ['eu-central-1 eks GET /clusters'] }, {});
    expect(results[0]!.coverage.gaps.map((g) => [g.collection, g.scope])).toEqual(FROM_CLUSTERS.map((c) => [c, '']));
  });

  it('regions and assumed roles together: each account read in each region', async () => {
    const { results, srv } = await run(
      { ...acct(BASE), assumableRoles: { [ROLE(PROD)]: acct(PROD, { forbid: ['eu-west-1 eks GET /clusters'] }), [ROLE(DR)]: acct(DR) } },
      { roleArns: [ROLE(PROD), ROLE(DR)], regions: ['eu-central-1', 'eu-west-1'] },
    );
    expect(results.map((r) => [r.coverage.scope, r.coverage.gaps.map((g) => `${g.collection} ${g.scope}`)])).toEqual([
      [PROD, FROM_CLUSTERS.map((c) => `${c} eu-west-1`)],
      [DR, []],
    ]);
    // DR's cluster is served in both regions by this server, so it is read in both.
    expect(results[1]!.aws.eks.clusters.map((c) => c.region).sort()).toEqual(['eu-central-1', 'eu-west-1']);
    expectNoRepeats(srv);
  });
});

describe('oobguard scan --role-arn --regions / --profile', () => {
  async function withEnv(env: Record<string, string>, fn: () => Promise<void>): Promise<void> {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: 'eu-central-1', ...env });
    delete process.env['AWS_PROFILE'];
    try {
      await fn();
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  }

  it('reads each assumed account in each region: one coverage entry per account', async () => {
    const srv = await startAwsApi({ ...acct(BASE), assumableRoles: { [ROLE(PROD)]: acct(PROD, { forbid: ['eu-west-1 eks GET /clusters'] }) } });
    server = srv;
    await withEnv({ AWS_ACCESS_KEY_ID: BASE_KEY, AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', AWS_ENDPOINT_URL: srv.endpoint }, async () => {
      await inTempDir(async (dir) => {
        const r = await runCli(['scan', '--role-arn', ROLE(PROD), '--role-arn', ROLE(DENIED), '--regions', 'eu-central-1,eu-west-1', '--format', 'json'], { cwd: dir, env: process.env });
        const report = JSON.parse(r.stdout) as { coverage: { source: string; scope: string; gaps: number }[]; findings: { ruleId: string; status: string; objectName: string }[] };
        expect(report.coverage.map((c) => [c.source, c.scope])).toEqual([['aws', PROD], ['aws', DENIED]]);
        expect(report.coverage[1]!.gaps).toBe(AWS_LIVE_COLLECTIONS.length);
        expect(report.findings.filter((f) => f.ruleId === 'OOB-BKP-004.s3' && f.objectName === `oob-backups-${PROD}`).map((f) => f.status)).toEqual(['pass']);
        expect(r.stdout).not.toContain('wJalrXUtnFEMI');
        expect(r.stdout).not.toContain('secret-ASIAFAKE');
      });
    });
    expect(srv.requests.filter((x) => x.api === 'EKS:ListClusters').map((x) => x.region).sort()).toEqual(['eu-central-1', 'eu-west-1']);
  });

  it('--profile takes the base credentials from the named profile; a malformed --role-arn is a usage error', async () => {
    const srv = await startAwsApi(acct(BASE));
    server = srv;
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'credentials'), '[default]\naws_access_key_id = AKIADEFAULTDEFAULT00\naws_secret_access_key = d\n\n[audit]\naws_access_key_id = AKIAPROFILEAUDIT0000\naws_secret_access_key = p\n');
      await writeFile(path.join(dir, 'config'), '');
      await withEnv({ AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'), AWS_CONFIG_FILE: path.join(dir, 'config'), AWS_ENDPOINT_URL: srv.endpoint }, async () => {
        delete process.env['AWS_ACCESS_KEY_ID'];
        delete process.env['AWS_SECRET_ACCESS_KEY'];
        delete process.env['AWS_SESSION_TOKEN'];
        const r = await runCli(['scan', '--profile', 'audit', '--format', 'json'], { cwd: dir, env: process.env });
        const report = JSON.parse(r.stdout) as { coverage: { scope: string }[] };
        expect(report.coverage.map((c) => c.scope)).toEqual([BASE]);
        const bad = await runCli(['scan', '--role-arn', 'oobguard-audit', '--format', 'json'], { cwd: dir, env: process.env });
        expect(bad.code).toBe(3);
        expect(bad.stderr).toContain('--role-arn must be an IAM role ARN');
      });
    });
    expect(new Set(srv.requests.map((x) => x.accessKeyId))).toEqual(new Set(['AKIAPROFILEAUDIT0000']));
  });
});
