# Aurora PostgreSQL for Mattermost: private, encrypted with a customer key, TLS enforced by the
# server, two instances in different zones, 14 days of point-in-time recovery, and daily copies to
# the replica region through AWS Backup.

resource "aws_db_subnet_group" "mattermost" {
  name       = "${var.name}-aurora"
  subnet_ids = module.network.private_subnet_ids
}

# Only the cluster's pods (the EKS cluster security group) reach PostgreSQL (ZT-NET-008).
resource "aws_security_group" "aurora" {
  name        = "${var.name}-aurora"
  description = "PostgreSQL from the OOB EKS cluster only"
  vpc_id      = module.network.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "aurora_from_eks" {
  security_group_id            = aws_security_group.aurora.id
  description                  = "PostgreSQL from EKS pods"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = aws_eks_cluster.oob.vpc_config[0].cluster_security_group_id
}

resource "aws_rds_cluster_parameter_group" "mattermost" {
  name        = "${var.name}-aurora-pg16"
  family      = "aurora-postgresql16"
  description = "Mattermost on Aurora PostgreSQL: TLS only, connection logging"

  # The server refuses clients that do not use TLS (ZT-ENC-003).
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name  = "log_disconnections"
    value = "1"
  }
}

resource "aws_rds_cluster" "mattermost" {
  cluster_identifier = "${var.name}-aurora"
  engine             = "aurora-postgresql"
  engine_version     = var.aurora_engine_version
  database_name      = "mattermost"

  # The master password lives in Secrets Manager, generated and rotated by RDS (OOB-SEC-002).
  master_username               = "mmadmin"
  manage_master_user_password   = true
  master_user_secret_kms_key_id = aws_kms_key.rds.arn

  iam_database_authentication_enabled = true

  storage_encrypted = true
  kms_key_id        = aws_kms_key.rds.arn

  db_subnet_group_name            = aws_db_subnet_group.mattermost.name
  vpc_security_group_ids          = [aws_security_group.aurora.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.mattermost.name

  backup_retention_period      = var.backup_retention_days
  preferred_backup_window      = "01:00-02:00"
  preferred_maintenance_window = "sun:03:00-sun:04:00"
  copy_tags_to_snapshot        = true
  deletion_protection          = true
  skip_final_snapshot          = false
  final_snapshot_identifier    = "${var.name}-aurora-final"

  enabled_cloudwatch_logs_exports = ["postgresql"]
}

# Writer and reader in different zones: Aurora fails over to the reader (ZT-HOST-006).
resource "aws_rds_cluster_instance" "a" {
  identifier                      = "${var.name}-aurora-a"
  cluster_identifier              = aws_rds_cluster.mattermost.id
  engine                          = aws_rds_cluster.mattermost.engine
  engine_version                  = aws_rds_cluster.mattermost.engine_version
  instance_class                  = var.aurora_instance_class
  availability_zone               = var.availability_zones[0]
  publicly_accessible             = false
  auto_minor_version_upgrade      = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.rds.arn
}

resource "aws_rds_cluster_instance" "b" {
  identifier                      = "${var.name}-aurora-b"
  cluster_identifier              = aws_rds_cluster.mattermost.id
  engine                          = aws_rds_cluster.mattermost.engine
  engine_version                  = aws_rds_cluster.mattermost.engine_version
  instance_class                  = var.aurora_instance_class
  availability_zone               = var.availability_zones[1]
  publicly_accessible             = false
  auto_minor_version_upgrade      = true
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.rds.arn
}

# The credentials Mattermost itself uses (database user mmuser). The value is set by the database
# bootstrap job, never in Terraform; External Secrets copies it into the cluster.
resource "aws_secretsmanager_secret" "mattermost_db" {
  name                    = "${var.name}/mattermost/database"
  description             = "Mattermost database user (DSN parts), synced into the cluster by External Secrets"
  kms_key_id              = aws_kms_key.rds.arn
  recovery_window_in_days = 30
}

# ---------------------------------------------------------------------------- AWS Backup

# Daily recovery points of the Aurora cluster, copied to a vault in the replica region
# (OOB-BKP-007): a regional outage or a deleted cluster does not take the history with it.
resource "aws_backup_vault" "primary" {
  name        = "${var.name}-aurora"
  kms_key_arn = aws_kms_key.rds.arn
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr

  name        = "${var.name}-aurora-dr"
  kms_key_arn = aws_kms_key.backup_vault_dr.arn
}

resource "aws_backup_vault_lock_configuration" "dr" {
  provider = aws.dr

  backup_vault_name  = aws_backup_vault.dr.name
  min_retention_days = var.backup_retention_days
  max_retention_days = 120
}

resource "aws_backup_plan" "aurora" {
  name = "${var.name}-aurora"

  rule {
    rule_name         = "daily-with-replica-copy"
    target_vault_name = aws_backup_vault.primary.name
    schedule          = "cron(30 2 * * ? *)"

    lifecycle {
      delete_after = 35
    }

    copy_action {
      destination_vault_arn = aws_backup_vault.dr.arn
      lifecycle {
        delete_after = 35
      }
    }
  }
}

resource "aws_backup_selection" "aurora" {
  name         = "${var.name}-aurora"
  plan_id      = aws_backup_plan.aurora.id
  iam_role_arn = aws_iam_role.backup.arn
  resources    = [aws_rds_cluster.mattermost.arn]
}

resource "aws_iam_role" "backup" {
  name = "${var.name}-aws-backup"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "backup.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "backup" {
  role       = aws_iam_role.backup.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"
}
