// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  SECRET_KEYS,
  mattermostDefaults
} from "./chunk-YXAID3U6.mjs";

// src/collectors/k8s-manifests/certificate.ts
import { X509Certificate } from "node:crypto";
var PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
function isoOf(text) {
  const t = Date.parse(text);
  return Number.isNaN(t) ? "" : new Date(t).toISOString();
}
function dnLine(dn) {
  return dn.split("\n").map((x) => x.trim()).filter((x) => x !== "").join(", ");
}
function dnsNamesOf(san) {
  if (san === void 0) return [];
  return san.split(/,\s*/).filter((x) => x.startsWith("DNS:")).map((x) => x.slice(4).trim().toLowerCase());
}
function parseTlsCertificate(pem) {
  if (pem.trim() === "") return { empty: true };
  const blocks = pem.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) return { error: "tls.crt holds no PEM certificate (no BEGIN/END CERTIFICATE block)" };
  let x;
  try {
    x = new X509Certificate(blocks[0]);
  } catch {
    return { error: "tls.crt holds a PEM block that is not a valid X.509 certificate" };
  }
  const notBefore = isoOf(x.validFrom);
  const notAfter = isoOf(x.validTo);
  if (notBefore === "" || notAfter === "") return { error: "tls.crt: the certificate has no readable validity period" };
  return {
    certificate: {
      subject: dnLine(x.subject),
      issuer: dnLine(x.issuer),
      notBefore,
      notAfter,
      dnsNames: dnsNamesOf(x.subjectAltName),
      selfSigned: x.issuer === x.subject && x.verify(x.publicKey),
      fingerprint256: x.fingerprint256,
      chainLength: blocks.length
    }
  };
}

// src/collectors/k8s-manifests/dsn.ts
var SHIPPED_DEFAULT_DSN = "postgres://mmuser:mostest@localhost/mattermost_test?sslmode=disable&connect_timeout=10&binary_parameters=yes";
function parseDsn(raw, origin) {
  const value = raw.trim();
  const base2 = {
    origin,
    scheme: "",
    host: "",
    port: "",
    database: "",
    sslmode: "",
    hasPassword: false,
    isShippedDefault: value === SHIPPED_DEFAULT_DSN,
    parseError: null
  };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      const u = new URL(value);
      const scheme = u.protocol.replace(/:$/, "").toLowerCase();
      const sslmode = u.searchParams.get("sslmode") ?? tlsParamToSslmode(u.searchParams.get("tls"));
      return {
        ...base2,
        scheme,
        host: u.hostname,
        port: u.port,
        database: u.pathname.replace(/^\//, ""),
        sslmode: sslmode ?? "",
        hasPassword: u.password !== ""
      };
    } catch {
      return { ...base2, parseError: "not a valid URL" };
    }
  }
  const my = /^([^:@]*)(?::([^@]*))?@(?:tcp|unix)\(([^)]*)\)\/([^?]*)(?:\?(.*))?$/.exec(value);
  if (my) {
    const [host = "", port = ""] = (my[3] ?? "").split(":");
    const params = new URLSearchParams(my[5] ?? "");
    return {
      ...base2,
      scheme: "mysql",
      host,
      port,
      database: my[4] ?? "",
      sslmode: tlsParamToSslmode(params.get("tls")) ?? "",
      hasPassword: (my[2] ?? "") !== ""
    };
  }
  if (/\b(host|dbname|sslmode)\s*=/.test(value)) {
    const kv = /* @__PURE__ */ new Map();
    for (const m of value.matchAll(/(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S*)/g)) {
      kv.set(m[1] ?? "", (m[2] ?? "").replace(/^'|'$/g, ""));
    }
    return {
      ...base2,
      scheme: "postgres",
      host: kv.get("host") ?? "",
      port: kv.get("port") ?? "",
      database: kv.get("dbname") ?? "",
      sslmode: kv.get("sslmode") ?? "",
      hasPassword: (kv.get("password") ?? "") !== ""
    };
  }
  return { ...base2, parseError: "not a recognizable connection string" };
}
function tlsParamToSslmode(tls) {
  if (tls === null) return null;
  if (tls === "true") return "verify-full";
  if (tls === "skip-verify") return "require";
  if (tls === "preferred") return "prefer";
  if (tls === "false") return "disable";
  return "verify-full";
}
function looksLikeDsn(value) {
  return /^(postgres(ql)?|mysql):\/\//i.test(value.trim()) || /@(tcp|unix)\(/.test(value) || /\bsslmode\s*=/.test(value);
}

