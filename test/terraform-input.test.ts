/**
 * Terraform inputs a user gets wrong: syntax errors, unsupported plan versions, oversized plans,
 * module sources outside the scanned tree. Each gives one clear message naming the file, the
 * rest is still scanned, and the exit code is 2. Plus variables: tfvars precedence, --var-file,
 * unresolvable values stay unknown.
 */
import { describe, expect, it } from 'vitest';
import { scanFiles } from './helpers/scan.ts';

const goodBucket = `resource "aws_s3_bucket" "ok" {
  bucket = "oob-good"
}
`;

describe('bad Terraform input', () => {
  it('an HCL syntax error names the file and line; other files are still scanned; exit 2', async () => {
    const { report, snapshot } = await scanFiles({
      'broken/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = \n}\n',
      'good/main.tf': goodBucket,
    });
    const errs = report.diagnostics.filter((d) => d.severity === 'error');
    expect(errs).toHaveLength(1);
    expect(errs[0]!.message).toMatch(/^broken\/main\.tf:2: invalid HCL: /);
    expect(snapshot.aws.s3.buckets.map((b) => b.bucket)).toEqual(['oob-good']);
    expect(report.inputs.find((i) => i.file === 'broken/main.tf')?.status).toBe('error');
    expect(report.exitCode).toBe(2);
  });

  it('an unsupported plan format version is refused with the version named; exit 2', async () => {
    const plan = JSON.stringify({ format_version: '2.0', terraform_version: '2.1.0', planned_values: { root_module: { resources: [] } } });
    const { report, snapshot } = await scanFiles({ 'plan.json': plan, 'good/main.tf': goodBucket });
    const errs = report.diagnostics.filter((d) => d.severity === 'error');
    expect(errs.map((d) => d.message).join('\n')).toMatch(/plan\.json.*2\.0/);
    expect(snapshot.aws.s3.buckets).toHaveLength(1);
    expect(report.exitCode).toBe(2);
  });

  it('a plan larger than --max-plan-mb is refused with a hint, not parsed; exit 2', async () => {
    const resources = Array.from({ length: 3000 }, (_, i) => ({ address: `aws_s3_bucket.b${i}`, mode: 'managed', type: 'aws_s3_bucket', name: `b${i}`, provider_name: 'registry.terraform.io/hashicorp/aws', values: { bucket: `b-${i}`, padding: 'x'.repeat(400) } }));
    const plan = JSON.stringify({ format_version: '1.2', terraform_version: '1.9.8', planned_values: { root_module: { resources } } });
    expect(plan.length).toBeGreaterThan(1024 * 1024);
    const { report, snapshot } = await scanFiles({ 'big/plan.json': plan, 'good/main.tf': goodBucket }, { maxPlanMb: 1 });
    const err = report.diagnostics.find((d) => d.code === 'input/too-large');
    expect(err?.message).toMatch(/^big\/plan\.json: Terraform plan of \d+ MB is larger than the 1 MB limit/);
    expect(err?.hint).toContain('--max-plan-mb');
    expect(snapshot.aws.s3.buckets.map((b) => b.bucket)).toEqual(['oob-good']);
    expect(report.exitCode).toBe(2);
    // The same plan under the default limit is read.
    const ok = await scanFiles({ 'big/plan.json': plan });
    expect(ok.snapshot.aws.s3.buckets).toHaveLength(3000);
  });

  it('a local module source outside the scanned tree is named as not scanned; exit 2', async () => {
    const { report, snapshot } = await scanFiles({
      'live/main.tf': `module "net" {\n  source = "../../shared-modules/network"\n}\n${goodBucket}`,
    });
    const err = report.diagnostics.find((d) => d.severity === 'error');
    expect(err?.message).toMatch(/^live\/main\.tf:1: module "net" source \.\.\/\.\.\/shared-modules\/network .* is not among the scanned files/);
    expect(snapshot.aws.s3.buckets).toHaveLength(1);
    expect(report.exitCode).toBe(2);
  });

  it('a registry module is a note (not followed, plan suggested), not an error', async () => {
    const { report } = await scanFiles({ 'main.tf': `module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.8.1"\n}\n${goodBucket}` });
    const note = report.diagnostics.find((d) => d.code === 'input/skipped');
    expect(note?.severity).toBe('note');
    expect(note?.message).toContain('module "vpc" comes from terraform-aws-modules/vpc/aws');
    expect(note?.hint).toContain('terraform show -json');
  });
});

