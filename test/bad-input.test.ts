/**
 * Bad input never crashes, hangs or hides the rest. Each broken input (malformed YAML, binary
 * bytes, an alias bomb, 10,000-level nesting, a FIFO, broken and looping symlinks, invalid UTF-8,
 * a JSON syntax error) gives exactly one error naming the file and the reason; the good inputs
 * next to it are still scanned and judged; the exit code is 2. Files that are not deployment
 * state (package.json, a chart's values.yaml and templates, kustomization.yaml, empty files) are
 * counted as skipped, not errors. Plus the multi-document edge cases of real rendered output, and
 * a 50 MB manifest scanned in a 384 MB heap.
 *
 * The committed fixtures live in fixtures/bad-input/inputs; what cannot be committed (FIFOs,
 * symlinks, 10,000-level documents) is created here in a temp directory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, symlink, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../src/engine/types.ts';
import type { Diagnostic, DiagnosticCode, InputRecord, Snapshot } from '../src/model/snapshot.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { run } from '../src/run.ts';
import { BAD_INPUT, inTempDir, runCli, TEST_RULES } from './helpers/cli.ts';
import { FIXED_NOW } from './helpers/scan.ts';

const INPUTS = path.join(BAD_INPUT, 'inputs');
const GOOD = { good: path.join(INPUTS, 'good') };
const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;

const deepFlow = (n: number): string => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
const deepSequence = (n: number): string => `${'- '.repeat(n)}x\n`;
const deepJson = (n: number): string => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const deepBlock = (n: number): string => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' end\n';
const deepWithAnchor = (n: number): string => `base: &b {a: 1}\nx: ${'['.repeat(n)}*b${']'.repeat(n)}\n`;

interface BadCase {
  /** Path of the bad input as the user sees it (relative to the scanned directory). */
  file: string;
  make: (dir: string) => Promise<void>;
  code: DiagnosticCode;
  reason: RegExp;
}

const fixture = (name: string) => async (dir: string): Promise<void> => cp(path.join(INPUTS, name), path.join(dir, name));
const written = (name: string, content: string | Uint8Array) => async (dir: string): Promise<void> => writeFile(path.join(dir, name), content);

const BAD: BadCase[] = [
  { file: 'malformed.yaml', make: fixture('malformed.yaml'), code: 'input/parse', reason: /^malformed\.yaml:14:\d+: document 2: invalid YAML: bad indentation/ },
  { file: 'binary.yaml', make: fixture('binary.yaml'), code: 'input/binary', reason: /binary content/ },
  { file: 'invalid-utf8.yaml', make: fixture('invalid-utf8.yaml'), code: 'input/binary', reason: /not valid UTF-8/ },
  { file: 'alias-bomb.yaml', make: fixture('alias-bomb.yaml'), code: 'input/alias-bomb', reason: /alias bomb/ },
  { file: 'syntax-error.json', make: fixture('syntax-error.json'), code: 'input/parse', reason: /^syntax-error\.json:4:\d+: invalid JSON: Expected ',' or '}' after property value/ },
  { file: 'deep-flow.yaml', make: written('deep-flow.yaml', deepFlow(10_000)), code: 'input/too-deep', reason: /nesting deeper than 200 levels/ },
  { file: 'deep-sequence.yaml', make: written('deep-sequence.yaml', deepSequence(10_000)), code: 'input/too-deep', reason: /nesting deeper than 200 levels/ },
  { file: 'deep-block.yaml', make: written('deep-block.yaml', deepBlock(300)), code: 'input/too-deep', reason: /nesting deeper than 200 levels/ },
  { file: 'deep-anchored.yaml', make: written('deep-anchored.yaml', deepWithAnchor(10_000)), code: 'input/too-deep', reason: /nesting deeper than 200 levels/ },
  { file: 'deep.json', make: written('deep.json', deepJson(10_000)), code: 'input/too-deep', reason: /nesting deeper than 200 levels/ },
  { file: 'dangling.yaml', make: async (dir) => symlink('rendered/missing.yaml', path.join(dir, 'dangling.yaml')), code: 'input/not-found', reason: /broken symbolic link to rendered\/missing\.yaml/ },
  { file: 'self.yaml', make: async (dir) => symlink('self.yaml', path.join(dir, 'self.yaml')), code: 'input/symlink-loop', reason: /symbolic link loop/ },
  {
    file: 'overlays/up',
    make: async (dir) => { await mkdir(path.join(dir, 'overlays')); await symlink('..', path.join(dir, 'overlays/up')); },
    code: 'input/symlink-loop', reason: /symbolic link loop \(points back to \.\); not followed/,
  },
  {
    // Sparse: 257 MiB on paper, no disk used; refused from its size without being read.
    file: 'huge.yaml',
    make: async (dir) => { await writeFile(path.join(dir, 'huge.yaml'), ''); await truncate(path.join(dir, 'huge.yaml'), 257 * 1024 * 1024); },
    code: 'input/too-large', reason: /257 MiB is larger than the 256 MiB limit/,
  },
  ...(hasMkfifo ? [{
    file: 'pipe.yaml',
    make: async (dir: string): Promise<void> => { expect(spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]).status).toBe(0); },
    code: 'input/not-regular' as const, reason: /not a regular file \(a FIFO, socket or device\)/,
  }] : []),
];

