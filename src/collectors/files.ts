/**
 * The file collector: rendered Kubernetes manifests (YAML/JSON, multi-document, `kind: List`,
 * Helm output) and Mattermost `config.json`, from files, directories and stdin.
 *
 * Bad input never stops the scan: each unreadable file or unparsable document gives one
 * diagnostic naming the file, the line and the reason, and every other input (and every other
 * document of the same file) is still scanned. Inputs that are not deployment state at all — a
 * `package.json`, a chart's `values.yaml`, an unrendered chart template, a `kustomization.yaml`
 * — are recorded as `skipped` with the reason, never as errors.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic, InputRecord, Snapshot } from '../model/snapshot.ts';
import type { SourceRef } from '../model/provenance.ts';
import { discoverInputs, isDiagnostic, readInput, type InputText } from './inputs.ts';
import { buildCollections, newNormalizeResult, type StandaloneConfig } from './k8s-manifests/build.ts';
import { arr, isK8sDocument, isMattermostConfig, isObj, normalizeDocument } from './k8s-manifests/normalize.ts';
import { redactCollections } from './redact.ts';
import { emptyAws } from '../model/aws.ts';
import { emptyAzure } from '../model/azure.ts';
import { adaptTerraform } from './terraform/adapt.ts';
import { TERRAFORM_ADAPTERS } from './terraform/adapters.ts';
import { loadHcl, type TfFile } from './terraform/hcl.ts';
import { isTerraformPlan, loadPlan } from './terraform/plan.ts';
import type { TfCollection } from './terraform/types.ts';
import type { LiveResult } from './live/types.ts';
import { TERRAFORM_RESOLVERS } from './terraform/resolvers.ts';
import { isDocumentError, parseDocumentText, parseJsonText, splitDocuments, type DocumentError, type RawDocument } from './yaml-docs.ts';

export interface FileCollectOptions {
  paths: readonly string[];
  cwd: string;
  exclude?: readonly string[];
  stdin?: () => Promise<Uint8Array>;
  /** Terraform variable files (--var-file), applied after terraform.tfvars and *.auto.tfvars. */
  varFiles?: readonly string[];
  /** Largest Terraform plan JSON read, in MB (default 64). */
  maxPlanMb?: number;
  /** Results of live collectors, normalized together with the files. */
  live?: readonly LiveResult[];
}

export const DEFAULT_MAX_PLAN_MB = 64;

export interface FileCollectResult {
  inputs: InputRecord[];
  diagnostics: Diagnostic[];
  k8s: Snapshot['k8s'];
  configs: Snapshot['mattermost']['configs'];
  aws: Snapshot['aws'];
  azure: Snapshot['azure'];
  /** Texts of inputs that are not files on disk (stdin), for the locator. */
  memoryTexts: Map<string, string>;
}

const NOT_CONFIG = 'neither Kubernetes objects nor a Mattermost config.json (no apiVersion/kind)';

/** Input texts kept in memory for the locator, at most (characters). */
const KEEP_TEXT_CHARS = 128 * 1024 * 1024;

