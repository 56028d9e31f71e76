/** Terraform AzureRM provider → model (3.x, 4.x and 5.x attribute names alike). */
import type { AzureScope, StorageAccount } from '../../model/azure.ts';
import { at, blocks, bool, cloudBase, either, lineOf, markUnknown, num, str, track, type AdaptContext, type Mapper, type ProviderAdapter } from './adapt.ts';
import { applySubscription, idArg, trackId } from './azure-data.ts';
import { UNKNOWN_AFTER_APPLY } from './plan.ts';
import type { TfProviderConfig, TfResource } from './types.ts';

function providers(c: { providers: TfProviderConfig[] }, ctx: AdaptContext): void {
  for (const p of c.providers) {
    if (p.name !== 'azurerm') continue;
    const scope: AzureScope = {
      id: `tf/${p.address}`, kind: 'AzureProvider', name: p.key, source: p.source, address: p.address, resourceId: '', providerKey: p.key,
      origin: ctx.origin, module: p.module, tags: {},
      subscriptionId: str(p.values['subscription_id']), tenantId: str(p.values['tenant_id']), callerSubscriptionId: '',
    };
    track(scope, 'subscriptionId', p, 'subscription_id');
    track(scope, 'tenantId', p, 'tenant_id');
    ctx.azure.providers.push(scope);
  }
}

function storageAccount(r: TfResource, ctx: AdaptContext): StorageAccount {
  const v = r.values;
  const tier = str(v['account_tier']);
  const repl = str(v['account_replication_type']);
  const https = either(v, 'https_traffic_only_enabled', 'enable_https_traffic_only');
  const blob = blocks(v['blob_properties'])[0] ?? null;
  const publicAccess = either(v, 'allow_nested_items_to_be_public', 'allow_blob_public_access');
  const imm = blocks(v['immutability_policy'])[0] ?? null;
  const cmk = blocks(v['customer_managed_key'])[0] ?? null;
  // 5.x: key_vault_key_id; 3.x/4.x also managed_hsm_key_id.
  const cmkKey = either(v, 'customer_managed_key[0].key_vault_key_id', 'customer_managed_key[0].managed_hsm_key_id');
  const id = typeof v['id'] === 'string' && v['id'].startsWith('/') ? v['id'] : '';
  const sa: StorageAccount = {
    ...cloudBase(r, ctx, 'StorageAccount', str(v['name']) || r.address, id),
    kind: 'StorageAccount', resourceGroup: str(v['resource_group_name']), location: str(v['location']),
    skuName: tier && repl ? `${tier}_${repl}` : '', replicationType: repl,
    // Provider defaults apply when an argument is absent (https-only true, TLS1_2 in 4.x, public network access enabled).
    supportsHttpsTrafficOnly: bool(https.value) ?? true,
    minimumTlsVersion: str(v['min_tls_version']) || 'TLS1_2',
    // true in 3.x/4.x, false from 5.0: unknown below when absent.
    allowBlobPublicAccess: bool(publicAccess.value),
    allowSharedKeyAccess: bool(v['shared_access_key_enabled']) ?? true,
    publicNetworkAccess: bool(v['public_network_access_enabled']) === false ? 'Disabled' : 'Enabled',
    // Azure's default for a new account is Allow (also when a plan computes the whole block because the configuration does not set it).
    networkDefaultAction: str(at(v, 'network_rules[0].default_action')) || 'Allow',
    infrastructureEncryption: bool(v['infrastructure_encryption_enabled']) ?? false,
    blob: {
      isVersioningEnabled: blob ? bool(blob['versioning_enabled']) ?? false : false,
      deleteRetentionDays: blob ? num(at(blob, 'delete_retention_policy[0].days')) ?? (blocks(blob['delete_retention_policy']).length > 0 ? 7 : null) : null,
      containerDeleteRetentionDays: blob ? num(at(blob, 'container_delete_retention_policy[0].days')) ?? (blocks(blob['container_delete_retention_policy']).length > 0 ? 7 : null) : null,
      changeFeedEnabled: blob ? bool(blob['change_feed_enabled']) ?? false : false,
    },
    immutability: imm ? { state: str(imm['state']), periodDays: num(imm['period_since_creation_in_days']), allowProtectedAppendWrites: bool(imm['allow_protected_append_writes']) } : null,
    subscriptionId: '',
    encryption: cmk ? { keySource: 'Microsoft.Keyvault', keyVaultKeyId: idArg(r, cmkKey.path) } : { keySource: 'Microsoft.Storage', keyVaultKeyId: '' },
    managementPolicy: null, objectReplicationPolicies: [], containers: [], privateEndpoints: [], mergedFrom: [],
  };
  applySubscription(sa, r, ctx);
  track(sa, 'name', r, 'name');
  track(sa, 'location', r, 'location');
  (sa.origins ??= {})['encryption'] = lineOf(r, 'customer_managed_key');
  if (r.unknown['customer_managed_key'] !== undefined) markUnknown(sa, 'encryption', `${r.address}.customer_managed_key: ${r.unknown['customer_managed_key']}`);
  if (cmk) trackId(sa, 'encryption.keyVaultKeyId', r, cmkKey.path);
  track(sa, 'skuName', r, 'account_replication_type');
  track(sa, 'replicationType', r, 'account_replication_type');
  track(sa, 'supportsHttpsTrafficOnly', r, https.path);
  track(sa, 'minimumTlsVersion', r, 'min_tls_version');
  track(sa, 'allowBlobPublicAccess', r, publicAccess.path);
  if (publicAccess.value === undefined && sa.unknown?.['allowBlobPublicAccess'] === undefined) {
    markUnknown(sa, 'allowBlobPublicAccess', `${r.address} does not set allow_nested_items_to_be_public, whose default is true up to AzureRM 4.x and false from 5.0 (the provider version is not read): set it explicitly`);
  }
  track(sa, 'allowSharedKeyAccess', r, 'shared_access_key_enabled');
  track(sa, 'publicNetworkAccess', r, 'public_network_access_enabled');
  if (r.unknown['network_rules'] !== UNKNOWN_AFTER_APPLY) track(sa, 'networkDefaultAction', r, 'network_rules[0].default_action');
  track(sa, 'infrastructureEncryption', r, 'infrastructure_encryption_enabled');
  track(sa, 'blob.isVersioningEnabled', r, 'blob_properties[0].versioning_enabled');
  track(sa, 'blob.deleteRetentionDays', r, 'blob_properties[0].delete_retention_policy[0].days');
  track(sa, 'blob.containerDeleteRetentionDays', r, 'blob_properties[0].container_delete_retention_policy[0].days');
  track(sa, 'immutability', r, 'immutability_policy[0]');
  return sa;
}

const mappers: Record<string, Mapper> = {
  azurerm_storage_account: (r, ctx) => { ctx.azure.storage.accounts.push(storageAccount(r, ctx)); },
};

export const azureAdapter: ProviderAdapter = { mappers, providers };
