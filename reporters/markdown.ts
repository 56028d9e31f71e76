/**
 * Markdown report for a pull-request comment or a GitHub job summary.
 *
 * Order: verdict (a GitHub alert), counts by severity and by Zero Trust tenet (Mermaid chart plus
 * the same numbers in a table), then failing findings grouped by rule, findings oobguard could not
 * judge (unknown / error), waivers, diagnostics and passed checks, with long lists collapsed in
 * <details>. The whole text always stays under GitHub's 65,536-character comment limit: when it
 * would not, lists are shortened step by step and every shortened list says how much it left out.
 * Counts always come from the full report, never from the shortened lists.
 *
 * Every string that comes from scanned files (object names, messages, reasons, file paths) is
 * escaped, so a resource name cannot break a table, open a tag, mention a user or start math.
 */
import type { Diagnostic } from '../src/model/snapshot.ts';
import { SEVERITIES, severityRank, type Finding, type Report, type RuleMeta, type Severity } from '../src/engine/types.ts';
import { gates } from '../src/engine/summary.ts';
import { changesMarkdown } from './changes.ts';
import { code, counted, details, html, MAX_MESSAGE, MAX_NAME, oneLine, plural, text } from './markdown-text.ts';

/** GitHub rejects comment bodies longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** What this reporter allows itself (UTF-8 bytes), leaving room for a wrapper's marker or footer. */
export const MARKDOWN_BUDGET = 60_000;

export interface MarkdownOptions {
  showPassed: boolean;
  }

/** How much detail to render; tried from the most to the least until the text fits the budget. */
interface Level {
  /** Findings listed per rule. */
  perRule: number;
  /** Rules listed per section. */
  rules: number;
  /** Items in the flat lists (waivers, diagnostics, skipped inputs, passed rules). */
  list: number;
  /** Characters of remediation per rule (0: left out). */
  remediation: number;
}

const LEVELS: readonly Level[] = [
  { perRule: Infinity, rules: Infinity, list: Infinity, remediation: 4000 },
  { perRule: 50, rules: 200, list: 100, remediation: 2000 },
  { perRule: 20, rules: 150, list: 50, remediation: 1500 },
  { perRule: 10, rules: 120, list: 25, remediation: 1000 },
  { perRule: 5, rules: 100, list: 15, remediation: 800 },
  { perRule: 3, rules: 80, list: 10, remediation: 600 },
  { perRule: 2, rules: 60, list: 5, remediation: 400 },
  { perRule: 1, rules: 40, list: 5, remediation: 300 },
  { perRule: 0, rules: 25, list: 3, remediation: 0 },
  { perRule: 0, rules: 15, list: 3, remediation: 0 },
];

/** Lists longer than this are collapsed in <details>. */
const COLLAPSE_OVER = 5;
const MAX_REASON = 300;
const MAX_REASONS = 5;

const utf8 = new TextEncoder();

