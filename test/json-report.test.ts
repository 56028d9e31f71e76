/**
 * The JSON report (`--format json`) against its published schema, schemas/report.schema.json:
 * real reports from real scans, with every status, diagnostics and stdin, through the reporter.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { renderJson } from '../reporters/json.ts';
import { SEVERITIES, STATUSES, type Report } from '../src/engine/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { scanFiles } from './helpers/scan.ts';

const schemaText = await readFile(path.join(PACKAGE_ROOT, 'schemas/report.schema.json'), 'utf8');
const schema = JSON.parse(schemaText) as { definitions: Record<string, { enum?: unknown[]; properties?: Record<string, { enum?: unknown[] }> }> };
// strict: a typo'd keyword in the schema is a compile error, not a silently ignored constraint.
const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('uri', (s: string) => URL.canParse(s));
ajv.addFormat('date-time', (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

function errorsOf(data: unknown): string[] {
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/** The report as a consumer reads it: rendered by the JSON reporter, parsed back. */
function asJson(report: Report): Record<string, unknown> {
  return JSON.parse(renderJson(report)) as Record<string, unknown>;
}

const CONFIG_NO_MFA = `{
  "ServiceSettings": {"SiteURL": "https://chat.oob.example.org"},
  "SqlSettings": {"DriverName": "postgres", "DataSource": "postgres://mm:Hunter2-db-password@db:5432/mm"}
}
`;
const CONFIG_MFA = '{"ServiceSettings": {"EnableMultifactorAuthentication": true, "EnforceMultifactorAuthentication": true}, "SqlSettings": {"DriverName": "postgres"}}\n';
const OPERATOR_CR = `# Source: oob-mattermost/templates/mattermost.yaml
apiVersion: installation.mattermost.com/v1beta1
kind: Mattermost
metadata: {name: mm, namespace: mattermost}
spec: {version: 10.5.1}
`;
const BROKEN_RULE_FILES = {
  'policy/acme-broken-expression.yaml': `id: ACME-CFG-001
slug: acme-broken-expression
title: A user rule whose expression cannot be evaluated
description: Reads a key that does not exist.
severity: high
target: mattermost.configs
assert: object.settings.NoSuchSection.NoSuchKey == true
message: never shown
remediation: Fix the rule.
examples:
  pass: [{name: unused, files: {config.json: '{}'}}]
  fail: [{name: unused, files: {config.json: '{}'}}]
`,
};

// Every status in one scan: fail (b), waived (a), pass (c), unknown (operator CR, separate dir
// so no config.json merges into it), error (a user rule that cannot evaluate), plus a parse
// error and an unused waiver.
const everything = await scanFiles(
  {
    'a/config.json': CONFIG_NO_MFA,
    'b/config.json': CONFIG_NO_MFA,
    'c/config.json': CONFIG_MFA,
    'op/mattermost.yaml': OPERATOR_CR,
    'broken.yaml': 'kind: ConfigMap\nmetadata: {name: x\n',
    ...BROKEN_RULE_FILES,
  },
  {
    rulesDirs: ['policy'],
    exclude: ['policy/**'],
    configData: {
      waivers: [
        { rule: 'ZT-MFA-001', resource: 'mattermost/config/a/config.json', reason: 'SSO-only installation, MFA at the IdP', owner: 'secops', expires: '2099-01-01' },
        { rule: 'ZT-NET-001', reason: 'no such finding, so this waiver is unused', owner: 'secops' },
      ],
    },
  },
);

describe('JSON report schema', () => {
  it('compiles in strict mode and is itself draft-07', () => {
    expect((schema as unknown as { $schema: string }).$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(typeof validate).toBe('function');
  });

  it('the scan covers every status, diagnostics, waivers and templates (precondition)', () => {
    const statuses = new Set(everything.report.findings.map((f) => f.status));
    expect([...statuses].sort()).toEqual([...STATUSES].sort());
    expect(everything.report.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['input/parse']));
    expect(everything.report.findings.some((f) => f.waiver?.origin === 'config')).toBe(true);
    expect(everything.report.findings.some((f) => f.location?.template !== undefined)).toBe(true);
    expect(everything.report.rules.some((r) => !r.builtin)).toBe(true);
  });

  it('a real report with every status validates', () => {
    expect(errorsOf(asJson(everything.report))).toEqual([]);
  });

  it('a report of a stdin scan validates, and its input is "-"', async () => {
    const { report } = await scanFiles({}, { paths: ['-'], stdin: () => Promise.resolve(new TextEncoder().encode(CONFIG_NO_MFA)) });
    expect(report.inputs.map((i) => i.file)).toEqual(['-']);
    expect(errorsOf(asJson(report))).toEqual([]);
  });

  it('a report with no inputs at all validates', async () => {
    const { report } = await scanFiles({ 'README.md': '# nothing to scan\n' });
    expect(report.findings.filter((f) => f.status !== 'pass')).toEqual([]);
    expect(errorsOf(asJson(report))).toEqual([]);
  });

  it('the JSON report carries no secret value from the inputs', () => {
    expect(renderJson(everything.report)).not.toContain('Hunter2-db-password');
  });
});

describe('the schema rejects what a consumer could not rely on', () => {
  const base = (): Record<string, unknown> => asJson(everything.report);
  const findings = (r: Record<string, unknown>): Record<string, unknown>[] => r['findings'] as Record<string, unknown>[];

  it('an unexpected field on a finding', () => {
    const r = base();
    findings(r)[0]!['severityScore'] = 9;
    expect(errorsOf(r).join('\n')).toMatch(/additional properties/);
  });

  it('a status outside pass|fail|unknown|waived|error', () => {
    const r = base();
    findings(r)[0]!['status'] = 'skipped';
    expect(errorsOf(r).length).toBeGreaterThan(0);
  });

  it('a missing summary, or another schema version', () => {
    const r = base();
    delete r['summary'];
    expect(errorsOf(r).join('\n')).toMatch(/summary/);
    expect(errorsOf({ ...base(), schemaVersion: 2 }).length).toBeGreaterThan(0);
  });

  it('a location with a 0 line (lines are 1-based)', () => {
    const r = base();
    const f = findings(r).find((x) => x['location'] !== undefined)!;
    (f['location'] as Record<string, unknown>)['startLine'] = 0;
    expect(errorsOf(r).length).toBeGreaterThan(0);
  });
});

describe('the schema and the TypeScript types agree', () => {
  it('statuses and severities', () => {
    expect(schema.definitions['status']!.enum).toEqual([...STATUSES]);
    expect(schema.definitions['severity']!.enum).toEqual([...SEVERITIES]);
  });

  it('diagnostic codes are exactly the DiagnosticCode union of src/model/snapshot.ts', async () => {
    const src = await readFile(path.join(PACKAGE_ROOT, 'src/model/snapshot.ts'), 'utf8');
    const union = /export type DiagnosticCode =([^;]+);/.exec(src)?.[1] ?? '';
    const codes = [...union.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    expect(codes.length).toBeGreaterThan(0);
    expect([...(schema.definitions['diagnostic']!.properties!['code']!.enum ?? [])].sort()).toEqual([...codes].sort());
  });
});
