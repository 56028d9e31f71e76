/**
 * One place where every ARM call of a live Azure scan goes through: counted once (the pipeline's
 * own retries of 429/503 with Retry-After and of transient errors happen inside it), and turned
 * into a value or a described failure — the ARM error code and HTTP status. Tokens never appear
 * in a description.
 */
import type { ResourceManagementContext } from '@azure/arm-resources/api';
import { gated, type CallCounter } from '../aws-live/calls.ts';

export { Gate, mapBounded, type CallCounter } from '../aws-live/calls.ts';

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

/** Run one call, counted once; a failure is counted as failed. */
export async function armCall<T>(counter: CallCounter, fn: () => Promise<T>): Promise<ArmOutcome<T>> {
  counter.calls++;
  try {
    return { ok: true, value: await gated(counter, fn) };
  } catch (e) {
    counter.failedCalls++;
    const { code, status } = armErrorParts(e);
    return { ok: false, error: describeArmError(code, status), code, status };
  }
}

/** Drain a paged list (the SDK follows `nextLink`) as one counted call: a failed page fails the list. */
export async function armList<T>(counter: CallCounter, iter: () => AsyncIterable<T>): Promise<ArmOutcome<T[]>> {
  return armCall(counter, async () => {
    const out: T[] = [];
    for await (const item of iter()) out.push(item);
    return out;
  });
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

/** GET an ARM list by path and follow its `nextLink`s: the items of every page (a page without `value` is malformed). */
export async function armGetPaged(rm: ArmPathClient, path: string, apiVersion: string): Promise<unknown[]> {
  const out: unknown[] = [];
  let page = await armGetJson(rm, path, apiVersion);
  for (;;) {
    if (!Array.isArray(page['value'])) throw httpError('MalformedResponse', 200);
    out.push(...(page['value'] as unknown[]));
    const next = page['nextLink'];
    if (typeof next !== 'string' || next === '') return out;
    // The nextLink carries its own api-version and paging token.
    page = await armGetJson(rm, next);
  }
}
