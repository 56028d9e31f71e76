# One customer-managed key per kind of data, rotated yearly by KMS (OOB-SEC-003). Keys without a
# policy below get the default key policy: the account decides through IAM.

resource "aws_kms_key" "eks" {
  description             = "${var.name}: EKS secrets envelope encryption"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "eks" {
  name          = "alias/${var.name}-eks-secrets"
  target_key_id = aws_kms_key.eks.key_id
}

resource "aws_kms_key" "nodes" {
  description             = "${var.name}: EKS node volumes"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.nodes_key.json
}

# Auto Scaling launches the node volumes, so its service-linked role must be able to use the key.
data "aws_iam_policy_document" "nodes_key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid = "AutoScalingUsesKeyForNodeVolumes"
    actions = [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:DescribeKey",
    ]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"]
    }
  }

  statement {
    sid       = "AutoScalingCreatesGrants"
    actions   = ["kms:CreateGrant"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling"]
    }
    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
}

resource "aws_kms_key" "rds" {
  description             = "${var.name}: Aurora storage, snapshots and master secret"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "rds" {
  name          = "alias/${var.name}-aurora"
  target_key_id = aws_kms_key.rds.key_id
}

resource "aws_kms_key" "backups" {
  description             = "${var.name}: Velero backups and pg_dump files"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

# Velero's BackupStorageLocation names this alias (spec.config.kmsKeyId).
resource "aws_kms_alias" "backups" {
  name          = "alias/${var.backup_bucket}"
  target_key_id = aws_kms_key.backups.key_id
}

resource "aws_kms_key" "files" {
  description             = "${var.name}: Mattermost file store"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "files" {
  name          = "alias/${var.files_bucket}"
  target_key_id = aws_kms_key.files.key_id
}

resource "aws_kms_key" "logs" {
  description             = "${var.name}: CloudTrail, CloudWatch Logs and VPC flow logs"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.logs_key.json
}

resource "aws_kms_alias" "logs" {
  name          = "alias/${var.name}-logs"
  target_key_id = aws_kms_key.logs.key_id
}

data "aws_iam_policy_document" "logs_key" {
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudTrailEncryptsThisTrail"
    actions   = ["kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
    condition {
      test     = "StringLike"
      variable = "kms:EncryptionContext:aws:cloudtrail:arn"
      values   = ["arn:${local.partition}:cloudtrail:*:${local.account_id}:trail/*"]
    }
  }

  statement {
    sid       = "CloudTrailDescribesKey"
    actions   = ["kms:DescribeKey"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
  }

  statement {
    sid = "CloudWatchLogsEncryptsAccountLogGroups"
    actions = [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:DescribeKey",
    ]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${var.region}:${local.account_id}:log-group:*"]
    }
  }
}

# Replica-region keys: S3 re-encrypts replicas with these, AWS Backup encrypts its copies.
resource "aws_kms_key" "backups_replica" {
  provider = aws.dr

  description             = "${var.name}: replica of the backup bucket"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_alias" "backups_replica" {
  provider = aws.dr

  name          = "alias/${var.backup_bucket}-replica"
  target_key_id = aws_kms_key.backups_replica.key_id
}

resource "aws_kms_key" "files_replica" {
  provider = aws.dr

  description             = "${var.name}: replica of the Mattermost file store"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_key" "backup_vault_dr" {
  provider = aws.dr

  description             = "${var.name}: AWS Backup copies of Aurora in the replica region"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_kms_key" "logs_replica" {
  provider = aws.dr

  description             = "${var.name}: replica of the CloudTrail bucket"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}
