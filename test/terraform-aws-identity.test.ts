/**
 * Terraform → AWS identity / EKS / isolation model: roles assembled from every resource that
 * shapes them, IRSA trusts joined with their OIDC provider and cluster, EKS defaults, node group,
 * add-on and access joins, peering owners, account-qualified ARNs; the join with the Kubernetes
 * manifests (ServiceAccount ↔ role, Mattermost and Velero buckets); unknowns; plan JSON; and the
 * IAM reasoning functions the rules call.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IamRole } from '../src/model/aws-identity.ts';
import type { PolicyDocument } from '../src/model/cloud.ts';
import { parsePolicy } from '../src/model/functions/iam.ts';
import {
  arnParts, cidrOverlaps, eksStandardSupportEnd, iamActionsOutside, iamAllowsAction, iamDeniesWithoutMfa, iamResourcesOutside,
  iamWildcardStatements, patternWithin, webIdentityTrusts,
} from '../src/model/functions/iam-analysis.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { scanFiles } from './helpers/scan.ts';

const snap = async (files: Record<string, string>) => (await scanFiles(files, { rules: [] })).snapshot;
const role = (roles: readonly IamRole[], address: string): IamRole => {
  const r = roles.find((x) => x.address === address);
  if (!r) throw new Error(`no role ${address} in ${roles.map((x) => x.address).join(', ')}`);
  return r;
};
const doc = (json: unknown): PolicyDocument => parsePolicy(json)!;

const PROVIDER = `
provider "aws" {
  region              = "eu-central-1"
  allowed_account_ids = ["111122223333"]
}
`;

const CLUSTER = `
resource "aws_kms_key" "eks" {
  description         = "mm-oob EKS secrets"
  enable_key_rotation = true
}
resource "aws_eks_cluster" "oob" {
  name     = "mm-oob"
  role_arn = aws_iam_role.cluster.arn
  version  = "1.33"
  vpc_config {
    subnet_ids = ["subnet-0a1", "subnet-0b2"]
  }
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}
resource "aws_iam_role" "cluster" {
  name = "mm-oob-eks-cluster"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "eks.amazonaws.com" } }]
  })
}
data "tls_certificate" "oidc" {
  url = aws_eks_cluster.oob.identity[0].oidc[0].issuer
}
resource "aws_iam_openid_connect_provider" "eks" {
  url             = data.tls_certificate.oidc.url
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = [data.tls_certificate.oidc.certificates[0].sha1_fingerprint]
}
`;

const IRSA = `
locals {
  issuer = replace(aws_iam_openid_connect_provider.eks.url, "https://", "")
}
data "aws_iam_policy_document" "files_trust" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.eks.arn]
    }
    condition {
      test     = "StringEquals"
      variable = "\${local.issuer}:sub"
      values   = ["system:serviceaccount:mattermost:mm"]
    }
    condition {
      test     = "StringEquals"
      variable = "\${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}
resource "aws_iam_role" "files" {
  name               = "mm-oob-files"
  assume_role_policy = data.aws_iam_policy_document.files_trust.json
  inline_policy {
    name = "list"
    policy = jsonencode({
      Version   = "2012-10-17"
      Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = aws_s3_bucket.files.arn }]
    })
  }
}
resource "aws_s3_bucket" "files" {
  bucket = "mm-oob-files"
}
resource "aws_iam_policy" "files" {
  name = "mm-oob-files-objects"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "\${aws_s3_bucket.files.arn}/*" }]
  })
}
resource "aws_iam_role_policy_attachment" "files" {
  role       = aws_iam_role.files.name
  policy_arn = aws_iam_policy.files.arn
}
resource "aws_iam_role_policy_attachment" "files_readonly" {
  role       = aws_iam_role.files.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}
`;

describe('IAM roles from Terraform', () => {
  it('assembles inline, inline_policy, attached customer and AWS managed policies, and derives the ARN from the pinned account', async () => {
    const s = await snap({ 'main.tf': PROVIDER + CLUSTER + IRSA });
    const r = role(s.aws.iam.roles, 'aws_iam_role.files');
    expect(r.arn).toBe('arn:aws:iam::111122223333:role/mm-oob-files');
    expect(r.policies.map((p) => [p.type, p.policyName, p.awsManaged, p.address])).toEqual([
      ['inline', 'list', false, 'aws_iam_role.files'],
      ['managed', 'mm-oob-files-objects', false, 'aws_iam_role_policy_attachment.files'],
      ['managed', 'ReadOnlyAccess', true, 'aws_iam_role_policy_attachment.files_readonly'],
    ]);
    expect(r.policies[0]!.document!.statements[0]!.resources).toEqual(['arn:aws:s3:::mm-oob-files']);
    expect(r.policies[1]!.document!.statements[0]!.resources).toEqual(['arn:aws:s3:::mm-oob-files/*']);
    expect(r.policies[1]!.policyArn).toBe('arn:aws:iam::111122223333:policy/mm-oob-files-objects');
    expect(r.policies[2]!.document).toBeNull();
    expect(r.attachedPolicyArns).toEqual(['arn:aws:iam::111122223333:policy/mm-oob-files-objects', 'arn:aws:iam::aws:policy/ReadOnlyAccess']);
    expect(r.unknown ?? {}).toEqual({});
    expect(s.aws.iam.policies.find((p) => p.address === 'aws_iam_policy.files')?.attachedTo).toEqual([{ type: 'role', name: 'mm-oob-files' }]);
  });

  it('joins an IRSA trust written with a policy document and locals to its OIDC provider and cluster', async () => {
    const s = await snap({ 'main.tf': PROVIDER + CLUSTER + IRSA });
    const c = s.aws.eks.clusters[0]!;
    const p = s.aws.iam.oidcProviders[0]!;
    expect(p).toMatchObject({ arn: 'aws_iam_openid_connect_provider.eks', url: 'aws_eks_cluster.oob', cluster: c.id, clientIDList: ['sts.amazonaws.com'] });
    const r = role(s.aws.iam.roles, 'aws_iam_role.files');
    expect(r.assumeRolePolicy!.statements[0]!.principals).toEqual({ Federated: ['aws_iam_openid_connect_provider.eks'] });
    expect(r.webIdentity).toEqual([{
      statement: 0, federated: 'aws_iam_openid_connect_provider.eks', issuer: 'aws_eks_cluster.oob', eksIssuer: true, provider: p.id, cluster: c.id,
      subjects: [{ operator: 'StringEquals', key: 'aws_eks_cluster.oob:sub', issuer: 'aws_eks_cluster.oob', values: ['system:serviceaccount:mattermost:mm'], exact: true }],
      audiences: [{ operator: 'StringEquals', key: 'aws_eks_cluster.oob:aud', issuer: 'aws_eks_cluster.oob', values: ['sts.amazonaws.com'], exact: true }],
      serviceAccounts: [{ namespace: 'mattermost', name: 'mm' }],
    }]);
    expect(role(s.aws.iam.roles, 'aws_iam_role.cluster').trustedServices).toEqual(['eks.amazonaws.com']);
    // The issuer is known only after apply: a join key, and unknown where a rule reads it directly.
    expect(c.oidcIssuer).toBe('aws_eks_cluster.oob');
    expect(c.unknown?.['oidcIssuer']).toMatch(/known after apply/);
  });

  it('keeps a trust whose provider comes from a registry module unknown, with the placeholders as reason', async () => {
    const s = await snap({
      'main.tf': `
module "eks" {
  source  = "terraform-aws-modules/eks/aws"
  version = "~> 20.0"
}
resource "aws_iam_role" "files" {
  name = "mm-oob-files"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = module.eks.oidc_provider_arn }
      Condition = { StringEquals = { "\${module.eks.oidc_provider}:sub" = "system:serviceaccount:mattermost:mm" } }
    }]
  })
}`,
    });
    const r = role(s.aws.iam.roles, 'aws_iam_role.files');
    expect(r.unknown?.['assumeRolePolicy']).toContain('${module.eks.oidc_provider_arn}');
    expect(r.unknown?.['webIdentity']).toBeDefined();
  });

  it('marks every role\'s policies unknown when an attachment names a role that cannot be identified', async () => {
    const s = await snap({
      'main.tf': `
variable "role_name" {
  type = string
}
resource "aws_iam_role" "a" {
  name               = "a"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
resource "aws_iam_role_policy_attachment" "x" {
  role       = var.role_name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}`,
    });
    expect(role(s.aws.iam.roles, 'aws_iam_role.a').unknown?.['policies']).toMatch(/cannot be identified statically/);
  });

  it('treats a data.aws_iam_policy_document with dynamic statements as unknown, never as fewer statements', async () => {
    const s = await snap({
      'main.tf': `
variable "extra" {
  type = list(string)
}
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::b/*"]
  }
  dynamic "statement" {
    for_each = var.extra
    content {
      actions   = [statement.value]
      resources = ["*"]
    }
  }
}
resource "aws_iam_role" "a" {
  name               = "a"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
resource "aws_iam_role_policy" "a" {
  role   = aws_iam_role.a.name
  policy = data.aws_iam_policy_document.p.json
}`,
    });
    const r = role(s.aws.iam.roles, 'aws_iam_role.a');
    expect(r.policies[0]!.document).toBeNull();
    expect(r.unknown?.['policies[0].document']).toMatch(/dynamic "statement"/);
  });
});

describe('EKS from Terraform', () => {
  it('applies the provider and EKS defaults when arguments are absent', async () => {
    const s = await snap({
      'main.tf': `
resource "aws_eks_cluster" "oob" {
  name     = "mm-oob"
  role_arn = "arn:aws:iam::111122223333:role/mm-oob-eks-cluster"
  version  = "1.34"
  vpc_config {
    subnet_ids = ["subnet-0a1", "subnet-0b2"]
  }
}`,
    });
    expect(s.aws.eks.clusters[0]).toMatchObject({
      resourcesVpcConfig: { endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ['0.0.0.0/0'] },
      enabledLogTypes: [], encryptionConfig: [],
      accessConfig: { authenticationMode: 'CONFIG_MAP', bootstrapClusterCreatorAdminPermissions: true },
      upgradePolicy: { supportType: 'EXTENDED' },
    });
  });

  it('joins node groups with their role, launch template and cluster, and derives the default AMI type', async () => {
    const s = await snap({
      'main.tf': `${PROVIDER}${CLUSTER}
resource "aws_iam_role" "node" {
  name = "mm-oob-node"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}
resource "aws_launch_template" "nodes" {
  name_prefix = "mm-oob-nodes-"
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}
resource "aws_eks_node_group" "system" {
  cluster_name    = aws_eks_cluster.oob.name
  node_group_name = "system"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = ["subnet-0a1", "subnet-0b2"]
  launch_template {
    id      = aws_launch_template.nodes.id
    version = aws_launch_template.nodes.latest_version
  }
  scaling_config {
    desired_size = 3
    max_size     = 4
    min_size     = 3
  }
}
resource "aws_eks_addon" "vpc_cni" {
  cluster_name         = aws_eks_cluster.oob.name
  addon_name           = "vpc-cni"
  configuration_values = jsonencode({ enableNetworkPolicy = "true", env = { PROXY_TOKEN = "canary-tf-proxy-token-31d9c7" } })
}
resource "aws_eks_addon" "datadog" {
  cluster_name         = aws_eks_cluster.oob.name
  addon_name           = "datadog_operator"
  configuration_values = jsonencode({ apiKey = "canary-tf-dd-api-key-8b2e4f" })
}
resource "aws_eks_access_policy_association" "bg" {
  cluster_name  = aws_eks_cluster.oob.name
  principal_arn = aws_iam_role.node.arn
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"
  access_scope {
    type = "cluster"
  }
}`,
    });
    const c = s.aws.eks.clusters[0]!;
    const ng = s.aws.eks.nodeGroups[0]!;
    const lt = s.aws.ec2.launchTemplates[0]!;
    const node = role(s.aws.iam.roles, 'aws_iam_role.node');
    expect(ng).toMatchObject({
      clusterName: 'mm-oob', cluster: c.id, amiType: 'AL2023_x86_64_STANDARD', version: '1.33', remoteAccess: null,
      nodeRole: 'arn:aws:iam::111122223333:role/mm-oob-node', nodeRoleId: node.id,
      launchTemplate: { id: 'aws_launch_template.nodes', template: lt.id },
    });
    expect(ng.unknown ?? {}).toEqual({});
    expect(node.nodeGroups).toEqual([ng.id]);
    expect(lt.nodeGroups).toEqual([ng.id]);
    expect(lt.metadataOptions).toEqual({ httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' });
    expect(c.encryptionConfig).toEqual([{ resources: ['secrets'], provider: { keyArn: 'aws_kms_key.eks' } }]);
    expect(c.addons).toEqual(['tf/aws_eks_addon.datadog', 'tf/aws_eks_addon.vpc_cni']);
    expect(c.networkPolicyEnforcers).toEqual(['vpc-cni']);
    // Only the settings rules read: never an add-on's credentials.
    expect(s.aws.eks.addons.map((a) => [a.addonName, a.configurationValues])).toEqual([['datadog_operator', {}], ['vpc-cni', { enableNetworkPolicy: 'true' }]]);
    expect(JSON.stringify(s)).not.toContain('canary-tf');
    expect(s.aws.eks.accessPolicyAssociations[0]).toMatchObject({ principalName: 'mm-oob-node', principalArn: 'arn:aws:iam::111122223333:role/mm-oob-node', accessScope: { type: 'cluster', namespaces: [] } });
  });

  it('reads a plan: known issuer and trusts join, a trust known only after apply stays unknown', async () => {
    const plan = await readFile(path.join(PACKAGE_ROOT, 'fixtures/terraform/plan/aws-identity.plan.json'), 'utf8');
    const s = await snap({ 'plan.json': plan });
    const c = s.aws.eks.clusters[0]!;
    const p = s.aws.iam.oidcProviders[0]!;
    expect(c.oidcIssuer).toBe('https://oidc.eks.eu-central-1.amazonaws.com/id/5C4B1A0E3F2D6E8A9B7C0D1E2F3A4B5C');
    expect(c.unknown ?? {}).toEqual({});
    expect(p).toMatchObject({ url: 'oidc.eks.eu-central-1.amazonaws.com/id/5C4B1A0E3F2D6E8A9B7C0D1E2F3A4B5C', cluster: c.id });
    const files = role(s.aws.iam.roles, 'aws_iam_role.files');
    expect(files.webIdentity[0]).toMatchObject({ provider: p.id, cluster: c.id, serviceAccounts: [{ namespace: 'mattermost', name: 'mm' }] });
    expect(files.policies.map((x) => x.address)).toEqual(['aws_iam_role_policy.files']);
    // inline_policy / managed_policy_arns computed by the plan are not "unknown policies".
    expect(files.unknown ?? {}).toEqual({});
    const velero = role(s.aws.iam.roles, 'aws_iam_role.velero');
    expect(velero.unknown?.['assumeRolePolicy']).toMatch(/known after apply/);
    expect(velero.unknown?.['velero']).toBeDefined();
  });
});

describe('isolation from Terraform', () => {
  it('knows each peering side\'s account, and a transit gateway\'s owner from its provider', async () => {
    const s = await snap({
      'main.tf': `${PROVIDER}
provider "aws" {
  alias               = "network"
  region              = "eu-central-1"
  allowed_account_ids = ["444455556666"]
}
resource "aws_vpc_peering_connection" "same" {
  vpc_id      = "vpc-0a"
  peer_vpc_id = "vpc-0b"
}
resource "aws_vpc_peering_connection" "cross" {
  vpc_id        = "vpc-0a"
  peer_vpc_id   = "vpc-0c"
  peer_owner_id = "444455556666"
}
resource "aws_ec2_transit_gateway" "corp" {
  provider = aws.network
}
resource "aws_ec2_transit_gateway_vpc_attachment" "corp" {
  transit_gateway_id = aws_ec2_transit_gateway.corp.id
  vpc_id             = "vpc-0a"
  subnet_ids         = ["subnet-0a1"]
}
resource "aws_ec2_transit_gateway_vpc_attachment" "shared" {
  transit_gateway_id = "tgw-0123456789abcdef0"
  vpc_id             = "vpc-0a"
  subnet_ids         = ["subnet-0a1"]
}`,
    });
    const same = s.aws.ec2.vpcPeerings.find((x) => x.address === 'aws_vpc_peering_connection.same');
    const cross = s.aws.ec2.vpcPeerings.find((x) => x.address === 'aws_vpc_peering_connection.cross');
    expect(same).toMatchObject({ side: 'requester', sameAccount: true, peerOwnerId: '111122223333', accountIds: ['111122223333'] });
    expect(cross).toMatchObject({ sameAccount: false, peerOwnerId: '444455556666', peerVpcId: 'vpc-0c' });
    const corp = s.aws.ec2.transitGatewayAttachments.find((x) => x.address.endsWith('.corp'));
    const shared = s.aws.ec2.transitGatewayAttachments.find((x) => x.address.endsWith('.shared'));
    expect(corp).toMatchObject({ transitGatewayId: 'aws_ec2_transit_gateway.corp', transitGatewayOwnerId: '444455556666' });
    expect(shared!.unknown?.['transitGatewayOwnerId']).toMatch(/not declared among the inputs/);
  });

  it('lists every account-qualified ARN of the configuration, inside policy JSON too, but not AWS managed policy ARNs', async () => {
    const s = await snap({
      'main.tf': `
resource "aws_iam_role" "bg" {
  name = "oob-break-glass"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/admins"] } }]
  })
}
resource "aws_iam_role_policy_attachment" "ro" {
  role       = aws_iam_role.bg.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}`,
    });
    expect(s.aws.accountReferences.map((r) => [r.address, r.attribute, r.accountId])).toEqual([
      ['aws_iam_role.bg', 'assume_role_policy', '111122223333'],
      ['aws_iam_role.bg', 'assume_role_policy', '444455556666'],
    ]);
  });

  it('records console users, their keys and groups, and whether MFA can be told', async () => {
    const s = await snap({
      'main.tf': `
resource "aws_iam_user" "ops" {
  name = "ops"
}
resource "aws_iam_user_login_profile" "ops" {
  user = aws_iam_user.ops.name
}
resource "aws_iam_access_key" "ops" {
  user   = aws_iam_user.ops.name
  status = "Inactive"
}
resource "aws_iam_group" "admins" {
  name = "admins"
}
resource "aws_iam_group_membership" "admins" {
  name  = "admins"
  group = aws_iam_group.admins.name
  users = [aws_iam_user.ops.name]
}
resource "aws_iam_group_policy_attachment" "admins" {
  group      = aws_iam_group.admins.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}`,
    });
    const u = s.aws.iam.users[0]!;
    expect(u).toMatchObject({ userName: 'ops', loginProfile: { passwordResetRequired: false }, accessKeys: [{ status: 'Inactive' }], groups: ['admins'] });
    expect(u.policies.map((p) => [p.policyName, p.viaGroup])).toEqual([['AdministratorAccess', 'admins']]);
    expect(u.unknown?.['mfaDevices']).toMatch(/registered an MFA device/);
    expect(JSON.stringify(u)).not.toMatch(/password"|secret/i);
  });
});

describe('join with the Kubernetes manifests', () => {
  const K8S = `
apiVersion: v1
kind: Namespace
metadata: {name: mattermost}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: mm
  namespace: mattermost
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/mm-oob-files
---
apiVersion: installation.mattermost.com/v1beta1
kind: Mattermost
metadata: {name: mm, namespace: mattermost}
spec:
  version: 10.5.1
  fileStore:
    external:
      url: s3.eu-central-1.amazonaws.com
      bucket: mm-oob-files
      useServiceAccount: true
`;

  it('links the annotated ServiceAccount, the Mattermost CR and its bucket to the role in one scan', async () => {
    const s = await snap({ 'terraform/main.tf': PROVIDER + CLUSTER + IRSA, 'manifests/mattermost.yaml': K8S });
    const r = role(s.aws.iam.roles, 'aws_iam_role.files');
    expect(r.serviceAccounts).toEqual([{ namespace: 'mattermost', name: 'mm', found: true, annotated: true, trusted: true }]);
    expect(r).toMatchObject({ mattermostFileStore: true, fileStoreBuckets: ['mm-oob-files'], velero: false });
    expect(role(s.aws.iam.roles, 'aws_iam_role.cluster').serviceAccounts).toEqual([]);
  });

  it('matches by name when Terraform cannot derive the ARN (no pinned account)', async () => {
    const s = await snap({ 'main.tf': CLUSTER + IRSA, 'k8s.yaml': K8S });
    const r = role(s.aws.iam.roles, 'aws_iam_role.files');
    expect(r.arn).toBe('');
    expect(r.serviceAccounts[0]).toMatchObject({ annotated: true, trusted: true });
  });

  it('finds Velero\'s role through its Deployment\'s ServiceAccount, with the BSL bucket and KMS key', async () => {
    const s = await snap({
      'main.tf': `${PROVIDER}
resource "aws_kms_key" "backups" {
  description = "backups"
}
resource "aws_s3_bucket" "velero" {
  bucket = "mm-oob-velero"
}
resource "aws_s3_bucket_server_side_encryption_configuration" "velero" {
  bucket = aws_s3_bucket.velero.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.backups.arn
    }
  }
}
resource "aws_iam_role" "velero" {
  name               = "mm-oob-velero"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [] })
}
resource "aws_iam_role_policy" "velero" {
  role = aws_iam_role.velero.name
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["kms:Decrypt"], Resource = aws_kms_key.backups.arn }]
  })
}`,
      'velero.yaml': `
apiVersion: v1
kind: ServiceAccount
metadata:
  name: velero-server
  namespace: backup
  annotations:
    eks.amazonaws.com/role-arn: arn:aws:iam::111122223333:role/mm-oob-velero
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: velero, namespace: backup}
spec:
  selector: {matchLabels: {app: velero}}
  template:
    metadata: {labels: {app: velero}}
    spec:
      serviceAccountName: velero-server
      containers:
        - name: velero
          image: velero/velero:v1.15.2
---
apiVersion: velero.io/v1
kind: BackupStorageLocation
metadata: {name: default, namespace: backup}
spec:
  provider: aws
  objectStorage: {bucket: mm-oob-velero}
  config: {region: eu-central-1, kmsKeyId: alias/mm-oob-backups}
`,
    });
    const r = role(s.aws.iam.roles, 'aws_iam_role.velero');
    expect(r).toMatchObject({ velero: true, backupBuckets: ['mm-oob-velero'] });
    expect(r.kmsKeys).toEqual(['arn:aws:kms:*:*:alias/mm-oob-backups', 'aws_kms_key.backups']);
    expect(r.policies[0]!.document!.statements[0]!.resources).toEqual(['aws_kms_key.backups']);
    expect(r.unknown ?? {}).toEqual({});
  });
});

describe('rules over the joined model', () => {
  it('judges IRSA trusts, not a GitHub Actions deploy role (another OIDC issuer)', async () => {
    const { report } = await scanFiles({
      'main.tf': `
resource "aws_iam_openid_connect_provider" "github" {
  url            = "https://token.actions.githubusercontent.com"
  client_id_list = ["sts.amazonaws.com"]
}
resource "aws_iam_role" "deploy" {
  name = "oob-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }
      Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:example/oob-infra:*" } }
    }]
  })
}`,
    });
    const ids = new Set(report.findings.filter((f) => f.objectId === 'tf/aws_iam_role.deploy').map((f) => f.ruleId));
    expect(ids.has('ZT-IAM-002.irsa-trust')).toBe(false);
    expect(ids.has('ZT-IAM-004.eks-roles')).toBe(false);
    expect(report.findings.some((f) => f.ruleId === 'ZT-IAM-002.oidc-provider')).toBe(false);
  });

  it('lands a wildcard IRSA trust finding on the assume_role_policy line', async () => {
    const { report } = await scanFiles({
      'main.tf': `${CLUSTER}
resource "aws_iam_role" "files" {
  name = "mm-oob-files"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }
      Condition = { StringLike = { "\${replace(aws_iam_openid_connect_provider.eks.url, "https://", "")}:sub" = "system:serviceaccount:*" } }
    }]
  })
}`,
    });
    const f = report.findings.find((x) => x.ruleId === 'ZT-IAM-002.irsa-trust' && x.objectId === 'tf/aws_iam_role.files');
    expect(f?.status).toBe('fail');
    expect(f?.message).toContain('StringLike aws_eks_cluster.oob:sub = system:serviceaccount:*');
    // CLUSTER, an empty line, `resource`, `name`, then `assume_role_policy`.
    expect(f?.location?.startLine).toBe(CLUSTER.split('\n').length + 3);
  });
});

describe('IAM reasoning functions', () => {
  it('pattern containment is sound for wildcards on both sides', () => {
    expect(patternWithin('s3:GetObject', 's3:Get*', true)).toBe(true);
    expect(patternWithin('s3:Get*', 's3:GetObject', true)).toBe(false);
    expect(patternWithin('s3:Get*Object', 's3:*Object', true)).toBe(true);
    expect(patternWithin('s3:*', 's3:?', true)).toBe(false);
    expect(patternWithin('S3:GETOBJECT', 's3:GetObject', true)).toBe(true);
    expect(patternWithin('arn:aws:s3:::b/x/*', 'arn:aws*:s3:::b/*')).toBe(true);
    expect(patternWithin('arn:aws:s3:::b*', 'arn:aws*:s3:::b/*')).toBe(false);
  });

  const d = doc({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:List*', 'kms:Decrypt'], Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::other', 'arn:aws:kms:eu-central-1:1:key/k'] },
      { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
      { Effect: 'Deny', Action: '*', Resource: '*' },
    ],
  });

  it('reports actions and resources outside an allow-list per service, NotAction and NotResource included', () => {
    expect(iamActionsOutside(d, 's3', ['s3:GetObject', 's3:ListBucket'])).toEqual(['s3:List*', 'NotAction [iam:*]']);
    expect(iamActionsOutside(d, 'iam', ['iam:PassRole'])).toEqual([]);
    expect(iamResourcesOutside(d, 's3', ['arn:aws*:s3:::b', 'arn:aws*:s3:::b/*'])).toEqual(['arn:aws:s3:::other', '*']);
    expect(iamResourcesOutside(d, 'kms', ['arn:aws:kms:*:*:key/k'])).toEqual(['*']);
    expect(iamAllowsAction(d, 'ec2:RunInstances')).toBe(true);
    expect(iamAllowsAction(d, 'iam:CreateUser')).toBe(false);
  });

  it('finds wildcard grants and MFA-enforcing denies', () => {
    expect(iamWildcardStatements(d).map((s) => s.index)).toEqual([1]);
    expect(iamWildcardStatements(doc({ Statement: { Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' } }))).toEqual([]);
    expect(iamWildcardStatements(doc({ Statement: { Effect: 'Allow', Action: 'ec2:*', Resource: '*' } }))).toHaveLength(1);
    const mfa = doc({ Statement: [{ Effect: 'Deny', NotAction: ['iam:EnableMFADevice'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }] });
    expect(iamDeniesWithoutMfa(mfa)).toBe(true);
    expect(iamDeniesWithoutMfa(d)).toBe(false);
  });

  it('reads IRSA trusts as IAM does: StringLike without wildcards is exact, keys are matched per issuer', () => {
    const host = 'oidc.eks.eu-central-1.amazonaws.com/id/ABC';
    const trust = doc({
      Statement: [{
        Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: `arn:aws:iam::1:oidc-provider/${host}` },
        Condition: { StringLike: { [`${host}:sub`]: 'system:serviceaccount:velero:velero' }, 'ForAnyValue:StringEquals': { [`${host}:aud`]: ['sts.amazonaws.com'] } },
      }],
    });
    const [t] = webIdentityTrusts(trust, { providers: [], clusters: [{ id: 'c', issuer: host }] });
    expect(t).toMatchObject({ issuer: host, cluster: 'c', eksIssuer: true, serviceAccounts: [{ namespace: 'velero', name: 'velero' }] });
    expect(t!.subjects[0]!.exact).toBe(true);
    expect(t!.audiences[0]!.values).toEqual(['sts.amazonaws.com']);
    const wild = doc({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity', Principal: { Federated: 'arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com' }, Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } } }] });
    expect(webIdentityTrusts(wild, { providers: [], clusters: [] })[0]).toMatchObject({ eksIssuer: false, serviceAccounts: [] });
  });

  it('splits ARNs, overlaps CIDRs and knows the EKS calendar', () => {
    expect(arnParts('arn:aws:iam::111122223333:role/ops/admin')).toMatchObject({ service: 'iam', account: '111122223333', resourceType: 'role', resourceId: 'ops/admin', resourceName: 'admin' });
    expect(arnParts('not-an-arn').service).toBe('');
    expect(cidrOverlaps('203.0.113.64/26', '203.0.113.0/24')).toBe(true);
    expect(cidrOverlaps('198.51.100.0/28', '203.0.113.0/24')).toBe(false);
    expect(cidrOverlaps('2001:db8::/32', '2001:db8:1::/48')).toBe(true);
    expect(cidrOverlaps('10.0.0.0/8', '2001:db8::/32')).toBe(false);
    expect(eksStandardSupportEnd('1.31')).toBe('2025-11-26');
    expect(eksStandardSupportEnd('v1.34.2')).toBe('2026-12-02');
    expect(eksStandardSupportEnd('1.20')).toBe('1970-01-01');
    expect(eksStandardSupportEnd('1.40')).toBe('');
  });
});
