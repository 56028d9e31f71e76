/**
 * A local Azure Resource Manager for live-collector tests: https on 127.0.0.1 with a private CA
 * made by openssl at start (the ARM SDKs refuse bearer tokens over http). Routes are keyed by
 * path (and `$skiptoken` for later pages); a route may hold several replies, served in order (the
 * last one repeats), so a 429-then-200 sequence is one route. A reply's `raw` text is sent as is
 * (a malformed body). Every request is recorded. `emptyArmLists` answers every list the live
 * collector makes with an empty page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ArmReply {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
  /** Sent verbatim instead of `body` (a truncated or non-JSON answer). */
  raw?: string;
  /** Never answer (a hung API). */
  hang?: boolean;
}

export interface ArmRecorded {
  method: string;
  path: string;
  /** Path with its query (`api-version`, `$skiptoken`): two equal ones are the same call made twice. */
  url: string;
  authorization: string;
}

export interface FakeArm {
  url: string;
  ca: string;
  requests: ArmRecorded[];
  /** Replace or add routes (keyed `path` or `path?$skiptoken=x`). */
  routes: Map<string, ArmReply[]>;
  close(): Promise<void>;
}

/** An ARM error body, as ARM sends it. */
export function armError(status: number, code: string, message: string, headers: Record<string, string> = {}): ArmReply {
  return { status, headers, body: { error: { code, message } } };
}

/** Every subscription-level list the live Azure collector reads, each answering an empty page. */
export function emptyArmLists(sub: string): Record<string, ArmReply> {
  const lists = [
    'Microsoft.Storage/storageAccounts', 'Microsoft.ContainerService/managedClusters', 'Microsoft.KeyVault/vaults',
    'Microsoft.ManagedIdentity/userAssignedIdentities', 'Microsoft.Authorization/roleAssignments', 'Microsoft.DBforPostgreSQL/flexibleServers',
    'Microsoft.Network/trafficmanagerprofiles', 'Microsoft.Network/dnszones', 'Microsoft.Network/virtualNetworks',
    'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies', 'Microsoft.Network/FrontDoorWebApplicationFirewallPolicies',
    'Microsoft.Insights/diagnosticSettings',
  ];
  return Object.fromEntries(lists.map((l) => [`/subscriptions/${sub}/providers/${l}`, { body: { value: [] } }]));
}

export function makeCerts(): { ca: string; key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'oobguard-arm-'));
  const run = (args: string[]): void => { execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' }); };
  try {
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=oobguard test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    run(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']);
    writeFileSync(join(dir, 'ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    run(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'ext.cnf']);
    return { ca: readFileSync(join(dir, 'ca.pem'), 'utf8'), key: readFileSync(join(dir, 'server.key'), 'utf8'), cert: readFileSync(join(dir, 'server.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startArmApi(routes: Record<string, ArmReply | ArmReply[]>): Promise<FakeArm> {
  const { ca, key, cert } = makeCerts();
  const table = new Map<string, ArmReply[]>(Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  const requests: ArmRecorded[] = [];
  const server: Server = createServer({ key, cert }, (req, res) => {
    const u = new URL(req.url ?? '/', 'https://127.0.0.1');
    requests.push({ method: req.method ?? 'GET', path: u.pathname, url: `${u.pathname}${u.search}`, authorization: req.headers.authorization ?? '' });
    const skip = u.searchParams.get('$skiptoken');
    const k = skip === null ? u.pathname : `${u.pathname}?$skiptoken=${skip}`;
    // ARM paths are case-insensitive.
    const replies = table.get(k) ?? [...table].find(([key]) => key.toLowerCase() === k.toLowerCase())?.[1];
    const reply = replies === undefined ? armError(404, 'ResourceNotFound', `no route for ${k}`) : replies.length > 1 ? replies.shift()! : replies[0]!;
    if (reply.hang) return;
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json; charset=utf-8', 'x-ms-request-id': 'test', ...reply.headers });
    res.end(reply.raw ?? JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, ca, requests, routes: table,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
