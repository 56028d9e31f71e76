/**
 * The Markdown reporter (PR comment / job summary): what a reviewer reads on GitHub. Real reports
 * come from the real pipeline on crafted inputs (one rule only, so parallel rule work cannot change
 * the numbers); hand-built reports cover size, grouping and hostile text.
 */
import { describe, expect, it } from 'vitest';
import { GITHUB_COMMENT_LIMIT, renderMarkdown } from '../reporters/markdown.ts';
import { summarize } from '../src/engine/summary.ts';
import { SEVERITIES, type Finding, type Report, type RuleMeta, type Severity } from '../src/engine/types.ts';
import type { Diagnostic, InputRecord } from '../src/model/snapshot.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { loadRules } from '../src/run.ts';
import { scanFiles } from './helpers/scan.ts';

const { rules } = await loadRules({ cwd: PACKAGE_ROOT });
const mfa = rules.find((r) => r.meta.id === 'ZT-MFA-001');
if (!mfa) throw new Error('rule ZT-MFA-001 (rules/mattermost/mattermost-mfa-enforced.yaml) is missing');

const NO_MFA = '{\n  "ServiceSettings": {"SiteURL": "https://chat.oob.example.org"},\n  "SqlSettings": {"DriverName": "postgres"}\n}\n';
const MFA_ON = '{\n  "ServiceSettings": {"EnableMultifactorAuthentication": true, "EnforceMultifactorAuthentication": true},\n  "SqlSettings": {"DriverName": "postgres"}\n}\n';
const OPERATOR_ONLY = 'apiVersion: installation.mattermost.com/v1beta1\nkind: Mattermost\nmetadata: {name: mm, namespace: mattermost}\nspec:\n  version: 10.5.1\n';

async function scan(files: Record<string, string>, configData?: Record<string, unknown>): Promise<Report> {
  return (await scanFiles(files, { rules: [mfa!], ...(configData ? { configData } : {}) })).report;
}

// --- reading the rendered Markdown back ------------------------------------------------------

/** Undo the reporter's escaping, to check that text survives the round trip. */
function plain(md: string): string {
  return md.replace(/\\([\\`*_[\]|~$])/g, '$1').replace(/@&#8203;/g, '@').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Rows of the Markdown table whose header starts with `firstHeader`: first cell → numeric cells. */
function tableRows(md: string, firstHeader: string): Map<string, number[]> {
  const lines = md.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${firstHeader} |`));
  expect(start, `table "${firstHeader}"`).toBeGreaterThanOrEqual(0);
  const rows = new Map<string, number[]>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim().replace(/\*\*/g, ''));
    rows.set(cells[0] ?? '', cells.slice(1).map(Number));
  }
  return rows;
}

function mermaidBlocks(md: string): string[] {
  return [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1] ?? '');
}

