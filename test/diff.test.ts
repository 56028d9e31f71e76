/**
 * Changes between two results: `scan --previous` shows them, `scan --baseline` also gates only on
 * what is new, `oobguard diff OLD NEW` prints them. Findings are matched by rule and resource, so
 * moving a resource in its file (every line shifted) changes nothing; either side may be a JSON
 * report or a snapshot.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/engine/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { inTempDir, runCli } from './helpers/cli.ts';

const INSECURE = path.join(PACKAGE_ROOT, 'examples/insecure');
const schema = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'schemas/report.schema.json'), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

/** The example after a change: MFA switched on and enforced (fixes), plugins — and Playbooks — switched off (a regression), and five lines on top of the Velero manifests (every line moves). */
async function changeExample(dir: string): Promise<void> {
  const cfg = path.join(dir, 'ex/mattermost/config.json');
  const json = JSON.parse(await readFile(cfg, 'utf8')) as { ServiceSettings: Record<string, unknown> };
  json.ServiceSettings['EnableMultifactorAuthentication'] = true;
  json.ServiceSettings['EnforceMultifactorAuthentication'] = true;
  // A regression: plugins switched off, and with them Playbooks, the incident runbooks.
  const plugins = (json as Record<string, Record<string, unknown>>)['PluginSettings'] ?? {};
  (json as Record<string, Record<string, unknown>>)['PluginSettings'] = { ...plugins, Enable: false };
  await writeFile(cfg, JSON.stringify(json, null, 2));
  const m = path.join(dir, 'ex/manifests/velero.yaml');
  await writeFile(m, `# moved down\n\n\n\n\n${await readFile(m, 'utf8')}`);
}

async function json(dir: string, args: string[]): Promise<{ code: number; report: Report; stderr: string }> {
  const r = await runCli(['scan', 'ex', '--format', 'json', ...args], { cwd: dir });
  return { code: r.code, report: JSON.parse(r.stdout) as Report, stderr: r.stderr };
}

describe('scan --previous / --baseline', () => {
  it('matches findings by identity: moved lines are not new, a fix is fixed, a regression is new — and only the regression gates', async () => {
    await inTempDir(async (dir) => {
      const before = await json(dir, []);
      expect(before.code).toBe(2);
      await writeFile(path.join(dir, 'before.json'), JSON.stringify(before.report));
      await changeExample(dir);

      const prev = await json(dir, ['--previous', 'before.json']);
      const c = prev.report.changes!;
      expect(c.against).toBe('before.json');
      expect(c.newFailures.map((f) => f.ruleId)).toEqual(['ZT-IR-001.config']);
      expect(c.fixed.map((f) => f.ruleId)).toContain('ZT-MFA-001');
      // Every Velero finding moved five lines down and is still the same finding.
      expect([...c.newFailures, ...c.fixed].some((f) => f.where.includes('velero.yaml'))).toBe(false);
      expect(c.stillFailing).toBe(prev.report.summary.byStatus.fail - 1);
      // --previous only shows: the exit code is the whole report's.
      expect(prev.code).toBe(2);
      expect(prev.report.baseline).toBeUndefined();
      expect(validate(prev.report), JSON.stringify(validate.errors)).toBe(true);

      const base = await json(dir, ['--baseline', 'before.json']);
      expect(base.report.baseline).toEqual({ file: 'before.json', scannedAt: before.report.scannedAt });
      // The failures the baseline had do not gate; the new one does — and the example's unknown
      // still makes the result incomplete (exit 2): unknown is never exempted by a baseline.
      expect(base.report.findings.filter((f) => f.baseline === 'new').map((f) => [f.ruleId, f.status])).toEqual([['ZT-IR-001.config', 'fail']]);
      expect(base.report.findings.filter((f) => f.status === 'unknown').map((f) => f.baseline)).toEqual(['existing']);
      expect(base.code).toBe(2);
      expect((await json(dir, ['--baseline', 'before.json', '--fail-on', 'critical'])).code).toBe(0);
      expect(validate(base.report), JSON.stringify(validate.errors)).toBe(true);

      const md = await runCli(['scan', 'ex', '--format', 'markdown', '--baseline', 'before.json'], { cwd: dir });
      expect(md.stdout).toContain('**oobguard: INCOMPLETE** — the deployment could not be fully judged: 1 unknown or error finding at or above `low`. 1 new failing finding at or above `low` as well.');
      expect(md.stdout).toContain('### Changes since `before.json`');
      expect(md.stdout).toMatch(/1 new failing, \d+ fixed, \d+ still failing, 0 newly not judged\./);

      const sarif = JSON.parse((await runCli(['scan', 'ex', '--format', 'sarif', '--baseline', 'before.json'], { cwd: dir })).stdout) as { runs: { results: { ruleId: string; baselineState?: string }[] }[] };
      const states = sarif.runs.flatMap((r) => r.results).map((r) => r.baselineState);
      expect(states.filter((s) => s === 'new')).toHaveLength(1);
      expect(states.every((s) => s === 'new' || s === 'unchanged')).toBe(true);
    }, { ex: INSECURE });
  });

  it('with nothing new, old failures do not fail a baseline scan — old unknowns still make it incomplete', async () => {
    await inTempDir(async (dir) => {
      const before = await json(dir, []);
      await writeFile(path.join(dir, 'before.json'), JSON.stringify(before.report));
      const again = await json(dir, ['--baseline', 'before.json']);
      expect(again.code).toBe(2);
      expect(again.report.summary.verdict).toBe('incomplete');
      // Above the unknown's severity only the failures count, and none is new.
      expect((await json(dir, ['--baseline', 'before.json', '--fail-on', 'critical'])).code).toBe(0);
      expect(again.report.summary.byStatus.fail).toBe(before.report.summary.byStatus.fail);
      expect(again.report.changes).toMatchObject({ newFailures: [], fixed: [], newUnknown: [] });
    }, { ex: INSECURE });
  });

  it('a SARIF file, a missing file or a random JSON as the earlier result is a usage error that says what to give', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'r.sarif'), JSON.stringify({ version: '2.1.0', runs: [] }));
      await writeFile(path.join(dir, 'x.json'), '{"a": 1}');
      for (const [file, msg] of [['r.sarif', 'a SARIF file; give the JSON report'], ['nope.json', 'cannot read it (ENOENT)'], ['x.json', 'not an oobguard JSON report or snapshot']] as const) {
        const r = await runCli(['scan', 'ex', '--baseline', file], { cwd: dir });
        expect(r.code).toBe(3);
        expect(r.stderr).toContain(msg);
      }
    }, { ex: INSECURE });
  });
});

