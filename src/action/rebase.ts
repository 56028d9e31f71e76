/**
 * A report's file paths made relative to another directory. The Action scans from its
 * `working-directory` (so config discovery, baselines and object identities are those of
 * `oobguard scan` run there), while GitHub wants paths from the repository root: in SARIF, in
 * annotations and in the summary's links. Only the presentation copy is rebased; identities and
 * fingerprints are untouched, and so is the JSON report.
 */
import path from 'node:path';
import type { Report } from '../engine/types.ts';

/** `report` with every relative file path (not stdin's "-") moved from `from` to `to`. */
export function rebaseReport(report: Report, from: string, to: string): Report {
  if (path.resolve(from) === path.resolve(to)) return report;
  const move = (file: string): string => {
    if (file === '' || file === '-' || path.isAbsolute(file) || /^[A-Za-z][A-Za-z0-9+.-]+:/.test(file)) return file;
    const rel = path.relative(to, path.resolve(from, file));
    return rel.split(path.sep).join('/');
  };
  const moveWhere = (where: string): string => {
    const i = where.lastIndexOf(':');
    return i > 0 ? `${move(where.slice(0, i))}${where.slice(i)}` : move(where);
  };
  const out = structuredClone(report);
  for (const f of out.findings) {
    f.source.file = move(f.source.file);
    if (f.location) f.location.file = move(f.location.file);
  }
  for (const i of out.inputs) i.file = move(i.file);
  for (const d of out.diagnostics) if (d.file !== undefined) d.file = move(d.file);
  if (out.changes) {
    for (const list of [out.changes.newFailures, out.changes.fixed, out.changes.newUnknown]) for (const r of list) r.where = moveWhere(r.where);
  }
  return out;
}
