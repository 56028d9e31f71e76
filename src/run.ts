/**
 * run(options): the one entry point every surface (CLI, GitHub Action) calls. It wires collectors →
 * snapshot → engine → locator, and returns a Report; rendering is the reporters' job.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { collectFiles } from './collectors/files.ts';
import type { LiveResult } from './collectors/live/types.ts';
import type { AzureCloud } from './collectors/azure-live/cloud.ts';
import type { AwsLiveOptions } from './collectors/aws-live/collect.ts';
import type { AzureLiveOptions } from './collectors/azure-live/collect.ts';
import type { GraphConnectionOverrides } from './collectors/graph-live/tenants.ts';
import { defaultConfig, parseConfig, type OobguardConfig } from './config/config.ts';
import { compileRules, type CompiledRule } from './engine/compile.ts';
import { evaluate } from './engine/evaluate.ts';
import { summarize } from './engine/summary.ts';
import type { CoverageSummary, Report, Severity } from './engine/types.ts';
import { compareReports, markBaseline } from './diff.ts';
import { Locator } from './locate.ts';
import { joinAwsIdentity } from './model/functions/aws-identity-join.ts';
import { emptySnapshot, SNAPSHOT_SCHEMA_VERSION, type Diagnostic, type Snapshot, type SourceCoverage } from './model/snapshot.ts';
import { BUILTIN_RULES_DIR, loadFrameworks, readRuleDocuments } from './rule-files.ts';
import { INFORMATION_URI, VERSION } from './version.ts';

export interface RunOptions {
  cwd: string;
  /** Files, directories, "-" for stdin. */
  paths: readonly string[];
  /** Evaluate a saved snapshot instead of collecting. */
  snapshot?: string;
  configFile?: string;
  /** Already-parsed config (tests, examples); wins over configFile. */
  config?: OobguardConfig;
  rulesDirs?: readonly string[];
  exclude?: readonly string[];
  /** Terraform variable files (--var-file). */
  varFiles?: readonly string[];
  /** Largest Terraform plan JSON read, in MB. */
  maxPlanMb?: number;
  /** Exit 2 when a live source read less than this share (0–100) of what it attempted. */
  minCoverage?: number;
  /** An earlier result (JSON report or snapshot): the report shows what changed since (`--previous`). */
  previous?: string;
  /** Like `previous`, and only findings new against it gate the exit code (`--baseline`). */
  baseline?: string;
  /** Results of live collectors run elsewhere (tests, sharded scans); an `aws` / `azure` member is merged into those collections. */
  liveResults?: readonly LiveResult[];
  /**
   * Model objects as a live collector leaves them, added to the collected snapshot (rule examples
   * of live-only collections, tests): `{mattermost: {users: [...]}, coverage: [...]}`.
   */
  liveCollections?: readonly LiveCollections[];
  /** Read the live cluster (kubeconfig context, or the in-cluster service account). */
  kube?: { context?: string; kubeconfigFile?: string; namespaces?: string[] };
  /** Read a live Mattermost server. */
  mattermost?: { url: string; token: string };
  /** Read the live AWS account of the default credential chain (AWS_PROFILE, SSO, web identity, IRSA…). */
  /** Live AWS: `regions` for the regional services (default `region`), `profile` for the base credentials, `roleArns` to assume (one account each). */
  aws?: {
    region: string; regions?: string[]; profile?: string; roleArns?: string[];
    /** Where and how to connect (tests and benchmarks: a local server, fixed credentials, concurrency). */
    connection?: Pick<AwsLiveOptions, 'endpoint' | 'credentials' | 'concurrency' | 'retryStrategy' | 'requestTimeoutMs'>;
  };
  /**
   * Read live Azure subscriptions with DefaultAzureCredential (CLI, managed identity, workload identity, env),
   * and through Microsoft Graph their Entra tenants, the `tenants` given and the declared OOB tenant
   * (`graph: false` skips Graph; `graphConnection` points it elsewhere, for tests).
   */
  azure?: {
    subscriptions: string[]; cloud?: AzureCloud; tenants?: string[]; graph?: boolean; graphConnection?: GraphConnectionOverrides;
    /** Where and how to connect to ARM (tests and benchmarks: a local ARM, a fixed credential, concurrency). */
    connection?: Pick<AzureLiveOptions, 'endpoint' | 'tlsCa' | 'credential' | 'concurrency' | 'maxRetries'>;
  };
  /** Progress messages for people (the CLI shows them on a terminal only). */
  onProgress?: (message: string) => void;
  failOn?: Severity;
  /** Scan time; defaults to the current time (the only clock read). */
  now?: string;
  stdin?: () => Promise<Uint8Array>;
  /** Skip built-in rules (rule tests load one rule at a time). */
  builtinRules?: boolean;
  /** Pre-compiled rules (rule example tests). */
  rules?: readonly CompiledRule[];
}

