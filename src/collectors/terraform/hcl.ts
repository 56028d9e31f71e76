/**
 * Terraform HCL → TfCollection. Files are parsed with hcl2json (HashiCorp's own HCL parser,
 * compiled to WebAssembly); lines come from a light scan of the text (hcl-lines.ts); expressions
 * are partially evaluated (expr.ts) with variables from defaults, terraform.tfvars, *.auto.tfvars
 * and --var-file. Local module sources are followed; anything that cannot be resolved statically
 * is recorded as unknown, never guessed.
 */
import path from 'node:path';
import type { Diagnostic } from '../../model/snapshot.ts';
import type { SourceRef } from '../../model/provenance.ts';
import { evaluateValue, isUnresolved, referencesIn, type Scope, type TfValue, type Unresolved } from './expr.ts';
import { blockLines, scanHclLines, type HclBlock } from './hcl-lines.ts';
import { attrPath, type TfCollection, type TfJson, type TfProviderConfig, type TfResource } from './types.ts';

export interface TfFile {
  /** Display path (repo-relative, POSIX). */
  file: string;
  text: string;
}

type Json = Record<string, unknown>;

interface ParsedFile {
  file: string;
  json: Json;
  blocks: HclBlock;
}

interface ModuleDir {
  dir: string;
  files: ParsedFile[];
  /** Variable files of the directory (root modules only): terraform.tfvars, *.auto.tfvars. */
  tfvars: TfFile[];
}

export interface HclLoadOptions {
  /** Extra variable files (--var-file), applied last, to every root module. */
  varFiles?: TfFile[];
  /** Resolves `data.<type>.<name>` attributes that are computable from configuration (e.g. aws_iam_policy_document.json). */
  dataResolvers?: Record<string, (values: Record<string, TfJson>, attr: string) => TfJson | undefined>;
  /** Derivable attributes of managed resources (e.g. aws_s3_bucket.id = bucket). */
  derived?: Record<string, (values: Record<string, TfJson>, attr: string) => TfJson | undefined>;
}

export interface HclLoadResult {
  collection: TfCollection;
  diagnostics: Diagnostic[];
  /** Per file: number of blocks read. */
  blocksPerFile: Map<string, number>;
  /** Files that failed to parse. */
  failed: Set<string>;
}

let hcl2json: typeof import('@cdktf/hcl2json') | null = null;
async function parser(): Promise<typeof import('@cdktf/hcl2json')> {
  // Loaded on first use: its WebAssembly start-up costs ~100 ms that manifest-only scans never pay.
  return (hcl2json ??= await import('@cdktf/hcl2json'));
}

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}
function first(v: unknown): Json {
  return Array.isArray(v) ? obj(v[0]) : obj(v);
}

