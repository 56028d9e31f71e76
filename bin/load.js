// Loads the CLI: the committed bundle (dist/oobguard.mjs) when it matches the sources in this
// checkout, else the TypeScript sources (never stale). OOBGUARD_FROM_SOURCE=1 forces the sources.
import { closeSync, openSync, readSync } from 'node:fs';
import module from 'node:module';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import { HASH_MARKER, sourceHash } from './source-hash.js';

function bundleHash(file) {
  try {
    const fd = openSync(file, 'r');
    const buf = Buffer.alloc(128);
    const n = readSync(fd, buf, 0, 128, 0);
    closeSync(fd);
    const first = buf.subarray(0, n).toString('utf8').split('\n')[0];
    return first.startsWith(HASH_MARKER) ? first.slice(HASH_MARKER.length).trim() : null;
  } catch {
    return null;
  }
}

export async function loadCli() {
  // A larger young generation: scanning allocates many short-lived objects (parsed documents).
  v8.setFlagsFromString('--max-semi-space-size=32');
  // Node's on-disk code cache (Node >= 22.1) makes every run after the first start faster.
  module.enableCompileCache?.();
  const root = fileURLToPath(new URL('..', import.meta.url));
  const bundle = fileURLToPath(new URL('../dist/oobguard.mjs', import.meta.url));
  const useBundle = process.env.OOBGUARD_FROM_SOURCE !== '1' && bundleHash(bundle) === sourceHash(root);
  return import(useBundle ? '../dist/oobguard.mjs' : '../src/cli/main.ts');
}
