/**
 * Run Microsoft's SARIF validator (`@microsoft/sarif-multitool`, a self-contained .NET binary; no
 * .NET install needed) on a SARIF text, with the SARIF and GitHub Advanced Security rule kinds and
 * the GitHub ingestion rules GH1001–GH1007 switched on.
 *
 * Two quirks handled here (shared/SARIF-GITHUB.md):
 * - npm 11 does not run the platform package's `postinstall` (`chmod u+x Sarif.Multitool`), so the
 *   binary may not be executable: we find it under node_modules/@microsoft/sarif-multitool-<platform>/
 *   and chmod it ourselves.
 * - Its exit code is 0 even when the file has errors: we read its output SARIF and count results.
 */
import { execFile } from 'node:child_process';
import { access, chmod, constants, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * GH1001–GH1007 are off unless a policy file enables them (the names are those of the sarif-sdk
 * `policies/github.config.xml`, plus GH1007). SARIF2006 (URIs reachable by HTTP GET) is disabled so
 * the test stays offline and deterministic.
 */
export const GITHUB_POLICY = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key='GH1001.ProvideRequiredLocationProperties.Options'><Property Key='RuleEnabled' Value='Error' /></Properties>
  <Properties Key='GH1002.InlineThreadFlowLocations.Options'><Property Key='RuleEnabled' Value='Error' /></Properties>
  <Properties Key='GH1003.ProvideRequiredRegionProperties.Options'><Property Key='RuleEnabled' Value='Error' /></Properties>
  <Properties Key='GH1004.ReviewArraysThatExceedConfigurableDefaults.Options'><Property Key='RuleEnabled' Value='Error' /></Properties>
  <Properties Key='GH1005.LocationsMustBeRelativeUrisOrFilePaths.Options'><Property Key='RuleEnabled' Value='Error' /></Properties>
  <Properties Key='GH1006.ProvideCheckoutPath.Options'><Property Key='RuleEnabled' Value='Error' /></Properties>
  <Properties Key='GH1007.ProvideFullyFormattedMessageStrings.Options'><Property Key='RuleEnabled' Value='Error' /></Properties>
  <Properties Key='SARIF2006.UrisShouldBeReachable.Options'><Property Key='RuleEnabled' Value='Disabled' /></Properties>
</Properties>
`;

export interface ValidatorIssue {
  ruleId: string;
  level: string;
  message: string;
}

export interface ValidatorOutcome {
  errors: ValidatorIssue[];
  warnings: ValidatorIssue[];
  notes: ValidatorIssue[];
  /** The validator's console output, for failure messages. */
  console: string;
}

/** Path of the platform binary, made executable. Throws with what is missing when it cannot run. */
export async function multitoolBinary(): Promise<string> {
  const require = createRequire(import.meta.url);
  const pkg = `@microsoft/sarif-multitool-${process.platform}`;
  let dir: string;
  try {
    dir = path.dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    throw new Error(`${pkg} is not installed (it is an optional dependency of @microsoft/sarif-multitool; run npm install on ${process.platform}/${process.arch})`);
  }
  const bin = path.join(dir, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  await stat(bin);
  try {
    await access(bin, constants.X_OK);
  } catch {
    await chmod(bin, 0o755);
  }
  return bin;
}

function issuesOf(log: unknown): ValidatorIssue[] {
  const runs = (log as { runs?: { results?: { ruleId?: string; level?: string; message?: { text?: string } }[] }[] }).runs ?? [];
  return runs.flatMap((r) => r.results ?? []).map((x) => ({ ruleId: x.ruleId ?? '?', level: x.level ?? 'warning', message: x.message?.text ?? '' }));
}

/** Validate `sarif` (text). Rule kinds `Sarif;Ghas`; GitHub rules GH1001–GH1007 enabled. */
export async function validateWithMultitool(sarif: string): Promise<ValidatorOutcome> {
  const bin = await multitoolBinary();
  const dir = await mkdtemp(path.join(tmpdir(), 'oobguard-sarif-'));
  try {
    const input = path.join(dir, 'oobguard.sarif');
    const output = path.join(dir, 'validation.sarif');
    const policy = path.join(dir, 'github.config.xml');
    await writeFile(input, sarif);
    await writeFile(policy, GITHUB_POLICY);
    let stdout = '';
    try {
      // execFile: no shell, so the ";" in the rule kinds needs no quoting.
      ({ stdout } = await run(bin, ['validate', input, '--rule-kind', 'Sarif;Ghas', '--level', 'Error;Warning;Note', '-c', policy, '-o', output], {
        // .NET needs libicu unless globalization is invariant; invariant mode removes that dependency.
        env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
        maxBuffer: 32 * 1024 * 1024,
        timeout: 120_000,
      }));
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; message: string };
      throw new Error(`sarif-multitool failed to run: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    }
    let log: unknown;
    try {
      log = JSON.parse(await readFile(output, 'utf8'));
    } catch {
      throw new Error(`sarif-multitool wrote no readable output:\n${stdout}`);
    }
    const all = issuesOf(log);
    return {
      errors: all.filter((i) => i.level === 'error'),
      warnings: all.filter((i) => i.level === 'warning'),
      notes: all.filter((i) => i.level === 'note'),
      console: stdout,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
