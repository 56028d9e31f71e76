/**
 * Terraform → Azure model for AKS, identities, role assignments, Key Vault, peering, diagnostic
 * settings, WAF and conditional access (src/collectors/terraform/azure-compute.ts): realistic
 * configurations through the real collector, AzureRM 3.x / 4.x / 5.x attribute names, provider
 * defaults, unknowns, joins, plan JSON, and findings that land on the attribute's line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyScope } from '../src/collectors/terraform/azure-compute.ts';
import type { AksCluster } from '../src/model/azure-compute.ts';
import type { Snapshot } from '../src/model/snapshot.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { scanFiles } from './helpers/scan.ts';

const OOB_SUB = '7c0f4a52-1111-4a7e-9b3d-5e6f7a8b9c0d';
const OOB_TENANT = '3f2e1d0c-2222-4b5a-8c7d-9e0f1a2b3c4d';
const PRIMARY_SUB = '0b1f6471-aaaa-4dda-aec3-111122223333';

const provider = `provider "azurerm" {
  features {}
  subscription_id = "${OOB_SUB}"
  tenant_id       = "${OOB_TENANT}"
}
`;

/** A hardened cluster in AzureRM 4.x spelling. */
const cluster4x = `resource "azurerm_kubernetes_cluster" "oob" {
  name                      = "aks-mm-oob"
  location                  = "westeurope"
  resource_group_name       = "rg-mm-oob"
  dns_prefix                = "aks-mm-oob"
  sku_tier                  = "Standard"
  local_account_disabled    = true
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  run_command_enabled       = false
  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "SecurityPatch"
  private_cluster_enabled   = true
  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    os_sku                       = "AzureLinux"
    host_encryption_enabled      = true
    node_public_ip_enabled       = false
    only_critical_addons_enabled = true
  }
  identity {
    type = "SystemAssigned"
  }
  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = ["6f1e2d3c-0000-4000-8000-aaaaaaaaaaaa"]
  }
  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
  }
  key_management_service {
    key_vault_key_id         = azurerm_key_vault_key.etcd.id
    key_vault_network_access = "Private"
  }
  key_vault_secrets_provider {
    secret_rotation_enabled = true
  }
  oms_agent {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id
  }
  microsoft_defender {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id
  }
}
`;

/** The same intent in AzureRM 3.x spelling. */
const cluster3x = `resource "azurerm_kubernetes_cluster" "oob" {
  name                            = "aks-mm-oob"
  location                        = "westeurope"
  resource_group_name             = "rg-mm-oob"
  dns_prefix                      = "aks-mm-oob"
  sku_tier                        = "Paid"
  api_server_authorized_ip_ranges = ["198.51.100.16/28"]
  automatic_channel_upgrade       = "stable"
  node_os_channel_upgrade         = "NodeImage"
  default_node_pool {
    name                   = "system"
    vm_size                = "Standard_D4ds_v5"
    enable_host_encryption = true
    enable_node_public_ip  = true
  }
  identity {
    type = "SystemAssigned"
  }
  azure_active_directory_role_based_access_control {
    managed                = true
    tenant_id              = "${OOB_TENANT}"
    azure_rbac_enabled     = true
    admin_group_object_ids = ["6f1e2d3c-0000-4000-8000-aaaaaaaaaaaa"]
  }
}
`;

function only<T>(list: readonly T[], what: string): T {
  expect(list, what).toHaveLength(1);
  return list[0]!;
}

function clusterOf(snapshot: Snapshot): AksCluster {
  return only(snapshot.azure.aks.clusters, 'clusters');
}

function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return text.slice(0, i).split('\n').length;
}

