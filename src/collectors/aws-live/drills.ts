/**
 * Drill evidence from CloudTrail's 90-day event history (`LookupEvents`, one event name per call,
 * paged by `NextToken`, newest first), attached to the objects a drill exercised:
 *
 * - OOB-DR-003: `RestoreDBClusterToPointInTime` (its `sourceDBClusterIdentifier`) and
 *   `RestoreDBClusterFromSnapshot` (the snapshot's cluster: from the automated snapshot name
 *   `rds:<cluster>-<date>`, else RDS `DescribeDBClusterSnapshots`) → `restoreDrills` of the RDS
 *   clusters of the region where they ran.
 * - OOB-DR-004: `UpdateHealthCheck` toggling `inverted` / `disabled` of a failover record's health
 *   check, and `ChangeResourceRecordSets` changing a failover record's name and type in its zone →
 *   the records' `failoverDrills` (Route 53 events are recorded in the partition's home region).
 *
 * Calls that failed (an `errorCode` in the event) are no evidence. LookupEvents allows two calls a
 * second per account and region: the event names are read one after the other, the SDK's retry
 * backs off on throttling, and at most MAX_PAGES pages of 50 are read per name.
 *
 * Failures. A lookup failing or cut short, or a snapshot whose cluster cannot be told: the objects
 * it may concern that have no evidence get `restoreDrills` / `failoverDrills` unknown, naming the
 * call and the permission (evidence found elsewhere still counts).
 */
import { LookupEventsCommand, type CloudTrailClient, type Event } from '@aws-sdk/client-cloudtrail';
import { DescribeDBClusterSnapshotsCommand, type RDSClient } from '@aws-sdk/client-rds';
import type { DrillEvent, RdsCluster, Route53Record } from '../../model/aws-data.ts';
import { callOrAbsent, mapBounded, pagedUpTo, type CallCounter } from './calls.ts';
import { failedBecause } from './common.ts';
import { dnsName } from './route53.ts';

/** CloudTrail keeps 90 days of management events for LookupEvents. */
export const EVENT_HISTORY_DAYS = 90;
/** Pages of 50 events read per event name at most. */
export const MAX_PAGES = 20;

interface Parsed {
  event: DrillEvent;
  request: Record<string, unknown>;
}

type Lookup = { name: string; events: Parsed[]; problem: string | null };

function obj(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {};
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/** An event of a successful call, with its request parameters; null for a failed call or an unreadable record. */
function parse(e: Event): Parsed | null {
  let record: Record<string, unknown>;
  try {
    record = obj(JSON.parse(e.CloudTrailEvent ?? '{}'));
  } catch {
    return null;
  }
  if (text(record['errorCode']) !== '') return null;
  return {
    event: { eventName: e.EventName ?? '', eventTime: e.EventTime?.toISOString() ?? '', eventId: e.EventId ?? '', username: e.Username ?? '', detail: '' },
    request: obj(record['requestParameters']),
  };
}

/** Every event of each name within the last 90 days, one name after the other. */
async function lookupAll(ct: CloudTrailClient, counter: CallCounter, names: readonly string[], now: Date): Promise<Lookup[]> {
  const out: Lookup[] = [];
  for (const name of names) {
    const r = await pagedUpTo(counter, MAX_PAGES, async (NextToken) => {
      const p = await ct.send(new LookupEventsCommand({
        LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: name }],
        StartTime: new Date(now.getTime() - EVENT_HISTORY_DAYS * 86_400_000), EndTime: now, MaxResults: 50,
        ...(NextToken === undefined ? {} : { NextToken }),
      }));
      return { items: p.Events ?? [], next: p.NextToken };
    });
    if (!r.ok) out.push({ name, events: [], problem: failedBecause('CloudTrail:LookupEvents', name, r.error) });
    else {
      out.push({
        name, events: r.value.items.map(parse).filter((p): p is Parsed => p !== null),
        problem: r.value.truncated ? `more than ${MAX_PAGES * 50} ${name} events in CloudTrail's last ${EVENT_HISTORY_DAYS} days; the older ones were not read` : null,
      });
    }
  }
  return out;
}

function newestFirst(a: DrillEvent, b: DrillEvent): number {
  return a.eventTime < b.eventTime ? 1 : a.eventTime > b.eventTime ? -1 : 0;
}

/** Evidence per object key; objects without any get the problems as their unknown reason. */
function attach<T extends { unknown?: Record<string, string> }>(objects: readonly T[], field: string, evidence: (o: T) => DrillEvent[], problems: readonly string[], set: (o: T, e: DrillEvent[]) => void): void {
  for (const o of objects) {
    const found = evidence(o).sort(newestFirst);
    set(o, found);
    if (found.length === 0 && problems.length > 0) (o.unknown ??= {})[field] = problems.join('; ');
  }
}

function clusterIdOf(s: string): string {
  return s.replace(/^arn:[^:]+:rds:[^:]*:\d*:cluster:/, '').toLowerCase();
}

const AUTOMATED_SNAPSHOT = /^rds:(.+)-\d{4}-\d{2}-\d{2}-\d{2}-\d{2}$/;

