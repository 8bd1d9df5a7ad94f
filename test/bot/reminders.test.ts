import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, TZ, type Harness } from '../support/harness.js';
import { createScheduler } from '../../src/jobs/scheduler.js';
import { runCli } from '../../src/cli/run.js';
import { createLogger } from '../../src/logger.js';
import type { Config } from '../../src/config.js';

const FOCAL_A = 6_200_000_001;
const FOCAL_B = 6_200_000_002;
const COORD = 6_200_000_010;
const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const local = (iso: string) => DateTime.fromISO(iso, { zone: TZ });

async function seed(h: Harness) {
  const { repos } = h.app;
  const a = await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' });
  const b = await repos.agencies.create({ code: 'SYT', nameVi: 'Sở Y tế' });
  const fa = await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_A), displayName: 'Lê Văn An' }, 'FOCAL', a.id);
  const fb = await repos.users.upsertWithRole(
    { telegramId: BigInt(FOCAL_B), displayName: 'Trần Thị Bình' },
    'FOCAL',
    b.id,
  );
  const co = await repos.users.upsertWithRole(
    { telegramId: BigInt(COORD), displayName: 'Phạm Chuyên Viên' },
    'COORDINATOR',
    null,
  );
  return { a, b, fa, fb, co };
}

async function activity(h: Harness, leadAgencyId: number, start: string, over: Record<string, unknown> = {}) {
  return h.app.repos.activities.create(
    {
      type: 'INBOUND',
      title: 'Đón đoàn tỉnh Champasak (Lào) thăm và làm việc',
      leadAgencyId,
      timingPrecision: 'DAY',
      startDate: utc(start),
      endDate: utc(start),
      status: 'AUTHORIZED',
      ...over,
    },
    { userId: null, referenceYear: 2025, now: local('2025-04-01T09:00').toJSDate() },
  );
}

const texts = (h: Harness, chatId: number) => h.fake.sent(chatId).map((m) => m.text ?? '');
const sends = (h: Harness, chatId: number) => h.fake.callsTo('sendMessage').filter((c) => c.chatId === chatId);

