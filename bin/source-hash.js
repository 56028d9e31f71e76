// The hash of the sources a bundle was built from. bin/oobguard.js runs the committed bundle
// (dist/oobguard.mjs, fast to load) only when its recorded hash matches the sources in this
// checkout; otherwise it runs the TypeScript sources directly, so it is never stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOTS = ['src', 'reporters', 'rules'];
const EXTRA = ['package.json'];

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else if (/\.(ts|json|ya?ml)$/.test(e.name)) out.push(full);
  }
}

export function sourceHash(root) {
  const files = [];
  for (const r of ROOTS) walk(path.join(root, r), files);
  for (const f of EXTRA) files.push(path.join(root, f));
  files.sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(path.relative(root, f).split(path.sep).join('/'));
    h.update('\0');
    try {
      h.update(readFileSync(f));
    } catch {
      h.update('<missing>');
    }
    h.update('\0');
  }
  return h.digest('hex');
}

export const HASH_MARKER = '// oobguard-bundle-sources: ';
