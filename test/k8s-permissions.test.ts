/**
 * Least privilege: every request the live Kubernetes collector makes (against a local https API
 * server, through the real SDK) must be allowed by deploy/kubernetes/clusterrole.yaml, Secrets
 * are only ever read by name, and the ClusterRole grants nothing the collector does not use.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { collectKubernetes } from '../src/collectors/k8s-live/collect.ts';
import { KINDS } from '../src/collectors/k8s-live/kinds.ts';
import { forbidden, makeCerts, startKubeApiServer, type K8sItem, type KubeApiServer, type RequestRecord, type Resource } from './helpers/k8s-api-server.ts';

const ROLE_FILE = path.join(process.cwd(), 'deploy/kubernetes/clusterrole.yaml');

interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}
interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  rules?: PolicyRule[];
  roleRef?: { apiGroup?: string; kind?: string; name?: string };
  subjects?: { kind?: string; name?: string; namespace?: string }[];
}

function loadManifests(): Manifest[] {
  return parseAllDocuments(readFileSync(ROLE_FILE, 'utf8')).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS() as Manifest;
  });
}

/** What RBAC sees in a request: verb, API group, resource, namespace and name. */
interface Access {
  verb: string;
  group: string;
  resource: string;
  namespace: string | null;
  name: string | null;
}

/** Method + path → RBAC attributes, as the API server's request-info resolver does for these paths. */
function accessOf(r: RequestRecord): Access {
  const segs = r.path.split('/').filter((s) => s !== '');
  let group: string;
  let rest: string[];
  if (segs[0] === 'api' && segs[1] === 'v1') {
    group = '';
    rest = segs.slice(2);
  } else if (segs[0] === 'apis' && segs.length >= 3) {
    group = segs[1]!;
    rest = segs.slice(3);
  } else {
    throw new Error(`not a resource path: ${r.path}`);
  }
  let namespace: string | null = null;
  // `/namespaces/{ns}/{resource}…` is namespaced; `/namespaces` and `/namespaces/{name}` are the Namespace resource itself.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1]!;
    rest = rest.slice(2);
  }
  if (rest.length < 1 || rest.length > 2) throw new Error(`unexpected resource path (subresource?): ${r.path}`);
  const named = rest.length === 2;
  let verb: string;
  if (r.method === 'GET') verb = r.query.get('watch') === 'true' || r.query.get('watch') === '1' ? 'watch' : named ? 'get' : 'list';
  else verb = ({ POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: named ? 'delete' : 'deletecollection' } as Record<string, string>)[r.method] ?? r.method.toLowerCase();
  return { verb, group, resource: rest[0]!, namespace, name: named ? rest[1]! : null };
}

function allows(rules: PolicyRule[], a: Access): boolean {
  return rules.some((rule) =>
    (rule.apiGroups ?? []).some((g) => g === a.group || g === '*') &&
    (rule.resources ?? []).some((res) => res === a.resource || res === '*') &&
    (rule.verbs ?? []).some((v) => v === a.verb || v === '*') &&
    (rule.resourceNames === undefined || rule.resourceNames.length === 0 || (a.name !== null && rule.resourceNames.includes(a.name))));
}

/** Every permission (group, resource, verb) a rule set grants. */
function grants(rules: PolicyRule[]): string[] {
  return rules.flatMap((r) => (r.apiGroups ?? []).flatMap((g) => (r.resources ?? []).flatMap((res) => (r.verbs ?? []).map((v) => `${v} ${g}/${res}`))));
}

// --- A cluster where every kind has an object and every kind of Secret reference occurs.

const md = (namespace: string | null, name: string): K8sItem['metadata'] => ({ name, ...(namespace === null ? {} : { namespace }), uid: `u-${namespace ?? ''}-${name}` });
const mmContainer = (secret: string) => ({
  name: 'mattermost', image: 'mattermost/mattermost-enterprise-edition:10.5.1',
  env: [{ name: 'MM_SQLSETTINGS_DATASOURCE', valueFrom: { secretKeyRef: { name: secret, key: 'dsn' } } }],
});
const template = (secret: string) => ({ metadata: { labels: { app: 'mattermost' } }, spec: { containers: [mmContainer(secret)] } });

