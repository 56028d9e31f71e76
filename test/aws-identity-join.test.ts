/**
 * The cross-source identity joins run once every source is in: a ServiceAccount from the manifests
 * is joined with the IAM role read live (IRSA rules judge the live role and name its ARN), a
 * manifest shard and a live-AWS shard merged give the findings of one combined scan, and the join
 * is idempotent — joining already-joined data, or merging a joined shard, changes nothing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Report } from '../src/engine/types.ts';
import { mergeSnapshots } from '../src/merge.ts';
import { joinAwsIdentity } from '../src/model/functions/aws-identity-join.ts';
import type { Snapshot } from '../src/model/snapshot.ts';
import { collect, loadConfig } from '../src/run.ts';
import { startAwsApi, type FakeAws } from './helpers/aws-api-server.ts';
import { inTempDir, runCli } from './helpers/cli.ts';
import { FIXED_NOW } from './helpers/scan.ts';

const ACCOUNT = '111122223333';
const ISSUER = 'oidc.eks.eu-central-1.amazonaws.com/id/4A1B2C3D4E5F60718293A4B5C6D7E8F9';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
const FILES_ROLE = `arn:aws:iam::${ACCOUNT}:role/oob/mm-files`;
const LEGACY_ROLE = `arn:aws:iam::${ACCOUNT}:role/legacy-files`;
const trust = (sub: string, op = 'StringEquals'): Record<string, unknown> => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { [op]: { [`${ISSUER}:sub`]: sub, [`${ISSUER}:aud`]: 'sts.amazonaws.com' } } }],
});

/** Manifests: two ServiceAccounts annotated with roles that exist only in the live account. */
const MANIFESTS = `apiVersion: v1
kind: Namespace
metadata:
  name: mattermost
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: mm-files
  namespace: mattermost
  annotations:
    eks.amazonaws.com/role-arn: ${FILES_ROLE}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: legacy
  namespace: mattermost
  annotations:
    eks.amazonaws.com/role-arn: ${LEGACY_ROLE}
`;

let srv: FakeAws;
const saved = { ...process.env };

beforeAll(async () => {
  srv = await startAwsApi({
    accountId: ACCOUNT, callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/oobguard-audit/scan`, buckets: [],
    clusters: [{ name: 'mm-oob', arn: `arn:aws:eks:eu-central-1:${ACCOUNT}:cluster/mm-oob`, version: '1.33', identity: { oidc: { issuer: `https://${ISSUER}` } } }],
    roles: [
      { RoleName: 'mm-files', Path: '/oob/', trust: trust('system:serviceaccount:mattermost:mm-files') },
      // A wildcard trust: the annotated ServiceAccount gets in, but so does every other one.
      { RoleName: 'legacy-files', trust: trust('system:serviceaccount:mattermost:*', 'StringLike') },
    ],
    iam: { oidcProviders: [{ url: ISSUER, clientIds: ['sts.amazonaws.com'], thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] }] },
  });
  // The SDK's default chain and endpoint, as a user's environment would set them.
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_ENDPOINT_URL: srv.endpoint, AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: 'eu-central-1',
  });
  delete process.env['AWS_PROFILE'];
});

afterAll(async () => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
  await srv.close();
});

async function withManifests<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  return inTempDir(async (dir) => {
    await mkdir(path.join(dir, 'k8s'));
    await writeFile(path.join(dir, 'k8s', 'service-accounts.yaml'), MANIFESTS);
    return fn(dir);
  });
}

type JsonReport = Report & { findings: Finding[] };
const key = (f: Finding): string => `${f.ruleId} ${f.objectId} ${f.status} ${f.fingerprint} ${f.message}`;

describe('scan --aws with manifests', () => {
  it('joins a manifest ServiceAccount with the live role its annotation names: the IRSA rules judge the live role and name its ARN', async () => {
    await withManifests(async (dir) => {
      const r = await runCli(['scan', 'k8s', '--aws', '--format', 'json'], { cwd: dir, env: process.env });
      const report = JSON.parse(r.stdout) as JsonReport;
      const sa = report.findings.filter((f) => f.ruleId === 'ZT-IAM-002.service-account');
      expect(sa.map((f) => [f.objectName, f.status]).sort()).toEqual([['legacy-files', 'fail'], ['mm-files', 'pass']]);
      const fail = sa.find((f) => f.status === 'fail')!;
      expect(fail.message).toContain(`ServiceAccount mattermost/legacy is annotated with IAM role legacy-files (${LEGACY_ROLE}), whose trust policy does not pin them`);
      expect(fail.source.ref).toBe(LEGACY_ROLE);
      const pinned = report.findings.filter((f) => f.ruleId === 'ZT-IAM-002.irsa-trust').map((f) => [f.objectName, f.status]).sort();
      expect(pinned).toEqual([['legacy-files', 'fail'], ['mm-files', 'pass']]);
    });
  });
});