function record(inputs: readonly InputRecord[], file: string): InputRecord | undefined {
  return inputs.find((i) => i.file === file);
}

function expectGoodInputsJudged(report: Report, prefix = 'good/'): void {
  expect(record(report.inputs, `${prefix}mattermost.yaml`)?.status).toBe('scanned');
  expect(record(report.inputs, `${prefix}config.json`)?.status).toBe('scanned');
  const judged = (ruleId: string, file: string): string[] =>
    report.findings.filter((f) => f.ruleId === ruleId && f.source.file === file).map((f) => `${f.objectName}: ${f.status}`);
  expect(judged('TEST-INPUT-001', `${prefix}mattermost.yaml`)).toEqual(['mattermost: pass']);
  expect(judged('TEST-INPUT-002', `${prefix}config.json`)).toEqual([expect.stringMatching(/: pass$/)]);
}

/** stderr error lines about inputs (built-in rule diagnostics, if any, are someone else's test). */
function inputErrorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('oobguard: error:') && !/^oobguard: error: rules\//.test(l));
}

describe('each bad input: one clear error naming the file, the rest still scanned, exit 2', () => {
  it.each(BAD)('$file', async (c) => {
    await inTempDir(async (dir) => {
      await c.make(dir);
      const r = await runCli(['scan', '.', '--rules', TEST_RULES, '--format', 'json'], { cwd: dir });
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code).toBe(2);
      const report = JSON.parse(r.stdout) as Report;

      const about = report.diagnostics.filter((d) => d.file === c.file);
      expect(about.map((d) => d.code)).toEqual([c.code]);
      expect(about[0]!.severity).toBe('error');
      expect(about[0]!.message.startsWith(`${c.file}:`)).toBe(true);
      expect(about[0]!.message).toMatch(c.reason);
      expect(about[0]!.hint ?? '').not.toBe('');

      const lines = inputErrorLines(r.stderr);
      expect(lines).toEqual([`oobguard: error: ${about[0]!.message}`]);

      expect(record(report.inputs, c.file)).toMatchObject({ status: 'error', reason: about[0]!.message });
      expect(report.summary.inputs).toMatchObject({ scanned: 2, error: 1 });
      expectGoodInputsJudged(report);
    }, GOOD);
  }, 60_000);

  it('the good documents of a malformed file are scanned: before and after the broken one', async () => {
    await inTempDir(async (dir) => {
      const { report, snapshot } = await run({ cwd: dir, paths: ['malformed.yaml'], now: FIXED_NOW, builtinRules: false, rulesDirs: [TEST_RULES] });
      expect(snapshot.k8s.configMaps.map((c) => c.name)).toEqual(['mattermost-settings']);
      expect(report.findings.filter((f) => f.ruleId === 'TEST-INPUT-001').map((f) => [f.objectName, f.status])).toEqual([['after-the-broken-one', 'pass']]);
      expect(record(report.inputs, 'malformed.yaml')).toMatchObject({ status: 'error', documents: 2 });
      expect(report.exitCode).toBe(2);
    }, { 'malformed.yaml': path.join(INPUTS, 'malformed.yaml') });
  });

  it('bad inputs passed by name (not found by a directory walk) are reported the same way', async () => {
    await inTempDir(async (dir) => {
      await symlink('nowhere.yaml', path.join(dir, 'dangling.yaml'));
      if (hasMkfifo) spawnSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
      const named = ['dangling.yaml', 'missing.yaml', ...(hasMkfifo ? ['pipe.yaml'] : [])];
      const r = await runCli(['scan', ...named, 'good', '--rules', TEST_RULES, '--format', 'json'], { cwd: dir });
      expect(r.code).toBe(2);
      const report = JSON.parse(r.stdout) as Report;
      expect(report.diagnostics.filter((d) => d.severity === 'error' && d.file !== undefined && !d.file.startsWith('rules/')).map((d) => d.message)).toEqual([
        'dangling.yaml: broken symbolic link to nowhere.yaml (the target does not exist)',
        'missing.yaml: cannot read: no such file or directory (or a broken symbolic link)',
        ...(hasMkfifo ? ['pipe.yaml: not a regular file (a FIFO, socket or device); not read'] : []),
      ]);
      expectGoodInputsJudged(report);
    }, GOOD);
  });

  it('a directory named like a manifest (x.yaml/) is walked, not read as a file', async () => {
    await inTempDir(async (dir) => {
      const r = await runCli(['scan', '.', '--rules', TEST_RULES, '--format', 'json'], { cwd: dir });
      const report = JSON.parse(r.stdout) as Report;
      expect(report.diagnostics.filter((d) => d.severity === 'error' && !d.file?.startsWith('rules/'))).toEqual([]);
      expectGoodInputsJudged(report, 'release.yaml/');
    }, { 'release.yaml': path.join(INPUTS, 'good') });
  });
});