/** `bad.tf:2,7-3,1: Invalid expression; …` → line 2 and a message without file content. */
function hclError(file: string, e: unknown): Diagnostic {
  const msg = e instanceof Error ? e.message : String(e);
  const m = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;:\]]+)(?:;\s*([^\]]*))?/.exec(msg);
  const line = m ? Number(m[1]) : undefined;
  const what = m ? `${m[3]!.trim()}${m[4] ? ` — ${m[4].replace(/\s+/g, ' ').replace(/["'`].*$/, '').trim()}` : ''}` : 'not valid HCL';
  const d: Diagnostic = {
    code: 'input/parse', severity: 'error', file,
    message: `${file}${line ? `:${line}` : ''}: invalid HCL: ${what}; file not scanned`,
    hint: 'Fix the syntax (terraform validate), or exclude the file with --exclude.',
  };
  if (line !== undefined) d.line = line;
  return d;
}

export async function parseTfFile(f: TfFile): Promise<{ parsed: ParsedFile | null; diagnostic: Diagnostic | null }> {
  const { parse } = await parser();
  try {
    const json = obj(await parse(path.posix.basename(f.file), f.text));
    return { parsed: { file: f.file, json, blocks: scanHclLines(f.text) }, diagnostic: null };
  } catch (e) {
    return { parsed: null, diagnostic: hclError(f.file, e) };
  }
}

function tfvarsValues(f: TfFile, diagnostics: Diagnostic[]): Promise<Record<string, unknown>> {
  if (f.file.endsWith('.json')) {
    try {
      return Promise.resolve(obj(JSON.parse(f.text)));
    } catch (e) {
      diagnostics.push({ code: 'input/parse', severity: 'error', file: f.file, message: `${f.file}: invalid JSON: ${(e as Error).message.split('\n')[0]}; variables from it are not used` });
      return Promise.resolve({});
    }
  }
  return parser().then(({ parse }) => parse(path.posix.basename(f.file), f.text).then(
    (j) => obj(j),
    (e: unknown) => { diagnostics.push(hclError(f.file, e)); return {}; },
  ));
}

/** Blocks of a given kind across a module's files, with the file and scanned block they came from. */
function* blocksOf(files: ParsedFile[], kind: string): Generator<{ file: ParsedFile; labels: string[]; body: Json; hcl: HclBlock | undefined }> {
  for (const f of files) {
    const section = f.json[kind];
    if (section === undefined) continue;
    const hclBlocks = f.blocks.blocks.filter((b) => b.type === kind);
    if (kind === 'resource' || kind === 'data') {
      for (const [type, byName] of Object.entries(obj(section))) {
        for (const [name, bodies] of Object.entries(obj(byName))) {
          const hcl = hclBlocks.find((b) => b.labels[0] === type && b.labels[1] === name);
          yield { file: f, labels: [type, name], body: first(bodies), hcl };
        }
      }
    } else if (kind === 'locals') {
      const list = Array.isArray(section) ? section : [section];
      for (const body of list) yield { file: f, labels: [], body: obj(body), hcl: hclBlocks[0] };
    } else if (kind === 'terraform') {
      yield { file: f, labels: [], body: first(section), hcl: hclBlocks[0] };
    } else {
      // variable, provider, module, output: label → [body] (provider may repeat with aliases)
      for (const [label, bodies] of Object.entries(obj(section))) {
        const list = Array.isArray(bodies) ? bodies : [bodies];
        const hcls = hclBlocks.filter((b) => b.labels[0] === label);
        for (let i = 0; i < list.length; i++) yield { file: f, labels: [label], body: obj(list[i]), hcl: hcls[i] };
      }
    }
  }
}

const META_ARGS = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'dynamic']);

/** Convert an evaluated value into JSON + unknown paths + refs. */
function flatten(v: TfValue, pathSoFar: string, out: { unknown: Record<string, string>; refs: Record<string, string[]> }): TfJson {
  if (isUnresolved(v)) {
    out.unknown[pathSoFar] = v.reason;
    if (v.refs.length > 0) out.refs[pathSoFar] = v.refs;
    // Keep the recognisable text of partially known strings (`${…}:sub`, a jsonencode'd policy with
    // placeholders); a wholly unknown value is null.
    return v.partial === true ? v.text : null;
  }
  if (Array.isArray(v)) return v.map((x, i) => flatten(x, `${pathSoFar}[${i}]`, out));
  if (v !== null && typeof v === 'object') {
    const o: Record<string, TfJson> = {};
    for (const [k, x] of Object.entries(v)) o[k] = flatten(x as TfValue, pathSoFar === '' ? attrPath(k) : `${pathSoFar}${attrPath(k).startsWith('[') ? '' : '.'}${attrPath(k)}`, out);
    return o;
  }
  return v;
}

interface Instance {
  dir: string;
  module: string;
  files: ParsedFile[];
  variables: Map<string, TfValue>;
}

