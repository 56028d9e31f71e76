/**
 * Live Azure data and network against a local ARM: PostgreSQL flexible servers with their
 * server parameters and diagnostic settings, Traffic Manager, DNS, VNet peerings and WAF
 * policies. Two subscriptions mirror the Azure examples — the OOB one deployed like
 * examples/azure/hardened, the primary one like examples/azure/insecure — and the same rules
 * must come out the same way for the live objects as for the example's Terraform.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAzure, type AzureLiveResult } from '../src/collectors/azure-live/collect.ts';
import { parseConfig, type OobguardConfig } from '../src/config/config.ts';
import type { Finding } from '../src/engine/types.ts';
import { PACKAGE_ROOT } from '../src/rule-files.ts';
import { run } from '../src/run.ts';
import { armError, emptyArmLists, startArmApi, type ArmReply, type FakeArm } from './helpers/arm-api-server.ts';
import {
  appGatewayWafPolicy, armId, diagnosticSetting, dnsZone, frontDoorWafPolicy, page, postgresConfiguration, postgresServer, recordSet, trafficManagerProfile, virtualNetwork,
} from './helpers/arm-resources.ts';
import { credential, judgeLive, statusesOf } from './helpers/azure-live-eval.ts';
import { FIXED_NOW } from './helpers/scan.ts';

const OOB = 'dddddddd-2222-4333-8444-555555555555';
const PRIMARY = 'cccccccc-1111-4222-8333-444444444444';
const RG = 'rg-mm-oob';
const subscription = (sub: string, tenantId: string): ArmReply => ({ body: { id: `/subscriptions/${sub}`, subscriptionId: sub, tenantId, displayName: sub === OOB ? 'mm-oob' : 'corp-prod', state: 'Enabled' } });
const pgId = (sub: string): string => armId(sub, RG, 'Microsoft.DBforPostgreSQL/flexibleServers', 'psql-mm-oob');
const zoneId = (sub: string): string => armId(sub, RG, 'Microsoft.Network/dnszones', 'oob.example.org');
const tmName = 'mm-oob-chat-failover';
const tmId = (sub: string): string => armId(sub, RG, 'Microsoft.Network/trafficManagerProfiles', tmName);
const configs = (sub: string, values: Record<string, string>): Record<string, ArmReply> =>
  Object.fromEntries(Object.entries(values).map(([k, v]) => [`${pgId(sub)}/configurations/${k}`, { body: postgresConfiguration(pgId(sub), k, v) }]));

/** Deployed like examples/azure/hardened (the OOB subscription). */
function hardened(url: () => string): Record<string, ArmReply | ArmReply[]> {
  const sub = OOB;
  const P = `/subscriptions/${sub}/providers`;
  return {
    ...emptyArmLists(sub),
    [`/subscriptions/${sub}`]: subscription(sub, 'bbbbbbbb-2222-4333-8444-555555555555'),
    // A 503 with Retry-After is retried inside the one call.
    [`${P}/Microsoft.DBforPostgreSQL/flexibleServers`]: [armError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.', { 'retry-after': '0' }), page([postgresServer(sub, RG, 'psql-mm-oob', {
      authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Enabled', tenantId: 'bbbbbbbb-2222-4333-8444-555555555555' },
      dataEncryption: { type: 'AzureKeyVault', primaryKeyURI: 'https://kv-mm-oob.vault.azure.net/keys/postgres/0a1b', geoBackupKeyURI: 'https://kv-mm-oob-dr.vault.azure.net/keys/postgres-geo-backup/2c3d' },
      backup: { backupRetentionDays: 35, geoRedundantBackup: 'Enabled', earliestRestoreDate: '2026-10-16T03:00:00.000Z' },
      network: {
        publicNetworkAccess: 'Disabled', delegatedSubnetResourceId: `${armId(sub, RG, 'Microsoft.Network/virtualNetworks', 'vnet-mm-oob')}/subnets/postgres`,
        privateDnsZoneArmResourceId: armId(sub, RG, 'Microsoft.Network/privateDnsZones', 'psql-mm-oob.private.postgres.database.azure.com'),
      },
      highAvailability: { mode: 'ZoneRedundant', state: 'Healthy', standbyAvailabilityZone: '2' },
    })])],
    ...configs(sub, { require_secure_transport: 'ON', ssl_min_protocol_version: 'TLSv1.2', log_connections: 'on', log_disconnections: 'on' }),
    [`${pgId(sub)}/providers/Microsoft.Insights/diagnosticSettings`]: page([diagnosticSetting(pgId(sub), 'postgres-logs', ['PostgreSQLLogs'])]),
    [`${P}/Microsoft.Network/trafficmanagerprofiles`]: page([trafficManagerProfile(sub, RG, tmName, {}, [
      { name: 'primary', target: 'chat.corp.example.com', priority: 1 }, { name: 'oob', target: 'ingress.oob.example.org', priority: 2 },
    ])]),
    // Zones: two pages.
    [`${P}/Microsoft.Network/dnszones`]: page([dnsZone(sub, RG, 'oob.example.org')], `${url()}${P}/Microsoft.Network/dnszones?api-version=2018-05-01&$skiptoken=z2`),
    [`${P}/Microsoft.Network/dnszones?$skiptoken=z2`]: page([]),
    [`${zoneId(sub)}/recordsets`]: page([
      recordSet(zoneId(sub), 'NS', '@', 172800, { NSRecords: [{ nsdname: 'ns1-01.azure-dns.com.' }] }),
      recordSet(zoneId(sub), 'CNAME', 'chat', 60, { targetResource: { id: tmId(sub) } }),
      recordSet(zoneId(sub), 'A', 'ingress', 60, { targetResource: { id: armId(sub, RG, 'Microsoft.Network/publicIPAddresses', 'mm-oob-ingress') }, ARecords: [{ ipv4Address: '20.50.1.10' }] }),
    ]),
    [`${P}/Microsoft.Network/virtualNetworks`]: page([virtualNetwork(sub, RG, 'vnet-mm-oob', [{ name: 'to-oob-hub', remote: armId(sub, 'rg-oob-hub', 'Microsoft.Network/virtualNetworks', 'vnet-oob-hub') }])]),
    [`${P}/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies`]: page([appGatewayWafPolicy(sub, RG, 'waf-mm-oob', { state: 'Enabled', mode: 'Prevention' }, [['OWASP', '3.2'], ['Microsoft_BotManagerRuleSet', '1.0']])]),
  };
}

