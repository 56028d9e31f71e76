/**
 * One Kubernetes document → model objects. Only the fields rules need are kept, so memory stays
 * bounded by what is judged, not by what was rendered; secret values are reduced to facts here,
 * at the edge, and never travel further.
 */
import type {
  ConfigMap, Container, EnvVarRef, Ingress, Json, JsonObject, K8sObject, MattermostInstallation, NetworkPolicy, PodTemplate,
  Role, RoleBinding, Secret, Service, ServiceAccount, VeleroBackup, VeleroRestore, VeleroSchedule, VeleroStorageLocation, Workload,
  WorkloadKind,
} from '../../model/k8s.ts';
import type { SourceRef } from '../../model/provenance.ts';
import { mattermostDefaults } from '../../model/mattermost/defaults.ts';
import { parseTlsCertificate } from './certificate.ts';
import { looksLikeDsn, parseDsn } from './dsn.ts';
import { isSecretName } from '../redact.ts';

export type Normalized =
  | Workload | Service | Ingress | NetworkPolicy | ServiceAccount | Secret | ConfigMap | RoleBinding | Role
  | MattermostInstallation | VeleroSchedule | VeleroBackup | VeleroRestore | VeleroStorageLocation
  | (K8sObject & { kind: 'Namespace' });

export function isObj(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
export function obj(v: unknown): JsonObject {
  return isObj(v) ? v : {};
}
export function arr(v: unknown): Json[] {
  return Array.isArray(v) ? (v as Json[]) : [];
}
export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(obj(v))) out[k] = str(val);
  return out;
}
function strList(v: unknown): string[] {
  return arr(v).map(str);
}

/** Is this a Kubernetes object document? */
export function isK8sDocument(v: unknown): v is JsonObject {
  return isObj(v) && typeof v['apiVersion'] === 'string' && typeof v['kind'] === 'string';
}

const MATTERMOST_IMAGES = new Set([
  'mattermost', 'mattermost-enterprise-edition', 'mattermost-team-edition', 'mattermost-enterprise', 'mattermost-team',
  'mattermost-server', 'mattermost-fips-edition',
]);

export function isMattermostImage(image: string): boolean {
  const repo = image.split('@')[0]!.replace(/:[^/:]*$/, '');
  const last = repo.split('/').pop() ?? '';
  return MATTERMOST_IMAGES.has(last.toLowerCase());
}

function base(doc: JsonObject, source: SourceRef): K8sObject {
  const md = obj(doc['metadata']);
  const kind = str(doc['kind']);
  const namespace = str(md['namespace']);
  const name = str(md['name']) || str(md['generateName']) || '(unnamed)';
  return {
    id: `k8s/${kind}/${namespace === '' ? '' : `${namespace}/`}${name}`,
    kind,
    apiVersion: str(doc['apiVersion']),
    name,
    namespace,
    labels: strMap(md['labels']),
    annotations: strMap(md['annotations']),
    creationTimestamp: str(md['creationTimestamp']) || null,
    source,
  };
}

const WORKLOAD_TEMPLATE_PATH: Record<WorkloadKind, string> = {
  Pod: '',
  Deployment: 'spec.template',
  StatefulSet: 'spec.template',
  DaemonSet: 'spec.template',
  ReplicaSet: 'spec.template',
  ReplicationController: 'spec.template',
  Job: 'spec.template',
  CronJob: 'spec.jobTemplate.spec.template',
};

function at(doc: JsonObject, dotted: string): unknown {
  let cur: unknown = doc;
  if (dotted === '') return cur;
  for (const seg of dotted.split('.')) cur = obj(cur)[seg];
  return cur;
}

function envRefs(v: unknown): EnvVarRef[] {
  return arr(v).map((e) => {
    const o = obj(e);
    const vf = obj(o['valueFrom']);
    const sk = isObj(vf['secretKeyRef']) ? vf['secretKeyRef'] : null;
    const ck = isObj(vf['configMapKeyRef']) ? vf['configMapKeyRef'] : null;
    return {
      name: str(o['name']),
      hasValue: o['value'] !== undefined && o['value'] !== null,
      secretKeyRef: sk ? { name: str(sk['name']), key: str(sk['key']) } : null,
      configMapKeyRef: ck ? { name: str(ck['name']), key: str(ck['key']) } : null,
      fieldRef: isObj(vf['fieldRef']) || isObj(vf['resourceFieldRef']),
    };
  });
}

