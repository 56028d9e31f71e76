/** Referential integrity of the framework mappings (rules/frameworks/*.yaml). */
import { describe, expect, it } from 'vitest';
import { loadFrameworks } from '../src/rule-files.ts';
import { loadRules } from '../src/run.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';

const fw = await loadFrameworks();
const ids = new Set(fw.controls.map((c) => c.id));

describe('framework mappings', () => {
  it('the catalog has 100 controls with unique ids', () => {
    expect(fw.controls).toHaveLength(100);
    expect(ids.size).toBe(100);
  });
  it.each(Object.keys(fw.files))('%s references only catalog controls', (file) => {
    const f = fw.files[file]!;
    const refs = f.groups.flatMap((g) => [...(g.controls ?? []), ...(g.partial ?? [])]).concat(f.outsideScope?.controls ?? []);
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
  });
  it('every control has a seed tenet or OOB domain, a NIST placement (or is outside its tenets) and a CISA function', () => {
    for (const c of fw.controls) {
      const r = fw.refs(c.id);
      expect(r.tenets.length + r.domains.length, c.id).toBeGreaterThan(0);
      expect(r.cisa.length, c.id).toBeGreaterThan(0);
      const outside = fw.files['nist-800-207']?.outsideScope?.controls ?? [];
      expect(r.nist.length > 0 || outside.includes(c.id), c.id).toBe(true);
    }
  });
  it('NIST coverage matches FRAMEWORKS.md section 4 (27 controls outside the tenets; T3 cited by 32)', () => {
    expect(fw.files['nist-800-207']?.outsideScope?.controls).toHaveLength(27);
    const t3 = fw.files['nist-800-207']!.groups.find((g) => g.id === 'tenet-3')!;
    expect(t3.controls.length + (t3.partial ?? []).length).toBe(32);
  });
  it('every built-in rule inherits framework placement from its control', async () => {
    const { rules } = await loadRules({ cwd: PACKAGE_ROOT });
    for (const r of rules) expect(r.meta.frameworks.cisa.length, r.meta.id).toBeGreaterThan(0);
  });
});
