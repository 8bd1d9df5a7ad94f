import { DateTime } from 'luxon';
import { Telegram } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, TimingPrecision, type ActivityStatus } from '../../src/domain/enums.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logger.js';
import type { JobDeps } from '../../src/jobs/context.js';
import { planReminders } from '../../src/jobs/plan-reminders.js';
import { createRateLimiter } from '../../src/jobs/rate-limiter.js';
import { createReminderPlanner, type PlanMode } from '../../src/jobs/reminder-planner.js';
import { createTelegramSender } from '../../src/jobs/sender.js';
import { createTestDb, testProviders, type TestDb } from '../support/db.js';
import { rng } from '../support/rng.js';

/**
 * The incremental planner leaves the outbox exactly as a full pass would: after every pass of a
 * random history (records added, edited, closed, reopened and deleted; time moving within a day and
 * across send times and midnights), a full pass computed on the result finds nothing to insert,
 * revive or retire.
 */
const ZONE = 'Asia/Ho_Chi_Minh';
const START = DateTime.fromISO('2025-06-16T06:10', { zone: ZONE });
const DAY = 86_400_000;
const PRECISIONS = Object.values(TimingPrecision);
const LIVE: ActivityStatus[] = ['SUBMITTED', 'AGREED', 'IN_PROGRESS', 'DONE'];

