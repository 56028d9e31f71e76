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
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListKeysCommand, type KMSClient, type KeyListEntry } from '@aws-sdk/client-kms';
import type { KmsKey, KmsKeyManager } from '../../model/aws-data.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { call, mapBounded, type CallCounter } from './calls.ts';
import { liveBase, type LiveScope } from './common.ts';
import { permissionOf } from './permissions.ts';

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
  const entries: KeyListEntry[] = [];
  const gaps: CoverageGap[] = [];
  const managers = new Map<string, KmsKeyManager>();
  let marker: string | undefined;
  const seen = new Set<string>();
  do {
    const m = marker;
    const page = await call(counter, () => kms.send(new ListKeysCommand(m === undefined ? {} : { Marker: m })));
    if (!page.ok) return { keys: [], managers, listed: false, gaps: [{ collection: KMS_COLLECTION, scope: '', api: 'KMS:ListKeys', error: page.error, permission: permissionOf('KMS:ListKeys') }] };
    entries.push(...(page.value.Keys ?? []));
    marker = page.value.Truncated === true ? page.value.NextMarker || undefined : undefined;
    if (marker !== undefined && seen.has(marker)) break;
    if (marker !== undefined) seen.add(marker);
  } while (marker !== undefined);

  const keys = await mapBounded(entries, concurrency, async (e): Promise<KmsKey | null> => {
    const id = e.KeyArn ?? e.KeyId ?? '';
    const d = await call(counter, () => kms.send(new DescribeKeyCommand({ KeyId: id })));
    if (!d.ok || d.value.KeyMetadata === undefined) {
      gaps.push({ collection: KMS_COLLECTION, scope: e.KeyId ?? id, api: `KMS:DescribeKey ${id}`, error: d.ok ? 'no KeyMetadata in the response' : d.error, permission: permissionOf('KMS:DescribeKey') });
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
    const unknown = (path: string, reason: string): void => { (k.unknown ??= {})[path] = reason; };
    unknown('aliases', 'KMS aliases (KMS:ListAliases) are not read by the live AWS scan yet');
    unknown('usedBy', 'the resources using a key are not joined by the live AWS scan yet');
    if (keySpec === 'SYMMETRIC_DEFAULT' && keyUsage === 'ENCRYPT_DECRYPT' && md.KeyState !== 'PendingDeletion' && md.KeyState !== 'PendingReplicaDeletion') {
      const r = await call(counter, () => kms.send(new GetKeyRotationStatusCommand({ KeyId: arn })));
      if (r.ok) {
        k.keyRotationEnabled = r.value.KeyRotationEnabled === true;
        k.rotationPeriodInDays = r.value.RotationPeriodInDays ?? 365;
      } else {
        const why = `KMS:GetKeyRotationStatus ${arn} failed: ${r.error} — needs ${permissionOf('KMS:GetKeyRotationStatus')}`;
        unknown('keyRotationEnabled', why);
        unknown('rotationPeriodInDays', why);
      }
    }
    return k;
  });
  return { keys: keys.filter((k): k is KmsKey => k !== null), managers, listed: true, gaps };
}