export async function loadHcl(files: TfFile[], opts: HclLoadOptions = {}): Promise<HclLoadResult> {
  const diagnostics: Diagnostic[] = [];
  const failed = new Set<string>();
  const blocksPerFile = new Map<string, number>();
  const dirs = new Map<string, ModuleDir>();
  // hcl2json answers through the Go/WebAssembly event loop: issue all parses at once, or each
  // file waits a scheduler turn.
  const parsedAll = await Promise.all(files.map((f) => (/\.tfvars(\.json)?$/.test(f.file) ? Promise.resolve(null) : parseTfFile(f))));
  for (const [i, f] of files.entries()) {
    const dir = path.posix.dirname(f.file);
    let d = dirs.get(dir);
    if (!d) dirs.set(dir, (d = { dir, files: [], tfvars: [] }));
    if (/\.tfvars(\.json)?$/.test(f.file)) {
      d.tfvars.push(f);
      continue;
    }
    const { parsed, diagnostic } = parsedAll[i]!;
    if (diagnostic) {
      diagnostics.push(diagnostic);
      failed.add(f.file);
      continue;
    }
    d.files.push(parsed!);
    blocksPerFile.set(f.file, parsed!.blocks.blocks.length);
  }

  // Module calls with local sources: those directories are children, not roots.
  const children = new Set<string>();
  for (const d of dirs.values()) {
    for (const m of blocksOf(d.files, 'module')) {
      const src = typeof m.body['source'] === 'string' ? m.body['source'] : '';
      if (src.startsWith('./') || src.startsWith('../')) children.add(path.posix.normalize(path.posix.join(d.dir, src)));
    }
  }
  const collection: TfCollection = { resources: [], providers: [] };
  for (const d of [...dirs.values()].sort((a, b) => (a.dir < b.dir ? -1 : 1))) {
    if (children.has(d.dir) || d.files.length === 0) continue;
    const variables = new Map<string, TfValue>();
    const tfvars = [...d.tfvars].sort((a, b) => rankTfvars(a.file) - rankTfvars(b.file) || (a.file < b.file ? -1 : 1));
    const provided: Record<string, unknown> = {};
    for (const f of [...tfvars, ...(opts.varFiles ?? [])]) Object.assign(provided, await tfvarsValues(f, diagnostics));
    for (const v of blocksOf(d.files, 'variable')) {
      const name = v.labels[0]!;
      if (name in provided) variables.set(name, provided[name] as TfValue);
      else if ('default' in v.body) variables.set(name, evaluateValue(v.body['default'], emptyScope()));
    }
    await instantiate({ dir: d.dir, module: '', files: d.files, variables }, dirs, collection, diagnostics, opts, new Set([d.dir]));
  }
  return { collection, diagnostics, blocksPerFile, failed };
}

function rankTfvars(file: string): number {
  const base = path.posix.basename(file);
  if (base === 'terraform.tfvars') return 0;
  if (base === 'terraform.tfvars.json') return 1;
  if (base.endsWith('.auto.tfvars') || base.endsWith('.auto.tfvars.json')) return 2;
  return 3; // other *.tfvars only apply through --var-file; listed here they still count, last
}

function emptyScope(): Scope {
  return { variable: () => undefined, local: () => undefined, reference: () => undefined };
}

