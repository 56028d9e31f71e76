/**
 * A local Kubernetes API server for tests: https on 127.0.0.1 with a private CA made by openssl at
 * test time, bearer-token auth, list responses shaped like the real API server's (items without
 * apiVersion/kind, `metadata.continue` pagination honouring `limit`), GETs of one namespaced
 * object by name (with apiVersion/kind, or a NotFound Status), and per-path overrides for 403s,
 * 5xx, malformed bodies and hung calls.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCerts {
  caPem: string;
  certPem: string;
  keyPem: string;
}

/** A throwaway CA and a server certificate for 127.0.0.1, made with openssl. */
export function makeCerts(): TestCerts {
  const dir = mkdtempSync(path.join(tmpdir(), 'oobguard-k8s-ca-'));
  const run = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  };
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=oobguard-test-ca');
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=kube-apiserver');
  writeFileSync(path.join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.crt', '-days', '2', '-extfile', 'ext.cnf');
  const certs = {
    caPem: readFileSync(path.join(dir, 'ca.crt'), 'utf8'),
    certPem: readFileSync(path.join(dir, 'server.crt'), 'utf8'),
    keyPem: readFileSync(path.join(dir, 'server.key'), 'utf8'),
  };
  rmSync(dir, { recursive: true, force: true });
  return certs;
}

export type K8sItem = Record<string, unknown> & { metadata: { name: string; namespace?: string } & Record<string, unknown> };

/** The objects of one resource: `""/v1/pods`, `apps/v1/deployments`, `velero.io/v1/schedules`. */
export interface Resource {
  kind: string;
  items: K8sItem[];
}

/** Object metadata as the API server returns it (a uid, a creation time). */
export function meta(namespace: string | null, name: string): K8sItem['metadata'] {
  return { name, ...(namespace === null ? {} : { namespace }), uid: `u-${name}`, creationTimestamp: '2026-11-01T10:00:00Z' };
}

/** Every built-in resource the live collector lists, each empty: a cluster to put objects in. */
export function emptyCluster(): Record<string, Resource> {
  const empty = (kind: string): Resource => ({ kind, items: [] });
  return {
    '/v1/namespaces': empty('Namespace'), '/v1/pods': empty('Pod'), 'apps/v1/deployments': empty('Deployment'), 'apps/v1/statefulsets': empty('StatefulSet'),
    'apps/v1/daemonsets': empty('DaemonSet'), 'apps/v1/replicasets': empty('ReplicaSet'), 'batch/v1/jobs': empty('Job'), 'batch/v1/cronjobs': empty('CronJob'),
    '/v1/services': empty('Service'), 'networking.k8s.io/v1/ingresses': empty('Ingress'), '/v1/serviceaccounts': empty('ServiceAccount'),
    '/v1/secrets': empty('Secret'), '/v1/configmaps': empty('ConfigMap'), 'networking.k8s.io/v1/networkpolicies': empty('NetworkPolicy'),
    'rbac.authorization.k8s.io/v1/roles': empty('Role'), 'rbac.authorization.k8s.io/v1/rolebindings': empty('RoleBinding'),
    'rbac.authorization.k8s.io/v1/clusterroles': empty('ClusterRole'), 'rbac.authorization.k8s.io/v1/clusterrolebindings': empty('ClusterRoleBinding'),
    'installation.mattermost.com/v1beta1/mattermosts': empty('Mattermost'),
  };
}

export interface Reply {
  status: number;
  /** A string is sent as is (malformed bodies, text/plain 404s); anything else as JSON. */
  body?: unknown;
  contentType?: string;
}

export interface RequestRecord {
  method: string;
  /** Path and query, as received. */
  url: string;
  path: string;
  query: URLSearchParams;
}

/** Answer instead of the resource store: a Reply, 'hang' (never answer), or undefined (serve normally). */
export type Override = (req: RequestRecord, attempt: number) => Reply | 'hang' | undefined;

export interface KubeApiServer {
  url: string;
  requests: RequestRecord[];
  /** Most requests that were open at the same time. */
  maxInFlight(): number;
  kubeconfig(opts?: { context?: string; token?: string }): string;
  close(): Promise<void>;
}

export function status(code: number, reason: string, message: string): Reply {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code } };
}

