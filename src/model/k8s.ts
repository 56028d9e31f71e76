/**
 * Kubernetes model collections. Objects are one shape in files and in the API, so the manifest
 * collector and (later) the live collector fill the same collections. Controllers are unwrapped
 * to pod templates once, here, so rules never repeat themselves per workload kind.
 */
import type { ModelObject } from './provenance.ts';

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface K8sObject extends ModelObject {
  apiVersion: string;
  /** "" for cluster-scoped objects. */
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** metadata.creationTimestamp, when present. */
  creationTimestamp: string | null;
}

export interface Namespace extends K8sObject {
  kind: 'Namespace';
  /** true when a Namespace document was among the inputs; false when only inferred from objects in it. */
  declared: boolean;
  /** A Mattermost CR or a Mattermost pod template lives here. */
  runsMattermost: boolean;
  /** Names of the kinds found in the namespace (for context in messages). */
  workloadCount: number;
}

export interface PodTemplate {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: JsonObject;
}

export type WorkloadKind =
  | 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'CronJob';

export interface Workload extends K8sObject {
  kind: WorkloadKind;
  /** The unwrapped pod template; `pod.spec` is the PodSpec as written. */
  pod: PodTemplate;
  replicas: number | null;
  /** Runs the Mattermost server (image or labels). */
  isMattermost: boolean;
  /**
   * The pod's ServiceAccount (`spec.serviceAccountName`, else `default`) joined from the inputs.
   * `annotations` are unknown when it is not among the inputs; `automountServiceAccountToken` (the
   * ServiceAccount's own default) too, unless the pod sets `spec.automountServiceAccountToken` itself.
   */
  serviceAccount: { name: string; found: boolean; automountServiceAccountToken: boolean | null; annotations: Record<string, string> };
  /** Mattermost CR that owns/generated it, when known (`installation.mattermost.com/installation`). */
  installation: string | null;
  /** CronJob only. */
  schedule: string | null;
  suspend: boolean | null;
  /** CronJob status.lastSuccessfulTime. */
  lastSuccessfulTime: string | null;
  /** CronJob status.lastScheduleTime (the CronJob has started a Job at least once). */
  lastScheduleTime: string | null;
}

export interface EnvVarRef {
  name: string;
  /** A literal `value` is set (the value itself is never kept: it may be a secret). */
  hasValue: boolean;
  secretKeyRef: { name: string; key: string } | null;
  configMapKeyRef: { name: string; key: string } | null;
  fieldRef: boolean;
}

export interface Container extends ModelObject {
  kind: 'Container';
  namespace: string;
  workload: { id: string; kind: WorkloadKind; name: string };
  /** "containers" | "initContainers" | "ephemeralContainers" */
  role: string;
  image: string;
  /** Container securityContext as written (may be empty). */
  securityContext: JsonObject;
  /** Pod-level securityContext as written. */
  podSecurityContext: JsonObject;
  /** Pod-level flags that apply to every container. */
  hostNetwork: boolean;
  hostPID: boolean;
  hostIPC: boolean;
  hostPathVolumes: string[];
  ports: { name: string; containerPort: number; protocol: string }[];
  env: EnvVarRef[];
  command: string[];
  args: string[];
  isMattermost: boolean;
  podLabels: Record<string, string>;
}

export interface Service extends K8sObject {
  kind: 'Service';
  type: string;
  selector: Record<string, string>;
  ports: { name: string; port: number; targetPort: Json; protocol: string }[];
  loadBalancerSourceRanges: string[];
  /** The selector matches a Mattermost pod template in the same namespace. */
  selectsMattermost: boolean;
}

