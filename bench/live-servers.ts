/**
 * The far side of the live benchmark (bench/live.ts), in its own process so that its work — the
 * local AWS and ARM wire-protocol servers of the test suite and the latency proxies in front of
 * them — does not share the scanner's thread, as real APIs would not. Driven over IPC:
 * `{start: latencyMs}` → `{awsEndpoint, armEndpoint, ca}`; `{requests: true}` → every request seen;
 * `{stop: true}` → closes everything. The dataset is what OOB accounts and subscriptions hold.
 */
import { emptyArmLists, startArmApi, type ArmReply, type FakeArm } from '../test/helpers/arm-api-server.ts';
import { armId, diagnosticSetting, federatedCredential, keyVault, page, roleAssignment, roleDefinition, rotationPolicy, userAssignedIdentity, vaultKey } from '../test/helpers/arm-resources.ts';
import { startAwsApi, type FakeAws, type FakeAwsOptions } from '../test/helpers/aws-api-server.ts';
import { startLatencyProxy, type LatencyProxy } from './latency-proxy.ts';

export const ACCOUNTS = ['210987654321', '321098765432', '432109876543'];
export const SUBSCRIPTIONS = ['7c1d2e3f-0a4b-4c5d-8e9f-112233445566', '8d2e3f40-1b5c-4d6e-9fa0-223344556677'];
const TENANT = '0f0e0d0c-1111-2222-3333-444455556666';

export type ServerMessage =
  | { started: { awsEndpoint: string; armEndpoint: string; ca: string } }
  | { requests: { aws: { accessKeyId: string; region: string; service: string; request: string; attempt: number }[]; arm: { method: string; url: string }[] } }
  | { stopped: true };

export type ParentMessage = { start: number } | { requests: true } | { stop: true };

// ---- AWS: what an OOB account holds --------------------------------------------------------------

