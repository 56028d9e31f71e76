# OOB Mattermost on Azure: a dedicated subscription and Entra ID tenant with a private AKS cluster,
# PostgreSQL flexible server, geo-redundant backup storage, Traffic Manager failover and audit logs
# in the OOB subscription's own Log Analytics workspace.
#
#   providers.tf  subscription and tenant pinning   aks.tf         cluster, node pools
#   keyvault.tf   Key Vault, etcd key                identity.tf    workload identities, roles
#   storage.tf    backup storage account             postgres.tf    database
#   dns.tf        Traffic Manager, Azure DNS         monitoring.tf  diagnostic settings
#   access.tf     OOB VPN gateway                    entra.tf       conditional access (MFA)
locals {
  tags = {
    environment = "oob"
    tier        = "0"
    managed-by  = "terraform"
  }

  postgres_server_name = "${var.name}-pg"
}

resource "azurerm_resource_group" "oob" {
  name     = "${var.name}-mattermost"
  location = var.location
  tags     = local.tags
}

# Backups sit in their own resource group, locked against deletion.
resource "azurerm_resource_group" "backups" {
  name     = "${var.name}-backups"
  location = var.location
  tags     = local.tags
}

resource "azurerm_management_lock" "backups" {
  name       = "backups-cannot-be-deleted"
  scope      = azurerm_resource_group.backups.id
  lock_level = "CanNotDelete"
  notes      = "OOB backups: remove only through the documented decommissioning runbook."
}

module "network" {
  source = "./modules/network"

  name                 = var.name
  location             = var.location
  resource_group_name  = azurerm_resource_group.oob.name
  cidr                 = var.vnet_cidr
  postgres_server_name = local.postgres_server_name
}

# Centralized monitoring inside the OOB subscription: it must keep working when the primary
# environment's SIEM does not.
resource "azurerm_log_analytics_workspace" "oob" {
  name                = "${var.name}-logs"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  sku                 = "PerGB2018"
  retention_in_days   = 365
  tags                = local.tags
}
