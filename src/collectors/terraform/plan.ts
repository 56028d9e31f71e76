/**
 * `terraform show -json plan.out` → TfCollection.
 *
 * - Resources come from `planned_values` (root and nested `child_modules`), data sources read
 *   during planning from `prior_state` (Terraform records them there, not as changes). Resources
 *   being deleted (or forgotten) are not part of the planned state and are skipped.
 * - Values the plan knows only after apply (`resource_changes[].change.after_unknown`) are null in
 *   `values` and listed in `unknown`; sensitive values (`after_sensitive`, `sensitive_values`) are
 *   dropped the same way, so secrets never enter the model.
 * - References (`refs`) and provider configurations come from `configuration`; a provider argument
 *   that references `var.X` is resolved from the plan's `variables` (or the module call's argument)
 *   when it can be, else recorded as unknown. Arguments whose name says secret are never read.
 * - Every resource points at the plan file, at the line where its address first appears.
 *
 * The input is already-parsed JSON; everything here is linear in its size (resource_changes and
 * configuration are indexed once), and malformed structure gives diagnostics, never a throw.
 */
import type { Diagnostic } from '../../model/snapshot.ts';
import { splitPath } from '../../model/provenance.ts';
import { isSecretName } from '../redact.ts';
import { attrPath, type TfCollection, type TfJson, type TfProviderConfig, type TfResource } from './types.ts';

export interface PlanLoadOptions {
  /** More resources than this → an error, nothing loaded (default 200,000). */
  maxResources?: number;
  /** The file's text, for source lines (the address index); without it every line is 1. */
  text?: string;
}

export interface PlanLoadResult {
  collection: TfCollection;
  diagnostics: Diagnostic[];
  /** Resources loaded. */
  resources: number;
}

export const DEFAULT_MAX_PLAN_RESOURCES = 200_000;
/** Per-file cap on structure warnings; the rest are summarized in one. */
const MAX_WARNINGS = 20;
/** Nesting deeper than this in `configuration` expressions is not followed. */
const MAX_EXPR_DEPTH = 64;

export const UNKNOWN_AFTER_APPLY = '(known after apply)';
export const SENSITIVE_NOT_READ = 'sensitive value, not read';

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `terraform show -json` of a plan: `format_version` and `planned_values` or `resource_changes`. */
export function isTerraformPlan(json: unknown): boolean {
  return isObj(json) && typeof json['format_version'] === 'string' && (isObj(json['planned_values']) || Array.isArray(json['resource_changes']));
}

export function loadPlan(file: string, json: unknown, opts: PlanLoadOptions = {}): PlanLoadResult {
  try {
    return new PlanLoader(file, opts).load(json);
  } catch (e) {
    // Defensive: a structure this code did not anticipate (or a pathological nesting depth).
    return {
      collection: { resources: [], providers: [] }, resources: 0,
      diagnostics: [{
        code: 'input/parse', severity: 'error', file,
        message: `${file}: the Terraform plan could not be read (${e instanceof Error ? e.message : String(e)}); file not scanned`,
        hint: 'Produce it with `terraform show -json plan.out > plan.json` from an unmodified plan.',
      }],
    };
  }
}

// ---- addresses -----------------------------------------------------------------------------

/** End of a `[…]` index starting at `i` (index just past `]`), or -1. Handles quoted keys. */
function skipIndex(s: string, i: number): number {
  let j = i + 1;
  if (s[j] === '"') {
    j++;
    while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
    j++;
  } else {
    while (j < s.length && s[j] !== ']') j++;
  }
  return s[j] === ']' ? j + 1 : -1;
}

/** `module.a["x"].module.b[0].aws_s3_bucket.b` → `module.a["x"].module.b[0]`. */
function moduleOf(address: string): string {
  let end = 0;
  let i = 0;
  while (address.startsWith('module.', i)) {
    let j = i + 7;
    while (j < address.length && /[\w-]/.test(address[j]!)) j++;
    if (address[j] === '[') j = skipIndex(address, j);
    if (j < 0 || address[j] !== '.') break;
    end = j;
    i = j + 1;
  }
  return address.slice(0, end);
}

