/**
 * Engine behaviour a user notices: waivers (config and annotation, expired, unused), severity and
 * params overrides, environment requirements → unknown, unknown values never pass, broken user
 * rules reported with file and JSON path while the others still run, exit codes and --fail-on.
 */
import { describe, expect, it } from 'vitest';
import { scanFiles } from './helpers/scan.ts';

const deployment = (annotations = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: oob
${annotations}spec:
  replicas: 1
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          securityContext:
            privileged: true
`;

const userRule = `id: ZT-HOST-001.test-privileged
slug: test-no-privileged
title: Containers are not privileged (test rule)
description: A user rule used by the engine tests to check a container's privileged flag.
severity: high
target: k8s.containers
params: { allowPrivileged: false }
assert: params.allowPrivileged || object.securityContext.?privileged.orValue(false) == false
path: securityContext.privileged
message: container {{ object.name }} runs privileged
remediation: Set securityContext.privileged to false.
examples:
  pass: [{ name: not privileged, files: { a.yaml: "kind: Pod" } }]
  fail: [{ name: privileged, files: { a.yaml: "kind: Pod" } }]
`;

const brokenRule = `id: ZT-HOST-001.broken
slug: broken
title: A rule with a typo in a key
description: This rule has an unknown key and must be reported, not silently ignored.
severity: high
target: k8s.containers
asert: true
message: x
remediation: Fix the key name.
examples:
  pass: [{ name: x-pass, files: { a.yaml: "" } }]
  fail: [{ name: x-fail, files: { a.yaml: "" } }]
`;

const badCel = brokenRule.replace('id: ZT-HOST-001.broken', 'id: ZT-HOST-001.badcel').replace('slug: broken', 'slug: badcel').replace('asert: true', 'assert: object.securityContext.privileged ==');

async function scanWithUserRule(files: Record<string, string>, configData?: Record<string, unknown>) {
  return scanFiles({ 'rules/test-no-privileged.yaml': userRule, ...files }, {
    builtinRules: false, rulesDirs: ['rules'], paths: ['manifests'], ...(configData ? { configData } : {}),
  });
}

describe('rules from a user directory', () => {
  it('run like built-ins and locate the offending field', async () => {
    const { report } = await scanWithUserRule({ 'manifests/web.yaml': deployment() });
    const f = report.findings.find((x) => x.ruleId === 'ZT-HOST-001.test-privileged');
    expect(f?.status).toBe('fail');
    expect(f?.message).toBe('container web runs privileged');
    expect(f?.location).toMatchObject({ file: 'manifests/web.yaml', startLine: 15 });
    expect(report.exitCode).toBe(1);
  });

  it('a broken rule is reported with its file and JSON path, and the other rules still run', async () => {
    const { report } = await scanFiles(
      { 'rules/test-no-privileged.yaml': userRule, 'rules/broken.yaml': brokenRule, 'rules/badcel.yaml': badCel, 'manifests/web.yaml': deployment() },
      { builtinRules: false, rulesDirs: ['rules'], paths: ['manifests'] },
    );
    const msgs = report.diagnostics.map((d) => d.message);
    expect(msgs.some((m) => m.includes('rules/broken.yaml') && m.includes('unknown key "asert"'))).toBe(true);
    expect(msgs.some((m) => m.includes('rules/badcel.yaml') && m.includes('$.assert') && m.includes('CEL does not compile'))).toBe(true);
    expect(report.findings.some((f) => f.ruleId === 'ZT-HOST-001.test-privileged' && f.status === 'fail')).toBe(true);
    expect(report.exitCode).toBe(2);
  });
});

describe('waivers', () => {
  const base = { 'manifests/web.yaml': deployment() };
  it('a config waiver turns the failure into waived, with reason and owner, and the exit code clears', async () => {
    const { report } = await scanWithUserRule(base, {
      waivers: [{ rule: 'ZT-HOST-001.*', resource: 'k8s/Deployment/oob/*', reason: 'vendor image needs it until 2027', owner: 'platform-team', expires: '2027-03-01' }],
    });
    const f = report.findings.find((x) => x.ruleId === 'ZT-HOST-001.test-privileged')!;
    expect(f.status).toBe('waived');
    expect(f.waiver).toMatchObject({ reason: 'vendor image needs it until 2027', owner: 'platform-team', origin: 'config' });
    expect(report.exitCode).toBe(0);
  });
  it('an expired waiver stops waiving and is reported', async () => {
    const { report } = await scanWithUserRule(base, {
      waivers: [{ rule: 'ZT-HOST-001.test-privileged', reason: 'temporary', owner: 'alice', expires: '2026-01-31' }],
    });
    expect(report.findings.find((x) => x.ruleId === 'ZT-HOST-001.test-privileged')!.status).toBe('fail');
    expect(report.diagnostics.some((d) => d.code === 'waiver/expired' && d.message.includes('expired on 2026-01-31'))).toBe(true);
    expect(report.exitCode).toBe(1);
  });
  it('an unused waiver is reported', async () => {
    const { report } = await scanWithUserRule(base, {
      waivers: [{ rule: 'ZT-NET-001', resource: 'k8s/Namespace/nowhere', reason: 'n/a', owner: 'bob' }],
    });
    expect(report.diagnostics.some((d) => d.code === 'waiver/unused' && d.message.includes('ZT-NET-001'))).toBe(true);
  });
  it('a resource annotation waives a rule for that object only', async () => {
    const ann = '  annotations:\n    oobguard.io/waive: "ZT-HOST-001.test-privileged"\n    oobguard.io/waive-reason: "GPU driver"\n    oobguard.io/waive-owner: "ml-team"\n';
    const { report } = await scanWithUserRule({ 'manifests/web.yaml': deployment(ann), 'manifests/other.yaml': deployment().replace('name: web\n', 'name: other\n') });
    const byObj = Object.fromEntries(report.findings.map((f) => [f.objectId, f]));
    expect(byObj['k8s/Deployment/oob/web/web']?.status).toBe('waived');
    expect(byObj['k8s/Deployment/oob/web/web']?.waiver).toMatchObject({ reason: 'GPU driver', owner: 'ml-team', origin: 'annotation' });
    expect(byObj['k8s/Deployment/oob/other/web']?.status).toBe('fail');
  });
});

describe('overrides', () => {
  it('severity can be overridden per rule and gates --fail-on accordingly', async () => {
    const { report } = await scanWithUserRule({ 'manifests/web.yaml': deployment() }, { rules: { 'ZT-HOST-001.test-privileged': { severity: 'low' } }, failOn: 'medium' });
    const f = report.findings.find((x) => x.ruleId === 'ZT-HOST-001.test-privileged')!;
    expect(f.severity).toBe('low');
    expect(f.status).toBe('fail');
    expect(report.exitCode).toBe(0);
  });
  it('a rule can be disabled, and params can be overridden', async () => {
    const off = await scanWithUserRule({ 'manifests/web.yaml': deployment() }, { rules: { 'ZT-HOST-001': { enabled: false } } });
    expect(off.report.findings).toEqual([]);
    const allowed = await scanWithUserRule({ 'manifests/web.yaml': deployment() }, { rules: { 'ZT-HOST-001.test-privileged': { params: { allowPrivileged: true } } } });
    expect(allowed.report.findings.every((f) => f.status === 'pass')).toBe(true);
    const viaThresholds = await scanWithUserRule({ 'manifests/web.yaml': deployment() }, { thresholds: { allowPrivileged: true } });
    expect(viaThresholds.report.findings.every((f) => f.status === 'pass')).toBe(true);
  });
});

describe('unknown is not pass', () => {
  const needsHosts = userRule
    .replace('id: ZT-HOST-001.test-privileged', 'id: ZT-NET-005.test-hosts').replace('slug: test-no-privileged', 'slug: test-hosts')
    .replace('params: { allowPrivileged: false }', 'requires: [oob.hostnames]');
  it('a rule that needs an environment declaration is unknown, with what to declare, and exit code 2', async () => {
    const { report } = await scanFiles({ 'rules/test-hosts.yaml': needsHosts, 'manifests/web.yaml': deployment() }, { builtinRules: false, rulesDirs: ['rules'], paths: ['manifests'] });
    const f = report.findings.find((x) => x.ruleId === 'ZT-NET-005.test-hosts')!;
    expect(f.status).toBe('unknown');
    expect(f.reasons?.[0]).toContain('environment.oob.hostnames');
    expect(report.exitCode).toBe(2);
  });
  it('a rule reading a value the collector could not read is unknown with the reason', async () => {
    const nsRule = userRule
      .replace('id: ZT-HOST-001.test-privileged', 'id: ZT-HOST-002.test-psa').replace('slug: test-no-privileged', 'slug: test-psa')
      .replace('target: k8s.containers', 'target: k8s.namespaces')
      .replace(/assert: .*/, "assert: object.labels[?'pod-security.kubernetes.io/enforce'].orValue('') == 'restricted'")
      .replace('path: securityContext.privileged', 'path: labels');
    const { report } = await scanFiles({ 'rules/test-psa.yaml': nsRule, 'manifests/web.yaml': deployment() }, { builtinRules: false, rulesDirs: ['rules'], paths: ['manifests'] });
    const f = report.findings.find((x) => x.ruleId === 'ZT-HOST-002.test-psa')!;
    expect(f.status).toBe('unknown');
    expect(f.reasons?.[0]).toContain('Namespace oob is not among the inputs');
  });
});
