/**
 * Live Route 53 → `aws.route53.{zones,records,healthChecks}`, the same fields with the same meaning
 * as the Terraform adapter (src/collectors/terraform/aws-data.ts): `ListHostedZones` (paged by
 * `Marker`), `ListResourceRecordSets` per zone (paged by `StartRecordName/Type/Identifier`) and
 * `ListHealthChecks` (paged by `Marker`). Route 53 is global: objects carry the scan's region.
 *
 * Failures. `ListHostedZones` failing hides every zone and record: a gap on both collections (scope
 * ""). `ListResourceRecordSets` failing for one zone hides that zone's records: a gap on
 * `aws.route53.records` scoped to the zone name, and the zone's `failoverRecords` unknown.
 * `ListHealthChecks` failing: a gap on `aws.route53.healthChecks` (records keep their health check ids).
 */
import {
  ListHealthChecksCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand,
  type HealthCheck, type ResourceRecordSet, type Route53Client,
} from '@aws-sdk/client-route-53';
import type { Route53HealthCheck, Route53HostedZone, Route53Record } from '../../model/aws-data.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { call, mapBounded, type CallCounter } from './calls.ts';
import { liveBase, type LiveScope } from './common.ts';
import { permissionOf } from './permissions.ts';

export const ROUTE53_COLLECTIONS = ['aws.route53.zones', 'aws.route53.records', 'aws.route53.healthChecks'] as const;

/** Lower case, no trailing dot, no `dualstack.` prefix; Route 53's octal escapes (`\052` = `*`) decoded. */
export function dnsName(s: string): string {
  return s.replace(/\\(\d{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8))).trim().toLowerCase().replace(/\.$/, '').replace(/^dualstack\./, '');
}

