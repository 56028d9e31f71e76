/**
 * Live Kubernetes collector: lists every kind the manifest rules read through the API server and
 * hands the objects over in the same shape a manifest file has, so `normalizeDocument` and the
 * rules treat them exactly like files. What could not be read becomes a `CoverageGap` (never an
 * empty list): a forbidden namespace leaves its collections unknown there, not passing.
 *
 * Least privilege: Secrets are never listed. After every other kind is read, only the Secrets
 * those objects refer to (see `secret-refs.ts`) are read, each by name and at most once
 * (`get secrets`, which `deploy/kubernetes/clusterrole.yaml` grants and nothing more). A 404 is
 * no gap: the Secret does not exist, and the model says so. Any other failure leaves
 * `k8s.secrets` unknown in that Secret's namespace.
 *
 * Secret values never leave this module in any form a caller would print or serialize: Secret
 * `data` is attached as a non-enumerable property (the normalizer reads it, `JSON.stringify`
 * does not), credentials-only Secret types lose their values entirely, and no error message
 * carries a response body other than a Kubernetes Status reason.
 */
import type { ConfigurationOptions, KubeConfig, ObservableMiddleware, RequestContext, ResponseContext } from '@kubernetes/client-node';
import type { JsonObject } from '../../model/k8s.ts';
import type { CoverageGap, SourceCoverage } from '../../model/snapshot.ts';
import type { LiveDocument, LiveResult } from '../live/types.ts';
import { KINDS, KUBE_COLLECTIONS, SECRET, listPath, listPermission, type KindSpec, type KubeApis, type ListParams } from './kinds.ts';
import { secretReferences } from './secret-refs.ts';

export interface KubeOptions {
  /** kubeconfig YAML text (tests pass it directly); when absent: KUBECONFIG / ~/.kube/config, or the in-cluster service account. */
  kubeconfig?: string;
  context?: string;
  /** Limit namespaced reads to these namespaces (default: all namespaces, via cluster-wide list). */
  namespaces?: string[];
  /** Page size for list calls (default 500). */
  pageSize?: number;
  /** Per-call timeout in ms (default 15000). */
  timeoutMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** Tries for a call that fails with 429, 5xx or a connection error (default 3). */
  attempts?: number;
  /** Delay before the first retry in ms, doubled for each further one (default 250). */
  retryDelayMs?: number;
}

