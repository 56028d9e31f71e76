variable "oob_subscription_id" {
  description = "The dedicated OOB subscription. Never one of the primary environment's subscriptions."
  type        = string
}

variable "oob_tenant_id" {
  description = "The secondary Entra ID tenant: OOB identities, AKS admin groups, Mattermost SSO."
  type        = string
}

variable "location" {
  type = string
}

variable "paired_location" {
  description = "The paired region: geo-redundant copies of backups and of the database."
  type        = string
}

variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "oob"
}

variable "vnet_cidr" {
  type = string
}

variable "vpn_client_cidrs" {
  description = "Address pool of the OOB point-to-site VPN (Entra ID sign-in against the OOB tenant)."
  type        = list(string)
}

variable "kubernetes_version" {
  type = string
}

variable "aks_admin_group_object_id" {
  description = "OOB-tenant group whose members are cluster administrators (break-glass)."
  type        = string
}

variable "incident_responders_group_object_id" {
  description = "OOB-tenant group of the incident responders: Mattermost users, MFA enforced."
  type        = string
}

variable "breakglass_user_object_ids" {
  description = "Emergency-access accounts of the OOB tenant, excluded from conditional access."
  type        = list(string)
}

variable "mattermost_app_client_id" {
  description = "Application (client) id of the Mattermost OpenID Connect app in the OOB tenant."
  type        = string
}

variable "mattermost_namespace" {
  type    = string
  default = "mattermost"
}

variable "mattermost_installation" {
  description = "Name of the Mattermost resource; the Operator runs it under a ServiceAccount of the same name."
  type        = string
}

variable "velero_namespace" {
  type    = string
  default = "velero"
}

variable "backup_storage_account" {
  description = "Velero backups and pg_dump files."
  type        = string
}

variable "key_vault_name" {
  type = string
}

variable "backup_retention_days" {
  description = "PostgreSQL point-in-time recovery, blob soft delete and immutability window."
  type        = number
  default     = 14
}

variable "noncurrent_version_days" {
  description = "How long previous blob versions are kept (at least the 92-day Velero tier)."
  type        = number
  default     = 120
}

variable "dns_zone" {
  description = "Azure DNS zone, in the OOB subscription, that carries the failover name."
  type        = string
}

variable "chat_hostname" {
  description = "The name responders use: the OOB Mattermost's SiteURL host."
  type        = string
}

variable "oob_ingress_hostname" {
  description = "DNS name of the OOB ingress: the priority-2 Traffic Manager endpoint."
  type        = string
}

variable "primary_chat_fqdn" {
  description = "Where responders normally chat (the primary site): the priority-1 endpoint."
  type        = string
}

variable "pg_administrator_password" {
  description = "Initial PostgreSQL administrator password; supplied from the vault (TF_VAR_pg_administrator_password), never committed."
  type        = string
  sensitive   = true
}
