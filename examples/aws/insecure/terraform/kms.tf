# Mistake: keys are never rotated (OOB-SEC-003).
resource "aws_kms_key" "eks" {
  description             = "${var.name}: EKS secrets"
  enable_key_rotation     = false
  deletion_window_in_days = 7
}

resource "aws_kms_key" "logs" {
  description             = "${var.name}: logs"
  enable_key_rotation     = false
  deletion_window_in_days = 7
}

resource "aws_kms_key" "backups" {
  description         = "${var.name}: backups"
  enable_key_rotation = false
}
