/**
 * Drill evidence of the live AWS collector (OOB-DR-003, OOB-DR-004) against the local server
 * speaking CloudTrail JSON 1.1 (`LookupEvents`, two events per page) and RDS awsQuery: restores
 * attributed to the cluster they came from, failover exercises to the records they touched, the
 * 90-day window, one event name at a time, throttling retried, and every failure an unknown that
 * names the permission.
 */
import { describe, expect, it } from 'vitest';
import { MAX_PAGES } from '../src/collectors/aws-live/drills.ts';
import type { FakeAwsOptions, FakeRdsObject } from './helpers/aws-api-server.ts';
import type { FakeTrailEvent } from './helpers/aws-api-extras.ts';
import { collectFromFake, TEST_ACCOUNT as ACCOUNT } from './helpers/aws-collect.ts';
import { FIXED_NOW, scanFiles } from './helpers/scan.ts';

const cluster = (id: string, latest = '2026-11-20T11:56:00Z'): FakeRdsObject => ({
  DBClusterIdentifier: id, DBClusterArn: `arn:aws:rds:eu-central-1:${ACCOUNT}:cluster:${id}`, Engine: 'aurora-postgresql', Status: 'available', LatestRestorableTime: latest,
});
const pitr = (source: string, time: string, extra: Record<string, unknown> = {}): FakeTrailEvent => ({
  EventName: 'RestoreDBClusterToPointInTime', EventTime: time, Username: 'dr-drill',
  CloudTrailEvent: { requestParameters: { sourceDBClusterIdentifier: source, dBClusterIdentifier: `${source}-drill`, useLatestRestorableTime: true }, ...extra },
});
const fromSnapshot = (snapshot: string, time: string): FakeTrailEvent => ({
  EventName: 'RestoreDBClusterFromSnapshot', EventTime: time, CloudTrailEvent: { requestParameters: { snapshotIdentifier: snapshot, dBClusterIdentifier: 'scratch' } },
});

const drillRule = async (fake: Partial<FakeAwsOptions>, ruleId: string) => {
  const { result, server } = await collectFromFake(fake);
  const { report } = await scanFiles({}, { liveResults: [result] });
  return { result, server, findings: report.findings.filter((f) => f.ruleId === ruleId) };
};

