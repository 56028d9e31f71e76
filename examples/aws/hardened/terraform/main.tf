# OOB Mattermost on AWS: a dedicated account with its own VPC, EKS cluster, Aurora PostgreSQL,
# S3 buckets replicated to a second region, Route 53 failover and CloudTrail.
#
#   providers.tf  account pinning (OOB-ISO-001)       eks.tf        cluster, nodes, add-ons, access
#   kms.tf        customer-managed keys, rotation     irsa.tf       OIDC provider, workload roles
#   storage.tf    backup / file-store / trail buckets aurora.tf     database and its backups
#   dns.tf        Route 53 failover                   audit.tf      CloudTrail, log groups
locals {
  account_id = var.oob_account_id
  partition  = "aws"

  tags = {
    environment = "oob"
    tier        = "0"
    managed-by  = "terraform"
  }

  cluster_name = "${var.name}-eks"

  # Bucket and role ARNs are built from their names, so IAM policies stay readable in review
  # (and statically checkable) without waiting for apply.
  backup_bucket_arn         = "arn:${local.partition}:s3:::${var.backup_bucket}"
  backup_replica_bucket_arn = "arn:${local.partition}:s3:::${var.backup_bucket}-replica"
  files_bucket_arn          = "arn:${local.partition}:s3:::${var.files_bucket}"
  trail_name                = "${var.name}-trail"
  trail_arn                 = "arn:${local.partition}:cloudtrail:${var.region}:${local.account_id}:trail/${var.name}-trail"
}

module "network" {
  source = "./modules/network"

  name               = var.name
  cidr               = var.vpc_cidr
  availability_zones = var.availability_zones
  cluster_name       = local.cluster_name
  flow_log_kms_key   = aws_kms_key.logs.arn
}
