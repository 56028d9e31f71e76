/**
 * The pre-drill checklist: which items there are, in the order of the OOB guideline's drill
 * ("DNS switching, Mattermost access, and data restores"), preceded by the inputs and followed by
 * secrets and certificates. Each item names the built-in rules that already judge it (their
 * results decide it), the model collections it depends on (a coverage gap there makes it
 * unknown), and the evidence shown with it. The drill judges only what no rule does: whether the
 * live server answers, and whether the evidence is there at all.
 *
 * Blocking items are the ones without which the drill cannot be run safely or cannot succeed: a
 * fresh restore point and a place to restore it from, DNS that can switch, a way into Mattermost
 * and a certificate clients accept. Advisory items are the drill's history (the drill itself
 * renews it) and credential hygiene.
 */
import type { Snapshot } from '../model/snapshot.ts';
import type { DrillEvidence, DrillStepId } from './types.ts';
import type { EvidenceContext } from './evidence.ts';
import { auroraRestoreDrills, auroraRestorePoints, pgDumpRuns, postgresBackups, veleroLocations, veleroRestores, veleroSchedules } from './evidence-recovery.ts';
import { failoverDns, failoverDrills, healthChecks } from './evidence-dns.ts';
import { breakGlassAccounts, identityProviders, ingressTls, mattermostServers } from './evidence-access.ts';
import { accessTokens, certificates, cloudKeys, keyVaultKeys } from './evidence-secrets.ts';
import { inputsRead } from './evidence.ts';

/** A verdict the drill reaches itself, where no rule judges. */
export interface OwnCheck {
  status: 'go' | 'no-go' | 'unknown';
  reason: string;
}

export interface ItemSpec {
  id: string;
  step: DrillStepId;
  title: string;
  blocking: boolean;
  checks: string;
  /** Rule ids whose results decide the item. */
  rules: readonly string[];
  /** At least one result of these rules is needed; without one the item is unknown for `missing`. */
  required?: { rules: readonly string[]; missing: string };
  /** Model collections the item reads (a coverage gap on one makes it unknown). */
  collections: readonly string[];
  /** Absent: always applies. Otherwise the item is not applicable unless this holds, a rule judged it, or a source it reads failed. */
  applies?: (s: Snapshot) => boolean;
  notApplicable?: string;
  evidence?: (ctx: EvidenceContext) => DrillEvidence[];
  own?: (ctx: EvidenceContext) => OwnCheck[];
  /** Facts the model does not hold, said every time the item applies. */
  notes?: readonly string[];
}

export const STEP_TITLES: Record<DrillStepId, string> = {
  inputs: 'Inputs and coverage',
  dns: 'DNS switching',
  access: 'Mattermost access',
  backups: 'Backups to restore from',
  restores: 'Data restores',
  secrets: 'Secrets and certificates',
};

const LIVE_CLUSTER = 'read the live cluster (--kube) or add an export of the objects (kubectl get -o yaml)';

