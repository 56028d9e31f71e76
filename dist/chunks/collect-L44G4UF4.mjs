// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  BUILTIN_ROLES,
  classifyScope,
  sameIssuer,
  settingRef
} from "./chunk-JGKT6CEO.mjs";
import {
  armCall,
  armGetJson,
  armGetPaged,
  armList,
  continuationOf,
  failureReason,
  listWithChildren,
  obj,
  objs,
  str
} from "./chunk-USYNUCUV.mjs";
import {
  AZURE_CLOUDS
} from "./chunk-D3YLGKYT.mjs";
import {
  Gate,
  mapBounded
} from "./chunk-DICZ7VKL.mjs";
import {
  setUnknown
} from "./chunk-2VD4TAJ7.mjs";
import "./chunk-NG5CMEQM.mjs";

// src/collectors/azure-live/collect.ts
import { AuthorizationManagementClient } from "@azure/arm-authorization";
import { ContainerServiceClient } from "@azure/arm-containerservice";
import { DnsManagementClient } from "@azure/arm-dns";
import { KeyVaultManagementClient } from "@azure/arm-keyvault";
import { MonitorClient } from "@azure/arm-monitor";
import { ManagedServiceIdentityClient } from "@azure/arm-msi";
import { PostgreSQLManagementFlexibleServerClient } from "@azure/arm-postgresql-flexible";
import { createResourceManagement } from "@azure/arm-resources/api";
import { StorageManagementClient } from "@azure/arm-storage";
import { TrafficManagerManagementClient } from "@azure/arm-trafficmanager";

// src/collectors/azure-live/common.ts
function azureLiveBase(scope, kind, name, resourceId, tags = {}) {
  return {
    id: `azure${resourceId}`,
    kind,
    name,
    source: { file: `oobguard-live/azure/${scope.subscriptionId}`, line: 1, ref: resourceId },
    address: "",
    resourceId,
    providerKey: "azurerm",
    origin: "live",
    module: "",
    tags
  };
}
function resourceGroupOf(id) {
  return /\/resourceGroups\/([^/]+)/i.exec(id)?.[1] ?? "";
}
function nameAfter(id, typeSegment) {
  const parts = id.split("/");
  const i = parts.findIndex((p) => p.toLowerCase() === typeSegment.toLowerCase());
  return i >= 0 ? parts[i + 1] ?? "" : "";
}
function sameId(a, b) {
  return a !== "" && b !== "" && a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
}

// src/collectors/azure-live/aks.ts
var AKS_COLLECTION = "azure.aks.clusters";
var AKS_POOLS_COLLECTION = "azure.aks.agentPools";
var PERMISSION = "Microsoft.ContainerService/managedClusters/read";
function addon(profiles, key) {
  if (!profiles) return void 0;
  const k = Object.keys(profiles).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === void 0 ? void 0 : profiles[k];
}
function configValue(p, key) {
  const c = p?.config;
  if (!c) return "";
  const k = Object.keys(c).find((x) => x.toLowerCase() === key.toLowerCase());
  return k === void 0 ? "" : c[k] ?? "";
}
function poolOf(p, c, scope) {
  const id = `${c.resourceId}/agentPools/${p.name}`;
  const osType = p.osType ?? "Linux";
  return {
    ...azureLiveBase(scope, "AksAgentPool", p.name, id),
    kind: "AksAgentPool",
    clusterName: c.name,
    clusterAddress: "",
    // ARM default mode is User; the first pool of a cluster must be System and ARM reports it.
    mode: p.mode ?? "User",
    osType,
    osSKU: p.osSKU ?? (osType === "Windows" ? "Windows2019" : "Ubuntu"),
    enableEncryptionAtHost: p.enableEncryptionAtHost ?? false,
    enableNodePublicIP: p.enableNodePublicIP ?? false,
    nodeTaints: [...p.nodeTaints ?? []],
    vmSize: p.vmSize ?? ""
  };
}
function aksClusterOf(m, scope) {
  const id = m.id ?? "";
  const aad = m.aadProfile;
  const api = m.apiServerAccessProfile;
  const sec = m.securityProfile;
  const np = m.networkProfile;
  const oms = addon(m.addonProfiles, "omsagent");
  const kvsp = addon(m.addonProfiles, "azureKeyvaultSecretsProvider");
  const c = {
    ...azureLiveBase(scope, "AksCluster", m.name ?? id, id, { ...m.tags ?? {} }),
    kind: "AksCluster",
    resourceGroup: resourceGroupOf(id),
    location: m.location ?? "",
    kubernetesVersion: m.kubernetesVersion ?? m.currentKubernetesVersion ?? "",
    skuTier: m.sku?.tier ?? "Free",
    enableRBAC: m.enableRbac ?? true,
    disableLocalAccounts: m.disableLocalAccounts ?? false,
    aadProfile: aad ? {
      // A profile with server/client apps and no `managed` is the legacy integration.
      managed: aad.managed ?? !(aad.serverAppID || aad.clientAppID),
      enableAzureRBAC: aad.enableAzureRbac ?? false,
      // AKS uses the subscription's tenant when none is set.
      tenantID: aad.tenantID || scope.tenantId,
      adminGroupObjectIDs: [...aad.adminGroupObjectIDs ?? []]
    } : null,
    apiServerAccessProfile: {
      authorizedIPRanges: [...api?.authorizedIPRanges ?? []],
      enablePrivateCluster: api?.enablePrivateCluster ?? false,
      enablePrivateClusterPublicFQDN: api?.enablePrivateClusterPublicFqdn ?? false,
      disableRunCommand: api?.disableRunCommand ?? false,
      enableVnetIntegration: api?.enableVnetIntegration ?? false
    },
    oidcIssuerProfile: { enabled: m.oidcIssuerProfile?.enabled ?? false, issuerURL: m.oidcIssuerProfile?.issuerURL ?? "" },
    securityProfile: {
      workloadIdentity: { enabled: sec?.workloadIdentity?.enabled ?? false },
      azureKeyVaultKms: {
        enabled: sec?.azureKeyVaultKms?.enabled ?? false,
        keyId: sec?.azureKeyVaultKms?.keyId ?? "",
        keyVaultNetworkAccess: sec?.azureKeyVaultKms?.enabled ? sec.azureKeyVaultKms.keyVaultNetworkAccess ?? "Public" : "",
        keyAddress: ""
      },
      defender: {
        logAnalyticsWorkspaceResourceId: sec?.defender?.logAnalyticsWorkspaceResourceId ?? "",
        securityMonitoring: { enabled: sec?.defender?.securityMonitoring?.enabled ?? false }
      }
    },
    networkProfile: {
      networkPlugin: np?.networkPlugin ?? "kubenet",
      networkPolicy: np?.networkPolicy ?? "",
      networkDataPlane: np?.networkDataplane ?? "azure",
      networkPluginMode: np?.networkPluginMode ?? "",
      outboundType: np?.outboundType ?? "loadBalancer"
    },
    agentPoolProfiles: [],
    autoUpgradeProfile: {
      upgradeChannel: m.autoUpgradeProfile?.upgradeChannel ?? "none",
      nodeOSUpgradeChannel: m.autoUpgradeProfile?.nodeOSUpgradeChannel ?? "NodeImage"
    },
    addonProfiles: {
      omsagent: { enabled: oms?.enabled ?? false, config: { logAnalyticsWorkspaceResourceID: configValue(oms, "logAnalyticsWorkspaceResourceID") } },
      azureKeyvaultSecretsProvider: {
        enabled: kvsp?.enabled ?? false,
        config: { enableSecretRotation: configValue(kvsp, "enableSecretRotation") || "false", rotationPollInterval: kvsp?.enabled ? configValue(kvsp, "rotationPollInterval") || "2m" : "" }
      },
      azurepolicy: { enabled: addon(m.addonProfiles, "azurepolicy")?.enabled ?? false }
    },
    diagnosticSettings: []
  };
  if (aad && !aad.tenantID && scope.tenantId === "") setUnknown(c, "aadProfile.tenantID", "the Entra profile sets no tenantID and the subscription reported no tenant");
  const pools = (m.agentPoolProfiles ?? []).map((p) => poolOf(p, c, scope));
  c.agentPoolProfiles = pools.map((p) => ({ name: p.name, mode: p.mode, osSKU: p.osSKU, enableEncryptionAtHost: p.enableEncryptionAtHost, enableNodePublicIP: p.enableNodePublicIP, nodeTaints: p.nodeTaints }));
  return { cluster: c, pools };
}
async function collectAks(client, scope, counter) {
  const listed = await armList(counter, () => client.managedClusters.list().byPage(), continuationOf);
  if (!listed.ok) {
    const gap = { scope: scope.subscriptionId, api: "ManagedClusters_List", error: listed.error, permission: PERMISSION };
    return { clusters: [], agentPools: [], gaps: [{ collection: AKS_COLLECTION, ...gap }, { collection: AKS_POOLS_COLLECTION, ...gap }] };
  }
  const clusters = [];
  const agentPools = [];
  for (const m of listed.value) {
    const { cluster, pools } = aksClusterOf(m, scope);
    clusters.push(cluster);
    agentPools.push(...pools);
  }
  return { clusters, agentPools, gaps: [] };
}