// src/model/mattermost.ts
var REDACTED = "<redacted>";

// src/collectors/redact.ts
var SECRET_NAME = /(passw(or)?d|secret|token|credentials?|private.?key|api.?key|access.?key|salt|datasource(replicas)?|dsn|connection.?string|encrypt.?key|(^|_)key)$/i;
var SECRET_KEY_IN_SPEC = /passw|salt$|private.?key$|api.?key$|secret.?access.?key|client.?secret$|^dsn$|datasource$|connection.?string$/i;
var MM_SETTING_SECRET = /(passw(or)?d|secret|secretaccesskey|salt|encryptkey|datasource|datasourcereplicas|datasourcesearchreplicas|(sdk|api|private|license)key)$/i;
var MM_SECRET_ENV = new Set(SECRET_KEYS.filter((k) => !k.includes("[")).map((k) => `MM_${k.replace(/\./g, "_")}`.toUpperCase()));
var LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
var RAW_FIELDS = ["annotations", "pod", "spec", "status", "args", "command", "ingress", "egress", "settings"];
function isSecretName(name) {
  return MM_SECRET_ENV.has(name.toUpperCase()) || SECRET_NAME.test(name);
}
var URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]*:)([^\s@/]+)(@)/gi;
var MYSQL_PASSWORD = /(^|[\s"'=])([^\s:@/"'=]*:)([^\s@/]+)(@(?:tcp|unix)\()/g;
var KEYWORD_PASSWORD = /(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s'&;]+)/gi;
var FLAG_SECRET = /(-{1,2}[\w.-]*(?:passw|secret|token|api-?key|salt)[\w.-]*=)(\S+)/gi;
var MAYBE = /[@=]/;
function redactString(s) {
  if (!MAYBE.test(s)) return s;
  return s.replace(URL_PASSWORD, `$1${REDACTED}$3`).replace(MYSQL_PASSWORD, `$1$2${REDACTED}$4`).replace(KEYWORD_PASSWORD, `$1${REDACTED}`).replace(FLAG_SECRET, `$1${REDACTED}`);
}
function redactRaw(root, secretKey = SECRET_KEY_IN_SPEC) {
  const stack = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object") continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const item = v[i];
        if (typeof item === "string") v[i] = redactString(item);
        else if (item !== null && typeof item === "object") stack.push(item);
      }
      continue;
    }
    const o = v;
    const pairName = typeof o["name"] === "string" && "value" in o ? o["name"] : null;
    for (const [k, val] of Object.entries(o)) {
      if (typeof val === "string") {
        if (val === "" || val === REDACTED) continue;
        if (k === LAST_APPLIED || k === "value" && pairName !== null && isSecretName(pairName) || secretKey.test(k)) {
          o[k] = REDACTED;
        } else {
          const r = redactString(val);
          if (r !== val) o[k] = k === "value" && pairName !== null ? REDACTED : r;
        }
      } else if (Array.isArray(val) && secretKey.test(k) && val.every((x) => typeof x === "string")) {
        o[k] = val.map((x) => x === "" ? x : REDACTED);
      } else if (val !== null && typeof val === "object") {
        stack.push(val);
      }
    }
  }
}
function redactCollections(collections) {
  const groups = [collections];
  while (groups.length > 0) {
    const g = groups.pop();
    if (g === null || typeof g !== "object") continue;
    for (const list of Object.values(g)) {
      if (!Array.isArray(list)) {
        if (list !== null && typeof list === "object") groups.push(list);
        continue;
      }
      for (const item of list) {
        if (item === null || typeof item !== "object") continue;
        const o = item;
        for (const f of RAW_FIELDS) if (f in o) redactRaw(o[f], f === "settings" ? MM_SETTING_SECRET : SECRET_KEY_IN_SPEC);
      }
    }
  }
}

