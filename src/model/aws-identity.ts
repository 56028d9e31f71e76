/**
 * AWS identity, EKS and isolation collections: IAM roles, users, customer-managed policies, OIDC
 * providers and account summaries; EKS clusters, add-ons, managed node groups, access entries and access-policy
 * associations; EC2 launch templates, VPC peerings and transit-gateway attachments; and every
 * account-qualified ARN the inputs name.
 *
 * Filled from Terraform (HCL and plan JSON) now and from the live APIs later, so field names follow
 * the AWS API shapes in camelCase (IAM `GetRole`, EKS `DescribeCluster`, EC2
 * `DescribeLaunchTemplateVersions`, …) and hold the *effective* value: where an argument is absent,
 * the provider's or the service's default is applied and named in the field's comment. A value
 * that could not be read is listed in the object's `unknown`.
 *
 * Conventions for values Terraform knows only after apply: an ARN or id of a resource declared
 * among the inputs is replaced by that resource's Terraform address (`aws_kms_key.eks`,
 * `aws_iam_openid_connect_provider.eks`), the same convention as the KMS and S3 fields of
 * `aws-data.ts`; it is a join key, not a guess, and is not marked unknown. Anything else that is
 * not known statically is unknown.
 */
import type { CloudObject, PolicyDocument } from './cloud.ts';

/** Region and accounts an object lives in (its provider configuration's; live: the scan's). */
export interface AwsIdentityPlacement {
  region: string;
  /** The account of the provider's `assume_role` role ARN, else its `allowed_account_ids`. */
  accountIds: string[];
}

// ---- IAM ----------------------------------------------------------------------------------------

/** A permission policy that applies to a role, user or group. */
export interface IamAttachedPolicy {
  /** `inline` (`aws_iam_role_policy`, `inline_policy {}`; live `GetRolePolicy`) or `managed` (attached; live `ListAttachedRolePolicies`). */
  type: 'inline' | 'managed';
  /** Inline policy name, or the managed policy's name (last segment of its ARN). */
  policyName: string;
  /** Managed policy ARN (or the address of a declared `aws_iam_policy` not yet created); "" for inline. */
  policyArn: string;
  /** An AWS managed policy (`arn:aws:iam::aws:policy/…`): its document is AWS's, never among the inputs. */
  awsManaged: boolean;
  /**
   * The policy document; null for AWS managed policies. Unknown when the document cannot be read
   * (a customer policy that is not among the inputs, a value known only after apply).
   */
  document: PolicyDocument | null;
  /** The Terraform resource that attaches or declares it (`aws_iam_role_policy.files`); "" live. */
  address: string;
  /** The `aws_iam_policy` (or `data.aws_iam_policy_document`) that backs it, when declared; "". */
  policyAddress: string;
  /** For user policies: the IAM group it comes through; "" when attached directly. */
  viaGroup: string;
}

/** A condition test of an IRSA trust statement on `<issuer>:sub` or `<issuer>:aud`. */
export interface WebIdentityCondition {
  /** `StringEquals`, `StringLike`, `ForAnyValue:StringEquals`, … as written. */
  operator: string;
  /** The condition key as written (`oidc.eks.eu-west-1.amazonaws.com/id/ABC:sub`). */
  key: string;
  /** Issuer part of the key (host path; or the address of the declared cluster / provider). */
  issuer: string;
  values: string[];
  /**
   * Every value matches exactly one string: the operator compares for equality (`StringEquals`),
   * or is `StringLike` with values that hold no `*` / `?`.
   */
  exact: boolean;
}

/**
 * A role's trust for `sts:AssumeRoleWithWebIdentity` by one federated principal (IRSA). Derived
 * from the trust policy and joined with the OIDC providers and EKS clusters among the inputs.
 */
