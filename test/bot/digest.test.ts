import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_ID, startHarness, TZ, type Harness } from '../support/harness.js';

const COORD = 6_300_000_010;
const FOCAL = 6_300_000_001;
const HEAD = 6_300_000_020;
const STRANGER = 6_300_000_099;
const GROUP = -100_300_000_001;
const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const local = (iso: string) => DateTime.fromISO(iso, { zone: TZ });

async function seed(h: Harness) {
  const { repos } = h.app;
  const agency = await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' });
  const coord = await repos.users.upsertWithRole(
    { telegramId: BigInt(COORD), displayName: 'Phạm Chuyên Viên' },
    'COORDINATOR',
    null,
  );
  await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL), displayName: 'Lê Văn An' }, 'FOCAL', agency.id);
  const head = await repos.users.upsertWithRole({ telegramId: BigInt(HEAD), displayName: 'Lãnh đạo Sở' }, 'HEAD', null);
  return { agency, coord, head };
}

async function register(
  h: Harness,
  title: string,
  start: string,
  leadAgencyId: number,
  submittedAt = '2025-04-10T06:00',
) {
  return h.app.repos.activities.create(
    {
      type: 'INBOUND',
      title,
      leadAgencyId,
      timingPrecision: 'DAY',
      startDate: utc(start),
      endDate: utc(start),
      status: 'SUBMITTED',
    },
    { userId: null, referenceYear: 2025, now: local(submittedAt).toJSDate() },
  );
}

describe('/setgroup and /digest', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2025-04-10T09:00' });
    await h.app.jobs.idle();
  });
  afterEach(async () => {
    await h?.stop();
  });

  it('a coordinator registers the group with /setgroup; repeating it keeps one group', async () => {
    await seed(h);
    const coord = h.fake.user(COORD, { firstName: 'Chuyên viên' });
    const group = h.fake.group(GROUP, 'Chuyên viên Sở Ngoại vụ');
    let since = h.fake.mark();
    const update = group.command(coord, 'setgroup');
    const reply = await h.fake.waitFor({ method: 'sendMessage', chatId: GROUP, since });
    expect(reply.params.text).toContain(
      'Đã đăng ký nhóm <b>Chuyên viên Sở Ngoại vụ</b> làm nhóm chuyên viên Sở Ngoại vụ',
    );
    expect(reply.params.text).toContain('lúc 07h30');
    expect((await h.app.repos.chatGroups.listActive()).map((g) => [g.chatId, g.title])).toEqual([
      [BigInt(GROUP), 'Chuyên viên Sở Ngoại vụ'],
    ]);

    await h.fake.waitForIdle();
    since = h.fake.mark();
    h.fake.redeliver(update.update_id);
    group.command(coord, 'setgroup');
    await h.fake.waitFor({ method: 'sendMessage', chatId: GROUP, since });
    await h.fake.waitForIdle();
    expect(h.fake.callsTo('sendMessage').filter((c) => c.seq >= since && c.chatId === GROUP)).toHaveLength(1);
    expect(await h.app.repos.chatGroups.listActive()).toHaveLength(1);
  });

  it('refuses /setgroup in a private chat, from a focal point and from a stranger; stores nothing', async () => {
    await seed(h);
    const group = h.fake.group(GROUP, 'Nhóm khác');
    let since = h.fake.mark();
    h.fake.user(COORD).command('setgroup');
    expect((await h.fake.waitFor({ method: 'sendMessage', chatId: COORD, since })).params.text).toContain(
      'dùng trong nhóm Telegram của chuyên viên',
    );
    since = h.fake.mark();
    group.command(h.fake.user(FOCAL), 'setgroup');
    expect((await h.fake.waitFor({ method: 'sendMessage', chatId: GROUP, since })).params.text).toContain(
      'không có quyền',
    );
    since = h.fake.mark();
    group.command(h.fake.user(STRANGER), 'setgroup');
    expect((await h.fake.waitFor({ method: 'sendMessage', chatId: GROUP, since })).params.text).toContain(
      'chỉ làm việc với cán bộ đã được Sở Ngoại vụ cấp quyền',
    );
    since = h.fake.mark();
    h.fake.user(FOCAL).command('digest');
    expect((await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL, since })).params.text).toContain(
      'không có quyền',
    );
    expect(await h.app.repos.chatGroups.listActive()).toEqual([]);
  });

  it('/digest sends the digest here and now, in the user’s language', async () => {
    const { agency } = await seed(h);
    const act = await register(h, 'Đón Tổng Lãnh sự Nhật Bản', '2025-04-12', agency.id);
    await h.app.repos.followUps.create({
      title: 'Gửi nội dung hội đàm',
      dueDate: utc('2025-04-08'),
      responsibleAgencyId: agency.id,
    });
    const since = h.fake.mark();
    h.fake.user(ADMIN_ID, { firstName: 'Lan' }).command('digest');
    await h.fake.waitFor({ method: 'sendMessage', chatId: ADMIN_ID, since, textIncludes: 'TỔNG HỢP' });
    const text = h.fake.sent(ADMIN_ID).find((m) => m.text?.startsWith('TỔNG HỢP'))!.text!;
    expect(text).toContain(`${act.reference} Đoàn vào: Đón Tổng Lãnh sự Nhật Bản — SNN — 12/04/2025`);
    expect(text).toContain('Gửi nội dung hội đàm — SNN — hạn 08/04/2025, quá 2 ngày');
    expect(await h.app.repos.notifications.listPending()).toEqual([]); // answered directly, not through the outbox
  });
});

