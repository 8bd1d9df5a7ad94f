import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPDATES_IN_FLIGHT } from '../../src/bot/polling.js';
import { startHarness, type Harness } from '../support/harness.js';

// src/bot/polling.ts: the bot takes updates while others are still being handled (telegraf's
// polling waited for every update of a batch), at most UPDATES_IN_FLIGHT at a time, and never
// confirms to Telegram an update it has not handled yet.
describe('polling, over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const REFUSED = 'chưa được cấp quyền';
  type Poll = { params: Record<string, unknown>; response?: unknown };
  const result = (c: Poll) => (c.response as { ok: boolean; result: { update_id: number }[] }).result;
  const polls = (since: number) => h.fake.callsTo('getUpdates').filter((c) => c.seq >= since && c.response?.ok);

  it('a burst of 60 is answered whole, each once, at most 25 taken at a time', async () => {
    expect(UPDATES_IN_FLIGHT).toBe(25);
    const people = Array.from({ length: 60 }, (_, i) => h.fake.user(5_100_000_000 + i, { firstName: `Khách ${i}` }));
    // Pushed together, before the bot's next poll: they wait in Telegram's queue.
    const updates = people.map((p) => p.send('xin chào'));
    await h.fake.waitForIdle();
    // Each poll brings at most 25 updates no earlier poll brought (the others it returns are being
    // handled); the first was already waiting when the burst came.
    const first = updates[0]!.update_id;
    const seen = new Set<number>();
    for (const poll of polls(0).filter((c) => result(c).some((u) => u.update_id >= first))) {
      const fresh = result(poll).filter((u) => !seen.has(u.update_id));
      expect(fresh.length).toBeLessThanOrEqual(UPDATES_IN_FLIGHT);
      for (const u of fresh) seen.add(u.update_id);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual(updates.map((u) => u.update_id));
    for (const p of people) expect(p.sent().filter((m) => m.text?.includes(REFUSED))).toHaveLength(1);
  });

  it('a slow handler holds nobody up: an update sent while it runs is answered before it ends, and the slow one is not confirmed before it is handled', async () => {
    const slow = h.fake.user(5_200_000_001, { firstName: 'Chậm' });
    const quick = h.fake.user(5_200_000_002, { firstName: 'Nhanh' });
    // The slow one's answer takes Telegram 1.5 s (an upload, a slow network).
    h.fake.hang('sendMessage', 1500, { chatId: slow.id, times: 1 });
    const since = h.fake.mark();
    const a = slow.send('xin chào');
    // Taken: its handler is running (its answer is in flight at Telegram).
    await h.fake.waitFor(
      (c) => c.method === 'getUpdates' && !!c.response?.ok && result(c).some((u) => u.update_id === a.update_id),
      2000,
    );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    const b = quick.send('xin chào');
    await h.fake.waitFor({ method: 'sendMessage', chatId: quick.id, since }, 1200);
    expect(Date.now() - started).toBeLessThan(1200);
    // The slow one is still being handled: not answered yet, and still in Telegram's queue (an update
    // being handled when the process dies comes again), while the quick one was taken after it.
    expect(slow.sent().filter((m) => m.text?.includes(REFUSED))).toHaveLength(0);
    expect(h.fake.pendingUpdates().map((u) => u.update_id)).toContain(a.update_id);
    await h.fake.waitForIdle({ timeoutMs: 5000 });
    expect(slow.sent().filter((m) => m.text?.includes(REFUSED))).toHaveLength(1);
    expect(quick.sent().filter((m) => m.text?.includes(REFUSED))).toHaveLength(1);
    // Both confirmed once handled; neither handled twice.
    expect(h.fake.pendingUpdates().map((u) => u.update_id)).not.toContain(b.update_id);
    expect(h.fake.pendingUpdates().map((u) => u.update_id)).not.toContain(a.update_id);
  });

  it('a getUpdates that Telegram refuses (429 with retry_after) is asked again after that wait: nothing is lost', async () => {
    const user = h.fake.user(5_200_000_003, { firstName: 'Kiên nhẫn' });
    await h.fake.waitForIdle();
    // The poll now waiting answers the first message; the next one is refused for 1 s.
    h.fake.failNext('getUpdates', {
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    user.send('xin chào');
    await h.fake.waitFor({ method: 'sendMessage', chatId: user.id, textIncludes: REFUSED }, 2000);
    const refusedAt = Date.now();
    const second = user.send('xin chào lần nữa');
    await h.fake.waitForIdle({ timeoutMs: 5000 });
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(900);
    expect(h.fake.callsTo('getUpdates').some((c) => c.response?.ok === false)).toBe(true);
    expect(user.sent().filter((m) => m.text?.includes(REFUSED))).toHaveLength(2);
    expect(h.fake.pendingUpdates().map((u) => u.update_id)).not.toContain(second.update_id);
  });
});
