/**
 * Honesty about coverage: a collection a live source could not read makes every rule on it
 * unknown for that scope (naming the call, the error and the missing permission), coverage is in
 * every report, and --min-coverage turns low coverage into exit 2.
 */
import { describe, expect, it } from 'vitest';
import type { LiveResult } from '../src/collectors/live/types.ts';
import { renderMarkdown } from '../reporters/markdown.ts';
import { renderTable } from '../reporters/table.ts';
import { scanFiles } from './helpers/scan.ts';

const denied: LiveResult = {
  documents: [],
  mattermostConfigs: [],
  coverage: {
    source: 'kubernetes', scope: 'oob-prod', calls: 40, failedCalls: 2,
    gaps: [
      { collection: 'k8s.secrets', scope: 'mattermost', api: 'GET /api/v1/namespaces/mattermost/secrets', error: '403 Forbidden: secrets is forbidden', permission: 'list secrets' },
      { collection: 'k8s.networkPolicies', scope: '', api: 'GET /apis/networking.k8s.io/v1/networkpolicies', error: '403 Forbidden', permission: 'list networkpolicies.networking.k8s.io' },
    ],
  },
};

describe('coverage of live sources', () => {
  it('rules on a collection that could not be read are unknown for that scope, with the call, error and permission', async () => {
    const { report } = await scanFiles({}, { paths: [], liveResults: [denied] });
    const np = report.findings.filter((f) => f.ruleId.startsWith('ZT-NET-001') || f.objectKind === 'Coverage');
    const gapFindings = report.findings.filter((f) => f.objectKind === 'Coverage');
    expect(gapFindings.length).toBeGreaterThan(0);
    expect(gapFindings.every((f) => f.status === 'unknown')).toBe(true);
    const onPolicies = gapFindings.filter((f) => f.objectName === 'k8s.networkPolicies');
    expect(onPolicies.length).toBeGreaterThan(0);
    expect(onPolicies[0]!.reasons?.[0]).toBe('GET /apis/networking.k8s.io/v1/networkpolicies failed: 403 Forbidden — needs list networkpolicies.networking.k8s.io');
    expect(np.some((f) => f.status === 'pass')).toBe(false);
    expect(report.coverage).toEqual([{ source: 'kubernetes', scope: 'oob-prod', calls: 40, failedCalls: 2, percent: 95, gaps: 2 }]);
    expect(report.exitCode).toBe(2);
    expect(renderTable(report, { color: false, showPassed: false })).toContain('kubernetes oob-prod: 38 of 40 API calls read (95%); 2 collections could not be read');
    expect(renderMarkdown(report, { showPassed: false })).toContain('| kubernetes | oob-prod | 38 of 40 | 95% | 2 |');
  });

  it('--min-coverage: below the threshold is an error and exit 2, even with nothing else wrong', async () => {
    const clean: LiveResult = { ...denied, coverage: { ...denied.coverage, calls: 10, failedCalls: 3, gaps: [] } };
    const ok = await scanFiles({}, { paths: [], liveResults: [clean], minCoverage: 60 });
    expect(ok.report.exitCode).toBe(0);
    const low = await scanFiles({}, { paths: [], liveResults: [clean], minCoverage: 80 });
    expect(low.report.exitCode).toBe(2);
    expect(low.report.summary.verdict).toBe('incomplete');
    expect(low.report.diagnostics.some((d) => d.message === 'kubernetes oob-prod: 70% of 10 API calls succeeded, below --min-coverage 80%')).toBe(true);
  });
});

describe('gaps in collections a rule joins with', () => {
  it('a namespace cannot pass or fail "default-deny" when NetworkPolicies could not be read', async () => {
    const files = {
      'mm.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: mattermost\n  labels:\n    pod-security.kubernetes.io/enforce: restricted\n---\napiVersion: installation.mattermost.com/v1beta1\nkind: Mattermost\nmetadata:\n  name: chat\n  namespace: mattermost\nspec:\n  version: 10.5.2\n',
    };
    const without = await scanFiles(files);
    expect(without.report.findings.find((f) => f.ruleId === 'ZT-NET-001' && f.objectName === 'mattermost')?.status).toBe('fail');
    const npDenied: LiveResult = { ...denied, coverage: { ...denied.coverage, gaps: [denied.coverage.gaps[1]!] } };
    const { report } = await scanFiles(files, { liveResults: [npDenied] });
    const f = report.findings.find((x) => x.ruleId === 'ZT-NET-001' && x.objectName === 'mattermost')!;
    expect(f.status).toBe('unknown');
    expect(f.reasons?.[0]).toContain('the rule reads k8s.networkPolicies, which could not be read: GET /apis/networking.k8s.io/v1/networkpolicies failed: 403 Forbidden — needs list networkpolicies.networking.k8s.io');
    // A namespaced gap only affects objects in that namespace.
    const other = await scanFiles(files, { liveResults: [{ ...denied, coverage: { ...denied.coverage, gaps: [{ ...denied.coverage.gaps[1]!, scope: 'elsewhere' }] } }] });
    expect(other.report.findings.find((x) => x.ruleId === 'ZT-NET-001' && x.objectName === 'mattermost')?.status).toBe('fail');
  });
});