export async function collectFiles(opts: FileCollectOptions): Promise<FileCollectResult> {
  const found = await discoverInputs(opts.paths, { cwd: opts.cwd, ...(opts.exclude ? { exclude: opts.exclude } : {}) });
  const diagnostics: Diagnostic[] = [...found.notes];
  const inputs: InputRecord[] = [];
  const norm = newNormalizeResult();
  const standalone: StandaloneConfig[] = [];
  const memoryTexts = new Map<string, string>();
  const charts = new ChartDetector(opts.cwd);

  // Read ahead a few files while the current one is parsed: the scan is I/O-bound otherwise.
  type Prepared = { kind: 'problem'; problem: Diagnostic } | { kind: 'chart'; chart: string } | { kind: 'read'; read: InputText | Diagnostic };
  const entries = found.entries;
  const prepare = async (i: number): Promise<Prepared> => {
    const { file, problem } = entries[i]!;
    if (problem) return { kind: 'problem', problem };
    const chart = file === '-' ? null : await charts.templateOf(file);
    if (chart !== null) return { kind: 'chart', chart };
    return { kind: 'read', read: await readInput(file, opts.cwd, opts.stdin) };
  };
  const inflight = new Map<number, Promise<Prepared>>();
  const tfFiles: TfFile[] = [];
  const plans: { file: string; json: unknown; text: string }[] = [];
  const tfRecords = new Map<string, InputRecord>();
  let keptChars = 0;
  const READ_AHEAD = 8;
  for (let i = 0; i < entries.length; i++) {
    for (let j = i; j < Math.min(entries.length, i + READ_AHEAD); j++) if (!inflight.has(j)) inflight.set(j, prepare(j));
    const prepared = await inflight.get(i)!;
    inflight.delete(i);
    const { file } = entries[i]!;
    if (prepared.kind === 'problem') {
      diagnostics.push(prepared.problem);
      inputs.push(errorRecord(file, prepared.problem));
      continue;
    }
    if (prepared.kind === 'chart') {
      inputs.push({
        file, status: 'skipped', format: 'unknown', documents: 0, ignoredDocuments: 0, sha256: '',
        reason: `unrendered Helm chart template (chart ${prepared.chart}); scan the output of "helm template" instead`,
      });
      charts.skipped(prepared.chart, diagnostics);
      continue;
    }
    const read = prepared.read;
    if (isDiagnostic(read)) {
      diagnostics.push(read);
      inputs.push(errorRecord(file, read));
      continue;
    }
    // Keep texts for the locator (no second read) while they fit a budget; stdin always.
    if (file === '-' || keptChars + read.text.length <= KEEP_TEXT_CHARS) {
      memoryTexts.set(file, read.text);
      keptChars += read.text.length;
    }
    const maxPlan = (opts.maxPlanMb ?? DEFAULT_MAX_PLAN_MB) * 1048576;
    if (read.text.length > maxPlan && /^\s*\{/.test(read.text) && /"format_version"/.test(read.text.slice(0, 4096)) && /"(planned_values|resource_changes|terraform_version)"/.test(read.text.slice(0, 65536))) {
      const d: Diagnostic = {
        code: 'input/too-large', severity: 'error', file,
        message: `${file}: Terraform plan of ${(read.text.length / 1048576).toFixed(0)} MB is larger than the ${maxPlan / 1048576} MB limit; not scanned`,
        hint: 'Scan the configuration (*.tf) instead, split the plan by root module, or raise the limit with --max-plan-mb (memory use is about 10× the plan size).',
      };
      diagnostics.push(d);
      inputs.push(errorRecord(file, d));
      continue;
    }
    if (/\.(tf|tfvars)$|\.tfvars\.json$/.test(file)) {
      // Terraform is read as a whole (modules span files): recorded now, judged after the loop.
      tfFiles.push({ file, text: read.text });
      const record: InputRecord = { file, status: 'scanned', format: file.endsWith('.tf') ? 'terraform' : 'terraform-vars', documents: 0, ignoredDocuments: 0, sha256: read.sha256 };
      tfRecords.set(file, record);
      inputs.push(record);
      continue;
    }
    inputs.push(scanText(read, norm, standalone, diagnostics, plans));
  }
  // Objects read from live APIs take the same path as documents read from files.
  for (const live of opts.live ?? []) {
    for (const d of live.documents) normalizeDocument(d.doc, d.source, norm);
    for (const c of live.mattermostConfigs) standalone.push({ config: c.config, source: c.source, ...(c.envKeys ? { envKeys: c.envKeys } : {}) });
  }
  const { k8s, configs } = buildCollections(norm, standalone);
  let cloud = { aws: emptyAws(), azure: emptyAzure() };
  if (tfFiles.length > 0 || plans.length > 0) {
    const merged: TfCollection = { resources: [], providers: [] };
    let hclCollection: TfCollection = { resources: [], providers: [] };
    const varFiles: TfFile[] = [];
    for (const vf of opts.varFiles ?? []) {
      const r = await readInput(vf, opts.cwd);
      if (isDiagnostic(r)) diagnostics.push(r);
      else varFiles.push({ file: vf, text: r.text });
    }
    const hcl = tfFiles.length > 0 ? await loadHcl(tfFiles, { varFiles, ...TERRAFORM_RESOLVERS }) : { collection: hclCollection, diagnostics: [], blocksPerFile: new Map<string, number>(), failed: new Set<string>() };
    hclCollection = hcl.collection;
    diagnostics.push(...hcl.diagnostics);
    for (const [file, rec] of tfRecords) {
      if (hcl.failed.has(file)) {
        rec.status = 'error';
        rec.reason = hcl.diagnostics.find((d) => d.file === file)?.message ?? 'invalid HCL';
      } else rec.documents = hcl.blocksPerFile.get(file) ?? 0;
    }
    // A plan holds the resolved values; when its configuration is also among the inputs, findings
    // point at the .tf lines, and each resource is judged once (from the plan).
    const fromPlans = new Set<string>();
    for (const p of plans) {
      const loaded = loadPlan(p.file, p.json, { text: p.text });
      diagnostics.push(...loaded.diagnostics);
      const hclByAddress = new Map(hclCollection.resources.map((r) => [r.address.replace(/\[[^\]]*\]/g, ''), r]));
      for (const r of loaded.collection.resources) {
        const h = hclByAddress.get(r.address.replace(/\[[^\]]*\]/g, ''));
        if (h) { r.source = h.source; r.lines = h.lines; fromPlans.add(h.address); }
        merged.resources.push(r);
      }
      merged.providers.push(...loaded.collection.providers);
    }
    merged.resources.push(...hclCollection.resources.filter((r) => !fromPlans.has(r.address)));
    if (plans.length === 0) merged.providers.push(...hclCollection.providers);
    else {
      const planKeys = new Set(merged.providers.map((p) => p.key));
      for (const p of hclCollection.providers) if (!planKeys.has(p.key)) merged.providers.push(p);
    }
    const adapted = adaptTerraform(merged, TERRAFORM_ADAPTERS, plans.length > 0 ? 'terraform-plan' : 'terraform-hcl');
    diagnostics.push(...adapted.diagnostics);
    cloud = { aws: adapted.aws, azure: adapted.azure };
  }
  redactCollections({ k8s, configs });
  return { inputs, diagnostics, k8s, configs, memoryTexts, aws: cloud.aws, azure: cloud.azure };
}

