# Velero backups and pg_dump files. Read-access geo-zone-redundant: three zones here and a copy in
# the paired region, whose read-only endpoint Velero can restore from (OOB-BKP-005, OOB-DR-006).
# Versioned with soft delete (OOB-BKP-004), version-level immutability and a lifecycle policy
# (OOB-BKP-006), HTTPS and TLS 1.2 only (ZT-ENC-006), a customer-managed key and infrastructure
# encryption (ZT-ENC-005), no
# public or shared-key access (ZT-NET-009), reachable through a private endpoint.
resource "azurerm_storage_account" "backups" {
  name                = var.backup_storage_account
  resource_group_name = azurerm_resource_group.backups.name
  location            = var.location

  account_kind             = "StorageV2"
  account_tier             = "Standard"
  account_replication_type = "RAGZRS"

  https_traffic_only_enabled        = true
  min_tls_version                   = "TLS1_2"
  allow_nested_items_to_be_public   = false
  shared_access_key_enabled         = false
  default_to_oauth_authentication   = true
  public_network_access_enabled     = false
  cross_tenant_replication_enabled  = false
  infrastructure_encryption_enabled = true

  # Encrypted with the customer-managed key backup-storage (keyvault.tf), on top of the
  # infrastructure-level encryption.
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.storage.id]
  }

  customer_managed_key {
    key_vault_key_id          = azurerm_key_vault_key.storage.versionless_id
    user_assigned_identity_id = azurerm_user_assigned_identity.storage.id
  }

  network_rules {
    default_action = "Deny"
    bypass         = ["AzureServices"]
  }

  blob_properties {
    versioning_enabled  = true
    change_feed_enabled = true

    delete_retention_policy {
      days = 30
    }

    container_delete_retention_policy {
      days = 30
    }
  }

  # Every blob version is write-once for the retention window: a compromised identity can add
  # backups but not rewrite or destroy recent ones.
  immutability_policy {
    state                         = "Unlocked"
    period_since_creation_in_days = var.backup_retention_days
    allow_protected_append_writes = false
  }

  tags = local.tags

  depends_on = [azurerm_role_assignment.storage_cmk]
}

resource "azurerm_storage_container" "velero" {
  name                  = "velero"
  storage_account_id    = azurerm_storage_account.backups.id
  container_access_type = "private"
}

resource "azurerm_storage_container" "pg_dump" {
  name                  = "pg-dump"
  storage_account_id    = azurerm_storage_account.backups.id
  container_access_type = "private"
}

resource "azurerm_storage_management_policy" "backups" {
  storage_account_id = azurerm_storage_account.backups.id

  rule {
    name    = "expire-old-versions"
    enabled = true

    filters {
      blob_types = ["blockBlob"]
    }

    actions {
      version {
        delete_after_days_since_creation = var.noncurrent_version_days
      }
      snapshot {
        delete_after_days_since_creation_greater_than = var.noncurrent_version_days
      }
    }
  }
}

resource "azurerm_private_endpoint" "backups_blob" {
  name                = "${var.backup_storage_account}-blob-pe"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  subnet_id           = module.network.private_endpoints_subnet_id

  private_service_connection {
    name                           = "blob"
    private_connection_resource_id = azurerm_storage_account.backups.id
    subresource_names              = ["blob"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "blob"
    private_dns_zone_ids = [module.network.blob_dns_zone_id]
  }
}

# The read-only endpoint of the paired region, for the read-only Velero location.
resource "azurerm_private_endpoint" "backups_blob_secondary" {
  name                = "${var.backup_storage_account}-blob-secondary-pe"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  subnet_id           = module.network.private_endpoints_subnet_id

  private_service_connection {
    name                           = "blob-secondary"
    private_connection_resource_id = azurerm_storage_account.backups.id
    subresource_names              = ["blob_secondary"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "blob"
    private_dns_zone_ids = [module.network.blob_dns_zone_id]
  }
}
