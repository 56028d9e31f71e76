resource "aws_db_subnet_group" "mattermost" {
  name       = "${var.name}-aurora"
  subnet_ids = module.network.public_subnet_ids
}

# Mistake: PostgreSQL open to the internet.
resource "aws_security_group" "aurora" {
  name   = "${var.name}-aurora"
  vpc_id = module.network.vpc_id

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

# Mistake: unencrypted, one day of backups, no deletion protection, no final snapshot, a static
# password in tfvars, no IAM authentication, no TLS enforcement (default parameter group), no logs
# exported, no copy in another region (ZT-ENC-003/004, OOB-BKP-007, OOB-SEC-002, ZT-MON-008).
resource "aws_rds_cluster" "mattermost" {
  cluster_identifier = "${var.name}-aurora"
  engine             = "aurora-postgresql"
  engine_version     = var.aurora_engine_version
  database_name      = "mattermost"

  master_username = "mmadmin"
  master_password = var.aurora_master_password

  storage_encrypted       = false
  backup_retention_period = var.backup_retention_days
  deletion_protection     = false
  skip_final_snapshot     = true

  db_subnet_group_name   = aws_db_subnet_group.mattermost.name
  vpc_security_group_ids = [aws_security_group.aurora.id]
}

# Mistake: a single, publicly accessible instance (ZT-NET-008, ZT-HOST-006).
resource "aws_rds_cluster_instance" "a" {
  identifier          = "${var.name}-aurora-a"
  cluster_identifier  = aws_rds_cluster.mattermost.id
  engine              = aws_rds_cluster.mattermost.engine
  instance_class      = var.aurora_instance_class
  publicly_accessible = true
}
