/**
 * Live S3 → `aws.s3.buckets`, the same fields with the same meaning as the Terraform adapter
 * (src/collectors/terraform/aws.ts): `ListBuckets`, then per bucket `GetBucketLocation`,
 * `GetBucketVersioning`, `GetBucketEncryption`, `GetPublicAccessBlock`, `GetBucketPolicy`,
 * `GetBucketReplication`, `GetObjectLockConfiguration`, `GetBucketLifecycleConfiguration` and
 * `GetBucketLogging`.
 *
 * Failures. `ListBuckets` failing hides every bucket: a coverage gap on `aws.s3.buckets` (rules on
 * it are unknown for the account). One per-bucket call failing (a 403 from a bucket policy, a
 * throttle that outlasted the retries) hides one setting of one bucket: that field is listed in the
 * bucket's `unknown` with the API, the error and the IAM action, so exactly the rules that read it
 * are unknown for that bucket and every other rule judges it. (The engine matches a gap's scope to
 * an object's namespace, which cloud objects do not have, so a bucket-scoped gap could not be
 * precise.) "Not configured" answers (`NoSuchBucketPolicy`, …) are values, not failures.
 */
import {
  GetBucketEncryptionCommand, GetBucketLifecycleConfigurationCommand, GetBucketLocationCommand, GetBucketLoggingCommand, GetBucketPolicyCommand,
  GetBucketReplicationCommand, GetBucketVersioningCommand, GetObjectLockConfigurationCommand, GetPublicAccessBlockCommand, ListBucketsCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { S3Bucket } from '../../model/aws.ts';
import type { KmsKeyManager } from '../../model/aws-data.ts';
import { parsePolicy } from '../../model/functions/iam.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { call, callOrAbsent, mapBounded, paged, type CallCounter, type Outcome } from './calls.ts';
import { failedBecause, gap, liveBase, type LiveScope } from './common.ts';

export const S3_COLLECTION = 'aws.s3.buckets';

/** The S3 APIs read; their IAM actions (which differ from the API names) are in permissions.ts. */
type S3Api = 'ListBuckets' | 'GetBucketLocation' | 'GetBucketVersioning' | 'GetBucketEncryption' | 'GetPublicAccessBlock' | 'GetBucketPolicy'
  | 'GetBucketReplication' | 'GetObjectLockConfiguration' | 'GetBucketLifecycleConfiguration' | 'GetBucketLogging';

function why(api: S3Api, o: Extract<Outcome<unknown>, { ok: false }>): string {
  return failedBecause(`S3:${api}`, '', o.error);
}

function managerOfKey(keyId: string): KmsKeyManager {
  if (/(^|:)alias\/aws\//.test(keyId)) return 'AWS';
  if (/(^|:)alias\//.test(keyId)) return 'CUSTOMER';
  return '';
}

/** `GetBucketLocation`: null/"" is us-east-1, the legacy "EU" is eu-west-1. */
function regionOfLocation(c: string | undefined): string {
  if (c === undefined || c === '') return 'us-east-1';
  return c === 'EU' ? 'eu-west-1' : c;
}

async function readBucket(s3: S3Client, name: string, scope: LiveScope, counter: CallCounter): Promise<S3Bucket> {
  const arn = `arn:${scope.partition}:s3:::${name}`;
  const b: S3Bucket = {
    ...liveBase(scope, 'S3Bucket', name, arn), kind: 'S3Bucket', bucket: name, region: '', accountIds: [scope.accountId],
    versioning: { status: '', mfaDelete: '' },
    encryption: { rules: [{ sseAlgorithm: 'AES256', kmsMasterKeyId: '', kmsKeyManager: '', bucketKeyEnabled: false }] },
    replication: null, replicationDestinations: [], publicAccessBlock: null, accountPublicAccessBlock: null, policy: null, logging: null,
    objectLock: { enabled: false, mode: '', days: null, years: null },
    lifecycleRules: [], replicaOf: [], accessLogTargetOf: [], cloudTrailTargetOf: [], mergedFrom: [],
  };
  const unknown = (path: string, reason: string): void => { (b.unknown ??= {})[path] = reason; };
  const Bucket = name;
  // One call at a time per bucket: at most `concurrency` requests are in flight for the account.
  // The bucket's settings are independent reads: all at once (the account's gate bounds them).
  const [location, versioning, encryption, pab, policy, replication, objectLock, lifecycle, logging] = await Promise.all([
    call(counter, () => s3.send(new GetBucketLocationCommand({ Bucket }))),
    call(counter, () => s3.send(new GetBucketVersioningCommand({ Bucket }))),
    callOrAbsent(counter, ['ServerSideEncryptionConfigurationNotFoundError'], () => s3.send(new GetBucketEncryptionCommand({ Bucket }))),
    callOrAbsent(counter, ['NoSuchPublicAccessBlockConfiguration'], () => s3.send(new GetPublicAccessBlockCommand({ Bucket }))),
    callOrAbsent(counter, ['NoSuchBucketPolicy'], () => s3.send(new GetBucketPolicyCommand({ Bucket }))),
    callOrAbsent(counter, ['ReplicationConfigurationNotFoundError'], () => s3.send(new GetBucketReplicationCommand({ Bucket }))),
    callOrAbsent(counter, ['ObjectLockConfigurationNotFoundError'], () => s3.send(new GetObjectLockConfigurationCommand({ Bucket }))),
    callOrAbsent(counter, ['NoSuchLifecycleConfiguration'], () => s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket }))),
    call(counter, () => s3.send(new GetBucketLoggingCommand({ Bucket }))),
  ]);

  if (location.ok) b.region = regionOfLocation(location.value.LocationConstraint);
  else unknown('region', why('GetBucketLocation', location));

  if (versioning.ok) b.versioning = { status: versioning.value.Status ?? '', mfaDelete: versioning.value.MFADelete ?? '' };
  else unknown('versioning', why('GetBucketVersioning', versioning));

  if (!encryption.ok) unknown('encryption', why('GetBucketEncryption', encryption));
  else if (encryption.value !== null) {
    const rules = encryption.value.ServerSideEncryptionConfiguration?.Rules ?? [];
    // No rule at all cannot be stored since 2023; keep the SSE-S3 default rule then.
    if (rules.length > 0) {
      b.encryption.rules = rules.map((r) => {
        const d = r.ApplyServerSideEncryptionByDefault;
        const algorithm = d?.SSEAlgorithm ?? '';
        const keyId = d?.KMSMasterKeyID ?? '';
        return {
          sseAlgorithm: algorithm, kmsMasterKeyId: keyId,
          // aws:kms without a key id: the AWS-managed aws/s3 key.
          kmsKeyManager: algorithm.startsWith('aws:kms') && keyId === '' ? 'AWS' : managerOfKey(keyId),
          bucketKeyEnabled: r.BucketKeyEnabled === true,
        };
      });
    }
  }

  if (!pab.ok) unknown('publicAccessBlock', why('GetPublicAccessBlock', pab));
  else if (pab.value !== null) {
    const c = pab.value.PublicAccessBlockConfiguration ?? {};
    b.publicAccessBlock = {
      blockPublicAcls: c.BlockPublicAcls === true, blockPublicPolicy: c.BlockPublicPolicy === true,
      ignorePublicAcls: c.IgnorePublicAcls === true, restrictPublicBuckets: c.RestrictPublicBuckets === true,
    };
  }
  // The account-level block (S3 Control GetPublicAccessBlock) is not read by this scan. It matters
  // only where the bucket's own block leaves a setting off; there it is unknown, not assumed absent.
  const own = b.publicAccessBlock;
  if (own === null || !(own.blockPublicAcls && own.blockPublicPolicy && own.ignorePublicAcls && own.restrictPublicBuckets)) {
    unknown('accountPublicAccessBlock', 'the account-level S3 Block Public Access (S3Control:GetPublicAccessBlock, s3:GetAccountPublicAccessBlock) is not read by the live AWS scan yet');
  }

  if (!policy.ok) unknown('policy', why('GetBucketPolicy', policy));
  else if (policy.value !== null) {
    b.policy = parsePolicy(policy.value.Policy ?? '');
    if (b.policy === null) unknown('policy', `S3:GetBucketPolicy of ${name} returned a document that is not a readable policy`);
  }

  if (!replication.ok) unknown('replication', why('GetBucketReplication', replication));
  else if (replication.value !== null) {
    const c = replication.value.ReplicationConfiguration;
    b.replication = {
      role: c?.Role ?? '',
      rules: (c?.Rules ?? []).map((r) => ({
        id: r.ID ?? '', status: r.Status ?? '',
        // The API returns the destination as a bucket ARN, as the Terraform adapter stores it.
        destinationBucket: r.Destination?.Bucket ?? '', destinationAccount: r.Destination?.Account ?? '',
        replicaKmsKeyId: r.Destination?.EncryptionConfiguration?.ReplicaKmsKeyID ?? '',
        sseKmsEncryptedObjects: r.SourceSelectionCriteria?.SseKmsEncryptedObjects?.Status ?? '',
        deleteMarkerReplication: r.DeleteMarkerReplication?.Status ?? '',
      })),
    };
  }

  if (!objectLock.ok) unknown('objectLock', why('GetObjectLockConfiguration', objectLock));
  else if (objectLock.value !== null) {
    const c = objectLock.value.ObjectLockConfiguration;
    const d = c?.Rule?.DefaultRetention;
    b.objectLock = { enabled: c?.ObjectLockEnabled === 'Enabled', mode: d?.Mode ?? '', days: d?.Days ?? null, years: d?.Years ?? null };
  }

  if (!lifecycle.ok) unknown('lifecycleRules', why('GetBucketLifecycleConfiguration', lifecycle));
  else if (lifecycle.value !== null) {
    b.lifecycleRules = (lifecycle.value.Rules ?? []).map((r) => ({
      id: r.ID ?? '', status: r.Status ?? '',
      noncurrentDays: r.NoncurrentVersionExpiration?.NoncurrentDays ?? null, expirationDays: r.Expiration?.Days ?? null,
    }));
  }

  if (!logging.ok) unknown('logging', why('GetBucketLogging', logging));
  else if (logging.value.LoggingEnabled) {
    b.logging = { targetBucket: logging.value.LoggingEnabled.TargetBucket ?? '', targetPrefix: logging.value.LoggingEnabled.TargetPrefix ?? '' };
  }
  return b;
}

