/**
 * Assemble normalized documents into the Snapshot's Kubernetes and Mattermost collections and
 * compute the cross-resource joins controls need: namespace ↔ Mattermost, Service/Ingress ↔
 * Mattermost pods, Mattermost CR ↔ Secret ↔ DSN, CR ↔ ServiceAccount, Velero Schedule ↔ BSL ↔
 * namespaces, Ingress ↔ TLS Secret, installation ↔ effective config.
 */
import type { JsonObject, K8sCollections, Namespace, Workload } from '../../model/k8s.ts';
import { emptyK8s } from '../../model/k8s.ts';
import type { MattermostConfig } from '../../model/mattermost.ts';
import { cronIntervalHours, goDurationHours } from '../../model/functions/time.ts';
import { selectorMatches } from '../../model/functions/labels.ts';
import type { SourceRef } from '../../model/provenance.ts';
import { buildEffectiveConfig, type EnvOverride, type StoredConfig } from '../mattermost/effective.ts';
import { isObj, obj, str, type MattermostEnvLiteral, type NormalizeResult } from './normalize.ts';

export function newNormalizeResult(): NormalizeResult {
  return { objects: [], containers: [], mattermostEnv: new Map(), configMapConfigs: [], secretValues: new Map(), vaultSyncedSecrets: new Map() };
}

export interface StandaloneConfig {
  config: JsonObject;
  source: SourceRef;
  /** Keys a live server reports as set by its environment (see StoredConfig.envKeys). */
  envKeys?: string[];
}

/** Objects without metadata.namespace land in the namespace kubectl would use. */
const DEFAULT_NAMESPACE = 'default';
const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding']);

