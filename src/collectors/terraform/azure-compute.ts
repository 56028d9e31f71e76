/**
 * Terraform → Azure model for AKS, managed identities and federated credentials, role
 * assignments, Key Vault, VNet peering, diagnostic settings, WAF policies and (azuread)
 * conditional access. AzureRM 3.x, 4.x and 5.x attribute names are read alike (CONTROLS.md §2
 * gotcha 4 and the 4.0/5.0 upgrade guides); absent arguments take the provider default, named
 * where it is applied; what Terraform cannot know yet is recorded as unknown, never guessed.
 *
 * Joins (diagnostic settings onto their target, the cluster a federated credential trusts, the
 * identity behind a role assignment, separate node pools onto their cluster) run in `finish`,
 * by Terraform reference first and by resource id when both ids are known.
 */
import type {
  AksAgentPool, AksCluster, AzureSubscription, ConditionalAccessPolicy, DiagnosticSetting, DiagnosticSettingRef,
  FederatedIdentityCredential, KeyVault, KeyVaultKey, RoleAssignment, UserAssignedIdentity, VnetPeering, WafPolicy,
} from '../../model/azure-compute.ts';
import type { CloudObject } from '../../model/cloud.ts';
import { at, blocks, bool, cloudBase, inheritedProvider, lineOf, markUnknown, num, str, strs, track, unknownAt, type AdaptContext, type Mapper, type ProviderAdapter } from './adapt.ts';
import type { TfJson, TfResource } from './types.ts';

// ---- small helpers ---------------------------------------------------------------------------

/**
 * The first of several attribute paths (renamed across AzureRM majors) that is set or unknown.
 * An unknown one counts as set: a 3.x name fed by a variable without value must make the model
 * value unknown, not fall through to the default.
 */
function pick(r: TfResource, ...paths: string[]): { value: TfJson | undefined; path: string } {
  for (const p of paths) {
    const v = at(r.values, p);
    if (v !== undefined && v !== null) return { value: v, path: p };
    if (unknownAt(r, p) !== null) return { value: undefined, path: p };
  }
  return { value: undefined, path: paths[0]! };
}

/** Read a boolean with a default, and record where it came from. */
function boolAt(o: CloudObject, model: string, r: TfResource, dflt: boolean, ...paths: string[]): boolean {
  const p = pick(r, ...paths);
  track(o, model, r, p.path);
  return bool(p.value) ?? dflt;
}

function strAt(o: CloudObject, model: string, r: TfResource, dflt: string, ...paths: string[]): string {
  const p = pick(r, ...paths);
  track(o, model, r, p.path);
  return str(p.value) || dflt;
}

/** Record only where a model path comes from (a block whose children may be unknown on their own). */
function origin(o: CloudObject, model: string, r: TfResource, path: string): void {
  (o.origins ??= {})[model] = lineOf(r, path);
}

/** An attribute Azure computes (ids, client ids, issuer URLs): absent from configuration means "known after apply". */
function computed(o: CloudObject, model: string, r: TfResource, path: string): string {
  const v = str(at(r.values, path));
  track(o, model, r, path);
  if (v === '' && unknownAt(r, path) === null) markUnknown(o, model, `${r.address}.${path} is computed by Azure (known after apply)`);
  return v;
}

/** Is an attribute set (a value, or an unknown that comes from a reference, which will have a value)? null when it cannot be told. */
function isSet(r: TfResource, path: string): boolean | null {
  const v = at(r.values, path);
  if (v !== undefined && v !== null && v !== '') return true;
  if (unknownAt(r, path) === null) return false;
  return refsAt(r, path).length > 0 ? true : null;
}

