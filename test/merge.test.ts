/**
 * `oobguard merge`: shards collected separately (one per cluster, account or subscription) and
 * merged give the report a single scan of all their inputs gives; objects two shards both read are
 * kept once (with a warning when they differ); coverage is concatenated; snapshots of another
 * schemaVersion, missing files, invalid JSON and non-snapshots are refused with the file named.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../src/engine/types.ts';
import { evaluateSnapshot, mergeSnapshots } from '../src/merge.ts';
import type { Snapshot, SourceCoverage } from '../src/model/snapshot.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { collect, loadConfig, run } from '../src/run.ts';
import { inTempDir, runCli } from './helpers/cli.ts';
import { FIXED_NOW } from './helpers/scan.ts';

const CWD = PACKAGE_ROOT;
const CONFIG = 'examples/azure/insecure/.oobguard.yaml';
/** A cluster (two directories: manifests and the Mattermost config.json) and a subscription (Terraform). */
const CLUSTER = ['examples/insecure/manifests', 'examples/insecure/mattermost'];
const SUBSCRIPTION = ['examples/azure/insecure/terraform'];
const T1 = '2026-11-20T10:00:00.000Z';
const T2 = '2026-11-20T11:30:00.000Z';

async function shard(paths: string[], at: string): Promise<Snapshot> {
  const { config } = await loadConfig({ cwd: CWD, configFile: CONFIG });
  return (await collect({ cwd: CWD, paths }, config, at)).snapshot;
}

function key(f: Finding): string {
  return `${f.ruleId} ${f.objectId} ${f.status} ${f.fingerprint} ${JSON.stringify(f.location)}`;
}
function keys(r: Report): string[] {
  return r.findings.map(key).sort();
}

const clone = (s: Snapshot): Snapshot => structuredClone(s);

describe('mergeSnapshots', () => {
  it('gives the report of a single scan of every shard\'s inputs', async () => {
    const a = await shard(CLUSTER, T1);
    const b = await shard(SUBSCRIPTION, T2);
    const merged = mergeSnapshots([a, b]);
    expect(merged.diagnostics).toEqual([]);
    expect(merged.snapshot.collectedAt).toBe(T2);
    expect(merged.snapshot.sources).toEqual(['k8s-manifests', 'mattermost-config', 'terraform']);
    expect(merged.snapshot.inputs).toEqual([...a.inputs, ...b.inputs]);
    expect(merged.snapshot.coverage).toBeUndefined();

    const { config } = await loadConfig({ cwd: CWD, configFile: CONFIG });
    const fromMerge = (await evaluateSnapshot(merged.snapshot, { cwd: CWD, config, now: FIXED_NOW })).report;
    const single = (await run({ cwd: CWD, paths: [...CLUSTER, ...SUBSCRIPTION], config, now: FIXED_NOW })).report;
    expect(single.findings.length).toBeGreaterThan(50);
    expect(new Set(single.findings.map((f) => f.objectId.split('/')[0])).size).toBeGreaterThan(1);
    expect(keys(fromMerge)).toEqual(keys(single));
    expect(fromMerge.summary).toEqual(single.summary);
    expect(fromMerge.exitCode).toBe(single.exitCode);
    // The order of the shards does not change the findings.
    const reversed = (await evaluateSnapshot(mergeSnapshots([b, a]).snapshot, { cwd: CWD, config, now: FIXED_NOW })).report;
    expect(keys(reversed)).toEqual(keys(single));
  });

  it('keeps an object two shards both read once; warns and keeps the first when they differ', async () => {
    const a = await shard(CLUSTER, T1);
    const same = mergeSnapshots([a, clone(a)]);
    expect(same.diagnostics).toEqual([]);
    expect(same.snapshot.k8s).toEqual(a.k8s);
    expect(same.snapshot.mattermost).toEqual(a.mattermost);
    expect(same.snapshot.inputs).toEqual(a.inputs); // the same file read twice is one input

    const b = clone(a);
    b.collectedAt = T2;
    const w = b.k8s.workloads[0]!;
    w.source = { ...w.source, line: w.source.line + 100 };
    const diff = mergeSnapshots([a, b], ['cluster-a.json', 'cluster-b.json']);
    expect(diff.snapshot.k8s.workloads).toEqual(a.k8s.workloads);
    expect(diff.diagnostics).toHaveLength(1);
    const d = diff.diagnostics[0]!;
    expect(d.severity).toBe('warning');
    expect(d.message).toContain(w.id);
    expect(d.message).toContain(`cluster-a.json (collected ${T1}`);
    expect(d.message).toContain(`cluster-b.json (collected ${T2}`);
    expect(d.message).toContain('k8s-manifests');
    expect(d.message).toContain('kept the one from cluster-a.json');
    expect(diff.snapshot.diagnostics).toContainEqual(d);
  });

  it('walks collections generically, concatenates coverage and diagnostics, refuses another schemaVersion', async () => {
    const a = await shard(CLUSTER, T1);
    const b = await shard(SUBSCRIPTION, T2);
    const gap = (scope: string): SourceCoverage => ({ source: 'aws', scope, calls: 10, failedCalls: 1, gaps: [{ collection: 'aws.iam.roles', scope, api: 'IAM:ListRoles', error: 'AccessDenied' }] });
    a.coverage = [gap('111111111111')];
    b.coverage = [gap('222222222222')];
    b.diagnostics.push({ code: 'collector/error', severity: 'warning', message: 'shard b' });
    // A collection this code has never heard of.
    (a.aws as unknown as Record<string, unknown>)['future'] = { things: [{ id: 'x', kind: 'Thing', name: 'x' }] };
    (b.aws as unknown as Record<string, unknown>)['future'] = { things: [{ id: 'y', kind: 'Thing', name: 'y' }] };
    const { snapshot } = mergeSnapshots([b, a]);
    expect(snapshot.coverage?.map((c) => c.scope)).toEqual(['222222222222', '111111111111']);
    expect(snapshot.diagnostics.map((d) => d.message)).toContain('shard b');
    expect(snapshot.collectedAt).toBe(T2);
    expect((snapshot.aws as unknown as { future: { things: { id: string }[] } }).future.things.map((t) => t.id)).toEqual(['y', 'x']);
    expect(snapshot.aws.providers.length).toBe(b.aws.providers.length + a.aws.providers.length);

    const future = { ...clone(b), schemaVersion: 2 } as unknown as Snapshot;
    expect(() => mergeSnapshots([a, future], ['a.json', 'next.json'])).toThrow(/next\.json: snapshot schemaVersion 2.*schemaVersion 1/);
    expect(() => mergeSnapshots([])).toThrow(/at least one/);
  });
});