export function renderMarkdown(report: Report, opts: MarkdownOptions): string {
  const model = prepare(report);
  for (const level of LEVELS) {
    const out = render(model, opts, level, level !== LEVELS[0]);
    if (utf8.encode(out).length <= MARKDOWN_BUDGET) return out;
  }
  // Not reached in practice (the last level is bounded): the verdict and counts alone.
  return `${renderHead(model, true)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Model

interface RuleGroup {
  rule: RuleMeta | undefined;
  ruleId: string;
  severity: Severity;
  findings: Finding[];
}

interface TenetRow {
  name: string;
  fail: number;
  notJudged: number;
  waived: number;
  pass: number;
}

interface Model {
  report: Report;
  failing: RuleGroup[];
  notJudged: RuleGroup[];
  waived: Finding[];
  passed: RuleGroup[];
  tenets: TenetRow[];
  bySeverity: Record<Severity, { fail: number; unknown: number; error: number; waived: number; pass: number }>;
  gatingFail: number;
  gatingNotJudged: number;
  inputErrors: number;
}

function prepare(report: Report): Model {
  const rules = new Map(report.rules.map((r) => [r.id, r]));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, { fail: 0, unknown: 0, error: 0, waived: 0, pass: 0 }])) as Model['bySeverity'];
  let gatingFail = 0;
  let gatingNotJudged = 0;
  const tenets = new Map<string, TenetRow>();
  for (const f of report.findings) {
    bySeverity[f.severity][f.status]++;
    const gating = gates(f, report.failOn);
    if (f.status === 'fail' && gating) gatingFail++;
    if ((f.status === 'unknown' || f.status === 'error') && gating) gatingNotJudged++;
    for (const name of groupNames(rules.get(f.ruleId))) {
      let row = tenets.get(name);
      if (!row) tenets.set(name, (row = { name, fail: 0, notJudged: 0, waived: 0, pass: 0 }));
      if (f.status === 'fail') row.fail++;
      else if (f.status === 'pass') row.pass++;
      else if (f.status === 'waived') row.waived++;
      else row.notJudged++;
    }
  }
  const by = (pred: (f: Finding) => boolean): RuleGroup[] => groupByRule(report.findings.filter(pred), rules);
  return {
    report,
    failing: by((f) => f.status === 'fail'),
    notJudged: by((f) => f.status === 'unknown' || f.status === 'error'),
    waived: report.findings.filter((f) => f.status === 'waived').sort(byRuleThenLocation),
    passed: by((f) => f.status === 'pass'),
    tenets: [...tenets.values()].sort((a, b) => b.fail - a.fail || b.notJudged - a.notJudged || compare(a.name, b.name)),
    bySeverity,
    gatingFail,
    gatingNotJudged,
    inputErrors: report.diagnostics.filter((d) => d.severity === 'error').length,
  };
}

/**
 * The rows a finding is counted in. A control that serves several Zero Trust tenets is counted
 * under each of them (the report says so), because a reader asks "how is tenet X doing?" and a
 * control missing from a tenet's row would hide part of the answer. Rules with no tenet are
 * grouped by their OOB domain ("OOB: Backup Strategy"); rules with neither are "Not mapped".
 * "(partial)" placements count with the tenet they partially serve.
 */
function groupNames(rule: RuleMeta | undefined): string[] {
  const strip = (s: string): string => s.replace(/ \(partial\)$/, '');
  const tenets = rule?.frameworks.tenets ?? [];
  if (tenets.length > 0) return [...new Set(tenets.map(strip))];
  const domains = rule?.frameworks.domains ?? [];
  if (domains.length > 0) return [...new Set(domains.map((d) => `OOB: ${strip(d)}`))];
  return ['Not mapped'];
}

function groupByRule(findings: readonly Finding[], rules: ReadonlyMap<string, RuleMeta>): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const f of findings) {
    let g = groups.get(f.ruleId);
    if (!g) groups.set(f.ruleId, (g = { rule: rules.get(f.ruleId), ruleId: f.ruleId, severity: f.severity, findings: [] }));
    if (severityRank(f.severity) > severityRank(g.severity)) g.severity = f.severity;
    g.findings.push(f);
  }
  for (const g of groups.values()) g.findings.sort(byRuleThenLocation);
  return [...groups.values()].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || b.findings.length - a.findings.length || compare(a.ruleId, b.ruleId));
}

/** Natural order ("app-2" before "app-10"), independent of the host locale. */
const collator = new Intl.Collator('en', { numeric: true });

function compare(a: string, b: string): number {
  return collator.compare(a, b);
}

function whereOf(f: Finding): { file: string; line: number; template: string | undefined } {
  const l = f.location;
  if (l) return { file: l.file, line: l.startLine, template: l.template ?? f.source.template };
  return { file: f.source.file, line: f.source.line, template: f.source.template };
}

function byRuleThenLocation(a: Finding, b: Finding): number {
  const wa = whereOf(a);
  const wb = whereOf(b);
  return compare(a.ruleId, b.ruleId) || compare(wa.file, wb.file) || wa.line - wb.line || compare(a.objectId, b.objectId);
}

// ---------------------------------------------------------------------------------------------
// Rendering

function render(m: Model, opts: MarkdownOptions, level: Level, shortened: boolean): string {
  const parts = [
    renderHead(m, shortened),
    m.report.changes ? changesMarkdown(m.report.changes, level.list) : '',
    renderRuleSection(m.failing, level, {
      title: `Failing (${m.report.summary.byStatus.fail})`,
      intro: null,
      noun: 'failing findings',
      remediation: true,
    }),
    renderRuleSection(m.notJudged, level, {
      title: `Not judged: ${m.report.summary.byStatus.unknown} unknown, ${counted(m.report.summary.byStatus.error, 'error')}`,
      intro: 'These are not passes. oobguard could not decide them; each one says why. Provide the missing input (or fix the error) and scan again.',
      noun: 'findings',
      remediation: false,
    }),
    renderWaived(m, level),
    renderCoverage(m.report),
    renderDiagnostics(m, level),
    renderPassed(m, opts, level),
    renderFooter(m.report),
  ];
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`;
}

