/** Test helpers: run the real CLI `main()` with a fake Io, and lay out input trees. */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.ts';
import { PACKAGE_ROOT } from '../../src/rule-files.ts';

export const BAD_INPUT = path.join(PACKAGE_ROOT, 'fixtures/bad-input');
/** Test-only rules with fixed verdicts for the bad-input fixtures (see fixtures/bad-input/rules). */
export const TEST_RULES = path.join(BAD_INPUT, 'rules');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: readonly string[], opts: { cwd: string; stdin?: string | Uint8Array; color?: boolean; env?: NodeJS.ProcessEnv }): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const input = typeof opts.stdin === 'string' ? new TextEncoder().encode(opts.stdin) : opts.stdin ?? new Uint8Array();
  const code = await main(argv, {
    cwd: opts.cwd,
    stdout: (s) => { stdout += s; },
    stderr: (s) => { stderr += s; },
    stdin: async () => input,
    color: opts.color ?? false,
    env: opts.env ?? {},
  });
  return { code, stdout, stderr };
}

/** A temp directory, removed afterwards, optionally seeded with copies of fixture directories. */
export async function inTempDir<T>(fn: (dir: string) => Promise<T>, seed: Record<string, string> = {}): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'oobguard-input-'));
  try {
    for (const [to, from] of Object.entries(seed)) await cp(from, path.join(dir, to), { recursive: true });
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
