/**
 * The compact report posted to a Mattermost channel (`scan --notify-mattermost-webhook`): verdict,
 * counts by severity, what changed against the previous result (when the report carries
 * `changes`), the top failing findings most severe first, what could not be judged, and the
 * coverage of live sources. The full report stays where `--format`/`--output` put it; this is the
 * alert that sends people to it.
 *
 * Mattermost Markdown: no HTML, no <details>, no GitHub alerts; tables and emoji work. Every string
 * from scanned inputs is escaped so a resource name cannot format the post, and `@` is followed by a
 * zero-width space so a name like `@channel` never notifies anyone. The post stays within
 * Mattermost's limit (16,383 characters): lists shrink step by step, each saying what it left out,
 * and a last-resort cut says so. Counts always come from the full report.
 */
import { counted, oneLine } from '../../reporters/markdown-text.ts';
import { gates } from '../engine/summary.ts';
import { SEVERITIES, severityRank, type Finding, type Report, type Severity } from '../engine/types.ts';

/** Mattermost's largest post (runes, i.e. code points; `PostMessageMaxRunesV2`). */
export const MATTERMOST_POST_LIMIT = 16_383;

export interface SummaryOptions {
  /** Largest post in characters (code points); default MATTERMOST_POST_LIMIT. */
  limit?: number;
}

/** How much to list; tried from the first to the last until the post fits. */
const LEVELS: readonly { top: number; changes: number; coverage: number }[] = [
  { top: 10, changes: 5, coverage: 20 },
  { top: 5, changes: 3, coverage: 10 },
  { top: 3, changes: 2, coverage: 5 },
  { top: 1, changes: 1, coverage: 3 },
  { top: 0, changes: 0, coverage: 0 },
];
const MAX_MESSAGE = 300;
const MAX_NAME = 120;

export function renderMattermostSummary(report: Report, opts: SummaryOptions = {}): string {
  const limit = opts.limit ?? MATTERMOST_POST_LIMIT;
  for (const [i, level] of LEVELS.entries()) {
    const out = render(report, level, i > 0 ? limit : null);
    if (runes(out) <= limit) return out;
  }
  const note = `\n\n_…cut to fit the ${limit.toLocaleString('en-US')}-character post limit; the full report is in the scan's output._`;
  return [...render(report, LEVELS[LEVELS.length - 1]!, limit)].slice(0, Math.max(0, limit - runes(note))).join('') + note;
}

/** `shortenedTo`: the limit the lists were shortened for (null: nothing left out). */
function render(report: Report, level: (typeof LEVELS)[number], shortenedTo: number | null): string {
  const parts = [
    head(report),
    severityTable(report),
    changes(report, level.changes),
    topFindings(report, level.top),
    notJudged(report),
    coverage(report, level.coverage),
    shortenedTo !== null ? `_Lists shortened to fit Mattermost's ${shortenedTo.toLocaleString('en-US')}-character post limit; every count is complete and the full report is in the scan's output._` : '',
    `_${esc(report.tool.name)} ${esc(report.tool.version)} · fail-on \`${report.failOn}\` · scanned ${esc(report.scannedAt)}_`,
  ];
  return parts.filter((p) => p !== '').join('\n\n');
}

function head(report: Report): string {
  const s = report.summary;
  const gatingFail = report.findings.filter((f) => f.status === 'fail' && gates(f, report.failOn)).length;
  const gatingNotJudged = report.findings.filter((f) => (f.status === 'unknown' || f.status === 'error') && gates(f, report.failOn)).length;
  const fresh = report.baseline ? ' new' : '';
  const inputErrors = report.diagnostics.filter((d) => d.severity === 'error').length;
  const failOn = `\`${report.failOn}\``;
  let title: string;
  if (s.verdict === 'fail') {
    title = `:red_circle: oobguard: FAIL — ${counted(gatingFail, `${fresh.trim()}${fresh ? ' ' : ''}failing finding`)} at or above ${failOn}`;
  } else if (s.verdict === 'incomplete') {
    const why = [
      gatingNotJudged > 0 ? `${counted(gatingNotJudged, 'finding')} at or above ${failOn} could not be judged` : '',
      inputErrors > 0 ? counted(inputErrors, 'input error') : '',
    ].filter((x) => x !== '').join(', ');
    title = `:warning: oobguard: INCOMPLETE${why ? ` — ${why}` : ''}`;
  } else {
    title = `:white_check_mark: oobguard: PASS — nothing${fresh} failing at or above ${failOn}`;
  }
  const sev = SEVERITIES.filter((k) => s.failingBySeverity[k] > 0).map((k) => `${s.failingBySeverity[k]} ${k}`).join(', ');
  const counts = `${s.byStatus.fail} failing${sev ? ` (${sev})` : ''}, ${s.byStatus.unknown} unknown, ${counted(s.byStatus.error, 'error')}, ${s.byStatus.waived} waived, ${s.byStatus.pass} passed`;
  const scope = `${counted(s.inputs.scanned, 'input')} scanned${s.inputs.error > 0 ? ` (${s.inputs.error} with errors)` : ''}, ${s.rules.evaluated} of ${s.rules.total} rules applied`;
  return `#### ${title}\n${counts} · ${scope}`;
}

