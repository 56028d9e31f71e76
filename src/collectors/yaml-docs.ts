/**
 * Multi-document YAML/JSON reading that is fast where it can be and safe where it must be.
 *
 * Documents are split on `---` lines (a document marker at column 0 can never be content), then
 * parsed one at a time, so a 50 MB rendered manifest never exists as one object tree. Plain
 * documents go through js-yaml (3–5× faster than `yaml`, with its own depth limit); a document
 * that uses anchors/aliases goes through `yaml`, whose alias budget stops billion-laughs bombs.
 * Source ranges are not computed here at all: the locator re-parses only the documents a finding
 * points at.
 *
 * Parser messages never reach the user verbatim: both parsers quote the offending source (a
 * snippet, a token, an alias name), and that source may be a secret. `safeReason` keeps the
 * parser's description of the problem and drops everything that came from the input.
 */
import { load as jsYamlLoad } from 'js-yaml';
import { parseDocument } from 'yaml';

export interface RawDocument {
  index: number;
  /** Character offsets of the document text in the file. */
  start: number;
  end: number;
  /** 1-based line of the document's first line. */
  line: number;
  /** Helm `# Source: chart/templates/x.yaml` comment, if any. */
  template: string | null;
}

export interface ParsedDocument extends RawDocument {
  value: unknown;
}

export interface DocumentError extends RawDocument {
  code: 'input/parse' | 'input/alias-bomb' | 'input/too-deep';
  /** What is wrong, in the parser's words minus any quoted input (safe to print). */
  message: string;
  /** 1-based line inside the file, when the parser said where. */
  errorLine: number | null;
  /** 1-based column, when known. */
  errorColumn: number | null;
}

/** Deeper than any real manifest (CRD schemas reach ~60); shallow enough for recursive code. */
export const MAX_DEPTH = 200;
export const MAX_ALIASES = 100;

const DOC_MARKER = /^(?:---|\.\.\.)(?=[ \t]|\r?$)/gm;
const HELM_SOURCE = /^# Source: (.+?)\s*$/m;
/**
 * An anchor (&a) or alias (*a) where a node starts (line start, after `key:`, `- `, `[`, `{`, `,`).
 * Only a fast-path selector: js-yaml runs with maxAliases 0, so an alias this misses still ends
 * up in the `yaml` parser and its alias budget.
 */
