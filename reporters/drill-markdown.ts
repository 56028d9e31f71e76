/**
 * The pre-drill audit as a Markdown sign-off sheet (`oobguard drill`, the default format): the
 * verdict first (a GitHub alert naming every blocking item that is not go), the checklist as one
 * table, then each step's items with what they check, why they are not go, their evidence with
 * timestamps and ages, and the rules behind them; a sign-off table last.
 *
 * Every string from the inputs is escaped (reporters/markdown.ts), so a resource name cannot break
 * a table or mention a user. Long evidence lists are cut (the JSON output has them all).
 */
import type { DrillEvidence, DrillItem, DrillResult, DrillStatus, DrillTimestamp } from '../src/drill/types.ts';
import { counted, html, text } from './markdown-text.ts';

/** Evidence rows and reasons shown per item; the rest is counted. */
const MAX_EVIDENCE = 25;
const MAX_REASONS = 12;

const BADGE: Record<DrillStatus, string> = { go: '✅ go', 'no-go': '❌ no-go', unknown: '❓ unknown', 'not-applicable': '➖ n/a' };

export function renderDrillMarkdown(result: DrillResult): string {
  const items = result.steps.flatMap((s) => s.items);
  const parts = [
    `# Pre-drill audit: ${result.verdict}`,
    renderVerdict(result, items),
    renderScope(result),
    renderTable(result),
    ...result.steps.filter((s) => s.items.length > 0).map((s, i) => [`## ${i + 1}. ${text(s.title)}`, ...s.items.map(renderItem)].join('\n\n')),
    renderSignOff(result),
    `<sub>${html(result.tool.name)} ${html(result.tool.version)} · pre-drill audit · audited ${html(result.auditedAt)}</sub>`,
  ];
  return `${parts.join('\n\n')}\n`;
}

function renderVerdict(r: DrillResult, items: readonly DrillItem[]): string {
  const advisory = items.filter((i) => !i.blocking && (i.status === 'no-go' || i.status === 'unknown'));
  const advice = advisory.length > 0 ? ` ${counted(advisory.length, 'advisory item')} ${advisory.length === 1 ? 'needs' : 'need'} attention: ${advisory.map((i) => `\`${i.id}\``).join(', ')}.` : '';
  if (r.verdict === 'GO') return `> [!TIP]\n> **GO** — every blocking item is go.${advice}`;
  const blocking = items.filter((i) => i.blocking && (i.status === 'no-go' || i.status === 'unknown'));
  const unknown = blocking.filter((i) => i.status === 'unknown').length;
  const head = `> **NO-GO** — ${counted(blocking.length, 'blocking item')} ${blocking.length === 1 ? 'is' : 'are'} not go${unknown > 0 ? `; ${unknown === blocking.length ? (unknown === 1 ? 'it is' : 'all are') : `${unknown} of them ${unknown === 1 ? 'is' : 'are'}`} unknown because the inputs were incomplete (exit code 2)` : ''}:`;
  const lines = blocking.map((i) => `> - **${i.status}** \`${i.id}\` ${text(i.title)}: ${text(i.reasons[0] ?? '', 400)}${i.reasons.length > 1 ? ` (and ${i.reasons.length - 1} more)` : ''}`);
  return [`> [!CAUTION]`, head, ...lines, ...(advice ? ['>', `>${advice}`] : [])].join('\n');
}

function renderScope(r: DrillResult): string {
  const collected = r.collectedAt === r.auditedAt ? '' : ` · evidence collected ${text(r.collectedAt)} (${age(hoursBetween(r.collectedAt, r.auditedAt))})`;
  const live = r.coverage.map((c) => `${c.source} ${c.scope}: ${c.percent}% of ${c.calls} calls`.trim());
  return [
    `Audited ${text(r.auditedAt)}${collected} · ${r.inputs.scanned} ${r.inputs.scanned === 1 ? 'input' : 'inputs'} scanned · sources: ${text(r.sources.join(', ') || 'none')}${live.length > 0 ? ` · live: ${text(live.join('; '))}` : ''}.`,
    '**Blocking** items decide the verdict: GO only when every one of them is go (or does not apply). **Advisory** items are reported and never block. **Unknown is not go**: an item oobguard could not decide says what is missing.',
  ].join('\n\n');
}

