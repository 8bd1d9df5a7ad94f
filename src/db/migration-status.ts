import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { providerOf, sqlitePath, type DbProvider } from './provider.js';
import { projectRoot } from '../paths.js';

/** Migration folders of a provider, as `prisma migrate deploy` would apply them. */
function wantedMigrations(provider: DbProvider): string[] {
  const dir = path.join(projectRoot, 'prisma', provider, 'migrations');
  return fs.readdirSync(dir).filter((d) => fs.statSync(path.join(dir, d)).isDirectory());
}

const APPLIED =
  'SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';

/**
 * Whether `prisma migrate deploy` has anything to do, answered by reading `_prisma_migrations`
 * directly. SQLite: Prisma's schema engine opens the file with `PRAGMA locking_mode=EXCLUSIVE` and
 * fails with SQLITE_BUSY whenever another process (the running bot) has the database open, so it
 * runs only when a migration is actually pending. Both: starting the Prisma CLI costs 1–2 s and
 * 100+ MB, which a start-up with nothing to migrate should not pay.
 */
export async function migrationsPending(databaseUrl: string): Promise<boolean> {
  const provider = providerOf(databaseUrl);
  const wanted = wantedMigrations(provider);
  let applied: Set<string> | null;
  if (provider === 'sqlite') {
    const file = sqlitePath(databaseUrl);
    if (!fs.existsSync(file)) return true;
    const db = new Database(file, { fileMustExist: true, timeout: 5000 });
    try {
      const table = db
        .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`)
        .get();
      applied = table ? new Set((db.prepare(APPLIED).all() as { name: string }[]).map((r) => r.name)) : null;
    } finally {
      db.close();
    }
  } else {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ t: string | null }>(
        `SELECT to_regclass('"_prisma_migrations"')::text AS t`,
      );
      applied = rows[0]?.t ? new Set((await client.query<{ name: string }>(APPLIED)).rows.map((r) => r.name)) : null;
    } finally {
      await client.end();
    }
  }
  return applied === null || wanted.some((m) => !applied.has(m));
}