/** Restores of the region's RDS clusters (`restoreDrills`). */
export async function collectRestoreDrills(ct: CloudTrailClient, rds: RDSClient, counter: CallCounter, concurrency: number, clusters: readonly RdsCluster[], now: Date): Promise<void> {
  if (clusters.length === 0) return;
  const [pitr, fromSnapshot] = await lookupAll(ct, counter, ['RestoreDBClusterToPointInTime', 'RestoreDBClusterFromSnapshot'], now);
  const problems = [pitr!, fromSnapshot!].flatMap((l) => (l.problem === null ? [] : [l.problem]));
  const bySource = new Map<string, DrillEvent[]>();
  const add = (source: string, e: DrillEvent): void => { bySource.set(source, [...(bySource.get(source) ?? []), e]); };
  for (const { event, request } of pitr!.events) {
    const target = text(request['dBClusterIdentifier']);
    const when = text(request['restoreToTime']) || (request['useLatestRestorableTime'] === true ? 'the latest restorable time' : '');
    add(clusterIdOf(text(request['sourceDBClusterIdentifier'])), { ...event, detail: `point-in-time restore to ${target || '(no name)'}${when ? ` at ${when}` : ''}` });
  }
  // Snapshots whose cluster the name does not tell: asked once each.
  const snapshotOf = (p: Parsed): string => text(p.request['snapshotIdentifier']).replace(/^arn:[^:]+:rds:[^:]*:\d*:cluster-snapshot:/, '');
  const unnamed = [...new Set(fromSnapshot!.events.map(snapshotOf).filter((s) => s !== '' && !AUTOMATED_SNAPSHOT.test(s)))];
  const owners = new Map<string, string>();
  await mapBounded(unnamed, concurrency, async (id) => {
    const r = await callOrAbsent(counter, ['DBClusterSnapshotNotFoundFault'], () => rds.send(new DescribeDBClusterSnapshotsCommand({ DBClusterSnapshotIdentifier: id })));
    const owner = r.ok ? r.value?.DBClusterSnapshots?.[0]?.DBClusterIdentifier ?? '' : '';
    if (owner !== '') owners.set(id, owner.toLowerCase());
    else problems.push(r.ok
      ? `a restore from snapshot ${id}, which no longer exists, may have been of any cluster`
      : failedBecause('RDS:DescribeDBClusterSnapshots', id, r.error));
  });
  for (const p of fromSnapshot!.events) {
    const snap = snapshotOf(p);
    const source = AUTOMATED_SNAPSHOT.exec(snap)?.[1]?.toLowerCase() ?? owners.get(snap);
    if (source !== undefined) add(source, { ...p.event, detail: `restore of snapshot ${snap} to ${text(p.request['dBClusterIdentifier']) || '(no name)'}` });
  }
  attach(clusters, 'restoreDrills', (c) => [...(bySource.get(c.dbClusterIdentifier.toLowerCase()) ?? [])], problems, (c, e) => { c.restoreDrills = e; });
}

/** Failover exercises on the failover records (`failoverDrills`), from the Route 53 home region's event history. */
export async function collectFailoverDrills(ct: CloudTrailClient, counter: CallCounter, records: readonly Route53Record[], now: Date): Promise<void> {
  const failover = records.filter((r) => r.failover !== '');
  if (failover.length === 0) return;
  const [health, changes] = await lookupAll(ct, counter, ['UpdateHealthCheck', 'ChangeResourceRecordSets'], now);
  const problems = [health!, changes!].flatMap((l) => (l.problem === null ? [] : [l.problem]));
  const evidence = new Map<Route53Record, DrillEvent[]>();
  const add = (r: Route53Record, e: DrillEvent): void => { evidence.set(r, [...(evidence.get(r) ?? []), e]); };
  for (const { event, request } of health!.events) {
    const toggles = ['inverted', 'disabled'].filter((k) => k in request).map((k) => `${k}=${text(request[k])}`);
    if (toggles.length === 0) continue;
    const id = text(request['healthCheckId']);
    for (const r of failover) if (r.healthCheckId !== '' && r.healthCheckId === id) add(r, { ...event, detail: `health check ${id}: ${toggles.join(', ')}` });
  }
  for (const { event, request } of changes!.events) {
    const zone = text(request['hostedZoneId']).replace(/^\/hostedzone\//, '');
    for (const ch of Array.isArray(obj(request['changeBatch'])['changes']) ? obj(request['changeBatch'])['changes'] as unknown[] : []) {
      const set = obj(obj(ch)['resourceRecordSet']);
      const name = dnsName(text(set['name']));
      const type = text(set['type']).toUpperCase();
      for (const r of failover) {
        if (r.hostedZoneId !== zone || r.name !== name || r.type !== type || evidence.get(r)?.some((x) => x.eventId === event.eventId)) continue;
        add(r, { ...event, detail: `${text(obj(ch)['action'])} ${name} ${type}${text(set['setIdentifier']) ? ` (${text(set['setIdentifier'])})` : ''} in zone ${zone}` });
      }
    }
  }
  attach(failover, 'failoverDrills', (r) => [...(evidence.get(r) ?? [])], problems, (r, e) => { r.failoverDrills = e; });
}
