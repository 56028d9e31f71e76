/**
 * Terraform AzureRM → PostgreSQL flexible servers, Traffic Manager profiles, DNS zones and record
 * sets; and the storage-account split-out resources (containers, container immutability,
 * management policy, object replication, customer-managed key, network rules) merged into the
 * account they configure. AzureRM 3.x, 4.x and 5.x attribute names alike.
 *
 * Joins (a configuration to its server, an endpoint to its profile, a container to its account)
 * follow the Terraform reference first, then a literal resource id or name; a split-out resource
 * whose target cannot be identified statically makes that part of every candidate unknown rather
 * than silently missing.
 */
import type { DiagnosticSetting, DiagnosticSettingRef } from '../../model/azure-compute.ts';
import type { AzureScope, StorageAccount } from '../../model/azure.ts';
import type { DnsRecordSet, DnsZone, PostgresFlexibleServer, TrafficManagerEndpoint, TrafficManagerProfile } from '../../model/azure-data.ts';
import type { CloudObject } from '../../model/cloud.ts';
import { at, blocks, bool, cloudBase, either, lineOf, markUnknown, num, str, strs, track, unknownAt, type AdaptContext, type Mapper, type ProviderAdapter } from './adapt.ts';
import type { TfObject, TfResource } from './types.ts';
import { settingRef } from './azure-compute.ts';

// ---- shared helpers (also used for storage accounts in azure.ts) ----------------------------

const SUB_IN_ID = /^\/subscriptions\/([^/]+)\//i;
const NOT_RESOURCES = /^(var|local|each|count|path|terraform|self)\./;

