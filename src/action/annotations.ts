/**
 * Findings → workflow annotations, within what GitHub shows: at most 10 annotations of each level
 * (error, warning, notice) per step; more are dropped silently. Failures go first, the most severe
 * first, and when some were left out the last notice says how many and where to see them all.
 *
 * Which findings: failing ones (critical/high → error, medium → warning, low/info → notice) and
 * those oobguard could not judge (unknown / error → warning: unknown is not pass). With a
 * baseline, only findings new against it are annotated: the others were there before the change.
 * Passed and waived findings are not annotated.
 */
import { severityRank, type Finding, type Report, type Severity } from '../engine/types.ts';
import { annotationCommand, type AnnotationLevel, type AnnotationProps } from './workflow.ts';

/** Annotations of one level GitHub shows per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

const LEVEL: Record<Severity, AnnotationLevel> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice', info: 'notice' };
const MAX_MESSAGE = 1000;

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  props: AnnotationProps;
}

export interface AnnotationPlan {
  annotations: Annotation[];
  /** Findings that qualified but were left out by the per-level limit. */
  omitted: number;
  /** Findings that qualified. */
  total: number;
}

function levelOf(f: Finding): AnnotationLevel {
  return f.status === 'fail' ? LEVEL[f.severity] : 'warning';
}

/**
 * Failures before findings that could not be judged (both may be warnings), then most severe first,
 * then by file and line.
 */
function order(a: Finding, b: Finding): number {
  return Number(b.status === 'fail') - Number(a.status === 'fail')
    || severityRank(b.severity) - severityRank(a.severity)
    || (a.location?.file ?? '').localeCompare(b.location?.file ?? '')
    || (a.location?.startLine ?? 0) - (b.location?.startLine ?? 0)
    || a.ruleId.localeCompare(b.ruleId);
}

function annotationOf(f: Finding, titles: ReadonlyMap<string, string>): Annotation {
  const judged = f.status === 'fail';
  const title = `${f.ruleId} (${f.severity})${judged ? '' : ' could not be judged'}: ${titles.get(f.ruleId) ?? f.controlId}`;
  let message = judged ? f.message : `${f.message} — ${f.status}: ${(f.reasons ?? []).join('; ') || 'no reason recorded'}`;
  if (f.objectName) message = `${f.objectKind} ${f.namespace ? `${f.namespace}/` : ''}${f.objectName}: ${message}`;
  if (message.length > MAX_MESSAGE) message = `${message.slice(0, MAX_MESSAGE - 1)}…`;
  const loc = f.location;
  const props: AnnotationProps = { title };
  if (loc && loc.file && loc.file !== '-') {
    props.file = loc.file;
    props.line = Math.max(1, loc.startLine);
    if (loc.endLine !== undefined && loc.endLine !== loc.startLine) props.endLine = loc.endLine;
    else if (loc.startColumn !== undefined) props.col = loc.startColumn;
  }
  return { level: levelOf(f), message, props };
}

/**
 * The annotations to print for a report (file paths as the report has them: make them
 * repo-relative first); `already` counts annotations the step printed before, per level.
 */
export function planAnnotations(report: Report, already: Partial<Record<AnnotationLevel, number>> = {}): AnnotationPlan {
  const candidates = report.findings
    .filter((f) => f.status === 'fail' || f.status === 'unknown' || f.status === 'error')
    .filter((f) => !report.baseline || f.baseline !== 'existing')
    .sort(order);
  const titles = new Map(report.rules.map((r) => [r.id, r.title]));
  const used: Record<AnnotationLevel, number> = { error: 0, warning: 0, notice: 0, ...already };
  const annotations: Annotation[] = [];
  for (const f of candidates) {
    const level = levelOf(f);
    if (used[level] >= ANNOTATIONS_PER_LEVEL) continue;
    used[level]++;
    annotations.push(annotationOf(f, titles));
  }
  let omitted = candidates.length - annotations.length;
  if (omitted > 0) {
    // The note needs a notice slot: give up the least severe notice when all ten are taken.
    if (used.notice >= ANNOTATIONS_PER_LEVEL) {
      const last = annotations.map((a) => a.level).lastIndexOf('notice');
      annotations.splice(last, 1);
      omitted++;
    }
    annotations.push({ level: 'notice', message: omittedNote(omitted, candidates.length), props: { title: 'oobguard: more findings' } });
  }
  return { annotations, omitted, total: candidates.length };
}

export function omittedNote(omitted: number, total: number): string {
  return `${omitted} of ${total} findings are not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} annotations of each level per step); the job summary and code scanning list them all.`;
}

export function annotationLines(plan: AnnotationPlan): string[] {
  return plan.annotations.map((a) => annotationCommand(a.level, a.message, a.props));
}
