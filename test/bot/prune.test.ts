import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';

// ProcessedUpdate keeps one row per update for de-duplication; Telegram redelivers for 24 hours at
// most, so the hourly prune (on the reminder tick) drops claims older than 48 hours.
describe('update claims are pruned after 48 hours', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2025-04-10T09:00:00' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('drops claims older than 48 h on the tick, keeps younger ones, and a redelivered recent update is still skipped', async () => {
    const admin = h.fake.user(ADMIN_ID, { firstName: 'Lan' });
    const old = [admin.command('start'), admin.command('help')];
    await h.fake.waitForIdle();
    h.clock.set('2025-04-11T10:00:00'); // 25 h later
    const younger = admin.command('help');
    await h.fake.waitForIdle();
    // A claim whose handler died and was never finished, from the first day.
    await h.app.repos.processedUpdates.claim(
      999_001,
      new Date('2025-04-10T02:00:00Z'),
      new Date('2025-04-10T02:00:30Z'),
    );
    const ids = async () =>
      (await h.app.db.db.processedUpdate.findMany({ orderBy: { updateId: 'asc' } })).map((r) => Number(r.updateId));
    expect(await ids()).toEqual([...old.map((u) => u.update_id), younger.update_id, 999_001].sort((a, b) => a - b));

    h.clock.set('2025-04-12T09:30:00'); // 48.5 h after the first two, 23.5 h after the third
    await h.app.jobs.tick();
    expect(await ids()).toEqual([younger.update_id]);

    // The kept claim still does its work: a redelivery is not handled twice.
    const before = h.fake.sent(ADMIN_ID).length;
    h.fake.redeliver(younger.update_id);
    await h.fake.waitForIdle();
    expect(h.fake.sent(ADMIN_ID).length).toBe(before);
    // Pruning runs once an hour, not on every tick; the job is also callable on its own.
    expect(await h.app.jobs.prune()).toEqual({ processedUpdates: 0, sharedLimits: 0 });
  });
});