/** References recorded at `path`, above it (HCL records them per top-level argument) or below it. */
function refsAt(r: TfObject, path: string): string[] {
  const out: string[] = [];
  for (const [p, list] of Object.entries(r.refs)) {
    if (p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`) || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) {
      for (const x of list) if (!NOT_RESOURCES.test(x) && !out.includes(x)) out.push(x);
    }
  }
  return out;
}

/** A reference written inside a module names an address of that module. */
function qualify(r: TfObject & { module: string }, ref: string): string {
  return r.module !== '' && !ref.startsWith(`${r.module}.`) ? `${r.module}.${ref}` : ref;
}

/** Record only where a model path comes from (no unknown). */
function origin(o: CloudObject, modelPath: string, r: TfObject, tfPath: string): void {
  (o.origins ??= {})[modelPath] = lineOf(r, tfPath);
}

/**
 * A resource-id argument: its value; `terraform:<address>` when it references a resource (or data
 * source, or module output) whose id is only known after apply; "" when unset.
 */
export function idArg(r: TfResource, path: string): string {
  const v = at(r.values, path);
  if (typeof v === 'string' && v !== '' && !v.includes('${')) return v;
  const refs = refsAt(r, path);
  return refs.length > 0 ? `terraform:${qualify(r, refs[0]!)}` : '';
}

/** Like `track`, but a reference to another resource's id counts as set (known after apply), not unknown. */
export function trackId(o: CloudObject, modelPath: string, r: TfResource, tfPath: string): void {
  origin(o, modelPath, r, tfPath);
  const why = unknownAt(r, tfPath);
  if (why !== null && refsAt(r, tfPath).length === 0) markUnknown(o, modelPath, `${r.address}.${tfPath}: ${why}`);
}

/** The `provider "azurerm"` configuration a resource uses, or why it cannot be told. */
function providerScope(r: TfResource, ctx: AdaptContext): AzureScope | string {
  const all = ctx.azure.providers;
  const exact = all.find((p) => p.providerKey === r.provider);
  if (exact) return exact;
  if (all.length === 0) return 'no provider "azurerm" configuration is among the inputs: the subscription is chosen at run time (ARM_SUBSCRIPTION_ID or the Azure CLI)';
  const rootKey = r.provider.replace(/^(module\.[^.]+\.)+/, '');
  // A module without its own provider block gets the default configuration, or the one its caller
  // passes in `providers = {…}` (not read): unambiguous only when a single configuration exists.
  if (rootKey !== r.provider && all.length === 1 && all[0]!.providerKey === rootKey && all[0]!.module === '') return all[0]!;
  return rootKey !== r.provider
    ? `${r.address} is in a module; which of the provider configurations (${all.map((p) => p.providerKey).join(', ')}) it receives is not read from the HCL (scan the plan)`
    : `provider configuration "${r.provider}" is not among the inputs`;
}

/** Fill `subscriptionId` from the resource id (plans of existing resources) or the provider configuration. */
export function applySubscription(o: CloudObject & { subscriptionId: string }, r: TfResource, ctx: AdaptContext): void {
  const id = r.values['id'];
  const m = typeof id === 'string' ? SUB_IN_ID.exec(id) : null;
  if (m) {
    o.subscriptionId = m[1]!;
    origin(o, 'subscriptionId', r, 'id');
    return;
  }
  const scope = providerScope(r, ctx);
  if (typeof scope === 'string') {
    (o.origins ??= {})['subscriptionId'] = r.source;
    markUnknown(o, 'subscriptionId', scope);
    return;
  }
  o.subscriptionId = scope.subscriptionId;
  (o.origins ??= {})['subscriptionId'] = scope.origins?.['subscriptionId'] ?? scope.source;
  const why = scope.unknown?.['subscriptionId'];
  if (why !== undefined) markUnknown(o, 'subscriptionId', why);
  else if (scope.subscriptionId === '') {
    markUnknown(o, 'subscriptionId', `provider "${scope.providerKey}" (${scope.source.file}:${scope.source.line}) sets no subscription_id: it comes from ARM_SUBSCRIPTION_ID or the Azure CLI at run time`);
  }
}

function resourceIdOf(r: TfResource): string {
  const id = r.values['id'];
  return typeof id === 'string' && id.startsWith('/') ? id : '';
}

/** `/…/<typeSegment>/<name>/…` → name ("" when the id has no such segment). */
function nameAfter(id: string, typeSegment: string): string {
  const parts = id.split('/');
  const i = parts.findIndex((p) => p.toLowerCase() === typeSegment.toLowerCase());
  return i >= 0 ? parts[i + 1] ?? '' : '';
}

interface Resolution<T> {
  hits: T[];
  /** Why the target cannot be identified (the argument is unknown and names no resource); null when it could be, or is outside the scan. */
  unresolved: string | null;
}

/**
 * The model objects a reference argument (`server_id`, `profile_id`, `storage_account_id`) points
 * to: by Terraform reference (a resource, or a data source read by name), else by literal id or
 * name. An argument that names something outside the scanned configuration has no hits and is
 * not unresolved.
 */
function resolve<T extends CloudObject>(r: TfResource, path: string, candidates: readonly T[], typeSegment: string, ctx: AdaptContext, byName = false): Resolution<T> {
  const hits: T[] = [];
  const add = (list: T[]): void => { for (const c of list) if (!hits.includes(c)) hits.push(c); };
  const refs = refsAt(r, path);
  let moduleOutput = false;
  for (const ref of refs) {
    const addr = qualify(r, ref);
    const direct = candidates.filter((c) => c.address === addr || c.address === ref);
    if (direct.length > 0) { add(direct); continue; }
    const target = ctx.byAddress.get(addr) ?? ctx.byAddress.get(ref);
    if (target?.mode === 'data') {
      const n = str(target.values['name']).toLowerCase();
      if (n !== '') add(candidates.filter((c) => c.name.toLowerCase() === n));
    } else if (!target && ref.startsWith('module.')) {
      moduleOutput = true; // `module.x.output`: not followed
    }
  }
  if (hits.length > 0) return { hits, unresolved: null };
  const v = at(r.values, path);
  if (typeof v === 'string' && v !== '' && !v.includes('${')) {
    const want = (byName ? v : nameAfter(v, typeSegment)).toLowerCase();
    add(candidates.filter((c) => (c.resourceId !== '' && c.resourceId.toLowerCase() === v.toLowerCase()) || (want !== '' && c.name.toLowerCase() === want)));
    return { hits, unresolved: null };
  }
  if (moduleOutput) return { hits, unresolved: `${r.address}.${path} is a module output, which is not followed` };
  if (refs.length > 0) return { hits, unresolved: null };
  const why = unknownAt(r, path);
  return { hits, unresolved: why ?? 'not set' };
}

function clearUnknown(o: CloudObject, modelPath: string): void {
  if (!o.unknown) return;
  delete o.unknown[modelPath];
  if (Object.keys(o.unknown).length === 0) delete o.unknown;
}

function enabled(b: boolean | null): 'Enabled' | 'Disabled' {
  return b === true ? 'Enabled' : 'Disabled';
}

function normLocation(s: string): string {
  return s.toLowerCase().replace(/\s+/g, '');
}

// ---- PostgreSQL flexible server ---------------------------------------------------------------

function pgServer(r: TfResource, ctx: AdaptContext): PostgresFlexibleServer {
  const v = r.values;
  const name = str(v['name']);
  const ha = blocks(v['high_availability'])[0] ?? null;
  const auth = blocks(v['authentication'])[0] ?? null;
  const cmk = blocks(v['customer_managed_key'])[0] ?? null;
  const delegated = idArg(r, 'delegated_subnet_id');
  const publicAccess = bool(v['public_network_access_enabled']);
  const s: PostgresFlexibleServer = {
    ...cloudBase(r, ctx, 'PostgresFlexibleServer', name || r.address, resourceIdOf(r)),
    kind: 'PostgresFlexibleServer',
    resourceGroup: str(v['resource_group_name']), location: str(v['location']), subscriptionId: '', version: str(v['version']),
    backup: {
      backupRetentionDays: num(v['backup_retention_days']) ?? 7, // Azure default 7 days
      geoRedundantBackup: enabled(bool(v['geo_redundant_backup_enabled'])), // default false
    },
    network: {
      // Default true; a VNet-injected server (delegated subnet) has no public endpoint whatever the
      // flag says (older 3.x computed it, newer ones reject true together with a delegated subnet).
      publicNetworkAccess: publicAccess === false || (publicAccess === null && delegated !== '') ? 'Disabled' : 'Enabled',
      delegatedSubnetResourceId: delegated,
      privateDnsZoneArmResourceId: idArg(r, 'private_dns_zone_id'),
    },
    privateEndpoints: [],
    highAvailability: { mode: ha ? str(ha['mode']) : 'Disabled', standbyAvailabilityZone: ha ? str(ha['standby_availability_zone']) : '' },
    authConfig: {
      activeDirectoryAuth: enabled(auth ? bool(auth['active_directory_auth_enabled']) : false), // default false
      passwordAuth: enabled(auth ? bool(auth['password_auth_enabled']) ?? true : true), // default true
      tenantId: auth ? str(auth['tenant_id']) : '',
    },
    dataEncryption: {
      type: cmk ? 'AzureKeyVault' : 'SystemManaged',
      primaryKeyURI: cmk ? idArg(r, 'customer_managed_key[0].key_vault_key_id') : '',
      geoBackupKeyURI: cmk ? idArg(r, 'customer_managed_key[0].geo_backup_key_vault_key_id') : '',
    },
    configurations: { require_secure_transport: 'on', ssl_min_protocol_version: 'TLSv1.2', log_connections: 'on', log_disconnections: 'on' },
    diagnosticSettings: [],
    mergedFrom: [],
  };
  applySubscription(s, r, ctx);
  track(s, 'name', r, 'name');
  track(s, 'backup.backupRetentionDays', r, 'backup_retention_days');
  track(s, 'backup.geoRedundantBackup', r, 'geo_redundant_backup_enabled');
  track(s, 'network.publicNetworkAccess', r, 'public_network_access_enabled');
  trackId(s, 'network.delegatedSubnetResourceId', r, 'delegated_subnet_id');
  trackId(s, 'network.privateDnsZoneArmResourceId', r, 'private_dns_zone_id');
  origin(s, 'highAvailability', r, 'high_availability[0]');
  track(s, 'highAvailability.mode', r, 'high_availability[0].mode');
  if (r.unknown['high_availability'] !== undefined) markUnknown(s, 'highAvailability', `${r.address}.high_availability: ${r.unknown['high_availability']}`);
  track(s, 'authConfig.activeDirectoryAuth', r, 'authentication[0].active_directory_auth_enabled');
  track(s, 'authConfig.passwordAuth', r, 'authentication[0].password_auth_enabled');
  origin(s, 'dataEncryption', r, 'customer_managed_key[0]');
  if (cmk) trackId(s, 'dataEncryption.primaryKeyURI', r, 'customer_managed_key[0].key_vault_key_id');
  if (r.unknown['customer_managed_key'] !== undefined) markUnknown(s, 'dataEncryption', `${r.address}.customer_managed_key: ${r.unknown['customer_managed_key']}`);
  for (const k of Object.keys(s.configurations)) (s.origins ??= {})[`configurations.${k}`] = r.source;
  return s;
}

const PG_PARAMETERS = new Set(['require_secure_transport', 'ssl_min_protocol_version', 'log_connections', 'log_disconnections']);

function mergePgConfiguration(r: TfResource, ctx: AdaptContext): void {
  const servers = ctx.azure.postgres.flexibleServers;
  const nameV = r.values['name'];
  const param = str(nameV).toLowerCase();
  const nameUnknown = unknownAt(r, 'name');
  if (nameUnknown === null && !PG_PARAMETERS.has(param)) return;
  const { hits, unresolved } = resolve(r, 'server_id', servers, 'flexibleServers', ctx);
  const targets = unresolved !== null ? servers : hits;
  for (const s of targets) {
    const keys = nameUnknown !== null ? [...PG_PARAMETERS] : [param];
    s.mergedFrom.push(r.address);
    for (const k of keys) {
      const path = `configurations.${k}`;
      if (unresolved !== null) {
        markUnknown(s, path, `${r.address} sets a server parameter on a server that cannot be identified statically (server_id: ${unresolved})`);
        continue;
      }
      if (nameUnknown !== null) {
        markUnknown(s, path, `${r.address}.name: ${nameUnknown}`);
        continue;
      }
      const value = str(r.values['value']);
      (s.configurations as Record<string, string>)[k] = k === 'ssl_min_protocol_version' ? value : value.toLowerCase();
      track(s, path, r, 'value');
    }
  }
}

// ---- diagnostic settings and private endpoints (joined onto their targets) --------------------


/**
 * Diagnostic settings (`snapshot.azure.monitor.diagnosticSettings`, filled by the compute adapter's
 * mappers) join onto the PostgreSQL server they target: by Terraform reference, else by id.
 */
function joinDiagnosticSettings(ctx: AdaptContext): void {
  const servers = ctx.azure.postgres.flexibleServers;
  if (servers.length === 0) return;
  for (const d of ctx.azure.monitor.diagnosticSettings) {
    const target = d.targetAddress !== '' ? ctx.byAddress.get(d.targetAddress) : undefined;
    const byName = target?.mode === 'data' ? str(target.values['name']).toLowerCase() : '';
    const idName = nameAfter(d.targetResourceId, 'flexibleServers').toLowerCase();
    const hits = servers.filter((s) => (d.targetAddress !== '' && s.address === d.targetAddress)
      || (byName !== '' && s.name.toLowerCase() === byName)
      || (d.targetResourceId !== '' && ((s.resourceId !== '' && s.resourceId.toLowerCase() === d.targetResourceId.toLowerCase()) || (idName !== '' && s.name.toLowerCase() === idName))));
    if (hits.length === 0) {
      // Unidentifiable only when it names no resource at all (a reference to something outside the scan is not ours).
      const why = d.unknown?.['targetType'];
      const raw = ctx.byAddress.get(d.address);
      if (d.targetAddress === '' && d.targetResourceId === '' && why !== undefined && (!raw || refsAt(raw, 'target_resource_id').length === 0)) {
        for (const s of servers) markUnknown(s, 'diagnosticSettings', `${d.address} targets a resource that cannot be identified statically (${why})`);
      }
      continue;
    }
    for (const s of hits) {
      s.diagnosticSettings.push(settingRef(d));
      s.mergedFrom.push(d.address);
      const origins = (s.origins ??= {});
      origins[`diagnosticSettings[${s.diagnosticSettings.length - 1}]`] = d.source;
      origins['diagnosticSettings'] ??= d.source;
      for (const k of ['logs', 'destinations'] as const) {
        const why = d.unknown?.[k];
        if (why !== undefined) markUnknown(s, 'diagnosticSettings', `diagnostic setting ${d.address} (${k}): ${why}`);
      }
      if (d.logs.length === 0 && d.metrics.length === 0 && d.unknown?.['logs'] === undefined) {
        markUnknown(s, 'diagnosticSettings', `${d.address} declares no enabled_log/log block that oobguard can read`);
      }
    }
  }
}

function mergePrivateEndpoint(r: TfResource, ctx: AdaptContext): void {
  const conns = blocks(r.values['private_service_connection']);
  const label = str(r.values['name']) || r.address;
  conns.forEach((_, i) => {
    const path = `private_service_connection[${i}].private_connection_resource_id`;
    for (const [list, seg] of [[ctx.azure.postgres.flexibleServers, 'flexibleServers'], [ctx.azure.storage.accounts, 'storageAccounts']] as const) {
      const { hits } = resolve<PostgresFlexibleServer | StorageAccount>(r, path, list, seg, ctx);
      for (const o of hits) {
        if (!o.privateEndpoints.includes(label)) o.privateEndpoints.push(label);
        o.mergedFrom.push(r.address);
      }
    }
  });
}

// ---- Traffic Manager ------------------------------------------------------------------------

function parseRange(s: string): { min: number; max: number } {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+))?\s*$/.exec(s);
  if (!m) return { min: -1, max: -1 };
  return { min: Number(m[1]), max: Number(m[2] ?? m[1]) };
}

function tmProfile(r: TfResource, ctx: AdaptContext): TrafficManagerProfile {
  const v = r.values;
  const dns = blocks(v['dns_config'])[0] ?? {};
  const mon = blocks(v['monitor_config'])[0] ?? {};
  const relativeName = str(dns['relative_name']);
  const p: TrafficManagerProfile = {
    ...cloudBase(r, ctx, 'TrafficManagerProfile', str(v['name']) || r.address, resourceIdOf(r)),
    kind: 'TrafficManagerProfile',
    resourceGroup: str(v['resource_group_name']), subscriptionId: '',
    profileStatus: str(v['profile_status']) || 'Enabled', // default Enabled
    trafficRoutingMethod: str(v['traffic_routing_method']),
    dnsConfig: { relativeName, ttl: num(dns['ttl']), fqdn: (str(v['fqdn']) || (relativeName !== '' ? `${relativeName}.trafficmanager.net` : '')).toLowerCase() },
    monitorConfig: {
      protocol: str(mon['protocol']).toUpperCase(),
      port: num(mon['port']),
      path: str(mon['path']),
      intervalInSeconds: num(mon['interval_in_seconds']) ?? 30, // default 30
      timeoutInSeconds: num(mon['timeout_in_seconds']) ?? 10, // default 10
      toleratedNumberOfFailures: num(mon['tolerated_number_of_failures']) ?? 3, // default 3
      expectedStatusCodeRanges: strs(mon['expected_status_code_ranges']).map(parseRange),
    },
    endpoints: [],
  };
  applySubscription(p, r, ctx);
  track(p, 'profileStatus', r, 'profile_status');
  track(p, 'trafficRoutingMethod', r, 'traffic_routing_method');
  track(p, 'dnsConfig.ttl', r, 'dns_config[0].ttl');
  track(p, 'dnsConfig.relativeName', r, 'dns_config[0].relative_name');
  for (const [m, t] of [
    ['protocol', 'protocol'], ['port', 'port'], ['path', 'path'], ['intervalInSeconds', 'interval_in_seconds'],
    ['timeoutInSeconds', 'timeout_in_seconds'], ['toleratedNumberOfFailures', 'tolerated_number_of_failures'],
    ['expectedStatusCodeRanges', 'expected_status_code_ranges'],
  ] as const) track(p, `monitorConfig.${m}`, r, `monitor_config[0].${t}`);
  (p.origins ??= {})['endpoints'] = r.source;
  return p;
}

const ENDPOINT_TYPES: Record<string, string> = {
  azurerm_traffic_manager_external_endpoint: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints',
  azurerm_traffic_manager_azure_endpoint: 'Microsoft.Network/trafficManagerProfiles/azureEndpoints',
  azurerm_traffic_manager_nested_endpoint: 'Microsoft.Network/trafficManagerProfiles/nestedEndpoints',
};

/** Where an Azure endpoint's `target_resource_id` points: the FQDN (else IP) Azure will report as its target. */
function azureEndpointTarget(r: TfResource, ctx: AdaptContext): { target: string; why: string | null } {
  for (const ref of refsAt(r, 'target_resource_id')) {
    const t = ctx.byAddress.get(qualify(r, ref)) ?? ctx.byAddress.get(ref);
    if (!t) continue;
    const tv = t.values;
    if (t.type === 'azurerm_public_ip') {
      const fqdn = str(tv['fqdn']);
      const label = str(tv['domain_name_label']);
      const loc = normLocation(str(tv['location']));
      if (fqdn !== '') return { target: fqdn.toLowerCase().replace(/\.$/, ''), why: null };
      if (label !== '' && loc !== '' && !label.includes('${') && !loc.includes('${')) return { target: `${label}.${loc}.cloudapp.azure.com`.toLowerCase(), why: null };
      const ip = str(tv['ip_address']);
      if (ip !== '') return { target: ip, why: null };
      return { target: '', why: `${r.address}: the address of ${t.address} (no literal domain_name_label and location) is only known after apply` };
    }
    if (/^azurerm_(linux|windows)_web_app$/.test(t.type) || t.type === 'azurerm_app_service') {
      const host = str(tv['default_hostname']) || (str(tv['name']) !== '' && !str(tv['name']).includes('${') ? `${str(tv['name'])}.azurewebsites.net` : '');
      if (host !== '') return { target: host.toLowerCase(), why: null };
    }
    return { target: '', why: `${r.address}: the address of its target ${t.address} is not known statically` };
  }
  const v = r.values['target_resource_id'];
  return { target: '', why: `${r.address}: the address behind target_resource_id ${typeof v === 'string' && v !== '' ? v : '(not known statically)'} is not in the configuration` };
}

function mergeEndpoint(r: TfResource, ctx: AdaptContext): void {
  const profiles = ctx.azure.trafficManager.profiles;
  const { hits, unresolved } = resolve(r, 'profile_id', profiles, 'trafficManagerProfiles', ctx);
  if (unresolved !== null) {
    for (const p of profiles) markUnknown(p, 'endpoints', `${r.address} belongs to a profile that cannot be identified statically (profile_id: ${unresolved})`);
    return;
  }
  const v = r.values;
  const external = r.type === 'azurerm_traffic_manager_external_endpoint';
  const az = r.type === 'azurerm_traffic_manager_azure_endpoint' ? azureEndpointTarget(r, ctx) : null;
  for (const p of hits) {
    const i = p.endpoints.length;
    const e: TrafficManagerEndpoint = {
      name: str(v['name']) || r.address, address: r.address, type: ENDPOINT_TYPES[r.type]!,
      target: external ? str(v['target']).toLowerCase().replace(/\.$/, '') : az?.target ?? '',
      targetResourceId: external ? '' : idArg(r, 'target_resource_id'),
      priority: num(v['priority']),
      weight: num(v['weight']),
      endpointStatus: bool(v['enabled']) === false ? 'Disabled' : 'Enabled', // default true
      alwaysServe: enabled(bool(v['always_serve_enabled'])), // default false
      monitorStatus: '', // only the live API knows
    };
    p.endpoints.push(e);
    const base = `endpoints[${i}]`;
    (p.origins ??= {})[base] = r.source;
    if (i === 0) p.origins['endpoints'] = r.source;
    track(p, `${base}.target`, r, external ? 'target' : 'target_resource_id');
    if (!external) {
      if (az?.why) markUnknown(p, `${base}.target`, az.why);
      else clearUnknown(p, `${base}.target`);
    }
    track(p, `${base}.priority`, r, 'priority');
    if (e.priority === null && unknownAt(r, 'priority') === null) {
      markUnknown(p, `${base}.priority`, `${r.address} sets no priority: AzureRM 4.0 and later default it to 1, 3.x computes it in creation order`);
    }
    track(p, `${base}.endpointStatus`, r, 'enabled');
    track(p, `${base}.alwaysServe`, r, 'always_serve_enabled');
  }
}

// ---- DNS --------------------------------------------------------------------------------------

function dnsZone(r: TfResource, ctx: AdaptContext): DnsZone {
  const z: DnsZone = {
    ...cloudBase(r, ctx, 'DnsZone', str(r.values['name']).toLowerCase().replace(/\.$/, '') || r.address, resourceIdOf(r)),
    kind: 'DnsZone', resourceGroup: str(r.values['resource_group_name']), subscriptionId: '',
  };
  applySubscription(z, r, ctx);
  track(z, 'name', r, 'name');
  return z;
}

/** The Traffic Manager profile resource a reference argument names, if any. */
function trafficManagerRef(r: TfResource, path: string, ctx: AdaptContext): TfResource | null {
  for (const ref of refsAt(r, path)) {
    const t = ctx.byAddress.get(qualify(r, ref)) ?? ctx.byAddress.get(ref);
    if (t?.type === 'azurerm_traffic_manager_profile') return t;
  }
  return null;
}

function dnsRecord(r: TfResource, ctx: AdaptContext): DnsRecordSet {
  const v = r.values;
  const a = r.type === 'azurerm_dns_a_record';
  const relativeName = str(v['name']);
  const zoneName = str(v['zone_name']).toLowerCase().replace(/\.$/, '');
  const fqdn = relativeName === '' || zoneName === '' ? '' : (relativeName === '@' ? zoneName : `${relativeName}.${zoneName}`).toLowerCase();
  // `record = azurerm_traffic_manager_profile.x.fqdn` is `<relative_name>.trafficmanager.net`.
  const tmRecord = a ? null : trafficManagerRef(r, 'record', ctx);
  const tmRelative = tmRecord ? str(at(tmRecord.values, 'dns_config[0].relative_name')) : '';
  const derivedCname = tmRecord && unknownAt(r, 'record') !== null && tmRelative !== '' && unknownAt(tmRecord, 'dns_config[0].relative_name') === null ? `${tmRelative}.trafficmanager.net`.toLowerCase() : '';
  const cname = a ? '' : derivedCname || str(v['record']).toLowerCase().replace(/\.$/, '');
  const alias = idArg(r, 'target_resource_id');
  const tmByValue = /\.trafficmanager\.net$/.test(cname) || /\/trafficmanagerprofiles\//i.test(alias);
  const tmByRef = tmRecord !== null || trafficManagerRef(r, 'target_resource_id', ctx) !== null;
  const rec: DnsRecordSet = {
    ...cloudBase(r, ctx, 'DnsRecordSet', fqdn || r.address, resourceIdOf(r)),
    kind: 'DnsRecordSet', recordType: a ? 'A' : 'CNAME', relativeName, zoneName,
    resourceGroup: str(v['resource_group_name']), subscriptionId: '', fqdn,
    ttl: num(v['ttl']),
    aRecords: a ? strs(v['records']).map((ip) => ({ ipv4Address: ip })) : [],
    cnameRecord: a || (cname === '' && unknownAt(r, 'record') === null && refsAt(r, 'record').length === 0) ? null : { cname },
    targetResource: alias !== '' ? { id: alias } : null,
    servedByTrafficManager: tmByValue || tmByRef,
  };
  applySubscription(rec, r, ctx);
  origin(rec, 'fqdn', r, 'name');
  for (const p of ['name', 'zone_name']) {
    const why = unknownAt(r, p);
    if (why !== null) markUnknown(rec, 'fqdn', `${r.address}.${p}: ${why}`);
  }
  track(rec, 'ttl', r, 'ttl');
  if (a) track(rec, 'aRecords', r, 'records');
  else {
    track(rec, 'cnameRecord', r, 'record');
    if (derivedCname !== '') clearUnknown(rec, 'cnameRecord');
  }
  trackId(rec, 'targetResource', r, 'target_resource_id');
  origin(rec, 'servedByTrafficManager', r, a ? 'target_resource_id' : 'record');
  if (!rec.servedByTrafficManager) {
    const why = (a ? null : unknownAt(r, 'record')) ?? (alias === '' ? unknownAt(r, 'target_resource_id') : null);
    if (why !== null) markUnknown(rec, 'servedByTrafficManager', `${r.address}: its target is not known statically (${why})`);
  }
  return rec;
}

// ---- storage-account split-out resources --------------------------------------------------

const STORAGE_FIELD: Record<string, string> = {
  azurerm_storage_container: 'containers',
  azurerm_storage_management_policy: 'managementPolicy',
  azurerm_storage_object_replication: 'objectReplicationPolicies',
  azurerm_storage_account_customer_managed_key: 'encryption',
  azurerm_storage_account_network_rules: 'networkDefaultAction',
};

function accountsFor(r: TfResource, ctx: AdaptContext): Resolution<StorageAccount> {
  const accounts = ctx.azure.storage.accounts;
  // Containers: `storage_account_name` (3.x, deprecated in 4.x, removed in 5.0) or
  // `storage_account_id` (4.x/5.x); the other split-out resources take the id.
  const set = (p: string): boolean => (r.values[p] !== undefined && r.values[p] !== null) || r.unknown[p] !== undefined || refsAt(r, p).length > 0;
  if (!set('storage_account_id') && set('storage_account_name')) return resolve(r, 'storage_account_name', accounts, '', ctx, true);
  return resolve(r, 'storage_account_id', accounts, 'storageAccounts', ctx);
}

function storageSplitOut(r: TfResource, ctx: AdaptContext, containerIndex: Map<string, { sa: StorageAccount; i: number }>): void {
  const accounts = ctx.azure.storage.accounts;
  if (accounts.length === 0) return;
  if (r.type === 'azurerm_storage_object_replication') return mergeObjectReplication(r, ctx);
  const { hits, unresolved } = accountsFor(r, ctx);
  if (unresolved !== null) {
    for (const sa of accounts) markUnknown(sa, STORAGE_FIELD[r.type]!, `${r.address} configures a storage account that cannot be identified statically (${unresolved})`);
    return;
  }
  const v = r.values;
  for (const sa of hits) {
    sa.mergedFrom.push(r.address);
    switch (r.type) {
      case 'azurerm_storage_container': {
        const access = str(v['container_access_type']).toLowerCase() || 'private'; // default private
        const i = sa.containers.length;
        sa.containers.push({
          name: str(v['name']) || r.address, address: r.address,
          publicAccess: access === 'blob' ? 'Blob' : access === 'container' ? 'Container' : 'None',
          immutabilityPolicy: null,
        });
        containerIndex.set(r.address, { sa, i });
        (sa.origins ??= {})[`containers[${i}]`] = r.source;
        // A finding about the containers points at the first public one (else the first one).
        if (i === 0 || (access !== 'private' && !sa.containers.slice(0, i).some((c) => c.publicAccess !== 'None'))) sa.origins['containers'] = lineOf(r, 'container_access_type');
        track(sa, `containers[${i}].publicAccess`, r, 'container_access_type');
        break;
      }
      case 'azurerm_storage_management_policy': {
        sa.managementPolicy = {
          rules: blocks(v['rule']).map((rule) => {
            const act = blocks(rule['actions'])[0] ?? {};
            const days = (b: string, k: string): number => num(at(act, `${b}[0].${k}`)) ?? -1;
            return {
              name: str(rule['name']), enabled: bool(rule['enabled']) !== false,
              prefixMatch: strs(at(rule, 'filters[0].prefix_match')),
              baseBlobDeleteAfterDays: Math.max(days('base_blob', 'delete_after_days_since_modification_greater_than'), days('base_blob', 'delete_after_days_since_creation_greater_than'), days('base_blob', 'delete_after_days_since_last_access_time_greater_than')),
              versionDeleteAfterDays: days('version', 'delete_after_days_since_creation'),
              snapshotDeleteAfterDays: days('snapshot', 'delete_after_days_since_creation_greater_than'),
            };
          }),
        };
        track(sa, 'managementPolicy', r, 'rule');
        break;
      }
      case 'azurerm_storage_account_customer_managed_key': {
        // 5.x: key_vault_key_id only; 3.x/4.x: key_name + key_vault_id / key_vault_uri, or managed_hsm_key_id.
        const key = either(v, 'key_vault_key_id', 'managed_hsm_key_id', 'key_vault_uri', 'key_vault_id');
        sa.encryption = { keySource: 'Microsoft.Keyvault', keyVaultKeyId: idArg(r, key.path) };
        clearUnknown(sa, 'encryption');
        trackId(sa, 'encryption.keyVaultKeyId', r, key.path);
        origin(sa, 'encryption', r, key.path);
        break;
      }
      case 'azurerm_storage_account_network_rules': {
        sa.networkDefaultAction = str(v['default_action']);
        clearUnknown(sa, 'networkDefaultAction');
        track(sa, 'networkDefaultAction', r, 'default_action');
        break;
      }
    }
  }
}

function mergeContainerImmutability(r: TfResource, ctx: AdaptContext, containerIndex: Map<string, { sa: StorageAccount; i: number }>): void {
  const accounts = ctx.azure.storage.accounts;
  if (accounts.length === 0) return;
  const path = 'storage_container_resource_manager_id';
  const hits: { sa: StorageAccount; i: number }[] = [];
  for (const ref of refsAt(r, path)) {
    const hit = containerIndex.get(qualify(r, ref)) ?? containerIndex.get(ref);
    if (hit) hits.push(hit);
  }
  const v = r.values[path];
  if (hits.length === 0 && typeof v === 'string' && v.startsWith('/')) {
    const acct = nameAfter(v, 'storageAccounts').toLowerCase();
    const cont = nameAfter(v, 'containers').toLowerCase();
    for (const sa of accounts) {
      if (sa.name.toLowerCase() !== acct) continue;
      const i = sa.containers.findIndex((c) => c.name.toLowerCase() === cont);
      if (i >= 0) hits.push({ sa, i });
    }
  } else if (hits.length === 0 && refsAt(r, path).length === 0) {
    for (const sa of accounts) markUnknown(sa, 'containers', `${r.address} sets an immutability policy on a container that cannot be identified statically (${unknownAt(r, path) ?? 'not set'})`);
    return;
  }
  for (const { sa, i } of hits) {
    const c = sa.containers[i]!;
    c.immutabilityPolicy = { periodDays: num(r.values['immutability_period_in_days']), state: bool(r.values['locked']) === true ? 'Locked' : 'Unlocked' };
    sa.mergedFrom.push(r.address);
    track(sa, `containers[${i}].immutabilityPolicy`, r, 'immutability_period_in_days');
    const why = unknownAt(r, 'locked');
    if (why !== null) markUnknown(sa, `containers[${i}].immutabilityPolicy`, `${r.address}.locked: ${why}`);
  }
}

function mergeObjectReplication(r: TfResource, ctx: AdaptContext): void {
  const accounts = ctx.azure.storage.accounts;
  const src = resolve(r, 'source_storage_account_id', accounts, 'storageAccounts', ctx);
  const dst = resolve(r, 'destination_storage_account_id', accounts, 'storageAccounts', ctx);
  if (src.unresolved !== null) {
    for (const sa of accounts) markUnknown(sa, 'objectReplicationPolicies', `${r.address} replicates from a storage account that cannot be identified statically (${src.unresolved})`);
    return;
  }
  const srcAccount = src.hits[0] ?? null;
  const dstAccount = dst.hits[0] ?? null;
  const dstName = dstAccount?.name ?? nameAfter(str(r.values['destination_storage_account_id']), 'storageAccounts');
  const policy = {
    address: r.address,
    sourceAccount: src.hits[0]?.name ?? nameAfter(str(r.values['source_storage_account_id']), 'storageAccounts'),
    destinationAccount: dstName,
    sourceLocation: srcAccount ? normLocation(srcAccount.location) : '',
    destinationLocation: dstAccount ? normLocation(dstAccount.location) : '',
    rules: blocks(r.values['rules']).map((x) => ({ sourceContainer: str(x['source_container_name']), destinationContainer: str(x['destination_container_name']) })),
  };
  for (const sa of [...src.hits, ...dst.hits]) {
    const i = sa.objectReplicationPolicies.length;
    sa.objectReplicationPolicies.push(policy);
    sa.mergedFrom.push(r.address);
    (sa.origins ??= {})[`objectReplicationPolicies[${i}]`] = r.source;
    const why = !dstAccount
      ? `${r.address}: the destination account ${dstName || '(not known statically)'} is not among the inputs, so its region is not known`
      : dstAccount.unknown?.['location'] !== undefined || policy.destinationLocation === ''
        ? `${r.address}: the location of the destination ${dstAccount.address} is not known statically`
        : null;
    if (why !== null) markUnknown(sa, `objectReplicationPolicies[${i}].destinationLocation`, why);
    if (srcAccount && (srcAccount.unknown?.['location'] !== undefined || policy.sourceLocation === '')) {
      markUnknown(sa, `objectReplicationPolicies[${i}].sourceLocation`, `${r.address}: the location of the source ${srcAccount.address} is not known statically`);
    }
  }
}

// ---- the adapter ----------------------------------------------------------------------------

const mappers: Record<string, Mapper> = {
  azurerm_postgresql_flexible_server: (r, ctx) => { ctx.azure.postgres.flexibleServers.push(pgServer(r, ctx)); },
  azurerm_traffic_manager_profile: (r, ctx) => { ctx.azure.trafficManager.profiles.push(tmProfile(r, ctx)); },
  azurerm_dns_zone: (r, ctx) => { ctx.azure.dns.zones.push(dnsZone(r, ctx)); },
  azurerm_dns_a_record: (r, ctx) => { ctx.azure.dns.records.push(dnsRecord(r, ctx)); },
  azurerm_dns_cname_record: (r, ctx) => { ctx.azure.dns.records.push(dnsRecord(r, ctx)); },
};

export const azureDataAdapter: ProviderAdapter = {
  mappers,
  finish: (resources, ctx) => {
    const managed = resources.filter((r) => r.mode === 'managed');
    const containerIndex = new Map<string, { sa: StorageAccount; i: number }>();
    // Containers first: their immutability policies join onto them.
    for (const r of managed) if (r.type === 'azurerm_storage_container') storageSplitOut(r, ctx, containerIndex);
    joinDiagnosticSettings(ctx);
    for (const r of managed) {
      if (r.type in STORAGE_FIELD && r.type !== 'azurerm_storage_container') storageSplitOut(r, ctx, containerIndex);
      else if (r.type === 'azurerm_storage_container_immutability_policy') mergeContainerImmutability(r, ctx, containerIndex);
      else if (r.type === 'azurerm_postgresql_flexible_server_configuration') mergePgConfiguration(r, ctx);
      else if (r.type === 'azurerm_private_endpoint') mergePrivateEndpoint(r, ctx);
      else if (r.type in ENDPOINT_TYPES) mergeEndpoint(r, ctx);
    }
  },
};
