/** Terraform AWS provider → model. */
import type { AwsAccountScope, S3Bucket } from '../../model/aws.ts';
import { parsePolicy } from '../../model/functions/iam.ts';
import { at, blocks, bool, cloudBase, lineOf, markUnknown, num, str, strs, track, unknownAt, type AdaptContext, type Mapper, type ProviderAdapter } from './adapt.ts';
import type { TfJson, TfResource } from './types.ts';

const ACCOUNT_IN_ARN = /^arn:aws[\w-]*:[^:]*:[^:]*:(\d{12}):/;

function providers(c: { providers: import('./types.ts').TfProviderConfig[] }, ctx: AdaptContext): void {
  for (const p of c.providers) {
    if (p.name !== 'aws') continue;
    const roles = [...blocks(p.values['assume_role']), ...blocks(p.values['assume_role_with_web_identity'])].map((b) => str(b['role_arn'])).filter(Boolean);
    const scope: AwsAccountScope = {
      id: `tf/${p.address}`, kind: 'AwsProvider', name: p.key, source: p.source, address: p.address, resourceId: '', providerKey: p.key,
      origin: ctx.origin, module: p.module, tags: {},
      allowedAccountIds: strs(p.values['allowed_account_ids']),
      forbiddenAccountIds: strs(p.values['forbidden_account_ids']),
      assumeRoleArns: roles,
      assumeRoleAccountIds: roles.map((r) => ACCOUNT_IN_ARN.exec(r)?.[1] ?? '').filter(Boolean),
      region: str(p.values['region']),
      callerAccountId: '',
    };
    track(scope, 'allowedAccountIds', p, 'allowed_account_ids');
    track(scope, 'assumeRoleArns', p, 'assume_role');
    track(scope, 'assumeRoleAccountIds', p, 'assume_role');
    track(scope, 'region', p, 'region');
    ctx.aws.providers.push(scope);
  }
}

function newBucket(r: TfResource, ctx: AdaptContext): S3Bucket {
  const name = str(r.values['bucket']) || str(r.values['bucket_prefix']);
  const b: S3Bucket = {
    ...cloudBase(r, ctx, 'S3Bucket', name || r.address, name ? `arn:aws:s3:::${name}` : ''),
    kind: 'S3Bucket', bucket: name, region: '',
    versioning: { status: '', mfaDelete: '' },
    encryption: { rules: [{ sseAlgorithm: 'AES256', kmsMasterKeyId: '', bucketKeyEnabled: false }] },
    replication: null, publicAccessBlock: null, policy: null,
    objectLock: { enabled: bool(r.values['object_lock_enabled']) === true, mode: '', days: null, years: null },
    lifecycleRules: [], mergedFrom: [],
  };
  track(b, 'bucket', r, 'bucket');
  track(b, 'objectLock.enabled', r, 'object_lock_enabled');
  // Legacy inline blocks of the AWS provider v3 (still accepted, deprecated).
  const v = blocks(r.values['versioning'])[0];
  if (v) {
    b.versioning.status = bool(v['enabled']) === true ? 'Enabled' : bool(v['enabled']) === false ? 'Suspended' : '';
    b.versioning.mfaDelete = bool(v['mfa_delete']) === true ? 'Enabled' : '';
    track(b, 'versioning', r, 'versioning[0].enabled');
  }
  const sse = blocks(at(r.values, 'server_side_encryption_configuration[0].rule'))[0];
  if (sse) {
    const d = blocks(sse['apply_server_side_encryption_by_default'])[0] ?? {};
    b.encryption.rules = [{ sseAlgorithm: str(d['sse_algorithm']), kmsMasterKeyId: str(d['kms_master_key_id']), bucketKeyEnabled: bool(sse['bucket_key_enabled']) === true }];
    track(b, 'encryption', r, 'server_side_encryption_configuration');
  }
  return b;
}

/** The bucket a split-out resource configures: by reference, else by name. */
function bucketFor(r: TfResource, ctx: AdaptContext): S3Bucket | null {
  const refs = r.refs['bucket'] ?? [];
  for (const ref of refs) {
    const addr = r.module ? `${r.module}.${ref}` : ref;
    const hit = ctx.aws.s3.buckets.find((b) => b.address === addr || b.address === ref);
    if (hit) return hit;
  }
  const name = str(r.values['bucket']);
  if (name && !name.includes('${')) return ctx.aws.s3.buckets.find((b) => b.bucket === name) ?? null;
  return null;
}

const SPLIT_OUT = new Set([
  'aws_s3_bucket_versioning', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_replication_configuration',
  'aws_s3_bucket_public_access_block', 'aws_s3_bucket_policy', 'aws_s3_bucket_object_lock_configuration', 'aws_s3_bucket_lifecycle_configuration',
]);