// src/collectors/azure-live/authorization.ts
import { getContinuationToken } from "@azure/arm-authorization";
var ROLE_ASSIGNMENTS_COLLECTION = "azure.authorization.roleAssignments";
var PERMISSION2 = {
  assignments: "Microsoft.Authorization/roleAssignments/read",
  definitions: "Microsoft.Authorization/roleDefinitions/read"
};
var GUID = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i;
function roleAssignmentOf(r, scope) {
  const id = r.id ?? "";
  const at = r.scope ?? "";
  const cls = classifyScope(at);
  const a = {
    ...azureLiveBase(scope, "RoleAssignment", r.name ?? id, id),
    kind: "RoleAssignment",
    scope: at,
    scopeType: cls?.scopeType ?? "",
    scopeResourceType: cls?.resourceType ?? "",
    scopeAddress: "",
    roleDefinitionId: r.roleDefinitionId ?? "",
    roleDefinitionName: "",
    principalId: r.principalId ?? "",
    principalType: r.principalType ?? "",
    principalAddress: "",
    principalIsWorkloadIdentity: false
  };
  if (cls === null) setUnknown(a, "scopeType", `role assignment ${id}: scope ${JSON.stringify(at)} is not an ARM scope oobguard can classify`);
  return a;
}
async function collectRoleAssignments(client, scope, counter, concurrency) {
  const listed = await armList(counter, () => client.roleAssignments.listForSubscription().byPage(), getContinuationToken);
  if (!listed.ok) {
    return { roleAssignments: [], gaps: [{ collection: ROLE_ASSIGNMENTS_COLLECTION, scope: scope.subscriptionId, api: "RoleAssignments_ListForSubscription", error: listed.error, permission: PERMISSION2.assignments }] };
  }
  const roleAssignments = listed.value.map((r) => roleAssignmentOf(r, scope));
  const ids = [...new Map(roleAssignments.filter((a) => a.roleDefinitionId !== "").map((a) => [a.roleDefinitionId.toLowerCase(), a.roleDefinitionId])).values()];
  const names = /* @__PURE__ */ new Map();
  await mapBounded(ids, concurrency, async (roleId) => {
    const got = await armCall(counter, () => client.roleDefinitions.getById(roleId.replace(/^\/+/, "")));
    const builtin = BUILTIN_ROLES[GUID.exec(roleId)?.[1]?.toLowerCase() ?? ""];
    names.set(roleId.toLowerCase(), got.ok && (got.value.roleName ?? "") !== "" ? { name: got.value.roleName } : builtin !== void 0 ? { name: builtin } : { why: got.ok ? `RoleDefinitions_GetById of ${roleId} returned no roleName` : failureReason(`RoleDefinitions_GetById of ${roleId}`, PERMISSION2.definitions, got) });
  });
  for (const a of roleAssignments) {
    const n = names.get(a.roleDefinitionId.toLowerCase());
    if (n === void 0) setUnknown(a, "roleDefinitionName", `role assignment ${a.resourceId} names no role definition`);
    else if ("name" in n) a.roleDefinitionName = n.name;
    else setUnknown(a, "roleDefinitionName", n.why);
  }
  return { roleAssignments, gaps: [] };
}
var NOT_MANAGED_IDENTITY = /* @__PURE__ */ new Set(["user", "group", "foreigngroup", "device"]);
function markWorkloadIdentities(assignments, identities, identitiesWhy, subscriptionId) {
  for (const a of assignments) {
    const identity = identities.find((i) => sameId(i.principalId, a.principalId));
    const credsWhy = identity?.unknown?.["federatedCredentials"];
    a.principalIsWorkloadIdentity = false;
    if (identity && credsWhy === void 0) a.principalIsWorkloadIdentity = identity.federatedCredentials.length > 0;
    else if (credsWhy !== void 0) setUnknown(a, "principalIsWorkloadIdentity", `principal ${a.principalId} is identity ${identity.name}, whose federated credentials could not be read: ${credsWhy}`);
    else if (NOT_MANAGED_IDENTITY.has(a.principalType.toLowerCase())) continue;
    else if (identitiesWhy !== null) {
      setUnknown(a, "principalIsWorkloadIdentity", `principal ${a.principalId} may be a user-assigned identity, and the identities could not be read: ${identitiesWhy}`);
    } else {
      setUnknown(a, "principalIsWorkloadIdentity", `principal ${a.principalId} (${a.principalType || "no principalType"}) is not a user-assigned identity of subscription ${subscriptionId}: it may be one of another subscription (a shared identity subscription) with a federated credential; scan that subscription too to judge it`);
    }
  }
}
function joinAcrossSubscriptions(assignments, identities) {
  for (const a of assignments) {
    if (a.unknown?.["principalIsWorkloadIdentity"] === void 0) continue;
    const identity = identities.find((i) => sameId(i.principalId, a.principalId) && i.unknown?.["federatedCredentials"] === void 0);
    if (identity === void 0) continue;
    a.principalIsWorkloadIdentity = identity.federatedCredentials.length > 0;
    delete a.unknown["principalIsWorkloadIdentity"];
  }
}