/** Drop instance keys: `module.a["x"].module.b[0]` → `module.a.module.b` (a configuration path). */
function withoutKeys(modulePath: string): string {
  let out = '';
  for (let i = 0; i < modulePath.length;) {
    if (modulePath[i] === '[') {
      const j = skipIndex(modulePath, i);
      if (j < 0) return out + modulePath.slice(i);
      i = j;
    } else {
      out += modulePath[i];
      i++;
    }
  }
  return out;
}

const INDEX = String.raw`(\[(?:\d+|"(?:[^"\\]|\\.)*")\])?`;
const RESOURCE_REF = new RegExp(String.raw`^(?:(data|ephemeral)\.)?([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)${INDEX}`);
const MODULE_REF = new RegExp(String.raw`^module\.([A-Za-z_][\w-]*)${INDEX}`);
/** Reference roots that are not resources. */
const NOT_RESOURCES = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'action', 'run', 'resource', 'provider']);

/**
 * A configuration `references` list (`["aws_s3_bucket.b.id", "aws_s3_bucket.b"]`) → the resource
 * (and module call) addresses it names, most specific instance form only, unqualified.
 */
function addressesIn(references: readonly unknown[]): string[] {
  const found = new Set<string>();
  for (const r of references) {
    if (typeof r !== 'string') continue;
    const dot = r.indexOf('.');
    const root = dot < 0 ? r : r.slice(0, dot);
    if (root === 'module') {
      const m = MODULE_REF.exec(r);
      if (m) found.add(m[0]);
      continue;
    }
    if (NOT_RESOURCES.has(root)) continue;
    const m = RESOURCE_REF.exec(r);
    if (m) found.add(m[0]);
  }
  // `aws_subnet.a[0]` makes `aws_subnet.a` redundant.
  const all = [...found];
  return all.filter((a) => !all.some((b) => b !== a && b.startsWith(`${a}[`)));
}

// ---- the loader ----------------------------------------------------------------------------

interface Entry {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  module: string;
  providerName: string;
  values: Obj;
  /** Sensitive-value mirrors (planned_values `sensitive_values`). */
  sensitive: unknown[];
  jsonPath: string;
}

interface ConfigResource {
  expressions: Obj;
  providerKey: string;
  refs?: Record<string, string[]>;
}

interface ConfigModule {
  /** `module.a.module.b`, "" for the root. */
  path: string;
  node: Obj;
  parent: ConfigModule | null;
  /** The module call's argument expressions (in the parent). */
  call: Obj;
}

type Resolved = { kind: 'value'; value: TfJson } | { kind: 'unknown'; why: string } | { kind: 'sensitive' };

class PlanLoader {
  private readonly diagnostics: Diagnostic[] = [];
  private warnings = 0;
  private readonly max: number;
  private readonly configResources = new Map<string, ConfigResource>();
  private readonly configModules = new Map<string, ConfigModule>();
  private providerKeys = new Set<string>();
  private variables: Obj = {};

  private readonly file: string;
  private readonly opts: PlanLoadOptions;

  constructor(file: string, opts: PlanLoadOptions) {
    this.file = file;
    this.opts = opts;
    this.max = opts.maxResources ?? DEFAULT_MAX_PLAN_RESOURCES;
  }

