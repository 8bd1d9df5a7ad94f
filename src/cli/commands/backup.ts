import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { providerOf, sqlitePath } from '../../db/provider.js';
import { CliUsageError, type CliCommand } from '../types.js';

/**
 * Makes the copy one self-contained file (rollback journal instead of WAL, so no -wal/-shm files
 * go with it), then checks it and counts the main tables.
 */
export function finishCopy(file: string): { ok: string; counts: string } {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const ok = (db.pragma('quick_check', { simple: true }) as string) ?? 'unknown';
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    return {
      ok,
      counts: `${count('Agency')} agencies, ${count('User')} users, ${count('Activity')} activities, ${count('Notification')} outbox rows`,
    };
  } finally {
    db.close();
  }
}

export const commands: CliCommand[] = [
  {
    path: ['backup'],
    summary: 'Copy the SQLite database to a file (online: safe while the bot runs)',
    options: {
      force: { type: 'boolean', description: 'Overwrite the destination file if it exists' },
    },
    help:
      "Uses SQLite's online backup (better-sqlite3 db.backup()), which copies a consistent snapshot even while the bot writes (WAL).\n" +
      'With PostgreSQL, use pg_dump instead, e.g. pg_dump --format=custom --file=liaison.dump "$DATABASE_URL".\n' +
      'Example: npm run cli -- backup backups/liaison-$(date +%F).db',
    async run({ values, positionals }, ctx, io) {
      const { config, logger } = ctx.jobs.deps;
      const [dest, ...extra] = positionals;
      if (!dest || extra.length) throw new CliUsageError('Give one destination file, e.g. backups/liaison.db');
      if (providerOf(config.databaseUrl) === 'postgresql') {
        io.err(
          'DATABASE_URL is a PostgreSQL database: this command only copies SQLite files.\nBack it up with pg_dump, e.g.: pg_dump --format=custom --file=liaison.dump "$DATABASE_URL"',
        );
        return 1;
      }
      const source = path.resolve(sqlitePath(config.databaseUrl));
      const target = path.resolve(dest);
      if (target === source) throw new CliUsageError('The destination is the database itself.');
      if (fs.existsSync(target) && values.force !== true)
        throw new CliUsageError(`${dest} exists; choose another file or pass --force.`);
      if (fs.existsSync(target) && !fs.statSync(target).isFile()) throw new CliUsageError(`${dest} is not a file.`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      // Write beside the target and rename, so an interrupted backup never looks like a complete one.
      const partial = `${target}.partial-${process.pid}`;
      const db = new Database(source, { fileMustExist: true, timeout: 10_000 });
      const started = Date.now();
      try {
        await db.backup(partial);
      } catch (err) {
        fs.rmSync(partial, { force: true });
        io.err(`Backup failed: ${err instanceof Error ? err.message : String(err)}`);
        return 1;
      } finally {
        db.close();
      }
      const check = finishCopy(partial);
      if (check.ok !== 'ok') {
        for (const f of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`])
          fs.rmSync(f, { force: true });
        io.err(`Backup failed: the copy does not pass SQLite's quick_check (${check.ok}).`);
        return 1;
      }
      fs.renameSync(partial, target);
      const mb = (fs.statSync(target).size / 1024 / 1024).toFixed(1);
      logger.info({ msg: 'backup-written', ms: Date.now() - started, bytes: fs.statSync(target).size });
      io.out(target);
      io.err(`Backup written: ${mb} MB in ${Date.now() - started} ms; ${check.counts}.`);
      return 0;
    },
  },
];
