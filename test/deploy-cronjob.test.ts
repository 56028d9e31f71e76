/**
 * The in-cluster scheduled scan (deploy/kubernetes): oobguard's own rules pass on its own CronJob,
 * namespace and NetworkPolicies; the ServiceAccount, ClusterRole, binding, ConfigMap and CronJob
 * are wired together by name; the pod is locked down (non-root, read-only root filesystem, no
 * privilege escalation, no capabilities, seccomp, limits); scans never overlap; the network allows
 * only DNS, the API server and Mattermost; the CronJob's arguments are options `scan` knows; the
 * kustomization applies exactly these files and the Dockerfile runs the package's CLI as non-root.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseConfig } from '../src/config/config.ts';
import type { Finding } from '../src/engine/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { run } from '../src/run.ts';
import { inTempDir, runCli } from './helpers/cli.ts';
import { FIXED_NOW, scanFiles } from './helpers/scan.ts';

const K8S = path.join(PACKAGE_ROOT, 'deploy/kubernetes');

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

async function manifests(): Promise<{ file: string; obj: Obj }[]> {
  const files = ['clusterrole.yaml', ...(await readdir(path.join(K8S, 'cronjob'))).map((f) => `cronjob/${f}`)];
  const out: { file: string; obj: Obj }[] = [];
  for (const file of files) {
    for (const doc of parseAllDocuments(await readFile(path.join(K8S, file), 'utf8'))) {
      expect(doc.errors, file).toEqual([]);
      out.push({ file, obj: doc.toJS() as Obj });
    }
  }
  return out;
}

function one(all: { obj: Obj }[], kind: string, name?: string): Obj {
  const found = all.filter((m) => m.obj.kind === kind && (name === undefined || m.obj.metadata.name === name));
  expect(found.map((m) => `${m.obj.kind}/${m.obj.metadata.name}`), `${kind} ${name ?? ''}`).toHaveLength(1);
  return found[0]!.obj;
}

interface PodSpec {
  serviceAccountName: string;
  automountServiceAccountToken: boolean;
  restartPolicy: string;
  securityContext: { runAsNonRoot: boolean; runAsUser: number; seccompProfile: { type: string } };
  containers: {
    name: string; image: string; args: string[];
    env: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string; optional: boolean } } }[];
    resources: { requests: Record<string, string>; limits: Record<string, string> };
    securityContext: { allowPrivilegeEscalation: boolean; readOnlyRootFilesystem: boolean; privileged: boolean; capabilities: { drop: string[]; add?: string[] } };
    volumeMounts: { name: string; mountPath: string }[];
  }[];
  volumes: { name: string; configMap?: { name: string }; emptyDir?: object; persistentVolumeClaim?: { claimName: string } }[];
}
interface CronJobSpec {
  schedule: string;
  concurrencyPolicy: string;
  successfulJobsHistoryLimit: number;
  failedJobsHistoryLimit: number;
  jobTemplate: { spec: { backoffLimit: number; activeDeadlineSeconds: number; podFailurePolicy: { rules: { action: string; onExitCodes?: { values: number[] } }[] }; template: { metadata: { labels: Record<string, string> }; spec: PodSpec } } };
}

/** The deploy/kubernetes objects and the config the CronJob mounts, scanned with the built-in rules. */
async function scanDeploy(): Promise<Finding[]> {
  const all = await manifests();
  const cm = one(all, 'ConfigMap', 'oobguard-config') as Obj & { data: Record<string, string> };
  const parsed = parseConfig(cm.data['oobguard.yaml']!, 'oobguard-config');
  expect(parsed.diagnostics).toEqual([]);
  const { report } = await run({ cwd: PACKAGE_ROOT, paths: ['deploy/kubernetes'], config: parsed.config!, failOn: 'info', now: FIXED_NOW });
  expect(report.diagnostics.filter((d) => d.severity !== 'note')).toEqual([]);
  return report.findings;
}

