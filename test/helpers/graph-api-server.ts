/**
 * A local Microsoft Graph v1.0 for live-collector tests: https on 127.0.0.1 with a private CA (the
 * Azure pipeline refuses bearer tokens over http). Routes are keyed by the path after `/v1.0`
 * (`/organization`, `/users/alice@oob.example.org`); a route may hold several replies, served in
 * order (the last one repeats), so a 429-then-200 sequence is one route. Like Graph, it:
 *
 * - applies `$filter=<property> eq '<value>'` to a collection (`value` array) reply;
 * - pages a collection longer than `pageSize` with an absolute `@odata.nextLink` (`$skiptoken`);
 * - answers an unknown path with 404 `Request_ResourceNotFound`, a path outside `/v1.0` with 400;
 * - sends error bodies as `{ error: { code, message, innerError } }`.
 *
 * A reply with `raw` sends that text as the body (malformed responses). Every request is recorded.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeCerts } from './arm-api-server.ts';

export interface GraphReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sent as is instead of `body` (a malformed response). */
  raw?: string;
}

export interface GraphRecorded {
  method: string;
  /** Path as requested, decoded (`/v1.0/users/alice@oob.example.org`). */
  path: string;
  query: Record<string, string>;
  authorization: string;
}

export interface FakeGraph {
  url: string;
  ca: string;
  requests: GraphRecorded[];
  /** Routes by path after `/v1.0`; replace them between tests. */
  routes: Map<string, GraphReply[]>;
  setRoutes(routes: Record<string, GraphReply | GraphReply[]>): void;
  close(): Promise<void>;
}

/** A Graph error reply, as Graph sends it. */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): GraphReply {
  return { status, headers, body: { error: { code, message, innerError: { date: '2026-11-20T12:00:00', 'request-id': '7d3f0c1e-0000-4000-8000-000000000001', 'client-request-id': '7d3f0c1e-0000-4000-8000-000000000002' } } } };
}

/** `appId eq '0f…'` → the property and value; null for filters this server does not apply. */
function equalityFilter(filter: string | null): { property: string; value: string } | null {
  const m = filter === null ? null : /^\s*([A-Za-z]+)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(filter);
  return m ? { property: m[1]!, value: m[2]!.replaceAll("''", "'") } : null;
}

export async function startGraphApi(routes: Record<string, GraphReply | GraphReply[]> = {}, opts: { pageSize?: number } = {}): Promise<FakeGraph> {
  const { ca, key, cert } = makeCerts();
  const pageSize = opts.pageSize ?? 100;
  const table = new Map<string, GraphReply[]>();
  const setRoutes = (r: Record<string, GraphReply | GraphReply[]>): void => {
    table.clear();
    for (const [k, v] of Object.entries(r)) table.set(k, Array.isArray(v) ? [...v] : [v]);
  };
  setRoutes(routes);
  const requests: GraphRecorded[] = [];
  let url = '';
  const server: Server = createServer({ key, cert }, (req, res) => {
    const u = new URL(req.url ?? '/', 'https://127.0.0.1');
    const path = decodeURIComponent(u.pathname);
    requests.push({ method: req.method ?? 'GET', path, query: Object.fromEntries(u.searchParams), authorization: req.headers.authorization ?? '' });
    const send = (reply: GraphReply): void => {
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8', 'request-id': '7d3f0c1e-0000-4000-8000-000000000001', ...reply.headers });
      res.end(reply.raw ?? JSON.stringify(reply.body));
    };
    if (!path.startsWith('/v1.0/')) {
      send(graphError(400, 'BadRequest', `Invalid version: ${path.split('/')[1] ?? ''}`));
      return;
    }
    const route = path.slice('/v1.0'.length);
    const replies = table.get(route) ?? [...table].find(([k]) => k.toLowerCase() === route.toLowerCase())?.[1];
    if (replies === undefined) {
      send(graphError(404, 'Request_ResourceNotFound', `Resource '${route.split('/').pop() ?? ''}' does not exist or one of its queried reference-property objects are not present.`));
      return;
    }
    const reply = replies.length > 1 ? replies.shift()! : replies[0]!;
    const body = reply.body as { value?: unknown } | undefined;
    if ((reply.status ?? 200) !== 200 || reply.raw !== undefined || body === undefined || !Array.isArray(body.value)) {
      send(reply);
      return;
    }
    let items = body.value as Record<string, unknown>[];
    const filter = equalityFilter(u.searchParams.get('$filter'));
    if (filter) items = items.filter((i) => String(i[filter.property] ?? '').toLowerCase() === filter.value.toLowerCase());
    const start = Number(u.searchParams.get('$skiptoken') ?? '0');
    const page = items.slice(start, start + pageSize);
    const next = new URLSearchParams(u.searchParams);
    next.set('$skiptoken', String(start + pageSize));
    send({ ...reply, body: {
      '@odata.context': `${url}/v1.0/$metadata#${route.split('/')[1] ?? ''}`,
      ...body, value: page,
      ...(start + pageSize < items.length ? { '@odata.nextLink': `${url}${u.pathname}?${next.toString()}` } : {}),
    } });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, ca, requests, routes: table, setRoutes,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
