/**
 * Azure model collections. Filled from Terraform (HCL and plan JSON; AzureRM 3.x, 4.x and 5.x
 * attribute names alike) now and from ARM later. Field names follow the ARM REST JSON
 * `properties` names in camelCase.
 */
import type { CloudObject } from './cloud.ts';
import { emptyAzureData, type AzureDataCollections } from './azure-data.ts';
import { emptyAzureCompute, type AzureComputeCollections } from './azure-compute.ts';

/** A provider configuration (`provider "azurerm"`), or the subscription of a live scan. */
export interface AzureScope extends CloudObject {
  kind: 'AzureProvider';
  subscriptionId: string;
  tenantId: string;
  /** Live: the subscription really scanned; "" for IaC. */
  callerSubscriptionId: string;
}

export interface StorageAccount extends CloudObject {
  kind: 'StorageAccount';
  resourceGroup: string;
  location: string;
  /** e.g. Standard_GRS (account_tier + account_replication_type in Terraform). */
  skuName: string;
  replicationType: string;
  supportsHttpsTrafficOnly: boolean | null;
  minimumTlsVersion: string;
  /**
   * `allow_nested_items_to_be_public` (2.x `allow_blob_public_access`). Its default changed: true
   * in AzureRM 3.x/4.x, false from 5.0 — unknown when absent from HCL (the provider version is not
   * read); plans always carry the value.
   */
  allowBlobPublicAccess: boolean | null;
  allowSharedKeyAccess: boolean | null;
  publicNetworkAccess: string;
  networkDefaultAction: string;
  infrastructureEncryption: boolean | null;
  blob: {
    isVersioningEnabled: boolean | null;
    deleteRetentionDays: number | null;
    containerDeleteRetentionDays: number | null;
    changeFeedEnabled: boolean | null;
  };
  /** Account-level `immutability_policy` (version-level WORM); null without the block. */
  immutability: { state: string; periodDays: number | null; allowProtectedAppendWrites: boolean | null } | null;
  /** Subscription of the account: its resource id when known, else its provider configuration. */
  subscriptionId: string;
  /**
   * `properties.encryption`: "Microsoft.Keyvault" with a customer-managed key (inline
   * `customer_managed_key` block or `azurerm_storage_account_customer_managed_key`), else
   * "Microsoft.Storage" (Microsoft-managed keys; data is always encrypted at rest).
   */
  encryption: { keySource: 'Microsoft.Storage' | 'Microsoft.Keyvault'; keyVaultKeyId: string };
  /** `azurerm_storage_management_policy` rules; null when no policy is declared. Days are -1 when an action is not set. */
  managementPolicy: {
    rules: {
      name: string;
      enabled: boolean;
      prefixMatch: string[];
      baseBlobDeleteAfterDays: number;
      versionDeleteAfterDays: number;
      snapshotDeleteAfterDays: number;
    }[];
  } | null;
  /** `azurerm_storage_object_replication` policies this account is the source or destination of (account names; locations lower-case without spaces, "" if not known). */
  objectReplicationPolicies: {
    address: string;
    sourceAccount: string;
    destinationAccount: string;
    sourceLocation: string;
    destinationLocation: string;
    rules: { sourceContainer: string; destinationContainer: string }[];
  }[];
  /** Blob containers (`azurerm_storage_container`), with their container-level immutability policy. */
  containers: {
    name: string;
    address: string;
    /** `container_access_type` (default private) → "None" / "Blob" / "Container". */
    publicAccess: string;
    immutabilityPolicy: { periodDays: number | null; state: 'Locked' | 'Unlocked' } | null;
  }[];
  /** Private endpoints (`azurerm_private_endpoint`) connected to the account. */
  privateEndpoints: string[];
  /** Addresses of the split-out resources merged into this account. */
  mergedFrom: string[];
}

export interface AzureCollections {
  providers: AzureScope[];
  storage: { accounts: StorageAccount[] };
  // PostgreSQL flexible servers, Traffic Manager, DNS (azure-data.ts).
  postgres: AzureDataCollections['postgres'];
  trafficManager: AzureDataCollections['trafficManager'];
  dns: AzureDataCollections['dns'];
  // AKS, identities, role assignments, Key Vault, peering, diagnostic settings, WAF, conditional access (azure-compute.ts).
  subscriptions: AzureComputeCollections['subscriptions'];
  aks: AzureComputeCollections['aks'];
  identity: AzureComputeCollections['identity'];
  authorization: AzureComputeCollections['authorization'];
  keyVaults: AzureComputeCollections['keyVaults'];
  network: AzureComputeCollections['network'];
  monitor: AzureComputeCollections['monitor'];
  waf: AzureComputeCollections['waf'];
  entra: AzureComputeCollections['entra'];
}

export function emptyAzure(): AzureCollections {
  return { providers: [], storage: { accounts: [] }, ...emptyAzureCompute(), ...emptyAzureData() };
}
