/**
 * `oobguard drill`, the pre-drill audit: GO on the AWS reference deployment as it stands on a
 * drill day (test/helpers/drill-dataset.ts), NO-GO naming what broke (a stale backup, an expired
 * certificate, a deleted failover record), unknown — never go — when evidence is missing or a
 * live source refuses a read, the JSON against schemas/drill.schema.json, and the command line:
 * exit codes, a saved snapshot, a live cluster through the real collector.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDrillJson } from '../reporters/drill-json.ts';
import { renderDrillMarkdown } from '../reporters/drill-markdown.ts';
import { CHECKLIST } from '../src/drill/checklist.ts';
import { drill } from '../src/drill/drill.ts';
import { DRILL_STATUSES, type DrillItem, type DrillResult } from '../src/drill/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { collect, loadConfig, run, type LiveCollections } from '../src/run.ts';
import { inTempDir, runCli } from './helpers/cli.ts';
import { liveDrillState, writeDrillFiles, type DrillTweaks } from './helpers/drill-dataset.ts';
import { emptyCluster, forbidden, makeCerts, meta, startKubeApiServer } from './helpers/k8s-api-server.ts';

const NOW = '2026-11-20T12:00:00.000Z';
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The dataset with its tweaks laid out in a fresh directory, and the live state of `now` built on its declarations. */
async function dataset(now: string, tweaks: DrillTweaks = {}): Promise<{ dir: string; live: LiveCollections }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'oobguard-drill-'));
  dirs.push(dir);
  await writeDrillFiles(dir, now, tweaks);
  const { config } = await loadConfig({ cwd: dir, paths: ['.'] });
  const { snapshot } = await collect({ cwd: dir, paths: ['.'] }, config, now);
  return { dir, live: liveDrillState(snapshot, now, tweaks) };
}

async function audit(tweaks: DrillTweaks = {}, extra: LiveCollections[] = [], withLive = true): Promise<DrillResult> {
  const { dir, live } = await dataset(NOW, tweaks);
  const { report, snapshot } = await run({ cwd: dir, paths: ['.'], now: NOW, liveCollections: [...(withLive ? [live] : []), ...extra] });
  return drill(report, snapshot);
}

const item = (r: DrillResult, id: string): DrillItem => {
  const found = r.steps.flatMap((s) => s.items).find((i) => i.id === id);
  if (!found) throw new Error(`no item ${id}`);
  return found;
};
const statuses = (r: DrillResult): Record<string, string> => Object.fromEntries(r.steps.flatMap((s) => s.items).map((i) => [i.id, i.status]));

