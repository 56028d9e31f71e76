/** Reading rule and framework files from disk (the engine itself does no I/O). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load as yamlLoad } from 'js-yaml';
import type { Diagnostic } from './model/snapshot.ts';
import type { RuleDocument } from './engine/compile.ts';
import { buildFrameworks, type ControlsFile, type FrameworkFile, type Frameworks } from './engine/frameworks.ts';

export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUILTIN_RULES_DIR = path.join(PACKAGE_ROOT, 'rules');

async function yamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'frameworks') out.push(...(await yamlFiles(full)));
    } else if (/\.ya?ml$/.test(e.name)) out.push(full);
  }
  return out;
}

/**
 * The bundle (scripts/build.ts) embeds the built-in rules and frameworks, already parsed; it is
 * only used when it matches the sources, rules included (bin/source-hash.js). From source, they
 * are read from rules/.
 */
declare const __OOBGUARD_EMBEDDED__: string | undefined;
type Embedded = { rules: { file: string; data: unknown }[]; frameworks: Record<string, unknown> };
let embeddedCache: Embedded | null | undefined;
function embedded(): Embedded | null {
  // A JSON string parsed once: much cheaper for V8 than a large object literal.
  if (embeddedCache === undefined) embeddedCache = typeof __OOBGUARD_EMBEDDED__ === 'undefined' ? null : (JSON.parse(__OOBGUARD_EMBEDDED__) as Embedded);
  return embeddedCache;
}

/** Built-in rule and framework files, parsed (for the bundle to embed). */
export async function builtinData(): Promise<{ rules: { file: string; data: unknown }[]; frameworks: Record<string, unknown> }> {
  const files = await yamlFiles(BUILTIN_RULES_DIR);
  const rules = await Promise.all(files.map(async (f) => ({ file: path.relative(PACKAGE_ROOT, f).split(path.sep).join('/'), data: yamlLoad(await readFile(f, 'utf8')) })));
  const dir = path.join(BUILTIN_RULES_DIR, 'frameworks');
  const frameworks: Record<string, unknown> = {};
  for (const name of (await readdir(dir)).sort()) if (name.endsWith('.yaml')) frameworks[name] = yamlLoad(await readFile(path.join(dir, name), 'utf8'));
  return { rules, frameworks };
}

export async function readRuleDocuments(dir: string, builtin: boolean, cwd: string): Promise<{ docs: RuleDocument[]; diagnostics: Diagnostic[] }> {
  const pre = builtin && dir === BUILTIN_RULES_DIR ? embedded() : null;
  if (pre) return { docs: pre.rules.map((r) => ({ file: r.file, data: r.data, builtin: true, prevalidated: true })), diagnostics: [] };
  const docs: RuleDocument[] = [];
  const diagnostics: Diagnostic[] = [];
  let files: string[];
  try {
    files = await yamlFiles(dir);
  } catch (e) {
    return { docs, diagnostics: [{ code: 'rule/invalid', severity: 'error', file: dir, message: `${dir}: cannot read rule directory: ${(e as Error).message}` }] };
  }
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8').then((t) => t, (e: Error) => e)));
  files.forEach((f, i) => {
    const shown = builtin ? path.relative(PACKAGE_ROOT, f).split(path.sep).join('/') : path.relative(cwd, f).split(path.sep).join('/');
    const text = texts[i]!;
    try {
      if (text instanceof Error) throw text;
      docs.push({ file: shown, data: yamlLoad(text), builtin });
    } catch (e) {
      diagnostics.push({ code: 'rule/invalid', severity: 'error', file: shown, message: `${shown}: not valid YAML: ${(e as Error).message.split('\n')[0]}; rule not loaded` });
    }
  });
  return { docs, diagnostics };
}

let frameworksCache: Frameworks | null = null;
export async function loadFrameworks(): Promise<Frameworks> {
  if (frameworksCache) return frameworksCache;
  const dir = path.join(BUILTIN_RULES_DIR, 'frameworks');
  const files: Record<string, FrameworkFile> = {};
  let controls: ControlsFile['controls'] = [];
  const pre = embedded()?.frameworks ?? null;
  for (const name of pre ? Object.keys(pre) : (await readdir(dir)).sort()) {
    if (!name.endsWith('.yaml')) continue;
    const data = pre ? pre[name] : yamlLoad(await readFile(path.join(dir, name), 'utf8'));
    if (name === 'controls.yaml') controls = (data as ControlsFile).controls;
    else files[(data as FrameworkFile).id] = data as FrameworkFile;
  }
  frameworksCache = buildFrameworks(files, controls);
  return frameworksCache;
}
