# The OOB EKS cluster. The API endpoint answers only the OOB VPN (ZT-NET-004/010); Secrets are
# envelope-encrypted with a customer key (ZT-ENC-007); every control-plane log type goes to an
# encrypted log group (ZT-MON-001); access is by EKS access entries only, with no implicit admin
# for whoever ran Terraform (OOB-AC-004).

resource "aws_cloudwatch_log_group" "eks" {
  name              = "/aws/eks/${local.cluster_name}/cluster"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

resource "aws_eks_cluster" "oob" {
  name     = local.cluster_name
  version  = var.kubernetes_version
  role_arn = aws_iam_role.cluster.arn

  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  # vpc-cni, kube-proxy and CoreDNS come as managed add-ons below, configured by us.
  bootstrap_self_managed_addons = false

  vpc_config {
    subnet_ids              = module.network.private_subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = var.admin_vpn_cidrs
  }

  access_config {
    authentication_mode                         = "API"
    bootstrap_cluster_creator_admin_permissions = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }

  depends_on = [
    aws_cloudwatch_log_group.eks,
    aws_iam_role_policy_attachment.cluster,
  ]
}

resource "aws_iam_role" "cluster" {
  name = "${local.cluster_name}-cluster"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "eks.amazonaws.com" }
      Action    = ["sts:AssumeRole", "sts:TagSession"]
    }]
  })
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonEKSClusterPolicy"
}

# ---------------------------------------------------------------------------- access entries

# Break-glass administrators: the only cluster-admin principal, in the OOB account.
resource "aws_eks_access_entry" "breakglass" {
  cluster_name  = aws_eks_cluster.oob.name
  principal_arn = "arn:${local.partition}:iam::${local.account_id}:role/${var.breakglass_role_name}"
  type          = "STANDARD"
}

resource "aws_eks_access_policy_association" "breakglass" {
  cluster_name  = aws_eks_cluster.oob.name
  principal_arn = aws_eks_access_entry.breakglass.principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

  access_scope {
    type = "cluster"
  }
}

# Incident responders can see everything and change nothing.
resource "aws_eks_access_entry" "responders" {
  cluster_name  = aws_eks_cluster.oob.name
  principal_arn = "arn:${local.partition}:iam::${local.account_id}:role/${var.responder_role_name}"
  type          = "STANDARD"
}

resource "aws_eks_access_policy_association" "responders" {
  cluster_name  = aws_eks_cluster.oob.name
  principal_arn = aws_eks_access_entry.responders.principal_arn
  policy_arn    = "arn:${local.partition}:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"

  access_scope {
    type = "cluster"
  }
}

# ---------------------------------------------------------------------------- add-ons

# The VPC CNI enforces NetworkPolicy (ZT-NET-003); it runs under its own IRSA role rather than the
# node role.
resource "aws_eks_addon" "vpc_cni" {
  cluster_name             = aws_eks_cluster.oob.name
  addon_name               = "vpc-cni"
  service_account_role_arn = aws_iam_role.vpc_cni.arn
  configuration_values = jsonencode({
    enableNetworkPolicy = "true"
  })
  resolve_conflicts_on_update = "OVERWRITE"
}

resource "aws_eks_addon" "kube_proxy" {
  cluster_name = aws_eks_cluster.oob.name
  addon_name   = "kube-proxy"
}

resource "aws_eks_addon" "coredns" {
  cluster_name = aws_eks_cluster.oob.name
  addon_name   = "coredns"

  depends_on = [aws_eks_node_group.system]
}

# ---------------------------------------------------------------------------- nodes

# IMDSv2 only, one hop: pods cannot reach the node's credentials (ZT-IAM-006). Volumes encrypted
# with the node key.
resource "aws_launch_template" "nodes" {
  name_prefix            = "${local.cluster_name}-nodes-"
  update_default_version = true

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  # Bottlerocket: /dev/xvda holds the OS, /dev/xvdb the container data.
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = 4
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = aws_kms_key.nodes.arn
      delete_on_termination = true
    }
  }

  block_device_mappings {
    device_name = "/dev/xvdb"
    ebs {
      volume_size           = 50
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = aws_kms_key.nodes.arn
      delete_on_termination = true
    }
  }

  monitoring {
    enabled = true
  }
}

# Bottlerocket (hardened, image-based, automatically updated by node replacement; ZT-HOST-004), no
# SSH access (no remote_access block).
resource "aws_eks_node_group" "system" {
  cluster_name    = aws_eks_cluster.oob.name
  node_group_name = "${local.cluster_name}-system"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = module.network.private_subnet_ids

  ami_type       = "BOTTLEROCKET_x86_64"
  capacity_type  = "ON_DEMAND"
  instance_types = ["m6i.large"]

  scaling_config {
    desired_size = 3
    min_size     = 3
    max_size     = 6
  }

  update_config {
    max_unavailable = 1
  }

  launch_template {
    id      = aws_launch_template.nodes.id
    version = aws_launch_template.nodes.latest_version
  }

  depends_on = [
    aws_iam_role_policy_attachment.nodes_worker,
    aws_iam_role_policy_attachment.nodes_ecr,
    aws_eks_addon.vpc_cni,
  ]
}

# Node role: what the kubelet needs, nothing more (ZT-IAM-004). The CNI policy is on the vpc-cni
# IRSA role instead.
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

resource "aws_iam_role_policy_attachment" "nodes_ecr" {
  role       = aws_iam_role.nodes.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"
}
