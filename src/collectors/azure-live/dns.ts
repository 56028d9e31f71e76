/**
 * Live Azure DNS → `azure.dns.zones` and the A/CNAME record sets the rules judge →
 * `azure.dns.records`, the same fields with the same meaning as the Terraform adapter
 * (src/collectors/terraform/azure-data.ts), through `@azure/arm-dns`: `Zones_List` (paged by
 * `nextLink`), then per zone `RecordSets_ListByDnsZone` (paged).
 *
 * Failures. The zone list failing is a gap on both collections; one zone's record sets failing
 * is a gap on `azure.dns.records` naming the zone (its records are missing, not compliant).
 */
import { getContinuationToken, type DnsManagementClient, type RecordSet, type Zone } from '@azure/arm-dns';
import type { DnsRecordSet, DnsZone } from '../../model/azure-data.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { listWithChildren, type ArmCounter } from './calls.ts';
import { azureLiveBase, resourceGroupOf, type AzureLiveScope } from './common.ts';

export const ZONES_COLLECTION = 'azure.dns.zones';
export const RECORDS_COLLECTION = 'azure.dns.records';

const PERMISSION = {
  zones: 'Microsoft.Network/dnszones/read',
  recordSets: 'Microsoft.Network/dnszones/recordsets/read',
} as const;

const bare = (name: string): string => name.toLowerCase().replace(/\.$/, '');

export function dnsZoneOf(z: Zone, scope: AzureLiveScope): DnsZone {
  const id = z.id ?? '';
  return {
    ...azureLiveBase(scope, 'DnsZone', bare(z.name ?? id), id, { ...(z.tags ?? {}) }),
    kind: 'DnsZone', resourceGroup: resourceGroupOf(id), subscriptionId: scope.subscriptionId,
  };
}

/** An A or CNAME record set; other types are not judged (null). */
export function dnsRecordOf(r: RecordSet, zone: DnsZone, scope: AzureLiveScope): DnsRecordSet | null {
  const type = (r.type ?? '').split('/').pop()?.toUpperCase() ?? '';
  if (type !== 'A' && type !== 'CNAME') return null;
  const id = r.id ?? '';
  const relativeName = r.name ?? '';
  const fqdn = r.fqdn ? bare(r.fqdn) : relativeName === '@' ? zone.name : `${relativeName}.${zone.name}`.toLowerCase();
  const cname = type === 'CNAME' && r.cnameRecord ? { cname: bare(r.cnameRecord.cname ?? '') } : null;
  const alias = r.targetResource?.id ?? '';
  return {
    ...azureLiveBase(scope, 'DnsRecordSet', fqdn, id),
    kind: 'DnsRecordSet', recordType: type, relativeName, zoneName: zone.name, resourceGroup: zone.resourceGroup,
    subscriptionId: scope.subscriptionId, fqdn, ttl: r.ttl ?? null,
    aRecords: type === 'A' ? (r.aRecords ?? []).map((a) => ({ ipv4Address: a.ipv4Address ?? '' })) : [],
    cnameRecord: cname,
    targetResource: alias !== '' ? { id: alias } : null,
    servedByTrafficManager: /\.trafficmanager\.net$/.test(cname?.cname ?? '') || /\/trafficmanagerprofiles\//i.test(alias),
  };
}

export async function collectDns(
  client: DnsManagementClient, scope: AzureLiveScope, counter: ArmCounter, concurrency: number,
): Promise<{ zones: DnsZone[]; records: DnsRecordSet[]; gaps: CoverageGap[] }> {
  const r = await listWithChildren(counter, scope.subscriptionId, concurrency, {
    parents: {
      list: () => client.zones.list().byPage(), nextLinkOf: getContinuationToken,
      api: 'Zones_List', permission: PERMISSION.zones, collection: ZONES_COLLECTION, of: (z: Zone) => dnsZoneOf(z, scope),
    },
    children: {
      list: (zone) => client.recordSets.listByDnsZone(zone.resourceGroup, zone.name).byPage(), nextLinkOf: getContinuationToken,
      api: (zone) => `RecordSets_ListByDnsZone of zone ${zone.resourceId}`, permission: PERMISSION.recordSets, collection: RECORDS_COLLECTION,
      of: (sets: RecordSet[], zone) => sets.flatMap((s) => dnsRecordOf(s, zone, scope) ?? []),
    },
  });
  return { zones: r.parents, records: r.children, gaps: r.gaps };
}
