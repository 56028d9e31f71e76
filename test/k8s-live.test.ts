/**
 * The live Kubernetes collector against a local https API server: the real SDK speaks HTTP to it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectKubernetes } from '../src/collectors/k8s-live/collect.ts';
import { collectFiles } from '../src/collectors/files.ts';
import { defaultConfig } from '../src/config/config.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { emptySnapshot } from '../src/model/snapshot.ts';
import { loadRules } from '../src/run.ts';
import type { LiveResult } from '../src/collectors/live/types.ts';
import { forbidden, makeCerts, startKubeApiServer, status, type K8sItem, type KubeApiServer, type TestCerts } from './helpers/k8s-api-server.ts';

const NOW = '2026-11-20T12:00:00.000Z';
const DB_PASSWORD = 'Zq9-live-db-password-7731';
const DSN = `postgres://mmuser:${DB_PASSWORD}@mm-db.oob.internal:5432/mattermost?sslmode=disable&connect_timeout=10`;
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYLIVEKEY77';
const TLS_KEY = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC-test-key\n-----END PRIVATE KEY-----\n';
const LEGACY_SECRET = 'legacy-app-password-4410';
const SECRET_VALUES = [DB_PASSWORD, AWS_SECRET, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC-test-key', LEGACY_SECRET];
const b64 = (s: string): string => Buffer.from(s).toString('base64');
/** Leaf for chat.oob.example valid until 2026-12-01 (11 days after NOW) + its issuing CA. */
const TLS_CRT = readFileSync(new URL('./fixtures/tls/chat-oob-example-2026-12-01.pem', import.meta.url), 'utf8');

const managedFields = [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'v1', time: '2026-11-01T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }];
const md = (namespace: string | null, name: string, extra: Record<string, unknown> = {}): K8sItem['metadata'] => ({
  name, ...(namespace === null ? {} : { namespace }), uid: `uid-${namespace ?? ''}-${name}`, resourceVersion: '4711',
  creationTimestamp: '2026-11-01T10:00:00Z', managedFields, ...extra,
});
const podSpec = (image: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  serviceAccountName: 'default',
  containers: [{ name: image.includes('mattermost') ? 'mattermost' : 'app', image, ...extra }],
});

function pods(): K8sItem[] {
  const out: K8sItem[] = [];
  for (let i = 1; i <= 6; i++) out.push({ metadata: md('mattermost', `debug-${i}`), spec: podSpec('busybox:1.36') });
  // Owned by a ReplicaSet: described by its Deployment already, so not reported again.
  out.push({
    metadata: md('mattermost', 'mattermost-6b7f9-abcde', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'mattermost-6b7f9', uid: 'x', controller: true }] }),
    spec: podSpec('mattermost/mattermost-enterprise-edition:10.5.1'),
  });
  return out;
}

const EMPTY_BUILTINS = Object.fromEntries([
  ['apps/v1/statefulsets', 'StatefulSet'], ['apps/v1/daemonsets', 'DaemonSet'], ['batch/v1/jobs', 'Job'],
  ['networking.k8s.io/v1/networkpolicies', 'NetworkPolicy'], ['/v1/serviceaccounts', 'ServiceAccount'],
  ['rbac.authorization.k8s.io/v1/roles', 'Role'], ['rbac.authorization.k8s.io/v1/rolebindings', 'RoleBinding'],
  ['rbac.authorization.k8s.io/v1/clusterroles', 'ClusterRole'], ['rbac.authorization.k8s.io/v1/clusterrolebindings', 'ClusterRoleBinding'],
].map(([key, kind]) => [key!, { kind: kind!, items: [] as K8sItem[] }]));

