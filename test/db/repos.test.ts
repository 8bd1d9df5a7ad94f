import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaleConversationError } from '../../src/db/repos/conversations.js';
import { createTestDb, testProviders, type TestDb } from '../support/db.js';

const BIG_ID = 9_007_199_254_740_993n; // beyond 2^53, let alone 2^31
const NOW = new Date('2025-04-10T03:00:00Z');

describe.each(testProviders())('repositories on %s', (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const agency = (code: string, nameVi: string) => t.repos.agencies.create({ code, nameVi });

  it('agencies: unique code, Vietnamese names round-trip, atomic import', async () => {
    const snn = await agency('snn', 'Sở Nông nghiệp và Phát triển nông thôn');
    expect(snn.code).toBe('SNN');
    expect((await t.repos.agencies.findByCode('SNN'))?.nameVi).toBe('Sở Nông nghiệp và Phát triển nông thôn');
    await expect(agency('SNN', 'trùng')).rejects.toMatchObject({ code: 'P2002' });
    await t.repos.agencies.upsertMany([
      { code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch', kind: 'DEPARTMENT' },
      { code: 'UBND-VINHTHANH', nameVi: 'UBND huyện Vĩnh Thạnh', kind: 'PEOPLES_COMMITTEE' },
    ]);
    expect(await t.repos.agencies.count()).toBe(3);
    await t.repos.agencies.setActive(snn.id, false);
    expect((await t.repos.agencies.list({ activeOnly: true })).map((a) => a.code)).toEqual([
      'SVHTTDL',
      'UBND-VINHTHANH',
    ]);
    await t.repos.agencies.setActive(snn.id, true);
  });

  it('users: BigInt telegram ids beyond 2^53, unique, locale and reachability', async () => {
    const u = await t.repos.users.upsertWithRole({ telegramId: BIG_ID, displayName: 'Nguyễn Thị Ánh' }, 'ADMIN', null);
    expect(u.telegramId).toBe(BIG_ID);
    const again = await t.repos.users.findByTelegramId(BIG_ID);
    expect(again?.displayName).toBe('Nguyễn Thị Ánh');
    await expect(t.db.user.create({ data: { telegramId: BIG_ID } })).rejects.toMatchObject({ code: 'P2002' });
    await t.repos.users.setLocale(u.id, 'en');
    expect((await t.repos.users.markUnreachable(BIG_ID, NOW)).count).toBe(1);
    expect((await t.repos.users.markUnreachable(BIG_ID, NOW)).count).toBe(0);
    expect((await t.repos.users.listUnreachable()).map((x) => x.telegramId)).toEqual([BIG_ID]);
    await t.repos.users.markReachable(BIG_ID);
    expect((await t.repos.users.findById(u.id))?.locale).toBe('en');
    // The menu version patches the cached user (by Telegram id and by id) instead of dropping it.
    await t.repos.users.setCommandsVersion(u.id, 'v1');
    expect((await t.repos.users.findByTelegramId(BIG_ID))?.commandsVersion).toBe('v1');
    expect((await t.repos.users.findById(u.id))?.commandsVersion).toBe('v1');
  });

  it('invites: redeem once, never when expired or revoked', async () => {
    const snn = (await t.repos.agencies.findByCode('SNN'))!;
    await t.repos.invites.create({
      tokenHash: 'h1',
      role: 'FOCAL',
      agencyId: snn.id,
      expiresAt: new Date(NOW.getTime() + 86_400_000),
      createdById: null,
    });
    const user = await t.repos.invites.redeem('h1', { telegramId: 3_000_000_001n, displayName: 'Trần Văn Bình' }, NOW);
    expect(user?.role).toBe('FOCAL');
    expect(user?.agency?.code).toBe('SNN');
    expect((await t.repos.users.findByTelegramId(3_000_000_001n))?.agency?.code).toBe('SNN');
    expect(await t.repos.invites.redeem('h1', { telegramId: 3_000_000_002n }, NOW)).toBeNull();
    expect(await t.repos.users.findByTelegramId(3_000_000_002n)).toBeNull();

    await t.repos.invites.create({
      tokenHash: 'h2',
      role: 'HEAD',
      agencyId: null,
      expiresAt: new Date(NOW.getTime() - 1),
      createdById: null,
    });
    expect(await t.repos.invites.redeem('h2', { telegramId: 3_000_000_003n }, NOW)).toBeNull();
    const inv3 = await t.repos.invites.create({
      tokenHash: 'h3',
      role: 'HEAD',
      agencyId: null,
      expiresAt: new Date(NOW.getTime() + 1000),
      createdById: null,
    });
    expect(await t.repos.invites.revoke(inv3.id, NOW)).toBe(true);
    expect(await t.repos.invites.redeem('h3', { telegramId: 3_000_000_003n }, NOW)).toBeNull();
    expect(await t.repos.invites.redeem('nope', { telegramId: 3_000_000_003n }, NOW)).toBeNull();
    expect(await t.repos.users.findByTelegramId(3_000_000_003n)).toBeNull();
  });

  it('activities: sequential references, relations, compare-and-set transitions, field history', async () => {
    const snn = (await t.repos.agencies.findByCode('SNN'))!;
    const vh = (await t.repos.agencies.findByCode('SVHTTDL'))!;
    const by = { userId: null, referenceYear: 2025, now: NOW };
    const a = await t.repos.activities.create(
      {
        type: 'ONLINE_TALK',
        title: 'Hội đàm trực tuyến với Chính phủ nhân dân huyện Long Châu về kỹ thuật trồng cây Mắc ca',
        leadAgencyId: snn.id,
        coordinatingAgencyIds: [vh.id, vh.id],
        countryCodes: ['CN'],
        fundingSources: ['STATE_BUDGET'],
        partnerName: 'Chính phủ nhân dân huyện Long Châu, Quảng Tây',
        timingText: '06/9/2022',
        timingPrecision: 'DAY',
        startDate: new Date('2022-09-06T00:00:00Z'),
        endDate: new Date('2022-09-06T00:00:00Z'),
        costVnd: 15_000_000_000n,
        details: { counterpart: 'Long Châu', replyDeadline: '2022-08-18' },
        status: 'SUBMITTED',
      },
      by,
    );
    const b = await t.repos.activities.create({ type: 'OTHER', title: 'Hoạt động khác', leadAgencyId: snn.id }, by);
    expect(a.reference).toBe('2025-001');
    expect(b.reference).toBe('2025-002');
    expect(a.coordinators.map((c) => c.agency.code)).toEqual(['SVHTTDL']);
    expect(a.countries.map((c) => c.countryCode)).toEqual(['CN']);
    expect(a.costVnd).toBe(15_000_000_000n);
    expect(a.details).toEqual({ counterpart: 'Long Châu', replyDeadline: '2022-08-18' });
    expect(a.submittedAt).toEqual(NOW);
    // What create returns (put together, not read back) is what a read gives.
    expect(a).toEqual(await t.repos.activities.findById(a.id));
    expect(b).toEqual(await t.repos.activities.findById(b.id));

    const approved = await t.repos.activities.transition(a.id, ['SUBMITTED'], 'AGREED', { userId: null, now: NOW });
    expect(approved?.status).toBe('AGREED');
    expect(await t.repos.activities.transition(a.id, ['SUBMITTED'], 'AGREED', { userId: null, now: NOW })).toBeNull();

    const updated = await t.repos.activities.update(
      a.id,
      { place: 'Trực tuyến', countryCodes: ['CN', 'LA'] },
      { userId: null, now: NOW },
    );
    expect(updated?.countries.map((c) => c.countryCode).sort()).toEqual(['CN', 'LA']);
    const hist = await t.repos.activities.history(a.id);
    expect(hist.map((h) => h.field)).toEqual(expect.arrayContaining(['place', 'countryCodes', 'status', null]));
    expect(hist.find((h) => h.field === 'status')).toMatchObject({ oldValue: 'SUBMITTED', newValue: 'AGREED' });

    const page = await t.repos.activities.listByAgency(snn.id, { status: ['AGREED'] });
    expect(page.total).toBe(1);
    expect((await t.repos.activities.listForReview()).length).toBe(0);
    await expect(
      t.db.activity.create({ data: { reference: '2025-001', type: 'OTHER', title: 'x', leadAgencyId: snn.id } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('plans: every active agency must answer; silence becomes NO_PLAN', async () => {
    const plan = await t.repos.plans.create({
      kind: 'REQUEST',
      title: 'Kế hoạch đối ngoại năm 2025',
      year: 2025,
      deadline: new Date('2024-09-25T16:59:59Z'),
      forms: ['AGENCY', 'PEOPLE'],
    });
    const responses = await t.repos.plans.responses(plan.id);
    expect(responses.length).toBe(await t.repos.agencies.count({ activeOnly: true }));
    const snn = (await t.repos.agencies.findByCode('SNN'))!;
    await t.repos.plans.setResponse(plan.id, snn.id, 'NIL', { userId: null, now: NOW });
    expect((await t.repos.plans.listOverdueRequests(NOW)).map((p) => p.id)).toEqual([plan.id]);
    expect(await t.repos.plans.recordNoPlan(plan.id, NOW)).toBe(responses.length - 1);
    expect((await t.repos.plans.response(plan.id, snn.id))?.status).toBe('NIL');
    await t.repos.plans.close(plan.id, NOW);
    expect(await t.repos.plans.listOpen()).toEqual([]);
  });

  it('follow-ups: open, done once', async () => {
    const snn = (await t.repos.agencies.findByCode('SNN'))!;
    const f = await t.repos.followUps.create({
      title: 'Phía Long Châu phản hồi chính thức',
      dueDate: new Date('2022-08-18T00:00:00Z'),
      responsibleAgencyId: snn.id,
    });
    expect(
      (await t.repos.followUps.listOpen({ dueBefore: new Date('2022-08-19T00:00:00Z') })).map((x) => x.id),
    ).toContain(f.id);
    expect(await t.repos.followUps.markDone(f.id, { userId: null, now: NOW })).toBe(true);
    expect(await t.repos.followUps.markDone(f.id, { userId: null, now: NOW })).toBe(false);
  });

  it('calendar: holidays and anniversaries added once, unique', async () => {
    expect(
      await t.repos.calendar.addMissingHolidays([
        { year: 0, month: 4, day: 30, name: 'Ngày Giải phóng miền Nam' },
        { year: 2025, month: 1, day: 29, name: 'Tết Nguyên đán' },
      ]),
    ).toBe(2);
    expect(await t.repos.calendar.addMissingHolidays([{ year: 0, month: 4, day: 30, name: 'x' }])).toBe(0);
    await expect(t.db.holiday.create({ data: { year: 0, month: 4, day: 30, name: 'dup' } })).rejects.toMatchObject({
      code: 'P2002',
    });
    // Read on the driver (src/db/columns.ts), as Prisma reads them.
    expect(await t.repos.calendar.listHolidays()).toEqual(
      await t.db.holiday.findMany({ orderBy: [{ year: 'asc' }, { month: 'asc' }, { day: 'asc' }] }),
    );
    expect(
      await t.repos.calendar.addMissingAnniversaries([
        {
          key: 'vn-jp',
          kind: 'DIPLOMATIC_RELATIONS',
          countryCode: 'JP',
          nameVi: 'Quan hệ ngoại giao Việt Nam – Nhật Bản',
          day: 21,
          month: 9,
          baseYear: 1973,
        },
      ]),
    ).toBe(1);
    expect((await t.repos.calendar.listAnniversaries())[0]?.nameVi).toBe('Quan hệ ngoại giao Việt Nam – Nhật Bản');
  });

  it('outbox: dedupe on insert, exclusive claims, lease expiry, retries, supergroup migration', async () => {
    const item = (i: number) => ({
      chatId: -1_001_234_567_890n,
      kind: 'test',
      dedupeKey: `k${i}`,
      payload: { text: `Nhắc việc ${i}` },
      dueAt: new Date(NOW.getTime() - 1000),
    });
    expect(await t.repos.notifications.enqueue([item(1), item(2), item(3)])).toBe(3);
    expect(await t.repos.notifications.enqueue([item(1), item(4)])).toBe(1);
    const [c1, c2] = await Promise.all([
      t.repos.notifications.claimDue(NOW, { limit: 3, owner: 'a', leaseMs: 60_000 }),
      t.repos.notifications.claimDue(NOW, { limit: 3, owner: 'b', leaseMs: 60_000 }),
    ]);
    const c3 = await t.repos.notifications.claimDue(NOW, { limit: 10, owner: 'c', leaseMs: 60_000 });
    const ids = [...c1, ...c2, ...c3].map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(4);
    expect(await t.repos.notifications.claimDue(NOW, { limit: 10, owner: 'd', leaseMs: 60_000 })).toEqual([]);
    // A crashed sender's lease runs out: the rows are due again.
    const later = new Date(NOW.getTime() + 120_000);
    const again = await t.repos.notifications.claimDue(later, { limit: 10, owner: 'c', leaseMs: 60_000 });
    expect(again.length).toBe(4);
    expect(again[0]?.attempts).toBe(2);
    expect(again[0]?.chatId).toBe(-1_001_234_567_890n);
    // The claim returns the rows as Prisma reads them (src/db/columns.ts), oldest due first.
    expect(again).toEqual(
      await t.db.notification.findMany({
        where: { id: { in: again.map((n) => n.id) } },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      }),
    );
    await t.repos.notifications.markSent(again[0]!.id, 77, later);
    expect(await t.db.notification.findUnique({ where: { id: again[0]!.id } })).toMatchObject({
      state: 'SENT',
      sentAt: later,
      sentMessageId: 77,
      leaseUntil: null,
      lastError: null,
    });
    await t.repos.notifications.markRetry(again[1]!.id, '502', new Date(later.getTime() + 5000));
    await t.repos.notifications.markFailed(again[2]!.id, 'FAILED', '403 blocked');
    expect((await t.repos.notifications.listUndeliveredSince(new Date(0))).length).toBe(1);
    expect((await t.repos.notifications.rechat(-1_001_234_567_890n, -1_009_999_999_999n)).count).toBe(2);
    expect((await t.repos.notifications.findByKey(again[0]!.dedupeKey))?.sentMessageId).toBe(77);
    expect(await t.repos.notifications.cancelPending([again[1]!.dedupeKey])).toBe(1);
  });

  it('outbox: with chatGapMs a claim leaves a chat that another claimer holds or has just sent to', async () => {
    // A day before NOW: the other tests' rows are neither due nor expired then.
    const at = new Date(NOW.getTime() - 86_400_000);
    const row = (key: string, chatId: bigint) => ({
      chatId,
      kind: 'gap',
      dedupeKey: `gap:${key}`,
      payload: { text: key },
      dueAt: new Date(at.getTime() - 60_000),
    });
    await t.repos.notifications.enqueue([row('a1', 501n), row('a2', 501n), row('a3', 501n), row('b1', 502n)]);
    const claim = async (owner: string, limit: number, chatGapMs?: number) =>
      (await t.repos.notifications.claimDue(at, { limit, owner, leaseMs: 60_000, chatGapMs })).map((n) => n.dedupeKey);
    expect(await claim('x', 1, 1250)).toEqual(['gap:a1']);
    // Chat 501 is x's (its lease runs): y takes the other chat only.
    expect(await claim('y', 10, 1250)).toEqual(['gap:b1']);
    const [a1] = await t.repos.notifications
      .listPending({ take: 100 })
      .then((r) => r.filter((n) => n.dedupeKey === 'gap:a1'));
    await t.repos.notifications.markSent(a1!.id, 1, at);
    // x sent to chat 501 a moment ago (real time): still not y's.
    expect(await claim('y', 10, 1250)).toEqual([]);
    // x itself goes on with the chat (its own limiter spaces it); without chatGapMs nothing is left.
    expect(await claim('x', 1, 1250)).toEqual(['gap:a2']);
    expect(await claim('y', 10)).toEqual(['gap:a3']);
  });

  it('conversations: optimistic versions refuse a concurrent writer; expiry hands them back once', async () => {
    const v1 = await t.repos.conversations.save(
      BIG_ID,
      BIG_ID,
      'register',
      { step: 1, answers: { title: 'Đoàn ra Nhật Bản' } },
      null,
      new Date(NOW.getTime() + 1000),
    );
    expect(v1).toBe(1);
    await expect(t.repos.conversations.save(BIG_ID, BIG_ID, 'register', {}, null, NOW)).rejects.toBeInstanceOf(
      StaleConversationError,
    );
    expect(
      await t.repos.conversations.save(BIG_ID, BIG_ID, 'register', { step: 2 }, 1, new Date(NOW.getTime() + 1000)),
    ).toBe(2);
    await expect(t.repos.conversations.save(BIG_ID, BIG_ID, 'register', { step: 3 }, 1, NOW)).rejects.toBeInstanceOf(
      StaleConversationError,
    );
    expect((await t.repos.conversations.get<{ step: number }>(BIG_ID, BIG_ID))?.state.step).toBe(2);
    expect(await t.repos.conversations.takeExpired(NOW)).toEqual([]);
    const expired = await t.repos.conversations.takeExpired(new Date(NOW.getTime() + 2000));
    expect(expired.length).toBe(1);
    expect(await t.repos.conversations.get(BIG_ID, BIG_ID)).toBeNull();
  });

  it('conversations: saves made in one turn (one statement on PostgreSQL) each keep their own version check', async () => {
    const ids = [7_000_000_001n, 7_000_000_002n, 7_000_000_003n];
    const later = new Date(NOW.getTime() + 60_000);
    for (const id of ids) await t.repos.conversations.save(id, id, 'register', { step: 1 }, null, later);
    const save = (id: bigint, step: number, expected: number) =>
      t.repos.conversations.save(id, id, 'register', { step, note: `bước "${step}" \\ ✓` }, expected, later);
    const results = await Promise.allSettled([
      save(ids[0]!, 2, 1),
      save(ids[1]!, 2, 1),
      save(ids[2]!, 2, 5), // stale: someone saved since it was read
      save(ids[0]!, 3, 2), // the same conversation again in the turn: after the first
      save(ids[1]!, 3, 1), // again, with the version the first one replaced
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).constructor.name))).toEqual([
      2,
      2,
      'StaleConversationError',
      3,
      'StaleConversationError',
    ]);
    const states = await Promise.all(ids.map((id) => t.repos.conversations.get(id, id)));
    expect(states.map((c) => [c?.version, c?.state, c?.expiresAt])).toEqual([
      [3, { step: 3, note: 'bước "3" \\ ✓' }, later],
      [2, { step: 2, note: 'bước "2" \\ ✓' }, later],
      [1, { step: 1 }, later],
    ]);
  });

  it('processed updates, settings, chat groups and job claims are each once', async () => {
    const lease = (ms: number) => new Date(NOW.getTime() + ms);
    const claim = (id: number, clock: number) =>
      t.repos.processedUpdates.claim(id, NOW, lease(clock + 30_000), lease(clock));
    expect(await claim(123456789012, 0)).toEqual({ status: 'claimed', attempts: 1 });
    // Held by a live lease: busy; done: skipped for good.
    expect(await claim(123456789012, 1000)).toEqual({ status: 'busy', leaseUntil: lease(30_000) });
    await t.repos.processedUpdates.markDone(123456789012, NOW);
    expect(await claim(123456789012, 60_000)).toEqual({ status: 'done' });
    // A handler that died: its lease expires, the update is claimed again once, then never again.
    expect(await claim(42, 0)).toEqual({ status: 'claimed', attempts: 1 });
    expect(await claim(42, 31_000)).toEqual({ status: 'claimed', attempts: 2 });
    expect(await claim(42, 62_000)).toEqual({ status: 'done' });
    // SQLite start-up: unfinished claims of a dead process expire at once.
    expect(await claim(43, 0)).toEqual({ status: 'claimed', attempts: 1 });
    expect(await t.repos.processedUpdates.expireUnfinished()).toBe(2);
    expect(await claim(43, 1)).toEqual({ status: 'claimed', attempts: 2 });
    expect(await t.repos.processedUpdates.prune(new Date(NOW.getTime() + 1))).toBe(3);
    await t.repos.settings.set('reminders', { upcomingDays: [7, 3, 1] });
    expect(await t.repos.settings.get('reminders')).toEqual({ upcomingDays: [7, 3, 1] });
    await t.repos.chatGroups.register(-100_123n, 'Phòng Hợp tác quốc tế', null);
    await t.repos.chatGroups.migrate(-100_123n, -100_456n);
    expect((await t.repos.chatGroups.listActive()).map((g) => g.chatId)).toEqual([-100_456n]);
    expect(await t.repos.jobRuns.claim('digest:-100456:2025-04-10', 'a', NOW)).toBe(true);
    expect(await t.repos.jobRuns.claim('digest:-100456:2025-04-10', 'b', NOW)).toBe(false);
  });

  it('processed updates: claims made in one turn (one statement on PostgreSQL) each get their own answer', async () => {
    const lease = (ms: number) => new Date(NOW.getTime() + ms);
    const chat = 5_000_000_001n;
    await t.repos.conversations.save(chat, chat, 'register', { step: 4 }, null, lease(60_000));
    await t.repos.processedUpdates.claim(9_001, NOW, lease(30_000), NOW);
    await t.repos.processedUpdates.markDone(9_001, NOW);
    await t.repos.processedUpdates.claim(9_002, NOW, lease(60_000), NOW); // a live lease
    await t.repos.processedUpdates.claim(9_003, NOW, lease(30_000), NOW); // a lease that has expired
    const claim = (id: number, peek?: bigint) =>
      t.repos.processedUpdates.claim(
        id,
        NOW,
        lease(90_000),
        lease(40_000),
        peek === undefined ? undefined : { chatId: peek, userId: peek },
      );
    // All issued before any is answered: one batch, with a repeated update in it.
    const results = await Promise.all([
      claim(9_010, chat),
      claim(9_011, 5_000_000_002n),
      claim(9_012),
      claim(9_001, chat),
      claim(9_002, chat),
      claim(9_003),
      claim(9_010, chat),
    ]);
    expect(results[0]).toMatchObject({
      status: 'claimed',
      attempts: 1,
      conversation: { kind: 'register', version: 1 },
    });
    expect((results[0] as { conversation: { state: unknown } }).conversation.state).toEqual({ step: 4 });
    expect(results[1]).toEqual({ status: 'claimed', attempts: 1, conversation: null });
    expect(results[2]).toEqual({ status: 'claimed', attempts: 1 });
    expect(results[3]).toEqual({ status: 'done' });
    expect(results[4]).toEqual({ status: 'busy', leaseUntil: lease(60_000) });
    expect(results[5]).toEqual({ status: 'claimed', attempts: 2 });
    expect(results[6]).toEqual({ status: 'busy', leaseUntil: lease(90_000) });
    const rows = await t.db.processedUpdate.findMany({
      where: { updateId: { in: [9_010n, 9_011n, 9_012n, 9_003n] } },
      orderBy: { updateId: 'asc' },
    });
    expect(rows.map((r) => [Number(r.updateId), r.attempts, r.leaseUntil, r.processedAt])).toEqual([
      [9_003, 2, lease(90_000), NOW],
      [9_010, 1, lease(90_000), NOW],
      [9_011, 1, lease(90_000), NOW],
      [9_012, 1, lease(90_000), NOW],
    ]);
  });

  it('user states: one per user and key, overwritten, expired reads as absent, taken once', async () => {
    const later = new Date(NOW.getTime() + 15 * 60_000);
    await t.repos.userStates.put(1, 'review.reason', { kind: 'a', ref: '2025-001' }, later);
    await t.repos.userStates.put(1, 'review.reason', { kind: 'c', ref: '#4' }, later);
    await t.repos.userStates.put(1, 'find.query', 'nhật bản', later);
    await t.repos.userStates.put(2, 'find.query', 'lào', later);
    expect(await t.repos.userStates.get(1, 'find.query', NOW)).toBe('nhật bản');
    expect(await t.repos.userStates.get(1, 'find.query', later)).toBeNull();
    const taken = await Promise.all([
      t.repos.userStates.take(1, 'review.reason', NOW),
      t.repos.userStates.take(1, 'review.reason', NOW),
    ]);
    expect(taken.filter(Boolean)).toEqual([{ kind: 'c', ref: '#4' }]);
    expect(await t.repos.userStates.take(1, 'review.reason', NOW)).toBeNull();
    expect(await t.repos.userStates.get(2, 'find.query', NOW)).toBe('lào');
  });
});