function renderHead(m: Model, shortened: boolean): string {
  const { report } = m;
  const s = report.summary;
  const failOn = `\`${report.failOn}\``;
  const sevList = SEVERITIES.filter((k) => s.failingBySeverity[k] > 0).map((k) => `${s.failingBySeverity[k]} ${k}`).join(', ');
  const counts = `${s.byStatus.fail} failing${sevList ? ` (${sevList})` : ''}, ${s.byStatus.unknown} unknown, ${counted(s.byStatus.error, 'error')}, ${s.byStatus.waived} waived, ${s.byStatus.pass} passed.`;
  let alert: string;
  let verdict: string;
  if (s.verdict === 'fail') {
    alert = 'CAUTION';
    verdict = `**oobguard: FAIL** — ${m.gatingFail}${report.baseline ? ' new' : ''} failing ${plural(m.gatingFail, 'finding')} at or above fail-on severity ${failOn}${report.baseline ? ` (against the baseline ${code(report.baseline.file)})` : ''}.`;
  } else if (s.verdict === 'incomplete') {
    alert = 'WARNING';
    const why = [
      m.gatingNotJudged > 0 ? `${m.gatingNotJudged} unknown or error ${plural(m.gatingNotJudged, 'finding')} at or above ${failOn}` : '',
      m.inputErrors > 0 ? `${m.inputErrors} input ${plural(m.inputErrors, 'error')}` : '',
    ].filter((x) => x !== '').join(', ');
    const failing = m.gatingFail > 0 ? ` ${m.gatingFail}${report.baseline ? ' new' : ''} failing ${plural(m.gatingFail, 'finding')} at or above ${failOn} as well.` : '';
    verdict = `**oobguard: INCOMPLETE** — the deployment could not be fully judged${why ? `: ${why}` : ''}.${failing}`;
  } else {
    alert = 'NOTE';
    verdict = `**oobguard: PASS** — no${report.baseline ? ' new' : ''} failing findings at or above fail-on severity ${failOn}${report.baseline ? ` (against the baseline ${code(report.baseline.file)})` : ''}.`;
  }
  const scope = `${s.inputs.scanned} ${plural(s.inputs.scanned, 'input')} scanned, ${s.inputs.skipped} skipped, ${s.inputs.error} with errors; ${s.rules.evaluated} of ${s.rules.total} rules applied.`;
  const lines = [`> [!${alert}]`, `> ${verdict}`, `> ${counts}`, `> ${scope}`];
  if (shortened) {
    lines.push('', `> [!NOTE]`, `> Some lists below are shortened to keep this comment under GitHub's ${GITHUB_COMMENT_LIMIT.toLocaleString('en-US')}-character limit; every count is complete. The JSON and SARIF reports (\`--format json\`, \`--format sarif\`) list every finding.`);
  }
  return [lines.join('\n'), renderSeverity(m), renderTenets(m)].filter((p) => p !== '').join('\n\n');
}