export interface WebIdentityTrust {
  /** Index of the statement in `assumeRolePolicy.statements`. */
  statement: number;
  /** `Principal.Federated` as written (an `oidc-provider` ARN, or the address of a declared provider). */
  federated: string;
  /** Issuer host path the principal names (`oidc.eks.<region>.amazonaws.com/id/<ID>`, or the address of the declared cluster / provider when known only after apply); "" when not an OIDC provider. */
  issuer: string;
  /** The issuer is an EKS cluster's (`oidc.eks.*` host, or a cluster among the inputs). */
  eksIssuer: boolean;
  /** Model id of the OIDC provider among the inputs (`tf/aws_iam_openid_connect_provider.eks`); "". */
  provider: string;
  /** Model id of the EKS cluster whose issuer it is, when among the inputs; "". */
  cluster: string;
  /** Positive tests on `…:sub` (StringEquals / StringLike and their ForAnyValue / IfExists forms). */
  subjects: WebIdentityCondition[];
  /** Positive tests on `…:aud`. */
  audiences: WebIdentityCondition[];
  /** ServiceAccounts named by exact `system:serviceaccount:<ns>:<sa>` subjects. */
  serviceAccounts: { namespace: string; name: string }[];
}

/** A Kubernetes ServiceAccount linked to a role (joined from the manifests among the inputs). */
export interface RoleServiceAccount {
  namespace: string;
  name: string;
  /** The ServiceAccount carries `eks.amazonaws.com/role-arn` naming this role. */
  annotated: boolean;
  /** The role's trust policy names it in an exact `:sub` test. */
  trusted: boolean;
  /** The ServiceAccount is among the inputs. */
  found: boolean;
}

/** `aws_iam_role`; live: `GetRole` + `ListRolePolicies`/`GetRolePolicy` + `ListAttachedRolePolicies`. */
export interface IamRole extends CloudObject, AwsIdentityPlacement {
  kind: 'IamRole';
  roleName: string;
  /** `path`; default `/`. */
  path: string;
  /** Role ARN: known from a plan, or `arn:aws:iam::<account>:role<path><name>` when the provider pins one account; else "" (unknown). */
  arn: string;
  /** `assume_role_policy` (JSON string in Terraform, URL-encoded JSON live), parsed. */
  assumeRolePolicy: PolicyDocument | null;
  /** Inline and attached permission policies, from every Terraform resource that declares one. */
  policies: IamAttachedPolicy[];
  /** ARNs of the attached managed policies (also in `policies`), for deny-list checks. */
  attachedPolicyArns: string[];
  /** `permissions_boundary` ARN; "" when none. */
  permissionsBoundary: string;
  /** IRSA trusts derived from `assumeRolePolicy`. */
  webIdentity: WebIdentityTrust[];
  /** Services trusted through `Principal.Service` (`ec2.amazonaws.com`, `pods.eks.amazonaws.com`). */
  trustedServices: string[];
  /** EKS managed node groups (model ids) running with this role as their node role. */
  nodeGroups: string[];
  /** Kubernetes ServiceAccounts annotated with this role or trusted by it. */
  serviceAccounts: RoleServiceAccount[];
  /** The role serves a Mattermost file store (a Mattermost ServiceAccount is annotated with it). */
  mattermostFileStore: boolean;
  /** Buckets of that file store (Mattermost CR `spec.fileStore.external.bucket`, `FileSettings.AmazonS3Bucket`). */
  fileStoreBuckets: string[];
  /** The role is Velero's (Velero's ServiceAccount is annotated with it, or trusted by it). */
  velero: boolean;
  /** Buckets of the AWS BackupStorageLocations (unknown when none is among the inputs). */
  backupBuckets: string[];
  /**
   * KMS keys the role may use for those buckets: BSL `spec.config.kmsKeyId` and the buckets' SSE-KMS
   * keys, as ARN patterns (key ids become `arn:aws:kms:*:*:key/<id>`).
   */
  kmsKeys: string[];
}

/** `aws_iam_policy`; live: `GetPolicy` + `GetPolicyVersion`. */
export interface IamPolicy extends CloudObject, AwsIdentityPlacement {
  kind: 'IamPolicy';
  policyName: string;
  /** `path`; default `/`. */
  path: string;
  /** ARN when known or derivable from a pinned account; "" otherwise. */
  arn: string;
  document: PolicyDocument | null;
  /** Roles, users and groups (names) it is attached to by the inputs. */
  attachedTo: { type: 'role' | 'user' | 'group'; name: string }[];
}