describe('AKS clusters', () => {
  it('AzureRM 4.x: effective values, provider tenant for the Entra block, default pool as System', async () => {
    const { snapshot } = await scanFiles({ 'main.tf': provider + cluster4x });
    const c = clusterOf(snapshot);
    expect(c).toMatchObject({
      kind: 'AksCluster', name: 'aks-mm-oob', address: 'azurerm_kubernetes_cluster.oob', origin: 'terraform-hcl',
      resourceId: `/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.ContainerService/managedClusters/aks-mm-oob`,
      skuTier: 'Standard', enableRBAC: true, disableLocalAccounts: true,
      // No tenant_id in the block: AKS uses the subscription's tenant, pinned by the provider.
      aadProfile: { managed: true, enableAzureRBAC: true, tenantID: OOB_TENANT, adminGroupObjectIDs: ['6f1e2d3c-0000-4000-8000-aaaaaaaaaaaa'] },
      apiServerAccessProfile: { authorizedIPRanges: [], enablePrivateCluster: true, enablePrivateClusterPublicFQDN: false, disableRunCommand: true, enableVnetIntegration: false },
      oidcIssuerProfile: { enabled: true, issuerURL: '' },
      securityProfile: {
        workloadIdentity: { enabled: true },
        azureKeyVaultKms: { enabled: true, keyVaultNetworkAccess: 'Private', keyAddress: 'azurerm_key_vault_key.etcd' },
        defender: { securityMonitoring: { enabled: true } },
      },
      networkProfile: { networkPlugin: 'azure', networkPolicy: 'cilium', networkDataPlane: 'cilium', networkPluginMode: 'overlay', outboundType: 'loadBalancer' },
      autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'SecurityPatch' },
      addonProfiles: { omsagent: { enabled: true }, azureKeyvaultSecretsProvider: { enabled: true, config: { enableSecretRotation: 'true', rotationPollInterval: '2m' } } },
      agentPoolProfiles: [{ name: 'system', mode: 'System', osSKU: 'AzureLinux', enableEncryptionAtHost: true, enableNodePublicIP: false, nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'] }],
    });
    // Computed by Azure, so unknown before apply; references inside blocks do not make the block unknown.
    expect(c.unknown?.['oidcIssuerProfile.issuerURL']).toMatch(/computed by Azure/);
    expect(c.unknown?.['securityProfile.azureKeyVaultKms.keyId']).toMatch(/azurerm_key_vault_key\.etcd\.id/);
    expect(c.unknown?.['securityProfile.azureKeyVaultKms']).toBeUndefined();
    expect(c.unknown?.['addonProfiles.omsagent']).toBeUndefined();
    expect(c.unknown?.['aadProfile.tenantID']).toBeUndefined();
  });

  it('AzureRM 3.x names map to the same model (authorized ranges, channels, host encryption, Paid tier)', async () => {
    const { snapshot } = await scanFiles({ 'main.tf': cluster3x });
    const c = clusterOf(snapshot);
    expect(c.apiServerAccessProfile.authorizedIPRanges).toEqual(['198.51.100.16/28']);
    expect(c.autoUpgradeProfile).toEqual({ upgradeChannel: 'stable', nodeOSUpgradeChannel: 'NodeImage' });
    expect(c.skuTier).toBe('Standard');
    expect(c.aadProfile).toMatchObject({ managed: true, tenantID: OOB_TENANT });
    const pool = only(snapshot.azure.aks.agentPools, 'pools');
    expect(pool).toMatchObject({ enableEncryptionAtHost: true, enableNodePublicIP: true, osSKU: 'Ubuntu', mode: 'System' });
    // 3.x-only attribute names date the configuration: oidc_issuer_enabled then defaults to false.
    expect(c.oidcIssuerProfile.enabled).toBe(false);
    expect(c.unknown?.['oidcIssuerProfile.enabled']).toBeUndefined();
  });

  it('defaults of a bare cluster: public, run command on, local accounts, Free tier, no upgrade channel, kubenet', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `resource "azurerm_kubernetes_cluster" "bare" {
  name                = "aks-bare"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "bare"
  default_node_pool {
    name    = "default"
    vm_size = "Standard_D2s_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
`,
    });
    const c = clusterOf(snapshot);
    expect(c).toMatchObject({
      skuTier: 'Free', enableRBAC: true, disableLocalAccounts: false, aadProfile: null,
      apiServerAccessProfile: { authorizedIPRanges: [], enablePrivateCluster: false, disableRunCommand: false },
      autoUpgradeProfile: { upgradeChannel: 'none', nodeOSUpgradeChannel: 'NodeImage' },
      networkProfile: { networkPlugin: 'kubenet', networkPolicy: '' },
      securityProfile: { workloadIdentity: { enabled: false }, azureKeyVaultKms: { enabled: false } },
      addonProfiles: { omsagent: { enabled: false }, azureKeyvaultSecretsProvider: { enabled: false, config: { enableSecretRotation: 'false' } } },
    });
    // No provider among the inputs: the id cannot be built; the Entra tenant question does not arise.
    expect(c.resourceId).toBe('');
    // oidc_issuer_enabled absent and nothing dates the configuration: 4.x says false, 5.x true.
    expect(c.unknown?.['oidcIssuerProfile.enabled']).toMatch(/defaults to false before AzureRM 5\.0 and to true from 5\.0/);
  });

  it('without a pinned subscription, a diagnostic setting naming the cluster by literal id may be its: unknown', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `${cluster4x}
resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks-audit"
  target_resource_id         = "/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.ContainerService/managedClusters/aks-mm-oob"
  log_analytics_workspace_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w"
  enabled_log {
    category = "kube-audit"
  }
}
`,
    });
    const c = clusterOf(snapshot);
    expect(c.resourceId).toBe('');
    expect(c.diagnosticSettings).toEqual([]);
    expect(c.unknown?.['diagnosticSettings']).toMatch(/may be this cluster \(its subscription is not known\)/);
  });

  it('a 3.x name fed by a variable without value is unknown, not the default', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `variable "host_encryption" {
  type = bool
}
variable "channel" {}
${cluster3x.replace('enable_host_encryption = true', 'enable_host_encryption = var.host_encryption').replace('"stable"', 'var.channel')}`,
    });
    const pool = only(snapshot.azure.aks.agentPools, 'pools');
    expect(pool.unknown?.['enableEncryptionAtHost']).toMatch(/var\.host_encryption has no known value/);
    expect(clusterOf(snapshot).unknown?.['autoUpgradeProfile.upgradeChannel']).toMatch(/automatic_channel_upgrade: var\.channel has no known value/);
  });

  it('separate node pools join their cluster (by reference, or by id); mode defaults to User', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `${provider}${cluster4x}
resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.oob.id
  vm_size               = "Standard_D8ds_v5"
  os_sku                = "Ubuntu2204"
  enable_host_encryption = true
  node_taints           = ["workload=mattermost:NoSchedule"]
}
resource "azurerm_kubernetes_cluster_node_pool" "win" {
  name                  = "win"
  kubernetes_cluster_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.ContainerService/managedClusters/aks-mm-oob"
  vm_size               = "Standard_D8ds_v5"
  os_type               = "Windows"
  mode                  = "System"
}
`,
    });
    const c = clusterOf(snapshot);
    expect(c.agentPoolProfiles.map((p) => [p.name, p.mode, p.osSKU, p.enableEncryptionAtHost])).toEqual([
      ['system', 'System', 'AzureLinux', true],
      ['apps', 'User', 'Ubuntu2204', true],
      ['win', 'System', 'Windows2019', false],
    ]);
    const apps = snapshot.azure.aks.agentPools.find((p) => p.name === 'apps');
    expect(apps).toMatchObject({ clusterName: 'aks-mm-oob', clusterAddress: 'azurerm_kubernetes_cluster.oob', nodeTaints: ['workload=mattermost:NoSchedule'], id: 'tf/azurerm_kubernetes_cluster_node_pool.apps' });
  });

  it('a data source of the same type is not judged as a cluster', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `data "azurerm_kubernetes_cluster" "primary" {
  name                = "aks-primary"
  resource_group_name = "rg-primary"
}
`,
    });
    expect(snapshot.azure.aks.clusters).toEqual([]);
  });

  it('findings land on the attribute line, or on the resource when the argument is absent', async () => {
    const text = provider + cluster4x.replace('network_policy      = "cilium"', 'network_policy      = "none"').replace('  run_command_enabled       = false\n', '');
    const { report } = await scanFiles({ 'main.tf': text });
    const policy = report.findings.find((f) => f.ruleId === 'ZT-NET-003.aks');
    expect(policy?.status).toBe('fail');
    expect(policy?.message).toContain('network_policy "none"');
    expect(policy?.location?.startLine).toBe(lineOf(text, 'network_policy      = "none"'));
    const run = report.findings.find((f) => f.ruleId === 'ZT-NET-004.aks');
    expect(run?.status).toBe('fail');
    expect(run?.message).toContain('run command');
    expect(run?.location?.startLine).toBe(lineOf(text, 'resource "azurerm_kubernetes_cluster" "oob"'));
  });
});

