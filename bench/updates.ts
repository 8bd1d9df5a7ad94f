/**
 * Update throughput and handler latency of the real bot (createApp, as `npm start` builds it)
 * polling the fake Bot API on 127.0.0.1, driven by simulated focal points who each register
 * letters of congratulation (the 8-question LETTER form: /new, type, 8 answers, submit = 11
 * updates per form), beside two bots on the same harness in the same run: a bare telegraf echo bot,
 * and the peer (bench/updates-peer.ts): the same registration written the conventional way, a
 * telegraf WizardScene with telegraf's session middleware on a SQLite store.
 *
 *   saturation: BENCH_USERS focal points, each sending its next update as soon as the previous one
 *               is handled → updates/s (targets ≥ 1,000 on SQLite, ≥ 600 on PostgreSQL; as a ratio
 *               of the peer's, goal ≥ 1.0; and of the echo bot's)
 *   load:       BENCH_LOAD_USERS focal points who think ~1 s between answers (≈ 300 updates/s
 *               offered) → handler latency p50/p99 (target p99 ≤ 50 ms on both)
 *   statements: SQL statements per form step at saturation (≤ 3 on SQLite, ≤ 4 on PostgreSQL), counted
 *               in a saturation run of their own after the timed ones (the drivers are patched to
 *               count them only then: the counting costs CPU, ~2 % of Liaison's form step)
 *
 * Honest figures on a shared machine: every bot is started and warmed up first (BENCH_WARMUP_SECONDS
 * of saturation, not measured), then BENCH_RUNS rounds in which each bot has one saturation run of
 * BENCH_SECONDS / BENCH_RUNS in turn (the order turning each round), so that the bots compared are
 * measured within seconds of each other, not minutes apart on a machine whose speed drifts; rates
 * are the median of the runs with min and max, the ratio to the peer the median of the rounds'
 * ratios. Each app's load phase runs afterwards on an instance of its own, alone in the process
 * as in production; its p99 is the median over as many consecutive windows. The load average, the
 * event loop's utilisation and the CPU per update are printed.
 *
 * Handler latency is the time telegraf's handleUpdate takes for one update (the same span the app's
 * liaison_update_seconds histogram observes, here exact instead of bucketed); "end to end" adds the
 * wait in the fake's queue and the long poll, from the push to the end of the handler.
 *
 *   npx tsx bench/updates.ts                       # SQLite; then PostgreSQL when reachable
 *   BENCH_PG=off npx tsx bench/updates.ts          # SQLite only
 *   BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/test  (default: TEST_DATABASE_URL, then that)
 *   BENCH_SECONDS=15 BENCH_USERS=100 BENCH_LOAD_USERS=300 BENCH_RUNS=3 BENCH_WARMUP_SECONDS=3
 *   BENCH_REFS=off                                 # skip the echo bot and the peer (to profile Liaison alone)
 *   BENCH_LIAISON=off BENCH_REFS=peer              # the peer alone (to profile it)
 *   BENCH_CPU_PROFILE=/tmp/prof                    # a .cpuprofile of each bot's saturation runs (only)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { Telegraf } from 'telegraf';
import { createPeerBot } from './updates-peer.js';
import { loadLine, median } from './stats.js';
import type { Update } from 'telegraf/types';
import type { App } from '../src/app.js';
import { throwawayPgDatabase } from './pg-database.js';
import { importBuilt } from '../test/support/build.js';
import { startFakeTelegram, type FakeTelegram, type SimUser } from '../test/support/fake-telegram/index.js';
import type { Figure } from './figure.js';
import { onSqlStatement } from '../test/support/sql-statements.js';

// Liaison as `npm start` runs it: the compiled JavaScript of dist/ (built first if stale), not src/
// through tsx, whose transform wraps every function made in a keep-names helper (≈ 3 % of the CPU
// of a form step here).
const { createApp } = await importBuilt<typeof import('../src/app.js')>('src/app.js');
const { loadConfig } = await importBuilt<typeof import('../src/config.js')>('src/config.js');
const { applyMigrations } = await importBuilt<typeof import('../src/db/migrate.js')>('src/db/migrate.js');
const { createLogger } = await importBuilt<typeof import('../src/logger.js')>('src/logger.js');

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const USERS = Number(process.env.BENCH_USERS ?? 100);
const LOAD_USERS = Number(process.env.BENCH_LOAD_USERS ?? 300);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const TARGETS = {
  sqlite: { rate: 1000, statements: 3 },
  postgresql: { rate: 600, statements: 4 },
} as const;
const P99_TARGET = 50;
/** The fake keeps what the driver looks at (the last messages and keyboards), not the whole run. */
const FAKE_OPTIONS = { maxRecordedCalls: 2000, retain: { messagesPerChat: 40, updates: 5000 } };
const ZONE = 'Asia/Ho_Chi_Minh';
const NOW = DateTime.fromISO('2025-04-10T09:00:00', { zone: ZONE });

