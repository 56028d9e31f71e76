# Mistake: no purge protection, access policies instead of RBAC, public (OOB-SEC-003).
resource "azurerm_key_vault" "oob" {
  name                       = var.key_vault_name
  location                   = var.location
  resource_group_name        = azurerm_resource_group.oob.name
  tenant_id                  = var.oob_tenant_id
  sku_name                   = "standard"
  purge_protection_enabled   = false
  soft_delete_retention_days = 7
  rbac_authorization_enabled = false
}