describe('diagnostic settings and the activity log', () => {
  const workspace = `resource "azurerm_log_analytics_workspace" "oob" {
  name                = "log-mm-oob"
  location            = "westeurope"
  resource_group_name = "rg-mm-oob"
}
`;

  it('join the cluster by reference (4.x enabled_log) and by literal id (3.x log, disabled categories left out)', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `${provider}${cluster4x}${workspace}
resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                       = "aks-audit"
  target_resource_id         = azurerm_kubernetes_cluster.oob.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id
  enabled_log {
    category = "kube-audit-admin"
  }
  enabled_log {
    category = "guard"
  }
}
resource "azurerm_monitor_diagnostic_setting" "legacy" {
  name               = "aks-legacy"
  target_resource_id = "/subscriptions/${OOB_SUB.toUpperCase()}/resourceGroups/rg-mm-oob/providers/Microsoft.ContainerService/managedClusters/aks-mm-oob"
  storage_account_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.Storage/storageAccounts/stmmooblogs"
  log {
    category = "kube-audit"
    enabled  = false
  }
  log {
    category_group = "audit"
  }
  metric {
    category = "AllMetrics"
  }
}
`,
    });
    const c = clusterOf(snapshot);
    expect(c.diagnosticSettings.map((d) => [d.address, d.categories, d.categoryGroups, d.destinations])).toEqual([
      ['azurerm_monitor_diagnostic_setting.aks', ['kube-audit-admin', 'guard'], [], ['workspace']],
      ['azurerm_monitor_diagnostic_setting.legacy', [], ['audit'], ['storageAccount']],
    ]);
    expect(c.unknown?.['diagnosticSettings']).toBeUndefined();
    const legacy = snapshot.azure.monitor.diagnosticSettings.find((d) => d.name === 'aks-legacy');
    expect(legacy).toMatchObject({ targetType: 'resource', logs: [{ category: 'kube-audit', enabled: false }, { categoryGroup: 'audit', enabled: true }], metrics: [{ category: 'AllMetrics', enabled: true }] });
  });

  it('a setting whose target cannot be told makes the cluster and subscription unknown, not passing or failing', async () => {
    const { snapshot, report } = await scanFiles({
      'main.tf': `${provider}${cluster4x}
variable "target" {}
resource "azurerm_monitor_diagnostic_setting" "x" {
  name                       = "x"
  target_resource_id         = var.target
  log_analytics_workspace_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w"
  enabled_log {
    category = "guard"
  }
}
`,
    });
    expect(clusterOf(snapshot).unknown?.['diagnosticSettings']).toMatch(/azurerm_monitor_diagnostic_setting\.x targets a resource that cannot be told.*var\.target/);
    expect(only(snapshot.azure.subscriptions, 'subscriptions').unknown?.['diagnosticSettings']).toBeDefined();
    expect(report.findings.find((f) => f.ruleId === 'ZT-MON-002.aks')?.status).toBe('unknown');
    expect(report.findings.find((f) => f.ruleId === 'ZT-MON-004')?.status).toBe('unknown');
  });

  it('activity-log settings join the subscription: data.azurerm_subscription (own id or the provider\'s), literal id', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `${provider}
provider "azurerm" {
  alias           = "dr"
  features {}
  subscription_id = "44444444-eeee-4fff-8aaa-555555555555"
}
data "azurerm_subscription" "current" {}
data "azurerm_subscription" "dr" {
  subscription_id = "44444444-eeee-4fff-8aaa-555555555555"
}
resource "azurerm_monitor_diagnostic_setting" "activity" {
  name                       = "activity"
  target_resource_id         = data.azurerm_subscription.current.id
  log_analytics_workspace_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w"
  enabled_log {
    category = "Administrative"
  }
}
resource "azurerm_monitor_diagnostic_setting" "activity_dr" {
  name               = "activity-dr"
  target_resource_id = data.azurerm_subscription.dr.id
  eventhub_authorization_rule_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns/authorizationRules/send"
  enabled_log {
    category_group = "allLogs"
  }
}
resource "azurerm_monitor_diagnostic_setting" "literal" {
  name               = "activity-literal"
  target_resource_id = "/subscriptions/${OOB_SUB.toUpperCase()}"
  partner_solution_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg/providers/Microsoft.Datadog/monitors/dd"
  enabled_log {
    category = "Security"
  }
}
`,
    });
    const subs = snapshot.azure.subscriptions;
    expect(subs.map((s) => [s.subscriptionId, s.providerKeys, s.diagnosticSettings.map((d) => [d.name, d.categories, d.categoryGroups, d.destinations])])).toEqual([
      [OOB_SUB, ['azurerm'], [['activity', ['Administrative'], [], ['workspace']], ['activity-literal', ['Security'], [], ['partner']]]],
      ['44444444-eeee-4fff-8aaa-555555555555', ['azurerm.dr'], [['activity-dr', [], ['allLogs'], ['eventHub']]]],
    ]);
    expect(subs[0]).toMatchObject({ kind: 'AzureSubscription', id: `tf/subscriptions/${OOB_SUB}`, tenantId: OOB_TENANT, resourceId: `/subscriptions/${OOB_SUB}` });
  });

  it('providers on the same subscription are one subscription; an unpinned provider is one of unknown id', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `${provider}
provider "azurerm" {
  alias           = "same"
  features {}
  subscription_id = "${OOB_SUB.toUpperCase()}"
}
provider "azurerm" {
  alias = "env"
  features {}
}
`,
    });
    expect(snapshot.azure.subscriptions.map((s) => [s.name, s.providerKeys])).toEqual([[OOB_SUB, ['azurerm', 'azurerm.same']], ['subscription of azurerm.env', ['azurerm.env']]]);
    expect(snapshot.azure.subscriptions[1]?.unknown?.['subscriptionId']).toMatch(/does not set subscription_id/);
  });
});

