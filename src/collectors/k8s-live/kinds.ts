/**
 * The Kubernetes kinds the manifest rules read, how to list each one with
 * `@kubernetes/client-node`, and which model collections each one feeds (a failed list makes
 * exactly those collections unknown for its scope).
 *
 * Secrets are not listed: the scanner holds no `list secrets` permission. Only the Secrets the
 * listed objects refer to are read, one `GET` each (`SECRET`), so a failed list of a kind that
 * refers to Secrets (`refersToSecrets`) also leaves `k8s.secrets` unknown for its scope.
 */
import type {
  AppsV1Api, BatchV1Api, ConfigurationOptions, CoreV1Api, CustomObjectsApi, NetworkingV1Api, RbacAuthorizationV1Api,
} from '@kubernetes/client-node';

export interface KubeApis {
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  networking: NetworkingV1Api;
  rbac: RbacAuthorizationV1Api;
  custom: CustomObjectsApi;
}

export interface ListParams {
  limit: number;
  _continue?: string;
}

/** Issues one list request; the raw body is read by the caller's middleware, the SDK's typed result is ignored. */
type Lister = (apis: KubeApis, p: ListParams, o: ConfigurationOptions) => Promise<unknown>;
type NamespacedLister = (apis: KubeApis, namespace: string, p: ListParams, o: ConfigurationOptions) => Promise<unknown>;

export interface KindSpec {
  kind: string;
  /** `v1`, `apps/v1`, `velero.io/v1` … (filled into list items, which carry none). */
  apiVersion: string;
  group: string;
  version: string;
  plural: string;
  /** Model collections this kind feeds. */
  collections: string[];
  /** A custom resource: a 404 means its CRD is not installed, which is not a gap. */
  crd: boolean;
  /** Its objects name Secrets the model reads (CR, Ingress TLS, BSL credential, container env). */
  refersToSecrets?: boolean;
  /** List across all namespaces (or the cluster-scoped list). */
  all: Lister;
  /** List in one namespace (absent for cluster-scoped kinds). */
  namespaced?: NamespacedLister;
}

const WORKLOADS = ['k8s.workloads', 'k8s.containers'];
const SECRET_REFS = { refersToSecrets: true } as const;

function custom(kind: string, group: string, version: string, plural: string, collections: string[], refersToSecrets = false): KindSpec {
  return {
    kind, apiVersion: `${group}/${version}`, group, version, plural, collections, crd: true, refersToSecrets,
    all: (a, p, o) => a.custom.listClusterCustomObject({ group, version, plural, ...p }, o),
    namespaced: (a, namespace, p, o) => a.custom.listNamespacedCustomObject({ group, version, namespace, plural, ...p }, o),
  };
}

