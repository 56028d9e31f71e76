/**
 * Where things are in a .tf file. hcl2json returns no positions, so this scanner walks the HCL
 * text once — comments, strings with nested `${…}`, heredocs, brackets — and records the line of
 * every block and attribute. It never evaluates anything; a construct it does not understand only
 * costs precision (the finding falls back to the enclosing block's line).
 */

export interface HclBlock {
  type: string;
  labels: string[];
  line: number;
  attrs: Map<string, number>;
  blocks: HclBlock[];
}

const IDENT = /[A-Za-z_][\w-]*/y;

export function scanHclLines(text: string): HclBlock {
  const root: HclBlock = { type: '', labels: [], line: 1, attrs: new Map(), blocks: [] };
  const stack: HclBlock[] = [root];
  let i = 0;
  let line = 1;
  const n = text.length;

  const skipString = (): void => {
    // at opening quote
    i++;
    while (i < n) {
      const c = text[i];
      if (c === '\\') { i += 2; continue; }
      if (c === '\n') line++;
      if (c === '"') { i++; return; }
      if ((c === '$' || c === '%') && text[i + 1] === '{') { i += 2; skipExpr('}'); continue; }
      i++;
    }
  };
  const skipHeredoc = (): boolean => {
    const m = /<<-?([A-Za-z_][\w]*)[ \t]*\r?\n/y;
    m.lastIndex = i;
    const h = m.exec(text);
    if (!h) return false;
    const marker = h[1]!;
    i = m.lastIndex;
    line++;
    while (i < n) {
      const end = text.indexOf('\n', i);
      const l = text.slice(i, end === -1 ? n : end);
      if (l.trim() === marker) {
        // Leave the newline after the marker to end the attribute, as HCL does.
        i = end === -1 ? n : end;
        return true;
      }
      i = end === -1 ? n : end + 1;
      if (end !== -1) line++;
    }
    return true;
  };
  const skipComment = (): boolean => {
    const c = text[i];
    if (c === '#' || (c === '/' && text[i + 1] === '/')) {
      while (i < n && text[i] !== '\n') i++;
      return true;
    }
    if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < n && !(text[i] === '*' && text[i + 1] === '/')) { if (text[i] === '\n') line++; i++; }
      i += 2;
      return true;
    }
    return false;
  };
  /** Skip an expression until `close` at depth 0 (or a newline at depth 0 when close is '\n'). */
  const skipExpr = (close: string): void => {
    let depth = 0;
    while (i < n) {
      const c = text[i]!;
      if (skipComment()) continue;
      if (c === '"') { skipString(); continue; }
      if (c === '<' && text[i + 1] === '<' && skipHeredoc()) continue;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0 && c === close) { i++; return; }
        if (depth === 0 && close === '\n') return; // unbalanced: let the caller handle `}`
        depth--;
      } else if (c === '\n') {
        if (depth === 0 && close === '\n') return;
        line++;
      }
      i++;
    }
  };

  while (i < n && stack.length > 0) {
    const c = text[i]!;
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (skipComment()) continue;
    if (c === '}') {
      if (stack.length > 1) stack.pop();
      i++;
      continue;
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(text);
    if (!id) { i++; continue; }
    const name = id[0];
    const startLine = line;
    i = IDENT.lastIndex;
    // attribute?
    let j = i;
    while (j < n && (text[j] === ' ' || text[j] === '\t')) j++;
    if (text[j] === '=' && text[j + 1] !== '=') {
      stack[stack.length - 1]!.attrs.set(name, startLine);
      i = j + 1;
      skipExpr('\n');
      continue;
    }
    // block: labels then {
    const labels: string[] = [];
    i = j;
    let ok = false;
    while (i < n) {
      const d = text[i]!;
      if (d === ' ' || d === '\t') { i++; continue; }
      if (d === '"') {
        const s = i;
        skipString();
        labels.push(text.slice(s + 1, i - 1));
        continue;
      }
      if (d === '{') { i++; ok = true; break; }
      IDENT.lastIndex = i;
      const l = IDENT.exec(text);
      if (l) { labels.push(l[0]); i = IDENT.lastIndex; continue; }
      break;
    }
    if (!ok) continue;
    const block: HclBlock = { type: name, labels, line: startLine, attrs: new Map(), blocks: [] };
    stack[stack.length - 1]!.blocks.push(block);
    stack.push(block);
  }
  return root;
}

/** Lines of a block's attributes and nested blocks, keyed by plan-style paths (`vpc_config[0].x`). */
export function blockLines(block: HclBlock, prefix = '', out: Record<string, number> = {}): Record<string, number> {
  for (const [k, l] of block.attrs) out[prefix === '' ? k : `${prefix}.${k}`] = l;
  const seen = new Map<string, number>();
  for (const b of block.blocks) {
    if (b.type === 'dynamic' || b.type === 'lifecycle' || b.type === 'provisioner' || b.type === 'connection') continue;
    const idx = seen.get(b.type) ?? 0;
    seen.set(b.type, idx + 1);
    const p = `${prefix === '' ? '' : `${prefix}.`}${b.type}[${idx}]`;
    out[p] = b.line;
    blockLines(b, p, out);
  }
  return out;
}