/** Deployed like examples/azure/insecure: into the primary subscription. */
function insecure(): Record<string, ArmReply | ArmReply[]> {
  const sub = PRIMARY;
  const P = `/subscriptions/${sub}/providers`;
  return {
    ...emptyArmLists(sub),
    [`/subscriptions/${sub}`]: subscription(sub, 'aaaaaaaa-1111-4222-8333-444444444444'),
    [`${P}/Microsoft.DBforPostgreSQL/flexibleServers`]: page([postgresServer(sub, RG, 'psql-mm-oob', {})]),
    ...configs(sub, { require_secure_transport: 'off', ssl_min_protocol_version: 'TLSv1.2', log_connections: 'off', log_disconnections: 'off' }),
    [`${pgId(sub)}/providers/Microsoft.Insights/diagnosticSettings`]: page([]),
    [`${P}/Microsoft.Network/trafficmanagerprofiles`]: page([trafficManagerProfile(sub, RG, tmName, {
      dnsConfig: { relativeName: tmName, fqdn: `${tmName}.trafficmanager.net`, ttl: 300 },
      monitorConfig: { profileMonitorStatus: 'Degraded', protocol: 'HTTP', port: 80, path: '/', intervalInSeconds: 30, timeoutInSeconds: 10, toleratedNumberOfFailures: 9, expectedStatusCodeRanges: [] },
    }, [{ name: 'primary', target: 'chat.corp.example.com', priority: 2 }, { name: 'oob', target: 'ingress.oob.example.org', priority: 1, alwaysServe: 'Enabled' }])]),
    [`${P}/Microsoft.Network/dnszones`]: page([dnsZone(sub, RG, 'oob.example.org')]),
    [`${zoneId(sub)}/recordsets`]: page([
      recordSet(zoneId(sub), 'CNAME', 'chat', 3600, { targetResource: { id: tmId(sub) } }),
      recordSet(zoneId(sub), 'A', 'ingress', 3600, { ARecords: [{ ipv4Address: '20.50.1.10' }] }),
    ]),
    [`${P}/Microsoft.Network/virtualNetworks`]: page([virtualNetwork(sub, RG, 'mm-oob-vnet', [{ name: 'oob-to-primary-hub', remote: armId(PRIMARY, 'corp-network', 'Microsoft.Network/virtualNetworks', 'corp-hub') }])]),
    [`${P}/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies`]: page([appGatewayWafPolicy(sub, RG, 'waf-mm', { state: 'Enabled', mode: 'Detection' }, [['OWASP', '3.2']])]),
    [`${P}/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies`]: page([frontDoorWafPolicy(sub, RG, 'fdwafmm', 'Classic_AzureFrontDoor', { enabledState: 'Disabled', mode: 'Prevention' }, [['DefaultRuleSet', '1.0']])]),
  };
}