const schema = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'schemas/drill.schema.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);
const schemaErrors = (data: unknown): string[] => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`));

const healthy = await audit();

describe('a healthy drill day', () => {
  it('is GO: every blocking item is go, with its evidence and timestamps', () => {
    expect(healthy.verdict).toBe('GO');
    expect(healthy.exitCode).toBe(0);
    expect(healthy.reasons).toEqual([]);
    expect(statuses(healthy)).toEqual({
      'inputs.read': 'go', 'dns.failover': 'go', 'dns.health-checks': 'go', 'dns.drill-history': 'go',
      'access.server': 'go', 'access.break-glass': 'go', 'access.idp': 'go', 'access.tls': 'go',
      'backups.velero': 'go', 'backups.aurora': 'go', 'backups.azure-postgres': 'not-applicable', 'backups.pg-dump': 'go',
      'restores.location': 'go', 'restores.velero': 'go', 'restores.aurora': 'go',
      'secrets.certificates': 'go', 'secrets.cloud-keys': 'not-applicable', 'secrets.mattermost-tokens': 'go', 'secrets.key-vault': 'not-applicable',
    });
    // The steps follow the guideline's drill: DNS switching, Mattermost access, data restores.
    expect(healthy.steps.map((s) => s.id)).toEqual(['inputs', 'dns', 'access', 'backups', 'restores', 'secrets']);
    // What Route 53's checkers see now, read live.
    const observed = item(healthy, 'dns.health-checks').evidence.filter((e) => e.origin === 'live').map((e) => e.detail);
    expect(observed).toEqual([expect.stringMatching(/; now healthy: 16 of 16 checkers see it up, last checked 2026-11-20T11:59:24Z$/)]);
    // The last successful backup per Schedule, aged against its interval.
    const daily = item(healthy, 'backups.velero').evidence.find((e) => e.subject === 'Schedule velero/mattermost-daily');
    expect(daily?.detail).toContain('every 24 h, so at most 48 h old');
    expect(daily?.detail).toContain('last successful backup mattermost-daily-20261120040000: Completed, 0 errors, 0 warnings');
    expect(daily?.timestamps[0]).toEqual({ label: 'last successful backup completed', at: '2026-11-20T04:00:00.000Z', ageHours: 8 });
    expect(daily?.source).toMatch(/^manifests\/velero\.yaml:\d+$/);
    // Failover records with TTLs; Aurora's restore point read live; the certificate's expiry.
    expect(item(healthy, 'dns.failover').evidence.map((e) => e.detail).join('\n')).toContain('→ ingress.oob.example.org; TTL 60 s');
    const aurora = item(healthy, 'backups.aurora').evidence;
    expect(aurora).toEqual([expect.objectContaining({ origin: 'live', subject: 'RDS cluster oob-aurora (eu-west-1)', timestamps: [expect.objectContaining({ label: 'latest restorable time', ageHours: 0.07 })] })]);
    const cert = item(healthy, 'secrets.certificates').evidence[0];
    expect(cert?.timestamps.find((t) => t.label === 'expires')?.at).toBe('2036-01-01T00:00:00.000Z');
    expect(item(healthy, 'access.break-glass').evidence[0]?.detail).toBe('1 active local system administrator: oob-breakglass-1 (MFA on); 1 system administrator in all');
    // The rules behind an item, counted.
    expect(item(healthy, 'secrets.certificates').rules).toEqual([expect.objectContaining({ ruleId: 'ZT-ENC-001.certificate', pass: 1, fail: 0 })]);
  });

  it('the Markdown sheet puts the verdict first, lists every item, and ends with a sign-off table', () => {
    const md = renderDrillMarkdown(healthy);
    expect(md.startsWith('# Pre-drill audit: GO\n\n> [!TIP]\n> **GO** — every blocking item is go.')).toBe(true);
    expect(md).toContain('| DNS switching | Failover DNS records are paired, point at the OOB ingress, switch fast and live outside the primary (`dns.failover`) | blocking | ✅ go |');
    expect(md).toContain('| Backups to restore from | Azure PostgreSQL keeps geo-redundant backups (`backups.azure-postgres`) | blocking | ➖ n/a |');
    expect(md).toContain('last successful backup completed: 2026-11-20T04:00:00.000Z (8 h ago)');
    expect(md).toContain('expires: 2036-01-01T00:00:00.000Z (in 3329 d)');
    expect(md).toContain('**Blocking** items decide the verdict');
    expect(md).toMatch(/## Sign-off\n\noobguard's verdict: \*\*GO\*\*/);
  });

  it('never carries a secret: the placeholders of the DSN and OpenID secret stay out of both formats', () => {
    for (const out of [renderDrillJson(healthy), renderDrillMarkdown(healthy)]) {
      expect(out).not.toContain('example-placeholder');
      expect(out).not.toContain('BEGIN CERTIFICATE');
    }
  });
});

describe('NO-GO names what broke', () => {
  it('a stale backup: the daily Schedule last completed 80 h ago', async () => {
    const r = await audit({ staleBackup: true });
    expect(r.verdict).toBe('NO-GO');
    expect(r.exitCode).toBe(1);
    expect(r.incomplete).toBe(false);
    expect(item(r, 'backups.velero').status).toBe('no-go');
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]).toMatch(/^\[no-go\] backups\.velero: OOB-DR-001: newest finished backup mattermost-daily-20261117040000 of Schedule mattermost-daily completed 2026-11-17T04:00:00Z, more than two schedule intervals \(48 h\) before the scan \(manifests\/cluster-export\.yaml:\d+\)/);
    expect(item(r, 'backups.velero').evidence.find((e) => e.subject === 'Schedule velero/mattermost-daily')?.timestamps[0]).toMatchObject({ ageHours: 80 });
    const md = renderDrillMarkdown(r);
    expect(md).toContain('# Pre-drill audit: NO-GO\n\n> [!CAUTION]\n> **NO-GO** — 1 blocking item is not go:\n> - **no-go** `backups.velero`');
  });

  it('an expired certificate', async () => {
    const r = await audit({ expiredCert: true });
    expect(r.verdict).toBe('NO-GO');
    expect(r.exitCode).toBe(1);
    expect(item(r, 'secrets.certificates').reasons).toEqual([expect.stringMatching(/^ZT-ENC-001\.certificate: Secret chat-oob-tls: certificate CN=chat\.oob\.example\.org is valid from 2026-05-01T00:00:00\.000Z to 2026-08-01T00:00:00\.000Z \(expired\)/)]);
    expect(item(r, 'secrets.certificates').evidence[0]?.timestamps.find((t) => t.label === 'expires')).toEqual({ label: 'expires', at: '2026-08-01T00:00:00.000Z', ageHours: 2676 });
    expect(Object.entries(statuses(r)).filter(([, s]) => s === 'no-go').map(([id]) => id)).toEqual(['secrets.certificates']);
  });

  it('a missing failover record: the PRIMARY has no SECONDARY to switch to', async () => {
    const r = await audit({ noSecondary: true });
    expect(r.verdict).toBe('NO-GO');
    const dns = item(r, 'dns.failover');
    expect(dns.status).toBe('no-go');
    expect(dns.reasons).toContain('OOB-DNS-001.pair: PRIMARY failover record chat.oob.example.org (CNAME) has no SECONDARY record with the same name and type in zone oob.example.org (terraform/dns.tf:37)');
    expect(dns.evidence.map((e) => e.subject)).toEqual(['Route 53 chat.oob.example.org CNAME (PRIMARY, set primary)']);
  });
});

describe('the primary\'s health check now', () => {
  it('UNHEALTHY is no-go (the records already answer with their partner); a denied status is unknown, naming the permission', async () => {
    const down = await audit({ primaryHealth: 'down' });
    expect(down.verdict).toBe('NO-GO');
    expect(item(down, 'dns.health-checks').status).toBe('no-go');
    expect(item(down, 'dns.health-checks').reasons).toEqual([expect.stringContaining('is UNHEALTHY now (1 of 16 checkers see chat.corp.example.com up)')]);
    const denied = await audit({ primaryHealth: 'denied' });
    expect(denied.exitCode).toBe(2);
    expect(item(denied, 'dns.health-checks').status).toBe('unknown');
    expect(item(denied, 'dns.health-checks').reasons).toEqual([expect.stringContaining('needs route53:GetHealthCheckStatus')]);
  });
});

describe('unknown is not go', () => {
  it('manifests and Terraform alone: every item that needs live evidence is unknown, and says what to read (exit 2)', async () => {
    const { report, snapshot } = await run({ cwd: PACKAGE_ROOT, paths: ['examples/aws/hardened'], now: NOW });
    const r = drill(report, snapshot);
    expect(r.verdict).toBe('NO-GO');
    expect(r.incomplete).toBe(true);
    expect(r.exitCode).toBe(2);
    expect(r.reasons.map((x) => x.split(':')[0])).toEqual([
      '[unknown] access.server', '[unknown] access.break-glass', '[unknown] access.idp', '[unknown] backups.velero',
      '[unknown] backups.aurora', '[unknown] restores.location',
    ]);
    expect(item(r, 'backups.velero').reasons).toEqual(['no finished Velero Backup among the inputs, so no successful backup is shown (manifests from git have none): read the live cluster (--kube) or add an export of the objects (kubectl get -o yaml)']);
    expect(item(r, 'backups.aurora').reasons).toEqual(['RDS cluster oob-aurora is declared but was not read live: its restore point is known only to RDS (--aws)']);
    expect(item(r, 'access.server').reasons).toEqual(['the live Mattermost server was not read: give --mattermost-url (token in OOBGUARD_MATTERMOST_TOKEN)']);
    // What the files do show is still judged: the failover record, and the certificate the example's
    // TLS Secret carries (valid until 2045, for chat.oob.example.org).
    expect(item(r, 'dns.failover').status).toBe('go');
    expect(item(r, 'secrets.certificates').status).toBe('go');
  });

  it('a live source that refuses a read makes the items on it unknown, naming the call, the error and the permission', async () => {
    const denied: LiveCollections = {
      coverage: [{
        source: 'kubernetes', scope: 'oob-eks', calls: 24, failedCalls: 1,
        gaps: [{ collection: 'k8s.velero.backups', scope: 'velero', api: 'GET /apis/velero.io/v1/namespaces/velero/backups', error: 'HTTP 403 Forbidden', permission: 'list backups.velero.io' }],
      }],
    };
    const r = await audit({ noBackups: true }, [denied]);
    expect(r.exitCode).toBe(2);
    const velero = item(r, 'backups.velero');
    expect(velero.status).toBe('unknown');
    expect(velero.reasons[0]).toBe('k8s.velero.backups could not be read from kubernetes oob-eks (velero): GET /apis/velero.io/v1/namespaces/velero/backups failed: HTTP 403 Forbidden — needs list backups.velero.io');
    // The Restores could be listed, and there are none: that much is known.
    expect(item(r, 'restores.velero').status).toBe('no-go');
    expect(r.reasons).toEqual([expect.stringMatching(/^\[unknown\] backups\.velero: k8s\.velero\.backups could not be read/)]);
    expect(item(r, 'inputs.read').evidence.find((e) => e.origin === 'live')?.detail).toBe('23 of 24 API calls succeeded; not read: k8s.velero.backups (velero)');
    expect(renderDrillMarkdown(r)).toContain('1 blocking item is not go; it is unknown because the inputs were incomplete (exit code 2)');
  });

  it('a live server that reports a failure is no-go; one that does not say is unknown', async () => {
    const { dir, live } = await dataset(NOW);
    const servers = live.mattermost?.servers ?? [];
    const judged = async (status: string | null) => {
      const mm = { ...live, mattermost: { ...live.mattermost, servers: servers.map((s) => ({ ...s, status })) } };
      const { report, snapshot } = await run({ cwd: dir, paths: ['.'], now: NOW, liveCollections: [mm] });
      return item(drill(report, snapshot), 'access.server');
    };
    expect(await judged('UNHEALTHY')).toMatchObject({ status: 'no-go', reasons: ['chat.oob.example.org reports status UNHEALTHY'] });
    expect((await judged(null)).status).toBe('unknown');
  });
});

describe('the JSON output', () => {
  it('validates against schemas/drill.schema.json whatever the verdict', async () => {
    const stale = await audit({ staleBackup: true });
    const filesOnly = await audit({}, [], false);
    for (const r of [healthy, stale, filesOnly]) expect(schemaErrors(JSON.parse(renderDrillJson(r)))).toEqual([]);
    const schemaStatuses = ((schema['definitions'] as Record<string, { enum?: unknown[] }>)['status']?.enum ?? []);
    expect(schemaStatuses).toEqual([...DRILL_STATUSES]);
  });

  it('the schema rejects a GO with a blocking reason, and an item that is go with reasons', () => {
    const json = JSON.parse(renderDrillJson(healthy)) as DrillResult;
    expect(schemaErrors({ ...json, reasons: ['[no-go] x.y: z'] }).length).toBeGreaterThan(0);
    const broken = structuredClone(json);
    broken.steps[0]!.items[0]!.reasons = ['something'];
    expect(schemaErrors(broken).length).toBeGreaterThan(0);
  });
});

describe('docs/drill.md', () => {
  it('describes every checklist item, says whether it blocks, and links every rule behind it', async () => {
    const doc = await readFile(path.join(PACKAGE_ROOT, 'docs/drill.md'), 'utf8');
    for (const spec of CHECKLIST) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${spec.id}\` |`));
      expect(row, spec.id).toBeDefined();
      expect(row).toContain(spec.blocking ? '| **blocking** |' : '| advisory |');
      for (const rule of spec.rules) expect(row).toContain(`[${rule}](rules/${rule}.md)`);
    }
  });
});