describe('workload identity: identities, federated credentials, role assignments', () => {
  const identity = `resource "azurerm_user_assigned_identity" "mm" {
  name                = "id-mattermost-files"
  location            = "westeurope"
  resource_group_name = "rg-mm-oob"
}
`;

  it('a federated credential referencing the cluster issuer is pinned to it; 4.x parent_id and 5.x user_assigned_identity_id alike', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `${provider}${cluster4x}${identity}
resource "azurerm_federated_identity_credential" "v4" {
  name                = "mattermost"
  resource_group_name = "rg-mm-oob"
  parent_id           = azurerm_user_assigned_identity.mm.id
  issuer              = azurerm_kubernetes_cluster.oob.oidc_issuer_url
  subject             = "system:serviceaccount:mattermost:mattermost"
  audience            = ["api://AzureADTokenExchange"]
}
resource "azurerm_federated_identity_credential" "v5" {
  name                      = "mattermost-jobs"
  resource_group_name       = "rg-mm-oob"
  user_assigned_identity_id = azurerm_user_assigned_identity.mm.id
  issuer                    = azurerm_kubernetes_cluster.oob.oidc_issuer_url
  subject                   = "system:serviceaccount:mattermost:mattermost-jobs"
  audience                  = ["api://AzureADTokenExchange"]
}
resource "azurerm_federated_identity_credential" "fqdn" {
  name                = "not-an-issuer"
  resource_group_name = "rg-mm-oob"
  parent_id           = azurerm_user_assigned_identity.mm.id
  issuer              = azurerm_kubernetes_cluster.oob.fqdn
  subject             = "system:serviceaccount:mattermost:other"
  audience            = ["api://AzureADTokenExchange"]
}
`,
    });
    const byName = Object.fromEntries(snapshot.azure.identity.federatedCredentials.map((f) => [f.name, f]));
    expect(byName['mattermost']).toMatchObject({ issuerCluster: 'aks-mm-oob', parentAddress: 'azurerm_user_assigned_identity.mm', serviceAccountNamespace: 'mattermost', serviceAccountName: 'mattermost', audiences: ['api://AzureADTokenExchange'] });
    expect(byName['mattermost-jobs']).toMatchObject({ issuerCluster: 'aks-mm-oob', parentAddress: 'azurerm_user_assigned_identity.mm', serviceAccountName: 'mattermost-jobs' });
    // Another attribute of the cluster is not its issuer.
    expect(byName['not-an-issuer']?.issuerCluster).toBe('');
    expect(byName['not-an-issuer']?.unknown?.['issuerCluster']).toMatch(/fqdn/);
    // The identity's client id is computed: unknown on the credential, with the reason.
    expect(byName['mattermost']?.unknown?.['identityClientId']).toMatch(/client_id is computed by Azure/);
    expect(only(snapshot.azure.identity.userAssigned, 'identities').federatedCredentials.sort()).toEqual(['mattermost', 'mattermost-jobs', 'not-an-issuer']);
  });

  it('a literal issuer: unknown while the cluster issuer is pending, failing when the tenant differs, unknown with no cluster', async () => {
    const cred = (issuer: string): string => `resource "azurerm_federated_identity_credential" "mm" {
  name                = "mattermost"
  resource_group_name = "rg-mm-oob"
  parent_id           = "/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-mattermost-files"
  issuer              = "${issuer}"
  subject             = "system:serviceaccount:mattermost:mattermost"
  audience            = ["api://AzureADTokenExchange"]
}
`;
    const same = `https://westeurope.oic.prod-aks.azure.com/${OOB_TENANT}/9b8c7d6e-0000-4000-8000-fedcba987654/`;
    const other = 'https://westeurope.oic.prod-aks.azure.com/72f988bf-bbbb-41af-91ab-2d7cd011db47/9b8c7d6e-0000-4000-8000-fedcba987654/';
    const pending = await scanFiles({ 'main.tf': provider + cluster4x + cred(same) });
    expect(only(pending.snapshot.azure.identity.federatedCredentials, 'creds').unknown?.['issuerCluster']).toMatch(/may be the OIDC issuer of azurerm_kubernetes_cluster\.oob, which is known only after apply/);
    const foreign = await scanFiles({ 'main.tf': provider + cluster4x + cred(other) });
    const f = only(foreign.snapshot.azure.identity.federatedCredentials, 'creds');
    expect(f.issuerCluster).toBe('');
    expect(f.unknown?.['issuerCluster']).toBeUndefined();
    expect(foreign.report.findings.find((x) => x.ruleId === 'ZT-IAM-005.federated-credential')?.status).toBe('fail');
    const alone = await scanFiles({ 'main.tf': cred(same) });
    expect(only(alone.snapshot.azure.identity.federatedCredentials, 'creds').unknown?.['issuerCluster']).toMatch(/no AKS cluster among the inputs/);
    // The parent is not among the inputs: its client id is unknown.
    expect(only(alone.snapshot.azure.identity.federatedCredentials, 'creds').unknown?.['identityClientId']).toMatch(/not among the inputs/);
  });

  it('role assignments: scope classified from references, literal ids and partial templates; built-in role ids named; workload identity joined', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `${provider}${cluster4x}${identity}
data "azurerm_subscription" "current" {}
resource "azurerm_federated_identity_credential" "mm" {
  name                = "mattermost"
  resource_group_name = "rg-mm-oob"
  parent_id           = azurerm_user_assigned_identity.mm.id
  issuer              = azurerm_kubernetes_cluster.oob.oidc_issuer_url
  subject             = "system:serviceaccount:mattermost:mattermost"
  audience            = ["api://AzureADTokenExchange"]
}
resource "azurerm_storage_account" "files" {
  name                     = "stmmoobfiles"
  resource_group_name      = "rg-mm-oob"
  location                 = "westeurope"
  account_tier             = "Standard"
  account_replication_type = "GZRS"
}
resource "azurerm_role_assignment" "container" {
  scope                = "\${azurerm_storage_account.files.id}/blobServices/default/containers/mattermost"
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.mm.principal_id
}
resource "azurerm_role_assignment" "rg_owner" {
  scope              = "/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob"
  role_definition_id = "/subscriptions/${OOB_SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
  principal_id       = azurerm_user_assigned_identity.mm.principal_id
}
resource "azurerm_role_assignment" "sub_reader" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Reader"
  principal_id         = azurerm_user_assigned_identity.mm.principal_id
}
resource "azurerm_role_assignment" "kubelet_acr" {
  scope                = "/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.ContainerRegistry/registries/acrmmoob"
  role_definition_name = "AcrPull"
  principal_id         = azurerm_kubernetes_cluster.oob.kubelet_identity[0].object_id
}
resource "azurerm_role_assignment" "group" {
  scope                = "/providers/Microsoft.Management/managementGroups/oob"
  role_definition_name = "Reader"
  principal_id         = "4d3c2b1a-0000-4000-8000-444444444444"
}
`,
    });
    const byAddr = Object.fromEntries(snapshot.azure.authorization.roleAssignments.map((a) => [a.address.replace('azurerm_role_assignment.', ''), a]));
    expect(byAddr['container']).toMatchObject({ scopeType: 'resource', scopeResourceType: 'Microsoft.Storage/storageAccounts/blobServices/containers', scopeAddress: 'azurerm_storage_account.files', principalIsWorkloadIdentity: true });
    expect(byAddr['rg_owner']).toMatchObject({ scopeType: 'resourceGroup', roleDefinitionName: 'Owner', principalIsWorkloadIdentity: true });
    expect(byAddr['sub_reader']).toMatchObject({ scopeType: 'subscription', scopeAddress: 'data.azurerm_subscription.current', roleDefinitionName: 'Reader' });
    expect(byAddr['kubelet_acr']).toMatchObject({ scopeType: 'resource', scopeResourceType: 'Microsoft.ContainerRegistry/registries', principalAddress: 'azurerm_kubernetes_cluster.oob', principalIsWorkloadIdentity: false });
    // A literal principal that no identity among the inputs can be: not a workload identity... unless an
    // identity with a federated credential has a principal id known only after apply.
    expect(byAddr['group']?.scopeType).toBe('managementGroup');
    expect(byAddr['group']?.unknown?.['principalIsWorkloadIdentity']).toMatch(/may be azurerm_user_assigned_identity\.mm/);
    for (const a of Object.values(byAddr)) expect(a.unknown?.['scopeType'], a.address).toBeUndefined();
  });

  it('classifyScope', () => {
    expect(classifyScope('/')).toEqual({ scopeType: 'managementGroup', resourceType: '' });
    expect(classifyScope(`/subscriptions/${OOB_SUB}`)).toEqual({ scopeType: 'subscription', resourceType: '' });
    expect(classifyScope(`/subscriptions/${OOB_SUB}/resourceGroups/rg/`)).toEqual({ scopeType: 'resourceGroup', resourceType: '' });
    expect(classifyScope(`/subscriptions/${OOB_SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa/blobServices/default/containers/velero`))
      .toEqual({ scopeType: 'resource', resourceType: 'Microsoft.Storage/storageAccounts/blobServices/containers' });
    expect(classifyScope(`/subscriptions/${OOB_SUB}/resourcegroups/rg/providers/Microsoft.KeyVault/vaults/kv`)).toEqual({ scopeType: 'resource', resourceType: 'Microsoft.KeyVault/vaults' });
    expect(classifyScope('https://stmm.blob.core.windows.net/velero')).toBeNull();
  });

  it('with ServiceAccount manifests: a federated credential for a ServiceAccount that is not among them fails, naming it', async () => {
    const { report } = await scanFiles({
      'main.tf': `${identity}
resource "azurerm_federated_identity_credential" "mm" {
  name                = "mattermost"
  resource_group_name = "rg-mm-oob"
  parent_id           = azurerm_user_assigned_identity.mm.id
  issuer              = "https://westeurope.oic.prod-aks.azure.com/${OOB_TENANT}/9b8c7d6e-0000-4000-8000-fedcba987654/"
  subject             = "system:serviceaccount:mattermost:mattermost"
  audience            = ["api://AzureADTokenExchange"]
}
`,
      'k8s/sa.yaml': 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: velero\n  namespace: velero\n',
    });
    const f = report.findings.find((x) => x.ruleId === 'ZT-IAM-005.federated-service-account');
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('mattermost/mattermost, which is not among the scanned manifests');
  });
});

