// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  setUnknown,
  splitPath
} from "./chunk-2VD4TAJ7.mjs";

// src/model/aws-data.ts
function emptyAwsData() {
  return {
    rds: { clusters: [], instances: [], clusterParameterGroups: [], globalClusters: [] },
    route53: { zones: [], records: [], healthChecks: [] },
    cloudtrail: { trails: [] },
    kms: { keys: [] },
    wafv2: { webAcls: [] },
    elbv2: { loadBalancers: [] },
    backup: { plans: [] }
  };
}

// src/model/aws-identity.ts
function emptyAwsIdentity() {
  return {
    iam: { roles: [], policies: [], oidcProviders: [], users: [], accountSummaries: [] },
    eks: { clusters: [], addons: [], nodeGroups: [], accessEntries: [], accessPolicyAssociations: [] },
    ec2: { launchTemplates: [], vpcPeerings: [], transitGatewayAttachments: [] },
    accountReferences: []
  };
}

// src/model/aws.ts
function emptyAws() {
  return { providers: [], s3: { buckets: [] }, ...emptyAwsData(), ...emptyAwsIdentity() };
}

// src/model/azure-data.ts
function emptyAzureData() {
  return { postgres: { flexibleServers: [] }, trafficManager: { profiles: [] }, dns: { zones: [], records: [] } };
}

// src/model/entra.ts
function emptyEntra() {
  return { conditionalAccessPolicies: [], organizations: [], users: [], applications: [], userRegistrationDetails: [] };
}

// src/model/azure-compute.ts
function emptyAzureCompute() {
  return {
    subscriptions: [],
    aks: { clusters: [], agentPools: [] },
    identity: { userAssigned: [], federatedCredentials: [] },
    authorization: { roleAssignments: [] },
    keyVaults: { vaults: [], keys: [] },
    network: { vnetPeerings: [] },
    monitor: { diagnosticSettings: [] },
    waf: { policies: [] },
    entra: emptyEntra()
  };
}

// src/model/azure.ts
function emptyAzure() {
  return { providers: [], storage: { accounts: [] }, ...emptyAzureCompute(), ...emptyAzureData() };
}

// src/collectors/terraform/adapt.ts
function adaptTerraform(c, adapters, origin2) {
  const ctx = { aws: emptyAws(), azure: emptyAzure(), diagnostics: [], origin: origin2, byAddress: new Map(c.resources.map((r) => [r.address, r])) };
  for (const a of adapters) a.providers?.(c, ctx);
  for (const r of c.resources) {
    const key = r.mode === "data" ? `data.${r.type}` : r.type;
    for (const a of adapters) a.mappers[key]?.(r, ctx);
  }
  for (const a of adapters) a.finish?.(c.resources, ctx);
  return { aws: ctx.aws, azure: ctx.azure, diagnostics: ctx.diagnostics };
}
function inheritedProvider(providers, key) {
  for (let k = key; k !== void 0; k = /^module\.[^.]+\.(.+)$/.exec(k)?.[1]) {
    const hit = providers.find((p) => p.providerKey === k);
    if (hit) return hit;
  }
  return void 0;
}
function at(values, path) {
  let cur = values;
  for (const seg of splitPath(path)) {
    if (cur === null || cur === void 0 || typeof cur !== "object") return void 0;
    cur = cur[seg];
  }
  return cur;
}
function str(v) {
  return typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}