export const KINDS: readonly KindSpec[] = [
  {
    kind: 'Namespace', apiVersion: 'v1', group: '', version: 'v1', plural: 'namespaces', collections: ['k8s.namespaces'], crd: false,
    all: (a, p, o) => a.core.listNamespace(p, o),
  },
  {
    ...SECRET_REFS, kind: 'Pod', apiVersion: 'v1', group: '', version: 'v1', plural: 'pods', collections: WORKLOADS, crd: false,
    all: (a, p, o) => a.core.listPodForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.core.listNamespacedPod({ namespace, ...p }, o),
  },
  {
    ...SECRET_REFS, kind: 'Deployment', apiVersion: 'apps/v1', group: 'apps', version: 'v1', plural: 'deployments', collections: WORKLOADS, crd: false,
    all: (a, p, o) => a.apps.listDeploymentForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.apps.listNamespacedDeployment({ namespace, ...p }, o),
  },
  {
    ...SECRET_REFS, kind: 'StatefulSet', apiVersion: 'apps/v1', group: 'apps', version: 'v1', plural: 'statefulsets', collections: WORKLOADS, crd: false,
    all: (a, p, o) => a.apps.listStatefulSetForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.apps.listNamespacedStatefulSet({ namespace, ...p }, o),
  },
  {
    ...SECRET_REFS, kind: 'DaemonSet', apiVersion: 'apps/v1', group: 'apps', version: 'v1', plural: 'daemonsets', collections: WORKLOADS, crd: false,
    all: (a, p, o) => a.apps.listDaemonSetForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.apps.listNamespacedDaemonSet({ namespace, ...p }, o),
  },
  {
    ...SECRET_REFS, kind: 'ReplicaSet', apiVersion: 'apps/v1', group: 'apps', version: 'v1', plural: 'replicasets', collections: WORKLOADS, crd: false,
    all: (a, p, o) => a.apps.listReplicaSetForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.apps.listNamespacedReplicaSet({ namespace, ...p }, o),
  },
  {
    ...SECRET_REFS, kind: 'Job', apiVersion: 'batch/v1', group: 'batch', version: 'v1', plural: 'jobs', collections: WORKLOADS, crd: false,
    all: (a, p, o) => a.batch.listJobForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.batch.listNamespacedJob({ namespace, ...p }, o),
  },
  {
    ...SECRET_REFS, kind: 'CronJob', apiVersion: 'batch/v1', group: 'batch', version: 'v1', plural: 'cronjobs', collections: WORKLOADS, crd: false,
    all: (a, p, o) => a.batch.listCronJobForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.batch.listNamespacedCronJob({ namespace, ...p }, o),
  },
  {
    kind: 'Service', apiVersion: 'v1', group: '', version: 'v1', plural: 'services', collections: ['k8s.services'], crd: false,
    all: (a, p, o) => a.core.listServiceForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.core.listNamespacedService({ namespace, ...p }, o),
  },
  {
    ...SECRET_REFS, kind: 'Ingress', apiVersion: 'networking.k8s.io/v1', group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', collections: ['k8s.ingresses'], crd: false,
    all: (a, p, o) => a.networking.listIngressForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.networking.listNamespacedIngress({ namespace, ...p }, o),
  },
  {
    kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1', group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies', collections: ['k8s.networkPolicies'], crd: false,
    all: (a, p, o) => a.networking.listNetworkPolicyForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.networking.listNamespacedNetworkPolicy({ namespace, ...p }, o),
  },
  {
    kind: 'ServiceAccount', apiVersion: 'v1', group: '', version: 'v1', plural: 'serviceaccounts', collections: ['k8s.serviceAccounts'], crd: false,
    all: (a, p, o) => a.core.listServiceAccountForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.core.listNamespacedServiceAccount({ namespace, ...p }, o),
  },
  {
    kind: 'ConfigMap', apiVersion: 'v1', group: '', version: 'v1', plural: 'configmaps', collections: ['k8s.configMaps'], crd: false,
    all: (a, p, o) => a.core.listConfigMapForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.core.listNamespacedConfigMap({ namespace, ...p }, o),
  },
  {
    kind: 'Role', apiVersion: 'rbac.authorization.k8s.io/v1', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'roles', collections: ['k8s.roles'], crd: false,
    all: (a, p, o) => a.rbac.listRoleForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.rbac.listNamespacedRole({ namespace, ...p }, o),
  },
  {
    kind: 'RoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'rolebindings', collections: ['k8s.roleBindings'], crd: false,
    all: (a, p, o) => a.rbac.listRoleBindingForAllNamespaces(p, o),
    namespaced: (a, namespace, p, o) => a.rbac.listNamespacedRoleBinding({ namespace, ...p }, o),
  },
  {
    kind: 'ClusterRole', apiVersion: 'rbac.authorization.k8s.io/v1', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', collections: ['k8s.roles'], crd: false,
    all: (a, p, o) => a.rbac.listClusterRole(p, o),
  },
  {
    kind: 'ClusterRoleBinding', apiVersion: 'rbac.authorization.k8s.io/v1', group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterrolebindings', collections: ['k8s.roleBindings'], crd: false,
    all: (a, p, o) => a.rbac.listClusterRoleBinding(p, o),
  },
  custom('Mattermost', 'installation.mattermost.com', 'v1beta1', 'mattermosts', ['k8s.mattermosts'], true),
  custom('Schedule', 'velero.io', 'v1', 'schedules', ['k8s.velero.schedules']),
  custom('Backup', 'velero.io', 'v1', 'backups', ['k8s.velero.backups']),
  custom('Restore', 'velero.io', 'v1', 'restores', ['k8s.velero.restores']),
  custom('BackupStorageLocation', 'velero.io', 'v1', 'backupstoragelocations', ['k8s.velero.storageLocations'], true),
];

/** Secrets: never listed, only read one by one by name (`get secrets`). */
export const SECRET = {
  kind: 'Secret', apiVersion: 'v1', group: '', version: 'v1', plural: 'secrets', collection: 'k8s.secrets',
  permission: 'get secrets',
  get: (a: KubeApis, namespace: string, name: string, o: ConfigurationOptions): Promise<unknown> => a.core.readNamespacedSecret({ name, namespace }, o),
  path: (namespace: string, name: string): string => `/api/v1/namespaces/${namespace}/secrets/${name}`,
} as const;

/** Every collection the Kubernetes collector feeds. */
export const KUBE_COLLECTIONS: readonly string[] = [...new Set([...KINDS.flatMap((k) => k.collections), SECRET.collection])];

/** `GET` path of a list call, without the query string. */
export function listPath(spec: KindSpec, namespace: string | null): string {
  const prefix = spec.group === '' ? `/api/${spec.version}` : `/apis/${spec.group}/${spec.version}`;
  return namespace === null ? `${prefix}/${spec.plural}` : `${prefix}/namespaces/${namespace}/${spec.plural}`;
}

/** RBAC permission a list call needs, as `kubectl auth can-i` spells it: `list secrets`, `list deployments.apps`. */
export function listPermission(spec: KindSpec): string {
  return `list ${spec.plural}${spec.group === '' ? '' : `.${spec.group}`}`;
}