type Step = { act: (u: SimUser) => { update_id: number }; expect: string };

/** The LETTER form, as test/bot/register-walk.test.ts walks it; `expect` is in the bot's answer. */
const LETTER: Step[] = [
  { act: (u) => u.command('new'), expect: 'Chọn loại hoạt động' },
  { act: (u) => u.pressButton('Thư chúc mừng'), expect: 'Nội dung hoạt động (1/8)' },
  { act: (u) => u.send('Thư chúc mừng Quốc khánh nước CHDCND Lào'), expect: 'Dịp gửi thư (2/8)' },
  { act: (u) => u.pressButton('Quốc khánh'), expect: 'Quốc gia nhận thư (3/8)' },
  { act: (u) => u.pressButton('Lào'), expect: 'Người ký gửi thư (4/8)' },
  { act: (u) => u.send('Chủ tịch UBND tỉnh'), expect: 'Người nhận thư (5/8)' },
  { act: (u) => u.send('Tỉnh trưởng tỉnh Phongsaly'), expect: 'Hạn gửi thư (6/8)' },
  { act: (u) => u.send('trước 25/11/2025'), expect: 'Ngày đã gửi thư (7/8)' },
  { act: (u) => u.command('skip'), expect: 'Ghi chú (8/8)' },
  { act: (u) => u.command('skip'), expect: 'Xin kiểm tra lại' },
  { act: (u) => u.pressButton(/^✅/), expect: 'Số hiệu' },
];

/** The echo bot gets as many plain messages per "form", and must echo each. */
const ECHO: Step[] = LETTER.map((_, i) => ({
  act: (u) => u.send(`tin nhắn số ${i + 1}`),
  expect: `tin nhắn số ${i + 1}`,
}));

/** Seconds of the saturation run in which SQL statements are counted. */
const COUNT_SECONDS = Number(process.env.BENCH_COUNT_SECONDS ?? 2);

interface Timing {
  handlerMs: number;
  e2eMs: number;
  /** performance.now() when handled. */
  at: number;
}

