/** Terraform AWS provider → model. */
import type { AwsAccountScope, S3Bucket } from '../../model/aws.ts';
import { parsePolicy } from '../../model/functions/iam.ts';
import { at, blocks, bool, cloudBase, lineOf, markUnknown, num, str, strs, track, unknownAt, type AdaptContext, type Mapper, type ProviderAdapter } from './adapt.ts';
import { kmsRef, refTargets, trackEffective } from './aws-data.ts';
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
      organization: null,
    };
    markUnknown(scope, 'organization', 'AWS Organizations membership is read only by a live scan (--aws)');
    track(scope, 'allowedAccountIds', p, 'allowed_account_ids');
    track(scope, 'assumeRoleArns', p, 'assume_role');
    track(scope, 'assumeRoleAccountIds', p, 'assume_role');
    track(scope, 'region', p, 'region');
    ctx.aws.providers.push(scope);
  }
}

type BlockPublicAccess = NonNullable<S3Bucket['publicAccessBlock']>;

function newBucket(r: TfResource, ctx: AdaptContext): S3Bucket {
  const name = str(r.values['bucket']) || str(r.values['bucket_prefix']);
  const b: S3Bucket = {
    ...cloudBase(r, ctx, 'S3Bucket', name || r.address, name ? `arn:aws:s3:::${name}` : ''),
    kind: 'S3Bucket', bucket: name, region: '', accountIds: [],
    versioning: { status: '', mfaDelete: '' },
    // S3 default since January 2023: SSE-S3 for every bucket without a configuration.
    encryption: { rules: [{ sseAlgorithm: 'AES256', kmsMasterKeyId: '', kmsKeyManager: '', bucketKeyEnabled: false }] },
    replication: null, replicationDestinations: [], publicAccessBlock: null, accountPublicAccessBlock: null, policy: null, logging: null,
    objectLock: { enabled: bool(r.values['object_lock_enabled']) === true, mode: '', days: null, years: null },
    lifecycleRules: [], replicaOf: [], accessLogTargetOf: [], cloudTrailTargetOf: [], mergedFrom: [],
  };
  trackEffective(b, 'bucket', r, 'bucket');
  trackEffective(b, 'objectLock.enabled', r, 'object_lock_enabled');
  // Legacy inline blocks of the AWS provider v3 (still accepted, deprecated). In plans of newer
  // providers they are computed ("known after apply") unless written: read only when present.
  const v = blocks(r.values['versioning'])[0];
  if (v) {
    b.versioning.status = bool(v['enabled']) === true ? 'Enabled' : bool(v['enabled']) === false ? 'Suspended' : '';
    b.versioning.mfaDelete = bool(v['mfa_delete']) === true ? 'Enabled' : '';
    trackEffective(b, 'versioning', r, 'versioning[0].enabled');
  }
  if (blocks(at(r.values, 'server_side_encryption_configuration[0].rule')).length > 0) {
    b.encryption.rules = sseRules(r, 'server_side_encryption_configuration[0].rule', b, ctx);
  }
  const ol = blocks(r.values['object_lock_configuration'])[0];
  if (ol) {
    const d = blocks(at(ol, 'rule[0].default_retention'))[0] ?? {};
    b.objectLock = { enabled: str(ol['object_lock_enabled']) === 'Enabled' || b.objectLock.enabled, mode: str(d['mode']), days: num(d['days']), years: num(d['years']) };
    trackEffective(b, 'objectLock', r, 'object_lock_configuration');
  }
  const lg = blocks(r.values['logging'])[0];
  if (lg) {
    b.logging = { targetBucket: bucketName(ctx, r, 'logging[0].target_bucket'), targetPrefix: str(lg['target_prefix']) };
    trackEffective(b, 'logging', r, 'logging');
  }
  if (blocks(r.values['lifecycle_rule']).length > 0) {
    b.lifecycleRules = blocks(r.values['lifecycle_rule']).map((rule) => ({
      id: str(rule['id']), status: bool(rule['enabled']) === false ? 'Disabled' : 'Enabled',
      noncurrentDays: num(at(rule, 'noncurrent_version_expiration[0].days')), expirationDays: num(at(rule, 'expiration[0].days')),
    }));
    trackEffective(b, 'lifecycleRules', r, 'lifecycle_rule');
  }
  if (blocks(r.values['replication_configuration']).length > 0) {
    b.replication = {
      role: str(at(r.values, 'replication_configuration[0].role')),
      rules: blocks(at(r.values, 'replication_configuration[0].rules')).map((rule, i) => {
        const dest = blocks(rule['destination'])[0] ?? {};
        const base = `replication_configuration[0].rules[${i}]`;
        return {
          id: str(rule['id']), status: str(rule['status']), destinationBucket: bucketArn(ctx, r, `${base}.destination[0].bucket`), destinationAccount: str(dest['account_id']),
          replicaKmsKeyId: kmsRef(ctx, r, `${base}.destination[0].replica_kms_key_id`).keyId,
          sseKmsEncryptedObjects: bool(at(rule, 'source_selection_criteria[0].sse_kms_encrypted_objects[0].enabled')) === true ? 'Enabled' : '',
          deleteMarkerReplication: str(rule['delete_marker_replication_status']),
        };
      }),
    };
    trackReplication(b, r, ctx, 'replication_configuration[0].rules', 'replica_kms_key_id', 'source_selection_criteria[0].sse_kms_encrypted_objects[0].enabled');
  }
  const inlinePolicy = r.values['policy'];
  if (typeof inlinePolicy === 'string' && inlinePolicy !== '') {
    b.policy = parsePolicy(inlinePolicy);
    trackEffective(b, 'policy', r, 'policy');
    if (b.policy === null && unknownAt(r, 'policy') === null) markUnknown(b, 'policy', `${r.address}.policy is not a readable policy document`);
  }
  return b;
}