  load(json: unknown): PlanLoadResult {
    const empty = (): PlanLoadResult => ({ collection: { resources: [], providers: [] }, diagnostics: this.diagnostics, resources: 0 });
    if (!isObj(json)) {
      this.error(`is not a Terraform plan (expected a JSON object from \`terraform show -json\`, got ${Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json})`);
      return empty();
    }
    const fv = json['format_version'];
    if (typeof fv !== 'string') {
      this.error('is not a Terraform plan (no format_version)');
      return empty();
    }
    const major = /^(\d+)\.\d+/.exec(fv);
    if (!major || major[1] !== '1') {
      this.error(`has Terraform plan format_version ${JSON.stringify(fv)}, which oobguard does not read (it reads 1.x)`,
        'Produce the JSON with Terraform 1.x: `terraform show -json plan.out > plan.json`.');
      return empty();
    }
    const planned = json['planned_values'];
    const changes = json['resource_changes'];
    if (planned !== undefined && !isObj(planned)) this.warn('planned_values is not an object; resources are read from resource_changes', 'planned_values');
    if (changes !== undefined && !Array.isArray(changes)) this.warn('resource_changes is not a list; unknown and sensitive values cannot be told apart', 'resource_changes');
    if (!isObj(planned) && !Array.isArray(changes)) {
      this.error('is not a Terraform plan (neither planned_values nor resource_changes)');
      return empty();
    }
    if (json['errored'] === true) {
      this.diagnostics.push({
        code: 'input/parse', severity: 'warning', file: this.file,
        message: `${this.file}: the plan is marked "errored" (terraform plan failed); it may be missing resources`,
        hint: 'Fix the plan errors and produce the plan again.',
      });
    }

    // 1. Planned resources (bounded before anything else is built).
    const entries: Entry[] = [];
    const seen = new Set<string>();
    if (isObj(planned)) this.walkModules(planned['root_module'], 'planned_values.root_module', entries, seen, () => true);
    else if (Array.isArray(changes)) this.entriesFromChanges(changes, entries, seen);
    const prior = isObj(json['prior_state']) && isObj(json['prior_state']['values']) ? json['prior_state']['values'] : null;
    if (prior) this.walkModules(prior['root_module'], 'prior_state.values.root_module', entries, seen, (mode) => mode === 'data');
    if (entries.length > this.max) {
      this.diagnostics.length = 0;
      this.error(`has more than ${this.max} resources (the limit); file not scanned`,
        'Split the configuration, or raise the limit if this is expected.', 'input/too-large');
      return empty();
    }

    // 2. Indexes, each built once.
    const changeByAddress = new Map<string, Obj>();
    if (Array.isArray(changes)) {
      for (const c of changes) {
        if (!isObj(c) || typeof c['address'] !== 'string' || typeof c['deposed'] === 'string') continue;
        changeByAddress.set(c['address'], c);
      }
    }
    this.variables = isObj(json['variables']) ? json['variables'] : {};
    const config = isObj(json['configuration']) ? json['configuration'] : {};
    const providerConfig = isObj(config['provider_config']) ? config['provider_config'] : {};
    this.providerKeys = new Set(Object.keys(providerConfig));
    if (isObj(config['root_module'])) this.indexConfig(config['root_module']);
    const text = this.opts.text;
    const lines = text === undefined ? new Map<string, number>() : addressLines(text);

    // 3. Resources.
    const resources: TfResource[] = [];
    for (const e of entries) {
      const change = changeByAddress.get(e.address);
      const c = change && isObj(change['change']) ? change['change'] : null;
      const actions = c && Array.isArray(c['actions']) ? c['actions'] : [];
      if (actions.length === 1 && (actions[0] === 'delete' || actions[0] === 'forget')) continue;
      const unknown: Record<string, string> = {};
      const values = new Writer(e.values);
      if (c) {
        for (const p of trueLeaves(c['after_unknown'])) {
          values.setNull(p, true);
          unknown[pathOf(p)] = UNKNOWN_AFTER_APPLY;
        }
      }
      for (const mirror of [...e.sensitive, c?.['after_sensitive']]) {
        for (const p of trueLeaves(mirror)) {
          values.setNull(p, false);
          const k = pathOf(p);
          if (!(k in unknown)) unknown[k] = SENSITIVE_NOT_READ;
        }
      }
      const configPath = withoutKeys(e.module);
      const local = `${e.mode === 'data' ? 'data.' : ''}${e.type}.${e.name}`;
      const cr = this.configResources.get(`${configPath}\u0000${local}`);
      const refs: Record<string, string[]> = {};
      if (cr) {
        cr.refs ??= exprRefs(cr.expressions);
        const prefix = e.module === '' ? '' : `${e.module}.`;
        for (const [p, addrs] of Object.entries(cr.refs)) refs[p] = addrs.map((a) => prefix + a);
      }
      resources.push({
        address: e.address, module: e.module, mode: e.mode, type: e.type, name: e.name,
        provider: cr && cr.providerKey !== '' ? keyOf(cr.providerKey) : this.fallbackProvider(e.providerName, e.type, configPath),
        values: values.root, unknown, refs,
        source: { file: this.file, line: lines.get(e.address) ?? 1 }, lines: {},
      });
    }

    // 4. Providers.
    const providers = this.providers(providerConfig, text);
    this.summarizeWarnings();
    return { collection: { resources, providers }, diagnostics: this.diagnostics, resources: resources.length };
  }

