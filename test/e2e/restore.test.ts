import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { createRepos, type Repos } from '../../src/db/repos/index.js';
import { projectRoot } from '../../src/paths.js';
import { provisionTestDatabase } from '../support/db.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.js';
import type { SimUser } from '../support/fake-telegram/sim-user.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { ensureBuilt } from '../support/build.js';

// Backup of a busy SQLite database (the real bot handling registrations while `cli backup` runs),
// `cli restore` refused while the bot runs on the file, restored into a new database on which a
// new bot serves everything that was there, and restored over the old file, which is kept.

const CLI = path.join(projectRoot, 'dist/src/cli.js');
const FOCAL0 = 6_140_000_100;
const USERS = 10;

function cli(args: string[], env: Record<string, string>, cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out, err })),
  );
}

const titleOf = (i: number) => `Đoàn công tác số ${i} sang Viêng Chăn`;

const act = async (fake: FakeTelegram, fn: () => unknown) => {
  await fn();
  await fake.waitForIdle({ quietMs: 30, timeoutMs: 30_000 });
};

/** A focal point registers a short activity (type "other") through the bot, to the submit. */
async function register(fake: FakeTelegram, u: SimUser, i: number) {
  const steps: (() => unknown)[] = [
    () => u.command('new'),
    () => u.pressButton('Hoạt động khác'),
    () => u.send(titleOf(i)),
    () => u.command('skip'),
    () => u.send('Sở Nông nghiệp thủ đô Viêng Chăn'),
    () => u.send('tháng 10/2027'),
    () => u.send('Viêng Chăn, Lào'),
    () => u.command('skip'),
    () => u.send(`${(i % 9) + 1}0.000.000`),
    () => u.command('skip'),
    () => u.send('Kết hợp khảo sát thị trường'),
    () => u.pressButton('✅ Gửi đăng ký'),
  ];
  for (const step of steps) await act(fake, step);
}

/** What /my shows a focal point of the agency: the count line and the first page. */
async function myList(fake: FakeTelegram, u: SimUser): Promise<string> {
  const since = fake.mark();
  await act(fake, () => u.command('my'));
  return fake.calls
    .filter((c) => c.seq >= since && c.method === 'sendMessage' && c.chatId === u.id)
    .map((c) => String(c.params.text))
    .join('\n');
}

async function seedAgency(repos: Repos) {
  const agency = await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' });
  for (let i = 0; i < USERS; i++)
    await repos.users.upsertWithRole(
      { telegramId: BigInt(FOCAL0 + i), displayName: `Đầu mối ${i}` },
      'FOCAL',
      agency.id,
    );
}

function startBot(fake: FakeTelegram, env: Record<string, string>, cwd: string): Promise<BotProcess> {
  const since = fake.mark();
  const bot = startBotProcess(env, cwd);
  return fake
    .waitFor((c) => c.method === 'deleteWebhook' && c.seq >= since, 90_000)
    .then(
      () => bot,
      (err) => {
        throw new Error(`${err}\n${bot.output()}`);
      },
    );
}