// src/collectors/k8s-manifests/normalize.ts
function isObj(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function obj(v) {
  return isObj(v) ? v : {};
}
function arr(v) {
  return Array.isArray(v) ? v : [];
}
function str(v) {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}
function strMap(v) {
  const out = {};
  for (const [k, val] of Object.entries(obj(v))) out[k] = str(val);
  return out;
}
function strList(v) {
  return arr(v).map(str);
}
function isK8sDocument(v) {
  return isObj(v) && typeof v["apiVersion"] === "string" && typeof v["kind"] === "string";
}
var MATTERMOST_IMAGES = /* @__PURE__ */ new Set([
  "mattermost",
  "mattermost-enterprise-edition",
  "mattermost-team-edition",
  "mattermost-enterprise",
  "mattermost-team",
  "mattermost-server",
  "mattermost-fips-edition"
]);
function isMattermostImage(image) {
  const repo = image.split("@")[0].replace(/:[^/:]*$/, "");
  const last = repo.split("/").pop() ?? "";
  return MATTERMOST_IMAGES.has(last.toLowerCase());
}
function base(doc, source) {
  const md = obj(doc["metadata"]);
  const kind = str(doc["kind"]);
  const namespace = str(md["namespace"]);
  const name = str(md["name"]) || str(md["generateName"]) || "(unnamed)";
  return {
    id: `k8s/${kind}/${namespace === "" ? "" : `${namespace}/`}${name}`,
    kind,
    apiVersion: str(doc["apiVersion"]),
    name,
    namespace,
    labels: strMap(md["labels"]),
    annotations: strMap(md["annotations"]),
    creationTimestamp: str(md["creationTimestamp"]) || null,
    source
  };
}
var WORKLOAD_TEMPLATE_PATH = {
  Pod: "",
  Deployment: "spec.template",
  StatefulSet: "spec.template",
  DaemonSet: "spec.template",
  ReplicaSet: "spec.template",
  ReplicationController: "spec.template",
  Job: "spec.template",
  CronJob: "spec.jobTemplate.spec.template"
};
function at(doc, dotted) {
  let cur = doc;
  if (dotted === "") return cur;
  for (const seg of dotted.split(".")) cur = obj(cur)[seg];
  return cur;
}
function envRefs(v) {
  return arr(v).map((e) => {
    const o = obj(e);
    const vf = obj(o["valueFrom"]);
    const sk = isObj(vf["secretKeyRef"]) ? vf["secretKeyRef"] : null;
    const ck = isObj(vf["configMapKeyRef"]) ? vf["configMapKeyRef"] : null;
    return {
      name: str(o["name"]),
      hasValue: o["value"] !== void 0 && o["value"] !== null,
      secretKeyRef: sk ? { name: str(sk["name"]), key: str(sk["key"]) } : null,
      configMapKeyRef: ck ? { name: str(ck["name"]), key: str(ck["key"]) } : null,
      fieldRef: isObj(vf["fieldRef"]) || isObj(vf["resourceFieldRef"])
    };
  });
}
function workload(doc, source, kind) {
  const b = base(doc, source);
  const tplPath = WORKLOAD_TEMPLATE_PATH[kind];
  const tpl = kind === "Pod" ? doc : obj(at(doc, tplPath));
  const tplMeta = kind === "Pod" ? obj(doc["metadata"]) : obj(tpl["metadata"]);
  const spec = obj(tpl["spec"]);
  const pod = { labels: strMap(tplMeta["labels"]), annotations: strMap(tplMeta["annotations"]), spec };
  const containers = [];
  const mattermostEnv = [];
  const hostPathVolumes = arr(spec["volumes"]).filter((v) => isObj(obj(v)["hostPath"])).map((v) => str(obj(v)["name"]));
  const specPath = kind === "Pod" ? "spec" : `${tplPath}.spec`;
  let anyMattermost = false;
  for (const role of ["initContainers", "containers", "ephemeralContainers"]) {
    arr(spec[role]).forEach((c, i) => {
      const co = obj(c);
      const image = str(co["image"]);
      const isMm = isMattermostImage(image);
      anyMattermost ||= isMm && role === "containers";
      const cname = str(co["name"]);
      containers.push({
        id: `${b.id}/${role === "containers" ? "" : `${role}/`}${cname}`,
        kind: "Container",
        name: cname,
        namespace: b.namespace,
        workload: { id: b.id, kind, name: b.name },
        role,
        image,
        securityContext: obj(co["securityContext"]),
        podSecurityContext: obj(spec["securityContext"]),
        hostNetwork: spec["hostNetwork"] === true,
        hostPID: spec["hostPID"] === true,
        hostIPC: spec["hostIPC"] === true,
        hostPathVolumes,
        ports: arr(co["ports"]).map((p) => {
          const po = obj(p);
          return { name: str(po["name"]), containerPort: Number(po["containerPort"] ?? 0), protocol: str(po["protocol"]) || "TCP" };
        }),
        env: envRefs(co["env"]),
        command: strList(co["command"]),
        args: strList(co["args"]),
        isMattermost: isMm,
        podLabels: pod.labels,
        source: { ...source, docPath: `${specPath}.${role}[${i}]` }
      });
      if (isMm) {
        arr(co["env"]).forEach((e, j) => {
          const eo = obj(e);
          const name = str(eo["name"]);
          if (!name.startsWith("MM_")) return;
          const vf = obj(eo["valueFrom"]);
          const sk = obj(vf["secretKeyRef"]);
          const ck = obj(vf["configMapKeyRef"]);
          mattermostEnv.push({
            name,
            value: eo["value"] === void 0 || eo["value"] === null ? null : str(eo["value"]),
            secretKeyRef: isObj(vf["secretKeyRef"]) ? { name: str(sk["name"]), key: str(sk["key"]) } : null,
            configMapKeyRef: isObj(vf["configMapKeyRef"]) ? { name: str(ck["name"]), key: str(ck["key"]) } : null,
            docPath: `${specPath}.${role}[${i}].env[${j}]`
          });
        });
      }
    });
  }
  const specTop = obj(doc["spec"]);
  const labels = { ...b.labels, ...pod.labels };
  const installation = labels["installation.mattermost.com/installation"] ?? null;
  const isMattermost = anyMattermost || labels["app"] === "mattermost" && installation !== null;
  const w = {
    ...b,
    kind,
    pod,
    replicas: typeof specTop["replicas"] === "number" ? specTop["replicas"] : kind === "Deployment" || kind === "StatefulSet" || kind === "ReplicaSet" ? 1 : null,
    isMattermost,
    installation,
    serviceAccount: { name: str(spec["serviceAccountName"]) || str(spec["serviceAccount"]) || "default", found: false, automountServiceAccountToken: null, annotations: {} },
    schedule: kind === "CronJob" ? str(specTop["schedule"]) : null,
    suspend: kind === "CronJob" ? specTop["suspend"] === true : null,
    lastSuccessfulTime: kind === "CronJob" ? str(obj(doc["status"])["lastSuccessfulTime"]) || null : null,
    lastScheduleTime: kind === "CronJob" ? str(obj(doc["status"])["lastScheduleTime"]) || null : null,
    origins: {
      pod: { ...source, docPath: tplPath },
      "pod.spec": { ...source, docPath: specPath },
      serviceAccount: { ...source, docPath: `${specPath}.serviceAccountName` },
      "pod.labels": { ...source, docPath: kind === "Pod" ? "metadata.labels" : `${tplPath}.metadata.labels` },
      "pod.annotations": { ...source, docPath: kind === "Pod" ? "metadata.annotations" : `${tplPath}.metadata.annotations` }
    }
  };
  for (const c of containers) c.isMattermost ||= isMattermost && c.role === "containers" && c.name === "mattermost";
  return { workload: w, containers, extras: { mattermostEnv } };
}
function secretValues(doc) {
  const out = /* @__PURE__ */ new Map();
  for (const [k, v] of Object.entries(obj(doc["data"]))) {
    try {
      out.set(k, Buffer.from(str(v), "base64").toString("utf8"));
    } catch {
    }
  }
  for (const [k, v] of Object.entries(obj(doc["stringData"]))) out.set(k, str(v));
  return out;
}
var DSN_KEYS = /* @__PURE__ */ new Set(["DB_CONNECTION_STRING", "MM_SQLSETTINGS_DATASOURCE", "MM_SQLSETTINGS_DATASOURCEREPLICAS", "DB_CONNECTION_CHECK_URL"]);
function secret(doc, source) {
  const b = base(doc, source);
  const values = secretValues(doc);
  const dsns = [];
  for (const [k, v] of values) {
    if (!DSN_KEYS.has(k) && !looksLikeDsn(v)) continue;
    for (const part of k === "MM_SQLSETTINGS_DATASOURCEREPLICAS" ? v.split(/[\s,]+/).filter(Boolean) : [v]) {
      dsns.push(parseDsn(part, `Secret ${b.name} key ${k}`));
    }
  }
  const owners = arr(obj(doc["metadata"])["ownerReferences"]).map((o) => str(obj(o)["kind"]));
  const managedByVault = owners.some((k) => ["ExternalSecret", "SecretProviderClass", "SealedSecret", "VaultStaticSecret", "VaultDynamicSecret"].includes(k)) || Object.keys(b.labels).some((l) => /external-secrets\.io|secrets-store\.csi|sealedsecrets|vault/.test(l)) || Object.keys(b.annotations).some((a) => /external-secrets\.io|sealedsecrets|vault\.hashicorp|secrets-store/.test(a));
  const rotatedAnnotation = b.annotations[ROTATED_AT_ANNOTATION] ?? "";
  const rotatedAt = rotatedAnnotation || b.creationTimestamp;
  const type = str(doc["type"]) || "Opaque";
  const cert = type === "kubernetes.io/tls" ? parseTlsCertificate(values.get("tls.crt") ?? "") : null;
  const s = {
    ...b,
    kind: "Secret",
    type,
    keys: [...values.keys()].sort(),
    dsns,
    managedByVault,
    rotatedAt,
    certificate: cert !== null && "certificate" in cert ? cert.certificate : null,
    certificateError: cert !== null && "error" in cert ? cert.error : "",
    ingressHosts: [],
    servesMattermost: false,
    origins: {
      rotatedAt: { ...source, docPath: rotatedAnnotation ? `metadata.annotations[${JSON.stringify(ROTATED_AT_ANNOTATION)}]` : "metadata.creationTimestamp" }
    }
  };
  const who = `Secret ${b.namespace || "default"}/${b.name}`;
  if (rotatedAt === null) {
    (s.unknown ??= {})["rotatedAt"] = `${who} has neither metadata.creationTimestamp (manifests from git carry none) nor an ${ROTATED_AT_ANNOTATION} annotation, so its age cannot be told`;
  }
  if (cert !== null && "empty" in cert) {
    (s.unknown ??= {})["certificate"] = `${who} has an empty tls.crt (a placeholder, or cert-manager has not issued the certificate yet), so the certificate cannot be judged`;
  }
  return s;
}
var ROTATED_AT_ANNOTATION = "oobguard.io/rotated-at";
function vaultSyncTargets(doc, group, kind) {
  const md = obj(doc["metadata"]);
  const spec = obj(doc["spec"]);
  if (group === "external-secrets.io" && kind === "ExternalSecret") return [str(obj(spec["target"])["name"]) || str(md["name"])];
  if (group === "secrets-store.csi.x-k8s.io" && kind === "SecretProviderClass") return arr(spec["secretObjects"]).map((o) => str(obj(o)["secretName"])).filter(Boolean);
  if (group === "secrets.hashicorp.com" && (kind === "VaultStaticSecret" || kind === "VaultDynamicSecret")) return [str(obj(spec["destination"])["name"])].filter(Boolean);
  return [];
}
var MM_SECRET_PATHS = [
  ["SqlSettings", "DataSource"],
  ["SqlSettings", "AtRestEncryptKey"],
  ["FileSettings", "PublicLinkSalt"],
  ["FileSettings", "AmazonS3SecretAccessKey"],
  ["EmailSettings", "SMTPPassword"],
  ["LdapSettings", "BindPassword"],
  ["GitLabSettings", "Secret"],
  ["GoogleSettings", "Secret"],
  ["Office365Settings", "Secret"],
  ["OpenIdSettings", "Secret"],
  ["ElasticsearchSettings", "Password"]
];
var MATTERMOST_SECTIONS = Object.keys(mattermostDefaults(false));
function isMattermostConfig(v) {
  if (!isObj(v)) return false;
  let n = 0;
  for (const s of MATTERMOST_SECTIONS) {
    if (isObj(v[s]) && ++n >= 2) return true;
  }
  return false;
}
var INGRESS_NGINX_KEYS = [
  "allow-snippet-annotations",
  "ssl-protocols",
  "ssl-ciphers",
  "hsts",
  "hsts-include-subdomains",
  "enable-modsecurity",
  "enable-owasp-modsecurity-crs",
  "annotations-risk-level",
  "strict-validate-path-type",
  "whitelist-source-range",
  "allowlist-source-range"
];
function configMap(doc, source) {
  const b = base(doc, source);
  const data = obj(doc["data"]);
  const keys = Object.keys(data).sort();
  const mattermostConfigs = [];
  const filled = [];
  for (const k of keys) {
    const v = str(data[k]);
    if (!v.trimStart().startsWith("{")) continue;
    try {
      const parsed = JSON.parse(v);
      if (isMattermostConfig(parsed)) {
        mattermostConfigs.push({ key: k, config: parsed });
        for (const [s, key] of MM_SECRET_PATHS) {
          const val = obj(parsed[s])[key];
          if (typeof val === "string" && val !== "" && !val.startsWith("*****")) filled.push(`${k}: ${s}.${key}`);
        }
      }
    } catch {
    }
  }
  const looksLikeIngressNginx = /ingress-nginx|nginx-ingress/.test(b.name) || b.labels["app.kubernetes.io/name"] === "ingress-nginx" || keys.includes("allow-snippet-annotations");
  let ingressNginx = null;
  if (looksLikeIngressNginx) {
    ingressNginx = {};
    for (const k of INGRESS_NGINX_KEYS) if (k in data) ingressNginx[k] = str(data[k]);
  }
  return {
    cm: { ...b, kind: "ConfigMap", keys, ingressNginx, mattermostConfigSecrets: filled, hasMattermostConfig: mattermostConfigs.length > 0 },
    mattermostConfigs
  };
}
function service(doc, source) {
  const b = base(doc, source);
  const spec = obj(doc["spec"]);
  return {
    ...b,
    kind: "Service",
    type: str(spec["type"]) || "ClusterIP",
    selector: strMap(spec["selector"]),
    ports: arr(spec["ports"]).map((p) => {
      const po = obj(p);
      return { name: str(po["name"]), port: Number(po["port"] ?? 0), targetPort: po["targetPort"] ?? null, protocol: str(po["protocol"]) || "TCP" };
    }),
    loadBalancerSourceRanges: strList(spec["loadBalancerSourceRanges"]),
    selectsMattermost: false
  };
}
function ingress(doc, source) {
  const b = base(doc, source);
  const spec = obj(doc["spec"]);
  const hosts = /* @__PURE__ */ new Set();
  const backends = /* @__PURE__ */ new Set();
  const backendPorts = /* @__PURE__ */ new Map();
  const addBackend = (be) => {
    const svc = obj(obj(be)["service"]);
    const name = str(svc["name"]) || str(obj(be)["serviceName"]);
    if (name) backends.add(name);
    const port = str(obj(svc["port"])["number"]) || str(obj(svc["port"])["name"]) || str(obj(be)["servicePort"]);
    if (name) backendPorts.set(`${name}\0${port}`, { service: name, port });
  };
  addBackend(spec["defaultBackend"] ?? spec["backend"]);
  for (const r of arr(spec["rules"])) {
    const ro = obj(r);
    if (str(ro["host"])) hosts.add(str(ro["host"]));
    for (const p of arr(obj(ro["http"])["paths"])) addBackend(obj(p)["backend"]);
  }
  return {
    ...b,
    kind: "Ingress",
    ingressClassName: str(spec["ingressClassName"]) || b.annotations["kubernetes.io/ingress.class"] || "",
    hosts: [...hosts],
    tls: arr(spec["tls"]).map((t) => ({ hosts: strList(obj(t)["hosts"]), secretName: str(obj(t)["secretName"]), secretFound: false, secretType: null })),
    backends: [...backends],
    backendPorts: [...backendPorts.values()],
    tlsHosts: [...new Set(arr(spec["tls"]).flatMap((t) => strList(obj(t)["hosts"])))],
    servesMattermost: false,
    loadBalancer: arr(obj(obj(doc["status"])["loadBalancer"])["ingress"]).map((i) => ({ hostname: str(obj(i)["hostname"]), ip: str(obj(i)["ip"]) }))
  };
}
function isEmptySelector(sel) {
  return Object.keys(obj(sel["matchLabels"])).length === 0 && arr(sel["matchExpressions"]).length === 0;
}
function networkPolicy(doc, source) {
  const b = base(doc, source);
  const spec = obj(doc["spec"]);
  const podSelector = obj(spec["podSelector"]);
  let policyTypes = strList(spec["policyTypes"]);
  if (policyTypes.length === 0) policyTypes = spec["egress"] !== void 0 ? ["Ingress", "Egress"] : ["Ingress"];
  return {
    ...b,
    kind: "NetworkPolicy",
    podSelector,
    selectsAllPods: isEmptySelector(podSelector),
    policyTypes,
    ingress: arr(spec["ingress"]).map(obj),
    egress: arr(spec["egress"]).map(obj),
    selectsMattermost: false
  };
}
function crSpecRedacted(spec) {
  const out = { ...spec };
  const es = obj(spec["elasticSearch"]);
  if (typeof es["password"] === "string" && es["password"] !== "") out["elasticSearch"] = { ...es, password: "<redacted>" };
  if (Array.isArray(spec["mattermostEnv"])) {
    out["mattermostEnv"] = arr(spec["mattermostEnv"]).map((e) => {
      const eo = obj(e);
      if (eo["value"] === void 0) return eo;
      return { ...eo, value: isSecretName(str(eo["name"])) ? "<redacted>" : eo["value"] ?? null };
    });
  }
  return out;
}
var WORKLOAD_KINDS = new Set(Object.keys(WORKLOAD_TEMPLATE_PATH));
function normalizeDocument(doc, source, into) {
  const kind = str(doc["kind"]);
  const apiVersion = str(doc["apiVersion"]);
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  if (WORKLOAD_KINDS.has(kind) && (group === "" || group === "apps" || group === "batch" || group === "extensions")) {
    const { workload: w, containers, extras } = workload(doc, source, kind);
    into.objects.push(w);
    into.containers.push(...containers);
    if (extras.mattermostEnv.length > 0) into.mattermostEnv.set(w.id, extras.mattermostEnv);
    return true;
  }
  if (group === "velero.io") {
    const b = base(doc, source);
    const spec = obj(doc["spec"]);
    const status = obj(doc["status"]);
    if (kind === "Schedule") {
      into.objects.push({ ...b, kind: "Schedule", spec, status, intervalHours: null, ttlHours: 720, storageLocation: "", storageLocationFound: false, coversNamespaces: [], missesNamespaces: [] });
      return true;
    }
    if (kind === "Backup") {
      into.objects.push({ ...b, kind: "Backup", spec, status, scheduleName: b.labels["velero.io/schedule-name"] ?? "" });
      return true;
    }
    if (kind === "Restore") {
      into.objects.push({ ...b, kind: "Restore", spec, status });
      return true;
    }
    if (kind === "BackupStorageLocation") {
      const provider = str(spec["provider"]);
      const isAzure = provider === "azure" || provider === "velero.io/azure";
      const azureSubscriptionId = isAzure ? str(obj(spec["config"])["subscriptionId"]) : "";
      const bsl = {
        ...b,
        kind: "BackupStorageLocation",
        spec,
        status,
        bucket: str(obj(spec["objectStorage"])["bucket"]),
        isDefault: spec["default"] === true,
        hasCredential: isObj(spec["credential"]),
        usedBySchedules: [],
        azureSubscriptionId
      };
      if (isAzure && azureSubscriptionId === "") {
        bsl.unknown = {
          azureSubscriptionId: `BackupStorageLocation ${b.name} does not name spec.config.subscriptionId; Velero then uses the subscription of its credentials, which the manifests do not show`
        };
      }
      into.objects.push(bsl);
      return true;
    }
    return false;
  }
  if (group === "installation.mattermost.com" && kind === "Mattermost") {
    const b = base(doc, source);
    const spec = obj(doc["spec"]);
    const env = arr(spec["mattermostEnv"]).map((e, j) => {
      const eo = obj(e);
      const vf = obj(eo["valueFrom"]);
      return {
        name: str(eo["name"]),
        value: eo["value"] === void 0 || eo["value"] === null ? null : str(eo["value"]),
        secretKeyRef: isObj(vf["secretKeyRef"]) ? { name: str(obj(vf["secretKeyRef"])["name"]), key: str(obj(vf["secretKeyRef"])["key"]) } : null,
        configMapKeyRef: isObj(vf["configMapKeyRef"]) ? { name: str(obj(vf["configMapKeyRef"])["name"]), key: str(obj(vf["configMapKeyRef"])["key"]) } : null,
        docPath: `spec.mattermostEnv[${j}]`
      };
    }).filter((e) => e.name.startsWith("MM_"));
    const fs = obj(spec["fileStore"]);
    const ext = obj(fs["external"]);
    const fileStoreType = isObj(fs["external"]) ? "external" : isObj(fs["operatorManaged"]) ? "operatorManaged" : isObj(fs["local"]) ? "local" : isObj(fs["externalVolume"]) ? "externalVolume" : "none";
    const cr = {
      ...b,
      kind: "Mattermost",
      spec: crSpecRedacted(spec),
      status: obj(doc["status"]),
      database: { secretName: str(obj(obj(spec["database"])["external"])["secret"]), secretFound: false, dsns: [], managedByVault: false },
      fileStore: { type: fileStoreType, bucket: str(ext["bucket"]), useServiceAccount: ext["useServiceAccount"] === true, secret: str(ext["secret"]) },
      serviceAccount: { found: false, roleArn: "", azureClientId: "", automountServiceAccountToken: null }
    };
    into.objects.push(cr);
    into.mattermostEnv.set(cr.id, env);
    return true;
  }
  const synced = vaultSyncTargets(doc, group, kind);
  if (synced.length > 0) {
    const md = obj(doc["metadata"]);
    for (const name of synced) into.vaultSyncedSecrets.set(`${str(md["namespace"]) || "default"}/${name}`, `${kind} ${str(md["name"])}`);
    return true;
  }
  if (group === "" || group === "networking.k8s.io" || group === "rbac.authorization.k8s.io" || group === "extensions") {
    switch (kind) {
      case "Namespace":
        into.objects.push({ ...base(doc, source), kind: "Namespace" });
        return true;
      case "Service":
        into.objects.push(service(doc, source));
        return true;
      case "Ingress":
        into.objects.push(ingress(doc, source));
        return true;
      case "NetworkPolicy":
        into.objects.push(networkPolicy(doc, source));
        return true;
      case "ServiceAccount": {
        const sa = {
          ...base(doc, source),
          kind: "ServiceAccount",
          automountServiceAccountToken: typeof doc["automountServiceAccountToken"] === "boolean" ? doc["automountServiceAccountToken"] : null
        };
        into.objects.push(sa);
        return true;
      }
      case "Secret": {
        const s = secret(doc, source);
        into.objects.push(s);
        const vals = secretValues(doc);
        const keep = /* @__PURE__ */ new Map();
        for (const [k, v] of vals) if (v.length <= 4096) keep.set(k, v);
        if (keep.size > 0) into.secretValues.set(`${s.namespace}/${s.name}`, keep);
        return true;
      }
      case "ConfigMap": {
        const { cm, mattermostConfigs } = configMap(doc, source);
        into.objects.push(cm);
        for (const c of mattermostConfigs) into.configMapConfigs.push({ id: cm.id, key: c.key, config: c.config, source: { ...source, docPath: `data[${JSON.stringify(c.key)}]` } });
        return true;
      }
      case "RoleBinding":
      case "ClusterRoleBinding": {
        const rr = obj(doc["roleRef"]);
        const rb = {
          ...base(doc, source),
          kind,
          roleRef: { kind: str(rr["kind"]), name: str(rr["name"]) },
          subjects: arr(doc["subjects"]).map((s) => ({ kind: str(obj(s)["kind"]), name: str(obj(s)["name"]), namespace: str(obj(s)["namespace"]) }))
        };
        into.objects.push(rb);
        return true;
      }
      case "Role":
      case "ClusterRole": {
        const r = {
          ...base(doc, source),
          kind,
          rules: arr(doc["rules"]).map((x) => ({
            apiGroups: strList(obj(x)["apiGroups"]),
            resources: strList(obj(x)["resources"]),
            verbs: strList(obj(x)["verbs"]),
            resourceNames: strList(obj(x)["resourceNames"])
          }))
        };
        into.objects.push(r);
        return true;
      }
      default:
        return false;
    }
  }
  return false;
}

export {
  REDACTED,
  parseDsn,
  isSecretName,
  redactCollections,
  isObj,
  obj,
  arr,
  str,
  isK8sDocument,
  isMattermostImage,
  isMattermostConfig,
  normalizeDocument
};