/** Literal env values of MM_* variables, kept apart from the model for config layering. */
export interface MattermostEnvLiteral {
  name: string;
  value: string | null;
  secretKeyRef: { name: string; key: string } | null;
  configMapKeyRef: { name: string; key: string } | null;
  /** Path of this env entry inside the document. */
  docPath: string;
}

export interface WorkloadExtras {
  /** MM_* variables of Mattermost containers, values included (they feed the config layering). */
  mattermostEnv: MattermostEnvLiteral[];
}

function workload(doc: JsonObject, source: SourceRef, kind: WorkloadKind): { workload: Workload; containers: Container[]; extras: WorkloadExtras } {
  const b = base(doc, source);
  const tplPath = WORKLOAD_TEMPLATE_PATH[kind];
  const tpl = kind === 'Pod' ? doc : obj(at(doc, tplPath));
  const tplMeta = kind === 'Pod' ? obj(doc['metadata']) : obj(tpl['metadata']);
  const spec = obj(tpl['spec']);
  const pod: PodTemplate = { labels: strMap(tplMeta['labels']), annotations: strMap(tplMeta['annotations']), spec };
  const containers: Container[] = [];
  const mattermostEnv: MattermostEnvLiteral[] = [];
  const hostPathVolumes = arr(spec['volumes']).filter((v) => isObj(obj(v)['hostPath'])).map((v) => str(obj(v)['name']));
  const specPath = kind === 'Pod' ? 'spec' : `${tplPath}.spec`;
  let anyMattermost = false;
  for (const role of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[role]).forEach((c, i) => {
      const co = obj(c);
      const image = str(co['image']);
      const isMm = isMattermostImage(image);
      anyMattermost ||= isMm && role === 'containers';
      const cname = str(co['name']);
      containers.push({
        id: `${b.id}/${role === 'containers' ? '' : `${role}/`}${cname}`,
        kind: 'Container',
        name: cname,
        namespace: b.namespace,
        workload: { id: b.id, kind, name: b.name },
        role,
        image,
        securityContext: obj(co['securityContext']),
        podSecurityContext: obj(spec['securityContext']),
        hostNetwork: spec['hostNetwork'] === true,
        hostPID: spec['hostPID'] === true,
        hostIPC: spec['hostIPC'] === true,
        hostPathVolumes,
        ports: arr(co['ports']).map((p) => {
          const po = obj(p);
          return { name: str(po['name']), containerPort: Number(po['containerPort'] ?? 0), protocol: str(po['protocol']) || 'TCP' };
        }),
        env: envRefs(co['env']),
        command: strList(co['command']),
        args: strList(co['args']),
        isMattermost: isMm,
        podLabels: pod.labels,
        source: { ...source, docPath: `${specPath}.${role}[${i}]` },
      });
      if (isMm) {
        arr(co['env']).forEach((e, j) => {
          const eo = obj(e);
          const name = str(eo['name']);
          if (!name.startsWith('MM_')) return;
          const vf = obj(eo['valueFrom']);
          const sk = obj(vf['secretKeyRef']);
          const ck = obj(vf['configMapKeyRef']);
          mattermostEnv.push({
            name,
            value: eo['value'] === undefined || eo['value'] === null ? null : str(eo['value']),
            secretKeyRef: isObj(vf['secretKeyRef']) ? { name: str(sk['name']), key: str(sk['key']) } : null,
            configMapKeyRef: isObj(vf['configMapKeyRef']) ? { name: str(ck['name']), key: str(ck['key']) } : null,
            docPath: `${specPath}.${role}[${i}].env[${j}]`,
          });
        });
      }
    });
  }
  const specTop = obj(doc['spec']);
  const labels = { ...b.labels, ...pod.labels };
  const installation = labels['installation.mattermost.com/installation'] ?? null;
  const isMattermost = anyMattermost || labels['app'] === 'mattermost' && installation !== null;
  const w: Workload = {
    ...b,
    kind,
    pod,
    replicas: typeof specTop['replicas'] === 'number' ? specTop['replicas'] : kind === 'Deployment' || kind === 'StatefulSet' || kind === 'ReplicaSet' ? 1 : null,
    isMattermost,
    installation,
    serviceAccount: { name: str(spec['serviceAccountName']) || str(spec['serviceAccount']) || 'default', found: false, automountServiceAccountToken: null, annotations: {} },
    schedule: kind === 'CronJob' ? str(specTop['schedule']) : null,
    suspend: kind === 'CronJob' ? specTop['suspend'] === true : null,
    lastSuccessfulTime: kind === 'CronJob' ? str(obj(doc['status'])['lastSuccessfulTime']) || null : null,
    lastScheduleTime: kind === 'CronJob' ? str(obj(doc['status'])['lastScheduleTime']) || null : null,
    origins: {
      pod: { ...source, docPath: tplPath },
      'pod.spec': { ...source, docPath: specPath },
      serviceAccount: { ...source, docPath: `${specPath}.serviceAccountName` },
      'pod.labels': { ...source, docPath: kind === 'Pod' ? 'metadata.labels' : `${tplPath}.metadata.labels` },
      'pod.annotations': { ...source, docPath: kind === 'Pod' ? 'metadata.annotations' : `${tplPath}.metadata.annotations` },
    },
  };
  for (const c of containers) c.isMattermost ||= isMattermost && c.role === 'containers' && c.name === 'mattermost';
  return { workload: w, containers, extras: { mattermostEnv } };
}