  // ---- diagnostics ---------------------------------------------------------------------------

  private error(what: string, hint?: string, code: Diagnostic['code'] = 'input/parse'): void {
    const d: Diagnostic = { code, severity: 'error', file: this.file, message: `${this.file}: ${what}` };
    if (hint !== undefined) d.hint = hint;
    this.diagnostics.push(d);
  }

  private warn(what: string, path: string): void {
    if (++this.warnings > MAX_WARNINGS) return;
    this.diagnostics.push({ code: 'input/parse', severity: 'warning', file: this.file, path, message: `${this.file}: ${path}: ${what}` });
  }

  private summarizeWarnings(): void {
    if (this.warnings > MAX_WARNINGS) {
      this.diagnostics.push({
        code: 'input/parse', severity: 'warning', file: this.file,
        message: `${this.file}: ${this.warnings - MAX_WARNINGS} more malformed entries in the plan were skipped`,
      });
    }
  }

  // ---- planned resources ---------------------------------------------------------------------

  private walkModules(root: unknown, rootPath: string, out: Entry[], seen: Set<string>, want: (mode: 'managed' | 'data') => boolean): void {
    const stack: { mod: unknown; path: string; module: string }[] = [{ mod: root, path: rootPath, module: '' }];
    while (stack.length > 0) {
      const { mod, path, module } = stack.pop()!;
      if (mod === undefined) continue;
      if (!isObj(mod)) {
        this.warn('is not an object; skipped', path);
        continue;
      }
      const rs = mod['resources'];
      if (rs !== undefined && !Array.isArray(rs)) this.warn('resources is not a list; skipped', `${path}.resources`);
      if (Array.isArray(rs)) {
        for (let i = 0; i < rs.length; i++) {
          const e = this.entry(rs[i], `${path}.resources[${i}]`, module);
          if (!e || !want(e.mode)) continue;
          if (seen.has(e.address)) {
            if (rootPath.startsWith('planned_values')) this.warn(`${e.address} appears twice; the first is used`, e.jsonPath);
            continue;
          }
          seen.add(e.address);
          out.push(e);
          if (out.length > this.max) return; // counted enough to refuse
        }
      }
      const kids = mod['child_modules'];
      if (kids !== undefined && !Array.isArray(kids)) this.warn('child_modules is not a list; skipped', `${path}.child_modules`);
      if (Array.isArray(kids)) {
        for (let i = kids.length - 1; i >= 0; i--) {
          const k = kids[i];
          const addr = isObj(k) && typeof k['address'] === 'string' ? k['address'] : null;
          stack.push({ mod: k, path: `${path}.child_modules[${i}]`, module: addr ?? module });
        }
      }
    }
  }

  private entry(r: unknown, jsonPath: string, module: string): Entry | null {
    if (!isObj(r)) {
      this.warn('is not an object; skipped', jsonPath);
      return null;
    }
    const { address, type, name, mode } = r;
    if (typeof address !== 'string' || typeof type !== 'string' || typeof name !== 'string' || address === '' || type === '' || name === '') {
      this.warn('has no address, type or name; skipped', jsonPath);
      return null;
    }
    const values = r['values'] ?? {};
    if (!isObj(values)) {
      this.warn(`${address}: values is not an object; skipped`, jsonPath);
      return null;
    }
    const mod = moduleOf(address) || module;
    return {
      address, type, name, mode: mode === 'data' ? 'data' : 'managed', module: mod,
      providerName: typeof r['provider_name'] === 'string' ? r['provider_name'] : '',
      values, sensitive: r['sensitive_values'] === undefined ? [] : [r['sensitive_values']], jsonPath,
    };
  }

