/**
 * What a live Azure scan must not take on trust, against a local ARM: a `nextLink` that leaves
 * the ARM endpoint (the token must not follow it), repeats a page, or never ends — through the
 * SDKs' paged iterators (current and AutoRest generations) and the lists read by path; fields an
 * answer lacks (never read as their compliant creation default); and role assignments to service
 * principals that are none of the subscription's identities (a shared identity subscription).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAzure, type AzureLiveResult } from '../src/collectors/azure-live/collect.ts';
import { defaultConfig } from '../src/config/config.ts';
import { emptyArmLists, startArmApi, type ArmReply, type FakeArm } from './helpers/arm-api-server.ts';
import {
  appGatewayWafPolicy, armId, federatedCredential, frontDoorWafPolicy, page, roleAssignment, roleDefinition, trafficManagerProfile, userAssignedIdentity, virtualNetwork,
} from './helpers/arm-resources.ts';
import { credential, judgeLive, statusesOf } from './helpers/azure-live-eval.ts';
import { scanFiles } from './helpers/scan.ts';

const SUB = 'eeeeeeee-3333-4444-8555-666666666666';
const IDS = 'ffffffff-4444-4555-8666-777777777777';
const TENANT = 'bbbbbbbb-2222-4333-8444-555555555555';
const RG = 'rg-mm-oob';
const P = `/subscriptions/${SUB}/providers`;
const LIST = {
  tm: `${P}/Microsoft.Network/trafficmanagerprofiles`, zones: `${P}/Microsoft.Network/dnszones`, storage: `${P}/Microsoft.Storage/storageAccounts`, vaults: `${P}/Microsoft.KeyVault/vaults`,
  vnets: `${P}/Microsoft.Network/virtualNetworks`, waf: `${P}/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies`,
  frontDoor: `${P}/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies`, identities: `${P}/Microsoft.ManagedIdentity/userAssignedIdentities`,
  roles: `${P}/Microsoft.Authorization/roleAssignments`,
};
const subscription = (sub: string): ArmReply => ({ body: { id: `/subscriptions/${sub}`, subscriptionId: sub, tenantId: TENANT, displayName: sub === SUB ? 'mm-oob' : 'oob-identities', state: 'Enabled' } });
const tmName = 'mm-oob-chat-failover';
const endpoints = [{ name: 'primary', target: 'chat.corp.example.com', priority: 1 }, { name: 'oob', target: 'ingress.oob.example.org', priority: 2 }];

process.env['NO_PROXY'] = '127.0.0.1';

let arm: FakeArm;
/** Another https server: a host a nextLink may point at. Nothing may reach it. */
let elsewhere: FakeArm;

beforeAll(async () => {
  [arm, elsewhere] = await Promise.all([startArmApi({}), startArmApi({})]);
});

afterAll(async () => {
  await Promise.all([arm.close(), elsewhere.close()]);
});

function serve(routes: Record<string, ArmReply | ArmReply[]>): void {
  arm.routes.clear();
  arm.requests.length = 0;
  for (const [k, v] of Object.entries(routes)) arm.routes.set(k, Array.isArray(v) ? [...v] : [v]);
}

const read = (extra: { maxPages?: number } = {}): Promise<AzureLiveResult> =>
  collectAzure({ subscriptionId: SUB, credential, endpoint: arm.url, tlsCa: arm.ca, maxRetries: 0, ...extra });
const requestsTo = (path: string): number => arm.requests.filter((r) => r.path.toLowerCase() === path.toLowerCase()).length;
const gapError = (res: AzureLiveResult, collection: string): string | undefined => res.coverage.gaps.find((g) => g.collection === collection)?.error;