function exampleConfig(dir: string): OobguardConfig {
  const file = `${PACKAGE_ROOT}/examples/azure/${dir}/.oobguard.yaml`;
  const { config, diagnostics } = parseConfig(readFileSync(file, 'utf8'), file);
  if (!config) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return config;
}

let arm: FakeArm;
let good: AzureLiveResult;
let bad: AzureLiveResult;

beforeAll(async () => {
  process.env['NO_PROXY'] = '127.0.0.1';
  let base = '';
  arm = await startArmApi({ ...hardened(() => base), ...insecure() });
  base = arm.url;
  for (const [k, v] of Object.entries(hardened(() => base))) arm.routes.set(k, Array.isArray(v) ? [...v] : [v]);
  const read = (subscriptionId: string) => collectAzure({ subscriptionId, credential, endpoint: arm.url, tlsCa: arm.ca });
  [good, bad] = await Promise.all([read(OOB), read(PRIMARY)]);
});

afterAll(async () => {
  await arm.close();
});

describe('reading', () => {
  it('maps a PostgreSQL server and its server parameters like the Terraform adapter, retrying a 503 inside one call', () => {
    expect(good.azure.postgres.flexibleServers).toEqual([expect.objectContaining({
      kind: 'PostgresFlexibleServer', name: 'psql-mm-oob', resourceId: pgId(OOB), subscriptionId: OOB, version: '16', origin: 'live', address: '',
      backup: { backupRetentionDays: 35, geoRedundantBackup: 'Enabled' },
      network: expect.objectContaining({ publicNetworkAccess: 'Disabled' }), highAvailability: { mode: 'ZoneRedundant', standbyAvailabilityZone: '2' },
      authConfig: { activeDirectoryAuth: 'Enabled', passwordAuth: 'Enabled', tenantId: 'bbbbbbbb-2222-4333-8444-555555555555' },
      dataEncryption: expect.objectContaining({ type: 'AzureKeyVault' }),
      configurations: { require_secure_transport: 'on', ssl_min_protocol_version: 'TLSv1.2', log_connections: 'on', log_disconnections: 'on' },
      diagnosticSettings: [expect.objectContaining({ name: 'postgres-logs', categories: ['PostgreSQLLogs'], destinations: ['workspace'] })],
    })]);
    expect(arm.requests.filter((r) => r.path === `/subscriptions/${OOB}/providers/Microsoft.DBforPostgreSQL/flexibleServers`)).toHaveLength(2);
    expect(good.coverage.gaps).toEqual([]);
    expect(good.coverage.failedCalls).toBe(0);
  });

  it('reads Traffic Manager endpoints inline, DNS zones across pages and only the A and CNAME record sets', () => {
    expect(good.azure.trafficManager.profiles[0]).toMatchObject({
      name: tmName, subscriptionId: OOB, trafficRoutingMethod: 'Priority', profileStatus: 'Enabled', dnsConfig: { ttl: 60, fqdn: `${tmName}.trafficmanager.net` },
      monitorConfig: { protocol: 'HTTPS', port: 443, intervalInSeconds: 10, timeoutInSeconds: 5, toleratedNumberOfFailures: 3, expectedStatusCodeRanges: [{ min: 200, max: 299 }] },
      endpoints: [
        { name: 'primary', target: 'chat.corp.example.com', priority: 1, endpointStatus: 'Enabled', alwaysServe: 'Disabled', type: 'Microsoft.Network/trafficManagerProfiles/externalEndpoints', monitorStatus: 'Online' },
        { name: 'oob', target: 'ingress.oob.example.org', priority: 2, endpointStatus: 'Enabled', alwaysServe: 'Disabled', monitorStatus: 'Online' },
      ],
    });
    expect(good.azure.dns.zones.map((z) => [z.name, z.subscriptionId])).toEqual([['oob.example.org', OOB]]);
    expect(good.azure.dns.records.map((r) => [r.recordType, r.fqdn, r.ttl, r.servedByTrafficManager])).toEqual([
      ['CNAME', 'chat.oob.example.org', 60, true], ['A', 'ingress.oob.example.org', 60, false],
    ]);
    expect(good.azure.dns.records[1]?.aRecords).toEqual([{ ipv4Address: '20.50.1.10' }]);
  });

  it('reads VNet peerings inline with their VNets, and Application Gateway and Front Door WAF policies', () => {
    expect(bad.azure.network.vnetPeerings).toEqual([expect.objectContaining({
      kind: 'VnetPeering', name: 'oob-to-primary-hub', virtualNetworkName: 'mm-oob-vnet', remoteSubscriptionId: PRIMARY, allowVirtualNetworkAccess: true, allowForwardedTraffic: false,
    })]);
    expect(bad.azure.waf.policies.map((w) => [w.name, w.policyType, w.policySettings.state, w.policySettings.mode, w.managedRules.managedRuleSets.map((s) => s.ruleSetType)])).toEqual([
      ['waf-mm', 'ApplicationGateway', 'Enabled', 'Detection', ['OWASP']], ['fdwafmm', 'FrontDoorClassic', 'Disabled', 'Prevention', ['DefaultRuleSet']],
    ]);
  });
});

