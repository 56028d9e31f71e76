# IAM roles for Kubernetes ServiceAccounts (IRSA). Every trust policy names this cluster's OIDC
# provider and pins both the audience and exactly one namespace/ServiceAccount with StringEquals
# (ZT-IAM-002); every permission policy names its bucket and key (ZT-IAM-001/003/004). The
# ServiceAccounts in ../manifests carry these role ARNs.

resource "aws_iam_openid_connect_provider" "eks" {
  url            = aws_eks_cluster.oob.identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
}

locals {
  # oidc.eks.<region>.amazonaws.com/id/<id>: the prefix of the sub/aud condition keys.
  oidc_issuer = replace(aws_eks_cluster.oob.identity[0].oidc[0].issuer, "https://", "")
}

# ---------------------------------------------------------------------------- Mattermost file store

resource "aws_iam_role" "mattermost_files" {
  name        = "${var.name}-mattermost-files"
  description = "Mattermost ${var.mattermost_namespace}/${var.mattermost_installation}: the file-store bucket"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.oidc_issuer}:sub" = "system:serviceaccount:${var.mattermost_namespace}:${var.mattermost_installation}"
          "${local.oidc_issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

resource "aws_iam_role_policy" "mattermost_files" {
  name = "file-store"
  role = aws_iam_role.mattermost_files.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Bucket"
        Effect   = "Allow"
        Action   = ["s3:ListBucket", "s3:GetBucketLocation"]
        Resource = [local.files_bucket_arn]
      },
      {
        Sid    = "Objects"
        Effect = "Allow"
        Action = [
          "s3:GetObject",
          "s3:PutObject",
          "s3:DeleteObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ]
        Resource = ["${local.files_bucket_arn}/*"]
      },
      {
        Sid      = "BucketKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = [aws_kms_key.files.arn]
      },
    ]
  })
}

# ---------------------------------------------------------------------------- Velero

resource "aws_iam_role" "velero" {
  name        = "${var.name}-velero"
  description = "Velero ${var.velero_namespace}/velero: the backup bucket, read-only on its replica"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.oidc_issuer}:sub" = "system:serviceaccount:${var.velero_namespace}:velero"
          "${local.oidc_issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

# The velero-plugin-for-aws reference policy, narrowed to the backup bucket and its key.
resource "aws_iam_role_policy" "velero" {
  name = "backups"
  role = aws_iam_role.velero.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "VolumeSnapshots"
        Effect = "Allow"
        Action = [
          "ec2:DescribeVolumes",
          "ec2:DescribeSnapshots",
          "ec2:CreateTags",
          "ec2:CreateVolume",
          "ec2:CreateSnapshot",
          "ec2:DeleteSnapshot",
        ]
        Resource = "*"
      },
      {
        Sid    = "BackupObjects"
        Effect = "Allow"
        Action = [
          "s3:GetObject",
          "s3:DeleteObject",
          "s3:PutObject",
          "s3:AbortMultipartUpload",
          "s3:ListMultipartUploadParts",
        ]
        Resource = ["${local.backup_bucket_arn}/*"]
      },
      {
        Sid      = "BackupBucket"
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = [local.backup_bucket_arn]
      },
      {
        Sid      = "BackupKey"
        Effect   = "Allow"
        Action   = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
        Resource = [aws_kms_key.backups.arn]
      },
      {
        Sid      = "ReplicaReadOnly"
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = ["${local.backup_replica_bucket_arn}/*"]
      },
      {
        Sid      = "ReplicaList"
        Effect   = "Allow"
        Action   = ["s3:ListBucket"]
        Resource = [local.backup_replica_bucket_arn]
      },
      {
        Sid      = "ReplicaKeyDecrypt"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [aws_kms_key.backups_replica.arn]
      },
    ]
  })
}

# ---------------------------------------------------------------------------- pg_dump CronJob

resource "aws_iam_role" "pg_dump" {
  name        = "${var.name}-pg-dump"
  description = "pg_dump ${var.mattermost_namespace}/pg-dump: writes dumps under pg-dump/ in the backup bucket"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.oidc_issuer}:sub" = "system:serviceaccount:${var.mattermost_namespace}:pg-dump"
          "${local.oidc_issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

resource "aws_iam_role_policy" "pg_dump" {
  name = "write-dumps"
  role = aws_iam_role.pg_dump.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "WriteDumps"
        Effect   = "Allow"
        Action   = ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"]
        Resource = ["${local.backup_bucket_arn}/pg-dump/*"]
      },
      {
        Sid      = "BackupKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = [aws_kms_key.backups.arn]
      },
    ]
  })
}

# ---------------------------------------------------------------------------- database credentials

# External Secrets reads the Mattermost database credentials from Secrets Manager and writes the
# Kubernetes Secret the Mattermost resource names (OOB-SEC-002).
resource "aws_iam_role" "mattermost_db_sync" {
  name        = "${var.name}-mattermost-db-sync"
  description = "External Secrets ${var.mattermost_namespace}/mattermost-db-sync: the Mattermost database secret"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.oidc_issuer}:sub" = "system:serviceaccount:${var.mattermost_namespace}:mattermost-db-sync"
          "${local.oidc_issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

resource "aws_iam_role_policy" "mattermost_db_sync" {
  name = "read-database-secret"
  role = aws_iam_role.mattermost_db_sync.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ReadSecret"
        Effect = "Allow"
        Action = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"]
        # Secrets Manager appends six random characters to a secret's ARN.
        Resource = ["arn:${local.partition}:secretsmanager:${var.region}:${local.account_id}:secret:${aws_secretsmanager_secret.mattermost_db.name}-??????"]
      },
      {
        Sid      = "SecretKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = [aws_kms_key.rds.arn]
      },
    ]
  })
}

# ---------------------------------------------------------------------------- VPC CNI

resource "aws_iam_role" "vpc_cni" {
  name        = "${var.name}-vpc-cni"
  description = "Amazon VPC CNI kube-system/aws-node"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringEquals = {
          "${local.oidc_issuer}:sub" = "system:serviceaccount:kube-system:aws-node"
          "${local.oidc_issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "vpc_cni" {
  role       = aws_iam_role.vpc_cni.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonEKS_CNI_Policy"
}
