# Mistake: public, no high availability, seven days of locally redundant backups, TLS not
# required, passwords only, no connection logging (ZT-NET-008, ZT-HOST-006, OOB-BKP-008,
# ZT-ENC-003, OOB-SEC-002, ZT-MON-008).
resource "azurerm_postgresql_flexible_server" "mattermost" {
  name                = local.postgres_server_name
  resource_group_name = azurerm_resource_group.oob.name
  location            = var.location
  version             = "16"
  sku_name            = "B_Standard_B2s"
  storage_mb          = 32768

  backup_retention_days         = 7
  geo_redundant_backup_enabled  = false
  public_network_access_enabled = true

  administrator_login    = "mmadmin"
  administrator_password = var.pg_administrator_password
}

resource "azurerm_postgresql_flexible_server_firewall_rule" "anywhere" {
  name             = "anywhere"
  server_id        = azurerm_postgresql_flexible_server.mattermost.id
  start_ip_address = "0.0.0.0"
  end_ip_address   = "255.255.255.255"
}

resource "azurerm_postgresql_flexible_server_configuration" "require_secure_transport" {
  name      = "require_secure_transport"
  server_id = azurerm_postgresql_flexible_server.mattermost.id
  value     = "off"
}
