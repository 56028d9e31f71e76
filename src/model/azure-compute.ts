/**
 * Azure model collections for AKS, managed identities, role assignments, Key Vault, VNet peering,
 * diagnostic settings, WAF policies and Entra conditional access. Filled from Terraform (AzureRM
 * 3.x, 4.x and 5.x attribute names alike; azuread for conditional access) now and from ARM/Graph
 * later, so field names are the ARM REST `properties` names (`enableRBAC`, `authorizedIPRanges`,
 * `osSKU`, `issuerURL`: the REST spelling, not the JS SDK's), flattened one level where ARM nests
 * everything under `properties`. Values are effective: the provider/API default when an argument
 * is absent (each default is named where it is applied), or listed in `unknown`.
 *
 * A few fields are joins the rules need and the live collector will fill the same way: the
 * diagnostic settings of a cluster or subscription, the AKS cluster a federated credential trusts,
 * the identity behind a role assignment. Each keeps the Terraform address of what it joined, so a
 * finding can name it.
 */
import type { CloudObject } from './cloud.ts';
import { emptyEntra, type EntraCollections } from './entra.ts';

/** A diagnostic setting as seen from its target (joined onto clusters and subscriptions). */
export interface DiagnosticSettingRef {
  /** Model id of the setting (`tf/azurerm_monitor_diagnostic_setting.aks`). */
  id: string;
  name: string;
  address: string;
  /** Enabled log categories (`enabled_log.category`, 3.x `log.category` with `enabled` true). */
  categories: string[];
  /** Enabled category groups (`audit`, `allLogs`). */
  categoryGroups: string[];
  /** Destinations that are set: `workspace`, `storageAccount`, `eventHub`, `partner`. */
  destinations: string[];
}

export interface AksAgentPool extends CloudObject {
  kind: 'AksAgentPool';
  /** The cluster's name and Terraform address. */
  clusterName: string;
  clusterAddress: string;
  /** `System` for `default_node_pool`; `azurerm_kubernetes_cluster_node_pool.mode` (default `User`). */
  mode: string;
  /** `Linux` unless `os_type` says otherwise (default node pools are always Linux). */
  osType: string;
  /** `os_sku`; default `Ubuntu` on Linux, `Windows2019` on Windows (provider docs). */
  osSKU: string;
  /** `host_encryption_enabled` (3.x `enable_host_encryption`); default false. */
  enableEncryptionAtHost: boolean;
  /** `node_public_ip_enabled` (3.x `enable_node_public_ip`); default false. */
  enableNodePublicIP: boolean;
  /** `node_taints`, plus `CriticalAddonsOnly=true:NoSchedule` when `only_critical_addons_enabled`. */
  nodeTaints: string[];
  vmSize: string;
}

