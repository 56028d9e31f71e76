/**
 * Live KMS → `aws.kms.keys` in the scan's region: `ListKeys` (paged by `Marker`), `DescribeKey` per
 * key, and `GetKeyRotationStatus` for customer-managed symmetric encryption keys (the only ones that
 * can rotate). As in the Terraform model only customer-managed keys are listed; every described key's
 * manager is returned too, so the other collections can tell whether a key they name is AWS-managed.
 *
 * Failures. `ListKeys` failing: a gap on `aws.kms.keys` (scope ""). One `DescribeKey` failing: a gap
 * scoped to the key id (the key is left out). `GetKeyRotationStatus` failing: the key's
 * `keyRotationEnabled` and `rotationPeriodInDays` unknown. Aliases and the resources using a key are
 * not read (`aliases`, `usedBy` unknown).
 */
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListKeysCommand, type KMSClient } from '@aws-sdk/client-kms';
import type { KmsKey, KmsKeyManager } from '../../model/aws-data.ts';
import { setUnknown } from '../../model/provenance.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { call, mapBounded, paged, type CallCounter } from './calls.ts';
import { failedBecause, gap, liveBase, type LiveScope } from './common.ts';

export const KMS_COLLECTION = 'aws.kms.keys';

export interface KmsResult {
  keys: KmsKey[];
  /** Key ARN and key id → manager, for every key described. */
  managers: Map<string, KmsKeyManager>;
  /** Whether the key listing could be read at all. */
  listed: boolean;
  gaps: CoverageGap[];
}

export async function collectKms(kms: KMSClient, scope: LiveScope, counter: CallCounter, concurrency: number): Promise<KmsResult> {
  const gaps: CoverageGap[] = [];
  const managers = new Map<string, KmsKeyManager>();
  const list = await paged(counter, async (Marker) => {
    const p = await kms.send(new ListKeysCommand(Marker === undefined ? {} : { Marker }));
    return { items: p.Keys ?? [], next: p.Truncated === true ? p.NextMarker : undefined };
  });
  if (!list.ok) return { keys: [], managers, listed: false, gaps: [gap(KMS_COLLECTION, '', 'KMS:ListKeys', list.error)] };

  const keys = await mapBounded(list.value, concurrency, async (e): Promise<KmsKey | null> => {
    const id = e.KeyArn ?? e.KeyId ?? '';
    const d = await call(counter, () => kms.send(new DescribeKeyCommand({ KeyId: id })));
    if (!d.ok || d.value.KeyMetadata === undefined) {
      gaps.push(gap(KMS_COLLECTION, e.KeyId ?? id, 'KMS:DescribeKey', d.ok ? 'no KeyMetadata in the response' : d.error, id));
      return null;
    }
    const md = d.value.KeyMetadata;
    const manager: KmsKeyManager = md.KeyManager === 'AWS' ? 'AWS' : md.KeyManager === 'CUSTOMER' ? 'CUSTOMER' : '';
    const arn = md.Arn ?? e.KeyArn ?? `arn:${scope.partition}:kms:${scope.region}:${scope.accountId}:key/${md.KeyId ?? ''}`;
    managers.set(arn, manager);
    if (md.KeyId) managers.set(md.KeyId, manager);
    if (manager !== 'CUSTOMER') return null;
    const keySpec = md.KeySpec ?? 'SYMMETRIC_DEFAULT';
    const keyUsage = md.KeyUsage ?? 'ENCRYPT_DECRYPT';
    const k: KmsKey = {
      ...liveBase(scope, 'KmsKey', md.Description || arn, arn), kind: 'KmsKey', region: scope.region, accountIds: [scope.accountId],
      keyId: arn, description: md.Description ?? '', keyManager: 'CUSTOMER', keySpec, keyUsage,
      keyRotationEnabled: false, rotationPeriodInDays: 365,
      enabled: md.Enabled === true,
      multiRegionKeyType: md.MultiRegion === true ? (md.MultiRegionConfiguration?.MultiRegionKeyType ?? '') : '',
      aliases: [], usedBy: [],
    };
    const unknown = (path: string, reason: string): void => setUnknown(k, path, reason);
    unknown('aliases', 'KMS aliases (KMS:ListAliases) are not read by the live AWS scan yet');
    unknown('usedBy', 'the resources using a key are not joined by the live AWS scan yet');
    if (keySpec === 'SYMMETRIC_DEFAULT' && keyUsage === 'ENCRYPT_DECRYPT' && md.KeyState !== 'PendingDeletion' && md.KeyState !== 'PendingReplicaDeletion') {
      const r = await call(counter, () => kms.send(new GetKeyRotationStatusCommand({ KeyId: arn })));
      if (r.ok) {
        k.keyRotationEnabled = r.value.KeyRotationEnabled === true;
        k.rotationPeriodInDays = r.value.RotationPeriodInDays ?? 365;
      } else {
        const why = failedBecause('KMS:GetKeyRotationStatus', arn, r.error);
        unknown('keyRotationEnabled', why);
        unknown('rotationPeriodInDays', why);
      }
    }
    return k;
  });
  return { keys: keys.filter((k): k is KmsKey => k !== null), managers, listed: true, gaps };
}
