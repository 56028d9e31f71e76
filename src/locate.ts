/**
 * The locator: SourceRef (file, document, document path) → line and column. It re-reads only the
 * files findings point at and re-parses only those documents, with the `yaml` parser (which keeps
 * source ranges). A path that does not exist in the document (a missing key judged by its default)
 * resolves to its nearest existing ancestor.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { locateBlock } from './locate-block.ts';
import type { Finding, Location } from './engine/types.ts';
import { joinPath, splitPath, type SourceRef } from './model/provenance.ts';
import type { InputRecord } from './model/snapshot.ts';

interface FileText { text: string; lineStarts: number[] | null }

function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

function posOf(ft: FileText, offset: number): { line: number; column: number } {
  const ls = (ft.lineStarts ??= lineStarts(ft.text));
  let lo = 0;
  let hi = ls.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ls[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - ls[lo]! + 1 };
}

type YamlDoc = ReturnType<typeof parseDocument>;

export function parseYamlDoc(text: string): YamlDoc | null {
  try {
    const doc = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
    return doc.errors.length > 0 ? null : doc;
  } catch {
    return null;
  }
}

/** Walk a parsed document along `segs`; offsets are relative to the document text. */
export function locateInYaml(doc: YamlDoc, segs: readonly (string | number)[]): { start: number; end: number; walked: (string | number)[] } | null {
  let node: YamlNode | null = doc.contents as YamlNode | null;
  let keyNode: YamlNode | null = null;
  const walked: (string | number)[] = [];
  for (const seg of segs) {
    let next: YamlNode | null = null;
    let nextKey: YamlNode | null = null;
    if (typeof seg === 'number' && isSeq(node)) next = (node.items[seg] as YamlNode | undefined) ?? null;
    else if (isMap(node)) {
      const pair = node.items.find((p: Pair) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (pair) {
        next = (pair.value as YamlNode | null) ?? null;
        nextKey = (pair.key as YamlNode | null) ?? null;
        if (next === null) { node = nextKey; keyNode = null; walked.push(seg); break; }
      }
    }
    if (next === null) break;
    node = next;
    keyNode = nextKey;
    walked.push(seg);
  }
  const anchor = keyNode ?? node;
  const range = anchor?.range ?? node?.range;
  if (!range) return null;
  const endNode = node?.range ?? range;
  return { start: range[0], end: Math.max(range[0], endNode[1] - 1), walked };
}

export class Locator {
  private files = new Map<string, FileText | null>();
  private docs = new Map<string, YamlDoc | null>();
  private readonly cwd: string;
  private readonly memory: Map<string, string>;
  private readonly hashes: Map<string, string>;

  constructor(opts: { cwd: string; memoryTexts?: Map<string, string>; inputs?: readonly InputRecord[] }) {
    this.cwd = opts.cwd;
    this.memory = opts.memoryTexts ?? new Map();
    this.hashes = new Map((opts.inputs ?? []).map((i) => [i.file, i.sha256]));
  }

  private async file(file: string): Promise<FileText | null> {
    if (this.files.has(file)) return this.files.get(file)!;
    let text: string | null = this.memory.get(file) ?? null;
    if (text === null && file !== '-') {
      try {
        const bytes = await readFile(path.resolve(this.cwd, file));
        const want = this.hashes.get(file);
        // A replayed snapshot whose file changed since: trust only document start lines.
        text = want && createHash('sha256').update(bytes).digest('hex') !== want ? null : bytes.toString('utf8');
      } catch {
        text = null;
      }
    }
    const ft = text === null ? null : { text, lineStarts: null };
    this.files.set(file, ft);
    return ft;
  }

  async locate(src: SourceRef): Promise<Location> {
    const fallback: Location = { file: src.file, startLine: src.line };
    if (src.template) fallback.template = src.template;
    const ft = await this.file(src.file);
    if (!ft || !src.range) return fallback;
    const [start, end] = src.range;
    if ((src.docPath ?? '') === '') {
      // The whole document: its first line of content, found without parsing.
      const re = /^(?!\s*(?:#|---\s*$|$)).*\S/gm;
      re.lastIndex = start;
      const m = re.exec(ft.text);
      const at = m && m.index < end ? m.index + (m[0].length - m[0].trimStart().length) : start;
      const p = posOf(ft, at);
      const loc: Location = { file: src.file, startLine: p.line, startColumn: p.column, docPath: '' };
      if (src.template) loc.template = src.template;
      return loc;
    }
    const segs = splitPath(src.docPath ?? '');
    const block = locateBlock(ft.text, start, end, segs);
    if (block !== null) {
      const s = posOf(ft, block.offset);
      const e = posOf(ft, block.lineEnd);
      const loc: Location = { file: src.file, startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column, docPath: joinPath('', ...segs.slice(0, block.depth)) };
      if (src.template) loc.template = src.template;
      return loc;
    }
    const key = `${src.file}\u0000${start}`;
    let doc = this.docs.get(key);
    if (doc === undefined) {
      doc = parseYamlDoc(ft.text.slice(start, end));
      this.docs.set(key, doc);
    }
    if (!doc) return fallback;
    const hit = locateInYaml(doc, segs);
    if (!hit) return fallback;
    const s = posOf(ft, start + hit.start);
    const e = posOf(ft, start + hit.end);
    const loc: Location = { file: src.file, startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column + 1, docPath: joinPath('', ...hit.walked) };
    if (src.template) loc.template = src.template;
    return loc;
  }

  /** Fill `location` on every finding that is not a pass. */
  async locateAll(findings: Finding[]): Promise<void> {
    for (const f of findings) {
      if (f.status === 'pass') continue;
      f.location = await this.locate(f.source);
    }
  }
}