export interface AksCluster extends CloudObject {
  kind: 'AksCluster';
  resourceGroup: string;
  location: string;
  kubernetesVersion: string;
  /** `sku.tier`: `Free` (default), `Standard`, `Premium` (3.x `Paid` = Standard). */
  skuTier: string;
  /** `role_based_access_control_enabled`; default true. */
  enableRBAC: boolean;
  /** `local_account_disabled`; default false. */
  disableLocalAccounts: boolean;
  /** `azure_active_directory_role_based_access_control`; null when absent (no Entra integration). */
  aadProfile: {
    /** AKS-managed Entra integration (always in 4.x+; 3.x legacy client/server apps = false). */
    managed: boolean;
    /** `azure_rbac_enabled`; default false. */
    enableAzureRBAC: boolean;
    /** `tenant_id`; when absent, the tenant of the subscription (the provider's `tenant_id`). */
    tenantID: string;
    adminGroupObjectIDs: string[];
  } | null;
  apiServerAccessProfile: {
    /** `api_server_access_profile.authorized_ip_ranges` (≤3.x `api_server_authorized_ip_ranges`). */
    authorizedIPRanges: string[];
    /** `private_cluster_enabled`; default false. */
    enablePrivateCluster: boolean;
    /** `private_cluster_public_fqdn_enabled`; default false. */
    enablePrivateClusterPublicFQDN: boolean;
    /** `!run_command_enabled` (default: run command enabled, so false). */
    disableRunCommand: boolean;
    /** `api_server_access_profile.virtual_network_integration_enabled`; default false. */
    enableVnetIntegration: boolean;
  };
  oidcIssuerProfile: {
    /** `oidc_issuer_enabled`: default false before AzureRM 5.0, true in 5.x (unknown when absent and the major cannot be told). */
    enabled: boolean;
    /** `oidc_issuer_url` (computed: known in plans of existing clusters). */
    issuerURL: string;
  };
  securityProfile: {
    /** `workload_identity_enabled`; default false. */
    workloadIdentity: { enabled: boolean };
    /** `key_management_service`: etcd encryption with a Key Vault key. */
    azureKeyVaultKms: {
      enabled: boolean;
      /** `key_vault_key_id` (a versioned key URL). */
      keyId: string;
      /** `key_vault_network_access`: `Public` (default) or `Private`. */
      keyVaultNetworkAccess: string;
      /** Terraform address of the `azurerm_key_vault_key` when referenced. */
      keyAddress: string;
    };
    /** `microsoft_defender`. */
    defender: { logAnalyticsWorkspaceResourceId: string; securityMonitoring: { enabled: boolean } };
  };
  networkProfile: {
    /** `network_plugin` (default `kubenet` when no network_profile). */
    networkPlugin: string;
    /** `network_policy`: `azure`, `calico`, `cilium`, or "" (none). */
    networkPolicy: string;
    networkDataPlane: string;
    networkPluginMode: string;
    outboundType: string;
  };
  /** Every node pool of the cluster: the default pool first, then `azurerm_kubernetes_cluster_node_pool`s. */
  agentPoolProfiles: { name: string; mode: string; osSKU: string; enableEncryptionAtHost: boolean; enableNodePublicIP: boolean; nodeTaints: string[] }[];
  autoUpgradeProfile: {
    /** `automatic_upgrade_channel` (3.x `automatic_channel_upgrade`); absent = `none`. */
    upgradeChannel: string;
    /** `node_os_upgrade_channel` (3.x `node_os_channel_upgrade`); default `NodeImage`. */
    nodeOSUpgradeChannel: string;
  };
  addonProfiles: {
    /** `oms_agent`: Container Insights. */
    omsagent: { enabled: boolean; config: { logAnalyticsWorkspaceResourceID: string } };
    /** `key_vault_secrets_provider`; ARM keeps config values as strings ("true"/"false"). */
    azureKeyvaultSecretsProvider: { enabled: boolean; config: { enableSecretRotation: string; rotationPollInterval: string } };
    /** `azure_policy_enabled`. */
    azurepolicy: { enabled: boolean };
  };
  /** Diagnostic settings whose target is this cluster (joined). */
  diagnosticSettings: DiagnosticSettingRef[];
}

/** `Microsoft.ManagedIdentity/userAssignedIdentities`. */
export interface UserAssignedIdentity extends CloudObject {
  kind: 'UserAssignedIdentity';
  resourceGroup: string;
  location: string;
  /** Computed: known in plans of existing identities. */
  clientId: string;
  principalId: string;
  tenantId: string;
  /** Names of the federated credentials on this identity (joined). */
  federatedCredentials: string[];
}

/** `Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials`. */
export interface FederatedIdentityCredential extends CloudObject {
  kind: 'FederatedIdentityCredential';
  issuer: string;
  subject: string;
  /** `audience` in Terraform. */
  audiences: string[];
  /** The identity: `user_assigned_identity_id` (5.x) / `parent_id` (≤4.x). */
  parentId: string;
  parentAddress: string;
  /** `system:serviceaccount:<namespace>:<name>` parsed from the subject ("" otherwise). */
  serviceAccountNamespace: string;
  serviceAccountName: string;
  /** The identity's client id (joined; computed, so often unknown before apply). */
  identityClientId: string;
  /**
   * The AKS cluster whose OIDC issuer this credential trusts: by reference (`…oidc_issuer_url`),
   * or by equal issuer URL. "" when none among the inputs matches.
   */
  issuerCluster: string;
}

/** `Microsoft.Authorization/roleAssignments`. */
export interface RoleAssignment extends CloudObject {
  kind: 'RoleAssignment';
  scope: string;
  /** `managementGroup`, `subscription`, `resourceGroup`, `resource`, or "" when it cannot be told. */
  scopeType: string;
  /** ARM type of a resource scope (`Microsoft.Storage/storageAccounts/blobServices/containers`). */
  scopeResourceType: string;
  /** Terraform address of the scope when referenced. */
  scopeAddress: string;
  roleDefinitionId: string;
  /** `role_definition_name`, or the built-in role named by a well-known `role_definition_id`. */
  roleDefinitionName: string;
  principalId: string;
  principalType: string;
  /** Terraform address of the principal (a user-assigned identity) when referenced. */
  principalAddress: string;
  /** The principal is a user-assigned identity with at least one federated credential (joined). */
  principalIsWorkloadIdentity: boolean;
}