/** Decoded secret data (values stay local to this function's caller; never stored). */
export function secretValues(doc: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(obj(doc['data']))) {
    try {
      out.set(k, Buffer.from(str(v), 'base64').toString('utf8'));
    } catch {
      /* not base64: ignore */
    }
  }
  for (const [k, v] of Object.entries(obj(doc['stringData']))) out.set(k, str(v));
  return out;
}

const DSN_KEYS = new Set(['DB_CONNECTION_STRING', 'MM_SQLSETTINGS_DATASOURCE', 'MM_SQLSETTINGS_DATASOURCEREPLICAS', 'DB_CONNECTION_CHECK_URL']);

function secret(doc: JsonObject, source: SourceRef): Secret {
  const b = base(doc, source);
  const values = secretValues(doc);
  const dsns = [];
  for (const [k, v] of values) {
    if (!DSN_KEYS.has(k) && !looksLikeDsn(v)) continue;
    for (const part of k === 'MM_SQLSETTINGS_DATASOURCEREPLICAS' ? v.split(/[\s,]+/).filter(Boolean) : [v]) {
      dsns.push(parseDsn(part, `Secret ${b.name} key ${k}`));
    }
  }
  const owners = arr(obj(doc['metadata'])['ownerReferences']).map((o) => str(obj(o)['kind']));
  const managedByVault =
    owners.some((k) => ['ExternalSecret', 'SecretProviderClass', 'SealedSecret', 'VaultStaticSecret', 'VaultDynamicSecret'].includes(k)) ||
    Object.keys(b.labels).some((l) => /external-secrets\.io|secrets-store\.csi|sealedsecrets|vault/.test(l)) ||
    Object.keys(b.annotations).some((a) => /external-secrets\.io|sealedsecrets|vault\.hashicorp|secrets-store/.test(a));
  const rotatedAnnotation = b.annotations[ROTATED_AT_ANNOTATION] ?? '';
  const rotatedAt = rotatedAnnotation || b.creationTimestamp;
  const type = str(doc['type']) || 'Opaque';
  const cert = type === 'kubernetes.io/tls' ? parseTlsCertificate(values.get('tls.crt') ?? '') : null;
  const s: Secret = {
    ...b, kind: 'Secret', type, keys: [...values.keys()].sort(), dsns, managedByVault, rotatedAt,
    certificate: cert !== null && 'certificate' in cert ? cert.certificate : null,
    certificateError: cert !== null && 'error' in cert ? cert.error : '', ingressHosts: [], servesMattermost: false,
    origins: {
      rotatedAt: { ...source, docPath: rotatedAnnotation ? `metadata.annotations[${JSON.stringify(ROTATED_AT_ANNOTATION)}]` : 'metadata.creationTimestamp' },
    },
  };
  const who = `Secret ${b.namespace || 'default'}/${b.name}`;
  if (rotatedAt === null) {
    (s.unknown ??= {})['rotatedAt'] = `${who} has neither metadata.creationTimestamp (manifests from git carry none) nor an ${ROTATED_AT_ANNOTATION} annotation, so its age cannot be told`;
  }
  if (cert !== null && 'empty' in cert) {
    (s.unknown ??= {})['certificate'] = `${who} has an empty tls.crt (a placeholder, or cert-manager has not issued the certificate yet), so the certificate cannot be judged`;
  }
  return s;
}

