// oobguard-bundle-sources: 31fd613b91491e638f68adc8b95ee91583f0fb0c361c350be7c8f555a54ff610
import { createRequire as __oobguardCreateRequire } from 'node:module';
const require = __oobguardCreateRequire(import.meta.url);
import {
  entraTenant
} from "./chunk-Q6XQRPEY.mjs";
import "./chunk-FWDKV6HJ.mjs";
import {
  NextLinks,
  armCall,
  describeArmError,
  failureReason,
  isObject,
  obj,
  str,
  strs
} from "./chunk-USYNUCUV.mjs";
import {
  AZURE_CLOUDS,
  graphScope
} from "./chunk-D3YLGKYT.mjs";
import {
  mapBounded
} from "./chunk-DICZ7VKL.mjs";
import {
  MATTERMOST_COLLECTIONS
} from "./chunk-22WTQRQ3.mjs";
import "./chunk-J2PLCBFU.mjs";
import "./chunk-YXAID3U6.mjs";
import {
  setUnknown
} from "./chunk-2VD4TAJ7.mjs";
import "./chunk-NG5CMEQM.mjs";

// src/collectors/graph-live/calls.ts
var GRAPH_PERMISSIONS = {
  organization: "Organization.Read.All",
  conditionalAccessPolicies: "Policy.Read.All",
  securityDefaults: "Policy.Read.All",
  userRegistrationDetails: "AuditLog.Read.All",
  applications: "Application.Read.All",
  users: "User.Read.All"
};
function permissionText(kind) {
  return `${GRAPH_PERMISSIONS[kind]} (Microsoft Graph application permission, admin consent in the tenant)`;
}
var LICENSING_CODES = /* @__PURE__ */ new Set(["authentication_requestfromnonpremiumtenantorb2ctenant", "aadpremiumlicenserequired"]);
var LICENSING_MESSAGE = /premium licen[cs]e|licen[cs]e (is )?required|does not have (a|the) (sku|licen[cs]e)|doesn't have premium|\bP[12]\b licen[cs]e/i;
function cleanMessage(e) {
  const m = e instanceof Error ? e.message : "";
  return m.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, 240);
}
async function graphCall(counter, fn) {
  let message = "";
  const o = await armCall(counter, async () => {
    try {
      return await fn();
    } catch (e) {
      message = cleanMessage(e);
      throw e;
    }
  });
  if (o.ok) return o;
  const licensing = (o.status === 403 || o.status === 400) && (LICENSING_CODES.has(o.code.toLowerCase()) || LICENSING_MESSAGE.test(message));
  const error = describeArmError(o.code, o.status);
  return { ...o, error: message === "" || message === o.code ? error : `${error}: ${message}`, licensing };
}
function missingFor(kind, outcome) {
  return outcome.licensing ? `a Microsoft Entra ID P1 or P2 licence in the tenant (Graph refused for licensing), then ${GRAPH_PERMISSIONS[kind]}` : permissionText(kind);
}

// src/collectors/graph-live/client.ts
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createHttpHeaders,
  createPipelineFromOptions,
  createPipelineRequest
} from "@azure/core-rest-pipeline";
var API_VERSION = "v1.0";
var DEFAULT_TIMEOUT_MS = 3e4;
function failure(code, status, message) {
  return Object.assign(new Error(message), { code, statusCode: status });
}
function queryString(query) {
  const parts = Object.entries(query ?? {}).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length === 0 ? "" : `?${parts.join("&")}`;
}
function forTenant(credential, tenantId) {
  return { getToken: (scopes, options) => credential.getToken(scopes, { ...options, tenantId }) };
}
function createGraphClient(c) {
  const pipeline = createPipelineFromOptions({
    ...c.tlsCa !== void 0 ? { tlsOptions: { ca: c.tlsCa } } : {},
    ...c.maxRetries !== void 0 ? { retryOptions: { maxRetries: c.maxRetries } } : {},
    userAgentOptions: { userAgentPrefix: "oobguard" },
    // No request this client makes is redirected by Graph; a redirect is not followed (the token stays on the endpoint).
    redirectOptions: { maxRetries: 0 }
  });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: forTenant(c.credential, c.tenantId), scopes: c.scope }));
  const http = createDefaultHttpClient();
  const origin = new URL(c.endpoint).origin;
  const base = `${c.endpoint}/${API_VERSION}`;
  async function fetchJson(url) {
    const request = createPipelineRequest({
      url,
      method: "GET",
      timeout: c.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      headers: createHttpHeaders({ accept: "application/json" })
    });
    const res = await pipeline.sendRequest(http, request);
    const text = res.bodyAsText ?? "";
    let body;
    try {
      body = text === "" ? void 0 : JSON.parse(text);
    } catch {
      body = void 0;
    }
    if (res.status < 200 || res.status > 299) {
      const err = isObject(body) && isObject(body["error"]) ? body["error"] : {};
      const code = typeof err["code"] === "string" && err["code"] !== "" ? err["code"] : "HttpError";
      throw failure(code, res.status, typeof err["message"] === "string" ? err["message"] : "");
    }
    if (!isObject(body)) throw failure("MalformedResponse", res.status, "the response is not a JSON object");
    return body;
  }
  return {
    async get(path, query) {
      return await fetchJson(`${base}${path}${queryString(query)}`);
    },
    async list(path, query) {
      const out = [];
      const links = new NextLinks(origin);
      let url = `${base}${path}${queryString(query)}`;
      links.first(url);
      while (url !== void 0) {
        const page = await fetchJson(url);
        const value = page["value"];
        if (!Array.isArray(value)) throw failure("MalformedResponse", 200, `a page of ${path} has no "value" array`);
        for (const item of value) if (isObject(item)) out.push(item);
        url = links.next(page["@odata.nextLink"]);
      }
      return out;
    }
  };
}

