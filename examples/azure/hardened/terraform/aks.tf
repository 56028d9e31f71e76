# The OOB AKS cluster: private API server (reached through the OOB VPN; ZT-NET-004/010), Entra ID
# authentication against the OOB tenant with Azure RBAC and no local accounts (OOB-AC-004),
# workload identity (ZT-IAM-005), Cilium network policy (ZT-NET-003), etcd encrypted with a Key
# Vault key over a private link (ZT-ENC-007), Container Insights and Defender (ZT-MON-002),
# Azure Linux nodes with host encryption and automatic patching (ZT-HOST-004), Standard tier.

resource "azurerm_user_assigned_identity" "aks" {
  name                = "${var.name}-aks"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
}

resource "azurerm_kubernetes_cluster" "oob" {
  name                       = "${var.name}-aks"
  location                   = var.location
  resource_group_name        = azurerm_resource_group.oob.name
  node_resource_group        = "${var.name}-aks-nodes"
  dns_prefix_private_cluster = "${var.name}-aks"
  kubernetes_version         = var.kubernetes_version
  sku_tier                   = "Standard"

  private_cluster_enabled             = true
  private_cluster_public_fqdn_enabled = false
  private_dns_zone_id                 = "System"
  run_command_enabled                 = false

  api_server_access_profile {
    virtual_network_integration_enabled = true
    subnet_id                           = module.network.apiserver_subnet_id
  }

  local_account_disabled            = true
  role_based_access_control_enabled = true

  azure_active_directory_role_based_access_control {
    tenant_id              = var.oob_tenant_id
    azure_rbac_enabled     = true
    admin_group_object_ids = [var.aks_admin_group_object_id]
  }

  oidc_issuer_enabled       = true
  workload_identity_enabled = true

  automatic_upgrade_channel = "patch"
  node_os_upgrade_channel   = "SecurityPatch"

  maintenance_window_node_os {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = "Sunday"
    start_time  = "03:00"
    duration    = 4
    utc_offset  = "+00:00"
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.aks.id]
  }

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    zones                        = ["1", "2", "3"]
    auto_scaling_enabled         = true
    min_count                    = 3
    max_count                    = 5
    os_sku                       = "AzureLinux"
    host_encryption_enabled      = true
    node_public_ip_enabled       = false
    only_critical_addons_enabled = true
    vnet_subnet_id               = module.network.nodes_subnet_id
    temporary_name_for_rotation  = "systemtmp"

    upgrade_settings {
      max_surge = "33%"
    }
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_data_plane  = "cilium"
    network_policy      = "cilium"
    load_balancer_sku   = "standard"
    outbound_type       = "loadBalancer"
  }

  key_management_service {
    key_vault_key_id         = azurerm_key_vault_key.etcd.id
    key_vault_network_access = "Private"
  }

  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }

  oms_agent {
    log_analytics_workspace_id      = azurerm_log_analytics_workspace.oob.id
    msi_auth_for_monitoring_enabled = true
  }

  microsoft_defender {
    log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id
  }

  azure_policy_enabled         = true
  image_cleaner_enabled        = true
  image_cleaner_interval_hours = 48

  tags = local.tags

  depends_on = [
    azurerm_role_assignment.aks_network,
    azurerm_role_assignment.aks_kms,
  ]
}

# Mattermost, Velero and the ingress controller run here; the system pool only takes critical
# add-ons.
resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.oob.id
  mode                    = "User"
  vm_size                 = "Standard_D4ds_v5"
  zones                   = ["1", "2", "3"]
  auto_scaling_enabled    = true
  min_count               = 3
  max_count               = 6
  os_sku                  = "AzureLinux"
  host_encryption_enabled = true
  node_public_ip_enabled  = false
  vnet_subnet_id          = module.network.nodes_subnet_id

  upgrade_settings {
    max_surge = "33%"
  }

  tags = local.tags
}

# The cluster identity manages the load balancer and API server in the OOB VNet, uses the etcd key,
# and attaches the ingress's static public IP. Each assignment is scoped to that one resource.
resource "azurerm_role_assignment" "aks_network" {
  scope                = module.network.vnet_id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.aks.principal_id
}

resource "azurerm_role_assignment" "aks_kms" {
  scope                = azurerm_key_vault.oob.id
  role_definition_name = "Key Vault Crypto User"
  principal_id         = azurerm_user_assigned_identity.aks.principal_id
}

resource "azurerm_role_assignment" "aks_ingress_ip" {
  scope                = azurerm_public_ip.ingress.id
  role_definition_name = "Network Contributor"
  principal_id         = azurerm_user_assigned_identity.aks.principal_id
}
