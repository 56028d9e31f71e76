/**
 * The bundled examples are a blueprint: the hardened deployment passes every rule that applies to
 * it (and nothing is unknown), the insecure one shows what the scanner finds.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { run } from '../src/run.ts';
import { FIXED_NOW } from './helpers/scan.ts';

const scan = (dir: string) => run({ cwd: PACKAGE_ROOT, paths: [path.join('examples', dir)], now: FIXED_NOW });

describe('examples', () => {
  it('hardened: every applicable rule passes, nothing is unknown, no input is skipped, exit 0', async () => {
    const { report } = await scan('hardened');
    expect(report.findings.filter((f) => f.status !== 'pass').map((f) => `${f.ruleId} ${f.status}: ${f.message} ${(f.reasons ?? []).join(' ')}`)).toEqual([]);
    expect(report.diagnostics.filter((d) => d.severity !== 'note').map((d) => d.message)).toEqual([]);
    expect(report.summary.inputs).toEqual({ scanned: 7, skipped: 0, error: 0 });
    expect(report.summary.rules.evaluated).toBeGreaterThanOrEqual(60);
    expect(report.exitCode).toBe(0);
  });

  it('insecure: the scanner finds the planted problems, by rule, at the right places', async () => {
    const { report } = await scan('insecure');
    const failing = new Set(report.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
    for (const id of [
      'ZT-MFA-001', 'OOB-AC-001', 'OOB-AC-002', 'ZT-NET-001', 'ZT-ENC-001', 'ZT-ENC-003.dsn', 'ZT-ENC-010',
      'ZT-HOST-001.container', 'ZT-HOST-005', 'ZT-IAM-001.config', 'ZT-ENC-006.velero', 'ZT-IAM-003.credential', 'OOB-BKP-001',
      'ZT-NET-005', 'ZT-NET-007', 'ZT-ENC-009', 'ZT-DATA-004',
    ]) {
      expect([...failing].some((r) => r === id || r.startsWith(`${id}.`)), `${id} should fail on the insecure example`).toBe(true);
    }
    const mfa = report.findings.find((f) => f.ruleId === 'ZT-MFA-001' && f.status === 'fail')!;
    expect(mfa.location).toMatchObject({ file: 'examples/insecure/mattermost/config.json' });
    expect(report.summary.failingBySeverity.critical).toBeGreaterThanOrEqual(5);
    expect(report.exitCode).not.toBe(0);
  });
});