  /** No planned_values: the planned state is each change's `after`. */
  private entriesFromChanges(changes: unknown[], out: Entry[], seen: Set<string>): void {
    for (let i = 0; i < changes.length; i++) {
      const c = changes[i];
      if (!isObj(c) || typeof c['deposed'] === 'string') continue;
      const ch = isObj(c['change']) ? c['change'] : null;
      const after = ch ? ch['after'] : undefined;
      if (after === null || after === undefined) continue; // deleted
      const e = this.entry({ ...c, values: after }, `resource_changes[${i}]`, typeof c['module_address'] === 'string' ? c['module_address'] : '');
      if (!e || seen.has(e.address)) continue;
      seen.add(e.address);
      out.push(e);
      if (out.length > this.max) return;
    }
  }

  // ---- configuration -------------------------------------------------------------------------

  private indexConfig(root: Obj): void {
    const stack: ConfigModule[] = [{ path: '', node: root, parent: null, call: {} }];
    while (stack.length > 0) {
      const m = stack.pop()!;
      if (this.configModules.has(m.path)) continue;
      this.configModules.set(m.path, m);
      const rs = Array.isArray(m.node['resources']) ? m.node['resources'] : [];
      for (const r of rs) {
        if (!isObj(r) || typeof r['address'] !== 'string') continue;
        this.configResources.set(`${m.path}\u0000${r['address']}`, {
          expressions: isObj(r['expressions']) ? r['expressions'] : {},
          providerKey: typeof r['provider_config_key'] === 'string' ? r['provider_config_key'] : '',
        });
      }
      const calls = isObj(m.node['module_calls']) ? m.node['module_calls'] : {};
      for (const [name, call] of Object.entries(calls)) {
        if (!isObj(call) || !isObj(call['module'])) continue;
        stack.push({
          path: `${m.path === '' ? '' : `${m.path}.`}module.${name}`, node: call['module'], parent: m,
          call: isObj(call['expressions']) ? call['expressions'] : {},
        });
      }
    }
  }

  /** Without configuration: the innermost module's default configuration of the provider type, as Terraform inherits it. */
  private fallbackProvider(providerName: string, type: string, configPath: string): string {
    const local = providerName.split('/').pop()?.replace(/^provider\.?/, '') || type.split('_')[0]!;
    let p = configPath;
    while (p !== '') {
      if (this.providerKeys.has(`${p}:${local}`)) return `${p}.${local}`;
      const cut = p.lastIndexOf('.module.');
      p = cut < 0 ? '' : p.slice(0, cut);
    }
    return local;
  }

  // ---- providers -----------------------------------------------------------------------------

  private providers(pc: Obj, text: string | undefined): TfProviderConfig[] {
    const out: TfProviderConfig[] = [];
    const keys = Object.keys(pc);
    const lines = text === undefined ? new Map<string, number>() : providerLines(text, keys);
    for (const rawKey of keys) {
      const p = pc[rawKey];
      if (!isObj(p)) {
        this.warn('is not an object; skipped', `configuration.provider_config[${JSON.stringify(rawKey)}]`);
        continue;
      }
      const colon = rawKey.indexOf(':');
      const module = typeof p['module_address'] === 'string' ? p['module_address'] : colon < 0 ? '' : rawKey.slice(0, colon);
      const localKey = colon < 0 ? rawKey : rawKey.slice(colon + 1);
      const name = (typeof p['name'] === 'string' && p['name'] !== '' ? p['name'] : localKey).split('.')[0]!;
      const alias = typeof p['alias'] === 'string' && p['alias'] !== '' ? p['alias'] : localKey.includes('.') ? localKey.slice(localKey.indexOf('.') + 1) : '';
      const local = alias ? `${name}.${alias}` : name;
      const prefix = module === '' ? '' : `${module}.`;
      const unknown: Record<string, string> = {};
      const refs: Record<string, string[]> = {};
      const exprs = isObj(p['expressions']) ? p['expressions'] : {};
      const values = this.exprValues(exprs, [], withoutKeys(module), prefix, unknown, refs, 0);
      out.push({
        address: `${prefix}provider.${local}`, module, name, key: `${prefix}${local}`, values, unknown, refs,
        source: { file: this.file, line: lines.get(rawKey) ?? 1 }, lines: {},
      });
    }
    return out;
  }

