# INSECURE EXAMPLE — do not deploy. Each mistake is marked "Mistake:"; ../../hardened shows the fix.
locals {
  account_id = var.oob_account_id
  partition  = "aws"

  cluster_name = "${var.name}-eks"

  backup_bucket_arn = "arn:${local.partition}:s3:::${var.backup_bucket}"
  files_bucket_arn  = "arn:${local.partition}:s3:::${var.files_bucket}"
  trail_name        = "${var.name}-trail"
}

module "network" {
  source = "./modules/network"

  name               = var.name
  cidr               = var.vpc_cidr
  availability_zones = var.availability_zones
  cluster_name       = local.cluster_name
  flow_log_kms_key   = aws_kms_key.logs.arn
}

# Mistake: the OOB VPC is peered with the primary environment's VPC, so whoever owns the primary
# network reaches the OOB database and nodes (OOB-ISO-003).
resource "aws_vpc_peering_connection" "primary" {
  vpc_id        = module.network.vpc_id
  peer_vpc_id   = var.primary_vpc_id
  peer_owner_id = "111111111111"
  auto_accept   = false
}
