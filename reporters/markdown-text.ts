/**
 * Escaping for Markdown written by the reporters: every string that comes from scanned files
 * (object names, messages, reasons, file paths) passes through these, so a resource name cannot
 * break a table, open a tag, mention a user or start math.
 */

export const MAX_MESSAGE = 600;
export const MAX_NAME = 160;

/** C0/C1 controls, DEL, and line/paragraph separators: none belong on one Markdown line. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

export function oneLine(s: string, max: number): string {
  const flat = s.replace(CONTROLS, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Inline text from scanned files: safe in a list item or a table cell. HTML specials become
 * entities; the Markdown punctuation that can open emphasis, code, links or strike-through is
 * backslash-escaped, `|` too (so table cells hold) and `$` (GitHub math); `@` gets a zero-width
 * space so names cannot mention users or teams. Line breaks and control characters become spaces.
 */
export function text(s: string, max = MAX_MESSAGE): string {
  return oneLine(s, max)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~$]/g, '\\$&')
    .replace(/@/g, '@&#8203;');
}

/** A code span that holds any text: the fence is longer than any backtick run inside. Not for table cells. */
export function code(s: string, max = MAX_NAME): string {
  const flat = oneLine(s, max);
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((x) => x[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** Text inside raw HTML (<summary>, <sub>): entities only, Markdown is not parsed there. */
export function html(s: string): string {
  return oneLine(s, MAX_MESSAGE).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function details(summary: string, body: string): string {
  return `<details><summary>${html(summary)}</summary>\n\n${body}\n\n</details>`;
}

export function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

export function counted(n: number, word: string): string {
  return `${n} ${plural(n, word)}`;
}