describe('next-page links', () => {
  let res: AzureLiveResult;
  beforeAll(async () => {
    const off = (path: string, apiVersion: string): string => `${elsewhere.url}${path}?api-version=${apiVersion}&$skiptoken=2`;
    const again = (path: string, apiVersion: string): string => `${arm.url}${path}?api-version=${apiVersion}&$skiptoken=again`;
    const endless = Object.fromEntries([1, 2, 3, 4, 5].map((n) => [`${LIST.identities}?$skiptoken=${n}`, page([], `${arm.url}${LIST.identities}?api-version=2023-01-31&$skiptoken=${n + 1}`)]));
    serve({
      ...emptyArmLists(SUB),
      [`/subscriptions/${SUB}`]: subscription(SUB),
      // AutoRest SDK (arm-dns) and current SDK (arm-keyvault): a nextLink to another host.
      [LIST.zones]: page([], off(LIST.zones, '2018-05-01')),
      [LIST.vaults]: page([], off(LIST.vaults, '2024-11-01')),
      // Current SDK (arm-storage): a nextLink that links back to the page it is on.
      [LIST.storage]: page([], again(LIST.storage, '2025-01-01')),
      [`${LIST.storage}?$skiptoken=again`]: page([], again(LIST.storage, '2025-01-01')),
      // Read by path: a nextLink to another host, and one that repeats.
      [LIST.vnets]: page([], off(LIST.vnets, '2024-05-01')),
      [LIST.waf]: page([], again(LIST.waf, '2024-05-01')),
      [`${LIST.waf}?$skiptoken=again`]: page([], again(LIST.waf, '2024-05-01')),
      // AutoRest SDK (arm-msi): distinct pages without end.
      [LIST.identities]: page([], `${arm.url}${LIST.identities}?api-version=2023-01-31&$skiptoken=1`),
      ...endless,
    });
    res = await read({ maxPages: 3 });
  }, 30_000);

  it('a nextLink to another host is not followed, by the SDKs or by path, and no token goes there: a gap saying so', () => {
    expect(elsewhere.requests).toEqual([]);
    for (const c of ['azure.dns.zones', 'azure.keyVaults.vaults', 'azure.network.vnetPeerings']) {
      expect({ c, error: gapError(res, c) }).toEqual({ c, error: `UnexpectedNextLink: a next-page link leaves the endpoint ${arm.url} for ${elsewhere.url}; not followed, and no token sent there` });
    }
    expect(res.azure.dns.zones).toEqual([]);
  });

  it('a nextLink that repeats a page ends the list with a gap instead of looping', () => {
    expect(gapError(res, 'azure.storage.accounts')).toBe('RepeatedNextLink: a next-page link repeats a page already read; not followed');
    expect(gapError(res, 'azure.waf.policies')).toBe('RepeatedNextLink: a next-page link repeats a page already read; not followed');
    expect(arm.requests.filter((r) => r.path === LIST.storage).map((r) => new URL(r.url, arm.url).searchParams.get('$skiptoken'))).toEqual([null, 'again']);
    expect(arm.requests.filter((r) => r.path === LIST.waf)).toHaveLength(2);
  });

  it('a list past the page cap stops there with a gap on each collection it feeds', () => {
    expect(arm.requests.filter((r) => r.path === LIST.identities)).toHaveLength(3);
    expect(gapError(res, 'azure.identity.userAssigned')).toBe('TooManyPages: the list has more than 3 pages; stopped there');
    expect(gapError(res, 'azure.identity.federatedCredentials')).toBe('TooManyPages: the list has more than 3 pages; stopped there');
    // The other lists are read, each once.
    expect(res.coverage.gaps.map((g) => g.collection).sort()).toEqual([
      'azure.dns.records', 'azure.dns.zones', 'azure.identity.federatedCredentials', 'azure.identity.userAssigned', 'azure.keyVaults.keys', 'azure.keyVaults.vaults',
      'azure.network.vnetPeerings', 'azure.storage.accounts', 'azure.waf.policies',
    ]);
    expect(requestsTo(LIST.frontDoor)).toBe(1);
  });

  it('the rules on those collections are unknown, naming why', async () => {
    const findings = await judgeLive(res);
    const vaults = findings.filter((f) => f.ruleId === 'OOB-SEC-003.key-vault');
    expect(vaults.map((f) => [f.status, f.objectKind])).toEqual([['unknown', 'Coverage']]);
    expect(vaults[0]?.reasons).toEqual([`Vaults_ListBySubscription failed: UnexpectedNextLink: a next-page link leaves the endpoint ${arm.url} for ${elsewhere.url}; not followed, and no token sent there — needs Microsoft.KeyVault/vaults/read`]);
  });
});