/** `bucket = aws_s3_bucket.x.id` (or a name / ARN) → the bucket name, "" when it cannot be read. */
function bucketName(ctx: AdaptContext, r: TfResource, path: string): string {
  const t = refTargets(ctx, r, path, ['aws_s3_bucket'])[0];
  const v = str(at(r.values, path));
  if (v !== '') return v.replace(/^arn:aws[\w-]*:s3:::/, '');
  return t ? str(t.values['bucket']) : '';
}

function bucketArn(ctx: AdaptContext, r: TfResource, path: string): string {
  const name = bucketName(ctx, r, path);
  return name === '' ? '' : `arn:aws:s3:::${name}`;
}

/** Default-encryption rules at `path` (a list of `rule` blocks). */
function sseRules(r: TfResource, path: string, b: S3Bucket, ctx: AdaptContext): S3Bucket['encryption']['rules'] {
  return blocks(at(r.values, path)).map((rule, i) => {
    const d = blocks(rule['apply_server_side_encryption_by_default'])[0] ?? {};
    const keyPath = `${path}[${i}].apply_server_side_encryption_by_default[0].kms_master_key_id`;
    const key = kmsRef(ctx, r, keyPath);
    const algorithm = str(d['sse_algorithm']);
    trackEffective(b, `encryption.rules[${i}].sseAlgorithm`, r, `${path}[${i}].apply_server_side_encryption_by_default[0].sse_algorithm`);
    trackEffective(b, `encryption.rules[${i}].bucketKeyEnabled`, r, `${path}[${i}].bucket_key_enabled`);
    (b.origins ??= {})[`encryption.rules[${i}].kmsMasterKeyId`] = lineOf(r, keyPath);
    if (key.why !== null) markUnknown(b, `encryption.rules[${i}].kmsMasterKeyId`, key.why);
    return {
      sseAlgorithm: algorithm, kmsMasterKeyId: key.keyId,
      // aws:kms without a key id: the AWS-managed aws/s3 key.
      kmsKeyManager: algorithm.startsWith('aws:kms') && key.keyId === '' ? 'AWS' : key.manager,
      bucketKeyEnabled: bool(rule['bucket_key_enabled']) === true,
    };
  });
}

