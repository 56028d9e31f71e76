/**
 * Evidence for the drill's backup and restore items: the last successful Velero backup of each
 * Schedule with its age against the schedule's interval, Velero storage locations and restores,
 * Aurora's restore point and restore drills, Azure PostgreSQL backup settings, pg_dump runs.
 */
import type { VeleroBackup, VeleroObject, Workload } from '../model/k8s.ts';
import type { DrillEvidence } from './types.ts';
import { drillEvents, evidence, judgedObjects, num, originOf, preferLive, stamps, str, strings, type EvidenceContext } from './evidence.ts';
import { counted } from '../../reporters/markdown-text.ts';

const FINISHED = ['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation'];
const nsName = (o: VeleroObject): string => `${o.namespace}/${o.name}`;

/** When a Velero object finished (or started, or was created), for ordering newest first. */
function finishedAt(o: VeleroObject): string {
  return str(o.status, 'completionTimestamp') || str(o.status, 'startTimestamp') || o.creationTimestamp || '';
}

function newestFirst<T extends VeleroObject>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => (finishedAt(b) > finishedAt(a) ? 1 : finishedAt(b) < finishedAt(a) ? -1 : b.name.localeCompare(a.name)));
}

function backupCounts(b: VeleroBackup): string {
  return `${counted(num(b.status, 'errors') ?? 0, 'error')}, ${counted(num(b.status, 'warnings') ?? 0, 'warning')}`;
}

/** Per Schedule: its last successful (Completed) backup, the newest finished one when that failed, and what Velero reports. */
export function veleroSchedules(ctx: EvidenceContext): DrillEvidence[] {
  const { velero } = ctx.snapshot.k8s;
  return preferLive(velero.schedules, nsName).map((s) => {
    const backups = newestFirst(velero.backups.filter((b) => b.namespace === s.namespace && b.scheduleName === s.name));
    const lastOk = backups.find((b) => str(b.status, 'phase') === 'Completed');
    const newest = backups.find((b) => FINISHED.includes(str(b.status, 'phase')));
    const paused = s.spec['paused'] === true;
    const interval = s.intervalHours === null ? 'an interval oobguard cannot parse' : `every ${s.intervalHours} h, so at most ${2 * s.intervalHours} h old`;
    const parts = [`"${str(s.spec, 'schedule')}" (${interval})${paused ? ', paused' : ''}`];
    parts.push(lastOk ? `last successful backup ${lastOk.name}: Completed, ${backupCounts(lastOk)}` : 'no successful backup among the inputs');
    if (newest && newest !== lastOk) {
      const why = str(newest.status, 'failureReason');
      parts.push(`newest finished backup ${newest.name}: ${str(newest.status, 'phase')}${why ? ` (${why})` : ''}, ${backupCounts(newest)}`);
    }
    const phase = str(s.status, 'phase');
    if (phase) parts.push(`Velero reports the Schedule ${phase}`);
    // With Backup objects among the inputs, a Schedule that has none finished is unproven.
    const missing = !paused && !newest && velero.backups.length > 0
      ? `Schedule ${nsName(s)}: no finished Backup of it among the inputs (label velero.io/schedule-name=${s.name})`
      : undefined;
    return evidence(s, `Schedule ${nsName(s)}`, parts.join('; '), stamps(ctx.now,
      ['last successful backup completed', lastOk ? str(lastOk.status, 'completionTimestamp') : undefined],
      ['newest finished backup completed', newest && newest !== lastOk ? str(newest.status, 'completionTimestamp') : undefined],
      ['Schedule last started a backup', str(s.status, 'lastBackup') || undefined],
    ), missing);
  });
}

export function veleroLocations(ctx: EvidenceContext): DrillEvidence[] {
  return preferLive(ctx.snapshot.k8s.velero.storageLocations, nsName).map((l) => {
    const access = str(l.spec, 'accessMode') || 'ReadWrite';
    const config = l.spec['config'];
    const where = str(config, 'region') || str(config, 'storageAccount') || str(config, 's3Url');
    const phase = str(l.status, 'phase');
    return evidence(l, `BackupStorageLocation ${nsName(l)}`,
      `${access}${l.isDefault ? ' (default)' : ''}, ${str(l.spec, 'provider')} bucket ${l.bucket}${where ? ` (${where})` : ''}; ${phase ? `Velero reports it ${phase}` : 'no status among the inputs'}`,
      stamps(ctx.now, ['last validated', str(l.status, 'lastValidationTime') || undefined], ['backups last synced', str(l.status, 'lastSyncedTime') || undefined]));
  });
}