function renderSeverity(m: Model): string {
  const s = m.report.summary;
  if (s.total === 0) return '### Results\n\nNo rule applied to the scanned inputs.';
  const rows = ['| Severity | Failing | Unknown | Error | Waived | Passed |', '|---|---:|---:|---:|---:|---:|'];
  for (const k of SEVERITIES) {
    const b = m.bySeverity[k];
    rows.push(`| ${k} | ${s.failingBySeverity[k]} | ${b.unknown} | ${b.error} | ${b.waived} | ${b.pass} |`);
  }
  rows.push(`| **total** | **${s.byStatus.fail}** | **${s.byStatus.unknown}** | **${s.byStatus.error}** | **${s.byStatus.waived}** | **${s.byStatus.pass}** |`);
  const out = ['### Results by severity'];
  if (s.byStatus.fail > 0) {
    const slices = SEVERITIES.filter((k) => s.failingBySeverity[k] > 0).map((k) => `    "${k}" : ${s.failingBySeverity[k]}`);
    out.push(['```mermaid', 'pie showData', '    title Failing findings by severity', ...slices, '```'].join('\n'));
  }
  out.push(rows.join('\n'));
  return out.join('\n\n');
}

function renderTenets(m: Model): string {
  if (m.tenets.length === 0) return '';
  const out = ['### Results by Zero Trust tenet'];
  const charted = m.tenets.filter((t) => t.fail > 0);
  if (charted.length > 0) {
    const max = Math.max(...charted.map((t) => t.fail));
    out.push([
      '```mermaid',
      'xychart-beta horizontal',
      '    title "Failing findings by tenet"',
      `    x-axis [${charted.map((t) => `"${chartLabel(t.name)}"`).join(', ')}]`,
      `    y-axis "Failing findings" 0 --> ${max}`,
      `    bar [${charted.map((t) => t.fail).join(', ')}]`,
      '```',
    ].join('\n'));
  }
  const rows = ['| Tenet / OOB domain | Failing | Unknown / error | Waived | Passed |', '|---|---:|---:|---:|---:|'];
  for (const t of m.tenets) rows.push(`| ${text(t.name, MAX_NAME)} | ${t.fail} | ${t.notJudged} | ${t.waived} | ${t.pass} |`);
  out.push(rows.join('\n'));
  out.push('<sub>A control that serves several tenets is counted under each, so a column can add up to more than the total. Rules without a Zero Trust tenet are grouped by their OOB domain.</sub>');
  return out.join('\n\n');
}

interface SectionSpec {
  title: string;
  intro: string | null;
  noun: string;
  remediation: boolean;
}

function renderRuleSection(groups: readonly RuleGroup[], level: Level, spec: SectionSpec): string {
  if (groups.length === 0) return '';
  const out = [`### ${spec.title}`];
  if (spec.intro) out.push(spec.intro);
  for (const g of groups.slice(0, level.rules)) out.push(renderRuleGroup(g, level, spec));
  const rest = groups.slice(level.rules);
  if (rest.length > 0) {
    const n = rest.reduce((acc, g) => acc + g.findings.length, 0);
    out.push(`*…and ${rest.length} more ${plural(rest.length, 'rule')} with ${n} ${spec.noun} not shown here: ${rest.map((g) => code(g.ruleId)).join(', ')}.*`);
  }
  return out.join('\n\n');
}

function renderRuleGroup(g: RuleGroup, level: Level, spec: SectionSpec): string {
  const title = g.rule ? text(g.rule.title, MAX_NAME) : '(rule not in this report)';
  const out = [`#### ${g.severity} · ${code(g.ruleId)} · ${title} (${g.findings.length})`];
  const shown = g.findings.slice(0, level.perRule);
  const items = shown.map(renderFindingItem);
  const hidden = g.findings.length - shown.length;
  if (hidden > 0) items.push(`- *…and ${hidden} more of this rule not shown.*`);
  if (items.length > 0) {
    const list = items.join('\n');
    out.push(shown.length > COLLAPSE_OVER ? details(`${g.findings.length} findings`, list) : list);
  }
  if (spec.remediation && g.rule && level.remediation > 0 && g.rule.remediation.trim() !== '') {
    out.push(details(`How to fix ${g.ruleId}`, markdownBlock(g.rule.remediation, level.remediation)));
  }
  return out.join('\n\n');
}

