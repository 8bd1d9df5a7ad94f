import { describe, expect, it } from 'vitest';
import { turnBatcher } from '../../src/db/turn-batch.js';

/** A batcher that records what ran how: `many` doubles the numbers, `one` adds one. */
function recorder(fail?: (items: number[]) => boolean, alone?: (err: unknown) => boolean) {
  const calls: string[] = [];
  const run = turnBatcher<number, number>({
    key: (n) => String(n),
    async one(n) {
      calls.push(`one ${n}`);
      return n + 1;
    },
    async many(items) {
      calls.push(`many ${items.join(',')}`);
      if (fail?.(items)) throw new Error('connection lost');
      return items.map((n) => n * 2);
    },
    alone,
  });
  return { calls, run };
}

describe('turnBatcher', () => {
  it('runs the calls of one turn together and answers each with its own result, in order', async () => {
    const { calls, run } = recorder();
    expect(await Promise.all([run(1), run(2), run(3)])).toEqual([2, 4, 6]);
    expect(calls).toEqual(['many 1,2,3']);
  });

  it('runs a lone call by itself, and calls of later turns in batches of their own', async () => {
    const { calls, run } = recorder();
    expect(await run(5)).toBe(6);
    expect(await Promise.all([run(7), run(8)])).toEqual([14, 16]);
    expect(calls).toEqual(['one 5', 'many 7,8']);
  });

  it('runs a repeated key alone, after its batch is answered', async () => {
    const { calls, run } = recorder();
    const order: string[] = [];
    const results = await Promise.all([
      run(1).then((r) => (order.push('first 1'), r)),
      run(2),
      run(1).then((r) => (order.push('second 1'), r)),
    ]);
    expect(results).toEqual([2, 4, 2]);
    expect(calls).toEqual(['many 1,2', 'one 1']);
    expect(order).toEqual(['first 1', 'second 1']);
  });

  it('runs each call of a batch alone when the batch fails, so a call fails only for its own reason', async () => {
    const { calls, run } = recorder((items) => items.includes(13));
    expect(await Promise.all([run(12), run(13)])).toEqual([13, 14]);
    expect(calls).toEqual(['many 12,13', 'one 12', 'one 13']);
    const failing = turnBatcher<number, number>({
      key: String,
      one: async (n) => {
        if (n === 2) throw new Error(`no ${n}`);
        return n;
      },
      many: async () => {
        throw new Error('deadlock detected');
      },
    });
    const results = await Promise.allSettled([failing(1), failing(2)]);
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('no 2') },
    ]);
    expect(await Promise.all([run(12), run(14)])).toEqual([24, 28]);
  });

  it('after a failed batch, runs its calls alone one after the other, in the order they were made', async () => {
    const events: string[] = [];
    const run = turnBatcher<number, number>({
      key: String,
      // The first made is the slowest: run together, it would finish last.
      one: async (n) => {
        events.push(`start ${n}`);
        await new Promise((r) => setTimeout(r, n === 1 ? 30 : 1));
        events.push(`end ${n}`);
        return n;
      },
      many: async () => {
        throw new Error('deadlock detected');
      },
    });
    expect(await Promise.all([run(1), run(2), run(3)])).toEqual([1, 2, 3]);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('with `alone` saying no for the error, a failed batch fails every item with it (none is tried again)', async () => {
    const { calls, run } = recorder(
      () => true,
      (err) => !String(err).includes('connection lost'),
    );
    const results = await Promise.allSettled([run(1), run(2)]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.value))).toEqual([
      'Error: connection lost',
      'Error: connection lost',
    ]);
    expect(calls).toEqual(['many 1,2']);
  });
});
