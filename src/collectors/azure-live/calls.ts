/**
 * One place where every ARM call of a live Azure scan goes through: counted once (the pipeline's
 * own retries of 429/503 with Retry-After and of transient errors happen inside it), and turned
 * into a value or a described failure — the ARM error code and HTTP status. Tokens never appear
 * in a description.
 */
import type { CallCounter } from '../aws-live/calls.ts';

export { mapBounded, type CallCounter } from '../aws-live/calls.ts';

export type ArmOutcome<T> = { ok: true; value: T } | { ok: false; error: string; code: string; status: number | undefined };

/** `RestError`: `code` (`AuthorizationFailed`) and `statusCode`; network errors carry their errno code. */
export function armErrorParts(e: unknown): { code: string; status: number | undefined } {
  if (e === null || typeof e !== 'object') return { code: 'Error', status: undefined };
  const o = e as { name?: unknown; code?: unknown; statusCode?: unknown };
  const status = typeof o.statusCode === 'number' ? o.statusCode : undefined;
  const code = typeof o.code === 'string' && o.code !== '' ? o.code : typeof o.name === 'string' && o.name !== '' ? o.name : 'Error';
  return { code, status };
}

export function describeArmError(code: string, status: number | undefined): string {
  return status === undefined ? code : `${code} (HTTP ${status})`;
}

/** Run one call, counted once; a failure is counted as failed. */
export async function armCall<T>(counter: CallCounter, fn: () => Promise<T>): Promise<ArmOutcome<T>> {
  counter.calls++;
  try {
    return { ok: true, value: await fn() };
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
