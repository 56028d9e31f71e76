/**
 * The AWS and Azure examples are blueprints: Terraform (root module, local modules, tfvars),
 * the Kubernetes manifests that run on it, Mattermost's config.json and the environment
 * declaration. The hardened ones pass every rule that applies to them, from Terraform as much as
 * from the manifests; the insecure ones fail the key controls, from the Terraform files.
 */
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../src/engine/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { run } from '../src/run.ts';
import { FIXED_NOW } from './helpers/scan.ts';

const scans = new Map<string, Promise<Report>>();
/** One scan per example directory, shared by the tests that judge it. */
const scan = (dir: string): Promise<Report> => {
  let r = scans.get(dir);
  if (!r) scans.set(dir, (r = run({ cwd: PACKAGE_ROOT, paths: [`examples/${dir}`], now: FIXED_NOW }).then((x) => x.report)));
  return r;
};

/** The rule (`ZT-NET-004.eks`) implements the control (`ZT-NET-004`), or is that control's rule. */
const ofControl = (ruleId: string, control: string): boolean => ruleId === control || ruleId.startsWith(`${control}.`);

const fromTerraform = (f: Finding): boolean => f.objectId.startsWith('tf/') || (f.location?.file ?? '').includes('/terraform/');

const describeFinding = (f: Finding): string => `${f.ruleId} ${f.status} ${f.location?.file ?? ''}:${f.location?.startLine ?? ''}: ${f.message} ${(f.reasons ?? []).join(' ')}`;

/**
 * Findings of a hardened example that are not the example's fault. Each names the rule, the
 * object, and why the example stays as it is; remove an entry when the rule changes.
 */
interface Accepted {
  ruleId: string;
  status: Finding['status'];
  /** Terraform address (object id without `tf/`). */
  address: string;
  reason: string;
}

const ACCEPTED: Record<string, Accepted[]> = {
  'aws/hardened': [],
  // Recorded as waivers in examples/azure/hardened/.oobguard.yaml (reason, owner, expiry), so
  // they are `waived`, not failing: OOB-SEC-002.postgres-password (Mattermost needs a password
  // DSN) and ZT-IAM-005.federated-client-id (an identity's client id exists only after apply).
  'azure/hardened': [],
};

const isAccepted = (dir: string, f: Finding): boolean =>
  (ACCEPTED[dir] ?? []).some((a) => a.ruleId === f.ruleId && a.status === f.status && f.objectId === `tf/${a.address}`);

/** Controls whose Terraform side the hardened example must exercise (pass from a .tf file). */
const HARDENED_TERRAFORM_CONTROLS: Record<string, string[]> = {
  'aws/hardened': [
    'OOB-AC-004', 'OOB-BKP-004', 'OOB-BKP-005', 'OOB-BKP-006', 'OOB-BKP-007', 'OOB-BKP-010', 'OOB-DNS-001', 'OOB-DNS-002',
    'OOB-DNS-003', 'OOB-DNS-004', 'OOB-DNS-008', 'OOB-ISO-001', 'OOB-ISO-004', 'OOB-SEC-002', 'OOB-SEC-003', 'ZT-ENC-003',
    'ZT-ENC-004', 'ZT-ENC-005', 'ZT-ENC-006', 'ZT-ENC-007', 'ZT-HOST-004', 'ZT-HOST-006', 'ZT-IAM-001', 'ZT-IAM-002',
    'ZT-IAM-003', 'ZT-IAM-004', 'ZT-IAM-006', 'ZT-MON-001', 'ZT-MON-003', 'ZT-MON-008', 'ZT-NET-003', 'ZT-NET-004',
    'ZT-NET-008', 'ZT-NET-009', 'ZT-NET-010',
  ],
  'azure/hardened': [
    'OOB-AC-004', 'OOB-BKP-004', 'OOB-BKP-005', 'OOB-BKP-006', 'OOB-BKP-008', 'OOB-DNS-005', 'OOB-DNS-006', 'OOB-DNS-007',
    'OOB-DNS-008', 'OOB-ISO-002', 'OOB-ISO-004', 'OOB-SEC-003', 'ZT-ENC-003', 'ZT-ENC-004', 'ZT-ENC-005', 'ZT-ENC-006',
    'ZT-ENC-007', 'ZT-HOST-004', 'ZT-HOST-006', 'ZT-IAM-005', 'ZT-MFA-002', 'ZT-MON-002', 'ZT-MON-004', 'ZT-MON-008',
    'ZT-NET-003', 'ZT-NET-004', 'ZT-NET-008', 'ZT-NET-009',
  ],
};

