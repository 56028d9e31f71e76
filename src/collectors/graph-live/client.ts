/**
 * The Microsoft Graph v1.0 client of a live scan, one per tenant, on `@azure/core-rest-pipeline`:
 * the HTTP pipeline under the ARM SDKs, so Graph reads behave like ARM reads — bearer tokens for
 * `<graph endpoint>/.default` asked for the tenant being read (never sent over plain http), 429
 * and 503 retried after `Retry-After`, transient failures retried with back-off, proxy variables
 * honoured, a timeout per try. The Graph SDKs were not taken: `@microsoft/microsoft-graph-client`
 * brings its own fetch middleware (its own retry, and TLS settings only through a custom fetch),
 * `@microsoft/msgraph-sdk` a generated model of all of Graph; six GETs need neither.
 *
 * Responses are data from outside: a body that is not JSON, or a list without a `value` array, is
 * a failure (`MalformedResponse`). Lists follow `@odata.nextLink` only while it stays on the Graph
 * endpoint, never revisit a page and stop past a page cap (../live/paging.ts); no redirect is
 * followed: the token never goes elsewhere.
 * Failures are thrown as errors with the Graph error `code`, `statusCode` and Graph's message.
 */
import {
  bearerTokenAuthenticationPolicy, createDefaultHttpClient, createHttpHeaders, createPipelineFromOptions, createPipelineRequest,
} from '@azure/core-rest-pipeline';
import type { GetTokenOptions, TokenCredential } from '@azure/identity';
import { isObject } from '../live/json.ts';
import { NextLinks } from '../live/paging.ts';

export interface GraphConnection {
  /** Graph endpoint (`https://graph.microsoft.com`), no trailing slash. */
  endpoint: string;
  /** Token scope: the cloud's `<graph endpoint>/.default` (stays the cloud's when `endpoint` points elsewhere, as in tests). */
  scope: string;
  credential: TokenCredential;
  /** The tenant every token is asked for. */
  tenantId: string;
  /** PEM CA(s) to trust for the endpoint (tests: a private CA). */
  tlsCa?: string;
  /** Retries per request after the first (pipeline default 3). */
  maxRetries?: number;
  /** Timeout per try, in ms (default 30 s). */
  timeoutMs?: number;
}

export type GraphObject = Record<string, unknown>;

export interface GraphClient {
  /** `GET /v1.0<path>`: one resource. */
  get(path: string, query?: Record<string, string>): Promise<GraphObject>;
  /** `GET /v1.0<path>`: a collection, every page. */
  list(path: string, query?: Record<string, string>): Promise<GraphObject[]>;
}

const API_VERSION = 'v1.0';
const DEFAULT_TIMEOUT_MS = 30_000;

/** A thrown Graph failure: `code` (`Authorization_RequestDenied`), `statusCode`, Graph's message. */
function failure(code: string, status: number | undefined, message: string): Error {
  return Object.assign(new Error(message), { code, statusCode: status });
}

/** `?k=v&…` with values percent-encoded (`$filter=appId eq '…'` → `%20`, not `+`). */
function queryString(query: Record<string, string> | undefined): string {
  const parts = Object.entries(query ?? {}).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** Every token for the tenant being read, whatever tenant the credential signs in to by default. */
function forTenant(credential: TokenCredential, tenantId: string): TokenCredential {
  return { getToken: (scopes: string | string[], options?: GetTokenOptions) => credential.getToken(scopes, { ...options, tenantId }) };
}

export function createGraphClient(c: GraphConnection): GraphClient {
  const pipeline = createPipelineFromOptions({
    ...(c.tlsCa !== undefined ? { tlsOptions: { ca: c.tlsCa } } : {}),
    ...(c.maxRetries !== undefined ? { retryOptions: { maxRetries: c.maxRetries } } : {}),
    userAgentOptions: { userAgentPrefix: 'oobguard' },
    // No request this client makes is redirected by Graph; a redirect is not followed (the token stays on the endpoint).
    redirectOptions: { maxRetries: 0 },
  });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: forTenant(c.credential, c.tenantId), scopes: c.scope }));
  const http = createDefaultHttpClient();
  const origin = new URL(c.endpoint).origin;
  const base = `${c.endpoint}/${API_VERSION}`;

  async function fetchJson(url: string): Promise<unknown> {
    const request = createPipelineRequest({
      url, method: 'GET', timeout: c.timeoutMs ?? DEFAULT_TIMEOUT_MS, headers: createHttpHeaders({ accept: 'application/json' }),
    });
    const res = await pipeline.sendRequest(http, request);
    const text = res.bodyAsText ?? '';
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (res.status < 200 || res.status > 299) {
      const err = isObject(body) && isObject(body['error']) ? body['error'] : {};
      const code = typeof err['code'] === 'string' && err['code'] !== '' ? err['code'] : 'HttpError';
      throw failure(code, res.status, typeof err['message'] === 'string' ? err['message'] : '');
    }
    if (!isObject(body)) throw failure('MalformedResponse', res.status, 'the response is not a JSON object');
    return body;
  }

  return {
    async get(path, query) {
      return await fetchJson(`${base}${path}${queryString(query)}`) as GraphObject;
    },
    async list(path, query) {
      const out: GraphObject[] = [];
      const links = new NextLinks(origin);
      let url: string | undefined = `${base}${path}${queryString(query)}`;
      links.first(url);
      while (url !== undefined) {
        const page = await fetchJson(url) as GraphObject;
        const value = page['value'];
        if (!Array.isArray(value)) throw failure('MalformedResponse', 200, `a page of ${path} has no "value" array`);
        for (const item of value) if (isObject(item)) out.push(item);
        url = links.next(page['@odata.nextLink']);
      }
      return out;
    },
  };
}