// src/collectors/azure-live/dns.ts
import { getContinuationToken as getContinuationToken2 } from "@azure/arm-dns";
var ZONES_COLLECTION = "azure.dns.zones";
var RECORDS_COLLECTION = "azure.dns.records";
var PERMISSION3 = {
  zones: "Microsoft.Network/dnszones/read",
  recordSets: "Microsoft.Network/dnszones/recordsets/read"
};
var bare = (name) => name.toLowerCase().replace(/\.$/, "");
function dnsZoneOf(z, scope) {
  const id = z.id ?? "";
  return {
    ...azureLiveBase(scope, "DnsZone", bare(z.name ?? id), id, { ...z.tags ?? {} }),
    kind: "DnsZone",
    resourceGroup: resourceGroupOf(id),
    subscriptionId: scope.subscriptionId
  };
}
function dnsRecordOf(r, zone, scope) {
  const type = (r.type ?? "").split("/").pop()?.toUpperCase() ?? "";
  if (type !== "A" && type !== "CNAME") return null;
  const id = r.id ?? "";
  const relativeName = r.name ?? "";
  const fqdn = r.fqdn ? bare(r.fqdn) : relativeName === "@" ? zone.name : `${relativeName}.${zone.name}`.toLowerCase();
  const cname = type === "CNAME" && r.cnameRecord ? { cname: bare(r.cnameRecord.cname ?? "") } : null;
  const alias = r.targetResource?.id ?? "";
  return {
    ...azureLiveBase(scope, "DnsRecordSet", fqdn, id),
    kind: "DnsRecordSet",
    recordType: type,
    relativeName,
    zoneName: zone.name,
    resourceGroup: zone.resourceGroup,
    subscriptionId: scope.subscriptionId,
    fqdn,
    ttl: r.ttl ?? null,
    aRecords: type === "A" ? (r.aRecords ?? []).map((a) => ({ ipv4Address: a.ipv4Address ?? "" })) : [],
    cnameRecord: cname,
    targetResource: alias !== "" ? { id: alias } : null,
    servedByTrafficManager: /\.trafficmanager\.net$/.test(cname?.cname ?? "") || /\/trafficmanagerprofiles\//i.test(alias)
  };
}
async function collectDns(client, scope, counter, concurrency) {
  const r = await listWithChildren(counter, scope.subscriptionId, concurrency, {
    parents: {
      list: () => client.zones.list().byPage(),
      nextLinkOf: getContinuationToken2,
      api: "Zones_List",
      permission: PERMISSION3.zones,
      collection: ZONES_COLLECTION,
      of: (z) => dnsZoneOf(z, scope)
    },
    children: {
      list: (zone) => client.recordSets.listByDnsZone(zone.resourceGroup, zone.name).byPage(),
      nextLinkOf: getContinuationToken2,
      api: (zone) => `RecordSets_ListByDnsZone of zone ${zone.resourceId}`,
      permission: PERMISSION3.recordSets,
      collection: RECORDS_COLLECTION,
      of: (sets, zone) => sets.flatMap((s) => dnsRecordOf(s, zone, scope) ?? [])
    }
  });
  return { zones: r.parents, records: r.children, gaps: r.gaps };
}

// src/collectors/azure-live/identity.ts
import { getContinuationToken as getContinuationToken3 } from "@azure/arm-msi";
var IDENTITIES_COLLECTION = "azure.identity.userAssigned";
var FEDERATED_COLLECTION = "azure.identity.federatedCredentials";
var PERMISSION4 = {
  identities: "Microsoft.ManagedIdentity/userAssignedIdentities/read",
  federated: "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read"
};
var SA_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;
function identityOf(i, scope) {
  const id = i.id ?? "";
  return {
    ...azureLiveBase(scope, "UserAssignedIdentity", i.name ?? id, id, { ...i.tags ?? {} }),
    kind: "UserAssignedIdentity",
    resourceGroup: resourceGroupOf(id),
    location: i.location,
    clientId: i.clientId ?? "",
    principalId: i.principalId ?? "",
    tenantId: i.tenantId ?? "",
    federatedCredentials: []
  };
}
function federatedCredentialOf(f, identity, scope) {
  const id = f.id ?? "";
  const subject = f.subject ?? "";
  const sa = SA_SUBJECT.exec(subject);
  return {
    ...azureLiveBase(scope, "FederatedIdentityCredential", f.name ?? id, id),
    kind: "FederatedIdentityCredential",
    issuer: f.issuer ?? "",
    subject,
    audiences: [...f.audiences ?? []],
    parentId: identity.resourceId,
    parentAddress: "",
    serviceAccountNamespace: sa?.[1] ?? "",
    serviceAccountName: sa?.[2] ?? "",
    identityClientId: identity.clientId,
    issuerCluster: ""
  };
}
async function collectIdentities(client, scope, counter, concurrency) {
  const r = await listWithChildren(counter, scope.subscriptionId, concurrency, {
    parents: {
      list: () => client.userAssignedIdentities.listBySubscription().byPage(),
      nextLinkOf: getContinuationToken3,
      api: "UserAssignedIdentities_ListBySubscription",
      permission: PERMISSION4.identities,
      collection: IDENTITIES_COLLECTION,
      of: (i) => identityOf(i, scope)
    },
    children: {
      list: (identity) => client.federatedIdentityCredentials.list(identity.resourceGroup, identity.name).byPage(),
      nextLinkOf: getContinuationToken3,
      api: (identity) => `FederatedIdentityCredentials_List of identity ${identity.resourceId}`,
      permission: PERMISSION4.federated,
      collection: FEDERATED_COLLECTION,
      of: (creds, identity) => {
        const out = creds.map((f) => federatedCredentialOf(f, identity, scope));
        identity.federatedCredentials = out.map((f) => f.name);
        return out;
      },
      failed: (identity, reason) => setUnknown(identity, "federatedCredentials", reason)
    }
  });
  return { userAssigned: r.parents, federatedCredentials: r.children, gaps: r.gaps };
}
function joinIssuers(creds, clusters, why) {
  for (const f of creds) {
    const hit = clusters.find((c) => c.oidcIssuerProfile.issuerURL !== "" && sameIssuer(c.oidcIssuerProfile.issuerURL, f.issuer));
    if (hit) f.issuerCluster = hit.name;
    else if (why !== null) setUnknown(f, "issuerCluster", `the AKS clusters whose OIDC issuer ${f.issuer || "(none)"} may be could not be read: ${why}`);
  }
}

