/**
 * Which Secrets the model needs, found in the objects already listed: the only Secrets the live
 * collector reads (one `GET` each), so the scanner needs `get secrets` and never `list secrets`.
 *
 * - Mattermost CR: `spec.database.external.secret`, `spec.fileStore.external.secret`, and
 *   `secretKeyRef` names in `spec.mattermostEnv`;
 * - Ingress: `spec.tls[].secretName`;
 * - Velero BackupStorageLocation: `spec.credential.name`;
 * - `secretKeyRef` names in the env of Mattermost containers (a Mattermost image, as the model
 *   judges it, or the `mattermost` container of a workload the Operator labelled) of every
 *   workload kind's pod template.
 *
 * Each is read in the referring object's namespace.
 */
import type { JsonObject } from '../../model/k8s.ts';
import { isMattermostImage } from '../k8s-manifests/normalize.ts';

function isObject(v: unknown): v is JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
function obj(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}
function list(v: unknown): JsonObject[] {
  return Array.isArray(v) ? v.filter(isObject) : [];
}
function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** A name a Secret can have (DNS-1123 subdomain); anything else cannot exist and is not asked for. */
const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export function isSecretName(name: string): boolean {
  return name.length <= 253 && SECRET_NAME.test(name);
}

/** `secretKeyRef.name` of every env entry. */
function envSecretNames(env: unknown): string[] {
  return list(env).map((e) => str(obj(obj(e['valueFrom'])['secretKeyRef'])['name'])).filter((n) => n !== '');
}

/** The pod template (metadata + spec) of a workload object, or null for other kinds. */
function podTemplate(doc: JsonObject, kind: string): { labels: JsonObject; spec: JsonObject } | null {
  const spec = obj(doc['spec']);
  switch (kind) {
    case 'Pod':
      return { labels: obj(obj(doc['metadata'])['labels']), spec };
    case 'Deployment': case 'StatefulSet': case 'DaemonSet': case 'ReplicaSet': case 'Job': {
      const t = obj(spec['template']);
      return { labels: { ...obj(obj(doc['metadata'])['labels']), ...obj(obj(t['metadata'])['labels']) }, spec: obj(t['spec']) };
    }
    case 'CronJob': {
      const t = obj(obj(obj(spec['jobTemplate'])['spec'])['template']);
      return { labels: { ...obj(obj(doc['metadata'])['labels']), ...obj(obj(t['metadata'])['labels']) }, spec: obj(t['spec']) };
    }
    default:
      return null;
  }
}

/** Names of the Secrets (in the object's own namespace) that this object refers to and the model reads. */
export function secretReferences(doc: JsonObject, kind: string): string[] {
  const spec = obj(doc['spec']);
  const names: string[] = [];
  if (kind === 'Mattermost') {
    names.push(str(obj(obj(spec['database'])['external'])['secret']));
    names.push(str(obj(obj(spec['fileStore'])['external'])['secret']));
    names.push(...envSecretNames(spec['mattermostEnv']));
  } else if (kind === 'Ingress') {
    for (const t of list(spec['tls'])) names.push(str(t['secretName']));
  } else if (kind === 'BackupStorageLocation') {
    names.push(str(obj(spec['credential'])['name']));
  } else {
    const tpl = podTemplate(doc, kind);
    if (tpl) {
      const operatorManaged = tpl.labels['app'] === 'mattermost' && typeof tpl.labels['installation.mattermost.com/installation'] === 'string';
      for (const role of ['initContainers', 'containers']) {
        for (const c of list(tpl.spec[role])) {
          const mattermost = isMattermostImage(str(c['image'])) || (operatorManaged && role === 'containers' && c['name'] === 'mattermost');
          if (mattermost) names.push(...envSecretNames(c['env']));
        }
      }
    }
  }
  return [...new Set(names.filter(isSecretName))];
}
