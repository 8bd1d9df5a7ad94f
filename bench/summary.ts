/**
 * /summary over many activities: how long the query + aggregation + message take, and how it
 * grows from 10k to 100k activities, and how long the chart takes to draw. Prints figures; targets
 * ≤ 300 ms at 100k for the answer, ≤ 500 ms for the chart.
 *
 *   npx tsx bench/summary.ts                      # SQLite in a temporary file
 *   BENCH_DATABASE_URL=postgresql://…/empty_db npx tsx bench/summary.ts   # an empty PostgreSQL database
 *   BENCH_SIZES=10000,100000 npx tsx bench/summary.ts
 *   BENCH_COVERING_INDEX=1 npx tsx bench/summary.ts  # with the index proposed for the summary's GROUP BY
 *   BENCH_SQLITE_CACHE_MB=64 npx tsx bench/summary.ts  # a larger SQLite page cache (better-sqlite3 default: 16 MB)
 *   BENCH_KEEP=1 …                                  # keep the SQLite file and print its path
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { ActivityStatus } from '../src/domain/enums.js';
import { rng } from './rng.js';
import { importBuilt } from '../test/support/build.js';

// The compiled JavaScript of dist/ (built first if stale), as `npm start` runs it, not src/ through tsx.
const { applyMigrations } = await importBuilt<typeof import('../src/db/migrate.js')>('src/db/migrate.js');
const { createDb } = await importBuilt<typeof import('../src/db/client.js')>('src/db/client.js');
const { createRepos } = await importBuilt<typeof import('../src/db/repos/index.js')>('src/db/repos/index.js');
const { createI18n } = await importBuilt<typeof import('../src/i18n/index.js')>('src/i18n/index.js');
const { localToday, periodBounds } =
  await importBuilt<typeof import('../src/domain/summary.js')>('src/domain/summary.js');
const { ACTIVITY_TYPES } = await importBuilt<typeof import('../src/domain/enums.js')>('src/domain/enums.js');
const { loadSummary } =
  await importBuilt<typeof import('../src/reports/summary-data.js')>('src/reports/summary-data.js');
const { parsePeriod } = await importBuilt<typeof import('../src/domain/timing/index.js')>('src/domain/timing/index.js');
const { buildSummaryMessage } =
  await importBuilt<typeof import('../src/reports/summary-text.js')>('src/reports/summary-text.js');
const { buildSummaryChartModel, renderSummaryCharts } =
  await importBuilt<typeof import('../src/reports/charts/index.js')>('src/reports/charts/index.js');
const { plainT } = await importBuilt<typeof import('../src/reports/labels.js')>('src/reports/labels.js');

const SIZES = (process.env.BENCH_SIZES ?? '10000,25000,50000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const ZONE = 'Asia/Ho_Chi_Minh';
const NOW = DateTime.fromISO('2025-06-15T09:00:00', { zone: ZONE });
const COUNTRIES = ['JP', 'LA', 'KH', 'CN', 'KR', 'US', 'FR', 'DE', 'TH', 'SG', 'AU', 'IN'];

async function main() {
  const url =
    process.env.BENCH_DATABASE_URL ??
    `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-')), 'bench.db')}`;
  await applyMigrations(url);
  const handle = await createDb(url);
  const { db } = handle;
  const repos = createRepos(db, handle.provider);
  const i18n = createI18n('vi');
  const t = i18n.forLocale('vi');
  const random = rng(42);
  if (process.env.BENCH_SQLITE_CACHE_MB && handle.provider === 'sqlite') {
    // Per connection; the SQLite adapter keeps one connection, so this lasts for the run.
    await db.$queryRawUnsafe(`PRAGMA cache_size = -${Number(process.env.BENCH_SQLITE_CACHE_MB) * 1024}`);
  }
  if (process.env.BENCH_COVERING_INDEX) {
    // Not in the schema (yet): lets the GROUP BY read an index instead of the table.
    await db.$executeRawUnsafe(
      'CREATE INDEX "bench_activity_summary" ON "Activity"("startDate", "endDate", "status", "type", "leadAgencyId", "planId", "reference")',
    );
  }
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

  await db.agency.createMany({
    data: Array.from({ length: 80 }, (_, i) => ({ code: `AG${i}`, nameVi: `Cơ quan số ${i} của tỉnh` })),
  });
  const agencyIds = (await db.agency.findMany({ select: { id: true } })).map((a) => a.id);
  // Realistic mix: past activities mostly reported, a few overdue; future ones submitted or approved.
  const todayMs = Date.UTC(NOW.year, NOW.month - 1, NOW.day);
  const statusFor = (end: Date): ActivityStatus => {
    const x = random();
    if (end.getTime() < todayMs)
      return x < 0.83
        ? 'REPORTED'
        : x < 0.91
          ? 'DONE'
          : x < 0.94
            ? 'CANCELLED'
            : x < 0.96
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

  let inserted = 0;
  let lastMessage: string[] = [];
  let cpuAtLast: number[] = [];
  let nextId = 1;
  const period = parsePeriod('2025', NOW);
  if (!period.ok) throw new Error('period');
  const bounds = periodBounds(period.timing);
  console.log(
    `provider: ${handle.provider}${process.env.BENCH_SQLITE_CACHE_MB ? ` + cache ${process.env.BENCH_SQLITE_CACHE_MB} MB` : ''}${process.env.BENCH_COVERING_INDEX ? ' + covering index' : ''}, now ${NOW.toISO()}, period 2025, ${RUNS} runs per size (median, min, max); load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  );
  console.log(
    'activities | insert s | queries + aggregation ms | message ms | total ms (median) | total ms (min) | total ms (max)',
  );

  for (const size of SIZES) {
    const t0 = performance.now();
    while (inserted < size) {
      const batch = Math.min(5000, size - inserted);
      const activities = [];
      const countries = [];
      for (let i = 0; i < batch; i++) {
        const id = nextId++;
        const start = DateTime.fromISO('2025-01-01', { zone: 'utc' }).plus({ days: Math.floor(random() * 365) });
        const len = Math.floor(random() * 5);
        activities.push({
          id,
          reference: `2025-${String(id).padStart(6, '0')}`,
          type: pick(ACTIVITY_TYPES),
          title: `Hoạt động đối ngoại số ${id} với đối tác nước ngoài`,
          leadAgencyId: pick(agencyIds),
          timingPrecision: len === 0 ? ('DAY' as const) : ('RANGE' as const),
          startDate: start.toJSDate(),
          endDate: start.plus({ days: len }).toJSDate(),
          status: statusFor(start.plus({ days: len }).toJSDate()),
        });
        const n = Math.floor(random() * 3);
        for (const c of new Set(Array.from({ length: n }, () => pick(COUNTRIES))))
          countries.push({ activityId: id, countryCode: c });
      }
      await db.activity.createMany({ data: activities });
      await db.activityCountry.createMany({ data: countries });
      inserted += batch;
    }
    // What autovacuum does soon after a bulk insert: statistics (without them plans are guesses) and
    // the visibility map (without it an index-only scan still reads the table).
    if (handle.provider === 'postgresql') await db.$executeRawUnsafe('VACUUM ANALYZE');
    const insertS = (performance.now() - t0) / 1000;

    const samples: { load: number; message: number; total: number; cpu: number }[] = [];
    for (let run = 0; run < RUNS; run++) {
      const cpu0 = process.cpuUsage();
      const a = performance.now();
      const { summary, agencies } = await loadSummary(repos, { period: bounds, now: NOW });
      const b = performance.now();
      const chunks = buildSummaryMessage(summary, { t, locale: 'vi', zone: ZONE, periodLabel: 'năm 2025', agencies });
      const c = performance.now();
      if (chunks.some((m) => m.length > 4096) || summary.total !== size)
        throw new Error(`bad result: ${summary.total}`);
      if (run === 0 && size === SIZES[SIZES.length - 1]) lastMessage = chunks;
      const cpu = process.cpuUsage(cpu0);
      samples.push({ load: b - a, message: c - b, total: c - a, cpu: (cpu.user + cpu.system) / 1000 });
    }
    const med = (k: keyof (typeof samples)[number]) =>
      [...samples].sort((x, y) => x[k] - y[k])[Math.floor(samples.length / 2)]![k];
    const min = Math.min(...samples.map((s) => s.total));
    const max = Math.max(...samples.map((s) => s.total));
    cpuAtLast = samples.map((s) => s.cpu).sort((x, y) => x - y);
    console.log(
      `${String(size).padStart(10)} | ${insertS.toFixed(1).padStart(8)} | ${med('load').toFixed(0).padStart(26)} | ${med('message').toFixed(1).padStart(10)} | ${med('total').toFixed(0).padStart(17)} | ${min.toFixed(0).padStart(14)} | ${max.toFixed(0).padStart(14)}`,
    );
  }
  // SQLite runs inside this process: its CPU time is what a quiet machine would take, whatever the load.
  if (handle.provider === 'sqlite')
    console.log(
      `\nCPU time of this process per /summary at ${SIZES[SIZES.length - 1]} (SQLite included): ${cpuAtLast.map((x) => x.toFixed(0)).join(', ')} ms`,
    );
  console.log(
    `\nmessage at ${SIZES[SIZES.length - 1]}: ${lastMessage.length} part(s), ${lastMessage.map((m) => m.length).join(' + ')} characters`,
  );

  // Where the time goes at the largest size (each query alone).
  const scope = { period: bounds };
  const today = localToday(NOW);
  const doneBefore = new Date(today.getTime() - 15 * 86_400_000);
  const parts: [string, () => Promise<unknown>][] = [
    ['GROUP BY type, status, lead agency + GROUP BY country', () => repos.reports.summaryCounts(scope)],
    ['GROUP BY type, timing (the chart)', () => repos.reports.chartTimings(scope)],
    ['next 5 (two ordered queries)', () => repos.reports.upcoming(scope, today, null, 5)],
    ['overdue candidates (first 300)', () => repos.reports.overdueCandidates(scope, today, doneBefore, 300)],
    ['overdue count (only when over 300)', () => repos.reports.countOverdue(scope, today, doneBefore)],
  ];
  console.log(`\nbreakdown at ${SIZES[SIZES.length - 1]} (ms, median / min / max of ${RUNS}):`);
  for (const [name, run] of parts) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const a = performance.now();
      await run();
      times.push(performance.now() - a);
    }
    times.sort((x, y) => x - y);
    console.log(
      `  ${name.padEnd(56)} ${times[Math.floor(times.length / 2)]!.toFixed(0).padStart(5)} / ${times[0]!.toFixed(0)} / ${times[times.length - 1]!.toFixed(0)}`,
    );
  }

  // The chart /summary sends first: model from the loaded counts, ECharts SVG, resvg PNG (warm: the font is parsed once per process).
  const loaded = await loadSummary(repos, { period: bounds, now: NOW });
  const chartTimes: number[] = [];
  let pngBytes = 0;
  for (let i = 0; i <= RUNS; i++) {
    const a = performance.now();
    const model = buildSummaryChartModel(loaded.chartTimings, loaded.countryCounts, {
      period: bounds,
      periodLabel: 'năm 2025',
      t: plainT(t),
      locale: 'vi',
    });
    pngBytes = renderSummaryCharts(model, { locale: 'vi' }).png.length;
    if (i > 0) chartTimes.push(performance.now() - a);
  }
  chartTimes.sort((x, y) => x - y);
  console.log(
    `\nchart (model + SVG + PNG) at ${SIZES[SIZES.length - 1]}: ${chartTimes[Math.floor(chartTimes.length / 2)]!.toFixed(0)} ms median, ${chartTimes[0]!.toFixed(0)} ms min, ${loaded.chartTimings.length} timing groups, PNG ${Math.round(pngBytes / 1024)} KB`,
  );
  await handle.close();
  if (process.env.BENCH_KEEP) console.log(`kept: ${url}`);
  else if (!process.env.BENCH_DATABASE_URL)
    fs.rmSync(path.dirname(url.slice('file:'.length)), { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
