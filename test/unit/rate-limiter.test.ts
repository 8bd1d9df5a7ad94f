import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../../src/jobs/rate-limiter';
import { classifySendError } from '../../src/jobs/sender';

describe('rate limiter (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Acquires for each chat id concurrently; returns the virtual time each was granted, in order of the list. */
  async function grants(limiter: ReturnType<typeof createRateLimiter>, chats: (number | bigint)[]) {
    const times: number[] = new Array(chats.length);
    const all = Promise.all(chats.map((c, i) => limiter.acquire(c).then(() => (times[i] = Date.now()))));
    await vi.runAllTimersAsync();
    await all;
    return times;
  }

  it('spaces sends evenly at the global rate', async () => {
    const limiter = createRateLimiter({ globalPerSec: 10, now: () => Date.now() });
    const times = await grants(
      limiter,
      Array.from({ length: 20 }, (_, i) => 1000 + i),
    );
    expect(times.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i * 100));
  });

  it('an event loop stalled past several slots sends them late, but never more than the rate + 1 in a second', async () => {
    // No timer fires between 1,000 and 1,900 ms (a busy event loop): the slots due then all wake at 1,900.
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const due = Date.now() + ms;
        setTimeout(resolve, (due > 1000 && due < 1900 ? 1900 : due) - Date.now());
      });
    const limiter = createRateLimiter({ globalPerSec: 10, now: () => Date.now(), sleep });
    const times = (
      await grants(
        limiter,
        Array.from({ length: 40 }, (_, i) => 1000 + i),
      )
    ).sort((a, b) => a - b);
    expect(times.filter((t) => t === 1900).length).toBeGreaterThan(1);
    for (let i = 11; i < times.length; i++) expect(times[i]! - times[i - 11]!).toBeGreaterThanOrEqual(1000);
    // The pace goes on after the stall: no slot is lost to the wait.
    expect(times[39]).toBeLessThan(4100);
  });

  it('one per second per private chat, while other chats go on', async () => {
    const limiter = createRateLimiter({ globalPerSec: 100, now: () => Date.now() });
    const times = await grants(limiter, [7, 7, 7, 8]);
    const seven = times.slice(0, 3).sort((a, b) => a - b);
    expect(seven[1]! - seven[0]!).toBeGreaterThanOrEqual(1000);
    expect(seven[2]! - seven[1]!).toBeGreaterThanOrEqual(1000);
    expect(times[3]!).toBeLessThan(100);
  });

  it('at most 20 per minute per group', async () => {
    const limiter = createRateLimiter({ globalPerSec: 100, now: () => Date.now() });
    const times = (
      await grants(
        limiter,
        Array.from({ length: 22 }, () => -100123),
      )
    ).sort((a, b) => a - b);
    expect(times[19]).toBeLessThan(60_000);
    expect(times[20]).toBeGreaterThanOrEqual(60_000);
    // Never more than 20 in any 60 s window.
    for (let i = 20; i < times.length; i++) expect(times[i]! - times[i - 20]!).toBeGreaterThanOrEqual(60_000);
  });

  it('a single 429 pauses only its chat for retry_after; other chats go on', async () => {
    const limiter = createRateLimiter({ globalPerSec: 100, now: () => Date.now() });
    await grants(limiter, [1]);
    expect(limiter.rateLimited(1, 5000)).toBe(false);
    expect(limiter.pausedFor()).toBe(0);
    const times = await grants(limiter, [2, 3, -5, 1]);
    for (const t of times.slice(0, 3)) expect(t).toBeLessThan(100);
    expect(times[3]).toBeGreaterThanOrEqual(5000);
  });

  it('429s from 3 different chats within 2 s pause every chat; 3 from one chat do not', async () => {
    const limiter = createRateLimiter({ globalPerSec: 100, now: () => Date.now() });
    expect(limiter.rateLimited(1, 1000)).toBe(false);
    expect(limiter.rateLimited(1, 1000)).toBe(false);
    expect(limiter.rateLimited(1, 1000)).toBe(false);
    expect(limiter.pausedFor()).toBe(0);
    expect(limiter.rateLimited(2, 1000)).toBe(false);
    expect(limiter.rateLimited(3, 5000)).toBe(true);
    expect(limiter.pausedFor()).toBe(5000);
    const times = await grants(limiter, [4, 5, -5]);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(5000);
    expect(limiter.pausedFor()).toBe(0);
  });

  it('429s from different chats spread over more than 2 s are not a burst', async () => {
    const limiter = createRateLimiter({ globalPerSec: 100, now: () => Date.now() });
    expect(limiter.rateLimited(1, 1000)).toBe(false);
    await vi.advanceTimersByTimeAsync(1500);
    expect(limiter.rateLimited(2, 1000)).toBe(false);
    await vi.advanceTimersByTimeAsync(1500);
    expect(limiter.rateLimited(3, 1000)).toBe(false);
    expect(limiter.pausedFor()).toBe(0);
  });
});

describe('send error classification', () => {
  const api = (error_code: number, description: string, parameters?: object) => ({
    response: { error_code, description, parameters },
  });
  it('sorts Telegram errors into what the dispatcher does', () => {
    expect(classifySendError(api(429, 'Too Many Requests: retry after 7', { retry_after: 7 }))).toMatchObject({
      type: 'rate-limited',
      retryAfterSec: 7,
    });
    expect(
      classifySendError(api(400, 'Bad Request: group chat was upgraded', { migrate_to_chat_id: -1001234 })),
    ).toMatchObject({ type: 'migrated', newChatId: -1001234n });
    expect(classifySendError(api(403, 'Forbidden: bot was blocked by the user'))).toMatchObject({
      type: 'unreachable',
    });
    expect(classifySendError(api(502, 'Bad Gateway'))).toMatchObject({ type: 'transient' });
    expect(classifySendError(api(400, 'Bad Request: message is too long'))).toMatchObject({ type: 'permanent' });
    expect(classifySendError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toMatchObject(
      { type: 'transient' },
    );
  });
});
