// Start-up and memory of the real process (`npm start` = tsx src/main.ts) against the fake Bot API:
// time from spawn to its first getUpdates, RSS idle, and RSS after N updates (/help from many admins).
// Run: npx tsx bench/process.ts [updates=10000]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeTelegram } from '../test/support/fake-telegram/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const N = Number(process.argv[2] ?? 10_000);
const USERS = 200;

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}
/** tsx runs the app in a child node process: the app's own RSS, and the whole tree's. */
function rssMb(pid: number): { app: number; tree: number } {
  const pids = [pid, ...childPids(pid)];
  const each = pids.map((p) => ({ p, rss: rssOf(p), cmd: fs.readFileSync(`/proc/${p}/cmdline`, 'utf8') }));
  const app = each.filter((e) => e.cmd.includes('src/main.ts') && e.p !== pid).reduce((a, e) => Math.max(a, e.rss), 0);
  return { app, tree: each.reduce((a, e) => a + e.rss, 0) };
}
function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d), ...childPids(Number(d)));
    } catch {
      // process went away
    }
  }
  return out;
}

export async function benchProcess(n = N) {
  const fake = await startFakeTelegram({ maxRecordedCalls: 1000 });
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  const admins = Array.from({ length: USERS }, (_, i) => 8_000_000_000 + i);
  // Migrate first so start-up measures the bot, not a first-time migration.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ADMIN_TELEGRAM_IDS: admins.join(','), LOG_LEVEL: 'warn', RATE_LIMIT: 'off' };
  const run = () => spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'src/main.ts')], { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
  let child = run();
  await fake.waitFor({ method: 'deleteWebhook' }, 60_000);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));

  const t0 = Date.now();
  child = run();
  await fake.waitFor({ method: 'deleteWebhook' }, 60_000);
  // The first getUpdates starts right after deleteWebhook; it stays open (long poll) so `at` is its start.
  const firstPoll = await waitForStart(fake, 'getUpdates', t0);
  const startupMs = firstPoll - t0;
  await new Promise((r) => setTimeout(r, 2000));
  const idle = rssMb(child.pid!);

  const started = Date.now();
  let sent = 0;
  const before = fake.stats.calls ?? 0;
  for (let i = 0; i < n; i++) {
    await fake.user(admins[i % USERS]!).command('help');
  }
  await fake.waitForIdle({ timeoutMs: 300_000, quietMs: 500 });
  sent = n;
  const seconds = (Date.now() - started) / 1000;
  const after = rssMb(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  await fake.close();
  fs.rmSync(cwd, { recursive: true, force: true });
  void before;
  return { startupMs, rssIdleMb: idle, rssAfterMb: after, updates: sent, updatesPerSec: sent / seconds };
}

async function waitForStart(fake: Awaited<ReturnType<typeof startFakeTelegram>>, method: string, since: number): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const c = fake.calls.find((x) => x.method === method && x.at >= since);
    if (c) return c.at;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${method}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchProcess();
  console.log(`start-up to first getUpdates: ${r.startupMs} ms (target ≤ 2000)`);
  console.log(`RSS of the app process idle: ${r.rssIdleMb.app.toFixed(1)} MB (target ≤ 120); after ${r.updates} updates: ${r.rssAfterMb.app.toFixed(1)} MB`);
  console.log(`RSS with the tsx launcher and esbuild: idle ${r.rssIdleMb.tree.toFixed(1)} MB, after ${r.rssAfterMb.tree.toFixed(1)} MB`);
  console.log(`throughput while measuring memory: ${r.updatesPerSec.toFixed(0)} updates/s`);
}