const ANCHOR_OR_ALIAS = /(?:^|[:\-[{,])[ \t]*[&*][^\s,[\]{}]+/m;
/** A line that is content: not blank, not a comment. */
const CONTENT_LINE = /^[ \t]*[^\s#]/m;
/** A chunk made only of directives (`%YAML 1.2`), comments and blank lines. */
const DIRECTIVES_ONLY = /^(?:[ \t]*(?:%[^\n]*|#[^\n]*)?\r?\n?)*$/;

export function splitDocuments(text: string): RawDocument[] {
  const docs: RawDocument[] = [];
  let start = 0;
  let line = 1;
  let lineAtStart = 1;
  let lastIndex = 0;
  /** Returns false when the chunk is directives only and must stay attached to the next document. */
  const push = (end: number, atMarker: boolean): boolean => {
    const body = text.slice(start, end);
    // Comment-only chunks are no document (Helm renders an empty template as `# Source: …` alone).
    if (!CONTENT_LINE.test(body)) return true;
    if (atMarker && text.startsWith('---', end) && body.includes('%') && /^[ \t]*%/m.test(body) && DIRECTIVES_ONLY.test(body)) return false;
    const m = HELM_SOURCE.exec(body);
    docs.push({ index: docs.length, start, end, line: lineAtStart, template: m?.[1] ?? null });
    return true;
  };
  DOC_MARKER.lastIndex = 0;
  for (let m = DOC_MARKER.exec(text); m !== null; m = DOC_MARKER.exec(text)) {
    line += countNewlines(text, lastIndex, m.index);
    lastIndex = m.index;
    if (!push(m.index, true)) continue;
    // The document starts after the marker (which may carry content: `--- {a: 1}`).
    start = m.index + 3;
    lineAtStart = line;
  }
  push(text.length, false);
  return docs;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** 1-based line and column of an offset inside `text`. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const at = Math.max(0, Math.min(offset, text.length));
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return { line: countNewlines(text, 0, at) + 1, column: at - lineStart + 1 };
}

/** Deepest nesting of a parsed value, computed without recursion. */
export function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > limit) return true;
    const children = Array.isArray(v) ? v : Object.values(v);
    for (const c of children) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
  return false;
}

/** Cheap pre-check so a 10,000-level document never reaches the (recursive) `yaml` composer. */
function bracketOrIndentDepthExceeds(body: string, limit: number): boolean {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 91 || c === 123) { if (++depth > max) max = depth; }
    else if (c === 93 || c === 125) depth--;
  }
  if (max > limit) return true;
  // Block style: nesting costs at least one column per level; `- - -` at least two.
  let dashes = 0;
  for (let i = 0, lineStart = 0; i <= body.length; i++) {
    const c = i < body.length ? body.charCodeAt(i) : 10;
    if (c === 10) {
      lineStart = i + 1;
      dashes = 0;
    } else if (c === 32 || c === 9) {
      if (i - lineStart > limit * 8) return true;
    } else if (c === 45 && (i + 1 >= body.length || body.charCodeAt(i + 1) === 32)) {
      if (++dashes > limit) return true;
    } else {
      // Skip the rest of the line: only leading indentation and `- ` indicators nest.
      const nl = body.indexOf('\n', i);
      i = (nl === -1 ? body.length : nl) - 1;
    }
  }
  return false;
}

/**
 * A parser message with everything that came from the input removed: source snippets (all but
 * the first line), quoted text ("…", '…'), tags (!<…>, !foo), anchors and aliases, escapes, and
 * whatever follows a ": " (both parsers put the offending token there). What is left is the
 * parser's own description of the problem.
 */
export function safeReason(message: string): string {
  // V8's JSON.parse: `Unexpected token 'x', "<the text, possibly over several lines>" is not valid JSON`.
  if (/^Unexpected token\b/.test(message)) return 'unexpected character';
  let s = (message.split(/\r?\n/, 1)[0] ?? '').trim();
  s = s
    .replace(/\s*\(\d+:\d+\)\s*$/, '')
    .replace(/\s+at line \d+, column \d+:?\s*$/, '')
    .replace(/\s*in JSON at position \d+(?: \(line \d+ column \d+\))?/, '')
    .replace(/: .*$/, '')
    .replace(/"(?:[^"\\\n]|\\.)+"/g, '"…"')
    .replace(/'[^'\s]{2,}'/g, "'…'")
    .replace(/!<[^>\s]*>?/g, '!<…>')
    .replace(/(^|\s)![^\s,]+/g, '$1!…')
    .replace(/(^|\s)[&*%][^\s,]+/g, '$1…')
    .replace(/\\\S+/g, '\\…');
  if (s.length > 160) s = `${s.slice(0, 157)}…`;
  return s === '' ? 'syntax error' : s;
}

const TOO_DEEP = `nesting deeper than ${MAX_DEPTH} levels (no Kubernetes manifest is this deep)`;
const ALIAS_BOMB = `aliases expand to more than ${MAX_ALIASES} copies (an alias bomb, "billion laughs"); not expanded`;

