# PostgreSQL flexible server for Mattermost: VNet-injected and private (ZT-NET-008), zone-redundant
# HA (ZT-HOST-006), 14 days of point-in-time recovery with geo-redundant backups (OOB-BKP-008),
# TLS 1.2+ required by the server (ZT-ENC-003), connections logged (ZT-MON-008), Entra ID
# administrators from the OOB tenant (OOB-SEC-002).
#
# Password authentication stays enabled: Mattermost connects with a static DSN and cannot refresh
# Entra tokens. Its password lives in Key Vault and reaches the cluster through External Secrets.
resource "azurerm_postgresql_flexible_server" "mattermost" {
  name                = local.postgres_server_name
  resource_group_name = azurerm_resource_group.oob.name
  location            = var.location
  version             = "16"
  sku_name            = "GP_Standard_D4ds_v5"
  storage_mb          = 131072
  auto_grow_enabled   = true

  zone = "1"
  high_availability {
    mode                      = "ZoneRedundant"
    standby_availability_zone = "2"
  }

  backup_retention_days        = var.backup_retention_days
  geo_redundant_backup_enabled = true

  public_network_access_enabled = false
  delegated_subnet_id           = module.network.postgres_subnet_id
  private_dns_zone_id           = module.network.postgres_dns_zone_id

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = true
    tenant_id                     = var.oob_tenant_id
  }

  # Data and geo-redundant backups encrypted with customer-managed keys (keyvault.tf).
  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.postgres.id, azurerm_user_assigned_identity.postgres_geo.id]
  }

  customer_managed_key {
    key_vault_key_id                     = azurerm_key_vault_key.postgres.id
    primary_user_assigned_identity_id    = azurerm_user_assigned_identity.postgres.id
    geo_backup_key_vault_key_id          = azurerm_key_vault_key.postgres_geo.id
    geo_backup_user_assigned_identity_id = azurerm_user_assigned_identity.postgres_geo.id
  }

  administrator_login    = "mmadmin"
  administrator_password = var.pg_administrator_password

  maintenance_window {
    day_of_week  = 0
    start_hour   = 3
    start_minute = 0
  }

  tags = local.tags

  depends_on = [azurerm_role_assignment.postgres_cmk, azurerm_role_assignment.postgres_geo_cmk]
}

resource "azurerm_postgresql_flexible_server_active_directory_administrator" "dba" {
  server_name         = azurerm_postgresql_flexible_server.mattermost.name
  resource_group_name = azurerm_resource_group.oob.name
  tenant_id           = var.oob_tenant_id
  object_id           = var.aks_admin_group_object_id
  principal_name      = "oob-breakglass-admins"
  principal_type      = "Group"
}

resource "azurerm_postgresql_flexible_server_database" "mattermost" {
  name      = "mattermost"
  server_id = azurerm_postgresql_flexible_server.mattermost.id
  charset   = "UTF8"
  collation = "en_US.utf8"
}

resource "azurerm_postgresql_flexible_server_configuration" "require_secure_transport" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.mattermost.id
  value     = "on"
}

resource "azurerm_postgresql_flexible_server_configuration" "ssl_min_protocol_version" {
  name      = "ssl_min_protocol_version"
  server_id = azurerm_postgresql_flexible_server.mattermost.id
  value     = "TLSv1.2"
}

resource "azurerm_postgresql_flexible_server_configuration" "log_connections" {
  name      = "log_connections"
  server_id = azurerm_postgresql_flexible_server.mattermost.id
  value     = "on"
}

resource "azurerm_postgresql_flexible_server_configuration" "log_disconnections" {
  name      = "log_disconnections"
  server_id = azurerm_postgresql_flexible_server.mattermost.id
  value     = "on"
}
