# Mistake: locally redundant, unversioned, no soft delete, no immutability, TLS 1.0 and plain
# HTTP accepted, shared keys and public blob access allowed, open to every network
# (OOB-BKP-004/005/006, ZT-ENC-005/006, ZT-NET-009).
resource "azurerm_storage_account" "backups" {
  name                = var.backup_storage_account
  resource_group_name = azurerm_resource_group.oob.name
  location            = var.location

  account_tier             = "Standard"
  account_replication_type = "LRS"

  https_traffic_only_enabled      = false
  min_tls_version                 = "TLS1_0"
  allow_nested_items_to_be_public = true
  shared_access_key_enabled       = true
  public_network_access_enabled   = true
}

resource "azurerm_storage_container" "velero" {
  name                  = "velero"
  storage_account_id    = azurerm_storage_account.backups.id
  container_access_type = "blob"
}
