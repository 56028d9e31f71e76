/**
 * Live storage accounts → `azure.storage.accounts`, the same fields with the same meaning as the
 * Terraform adapter (src/collectors/terraform/azure.ts): `StorageAccounts_List` (paged by
 * `nextLink`), then per account `BlobServices_GetServiceProperties`.
 *
 * Failures. The list failing hides every account: a coverage gap on `azure.storage.accounts`. The
 * blob service properties of one account failing (a 403 `AuthorizationFailed` from a role scoped
 * too narrowly) hides the `blob.*` fields of that account only: each is listed in its `unknown`
 * with the API, the error and the permission, so exactly the rules reading them are unknown for
 * that account. Settings this scan does not read yet (management policy, object replication,
 * containers, private endpoint joins) are listed as unknown rather than assumed absent.
 */
import type { StorageManagementClient, StorageAccount as ArmStorageAccount, BlobServiceProperties } from '@azure/arm-storage';
import type { StorageAccount } from '../../model/azure.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { armCall, armList, continuationOf, failureReason, mapBounded, type ArmCounter } from './calls.ts';
import { azureLiveBase, resourceGroupOf, setUnknown, type AzureLiveScope } from './common.ts';

export const STORAGE_COLLECTION = 'azure.storage.accounts';

const PERMISSION = {
  list: 'Microsoft.Storage/storageAccounts/read',
  blobServices: 'Microsoft.Storage/storageAccounts/blobServices/read',
} as const;

const NOT_READ = 'is not read by the live Azure scan yet';

/** `Standard_GZRS` → `GZRS`. */
function replicationOf(sku: string): string {
  const i = sku.indexOf('_');
  return i < 0 ? '' : sku.slice(i + 1);
}

function retentionDays(p: { enabled?: boolean; days?: number } | undefined): number | null {
  // Disabled (or never set) soft delete keeps nothing: null, as a Terraform account without the block.
  if (p?.enabled !== true) return null;
  return typeof p.days === 'number' ? p.days : 7;
}

export function storageAccountOf(a: ArmStorageAccount, scope: AzureLiveScope): StorageAccount {
  const id = a.id ?? '';
  const skuName = a.sku?.name ?? '';
  const imm = a.immutableStorageWithVersioning?.immutabilityPolicy;
  const sa: StorageAccount = {
    ...azureLiveBase(scope, 'StorageAccount', a.name ?? id, id, { ...(a.tags ?? {}) }),
    kind: 'StorageAccount', resourceGroup: resourceGroupOf(id), location: a.location ?? '',
    skuName, replicationType: replicationOf(skuName),
    // The API returns effective values; an absent one is the service default (as the Terraform adapter's defaults).
    supportsHttpsTrafficOnly: a.enableHttpsTrafficOnly ?? true,
    minimumTlsVersion: a.minimumTlsVersion ?? 'TLS1_0',
    allowBlobPublicAccess: a.allowBlobPublicAccess ?? null,
    // null/absent = shared key allowed (the API's documented default).
    allowSharedKeyAccess: a.allowSharedKeyAccess ?? true,
    publicNetworkAccess: a.publicNetworkAccess ?? 'Enabled',
    networkDefaultAction: a.networkRuleSet?.defaultAction ?? 'Allow',
    infrastructureEncryption: a.encryption?.requireInfrastructureEncryption ?? false,
    blob: { isVersioningEnabled: null, deleteRetentionDays: null, containerDeleteRetentionDays: null, changeFeedEnabled: null },
    immutability: a.immutableStorageWithVersioning?.enabled === true || imm !== undefined
      ? { state: imm?.state ?? '', periodDays: imm?.immutabilityPeriodSinceCreationInDays ?? null, allowProtectedAppendWrites: imm?.allowProtectedAppendWrites ?? null }
      : null,
    subscriptionId: scope.subscriptionId,
    encryption: a.encryption?.keySource === 'Microsoft.Keyvault'
      ? { keySource: 'Microsoft.Keyvault', keyVaultKeyId: keyVaultKeyIdOf(a) }
      : { keySource: 'Microsoft.Storage', keyVaultKeyId: '' },
    managementPolicy: null, objectReplicationPolicies: [], containers: [],
    privateEndpoints: (a.privateEndpointConnections ?? []).map((c) => c.privateEndpoint?.id ?? '').filter((x) => x !== ''),
    mergedFrom: [],
  };
  const unknown = (path: string, reason: string): void => setUnknown(sa, path, reason);
  // Accounts created before the API reported the flag return no allowBlobPublicAccess: the
  // effective value then depends on the account's age, so it is unknown rather than guessed.
  if (a.allowBlobPublicAccess === undefined) unknown('allowBlobPublicAccess', `storage account ${sa.name}: ARM returned no allowBlobPublicAccess (older accounts omit it; its effective value depends on when the account was created)`);
  unknown('managementPolicy', `the lifecycle management policy (ManagementPolicies_Get) ${NOT_READ}`);
  unknown('objectReplicationPolicies', `object replication policies (ObjectReplicationPolicies_List) ${NOT_READ}`);
  unknown('containers', `blob containers (BlobContainers_List) ${NOT_READ}`);
  return sa;
}

function keyVaultKeyIdOf(a: ArmStorageAccount): string {
  const kv = a.encryption?.keyVaultProperties;
  if (!kv?.keyVaultUri || !kv.keyName) return '';
  const base = kv.keyVaultUri.replace(/\/+$/, '');
  return `${base}/keys/${kv.keyName}${kv.keyVersion ? `/${kv.keyVersion}` : ''}`;
}

export function applyBlobService(sa: StorageAccount, p: BlobServiceProperties): void {
  sa.blob = {
    isVersioningEnabled: p.isVersioningEnabled ?? false,
    deleteRetentionDays: retentionDays(p.deleteRetentionPolicy),
    containerDeleteRetentionDays: retentionDays(p.containerDeleteRetentionPolicy),
    changeFeedEnabled: p.changeFeed?.enabled ?? false,
  };
}

export async function collectStorage(
  client: StorageManagementClient, scope: AzureLiveScope, counter: ArmCounter, concurrency: number,
): Promise<{ accounts: StorageAccount[]; gaps: CoverageGap[] }> {
  const listed = await armList(counter, () => client.storageAccounts.list().byPage(), continuationOf);
  if (!listed.ok) {
    return { accounts: [], gaps: [{ collection: STORAGE_COLLECTION, scope: scope.subscriptionId, api: 'StorageAccounts_List', error: listed.error, permission: PERMISSION.list }] };
  }
  const accounts = await mapBounded(listed.value, concurrency, async (a) => {
    const sa = storageAccountOf(a, scope);
    const blob = await armCall(counter, () => client.blobServices.getServiceProperties(sa.resourceGroup, sa.name));
    if (blob.ok) applyBlobService(sa, blob.value);
    else {
      const reason = failureReason(`BlobServices_GetServiceProperties of ${sa.name}`, PERMISSION.blobServices, blob);
      setUnknown(sa, ['blob.isVersioningEnabled', 'blob.deleteRetentionDays', 'blob.containerDeleteRetentionDays', 'blob.changeFeedEnabled'], reason);
    }
    return sa;
  });
  return { accounts, gaps: [] };
}