/** `aws_iam_openid_connect_provider`; live: `ListOpenIDConnectProviders` + `GetOpenIDConnectProvider`. */
export interface IamOidcProvider extends CloudObject, AwsIdentityPlacement {
  kind: 'IamOidcProvider';
  /** ARN, or the Terraform address while known only after apply. */
  arn: string;
  /**
   * Issuer host path without `https://`, as IAM's `Url` holds it; the address of the declared EKS
   * cluster when it is that cluster's issuer and known only after apply.
   */
  url: string;
  clientIDList: string[];
  thumbprintList: string[];
  /** Model id of the EKS cluster whose issuer this is, when among the inputs; "". */
  cluster: string;
}

/** `aws_iam_user` with its login profile, access keys, groups and policies; live: `GetUser`, `GetLoginProfile`, `ListAccessKeys`, `ListMFADevices`, … */
export interface IamUser extends CloudObject, AwsIdentityPlacement {
  kind: 'IamUser';
  userName: string;
  path: string;
  arn: string;
  /** A console password exists (`aws_iam_user_login_profile`; live `GetLoginProfile`, `NoSuchEntity` = none); the password itself is never read. */
  loginProfile: { passwordResetRequired: boolean; address: string } | null;
  /** Access keys (`aws_iam_access_key`; live `ListAccessKeys` + `GetAccessKeyLastUsed`): secrets are never read; `status` default `Active`. */
  accessKeys: IamAccessKey[];
  /** Serial numbers (virtual devices: ARNs) of registered MFA devices (live `ListMFADevices`). Not visible in Terraform (its `aws_iam_virtual_mfa_device` cannot be enabled from configuration); unknown there. */
  mfaDevices: string[];
  groups: string[];
  /** Direct and group policies. */
  policies: IamAttachedPolicy[];
}

/** One access key of an IAM user. */
export interface IamAccessKey {
  /** `Active` or `Inactive`. */
  status: string;
  /** The `aws_iam_access_key` resource; "" live. */
  address: string;
  /** The last four characters of the access key id, to tell keys apart (the id is never kept whole); "" from Terraform. */
  keyIdSuffix: string;
  /** Creation time (ISO 8601, live `CreateDate`); "" when the inputs do not show it (Terraform). */
  createDate: string;
  /** Last use (ISO 8601, live `GetAccessKeyLastUsed`); "" when never used — or, from Terraform, not shown. */
  lastUsedDate: string;
}

/**
 * Account-level IAM facts of one account (live `GetAccountSummary` → `SummaryMap`): about the root
 * user, which no Terraform resource describes. Only live scans fill this collection.
 */
export interface IamAccountSummary extends CloudObject {
  kind: 'IamAccountSummary';
  accountId: string;
  /** `AccountMFAEnabled == 1`: the root user has an MFA device. */
  accountMfaEnabled: boolean;
  /** `AccountAccessKeysPresent == 1`: the root user has access keys. */
  accountAccessKeysPresent: boolean;
  /**
   * `AccountPasswordPresent == 1`: the root user has a console password (false when root
   * credentials are managed centrally by AWS Organizations and were deleted). True when the
   * summary omits it (older answers): the stricter reading.
   */
  accountPasswordPresent: boolean;
}

// ---- EKS ----------------------------------------------------------------------------------------