function renderFindingItem(f: Finding): string {
  const w = whereOf(f);
  const from = w.template ? ` (rendered from ${code(w.template, MAX_NAME)})` : '';
  const status = f.status === 'unknown' || f.status === 'error' ? `**${f.status}**: ` : '';
  const lines = [`- ${code(`${w.file}:${w.line}`, MAX_NAME)}${from} — ${objectLabel(f)} — ${status}${text(f.message, MAX_MESSAGE)}`];
  const reasons = f.reasons ?? [];
  for (const r of reasons.slice(0, MAX_REASONS)) lines.push(`  - ${text(r, MAX_REASON)}`);
  if (reasons.length > MAX_REASONS) lines.push(`  - *…and ${reasons.length - MAX_REASONS} more reasons.*`);
  return lines.join('\n');
}

function objectLabel(f: Finding): string {
  const name = f.namespace ? `${f.namespace}/${f.objectName}` : f.objectName;
  return `${text(f.objectKind, MAX_NAME)} **${text(name, MAX_NAME)}**`;
}

function renderWaived(m: Model, level: Level): string {
  if (m.waived.length === 0) return '';
  const items = m.waived.slice(0, level.list).map((f) => {
    const w = whereOf(f);
    const wv = f.waiver;
    const detail = wv
      ? `${text(wv.reason, MAX_REASON)} (owner ${text(wv.owner, MAX_NAME)}, expires ${wv.expires ? text(wv.expires, 40) : 'never'}, from ${wv.origin})`
      : 'no waiver details';
    return `- ${code(f.ruleId)} ${code(`${w.file}:${w.line}`, MAX_NAME)} — ${objectLabel(f)} — ${detail}`;
  });
  const hidden = m.waived.length - Math.min(m.waived.length, level.list);
  if (hidden > 0) items.push(`- *…and ${hidden} more waived findings not shown.*`);
  return [`### Waived (${m.waived.length})`, details(`${m.waived.length} waived ${plural(m.waived.length, 'finding')}: reason, owner, expiry`, items.join('\n'))].join('\n\n');
}

const DIAG_ORDER: Record<Diagnostic['severity'], number> = { error: 0, warning: 1, note: 2 };

/** Live sources: how much of what was attempted could be read. */
function renderCoverage(report: Report): string {
  const rows = report.coverage ?? [];
  if (rows.length === 0) return '';
  return [
    '### Coverage of live sources',
    '',
    '| Source | Scope | API calls read | Coverage | Collections not read |',
    '|---|---|---:|---:|---:|',
    ...rows.map((c) => `| ${text(c.source)} | ${text(c.scope)} | ${c.calls - c.failedCalls} of ${c.calls} | ${c.percent}% | ${c.gaps} |`),
  ].join('\n');
}

