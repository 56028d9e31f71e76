/**
 * ARM JSON bodies as the real resource providers return them (`properties` nested, ids in ARM
 * form, read-only fields such as `provisioningState` and timestamps present), for the local ARM
 * of test/helpers/arm-api-server.ts. Each builder takes what a test varies; the rest is a
 * realistic default.
 */
export const armId = (sub: string, rg: string, type: string, name: string): string => `/subscriptions/${sub}/resourceGroups/${rg}/providers/${type}/${name}`;

type Props = Record<string, unknown>;

/** `{ value, nextLink? }`, one page of an ARM list. */
export function page(value: unknown[], nextLink?: string): { body: Props } {
  return { body: nextLink === undefined ? { value } : { value, nextLink } };
}

const SYSTEM_DATA = { createdBy: 'oob-platform@example.org', createdByType: 'User', createdAt: '2026-03-01T10:00:00Z', lastModifiedBy: 'oob-platform@example.org', lastModifiedByType: 'User', lastModifiedAt: '2026-10-01T10:00:00Z' };

export function keyVault(sub: string, rg: string, name: string, tenantId: string, props: Props): Props {
  return {
    id: armId(sub, rg, 'Microsoft.KeyVault/vaults', name), name, type: 'Microsoft.KeyVault/vaults', location: 'westeurope', tags: { env: 'oob' }, systemData: SYSTEM_DATA,
    properties: {
      tenantId, sku: { family: 'A', name: 'premium' }, accessPolicies: [], enabledForDeployment: false, enabledForDiskEncryption: false,
      enabledForTemplateDeployment: false, enableSoftDelete: true, softDeleteRetentionInDays: 90, vaultUri: `https://${name}.vault.azure.net/`,
      provisioningState: 'Succeeded', publicNetworkAccess: 'Enabled', ...props,
    },
  };
}

/** Automatic rotation `timeBeforeExpiry` ahead of a P400D expiry, plus a notification. */
export function rotationPolicy(timeBeforeExpiry = 'P30D'): Props {
  return {
    attributes: { created: 1772359200, updated: 1772359200, expiryTime: 'P400D' },
    lifetimeActions: [{ trigger: { timeBeforeExpiry }, action: { type: 'rotate' } }, { trigger: { timeBeforeExpiry: 'P29D' }, action: { type: 'notify' } }],
  };
}

export function vaultKey(vaultId: string, name: string, rotation?: Props): Props {
  const vault = vaultId.split('/').pop() ?? '';
  return {
    id: `${vaultId}/keys/${name}`, name, type: 'Microsoft.KeyVault/vaults/keys', location: 'westeurope', tags: {},
    properties: {
      attributes: { enabled: true, created: 1772359200, updated: 1772359200, recoveryLevel: 'Recoverable+Purgeable', exportable: false },
      kty: 'RSA-HSM', keyOps: ['wrapKey', 'unwrapKey'], keySize: 3072,
      keyUri: `https://${vault}.vault.azure.net/keys/${name}`, keyUriWithVersion: `https://${vault}.vault.azure.net/keys/${name}/3c1f0e2d4b5a69788796a5b4c3d2e1f0`,
      ...(rotation !== undefined ? { rotationPolicy: rotation } : {}),
    },
  };
}

export function userAssignedIdentity(sub: string, rg: string, name: string, ids: { principalId: string; clientId: string; tenantId: string }): Props {
  return {
    id: armId(sub, rg, 'Microsoft.ManagedIdentity/userAssignedIdentities', name), name, type: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    location: 'westeurope', tags: {}, systemData: SYSTEM_DATA, properties: { ...ids, isolationScope: 'None' },
  };
}

export function federatedCredential(identityId: string, name: string, issuer: string, subject: string, audiences = ['api://AzureADTokenExchange']): Props {
  return {
    id: `${identityId}/federatedIdentityCredentials/${name}`, name, type: 'Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials',
    systemData: SYSTEM_DATA, properties: { issuer, subject, audiences },
  };
}

export function roleAssignment(sub: string, name: string, scope: string, roleGuid: string, principalId: string, principalType = 'ServicePrincipal'): Props {
  return {
    id: `${scope.replace(/\/$/, '')}/providers/Microsoft.Authorization/roleAssignments/${name}`, name, type: 'Microsoft.Authorization/roleAssignments',
    properties: {
      roleDefinitionId: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${roleGuid}`, principalId, principalType, scope,
      condition: null, conditionVersion: null, createdOn: '2026-03-01T10:00:00.0000000Z', updatedOn: '2026-03-01T10:00:00.0000000Z',
      createdBy: 'b0b0b0b0-0000-4000-8000-000000000001', updatedBy: 'b0b0b0b0-0000-4000-8000-000000000001', delegatedManagedIdentityResourceId: null, description: null,
    },
  };
}

export function roleDefinition(sub: string, guid: string, roleName: string): Props {
  return {
    id: `/subscriptions/${sub}/providers/Microsoft.Authorization/roleDefinitions/${guid}`, name: guid, type: 'Microsoft.Authorization/roleDefinitions',
    properties: { roleName, type: 'BuiltInRole', description: roleName, assignableScopes: ['/'], permissions: [{ actions: [], notActions: [], dataActions: [], notDataActions: [] }] },
  };
}

/** A diagnostic setting on `targetId`: enabled log categories (or `group:<name>` for a category group) to a workspace. */
export function diagnosticSetting(targetId: string, name: string, logs: string[], destination: Props = { workspaceId: '/subscriptions/dddddddd-2222-4333-8444-555555555555/resourceGroups/rg-mm-oob/providers/Microsoft.OperationalInsights/workspaces/log-mm-oob' }): Props {
  return {
    id: `${targetId}/providers/microsoft.insights/diagnosticSettings/${name}`, name, type: 'Microsoft.Insights/diagnosticSettings',
    properties: {
      ...destination, logAnalyticsDestinationType: null,
      metrics: [{ category: 'AllMetrics', enabled: false, retentionPolicy: { enabled: false, days: 0 } }],
      logs: logs.map((l) => (l.startsWith('group:') ? { categoryGroup: l.slice(6), enabled: true } : { category: l, enabled: true })),
    },
  };
}
