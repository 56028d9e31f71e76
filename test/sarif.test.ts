/**
 * The SARIF reporter, end to end: real inputs through the real collectors, engine and locator
 * (scanFiles), the built-in ZT-MFA-001 rule, then the OASIS schema and Microsoft's validator with
 * the GitHub rules. What a user uploading to GitHub code scanning would notice is asserted here.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv04Module from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { MAX_RESULTS, renderSarif } from '../reporters/sarif.ts';
import type { Report } from '../src/engine/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { run as runScan } from '../src/run.ts';
import { FIXED_NOW, scanFiles, withFiles } from './helpers/scan.ts';
import { validateWithMultitool } from './helpers/sarif-multitool.ts';

// ajv-draft-04 is CommonJS: its default import is `module.exports`, whose `.default` is the class.
const Ajv04 = Ajv04Module.default;

// ── the SARIF shape, as far as these tests read it ────────────────────────────────────────────
interface SRegion { startLine: number; startColumn?: number; endLine?: number; endColumn?: number }
interface SLocation {
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: SRegion };
  logicalLocations?: { fullyQualifiedName: string }[];
}
interface SRule { id: string; name: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; defaultConfiguration: { level: string }; properties: { tags: string[]; precision: string; 'security-severity'?: string } }
interface SResult { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: SLocation[]; partialFingerprints: Record<string, string>; properties: { controlId: string; objectId: string; status: string } }
interface SNotification { level: string; message: { text: string }; descriptor: { id: string }; locations?: SLocation[] }
interface SRun {
  tool: { driver: { name: string; version: string; informationUri: string; rules: SRule[] } };
  automationDetails: { id: string };
  originalUriBaseIds: Record<string, unknown>;
  invocations: { executionSuccessful: boolean; toolExecutionNotifications: SNotification[] }[];
  results: SResult[];
}
interface SLog { $schema: string; version: string; runs: SRun[] }

// ── the OASIS schema (draft-04), from the repository copy ─────────────────────────────────────
const sarifSchema = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'schemas/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
const ajv = new Ajv04({ allErrors: true, strict: false });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/'));
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
const validateSarif = ajv.compile(sarifSchema);

function schemaErrors(log: unknown): string[] {
  return validateSarif(log) ? [] : (validateSarif.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

function sarifOf(report: Report, category?: string): { text: string; log: SLog } {
  const text = renderSarif(report, category === undefined ? {} : { category });
  return { text, log: JSON.parse(text) as SLog };
}

function mfaResults(log: SLog): SResult[] {
  return log.runs.flatMap((r) => r.results).filter((r) => r.ruleId.startsWith('ZT-MFA-001'));
}

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not in text`);
  return i + 1;
}

// ── inputs ─────────────────────────────────────────────────────────────────────────────────────
const MFA_NOT_ENFORCED = `{
  "ServiceSettings": {
    "SiteURL": "https://chat.oob.example.org",
    "EnableMultifactorAuthentication": true,
    "EnforceMultifactorAuthentication": false
  },
  "SqlSettings": {
    "DriverName": "postgres",
    "DataSource": "postgres://mmuser:Sup3rS3cretDbPassw0rd@db.oob.internal:5432/mattermost?sslmode=require"
  }
}
`;

const MFA_KEYS_ABSENT = `{
  "ServiceSettings": {"SiteURL": "https://chat.oob.example.org"},
  "SqlSettings": {"DriverName": "postgres"}
}
`;

const OPERATOR_CR = `apiVersion: installation.mattermost.com/v1beta1
kind: Mattermost
metadata:
  name: mm
  namespace: mattermost
spec:
  version: 10.5.1
`;

const BROKEN_YAML = `apiVersion: v1
kind: ConfigMap
metadata: {name: broken
data:
  a: b
`;

// A failing config next to an unparseable file; and, separately (a config.json beside an operator
// CR would be merged into that installation), an operator-managed installation with no exported
// config, which ZT-MFA-001 cannot judge.
const mixed = await scanFiles({ 'deploy/mattermost/config.json': MFA_NOT_ENFORCED, 'deploy/broken.yaml': BROKEN_YAML });
const mixedSarif = sarifOf(mixed.report);
const operator = await scanFiles({ 'deploy/operator/mattermost.yaml': OPERATOR_CR });
const operatorSarif = sarifOf(operator.report);

describe('SARIF validity', () => {
  it('the scans really produced a failure, a parse error and an unknown for ZT-MFA-001 (precondition)', () => {
    expect(mixed.report.findings.filter((f) => f.ruleId === 'ZT-MFA-001').map((f) => f.status)).toEqual(['fail']);
    expect(operator.report.findings.filter((f) => f.ruleId === 'ZT-MFA-001').map((f) => f.status)).toEqual(['unknown']);
    expect(mixed.report.diagnostics.some((d) => d.code === 'input/parse' && d.file === 'deploy/broken.yaml')).toBe(true);
  });

  it('validates against the OASIS SARIF 2.1.0 schema', () => {
    expect(schemaErrors(mixedSarif.log)).toEqual([]);
    expect(schemaErrors(operatorSarif.log)).toEqual([]);
  });

  it('the schema check catches an invalid level (so a pass above means something)', () => {
    const broken = JSON.parse(mixedSarif.text) as SLog;
    broken.runs[0]!.results[0]!.level = 'critical';
    expect(schemaErrors(broken).length).toBeGreaterThan(0);
  });

  it.each([['failure + parse error', () => mixedSarif.text], ['unknown', () => operatorSarif.text]])(
    'Microsoft sarif-multitool (Sarif;Ghas + GH1001–GH1007) reports no errors and no warnings: %s',
    async (_name, text) => {
      const out = await validateWithMultitool(text());
      expect(out.errors.map((e) => `${e.ruleId}: ${e.message}`)).toEqual([]);
      expect(out.warnings.map((e) => `${e.ruleId}: ${e.message}`)).toEqual([]);
    },
  );

  it('the multitool with the GitHub rules rejects what GitHub rejects (no location, non-file URI)', async () => {
    const broken = JSON.parse(mixedSarif.text) as SLog;
    const [first] = broken.runs[0]!.results;
    broken.runs[0]!.results.push({ ...first!, locations: [] });
    broken.runs[0]!.results.push({ ...first!, locations: [{ physicalLocation: { artifactLocation: { uri: 'arn:aws:s3:::oob-backups' }, region: { startLine: 1 } } }] });
    const out = await validateWithMultitool(JSON.stringify(broken));
    const ids = new Set(out.errors.map((e) => e.ruleId));
    expect(ids.has('GH1001'), out.console).toBe(true);
    expect(ids.has('GH1005'), out.console).toBe(true);
  });
});

describe('SARIF content GitHub shows', () => {
  const run = mixedSarif.log.runs[0]!;

  it('one run for files, tool oobguard with version and information URI, default category oobguard/', () => {
    expect(mixedSarif.log.version).toBe('2.1.0');
    expect(mixedSarif.log.$schema).toMatch(/sarif-2\.1\.0\.json$/);
    expect(mixedSarif.log.runs).toHaveLength(1);
    expect(run.tool.driver.name).toBe('oobguard');
    expect(run.tool.driver.version).toBe(mixed.report.tool.version);
    expect(run.tool.driver.informationUri).toBe(mixed.report.tool.informationUri);
    expect(run.automationDetails.id).toBe('oobguard/');
    expect(Object.keys(run.originalUriBaseIds)).toEqual(['%SRCROOT%']);
  });

  it('a category becomes automationDetails.id, always ending in "/" so GitHub reads it as a category', () => {
    expect(sarifOf(mixed.report, 'oobguard/k8s').log.runs[0]!.automationDetails.id).toBe('oobguard/k8s/');
    expect(sarifOf(mixed.report, 'prod/').log.runs[0]!.automationDetails.id).toBe('prod/');
  });

  it('a failing rule is described for GitHub: name, descriptions, help with remediation, frameworks and docs link, severity', () => {
    const rule = run.tool.driver.rules.find((r) => r.id === 'ZT-MFA-001')!;
    const meta = mixed.report.rules.find((r) => r.id === 'ZT-MFA-001')!;
    expect(rule.name).toBe('MattermostMfaEnforced');
    expect(rule.shortDescription.text).toBe(meta.title);
    expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription.text).toContain('Multi-factor authentication');
    expect(rule.help.markdown).toContain('EnforceMultifactorAuthentication');
    expect(rule.help.markdown).toContain(meta.references[0]);
    for (const fw of [...meta.frameworks.tenets, ...meta.frameworks.nist, ...meta.frameworks.cisa]) expect(rule.help.markdown).toContain(fw);
    expect(rule.help.markdown).toMatch(/\(https:\/\/\S+\/docs\/rules\/ZT-MFA-001\.md\)/);
    expect(rule.help.text).toContain('docs/rules/ZT-MFA-001.md');
    expect(rule.defaultConfiguration.level).toBe('error');
    expect(rule.properties['security-severity']).toBe('9.5');
    expect(rule.properties.precision).toBe(meta.precision);
    expect(rule.properties.tags).toEqual(expect.arrayContaining(['security', 'ZT-MFA-001']));
    expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
  });

  it('a failure is an error-level result on the offending key, with object identity and our fingerprint', () => {
    const fail = run.results.find((r) => r.ruleId === 'ZT-MFA-001')!;
    const finding = mixed.report.findings.find((f) => f.ruleId === 'ZT-MFA-001' && f.status === 'fail')!;
    expect(fail.level).toBe('error');
    expect(run.tool.driver.rules[fail.ruleIndex]!.id).toBe('ZT-MFA-001');
    expect(fail.message.text).toContain('EnforceMultifactorAuthentication is false');
    expect(fail.message.text).toContain('MattermostConfig deploy/mattermost/config.json');
    expect(fail.locations).toHaveLength(1);
    const loc = fail.locations[0]!.physicalLocation;
    expect(loc.artifactLocation).toEqual({ uri: 'deploy/mattermost/config.json', uriBaseId: '%SRCROOT%' });
    expect(loc.region.startLine).toBe(lineOf(MFA_NOT_ENFORCED, '"EnforceMultifactorAuthentication"'));
    expect(loc.region.startColumn).toBe(MFA_NOT_ENFORCED.split('\n')[loc.region.startLine - 1]!.indexOf('"Enforce') + 1);
    expect(fail.locations[0]!.logicalLocations?.[0]?.fullyQualifiedName).toBe(finding.objectId);
    expect(fail.partialFingerprints).toEqual({ 'oobguard/v1': finding.fingerprint });
    expect(fail.properties).toMatchObject({ controlId: 'ZT-MFA-001', objectId: finding.objectId, status: 'fail' });
  });

  it('an unknown is a note of a separate "not-evaluated" rule with no security severity, and says why', () => {
    const orun = operatorSarif.log.runs[0]!;
    const unknown = orun.results.find((r) => r.ruleId.startsWith('ZT-MFA-001'))!;
    const finding = operator.report.findings.find((f) => f.ruleId === 'ZT-MFA-001' && f.status === 'unknown')!;
    expect(unknown.level).toBe('note');
    expect(unknown.ruleId).toBe('ZT-MFA-001/not-evaluated');
    expect(unknown.message.text).toMatch(/could not be evaluated/i);
    for (const reason of finding.reasons ?? []) expect(unknown.message.text).toContain(reason);
    expect(unknown.message.text).toContain('Mattermost mattermost/mm');
    expect(unknown.locations[0]!.physicalLocation.artifactLocation.uri).toBe('deploy/operator/mattermost.yaml');
    const rule = orun.tool.driver.rules[unknown.ruleIndex]!;
    expect(rule.id).toBe('ZT-MFA-001/not-evaluated');
    expect(rule.properties['security-severity']).toBeUndefined();
    expect(rule.properties.tags).not.toContain('security');
    expect(rule.defaultConfiguration.level).toBe('note');
  });

  it('a finding in Helm output names the template it was rendered from', async () => {
    const helm = `---\n# Source: oob-mattermost/templates/mattermost.yaml\n${OPERATOR_CR}`;
    const { report } = await scanFiles({ 'rendered/all.yaml': helm });
    const finding = report.findings.find((f) => f.ruleId === 'ZT-MFA-001')!;
    expect(finding.location?.template ?? finding.source.template).toBe('oob-mattermost/templates/mattermost.yaml');
    const [r] = mfaResults(sarifOf(report).log);
    expect(r?.message.text).toContain('rendered from oob-mattermost/templates/mattermost.yaml');
    expect(r?.locations[0]!.physicalLocation.artifactLocation.uri).toBe('rendered/all.yaml');
  });

  it('a rule that fails to evaluate is a warning of the not-evaluated rule, with the evaluation error', async () => {
    const rule = `id: ACME-CFG-001
slug: acme-site-url-https
title: Site URL uses HTTPS
description: A user rule whose expression reads a key that does not exist, so evaluation fails.
severity: high
target: mattermost.configs
assert: object.settings.NoSuchSection.NoSuchKey == true
message: never shown
remediation: Fix the rule.
examples:
  pass: [{name: unused, files: {config.json: '{}'}}]
  fail: [{name: unused, files: {config.json: '{}'}}]
`;
    const { report } = await scanFiles(
      { 'config.json': MFA_KEYS_ABSENT, 'policy/acme-site-url-https.yaml': rule },
      { builtinRules: false, rulesDirs: ['policy'], exclude: ['policy/**'] },
    );
    const finding = report.findings.find((f) => f.ruleId === 'ACME-CFG-001');
    expect(finding?.status).toBe('error');
    const { log } = sarifOf(report);
    const r = log.runs[0]!.results.find((x) => x.ruleId === 'ACME-CFG-001/not-evaluated')!;
    expect(r.level).toBe('warning');
    expect(r.message.text).toMatch(/could not be evaluated \(rule evaluation error\)/i);
    for (const reason of finding?.reasons ?? []) expect(r.message.text).toContain(reason);
    const descriptor = log.runs[0]!.tool.driver.rules[r.ruleIndex]!;
    expect(descriptor.properties['security-severity']).toBeUndefined();
    expect(descriptor.help.markdown).not.toContain('docs/rules/'); // a user rule has no page in oobguard's docs
    expect(schemaErrors(log)).toEqual([]);
  });

  it('an unparseable input is an error notification located at its file, and the run is marked unsuccessful', () => {
    const inv = run.invocations[0]!;
    expect(inv.executionSuccessful).toBe(false);
    const n = inv.toolExecutionNotifications.find((x) => x.descriptor.id === 'input/parse')!;
    expect(n.level).toBe('error');
    expect(n.locations?.[0]?.physicalLocation.artifactLocation.uri).toBe('deploy/broken.yaml');
    expect(n.locations?.[0]?.physicalLocation.region.startLine).toBeGreaterThan(0);
  });

  it('every result has exactly one repo-relative location and a rule index that points at its rule', () => {
    for (const r of [run, operatorSarif.log.runs[0]!]) {
      for (const res of r.results) {
        expect(res.locations).toHaveLength(1);
        const uri = res.locations[0]!.physicalLocation.artifactLocation.uri;
        expect(uri).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
        expect(uri.startsWith('/')).toBe(false);
        expect(res.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
        expect(r.tool.driver.rules[res.ruleIndex]!.id).toBe(res.ruleId);
      }
    }
  });

  it('no secret value from the inputs appears in the SARIF', () => {
    expect(mixedSarif.text).not.toContain('Sup3rS3cretDbPassw0rd');
  });
});

describe('what is left out', () => {
  it('waived findings are absent (GitHub would show them as open alerts); the unwaived one stays', async () => {
    const { report } = await scanFiles(
      { 'a/config.json': MFA_KEYS_ABSENT, 'b/config.json': MFA_KEYS_ABSENT },
      { configData: { waivers: [{ rule: 'ZT-MFA-001', resource: 'mattermost/config/a/config.json', reason: 'SSO-only installation, MFA at the IdP', owner: 'secops' }] } },
    );
    const waived = report.findings.filter((f) => f.ruleId === 'ZT-MFA-001' && f.status === 'waived');
    expect(waived.map((f) => f.objectId)).toEqual(['mattermost/config/a/config.json']);
    const { log } = sarifOf(report);
    const results = mfaResults(log);
    expect(results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(['b/config.json']);
    expect(JSON.stringify(log)).not.toContain(waived[0]!.fingerprint);
    expect(JSON.stringify(log)).not.toContain('"suppressions"');
  });

  it('passing findings are absent, and a rule that only passed is not listed', async () => {
    const { report } = await scanFiles({
      'config.json': '{"ServiceSettings": {"EnableMultifactorAuthentication": true, "EnforceMultifactorAuthentication": true}, "SqlSettings": {"DriverName": "postgres"}}\n',
    });
    expect(report.findings.some((f) => f.ruleId === 'ZT-MFA-001' && f.status === 'pass')).toBe(true);
    const { log } = sarifOf(report);
    expect(mfaResults(log)).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules.map((r) => r.id)).not.toContain('ZT-MFA-001');
    expect(schemaErrors(log)).toEqual([]);
  });
});

describe('stable identity and locations', () => {
  it('a fingerprint survives blank lines and unrelated keys inserted above the finding; the line follows the key', async () => {
    const moved = `\n\n{\n  "TeamSettings": {\n    "SiteName": "OOB"\n  },\n\n${MFA_NOT_ENFORCED.slice(2)}`;
    const before = mfaResults(sarifOf((await scanFiles({ 'config.json': MFA_NOT_ENFORCED })).report).log);
    const after = mfaResults(sarifOf((await scanFiles({ 'config.json': moved })).report).log);
    expect(before).toHaveLength(1);
    expect(after).toHaveLength(1);
    const [b, a] = [before[0]!, after[0]!];
    expect(a.partialFingerprints).toEqual(b.partialFingerprints);
    expect(a.locations[0]!.physicalLocation.region.startLine).toBe(lineOf(moved, '"EnforceMultifactorAuthentication"'));
    expect(a.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(b.locations[0]!.physicalLocation.region.startLine);
  });

  it('an unknown result keeps its fingerprint when comments and blank lines are added to the YAML', async () => {
    const commented = `# Operator-managed Mattermost for the OOB environment\n\n# owner: secops\n${OPERATOR_CR}`;
    const before = mfaResults(sarifOf((await scanFiles({ 'mm.yaml': OPERATOR_CR })).report).log);
    const after = mfaResults(sarifOf((await scanFiles({ 'mm.yaml': commented })).report).log);
    expect(before.map((r) => r.properties.status)).toEqual(['unknown']);
    expect(after.map((r) => r.partialFingerprints)).toEqual(before.map((r) => r.partialFingerprints));
    expect(after[0]!.locations[0]!.physicalLocation.region.startLine).toBeGreaterThan(before[0]!.locations[0]!.physicalLocation.region.startLine);
  });

  it('a missing key is reported on one line, where its parent starts, so GitHub can show it in a pull request', async () => {
    const text = `{\n  "ServiceSettings": {\n    "SiteURL": "https://chat.oob.example.org",\n    "ListenAddress": ":8065"\n  },\n  "SqlSettings": {"DriverName": "postgres"}\n}\n`;
    const { report } = await scanFiles({ 'config.json': text });
    const finding = report.findings.find((f) => f.ruleId === 'ZT-MFA-001' && f.status === 'fail')!;
    expect(finding.location!.endLine).toBeGreaterThan(finding.location!.startLine); // the locator spans the object
    const region = mfaResults(sarifOf(report).log)[0]!.locations[0]!.physicalLocation.region;
    expect(region.startLine).toBe(lineOf(text, '"ServiceSettings"'));
    expect(region.endLine ?? region.startLine).toBe(region.startLine);
  });

  it('a scan of stdin yields a stable relative placeholder URI that validates', async () => {
    const { report } = await scanFiles({}, { paths: ['-'], stdin: () => Promise.resolve(new TextEncoder().encode(MFA_KEYS_ABSENT)) });
    expect(report.findings.some((f) => f.ruleId === 'ZT-MFA-001' && f.status === 'fail' && f.source.file === '-')).toBe(true);
    const { log, text } = sarifOf(report);
    const [r] = mfaResults(log);
    expect(r?.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'stdin.yaml', uriBaseId: '%SRCROOT%' });
    expect(r?.locations[0]!.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    expect(schemaErrors(log)).toEqual([]);
    const out = await validateWithMultitool(text);
    expect(out.errors.map((e) => `${e.ruleId}: ${e.message}`)).toEqual([]);
  });
});

describe('paths that are not plain repo-relative files', () => {
  it('absolute input paths become repo-relative when the repository root is given, file:// URIs otherwise', async () => {
    // A repository scanned from outside it: the collector reports paths outside cwd as absolute.
    await withFiles({ 'repo/k8s/mm prod/config.json': MFA_KEYS_ABSENT, 'elsewhere/README': 'x' }, async (dir) => {
      const repo = path.join(dir, 'repo');
      const { report } = await runScan({ cwd: path.join(dir, 'elsewhere'), paths: [repo], now: FIXED_NOW });
      expect(report.findings.some((f) => f.status === 'fail' && path.isAbsolute(f.location?.file ?? ''))).toBe(true);
      const rooted = JSON.parse(renderSarif(report, { srcRoot: repo })) as SLog;
      const [r] = mfaResults(rooted);
      expect(r?.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: 'k8s/mm%20prod/config.json', uriBaseId: '%SRCROOT%' });
      expect(schemaErrors(rooted)).toEqual([]);
      const out = await validateWithMultitool(JSON.stringify(rooted));
      expect(out.errors.map((e) => `${e.ruleId}: ${e.message}`)).toEqual([]);
      const unrooted = JSON.parse(renderSarif(report)) as SLog;
      expect(mfaResults(unrooted)[0]?.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/^file:\/\/\/.+\/k8s\/mm%20prod\/config\.json$/);
      expect(schemaErrors(unrooted)).toEqual([]);
    });
  });

  it('a finding about a live object (no file) goes to its own run and category with a synthetic relative path', async () => {
    const { report } = await scanFiles({ 'config.json': MFA_KEYS_ABSENT });
    const fail = report.findings.find((f) => f.ruleId === 'ZT-MFA-001' && f.status === 'fail')!;
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:mattermost-config';
    const { location: _dropped, ...rest } = fail;
    const live = { ...rest, objectId: `aws/${arn}`, fingerprint: 'live-fingerprint', source: { file: arn, line: 1, ref: arn } };
    const { log, text } = sarifOf({ ...report, findings: [...report.findings, live] }, 'prod');
    expect(log.runs.map((r) => r.automationDetails.id)).toEqual(['prod/', 'prod/live/']);
    const liveResults = log.runs[1]!.results;
    expect(liveResults).toHaveLength(1);
    const loc = liveResults[0]!.locations[0]!;
    expect(loc.physicalLocation.artifactLocation.uri).not.toMatch(/^[a-z][a-z0-9+.-]*:/i);
    expect(loc.logicalLocations?.[0]?.fullyQualifiedName).toBe(`aws/${arn}`);
    expect(liveResults[0]!.message.text).toContain(arn);
    expect(log.runs[0]!.results.filter((r) => r.ruleId === 'ZT-MFA-001').map((r) => r.partialFingerprints['oobguard/v1'])).toEqual([fail.fingerprint]);
    expect(schemaErrors(log)).toEqual([]);
    const out = await validateWithMultitool(text);
    expect(out.errors.map((e) => `${e.ruleId}: ${e.message}`)).toEqual([]);
  });
});

describe('GitHub limits', () => {
  it('more results than GitHub accepts per run: failures are kept first and a warning says how many were left out', async () => {
    const { report } = await scanFiles({ 'config.json': MFA_KEYS_ABSENT });
    const fail = report.findings.find((f) => f.ruleId === 'ZT-MFA-001' && f.status === 'fail')!;
    const many = Array.from({ length: MAX_RESULTS - 1 }, (_v, i) => ({ ...fail, objectId: `${fail.objectId}#${i}`, fingerprint: `f${i}` }));
    const unknowns = Array.from({ length: 3 }, (_v, i) => ({ ...fail, status: 'unknown' as const, reasons: ['not among the inputs'], fingerprint: `u${i}` }));
    const { log } = sarifOf({ ...report, findings: [...unknowns, ...many] });
    const results = log.runs[0]!.results;
    expect(results).toHaveLength(MAX_RESULTS);
    expect(results.filter((r) => r.properties.status === 'fail')).toHaveLength(MAX_RESULTS - 1);
    expect(results.filter((r) => r.properties.status === 'unknown').map((r) => r.partialFingerprints['oobguard/v1'])).toEqual(['u0']);
    const note = log.runs[0]!.invocations[0]!.toolExecutionNotifications.find((n) => n.descriptor.id === 'sarif/truncated');
    expect(note?.level).toBe('warning');
    expect(note?.message.text).toContain(`2 of ${MAX_RESULTS + 2} results were left out`);
    expect(schemaErrors(log)).toEqual([]);
  });

  it('a rule with many framework placements still has at most 20 tags', async () => {
    const { report } = await scanFiles({ 'config.json': MFA_KEYS_ABSENT });
    const rules = report.rules.map((r) => r.id === 'ZT-MFA-001'
      ? { ...r, frameworks: { ...r.frameworks, tenets: Array.from({ length: 30 }, (_v, i) => `Tenet number ${i}`) } }
      : r);
    const { log } = sarifOf({ ...report, rules });
    const rule = log.runs[0]!.tool.driver.rules.find((r) => r.id === 'ZT-MFA-001')!;
    expect(rule.properties.tags).toHaveLength(20);
    expect(rule.properties.tags.slice(0, 2)).toEqual(['security', 'oobguard']);
  });
});
