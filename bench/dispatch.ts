/**
 * Outbox throughput with real processes: N due notifications, W dispatcher processes (each its own
 * database client, claimer id and rate limiter) against the fake Bot API enforcing Telegram's
 * limits (30/s overall, 1/s per chat, 20/min per group) and failing sends at random, seeded
 * (BENCH_429=2% Too Many Requests with retry_after 1 s, BENCH_5XX=1% 500/502). Prints the delivery
 * rate as a share of the configured SEND_RATE_PER_SEC (all processes together; target ≥ 95%) from
 * the dispatchers' start (the processes start dispatching together once each has built its
 * dispatcher; the same from the spawn, start-up included, is printed beside it), the
 * per-chat / group limit violations (the fake's own 429s, target 0), duplicates (target 0) and the
 * delay from due time to delivery.
 *
 *   npx tsx bench/dispatch.ts                                  # SQLite file, 2 processes
 *   BENCH_DATABASE_URL=postgresql://…/empty_db npx tsx bench/dispatch.ts
 *   BENCH_N=2000 BENCH_WORKERS=3 BENCH_RATE=9 npx tsx bench/dispatch.ts
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { Telegram } from 'telegraf';
import type { Figure } from './figure.js';
import { loadLine } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');

async function worker() {
  const { loadConfig } = await import('../src/config.js');
  const { createDb } = await import('../src/db/client.js');
  const { createRepos } = await import('../src/db/repos/index.js');
  const { createI18n } = await import('../src/i18n/index.js');
  const { createLogger } = await import('../src/logger.js');
  const { createJobs } = await import('../src/jobs/index.js');
  const { createSendLimiter } = await import('../src/jobs/shared-rate-limiter.js');
  const { createTelegramSender } = await import('../src/jobs/sender.js');
  const config = loadConfig();
  const handle = await createDb(config.databaseUrl);
  const repos = createRepos(handle.db, handle.provider);
  const now = () => DateTime.now().setZone(config.timezone);
  const telegram = new Telegram(config.botToken, { apiRoot: config.telegramApiRoot });
  // As the app does at start-up (getMe before it dispatches), with the Telegram client it sends with.
  await telegram.getMe();
  const jobs = createJobs(
    {
      config,
      repos,
      i18n: createI18n('vi'),
      logger: createLogger(config.logLevel, process.stderr),
      instanceId: `bench-${process.pid}-${randomUUID()}`,
      sender: createTelegramSender(telegram),
      limiter: createSendLimiter({
        provider: handle.provider,
        globalPerSec: config.sendRatePerSec,
        repo: repos.sharedLimits,
      }),
    },
    now,
  );
  // The dispatcher exists: say so, and start when the bench says go (every process is then up).
  process.stdout.write('ready\n');
  await new Promise((res) => process.stdin.once('data', res));
  process.stdin.pause();
  const totals = { sent: 0, rateLimited: 0, retried: 0 };
  for (let idle = 0; idle < 3;) {
    const r = await jobs.dispatch(undefined, { batchSize: 20, backoffMs: 1000 });
    totals.sent += r.sent;
    totals.rateLimited += r.rateLimited;
    totals.retried += r.retried;
    if (r.claimed === 0) {
      idle = (await repos.notifications.depth(new Date(Date.now() + 60_000))) === 0 ? idle + 1 : 0;
      await new Promise((res) => setTimeout(res, 200));
    }
  }
  await jobs.stop();
  await handle.close();
  process.stdout.write(`${JSON.stringify(totals)}\n`);
}

async function main() {
  const { startFakeTelegram } = await import('../test/support/fake-telegram/index.js');
  const { applyMigrations } = await import('../src/db/migrate.js');
  const { createDb } = await import('../src/db/client.js');
  const { createRepos } = await import('../src/db/repos/index.js');
  const N = Number(process.env.BENCH_N ?? 1000);
  const W = Number(process.env.BENCH_WORKERS ?? 2);

  const chats = Number(process.env.BENCH_CHATS ?? 400);
  const groups = Number(process.env.BENCH_GROUPS ?? 5);
  const url =
    process.env.BENCH_DATABASE_URL ??
    `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-')), 'bench.db')}`;
  // PostgreSQL: the processes share one limit (SendPace); SQLite: each process keeps its own.
  const shared = url.startsWith('postgres');
  const rate = Number(process.env.BENCH_RATE ?? (shared ? 28 : Math.floor(28 / W)));
  // SEND_RATE_PER_SEC of all the processes together: each its own on SQLite, one shared on PostgreSQL.
  const configured = shared ? rate : rate * W;
  const p429 = Number(process.env.BENCH_429 ?? 0.02);
  const p5xx = Number(process.env.BENCH_5XX ?? 0.01);
  await applyMigrations(url);
  const fake = await startFakeTelegram({
    limits: { globalPerSec: 30, perChatPerSec: 1, groupPerMin: 20 },
    random: { rate429: p429, rate5xx: p5xx, seed: 15, retryAfter: 1, methods: ['sendMessage'] },
    maxRecordedCalls: N * 3,
  });
  const handle = await createDb(url);
  const repos = createRepos(handle.db, handle.provider);
  await handle.db.notification.deleteMany({ where: { kind: 'bench' } });
  const due = new Date();
  const items = Array.from({ length: N }, (_, i) => {
    // Mostly private chats; every 50th message to one of a few groups, in turn.
    const chatId = i % 50 === 0 ? BigInt(-1_000_000_000 - ((i / 50) % groups)) : BigInt(8_000_000_000 + (i % chats));
    return {
      chatId,
      userId: null,
      kind: 'bench',
      dedupeKey: `bench:${randomUUID()}:${i}`,
      payload: { parts: [`Bench <b>${i}</b> [m${i}]`], locale: 'vi' },
      dueAt: due,
    };
  });
  for (let i = 0; i < items.length; i += 500) await repos.notifications.enqueue(items.slice(i, i + 500));
  console.log(
    `dispatch bench: ${N} notifications (${chats} private chats, ${groups} groups), ${W} processes, SEND_RATE_PER_SEC=${rate}${shared ? ' shared' : ' each'} (${configured}/s in all), ${handle.provider}`,
  );
  console.log(
    `  injected at random (seeded) into sendMessage: ${(p429 * 100).toFixed(1)}% 429 (retry_after 1 s), ${(p5xx * 100).toFixed(1)}% 5xx; ${loadLine()}`,
  );

  const started = Date.now();
  // Each process says "ready" once its dispatcher is built (modules loaded, database connected);
  // all start dispatching together when the last is ready. The rate is measured from then (the
  // processes' start-up is not dispatching) and, as before, from the spawn.
  let ready = 0;
  let go!: () => void;
  const allReady = new Promise<void>((res) => (go = res));
  let dispatchStart = started;
  const outputs = await Promise.all(
    Array.from({ length: W }, () => {
      const child = spawn(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        [path.join(ROOT, 'bench/dispatch.ts'), '--worker'],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            BOT_TOKEN: fake.token,
            TELEGRAM_API_ROOT: fake.apiRoot,
            DATABASE_URL: url,
            SEND_RATE_PER_SEC: String(rate),
            WORKING_HOURS: 'always',
            LOG_LEVEL: 'error',
          },
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      );
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        if (!out.startsWith('ready\n')) return;
        out = out.slice('ready\n'.length);
        if (++ready === W) {
          dispatchStart = Date.now();
          go();
        }
      });
      void allReady.then(() => child.stdin.end('go\n'));
      return new Promise<string>((resolve) => child.on('exit', () => resolve(out.trim())));
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const marker = (c: { params: Record<string, unknown> }) => /\[m(\d+)\]/.exec(String(c.params.text))?.[1];
  const ok = fake.callsTo('sendMessage').filter((c) => c.status === 200);
  const markers = ok.map(marker);
  // BENCH_TRACE=file.json: every sendMessage call (time, status, chat, message number), to see where time goes.
  if (process.env.BENCH_TRACE) {
    const calls = fake
      .callsTo('sendMessage')
      .map((c) => ({ at: c.at, s: c.status, chat: c.params.chat_id, m: marker(c) }));
    fs.writeFileSync(process.env.BENCH_TRACE, JSON.stringify({ started: dispatchStart, calls }));
  }
  const duplicates = ok.length - new Set(markers).size;
  const lags = ok.map((c) => c.at - due.getTime()).sort((a, b) => a - b);
  const pct = (p: number) => (lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))]! / 1000).toFixed(1);
  // The delivery rate over the sending itself: from the dispatchers' start to the last delivery
  // (the processes then idle a moment to be sure the outbox is empty; that tail is not sending time).
  const lastAt = ok.length ? Math.max(...ok.map((c) => c.at)) : Date.now();
  const sending = (lastAt - dispatchStart) / 1000;
  const rateAchieved = ok.length / sending;
  const share = rateAchieved / configured;
  // The same from the spawn, the processes' start-up (node, tsx, modules, connecting) included.
  const withStartup = ok.length / ((lastAt - started) / 1000);
  const violations = fake.stats.rateLimited;
  const rows = await handle.db.notification.groupBy({
    by: ['state'],
    where: { kind: 'bench' },
    _count: { _all: true },
  });
  console.log(
    `  delivered ${ok.length}/${N} (distinct ${new Set(markers).size}, duplicates ${duplicates}) in ${sending.toFixed(1)} s from the dispatchers' start → ${rateAchieved.toFixed(1)} msg/s = ${(share * 100).toFixed(1)}% of SEND_RATE_PER_SEC ${configured}/s (target ≥ 95%)`,
  );
  console.log(
    `  from the spawn (the processes' start-up, ${((dispatchStart - started) / 1000).toFixed(1)} s, included): ${withStartup.toFixed(1)} msg/s = ${((withStartup / configured) * 100).toFixed(1)}% of SEND_RATE_PER_SEC`,
  );
  // Without the dispatchers' first pass either: from the first delivery to the last.
  const first = ok.length ? Math.min(...ok.map((c) => c.at)) : dispatchStart;
  const steady = ok.length > 1 ? (ok.length - 1) / ((lastAt - first) / 1000) : 0;
  console.log(
    `  from the first delivery (${((first - dispatchStart) / 1000).toFixed(2)} s after the dispatchers' start) to the last: ${steady.toFixed(1)} msg/s = ${((steady / configured) * 100).toFixed(1)}% of SEND_RATE_PER_SEC`,
  );
  const calls = fake.callsTo('sendMessage').length;
  console.log(
    `  sendMessage calls ${calls}, ${calls - ok.length} of them failed: delivered at most ${((ok.length / calls) * 100).toFixed(1)}% of the calls SEND_RATE_PER_SEC paces`,
  );
  console.log(`  injected: ${fake.stats.random429} × 429, ${fake.stats.random5xx} × 5xx`);
  console.log(
    `  limit violations (the fake's own 429s): ${violations} (per chat ${fake.stats.rateLimitedPerChat}, group ${fake.stats.rateLimitedGroup}, global ${fake.stats.rateLimitedGlobal}) (target 0)`,
  );
  console.log(
    `  delay from due to delivery: p50 ${pct(50)} s, p95 ${pct(95)} s, max ${pct(100)} s; all processes done after ${seconds.toFixed(1)} s`,
  );
  console.log(`  outbox states: ${rows.map((r) => `${r.state} ${r._count._all}`).join(', ')}`);
  console.log(`  workers: ${outputs.join(' | ')}`);
  const figures: Figure[] = [
    {
      name: 'messages delivered',
      value: ok.length,
      unit: `of ${N}`,
      target: 'all',
      pass: ok.length === N && new Set(markers).size === N,
    },
    {
      name: `delivery rate as a share of SEND_RATE_PER_SEC (${configured}/s), with ${(p429 * 100).toFixed(0)}% 429 and ${(p5xx * 100).toFixed(0)}% 5xx injected`,
      value: Number((share * 100).toFixed(1)),
      unit: '%',
      target: '≥ 95',
      pass: share >= 0.95,
    },
    {
      name: "the same from the spawn (the processes' start-up included)",
      value: Number(((withStartup / configured) * 100).toFixed(1)),
      unit: '%',
    },
    {
      name: 'per-chat, group and global limit violations (429 from the fake)',
      value: violations,
      unit: '',
      target: '0',
      pass: violations === 0,
    },
    { name: 'duplicates', value: duplicates, unit: '', target: '0', pass: duplicates === 0 },
    { name: 'delay from due to delivery, p95', value: Number(pct(95)), unit: 's' },
  ];
  if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(figures));
  await handle.db.notification.deleteMany({ where: { kind: 'bench' } });
  await handle.close();
  await fake.close();
}

(process.argv.includes('--worker') ? worker() : main()).then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
