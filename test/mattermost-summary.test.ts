/**
 * The summary posted to Mattermost: verdict and counts from the full report, most severe findings
 * first, the change against a previous result when the report carries one, coverage, names from
 * scanned inputs unable to format the post or notify anyone, and the 16,383-character post limit.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CoverageSummary, Finding, Report } from '../src/engine/types.ts';
import { compareReports, type FindingRef } from '../src/diff.ts';
import { MATTERMOST_POST_LIMIT, renderMattermostSummary } from '../src/notify/mattermost-summary.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { run } from '../src/run.ts';
import { FIXED_NOW } from './helpers/scan.ts';

let insecure: Report;
let hardened: Report;
beforeAll(async () => {
  insecure = (await run({ cwd: PACKAGE_ROOT, paths: [path.join(PACKAGE_ROOT, 'examples/insecure')], now: FIXED_NOW })).report;
  hardened = (await run({ cwd: PACKAGE_ROOT, paths: [path.join(PACKAGE_ROOT, 'examples/hardened')], now: FIXED_NOW })).report;
});

const runes = (s: string): number => Array.from(s).length;

function failing(r: Report): Finding {
  const f = r.findings.find((x) => x.status === 'fail');
  if (!f) throw new Error('no failing finding');
  return f;
}

describe('the Mattermost summary', () => {
  it('leads with the verdict and the counts of the whole report, then the most severe findings', () => {
    const text = renderMattermostSummary(insecure);
    const s = insecure.summary;
    expect(text.split('\n')[0]).toMatch(/^#### :(warning|red_circle): oobguard: (INCOMPLETE|FAIL)/);
    expect(text).toContain(`${s.byStatus.fail} failing (${s.failingBySeverity.critical} critical`);
    expect(text).toContain(`**Top failing findings** (10 of ${s.byStatus.fail}, most severe first)`);
    expect(text).toContain(`- _…and ${s.byStatus.fail - 10} more failing findings not listed here._`);
    const critical = insecure.findings.filter((f) => f.status === 'fail' && f.severity === 'critical').length;
    expect(text).toContain(`| critical | ${critical} |`);
    expect(text).toContain(`_oobguard ${insecure.tool.version} · fail-on \`low\` · scanned ${FIXED_NOW.replace(/_/g, '\\_')}_`);
    // Mattermost renders no HTML: nothing of GitHub's Markdown dialect leaks in.
    expect(text).not.toMatch(/<details>|\[!(NOTE|WARNING|CAUTION)\]|```mermaid/);
  });

  it('a clean scan says PASS with its threshold', () => {
    const report: Report = { ...hardened, summary: { ...hardened.summary, verdict: 'pass' }, findings: hardened.findings.filter((f) => f.status === 'pass'), failOn: 'high' };
    const text = renderMattermostSummary(report);
    expect(text.split('\n')[0]).toBe(':white_check_mark: oobguard: PASS — nothing failing at or above `high`'.replace(/^/, '#### '));
    expect(text).not.toContain('Top failing findings');
  });

  it('names from scanned inputs cannot mention anyone or format the post', () => {
    const f = failing(insecure);
    const evil: Finding = { ...f, severity: 'critical', namespace: '', objectName: '@channel **boom** | x', message: 'see [here](https://evil.example) `code` <@all> @here\nnext line' };
    const text = renderMattermostSummary({ ...insecure, findings: [evil, ...insecure.findings] });
    const line = text.split('\n').find((l) => l.includes('boom'))!;
    expect(line).toContain('**@\u200bchannel \\*\\*boom\\*\\* \\| x**');
    expect(line).toContain('see \\[here\\](https://evil.example) \\`code\\` \\<@\u200ball\\> @\u200bhere next line');
    expect(text).not.toMatch(/@(channel|all|here)/);
  });

  it('against a baseline, counts only new failures in its verdict line, as the exit code does', () => {
    const existing = insecure.findings.map((f) => (f.status === 'fail' ? { ...f, baseline: 'existing' as const } : f));
    const baseline = { file: 'main.json', scannedAt: insecure.scannedAt };
    const none = renderMattermostSummary({ ...insecure, baseline, findings: existing, summary: { ...insecure.summary, verdict: 'pass' } });
    expect(none).toContain(':white_check_mark: oobguard: PASS — nothing new failing at or above `low`');
    const oneNew = existing.map((f, i) => (i === existing.findIndex((x) => x.status === 'fail') ? { ...f, baseline: 'new' as const } : f));
    expect(renderMattermostSummary({ ...insecure, baseline, findings: oneNew, summary: { ...insecure.summary, verdict: 'fail' } }))
      .toContain(':red_circle: oobguard: FAIL — 1 new failing finding at or above `low`');
  });

  it('shows what changed since the previous result when the report carries `changes`', () => {
    expect(renderMattermostSummary(insecure)).not.toContain('**Since ');
    const f = failing(insecure);
    const fresh: FindingRef = {
      ruleId: f.ruleId, severity: 'critical', status: 'fail', objectKind: f.objectKind, namespace: '', objectName: 'new-bucket', message: 'newly failing', where: 'main.tf:3', fingerprint: f.fingerprint,
    };
    const changes = { ...compareReports(insecure, insecure, 'yesterday.json'), newFailures: [fresh] };
    const text = renderMattermostSummary({ ...insecure, changes });
    expect(text).toContain(`**Since yesterday.json:** 1 new failing · 0 fixed · ${insecure.summary.byStatus.fail} still failing\n- **critical** \`${f.ruleId}\``);
    expect(text).toContain('**new-bucket** — newly failing');
  });

  it('shows the coverage of live sources, the lowest first', () => {
    const coverage: CoverageSummary[] = [
      { source: 'kubernetes', scope: 'in-cluster', calls: 40, failedCalls: 0, percent: 100, gaps: 0 },
      { source: 'mattermost', scope: 'https://chat.oob.example.org', calls: 10, failedCalls: 2, percent: 80, gaps: 1 },
    ];
    const text = renderMattermostSummary({ ...insecure, coverage });
    expect(text).toContain('**Coverage of live sources:** lowest 80% (mattermost https://chat.oob.example.org) of the API calls read');
    expect(text.indexOf('| mattermost |')).toBeLessThan(text.indexOf('| kubernetes |'));
    expect(text).toContain('| mattermost | https://chat.oob.example.org | 8 of 10 | 80% | 1 |');
  });

  it("stays within Mattermost's 16,383-character limit, shortening lists and saying so; counts stay complete", () => {
    const f = failing(insecure);
    const many: Finding[] = Array.from({ length: 5000 }, (_, i) => ({ ...f, objectId: `${f.objectId}-${i}`, objectName: `${'名'.repeat(150)}-${i}`, message: '𝔪'.repeat(400) }));
    const coverage: CoverageSummary[] = Array.from({ length: 300 }, (_, i) => ({ source: 'aws', scope: `arn:aws:iam::${String(i).padStart(12, '0')}:role/${'r'.repeat(200)}`, calls: 100, failedCalls: i % 7, percent: 100 - (i % 7), gaps: i % 7 }));
    const big: Report = { ...insecure, findings: [...insecure.findings, ...many], summary: { ...insecure.summary, byStatus: { ...insecure.summary.byStatus, fail: insecure.summary.byStatus.fail + many.length } }, coverage };
    const text = renderMattermostSummary(big);
    expect(runes(text)).toBeLessThanOrEqual(MATTERMOST_POST_LIMIT);
    expect(text).toContain(`${big.summary.byStatus.fail} failing (`);
    expect(text).toContain('more sources, at the same or higher coverage');

    const small = renderMattermostSummary(big, { limit: 3000 });
    expect(runes(small)).toBeLessThanOrEqual(3000);
    expect(small).toContain("_Lists shortened to fit Mattermost's 3,000-character post limit; every count is complete");
    expect(small).toContain(`${big.summary.byStatus.fail} failing (`);

    const tiny = renderMattermostSummary(big, { limit: 400 });
    expect(runes(tiny)).toBeLessThanOrEqual(400);
    expect(tiny).toMatch(/^#### /);
    expect(tiny).toMatch(/_…cut to fit the 400-character post limit; the full report is in the scan's output\._$/);
  });
});