function irsaTrust(accountId: string, namespace: string, sa: string): Record<string, unknown> {
  const issuer = `oidc.eks.eu-central-1.amazonaws.com/id/${accountId}`;
  return {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${accountId}:oidc-provider/${issuer}` }, Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${issuer}:sub`]: `system:serviceaccount:${namespace}:${sa}`, [`${issuer}:aud`]: 'sts.amazonaws.com' } },
    }],
  };
}

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
    roles: [
      { RoleName: 'mm-oob-files', trust: irsaTrust(accountId, 'mattermost', 'mm-oob'), inline: { files: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::oob-mattermost-files-${accountId}/*` }] } } },
      { RoleName: 'mm-oob-velero', trust: irsaTrust(accountId, 'velero', 'velero'), attached: [{ PolicyName: 'velero', PolicyArn: `arn:aws:iam::${accountId}:policy/velero` }] },
      { RoleName: 'mm-oob-nodes', trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }, attached: [{ PolicyName: 'AmazonEKSWorkerNodePolicy', PolicyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy' }] },
    ],
    iam: {
      policies: [{ PolicyName: 'velero', versions: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::oob-velero-backups-${accountId}`, `arn:aws:s3:::oob-velero-backups-${accountId}/*`] }] }] }],
      users: [{ UserName: 'break-glass', loginProfile: { PasswordResetRequired: false }, mfa: [`arn:aws:iam::${accountId}:mfa/break-glass`] }],
      oidcProviders: [{ url: `oidc.eks.eu-central-1.amazonaws.com/id/${accountId}`, clientIds: ['sts.amazonaws.com'], thumbprints: ['9e99a48a9960b14926bb7f3b02e22da2b0ab7280'] }],
    },
    eksAddons: { 'mm-oob': [{ addonName: 'vpc-cni', addonVersion: 'v1.19.0-eksbuild.1', status: 'ACTIVE', configurationValues: '{"enableNetworkPolicy":"true"}' }] },
    nodegroups: { 'mm-oob': [{ nodegroupName: 'system', nodeRole: `arn:aws:iam::${accountId}:role/mm-oob-nodes`, status: 'ACTIVE', launchTemplate: { id: 'lt-0abc', name: 'mm-oob-system', version: '1' } }] },
    accessEntries: { 'mm-oob': [{ principalArn: `arn:aws:iam::${accountId}:role/oob-break-glass`, type: 'STANDARD', policies: [{ policyArn: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }] }] },
    launchTemplateVersions: [{ LaunchTemplateId: 'lt-0abc', LaunchTemplateName: 'mm-oob-system', VersionNumber: 1, LaunchTemplateData: { MetadataOptions: { HttpTokens: 'required', HttpPutResponseHopLimit: 1 } } }],
    organization: { Id: 'o-oob1234567', Arn: `arn:aws:organizations::${accountId}:organization/o-oob1234567`, MasterAccountId: accountId, MasterAccountArn: `arn:aws:organizations::${accountId}:account/o-oob1234567/${accountId}`, FeatureSet: 'ALL' },
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
  const vaultId = armId(sub, 'rg-mm-oob', 'Microsoft.KeyVault/vaults', 'kv-mm-oob');
  const identityId = armId(sub, 'rg-mm-oob', 'Microsoft.ManagedIdentity/userAssignedIdentities', 'id-mm-files');
  const aksId = `${rg}/Microsoft.ContainerService/managedClusters/aks-mm-oob`;
  const routes: Record<string, ArmReply | ArmReply[]> = {
    ...emptyArmLists(sub),
    [`/subscriptions/${sub}/providers/Microsoft.KeyVault/vaults`]: page([keyVault(sub, 'rg-mm-oob', 'kv-mm-oob', TENANT, { enablePurgeProtection: true, enableRbacAuthorization: true, publicNetworkAccess: 'Disabled' })]),
    [`${vaultId}/keys`]: page([vaultKey(vaultId, 'etcd', rotationPolicy()), vaultKey(vaultId, 'backups', rotationPolicy())]),
    [`/subscriptions/${sub}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`]: page([userAssignedIdentity(sub, 'rg-mm-oob', 'id-mm-files', { principalId: 'aaaaaaaa-0000-4000-8000-000000000001', clientId: 'bbbbbbbb-0000-4000-8000-000000000001', tenantId: TENANT })]),
    [`${identityId}/federatedIdentityCredentials`]: page([federatedCredential(identityId, 'mattermost', 'https://westeurope.oic.prod-aks.azure.com/x/y/', 'system:serviceaccount:mattermost:mm-oob')]),
    [`/subscriptions/${sub}/providers/Microsoft.Authorization/roleAssignments`]: page([
      roleAssignment(sub, 'ra-files', `${rg}/Microsoft.Storage/storageAccounts/stoobfiles`, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', 'aaaaaaaa-0000-4000-8000-000000000001'),
    ]),
    [`/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/ba92f5b4-2d11-453d-a403-e96b0029c9fe`]: { body: roleDefinition(sub, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', 'Storage Blob Data Contributor') },
    [`/subscriptions/${sub}/providers/Microsoft.Insights/diagnosticSettings`]: page([diagnosticSetting(`/subscriptions/${sub}`, 'activity-to-law', ['Administrative', 'Security', 'Policy'])]),
    [`${aksId}/providers/Microsoft.Insights/diagnosticSettings`]: page([diagnosticSetting(aksId, 'aks-audit', ['kube-audit-admin', 'guard'])]),
    [`${vaultId}/providers/Microsoft.Insights/diagnosticSettings`]: page([diagnosticSetting(vaultId, 'kv-audit', ['group:audit'])]),
    [`/subscriptions/${sub}`]: { body: { id: `/subscriptions/${sub}`, subscriptionId: sub, tenantId: TENANT, displayName: `oob-${sub.slice(0, 4)}`, state: 'Enabled' } },
    [saList]: { body: { value: [sa('stoobbackups'), sa('stoobfiles')], nextLink: `${base}${saList}?api-version=2025-01-01&$skiptoken=page2` } },
    [`${saList}?$skiptoken=page2`]: { body: { value: [sa('stoobaudit')] } },
    [`/subscriptions/${sub}/providers/Microsoft.ContainerService/managedClusters`]: {
      body: { value: [{ id: aksId, name: 'aks-mm-oob', location: 'westeurope', properties: { kubernetesVersion: '1.31.2', enableRBAC: true, disableLocalAccounts: true, agentPoolProfiles: [{ name: 'system', mode: 'System', osType: 'Linux' }] } }] },
    },
  };
  for (const name of ['stoobbackups', 'stoobfiles', 'stoobaudit']) {
    const blob = `${rg}/Microsoft.Storage/storageAccounts/${name}/blobServices/default`;
    routes[blob] = { body: { id: blob, name: 'default', properties: { isVersioningEnabled: true, deleteRetentionPolicy: { enabled: true, days: 30 } } } };
    routes[`${blob}/providers/Microsoft.Insights/diagnosticSettings`] = page([diagnosticSetting(blob, 'blob-audit', ['StorageRead', 'StorageWrite', 'StorageDelete'])]);
  }
  return routes;
}

// ---- the servers -------------------------------------------------------------------------------

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

const toParent = process.send?.bind(process);
if (toParent) {
  let current: Servers | undefined;
  const reply = (m: ServerMessage): void => { toParent(m); };
  process.on('message', (m: ParentMessage) => {
    void (async () => {
      if ('start' in m) {
        current = await start(m.start);
        reply({ started: { awsEndpoint: `http://127.0.0.1:${current.awsProxy.port}`, armEndpoint: `https://127.0.0.1:${current.armProxy.port}`, ca: current.arm.ca } });
      } else if ('requests' in m && current) {
        reply({ requests: {
          aws: current.aws.requests.map((r) => ({ accessKeyId: r.accessKeyId, region: r.region, service: r.service, request: r.request, attempt: r.attempt })),
          arm: current.arm.requests.map((r) => ({ method: r.method, url: r.url })),
        } });
      } else if ('stop' in m) {
        if (current) await stop(current);
        current = undefined;
        reply({ stopped: true });
        process.disconnect?.();
      }
    })();
  });
}