/** The good inputs plus every fixture that must be skipped. */
const SKIPPABLE = { ...GOOD, ...Object.fromEntries(['package.json', 'chart', 'kustomization.yaml', 'empty.yaml', 'comments-only.yaml'].map((n) => [n, path.join(INPUTS, n)])) };

describe('inputs that are not deployment state are skipped, not errors', () => {
  const SKIPPED: [string, RegExp][] = [
    ['package.json', /neither Kubernetes objects nor a Mattermost config\.json/],
    ['chart/Chart.yaml', /neither Kubernetes objects nor a Mattermost config\.json/],
    ['chart/values.yaml', /neither Kubernetes objects nor a Mattermost config\.json/],
    ['chart/templates/deployment.yaml', /unrendered Helm chart template \(chart chart\)/],
    ['kustomization.yaml', /a Kustomize Kustomization \(build input, not a rendered manifest\)/],
    ['empty.yaml', /^empty/],
    ['comments-only.yaml', /^empty/],
  ];

  it('each is recorded as skipped with its reason; nothing else wrong means exit 0', async () => {
    await inTempDir(async (dir) => {
      const { report } = await run({ cwd: dir, paths: ['.'], now: FIXED_NOW, builtinRules: false, rulesDirs: [TEST_RULES] });
      for (const [file, reason] of SKIPPED) {
        const rec = record(report.inputs, file);
        expect(rec?.status, file).toBe('skipped');
        expect(rec?.reason, file).toMatch(reason);
      }
      expect(report.diagnostics.filter((d) => d.severity !== 'note')).toEqual([]);
      expect(report.summary.inputs).toEqual({ scanned: 2, skipped: SKIPPED.length, error: 0 });
      expectGoodInputsJudged(report);
      expect(report.exitCode).toBe(0);
    }, SKIPPABLE);
  });

  it('skipped files do not hide a failing finding: exit 1', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'single.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: single, namespace: mattermost}\nspec: {replicas: 1}\n');
      const { report } = await run({ cwd: dir, paths: ['.'], now: FIXED_NOW, builtinRules: false, rulesDirs: [TEST_RULES] });
      expect(report.findings.filter((f) => f.status === 'fail').map((f) => f.objectName)).toEqual(['single']);
      expect(report.exitCode).toBe(1);
    }, SKIPPABLE);
  });

  it('the CLI says so: a note for the unrendered chart, the skipped count in the summary, no errors', async () => {
    await inTempDir(async (dir) => {
      const r = await runCli(['scan', '.', '--rules', TEST_RULES], { cwd: dir });
      expect(inputErrorLines(r.stderr)).toEqual([]);
      expect(r.stderr).toContain('oobguard: note: chart: unrendered Helm chart (1 template skipped)');
      expect(r.stderr).toContain('helm template RELEASE chart');
      expect(r.stdout).toMatch(/\b2 inputs scanned, 7 skipped, 0 with errors/);
    }, SKIPPABLE);
  });

  it('a directory with nothing to scan is a warning, not a silent pass', async () => {
    await inTempDir(async (dir) => {
      await mkdir(path.join(dir, 'docs'));
      await writeFile(path.join(dir, 'docs/README.md'), '# nothing here\n');
      const r = await runCli(['scan', 'docs', '--rules', TEST_RULES], { cwd: dir });
      expect(r.stderr).toContain('oobguard: warning: docs: no *.yaml, *.yml, *.json, *.tf, *.tfvars files in this directory');
    });
  });
});

