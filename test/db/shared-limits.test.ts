import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { createSharedLimitsRepo, type SharedLimitsRepo } from '../../src/db/repos/shared-limits.js';
import { createSharedRateLimiter } from '../../src/jobs/shared-rate-limiter.js';
import { createTestDb, type TestDb } from '../support/db.js';

// The limits several instances share on PostgreSQL (SendPace, RateWindow), with three separate
// connections standing for three instances.
describe.skipIf(!inject('pgTemplate'))('shared limits on PostgreSQL', () => {
  let main: TestDb;
  const others: DbHandle[] = [];
  let repos: SharedLimitsRepo[];

  beforeAll(async () => {
    main = await createTestDb('postgresql');
    for (let i = 0; i < 2; i++) others.push(await createDb(main.url));
    repos = [main.db, ...others.map((o) => o.db)].map((db) => createSharedLimitsRepo(db));
  });
  afterAll(async () => {
    for (const o of others) await o.close();
    await main?.drop();
  });

  it('hands out distinct global slots exactly one interval apart to concurrent instances', async () => {
    const slots = await Promise.all(
      Array.from({ length: 90 }, (_, i) => repos[i % 3]!.reserve(10, `chat:${100 + i}`, 1000)),
    );
    expect(slots.every((s) => s.claimed)).toBe(true);
    const sorted = slots.map((s) => s.slot).sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(10);
    // Reserved back to back: no gaps beyond the clock moving between statements.
    expect(sorted.at(-1)! - sorted[0]!).toBeLessThan(89 * 10 + 1000);
    expect(new Set(sorted).size).toBe(90);
  });

  it('gives a chat to one sender per interval; a pause moves every later slot past it', async () => {
    const g = await repos[0]!.reserve(10, 'chat:42', 1000);
    expect(g.claimed).toBe(true);
    // The next global slot is 10 ms later: the chat is not free then, and that slot is lost.
    const again = await repos[1]!.reserve(10, 'chat:42', 1000);
    expect(again).toMatchObject({ claimed: false });
    expect(again.slot).toBeGreaterThanOrEqual(g.slot + 10);
    expect((await repos[2]!.readyAt('chat:42')).slot).toBe(g.slot + 1000);
    const late = await repos[2]!.reserve(10, 'chat:43', 1000);
    expect(late.claimed).toBe(true);
    // A sender too late for its slot gives the chat back: the next sender need not wait for it.
    await repos[2]!.release('chat:43', late.slot, 1000);
    expect((await repos[0]!.readyAt('chat:43')).slot).toBe(late.slot);
    const paused = await repos[2]!.pause(3000);
    const after = await repos[0]!.reserve(10, 'chat:44', 1000);
    expect(after.slot).toBeGreaterThanOrEqual(paused.slot);
    expect(after.slot - after.now).toBeGreaterThan(2500);
  });

  it('counts one user window across instances: the limit holds in all, not per instance', async () => {
    const hits = await Promise.all(Array.from({ length: 30 }, (_, i) => repos[i % 3]!.hit('user:7', 60_000)));
    expect(hits.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // A window that has passed starts again at 1.
    await repos[0]!.hit('user:8', 50);
    await new Promise((r) => setTimeout(r, 80));
    expect(await repos[1]!.hit('user:8', 50)).toBe(1);
  });

  it('three limiters sharing the database keep the combined rate and each chat one per interval', async () => {
    await main.db.sendPace.deleteMany({});
    const limiters = repos.map((repo) =>
      createSharedRateLimiter({ repo, globalPerSec: 50, perChatIntervalMs: 200, marginMs: 100 }),
    );
    const grants: { chat: number; at: number }[] = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 60 }, async (_, i) => {
        const chat = 1000 + (i % 20);
        await limiters[i % 3]!.acquire(chat);
        grants.push({ chat, at: Date.now() });
      }),
    );
    const elapsed = Date.now() - started;
    // 60 sends at 50/s: at least 59 intervals of 20 ms; each of the 20 chats three times, 200 ms apart (slots 300 ms apart: a margin for a busy event loop).
    expect(elapsed).toBeGreaterThanOrEqual(59 * 20 - 20);
    for (let c = 1000; c < 1020; c++) {
      const times = grants
        .filter((g) => g.chat === c)
        .map((g) => g.at)
        .sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(200);
    }
    // Old chat cursors are pruned; the global and pause rows stay.
    await new Promise((r) => setTimeout(r, 300));
    await repos[0]!.prune(0, new Date(Date.now() + 1000));
    expect((await main.db.sendPace.findMany()).map((r) => r.key).sort()).toEqual(['global', 'pause']);
    expect(await main.db.rateWindow.count()).toBe(0);
  });
  it('a single 429 pauses its chat on every instance, other chats go on; a burst from three chats pauses every instance', async () => {
    await main.db.sendPace.deleteMany({});
    const limiters = repos.map((repo) => createSharedRateLimiter({ repo, globalPerSec: 50, marginMs: 0 }));
    const timed = async (i: number, chat: number) => {
      const t0 = Date.now();
      await limiters[i]!.acquire(chat);
      return Date.now() - t0;
    };
    // Instance 0 got a 429 for chat 1 (retry_after 1.5 s): instance 1 may not send there before it ends …
    expect(limiters[0]!.rateLimited(1, 1500)).toBe(false);
    expect(limiters[0]!.pausedFor()).toBe(0);
    await timed(0, 9); // the chat's pause is written before instance 0 reserves again
    const [one, others] = await Promise.all([timed(1, 1), Promise.all([timed(1, 2), timed(2, 3), timed(0, 4)])]);
    expect(one).toBeGreaterThanOrEqual(1300);
    // … while every other chat, on every instance, is served at once.
    for (const t of others) expect(t).toBeLessThan(500);
    // 429s from three different chats within a few seconds: the bot-wide limit; every instance stops.
    const burstAt = Date.now();
    limiters[0]!.rateLimited(5, 2000);
    limiters[0]!.rateLimited(6, 2000);
    expect(limiters[0]!.rateLimited(7, 2000)).toBe(true);
    expect(limiters[0]!.pausedFor()).toBeGreaterThan(1500);
    await new Promise((r) => setTimeout(r, 200)); // the pause written to the database
    await Promise.all([timed(1, 11), timed(2, 12)]);
    expect(Date.now() - burstAt).toBeGreaterThanOrEqual(1800);
  });
});