/** Track replication rules field by field, so a role ARN known only after apply does not hide the rules. */
function trackReplication(b: S3Bucket, r: TfResource, ctx: AdaptContext, rulesPath: string, replicaKeyAttr: string, sseKmsPath: string): void {
  (b.origins ??= {})['replication'] = lineOf(r, `${rulesPath}[0]`);
  b.replication?.rules.forEach((_rule, i) => {
    const base = `${rulesPath}[${i}]`;
    trackEffective(b, `replication.rules[${i}].status`, r, `${base}.status`);
    trackEffective(b, `replication.rules[${i}].sseKmsEncryptedObjects`, r, `${base}.${sseKmsPath}`);
    const destPath = `${base}.destination[0].bucket`;
    (b.origins ??= {})[`replication.rules[${i}].destinationBucket`] = lineOf(r, destPath);
    if (refTargets(ctx, r, destPath, ['aws_s3_bucket']).length === 0 && unknownAt(r, destPath) !== null) {
      markUnknown(b, `replication.rules[${i}].destinationBucket`, `${r.address}.${destPath}: ${unknownAt(r, destPath)!}`);
    }
    const keyPath = `${base}.destination[0].${replicaKeyAttr}`;
    (b.origins ??= {})[`replication.rules[${i}].replicaKmsKeyId`] = lineOf(r, keyPath);
    const key = kmsRef(ctx, r, keyPath);
    if (key.why !== null) markUnknown(b, `replication.rules[${i}].replicaKmsKeyId`, key.why);
  });
  if (unknownAt(r, rulesPath) !== null && (b.replication?.rules.length ?? 0) === 0) markUnknown(b, 'replication', `${r.address}.${rulesPath}: ${unknownAt(r, rulesPath)!}`);
}

/** The bucket a split-out resource configures: by reference, else by name. */
function bucketFor(r: TfResource, ctx: AdaptContext): S3Bucket | null {
  const refs = r.refs['bucket'] ?? [];
  for (const ref of refs) {
    const addr = r.module && !ref.startsWith('module.') ? `${r.module}.${ref}` : ref;
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
  'aws_s3_bucket_logging',
]);

