/**
 * Least privilege: every ARM request the live Azure collector makes (seen by the local ARM, through
 * the real SDK clients) maps to an Azure RBAC operation, and deploy/azure/oobguard-reader-role.json
 * grants exactly those operations — reads only, no wildcard, nothing unused, no data actions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectAzure, type AzureLiveResult, type TokenCredential } from '../src/collectors/azure-live/collect.ts';
import { startArmApi, type ArmReply, type FakeArm } from './helpers/arm-api-server.ts';
import {
  armId, diagnosticSetting, federatedCredential, keyVault, page, roleAssignment, roleDefinition, userAssignedIdentity, vaultKey,
} from './helpers/arm-resources.ts';

const ROLE_FILE = path.join(process.cwd(), 'deploy/azure/oobguard-reader-role.json');
const SOURCE_DIR = path.join(process.cwd(), 'src/collectors/azure-live');
const SUB = '7c1d2e3f-0a4b-4c5d-8e9f-112233445566';
const RG = 'rg-mm-oob';
const SA_LIST = `/subscriptions/${SUB}/providers/Microsoft.Storage/storageAccounts`;
const SA_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Storage/storageAccounts/stmmoob`;
const AKS_LIST = `/subscriptions/${SUB}/providers/Microsoft.ContainerService/managedClusters`;
const AKS_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.ContainerService/managedClusters/aks-mm-oob`;
const P = `/subscriptions/${SUB}/providers`;
const KV = armId(SUB, RG, 'Microsoft.KeyVault/vaults', 'kv-mm-oob');
const ID = armId(SUB, RG, 'Microsoft.ManagedIdentity/userAssignedIdentities', 'id-velero');
const PG = armId(SUB, RG, 'Microsoft.DBforPostgreSQL/flexibleServers', 'psql-mm-oob');
const ZONE = armId(SUB, RG, 'Microsoft.Network/dnszones', 'oob.example.org');
const READER = 'acdd72a7-3385-48ef-bd42-f606fba81ae7';

/** One resource of every other kind the collector reads, each answered with its sub-resources. */
function everythingElse(): Record<string, ArmReply> {
  const settings = (target: string): [string, ArmReply] => [`${target}/providers/Microsoft.Insights/diagnosticSettings`, page([diagnosticSetting(target, 'to-oob-workspace', ['group:allLogs'])])];
  return Object.fromEntries<ArmReply>([
    settings(`/subscriptions/${SUB}`), settings(AKS_ID), settings(KV), settings(PG), settings(`${SA_ID}/blobServices/default`),
    [`${P}/Microsoft.KeyVault/vaults`, page([keyVault(SUB, RG, 'kv-mm-oob', '0f0e0d0c-1111-2222-3333-444455556666', { enablePurgeProtection: true })])],
    // No rotation policy in the list: the key is read once more (Keys_Get).
    [`${KV}/keys`, page([vaultKey(KV, 'aks-etcd')])], [`${KV}/keys/aks-etcd`, { body: vaultKey(KV, 'aks-etcd') }],
    [`${P}/Microsoft.ManagedIdentity/userAssignedIdentities`, page([userAssignedIdentity(SUB, RG, 'id-velero', { principalId: 'p1', clientId: 'c1', tenantId: 't1' })])],
    [`${ID}/federatedIdentityCredentials`, page([federatedCredential(ID, 'velero', 'https://issuer.example/', 'system:serviceaccount:velero:velero')])],
    [`${P}/Microsoft.Authorization/roleAssignments`, page([roleAssignment(SUB, 'ra1', SA_ID, READER, 'p1')])],
    [`${P}/Microsoft.Authorization/roleDefinitions/${READER}`, { body: roleDefinition(SUB, READER, 'Reader') }],
    [`${P}/Microsoft.DBforPostgreSQL/flexibleServers`, page([{ id: PG, name: 'psql-mm-oob', type: 'Microsoft.DBforPostgreSQL/flexibleServers', location: 'westeurope', properties: { version: '16' } }])],
    ...['require_secure_transport', 'ssl_min_protocol_version', 'log_connections', 'log_disconnections'].map((c): [string, ArmReply] => [`${PG}/configurations/${c}`, { body: { id: `${PG}/configurations/${c}`, name: c, properties: { value: 'on' } } }]),
    [`${P}/Microsoft.Network/trafficmanagerprofiles`, page([{ id: armId(SUB, RG, 'Microsoft.Network/trafficManagerProfiles', 'tm-mm'), name: 'tm-mm', type: 'Microsoft.Network/trafficManagerProfiles', location: 'global', properties: { profileStatus: 'Enabled', endpoints: [] } }])],
    [`${P}/Microsoft.Network/dnszones`, page([{ id: ZONE, name: 'oob.example.org', type: 'Microsoft.Network/dnszones', location: 'global', properties: {} }])],
    [`${ZONE}/recordsets`, page([])],
    [`${P}/Microsoft.Network/virtualNetworks`, page([])],
    [`${P}/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies`, page([])],
    [`${P}/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies`, page([])],
  ]);
}