export function buildCollections(
  n: NormalizeResult,
  standaloneConfigs: StandaloneConfig[],
): { k8s: K8sCollections; configs: MattermostConfig[] } {
  const k8s = emptyK8s();
  for (const o of n.objects) {
    if (!CLUSTER_SCOPED.has(o.kind) && o.namespace === '') {
      o.namespace = DEFAULT_NAMESPACE;
      o.id = `k8s/${o.kind}/${DEFAULT_NAMESPACE}/${o.name}`;
    }
  }
  for (const c of n.containers) {
    if (c.namespace === '') {
      c.namespace = DEFAULT_NAMESPACE;
      c.workload.id = `k8s/${c.workload.kind}/${DEFAULT_NAMESPACE}/${c.workload.name}`;
      c.id = c.id.replace(/^k8s\/([^/]+)\/([^/]+)/, `k8s/$1/${DEFAULT_NAMESPACE}/$2`);
    }
  }
  const declaredNs = new Map<string, Namespace>();
  for (const o of n.objects) {
    switch (o.kind) {
      case 'Namespace':
        // The API server labels every namespace with kubernetes.io/metadata.name (immutable, Kubernetes ≥ 1.21).
        declaredNs.set(o.name, { ...o, labels: { 'kubernetes.io/metadata.name': o.name, ...o.labels }, kind: 'Namespace', namespace: '', declared: true, runsMattermost: false, workloadCount: 0 });
        break;
      case 'Service': k8s.services.push(o); break;
      case 'Ingress': k8s.ingresses.push(o); break;
      case 'NetworkPolicy': k8s.networkPolicies.push(o); break;
      case 'ServiceAccount': k8s.serviceAccounts.push(o); break;
      case 'Secret': k8s.secrets.push(o); break;
      case 'ConfigMap': k8s.configMaps.push(o); break;
      case 'RoleBinding': case 'ClusterRoleBinding': k8s.roleBindings.push(o); break;
      case 'Role': case 'ClusterRole': k8s.roles.push(o); break;
      case 'Mattermost': k8s.mattermosts.push(o); break;
      case 'Schedule': k8s.velero.schedules.push(o); break;
      case 'Backup': k8s.velero.backups.push(o); break;
      case 'Restore': k8s.velero.restores.push(o); break;
      case 'BackupStorageLocation': k8s.velero.storageLocations.push(o); break;
      default: k8s.workloads.push(o as Workload);
    }
  }
  k8s.containers = n.containers;

  // --- Mattermost pods: real templates plus the pods each CR will generate.
  const mmPods: { namespace: string; labels: Record<string, string>; installation: string }[] = [];
  for (const w of k8s.workloads) if (w.isMattermost) mmPods.push({ namespace: w.namespace, labels: w.pod.labels, installation: w.installation ?? w.name });
  for (const cr of k8s.mattermosts) {
    mmPods.push({
      namespace: cr.namespace,
      // R-OP MattermostPodLabels: spec.resourceLabels, then spec.podTemplate.extraLabels, then the fixed labels.
      labels: {
        ...strMap(cr.spec['resourceLabels']), ...strMap(obj(cr.spec['podTemplate'])['extraLabels']),
        app: 'mattermost', 'installation.mattermost.com/installation': cr.name, 'installation.mattermost.com/resource': cr.name,
      },
      installation: cr.name,
    });
  }

  // --- Namespaces: declared, plus every namespace an object lives in.
  const nsNames = new Set<string>(declaredNs.keys());
  const nsFirstSource = new Map<string, SourceRef>();
  const countIn = new Map<string, number>();
  const all = [...k8s.workloads, ...k8s.services, ...k8s.ingresses, ...k8s.networkPolicies, ...k8s.serviceAccounts, ...k8s.secrets,
    ...k8s.configMaps, ...k8s.mattermosts, ...k8s.velero.schedules, ...k8s.velero.storageLocations, ...k8s.roleBindings, ...k8s.roles];
  for (const o of all) {
    if (o.namespace === '') continue;
    nsNames.add(o.namespace);
    if (!nsFirstSource.has(o.namespace)) nsFirstSource.set(o.namespace, o.source);
  }
  for (const w of k8s.workloads) countIn.set(w.namespace, (countIn.get(w.namespace) ?? 0) + 1);
  const mmNamespaces = new Set(mmPods.map((p) => p.namespace));
  for (const name of [...nsNames].sort()) {
    const declared = declaredNs.get(name);
    const ns: Namespace = declared ?? {
      id: `k8s/Namespace/${name}`, kind: 'Namespace', apiVersion: 'v1', name, namespace: '', labels: {}, annotations: {},
      creationTimestamp: null, declared: false, runsMattermost: false, workloadCount: 0,
      source: nsFirstSource.get(name) ?? { file: '-', line: 1 },
      // An inferred namespace is named by the first object in it: point at that `metadata.namespace`.
      origins: { name: { ...(nsFirstSource.get(name) ?? { file: '-', line: 1 }), docPath: 'metadata.namespace' } },
      unknown: {
        labels: `Namespace ${name} is not among the inputs (objects in it are); its labels cannot be read`,
        annotations: `Namespace ${name} is not among the inputs; its annotations cannot be read`,
      },
    };
    ns.runsMattermost = mmNamespaces.has(name);
    ns.workloadCount = countIn.get(name) ?? 0;
    k8s.namespaces.push(ns);
  }

  // --- Services and Ingresses ↔ Mattermost pods.
  const mmPodsByNs = new Map<string, typeof mmPods>();
  for (const p of mmPods) {
    const list = mmPodsByNs.get(p.namespace);
    if (list) list.push(p);
    else mmPodsByNs.set(p.namespace, [p]);
  }
  for (const s of k8s.services) {
    s.selectsMattermost = Object.keys(s.selector).length > 0 &&
      (mmPodsByNs.get(s.namespace) ?? []).some((p) => selectorMatches(s.selector, p.labels));
  }
  for (const np of k8s.networkPolicies) {
    np.selectsMattermost = (mmPodsByNs.get(np.namespace) ?? []).some((p) => selectorMatches(np.podSelector, p.labels));
  }
  const secretsByNs = new Map(k8s.secrets.map((s) => [`${s.namespace}/${s.name}`, s]));
  const mmServiceNames = new Set(k8s.services.filter((s) => s.selectsMattermost).map((s) => `${s.namespace}/${s.name}`));
  for (const cr of k8s.mattermosts) mmServiceNames.add(`${cr.namespace}/${cr.name}`);
  for (const ing of k8s.ingresses) {
    ing.servesMattermost = ing.backends.some((b) => mmServiceNames.has(`${ing.namespace}/${b}`));
    ing.tls.forEach((t, i) => {
      const sec = secretsByNs.get(`${ing.namespace}/${t.secretName}`);
      t.secretFound = sec !== undefined;
      t.secretType = sec?.type ?? null;
      if (sec) {
        for (const h of t.hosts) if (!sec.ingressHosts.includes(h)) sec.ingressHosts.push(h);
        sec.servesMattermost ||= ing.servesMattermost;
      }
      if (!sec && t.secretName !== '') {
        (ing.unknown ??= {})[`tls[${i}].secretFound`] =
          `Secret ${ing.namespace}/${t.secretName} (spec.tls[${i}].secretName) is not among the inputs (often cert-manager creates it), so whether it exists as a kubernetes.io/tls Secret cannot be read`;
      }
    });
  }

  // The Operator's Ingress serves `spec.ingress.host` (and `hosts[].hostName`) with `spec.ingress.tlsSecret`.
  for (const cr of k8s.mattermosts) {
    const ing = obj(cr.spec['ingress']);
    const sec = secretsByNs.get(`${cr.namespace}/${str(ing['tlsSecret'])}`);
    if (!sec) continue;
    sec.servesMattermost = true;
    const hosts = [str(ing['host']), ...(Array.isArray(ing['hosts']) ? ing['hosts'] : []).map((h) => str(obj(h)['hostName']))];
    for (const h of hosts) if (h !== '' && !sec.ingressHosts.includes(h)) sec.ingressHosts.push(h);
  }

  // --- Mattermost CR ↔ DB Secret, ServiceAccount.
  const saByNs = new Map(k8s.serviceAccounts.map((s) => [`${s.namespace}/${s.name}`, s]));
  for (const cr of k8s.mattermosts) {
    if (cr.database.secretName !== '') {
      const sec = secretsByNs.get(`${cr.namespace}/${cr.database.secretName}`);
      cr.database.secretFound = sec !== undefined;
      cr.database.dsns = sec?.dsns ?? [];
      const syncedBy = n.vaultSyncedSecrets.get(`${cr.namespace}/${cr.database.secretName}`);
      cr.database.managedByVault = (sec?.managedByVault ?? false) || syncedBy !== undefined;
      if (!sec && syncedBy === undefined) {
        (cr.unknown ??= {})['database.managedByVault'] =
          `neither Secret ${cr.namespace}/${cr.database.secretName} (spec.database.external.secret) nor an ExternalSecret / SecretProviderClass / VaultStaticSecret that creates it is among the inputs`;
      }
      if (!sec) {
        (cr.unknown ??= {})['database.dsns'] =
          `Secret ${cr.namespace}/${cr.database.secretName} (spec.database.external.secret) is not among the inputs, so the DSN's sslmode cannot be read`;
      }
    }
    const sa = saByNs.get(`${cr.namespace}/${cr.name}`);
    cr.serviceAccount = {
      found: sa !== undefined,
      roleArn: sa?.annotations['eks.amazonaws.com/role-arn'] ?? '',
      azureClientId: sa?.annotations['azure.workload.identity/client-id'] ?? '',
      automountServiceAccountToken: sa?.automountServiceAccountToken ?? null,
    };
    if (!sa) {
      const why = `ServiceAccount ${cr.namespace}/${cr.name} (the Operator runs Mattermost pods under a ServiceAccount named like the CR) is not among the inputs`;
      Object.assign((cr.unknown ??= {}), {
        'serviceAccount.roleArn': why, 'serviceAccount.azureClientId': why, 'serviceAccount.automountServiceAccountToken': why,
      });
    }
  }
  for (const w of k8s.workloads) {
    const sa = saByNs.get(`${w.namespace}/${w.serviceAccount.name}`);
    w.serviceAccount.found = sa !== undefined;
    w.serviceAccount.automountServiceAccountToken = sa?.automountServiceAccountToken ?? null;
    w.serviceAccount.annotations = sa?.annotations ?? {};
    if (!sa) {
      const why = `ServiceAccount ${w.namespace}/${w.serviceAccount.name} (used by ${w.kind} ${w.name}) is not among the inputs`;
      const u = (w.unknown ??= {});
      u['serviceAccount.annotations'] = `${why}; its annotations cannot be read`;
      // The ServiceAccount's default only matters when the pod does not decide itself.
      if (typeof w.pod.spec['automountServiceAccountToken'] !== 'boolean') {
        u['serviceAccount.automountServiceAccountToken'] = `${why}, and the pod does not set automountServiceAccountToken; whether an API token is mounted cannot be read`;
      }
    }
  }

  // --- Velero: Schedule ↔ BSL, namespaces covered.
  const bsls = k8s.velero.storageLocations;
  const defaultBsl = bsls.find((b) => b.isDefault) ?? bsls.find((b) => b.name === 'default');
  const bslByKey = new Map(bsls.map((b) => [`${b.namespace}/${b.name}`, b]));
  const bslByName = new Map<string, (typeof bsls)[number]>();
  for (const b of bsls) if (!bslByName.has(b.name)) bslByName.set(b.name, b);
  for (const s of k8s.velero.schedules) {
    const tpl = obj(s.spec['template']);
    s.intervalHours = cronIntervalHours(str(s.spec['schedule']));
    s.ttlHours = goDurationHours(str(tpl['ttl'])) || 720; // Velero applies its default TTL to 0 too
    s.storageLocation = str(tpl['storageLocation']) || defaultBsl?.name || '';
    const bsl = bslByKey.get(`${s.namespace}/${s.storageLocation}`) ?? bslByName.get(s.storageLocation);
    s.storageLocationFound = bsl !== undefined;
    if (bsl) bsl.usedBySchedules.push(s.name);
    if (bsls.length === 0) {
      (s.unknown ??= {})['storageLocationFound'] = 'No BackupStorageLocation is among the inputs';
    }
    const included = Array.isArray(tpl['includedNamespaces']) ? (tpl['includedNamespaces'] as unknown[]).map(String) : ['*'];
    const excluded = Array.isArray(tpl['excludedNamespaces']) ? (tpl['excludedNamespaces'] as unknown[]).map(String) : [];
    const matches = (pat: string, ns: string): boolean => pat === '*' || pat === ns || (pat.includes('*') && new RegExp(`^${pat.split('*').map(escapeRe).join('.*')}$`).test(ns));
    for (const ns of [...mmNamespaces].sort()) {
      const covered = included.some((p) => matches(p, ns)) && !excluded.some((p) => matches(p, ns));
      (covered ? s.coversNamespaces : s.missesNamespaces).push(ns);
    }
  }

  // --- Effective Mattermost configuration per installation.
  const configs = buildConfigs(k8s, n, standaloneConfigs);
  return { k8s, configs };
}

