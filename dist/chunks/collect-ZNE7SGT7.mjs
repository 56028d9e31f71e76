// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  isMattermostImage
} from "./chunk-3D77XJBH.mjs";
import "./chunk-YXAID3U6.mjs";
import "./chunk-NG5CMEQM.mjs";

// src/collectors/k8s-live/kinds.ts
var WORKLOADS = ["k8s.workloads", "k8s.containers"];
var SECRET_REFS = { refersToSecrets: true };
function custom(kind, group, version, plural, collections, refersToSecrets = false) {
  return {
    kind,
    apiVersion: `${group}/${version}`,
    group,
    version,
    plural,
    collections,
    crd: true,
    refersToSecrets,
    all: (a, p, o) => a.custom.listClusterCustomObject({ group, version, plural, ...p }, o),
    namespaced: (a, namespace, p, o) => a.custom.listNamespacedCustomObject({ group, version, namespace, plural, ...p }, o)
  };
}
var KINDS = [
  {
    kind: "Namespace",
    apiVersion: "v1",
    group: "",
    version: "v1",
    plural: "namespaces",
    collections: ["k8s.namespaces"],
    crd: false,
    all: (a, p, o) => a.core.listNamespace(p, o)
  },
  {
    ...SECRET_REFS,
    kind: "Pod",
    apiVersion: "v1",
    group: "",
    version: "v1",
    plural: "pods",
    collections: WORKLOADS,
    crd: false,
    all: (a, p, o) => a.core.listPodForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.core.listNamespacedPod({ namespace, ...p }, o)
  },
  {
    ...SECRET_REFS,
    kind: "Deployment",
    apiVersion: "apps/v1",
    group: "apps",
    version: "v1",
    plural: "deployments",
    collections: WORKLOADS,
    crd: false,
    all: (a, p, o) => a.apps.listDeploymentForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.apps.listNamespacedDeployment({ namespace, ...p }, o)
  },
  {
    ...SECRET_REFS,
    kind: "StatefulSet",
    apiVersion: "apps/v1",
    group: "apps",
    version: "v1",
    plural: "statefulsets",
    collections: WORKLOADS,
    crd: false,
    all: (a, p, o) => a.apps.listStatefulSetForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.apps.listNamespacedStatefulSet({ namespace, ...p }, o)
  },
  {
    ...SECRET_REFS,
    kind: "DaemonSet",
    apiVersion: "apps/v1",
    group: "apps",
    version: "v1",
    plural: "daemonsets",
    collections: WORKLOADS,
    crd: false,
    all: (a, p, o) => a.apps.listDaemonSetForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.apps.listNamespacedDaemonSet({ namespace, ...p }, o)
  },
  {
    ...SECRET_REFS,
    kind: "ReplicaSet",
    apiVersion: "apps/v1",
    group: "apps",
    version: "v1",
    plural: "replicasets",
    collections: WORKLOADS,
    crd: false,
    all: (a, p, o) => a.apps.listReplicaSetForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.apps.listNamespacedReplicaSet({ namespace, ...p }, o)
  },
  {
    ...SECRET_REFS,
    kind: "Job",
    apiVersion: "batch/v1",
    group: "batch",
    version: "v1",
    plural: "jobs",
    collections: WORKLOADS,
    crd: false,
    all: (a, p, o) => a.batch.listJobForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.batch.listNamespacedJob({ namespace, ...p }, o)
  },
  {
    ...SECRET_REFS,
    kind: "CronJob",
    apiVersion: "batch/v1",
    group: "batch",
    version: "v1",
    plural: "cronjobs",
    collections: WORKLOADS,
    crd: false,
    all: (a, p, o) => a.batch.listCronJobForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.batch.listNamespacedCronJob({ namespace, ...p }, o)
  },
  {
    kind: "Service",
    apiVersion: "v1",
    group: "",
    version: "v1",
    plural: "services",
    collections: ["k8s.services"],
    crd: false,
    all: (a, p, o) => a.core.listServiceForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.core.listNamespacedService({ namespace, ...p }, o)
  },
  {
    ...SECRET_REFS,
    kind: "Ingress",
    apiVersion: "networking.k8s.io/v1",
    group: "networking.k8s.io",
    version: "v1",
    plural: "ingresses",
    collections: ["k8s.ingresses"],
    crd: false,
    all: (a, p, o) => a.networking.listIngressForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.networking.listNamespacedIngress({ namespace, ...p }, o)
  },
  {
    kind: "NetworkPolicy",
    apiVersion: "networking.k8s.io/v1",
    group: "networking.k8s.io",
    version: "v1",
    plural: "networkpolicies",
    collections: ["k8s.networkPolicies"],
    crd: false,
    all: (a, p, o) => a.networking.listNetworkPolicyForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.networking.listNamespacedNetworkPolicy({ namespace, ...p }, o)
  },
  {
    kind: "ServiceAccount",
    apiVersion: "v1",
    group: "",
    version: "v1",
    plural: "serviceaccounts",
    collections: ["k8s.serviceAccounts"],
    crd: false,
    all: (a, p, o) => a.core.listServiceAccountForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.core.listNamespacedServiceAccount({ namespace, ...p }, o)
  },
  {
    kind: "ConfigMap",
    apiVersion: "v1",
    group: "",
    version: "v1",
    plural: "configmaps",
    collections: ["k8s.configMaps"],
    crd: false,
    all: (a, p, o) => a.core.listConfigMapForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.core.listNamespacedConfigMap({ namespace, ...p }, o)
  },
  {
    kind: "Role",
    apiVersion: "rbac.authorization.k8s.io/v1",
    group: "rbac.authorization.k8s.io",
    version: "v1",
    plural: "roles",
    collections: ["k8s.roles"],
    crd: false,
    all: (a, p, o) => a.rbac.listRoleForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.rbac.listNamespacedRole({ namespace, ...p }, o)
  },
  {
    kind: "RoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    group: "rbac.authorization.k8s.io",
    version: "v1",
    plural: "rolebindings",
    collections: ["k8s.roleBindings"],
    crd: false,
    all: (a, p, o) => a.rbac.listRoleBindingForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.rbac.listNamespacedRoleBinding({ namespace, ...p }, o)
  },
  {
    kind: "ClusterRole",
    apiVersion: "rbac.authorization.k8s.io/v1",
    group: "rbac.authorization.k8s.io",
    version: "v1",
    plural: "clusterroles",
    collections: ["k8s.roles"],
    crd: false,
    all: (a, p, o) => a.rbac.listClusterRole(p, o)
  },
  {
    kind: "ClusterRoleBinding",
    apiVersion: "rbac.authorization.k8s.io/v1",
    group: "rbac.authorization.k8s.io",
    version: "v1",
    plural: "clusterrolebindings",
    collections: ["k8s.roleBindings"],
    crd: false,
    all: (a, p, o) => a.rbac.listClusterRoleBinding(p, o)
  },
  custom("Mattermost", "installation.mattermost.com", "v1beta1", "mattermosts", ["k8s.mattermosts"], true),
  custom("Schedule", "velero.io", "v1", "schedules", ["k8s.velero.schedules"]),
  custom("Backup", "velero.io", "v1", "backups", ["k8s.velero.backups"]),
  custom("Restore", "velero.io", "v1", "restores", ["k8s.velero.restores"]),
  custom("BackupStorageLocation", "velero.io", "v1", "backupstoragelocations", ["k8s.velero.storageLocations"], true)
];
var SECRET = {
  kind: "Secret",
  apiVersion: "v1",
  group: "",
  version: "v1",
  plural: "secrets",
  collection: "k8s.secrets",
  permission: "get secrets",
  get: (a, namespace, name, o) => a.core.readNamespacedSecret({ name, namespace }, o),
  path: (namespace, name) => `/api/v1/namespaces/${namespace}/secrets/${name}`
};
var KUBE_COLLECTIONS = [.../* @__PURE__ */ new Set([...KINDS.flatMap((k) => k.collections), SECRET.collection])];
function listPath(spec, namespace) {
  const prefix = spec.group === "" ? `/api/${spec.version}` : `/apis/${spec.group}/${spec.version}`;
  return namespace === null ? `${prefix}/${spec.plural}` : `${prefix}/namespaces/${namespace}/${spec.plural}`;
}
function listPermission(spec) {
  return `list ${spec.plural}${spec.group === "" ? "" : `.${spec.group}`}`;
}