// src/collectors/azure-live/keyvault.ts
var VAULTS_COLLECTION = "azure.keyVaults.vaults";
var KEYS_COLLECTION = "azure.keyVaults.keys";
var PERMISSION5 = {
  vaults: "Microsoft.KeyVault/vaults/read",
  keys: "Microsoft.KeyVault/vaults/keys/read"
};
function keyVaultOf(v, scope) {
  const id = v.id ?? "";
  const p = v.properties;
  return {
    ...azureLiveBase(scope, "KeyVault", v.name ?? id, id, { ...v.tags ?? {} }),
    kind: "KeyVault",
    resourceGroup: resourceGroupOf(id),
    tenantId: p?.tenantId ?? "",
    // ARM leaves purge protection and RBAC authorization out until they are turned on.
    enablePurgeProtection: p?.enablePurgeProtection ?? false,
    softDeleteRetentionInDays: p?.softDeleteRetentionInDays ?? 90,
    enableRbacAuthorization: p?.enableRbacAuthorization ?? false,
    publicNetworkAccess: p?.publicNetworkAccess ?? "Enabled",
    networkAclsDefaultAction: p?.networkAcls?.defaultAction ?? "Allow"
  };
}
function rotationPolicyOf(rp) {
  const actions = (rp?.lifetimeActions ?? []).flatMap((a) => {
    const type = (a.action?.type ?? "").toLowerCase();
    if (type !== "rotate" && type !== "notify") return [];
    return [{ action: type === "rotate" ? "Rotate" : "Notify", timeAfterCreate: a.trigger?.timeAfterCreate ?? "", timeBeforeExpiry: a.trigger?.timeBeforeExpiry ?? "" }];
  });
  const expiryTime = rp?.attributes?.expiryTime ?? "";
  return actions.length === 0 && expiryTime === "" ? null : { expiryTime, lifetimeActions: actions };
}
function keyOf(k, vault, scope) {
  const id = k.id ?? "";
  return {
    ...azureLiveBase(scope, "KeyVaultKey", k.name ?? id, id, { ...k.tags ?? {} }),
    kind: "KeyVaultKey",
    keyType: k.kty ?? "",
    vaultName: vault.name,
    vaultAddress: "",
    rotationPolicy: rotationPolicyOf(k.rotationPolicy)
  };
}
async function collectKeyVaults(client, scope, counter, concurrency) {
  const r = await listWithChildren(counter, scope.subscriptionId, concurrency, {
    parents: {
      list: () => client.vaults.listBySubscription().byPage(),
      nextLinkOf: continuationOf,
      api: "Vaults_ListBySubscription",
      permission: PERMISSION5.vaults,
      collection: VAULTS_COLLECTION,
      of: (v) => keyVaultOf(v, scope)
    },
    children: {
      list: (vault) => client.keys.list(vault.resourceGroup, vault.name).byPage(),
      nextLinkOf: continuationOf,
      api: (vault) => `Keys_List of key vault ${vault.resourceId}`,
      permission: PERMISSION5.keys,
      collection: KEYS_COLLECTION,
      // A listed key without its rotation policy: read the key itself.
      of: (keys, vault) => mapBounded(keys, concurrency, async (k) => {
        if (k.rotationPolicy !== void 0 || k.name === void 0) return keyOf(k, vault, scope);
        const full = await armCall(counter, () => client.keys.get(vault.resourceGroup, vault.name, k.name));
        if (full.ok) return keyOf(full.value, vault, scope);
        const key = keyOf(k, vault, scope);
        setUnknown(key, "rotationPolicy", failureReason(`Keys_Get of key ${key.resourceId}`, PERMISSION5.keys, full));
        return key;
      })
    }
  });
  return { vaults: r.parents, keys: r.children, gaps: r.gaps };
}

// src/collectors/azure-live/monitor.ts
var DIAGNOSTIC_SETTINGS_COLLECTION = "azure.monitor.diagnosticSettings";
var PERMISSION6 = "Microsoft.Insights/diagnosticSettings/read";
var SUBSCRIPTION_ONLY = /^\/subscriptions\/([^/]+)\/?$/i;
function diagnosticSettingOf(d, targetResourceId, scope) {
  const id = d.id ?? "";
  const sub = SUBSCRIPTION_ONLY.exec(targetResourceId)?.[1] ?? "";
  const destinations = [];
  if (d.workspaceId) destinations.push("workspace");
  if (d.storageAccountId) destinations.push("storageAccount");
  if (d.eventHubAuthorizationRuleId) destinations.push("eventHub");
  if (d.marketplacePartnerId) destinations.push("partner");
  return {
    ...azureLiveBase(scope, "DiagnosticSetting", d.name ?? id, id),
    kind: "DiagnosticSetting",
    targetResourceId,
    targetAddress: "",
    targetType: sub !== "" ? "subscription" : "resource",
    targetSubscriptionId: sub,
    logs: (d.logs ?? []).map((l) => ({ category: l.category ?? "", categoryGroup: l.categoryGroup ?? "", enabled: l.enabled })),
    metrics: (d.metrics ?? []).map((m) => ({ category: m.category ?? "", enabled: m.enabled })),
    workspaceId: d.workspaceId ?? "",
    storageAccountId: d.storageAccountId ?? "",
    eventHubAuthorizationRuleId: d.eventHubAuthorizationRuleId ?? "",
    eventHubName: d.eventHubName ?? "",
    marketplacePartnerId: d.marketplacePartnerId ?? "",
    logAnalyticsDestinationType: d.logAnalyticsDestinationType ?? "",
    destinations
  };
}
async function collectDiagnosticSettings(client, targets, scope, counter, concurrency) {
  const gaps = [];
  const per = await mapBounded(targets, concurrency, async (t) => {
    const listed = await armList(counter, () => client.diagnosticSettings.list(t.resourceId.replace(/^\/+/, "")).byPage(), continuationOf);
    if (!listed.ok) {
      const api = `DiagnosticSettings_List of ${t.resourceId}`;
      gaps.push({ collection: DIAGNOSTIC_SETTINGS_COLLECTION, scope: scope.subscriptionId, api, error: listed.error, permission: PERMISSION6 });
      if (t.holder) setUnknown(t.holder, "diagnosticSettings", failureReason(api, PERMISSION6, listed));
      return [];
    }
    const settings = listed.value.map((d) => diagnosticSettingOf(d, t.resourceId, scope));
    t.holder?.diagnosticSettings.push(...settings.map(settingRef));
    return settings;
  });
  return { settings: per.flat(), gaps };
}