function renderTable(r: DrillResult): string {
  const rows = r.steps.flatMap((s) => s.items.map((i) => `| ${text(s.title)} | ${text(i.title)} (\`${i.id}\`) | ${i.blocking ? 'blocking' : 'advisory'} | ${BADGE[i.status]} |`));
  return ['| Step | Item | Kind | Status |', '|---|---|---|---|', ...rows].join('\n');
}

function renderItem(i: DrillItem): string {
  const out = [`### ${BADGE[i.status]} — ${text(i.title)}`, `\`${i.id}\` · ${i.blocking ? '**blocking**' : 'advisory'} · ${text(i.checks)}`];
  if (i.reasons.length > 0) {
    const label = i.status === 'not-applicable' ? 'Not applicable' : 'Why not go';
    out.push([`**${label}:**`, ...i.reasons.slice(0, MAX_REASONS).map((x) => `- ${text(x)}`), ...(i.reasons.length > MAX_REASONS ? [`- … and ${i.reasons.length - MAX_REASONS} more (see --format json)`] : [])].join('\n'));
  }
  if (i.evidence.length > 0) out.push(renderEvidence(i.evidence));
  const applied = i.rules.filter((r) => r.pass + r.fail + r.unknown + r.waived + r.error > 0);
  const idle = i.rules.filter((r) => !applied.includes(r));
  if (i.rules.length > 0) {
    const counts = applied.map((r) => `\`${r.ruleId}\` ${(['pass', 'fail', 'unknown', 'waived', 'error'] as const).filter((k) => r[k] > 0).map((k) => `${r[k]} ${k}`).join(', ')}`);
    out.push(`Rules: ${counts.join(' · ') || 'none applied'}${idle.length > 0 ? ` · did not apply: ${idle.map((r) => `\`${r.ruleId}\``).join(', ')}` : ''}`);
  }
  if (i.notes.length > 0) out.push(i.notes.map((n) => `> ${text(n)}`).join('\n>\n'));
  return out.join('\n\n');
}

function renderEvidence(evidence: readonly DrillEvidence[]): string {
  const rows = evidence.slice(0, MAX_EVIDENCE).map((e) =>
    `| ${text(e.subject, 200)} | ${text(e.detail)}${e.missing ? ` **(missing: ${text(e.missing, 300)})**` : ''} | ${e.timestamps.map(stamp).join('<br>') || '—'} | ${e.origin} · ${text(e.source, 200)} |`);
  const more = evidence.length > MAX_EVIDENCE ? [`\n… and ${evidence.length - MAX_EVIDENCE} more (see --format json)`] : [];
  return ['| Evidence | Detail | When | Source |', '|---|---|---|---|', ...rows, ...more].join('\n');
}

function stamp(t: DrillTimestamp): string {
  return `${text(t.label)}: ${text(t.at)} (${age(t.ageHours)})`;
}

/** `10 h ago`, `3 d ago`, `in 41 d`. */
export function age(hours: number): string {
  const h = Math.abs(hours);
  const amount = h < 1 ? `${Math.round(h * 60)} min` : h < 96 ? `${Math.round(h)} h` : `${Math.round(h / 24)} d`;
  return hours < 0 ? `in ${amount}` : `${amount} ago`;
}

function hoursBetween(a: string, b: string): number {
  return (Date.parse(b) - Date.parse(a)) / 3_600_000;
}

function renderSignOff(r: DrillResult): string {
  const table = [
    '| Role | Name | Decision (GO / NO-GO) | Date | Signature |',
    '|---|---|---|---|---|',
    ...['Drill lead', 'OOB platform owner', 'Security / incident response'].map((role) => `| ${role} | | | | |`),
  ].join('\n');
  return `## Sign-off\n\noobguard's verdict: **${r.verdict}**. Record the decision for the drill below.\n\n${table}`;
}