const RESOURCES = {
  ...EMPTY_BUILTINS,
  '/v1/namespaces': {
    kind: 'Namespace',
    items: ['mattermost', 'velero', 'legacy', 'kube-system'].map((n) => ({ metadata: md(null, n), spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' } })),
  },
  '/v1/pods': { kind: 'Pod', items: pods() },
  'apps/v1/deployments': {
    kind: 'Deployment',
    items: [{
      // A Mattermost container in "legacy", whose Secret the scanner may not read.
      metadata: md('legacy', 'mm-legacy'),
      spec: {
        selector: { matchLabels: { app: 'mm-legacy' } },
        template: {
          metadata: { labels: { app: 'mm-legacy' } },
          spec: podSpec('registry.example/mattermost/mattermost-team-edition:9.11.0', {
            env: [{ name: 'MM_SQLSETTINGS_DATASOURCE', valueFrom: { secretKeyRef: { name: 'app', key: 'password' } } }],
          }),
        },
      },
    }, {
      // Not a Mattermost container: the Secret it names is none of the scanner's business.
      metadata: md('mattermost', 'sidecar-job'),
      spec: {
        selector: { matchLabels: { app: 'sidecar' } },
        template: { metadata: { labels: { app: 'sidecar' } }, spec: podSpec('busybox:1.36', { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'unrelated', key: 'x' } } }] }) },
      },
    }, {
      metadata: md('mattermost', 'mattermost', { labels: { app: 'mattermost' } }),
      spec: {
        replicas: 2, selector: { matchLabels: { app: 'mattermost' } },
        template: {
          metadata: { labels: { app: 'mattermost' } },
          spec: podSpec('mattermost/mattermost-enterprise-edition:10.5.1', {
            env: [{ name: 'MM_SQLSETTINGS_DATASOURCE', valueFrom: { secretKeyRef: { name: 'mm-db', key: 'DB_CONNECTION_STRING' } } }],
            securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false },
          }),
        },
      },
      status: { replicas: 2, readyReplicas: 2 },
    }],
  },
  'apps/v1/replicasets': {
    kind: 'ReplicaSet',
    items: [{
      metadata: md('mattermost', 'mattermost-6b7f9', { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'mattermost', uid: 'y', controller: true }] }),
      spec: { replicas: 2, template: { metadata: { labels: { app: 'mattermost' } }, spec: podSpec('mattermost/mattermost-enterprise-edition:10.5.1') } },
    }],
  },
  '/v1/secrets': {
    kind: 'Secret',
    items: [
      {
        metadata: md('mattermost', 'mm-db', {
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'v1', kind: 'Secret', stringData: { DB_CONNECTION_STRING: DSN } }) },
        }),
        type: 'Opaque', data: { DB_CONNECTION_STRING: b64(DSN) },
      },
      { metadata: md('mattermost', 'mm-tls'), type: 'kubernetes.io/tls', data: { 'tls.crt': b64(TLS_CRT), 'tls.key': b64(TLS_KEY) } },
      { metadata: md('velero', 'cloud-credentials'), type: 'Opaque', data: { cloud: b64(`[default]\naws_access_key_id=AKIAIOSFODNN7EXAMPLE\naws_secret_access_key=${AWS_SECRET}\n`) } },
      { metadata: md('legacy', 'app'), type: 'Opaque', data: { password: b64(LEGACY_SECRET) } },
      { metadata: md('mattermost', 'unrelated'), type: 'Opaque', data: { x: b64('unrelated-value') } },
      { metadata: md('mattermost', 'mm-license'), type: 'Opaque', data: { license: b64('license-text') } },
    ],
  },
  'networking.k8s.io/v1/ingresses': {
    kind: 'Ingress',
    items: [{ metadata: md('mattermost', 'chat'), spec: { tls: [{ hosts: ['chat.oob.example'], secretName: 'mm-tls' }], rules: [] } }],
  },
  'batch/v1/cronjobs': {
    kind: 'CronJob',
    items: [{
      // Same Secret as the Deployment and the CR: read once.
      metadata: md('mattermost', 'mm-maint'),
      spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: { spec: podSpec('mattermost/mattermost-enterprise-edition:10.5.1', {
        env: [{ name: 'MM_SQLSETTINGS_DATASOURCE', valueFrom: { secretKeyRef: { name: 'mm-db', key: 'DB_CONNECTION_STRING' } } }],
      }) } } } },
    }],
  },
  'velero.io/v1/backupstoragelocations': {
    kind: 'BackupStorageLocation',
    items: [{ metadata: md('velero', 'default'), spec: { provider: 'aws', objectStorage: { bucket: 'oob-backups' }, credential: { name: 'cloud-credentials', key: 'cloud' } } }],
  },
  '/v1/configmaps': { kind: 'ConfigMap', items: [{ metadata: md('mattermost', 'mm-settings'), data: { SITE_URL: 'https://chat.oob.example' } }] },
  '/v1/services': { kind: 'Service', items: [{ metadata: md('mattermost', 'mattermost'), spec: { type: 'ClusterIP', selector: { app: 'mattermost' }, ports: [{ port: 8065 }] } }] },
  'installation.mattermost.com/v1beta1/mattermosts': {
    kind: 'Mattermost',
    items: [{
      metadata: md('mattermost', 'oob-chat'),
      spec: {
        image: 'mattermost/mattermost-enterprise-edition', version: '10.5.1', replicas: 2, database: { external: { secret: 'mm-db' } },
        // mm-files does not exist (404: no gap); mm-license is read through mattermostEnv.
        fileStore: { external: { url: 's3.amazonaws.com', bucket: 'oob-files', secret: 'mm-files' } },
        mattermostEnv: [{ name: 'MM_LICENSE', valueFrom: { secretKeyRef: { name: 'mm-license', key: 'license' } } }],
      },
      status: { state: 'stable' },
    }],
  },
};