describe.each(testProviders())('incremental reminder planning on %s', (provider) => {
  let db: TestDb;
  let deps: JobDeps;

  beforeAll(async () => {
    db = await createTestDb(provider);
    const config = loadConfig({
      BOT_TOKEN: '123456:TEST',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      TIMEZONE: ZONE,
    });
    deps = {
      config,
      repos: db.repos,
      i18n: createI18n('vi'),
      logger: createLogger('silent'),
      instanceId: 'test-planner',
      sender: createTelegramSender(new Telegram(config.botToken, { apiRoot: config.telegramApiRoot })),
      limiter: createRateLimiter({ globalPerSec: 25 }),
    };
  });
  afterAll(async () => db?.drop());

  it('a full pass after each incremental one finds nothing to change, over a random history', async () => {
    const random = rng(provider === 'sqlite' ? 3 : 4);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const { db: d } = db;
    await d.agency.createMany({ data: [1, 2, 3, 4, 5].map((i) => ({ code: `IP${i}`, nameVi: `Sở số ${i}` })) });
    const agencyIds = (await d.agency.findMany({ select: { id: true } })).map((a) => a.id);
    await d.user.createMany({
      data: [
        ...agencyIds.map((agencyId, i) => ({
          telegramId: BigInt(9_100_000_000 + i),
          role: 'FOCAL' as const,
          agencyId,
        })),
        { telegramId: 9_200_000_000n, role: 'COORDINATOR' as const },
      ],
    });
    let now = START;
    let seq = 0;
    const newActivity = async () => {
      const precision = pick(PRECISIONS);
      const start = now.toMillis() + Math.floor((random() * 70 - 15) * DAY);
      const startDay = new Date(Math.floor(start / DAY) * DAY);
      const end = new Date(startDay.getTime() + (precision === 'RANGE' ? 3 : precision === 'MONTH' ? 29 : 0) * DAY);
      const type = pick(ACTIVITY_TYPES);
      seq++;
      await d.activity.create({
        data: {
          reference: `2025-${String(seq).padStart(4, '0')}`,
          type,
          title: `Hoạt động ${seq}`,
          leadAgencyId: pick(agencyIds),
          timingPrecision: precision,
          startDate: precision === 'TBD' || precision === 'DEADLINE' ? null : startDay,
          endDate: precision === 'TBD' ? null : end,
          status: random() < 0.8 ? pick(LIVE) : pick(ACTIVITY_STATUSES),
          details: type === 'CONFERENCE' ? { authority: pick(['PM', 'PROVINCE']) } : undefined,
          createdAt: now.minus({ days: Math.floor(random() * 40) }).toJSDate(),
          submittedAt: now.minus({ days: Math.floor(random() * 40) }).toJSDate(),
          approvedAt: now.minus({ days: Math.floor(random() * 10) }).toJSDate(),
        },
      });
    };
    const newFollowUp = async () => {
      const ids = (await d.activity.findMany({ select: { id: true } })).map((a) => a.id);
      await d.followUp.create({
        data: {
          title: `Việc ${seq++}`,
          activityId: ids.length && random() < 0.7 ? pick(ids) : null,
          responsibleAgencyId: random() < 0.8 ? pick(agencyIds) : null,
          dueDate: new Date(Math.floor((now.toMillis() + (random() * 30 - 20) * DAY) / DAY) * DAY),
          createdAt: now.minus({ days: Math.floor(random() * 30) }).toJSDate(),
        },
      });
    };
    const newPlan = async () => {
      const plan = await d.plan.create({
        data: {
          kind: 'REQUEST',
          title: `Đề nghị ${seq++}`,
          year: 2025,
          deadline: new Date(Math.floor((now.toMillis() + random() * 12 * DAY) / DAY) * DAY),
          createdAt: now.minus({ days: 20 }).toJSDate(),
        },
      });
      await d.planResponse.createMany({
        data: agencyIds.map((agencyId) => ({
          planId: plan.id,
          agencyId,
          status: random() < 0.7 ? ('PENDING' as const) : ('ANSWERED' as const),
        })),
      });
    };
    for (let i = 0; i < 40; i++) await newActivity();
    for (let i = 0; i < 20; i++) await newFollowUp();
    for (let i = 0; i < 3; i++) await newPlan();

    const someId = async (table: 'activity' | 'followUp' | 'plan' | 'planResponse') => {
      const rows = await (d[table] as unknown as { findMany(a: unknown): Promise<{ id: number }[]> }).findMany({
        select: { id: true },
      });
      return rows.length ? pick(rows).id : null;
    };
    const ops: (() => Promise<unknown>)[] = [
      newActivity,
      newFollowUp,
      async () => {
        const id = await someId('activity');
        if (id) await d.activity.update({ where: { id }, data: { status: pick(ACTIVITY_STATUSES) } });
      },
      async () => {
        const id = await someId('activity');
        const shift = Math.floor(random() * 20 - 10) * DAY;
        const a = id ? await d.activity.findUnique({ where: { id } }) : null;
        if (a)
          await d.activity.update({
            where: { id: a.id },
            data: {
              startDate: a.startDate && new Date(a.startDate.getTime() + shift),
              endDate: a.endDate && new Date(a.endDate.getTime() + shift),
            },
          });
      },
      async () => {
        const id = await someId('activity');
        if (id)
          await d.activity.update({
            where: { id },
            data: { leadAgencyId: pick(agencyIds), title: `Đổi tên ${seq++}` },
          });
      },
      async () => {
        const id = random() < 0.5 ? await someId('activity') : null;
        if (id) await d.activity.delete({ where: { id } });
      },
      async () => {
        const id = await someId('followUp');
        if (id) await d.followUp.update({ where: { id }, data: { doneAt: random() < 0.6 ? now.toJSDate() : null } });
      },
      async () => {
        const id = await someId('followUp');
        if (id)
          await d.followUp.update({
            where: { id },
            data: { dueDate: new Date(Math.floor((now.toMillis() + (random() * 20 - 10) * DAY) / DAY) * DAY) },
          });
      },
      async () => {
        const id = random() < 0.4 ? await someId('followUp') : null;
        if (id) await d.followUp.delete({ where: { id } });
      },
      async () => {
        const id = await someId('planResponse');
        if (id)
          await d.planResponse.update({
            where: { id },
            data: { status: pick(['PENDING', 'ANSWERED', 'NIL'] as const) },
          });
      },
      async () => {
        const id = await someId('plan');
        if (id)
          await d.plan.update({
            where: { id },
            data:
              random() < 0.5
                ? { status: pick(['OPEN', 'CLOSED'] as const) }
                : { deadline: new Date(Math.floor((now.toMillis() + random() * 10 * DAY) / DAY) * DAY) },
          });
      },
      async () => (random() < 0.3 ? newPlan() : undefined),
    ];

    // Steps are milliseconds apart here, not minutes: no slack, or every pass would re-plan the last writes.
    const planner = createReminderPlanner(deps, { clockSlackMs: 0 });
    const modes: Record<PlanMode, number> = { full: 0, changes: 0, idle: 0 };
    let changedByIncremental = 0;
    for (let step = 0; step < 45; step++) {
      // Mostly minutes apart (the same span of the day), sometimes across the send time or a midnight.
      now = now.plus({
        minutes: random() < 0.85 ? 1 + Math.floor(random() * 20) : 60 * (2 + Math.floor(random() * 14)),
      });
      const n = random() < 0.2 ? 0 : 1 + Math.floor(random() * 5);
      for (let k = 0; k < n; k++) await pick(ops)();
      const r = await planner.run(now);
      modes[r.mode]++;
      if (r.mode === 'changes') changedByIncremental += r.inserted + r.revived + r.cancelled;
      const check = await planReminders(deps, now, { dryRun: true });
      expect({
        step,
        mode: r.mode,
        insert: check.toInsert.map((p) => p.dedupeKey),
        revive: check.toRevive.map((p) => p.dedupeKey),
        cancel: check.toCancel,
      }).toEqual({
        step,
        mode: r.mode,
        insert: [],
        revive: [],
        cancel: [],
      });
    }
    // The history exercised every kind of pass, and the incremental ones did real work.
    expect(modes.changes).toBeGreaterThan(10);
    expect(modes.idle).toBeGreaterThan(0);
    expect(modes.full).toBeGreaterThan(1);
    expect(changedByIncremental).toBeGreaterThan(5);
    expect(await d.notification.count()).toBeGreaterThan(20);
  }, 120_000);
});