function errorRecord(file: string, d: Diagnostic): InputRecord {
  return { file, status: 'error', format: 'unknown', documents: 0, ignoredDocuments: 0, sha256: '', reason: d.message };
}

/** Kinds that are tool configuration read on a workstation, never objects in a cluster. */
function clientSideKind(doc: Record<string, unknown>): string | null {
  const apiVersion = String(doc['apiVersion']);
  const kind = String(doc['kind']);
  if (apiVersion.startsWith('kustomize.config.k8s.io/')) {
    return `a Kustomize ${kind} (build input, not a rendered manifest); scan the output of "kustomize build" instead`;
  }
  if (apiVersion === 'v1' && kind === 'Config') return 'a kubeconfig file, not a manifest';
  return null;
}

function parseInput(input: InputText): { docs: { raw: RawDocument; value: unknown }[]; errors: DocumentError[]; count: number } {
  const { file, text } = input;
  const json = file.toLowerCase().endsWith('.json') || (file === '-' && /^\s*[{[]/.test(text));
  if (json) {
    const parsed = parseJsonText(text);
    // Standard input that only looked like JSON may still be YAML (flow style).
    if (!(file === '-' && isDocumentError(parsed))) {
      return isDocumentError(parsed) ? { docs: [], errors: [parsed], count: 1 } : { docs: [{ raw: parsed, value: parsed.value }], errors: [], count: 1 };
    }
  }
  const docs: { raw: RawDocument; value: unknown }[] = [];
  const errors: DocumentError[] = [];
  const raws = splitDocuments(text);
  for (const raw of raws) {
    const parsed = parseDocumentText(text, raw);
    if (isDocumentError(parsed)) errors.push(parsed);
    else if (parsed.value !== null && parsed.value !== undefined) docs.push({ raw, value: parsed.value });
  }
  return { docs, errors, count: raws.length };
}

function scanText(
  input: InputText, norm: ReturnType<typeof newNormalizeResult>, standalone: StandaloneConfig[], diagnostics: Diagnostic[],
  plans?: { file: string; json: unknown; text: string }[],
): InputRecord {
  const { file } = input;
  const rec: InputRecord = { file, status: 'skipped', format: 'unknown', documents: 0, ignoredDocuments: 0, sha256: input.sha256 };
  const { docs, errors, count } = parseInput(input);
  for (const err of errors) {
    const line = err.errorLine ?? err.line;
    const where = `${file}:${line}${err.errorColumn !== null ? `:${err.errorColumn}` : ''}`;
    const which = count > 1 ? `document ${err.index + 1}: ` : '';
    const d: Diagnostic = {
      code: err.code, severity: 'error', file, line,
      message: `${where}: ${which}${err.message}; ${count > 1 ? 'document' : 'file'} not scanned`,
      hint: err.code === 'input/parse'
        ? 'Fix the syntax (try `yamllint` or `jq`), or exclude the file with --exclude.'
        : 'This is not a plausible manifest; remove it or exclude the file with --exclude.',
    };
    diagnostics.push(d);
    rec.reason ??= d.message;
  }
  let recognized = 0;
  let clientSide: string | null = null;
  for (const { raw, value } of docs) {
    rec.documents++;
    const source: SourceRef = { file, doc: raw.index, line: raw.line, range: [raw.start, raw.end], docPath: '' };
    if (raw.template) source.template = raw.template;
    if (isK8sDocument(value)) {
      const client = clientSideKind(value);
      if (client !== null) {
        clientSide ??= client;
        rec.ignoredDocuments++;
        continue;
      }
      rec.format = 'kubernetes';
      recognized++;
      const kind = value['kind'];
      if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value['items'])) {
        arr(value['items']).forEach((item, i) => {
          if (!(isK8sDocument(item) && normalizeDocument(item, { ...source, docPath: `items[${i}]` }, norm))) rec.ignoredDocuments++;
        });
      } else if (!normalizeDocument(value, source, norm)) rec.ignoredDocuments++;
    } else if (plans && isTerraformPlan(value)) {
      rec.format = 'terraform-plan';
      plans.push({ file, json: value, text: input.text });
      recognized++;
    } else if (isMattermostConfig(value)) {
      rec.format = 'mattermost-config';
      standalone.push({ config: value, source });
      recognized++;
    } else {
      rec.ignoredDocuments++;
    }
  }
  if (errors.length > 0) rec.status = 'error';
  else if (recognized > 0) rec.status = 'scanned';
  else rec.reason = clientSide ?? (count === 0 ? 'empty (no YAML documents, only comments or whitespace)' : NOT_CONFIG);
  return rec;
}