function mergeSplitOut(r: TfResource, b: S3Bucket): void {
  b.mergedFrom.push(r.address);
  const v = r.values;
  switch (r.type) {
    case 'aws_s3_bucket_versioning': {
      const c = blocks(v['versioning_configuration'])[0] ?? {};
      b.versioning = { status: str(c['status']), mfaDelete: str(c['mfa_delete']) };
      track(b, 'versioning.status', r, 'versioning_configuration[0].status');
      track(b, 'versioning.mfaDelete', r, 'versioning_configuration[0].mfa_delete');
      break;
    }
    case 'aws_s3_bucket_server_side_encryption_configuration': {
      b.encryption.rules = blocks(v['rule']).map((rule) => {
        const d = blocks(rule['apply_server_side_encryption_by_default'])[0] ?? {};
        return { sseAlgorithm: str(d['sse_algorithm']), kmsMasterKeyId: str(d['kms_master_key_id']), bucketKeyEnabled: bool(rule['bucket_key_enabled']) === true };
      });
      track(b, 'encryption', r, 'rule');
      break;
    }
    case 'aws_s3_bucket_replication_configuration': {
      b.replication = {
        role: str(v['role']),
        rules: blocks(v['rule']).map((rule) => {
          const dest = blocks(rule['destination'])[0] ?? {};
          return {
            id: str(rule['id']), status: str(rule['status']), destinationBucket: str(dest['bucket']), destinationAccount: str(dest['account']),
            replicaKmsKeyId: str(at(dest, 'encryption_configuration[0].replica_kms_key_id')),
            sseKmsEncryptedObjects: str(at(rule, 'source_selection_criteria[0].sse_kms_encrypted_objects[0].status')),
            deleteMarkerReplication: str(at(rule, 'delete_marker_replication[0].status')),
          };
        }),
      };
      track(b, 'replication', r, 'rule');
      break;
    }
    case 'aws_s3_bucket_public_access_block': {
      b.publicAccessBlock = {
        blockPublicAcls: bool(v['block_public_acls']) === true, blockPublicPolicy: bool(v['block_public_policy']) === true,
        ignorePublicAcls: bool(v['ignore_public_acls']) === true, restrictPublicBuckets: bool(v['restrict_public_buckets']) === true,
      };
      for (const [m, t] of [['blockPublicAcls', 'block_public_acls'], ['blockPublicPolicy', 'block_public_policy'], ['ignorePublicAcls', 'ignore_public_acls'], ['restrictPublicBuckets', 'restrict_public_buckets']] as const) {
        track(b, `publicAccessBlock.${m}`, r, t);
      }
      break;
    }
    case 'aws_s3_bucket_policy': {
      b.policy = parsePolicy(v['policy']);
      track(b, 'policy', r, 'policy');
      if (b.policy === null && unknownAt(r, 'policy') === null) markUnknown(b, 'policy', `${r.address}.policy is not a readable policy document`);
      break;
    }
    case 'aws_s3_bucket_object_lock_configuration': {
      const d = blocks(at(v, 'rule[0].default_retention'))[0] ?? {};
      b.objectLock = { enabled: true, mode: str(d['mode']), days: num(d['days']), years: num(d['years']) };
      track(b, 'objectLock', r, 'rule');
      break;
    }
    case 'aws_s3_bucket_lifecycle_configuration': {
      b.lifecycleRules = blocks(v['rule']).map((rule) => ({
        id: str(rule['id']), status: str(rule['status']),
        noncurrentDays: num(at(rule, 'noncurrent_version_expiration[0].noncurrent_days')),
        expirationDays: num(at(rule, 'expiration[0].days')),
      }));
      track(b, 'lifecycleRules', r, 'rule');
      break;
    }
  }
  (b.origins ??= {})[`mergedFrom[${b.mergedFrom.length - 1}]`] = lineOf(r, '');
}

const SPLIT_OUT_FIELD: Record<string, string> = {
  aws_s3_bucket_versioning: 'versioning', aws_s3_bucket_server_side_encryption_configuration: 'encryption',
  aws_s3_bucket_replication_configuration: 'replication', aws_s3_bucket_public_access_block: 'publicAccessBlock',
  aws_s3_bucket_policy: 'policy', aws_s3_bucket_object_lock_configuration: 'objectLock', aws_s3_bucket_lifecycle_configuration: 'lifecycleRules',
};

const mappers: Record<string, Mapper> = {
  aws_s3_bucket: (r, ctx) => { ctx.aws.s3.buckets.push(newBucket(r, ctx)); },
};

export const awsAdapter: ProviderAdapter = {
  mappers,
  providers,
  finish: (resources, ctx) => {
    for (const r of resources) {
      if (!SPLIT_OUT.has(r.type)) continue;
      const b = bucketFor(r, ctx);
      if (b) {
        mergeSplitOut(r, b);
        continue;
      }
      // Cannot tell which bucket it configures: every bucket's corresponding setting is unknown,
      // rather than judged as missing.
      for (const bucket of ctx.aws.s3.buckets) {
        markUnknown(bucket, SPLIT_OUT_FIELD[r.type]!, `${r.address} configures a bucket that cannot be identified statically (bucket = ${JSON.stringify(str(r.values['bucket']) || null)})`);
      }
    }
  },
};

export type { TfJson };