export const CHECKLIST: readonly ItemSpec[] = [
  {
    id: 'inputs.read', step: 'inputs', blocking: true,
    title: 'Every input was read and every rule evaluated',
    checks: 'No input, configuration or rule error, and every live source at or above --min-coverage. A source that could not be read in part makes the items that depend on it unknown (each says which).',
    rules: [],
    collections: [],
    evidence: inputsRead,
    own: (ctx) => {
      const errors = ctx.report.diagnostics.filter((d) => d.severity === 'error');
      return errors.length === 0
        ? [{ status: 'go', reason: 'no input, configuration or rule error' }]
        : errors.map((d): OwnCheck => ({ status: 'unknown', reason: `${d.message}${d.hint ? ` (${d.hint})` : ''}` }));
    },
  },
  {
    id: 'dns.failover', step: 'dns', blocking: true,
    title: 'Failover DNS records are paired, point at the OOB ingress, switch fast and live outside the primary',
    checks: 'Route 53 failover records come in PRIMARY/SECONDARY pairs, the SECONDARY points at the OOB ingress, the PRIMARY is health-checked, TTLs are 60 s or less, and the zone is not in a primary account; or Traffic Manager fails over by priority to the OOB endpoint with a fast probe and a short TTL, outside the primary subscription.',
    rules: ['OOB-DNS-001.pair', 'OOB-DNS-001.secondary', 'OOB-DNS-002.route53', 'OOB-DNS-003.route53', 'OOB-DNS-008.route53',
      'OOB-DNS-005', 'OOB-DNS-006', 'OOB-DNS-006.records', 'OOB-DNS-007', 'OOB-DNS-008.azure', 'OOB-DNS-008.azure-zone'],
    required: {
      rules: ['OOB-DNS-001.pair', 'OOB-DNS-005', 'OOB-DNS-007'],
      missing: 'no Route 53 failover record and no Traffic Manager profile among the inputs: scan the DNS Terraform, or read the account (--aws) or subscription (--azure) that holds it',
    },
    collections: ['aws.route53.records', 'aws.route53.zones', 'azure.trafficManager.profiles', 'azure.dns.records', 'azure.dns.zones'],
    evidence: failoverDns,
  },
  {
    id: 'dns.health-checks', step: 'dns', blocking: true,
    title: 'Route 53 health checks probe the primary quickly and are live',
    checks: 'Every Route 53 health check probes an HTTP(S) or TCP endpoint at a short interval and is neither disabled nor inverted (an inverted check is a drill left running).',
    rules: ['OOB-DNS-004.route53'],
    required: { rules: ['OOB-DNS-004.route53'], missing: 'the PRIMARY failover records name health checks that are not among the inputs' },
    collections: ['aws.route53.healthChecks'],
    applies: (s) => s.aws.route53.healthChecks.length > 0 || s.aws.route53.records.some((r) => r.failover === 'PRIMARY' && r.healthCheckId !== ''),
    notApplicable: 'no Route 53 health check among the inputs (Traffic Manager probes are part of dns.failover)',
    evidence: healthChecks,
    // Read live: the drill starts from a healthy PRIMARY, so an unhealthy check now is no-go, and one whose status could not be read unknown.
    own: (ctx) => ctx.snapshot.aws.route53.healthChecks.filter((h) => h.origin === 'live' && h.type !== 'CALCULATED').map((h): OwnCheck => {
      const o = h.observedStatus;
      if (o === null) return { status: 'unknown', reason: `whether Route 53's checkers see health check ${h.healthCheckId} healthy is not known: ${h.unknown?.['observedStatus'] ?? 'GetHealthCheckStatus was not read'}` };
      return o.healthy
        ? { status: 'go', reason: `health check ${h.healthCheckId} is healthy now (${o.checkersHealthy} of ${o.checkersReporting} checkers)` }
        : { status: 'no-go', reason: `health check ${h.healthCheckId} is UNHEALTHY now (${o.checkersHealthy} of ${o.checkersReporting} checkers see ${h.fullyQualifiedDomainName || h.ipAddress || 'it'} up): the records using it already answer with their failover partner — start the drill from a healthy PRIMARY` };
    }),
    notes: ["From Terraform only a health check's configuration is known; read the account (--aws) to see whether Route 53's checkers see it healthy now — the drill starts from a healthy PRIMARY."],
  },
  {
    id: 'dns.drill-history', step: 'dns', blocking: false,
    title: 'DNS failover was exercised this quarter',
    checks: "CloudTrail's 90-day history shows the PRIMARY record's health check inverted or disabled, or the record changed, within 92 days.",
    rules: ['OOB-DR-004.route53'],
    required: { rules: ['OOB-DR-004.route53'], missing: "failover exercises are in CloudTrail's event history, read live only (--aws)" },
    collections: ['aws.route53.records'],
    applies: (s) => s.aws.route53.records.some((r) => r.failover === 'PRIMARY'),
    notApplicable: 'no Route 53 PRIMARY failover record among the inputs',
    evidence: failoverDrills,
  },
  {
    id: 'access.server', step: 'access', blocking: true,
    title: 'The OOB Mattermost server answers and reports itself healthy',
    checks: 'The live server answers the API with the scanner\'s token and its health check (GET /api/v4/system/ping) reports OK.',
    rules: [],
    collections: ['mattermost.servers'],
    evidence: mattermostServers,
    own: (ctx) => {
      const servers = ctx.snapshot.mattermost.servers;
      if (servers.length === 0) return [{ status: 'unknown', reason: 'the live Mattermost server was not read: give --mattermost-url (token in OOBGUARD_MATTERMOST_TOKEN)' }];
      return servers.map((s): OwnCheck => (s.status === 'OK'
        ? { status: 'go', reason: `${s.server} reports OK` }
        : s.status === null
          ? { status: 'unknown', reason: `${s.server} did not report its status (GET /api/v4/system/ping?get_server_status=true)${s.unknown?.['status'] ? `: ${s.unknown['status']}` : ''}` }
          : { status: 'no-go', reason: `${s.server} reports status ${s.status}` }));
    },
  },
  {
    id: 'access.break-glass', step: 'access', blocking: true,
    title: 'Break-glass local administrators exist, few, all with MFA',
    checks: 'At least one and at most a few active local (email/password) system administrators, each with MFA enrolled, so the OOB Mattermost can be administered when the secondary IdP fails too; and local accounts can enrol in MFA.',
    rules: ['OOB-AC-003.server', 'OOB-AC-003'],
    required: { rules: ['OOB-AC-003.server'], missing: 'the accounts are read from the live server only: give --mattermost-url' },
    collections: ['mattermost.users', 'mattermost.servers', 'mattermost.configs'],
    evidence: breakGlassAccounts,
  },
  {
    id: 'access.idp', step: 'access', blocking: true,
    title: 'Responders sign in without the primary identity provider',
    checks: "Mattermost's sign-in does not depend on the primary IdP; with Entra ID, sign-in is pinned to the OOB tenant, Mattermost's app is registered there, and (where the tenant was read) the IR roster's accounts are enabled and registered for MFA.",
    rules: ['OOB-AC-001', 'OOB-AC-001.entra-tenant', 'OOB-AC-001.entra-app', 'OOB-AC-005.entra', 'ZT-MFA-003.roster'],
    required: { rules: ['OOB-AC-001'], missing: "Mattermost's configuration is not among the inputs (config.json, the Operator's env, or the live server)" },
    collections: ['mattermost.configs', 'azure.entra.organizations', 'azure.entra.applications', 'azure.entra.users', 'azure.entra.userRegistrationDetails'],
    evidence: identityProviders,
    own: (ctx) => {
      const entraSignIn = ctx.report.findings.some((f) => f.ruleId === 'OOB-AC-001.entra-tenant');
      return entraSignIn && ctx.snapshot.azure.entra.organizations.length === 0
        ? [{ status: 'unknown', reason: 'Mattermost signs in through Entra ID, but the OOB tenant was not read: give --azure --tenant <OOB tenant id> so the roster\'s accounts and the app registration are checked' }]
        : [];
    },
  },
  {
    id: 'access.tls', step: 'access', blocking: true,
    title: 'Mattermost is served over TLS',
    checks: 'Every ingress host of Mattermost is served over TLS with a real certificate Secret, the Operator is told to configure TLS, and the Site URL is https.',
    rules: ['ZT-ENC-001.ingress', 'ZT-ENC-001.operator', 'ZT-ENC-001.siteurl'],
    required: { rules: ['ZT-ENC-001.ingress', 'ZT-ENC-001.operator', 'ZT-ENC-001.siteurl'], missing: 'no Ingress, Mattermost resource or configuration among the inputs' },
    collections: ['k8s.ingresses', 'k8s.mattermosts', 'mattermost.configs'],
    evidence: ingressTls,
  },
  {
    id: 'backups.velero', step: 'backups', blocking: true,
    title: 'Every Velero Schedule has a recent successful backup',
    checks: 'Every Mattermost namespace is backed up by an active Velero Schedule, including its volumes; the newest finished backup of each Schedule completed without errors within two schedule intervals; Velero reports the Schedules Enabled and starting backups on time.',
    rules: ['OOB-DR-001', 'OOB-DR-001.errors', 'OOB-DR-001.schedule', 'OOB-BKP-001', 'OOB-BKP-001.status', 'OOB-BKP-001.schedule', 'OOB-BKP-001.volumes'],
    required: { rules: ['OOB-DR-001'], missing: `no finished Velero Backup among the inputs, so no successful backup is shown (manifests from git have none): ${LIVE_CLUSTER}` },
    collections: ['k8s.velero.schedules', 'k8s.velero.backups', 'k8s.namespaces', 'k8s.mattermosts'],
    evidence: veleroSchedules,
  },
  {
    id: 'backups.aurora', step: 'backups', blocking: true,
    title: 'Aurora can be restored to within the RPO',
    checks: "Each Aurora cluster's latest restorable time lies within the RPO (15 minutes by default) of the audit.",
    rules: ['OOB-DR-003.aurora-rpo'],
    required: { rules: ['OOB-DR-003.aurora-rpo'], missing: 'the restore point is known only to RDS: read the account live (--aws)' },
    collections: ['aws.rds.clusters'],
    applies: (s) => s.aws.rds.clusters.length > 0,
    notApplicable: 'no RDS cluster among the inputs',
    evidence: auroraRestorePoints,
  },
  {
    id: 'backups.azure-postgres', step: 'backups', blocking: true,
    title: 'Azure PostgreSQL keeps geo-redundant backups',
    checks: 'Each Azure Database for PostgreSQL flexible server keeps at least two weeks of geo-redundant automated backups.',
    rules: ['OOB-BKP-008'],
    collections: ['azure.postgres.flexibleServers'],
    applies: (s) => s.azure.postgres.flexibleServers.length > 0,
    notApplicable: 'no Azure PostgreSQL flexible server among the inputs',
    evidence: postgresBackups,
    notes: ['The time of the newest automated backup is not in the model (Azure takes them daily and shows the earliest restore point in the portal): look at it before the drill.'],
  },
  {
    id: 'backups.pg-dump', step: 'backups', blocking: false,
    title: 'The pg_dump CronJob runs daily and succeeded recently',
    checks: 'A pg_dump CronJob runs at least daily, is not suspended, and (with its live status) succeeded within two intervals.',
    rules: ['OOB-BKP-009', 'OOB-BKP-009.freshness'],
    collections: ['k8s.workloads'],
    applies: () => false,
    notApplicable: 'no pg_dump CronJob among the inputs',
    evidence: pgDumpRuns,
  },
  {
    id: 'restores.location', step: 'restores', blocking: true,
    title: 'Velero can restore: its storage locations are Available, with a read-only replica',
    checks: 'Velero storage locations point at an object store and report Available, validated recently; a read-only location reads the replicated backup copy and has synced its backup list.',
    rules: ['OOB-BKP-003', 'OOB-BKP-003.status', 'OOB-DR-006', 'OOB-DR-006.sync'],
    required: { rules: ['OOB-BKP-003.status'], missing: `whether Velero can reach its storage is in the locations' status, which manifests from git do not have: ${LIVE_CLUSTER}` },
    collections: ['k8s.velero.storageLocations'],
    evidence: veleroLocations,
  },
  {
    id: 'restores.velero', step: 'restores', blocking: false,
    title: 'A Velero restore of each Mattermost namespace completed this quarter',
    checks: 'A Restore of each Mattermost namespace completed without errors within 92 days. Advisory: the drill is what renews it.',
    rules: ['OOB-DR-002'],
    required: { rules: ['OOB-DR-002'], missing: `no Velero Backup, Restore or Schedule status among the inputs: ${LIVE_CLUSTER}` },
    collections: ['k8s.velero.restores', 'k8s.velero.backups', 'k8s.namespaces'],
    evidence: veleroRestores,
  },
  {
    id: 'restores.aurora', step: 'restores', blocking: false,
    title: 'Each Aurora cluster was restored this quarter',
    checks: "CloudTrail's 90-day history shows a successful point-in-time or snapshot restore of each cluster within 92 days. Advisory: the drill is what renews it.",
    rules: ['OOB-DR-003.aurora'],
    required: { rules: ['OOB-DR-003.aurora'], missing: "restores are in CloudTrail's event history, read live only (--aws)" },
    collections: ['aws.rds.clusters'],
    applies: (s) => s.aws.rds.clusters.length > 0,
    notApplicable: 'no RDS cluster among the inputs',
    evidence: auroraRestoreDrills,
  },
  {
    id: 'secrets.certificates', step: 'secrets', blocking: true,
    title: "Mattermost's TLS certificates are valid, not expiring, and cover their hosts",
    checks: 'The certificate of every Mattermost ingress host is valid now and for at least 14 more days, names every host it serves, and is not self-signed.',
    rules: ['ZT-ENC-001.certificate'],
    required: { rules: ['ZT-ENC-001.certificate'], missing: `no certificate of a Mattermost ingress host among the inputs (its Secret's tls.crt is empty in git, or no Ingress names it): ${LIVE_CLUSTER}` },
    collections: ['k8s.secrets', 'k8s.ingresses'],
    evidence: certificates,
  },
  {
    id: 'secrets.cloud-keys', step: 'secrets', blocking: false,
    title: 'Static cloud keys are rotated within 90 days and in use',
    checks: 'Active IAM access keys were created within 90 days and used within 45; static keys Velero or the file store read from Kubernetes Secrets were rotated within 90 days.',
    rules: ['OOB-SEC-001.iam-access-keys', 'OOB-SEC-001.k8s'],
    collections: ['aws.iam.users', 'k8s.secrets'],
    applies: (s) => s.aws.iam.users.some((u) => u.origin === 'live' && u.accessKeys.some((k) => k.status === 'Active')),
    notApplicable: 'no static cloud key among the inputs',
    evidence: cloudKeys,
  },
  {
    id: 'secrets.mattermost-tokens', step: 'secrets', blocking: false,
    title: 'Personal access tokens belong to automation and expire',
    checks: 'Every active personal access token belongs to a declared automation account and expires within 90 days.',
    rules: ['ZT-IAM-010.tokens'],
    collections: ['mattermost.accessTokens'],
    applies: (s) => s.mattermost.accessTokens.some((t) => t.isActive),
    notApplicable: 'no active personal access token among the inputs',
    evidence: accessTokens,
  },
  {
    id: 'secrets.key-vault', step: 'secrets', blocking: false,
    title: 'Key Vault keys rotate automatically',
    checks: 'Every Key Vault key has a rotation policy with an automatic rotation.',
    rules: ['OOB-SEC-003.key-vault-key'],
    collections: ['azure.keyVaults.keys'],
    applies: (s) => s.azure.keyVaults.keys.length > 0,
    notApplicable: 'no Key Vault key among the inputs',
    evidence: keyVaultKeys,
  },
];
