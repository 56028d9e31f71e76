variable "oob_account_id" {
  description = "The dedicated OOB AWS account. Never one of the primary environment's accounts."
  type        = string
}

variable "region" {
  description = "Region of the OOB environment."
  type        = string
}

variable "dr_region" {
  description = "Region that holds the replicas of the backup and file-store buckets."
  type        = string
}

variable "availability_zones" {
  description = "Three zones of var.region."
  type        = list(string)
}

variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "oob"
}

variable "vpc_cidr" {
  type = string
}

variable "admin_vpn_cidrs" {
  description = "Egress ranges of the independent OOB VPN: the only networks that reach the Kubernetes API."
  type        = list(string)
}

variable "kubernetes_version" {
  type = string
}

variable "breakglass_role_name" {
  description = "IAM role (in the OOB account) that holds cluster-admin through an EKS access entry."
  type        = string
}

variable "responder_role_name" {
  description = "IAM role of the incident responders: read-only access to the cluster."
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

variable "backup_bucket" {
  description = "Velero backups and pg_dump files."
  type        = string
}

variable "files_bucket" {
  description = "Mattermost file store (attachments)."
  type        = string
}

variable "trail_bucket" {
  description = "CloudTrail log files."
  type        = string
}

variable "backup_retention_days" {
  description = "Aurora automated backups, object-lock minimum and AWS Backup recovery points."
  type        = number
  default     = 1
}

variable "noncurrent_version_days" {
  description = "How long overwritten or deleted object versions are kept (at least the 92-day Velero tier)."
  type        = number
  default     = 7
}

variable "dns_zone" {
  description = "Hosted zone, owned by the OOB account, that carries the failover record."
  type        = string
}

variable "chat_hostname" {
  description = "The name responders use: the OOB Mattermost's SiteURL host, and the Route 53 failover record."
  type        = string
}

variable "oob_ingress_hostname" {
  description = "DNS name of the OOB ingress: the SECONDARY target of the failover record."
  type        = string
}

variable "oob_ingress_lb_hostname" {
  description = "Hostname AWS gave the ingress-nginx Network Load Balancer (Service status)."
  type        = string
}

variable "primary_chat_fqdn" {
  description = "Where responders normally chat (the primary site); health-checked by Route 53."
  type        = string
}

variable "aurora_engine_version" {
  type = string
}

variable "aurora_master_password" {
  description = "Static master password, kept in tfvars and state."
  type        = string
  sensitive   = true
  default     = "insecure-example-password"
}

variable "primary_vpc_id" {
  description = "The primary environment's VPC, peered for convenience."
  type        = string
  default     = "vpc-0a1b2c3d4e5f60718"
}

variable "aurora_instance_class" {
  type    = string
  default = "db.r6g.large"
}
