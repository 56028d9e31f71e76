/** Rule docs are generated; this fails when they are stale or missing (run `npm run docs`). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../src/run.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { ruleDoc, rulesIndex } from '../src/docs/rule-docs.ts';

const { rules } = await loadRules({ cwd: PACKAGE_ROOT });
const dir = path.join(PACKAGE_ROOT, 'docs', 'rules');

describe('generated rule docs', () => {
  it('every rule has an up-to-date page (run `npm run docs` to regenerate)', async () => {
    const stale: string[] = [];
    for (const r of rules) {
      const file = path.join(dir, `${r.meta.id}.md`);
      const have = await readFile(file, 'utf8').catch(() => null);
      if (have !== ruleDoc(r)) stale.push(`docs/rules/${r.meta.id}.md`);
    }
    expect(stale).toEqual([]);
  });
  it('the index lists exactly the rules, and no page is left for a removed rule', async () => {
    expect(await readFile(path.join(dir, 'README.md'), 'utf8')).toBe(rulesIndex(rules));
    const pages = (await readdir(dir)).filter((f) => f !== 'README.md').sort();
    expect(pages).toEqual(rules.map((r) => `${r.meta.id}.md`).sort());
  });
});

describe('docs/writing-rules.md', () => {
  it('documents every CEL function rules can call', async () => {
    const cel = await readFile(path.join(PACKAGE_ROOT, 'src/engine/cel.ts'), 'utf8');
    const doc = await readFile(path.join(PACKAGE_ROOT, 'docs/writing-rules.md'), 'utf8');
    const fns = [...cel.matchAll(/registerFunction\('([A-Za-z]+)\(/g)].map((m) => m[1]!);
    expect(fns.length).toBeGreaterThan(10);
    expect(fns.filter((f) => !doc.includes(`\`${f}(`))).toEqual([]);
  });
});

describe('docs/writing-rules.md collections', () => {
  it('names every collection a rule may target', async () => {
    const { TARGETS } = await import('../src/model/snapshot.ts');
    const doc = await readFile(path.join(PACKAGE_ROOT, 'docs/writing-rules.md'), 'utf8');
    const named = (t: string): boolean => {
      if (doc.includes(`\`${t}\``)) return true;
      // "`aws.rds.instances`, `.clusterParameterGroups`" style: the last segment after a sibling.
      const last = t.slice(t.lastIndexOf('.'));
      return doc.includes(`\`${last}\``) && doc.includes(`\`${t.slice(0, t.lastIndexOf('.'))}.`);
    };
    expect(TARGETS.filter((t) => !named(t))).toEqual([]);
  });
});