/** Secret types whose values are credentials only: their values are dropped before normalizing. */
const VALUELESS_SECRET_TYPES = new Set(['kubernetes.io/tls', 'kubernetes.io/service-account-token', 'kubernetes.io/dockerconfigjson']);
/** Keys of a `kubernetes.io/tls` Secret that hold public certificates, not the private key. */
const PUBLIC_TLS_KEYS = new Set(['tls.crt', 'ca.crt']);
/** Holds the whole object as last applied, Secret values and config included. */
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** Owner kinds whose pod template already describes the owned object. */
const TEMPLATE_OWNERS: Record<string, ReadonlySet<string>> = {
  Pod: new Set(['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'ReplicationController']),
  ReplicaSet: new Set(['Deployment']),
  Job: new Set(['CronJob']),
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 408: 'Request Timeout',
  410: 'Gone', 422: 'Unprocessable Entity', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Unavailable', 504: 'Gateway Timeout',
};

type CallOutcome =
  | { ok: true; body: JsonObject }
  | { ok: false; status: number | null; error: string };

type ListOutcome =
  | { ok: true; items: JsonObject[] }
  | { ok: false; status: number | null; error: string; api: string };

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** One line, printable, bounded: for text that came from a server. */
function clean(s: string, max = 300): string {
  const one = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

/** Reason (preferably the message) of a Kubernetes Status body; nothing from any other body. */
function statusReason(body: unknown): string {
  if (typeof body !== 'string' || body === '') return '';
  try {
    const parsed: unknown = JSON.parse(body);
    if (!isObject(parsed) || parsed['kind'] !== 'Status') return '';
    const message = typeof parsed['message'] === 'string' ? parsed['message'] : '';
    const reason = typeof parsed['reason'] === 'string' ? parsed['reason'] : '';
    return clean(message || reason);
  } catch {
    return '';
  }
}

function httpError(status: number, body: unknown): string {
  const head = `${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;
  const reason = statusReason(body);
  return reason ? `${head}: ${reason}` : head;
}

function errorCode(e: unknown): string {
  let cur: unknown = e;
  for (let i = 0; i < 4 && isObjectLike(cur); i++) {
    const code = cur['code'];
    if (typeof code === 'string' && code !== '') return code;
    cur = cur['cause'];
  }
  return '';
}
function isObjectLike(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object';
}

/** Small counting semaphore: bounds the requests in flight. */
function limiter(max: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** The source file name a context's objects are reported under. */
export function liveSourceFile(context: string): string {
  return `oobguard-live/kubernetes/${context}`;
}

/**
 * Make an API object safe and file-shaped: apiVersion/kind filled in, managedFields and the
 * last-applied annotation dropped, Secret values hidden from serialization (or dropped).
 */
function prepare(item: JsonObject, spec: { kind: string; apiVersion: string }): JsonObject {
  const { metadata, data, stringData, ...rest } = item;
  const md: JsonObject = isObject(metadata) ? { ...metadata } : {};
  delete md['managedFields'];
  if (isObject(md['annotations']) && LAST_APPLIED in md['annotations']) {
    const annotations = { ...md['annotations'] };
    delete annotations[LAST_APPLIED];
    md['annotations'] = annotations;
  }
  const doc: JsonObject = { ...rest, apiVersion: spec.apiVersion, kind: spec.kind, metadata: md };
  if (spec.kind !== 'Secret') {
    if (data !== undefined) doc['data'] = data;
    if (stringData !== undefined) doc['stringData'] = stringData;
    return doc;
  }
  // Keys stay (they are facts); values of credential-only types are never read at all, except
  // the public certificate of a TLS Secret (its metadata is judged; the key is dropped).
  const values: JsonObject = isObject(data) ? data : {};
  const type = String(doc['type'] ?? '');
  const kept: JsonObject = VALUELESS_SECRET_TYPES.has(type)
    ? Object.fromEntries(Object.keys(values).map((k) => [k, type === 'kubernetes.io/tls' && PUBLIC_TLS_KEYS.has(k) ? values[k]! : '']))
    : values;
  Object.defineProperty(doc, 'data', { value: kept, enumerable: false, writable: false, configurable: false });
  return doc;
}

function ownedByTemplateOwner(doc: JsonObject, kind: string): boolean {
  const owners = TEMPLATE_OWNERS[kind];
  if (!owners) return false;
  const md = doc['metadata'];
  const refs = isObject(md) && Array.isArray(md['ownerReferences']) ? md['ownerReferences'] : [];
  return refs.some((r) => isObject(r) && r['controller'] === true && typeof r['kind'] === 'string' && owners.has(r['kind']));
}

function configFailure(context: string, error: string): LiveResult {
  const gaps: CoverageGap[] = KUBE_COLLECTIONS.map((collection) => ({ collection, scope: '', api: 'kubeconfig', error }));
  return { documents: [], mattermostConfigs: [], coverage: { source: 'kubernetes', scope: context, calls: 0, failedCalls: 0, gaps } };
}

/** Read every kind the rules use from the cluster the kubeconfig (or the pod's service account) points at. */
export async function collectKubernetes(opts: KubeOptions): Promise<LiveResult> {
  // The SDK is loaded only when a cluster is actually scanned.
  const k8s = await import('@kubernetes/client-node');
  const kc: KubeConfig = new k8s.KubeConfig();
  try {
    if (opts.kubeconfig !== undefined) kc.loadFromString(opts.kubeconfig);
    else kc.loadFromDefault();
    if (opts.context !== undefined) {
      if (kc.getContextObject(opts.context) === null) return configFailure(opts.context, `kubeconfig has no context "${opts.context}"`);
      kc.setCurrentContext(opts.context);
    }
  } catch (e) {
    return configFailure(opts.context ?? '', `kubeconfig could not be loaded: ${clean(e instanceof Error ? e.message : String(e))}`);
  }
  const context = kc.getCurrentContext();
  if (!kc.getCurrentCluster()) return configFailure(context, `kubeconfig context "${context}" names no cluster`);

  const apis: KubeApis = {
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    batch: kc.makeApiClient(k8s.BatchV1Api),
    networking: kc.makeApiClient(k8s.NetworkingV1Api),
    rbac: kc.makeApiClient(k8s.RbacAuthorizationV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi),
  };
  const pageSize = Math.max(1, opts.pageSize ?? 500);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const attempts = Math.max(1, opts.attempts ?? 3);
  const retryDelayMs = opts.retryDelayMs ?? 250;
  const limit = limiter(Math.max(1, opts.concurrency ?? 4));
  const namespaces = opts.namespaces && opts.namespaces.length > 0 ? [...new Set(opts.namespaces)] : null;
  const file = liveSourceFile(context);
  const coverage: SourceCoverage = { source: 'kubernetes', scope: context, calls: 0, failedCalls: 0, gaps: [] };
  const issued = new Set<string>();

  /** One HTTP request (with retries for transient failures); the body is captured raw. */
  const call = async (key: string, send: (o: ConfigurationOptions) => Promise<unknown>): Promise<CallOutcome> => {
    if (issued.has(key)) return { ok: false, status: null, error: 'internal: the same call was about to be made twice' };
    issued.add(key);
    coverage.calls++;
    for (let attempt = 1; ; attempt++) {
      const captured: { value: { status: number; text: string } | null } = { value: null };
      const middleware: ObservableMiddleware = {
        pre: (ctx: RequestContext) => {
          ctx.setSignal(AbortSignal.timeout(timeoutMs));
          return new k8s.Observable(Promise.resolve(ctx));
        },
        post: (rsp: ResponseContext) => new k8s.Observable((async () => {
          const text = await rsp.body.text();
          captured.value = { status: rsp.httpStatusCode, text };
          return new k8s.ResponseContext(rsp.httpStatusCode, rsp.headers, {
            text: () => Promise.resolve(text),
            binary: () => Promise.resolve(Buffer.from(text)),
            stream: () => null,
          });
        })()),
      };
      let failure: { status: number | null; error: string; retry: boolean };
      try {
        await limit(() => send({ middleware: [middleware], middlewareMergeStrategy: 'append' }));
        failure = { status: null, error: 'no response body', retry: false };
      } catch (e) {
        if (e instanceof k8s.ApiException) {
          const status = typeof e.code === 'number' ? e.code : 0;
          failure = { status, error: httpError(status, e.body), retry: status === 429 || status >= 500 };
        } else if (isObjectLike(e) && (e['name'] === 'TimeoutError' || e['name'] === 'AbortError')) {
          failure = { status: null, error: `timed out after ${timeoutMs} ms`, retry: false };
        } else if (captured.value === null) {
          const code = errorCode(e);
          failure = { status: null, error: `request failed${code ? `: ${code}` : ''}`, retry: true };
        } else {
          // A response arrived but the SDK could not read it; judged from the raw body below.
          failure = { status: null, error: 'unreadable response', retry: false };
        }
      }
      const got = captured.value;
      if (got !== null && got.status >= 200 && got.status < 300) {
        try {
          const body: unknown = JSON.parse(got.text);
          if (isObject(body)) return { ok: true, body };
          return { ok: false, status: got.status, error: 'malformed response: not a JSON object' };
        } catch {
          return { ok: false, status: got.status, error: `malformed JSON response (${got.text.length} bytes)` };
        }
      }
      if (!failure.retry || attempt >= attempts) return { ok: false, status: failure.status, error: failure.error };
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 1)));
    }
  };

  /** Every page of one list. */
  const list = async (spec: KindSpec, namespace: string | null): Promise<ListOutcome> => {
    const api = `GET ${listPath(spec, namespace)}`;
    const items: JsonObject[] = [];
    const seenTokens = new Set<string>();
    let token: string | undefined;
    for (;;) {
      const p: ListParams = token === undefined ? { limit: pageSize } : { limit: pageSize, _continue: token };
      const send = (o: ConfigurationOptions): Promise<unknown> =>
        namespace === null ? spec.all(apis, p, o) : spec.namespaced!(apis, namespace, p, o);
      const r = await call(`${api}?continue=${token ?? ''}`, send);
      if (!r.ok) return { ...r, api };
      const raw = r.body['items'];
      if (!Array.isArray(raw)) return { ok: false, status: null, error: `malformed response: no items in ${spec.kind}List`, api };
      for (const it of raw) if (isObject(it)) items.push(it);
      const md = r.body['metadata'];
      const next = isObject(md) && typeof md['continue'] === 'string' ? md['continue'] : '';
      if (next === '') return { ok: true, items };
      if (seenTokens.has(next)) return { ok: false, status: null, error: 'pagination did not advance (repeated continue token)', api };
      seenTokens.add(next);
      token = next;
    }
  };

  const documents: LiveDocument[] = [];
  /** Secrets to read by name, `namespace/name` → [namespace, name]. */
  const wantedSecrets = new Map<string, [string, string]>();
  const gap = (spec: KindSpec, scope: string, r: { error: string; api: string }): void => {
    coverage.failedCalls++;
    // A kind that refers to Secrets could not be read: which Secrets the model needs is unknown too.
    const collections = spec.refersToSecrets ? [...spec.collections, SECRET.collection] : spec.collections;
    for (const collection of collections) {
      coverage.gaps.push({ collection, scope, api: r.api, error: r.error, permission: listPermission(spec) });
    }
  };
  const accept = (spec: KindSpec, items: JsonObject[]): void => {
    for (const item of items) {
      const doc = prepare(item, spec);
      const md = isObject(doc['metadata']) ? doc['metadata'] : {};
      const ns = typeof md['namespace'] === 'string' ? md['namespace'] : '';
      const name = typeof md['name'] === 'string' ? md['name'] : '(unnamed)';
      if (namespaces && spec.namespaced && !namespaces.includes(ns)) continue;
      if (namespaces && spec.kind === 'Namespace' && !namespaces.includes(name)) continue;
      if (spec.refersToSecrets && ns !== '') {
        for (const secret of secretReferences(doc, spec.kind)) wantedSecrets.set(`${ns}/${secret}`, [ns, secret]);
      }
      if (ownedByTemplateOwner(doc, spec.kind)) continue;
      documents.push({ doc, source: { file, line: 1, ref: ns === '' ? `${spec.kind}/${name}` : `${spec.kind}/${ns}/${name}` } });
    }
  };

  /** One referenced Secret, by name: never a list. */
  const readSecret = async (namespace: string, name: string): Promise<void> => {
    const api = `GET ${SECRET.path(namespace, name)}`;
    const r = await call(api, (o) => SECRET.get(apis, namespace, name, o));
    if (r.ok) {
      const md = r.body['metadata'];
      const got = isObject(md) ? md : {};
      // Only the object asked for is kept (a misbehaving server's other answers are ignored).
      if (got['name'] !== name || (got['namespace'] !== undefined && got['namespace'] !== namespace)) {
        coverage.failedCalls++;
        coverage.gaps.push({ collection: SECRET.collection, scope: namespace, api, error: 'malformed response: not the Secret asked for', permission: SECRET.permission });
        return;
      }
      const doc = prepare({ ...r.body, metadata: { ...got, namespace } }, SECRET);
      documents.push({ doc, source: { file, line: 1, ref: `Secret/${namespace}/${name}` } });
      return;
    }
    if (r.status === 404) return; // The Secret does not exist: a fact, not a gap.
    coverage.failedCalls++;
    // Scope is the namespace (what the engine matches objects against); the name is in `api`.
    coverage.gaps.push({ collection: SECRET.collection, scope: namespace, api, error: r.error, permission: SECRET.permission });
  };

  const readKind = async (spec: KindSpec): Promise<void> => {
    const whole = await list(spec, null);
    if (whole.ok) return accept(spec, whole.items);
    if (whole.status === 404 && spec.crd) return; // CRD not installed: the kind does not exist here.
    if (whole.status === 403 && namespaces && spec.namespaced) {
      await Promise.all(namespaces.map(async (ns) => {
        const r = await list(spec, ns);
        if (r.ok) accept(spec, r.items);
        else if (!(r.status === 404 && spec.crd)) gap(spec, ns, r);
      }));
      return;
    }
    gap(spec, '', whole);
  };

  await Promise.all(KINDS.map(readKind));
  // Only now is every reference known; each Secret is read once.
  await Promise.all([...wantedSecrets.values()].map(([ns, name]) => readSecret(ns, name)));
  // Deterministic order whatever the timing of the calls.
  documents.sort((a, b) => (a.source.ref ?? '').localeCompare(b.source.ref ?? ''));
  coverage.gaps.sort((a, b) => a.collection.localeCompare(b.collection) || a.scope.localeCompare(b.scope) || a.api.localeCompare(b.api));
  return { documents, mattermostConfigs: [], coverage };
}
