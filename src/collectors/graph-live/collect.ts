/**
 * Live Microsoft Graph collector: reads one Entra ID tenant (Graph v1.0, client.ts) for the MFA
 * and identity controls only Graph can answer, into `azure.entra.*` (src/model/entra.ts):
 *
 * - `GET /organization` → `organizations` (the tenant that answered, its name and domains);
 * - `GET /policies/identitySecurityDefaultsEnforcementPolicy` → `securityDefaultsEnabled`;
 * - `GET /identity/conditionalAccess/policies` → `conditionalAccessPolicies` (the collection the
 *   Terraform azuread adapter fills, so the same rules judge both);
 * - `GET /reports/authenticationMethods/userRegistrationDetails` (every page) → the roster users'
 *   entries in `userRegistrationDetails` — read only when a roster is declared, and only the
 *   roster is kept;
 * - `GET /applications?$filter=appId eq '…'` per Mattermost client id → `applications`;
 * - `GET /users/{upn}` per roster or break-glass UPN → `users` (a 404 is "does not exist").
 *
 * Requests run concurrently (bounded), each counted once; one failing never stops the others. A
 * failed list is a coverage gap on its collection (scope = the tenant) naming the Graph
 * application permission (calls.ts) — or the Entra ID P1/P2 licence when Graph refused for
 * licensing, so those controls are unknown with that reason, never passed; a failed single read
 * is an `unknown` on the fields of the one object it hides.
 */
import type { TokenCredential } from '@azure/identity';
import type { EntraCollections, EntraOrganization, EntraUser } from '../../model/entra.ts';
import type { CoverageGap, SourceCoverage } from '../../model/snapshot.ts';
import { setUnknown } from '../../model/provenance.ts';
import { str } from '../live/json.ts';
import type { LiveResult } from '../live/types.ts';
import { AZURE_CLOUDS, graphScope, type AzureCloud } from '../azure-live/cloud.ts';
import { createGraphClient, type GraphClient, type GraphObject } from './client.ts';
import { failureReason, graphCall, mapBounded, missingFor, type CallCounter, type GraphOutcome, type GraphRequestKind } from './calls.ts';
import { conditionalAccessPolicy, entraApplication, entraUser, graphBase, userRegistration } from './normalize.ts';

export interface GraphTenantOptions {
  tenantId: string;
  /** Any object with `getToken`; default `DefaultAzureCredential` at the cloud's authority host. Tokens are asked for `tenantId`. */
  credential?: TokenCredential;
  /** The cloud (default public): the Graph endpoint and token scope. */
  cloud?: AzureCloud;
  /** Graph endpoint overriding the cloud's (tests: the local server); the token scope stays the cloud's. */
  endpoint?: string;
  tlsCa?: string;
  maxRetries?: number;
  timeoutMs?: number;
  /** Requests in flight at most (default 6). */
  concurrency?: number;
  /** Scanned subscriptions in this tenant (recorded on the organization). */
  subscriptionIds?: string[];
  /** `environment.oob.irRoster`: UPNs looked up, and whose MFA registration is kept. */
  roster?: string[];
  /** Break-glass UPNs (`environment.oob.breakGlassSubjects` entries that are UPNs) looked up. */
  breakGlass?: string[];
  /** Mattermost's Entra client ids and the settings that name them. */
  apps?: { appId: string; configuredIn: string[] }[];
}

export type GraphLiveCollections = Pick<EntraCollections, 'organizations' | 'conditionalAccessPolicies' | 'userRegistrationDetails' | 'applications' | 'users'>;

export interface GraphLiveResult extends LiveResult {
  azure: { entra: GraphLiveCollections };
}

export const GRAPH_COLLECTIONS = {
  organizations: 'azure.entra.organizations',
  conditionalAccessPolicies: 'azure.entra.conditionalAccessPolicies',
  userRegistrationDetails: 'azure.entra.userRegistrationDetails',
  applications: 'azure.entra.applications',
  users: 'azure.entra.users',
} as const;

const API = {
  organization: 'GET /v1.0/organization',
  securityDefaults: 'GET /v1.0/policies/identitySecurityDefaultsEnforcementPolicy',
  conditionalAccessPolicies: 'GET /v1.0/identity/conditionalAccess/policies',
  userRegistrationDetails: 'GET /v1.0/reports/authenticationMethods/userRegistrationDetails',
  applications: (appId: string) => `GET /v1.0/applications?$filter=appId eq '${appId}'`,
  users: (upn: string) => `GET /v1.0/users/${upn}`,
} as const;

const DEFAULT_CONCURRENCY = 6;

export function emptyGraphCollections(): GraphLiveCollections {
  return { organizations: [], conditionalAccessPolicies: [], userRegistrationDetails: [], applications: [], users: [] };
}