function renderDiagnostics(m: Model, level: Level): string {
  const { report } = m;
  const diags = [...report.diagnostics].sort((a, b) => DIAG_ORDER[a.severity] - DIAG_ORDER[b.severity]);
  const skipped = report.inputs.filter((i) => i.status === 'skipped');
  if (diags.length === 0 && skipped.length === 0) return '';
  const count = (sev: Diagnostic['severity']): number => diags.filter((d) => d.severity === sev).length;
  const heading = [
    count('error') > 0 ? counted(count('error'), 'error') : '',
    count('warning') > 0 ? counted(count('warning'), 'warning') : '',
    count('note') > 0 ? counted(count('note'), 'note') : '',
    skipped.length > 0 ? `${counted(skipped.length, 'input')} skipped` : '',
  ].filter((x) => x !== '').join(', ');
  const out = [`### Diagnostics (${heading})`];
  if (diags.length > 0) {
    const items = diags.slice(0, level.list).map((d) => {
      const where = d.file ? ` ${code(d.line ? `${d.file}:${d.line}` : d.file, MAX_NAME)}` : '';
      const hint = d.hint ? `<br>*Hint:* ${text(d.hint, MAX_REASON)}` : '';
      return `- **${d.severity}** ${code(d.code)}${where} — ${text(d.message, MAX_MESSAGE)}${hint}`;
    });
    if (diags.length > level.list) items.push(`- *…and ${diags.length - level.list} more diagnostics not shown.*`);
    const list = items.join('\n');
    out.push(diags.length > COLLAPSE_OVER && count('error') === 0 ? details(`${diags.length} diagnostics`, list) : list);
  }
  if (skipped.length > 0) {
    const items = skipped.slice(0, level.list).map((i) => `- ${code(i.file, MAX_NAME)}${i.reason ? ` — ${text(i.reason, MAX_REASON)}` : ''}`);
    if (skipped.length > level.list) items.push(`- *…and ${skipped.length - level.list} more skipped inputs not shown.*`);
    out.push(details(`${skipped.length} ${plural(skipped.length, 'input')} skipped (not recognised as Kubernetes manifests or a Mattermost config)`, items.join('\n')));
  }
  return out.join('\n\n');
}

function renderPassed(m: Model, opts: MarkdownOptions, level: Level): string {
  const n = m.report.summary.byStatus.pass;
  if (n === 0) return '';
  const head = `### Passed (${n})\n\n${n} ${plural(n, 'check')} passed across ${m.passed.length} ${plural(m.passed.length, 'rule')}.`;
  if (!opts.showPassed) return head;
  const items = m.passed.slice(0, level.list).map((g) => {
    const objects = g.findings.slice(0, Math.max(level.perRule, 1)).map((f) => text(f.namespace ? `${f.namespace}/${f.objectName}` : f.objectName, MAX_NAME));
    const more = g.findings.length - objects.length;
    const title = g.rule ? text(g.rule.title, MAX_NAME) : '';
    return `- ${code(g.ruleId)} ${title} (${g.findings.length}): ${objects.join(', ')}${more > 0 ? ` *…and ${more} more*` : ''}`;
  });
  if (m.passed.length > level.list) items.push(`- *…and ${m.passed.length - level.list} more rules not shown.*`);
  return [head, details(`Passed checks by rule`, items.join('\n'))].join('\n\n');
}

function renderFooter(report: Report): string {
  return `<sub>${html(report.tool.name)} ${html(report.tool.version)} · scanned ${html(report.scannedAt)} · fail-on ${html(report.failOn)}</sub>`;
}

// ---------------------------------------------------------------------------------------------
// Escaping

/** A label inside a quoted Mermaid string: no quotes, brackets or line breaks. */
function chartLabel(s: string): string {
  return oneLine(s, 48).replace(/["[\]`#;]/g, "'");
}

/**
 * A rule's remediation is Markdown by design, but a rule can come from a `--rules` directory in
 * the scanned repository. Keep its Markdown and code, but neutralise raw HTML outside code (so it
 * cannot close our <details>), and close a code fence it leaves open so the rest of the comment
 * does not turn into code.
 */
function markdownBlock(md: string, max: number): string {
  let src = md.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
  if (src.length > max) src = `${src.slice(0, max)}…`;
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of src.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null && m?.[1]) {
      fence = m[1];
      out.push(line);
    } else if (fence !== null) {
      if (m?.[1] && m[1][0] === fence[0] && m[1].length >= fence.length && line.trim() === m[1]) fence = null;
      out.push(line);
    } else {
      // Outside fences: escape `<` except inside inline code spans (`>` alone opens no tag).
      out.push(line.split(/(`+[^`]*`+)/).map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, '&lt;'))).join(''));
    }
  }
  if (fence !== null) out.push(fence);
  return out.join('\n');
}
