# Workload identities: one user-assigned identity per workload, federated with exactly one
# Kubernetes ServiceAccount of this cluster's OIDC issuer, and role assignments scoped to the one
# resource each needs, never a resource group or the subscription (ZT-IAM-005, ZT-IAM-003). The
# ServiceAccounts in ../manifests carry the identities' client ids (terraform output).

# ---------------------------------------------------------------------------- Mattermost

# Mattermost's identity reads Mattermost's database credentials from Key Vault (External
# Secrets, SecretStore with workload identity through the ServiceAccount oob-chat).
resource "azurerm_user_assigned_identity" "mattermost" {
  name                = "${var.name}-mattermost"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
}

resource "azurerm_federated_identity_credential" "mattermost" {
  name                = "aks-${var.mattermost_namespace}-${var.mattermost_installation}"
  resource_group_name = azurerm_resource_group.oob.name
  parent_id           = azurerm_user_assigned_identity.mattermost.id
  issuer              = azurerm_kubernetes_cluster.oob.oidc_issuer_url
  subject             = "system:serviceaccount:${var.mattermost_namespace}:${var.mattermost_installation}"
  audience            = ["api://AzureADTokenExchange"]
}

resource "azurerm_role_assignment" "mattermost_secrets" {
  scope                = azurerm_key_vault.oob.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.mattermost.principal_id
  principal_type       = "ServicePrincipal"
}

# ---------------------------------------------------------------------------- Velero

resource "azurerm_user_assigned_identity" "velero" {
  name                = "${var.name}-velero"
  location            = var.location
  resource_group_name = azurerm_resource_group.backups.name
}

resource "azurerm_federated_identity_credential" "velero" {
  name                = "aks-${var.velero_namespace}-velero"
  resource_group_name = azurerm_resource_group.backups.name
  parent_id           = azurerm_user_assigned_identity.velero.id
  issuer              = azurerm_kubernetes_cluster.oob.oidc_issuer_url
  subject             = "system:serviceaccount:${var.velero_namespace}:velero"
  audience            = ["api://AzureADTokenExchange"]
}

# Blob data access to the backup account only (useAAD in the BackupStorageLocation; shared keys
# are disabled on the account).
resource "azurerm_role_assignment" "velero_backups" {
  scope                = azurerm_storage_account.backups.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.velero.principal_id
  principal_type       = "ServicePrincipal"
}

# ---------------------------------------------------------------------------- pg_dump

resource "azurerm_user_assigned_identity" "pg_dump" {
  name                = "${var.name}-pg-dump"
  location            = var.location
  resource_group_name = azurerm_resource_group.backups.name
}

resource "azurerm_federated_identity_credential" "pg_dump" {
  name                = "aks-${var.mattermost_namespace}-pg-dump"
  resource_group_name = azurerm_resource_group.backups.name
  parent_id           = azurerm_user_assigned_identity.pg_dump.id
  issuer              = azurerm_kubernetes_cluster.oob.oidc_issuer_url
  subject             = "system:serviceaccount:${var.mattermost_namespace}:pg-dump"
  audience            = ["api://AzureADTokenExchange"]
}

# Writes dumps into the pg-dump container only.
resource "azurerm_role_assignment" "pg_dump_container" {
  scope                = azurerm_storage_container.pg_dump.id
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = azurerm_user_assigned_identity.pg_dump.principal_id
  principal_type       = "ServicePrincipal"
}
