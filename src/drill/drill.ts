/**
 * drill(report, snapshot): the pre-drill audit as a pure function of a scan's Report and the
 * Snapshot it judged. Each checklist item (checklist.ts) takes its status from the rule results
 * mapped to it, the coverage gaps of the collections it reads, its evidence and, where no rule
 * judges, the drill's own check: no-go when anything failed; unknown when anything could not be
 * judged, a source was not read, or nothing among the inputs decides it; go otherwise. The verdict
 * is GO only when every blocking item is go (or does not apply).
 */
import type { Finding, Report } from '../engine/types.ts';
import type { CoverageGap, Snapshot, SourceCoverage } from '../model/snapshot.ts';
import { INFORMATION_URI, VERSION } from '../version.ts';
import { CHECKLIST, STEP_TITLES, type ItemSpec } from './checklist.ts';
import type { EvidenceContext } from './evidence.ts';
import { DRILL_STEPS, type DrillItem, type DrillResult, type DrillRuleCount } from './types.ts';

export function drill(report: Report, snapshot: Snapshot, checklist: readonly ItemSpec[] = CHECKLIST): DrillResult {
  const ctx: EvidenceContext = { report, snapshot, now: report.scannedAt };
  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  const items = checklist.map((spec) => judge(spec, ctx, titles));
  const blocking = items.filter((i) => i.blocking && (i.status === 'no-go' || i.status === 'unknown'));
  const incomplete = blocking.some((i) => i.status === 'unknown');
  return {
    schemaVersion: 1,
    tool: { name: 'oobguard', version: VERSION, informationUri: INFORMATION_URI },
    auditedAt: report.scannedAt,
    collectedAt: snapshot.collectedAt,
    verdict: blocking.length === 0 ? 'GO' : 'NO-GO',
    incomplete,
    reasons: blocking.map((i) => `[${i.status}] ${i.id}: ${i.reasons[0] ?? i.title}${i.reasons.length > 1 ? ` (and ${i.reasons.length - 1} more)` : ''}`),
    steps: DRILL_STEPS.map((id) => ({ id, title: STEP_TITLES[id], items: items.filter((i) => i.step === id) })),
    sources: snapshot.sources,
    inputs: report.summary.inputs,
    coverage: report.coverage ?? [],
    exitCode: incomplete ? 2 : blocking.length > 0 ? 1 : 0,
  };
}

function judge(spec: ItemSpec, ctx: EvidenceContext, titles: ReadonlyMap<string, string>): DrillItem {
  const findings = ctx.report.findings.filter((f) => spec.rules.includes(f.ruleId));
  const gaps = gapsOf(ctx.snapshot.coverage ?? [], spec.collections);
  const evidence = spec.evidence?.(ctx) ?? [];
  const own = spec.own?.(ctx) ?? [];
  const rules = spec.rules.map((ruleId): DrillRuleCount => {
    const mine = findings.filter((f) => f.ruleId === ruleId);
    const n = (s: Finding['status']): number => mine.filter((f) => f.status === s).length;
    return { ruleId, title: titles.get(ruleId) ?? ruleId, pass: n('pass'), fail: n('fail'), unknown: n('unknown'), waived: n('waived'), error: n('error') };
  });
  const base = { id: spec.id, step: spec.step, title: spec.title, blocking: spec.blocking, checks: spec.checks, evidence, rules };
  if (spec.applies && !spec.applies(ctx.snapshot) && findings.length === 0 && gaps.length === 0) {
    return { ...base, status: 'not-applicable', reasons: [spec.notApplicable ?? 'nothing of this kind among the inputs'], notes: [] };
  }
  const failing = [
    ...findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId}: ${f.message}${where(f)}`),
    ...own.filter((o) => o.status === 'no-go').map((o) => o.reason),
  ];
  const gapCollections = new Set(gaps.map((g) => g.gap.collection));
  const missing = evidence.flatMap((e) => (e.missing ? [e.missing] : []));
  const unknown = [
    ...gaps.map(({ source, gap }) => `${gap.collection} could not be read from ${source.source}${source.scope ? ` ${source.scope}` : ''}${gap.scope ? ` (${gap.scope})` : ''}: ${gap.api} failed: ${gap.error}${gap.permission ? ` — needs ${gap.permission}` : ''}`),
    // A rule's coverage finding says what the gap above says already.
    ...findings.filter((f) => (f.status === 'unknown' || f.status === 'error') && !(f.objectKind === 'Coverage' && gapCollections.has(f.objectName)))
      .map((f) => `${f.ruleId}: ${f.message}${f.reasons && f.reasons.length > 0 ? ` — ${f.reasons.join('; ')}` : ''}${where(f)}`),
    ...missing,
    ...own.filter((o) => o.status === 'unknown').map((o) => o.reason),
  ];
  if (spec.required && missing.length === 0 && gaps.length === 0 && !findings.some((f) => spec.required!.rules.includes(f.ruleId))) unknown.push(spec.required.missing);
  const decided = findings.some((f) => f.status === 'pass' || f.status === 'waived') || own.some((o) => o.status === 'go');
  if (failing.length === 0 && unknown.length === 0 && !decided) unknown.push('nothing among the inputs decides this item');
  const notes = [
    ...findings.filter((f) => f.status === 'waived' && f.waiver).map((f) =>
      `${f.ruleId} waived for ${f.objectKind} ${f.objectName} by ${f.waiver!.owner}${f.waiver!.expires ? ` until ${f.waiver!.expires}` : ''}: ${f.waiver!.reason}`),
    ...(spec.notes ?? []),
  ];
  return { ...base, status: failing.length > 0 ? 'no-go' : unknown.length > 0 ? 'unknown' : 'go', reasons: [...new Set([...failing, ...unknown])], notes };
}

/** Coverage gaps on the collections an item reads (or on a part of one, or on what contains one). */
function gapsOf(coverage: readonly SourceCoverage[], collections: readonly string[]): { source: SourceCoverage; gap: CoverageGap }[] {
  const hit = (c: string): boolean => collections.some((x) => x === c || c.startsWith(`${x}.`) || x.startsWith(`${c}.`));
  return coverage.flatMap((source) => source.gaps.filter((gap) => hit(gap.collection)).map((gap) => ({ source, gap })));
}

function where(f: Finding): string {
  if (f.location) return ` (${f.location.file}:${f.location.startLine})`;
  return f.source.ref ? ` (${f.source.ref})` : '';
}