/** A coverage result with one gap per Graph collection: Graph was not (or could not be) read for `scope`. */
export function graphNotRead(scope: string, api: string, error: string, permission: string): GraphLiveResult {
  const gaps: CoverageGap[] = Object.values(GRAPH_COLLECTIONS).map((collection) => ({ collection, scope, api, error, permission }));
  return { documents: [], mattermostConfigs: [], azure: { entra: emptyGraphCollections() }, coverage: { source: 'graph', scope, calls: 0, failedCalls: 0, gaps } };
}

async function defaultCredential(cloud: AzureCloud): Promise<TokenCredential> {
  const { DefaultAzureCredential } = await import('@azure/identity');
  // Tokens are asked per tenant (client.ts): let the credential serve the tenants of the scan.
  return new DefaultAzureCredential({ authorityHost: cloud.authorityHost, additionallyAllowedTenants: ['*'] });
}

function failedBecause(api: string, kind: GraphRequestKind, o: Extract<GraphOutcome<unknown>, { ok: false }>): string {
  return failureReason(api, missingFor(kind, o), o);
}

/** Trimmed, de-duplicated case-insensitively, in the order given. */
function uniqueNames(names: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const n of names.map((x) => x.trim())) if (n !== '' && !byKey.has(n.toLowerCase())) byKey.set(n.toLowerCase(), n);
  return [...byKey.values()];
}

export async function collectGraph(opts: GraphTenantOptions): Promise<GraphLiveResult> {
  const tenantId = opts.tenantId;
  const cloud = opts.cloud ?? AZURE_CLOUDS.AzurePublicCloud;
  const endpoint = opts.endpoint ?? cloud.graphEndpoint;
  if (endpoint === '') {
    return graphNotRead(tenantId, 'Microsoft Graph', `the custom cloud names no Microsoft Graph endpoint`, 'AZURE_GRAPH_ENDPOINT set to the cloud\'s Graph endpoint');
  }
  const counter: CallCounter = { calls: 0, failedCalls: 0 };
  const gaps: CoverageGap[] = [];
  const entra = emptyGraphCollections();
  const client = createGraphClient({
    endpoint, scope: graphScope({ ...cloud, graphEndpoint: cloud.graphEndpoint || endpoint }), tenantId,
    credential: opts.credential ?? await defaultCredential(cloud),
    ...(opts.tlsCa !== undefined ? { tlsCa: opts.tlsCa } : {}),
    ...(opts.maxRetries !== undefined ? { maxRetries: opts.maxRetries } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  });
  const roster = uniqueNames(opts.roster ?? []);
  const rosterKeys = new Set(roster.map((r) => r.toLowerCase()));
  const declared = new Map<string, { lookup: string; declaredAs: string[] }>();
  for (const [names, as] of [[roster, 'irRoster'], [uniqueNames(opts.breakGlass ?? []), 'breakGlassSubjects']] as const) {
    for (const n of names) {
      const d = declared.get(n.toLowerCase()) ?? { lookup: n, declaredAs: [] };
      d.declaredAs.push(as);
      declared.set(n.toLowerCase(), d);
    }
  }

  let org: GraphOutcome<GraphObject[]> | undefined;
  let defaults: GraphOutcome<GraphObject> | undefined;
  let policies: GraphOutcome<GraphObject[]> | undefined;
  let registrations: GraphOutcome<GraphObject[]> | undefined;
  const tasks: (() => Promise<void>)[] = [
    async () => { org = await graphCall(counter, () => client.list('/organization', { $select: 'id,displayName,verifiedDomains' })); },
    async () => { defaults = await graphCall(counter, () => client.get('/policies/identitySecurityDefaultsEnforcementPolicy')); },
    async () => { policies = await graphCall(counter, () => client.list('/identity/conditionalAccess/policies')); },
  ];
  if (roster.length > 0) tasks.push(async () => { registrations = await graphCall(counter, () => client.list('/reports/authenticationMethods/userRegistrationDetails')); });
  for (const app of opts.apps ?? []) tasks.push(async () => { entra.applications.push(await lookUpApp(client, counter, tenantId, app)); });
  for (const d of declared.values()) tasks.push(async () => { entra.users.push(await lookUpUser(client, counter, tenantId, d)); });
  await mapBounded(tasks, Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY), (t) => t());

  // Conditional Access.
  if (policies?.ok) entra.conditionalAccessPolicies = policies.value.map((p) => conditionalAccessPolicy(tenantId, p));
  else if (policies) gaps.push({ collection: GRAPH_COLLECTIONS.conditionalAccessPolicies, scope: tenantId, api: API.conditionalAccessPolicies, error: policies.error, permission: missingFor('conditionalAccessPolicies', policies) });

  // The tenant.
  const first = org?.ok ? org.value[0] : undefined;
  const organization: EntraOrganization = {
    ...graphBase(tenantId, 'EntraOrganization', str(first?.['displayName']) || tenantId, `/organization/${str(first?.['id']) || tenantId}`),
    kind: 'EntraOrganization', tenantId, organizationId: str(first?.['id']), displayName: str(first?.['displayName']),
    verifiedDomains: Array.isArray(first?.['verifiedDomains']) ? (first['verifiedDomains'] as unknown[]).map((d) => str((d as GraphObject | null)?.['name'])).filter((n) => n !== '') : [],
    subscriptionIds: [...(opts.subscriptionIds ?? [])],
    securityDefaultsEnabled: defaults?.ok === true && defaults.value['isEnabled'] === true,
    conditionalAccessPolicyCount: entra.conditionalAccessPolicies.length,
  };
  if (!org?.ok || first === undefined) {
    const reason = org && !org.ok ? failedBecause(API.organization, 'organization', org) : `${API.organization} returned no organization`;
    setUnknown(organization, ['organizationId', 'displayName', 'verifiedDomains'], reason);
  }
  if (defaults && !defaults.ok) setUnknown(organization, ['securityDefaultsEnabled'], failedBecause(API.securityDefaults, 'securityDefaults', defaults));
  else if (defaults?.ok && typeof defaults.value['isEnabled'] !== 'boolean') setUnknown(organization, ['securityDefaultsEnabled'], `${API.securityDefaults} returned no isEnabled`);
  // With security defaults on, Entra ID enables no Conditional Access policy: the list cannot change a verdict.
  if (policies && !policies.ok && !organization.securityDefaultsEnabled) {
    setUnknown(organization, ['conditionalAccessPolicyCount'], failedBecause(API.conditionalAccessPolicies, 'conditionalAccessPolicies', policies));
  }
  entra.organizations.push(organization);

  // MFA registration of the roster.
  if (registrations?.ok) {
    const byUpn = new Map<string, GraphObject>();
    for (const r of registrations.value) {
      const upn = str(r['userPrincipalName']).toLowerCase();
      if (rosterKeys.has(upn)) byUpn.set(upn, r);
    }
    for (const upn of roster) {
      const entry = byUpn.get(upn.toLowerCase());
      const reg = userRegistration(tenantId, upn, entry);
      if (entry === undefined) {
        setUnknown(reg, ['userId', 'isAdmin', 'isMfaRegistered', 'isMfaCapable', 'isPasswordlessCapable', 'methodsRegistered', 'userType'],
          `${upn} is not in the authentication methods registration report of tenant ${tenantId} (${API.userRegistrationDetails}): no such user there, or the report has not caught up`);
      }
      entra.userRegistrationDetails.push(reg);
    }
  } else if (registrations) {
    gaps.push({ collection: GRAPH_COLLECTIONS.userRegistrationDetails, scope: tenantId, api: API.userRegistrationDetails, error: registrations.error, permission: missingFor('userRegistrationDetails', registrations) });
  }

  // Stable order whatever order the requests finished in.
  entra.applications.sort((a, b) => a.appId.localeCompare(b.appId));
  const order = [...declared.keys()];
  entra.users.sort((a, b) => order.indexOf(a.lookup.toLowerCase()) - order.indexOf(b.lookup.toLowerCase()));
  const coverage: SourceCoverage = { source: 'graph', scope: tenantId, calls: counter.calls, failedCalls: counter.failedCalls, gaps };
  return { documents: [], mattermostConfigs: [], azure: { entra }, coverage };
}