function mergeSplitOut(r: TfResource, b: S3Bucket, ctx: AdaptContext): void {
  b.mergedFrom.push(r.address);
  const v = r.values;
  switch (r.type) {
    case 'aws_s3_bucket_versioning': {
      const c = blocks(v['versioning_configuration'])[0] ?? {};
      b.versioning = { status: str(c['status']), mfaDelete: str(c['mfa_delete']) };
      trackEffective(b, 'versioning.status', r, 'versioning_configuration[0].status');
      trackEffective(b, 'versioning.mfaDelete', r, 'versioning_configuration[0].mfa_delete');
      break;
    }
    case 'aws_s3_bucket_server_side_encryption_configuration': {
      b.encryption.rules = sseRules(r, 'rule', b, ctx);
      (b.origins ??= {})['encryption'] = lineOf(r, 'rule');
      if (unknownAt(r, 'rule') !== null && b.encryption.rules.length === 0) markUnknown(b, 'encryption', `${r.address}.rule: ${unknownAt(r, 'rule')!}`);
      break;
    }
    case 'aws_s3_bucket_replication_configuration': {
      b.replication = {
        role: str(v['role']),
        rules: blocks(v['rule']).map((rule, i) => {
          const dest = blocks(rule['destination'])[0] ?? {};
          return {
            id: str(rule['id']), status: str(rule['status']), destinationBucket: bucketArn(ctx, r, `rule[${i}].destination[0].bucket`), destinationAccount: str(dest['account']),
            replicaKmsKeyId: kmsRef(ctx, r, `rule[${i}].destination[0].encryption_configuration[0].replica_kms_key_id`).keyId,
            sseKmsEncryptedObjects: str(at(rule, 'source_selection_criteria[0].sse_kms_encrypted_objects[0].status')),
            deleteMarkerReplication: str(at(rule, 'delete_marker_replication[0].status')),
          };
        }),
      };
      trackReplication(b, r, ctx, 'rule', 'encryption_configuration[0].replica_kms_key_id', 'source_selection_criteria[0].sse_kms_encrypted_objects[0].status');
      break;
    }
    case 'aws_s3_bucket_public_access_block': {
      // Each flag defaults to false when the argument is omitted.
      b.publicAccessBlock = {
        blockPublicAcls: bool(v['block_public_acls']) === true, blockPublicPolicy: bool(v['block_public_policy']) === true,
        ignorePublicAcls: bool(v['ignore_public_acls']) === true, restrictPublicBuckets: bool(v['restrict_public_buckets']) === true,
      } satisfies BlockPublicAccess;
      for (const [m, t] of [['blockPublicAcls', 'block_public_acls'], ['blockPublicPolicy', 'block_public_policy'], ['ignorePublicAcls', 'ignore_public_acls'], ['restrictPublicBuckets', 'restrict_public_buckets']] as const) {
        trackEffective(b, `publicAccessBlock.${m}`, r, t);
      }
      (b.origins ??= {})['publicAccessBlock'] = lineOf(r, '');
      break;
    }
    case 'aws_s3_bucket_policy': {
      b.policy = parsePolicy(v['policy']);
      trackEffective(b, 'policy', r, 'policy');
      if (b.policy === null && unknownAt(r, 'policy') === null) markUnknown(b, 'policy', `${r.address}.policy is not a readable policy document`);
      break;
    }
    case 'aws_s3_bucket_object_lock_configuration': {
      const d = blocks(at(v, 'rule[0].default_retention'))[0] ?? {};
      // object_lock_enabled defaults to "Enabled" on this resource.
      b.objectLock = { enabled: (str(v['object_lock_enabled']) || 'Enabled') === 'Enabled', mode: str(d['mode']), days: num(d['days']), years: num(d['years']) };
      trackEffective(b, 'objectLock.enabled', r, 'object_lock_enabled');
      trackEffective(b, 'objectLock.mode', r, 'rule[0].default_retention[0].mode');
      trackEffective(b, 'objectLock.days', r, 'rule[0].default_retention[0].days');
      trackEffective(b, 'objectLock.years', r, 'rule[0].default_retention[0].years');
      break;
    }
    case 'aws_s3_bucket_lifecycle_configuration': {
      b.lifecycleRules = blocks(v['rule']).map((rule) => ({
        id: str(rule['id']), status: str(rule['status']),
        noncurrentDays: num(at(rule, 'noncurrent_version_expiration[0].noncurrent_days')),
        expirationDays: num(at(rule, 'expiration[0].days')),
      }));
      trackEffective(b, 'lifecycleRules', r, 'rule');
      break;
    }
    case 'aws_s3_bucket_logging': {
      b.logging = { targetBucket: bucketName(ctx, r, 'target_bucket'), targetPrefix: str(v['target_prefix']) };
      trackEffective(b, 'logging.targetPrefix', r, 'target_prefix');
      (b.origins ??= {})['logging'] = lineOf(r, 'target_bucket');
      if (b.logging.targetBucket === '' && unknownAt(r, 'target_bucket') !== null) markUnknown(b, 'logging.targetBucket', `${r.address}.target_bucket: ${unknownAt(r, 'target_bucket')!}`);
      break;
    }
  }
  (b.origins ??= {})[`mergedFrom[${b.mergedFrom.length - 1}]`] = lineOf(r, '');
}

const SPLIT_OUT_FIELD: Record<string, string> = {
  aws_s3_bucket_versioning: 'versioning', aws_s3_bucket_server_side_encryption_configuration: 'encryption',
  aws_s3_bucket_replication_configuration: 'replication', aws_s3_bucket_public_access_block: 'publicAccessBlock',
  aws_s3_bucket_policy: 'policy', aws_s3_bucket_object_lock_configuration: 'objectLock', aws_s3_bucket_lifecycle_configuration: 'lifecycleRules',
  aws_s3_bucket_logging: 'logging',
};

const mappers: Record<string, Mapper> = {
  // Data sources only look buckets up; they are judged where they are declared.
  aws_s3_bucket: (r, ctx) => { if (r.mode === 'managed') ctx.aws.s3.buckets.push(newBucket(r, ctx)); },
};

export const awsAdapter: ProviderAdapter = {
  mappers,
  providers,
  finish: (resources, ctx) => {
    for (const r of resources) {
      if (!SPLIT_OUT.has(r.type) || r.mode !== 'managed') continue;
      const b = bucketFor(r, ctx);
      if (b) {
        mergeSplitOut(r, b, ctx);
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