function pieSlices(md: string): Map<string, number> {
  const pie = mermaidBlocks(md).find((b) => b.startsWith('pie'));
  expect(pie, 'pie chart').toBeDefined();
  return new Map([...(pie ?? '').matchAll(/^\s*"([^"]+)"\s*:\s*(\d+)\s*$/gm)].map((m) => [m[1] ?? '', Number(m[2])]));
}

function xyBars(md: string): Map<string, number> {
  const xy = mermaidBlocks(md).find((b) => b.startsWith('xychart-beta'));
  expect(xy, 'xychart').toBeDefined();
  const labels = [...(/x-axis \[(.*)\]/.exec(xy ?? '')?.[1] ?? '').matchAll(/"([^"]*)"/g)].map((m) => m[1] ?? '');
  const values = (/\bbar \[(.*)\]/.exec(xy ?? '')?.[1] ?? '').split(',').map((v) => Number(v.trim()));
  expect(labels.length).toBe(values.length);
  return new Map(labels.map((l, i) => [l, values[i] ?? NaN]));
}

/** Severity table and pie must both equal the report's own summary. */
function expectSeverityCountsMatch(md: string, report: Report): void {
  const rows = tableRows(md, 'Severity');
  for (const sev of SEVERITIES) expect(rows.get(sev)?.[0], `failing ${sev}`).toBe(report.summary.failingBySeverity[sev]);
  const s = report.summary.byStatus;
  expect(rows.get('total')).toEqual([s.fail, s.unknown, s.error, s.waived, s.pass]);
  if (s.fail > 0) {
    const pie = pieSlices(md);
    for (const sev of SEVERITIES) expect(pie.get(sev) ?? 0, `pie ${sev}`).toBe(report.summary.failingBySeverity[sev]);
  }
}

// --- hand-built reports ------------------------------------------------------------------------

function rule(id: string, severity: Severity, over: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id, controlId: id, slug: id.toLowerCase(), title: `Title of ${id}`, description: 'd', severity, defaultSeverity: severity,
    target: 'k8s.workloads', remediation: `Fix ${id} like this.`, references: [], precision: 'high',
    frameworks: { tenets: ['Micro-segmentation'], domains: ['Isolation'], nist: [], cisa: [] },
    file: `rules/${id}.yaml`, builtin: true, ...over,
  };
}

function finding(r: RuleMeta, n: number, over: Partial<Finding> = {}): Finding {
  return {
    ruleId: r.id, controlId: r.controlId, status: 'fail', severity: r.severity, message: `workload ${n} breaks ${r.id}`,
    objectId: `k8s/Deployment/oob/app-${n}`, objectKind: 'Deployment', objectName: `app-${n}`, namespace: 'oob',
    source: { file: `manifests/app-${n}.yaml`, line: 1 },
    location: { file: `manifests/app-${n}.yaml`, startLine: n + 1 },
    fingerprint: `${r.id}-${n}`, ...over,
  };
}

function report(ruleList: RuleMeta[], findings: Finding[], diagnostics: Diagnostic[] = [], inputs: InputRecord[] = []): Report {
  const { summary, exitCode } = summarize(findings, inputs, diagnostics, 'low', { total: ruleList.length });
  return {
    schemaVersion: 1, tool: { name: 'oobguard', version: '0.0.0-test', informationUri: 'https://example.org' },
    scannedAt: '2026-11-20T12:00:00.000Z', failOn: 'low', inputs, diagnostics, rules: ruleList, findings, summary, exitCode,
  };
}

// --- tests -------------------------------------------------------------------------------------