describe('daily digest and weekly summary', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: '2025-04-10T07:30' });
    await h.app.jobs.idle();
  });
  afterEach(async () => {
    await h?.stop();
  });

  it('goes to every coordinators’ group once per local day, with what is new since the last one', async () => {
    const { agency, coord } = await seed(h);
    await h.app.repos.chatGroups.register(BigInt(GROUP), 'Chuyên viên', coord.id);
    await h.app.repos.chatGroups.register(-100_300_000_002n, 'Lãnh đạo phòng', coord.id);
    await register(h, 'Đoàn thứ nhất', '2025-04-14', agency.id, '2025-04-09T15:00');
    await h.app.jobs.dailyDigest();
    expect(h.fake.sent(GROUP).map((m) => m.text)).toEqual([
      expect.stringContaining('Hoạt động mới đăng ký (từ 07h30 ngày 09/04/2025): 1'),
    ]);
    expect(h.fake.sent(-100_300_000_002)).toHaveLength(1);

    // Same day, again and after a restart (catch-up): nothing more.
    await h.app.jobs.dailyDigest(local('2025-04-10T07:31'));
    await h.restart();
    await h.app.jobs.idle();
    expect(h.fake.sent(GROUP)).toHaveLength(1);

    // Next day: only what was registered since. (The restarted process leaves the group alone until
    // 1.25 s of real time after the last message sent to it: Telegram's per-chat limit.)
    await register(h, 'Đoàn thứ hai', '2025-04-15', agency.id, '2025-04-10T16:00');
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    await h.app.jobs.dailyDigest(local('2025-04-11T07:30'));
    const second = h.fake.sent(GROUP)[1]!.text!;
    expect(second).toContain('Hoạt động mới đăng ký (từ 07h30 ngày 10/04/2025): 1');
    expect(second).toContain('Đoàn thứ hai');
    expect(second.split('Hoạt động trong 7 ngày tới')[0]).not.toContain('Đoàn thứ nhất');
    const row = await h.app.repos.notifications.findByKey(`digest:${GROUP}:2025-04-11`);
    expect(row).toMatchObject({
      state: 'SENT',
      kind: 'digest.daily',
      sentMessageId: h.fake.sent(GROUP)[1]!.message_id,
    });
  });

  it('is missed while down: the start-up pass sends it late the same day', async () => {
    const { coord } = await seed(h);
    await h.app.repos.chatGroups.register(BigInt(GROUP), 'Chuyên viên', coord.id);
    h.clock.set('2025-04-10T10:15');
    await h.restart();
    await h.app.jobs.idle();
    expect(h.fake.sent(GROUP)).toHaveLength(1);
    expect(await h.app.repos.notifications.findByKey(`digest:${GROUP}:2025-04-10`)).toMatchObject({ state: 'SENT' });
  });

  it('over 4096 characters it arrives as several messages in order, split at line boundaries, once', async () => {
    const { agency, coord } = await seed(h);
    await h.app.repos.chatGroups.register(BigInt(GROUP), 'Chuyên viên', coord.id);
    const refs: string[] = [];
    for (let i = 0; i < 70; i++) {
      const a = await register(
        h,
        `Đoàn cấp tỉnh số ${i} thăm, làm việc và trao đổi kinh nghiệm về hợp tác nông nghiệp công nghệ cao`,
        '2025-04-14',
        agency.id,
      );
      refs.push(a.reference);
    }
    await h.app.jobs.dailyDigest();
    const parts = h.fake.sent(GROUP);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const calls = h.fake.callsTo('sendMessage').filter((c) => c.chatId === GROUP);
    for (const c of calls) expect(String(c.params.text).length).toBeLessThanOrEqual(4096);
    expect(calls.every((c) => c.status === 200)).toBe(true);
    expect(parts[0]!.text).toMatch(/^TỔNG HỢP CÔNG TÁC ĐỐI NGOẠI NGÀY 10\/04\/2025/);
    const all = parts.map((m) => m.text).join('\n');
    for (const ref of refs) expect(all.split(`${ref} Đoàn vào`).length - 1).toBe(2); // new + upcoming, once each
    expect(all.indexOf('Hoạt động trong 7 ngày tới')).toBeGreaterThan(all.indexOf('Hoạt động mới đăng ký'));
    expect(await h.app.repos.notifications.findByKey(`digest:${GROUP}:2025-04-10`)).toMatchObject({
      state: 'SENT',
      sentMessageId: parts[0]!.message_id,
    });
  });

  it('goes out at the digest time even outside working hours (Saturday); reminders wait', async () => {
    const { agency, coord } = await seed(h);
    await h.app.repos.chatGroups.register(BigInt(GROUP), 'Chuyên viên', coord.id);
    const act = await register(h, 'Đoàn cuối tuần', '2025-04-13', agency.id, '2025-04-01T09:00');
    h.clock.set('2025-04-12T07:30'); // Saturday
    await h.app.jobs.tick();
    await h.app.jobs.dailyDigest();
    expect(h.fake.sent(GROUP)).toHaveLength(1);
    expect(h.fake.sent(FOCAL)).toHaveLength(0);
    // The group's digest links each activity to its full card in the bot (opened by /start).
    const html = h.fake
      .callsTo('sendMessage')
      .filter((c) => c.chatId === GROUP)
      .map((c) => String(c.params.text));
    expect(html.join()).toContain(
      `<a href="https://t.me/liaison_test_bot?start=a${act.reference}">${act.reference}</a>`,
    );
    expect((await h.app.repos.notifications.listPending()).map((n) => n.dedupeKey)).toEqual([
      expect.stringContaining(`upcoming:${act.id}:2025-04-13:1d`),
    ]);
  });

  it('heads get a weekly summary on Monday morning (a setting), not on other days', async () => {
    const { agency } = await seed(h);
    await register(h, 'Đoàn tuần này', '2025-04-16', agency.id, '2025-04-12T09:00');
    await h.app.jobs.dailyDigest(local('2025-04-11T07:30')); // Friday
    expect(h.fake.sent(HEAD)).toHaveLength(0);
    await h.app.jobs.dailyDigest(local('2025-04-14T07:30')); // Monday
    await h.app.jobs.dailyDigest(local('2025-04-14T07:45'));
    const sent = h.fake.sent(HEAD);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('TÓM TẮT CÔNG TÁC ĐỐI NGOẠI TUẦN (ngày 14/04/2025)');
    expect(sent[0]!.text).toContain('Đoàn tuần này');
    await h.app.repos.settings.set('digest.weeklyHeads', false);
    await h.app.jobs.dailyDigest(local('2025-04-21T07:30'));
    expect(h.fake.sent(HEAD)).toHaveLength(1);
  });
});