function severityTable(report: Report): string {
  const rows = SEVERITIES.map((k) => {
    const of = report.findings.filter((f) => f.severity === k);
    const n = (status: Finding['status']): number => of.filter((f) => f.status === status).length;
    return { k, fail: n('fail'), notJudged: n('unknown') + n('error'), waived: n('waived'), pass: n('pass') };
  }).filter((r) => r.fail + r.notJudged + r.waived + r.pass > 0);
  if (rows.length === 0) return 'No rule applied to what was scanned.';
  return [
    '| Severity | Failing | Not judged | Waived | Passed |',
    '|:--|--:|--:|--:|--:|',
    ...rows.map((r) => `| ${r.k} | ${r.fail} | ${r.notJudged} | ${r.waived} | ${r.pass} |`),
  ].join('\n');
}

/** What changed since the previous result (`--previous` / `--baseline`), when the report says. */
function changes(report: Report, listed: number): string {
  const c = report.changes;
  if (!c) return '';
  const line = `**Since ${esc(c.against)}:** ${c.newFailures.length} new failing · ${c.fixed.length} fixed · ${c.stillFailing} still failing${c.newUnknown.length > 0 ? ` · ${c.newUnknown.length} newly not judged` : ''}`;
  const items = c.newFailures.slice(0, listed).map((f) => {
    const name = f.namespace ? `${f.namespace}/${f.objectName}` : f.objectName;
    return `- **${f.severity}** ${code(f.ruleId)} ${esc(f.objectKind, MAX_NAME)} **${esc(name, MAX_NAME)}** — ${esc(f.message, MAX_MESSAGE)}`;
  });
  if (c.newFailures.length > listed && listed > 0) items.push(`- _…and ${c.newFailures.length - listed} more new failing findings not listed here._`);
  return [line, ...items].join('\n');
}

function topFindings(report: Report, listed: number): string {
  const failing = report.findings.filter((f) => f.status === 'fail');
  if (failing.length === 0) return '';
  if (listed === 0) return `**Failing findings:** ${failing.length}, listed in the full report.`;
  return `**Top failing findings** (${Math.min(listed, failing.length)} of ${failing.length}, most severe first)\n${findingList(failing, listed, 'failing findings')}`;
}

function findingList(findings: readonly Finding[], listed: number, noun: string): string {
  const sorted = [...findings].sort(bySeverity);
  const items = sorted.slice(0, listed).map((f) => {
    const name = f.namespace ? `${f.namespace}/${f.objectName}` : f.objectName;
    return `- **${f.severity}** ${code(f.ruleId)} ${esc(f.objectKind, MAX_NAME)} **${esc(name, MAX_NAME)}** — ${esc(f.message, MAX_MESSAGE)}`;
  });
  if (sorted.length > listed && listed > 0) items.push(`- _…and ${sorted.length - listed} more ${noun} not listed here._`);
  return items.join('\n');
}

function bySeverity(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId, 'en') || a.objectId.localeCompare(b.objectId, 'en');
}

function notJudged(report: Report): string {
  const { unknown, error } = report.summary.byStatus;
  if (unknown + error === 0) return '';
  return `**Not judged:** ${unknown} unknown, ${counted(error, 'error')} — these are not passes; the full report says what is missing for each.`;
}

function coverage(report: Report, listed: number): string {
  const rows = [...(report.coverage ?? [])].sort((a, b) => a.percent - b.percent || a.source.localeCompare(b.source, 'en'));
  if (rows.length === 0) return '';
  const worst = rows[0]!;
  const line = `**Coverage of live sources:** ${rows.length === 1 ? `${worst.percent}%` : `lowest ${worst.percent}% (${esc(worst.source)} ${esc(worst.scope, MAX_NAME)})`} of the API calls read`;
  if (listed === 0) return line;
  const table = [
    '| Source | Scope | Calls read | Coverage | Collections not read |',
    '|:--|:--|--:|--:|--:|',
    ...rows.slice(0, listed).map((c) => `| ${esc(c.source)} | ${esc(c.scope, MAX_NAME)} | ${c.calls - c.failedCalls} of ${c.calls} | ${c.percent}% | ${c.gaps} |`),
  ];
  const more = rows.length > listed ? `\n_…and ${rows.length - listed} more sources, at the same or higher coverage._` : '';
  return `${line}\n\n${table.join('\n')}${more}`;
}

/** Length as Mattermost counts it: code points, not UTF-16 units. */
function runes(s: string): number {
  return Array.from(s).length;
}

/**
 * Inline text from scanned inputs, safe in a list item or a table cell: one line, bounded, Markdown
 * punctuation backslash-escaped, and `@` defused with a zero-width space (no mentions, no @channel).
 */
function esc(s: string, max = MAX_NAME): string {
  return oneLine(s, max).replace(/[\\`*_~[\]|<>$]/g, '\\$&').replace(/@/g, '@\u200b');
}

/** Rule ids in a code span (a code span cannot escape a backtick: it becomes a quote). */
function code(s: string): string {
  return `\`${oneLine(s, MAX_NAME).replace(/`/g, "'").replace(/@/g, '@\u200b')}\``;
}

