/**
 * The command line as a user meets it: help on every command, usage errors (exit 3 with the
 * usage), --format and --fail-on validation, --output, colour only on a terminal and never with
 * NO_COLOR, the rule listing and explanations, and collect → evaluate giving the same findings
 * as scan.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { processIo } from '../src/cli/main.ts';
import type { Finding, Report } from '../src/engine/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { BAD_INPUT, inTempDir, runCli, TEST_RULES } from './helpers/cli.ts';

const GOOD = { good: path.join(BAD_INPUT, 'inputs/good') };
const SINGLE = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: single, namespace: mattermost}\nspec: {replicas: 1}\n';
const ANSI = /\u001b\[/;
const COMMANDS = ['scan', 'collect', 'evaluate', 'drill', 'rules', 'explain'] as const;

describe('help and usage errors', () => {
  it.each(COMMANDS)('%s --help prints its usage on stdout and exits 0', async (cmd) => {
    for (const flag of ['--help', '-h']) {
      const r = await runCli([cmd, flag], { cwd: PACKAGE_ROOT });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: oobguard ${cmd}\\b`));
      expect(r.stderr).toBe('');
    }
  });

  it('oobguard --help lists every command and the exit codes; no command at all is a usage error', async () => {
    const help = await runCli(['--help'], { cwd: PACKAGE_ROOT });
    expect(help.code).toBe(0);
    for (const cmd of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^  ${cmd}\\b`, 'm'));
    expect(help.stdout).toContain('Exit codes: 0 clean');
    const none = await runCli([], { cwd: PACKAGE_ROOT });
    expect(none.code).toBe(3);
    expect(none.stdout).toContain('Usage: oobguard <command>');
  });

  it('--version prints the version', async () => {
    const r = await runCli(['--version'], { cwd: PACKAGE_ROOT });
    const pkg = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect([r.code, r.stdout]).toEqual([0, `${pkg.version}\n`]);
  });

  it('an unknown command exits 3 with the command list on stderr', async () => {
    const r = await runCli(['scna', '.'], { cwd: PACKAGE_ROOT });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^oobguard: unknown command "scna"/);
    expect(r.stderr).toContain('Usage: oobguard <command>');
  });

  it.each(COMMANDS)('%s with an unknown flag exits 3 naming the flag, with the command\'s usage', async (cmd) => {
    const r = await runCli([cmd, '--no-such-flag', 'x'], { cwd: PACKAGE_ROOT });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('--no-such-flag');
    expect(r.stderr).toContain(`Usage: oobguard ${cmd}`);
    expect(r.stdout).toBe('');
  });

  it('scan and collect without paths, evaluate without a snapshot, explain without an id: exit 3', async () => {
    for (const argv of [['scan'], ['collect'], ['evaluate'], ['explain'], ['evaluate', 'a.json', 'b.json']]) {
      const r = await runCli(argv, { cwd: PACKAGE_ROOT });
      expect(r.code, argv.join(' ')).toBe(3);
      expect(r.stderr, argv.join(' ')).toMatch(/^oobguard (scan|collect|evaluate|explain): /);
    }
  });

  it('--format and --fail-on are validated before anything is read', async () => {
    const f = await runCli(['scan', 'does-not-exist', '--format', 'xml'], { cwd: PACKAGE_ROOT });
    expect([f.code, f.stderr]).toEqual([3, 'oobguard scan: --format must be one of table, json, sarif, markdown (got "xml")\n']);
    const s = await runCli(['scan', 'does-not-exist', '--fail-on', 'severe'], { cwd: PACKAGE_ROOT });
    expect(s.code).toBe(3);
    expect(s.stderr).toContain('--fail-on must be one of critical, high, medium, low, info (got "severe")');
  });

  it('evaluate of something that is not a snapshot is a clear usage error, not a crash', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'broken.json'), '{"schemaVersion": 1,');
      await writeFile(path.join(dir, 'other.json'), '{"name": "package"}');
      const cases: [string, RegExp][] = [
        ['broken.json', /^oobguard evaluate: broken\.json: not valid JSON, so not an oobguard snapshot\n$/],
        ['other.json', /^oobguard evaluate: other\.json: not an oobguard snapshot/],
        ['missing.json', /^oobguard evaluate: missing\.json: cannot read the snapshot \(ENOENT\)\n$/],
      ];
      for (const [file, msg] of cases) {
        const r = await runCli(['evaluate', file], { cwd: dir });
        expect(r.code, file).toBe(3);
        expect(r.stderr, file).toMatch(msg);
      }
    });
  });
});

describe('--format and --output', () => {
  it('each format renders to stdout; --output writes the same text to a file and says so on stderr', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'single.yaml'), SINGLE);
      const looks: Record<string, (s: string) => void> = {
        json: (s) => expect((JSON.parse(s) as Report).findings.length).toBeGreaterThan(0),
        sarif: (s) => expect((JSON.parse(s) as { version: string }).version).toBe('2.1.0'),
        markdown: (s) => expect(s).toMatch(/^#/m),
        table: (s) => expect(s).toMatch(/^FAIL\s+high\s+TEST-INPUT-001\s+single\.yaml:4/m),
      };
      for (const [format, check] of Object.entries(looks)) {
        const out = await runCli(['scan', '.', '--rules', TEST_RULES, '--format', format], { cwd: dir });
        check(out.stdout);
        const file = await runCli(['scan', '.', '--rules', TEST_RULES, '--format', format, '--output', `report.${format}`], { cwd: dir });
        expect(file.code).toBe(out.code);
        expect(file.stdout).toBe('');
        expect(file.stderr).toContain(`report written to report.${format}`);
        const written = await readFile(path.join(dir, `report.${format}`), 'utf8');
        // Same report (reports carry the scan time, which differs between runs).
        const untimed = (s: string): string => s.replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
        expect(untimed(written)).toBe(untimed(out.stdout));
      }
    });
  });

  it('an --output that cannot be written is a usage error naming it, not an internal error', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'single.yaml'), SINGLE);
      const r = await runCli(['scan', '.', '--rules', TEST_RULES, '--output', 'no/such/dir/report.txt'], { cwd: dir });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('oobguard scan: cannot write no/such/dir/report.txt: ENOENT');
      expect(r.stderr).not.toContain('internal error');
    });
  });

  it('--quiet keeps warnings and progress off stderr but not errors', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'bad.yaml'), 'a: b\n  c: d\n');
      await mkdir(path.join(dir, 'docs'));
      const argv = ['scan', 'docs', 'bad.yaml', '--rules', TEST_RULES, '--output', 'r.txt'];
      const loud = await runCli(argv, { cwd: dir });
      expect(loud.stderr).toContain('oobguard: warning: docs: no *.yaml');
      expect(loud.stderr).toContain('report written to r.txt');
      const quiet = await runCli([...argv, '--quiet'], { cwd: dir });
      expect(quiet.stderr).toContain('oobguard: error: bad.yaml:2:');
      expect(quiet.stderr).not.toContain('warning');
      expect(quiet.stderr).not.toContain('report written');
    });
  });
});

describe('colour', () => {
  async function table(color: boolean): Promise<string> {
    return inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'single.yaml'), SINGLE);
      await writeFile(path.join(dir, 'bad.yaml'), 'a: b\n  c: d\n');
      const r = await runCli(['scan', '.', '--rules', TEST_RULES], { cwd: dir, color });
      return r.stdout + r.stderr;
    });
  }

  it('is used only when the Io says so (the check can fail)', async () => {
    expect(await table(true)).toMatch(ANSI);
    expect(await table(false)).not.toMatch(ANSI);
  });

  it('processIo: colour on a terminal; never with NO_COLOR set, TERM=dumb, or when stdout is not a terminal', () => {
    const saved = { tty: process.stdout.isTTY, noColor: process.env['NO_COLOR'], term: process.env['TERM'] };
    try {
      Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true });
      delete process.env['NO_COLOR'];
      process.env['TERM'] = 'xterm-256color';
      expect(processIo().color).toBe(true);
      process.env['NO_COLOR'] = '1';
      expect(processIo().color).toBe(false);
      delete process.env['NO_COLOR'];
      process.env['TERM'] = 'dumb';
      expect(processIo().color).toBe(false);
      process.env['TERM'] = 'xterm-256color';
      Object.defineProperty(process.stdout, 'isTTY', { value: false, configurable: true });
      expect(processIo().color).toBe(false);
    } finally {
      Object.defineProperty(process.stdout, 'isTTY', { value: saved.tty, configurable: true });
      if (saved.noColor === undefined) delete process.env['NO_COLOR'];
      else process.env['NO_COLOR'] = saved.noColor;
      if (saved.term === undefined) delete process.env['TERM'];
      else process.env['TERM'] = saved.term;
    }
  });

  it('the real binary writing to a pipe prints no escape codes, even without NO_COLOR', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'single.yaml'), SINGLE);
      await writeFile(path.join(dir, 'bad.yaml'), 'a: b\n  c: d\n');
      const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
      delete env['NO_COLOR'];
      const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin/oobguard.js'), 'scan', '.', '--rules', TEST_RULES], { cwd: dir, env });
      let out = '';
      child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
      child.stderr.on('data', (b: Buffer) => { out += b.toString(); });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(code).toBe(2);
      expect(out).toContain('TEST-INPUT-001');
      expect(out).not.toMatch(ANSI);
    });
  }, 30_000);
});

describe('rules and explain', () => {
  it('rules lists every rule, built-in and --rules, with id, severity, target and title', async () => {
    const r = await runCli(['rules', '--rules', TEST_RULES], { cwd: PACKAGE_ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+SEVERITY\s+TARGET\s+TITLE$/m);
    expect(r.stdout).toMatch(/^ZT-MFA-001\s+critical\s+mattermost\.configs\s+Mattermost MFA is enabled and enforced/m);
    expect(r.stdout).toMatch(/^TEST-INPUT-001\s+high\s+k8s\.workloads\s+Test rule - every Deployment runs at least two replicas$/m);
    const count = Number(/^(\d+) rules\./m.exec(r.stdout)?.[1]);
    expect(count).toBe(r.stdout.split('\n').filter((l) => /^[A-Z][A-Z0-9]*-/.test(l)).length);
    const json = await runCli(['rules', '--rules', TEST_RULES, '--format', 'json'], { cwd: PACKAGE_ROOT });
    const listed = JSON.parse(json.stdout) as { id: string }[];
    expect(listed.length).toBe(count);
    expect(listed.map((x) => x.id)).toContain('TEST-INPUT-002');
  });

  it('explain shows a known rule (by id, control id or slug); an unknown id exits 3 pointing at "oobguard rules"', async () => {
    for (const id of ['ZT-MFA-001', 'zt-mfa-001', 'mattermost-mfa-enforced']) {
      const r = await runCli(['explain', id], { cwd: PACKAGE_ROOT });
      expect(r.code, id).toBe(0);
      expect(r.stdout, id).toMatch(/^ZT-MFA-001 — Mattermost MFA is enabled and enforced/);
      expect(r.stdout, id).toContain('Remediation:');
      expect(r.stdout, id).toContain('Frameworks:');
    }
    const custom = await runCli(['explain', 'TEST-INPUT-001', '--rules', TEST_RULES], { cwd: PACKAGE_ROOT });
    expect(custom.stdout).toContain('Set spec.replicas to 2 or more.');
    const unknown = await runCli(['explain', 'NOPE-999'], { cwd: PACKAGE_ROOT });
    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe('oobguard explain: no rule or control "NOPE-999" (list them with "oobguard rules")\n');
  });
});

describe('collect → evaluate is the same as scan', () => {
  const key = (f: Finding): string => JSON.stringify([f.ruleId, f.status, f.objectId, f.message, f.fingerprint, f.location ?? null, f.reasons ?? []]);

  it('same findings, statuses, messages, locations and exit code, with built-in and extra rules', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'single.yaml'), `# Source: app/templates/single.yaml\n${SINGLE}`);
      const scan = await runCli(['scan', '.', '--rules', TEST_RULES, '--format', 'json'], { cwd: dir });
      const collect = await runCli(['collect', '.', '--output', 'snapshot.json'], { cwd: dir });
      expect(collect.code).toBe(0);
      const evaluate = await runCli(['evaluate', 'snapshot.json', '--rules', TEST_RULES, '--format', 'json'], { cwd: dir });
      const a = JSON.parse(scan.stdout) as Report;
      const b = JSON.parse(evaluate.stdout) as Report;
      expect(a.findings.length).toBeGreaterThan(2);
      expect(a.findings.some((f) => f.status === 'fail' && f.location?.template === 'app/templates/single.yaml')).toBe(true);
      expect(b.findings.map(key)).toEqual(a.findings.map(key));
      expect(b.inputs).toEqual(a.inputs);
      expect(b.summary).toEqual(a.summary);
      expect(evaluate.code).toBe(scan.code);
    }, GOOD);
  });

  it('collect writes the snapshot to stdout without --output, and exits 2 when an input could not be read', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'bad.yaml'), 'a: b\n  c: d\n');
      const r = await runCli(['collect', '.'], { cwd: dir });
      expect(r.code).toBe(2);
      const snap = JSON.parse(r.stdout) as { schemaVersion: number; inputs: { file: string; status: string }[] };
      expect(snap.schemaVersion).toBe(1);
      expect(snap.inputs.map((i) => [i.file, i.status])).toEqual([['bad.yaml', 'error'], ['good/config.json', 'scanned'], ['good/mattermost.yaml', 'scanned']]);
      expect(r.stderr).toContain('oobguard: error: bad.yaml:2:');
    }, GOOD);
  });
});