describe('Key Vault', () => {
  it('4.x enable_rbac_authorization and 5.x rbac_authorization_enabled; defaults; keys with and without rotation', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `${provider}
resource "azurerm_key_vault" "v4" {
  name                      = "kv-mm-oob"
  location                  = "westeurope"
  resource_group_name       = "rg-mm-oob"
  tenant_id                 = "${OOB_TENANT}"
  sku_name                  = "premium"
  purge_protection_enabled  = true
  enable_rbac_authorization = true
  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }
}
resource "azurerm_key_vault" "v5" {
  name                          = "kv-mm-oob-dr"
  location                      = "northeurope"
  resource_group_name           = "rg-mm-oob"
  tenant_id                     = "${OOB_TENANT}"
  sku_name                      = "standard"
  rbac_authorization_enabled    = true
  soft_delete_retention_days    = 30
  public_network_access_enabled = false
}
resource "azurerm_key_vault" "defaults" {
  name                = "kv-defaults"
  location            = "westeurope"
  resource_group_name = "rg-mm-oob"
  tenant_id           = "${OOB_TENANT}"
  sku_name            = "standard"
}
resource "azurerm_key_vault_key" "etcd" {
  name         = "aks-etcd-kek"
  key_vault_id = azurerm_key_vault.v4.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
  rotation_policy {
    automatic {
      time_after_creation = "P60D"
    }
    expire_after         = "P90D"
    notify_before_expiry = "P29D"
  }
}
resource "azurerm_key_vault_key" "static" {
  name         = "static"
  key_vault_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.KeyVault/vaults/kv-other"
  key_type     = "RSA"
  key_size     = 2048
  key_opts     = ["wrapKey", "unwrapKey"]
}
`,
    });
    const v = Object.fromEntries(snapshot.azure.keyVaults.vaults.map((x) => [x.address, x]));
    expect(v['azurerm_key_vault.v4']).toMatchObject({ enablePurgeProtection: true, enableRbacAuthorization: true, softDeleteRetentionInDays: 90, publicNetworkAccess: 'Enabled', networkAclsDefaultAction: 'Deny', resourceId: `/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.KeyVault/vaults/kv-mm-oob` });
    expect(v['azurerm_key_vault.v5']).toMatchObject({ enablePurgeProtection: false, enableRbacAuthorization: true, softDeleteRetentionInDays: 30, publicNetworkAccess: 'Disabled', networkAclsDefaultAction: 'Allow' });
    expect(v['azurerm_key_vault.defaults']).toMatchObject({ enablePurgeProtection: false, enableRbacAuthorization: false });
    const k = Object.fromEntries(snapshot.azure.keyVaults.keys.map((x) => [x.name, x]));
    expect(k['aks-etcd-kek']).toMatchObject({
      vaultAddress: 'azurerm_key_vault.v4', vaultName: 'kv-mm-oob',
      rotationPolicy: { expiryTime: 'P90D', lifetimeActions: [{ action: 'Rotate', timeAfterCreate: 'P60D', timeBeforeExpiry: '' }, { action: 'Notify', timeAfterCreate: '', timeBeforeExpiry: 'P29D' }] },
    });
    expect(k['static']).toMatchObject({ vaultAddress: '', vaultName: 'kv-other', rotationPolicy: null });
  });
});

