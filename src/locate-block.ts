/**
 * A fast locator for block-style YAML (what Helm, Kustomize and kubectl emit): finds the line of a
 * document path by indentation alone, without building a syntax tree — two orders of magnitude
 * cheaper than a full parse. Whenever the document uses something it does not follow (flow
 * collections on the path, anchors, aliases, tags, multi-document quirks), it answers `null` and
 * the caller falls back to the full `yaml` parser. test/locate.test.ts checks that both agree.
 */

export interface BlockHit {
  /** Offset (in the whole text) where the deepest found node's key or item starts. */
  offset: number;
  /** Offset of the end of that line's content. */
  lineEnd: number;
  /** How many path segments were found (the rest did not exist in the document). */
  depth: number;
}

interface Line { start: number; indent: number; content: string }

/** Anchors, aliases and tags where a value or item starts, and merge keys: left to the parser. */
const UNSUPPORTED = /(?:^|:[ \t]+|-[ \t]+)[&*!][^\s]|<<\s*:/m;

function lines(text: string, start: number, end: number): Line[] | null {
  const out: Line[] = [];
  let pos = start;
  // The region starts right after the `---` marker: skip the rest of that line.
  if (start > 0 && text[start - 1] === '-') {
    const nl = text.indexOf('\n', start);
    pos = nl === -1 || nl >= end ? end : nl + 1;
  }
  while (pos < end) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > end) nl = end;
    const raw = text.slice(pos, nl).replace(/\r$/, '');
    const trimmed = raw.trimStart();
    if (trimmed !== '' && !trimmed.startsWith('#')) {
      if (raw.includes('\t') && /^\s*\t/.test(raw)) return null;
      if (trimmed.startsWith('%') || trimmed === '---' || trimmed === '...') return null;
      out.push({ start: pos, indent: raw.length - trimmed.length, content: trimmed });
    }
    pos = nl + 1;
  }
  return out;
}

function keyOf(content: string): { key: string; rest: string } | null {
  let m = /^"((?:[^"\\]|\\.)*)"\s*:(?:\s+|$)(.*)$/.exec(content);
  if (m) return { key: JSON.parse(`"${m[1]}"`) as string, rest: m[2] ?? '' };
  m = /^'((?:[^']|'')*)'\s*:(?:\s+|$)(.*)$/.exec(content);
  if (m) return { key: (m[1] ?? '').replace(/''/g, "'"), rest: m[2] ?? '' };
  m = /^([^\s#'"{[\]},&*!|>%@`-][^#]*?|-[^\s#][^#]*?)\s*:(?:\s+|$)(.*)$/.exec(content);
  if (m) return { key: m[1] ?? '', rest: m[2] ?? '' };
  return null;
}

/** Strip a trailing comment from a value remainder (good enough to tell flow/empty/scalar). */
function valueKind(rest: string): 'block' | 'flow' | 'scalar' {
  const v = rest.replace(/\s+#.*$/, '').trim();
  if (v === '' || v === '|' || v === '>' || /^[|>][+-]?\d*$/.test(v)) return v === '' ? 'block' : 'scalar';
  if (v.startsWith('{') || v.startsWith('[')) return 'flow';
  return 'scalar';
}

/**
 * Locate `segs` in the document occupying text[start, end). Returns null when the document is not
 * plain block YAML along the path (the caller then parses it properly).
 */
export function locateBlock(text: string, start: number, end: number, segs: readonly (string | number)[]): BlockHit | null {
  const body = text.slice(start, end);
  if (UNSUPPORTED.test(body)) return null;
  const ls = lines(text, start, end);
  if (ls === null || ls.length === 0) return null;
  const first = ls[0]!;
  if (first.content.startsWith('{') || first.content.startsWith('[')) return null;
  // Current container: lines [from, to) whose shallowest indent is the container's own indent.
  let from = 0;
  let to = ls.length;
  let hit: BlockHit = { offset: first.start + first.indent, lineEnd: first.start + first.indent + first.content.length, depth: 0 };
  // When the container starts on a "- key: v" line, the first entry's text begins after "- ".
  let inlineFirst: Line | null = null;
  for (let d = 0; d < segs.length; d++) {
    const seg = segs[d]!;
    const candidates: Line[] = [];
    if (inlineFirst) candidates.push(inlineFirst);
    for (let i = from; i < to; i++) candidates.push(ls[i]!);
    if (candidates.length === 0) return hit;
    const indent = Math.min(...candidates.map((l) => l.indent));
    if (typeof seg === 'number') {
      // A sequence: items are "- " lines at the container's indent.
      const items: number[] = [];
      for (let i = from; i < to; i++) {
        const l = ls[i]!;
        if (l.indent === indent) {
          if (!(l.content === '-' || l.content.startsWith('- '))) return null;
          items.push(i);
        }
      }
      if (inlineFirst) return null;
      const at = items[seg];
      if (at === undefined) return hit;
      const l = ls[at]!;
      const after = l.content === '-' ? '' : l.content.slice(2);
      const next = items[seg + 1] ?? to;
      if (after.trim() === '') {
        // The item's value starts on the next line (as the yaml parser reports it).
        const v = ls[at + 1];
        if (v === undefined || at + 1 >= next) return hit;
        hit = { offset: v.start + v.indent, lineEnd: v.start + v.indent + v.content.length, depth: d + 1 };
        from = at + 1; to = next; inlineFirst = null;
      } else {
        const itemAt = l.start + l.indent + (l.content.length - after.trimStart().length);
        hit = { offset: itemAt, lineEnd: l.start + l.indent + l.content.length, depth: d + 1 };
        if (after.trimStart().startsWith('{') || after.trimStart().startsWith('[') || after.trimStart().startsWith('- ')) {
          if (d === segs.length - 1) return hit;
          return null;
        }
        const pad = l.content.length - after.trimStart().length;
        inlineFirst = { start: l.start, indent: l.indent + pad, content: after.trimStart() };
        from = at + 1;
        to = next;
      }
      continue;
    }
    // A mapping: keys at the container's indent.
    let found: { line: Line; index: number; rest: string } | null = null;
    for (let c = 0; c < candidates.length; c++) {
      const l = candidates[c]!;
      if (l.indent !== indent) continue;
      if (l.content.startsWith('- ')) return null;
      const k = keyOf(l.content);
      if (k === null) return null;
      if (k.key === seg) {
        found = { line: l, index: inlineFirst ? (c === 0 ? from - 1 : from + c - 1) : from + c, rest: k.rest };
        break;
      }
    }
    if (found === null) return hit;
    const l = found.line;
    hit = { offset: l.start + l.indent, lineEnd: l.start + l.indent + l.content.length, depth: d + 1 };
    if (d === segs.length - 1) return hit;
    const kind = valueKind(found.rest);
    if (kind !== 'block') return kind === 'flow' ? null : hit;
    // Children: following lines deeper than the key (or a sequence at the same indent).
    const childFrom = found.index + 1;
    let childTo = childFrom;
    while (childTo < to) {
      const x = ls[childTo]!;
      if (x.indent < l.indent || (x.indent === l.indent && !(x.content === '-' || x.content.startsWith('- ')))) break;
      childTo++;
    }
    // Guard: a key owned by the inline first line must not swallow its siblings.
    from = childFrom;
    to = childTo;
    inlineFirst = null;
  }
  return hit;
}
