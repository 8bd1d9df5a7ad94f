/**
 * The reminder planner (src/jobs/plan-reminders.ts, what every REMINDER_CRON tick runs) over
 * 100,000 activities and 20,000 follow-ups: a full pass on an empty outbox (target ≤ 2 s), a full
 * pass when everything is already planned, and what ticks run (jobs/reminder-planner.ts): a pass
 * with nothing changed (target ≤ 50 ms) and a pass after 100 writes (target ≤ 200 ms).
 *
 * Data (deterministic): 80 agencies with 2 focal points each, 3 coordinators, 1 coordinators' group,
 * the holiday and anniversary calendars; activities spread over 2020–2030 (ten types, statuses
 * as a real register has them: past ones mostly reported, future ones submitted or approved);
 * follow-ups due 2023–2026, of which 80% of the past ones and 10% of the future ones are done.
 * "Now" is Monday 16/06/2025 08:00 (Asia/Ho_Chi_Minh).
 *
 *   npx tsx bench/planning.ts                      # SQLite; then PostgreSQL when reachable
 *   BENCH_PG=off npx tsx bench/planning.ts
 *   BENCH_ACTIVITIES=100000 BENCH_FOLLOWUPS=20000 BENCH_FOLLOWUPS_OPEN=all …   # every follow-up open (stress)
 *   BENCH_PLANNING_KEEP=/tmp/plan npx tsx bench/planning.ts   # seeds once into /tmp/plan/bench.db and the
 *        PostgreSQL database liaison_bench_plan_kept, reuses them on the next runs (comparing two versions;
 *        the ticks' 100 writes change them, so compare with BENCH_PLANNING_ONLY=full)
 *   BENCH_PLANNING_ONLY=full …                     # only the full passes (empty outbox, then all planned)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { Telegram } from 'telegraf';
import { throwawayPgDatabase } from './pg-database.js';
import type { ActivityStatus, TimingPrecision } from '../src/domain/enums.js';
import type { Figure } from './figure.js';
import { rng } from './rng.js';
import { importBuilt } from '../test/support/build.js';

// The compiled JavaScript of dist/ (built first if stale), as `npm start` runs it, not src/ through tsx.
const { loadConfig } = await importBuilt<typeof import('../src/config.js')>('src/config.js');
const { applyMigrations } = await importBuilt<typeof import('../src/db/migrate.js')>('src/db/migrate.js');
const { createDb } = await importBuilt<typeof import('../src/db/client.js')>('src/db/client.js');
const { createRepos } = await importBuilt<typeof import('../src/db/repos/index.js')>('src/db/repos/index.js');
const { createI18n } = await importBuilt<typeof import('../src/i18n/index.js')>('src/i18n/index.js');
const { createLogger } = await importBuilt<typeof import('../src/logger.js')>('src/logger.js');
const { planReminders } =
  await importBuilt<typeof import('../src/jobs/plan-reminders.js')>('src/jobs/plan-reminders.js');
const { createReminderPlanner, LATE_WRITE_MARGIN_MS } =
  await importBuilt<typeof import('../src/jobs/reminder-planner.js')>('src/jobs/reminder-planner.js');
const { createRateLimiter } =
  await importBuilt<typeof import('../src/jobs/rate-limiter.js')>('src/jobs/rate-limiter.js');
const { createTelegramSender } = await importBuilt<typeof import('../src/jobs/sender.js')>('src/jobs/sender.js');
const { seedReferenceData } = await importBuilt<typeof import('../src/reference-data.js')>('src/reference-data.js');
const { ACTIVITY_TYPES } = await importBuilt<typeof import('../src/domain/enums.js')>('src/domain/enums.js');

const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 100_000);
const FOLLOWUPS = Number(process.env.BENCH_FOLLOWUPS ?? 20_000);
const ALL_OPEN = process.env.BENCH_FOLLOWUPS_OPEN === 'all';
const ZONE = 'Asia/Ho_Chi_Minh';
const NOW = DateTime.fromISO('2025-06-16T08:00:00', { zone: ZONE });
const DAY = 86_400_000;
const KEEP = process.env.BENCH_PLANNING_KEEP;
const ONLY_FULL = process.env.BENCH_PLANNING_ONLY === 'full';

export type { Figure } from './figure.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function seed(url: string) {
  const handle = await createDb(url);
  const { db } = handle;
  const repos = createRepos(db, handle.provider);
  if (KEEP && (await db.activity.count()) === ACTIVITIES) {
    return { handle, repos, open: await db.followUp.count({ where: { doneAt: null } }), kept: true };
  }
  await seedReferenceData(repos);
  const random = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  await db.agency.createMany({
    data: Array.from({ length: 80 }, (_, i) => ({ code: `PL${i}`, nameVi: `Cơ quan số ${i} của tỉnh` })),
  });
  const agencyIds = (await db.agency.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((a) => a.id);
  await db.user.createMany({
    data: [
      ...agencyIds.flatMap((agencyId, i) =>
        [0, 1].map((k) => ({ telegramId: BigInt(8_100_000_000 + i * 2 + k), role: 'FOCAL' as const, agencyId })),
      ),
      ...[0, 1, 2].map((k) => ({ telegramId: BigInt(8_200_000_000 + k), role: 'COORDINATOR' as const })),
    ],
  });
  await db.chatGroup.create({ data: { chatId: -1_002_000_000_001n, title: 'Phòng HTQT' } });

  const nowMs = NOW.toMillis();
  const from = Date.UTC(2020, 0, 1);
  const span = Date.UTC(2031, 0, 1) - from;
  const precisions: TimingPrecision[] = ['DAY', 'DAY', 'DAY', 'RANGE', 'RANGE', 'MONTH', 'DEADLINE', 'QUARTER', 'TBD'];
  const statusFor = (end: number): ActivityStatus => {
    const x = random();
    if (end < nowMs)
      return x < 0.8
        ? 'REPORTED'
        : x < 0.88
          ? 'DONE'
          : x < 0.92
            ? 'CANCELLED'
            : x < 0.95
              ? 'RETURNED'
              : x < 0.98
                ? 'AUTHORIZED'
                : 'IN_PROGRESS';
    return x < 0.5
      ? 'AUTHORIZED'
      : x < 0.85
        ? 'SUBMITTED'
        : x < 0.9
          ? 'POSTPONED'
          : x < 0.95
            ? 'CANCELLED'
            : 'RETURNED';
  };
  for (let done = 0; done < ACTIVITIES;) {
    const n = Math.min(5000, ACTIVITIES - done);
    const rows = [];
    for (let i = 0; i < n; i++) {
      const id = done + i + 1;
      const start = from + Math.floor((random() * span) / DAY) * DAY;
      const precision = pick(precisions);
      const len =
        precision === 'RANGE'
          ? 1 + Math.floor(random() * 6)
          : precision === 'MONTH'
            ? 29
            : precision === 'QUARTER'
              ? 89
              : 0;
      const end = start + len * DAY;
      const created = new Date(Math.min(start - 30 * DAY, nowMs - DAY));
      const type = pick(ACTIVITY_TYPES);
      rows.push({
        id,
        reference: `${new Date(created).getUTCFullYear()}-${String(id).padStart(6, '0')}`,
        type,
        title: `Hoạt động đối ngoại số ${id} với đối tác nước ngoài`,
        leadAgencyId: pick(agencyIds),
        timingPrecision: precision,
        startDate: precision === 'TBD' || precision === 'DEADLINE' ? null : new Date(start),
        endDate: precision === 'TBD' ? null : new Date(end),
        status: statusFor(end),
        details: type === 'CONFERENCE' ? { authority: random() < 0.3 ? 'PM' : 'PROVINCE' } : undefined,
        createdAt: created,
        submittedAt: created,
      });
    }
    await db.activity.createMany({ data: rows });
    done += n;
  }
  const dueFrom = Date.UTC(2023, 0, 1);
  const dueSpan = Date.UTC(2027, 0, 1) - dueFrom;
  for (let done = 0; done < FOLLOWUPS;) {
    const n = Math.min(5000, FOLLOWUPS - done);
    const rows = [];
    for (let i = 0; i < n; i++) {
      const due = dueFrom + Math.floor((random() * dueSpan) / DAY) * DAY;
      const closed = !ALL_OPEN && random() < (due < nowMs ? 0.8 : 0.1);
      rows.push({
        title: `Việc cần làm số ${done + i + 1} sau hội đàm`,
        activityId: 1 + Math.floor(random() * ACTIVITIES),
        responsibleAgencyId: random() < 0.9 ? pick(agencyIds) : null,
        dueDate: new Date(due),
        doneAt: closed ? new Date(Math.min(due, nowMs - DAY)) : null,
        createdAt: new Date(Math.min(due - 60 * DAY, nowMs - DAY)),
      });
    }
    await db.followUp.createMany({ data: rows });
    done += n;
  }
  // What autovacuum does soon after a bulk insert: statistics, and the visibility map that lets
  // PostgreSQL count rows from an index (the planner counts rows at every tick).
  if (handle.provider === 'postgresql') await db.$executeRawUnsafe('VACUUM ANALYZE');
  const open = await db.followUp.count({ where: { doneAt: null } });
  return { handle, repos, open, kept: false };
}

async function run(label: string, url: string): Promise<Figure[]> {
  await applyMigrations(url);
  const t0 = performance.now();
  const { handle, repos, open, kept } = await seed(url);
  const seededAt = Date.now();
  console.log(
    `  ${label}: ${ACTIVITIES} activities, ${FOLLOWUPS} follow-ups (${open} open) ${kept ? 'kept from an earlier run' : 'inserted'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const config = loadConfig({
    BOT_TOKEN: '123456:BENCH',
    TELEGRAM_API_ROOT: 'http://127.0.0.1:9',
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
  });
  const deps = {
    config,
    repos,
    i18n: createI18n('vi'),
    logger: createLogger('silent'),
    instanceId: 'bench-planning',
    sender: createTelegramSender(new Telegram(config.botToken, { apiRoot: config.telegramApiRoot })),
    limiter: createRateLimiter({ globalPerSec: 25 }),
  };
  // Three full passes, five idle ones and three dry runs; one full and one idle when a pass is slow
  // (the whole `npm run bench` stays bounded).
  const full: number[] = [];
  let inserted = 0;
  for (let i = 0; i < 3 && !(i > 0 && full[0]! > 15_000); i++) {
    await handle.db.notification.deleteMany({});
    const a = performance.now();
    const r = await planReminders(deps, NOW);
    full.push(performance.now() - a);
    inserted = r.inserted;
  }
  const slow = full[0]! > 15_000;
  const idle: number[] = [];
  let idleInserted = 0;
  for (let i = 0; i < (slow ? 1 : 5); i++) {
    const a = performance.now();
    const r = await planReminders(deps, NOW.plus({ minutes: i }));
    idle.push(performance.now() - a);
    idleInserted += r.inserted + r.revived + r.cancelled;
  }
  if (ONLY_FULL) {
    await handle.close();
    console.log(
      `    load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(', ')}`,
    );
    console.log(
      `    full pass (empty outbox): ${median(full).toFixed(0)} ms, median of ${full.length} (${full.map((x) => x.toFixed(0)).join(', ')}); ${inserted} reminders inserted`,
    );
    console.log(
      `    idle pass (all planned): ${median(idle).toFixed(0)} ms, median of ${idle.length} (${idle.map((x) => x.toFixed(0)).join(', ')}); changes ${idleInserted}`,
    );
    return [];
  }
  const dry: number[] = [];
  for (let i = 0; i < (slow ? 0 : 3); i++) {
    await handle.db.notification.deleteMany({});
    const a = performance.now();
    await planReminders(deps, NOW, { dryRun: true });
    dry.push(performance.now() - a);
  }
  // What ticks run (jobs/reminder-planner.ts): seeded by a full pass, then passes with nothing
  // changed, and passes after 100 writes (70 activities and 30 follow-ups edited one by one).
  const planner = createReminderPlanner(deps);
  await planner.run(NOW, { full: true });
  // "Nothing changed": nothing written within the planner's margin for late commits (the seeding was).
  const quietAfter = seededAt + LATE_WRITE_MARGIN_MS - Date.now();
  if (quietAfter > 0) await new Promise((r) => setTimeout(r, quietAfter));
  const quiet: number[] = [];
  let quietModes = '';
  const cpuMs = (from: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(from);
    return (u.user + u.system) / 1000;
  };
  const quietCpu: number[] = [];
  for (let i = 0; i < 7; i++) {
    const c = process.cpuUsage();
    const a = performance.now();
    const r = await planner.run(NOW.plus({ minutes: 1 + i }));
    quiet.push(performance.now() - a);
    quietCpu.push(cpuMs(c));
    quietModes = r.mode;
  }
  const random = rng(99);
  const windowIds = (
    await handle.db.activity.findMany({
      where: {
        status: { in: ['SUBMITTED', 'AGREED'] },
        startDate: { gte: NOW.minus({ days: 5 }).toJSDate(), lte: NOW.plus({ days: 60 }).toJSDate() },
      },
      select: { id: true },
    })
  ).map((a) => a.id);
  const openIds = (await handle.db.followUp.findMany({ where: { doneAt: null }, select: { id: true } })).map(
    (f) => f.id,
  );
  const changed: number[] = [];
  const changedCpu: number[] = [];
  const changedCounts: string[] = [];
  for (let i = 0; i < 5; i++) {
    for (let k = 0; k < 70; k++) {
      const id = windowIds[Math.floor(random() * windowIds.length)]!;
      const a = await handle.db.activity.findUniqueOrThrow({
        where: { id },
        select: { status: true, startDate: true, endDate: true },
      });
      const shift = (random() < 0.5 ? -1 : 1) * DAY;
      await handle.db.activity.update({
        where: { id },
        data:
          random() < 0.5
            ? { status: a.status === 'AGREED' ? 'SUBMITTED' : 'AGREED' }
            : {
                startDate: a.startDate && new Date(a.startDate.getTime() + shift),
                endDate: a.endDate && new Date(a.endDate.getTime() + shift),
              },
      });
    }
    for (let k = 0; k < 30; k++) {
      const id = openIds[Math.floor(random() * openIds.length)]!;
      await handle.db.followUp.update({
        where: { id },
        data:
          random() < 0.3
            ? { doneAt: NOW.toJSDate() }
            : { dueDate: new Date(NOW.toMillis() + Math.floor(random() * 20 - 10) * DAY) },
      });
    }
    const c = process.cpuUsage();
    const a = performance.now();
    const r = await planner.run(NOW.plus({ minutes: 10 + i }));
    changed.push(performance.now() - a);
    changedCpu.push(cpuMs(c));
    changedCounts.push(`${r.mode}: +${r.inserted} ↺${r.revived} −${r.cancelled}`);
  }
  await handle.close();
  const stat = (xs: number[]) =>
    `median ${median(xs).toFixed(0)} ms, min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)} of ${xs.length}`;
  const cpuNote = (xs: number[]) =>
    `; CPU of this process ${label === 'sqlite' ? '(SQLite included) ' : ''}median ${median(xs).toFixed(0)} ms`;
  console.log(
    `    tick with nothing changed (incremental planner): ${stat(quiet)}${cpuNote(quietCpu)}; mode ${quietModes}`,
  );
  console.log(
    `    tick after 100 writes (70 activities, 30 follow-ups): ${stat(changed)}${cpuNote(changedCpu)}; ${changedCounts.join(', ')}`,
  );
  console.log(
    `    load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  );
  console.log(
    `    full pass (empty outbox): ${median(full).toFixed(0)} ms, median of ${full.length} (${full.map((x) => x.toFixed(0)).join(', ')}); ${inserted} reminders inserted`,
  );
  if (dry.length)
    console.log(
      `      of which computing (a dry run: load + rules + lookups, no writes): ${median(dry).toFixed(0)} ms`,
    );
  console.log(
    `    idle pass (all planned): ${median(idle).toFixed(0)} ms, median of ${idle.length} (${idle.map((x) => x.toFixed(0)).join(', ')}); changes ${idleInserted}`,
  );
  return [
    {
      name: `${label}: full planning pass (${inserted} reminders inserted)`,
      value: Math.round(median(full)),
      unit: 'ms',
      target: '≤ 2000',
      pass: median(full) <= 2000,
    },
    {
      name: `${label}: full pass when nothing changed (every record re-read)`,
      value: Math.round(median(idle)),
      unit: 'ms',
    },
    {
      name: `${label}: tick with nothing changed`,
      value: Math.round(median(quiet)),
      unit: 'ms',
      target: '≤ 50',
      pass: median(quiet) <= 50,
    },
    {
      name: `${label}: tick after 100 changes`,
      value: Math.round(median(changed)),
      unit: 'ms',
      target: '≤ 200',
      pass: median(changed) <= 200,
    },
  ];
}

const pgDatabase = () => throwawayPgDatabase('liaison_bench_plan', { keep: Boolean(KEEP) });

export async function benchPlanning(): Promise<Figure[]> {
  console.log(
    `planning bench: now ${NOW.toFormat('dd/MM/yyyy HH:mm')} ${ZONE}${ALL_OPEN ? ', every follow-up open' : ''}`,
  );
  const figures: Figure[] = [];
  const dir = KEEP ?? fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    if (process.env.BENCH_SQLITE !== 'off')
      figures.push(...(await run('sqlite', `file:${path.join(dir, 'bench.db')}`)));
  } finally {
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
  const pgDb = await pgDatabase();
  if (!pgDb) console.log('  PostgreSQL: not reachable (or BENCH_PG=off); skipped');
  else {
    try {
      figures.push(...(await run('postgresql', pgDb.url)));
    } finally {
      await pgDb.drop();
    }
  }
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchPlanning();
  if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(figures));
  process.exit(0);
}
