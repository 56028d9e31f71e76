/**
 * Live Azure identity and key management against a local ARM: key vaults and key metadata,
 * user-assigned identities and federated credentials, role assignments with their role
 * definitions, and diagnostic settings joined onto the cluster and the subscription — judged by
 * the same rules as Terraform, with every failure named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAzure, type AzureLiveResult } from '../src/collectors/azure-live/collect.ts';
import { armError, emptyArmLists, startArmApi, type ArmReply, type FakeArm } from './helpers/arm-api-server.ts';
import {
  armId, diagnosticSetting, federatedCredential, keyVault, page, roleAssignment, roleDefinition, rotationPolicy, userAssignedIdentity, vaultKey,
} from './helpers/arm-resources.ts';
import { credential, judgeLive, statusesOf } from './helpers/azure-live-eval.ts';

const SUB = 'dddddddd-2222-4333-8444-555555555555';
const TENANT = 'bbbbbbbb-2222-4333-8444-555555555555';
const RG = 'rg-mm-oob';
const P = `/subscriptions/${SUB}/providers`;
const ISSUER = `https://westeurope.oic.prod-aks.azure.com/${TENANT}/6f1e2d3c-0000-4000-8000-aaaaaaaaaaaa/`;
const AKS_ID = armId(SUB, RG, 'Microsoft.ContainerService/managedClusters', 'aks-mm-oob');
const KV = armId(SUB, RG, 'Microsoft.KeyVault/vaults', 'kv-mm-oob');
const KV_LEGACY = armId(SUB, RG, 'Microsoft.KeyVault/vaults', 'kv-mm-legacy');
const SA = armId(SUB, RG, 'Microsoft.Storage/storageAccounts', 'stmmoobfiles');
const idId = (name: string): string => armId(SUB, RG, 'Microsoft.ManagedIdentity/userAssignedIdentities', name);
const ROLE = { blobContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe', contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c', cryptoUser: 'e147488a-f6f5-4113-8e2d-b22465e65bf6', reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' };
const roleDefPath = (guid: string): string => `${P}/Microsoft.Authorization/roleDefinitions/${guid}`;
const principal = (n: number): string => `9a9a9a9a-0000-4000-8000-00000000000${n}`;

const cluster = {
  id: AKS_ID, name: 'aks-mm-oob', type: 'Microsoft.ContainerService/ManagedClusters', location: 'westeurope', sku: { name: 'Base', tier: 'Standard' },
  properties: {
    provisioningState: 'Succeeded', kubernetesVersion: '1.33.1', enableRBAC: true, disableLocalAccounts: true,
    oidcIssuerProfile: { enabled: true, issuerURL: ISSUER }, securityProfile: { workloadIdentity: { enabled: true } },
    agentPoolProfiles: [{ name: 'system', mode: 'System', osType: 'Linux', osSKU: 'AzureLinux', vmSize: 'Standard_D4ds_v5' }],
  },
};

function routes(url: () => string): Record<string, ArmReply | ArmReply[]> {
  return {
    ...emptyArmLists(SUB),
    [`/subscriptions/${SUB}`]: { body: { id: `/subscriptions/${SUB}`, subscriptionId: SUB, tenantId: TENANT, displayName: 'mm-oob', state: 'Enabled' } },
    [`${P}/Microsoft.ContainerService/managedClusters`]: page([cluster]),
    [`${AKS_ID}/providers/Microsoft.Insights/diagnosticSettings`]: page([diagnosticSetting(AKS_ID, 'aks-audit', ['kube-audit-admin', 'guard'])]),
    [`${P}/Microsoft.Insights/diagnosticSettings`]: page([diagnosticSetting(`/subscriptions/${SUB}`, 'activity-log', ['Administrative', 'Security', 'Policy', 'Alert'])]),
    [`${P}/Microsoft.KeyVault/vaults`]: page([
      keyVault(SUB, RG, 'kv-mm-oob', TENANT, { enablePurgeProtection: true, enableRbacAuthorization: true, publicNetworkAccess: 'Disabled', networkAcls: { bypass: 'AzureServices', defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] } }),
      keyVault(SUB, RG, 'kv-mm-legacy', TENANT, { softDeleteRetentionInDays: 7, accessPolicies: [{ tenantId: TENANT, objectId: principal(9), permissions: { secrets: ['get', 'list'] } }] }),
    ]),
    // Keys: two pages; the second page's keys carry no rotation policy in the list, so each is read once.
    [`${KV}/keys`]: page([vaultKey(KV, 'aks-etcd', rotationPolicy())], `${url()}${KV}/keys?api-version=2024-11-01&$skiptoken=k2`),
    [`${KV}/keys?$skiptoken=k2`]: page([vaultKey(KV, 'backup-storage'), vaultKey(KV, 'postgres')]),
    [`${KV}/keys/backup-storage`]: { body: vaultKey(KV, 'backup-storage', rotationPolicy('P60D')) },
    [`${KV}/keys/postgres`]: { body: vaultKey(KV, 'postgres') },
    [`${KV_LEGACY}/keys`]: armError(403, 'AuthorizationFailed', `The client 'oobguard-scan' with object id '1234' does not have authorization to perform action 'Microsoft.KeyVault/vaults/keys/read' over scope '${KV_LEGACY}/keys'.`),
    [`${KV}/providers/Microsoft.Insights/diagnosticSettings`]: page([diagnosticSetting(KV, 'kv-audit', ['AuditEvent'])]),
    [`${KV_LEGACY}/providers/Microsoft.Insights/diagnosticSettings`]: page([]),
    [`${P}/Microsoft.ManagedIdentity/userAssignedIdentities`]: page([
      userAssignedIdentity(SUB, RG, 'id-mattermost', { principalId: principal(1), clientId: 'c1c1c1c1-0000-4000-8000-000000000001', tenantId: TENANT }),
      userAssignedIdentity(SUB, RG, 'id-velero', { principalId: principal(2), clientId: 'c1c1c1c1-0000-4000-8000-000000000002', tenantId: TENANT }),
      userAssignedIdentity(SUB, RG, 'id-postgres-cmk', { principalId: principal(3), clientId: 'c1c1c1c1-0000-4000-8000-000000000003', tenantId: TENANT }),
      userAssignedIdentity(SUB, RG, 'id-batch', { principalId: principal(4), clientId: 'c1c1c1c1-0000-4000-8000-000000000004', tenantId: TENANT }),
    ]),
    [`${idId('id-mattermost')}/federatedIdentityCredentials`]: page([federatedCredential(idId('id-mattermost'), 'mattermost', ISSUER, 'system:serviceaccount:mattermost:mattermost')]),
    [`${idId('id-velero')}/federatedIdentityCredentials`]: page([federatedCredential(idId('id-velero'), 'velero', ISSUER, 'system:serviceaccount:velero:velero')]),
    [`${idId('id-postgres-cmk')}/federatedIdentityCredentials`]: page([]),
    [`${idId('id-batch')}/federatedIdentityCredentials`]: armError(403, 'AuthorizationFailed', 'no access to federatedIdentityCredentials'),
    [`${P}/Microsoft.Authorization/roleAssignments`]: page([
      roleAssignment(SUB, 'a0000001-0000-4000-8000-000000000001', `${SA}/blobServices/default/containers/mattermost`, ROLE.blobContributor, principal(1)),
      roleAssignment(SUB, 'a0000001-0000-4000-8000-000000000002', `/subscriptions/${SUB}`, ROLE.contributor, principal(2)),
    ], `${url()}${P}/Microsoft.Authorization/roleAssignments?api-version=2022-04-01&$skiptoken=r2`),
    [`${P}/Microsoft.Authorization/roleAssignments?$skiptoken=r2`]: page([
      roleAssignment(SUB, 'a0000001-0000-4000-8000-000000000003', KV, ROLE.cryptoUser, principal(3)),
      roleAssignment(SUB, 'a0000001-0000-4000-8000-000000000004', `/subscriptions/${SUB}/resourceGroups/${RG}`, ROLE.reader, principal(4)),
      roleAssignment(SUB, 'a0000001-0000-4000-8000-000000000005', `${SA}/blobServices/default/containers/exports`, ROLE.blobContributor, principal(1)),
      roleAssignment(SUB, 'a0000001-0000-4000-8000-000000000006', `/subscriptions/${SUB}`, ROLE.reader, 'b0b0b0b0-0000-4000-8000-000000000007', 'Group'),
    ]),
    [roleDefPath(ROLE.blobContributor)]: [armError(429, 'TooManyRequests', 'Too many requests', { 'retry-after': '0' }), { body: roleDefinition(SUB, ROLE.blobContributor, 'Storage Blob Data Contributor') }],
    [roleDefPath(ROLE.contributor)]: { body: roleDefinition(SUB, ROLE.contributor, 'Contributor') },
    [roleDefPath(ROLE.cryptoUser)]: { body: roleDefinition(SUB, ROLE.cryptoUser, 'Key Vault Crypto Service Encryption User') },
    [roleDefPath(ROLE.reader)]: armError(403, 'AuthorizationFailed', 'no access to roleDefinitions'),
  };
}

let arm: FakeArm;
let result: AzureLiveResult;

beforeAll(async () => {
  process.env['NO_PROXY'] = '127.0.0.1';
  let base = '';
  arm = await startArmApi(routes(() => base));
  base = arm.url;
  // The nextLinks are built lazily: re-register the routes with the real port.
  for (const [k, v] of Object.entries(routes(() => base))) arm.routes.set(k, Array.isArray(v) ? [...v] : [v]);
  result = await collectAzure({ subscriptionId: SUB, credential, endpoint: arm.url, tlsCa: arm.ca });
});

afterAll(async () => {
  await arm.close();
});

const requestsTo = (path: string): number => arm.requests.filter((r) => r.path.toLowerCase() === path.toLowerCase()).length;

describe('key vaults and keys', () => {
  it('reads vaults with the Terraform adapter\'s fields and defaults', () => {
    expect(result.azure.keyVaults.vaults.map((v) => [v.name, v.enablePurgeProtection, v.enableRbacAuthorization, v.softDeleteRetentionInDays, v.publicNetworkAccess, v.networkAclsDefaultAction])).toEqual([
      ['kv-mm-oob', true, true, 90, 'Disabled', 'Deny'],
      ['kv-mm-legacy', false, false, 7, 'Enabled', 'Allow'],
    ]);
    expect(result.azure.keyVaults.vaults[1]).toMatchObject({ kind: 'KeyVault', origin: 'live', address: '', resourceId: KV_LEGACY, tenantId: TENANT, resourceGroup: RG, source: { ref: KV_LEGACY } });
  });

  it('a live key vault without purge protection fails OOB-SEC-003 naming its ARM id', async () => {
    const findings = await judgeLive(result);
    expect(statusesOf(findings, 'OOB-SEC-003.key-vault')).toEqual({ 'kv-mm-oob': 'pass', 'kv-mm-legacy': 'fail' });
    const legacy = findings.filter((f) => f.ruleId === 'OOB-SEC-003.key-vault' && f.objectName === 'kv-mm-legacy');
    expect(legacy.map((f) => f.message)).toEqual([
      `key vault kv-mm-legacy (${KV_LEGACY}) can be purged (purge_protection_enabled is not true); key vault kv-mm-legacy (${KV_LEGACY}) uses access policies instead of Azure RBAC`,
    ]);
    expect(legacy[0]?.source).toMatchObject({ file: `oobguard-live/azure/${SUB}`, ref: KV_LEGACY });
  });

  it('pages keys by nextLink and reads a key once more only when the list omits its rotation policy', async () => {
    expect(result.azure.keyVaults.keys.map((k) => [k.name, k.vaultName, k.keyType, k.rotationPolicy?.lifetimeActions.map((a) => `${a.action}:${a.timeBeforeExpiry}`) ?? null])).toEqual([
      ['aks-etcd', 'kv-mm-oob', 'RSA-HSM', ['Rotate:P30D', 'Notify:P29D']],
      ['backup-storage', 'kv-mm-oob', 'RSA-HSM', ['Rotate:P60D', 'Notify:P29D']],
      ['postgres', 'kv-mm-oob', 'RSA-HSM', null],
    ]);
    expect(result.azure.keyVaults.keys[0]?.rotationPolicy?.expiryTime).toBe('P400D');
    expect([requestsTo(`${KV}/keys/aks-etcd`), requestsTo(`${KV}/keys/backup-storage`), requestsTo(`${KV}/keys/postgres`)]).toEqual([0, 1, 1]);
    // Key metadata only: nothing of the key's material or URI versions leaks into the model.
    expect(JSON.stringify(result.azure.keyVaults.keys)).not.toContain('3c1f0e2d4b5a69788796a5b4c3d2e1f0');
    const findings = await judgeLive(result);
    expect(statusesOf(findings, 'OOB-SEC-003.key-vault-key')).toEqual({
      'aks-etcd': 'pass', 'backup-storage': 'pass', postgres: 'fail', 'coverage:azure.keyVaults.keys': 'unknown',
    });
  });

  it('a 403 on one vault\'s keys is a gap naming the vault and Microsoft.KeyVault/vaults/keys/read', () => {
    expect(result.coverage.gaps.filter((g) => g.collection === 'azure.keyVaults.keys')).toEqual([{
      collection: 'azure.keyVaults.keys', scope: SUB, api: `Keys_List of key vault ${KV_LEGACY}`, error: 'AuthorizationFailed (HTTP 403)', permission: 'Microsoft.KeyVault/vaults/keys/read',
    }]);
  });
});

describe('managed identities, federated credentials and role assignments', () => {
  it('joins each credential to its identity\'s client id and to the AKS cluster whose issuer it trusts', () => {
    expect(result.azure.identity.userAssigned.map((i) => [i.name, i.principalId, i.federatedCredentials])).toEqual([
      ['id-mattermost', principal(1), ['mattermost']], ['id-velero', principal(2), ['velero']], ['id-postgres-cmk', principal(3), []], ['id-batch', principal(4), []],
    ]);
    expect(result.azure.identity.userAssigned[3]?.unknown?.['federatedCredentials']).toContain('Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read');
    expect(result.azure.identity.federatedCredentials[0]).toMatchObject({
      kind: 'FederatedIdentityCredential', name: 'mattermost', issuer: ISSUER, subject: 'system:serviceaccount:mattermost:mattermost', audiences: ['api://AzureADTokenExchange'],
      parentId: idId('id-mattermost'), serviceAccountNamespace: 'mattermost', serviceAccountName: 'mattermost',
      identityClientId: 'c1c1c1c1-0000-4000-8000-000000000001', issuerCluster: 'aks-mm-oob', resourceId: `${idId('id-mattermost')}/federatedIdentityCredentials/mattermost`,
    });
  });

  it('names each role definition with one read per definition, retrying a 429, falling back to the built-in name on a 403', () => {
    expect([ROLE.blobContributor, ROLE.contributor, ROLE.cryptoUser, ROLE.reader].map((g) => requestsTo(roleDefPath(g)))).toEqual([2, 1, 1, 1]);
    expect(result.azure.authorization.roleAssignments.map((a) => [a.principalId.slice(-1), a.roleDefinitionName, a.scopeType, a.scopeResourceType, a.principalIsWorkloadIdentity])).toEqual([
      ['1', 'Storage Blob Data Contributor', 'resource', 'Microsoft.Storage/storageAccounts/blobServices/containers', true],
      ['2', 'Contributor', 'subscription', '', true],
      ['3', 'Key Vault Crypto Service Encryption User', 'resource', 'Microsoft.KeyVault/vaults', false],
      ['4', 'Reader', 'resourceGroup', '', false],
      ['1', 'Storage Blob Data Contributor', 'resource', 'Microsoft.Storage/storageAccounts/blobServices/containers', true],
      ['7', 'Reader', 'subscription', '', false],
    ]);
  });

  it('ZT-IAM-005: single-resource data roles pass, Contributor on the subscription fails, an identity whose credentials could not be read is unknown', async () => {
    const findings = (await judgeLive(result)).filter((f) => f.ruleId === 'ZT-IAM-005.role-assignment');
    const byPrincipal = (n: number) => findings.filter((f) => f.objectId.includes('a0000001-0000-4000-8000-00000000000') && result.azure.authorization.roleAssignments.find((a) => a.id === f.objectId)?.principalId === principal(n));
    expect(byPrincipal(1).map((f) => f.status)).toEqual(['pass', 'pass']);
    expect(byPrincipal(2).map((f) => f.status)).toEqual(['fail']);
    expect(byPrincipal(2)[0]?.message).toContain(`grants workload identity ${principal(2)} Contributor at subscription scope /subscriptions/${SUB}`);
    expect(byPrincipal(3)).toEqual([]);
    expect(byPrincipal(4).map((f) => f.status)).toEqual(['unknown']);
    expect(byPrincipal(4)[0]?.reasons?.join(' ')).toContain('Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read');
    expect(statusesOf(await judgeLive(result), 'ZT-IAM-005.federated-credential')).toEqual({ mattermost: 'pass', velero: 'pass', 'coverage:azure.identity.federatedCredentials': 'unknown' });
  });
});

describe('diagnostic settings', () => {
  it('joins the cluster\'s and the subscription\'s settings; AKS audit logs and the activity log export pass', async () => {
    expect(result.azure.aks.clusters[0]?.diagnosticSettings).toEqual([expect.objectContaining({ name: 'aks-audit', address: '', categories: ['kube-audit-admin', 'guard'], destinations: ['workspace'] })]);
    expect(result.azure.aks.clusters[0]?.unknown?.['diagnosticSettings']).toBeUndefined();
    expect(result.azure.subscriptions).toEqual([expect.objectContaining({
      kind: 'AzureSubscription', subscriptionId: SUB, tenantId: TENANT, resourceId: `/subscriptions/${SUB}`,
      diagnosticSettings: [expect.objectContaining({ name: 'activity-log', categories: ['Administrative', 'Security', 'Policy', 'Alert'] })],
    })]);
    expect(result.azure.monitor.diagnosticSettings.map((d) => [d.name, d.targetType, d.targetResourceId])).toEqual([
      ['aks-audit', 'resource', AKS_ID], ['kv-audit', 'resource', KV], ['activity-log', 'subscription', `/subscriptions/${SUB}`],
    ]);
    const findings = await judgeLive(result);
    expect(statusesOf(findings, 'ZT-MON-002.aks')).toEqual({ 'aks-mm-oob': 'pass' });
    expect(statusesOf(findings, 'ZT-MON-004')).toEqual({ [SUB]: 'pass' });
  });
});

describe('failures', () => {
  it('a 403 on role assignments makes the workload-identity rule unknown naming Microsoft.Authorization/roleAssignments/read; a 403 on a cluster\'s diagnostic settings makes its audit rule unknown', async () => {
    const r = routes(() => '');
    const denied = await startArmApi({
      ...r,
      [`${P}/Microsoft.Authorization/roleAssignments`]: armError(403, 'AuthorizationFailed', `The client 'oobguard-scan' does not have authorization to perform action 'Microsoft.Authorization/roleAssignments/read' over scope '/subscriptions/${SUB}'.`),
      [`${AKS_ID}/providers/Microsoft.Insights/diagnosticSettings`]: armError(403, 'AuthorizationFailed', 'no access'),
      [`${P}/Microsoft.ManagedIdentity/userAssignedIdentities`]: armError(500, 'InternalServerError', 'Encountered internal server error.'),
    });
    try {
      const res = await collectAzure({ subscriptionId: SUB, credential, endpoint: denied.url, tlsCa: denied.ca, maxRetries: 0 });
      expect(res.coverage.gaps.find((g) => g.collection === 'azure.authorization.roleAssignments')).toEqual({
        collection: 'azure.authorization.roleAssignments', scope: SUB, api: 'RoleAssignments_ListForSubscription', error: 'AuthorizationFailed (HTTP 403)', permission: 'Microsoft.Authorization/roleAssignments/read',
      });
      expect(denied.requests.some((q) => q.path.includes('roleDefinitions'))).toBe(false);
      const findings = await judgeLive(res);
      const role = findings.filter((f) => f.ruleId === 'ZT-IAM-005.role-assignment');
      expect(role.map((f) => [f.status, f.objectKind])).toEqual([['unknown', 'Coverage']]);
      expect(role[0]?.reasons).toEqual(['RoleAssignments_ListForSubscription failed: AuthorizationFailed (HTTP 403) — needs Microsoft.Authorization/roleAssignments/read']);
      const audit = findings.find((f) => f.ruleId === 'ZT-MON-002.aks' && f.objectName === 'aks-mm-oob');
      expect(audit?.status).toBe('unknown');
      expect(audit?.reasons?.join(' ')).toContain(`DiagnosticSettings_List of ${AKS_ID} failed: AuthorizationFailed (HTTP 403) — needs Microsoft.Insights/diagnosticSettings/read`);
      // The identities failing (a 500, not retried here) leaves both identity collections gaps; other collections are read.
      expect(res.coverage.gaps.filter((g) => g.collection.startsWith('azure.identity.')).map((g) => [g.collection, g.error])).toEqual([
        ['azure.identity.userAssigned', 'InternalServerError (HTTP 500)'], ['azure.identity.federatedCredentials', 'InternalServerError (HTTP 500)'],
      ]);
      expect(res.azure.keyVaults.vaults).toHaveLength(2);
    } finally {
      await denied.close();
    }
  });
});