describe('everything at once', () => {
  it('all bad, skipped and good inputs in one tree: one error per bad input, good ones judged', async () => {
    await inTempDir(async (dir) => {
      await mkdir(path.join(dir, 'bad'));
      const bad = BAD.map((c) => ({ ...c, file: `bad/${c.file}` }));
      for (const c of BAD) await c.make(path.join(dir, 'bad'));
      const r = await runCli(['scan', '.', '--rules', TEST_RULES, '--format', 'json'], { cwd: dir });
      expect(r.code).toBe(2);
      const report = JSON.parse(r.stdout) as Report;
      for (const c of bad) {
        const about = report.diagnostics.filter((d: Diagnostic) => d.file === c.file);
        expect(about.map((d) => d.code), c.file).toEqual([c.code]);
        expect(record(report.inputs, c.file)?.status, c.file).toBe('error');
      }
      expect(inputErrorLines(r.stderr)).toHaveLength(bad.length);
      expect(report.summary.inputs.error).toBe(bad.length);
      expect(report.summary.inputs.skipped).toBe(7);
      expectGoodInputsJudged(report);
    }, SKIPPABLE);
  }, 60_000);
});

describe('multi-document edge cases of real rendered output', () => {
  async function collect(files: Record<string, string | Uint8Array>, paths: readonly string[] = ['.'], stdin?: string): Promise<{ report: Report; snapshot: Snapshot }> {
    return inTempDir(async (dir) => {
      for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), content);
      return run({
        cwd: dir, paths, now: FIXED_NOW, builtinRules: false, rulesDirs: [TEST_RULES],
        ...(stdin !== undefined ? { stdin: async () => new TextEncoder().encode(stdin) } : {}),
      });
    });
  }
  const deployment = (name: string, replicas = 1): string =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: mattermost\nspec:\n  replicas: ${replicas}\n`;

  it('an indented --- inside a block scalar does not split the document', async () => {
    const text = [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: scripts', 'data:', '  notes.md: |', '    front matter:', '    ---', '    title: x', '    ---',
      '---', deployment('web'),
    ].join('\n');
    const { report, snapshot } = await collect({ 'all.yaml': text });
    expect(report.diagnostics).toEqual([]);
    expect(record(report.inputs, 'all.yaml')).toMatchObject({ status: 'scanned', documents: 2 });
    expect(snapshot.k8s.configMaps.map((c) => c.keys)).toEqual([['notes.md']]);
    const f = report.findings.find((x) => x.objectName === 'web');
    expect(f?.location?.startLine).toBe(18);
  });

  it('content on the marker line (`--- {…}`, `--- # comment`, `--- |`), `...` end markers and %YAML directives', async () => {
    const text = [
      '%YAML 1.2', '---', 'apiVersion: v1', 'kind: Namespace', 'metadata: {name: one}', '...',
      '--- {apiVersion: v1, kind: Namespace, metadata: {name: two}}',
      '--- # a comment on the marker line', 'apiVersion: v1', 'kind: Namespace', 'metadata: {name: three}',
      '---', '# Source: chart/templates/empty.yaml', '---', deployment('web', 2),
    ].join('\n');
    const { report, snapshot } = await collect({ 'all.yaml': text });
    expect(report.diagnostics).toEqual([]);
    expect(record(report.inputs, 'all.yaml')).toMatchObject({ status: 'scanned', documents: 4 });
    expect(snapshot.k8s.namespaces.filter((n) => n.declared).map((n) => n.name).sort()).toEqual(['one', 'three', 'two']);
    expect(snapshot.k8s.workloads.map((w) => w.name)).toEqual(['web']);
  });

  it('Windows CRLF line endings: parsed, Helm template recorded, lines right', async () => {
    const text = ['---', '# Source: mm/templates/deployment.yaml', deployment('web').trimEnd(), '---', '# Source: mm/templates/worker.yaml', deployment('worker').trimEnd(), ''].join('\n').replace(/\n/g, '\r\n');
    const { report } = await collect({ 'crlf.yaml': text });
    expect(report.diagnostics).toEqual([]);
    const fails = report.findings.filter((f) => f.status === 'fail').map((f) => [f.objectName, f.location?.startLine, f.location?.template]);
    expect(fails).toEqual([['web', 9, 'mm/templates/deployment.yaml'], ['worker', 18, 'mm/templates/worker.yaml']]);
  });

  it('a UTF-8 byte order mark, in YAML and in JSON', async () => {
    const json = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'from-json', namespace: 'mattermost' }, spec: { replicas: 3 } });
    const { report, snapshot } = await collect({ 'bom.yaml': `\uFEFF${deployment('from-yaml', 3)}`, 'bom.json': `\uFEFF${json}` });
    expect(report.diagnostics).toEqual([]);
    expect(snapshot.k8s.workloads.map((w) => w.name).sort()).toEqual(['from-json', 'from-yaml']);
  });

  it('kind: List with items (kubectl get -o yaml): each item is an object; unmodelled kinds are counted as ignored', async () => {
    const text = [
      'apiVersion: v1', 'kind: List', 'items:',
      '  - apiVersion: apps/v1', '    kind: Deployment', '    metadata: {name: a, namespace: mattermost}', '    spec: {replicas: 1}',
      '  - apiVersion: example.org/v1', '    kind: Widget', '    metadata: {name: w}',
      '  - apiVersion: apps/v1', '    kind: Deployment', '    metadata: {name: b, namespace: mattermost}', '    spec: {replicas: 2}',
    ].join('\n');
    const { report, snapshot } = await collect({ 'list.yaml': text });
    expect(snapshot.k8s.workloads.map((w) => w.name)).toEqual(['a', 'b']);
    expect(record(report.inputs, 'list.yaml')).toMatchObject({ status: 'scanned', documents: 1, ignoredDocuments: 1 });
    const fail = report.findings.find((f) => f.status === 'fail');
    expect([fail?.objectName, fail?.location?.startLine]).toEqual(['a', 7]);
  });

  it('a JSON manifest (kubectl get -o json) is a Kubernetes input', async () => {
    const json = JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'mattermost' }, spec: { replicas: 1 } }, null, 2);
    const { report } = await collect({ 'web.json': json });
    expect(record(report.inputs, 'web.json')).toMatchObject({ status: 'scanned', format: 'kubernetes' });
    const fail = report.findings.find((f) => f.status === 'fail');
    expect([fail?.objectName, fail?.location?.file, fail?.location?.startLine]).toEqual(['web', 'web.json', 9]);
  });

  it('a duplicated key is an error (kubectl rejects it too), with or without anchors in the document', async () => {
    const { report } = await collect({
      'plain.yaml': `${deployment('a', 2)}---\n${deployment('b', 2)}  replicas: 3\n`,
      'anchored.yaml': `${deployment('c', 2)}---\nx: &x 1\n${deployment('d', 2)}  replicas: 3\n`,
    });
    expect(report.diagnostics.map((d) => [d.file, d.line, d.code])).toEqual([['anchored.yaml', 17, 'input/parse'], ['plain.yaml', 16, 'input/parse']]);
    expect(report.findings.map((f) => f.objectName).sort()).toEqual(['a', 'c']);
  });

  it('standard input via "-": YAML and JSON, located in "-"', async () => {
    const y = await collect({}, ['-'], `---\n${deployment('piped')}`);
    expect(record(y.report.inputs, '-')).toMatchObject({ status: 'scanned', documents: 1 });
    const fail = y.report.findings.find((f) => f.status === 'fail');
    expect([fail?.location?.file, fail?.location?.startLine]).toEqual(['-', 8]);
    const j = await collect({}, ['-'], JSON.stringify({ ServiceSettings: { SiteURL: 'http://chat' }, SqlSettings: { DriverName: 'postgres' } }));
    expect(j.report.findings.filter((f) => f.ruleId === 'TEST-INPUT-002').map((f) => f.status)).toEqual(['fail']);
    const bad = await collect({}, ['-'], 'a: b\n  c: d\n');
    expect(bad.report.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^-:2:\d+: invalid YAML: bad indentation/)]);
    expect(bad.report.exitCode).toBe(2);
  });

  it('stdin through the CLI, next to files', async () => {
    await inTempDir(async (dir) => {
      const r = await runCli(['scan', '-', 'good', '--rules', TEST_RULES, '--format', 'json'], { cwd: dir, stdin: deployment('piped') });
      const report = JSON.parse(r.stdout) as Report;
      expect(record(report.inputs, '-')?.status).toBe('scanned');
      expect(report.findings.find((f) => f.objectName === 'piped')?.status).toBe('fail');
      expectGoodInputsJudged(report);
    }, GOOD);
  });
});

