# Audit logs into the OOB Log Analytics workspace: the AKS control plane (the full kube-audit
# stream, reads of Secrets included, and Entra ID "guard"; ZT-MON-002), the subscription's activity log (ZT-MON-004), PostgreSQL (ZT-MON-008),
# Key Vault and the backup account's blob service.

resource "azurerm_monitor_diagnostic_setting" "aks" {
  name                           = "aks-audit"
  target_resource_id             = azurerm_kubernetes_cluster.oob.id
  log_analytics_workspace_id     = azurerm_log_analytics_workspace.oob.id
  log_analytics_destination_type = "Dedicated"

  enabled_log {
    category = "kube-audit"
  }
  enabled_log {
    category = "guard"
  }
  enabled_log {
    category = "kube-apiserver"
  }
}

resource "azurerm_monitor_diagnostic_setting" "subscription" {
  name                       = "activity-log"
  target_resource_id         = "/subscriptions/${var.oob_subscription_id}"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id

  enabled_log {
    category = "Administrative"
  }
  enabled_log {
    category = "Security"
  }
  enabled_log {
    category = "Policy"
  }
  enabled_log {
    category = "Alert"
  }
  enabled_log {
    category = "ServiceHealth"
  }
}

resource "azurerm_monitor_diagnostic_setting" "postgres" {
  name                       = "postgres-logs"
  target_resource_id         = azurerm_postgresql_flexible_server.mattermost.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id

  enabled_log {
    category = "PostgreSQLLogs"
  }
}

resource "azurerm_monitor_diagnostic_setting" "key_vault" {
  name                       = "key-vault-audit"
  target_resource_id         = azurerm_key_vault.oob.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id

  enabled_log {
    category = "AuditEvent"
  }
}

resource "azurerm_monitor_diagnostic_setting" "backups_blob" {
  name                       = "backup-blob-access"
  target_resource_id         = "${azurerm_storage_account.backups.id}/blobServices/default"
  log_analytics_workspace_id = azurerm_log_analytics_workspace.oob.id

  enabled_log {
    category = "StorageWrite"
  }
  enabled_log {
    category = "StorageDelete"
  }
}