describe('markdown: real scans', () => {
  it('a config.json without MFA keys: FAIL verdict first, counts, the finding at file:line, remediation once', async () => {
    const r = await scan({ 'config.json': NO_MFA });
    expect(r.summary.verdict).toBe('fail');
    const md = renderMarkdown(r, { showPassed: false });
    const lines = md.split('\n');
    expect(lines[0]).toBe('> [!CAUTION]');
    expect(lines[1]).toContain('**oobguard: FAIL**');
    expect(lines[2]).toContain('1 failing (1 critical)');
    expectSeverityCountsMatch(md, r);

    const f = r.findings.find((x) => x.status === 'fail');
    expect(f?.location).toBeDefined();
    expect(md).toContain(`\`config.json:${f?.location?.startLine}\``);
    expect(plain(md)).toContain(f?.message);
    expect(md).toContain(`#### critical · \`ZT-MFA-001\` · ${mfa!.meta.title} (1)`);
    expect(md.split('<summary>How to fix ZT-MFA-001</summary>').length - 1).toBe(1);
    expect(md).toContain('EnforceMultifactorAuthentication": true'); // the remediation's code block
    // Balanced collapsibles, or GitHub swallows the rest of the comment.
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
  });

  it('the tenet table and chart count the MFA failure under its Zero Trust tenet', async () => {
    const r = await scan({ 'config.json': NO_MFA });
    const md = renderMarkdown(r, { showPassed: false });
    const tenet = mfa!.meta.frameworks.tenets[0];
    expect(tenet).toBeDefined();
    expect(tableRows(md, 'Tenet / OOB domain').get(tenet!)?.[0]).toBe(1);
    expect(xyBars(md).get(tenet!)).toBe(1);
  });

  it('an operator-managed install without a config: INCOMPLETE, the unknown finding with its reasons', async () => {
    const r = await scan({ 'mattermost.yaml': OPERATOR_ONLY });
    const unknown = r.findings.filter((x) => x.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    expect(r.summary.verdict).toBe('incomplete');
    const md = renderMarkdown(r, { showPassed: false });
    expect(md.split('\n')[0]).toBe('> [!WARNING]');
    expect(md.split('\n')[1]).toContain('**oobguard: INCOMPLETE**');
    expect(md.split('\n')[1]).toContain(`${unknown.length} unknown or error finding`);
    expect(md).toContain('### Not judged:');
    const reasons = unknown.flatMap((x) => x.reasons ?? []);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(plain(md)).toContain(reason);
    expect(md).not.toContain('### Passed');
    expectSeverityCountsMatch(md, r);
  });

  it('a malformed file and a waiver: diagnostics in their own section, the waived finding with reason, owner, expiry', async () => {
    const r = await scan(
      { 'config.json': NO_MFA, 'broken.yaml': 'kind: Deployment\nmetadata: [\n' },
      { waivers: [{ rule: 'ZT-MFA-001', reason: 'MFA rollout tracked in SEC-1234', owner: 'secops@example.org', expires: '2027-03-31' }] },
    );
    expect(r.summary.byStatus.waived).toBe(1);
    const md = renderMarkdown(r, { showPassed: false });
    expect(md).toMatch(/^### Diagnostics \(1 error/m);
    expect(md).toContain('**error** `input/parse` `broken.yaml:');
    expect(md).toContain('### Waived (1)');
    const text = plain(md);
    expect(text).toContain('MFA rollout tracked in SEC-1234');
    expect(text).toContain('owner secops@example.org');
    expect(text).toContain('expires 2027-03-31');
    expect(md).not.toContain('### Failing');
    expect(md.split('\n')[1]).toContain('**oobguard: INCOMPLETE**');
    expect(md).toContain('1 input error');
  });

  it('passed checks are a count unless showPassed', async () => {
    const r = await scan({ 'config.json': MFA_ON });
    expect(r.summary.verdict).toBe('pass');
    const brief = renderMarkdown(r, { showPassed: false });
    expect(brief.split('\n')[0]).toBe('> [!NOTE]');
    expect(brief.split('\n')[1]).toContain('**oobguard: PASS**');
    expect(brief).toContain('### Passed (1)');
    expect(brief).not.toContain('Passed checks by rule');
    const full = renderMarkdown(r, { showPassed: true });
    expect(full).toContain('Passed checks by rule');
    expect(full).toContain(`\`ZT-MFA-001\` ${mfa!.meta.title} (1)`);
  });
});

describe('markdown: hand-built reports', () => {
  it('shows where a finding was rendered from, and falls back to source file:line without a location', () => {
    const r1 = rule('ZT-NET-001', 'high');
    const withTemplate = finding(r1, 1, { location: { file: 'rendered/all.yaml', startLine: 42, template: 'mattermost/templates/deployment.yaml' } });
    const noLocation = finding(r1, 2, { source: { file: 'raw/app.yaml', line: 7 } });
    delete noLocation.location;
    const md = renderMarkdown(report([r1], [withTemplate, noLocation]), { showPassed: false });
    expect(md).toContain('`rendered/all.yaml:42` (rendered from `mattermost/templates/deployment.yaml`)');
    expect(md).toContain('`raw/app.yaml:7`');
  });

  it('groups failing rules most severe first and counts a multi-tenet control under each tenet', () => {
    const low = rule('ZT-MON-001', 'low', { frameworks: { tenets: ['Continuous monitoring'], domains: [], nist: [], cisa: [] } });
    const crit = rule('ZT-ENC-009', 'critical', { frameworks: { tenets: ['Identity and access management', 'Encryption (partial)'], domains: [], nist: [], cisa: [] } });
    const backup = rule('OOB-BAK-001', 'medium', { frameworks: { tenets: [], domains: ['Backup Strategy'], nist: [], cisa: [] } });
    const r = report([low, crit, backup], [finding(low, 1), finding(crit, 2), finding(crit, 3), finding(backup, 4), finding(backup, 5, { status: 'pass' })]);
    const md = renderMarkdown(r, { showPassed: false });
    const order = ['ZT-ENC-009', 'OOB-BAK-001', 'ZT-MON-001'].map((id) => md.indexOf(`#### ${r.rules.find((x) => x.id === id)?.severity} · \`${id}\``));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const rows = tableRows(md, 'Tenet / OOB domain');
    expect(rows.get('Identity and access management')).toEqual([2, 0, 0, 0]);
    expect(rows.get('Encryption')).toEqual([2, 0, 0, 0]);
    expect(rows.get('OOB: Backup Strategy')).toEqual([1, 0, 0, 1]);
    expect(rows.get('Continuous monitoring')).toEqual([1, 0, 0, 0]);
    expect(md).toContain('counted under each');
    const bars = xyBars(md);
    for (const [name, cells] of rows) if ((cells[0] ?? 0) > 0) expect(bars.get(name), name).toBe(cells[0]);
    expect([...bars.keys()].sort()).toEqual([...rows].filter(([, c]) => (c[0] ?? 0) > 0).map(([n]) => n).sort());
    expectSeverityCountsMatch(md, r);
  });

  it('escapes hostile object names, messages, file names and reasons', () => {
    const r1 = rule('ZT-NET-001', 'high');
    const evil = finding(r1, 1, {
      objectName: 'x|y</details><img src=x onerror=alert(1)>',
      namespace: '@octocat',
      message: 'bad | --- |\n# Heading\n<script>alert(1)</script> [click](https://evil.example) $x^2$ **bold**',
      location: { file: 'dir/`weird`|name.yaml', startLine: 3 },
    });
    const unknown = finding(r1, 2, { status: 'unknown', message: 'cannot tell', reasons: ['Secret <b>db</b> not among inputs\n- injected item'] });
    const md = renderMarkdown(report([r1], [evil, unknown]), { showPassed: false });
    expect(md).not.toMatch(/<img|<script|<b>/i);
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    expect(md).not.toMatch(/^# Heading/m);
    expect(md).not.toMatch(/^- injected item/m);
    expect(md).not.toMatch(/(?<!\\)\]\(https:/);
    expect(md).not.toContain('@octocat');
    expect(md).not.toMatch(/(?<!\\)\$x/);
    // The finding stays one list item, with all of its text, on one line.
    const item = md.split('\n').find((l) => l.includes('weird'));
    expect(item).toMatch(/^- ``\s?dir\/`weird`\|name\.yaml:3\s?`` — /);
    expect(plain(item ?? '')).toContain('<script>alert(1)</script>');
    expect(plain(md)).toContain('Secret <b>db</b> not among inputs - injected item');
  });

  it("neutralises HTML in a rule's remediation and closes a code fence it leaves open", () => {
    const r1 = rule('ZT-NET-001', 'high', { remediation: 'Close it </details><img src=x>, keep `<tag>` code.\n\n```yaml\nkey: value\n' });
    const md = renderMarkdown(report([r1], [finding(r1, 1)]), { showPassed: false });
    expect(md).not.toContain('<img');
    expect(md).toContain('`<tag>`');
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    const fences = md.split('\n').filter((l) => /^```/.test(l));
    expect(fences.length % 2).toBe(0);
    expect(md.trimEnd().endsWith('</sub>')).toBe(true);
  });

  it('a small report lists everything and says nothing about shortening', () => {
    const r1 = rule('ZT-NET-001', 'high');
    const findings = Array.from({ length: 12 }, (_, i) => finding(r1, i));
    const md = renderMarkdown(report([r1], findings), { showPassed: false });
    for (const f of findings) expect(md).toContain(`\`${f.location?.file}:${f.location?.startLine}\``);
    expect(md).not.toContain('not shown');
    expect(md).not.toContain('shortened');
    expect(md).toContain('<summary>12 findings</summary>'); // long lists are collapsed
  });

  it('stays under 65,536 characters with 5,000 failing findings, keeping the verdict and every count', () => {
    const sevs: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
    const ruleList = Array.from({ length: 120 }, (_, i) => rule(`ZT-NET-${String(i).padStart(3, '0')}`, sevs[i % 5]!, {
      remediation: `Set the thing.\n\n\`\`\`yaml\n${'spec:\n  key: value\n'.repeat(40)}\`\`\`\n`,
      frameworks: { tenets: i % 3 === 0 ? [] : ['Micro-segmentation', 'Encryption'], domains: ['Isolation'], nist: [], cisa: [] },
    }));
    const findings: Finding[] = [];
    for (let n = 0; n < 5000; n++) {
      findings.push(finding(ruleList[n % ruleList.length]!, n, { message: `workload ${n} ${'is badly configured and exposes the OOB channel — ☠ '.repeat(6)}` }));
    }
    for (let n = 0; n < 400; n++) findings.push(finding(ruleList[n % 7]!, 10_000 + n, { status: 'unknown', reasons: [`Secret db-${n} is not among the inputs`] }));
    for (let n = 0; n < 300; n++) {
      findings.push(finding(ruleList[n % 9]!, 20_000 + n, { status: 'waived', waiver: { reason: 'accepted risk', owner: 'secops', expires: '2027-01-01', origin: 'config' } }));
    }
    const diags: Diagnostic[] = Array.from({ length: 500 }, (_, i) => ({ code: 'input/parse', severity: 'error', file: `broken/${i}.yaml`, line: 2, message: `broken/${i}.yaml:2: bad YAML` }));
    const r = report(ruleList, findings, diags);
    const md = renderMarkdown(r, { showPassed: true });

    expect(md.length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(new TextEncoder().encode(md).length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md.split('\n')[1]).toContain('**oobguard: INCOMPLETE**');
    expect(md.split('\n')[2]).toContain(`${r.summary.byStatus.fail} failing`);
    expect(r.summary.byStatus.fail).toBe(5000);
    expectSeverityCountsMatch(md, r);
    expect(md).toContain('shortened');
    expect(md).toMatch(/more of this rule not shown|more rules? with \d+ failing findings not shown/);
    expect(md).toMatch(/more diagnostics not shown/);
    expect(md.split('<details>').length).toBe(md.split('</details>').length);
    expect(md.split('\n').filter((l) => /^```/.test(l)).length % 2).toBe(0);
    // The tenet table keeps complete counts: 80 of 120 rules are in two tenets.
    const rows = tableRows(md, 'Tenet / OOB domain');
    const twoTenet = findings.filter((f) => f.status === 'fail' && Number(f.ruleId.slice(-3)) % 3 !== 0).length;
    expect(rows.get('Micro-segmentation')?.[0]).toBe(twoTenet);
    expect(rows.get('OOB: Isolation')?.[0]).toBe(5000 - twoTenet);
  });

  it('stays under the limit when every finding has its own rule', () => {
    const ruleList = Array.from({ length: 3000 }, (_, i) => rule(`ZT-HOST-${i}`, 'medium', { remediation: 'x'.repeat(3000) }));
    const r = report(ruleList, ruleList.map((x, i) => finding(x, i)));
    const md = renderMarkdown(r, { showPassed: false });
    expect(new TextEncoder().encode(md).length).toBeLessThan(GITHUB_COMMENT_LIMIT);
    expect(md).toMatch(/more rules with \d+ failing findings not shown/);
    expectSeverityCountsMatch(md, r);
  });
});