describe('reminders through the outbox and the fake Bot API', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2025-04-10T09:00' });
    await h.app.jobs.idle(); // the start-up catch-up pass
  });
  afterEach(async () => {
    await h?.stop();
  });

  it('sends the upcoming-activity reminder once, polite and specific, and keeps its message id', async () => {
    const { a } = await seed(h);
    const act = await activity(h, a.id, '2025-04-17');
    await h.app.jobs.tick();
    const [msg] = h.fake.sent(FOCAL_A);
    expect(msg?.text).toContain('Nhắc việc: hoạt động sắp diễn ra');
    expect(msg?.text).toContain(`Đoàn vào ${act.reference}: Đón đoàn tỉnh Champasak`);
    expect(msg?.text).toContain('Thời gian: 17/04/2025 (còn 7 ngày)');
    expect(msg?.text).toContain('Đề nghị quý cơ quan rà soát công tác chuẩn bị');
    const row = await h.app.repos.notifications.findByKey(
      `upcoming:${act.id}:2025-04-17:7d:u${(await h.app.repos.users.findByTelegramId(BigInt(FOCAL_A)))!.id}`,
    );
    expect(row).toMatchObject({ state: 'SENT', sentMessageId: msg!.message_id, kind: 'reminder.upcoming' });

    // Planning again, on another instance and after a restart: still one message.
    await h.app.jobs.tick();
    await h.restart();
    await h.app.jobs.idle();
    await h.app.jobs.tick();
    expect(sends(h, FOCAL_A)).toHaveLength(1);
    expect(sends(h, FOCAL_B)).toHaveLength(0);
  });

  it('a reminder due outside working hours goes out at the next opening; missed ones go out at start-up', async () => {
    const { a } = await seed(h);
    await activity(h, a.id, '2025-04-21'); // 1 day before is Sunday 20/4
    h.clock.set('2025-04-20T10:00');
    const plan = await h.app.jobs.planReminders();
    expect(plan.toInsert.map((p) => p.dedupeKey)).toEqual([expect.stringMatching(/^upcoming:\d+:2025-04-21:1d:u\d+$/)]);
    await h.app.jobs.dispatch();
    h.clock.set('2025-04-21T07:29');
    await h.app.jobs.tick();
    expect(sends(h, FOCAL_A)).toHaveLength(0);
    const [pending] = await h.app.repos.notifications.listPending();
    expect(DateTime.fromJSDate(pending!.dueAt, { zone: TZ }).toFormat('yyyy-MM-dd HH:mm')).toBe('2025-04-21 07:30');

    // The bot was down at 07:30 and comes back at 09:00: the start-up pass sends it, late, once.
    h.clock.set('2025-04-21T09:00');
    await h.restart();
    await h.app.jobs.idle();
    expect(texts(h, FOCAL_A)).toEqual([expect.stringContaining('Thời gian: 21/04/2025 (hôm nay)')]);
  });

  it('plan-request reminders stop for an agency once it answers', async () => {
    const { a, b, fa } = await seed(h);
    // Deadlines are stored as the end of the local day (the plans feature's convention).
    const plan = await h.app.repos.plans.create({
      kind: 'REQUEST',
      title: 'Kế hoạch đối ngoại năm 2026',
      deadline: local('2025-04-21').endOf('day').toJSDate(),
    });
    h.clock.set('2025-04-14T08:00');
    await h.app.jobs.tick();
    expect(texts(h, FOCAL_A)).toEqual([
      expect.stringContaining('gửi Kế hoạch đối ngoại năm 2026 trước ngày 21/04/2025 (còn 7 ngày)'),
    ]);
    expect(sends(h, FOCAL_B)).toHaveLength(1);

    // Sunday: the 1-day reminders wait for Monday's opening; agency A answers meanwhile.
    h.clock.set('2025-04-20T10:00');
    await h.app.jobs.tick();
    await h.app.repos.plans.setResponse(plan.id, a.id, 'ANSWERED', { userId: fa.id, now: h.clock.now.toJSDate() });
    h.clock.set('2025-04-21T07:30');
    await h.app.jobs.tick();
    expect(sends(h, FOCAL_A)).toHaveLength(1);
    expect(texts(h, FOCAL_B).at(-1)).toContain('(hôm nay)');
    const retired = await h.app.repos.notifications.findByKey(`plan-deadline:${plan.id}:2025-04-21:1d:u${fa.id}`);
    expect(retired?.state).toBe('CANCELLED');
    expect(b.id).toBeGreaterThan(0);
  });

  it("moving an activity's date retires its pending reminders and plans new ones", async () => {
    const { a, fa } = await seed(h);
    const act = await activity(h, a.id, '2025-04-21');
    h.clock.set('2025-04-20T10:00');
    await h.app.jobs.tick();
    await h.app.repos.activities.update(
      act.id,
      { startDate: utc('2025-04-28'), endDate: utc('2025-04-28') },
      { userId: null, now: h.clock.now.toJSDate() },
    );
    h.clock.set('2025-04-21T07:30');
    await h.app.jobs.tick();
    expect((await h.app.repos.notifications.findByKey(`upcoming:${act.id}:2025-04-21:1d:u${fa.id}`))?.state).toBe(
      'CANCELLED',
    );
    expect(texts(h, FOCAL_A)).toEqual([expect.stringContaining('Thời gian: 28/04/2025 (còn 7 ngày)')]);
  });

  it('429: pauses only that chat for retry_after and delivers, nothing lost, nothing doubled; other chats go on', async () => {
    const { a, b } = await seed(h);
    await activity(h, a.id, '2025-04-17');
    await activity(h, b.id, '2025-04-17');
    await activity(h, b.id, '2025-04-17', { title: 'Hội thảo hợp tác y tế với tỉnh Champasak' });
    h.fake.failNext(
      'sendMessage',
      { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } },
      { chatId: FOCAL_A },
    );
    const r = await h.app.jobs.tick().then(() => h.app.jobs.dispatch());
    expect(r.claimed).toBe(0); // all handled in the first pass
    const calls = sends(h, FOCAL_A);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(calls[1]!.at - calls[0]!.doneAt!).toBeGreaterThanOrEqual(2950);
    // FOCAL_B's two reminders (1 s apart) both go out during FOCAL_A's pause.
    const other = sends(h, FOCAL_B);
    expect(other.map((c) => c.status)).toEqual([200, 200]);
    expect(other[1]!.at).toBeLessThan(calls[0]!.doneAt! + 2500);
    expect(await h.app.repos.notifications.listPending()).toEqual([]);
  });

  it('429s from three chats within seconds (the bot-wide limit): all sending pauses, then everything is delivered once', async () => {
    const { repos } = h.app;
    const { a, b } = await seed(h);
    const c = await repos.agencies.create({ code: 'SCT', nameVi: 'Sở Công Thương' });
    const d = await repos.agencies.create({ code: 'SNV', nameVi: 'Sở Nội vụ' });
    const [FOCAL_C, FOCAL_D] = [6_200_000_003, 6_200_000_004];
    await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_C), displayName: 'Đỗ Văn Cường' }, 'FOCAL', c.id);
    await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_D), displayName: 'Vũ Thị Dung' }, 'FOCAL', d.id);
    for (const id of [a.id, b.id, c.id, d.id]) await activity(h, id, '2025-04-17');
    await activity(h, d.id, '2025-04-17', { title: 'Hội thảo hợp tác y tế với tỉnh Champasak' });
    const limited = [FOCAL_A, FOCAL_B, FOCAL_C];
    for (const chatId of limited) {
      h.fake.failNext(
        'sendMessage',
        { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } },
        { chatId },
      );
    }
    await h.app.jobs.tick().then(() => h.app.jobs.dispatch());
    const all = h.fake.callsTo('sendMessage');
    const burstAt = Math.max(...all.filter((x) => x.status === 429).map((x) => x.doneAt!));
    for (const chatId of limited) expect(sends(h, chatId).map((x) => x.status)).toEqual([429, 200]);
    // Every send after the third 429, to any chat, waits for the pause: FOCAL_D's second reminder too.
    const after = all.filter((x) => x.status === 200 && x.at > burstAt);
    expect(after.map((x) => x.chatId)).toEqual(expect.arrayContaining([...limited, FOCAL_D]));
    for (const x of after) expect(x.at - burstAt).toBeGreaterThanOrEqual(1950);
    expect(sends(h, FOCAL_D).map((x) => x.status)).toEqual([200, 200]);
    expect(await h.app.repos.notifications.listPending()).toEqual([]);
  });

  it('5xx: retried with backoff, then dead after the limit and reported in the digest', async () => {
    const { a, b, fa } = await seed(h);
    const act = await activity(h, a.id, '2025-04-17');
    await activity(h, b.id, '2025-04-17');
    h.fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, { chatId: FOCAL_B, times: 2 });
    h.fake.failNext(
      'sendMessage',
      { error_code: 500, description: 'Internal Server Error' },
      { chatId: FOCAL_A, times: 100 },
    );
    await h.app.jobs.tick();
    const key = `upcoming:${act.id}:2025-04-17:7d:u${fa.id}`;
    expect(await h.app.repos.notifications.findByKey(key)).toMatchObject({
      state: 'PENDING',
      attempts: 1,
      lastError: '500 Internal Server Error',
    });
    // Backoff: 30 s, 60 s, 120 s, 240 s; then the fifth failure is final.
    for (const secs of [31, 92, 213, 454, 695]) {
      h.clock.set(local('2025-04-10T09:00').plus({ seconds: secs }).toISO()!);
      await h.app.jobs.dispatch();
    }
    expect(await h.app.repos.notifications.findByKey(key)).toMatchObject({ state: 'DEAD', attempts: 5 });
    expect(sends(h, FOCAL_A)).toHaveLength(5);
    expect(sends(h, FOCAL_B).map((c) => c.status)).toEqual([502, 502, 200]);

    await h.app.repos.chatGroups.register(-100777n, 'Chuyên viên Sở Ngoại vụ', null);
    await h.app.jobs.dailyDigest(local('2025-04-11T07:30'));
    const digest = h.fake
      .sent(-100777)
      .map((m) => m.text)
      .join('\n');
    expect(digest).toContain('Tin nhắc việc không gửi được: 1');
    expect(digest).toContain('Lê Văn An (SNN) — gửi không thành công (1 tin)');
  });

  it('403: the user is marked unreachable, reported, and not retried; writing again makes them reachable', async () => {
    const { a, fa } = await seed(h);
    await activity(h, a.id, '2025-04-17');
    await activity(h, a.id, '2025-04-17', { title: 'Hội thảo xúc tiến đầu tư' });
    h.fake.blockBy(FOCAL_A);
    await h.app.jobs.tick();
    expect(sends(h, FOCAL_A).map((c) => c.status)).toEqual([403]); // one call, not one per reminder
    expect((await h.app.repos.users.findById(fa.id))?.reachable).toBe(false);
    const failed = await h.app.repos.notifications.listUndeliveredSince(new Date(0));
    expect(failed.map((n) => n.state)).toEqual(['FAILED', 'FAILED']);
    h.clock.set('2025-04-14T08:00');
    expect((await h.app.jobs.planReminders()).toInsert).toEqual([]); // nothing planned for an unreachable user

    // Unblocking the bot (my_chat_member) makes them reachable again; blocking it marks them at once.
    const user = h.fake.user(FOCAL_A, { firstName: 'An' });
    user.unblock();
    await h.fake.waitForIdle();
    expect((await h.app.repos.users.findById(fa.id))?.reachable).toBe(true);
    user.block();
    await h.fake.waitForIdle();
    expect((await h.app.repos.users.findById(fa.id))?.reachable).toBe(false);
  });

  it('a group that became a supergroup is followed: stored id updated and the message resent there', async () => {
    const { a } = await seed(h);
    await h.app.repos.chatGroups.register(-100555n, 'Chuyên viên', null);
    const submitted = local('2025-04-10T08:00').toJSDate();
    const act = await h.app.repos.activities.create(
      {
        type: 'OUTBOUND',
        title: 'Đoàn công tác tại Nhật Bản',
        leadAgencyId: a.id,
        timingPrecision: 'RANGE',
        startDate: utc('2025-04-24'),
        endDate: utc('2025-04-28'),
        status: 'SUBMITTED',
      },
      { userId: null, referenceYear: 2025, now: submitted },
    );
    h.fake.group(-100555, 'Chuyên viên').migrateTo(-100999555);
    await h.app.jobs.tick();
    expect(h.fake.sent(-100999555).map((m) => m.text)).toEqual([
      expect.stringContaining(`Cảnh báo: đoàn ra đăng ký muộn\nĐoàn ra ${act.reference}`),
    ]);
    expect((await h.app.repos.chatGroups.listActive()).map((g) => g.chatId)).toEqual([-100999555n]);
    const row = await h.app.repos.notifications.findByKey(`outbound-late:${act.id}:2025-04-24:registered:g-100555`);
    expect(row).toMatchObject({ state: 'SENT', chatId: -100999555n });
    expect(texts(h, FOCAL_A)).toEqual([expect.stringContaining('chỉ còn 10 ngày làm việc')]);
  });

  it('a sender killed between claim and send: the lease expires and the reminder is sent once', async () => {
    const { a } = await seed(h);
    await activity(h, a.id, '2025-04-17');
    await h.app.jobs.planReminders();
    const [claimed] = await h.app.repos.notifications.claimDue(h.clock.now.toJSDate(), {
      limit: 10,
      owner: 'killed-instance',
      leaseMs: 5 * 60_000,
    });
    expect(claimed?.state).toBe('SENDING');
    await h.app.jobs.dispatch(); // the lease holds: nobody else sends it
    expect(sends(h, FOCAL_A)).toHaveLength(0);
    h.clock.set('2025-04-10T09:06');
    await h.restart();
    await h.app.jobs.idle();
    await h.app.jobs.dispatch();
    expect(sends(h, FOCAL_A)).toHaveLength(1);
    expect(await h.app.repos.notifications.findByKey(claimed!.dedupeKey)).toMatchObject({ state: 'SENT', attempts: 2 });
  });

  it('CLI: lists pending reminders, dry-runs a planning pass, sends the digest', async () => {
    const { a } = await seed(h);
    const act = await activity(h, a.id, '2025-04-21');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
    const open = async () => ({ jobs: h.app.jobs, now: () => h.clock.now, close: async () => undefined });

    expect(await runCli(['reminders', 'plan', '--at', '2025-04-14T07:30', '--dry-run'], { io, open })).toBe(0);
    expect(out.join('\n')).toContain(`+ upcoming:${act.id}:2025-04-21:7d:u`);
    expect(await h.app.repos.notifications.listPending()).toEqual([]); // dry run wrote nothing

    out.length = 0;
    expect(await runCli(['reminders', 'plan', '--at', '2025-04-20T10:00'], { io, open })).toBe(0);
    expect(await runCli(['reminders', 'list'], { io, open })).toBe(0);
    expect(out.join('\n')).toMatch(/PENDING\t21\/04\/2025 07:30\t0\treminder\.upcoming/);

    expect(await runCli(['reminders', 'plan', '--at', 'tomorrow'], { io, open })).toBe(2);
    expect(err.join('\n')).toContain('is not an ISO date-time');
    expect(await runCli(['reminders', 'list', '--limit', 'x'], { io, open })).toBe(2);
    expect(await runCli(['reminders', 'lst'], { io, open })).toBe(2);

    expect(await runCli(['digest', 'send'], { io, open })).toBe(1); // no group yet
    await h.app.repos.chatGroups.register(-100321n, 'Chuyên viên', null);
    out.length = 0;
    expect(await runCli(['digest', 'send'], { io, open })).toBe(0);
    expect(out.join('\n')).toContain('sent 1 message(s)');
    expect(h.fake.sent(-100321)[0]?.text).toContain('TỔNG HỢP CÔNG TÁC ĐỐI NGOẠI NGÀY 10/04/2025');
  });
});