/** Annotation a rotation job (or a person) sets to the time the credential was last rotated. */
export const ROTATED_AT_ANNOTATION = 'oobguard.io/rotated-at';

/** Kinds that create a Secret from a vault, and where they name it. */
function vaultSyncTargets(doc: JsonObject, group: string, kind: string): string[] {
  const md = obj(doc['metadata']);
  const spec = obj(doc['spec']);
  if (group === 'external-secrets.io' && kind === 'ExternalSecret') return [str(obj(spec['target'])['name']) || str(md['name'])];
  if (group === 'secrets-store.csi.x-k8s.io' && kind === 'SecretProviderClass') return arr(spec['secretObjects']).map((o) => str(obj(o)['secretName'])).filter(Boolean);
  if (group === 'secrets.hashicorp.com' && (kind === 'VaultStaticSecret' || kind === 'VaultDynamicSecret')) return [str(obj(spec['destination'])['name'])].filter(Boolean);
  return [];
}

const MM_SECRET_PATHS: [string, string][] = [
  ['SqlSettings', 'DataSource'], ['SqlSettings', 'AtRestEncryptKey'], ['FileSettings', 'PublicLinkSalt'],
  ['FileSettings', 'AmazonS3SecretAccessKey'], ['EmailSettings', 'SMTPPassword'], ['LdapSettings', 'BindPassword'],
  ['GitLabSettings', 'Secret'], ['GoogleSettings', 'Secret'], ['Office365Settings', 'Secret'], ['OpenIdSettings', 'Secret'],
  ['ElasticsearchSettings', 'Password'],
];

/** Is this parsed JSON a Mattermost config.json? (two or more well-known sections) */
const MATTERMOST_SECTIONS = Object.keys(mattermostDefaults(false));

export function isMattermostConfig(v: unknown): v is JsonObject {
  if (!isObj(v)) return false;
  let n = 0;
  for (const s of MATTERMOST_SECTIONS) {
    if (isObj(v[s]) && ++n >= 2) return true;
  }
  return false;
}

const INGRESS_NGINX_KEYS = ['allow-snippet-annotations', 'ssl-protocols', 'ssl-ciphers', 'hsts', 'hsts-include-subdomains', 'enable-modsecurity', 'enable-owasp-modsecurity-crs', 'annotations-risk-level', 'strict-validate-path-type',
  'whitelist-source-range', 'allowlist-source-range'];

function configMap(doc: JsonObject, source: SourceRef): { cm: ConfigMap; mattermostConfigs: { key: string; config: JsonObject }[] } {
  const b = base(doc, source);
  const data = obj(doc['data']);
  const keys = Object.keys(data).sort();
  const mattermostConfigs: { key: string; config: JsonObject }[] = [];
  const filled: string[] = [];
  for (const k of keys) {
    const v = str(data[k]);
    if (!v.trimStart().startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(v);
      if (isMattermostConfig(parsed)) {
        mattermostConfigs.push({ key: k, config: parsed });
        for (const [s, key] of MM_SECRET_PATHS) {
          const val = obj(parsed[s])[key];
          if (typeof val === 'string' && val !== '' && !val.startsWith('*****')) filled.push(`${k}: ${s}.${key}`);
        }
      }
    } catch {
      /* not JSON */
    }
  }
  const looksLikeIngressNginx =
    /ingress-nginx|nginx-ingress/.test(b.name) || b.labels['app.kubernetes.io/name'] === 'ingress-nginx' || keys.includes('allow-snippet-annotations');
  let ingressNginx: Record<string, string> | null = null;
  if (looksLikeIngressNginx) {
    ingressNginx = {};
    for (const k of INGRESS_NGINX_KEYS) if (k in data) ingressNginx[k] = str(data[k]);
  }
  return {
    cm: { ...b, kind: 'ConfigMap', keys, ingressNginx, mattermostConfigSecrets: filled, hasMattermostConfig: mattermostConfigs.length > 0 },
    mattermostConfigs,
  };
}

