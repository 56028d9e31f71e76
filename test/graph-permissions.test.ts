/**
 * Least privilege: every Microsoft Graph request the live Graph collector makes (seen by the local
 * Graph, through the real pipeline) is listed in deploy/azure/oobguard-graph-permissions.json under
 * the least-privileged application permission Microsoft documents for it — reads only, nothing
 * unused, and the permissions the collector names in its gaps are the file's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_PERMISSIONS } from '../src/collectors/graph-live/calls.ts';
import { collectGraph, type GraphLiveResult } from '../src/collectors/graph-live/collect.ts';
import { startGraphApi, type FakeGraph, type GraphRecorded } from './helpers/graph-api-server.ts';

const FILE = path.join(process.cwd(), 'deploy/azure/oobguard-graph-permissions.json');
const TENANT = '7d9a3c2b-3333-4e5f-a6b7-c8d9e0f1a2b3';
const APP = '3e1f0a2b-5555-4c6d-8e7f-9a0b1c2d3e4f';
const UPN = 'alice@contosooob.onmicrosoft.com';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The least-privileged application permission of each Graph v1.0 request, from the "Permissions"
 * section of its Microsoft Graph reference page (organization-get, conditionalaccessroot-list-policies,
 * identitysecuritydefaultsenforcementpolicy-get, authenticationmethodsroot-list-userregistrationdetails,
 * application-list, user-get) — kept here, apart from the collector, so each side checks the other.
 */
const DOCUMENTED: [RegExp, string][] = [
  [/^GET \/v1\.0\/organization$/, 'Organization.Read.All'],
  [/^GET \/v1\.0\/identity\/conditionalAccess\/policies$/, 'Policy.Read.All'],
  [/^GET \/v1\.0\/policies\/identitySecurityDefaultsEnforcementPolicy$/, 'Policy.Read.All'],
  [/^GET \/v1\.0\/reports\/authenticationMethods\/userRegistrationDetails$/, 'AuditLog.Read.All'],
  [/^GET \/v1\.0\/applications\?\$filter=appId eq '[^']+'$/, 'Application.Read.All'],
  [/^GET \/v1\.0\/users\/[^/?]+$/, 'User.Read.All'],
];

interface PermissionFile {
  ResourceAppId?: unknown;
  Permissions?: { Value?: unknown; Id?: unknown; Type?: unknown; Requests?: unknown }[];
}

function load(): { resourceAppId: unknown; permissions: { value: string; id: string; type: string; requests: string[] }[] } {
  const f = JSON.parse(readFileSync(FILE, 'utf8')) as PermissionFile;
  return {
    resourceAppId: f.ResourceAppId,
    permissions: (f.Permissions ?? []).map((p) => ({
      value: String(p.Value), id: String(p.Id), type: String(p.Type),
      requests: Array.isArray(p.Requests) ? p.Requests.map(String) : [],
    })),
  };
}

/** `GET /v1.0/users/{userPrincipalName}` → a regex over described requests. */
function templateRegex(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[A-Za-z]+\}/g, "[^/?']+");
  return new RegExp(`^${escaped}$`);
}

/** A recorded request as the file describes it: method, path, and the `$filter` that selects (paging and `$select` change no permission). */
function described(r: GraphRecorded): string {
  return `${r.method} ${r.path}${r.query['$filter'] !== undefined ? `?$filter=${r.query['$filter']}` : ''}`;
}

const credential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
let graph: FakeGraph;
let result: GraphLiveResult;

beforeAll(async () => {
  process.env['NO_PROXY'] = '127.0.0.1';
  // One of everything, so every request the collector knows is made at least once.
  graph = await startGraphApi({
    '/organization': { body: { value: [{ id: TENANT, displayName: 'Contoso OOB', verifiedDomains: [] }] } },
    '/policies/identitySecurityDefaultsEnforcementPolicy': { body: { id: '00000000-0000-0000-0000-000000000005', isEnabled: false } },
    '/identity/conditionalAccess/policies': { body: { value: [] } },
    '/reports/authenticationMethods/userRegistrationDetails': { body: { value: [{ id: 'u1', userPrincipalName: UPN, isMfaRegistered: true, isMfaCapable: true, methodsRegistered: ['fido2'] }] } },
    '/applications': { body: { value: [{ id: 'a1', appId: APP, displayName: 'Mattermost OOB', signInAudience: 'AzureADMyOrg' }] } },
    [`/users/${UPN}`]: { body: { id: 'u1', userPrincipalName: UPN, displayName: 'Alice', accountEnabled: true, userType: 'Member' } },
  });
  result = await collectGraph({ tenantId: TENANT, credential, endpoint: graph.url, tlsCa: graph.ca, roster: [UPN], apps: [{ appId: APP, configuredIn: ['OpenIdSettings'] }] });
});

afterAll(async () => {
  await graph.close();
});

describe('deploy/azure/oobguard-graph-permissions.json', () => {
  it('the scan read everything without a failure', () => {
    expect(result.coverage).toMatchObject({ failedCalls: 0, gaps: [] });
    expect(graph.requests.length).toBe(6);
  });

  it('lists Microsoft Graph application permissions (app roles), read-only, each once, with a well-formed id', () => {
    const f = load();
    expect(f.resourceAppId).toBe('00000003-0000-0000-c000-000000000000');
    expect(f.permissions.length).toBeGreaterThan(0);
    for (const p of f.permissions) {
      expect(p.type).toBe('Role');
      expect(p.value).toMatch(/^[A-Za-z]+\.Read\.All$/);
      expect(p.id).toMatch(GUID);
      expect(p.requests.length).toBeGreaterThan(0);
      for (const r of p.requests) expect(r).toMatch(/^GET \/v1\.0\//);
    }
    expect(new Set(f.permissions.map((p) => p.value)).size).toBe(f.permissions.length);
    expect(new Set(f.permissions.map((p) => p.id)).size).toBe(f.permissions.length);
  });

  it('every request the collector made is listed, under the documented least-privileged permission; nothing listed is unused', () => {
    const f = load();
    const templates = f.permissions.flatMap((p) => p.requests.map((t) => ({ template: t, regex: templateRegex(t), permission: p.value })));
    const used = new Set<string>();
    for (const r of graph.requests) {
      const d = described(r);
      const hits = templates.filter((t) => t.regex.test(d));
      expect(hits.map((h) => h.template), d).toHaveLength(1);
      used.add(hits[0]!.template);
      const doc = DOCUMENTED.filter(([re]) => re.test(d)).map(([, p]) => p);
      expect(doc, `${d}: not in the documented table`).toHaveLength(1);
      expect(hits[0]!.permission, d).toBe(doc[0]);
    }
    expect([...used].sort()).toEqual(templates.map((t) => t.template).sort());
  });

  it('the permissions the collector names in its gaps are exactly the file\'s', () => {
    expect([...new Set(Object.values(GRAPH_PERMISSIONS))].sort()).toEqual(load().permissions.map((p) => p.value).sort());
  });
});
