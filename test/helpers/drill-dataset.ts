/**
 * The drill tests' dataset: the AWS reference deployment (examples/aws/hardened) as it stands on
 * the day of a drill. Its manifests as exported from the cluster (`kubectl get -o yaml` keeps
 * `status`): Velero Schedules that ran, storage locations Available, Backups and a Restore, the
 * pg_dump CronJob's last run, the Ingress the Operator created and its certificate (a real PEM,
 * test/fixtures/tls). And live state as the live collectors leave it (RunOptions.liveCollections):
 * the Mattermost server and its accounts, the OOB Entra tenant, and the Aurora cluster, failover
 * records and health check read live — the declared Terraform objects with what only the APIs
 * know (restore point, CloudTrail drill events). Every time is relative to `now`.
 *
 * Tweaks break one thing each, the way it breaks in real life.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { dump, load, loadAll } from 'js-yaml';
import type { LiveCollections } from '../../src/run.ts';
import type { Route53HealthCheck, Route53Record, RdsCluster } from '../../src/model/aws-data.ts';
import type { MattermostUser } from '../../src/model/mattermost-live.ts';
import type { Snapshot } from '../../src/model/snapshot.ts';
import { PACKAGE_ROOT } from '../../src/rule-files.ts';

export const EXAMPLE = path.join(PACKAGE_ROOT, 'examples/aws/hardened');
const ACCOUNT = '222222222222';

export interface DrillTweaks {
  /** The daily Schedule's newest backup completed 80 hours ago (the Schedule runs every 24 h). */
  staleBackup?: boolean;
  /** The ingress certificate expired on 2026-08-01. */
  expiredCert?: boolean;
  /** Someone deleted the SECONDARY failover record from the Terraform. */
  noSecondary?: boolean;
  /** No Backup objects in the export (the scanner may not list them). */
  noBackups?: boolean;
  /** Route 53's checkers see the PRIMARY down now ('down'), or GetHealthCheckStatus was denied ('denied'). */
  primaryHealth?: 'down' | 'denied';
}

const ago = (now: string, hours: number): string => new Date(Date.parse(now) - hours * 3_600_000).toISOString().replace('.000Z', 'Z');
const stamp = (iso: string): string => iso.replace(/[-:TZ]/g, '').slice(0, 14);

/** Lay out the dataset's files in `dir` (a copy of the example, patched as exported on `now`). */
export async function writeDrillFiles(dir: string, now: string, tweaks: DrillTweaks = {}): Promise<void> {
  await cp(EXAMPLE, dir, { recursive: true });
  const manifests = path.join(dir, 'manifests');
  const cert = await readFile(path.join(PACKAGE_ROOT, 'test/fixtures/tls', tweaks.expiredCert ? 'chat-oob-example-org-expired-2026-08-01.pem' : 'chat-oob-example-org-2036.pem'));
  await patchYaml(path.join(manifests, 'mattermost.yaml'), (d) => {
    if (d['kind'] === 'Secret' && meta(d).name === 'chat-oob-tls') d['data'] = { 'tls.crt': cert.toString('base64'), 'tls.key': '' };
  });
  await patchYaml(path.join(manifests, 'velero.yaml'), (d) => {
    if (d['kind'] === 'Schedule') d['status'] = { phase: 'Enabled', lastBackup: ago(now, tweaks.staleBackup && meta(d).name === 'mattermost-daily' ? 82 : 10) };
    if (d['kind'] === 'BackupStorageLocation') {
      d['status'] = { phase: 'Available', lastValidationTime: ago(now, 0.2), ...(meta(d).name === 'replica-readonly' ? { lastSyncedTime: ago(now, 0.1) } : {}) };
    }
  });
  await patchYaml(path.join(manifests, 'pg-dump.yaml'), (d) => {
    if (d['kind'] === 'CronJob') d['status'] = { lastScheduleTime: ago(now, 10.75), lastSuccessfulTime: ago(now, 10.7) };
  });
  if (tweaks.noSecondary) {
    const dns = path.join(dir, 'terraform/dns.tf');
    const tf = await readFile(dns, 'utf8');
    await writeFile(dns, tf.replace(/resource "aws_route53_record" "chat_secondary" \{[\s\S]*?\n\}\n/, ''));
  }
  const daily = tweaks.staleBackup ? 80 : 8;
  const backups = tweaks.noBackups ? [] : [backup(now, 'mattermost-daily', daily), backup(now, 'mattermost-daily', daily + 24), backup(now, 'mattermost-quarterly-tier', 7)];
  const exported = [
    {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
      metadata: { name: 'oob-chat', namespace: 'mattermost', annotations: { 'nginx.ingress.kubernetes.io/whitelist-source-range': '203.0.113.0/27', 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' } },
      spec: {
        ingressClassName: 'nginx',
        rules: [{ host: 'chat.oob.example.org', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'oob-chat', port: { number: 8065 } } } }] } }],
        tls: [{ hosts: ['chat.oob.example.org'], secretName: 'chat-oob-tls' }],
      },
    },
    ...backups,
    ...(tweaks.noBackups ? [] : [{
      apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'drill-2026-q3', namespace: 'velero' },
      spec: { backupName: `mattermost-daily-${stamp(ago(now, 24 * 40))}`, includedNamespaces: ['mattermost'], namespaceMapping: { mattermost: 'mattermost-restore-drill' } },
      status: { phase: 'Completed', startTimestamp: ago(now, 24 * 40 - 1), completionTimestamp: ago(now, 24 * 40 - 1.5), errors: 0, warnings: 2 },
    }]),
  ];
  await writeFile(path.join(manifests, 'cluster-export.yaml'), exported.map((d) => dump(d)).join('---\n'));
  // The token the scanner reads Mattermost with belongs to a declared automation account.
  const configFile = path.join(dir, '.oobguard.yaml');
  const config = load(await readFile(configFile, 'utf8')) as { environment: { oob: Record<string, unknown> } };
  config.environment.oob['automationAccounts'] = ['oob-audit'];
  await writeFile(configFile, dump(config));
}

