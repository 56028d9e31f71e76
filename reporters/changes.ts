/**
 * What changed since an earlier result (src/diff.ts), as a section of the Markdown report and as
 * the output of `oobguard diff` (table, Markdown or JSON). Every string from scanned files goes
 * through the Markdown reporter's escaping.
 */
import type { FindingRef, ReportChanges } from '../src/diff.ts';
import { code, details, text } from './markdown-text.ts';
import { clean } from './table.ts';

const COLLAPSE_OVER = 10;

function item(f: FindingRef): string {
  const name = f.namespace ? `${f.namespace}/${f.objectName}` : f.objectName;
  return `- **${f.severity}** ${code(f.ruleId)} ${code(f.where)} — ${text(f.objectKind)} **${text(name)}** — ${text(f.message)}`;
}

function list(title: string, refs: readonly FindingRef[], limit: number): string {
  if (refs.length === 0) return '';
  const shown = refs.slice(0, limit).map(item);
  if (refs.length > shown.length) shown.push(`- *…and ${refs.length - shown.length} more (the JSON report lists every one).*`);
  const body = shown.join('\n');
  return refs.length > COLLAPSE_OVER ? details(`${title} (${refs.length})`, body) : `**${title} (${refs.length})**\n\n${body}`;
}

function percent(p: number | null): string {
  return p === null ? 'not read' : `${p}%`;
}

/** The counts line: what a reader needs first. */
function counts(c: ReportChanges): string {
  const notRead = c.notRead.length > 0 ? ` ${c.notRead.length} failing before in inputs that could not be read now (not known).` : '';
  return `${c.newFailures.length} new failing, ${c.fixed.length} fixed, ${c.stillFailing} still failing, ${c.newUnknown.length} newly not judged.${notRead}`;
}

/** The section the Markdown report carries when it was compared with an earlier result. */
export function changesMarkdown(c: ReportChanges, limit: number): string {
  const parts = [`### Changes since ${code(c.against)} (${text(c.againstScannedAt)})`, counts(c)];
  parts.push(list('New failing', c.newFailures, limit), list('Fixed', c.fixed, limit), list('Newly not judged', c.newUnknown, limit),
    list('Failing before, input not read now', c.notRead, limit));
  if (c.coverage.length > 0) {
    const rows = ['| Live source | Scope | Before | Now |', '|---|---|---:|---:|'];
    for (const x of c.coverage.slice(0, limit)) rows.push(`| ${text(x.source)} | ${text(x.scope || '—')} | ${percent(x.before)} | ${percent(x.after)} |`);
    parts.push(`**Coverage changed**\n\n${rows.join('\n')}`);
  }
  return parts.filter((p) => p !== '').join('\n\n');
}

function plain(f: FindingRef): string {
  const name = f.namespace ? `${f.namespace}/${f.objectName}` : f.objectName;
  return `  ${f.severity.padEnd(8)} ${f.ruleId}  ${clean(f.where)}  ${clean(f.objectKind)} ${clean(name)}: ${clean(f.message)}`;
}

/** `oobguard diff` output. */
export function renderChanges(c: ReportChanges, format: string, color: boolean): string {
  if (format === 'json') return `${JSON.stringify(c, null, 2)}\n`;
  if (format === 'markdown') return `${changesMarkdown(c, Number.POSITIVE_INFINITY)}\n`;
  const paint = (code: string, s: string): string => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines = [`Changes since ${c.against} (${c.againstScannedAt}): ${counts(c)}`];
  const block = (title: string, refs: readonly FindingRef[], tint: string): void => {
    if (refs.length === 0) return;
    lines.push('', paint(tint, `${title} (${refs.length})`), ...refs.map(plain));
  };
  block('New failing', c.newFailures, '31');
  block('Fixed', c.fixed, '32');
  block('Newly not judged', c.newUnknown, '33');
  block('Failing before, input not read now', c.notRead, '33');
  if (c.coverage.length > 0) {
    lines.push('', 'Coverage changed');
    for (const x of c.coverage) lines.push(`  ${x.source} ${x.scope || '—'}: ${percent(x.before)} → ${percent(x.after)}`);
  }
  return `${lines.join('\n')}\n`;
}
