/**
 * The live Microsoft Graph collector against a local Graph v1.0 (https, private CA): paging by
 * `@odata.nextLink`, 429 with Retry-After, 403 Authorization_RequestDenied, licensing refusals,
 * 5xx, malformed bodies, a nextLink leaving the endpoint — and, through run(), the rules that judge
 * what it read. The credential is an explicit object: no network beyond 127.0.0.1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GetTokenOptions, TokenCredential } from '@azure/identity';
import { AZURE_CLOUDS, graphScope, resolveAzureCloud } from '../src/collectors/azure-live/cloud.ts';
import { collectGraph, type GraphLiveResult, type GraphTenantOptions } from '../src/collectors/graph-live/collect.ts';
import { collectGraphTenants, mattermostEntraApps } from '../src/collectors/graph-live/tenants.ts';
import { defaultConfig } from '../src/config/config.ts';
import type { Finding } from '../src/engine/types.ts';
import type { MattermostConfig } from '../src/model/mattermost.ts';
import { emptySnapshot } from '../src/model/snapshot.ts';
import { VERSION } from '../src/version.ts';
import { graphError, startGraphApi, type FakeGraph, type GraphReply } from './helpers/graph-api-server.ts';
import { sanitizedConfig, startMattermostApi } from './helpers/mattermost-api-server.ts';
import { runCli } from './helpers/cli.ts';
import { FIXED_NOW, scanFiles } from './helpers/scan.ts';

const TENANT = '7d9a3c2b-3333-4e5f-a6b7-c8d9e0f1a2b3';
const PRIMARY = '72f988bf-bbbb-41af-91ab-2d7cd011db47';
const MM_APP = '3e1f0a2b-5555-4c6d-8e7f-9a0b1c2d3e4f';
const BG_ID = '0e9d8c7b-0000-4000-8000-333333333333';
const ALICE = 'alice@contosooob.onmicrosoft.com';
const BOB = 'bob@contosooob.onmicrosoft.com';
const CAROL = 'carol@contosooob.onmicrosoft.com';
const BREAK_GLASS = 'breakglass1@contosooob.onmicrosoft.com';
const CA = '/identity/conditionalAccess/policies';
const REG = '/reports/authenticationMethods/userRegistrationDetails';
const SD = '/policies/identitySecurityDefaultsEnforcementPolicy';

/** A credential that records each token request (scopes and tenant) and answers `token-<tenant>`. */
function recorder(): { credential: TokenCredential; calls: { scopes: string[]; tenantId: string | undefined }[] } {
  const calls: { scopes: string[]; tenantId: string | undefined }[] = [];
  return {
    calls,
    credential: {
      getToken: async (s: string | string[], o?: GetTokenOptions) => {
        calls.push({ scopes: typeof s === 'string' ? [s] : [...s], tenantId: o?.tenantId });
        return { token: `token-${o?.tenantId ?? 'home'}`, expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    },
  };
}

function policy(id: string, displayName: string, state: string, apps: string[], extra: { excludeUsers?: string[]; builtIn?: string[] } = {}): Record<string, unknown> {
  return {
    id, displayName, state, createdDateTime: '2026-01-10T09:00:00Z', modifiedDateTime: null,
    conditions: {
      clientAppTypes: ['all'], platforms: null, locations: null, signInRiskLevels: [], userRiskLevels: [],
      users: { includeUsers: ['All'], excludeUsers: extra.excludeUsers ?? [], includeGroups: [], excludeGroups: [], includeRoles: [], excludeRoles: [], includeGuestsOrExternalUsers: null },
      applications: { includeApplications: apps, excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [] },
    },
    grantControls: { operator: 'OR', builtInControls: extra.builtIn ?? ['mfa'], customAuthenticationFactors: [], termsOfUse: [], 'authenticationStrength@odata.context': 'x', authenticationStrength: null },
    sessionControls: null,
  };
}

function registration(upn: string, n: number, mfa: boolean, methods: string[]): Record<string, unknown> {
  return {
    id: `1a2b3c4d-0000-4000-8000-00000000000${n}`, userPrincipalName: upn, userDisplayName: upn.split('@')[0], userType: 'member', isAdmin: n === 1,
    isSsprRegistered: mfa, isSsprEnabled: true, isSsprCapable: mfa, isMfaRegistered: mfa, isMfaCapable: mfa, isPasswordlessCapable: methods.includes('fido2'),
    isSystemPreferredAuthenticationMethodEnabled: true, methodsRegistered: methods, defaultMfaMethod: mfa ? 'push' : 'none', lastUpdatedDateTime: '2026-11-19T08:00:00Z',
  };
}

function user(upn: string, id: string, enabled: boolean): GraphReply {
  return { body: { '@odata.context': 'x', id, userPrincipalName: upn, displayName: upn.split('@')[0], accountEnabled: enabled, userType: 'Member' } };
}

function routes(): Record<string, GraphReply | GraphReply[]> {
  return {
    '/organization': { body: { value: [{ id: TENANT, displayName: 'Contoso OOB', verifiedDomains: [{ name: 'contosooob.onmicrosoft.com', isDefault: true, isInitial: true, type: 'Managed' }], tenantType: 'AAD' }] } },
    [SD]: { body: { id: '00000000-0000-0000-0000-000000000005', displayName: 'Security Defaults', description: 'x', isEnabled: false } },
    [CA]: [
      graphError(429, 'TooManyRequests', 'Too many requests', { 'retry-after': '0' }),
      { body: { value: [
        policy('5c4b3a29-0000-4000-8000-000000000001', 'OOB: MFA for Mattermost', 'enabled', [MM_APP], { excludeUsers: [BG_ID] }),
        policy('5c4b3a29-0000-4000-8000-000000000002', 'OOB: MFA everywhere (pilot)', 'enabledForReportingButNotEnforced', ['All']),
        policy('5c4b3a29-0000-4000-8000-000000000003', 'Block legacy authentication', 'enabled', ['All'], { builtIn: ['block'] }),
      ] } },
    ],
    [REG]: { body: { value: [
      registration(ALICE, 1, true, ['fido2', 'microsoftAuthenticatorPush']),
      registration('svc-backup@contosooob.onmicrosoft.com', 2, false, []),
      registration(BOB.toUpperCase(), 3, false, []),
      registration('dave@contosooob.onmicrosoft.com', 4, true, ['mobilePhone']),
      registration(BREAK_GLASS, 5, true, ['fido2']),
    ] } },
    '/applications': { body: { value: [
      { id: '9b8a7c6d-0000-4000-8000-000000000010', appId: MM_APP, displayName: 'Mattermost OOB', signInAudience: 'AzureADMyOrg' },
      { id: '9b8a7c6d-0000-4000-8000-000000000011', appId: '00d0c0b0-6666-4a7b-8c9d-0e1f2a3b4c5d', displayName: 'Velero', signInAudience: 'AzureADMyOrg' },
    ] } },
    [`/users/${ALICE}`]: user(ALICE, '1a2b3c4d-0000-4000-8000-000000000001', true),
    [`/users/${BOB}`]: user(BOB, '1a2b3c4d-0000-4000-8000-000000000003', false),
    [`/users/${BREAK_GLASS}`]: user(BREAK_GLASS, BG_ID, true),
  };
}

let graph: FakeGraph;
let rec: ReturnType<typeof recorder>;
let result: GraphLiveResult;

function options(server: FakeGraph, extra: Partial<GraphTenantOptions> = {}): GraphTenantOptions {
  return {
    tenantId: TENANT, credential: rec.credential, endpoint: server.url, tlsCa: server.ca, maxRetries: 1,
    roster: [ALICE, BOB, CAROL], breakGlass: [BREAK_GLASS], apps: [{ appId: MM_APP, configuredIn: ['OpenIdSettings'] }], ...extra,
  };
}

async function withGraph<T>(r: Record<string, GraphReply | GraphReply[]>, fn: (server: FakeGraph) => Promise<T>, pageSize = 2): Promise<T> {
  const server = await startGraphApi(r, { pageSize });
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

beforeAll(async () => {
  process.env['NO_PROXY'] = '127.0.0.1';
  rec = recorder();
  graph = await startGraphApi(routes(), { pageSize: 2 });
  result = await collectGraph(options(graph));
});

afterAll(async () => {
  await graph.close();
});

describe('collectGraph against a local Graph v1.0', () => {
  it('asks every token for the tenant read and the public cloud\'s Graph scope', () => {
    expect(rec.calls.length).toBeGreaterThan(0);
    expect(new Set(rec.calls.map((c) => c.scopes.join(' ')))).toEqual(new Set(['https://graph.microsoft.com/.default']));
    expect(new Set(rec.calls.map((c) => c.tenantId))).toEqual(new Set([TENANT]));
    expect(graph.requests.every((r) => r.method === 'GET' && r.path.startsWith('/v1.0/') && r.authorization === `Bearer token-${TENANT}`)).toBe(true);
  });

  it('reads the tenant: organization, domains, security defaults, Conditional Access policy count', () => {
    expect(result.azure.entra.organizations).toEqual([expect.objectContaining({
      kind: 'EntraOrganization', tenantId: TENANT, organizationId: TENANT, displayName: 'Contoso OOB', verifiedDomains: ['contosooob.onmicrosoft.com'],
      securityDefaultsEnabled: false, conditionalAccessPolicyCount: 3, subscriptionIds: [], origin: 'live', address: '',
      source: { file: `oobguard-live/graph/${TENANT}`, line: 1, ref: `/organization/${TENANT}` },
    })]);
    expect(result.azure.entra.organizations[0]?.unknown).toBeUndefined();
  });

  it('reads Conditional Access across @odata.nextLink pages, after a 429 with Retry-After, in the Terraform shape', () => {
    const caRequests = graph.requests.filter((r) => r.path === `/v1.0${CA}`);
    expect(caRequests.map((r) => r.query['$skiptoken'] ?? '')).toEqual(['', '', '2']);
    const byName = Object.fromEntries(result.azure.entra.conditionalAccessPolicies.map((p) => [p.displayName, p]));
    expect(Object.keys(byName)).toEqual(['OOB: MFA for Mattermost', 'OOB: MFA everywhere (pilot)', 'Block legacy authentication']);
    expect(byName['OOB: MFA for Mattermost']).toMatchObject({
      kind: 'ConditionalAccessPolicy', tenantId: TENANT, state: 'enabled',
      conditions: { users: { includeUsers: ['All'], excludeUsers: [BG_ID], includeGroups: [], excludeGroups: [], includeRoles: [] }, applications: { includeApplications: [MM_APP], excludeApplications: [] } },
      grantControls: { operator: 'OR', builtInControls: ['mfa'], authenticationStrength: null },
      resourceId: '/identity/conditionalAccess/policies/5c4b3a29-0000-4000-8000-000000000001', origin: 'live',
    });
  });

  it('keeps the registration details of the roster only, matched case-insensitively; a roster user the report lacks is unknown', () => {
    const regs = result.azure.entra.userRegistrationDetails;
    expect(regs.map((r) => [r.userPrincipalName, r.isMfaRegistered])).toEqual([[ALICE, true], [BOB.toUpperCase(), false], [CAROL, false]]);
    expect(regs.some((r) => r.userPrincipalName.startsWith('svc-') || r.userPrincipalName.startsWith('dave'))).toBe(false);
    expect(regs[0]).toMatchObject({ isAdmin: true, isMfaCapable: true, methodsRegistered: ['fido2', 'microsoftAuthenticatorPush'], userId: '1a2b3c4d-0000-4000-8000-000000000001' });
    expect(regs[2]?.unknown?.['isMfaRegistered']).toContain(`${CAROL} is not in the authentication methods registration report of tenant ${TENANT}`);
    // Five entries at two a page: three requests.
    expect(graph.requests.filter((r) => r.path === `/v1.0${REG}`)).toHaveLength(3);
  });

  it('looks up the roster and break-glass accounts; a 404 is an account that does not exist, not a failure', () => {
    expect(result.azure.entra.users.map((u) => [u.lookup, u.exists, u.accountEnabled, u.declaredAs])).toEqual([
      [ALICE, true, true, ['irRoster']], [BOB, true, false, ['irRoster']], [CAROL, false, false, ['irRoster']], [BREAK_GLASS, true, true, ['breakGlassSubjects']],
    ]);
    expect(result.azure.entra.users[3]?.userId).toBe(BG_ID);
    expect(result.azure.entra.users.every((u) => u.unknown === undefined)).toBe(true);
    expect(graph.requests.find((r) => r.path === `/v1.0/users/${ALICE}`)?.query).toEqual({ $select: 'id,userPrincipalName,displayName,accountEnabled,userType' });
  });

  it('finds Mattermost\'s app registration by appId', () => {
    expect(result.azure.entra.applications).toEqual([expect.objectContaining({
      kind: 'EntraApplication', appId: MM_APP, registered: true, displayName: 'Mattermost OOB', signInAudience: 'AzureADMyOrg', configuredIn: ['OpenIdSettings'],
      resourceId: '/applications/9b8a7c6d-0000-4000-8000-000000000010',
    })]);
    expect(graph.requests.find((r) => r.path === '/v1.0/applications')?.query['$filter']).toBe(`appId eq '${MM_APP}'`);
  });

  it('counts each call once (a paged list is one call), none failed, and makes no request twice', () => {
    // organization, security defaults, CA, registration report, 1 app, 4 users.
    expect(result.coverage).toEqual({ source: 'graph', scope: TENANT, calls: 9, failedCalls: 0, gaps: [] });
    const keys = graph.requests.map((r) => `${r.path}?${new URLSearchParams(r.query).toString()}`);
    const repeated = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(repeated).toEqual([`/v1.0${CA}?`]); // the 429, retried by the pipeline
  });
});

describe('Conditional Access conditions that narrow a policy', () => {
  it('reads excluded roles and guests, locations, platforms, client apps, risk levels and the device filter; a policy without clientAppTypes has it unknown', async () => {
    const narrowed = policy('5c4b3a29-0000-4000-8000-000000000011', 'OOB: MFA outside the office', 'enabled', ['All']);
    Object.assign(narrowed['conditions'] as Record<string, unknown>, {
      clientAppTypes: ['browser'], userRiskLevels: ['high'], signInRiskLevels: ['medium'],
      locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
      platforms: { includePlatforms: ['all'], excludePlatforms: ['iOS'] },
      devices: { deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True' } },
    });
    const users = (narrowed['conditions'] as { users: Record<string, unknown> }).users;
    users['excludeRoles'] = ['62e90394-69f5-4237-9190-012177145e10'];
    users['excludeGuestsOrExternalUsers'] = { '@odata.type': '#microsoft.graph.conditionalAccessGuestsOrExternalUsers', guestOrExternalUserTypes: 'internalGuest,b2bCollaborationGuest', externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' } };
    const bare = policy('5c4b3a29-0000-4000-8000-000000000012', 'Old policy', 'enabled', ['All']);
    delete (bare['conditions'] as Record<string, unknown>)['clientAppTypes'];
    await withGraph({ ...routes(), [CA]: { body: { value: [narrowed, bare] } } }, async (server) => {
      const res = await collectGraph(options(server));
      const [p, old] = res.azure.entra.conditionalAccessPolicies;
      expect(p?.conditions).toEqual({
        users: {
          includeUsers: ['All'], excludeUsers: [], includeGroups: [], excludeGroups: [], includeRoles: [],
          excludeRoles: ['62e90394-69f5-4237-9190-012177145e10'], excludeGuestsOrExternalUsers: ['internalGuest', 'b2bCollaborationGuest'],
        },
        applications: { includeApplications: ['All'], excludeApplications: [] },
        clientAppTypes: ['browser'], userRiskLevels: ['high'], signInRiskLevels: ['medium'],
        locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
        platforms: { includePlatforms: ['all'], excludePlatforms: ['iOS'] },
        deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True' },
      });
      expect(p?.unknown).toBeUndefined();
      // Absent conditions read as none.
      expect(old?.conditions).toMatchObject({ clientAppTypes: [], locations: { includeLocations: [], excludeLocations: [] }, deviceFilter: { mode: '', rule: '' } });
      expect(old?.unknown).toEqual({ 'conditions.clientAppTypes': 'Conditional Access policy 5c4b3a29-0000-4000-8000-000000000012: Graph returned no conditions.clientAppTypes' });
    });
  });
});

describe('failures become gaps or unknowns naming the Graph permission or the licence', () => {
  it('403 Authorization_RequestDenied on the registration report: a gap naming AuditLog.Read.All; the rest is read', async () => {
    const r = { ...routes(), [REG]: graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') };
    await withGraph(r, async (server) => {
      const res = await collectGraph(options(server));
      expect(res.coverage.gaps).toEqual([{
        collection: 'azure.entra.userRegistrationDetails', scope: TENANT, api: 'GET /v1.0/reports/authenticationMethods/userRegistrationDetails',
        error: 'Authorization_RequestDenied (HTTP 403): Insufficient privileges to complete the operation.',
        permission: 'AuditLog.Read.All (Microsoft Graph application permission, admin consent in the tenant)',
      }]);
      expect(res.coverage).toMatchObject({ calls: 9, failedCalls: 1 });
      expect(res.azure.entra.userRegistrationDetails).toEqual([]);
      expect(res.azure.entra.conditionalAccessPolicies).toHaveLength(3);
      expect(res.azure.entra.users).toHaveLength(4);
    });
  });

  it('a tenant without P1: Conditional Access refused for licensing is unknown with that reason, unless security defaults are on', async () => {
    const licence = graphError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Tenant is not a B2C tenant and doesn't have premium license");
    await withGraph({ ...routes(), [CA]: licence }, async (server) => {
      const res = await collectGraph(options(server));
      expect(res.coverage.gaps).toEqual([expect.objectContaining({
        collection: 'azure.entra.conditionalAccessPolicies', error: expect.stringContaining("doesn't have premium license"),
        permission: expect.stringContaining('Microsoft Entra ID P1 or P2 licence'),
      })]);
      const why = res.azure.entra.organizations[0]?.unknown?.['conditionalAccessPolicyCount'] ?? '';
      expect(why).toContain('Authentication_RequestFromNonPremiumTenantOrB2CTenant (HTTP 403)');
      expect(why).toContain('P1 or P2 licence');
    });
    const defaultsOn = { ...routes(), [CA]: licence, [SD]: { body: { id: '00000000-0000-0000-0000-000000000005', isEnabled: true } } };
    await withGraph(defaultsOn, async (server) => {
      const res = await collectGraph(options(server));
      expect(res.azure.entra.organizations[0]).toMatchObject({ securityDefaultsEnabled: true });
      expect(res.azure.entra.organizations[0]?.unknown).toBeUndefined();
      expect(res.coverage.gaps.map((g) => g.collection)).toEqual(['azure.entra.conditionalAccessPolicies']);
    });
  });

  it('a 503 past the retries, a malformed body, a redirect and a nextLink leaving the endpoint are failures; nothing else stops', async () => {
    const r = {
      ...routes(),
      [SD]: { status: 302, headers: { location: 'https://127.0.0.1:1/elsewhere' }, body: {} },
      [CA]: graphError(503, 'ServiceUnavailable', 'Service is temporarily unavailable.', { 'retry-after': '0' }),
      '/organization': { raw: '<html>gateway error</html>' },
      [REG]: { body: { value: [registration(ALICE, 1, true, ['fido2'])], '@odata.nextLink': `https://127.0.0.1:1/v1.0${REG}?$skiptoken=x` } },
    };
    await withGraph(r, async (server) => {
      const res = await collectGraph(options(server));
      // One try and one retry (maxRetries 1) for the 503.
      expect(server.requests.filter((q) => q.path === `/v1.0${CA}`)).toHaveLength(2);
      const gaps = Object.fromEntries(res.coverage.gaps.map((g) => [g.collection, g.error]));
      expect(gaps['azure.entra.conditionalAccessPolicies']).toBe('ServiceUnavailable (HTTP 503): Service is temporarily unavailable.');
      expect(gaps['azure.entra.userRegistrationDetails']).toContain('UnexpectedNextLink');
      expect(gaps['azure.entra.userRegistrationDetails']).toContain('not followed');
      const org = res.azure.entra.organizations[0];
      expect(org?.unknown?.['organizationId']).toContain('MalformedResponse (HTTP 200)');
      expect(org?.unknown?.['conditionalAccessPolicyCount']).toContain('ServiceUnavailable');
      expect(org?.unknown?.['securityDefaultsEnabled']).toContain('HttpError (HTTP 302)');
      expect(server.requests.filter((q) => q.path === `/v1.0${SD}`)).toHaveLength(1);
      expect(res.azure.entra.users.filter((u) => u.exists)).toHaveLength(3);
      expect(JSON.stringify(res)).not.toContain('token-');
    }, 100);
  });

  it('a 403 on a user lookup or the app lookup makes that object unknown, naming User.Read.All / Application.Read.All', async () => {
    const denied = graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
    await withGraph({ ...routes(), [`/users/${ALICE}`]: denied, '/applications': denied }, async (server) => {
      const res = await collectGraph(options(server));
      const alice = res.azure.entra.users.find((u) => u.lookup === ALICE);
      expect(alice?.unknown?.['exists']).toBe(`GET /v1.0/users/${ALICE} failed: Authorization_RequestDenied (HTTP 403): Insufficient privileges to complete the operation. — needs User.Read.All (Microsoft Graph application permission, admin consent in the tenant)`);
      expect(res.azure.entra.applications[0]?.unknown?.['registered']).toContain('Application.Read.All');
      expect(res.coverage.gaps).toEqual([]);
    });
  });
});

describe('clouds: Graph endpoint and token scope', () => {
  it('each named cloud has its Graph endpoint; a custom cloud takes AZURE_GRAPH_ENDPOINT', () => {
    expect(graphScope(AZURE_CLOUDS.AzurePublicCloud)).toBe('https://graph.microsoft.com/.default');
    expect(AZURE_CLOUDS.AzureUSGovernment.graphEndpoint).toBe('https://graph.microsoft.us');
    expect(graphScope(AZURE_CLOUDS.AzureUSGovernment)).toBe('https://graph.microsoft.us/.default');
    expect(AZURE_CLOUDS.AzureChinaCloud.graphEndpoint).toBe('https://microsoftgraph.chinacloudapi.cn');
    const custom = resolveAzureCloud(undefined, { AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.oob.example', AZURE_AUTHORITY_HOST: 'https://login.oob.example', AZURE_GRAPH_ENDPOINT: 'https://graph.oob.example/' });
    expect(custom.ok && graphScope(custom.cloud)).toBe('https://graph.oob.example/.default');
    expect(resolveAzureCloud(undefined, { AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.oob.example', AZURE_AUTHORITY_HOST: 'https://login.oob.example', AZURE_GRAPH_ENDPOINT: 'http://graph.oob.example' }))
      .toEqual({ ok: false, error: expect.stringContaining('AZURE_GRAPH_ENDPOINT must be an https URL') });
  });

  it('a custom cloud\'s requests go to AZURE_GRAPH_ENDPOINT with a token for its scope', async () => {
    await withGraph(routes(), async (server) => {
      const cloud = resolveAzureCloud(undefined, { AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://127.0.0.1:1', AZURE_AUTHORITY_HOST: 'https://127.0.0.1:1', AZURE_GRAPH_ENDPOINT: server.url });
      if (!cloud.ok) throw new Error(cloud.error);
      const r = recorder();
      const res = await collectGraph({ tenantId: TENANT, credential: r.credential, cloud: cloud.cloud, tlsCa: server.ca });
      expect(res.coverage).toMatchObject({ failedCalls: 0, gaps: [] });
      expect(new Set(server.requests.map((q) => q.path))).toEqual(new Set(['/v1.0/organization', `/v1.0${SD}`, `/v1.0${CA}`]));
      expect(new Set(r.calls.flatMap((c) => c.scopes))).toEqual(new Set([`${server.url}/.default`]));
    });
  });

  it('a sovereign cloud asks for its own Graph scope; a custom cloud without a Graph endpoint reads nothing and says why', async () => {
    await withGraph(routes(), async (server) => {
      const r = recorder();
      await collectGraph({ tenantId: TENANT, credential: r.credential, cloud: AZURE_CLOUDS.AzureChinaCloud, endpoint: server.url, tlsCa: server.ca });
      expect(new Set(r.calls.flatMap((c) => c.scopes))).toEqual(new Set(['https://microsoftgraph.chinacloudapi.cn/.default']));
    });
    const noGraph = resolveAzureCloud(undefined, { AZURE_RESOURCE_MANAGER_ENDPOINT: 'https://management.oob.example', AZURE_AUTHORITY_HOST: 'https://login.oob.example' });
    if (!noGraph.ok) throw new Error(noGraph.error);
    const r = recorder();
    const res = await collectGraph({ tenantId: TENANT, credential: r.credential, cloud: noGraph.cloud });
    expect(r.calls).toEqual([]);
    expect(res.coverage.calls).toBe(0);
    expect(res.coverage.gaps).toContainEqual(expect.objectContaining({ collection: 'azure.entra.organizations', error: expect.stringContaining('names no Microsoft Graph endpoint'), permission: expect.stringContaining('AZURE_GRAPH_ENDPOINT') }));
  });
});

describe('which tenants are read, and what is asked of each', () => {
  it('Mattermost\'s Entra client ids: enabled Office 365 and Entra OpenID Connect sections only, GUIDs only, once each', () => {
    const cfg = (settings: Record<string, Record<string, unknown>>): MattermostConfig => ({ id: 'c', name: 'config.json', source: { file: 'config.json', line: 1 }, settings } as unknown as MattermostConfig);
    expect(mattermostEntraApps([
      cfg({ OpenIdSettings: { Enable: true, Id: MM_APP.toUpperCase(), DiscoveryEndpoint: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration` } }),
      cfg({ Office365Settings: { Enable: true, Id: MM_APP }, OpenIdSettings: { Enable: true, Id: '6b5a4c3d-0000-4000-8000-000000000099', DiscoveryEndpoint: 'https://keycloak.oob.example.org/realms/oob/.well-known/openid-configuration' } }),
      cfg({ Office365Settings: { Enable: false, Id: '6b5a4c3d-0000-4000-8000-000000000098' } }),
      cfg({ Office365Settings: { Enable: true, Id: 'mattermost' } }),
    ])).toEqual({ apps: [{ appId: MM_APP, configuredIn: ['OpenIdSettings', 'Office365Settings'] }], unknown: [] });
  });

  it('a section whose Enable or Id is unknown names why its client id cannot be told; a known-off section does not', () => {
    const cfg = (settings: Record<string, Record<string, unknown>>, unknown: Record<string, string>, known: string[] = []): MattermostConfig =>
      ({ id: 'mattermost/config/oob/mattermost', name: 'mattermost', source: { file: 'deploy/mattermost.yaml', line: 1 }, settings, unknown, known } as unknown as MattermostConfig);
    const got = mattermostEntraApps([
      // No config.json: every setting unknown but the one the environment sets.
      cfg({ OpenIdSettings: { Enable: false }, Office365Settings: { Enable: false } }, { settings: 'no config.json for Mattermost oob/mattermost is among the inputs' }, ['settings.OpenIdSettings.Enable']),
      cfg({ OpenIdSettings: { Enable: true, Id: '', DiscoveryEndpoint: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration` } }, { 'settings.OpenIdSettings.Id': 'MM_OPENIDSETTINGS_ID: Secret oob/mm-sso is not among the inputs' }),
    ]);
    expect(got.apps).toEqual([]);
    expect(got.unknown).toEqual([
      "Mattermost configuration mattermost (deploy/mattermost.yaml): Office365Settings.Enable not known (no config.json for Mattermost oob/mattermost is among the inputs), so whether it signs users in through an Entra app, and which, cannot be told",
      "Mattermost configuration mattermost (deploy/mattermost.yaml): OpenIdSettings.Id not known (MM_OPENIDSETTINGS_ID: Secret oob/mm-sso is not among the inputs), so whether it signs users in through an Entra app, and which, cannot be told",
    ]);
  });

  it('reads the subscriptions\' tenants and the declared OOB tenant once each; the roster is looked up in the OOB tenant only', async () => {
    await withGraph(routes(), async (server) => {
      const r = recorder();
      const snapshot = emptySnapshot(VERSION, FIXED_NOW);
      const sub = (id: string, tenantId: string) => ({
        id: `azure/subscriptions/${id}`, kind: 'AzureProvider' as const, name: id, source: { file: `oobguard-live/azure/${id}`, line: 1 },
        address: '', resourceId: `/subscriptions/${id}`, providerKey: 'azurerm', origin: 'live' as const, module: '', tags: {},
        subscriptionId: id, tenantId, callerSubscriptionId: id,
      });
      snapshot.azure.providers.push(sub('11111111-0000-4000-8000-000000000001', PRIMARY), sub('11111111-0000-4000-8000-000000000002', TENANT.toUpperCase()));
      const environment = defaultConfig().environment;
      environment.oob.entraTenantId = TENANT;
      environment.oob.irRoster = [ALICE];
      environment.oob.breakGlassSubjects = ['oob-break-glass', BREAK_GLASS];
      const results = await collectGraphTenants({ environment, snapshot, connection: { credential: r.credential, endpoint: server.url, tlsCa: server.ca } });
      expect(results.map((x) => x.coverage.scope).sort()).toEqual([PRIMARY, TENANT].sort());
      expect(results.find((x) => x.coverage.scope === TENANT)?.azure.entra.organizations[0]?.subscriptionIds).toEqual(['11111111-0000-4000-8000-000000000002']);
      const userReads = server.requests.filter((q) => q.path.startsWith('/v1.0/users/'));
      expect(userReads.map((q) => [q.path, q.authorization]).sort()).toEqual([[`/v1.0/users/${ALICE}`, `Bearer token-${TENANT}`], [`/v1.0/users/${BREAK_GLASS}`, `Bearer token-${TENANT}`]]);
      expect(server.requests.filter((q) => q.path === `/v1.0${REG}`).every((q) => q.authorization === `Bearer token-${TENANT}`)).toBe(true);
      expect(server.requests.filter((q) => q.path === '/v1.0/organization')).toHaveLength(2);
    });
  });

  it('--no-graph, or no tenant to read: one coverage entry whose gaps say why', async () => {
    const environment = defaultConfig().environment;
    const snapshot = emptySnapshot(VERSION, FIXED_NOW);
    const [skipped] = await collectGraphTenants({ environment, snapshot, graph: false, tenants: [TENANT] });
    expect(skipped?.coverage).toMatchObject({ source: 'graph', scope: '', calls: 0 });
    expect(skipped?.coverage.gaps.map((g) => g.error)).toEqual(Array(5).fill('not read (--no-graph)'));
    const [none] = await collectGraphTenants({ environment, snapshot });
    expect(none?.coverage.gaps[0]?.error).toContain('no Entra tenant to read');
  });
});

describe('the rules judge what Graph read (through run())', () => {
  const CONFIG_JSON = JSON.stringify({
    ServiceSettings: { SiteURL: 'https://chat.oob.example.org' },
    OpenIdSettings: { Enable: true, Id: MM_APP, DiscoveryEndpoint: `https://login.microsoftonline.com/${TENANT}/v2.0/.well-known/openid-configuration` },
  });
  const configData = {
    environment: {
      primary: { entraTenantIds: [PRIMARY] },
      oob: { entraTenantId: TENANT, irRoster: [ALICE, BOB, CAROL], breakGlassSubjects: [BREAK_GLASS] },
    },
  };
  let findings: Finding[];
  let coverage: unknown;

  beforeAll(async () => {
    graph.setRoutes(routes());
    const { report } = await scanFiles({ 'config.json': CONFIG_JSON }, {
      configData, azure: { subscriptions: [], graphConnection: { credential: rec.credential, endpoint: graph.url, tlsCa: graph.ca } },
    });
    findings = report.findings;
    coverage = report.coverage;
  });

  const statuses = (ruleId: string): Record<string, string> => Object.fromEntries(findings.filter((f) => f.ruleId === ruleId).map((f) => [f.objectName, f.status]));
  const message = (ruleId: string, name: string): string => findings.find((f) => f.ruleId === ruleId && f.objectName === name)?.message ?? '';

  it('ZT-MFA-002.tenant passes on an enforced MFA policy scoped to Mattermost\'s app, read from its config.json', () => {
    expect(statuses('ZT-MFA-002.tenant')).toEqual({ 'Contoso OOB': 'pass' });
  });

  it('ZT-MFA-003.roster fails naming the roster user without MFA, and is unknown for the one the report lacks', () => {
    expect(statuses('ZT-MFA-003.roster')).toEqual({ [ALICE]: 'pass', [BOB.toUpperCase()]: 'fail', [CAROL]: 'unknown' });
    expect(message('ZT-MFA-003.roster', BOB.toUpperCase())).toBe(`IR roster user ${BOB.toUpperCase()} has not registered for MFA in Entra tenant ${TENANT} (methods registered: none)`);
  });

  it('OOB-AC-005.entra fails for a disabled and a missing roster account', () => {
    expect(statuses('OOB-AC-005.entra')).toEqual({ [ALICE]: 'pass', [BOB]: 'fail', [CAROL]: 'fail' });
    expect(message('OOB-AC-005.entra', CAROL)).toContain(`has no account in Entra tenant ${TENANT}`);
    expect(message('OOB-AC-005.entra', BOB)).toContain('disabled');
  });

  it('OOB-AC-001.entra-app and OOB-ISO-002.graph pass; the live report-only policy fails ZT-MFA-002.azuread; break-glass exclusion resolved by UPN', () => {
    expect(statuses('OOB-AC-001.entra-app')).toEqual({ 'Mattermost OOB': 'pass' });
    expect(statuses('OOB-ISO-002.graph')).toEqual({ 'Contoso OOB': 'pass' });
    expect(statuses('ZT-MFA-002.azuread')).toEqual({ 'OOB: MFA for Mattermost': 'pass', 'OOB: MFA everywhere (pilot)': 'fail' });
    expect(message('ZT-MFA-002.azuread', 'OOB: MFA everywhere (pilot)')).toContain('(/identity/conditionalAccess/policies/5c4b3a29-0000-4000-8000-000000000002) requires MFA but is');
    expect(statuses('ZT-MFA-002.exclusions')).toEqual({ 'OOB: MFA for Mattermost': 'pass' });
    const live = findings.find((f) => f.ruleId === 'ZT-MFA-003.roster' && f.status === 'fail');
    expect(live?.source).toEqual({ file: `oobguard-live/graph/${TENANT}`, line: 1, ref: '/reports/authenticationMethods/userRegistrationDetails/1a2b3c4d-0000-4000-8000-000000000003' });
    expect(coverage).toEqual([{ source: 'graph', scope: TENANT, calls: 9, failedCalls: 0, gaps: 0, percent: 100 }]);
  });

  it('an MFA policy exempting trusted locations or a role does not cover everyone: ZT-MFA-002.tenant and ZT-MFA-002.azuread fail, saying what it exempts', async () => {
    const office = policy('5c4b3a29-0000-4000-8000-000000000001', 'OOB: MFA for Mattermost', 'enabled', [MM_APP], { excludeUsers: [BG_ID] });
    (office['conditions'] as Record<string, unknown>)['locations'] = { includeLocations: ['All'], excludeLocations: ['AllTrusted'] };
    const risky = policy('5c4b3a29-0000-4000-8000-000000000004', 'Risky sign-ins', 'enabled', ['All']);
    (risky['conditions'] as Record<string, unknown>)['signInRiskLevels'] = ['high'];
    graph.setRoutes({ ...routes(), [CA]: { body: { value: [office, risky] } } });
    const { report } = await scanFiles({ 'config.json': CONFIG_JSON }, {
      configData, azure: { subscriptions: [], graphConnection: { credential: rec.credential, endpoint: graph.url, tlsCa: graph.ca } },
    });
    const tenant = report.findings.filter((f) => f.ruleId === 'ZT-MFA-002.tenant');
    expect(tenant.map((f) => f.status)).toEqual(['fail']);
    expect(tenant[0]?.message).toContain('policies read: OOB: MFA for Mattermost (enabled; excluded locations (AllTrusted)), Risky sign-ins (enabled; only at sign-in risk high)');
    const perPolicy = Object.fromEntries(report.findings.filter((f) => f.ruleId === 'ZT-MFA-002.azuread').map((f) => [f.objectName, [f.status, f.message]]));
    expect(perPolicy).toEqual({
      'OOB: MFA for Mattermost': ['fail', 'Conditional Access policy "OOB: MFA for Mattermost" (/identity/conditionalAccess/policies/5c4b3a29-0000-4000-8000-000000000001) requires MFA but exempts excluded locations (AllTrusted): those sign-ins need no MFA'],
      // A policy for risky sign-ins only is a legitimate addition: it just does not count as covering everyone.
      'Risky sign-ins': ['pass', expect.any(String)],
    });
  });

  it('without the report (403), ZT-MFA-003 is unknown naming AuditLog.Read.All — never a pass', async () => {
    graph.setRoutes({ ...routes(), [REG]: graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') });
    const { report } = await scanFiles({}, { configData, azure: { subscriptions: [], graphConnection: { credential: rec.credential, endpoint: graph.url, tlsCa: graph.ca } } });
    const mine = report.findings.filter((f) => f.ruleId === 'ZT-MFA-003.roster');
    expect(mine.map((f) => f.status)).toEqual(['unknown']);
    expect(mine[0]?.reasons?.join(' ')).toContain('AuditLog.Read.All');
  });

  it('OOB-AC-001.entra-app is unknown, not silent, when Mattermost\'s client id cannot be told: a manifest without its config.json', async () => {
    graph.setRoutes(routes());
    const deployment = [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata: { name: mattermost, namespace: oob }',
      'spec:', '  selector: { matchLabels: { app: mattermost } }', '  template:', '    metadata: { labels: { app: mattermost } }',
      '    spec: { containers: [ { name: mattermost, image: "mattermost/mattermost-enterprise-edition:10.5.2" } ] }',
    ].join('\n');
    const before = graph.requests.length;
    const { report } = await scanFiles({ 'mattermost.yaml': deployment }, { configData, azure: { subscriptions: [], graphConnection: { credential: rec.credential, endpoint: graph.url, tlsCa: graph.ca } } });
    const app = report.findings.filter((f) => f.ruleId === 'OOB-AC-001.entra-app');
    expect(app.map((f) => [f.status, f.objectKind])).toEqual([['unknown', 'Coverage'], ['unknown', 'Coverage']]);
    expect(app.map((f) => f.reasons?.[0])).toEqual(['OpenIdSettings', 'Office365Settings'].map((section) => expect.stringContaining(`${section}.Enable not known (no config.json for Mattermost oob/mattermost is among the inputs`)));
    expect(graph.requests.slice(before).some((r) => r.path === '/v1.0/applications')).toBe(false);
  });

  it('OOB-AC-001.entra-app is unknown when the live read of Mattermost\'s configuration failed, naming its permission', async () => {
    graph.setRoutes(routes());
    const mm = await startMattermostApi({ token: 'mm-token', config: sanitizedConfig(), forbid: ['/api/v4/config'] });
    try {
      const { report } = await scanFiles({}, {
        configData, mattermost: { url: mm.url, token: 'mm-token' }, azure: { subscriptions: [], graphConnection: { credential: rec.credential, endpoint: graph.url, tlsCa: graph.ca } },
      });
      const app = report.findings.filter((f) => f.ruleId === 'OOB-AC-001.entra-app');
      expect(app.map((f) => [f.status, f.objectKind])).toEqual([['unknown', 'Coverage']]);
      expect(app[0]?.reasons?.[0]).toMatch(/^GET \/api\/v4\/config \(mattermost .+\) failed: 403 Forbidden: .*that Mattermost configuration could not be read, so its Entra client id is not known — needs sysconsole_read_/);
    } finally {
      await mm.close();
    }
  });

  it('the CLI: --tenant needs no subscription and takes a GUID; --no-graph skips Graph and says so in coverage', async () => {
    const r = await runCli(['scan', '--tenant', TENANT, '--no-graph', '--format', 'json'], { cwd: process.cwd(), env: {} });
    const report = JSON.parse(r.stdout) as { coverage: { source: string; gaps: number }[]; findings: Finding[] };
    expect(report.coverage).toEqual([expect.objectContaining({ source: 'graph', calls: 0, gaps: 5 })]);
    const mfa = report.findings.find((f) => f.ruleId === 'ZT-MFA-003.roster');
    expect(mfa).toMatchObject({ status: 'unknown', objectKind: 'Coverage' });
    expect(mfa?.reasons?.join(' ')).toContain('not read (--no-graph)');
    const bad = await runCli(['scan', '--tenant', 'contosooob.onmicrosoft.com'], { cwd: process.cwd(), env: {} });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toContain('--tenant must be an Entra tenant id, a GUID');
  });
});