/** `aws_eks_cluster`; live: `DescribeCluster`. */
export interface EksCluster extends CloudObject, AwsIdentityPlacement {
  kind: 'EksCluster';
  name: string;
  arn: string;
  /** Kubernetes `version`; unknown when absent (EKS picks its default at creation). */
  version: string;
  platformVersion: string;
  resourcesVpcConfig: {
    /** `endpoint_public_access`; provider default true. */
    endpointPublicAccess: boolean;
    /** `endpoint_private_access`; provider default false. */
    endpointPrivateAccess: boolean;
    /** `public_access_cidrs`; EKS default `["0.0.0.0/0"]` when absent (returned even for private-only clusters). */
    publicAccessCidrs: string[];
    securityGroupIds: string[];
    subnetIds: string[];
  };
  /** Control-plane log types enabled (`enabled_cluster_log_types`; live: union of `logging.clusterLogging[].types` with `enabled`). Default none. */
  enabledLogTypes: string[];
  /** `encryption_config`: `provider.keyArn` is the key ARN or the declared key's address. */
  encryptionConfig: { resources: string[]; provider: { keyArn: string } }[];
  /**
   * `access_config`. Absent: the EKS API defaults (`CONFIG_MAP`; the creator bootstrapped as
   * admin, `bootstrapClusterCreatorAdminPermissions` true). The provider documented false for a
   * while (hashicorp/terraform-provider-aws#36259, #43404); AWS's API default is true.
   */
  accessConfig: { authenticationMode: string; bootstrapClusterCreatorAdminPermissions: boolean };
  /** `identity[0].oidc[0].issuer` URL; the cluster's address when known only after apply (then unknown). */
  oidcIssuer: string;
  /** `upgrade_policy[0].support_type` (`STANDARD` | `EXTENDED`); EKS default `EXTENDED`. */
  upgradePolicy: { supportType: string };
  /** Add-ons (model ids) installed on the cluster. */
  addons: string[];
  /**
   * What enforces Kubernetes NetworkPolicy on the cluster: `vpc-cni` (add-on with
   * `enableNetworkPolicy`), `calico`, `cilium` (a Helm release or DaemonSet among the inputs).
   */
  networkPolicyEnforcers: string[];
}

/** `aws_eks_addon`; live: `DescribeAddon`. */
export interface EksAddon extends CloudObject, AwsIdentityPlacement {
  kind: 'EksAddon';
  addonName: string;
  clusterName: string;
  /** Model id of the cluster when among the inputs; "". */
  cluster: string;
  addonVersion: string;
  /**
   * The settings of `configuration_values` (JSON; live: JSON or YAML) that rules read — for
   * `vpc-cni`, `enableNetworkPolicy` — and nothing else (`keptAddonSettings`): other add-ons keep
   * credentials there. `{}` when none of them is set; null when there are no configuration values.
   */
  configurationValues: Record<string, unknown> | null;
  serviceAccountRoleArn: string;
}

/** `aws_eks_node_group`; live: `DescribeNodegroup`. */
export interface EksNodeGroup extends CloudObject, AwsIdentityPlacement {
  kind: 'EksNodeGroup';
  nodegroupName: string;
  clusterName: string;
  cluster: string;
  /**
   * `ami_type`; absent: `CUSTOM` when the launch template sets an image, else EKS's default for
   * the node group's Kubernetes version (`AL2023_x86_64_STANDARD` from 1.30, `AL2_x86_64` before).
   */
  amiType: string;
  /** Kubernetes version (`version`, default the cluster's). */
  version: string;
  /** `remote_access`: SSH key name and source security groups (none = SSH from 0.0.0.0/0); null when absent. */
  remoteAccess: { ec2SshKey: string; sourceSecurityGroups: string[] } | null;
  /** `node_role_arn`: ARN, or the declared role's address. */
  nodeRole: string;
  /** Model id of the node role when among the inputs; "". */
  nodeRoleId: string;
  /** `launch_template`: id/name (or the declared template's address) and version; null when EKS generates one. */
  launchTemplate: { id: string; name: string; version: string; template: string } | null;
}

/** `aws_eks_access_entry`; live: `DescribeAccessEntry`. */
export interface EksAccessEntry extends CloudObject, AwsIdentityPlacement {
  kind: 'EksAccessEntry';
  clusterName: string;
  cluster: string;
  /** Principal ARN, or the declared role's / user's address. */
  principalArn: string;
  /** Role or user name of the principal (from the ARN, or the declared resource). */
  principalName: string;
  kubernetesGroups: string[];
  /** `type`; default `STANDARD`. */
  type: string;
}

/** `aws_eks_access_policy_association`; live: `ListAssociatedAccessPolicies`. */
export interface EksAccessPolicyAssociation extends CloudObject, AwsIdentityPlacement {
  kind: 'EksAccessPolicyAssociation';
  clusterName: string;
  cluster: string;
  principalArn: string;
  principalName: string;
  policyArn: string;
  accessScope: { type: string; namespaces: string[] };
}

// ---- EC2 ----------------------------------------------------------------------------------------