// src/collectors/azure-live/network.ts
var PEERINGS_COLLECTION = "azure.network.vnetPeerings";
var WAF_COLLECTION = "azure.waf.policies";
var VNETS = { path: "Microsoft.Network/virtualNetworks", apiVersion: "2024-05-01", api: "VirtualNetworks_ListAll", permission: "Microsoft.Network/virtualNetworks/read" };
var WAF_APPGW = {
  path: "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies",
  apiVersion: "2024-05-01",
  api: "WebApplicationFirewallPolicies_ListAll",
  permission: "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/read"
};
var WAF_FRONTDOOR = {
  path: "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies",
  apiVersion: "2024-02-01",
  api: "Policies_ListBySubscription (Front Door)",
  permission: "Microsoft.Network/frontDoorWebApplicationFirewallPolicies/read"
};
var PEERING_FLAGS = ["allowVirtualNetworkAccess", "allowForwardedTraffic", "allowGatewayTransit", "useRemoteGateways"];
function peeringsOf(vnet, scope) {
  const vnetName = str(vnet["name"]);
  return objs(obj(vnet["properties"])["virtualNetworkPeerings"]).map((p) => {
    const id = str(p["id"]);
    const props = obj(p["properties"]);
    const remote = str(obj(props["remoteVirtualNetwork"])["id"]);
    const peering = {
      ...azureLiveBase(scope, "VnetPeering", str(p["name"]) || id, id),
      kind: "VnetPeering",
      resourceGroup: resourceGroupOf(id),
      virtualNetworkName: vnetName || nameAfter(id, "virtualNetworks"),
      remoteVirtualNetwork: { id: remote },
      remoteSubscriptionId: nameAfter(remote, "subscriptions"),
      remoteAddress: "",
      allowVirtualNetworkAccess: props["allowVirtualNetworkAccess"] === true,
      allowForwardedTraffic: props["allowForwardedTraffic"] === true,
      allowGatewayTransit: props["allowGatewayTransit"] === true,
      useRemoteGateways: props["useRemoteGateways"] === true
    };
    for (const f of PEERING_FLAGS) if (typeof props[f] !== "boolean") setUnknown(peering, f, `VNet peering ${id}: the response has no boolean properties.${f}`);
    return peering;
  });
}
function wafPolicyOf(p, frontDoor, scope) {
  const id = str(p["id"]);
  const props = obj(p["properties"]);
  const settings = obj(props["policySettings"]);
  const stateKey = frontDoor ? "enabledState" : "state";
  const w = {
    ...azureLiveBase(scope, "WafPolicy", str(p["name"]) || id, id, Object.fromEntries(Object.entries(obj(p["tags"])).map(([k, v]) => [k, str(v)]))),
    kind: "WafPolicy",
    policyType: !frontDoor ? "ApplicationGateway" : str(obj(p["sku"])["name"]) === "Classic_AzureFrontDoor" ? "FrontDoorClassic" : "FrontDoor",
    resourceGroup: resourceGroupOf(id),
    policySettings: { state: str(settings[stateKey]), mode: str(settings["mode"]) },
    managedRules: { managedRuleSets: objs(obj(props["managedRules"])["managedRuleSets"]).map((s) => ({ ruleSetType: str(s["ruleSetType"]), ruleSetVersion: str(s["ruleSetVersion"]) })) }
  };
  if (w.policySettings.state === "") setUnknown(w, "policySettings.state", `WAF policy ${id}: the response has no properties.policySettings.${stateKey}`);
  if (w.policySettings.mode === "") setUnknown(w, "policySettings.mode", `WAF policy ${id}: the response has no properties.policySettings.mode`);
  return w;
}
async function collectNetwork(rm, scope, counter) {
  const sub = scope.subscriptionId;
  const list = (what) => armCall(counter, () => armGetPaged(rm, counter, `/subscriptions/${encodeURIComponent(sub)}/providers/${what.path}`, what.apiVersion));
  const [vnets, appGw, frontDoor] = await Promise.all([list(VNETS), list(WAF_APPGW), list(WAF_FRONTDOOR)]);
  const gaps = [];
  const gap = (collection, what, o) => {
    gaps.push({ collection, scope: sub, api: what.api, error: o.error, permission: what.permission });
  };
  const vnetPeerings = vnets.ok ? vnets.value.flatMap((v) => peeringsOf(obj(v), scope)) : (gap(PEERINGS_COLLECTION, VNETS, vnets), []);
  const wafPolicies = [];
  for (const [got, what, fd] of [[appGw, WAF_APPGW, false], [frontDoor, WAF_FRONTDOOR, true]]) {
    if (got.ok) wafPolicies.push(...got.value.map((p) => wafPolicyOf(obj(p), fd, scope)));
    else gap(WAF_COLLECTION, what, got);
  }
  return { vnetPeerings, wafPolicies, gaps };
}

// src/collectors/azure-live/postgres.ts
import { getContinuationToken as getContinuationToken4 } from "@azure/arm-postgresql-flexible";
var POSTGRES_COLLECTION = "azure.postgres.flexibleServers";
var PERMISSION7 = {
  servers: "Microsoft.DBforPostgreSQL/flexibleServers/read",
  configurations: "Microsoft.DBforPostgreSQL/flexibleServers/configurations/read"
};
var PARAMETERS = ["require_secure_transport", "ssl_min_protocol_version", "log_connections", "log_disconnections"];
var enabled = (v, dflt) => v === "Enabled" || v === "Disabled" ? v : dflt;
function postgresServerOf(s, scope) {
  const id = s.id ?? "";
  const delegated = s.network?.delegatedSubnetResourceId ?? "";
  return {
    ...azureLiveBase(scope, "PostgresFlexibleServer", s.name ?? id, id, { ...s.tags ?? {} }),
    kind: "PostgresFlexibleServer",
    resourceGroup: resourceGroupOf(id),
    location: s.location,
    subscriptionId: scope.subscriptionId,
    version: s.version ?? "",
    backup: { backupRetentionDays: s.backup?.backupRetentionDays ?? 7, geoRedundantBackup: enabled(s.backup?.geoRedundantBackup, "Disabled") },
    network: {
      // A VNet-injected server has no public endpoint.
      publicNetworkAccess: enabled(s.network?.publicNetworkAccess, delegated !== "" ? "Disabled" : "Enabled"),
      delegatedSubnetResourceId: delegated,
      privateDnsZoneArmResourceId: s.network?.privateDnsZoneArmResourceId ?? ""
    },
    privateEndpoints: (s.privateEndpointConnections ?? []).filter((c) => c.privateLinkServiceConnectionState?.status === "Approved").map((c) => c.privateEndpoint?.id?.split("/").pop() ?? "").filter((n) => n !== ""),
    highAvailability: { mode: s.highAvailability?.mode ?? "Disabled", standbyAvailabilityZone: s.highAvailability?.standbyAvailabilityZone ?? "" },
    authConfig: {
      activeDirectoryAuth: enabled(s.authConfig?.activeDirectoryAuth, "Disabled"),
      passwordAuth: enabled(s.authConfig?.passwordAuth, "Enabled"),
      tenantId: s.authConfig?.tenantId ?? ""
    },
    dataEncryption: {
      type: s.dataEncryption?.type === "AzureKeyVault" ? "AzureKeyVault" : "SystemManaged",
      primaryKeyURI: s.dataEncryption?.primaryKeyURI ?? "",
      geoBackupKeyURI: s.dataEncryption?.geoBackupKeyURI ?? ""
    },
    // Azure's defaults until the parameters are read.
    configurations: { require_secure_transport: "on", ssl_min_protocol_version: "TLSv1.2", log_connections: "on", log_disconnections: "on" },
    diagnosticSettings: [],
    mergedFrom: []
  };
}
async function collectPostgres(client, scope, counter, concurrency) {
  const listed = await armList(counter, () => client.servers.listBySubscription().byPage(), getContinuationToken4);
  if (!listed.ok) {
    return { servers: [], gaps: [{ collection: POSTGRES_COLLECTION, scope: scope.subscriptionId, api: "Servers_ListBySubscription", error: listed.error, permission: PERMISSION7.servers }] };
  }
  const servers = listed.value.map((s) => postgresServerOf(s, scope));
  const reads = servers.flatMap((s) => PARAMETERS.map((p) => ({ s, p })));
  await mapBounded(reads, concurrency, async ({ s, p }) => {
    const got = await armCall(counter, () => client.configurations.get(s.resourceGroup, s.name, p));
    const value = got.ok ? got.value.value : void 0;
    if (value !== void 0) s.configurations[p] = p === "ssl_min_protocol_version" ? value : value.toLowerCase();
    else setUnknown(s, `configurations.${p}`, got.ok ? `Configurations_Get of ${p} on ${s.resourceId} returned no value` : failureReason(`Configurations_Get of ${p} on ${s.resourceId}`, PERMISSION7.configurations, got));
  });
  return { servers, gaps: [] };
}

