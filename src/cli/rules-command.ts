/** `oobguard rules` and `oobguard explain`. */
import type { CompiledRule } from '../engine/compile.ts';
import type { RuleMeta } from '../engine/types.ts';

export function listRules(rules: readonly RuleMeta[], format: 'table' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(rules, null, 2)}\n`;
  const idW = Math.max(...rules.map((r) => r.id.length), 4);
  const tW = Math.max(...rules.map((r) => r.target.length), 6);
  const lines = [`${'ID'.padEnd(idW)}  ${'SEVERITY'.padEnd(8)}  ${'TARGET'.padEnd(tW)}  TITLE`];
  for (const r of rules) lines.push(`${r.id.padEnd(idW)}  ${r.severity.padEnd(8)}  ${r.target.padEnd(tW)}  ${r.title}`);
  lines.push('', `${rules.length} rules. "oobguard explain <id>" shows one.`);
  return `${lines.join('\n')}\n`;
}

export function explainRule(rules: readonly CompiledRule[], id: string): string | null {
  const want = id.toUpperCase();
  const matches = rules.filter((r) => r.meta.id.toUpperCase() === want || r.meta.controlId === want || r.meta.slug === id);
  if (matches.length === 0) return null;
  return matches.map((r) => {
    const m = r.meta;
    const fw = m.frameworks;
    const parts = [
      `${m.id} — ${m.title}`,
      `severity: ${m.severity}   target: ${m.target}   slug: ${m.slug}`,
      '',
      m.description.trim(),
      '',
      'Frameworks:',
      ...(fw.tenets.length ? [`  Zero Trust tenets: ${fw.tenets.join('; ')}`] : []),
      ...(fw.domains.length ? [`  OOB domains: ${fw.domains.join('; ')}`] : []),
      `  NIST SP 800-207: ${fw.nist.length ? fw.nist.join('; ') : 'outside the §2.1 tenets'}`,
      ...(fw.cisa.length ? [`  CISA ZTMM: ${fw.cisa.join('; ')}`] : []),
      '',
      'Remediation:',
      ...m.remediation.trim().split('\n').map((l) => `  ${l}`),
      ...(m.references.length ? ['', 'References:', ...m.references.map((u) => `  ${u}`)] : []),
      '',
      `Examples: ${r.spec.examples.pass.map((e) => `pass "${e.name}"`).concat(r.spec.examples.fail.map((e) => `fail "${e.name}"`)).join(', ')}`,
      `Docs: docs/rules/${m.id}.md`,
    ];
    return parts.join('\n');
  }).join('\n\n---\n\n') + '\n';
}
