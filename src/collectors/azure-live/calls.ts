/**
 * One place where every ARM call of a live Azure scan goes through: counted once (the pipeline's
 * own retries of 429/503 with Retry-After and of transient errors happen inside it), and turned
 * into a value or a described failure — the ARM error code and HTTP status. Tokens never appear
 * in a description.
 *
 * Paged lists — read by path (`armGetPaged`) or through an SDK's paged iterator (`armList`) —
 * follow a `nextLink` only on the ARM endpoint, never twice, and at most `maxPages` pages
 * (../live/paging.ts): the SDKs themselves follow any `nextLink` (an absolute one to any host,
 * with the bearer token, and a repeating one forever), so `armList` reads each page's link before
 * the SDK asks for the next page and stops it there.
 */
import type { ResourceManagementContext } from '@azure/arm-resources/api';
import type { CoverageGap } from '../../model/snapshot.ts';
import { gated, mapBounded, type CallCounter } from '../aws-live/calls.ts';
import { NextLinks, PagingError } from '../live/paging.ts';

export { Gate, mapBounded, type CallCounter } from '../aws-live/calls.ts';

/** What every ARM call of one subscription shares: the count and the gate, and the endpoint its lists may page on. */
export interface ArmCounter extends CallCounter {
  /** The ARM endpoint (`https://management.azure.com`): a `nextLink` elsewhere is not followed. */
  endpoint: string;
  /** Pages one list may have (default MAX_PAGES). */
  maxPages?: number;
}

export type ArmOutcome<T> = { ok: true; value: T } | { ok: false; error: string; code: string; status: number | undefined };

/** `RestError`: `code` (`AuthorizationFailed`) and `statusCode`; network errors carry their errno code. */
export function armErrorParts(e: unknown): { code: string; status: number | undefined } {
  if (e === null || typeof e !== 'object') return { code: 'Error', status: undefined };
  const o = e as { name?: unknown; code?: unknown; statusCode?: unknown };
  const status = typeof o.statusCode === 'number' ? o.statusCode : undefined;
  // The pipeline aborts a try that outlasts the request timeout (collect.ts): say so.
  if (o.name === 'AbortError') return { code: 'RequestTimeout', status };
  const code = typeof o.code === 'string' && o.code !== '' ? o.code : typeof o.name === 'string' && o.name !== '' ? o.name : 'Error';
  return { code, status };
}

export function describeArmError(code: string, status: number | undefined): string {
  return status === undefined ? code : `${code} (HTTP ${status})`;
}

/** Why a field is unknown: the API, the error and the Azure action that would have allowed it. */
export function failureReason(api: string, permission: string, o: { error: string }): string {
  return `${api} failed: ${o.error} — needs ${permission}`;
}

/** Run one call, counted once; a failure is counted as failed (a refused next-page link says why). */
export async function armCall<T>(counter: CallCounter, fn: () => Promise<T>): Promise<ArmOutcome<T>> {
  counter.calls++;
  try {
    return { ok: true, value: await gated(counter, fn) };
  } catch (e) {
    counter.failedCalls++;
    const { code, status } = armErrorParts(e);
    const error = describeArmError(code, status);
    return { ok: false, error: e instanceof PagingError ? `${error}: ${e.message}` : error, code, status };
  }
}

/** The `nextLink` of a page of the current ("modular") SDKs: the page's `continuationToken`. */
export function continuationOf(page: unknown): string | undefined {
  const token = (page as { continuationToken?: unknown }).continuationToken;
  return typeof token === 'string' ? token : undefined;
}

/**
 * Drain a paged list as one counted call, page by page (`client.x.list().byPage()`): a failed
 * page fails the list, and each page's `nextLink` is checked before the SDK follows it.
 * `nextLinkOf` reads it: `continuationOf` for the current SDKs; the AutoRest ("track 1") ones
 * keep it aside — pass their package's `getContinuationToken`.
 */
export async function armList<T>(
  counter: ArmCounter, pages: () => AsyncIterable<T[]>, nextLinkOf: (page: T[]) => string | undefined,
): Promise<ArmOutcome<T[]>> {
  return armCall(counter, async () => {
    const links = new NextLinks(counter.endpoint, counter.maxPages);
    const out: T[] = [];
    // The SDK ends the list; a refused link throws here, which ends the SDK's page generator
    // before it asks for that page.
    for await (const page of pages()) {
      out.push(...page);
      links.next(nextLinkOf(page));
    }
    return out;
  });
}

