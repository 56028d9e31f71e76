/**
 * Model path → document path. A rule names the model value it is about; this turns it into the
 * place in the source document, so the locator can find a line. Objects whose fields were renamed
 * or unwrapped by the model say so here (or in their `origins`).
 */
import { joinPath, splitPath, type ModelObject, type SourceRef } from './provenance.ts';

/**
 * Per kind: first model path segment → document path. A leading "=" marks a derived value: the
 * finding points at that document path and the rest of the model path is not appended.
 */
const FIELD_DOC_PATHS: Record<string, Record<string, string>> = {
  Namespace: { labels: 'metadata.labels', annotations: 'metadata.annotations' },
  Service: { selectsMattermost: '=spec.selector', type: 'spec.type', selector: 'spec.selector', ports: 'spec.ports', loadBalancerSourceRanges: 'spec.loadBalancerSourceRanges' },
  Ingress: { servesMattermost: '=spec.rules', hosts: '=spec.rules', tls: 'spec.tls', backends: '=spec.rules', ingressClassName: 'spec.ingressClassName', backendPorts: '=spec.rules', tlsHosts: '=spec.tls' },
  NetworkPolicy: { podSelector: 'spec.podSelector', policyTypes: 'spec.policyTypes', ingress: 'spec.ingress', egress: 'spec.egress', selectsAllPods: '=spec.podSelector', selectsMattermost: '=spec.podSelector' },
  ServiceAccount: { automountServiceAccountToken: 'automountServiceAccountToken' },
  Secret: { keys: '=data', dsns: '=data', type: 'type' },
  ConfigMap: { keys: '=data', ingressNginx: 'data', mattermostConfigSecrets: '=data' },
  RoleBinding: { roleRef: 'roleRef', subjects: 'subjects' },
  ClusterRoleBinding: { roleRef: 'roleRef', subjects: 'subjects' },
  Role: { rules: 'rules' },
  ClusterRole: { rules: 'rules' },
  Mattermost: { spec: 'spec', status: 'status', database: '=spec.database', fileStore: '=spec.fileStore', serviceAccount: '=metadata.name' },
  Schedule: { spec: 'spec', status: 'status', intervalHours: '=spec.schedule', ttlHours: '=spec.template.ttl', storageLocation: '=spec.template.storageLocation', storageLocationFound: '=spec.template.storageLocation', coversNamespaces: '=spec.template.includedNamespaces', missesNamespaces: '=spec.template.includedNamespaces' },
  Backup: { spec: 'spec', status: 'status' },
  Restore: { spec: 'spec', status: 'status' },
  BackupStorageLocation: { spec: 'spec', status: 'status', bucket: '=spec.objectStorage.bucket', hasCredential: '=spec.credential', isDefault: '=spec.default', usedBySchedules: '=metadata.name', azureSubscriptionId: '=spec.config.subscriptionId' },
  Container: { securityContext: 'securityContext', image: 'image', ports: 'ports', env: 'env', command: 'command', args: 'args' },
  Workload: { schedule: 'spec.schedule', suspend: 'spec.suspend', replicas: 'spec.replicas', lastSuccessfulTime: 'status.lastSuccessfulTime', lastScheduleTime: 'status.lastScheduleTime' },
};
const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);
const METADATA_FIELDS: Record<string, string> = { labels: 'metadata.labels', annotations: 'metadata.annotations', name: 'metadata.name', namespace: 'metadata.namespace' };

function startsWithPath(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** Where does `path` of `object` live? Falls back to the object's own document. */
export function sourceFor(object: ModelObject, path: string | null): SourceRef {
  const base = object.source;
  if (path === null || path === '') return base;
  // 1. Explicit origins (longest prefix wins).
  let best: string | null = null;
  for (const k of Object.keys(object.origins ?? {})) {
    if (startsWithPath(path, k) && (best === null || k.length > best.length)) best = k;
  }
  if (best !== null) {
    const o = object.origins![best]!;
    const rest = splitPath(path.slice(best.length).replace(/^\./, ''));
    return { ...o, docPath: joinPath(o.docPath ?? '', ...rest) };
  }
  // 2. Per-kind renames.
  const segs = splitPath(path);
  const head = String(segs[0] ?? '');
  const kindTable = FIELD_DOC_PATHS[object.kind] ?? (WORKLOAD_KINDS.has(object.kind) ? FIELD_DOC_PATHS['Workload'] : undefined);
  const mapped = kindTable?.[head] ?? (object.kind === 'Container' ? undefined : METADATA_FIELDS[head]);
  if (mapped !== undefined) {
    const derived = mapped.startsWith('=');
    return { ...base, docPath: joinPath(base.docPath ?? '', ...splitPath(derived ? mapped.slice(1) : mapped), ...(derived ? [] : segs.slice(1))) };
  }
  if (object.kind === 'Container' && head === 'podSecurityContext') {
    const podSpec = (base.docPath ?? '').replace(/\.(initContainers|containers|ephemeralContainers)\[\d+\]$/, '');
    return { ...base, docPath: joinPath(podSpec, 'securityContext', ...segs.slice(1)) };
  }
  if (object.kind === 'Container' && (head === 'hostNetwork' || head === 'hostPID' || head === 'hostIPC' || head === 'hostPathVolumes')) {
    const podSpec = (base.docPath ?? '').replace(/\.(initContainers|containers|ephemeralContainers)\[\d+\]$/, '');
    return { ...base, docPath: joinPath(podSpec, head === 'hostPathVolumes' ? 'volumes' : head) };
  }
  return base;
}
