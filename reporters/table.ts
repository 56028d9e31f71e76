/**
 * A terminal table for people: failing findings first (most severe first), then errors, unknowns
 * and waivers, passes only with --show-passed, and a summary line. Each finding is one header row
 * (status, severity, rule, location, object) cut to the terminal width, with its message and
 * reasons wrapped underneath. Without colour the output holds no escape sequences at all: colour
 * codes are only added by `c()`, and control characters in scanned text are replaced.
 */
import type { Finding, Report, Severity } from '../src/engine/types.ts';
import { SEVERITIES, severityRank } from '../src/engine/types.ts';

export interface TableOptions {
  color: boolean;
  showPassed: boolean;
  /** Terminal width for truncation and wrapping (default 120, at least 40). */
  width?: number;
}

const SEV_COLOR: Record<Severity, string> = { critical: '1;31', high: '31', medium: '33', low: '36', info: '37' };
const STATUS_ORDER = ['fail', 'error', 'unknown', 'waived', 'pass'];
const STATUS_COLOR: Record<string, string> = { fail: '31', error: '35', unknown: '35', waived: '2', pass: '32' };
const STATUS_W = 8;
const SEV_W = 9;
/** Message lines are indented under the location when there is room for this many characters. */
const MIN_TEXT = 40;

export function renderTable(report: Report, opts: TableOptions): string {
  const c = (code: string, s: string): string => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const width = Math.max(40, opts.width ?? 120);
  const shown = report.findings
    .filter((f) => opts.showPassed || f.status !== 'pass')
    .sort((a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status)
      || severityRank(b.severity) - severityRank(a.severity)
      || compare(a.ruleId, b.ruleId)
      || compare(a.location?.file ?? a.source.file, b.location?.file ?? b.source.file)
      || (a.location?.startLine ?? a.source.line) - (b.location?.startLine ?? b.source.line)
      || compare(a.objectId, b.objectId));
  const lines: string[] = [];
  if (shown.length > 0) {
    const idW = Math.min(28, Math.max(4, ...shown.map((f) => clean(f.ruleId).length)));
    const prefixW = STATUS_W + 1 + SEV_W + 1 + idW + 1;
    // Under the location when there is room, else a small indent so narrow terminals still read.
    const indent = ' '.repeat(width - prefixW >= MIN_TEXT ? prefixW : 4);
    const textW = width - indent.length;
    lines.push(c('1', cut(`${pad('STATUS', STATUS_W)} ${pad('SEVERITY', SEV_W)} ${pad('RULE', idW)} LOCATION  OBJECT`, width)));
    for (const f of shown) {
      const status = c(STATUS_COLOR[f.status] ?? '0', pad(f.status.toUpperCase(), STATUS_W));
      const ruleId = pad(cut(clean(f.ruleId), width - STATUS_W - SEV_W - 2), idW);
      const row = `${status} ${c(SEV_COLOR[f.severity], pad(f.severity, SEV_W))} ${ruleId}`;
      const room = width - (STATUS_W + 1 + SEV_W + 1 + ruleId.length + 1);
      // The location goes on the row when it fits reasonably, else on its own line below.
      if (room >= 16) lines.push(`${row} ${whereAndWhat(f, room)}`);
      else lines.push(row.trimEnd(), `${indent}${whereAndWhat(f, textW)}`);
      const template = f.location?.template ?? f.source.template;
      if (template) for (const part of wrap(`rendered from ${clean(template)}`, textW)) lines.push(`${indent}${c('2', part)}`);
      const msg = f.status === 'waived' && f.waiver
        ? `${f.message} — waived: ${f.waiver.reason} (owner ${f.waiver.owner}, expires ${f.waiver.expires ?? 'never'})`
        : f.message;
      for (const part of wrap(clean(msg), textW)) lines.push(`${indent}${part}`);
      for (const r of f.reasons ?? []) for (const part of wrap(`↳ ${clean(r)}`, textW)) lines.push(`${indent}${c('2', part)}`);
    }
    lines.push('');
  }
  const s = report.summary;
  const bySev = SEVERITIES.filter((k) => s.failingBySeverity[k] > 0).map((k) => `${s.failingBySeverity[k]} ${k}`).join(', ');
  const hiddenPasses = opts.showPassed ? '' : s.byStatus.pass > 0 ? ' (--show-passed lists them)' : '';
  const verdict = s.verdict === 'pass' ? 'PASS' : s.verdict === 'fail' ? 'FAIL' : 'INCOMPLETE';
  const verdictColor = s.verdict === 'pass' ? '1;32' : s.verdict === 'fail' ? '1;31' : '1;35';
  const errors = `${s.byStatus.error} ${s.byStatus.error === 1 ? 'error' : 'errors'}`;
  const first = `${s.byStatus.fail} failing${bySev ? ` (${bySev})` : ''}, ${errors}, ${s.byStatus.unknown} unknown, ${s.byStatus.waived} waived, ${s.byStatus.pass} passed${hiddenPasses}`;
  const second = `${s.inputs.scanned} inputs scanned, ${s.inputs.skipped} skipped, ${s.inputs.error} with errors; ${s.rules.evaluated} of ${s.rules.total} rules applied; fail-on: ${report.failOn}`;
  const summaryIndent = ' '.repeat(verdict.length + 2);
  wrap(first, width - summaryIndent.length).forEach((part, i) => lines.push(i === 0 ? `${c(verdictColor, verdict)}  ${part}` : `${summaryIndent}${part}`));
  for (const part of wrap(second, width - summaryIndent.length)) lines.push(`${summaryIndent}${part}`);
  for (const cov of report.coverage ?? []) {
    const line = `${cov.source} ${cov.scope}: ${cov.calls - cov.failedCalls} of ${cov.calls} API calls read (${cov.percent}%)${cov.gaps > 0 ? `; ${cov.gaps} ${cov.gaps === 1 ? 'collection' : 'collections'} could not be read (unknown findings say which and why)` : ''}`;
    for (const part of wrap(clean(line), width - summaryIndent.length)) lines.push(`${summaryIndent}${part}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `file:line:col  Kind namespace/name`, cut to `room`: the object is dropped first, then the path's start. */
function whereAndWhat(f: Finding, room: number): string {
  const l = f.location;
  const where = clean(l ? `${l.file}:${l.startLine}${l.startColumn ? `:${l.startColumn}` : ''}` : `${f.source.file}:${f.source.line}`);
  const what = clean(`${f.objectKind} ${f.namespace ? `${f.namespace}/` : ''}${f.objectName}`);
  if (where.length > room) return `…${where.slice(where.length - Math.max(1, room - 1))}`;
  const left = room - where.length - 2;
  return left >= 8 ? `${where}  ${cut(what, left)}` : where;
}

/** Scanned text reaches a terminal: replace control characters (escape sequences) and line breaks. */
export function clean(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function cut(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, Math.max(0, n - 1))}…`;
}

/** Word wrap to `width`; words longer than a line are broken. */
function wrap(text: string, width: number): string[] {
  const w = Math.max(10, width);
  const out: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/)) {
    if (word === '') continue;
    while (word.length > w) {
      if (line !== '') {
        out.push(line);
        line = '';
      }
      out.push(word.slice(0, w));
      word = word.slice(w);
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length > w) {
      out.push(line);
      line = word;
    } else line = `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out;
}
