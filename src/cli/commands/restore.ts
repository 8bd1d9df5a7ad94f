import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadDatabaseUrl } from '../../config.js';
import { providerOf, sqlitePath } from '../../db/provider.js';
import { HEARTBEAT_KEY, runningBot, type Heartbeat } from '../../services/heartbeat.js';
import { CliUsageError, type CliCommand } from '../types.js';
import { finishCopy } from './backup.js';

const PG_HELP =
  'With PostgreSQL, restore a pg_dump file with pg_restore into an empty database (see SECURITY.md, "Backups and restore"):\n' +
  '  createdb liaison_restored && pg_restore --no-owner --dbname=liaison_restored liaison.dump\n' +
  'then point DATABASE_URL at it and start the bot.';

/** The beat of the bot using `file`, read without Prisma (nothing is migrated or written). */
function readHeartbeat(file: string): Heartbeat | null {
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5_000 });
  try {
    const row = db.prepare('SELECT "value" FROM "Setting" WHERE "key" = ?').get(HEARTBEAT_KEY) as
      { value: string } | undefined;
    return row ? (JSON.parse(row.value) as Heartbeat) : null;
  } catch {
    return null; // an older database without the table: no bot has beaten in it
  } finally {
    db.close();
  }
}

/** Checks that `file` is a sound SQLite database of this product. */
function checkBackup(file: string): string | null {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    return `cannot be opened (${(err as Error).message})`;
  }
  try {
    const ok = db.pragma('quick_check', { simple: true });
    if (ok !== 'ok') return `does not pass SQLite's quick_check (${String(ok)})`;
    const tables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map(
        (t) => t.name,
      ),
    );
    for (const t of ['_prisma_migrations', 'Agency', 'Activity', 'User', 'Setting'])
      if (!tables.has(t)) return `is not a Liaison database (no table ${t})`;
    return null;
  } catch (err) {
    return `is not a SQLite database (${(err as Error).message})`;
  } finally {
    db.close();
  }
}

export const commands: CliCommand[] = [
  {
    path: ['restore'],
    summary: 'Replace the SQLite database with a backup (the bot must be stopped; the replaced file is kept)',
    help:
      'Checks the backup, refuses while a bot is running on the database (its heartbeat is recent), keeps the\n' +
      'current file as <database>.replaced-<time>.db, and puts the backup in its place. Start the bot afterwards:\n' +
      'it applies any newer migrations. DATABASE_URL may name a file that does not exist yet (a new server).\n' +
      `${PG_HELP}\n` +
      'Example: npm run cli -- restore backups/liaison-2026-11-27.db',
    async runOffline({ positionals }, io) {
      const [src, ...extra] = positionals;
      if (!src || extra.length) throw new CliUsageError('Give one backup file, e.g. backups/liaison.db');
      const url = loadDatabaseUrl();
      if (providerOf(url) === 'postgresql') {
        io.err(`DATABASE_URL is a PostgreSQL database: this command restores SQLite files.\n${PG_HELP}`);
        return 1;
      }
      const source = path.resolve(src);
      const target = path.resolve(sqlitePath(url));
      if (source === target) throw new CliUsageError('The backup is the database itself.');
      if (!fs.existsSync(source) || !fs.statSync(source).isFile()) throw new CliUsageError(`${src} is not a file.`);
      const bad = checkBackup(source);
      if (bad) {
        io.err(`Not restored: ${src} ${bad}.`);
        return 1;
      }
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      let kept: string | null = null;
      if (fs.existsSync(target)) {
        const running = runningBot(readHeartbeat(target));
        if (running) {
          io.err(
            `Not restored: the bot is running on ${target} (${running}). Stop it first (systemctl stop liaison), then run restore again.`,
          );
          return 1;
        }
        // A consistent copy of the current database, WAL included, before anything is touched.
        kept = `${target}.replaced-${stamp}.db`;
        const current = new Database(target, { fileMustExist: true, timeout: 10_000 });
        try {
          await current.backup(kept);
        } finally {
          current.close();
        }
        finishCopy(kept);
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const partial = `${target}.restoring-${process.pid}`;
      fs.copyFileSync(source, partial);
      const copy = new Database(partial);
      try {
        // The backup was taken from a running bot: its heartbeat is not this file's.
        copy.prepare('DELETE FROM "Setting" WHERE "key" = ?').run(HEARTBEAT_KEY);
      } finally {
        copy.close();
      }
      const { counts } = finishCopy(partial);
      for (const f of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) fs.rmSync(f, { force: true });
      fs.renameSync(partial, target);
      io.out(target);
      io.err(
        `Restored ${src} into ${target}: ${counts}.${kept ? `\nThe replaced database is kept as ${kept}.` : ''}\nStart the bot: it applies any newer migrations.`,
      );
      return 0;
    },
    async run() {
      throw new Error('restore runs offline');
    },
  },
];
