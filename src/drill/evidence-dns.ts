/**
 * Evidence for the drill's DNS-switching items: Route 53 failover records with their TTLs and
 * health checks, the health checks' probes, Traffic Manager profiles and endpoints, and the
 * failover exercises CloudTrail recorded.
 */
import type { Route53Record } from '../model/aws-data.ts';
import type { DrillEvidence } from './types.ts';
import { drillEvents, evidence, originOf, preferLive, type EvidenceContext } from './evidence.ts';

const recordKey = (r: Route53Record): string => `${r.zoneName || r.hostedZoneId}|${r.name}|${r.type}|${r.failover}|${r.setIdentifier}`;

function failoverRecords(ctx: EvidenceContext): Route53Record[] {
  return preferLive(ctx.snapshot.aws.route53.records.filter((r) => r.failover !== ''), recordKey);
}

export function failoverDns(ctx: EvidenceContext): DrillEvidence[] {
  const records = failoverRecords(ctx).map((r) => evidence(r, `Route 53 ${r.name} ${r.type} (${r.failover}${r.setIdentifier ? `, set ${r.setIdentifier}` : ''})`,
    `→ ${r.targets.join(', ') || '(no target)'}; TTL ${r.ttl === null ? 'of the alias target' : `${r.ttl} s`}; health check ${r.healthCheckId || 'none'}; ${r.failoverPartner ? `paired with ${r.failoverPartner}` : 'no partner record'}${r.zoneName ? `; zone ${r.zoneName}` : ''}`));
  const profiles = preferLive(ctx.snapshot.azure.trafficManager.profiles, (p) => p.name.toLowerCase()).map((p) => {
    const m = p.monitorConfig;
    const endpoints = p.endpoints.map((e) => `${e.name} → ${e.target || e.targetResourceId || '?'} (priority ${e.priority ?? '?'}, ${e.endpointStatus}${e.monitorStatus ? `, probes: ${e.monitorStatus}` : ''})`).join(', ');
    return evidence(p, `Traffic Manager ${p.dnsConfig.fqdn || p.name}`,
      `${p.profileStatus}, ${p.trafficRoutingMethod} routing; TTL ${p.dnsConfig.ttl ?? '?'} s; probe ${m.protocol} ${m.port ?? ''}${m.path} every ${m.intervalInSeconds} s; endpoints ${endpoints || 'none'}`);
  });
  return [...records, ...profiles];
}

export function healthChecks(ctx: EvidenceContext): DrillEvidence[] {
  return preferLive(ctx.snapshot.aws.route53.healthChecks, (h) => h.healthCheckId).map((h) => {
    const target = `${h.fullyQualifiedDomainName || h.ipAddress}${h.port !== null ? `:${h.port}` : ''}${h.resourcePath}`;
    const state = [h.disabled ? 'DISABLED' : '', h.inverted ? 'INVERTED' : ''].filter(Boolean).join(', ');
    const o = h.observedStatus;
    const now = o === null ? '' : `; now ${o.healthy ? 'healthy' : 'UNHEALTHY (records using it answer with their failover partner)'}: ${o.checkersHealthy} of ${o.checkersReporting} checkers see it up${o.lastCheckedAt ? `, last checked ${o.lastCheckedAt}` : ''}`;
    return evidence(h, `Route 53 health check ${h.healthCheckId}`,
      `${h.type} ${target || '(no target)'} every ${h.requestInterval} s, unhealthy after ${h.failureThreshold} failures${state ? `; ${state}` : ''}; used by ${h.usedByRecords.join(', ') || 'no record'}${now}`);
  });
}

/** The newest three failover exercises of each live PRIMARY record. */
export function failoverDrills(ctx: EvidenceContext): DrillEvidence[] {
  return failoverRecords(ctx).filter((r) => r.failover === 'PRIMARY' && originOf(r) === 'live')
    .map((r) => drillEvents(ctx, r, `Route 53 ${r.name} ${r.type} (PRIMARY)`, r.failoverDrills, 'failoverDrills', "no failover exercise in CloudTrail's 90-day event history"));
}