/**
 * Files under `<chart>/templates/` next to a `Chart.yaml` are Go templates, not YAML: scanning
 * them would only produce parse errors. They are skipped with one note per chart.
 */
class ChartDetector {
  private readonly cache = new Map<string, boolean>();
  private readonly noted = new Map<string, Diagnostic>();
  private readonly cwd: string;

  constructor(cwd: string) {
    this.cwd = cwd;
  }

  private async hasChartYaml(dir: string): Promise<boolean> {
    let v = this.cache.get(dir);
    if (v === undefined) {
      v = await stat(path.join(dir, 'Chart.yaml')).then((s) => s.isFile(), () => false);
      this.cache.set(dir, v);
    }
    return v;
  }

  /** The chart directory (as shown) when `file` is one of its templates, else null. */
  async templateOf(file: string): Promise<string | null> {
    const parts = file.split('/');
    for (let i = parts.length - 2; i >= 0; i--) {
      if (parts[i] !== 'templates') continue;
      const chartShown = parts.slice(0, i).join('/') || '.';
      if (await this.hasChartYaml(path.resolve(this.cwd, chartShown))) return chartShown;
    }
    return null;
  }

  skipped(chart: string, diagnostics: Diagnostic[]): void {
    const prior = this.noted.get(chart);
    if (prior) {
      const n = Number(/\((\d+) template/.exec(prior.message)?.[1] ?? '1') + 1;
      prior.message = prior.message.replace(/\(\d+ templates?/, `(${n} templates`);
      return;
    }
    const d: Diagnostic = {
      code: 'input/skipped', severity: 'note', file: chart,
      message: `${chart}: unrendered Helm chart (1 template skipped); its templates are not YAML until rendered`,
      hint: `Render it and scan the output: helm template RELEASE ${chart} -f VALUES | oobguard scan -`,
    };
    this.noted.set(chart, d);
    diagnostics.push(d);
  }
}
