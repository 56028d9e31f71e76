/**
 * Provenance: where a model value came from. Rules never compute locations; the locator turns a
 * SourceRef plus a model path into file:line:column (see src/locate.ts).
 */

/** Where a model object (or a subtree of it) was read from. */
export interface SourceRef {
  /** Input path as the user sees it (repo-relative when possible); "-" for stdin. */
  file: string;
  /** 0-based index of the YAML document inside the file. */
  doc?: number;
  /** 1-based line where the document (or the value, when known) starts. */
  line: number;
  /** Character offsets [start, end) of the document text inside the file. */
  range?: [number, number];
  /** Path inside the document that the model subtree corresponds to ("" = document root). */
  docPath?: string;
  /** Helm template the document was rendered from (`# Source:` comment). */
  template?: string;
  /** Live reference (ARN, Azure resource ID, object reference) for live sources. */
  ref?: string;
}

/** Every object in a model collection carries identity and provenance. */
export interface ModelObject {
  /** Stable identity, independent of line numbers (used for fingerprints and baselines). */
  id: string;
  kind: string;
  name: string;
  namespace?: string;
  source: SourceRef;
  /** Model path → where that subtree came from, when it differs from `source`. */
  origins?: Record<string, SourceRef>;
  /** Model path → why that value could not be read. A rule touching it yields `unknown`. */
  unknown?: Record<string, string>;
  /** Paths that are known even though an `unknown` prefix covers them (e.g. keys set by env). */
  known?: string[];
}

/** Record why a value (one path, or several with the same reason) of a model object could not be read. */
export function setUnknown(o: Pick<ModelObject, 'unknown'>, paths: string | readonly string[], reason: string): void {
  for (const p of typeof paths === 'string' ? [paths] : paths) (o.unknown ??= {})[p] = reason;
}

/** Join a model path: ("a.b", "c") → "a.b.c"; numeric segments become [n]. */
export function joinPath(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (s === '') continue;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Split a model path into segments: `a.b[0]["x/y"]` → ["a","b",0,"x/y"]. */
export function splitPath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const m of path.matchAll(re)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(m[3]) as string);
  }
  return out;
}
