/**
 * One place where every AWS call of a live scan goes through: counted once (the SDK's own retries
 * of throttling and transient errors happen inside it, never a second call by us), and turned into
 * a value or a described failure — error name and HTTP status, the API and the IAM action that
 * would have allowed it. Credentials never appear in a description.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string; name: string; status: number | undefined };

export interface CallCounter {
  calls: number;
  failedCalls: number;
  /** Bounds the requests in flight for everything counted here (one account or subscription). */
  gate?: Gate;
}

/**
 * At most `limit` calls in flight; the others wait their turn in order. Every call of one account
 * (or subscription) passes the same gate, so its services and regions can all start at once — the
 * scan then follows the longest chain of dependent calls — while the API sees a bounded load.
 */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/** A counter that counts into `parent` but passes its own gate (a region's, inside an account). */
export function withGate(parent: CallCounter, gate: Gate): CallCounter {
  return {
    get calls() { return parent.calls; },
    set calls(n: number) { parent.calls = n; },
    get failedCalls() { return parent.failedCalls; },
    set failedCalls(n: number) { parent.failedCalls = n; },
    gate,
  };
}

/** Run `fn` through the counter's gate, if it has one. */
export function gated<T>(counter: CallCounter, fn: () => Promise<T>): Promise<T> {
  return counter.gate ? counter.gate.run(fn) : fn();
}

/** `err.name` and `err.$metadata.httpStatusCode` (the SDK's error classes are not compared). */
export function errorParts(e: unknown): { name: string; status: number | undefined } {
  if (e === null || typeof e !== 'object') return { name: 'Error', status: undefined };
  const o = e as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = typeof o.$metadata?.httpStatusCode === 'number' ? o.$metadata.httpStatusCode : undefined;
  let name = typeof o.name === 'string' && o.name !== '' ? o.name : 'Error';
  // Network errors (ECONNREFUSED, ECONNRESET, …) carry their code; the name is a bare "Error".
  if ((name === 'Error' || name === 'Unknown') && typeof o.code === 'string' && o.code !== '') name = o.code;
  return { name, status };
}

export function describeError(name: string, status: number | undefined): string {
  return status === undefined ? name : `${name} (HTTP ${status})`;
}

/**
 * Set while an AWS call holds a slot of a gate. A call made inside it — the credentials the SDK
 * resolves inside a call, an AssumeRole renewal — runs in that slot: the call holding it waits for
 * it (it sends nothing meanwhile), and queueing behind it would wait forever.
 */
const holding = new AsyncLocalStorage<true>();

/** `fn` through the counter's gate, or in the slot this call already runs in. */
function slotted<T>(counter: CallCounter, fn: () => Promise<T>): Promise<T> {
  if (holding.getStore() === true) return fn();
  return gated(counter, () => holding.run(true, fn));
}

/** A failure described: `AccessDenied (HTTP 403)`, or `MalformedResponse: …` for an answer that cannot be used. */
type Failure = Extract<Outcome<never>, { ok: false }>;

/** A failed call, counted: the SDK's error, or (`error` given) an answer that cannot be used. */
function failure(counter: CallCounter, e: unknown, error?: string): Failure {
  counter.failedCalls++;
  const { name, status } = errorParts(e);
  return { ok: false, error: error ?? describeError(name, status), name, status };
}

/** Run one call, counted once; a failure is counted as failed. */
export async function call<T>(counter: CallCounter, fn: () => Promise<T>): Promise<Outcome<T>> {
  counter.calls++;
  try {
    return { ok: true, value: await slotted(counter, fn) };
  } catch (e) {
    return failure(counter, e);
  }
}

/**
 * Run one call whose "not configured" answer is an error (`NoSuchBucketPolicy`, …): those names
 * give `null`, an answer rather than a failure.
 */
export async function callOrAbsent<T>(counter: CallCounter, notFound: readonly string[], fn: () => Promise<T>): Promise<Outcome<T | null>> {
  counter.calls++;
  try {
    return { ok: true, value: await slotted(counter, fn) };
  } catch (e) {
    if (notFound.includes(errorParts(e).name)) return { ok: true, value: null };
    return failure(counter, e);
  }
}

/** Map `items` with at most `limit` in flight, keeping order. */
export async function mapBounded<I, O>(items: readonly I[], limit: number, fn: (item: I, index: number) => Promise<O>): Promise<O[]> {
  const out: O[] = new Array<O>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, () => worker()));
  return out;
}

/** A page of a listing: its items, and the token of the next page (none: the last page). */
export type Page<T> = { items: T[]; next: string | undefined };

/**
 * Every page of a listing (`Marker`, `NextToken`, `nextToken`, …): one counted call per page, in
 * order. A token seen before (a server that loops) fails the listing as a malformed answer — never
 * a listing that reads as complete.
 */
export async function paged<T>(counter: CallCounter, fetch: (token: string | undefined) => Promise<Page<T>>): Promise<Outcome<T[]>> {
  const r = await pagedUpTo(counter, Number.POSITIVE_INFINITY, fetch);
  return r.ok ? { ok: true, value: r.value.items } : r;
}

/**
 * The first `maxPages` pages of a listing, as `paged`; `truncated` says more were left (the caller
 * must say what that hides).
 */
export async function pagedUpTo<T>(
  counter: CallCounter, maxPages: number, fetch: (token: string | undefined) => Promise<Page<T>>,
): Promise<Outcome<{ items: T[]; truncated: boolean }>> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let n = 0; ; n++) {
    if (n >= maxPages) return { ok: true, value: { items, truncated: true } };
    const t = token;
    const page = await call(counter, () => fetch(t));
    if (!page.ok) return page;
    items.push(...page.value.items);
    token = page.value.next || undefined;
    if (token === undefined) return { ok: true, value: { items, truncated: false } };
    if (seen.has(token)) {
      // The page was answered, but its answer cannot be used: a failed call.
      return failure(counter, { name: 'MalformedResponse' }, 'MalformedResponse: page token repeated');
    }
    seen.add(token);
  }
}
