/**
 * AWS model collections. Filled from Terraform (HCL and plan JSON) now and from the live APIs
 * later; rules target these, never a file format. Field names follow the AWS API shapes in
 * camelCase; a value that could not be read is listed in the object's `unknown`.
 */
import type { CloudObject, PolicyDocument } from './cloud.ts';
import { emptyAwsData, type AwsDataCollections } from './aws-data.ts';
import { emptyAwsIdentity, type AwsIdentityCollections } from './aws-identity.ts';

/** A provider configuration (`provider "aws"`), or the caller identity of a live scan. */
export interface AwsAccountScope extends CloudObject {
  kind: 'AwsProvider';
  /** `allowed_account_ids` (empty when not pinned). */
  allowedAccountIds: string[];
  forbiddenAccountIds: string[];
  /** Account ids named by `assume_role[].role_arn` (and the role ARNs). */
  assumeRoleArns: string[];
  assumeRoleAccountIds: string[];
  region: string;
  /** Live: the account really scanned (STS GetCallerIdentity); "" for IaC. */
  callerAccountId: string;
  /**
   * Live: the AWS Organization the scanned account belongs to (Organizations `DescribeOrganization`),
   * null when it is in none (`AWSOrganizationsNotInUseException`). IaC: null and unknown (only a
   * live scan asks).
   */
  organization: AwsOrganization | null;
}

/** An AWS Organization as `DescribeOrganization` answers it. */
export interface AwsOrganization {
  id: string;
  arn: string;
  /** The management (formerly "master") account: it can reach into every member account. */
  managementAccountId: string;
  /** `ALL` or `CONSOLIDATED_BILLING`. */
  featureSet: string;
}

export interface S3Bucket extends CloudObject {
  kind: 'S3Bucket';
  bucket: string;
  /** Region: the bucket's `region` argument (provider v6), else its provider configuration's; live: `GetBucketLocation`. */
  region: string;
  /** Accounts the bucket may live in (provider `assume_role` account, else `allowed_account_ids`; live: the scanned account). */
  accountIds: string[];
  /** Versioning status: "Enabled", "Suspended", or "" when never configured. */
  versioning: { status: string; mfaDelete: string };
  /**
   * Default encryption rules (since 2023 S3 always applies at least SSE-S3). `kmsMasterKeyId` is the
   * key ARN, or the Terraform address of a declared key whose ARN is known only after apply; ""
   * with `aws:kms` means the AWS-managed `aws/s3` key. `kmsKeyManager` as in KMS `KeyManager`.
   */
  encryption: { rules: { sseAlgorithm: string; kmsMasterKeyId: string; kmsKeyManager: 'CUSTOMER' | 'AWS' | ''; bucketKeyEnabled: boolean }[] };
  replication: {
    role: string;
    rules: { id: string; status: string; destinationBucket: string; destinationAccount: string; replicaKmsKeyId: string; sseKmsEncryptedObjects: string; deleteMarkerReplication: string }[];
  } | null;
  /**
   * Where the enabled replication rules copy to (destination bucket name, its region and accounts),
   * when the destination is declared among the inputs; unknown otherwise.
   */
  replicationDestinations: { bucket: string; region: string; accountIds: string[] }[];
  publicAccessBlock: { blockPublicAcls: boolean; blockPublicPolicy: boolean; ignorePublicAcls: boolean; restrictPublicBuckets: boolean } | null;
  /** The account-level S3 Block Public Access of the bucket's account (`aws_s3_account_public_access_block`), which applies on top of the bucket's. */
  accountPublicAccessBlock: { blockPublicAcls: boolean; blockPublicPolicy: boolean; ignorePublicAcls: boolean; restrictPublicBuckets: boolean } | null;
  policy: PolicyDocument | null;
  /** Server access logging (`GetBucketLogging` → `LoggingEnabled`); null when off. */
  logging: { targetBucket: string; targetPrefix: string } | null;
  /** Object Lock: `ObjectLockEnabled` and the default retention (`Rule.DefaultRetention`). */
  objectLock: { enabled: boolean; mode: string; days: number | null; years: number | null };
  lifecycleRules: { id: string; status: string; noncurrentDays: number | null; expirationDays: number | null }[];
  /** Buckets (names) whose replication rules copy into this one: this bucket is a replica. */
  replicaOf: string[];
  /** Buckets (names) that deliver their server access logs here. */
  accessLogTargetOf: string[];
  /** CloudTrail trails that deliver here. */
  cloudTrailTargetOf: string[];
  /** Addresses of the split-out resources merged into this bucket (versioning, encryption, …). */
  mergedFrom: string[];
}

export interface AwsCollections {
  providers: AwsAccountScope[];
  s3: { buckets: S3Bucket[] };
  // RDS, Route 53, CloudTrail, KMS, WAFv2, load balancers, AWS Backup (aws-data.ts).
  rds: AwsDataCollections['rds'];
  route53: AwsDataCollections['route53'];
  cloudtrail: AwsDataCollections['cloudtrail'];
  kms: AwsDataCollections['kms'];
  wafv2: AwsDataCollections['wafv2'];
  elbv2: AwsDataCollections['elbv2'];
  backup: AwsDataCollections['backup'];
  // IAM, EKS, EC2 launch templates / peerings / TGW attachments, account-qualified ARNs (aws-identity.ts).
  iam: AwsIdentityCollections['iam'];
  eks: AwsIdentityCollections['eks'];
  ec2: AwsIdentityCollections['ec2'];
  accountReferences: AwsIdentityCollections['accountReferences'];
}

export function emptyAws(): AwsCollections {
  return { providers: [], s3: { buckets: [] }, ...emptyAwsData(), ...emptyAwsIdentity() };
}