function backup(now: string, schedule: string, hoursAgo: number): Record<string, unknown> {
  const done = ago(now, hoursAgo);
  return {
    apiVersion: 'velero.io/v1', kind: 'Backup',
    metadata: { name: `${schedule}-${stamp(done)}`, namespace: 'velero', labels: { 'velero.io/schedule-name': schedule, 'velero.io/storage-location': 'default' } },
    spec: { includedNamespaces: ['mattermost'], storageLocation: 'default', snapshotVolumes: true, ttl: '720h0m0s' },
    status: { phase: 'Completed', startTimestamp: ago(now, hoursAgo + 0.1), completionTimestamp: done, expiration: ago(now, hoursAgo - 720), errors: 0, warnings: 0, version: 1 },
  };
}

const meta = (d: Record<string, unknown>): { name: string } => d['metadata'] as { name: string };

async function patchYaml(file: string, patch: (doc: Record<string, unknown>) => void): Promise<void> {
  const docs = loadAll(await readFile(file, 'utf8')).filter((d): d is Record<string, unknown> => d !== null && typeof d === 'object');
  for (const d of docs) patch(d);
  await writeFile(file, docs.map((d) => dump(d)).join('---\n'));
}

/** Live provenance: what a live collector gives an object it read. */
function live(kind: string, name: string, ref: string): { id: string; source: { file: string; line: number; ref: string } } {
  return { id: `live/${kind}/${name}`, source: { file: `oobguard-live/${kind.startsWith('Mattermost') ? 'mattermost/chat.oob.example.org' : `aws/${ACCOUNT}`}`, line: 1, ref } };
}

/** A declared cloud object as the live collector reads the real one. */
function asLive<T extends { kind: string; name: string; unknown?: Record<string, string> }>(o: T, ref: string, extra: Partial<T>): T {
  const { origins: _origins, ...rest } = o as T & { origins?: unknown };
  return { ...rest, ...live(o.kind, `${o.name}/${ref}`, ref), origin: 'live', address: '', module: '', resourceId: ref, accountIds: [ACCOUNT], region: 'eu-west-1', unknown: {}, ...extra } as unknown as T;
}