function bucketNameOf(arnOrName: string): string {
  return arnOrName.replace(/^arn:aws[\w-]*:s3:::/, '');
}

/** Joins among the buckets read, as the Terraform adapter makes them among the declared ones. */
function joinBuckets(buckets: S3Bucket[], scope: LiveScope): void {
  const byName = new Map(buckets.map((b) => [b.bucket, b]));
  for (const b of buckets) {
    for (const [i, rule] of (b.replication?.rules ?? []).entries()) {
      if (rule.status !== 'Enabled') continue;
      const dest = byName.get(bucketNameOf(rule.destinationBucket));
      if (dest) {
        b.replicationDestinations.push({ bucket: dest.bucket, region: dest.region, accountIds: [...dest.accountIds] });
        if (dest.unknown?.['region']) (b.unknown ??= {})[`replicationDestinations[${b.replicationDestinations.length - 1}].region`] = `destination bucket ${dest.bucket}: ${dest.unknown['region']}`;
        if (!dest.replicaOf.includes(b.bucket)) dest.replicaOf.push(b.bucket);
      } else {
        (b.unknown ??= {})['replicationDestinations'] = rule.destinationBucket === ''
          ? `replication rule ${rule.id || i} names no destination bucket`
          : `replication destination ${bucketNameOf(rule.destinationBucket)} is not a bucket of account ${scope.accountId}, so its region cannot be told`;
      }
    }
    const replWhy = b.unknown?.['replication'];
    if (replWhy !== undefined) (b.unknown ??= {})['replicationDestinations'] = replWhy;
    if (b.logging) {
      const target = byName.get(b.logging.targetBucket);
      if (target && !target.accessLogTargetOf.includes(b.bucket)) target.accessLogTargetOf.push(b.bucket);
    }
  }
  for (const b of buckets) {
    // Which buckets replicate into this one / log here: unknown where a bucket's setting could not be read.
    const hidden = buckets.filter((x) => x !== b && (x.unknown?.['replication'] !== undefined));
    if (hidden.length > 0) (b.unknown ??= {})['replicaOf'] = `the replication configuration of ${hidden.map((x) => x.bucket).join(', ')} could not be read`;
    const noLog = buckets.filter((x) => x !== b && x.unknown?.['logging'] !== undefined);
    if (noLog.length > 0) (b.unknown ??= {})['accessLogTargetOf'] = `the access logging of ${noLog.map((x) => x.bucket).join(', ')} could not be read`;
    // CloudTrail is not read by this scan yet: whether a trail delivers here is not known.
    (b.unknown ??= {})['cloudTrailTargetOf'] = 'CloudTrail trails (CloudTrail:DescribeTrails) are not read by the live AWS scan yet';
  }
}

export async function collectS3(s3: S3Client, scope: LiveScope, counter: CallCounter, concurrency: number): Promise<{ buckets: S3Bucket[]; gaps: CoverageGap[] }> {
  const listed = await paged(counter, async (ContinuationToken) => {
    const p = await s3.send(new ListBucketsCommand(ContinuationToken === undefined ? {} : { ContinuationToken }));
    return { items: (p.Buckets ?? []).map((b) => b.Name ?? '').filter((n) => n !== ''), next: p.ContinuationToken };
  });
  if (!listed.ok) return { buckets: [], gaps: [gap(S3_COLLECTION, '', 'S3:ListBuckets', listed.error)] };
  const buckets = await mapBounded(listed.value, concurrency, (n) => readBucket(s3, n, scope, counter));
  joinBuckets(buckets, scope);
  return { buckets, gaps: [] };
}
