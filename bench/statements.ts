/**
 * Which SQL statements one answer costs: walks the LETTER form of bench/updates.ts once (after one
 * warm-up walk) and prints, per update, the statements the app sent and its Bot API calls (SQLite, then PostgreSQL when
 * reachable), then the process's CPU time per step, averaged over STATEMENTS_WALKS more walks by
 * other people (the whole process: bot, drivers and the fake Bot API; one update at a time, so each
 * step's CPU is its own). For finding repeats and hot steps; bench/updates.ts gives the figures.
 *
 *   npx tsx bench/statements.ts            # BENCH_PG=off: SQLite only; STATEMENTS_SQL=1: print the SQL text
 *   STATEMENTS_WALKS=50                    # walks timed per provider (default 30)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { applyMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { startFakeTelegram, type SimUser } from '../test/support/fake-telegram/index.js';
import { onSqlStatement, sqlText } from '../test/support/sql-statements.js';
import { throwawayPgDatabase } from './pg-database.js';

const WALKS = Number(process.env.STATEMENTS_WALKS ?? 30);
const log: string[] = [];
onSqlStatement((sql) => log.push(sqlText(sql).slice(0, 160)));

const LETTER: [string, (u: SimUser) => unknown][] = [
  ['/new', (u) => u.command('new')],
  ['type', (u) => u.pressButton('Thư chúc mừng')],
  ['text', (u) => u.send('Thư chúc mừng Quốc khánh nước CHDCND Lào')],
  ['choice', (u) => u.pressButton('Quốc khánh')],
  ['country', (u) => u.pressButton('Lào')],
  ['text', (u) => u.send('Chủ tịch UBND tỉnh')],
  ['text', (u) => u.send('Tỉnh trưởng tỉnh Phongsaly')],
  ['timing', (u) => u.send('trước 25/11/2025')],
  ['/skip', (u) => u.command('skip')],
  ['/skip', (u) => u.command('skip')],
  ['submit', (u) => u.pressButton(/^✅/)],
];

async function run(label: string, url: string) {
  const fake = await startFakeTelegram();
  const config = loadConfig({
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    RATE_LIMIT: 'off',
  });
  const app = await createApp(config, {
    logger: createLogger('silent'),
    now: () => DateTime.fromISO('2025-04-10T09:00:00', { zone: 'Asia/Ho_Chi_Minh' }),
    scheduler: false,
  });
  const handled = new Map<number, () => void>();
  const original = app.bot.handleUpdate.bind(app.bot);
  app.bot.handleUpdate = async (update, res) => {
    try {
      return await original(update, res);
    } finally {
      handled.get(update.update_id)?.();
    }
  };
  await app.start();
  await app.jobs.idle();
  const agency = await app.repos.agencies.create({ code: 'BENCH', nameVi: 'Sở thử nghiệm' });
  const cpu = LETTER.map(() => 0);
  const walk = async (id: number, print: boolean, timed = false) => {
    await app.repos.users.upsertWithRole({ telegramId: BigInt(id), displayName: 'Đầu mối' }, 'FOCAL', agency.id);
    const u = fake.user(id, { firstName: 'Đầu mối', languageCode: 'vi' });
    let total = 0;
    for (const [name, act] of LETTER) {
      log.length = 0;
      const callsBefore = fake.calls.length;
      const before = process.cpuUsage();
      const { update_id } = act(u) as { update_id: number };
      await new Promise<void>((r) => handled.set(update_id, r));
      const used = process.cpuUsage(before);
      if (timed) cpu[LETTER.findIndex(([n, a]) => n === name && a === act)]! += (used.user + used.system) / 1000;
      total += log.length;
      if (print) {
        const calls = fake.calls
          .slice(callsBefore)
          .map((c) => c.method)
          .filter((m) => m !== 'getUpdates');
        console.log(`  ${name.padEnd(8)} ${log.length} statements; Bot API: ${calls.join(', ')}`);
        if (process.env.STATEMENTS_SQL) for (const s of log) console.log(`      ${s}`);
      }
    }
    if (print)
      console.log(
        `  ${label}: ${total} statements in ${LETTER.length} updates = ${(total / LETTER.length).toFixed(1)} per update`,
      );
  };
  await walk(6_000_000_001, false);
  await walk(6_000_000_002, true);
  for (let i = 0; i < WALKS; i++) await walk(6_000_100_000 + i, false, true);
  console.log(
    `  CPU ms per step (mean of ${WALKS} walks): ${LETTER.map(([n], i) => `${n} ${(cpu[i]! / WALKS).toFixed(2)}`).join(', ')}; whole form ${(cpu.reduce((a, b) => a + b, 0) / WALKS).toFixed(1)} ms`,
  );
  await app.stop('bench');
  await fake.close();
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-statements-'));
console.log('SQLite');
const file = `file:${path.join(dir, 'bench.db')}`;
await applyMigrations(file);
await run('SQLite', file);
fs.rmSync(dir, { recursive: true, force: true });
const pgdb = await throwawayPgDatabase('liaison_statements');
if (pgdb) {
  console.log('PostgreSQL');
  await applyMigrations(pgdb.url);
  await run('PostgreSQL', pgdb.url);
  await pgdb.drop();
}