// src/collectors/azure-live/storage.ts
var STORAGE_COLLECTION = "azure.storage.accounts";
var PERMISSION8 = {
  list: "Microsoft.Storage/storageAccounts/read",
  blobServices: "Microsoft.Storage/storageAccounts/blobServices/read"
};
var NOT_READ = "is not read by the live Azure scan yet";
function replicationOf(sku) {
  const i = sku.indexOf("_");
  return i < 0 ? "" : sku.slice(i + 1);
}
function retentionDays(p) {
  if (p?.enabled !== true) return null;
  return typeof p.days === "number" ? p.days : 7;
}
function storageAccountOf(a, scope) {
  const id = a.id ?? "";
  const skuName = a.sku?.name ?? "";
  const imm = a.immutableStorageWithVersioning?.immutabilityPolicy;
  const sa = {
    ...azureLiveBase(scope, "StorageAccount", a.name ?? id, id, { ...a.tags ?? {} }),
    kind: "StorageAccount",
    resourceGroup: resourceGroupOf(id),
    location: a.location ?? "",
    skuName,
    replicationType: replicationOf(skuName),
    // The API returns effective values; an absent one is the service default (as the Terraform adapter's defaults).
    supportsHttpsTrafficOnly: a.enableHttpsTrafficOnly ?? true,
    minimumTlsVersion: a.minimumTlsVersion ?? "TLS1_0",
    allowBlobPublicAccess: a.allowBlobPublicAccess ?? null,
    // null/absent = shared key allowed (the API's documented default).
    allowSharedKeyAccess: a.allowSharedKeyAccess ?? true,
    publicNetworkAccess: a.publicNetworkAccess ?? "Enabled",
    networkDefaultAction: a.networkRuleSet?.defaultAction ?? "Allow",
    infrastructureEncryption: a.encryption?.requireInfrastructureEncryption ?? false,
    blob: { isVersioningEnabled: null, deleteRetentionDays: null, containerDeleteRetentionDays: null, changeFeedEnabled: null },
    immutability: a.immutableStorageWithVersioning?.enabled === true || imm !== void 0 ? { state: imm?.state ?? "", periodDays: imm?.immutabilityPeriodSinceCreationInDays ?? null, allowProtectedAppendWrites: imm?.allowProtectedAppendWrites ?? null } : null,
    subscriptionId: scope.subscriptionId,
    encryption: a.encryption?.keySource === "Microsoft.Keyvault" ? { keySource: "Microsoft.Keyvault", keyVaultKeyId: keyVaultKeyIdOf(a) } : { keySource: "Microsoft.Storage", keyVaultKeyId: "" },
    managementPolicy: null,
    objectReplicationPolicies: [],
    containers: [],
    privateEndpoints: (a.privateEndpointConnections ?? []).map((c) => c.privateEndpoint?.id ?? "").filter((x) => x !== ""),
    mergedFrom: []
  };
  const unknown = (path, reason) => setUnknown(sa, path, reason);
  if (a.allowBlobPublicAccess === void 0) unknown("allowBlobPublicAccess", `storage account ${sa.name}: ARM returned no allowBlobPublicAccess (older accounts omit it; its effective value depends on when the account was created)`);
  unknown("managementPolicy", `the lifecycle management policy (ManagementPolicies_Get) ${NOT_READ}`);
  unknown("objectReplicationPolicies", `object replication policies (ObjectReplicationPolicies_List) ${NOT_READ}`);
  unknown("containers", `blob containers (BlobContainers_List) ${NOT_READ}`);
  return sa;
}
function keyVaultKeyIdOf(a) {
  const kv = a.encryption?.keyVaultProperties;
  if (!kv?.keyVaultUri || !kv.keyName) return "";
  const base = kv.keyVaultUri.replace(/\/+$/, "");
  return `${base}/keys/${kv.keyName}${kv.keyVersion ? `/${kv.keyVersion}` : ""}`;
}
function applyBlobService(sa, p) {
  sa.blob = {
    isVersioningEnabled: p.isVersioningEnabled ?? false,
    deleteRetentionDays: retentionDays(p.deleteRetentionPolicy),
    containerDeleteRetentionDays: retentionDays(p.containerDeleteRetentionPolicy),
    changeFeedEnabled: p.changeFeed?.enabled ?? false
  };
}
async function collectStorage(client, scope, counter, concurrency) {
  const listed = await armList(counter, () => client.storageAccounts.list().byPage(), continuationOf);
  if (!listed.ok) {
    return { accounts: [], gaps: [{ collection: STORAGE_COLLECTION, scope: scope.subscriptionId, api: "StorageAccounts_List", error: listed.error, permission: PERMISSION8.list }] };
  }
  const accounts = await mapBounded(listed.value, concurrency, async (a) => {
    const sa = storageAccountOf(a, scope);
    const blob = await armCall(counter, () => client.blobServices.getServiceProperties(sa.resourceGroup, sa.name));
    if (blob.ok) applyBlobService(sa, blob.value);
    else {
      const reason = failureReason(`BlobServices_GetServiceProperties of ${sa.name}`, PERMISSION8.blobServices, blob);
      setUnknown(sa, ["blob.isVersioningEnabled", "blob.deleteRetentionDays", "blob.containerDeleteRetentionDays", "blob.changeFeedEnabled"], reason);
    }
    return sa;
  });
  return { accounts, gaps: [] };
}