describe('fields the answer lacks are unknown, not their compliant default', () => {
  let res: AzureLiveResult;
  beforeAll(async () => {
    const tm = trafficManagerProfile(SUB, RG, tmName, {}, endpoints);
    const props = tm['properties'] as { profileStatus?: string; endpoints: { properties: { endpointStatus?: string } }[]; monitorConfig: { toleratedNumberOfFailures?: number } };
    delete props.profileStatus;
    delete props.endpoints[1]!.properties.endpointStatus;
    delete props.monitorConfig.toleratedNumberOfFailures;
    const vnet = virtualNetwork(SUB, RG, 'vnet-mm-oob', [{ name: 'to-oob-hub', remote: armId(SUB, 'rg-oob-hub', 'Microsoft.Network/virtualNetworks', 'vnet-oob-hub') }]);
    const peering = (vnet['properties'] as { virtualNetworkPeerings: { properties: Record<string, unknown> }[] }).virtualNetworkPeerings[0]!;
    delete peering.properties['allowForwardedTraffic'];
    serve({
      ...emptyArmLists(SUB),
      [`/subscriptions/${SUB}`]: subscription(SUB),
      [LIST.tm]: page([tm]),
      [LIST.vnets]: page([vnet]),
      [LIST.waf]: page([appGatewayWafPolicy(SUB, RG, 'waf-mm-oob', { mode: 'Prevention' }, [['OWASP', '3.2']])]),
      [LIST.frontDoor]: page([frontDoorWafPolicy(SUB, RG, 'fdwafmm', 'Premium_AzureFrontDoor', { enabledState: 'Enabled' }, [['Microsoft_DefaultRuleSet', '2.1']])]),
    });
    res = await read();
  }, 30_000);

  it('a WAF policy without state or mode: that field unknown, and ZT-NET-005.azure unknown', async () => {
    const waf = Object.fromEntries(res.azure.waf.policies.map((w) => [w.name, w]));
    expect(waf['waf-mm-oob']?.policySettings).toEqual({ state: '', mode: 'Prevention' });
    expect(waf['waf-mm-oob']?.unknown).toEqual({ 'policySettings.state': expect.stringContaining('the response has no properties.policySettings.state') });
    expect(waf['fdwafmm']?.unknown).toEqual({ 'policySettings.mode': expect.stringContaining('the response has no properties.policySettings.mode') });
    const findings = await judgeLive(res);
    expect(statusesOf(findings, 'ZT-NET-005.azure')).toEqual({ 'waf-mm-oob': 'unknown', fdwafmm: 'unknown' });
    expect(findings.find((f) => f.ruleId === 'ZT-NET-005.azure' && f.objectName === 'waf-mm-oob')?.reasons?.join(' ')).toContain('policySettings.state');
  });

  it('a Traffic Manager profile without its status, an endpoint without its status, a probe without its failure count: unknown, and the rules unknown', async () => {
    const p = res.azure.trafficManager.profiles[0];
    expect(p?.profileStatus).toBe('');
    expect(p?.endpoints.map((e) => e.endpointStatus)).toEqual(['Enabled', '']);
    expect(Object.keys(p?.unknown ?? {}).sort()).toEqual(['endpoints[1].endpointStatus', 'monitorConfig.toleratedNumberOfFailures', 'profileStatus']);
    expect(p?.unknown?.['endpoints[1].endpointStatus']).toContain('endpoint oob has no properties.endpointStatus');
    const config = defaultConfig();
    config.environment.oob.hostnames = ['ingress.oob.example.org'];
    const findings = await judgeLive(res, config);
    expect(statusesOf(findings, 'OOB-DNS-005')).toEqual({ [tmName]: 'unknown' });
    expect(statusesOf(findings, 'OOB-DNS-007')).toEqual({ [tmName]: 'unknown' });
  });

  it('a VNet peering without a flag: that flag unknown', () => {
    expect(res.azure.network.vnetPeerings[0]?.unknown).toEqual({ allowForwardedTraffic: expect.stringContaining('no boolean properties.allowForwardedTraffic') });
    expect(res.azure.network.vnetPeerings[0]).toMatchObject({ allowVirtualNetworkAccess: true, allowGatewayTransit: false });
  });
});