export interface Ingress extends K8sObject {
  kind: 'Ingress';
  ingressClassName: string;
  hosts: string[];
  tls: { hosts: string[]; secretName: string; secretFound: boolean; secretType: string | null }[];
  /** Backend service names. */
  backends: string[];
  /** Backend services with their port (number as a string, or port name). */
  backendPorts: { service: string; port: string }[];
  /** Every host listed under `spec.tls[].hosts`. */
  tlsHosts: string[];
  /** A backend is a Service that selects Mattermost pods (or the CR-generated Service). */
  servesMattermost: boolean;
  loadBalancer: { hostname: string; ip: string }[];
}

export interface NetworkPolicy extends K8sObject {
  kind: 'NetworkPolicy';
  podSelector: JsonObject;
  /** podSelector is `{}`: the policy applies to every pod of the namespace. */
  selectsAllPods: boolean;
  /** Effective policy types (Kubernetes defaults applied). */
  policyTypes: string[];
  ingress: JsonObject[];
  egress: JsonObject[];
  /** podSelector matches a Mattermost pod template (or CR-generated pods) in the same namespace. */
  selectsMattermost: boolean;
}

export interface ServiceAccount extends K8sObject {
  kind: 'ServiceAccount';
  automountServiceAccountToken: boolean | null;
}

export interface DsnInfo {
  /** Where the DSN was found, e.g. `Secret mm-db key DB_CONNECTION_STRING`. */
  origin: string;
  scheme: string;
  host: string;
  port: string;
  database: string;
  /** libpq sslmode, "" when absent (libpq then defaults to `prefer`). */
  sslmode: string;
  hasPassword: boolean;
  /** The shipped default DSN (mmuser:mostest@localhost) */
  isShippedDefault: boolean;
  parseError: string | null;
}

/**
 * Metadata of the leaf certificate in a `kubernetes.io/tls` Secret's `tls.crt` (the first PEM
 * block; the rest is the chain). Public facts only: the private key is never read.
 */
export interface TlsCertificate {
  /** Subject and issuer distinguished names as one line each (`CN=chat.oob.example.org`). */
  subject: string;
  issuer: string;
  /** Validity window, ISO 8601 UTC. */
  notBefore: string;
  notAfter: string;
  /** DNS names of the subjectAltName extension (hosts the certificate is valid for). */
  dnsNames: string[];
  /** Issued by itself (the issuer's key verifies it): browsers and Mattermost apps refuse it unless pinned. */
  selfSigned: boolean;
  /** SHA-256 fingerprint (colon-separated hex), to tell certificates apart across scans. */
  fingerprint256: string;
  /** Certificates in `tls.crt` (leaf + intermediates). */
  chainLength: number;
}

export interface Secret extends K8sObject {
  kind: 'Secret';
  type: string;
  /** Key names only: values never enter the model. */
  keys: string[];
  /** Database connection strings found in well-known keys, parsed (password never kept). */
  dsns: DsnInfo[];
  /** Managed by a vault sync (External Secrets / Secrets Store CSI / sealed-secrets owner). */
  managedByVault: boolean;
  /**
   * When the credential was last rotated: annotation `oobguard.io/rotated-at`, else
   * metadata.creationTimestamp; unknown when neither is present (manifests from git carry none).
   */
  rotatedAt: string | null;
  /**
   * `kubernetes.io/tls`: the certificate in `tls.crt`; null for other types, and (listed in
   * `unknown`) when `tls.crt` is empty — not issued yet. A `tls.crt` that holds no parseable
   * certificate is `certificateError`.
   */
  certificate: TlsCertificate | null;
  /** Why `tls.crt` of a `kubernetes.io/tls` Secret is not a usable certificate; "" when it is (or the type is another). */
  certificateError: string;
  /** Hosts of the Ingresses whose `spec.tls[]` names this Secret (their `spec.tls[].hosts`). */
  ingressHosts: string[];
  /** An Ingress that routes to Mattermost names this Secret in `spec.tls[]`. */
  servesMattermost: boolean;
}

