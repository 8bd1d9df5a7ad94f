import fs from 'node:fs';
import path from 'node:path';
import { PrismaClient } from '../generated/sqlite/client.js';
import { providerOf, sqlitePath, type DbProvider } from './provider.js';
import { createReferenceCache, registerCache } from './cache.js';

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
    const [{ PrismaClient: PgPrismaClient }, { PrismaPg }] = await Promise.all([
      import('../generated/postgresql/client.js'),
      import('@prisma/adapter-pg'),
    ]);
    const db = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db;
    await db.$connect();
    const cache = createReferenceCache(db, provider, url);
    registerCache(db, cache);
    return { db, provider, close: async () => (await cache.close(), await db.$disconnect()) };
  }
  const file = sqlitePath(url);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
  // `timeout` is better-sqlite3's busy timeout: writers wait for each other instead of failing.
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }) });
  await db.$connect();
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  registerCache(db, createReferenceCache(db, provider));
  return { db, provider, close: () => db.$disconnect() };
}

/** True when `err` is Prisma's unique-constraint violation (P2002). */
/**
 * The database too busy to take the write now (a transaction that could not start within its
 * maxWait, or timed out; a write conflict or deadlock): nothing was stored, the same request may
 * simply be made again.
 */
export function isBusyError(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined;
  return code === 'P2028' || code === 'P2034' || code === 'P1008';
}

export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'P2002';
}