interface RoleDefinition {
  Name?: unknown;
  IsCustom?: unknown;
  Description?: unknown;
  Actions?: unknown;
  NotActions?: unknown;
  DataActions?: unknown;
  NotDataActions?: unknown;
  AssignableScopes?: unknown;
}

function loadRole(): RoleDefinition {
  return JSON.parse(readFileSync(ROLE_FILE, 'utf8')) as RoleDefinition;
}

function strings(v: unknown): string[] {
  if (!Array.isArray(v) || !v.every((x): x is string => typeof x === 'string')) throw new Error(`not a list of strings: ${JSON.stringify(v)}`);
  return v;
}

/**
 * The RBAC operation an ARM request needs. Resource types are the segments in type position
 * (`/providers/{namespace}/{type}/{name}/{type}/{name}…`); outside a provider, the path is a
 * Microsoft.Resources one (`/subscriptions/{id}`, `/subscriptions/{id}/resourceGroups/{name}`).
 * GET reads, PUT/PATCH write, DELETE deletes, POST `…/{type}/{name}/{verb}` is `…/{verb}/action`.
 */
function armOperation(method: string, requestPath: string): string {
  const seg = requestPath.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
  const p = seg.map((s) => s.toLowerCase()).lastIndexOf('providers');
  let types: string[];
  let namespace: string;
  if (p >= 0) {
    namespace = seg[p + 1] ?? '';
    types = seg.slice(p + 2).filter((_, i) => i % 2 === 0);
  } else {
    if (seg[0]?.toLowerCase() !== 'subscriptions') throw new Error(`not an ARM path: ${requestPath}`);
    namespace = 'Microsoft.Resources';
    types = seg.filter((_, i) => i % 2 === 0);
  }
  if (namespace === '' || types.length === 0) throw new Error(`no resource type in ${requestPath}`);
  const base = `${namespace}/${types.join('/')}`;
  switch (method.toUpperCase()) {
    case 'GET': case 'HEAD': return `${base}/read`;
    case 'PUT': case 'PATCH': return `${base}/write`;
    case 'DELETE': return `${base}/delete`;
    case 'POST': return `${base}/action`;
    default: throw new Error(`unexpected method ${method} ${requestPath}`);
  }
}

const credential: TokenCredential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

let arm: FakeArm;
let result: AzureLiveResult;

beforeAll(async () => {
  process.env['NO_PROXY'] = '127.0.0.1';
  // One of everything, so every operation the collector knows is called at least once.
  arm = await startArmApi({
    ...everythingElse(),
    [`/subscriptions/${SUB}`]: { body: { id: `/subscriptions/${SUB}`, subscriptionId: SUB, tenantId: '0f0e0d0c-1111-2222-3333-444455556666', displayName: 'mm-oob', state: 'Enabled' } },
    [SA_LIST]: {
      body: {
        value: [{
          id: SA_ID, name: 'stmmoob', type: 'Microsoft.Storage/storageAccounts', location: 'westeurope', kind: 'StorageV2',
          sku: { name: 'Standard_GZRS', tier: 'Standard' }, properties: { supportsHttpsTrafficOnly: true, minimumTlsVersion: 'TLS1_2', allowBlobPublicAccess: false },
        }],
      },
    },
    [`${SA_ID}/blobServices/default`]: {
      body: { id: `${SA_ID}/blobServices/default`, name: 'default', type: 'Microsoft.Storage/storageAccounts/blobServices', properties: { isVersioningEnabled: true } },
    },
    [AKS_LIST]: {
      body: {
        value: [{
          id: AKS_ID, name: 'aks-mm-oob', type: 'Microsoft.ContainerService/ManagedClusters', location: 'westeurope',
          properties: { kubernetesVersion: '1.33.1', agentPoolProfiles: [{ name: 'system', mode: 'System', osType: 'Linux', vmSize: 'Standard_D4s_v5' }] },
        }],
      },
    },
  });
  result = await collectAzure({ subscriptionId: SUB, credential, endpoint: arm.url, tlsCa: arm.ca });
});

