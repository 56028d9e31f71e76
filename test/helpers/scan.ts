/** Test helpers: run the real collectors and engine on files written to a temp directory. */
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseConfig, type OobguardConfig } from '../../src/config/config.ts';
import type { CompiledRule } from '../../src/engine/compile.ts';
import type { Report } from '../../src/engine/types.ts';
import { dump } from 'js-yaml';
import { run, type RunOptions } from '../../src/run.ts';
import type { Snapshot } from '../../src/model/snapshot.ts';
import type { LiveResult } from '../../src/collectors/live/types.ts';

export const FIXED_NOW = '2026-11-20T12:00:00.000Z';

export async function withFiles<T>(files: Record<string, string | Uint8Array>, fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'oobguard-test-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      const full = path.join(dir, name);
      await mkdir(path.dirname(full), { recursive: true });
      await writeFile(full, content);
    }
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function configFrom(data: Record<string, unknown> | undefined): OobguardConfig | undefined {
  if (!data) return undefined;
  const { config, diagnostics } = parseConfig(dump(data), 'example-config');
  if (!config) throw new Error(`example config invalid: ${diagnostics.map((d) => d.message).join('; ')}`);
  return config;
}

export async function scanFiles(
  files: Record<string, string | Uint8Array>,
  opts: Partial<RunOptions> & { configData?: Record<string, unknown>; rules?: readonly CompiledRule[] } = {},
): Promise<{ report: Report; snapshot: Snapshot }> {
  return withFiles(files, async (dir) => {
    const config = opts.config ?? configFrom(opts.configData);
    return run({ cwd: dir, paths: ['.'], now: FIXED_NOW, ...opts, ...(config ? { config } : {}) });
  });
}

/**
 * The objects of a rule example's `live` (collection → objects) as a live cloud scan hands them
 * over: provenance filled in (origin `live`, no address, source `oobguard-live/<provider>/example`).
 */
export function liveExample(live: Record<string, Record<string, unknown>[]>): LiveResult {
  const source = Object.keys(live)[0]?.startsWith('azure.') ? 'azure' : 'aws';
  const out: LiveResult & Record<string, unknown> = { documents: [], mattermostConfigs: [], coverage: { source, scope: 'example', calls: 0, failedCalls: 0, gaps: [] } };
  for (const [collection, objects] of Object.entries(live)) {
    const segs = collection.split('.');
    const provider = segs[0]!;
    let at = out as Record<string, unknown>;
    for (const seg of segs.slice(0, -1)) at = (at[seg] ??= {}) as Record<string, unknown>;
    at[segs.at(-1)!] = objects.map((o, i) => {
      const id = String(o['resourceId'] ?? o['arn'] ?? `${collection}/${i}`);
      return {
        id: `${provider}/${id}`, name: id, source: { file: `oobguard-live/${provider}/example`, line: 1, ref: id },
        address: '', resourceId: id, providerKey: provider, origin: 'live', module: '', tags: {}, ...o,
      };
    });
  }
  return out;
}