function service(doc: JsonObject, source: SourceRef): Service {
  const b = base(doc, source);
  const spec = obj(doc['spec']);
  return {
    ...b, kind: 'Service', type: str(spec['type']) || 'ClusterIP', selector: strMap(spec['selector']),
    ports: arr(spec['ports']).map((p) => {
      const po = obj(p);
      return { name: str(po['name']), port: Number(po['port'] ?? 0), targetPort: po['targetPort'] ?? null, protocol: str(po['protocol']) || 'TCP' };
    }),
    loadBalancerSourceRanges: strList(spec['loadBalancerSourceRanges']),
    selectsMattermost: false,
  };
}

function ingress(doc: JsonObject, source: SourceRef): Ingress {
  const b = base(doc, source);
  const spec = obj(doc['spec']);
  const hosts = new Set<string>();
  const backends = new Set<string>();
  const backendPorts = new Map<string, { service: string; port: string }>();
  const addBackend = (be: unknown): void => {
    const svc = obj(obj(be)['service']);
    const name = str(svc['name']) || str(obj(be)['serviceName']);
    if (name) backends.add(name);
    const port = str(obj(svc['port'])['number']) || str(obj(svc['port'])['name']) || str(obj(be)['servicePort']);
    if (name) backendPorts.set(`${name}\u0000${port}`, { service: name, port });
  };
  addBackend(spec['defaultBackend'] ?? spec['backend']);
  for (const r of arr(spec['rules'])) {
    const ro = obj(r);
    if (str(ro['host'])) hosts.add(str(ro['host']));
    for (const p of arr(obj(ro['http'])['paths'])) addBackend(obj(p)['backend']);
  }
  return {
    ...b, kind: 'Ingress',
    ingressClassName: str(spec['ingressClassName']) || b.annotations['kubernetes.io/ingress.class'] || '',
    hosts: [...hosts],
    tls: arr(spec['tls']).map((t) => ({ hosts: strList(obj(t)['hosts']), secretName: str(obj(t)['secretName']), secretFound: false, secretType: null })),
    backends: [...backends],
    backendPorts: [...backendPorts.values()],
    tlsHosts: [...new Set(arr(spec['tls']).flatMap((t) => strList(obj(t)['hosts'])))],
    servesMattermost: false,
    loadBalancer: arr(obj(obj(doc['status'])['loadBalancer'])['ingress']).map((i) => ({ hostname: str(obj(i)['hostname']), ip: str(obj(i)['ip']) })),
  };
}

function isEmptySelector(sel: JsonObject): boolean {
  return Object.keys(obj(sel['matchLabels'])).length === 0 && arr(sel['matchExpressions']).length === 0;
}

function networkPolicy(doc: JsonObject, source: SourceRef): NetworkPolicy {
  const b = base(doc, source);
  const spec = obj(doc['spec']);
  const podSelector = obj(spec['podSelector']);
  let policyTypes = strList(spec['policyTypes']);
  if (policyTypes.length === 0) policyTypes = spec['egress'] !== undefined ? ['Ingress', 'Egress'] : ['Ingress'];
  return {
    ...b, kind: 'NetworkPolicy', podSelector, selectsAllPods: isEmptySelector(podSelector), policyTypes,
    ingress: arr(spec['ingress']).map(obj), egress: arr(spec['egress']).map(obj), selectsMattermost: false,
  };
}

function crSpecRedacted(spec: JsonObject): JsonObject {
  const out: JsonObject = { ...spec };
  const es = obj(spec['elasticSearch']);
  if (typeof es['password'] === 'string' && es['password'] !== '') out['elasticSearch'] = { ...es, password: '<redacted>' };
  if (Array.isArray(spec['mattermostEnv'])) {
    out['mattermostEnv'] = arr(spec['mattermostEnv']).map((e) => {
      const eo = obj(e);
      if (eo['value'] === undefined) return eo;
      return { ...eo, value: isSecretName(str(eo['name'])) ? '<redacted>' : eo['value'] ?? null };
    });
  }
  return out;
}

