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
  /** Connects Prisma now (it would on its first query): start-up calls it once updates are being taken. */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the database. Prisma's client is made but not connected: it connects, and builds its query
 * compiler (WebAssembly, ~60 ms of CPU), on its first query. What start-up runs before its first
 * getUpdates (migration check, settings, claims, the cache's watch) goes through the driver, so
 * that cost falls after updates are being taken; the app then warms Prisma up (`warmUp`).
 */
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
    // Prisma connects (and builds its query compiler) on its first query, not here (see above).
    const db = new PgPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as unknown as Db;
    const direct = pgDirect(pool, pg.types);
    registerDirect(db, direct);
    const cache = createReferenceCache(direct, provider, url);
    registerCache(db, cache);
    return {
      db,
      provider,
      warmUp: () => db.$connect(),
      close: async () => (await cache.close(), await db.$disconnect()),
    };
  }
  const file = sqlitePath(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
  // `timeout` is better-sqlite3's busy timeout: writers wait for each other instead of failing.
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  // The adapter's one connection, opened here and handed to Prisma when it connects: the hot path
  // (src/db/direct-sql.ts) shares it.
  const opened = await adapter.connect();
  adapter.connect = async () => opened;
  const connection = (opened as unknown as { client: BetterSqlite3.Database }).client;
  if (!connection) throw new Error('the SQLite adapter opened no connection');
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('foreign_keys = ON');
  const db = new PrismaClient({ adapter });
  const direct = sqliteDirect(connection);
  registerDirect(db, direct);
  registerCache(db, createReferenceCache(direct, provider));
  return {
    db,
    provider,
    warmUp: () => db.$connect(),
    close: async () => {
      // The writes queued for the end of this turn (group commit) go in before the connection closes.
      direct.flush();
      await db.$disconnect();
      // Prisma closes the connection when it had connected; else it is still this one's.
      if (connection.open) connection.close();
    },
  };
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
