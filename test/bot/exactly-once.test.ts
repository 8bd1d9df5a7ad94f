import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { act, conversation, focalPoint, sentTexts, startForm } from './register-helpers.js';

// Updates are handled exactly once with a lease (src/bot/middlewares/dedupe.ts): a transient
// database error is retried before the user is told, a redelivered update being handled waits for
// its handler, and an update whose handler died is handled again without applying its answer twice.
// (test/e2e/kill.test.ts kills the real process.)

describe('exactly-once update handling', () => {
  let h: Harness;
  let n = 0;
  const newFocal = () => focalPoint(h, 6_120_000_000 + ++n, { code: 'SYT' });

  beforeAll(async () => {
    h = await startHarness({ env: { UPDATE_LEASE_SEC: '1' } });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a transient database error (SQLITE_BUSY, a PostgreSQL serialization failure) is retried: the answer is stored, no apology', async () => {
    const f = await newFocal();
    await startForm(h, f, 'Hoạt động khác');
    const repo = h.app.repos.conversations;
    const save = repo.save;
    const failures = [
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
      Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' }),
    ];
    repo.save = (...args: Parameters<typeof save>) =>
      failures.length ? Promise.reject(failures.shift()!) : save(...args);
    try {
      const texts = sentTexts(await act(h, f.user.id, () => f.user.send('Hội thảo quốc tế về du lịch')));
      expect(failures).toHaveLength(0);
      expect(texts.join('\n')).not.toContain('Xin lỗi');
      expect(texts).toHaveLength(1);
      expect((await conversation(h, f))!.state.answers.title).toBe('Hội thảo quốc tế về du lịch');
    } finally {
      repo.save = save;
    }
  });

  it('a redelivered update is skipped once done; one held by a live lease waits for it, then is skipped', async () => {
    const admin = h.fake.user(5_000_000_001, { firstName: 'Quản trị' });
    const update = admin.command('help');
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    h.fake.redeliver(update.update_id);
    await h.fake.waitForIdle();
    expect(h.fake.calls.filter((c) => c.seq >= since && c.method === 'sendMessage')).toHaveLength(0);
    // Another handler (another instance) holds update 777000001: the redelivery waits, then skips when it is done.
    const repo = h.app.repos.processedUpdates;
    expect((await repo.claim(777_000_001, new Date(), new Date(Date.now() + 5_000))).status).toBe('claimed');
    const started = Date.now();
    const handled = h.app.bot.handleUpdate({
      update_id: 777_000_001,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 5_000_000_001, type: 'private', first_name: 'Q' },
        from: { id: 5_000_000_001, is_bot: false, first_name: 'Q' },
        text: '/help',
        entities: [{ type: 'bot_command', offset: 0, length: 5 }],
      },
    });
    setTimeout(() => void repo.markDone(777_000_001, new Date()), 600);
    const mark = h.fake.mark();
    await handled;
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(h.fake.calls.filter((c) => c.seq >= mark && c.method === 'sendMessage')).toHaveLength(0);
  });

  it('an update whose handler died is handled again after its lease, once; an answer already saved is not applied twice', async () => {
    const f = await newFocal();
    await startForm(h, f, 'Hoạt động khác');
    const u = f.user.send('Tọa đàm hữu nghị Việt – Lào');
    await h.fake.waitForIdle();
    const after = (await conversation(h, f))!;
    expect(after.state.answers.title).toBe('Tọa đàm hữu nghị Việt – Lào');
    // A form step's done mark is its save (the state records the update): no separate write, and
    // the process that handled it skips a redelivery at once.
    const claim = await h.app.db.db.processedUpdate.findUnique({ where: { updateId: BigInt(u.update_id) } });
    expect(claim?.doneAt).toBeNull();
    expect(sentTexts(await act(h, f.user.id, () => h.fake.redeliver(u.update_id)))).toHaveLength(0);
    // As if the process had died after the save, before its reply: the claim is unfinished, its
    // lease expires, and a new process gets the update again.
    await h.app.db.db.processedUpdate.update({
      where: { updateId: BigInt(u.update_id) },
      data: { doneAt: null, leaseUntil: new Date(Date.now() - 1) },
    });
    await h.restart();
    const texts = sentTexts(await act(h, f.user.id, () => h.fake.redeliver(u.update_id)));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('câu trả lời vừa gửi đã được ghi nhận trước đó');
    const again = (await conversation(h, f))!;
    expect(again.state.step).toBe(after.state.step);
    expect(again.state.answers).toEqual(after.state.answers);
    // Handled twice already: a third delivery is skipped, by another process too.
    await h.app.db.db.processedUpdate.update({
      where: { updateId: BigInt(u.update_id) },
      data: { doneAt: null, leaseUntil: new Date(Date.now() - 1) },
    });
    await h.restart();
    expect(sentTexts(await act(h, f.user.id, () => h.fake.redeliver(u.update_id)))).toHaveLength(0);
  });
});