describe('collect shards, merge', () => {
  it('a manifest shard and a live-AWS shard merged give the findings of one combined scan', async () => {
    await withManifests(async (dir) => {
      expect((await runCli(['collect', 'k8s', '-o', 'k8s.json', '-q'], { cwd: dir, env: process.env })).code).toBe(0);
      expect((await runCli(['collect', '--aws', '-o', 'aws.json', '-q'], { cwd: dir, env: process.env })).code).toBe(0);
      const merged = await runCli(['merge', 'k8s.json', 'aws.json', '--format', 'json'], { cwd: dir, env: process.env });
      const scanned = await runCli(['scan', 'k8s', '--aws', '--format', 'json'], { cwd: dir, env: process.env });
      const [m, s] = [merged, scanned].map((x) => JSON.parse(x.stdout) as JsonReport);
      expect(merged.code).toBe(scanned.code);
      expect(m!.findings.map(key).sort()).toEqual(s!.findings.map(key).sort());
      // The joined verdicts are there, not just the same absence of them.
      expect(m!.findings.filter((f) => f.ruleId === 'ZT-IAM-002.service-account').map((f) => f.status).sort()).toEqual(['fail', 'pass']);
    });
  });
});

describe('joinAwsIdentity is idempotent', () => {
  it('joining a joined snapshot again, or merging a joined shard (alone or with itself), changes nothing', async () => {
    await withManifests(async (dir) => {
      const { config } = await loadConfig({ cwd: dir });
      const { snapshot } = await collect({ cwd: dir, paths: ['k8s'], aws: { region: 'eu-central-1' } }, config, FIXED_NOW);
      const role = snapshot.aws.iam.roles.find((r) => r.arn === FILES_ROLE)!;
      expect(role.serviceAccounts).toEqual([{ namespace: 'mattermost', name: 'mm-files', found: true, annotated: true, trusted: true }]);
      const again: Snapshot = structuredClone(snapshot);
      joinAwsIdentity(again.aws, again.k8s, again.mattermost.configs);
      expect(again).toEqual(snapshot);
      const alone = mergeSnapshots([snapshot]).snapshot;
      expect(alone.aws).toEqual(snapshot.aws);
      const twice = mergeSnapshots([snapshot, structuredClone(snapshot)]);
      expect(twice.diagnostics).toEqual([]);
      expect(twice.snapshot.aws).toEqual(snapshot.aws);
      expect(twice.snapshot.k8s).toEqual(snapshot.k8s);
    });
  });

  it('a fact an earlier, partial join derived is not carried into the merged one', async () => {
    await withManifests(async (dir) => {
      const { config } = await loadConfig({ cwd: dir });
      // The AWS shard alone: the roles trust ServiceAccounts that shard cannot see.
      const aws = (await collect({ cwd: dir, paths: [], aws: { region: 'eu-central-1' } }, config, FIXED_NOW)).snapshot;
      expect(aws.aws.iam.roles.find((r) => r.arn === FILES_ROLE)!.serviceAccounts).toEqual([{ namespace: 'mattermost', name: 'mm-files', found: false, annotated: false, trusted: true }]);
      const k8s = (await collect({ cwd: dir, paths: ['k8s'] }, config, FIXED_NOW)).snapshot;
      const merged = mergeSnapshots([aws, k8s]).snapshot;
      expect(merged.aws.iam.roles.find((r) => r.arn === FILES_ROLE)!.serviceAccounts).toEqual([{ namespace: 'mattermost', name: 'mm-files', found: true, annotated: true, trusted: true }]);
      expect(merged.aws.iam.roles.find((r) => r.arn === LEGACY_ROLE)!.serviceAccounts).toEqual([{ namespace: 'mattermost', name: 'legacy', found: true, annotated: true, trusted: false }]);
      // The shards handed in are left as they were.
      expect(aws.aws.iam.roles.find((r) => r.arn === FILES_ROLE)!.serviceAccounts[0]!.found).toBe(false);
    });
  });
});
