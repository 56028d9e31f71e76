/**
 * What changed between two results of oobguard: findings that are new, fixed or still failing,
 * newly unknown, and how much of each live source could be read. Findings are matched by identity —
 * the rule and the judged object (a Kubernetes object by kind, namespace and name; a Terraform
 * resource by address; a live one by ARN or resource id) — never by line, so moving a resource in
 * its file or reformatting it changes nothing, and a finding whose failing check changes (another
 * key of the same rule on the same object) is still the same finding.
 *
 * Used three ways: `oobguard diff OLD NEW`; `scan --previous FILE` (the report shows the changes);
 * `scan --baseline FILE` (the same, and only what is new gates the exit code — a pull request is
 * judged on what it made worse). Either side may be a JSON report or a snapshot (evaluated first).
 */
import type { CoverageSummary, Finding, Report, Severity, Status } from './engine/types.ts';
import { severityRank } from './engine/types.ts';

/** A finding as a change list shows it. */
export interface FindingRef {
  ruleId: string;
  severity: Severity;
  status: Status;
  objectKind: string;
  objectName: string;
  namespace: string;
  message: string;
  /** `file:line` where it is (the later result's location for new ones, the earlier one's for fixed). */
  where: string;
  fingerprint: string;
}

export interface CoverageChange {
  source: string;
  scope: string;
  /** Share of calls that succeeded; null when the source was not read on that side. */
  before: number | null;
  after: number | null;
}

export interface ReportChanges {
  /** What the later result was compared with (its file name). */
  against: string;
  /** When that earlier result was made. */
  againstScannedAt: string;
  /** Failing now and not before (a new resource, or a regression): most severe first. */
  newFailures: FindingRef[];
  /** Failing before and not now (passing, waived, or the resource is gone). */
  fixed: FindingRef[];
  /** Failing before, in an input the later result could not read: neither fixed nor still failing — not known. */
  notRead: FindingRef[];
  /** Failing on both sides. */
  stillFailing: number;
  /** Unknown or error now, judged (or absent) before: coverage or inputs got worse. */
  newUnknown: FindingRef[];
  /** Live sources whose share of readable calls changed, or that appeared or disappeared. */
  coverage: CoverageChange[];
}

const isFailing = (f: Finding): boolean => f.status === 'fail';
const isNotJudged = (f: Finding): boolean => f.status === 'unknown' || f.status === 'error';

function refOf(f: Finding): FindingRef {
  const loc = f.location;
  return {
    ruleId: f.ruleId, severity: f.severity, status: f.status, objectKind: f.objectKind, objectName: f.objectName, namespace: f.namespace,
    message: f.message, where: loc ? `${loc.file}:${loc.startLine}` : `${f.source.file}:${f.source.line}`, fingerprint: f.fingerprint,
  };
}

/** What makes two findings the same: the rule and the judged object. */
export function identityOf(f: Pick<Finding, 'ruleId' | 'objectId'>): string {
  return `${f.ruleId}\u0000${f.objectId}`;
}

/** Counts of findings by identity among those `keep` selects (a multiset: one object may carry several). */
function tally(findings: readonly Finding[], keep: (f: Finding) => boolean): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of findings) if (keep(f)) m.set(identityOf(f), (m.get(identityOf(f)) ?? 0) + 1);
  return m;
}

/** The findings of `side` that `other` does not account for (multiset difference by identity). */
function beyond(side: readonly Finding[], other: Map<string, number>, keep: (f: Finding) => boolean): Finding[] {
  const left = new Map(other);
  const out: Finding[] = [];
  for (const f of side) {
    if (!keep(f)) continue;
    const n = left.get(identityOf(f)) ?? 0;
    if (n > 0) left.set(identityOf(f), n - 1);
    else out.push(f);
  }
  return out;
}

const bySeverity = (a: FindingRef, b: FindingRef): number =>
  severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId) || a.objectName.localeCompare(b.objectName);

function coverageChanges(before: readonly CoverageSummary[], after: readonly CoverageSummary[]): CoverageChange[] {
  const key = (c: CoverageSummary): string => `${c.source}\u0000${c.scope}`;
  const b = new Map(before.map((c) => [key(c), c]));
  const a = new Map(after.map((c) => [key(c), c]));
  const out: CoverageChange[] = [];
  for (const k of new Set([...b.keys(), ...a.keys()])) {
    const x = b.get(k);
    const y = a.get(k);
    if (x && y && x.percent === y.percent) continue;
    const c = (y ?? x)!;
    out.push({ source: c.source, scope: c.scope, before: x ? x.percent : null, after: y ? y.percent : null });
  }
  return out.sort((p, q) => p.source.localeCompare(q.source) || p.scope.localeCompare(q.scope));
}

/** Files the later result could not read: what was found in them before is not known now. */
function unreadable(after: Report): Set<string> {
  return new Set(after.inputs.filter((i) => i.status === 'error').map((i) => i.file));
}

function fileOf(f: Finding): string {
  return f.location?.file ?? f.source.file;
}

/** The changes from `before` to `after`. */
export function compareReports(before: Report, after: Report, against: string): ReportChanges {
  const failedBefore = tally(before.findings, isFailing);
  const failedAfter = tally(after.findings, isFailing);
  const newFailures = beyond(after.findings, failedBefore, isFailing);
  const gone = beyond(before.findings, failedAfter, isFailing);
  const unread = unreadable(after);
  const fixed = gone.filter((f) => !unread.has(fileOf(f)));
  const notRead = gone.filter((f) => unread.has(fileOf(f)));
  const stillFailing = after.findings.filter(isFailing).length - newFailures.length;
  const unknownBefore = tally(before.findings, isNotJudged);
  return {
    against, againstScannedAt: before.scannedAt,
    newFailures: newFailures.map(refOf).sort(bySeverity),
    fixed: fixed.map(refOf).sort(bySeverity),
    notRead: notRead.map(refOf).sort(bySeverity),
    stillFailing,
    newUnknown: beyond(after.findings, unknownBefore, isNotJudged).map(refOf).sort(bySeverity),
    coverage: coverageChanges(before.coverage ?? [], after.coverage ?? []),
  };
}

/**
 * Mark each finding of `after` that `before` already had in the same state (failing, or not
 * judged) as `existing`, the others as `new`. With a baseline only new failures gate the exit
 * code; what is not judged gates whether it is new or not (unknown is not pass, however long it
 * has been unknown) — the mark only lets a pull request's annotations and comment show what is new.
 */
export function markBaseline(before: Report, after: Finding[]): void {
  const failing = tally(before.findings, isFailing);
  const notJudged = tally(before.findings, isNotJudged);
  for (const f of after) {
    const pool = isFailing(f) ? failing : isNotJudged(f) ? notJudged : null;
    if (pool === null) continue;
    const n = pool.get(identityOf(f)) ?? 0;
    if (n > 0) {
      pool.set(identityOf(f), n - 1);
      f.baseline = 'existing';
    } else f.baseline = 'new';
  }
}
