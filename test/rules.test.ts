/**
 * Every rule's examples run end-to-end through the real collector and engine: a `pass` example
 * must pass, a `fail` example must fail, an `unknown` example must be unknown — for that rule.
 * An example's `awsApi` answers are served by the local AWS wire-protocol server and read by the
 * real live AWS collector; its `graphApi` answers likewise by the live Graph collector from a
 * local Graph server (test/helpers/graph-api-server.ts) for the tenant its config declares; its
 * `live` objects join the collected snapshot as a live collector leaves them.
 * Plus the catalog's integrity: ids from CONTROLS.md, unique slugs, file named by slug.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { loadRules, type LiveCollections } from '../src/run.ts';
import type { RuleExample } from '../src/engine/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import type { CompiledRule } from '../src/engine/compile.ts';
import type { FakeAwsOptions } from './helpers/aws-api-server.ts';
import { collectFromFake } from './helpers/aws-collect.ts';
import { startGraphApi, type FakeGraph } from './helpers/graph-api-server.ts';
import { scanFiles } from './helpers/scan.ts';

const { rules, diagnostics } = await loadRules({ cwd: PACKAGE_ROOT });
const catalog = (load(await readFile(path.join(PACKAGE_ROOT, 'rules/frameworks/controls.yaml'), 'utf8')) as { controls: { id: string }[] }).controls;
const controlIds = new Set(catalog.map((c) => c.id));

describe('built-in rules load', () => {
  it('every built-in rule is valid and compiles', () => {
    expect(diagnostics.map((d) => d.message)).toEqual([]);
    expect(rules.length).toBeGreaterThan(0);
  });
  it('rule ids start with a catalog control id and are unique; slugs are unique and name the file', () => {
    const slugs = new Set<string>();
    for (const r of rules) {
      expect(controlIds.has(r.meta.controlId), `${r.meta.id}: not a control in CONTROLS.md`).toBe(true);
      expect(slugs.has(r.meta.slug), `duplicate slug ${r.meta.slug}`).toBe(false);
      slugs.add(r.meta.slug);
      expect(path.basename(r.meta.file, '.yaml')).toBe(r.meta.slug);
    }
  });
});

/**
 * Live state of an example as the scan receives it: every model object gets the provenance a live
 * collector gives unless the example sets it — an id and a synthetic `oobguard-live/<source>/example`
 * source; cloud objects (under `aws` / `azure`) also no Terraform address, origin `live`, and their
 * ARN / resource id as `resourceId`.
 */
function liveState(live: Record<string, unknown>): LiveCollections {
  let n = 0;
  const fill = (v: unknown, provider: string): unknown => {
    if (Array.isArray(v)) {
      return v.map((o: unknown) => {
        if (o === null || typeof o !== 'object' || Array.isArray(o) || !('kind' in o)) return o;
        const x = o as Record<string, unknown>;
        const ref = String(x['resourceId'] ?? x['arn'] ?? x['name'] ?? `${provider}/${++n}`);
        const cloud = provider === 'aws' || provider === 'azure'
          ? { name: ref, address: '', resourceId: ref, providerKey: provider === 'aws' ? 'aws' : 'azurerm', origin: 'live', module: '', tags: {} }
          : {};
        return { id: `${provider}/example/${ref}/${++n}`, source: { file: `oobguard-live/${provider}/example`, line: 1, ref }, ...cloud, ...x };
      });
    }
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'coverage' ? x : fill(x, provider)]));
    return v;
  };
  return Object.fromEntries(Object.entries(live).map(([k, v]) => [k, k === 'coverage' ? v : fill(v, k)])) as LiveCollections;
}

/** The live AWS account of an example's `awsApi`, read by the live collector from the local server. */
async function liveAws(aws: RuleExample['awsApi']) {
  return aws ? [(await collectFromFake(aws as Partial<FakeAwsOptions>)).result] : [];
}

let graphServer: Promise<FakeGraph> | undefined;
afterAll(async () => { await (await graphServer)?.close(); });

/** Live Azure options reading the example's Graph answers from the local server (started on first use). */
async function graphLive(graph: NonNullable<RuleExample['graphApi']>) {
  process.env['NO_PROXY'] = '127.0.0.1';
  const server = await (graphServer ??= startGraphApi());
  server.setRoutes(graph);
  const credential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
  return { azure: { subscriptions: [], graphConnection: { endpoint: server.url, tlsCa: server.ca, credential, maxRetries: 0 } } };
}

async function runExample(rule: CompiledRule, ex: RuleExample) {
  const { report } = await scanFiles(ex.files ?? {}, {
    rules: [rule], liveResults: await liveAws(ex.awsApi), ...(ex.config ? { configData: ex.config } : {}),
    ...(ex.live ? { liveCollections: [liveState(ex.live)] } : {}),
    ...(ex.graphApi ? await graphLive(ex.graphApi) : {}),
  });
  const mine = report.findings.filter((f) => f.ruleId === rule.meta.id);
  const inputErrors = report.diagnostics.filter((d) => d.severity === 'error');
  return { mine, inputErrors };
}

describe.each(rules.map((r) => [r.meta.id, r] as const))('%s examples', (_id, rule) => {
  for (const ex of rule.spec.examples.pass) {
    it(`pass: ${ex.name}`, async () => {
      const { mine, inputErrors } = await runExample(rule, ex);
      expect(inputErrors.map((d) => d.message)).toEqual([]);
      expect(mine.length, 'the rule produced no result (does the example contain its target?)').toBeGreaterThan(0);
      expect(mine.filter((f) => f.status !== 'pass').map((f) => `${f.status}: ${f.message} ${(f.reasons ?? []).join(' ')}`)).toEqual([]);
    });
  }
  for (const ex of rule.spec.examples.fail) {
    it(`fail: ${ex.name}`, async () => {
      const { mine, inputErrors } = await runExample(rule, ex);
      expect(inputErrors.map((d) => d.message)).toEqual([]);
      expect(mine.some((f) => f.status === 'fail'), `expected a failure, got ${JSON.stringify(mine.map((f) => [f.status, f.message, f.reasons]))}`).toBe(true);
      for (const f of mine.filter((x) => x.status === 'fail')) expect(f.location?.startLine ?? 0).toBeGreaterThan(0);
    });
  }
  for (const ex of rule.spec.examples.unknown ?? []) {
    it(`unknown: ${ex.name}`, async () => {
      const { mine } = await runExample(rule, ex);
      expect(mine.some((f) => f.status === 'unknown'), `expected unknown, got ${JSON.stringify(mine.map((f) => [f.status, f.message]))}`).toBe(true);
      expect(mine.some((f) => f.status === 'pass')).toBe(false);
      for (const f of mine.filter((x) => x.status === 'unknown')) expect((f.reasons ?? []).length).toBeGreaterThan(0);
    });
  }
});