export function forbidden(resource: string, group: string, namespace: string | null, user = 'system:serviceaccount:oobguard:scanner', verb = 'list', name?: string): Reply {
  const where = namespace === null ? 'at the cluster scope' : `in the namespace "${namespace}"`;
  const what = `${resource}${group ? `.${group}` : ''}${name === undefined ? '' : ` "${name}"`}`;
  return status(403, 'Forbidden', `${what} is forbidden: User "${user}" cannot ${verb} resource "${resource}" in API group "${group}" ${where}`);
}

const PATH = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)$/;
/** One namespaced object by name: `/api/v1/namespaces/mattermost/secrets/mm-db`. */
const NAMED = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))\/namespaces\/([^/]+)\/([^/]+)\/([^/]+)$/;

export async function startKubeApiServer(opts: {
  certs: TestCerts;
  resources: Record<string, Resource>;
  token?: string;
  override?: Override;
}): Promise<KubeApiServer> {
  const token = opts.token ?? 'test-token';
  const requests: RequestRecord[] = [];
  const attempts = new Map<string, number>();
  const hung: ServerResponse[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const send = (res: ServerResponse, r: Reply): void => {
    const text = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    res.writeHead(r.status, { 'content-type': r.contentType ?? (typeof r.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json') });
    res.end(text);
  };
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const u = new URL(req.url ?? '/', 'https://127.0.0.1');
    const rec: RequestRecord = { method: req.method ?? '', url: `${u.pathname}${u.search}`, path: u.pathname, query: u.searchParams };
    requests.push(rec);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
    });
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, { status: 401 });
    const attempt = (attempts.get(rec.url) ?? 0) + 1;
    attempts.set(rec.url, attempt);
    const o = opts.override?.(rec, attempt);
    if (o === 'hang') {
      hung.push(res);
      return;
    }
    if (o) return send(res, o);
    const named = NAMED.exec(u.pathname);
    if (req.method === 'GET' && named) {
      const [, ncore, ngroup, nversion, nns, nplural, nname] = named;
      const resource = opts.resources[ncore ? `/v1/${nplural}` : `${ngroup}/${nversion}/${nplural}`];
      if (!resource) return send(res, { status: 404, body: '404 page not found\n' });
      const item = resource.items.find((i) => i.metadata.namespace === nns && i.metadata.name === nname);
      if (!item) return send(res, status(404, 'NotFound', `${nplural}${ngroup ? `.${ngroup}` : ''} "${nname}" not found`));
      return send(res, { status: 200, body: { kind: resource.kind, apiVersion: ncore ? 'v1' : `${ngroup}/${nversion}`, ...item } });
    }
    const m = PATH.exec(u.pathname);
    if (req.method !== 'GET' || !m) return send(res, { status: 404, body: '404 page not found\n' });
    const [, core, group, version, namespace, plural] = m;
    const key = core ? `/v1/${plural}` : `${group}/${version}/${plural}`;
    const resource = opts.resources[key];
    if (!resource) return send(res, { status: 404, body: '404 page not found\n' });
    const all = resource.items.filter((i) => namespace === undefined || i.metadata.namespace === namespace);
    const limit = Number(u.searchParams.get('limit') ?? '0');
    const from = u.searchParams.get('continue') ? Number(Buffer.from(u.searchParams.get('continue')!, 'base64url').toString()) : 0;
    const to = limit > 0 ? Math.min(all.length, from + limit) : all.length;
    const page = all.slice(from, to);
    const metadata: Record<string, string> = { resourceVersion: '48213' };
    if (to < all.length) metadata['continue'] = Buffer.from(String(to)).toString('base64url');
    send(res, { status: 200, body: { kind: `${resource.kind}List`, apiVersion: core ? 'v1' : `${group}/${version}`, metadata, items: page } });
  };
  const server: Server = createServer({ cert: opts.certs.certPem, key: opts.certs.keyPem }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;
  return {
    url,
    requests,
    maxInFlight: () => maxInFlight,
    kubeconfig: ({ context = 'oob-test', token: t = token } = {}) => [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: ${context}`,
      '  cluster:',
      `    server: ${url}`,
      `    certificate-authority-data: ${Buffer.from(opts.certs.caPem).toString('base64')}`,
      'users:',
      '- name: scanner',
      '  user:',
      `    token: ${t}`,
      'contexts:',
      `- name: ${context}`,
      '  context:',
      `    cluster: ${context}`,
      '    user: scanner',
      `current-context: ${context}`,
      '',
    ].join('\n'),
    close: async () => {
      for (const r of hung) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
