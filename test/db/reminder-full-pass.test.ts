import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { Telegram } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, TimingPrecision } from '../../src/domain/enums.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logger.js';
import type { JobDeps } from '../../src/jobs/context.js';
import { planReminders } from '../../src/jobs/plan-reminders.js';
import { createRateLimiter } from '../../src/jobs/rate-limiter.js';
import { createTelegramSender } from '../../src/jobs/sender.js';
import { createTestDb, testProviders, type TestDb } from '../support/db.js';
import { rng } from '../support/rng.js';

/**
 * A full pass through the repositories plans, and inserts, exactly what it did before it read lean
 * rows and wrote in bulk: the same records (what the rules see of activities, follow-ups with their
 * activity or plan, plans with their pending agencies, people, groups) give the same reminders —
 * every field of every outbox row — on both providers, pinned by one snapshot.
 */
const ZONE = 'Asia/Ho_Chi_Minh';
const NOW = DateTime.fromISO('2025-06-16T08:00', { zone: ZONE });
const DAY = 86_400_000;

describe.each(testProviders())('full planning pass on %s', (provider) => {
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
      instanceId: 'test-full-pass',
      sender: createTelegramSender(new Telegram(config.botToken, { apiRoot: config.telegramApiRoot })),
      limiter: createRateLimiter({ globalPerSec: 25 }),
    };
  });
  afterAll(async () => db?.drop());

  it('plans and inserts the reminders it always did', async () => {
    const random = rng(21);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const { db: d } = db;
    const nowMs = NOW.toMillis();
    const midnight = (ms: number) => new Date(Math.floor(ms / DAY) * DAY);
    await d.agency.createMany({
      data: [1, 2, 3, 4].map((i) => ({
        code: `FP${i}`,
        nameVi: `Sở số ${i}`,
        nameEn: i % 2 ? `Department ${i}` : null,
      })),
    });
    const agencyIds = (await d.agency.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((a) => a.id);
    await d.user.createMany({
      data: [
        ...agencyIds.flatMap((agencyId, i) =>
          [0, 1].map((k) => ({
            telegramId: BigInt(9_300_000_000 + i * 2 + k),
            role: 'FOCAL' as const,
            agencyId,
            locale: k ? 'en' : 'vi',
          })),
        ),
        { telegramId: 9_400_000_000n, role: 'COORDINATOR' as const },
      ],
    });
    const userIds = (await d.user.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((u) => u.id);
    await d.user.update({ where: { id: userIds[3]! }, data: { reachable: false } });
    await d.user.update({ where: { id: userIds[4]! }, data: { active: false } });
    const activities = Array.from({ length: 300 }, (_, i) => {
      const precision = pick(Object.values(TimingPrecision));
      const start = midnight(nowMs + Math.floor((random() * 100 - 40) * DAY));
      const end = new Date(
        start.getTime() +
          (precision === 'RANGE' ? 3 : precision === 'MONTH' ? 29 : precision === 'QUARTER' ? 89 : 0) * DAY,
      );
      const type = pick(ACTIVITY_TYPES);
      const created = new Date(Math.floor((nowMs - random() * 60 * DAY) / 60_000) * 60_000);
      return {
        reference: `2025-${String(i + 1).padStart(4, '0')}`,
        type,
        title: `Hoạt động ${i + 1}`,
        leadAgencyId: pick(agencyIds),
        timingPrecision: precision,
        startDate: precision === 'TBD' || precision === 'DEADLINE' ? null : start,
        endDate: precision === 'TBD' ? null : end,
        timingLabel: random() < 0.3 ? `Tháng ${1 + (i % 12)}` : null,
        status:
          random() < 0.8
            ? pick(['SUBMITTED', 'AGREED', 'AUTHORIZED', 'IN_PROGRESS', 'DONE'] as const)
            : pick(ACTIVITY_STATUSES),
        details: type === 'CONFERENCE' ? { authority: pick(['PM', 'PROVINCE']) } : undefined,
        createdAt: created,
        submittedAt: random() < 0.9 ? new Date(created.getTime() + Math.floor(random() * 20) * DAY) : null,
        approvedAt: random() < 0.5 ? new Date(created.getTime() + Math.floor(random() * 25) * DAY + 3_600_000) : null,
      };
    });
    await d.activity.createMany({ data: activities });
    const activityIds = (await d.activity.findMany({ select: { id: true } })).map((a) => a.id);
    for (let p = 0; p < 4; p++) {
      const plan = await d.plan.create({
        data: {
          kind: p === 3 ? 'PROGRAMME' : 'REQUEST',
          title: `Kế hoạch ${p}`,
          year: 2025,
          deadline: midnight(nowMs + (p * 3 + 1) * DAY),
          createdAt: NOW.minus({ days: 30 }).toJSDate(),
        },
      });
      await d.planResponse.createMany({
        data: agencyIds.map((agencyId) => ({
          planId: plan.id,
          agencyId,
          status: random() < 0.6 ? ('PENDING' as const) : ('ANSWERED' as const),
        })),
      });
    }
    const planIds = (await d.plan.findMany({ select: { id: true } })).map((p) => p.id);
    await d.agency.update({ where: { id: agencyIds[3]! }, data: { active: false } });
    await d.followUp.createMany({
      data: Array.from({ length: 150 }, (_, i) => ({
        title: `Việc ${i + 1}`,
        activityId: random() < 0.6 ? pick(activityIds) : null,
        planId: random() < 0.3 ? pick(planIds) : null,
        responsibleAgencyId: random() < 0.8 ? pick(agencyIds) : null,
        dueDate: midnight(nowMs + Math.floor((random() * 50 - 40) * DAY)),
        doneAt: random() < 0.2 ? NOW.minus({ days: 1 }).toJSDate() : null,
        createdAt: new Date(nowMs - Math.floor(random() * 60) * DAY),
      })),
    });

    const dry = await planReminders(deps, NOW, { dryRun: true });
    // Keys sorted: PostgreSQL's jsonb keeps its own key order.
    const canonical = (x: unknown): unknown =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(
            Object.entries(x)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : x;
    const digest = (x: unknown) =>
      createHash('sha1')
        .update(JSON.stringify(canonical(x)))
        .digest('hex')
        .slice(0, 12);
    const line = (n: {
      dedupeKey: string;
      kind: string;
      chatId: bigint;
      userId: number | null;
      dueAt: Date;
      payload: unknown;
    }) => [n.dedupeKey, n.kind, n.chatId, n.userId, n.dueAt.toISOString(), digest(n.payload)].join(' ');
    const planned = dry.toInsert.map(line);
    expect(planned.length).toBeGreaterThan(100);
    await expect(`${planned.join('\n')}\n`).toMatchFileSnapshot('__snapshots__/reminder-full-pass.txt');

    // The pass inserts those rows, all pending; a second pass finds nothing to do.
    const first = await planReminders(deps, NOW);
    expect(first.inserted).toBe(planned.length);
    const rows = await d.notification.findMany({ orderBy: { id: 'asc' } });
    expect(rows.every((r) => r.state === 'PENDING' && r.attempts === 0)).toBe(true);
    const byKey = new Map(dry.toInsert.map((p) => [p.dedupeKey, p]));
    expect(rows.map((r) => line(r)).sort()).toEqual([...planned].sort());
    expect(rows.map((r) => r.payload)).toEqual(rows.map((r) => byKey.get(r.dedupeKey)!.payload));
    const second = await planReminders(deps, NOW);
    expect({ inserted: second.inserted, revived: second.revived, cancelled: second.cancelled }).toEqual({
      inserted: 0,
      revived: 0,
      cancelled: 0,
    });
  }, 60_000);
});