// src/collectors/graph-live/normalize.ts
function graphBase(tenantId, kind, name, path) {
  return {
    id: `graph/${tenantId}${path}`,
    kind,
    name,
    source: { file: `oobguard-live/graph/${tenantId}`, line: 1, ref: path },
    address: "",
    resourceId: path,
    providerKey: "azuread",
    origin: "live",
    module: "",
    tags: {}
  };
}
function conditionalAccessPolicy(tenantId, p) {
  const id = str(p["id"]);
  const displayName = str(p["displayName"]);
  const conditions = obj(p["conditions"]);
  const users = obj(conditions["users"]);
  const apps = obj(conditions["applications"]);
  const locations = obj(conditions["locations"]);
  const platforms = obj(conditions["platforms"]);
  const filter = obj(obj(conditions["devices"])["deviceFilter"]);
  const grant = obj(p["grantControls"]);
  const strength = obj(grant["authenticationStrength"]);
  const policy = {
    ...graphBase(tenantId, "ConditionalAccessPolicy", displayName || id, `/identity/conditionalAccess/policies/${id}`),
    kind: "ConditionalAccessPolicy",
    tenantId,
    displayName,
    state: str(p["state"]),
    conditions: {
      users: {
        includeUsers: strs(users["includeUsers"]),
        excludeUsers: strs(users["excludeUsers"]),
        includeGroups: strs(users["includeGroups"]),
        excludeGroups: strs(users["excludeGroups"]),
        includeRoles: strs(users["includeRoles"]),
        excludeRoles: strs(users["excludeRoles"]),
        excludeGuestsOrExternalUsers: str(obj(users["excludeGuestsOrExternalUsers"])["guestOrExternalUserTypes"]).split(",").map((t) => t.trim()).filter((t) => t !== "" && t !== "none")
      },
      applications: { includeApplications: strs(apps["includeApplications"]), excludeApplications: strs(apps["excludeApplications"]) },
      clientAppTypes: strs(conditions["clientAppTypes"]),
      locations: { includeLocations: strs(locations["includeLocations"]), excludeLocations: strs(locations["excludeLocations"]) },
      platforms: { includePlatforms: strs(platforms["includePlatforms"]), excludePlatforms: strs(platforms["excludePlatforms"]) },
      userRiskLevels: strs(conditions["userRiskLevels"]),
      signInRiskLevels: strs(conditions["signInRiskLevels"]),
      deviceFilter: { mode: str(filter["mode"]), rule: str(filter["rule"]) }
    },
    // A policy with session controls only has `grantControls: null`: it grants nothing.
    grantControls: {
      operator: str(grant["operator"]),
      builtInControls: strs(grant["builtInControls"]),
      authenticationStrength: str(strength["id"]) !== "" ? { id: str(strength["id"]) } : null
    }
  };
  if (!Array.isArray(conditions["clientAppTypes"])) setUnknown(policy, "conditions.clientAppTypes", `Conditional Access policy ${id}: Graph returned no conditions.clientAppTypes`);
  return policy;
}
function entraUser(tenantId, lookup, declaredAs, u) {
  const userId = u === null ? "" : str(u["id"]);
  return {
    ...graphBase(tenantId, "EntraUser", lookup, userId !== "" ? `/users/${userId}` : `/users/${encodeURIComponent(lookup)}`),
    kind: "EntraUser",
    tenantId,
    lookup,
    declaredAs,
    exists: u !== null,
    userId,
    userPrincipalName: u === null ? lookup : str(u["userPrincipalName"]),
    displayName: u === null ? "" : str(u["displayName"]),
    accountEnabled: u !== null && u["accountEnabled"] === true,
    userType: u === null ? "" : str(u["userType"])
  };
}
function entraApplication(tenantId, appId, configuredIn, found) {
  const objectId = found === void 0 ? "" : str(found["id"]);
  return {
    ...graphBase(tenantId, "EntraApplication", found === void 0 ? appId : str(found["displayName"]) || appId, objectId !== "" ? `/applications/${objectId}` : `/applications(appId='${appId}')`),
    kind: "EntraApplication",
    tenantId,
    appId,
    configuredIn,
    registered: found !== void 0,
    objectId,
    displayName: found === void 0 ? "" : str(found["displayName"]),
    signInAudience: found === void 0 ? "" : str(found["signInAudience"])
  };
}
function userRegistration(tenantId, upn, r) {
  const userId = r === void 0 ? "" : str(r["id"]);
  const g = r ?? {};
  return {
    ...graphBase(tenantId, "EntraUserRegistration", str(g["userPrincipalName"]) || upn, `/reports/authenticationMethods/userRegistrationDetails/${userId || encodeURIComponent(upn)}`),
    kind: "EntraUserRegistration",
    tenantId,
    userId,
    userPrincipalName: str(g["userPrincipalName"]) || upn,
    userDisplayName: str(g["userDisplayName"]),
    userType: str(g["userType"]),
    isAdmin: g["isAdmin"] === true,
    isMfaRegistered: g["isMfaRegistered"] === true,
    isMfaCapable: g["isMfaCapable"] === true,
    isPasswordlessCapable: g["isPasswordlessCapable"] === true,
    methodsRegistered: strs(g["methodsRegistered"]),
    lastUpdatedDateTime: str(g["lastUpdatedDateTime"])
  };
}