export interface NormalizeResult {
  objects: Normalized[];
  containers: Container[];
  /** Mattermost env literals per workload/CR id. */
  mattermostEnv: Map<string, MattermostEnvLiteral[]>;
  /** config.json payloads found in ConfigMaps: [configMapId, key, config]. */
  configMapConfigs: { id: string; key: string; config: JsonObject; source: SourceRef }[];
  /** Secret values needed for joins (DSN keys and MM_* keys only), keyed by `ns/name`. Never serialized. */
  secretValues: Map<string, Map<string, string>>;
  /** Secrets created by a vault sync object among the inputs: `ns/name` → e.g. `ExternalSecret mm-db`. */
  vaultSyncedSecrets: Map<string, string>;
}

const WORKLOAD_KINDS = new Set<string>(Object.keys(WORKLOAD_TEMPLATE_PATH));

export function normalizeDocument(doc: JsonObject, source: SourceRef, into: NormalizeResult): boolean {
  const kind = str(doc['kind']);
  const apiVersion = str(doc['apiVersion']);
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0]! : '';
  if (WORKLOAD_KINDS.has(kind) && (group === '' || group === 'apps' || group === 'batch' || group === 'extensions')) {
    const { workload: w, containers, extras } = workload(doc, source, kind as WorkloadKind);
    into.objects.push(w);
    into.containers.push(...containers);
    if (extras.mattermostEnv.length > 0) into.mattermostEnv.set(w.id, extras.mattermostEnv);
    return true;
  }
  if (group === 'velero.io') {
    const b = base(doc, source);
    const spec = obj(doc['spec']);
    const status = obj(doc['status']);
    if (kind === 'Schedule') {
      into.objects.push({ ...b, kind: 'Schedule', spec, status, intervalHours: null, ttlHours: 720, storageLocation: '', storageLocationFound: false, coversNamespaces: [], missesNamespaces: [] });
      return true;
    }
    if (kind === 'Backup') {
      into.objects.push({ ...b, kind: 'Backup', spec, status, scheduleName: b.labels['velero.io/schedule-name'] ?? '' });
      return true;
    }
    if (kind === 'Restore') {
      into.objects.push({ ...b, kind: 'Restore', spec, status });
      return true;
    }
    if (kind === 'BackupStorageLocation') {
      const provider = str(spec['provider']);
      const isAzure = provider === 'azure' || provider === 'velero.io/azure';
      const azureSubscriptionId = isAzure ? str(obj(spec['config'])['subscriptionId']) : '';
      const bsl: VeleroStorageLocation = {
        ...b, kind: 'BackupStorageLocation', spec, status, bucket: str(obj(spec['objectStorage'])['bucket']),
        isDefault: spec['default'] === true, hasCredential: isObj(spec['credential']), usedBySchedules: [], azureSubscriptionId,
      };
      if (isAzure && azureSubscriptionId === '') {
        bsl.unknown = {
          azureSubscriptionId: `BackupStorageLocation ${b.name} does not name spec.config.subscriptionId; Velero then uses the subscription of its credentials, which the manifests do not show`,
        };
      }
      into.objects.push(bsl);
      return true;
    }
    return false;
  }
  if (group === 'installation.mattermost.com' && kind === 'Mattermost') {
    const b = base(doc, source);
    const spec = obj(doc['spec']);
    const env: MattermostEnvLiteral[] = arr(spec['mattermostEnv']).map((e, j) => {
      const eo = obj(e);
      const vf = obj(eo['valueFrom']);
      return {
        name: str(eo['name']),
        value: eo['value'] === undefined || eo['value'] === null ? null : str(eo['value']),
        secretKeyRef: isObj(vf['secretKeyRef']) ? { name: str(obj(vf['secretKeyRef'])['name']), key: str(obj(vf['secretKeyRef'])['key']) } : null,
        configMapKeyRef: isObj(vf['configMapKeyRef']) ? { name: str(obj(vf['configMapKeyRef'])['name']), key: str(obj(vf['configMapKeyRef'])['key']) } : null,
        docPath: `spec.mattermostEnv[${j}]`,
      };
    }).filter((e) => e.name.startsWith('MM_'));
    const fs = obj(spec['fileStore']);
    const ext = obj(fs['external']);
    const fileStoreType = isObj(fs['external']) ? 'external' : isObj(fs['operatorManaged']) ? 'operatorManaged' : isObj(fs['local']) ? 'local' : isObj(fs['externalVolume']) ? 'externalVolume' : 'none';
    const cr: MattermostInstallation = {
      ...b, kind: 'Mattermost', spec: crSpecRedacted(spec), status: obj(doc['status']),
      database: { secretName: str(obj(obj(spec['database'])['external'])['secret']), secretFound: false, dsns: [], managedByVault: false },
      fileStore: { type: fileStoreType, bucket: str(ext['bucket']), useServiceAccount: ext['useServiceAccount'] === true, secret: str(ext['secret']) },
      serviceAccount: { found: false, roleArn: '', azureClientId: '', automountServiceAccountToken: null },
    };
    into.objects.push(cr);
    into.mattermostEnv.set(cr.id, env);
    return true;
  }
  const synced = vaultSyncTargets(doc, group, kind);
  if (synced.length > 0) {
    const md = obj(doc['metadata']);
    for (const name of synced) into.vaultSyncedSecrets.set(`${str(md['namespace']) || 'default'}/${name}`, `${kind} ${str(md['name'])}`);
    return true;
  }
  if (group === '' || group === 'networking.k8s.io' || group === 'rbac.authorization.k8s.io' || group === 'extensions') {
    switch (kind) {
      case 'Namespace': into.objects.push({ ...base(doc, source), kind: 'Namespace' }); return true;
      case 'Service': into.objects.push(service(doc, source)); return true;
      case 'Ingress': into.objects.push(ingress(doc, source)); return true;
      case 'NetworkPolicy': into.objects.push(networkPolicy(doc, source)); return true;
      case 'ServiceAccount': {
        const sa: ServiceAccount = {
          ...base(doc, source), kind: 'ServiceAccount',
          automountServiceAccountToken: typeof doc['automountServiceAccountToken'] === 'boolean' ? doc['automountServiceAccountToken'] : null,
        };
        into.objects.push(sa);
        return true;
      }
      case 'Secret': {
        const s = secret(doc, source);
        into.objects.push(s);
        const vals = secretValues(doc);
        const keep = new Map<string, string>();
        // Kept in memory only (never serialized) so env `secretKeyRef`s can be resolved; large
        // values (certificates, bundles) are never configuration and are not kept.
        for (const [k, v] of vals) if (v.length <= 4096) keep.set(k, v);
        if (keep.size > 0) into.secretValues.set(`${s.namespace}/${s.name}`, keep);
        return true;
      }
      case 'ConfigMap': {
        const { cm, mattermostConfigs } = configMap(doc, source);
        into.objects.push(cm);
        for (const c of mattermostConfigs) into.configMapConfigs.push({ id: cm.id, key: c.key, config: c.config, source: { ...source, docPath: `data[${JSON.stringify(c.key)}]` } });
        return true;
      }
      case 'RoleBinding':
      case 'ClusterRoleBinding': {
        const rr = obj(doc['roleRef']);
        const rb: RoleBinding = {
          ...base(doc, source), kind,
          roleRef: { kind: str(rr['kind']), name: str(rr['name']) },
          subjects: arr(doc['subjects']).map((s) => ({ kind: str(obj(s)['kind']), name: str(obj(s)['name']), namespace: str(obj(s)['namespace']) })),
        };
        into.objects.push(rb);
        return true;
      }
      case 'Role':
      case 'ClusterRole': {
        const r: Role = {
          ...base(doc, source), kind,
          rules: arr(doc['rules']).map((x) => ({
            apiGroups: strList(obj(x)['apiGroups']), resources: strList(obj(x)['resources']),
            verbs: strList(obj(x)['verbs']), resourceNames: strList(obj(x)['resourceNames']),
          })),
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