export function parseDocumentText(text: string, doc: RawDocument): ParsedDocument | DocumentError {
  const body = text.slice(doc.start, doc.end);
  const fail = (code: DocumentError['code'], message: string, offset: number | null = null): DocumentError => {
    const pos = offset === null ? null : lineColumn(body, offset);
    return { ...doc, code, message, errorLine: pos === null ? null : doc.line + pos.line - 1, errorColumn: pos?.column ?? null };
  };
  const withAliases = (): ParsedDocument | DocumentError => {
    if (bracketOrIndentDepthExceeds(body, MAX_DEPTH)) return fail('input/too-deep', TOO_DEEP);
    const d = parseDocument(body, { prettyErrors: false, merge: true });
    const err = d.errors[0];
    if (err) return fail('input/parse', `invalid YAML: ${safeReason(err.message)}`, err.pos[0]);
    let value: unknown;
    try {
      value = d.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (/excessive alias count/i.test(msg)) return fail('input/alias-bomb', ALIAS_BOMB);
      if (/unresolved alias/i.test(msg)) return fail('input/parse', 'invalid YAML: an alias refers to an anchor that is not defined before it');
      throw e;
    }
    if (depthExceeds(value, MAX_DEPTH)) return fail('input/too-deep', TOO_DEEP);
    return { ...doc, value };
  };
  try {
    if ((body.includes('&') || body.includes('*')) && ANCHOR_OR_ALIAS.test(body)) return withAliases();
    // maxAliases 0: an alias the quick test missed sends the document to `yaml` and its budget.
    return { ...doc, value: jsYamlLoad(body, { maxDepth: MAX_DEPTH, maxAliases: 0 }) };
  } catch (e) {
    if (e instanceof RangeError) return fail('input/too-deep', TOO_DEEP);
    const err = e as { message?: unknown; reason?: unknown; mark?: { position?: unknown; line?: unknown; column?: unknown } };
    const reason = typeof err.reason === 'string' ? err.reason : String(err.message ?? e);
    if (/aliases exceeded maxAliases/.test(reason)) {
      try {
        return withAliases();
      } catch (e2) {
        if (e2 instanceof RangeError) return fail('input/too-deep', TOO_DEEP);
        return fail('input/parse', `invalid YAML: ${safeReason(e2 instanceof Error ? e2.message : String(e2))}`);
      }
    }
    const mark = err.mark;
    const offset = typeof mark?.position === 'number' ? mark.position : null;
    if (/nesting exceeded maxDepth/.test(reason)) return fail('input/too-deep', TOO_DEEP, offset);
    if (offset === null && typeof mark?.line === 'number') {
      const column = typeof mark.column === 'number' ? mark.column + 1 : null;
      return { ...doc, code: 'input/parse', message: `invalid YAML: ${safeReason(reason)}`, errorLine: doc.line + mark.line, errorColumn: column };
    }
    return fail('input/parse', `invalid YAML: ${safeReason(reason)}`, offset);
  }
}

/**
 * A whole-file JSON document. Errors carry a line and column but never V8's message verbatim
 * (it quotes the text around the error).
 */
export function parseJsonText(text: string): ParsedDocument | DocumentError {
  const doc: RawDocument = { index: 0, start: 0, end: text.length, line: 1, template: null };
  try {
    const value: unknown = JSON.parse(text);
    if (depthExceeds(value, MAX_DEPTH)) {
      return { ...doc, code: 'input/too-deep', message: TOO_DEEP, errorLine: null, errorColumn: null };
    }
    return { ...doc, value };
  } catch (e) {
    if (e instanceof RangeError) {
      return { ...doc, code: 'input/too-deep', message: 'nesting too deep to parse', errorLine: null, errorColumn: null };
    }
    const msg = e instanceof Error ? e.message : String(e);
    const at = /at position (\d+)/.exec(msg);
    const offset = at ? Number(at[1]) : jsonErrorOffset(text);
    const pos = lineColumn(text, offset);
    return { ...doc, code: 'input/parse', message: `invalid JSON: ${safeReason(msg)}`, errorLine: pos.line, errorColumn: pos.column };
  }
}

/**
 * Where JSON.parse gave up, when its message does not say: the longest prefix that is still the
 * beginning of some valid JSON text (binary search; a prefix of a viable prefix is viable).
 */
function jsonErrorOffset(text: string): number {
  const viable = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (e) {
      const msg = e instanceof Error ? e.message : '';
      if (/Unexpected end of JSON input/.test(msg)) return true;
      const at = /at position (\d+)/.exec(msg);
      return at !== null && Number(at[1]) >= n;
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (viable(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function isDocumentError(d: ParsedDocument | DocumentError): d is DocumentError {
  return 'code' in d;
}
