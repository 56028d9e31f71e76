resource "aws_iam_openid_connect_provider" "eks" {
  url            = aws_eks_cluster.oob.identity[0].oidc[0].issuer
  client_id_list = ["sts.amazonaws.com"]
}

locals {
  oidc_issuer = replace(aws_eks_cluster.oob.identity[0].oidc[0].issuer, "https://", "")
}

# Mistake: any ServiceAccount of the cluster may assume the file-store role (wildcard sub, no aud;
# ZT-IAM-002).
resource "aws_iam_role" "mattermost_files" {
  name = "${var.name}-mattermost-files"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = {
          "${local.oidc_issuer}:sub" = "system:serviceaccount:*"
        }
      }
    }]
  })
}

# Mistake: every S3 action on every bucket (ZT-IAM-001, ZT-IAM-004).
resource "aws_iam_role_policy" "mattermost_files" {
  name = "file-store"
  role = aws_iam_role.mattermost_files.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "s3:*"
      Resource = "*"
    }]
  })
}

# Mistake: Velero's role trusts a whole namespace and holds AmazonS3FullAccess (ZT-IAM-002/003/004).
resource "aws_iam_role" "velero" {
  name = "${var.name}-velero"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Action    = "sts:AssumeRoleWithWebIdentity"
      Condition = {
        StringLike = {
          "${local.oidc_issuer}:sub" = "system:serviceaccount:${var.velero_namespace}:*"
          "${local.oidc_issuer}:aud" = "sts.amazonaws.com"
        }
      }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "velero" {
  role       = aws_iam_role.velero.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonS3FullAccess"
}
