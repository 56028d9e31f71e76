/**
 * AWS model collections. Filled from Terraform (HCL and plan JSON) now and from the live APIs
 * later; rules target these, never a file format. Field names follow the AWS API shapes in
 * camelCase; a value that could not be read is listed in the object's `unknown`.
 */
import type { CloudObject, PolicyDocument } from './cloud.ts';

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
}

export interface S3Bucket extends CloudObject {
  kind: 'S3Bucket';
  bucket: string;
  region: string;
  /** Versioning status: "Enabled", "Suspended", or "" when never configured. */
  versioning: { status: string; mfaDelete: string };
  /** Default encryption rules (since 2023 S3 always applies at least SSE-S3). */
  encryption: { rules: { sseAlgorithm: string; kmsMasterKeyId: string; bucketKeyEnabled: boolean }[] };
  replication: {
    role: string;
    rules: { id: string; status: string; destinationBucket: string; destinationAccount: string; replicaKmsKeyId: string; sseKmsEncryptedObjects: string; deleteMarkerReplication: string }[];
  } | null;
  publicAccessBlock: { blockPublicAcls: boolean; blockPublicPolicy: boolean; ignorePublicAcls: boolean; restrictPublicBuckets: boolean } | null;
  policy: PolicyDocument | null;
  objectLock: { enabled: boolean; mode: string; days: number | null; years: number | null };
  lifecycleRules: { id: string; status: string; noncurrentDays: number | null; expirationDays: number | null }[];
  /** Addresses of the split-out resources merged into this bucket (versioning, encryption, …). */
  mergedFrom: string[];
}

export interface AwsCollections {
  providers: AwsAccountScope[];
  s3: { buckets: S3Bucket[] };
}

export function emptyAws(): AwsCollections {
  return { providers: [], s3: { buckets: [] } };
}