describe('oobguard merge', () => {
  it('merges snapshot files, and evaluates them like "oobguard evaluate" with --format', async () => {
    await inTempDir(async (dir) => {
      const a = path.join(dir, 'snapshot-cluster.json');
      const b = path.join(dir, 'snapshot-subscription.json');
      const m = path.join(dir, 'merged.json');
      expect((await runCli(['collect', ...CLUSTER, '-c', CONFIG, '-o', a, '-q'], { cwd: CWD })).code).toBe(0);
      expect((await runCli(['collect', ...SUBSCRIPTION, '-c', CONFIG, '-o', b, '-q'], { cwd: CWD })).code).toBe(0);

      const written = await runCli(['merge', a, b, '-o', m], { cwd: CWD });
      expect(written.code).toBe(0);
      expect(written.stdout).toBe('');
      const merged = JSON.parse(await readFile(m, 'utf8')) as Snapshot;
      const shards = await Promise.all([a, b].map(async (f) => JSON.parse(await readFile(f, 'utf8')) as Snapshot));
      expect(merged.inputs).toEqual([...shards[0]!.inputs, ...shards[1]!.inputs]);
      expect(merged.sources).toContain('terraform');

      const toStdout = await runCli(['merge', a, b], { cwd: CWD });
      expect(JSON.parse(toStdout.stdout)).toEqual(merged);

      const evaluated = await runCli(['evaluate', m, '-c', CONFIG, '-f', 'json'], { cwd: CWD });
      const direct = await runCli(['merge', a, b, '-c', CONFIG, '-f', 'json'], { cwd: CWD });
      const scanned = await runCli(['scan', ...CLUSTER, ...SUBSCRIPTION, '-c', CONFIG, '-f', 'json'], { cwd: CWD });
      expect(direct.code).toBe(evaluated.code);
      expect(direct.code).toBe(scanned.code);
      const [e, r, s] = [evaluated, direct, scanned].map((x) => JSON.parse(x.stdout) as Report);
      expect(keys(r!)).toEqual(keys(e!));
      expect(keys(r!)).toEqual(keys(s!));

      const table = await runCli(['merge', a, b, '-c', CONFIG, '--format', 'table', '--fail-on', 'critical'], { cwd: CWD });
      const tableEvaluated = await runCli(['evaluate', m, '-c', CONFIG, '--format', 'table', '--fail-on', 'critical'], { cwd: CWD });
      expect(table.code).toBe(tableEvaluated.code);
      expect(table.stdout).toBe(tableEvaluated.stdout);
    });
  });

  it('exits 3 naming the file for a missing file, invalid JSON, a non-snapshot or another schemaVersion', async () => {
    await inTempDir(async (dir) => {
      const good = path.join(dir, 'good.json');
      expect((await runCli(['collect', ...SUBSCRIPTION, '-o', good, '-q'], { cwd: CWD })).code).toBe(0);
      await writeFile(path.join(dir, 'broken.json'), '{"schemaVersion": 1,');
      await writeFile(path.join(dir, 'other.json'), '{"findings": []}');
      const next = JSON.parse(await readFile(good, 'utf8')) as Record<string, unknown>;
      await writeFile(path.join(dir, 'next.json'), JSON.stringify({ ...next, schemaVersion: 2 }));
      const cases: [string, RegExp][] = [
        ['missing.json', /missing\.json: cannot read the snapshot \(ENOENT\)/],
        ['broken.json', /broken\.json: not valid JSON/],
        ['other.json', /other\.json: not an oobguard snapshot/],
        ['next.json', /next\.json: snapshot schemaVersion 2.*schemaVersion 1/],
      ];
      for (const [file, message] of cases) {
        const r = await runCli(['merge', 'good.json', file], { cwd: dir });
        expect(r.code, file).toBe(3);
        expect(r.stderr, file).toMatch(message);
        expect(r.stdout, file).toBe('');
      }
      const none = await runCli(['merge'], { cwd: dir });
      expect(none.code).toBe(3);
      expect(none.stderr).toContain('Usage: oobguard merge');
      const help = await runCli(['merge', '--help'], { cwd: dir });
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: oobguard merge');
    });
  });
});