// src/collectors/k8s-live/secret-refs.ts
function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function obj(v) {
  return isObject(v) ? v : {};
}
function list(v) {
  return Array.isArray(v) ? v.filter(isObject) : [];
}
function str(v) {
  return typeof v === "string" ? v : "";
}
var SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function isSecretName(name) {
  return name.length <= 253 && SECRET_NAME.test(name);
}
function envSecretNames(env) {
  return list(env).map((e) => str(obj(obj(e["valueFrom"])["secretKeyRef"])["name"])).filter((n) => n !== "");
}
function podTemplate(doc, kind) {
  const spec = obj(doc["spec"]);
  switch (kind) {
    case "Pod":
      return { labels: obj(obj(doc["metadata"])["labels"]), spec };
    case "Deployment":
    case "StatefulSet":
    case "DaemonSet":
    case "ReplicaSet":
    case "Job": {
      const t = obj(spec["template"]);
      return { labels: { ...obj(obj(doc["metadata"])["labels"]), ...obj(obj(t["metadata"])["labels"]) }, spec: obj(t["spec"]) };
    }
    case "CronJob": {
      const t = obj(obj(obj(spec["jobTemplate"])["spec"])["template"]);
      return { labels: { ...obj(obj(doc["metadata"])["labels"]), ...obj(obj(t["metadata"])["labels"]) }, spec: obj(t["spec"]) };
    }
    default:
      return null;
  }
}
function secretReferences(doc, kind) {
  const spec = obj(doc["spec"]);
  const names = [];
  if (kind === "Mattermost") {
    names.push(str(obj(obj(spec["database"])["external"])["secret"]));
    names.push(str(obj(obj(spec["fileStore"])["external"])["secret"]));
    names.push(...envSecretNames(spec["mattermostEnv"]));
  } else if (kind === "Ingress") {
    for (const t of list(spec["tls"])) names.push(str(t["secretName"]));
  } else if (kind === "BackupStorageLocation") {
    names.push(str(obj(spec["credential"])["name"]));
  } else {
    const tpl = podTemplate(doc, kind);
    if (tpl) {
      const operatorManaged = tpl.labels["app"] === "mattermost" && typeof tpl.labels["installation.mattermost.com/installation"] === "string";
      for (const role of ["initContainers", "containers"]) {
        for (const c of list(tpl.spec[role])) {
          const mattermost = isMattermostImage(str(c["image"])) || operatorManaged && role === "containers" && c["name"] === "mattermost";
          if (mattermost) names.push(...envSecretNames(c["env"]));
        }
      }
    }
  }
  return [...new Set(names.filter(isSecretName))];
}