describe('collectKubernetes against a local API server', () => {
  let certs: TestCerts;
  let server: KubeApiServer;
  let result: LiveResult;

  beforeAll(async () => {
    certs = makeCerts();
    server = await startKubeApiServer({
      certs,
      resources: RESOURCES,
      override: (req, attempt) => {
        // The scanner may not read Secrets in "legacy".
        if (req.path.startsWith('/api/v1/namespaces/legacy/secrets/')) return forbidden('secrets', '', 'legacy', undefined, 'get', req.path.split('/').pop());
        // A flaky apiserver: the first ConfigMap list fails, the retry succeeds.
        if (req.path === '/api/v1/configmaps' && attempt === 1) return status(500, 'InternalError', 'etcdserver: leader changed');
        // A body cut short by a proxy.
        if (req.path === '/api/v1/services') return { status: 200, body: '{"kind":"ServiceList","apiVersion":"v1","metadata":{},"items":[{"metadata":', contentType: 'application/json' };
        return undefined;
      },
    });
    result = await collectKubernetes({
      kubeconfig: server.kubeconfig(), namespaces: ['mattermost', 'velero', 'legacy'], pageSize: 3, retryDelayMs: 1,
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const refs = (): string[] => result.documents.map((d) => d.source.ref ?? '');

  it('follows continue tokens across three pages and fills in apiVersion/kind', () => {
    const podCalls = server.requests.filter((r) => r.path === '/api/v1/pods');
    expect(podCalls.map((r) => [r.query.get('limit'), r.query.get('continue') !== null])).toEqual([['3', false], ['3', true], ['3', true]]);
    const podDocs = result.documents.filter((d) => d.doc['kind'] === 'Pod');
    expect(podDocs.map((d) => d.source.ref)).toEqual([1, 2, 3, 4, 5, 6].map((i) => `Pod/mattermost/debug-${i}`));
    expect(podDocs[0]!.doc['apiVersion']).toBe('v1');
    expect(podDocs[0]!.source).toEqual({ file: 'oobguard-live/kubernetes/oob-test', line: 1, ref: 'Pod/mattermost/debug-1' });
    const ns = result.documents.find((d) => d.source.ref === 'Namespace/mattermost');
    expect(ns?.doc).toMatchObject({ apiVersion: 'v1', kind: 'Namespace' });
  });

  it('drops managedFields and objects whose controller already carries their template', () => {
    expect(JSON.stringify(result)).not.toContain('managedFields');
    expect(refs()).not.toContain('Pod/mattermost/mattermost-6b7f9-abcde');
    expect(refs()).not.toContain('ReplicaSet/mattermost/mattermost-6b7f9');
    expect(refs()).toContain('Deployment/mattermost/mattermost');
  });

  it('never lists Secrets: GETs each referenced Secret once, by name, in its namespace', () => {
    expect(server.requests.some((r) => /\/secrets$/.test(r.path))).toBe(false);
    const gets = server.requests.filter((r) => r.path.includes('/secrets/')).map((r) => r.path).sort();
    expect(gets).toEqual([
      '/api/v1/namespaces/legacy/secrets/app',
      '/api/v1/namespaces/mattermost/secrets/mm-db',
      '/api/v1/namespaces/mattermost/secrets/mm-files',
      '/api/v1/namespaces/mattermost/secrets/mm-license',
      '/api/v1/namespaces/mattermost/secrets/mm-tls',
      '/api/v1/namespaces/velero/secrets/cloud-credentials',
    ]);
    expect(refs().filter((r) => r.startsWith('Secret/'))).toEqual([
      'Secret/mattermost/mm-db', 'Secret/mattermost/mm-license', 'Secret/mattermost/mm-tls', 'Secret/velero/cloud-credentials',
    ]);
  });

  it('turns a forbidden Secret GET into a gap scoped to its namespace; a missing Secret is no gap', () => {
    const secretGaps = result.coverage.gaps.filter((g) => g.collection === 'k8s.secrets');
    expect(secretGaps).toEqual([{
      collection: 'k8s.secrets', scope: 'legacy', api: 'GET /api/v1/namespaces/legacy/secrets/app',
      error: '403 Forbidden: secrets "app" is forbidden: User "system:serviceaccount:oobguard:scanner" cannot get resource "secrets" in API group "" in the namespace "legacy"',
      permission: 'get secrets',
    }]);
    expect(secretGaps.some((g) => g.api.includes('mm-files'))).toBe(false);
  });

  it('treats a CRD that is not installed as absent, not as a gap', () => {
    expect(server.requests.some((r) => r.path === '/apis/velero.io/v1/schedules')).toBe(true);
    expect(result.coverage.gaps.filter((g) => g.collection.startsWith('k8s.velero'))).toEqual([]);
    expect(refs()).toContain('BackupStorageLocation/velero/default');
    expect(refs()).toContain('Mattermost/mattermost/oob-chat');
  });

  it('retries a 500 and keeps what the retry read', () => {
    expect(server.requests.filter((r) => r.path === '/api/v1/configmaps')).toHaveLength(2);
    expect(refs()).toContain('ConfigMap/mattermost/mm-settings');
    expect(result.coverage.gaps.filter((g) => g.collection === 'k8s.configMaps')).toEqual([]);
  });

  it('reports a malformed body as a gap without echoing it', () => {
    const g = result.coverage.gaps.filter((x) => x.collection === 'k8s.services');
    expect(g).toEqual([{ collection: 'k8s.services', scope: '', api: 'GET /api/v1/services', error: expect.stringMatching(/^malformed JSON response/), permission: 'list services' }]);
    expect(g[0]!.error).not.toContain('ServiceList');
  });

  it('counts calls honestly and never makes the same call twice (beyond the one retry)', () => {
    const urls = server.requests.map((r) => r.url).filter((u) => !u.startsWith('/api/v1/configmaps'));
    expect(new Set(urls).size).toBe(urls.length);
    // Every request except the 500 that was retried is one call.
    expect(result.coverage.calls).toBe(server.requests.length - 1);
    expect(result.coverage).toMatchObject({ source: 'kubernetes', scope: 'oob-test', failedCalls: 2 });
    expect(server.maxInFlight()).toBeLessThanOrEqual(4);
  });

  it('never lets a Secret value reach the result, even in annotations', () => {
    const text = JSON.stringify(result);
    for (const v of [...SECRET_VALUES, DSN, b64(DSN), b64(TLS_KEY)]) expect(text).not.toContain(v);
    const tls = result.documents.find((d) => d.source.ref === 'Secret/mattermost/mm-tls')!;
    // Of a TLS Secret only the public certificate is kept, and never serialized.
    expect(tls.doc['data']).toEqual({ 'tls.crt': b64(TLS_CRT), 'tls.key': '' });
    expect(text).not.toContain(b64(TLS_CRT));
  });

  it('feeds the same model as files: containers, the CR and its DB Secret DSN facts, and unknown rules for the forbidden namespace', async () => {
    const files = await collectFiles({ cwd: process.cwd(), paths: [], live: [result] });
    const containers = files.k8s.containers.filter((c) => c.workload.kind === 'Deployment' && c.namespace === 'mattermost' && c.isMattermost);
    expect(containers.map((c) => [c.namespace, c.workload.name, c.name, c.isMattermost])).toEqual([['mattermost', 'mattermost', 'mattermost', true]]);
    expect(containers[0]!.source.file).toBe('oobguard-live/kubernetes/oob-test');
    const mm = files.k8s.mattermosts.find((m) => m.name === 'oob-chat')!;
    expect(mm.database.secretName).toBe('mm-db');
    expect(mm.database.secretFound).toBe(true);
    expect(mm.database.dsns[0]).toMatchObject({ host: 'mm-db.oob.internal' });
    const secret = files.k8s.secrets.find((s) => s.name === 'mm-db')!;
    expect(secret.keys).toEqual(['DB_CONNECTION_STRING']);
    expect(secret.rotatedAt).toBe('2026-11-01T10:00:00Z');
    const tlsSecret = files.k8s.secrets.find((s) => s.name === 'mm-tls')!;
    expect(tlsSecret.keys).toEqual(['tls.crt', 'tls.key']);
    expect(tlsSecret.certificate).toMatchObject({
      subject: 'CN=chat.oob.example', issuer: 'CN=OOB Test Issuing CA', notBefore: '2026-09-01T00:00:00.000Z', notAfter: '2026-12-01T00:00:00.000Z',
      dnsNames: ['chat.oob.example'], selfSigned: false, chainLength: 2,
    });
    expect(tlsSecret.ingressHosts).toEqual(['chat.oob.example']);

    const snapshot = emptySnapshot('test', NOW);
    snapshot.k8s = files.k8s;
    snapshot.mattermost.configs = files.configs;
    snapshot.coverage = [result.coverage];
    const text = JSON.stringify(snapshot);
    for (const v of [...SECRET_VALUES, b64(DSN)]) expect(text).not.toContain(v);

    const { rules } = await loadRules({ cwd: process.cwd() });
    const out = evaluate({ rules, snapshot, config: defaultConfig(), now: NOW });
    // The certificate the cluster serves for chat.oob.example runs out in 11 days.
    const config = defaultConfig();
    config.environment.oob.hostnames = ['chat.oob.example'];
    const cert = evaluate({ rules, snapshot, config, now: NOW }).findings.filter((f) => f.ruleId === 'ZT-ENC-001.certificate');
    expect(cert.map((f) => [f.status, f.objectName, f.namespace, f.message])).toEqual([
      ['unknown', 'k8s.secrets', 'legacy', expect.stringContaining('k8s.secrets could not be read')],
      ['fail', 'mm-tls', 'mattermost', 'Secret mm-tls: certificate CN=chat.oob.example is valid from 2026-09-01T00:00:00.000Z to 2026-12-01T00:00:00.000Z (expires within 14 days)'],
    ]);
    expect(JSON.stringify(snapshot)).not.toContain(TLS_CRT.split('\n')[1]!);
    const secretRules = rules.filter((r) => r.meta.target === 'k8s.secrets').map((r) => r.meta.id);
    expect(secretRules.length).toBeGreaterThan(0);
    const unknown = out.findings.filter((f) => f.objectKind === 'Coverage' && f.objectName === 'k8s.secrets');
    expect(unknown.map((f) => [f.ruleId, f.status, f.namespace]).sort()).toEqual(secretRules.map((id) => [id, 'unknown', 'legacy']).sort());
    expect(unknown[0]!.reasons?.[0]).toContain('needs get secrets');
    // The facts that needed the forbidden Secret are unknown for "legacy", not guessed.
    const dsn = out.findings.find((f) => f.ruleId === 'ZT-ENC-003.dsn-verified' && f.namespace === 'legacy');
    expect(dsn?.status).toBe('unknown');
    expect(dsn?.reasons?.join(' ')).toContain('Secret legacy/app');
  });
});

describe('collectKubernetes failures', () => {
  let certs: TestCerts;
  beforeAll(() => {
    certs = makeCerts();
  });

  it('without namespaces, a cluster-wide 403 is a gap for the whole cluster; a list of a kind that names Secrets leaves k8s.secrets unknown too', async () => {
    const server = await startKubeApiServer({
      certs, resources: RESOURCES,
      override: (req) => (req.path === '/apis/networking.k8s.io/v1/ingresses' ? forbidden('ingresses', 'networking.k8s.io', null) : undefined),
    });
    try {
      const r = await collectKubernetes({ kubeconfig: server.kubeconfig() });
      const error = '403 Forbidden: ingresses.networking.k8s.io is forbidden: User "system:serviceaccount:oobguard:scanner" cannot list resource "ingresses" in API group "networking.k8s.io" at the cluster scope';
      expect(r.coverage.gaps).toEqual([
        { collection: 'k8s.ingresses', scope: '', api: 'GET /apis/networking.k8s.io/v1/ingresses', permission: 'list ingresses.networking.k8s.io', error },
        { collection: 'k8s.secrets', scope: '', api: 'GET /apis/networking.k8s.io/v1/ingresses', permission: 'list ingresses.networking.k8s.io', error },
      ]);
      expect(r.coverage.failedCalls).toBe(1);
      expect(server.requests.some((q) => q.path.endsWith('/secrets'))).toBe(false);
      // The TLS Secret is no longer referenced by anything read; the others still are.
      expect(server.requests.some((q) => q.path.endsWith('/secrets/mm-tls'))).toBe(false);
      expect(r.documents.some((d) => d.source.ref === 'Secret/mattermost/mm-db')).toBe(true);
      // Without the 403 in "legacy", its Secret is read as well.
      expect(r.documents.some((d) => d.source.ref === 'Secret/legacy/app')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('a Secret GET that keeps failing is a gap in its namespace; a Secret answered with another name is refused', async () => {
    const server = await startKubeApiServer({
      certs, resources: RESOURCES,
      override: (req) => {
        if (req.path === '/api/v1/namespaces/mattermost/secrets/mm-db') return status(503, 'ServiceUnavailable', 'etcd is unavailable');
        if (req.path === '/api/v1/namespaces/velero/secrets/cloud-credentials') {
          return { status: 200, body: { kind: 'Secret', apiVersion: 'v1', metadata: { name: 'other', namespace: 'velero' }, type: 'Opaque', data: {} } };
        }
        return undefined;
      },
    });
    try {
      const r = await collectKubernetes({ kubeconfig: server.kubeconfig(), retryDelayMs: 1 });
      expect(server.requests.filter((q) => q.path === '/api/v1/namespaces/mattermost/secrets/mm-db')).toHaveLength(3);
      expect(r.coverage.gaps).toEqual([
        { collection: 'k8s.secrets', scope: 'mattermost', api: 'GET /api/v1/namespaces/mattermost/secrets/mm-db', error: '503 Service Unavailable: etcd is unavailable', permission: 'get secrets' },
        { collection: 'k8s.secrets', scope: 'velero', api: 'GET /api/v1/namespaces/velero/secrets/cloud-credentials', error: 'malformed response: not the Secret asked for', permission: 'get secrets' },
      ]);
      expect(r.documents.some((d) => d.doc['kind'] === 'Secret' && (d.source.ref ?? '').startsWith('Secret/velero/'))).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('a rejected token is a 401 gap on every collection; a hung call times out into a gap', async () => {
    const server = await startKubeApiServer({
      certs, resources: RESOURCES,
      override: (req) => (req.path === '/apis/networking.k8s.io/v1/networkpolicies' ? 'hang' : undefined),
    });
    try {
      const denied = await collectKubernetes({ kubeconfig: server.kubeconfig({ token: 'wrong' }) });
      expect(denied.coverage.gaps.map((g) => g.error)).toEqual(denied.coverage.gaps.map(() => '401 Unauthorized'));
      expect(new Set(denied.coverage.gaps.map((g) => g.collection)).size).toBe(16);
      expect(denied.documents).toEqual([]);

      const slow = await collectKubernetes({ kubeconfig: server.kubeconfig(), timeoutMs: 300 });
      expect(slow.coverage.gaps).toEqual([{
        collection: 'k8s.networkPolicies', scope: '', api: 'GET /apis/networking.k8s.io/v1/networkpolicies',
        error: 'timed out after 300 ms', permission: 'list networkpolicies.networking.k8s.io',
      }]);
    } finally {
      await server.close();
    }
  });

  it('a 503 that never recovers becomes a gap after the retries; a closed port is a gap, not a crash', async () => {
    const server = await startKubeApiServer({
      certs, resources: RESOURCES,
      override: (req) => (req.path === '/apis/apps/v1/deployments' ? status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request') : undefined),
    });
    let closedConfig: string;
    try {
      const r = await collectKubernetes({ kubeconfig: server.kubeconfig(), retryDelayMs: 1 });
      expect(server.requests.filter((q) => q.path === '/apis/apps/v1/deployments')).toHaveLength(3);
      expect(r.coverage.gaps.map((g) => [g.collection, g.error])).toEqual([
        ['k8s.containers', '503 Service Unavailable: the server is currently unable to handle the request'],
        ['k8s.secrets', '503 Service Unavailable: the server is currently unable to handle the request'],
        ['k8s.workloads', '503 Service Unavailable: the server is currently unable to handle the request'],
      ]);
      closedConfig = server.kubeconfig();
    } finally {
      await server.close();
    }
    const gone = await collectKubernetes({ kubeconfig: closedConfig, retryDelayMs: 1, attempts: 1 });
    expect(gone.documents).toEqual([]);
    expect(gone.coverage.failedCalls).toBe(gone.coverage.calls);
    expect(gone.coverage.gaps.every((g) => g.error.startsWith('request failed'))).toBe(true);
  });

  it('an unknown context is reported, not thrown', async () => {
    const server = await startKubeApiServer({ certs, resources: RESOURCES });
    try {
      const r = await collectKubernetes({ kubeconfig: server.kubeconfig(), context: 'prod' });
      expect(r.coverage.calls).toBe(0);
      expect(r.coverage.gaps[0]).toMatchObject({ scope: '', api: 'kubeconfig', error: 'kubeconfig has no context "prod"' });
      expect(server.requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
