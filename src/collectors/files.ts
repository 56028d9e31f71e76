/**
 * The file collector: rendered Kubernetes manifests (YAML/JSON, multi-document, `kind: List`,
 * Helm output) and Mattermost `config.json`, from files, directories and stdin.
 */
import type { Diagnostic, InputRecord, Snapshot } from '../model/snapshot.ts';
import type { SourceRef } from '../model/provenance.ts';
import { discoverInputs, isDiagnostic, readInput, type InputText } from './inputs.ts';
import { buildCollections, newNormalizeResult, type StandaloneConfig } from './k8s-manifests/build.ts';
import { arr, isK8sDocument, isMattermostConfig, isObj, normalizeDocument } from './k8s-manifests/normalize.ts';
import { depthExceeds, isDocumentError, MAX_DEPTH, parseDocumentText, splitDocuments, type RawDocument } from './yaml-docs.ts';

export interface FileCollectOptions {
  paths: readonly string[];
  cwd: string;
  exclude?: readonly string[];
  stdin?: () => Promise<Uint8Array>;
}

export interface FileCollectResult {
  inputs: InputRecord[];
  diagnostics: Diagnostic[];
  k8s: Snapshot['k8s'];
  configs: Snapshot['mattermost']['configs'];
  /** Texts of inputs that are not files on disk (stdin), for the locator. */
  memoryTexts: Map<string, string>;
}

export async function collectFiles(opts: FileCollectOptions): Promise<FileCollectResult> {
  const found = await discoverInputs(opts.paths, { cwd: opts.cwd, ...(opts.exclude ? { exclude: opts.exclude } : {}) });
  const diagnostics: Diagnostic[] = [...found.diagnostics];
  const inputs: InputRecord[] = [];
  const norm = newNormalizeResult();
  const standalone: StandaloneConfig[] = [];
  const memoryTexts = new Map<string, string>();

  for (const file of found.files) {
    const read = await readInput(file, opts.cwd, opts.stdin);
    if (isDiagnostic(read)) {
      diagnostics.push(read);
      inputs.push({ file, status: 'error', format: 'unknown', documents: 0, ignoredDocuments: 0, sha256: '', reason: read.message });
      continue;
    }
    if (file === '-') memoryTexts.set('-', read.text);
    inputs.push(scanText(read, norm, standalone, diagnostics));
  }
  const { k8s, configs } = buildCollections(norm, standalone);
  return { inputs, diagnostics, k8s, configs, memoryTexts };
}

function scanText(input: InputText, norm: ReturnType<typeof newNormalizeResult>, standalone: StandaloneConfig[], diagnostics: Diagnostic[]): InputRecord {
  const { file, text } = input;
  const rec: InputRecord = { file, status: 'skipped', format: 'unknown', documents: 0, ignoredDocuments: 0, sha256: input.sha256 };
  let docs: { raw: RawDocument; value: unknown }[] = [];
  let errors = 0;
  const isJson = file.toLowerCase().endsWith('.json') || (file === '-' && /^\s*[{[]/.test(text));
  if (isJson) {
    const raw: RawDocument = { index: 0, start: 0, end: text.length, line: 1, template: null };
    try {
      const value: unknown = JSON.parse(text);
      if (depthExceeds(value, MAX_DEPTH)) {
        diagnostics.push({ code: 'input/too-deep', severity: 'error', file, line: 1, message: `${file}: nesting deeper than ${MAX_DEPTH} levels; not scanned`, hint: 'This is not a Kubernetes manifest or Mattermost config; exclude it with --exclude.' });
        errors++;
      } else docs = [{ raw, value }];
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      diagnostics.push({ code: 'input/parse', severity: 'error', file, message: `${file}: invalid JSON: ${msg}`, hint: 'Fix the syntax, or exclude the file with --exclude.' });
      errors++;
    }
  } else {
    for (const raw of splitDocuments(text)) {
      const parsed = parseDocumentText(text, raw);
      if (isDocumentError(parsed)) {
        errors++;
        const where = parsed.errorLine ?? parsed.line;
        diagnostics.push({
          code: parsed.code, severity: 'error', file, line: where,
          message: `${file}:${where}: document ${parsed.index + 1}: ${parsed.message}; document skipped`,
          hint: parsed.code === 'input/parse' ? 'Fix the YAML syntax (try `yamllint`), or exclude the file with --exclude.' : 'This document is not a plausible manifest; remove it or exclude the file with --exclude.',
        });
        continue;
      }
      if (parsed.value !== null && parsed.value !== undefined) docs.push({ raw, value: parsed.value });
    }
  }
  let recognized = 0;
  for (const { raw, value } of docs) {
    rec.documents++;
    const source: SourceRef = { file, doc: raw.index, line: raw.line, range: [raw.start, raw.end], docPath: '' };
    if (raw.template) source.template = raw.template;
    if (isK8sDocument(value)) {
      rec.format = 'kubernetes';
      if (value['kind'] === 'List' || (typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(value['items']))) {
        arr(value['items']).forEach((item, i) => {
          if (isK8sDocument(item) && normalizeDocument(item, { ...source, docPath: `items[${i}]` }, norm)) recognized++;
          else rec.ignoredDocuments++;
        });
        recognized++;
      } else if (normalizeDocument(value, source, norm)) recognized++;
      else { rec.ignoredDocuments++; recognized++; }
    } else if (isMattermostConfig(value)) {
      rec.format = 'mattermost-config';
      standalone.push({ config: value, source });
      recognized++;
    } else if (isObj(value) || Array.isArray(value)) {
      rec.ignoredDocuments++;
    }
  }
  if (errors > 0) rec.status = 'error';
  else if (recognized > 0) rec.status = 'scanned';
  else rec.reason = 'neither Kubernetes objects nor a Mattermost config.json (no apiVersion/kind)';
  return rec;
}