async function instantiate(
  inst: Instance, dirs: Map<string, ModuleDir>, collection: TfCollection, diagnostics: Diagnostic[], opts: HclLoadOptions, chain: Set<string>,
): Promise<void> {
  const localBodies = new Map<string, unknown>();
  for (const l of blocksOf(inst.files, 'locals')) for (const [k, v] of Object.entries(l.body)) localBodies.set(k, v);
  const localValues = new Map<string, TfValue>();
  const evaluating = new Set<string>();
  const resourceBodies = new Map<string, { type: string; name: string; mode: 'managed' | 'data'; body: Json }>();
  for (const kind of ['resource', 'data'] as const) {
    for (const r of blocksOf(inst.files, kind)) {
      const addr = `${kind === 'data' ? 'data.' : ''}${r.labels[0]}.${r.labels[1]}`;
      resourceBodies.set(addr, { type: r.labels[0]!, name: r.labels[1]!, mode: kind === 'data' ? 'data' : 'managed', body: r.body });
    }
  }
  const resolvedAttrs = new Map<string, Record<string, TfValue>>();
  const scope: Scope = {
    variable: (name) => inst.variables.get(name),
    local: (name) => {
      if (localValues.has(name)) return localValues.get(name);
      if (!localBodies.has(name) || evaluating.has(`local.${name}`)) return undefined;
      evaluating.add(`local.${name}`);
      const v = evaluateValue(localBodies.get(name), scope);
      evaluating.delete(`local.${name}`);
      localValues.set(name, v);
      return v;
    },
    reference: (address, p0) => {
      // One instance is modelled per block: `x[0].id` reads the same attributes as `x.id`.
      const p = typeof p0[0] === 'number' ? p0.slice(1) : p0;
      const target = resourceBodies.get(address);
      if (!target || p.length === 0 || evaluating.has(address)) return undefined;
      let attrs = resolvedAttrs.get(address);
      if (!attrs) {
        evaluating.add(address);
        attrs = {};
        for (const [k, v] of Object.entries(target.body)) if (!META_ARGS.has(k)) attrs[k] = evaluateValue(v, scope);
        evaluating.delete(address);
        resolvedAttrs.set(address, attrs);
      }
      const attr = String(p[0]);
      let v: TfValue | undefined = attrs[attr];
      if (v === undefined || isUnresolved(v)) {
        const plain = toJsonLoose(attrs);
        const computed = target.mode === 'data' ? opts.dataResolvers?.[target.type]?.(plain, attr) : opts.derived?.[target.type]?.(plain, attr);
        if (computed !== undefined) v = computed as TfValue;
      }
      for (const seg of p.slice(1)) {
        if (v === undefined || v === null || isUnresolved(v) || typeof v !== 'object') return undefined;
        v = (v as Record<string | number, TfValue>)[seg as string];
      }
      return v;
    },
    special: (name) => (name === 'path.module' ? inst.dir : name === 'path.root' ? inst.dir : name === 'terraform.workspace' ? 'default' : undefined),
  };

  const prefix = inst.module === '' ? '' : `${inst.module}.`;
  // Providers.
  for (const p of blocksOf(inst.files, 'provider')) {
    const name = p.labels[0]!;
    const alias = typeof p.body['alias'] === 'string' ? p.body['alias'] : '';
    const key = `${prefix}${alias ? `${name}.${alias}` : name}`;
    const meta = { unknown: {} as Record<string, string>, refs: {} as Record<string, string[]> };
    const values: Record<string, TfJson> = {};
    for (const [k, v] of Object.entries(p.body)) values[k] = flatten(evaluateValue(v, scope), attrPath(k), meta);
    const cfg: TfProviderConfig = {
      address: `${prefix}provider.${alias ? `${name}.${alias}` : name}`, module: inst.module, name, key, values,
      unknown: meta.unknown, refs: meta.refs, source: sourceOf(p.file.file, p.hcl), lines: p.hcl ? blockLines(p.hcl) : {},
    };
    collection.providers.push(cfg);
  }
  // Resources and data sources.
  for (const kind of ['resource', 'data'] as const) {
    for (const r of blocksOf(inst.files, kind)) {
      const [type, name] = r.labels as [string, string];
      const local = `${kind === 'data' ? 'data.' : ''}${type}.${name}`;
      const meta = { unknown: {} as Record<string, string>, refs: {} as Record<string, string[]> };
      let instances: number | undefined;
      if ('count' in r.body) {
        const count = evaluateValue(r.body['count'], scope);
        if (count === 0) continue; // disabled
        if (isUnresolved(count)) meta.unknown['count'] = `count is not known statically (${count.reason}); judged as one instance`;
        else if (typeof count === 'number') instances = count;
      }
      if ('for_each' in r.body) {
        const fe = evaluateValue(r.body['for_each'], scope);
        if (!isUnresolved(fe) && fe !== null && typeof fe === 'object' && Object.keys(fe).length === 0) continue;
        if (isUnresolved(fe)) meta.unknown['for_each'] = `for_each is not known statically (${fe.reason}); judged as one instance`;
        else if (fe !== null && typeof fe === 'object') instances = Object.keys(fe).length;
      }
      const values: Record<string, TfJson> = {};
      // `dynamic "x" { for_each … content { … } }` generates blocks oobguard does not expand:
      // what they would set is unknown, never absent.
      for (const label of Object.keys(first(r.body['dynamic']))) {
        values[label] = null;
        meta.unknown[attrPath(label)] = `generated by a dynamic "${label}" block, which oobguard does not expand`;
      }
      for (const [k, v] of Object.entries(r.body)) {
        if (META_ARGS.has(k)) continue;
        values[k] = flatten(scope.reference(local, [k]) ?? evaluateValue(v, scope), attrPath(k), meta);
        const refs = referencesIn(v).filter((x) => !x.startsWith('var.') && !x.startsWith('local.'));
        if (refs.length > 0) meta.refs[attrPath(k)] = [...new Set([...(meta.refs[attrPath(k)] ?? []), ...refs])];
      }
      const providerExpr = typeof r.body['provider'] === 'string' ? r.body['provider'].replace(/^\$\{|\}$/g, '') : type.split('_')[0]!;
      collection.resources.push({
        address: `${prefix}${local}`, module: inst.module, mode: kind === 'data' ? 'data' : 'managed', type, name,
        provider: `${prefix}${providerExpr}`, values, unknown: meta.unknown, refs: meta.refs,
        source: sourceOf(r.file.file, r.hcl), lines: r.hcl ? blockLines(r.hcl) : {},
        ...(instances !== undefined ? { instances } : {}),
      });
    }
  }
  // Child modules with local sources.
  for (const m of blocksOf(inst.files, 'module')) {
    const name = m.labels[0]!;
    const src = typeof m.body['source'] === 'string' ? m.body['source'] : '';
    const where = sourceOf(m.file.file, m.hcl);
    if (!(src.startsWith('./') || src.startsWith('../'))) {
      diagnostics.push({
        code: 'input/skipped', severity: 'note', file: m.file.file, line: where.line,
        message: `${m.file.file}:${where.line}: module "${name}" comes from ${src || '(no source)'}, which oobguard does not fetch; its resources are not scanned`,
        hint: 'Scan the plan instead (terraform show -json plan.out), which contains every module.',
      });
      continue;
    }
    const childDir = path.posix.normalize(path.posix.join(inst.dir, src));
    const child = dirs.get(childDir);
    if (!child || child.files.length === 0) {
      diagnostics.push({
        code: 'input/not-found', severity: 'error', file: m.file.file, line: where.line,
        message: `${m.file.file}:${where.line}: module "${name}" source ${src} (${childDir}) is not among the scanned files; its resources are not scanned`,
        hint: 'Scan the directory that contains both the root module and its local modules, or scan the plan.',
      });
      continue;
    }
    if (chain.has(childDir)) {
      diagnostics.push({ code: 'input/parse', severity: 'error', file: m.file.file, line: where.line, message: `${m.file.file}:${where.line}: module "${name}" includes itself (${childDir}); not followed` });
      continue;
    }
    const variables = new Map<string, TfValue>();
    const args: Record<string, TfValue> = {};
    for (const [k, v] of Object.entries(m.body)) if (!['source', 'version', 'providers', 'count', 'for_each', 'depends_on'].includes(k)) args[k] = evaluateValue(v, scope);
    for (const v of blocksOf(child.files, 'variable')) {
      const vn = v.labels[0]!;
      if (vn in args) variables.set(vn, args[vn]!);
      else if ('default' in v.body) variables.set(vn, evaluateValue(v.body['default'], emptyScope()));
    }
    await instantiate({ dir: childDir, module: `${prefix}module.${name}`, files: child.files, variables }, dirs, collection, diagnostics, opts, new Set([...chain, childDir]));
  }
}

function sourceOf(file: string, hcl: HclBlock | undefined): SourceRef {
  return { file, line: hcl?.line ?? 1 };
}

/** Evaluated attributes as JSON, unresolved values as null (for computed-attribute helpers). */
function toJsonLoose(attrs: Record<string, TfValue>): Record<string, TfJson> {
  const sink = { unknown: {}, refs: {} };
  const out: Record<string, TfJson> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = flatten(v, k, sink);
  return out;
}

export type { Unresolved };
