// Start-up and memory of the real process (`npm start` = compiled JavaScript under plain node)
// against the fake Bot API: time from spawn to its first getUpdates beside a bare telegraf bot's
// (bench/bare-bot.mjs: node + telegraf + getMe) measured alternately in the same run, RSS idle, and
// RSS after N updates (/help from many admins).
// Run: npx tsx bench/process.ts [updates=10000]   (BENCH_STARTS=5 start-ups of each after a warm-up)
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeTelegram, type FakeTelegram } from '../test/support/fake-telegram/index.js';
import { ensureBuilt, startScript } from '../test/support/build.js';
import { projectRoot } from '../src/paths.js';
import type { Figure } from './figure.js';
import { loadLine, median, spread } from './stats.js';

const N = Number(process.argv[2] ?? 10_000);
const STARTS = Number(process.env.BENCH_STARTS ?? 5);
const USERS = 200;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}

/**
 * CPU time (user + system, 10 ms ticks) of a child so far: its main thread's and all its threads'
 * (V8 compiles and collects on others). Steadier than wall time on a shared machine.
 */
function cpuMs(pid: number, thread?: number): number {
  const file = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
  const f = fs.readFileSync(file, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / 100;
}

const exited = (child: ChildProcess) => new Promise((r) => (child.exitCode !== null ? r(null) : child.on('exit', r)));

async function firstPoll(fake: FakeTelegram, since: number): Promise<number> {
  for (let i = 0; i < 6000; i++) {
    const c = fake.calls.find((x) => x.method === 'getUpdates' && x.at >= since);
    if (c) return c.at;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error('no getUpdates within 30 s');
}

/** Spawns `command`, returns ms from spawn to its first getUpdates, and the running child. */
async function startUp(fake: FakeTelegram, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const t0 = Date.now();
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const at = await firstPoll(fake, t0);
  return { ms: at - t0, cpu: cpuMs(child.pid!), mainCpu: cpuMs(child.pid!, child.pid), child };
}

export async function benchProcess(n = N) {
  ensureBuilt();
  const load = loadLine();
  const fake = await startFakeTelegram({ maxRecordedCalls: 1000 });
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  const admins = Array.from({ length: USERS }, (_, i) => 8_000_000_000 + i);
  const app = startScript();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    ADMIN_TELEGRAM_IDS: admins.join(','),
    LOG_LEVEL: 'warn',
    RATE_LIMIT: 'off',
  };
  // The app gets the environment `npm start` sets (glibc's malloc settings); the bare bot does not.
  const appEnv = { ...app.env, ...env };
  const bare = { command: process.execPath, args: [path.join(projectRoot, 'bench', 'bare-bot.mjs')], env };
  const appRun = { ...app, env: appEnv };
  const stop = async (child: ChildProcess) => {
    child.kill('SIGTERM');
    await exited(child);
  };

  // Warm-up (and the first-time migration, which start-up does not measure): one start of each.
  for (const p of [appRun, bare]) await stop((await startUp(fake, p.command, p.args, cwd, p.env)).child);
  const appMs: number[] = [];
  const bareMs: number[] = [];
  const appCpu: number[] = [];
  const appMainCpu: number[] = [];
  const bareCpu: number[] = [];
  for (let i = 0; i < STARTS; i++) {
    const b = await startUp(fake, bare.command, bare.args, cwd, env);
    bareMs.push(b.ms);
    bareCpu.push(b.cpu);
    await stop(b.child);
    const a = await startUp(fake, app.command, app.args, cwd, appEnv);
    appMs.push(a.ms);
    appCpu.push(a.cpu);
    appMainCpu.push(a.mainCpu);
    await stop(a.child);
  }

  const { child } = await startUp(fake, app.command, app.args, cwd, appEnv);
  await new Promise((r) => setTimeout(r, 2000));
  const idle = rssMb(child.pid!);
  const started = Date.now();
  const cpuBefore = cpuMs(child.pid!);
  for (let i = 0; i < n; i++) await fake.user(admins[i % USERS]!).command('help');
  await fake.waitForIdle({ timeoutMs: 300_000, quietMs: 500 });
  const seconds = (Date.now() - started) / 1000;
  const after = rssMb(child.pid!);
  const cpuPerUpdate = (cpuMs(child.pid!) - cpuBefore) / n;
  await stop(child);
  await fake.close();
  fs.rmSync(cwd, { recursive: true, force: true });
  return {
    appMs,
    bareMs,
    appCpu,
    appMainCpu,
    bareCpu,
    cpuPerUpdate,
    rssIdleMb: idle,
    rssAfterMb: after,
    updates: n,
    updatesPerSec: n / seconds,
    load,
    command: [
      ...Object.entries(app.env).map(([k, v]) => `${k}=${v}`),
      path.relative(projectRoot, app.command) || app.command,
      ...app.args.map((a) => path.relative(projectRoot, a)),
    ].join(' '),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchProcess();
  const app = median(r.appMs);
  const bare = median(r.bareMs);
  const ratio = app / bare;
  console.log(
    `process: \`${r.command}\` (npm start) vs bench/bare-bot.mjs, ${STARTS} start-ups each after a warm-up, alternating; ${r.load}`,
  );
  console.log(`start-up to first getUpdates, bare telegraf bot: ${bare} ms (${spread(r.bareMs)})`);
  console.log(
    `start-up to first getUpdates, liaison: ${app} ms (${spread(r.appMs)}) = ${ratio.toFixed(2)}× the bare bot's (target ≤ 2)`,
  );
  console.log(
    `CPU to first getUpdates (median): liaison ${median(r.appCpu)} ms (main thread ${median(r.appMainCpu)} ms), bare bot ${median(r.bareCpu)} ms`,
  );
  console.log(
    `RSS idle: ${r.rssIdleMb.toFixed(1)} MB (target ≤ 100); after ${r.updates} updates: ${r.rssAfterMb.toFixed(1)} MB (target ≤ 150)`,
  );
  console.log(
    `throughput while measuring memory: ${r.updatesPerSec.toFixed(0)} updates/s, CPU ${r.cpuPerUpdate.toFixed(2)} ms per update; ${loadLine()}`,
  );
  const figures: Figure[] = [
    { name: 'start-up to first getUpdates, bare telegraf bot (median)', value: bare, unit: 'ms' },
    { name: 'start-up to first getUpdates (median)', value: app, unit: 'ms' },
    {
      name: "start-up as a multiple of the bare bot's",
      value: Number(ratio.toFixed(2)),
      unit: '×',
      target: '≤ 2',
      pass: ratio <= 2,
    },
    { name: 'RSS idle', value: Number(r.rssIdleMb.toFixed(1)), unit: 'MB', target: '≤ 100', pass: r.rssIdleMb <= 100 },
    {
      name: `RSS after ${r.updates} updates`,
      value: Number(r.rssAfterMb.toFixed(1)),
      unit: 'MB',
      target: '≤ 150',
      pass: r.rssAfterMb <= 150,
    },
    { name: '/help updates/s while measuring memory', value: Math.round(r.updatesPerSec), unit: 'updates/s' },
    { name: 'CPU to first getUpdates (median)', value: median(r.appCpu), unit: 'ms' },
    { name: 'CPU per /help update', value: Number(r.cpuPerUpdate.toFixed(2)), unit: 'ms' },
  ];
  if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(figures));
}