describe('VNet peering', () => {
  it('remote subscription from the id, from the provider of a referenced VNet, or unknown', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `${provider}
provider "azurerm" {
  alias           = "hub"
  features {}
  subscription_id = "${PRIMARY_SUB}"
}
variable "remote" {}
data "azurerm_virtual_network" "hub" {
  provider            = azurerm.hub
  name                = "vnet-hub"
  resource_group_name = "rg-hub"
}
resource "azurerm_virtual_network" "dr" {
  name                = "vnet-dr"
  location            = "northeurope"
  resource_group_name = "rg-dr"
  address_space       = ["10.81.0.0/16"]
}
resource "azurerm_virtual_network_peering" "literal" {
  name                         = "to-hub"
  resource_group_name          = "rg-mm-oob"
  virtual_network_name         = "vnet-mm-oob"
  remote_virtual_network_id    = "/subscriptions/${PRIMARY_SUB}/resourceGroups/rg-hub/providers/Microsoft.Network/virtualNetworks/vnet-hub"
  allow_virtual_network_access = false
  use_remote_gateways          = true
}
resource "azurerm_virtual_network_peering" "data" {
  name                      = "to-hub-data"
  resource_group_name       = "rg-mm-oob"
  virtual_network_name      = "vnet-mm-oob"
  remote_virtual_network_id = data.azurerm_virtual_network.hub.id
}
resource "azurerm_virtual_network_peering" "dr" {
  name                      = "to-dr"
  resource_group_name       = "rg-mm-oob"
  virtual_network_name      = "vnet-mm-oob"
  remote_virtual_network_id = azurerm_virtual_network.dr.id
}
resource "azurerm_virtual_network_peering" "var" {
  name                      = "to-var"
  resource_group_name       = "rg-mm-oob"
  virtual_network_name      = "vnet-mm-oob"
  remote_virtual_network_id = var.remote
}
`,
    });
    const p = Object.fromEntries(snapshot.azure.network.vnetPeerings.map((x) => [x.name, x]));
    expect(p['to-hub']).toMatchObject({ remoteSubscriptionId: PRIMARY_SUB, allowVirtualNetworkAccess: false, useRemoteGateways: true, allowForwardedTraffic: false });
    expect(p['to-hub-data']).toMatchObject({ remoteSubscriptionId: PRIMARY_SUB, remoteAddress: 'data.azurerm_virtual_network.hub', allowVirtualNetworkAccess: true });
    expect(p['to-dr']).toMatchObject({ remoteSubscriptionId: OOB_SUB, remoteAddress: 'azurerm_virtual_network.dr' });
    expect(p['to-var']?.remoteSubscriptionId).toBe('');
    expect(p['to-var']?.unknown?.['remoteSubscriptionId']).toMatch(/var\.remote has no known value/);
  });
});