function bool(v) {
  return typeof v === "boolean" ? v : v === "true" ? true : v === "false" ? false : null;
}
function num(v) {
  return typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Number(v) : null;
}
function strs(v) {
  return Array.isArray(v) ? v.map((x) => str(x)).filter((x) => x !== "") : typeof v === "string" && v !== "" ? [v] : [];
}
function blocks(v) {
  if (Array.isArray(v)) return v.filter((x) => x !== null && typeof x === "object" && !Array.isArray(x));
  return v !== null && typeof v === "object" && v !== void 0 ? [v] : [];
}
function either(values, ...paths) {
  for (const p of paths) {
    const v = at(values, p);
    if (v !== void 0 && v !== null) return { value: v, path: p };
  }
  return { value: void 0, path: paths[0] };
}
function unknownAt(r, path) {
  for (const [p, why] of Object.entries(r.unknown)) {
    if (p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`) || path.startsWith(`${p}.`) || path.startsWith(`${p}[`)) return why;
  }
  return null;
}
function lineOf(r, path) {
  let p = path;
  for (; ; ) {
    const l = r.lines[p];
    if (l !== void 0) return { ...r.source, line: l };
    const cut = Math.max(p.lastIndexOf("."), p.lastIndexOf("["));
    if (cut <= 0) return r.source;
    p = p.slice(0, cut);
  }
}
function cloudBase(r, ctx, kind, name2, resourceId) {
  const tags = {};
  const t = r.values["tags"];
  if (t && typeof t === "object" && !Array.isArray(t)) for (const [k, v] of Object.entries(t)) tags[k] = str(v);
  return {
    id: `tf/${r.address}`,
    kind,
    name: name2,
    source: r.source,
    address: r.address,
    resourceId,
    providerKey: r.provider,
    origin: ctx.origin,
    module: r.module,
    tags
  };
}
function track(o, modelPath, r, tfPath) {
  (o.origins ??= {})[modelPath] = lineOf(r, tfPath);
  const why = unknownAt(r, tfPath);
  if (why !== null) (o.unknown ??= {})[modelPath] = `${r.address}.${tfPath}: ${why}`;
}

// src/collectors/terraform/azure-compute.ts
function pick(r, ...paths) {
  for (const p of paths) {
    const v = at(r.values, p);
    if (v !== void 0 && v !== null) return { value: v, path: p };
    if (unknownAt(r, p) !== null) return { value: void 0, path: p };
  }
  return { value: void 0, path: paths[0] };
}
function boolAt(o, model, r, dflt, ...paths) {
  const p = pick(r, ...paths);
  track(o, model, r, p.path);
  return bool(p.value) ?? dflt;
}
function strAt(o, model, r, dflt, ...paths) {
  const p = pick(r, ...paths);
  track(o, model, r, p.path);
  return str(p.value) || dflt;
}
function origin(o, model, r, path) {
  (o.origins ??= {})[model] = lineOf(r, path);
}
function computed(o, model, r, path) {
  const v = str(at(r.values, path));
  track(o, model, r, path);
  if (v === "" && unknownAt(r, path) === null) setUnknown(o, model, `${r.address}.${path} is computed by Azure (known after apply)`);
  return v;
}
function isSet(r, path) {
  const v = at(r.values, path);
  if (v !== void 0 && v !== null && v !== "") return true;
  if (unknownAt(r, path) === null) return false;
  return refsAt(r, path).length > 0 ? true : null;
}
function refsAt(r, path) {
  const out = [];
  for (const [p, addrs] of Object.entries(r.refs)) {
    const hit = p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`) || path.startsWith(`${p}.`) || path.startsWith(`${p}[`);
    if (!hit) continue;
    for (const a of addrs) {
      if (a.startsWith("var.") || a.startsWith("local.") || a.startsWith("each.") || a.startsWith("count.") || a.startsWith("path.")) continue;
      out.push(r.module !== "" && !a.startsWith("module.") ? `${r.module}.${a}` : a);
    }
  }
  return [...new Set(out)];
}
function resolve(ctx, addr) {
  const exact = ctx.byAddress.get(addr);
  if (exact) return exact;
  const bare = addr.replace(/\[[^\]]*\]$/, "");
  const b = ctx.byAddress.get(bare);
  if (b) return b;
  for (const [k, r] of ctx.byAddress) if (k.startsWith(`${bare}[`)) return r;
  return void 0;
}
function refResources(r, path, ctx, types) {
  const out = [];
  for (const a of refsAt(r, path)) {
    const t = resolve(ctx, a);
    if (t && (!types || types.includes(t.type))) out.push(t);
  }
  return out;
}
function refAddress(r, path, type) {
  return refsAt(r, path).find((a) => a.replace(/^(?:module\.[^.]+\.)+/, "").startsWith(`${type}.`)) ?? "";
}
function subscriptionOf(r, ctx) {
  const s = inheritedProvider(ctx.azure.providers, r.provider);
  if (!s) return { why: `${r.address} uses provider ${r.provider}, whose configuration is not among the inputs` };
  if (s.unknown?.["subscriptionId"]) return { why: s.unknown["subscriptionId"] };
  if (s.subscriptionId === "") return { why: `provider ${s.providerKey} does not set subscription_id (it comes from the environment at run time)` };
  return { id: s.subscriptionId };
}
var SUB_IN_ID = /^\/subscriptions\/([^/]+)/i;
function eqId(a, b) {
  return a !== "" && b !== "" && a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
}
function name(r) {
  return str(r.values["name"]) || r.address;
}
function base(r, ctx, kind, resourceId) {
  return { ...cloudBase(r, ctx, kind, name(r), resourceId), kind };
}
function armId(r, ctx, type) {
  const id = str(r.values["id"]);
  if (id.startsWith("/subscriptions/")) return id;
  const sub = subscriptionOf(r, ctx);
  const rg = str(r.values["resource_group_name"]);
  const n = str(r.values["name"]);
  if (!("id" in sub) || rg === "" || n === "" || rg.includes("${") || n.includes("${")) return "";
  return `/subscriptions/${sub.id}/resourceGroups/${rg}/providers/${type}/${n}`;
}
var AZURERM_3X_ONLY = [
  "api_server_authorized_ip_ranges",
  "automatic_channel_upgrade",
  "node_os_channel_upgrade",
  "public_network_access_enabled",
  "default_node_pool[0].enable_host_encryption",
  "default_node_pool[0].enable_node_public_ip",
  "default_node_pool[0].enable_auto_scaling",
  "azure_active_directory_role_based_access_control[0].managed"
];
var CRITICAL_ADDONS_TAINT = "CriticalAddonsOnly=true:NoSchedule";
function agentPool(r, ctx, prefix, o) {
  const at0 = (p) => prefix === "" ? p : `${prefix}.${p}`;
  const block = prefix === "" ? r.values : blocks(at(r.values, prefix))[0] ?? {};
  const pool = {
    ...cloudBase(r, ctx, "AksAgentPool", str(block["name"]) || o.address, ""),
    id: o.id,
    address: o.address,
    kind: "AksAgentPool",
    source: lineOf(r, prefix),
    clusterName: o.clusterName,
    clusterAddress: o.clusterAddress,
    mode: o.mode,
    osType: o.osType,
    osSKU: "",
    enableEncryptionAtHost: false,
    enableNodePublicIP: false,
    nodeTaints: [],
    vmSize: str(block["vm_size"])
  };
  pool.osSKU = strAt(pool, "osSKU", r, o.osType === "Windows" ? "Windows2019" : "Ubuntu", at0("os_sku"));
  pool.enableEncryptionAtHost = boolAt(pool, "enableEncryptionAtHost", r, false, at0("host_encryption_enabled"), at0("enable_host_encryption"));
  pool.enableNodePublicIP = boolAt(pool, "enableNodePublicIP", r, false, at0("node_public_ip_enabled"), at0("enable_node_public_ip"));
  pool.nodeTaints = strs(block["node_taints"]);
  track(pool, "nodeTaints", r, at0("node_taints"));
  if (bool(block["only_critical_addons_enabled"]) === true) pool.nodeTaints.push(CRITICAL_ADDONS_TAINT);
  const crit = unknownAt(r, at0("only_critical_addons_enabled"));
  if (crit !== null) setUnknown(pool, "nodeTaints", `${r.address}.${at0("only_critical_addons_enabled")}: ${crit}`);
  else if (block["only_critical_addons_enabled"] !== void 0) (pool.origins ??= {})["nodeTaints"] = lineOf(r, at0("only_critical_addons_enabled"));
  return pool;
}
function poolSummary(p) {
  return { name: p.name, mode: p.mode, osSKU: p.osSKU, enableEncryptionAtHost: p.enableEncryptionAtHost, enableNodePublicIP: p.enableNodePublicIP, nodeTaints: p.nodeTaints };
}
function aksCluster(r, ctx) {
  const v = r.values;
  const c = base(r, ctx, "AksCluster", armId(r, ctx, "Microsoft.ContainerService/managedClusters"));
  const is3x = AZURERM_3X_ONLY.some((p) => at(v, p) !== void 0);
  c.resourceGroup = str(v["resource_group_name"]);
  c.location = str(v["location"]);
  c.kubernetesVersion = str(v["kubernetes_version"]);
  c.skuTier = strAt(c, "skuTier", r, "Free", "sku_tier");
  if (c.skuTier === "Paid") c.skuTier = "Standard";
  c.enableRBAC = boolAt(c, "enableRBAC", r, true, "role_based_access_control_enabled");
  c.disableLocalAccounts = boolAt(c, "disableLocalAccounts", r, false, "local_account_disabled");
  const aad = blocks(v["azure_active_directory_role_based_access_control"])[0];
  origin(c, "aadProfile", r, "azure_active_directory_role_based_access_control[0]");
  if (aad) {
    const aadPath = "azure_active_directory_role_based_access_control[0]";
    const legacyApps = str(aad["server_app_id"]) !== "" || str(aad["client_app_id"]) !== "";
    const managed2 = bool(aad["managed"]) ?? !legacyApps;
    c.aadProfile = { managed: managed2, enableAzureRBAC: false, tenantID: "", adminGroupObjectIDs: strs(aad["admin_group_object_ids"]) };
    track(c, "aadProfile.managed", r, `${aadPath}.managed`);
    c.aadProfile.enableAzureRBAC = boolAt(c, "aadProfile.enableAzureRBAC", r, false, `${aadPath}.azure_rbac_enabled`);
    track(c, "aadProfile.adminGroupObjectIDs", r, `${aadPath}.admin_group_object_ids`);
    const tenant = pick(r, `${aadPath}.tenant_id`);
    track(c, "aadProfile.tenantID", r, tenant.path);
    if (str(tenant.value) !== "" || unknownAt(r, tenant.path) !== null) c.aadProfile.tenantID = str(tenant.value);
    else {
      const s = inheritedProvider(ctx.azure.providers, r.provider);
      if (s && !s.unknown?.["tenantId"] && s.tenantId !== "") c.aadProfile.tenantID = s.tenantId;
      else setUnknown(c, "aadProfile.tenantID", `${r.address}: azure_active_directory_role_based_access_control sets no tenant_id, so AKS uses the tenant of the subscription, which ${s ? `provider ${s.providerKey}` : "no provider block among the inputs"} does not pin${s?.unknown?.["tenantId"] ? ` (${s.unknown["tenantId"]})` : ""}`);
    }
  } else c.aadProfile = null;
  const ranges = pick(r, "api_server_access_profile[0].authorized_ip_ranges", "api_server_authorized_ip_ranges");
  c.apiServerAccessProfile = { authorizedIPRanges: strs(ranges.value), enablePrivateCluster: false, enablePrivateClusterPublicFQDN: false, disableRunCommand: false, enableVnetIntegration: false };
  track(c, "apiServerAccessProfile.authorizedIPRanges", r, ranges.path);
  c.apiServerAccessProfile.enablePrivateCluster = boolAt(c, "apiServerAccessProfile.enablePrivateCluster", r, false, "private_cluster_enabled");
  c.apiServerAccessProfile.enablePrivateClusterPublicFQDN = boolAt(c, "apiServerAccessProfile.enablePrivateClusterPublicFQDN", r, false, "private_cluster_public_fqdn_enabled");
  c.apiServerAccessProfile.disableRunCommand = !boolAt(c, "apiServerAccessProfile.disableRunCommand", r, true, "run_command_enabled");
  c.apiServerAccessProfile.enableVnetIntegration = boolAt(
    c,
    "apiServerAccessProfile.enableVnetIntegration",
    r,
    false,
    "api_server_access_profile[0].virtual_network_integration_enabled",
    "api_server_access_profile[0].vnet_integration_enabled"
  );
  const oidc = pick(r, "oidc_issuer_enabled");
  track(c, "oidcIssuerProfile.enabled", r, oidc.path);
  c.oidcIssuerProfile = { enabled: bool(oidc.value) ?? false, issuerURL: "" };
  if (oidc.value === void 0 && unknownAt(r, oidc.path) === null && !is3x) {
    setUnknown(c, "oidcIssuerProfile.enabled", `${r.address} does not set oidc_issuer_enabled: it defaults to false before AzureRM 5.0 and to true from 5.0 on, and the provider version is not among the inputs`);
  }
  c.oidcIssuerProfile.issuerURL = computed(c, "oidcIssuerProfile.issuerURL", r, "oidc_issuer_url");
  const kms = blocks(v["key_management_service"])[0];
  c.securityProfile = {
    // workload_identity_enabled: default false.
    workloadIdentity: { enabled: boolAt(c, "securityProfile.workloadIdentity.enabled", r, false, "workload_identity_enabled") },
    azureKeyVaultKms: {
      enabled: kms !== void 0,
      keyId: kms ? str(kms["key_vault_key_id"]) : "",
      // key_vault_network_access: default Public.
      keyVaultNetworkAccess: kms ? str(kms["key_vault_network_access"]) || "Public" : "",
      keyAddress: refAddress(r, "key_management_service[0].key_vault_key_id", "azurerm_key_vault_key")
    },
    defender: { logAnalyticsWorkspaceResourceId: str(at(v, "microsoft_defender[0].log_analytics_workspace_id")), securityMonitoring: { enabled: blocks(v["microsoft_defender"]).length > 0 } }
  };
  origin(c, "securityProfile.azureKeyVaultKms", r, "key_management_service[0]");
  track(c, "securityProfile.azureKeyVaultKms.keyId", r, "key_management_service[0].key_vault_key_id");
  track(c, "securityProfile.azureKeyVaultKms.keyVaultNetworkAccess", r, "key_management_service[0].key_vault_network_access");
  origin(c, "securityProfile.defender", r, "microsoft_defender[0]");
  const np = blocks(v["network_profile"])[0];
  origin(c, "networkProfile", r, "network_profile[0]");
  c.networkProfile = {
    // "If network_profile is not defined, kubenet profile will be used by default."
    networkPlugin: np ? str(np["network_plugin"]) : "kubenet",
    // network_policy absent = no network policy engine.
    networkPolicy: np ? str(np["network_policy"]) : "",
    // network_data_plane: default azure.
    networkDataPlane: np ? str(np["network_data_plane"]) || "azure" : "azure",
    networkPluginMode: np ? str(np["network_plugin_mode"]) : "",
    // outbound_type: default loadBalancer.
    outboundType: np ? str(np["outbound_type"]) || "loadBalancer" : "loadBalancer"
  };
  track(c, "networkProfile.networkPolicy", r, "network_profile[0].network_policy");
  track(c, "networkProfile.networkPlugin", r, "network_profile[0].network_plugin");
  c.autoUpgradeProfile = {
    // automatic_upgrade_channel (4.x+) / automatic_channel_upgrade (3.x): "Omitting this field sets this value to none."
    upgradeChannel: strAt(c, "autoUpgradeProfile.upgradeChannel", r, "none", "automatic_upgrade_channel", "automatic_channel_upgrade"),
    // node_os_upgrade_channel (4.x+) / node_os_channel_upgrade (3.x): default NodeImage.
    nodeOSUpgradeChannel: strAt(c, "autoUpgradeProfile.nodeOSUpgradeChannel", r, "NodeImage", "node_os_upgrade_channel", "node_os_channel_upgrade")
  };
  const oms = blocks(v["oms_agent"])[0];
  const kvsp = blocks(v["key_vault_secrets_provider"])[0];
  c.addonProfiles = {
    omsagent: { enabled: oms !== void 0, config: { logAnalyticsWorkspaceResourceID: oms ? str(oms["log_analytics_workspace_id"]) : "" } },
    azureKeyvaultSecretsProvider: {
      enabled: kvsp !== void 0,
      // secret_rotation_enabled: the API default is off; secret_rotation_interval: default 2m.
      config: { enableSecretRotation: kvsp ? String(bool(kvsp["secret_rotation_enabled"]) ?? false) : "false", rotationPollInterval: kvsp ? str(kvsp["secret_rotation_interval"]) || "2m" : "" }
    },
    azurepolicy: { enabled: false }
  };
  origin(c, "addonProfiles.omsagent", r, "oms_agent[0]");
  origin(c, "addonProfiles.azureKeyvaultSecretsProvider", r, "key_vault_secrets_provider[0]");
  track(c, "addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation", r, "key_vault_secrets_provider[0].secret_rotation_enabled");
  c.addonProfiles.azurepolicy.enabled = boolAt(c, "addonProfiles.azurepolicy.enabled", r, false, "azure_policy_enabled");
  const pool = agentPool(r, ctx, "default_node_pool[0]", {
    id: `tf/${r.address}/default_node_pool`,
    address: r.address,
    mode: "System",
    clusterName: c.name,
    clusterAddress: r.address,
    osType: "Linux"
  });
  c.agentPoolProfiles = [poolSummary(pool)];
  (c.origins ??= {})["agentPoolProfiles"] = lineOf(r, "default_node_pool[0]");
  c.diagnosticSettings = [];
  ctx.azure.aks.clusters.push(c);
  ctx.azure.aks.agentPools.push(pool);
}
function aksNodePool(r, ctx) {
  const osType = str(r.values["os_type"]) || "Linux";
  const mode = str(r.values["mode"]) || "User";
  const pool = agentPool(r, ctx, "", { id: `tf/${r.address}`, address: r.address, mode, clusterName: "", clusterAddress: "", osType });
  pool.resourceId = str(r.values["id"]);
  ctx.azure.aks.agentPools.push(pool);
}
function userAssignedIdentity(r, ctx) {
  const i = base(r, ctx, "UserAssignedIdentity", armId(r, ctx, "Microsoft.ManagedIdentity/userAssignedIdentities"));
  i.resourceGroup = str(r.values["resource_group_name"]);
  i.location = str(r.values["location"]);
  i.clientId = computed(i, "clientId", r, "client_id");
  i.principalId = computed(i, "principalId", r, "principal_id");
  i.tenantId = computed(i, "tenantId", r, "tenant_id");
  i.federatedCredentials = [];
  ctx.azure.identity.userAssigned.push(i);
}
var SA_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;
function federatedCredential(r, ctx) {
  const f = base(r, ctx, "FederatedIdentityCredential", str(r.values["id"]));
  f.issuer = strAt(f, "issuer", r, "", "issuer");
  f.subject = strAt(f, "subject", r, "", "subject");
  f.audiences = strs(r.values["audience"]);
  track(f, "audiences", r, "audience");
  const parent = pick(r, "user_assigned_identity_id", "parent_id");
  f.parentId = str(parent.value);
  track(f, "parentId", r, parent.path);
  f.parentAddress = refAddress(r, parent.path, "azurerm_user_assigned_identity");
  const sa = SA_SUBJECT.exec(f.subject);
  f.serviceAccountNamespace = sa?.[1] ?? "";
  f.serviceAccountName = sa?.[2] ?? "";
  track(f, "serviceAccountNamespace", r, "subject");
  track(f, "serviceAccountName", r, "subject");
  f.identityClientId = "";
  f.issuerCluster = "";
  (f.origins ??= {})["identityClientId"] = lineOf(r, parent.path);
  (f.origins ??= {})["issuerCluster"] = lineOf(r, "issuer");
  ctx.azure.identity.federatedCredentials.push(f);
}
var BUILTIN_ROLES = {
  "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
  "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
  "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
  "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
  "acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
  "ba92f5b4-2d11-453d-a403-e96b0029c9fe": "Storage Blob Data Contributor",
  "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": "Storage Blob Data Owner",
  "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": "Storage Blob Data Reader",
  "4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User"
};
var TF_SCOPE_TYPES = {
  azurerm_resource_group: { scopeType: "resourceGroup", resourceType: "" },
  azurerm_subscription: { scopeType: "subscription", resourceType: "" },
  azurerm_management_group: { scopeType: "managementGroup", resourceType: "" },
  azurerm_storage_account: { scopeType: "resource", resourceType: "Microsoft.Storage/storageAccounts" },
  azurerm_storage_container: { scopeType: "resource", resourceType: "Microsoft.Storage/storageAccounts/blobServices/containers" },
  azurerm_storage_share: { scopeType: "resource", resourceType: "Microsoft.Storage/storageAccounts/fileServices/shares" },
  azurerm_key_vault: { scopeType: "resource", resourceType: "Microsoft.KeyVault/vaults" },
  azurerm_kubernetes_cluster: { scopeType: "resource", resourceType: "Microsoft.ContainerService/managedClusters" },
  azurerm_user_assigned_identity: { scopeType: "resource", resourceType: "Microsoft.ManagedIdentity/userAssignedIdentities" },
  azurerm_container_registry: { scopeType: "resource", resourceType: "Microsoft.ContainerRegistry/registries" },
  azurerm_postgresql_flexible_server: { scopeType: "resource", resourceType: "Microsoft.DBforPostgreSQL/flexibleServers" },
  azurerm_virtual_network: { scopeType: "resource", resourceType: "Microsoft.Network/virtualNetworks" },
  azurerm_subnet: { scopeType: "resource", resourceType: "Microsoft.Network/virtualNetworks/subnets" },
  azurerm_private_dns_zone: { scopeType: "resource", resourceType: "Microsoft.Network/privateDnsZones" },
  azurerm_dns_zone: { scopeType: "resource", resourceType: "Microsoft.Network/dnszones" },
  azurerm_log_analytics_workspace: { scopeType: "resource", resourceType: "Microsoft.OperationalInsights/workspaces" }
};
function classifyScope(id) {
  const s = id.trim().replace(/\/+$/, "");
  if (s === "") return { scopeType: "managementGroup", resourceType: "" };
  if (/^\/providers\/Microsoft\.Management\/managementGroups\/[^/]+$/i.test(s)) return { scopeType: "managementGroup", resourceType: "" };
  const m = /^\/subscriptions\/[^/]+(?:\/resourceGroups\/[^/]+)?(?:\/providers\/(.+))?$/i.exec(s);
  if (!m) return null;
  if (m[1] === void 0) return { scopeType: /\/resourceGroups\//i.test(s) ? "resourceGroup" : "subscription", resourceType: "" };
  return { scopeType: "resource", resourceType: resourceTypeOf(m[1]) };
}
function resourceTypeOf(providerPath) {
  const segs = providerPath.split("/");
  const types = [segs[0] ?? ""];
  for (let i = 1; i < segs.length; i += 2) types.push(segs[i] ?? "");
  return types.join("/");
}
function classifyScopeText(text, refTypes) {
  const masked = text.replace(/\$\{[^}]*\}/g, "X");
  if (masked.startsWith("/")) return classifyScope(masked);
  const head = TF_SCOPE_TYPES[refTypes[0] ?? ""];
  const tail = /^X((?:\/[^/]+\/[^/]+)*)$/.exec(masked);
  if (!head || !tail) return null;
  const extra = (tail[1] ?? "").split("/").filter(Boolean).filter((_, i) => i % 2 === 0);
  return extra.length === 0 ? head : { scopeType: "resource", resourceType: [head.resourceType, ...extra].join("/") };
}
function roleAssignment(r, ctx) {
  const a = base(r, ctx, "RoleAssignment", str(r.values["id"]));
  a.scope = str(r.values["scope"]);
  track(a, "scope", r, "scope");
  const scopeRefs = refResources(r, "scope", ctx);
  a.scopeAddress = scopeRefs[0]?.address ?? "";
  const refTypes = scopeRefs.map((x) => x.type);
  const cls = a.scope !== "" && !a.scope.includes("${") ? classifyScope(a.scope) : a.scope.includes("${") ? classifyScopeText(a.scope, refTypes) : TF_SCOPE_TYPES[refTypes[0] ?? ""] ?? (scopeRefs[0] && scopeRefs[0].type.startsWith("azurerm_") ? { scopeType: "resource", resourceType: "" } : null);
  a.scopeType = cls?.scopeType ?? "";
  a.scopeResourceType = cls?.resourceType ?? "";
  track(a, "scopeType", r, "scope");
  track(a, "scopeResourceType", r, "scope");
  if (cls !== null) {
    delete a.unknown?.["scopeType"];
    delete a.unknown?.["scopeResourceType"];
  } else if (!a.unknown?.["scopeType"]) setUnknown(a, "scopeType", `${r.address}.scope ${JSON.stringify(a.scope)} is not an ARM scope oobguard can classify`);
  const roleId = pick(r, "role_definition_id");
  a.roleDefinitionId = str(roleId.value);
  const roleName = pick(r, "role_definition_name");
  const guid = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(a.roleDefinitionId)?.[1]?.toLowerCase() ?? "";
  a.roleDefinitionName = str(roleName.value) || BUILTIN_ROLES[guid] || "";
  track(a, "roleDefinitionName", r, roleName.value !== void 0 || unknownAt(r, "role_definition_name") !== null ? "role_definition_name" : "role_definition_id");
  track(a, "roleDefinitionId", r, "role_definition_id");
  a.principalId = str(r.values["principal_id"]);
  track(a, "principalId", r, "principal_id");
  a.principalType = str(r.values["principal_type"]);
  a.principalAddress = refResources(r, "principal_id", ctx)[0]?.address ?? "";
  a.principalIsWorkloadIdentity = false;
  (a.origins ??= {})["principalIsWorkloadIdentity"] = lineOf(r, "principal_id");
  ctx.azure.authorization.roleAssignments.push(a);
}
function keyVault(r, ctx) {
  const k = base(r, ctx, "KeyVault", armId(r, ctx, "Microsoft.KeyVault/vaults"));
  k.resourceGroup = str(r.values["resource_group_name"]);
  k.tenantId = strAt(k, "tenantId", r, "", "tenant_id");
  k.enablePurgeProtection = boolAt(k, "enablePurgeProtection", r, false, "purge_protection_enabled");
  const sd = pick(r, "soft_delete_retention_days");
  track(k, "softDeleteRetentionInDays", r, sd.path);
  k.softDeleteRetentionInDays = num(sd.value) ?? 90;
  k.enableRbacAuthorization = boolAt(k, "enableRbacAuthorization", r, false, "rbac_authorization_enabled", "enable_rbac_authorization");
  k.publicNetworkAccess = boolAt(k, "publicNetworkAccess", r, true, "public_network_access_enabled") ? "Enabled" : "Disabled";
  k.networkAclsDefaultAction = strAt(k, "networkAclsDefaultAction", r, "Allow", "network_acls[0].default_action");
  ctx.azure.keyVaults.vaults.push(k);
}
function keyVaultKey(r, ctx) {
  const k = base(r, ctx, "KeyVaultKey", str(r.values["versionless_id"]) || str(r.values["id"]));
  k.keyType = str(r.values["key_type"]);
  const vault = refResources(r, "key_vault_id", ctx, ["azurerm_key_vault"])[0];
  k.vaultAddress = vault?.address ?? "";
  k.vaultName = vault ? name(vault) : /\/vaults\/([^/]+)$/i.exec(str(r.values["key_vault_id"]))?.[1] ?? "";
  const rp = blocks(r.values["rotation_policy"])[0];
  origin(k, "rotationPolicy", r, "rotation_policy[0]");
  track(k, "rotationPolicy.lifetimeActions", r, "rotation_policy[0].automatic");
  const notifyWhy = unknownAt(r, "rotation_policy[0].notify_before_expiry");
  if (notifyWhy !== null) setUnknown(k, "rotationPolicy.lifetimeActions", `${r.address}.rotation_policy[0].notify_before_expiry: ${notifyWhy}`);
  if (rp) {
    const actions = [];
    for (const auto of blocks(rp["automatic"])) actions.push({ action: "Rotate", timeAfterCreate: str(auto["time_after_creation"]), timeBeforeExpiry: str(auto["time_before_expiry"]) });
    if (str(rp["notify_before_expiry"]) !== "") actions.push({ action: "Notify", timeAfterCreate: "", timeBeforeExpiry: str(rp["notify_before_expiry"]) });
    k.rotationPolicy = { expiryTime: str(rp["expire_after"]), lifetimeActions: actions };
  } else k.rotationPolicy = null;
  ctx.azure.keyVaults.keys.push(k);
}
function vnetPeering(r, ctx) {
  const p = base(r, ctx, "VnetPeering", str(r.values["id"]));
  p.resourceGroup = str(r.values["resource_group_name"]);
  p.virtualNetworkName = str(r.values["virtual_network_name"]);
  const id = str(r.values["remote_virtual_network_id"]);
  p.remoteVirtualNetwork = { id: id.includes("${") ? "" : id };
  track(p, "remoteVirtualNetwork.id", r, "remote_virtual_network_id");
  const remote = refResources(r, "remote_virtual_network_id", ctx, ["azurerm_virtual_network"])[0];
  p.remoteAddress = remote?.address ?? "";
  p.remoteSubscriptionId = "";
  (p.origins ??= {})["remoteSubscriptionId"] = lineOf(r, "remote_virtual_network_id");
  const seg = SUB_IN_ID.exec(id)?.[1] ?? "";
  if (seg !== "" && !seg.includes("${")) p.remoteSubscriptionId = seg;
  else if (remote) {
    const sub = subscriptionOf(remote, ctx);
    if ("id" in sub) p.remoteSubscriptionId = sub.id;
    else setUnknown(p, "remoteSubscriptionId", `the remote VNet ${remote.address}: ${sub.why}`);
  } else setUnknown(p, "remoteSubscriptionId", `${r.address}.remote_virtual_network_id: ${unknownAt(r, "remote_virtual_network_id") ?? `${JSON.stringify(id)} names no subscription`}`);
  p.allowVirtualNetworkAccess = boolAt(p, "allowVirtualNetworkAccess", r, true, "allow_virtual_network_access");
  p.allowForwardedTraffic = boolAt(p, "allowForwardedTraffic", r, false, "allow_forwarded_traffic");
  p.allowGatewayTransit = boolAt(p, "allowGatewayTransit", r, false, "allow_gateway_transit");
  p.useRemoteGateways = boolAt(p, "useRemoteGateways", r, false, "use_remote_gateways");
  ctx.azure.network.vnetPeerings.push(p);
}
var DESTINATIONS = [
  ["log_analytics_workspace_id", "workspace"],
  ["storage_account_id", "storageAccount"],
  ["eventhub_authorization_rule_id", "eventHub"],
  ["partner_solution_id", "partner"]
];
function diagnosticSetting(r, ctx) {
  const d = base(r, ctx, "DiagnosticSetting", str(r.values["id"]));
  const target = str(r.values["target_resource_id"]);
  d.targetResourceId = target.includes("${") ? "" : target;
  track(d, "targetResourceId", r, "target_resource_id");
  const tRef = refResources(r, "target_resource_id", ctx)[0];
  d.targetAddress = tRef?.address ?? "";
  d.targetType = "";
  d.targetSubscriptionId = "";
  (d.origins ??= {})["targetType"] = lineOf(r, "target_resource_id");
  const subOnly = /^\/subscriptions\/([^/${}]+)\/?$/i.exec(target);
  if (subOnly) {
    d.targetType = "subscription";
    d.targetSubscriptionId = subOnly[1];
  } else if (tRef && tRef.type === "azurerm_subscription" && target === "") {
    d.targetType = "subscription";
    const own = str(tRef.values["subscription_id"]);
    if (own !== "") d.targetSubscriptionId = own;
    else {
      const sub = subscriptionOf(tRef, ctx);
      if ("id" in sub) d.targetSubscriptionId = sub.id;
      else setUnknown(d, "targetSubscriptionId", `${tRef.address}: ${sub.why}`);
    }
  } else if (target.startsWith("/subscriptions/") || tRef) d.targetType = "resource";
  else setUnknown(d, "targetType", `${r.address}.target_resource_id: ${unknownAt(r, "target_resource_id") ?? "not set"}`);
  d.logs = [
    ...blocks(r.values["enabled_log"]).map((b) => ({ category: str(b["category"]), categoryGroup: str(b["category_group"]), enabled: true })),
    ...blocks(r.values["log"]).map((b) => ({ category: str(b["category"]), categoryGroup: str(b["category_group"]), enabled: bool(b["enabled"]) ?? true }))
  ];
  track(d, "logs", r, blocks(r.values["enabled_log"]).length > 0 || blocks(r.values["log"]).length === 0 ? "enabled_log" : "log");
  if (!d.unknown?.["logs"]) {
    const why = unknownAt(r, "log");
    if (why !== null) setUnknown(d, "logs", `${r.address}.log: ${why}`);
  }
  d.metrics = [
    ...blocks(r.values["enabled_metric"]).map((b) => ({ category: str(b["category"]), enabled: true })),
    ...blocks(r.values["metric"]).map((b) => ({ category: str(b["category"]), enabled: bool(b["enabled"]) ?? true }))
  ];
  d.workspaceId = str(r.values["log_analytics_workspace_id"]);
  d.storageAccountId = str(r.values["storage_account_id"]);
  d.eventHubAuthorizationRuleId = str(r.values["eventhub_authorization_rule_id"]);
  d.eventHubName = str(r.values["eventhub_name"]);
  d.marketplacePartnerId = str(r.values["partner_solution_id"]);
  d.logAnalyticsDestinationType = str(r.values["log_analytics_destination_type"]);
  d.destinations = [];
  (d.origins ??= {})["destinations"] = lineOf(r, "log_analytics_workspace_id");
  for (const [attr, kind] of DESTINATIONS) {
    const set = isSet(r, attr);
    if (set === true) d.destinations.push(kind);
    else if (set === null) setUnknown(d, "destinations", `${r.address}.${attr}: ${unknownAt(r, attr) ?? "not known statically"}`);
  }
  ctx.azure.monitor.diagnosticSettings.push(d);
}
function settingRef(d) {
  return {
    id: d.id,
    name: d.name,
    address: d.address,
    categories: [...new Set(d.logs.filter((l) => l.enabled && l.category !== "").map((l) => l.category))],
    categoryGroups: [...new Set(d.logs.filter((l) => l.enabled && l.categoryGroup !== "").map((l) => l.categoryGroup))],
    destinations: d.destinations
  };
}
function attachSetting(o, d) {
  o.diagnosticSettings.push(settingRef(d));
  const origins = o.origins ??= {};
  origins[`diagnosticSettings[${o.diagnosticSettings.length - 1}]`] = d.source;
  origins["diagnosticSettings"] ??= d.source;
  for (const k of ["logs", "destinations"]) {
    const why = d.unknown?.[k];
    if (why) setUnknown(o, "diagnosticSettings", `diagnostic setting ${d.address} (${k}): ${why}`);
  }
}
function wafPolicy(r, ctx) {
  const armType = r.type === "azurerm_web_application_firewall_policy" ? "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies" : "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies";
  const w = base(r, ctx, "WafPolicy", armId(r, ctx, armType));
  w.resourceGroup = str(r.values["resource_group_name"]);
  if (r.type === "azurerm_web_application_firewall_policy") {
    w.policyType = "ApplicationGateway";
    w.policySettings = {
      state: boolAt(w, "policySettings.state", r, true, "policy_settings[0].enabled") ? "Enabled" : "Disabled",
      mode: strAt(w, "policySettings.mode", r, "Prevention", "policy_settings[0].mode")
    };
    w.managedRules = { managedRuleSets: blocks(at(r.values, "managed_rules[0].managed_rule_set")).map((b) => ({ ruleSetType: str(b["type"]) || "OWASP", ruleSetVersion: str(b["version"]) })) };
    track(w, "managedRules", r, "managed_rules[0]");
  } else {
    w.policyType = r.type === "azurerm_cdn_frontdoor_firewall_policy" ? "FrontDoor" : "FrontDoorClassic";
    w.policySettings = {
      state: boolAt(w, "policySettings.state", r, true, "enabled") ? "Enabled" : "Disabled",
      mode: strAt(w, "policySettings.mode", r, "Prevention", "mode")
    };
    w.managedRules = { managedRuleSets: blocks(r.values["managed_rule"]).map((b) => ({ ruleSetType: str(b["type"]), ruleSetVersion: str(b["version"]) })) };
    track(w, "managedRules", r, "managed_rule[0]");
  }
  ctx.azure.waf.policies.push(w);
}
function conditionalAccessPolicy(r, ctx) {
  const v = r.values;
  const p = { ...cloudBase(r, ctx, "ConditionalAccessPolicy", str(v["display_name"]) || r.address, str(v["id"])), kind: "ConditionalAccessPolicy" };
  p.tenantId = "";
  p.displayName = str(v["display_name"]);
  p.state = strAt(p, "state", r, "", "state");
  const c = "conditions[0]";
  const u = `${c}.users[0]`;
  const a = `${c}.applications[0]`;
  const guests = `${u}.excluded_guests_or_external_users[0].guest_or_external_user_types`;
  const filter = `${c}.devices[0].filter[0]`;
  p.conditions = {
    users: {
      includeUsers: strs(at(v, `${u}.included_users`)),
      excludeUsers: strs(at(v, `${u}.excluded_users`)),
      includeGroups: strs(at(v, `${u}.included_groups`)),
      excludeGroups: strs(at(v, `${u}.excluded_groups`)),
      includeRoles: strs(at(v, `${u}.included_roles`)),
      excludeRoles: strs(at(v, `${u}.excluded_roles`)),
      excludeGuestsOrExternalUsers: strs(at(v, guests)).filter((t) => t !== "none")
    },
    applications: { includeApplications: strs(at(v, `${a}.included_applications`)), excludeApplications: strs(at(v, `${a}.excluded_applications`)) },
    clientAppTypes: strs(at(v, `${c}.client_app_types`)),
    locations: { includeLocations: strs(at(v, `${c}.locations[0].included_locations`)), excludeLocations: strs(at(v, `${c}.locations[0].excluded_locations`)) },
    platforms: { includePlatforms: strs(at(v, `${c}.platforms[0].included_platforms`)), excludePlatforms: strs(at(v, `${c}.platforms[0].excluded_platforms`)) },
    userRiskLevels: strs(at(v, `${c}.user_risk_levels`)),
    signInRiskLevels: strs(at(v, `${c}.sign_in_risk_levels`)),
    deviceFilter: { mode: str(at(v, `${filter}.mode`)), rule: str(at(v, `${filter}.rule`)) }
  };
  origin(p, "conditions.users", r, u);
  origin(p, "conditions.applications", r, a);
  for (const [model, tf] of [
    ["conditions.users.excludeRoles", `${u}.excluded_roles`],
    ["conditions.users.excludeGuestsOrExternalUsers", `${u}.excluded_guests_or_external_users`],
    ["conditions.clientAppTypes", `${c}.client_app_types`],
    ["conditions.locations", `${c}.locations`],
    ["conditions.platforms", `${c}.platforms`],
    ["conditions.userRiskLevels", `${c}.user_risk_levels`],
    ["conditions.signInRiskLevels", `${c}.sign_in_risk_levels`],
    ["conditions.deviceFilter", `${c}.devices`]
  ]) track(p, model, r, tf);
  const g = "grant_controls[0]";
  const strength = str(at(v, `${g}.authentication_strength_policy_id`));
  p.grantControls = {
    operator: str(at(v, `${g}.operator`)),
    builtInControls: strs(at(v, `${g}.built_in_controls`)),
    authenticationStrength: strength !== "" || isSet(r, `${g}.authentication_strength_policy_id`) === true ? { id: strength } : null
  };
  origin(p, "grantControls", r, g);
  track(p, "grantControls.builtInControls", r, `${g}.built_in_controls`);
  track(p, "grantControls.authenticationStrength", r, `${g}.authentication_strength_policy_id`);
  track(p, "conditions.users.includeUsers", r, `${u}.included_users`);
  track(p, "conditions.users.includeGroups", r, `${u}.included_groups`);
  track(p, "conditions.users.excludeUsers", r, `${u}.excluded_users`);
  track(p, "conditions.applications.includeApplications", r, `${a}.included_applications`);
  ctx.azure.entra.conditionalAccessPolicies.push(p);
}
function finish(_resources, ctx) {
  const az = ctx.azure;
  const clusterByAddress = new Map(az.aks.clusters.map((c) => [c.address, c]));
  for (const pool of az.aks.agentPools) {
    if (pool.mode === "System" && pool.id.endsWith("/default_node_pool")) continue;
    const r = ctx.byAddress.get(pool.address);
    if (!r) continue;
    const ref = refResources(r, "kubernetes_cluster_id", ctx, ["azurerm_kubernetes_cluster"])[0];
    const id = str(r.values["kubernetes_cluster_id"]);
    const cluster = (ref ? clusterByAddress.get(ref.address) : void 0) ?? az.aks.clusters.find((c) => eqId(c.resourceId, id));
    if (cluster) {
      pool.clusterName = cluster.name;
      pool.clusterAddress = cluster.address;
      cluster.agentPoolProfiles.push(poolSummary(pool));
      (cluster.origins ??= {})[`agentPoolProfiles[${cluster.agentPoolProfiles.length - 1}]`] = pool.source;
    } else pool.clusterName = /managedClusters\/([^/]+)$/i.exec(id)?.[1] ?? ref?.address ?? "";
  }
  const idByAddress = new Map(az.identity.userAssigned.map((i) => [i.address, i]));
  for (const f of az.identity.federatedCredentials) {
    const identity = (f.parentAddress ? idByAddress.get(f.parentAddress) : void 0) ?? az.identity.userAssigned.find((i) => eqId(i.resourceId, f.parentId));
    if (identity) {
      identity.federatedCredentials.push(f.name);
      f.identityClientId = identity.clientId;
      const why = identity.unknown?.["clientId"];
      if (why) setUnknown(f, "identityClientId", why);
    } else setUnknown(f, "identityClientId", `the identity ${f.parentAddress || f.parentId || "(parent not set)"} is not among the inputs`);
    joinIssuer(f, ctx);
  }
  for (const a of az.authorization.roleAssignments) {
    const byRef = a.principalAddress ? idByAddress.get(a.principalAddress) : void 0;
    if (byRef) {
      a.principalIsWorkloadIdentity = byRef.federatedCredentials.length > 0;
      continue;
    }
    if (a.principalAddress !== "") continue;
    if (a.principalId === "") {
      setUnknown(a, "principalIsWorkloadIdentity", a.unknown?.["principalId"] ?? `${a.address}.principal_id is not set`);
      continue;
    }
    const byId = az.identity.userAssigned.find((i) => eqId(i.principalId, a.principalId));
    if (byId) a.principalIsWorkloadIdentity = byId.federatedCredentials.length > 0;
    else {
      const maybe = az.identity.userAssigned.filter((i) => i.federatedCredentials.length > 0 && i.unknown?.["principalId"]);
      if (maybe.length > 0) setUnknown(a, "principalIsWorkloadIdentity", `principal ${a.principalId} may be ${maybe.map((i) => i.address).join(", ")}, whose principal id is known only after apply`);
    }
  }
  const subs = subscriptions(ctx);
  for (const d of az.monitor.diagnosticSettings) {
    const byRef = d.targetAddress ? clusterByAddress.get(d.targetAddress) : void 0;
    const cluster = byRef ?? (d.targetResourceId !== "" ? az.aks.clusters.find((c) => eqId(c.resourceId, d.targetResourceId)) : void 0);
    if (cluster) {
      attachSetting(cluster, d);
      continue;
    }
    if (d.targetType === "subscription") {
      const sub = subs.find((s) => eqId(s.subscriptionId, d.targetSubscriptionId));
      if (sub) attachSetting(sub, d);
      else if (d.unknown?.["targetSubscriptionId"]) for (const s of subs) setUnknown(s, "diagnosticSettings", `diagnostic setting ${d.address} targets a subscription that cannot be told: ${d.unknown["targetSubscriptionId"]}`);
      continue;
    }
    if (d.targetType === "") {
      const why = `diagnostic setting ${d.address} targets a resource that cannot be told (${d.unknown?.["targetType"] ?? d.unknown?.["targetResourceId"] ?? "unknown"}); it may be this one`;
      for (const c of az.aks.clusters) setUnknown(c, "diagnosticSettings", why);
      for (const s of subs) setUnknown(s, "diagnosticSettings", why);
      continue;
    }
    if (d.targetResourceId !== "" && /\/providers\/Microsoft\.ContainerService\/managedClusters\//i.test(d.targetResourceId)) {
      for (const c of az.aks.clusters) {
        if (c.resourceId === "" && d.targetResourceId.toLowerCase().endsWith(`/managedclusters/${c.name.toLowerCase()}`)) {
          setUnknown(c, "diagnosticSettings", `diagnostic setting ${d.address} targets ${d.targetResourceId}, which may be this cluster (its subscription is not known)`);
        }
      }
    }
  }
  az.subscriptions.push(...subs);
}
function joinIssuer(f, ctx) {
  const clusters = ctx.azure.aks.clusters;
  const r = ctx.byAddress.get(f.address);
  const refd = r ? refResources(r, "issuer", ctx, ["azurerm_kubernetes_cluster"]) : [];
  const issuerWhy = f.unknown?.["issuer"];
  const viaRef = refd.find((c) => {
    if (issuerWhy === void 0) return true;
    const local = c.address.replace(/^(?:module\.[^.]+\.)+/, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const m = new RegExp(`${local}(?:\\[[^\\]]*\\])?\\.([a-z_]+)`).exec(issuerWhy);
    return m === null || m[1] === "oidc_issuer_url";
  });
  if (viaRef) {
    const model = clusters.find((c) => c.address === viaRef.address);
    if (f.issuer !== "" && model && model.oidcIssuerProfile.issuerURL !== "" && !sameIssuer(f.issuer, model.oidcIssuerProfile.issuerURL)) return;
    f.issuerCluster = model?.name ?? name(viaRef);
    delete f.unknown?.["issuerCluster"];
    return;
  }
  if (f.issuer === "" || f.issuer.includes("${")) {
    setUnknown(f, "issuerCluster", issuerWhy ?? `${f.address}.issuer is not set`);
    return;
  }
  const hit = clusters.find((c) => c.oidcIssuerProfile.issuerURL !== "" && sameIssuer(c.oidcIssuerProfile.issuerURL, f.issuer));
  if (hit) {
    f.issuerCluster = hit.name;
    return;
  }
  const issuerTenant = AKS_ISSUER.exec(f.issuer)?.[1]?.toLowerCase() ?? "";
  const pending = clusters.filter((c) => {
    if (c.oidcIssuerProfile.issuerURL !== "" || !c.unknown?.["oidcIssuerProfile.issuerURL"]) return false;
    const cr = ctx.byAddress.get(c.address);
    const s = cr ? inheritedProvider(ctx.azure.providers, cr.provider) : void 0;
    const tenant = s && !s.unknown?.["tenantId"] ? s.tenantId.toLowerCase() : "";
    return issuerTenant === "" || tenant === "" || tenant === issuerTenant;
  });
  if (pending.length > 0) setUnknown(f, "issuerCluster", `issuer ${f.issuer} may be the OIDC issuer of ${pending.map((c) => c.address).join(", ")}, which is known only after apply`);
  else if (clusters.length === 0) setUnknown(f, "issuerCluster", `no AKS cluster among the inputs to compare the issuer ${f.issuer} with`);
}
var AKS_ISSUER = /^https:\/\/[^/]+\.oic\.prod-aks\.azure\.com\/([^/]+)\//i;
function sameIssuer(a, b) {
  return a.replace(/\/+$/, "") === b.replace(/\/+$/, "");
}
function subscriptions(ctx) {
  const out = [];
  for (const p of ctx.azure.providers) {
    const known = !p.unknown?.["subscriptionId"] && p.subscriptionId !== "";
    const same = known ? out.find((s2) => eqId(s2.subscriptionId, p.subscriptionId)) : void 0;
    if (same) {
      same.providerKeys.push(p.providerKey);
      continue;
    }
    const s = {
      id: known ? `tf/subscriptions/${p.subscriptionId.toLowerCase()}` : `tf/${p.address}/subscription`,
      kind: "AzureSubscription",
      name: known ? p.subscriptionId : `subscription of ${p.providerKey}`,
      source: p.source,
      address: p.address,
      resourceId: known ? `/subscriptions/${p.subscriptionId}` : "",
      providerKey: p.providerKey,
      origin: p.origin,
      module: p.module,
      tags: {},
      subscriptionId: p.subscriptionId,
      tenantId: p.tenantId,
      providerKeys: [p.providerKey],
      diagnosticSettings: []
    };
    if (p.origins?.["subscriptionId"]) s.origins = { subscriptionId: p.origins["subscriptionId"] };
    if (!known) setUnknown(s, "subscriptionId", p.unknown?.["subscriptionId"] ?? `provider ${p.providerKey} does not set subscription_id (it comes from the environment at run time)`);
    if (p.unknown?.["tenantId"]) setUnknown(s, "tenantId", p.unknown["tenantId"]);
    out.push(s);
  }
  return out;
}
var managed = (m) => (r, ctx) => {
  if (r.mode === "managed") m(r, ctx);
};
var mappers = {
  azurerm_kubernetes_cluster: managed(aksCluster),
  azurerm_kubernetes_cluster_node_pool: managed(aksNodePool),
  azurerm_user_assigned_identity: managed(userAssignedIdentity),
  azurerm_federated_identity_credential: managed(federatedCredential),
  azurerm_role_assignment: managed(roleAssignment),
  azurerm_key_vault: managed(keyVault),
  azurerm_key_vault_key: managed(keyVaultKey),
  azurerm_virtual_network_peering: managed(vnetPeering),
  azurerm_monitor_diagnostic_setting: managed(diagnosticSetting),
  azurerm_web_application_firewall_policy: managed(wafPolicy),
  azurerm_cdn_frontdoor_firewall_policy: managed(wafPolicy),
  azurerm_frontdoor_firewall_policy: managed(wafPolicy),
  azuread_conditional_access_policy: managed(conditionalAccessPolicy)
};
var azureComputeAdapter = { mappers, finish };

export {
  emptyAws,
  emptyAzure,
  adaptTerraform,
  inheritedProvider,
  at,
  str,
  bool,
  num,
  strs,
  blocks,
  either,
  unknownAt,
  lineOf,
  cloudBase,
  track,
  BUILTIN_ROLES,
  classifyScope,
  settingRef,
  sameIssuer,
  azureComputeAdapter
};