/** One side of `listWithChildren`: how to list, and what a failure is called and needs. */
interface ListSpec<R> {
  nextLinkOf: (page: R[]) => string | undefined;
  permission: string;
  collection: string;
}

/**
 * A subscription's parents (key vaults, identities, DNS zones), then each parent's children, all
 * parents at once (at most `concurrency` lists in flight, and the counter's gate). A failed parent
 * list is a gap on both collections; a failed child list a gap on the children's, and `failed`
 * may mark the parent. `of` turns a parent's raw children into model objects (it may read more).
 */
export async function listWithChildren<RP, P, RC, C>(counter: ArmCounter, subscriptionId: string, concurrency: number, spec: {
  parents: ListSpec<RP> & { list: () => AsyncIterable<RP[]>; api: string; of: (raw: RP) => P };
  children: ListSpec<RC> & {
    list: (parent: P) => AsyncIterable<RC[]>; api: (parent: P) => string;
    of: (raw: RC[], parent: P) => C[] | Promise<C[]>; failed?: (parent: P, reason: string) => void;
  };
}): Promise<{ parents: P[]; children: C[]; gaps: CoverageGap[] }> {
  const { parents: ps, children: cs } = spec;
  const listed = await armList(counter, ps.list, ps.nextLinkOf);
  if (!listed.ok) {
    const gap = { scope: subscriptionId, api: ps.api, error: listed.error, permission: ps.permission };
    return { parents: [], children: [], gaps: [{ collection: ps.collection, ...gap }, { collection: cs.collection, ...gap }] };
  }
  const parents = listed.value.map(ps.of);
  const gaps: CoverageGap[] = [];
  const perParent = await mapBounded(parents, concurrency, async (parent) => {
    const got = await armList(counter, () => cs.list(parent), cs.nextLinkOf);
    if (got.ok) return cs.of(got.value, parent);
    const api = cs.api(parent);
    gaps.push({ collection: cs.collection, scope: subscriptionId, api, error: got.error, permission: cs.permission });
    cs.failed?.(parent, failureReason(api, cs.permission, got));
    return [];
  });
  return { parents, children: perParent.flat(), gaps };
}

/** The REST client of `@azure/arm-resources` (`createResourceManagement`), for APIs read by path. */
export type ArmPathClient = Pick<ResourceManagementContext, 'pathUnchecked'>;

export type JsonBody = Record<string, unknown>;

function httpError(code: string, status: number): Error {
  return Object.assign(new Error(code), { code, statusCode: status });
}

/**
 * GET one ARM path (or an absolute `nextLink`) through the REST client, with the pipeline's
 * retries. A non-200 answer fails like an SDK `RestError` (the ARM error code and the status); a
 * body that is not a JSON object fails as `MalformedResponse`.
 */
export async function armGetJson(rm: ArmPathClient, path: string, apiVersion?: string): Promise<JsonBody> {
  const res = await rm.pathUnchecked(path).get(apiVersion !== undefined ? { queryParameters: { 'api-version': apiVersion } } : {});
  const body: unknown = res.body;
  const status = Number(res.status);
  if (res.status !== '200') {
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    throw httpError(typeof code === 'string' && code !== '' ? code : 'HttpError', status);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw httpError('MalformedResponse', status);
  return body as JsonBody;
}

/**
 * GET an ARM list by path and follow its `nextLink`s (on the ARM endpoint only, each once): the
 * items of every page (a page without `value` is malformed).
 */
export async function armGetPaged(rm: ArmPathClient, paging: Pick<ArmCounter, 'endpoint' | 'maxPages'>, path: string, apiVersion: string): Promise<unknown[]> {
  const links = new NextLinks(paging.endpoint, paging.maxPages);
  links.first(`${path}?api-version=${apiVersion}`);
  const out: unknown[] = [];
  let page = await armGetJson(rm, path, apiVersion);
  for (;;) {
    if (!Array.isArray(page['value'])) throw httpError('MalformedResponse', 200);
    out.push(...(page['value'] as unknown[]));
    // The nextLink carries its own api-version and paging token.
    const next = links.next(page['nextLink']);
    if (next === undefined) return out;
    page = await armGetJson(rm, next);
  }
}
