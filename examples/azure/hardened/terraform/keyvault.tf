# The OOB Key Vault: RBAC-authorized, purge-protected, private (OOB-SEC-003). It holds the AKS etcd
# encryption key and the Mattermost database credentials.
resource "azurerm_key_vault" "oob" {
  name                = var.key_vault_name
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  tenant_id           = var.oob_tenant_id
  sku_name            = "premium"

  rbac_authorization_enabled    = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = false

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }

  tags = local.tags
}

resource "azurerm_private_endpoint" "vault" {
  name                = "${var.key_vault_name}-pe"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  subnet_id           = module.network.private_endpoints_subnet_id

  private_service_connection {
    name                           = "vault"
    private_connection_resource_id = azurerm_key_vault.oob.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "vault"
    private_dns_zone_ids = [module.network.vault_dns_zone_id]
  }
}

# Envelope encryption of Kubernetes Secrets in etcd (ZT-ENC-007); rotated yearly by Key Vault.
resource "azurerm_key_vault_key" "etcd" {
  name         = "aks-etcd"
  key_vault_id = azurerm_key_vault.oob.id
  key_type     = "RSA-HSM"
  key_size     = 2048
  key_opts     = ["decrypt", "encrypt", "unwrapKey", "wrapKey"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P400D"
    notify_before_expiry = "P29D"
  }
}

# Customer-managed keys for the backup storage account and the database (ZT-ENC-004/005), each
# used by its own user-assigned identity with the narrowest Key Vault role.
resource "azurerm_key_vault_key" "storage" {
  name         = "backup-storage"
  key_vault_id = azurerm_key_vault.oob.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["unwrapKey", "wrapKey"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P400D"
    notify_before_expiry = "P29D"
  }
}

resource "azurerm_key_vault_key" "postgres" {
  name         = "postgres"
  key_vault_id = azurerm_key_vault.oob.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["unwrapKey", "wrapKey"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P400D"
    notify_before_expiry = "P29D"
  }
}

# Geo-redundant database backups are encrypted in the paired region with a key from a vault there.
resource "azurerm_key_vault" "paired" {
  name                = "${var.key_vault_name}-dr"
  location            = var.paired_location
  resource_group_name = azurerm_resource_group.backups.name
  tenant_id           = var.oob_tenant_id
  sku_name            = "premium"

  rbac_authorization_enabled    = true
  purge_protection_enabled      = true
  soft_delete_retention_days    = 90
  public_network_access_enabled = false

  network_acls {
    default_action = "Deny"
    bypass         = "AzureServices"
  }

  tags = local.tags
}

resource "azurerm_private_endpoint" "vault_paired" {
  name                = "${var.key_vault_name}-dr-pe"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
  subnet_id           = module.network.private_endpoints_subnet_id

  private_service_connection {
    name                           = "vault-paired"
    private_connection_resource_id = azurerm_key_vault.paired.id
    subresource_names              = ["vault"]
    is_manual_connection           = false
  }

  private_dns_zone_group {
    name                 = "vault"
    private_dns_zone_ids = [module.network.vault_dns_zone_id]
  }
}

resource "azurerm_key_vault_key" "postgres_geo" {
  name         = "postgres-geo-backup"
  key_vault_id = azurerm_key_vault.paired.id
  key_type     = "RSA-HSM"
  key_size     = 3072
  key_opts     = ["unwrapKey", "wrapKey"]

  rotation_policy {
    automatic {
      time_before_expiry = "P30D"
    }
    expire_after         = "P400D"
    notify_before_expiry = "P29D"
  }
}

resource "azurerm_user_assigned_identity" "storage" {
  name                = "${var.name}-backup-storage-cmk"
  location            = var.location
  resource_group_name = azurerm_resource_group.backups.name
}

resource "azurerm_role_assignment" "storage_cmk" {
  scope                = azurerm_key_vault.oob.id
  role_definition_name = "Key Vault Crypto Service Encryption User"
  principal_id         = azurerm_user_assigned_identity.storage.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_user_assigned_identity" "postgres" {
  name                = "${var.name}-postgres-cmk"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
}

resource "azurerm_role_assignment" "postgres_cmk" {
  scope                = azurerm_key_vault.oob.id
  role_definition_name = "Key Vault Crypto Service Encryption User"
  principal_id         = azurerm_user_assigned_identity.postgres.principal_id
  principal_type       = "ServicePrincipal"
}

resource "azurerm_user_assigned_identity" "postgres_geo" {
  name                = "${var.name}-postgres-geo-cmk"
  location            = var.paired_location
  resource_group_name = azurerm_resource_group.backups.name
}

resource "azurerm_role_assignment" "postgres_geo_cmk" {
  scope                = azurerm_key_vault.paired.id
  role_definition_name = "Key Vault Crypto Service Encryption User"
  principal_id         = azurerm_user_assigned_identity.postgres_geo.principal_id
  principal_type       = "ServicePrincipal"
}