/** Addresses referenced at an attribute path (or below it), qualified by the resource's module. */
function refsAt(r: TfResource, path: string): string[] {
  const out: string[] = [];
  for (const [p, addrs] of Object.entries(r.refs)) {
    const hit = p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`) || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
    if (!hit) continue;
    for (const a of addrs) {
      if (a.startsWith('var.') || a.startsWith('local.') || a.startsWith('each.') || a.startsWith('count.') || a.startsWith('path.')) continue;
      out.push(r.module !== '' && !a.startsWith('module.') ? `${r.module}.${a}` : a);
    }
  }
  return [...new Set(out)];
}

/** The resource an address names: exact, without an instance key, or its first instance. */
function resolve(ctx: AdaptContext, addr: string): TfResource | undefined {
  const exact = ctx.byAddress.get(addr);
  if (exact) return exact;
  const bare = addr.replace(/\[[^\]]*\]$/, '');
  const b = ctx.byAddress.get(bare);
  if (b) return b;
  for (const [k, r] of ctx.byAddress) if (k.startsWith(`${bare}[`)) return r;
  return undefined;
}

/** Resources referenced at a path, optionally of given types. */
function refResources(r: TfResource, path: string, ctx: AdaptContext, types?: readonly string[]): TfResource[] {
  const out: TfResource[] = [];
  for (const a of refsAt(r, path)) {
    const t = resolve(ctx, a);
    if (t && (!types || types.includes(t.type))) out.push(t);
  }
  return out;
}

/** The first address referenced at a path that names a resource of this type (whether or not it is among the inputs). */
function refAddress(r: TfResource, path: string, type: string): string {
  return refsAt(r, path).find((a) => a.replace(/^(?:module\.[^.]+\.)+/, '').startsWith(`${type}.`)) ?? '';
}

/** The subscription a resource is deployed to, or null with the reason it cannot be told. */
function subscriptionOf(r: TfResource, ctx: AdaptContext): { id: string } | { why: string } {
  const s = inheritedProvider(ctx.azure.providers, r.provider);
  if (!s) return { why: `${r.address} uses provider ${r.provider}, whose configuration is not among the inputs` };
  if (s.unknown?.['subscriptionId']) return { why: s.unknown['subscriptionId'] };
  if (s.subscriptionId === '') return { why: `provider ${s.providerKey} does not set subscription_id (it comes from the environment at run time)` };
  return { id: s.subscriptionId };
}

const SUB_IN_ID = /^\/subscriptions\/([^/]+)/i;

function eqId(a: string, b: string): boolean {
  return a !== '' && b !== '' && a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

function name(r: TfResource): string {
  return str(r.values['name']) || r.address;
}

function base<K extends string>(r: TfResource, ctx: AdaptContext, kind: K, resourceId: string): CloudObject & { kind: K } {
  return { ...cloudBase(r, ctx, kind, name(r), resourceId), kind };
}

/** ARM id of a resource from its name, resource group and provider subscription, when all are known. */
function armId(r: TfResource, ctx: AdaptContext, type: string): string {
  const id = str(r.values['id']);
  if (id.startsWith('/subscriptions/')) return id;
  const sub = subscriptionOf(r, ctx);
  const rg = str(r.values['resource_group_name']);
  const n = str(r.values['name']);
  if (!('id' in sub) || rg === '' || n === '' || rg.includes('${') || n.includes('${')) return '';
  return `/subscriptions/${sub.id}/resourceGroups/${rg}/providers/${type}/${n}`;
}

// ---- AKS -----------------------------------------------------------------------------------

/** Attribute names that only AzureRM 3.x (or earlier) accepts: their presence dates the configuration. */
const AZURERM_3X_ONLY = [
  'api_server_authorized_ip_ranges', 'automatic_channel_upgrade', 'node_os_channel_upgrade', 'public_network_access_enabled',
  'default_node_pool[0].enable_host_encryption', 'default_node_pool[0].enable_node_public_ip', 'default_node_pool[0].enable_auto_scaling',
  'azure_active_directory_role_based_access_control[0].managed',
];

const CRITICAL_ADDONS_TAINT = 'CriticalAddonsOnly=true:NoSchedule';

function agentPool(
  r: TfResource, ctx: AdaptContext, prefix: string, o: { id: string; address: string; mode: string; clusterName: string; clusterAddress: string; osType: string },
): AksAgentPool {
  const at0 = (p: string): string => (prefix === '' ? p : `${prefix}.${p}`);
  const block = prefix === '' ? r.values : (blocks(at(r.values, prefix))[0] ?? {});
  const pool: AksAgentPool = {
    ...cloudBase(r, ctx, 'AksAgentPool', str(block['name']) || o.address, ''),
    id: o.id, address: o.address, kind: 'AksAgentPool', source: lineOf(r, prefix),
    clusterName: o.clusterName, clusterAddress: o.clusterAddress, mode: o.mode, osType: o.osType,
    osSKU: '', enableEncryptionAtHost: false, enableNodePublicIP: false, nodeTaints: [], vmSize: str(block['vm_size']),
  };
  // os_sku: default Ubuntu on Linux, Windows2019 on Windows (azurerm kubernetes_cluster docs).
  pool.osSKU = strAt(pool, 'osSKU', r, o.osType === 'Windows' ? 'Windows2019' : 'Ubuntu', at0('os_sku'));
  // host_encryption_enabled (4.x+) / enable_host_encryption (3.x); default false.
  pool.enableEncryptionAtHost = boolAt(pool, 'enableEncryptionAtHost', r, false, at0('host_encryption_enabled'), at0('enable_host_encryption'));
  // node_public_ip_enabled (4.x+) / enable_node_public_ip (3.x); default false.
  pool.enableNodePublicIP = boolAt(pool, 'enableNodePublicIP', r, false, at0('node_public_ip_enabled'), at0('enable_node_public_ip'));
  pool.nodeTaints = strs(block['node_taints']);
  track(pool, 'nodeTaints', r, at0('node_taints'));
  if (bool(block['only_critical_addons_enabled']) === true) pool.nodeTaints.push(CRITICAL_ADDONS_TAINT);
  const crit = unknownAt(r, at0('only_critical_addons_enabled'));
  if (crit !== null) markUnknown(pool, 'nodeTaints', `${r.address}.${at0('only_critical_addons_enabled')}: ${crit}`);
  else if (block['only_critical_addons_enabled'] !== undefined) (pool.origins ??= {})['nodeTaints'] = lineOf(r, at0('only_critical_addons_enabled'));
  return pool;
}

function poolSummary(p: AksAgentPool): AksCluster['agentPoolProfiles'][number] {
  return { name: p.name, mode: p.mode, osSKU: p.osSKU, enableEncryptionAtHost: p.enableEncryptionAtHost, enableNodePublicIP: p.enableNodePublicIP, nodeTaints: p.nodeTaints };
}

function aksCluster(r: TfResource, ctx: AdaptContext): void {
  const v = r.values;
  const c = base(r, ctx, 'AksCluster', armId(r, ctx, 'Microsoft.ContainerService/managedClusters')) as AksCluster;
  const is3x = AZURERM_3X_ONLY.some((p) => at(v, p) !== undefined);
  c.resourceGroup = str(v['resource_group_name']);
  c.location = str(v['location']);
  c.kubernetesVersion = str(v['kubernetes_version']);
  // sku_tier: default Free; `Paid` (≤3.50) is what Azure now calls Standard.
  c.skuTier = strAt(c, 'skuTier', r, 'Free', 'sku_tier');
  if (c.skuTier === 'Paid') c.skuTier = 'Standard';
  // role_based_access_control_enabled: default true.
  c.enableRBAC = boolAt(c, 'enableRBAC', r, true, 'role_based_access_control_enabled');
  // local_account_disabled: default false (local accounts enabled).
  c.disableLocalAccounts = boolAt(c, 'disableLocalAccounts', r, false, 'local_account_disabled');

  const aad = blocks(v['azure_active_directory_role_based_access_control'])[0];
  origin(c, 'aadProfile', r, 'azure_active_directory_role_based_access_control[0]');
  if (aad) {
    const aadPath = 'azure_active_directory_role_based_access_control[0]';
    // 3.x `managed` (removed in 4.0, where integration is always AKS-managed); a 3.x block without it but with server/client apps is the legacy integration.
    const legacyApps = str(aad['server_app_id']) !== '' || str(aad['client_app_id']) !== '';
    const managed = bool(aad['managed']) ?? !legacyApps;
    c.aadProfile = { managed, enableAzureRBAC: false, tenantID: '', adminGroupObjectIDs: strs(aad['admin_group_object_ids']) };
    track(c, 'aadProfile.managed', r, `${aadPath}.managed`);
    // azure_rbac_enabled: default false.
    c.aadProfile.enableAzureRBAC = boolAt(c, 'aadProfile.enableAzureRBAC', r, false, `${aadPath}.azure_rbac_enabled`);
    track(c, 'aadProfile.adminGroupObjectIDs', r, `${aadPath}.admin_group_object_ids`);
    const tenant = pick(r, `${aadPath}.tenant_id`);
    track(c, 'aadProfile.tenantID', r, tenant.path);
    if (str(tenant.value) !== '' || unknownAt(r, tenant.path) !== null) c.aadProfile.tenantID = str(tenant.value);
    else {
      // "If this isn't specified the Tenant ID of the current Subscription is used": the provider's tenant_id.
      const s = inheritedProvider(ctx.azure.providers, r.provider);
      if (s && !s.unknown?.['tenantId'] && s.tenantId !== '') c.aadProfile.tenantID = s.tenantId;
      else markUnknown(c, 'aadProfile.tenantID', `${r.address}: azure_active_directory_role_based_access_control sets no tenant_id, so AKS uses the tenant of the subscription, which ${s ? `provider ${s.providerKey}` : 'no provider block among the inputs'} does not pin${s?.unknown?.['tenantId'] ? ` (${s.unknown['tenantId']})` : ''}`);
    }
  } else c.aadProfile = null;

  const ranges = pick(r, 'api_server_access_profile[0].authorized_ip_ranges', 'api_server_authorized_ip_ranges');
  c.apiServerAccessProfile = { authorizedIPRanges: strs(ranges.value), enablePrivateCluster: false, enablePrivateClusterPublicFQDN: false, disableRunCommand: false, enableVnetIntegration: false };
  track(c, 'apiServerAccessProfile.authorizedIPRanges', r, ranges.path);
  // private_cluster_enabled, private_cluster_public_fqdn_enabled: default false.
  c.apiServerAccessProfile.enablePrivateCluster = boolAt(c, 'apiServerAccessProfile.enablePrivateCluster', r, false, 'private_cluster_enabled');
  c.apiServerAccessProfile.enablePrivateClusterPublicFQDN = boolAt(c, 'apiServerAccessProfile.enablePrivateClusterPublicFQDN', r, false, 'private_cluster_public_fqdn_enabled');
  // run_command_enabled: default true, i.e. run command NOT disabled.
  c.apiServerAccessProfile.disableRunCommand = !boolAt(c, 'apiServerAccessProfile.disableRunCommand', r, true, 'run_command_enabled');
  c.apiServerAccessProfile.enableVnetIntegration = boolAt(c, 'apiServerAccessProfile.enableVnetIntegration', r, false,
    'api_server_access_profile[0].virtual_network_integration_enabled', 'api_server_access_profile[0].vnet_integration_enabled');

  // oidc_issuer_enabled: default false before AzureRM 5.0, true from 5.0 (5.0 upgrade guide).
  const oidc = pick(r, 'oidc_issuer_enabled');
  track(c, 'oidcIssuerProfile.enabled', r, oidc.path);
  c.oidcIssuerProfile = { enabled: bool(oidc.value) ?? false, issuerURL: '' };
  if (oidc.value === undefined && unknownAt(r, oidc.path) === null && !is3x) {
    markUnknown(c, 'oidcIssuerProfile.enabled', `${r.address} does not set oidc_issuer_enabled: it defaults to false before AzureRM 5.0 and to true from 5.0 on, and the provider version is not among the inputs`);
  }
  c.oidcIssuerProfile.issuerURL = computed(c, 'oidcIssuerProfile.issuerURL', r, 'oidc_issuer_url');

  const kms = blocks(v['key_management_service'])[0];
  c.securityProfile = {
    // workload_identity_enabled: default false.
    workloadIdentity: { enabled: boolAt(c, 'securityProfile.workloadIdentity.enabled', r, false, 'workload_identity_enabled') },
    azureKeyVaultKms: {
      enabled: kms !== undefined,
      keyId: kms ? str(kms['key_vault_key_id']) : '',
      // key_vault_network_access: default Public.
      keyVaultNetworkAccess: kms ? str(kms['key_vault_network_access']) || 'Public' : '',
      keyAddress: refAddress(r, 'key_management_service[0].key_vault_key_id', 'azurerm_key_vault_key'),
    },
    defender: { logAnalyticsWorkspaceResourceId: str(at(v, 'microsoft_defender[0].log_analytics_workspace_id')), securityMonitoring: { enabled: blocks(v['microsoft_defender']).length > 0 } },
  };
  origin(c, 'securityProfile.azureKeyVaultKms', r, 'key_management_service[0]');
  track(c, 'securityProfile.azureKeyVaultKms.keyId', r, 'key_management_service[0].key_vault_key_id');
  track(c, 'securityProfile.azureKeyVaultKms.keyVaultNetworkAccess', r, 'key_management_service[0].key_vault_network_access');
  origin(c, 'securityProfile.defender', r, 'microsoft_defender[0]');

  const np = blocks(v['network_profile'])[0];
  origin(c, 'networkProfile', r, 'network_profile[0]');
  c.networkProfile = {
    // "If network_profile is not defined, kubenet profile will be used by default."
    networkPlugin: np ? str(np['network_plugin']) : 'kubenet',
    // network_policy absent = no network policy engine.
    networkPolicy: np ? str(np['network_policy']) : '',
    // network_data_plane: default azure.
    networkDataPlane: np ? str(np['network_data_plane']) || 'azure' : 'azure',
    networkPluginMode: np ? str(np['network_plugin_mode']) : '',
    // outbound_type: default loadBalancer.
    outboundType: np ? str(np['outbound_type']) || 'loadBalancer' : 'loadBalancer',
  };
  track(c, 'networkProfile.networkPolicy', r, 'network_profile[0].network_policy');
  track(c, 'networkProfile.networkPlugin', r, 'network_profile[0].network_plugin');

  c.autoUpgradeProfile = {
    // automatic_upgrade_channel (4.x+) / automatic_channel_upgrade (3.x): "Omitting this field sets this value to none."
    upgradeChannel: strAt(c, 'autoUpgradeProfile.upgradeChannel', r, 'none', 'automatic_upgrade_channel', 'automatic_channel_upgrade'),
    // node_os_upgrade_channel (4.x+) / node_os_channel_upgrade (3.x): default NodeImage.
    nodeOSUpgradeChannel: strAt(c, 'autoUpgradeProfile.nodeOSUpgradeChannel', r, 'NodeImage', 'node_os_upgrade_channel', 'node_os_channel_upgrade'),
  };

  const oms = blocks(v['oms_agent'])[0];
  const kvsp = blocks(v['key_vault_secrets_provider'])[0];
  c.addonProfiles = {
    omsagent: { enabled: oms !== undefined, config: { logAnalyticsWorkspaceResourceID: oms ? str(oms['log_analytics_workspace_id']) : '' } },
    azureKeyvaultSecretsProvider: {
      enabled: kvsp !== undefined,
      // secret_rotation_enabled: the API default is off; secret_rotation_interval: default 2m.
      config: { enableSecretRotation: kvsp ? String(bool(kvsp['secret_rotation_enabled']) ?? false) : 'false', rotationPollInterval: kvsp ? str(kvsp['secret_rotation_interval']) || '2m' : '' },
    },
    azurepolicy: { enabled: false },
  };
  origin(c, 'addonProfiles.omsagent', r, 'oms_agent[0]');
  origin(c, 'addonProfiles.azureKeyvaultSecretsProvider', r, 'key_vault_secrets_provider[0]');
  track(c, 'addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation', r, 'key_vault_secrets_provider[0].secret_rotation_enabled');
  c.addonProfiles.azurepolicy.enabled = boolAt(c, 'addonProfiles.azurepolicy.enabled', r, false, 'azure_policy_enabled');

  const pool = agentPool(r, ctx, 'default_node_pool[0]', {
    id: `tf/${r.address}/default_node_pool`, address: r.address, mode: 'System', clusterName: c.name, clusterAddress: r.address, osType: 'Linux',
  });
  c.agentPoolProfiles = [poolSummary(pool)];
  (c.origins ??= {})['agentPoolProfiles'] = lineOf(r, 'default_node_pool[0]');
  c.diagnosticSettings = [];
  ctx.azure.aks.clusters.push(c);
  ctx.azure.aks.agentPools.push(pool);
}

function aksNodePool(r: TfResource, ctx: AdaptContext): void {
  // os_type: default Linux; mode: default User.
  const osType = str(r.values['os_type']) || 'Linux';
  const mode = str(r.values['mode']) || 'User';
  const pool = agentPool(r, ctx, '', { id: `tf/${r.address}`, address: r.address, mode, clusterName: '', clusterAddress: '', osType });
  pool.resourceId = str(r.values['id']);
  ctx.azure.aks.agentPools.push(pool);
}

// ---- identities ---------------------------------------------------------------------------

function userAssignedIdentity(r: TfResource, ctx: AdaptContext): void {
  const i = base(r, ctx, 'UserAssignedIdentity', armId(r, ctx, 'Microsoft.ManagedIdentity/userAssignedIdentities')) as UserAssignedIdentity;
  i.resourceGroup = str(r.values['resource_group_name']);
  i.location = str(r.values['location']);
  i.clientId = computed(i, 'clientId', r, 'client_id');
  i.principalId = computed(i, 'principalId', r, 'principal_id');
  i.tenantId = computed(i, 'tenantId', r, 'tenant_id');
  i.federatedCredentials = [];
  ctx.azure.identity.userAssigned.push(i);
}

const SA_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;

function federatedCredential(r: TfResource, ctx: AdaptContext): void {
  const f = base(r, ctx, 'FederatedIdentityCredential', str(r.values['id'])) as FederatedIdentityCredential;
  f.issuer = strAt(f, 'issuer', r, '', 'issuer');
  f.subject = strAt(f, 'subject', r, '', 'subject');
  f.audiences = strs(r.values['audience']);
  track(f, 'audiences', r, 'audience');
  // user_assigned_identity_id (5.x) / parent_id (≤4.x, removed in 5.0).
  const parent = pick(r, 'user_assigned_identity_id', 'parent_id');
  f.parentId = str(parent.value);
  track(f, 'parentId', r, parent.path);
  f.parentAddress = refAddress(r, parent.path, 'azurerm_user_assigned_identity');
  const sa = SA_SUBJECT.exec(f.subject);
  f.serviceAccountNamespace = sa?.[1] ?? '';
  f.serviceAccountName = sa?.[2] ?? '';
  track(f, 'serviceAccountNamespace', r, 'subject');
  track(f, 'serviceAccountName', r, 'subject');
  f.identityClientId = '';
  f.issuerCluster = '';
  (f.origins ??= {})['identityClientId'] = lineOf(r, parent.path);
  (f.origins ??= {})['issuerCluster'] = lineOf(r, 'issuer');
  ctx.azure.identity.federatedCredentials.push(f);
}

// ---- role assignments -----------------------------------------------------------------------

/** Well-known built-in role definition GUIDs (identical in every tenant). */
export const BUILTIN_ROLES: Record<string, string> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': 'Owner',
  'b24988ac-6180-42a0-ab88-20f7382dd24c': 'Contributor',
  '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9': 'User Access Administrator',
  'f58310d9-a9f6-439a-9e8d-f62e7b41a168': 'Role Based Access Control Administrator',
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': 'Reader',
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': 'Storage Blob Data Contributor',
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': 'Storage Blob Data Owner',
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1': 'Storage Blob Data Reader',
  '4633458b-17de-408a-b874-0445c86b69e6': 'Key Vault Secrets User',
};

/** What a referenced Terraform resource is, as a role-assignment or diagnostic-setting scope. */
const TF_SCOPE_TYPES: Record<string, { scopeType: string; resourceType: string }> = {
  azurerm_resource_group: { scopeType: 'resourceGroup', resourceType: '' },
  azurerm_subscription: { scopeType: 'subscription', resourceType: '' },
  azurerm_management_group: { scopeType: 'managementGroup', resourceType: '' },
  azurerm_storage_account: { scopeType: 'resource', resourceType: 'Microsoft.Storage/storageAccounts' },
  azurerm_storage_container: { scopeType: 'resource', resourceType: 'Microsoft.Storage/storageAccounts/blobServices/containers' },
  azurerm_storage_share: { scopeType: 'resource', resourceType: 'Microsoft.Storage/storageAccounts/fileServices/shares' },
  azurerm_key_vault: { scopeType: 'resource', resourceType: 'Microsoft.KeyVault/vaults' },
  azurerm_kubernetes_cluster: { scopeType: 'resource', resourceType: 'Microsoft.ContainerService/managedClusters' },
  azurerm_user_assigned_identity: { scopeType: 'resource', resourceType: 'Microsoft.ManagedIdentity/userAssignedIdentities' },
  azurerm_container_registry: { scopeType: 'resource', resourceType: 'Microsoft.ContainerRegistry/registries' },
  azurerm_postgresql_flexible_server: { scopeType: 'resource', resourceType: 'Microsoft.DBforPostgreSQL/flexibleServers' },
  azurerm_virtual_network: { scopeType: 'resource', resourceType: 'Microsoft.Network/virtualNetworks' },
  azurerm_subnet: { scopeType: 'resource', resourceType: 'Microsoft.Network/virtualNetworks/subnets' },
  azurerm_private_dns_zone: { scopeType: 'resource', resourceType: 'Microsoft.Network/privateDnsZones' },
  azurerm_dns_zone: { scopeType: 'resource', resourceType: 'Microsoft.Network/dnszones' },
  azurerm_log_analytics_workspace: { scopeType: 'resource', resourceType: 'Microsoft.OperationalInsights/workspaces' },
};

/** Classify an ARM scope id (`/subscriptions/…/resourceGroups/…/providers/Ns/type/name/sub/name`). */
export function classifyScope(id: string): { scopeType: string; resourceType: string } | null {
  const s = id.trim().replace(/\/+$/, '');
  if (s === '') return { scopeType: 'managementGroup', resourceType: '' }; // "/" is the tenant root
  if (/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(s)) return { scopeType: 'managementGroup', resourceType: '' };
  const m = /^\/subscriptions\/[^/]+(?:\/resourceGroups\/[^/]+)?(?:\/providers\/(.+))?$/i.exec(s);
  if (!m) return null;
  if (m[1] === undefined) return { scopeType: /\/resourceGroups\//i.test(s) ? 'resourceGroup' : 'subscription', resourceType: '' };
  return { scopeType: 'resource', resourceType: resourceTypeOf(m[1]) };
}

/** `Microsoft.Storage/storageAccounts/sa/blobServices/default/containers/c` → `Microsoft.Storage/storageAccounts/blobServices/containers`. */
function resourceTypeOf(providerPath: string): string {
  const segs = providerPath.split('/');
  const types = [segs[0] ?? ''];
  for (let i = 1; i < segs.length; i += 2) types.push(segs[i] ?? '');
  return types.join('/');
}

/** A scope written as `"${azurerm_storage_account.x.id}/blobServices/default/containers/c"` or `"/subscriptions/${var.s}/resourceGroups/rg"`. */
function classifyScopeText(text: string, refTypes: string[]): { scopeType: string; resourceType: string } | null {
  const masked = text.replace(/\$\{[^}]*\}/g, 'X');
  if (masked.startsWith('/')) return classifyScope(masked);
  const head = TF_SCOPE_TYPES[refTypes[0] ?? ''];
  const tail = /^X((?:\/[^/]+\/[^/]+)*)$/.exec(masked);
  if (!head || !tail) return null;
  const extra = (tail[1] ?? '').split('/').filter(Boolean).filter((_, i) => i % 2 === 0);
  return extra.length === 0 ? head : { scopeType: 'resource', resourceType: [head.resourceType, ...extra].join('/') };
}

function roleAssignment(r: TfResource, ctx: AdaptContext): void {
  const a = base(r, ctx, 'RoleAssignment', str(r.values['id'])) as RoleAssignment;
  a.scope = str(r.values['scope']);
  track(a, 'scope', r, 'scope');
  const scopeRefs = refResources(r, 'scope', ctx);
  a.scopeAddress = scopeRefs[0]?.address ?? '';
  const refTypes = scopeRefs.map((x) => x.type);
  const cls = a.scope !== '' && !a.scope.includes('${') ? classifyScope(a.scope)
    : a.scope.includes('${') ? classifyScopeText(a.scope, refTypes)
      : TF_SCOPE_TYPES[refTypes[0] ?? ''] ?? (scopeRefs[0] && scopeRefs[0].type.startsWith('azurerm_') ? { scopeType: 'resource', resourceType: '' } : null);
  a.scopeType = cls?.scopeType ?? '';
  a.scopeResourceType = cls?.resourceType ?? '';
  track(a, 'scopeType', r, 'scope');
  track(a, 'scopeResourceType', r, 'scope');
  if (cls !== null) {
    // Known from the reference or the text even though the id itself is computed.
    delete a.unknown?.['scopeType'];
    delete a.unknown?.['scopeResourceType'];
  } else if (!a.unknown?.['scopeType']) markUnknown(a, 'scopeType', `${r.address}.scope ${JSON.stringify(a.scope)} is not an ARM scope oobguard can classify`);
  const roleId = pick(r, 'role_definition_id');
  a.roleDefinitionId = str(roleId.value);
  const roleName = pick(r, 'role_definition_name');
  const guid = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(a.roleDefinitionId)?.[1]?.toLowerCase() ?? '';
  a.roleDefinitionName = str(roleName.value) || BUILTIN_ROLES[guid] || '';
  track(a, 'roleDefinitionName', r, roleName.value !== undefined || unknownAt(r, 'role_definition_name') !== null ? 'role_definition_name' : 'role_definition_id');
  track(a, 'roleDefinitionId', r, 'role_definition_id');
  a.principalId = str(r.values['principal_id']);
  track(a, 'principalId', r, 'principal_id');
  a.principalType = str(r.values['principal_type']);
  a.principalAddress = refResources(r, 'principal_id', ctx)[0]?.address ?? '';
  a.principalIsWorkloadIdentity = false;
  (a.origins ??= {})['principalIsWorkloadIdentity'] = lineOf(r, 'principal_id');
  ctx.azure.authorization.roleAssignments.push(a);
}

// ---- Key Vault ------------------------------------------------------------------------------

function keyVault(r: TfResource, ctx: AdaptContext): void {
  const k = base(r, ctx, 'KeyVault', armId(r, ctx, 'Microsoft.KeyVault/vaults')) as KeyVault;
  k.resourceGroup = str(r.values['resource_group_name']);
  k.tenantId = strAt(k, 'tenantId', r, '', 'tenant_id');
  // purge_protection_enabled: default false.
  k.enablePurgeProtection = boolAt(k, 'enablePurgeProtection', r, false, 'purge_protection_enabled');
  // soft_delete_retention_days: default 90.
  const sd = pick(r, 'soft_delete_retention_days');
  track(k, 'softDeleteRetentionInDays', r, sd.path);
  k.softDeleteRetentionInDays = num(sd.value) ?? 90;
  // rbac_authorization_enabled (5.x, required there; 4.x alias) / enable_rbac_authorization (≤4.x): absent means ≤4.x, default false.
  k.enableRbacAuthorization = boolAt(k, 'enableRbacAuthorization', r, false, 'rbac_authorization_enabled', 'enable_rbac_authorization');
  // public_network_access_enabled: default true.
  k.publicNetworkAccess = boolAt(k, 'publicNetworkAccess', r, true, 'public_network_access_enabled') ? 'Enabled' : 'Disabled';
  k.networkAclsDefaultAction = strAt(k, 'networkAclsDefaultAction', r, 'Allow', 'network_acls[0].default_action');
  ctx.azure.keyVaults.vaults.push(k);
}

function keyVaultKey(r: TfResource, ctx: AdaptContext): void {
  const k = base(r, ctx, 'KeyVaultKey', str(r.values['versionless_id']) || str(r.values['id'])) as KeyVaultKey;
  k.keyType = str(r.values['key_type']);
  const vault = refResources(r, 'key_vault_id', ctx, ['azurerm_key_vault'])[0];
  k.vaultAddress = vault?.address ?? '';
  k.vaultName = vault ? name(vault) : (/\/vaults\/([^/]+)$/i.exec(str(r.values['key_vault_id']))?.[1] ?? '');
  const rp = blocks(r.values['rotation_policy'])[0];
  origin(k, 'rotationPolicy', r, 'rotation_policy[0]');
  track(k, 'rotationPolicy.lifetimeActions', r, 'rotation_policy[0].automatic');
  const notifyWhy = unknownAt(r, 'rotation_policy[0].notify_before_expiry');
  if (notifyWhy !== null) markUnknown(k, 'rotationPolicy.lifetimeActions', `${r.address}.rotation_policy[0].notify_before_expiry: ${notifyWhy}`);
  if (rp) {
    const actions: NonNullable<KeyVaultKey['rotationPolicy']>['lifetimeActions'] = [];
    for (const auto of blocks(rp['automatic'])) actions.push({ action: 'Rotate', timeAfterCreate: str(auto['time_after_creation']), timeBeforeExpiry: str(auto['time_before_expiry']) });
    if (str(rp['notify_before_expiry']) !== '') actions.push({ action: 'Notify', timeAfterCreate: '', timeBeforeExpiry: str(rp['notify_before_expiry']) });
    k.rotationPolicy = { expiryTime: str(rp['expire_after']), lifetimeActions: actions };
  } else k.rotationPolicy = null;
  ctx.azure.keyVaults.keys.push(k);
}

// ---- network ---------------------------------------------------------------------------------

function vnetPeering(r: TfResource, ctx: AdaptContext): void {
  const p = base(r, ctx, 'VnetPeering', str(r.values['id'])) as VnetPeering;
  p.resourceGroup = str(r.values['resource_group_name']);
  p.virtualNetworkName = str(r.values['virtual_network_name']);
  const id = str(r.values['remote_virtual_network_id']);
  p.remoteVirtualNetwork = { id: id.includes('${') ? '' : id };
  track(p, 'remoteVirtualNetwork.id', r, 'remote_virtual_network_id');
  const remote = refResources(r, 'remote_virtual_network_id', ctx, ['azurerm_virtual_network'])[0];
  p.remoteAddress = remote?.address ?? '';
  p.remoteSubscriptionId = '';
  (p.origins ??= {})['remoteSubscriptionId'] = lineOf(r, 'remote_virtual_network_id');
  const seg = SUB_IN_ID.exec(id)?.[1] ?? '';
  if (seg !== '' && !seg.includes('${')) p.remoteSubscriptionId = seg;
  else if (remote) {
    const sub = subscriptionOf(remote, ctx);
    if ('id' in sub) p.remoteSubscriptionId = sub.id;
    else markUnknown(p, 'remoteSubscriptionId', `the remote VNet ${remote.address}: ${sub.why}`);
  } else markUnknown(p, 'remoteSubscriptionId', `${r.address}.remote_virtual_network_id: ${unknownAt(r, 'remote_virtual_network_id') ?? `${JSON.stringify(id)} names no subscription`}`);
  // allow_virtual_network_access: default true; the others default false.
  p.allowVirtualNetworkAccess = boolAt(p, 'allowVirtualNetworkAccess', r, true, 'allow_virtual_network_access');
  p.allowForwardedTraffic = boolAt(p, 'allowForwardedTraffic', r, false, 'allow_forwarded_traffic');
  p.allowGatewayTransit = boolAt(p, 'allowGatewayTransit', r, false, 'allow_gateway_transit');
  p.useRemoteGateways = boolAt(p, 'useRemoteGateways', r, false, 'use_remote_gateways');
  ctx.azure.network.vnetPeerings.push(p);
}

// ---- diagnostic settings ----------------------------------------------------------------------

const DESTINATIONS: [string, string][] = [
  ['log_analytics_workspace_id', 'workspace'], ['storage_account_id', 'storageAccount'],
  ['eventhub_authorization_rule_id', 'eventHub'], ['partner_solution_id', 'partner'],
];

function diagnosticSetting(r: TfResource, ctx: AdaptContext): void {
  const d = base(r, ctx, 'DiagnosticSetting', str(r.values['id'])) as DiagnosticSetting;
  const target = str(r.values['target_resource_id']);
  d.targetResourceId = target.includes('${') ? '' : target;
  track(d, 'targetResourceId', r, 'target_resource_id');
  const tRef = refResources(r, 'target_resource_id', ctx)[0];
  d.targetAddress = tRef?.address ?? '';
  d.targetType = '';
  d.targetSubscriptionId = '';
  (d.origins ??= {})['targetType'] = lineOf(r, 'target_resource_id');
  const subOnly = /^\/subscriptions\/([^/${}]+)\/?$/i.exec(target);
  if (subOnly) {
    d.targetType = 'subscription';
    d.targetSubscriptionId = subOnly[1]!;
  } else if (tRef && (tRef.type === 'azurerm_subscription') && target === '') {
    // data "azurerm_subscription" (or the resource): its subscription_id, else the provider's subscription.
    d.targetType = 'subscription';
    const own = str(tRef.values['subscription_id']);
    if (own !== '') d.targetSubscriptionId = own;
    else {
      const sub = subscriptionOf(tRef, ctx);
      if ('id' in sub) d.targetSubscriptionId = sub.id;
      else markUnknown(d, 'targetSubscriptionId', `${tRef.address}: ${sub.why}`);
    }
  } else if (target.startsWith('/subscriptions/') || tRef) d.targetType = 'resource';
  else markUnknown(d, 'targetType', `${r.address}.target_resource_id: ${unknownAt(r, 'target_resource_id') ?? 'not set'}`);

  // enabled_log (3.39+, the only form from 4.0) / log (≤3.x, with `enabled`, default true).
  d.logs = [
    ...blocks(r.values['enabled_log']).map((b) => ({ category: str(b['category']), categoryGroup: str(b['category_group']), enabled: true })),
    ...blocks(r.values['log']).map((b) => ({ category: str(b['category']), categoryGroup: str(b['category_group']), enabled: bool(b['enabled']) ?? true })),
  ];
  track(d, 'logs', r, blocks(r.values['enabled_log']).length > 0 || blocks(r.values['log']).length === 0 ? 'enabled_log' : 'log');
  if (!d.unknown?.['logs']) {
    const why = unknownAt(r, 'log');
    if (why !== null) markUnknown(d, 'logs', `${r.address}.log: ${why}`);
  }
  // enabled_metric (5.x) / metric (≤4.x, with `enabled`, default true).
  d.metrics = [
    ...blocks(r.values['enabled_metric']).map((b) => ({ category: str(b['category']), enabled: true })),
    ...blocks(r.values['metric']).map((b) => ({ category: str(b['category']), enabled: bool(b['enabled']) ?? true })),
  ];
  d.workspaceId = str(r.values['log_analytics_workspace_id']);
  d.storageAccountId = str(r.values['storage_account_id']);
  d.eventHubAuthorizationRuleId = str(r.values['eventhub_authorization_rule_id']);
  d.eventHubName = str(r.values['eventhub_name']);
  d.marketplacePartnerId = str(r.values['partner_solution_id']);
  d.logAnalyticsDestinationType = str(r.values['log_analytics_destination_type']);
  d.destinations = [];
  (d.origins ??= {})['destinations'] = lineOf(r, 'log_analytics_workspace_id');
  for (const [attr, kind] of DESTINATIONS) {
    const set = isSet(r, attr);
    if (set === true) d.destinations.push(kind);
    else if (set === null) markUnknown(d, 'destinations', `${r.address}.${attr}: ${unknownAt(r, attr) ?? 'not known statically'}`);
  }
  ctx.azure.monitor.diagnosticSettings.push(d);
}

/** A diagnostic setting as seen from its target (shared with azure-data.ts). */
export function settingRef(d: DiagnosticSetting): DiagnosticSettingRef {
  return {
    id: d.id, name: d.name, address: d.address,
    categories: [...new Set(d.logs.filter((l) => l.enabled && l.category !== '').map((l) => l.category))],
    categoryGroups: [...new Set(d.logs.filter((l) => l.enabled && l.categoryGroup !== '').map((l) => l.categoryGroup))],
    destinations: d.destinations,
  };
}

/** Attach a setting to an object (cluster, subscription), carrying its unknowns along. */
function attachSetting(o: CloudObject & { diagnosticSettings: DiagnosticSettingRef[] }, d: DiagnosticSetting): void {
  o.diagnosticSettings.push(settingRef(d));
  const origins = (o.origins ??= {});
  origins[`diagnosticSettings[${o.diagnosticSettings.length - 1}]`] = d.source;
  // A finding about the settings points at the (first) setting; with none, at the object itself.
  origins['diagnosticSettings'] ??= d.source;
  for (const k of ['logs', 'destinations'] as const) {
    const why = d.unknown?.[k];
    if (why) markUnknown(o, 'diagnosticSettings', `diagnostic setting ${d.address} (${k}): ${why}`);
  }
}

// ---- WAF -------------------------------------------------------------------------------------

function wafPolicy(r: TfResource, ctx: AdaptContext): void {
  const armType = r.type === 'azurerm_web_application_firewall_policy' ? 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies' : 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies';
  const w = base(r, ctx, 'WafPolicy', armId(r, ctx, armType)) as WafPolicy;
  w.resourceGroup = str(r.values['resource_group_name']);
  if (r.type === 'azurerm_web_application_firewall_policy') {
    w.policyType = 'ApplicationGateway';
    // policy_settings.enabled: default true; policy_settings.mode: default Prevention (also when the block is absent).
    w.policySettings = {
      state: boolAt(w, 'policySettings.state', r, true, 'policy_settings[0].enabled') ? 'Enabled' : 'Disabled',
      mode: strAt(w, 'policySettings.mode', r, 'Prevention', 'policy_settings[0].mode'),
    };
    // managed_rule_set.type: default OWASP.
    w.managedRules = { managedRuleSets: blocks(at(r.values, 'managed_rules[0].managed_rule_set')).map((b) => ({ ruleSetType: str(b['type']) || 'OWASP', ruleSetVersion: str(b['version']) })) };
    track(w, 'managedRules', r, 'managed_rules[0]');
  } else {
    w.policyType = r.type === 'azurerm_cdn_frontdoor_firewall_policy' ? 'FrontDoor' : 'FrontDoorClassic';
    // enabled: default true; mode: default Prevention (required in recent 4.x).
    w.policySettings = {
      state: boolAt(w, 'policySettings.state', r, true, 'enabled') ? 'Enabled' : 'Disabled',
      mode: strAt(w, 'policySettings.mode', r, 'Prevention', 'mode'),
    };
    w.managedRules = { managedRuleSets: blocks(r.values['managed_rule']).map((b) => ({ ruleSetType: str(b['type']), ruleSetVersion: str(b['version']) })) };
    track(w, 'managedRules', r, 'managed_rule[0]');
  }
  ctx.azure.waf.policies.push(w);
}

// ---- Entra conditional access (azuread provider) ----------------------------------------------

function conditionalAccessPolicy(r: TfResource, ctx: AdaptContext): void {
  const v = r.values;
  const p = { ...cloudBase(r, ctx, 'ConditionalAccessPolicy', str(v['display_name']) || r.address, str(v['id'])), kind: 'ConditionalAccessPolicy' } as ConditionalAccessPolicy;
  p.tenantId = '';
  p.displayName = str(v['display_name']);
  p.state = strAt(p, 'state', r, '', 'state');
  const c = 'conditions[0]';
  const u = `${c}.users[0]`;
  const a = `${c}.applications[0]`;
  const guests = `${u}.excluded_guests_or_external_users[0].guest_or_external_user_types`;
  const filter = `${c}.devices[0].filter[0]`;
  p.conditions = {
    users: {
      includeUsers: strs(at(v, `${u}.included_users`)), excludeUsers: strs(at(v, `${u}.excluded_users`)),
      includeGroups: strs(at(v, `${u}.included_groups`)), excludeGroups: strs(at(v, `${u}.excluded_groups`)), includeRoles: strs(at(v, `${u}.included_roles`)),
      excludeRoles: strs(at(v, `${u}.excluded_roles`)), excludeGuestsOrExternalUsers: strs(at(v, guests)).filter((t) => t !== 'none'),
    },
    applications: { includeApplications: strs(at(v, `${a}.included_applications`)), excludeApplications: strs(at(v, `${a}.excluded_applications`)) },
    clientAppTypes: strs(at(v, `${c}.client_app_types`)),
    locations: { includeLocations: strs(at(v, `${c}.locations[0].included_locations`)), excludeLocations: strs(at(v, `${c}.locations[0].excluded_locations`)) },
    platforms: { includePlatforms: strs(at(v, `${c}.platforms[0].included_platforms`)), excludePlatforms: strs(at(v, `${c}.platforms[0].excluded_platforms`)) },
    userRiskLevels: strs(at(v, `${c}.user_risk_levels`)), signInRiskLevels: strs(at(v, `${c}.sign_in_risk_levels`)),
    deviceFilter: { mode: str(at(v, `${filter}.mode`)), rule: str(at(v, `${filter}.rule`)) },
  };
  origin(p, 'conditions.users', r, u);
  origin(p, 'conditions.applications', r, a);
  // Each condition from a value known only at apply is unknown (the MFA rules then are too).
  for (const [model, tf] of [
    ['conditions.users.excludeRoles', `${u}.excluded_roles`], ['conditions.users.excludeGuestsOrExternalUsers', `${u}.excluded_guests_or_external_users`],
    ['conditions.clientAppTypes', `${c}.client_app_types`], ['conditions.locations', `${c}.locations`], ['conditions.platforms', `${c}.platforms`],
    ['conditions.userRiskLevels', `${c}.user_risk_levels`], ['conditions.signInRiskLevels', `${c}.sign_in_risk_levels`], ['conditions.deviceFilter', `${c}.devices`],
  ] as const) track(p, model, r, tf);
  const g = 'grant_controls[0]';
  const strength = str(at(v, `${g}.authentication_strength_policy_id`));
  p.grantControls = {
    operator: str(at(v, `${g}.operator`)),
    builtInControls: strs(at(v, `${g}.built_in_controls`)),
    authenticationStrength: strength !== '' || isSet(r, `${g}.authentication_strength_policy_id`) === true ? { id: strength } : null,
  };
  origin(p, 'grantControls', r, g);
  track(p, 'grantControls.builtInControls', r, `${g}.built_in_controls`);
  track(p, 'grantControls.authenticationStrength', r, `${g}.authentication_strength_policy_id`);
  track(p, 'conditions.users.includeUsers', r, `${u}.included_users`);
  track(p, 'conditions.users.includeGroups', r, `${u}.included_groups`);
  track(p, 'conditions.users.excludeUsers', r, `${u}.excluded_users`);
  track(p, 'conditions.applications.includeApplications', r, `${a}.included_applications`);
  ctx.azure.entra.conditionalAccessPolicies.push(p);
}

// ---- joins -----------------------------------------------------------------------------------

function finish(_resources: readonly TfResource[], ctx: AdaptContext): void {
  const az = ctx.azure;
  const clusterByAddress = new Map(az.aks.clusters.map((c) => [c.address, c]));

  // Separate node pools → their cluster.
  for (const pool of az.aks.agentPools) {
    if (pool.mode === 'System' && pool.id.endsWith('/default_node_pool')) continue;
    const r = ctx.byAddress.get(pool.address);
    if (!r) continue;
    const ref = refResources(r, 'kubernetes_cluster_id', ctx, ['azurerm_kubernetes_cluster'])[0];
    const id = str(r.values['kubernetes_cluster_id']);
    const cluster = (ref ? clusterByAddress.get(ref.address) : undefined) ?? az.aks.clusters.find((c) => eqId(c.resourceId, id));
    if (cluster) {
      pool.clusterName = cluster.name;
      pool.clusterAddress = cluster.address;
      cluster.agentPoolProfiles.push(poolSummary(pool));
      (cluster.origins ??= {})[`agentPoolProfiles[${cluster.agentPoolProfiles.length - 1}]`] = pool.source;
    } else pool.clusterName = /managedClusters\/([^/]+)$/i.exec(id)?.[1] ?? ref?.address ?? '';
  }

  // Federated credentials → their identity and the cluster whose issuer they trust.
  const idByAddress = new Map(az.identity.userAssigned.map((i) => [i.address, i]));
  for (const f of az.identity.federatedCredentials) {
    const identity = (f.parentAddress ? idByAddress.get(f.parentAddress) : undefined) ?? az.identity.userAssigned.find((i) => eqId(i.resourceId, f.parentId));
    if (identity) {
      identity.federatedCredentials.push(f.name);
      f.identityClientId = identity.clientId;
      const why = identity.unknown?.['clientId'];
      if (why) markUnknown(f, 'identityClientId', why);
    } else markUnknown(f, 'identityClientId', `the identity ${f.parentAddress || f.parentId || '(parent not set)'} is not among the inputs`);
    joinIssuer(f, ctx);
  }

  // Role assignments → is the principal a workload identity (a user-assigned identity with a federated credential)?
  for (const a of az.authorization.roleAssignments) {
    const byRef = a.principalAddress ? idByAddress.get(a.principalAddress) : undefined;
    if (byRef) {
      a.principalIsWorkloadIdentity = byRef.federatedCredentials.length > 0;
      continue;
    }
    if (a.principalAddress !== '') continue; // a reference to something else (a cluster's kubelet identity, a group…)
    if (a.principalId === '') {
      markUnknown(a, 'principalIsWorkloadIdentity', a.unknown?.['principalId'] ?? `${a.address}.principal_id is not set`);
      continue;
    }
    const byId = az.identity.userAssigned.find((i) => eqId(i.principalId, a.principalId));
    if (byId) a.principalIsWorkloadIdentity = byId.federatedCredentials.length > 0;
    else {
      const maybe = az.identity.userAssigned.filter((i) => i.federatedCredentials.length > 0 && i.unknown?.['principalId']);
      if (maybe.length > 0) markUnknown(a, 'principalIsWorkloadIdentity', `principal ${a.principalId} may be ${maybe.map((i) => i.address).join(', ')}, whose principal id is known only after apply`);
    }
  }

  // Diagnostic settings → clusters and subscriptions.
  const subs = subscriptions(ctx);
  for (const d of az.monitor.diagnosticSettings) {
    const byRef = d.targetAddress ? clusterByAddress.get(d.targetAddress) : undefined;
    const cluster = byRef ?? (d.targetResourceId !== '' ? az.aks.clusters.find((c) => eqId(c.resourceId, d.targetResourceId)) : undefined);
    if (cluster) {
      attachSetting(cluster, d);
      continue;
    }
    if (d.targetType === 'subscription') {
      const sub = subs.find((s) => eqId(s.subscriptionId, d.targetSubscriptionId));
      if (sub) attachSetting(sub, d);
      else if (d.unknown?.['targetSubscriptionId']) for (const s of subs) markUnknown(s, 'diagnosticSettings', `diagnostic setting ${d.address} targets a subscription that cannot be told: ${d.unknown['targetSubscriptionId']}`);
      continue;
    }
    if (d.targetType === '') {
      // Unresolvable target: it may be any cluster or subscription.
      const why = `diagnostic setting ${d.address} targets a resource that cannot be told (${d.unknown?.['targetType'] ?? d.unknown?.['targetResourceId'] ?? 'unknown'}); it may be this one`;
      for (const c of az.aks.clusters) markUnknown(c, 'diagnosticSettings', why);
      for (const s of subs) markUnknown(s, 'diagnosticSettings', why);
      continue;
    }
    // A literal id of a cluster whose own id is not known (no subscription pinned): may be it.
    if (d.targetResourceId !== '' && /\/providers\/Microsoft\.ContainerService\/managedClusters\//i.test(d.targetResourceId)) {
      for (const c of az.aks.clusters) {
        if (c.resourceId === '' && d.targetResourceId.toLowerCase().endsWith(`/managedclusters/${c.name.toLowerCase()}`)) {
          markUnknown(c, 'diagnosticSettings', `diagnostic setting ${d.address} targets ${d.targetResourceId}, which may be this cluster (its subscription is not known)`);
        }
      }
    }
  }
  az.subscriptions.push(...subs);
}

/** The AKS cluster whose OIDC issuer a federated credential trusts. */
function joinIssuer(f: FederatedIdentityCredential, ctx: AdaptContext): void {
  const clusters = ctx.azure.aks.clusters;
  const r = ctx.byAddress.get(f.address);
  const refd = r ? refResources(r, 'issuer', ctx, ['azurerm_kubernetes_cluster']) : [];
  const issuerWhy = f.unknown?.['issuer'];
  // A reference to `<cluster>.oidc_issuer_url`. HCL's unknown reason quotes the expression, so a
  // reference to another attribute of the cluster is told apart; plans only give the address.
  const viaRef = refd.find((c) => {
    if (issuerWhy === undefined) return true;
    const local = c.address.replace(/^(?:module\.[^.]+\.)+/, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`${local}(?:\\[[^\\]]*\\])?\\.([a-z_]+)`).exec(issuerWhy);
    return m === null || m[1] === 'oidc_issuer_url';
  });
  if (viaRef) {
    const model = clusters.find((c) => c.address === viaRef.address);
    if (f.issuer !== '' && model && model.oidcIssuerProfile.issuerURL !== '' && !sameIssuer(f.issuer, model.oidcIssuerProfile.issuerURL)) return; // plan: both known and different
    f.issuerCluster = model?.name ?? name(viaRef);
    delete f.unknown?.['issuerCluster'];
    return;
  }
  if (f.issuer === '' || f.issuer.includes('${')) {
    markUnknown(f, 'issuerCluster', issuerWhy ?? `${f.address}.issuer is not set`);
    return;
  }
  const hit = clusters.find((c) => c.oidcIssuerProfile.issuerURL !== '' && sameIssuer(c.oidcIssuerProfile.issuerURL, f.issuer));
  if (hit) {
    f.issuerCluster = hit.name;
    return;
  }
  // AKS issuer URLs are https://<region>.oic.prod-aks.azure.com/<tenant id>/<uuid>/: a cluster whose
  // (pinned) tenant differs cannot have issued it, even before its URL is known.
  const issuerTenant = AKS_ISSUER.exec(f.issuer)?.[1]?.toLowerCase() ?? '';
  const pending = clusters.filter((c) => {
    if (c.oidcIssuerProfile.issuerURL !== '' || !c.unknown?.['oidcIssuerProfile.issuerURL']) return false;
    const cr = ctx.byAddress.get(c.address);
    const s = cr ? inheritedProvider(ctx.azure.providers, cr.provider) : undefined;
    const tenant = s && !s.unknown?.['tenantId'] ? s.tenantId.toLowerCase() : '';
    return issuerTenant === '' || tenant === '' || tenant === issuerTenant;
  });
  if (pending.length > 0) markUnknown(f, 'issuerCluster', `issuer ${f.issuer} may be the OIDC issuer of ${pending.map((c) => c.address).join(', ')}, which is known only after apply`);
  else if (clusters.length === 0) markUnknown(f, 'issuerCluster', `no AKS cluster among the inputs to compare the issuer ${f.issuer} with`);
}

const AKS_ISSUER = /^https:\/\/[^/]+\.oic\.prod-aks\.azure\.com\/([^/]+)\//i;

export function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
}

/** One subscription per distinct `azurerm` provider target. */
function subscriptions(ctx: AdaptContext): AzureSubscription[] {
  const out: AzureSubscription[] = [];
  for (const p of ctx.azure.providers) {
    const known = !p.unknown?.['subscriptionId'] && p.subscriptionId !== '';
    const same = known ? out.find((s) => eqId(s.subscriptionId, p.subscriptionId)) : undefined;
    if (same) {
      same.providerKeys.push(p.providerKey);
      continue;
    }
    const s: AzureSubscription = {
      id: known ? `tf/subscriptions/${p.subscriptionId.toLowerCase()}` : `tf/${p.address}/subscription`, kind: 'AzureSubscription',
      name: known ? p.subscriptionId : `subscription of ${p.providerKey}`, source: p.source, address: p.address,
      resourceId: known ? `/subscriptions/${p.subscriptionId}` : '', providerKey: p.providerKey, origin: p.origin, module: p.module, tags: {},
      subscriptionId: p.subscriptionId, tenantId: p.tenantId, providerKeys: [p.providerKey], diagnosticSettings: [],
    };
    if (p.origins?.['subscriptionId']) s.origins = { subscriptionId: p.origins['subscriptionId'] };
    if (!known) markUnknown(s, 'subscriptionId', p.unknown?.['subscriptionId'] ?? `provider ${p.providerKey} does not set subscription_id (it comes from the environment at run time)`);
    if (p.unknown?.['tenantId']) markUnknown(s, 'tenantId', p.unknown['tenantId']);
    out.push(s);
  }
  return out;
}

const managed = (m: Mapper): Mapper => (r, ctx) => {
  if (r.mode === 'managed') m(r, ctx);
};

const mappers: Record<string, Mapper> = {
  azurerm_kubernetes_cluster: managed(aksCluster),
  azurerm_kubernetes_cluster_node_pool: managed(aksNodePool),
  azurerm_user_assigned_identity: managed(userAssignedIdentity),
  azurerm_federated_identity_credential: managed(federatedCredential),
  azurerm_role_assignment: managed(roleAssignment),
  azurerm_key_vault: managed(keyVault),
  azurerm_key_vault_key: managed(keyVaultKey),
  azurerm_virtual_network_peering: managed(vnetPeering),
  azurerm_monitor_diagnostic_setting: managed(diagnosticSetting),
  azurerm_web_application_firewall_policy: managed(wafPolicy),
  azurerm_cdn_frontdoor_firewall_policy: managed(wafPolicy),
  azurerm_frontdoor_firewall_policy: managed(wafPolicy),
  azuread_conditional_access_policy: managed(conditionalAccessPolicy),
};

export const azureComputeAdapter: ProviderAdapter = { mappers, finish };