/** The newest Velero Restores (at most ten). */
export function veleroRestores(ctx: EvidenceContext): DrillEvidence[] {
  return newestFirst(preferLive(ctx.snapshot.k8s.velero.restores, nsName)).slice(0, 10).map((r) => {
    const from = str(r.spec, 'backupName') || (str(r.spec, 'scheduleName') ? `the newest backup of Schedule ${str(r.spec, 'scheduleName')}` : '(no backup named)');
    const included = strings(r.spec, 'includedNamespaces');
    const mapping = r.spec['namespaceMapping'];
    const mapped = mapping !== null && typeof mapping === 'object' && !Array.isArray(mapping)
      ? Object.entries(mapping).map(([a, b]) => `${a} → ${String(b)}`).join(', ') : '';
    return evidence(r, `Restore ${nsName(r)}`,
      `${str(r.status, 'phase') || 'no phase'} from ${from}; namespaces ${included.length > 0 ? included.join(', ') : 'all'}${mapped ? ` (${mapped})` : ''}; ${counted(num(r.status, 'errors') ?? 0, 'error')}, ${counted(num(r.status, 'warnings') ?? 0, 'warning')}`,
      stamps(ctx.now, ['restore completed', str(r.status, 'completionTimestamp') || undefined]));
  });
}

const clusterId = (c: { dbClusterIdentifier: string; name: string }): string => c.dbClusterIdentifier || c.name;

/** Live clusters' restore points; a declared cluster the scan did not read live is missing its evidence. */
export function auroraRestorePoints(ctx: EvidenceContext): DrillEvidence[] {
  return preferLive(ctx.snapshot.aws.rds.clusters, clusterId).map((c) => {
    const subject = `RDS cluster ${clusterId(c)}${c.region ? ` (${c.region})` : ''}`;
    if (originOf(c) !== 'live') {
      return evidence(c, subject, `${c.engine} declared in Terraform (automated backups kept ${c.backupRetentionPeriod} d)`, [],
        `RDS cluster ${clusterId(c)} is declared but was not read live: its restore point is known only to RDS (--aws)`);
    }
    return evidence(c, subject,
      `${c.engine} ${c.engineVersion}; ${c.latestRestorableTime ? `restorable to ${c.latestRestorableTime}` : 'RDS reports no latest restorable time'}; automated backups kept ${c.backupRetentionPeriod} d`,
      stamps(ctx.now, ['latest restorable time', c.latestRestorableTime || undefined]));
  });
}

/** Restores of each live cluster in CloudTrail's 90-day history (newest three). */
export function auroraRestoreDrills(ctx: EvidenceContext): DrillEvidence[] {
  return preferLive(ctx.snapshot.aws.rds.clusters, clusterId).filter((c) => originOf(c) === 'live')
    .map((c) => drillEvents(ctx, c, `RDS cluster ${clusterId(c)}`, c.restoreDrills, 'restoreDrills', "no restore in CloudTrail's 90-day event history"));
}

export function postgresBackups(ctx: EvidenceContext): DrillEvidence[] {
  return preferLive(ctx.snapshot.azure.postgres.flexibleServers, (s) => s.name.toLowerCase()).map((s) => evidence(s, `PostgreSQL flexible server ${s.name}`,
    `PostgreSQL ${s.version}${s.location ? ` in ${s.location}` : ''}; automated backups kept ${s.backup.backupRetentionDays} d, geo-redundant backup ${s.backup.geoRedundantBackup}`));
}

/** The pg_dump CronJobs the backup rules recognised. */
export function pgDumpRuns(ctx: EvidenceContext): DrillEvidence[] {
  return judgedObjects<Workload>(ctx, ['OOB-BKP-009', 'OOB-BKP-009.freshness'], 'CronJob').map((w) => evidence(w, `CronJob ${w.namespace}/${w.name}`,
    `"${w.schedule ?? ''}"${w.suspend ? ', suspended' : ''}`,
    stamps(ctx.now, ['last successful run', w.lastSuccessfulTime ?? undefined], ['last scheduled', w.lastScheduleTime ?? undefined]),
    w.lastSuccessfulTime === null && w.lastScheduleTime === null ? `CronJob ${w.namespace}/${w.name}: no run status among the inputs (read the live cluster, --kube)` : undefined));
}