afterAll(async () => {
  await arm.close();
});

describe('ARM request → RBAC operation', () => {
  it('maps reads, writes, deletes and actions', () => {
    expect(armOperation('GET', `/subscriptions/${SUB}`)).toBe('Microsoft.Resources/subscriptions/read');
    expect(armOperation('GET', `/subscriptions/${SUB}/resourceGroups/${RG}`)).toBe('Microsoft.Resources/subscriptions/resourceGroups/read');
    expect(armOperation('GET', SA_LIST)).toBe('Microsoft.Storage/storageAccounts/read');
    expect(armOperation('GET', `${SA_ID}/blobServices/default`)).toBe('Microsoft.Storage/storageAccounts/blobServices/read');
    expect(armOperation('POST', `${SA_ID}/listKeys`)).toBe('Microsoft.Storage/storageAccounts/listKeys/action');
    expect(armOperation('PUT', SA_ID)).toBe('Microsoft.Storage/storageAccounts/write');
    expect(armOperation('DELETE', AKS_ID)).toBe('Microsoft.ContainerService/managedClusters/delete');
  });
});

describe('deploy/azure/oobguard-reader-role.json', () => {
  it('the scan read everything without a failure', () => {
    expect(result.coverage.gaps).toEqual([]);
    expect(result.coverage.failedCalls).toBe(0);
    expect(result.azure.storage.accounts).toHaveLength(1);
    expect(result.azure.aks.clusters).toHaveLength(1);
    expect(result.azure.keyVaults.keys).toHaveLength(1);
    expect(result.azure.authorization.roleAssignments[0]?.roleDefinitionName).toBe('Reader');
    expect(result.azure.postgres.flexibleServers).toHaveLength(1);
    expect(result.azure.monitor.diagnosticSettings).toHaveLength(5);
  });

  it('is a custom role granting reads only, no wildcard, no data actions, assignable to the OOB subscription', () => {
    const role = loadRole();
    expect(role.IsCustom).toBe(true);
    expect(typeof role.Name === 'string' && role.Name !== '').toBe(true);
    expect(typeof role.Description === 'string' && role.Description !== '').toBe(true);
    const actions = strings(role.Actions);
    expect(actions.length).toBeGreaterThan(0);
    for (const a of actions) {
      expect(a).not.toContain('*');
      expect(a).toMatch(/^Microsoft\.[A-Za-z]+(\/[A-Za-z]+)+\/read$/);
    }
    expect(new Set(actions).size).toBe(actions.length);
    expect(strings(role.NotActions)).toEqual([]);
    expect(strings(role.DataActions)).toEqual([]);
    if (role.NotDataActions !== undefined) expect(strings(role.NotDataActions)).toEqual([]);
    expect(strings(role.AssignableScopes)).toEqual(['/subscriptions/<OOB subscription id>']);
  });

  // Azure matches RBAC operations case-insensitively (the SDKs spell `dnsZones`, the operation list `dnszones`).
  it('grants exactly the operations the collector called: every request is covered, nothing is unused', () => {
    const role = new Set(strings(loadRole().Actions).map((a) => a.toLowerCase()));
    expect(arm.requests.length).toBeGreaterThan(0);
    const called = new Set(arm.requests.map((r) => armOperation(r.method, r.path).toLowerCase()));
    for (const r of arm.requests) expect(role, `${r.method} ${r.path}`).toContain(armOperation(r.method, r.path).toLowerCase());
    expect([...called].sort()).toEqual([...role].sort());
    expect(arm.requests.every((r) => r.method === 'GET')).toBe(true);
  });

  it('every permission the collector names in a gap or unknown is in the role', () => {
    const role = new Set(strings(loadRole().Actions).map((a) => a.toLowerCase()));
    const named = new Set<string>();
    for (const f of readdirSync(SOURCE_DIR).filter((n) => n.endsWith('.ts'))) {
      for (const m of readFileSync(path.join(SOURCE_DIR, f), 'utf8').matchAll(/'(Microsoft\.[A-Za-z]+(?:\/[A-Za-z]+)+\/read)\b/g)) named.add(m[1]!);
    }
    expect(named.size).toBeGreaterThan(0);
    for (const p of named) expect(role, p).toContain(p.toLowerCase());
  });
});