export interface ConfigMap extends K8sObject {
  kind: 'ConfigMap';
  keys: string[];
  /** Non-secret settings of an ingress-nginx controller ConfigMap, verbatim. */
  ingressNginx: Record<string, string> | null;
  /** Keys holding a Mattermost config.json with secret-bearing fields filled in. */
  mattermostConfigSecrets: string[];
  hasMattermostConfig: boolean;
}

export interface RbacSubject { kind: string; name: string; namespace: string }

export interface RoleBinding extends K8sObject {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  roleRef: { kind: string; name: string };
  subjects: RbacSubject[];
}

export interface Role extends K8sObject {
  kind: 'Role' | 'ClusterRole';
  rules: { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames: string[] }[];
}

/** `installation.mattermost.com/v1beta1 Mattermost` (Operator CR). */
export interface MattermostInstallation extends K8sObject {
  kind: 'Mattermost';
  /** spec as written; `elasticSearch.password` and literal secret env values are redacted. */
  spec: JsonObject;
  status: JsonObject;
  /**
   * Database secret join: `spec.database.external.secret` → Secret → DSNs. `managedByVault`: the
   * Secret is synced from a vault (its own owner/labels, or an ExternalSecret / SecretProviderClass /
   * VaultStaticSecret among the inputs that creates it); unknown when neither is among the inputs.
   */
  database: { secretName: string; secretFound: boolean; dsns: DsnInfo[]; managedByVault: boolean };
  /** File store: external bucket / operator-managed MinIO / local. */
  fileStore: { type: string; bucket: string; useServiceAccount: boolean; secret: string };
  /** ServiceAccount named like the CR, with its role annotations. */
  serviceAccount: { found: boolean; roleArn: string; azureClientId: string; automountServiceAccountToken: boolean | null };
}

export interface VeleroObject extends K8sObject {
  spec: JsonObject;
  status: JsonObject;
}

export interface VeleroSchedule extends VeleroObject {
  kind: 'Schedule';
  /** Interval between runs in hours derived from the cron expression; null if not parseable. */
  intervalHours: number | null;
  /** `.spec.template.ttl` in hours (Velero default 720 h when absent). */
  ttlHours: number;
  /** Storage location actually used (explicit, or the default BSL). */
  storageLocation: string;
  storageLocationFound: boolean;
  /** Mattermost namespaces this schedule covers / misses. */
  coversNamespaces: string[];
  missesNamespaces: string[];
}

export interface VeleroBackup extends VeleroObject { kind: 'Backup'; scheduleName: string }
export interface VeleroRestore extends VeleroObject { kind: 'Restore' }
export interface VeleroStorageLocation extends VeleroObject {
  kind: 'BackupStorageLocation';
  bucket: string;
  isDefault: boolean;
  /** A static credential Secret is referenced (`spec.credential`). */
  hasCredential: boolean;
  usedBySchedules: string[];
  /**
   * Azure only: `spec.config.subscriptionId`; unknown when an Azure location does not name it
   * (Velero then uses the subscription of its credentials). "" for other providers.
   */
  azureSubscriptionId: string;
}

export interface K8sCollections {
  namespaces: Namespace[];
  workloads: Workload[];
  containers: Container[];
  services: Service[];
  ingresses: Ingress[];
  networkPolicies: NetworkPolicy[];
  serviceAccounts: ServiceAccount[];
  secrets: Secret[];
  configMaps: ConfigMap[];
  roleBindings: RoleBinding[];
  roles: Role[];
  mattermosts: MattermostInstallation[];
  velero: {
    schedules: VeleroSchedule[];
    backups: VeleroBackup[];
    restores: VeleroRestore[];
    storageLocations: VeleroStorageLocation[];
  };
}

export function emptyK8s(): K8sCollections {
  return {
    namespaces: [], workloads: [], containers: [], services: [], ingresses: [], networkPolicies: [],
    serviceAccounts: [], secrets: [], configMaps: [], roleBindings: [], roles: [], mattermosts: [],
    velero: { schedules: [], backups: [], restores: [], storageLocations: [] },
  };
}
