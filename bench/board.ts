/**
 * The plan board with 5,000 activities: the server's answer (sign-in, the whole scope as a compact
 * list, its size raw and gzipped), then the page in Debian's Chromium — first screen from navigation
 * start, and filtering (a select, the words box) — as the page itself times them. Targets: first
 * screen < 1 s, filtering < 100 ms.
 *
 *   npx tsx bench/board.ts                  # SQLite in a temporary file
 *   BENCH_BOARD_ROWS=20000 npx tsx bench/board.ts
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { DateTime } from 'luxon';
import type { ActivityStatus } from '../src/domain/enums.js';
import type { Figure } from './figure.js';
import { loadLine } from './stats.js';
import { importBuilt } from '../test/support/build.js';

// The compiled JavaScript of dist/ (built first if stale), as `npm start` runs it, not src/ through tsx.
const { applyMigrations } = await importBuilt<typeof import('../src/db/migrate.js')>('src/db/migrate.js');
const { createDb } = await importBuilt<typeof import('../src/db/client.js')>('src/db/client.js');
const { createRepos } = await importBuilt<typeof import('../src/db/repos/index.js')>('src/db/repos/index.js');
const { createI18n } = await importBuilt<typeof import('../src/i18n/index.js')>('src/i18n/index.js');
const { loadConfig } = await importBuilt<typeof import('../src/config.js')>('src/config.js');
const { createLogger } = await importBuilt<typeof import('../src/logger.js')>('src/logger.js');
const { ACTIVITY_TYPES } = await importBuilt<typeof import('../src/domain/enums.js')>('src/domain/enums.js');
const { createBoardService } = await importBuilt<typeof import('../src/http/board/board-service.js')>(
  'src/http/board/board-service.js',
);
const { createBoardHttp } = await importBuilt<typeof import('../src/http/board/http.js')>('src/http/board/http.js');
const { loadBoardAssets } = await importBuilt<typeof import('../src/http/board/assets.js')>('src/http/board/assets.js');
const { signInitData } =
  await importBuilt<typeof import('../src/http/board/init-data.js')>('src/http/board/init-data.js');

const ROWS = Number(process.env.BENCH_BOARD_ROWS ?? 5000);
const RUNS = 7;
const TOKEN = '123456:bench-board-token';
const HEAD = 900_000_001;
const ZONE = 'Asia/Ho_Chi_Minh';
const NOW = DateTime.fromISO('2027-03-01T09:00:00', { zone: ZONE });
const COUNTRIES = ['JP', 'LA', 'KH', 'CN', 'KR', 'US', 'FR', 'DE', 'TH', 'SG', 'AU', 'IN'];
const STATUSES: ActivityStatus[] = [
  'SUBMITTED',
  'AUTHORIZED',
  'IN_PROGRESS',
  'DONE',
  'REPORTED',
  'POSTPONED',
  'CANCELLED',
  'RETURNED',
];
const WORDS = [
  'Đoàn công tác',
  'Hội thảo quốc tế',
  'Giao lưu văn hóa',
  'Xúc tiến thương mại',
  'Làm việc với',
  'Tham dự hội chợ',
  'Ký kết thỏa thuận',
];
const PLACES = [
  'tỉnh Shizuoka',
  'thành phố Osaka',
  'tỉnh Chăm-pa-sắc',
  'tỉnh Gyeonggi',
  'thành phố Izumisano',
  'tỉnh Quảng Tây',
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function seed(url: string) {
  const handle = await createDb(url);
  const { db } = handle;
  const random = rng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  await db.agency.createMany({
    data: Array.from({ length: 80 }, (_, i) => ({ code: `AG${i}`, nameVi: `Cơ quan số ${i} của tỉnh` })),
  });
  const agencies = (await db.agency.findMany({ select: { id: true } })).map((a) => a.id);
  await db.user.create({ data: { telegramId: BigInt(HEAD), role: 'HEAD', displayName: 'Lãnh đạo' } });
  const activities = [];
  const countries = [];
  const coordinators = [];
  for (let id = 1; id <= ROWS; id++) {
    const year = 2026 + Math.floor(random() * 2);
    const start = DateTime.fromISO(`${year}-01-01`, { zone: 'utc' }).plus({ days: Math.floor(random() * 365) });
    const kind = random();
    const month = start.startOf('month');
    const [precision, s, e] =
      kind < 0.5
        ? (['DAY', start, start] as const)
        : kind < 0.7
          ? (['RANGE', start, start.plus({ days: 3 })] as const)
          : kind < 0.9
            ? (['MONTH', month, month.endOf('month').startOf('day')] as const)
            : (['QUARTER', start.startOf('quarter'), start.endOf('quarter').startOf('day')] as const);
    activities.push({
      id,
      reference: `${year}-${String(id).padStart(5, '0')}`,
      type: pick(ACTIVITY_TYPES),
      title: `${pick(WORDS)} ${pick(PLACES)} (${id})`,
      partnerName: pick(PLACES),
      leadAgencyId: pick(agencies),
      timingPrecision: precision,
      startDate: s.toJSDate(),
      endDate: e.toJSDate(),
      status: pick(STATUSES),
      costVnd: random() < 0.5 ? BigInt(Math.floor(random() * 2000) * 1_000_000) : null,
    });
    for (const c of new Set([pick(COUNTRIES), ...(random() < 0.3 ? [pick(COUNTRIES)] : [])]))
      countries.push({ activityId: id, countryCode: c });
    if (random() < 0.4) coordinators.push({ activityId: id, agencyId: pick(agencies) });
  }
  for (let i = 0; i < activities.length; i += 2000)
    await db.activity.createMany({ data: activities.slice(i, i + 2000) });
  await db.activityCountry.createMany({ data: countries });
  await db.activityCoordinator.createMany({ data: coordinators });
  return handle;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-board-'));
  const url = `file:${path.join(dir, 'bench.db')}`;
  await applyMigrations(url);
  const handle = await seed(url);
  const repos = createRepos(handle.db, handle.provider);
  const config = loadConfig({
    BOT_TOKEN: TOKEN,
    DATABASE_URL: url,
    PORT: '8080',
    WEBAPP_URL: 'http://127.0.0.1:8080/board/',
    LOG_LEVEL: 'silent',
  });
  const service = createBoardService({
    config,
    repos,
    i18n: createI18n('vi'),
    now: () => NOW,
    wording: { detailRows: () => [], historyLine: () => '' },
  });
  const assets = await loadBoardAssets();
  const board = createBoardHttp({
    basePath: '/board/',
    botToken: TOKEN,
    service,
    assets: async () => assets,
    logger: createLogger('silent'),
  });
  const server = http.createServer(
    (req, res) =>
      void board(req, res, new URL(req.url ?? '/', 'http://x')).then((ok) => ok || res.writeHead(404).end()),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/board/`;
  const initData = signInitData(
    {
      user: JSON.stringify({ id: HEAD, first_name: 'Bench', language_code: 'vi' }),
      auth_date: String(Math.floor(Date.now() / 1000)),
    },
    TOKEN,
  );

  const figures: Figure[] = [];
  const session = await fetch(`${base}api/session`, { method: 'POST', body: JSON.stringify({ initData }) });
  const { token } = (await session.json()) as { token: string };
  const api: number[] = [];
  let raw = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${base}api/activities`, {
      headers: { authorization: `Bearer ${token}`, 'accept-encoding': 'gzip' },
    });
    const body = await res.text();
    api.push(performance.now() - t0);
    raw = Buffer.byteLength(body);
    if ((JSON.parse(body) as { rows: unknown[] }).rows.length !== ROWS) throw new Error('wrong row count');
  }
  const gz =
    gzipSync(Buffer.alloc(0)).length &&
    gzipSync(
      Buffer.from(
        await (await fetch(`${base}api/activities`, { headers: { authorization: `Bearer ${token}` } })).text(),
      ),
      { level: 4 },
    ).length;
  console.log(
    `${ROWS} activities: GET api/activities ${median(api).toFixed(0)} ms (median of ${RUNS}; min ${Math.min(...api).toFixed(0)}, max ${Math.max(...api).toFixed(0)}), ${(raw / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(0)} KB gzipped`,
  );
  figures.push({
    name: `board API: the whole scope of ${ROWS} activities (median)`,
    value: Math.round(median(api)),
    unit: 'ms',
  });
  figures.push({ name: 'board API: payload gzipped', value: Math.round(gz / 1024), unit: 'KB' });

  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    console.log('no Chromium: page timings skipped');
  } else {
    const { chromium: pw } = await import('playwright-core');
    const { CHROMIUM_ARGS } = await import('../test/support/browser.js');
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-chromium-'));
    const context = await pw.launchPersistentContext(profile, {
      executablePath: chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    const fragment = new URLSearchParams({
      tgWebAppData: initData,
      tgWebAppVersion: '7.10',
      tgWebAppPlatform: 'tdesktop',
      tgWebAppThemeParams: '{}',
    });
    const first: number[] = [];
    const filters: number[] = [];
    const searches: number[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await context.newPage();
      await page.goto(`${base}#${fragment}`);
      await page.waitForFunction(() => (window as unknown as { __board?: unknown }).__board);
      const timing = await page.evaluate(
        () => (window as unknown as { __board: { firstScreenMs: number; rows: number } }).__board,
      );
      if (timing.rows !== ROWS) throw new Error('page rows');
      first.push(timing.firstScreenMs);
      const last = () =>
        page.evaluate(() => (window as unknown as { __board: { filterMs: number[] } }).__board.filterMs.at(-1)!);
      const count = () =>
        page.evaluate(() => (window as unknown as { __board: { filterMs: number[] } }).__board.filterMs.length);
      for (const [name, value] of [
        ['type', 'OUTBOUND'],
        ['year', '2027'],
        ['country', 'JP'],
        ['type', ''],
      ] as const) {
        const n = await count();
        await page.selectOption(`select[name=${name}]`, value);
        await page.waitForFunction(
          (k) => (window as unknown as { __board: { filterMs: number[] } }).__board.filterMs.length > k,
          n,
        );
        filters.push(await last());
      }
      for (const q of ['nhat', 'hoi thao shizuoka', '']) {
        const n = await count();
        await page.fill('input[name=q]', q);
        await page.waitForFunction(
          (k) => (window as unknown as { __board: { filterMs: number[] } }).__board.filterMs.length > k,
          n,
        );
        searches.push(await last());
      }
      await page.close();
    }
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
    console.log(
      `page, ${ROWS} activities: first screen ${median(first)} ms from navigation start (median of 5; min ${Math.min(...first)}, max ${Math.max(...first)}); filter by a select ${median(filters)} ms (min ${Math.min(...filters)}, max ${Math.max(...filters)}); words ${median(searches)} ms (min ${Math.min(...searches)}, max ${Math.max(...searches)}); ${loadLine()}`,
    );
    figures.push({
      name: `board page: first screen with ${ROWS} activities (median)`,
      value: median(first),
      unit: 'ms',
      target: '< 1000',
      pass: median(first) < 1000,
    });
    figures.push({
      name: 'board page: filtering by a select (median; filter + sort + render)',
      value: median(filters),
      unit: 'ms',
      target: '< 100',
      pass: Math.max(...filters) < 100,
    });
    figures.push({
      name: 'board page: filtering by words (median)',
      value: median(searches),
      unit: 'ms',
      target: '< 100',
      pass: Math.max(...searches) < 100,
    });
  }
  server.close();
  await handle.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(figures));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