function resources(): Record<string, Resource> {
  const one = (kind: string, items: K8sItem[]): Resource => ({ kind, items });
  const secret = (ns: string, name: string): K8sItem => ({ metadata: md(ns, name), type: 'Opaque', data: { k: Buffer.from('v').toString('base64') } });
  return {
    '/v1/namespaces': one('Namespace', [{ metadata: md(null, 'mattermost') }, { metadata: md(null, 'velero') }]),
    '/v1/pods': one('Pod', [{ metadata: md('mattermost', 'debug'), spec: { containers: [mmContainer('pod-secret')] } }]),
    'apps/v1/deployments': one('Deployment', [{ metadata: md('mattermost', 'mm'), spec: { template: template('deploy-secret') } }]),
    'apps/v1/statefulsets': one('StatefulSet', [{ metadata: md('mattermost', 'mm-sts'), spec: { template: template('sts-secret') } }]),
    'apps/v1/daemonsets': one('DaemonSet', [{ metadata: md('mattermost', 'mm-ds'), spec: { template: template('deploy-secret') } }]),
    'apps/v1/replicasets': one('ReplicaSet', [{ metadata: md('mattermost', 'mm-rs'), spec: { template: template('deploy-secret') } }]),
    'batch/v1/jobs': one('Job', [{ metadata: md('mattermost', 'mm-job'), spec: { template: template('job-secret') } }]),
    'batch/v1/cronjobs': one('CronJob', [{ metadata: md('mattermost', 'mm-cron'), spec: { schedule: '@daily', jobTemplate: { spec: { template: template('job-secret') } } } }]),
    '/v1/services': one('Service', [{ metadata: md('mattermost', 'mm'), spec: { selector: { app: 'mattermost' } } }]),
    'networking.k8s.io/v1/ingresses': one('Ingress', [{ metadata: md('mattermost', 'mm'), spec: { tls: [{ secretName: 'mm-tls' }] } }]),
    'networking.k8s.io/v1/networkpolicies': one('NetworkPolicy', [{ metadata: md('mattermost', 'deny'), spec: { podSelector: {} } }]),
    '/v1/serviceaccounts': one('ServiceAccount', [{ metadata: md('mattermost', 'default') }]),
    '/v1/configmaps': one('ConfigMap', [{ metadata: md('mattermost', 'cfg'), data: {} }]),
    '/v1/secrets': one('Secret', [
      secret('mattermost', 'mm-db'), secret('mattermost', 'mm-files'), secret('mattermost', 'mm-tls'), secret('mattermost', 'deploy-secret'),
      secret('mattermost', 'env-secret'), secret('velero', 'cloud-credentials'), secret('mattermost', 'not-referenced'),
    ]),
    'rbac.authorization.k8s.io/v1/roles': one('Role', [{ metadata: md('mattermost', 'r'), rules: [] }]),
    'rbac.authorization.k8s.io/v1/rolebindings': one('RoleBinding', [{ metadata: md('mattermost', 'rb'), roleRef: { kind: 'Role', name: 'r' } }]),
    'rbac.authorization.k8s.io/v1/clusterroles': one('ClusterRole', [{ metadata: md(null, 'cr'), rules: [] }]),
    'rbac.authorization.k8s.io/v1/clusterrolebindings': one('ClusterRoleBinding', [{ metadata: md(null, 'crb'), roleRef: { kind: 'ClusterRole', name: 'cr' } }]),
    'installation.mattermost.com/v1beta1/mattermosts': one('Mattermost', [{
      metadata: md('mattermost', 'chat'),
      spec: {
        database: { external: { secret: 'mm-db' } }, fileStore: { external: { secret: 'mm-files' } },
        mattermostEnv: [{ name: 'MM_X', valueFrom: { secretKeyRef: { name: 'env-secret', key: 'x' } } }],
      },
    }]),
    'velero.io/v1/schedules': one('Schedule', []),
    'velero.io/v1/backups': one('Backup', []),
    'velero.io/v1/restores': one('Restore', []),
    'velero.io/v1/backupstoragelocations': one('BackupStorageLocation', [{ metadata: md('velero', 'default'), spec: { credential: { name: 'cloud-credentials', key: 'cloud' } } }]),
  };
}

