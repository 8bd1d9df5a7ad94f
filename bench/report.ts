/**
 * /report for a year with 5,000 activities: the rows query, the model, the chart and both files
 * (.xlsx and .docx), as the bot builds them (reports/consolidated.ts). Target ≤ 2 s. The first
 * build loads exceljs, docx, ECharts and the font (once per process): printed apart, not counted.
 *
 *   npx tsx bench/report.ts                      # SQLite in a temporary file
 *   BENCH_DATABASE_URL=postgresql://…/empty_db npx tsx bench/report.ts
 *   BENCH_REPORT_ACTIVITIES=5000 BENCH_RUNS=5 npx tsx bench/report.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import type { Figure } from './figure.js';
import { rng } from './rng.js';
import { importBuilt } from '../test/support/build.js';

// The compiled JavaScript of dist/ (built first if stale), as `npm start` runs it, not src/ through tsx.
const { applyMigrations } = await importBuilt<typeof import('../src/db/migrate.js')>('src/db/migrate.js');
const { createDb } = await importBuilt<typeof import('../src/db/client.js')>('src/db/client.js');
const { createRepos } = await importBuilt<typeof import('../src/db/repos/index.js')>('src/db/repos/index.js');
const { createI18n } = await importBuilt<typeof import('../src/i18n/index.js')>('src/i18n/index.js');
const { ACTIVITY_STATUSES, ACTIVITY_TYPES } =
  await importBuilt<typeof import('../src/domain/enums.js')>('src/domain/enums.js');
const { summaryPeriod } = await importBuilt<typeof import('../src/domain/summary.js')>('src/domain/summary.js');
const { buildReportFiles } =
  await importBuilt<typeof import('../src/reports/consolidated.js')>('src/reports/consolidated.js');

const ACTIVITIES = Number(process.env.BENCH_REPORT_ACTIVITIES ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ZONE = 'Asia/Ho_Chi_Minh';
const NOW = DateTime.fromISO('2025-06-15T09:00:00', { zone: ZONE });
const COUNTRIES = ['JP', 'LA', 'KH', 'CN', 'KR', 'US', 'FR', 'DE', 'TH', 'SG'];

async function main() {
  const dir = process.env.BENCH_DATABASE_URL ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${path.join(dir!, 'bench.db')}`;
  await applyMigrations(url);
  const handle = await createDb(url);
  const { db } = handle;
  const repos = createRepos(db, handle.provider);
  const random = rng(5);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  await db.agency.createMany({
    data: Array.from({ length: 60 }, (_, i) => ({ code: `RP${i}`, nameVi: `Sở, ban, ngành số ${i} của tỉnh` })),
  });
  const agencyIds = (await db.agency.findMany({ select: { id: true } })).map((a) => a.id);
  const statuses = ACTIVITY_STATUSES.filter((s) => s !== 'DRAFT');
  const t0 = performance.now();
  for (let done = 0; done < ACTIVITIES;) {
    const n = Math.min(1000, ACTIVITIES - done);
    const activities = [];
    const countries = [];
    const coordinators = [];
    const fundings = [];
    for (let i = 0; i < n; i++) {
      const id = done + i + 1;
      const start = DateTime.fromISO('2025-01-01', { zone: 'utc' }).plus({ days: Math.floor(random() * 365) });
      const len = Math.floor(random() * 5);
      activities.push({
        id,
        reference: `2025-${String(id).padStart(5, '0')}`,
        type: pick(ACTIVITY_TYPES),
        title: `Đoàn công tác số ${id} làm việc với đối tác nước ngoài về hợp tác đầu tư, thương mại`,
        leadAgencyId: pick(agencyIds),
        partnerName: `Đối tác ${id}`,
        place: 'Thành phố Huế',
        timingPrecision: len === 0 ? ('DAY' as const) : ('RANGE' as const),
        startDate: start.toJSDate(),
        endDate: start.plus({ days: len }).toJSDate(),
        status: pick(statuses),
        costVnd: BigInt(Math.floor(random() * 500) * 1_000_000),
        details: { head: 'Phó Chủ tịch UBND tỉnh', members: 1 + Math.floor(random() * 9) },
      });
      for (const c of new Set([pick(COUNTRIES), pick(COUNTRIES)])) countries.push({ activityId: id, countryCode: c });
      coordinators.push({ activityId: id, agencyId: pick(agencyIds) });
      fundings.push({ activityId: id, source: pick(['STATE_BUDGET', 'PARTNER', 'SPONSORSHIP'] as const) });
    }
    await db.activity.createMany({ data: activities });
    await db.activityCountry.createMany({ data: countries });
    await db.activityCoordinator.createMany({ data: coordinators });
    await db.activityFunding.createMany({ data: fundings });
    done += n;
  }
  const insertS = (performance.now() - t0) / 1000;
  const t = createI18n('vi').forLocale('vi');
  const period = summaryPeriod('2025', NOW);
  const req = { period, plan: null, now: NOW, zone: ZONE, locale: 'vi' as const, t };
  const a = performance.now();
  const first = await buildReportFiles(repos, req);
  const cold = performance.now() - a;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const b = performance.now();
    const r = await buildReportFiles(repos, req);
    times.push(performance.now() - b);
    if (r.total !== first.total) throw new Error('different totals');
  }
  await handle.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  const sorted = [...times].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    `report bench: ${handle.provider}, ${ACTIVITIES} activities inserted in ${insertS.toFixed(1)} s; /report for 2025 (${first.total} rows; ${first.files.map((f) => `${f.filename} ${Math.round(f.bytes.length / 1024)} KB`).join(', ')})`,
  );
  console.log(`  first build (loads exceljs, docx, ECharts, the font): ${cold.toFixed(0)} ms`);
  console.log(
    `  warm builds: median ${median.toFixed(0)} ms, min ${sorted[0]!.toFixed(0)}, max ${sorted[sorted.length - 1]!.toFixed(0)} of ${RUNS} (target ≤ 2000); load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(', ')}`,
  );
  const figures: Figure[] = [
    {
      name: `${handle.provider}: /report with ${ACTIVITIES} activities (median of ${RUNS})`,
      value: Math.round(median),
      unit: 'ms',
      target: '≤ 2000',
      pass: median <= 2000,
    },
  ];
  if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(figures));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
