/**
 * Live IAM against the local server speaking IAM's awsQuery/XML protocol: roles, users, groups and
 * customer-managed policies from every page of GetAccountAuthorizationDetails (URL-encoded
 * documents), the per-user console password, access keys and MFA devices, OIDC providers joined
 * to the live EKS cluster by issuer, the account summary — the same model the Terraform adapter
 * fills, judged by the same rules; every failure a gap or an unknown naming the IAM action.
 */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { afterAll, describe, expect, it } from 'vitest';
import { collectAws, collectAwsAccounts, type AwsLiveResult } from '../src/collectors/aws-live/collect.ts';
import { defaultConfig } from '../src/config/config.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { emptySnapshot } from '../src/model/snapshot.ts';
import { loadRules } from '../src/run.ts';
import { VERSION } from '../src/version.ts';
import { startAwsApi, type FakeAws, type FakeAwsOptions, type FakeRole } from './helpers/aws-api-server.ts';
import { FIXED_NOW } from './helpers/scan.ts';

const ACCOUNT = '111122223333';
const CALLER = `arn:aws:sts::${ACCOUNT}:assumed-role/oobguard-audit/scan`;
const ISSUER = 'oidc.eks.eu-central-1.amazonaws.com/id/4A1B2C3D4E5F60718293A4B5C6D7E8F9';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;
const CLUSTER = { name: 'mm-oob', arn: `arn:aws:eks:eu-central-1:${ACCOUNT}:cluster/mm-oob`, version: '1.33', identity: { oidc: { issuer: `https://${ISSUER}` } } };
const FILES_POLICY = `arn:aws:iam::${ACCOUNT}:policy/mm-files-s3`;
const ADMIN = 'arn:aws:iam::aws:policy/AdministratorAccess';

const irsaTrust = (sub: string, op = 'StringEquals'): Record<string, unknown> => ({
  Version: '2012-10-17',
  Statement: [{
    Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { [op]: { [`${ISSUER}:sub`]: sub, [`${ISSUER}:aud`]: 'sts.amazonaws.com' } },
  }],
});
const s3Doc = (actions: string[], resource: string[]): Record<string, unknown> => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: resource }] });
const REQUIRE_MFA = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyWithoutMfa', Effect: 'Deny', NotAction: ['iam:ListMFADevices', 'iam:EnableMFADevice', 'sts:GetSessionToken'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }],
};