describe('a 50 MB rendered manifest', () => {
  /** Deployments, ConfigMaps with big data, CRDs with big schemas — like `helm template` of a platform. */
  function bigManifest(targetBytes: number): { text: string; deployments: number; crds: number; documents: number } {
    const parts: string[] = [];
    let size = 0;
    let deployments = 0;
    let crds = 0;
    const bigLine = `      ${'x'.repeat(100)} a line of an embedded configuration file\n`.repeat(200);
    const props = Array.from({ length: 60 }, (_, k) => `                field${k}:\n                  type: string\n                  description: "Field ${k}, described at some length for realism."\n`).join('');
    for (let i = 0; size < targetBytes; i++) {
      let doc: string;
      if (i % 3 === 0) {
        deployments++;
        doc = `# Source: platform/templates/app-${i}.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-${i}\n  namespace: team-${i % 20}\n  labels: {app.kubernetes.io/name: app-${i}}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app.kubernetes.io/name: app-${i}}\n  template:\n    metadata:\n      labels: {app.kubernetes.io/name: app-${i}}\n    spec:\n      securityContext: {runAsNonRoot: true}\n      containers:\n        - name: app\n          image: registry.example.org/app-${i}:1.0.${i}\n          env:\n${Array.from({ length: 15 }, (_, k) => `            - {name: VAR_${k}, value: "value-${i}-${k}"}`).join('\n')}\n          resources: {requests: {cpu: 100m, memory: 128Mi}}\n`;
      } else if (i % 3 === 1) {
        doc = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big-${i}\n  namespace: team-${i % 20}\ndata:\n  app.properties: |\n${bigLine}`;
      } else {
        crds++;
        doc = `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets${i}.example.org\nspec:\n  group: example.org\n  names: {kind: Widget${i}, plural: widgets${i}}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n${props}`;
      }
      parts.push(doc);
      size += doc.length + 4;
    }
    return { text: parts.join('---\n'), deployments, crds, documents: parts.length };
  }

  it('is scanned by the real CLI in a 384 MB heap, every document read, every Deployment judged and located', async () => {
    await inTempDir(async (dir) => {
      const big = bigManifest(50 * 1024 * 1024);
      await writeFile(path.join(dir, 'rendered.yaml'), big.text);
      // A wrapper that runs bin/oobguard.js and then reports the process's peak RSS.
      await writeFile(path.join(dir, 'wrap.mjs'), [
        `process.on('exit', () => process.stderr.write('maxRSS=' + process.resourceUsage().maxRSS + '\\n'));`,
        `await import(${JSON.stringify(path.join(PACKAGE_ROOT, 'bin/oobguard.js'))});`,
      ].join('\n'));
      const child = spawn(process.execPath, ['--max-old-space-size=384', 'wrap.mjs', 'scan', 'rendered.yaml', '--rules', TEST_RULES, '--format', 'json', '-o', 'report.json', '--quiet'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => { stderr += b.toString(); });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).not.toMatch(/heap out of memory|internal error/);
      const report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as Report;
      expect(code).toBe(report.exitCode);
      expect(record(report.inputs, 'rendered.yaml')).toMatchObject({ status: 'scanned', documents: big.documents, ignoredDocuments: big.crds });
      expect(report.diagnostics.filter((d) => d.file === 'rendered.yaml')).toEqual([]);
      const mine = report.findings.filter((f) => f.ruleId === 'TEST-INPUT-001');
      expect(mine).toHaveLength(big.deployments);
      expect(mine.every((f) => f.status === 'fail' && f.location?.startLine !== undefined && f.location.template?.startsWith('platform/templates/'))).toBe(true);
      const rss = /maxRSS=(\d+)/.exec(stderr);
      expect(rss).not.toBeNull();
      console.info(`50 MB manifest (${big.documents} documents): peak RSS ${Math.round(Number(rss![1]) / 1024)} MB with --max-old-space-size=384`);
    });
  }, 180_000);
});