/** `Microsoft.KeyVault/vaults`. */
export interface KeyVault extends CloudObject {
  kind: 'KeyVault';
  resourceGroup: string;
  tenantId: string;
  /** `purge_protection_enabled`; default false. */
  enablePurgeProtection: boolean;
  /** `soft_delete_retention_days`; default 90. */
  softDeleteRetentionInDays: number | null;
  /** `rbac_authorization_enabled` (5.x, required) / `enable_rbac_authorization` (≤4.x); default false before 5.0. */
  enableRbacAuthorization: boolean;
  /** `public_network_access_enabled` (default true) → `Enabled` / `Disabled`. */
  publicNetworkAccess: string;
  /** `network_acls.default_action` (`Allow` when no network_acls). */
  networkAclsDefaultAction: string;
}

/** `Microsoft.KeyVault/vaults/keys`. */
export interface KeyVaultKey extends CloudObject {
  kind: 'KeyVaultKey';
  keyType: string;
  vaultName: string;
  /** Terraform address of the vault when referenced. */
  vaultAddress: string;
  /** `rotation_policy`; null when absent. */
  rotationPolicy: {
    /** ISO 8601 duration after which a key version expires (`expire_after`). */
    expiryTime: string;
    /** `automatic` → Rotate, `notify_before_expiry` → Notify. */
    lifetimeActions: { action: 'Rotate' | 'Notify'; timeAfterCreate: string; timeBeforeExpiry: string }[];
  } | null;
}

/** `Microsoft.Network/virtualNetworks/virtualNetworkPeerings`. */
export interface VnetPeering extends CloudObject {
  kind: 'VnetPeering';
  resourceGroup: string;
  virtualNetworkName: string;
  remoteVirtualNetwork: { id: string };
  /** Subscription of the remote VNet: the id's segment, or the subscription of the provider of a referenced VNet. */
  remoteSubscriptionId: string;
  /** Terraform address of the remote VNet when referenced. */
  remoteAddress: string;
  /** Defaults true / false / false / false. */
  allowVirtualNetworkAccess: boolean;
  allowForwardedTraffic: boolean;
  allowGatewayTransit: boolean;
  useRemoteGateways: boolean;
}

/** `Microsoft.Insights/diagnosticSettings`. */
export interface DiagnosticSetting extends CloudObject {
  kind: 'DiagnosticSetting';
  targetResourceId: string;
  /** Terraform address of the target when referenced (a cluster, `data.azurerm_subscription.x`). */
  targetAddress: string;
  /** `subscription` when the target is a subscription, `resource` otherwise, "" when unknown. */
  targetType: string;
  /** The subscription id when `targetType` is `subscription`. */
  targetSubscriptionId: string;
  logs: { category: string; categoryGroup: string; enabled: boolean }[];
  metrics: { category: string; enabled: boolean }[];
  workspaceId: string;
  storageAccountId: string;
  eventHubAuthorizationRuleId: string;
  eventHubName: string;
  marketplacePartnerId: string;
  logAnalyticsDestinationType: string;
  /** Destinations that are set (a reference to a workspace counts before it has an id). */
  destinations: string[];
}

/**
 * One Azure subscription the inputs deploy to: an `azurerm` provider configuration (deduplicated
 * by subscription id), or the subscription of a live scan.
 */
export interface AzureSubscription extends CloudObject {
  kind: 'AzureSubscription';
  subscriptionId: string;
  tenantId: string;
  /** Provider configurations that target it (`azurerm`, `azurerm.dr`). */
  providerKeys: string[];
  /** Diagnostic settings on `/subscriptions/<id>`: the activity log export (joined). */
  diagnosticSettings: DiagnosticSettingRef[];
}

