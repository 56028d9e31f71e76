import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AzureAuthorityHosts } from '@azure/identity';
import { AZURE_CLOUDS, AZURE_CLOUD_NAMES, resolveAzureCloud } from '../src/collectors/azure-live/cloud.ts';
import { AZURE_LIVE_COLLECTIONS, collectAzure, defaultCredentialOptions, type AzureLiveResult, type TokenCredential } from '../src/collectors/azure-live/collect.ts';
import { defaultConfig } from '../src/config/config.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import type { Finding } from '../src/engine/types.ts';
import { emptySnapshot } from '../src/model/snapshot.ts';
import { loadRules } from '../src/run.ts';
import { VERSION } from '../src/version.ts';
import { armError, emptyArmLists, startArmApi, type ArmReply, type FakeArm } from './helpers/arm-api-server.ts';
import { runCli } from './helpers/cli.ts';
import { FIXED_NOW, scanFiles } from './helpers/scan.ts';

const SUB = '7c1d2e3f-0a4b-4c5d-8e9f-112233445566';
const TENANT = '0f0e0d0c-1111-2222-3333-444455556666';
const RG = 'rg-mm-oob';
const SA_LIST = `/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts`;
const AKS_LIST = `/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`;
const saId = (name: string): string => `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/${name}`;
const blobPath = (name: string): string => `${saId(name)}/blobServices/default`;
const AKS_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/aks-mm-oob`;

/** An explicit credential: no DefaultAzureCredential, no managed identity, no network. */
const credential: TokenCredential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

function account(name: string, props: Record<string, unknown>, sku = 'Standard_GZRS'): Record<string, unknown> {
  return {
    id: saId(name), name, type: 'Microsoft.Storage/storageAccounts', location: 'westeurope', kind: 'StorageV2',
    sku: { name: sku, tier: 'Standard' }, tags: { env: 'oob' },
    properties: {
      provisioningState: 'Succeeded', creationTime: '2025-03-01T10:00:00.0000000Z',
      encryption: { keySource: 'Microsoft.Storage', services: { blob: { enabled: true, keyType: 'Account' } } },
      networkAcls: { bypass: 'AzureServices', virtualNetworkRules: [], ipRules: [], defaultAction: 'Allow' },
      ...props,
    },
  };
}

function blobService(name: string, props: Record<string, unknown>): ArmReply {
  return {
    body: {
      id: blobPath(name), name: 'default', type: 'Microsoft.Storage/storageAccounts/blobServices',
      sku: { name: 'Standard_GZRS', tier: 'Standard' }, properties: { cors: { corsRules: [] }, ...props },
    },
  };
}

function routes(url: () => string): Record<string, ArmReply | ArmReply[]> {
  const noSettings = { body: { value: [] } };
  return {
    // Every other collection is empty; no diagnostic setting on the accounts and the cluster.
    ...emptyArmLists(SUB),
    ...Object.fromEntries([...['stmmoobbackups', 'stmmoobscratch', 'stmmoobaudit'].map(blobPath), AKS_ID].map((t) => [`${t}/providers/Microsoft.Insights/diagnosticSettings`, noSettings])),
    [`/subscriptions/${SUB}`]: {
      body: { id: `/subscriptions/${SUB}`, subscriptionId: SUB, tenantId: TENANT, displayName: 'mm-oob', state: 'Enabled', authorizationSource: 'RoleBased' },
    },
    [SA_LIST]: {
      body: {
        value: [
          account('stmmoobbackups', {
            supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false, allowSharedKeyAccess: false,
            publicNetworkAccess: 'Disabled', networkAcls: { bypass: 'None', virtualNetworkRules: [], ipRules: [], defaultAction: 'Deny' },
            encryption: { keySource: 'Microsoft.Storage', requireInfrastructureEncryption: true, services: { blob: { enabled: true } } },
          }),
          account('stmmoobscratch', { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_0', allowBlobPublicAccess: true }, 'Standard_LRS'),
        ],
        // Absolute nextLink on the same server, as ARM sends it.
        nextLink: `${url()}${SA_LIST}?api-version=2025-01-01&$skiptoken=page2`,
      },
    },
    [`${SA_LIST}?$skiptoken=page2`]: {
      body: { value: [account('stmmoobaudit', { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false })] },
    },
    [blobPath('stmmoobbackups')]: [
      armError(429, 'TooManyRequests', 'Too many requests', { 'retry-after': '0' }),
      blobService('stmmoobbackups', {
        isVersioningEnabled: true, changeFeed: { enabled: true },
        deleteRetentionPolicy: { enabled: true, days: 30, allowPermanentDelete: false },
        containerDeleteRetentionPolicy: { enabled: true, days: 30 },
      }),
    ],
    [blobPath('stmmoobscratch')]: blobService('stmmoobscratch', { deleteRetentionPolicy: { enabled: false, allowPermanentDelete: false } }),
    [blobPath('stmmoobaudit')]: armError(403, 'AuthorizationFailed',
      `The client 'oobguard-scan' with object id '1234' does not have authorization to perform action 'Microsoft.Storage/storageAccounts/blobServices/read' over scope '${blobPath('stmmoobaudit')}' or the scope is invalid.`),
    [AKS_LIST]: {
      body: {
        value: [{
          id: AKS_ID, name: 'aks-mm-oob', type: 'Microsoft.ContainerService/ManagedClusters', location: 'westeurope',
          sku: { name: 'Base', tier: 'Standard' },
          properties: {
            provisioningState: 'Succeeded', kubernetesVersion: '1.31.2', enableRBAC: true, disableLocalAccounts: true,
            aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: ['aaaa-bbbb'], tenantID: TENANT },
            apiServerAccessProfile: { enablePrivateCluster: true, enablePrivateClusterPublicFQDN: false, disableRunCommand: true },
            oidcIssuerProfile: { enabled: true, issuerURL: 'https://westeurope.oic.prod-aks.azure.com/x/y/' },
            securityProfile: { workloadIdentity: { enabled: true } },
            networkProfile: { networkPlugin: 'azure', networkPluginMode: 'overlay', networkPolicy: 'cilium', networkDataplane: 'cilium', outboundType: 'userDefinedRouting' },
            autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'NodeImage' },
            addonProfiles: { omsAgent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: '/subscriptions/x/resourceGroups/y/providers/Microsoft.OperationalInsights/workspaces/law' } } },
            agentPoolProfiles: [
              { name: 'system', mode: 'System', osType: 'Linux', osSKU: 'AzureLinux', vmSize: 'Standard_D4s_v5', enableEncryptionAtHost: true, nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'] },
              { name: 'user', mode: 'User', osType: 'Linux', vmSize: 'Standard_D8s_v5' },
            ],
          },
        }],
      },
    },
  };
}

let arm: FakeArm;
let result: AzureLiveResult;

beforeAll(async () => {
  process.env['NO_PROXY'] = '127.0.0.1';
  let base = '';
  arm = await startArmApi(routes(() => base));
  base = arm.url;
  // The nextLink is built lazily: re-register page 1 with the real port.
  arm.routes.set(SA_LIST, [routes(() => base)[SA_LIST] as ArmReply]);
  result = await collectAzure({ subscriptionId: SUB, credential, endpoint: arm.url, tlsCa: arm.ca });
});

afterAll(async () => {
  await arm.close();
});

describe('collectAzure against a local ARM (https, private CA)', () => {
  it('reads the subscription into an AzureScope with callerSubscriptionId', () => {
    expect(result.azure.providers).toEqual([expect.objectContaining({
      kind: 'AzureProvider', subscriptionId: SUB, tenantId: TENANT, callerSubscriptionId: SUB, origin: 'live', address: '',
      resourceId: `/subscriptions/${SUB}`, source: { file: `oobguard-live/azure/${SUB}`, line: 1, ref: `/subscriptions/${SUB}` },
    })]);
    expect(arm.requests.every((r) => r.authorization === 'Bearer test-token')).toBe(true);
  });

  it('lists storage accounts across nextLink pages with the same fields as Terraform', () => {
    const byName = Object.fromEntries(result.azure.storage.accounts.map((a) => [a.name, a]));
    expect(Object.keys(byName)).toEqual(['stmmoobbackups', 'stmmoobscratch', 'stmmoobaudit']);
    expect(byName['stmmoobbackups']).toMatchObject({
      kind: 'StorageAccount', resourceGroup: RG, location: 'westeurope', skuName: 'Standard_GZRS', replicationType: 'GZRS',
      supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false, allowSharedKeyAccess: false,
      publicNetworkAccess: 'Disabled', networkDefaultAction: 'Deny', infrastructureEncryption: true, subscriptionId: SUB,
      blob: { isVersioningEnabled: true, deleteRetentionDays: 30, containerDeleteRetentionDays: 30, changeFeedEnabled: true },
      origin: 'live', address: '', resourceId: saId('stmmoobbackups'),
      source: { file: `oobguard-live/azure/${SUB}`, line: 1, ref: saId('stmmoobbackups') },
    });
    expect(byName['stmmoobscratch']).toMatchObject({
      minimumTlsVersion: 'TLS1_0', allowBlobPublicAccess: true, allowSharedKeyAccess: true, publicNetworkAccess: 'Enabled', networkDefaultAction: 'Allow',
      infrastructureEncryption: false, blob: { isVersioningEnabled: false, deleteRetentionDays: null, containerDeleteRetentionDays: null },
    });
    expect(byName['stmmoobscratch']?.unknown?.['blob.isVersioningEnabled']).toBeUndefined();
  });

  it('a 429 with Retry-After: 0 is retried inside one call', () => {
    expect(arm.requests.filter((r) => r.path === blobPath('stmmoobbackups'))).toHaveLength(2);
    // subscription, 2 list pages (one call), 3 blob services, AKS list = 6 calls; 1 failed (the 403). Then 9 empty
    // lists of the other collections and 5 diagnostic-setting lists (subscription, 3 blob services, the cluster).
    expect(result.coverage).toMatchObject({ source: 'azure', scope: SUB, calls: 20, failedCalls: 1, gaps: [] });
  });

  it('a 403 on blob service properties makes only that account\'s blob fields unknown, naming the permission', () => {
    const audit = result.azure.storage.accounts.find((a) => a.name === 'stmmoobaudit');
    expect(audit?.blob.isVersioningEnabled).toBeNull();
    const why = audit?.unknown?.['blob.isVersioningEnabled'] ?? '';
    expect(why).toContain('AuthorizationFailed (HTTP 403)');
    expect(why).toContain('Microsoft.Storage/storageAccounts/blobServices/read');
    expect(audit?.minimumTlsVersion).toBe('TLS1_2');
  });

  it('reads AKS clusters and their node pools', () => {
    expect(result.azure.aks.clusters).toHaveLength(1);
    expect(result.azure.aks.clusters[0]).toMatchObject({
      kind: 'AksCluster', name: 'aks-mm-oob', resourceGroup: RG, kubernetesVersion: '1.31.2', skuTier: 'Standard', enableRBAC: true, disableLocalAccounts: true,
      aadProfile: { managed: true, enableAzureRBAC: true, tenantID: TENANT, adminGroupObjectIDs: ['aaaa-bbbb'] },
      apiServerAccessProfile: { authorizedIPRanges: [], enablePrivateCluster: true, enablePrivateClusterPublicFQDN: false, disableRunCommand: true, enableVnetIntegration: false },
      oidcIssuerProfile: { enabled: true, issuerURL: 'https://westeurope.oic.prod-aks.azure.com/x/y/' },
      securityProfile: { workloadIdentity: { enabled: true }, azureKeyVaultKms: { enabled: false } },
      networkProfile: { networkPlugin: 'azure', networkPolicy: 'cilium', networkDataPlane: 'cilium', networkPluginMode: 'overlay', outboundType: 'userDefinedRouting' },
      autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'NodeImage' },
      addonProfiles: { omsagent: { enabled: true }, azurepolicy: { enabled: false } },
      resourceId: AKS_ID, source: { ref: AKS_ID },
    });
    expect(result.azure.aks.agentPools.map((p) => [p.name, p.mode, p.osSKU, p.enableEncryptionAtHost])).toEqual([
      ['system', 'System', 'AzureLinux', true], ['user', 'User', 'Ubuntu', false],
    ]);
  });
});

describe('failures', () => {
  it('a failed subscription GET leaves a gap on every collection and attempts nothing else', async () => {
    const denied = await startArmApi({ [`/subscriptions/${SUB}`]: armError(403, 'AuthorizationFailed', 'no access') });
    try {
      const r = await collectAzure({ subscriptionId: SUB, credential, endpoint: denied.url, tlsCa: denied.ca });
      expect(denied.requests).toHaveLength(1);
      expect(r.azure.providers).toEqual([]);
      expect(r.coverage.gaps.map((g) => g.collection)).toEqual([...AZURE_LIVE_COLLECTIONS]);
      expect(r.coverage.gaps[0]).toMatchObject({ error: 'AuthorizationFailed (HTTP 403)', scope: SUB });
    } finally {
      await denied.close();
    }
  });

  it('a list that never answers times out into a gap; the rest of the subscription is still read', async () => {
    const r = routes(() => '');
    const hung = await startArmApi({ ...r, [AKS_LIST]: { body: null, hang: true } });
    try {
      const res = await collectAzure({ subscriptionId: SUB, credential, endpoint: hung.url, tlsCa: hung.ca, requestTimeoutMs: 300, maxRetries: 0 });
      expect(res.coverage.gaps.map((g) => [g.collection, g.api, g.error])).toEqual([
        ['azure.aks.clusters', 'ManagedClusters_List', 'RequestTimeout'], ['azure.aks.agentPools', 'ManagedClusters_List', 'RequestTimeout'],
      ]);
      expect(res.azure.storage.accounts.length).toBeGreaterThan(0);
    } finally {
      await hung.close();
    }
  });

  it('a failed storage list is a gap on azure.storage.accounts; rules on it are unknown', async () => {
    const r = routes(() => '');
    const denied = await startArmApi({ ...r, [SA_LIST]: armError(403, 'AuthorizationFailed', 'no access') });
    try {
      const res = await collectAzure({ subscriptionId: SUB, credential, endpoint: denied.url, tlsCa: denied.ca });
      expect(res.coverage.gaps).toEqual([{
        collection: 'azure.storage.accounts', scope: SUB, api: 'StorageAccounts_List', error: 'AuthorizationFailed (HTTP 403)', permission: 'Microsoft.Storage/storageAccounts/read',
      }]);
      expect(res.azure.aks.clusters).toHaveLength(1);
      const snapshot = emptySnapshot(VERSION, FIXED_NOW);
      snapshot.azure.storage = res.azure.storage;
      snapshot.coverage = [res.coverage];
      const { rules } = await loadRules({ cwd: process.cwd() });
      const report = evaluate({ rules, snapshot, config: defaultConfig(), now: FIXED_NOW });
      expect(report.findings.find((f) => f.ruleId === 'OOB-BKP-004.storage')).toMatchObject({ status: 'unknown', objectKind: 'Coverage' });
    } finally {
      await denied.close();
    }
  });
});

describe('the same rules judge live and Terraform storage accounts alike', () => {
  const TF = `
