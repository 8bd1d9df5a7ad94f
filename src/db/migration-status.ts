import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { providerOf, sqlitePath } from './provider.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Whether `prisma migrate deploy` has anything to do. For SQLite it is answered by reading
 * `_prisma_migrations` directly, because Prisma's schema engine opens the file with
 * `PRAGMA locking_mode=EXCLUSIVE` and fails with SQLITE_BUSY whenever another process (the running
 * bot) has the database open: the CLI only runs it when a migration is actually pending.
 * PostgreSQL (advisory locks, safe beside a running bot) always answers true.
 */
export function migrationsPending(databaseUrl: string): boolean {
  if (providerOf(databaseUrl) !== 'sqlite') return true;
  const file = sqlitePath(databaseUrl);
  if (!fs.existsSync(file)) return true;
  const dir = path.join(ROOT, 'prisma', 'sqlite', 'migrations');
  const wanted = fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory());
  const db = new Database(file, { fileMustExist: true, timeout: 5000 });
  try {
    const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get();
    if (!table) return true;
    const rows = db.prepare('SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL').all() as { name: string }[];
    const applied = new Set(rows.map((r) => r.name));
    return wanted.some((m) => !applied.has(m));
  } finally {
    db.close();
  }
}