// src/collectors/k8s-live/collect.ts
var VALUELESS_SECRET_TYPES = /* @__PURE__ */ new Set(["kubernetes.io/tls", "kubernetes.io/service-account-token", "kubernetes.io/dockerconfigjson"]);
var PUBLIC_TLS_KEYS = /* @__PURE__ */ new Set(["tls.crt", "ca.crt"]);
var LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
var TEMPLATE_OWNERS = {
  Pod: /* @__PURE__ */ new Set(["ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController"]),
  ReplicaSet: /* @__PURE__ */ new Set(["Deployment"]),
  Job: /* @__PURE__ */ new Set(["CronJob"])
};
var STATUS_TEXT = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  410: "Gone",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
};
function isObject2(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function clean(s, max = 300) {
  const one = s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max)}\u2026` : one;
}
function statusReason(body) {
  if (typeof body !== "string" || body === "") return "";
  try {
    const parsed = JSON.parse(body);
    if (!isObject2(parsed) || parsed["kind"] !== "Status") return "";
    const message = typeof parsed["message"] === "string" ? parsed["message"] : "";
    const reason = typeof parsed["reason"] === "string" ? parsed["reason"] : "";
    return clean(message || reason);
  } catch {
    return "";
  }
}
function httpError(status, body) {
  const head = `${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ""}`;
  const reason = statusReason(body);
  return reason ? `${head}: ${reason}` : head;
}
function errorCode(e) {
  let cur = e;
  for (let i = 0; i < 4 && isObjectLike(cur); i++) {
    const code = cur["code"];
    if (typeof code === "string" && code !== "") return code;
    cur = cur["cause"];
  }
  return "";
}
function isObjectLike(v) {
  return v !== null && typeof v === "object";
}
function limiter(max) {
  let active = 0;
  const waiting = [];
  return async (fn) => {
    if (active >= max) await new Promise((resolve) => waiting.push(resolve));
    active++;
    try {
      return await fn();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
function liveSourceFile(context) {
  return `oobguard-live/kubernetes/${context}`;
}
function prepare(item, spec) {
  const { metadata, data, stringData, ...rest } = item;
  const md = isObject2(metadata) ? { ...metadata } : {};
  delete md["managedFields"];
  if (isObject2(md["annotations"]) && LAST_APPLIED in md["annotations"]) {
    const annotations = { ...md["annotations"] };
    delete annotations[LAST_APPLIED];
    md["annotations"] = annotations;
  }
  const doc = { ...rest, apiVersion: spec.apiVersion, kind: spec.kind, metadata: md };
  if (spec.kind !== "Secret") {
    if (data !== void 0) doc["data"] = data;
    if (stringData !== void 0) doc["stringData"] = stringData;
    return doc;
  }
  const values = isObject2(data) ? data : {};
  const type = String(doc["type"] ?? "");
  const kept = VALUELESS_SECRET_TYPES.has(type) ? Object.fromEntries(Object.keys(values).map((k) => [k, type === "kubernetes.io/tls" && PUBLIC_TLS_KEYS.has(k) ? values[k] : ""])) : values;
  Object.defineProperty(doc, "data", { value: kept, enumerable: false, writable: false, configurable: false });
  return doc;
}
function ownedByTemplateOwner(doc, kind) {
  const owners = TEMPLATE_OWNERS[kind];
  if (!owners) return false;
  const md = doc["metadata"];
  const refs = isObject2(md) && Array.isArray(md["ownerReferences"]) ? md["ownerReferences"] : [];
  return refs.some((r) => isObject2(r) && r["controller"] === true && typeof r["kind"] === "string" && owners.has(r["kind"]));
}
function configFailure(context, error) {
  const gaps = KUBE_COLLECTIONS.map((collection) => ({ collection, scope: "", api: "kubeconfig", error }));
  return { documents: [], mattermostConfigs: [], coverage: { source: "kubernetes", scope: context, calls: 0, failedCalls: 0, gaps } };
}
async function collectKubernetes(opts) {
  const k8s = await import("@kubernetes/client-node");
  const kc = new k8s.KubeConfig();
  try {
    if (opts.kubeconfig !== void 0) kc.loadFromString(opts.kubeconfig);
    else kc.loadFromDefault();
    if (opts.context !== void 0) {
      if (kc.getContextObject(opts.context) === null) return configFailure(opts.context, `kubeconfig has no context "${opts.context}"`);
      kc.setCurrentContext(opts.context);
    }
  } catch (e) {
    return configFailure(opts.context ?? "", `kubeconfig could not be loaded: ${clean(e instanceof Error ? e.message : String(e))}`);
  }
  const context = kc.getCurrentContext();
  if (!kc.getCurrentCluster()) return configFailure(context, `kubeconfig context "${context}" names no cluster`);
  const apis = {
    core: kc.makeApiClient(k8s.CoreV1Api),
    apps: kc.makeApiClient(k8s.AppsV1Api),
    batch: kc.makeApiClient(k8s.BatchV1Api),
    networking: kc.makeApiClient(k8s.NetworkingV1Api),
    rbac: kc.makeApiClient(k8s.RbacAuthorizationV1Api),
    custom: kc.makeApiClient(k8s.CustomObjectsApi)
  };
  const pageSize = Math.max(1, opts.pageSize ?? 500);
  const timeoutMs = opts.timeoutMs ?? 15e3;
  const attempts = Math.max(1, opts.attempts ?? 3);
  const retryDelayMs = opts.retryDelayMs ?? 250;
  const limit = limiter(Math.max(1, opts.concurrency ?? 4));
  const namespaces = opts.namespaces && opts.namespaces.length > 0 ? [...new Set(opts.namespaces)] : null;
  const file = liveSourceFile(context);
  const coverage = { source: "kubernetes", scope: context, calls: 0, failedCalls: 0, gaps: [] };
  const issued = /* @__PURE__ */ new Set();
  const call = async (key, send) => {
    if (issued.has(key)) return { ok: false, status: null, error: "internal: the same call was about to be made twice" };
    issued.add(key);
    coverage.calls++;
    for (let attempt = 1; ; attempt++) {
      const captured = { value: null };
      const middleware = {
        pre: (ctx) => {
          ctx.setSignal(AbortSignal.timeout(timeoutMs));
          return new k8s.Observable(Promise.resolve(ctx));
        },
        post: (rsp) => new k8s.Observable((async () => {
          const text = await rsp.body.text();
          captured.value = { status: rsp.httpStatusCode, text };
          return new k8s.ResponseContext(rsp.httpStatusCode, rsp.headers, {
            text: () => Promise.resolve(text),
            binary: () => Promise.resolve(Buffer.from(text)),
            stream: () => null
          });
        })())
      };
      let failure;
      try {
        await limit(() => send({ middleware: [middleware], middlewareMergeStrategy: "append" }));
        failure = { status: null, error: "no response body", retry: false };
      } catch (e) {
        if (e instanceof k8s.ApiException) {
          const status = typeof e.code === "number" ? e.code : 0;
          failure = { status, error: httpError(status, e.body), retry: status === 429 || status >= 500 };
        } else if (isObjectLike(e) && (e["name"] === "TimeoutError" || e["name"] === "AbortError")) {
          failure = { status: null, error: `timed out after ${timeoutMs} ms`, retry: false };
        } else if (captured.value === null) {
          const code = errorCode(e);
          failure = { status: null, error: `request failed${code ? `: ${code}` : ""}`, retry: true };
        } else {
          failure = { status: null, error: "unreadable response", retry: false };
        }
      }
      const got = captured.value;
      if (got !== null && got.status >= 200 && got.status < 300) {
        try {
          const body = JSON.parse(got.text);
          if (isObject2(body)) return { ok: true, body };
          return { ok: false, status: got.status, error: "malformed response: not a JSON object" };
        } catch {
          return { ok: false, status: got.status, error: `malformed JSON response (${got.text.length} bytes)` };
        }
      }
      if (!failure.retry || attempt >= attempts) return { ok: false, status: failure.status, error: failure.error };
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs * 2 ** (attempt - 1)));
    }
  };
  const list2 = async (spec, namespace) => {
    const api = `GET ${listPath(spec, namespace)}`;
    const items = [];
    const seenTokens = /* @__PURE__ */ new Set();
    let token;
    for (; ; ) {
      const p = token === void 0 ? { limit: pageSize } : { limit: pageSize, _continue: token };
      const send = (o) => namespace === null ? spec.all(apis, p, o) : spec.namespaced(apis, namespace, p, o);
      const r = await call(`${api}?continue=${token ?? ""}`, send);
      if (!r.ok) return { ...r, api };
      const raw = r.body["items"];
      if (!Array.isArray(raw)) return { ok: false, status: null, error: `malformed response: no items in ${spec.kind}List`, api };
      for (const it of raw) if (isObject2(it)) items.push(it);
      const md = r.body["metadata"];
      const next = isObject2(md) && typeof md["continue"] === "string" ? md["continue"] : "";
      if (next === "") return { ok: true, items };
      if (seenTokens.has(next)) return { ok: false, status: null, error: "pagination did not advance (repeated continue token)", api };
      seenTokens.add(next);
      token = next;
    }
  };
  const documents = [];
  const wantedSecrets = /* @__PURE__ */ new Map();
  const gap = (spec, scope, r) => {
    coverage.failedCalls++;
    const collections = spec.refersToSecrets ? [...spec.collections, SECRET.collection] : spec.collections;
    for (const collection of collections) {
      coverage.gaps.push({ collection, scope, api: r.api, error: r.error, permission: listPermission(spec) });
    }
  };
  const accept = (spec, items) => {
    for (const item of items) {
      const doc = prepare(item, spec);
      const md = isObject2(doc["metadata"]) ? doc["metadata"] : {};
      const ns = typeof md["namespace"] === "string" ? md["namespace"] : "";
      const name = typeof md["name"] === "string" ? md["name"] : "(unnamed)";
      if (namespaces && spec.namespaced && !namespaces.includes(ns)) continue;
      if (namespaces && spec.kind === "Namespace" && !namespaces.includes(name)) continue;
      if (spec.refersToSecrets && ns !== "") {
        for (const secret of secretReferences(doc, spec.kind)) wantedSecrets.set(`${ns}/${secret}`, [ns, secret]);
      }
      if (ownedByTemplateOwner(doc, spec.kind)) continue;
      documents.push({ doc, source: { file, line: 1, ref: ns === "" ? `${spec.kind}/${name}` : `${spec.kind}/${ns}/${name}` } });
    }
  };
  const readSecret = async (namespace, name) => {
    const api = `GET ${SECRET.path(namespace, name)}`;
    const r = await call(api, (o) => SECRET.get(apis, namespace, name, o));
    if (r.ok) {
      const md = r.body["metadata"];
      const got = isObject2(md) ? md : {};
      if (got["name"] !== name || got["namespace"] !== void 0 && got["namespace"] !== namespace) {
        coverage.failedCalls++;
        coverage.gaps.push({ collection: SECRET.collection, scope: namespace, api, error: "malformed response: not the Secret asked for", permission: SECRET.permission });
        return;
      }
      const doc = prepare({ ...r.body, metadata: { ...got, namespace } }, SECRET);
      documents.push({ doc, source: { file, line: 1, ref: `Secret/${namespace}/${name}` } });
      return;
    }
    if (r.status === 404) return;
    coverage.failedCalls++;
    coverage.gaps.push({ collection: SECRET.collection, scope: namespace, api, error: r.error, permission: SECRET.permission });
  };
  const readKind = async (spec) => {
    const whole = await list2(spec, null);
    if (whole.ok) return accept(spec, whole.items);
    if (whole.status === 404 && spec.crd) return;
    if (whole.status === 403 && namespaces && spec.namespaced) {
      await Promise.all(namespaces.map(async (ns) => {
        const r = await list2(spec, ns);
        if (r.ok) accept(spec, r.items);
        else if (!(r.status === 404 && spec.crd)) gap(spec, ns, r);
      }));
      return;
    }
    gap(spec, "", whole);
  };
  await Promise.all(KINDS.map(readKind));
  await Promise.all([...wantedSecrets.values()].map(([ns, name]) => readSecret(ns, name)));
  documents.sort((a, b) => (a.source.ref ?? "").localeCompare(b.source.ref ?? ""));
  coverage.gaps.sort((a, b) => a.collection.localeCompare(b.collection) || a.scope.localeCompare(b.scope) || a.api.localeCompare(b.api));
  return { documents, mattermostConfigs: [], coverage };
}
export {
  collectKubernetes,
  liveSourceFile
};
