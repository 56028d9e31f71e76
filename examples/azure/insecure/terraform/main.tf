# INSECURE EXAMPLE — do not deploy. Each mistake is marked "Mistake:"; ../../hardened shows the fix.
locals {
  postgres_server_name = "${var.name}-pg"
}

resource "azurerm_resource_group" "oob" {
  name     = "${var.name}-mattermost"
  location = var.location
}

module "network" {
  source = "./modules/network"

  name                 = var.name
  location             = var.location
  resource_group_name  = azurerm_resource_group.oob.name
  cidr                 = var.vnet_cidr
  postgres_server_name = local.postgres_server_name
}

# Mistake: the OOB VNet is peered with the primary hub network (OOB-ISO-003).
resource "azurerm_virtual_network_peering" "to_primary_hub" {
  name                      = "oob-to-primary-hub"
  resource_group_name       = azurerm_resource_group.oob.name
  virtual_network_name      = "${var.name}-vnet"
  remote_virtual_network_id = "/subscriptions/cccccccc-1111-4222-8333-444444444444/resourceGroups/corp-network/providers/Microsoft.Network/virtualNetworks/corp-hub"
  allow_forwarded_traffic   = true

  depends_on = [module.network]
}

resource "azurerm_log_analytics_workspace" "oob" {
  name                = "${var.name}-logs"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  sku                 = "PerGB2018"
  retention_in_days   = 30
}