/** Statuses per rule of findings from live objects, and from the example's Terraform (waived counted as fail: the waiver is the example's). */
const RULES = [
  'OOB-BKP-008', 'ZT-MON-008.postgres', 'ZT-ENC-004.postgres', 'OOB-SEC-002.postgres', 'ZT-NET-008.postgres', 'ZT-ENC-003.postgres', 'ZT-HOST-006.postgres',
  'OOB-DNS-005', 'OOB-DNS-006', 'OOB-DNS-007', 'OOB-DNS-006.records', 'OOB-DNS-008.azure', 'OOB-DNS-008.azure-zone', 'OOB-ISO-003.azure',
];
const summary = (findings: readonly Finding[]): Record<string, string[]> =>
  Object.fromEntries(RULES.map((r) => [r, [...new Set(findings.filter((f) => f.ruleId === r).map((f) => (f.status === 'waived' ? 'fail' : f.status)))].sort()]));

describe('the examples\' semantics hold for live data', () => {
  it('the hardened deployment passes what examples/azure/hardened passes; the insecure one fails what examples/azure/insecure fails', async () => {
    const [tfGood, tfBad] = await Promise.all(['hardened', 'insecure'].map((d) => run({ cwd: PACKAGE_ROOT, paths: [`examples/azure/${d}`], now: FIXED_NOW }).then((x) => x.report.findings)));
    const liveGood = summary(await judgeLive(good, exampleConfig('hardened')));
    const liveBad = summary(await judgeLive(bad, exampleConfig('insecure')));
    const tf = { good: summary(tfGood!), bad: summary(tfBad!) };
    for (const r of RULES) {
      if (tf.good[r]!.length > 0) expect({ r, live: liveGood[r] }).toEqual({ r, live: tf.good[r] });
      if (tf.bad[r]!.length > 0) expect({ r, live: liveBad[r] }).toEqual({ r, live: tf.bad[r] });
    }
    // Every rule is exercised by both live subscriptions.
    expect(RULES.filter((r) => liveGood[r]!.length === 0 || liveBad[r]!.length === 0)).toEqual([]);
  }, 60_000);

  it('WAF policies: Prevention with OWASP passes; Detection or a disabled policy fails', async () => {
    expect(statusesOf(await judgeLive(good), 'ZT-NET-005.azure')).toEqual({ 'waf-mm-oob': 'pass' });
    const findings = await judgeLive(bad);
    expect(statusesOf(findings, 'ZT-NET-005.azure')).toEqual({ 'waf-mm': 'fail', fdwafmm: 'fail' });
    const waf = armId(PRIMARY, RG, 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', 'waf-mm');
    expect(findings.find((f) => f.ruleId === 'ZT-NET-005.azure' && f.objectName === 'waf-mm')?.message).toBe(`WAF policy waf-mm (${waf}) only detects (mode Detection); attacks reach Mattermost`);
  });
});

describe('failures', () => {
  it('a 403 on one server parameter leaves only that check unknown; a malformed record-set page and VNet list are gaps', async () => {
    const sub = OOB;
    const P = `/subscriptions/${sub}/providers`;
    const local = await startArmApi({
      ...hardened(() => ''),
      [`${pgId(sub)}/configurations/require_secure_transport`]: armError(403, 'AuthorizationFailed', `does not have authorization to perform action 'Microsoft.DBforPostgreSQL/flexibleServers/configurations/read'`),
      [`${zoneId(sub)}/recordsets`]: { body: null, raw: '{"value": [{"id": "/subscriptions/' },
      [`${P}/Microsoft.Network/virtualNetworks`]: { body: null, raw: '<html><body>Bad Gateway</body></html>' },
      [`${P}/Microsoft.Network/dnszones`]: page([dnsZone(sub, RG, 'oob.example.org')]),
    });
    try {
      const res = await collectAzure({ subscriptionId: sub, credential, endpoint: local.url, tlsCa: local.ca });
      const pg = res.azure.postgres.flexibleServers[0];
      expect(pg?.unknown).toEqual({ 'configurations.require_secure_transport': expect.stringContaining('AuthorizationFailed (HTTP 403) — needs Microsoft.DBforPostgreSQL/flexibleServers/configurations/read') });
      expect(pg?.configurations.log_connections).toBe('on');
      const findings = await judgeLive(res);
      expect(statusesOf(findings, 'ZT-ENC-003.postgres')).toEqual({ 'psql-mm-oob': 'unknown' });
      expect(statusesOf(findings, 'ZT-MON-008.postgres')).toEqual({ 'psql-mm-oob': 'pass' });
      expect(res.coverage.gaps.map((g) => [g.collection, g.api, g.permission])).toEqual([
        ['azure.dns.records', `RecordSets_ListByDnsZone of zone ${zoneId(sub)}`, 'Microsoft.Network/dnszones/recordsets/read'],
        ['azure.network.vnetPeerings', 'VirtualNetworks_ListAll', 'Microsoft.Network/virtualNetworks/read'],
      ]);
      expect(res.azure.dns.zones).toHaveLength(1);
      expect(statusesOf(findings, 'OOB-ISO-003.azure')).toEqual({ 'coverage:azure.network.vnetPeerings': 'unknown' });
    } finally {
      await local.close();
    }
  });
});
