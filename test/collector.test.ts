/**
 * The file collector as a user meets it: which files a directory scan reads and in what order,
 * what --exclude and the always-skipped directories leave out, where findings say a value came
 * from (Helm templates included), which namespace objects without one land in, and what each
 * input's record says (documents, ignored kinds, content hash).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFiles } from '../src/collectors/files.ts';
import type { Report } from '../src/engine/types.ts';
import { run } from '../src/run.ts';
import { inTempDir, runCli, TEST_RULES } from './helpers/cli.ts';
import { FIXED_NOW } from './helpers/scan.ts';

const deployment = (name: string, replicas: number, namespace?: string): string =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  replicas: ${replicas}\n`;

async function tree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
}

describe('which files a scan reads', () => {
  const files = {
    'b.yaml': deployment('b', 2, 'mm'),
    'a.yml': deployment('a', 2, 'mm'),
    'z/c.json': JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'mm' } }),
    'm/d.yaml': deployment('d', 2, 'mm'),
    'm/n/e.YAML': deployment('e', 2, 'mm'),
    'README.md': '# not an input',
    'deploy.sh': 'kubectl apply -f .',
    'values.yaml.tpl': 'not: scanned',
    '.git/config.yaml': deployment('in-git', 2, 'mm'),
    'node_modules/pkg/x.yaml': deployment('in-node-modules', 2, 'mm'),
    '.terraform/modules/y.yaml': deployment('in-terraform', 2, 'mm'),
    '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
    'charts/mm/generated.yaml': deployment('generated', 2, 'mm'),
  };

  it('walks directories recursively in a stable, sorted order; only *.yaml, *.yml, *.json; never .git or node_modules', async () => {
    await inTempDir(async (dir) => {
      await tree(dir, files);
      const r = await collectFiles({ paths: ['.'], cwd: dir });
      expect(r.inputs.map((i) => i.file)).toEqual([
        '.github/workflows/ci.yml', 'a.yml', 'b.yaml', 'charts/mm/generated.yaml', 'm/d.yaml', 'm/n/e.YAML', 'z/c.json',
      ]);
      expect(r.inputs.find((i) => i.file === '.github/workflows/ci.yml')?.status).toBe('skipped');
      expect(r.k8s.workloads.map((w) => w.name)).toEqual(['a', 'b', 'generated', 'd', 'e']);
    });
  });

  it('--exclude takes globs on the shown path and on the base name; excluded files are not inputs at all', async () => {
    await inTempDir(async (dir) => {
      await tree(dir, files);
      const r = await runCli(['scan', '.', '--exclude', 'charts/**', '--exclude', '*.json', '--exclude', 'm/n/*', '--rules', TEST_RULES, '--format', 'json'], { cwd: dir });
      const report = JSON.parse(r.stdout) as Report;
      expect(report.inputs.map((i) => i.file)).toEqual(['.github/workflows/ci.yml', 'a.yml', 'b.yaml', 'm/d.yaml']);
    });
  });

  it('paths given by name are read whatever their extension, in the order given; duplicates once', async () => {
    await inTempDir(async (dir) => {
      await tree(dir, { 'rendered.txt': deployment('txt', 2, 'mm'), 'b.yaml': deployment('b', 2, 'mm') });
      const r = await collectFiles({ paths: ['rendered.txt', 'b.yaml', './b.yaml'], cwd: dir });
      expect(r.inputs.map((i) => [i.file, i.status])).toEqual([['rendered.txt', 'scanned'], ['b.yaml', 'scanned']]);
    });
  });

  it('paths outside the working directory are shown absolute; inside it, relative with forward slashes', async () => {
    await inTempDir(async (outside) => {
      await tree(outside, { 'x.yaml': deployment('x', 2, 'mm') });
      await inTempDir(async (dir) => {
        await tree(dir, { 'sub/y.yaml': deployment('y', 2, 'mm') });
        const r = await collectFiles({ paths: [path.join(outside, 'x.yaml'), path.join(dir, 'sub')], cwd: dir });
        expect(r.inputs.map((i) => i.file)).toEqual([path.join(outside, 'x.yaml').split(path.sep).join('/'), 'sub/y.yaml']);
      });
    });
  });
});

describe('where findings say a value came from', () => {
  const helmOutput = [
    '---',
    '# Source: oob-mattermost/templates/serviceaccount.yaml',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata:',
    '  name: mattermost',
    '---',
    '# Source: oob-mattermost/templates/deployment.yaml',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: mattermost',
    'spec:',
    '  replicas: 1',
    '',
  ].join('\n');

  it('Helm "# Source:" comments are kept as the template, in the snapshot and in findings\' locations', async () => {
    await inTempDir(async (dir) => {
      await tree(dir, { 'rendered.yaml': helmOutput });
      const { report, snapshot } = await run({ cwd: dir, paths: ['.'], now: FIXED_NOW, builtinRules: false, rulesDirs: [TEST_RULES] });
      expect(snapshot.k8s.serviceAccounts[0]?.source.template).toBe('oob-mattermost/templates/serviceaccount.yaml');
      const f = report.findings.find((x) => x.ruleId === 'TEST-INPUT-001');
      expect(f?.status).toBe('fail');
      expect(f?.location).toMatchObject({ file: 'rendered.yaml', startLine: 14, template: 'oob-mattermost/templates/deployment.yaml' });
    });
  });

  it('the template shows in the JSON report of the CLI too', async () => {
    await inTempDir(async (dir) => {
      await tree(dir, { 'rendered.yaml': helmOutput });
      const r = await runCli(['scan', 'rendered.yaml', '--rules', TEST_RULES, '--format', 'json'], { cwd: dir });
      const report = JSON.parse(r.stdout) as Report;
      const f = report.findings.find((x) => x.ruleId === 'TEST-INPUT-001');
      expect(f?.location?.template).toBe('oob-mattermost/templates/deployment.yaml');
      expect(f?.source.template).toBe('oob-mattermost/templates/deployment.yaml');
    });
  });

  it('a document without a Source comment has no template (the comment of the previous one does not leak)', async () => {
    await inTempDir(async (dir) => {
      await tree(dir, { 'mixed.yaml': `${helmOutput}---\n${deployment('plain', 1, 'mm')}` });
      const { report } = await run({ cwd: dir, paths: ['.'], now: FIXED_NOW, builtinRules: false, rulesDirs: [TEST_RULES] });
      const plain = report.findings.find((x) => x.objectName === 'plain');
      expect(plain?.location?.startLine).toBe(22);
      expect(plain?.location?.template).toBeUndefined();
    });
  });
});

describe('namespaces', () => {
  it('objects without metadata.namespace are placed in "default", as kubectl would; cluster-scoped ones in none', async () => {
    await inTempDir(async (dir) => {
      await tree(dir, {
        'a.yaml': [
          deployment('no-namespace', 2),
          '---', deployment('in-mm', 2, 'mattermost'),
          '---', 'apiVersion: v1\nkind: Service\nmetadata: {name: svc}\nspec: {ports: [{port: 80}]}',
          '---', 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: []',
        ].join('\n'),
      });
      const { snapshot, report } = await run({ cwd: dir, paths: ['.'], now: FIXED_NOW, builtinRules: false, rulesDirs: [TEST_RULES] });
      expect(snapshot.k8s.workloads.map((w) => [w.name, w.namespace, w.id])).toEqual([
        ['no-namespace', 'default', 'k8s/Deployment/default/no-namespace'],
        ['in-mm', 'mattermost', 'k8s/Deployment/mattermost/in-mm'],
      ]);
      expect(snapshot.k8s.services.map((s) => s.namespace)).toEqual(['default']);
      expect(snapshot.k8s.roles.map((r) => r.namespace)).toEqual(['']);
      expect(report.findings.filter((f) => f.ruleId === 'TEST-INPUT-001').map((f) => f.namespace)).toEqual(['default', 'mattermost']);
    });
  });
});

describe('input records', () => {
  const crd = 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.org}\nspec: {group: example.org}\n';
  const widget = 'apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\n';

  it('count documents and the ones whose kind oobguard does not model (CRDs, custom resources)', async () => {
    await inTempDir(async (dir) => {
      await tree(dir, {
        'platform.yaml': [crd, '---', widget, '---', deployment('web', 2, 'mm'), '---', '# Source: x/templates/empty.yaml', ''].join('\n'),
        'crds-only.yaml': `${crd}---\n${crd.replace('widgets', 'gadgets')}`,
      });
      const { report } = await run({ cwd: dir, paths: ['.'], now: FIXED_NOW, builtinRules: false, rulesDirs: [TEST_RULES] });
      expect(report.inputs.map(({ file, status, format, documents, ignoredDocuments }) => ({ file, status, format, documents, ignoredDocuments }))).toEqual([
        { file: 'crds-only.yaml', status: 'scanned', format: 'kubernetes', documents: 2, ignoredDocuments: 2 },
        { file: 'platform.yaml', status: 'scanned', format: 'kubernetes', documents: 3, ignoredDocuments: 2 },
      ]);
      expect(report.summary.inputs).toEqual({ scanned: 2, skipped: 0, error: 0 });
    });
  });

  it('record the sha256 of the bytes read, so a replayed snapshot can tell a changed file', async () => {
    await inTempDir(async (dir) => {
      await tree(dir, { 'web.yaml': deployment('web', 2, 'mm'), 'config.json': '{"ServiceSettings": {}, "SqlSettings": {}}' });
      const { report } = await run({ cwd: dir, paths: ['.'], now: FIXED_NOW, builtinRules: false, rulesDirs: [TEST_RULES] });
      for (const name of ['web.yaml', 'config.json']) {
        const want = createHash('sha256').update(await readFile(path.join(dir, name))).digest('hex');
        expect(report.inputs.find((i) => i.file === name)).toMatchObject({ sha256: want, status: 'scanned' });
      }
      expect(report.inputs.find((i) => i.file === 'config.json')?.format).toBe('mattermost-config');
    });
  });

  it('a Mattermost config.json is recognized by its sections; other JSON is skipped with the reason', async () => {
    await inTempDir(async (dir) => {
      await tree(dir, {
        'config.json': '{"ServiceSettings": {"SiteURL": "https://chat.example.org"}, "SqlSettings": {"DriverName": "postgres"}}',
        'tsconfig.json': '{"compilerOptions": {"strict": true}}',
      });
      const { report, snapshot } = await run({ cwd: dir, paths: ['.'], now: FIXED_NOW, builtinRules: false, rulesDirs: [TEST_RULES] });
      expect(snapshot.mattermost.configs.map((c) => c.source.file)).toEqual(['config.json']);
      expect(report.inputs.find((i) => i.file === 'tsconfig.json')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/neither Kubernetes/) });
    });
  });
});