/** `aws_launch_template`; live: `DescribeLaunchTemplateVersions` → `LaunchTemplateData`. */
export interface Ec2LaunchTemplate extends CloudObject, AwsIdentityPlacement {
  kind: 'Ec2LaunchTemplate';
  launchTemplateName: string;
  imageId: string;
  metadataOptions: {
    /** `http_endpoint`; EC2 default `enabled`. */
    httpEndpoint: string;
    /** `http_tokens`; "" when not set (EC2 then uses `required` only for AMIs with `ImdsSupport: v2.0`). */
    httpTokens: string;
    /** `http_put_response_hop_limit`; EC2 default 1. */
    httpPutResponseHopLimit: number;
    /** `instance_metadata_tags`; EC2 default `disabled`. */
    instanceMetadataTags: string;
  };
  /** EKS node groups (model ids) that launch from it. */
  nodeGroups: string[];
}

/** `aws_vpc_peering_connection` (requester) / `aws_vpc_peering_connection_accepter`; live: `DescribeVpcPeeringConnections`. */
export interface Ec2VpcPeering extends CloudObject, AwsIdentityPlacement {
  kind: 'Ec2VpcPeering';
  /** Which side this resource manages. */
  side: 'requester' | 'accepter';
  vpcId: string;
  peerVpcId: string;
  /**
   * Account of the other side: `peer_owner_id` (requester; absent = the provider's own account,
   * then `sameAccount`), the requester's account (accepter; known from a plan).
   */
  peerOwnerId: string;
  /** `peer_owner_id` absent on a requester: both VPCs are in the provider's account. */
  sameAccount: boolean;
  peerRegion: string;
}

/** `aws_ec2_transit_gateway_vpc_attachment` / `_peering_attachment`; live: `DescribeTransitGatewayAttachments`. */
export interface Ec2TransitGatewayAttachment extends CloudObject, AwsIdentityPlacement {
  kind: 'Ec2TransitGatewayAttachment';
  /** `vpc` or `peering`. */
  resourceType: string;
  transitGatewayId: string;
  /** Account owning the transit gateway: that of the declared `aws_ec2_transit_gateway`'s provider; unknown otherwise (a shared gateway). */
  transitGatewayOwnerId: string;
  /** Peering attachments: `peer_account_id` (default: the provider's account); live: `ResourceOwnerId`. */
  peerAccountId: string;
  vpcId: string;
  /**
   * VPC attachments: the account owning the VPC (live `ResourceOwnerId`: a primary VPC attached to
   * an OOB gateway shows here). Terraform: the provider's account when it pins one, else "" (the
   * provider's account, which OOB-ISO-001 judges).
   */
  vpcOwnerId: string;
}

/** An ARN with an account id that the inputs name anywhere (any resource argument, any policy). */
export interface AwsAccountReference extends CloudObject {
  kind: 'AwsAccountReference';
  arn: string;
  accountId: string;
  /** Resource type and argument that hold it (`aws_iam_role`, `assume_role_policy`). */
  resourceType: string;
  attribute: string;
}

export interface AwsIdentityCollections {
  iam: { roles: IamRole[]; policies: IamPolicy[]; oidcProviders: IamOidcProvider[]; users: IamUser[]; accountSummaries: IamAccountSummary[] };
  eks: { clusters: EksCluster[]; addons: EksAddon[]; nodeGroups: EksNodeGroup[]; accessEntries: EksAccessEntry[]; accessPolicyAssociations: EksAccessPolicyAssociation[] };
  ec2: { launchTemplates: Ec2LaunchTemplate[]; vpcPeerings: Ec2VpcPeering[]; transitGatewayAttachments: Ec2TransitGatewayAttachment[] };
  accountReferences: AwsAccountReference[];
}

export function emptyAwsIdentity(): AwsIdentityCollections {
  return {
    iam: { roles: [], policies: [], oidcProviders: [], users: [], accountSummaries: [] },
    eks: { clusters: [], addons: [], nodeGroups: [], accessEntries: [], accessPolicyAssociations: [] },
    ec2: { launchTemplates: [], vpcPeerings: [], transitGatewayAttachments: [] },
    accountReferences: [],
  };
}