describe('deploy/kubernetes: the scheduled posture scan', () => {
  it("passes oobguard's own rules: no failing, unknown or error finding on its objects, and the pod, namespace and network rules applied", async () => {
    const findings = await scanDeploy();
    expect(findings.filter((f) => f.status !== 'pass').map((f) => `${f.ruleId} ${f.objectId}: ${f.message}`)).toEqual([]);
    const passed = new Set(findings.map((f) => `${f.ruleId} ${f.objectId}`));
    for (const expected of [
      'ZT-HOST-001.container k8s/CronJob/oobguard/oobguard/oobguard', // restricted container securityContext
      'ZT-HOST-001.pod k8s/CronJob/oobguard/oobguard', // no host namespaces or hostPath
      'ZT-HOST-002 k8s/Namespace/oobguard', // Pod Security Admission enforces restricted
      'ZT-NET-001 k8s/Namespace/oobguard', // default-deny ingress and egress
      'ZT-HOST-005.secrets k8s/ClusterRole/oobguard-read', // no every-verb on Secrets
    ]) expect(passed, expected).toContain(expected);
  });

  it('the rules judge this CronJob for real: a writable root filesystem or added capability fails', async () => {
    const text = await readFile(path.join(K8S, 'cronjob/cronjob.yaml'), 'utf8');
    const weakened = text.replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false').replace('drop: ["ALL"]', 'drop: ["ALL"]\n                  add: ["NET_RAW"]');
    expect(weakened).not.toBe(text);
    const { report } = await scanFiles({ 'cronjob.yaml': weakened }, { configData: { environment: { oob: { namespaces: ['oobguard'] } } }, now: FIXED_NOW });
    const f = report.findings.find((x) => x.ruleId === 'ZT-HOST-001.container');
    expect(f?.status).toBe('fail');
    expect(f?.message).toMatch(/readOnlyRootFilesystem/);
  });

  it('wires the ServiceAccount, ClusterRole, ClusterRoleBinding, ConfigMap and CronJob together by name and namespace', async () => {
    const all = await manifests();
    const ns = one(all, 'Namespace');
    const sa = one(all, 'ServiceAccount');
    const role = one(all, 'ClusterRole') as Obj & { rules: { verbs: string[] }[] };
    const binding = one(all, 'ClusterRoleBinding') as Obj & { roleRef: { apiGroup: string; kind: string; name: string }; subjects: { kind: string; name: string; namespace: string }[] };
    const cron = one(all, 'CronJob') as Obj & { spec: CronJobSpec };
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: ns.metadata.name }]);
    for (const o of all.map((m) => m.obj).filter((o) => !['Namespace', 'ClusterRole', 'ClusterRoleBinding'].includes(o.kind))) {
      expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(ns.metadata.name);
    }
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.serviceAccountName).toBe(sa.metadata.name);
    // The scan reads the API with the ServiceAccount's token; the role is read-only (test/k8s-permissions.test.ts checks it call by call).
    expect(pod.automountServiceAccountToken).toBe(true);
    expect(role.rules.flatMap((r) => r.verbs).every((v) => v === 'list' || v === 'get')).toBe(true);
    const configVolume = pod.volumes.find((v) => v.configMap !== undefined);
    expect(configVolume?.configMap?.name).toBe(one(all, 'ConfigMap').metadata.name);
    const mount = pod.containers[0]!.volumeMounts.find((m) => m.name === configVolume?.name);
    expect(pod.containers[0]!.args).toContain(`--config=${mount?.mountPath}/oobguard.yaml`);
  });

  it('notices drift: each run compares with the last report, kept on its own volume, and leaves its own for the next', async () => {
    const all = await manifests();
    const pod = (one(all, 'CronJob') as Obj & { spec: CronJobSpec }).spec.jobTemplate.spec.template.spec;
    const args = pod.containers[0]!.args;
    const previous = args.find((a) => a.startsWith('--previous='))?.slice('--previous='.length);
    expect(previous).toBeDefined();
    expect(args).toContain(`--output=${previous}`);
    expect(args).toContain('--format=json');
    const state = pod.volumes.find((v) => v.persistentVolumeClaim !== undefined);
    expect(state?.persistentVolumeClaim?.claimName).toBe(one(all, 'PersistentVolumeClaim').metadata.name);
    const mount = pod.containers[0]!.volumeMounts.find((m) => m.name === state?.name);
    expect(previous!.startsWith(`${mount?.mountPath}/`)).toBe(true);
    // The first run has no previous report: a warning, not a usage error.
    await inTempDir(async (dir) => {
      const r = await runCli(['scan', 'ex', '--previous', 'state/last.json', '--format', 'json', '--output', 'state-last.json'], { cwd: dir });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('--previous state/last.json: no previous result yet (a first run?), so nothing is compared');
      const second = await runCli(['scan', 'ex', '--previous', 'state-last.json', '--format', 'json'], { cwd: dir });
      expect((JSON.parse(second.stdout) as { changes?: { against: string } }).changes?.against).toBe('state-last.json');
    }, { ex: path.join(PACKAGE_ROOT, 'examples/hardened') });
  });

  it('locks the pod down: non-root, read-only root filesystem, no escalation, no capabilities, seccomp, resource limits', async () => {
    const cron = one(await manifests(), 'CronJob') as Obj & { spec: CronJobSpec };
    const pod = cron.spec.jobTemplate.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(pod.containers).toHaveLength(1);
    const c = pod.containers[0]!;
    expect(c.securityContext).toEqual({ allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    for (const k of ['cpu', 'memory']) {
      expect(c.resources.requests[k], `requests.${k}`).toBeDefined();
      expect(c.resources.limits[k], `limits.${k}`).toBeDefined();
    }
    // The only writable place is a bounded emptyDir at /tmp (Node's compile cache).
    const writable = pod.volumes.filter((v) => v.emptyDir !== undefined).map((v) => c.volumeMounts.find((m) => m.name === v.name)?.mountPath);
    expect(writable).toEqual(['/tmp']);
  });

  it('never overlaps scans, keeps a short history, and does not rerun an answer (exit 1–3)', async () => {
    const cron = one(await manifests(), 'CronJob') as Obj & { spec: CronJobSpec };
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    expect(cron.spec.successfulJobsHistoryLimit).toBeGreaterThan(0);
    expect(cron.spec.successfulJobsHistoryLimit).toBeLessThanOrEqual(10);
    expect(cron.spec.failedJobsHistoryLimit).toBeGreaterThan(0);
    expect(cron.spec.failedJobsHistoryLimit).toBeLessThanOrEqual(10);
    const job = cron.spec.jobTemplate.spec;
    expect(job.activeDeadlineSeconds).toBeGreaterThan(0);
    expect(job.template.spec.restartPolicy).toBe('Never');
    expect(job.podFailurePolicy.rules.find((r) => r.action === 'FailJob')?.onExitCodes?.values).toEqual([1, 2, 3]);
  });

  it('takes the webhook and the Mattermost token only from an optional Secret, never as literal values', async () => {
    const cron = one(await manifests(), 'CronJob') as Obj & { spec: CronJobSpec };
    const env = cron.spec.jobTemplate.spec.template.spec.containers[0]!.env;
    for (const name of ['OOBGUARD_MATTERMOST_WEBHOOK', 'OOBGUARD_MATTERMOST_TOKEN']) {
      const e = env.find((x) => x.name === name);
      expect(e?.value, name).toBeUndefined();
      expect(e?.valueFrom?.secretKeyRef).toMatchObject({ name: 'oobguard', optional: true });
    }
  });

  it("runs options that `oobguard scan` knows (each one in its --help)", async () => {
    const cron = one(await manifests(), 'CronJob') as Obj & { spec: CronJobSpec };
    const [command, ...args] = cron.spec.jobTemplate.spec.template.spec.containers[0]!.args;
    expect(command).toBe('scan');
    expect(args).toContain('--kube');
    const help = (await runCli(['scan', '--help'], { cwd: PACKAGE_ROOT })).stdout;
    for (const a of args) expect(help, a).toContain(a.split('=')[0]!);
    const raw = await readFile(path.join(K8S, 'cronjob/cronjob.yaml'), 'utf8');
    // The commented-out --mattermost-url line is a real option too.
    expect(raw).toMatch(/# - --mattermost-url=https:\/\//);
    expect(help).toContain('--mattermost-url');
  });

  it('the network: default deny in the namespace; the scanner reaches only DNS, the API server (443/6443) and Mattermost (443)', async () => {
    const all = await manifests();
    type Peer = { ipBlock?: { cidr: string; except?: string[] }; namespaceSelector?: { matchLabels: Record<string, string> }; podSelector?: { matchLabels: Record<string, string> } };
    type Policy = Obj & { spec: { podSelector: { matchLabels?: Record<string, string> }; policyTypes: string[]; ingress?: unknown[]; egress?: { to?: Peer[]; ports?: { port: number; protocol: string }[] }[] } };
    const policies = all.filter((m) => m.obj.kind === 'NetworkPolicy').map((m) => m.obj as Policy);
    const deny = policies.find((p) => Object.keys(p.spec.podSelector).length === 0);
    expect(deny?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const cron = one(all, 'CronJob') as Obj & { spec: CronJobSpec };
    const podLabels = cron.spec.jobTemplate.spec.template.metadata.labels;
    const allow = policies.filter((p) => p !== deny);
    expect(allow).toHaveLength(1);
    const p = allow[0]!;
    expect(Object.entries(p.spec.podSelector.matchLabels ?? {}).every(([k, v]) => podLabels[k] === v)).toBe(true);
    expect(p.spec.ingress ?? []).toEqual([]);
    const rules = p.spec.egress ?? [];
    // Every egress rule names both its peers and its ports; no peer is the whole internet.
    for (const r of rules) {
      expect(r.to?.length).toBeGreaterThan(0);
      expect(r.ports?.length).toBeGreaterThan(0);
      for (const peer of r.to ?? []) if (peer.ipBlock) expect(peer.ipBlock.cidr).toMatch(/\/32$/);
    }
    const ports = rules.map((r) => (r.ports ?? []).map((x) => `${x.port}/${x.protocol}`).sort().join(' '));
    expect(ports).toEqual(['53/TCP 53/UDP', '443/TCP 6443/TCP', '443/TCP']);
    expect(rules[0]!.to).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }]);
  });

  it('the kustomization applies exactly the files of deploy/kubernetes, the namespace first', async () => {
    const k = parseAllDocuments(await readFile(path.join(K8S, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as { resources: string[] };
    const files = ['clusterrole.yaml', ...(await readdir(path.join(K8S, 'cronjob'))).map((f) => `cronjob/${f}`)];
    expect([...k.resources].sort()).toEqual(files.sort());
    expect(k.resources[0]).toBe('cronjob/namespace.yaml');
  });

  it("the Dockerfile installs the package and runs its CLI (package.json's bin) as the CronJob's non-root user", async () => {
    const docker = await readFile(path.join(PACKAGE_ROOT, 'deploy/Dockerfile'), 'utf8');
    const pkg = JSON.parse(await readFile(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; bin: Record<string, string> };
    expect(docker).toMatch(/^ARG NODE_IMAGE=node:24-slim$/m);
    expect(docker).toMatch(/^ARG RUNTIME_IMAGE=gcr\.io\/distroless\/nodejs24-[a-z0-9]+:nonroot$/m);
    expect(docker).toContain('--omit=dev --ignore-scripts');
    const entry = /^ENTRYPOINT \["\/nodejs\/bin\/node", "\/opt\/oobguard\/node_modules\/([^/]+)\/(.+)"\]$/m.exec(docker);
    expect(entry?.[1]).toBe(pkg.name);
    expect(entry?.[2]).toBe(pkg.bin['oobguard']);
    const user = /^USER (\d+):(\d+)$/m.exec(docker);
    const cron = one(await manifests(), 'CronJob') as Obj & { spec: CronJobSpec };
    expect(Number(user?.[1])).toBe(cron.spec.jobTemplate.spec.template.spec.securityContext.runAsUser);
  });
});
