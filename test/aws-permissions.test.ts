/**
 * Least privilege: every AWS API operation the live AWS collector calls (seen by the local
 * wire-protocol server, through the real SDK clients) maps to an IAM action in
 * src/collectors/aws-live/permissions.ts, and deploy/aws/oobguard-readonly-policy.json grants
 * exactly those actions — no wildcard, nothing unused, nothing that writes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { collectAws, type AwsLiveResult } from '../src/collectors/aws-live/collect.ts';
import { AWS_API_PERMISSIONS, requiredActions } from '../src/collectors/aws-live/permissions.ts';
import { startAwsApi, type FakeAws } from './helpers/aws-api-server.ts';

const POLICY_FILE = path.join(process.cwd(), 'deploy/aws/oobguard-readonly-policy.json');
const ACCOUNT = '111122223333';
const KEY = `arn:aws:kms:eu-central-1:${ACCOUNT}:key/4f1c2a8e-7b3d-4c9a-9e2f-0d6b5a1c3e7f`;

interface Statement { Sid?: string; Effect?: string; Action?: string | string[]; NotAction?: unknown; Resource?: string | string[]; NotResource?: unknown; Condition?: unknown }

function loadPolicy(): { Version?: string; Statement?: Statement[] } {
  return JSON.parse(readFileSync(POLICY_FILE, 'utf8')) as { Version?: string; Statement?: Statement[] };
}

function granted(): string[] {
  return (loadPolicy().Statement ?? []).flatMap((s) => (typeof s.Action === 'string' ? [s.Action] : s.Action ?? []));
}

let server: FakeAws;
let result: AwsLiveResult;

beforeAll(async () => {
  process.env['AWS_EC2_METADATA_DISABLED'] = 'true';
  // One of everything, so every operation the collector knows is called at least once.
  server = await startAwsApi({
    accountId: ACCOUNT, callerArn: `arn:aws:sts::${ACCOUNT}:assumed-role/oobguard-audit/scan`,
    buckets: [{ name: 'oob-trail', region: 'eu-central-1', versioning: { status: 'Enabled' }, encryption: { algorithm: 'aws:kms', kmsKeyId: KEY } }],
    clusters: [{ name: 'mm-oob', arn: `arn:aws:eks:eu-central-1:${ACCOUNT}:cluster/mm-oob`, version: '1.33', accessConfig: { authenticationMode: 'API' } }],
    eksAddons: { 'mm-oob': [{ addonName: 'vpc-cni', addonVersion: 'v1.20.0-eksbuild.1', configurationValues: '{"enableNetworkPolicy":"true"}' }] },
    nodegroups: { 'mm-oob': [{ nodegroupName: 'system', amiType: 'BOTTLEROCKET_x86_64', nodeRole: `arn:aws:iam::${ACCOUNT}:role/mm-oob-nodes`, launchTemplate: { id: 'lt-0a1b2c3d4e5f60718', version: '3' } }] },
    accessEntries: { 'mm-oob': [{ principalArn: `arn:aws:iam::${ACCOUNT}:role/oob-break-glass`, type: 'STANDARD', policies: [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }] }] },
    launchTemplateVersions: [{ LaunchTemplateId: 'lt-0a1b2c3d4e5f60718', LaunchTemplateName: 'mm-oob-nodes', VersionNumber: 3, LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 } } }],
    organization: { Id: 'o-a1b2c3d4e5', MasterAccountId: '999988887777' },
    dbClusterSnapshots: { 'mm-aurora-pre-drill': 'mm-aurora' },
    cloudTrailEvents: [
      { EventName: 'RestoreDBClusterFromSnapshot', EventTime: '2026-11-02T09:00:00Z', CloudTrailEvent: { requestParameters: { snapshotIdentifier: 'mm-aurora-pre-drill', dBClusterIdentifier: 'mm-aurora-drill' } } },
      { EventName: 'UpdateHealthCheck', EventTime: '2026-11-03T09:00:00Z', EventSource: 'route53.amazonaws.com', CloudTrailEvent: { requestParameters: { healthCheckId: 'hc-1', inverted: true } } },
    ],
    zones: [{ id: 'Z0123456789ABCDEFGHIJ', name: 'example.com.', records: [{ Name: 'chat.example.com.', Type: 'CNAME', SetIdentifier: 'primary', Failover: 'PRIMARY', TTL: 60, ResourceRecords: ['chat-oob.example.com'], HealthCheckId: 'hc-1' }] }],
    healthChecks: [{ Id: 'hc-1', config: { Type: 'HTTPS', FullyQualifiedDomainName: 'chat.example.com', ResourcePath: '/api/v4/system/ping' } }],
    dbClusters: [{ DBClusterIdentifier: 'mm-aurora', DBClusterArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:cluster:mm-aurora`, Engine: 'aurora-postgresql', DBClusterParameterGroup: 'mm-pg16' }],
    dbInstances: [{ DBInstanceIdentifier: 'mm-aurora-1', DBClusterIdentifier: 'mm-aurora', Engine: 'aurora-postgresql' }],
    clusterParameters: { 'mm-pg16': { 'rds.force_ssl': '1' } },
    trails: [{ Name: 'oob', TrailARN: `arn:aws:cloudtrail:eu-central-1:${ACCOUNT}:trail/oob`, S3BucketName: 'oob-trail', isLogging: true }],
    kmsKeys: [{ metadata: { KeyId: KEY.split('/')[1]!, Arn: KEY, KeyManager: 'CUSTOMER', KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', Enabled: true }, rotation: { KeyRotationEnabled: true } }],
    roles: [{ RoleName: 'mm-files', trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] } }],
    iam: {
      users: [{ UserName: 'break-glass', loginProfile: { PasswordResetRequired: false }, accessKeys: [{ AccessKeyId: 'AKIAIOSFODNN7BREAKGL', Status: 'Inactive', CreateDate: '2026-01-02T10:00:00Z' }], mfa: [`arn:aws:iam::${ACCOUNT}:mfa/break-glass`] }],
      oidcProviders: [{ url: 'oidc.eks.eu-central-1.amazonaws.com/id/4A1B2C3D4E5F60718293A4B5C6D7E8F9', clientIds: ['sts.amazonaws.com'], thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] }],
    },
  });
  result = await collectAws({
    region: 'eu-central-1', endpoint: server.endpoint,
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    retryStrategy: new ConfiguredRetryStrategy(1, () => 1), requestTimeoutMs: 5000, now: '2026-11-20T12:00:00Z',
  });
});

afterAll(async () => {
  await server.close();
});

describe('deploy/aws/oobguard-readonly-policy.json', () => {
  it('the scan read everything without a failure', () => {
    expect(result.coverage.gaps).toEqual([]);
    expect(result.coverage.failedCalls).toBe(0);
  });

  it('every operation the collector called has an IAM action in the table, and every table entry was called', () => {
    const seen = [...new Set(server.requests.map((r) => r.api))].sort();
    const table = Object.keys(AWS_API_PERMISSIONS);
    expect(seen.filter((api) => !table.includes(api))).toEqual([]);
    expect(table.filter((api) => !seen.includes(api))).toEqual([]);
  });

  it('grants exactly the actions of the operations called: nothing missing, nothing unused', () => {
    const seen = new Set(server.requests.map((r) => r.api));
    const used: string[] = [...new Set([...seen].map((api) => AWS_API_PERMISSIONS[api as keyof typeof AWS_API_PERMISSIONS]).filter((a): a is NonNullable<typeof a> => a !== null && a !== undefined))].sort();
    const policy = granted();
    expect(used.filter((a) => !policy.includes(a))).toEqual([]);
    expect(policy.filter((a) => !used.includes(a))).toEqual([]);
    expect([...policy].sort()).toEqual(requiredActions());
    expect(new Set(policy).size).toBe(policy.length);
  });

  it('is one Allow on Resource "*", read-only, with no wildcard, NotAction or condition', () => {
    const p = loadPolicy();
    expect(p.Version).toBe('2012-10-17');
    for (const s of p.Statement ?? []) {
      expect(s.Effect).toBe('Allow');
      expect(s.Resource).toBe('*');
      expect(s.NotAction).toBeUndefined();
      expect(s.NotResource).toBeUndefined();
      expect(s.Condition).toBeUndefined();
    }
    for (const a of granted()) {
      expect(a).toMatch(/^[a-z0-9-]+:(Get|List|Describe|Lookup)[A-Za-z]+$/);
      expect(a).not.toContain('*');
    }
  });
});