// src/collectors/graph-live/collect.ts
var GRAPH_COLLECTIONS = {
  organizations: "azure.entra.organizations",
  conditionalAccessPolicies: "azure.entra.conditionalAccessPolicies",
  userRegistrationDetails: "azure.entra.userRegistrationDetails",
  applications: "azure.entra.applications",
  users: "azure.entra.users"
};
var API = {
  organization: "GET /v1.0/organization",
  securityDefaults: "GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy",
  conditionalAccessPolicies: "GET /v1.0/identity/conditionalAccess/policies",
  userRegistrationDetails: "GET /v1.0/reports/authenticationMethods/userRegistrationDetails",
  applications: (appId) => `GET /v1.0/applications?$filter=appId eq '${appId}'`,
  users: (upn) => `GET /v1.0/users/${upn}`
};
var DEFAULT_CONCURRENCY = 6;
function emptyGraphCollections() {
  return { organizations: [], conditionalAccessPolicies: [], userRegistrationDetails: [], applications: [], users: [] };
}
function graphNotRead(scope, api, error, permission) {
  const gaps = Object.values(GRAPH_COLLECTIONS).map((collection) => ({ collection, scope, api, error, permission }));
  return { documents: [], mattermostConfigs: [], azure: { entra: emptyGraphCollections() }, coverage: { source: "graph", scope, calls: 0, failedCalls: 0, gaps } };
}
async function defaultCredential(cloud) {
  const { DefaultAzureCredential } = await import("@azure/identity");
  return new DefaultAzureCredential({ authorityHost: cloud.authorityHost, additionallyAllowedTenants: ["*"] });
}
function failedBecause(api, kind, o) {
  return failureReason(api, missingFor(kind, o), o);
}
function uniqueNames(names) {
  const byKey = /* @__PURE__ */ new Map();
  for (const n of names.map((x) => x.trim())) if (n !== "" && !byKey.has(n.toLowerCase())) byKey.set(n.toLowerCase(), n);
  return [...byKey.values()];
}
async function collectGraph(opts) {
  const tenantId = opts.tenantId;
  const cloud = opts.cloud ?? AZURE_CLOUDS.AzurePublicCloud;
  const endpoint = opts.endpoint ?? cloud.graphEndpoint;
  if (endpoint === "") {
    return graphNotRead(tenantId, "Microsoft Graph", `the custom cloud names no Microsoft Graph endpoint`, "AZURE_GRAPH_ENDPOINT set to the cloud's Graph endpoint");
  }
  const counter = { calls: 0, failedCalls: 0 };
  const gaps = [];
  const entra = emptyGraphCollections();
  const client = createGraphClient({
    endpoint,
    scope: graphScope({ ...cloud, graphEndpoint: cloud.graphEndpoint || endpoint }),
    tenantId,
    credential: opts.credential ?? await defaultCredential(cloud),
    ...opts.tlsCa !== void 0 ? { tlsCa: opts.tlsCa } : {},
    ...opts.maxRetries !== void 0 ? { maxRetries: opts.maxRetries } : {},
    ...opts.timeoutMs !== void 0 ? { timeoutMs: opts.timeoutMs } : {}
  });
  const roster = uniqueNames(opts.roster ?? []);
  const rosterKeys = new Set(roster.map((r) => r.toLowerCase()));
  const declared = /* @__PURE__ */ new Map();
  for (const [names, as] of [[roster, "irRoster"], [uniqueNames(opts.breakGlass ?? []), "breakGlassSubjects"]]) {
    for (const n of names) {
      const d = declared.get(n.toLowerCase()) ?? { lookup: n, declaredAs: [] };
      d.declaredAs.push(as);
      declared.set(n.toLowerCase(), d);
    }
  }
  let org;
  let defaults;
  let policies;
  let registrations;
  const tasks = [
    async () => {
      org = await graphCall(counter, () => client.list("/organization", { $select: "id,displayName,verifiedDomains" }));
    },
    async () => {
      defaults = await graphCall(counter, () => client.get("/policies/identitySecurityDefaultsEnforcementPolicy"));
    },
    async () => {
      policies = await graphCall(counter, () => client.list("/identity/conditionalAccess/policies"));
    }
  ];
  if (roster.length > 0) tasks.push(async () => {
    registrations = await graphCall(counter, () => client.list("/reports/authenticationMethods/userRegistrationDetails"));
  });
  for (const app of opts.apps ?? []) tasks.push(async () => {
    entra.applications.push(await lookUpApp(client, counter, tenantId, app));
  });
  for (const d of declared.values()) tasks.push(async () => {
    entra.users.push(await lookUpUser(client, counter, tenantId, d));
  });
  await mapBounded(tasks, Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY), (t) => t());
  if (policies?.ok) entra.conditionalAccessPolicies = policies.value.map((p) => conditionalAccessPolicy(tenantId, p));
  else if (policies) gaps.push({ collection: GRAPH_COLLECTIONS.conditionalAccessPolicies, scope: tenantId, api: API.conditionalAccessPolicies, error: policies.error, permission: missingFor("conditionalAccessPolicies", policies) });
  const first = org?.ok ? org.value[0] : void 0;
  const organization = {
    ...graphBase(tenantId, "EntraOrganization", str(first?.["displayName"]) || tenantId, `/organization/${str(first?.["id"]) || tenantId}`),
    kind: "EntraOrganization",
    tenantId,
    organizationId: str(first?.["id"]),
    displayName: str(first?.["displayName"]),
    verifiedDomains: Array.isArray(first?.["verifiedDomains"]) ? first["verifiedDomains"].map((d) => str(d?.["name"])).filter((n) => n !== "") : [],
    subscriptionIds: [...opts.subscriptionIds ?? []],
    securityDefaultsEnabled: defaults?.ok === true && defaults.value["isEnabled"] === true,
    conditionalAccessPolicyCount: entra.conditionalAccessPolicies.length
  };
  if (!org?.ok || first === void 0) {
    const reason = org && !org.ok ? failedBecause(API.organization, "organization", org) : `${API.organization} returned no organization`;
    setUnknown(organization, ["organizationId", "displayName", "verifiedDomains"], reason);
  }
  if (defaults && !defaults.ok) setUnknown(organization, ["securityDefaultsEnabled"], failedBecause(API.securityDefaults, "securityDefaults", defaults));
  else if (defaults?.ok && typeof defaults.value["isEnabled"] !== "boolean") setUnknown(organization, ["securityDefaultsEnabled"], `${API.securityDefaults} returned no isEnabled`);
  if (policies && !policies.ok && !organization.securityDefaultsEnabled) {
    setUnknown(organization, ["conditionalAccessPolicyCount"], failedBecause(API.conditionalAccessPolicies, "conditionalAccessPolicies", policies));
  }
  entra.organizations.push(organization);
  if (registrations?.ok) {
    const byUpn = /* @__PURE__ */ new Map();
    for (const r of registrations.value) {
      const upn = str(r["userPrincipalName"]).toLowerCase();
      if (rosterKeys.has(upn)) byUpn.set(upn, r);
    }
    for (const upn of roster) {
      const entry = byUpn.get(upn.toLowerCase());
      const reg = userRegistration(tenantId, upn, entry);
      if (entry === void 0) {
        setUnknown(
          reg,
          ["userId", "isAdmin", "isMfaRegistered", "isMfaCapable", "isPasswordlessCapable", "methodsRegistered", "userType"],
          `${upn} is not in the authentication methods registration report of tenant ${tenantId} (${API.userRegistrationDetails}): no such user there, or the report has not caught up`
        );
      }
      entra.userRegistrationDetails.push(reg);
    }
  } else if (registrations) {
    gaps.push({ collection: GRAPH_COLLECTIONS.userRegistrationDetails, scope: tenantId, api: API.userRegistrationDetails, error: registrations.error, permission: missingFor("userRegistrationDetails", registrations) });
  }
  entra.applications.sort((a, b) => a.appId.localeCompare(b.appId));
  const order = [...declared.keys()];
  entra.users.sort((a, b) => order.indexOf(a.lookup.toLowerCase()) - order.indexOf(b.lookup.toLowerCase()));
  const coverage = { source: "graph", scope: tenantId, calls: counter.calls, failedCalls: counter.failedCalls, gaps };
  return { documents: [], mattermostConfigs: [], azure: { entra }, coverage };
}
async function lookUpApp(client, counter, tenantId, app) {
  const got = await graphCall(counter, () => client.list("/applications", { $filter: `appId eq '${app.appId}'`, $select: "id,appId,displayName,signInAudience" }));
  const found = got.ok ? got.value.find((a2) => str(a2["appId"]).toLowerCase() === app.appId.toLowerCase()) : void 0;
  const a = entraApplication(tenantId, app.appId, app.configuredIn, found);
  if (!got.ok) setUnknown(a, ["registered", "objectId", "displayName", "signInAudience"], failedBecause(API.applications(app.appId), "applications", got));
  return a;
}
async function lookUpUser(client, counter, tenantId, d) {
  const got = await graphCall(counter, async () => {
    try {
      return await client.get(`/users/${encodeURIComponent(d.lookup)}`, { $select: "id,userPrincipalName,displayName,accountEnabled,userType" });
    } catch (e) {
      if (e.statusCode === 404 && e.code === "Request_ResourceNotFound") return null;
      throw e;
    }
  });
  const u = entraUser(tenantId, d.lookup, d.declaredAs, got.ok ? got.value : null);
  if (!got.ok) setUnknown(u, ["exists", "userId", "userPrincipalName", "displayName", "accountEnabled", "userType"], failedBecause(API.users(d.lookup), "users", got));
  else if (got.value !== null && typeof got.value["accountEnabled"] !== "boolean") setUnknown(u, ["accountEnabled"], `${API.users(d.lookup)} returned no accountEnabled`);
  return u;
}