function zoneIdOf(id: string): string {
  return id.replace(/^\/hostedzone\//, '');
}

function recordOf(r: ResourceRecordSet, zone: Route53HostedZone, scope: LiveScope): Route53Record {
  const name = dnsName(r.Name ?? '');
  const type = (r.Type ?? '').toUpperCase();
  const setIdentifier = r.SetIdentifier ?? '';
  const arn = `arn:${scope.partition}:route53:::hostedzone/${zone.hostedZoneId}/recordset/${name}/${type}${setIdentifier ? `/${setIdentifier}` : ''}`;
  const alias = r.AliasTarget;
  const values = (r.ResourceRecords ?? []).map((v) => v.Value ?? '');
  return {
    ...liveBase(scope, 'Route53Record', name, arn), kind: 'Route53Record', region: scope.region, accountIds: [scope.accountId],
    name, type, hostedZoneId: zone.hostedZoneId, zoneName: zone.name, setIdentifier,
    failover: (r.Failover ?? '').toUpperCase(),
    ttl: alias ? null : (r.TTL ?? null),
    resourceRecords: values,
    aliasTarget: alias ? { dnsName: dnsName(alias.DNSName ?? ''), hostedZoneId: alias.HostedZoneId ?? '', evaluateTargetHealth: alias.EvaluateTargetHealth === true } : null,
    healthCheckId: r.HealthCheckId ?? '',
    targets: alias ? [dnsName(alias.DNSName ?? '')].filter(Boolean) : values.map(dnsName),
    failoverPartner: '',
    // Filled from CloudTrail by drills.ts (collect.ts).
    failoverDrills: [],
  };
}

function healthCheckOf(h: HealthCheck, scope: LiveScope): Route53HealthCheck {
  const c = h.HealthCheckConfig;
  const id = h.Id ?? '';
  const type = (c?.Type ?? '').toUpperCase();
  const https = type === 'HTTPS' || type === 'HTTPS_STR_MATCH';
  const http = type === 'HTTP' || type === 'HTTP_STR_MATCH';
  const fqdn = dnsName(c?.FullyQualifiedDomainName ?? '');
  const ip = c?.IPAddress ?? '';
  return {
    ...liveBase(scope, 'Route53HealthCheck', fqdn || ip || id, `arn:${scope.partition}:route53:::healthcheck/${id}`), kind: 'Route53HealthCheck',
    region: scope.region, accountIds: [scope.accountId],
    healthCheckId: id, type, fullyQualifiedDomainName: fqdn, ipAddress: ip,
    port: c?.Port ?? (https ? 443 : http ? 80 : null),
    resourcePath: c?.ResourcePath ?? '', searchString: c?.SearchString ?? '',
    requestInterval: c?.RequestInterval ?? 30, failureThreshold: c?.FailureThreshold ?? 3,
    disabled: c?.Disabled === true, inverted: c?.Inverted === true, enableSNI: c?.EnableSNI ?? https,
    regions: c?.Regions ?? [], childHealthChecks: c?.ChildHealthChecks ?? [], childHealthThreshold: c?.HealthThreshold ?? null,
    usedByRecords: [],
  };
}

/** Failover partners, health-check users and the zones' failover records, as the Terraform adapter joins them. */
function join(zones: Route53HostedZone[], records: Route53Record[], healthChecks: Route53HealthCheck[]): void {
  for (const rec of records) {
    if (rec.failover !== 'PRIMARY' && rec.failover !== 'SECONDARY') continue;
    const opposite = rec.failover === 'PRIMARY' ? 'SECONDARY' : 'PRIMARY';
    const partner = records.find((x) => x !== rec && x.failover === opposite && x.hostedZoneId === rec.hostedZoneId && x.name === rec.name && x.type === rec.type);
    if (partner) rec.failoverPartner = partner.setIdentifier;
  }
  for (const rec of records) {
    if (rec.healthCheckId === '') continue;
    const hc = healthChecks.find((h) => h.healthCheckId === rec.healthCheckId);
    if (hc) hc.usedByRecords.push(rec.setIdentifier ? `${rec.name} (${rec.setIdentifier})` : rec.name);
  }
  for (const z of zones) {
    z.failoverRecords = [...new Set(records.filter((r) => r.hostedZoneId === z.hostedZoneId && r.failover !== '').map((r) => r.name))];
  }
}

export async function collectRoute53(r53: Route53Client, scope: LiveScope, counter: CallCounter, concurrency: number): Promise<{
  zones: Route53HostedZone[]; records: Route53Record[]; healthChecks: Route53HealthCheck[]; gaps: CoverageGap[];
}> {
  const gaps: CoverageGap[] = [];
  const zones: Route53HostedZone[] = [];
  let zonesOk = true;
  {
    let marker: string | undefined;
    const seen = new Set<string>();
    do {
      const page = await call(counter, () => r53.send(new ListHostedZonesCommand(marker === undefined ? {} : { Marker: marker })));
      if (!page.ok) {
        zonesOk = false;
        zones.length = 0;
        for (const collection of ['aws.route53.zones', 'aws.route53.records']) {
          gaps.push({ collection, scope: '', api: 'Route53:ListHostedZones', error: page.error, permission: permissionOf('Route53:ListHostedZones') });
        }
        break;
      }
      for (const z of page.value.HostedZones ?? []) {
        const id = zoneIdOf(z.Id ?? '');
        const name = dnsName(z.Name ?? '');
        zones.push({
          ...liveBase(scope, 'Route53HostedZone', name, `arn:${scope.partition}:route53:::hostedzone/${id}`), kind: 'Route53HostedZone',
          region: scope.region, accountIds: [scope.accountId],
          name, hostedZoneId: id, privateZone: z.Config?.PrivateZone === true, managed: true, failoverRecords: [],
        });
      }
      marker = page.value.IsTruncated === true ? page.value.NextMarker || undefined : undefined;
      if (marker !== undefined && seen.has(marker)) break;
      if (marker !== undefined) seen.add(marker);
    } while (marker !== undefined);
  }
  const perZone = !zonesOk ? [] : await mapBounded(zones, concurrency, async (zone) => {
    const out: Route53Record[] = [];
    let start: { StartRecordName: string; StartRecordType?: ResourceRecordSet['Type']; StartRecordIdentifier?: string } | undefined;
    const seen = new Set<string>();
    for (;;) {
      const page = await call(counter, () => r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone.hostedZoneId, ...(start ?? {}) })));
      if (!page.ok) {
        gaps.push({ collection: 'aws.route53.records', scope: zone.name, api: `Route53:ListResourceRecordSets ${zone.hostedZoneId}`, error: page.error, permission: permissionOf('Route53:ListResourceRecordSets') });
        (zone.unknown ??= {})['failoverRecords'] = `Route53:ListResourceRecordSets of ${zone.name} (${zone.hostedZoneId}) failed: ${page.error} — needs ${permissionOf('Route53:ListResourceRecordSets')}`;
        return out;
      }
      for (const r of page.value.ResourceRecordSets ?? []) out.push(recordOf(r, zone, scope));
      const v = page.value;
      if (v.IsTruncated !== true || !v.NextRecordName) return out;
      const key = `${v.NextRecordName}|${v.NextRecordType ?? ''}|${v.NextRecordIdentifier ?? ''}`;
      if (seen.has(key)) return out;
      seen.add(key);
      start = { StartRecordName: v.NextRecordName, ...(v.NextRecordType ? { StartRecordType: v.NextRecordType } : {}), ...(v.NextRecordIdentifier ? { StartRecordIdentifier: v.NextRecordIdentifier } : {}) };
    }
  });
  const records = perZone.flat();

  const healthChecks: Route53HealthCheck[] = [];
  {
    let marker: string | undefined;
    const seen = new Set<string>();
    do {
      const page = await call(counter, () => r53.send(new ListHealthChecksCommand(marker === undefined ? {} : { Marker: marker })));
      if (!page.ok) {
        healthChecks.length = 0;
        gaps.push({ collection: 'aws.route53.healthChecks', scope: '', api: 'Route53:ListHealthChecks', error: page.error, permission: permissionOf('Route53:ListHealthChecks') });
        break;
      }
      for (const h of page.value.HealthChecks ?? []) healthChecks.push(healthCheckOf(h, scope));
      marker = page.value.IsTruncated === true ? page.value.NextMarker || undefined : undefined;
      if (marker !== undefined && seen.has(marker)) break;
      if (marker !== undefined) seen.add(marker);
    } while (marker !== undefined);
  }
  join(zones, records, healthChecks);
  return { zones, records, healthChecks, gaps };
}