const ROLES: FakeRole[] = [
  {
    RoleName: 'mm-files', Path: '/oob/', trust: irsaTrust('system:serviceaccount:mattermost:mm-files'),
    attached: [{ PolicyName: 'mm-files-s3', PolicyArn: FILES_POLICY }],
    inline: { 'kms-use': { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: `arn:aws:kms:eu-central-1:${ACCOUNT}:key/4f1c2a8e-7b3d-4c9a-9e2f-0d6b5a1c3e7f` }] } },
    permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/oob-boundary`, tags: { team: 'oob' },
  },
  { RoleName: 'any-pod', trust: irsaTrust('system:serviceaccount:*', 'StringLike'), attached: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN }] },
  {
    RoleName: 'mm-oob-nodes',
    trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    attached: [{ PolicyName: 'AmazonEKSWorkerNodePolicy', PolicyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy' }],
  },
];

function account(extra: Partial<FakeAwsOptions> = {}): FakeAwsOptions {
  return {
    accountId: ACCOUNT, callerArn: CALLER, buckets: [], clusters: [CLUSTER], roles: ROLES,
    iam: {
      pageSize: 1,
      policies: [{ PolicyName: 'mm-files-s3', versions: [s3Doc(['s3:*'], ['*']), s3Doc(['s3:GetObject', 's3:PutObject'], ['arn:aws:s3:::oob-files/*'])] }],
      groups: [{ GroupName: 'break-glass', inline: { 'require-mfa': REQUIRE_MFA }, attached: [{ PolicyName: 'AdministratorAccess', PolicyArn: ADMIN }] }],
      users: [
        { UserName: 'break-glass-1', groups: ['break-glass'], loginProfile: { PasswordResetRequired: false }, mfa: [`arn:aws:iam::${ACCOUNT}:mfa/break-glass-1`] },
        { UserName: 'ops', loginProfile: { PasswordResetRequired: true } },
        {
          UserName: 'ci-backup', attached: [{ PolicyName: 'mm-files-s3', PolicyArn: FILES_POLICY }],
          accessKeys: [
            { AccessKeyId: 'AKIAIOSFODNN7CIBK7QZ', Status: 'Active', CreateDate: '2026-01-12T09:30:00Z', lastUsed: '2026-11-19T23:10:00Z' },
            { AccessKeyId: 'AKIAIOSFODNN7CIBM2PA', Status: 'Inactive', CreateDate: '2025-06-02T08:00:00Z' },
          ],
        },
      ],
      oidcProviders: [{ url: ISSUER, clientIds: ['sts.amazonaws.com'], thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] }],
      summary: { AccountMFAEnabled: 0, AccountAccessKeysPresent: 1 },
    },
    ...extra,
  };
}

// Never fall through to the instance-metadata service.
process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
const servers: FakeAws[] = [];
afterAll(async () => { await Promise.all(servers.map((s) => s.close())); });

async function serve(o: FakeAwsOptions): Promise<FakeAws> {
  const srv = await startAwsApi(o);
  servers.push(srv);
  return srv;
}

const CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

async function collect(o: FakeAwsOptions): Promise<{ result: AwsLiveResult; srv: FakeAws }> {
  const srv = await serve(o);
  const result = await collectAws({
    region: 'eu-central-1', endpoint: srv.endpoint, credentials: CREDENTIALS,
    retryStrategy: new ConfiguredRetryStrategy(3, () => 1), requestTimeoutMs: 5000,
  });
  return { result, srv };
}

const roleOf = (r: AwsLiveResult, name: string) => r.aws.iam.roles.find((x) => x.roleName === name)!;
const userOf = (r: AwsLiveResult, name: string) => r.aws.iam.users.find((x) => x.userName === name)!;

describe('collectAws: IAM', () => {
  it('reads roles, policies, users, OIDC providers and the account summary into the Terraform model, every page', async () => {
    const { result, srv } = await collect(account());
    expect(result.coverage.gaps).toEqual([]);
    expect(result.coverage.failedCalls).toBe(0);
    // 3 roles + 3 users + 1 group + 1 policy, one a page.
    const details = srv.requests.filter((r) => r.api === 'IAM:GetAccountAuthorizationDetails');
    expect(details).toHaveLength(8);

    const files = roleOf(result, 'mm-files');
    const arn = `arn:aws:iam::${ACCOUNT}:role/oob/mm-files`;
    expect(files).toMatchObject({
      kind: 'IamRole', origin: 'live', address: '', resourceId: arn, arn, path: '/oob/', accountIds: [ACCOUNT],
      source: { file: `oobguard-live/aws/${ACCOUNT}`, line: 1, ref: arn }, tags: { team: 'oob' },
      permissionsBoundary: `arn:aws:iam::${ACCOUNT}:policy/oob-boundary`, attachedPolicyArns: [FILES_POLICY],
    });
    expect(files.assumeRolePolicy?.statements[0]?.principals).toEqual({ Federated: [PROVIDER] });
    // Inline and attached; the customer-managed policy's default (v2) document, not v1.
    expect(files.policies.map((p) => [p.type, p.policyName, p.policyArn, p.awsManaged, p.document?.statements[0]?.actions])).toEqual([
      ['inline', 'kms-use', '', false, ['kms:Decrypt', 'kms:GenerateDataKey']],
      ['managed', 'mm-files-s3', FILES_POLICY, false, ['s3:GetObject', 's3:PutObject']],
    ]);
    // IRSA derived by the Terraform adapter's function, joined to the live provider and cluster.
    const provider = result.aws.iam.oidcProviders[0]!;
    const cluster = result.aws.eks.clusters[0]!;
    expect(provider).toMatchObject({ kind: 'IamOidcProvider', arn: PROVIDER, url: ISSUER, clientIDList: ['sts.amazonaws.com'], thumbprintList: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'], cluster: cluster.id });
    expect(files.webIdentity).toEqual([expect.objectContaining({
      federated: PROVIDER, issuer: ISSUER, eksIssuer: true, provider: provider.id, cluster: cluster.id,
      serviceAccounts: [{ namespace: 'mattermost', name: 'mm-files' }],
    })]);
    expect(roleOf(result, 'any-pod').policies).toEqual([expect.objectContaining({ type: 'managed', policyArn: ADMIN, awsManaged: true, document: null })]);
    expect(roleOf(result, 'mm-oob-nodes').trustedServices).toEqual(['ec2.amazonaws.com']);

    expect(result.aws.iam.policies).toEqual([expect.objectContaining({ arn: FILES_POLICY, policyName: 'mm-files-s3', attachedTo: [{ type: 'role', name: 'mm-files' }, { type: 'user', name: 'ci-backup' }] })]);

    const bg = userOf(result, 'break-glass-1');
    expect(bg).toMatchObject({ loginProfile: { passwordResetRequired: false, address: '' }, mfaDevices: [`arn:aws:iam::${ACCOUNT}:mfa/break-glass-1`], groups: ['break-glass'], accessKeys: [] });
    expect(bg.policies.map((p) => [p.type, p.policyName, p.viaGroup])).toEqual([['inline', 'require-mfa', 'break-glass'], ['managed', 'AdministratorAccess', 'break-glass']]);
    expect(userOf(result, 'ops')).toMatchObject({ loginProfile: { passwordResetRequired: true }, mfaDevices: [] });
    const ci = userOf(result, 'ci-backup');
    expect(ci.loginProfile).toBeNull();
    expect(ci.accessKeys).toEqual([
      { status: 'Active', address: '', keyIdSuffix: 'K7QZ', createDate: '2026-01-12T09:30:00.000Z', lastUsedDate: '2026-11-19T23:10:00.000Z' },
      { status: 'Inactive', address: '', keyIdSuffix: 'M2PA', createDate: '2025-06-02T08:00:00.000Z', lastUsedDate: '' },
    ]);
    // Two keys, one a page: ListAccessKeys followed the marker.
    expect(srv.requests.filter((r) => r.key === 'iam ListAccessKeys ci-backup')).toHaveLength(2);
    // An access key id is never kept whole.
    expect(JSON.stringify(result)).not.toContain('AKIAIOSFODNN7CIBK7QZ');

    expect(result.aws.iam.accountSummaries).toEqual([expect.objectContaining({
      kind: 'IamAccountSummary', accountId: ACCOUNT, resourceId: `arn:aws:iam::${ACCOUNT}:root`,
      accountMfaEnabled: false, accountAccessKeysPresent: true, accountPasswordPresent: true,
    })]);
  });

  it('is global: read once per account however many regions are scanned', async () => {
    const srv = await serve(account());
    await collectAwsAccounts({ region: 'eu-central-1', regions: ['eu-central-1', 'eu-west-1'], endpoint: srv.endpoint, credentials: CREDENTIALS, retryStrategy: new ConfiguredRetryStrategy(1, () => 1) });
    expect(srv.requests.filter((r) => r.api === 'IAM:GetAccountSummary')).toHaveLength(1);
    expect(srv.requests.filter((r) => r.api === 'EKS:ListClusters')).toHaveLength(2);
    const keys = srv.requests.filter((r) => r.service === 'iam').map((r) => r.key);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i && !k.startsWith('iam GetAccountAuthorizationDetails') && !k.startsWith('iam ListAccessKeys'))).toEqual([]);
  });

  it('GetAccountAuthorizationDetails denied: a gap on roles, policies and users naming the action; the rest of IAM is read', async () => {
    const { result } = await collect(account({ forbid: ['iam GetAccountAuthorizationDetails'] }));
    const gap = { scope: '', api: 'IAM:GetAccountAuthorizationDetails', error: 'AccessDenied (HTTP 403)', permission: 'iam:GetAccountAuthorizationDetails' };
    expect(result.coverage.gaps).toEqual([
      { collection: 'aws.iam.roles', ...gap }, { collection: 'aws.iam.policies', ...gap }, { collection: 'aws.iam.users', ...gap },
    ]);
    expect(result.aws.iam.roles).toEqual([]);
    expect(result.aws.iam.oidcProviders).toHaveLength(1);
    expect(result.aws.iam.accountSummaries).toHaveLength(1);
  });

  it('a failed per-object call is unknown on that field of that object; NoSuchEntity is "no console password"', async () => {
    const { result } = await collect(account({
      forbid: ['iam GetLoginProfile ops', 'iam ListMFADevices break-glass-1', 'iam GetAccessKeyLastUsed AKIAIOSFODNN7CIBK7QZ', `iam GetOpenIDConnectProvider ${PROVIDER}`],
    }));
    expect(result.coverage.gaps).toEqual([]);
    expect(result.coverage.failedCalls).toBe(4);
    const ops = userOf(result, 'ops');
    expect(ops.loginProfile).toBeNull();
    expect(ops.unknown).toEqual({ loginProfile: 'IAM:GetLoginProfile ops failed: AccessDenied (HTTP 403) — needs iam:GetLoginProfile' });
    expect(userOf(result, 'break-glass-1').unknown).toEqual({ mfaDevices: 'IAM:ListMFADevices break-glass-1 failed: AccessDenied (HTTP 403) — needs iam:ListMFADevices' });
    const ci = userOf(result, 'ci-backup');
    expect(ci.loginProfile).toBeNull();
    expect(ci.unknown).toEqual({ 'accessKeys[0].lastUsedDate': 'IAM:GetAccessKeyLastUsed (key …K7QZ of ci-backup) failed: AccessDenied (HTTP 403) — needs iam:GetAccessKeyLastUsed' });
    expect(JSON.stringify(result)).not.toContain('AKIAIOSFODNN7CIBK7QZ');
    // The issuer is in the provider's ARN: still joined; its audiences are unknown.
    const p = result.aws.iam.oidcProviders[0]!;
    expect(p).toMatchObject({ url: ISSUER, cluster: result.aws.eks.clusters[0]!.id, clientIDList: [] });
    expect(p.unknown?.['clientIDList']).toBe(`IAM:GetOpenIDConnectProvider ${PROVIDER} failed: AccessDenied (HTTP 403) — needs iam:GetOpenIDConnectProvider`);
  });

  it('ListOpenIDConnectProviders, ListAccessKeys and GetAccountSummary denied; a throttled page is retried inside one call', async () => {
    const { result, srv } = await collect(account({
      forbid: ['iam ListOpenIDConnectProviders', 'iam ListAccessKeys ci-backup', 'iam GetAccountSummary'],
      script: { 'iam GetAccountAuthorizationDetails': [{ status: 400, code: 'Throttling' }] },
    }));
    expect(result.coverage.gaps).toEqual([
      { collection: 'aws.iam.oidcProviders', scope: '', api: 'IAM:ListOpenIDConnectProviders', error: 'AccessDenied (HTTP 403)', permission: 'iam:ListOpenIDConnectProviders' },
      { collection: 'aws.iam.accountSummaries', scope: '', api: 'IAM:GetAccountSummary', error: 'AccessDenied (HTTP 403)', permission: 'iam:GetAccountSummary' },
    ]);
    expect(userOf(result, 'ci-backup').unknown?.['accessKeys']).toBe('IAM:ListAccessKeys ci-backup failed: AccessDenied (HTTP 403) — needs iam:ListAccessKeys');
    expect(result.aws.iam.roles).toHaveLength(3);
    expect(srv.requests.filter((r) => r.api === 'IAM:GetAccountAuthorizationDetails').map((r) => r.attempt).slice(0, 2)).toEqual([1, 2]);
    // Without the provider, the trust still names the EKS issuer and joins the cluster.
    expect(roleOf(result, 'mm-files').webIdentity[0]).toMatchObject({ provider: '', cluster: result.aws.eks.clusters[0]!.id, eksIssuer: true });
  });

  it('a malformed answer is a failure, not an empty account: a gap; a 500 is retried inside one call', async () => {
    const { result, srv } = await collect(account({
      script: {
        'iam GetAccountAuthorizationDetails': [{ status: 200, code: '', body: '<GetAccountAuthorizationDetailsResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetAccountAuthorizationDetailsResult><IsTruncated>fal' }],
        'iam GetAccountSummary': [{ status: 500, code: 'ServiceFailure' }],
      },
    }));
    expect(result.coverage.gaps.map((g) => [g.collection, g.api, g.permission])).toEqual(['aws.iam.roles', 'aws.iam.policies', 'aws.iam.users'].map((c) => [c, 'IAM:GetAccountAuthorizationDetails', 'iam:GetAccountAuthorizationDetails']));
    expect(result.aws.iam.users).toEqual([]);
    expect(result.aws.iam.accountSummaries).toHaveLength(1);
    expect(srv.requests.filter((r) => r.api === 'IAM:GetAccountSummary').map((r) => r.attempt)).toEqual([1, 2]);
  });
});

describe('rules judge live IAM as they judge the equivalent Terraform', () => {
  it('IRSA trusts, workload-role admin policies, console MFA, key rotation and the root user, naming the ARNs', async () => {
    const { result } = await collect(account());
    const { rules } = await loadRules({ cwd: process.cwd() });
    const snapshot = emptySnapshot(VERSION, FIXED_NOW);
    Object.assign(snapshot.aws, { providers: result.aws.providers, eks: result.aws.eks, iam: result.aws.iam });
    snapshot.coverage = [result.coverage];
    const { findings } = evaluate({ rules, snapshot, config: defaultConfig(), now: FIXED_NOW });
    const of = (ruleId: string) => findings.filter((f) => f.ruleId === ruleId).map((f) => [f.objectName, f.status]).sort();
    const msg = (ruleId: string, name: string) => findings.find((f) => f.ruleId === ruleId && f.objectName === name)?.message ?? '';

    expect(of('ZT-IAM-002.irsa-trust')).toEqual([['any-pod', 'fail'], ['mm-files', 'pass']]);
    expect(msg('ZT-IAM-002.irsa-trust', 'any-pod')).toContain(`IAM role any-pod (arn:aws:iam::${ACCOUNT}:role/any-pod) does not pin <issuer>:sub`);
    expect(of('ZT-IAM-002.oidc-provider')).toEqual([[ISSUER, 'pass']]);
    expect(of('ZT-IAM-004.eks-roles')).toEqual([['any-pod', 'fail'], ['mm-files', 'pass']]);
    expect(msg('ZT-IAM-004.eks-roles', 'any-pod')).toContain('carries AdministratorAccess');
    // ops has a console password and no MFA device; break-glass-1 has one.
    expect(of('ZT-MFA-004.iam-users')).toEqual([['break-glass-1', 'pass'], ['ops', 'fail']]);
    expect(msg('ZT-MFA-004.iam-users', 'ops')).toContain(`IAM user ops (arn:aws:iam::${ACCOUNT}:user/ops) has a console password and no MFA device`);
    expect(of('OOB-SEC-001.iam-access-keys')).toEqual([['ci-backup', 'fail']]);
    expect(msg('OOB-SEC-001.iam-access-keys', 'ci-backup')).toContain('key …K7QZ created 2026-01-12T09:30:00.000Z');
    expect(of('ZT-MFA-004.root')).toEqual([[ACCOUNT, 'fail']]);
    expect(msg('ZT-MFA-004.root', ACCOUNT)).toContain(`The root user of AWS account ${ACCOUNT} has a console password and no MFA device`);
  });

  it('a gap on GetAccountAuthorizationDetails makes the role and user rules unknown for the account, naming the permission', async () => {
    const { result } = await collect(account({ forbid: ['iam GetAccountAuthorizationDetails'] }));
    const { rules } = await loadRules({ cwd: process.cwd() });
    const snapshot = emptySnapshot(VERSION, FIXED_NOW);
    Object.assign(snapshot.aws, { providers: result.aws.providers, eks: result.aws.eks, iam: result.aws.iam });
    snapshot.coverage = [result.coverage];
    const { findings } = evaluate({ rules, snapshot, config: defaultConfig(), now: FIXED_NOW });
    for (const id of ['ZT-IAM-002.irsa-trust', 'ZT-MFA-004.iam-users', 'OOB-SEC-001.iam-access-keys']) {
      const f = findings.filter((x) => x.ruleId === id);
      expect(f.map((x) => x.status), id).toEqual(['unknown']);
      expect(f[0]!.reasons?.join(' ')).toContain('needs iam:GetAccountAuthorizationDetails');
    }
  });
});