describe('WAF policies and conditional access', () => {
  it('Application Gateway defaults (enabled, Prevention, OWASP), Front Door and classic Front Door', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `resource "azurerm_web_application_firewall_policy" "agw" {
  name                = "waf-agw"
  resource_group_name = "rg-mm-oob"
  location            = "westeurope"
  managed_rules {
    managed_rule_set {
      version = "3.2"
    }
    managed_rule_set {
      type    = "Microsoft_BotManagerRuleSet"
      version = "1.0"
    }
  }
}
resource "azurerm_cdn_frontdoor_firewall_policy" "afd" {
  name                = "wafafd"
  resource_group_name = "rg-mm-oob"
  sku_name            = "Premium_AzureFrontDoor"
  mode                = "Detection"
  managed_rule {
    type    = "Microsoft_DefaultRuleSet"
    version = "2.1"
    action  = "Block"
  }
}
resource "azurerm_frontdoor_firewall_policy" "classic" {
  name                = "wafclassic"
  resource_group_name = "rg-mm-oob"
  enabled             = false
}
`,
    });
    const w = Object.fromEntries(snapshot.azure.waf.policies.map((x) => [x.name, x]));
    expect(w['waf-agw']).toMatchObject({ policyType: 'ApplicationGateway', policySettings: { state: 'Enabled', mode: 'Prevention' }, managedRules: { managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2' }, { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.0' }] } });
    expect(w['wafafd']).toMatchObject({ policyType: 'FrontDoor', policySettings: { state: 'Enabled', mode: 'Detection' }, managedRules: { managedRuleSets: [{ ruleSetType: 'Microsoft_DefaultRuleSet' }] } });
    expect(w['wafclassic']).toMatchObject({ policyType: 'FrontDoorClassic', policySettings: { state: 'Disabled', mode: 'Prevention' }, managedRules: { managedRuleSets: [] } });
  });

  it('azuread conditional access policies in Graph names', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `resource "azuread_conditional_access_policy" "mfa" {
  display_name = "OOB: phishing-resistant MFA"
  state        = "enabled"
  conditions {
    client_app_types = ["all"]
    applications {
      included_applications = ["0d4f1a2b-0000-4000-8000-555555555555"]
    }
    users {
      included_groups = ["4d3c2b1a-0000-4000-8000-444444444444"]
      excluded_users  = ["0e9d8c7b-0000-4000-8000-333333333333"]
    }
  }
  grant_controls {
    operator                          = "OR"
    authentication_strength_policy_id = "/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004"
  }
}
`,
    });
    expect(only(snapshot.azure.entra.conditionalAccessPolicies, 'policies')).toMatchObject({
      kind: 'ConditionalAccessPolicy', displayName: 'OOB: phishing-resistant MFA', state: 'enabled',
      conditions: { users: { includeGroups: ['4d3c2b1a-0000-4000-8000-444444444444'], excludeUsers: ['0e9d8c7b-0000-4000-8000-333333333333'], includeUsers: [] }, applications: { includeApplications: ['0d4f1a2b-0000-4000-8000-555555555555'] } },
      grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: '/policies/authenticationStrengthPolicies/00000000-0000-0000-0000-000000000004' } },
    });
  });
  it('azuread conditional access conditions that narrow a policy: roles, guests, locations, platforms, client apps, risk, devices', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `variable "platforms" {}
resource "azuread_conditional_access_policy" "mfa" {
  display_name = "OOB: MFA outside the office"
  state        = "enabled"
  conditions {
    client_app_types    = ["browser", "mobileAppsAndDesktopClients"]
    user_risk_levels    = ["high"]
    sign_in_risk_levels = ["medium", "high"]
    applications {
      included_applications = ["All"]
    }
    users {
      included_users = ["All"]
      excluded_roles = ["62e90394-69f5-4237-9190-012177145e10"]
      excluded_guests_or_external_users {
        guest_or_external_user_types = ["internalGuest", "b2bCollaborationGuest"]
        external_tenants {
          membership_kind = "all"
        }
      }
    }
    locations {
      included_locations = ["All"]
      excluded_locations = ["AllTrusted"]
    }
    platforms {
      included_platforms = var.platforms
    }
    devices {
      filter {
        mode = "exclude"
        rule = "device.trustType -eq \\"ServerAD\\""
      }
    }
  }
  grant_controls {
    operator          = "OR"
    built_in_controls = ["mfa"]
  }
}
`,
    });
    const p = only(snapshot.azure.entra.conditionalAccessPolicies, 'policies');
    expect(p.conditions).toMatchObject({
      users: { includeUsers: ['All'], excludeRoles: ['62e90394-69f5-4237-9190-012177145e10'], excludeGuestsOrExternalUsers: ['internalGuest', 'b2bCollaborationGuest'] },
      clientAppTypes: ['browser', 'mobileAppsAndDesktopClients'], userRiskLevels: ['high'], signInRiskLevels: ['medium', 'high'],
      locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
      deviceFilter: { mode: 'exclude', rule: 'device.trustType -eq "ServerAD"' },
    });
    // A condition from a variable without a value is unknown, with where it comes from.
    expect(p.unknown?.['conditions.platforms']).toContain('azuread_conditional_access_policy.mfa.conditions[0].platforms');
    expect(Object.keys(p.unknown ?? {})).toEqual(['conditions.platforms']);
  });
});

