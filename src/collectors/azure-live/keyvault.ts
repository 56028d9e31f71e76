/**
 * Live Key Vault → `azure.keyVaults.vaults` and `azure.keyVaults.keys`, the same fields with the
 * same meaning as the Terraform adapter (src/collectors/terraform/azure-compute.ts), through the
 * management plane only (`@azure/arm-keyvault`): `Vaults_ListBySubscription` (paged by
 * `nextLink`), then per vault `Keys_List` (paged), and `Keys_Get` for a key whose list entry
 * carries no rotation policy (ARM omits an empty one). Key metadata only: type, attributes and
 * rotation policy — the management plane never returns key material, and no secret is read.
 *
 * Failures. The vault list failing is a gap on both collections; one vault's key list failing is
 * a gap on `azure.keyVaults.keys` naming the vault (its keys are missing, not compliant); one
 * `Keys_Get` failing makes that key's `rotationPolicy` unknown.
 */
import type { Key, KeyVaultManagementClient, RotationPolicy, Vault } from '@azure/arm-keyvault';
import type { KeyVault, KeyVaultKey } from '../../model/azure-compute.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { armCall, continuationOf, failureReason, listWithChildren, mapBounded, type ArmCounter } from './calls.ts';
import { azureLiveBase, resourceGroupOf, setUnknown, type AzureLiveScope } from './common.ts';

export const VAULTS_COLLECTION = 'azure.keyVaults.vaults';
export const KEYS_COLLECTION = 'azure.keyVaults.keys';

const PERMISSION = {
  vaults: 'Microsoft.KeyVault/vaults/read',
  keys: 'Microsoft.KeyVault/vaults/keys/read',
} as const;

export function keyVaultOf(v: Vault, scope: AzureLiveScope): KeyVault {
  const id = v.id ?? '';
  const p = v.properties;
  return {
    ...azureLiveBase(scope, 'KeyVault', v.name ?? id, id, { ...(v.tags ?? {}) }),
    kind: 'KeyVault', resourceGroup: resourceGroupOf(id), tenantId: p?.tenantId ?? '',
    // ARM leaves purge protection and RBAC authorization out until they are turned on.
    enablePurgeProtection: p?.enablePurgeProtection ?? false,
    softDeleteRetentionInDays: p?.softDeleteRetentionInDays ?? 90,
    enableRbacAuthorization: p?.enableRbacAuthorization ?? false,
    publicNetworkAccess: p?.publicNetworkAccess ?? 'Enabled',
    networkAclsDefaultAction: p?.networkAcls?.defaultAction ?? 'Allow',
  };
}

function rotationPolicyOf(rp: RotationPolicy | undefined): KeyVaultKey['rotationPolicy'] {
  const actions = (rp?.lifetimeActions ?? []).flatMap((a) => {
    const type = (a.action?.type ?? '').toLowerCase();
    if (type !== 'rotate' && type !== 'notify') return [];
    return [{ action: type === 'rotate' ? 'Rotate' as const : 'Notify' as const, timeAfterCreate: a.trigger?.timeAfterCreate ?? '', timeBeforeExpiry: a.trigger?.timeBeforeExpiry ?? '' }];
  });
  const expiryTime = rp?.attributes?.expiryTime ?? '';
  return actions.length === 0 && expiryTime === '' ? null : { expiryTime, lifetimeActions: actions };
}

export function keyOf(k: Key, vault: KeyVault, scope: AzureLiveScope): KeyVaultKey {
  const id = k.id ?? '';
  return {
    ...azureLiveBase(scope, 'KeyVaultKey', k.name ?? id, id, { ...(k.tags ?? {}) }),
    kind: 'KeyVaultKey', keyType: k.kty ?? '', vaultName: vault.name, vaultAddress: '',
    rotationPolicy: rotationPolicyOf(k.rotationPolicy),
  };
}

export async function collectKeyVaults(
  client: KeyVaultManagementClient, scope: AzureLiveScope, counter: ArmCounter, concurrency: number,
): Promise<{ vaults: KeyVault[]; keys: KeyVaultKey[]; gaps: CoverageGap[] }> {
  const r = await listWithChildren(counter, scope.subscriptionId, concurrency, {
    parents: {
      list: () => client.vaults.listBySubscription().byPage(), nextLinkOf: continuationOf,
      api: 'Vaults_ListBySubscription', permission: PERMISSION.vaults, collection: VAULTS_COLLECTION, of: (v: Vault) => keyVaultOf(v, scope),
    },
    children: {
      list: (vault) => client.keys.list(vault.resourceGroup, vault.name).byPage(), nextLinkOf: continuationOf,
      api: (vault) => `Keys_List of key vault ${vault.resourceId}`, permission: PERMISSION.keys, collection: KEYS_COLLECTION,
      // A listed key without its rotation policy: read the key itself.
      of: (keys: Key[], vault) => mapBounded(keys, concurrency, async (k) => {
        if (k.rotationPolicy !== undefined || k.name === undefined) return keyOf(k, vault, scope);
        const full = await armCall(counter, () => client.keys.get(vault.resourceGroup, vault.name, k.name!));
        if (full.ok) return keyOf(full.value, vault, scope);
        const key = keyOf(k, vault, scope);
        setUnknown(key, 'rotationPolicy', failureReason(`Keys_Get of key ${key.resourceId}`, PERMISSION.keys, full));
        return key;
      }),
    },
  });
  return { vaults: r.parents, keys: r.children, gaps: r.gaps };
}
