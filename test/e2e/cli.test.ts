import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { createRepos, type Repos } from '../../src/db/repos/index.js';
import { hashToken } from '../../src/services/invites.js';
import { provisionTestDatabase, testProviders } from '../support/db.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.js';
import { ensureBuilt } from '../support/build.js';
import { projectRoot } from '../../src/paths.js';

// The operations CLI as an operator runs it: `npm run cli -- …` = `node dist/src/cli.js …` in a child process, on a fresh
// migrated database; asserts the exit code, what it prints and what is stored. Runs on one database
// go one after another: each run applies migrations first, and concurrent `migrate deploy` on one
// SQLite file can fail with SQLITE_BUSY.

const CLI = path.join(projectRoot, 'dist/src/cli.js');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function cli(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

async function badAgenciesXlsx(file: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Cơ quan');
  ws.addRow(['Mã', 'Tên cơ quan', 'Tên tiếng Anh', 'Loại', 'Hoạt động']);
  ws.addRow(['SCT', 'Sở Công Thương', 'Department of Industry and Trade', 'Sở', 'x']);
  ws.addRow(['', 'Sở không có mã', '', 'Sở', 'x']);
  ws.addRow(['SGDDT', 'Sở Giáo dục và Đào tạo', '', 'bệnh viện', 'x']);
  ws.addRow(['SCT', 'Sở Công Thương (trùng)', '', 'Sở', 'x']);
  await wb.xlsx.writeFile(file);
}

describe('operations CLI (npm run cli) in a child process', () => {
  let dir: string;
  let url: string;
  let cleanup: () => Promise<void>;
  let handle: DbHandle;
  let repos: Repos;
  let env: Record<string, string>;
  const run = (...args: string[]) => cli(args, env, dir);

  beforeAll(async () => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-cli-'));
    ({ url, cleanup } = await provisionTestDatabase('sqlite'));
    // An unreachable Bot API: nothing in these tests may depend on Telegram unless it says so.
    env = { BOT_TOKEN: '123456:CLI-TEST-TOKEN', TELEGRAM_API_ROOT: 'http://127.0.0.1:9', DATABASE_URL: url };
    handle = await createDb(url);
    repos = createRepos(handle.db, handle.provider);
  });
  afterAll(async () => {
    await handle?.close();
    await cleanup?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--help lists every command without configuration; each command has its own --help', async () => {
    const [all, agencies, backup, unknown] = await Promise.all([
      cli(['--help'], {}, dir),
      cli(['agencies', 'import', '--help'], {}, dir),
      cli(['backup', '--help'], {}, dir),
      cli(['frobnicate'], {}, dir),
    ]);
    expect(all.code).toBe(0);
    for (const c of [
      'agencies import',
      'agencies list',
      'invite create',
      'invite revoke',
      'invite list',
      'report export',
      'backup',
      'demo seed',
      'reminders list',
    ]) {
      expect(all.out).toContain(`  ${c}`);
    }
    expect(agencies.code).toBe(0);
    expect(agencies.out).toContain('Usage: npm run cli -- agencies import');
    expect(agencies.out).toContain('All rows or none');
    expect(backup.code).toBe(0);
    expect(backup.out).toContain('pg_dump');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command "frobnicate"');
  }, 60_000);

  it('agencies import: a good CSV is imported (and updates on a second run); agencies list shows it', async () => {
    const csv = path.join(dir, 'co-quan.csv');
    fs.writeFileSync(
      csv,
      '\uFEFFMã;Tên cơ quan;Tên tiếng Anh;Loại;Hoạt động\nSNN;Sở Nông nghiệp và Phát triển nông thôn;Department of Agriculture;Sở;x\nUBND-TP;"UBND thành phố; Lai Châu";;UBND;\nDHTN;Đại học Thái Nguyên;;Đại học;không\n',
    );
    const first = await run('agencies', 'import', csv);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toContain('Imported 3 agencies: 3 new, 0 updated.');
    const stored = await repos.agencies.list();
    expect(stored.map((a) => [a.code, a.kind, a.active])).toEqual([
      ['DHTN', 'UNIVERSITY', false],
      ['SNN', 'DEPARTMENT', true],
      ['UBND-TP', 'PEOPLES_COMMITTEE', true],
    ]);
    expect(stored.find((a) => a.code === 'UBND-TP')?.nameVi).toBe('UBND thành phố; Lai Châu');

    const again = await run('agencies', 'import', csv);
    const list = await run('agencies', 'list', '--active');
    expect(again.code).toBe(0);
    expect(again.out).toContain('3 agencies: 0 new, 3 updated');
    expect(list.code).toBe(0);
    expect(list.out).toContain(
      'SNN\tDEPARTMENT\tyes\tSở Nông nghiệp và Phát triển nông thôn\tDepartment of Agriculture',
    );
    expect(list.out).not.toContain('DHTN');
  }, 60_000);

  it('agencies import: a bad XLSX names each bad row, imports nothing and exits 1; a missing file or wrong type is refused', async () => {
    const xlsx = path.join(dir, 'co-quan-loi.xlsx');
    await badAgenciesXlsx(xlsx);
    const before = await repos.agencies.list();
    const txt = path.join(dir, 'co-quan.txt');
    fs.writeFileSync(txt, 'code,name\nA,B\n');
    const bad = await run('agencies', 'import', xlsx);
    const missing = await run('agencies', 'import', path.join(dir, 'none.csv'));
    const wrongType = await run('agencies', 'import', txt);
    expect(bad.code).toBe(1);
    expect(bad.out).toBe('');
    expect(bad.err).toContain('Nothing imported; rows with errors: 3.');
    expect(bad.err).toContain('row 3: code is missing');
    expect(bad.err).toContain('row 4: kind "bệnh viện" is not one of');
    expect(bad.err).toContain('row 5: code "SCT" appears twice in the file');
    expect(bad.err).not.toContain('row 2');
    // All or nothing: even the good row 2 (SCT) is not stored.
    expect(await repos.agencies.list()).toEqual(before);
    expect(await repos.agencies.findByCode('SCT')).toBeNull();
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('No file');
    expect(wrongType.code).toBe(1);
    expect(wrongType.err).toContain('only .csv and .xlsx files are accepted');
  }, 60_000);

  it('invite create / list / revoke with --bot-username: the link carries a token whose hash is stored; a second revoke fails', async () => {
    const created = await run('invite', 'create', 'focal', 'snn', '--bot-username', '@liaison_lc_bot');
    expect(created.code).toBe(0);
    const link = created.out.trim();
    expect(link).toMatch(/^https:\/\/t\.me\/liaison_lc_bot\?start=[A-Za-z0-9_-]{32}$/);
    const token = link.split('start=')[1]!;
    const invite = await repos.invites.findByHash(hashToken(token));
    expect(invite).toMatchObject({ role: 'FOCAL', usedAt: null, revokedAt: null });
    expect(invite?.agency?.code).toBe('SNN');
    expect(created.err).toContain(`Invite ${invite!.id} (focal, SNN)`);
    // The clear token is never stored.
    expect(JSON.stringify(await handle.db.invite.findMany())).not.toContain(token);

    const list = await run('invite', 'list');
    const noAgency = await run('invite', 'create', 'focal', '--bot-username', 'liaison_lc_bot');
    const badRole = await run('invite', 'create', 'boss', '--bot-username', 'liaison_lc_bot');
    const inactive = await run('invite', 'create', 'focal', 'DHTN', '--bot-username', 'liaison_lc_bot');
    expect(list.code).toBe(0);
    expect(list.out).toMatch(new RegExp(`^${invite!.id}\\tFOCAL\\tSNN\\t`, 'm'));
    expect(noAgency.code).toBe(2);
    expect(noAgency.err).toContain('A focal point needs an agency code');
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain('Unknown role "boss"');
    expect(inactive.code).toBe(2);
    expect(inactive.err).toContain('No active agency with code "DHTN"');
    expect(await handle.db.invite.count()).toBe(1);

    const revoked = await run('invite', 'revoke', String(invite!.id));
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain(`Invite ${invite!.id} revoked.`);
    expect((await repos.invites.findByHash(hashToken(token)))?.revokedAt).not.toBeNull();
    const twice = await run('invite', 'revoke', String(invite!.id));
    const notANumber = await run('invite', 'revoke', 'abc');
    const after = await run('invite', 'list');
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('no unused, unrevoked invite');
    expect(notANumber.code).toBe(2);
    expect(after.out).toContain('No usable invites.');
  }, 90_000);

  it('invite create without --bot-username asks the configured Bot API (getMe); an unreachable one is a clear error', async () => {
    const fake: FakeTelegram = await startFakeTelegram({ botUsername: 'lai_chau_dofa_bot' });
    try {
      const ok = await cli(
        ['invite', 'create', 'coordinator'],
        { ...env, BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot },
        dir,
      );
      const unreachable = await run('invite', 'create', 'head');
      expect(ok.code).toBe(0);
      expect(ok.out.trim()).toMatch(/^https:\/\/t\.me\/lai_chau_dofa_bot\?start=[A-Za-z0-9_-]{32}$/);
      expect(fake.callsTo('getMe').length).toBe(1);
      expect(unreachable.code).toBe(2);
      expect(unreachable.err).toContain("Could not ask the Bot API (http://127.0.0.1:9) for the bot's username");
      expect(unreachable.err).toContain('--bot-username');
      expect(unreachable.err).not.toContain('CLI-TEST-TOKEN');
    } finally {
      await fake.close();
    }
  }, 60_000);

  it('backup copies a consistent database while another connection holds uncheckpointed WAL writes; the copy opens and has the agencies', async () => {
    // A write through the open connection (like the running bot's) that still sits in the WAL.
    await repos.agencies.create({ code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch' });
    const dest = path.join(dir, 'backups', 'liaison.db');
    const res = await run('backup', dest);
    expect(res.code).toBe(0);
    expect(res.out.trim()).toBe(dest);
    expect(res.err).toMatch(/Backup written: [\d.]+ MB in \d+ ms; 4 agencies/);
    const copy = new Database(dest, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      // One self-contained file: the copy is not in WAL mode, so no -wal/-shm go with it.
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
      const codes = (copy.prepare('SELECT code FROM "Agency" ORDER BY code').all() as { code: string }[]).map(
        (r) => r.code,
      );
      expect(codes).toEqual(['DHTN', 'SNN', 'SVHTTDL', 'UBND-TP']);
    } finally {
      copy.close();
    }
    // An existing file is not overwritten without --force.
    const again = await run('backup', dest);
    expect(again.code).toBe(2);
    expect(again.err).toContain('exists; choose another file or pass --force');
    expect(fs.readdirSync(path.dirname(dest))).toEqual(['liaison.db']);
  }, 60_000);

  it.runIf(testProviders().includes('postgresql'))(
    'backup on PostgreSQL says to use pg_dump and exits 1',
    async () => {
      const pg = await provisionTestDatabase('postgresql');
      try {
        const res = await cli(['backup', path.join(dir, 'pg.db')], { ...env, DATABASE_URL: pg.url }, dir);
        expect(res.code).toBe(1);
        expect(res.err).toContain('pg_dump');
        expect(fs.existsSync(path.join(dir, 'pg.db'))).toBe(false);
      } finally {
        await pg.cleanup();
      }
    },
    60_000,
  );

  it('reminders list shows what is pending in the outbox; demo seed refuses a database with data of its own', async () => {
    const due = new Date('2025-04-14T00:30:00Z');
    await repos.notifications.enqueue([
      {
        chatId: 7_000_000_001n,
        userId: null,
        kind: 'reminder.upcoming',
        dedupeKey: 'reminder.upcoming:cli-test:1',
        payload: { parts: ['x'] },
        dueAt: due,
      },
    ]);
    const list = await run('reminders', 'list');
    expect(list.code).toBe(0);
    expect(list.out).toContain('Outbox: PENDING 1');
    expect(list.out).toMatch(
      /\tPENDING\t14\/04\/2025 07:30\t0\treminder\.upcoming\t7000000001\treminder\.upcoming:cli-test:1/,
    );

    // This database holds agencies of its own (imported above): the demo is refused, nothing changes.
    const agencies = await handle.db.agency.count();
    expect(agencies).toBeGreaterThan(0);
    const refused = await run('demo', 'seed');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('the demo data was not loaded, nothing changed');
    expect(refused.err).toContain('new database');
    expect(await handle.db.agency.count()).toBe(agencies);
    expect(await handle.db.activity.count()).toBe(0);
  }, 90_000);
});
