/** Terraform AzureRM provider → model (3.x, 4.x and 5.x attribute names alike). */
import type { AzureScope, StorageAccount } from '../../model/azure.ts';
import { at, blocks, bool, cloudBase, either, num, str, track, type AdaptContext, type Mapper, type ProviderAdapter } from './adapt.ts';
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
  const sa: StorageAccount = {
    ...cloudBase(r, ctx, 'StorageAccount', str(v['name']) || r.address, ''),
    kind: 'StorageAccount', resourceGroup: str(v['resource_group_name']), location: str(v['location']),
    skuName: tier && repl ? `${tier}_${repl}` : '', replicationType: repl,
    // Provider defaults apply when an argument is absent (https-only true, TLS1_2 in 4.x, public network access enabled).
    supportsHttpsTrafficOnly: bool(https.value) ?? true,
    minimumTlsVersion: str(v['min_tls_version']) || 'TLS1_2',
    allowBlobPublicAccess: bool(publicAccess.value) ?? false,
    allowSharedKeyAccess: bool(v['shared_access_key_enabled']) ?? true,
    publicNetworkAccess: bool(v['public_network_access_enabled']) === false ? 'Disabled' : 'Enabled',
    networkDefaultAction: str(at(v, 'network_rules[0].default_action')) || 'Allow',
    infrastructureEncryption: bool(v['infrastructure_encryption_enabled']) ?? false,
    blob: {
      isVersioningEnabled: blob ? bool(blob['versioning_enabled']) ?? false : false,
      deleteRetentionDays: blob ? num(at(blob, 'delete_retention_policy[0].days')) ?? (blocks(blob['delete_retention_policy']).length > 0 ? 7 : null) : null,
      containerDeleteRetentionDays: blob ? num(at(blob, 'container_delete_retention_policy[0].days')) ?? (blocks(blob['container_delete_retention_policy']).length > 0 ? 7 : null) : null,
      changeFeedEnabled: blob ? bool(blob['change_feed_enabled']) ?? false : false,
    },
    immutability: imm ? { state: str(imm['state']), periodDays: num(imm['period_since_creation_in_days']) } : null,
  };
  track(sa, 'skuName', r, 'account_replication_type');
  track(sa, 'replicationType', r, 'account_replication_type');
  track(sa, 'supportsHttpsTrafficOnly', r, https.path);
  track(sa, 'minimumTlsVersion', r, 'min_tls_version');
  track(sa, 'allowBlobPublicAccess', r, publicAccess.path);
  track(sa, 'allowSharedKeyAccess', r, 'shared_access_key_enabled');
  track(sa, 'publicNetworkAccess', r, 'public_network_access_enabled');
  track(sa, 'networkDefaultAction', r, 'network_rules[0].default_action');
  track(sa, 'infrastructureEncryption', r, 'infrastructure_encryption_enabled');
  track(sa, 'blob.isVersioningEnabled', r, 'blob_properties[0].versioning_enabled');
  track(sa, 'blob.deleteRetentionDays', r, 'blob_properties[0].delete_retention_policy');
  track(sa, 'blob.containerDeleteRetentionDays', r, 'blob_properties[0].container_delete_retention_policy');
  track(sa, 'immutability', r, 'immutability_policy');
  return sa;
}

const mappers: Record<string, Mapper> = {
  azurerm_storage_account: (r, ctx) => { ctx.azure.storage.accounts.push(storageAccount(r, ctx)); },
};

export const azureAdapter: ProviderAdapter = { mappers, providers };