describe('plan JSON (fixtures/terraform/plan/azure-oob.plan.json)', () => {
  const plan = readFileSync(path.join(PACKAGE_ROOT, 'fixtures/terraform/plan/azure-oob.plan.json'), 'utf8');

  it('reads the planned AKS cluster, joins its diagnostic setting by reference, one subscription per provider', async () => {
    const { snapshot } = await scanFiles({ 'plan.json': plan });
    const c = clusterOf(snapshot);
    expect(c).toMatchObject({
      origin: 'terraform-plan', kubernetesVersion: '1.30.3', skuTier: 'Standard', disableLocalAccounts: true,
      resourceId: '/subscriptions/00000000-aaaa-4bbb-8ccc-111111111111/resourceGroups/rg-mm-oob/providers/Microsoft.ContainerService/managedClusters/aks-mm-oob',
      aadProfile: { tenantID: '22222222-dddd-4eee-8fff-333333333333', enableAzureRBAC: true },
      apiServerAccessProfile: { authorizedIPRanges: ['203.0.113.0/28'], enablePrivateCluster: false },
      oidcIssuerProfile: { enabled: true, issuerURL: 'https://westeurope.oic.prod-aks.azure.com/22222222-dddd-4eee-8fff-333333333333/4f2c/' },
      networkProfile: { networkPolicy: 'cilium', outboundType: 'userDefinedRouting' },
      autoUpgradeProfile: { upgradeChannel: 'patch', nodeOSUpgradeChannel: 'NodeImage' },
      addonProfiles: { omsagent: { enabled: true }, azurepolicy: { enabled: true } },
      agentPoolProfiles: [{ name: 'system', osSKU: 'AzureLinux', enableEncryptionAtHost: true, enableNodePublicIP: false, nodeTaints: ['CriticalAddonsOnly=true:NoSchedule'] }],
      diagnosticSettings: [{ address: 'azurerm_monitor_diagnostic_setting.aks', categories: ['kube-audit-admin', 'guard'], destinations: ['workspace'] }],
    });
    expect(c.unknown?.['oidcIssuerProfile.enabled']).toBeUndefined();
    expect(c.unknown?.['oidcIssuerProfile.issuerURL']).toBeUndefined();
    expect(snapshot.azure.subscriptions.map((s) => [s.subscriptionId, s.providerKeys])).toEqual([
      ['00000000-aaaa-4bbb-8ccc-111111111111', ['azurerm']],
      ['44444444-eeee-4fff-8aaa-555555555555', ['azurerm.dr']],
    ]);
  });

  it('secrets in the plan (kubeconfig, client secret) never reach the model', async () => {
    const { snapshot } = await scanFiles({ 'plan.json': plan });
    const text = JSON.stringify(snapshot.azure);
    for (const secret of ['kubeCfgPassw0rd-SECRET', 'SECRETKEY', 'SECRETCERT', 'Azur3-Cl1ent-S3cret']) expect(text).not.toContain(secret);
  });

  it('a planned federated credential with a known issuer matches the cluster by URL', async () => {
    const fixture = JSON.parse(plan) as { planned_values: { root_module: { resources: unknown[] } } };
    fixture.planned_values.root_module.resources.push({
      address: 'azurerm_federated_identity_credential.mm', mode: 'managed', type: 'azurerm_federated_identity_credential', name: 'mm',
      provider_name: 'registry.terraform.io/hashicorp/azurerm', schema_version: 0, sensitive_values: {},
      values: {
        name: 'mattermost', resource_group_name: 'rg-mm-oob', audience: ['api://AzureADTokenExchange'],
        issuer: 'https://westeurope.oic.prod-aks.azure.com/22222222-dddd-4eee-8fff-333333333333/4f2c', subject: 'system:serviceaccount:mattermost:mattermost',
        parent_id: '/subscriptions/00000000-aaaa-4bbb-8ccc-111111111111/resourceGroups/rg-mm-oob/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-mm',
      },
    });
    const { snapshot } = await scanFiles({ 'plan.json': JSON.stringify(fixture) });
    expect(only(snapshot.azure.identity.federatedCredentials, 'creds')).toMatchObject({ issuerCluster: 'aks-mm-oob', serviceAccountName: 'mattermost' });
  });
});

describe('local modules', () => {
  it('references inside a module are qualified; the root provider gives the subscription', async () => {
    const { snapshot } = await scanFiles({
      'main.tf': `${provider}module "aks" {\n  source = "./modules/aks"\n  name   = "aks-mm-oob"\n}\n`,
      'modules/aks/main.tf': `variable "name" {}
resource "azurerm_kubernetes_cluster" "this" {
  name                = var.name
  location            = "westeurope"
  resource_group_name = "rg-mm-oob"
  dns_prefix          = var.name
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4ds_v5"
  }
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                  = "apps"
  kubernetes_cluster_id = azurerm_kubernetes_cluster.this.id
  vm_size               = "Standard_D4ds_v5"
}
resource "azurerm_monitor_diagnostic_setting" "this" {
  name                       = "aks-audit"
  target_resource_id         = azurerm_kubernetes_cluster.this.id
  log_analytics_workspace_id = "/subscriptions/${OOB_SUB}/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/w"
  enabled_log {
    category = "kube-audit"
  }
}
`,
    });
    const c = clusterOf(snapshot);
    expect(c.address).toBe('module.aks.azurerm_kubernetes_cluster.this');
    expect(c.resourceId).toBe(`/subscriptions/${OOB_SUB}/resourceGroups/rg-mm-oob/providers/Microsoft.ContainerService/managedClusters/aks-mm-oob`);
    expect(c.agentPoolProfiles.map((p) => p.name)).toEqual(['system', 'apps']);
    expect(c.diagnosticSettings.map((d) => d.address)).toEqual(['module.aks.azurerm_monitor_diagnostic_setting.this']);
  });
});