async function lookUpApp(client: GraphClient, counter: CallCounter, tenantId: string, app: { appId: string; configuredIn: string[] }) {
  const got = await graphCall(counter, () => client.list('/applications', { $filter: `appId eq '${app.appId}'`, $select: 'id,appId,displayName,signInAudience' }));
  const found = got.ok ? got.value.find((a) => str(a['appId']).toLowerCase() === app.appId.toLowerCase()) : undefined;
  const a = entraApplication(tenantId, app.appId, app.configuredIn, found);
  if (!got.ok) setUnknown(a, ['registered', 'objectId', 'displayName', 'signInAudience'], failedBecause(API.applications(app.appId), 'applications', got));
  return a;
}

async function lookUpUser(client: GraphClient, counter: CallCounter, tenantId: string, d: { lookup: string; declaredAs: string[] }): Promise<EntraUser> {
  const got = await graphCall(counter, async () => {
    try {
      return await client.get(`/users/${encodeURIComponent(d.lookup)}`, { $select: 'id,userPrincipalName,displayName,accountEnabled,userType' });
    } catch (e) {
      // 404 answers the question: no such account in this tenant.
      if ((e as { statusCode?: unknown }).statusCode === 404 && (e as { code?: unknown }).code === 'Request_ResourceNotFound') return null;
      throw e;
    }
  });
  const u = entraUser(tenantId, d.lookup, d.declaredAs, got.ok ? got.value : null);
  if (!got.ok) setUnknown(u, ['exists', 'userId', 'userPrincipalName', 'displayName', 'accountEnabled', 'userType'], failedBecause(API.users(d.lookup), 'users', got));
  else if (got.value !== null && typeof got.value['accountEnabled'] !== 'boolean') setUnknown(u, ['accountEnabled'], `${API.users(d.lookup)} returned no accountEnabled`);
  return u;
}

