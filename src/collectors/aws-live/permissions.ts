/**
 * The IAM action each AWS API the live collector calls needs (`Service:Operation` → action). The
 * names differ from the API names for several S3 calls; `sts:GetCallerIdentity` needs none.
 * deploy/aws/oobguard-readonly-policy.json grants exactly these (test/aws-permissions.test.ts).
 */
export const AWS_API_PERMISSIONS = {
  'STS:GetCallerIdentity': null,
  'S3:ListBuckets': 's3:ListAllMyBuckets',
  'S3:GetBucketLocation': 's3:GetBucketLocation',
  'S3:GetBucketVersioning': 's3:GetBucketVersioning',
  'S3:GetBucketEncryption': 's3:GetEncryptionConfiguration',
  'S3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  'S3:GetBucketPolicy': 's3:GetBucketPolicy',
  'S3:GetBucketReplication': 's3:GetReplicationConfiguration',
  'S3:GetObjectLockConfiguration': 's3:GetBucketObjectLockConfiguration',
  'S3:GetBucketLifecycleConfiguration': 's3:GetLifecycleConfiguration',
  'S3:GetBucketLogging': 's3:GetBucketLogging',
  'EKS:ListClusters': 'eks:ListClusters',
  'EKS:DescribeCluster': 'eks:DescribeCluster',
  'Route53:ListHostedZones': 'route53:ListHostedZones',
  'Route53:ListResourceRecordSets': 'route53:ListResourceRecordSets',
  'Route53:ListHealthChecks': 'route53:ListHealthChecks',
  'Route53:GetHealthCheckStatus': 'route53:GetHealthCheckStatus',
  'RDS:DescribeDBClusters': 'rds:DescribeDBClusters',
  'RDS:DescribeDBInstances': 'rds:DescribeDBInstances',
  'RDS:DescribeDBClusterParameters': 'rds:DescribeDBClusterParameters',
  'CloudTrail:DescribeTrails': 'cloudtrail:DescribeTrails',
  'CloudTrail:GetTrailStatus': 'cloudtrail:GetTrailStatus',
  'KMS:ListKeys': 'kms:ListKeys',
  'KMS:DescribeKey': 'kms:DescribeKey',
  'KMS:GetKeyRotationStatus': 'kms:GetKeyRotationStatus',
  'IAM:GetAccountAuthorizationDetails': 'iam:GetAccountAuthorizationDetails',
  'IAM:GetAccountSummary': 'iam:GetAccountSummary',
  'IAM:GetLoginProfile': 'iam:GetLoginProfile',
  'IAM:ListAccessKeys': 'iam:ListAccessKeys',
  'IAM:GetAccessKeyLastUsed': 'iam:GetAccessKeyLastUsed',
  'IAM:ListMFADevices': 'iam:ListMFADevices',
  'IAM:ListOpenIDConnectProviders': 'iam:ListOpenIDConnectProviders',
  'IAM:GetOpenIDConnectProvider': 'iam:GetOpenIDConnectProvider',
  // EKS add-ons, node groups, access entries; EC2; Organizations; drill evidence (CloudTrail, RDS).
  'EKS:ListAddons': 'eks:ListAddons', 'EKS:DescribeAddon': 'eks:DescribeAddon',
  'EKS:ListNodegroups': 'eks:ListNodegroups', 'EKS:DescribeNodegroup': 'eks:DescribeNodegroup',
  'EKS:ListAccessEntries': 'eks:ListAccessEntries', 'EKS:DescribeAccessEntry': 'eks:DescribeAccessEntry',
  'EKS:ListAssociatedAccessPolicies': 'eks:ListAssociatedAccessPolicies',
  'EC2:DescribeLaunchTemplateVersions': 'ec2:DescribeLaunchTemplateVersions',
  'EC2:DescribeVpcPeeringConnections': 'ec2:DescribeVpcPeeringConnections',
  'EC2:DescribeTransitGatewayAttachments': 'ec2:DescribeTransitGatewayAttachments',
  'Organizations:DescribeOrganization': 'organizations:DescribeOrganization',
  'CloudTrail:LookupEvents': 'cloudtrail:LookupEvents',
  'RDS:DescribeDBClusterSnapshots': 'rds:DescribeDBClusterSnapshots',
} as const satisfies Record<string, string | null>;

export type AwsApi = keyof typeof AWS_API_PERMISSIONS;

/** The IAM action `api` needs (`sts:GetCallerIdentity` needs none: that is said instead). */
export function permissionOf(api: AwsApi): string {
  return AWS_API_PERMISSIONS[api] ?? 'valid AWS credentials (sts:GetCallerIdentity needs no IAM permission)';
}

/** Every IAM action the collector may use. */
export function requiredActions(): string[] {
  return [...new Set(Object.values(AWS_API_PERMISSIONS).filter((a): a is NonNullable<typeof a> => a !== null))].sort();
}