  /** Provider expressions → values: constants, variables resolved where the plan allows. */
  private exprValues(
    exprs: Obj, at: (string | number)[], configPath: string, prefix: string,
    unknown: Record<string, string>, refs: Record<string, string[]>, depth: number,
  ): Record<string, TfJson> {
    const out: Record<string, TfJson> = {};
    if (depth > MAX_EXPR_DEPTH) return out;
    for (const [k, v] of Object.entries(exprs)) {
      const segs = [...at, k];
      const path = attrPath(...segs);
      if (Array.isArray(v)) {
        out[k] = v.map((b, i) => (isObj(b) ? this.exprValues(b, [...segs, i], configPath, prefix, unknown, refs, depth + 1) : null));
      } else if (isExpression(v)) {
        const addrs = Array.isArray(v['references']) ? addressesIn(v['references']) : [];
        if (addrs.length > 0) refs[path] = addrs.map((a) => prefix + a);
        out[k] = null;
        if (isSecretName(k) || /client_certificate$|_pfx$/i.test(k)) {
          unknown[path] = SENSITIVE_NOT_READ;
          continue;
        }
        const r = this.resolveExpr(v, configPath);
        if (r.kind === 'value') out[k] = r.value;
        else unknown[path] = r.kind === 'sensitive' ? SENSITIVE_NOT_READ : r.why;
      } else if (isObj(v)) {
        out[k] = this.exprValues(v, segs, configPath, prefix, unknown, refs, depth + 1);
      }
    }
    return out;
  }

  private resolveExpr(e: Obj, configPath: string, depth = 0): Resolved {
    if ('constant_value' in e) return { kind: 'value', value: e['constant_value'] as TfJson };
    const refs = Array.isArray(e['references']) ? e['references'].filter((r): r is string => typeof r === 'string') : [];
    if (refs.length === 0) return { kind: 'unknown', why: 'expression is not a constant, not resolvable from the plan' };
    const other = refs.find((r) => !r.startsWith('var.'));
    if (other !== undefined) return { kind: 'unknown', why: `expression references ${other}, not resolvable from the plan` };
    // One variable, one traversal: the longest reference, and every other one a prefix of it.
    const longest = refs.reduce((a, b) => (b.length > a.length ? b : a));
    if (!refs.every((r) => longest === r || longest.startsWith(`${r}.`) || longest.startsWith(`${r}[`))) {
      return { kind: 'unknown', why: `expression combines ${[...new Set(refs.map((r) => r.split(/[.[]/).slice(0, 2).join('.')))].join(', ')}, not resolvable from the plan` };
    }
    const segs = splitPath(longest.slice(4));
    const name = segs[0];
    if (typeof name !== 'string') return { kind: 'unknown', why: `expression references ${longest}, not resolvable from the plan` };
    const r = this.resolveVar(configPath, name, depth);
    if (r.kind === 'unknown') return { kind: 'unknown', why: `expression references ${longest}, not resolvable from the plan` };
    if (r.kind === 'sensitive') return r;
    let v: TfJson | undefined = r.value;
    for (const s of segs.slice(1)) {
      v = v !== null && typeof v === 'object' ? (v as Record<string | number, TfJson>)[s as string] : undefined;
    }
    return v === undefined ? { kind: 'unknown', why: `expression references ${longest}, which the variable's value does not have` } : { kind: 'value', value: v };
  }

