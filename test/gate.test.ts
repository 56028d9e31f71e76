/**
 * The gate every live call of an account (or region, or subscription) passes: never more than its
 * limit in flight, every call runs, waiting calls go in the order they came, and a failing call
 * frees its slot. Counters that share a parent count into it while passing their own gate.
 */
import { describe, expect, it } from 'vitest';
import { call, Gate, withGate, type CallCounter } from '../src/collectors/aws-live/calls.ts';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));

describe('Gate', () => {
  it('keeps at most `limit` calls in flight, runs them all in arrival order, and survives failures', async () => {
    const gate = new Gate(3);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => gate.run(async () => {
      started.push(i);
      inFlight++;
      most = Math.max(most, inFlight);
      await tick();
      inFlight--;
      if (i % 7 === 3) throw new Error(`call ${i} failed`);
      return i;
    })));
    expect(most).toBe(3);
    expect(started).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(3);
    expect(results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))).toHaveLength(17);
  });

  it('a region\'s counter has its own gate and counts into its account', async () => {
    const account: CallCounter = { calls: 0, failedCalls: 0, gate: new Gate(1) };
    const region = withGate(account, new Gate(2));
    let inFlight = 0;
    let most = 0;
    const slow = async (): Promise<void> => { inFlight++; most = Math.max(most, inFlight); await tick(); inFlight--; };
    await Promise.all([call(region, slow), call(region, slow), call(region, async () => { throw new Error('x'); })]);
    expect(most).toBe(2);
    expect(account).toMatchObject({ calls: 3, failedCalls: 1 });
  });

  it('a call made while a call holds its slot (credentials renewed inside an SDK call) runs in that slot, counted', async () => {
    const account: CallCounter = { calls: 0, failedCalls: 0, gate: new Gate(1) };
    let inFlight = 0;
    let most = 0;
    const inner = async (): Promise<string> => { inFlight++; most = Math.max(most, inFlight); await tick(); inFlight--; return 'renewed'; };
    // The outer call waits for the inner one and sends nothing meanwhile: one request in flight at a time.
    const outer = call(account, async () => { const r = await call(account, inner); inFlight++; most = Math.max(most, inFlight); await tick(); inFlight--; return r; });
    const stalled = new Promise<'stalled'>((resolve) => setTimeout(() => resolve('stalled'), 2000));
    expect(await Promise.race([outer, stalled])).toEqual({ ok: true, value: { ok: true, value: 'renewed' } });
    expect(account).toMatchObject({ calls: 2, failedCalls: 0 });
    expect(most).toBe(1);
    // Once the outer call is done, calls queue at the gate again.
    const order: string[] = [];
    await Promise.all([call(account, async () => { order.push('a'); await tick(); order.push('a done'); }), call(account, async () => { order.push('b'); })]);
    expect(order).toEqual(['a', 'a done', 'b']);
  });
});
