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

/** A PostgreSQL flexible server (API 2025-08-01 shape); `props` override `properties`. */
export function postgresServer(sub: string, rg: string, name: string, props: Props): Props {
  return {
    id: armId(sub, rg, 'Microsoft.DBforPostgreSQL/flexibleServers', name), name, type: 'Microsoft.DBforPostgreSQL/flexibleServers', location: 'westeurope',
    sku: { name: 'Standard_D4ds_v5', tier: 'GeneralPurpose' }, systemData: SYSTEM_DATA, tags: {},
    properties: {
      administratorLogin: 'mmadmin', version: '16', minorVersion: '4', state: 'Ready', fullyQualifiedDomainName: `${name}.postgres.database.azure.com`,
      storage: { storageSizeGB: 128, autoGrow: 'Enabled', tier: 'P10', iops: 500 }, availabilityZone: '1', replicationRole: 'Primary', replicaCapacity: 5,
      maintenanceWindow: { customWindow: 'Enabled', dayOfWeek: 0, startHour: 3, startMinute: 0 },
      authConfig: { activeDirectoryAuth: 'Disabled', passwordAuth: 'Enabled' },
      dataEncryption: { type: 'SystemManaged' },
      backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled', earliestRestoreDate: '2026-11-13T03:00:00.000Z' },
      network: { publicNetworkAccess: 'Enabled' },
      highAvailability: { mode: 'Disabled', state: 'NotEnabled' },
      privateEndpointConnections: [],
      ...props,
    },
  };
}

export function postgresConfiguration(serverId: string, name: string, value: string): Props {
  return {
    id: `${serverId}/configurations/${name}`, name, type: 'Microsoft.DBforPostgreSQL/flexibleServers/configurations',
    properties: { value, description: name, defaultValue: value, dataType: 'Enumeration', source: 'user-override', isDynamicConfig: true, isReadOnly: false, isConfigPendingRestart: false },
  };
}

export interface TmEndpoint { name: string; target: string; priority: number; status?: string; alwaysServe?: string }

export function trafficManagerProfile(sub: string, rg: string, name: string, props: Props, endpoints: TmEndpoint[]): Props {
  const id = armId(sub, rg, 'Microsoft.Network/trafficManagerProfiles', name);
  return {
    id, name, type: 'Microsoft.Network/trafficManagerProfiles', location: 'global', tags: {},
    properties: {
      profileStatus: 'Enabled', trafficRoutingMethod: 'Priority', trafficViewEnrollmentStatus: 'Disabled', maxReturn: 0,
      dnsConfig: { relativeName: name, fqdn: `${name}.trafficmanager.net`, ttl: 60 },
      monitorConfig: {
        profileMonitorStatus: 'Online', protocol: 'HTTPS', port: 443, path: '/api/v4/system/ping', intervalInSeconds: 10, timeoutInSeconds: 5,
        toleratedNumberOfFailures: 3, customHeaders: [], expectedStatusCodeRanges: [{ min: 200, max: 299 }],
      },
      endpoints: endpoints.map((e) => ({
        id: `${id}/externalEndpoints/${e.name}`, name: e.name, type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
        properties: { endpointStatus: e.status ?? 'Enabled', endpointMonitorStatus: 'Online', target: e.target, weight: 1, priority: e.priority, alwaysServe: e.alwaysServe ?? 'Disabled' },
      })),
      ...props,
    },
  };
}

export function dnsZone(sub: string, rg: string, name: string): Props {
  return {
    id: armId(sub, rg, 'Microsoft.Network/dnszones', name), name, type: 'Microsoft.Network/dnszones', location: 'global', etag: '00000002-0000-0000-76c2-f7ad90b5d101', tags: {},
    properties: { maxNumberOfRecordSets: 10000, numberOfRecordSets: 4, nameServers: ['ns1-01.azure-dns.com.', 'ns2-01.azure-dns.net.'], zoneType: 'Public' },
  };
}

/** A record set as ARM spells it (`TTL`, `ARecords`, `CNAMERecord`, `targetResource`). */
export function recordSet(zoneId: string, type: 'A' | 'CNAME' | 'NS', name: string, ttl: number, data: Props): Props {
  const zone = zoneId.split('/').pop() ?? '';
  return {
    id: `${zoneId}/${type}/${name}`, name, type: `Microsoft.Network/dnszones/${type}`, etag: 'b1a5c1d0-6a8e-4b7c-9f3e-1d2c3b4a5f60',
    properties: { metadata: {}, TTL: ttl, fqdn: `${name === '@' ? zone : `${name}.${zone}`}.`, provisioningState: 'Succeeded', targetResource: {}, ...data },
  };
}

export function virtualNetwork(sub: string, rg: string, name: string, peerings: { name: string; remote: string }[]): Props {
  const id = armId(sub, rg, 'Microsoft.Network/virtualNetworks', name);
  return {
    id, name, type: 'Microsoft.Network/virtualNetworks', location: 'westeurope', etag: 'W/"7f1c1a2b-0000-0000-0000-000000000000"',
    properties: {
      provisioningState: 'Succeeded', resourceGuid: '5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c', addressSpace: { addressPrefixes: ['10.60.0.0/16'] }, subnets: [],
      virtualNetworkPeerings: peerings.map((p) => ({
        id: `${id}/virtualNetworkPeerings/${p.name}`, name: p.name, type: 'Microsoft.Network/virtualNetworks/virtualNetworkPeerings', etag: 'W/"1"',
        properties: {
          provisioningState: 'Succeeded', peeringState: 'Connected', peeringSyncLevel: 'FullyInSync', remoteVirtualNetwork: { id: p.remote },
          allowVirtualNetworkAccess: true, allowForwardedTraffic: false, allowGatewayTransit: false, useRemoteGateways: false, remoteAddressSpace: { addressPrefixes: ['10.0.0.0/16'] },
        },
      })),
      enableDdosProtection: false,
    },
  };
}

export function appGatewayWafPolicy(sub: string, rg: string, name: string, settings: Props, ruleSets: [string, string][]): Props {
  return {
    id: armId(sub, rg, 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', name), name, type: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
    location: 'westeurope', etag: 'W/"2"', tags: {},
    properties: {
      provisioningState: 'Succeeded', resourceState: 'Enabled', customRules: [],
      policySettings: { requestBodyCheck: true, maxRequestBodySizeInKb: 128, fileUploadLimitInMb: 100, ...settings },
      managedRules: { managedRuleSets: ruleSets.map(([ruleSetType, ruleSetVersion]) => ({ ruleSetType, ruleSetVersion, ruleGroupOverrides: [] })), exclusions: [] },
    },
  };
}

export function frontDoorWafPolicy(sub: string, rg: string, name: string, sku: string, settings: Props, ruleSets: [string, string][]): Props {
  return {
    id: armId(sub, rg, 'Microsoft.Network/frontdoorWebApplicationFirewallPolicies', name), name, type: 'Microsoft.Network/frontdoorwebapplicationfirewallpolicies',
    location: 'Global', sku: { name: sku }, tags: {},
    properties: {
      provisioningState: 'Succeeded', resourceState: 'Enabled', customRules: { rules: [] },
      policySettings: { requestBodyCheck: 'Enabled', ...settings },
      managedRules: { managedRuleSets: ruleSets.map(([ruleSetType, ruleSetVersion]) => ({ ruleSetType, ruleSetVersion, ruleSetAction: 'Block', ruleGroupOverrides: [], exclusions: [] })) },
    },
  };
}
