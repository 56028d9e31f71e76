/** Summary counts, verdict and exit code from findings and diagnostics. Pure. */
import type { Diagnostic, InputRecord } from '../model/snapshot.ts';
import { SEVERITIES, STATUSES, severityRank, type Finding, type Severity, type Status, type Summary } from './types.ts';

/**
 * Whether a finding counts for the exit code: at or above failOn, and not a failure a baseline
 * already had. An unknown or error counts even when the baseline had it: unknown is not pass.
 */
export function gates(f: Finding, failOn: Severity): boolean {
  return !(f.status === 'fail' && f.baseline === 'existing') && severityRank(f.severity) >= severityRank(failOn);
}

export function summarize(
  findings: readonly Finding[], inputs: readonly InputRecord[], diagnostics: readonly Diagnostic[], failOn: Severity, rules: { total: number },
): { summary: Summary; exitCode: 0 | 1 | 2 } {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  const failingBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let gatingFail = 0;
  let gatingIncomplete = 0;
  const evaluated = new Set<string>();
  for (const f of findings) {
    byStatus[f.status]++;
    evaluated.add(f.ruleId);
    const counts = gates(f, failOn);
    if (f.status === 'fail') {
      failingBySeverity[f.severity]++;
      if (counts) gatingFail++;
    }
    if ((f.status === 'unknown' || f.status === 'error') && counts) gatingIncomplete++;
  }
  const inputErrors = diagnostics.filter((d) => d.severity === 'error').length;
  const exitCode = inputErrors > 0 || gatingIncomplete > 0 ? 2 : gatingFail > 0 ? 1 : 0;
  return {
    exitCode,
    summary: {
      verdict: exitCode === 2 ? 'incomplete' : exitCode === 1 ? 'fail' : 'pass',
      total: findings.length,
      byStatus,
      failingBySeverity,
      inputs: {
        scanned: inputs.filter((i) => i.status === 'scanned').length,
        skipped: inputs.filter((i) => i.status === 'skipped').length,
        error: inputs.filter((i) => i.status === 'error').length,
      },
      rules: { total: rules.total, evaluated: evaluated.size },
    },
  };
}