// src/collectors/graph-live/tenants.ts
var TENANTS_IN_FLIGHT = 4;
var GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
var UPN = /^[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+$/;
function unknownWhy(o, path) {
  const under = (p, prefix) => p === prefix || p.startsWith(`${prefix}.`);
  if ((o.known ?? []).some((k) => under(path, k))) return void 0;
  const hit = Object.keys(o.unknown ?? {}).find((u) => under(path, u));
  return hit === void 0 ? void 0 : o.unknown[hit];
}
var OPENID_ENDPOINTS = ["DiscoveryEndpoint", "AuthEndpoint", "TokenEndpoint"];
function mattermostEntraApps(configs) {
  const apps = /* @__PURE__ */ new Map();
  const unknown = [];
  for (const c of configs) {
    const where = `Mattermost configuration ${c.name || c.id} (${c.source.file})`;
    for (const section of ["OpenIdSettings", "Office365Settings"]) {
      const s = c.settings[section] ?? {};
      const enableWhy = unknownWhy(c, `settings.${section}.Enable`);
      if (s["Enable"] !== true && enableWhy === void 0) continue;
      const idWhy = unknownWhy(c, `settings.${section}.Id`);
      const endpointsWhy = section === "OpenIdSettings" ? OPENID_ENDPOINTS.map((k) => unknownWhy(c, `settings.${section}.${k}`)).find((w) => w !== void 0) : void 0;
      const id = typeof s["Id"] === "string" ? s["Id"].trim().toLowerCase() : "";
      const entra = section === "Office365Settings" || OPENID_ENDPOINTS.some((k) => typeof s[k] === "string" && entraTenant(s[k]) !== "");
      const why = enableWhy !== void 0 ? `${section}.Enable` : idWhy !== void 0 ? `${section}.Id` : !entra && endpointsWhy !== void 0 ? `${section}'s endpoints` : "";
      if (why !== "") {
        unknown.push(`${where}: ${why} not known (${enableWhy ?? idWhy ?? endpointsWhy}), so whether it signs users in through an Entra app, and which, cannot be told`);
        continue;
      }
      if (!GUID.test(id) || !entra) continue;
      const a = apps.get(id) ?? { appId: id, configuredIn: [] };
      if (!a.configuredIn.includes(section)) a.configuredIn.push(section);
      apps.set(id, a);
    }
  }
  return { apps: [...apps.values()], unknown };
}
function applicationGaps(tenantId, apps, coverage) {
  const collection = GRAPH_COLLECTIONS.applications;
  const fromConfigs = apps.unknown.map((error) => ({ collection, scope: tenantId, api: "reading Mattermost's Entra client id", error }));
  const fromReads = coverage.flatMap((c) => c.gaps.filter((g) => g.collection === MATTERMOST_COLLECTIONS.configs).map((g) => ({
    collection,
    scope: tenantId,
    api: `${g.api} (${c.source}${c.scope ? ` ${c.scope}` : ""})`,
    error: `${g.error}; that Mattermost configuration could not be read, so its Entra client id is not known`,
    ...g.permission !== void 0 ? { permission: g.permission } : {}
  })));
  return [...fromConfigs, ...fromReads];
}
async function collectGraphTenants(input) {
  if (input.graph === false) return [graphNotRead("", "Microsoft Graph", "not read (--no-graph)", "a scan without --no-graph")];
  const subscriptionsOf = /* @__PURE__ */ new Map();
  const add = (tenant, subscription) => {
    const t = tenant.trim().toLowerCase();
    if (t === "") return;
    const subs = subscriptionsOf.get(t) ?? [];
    if (subscription !== void 0 && !subs.includes(subscription)) subs.push(subscription);
    subscriptionsOf.set(t, subs);
  };
  for (const p of input.snapshot.azure.providers) {
    if (p.origin === "live" && p.callerSubscriptionId !== "" && !p.unknown?.["tenantId"]) add(p.tenantId, p.callerSubscriptionId);
  }
  for (const t of input.tenants ?? []) add(t);
  const oob = input.environment.oob.entraTenantId.trim().toLowerCase();
  add(oob);
  if (subscriptionsOf.size === 0) {
    return [graphNotRead("", "Microsoft Graph", "no Entra tenant to read: no subscription was read, and neither --tenant nor environment.oob.entraTenantId names one", "a readable subscription, --tenant <id>, or environment.oob.entraTenantId")];
  }
  const apps = mattermostEntraApps(input.snapshot.mattermost.configs);
  const coverage = input.coverage ?? [];
  const breakGlass = input.environment.oob.breakGlassSubjects.filter((s) => UPN.test(s.trim()));
  const c = input.connection ?? {};
  return mapBounded([...subscriptionsOf], TENANTS_IN_FLIGHT, async ([tenantId, subscriptionIds]) => {
    input.onProgress?.(`reading Entra tenant ${tenantId} through Microsoft Graph\u2026`);
    const lookups = oob === "" || tenantId === oob;
    const result = await collectGraph({
      tenantId,
      subscriptionIds,
      apps: apps.apps,
      ...lookups ? { roster: input.environment.oob.irRoster, breakGlass } : {},
      ...input.cloud !== void 0 ? { cloud: input.cloud } : {},
      ...c.credential !== void 0 ? { credential: c.credential } : {},
      ...c.endpoint !== void 0 ? { endpoint: c.endpoint } : {},
      ...c.tlsCa !== void 0 ? { tlsCa: c.tlsCa } : {},
      ...c.maxRetries !== void 0 ? { maxRetries: c.maxRetries } : {}
    });
    result.coverage.gaps.push(...applicationGaps(tenantId, apps, coverage));
    return result;
  });
}
export {
  collectGraphTenants,
  mattermostEntraApps
};
