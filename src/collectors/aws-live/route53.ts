/**
 * Live Route 53 → `aws.route53.{zones,records,healthChecks}`, the same fields with the same meaning
 * as the Terraform adapter (src/collectors/terraform/aws-data.ts): `ListHostedZones` (paged by
 * `Marker`), `ListResourceRecordSets` per zone (paged by `StartRecordName/Type/Identifier`) and
 * `ListHealthChecks` (paged by `Marker`) and each check's `GetHealthCheckStatus` (what its checkers
 * observe now). Route 53 is global: objects carry the scan's region.
 *
 * Failures. `ListHostedZones` failing hides every zone and record: a gap on both collections (scope
 * ""). `ListResourceRecordSets` failing for one zone hides that zone's records: a gap on
 * `aws.route53.records` scoped to the zone name, and the zone's `failoverRecords` unknown.
 * `ListHealthChecks` failing: a gap on `aws.route53.healthChecks` (records keep their health check ids).
 */
import {
  GetHealthCheckStatusCommand, ListHealthChecksCommand, ListHostedZonesCommand, ListResourceRecordSetsCommand,
  type HealthCheck, type ResourceRecordSet, type Route53Client,
} from '@aws-sdk/client-route-53';
import type { Route53HealthCheck, Route53HostedZone, Route53Record } from '../../model/aws-data.ts';
import { setUnknown } from '../../model/provenance.ts';
import type { CoverageGap } from '../../model/snapshot.ts';
import { call, mapBounded, paged, type CallCounter } from './calls.ts';
import { failedBecause, gap, liveBase, type LiveScope } from './common.ts';

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
    usedByRecords: [], observedStatus: null,
  };
}

/** Route 53 calls an endpoint healthy when more than 18 % of its checkers report success. */
const HEALTHY_SHARE = 0.18;

/** `GetHealthCheckStatus` → the checkers' latest observations, summed up. */
async function readStatus(r53: Route53Client, h: Route53HealthCheck, counter: CallCounter): Promise<void> {
  const got = await call(counter, () => r53.send(new GetHealthCheckStatusCommand({ HealthCheckId: h.healthCheckId })));
  if (!got.ok) {
    setUnknown(h, 'observedStatus', failedBecause('Route53:GetHealthCheckStatus', `of health check ${h.healthCheckId}`, got.error));
    return;
  }
  const reports = (got.value.HealthCheckObservations ?? []).map((o) => o.StatusReport).filter((r) => r !== undefined);
  const healthy = reports.filter((r) => /^success/i.test(r.Status ?? '')).length;
  const times = reports.map((r) => (r.CheckedTime instanceof Date ? r.CheckedTime.getTime() : NaN)).filter((t) => !Number.isNaN(t));
  h.observedStatus = {
    healthy: reports.length > 0 && healthy / reports.length > HEALTHY_SHARE, checkersHealthy: healthy, checkersReporting: reports.length,
    lastCheckedAt: times.length > 0 ? new Date(Math.max(...times)).toISOString() : '',
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

/** Where `ListResourceRecordSets` goes on: the next record's name, type and set identifier. */
type RecordStart = { StartRecordName: string; StartRecordType?: ResourceRecordSet['Type']; StartRecordIdentifier?: string };

export async function collectRoute53(r53: Route53Client, scope: LiveScope, counter: CallCounter, concurrency: number): Promise<{
  zones: Route53HostedZone[]; records: Route53Record[]; healthChecks: Route53HealthCheck[]; gaps: CoverageGap[];
}> {
  const gaps: CoverageGap[] = [];
  const [listedZones, listedChecks] = await Promise.all([
    paged(counter, async (Marker) => {
      const p = await r53.send(new ListHostedZonesCommand(Marker === undefined ? {} : { Marker }));
      return { items: p.HostedZones ?? [], next: p.IsTruncated === true ? p.NextMarker : undefined };
    }),
    paged(counter, async (Marker) => {
      const p = await r53.send(new ListHealthChecksCommand(Marker === undefined ? {} : { Marker }));
      return { items: p.HealthChecks ?? [], next: p.IsTruncated === true ? p.NextMarker : undefined };
    }),
  ]);
  if (!listedZones.ok) {
    for (const collection of ['aws.route53.zones', 'aws.route53.records']) gaps.push(gap(collection, '', 'Route53:ListHostedZones', listedZones.error));
  }
  const zones: Route53HostedZone[] = (listedZones.ok ? listedZones.value : []).map((z) => {
    const id = zoneIdOf(z.Id ?? '');
    const name = dnsName(z.Name ?? '');
    return {
      ...liveBase(scope, 'Route53HostedZone', name, `arn:${scope.partition}:route53:::hostedzone/${id}`), kind: 'Route53HostedZone',
      region: scope.region, accountIds: [scope.accountId],
      name, hostedZoneId: id, privateZone: z.Config?.PrivateZone === true, managed: true, failoverRecords: [],
    };
  });
  const perZone = await mapBounded(zones, concurrency, async (zone) => {
    // The page token is the next record's name, type and set identifier (as JSON).
    const page = await paged(counter, async (token) => {
      const start = token === undefined ? {} : JSON.parse(token) as RecordStart;
      const v = await r53.send(new ListResourceRecordSetsCommand({ HostedZoneId: zone.hostedZoneId, ...start }));
      const next: RecordStart | undefined = v.IsTruncated === true && v.NextRecordName
        ? { StartRecordName: v.NextRecordName, ...(v.NextRecordType ? { StartRecordType: v.NextRecordType } : {}), ...(v.NextRecordIdentifier ? { StartRecordIdentifier: v.NextRecordIdentifier } : {}) }
        : undefined;
      return { items: v.ResourceRecordSets ?? [], next: next === undefined ? undefined : JSON.stringify(next) };
    });
    if (!page.ok) {
      gaps.push(gap('aws.route53.records', zone.name, 'Route53:ListResourceRecordSets', page.error, zone.hostedZoneId));
      setUnknown(zone, 'failoverRecords', failedBecause('Route53:ListResourceRecordSets', `of ${zone.name} (${zone.hostedZoneId})`, page.error));
      return [];
    }
    return page.value.map((r) => recordOf(r, zone, scope));
  });
  const records = perZone.flat();

  if (!listedChecks.ok) gaps.push(gap('aws.route53.healthChecks', '', 'Route53:ListHealthChecks', listedChecks.error));
  const healthChecks = (listedChecks.ok ? listedChecks.value : []).map((h) => healthCheckOf(h, scope));
  // What the checkers see now (a calculated check has no status of its own).
  await mapBounded(healthChecks.filter((h) => h.type !== 'CALCULATED'), concurrency, (h) => readStatus(r53, h, counter));
  join(zones, records, healthChecks);
  return { zones, records, healthChecks, gaps };
}
