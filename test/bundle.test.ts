/** The committed bundles must match the sources (run `npm run build` after changing src/, reporters/ or rules/). */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HASH_MARKER, sourceHash } from '../bin/source-hash.js';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { ACTION_WASM, actionBundleText, bundleFiles, CHUNKS_DIR, hcl2jsonWasmSource } from '../scripts/build.ts';

describe('dist/oobguard.mjs', () => {
  it('records the hash of the current sources and, with its chunks, equals a fresh build (run `npm run build`)', async () => {
    const fresh = await bundleFiles();
    const committed = await readFile(path.join(PACKAGE_ROOT, 'dist', 'oobguard.mjs'), 'utf8').catch(() => '');
    expect(committed.split('\n')[0]).toBe(`${HASH_MARKER}${sourceHash(PACKAGE_ROOT)}`);
    const chunks = (await readdir(path.join(PACKAGE_ROOT, 'dist', CHUNKS_DIR)).catch(() => [])).map((f) => `${CHUNKS_DIR}/${f}`).sort();
    expect(chunks, 'dist/chunks differs from a fresh build').toEqual([...fresh.keys()].filter((f) => f !== 'oobguard.mjs').sort());
    for (const [file, text] of fresh) {
      expect((await readFile(path.join(PACKAGE_ROOT, 'dist', file), 'utf8').catch(() => '')) === text, `dist/${file} differs from a fresh build`).toBe(true);
    }
  });

  it('loads no SDK of a live source until a live source is read: the entry module imports none', async () => {
    const text = await readFile(path.join(PACKAGE_ROOT, 'dist', 'oobguard.mjs'), 'utf8');
    const staticImports = [...text.matchAll(/^\s*import\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    expect(staticImports.filter((s) => /^(@aws-sdk|@azure|@smithy|@kubernetes)\//.test(s))).toEqual([]);
    expect(staticImports.some((s) => s.startsWith(`./${CHUNKS_DIR}/`))).toBe(true);
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