  /** The value of `var.<name>` in a configuration module: plan variables at the root, module call arguments below. */
  private resolveVar(configPath: string, name: string, depth: number): Resolved {
    const m = this.configModules.get(configPath);
    const decl = m && isObj(m.node['variables']) && isObj(m.node['variables'][name]) ? m.node['variables'][name] : null;
    if ((decl && decl['sensitive'] === true) || isSecretName(name)) return { kind: 'sensitive' };
    const notResolvable: Resolved = { kind: 'unknown', why: `var.${name} has no value in the plan` };
    if (configPath === '') {
      const v = this.variables[name];
      return isObj(v) && 'value' in v ? { kind: 'value', value: v['value'] as TfJson } : notResolvable;
    }
    if (!m || depth > MAX_EXPR_DEPTH) return notResolvable;
    const arg = m.call[name];
    if (arg === undefined) return decl && 'default' in decl ? { kind: 'value', value: decl['default'] as TfJson } : notResolvable;
    if (!isExpression(arg)) return notResolvable;
    const parent = m.parent?.path ?? '';
    return this.resolveExpr(arg, parent, depth + 1);
  }
}

// ---- helpers -------------------------------------------------------------------------------

/** A configuration expression (`{constant_value}` / `{references}`), as opposed to a nested block. */
function isExpression(v: unknown): v is Obj {
  if (!isObj(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 0 || (keys.every((k) => k === 'constant_value' || k === 'references'));
}

/** attrPath over a segment list of any length (mirror paths can be deep; no argument spreading). */
function pathOf(segs: readonly (string | number)[]): string {
  if (segs.length <= 64) return attrPath(...segs);
  let out = attrPath(...segs.slice(0, 1));
  for (let i = 1; i < segs.length; i++) {
    const s = segs[i]!;
    // attrPath of ['x', s] minus the leading 'x': the separator and the segment as attrPath writes it.
    out += attrPath('x', s).slice(1);
  }
  return out;
}

/** `provider_config_key` → oobguard's form: `module.x:aws.dr` → `module.x.aws.dr`. */
function keyOf(configKey: string): string {
  const colon = configKey.indexOf(':');
  return colon < 0 ? configKey : `${configKey.slice(0, colon)}.${configKey.slice(colon + 1)}`;
}

/** Attribute path → resource addresses referenced there (unqualified), from resource expressions. */
function exprRefs(exprs: Obj): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const stack: { node: Obj; at: (string | number)[] }[] = [{ node: exprs, at: [] }];
  while (stack.length > 0) {
    const { node, at } = stack.pop()!;
    if (at.length > MAX_EXPR_DEPTH) continue;
    for (const [k, v] of Object.entries(node)) {
      const segs = [...at, k];
      if (Array.isArray(v)) {
        v.forEach((b, i) => {
          if (isObj(b)) stack.push({ node: b, at: [...segs, i] });
        });
      } else if (isExpression(v)) {
        if (Array.isArray(v['references'])) {
          const addrs = addressesIn(v['references']);
          if (addrs.length > 0) out[attrPath(...segs)] = addrs;
        }
      } else if (isObj(v)) {
        stack.push({ node: v, at: segs });
      }
    }
  }
  return out;
}

/**
 * Paths of the `true` leaves of a mirror structure (`after_unknown`, `after_sensitive`,
 * `sensitive_values`). Iterative: values can nest deeply.
 */
function trueLeaves(mirror: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (mirror === null || typeof mirror !== 'object') return out;
  interface Node { v: unknown; seg: string | number; up: Node | null }
  const stack: Node[] = [];
  // Children are pushed last-first, so paths come out in document order.
  const push = (container: unknown, up: Node | null): void => {
    if (Array.isArray(container)) {
      for (let i = container.length - 1; i >= 0; i--) stack.push({ v: container[i], seg: i, up });
    } else if (isObj(container)) {
      const entries = Object.entries(container);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ v: entries[i]![1], seg: entries[i]![0], up });
    }
  };
  push(mirror, null);
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.v === true) {
      const segs: (string | number)[] = [];
      for (let p: Node | null = n; p; p = p.up) segs.push(p.seg);
      out.push(segs.reverse());
    } else if (n.v !== null && typeof n.v === 'object') {
      push(n.v, n);
    }
  }
  return out;
}

