/**
 * Multi-document YAML/JSON reading that is fast where it can be and safe where it must be.
 *
 * Documents are split on `---` lines (a document marker at column 0 can never be content), then
 * parsed one at a time, so a 50 MB rendered manifest never exists as one object tree. Plain
 * documents go through js-yaml (3–5× faster than `yaml`); a document that uses anchors/aliases goes
 * through `yaml`, whose alias budget stops billion-laughs bombs. Source ranges are not computed
 * here at all: the locator re-parses only the documents a finding points at.
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
  message: string;
  /** 1-based line inside the file, when the parser said where. */
  errorLine: number | null;
}

export const MAX_DEPTH = 200;
export const MAX_ALIASES = 100;

const DOC_MARKER = /^(?:---|\.\.\.)(?=[ \t]|\r?$)/gm;
const HELM_SOURCE = /^# Source: (.+?)\s*$/m;
/** An anchor (&a) or alias (*a) token outside of obvious quoted text. */
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:-])[&*][^\s,[\]{}]+/;

export function splitDocuments(text: string): RawDocument[] {
  const docs: RawDocument[] = [];
  let start = 0;
  let line = 1;
  let lineAtStart = 1;
  let lastIndex = 0;
  const push = (end: number): void => {
    const body = text.slice(start, end);
    if (body.trim() !== '') {
      const m = HELM_SOURCE.exec(body);
      docs.push({ index: docs.length, start, end, line: lineAtStart, template: m?.[1] ?? null });
    }
  };
  DOC_MARKER.lastIndex = 0;
  for (let m = DOC_MARKER.exec(text); m !== null; m = DOC_MARKER.exec(text)) {
    line += countNewlines(text, lastIndex, m.index);
    lastIndex = m.index;
    push(m.index);
    // The document starts after the marker (which may carry content: `--- {a: 1}`).
    start = m.index + 3;
    lineAtStart = line;
  }
  push(text.length);
  return docs;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
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

/** Cheap pre-check so a 10,000-level document never reaches a recursive parser. */
function bracketOrIndentDepthExceeds(body: string, limit: number): boolean {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (c === 91 || c === 123) { if (++depth > max) max = depth; }
    else if (c === 93 || c === 125) depth--;
  }
  if (max > limit) return true;
  // Block style: nesting costs at least one column per level.
  for (const l of body.split('\n', 100_000)) {
    const indent = l.length - l.trimStart().length;
    if (indent > limit * 8) return true;
  }
  return false;
}

export function parseDocumentText(text: string, doc: RawDocument): ParsedDocument | DocumentError {
  const body = text.slice(doc.start, doc.end);
  const fail = (code: DocumentError['code'], message: string, errorLine: number | null = null): DocumentError =>
    ({ ...doc, code, message, errorLine });
  if (bracketOrIndentDepthExceeds(body, MAX_DEPTH)) {
    return fail('input/too-deep', `nesting deeper than ${MAX_DEPTH} levels`);
  }
  try {
    let value: unknown;
    if (ANCHOR_OR_ALIAS.test(body)) {
      const d = parseDocument(body, { prettyErrors: false, uniqueKeys: false, merge: true });
      const err = d.errors[0];
      if (err) {
        const line = err.linePos?.[0]?.line;
        return fail('input/parse', firstLine(err.message), line === undefined ? null : doc.line + line - 1);
      }
      try {
        value = d.toJS({ maxAliasCount: MAX_ALIASES });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        if (/alias/i.test(msg)) return fail('input/alias-bomb', `too many alias expansions (limit ${MAX_ALIASES}); possible alias bomb`);
        throw e;
      }
    } else {
      value = jsYamlLoad(body);
    }
    if (depthExceeds(value, MAX_DEPTH)) return fail('input/too-deep', `nesting deeper than ${MAX_DEPTH} levels`);
    return { ...doc, value };
  } catch (e) {
    if (e instanceof RangeError) return fail('input/too-deep', 'nesting too deep to parse');
    const err = e as { message?: string; mark?: { line?: number } };
    const line = typeof err.mark?.line === 'number' ? doc.line + err.mark.line : null;
    return fail('input/parse', firstLine(String(err.message ?? e)), line);
  }
}

function firstLine(s: string): string {
  const l = s.split('\n')[0] ?? s;
  return l.replace(/\s+\(\d+:\d+\)$/, '').trim();
}

export function isDocumentError(d: ParsedDocument | DocumentError): d is DocumentError {
  return 'code' in d;
}
