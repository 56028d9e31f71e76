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

export async function readRuleDocuments(dir: string, builtin: boolean, cwd: string): Promise<{ docs: RuleDocument[]; diagnostics: Diagnostic[] }> {
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
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith('.yaml')) continue;
    const data = yamlLoad(await readFile(path.join(dir, name), 'utf8'));
    if (name === 'controls.yaml') controls = (data as ControlsFile).controls;
    else files[(data as FrameworkFile).id] = data as FrameworkFile;
  }
  frameworksCache = buildFrameworks(files, controls);
  return frameworksCache;
}
