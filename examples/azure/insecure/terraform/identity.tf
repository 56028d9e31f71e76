resource "azurerm_user_assigned_identity" "velero" {
  name                = "${var.name}-velero"
  location            = var.location
  resource_group_name = azurerm_resource_group.oob.name
}

# Mistake: trusts the namespace's default ServiceAccount, which is not Velero's (ZT-IAM-005).
resource "azurerm_federated_identity_credential" "velero" {
  name                = "aks-velero"
  resource_group_name = azurerm_resource_group.oob.name
  parent_id           = azurerm_user_assigned_identity.velero.id
  issuer              = azurerm_kubernetes_cluster.oob.oidc_issuer_url
  subject             = "system:serviceaccount:${var.velero_namespace}:default"
  audience            = ["api://AzureADTokenExchange"]
}

# Mistake: Contributor on the whole subscription instead of blob data access on one account
# (ZT-IAM-003/005).
resource "azurerm_role_assignment" "velero" {
  scope                = "/subscriptions/${var.oob_subscription_id}"
  role_definition_name = "Contributor"
  principal_id         = azurerm_user_assigned_identity.velero.principal_id
}
