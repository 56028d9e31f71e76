/**
 * `oobguard diff OLD NEW`: load both results (JSON reports, or snapshots judged now with the
 * current rules and config) and compare them (diff.ts). Exit 2 when the newer result is
 * incomplete — an input it could not read, or something newly not judged at or above failOn — else
 * 1 when something new fails at or above failOn, else 0.
 */
import { compareReports, type ReportChanges } from './diff.ts';
import { severityRank, type Severity } from './engine/types.ts';
import { loadConfig, loadResult, loadRules, UsageError } from './run.ts';
import path from 'node:path';

export interface DiffOptions {
  cwd: string;
  configFile?: string;
  rulesDirs?: readonly string[];
  failOn?: Severity;
}

export async function diffFiles(older: string, newer: string, opts: DiffOptions): Promise<{ changes: ReportChanges; exitCode: 0 | 1 | 2 }> {
  const { config, diagnostics } = await loadConfig({ cwd: opts.cwd, paths: [], ...(opts.configFile ? { configFile: opts.configFile } : {}) });
  const broken = diagnostics.find((d) => d.severity === 'error');
  if (broken) throw new UsageError(broken.message);
  const failOn: Severity = opts.failOn ?? config.failOn ?? 'low';
  const { rules } = await loadRules({ cwd: opts.cwd, ...(opts.rulesDirs ? { rulesDirs: opts.rulesDirs } : {}) });
  const now = new Date().toISOString();
  const [a, b] = await Promise.all([older, newer].map((f) => loadResult(f, { cwd: opts.cwd, rules, config, now, failOn })));
  const changes = compareReports(a!, b!, path.basename(older));
  const gates = (f: { severity: Severity }): boolean => severityRank(f.severity) >= severityRank(failOn);
  const incomplete = b!.inputs.some((i) => i.status === 'error') || changes.newUnknown.some(gates);
  return { changes, exitCode: incomplete ? 2 : changes.newFailures.some(gates) ? 1 : 0 };
}