/** Collections of the model (any subset, objects complete) and the coverage of the reads that filled them. */
export interface LiveCollections {
  k8s?: Partial<Snapshot['k8s']>;
  mattermost?: Partial<Snapshot['mattermost']>;
  aws?: Partial<Snapshot['aws']>;
  azure?: Partial<Snapshot['azure']>;
  coverage?: SourceCoverage[];
}

export interface CollectResult {
  snapshot: Snapshot;
  memoryTexts: Map<string, string>;
}

export const DEFAULT_CONFIG_NAMES = ['.oobguard.yaml', '.oobguard.yml', 'oobguard.yaml'];

/**
 * The config file: --config, else .oobguard.yaml in the current directory, else (when exactly one
 * directory is scanned) .oobguard.yaml at that directory's root.
 */
export async function loadConfig(opts: Pick<RunOptions, 'cwd' | 'configFile' | 'config'> & { paths?: readonly string[] }): Promise<{ config: OobguardConfig; diagnostics: Diagnostic[] }> {
  if (opts.config) return { config: opts.config, diagnostics: [] };
  const scanned = opts.paths?.length === 1 && opts.paths[0] !== '-' ? opts.paths[0]! : null;
  const candidates = opts.configFile
    ? [opts.configFile]
    : [...DEFAULT_CONFIG_NAMES, ...(scanned ? DEFAULT_CONFIG_NAMES.map((n) => path.join(scanned, n)) : [])];
  for (const c of candidates) {
    let text: string;
    try {
      text = await readFile(path.resolve(opts.cwd, c), 'utf8');
    } catch (e) {
      if (opts.configFile) {
        return { config: defaultConfig(), diagnostics: [{ code: 'config/invalid', severity: 'error', file: c, message: `${c}: cannot read config file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
      }
      continue;
    }
    const parsed = parseConfig(text, c);
    return { config: parsed.config ?? defaultConfig(), diagnostics: parsed.diagnostics };
  }
  return { config: defaultConfig(), diagnostics: [] };
}

export async function collect(opts: RunOptions, config: OobguardConfig, now: string): Promise<CollectResult> {
  const snapshot = emptySnapshot(VERSION, now);
  const liveAws: Partial<Snapshot['aws']>[] = [];
  const liveAzure: Partial<Snapshot['azure']>[] = [];
  // Results handed in may carry cloud collections too (a live AWS result's `aws`, an Azure one's `azure`).
  for (const l of opts.liveResults ?? []) {
    if ('aws' in l && l.aws !== null && typeof l.aws === 'object') liveAws.push(l.aws as Partial<Snapshot['aws']>);
    if ('azure' in l && l.azure !== null && typeof l.azure === 'object') liveAzure.push(l.azure as Partial<Snapshot['azure']>);
  }
  const live = [...(opts.liveResults ?? []), ...(await collectLive(opts, snapshot, liveAws, liveAzure))];
  const files = await collectFiles({
    live,
    paths: opts.paths, cwd: opts.cwd, exclude: [...(opts.exclude ?? []), ...config.exclude],
    ...(opts.stdin ? { stdin: opts.stdin } : {}),
    ...(opts.varFiles ? { varFiles: opts.varFiles } : {}),
    ...(opts.maxPlanMb !== undefined ? { maxPlanMb: opts.maxPlanMb } : {}),
  });
  snapshot.sources.push('k8s-manifests', 'mattermost-config');
  snapshot.inputs = files.inputs;
  snapshot.diagnostics = files.diagnostics;
  snapshot.k8s = files.k8s;
  snapshot.mattermost.configs = files.configs;
  snapshot.aws = files.aws;
  // Live AWS objects join the ones Terraform declares, in the same collections.
  for (const part of liveAws) mergeCollections(snapshot.aws as unknown as Record<string, unknown>, part as Record<string, unknown>);
  snapshot.azure = files.azure;
  for (const part of liveAzure) mergeCollections(snapshot.azure as unknown as Record<string, unknown>, part as Record<string, unknown>);
  const coverage = live.map((l) => l.coverage);
  for (const { coverage: c, ...collections } of opts.liveCollections ?? []) {
    mergeCollections(snapshot as unknown as Record<string, unknown>, collections);
    coverage.push(...(c ?? []));
  }
  // Once every source is in: ServiceAccounts ↔ IAM roles, IRSA trusts ↔ providers ↔ clusters, buckets, NetworkPolicy engines.
  joinAwsIdentity(snapshot.aws, snapshot.k8s, snapshot.mattermost.configs);
  if (files.inputs.some((i) => i.format === 'terraform' || i.format === 'terraform-plan')) snapshot.sources.push('terraform');
  // Graph last: it needs the tenants of the subscriptions and Mattermost's client ids from every configuration.
  if (opts.azure) coverage.push(...(await collectGraphLive(opts.azure, config, snapshot, coverage, opts.onProgress)).map((l) => l.coverage));
  if (coverage.length > 0) {
    snapshot.coverage = coverage;
    for (const c of coverage) if (!snapshot.sources.includes(`${c.source}-live`)) snapshot.sources.push(`${c.source}-live`);
  }
  return { snapshot, memoryTexts: files.memoryTexts };
}

/** Azure subscriptions read at once (each has its own ARM throttling budget). */
const AZURE_SUBSCRIPTIONS_AT_ONCE = 4;

/**
 * Live collectors selected by the options; their SDKs load only when used. The sources — the
 * cluster, the AWS accounts, the Azure subscriptions, the Mattermost server — are independent and
 * read at the same time; their results keep this order.
 */
async function collectLive(opts: RunOptions, snapshot: Snapshot, liveAws: Partial<Snapshot['aws']>[], liveAzure: Partial<Snapshot['azure']>[]): Promise<LiveResult[]> {
  const progress = opts.onProgress ?? (() => {});
  const kube = async (k: NonNullable<RunOptions['kube']>): Promise<LiveResult[]> => {
    progress(`reading the Kubernetes API${k.context ? ` (${k.context})` : ''}…`);
    const { collectKubernetes } = await import('./collectors/k8s-live/collect.ts');
    let kubeconfig: string | undefined;
    if (k.kubeconfigFile) {
      try {
        kubeconfig = await readFile(path.resolve(opts.cwd, k.kubeconfigFile), 'utf8');
      } catch (e) {
        throw new UsageError(`--kubeconfig ${k.kubeconfigFile}: cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      }
    }
    return [await collectKubernetes({
      ...(kubeconfig !== undefined ? { kubeconfig } : {}),
      ...(k.context ? { context: k.context } : {}),
      ...(k.namespaces ? { namespaces: k.namespaces } : {}),
    })];
  };
  const aws = async (a: NonNullable<RunOptions['aws']>): Promise<LiveResult[]> => {
    const roles = a.roleArns ?? [];
    progress(roles.length > 0 ? `reading ${roles.length} AWS account${roles.length === 1 ? '' : 's'} (assumed roles)…` : 'reading the AWS account…');
    const { collectAwsAccounts } = await import('./collectors/aws-live/collect.ts');
    const results = await collectAwsAccounts({
      region: a.region,
      ...(a.regions !== undefined && a.regions.length > 0 ? { regions: a.regions } : {}),
      ...(a.profile !== undefined ? { profile: a.profile } : {}),
      ...(roles.length > 0 ? { roleArns: roles } : {}),
      ...(a.connection ?? {}),
      ...(opts.now !== undefined ? { now: opts.now } : {}),
    });
    liveAws.push(...results.map((r) => r.aws));
    return results;
  };
  const azure = async (z: NonNullable<RunOptions['azure']>): Promise<LiveResult[]> => {
    const subs = [...new Set(z.subscriptions)];
    progress(`reading ${subs.length === 1 ? `Azure subscription ${subs[0]}` : `${subs.length} Azure subscriptions`}…`);
    const { collectAzure, joinSubscriptions } = await import('./collectors/azure-live/collect.ts');
    const { mapBounded } = await import('./collectors/aws-live/calls.ts');
    const results = await mapBounded(subs, AZURE_SUBSCRIPTIONS_AT_ONCE, (subscriptionId) => collectAzure({
      subscriptionId, ...(z.cloud !== undefined ? { cloud: z.cloud } : {}), ...(z.connection ?? {}),
    }));
    joinSubscriptions(results);
    liveAzure.push(...results.map((r) => r.azure));
    return results;
  };
  const mattermost = async (m: NonNullable<RunOptions['mattermost']>): Promise<LiveResult[]> => {
    progress(`reading the Mattermost API (${m.url})…`);
    const { collectMattermost } = await import('./collectors/mattermost-live/collect.ts');
    let mm;
    try {
      mm = await collectMattermost({ url: m.url, token: m.token });
    } catch (e) {
      // Only usage problems throw (a malformed URL, a token that cannot be an HTTP header).
      throw new UsageError(`--mattermost-url: ${(e as Error).message}`);
    }
    snapshot.mattermost.users.push(...mm.users);
    snapshot.mattermost.accessTokens.push(...mm.accessTokens);
    snapshot.mattermost.servers.push(mm.server);
    snapshot.mattermost.dataRetention.push(...mm.dataRetention);
    return [mm];
  };
  const parts = await Promise.all([
    opts.kube ? kube(opts.kube) : [],
    opts.aws ? aws(opts.aws) : [],
    opts.azure && opts.azure.subscriptions.length > 0 ? azure(opts.azure) : [],
    opts.mattermost ? mattermost(opts.mattermost) : [],
  ]);
  return parts.flat();
}

async function collectGraphLive(
  azure: NonNullable<RunOptions['azure']>, config: OobguardConfig, snapshot: Snapshot, coverage: readonly SourceCoverage[], onProgress?: (m: string) => void,
): Promise<LiveResult[]> {
  const { collectGraphTenants } = await import('./collectors/graph-live/tenants.ts');
  const results = await collectGraphTenants({
    environment: config.environment, snapshot, coverage, ...(azure.tenants ? { tenants: azure.tenants } : {}), ...(azure.graph === false ? { graph: false } : {}),
    ...(azure.cloud ? { cloud: azure.cloud } : {}), ...(azure.graphConnection ? { connection: azure.graphConnection } : {}), ...(onProgress ? { onProgress } : {}),
  });
  for (const r of results) mergeCollections(snapshot.azure as unknown as Record<string, unknown>, r.azure as Record<string, unknown>);
  return results;
}

/** Append every array of `extra` to the array at the same place in `into` (nested objects walked). */
function mergeCollections(into: Record<string, unknown>, extra: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(extra)) {
    const cur = into[k];
    if (Array.isArray(v) && Array.isArray(cur)) cur.push(...(v as unknown[]));
    else if (v && typeof v === 'object' && cur && typeof cur === 'object' && !Array.isArray(v)) mergeCollections(cur as Record<string, unknown>, v as Record<string, unknown>);
  }
}

export async function loadRules(opts: Pick<RunOptions, 'cwd' | 'rulesDirs' | 'builtinRules'>): Promise<{ rules: CompiledRule[]; diagnostics: Diagnostic[] }> {
  const frameworks = await loadFrameworks();
  const docs = [];
  const diagnostics: Diagnostic[] = [];
  if (opts.builtinRules !== false) {
    const b = await readRuleDocuments(BUILTIN_RULES_DIR, true, opts.cwd);
    docs.push(...b.docs);
    diagnostics.push(...b.diagnostics);
  }
  for (const dir of opts.rulesDirs ?? []) {
    const u = await readRuleDocuments(path.resolve(opts.cwd, dir), false, opts.cwd);
    docs.push(...u.docs);
    diagnostics.push(...u.diagnostics);
  }
  const compiled = compileRules(docs, frameworks.refs);
  return { rules: compiled.rules, diagnostics: [...diagnostics, ...compiled.diagnostics] };
}

export async function readSnapshot(file: string, cwd: string): Promise<Snapshot> {
  let data: Partial<Snapshot> | null;
  try {
    data = JSON.parse(await readFile(path.resolve(cwd, file), 'utf8')) as Partial<Snapshot> | null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code ? `cannot read the snapshot (${code})` : 'not valid JSON, so not an oobguard snapshot'}`);
  }
  if (data === null || typeof data !== 'object' || data.schemaVersion !== SNAPSHOT_SCHEMA_VERSION || !data.k8s || !data.mattermost) {
    throw new UsageError(`${file}: not an oobguard snapshot (schemaVersion ${String(data?.schemaVersion)}; expected ${SNAPSHOT_SCHEMA_VERSION})`);
  }
  return data as Snapshot;
}

export class UsageError extends Error {}

async function exists(file: string): Promise<boolean> {
  return access(file).then(() => true, () => false);
}

/** Per live source: calls made, failed, gaps, and the share that succeeded. */
function coverageSummary(snapshot: Snapshot): CoverageSummary[] {
  return (snapshot.coverage ?? []).map((c) => ({
    source: c.source, scope: c.scope, calls: c.calls, failedCalls: c.failedCalls, gaps: c.gaps.length,
    percent: c.calls === 0 ? 100 : Math.round((1000 * (c.calls - c.failedCalls)) / c.calls) / 10,
  }));
}

/** Collect (or load) → evaluate → locate. */
export async function run(opts: RunOptions): Promise<{ report: Report; snapshot: Snapshot }> {
  const now = opts.now ?? new Date().toISOString();
  const { config, diagnostics: configDiags } = await loadConfig({ ...opts, paths: opts.snapshot ? [] : opts.paths });
  const failOn: Severity = opts.failOn ?? config.failOn ?? 'low';
  const { rules, diagnostics: ruleDiags } = opts.rules ? { rules: [...opts.rules], diagnostics: [] } : await loadRules(opts);
  let snapshot: Snapshot;
  let memoryTexts = new Map<string, string>();
  if (opts.snapshot) snapshot = await readSnapshot(opts.snapshot, opts.cwd);
  else ({ snapshot, memoryTexts } = await collect(opts, config, now));
  opts.onProgress?.(`evaluating ${rules.length} rules…`);
  const out = evaluate({ rules, snapshot, config, now });
  await new Locator({ cwd: opts.cwd, memoryTexts, inputs: snapshot.inputs }).locateAll(out.findings);
  const diagnostics = [...configDiags, ...ruleDiags, ...snapshot.diagnostics, ...out.diagnostics];
  let earlierFile = opts.baseline ?? opts.previous;
  // A scheduled scan's first run has no previous result yet: nothing to compare, and it says so.
  if (opts.baseline === undefined && earlierFile !== undefined && !(await exists(path.resolve(opts.cwd, earlierFile)))) {
    diagnostics.push({ code: 'input/not-found', severity: 'warning', message: `--previous ${earlierFile}: no previous result yet (a first run?), so nothing is compared`, hint: 'Write this scan\'s JSON report there (-o) for the next run to compare with.' });
    earlierFile = undefined;
  }
  const earlier = earlierFile === undefined ? undefined : await loadResult(earlierFile, { cwd: opts.cwd, rules, config, now, failOn });
  if (earlier && opts.baseline !== undefined) markBaseline(earlier, out.findings);
  const summarized = summarize(out.findings, snapshot.inputs, diagnostics, failOn, { total: rules.length });
  const { summary } = summarized;
  let exitCode = summarized.exitCode;
  const coverage = coverageSummary(snapshot);
  if (opts.minCoverage !== undefined) {
    for (const c of coverage) {
      if (c.percent < opts.minCoverage) {
        diagnostics.push({
          code: 'collector/error', severity: 'error',
          message: `${c.source} ${c.scope}: ${c.percent}% of ${c.calls} API calls succeeded, below --min-coverage ${opts.minCoverage}%`,
          hint: 'Grant the scanner the read permissions in deploy/ (the unknown findings name each missing one).',
        });
        exitCode = 2;
      }
    }
  }
  const report: Report = {
    schemaVersion: 1,
    tool: { name: 'oobguard', version: VERSION, informationUri: INFORMATION_URI },
    scannedAt: now,
    failOn,
    inputs: snapshot.inputs,
    diagnostics,
    rules: out.rules,
    findings: out.findings,
    summary: exitCode === 2 && summary.verdict !== 'incomplete' ? { ...summary, verdict: 'incomplete' } : summary,
    ...(coverage.length > 0 ? { coverage } : {}),
    exitCode,
  };
  if (earlier && earlierFile !== undefined) {
    report.changes = compareReports(earlier, report, path.basename(earlierFile));
    if (opts.baseline !== undefined) report.baseline = { file: path.basename(opts.baseline), scannedAt: earlier.scannedAt };
  }
  return { report, snapshot };
}

/**
 * An earlier result to compare with: a JSON report (`--format json`) as it is, or a snapshot
 * (`oobguard collect`) judged now with the same rules, config and failOn.
 */
export async function loadResult(file: string, ctx: { cwd: string; rules: readonly CompiledRule[]; config: OobguardConfig; now: string; failOn: Severity }): Promise<Report> {
  const full = path.resolve(ctx.cwd, file);
  let data: unknown;
  try {
    data = JSON.parse(await readFile(full, 'utf8'));
  } catch (e) {
    const why = e instanceof SyntaxError ? 'not JSON' : `cannot read it (${(e as NodeJS.ErrnoException).code ?? 'error'})`;
    throw new UsageError(`${file}: ${why}; give an oobguard JSON report (--format json) or a snapshot (oobguard collect)`);
  }
  const o = (data !== null && typeof data === 'object' ? data : {}) as Record<string, unknown>;
  if (o['schemaVersion'] === 1 && Array.isArray(o['findings']) && (o['tool'] as { name?: unknown } | undefined)?.name === 'oobguard') return data as Report;
  if (o['schemaVersion'] === SNAPSHOT_SCHEMA_VERSION && o['k8s'] && o['mattermost']) {
    const snapshot = data as Snapshot;
    const out = evaluate({ rules: ctx.rules, snapshot, config: ctx.config, now: ctx.now });
    const { summary, exitCode } = summarize(out.findings, snapshot.inputs, snapshot.diagnostics, ctx.failOn, { total: ctx.rules.length });
    return {
      schemaVersion: 1, tool: { name: 'oobguard', version: snapshot.tool.version, informationUri: INFORMATION_URI }, scannedAt: snapshot.collectedAt,
      failOn: ctx.failOn, inputs: snapshot.inputs, diagnostics: snapshot.diagnostics, rules: out.rules, findings: out.findings, summary, exitCode,
      ...(snapshot.coverage ? { coverage: coverageSummary(snapshot) } : {}),
    };
  }
  if (o['version'] === '2.1.0' && Array.isArray(o['runs'])) throw new UsageError(`${file}: a SARIF file; give the JSON report of that scan (--format json) or its snapshot`);
  throw new UsageError(`${file}: not an oobguard JSON report or snapshot`);
}
