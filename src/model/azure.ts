/**
 * Azure model collections. Filled from Terraform (HCL and plan JSON; AzureRM 3.x, 4.x and 5.x
 * attribute names alike) now and from ARM later. Field names follow the ARM REST JSON
 * `properties` names in camelCase.
 */
import type { CloudObject } from './cloud.ts';

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
  immutability: { state: string; periodDays: number | null } | null;
}

export interface AzureCollections {
  providers: AzureScope[];
  storage: { accounts: StorageAccount[] };
}

export function emptyAzure(): AzureCollections {
  return { providers: [], storage: { accounts: [] } };
}