describe('restore drills (OOB-DR-003)', () => {
  it('attributes restores to their source cluster across pages, 90 days back, one event name after the other', async () => {
    const { result, server } = await collectFromFake({
      dbClusters: [cluster('mm-oob-aurora'), cluster('analytics')],
      dbClusterSnapshots: { 'mm-pre-upgrade': 'mm-oob-aurora' },
      cloudTrailEvents: [
        pitr(`arn:aws:rds:eu-central-1:${ACCOUNT}:cluster:mm-oob-aurora`, '2026-10-14T09:12:40Z'),
        pitr('analytics', '2026-11-01T10:00:00Z'),
        pitr('mm-oob-aurora', '2026-11-10T10:00:00Z', { errorCode: 'InvalidDBClusterStateFault', errorMessage: 'cluster is stopped' }),
        pitr('mm-oob-aurora', '2026-05-01T10:00:00Z'),
        fromSnapshot('rds:mm-oob-aurora-2026-11-01-03-10', '2026-11-02T08:30:00Z'),
        fromSnapshot(`arn:aws:rds:eu-central-1:${ACCOUNT}:cluster-snapshot:mm-pre-upgrade`, '2026-09-30T07:00:00Z'),
        fromSnapshot('mm-pre-upgrade', '2026-10-30T07:00:00Z'),
      ],
    });
    expect(result.coverage.gaps).toEqual([]);
    const [mm, analytics] = result.aws.rds.clusters;
    expect(mm!.latestRestorableTime).toBe('2026-11-20T11:56:00.000Z');
    // Newest first; the failed call and the event older than 90 days are no evidence.
    expect(mm!.restoreDrills.map((e) => [e.eventName, e.eventTime, e.detail])).toEqual([
      ['RestoreDBClusterFromSnapshot', '2026-11-02T08:30:00.000Z', 'restore of snapshot rds:mm-oob-aurora-2026-11-01-03-10 to scratch'],
      ['RestoreDBClusterFromSnapshot', '2026-10-30T07:00:00.000Z', 'restore of snapshot mm-pre-upgrade to scratch'],
      ['RestoreDBClusterToPointInTime', '2026-10-14T09:12:40.000Z', 'point-in-time restore to arn:aws:rds:eu-central-1:111122223333:cluster:mm-oob-aurora-drill at the latest restorable time'],
      ['RestoreDBClusterFromSnapshot', '2026-09-30T07:00:00.000Z', 'restore of snapshot mm-pre-upgrade to scratch'],
    ]);
    expect(mm!.restoreDrills[0]).toMatchObject({ username: 'drill-operator', eventId: expect.stringMatching(/^0b6c1a2e-/) });
    expect(analytics!.restoreDrills.map((e) => e.eventTime)).toEqual(['2026-11-01T10:00:00.000Z']);
    expect(mm!.unknown?.['restoreDrills']).toBeUndefined();
    // PITR: 4 events in range → 2 pages; then from-snapshot: 3 → 2 pages; the manual snapshot asked once.
    const calls = server.requests.filter((r) => r.api === 'CloudTrail:LookupEvents' || r.api === 'RDS:DescribeDBClusterSnapshots').map((r) => r.key);
    expect(calls).toEqual([
      'cloudtrail LookupEvents RestoreDBClusterToPointInTime', 'cloudtrail LookupEvents RestoreDBClusterToPointInTime',
      'cloudtrail LookupEvents RestoreDBClusterFromSnapshot', 'cloudtrail LookupEvents RestoreDBClusterFromSnapshot',
      'rds DescribeDBClusterSnapshots mm-pre-upgrade',
    ]);
  });

  it('the rules: pass with a recent drill and a current restorable time, fail naming what is missing', async () => {
    const fake = {
      dbClusters: [cluster('mm-oob-aurora'), cluster('mm-stale', '2026-11-20T08:00:00Z')],
      cloudTrailEvents: [pitr('mm-oob-aurora', '2026-10-14T09:12:40Z'), fromSnapshot('rds:mm-stale-2026-06-01-03-10', '2026-09-01T08:00:00Z')],
    };
    const { findings: drills } = await drillRule(fake, 'OOB-DR-003.aurora');
    expect(drills.map((f) => [f.objectName, f.status])).toEqual([['mm-oob-aurora', 'pass'], ['mm-stale', 'pass']]);
    const { findings } = await drillRule(fake, 'OOB-DR-003.aurora-rpo');
    expect(findings.map((f) => [f.objectName, f.status])).toEqual([['mm-oob-aurora', 'pass'], ['mm-stale', 'fail']]);
    expect(findings[1]!.message).toBe('RDS cluster mm-stale can be restored only up to 2026-11-20T08:00:00.000Z, 240 minutes before the scan (RPO 15 minutes)');
    expect(findings[1]!.source).toEqual({ file: `oobguard-live/aws/${ACCOUNT}`, line: 1, ref: `arn:aws:rds:eu-central-1:${ACCOUNT}:cluster:mm-stale` });
    const { findings: none } = await drillRule({ dbClusters: [cluster('mm-oob-aurora')] }, 'OOB-DR-003.aurora');
    expect(none.map((f) => [f.status, f.message])).toEqual([['fail',
      "RDS cluster mm-oob-aurora was not restored in the last 92 days (CloudTrail's 90-day event history holds no successful RestoreDBClusterToPointInTime from it and no RestoreDBClusterFromSnapshot of its snapshots)"]]);
  });

  it('throttling is retried inside one call; a lookup that keeps failing makes the drill unknown, naming the permission', async () => {
    const { server, findings } = await drillRule({
      dbClusters: [cluster('mm-oob-aurora')],
      cloudTrailEvents: [fromSnapshot('rds:mm-oob-aurora-2026-11-01-03-10', '2026-11-02T08:30:00Z')],
      script: {
        'cloudtrail LookupEvents RestoreDBClusterToPointInTime': [{ status: 400, code: 'ThrottlingException' }, { status: 500, code: 'InternalFailure' }],
        'cloudtrail LookupEvents RestoreDBClusterFromSnapshot': [500, 500, 500].map((status) => ({ status, code: 'InternalFailure' })),
      },
    }, 'OOB-DR-003.aurora');
    expect(server.requests.filter((r) => r.api === 'CloudTrail:LookupEvents').map((r) => r.attempt)).toEqual([1, 2, 3, 1, 2, 3]);
    expect(findings.map((f) => f.status)).toEqual(['unknown']);
    expect(findings[0]!.reasons).toEqual([
      'CloudTrail:LookupEvents RestoreDBClusterFromSnapshot failed: InternalFailure (HTTP 500) — needs cloudtrail:LookupEvents',
    ]);
  });

  it('evidence found elsewhere still counts when a lookup fails; a deleted snapshot cannot be attributed', async () => {
    const { result } = await collectFromFake({
      dbClusters: [cluster('mm-oob-aurora'), cluster('analytics')],
      cloudTrailEvents: [pitr('mm-oob-aurora', '2026-10-14T09:12:40Z'), fromSnapshot('gone-snapshot', '2026-11-02T08:30:00Z')],
      forbid: ['rds DescribeDBClusterSnapshots gone-snapshot'],
    });
    const [mm, analytics] = result.aws.rds.clusters;
    expect(mm!.restoreDrills).toHaveLength(1);
    expect(mm!.unknown?.['restoreDrills']).toBeUndefined();
    expect(analytics!.unknown?.['restoreDrills']).toBe('RDS:DescribeDBClusterSnapshots gone-snapshot failed: AccessDenied (HTTP 403) — needs rds:DescribeDBClusterSnapshots');
    const { result: gone } = await collectFromFake({ dbClusters: [cluster('analytics')], cloudTrailEvents: [fromSnapshot('gone-snapshot', '2026-11-02T08:30:00Z')] });
    expect(gone.aws.rds.clusters[0]!.unknown?.['restoreDrills']).toBe('a restore from snapshot gone-snapshot, which no longer exists, may have been of any cluster');
  });

  it(`reads at most ${MAX_PAGES} pages per event name: a cut-short history without evidence is unknown`, async () => {
    const noise = Array.from({ length: 2 * MAX_PAGES + 1 }, (_x, i) => pitr(`scratch-${i}`, new Date(Date.parse(FIXED_NOW) - (i + 1) * 3_600_000).toISOString()));
    const { result, server } = await collectFromFake({ dbClusters: [cluster('mm-oob-aurora')], cloudTrailEvents: noise });
    expect(server.requests.filter((r) => r.key === 'cloudtrail LookupEvents RestoreDBClusterToPointInTime')).toHaveLength(MAX_PAGES);
    expect(result.aws.rds.clusters[0]!.unknown?.['restoreDrills']).toBe(`more than ${MAX_PAGES * 50} RestoreDBClusterToPointInTime events in CloudTrail's last 90 days; the older ones were not read`);
  });

  it('no cluster in a region: no lookup there; Terraform clusters are not judged', async () => {
    const { server } = await collectFromFake({});
    expect(server.requests.filter((r) => r.api === 'CloudTrail:LookupEvents')).toEqual([]);
    const { report } = await scanFiles({ 'main.tf': 'resource "aws_rds_cluster" "mm" {\n  cluster_identifier = "mm-oob-aurora"\n  engine = "aurora-postgresql"\n}\n' });
    expect(report.findings.filter((f) => f.ruleId.startsWith('OOB-DR-003.aurora'))).toEqual([]);
  });
});