/** Controls the insecure example must fail, from its Terraform files. */
const INSECURE_TERRAFORM_CONTROLS: Record<string, string[]> = {
  'aws/insecure': [
    'OOB-AC-004', 'OOB-BKP-004', 'OOB-BKP-005', 'OOB-BKP-006', 'OOB-BKP-007', 'OOB-BKP-010', 'OOB-DNS-001', 'OOB-DNS-002',
    'OOB-DNS-003', 'OOB-DNS-004', 'OOB-DNS-008', 'OOB-ISO-001', 'OOB-ISO-003', 'OOB-ISO-004', 'OOB-SEC-002', 'OOB-SEC-003',
    'ZT-ENC-003', 'ZT-ENC-004', 'ZT-ENC-005', 'ZT-ENC-006', 'ZT-ENC-007', 'ZT-HOST-004', 'ZT-HOST-006', 'ZT-IAM-001',
    'ZT-IAM-002', 'ZT-IAM-003', 'ZT-IAM-004', 'ZT-IAM-006', 'ZT-MFA-004', 'ZT-MON-001', 'ZT-MON-003', 'ZT-MON-008',
    'ZT-NET-003', 'ZT-NET-004', 'ZT-NET-008', 'ZT-NET-009', 'ZT-NET-010',
  ],
  'azure/insecure': [
    'OOB-AC-004', 'OOB-BKP-004', 'OOB-BKP-005', 'OOB-BKP-006', 'OOB-BKP-008', 'OOB-DNS-005', 'OOB-DNS-006', 'OOB-DNS-007',
    'OOB-DNS-008', 'OOB-ISO-002', 'OOB-ISO-003', 'OOB-ISO-004', 'OOB-SEC-002', 'OOB-SEC-003', 'ZT-ENC-003', 'ZT-ENC-004',
    'ZT-ENC-005', 'ZT-ENC-006', 'ZT-ENC-007', 'ZT-HOST-004', 'ZT-HOST-006', 'ZT-IAM-005', 'ZT-MFA-002', 'ZT-MON-002',
    'ZT-MON-004', 'ZT-MON-008', 'ZT-NET-003', 'ZT-NET-004', 'ZT-NET-008', 'ZT-NET-009', 'ZT-NET-010',
  ],
};

describe.each(['aws', 'azure'])('%s example', (cloud) => {
  const hardened = `${cloud}/hardened`;
  const insecure = `${cloud}/insecure`;

  it('hardened: every applicable rule passes, nothing is unknown or in error, every input is read', async () => {
    const report = await scan(hardened);
    const open = report.findings.filter((f) => f.status !== 'pass' && f.status !== 'waived' && !isAccepted(hardened, f));
    expect(open.map(describeFinding)).toEqual([]);
    expect(report.diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.message)).toEqual([]);
    expect(report.summary.inputs.skipped + report.summary.inputs.error).toBe(0);
    if ((ACCEPTED[hardened] ?? []).length === 0) expect(report.exitCode).toBe(0);
    // Only the waivers the example's .oobguard.yaml records, each with its reason and owner.
    const waived = report.findings.filter((f) => f.status === 'waived');
    expect([...new Set(waived.map((f) => f.ruleId))].sort()).toEqual(cloud === 'azure' ? ['OOB-SEC-002.postgres-password', 'ZT-IAM-005.federated-client-id'] : []);
    for (const f of waived) expect(f.waiver).toMatchObject({ owner: 'oob-platform@example.org', origin: 'config' });
    // Every accepted exception still occurs (an entry that no longer matches must be removed).
    for (const a of ACCEPTED[hardened] ?? []) {
      expect(report.findings.some((f) => f.ruleId === a.ruleId && f.status === a.status && f.objectId === `tf/${a.address}`), `${a.ruleId} on ${a.address} no longer ${a.status}: drop it from ACCEPTED`).toBe(true);
    }
  });

  it('hardened: the Terraform is read and judged, control by control', async () => {
    const report = await scan(hardened);
    const passing = report.findings.filter((f) => f.status === 'pass' && fromTerraform(f));
    const missing = HARDENED_TERRAFORM_CONTROLS[hardened]!.filter((c) => !passing.some((f) => ofControl(f.ruleId, c)));
    expect(missing, 'controls with no passing Terraform finding').toEqual([]);
  });

  it('insecure: the key controls fail, at the Terraform that breaks them', async () => {
    const report = await scan(insecure);
    const failing = report.findings.filter((f) => f.status === 'fail' && fromTerraform(f));
    const missing = INSECURE_TERRAFORM_CONTROLS[insecure]!.filter((c) => !failing.some((f) => ofControl(f.ruleId, c)));
    expect(missing, 'controls with no failing Terraform finding').toEqual([]);
    for (const f of failing) expect(f.location?.file ?? '').toMatch(new RegExp(`^examples/${insecure}/terraform/.+\\.tf$`));
    expect(report.exitCode).not.toBe(0);
  });
});
