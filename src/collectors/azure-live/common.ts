/** What every live Azure model object shares: identity, placement and provenance of the scan. */
import type { CloudObject } from '../../model/cloud.ts';

export { setUnknown } from '../../model/provenance.ts';

export interface AzureLiveScope {
  /** The subscription scanned (GET /subscriptions/{id}). */
  subscriptionId: string;
  tenantId: string;
}

/** `origin: 'live'`, no Terraform address, `resourceId` = ARM id, source `oobguard-live/azure/<subscription>` with the id as ref. */
export function azureLiveBase(scope: AzureLiveScope, kind: string, name: string, resourceId: string, tags: Record<string, string> = {}): CloudObject {
  return {
    id: `azure${resourceId}`, kind, name,
    source: { file: `oobguard-live/azure/${scope.subscriptionId}`, line: 1, ref: resourceId },
    address: '', resourceId, providerKey: 'azurerm', origin: 'live', module: '', tags,
  };
}

/** `resourceGroups/<name>` segment of an ARM id ("" when absent). */
export function resourceGroupOf(id: string): string {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? '';
}

/** `/…/<typeSegment>/<name>/…` → name ("" when the id has no such segment; case-insensitive). */
export function nameAfter(id: string, typeSegment: string): string {
  const parts = id.split('/');
  const i = parts.findIndex((p) => p.toLowerCase() === typeSegment.toLowerCase());
  return i >= 0 ? parts[i + 1] ?? '' : '';
}

/** Two ARM ids name the same resource (ARM ids are case-insensitive). */
export function sameId(a: string, b: string): boolean {
  return a !== '' && b !== '' && a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}