describe('Terraform variables', () => {
  const main = `variable "name" {
  default = "from-default"
}
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
`;
  it('defaults < terraform.tfvars < *.auto.tfvars < --var-file', async () => {
    const names = async (files: Record<string, string>, varFiles?: string[]) =>
      (await scanFiles(files, varFiles ? { varFiles } : {})).snapshot.aws.s3.buckets.map((b) => b.bucket);
    expect(await names({ 'main.tf': main })).toEqual(['from-default']);
    expect(await names({ 'main.tf': main, 'terraform.tfvars': 'name = "from-tfvars"\n' })).toEqual(['from-tfvars']);
    expect(await names({ 'main.tf': main, 'terraform.tfvars': 'name = "from-tfvars"\n', 'z.auto.tfvars': 'name = "from-auto"\n' })).toEqual(['from-auto']);
    expect(await names({ 'main.tf': main, 'terraform.tfvars': 'name = "from-tfvars"\n', 'ci/prod.tfvars.json': '{"name": "from-var-file"}' }, ['ci/prod.tfvars.json'])).toEqual(['from-var-file']);
  });

  it('a variable without any value leaves the attribute unknown, with the reason', async () => {
    const { snapshot } = await scanFiles({ 'main.tf': 'variable "name" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\n' });
    const b = snapshot.aws.s3.buckets[0]!;
    expect(b.bucket).toBe('');
    expect(Object.values(b.unknown ?? {}).join(' ')).toMatch(/var\.name|variable/);
  });

  it('count = 0 disables a resource; a module passes variables down', async () => {
    const { snapshot } = await scanFiles({
      'root/main.tf': 'module "data" {\n  source = "../modules/data"\n  prefix = "oob"\n}\nresource "aws_s3_bucket" "off" {\n  count  = 0\n  bucket = "never"\n}\n',
      'modules/data/main.tf': 'variable "prefix" {}\nresource "aws_s3_bucket" "b" {\n  bucket = "${var.prefix}-backups"\n}\n',
    });
    expect(snapshot.aws.s3.buckets.map((b) => [b.address, b.bucket])).toEqual([['module.data.aws_s3_bucket.b', 'oob-backups']]);
    expect(snapshot.aws.s3.buckets[0]!.source).toMatchObject({ file: 'modules/data/main.tf', line: 2 });
  });
});

describe('plan and configuration together', () => {
  const tf = 'resource "aws_s3_bucket" "backups" {\n  bucket = "oob-backups"\n}\n\nresource "aws_s3_bucket_versioning" "backups" {\n  bucket = aws_s3_bucket.backups.id\n  versioning_configuration {\n    status = "Suspended"\n  }\n}\n';
  const plan = JSON.stringify({
    format_version: '1.2', terraform_version: '1.9.8',
    planned_values: { root_module: { resources: [
      { address: 'aws_s3_bucket.backups', mode: 'managed', type: 'aws_s3_bucket', name: 'backups', provider_name: 'registry.terraform.io/hashicorp/aws', values: { bucket: 'oob-backups' }, sensitive_values: {} },
      { address: 'aws_s3_bucket_versioning.backups', mode: 'managed', type: 'aws_s3_bucket_versioning', name: 'backups', provider_name: 'registry.terraform.io/hashicorp/aws', values: { bucket: 'oob-backups', versioning_configuration: [{ status: 'Suspended', mfa_delete: null }] }, sensitive_values: {} },
    ] } },
    resource_changes: [],
    configuration: { root_module: { resources: [
      { address: 'aws_s3_bucket_versioning.backups', mode: 'managed', type: 'aws_s3_bucket_versioning', name: 'backups', expressions: { bucket: { references: ['aws_s3_bucket.backups.id', 'aws_s3_bucket.backups'] } } },
    ] } },
  }, null, 2);

  it('judges each resource once, from the plan, and points at the .tf line', async () => {
    const { report, snapshot } = await scanFiles({ 'infra/main.tf': tf, 'infra/plan.json': plan });
    expect(snapshot.aws.s3.buckets).toHaveLength(1);
    expect(snapshot.aws.s3.buckets[0]!.origin).toBe('terraform-plan');
    const f = report.findings.find((x) => x.ruleId === 'OOB-BKP-004.s3' && x.status === 'fail');
    expect(f?.location).toMatchObject({ file: 'infra/main.tf', startLine: 8 });
  });

  it('without the configuration, findings point at the plan file', async () => {
    const { report } = await scanFiles({ 'plan.json': plan });
    const f = report.findings.find((x) => x.ruleId === 'OOB-BKP-004.s3' && x.status === 'fail');
    expect(f?.location?.file).toBe('plan.json');
    expect(f?.location?.startLine).toBeGreaterThan(1);
  });
});
