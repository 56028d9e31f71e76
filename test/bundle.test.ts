/** The committed bundle must match the sources (run `npm run build` after changing src/ or reporters/). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HASH_MARKER, sourceHash } from '../bin/source-hash.js';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { bundleText } from '../scripts/build.ts';

describe('dist/oobguard.mjs', () => {
  it('records the hash of the current sources and equals a fresh build (run `npm run build`)', async () => {
    const committed = await readFile(path.join(PACKAGE_ROOT, 'dist', 'oobguard.mjs'), 'utf8').catch(() => '');
    expect(committed.split('\n')[0]).toBe(`${HASH_MARKER}${sourceHash(PACKAGE_ROOT)}`);
    expect(committed === (await bundleText()), 'dist/oobguard.mjs differs from a fresh build').toBe(true);
  });
});
