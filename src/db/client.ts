import fs from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import path from 'node:path';
import { PrismaClient } from '../generated/sqlite/client.js';
import { providerOf, sqlitePath, type DbProvider } from './provider.js';
import { createReferenceCache, registerCache } from './cache.js';
import { pgDirect, registerDirect, sqliteDirect } from './direct-sql.js';

export type Db = PrismaClient;
export { Prisma } from '../generated/sqlite/client.js';

export interface DbHandle {
  db: Db;
  provider: DbProvider;
  close(): Promise<void>;
}

export async function createDb(url: string): Promise<DbHandle> {
  const provider = providerOf(url);
  if (provider === 'postgresql') {
    // Both generated clients expose the same models and methods; the code is typed against the
    // SQLite client, and this is the single place where the PostgreSQL one is cast to it.
    // Each provider's client and driver load only when used: start-up and memory pay for one.
    const [{ PrismaClient: PgPrismaClient }, { PrismaPg }, { default: pg }] = await Promise.all([
      import('../generated/postgresql/client.js'),
      import('@prisma/adapter-pg'),
      import('pg'),
    ]);
    // One pool, Prisma's and the hot path's (src/db/direct-sql.ts); Prisma ends it on disconnect.
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    const db = new PgPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as unknown as Db;
    await db.$connect();
    registerDirect(db, pgDirect(pool, pg.types));
    const cache = createReferenceCache(db, provider, url);
    registerCache(db, cache);
    return { db, provider, close: async () => (await cache.close(), await db.$disconnect()) };
  }
  const file = sqlitePath(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
  // `timeout` is better-sqlite3's busy timeout: writers wait for each other instead of failing.
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  // The adapter opens the one connection; keep hold of it for the hot path (src/db/direct-sql.ts).
  let connection: BetterSqlite3.Database | undefined;
  const connect = adapter.connect.bind(adapter);
  adapter.connect = async () => {
    const opened = await connect();
    connection = (opened as unknown as { client: BetterSqlite3.Database }).client;
    return opened;
  };
  const db = new PrismaClient({ adapter });
  await db.$connect();
  if (!connection) throw new Error('the SQLite adapter opened no connection on $connect');
  registerDirect(db, sqliteDirect(connection));
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  registerCache(db, createReferenceCache(db, provider));
  return { db, provider, close: () => db.$disconnect() };
}

/**
 * The database too busy to take the write now (a transaction that could not start within its
 * maxWait, or timed out — Prisma's, or direct SQL's DatabaseBusyError; a write conflict or deadlock): nothing was stored, the same request may
 * simply be made again.
 */
export function isBusyError(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined;
  return code === 'P2028' || code === 'P2034' || code === 'P1008' || code === 'LIAISON_DB_BUSY';
}

/** Prisma's P2002, or the driver's own (direct SQL, src/db/direct-sql.ts): SQLite's constraint codes, PostgreSQL's 23505. */
export function isUniqueViolation(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined;
  return (
    code === 'P2002' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}
