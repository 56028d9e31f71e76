resource "aws_eks_cluster" "oob" {
  name     = local.cluster_name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster.arn

  # Mistake: only API server logs; no audit or authenticator logs (ZT-MON-001).
  enabled_cluster_log_types = ["api"]

  # Mistake: the API endpoint is public to the whole internet (ZT-NET-004, ZT-NET-010).
  vpc_config {
    subnet_ids              = module.network.private_subnet_ids
    endpoint_private_access = false
    endpoint_public_access  = true
    public_access_cidrs     = var.admin_vpn_cidrs
  }

  # Mistake: the aws-auth ConfigMap still works, and whoever ran Terraform is cluster-admin
  # (OOB-AC-004).
  access_config {
    authentication_mode                         = "API_AND_CONFIG_MAP"
    bootstrap_cluster_creator_admin_permissions = true
  }

  # Mistake: no encryption_config: Secrets are not envelope-encrypted with a customer key
  # (ZT-ENC-007).
}

resource "aws_iam_role" "cluster" {
  name = "${local.cluster_name}-cluster"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "eks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonEKSClusterPolicy"
}

# Mistake: the VPC CNI does not enforce NetworkPolicy, so every NetworkPolicy in the manifests is
# decorative (ZT-NET-003).
resource "aws_eks_addon" "vpc_cni" {
  cluster_name = aws_eks_cluster.oob.name
  addon_name   = "vpc-cni"
}

# Mistake: IMDSv1 allowed, two hops: every pod can read the node role's credentials (ZT-IAM-006).
resource "aws_launch_template" "nodes" {
  name_prefix = "${local.cluster_name}-nodes-"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "optional"
    http_put_response_hop_limit = 2
  }
}

# Mistake: Amazon Linux 2 (end of life) and SSH open to the world (ZT-HOST-004, ZT-IAM-006).
resource "aws_eks_node_group" "system" {
  cluster_name    = aws_eks_cluster.oob.name
  node_group_name = "${local.cluster_name}-system"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = module.network.private_subnet_ids

  ami_type       = "AL2_x86_64"
  instance_types = ["m6i.large"]

  scaling_config {
    desired_size = 2
    min_size     = 1
    max_size     = 3
  }

  remote_access {
    ec2_ssh_key = "ops-shared-key"
  }
}

resource "aws_iam_role" "nodes" {
  name = "${local.cluster_name}-nodes"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "nodes_worker" {
  role       = aws_iam_role.nodes.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonEKSWorkerNodePolicy"
}

# Mistake: the node role, shared by every pod on the node, may do anything (ZT-IAM-004).
resource "aws_iam_role_policy_attachment" "nodes_admin" {
  role       = aws_iam_role.nodes.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AdministratorAccess"
}
