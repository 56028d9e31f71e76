/** The terminal table: what a person sees after `oobguard scan`. */
import { describe, expect, it } from 'vitest';
import { renderTable } from '../reporters/table.ts';
import { summarize } from '../src/engine/summary.ts';
import type { Finding, Report, RuleMeta, Severity, Status } from '../src/engine/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { loadRules } from '../src/run.ts';
import { scanFiles } from './helpers/scan.ts';

const { rules } = await loadRules({ cwd: PACKAGE_ROOT });
const mfa = rules.find((r) => r.meta.id === 'ZT-MFA-001');
if (!mfa) throw new Error('rule ZT-MFA-001 (rules/mattermost/mattermost-mfa-enforced.yaml) is missing');

const ESC = '\u001b';

function rule(id: string, severity: Severity): RuleMeta {
  return {
    id, controlId: id, slug: id.toLowerCase(), title: `Title of ${id}`, description: 'd', severity, defaultSeverity: severity,
    target: 'k8s.workloads', remediation: 'r', references: [], precision: 'high',
    frameworks: { tenets: [], domains: [], nist: [], cisa: [] }, file: `rules/${id}.yaml`, builtin: true,
  };
}

function finding(id: string, status: Status, severity: Severity, n: number, over: Partial<Finding> = {}): Finding {
  return {
    ruleId: id, controlId: id, status, severity, message: `${status} message ${n}`,
    objectId: `k8s/Deployment/oob/app-${n}`, objectKind: 'Deployment', objectName: `app-${n}`, namespace: 'oob',
    source: { file: `manifests/app-${n}.yaml`, line: 1 }, location: { file: `manifests/app-${n}.yaml`, startLine: 10 + n },
    fingerprint: `${id}-${n}`, ...over,
  };
}

function report(findings: Finding[]): Report {
  const ids = [...new Set(findings.map((f) => f.ruleId))];
  const { summary, exitCode } = summarize(findings, [], [], 'low', { total: ids.length });
  return {
    schemaVersion: 1, tool: { name: 'oobguard', version: '0.0.0-test', informationUri: 'https://example.org' },
    scannedAt: '2026-11-20T12:00:00.000Z', failOn: 'low', inputs: [], diagnostics: [],
    rules: ids.map((id) => rule(id, 'high')), findings, summary, exitCode,
  };
}

/** Passes listed first on purpose: the table must reorder them. */
const mixed = report([
  finding('ZT-NET-001', 'pass', 'high', 1),
  finding('ZT-NET-002', 'waived', 'high', 2, { waiver: { reason: 'accepted until migration', owner: 'secops', expires: '2027-01-31', origin: 'config' } }),
  finding('ZT-NET-003', 'unknown', 'critical', 3, { reasons: ['Secret mattermost-db is not among the inputs'] }),
  finding('ZT-NET-004', 'fail', 'low', 4),
  finding('ZT-NET-005', 'error', 'medium', 5, { reasons: ['no such key: spec'] }),
  finding('ZT-NET-006', 'fail', 'critical', 6, { message: `hostile ${ESC}[2J${ESC}]0;pwned\u0007 name\r\nsecond line` }),
  finding('ZT-NET-007', 'pass', 'critical', 7),
]);

/** The header row of each finding, in output order: [status, ruleId]. */
function rows(out: string): [string, string][] {
  return out.split('\n').map((l) => /^(FAIL|ERROR|UNKNOWN|WAIVED|PASS)\s+\S+\s+(\S+)/.exec(l)).filter((m) => m !== null).map((m) => [m[1] ?? '', m[2] ?? '']);
}

describe('table', () => {
  it('has no escape sequences at all when colour is off, even from hostile scanned text', () => {
    const out = renderTable(mixed, { color: false, showPassed: true });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain('\u0007');
    expect(out).not.toContain('\r');
    expect(out).toContain('hostile');
    expect(out).toContain('second line');
  });

  it('with colour on, the only escapes are its own colour codes', () => {
    const out = renderTable(mixed, { color: true, showPassed: true });
    expect(out).toContain(`${ESC}[`);
    expect(out.replace(/\u001b\[[\d;]*m/g, '')).not.toContain(ESC);
  });

  it('lists failing rows first (most severe first), then errors, unknowns, waivers, and passes last', () => {
    const out = renderTable(mixed, { color: false, showPassed: true });
    expect(rows(out)).toEqual([
      ['FAIL', 'ZT-NET-006'], ['FAIL', 'ZT-NET-004'], ['ERROR', 'ZT-NET-005'], ['UNKNOWN', 'ZT-NET-003'],
      ['WAIVED', 'ZT-NET-002'], ['PASS', 'ZT-NET-007'], ['PASS', 'ZT-NET-001'],
    ]);
  });

  it('hides passes unless asked, but counts them in the summary', () => {
    const out = renderTable(mixed, { color: false, showPassed: false });
    expect(rows(out).map(([s]) => s)).not.toContain('PASS');
    expect(out).toMatch(/^INCOMPLETE +2 failing \(1 critical, 1 low\), 1 error, 1 unknown, 1 waived, 2 passed/m);
  });

  it('shows location, object, reasons and waiver details', () => {
    const out = renderTable(mixed, { color: false, showPassed: false });
    expect(out).toMatch(/UNKNOWN +critical +ZT-NET-003 +manifests\/app-3\.yaml:13 +Deployment oob\/app-3/);
    expect(out).toContain('↳ Secret mattermost-db is not among the inputs');
    expect(out).toContain('waived: accepted until migration (owner secops, expires 2027-01-31)');
  });

  it('keeps every line within the width, cutting the path from the left so the line number stays', () => {
    const long = report([
      finding('ZT-NET-001', 'fail', 'high', 1, {
        message: `${'very long message words '.repeat(20)} https://example.org/${'x'.repeat(150)}`,
        location: { file: `deeply/${'nested/'.repeat(20)}values.yaml`, startLine: 321, template: `charts/${'sub/'.repeat(30)}deployment.yaml` },
        reasons: ['r'.repeat(200)],
      }),
    ]);
    for (const width of [40, 60, 100]) {
      const out = renderTable(long, { color: false, showPassed: false, width });
      for (const line of out.split('\n')) expect(line.length, `width ${width}: ${line}`).toBeLessThanOrEqual(width);
      expect(out).toMatch(/…[^\n]*values\.yaml:321/);
      expect(out.replace(/\s+/g, '')).toContain('x'.repeat(150)); // wrapped, not lost
    }
  });

  it('a real scan: the MFA failure with its file:line and a FAIL summary', async () => {
    const { report: r } = await scanFiles(
      { 'config.json': '{\n  "ServiceSettings": {"SiteURL": "https://chat.oob.example.org"},\n  "SqlSettings": {"DriverName": "postgres"}\n}\n' },
      { rules: [mfa] },
    );
    const f = r.findings.find((x) => x.status === 'fail');
    expect(f?.location).toBeDefined();
    const out = renderTable(r, { color: false, showPassed: false, width: 120 });
    expect(out).toMatch(new RegExp(`^FAIL +critical +ZT-MFA-001 +config\\.json:${f?.location?.startLine}\\b`, 'm'));
    expect(out).toContain('EnforceMultifactorAuthentication is false');
    expect(out).toMatch(/^FAIL +1 failing \(1 critical\)/m);
  });
});
