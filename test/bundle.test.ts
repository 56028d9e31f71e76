/** The committed bundles must match the sources (run `npm run build` after changing src/, reporters/ or rules/). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HASH_MARKER, sourceHash } from '../bin/source-hash.js';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { ACTION_WASM, actionBundleText, bundleText, hcl2jsonWasmSource } from '../scripts/build.ts';

describe('dist/oobguard.mjs', () => {
  it('records the hash of the current sources and equals a fresh build (run `npm run build`)', async () => {
    const committed = await readFile(path.join(PACKAGE_ROOT, 'dist', 'oobguard.mjs'), 'utf8').catch(() => '');
    expect(committed.split('\n')[0]).toBe(`${HASH_MARKER}${sourceHash(PACKAGE_ROOT)}`);
    expect(committed === (await bundleText()), 'dist/oobguard.mjs differs from a fresh build').toBe(true);
  });
});

describe('dist/action.mjs (the GitHub Action)', () => {
  it('equals a fresh build (run `npm run build`)', async () => {
    const committed = await readFile(path.join(PACKAGE_ROOT, 'dist', 'action.mjs'), 'utf8').catch(() => '');
    expect(committed === (await actionBundleText()), 'dist/action.mjs differs from a fresh build').toBe(true);
  });

  it('is self-contained: it imports only Node built-ins, and the Terraform parser\'s WebAssembly is next to it', async () => {
    const text = await readFile(path.join(PACKAGE_ROOT, 'dist', 'action.mjs'), 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm), ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((s) => !s.startsWith('node:'))).toEqual([]);
    const wasm = await readFile(path.join(PACKAGE_ROOT, 'dist', ACTION_WASM));
    expect(wasm.equals(await readFile(hcl2jsonWasmSource())), `dist/${ACTION_WASM} differs from @cdktf/hcl2json's main.wasm.gz`).toBe(true);
  });
});