describe('oobguard diff', () => {
  it('compares two reports, or a snapshot with a report; exit 1 only when something new fails', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'old.json'), (await runCli(['scan', 'ex', '--format', 'json'], { cwd: dir })).stdout);
      await writeFile(path.join(dir, 'old-snapshot.json'), (await runCli(['collect', 'ex'], { cwd: dir })).stdout);
      await changeExample(dir);
      await writeFile(path.join(dir, 'new.json'), (await runCli(['scan', 'ex', '--format', 'json'], { cwd: dir })).stdout);

      const table = await runCli(['diff', 'old.json', 'new.json'], { cwd: dir });
      expect(table.code).toBe(1);
      expect(table.stdout).toMatch(/^Changes since old\.json \(.+\): 1 new failing, \d+ fixed, \d+ still failing, 0 newly not judged\.$/m);
      expect(table.stdout).toMatch(/New failing \(1\)\n {2}medium {3}ZT-IR-001\.config {2}ex\/mattermost\/config\.json:\d+/);

      // A snapshot is judged now: with the config the report was made with (the example's own).
      const fromSnapshot = JSON.parse((await runCli(['diff', 'old-snapshot.json', 'new.json', '--format', 'json', '--config', 'ex/.oobguard.yaml'], { cwd: dir })).stdout) as NonNullable<Report['changes']>;
      const fromReport = JSON.parse((await runCli(['diff', 'old.json', 'new.json', '--format', 'json'], { cwd: dir })).stdout) as NonNullable<Report['changes']>;
      expect(fromSnapshot.newFailures.map((f) => f.fingerprint)).toEqual(fromReport.newFailures.map((f) => f.fingerprint));
      expect(fromSnapshot.fixed.map((f) => f.fingerprint).sort()).toEqual(fromReport.fixed.map((f) => f.fingerprint).sort());

      // An input the newer result could not read: its old failures are not "fixed", and the diff is incomplete.
      await writeFile(path.join(dir, 'ex/manifests/velero.yaml'), 'apiVersion: v1\nkind: [unclosed\n');
      await writeFile(path.join(dir, 'broken.json'), (await runCli(['scan', 'ex', '--format', 'json'], { cwd: dir })).stdout);
      const broken = await runCli(['diff', 'new.json', 'broken.json', '--format', 'json'], { cwd: dir });
      expect(broken.code).toBe(2);
      const bc = JSON.parse(broken.stdout) as NonNullable<Report['changes']>;
      expect(bc.fixed).toEqual([]);
      expect(bc.notRead.length).toBeGreaterThan(0);
      expect(bc.notRead.every((f) => f.where.startsWith('ex/manifests/velero.yaml'))).toBe(true);
      // A regression below --fail-on does not fail the diff.
      expect((await runCli(['diff', 'old.json', 'new.json', '--fail-on', 'high'], { cwd: dir })).code).toBe(0);
      expect((await runCli(['diff', 'new.json', 'new.json'], { cwd: dir })).code).toBe(0);
      const usage = await runCli(['diff', 'old.json'], { cwd: dir });
      expect(usage.code).toBe(3);
      expect(usage.stderr).toContain('give two results, the earlier first');
    }, { ex: INSECURE });
  });
});