function strMap(v: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(obj(v)).map(([k, x]) => [k, str(x)]));
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function resolveEnv(lits: MattermostEnvLiteral[], namespace: string, source: SourceRef, n: NormalizeResult): EnvOverride[] {
  return lits.map((e) => {
    const src = { ...source, docPath: e.docPath };
    if (e.value !== null) return { name: e.name, value: e.value, unresolved: null, source: src };
    if (e.secretKeyRef) {
      const v = n.secretValues.get(`${namespace}/${e.secretKeyRef.name}`)?.get(e.secretKeyRef.key);
      if (v !== undefined) return { name: e.name, value: v, unresolved: null, source: src };
      return {
        name: e.name, value: null, source: src,
        unresolved: `${e.name} comes from Secret ${namespace}/${e.secretKeyRef.name} key ${e.secretKeyRef.key}, which is not among the inputs`,
      };
    }
    if (e.configMapKeyRef) {
      return {
        name: e.name, value: null, source: src,
        unresolved: `${e.name} comes from ConfigMap ${namespace}/${e.configMapKeyRef.name} key ${e.configMapKeyRef.key}, which oobguard does not resolve yet`,
      };
    }
    return { name: e.name, value: null, source: src, unresolved: `${e.name} has no value` };
  });
}

function buildConfigs(k8s: K8sCollections, n: NormalizeResult, standalone: StandaloneConfig[]): MattermostConfig[] {
  const configs: MattermostConfig[] = [];
  interface Inst { id: string; name: string; namespace: string; source: SourceRef; env: EnvOverride[]; operator: boolean }
  const installations: Inst[] = [];
  const crNames = new Set(k8s.mattermosts.map((c) => `${c.namespace}/${c.name}`));
  for (const cr of k8s.mattermosts) {
    const env = resolveEnv(n.mattermostEnv.get(cr.id) ?? [], cr.namespace, cr.source, n);
    // Operator-generated environment (R-OP database_external.go / file_store.go).
    const crSrc = (docPath: string): SourceRef => ({ ...cr.source, docPath });
    // R-OP pkg/mattermost/env_var.go generalMattermostEnvVars: set on every Operator-managed pod
    // (spec.mattermostEnv, appended after it, overrides them).
    for (const [name, value] of [
      ['MM_PLUGINSETTINGS_ENABLEUPLOADS', 'true'], ['MM_METRICSSETTINGS_ENABLE', 'true'], ['MM_METRICSSETTINGS_LISTENADDRESS', ':8067'],
      ['MM_CLUSTERSETTINGS_ENABLE', 'true'], ['MM_CLUSTERSETTINGS_CLUSTERNAME', 'production'],
    ] as const) env.unshift({ name, value, unresolved: null, source: crSrc('spec') });
    if (cr.database.secretName !== '') {
      const v = n.secretValues.get(`${cr.namespace}/${cr.database.secretName}`);
      const dsn = v?.get('MM_SQLSETTINGS_DATASOURCE') ?? v?.get('DB_CONNECTION_STRING');
      env.unshift({
        name: 'MM_SQLSETTINGS_DATASOURCE', value: dsn ?? null, source: crSrc('spec.database.external.secret'),
        unresolved: dsn === undefined ? `the database DSN comes from Secret ${cr.namespace}/${cr.database.secretName}, which is not among the inputs` : null,
      });
      // The Operator also passes read replicas when the Secret has them (R-OP database_external.go).
      const replicas = v?.get('MM_SQLSETTINGS_DATASOURCEREPLICAS');
      if (replicas !== undefined) {
        env.unshift({ name: 'MM_SQLSETTINGS_DATASOURCEREPLICAS', value: replicas, unresolved: null, source: crSrc('spec.database.external.secret') });
      }
    }
    if (cr.fileStore.type === 'external' || cr.fileStore.type === 'operatorManaged') {
      env.unshift({ name: 'MM_FILESETTINGS_DRIVERNAME', value: 'amazons3', unresolved: null, source: crSrc('spec.fileStore') });
      if (cr.fileStore.bucket) env.unshift({ name: 'MM_FILESETTINGS_AMAZONS3BUCKET', value: cr.fileStore.bucket, unresolved: null, source: crSrc('spec.fileStore.external.bucket') });
      if (cr.fileStore.type === 'operatorManaged') env.unshift({ name: 'MM_FILESETTINGS_AMAZONS3SSL', value: 'false', unresolved: null, source: crSrc('spec.fileStore.operatorManaged') });
      else env.unshift({ name: 'MM_FILESETTINGS_AMAZONS3SSL', value: 'true', unresolved: null, source: crSrc('spec.fileStore.external') });
    }
    if (cr.fileStore.type === 'local' || cr.fileStore.type === 'externalVolume') {
      env.unshift({ name: 'MM_FILESETTINGS_DRIVERNAME', value: 'local', unresolved: null, source: crSrc(`spec.fileStore.${cr.fileStore.type}`) });
    }
    // generalMattermostEnvVars also sets the Site URL from the ingress host (siteURLFromHost: "https://" + host).
    const ingressHost = str(obj(cr.spec['ingress'])['host']) || str(cr.spec['ingressName']);
    const general: [string, string, string][] = [];
    if (ingressHost !== '') general.push(['MM_SERVICESETTINGS_SITEURL', `https://${ingressHost}`, isObj(cr.spec['ingress']) ? 'spec.ingress.host' : 'spec.ingressName']);
    // elasticSearchEnvVars (same file): the password is a plaintext CR field, redacted in the model, so it stays unknown.
    const es = obj(cr.spec['elasticSearch']);
    if (str(es['host']) !== '') {
      general.push(['MM_ELASTICSEARCHSETTINGS_ENABLEINDEXING', 'true', 'spec.elasticSearch'], ['MM_ELASTICSEARCHSETTINGS_ENABLESEARCHING', 'true', 'spec.elasticSearch'],
        ['MM_ELASTICSEARCHSETTINGS_CONNECTIONURL', str(es['host']), 'spec.elasticSearch.host'], ['MM_ELASTICSEARCHSETTINGS_USERNAME', str(es['userName']), 'spec.elasticSearch.userName']);
    }
    for (const [name, value, docPath] of general.reverse()) env.unshift({ name, value, unresolved: null, source: crSrc(docPath) });
    installations.push({ id: cr.id, name: cr.name, namespace: cr.namespace, source: cr.source, env, operator: true });
  }
  for (const w of k8s.workloads) {
    if (!w.isMattermost || w.kind === 'Pod' || w.kind === 'Job' || w.kind === 'CronJob') continue;
    if (w.installation !== null && crNames.has(`${w.namespace}/${w.installation}`)) continue; // generated by a CR
    installations.push({ id: w.id, name: w.name, namespace: w.namespace, source: w.source, env: resolveEnv(n.mattermostEnv.get(w.id) ?? [], w.namespace, w.source, n), operator: false });
  }
  const unusedStandalone = [...standalone];
  for (const inst of installations) {
    const cm = n.configMapConfigs.find((c) => c.id.startsWith(`k8s/ConfigMap/${inst.namespace}/`));
    let stored: StoredConfig | null = null;
    if (cm) stored = { config: cm.config, source: cm.source, embedded: true };
    else if (installations.length === 1 && unusedStandalone.length > 0) {
      const s = unusedStandalone.shift()!;
      stored = { config: s.config, source: { ...s.source, docPath: '' }, embedded: false, ...(s.envKeys ? { envKeys: s.envKeys } : {}) };
    }
    configs.push(buildEffectiveConfig({
      id: `mattermost/config/${inst.namespace}/${inst.name}`,
      name: inst.name, namespace: inst.namespace, installation: inst.id, source: stored?.source ?? inst.source,
      stored, env: inst.env,
      storedUnknownReason: inst.operator
        ? `Mattermost ${inst.namespace}/${inst.name} keeps its configuration in the database (the Operator sets MM_CONFIG) and no config.json for it is among the inputs; pass an exported config.json (mmctl config export) or scan the live server`
        : `no config.json for Mattermost ${inst.namespace}/${inst.name} is among the inputs; pass it along with the manifests`,
    }));
  }
  for (const s of unusedStandalone) {
    configs.push(buildEffectiveConfig({
      id: `mattermost/config/${s.source.file}`, name: s.source.file, namespace: '', installation: null,
      source: { ...s.source, docPath: '' }, stored: { config: s.config, source: { ...s.source, docPath: '' }, embedded: false, ...(s.envKeys ? { envKeys: s.envKeys } : {}) },
      env: [], storedUnknownReason: '',
    }));
  }
  for (const c of configs) markAdvancedLoggingFileRefs(c);
  return configs;
}

/**
 * `AdvancedLoggingJSON` may hold a JSON object, a string with escaped JSON, or the name of a file
 * Mattermost reads next to its config (server/config/logconfig.go NewLogConfigSrc). The file is not
 * among the inputs, so its log targets are unknown.
 */
function markAdvancedLoggingFileRefs(c: MattermostConfig): void {
  for (const section of ['LogSettings', 'ExperimentalAuditSettings', 'NotificationLogSettings']) {
    const v = c.settings[section]?.['AdvancedLoggingJSON'];
    if (typeof v !== 'string' || v.trim() === '') continue;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(v) as unknown;
    } catch {
      /* a file name */
    }
    if (isObj(parsed)) continue;
    const path = `settings.${section}.AdvancedLoggingJSON`;
    if (c.unknown?.[path] === undefined) {
      (c.unknown ??= {})[path] = `${section}.AdvancedLoggingJSON names a file (${v.trim()}) that Mattermost reads at startup; it is not among the inputs, so its log targets cannot be read`;
    }
    if (c.known) c.known = c.known.filter((k) => k !== path);
  }
}

export { isObj };