describe('oobguard drill on the command line', () => {
  it('audits a saved snapshot: GO exits 0, NO-GO exits 1, and --output writes the sheet', async () => {
    const now = new Date().toISOString();
    for (const [tweaks, code, verdict] of [[{}, 0, 'GO'], [{ expiredCert: true }, 1, 'NO-GO']] as const) {
      const { dir, live } = await dataset(now, tweaks);
      const { config } = await loadConfig({ cwd: dir, paths: ['.'] });
      const { snapshot } = await collect({ cwd: dir, paths: ['.'], liveCollections: [live] }, config, now);
      await writeFile(path.join(dir, 'snapshot.json'), JSON.stringify(snapshot));
      const r = await runCli(['drill', '--snapshot', 'snapshot.json', '--config', '.oobguard.yaml', '--format', 'json', '-o', 'drill.json'], { cwd: dir });
      expect(r.stderr).toBe(`oobguard: ${verdict}: drill checklist written to drill.json\n`);
      expect(r.code).toBe(code);
      const written = JSON.parse(await readFile(path.join(dir, 'drill.json'), 'utf8')) as DrillResult;
      expect(written.verdict).toBe(verdict);
      expect(written.collectedAt).toBe(now);
      expect(schemaErrors(written)).toEqual([]);
      const md = await runCli(['drill', '--snapshot', 'snapshot.json', '--config', '.oobguard.yaml'], { cwd: dir });
      expect(md.code).toBe(code);
      expect(md.stdout.startsWith(`# Pre-drill audit: ${verdict}\n`)).toBe(true);
    }
  });

  it('paths like scan: exit 2 when inputs are incomplete, naming the unknown items', async () => {
    const r = await runCli(['drill', 'examples/aws/hardened', '--format', 'json'], { cwd: PACKAGE_ROOT });
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as DrillResult;
    expect(out.incomplete).toBe(true);
    expect(out.reasons).toContain('[unknown] backups.velero: no finished Velero Backup among the inputs, so no successful backup is shown (manifests from git have none): read the live cluster (--kube) or add an export of the objects (kubectl get -o yaml)');
  });

  it('usage errors exit 3', async () => {
    await inTempDir(async (dir) => {
      const none = await runCli(['drill'], { cwd: dir });
      expect(none.code).toBe(3);
      expect(none.stderr).toContain('oobguard drill: give at least one path, "-" for stdin, or a live source (--kube, --aws, --azure, --mattermost-url), or --snapshot FILE');
      const table = await runCli(['drill', '.', '--format', 'table'], { cwd: dir });
      expect(table.code).toBe(3);
      expect(table.stderr).toContain('--format must be markdown or json (got "table")');
      const both = await runCli(['drill', '--snapshot', 's.json', '.'], { cwd: dir });
      expect(both.code).toBe(3);
      expect(both.stderr).toContain('--snapshot audits a saved snapshot: give it alone');
      const scan = await runCli(['scan', '.', '--snapshot', 's.json'], { cwd: dir });
      expect(scan.code).toBe(3);
      const missing = await runCli(['drill', '--snapshot', 'nope.json'], { cwd: dir });
      expect(missing.code).toBe(3);
      expect(missing.stderr).toBe('oobguard drill: nope.json: cannot read the snapshot (ENOENT)\n');
    });
  });

  it('a live cluster that refuses to list Velero Backups: the real collector records the gap, the drill names it (exit 2)', async () => {
    const kube = await startKubeApiServer({
      certs: makeCerts(),
      resources: {
        ...emptyCluster(),
        '/v1/namespaces': { kind: 'Namespace', items: [{ metadata: meta(null, 'mattermost') }, { metadata: meta(null, 'velero') }] },
        'installation.mattermost.com/v1beta1/mattermosts': { kind: 'Mattermost', items: [{ metadata: meta('mattermost', 'oob-chat'), spec: { version: '10.5.2' } }] },
        'velero.io/v1/schedules': {
          kind: 'Schedule',
          items: [{ metadata: meta('velero', 'mattermost-daily'), spec: { schedule: '0 2 * * *', template: { includedNamespaces: ['mattermost'] } }, status: { phase: 'Enabled', lastBackup: new Date(Date.now() - 36e6).toISOString() } }],
        },
        'velero.io/v1/backups': { kind: 'Backup', items: [] }, 'velero.io/v1/restores': { kind: 'Restore', items: [] },
        'velero.io/v1/backupstoragelocations': { kind: 'BackupStorageLocation', items: [] },
      },
      override: (req) => (req.path === '/apis/velero.io/v1/backups' ? forbidden('backups', 'velero.io', null) : undefined),
    });
    try {
      await inTempDir(async (dir) => {
        await writeFile(path.join(dir, 'kubeconfig'), kube.kubeconfig());
        const r = await runCli(['drill', '--kubeconfig', 'kubeconfig', '--format', 'json'], { cwd: dir });
        expect(r.code).toBe(2);
        const out = JSON.parse(r.stdout) as DrillResult;
        const velero = item(out, 'backups.velero');
        expect(velero.status).toBe('unknown');
        expect(velero.reasons[0]).toMatch(/^k8s\.velero\.backups could not be read from kubernetes .*GET \/apis\/velero\.io\/v1\/backups failed: .*403.* — needs list backups\.velero\.io/);
        expect(out.coverage).toEqual([expect.objectContaining({ source: 'kubernetes', failedCalls: 1 })]);
        expect(schemaErrors(out)).toEqual([]);
      });
    } finally {
      await kube.close();
    }
  });
});
