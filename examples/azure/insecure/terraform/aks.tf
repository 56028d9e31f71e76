# Mistake: a public API server without authorized ranges, local admin accounts, no Entra ID
# integration with the OOB tenant, no workload identity, no network policy, no etcd encryption
# with a customer key, no monitoring, Ubuntu nodes without host encryption and with public IPs,
# no automatic upgrades, Free tier (OOB-AC-004, ZT-NET-003/004, ZT-ENC-007, ZT-IAM-005,
# ZT-MON-002, ZT-HOST-004).
resource "azurerm_kubernetes_cluster" "oob" {
  name                = "${var.name}-aks"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  dns_prefix          = "${var.name}-aks"
  kubernetes_version  = var.kubernetes_version
  sku_tier            = "Free"

  local_account_disabled  = false
  private_cluster_enabled = false
  run_command_enabled     = true

  node_os_upgrade_channel = "None"

  default_node_pool {
    name                    = "system"
    vm_size                 = "Standard_D4ds_v5"
    node_count              = 2
    os_sku                  = "Ubuntu"
    host_encryption_enabled = false
    node_public_ip_enabled  = true
    vnet_subnet_id          = module.network.nodes_subnet_id
  }

  network_profile {
    network_plugin = "azure"
  }

  identity {
    type = "SystemAssigned"
  }
}