const CLUSTER_SCOPED = new Set(['/api/v1/namespaces', '/apis/rbac.authorization.k8s.io/v1/clusterroles', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings']);

describe('the ClusterRole in deploy/kubernetes allows exactly what the live collector does', () => {
  let server: KubeApiServer;
  let requests: RequestRecord[];
  let manifests: Manifest[];
  let rules: PolicyRule[];

  beforeAll(async () => {
    manifests = loadManifests();
    rules = manifests.find((m) => m.kind === 'ClusterRole')?.rules ?? [];
    server = await startKubeApiServer({ certs: makeCerts(), resources: resources() });
    // Cluster-wide, with small pages …
    const whole = await collectKubernetes({ kubeconfig: server.kubeconfig(), pageSize: 1 });
    expect(whole.coverage.gaps).toEqual([]);
    const wholeRequests = [...server.requests];
    await server.close();
    // … and per namespace, where cluster-wide lists are refused (a namespaced RoleBinding setup).
    server = await startKubeApiServer({
      certs: makeCerts(), resources: resources(),
      override: (req) => (!req.path.includes('/namespaces/') && !CLUSTER_SCOPED.has(req.path) ? forbidden('x', '', null) : undefined),
    });
    const perNs = await collectKubernetes({ kubeconfig: server.kubeconfig(), namespaces: ['mattermost', 'velero'] });
    expect(perNs.coverage.gaps).toEqual([]);
    requests = [...wholeRequests, ...server.requests];
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the file holds the ServiceAccount oobguard/oobguard, the ClusterRole and a binding of one to the other', () => {
    expect(manifests.map((m) => m.kind)).toEqual(['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding']);
    const sa = manifests[0]!;
    expect(sa.metadata).toMatchObject({ name: 'oobguard', namespace: 'oobguard' });
    const role = manifests[1]!;
    expect(role.apiVersion).toBe('rbac.authorization.k8s.io/v1');
    const binding = manifests[2]!;
    expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata?.name });
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'oobguard', namespace: 'oobguard' }]);
  });

  it('every request is allowed by the ClusterRole', () => {
    expect(requests.length).toBeGreaterThan(KINDS.length * 2);
    const denied = requests.filter((r) => !allows(rules, accessOf(r))).map((r) => `${r.method} ${r.url}`);
    expect(denied).toEqual([]);
  });

  it('Secrets are never listed or watched, only read by name, and only those referred to', () => {
    const secretCalls = requests.map(accessOf).filter((a) => a.group === '' && a.resource === 'secrets');
    expect(secretCalls.every((a) => a.verb === 'get' && a.name !== null && a.namespace !== null)).toBe(true);
    expect([...new Set(secretCalls.map((a) => `${a.namespace}/${a.name}`))].sort()).toEqual([
      'mattermost/deploy-secret', 'mattermost/env-secret', 'mattermost/job-secret', 'mattermost/mm-db', 'mattermost/mm-files',
      'mattermost/mm-tls', 'mattermost/pod-secret', 'mattermost/sts-secret', 'velero/cloud-credentials',
    ]);
    // Once per Secret per scan (two scans here).
    expect(secretCalls).toHaveLength(18);
    // The matcher itself is not permissive.
    expect(allows(rules, { verb: 'list', group: '', resource: 'secrets', namespace: null, name: null })).toBe(false);
    expect(allows(rules, { verb: 'list', group: '', resource: 'secrets', namespace: 'mattermost', name: null })).toBe(false);
    expect(allows(rules, { verb: 'watch', group: '', resource: 'secrets', namespace: 'mattermost', name: null })).toBe(false);
    expect(allows(rules, { verb: 'get', group: '', resource: 'pods', namespace: 'mattermost', name: 'debug' })).toBe(false);
    expect(allows(rules, { verb: 'list', group: 'apps', resource: 'pods', namespace: null, name: null })).toBe(false);
  });

  it('the ClusterRole grants nothing the collector does not use: no wildcards, no write verbs', () => {
    for (const rule of rules) {
      expect(rule.nonResourceURLs ?? []).toEqual([]);
      expect(rule.resourceNames ?? []).toEqual([]);
      for (const field of [rule.apiGroups, rule.resources, rule.verbs]) {
        expect(field?.length ?? 0).toBeGreaterThan(0);
        expect(field!.some((x) => x.includes('*'))).toBe(false);
      }
      expect(rule.verbs!.every((v) => v === 'get' || v === 'list')).toBe(true);
    }
    const used = new Set(requests.map(accessOf).map((a) => `${a.verb} ${a.group}/${a.resource}`));
    const granted = grants(rules);
    expect(new Set(granted).size).toBe(granted.length);
    expect(granted.filter((g) => !used.has(g))).toEqual([]);
    expect([...used].filter((u) => !granted.includes(u))).toEqual([]);
    // `get` only where the collector gets: Secrets.
    expect(granted.filter((g) => g.startsWith('get '))).toEqual(['get /secrets']);
    // Each listed kind of the collector is granted `list` in its real API group.
    for (const k of KINDS) expect(granted).toContain(`list ${k.group}/${k.plural}`);
  });
});