describe('DNS failover drills (OOB-DR-004)', () => {
  const HC = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
  const zones: FakeAwsOptions['zones'] = [{
    id: 'Z0123456789ABCDEFGHIJ', name: 'example.com.', records: [
      { Name: 'chat.example.com.', Type: 'CNAME', SetIdentifier: 'primary', Failover: 'PRIMARY', TTL: 60, ResourceRecords: ['chat-primary.example.com'], HealthCheckId: HC },
      { Name: 'chat.example.com.', Type: 'CNAME', SetIdentifier: 'oob', Failover: 'SECONDARY', TTL: 60, ResourceRecords: ['chat-oob.example.net'] },
      { Name: 'www.example.com.', Type: 'CNAME', TTL: 300, ResourceRecords: ['site.example.net'] },
    ],
  }];
  const route53 = (name: string, time: string, request: Record<string, unknown>): FakeTrailEvent => ({
    EventName: name, EventTime: time, EventSource: 'route53.amazonaws.com', CloudTrailEvent: { requestParameters: request }, region: 'us-east-1',
  });

  it('reads Route 53 events in us-east-1 whatever the scan region, and attaches toggles and record changes to the failover records', async () => {
    const { result, server } = await collectFromFake({
      zones,
      cloudTrailEvents: [
        route53('UpdateHealthCheck', '2026-10-21T14:00:00Z', { healthCheckId: HC, inverted: true }),
        route53('UpdateHealthCheck', '2026-10-21T14:45:00Z', { healthCheckId: HC, inverted: false }),
        route53('UpdateHealthCheck', '2026-10-22T09:00:00Z', { healthCheckId: HC, failureThreshold: 2 }),
        route53('ChangeResourceRecordSets', '2026-11-05T10:00:00Z', {
          hostedZoneId: '/hostedzone/Z0123456789ABCDEFGHIJ',
          changeBatch: { changes: [{ action: 'UPSERT', resourceRecordSet: { name: 'chat.example.com.', type: 'CNAME', setIdentifier: 'oob', failover: 'SECONDARY' } }] },
        }),
        // Recorded in another region: not Route 53's event history.
        { ...route53('UpdateHealthCheck', '2026-11-06T10:00:00Z', { healthCheckId: HC, disabled: true }), region: 'eu-central-1' },
      ],
    });
    const [primary, secondary, www] = result.aws.route53.records;
    expect(primary!.failoverDrills.map((e) => [e.eventName, e.detail])).toEqual([
      ['ChangeResourceRecordSets', 'UPSERT chat.example.com CNAME (oob) in zone Z0123456789ABCDEFGHIJ'],
      ['UpdateHealthCheck', `health check ${HC}: inverted=false`],
      ['UpdateHealthCheck', `health check ${HC}: inverted=true`],
    ]);
    expect(secondary!.failoverDrills.map((e) => e.eventName)).toEqual(['ChangeResourceRecordSets']);
    expect(www!.failoverDrills).toEqual([]);
    expect(server.requests.filter((r) => r.api === 'CloudTrail:LookupEvents').map((r) => [r.region, r.key])).toEqual([
      ['us-east-1', 'cloudtrail LookupEvents UpdateHealthCheck'], ['us-east-1', 'cloudtrail LookupEvents UpdateHealthCheck'],
      ['us-east-1', 'cloudtrail LookupEvents ChangeResourceRecordSets'],
    ]);
  });

  it('the rule judges the PRIMARY record only: pass, fail, and unknown naming the permission', async () => {
    const { findings: pass } = await drillRule({ zones, cloudTrailEvents: [route53('UpdateHealthCheck', '2026-10-21T14:00:00Z', { healthCheckId: HC, disabled: true })] }, 'OOB-DR-004.route53');
    expect(pass.map((f) => [f.objectName, f.status])).toEqual([['chat.example.com', 'pass']]);
    const { findings: fail } = await drillRule({ zones }, 'OOB-DR-004.route53');
    expect(fail.map((f) => [f.status, f.message])).toEqual([['fail',
      `DNS failover of chat.example.com (CNAME, zone Z0123456789ABCDEFGHIJ) was not exercised in the last 92 days: CloudTrail's event history holds no UpdateHealthCheck inverting or disabling its health check ${HC} and no ChangeResourceRecordSets on the record`]]);
    expect(fail[0]!.source.ref).toBe('arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ/recordset/chat.example.com/CNAME/primary');
    const { findings: unknown } = await drillRule({ zones, forbid: ['us-east-1 cloudtrail LookupEvents ChangeResourceRecordSets'] }, 'OOB-DR-004.route53');
    expect(unknown.map((f) => [f.status, f.reasons])).toEqual([['unknown', ['CloudTrail:LookupEvents ChangeResourceRecordSets failed: AccessDeniedException (HTTP 403) — needs cloudtrail:LookupEvents']]]);
  });
});
