/** A terminal table for people: failing and unknown findings first, then a summary line. */
import type { Finding, Report, Severity } from '../src/engine/types.ts';
import { severityRank } from '../src/engine/types.ts';

export interface TableOptions {
  color: boolean;
  showPassed: boolean;
  /** Terminal width for truncation (default 120). */
  width?: number;
}

const SEV_COLOR: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '37' };
const STATUS_ORDER = ['fail', 'error', 'unknown', 'waived', 'pass'];

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function where(f: Finding): string {
  const l = f.location;
  if (l) return `${l.file}:${l.startLine}${l.startColumn ? `:${l.startColumn}` : ''}`;
  return `${f.source.file}:${f.source.line}`;
}

export function renderTable(report: Report, opts: TableOptions): string {
  const c = (code: string, s: string): string => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const width = opts.width ?? 120;
  const shown = report.findings
    .filter((f) => opts.showPassed || f.status !== 'pass')
    .sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || severityRank(b.severity) - severityRank(a.severity) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  const lines: string[] = [];
  if (shown.length > 0) {
    const idW = Math.min(28, Math.max(7, ...shown.map((f) => f.ruleId.length)));
    lines.push(c('1', `${pad('STATUS', 8)} ${pad('SEVERITY', 9)} ${pad('RULE', idW)} LOCATION / MESSAGE`));
    for (const f of shown) {
      const status = f.status === 'fail' ? c('31', pad('FAIL', 8)) : f.status === 'pass' ? c('32', pad('PASS', 8)) : f.status === 'waived' ? c('2', pad('WAIVED', 8)) : c('35', pad(f.status.toUpperCase(), 8));
      lines.push(`${status} ${c(SEV_COLOR[f.severity], pad(f.severity, 9))} ${pad(f.ruleId, idW)} ${where(f)}`);
      const indent = ' '.repeat(19 + idW);
      const msg = f.status === 'waived' && f.waiver ? `${f.message} — waived: ${f.waiver.reason} (${f.waiver.owner})` : f.message;
      for (const part of wrap(msg, Math.max(40, width - indent.length))) lines.push(`${indent}${part}`);
      for (const r of f.reasons ?? []) for (const part of wrap(`↳ ${r}`, Math.max(40, width - indent.length))) lines.push(`${indent}${c('2', part)}`);
    }
    lines.push('');
  }
  const s = report.summary;
  const bySev = (['critical', 'high', 'medium', 'low', 'info'] as const).filter((k) => s.failingBySeverity[k] > 0).map((k) => `${s.failingBySeverity[k]} ${k}`).join(', ');
  const verdict = s.verdict === 'pass' ? c('1;32', 'PASS') : s.verdict === 'fail' ? c('1;31', 'FAIL') : c('1;35', 'INCOMPLETE');
  lines.push(`${verdict}  ${s.byStatus.fail} failing${bySev ? ` (${bySev})` : ''}, ${s.byStatus.pass} passed, ${s.byStatus.unknown} unknown, ${s.byStatus.error} errors, ${s.byStatus.waived} waived`);
  lines.push(`       ${s.inputs.scanned} inputs scanned, ${s.inputs.skipped} skipped, ${s.inputs.error} with errors; ${s.rules.evaluated} of ${s.rules.total} rules applied; fail-on: ${report.failOn}`);
  return `${lines.join('\n')}\n`;
}

function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line.length + word.length + 1 > width && line !== '') {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out;
}