/** Application Gateway (`applicationGatewayWebApplicationFirewallPolicies`) or Front Door WAF policy. */
export interface WafPolicy extends CloudObject {
  kind: 'WafPolicy';
  /** `ApplicationGateway` (azurerm_web_application_firewall_policy), `FrontDoor` (azurerm_cdn_frontdoor_firewall_policy), `FrontDoorClassic` (azurerm_frontdoor_firewall_policy). */
  policyType: string;
  resourceGroup: string;
  policySettings: {
    /** `Enabled` / `Disabled` (ARM `state`, Front Door `enabledState`); Terraform default Enabled; live, "" (and unknown) when ARM sent none. */
    state: string;
    /** `Prevention` (Terraform default) or `Detection`; live, "" (and unknown) when ARM sent none. */
    mode: string;
  };
  managedRules: { managedRuleSets: { ruleSetType: string; ruleSetVersion: string }[] };
}

/** Microsoft Graph `conditionalAccessPolicy` (Terraform `azuread_conditional_access_policy`). */
export interface ConditionalAccessPolicy extends CloudObject {
  kind: 'ConditionalAccessPolicy';
  /** The tenant the policy is in: live, the tenant read through Graph; Terraform, "" (the azuread provider's tenant is not modeled). */
  tenantId: string;
  displayName: string;
  /** `enabled`, `disabled`, `enabledForReportingButNotEnforced`. */
  state: string;
  /**
   * Whom and which sign-ins the policy applies to. Every condition beyond users and applications
   * narrows it (the MFA rules judge them with `caExemptions` / `caNarrowing`, model/functions/conditional-access.ts).
   */
  conditions: {
    users: {
      includeUsers: string[]; excludeUsers: string[]; includeGroups: string[]; excludeGroups: string[]; includeRoles: string[];
      /** Directory role template ids exempted (`excludeRoles` / `excluded_roles`). */
      excludeRoles: string[];
      /**
       * Kinds of guests and external users exempted (`excludeGuestsOrExternalUsers.guestOrExternalUserTypes`, split at
       * commas / `excluded_guests_or_external_users[0].guest_or_external_user_types`): `internalGuest`,
       * `b2bCollaborationGuest`, …; [] when none.
       */
      excludeGuestsOrExternalUsers: string[];
    };
    applications: { includeApplications: string[]; excludeApplications: string[] };
    /** `clientAppTypes` / `client_app_types`: `all`, or some of `browser`, `mobileAppsAndDesktopClients`, `exchangeActiveSync`, `other`. */
    clientAppTypes: string[];
    /** Named location ids, `All`, `AllTrusted` (`locations` / `locations[0]`); both [] when the policy sets no location condition. */
    locations: { includeLocations: string[]; excludeLocations: string[] };
    /** `all`, `android`, `iOS`, `windows`, `macOS`, `linux`, `windowsPhone` (`platforms` / `platforms[0]`); both [] when none. */
    platforms: { includePlatforms: string[]; excludePlatforms: string[] };
    /** `userRiskLevels` / `user_risk_levels` (`low`, `medium`, `high`, `none`); [] applies at any risk. */
    userRiskLevels: string[];
    /** `signInRiskLevels` / `sign_in_risk_levels`; [] applies at any risk. */
    signInRiskLevels: string[];
    /** `devices.deviceFilter` / `devices[0].filter[0]`: mode `include` or `exclude` and the rule; mode "" when the policy has no device filter. */
    deviceFilter: { mode: string; rule: string };
  };
  grantControls: {
    operator: string;
    builtInControls: string[];
    /** `authentication_strength_policy_id`; null when absent. */
    authenticationStrength: { id: string } | null;
  };
}

export interface AzureComputeCollections {
  subscriptions: AzureSubscription[];
  aks: { clusters: AksCluster[]; agentPools: AksAgentPool[] };
  identity: { userAssigned: UserAssignedIdentity[]; federatedCredentials: FederatedIdentityCredential[] };
  authorization: { roleAssignments: RoleAssignment[] };
  keyVaults: { vaults: KeyVault[]; keys: KeyVaultKey[] };
  network: { vnetPeerings: VnetPeering[] };
  monitor: { diagnosticSettings: DiagnosticSetting[] };
  waf: { policies: WafPolicy[] };
  /** Entra ID: conditional access (Terraform and Graph), tenants, users, app registrations, MFA registration (entra.ts). */
  entra: EntraCollections;
}

export function emptyAzureCompute(): AzureComputeCollections {
  return {
    subscriptions: [],
    aks: { clusters: [], agentPools: [] },
    identity: { userAssigned: [], federatedCredentials: [] },
    authorization: { roleAssignments: [] },
    keyVaults: { vaults: [], keys: [] },
    network: { vnetPeerings: [] },
    monitor: { diagnosticSettings: [] },
    waf: { policies: [] },
    entra: emptyEntra(),
  };
}