describe('scheduler', () => {
  it('wires REMINDER_CRON and DIGEST_CRON with the timezone; cron only calls the jobs with now', async () => {
    const scheduled: { expr: string; opts: unknown; fn: () => Promise<void> }[] = [];
    const cron = {
      schedule: (expr: string, fn: () => Promise<void>, opts: unknown) => {
        scheduled.push({ expr, opts, fn });
        return { stop: async () => undefined, destroy: async () => undefined };
      },
    };
    const calls: string[] = [];
    const now = DateTime.fromISO('2025-04-10T07:30', { zone: 'Asia/Bangkok' });
    const config = { reminderCron: '*/5 * * * *', digestCron: '15 8 * * 1-5', timezone: 'Asia/Bangkok' } as Config;
    const scheduler = createScheduler({
      config,
      jobs: {
        tick: async (n) => void calls.push(`tick ${n.toISO()}`),
        dailyDigest: async (n) => void calls.push(`digest ${n.toISO()}`),
      },
      logger: createLogger('silent'),
      now: () => now,
      cron: cron as never,
    });
    scheduler.start();
    expect(scheduled.map((s) => [s.expr, s.opts])).toEqual([
      ['*/5 * * * *', { timezone: 'Asia/Bangkok', noOverlap: true, name: 'reminders' }],
      ['15 8 * * 1-5', { timezone: 'Asia/Bangkok', noOverlap: true, name: 'digest' }],
    ]);
    for (const s of scheduled) await s.fn();
    expect(calls).toEqual([`tick ${now.toISO()}`, `digest ${now.toISO()}`]);
    await scheduler.stop();
  });
});