/** Wraps the bot's handleUpdate (what telegraf's polling loop calls) to time every update. */
function instrument(bot: { handleUpdate(u: Update, res?: never): Promise<void> }) {
  const waiting = new Map<number, { pushedAt: number; resolve: (t: Timing) => void }>();
  const original = bot.handleUpdate.bind(bot);
  bot.handleUpdate = async (update: Update, res?: never) => {
    const started = performance.now();
    try {
      return await original(update, res);
    } finally {
      const ended = performance.now();
      const w = waiting.get(update.update_id);
      if (w) {
        waiting.delete(update.update_id);
        w.resolve({ handlerMs: ended - started, e2eMs: ended - w.pushedAt, at: ended });
      }
    }
  };
  return {
    /** Call right after pushing the update (synchronously: the bot cannot have it yet). */
    handled(updateId: number, pushedAt: number): Promise<Timing> {
      return new Promise((resolve) => waiting.set(updateId, { pushedAt, resolve }));
    },
  };
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

interface PhaseResult {
  updates: number;
  forms: number;
  seconds: number;
  rate: number;
  handlerP50: number;
  handlerP99: number;
  e2eP50: number;
  e2eP99: number;
  /** Handler p99 in each of RUNS consecutive windows of the phase. */
  windowP99: number[];
  /** CPU time of the whole process (bot, fake Bot API, drivers) per update handled, ms. */
  cpuPerUpdate: number;
  /** Share of the phase the event loop was busy (performance.eventLoopUtilization). */
  busy: number;
  /** Bot API calls the bot made per update handled, getUpdates aside. */
  callsPerUpdate: number;
  errors: string[];
  /** People whose run stopped on an error (possibly mid-form). */
  stuck: SimUser[];
}

/**
 * `users` simulated people walk `steps` in a loop until `seconds` have passed (each finishes the
 * form it is on, or with `stopMidForm` the step), waiting for the bot to handle each update, then
 * `think()` ms, before the next.
 */
async function drive(
  fake: FakeTelegram,
  timer: ReturnType<typeof instrument>,
  users: SimUser[],
  steps: Step[],
  seconds: number,
  think: () => number,
  opts: { stopMidForm?: boolean } = {},
): Promise<PhaseResult> {
  const timings: Timing[] = [];
  const errors: string[] = [];
  const stuck: SimUser[] = [];
  let forms = 0;
  const calls = fake.stats.calls - fake.stats.pollCalls;
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  await Promise.all(
    users.map(async (u, i) => {
      // Spread the first updates over the first think time, as people do not all start at once.
      const first = think();
      if (first > 0) await sleep((first * i) / users.length);
      for (;;) {
        for (const step of steps) {
          if (performance.now() > deadline && (opts.stopMidForm || step === steps[0])) return;
          const pushedAt = performance.now();
          let update;
          try {
            update = step.act(u);
          } catch (err) {
            errors.push(`user ${u.id}: ${(err as Error).message.split('\n')[0]}`);
            stuck.push(u);
            return;
          }
          let timeout: NodeJS.Timeout | undefined;
          const t = await Promise.race([
            timer.handled(update.update_id, pushedAt),
            new Promise<null>((r) => (timeout = setTimeout(() => r(null), 30_000))),
          ]);
          clearTimeout(timeout);
          if (!t) {
            errors.push(`user ${u.id}: update ${update.update_id} not handled in 30 s`);
            stuck.push(u);
            return;
          }
          timings.push(t);
          const text = fake.lastSent(u.id)?.text ?? '';
          if (!text.includes(step.expect)) {
            errors.push(`user ${u.id}: expected "${step.expect}", got "${text.slice(0, 80)}"`);
            stuck.push(u);
            return;
          }
          const pause = think();
          if (pause > 0) await sleep(pause);
        }
        forms++;
      }
    }),
  );
  const seconds_ = (performance.now() - started) / 1000;
  const cpuUsed = process.cpuUsage(cpu);
  const busy = performance.eventLoopUtilization(elu).utilization;
  const handler = timings.map((t) => t.handlerMs);
  const span = (seconds_ * 1000) / RUNS;
  const windowP99 = Array.from({ length: RUNS }, (_, i) =>
    pct(
      timings.filter((t) => Math.min(RUNS - 1, Math.floor((t.at - started) / span)) === i).map((t) => t.handlerMs),
      99,
    ),
  );
  const e2e = timings.map((t) => t.e2eMs);
  return {
    updates: timings.length,
    forms,
    seconds: seconds_,
    rate: timings.length / seconds_,
    handlerP50: pct(handler, 50),
    handlerP99: pct(handler, 99),
    e2eP50: pct(e2e, 50),
    e2eP99: pct(e2e, 99),
    windowP99,
    cpuPerUpdate: (cpuUsed.user + cpuUsed.system) / 1000 / Math.max(1, timings.length),
    busy,
    callsPerUpdate: (fake.stats.calls - fake.stats.pollCalls - calls) / Math.max(1, timings.length),
    errors,
    stuck,
  };
}

/**
 * One saturation run of `seconds` (people finish the form they are on). Someone whose run stopped
 * on an error (counted in that run) sends /cancel after it, so one failure is not counted again in
 * every later run.
 */
async function saturationRun(c: Contender, seconds: number): Promise<PhaseResult> {
  const profiler = await startProfile();
  const r = await drive(c.fake, c.timer, c.users, c.steps, seconds, () => 0);
  await profiler?.save(`${c.label}-${c.runs.length + 1}`);
  await Promise.all(
    r.stuck.map((u) =>
      Promise.race([
        c.timer.handled(u.command('cancel').update_id, performance.now()),
        new Promise((res) => setTimeout(res, 30_000).unref()),
      ]),
    ),
  );
  return r;
}

/**
 * With BENCH_CPU_PROFILE=dir, the V8 CPU profile of what follows (the whole process: bot, fake
 * Bot API and driver), saved as dir/<name>.cpuprofile; otherwise nothing.
 */
async function startProfile() {
  const dir = process.env.BENCH_CPU_PROFILE;
  if (!dir) return undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async save(name: string) {
      const { profile } = await session.post('Profiler.stop');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

/**
 * SQL statements (better-sqlite3 runs, pg queries) per update in a saturation run of COUNT_SECONDS
 * (not one of the timed runs: counting patches the drivers). Any other bot's are counted too, but
 * none runs meanwhile.
 */
async function countStatements(c: Contender): Promise<void> {
  let statements = 0;
  const stop = onSqlStatement(() => statements++);
  try {
    c.counted = await saturationRun(c, COUNT_SECONDS);
    c.statements = statements / Math.max(1, c.counted.updates);
  } finally {
    stop();
  }
}

/** Median, min and max of the runs' rates. */
const rates = (rs: PhaseResult[]) => ({
  median: median(rs.map((r) => r.rate)),
  min: Math.min(...rs.map((r) => r.rate)),
  max: Math.max(...rs.map((r) => r.rate)),
});
const rateText = (rs: PhaseResult[]) => {
  const r = rates(rs);
  return `${r.median.toFixed(0)} updates/s (median of ${rs.length} runs; min ${r.min.toFixed(0)}, max ${r.max.toFixed(0)})`;
};
const errorsOf = (rs: (PhaseResult | undefined)[]) => rs.flatMap((r) => r?.errors ?? []);
const updatesOf = (rs: PhaseResult[]) => rs.reduce((n, r) => n + r.updates, 0);
/** Bot API calls per update over the runs (getUpdates aside). */
const callsOf = (rs: PhaseResult[]) =>
  rs.reduce((n, r) => n + r.callsPerUpdate * r.updates, 0) / Math.max(1, updatesOf(rs));
/** CPU per update over the runs (the whole process: bot, fake Bot API, driver). */
const cpuOf = (rs: PhaseResult[]) =>
  rs.reduce((n, r) => n + r.cpuPerUpdate * r.updates, 0) / Math.max(1, updatesOf(rs));

const fmt = (r: PhaseResult) =>
  `${r.updates} updates in ${r.seconds.toFixed(1)} s → ${r.rate.toFixed(0)} updates/s; handler p50 ${r.handlerP50.toFixed(1)} ms, p99 ${r.handlerP99.toFixed(1)} ms; end to end p50 ${r.e2eP50.toFixed(1)} ms, p99 ${r.e2eP99.toFixed(1)} ms` +
  `; CPU ${r.cpuPerUpdate.toFixed(2)} ms per update, event loop busy ${(r.busy * 100).toFixed(0)}%; ${r.callsPerUpdate.toFixed(2)} Bot API calls per update` +
  (r.forms ? `; ${r.forms} forms submitted` : '') +
  (r.errors.length ? `; ${r.errors.length} ERRORS, first: ${r.errors[0]}` : '');

/** A bot under measurement, started, its fake and its people ready; its saturation runs so far. */
interface Contender {
  label: string;
  fake: FakeTelegram;
  timer: ReturnType<typeof instrument>;
  users: SimUser[];
  steps: Step[];
  runs: PhaseResult[];
  /** SQL statements per update (countStatements), once counted. */
  statements: number;
  /** The run in which they were counted (its errors count). */
  counted?: PhaseResult;
  stop(): Promise<void>;
}

/** Drives `users` through `steps` for WARMUP_SECONDS, not measured (JIT, caches, prepared statements). */
async function warmUp(c: Omit<Contender, 'runs' | 'statements' | 'stop'>) {
  const w = await drive(c.fake, c.timer, c.users, c.steps, WARMUP_SECONDS, () => 0);
  if (w.errors.length) throw new Error(`${c.label}: warm-up failed: ${w.errors[0]}`);
}

/** What the bench needs of a telegraf bot, whatever its context type. */
type Launchable = Pick<Telegraf, 'launch' | 'stop'> & Parameters<typeof instrument>[0];

/**
 * A telegraf bot (`build` makes it on its fake, with the people who will drive it), launched on
 * polling and warmed up.
 */
async function startTelegraf<Extra>(
  label: string,
  steps: Step[],
  build: (fake: FakeTelegram) => { bot: Launchable; users: SimUser[]; close?: () => void; extra: Extra },
): Promise<Contender & Extra> {
  const fake = await startFakeTelegram(FAKE_OPTIONS);
  const { bot, users, close, extra } = build(fake);
  const timer = instrument(bot);
  const running = bot.launch().catch((e: unknown) => e);
  await fake.waitFor({ method: 'deleteWebhook' }, 10_000);
  const c = { label, fake, timer, users, steps };
  await warmUp(c);
  return {
    ...c,
    ...extra,
    runs: [],
    statements: 0,
    async stop() {
      bot.stop('bench');
      await running;
      close?.();
      await fake.close();
    },
  };
}

/** A bare telegraf bot that echoes every message, polling the same kind of fake. */
const startEcho = (users: number) =>
  startTelegraf('echo bot', ECHO, (fake) => {
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
    bot.on('message', (ctx) => ctx.reply('text' in ctx.message ? ctx.message.text : 'ok'));
    const sims = Array.from({ length: users }, (_, i) => fake.user(7_000_000_000 + i, { firstName: 'Echo' }));
    return { bot, users: sims, extra: {} };
  });

/** The peer: the same LETTER steps as a telegraf WizardScene with session on SQLite. */
const startPeer = (users: number, dir: string) =>
  startTelegraf('peer', LETTER, (fake) => {
    const peer = createPeerBot(fake.token, fake.apiRoot, path.join(dir, 'peer.db'));
    const sims = Array.from({ length: users }, (_, i) => {
      peer.addFocalPoint(6_500_000_000 + i, 1 + (i % 50));
      return fake.user(6_500_000_000 + i, { firstName: 'Đầu mối', languageCode: 'vi' });
    });
    return {
      bot: peer.bot,
      users: sims,
      close: peer.close,
      extra: { letters: peer.letters },
    };
  });

/**
 * Who an app instance serves: its agencies' codes, the first Telegram id of the people who
 * saturate it (and warm it up), how many people of the load phase it has, and its fake's first
 * update id.
 */
const SATURATION = { agencyPrefix: 'BENCH', firstId: 6_100_000_000, loadUsers: 0, firstUpdateId: 100_000 };
const LOAD = { agencyPrefix: 'LOAD', firstId: 6_300_000_000, loadUsers: LOAD_USERS, firstUpdateId: 100_000_000 };

async function startApp(
  label: 'sqlite' | 'postgresql',
  url: string,
  who: typeof SATURATION,
): Promise<Contender & { label: 'sqlite' | 'postgresql'; url: string; app: App; loadUsers: SimUser[] }> {
  // The load instance's updates come after those the saturation instance handled on this database.
  const fake = await startFakeTelegram({ ...FAKE_OPTIONS, firstUpdateId: who.firstUpdateId });
  const config = loadConfig({
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    RATE_LIMIT: 'off',
  });
  const app: App = await createApp(config, { logger: createLogger('silent'), now: () => NOW, scheduler: false });
  const timer = instrument(app.bot);
  await app.start();
  await app.jobs.idle();
  const { repos } = app;
  // Focal points of 50 agencies; each person registers letters of their own agency.
  const agencies: { id: number }[] = [];
  for (let i = 0; i < 50; i++)
    agencies.push(await repos.agencies.create({ code: `${who.agencyPrefix}${i}`, nameVi: `Sở thử nghiệm số ${i}` }));
  const makeUsers = async (base: number, n: number) => {
    const out: SimUser[] = [];
    for (let i = 0; i < n; i++) {
      await repos.users.upsertWithRole(
        { telegramId: BigInt(base + i), displayName: 'Đầu mối' },
        'FOCAL',
        agencies[i % agencies.length]!.id,
      );
      out.push(fake.user(base + i, { firstName: 'Đầu mối', languageCode: 'vi' }));
    }
    return out;
  };
  const users = await makeUsers(who.firstId, USERS);
  const loadUsers = await makeUsers(who.firstId + 100_000, who.loadUsers);
  const c = { label, fake, timer, users, steps: LETTER };
  await warmUp(c);
  return {
    ...c,
    url,
    app,
    loadUsers,
    runs: [],
    statements: 0,
    async stop() {
      await app.stop('bench');
      await fake.close();
    },
  };
}

/** The load phase: people who think ~THINK_MS between answers (they may stop mid-form: not reused). */
const loadPhase = (c: Contender & { loadUsers: SimUser[] }) =>
  drive(c.fake, c.timer, c.loadUsers, LETTER, SECONDS, () => THINK_MS * (0.5 + Math.random()), {
    stopMidForm: true,
  });

export type { Figure } from './figure.js';

const pgUrl = () => throwawayPgDatabase('liaison_bench');

export async function benchUpdates(): Promise<Figure[]> {
  const figures: Figure[] = [];
  const runSeconds = SECONDS / RUNS;
  console.log(
    `updates bench: LETTER form (11 updates), saturation ${USERS} users, each bot warmed up for ${WARMUP_SECONDS} s, then ${RUNS} rounds of one ${runSeconds.toFixed(1)} s run per bot (in turn, so the bots are compared over the same minutes); load ${LOAD_USERS} users thinking ${THINK_MS} ms ± 50% for ${SECONDS} s on an instance of its own; fake Bot API and bot in one process on 127.0.0.1`,
  );
  console.log(
    `  ${loadLine()}; node flags: ${process.execArgv.filter((a) => /^--(max|wasm|heap)/.test(a)).join(' ') || 'none'}; malloc: ${
      Object.entries(process.env)
        .filter(([k]) => k.startsWith('MALLOC_'))
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || 'default'
    }`,
  );
  const refs = process.env.BENCH_REFS !== 'off';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  const cleanups: (() => Promise<void>)[] = [];
  try {
    const echo = refs && process.env.BENCH_REFS !== 'peer' ? await startEcho(USERS) : undefined;
    const peer = refs ? await startPeer(USERS, dir) : undefined;
    // BENCH_LIAISON=off: the echo bot and the peer alone (to profile the peer).
    const liaison = process.env.BENCH_LIAISON !== 'off';
    const databases: { label: 'sqlite' | 'postgresql'; url: string }[] = liaison
      ? [{ label: 'sqlite', url: `file:${path.join(dir, 'bench.db')}` }]
      : [];
    const pgDb = liaison ? await pgUrl() : undefined;
    if (pgDb) {
      databases.push({ label: 'postgresql', url: pgDb.url });
      cleanups.push(pgDb.drop);
    } else console.log('  PostgreSQL: not reachable (or BENCH_PG=off); skipped');
    const apps = [];
    for (const d of databases) {
      await applyMigrations(d.url);
      apps.push(await startApp(d.label, d.url, SATURATION));
    }
    const contenders: Contender[] = [...(echo ? [echo] : []), ...(peer ? [peer] : []), ...apps];
    for (const c of contenders) c.stop = once(c.stop);
    cleanups.unshift(...contenders.map((c) => () => c.stop()));

    // Rounds: each bot one run in turn, the order turning each round.
    for (let round = 0; round < RUNS; round++)
      for (let k = 0; k < contenders.length; k++) {
        const c = contenders[(round + k) % contenders.length]!;
        c.runs.push(await saturationRun(c, runSeconds));
      }
    for (const c of contenders) if (c !== echo) await countStatements(c);

    if (echo) {
      console.log(
        `  echo bot (bare telegraf), ${USERS} users: ${rateText(echo.runs)}; ${fmt(echo.runs[echo.runs.length >> 1]!)}`,
      );
      figures.push(
        {
          name: 'echo bot: updates/s (reference, median)',
          value: Math.round(rates(echo.runs).median),
          unit: 'updates/s',
        },
        { name: 'echo bot: Bot API calls per update', value: round2(callsOf(echo.runs)), unit: '' },
      );
    }
    if (peer) {
      const errors = errorsOf([...peer.runs, peer.counted]);
      console.log(
        `  peer (telegraf WizardScene + session on SQLite), ${USERS} users: ${rateText(peer.runs)}; handler p99 ${median(peer.runs.map((r) => r.handlerP99)).toFixed(1)} ms; CPU ${cpuOf(peer.runs).toFixed(2)} ms per update; ${callsOf(peer.runs).toFixed(2)} Bot API calls per update; ${peer.statements.toFixed(1)} SQL statements per update; ${peer.letters()} letters stored${errors.length ? `; ${errors.length} ERRORS, first: ${errors[0]}` : ''}`,
      );
      figures.push(
        {
          name: 'peer (WizardScene + session on SQLite): updates/s (reference, median)',
          value: Math.round(rates(peer.runs).median),
          unit: 'updates/s',
        },
        { name: 'peer: Bot API calls per update', value: round2(callsOf(peer.runs)), unit: '' },
        { name: 'peer: CPU per update (bot, fake Bot API and driver)', value: round2(cpuOf(peer.runs)), unit: 'ms' },
      );
    } else console.log('  echo bot and peer: skipped (BENCH_REFS=off)');
    // The load phases measure latency with nothing else in the process: every bot of the rounds stops.
    for (const c of contenders) await c.stop();

    for (const a of apps) {
      const target = TARGETS[a.label];
      const rate = rates(a.runs);
      // The ratio of each round's runs (measured within seconds of each other), median over the rounds.
      const ratios = peer ? a.runs.map((r, i) => r.rate / peer.runs[i]!.rate) : [];
      const ratio = peer ? median(ratios) : NaN;
      const echoShare = echo ? median(a.runs.map((r, i) => r.rate / echo.runs[i]!.rate)) : NaN;
      const statementsPerUpdate = a.statements;
      console.log(`  liaison on ${a.label}, saturation, ${USERS} users: ${rateText(a.runs)} (target ≥ ${target.rate})`);
      for (const [i, run] of a.runs.entries()) console.log(`    run ${i + 1}: ${fmt(run)}`);
      console.log(
        `    = ${ratio.toFixed(2)}× the peer's rate (median of the rounds' ratios ${ratios.map((x) => x.toFixed(2)).join(', ')}; goal ≥ 1.0), ${(echoShare * 100).toFixed(0)}% of the echo bot's`,
      );
      // The load phase on an instance of its own, alone in the process as in production (warmed up
      // by people of its own, then measured).
      const alone = await startApp(a.label, a.url, LOAD);
      alone.stop = once(alone.stop);
      cleanups.unshift(() => alone.stop());
      const load = await loadPhase(alone);
      const loadP99 = median(load.windowP99);
      console.log(`  liaison on ${a.label}, load, ${LOAD_USERS} users: ${fmt(load)}`);
      console.log(
        `    handler p99 per ${(load.seconds / RUNS).toFixed(1)} s window: ${load.windowP99.map((x) => x.toFixed(1)).join(', ')} ms → median ${loadP99.toFixed(1)} ms (target ≤ ${P99_TARGET})`,
      );
      const activities = await alone.app.db.db.activity.count({ where: { type: 'LETTER' } });
      await alone.stop();
      console.log(
        `  letters stored: ${activities}; ${statementsPerUpdate.toFixed(1)} SQL statements per form step (target ≤ ${target.statements})`,
      );
      const errors = errorsOf([...a.runs, a.counted]).length + load.errors.length;
      figures.push(
        {
          name: `${a.label}: updates/s at saturation (${USERS} users, median of ${RUNS}; min ${rate.min.toFixed(0)}, max ${rate.max.toFixed(0)})`,
          value: Math.round(rate.median),
          unit: 'updates/s',
          target: `≥ ${target.rate}`,
          pass: rate.median >= target.rate,
        },
        {
          name: `${a.label}: throughput as a ratio of the peer's (median of ${RUNS} rounds; min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})`,
          value: round2(ratio),
          unit: '×',
          target: '≥ 1.0',
          pass: ratio >= 1,
        },
        { name: `${a.label}: Bot API calls per update`, value: round2(callsOf(a.runs)), unit: '' },
        {
          name: `${a.label}: CPU per update (bot, fake Bot API and driver)`,
          value: round2(cpuOf(a.runs)),
          unit: 'ms',
        },
        { name: `${a.label}: share of the echo bot's rate`, value: Math.round(echoShare * 100), unit: '%' },
        {
          name: `${a.label}: handler p50 at saturation (median run)`,
          value: round1(median(a.runs.map((x) => x.handlerP50))),
          unit: 'ms',
        },
        {
          name: `${a.label}: handler p99 at saturation (median run)`,
          value: round1(median(a.runs.map((x) => x.handlerP99))),
          unit: 'ms',
        },
        {
          name: `${a.label}: updates/s offered load (${LOAD_USERS} users, ~${THINK_MS} ms think)`,
          value: Math.round(load.rate),
          unit: 'updates/s',
        },
        { name: `${a.label}: handler p50 under load`, value: round1(load.handlerP50), unit: 'ms' },
        {
          name: `${a.label}: handler p99 under load (median of ${RUNS} windows; min ${Math.min(...load.windowP99).toFixed(1)}, max ${Math.max(...load.windowP99).toFixed(1)})`,
          value: round1(loadP99),
          unit: 'ms',
          target: `≤ ${P99_TARGET}`,
          pass: loadP99 <= P99_TARGET,
        },
        { name: `${a.label}: end-to-end p99 under load (push → handled)`, value: round1(load.e2eP99), unit: 'ms' },
        {
          name: `${a.label}: SQL statements per form step`,
          value: round1(statementsPerUpdate),
          unit: '',
          target: `≤ ${target.statements}`,
          pass: statementsPerUpdate <= target.statements,
        },
        {
          name: `${a.label}: driver errors (wrong or missing answers)`,
          value: errors,
          unit: '',
          target: '0',
          pass: errors === 0,
        },
      );
    }
    if (peer) {
      const errors = errorsOf([...peer.runs, peer.counted]).length;
      figures.push({
        name: 'peer: driver errors (wrong or missing answers)',
        value: errors,
        unit: '',
        target: '0',
        pass: errors === 0,
      });
    }
  } finally {
    for (const cleanup of cleanups) await cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(`  ${loadLine()}`);
  return figures;
}

/** `stop` runs once, however often it is called (after its phase, and again on the way out). */
function once(stop: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= stop());
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchUpdates();
  if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(figures));
  process.exit(0);
}