describe('role assignments to principals that are none of the subscription\'s identities', () => {
  const CONTRIBUTOR = 'b24988ac-6180-42a0-ab88-20f7382dd24c';
  const SHARED = '9a9a9a9a-0000-4000-8000-0000000000a1';
  const APP_SP = '9a9a9a9a-0000-4000-8000-0000000000a2';
  const USER = '9a9a9a9a-0000-4000-8000-0000000000a3';
  const ISSUER = `https://westeurope.oic.prod-aks.azure.com/${TENANT}/6f1e2d3c-0000-4000-8000-aaaaaaaaaaaa/`;
  const sharedId = armId(IDS, 'rg-identities', 'Microsoft.ManagedIdentity/userAssignedIdentities', 'id-mattermost');
  const assignment = (n: number, principal: string, type: string) => roleAssignment(SUB, `a0000002-0000-4000-8000-00000000000${n}`, `/subscriptions/${SUB}`, CONTRIBUTOR, principal, type);

  beforeAll(() => {
    serve({
      ...emptyArmLists(SUB), ...emptyArmLists(IDS),
      [`/subscriptions/${SUB}`]: subscription(SUB),
      [`/subscriptions/${IDS}`]: subscription(IDS),
      [LIST.roles]: page([assignment(1, SHARED, 'ServicePrincipal'), assignment(2, APP_SP, 'ServicePrincipal'), assignment(3, USER, 'User')]),
      [`${P}/Microsoft.Authorization/roleDefinitions/${CONTRIBUTOR}`]: { body: roleDefinition(SUB, CONTRIBUTOR, 'Contributor') },
      // The identity lives in a shared identity subscription, with a federated credential.
      [`/subscriptions/${IDS}/providers/Microsoft.ManagedIdentity/userAssignedIdentities`]: page([userAssignedIdentity(IDS, 'rg-identities', 'id-mattermost', { principalId: SHARED, clientId: 'c1c1c1c1-0000-4000-8000-0000000000a1', tenantId: TENANT })]),
      [`${sharedId}/federatedIdentityCredentials`]: page([federatedCredential(sharedId, 'mattermost', ISSUER, 'system:serviceaccount:mattermost:mattermost')]),
      [`/subscriptions/${IDS}/providers/Microsoft.Authorization/roleAssignments`]: page([]),
    });
  });

  it('one subscription read alone: a service principal is unknown (saying why), a user is no workload identity', async () => {
    const res = await read();
    const byPrincipal = Object.fromEntries(res.azure.authorization.roleAssignments.map((a) => [a.principalId, a]));
    expect(byPrincipal[SHARED]?.unknown?.['principalIsWorkloadIdentity']).toBe(
      `principal ${SHARED} (ServicePrincipal) is not a user-assigned identity of subscription ${SUB}: it may be one of another subscription (a shared identity subscription) with a federated credential; scan that subscription too to judge it`,
    );
    expect(byPrincipal[APP_SP]?.unknown?.['principalIsWorkloadIdentity']).toBeDefined();
    expect(byPrincipal[USER]).toMatchObject({ principalIsWorkloadIdentity: false });
    expect(byPrincipal[USER]?.unknown).toBeUndefined();
    const findings = (await judgeLive(res)).filter((f) => f.ruleId === 'ZT-IAM-005.role-assignment');
    expect(findings.map((f) => [f.objectName.slice(-1), f.status])).toEqual([['1', 'unknown'], ['2', 'unknown']]);
  });

  it('with the identity subscription scanned too, the shared identity\'s Contributor assignment fails; the app\'s service principal stays unknown', async () => {
    const { report } = await scanFiles({}, { azure: { subscriptions: [SUB, IDS], graph: false, connection: { credential, endpoint: arm.url, tlsCa: arm.ca, maxRetries: 0 } } });
    const findings = report.findings.filter((f) => f.ruleId === 'ZT-IAM-005.role-assignment');
    expect(findings.map((f) => [f.objectName.slice(-1), f.status])).toEqual([['1', 'fail'], ['2', 'unknown']]);
    expect(findings[0]?.message).toContain(`grants workload identity ${SHARED} Contributor at subscription scope /subscriptions/${SUB}`);
  });
});