// src/collectors/azure-live/trafficmanager.ts
import { getContinuationToken as getContinuationToken5 } from "@azure/arm-trafficmanager";
var TRAFFIC_MANAGER_COLLECTION = "azure.trafficManager.profiles";
var PERMISSION9 = "Microsoft.Network/trafficManagerProfiles/read";
function endpointOf(e) {
  return {
    name: e.name ?? "",
    address: "",
    type: e.type ?? "",
    target: (e.target ?? "").toLowerCase().replace(/\.$/, ""),
    targetResourceId: e.targetResourceId ?? "",
    priority: e.priority ?? null,
    weight: e.weight ?? null,
    // "" when ARM sent none (or a value it does not document): marked unknown below.
    endpointStatus: e.endpointStatus === "Enabled" || e.endpointStatus === "Disabled" ? e.endpointStatus : "",
    alwaysServe: e.alwaysServe === "Enabled" ? "Enabled" : "Disabled",
    monitorStatus: e.endpointMonitorStatus ?? ""
  };
}
function trafficManagerProfileOf(p, scope) {
  const id = p.id ?? "";
  const mon = p.monitorConfig;
  const relativeName = p.dnsConfig?.relativeName ?? "";
  const profile = {
    ...azureLiveBase(scope, "TrafficManagerProfile", p.name ?? id, id, { ...p.tags ?? {} }),
    kind: "TrafficManagerProfile",
    resourceGroup: resourceGroupOf(id),
    subscriptionId: scope.subscriptionId,
    profileStatus: p.profileStatus ?? "",
    trafficRoutingMethod: p.trafficRoutingMethod ?? "",
    dnsConfig: { relativeName, ttl: p.dnsConfig?.ttl ?? null, fqdn: (p.dnsConfig?.fqdn ?? (relativeName !== "" ? `${relativeName}.trafficmanager.net` : "")).toLowerCase().replace(/\.$/, "") },
    monitorConfig: {
      protocol: (mon?.protocol ?? "").toUpperCase(),
      port: mon?.port ?? null,
      path: mon?.path ?? "",
      intervalInSeconds: mon?.intervalInSeconds ?? 30,
      timeoutInSeconds: mon?.timeoutInSeconds ?? 10,
      toleratedNumberOfFailures: mon?.toleratedNumberOfFailures ?? 3,
      expectedStatusCodeRanges: (mon?.expectedStatusCodeRanges ?? []).map((r) => ({ min: r.min ?? -1, max: r.max ?? -1 }))
    },
    endpoints: (p.endpoints ?? []).map(endpointOf)
  };
  if (profile.profileStatus === "") setUnknown(profile, "profileStatus", `Traffic Manager profile ${id}: the response has no properties.profileStatus`);
  for (const f of ["intervalInSeconds", "timeoutInSeconds", "toleratedNumberOfFailures"]) {
    if (typeof mon?.[f] !== "number") setUnknown(profile, `monitorConfig.${f}`, `Traffic Manager profile ${id}: the response has no properties.monitorConfig.${f}`);
  }
  (p.endpoints ?? []).forEach((e, i) => {
    if (profile.endpoints[i]?.endpointStatus !== "") return;
    const what = e.endpointStatus === void 0 ? "no properties.endpointStatus" : `endpointStatus ${JSON.stringify(e.endpointStatus)}, neither Enabled nor Disabled,`;
    setUnknown(profile, `endpoints[${i}].endpointStatus`, `Traffic Manager profile ${id}: endpoint ${e.name ?? i} has ${what} in the response`);
  });
  return profile;
}
async function collectTrafficManager(client, scope, counter) {
  const listed = await armList(counter, () => client.profiles.listBySubscription().byPage(), getContinuationToken5);
  if (!listed.ok) {
    return { profiles: [], gaps: [{ collection: TRAFFIC_MANAGER_COLLECTION, scope: scope.subscriptionId, api: "Profiles_ListBySubscription", error: listed.error, permission: PERMISSION9 }] };
  }
  return { profiles: listed.value.map((p) => trafficManagerProfileOf(p, scope)), gaps: [] };
}