/** Live state of the drill day, built on the declared (Terraform) objects of `base`. */
export function liveDrillState(base: Snapshot, now: string, tweaks: DrillTweaks = {}): LiveCollections {
  const event = (eventName: string, hoursAgo: number, detail: string) => ({ eventName, eventTime: ago(now, hoursAgo), eventId: `0b6c1a2e-${hoursAgo}`, username: 'dr-drill', detail });
  const clusters = base.aws.rds.clusters.map((c): RdsCluster => asLive(c, `arn:aws:rds:eu-west-1:${ACCOUNT}:cluster:${c.dbClusterIdentifier}`, {
    latestRestorableTime: ago(now, 0.07),
    restoreDrills: [event('RestoreDBClusterToPointInTime', 24 * 40, `point-in-time restore to ${c.dbClusterIdentifier}-drill at the latest restorable time`)],
  }));
  const healthCheckId = 'f1e2d3c4-0000-4000-8000-00000000aaaa';
  const observed = tweaks.primaryHealth === 'denied' ? { observedStatus: null, unknown: { observedStatus: `Route53:GetHealthCheckStatus of health check ${healthCheckId} failed: AccessDenied (HTTP 403) — needs route53:GetHealthCheckStatus` } }
    : { observedStatus: { healthy: tweaks.primaryHealth !== 'down', checkersHealthy: tweaks.primaryHealth === 'down' ? 1 : 16, checkersReporting: 16, lastCheckedAt: ago(now, 0.01) } };
  const checks = base.aws.route53.healthChecks.map((h): Route53HealthCheck => asLive(h, `arn:aws:route53:::healthcheck/${healthCheckId}`, { healthCheckId, ...observed }));
  const records = base.aws.route53.records.filter((r) => r.failover !== '').map((r): Route53Record => asLive(r, `Z0OOB0EXAMPLE/${r.name}/${r.type}/${r.setIdentifier}`, {
    hostedZoneId: 'Z0OOB0EXAMPLE',
    ...(r.failover === 'PRIMARY'
      ? { healthCheckId, failoverDrills: [event('UpdateHealthCheck', 24 * 40, `health check ${healthCheckId}: inverted=true`), event('UpdateHealthCheck', 24 * 40 - 1, `health check ${healthCheckId}: inverted=false`)] }
      : {}),
  }));
  const user = (username: string, roles: string[], authService: string, mfaActive: boolean): MattermostUser => ({
    ...live('MattermostUser', username, `https://chat.oob.example.org/api/v4/users/${username}`), kind: 'MattermostUser' as const, name: username, server: 'chat.oob.example.org',
    userId: `${username.padEnd(26, 'x').slice(0, 26)}`, username, emailDomain: 'oob.example.org', authService, mfaActive, deleteAt: 0, roles, isBot: false,
  });
  const tenantId = 'bbbbbbbb-2222-4333-8444-555555555555';
  const graph = (kind: string, name: string) => ({
    ...live(kind, name, `https://graph.microsoft.com/v1.0/${name}`), source: { file: `oobguard-live/graph/${tenantId}`, line: 1, ref: `https://graph.microsoft.com/v1.0/${name}` },
    kind, name, address: '', resourceId: name, providerKey: 'graph', origin: 'live', module: '', tags: {}, tenantId,
  });
  return {
    aws: { rds: { clusters, instances: [], clusterParameterGroups: [], globalClusters: [] }, route53: { zones: [], records, healthChecks: checks } } as unknown as NonNullable<LiveCollections['aws']>,
    mattermost: {
      servers: [{
        ...live('MattermostServer', 'chat.oob.example.org', 'https://chat.oob.example.org'), kind: 'MattermostServer', name: 'chat.oob.example.org', server: 'chat.oob.example.org',
        version: '10.5.2', buildNumber: '10.5.2', status: 'OK', licensed: true, sku: 'enterprise', environmentKeys: [],
      }],
      users: [user('oob-breakglass-1', ['system_user', 'system_admin'], '', true), user('alice', ['system_user'], 'openid', false), user('oob-audit', ['system_user'], '', true)],
      accessTokens: [{
        ...live('MattermostAccessToken', 'scanner', 'https://chat.oob.example.org/api/v4/users/tokens/t1'), kind: 'MattermostAccessToken', name: 'oobguard scanner', server: 'chat.oob.example.org',
        tokenId: 'tok1tok1tok1tok1tok1tok1tk', userId: 'oob-auditxxxxxxxxxxxxxxxxx', ownerUsername: 'oob-audit', description: 'oobguard scanner', isActive: true,
        expiresAt: Date.parse(now) + 30 * 86_400_000,
      }],
    },
    azure: {
      entra: {
        organizations: [{ ...graph('EntraOrganization', 'organization'), organizationId: tenantId, displayName: 'Example OOB', verifiedDomains: ['oob.example.org'], subscriptionIds: [], securityDefaultsEnabled: true, conditionalAccessPolicyCount: 0 }],
        applications: [{ ...graph('EntraApplication', 'applications/mattermost'), appId: '7d1f6a2c-5b3e-4c8d-9a0f-1e2d3c4b5a69', configuredIn: ['OpenIdSettings'], registered: true, objectId: '9b8a7c6d-0000-4000-8000-000000000010', displayName: 'Mattermost OOB', signInAudience: 'AzureADMyOrg' }],
      },
    } as unknown as NonNullable<LiveCollections['azure']>,
  };
}
