/**
 * `npm run build`: bundle the CLI into dist/oobguard.mjs (one module loads ~2× faster than ~50
 * TypeScript files). The first line records the hash of the sources; bin/oobguard.js uses the
 * bundle only when that hash matches, and test/bundle.test.ts fails when it is stale.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { HASH_MARKER, sourceHash } from '../bin/source-hash.js';
import { compileRules } from '../src/engine/compile.ts';
import { builtinData, PACKAGE_ROOT } from '../src/rule-files.ts';

/** The built-in catalog as one JSON string, refusing to embed a rule that does not validate. */
async function validatedBuiltinData(): Promise<string> {
  const data = await builtinData();
  const { diagnostics } = compileRules(data.rules.map((r) => ({ file: r.file, data: r.data, builtin: true })), () => ({ tenets: [], domains: [], nist: [], cisa: [] }));
  if (diagnostics.length > 0) throw new Error(`built-in rules are invalid:\n${diagnostics.map((d) => d.message).join('\n')}`);
  return JSON.stringify(data);
}

export async function bundleText(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(PACKAGE_ROOT, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    write: false,
    legalComments: 'none',
    banner: { js: `${HASH_MARKER}${sourceHash(PACKAGE_ROOT)}\nimport { createRequire as __oobguardCreateRequire } from 'node:module';\nconst require = __oobguardCreateRequire(import.meta.url);` },
    logLevel: 'silent',
    // Loaded lazily from node_modules (it ships WebAssembly next to its code).
    // SDKs of live sources stay in node_modules too: they load only when that source is scanned.
    external: ['@cdktf/hcl2json', '@kubernetes/client-node', '@aws-sdk/*', '@azure/*', '@smithy/*'],
    // Module paths in the bundle's comments stay `node_modules/…` even when node_modules is a link.
    preserveSymlinks: true,
    define: { __OOBGUARD_EMBEDDED__: JSON.stringify(await validatedBuiltinData()) },
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no output');
  // Paths in the bundle's comments are relative to the package root, so it is the same everywhere.
  return out.text.split(PACKAGE_ROOT).join('');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const text = await bundleText();
  await mkdir(path.join(PACKAGE_ROOT, 'dist'), { recursive: true });
  await writeFile(path.join(PACKAGE_ROOT, 'dist', 'oobguard.mjs'), text);
  process.stdout.write(`wrote dist/oobguard.mjs (${(text.length / 1024).toFixed(0)} KiB)\n`);
}