// src/collectors/azure-live/collect.ts
var AZURE_LIVE_COLLECTIONS = [
  "azure.providers",
  STORAGE_COLLECTION,
  AKS_COLLECTION,
  AKS_POOLS_COLLECTION,
  "azure.subscriptions",
  VAULTS_COLLECTION,
  KEYS_COLLECTION,
  IDENTITIES_COLLECTION,
  FEDERATED_COLLECTION,
  ROLE_ASSIGNMENTS_COLLECTION,
  DIAGNOSTIC_SETTINGS_COLLECTION,
  POSTGRES_COLLECTION,
  TRAFFIC_MANAGER_COLLECTION,
  ZONES_COLLECTION,
  RECORDS_COLLECTION,
  PEERINGS_COLLECTION,
  WAF_COLLECTION
];
var SUBSCRIPTION_API_VERSION = "2022-12-01";
var DEFAULT_CONCURRENCY = 8;
var DEFAULT_TIMEOUT_MS = 3e4;
function emptyCollections() {
  return {
    providers: [],
    subscriptions: [],
    storage: { accounts: [] },
    aks: { clusters: [], agentPools: [] },
    keyVaults: { vaults: [], keys: [] },
    identity: { userAssigned: [], federatedCredentials: [] },
    authorization: { roleAssignments: [] },
    monitor: { diagnosticSettings: [] },
    postgres: { flexibleServers: [] },
    trafficManager: { profiles: [] },
    dns: { zones: [], records: [] },
    network: { vnetPeerings: [] },
    waf: { policies: [] }
  };
}
function clientOptions(opts, cloud) {
  return {
    endpoint: opts.endpoint ?? cloud.resourceManagerEndpoint,
    // The ARM SDKs default to the public cloud's scope whatever the endpoint: a sovereign cloud's
    // Entra ID would refuse it.
    credentials: { scopes: [cloud.tokenScope] },
    ...opts.tlsCa !== void 0 ? { tlsOptions: { ca: opts.tlsCa } } : {},
    ...opts.maxRetries !== void 0 ? { retryOptions: { maxRetries: opts.maxRetries } } : {},
    additionalPolicies: [{ policy: requestTimeout(opts.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS), position: "perRetry" }]
  };
}
function requestTimeout(ms) {
  return {
    name: "oobguardRequestTimeout",
    sendRequest: (request, next) => {
      if (request.timeout === 0 || request.timeout > ms) request.timeout = ms;
      return next(request);
    }
  };
}
function defaultCredentialOptions(cloud) {
  return { authorityHost: cloud.authorityHost };
}
async function defaultCredential(cloud) {
  const { DefaultAzureCredential } = await import("@azure/identity");
  return new DefaultAzureCredential(defaultCredentialOptions(cloud));
}
async function collectAzure(opts) {
  const cloud = opts.cloud ?? AZURE_CLOUDS.AzurePublicCloud;
  const options = clientOptions(opts, cloud);
  const counter = {
    calls: 0,
    failedCalls: 0,
    gate: new Gate(Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY)),
    endpoint: options.endpoint,
    ...opts.maxPages !== void 0 ? { maxPages: opts.maxPages } : {}
  };
  const azure = emptyCollections();
  const gaps = [];
  const coverage = (scope2) => ({ source: "azure", scope: scope2, calls: counter.calls, failedCalls: counter.failedCalls, gaps });
  const credential = opts.credential ?? await defaultCredential(cloud);
  const sub = opts.subscriptionId;
  const rm = createResourceManagement(credential, sub, options);
  const got = await armCall(counter, () => armGetJson(rm, `/subscriptions/${encodeURIComponent(sub)}`, SUBSCRIPTION_API_VERSION));
  const subscriptionId = got.ok && typeof got.value["subscriptionId"] === "string" ? got.value["subscriptionId"] : "";
  if (!got.ok || subscriptionId === "") {
    const error = got.ok ? "no subscriptionId in the response" : got.error;
    for (const collection of AZURE_LIVE_COLLECTIONS) {
      gaps.push({ collection, scope: sub, api: `GET /subscriptions/${sub}`, error, permission: "Microsoft.Resources/subscriptions/read (any role on the subscription, e.g. Reader)" });
    }
    return { documents: [], mattermostConfigs: [], azure, coverage: coverage(sub) };
  }
  const tenantId = typeof got.value["tenantId"] === "string" ? got.value["tenantId"] : "";
  const scope = { subscriptionId, tenantId };
  const provider = {
    ...azureLiveBase(scope, "AzureProvider", typeof got.value["displayName"] === "string" && got.value["displayName"] !== "" ? got.value["displayName"] : subscriptionId, `/subscriptions/${subscriptionId}`),
    kind: "AzureProvider",
    subscriptionId,
    tenantId,
    callerSubscriptionId: subscriptionId
  };
  if (tenantId === "") setUnknown(provider, "tenantId", `GET /subscriptions/${subscriptionId} returned no tenantId`);
  azure.providers.push(provider);
  const subscription = {
    ...azureLiveBase(scope, "AzureSubscription", subscriptionId, `/subscriptions/${subscriptionId}`),
    kind: "AzureSubscription",
    subscriptionId,
    tenantId,
    providerKeys: [],
    diagnosticSettings: []
  };
  azure.subscriptions.push(subscription);
  const conc = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY);
  const classic = { ...options, credentialScopes: [cloud.tokenScope] };
  const monitor = new MonitorClient(credential, subscriptionId, options);
  const withDiagnostics = async (read, targets) => {
    const r = await read;
    return { ...r, diagnostics: await collectDiagnosticSettings(monitor, targets(r), scope, counter, conc) };
  };
  const [st, ak, kv, ids, ra, pg, tm, dn, nw, sd] = await Promise.all([
    withDiagnostics(
      collectStorage(new StorageManagementClient(credential, subscriptionId, options), scope, counter, conc),
      (r) => r.accounts.map((a) => ({ resourceId: `${a.resourceId}/blobServices/default` }))
    ),
    withDiagnostics(
      collectAks(new ContainerServiceClient(credential, subscriptionId, options), scope, counter),
      (r) => r.clusters.map((c) => ({ resourceId: c.resourceId, holder: c }))
    ),
    withDiagnostics(
      collectKeyVaults(new KeyVaultManagementClient(credential, subscriptionId, options), scope, counter, conc),
      (r) => r.vaults.map((v) => ({ resourceId: v.resourceId }))
    ),
    collectIdentities(new ManagedServiceIdentityClient(credential, subscriptionId, classic), scope, counter, conc),
    collectRoleAssignments(new AuthorizationManagementClient(credential, subscriptionId, classic), scope, counter, conc),
    withDiagnostics(
      collectPostgres(new PostgreSQLManagementFlexibleServerClient(credential, subscriptionId, classic), scope, counter, conc),
      (r) => r.servers.map((s) => ({ resourceId: s.resourceId, holder: s }))
    ),
    collectTrafficManager(new TrafficManagerManagementClient(credential, subscriptionId, classic), scope, counter),
    collectDns(new DnsManagementClient(credential, subscriptionId, classic), scope, counter, conc),
    collectNetwork(rm, scope, counter),
    withDiagnostics(Promise.resolve({}), () => [{ resourceId: subscription.resourceId, holder: subscription }])
  ]);
  const why = (collection, g = gaps.find((x) => x.collection === collection)) => g ? failureReason(g.api, g.permission ?? "", g) : null;
  gaps.push(...st.gaps, ...ak.gaps, ...kv.gaps, ...ids.gaps, ...ra.gaps, ...pg.gaps, ...tm.gaps, ...dn.gaps, ...nw.gaps);
  for (const d of [st, ak, kv, pg, sd]) gaps.push(...d.diagnostics.gaps);
  joinIssuers(ids.federatedCredentials, ak.clusters, why(AKS_COLLECTION));
  markWorkloadIdentities(ra.roleAssignments, ids.userAssigned, why(IDENTITIES_COLLECTION), subscriptionId);
  Object.assign(azure, {
    storage: { accounts: st.accounts },
    aks: { clusters: ak.clusters, agentPools: ak.agentPools },
    keyVaults: { vaults: kv.vaults, keys: kv.keys },
    identity: { userAssigned: ids.userAssigned, federatedCredentials: ids.federatedCredentials },
    authorization: { roleAssignments: ra.roleAssignments },
    monitor: { diagnosticSettings: [st, ak, kv, pg, sd].flatMap((d) => d.diagnostics.settings) },
    postgres: { flexibleServers: pg.servers },
    trafficManager: { profiles: tm.profiles },
    dns: { zones: dn.zones, records: dn.records },
    network: { vnetPeerings: nw.vnetPeerings },
    waf: { policies: nw.wafPolicies }
  });
  return { documents: [], mattermostConfigs: [], azure, coverage: coverage(subscriptionId) };
}
function joinSubscriptions(results) {
  joinAcrossSubscriptions(results.flatMap((r) => r.azure.authorization.roleAssignments), results.flatMap((r) => r.azure.identity.userAssigned));
}
export {
  AZURE_LIVE_COLLECTIONS,
  collectAzure,
  defaultCredentialOptions,
  joinSubscriptions
};