/**
 * Copy-on-write view of a resource's values: paths are set to null without touching the parsed
 * plan (which the caller owns) and without copying more than the containers on those paths.
 */
class Writer {
  readonly root: Record<string, TfJson>;
  private readonly owned = new WeakSet<object>();

  constructor(values: Obj) {
    this.root = { ...(values as Record<string, TfJson>) };
    this.owned.add(this.root);
  }

  /** Set `path` to null; `create` makes missing containers (unknown values), else a missing path is left alone. */
  setNull(path: readonly (string | number)[], create: boolean): void {
    if (path.length === 0) return;
    let cur: TfJson[] | Record<string, TfJson> = this.root;
    for (let i = 0; i < path.length - 1; i++) {
      const seg = path[i]!;
      const next = path[i + 1]!;
      const child: TfJson | undefined = (cur as Record<string | number, TfJson>)[seg];
      let c: TfJson[] | Record<string, TfJson>;
      if (child !== null && typeof child === 'object') {
        if (this.owned.has(child)) c = child;
        else c = Array.isArray(child) ? [...child] : { ...child };
      } else {
        if (!create) return;
        c = typeof next === 'number' ? [] : {};
      }
      if (c !== child) {
        this.owned.add(c);
        this.put(cur, seg, c);
      }
      cur = c;
    }
    const last = path[path.length - 1]!;
    if (!create && !((Array.isArray(cur) && typeof last === 'number' && last < cur.length) || Object.hasOwn(cur, last))) return;
    this.put(cur, last, null);
  }

  private put(container: TfJson[] | Record<string, TfJson>, seg: string | number, v: TfJson): void {
    if (Array.isArray(container) && typeof seg === 'number') {
      while (container.length < seg) container.push(null);
      container[seg] = v;
    } else {
      (container as Record<string, TfJson>)[String(seg)] = v;
    }
  }
}

/** One pass over the text: address → 1-based line of its first `"address": "…"`. */
function addressLines(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const re = /"address"\s*:\s*"((?:[^"\\\n]|\\.)*)"/g;
  const lines = new LineCounter(text);
  for (const m of text.matchAll(re)) {
    const line = lines.lineAt(m.index);
    let addr = m[1]!;
    if (addr.includes('\\')) {
      try {
        addr = JSON.parse(`"${addr}"`) as string;
      } catch {
        continue;
      }
    }
    if (!out.has(addr)) out.set(addr, line);
  }
  return out;
}

/** Lines of the provider_config keys (few; each found after `"provider_config"`). */
function providerLines(text: string, keys: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  const start = text.indexOf('"provider_config"');
  if (start < 0 || keys.length === 0) return out;
  const found: { key: string; at: number }[] = [];
  for (const k of keys) {
    const re = new RegExp(`${JSON.stringify(k).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'g');
    re.lastIndex = start;
    const m = re.exec(text);
    if (m) found.push({ key: k, at: m.index });
  }
  found.sort((a, b) => a.at - b.at);
  const lines = new LineCounter(text);
  for (const f of found) out.set(f.key, lines.lineAt(f.at));
  return out;
}

/** Line numbers for increasing offsets, in one pass (minified plans are one 100 MB line: no rescans). */
class LineCounter {
  private line = 1;
  private nextNewline: number;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
    this.nextNewline = text.indexOf('\n');
  }

  /** 1-based line of `offset`; offsets must not decrease between calls. */
  lineAt(offset: number): number {
    while (this.nextNewline !== -1 && this.nextNewline < offset) {
      this.line++;
      this.nextNewline = this.text.indexOf('\n', this.nextNewline + 1);
    }
    return this.line;
  }
}
