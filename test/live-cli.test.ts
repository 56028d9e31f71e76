/**
 * Live sources through the command line, against local servers that speak the real protocols:
 * one report from a cluster, a Mattermost server and files together, coverage in the report,
 * tokens only from the environment and never in any output.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTempDir, runCli } from './helpers/cli.ts';
import { emptyCluster, forbidden, makeCerts, meta, startKubeApiServer, type KubeApiServer } from './helpers/k8s-api-server.ts';
import { apiUser, sanitizedConfig, startMattermostApi, type FakeMattermost } from './helpers/mattermost-api-server.ts';

const MM_TOKEN = 'canary-mm-token-4f1d2b7a9c';
let kube: KubeApiServer;
let mm: FakeMattermost;

beforeAll(async () => {
  kube = await startKubeApiServer({
    certs: makeCerts(),
    resources: {
      ...emptyCluster(),
      '/v1/namespaces': { kind: 'Namespace', items: [{ metadata: { ...meta(null, 'mattermost'), labels: { 'pod-security.kubernetes.io/enforce': 'restricted' } } }] },
      'installation.mattermost.com/v1beta1/mattermosts': { kind: 'Mattermost', items: [{ metadata: meta('mattermost', 'chat'), spec: { version: '10.5.2', replicas: 2 } }] },
    },
    override: (req) => (req.path === '/apis/networking.k8s.io/v1/networkpolicies' ? forbidden('networkpolicies', 'networking.k8s.io', null) : undefined),
  });
  mm = await startMattermostApi({ token: MM_TOKEN, config: sanitizedConfig(), users: [apiUser(1), apiUser(2, { roles: 'system_user system_admin' })] });
});
afterAll(async () => {
  await kube.close();
  await mm.close();
});

describe('oobguard scan with live sources', () => {
  it('a cluster, a Mattermost server and files in one report; forbidden reads are unknown; coverage is reported', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'kubeconfig'), kube.kubeconfig());
      const r = await runCli(['scan', '--kubeconfig', 'kubeconfig', '--mattermost-url', mm.url, '--format', 'json'], { cwd: dir, env: { OOBGUARD_MATTERMOST_TOKEN: MM_TOKEN } });
      expect(r.stderr).not.toContain(MM_TOKEN);
      expect(r.stdout).not.toContain(MM_TOKEN);
      const report = JSON.parse(r.stdout) as { findings: { ruleId: string; status: string; objectName: string; reasons?: string[]; source: { file: string } }[]; coverage: { source: string; calls: number; failedCalls: number; gaps: number }[]; exitCode: number };
      expect(report.coverage.map((c) => c.source).sort()).toEqual(['kubernetes', 'mattermost']);
      expect(report.coverage.find((c) => c.source === 'kubernetes')).toMatchObject({ failedCalls: 1, gaps: 1 });
      // The CR read from the API is judged like a manifest (it has no zone spreading) …
      const ha = report.findings.find((f) => f.ruleId === 'ZT-HOST-006.operator');
      expect(ha?.status).toBe('fail');
      expect(ha?.source.file).toMatch(/^oobguard-live\/kubernetes\//);
      // … the namespace's default-deny cannot be judged without NetworkPolicies …
      const netpol = report.findings.find((f) => f.ruleId === 'ZT-NET-001' && f.objectName === 'mattermost');
      expect(netpol?.status).toBe('unknown');
      expect(netpol?.reasons?.join(' ')).toContain('list networkpolicies.networking.k8s.io');
      // … and the Mattermost config read from the API is judged, with its source.
      const mfa = report.findings.find((f) => f.ruleId === 'ZT-MFA-001');
      expect(mfa?.source.file).toMatch(/^oobguard-live\/mattermost\//);
      expect(report.exitCode).toBe(2);
      const sarif = await runCli(['scan', '--kubeconfig', 'kubeconfig', '--mattermost-url', mm.url, '--format', 'sarif'], { cwd: dir, env: { OOBGUARD_MATTERMOST_TOKEN: MM_TOKEN } });
      expect(sarif.stdout).not.toContain(MM_TOKEN);
      expect(JSON.parse(sarif.stdout).runs.length).toBeGreaterThanOrEqual(1);
    });
  });

  it('--mattermost-url without a token in the environment is a usage error that names the variable', async () => {
    await inTempDir(async (dir) => {
      const r = await runCli(['scan', '--mattermost-url', mm.url], { cwd: dir });
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('OOBGUARD_MATTERMOST_TOKEN');
    });
  });

  it('a live source alone is a scan; --azure without a subscription is a usage error, never a silent empty scan', async () => {
    await inTempDir(async (dir) => {
      const none = await runCli(['scan'], { cwd: dir });
      expect(none.code).toBe(3);
      expect(none.stderr).toContain('a live source (--kube, --aws, --azure, --mattermost-url)');
      for (const cmd of ['scan', 'collect']) {
        const r = await runCli([cmd, '--azure'], { cwd: dir, env: {} });
        expect(r.code).toBe(3);
        expect(r.stderr).toBe(`oobguard ${cmd}: --azure needs what to read: --subscription ID (repeatable) or AZURE_SUBSCRIPTION_ID, or --tenant ID for Entra ID (Graph) only\n`);
      }
    });
  });

  it('--min-coverage turns a partly forbidden cluster into exit 2 with a message', async () => {
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'kubeconfig'), kube.kubeconfig());
      const r = await runCli(['scan', '--kubeconfig', 'kubeconfig', '--min-coverage', '99', '--format', 'json'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/kubernetes .*: [\d.]+% of \d+ API calls succeeded, below --min-coverage 99%/);
    });
  });
});

describe('oobguard scan --aws', () => {
  it('reads the account of the default credential chain (here: environment variables and AWS_ENDPOINT_URL) and judges it with the same rules', async () => {
    const { startAwsApi } = await import('./helpers/aws-api-server.ts');
    const srv = await startAwsApi({
      accountId: '222222222222', callerArn: 'arn:aws:iam::222222222222:user/oobguard-scanner',
      buckets: [
        { name: 'oob-backups', region: 'eu-west-1', versioning: { status: 'Enabled' }, encryption: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:eu-west-1:222222222222:key/1', bucketKey: true } },
        { name: 'oob-scratch', region: 'eu-west-1' },
      ],
      clusters: [],
    });
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      AWS_ENDPOINT_URL: srv.endpoint, AWS_EC2_METADATA_DISABLED: 'true', AWS_REGION: 'eu-west-1',
    });
    delete process.env['AWS_PROFILE'];
    try {
      await inTempDir(async (dir) => {
        const r = await runCli(['scan', '--aws', '--format', 'json'], { cwd: dir, env: process.env });
        const report = JSON.parse(r.stdout) as { findings: { ruleId: string; status: string; objectName: string; source: { ref?: string } }[]; coverage: { source: string; scope: string }[] };
        expect(report.coverage).toEqual([expect.objectContaining({ source: 'aws', scope: '222222222222' })]);
        const versioning = report.findings.filter((f) => f.ruleId === 'OOB-BKP-004.s3');
        expect(versioning.map((f) => [f.objectName, f.status]).sort()).toEqual([['oob-backups', 'pass'], ['oob-scratch', 'fail']]);
        expect(versioning.find((f) => f.status === 'fail')?.source.ref).toBe('arn:aws:s3:::oob-scratch');
        expect(r.stdout).not.toContain('wJalrXUtnFEMI');
      });
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      await srv.close();
    }
  });
});

describe('progress', () => {
  it('is reported through io.progress (a terminal) and cleared before the report; absent io.progress, nothing is written', async () => {
    const { main } = await import('../src/cli/main.ts');
    await inTempDir(async (dir) => {
      await writeFile(path.join(dir, 'kubeconfig'), kube.kubeconfig());
      const messages: (string | null)[] = [];
      let stderr = '';
      const code = await main(['scan', '--kubeconfig', 'kubeconfig', '--format', 'json', '-o', 'out.json'], {
        cwd: dir, stdout: () => {}, stderr: (s) => { stderr += s; }, stdin: async () => new Uint8Array(), color: false, env: {},
        progress: (m) => { messages.push(m); },
      });
      expect(code).toBe(2);
      expect(messages).toContain('reading the Kubernetes API…');
      expect(messages.some((m) => m !== null && /^evaluating \d+ rules…$/.test(m))).toBe(true);
      expect(messages.at(-1)).toBeNull();
      expect(stderr).not.toContain('evaluating');
    });
  });
});
