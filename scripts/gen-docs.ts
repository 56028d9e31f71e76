/** Regenerate docs/rules/*.md from the built-in rules. `npm run docs`. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadRules } from '../src/run.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { ruleDoc, rulesIndex } from '../src/docs/rule-docs.ts';

const { rules, diagnostics } = await loadRules({ cwd: PACKAGE_ROOT });
if (diagnostics.length > 0) {
  for (const d of diagnostics) process.stderr.write(`${d.message}\n`);
  process.exit(1);
}
const dir = path.join(PACKAGE_ROOT, 'docs', 'rules');
await mkdir(dir, { recursive: true });
const want = new Set(rules.map((r) => `${r.meta.id}.md`).concat('README.md'));
for (const f of await readdir(dir)) if (!want.has(f)) await rm(path.join(dir, f));
for (const r of rules) await writeFile(path.join(dir, `${r.meta.id}.md`), ruleDoc(r));
await writeFile(path.join(dir, 'README.md'), rulesIndex(rules));
process.stdout.write(`wrote ${rules.length} rule pages to docs/rules/\n`);