provider "azurerm" {
  features {}
  subscription_id = "${SUB}"
}
resource "azurerm_storage_account" "backups" {
  name                              = "stmmoobbackups"
  resource_group_name               = "${RG}"
  location                          = "westeurope"
  account_tier                      = "Standard"
  account_replication_type          = "GZRS"
  min_tls_version                   = "TLS1_2"
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = false
  public_network_access_enabled     = false
  infrastructure_encryption_enabled = true
  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 30
    }
    container_delete_retention_policy {
      days = 30
    }
  }
}
resource "azurerm_storage_account" "scratch" {
  name                            = "stmmoobscratch"
  resource_group_name             = "${RG}"
  location                        = "westeurope"
  account_tier                    = "Standard"
  account_replication_type        = "LRS"
  min_tls_version                 = "TLS1_0"
  allow_nested_items_to_be_public = true
}
`;

  function statuses(findings: Finding[], ruleId: string): Record<string, string> {
    return Object.fromEntries(findings.filter((f) => f.ruleId === ruleId && f.objectKind === 'StorageAccount').map((f) => [f.objectName, f.status]));
  }

  it('OOB-BKP-004.storage and ZT-ENC-006.storage', async () => {
    const snapshot = emptySnapshot(VERSION, FIXED_NOW);
    snapshot.azure.providers = result.azure.providers;
    snapshot.azure.storage = result.azure.storage;
    snapshot.azure.aks = result.azure.aks;
    snapshot.coverage = [result.coverage];
    const { rules } = await loadRules({ cwd: process.cwd() });
    const live = evaluate({ rules, snapshot, config: defaultConfig(), now: FIXED_NOW });
    const tf = await scanFiles({ 'main.tf': TF });

    expect(statuses(live.findings, 'OOB-BKP-004.storage')).toEqual({ stmmoobbackups: 'pass', stmmoobscratch: 'fail', stmmoobaudit: 'unknown' });
    expect(statuses(tf.report.findings, 'OOB-BKP-004.storage')).toEqual({ stmmoobbackups: 'pass', stmmoobscratch: 'fail' });
    expect(statuses(live.findings, 'ZT-ENC-006.storage')).toEqual({ stmmoobbackups: 'pass', stmmoobscratch: 'fail', stmmoobaudit: 'pass' });
    expect(statuses(tf.report.findings, 'ZT-ENC-006.storage')).toEqual({ stmmoobbackups: 'pass', stmmoobscratch: 'fail' });
    const audit = live.findings.find((f) => f.ruleId === 'OOB-BKP-004.storage' && f.objectName === 'stmmoobaudit');
    expect(audit?.reasons?.join(' ')).toContain('Microsoft.Storage/storageAccounts/blobServices/read');
    const scratch = live.findings.find((f) => f.ruleId === 'OOB-BKP-004.storage' && f.objectName === 'stmmoobscratch');
    expect(scratch).toMatchObject({ source: { file: `oobguard-live/azure/${SUB}`, line: 1, ref: saId('stmmoobscratch') } });
  });
});

/** A credential that records the scopes each token is asked for. */
function scopeRecorder(): { credential: TokenCredential; scopes: string[][] } {
  const scopes: string[][] = [];
  return {
    scopes,
    credential: {
      getToken: async (s: string | string[]) => {
        scopes.push(typeof s === 'string' ? [s] : [...s]);
        return { token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    },
  };
}

describe('Azure clouds', () => {
  it('each named cloud has its ARM endpoint, token scope and the @azure/identity authority host', () => {
    expect(AZURE_CLOUD_NAMES).toEqual(['AzurePublicCloud', 'AzureUSGovernment', 'AzureChinaCloud']);
    const got = (name: string) => {
      const r = resolveAzureCloud(name, {});
      if (!r.ok) throw new Error(r.error);
      return r.cloud;
    };
    expect(got('AzurePublicCloud')).toMatchObject({
      resourceManagerEndpoint: 'https://management.azure.com', tokenScope: 'https://management.azure.com/.default', authorityHost: AzureAuthorityHosts.AzurePublicCloud,
    });
    expect(got('AzureUSGovernment')).toMatchObject({
      resourceManagerEndpoint: 'https://management.usgovcloudapi.net', tokenScope: 'https://management.usgovcloudapi.net/.default', authorityHost: AzureAuthorityHosts.AzureGovernment,
    });
    expect(got('AzureChinaCloud')).toMatchObject({
      resourceManagerEndpoint: 'https://management.chinacloudapi.cn', tokenScope: 'https://management.chinacloudapi.cn/.default', authorityHost: AzureAuthorityHosts.AzureChina,
    });
    // The named cloud wins over custom-cloud variables; no flag and no variables is the public cloud.
    expect(resolveAzureCloud('AzureUSGovernment', { AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://127.0.0.1:1' })).toEqual({ ok: true, cloud: AZURE_CLOUDS.AzureUSGovernment });
    expect(resolveAzureCloud(undefined, {})).toEqual({ ok: true, cloud: AZURE_CLOUDS.AzurePublicCloud });
    expect(defaultCredentialOptions(AZURE_CLOUDS.AzureChinaCloud)).toEqual({ authorityHost: AzureAuthorityHosts.AzureChina });
  });

  it('a custom cloud comes from AZURE_RESOURCE_MANAGER_ENDPOINT, AZURE_AUTHORITY_HOST and AZURE_GRAPH_ENDPOINT', () => {
    expect(resolveAzureCloud(undefined, {
      AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.oob.example/', AZURE_AUTHORITY_HOST: 'https://login.oob.example', AZURE_GRAPH_ENDPOINT: 'https://graph.oob.example',
    })).toEqual({
      ok: true,
      cloud: {
        name: 'AzureCustomCloud', resourceManagerEndpoint: 'https://management.oob.example', authorityHost: 'https://login.oob.example',
        graphEndpoint: 'https://graph.oob.example', tokenScope: 'https://management.oob.example/.default',
      },
    });
    expect(resolveAzureCloud(undefined, { AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.oob.example' }))
      .toEqual({ ok: false, error: expect.stringContaining('AZURE_AUTHORITY_HOST') });
    expect(resolveAzureCloud(undefined, { AZURE_RESOURCE_MANAGER_ENDPOINT: 'http://management.oob.example', AZURE_AUTHORITY_HOST: 'https://login.oob.example' }))
      .toEqual({ ok: false, error: expect.stringContaining('https') });
  });

  it('requests go to the custom cloud\'s endpoint with a token for its scope', async () => {
    const r = routes(() => '');
    const sovereign = await startArmApi({ [`/subscriptions/${SUB}`]: r[`/subscriptions/${SUB}`]!, ...emptyArmLists(SUB) });
    try {
      const cloud = resolveAzureCloud(undefined, { AZURE_RESOURCE_MANAGER_ENDPOINT: sovereign.url, AZURE_AUTHORITY_HOST: 'https://127.0.0.1:1' });
      if (!cloud.ok) throw new Error(cloud.error);
      const rec = scopeRecorder();
      // No endpoint option: the cloud alone decides where requests go.
      const res = await collectAzure({ subscriptionId: SUB, credential: rec.credential, cloud: cloud.cloud, tlsCa: sovereign.ca });
      expect(res.coverage.gaps).toEqual([]);
      expect(sovereign.requests.map((q) => q.path.toLowerCase()).sort()).toEqual([...Object.keys(emptyArmLists(SUB)), `/subscriptions/${SUB}`].map((p) => p.toLowerCase()).sort());
      expect(sovereign.requests.every((q) => q.authorization === 'Bearer test-token')).toBe(true);
      expect(rec.scopes.length).toBeGreaterThan(0);
      expect(new Set(rec.scopes.flat())).toEqual(new Set([`${sovereign.url}/.default`]));
    } finally {
      await sovereign.close();
    }
  });

  it('a named sovereign cloud asks for its own scope, not the public cloud\'s', async () => {
    const r = routes(() => '');
    const local = await startArmApi({ [`/subscriptions/${SUB}`]: r[`/subscriptions/${SUB}`]!, ...emptyArmLists(SUB) });
    try {
      const rec = scopeRecorder();
      await collectAzure({ subscriptionId: SUB, credential: rec.credential, cloud: AZURE_CLOUDS.AzureUSGovernment, endpoint: local.url, tlsCa: local.ca });
      expect(new Set(rec.scopes.flat())).toEqual(new Set(['https://management.usgovcloudapi.net/.default']));
    } finally {
      await local.close();
    }
  });

  it('an unknown --azure-cloud is a usage error naming the valid clouds; nothing is read', async () => {
    const bad = await runCli(['collect', '--azure', '--subscription', SUB, '--azure-cloud', 'AzureGermanCloud'], { cwd: process.cwd(), env: {} });
    expect(bad.code).toBe(3);
    for (const name of AZURE_CLOUD_NAMES) expect(bad.stderr).toContain(name);
    const partial = await runCli(['collect', '--azure', '--subscription', SUB], { cwd: process.cwd(), env: { AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.oob.example' } });
    expect(partial.code).toBe(3);
    expect(partial.stderr).toContain('AZURE_AUTHORITY_HOST');
  });
});
