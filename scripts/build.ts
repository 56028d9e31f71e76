/**
 * `npm run build`: bundle the CLI into dist/oobguard.mjs (one module loads ~2× faster than ~50
 * TypeScript files). The first line records the hash of the sources; bin/oobguard.js uses the
 * bundle only when that hash matches, and test/bundle.test.ts fails when it is stale.
 *
 * What only a live scan needs — the live collectors and, through them, the AWS, Azure and
 * Kubernetes SDKs — is split into dist/chunks/, loaded on first use: a file scan never loads an SDK
 * (in one file, esbuild would hoist every SDK import to the top and load them all at start-up).
 *
 * It also builds the GitHub Action, dist/action.mjs (see actionBundleText), and copies the
 * Terraform parser's WebAssembly next to it.
 */
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
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

/** One ESM module for Node from `entry`, the built-in rules embedded, paths relative to the package root. */
async function bundleModule(entry: string, opts: Required<Pick<BuildOptions, 'target' | 'external'>> & Pick<BuildOptions, 'plugins'> & { banner: string }): Promise<string> {
  const result = await build({
    entryPoints: [path.join(PACKAGE_ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: opts.target,
    write: false,
    legalComments: 'none',
    banner: { js: opts.banner },
    logLevel: 'silent',
    external: opts.external,
    ...(opts.plugins ? { plugins: opts.plugins } : {}),
    // Module paths in the bundle's comments stay `node_modules/…` even when node_modules is a link.
    preserveSymlinks: true,
    define: { __OOBGUARD_EMBEDDED__: JSON.stringify(await validatedBuiltinData()) },
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no output');
  // Paths in the bundle's comments are relative to the package root, so it is the same everywhere.
  return out.text.split(PACKAGE_ROOT).join('');
}

/** Where the CLI's lazily loaded chunks go, under dist/. */
export const CHUNKS_DIR = 'chunks';

/**
 * The CLI: dist/oobguard.mjs and its chunks (path under dist/ → text). The SDKs of live sources
 * and the Terraform parser (it ships WebAssembly next to its code) stay in node_modules.
 */
export async function bundleFiles(): Promise<Map<string, string>> {
  const result = await build({
    entryPoints: { oobguard: path.join(PACKAGE_ROOT, 'src/cli/main.ts') },
    bundle: true,
    splitting: true,
    outdir: path.join(PACKAGE_ROOT, 'dist'),
    outExtension: { '.js': '.mjs' },
    chunkNames: `${CHUNKS_DIR}/[name]-[hash]`,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    write: false,
    legalComments: 'none',
    banner: { js: `${HASH_MARKER}${sourceHash(PACKAGE_ROOT)}\nimport { createRequire as __oobguardCreateRequire } from 'node:module';\nconst require = __oobguardCreateRequire(import.meta.url);` },
    logLevel: 'silent',
    external: ['@cdktf/hcl2json', '@kubernetes/client-node', '@aws-sdk/*', '@azure/*', '@smithy/*'],
    preserveSymlinks: true,
    define: { __OOBGUARD_EMBEDDED__: JSON.stringify(await validatedBuiltinData()) },
  });
  const dist = path.join(PACKAGE_ROOT, 'dist');
  return new Map(result.outputFiles.map((f) => [path.relative(dist, f.path).split(path.sep).join('/'), f.text.split(PACKAGE_ROOT).join('')]));
}

/** dist/oobguard.mjs, the CLI's entry module. */
export async function bundleText(): Promise<string> {
  const main = (await bundleFiles()).get('oobguard.mjs');
  if (main === undefined) throw new Error('esbuild produced no dist/oobguard.mjs');
  return main;
}

/** The Terraform parser's WebAssembly (gzipped) as the Action bundle loads it, from dist/. */
export const ACTION_WASM = 'hcl2json.wasm.gz';
/** Where that file is in node_modules. */
export function hcl2jsonWasmSource(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@cdktf/hcl2json/package.json')), 'main.wasm.gz');
}

/** Live-source collectors: the Action never reads live sources, so they are not in its bundle. */
const LIVE_COLLECTOR = /^\.\/collectors\/(k8s|aws|azure|graph|mattermost)-live\//;
/** Their SDKs: the build fails if anything else would pull one into the Action. */
const LIVE_SDK = /^(@aws-sdk|@azure|@smithy)\/|^@kubernetes\/client-node$/;

const actionPlugin: Plugin = {
  name: 'oobguard-action',
  setup(b) {
    // run() imports a live collector only when a live source is asked for: in the Action, a clear error.
    b.onResolve({ filter: LIVE_COLLECTOR }, (args) => (args.importer.endsWith(`${path.sep}src${path.sep}run.ts`) ? { path: args.path, namespace: 'live-stub' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'live-stub' }, () => ({
      loader: 'js',
      contents: `throw new Error('live sources are not part of the oobguard GitHub Action; run "npx oobguard scan --kube/--aws/--azure …" in a workflow step (docs/github-action.md)');`,
    }));
    b.onResolve({ filter: LIVE_SDK }, (args) => ({ errors: [{ text: `${args.path} (imported by ${path.relative(PACKAGE_ROOT, args.importer)}) would put a live-source SDK into the Action bundle` }] }));
    // hcl2json reads its WebAssembly from `${__dirname}/../main.wasm.gz`: in the bundle, from dist/.
    b.onLoad({ filter: /@cdktf[\\/]hcl2json[\\/]lib[\\/]bridge\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const from = '(0, path_1.join)(__dirname, "..", "main.wasm.gz")';
      if (!text.includes(from)) throw new Error(`${args.path}: hcl2json no longer loads main.wasm.gz as scripts/build.ts expects; update the Action build`);
      return { loader: 'js', resolveDir: path.dirname(args.path), contents: text.replace(from, `(0, path_1.join)(__oobguardActionDir, ${JSON.stringify(ACTION_WASM)})`) };
    });
  },
};

/**
 * The GitHub Action, self-contained: an Action runs from its repository without `npm ci`, so
 * everything a file scan needs (collectors, Terraform parser, engine, rules, reporters) is in this
 * one module, plus dist/hcl2json.wasm.gz. Live collectors and their SDKs are left out.
 */
export async function actionBundleText(): Promise<string> {
  return bundleModule('src/action/index.ts', {
    target: 'node24',
    banner: [
      '// oobguard GitHub Action (action.yml). Built by scripts/build.ts from src/action/index.ts: do not edit.',
      "import { createRequire as __oobguardCreateRequire } from 'node:module';",
      "import { fileURLToPath as __oobguardFileURLToPath } from 'node:url';",
      'const require = __oobguardCreateRequire(import.meta.url);',
      'const __oobguardActionDir = __oobguardFileURLToPath(new URL(\'.\', import.meta.url));',
    ].join('\n'),
    // hcl2json's wasm_exec requires it only where globalThis.performance is missing (never on Node ≥ 16).
    external: ['performance'],
    plugins: [actionPlugin],
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await bundleFiles();
  // Chunks of earlier builds would linger unreferenced: start the directory afresh.
  await rm(path.join(PACKAGE_ROOT, 'dist', CHUNKS_DIR), { recursive: true, force: true });
  for (const [file, text] of files) {
    await mkdir(path.dirname(path.join(PACKAGE_ROOT, 'dist', file)), { recursive: true });
    await writeFile(path.join(PACKAGE_ROOT, 'dist', file), text);
  }
  const kib = (f: string): string => ((files.get(f)?.length ?? 0) / 1024).toFixed(0);
  process.stdout.write(`wrote dist/oobguard.mjs (${kib('oobguard.mjs')} KiB) and ${files.size - 1} chunks in dist/${CHUNKS_DIR}/\n`);
  const action = await actionBundleText();
  await writeFile(path.join(PACKAGE_ROOT, 'dist', 'action.mjs'), action);
  await copyFile(hcl2jsonWasmSource(), path.join(PACKAGE_ROOT, 'dist', ACTION_WASM));
  process.stdout.write(`wrote dist/action.mjs (${(action.length / 1024).toFixed(0)} KiB) and dist/${ACTION_WASM}\n`);
}