describe('backup of a busy database, restore, and the bot serving from it (SQLite)', () => {
  let fake: FakeTelegram;
  let dir: string;
  let url: string;
  let cleanup: () => Promise<void>;
  let handle: DbHandle;
  let repos: Repos;
  let bot: BotProcess | undefined;
  let env: Record<string, string>;

  const start = async (databaseUrl: string) => {
    bot = await startBot(fake, { ...env, DATABASE_URL: databaseUrl }, dir);
  };

  beforeAll(async () => {
    ensureBuilt();
    fake = await startFakeTelegram();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-restore-'));
    ({ url, cleanup } = await provisionTestDatabase('sqlite'));
    handle = await createDb(url);
    repos = createRepos(handle.db, handle.provider);
    await seedAgency(repos);
    env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, RATE_LIMIT: 'off' };
    await start(url);
  }, 120_000);

  afterAll(async () => {
    await bot?.stop();
    await handle?.close();
    await fake?.close();
    await cleanup?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up while the bot registers activities; restore refuses while it runs; a new bot on the restored copy has everything', async () => {
    const users = Array.from({ length: USERS }, (_, i) => fake.user(FOCAL0 + i, { firstName: `Đầu mối ${i}` }));
    const half = USERS / 2;
    for (let i = 0; i < half; i++) await register(fake, users[i]!, i);
    const before = await handle.db.activity.findMany({
      select: { reference: true, title: true },
      orderBy: { reference: 'asc' },
    });
    expect(before).toHaveLength(half);

    // Busy: the other focal points register while the backup runs.
    const backupFile = path.join(dir, 'backups', 'liaison.db');
    const dbEnv = { ...env, DATABASE_URL: url };
    const backup = cli(['backup', backupFile], dbEnv, dir);
    for (let i = half; i < USERS; i++) await register(fake, users[i]!, i);
    const done = await backup;
    expect(done.code, done.err).toBe(0);
    const after = await handle.db.activity.count();
    expect(after).toBe(USERS);

    // Not while the bot runs on the file: nothing is replaced.
    const refused = await cli(['restore', backupFile], dbEnv, dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/the bot is running on .* \(process \d+/);
    expect(await handle.db.activity.count()).toBe(USERS);
    expect(fs.readdirSync(path.dirname(new URL(url).pathname)).some((f) => f.includes('.replaced-'))).toBe(false);

    // Into a new database (another server): everything in the backup, nothing lost on the way.
    const fresh = path.join(dir, 'new', 'liaison.db');
    const restored = await cli(['restore', backupFile], { ...env, DATABASE_URL: `file:${fresh}` }, dir);
    expect(restored.code, restored.err).toBe(0);
    expect(restored.err).toMatch(/Restored .* 1 agencies, 10 users, \d+ activities/);
    const tables = ['Agency', 'User', 'Activity', 'ActivityHistory', 'Conversation', 'Notification', 'ProcessedUpdate'];
    const count = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return Object.fromEntries(
          tables.map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM "${t}"`).get() as { n: number }).n]),
        );
      } finally {
        db.close();
      }
    };
    expect(count(fresh)).toEqual(count(backupFile));

    // The bot moves to the restored copy and serves from it.
    await bot!.stop();
    await start(`file:${fresh}`);
    const copy = await createDb(`file:${fresh}`);
    try {
      const refs = await copy.db.activity.findMany({
        select: { reference: true, title: true },
        orderBy: { reference: 'asc' },
      });
      // Everything committed before the backup began is there (and what it caught of the rest).
      expect(refs.slice(0, half)).toEqual(before);
      expect(refs.length).toBeGreaterThanOrEqual(half);
      // The agency's list (/my) counts them all and shows them, five to a page.
      const listed = await myList(fake, users[1]!);
      expect(listed).toContain(`— ${refs.length} hoạt động`);
      for (const a of refs.slice(0, 5)) expect(listed).toContain(`<b>${a.reference}</b> · Hoạt động khác`);
      // And takes new work: a new registration gets the next reference number.
      await register(fake, users[0]!, 99);
      expect(await copy.db.activity.count()).toBe(refs.length + 1);
    } finally {
      await copy.close();
    }

    // Over the old file, now that no bot runs on it: the replaced database is kept, whole.
    const over = await cli(['restore', backupFile], dbEnv, dir);
    expect(over.code, over.err).toBe(0);
    const kept = /kept as (.+\.db)/.exec(over.err)?.[1];
    expect(kept && fs.existsSync(kept)).toBe(true);
    expect(count(kept!).Activity).toBe(USERS);
    expect(count(new URL(url).pathname).Activity).toBe(count(backupFile).Activity);
  }, 300_000);
});

const run = promisify(execFile);
const hasPgTools = ['pg_dump', 'pg_restore'].every((t) =>
  ['/usr/bin', '/usr/local/bin'].some((d) => fs.existsSync(path.join(d, t))),
);

// The PostgreSQL procedure documented in README ("Backups and restore") and SECURITY.md.
describe.skipIf(!inject('pgTemplate') || !hasPgTools)(
  'pg_dump of a busy database, pg_restore into a new one, the bot serving from it (PostgreSQL)',
  () => {
    let fake: FakeTelegram;
    let dir: string;
    const dbs: { url: string; cleanup: () => Promise<void> }[] = [];
    let bot: BotProcess | undefined;

    beforeAll(async () => {
      fake = await startFakeTelegram();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-pgrestore-'));
      dbs.push(await provisionTestDatabase('postgresql'));
    }, 60_000);
    afterAll(async () => {
      await bot?.stop();
      await fake?.close();
      for (const d of dbs) await d.cleanup();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('everything committed before the dump is served by a bot on the restored database', async () => {
      const source = dbs[0]!.url;
      const handle = await createDb(source);
      await seedAgency(createRepos(handle.db, handle.provider));
      await handle.close();
      const env = { BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, RATE_LIMIT: 'off' };
      bot = await startBot(fake, { ...env, DATABASE_URL: source }, dir);
      const users = Array.from({ length: 4 }, (_, i) => fake.user(FOCAL0 + i, { firstName: `Đầu mối ${i}` }));
      for (let i = 0; i < 2; i++) await register(fake, users[i]!, i);
      const dump = path.join(dir, 'liaison.dump');
      const dumping = run('pg_dump', ['--format=custom', `--file=${dump}`, source]);
      for (let i = 2; i < 4; i++) await register(fake, users[i]!, i);
      await dumping;

      // A new, empty database, as `createdb` makes it; pg_restore fills it.
      const target = await provisionTestDatabase('postgresql');
      dbs.push(target);
      const admin = new URL(target.url);
      const name = admin.pathname.slice(1);
      admin.pathname = '/postgres';
      await run('psql', [admin.toString(), '-qc', `DROP DATABASE "${name}"`]);
      await run('psql', [admin.toString(), '-qc', `CREATE DATABASE "${name}"`]);
      await run('pg_restore', ['--no-owner', `--dbname=${target.url}`, dump]);

      await bot.stop();
      bot = await startBot(fake, { ...env, DATABASE_URL: target.url }, dir);
      const restored = await createDb(target.url);
      try {
        const titles = (await restored.db.activity.findMany({ select: { title: true } })).map((a) => a.title);
        expect(titles).toEqual(expect.arrayContaining([titleOf(0), titleOf(1)]));
        const listed = await myList(fake, users[0]!);
        expect(listed).toContain(`— ${titles.length} hoạt động`);
        await register(fake, users[0]!, 7);
        expect(await restored.db.activity.count()).toBe(titles.length + 1);
      } finally {
        await restored.close();
      }
    }, 300_000);
  },
);
