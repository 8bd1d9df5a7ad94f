import type { Db } from '../client.js';
import { cacheOf, writing } from '../cache.js';
import { directOf } from '../direct-sql.js';

// As JSON text on both providers (pg parses jsonb, and SQLite stores a JSON number as a number).
const ALL = 'SELECT "key", CAST("value" AS TEXT) AS "value" FROM "Setting"';
const UPSERT = `INSERT INTO "Setting" ("key", "value", "createdAt", "updatedAt") VALUES (?, ?, ?, ?)
  ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"`;

/**
 * Settings are reference data: read from one cached map, dropped when a setting is written
 * (src/db/cache.ts). Read and written on the driver (src/db/direct-sql.ts): start-up reads and
 * writes them before its first update, and Prisma's query compiler need not be built for that.
 */
export function createSettingsRepo(db: Db) {
  const cache = cacheOf(db);
  const direct = directOf(db);
  const all = () =>
    cache.get('settings', 'all', async () => {
      const rows = await direct.all<{ key: string; value: string }>(ALL, []);
      return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
    });
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const map = await all();
      return key in map ? (map[key] as T) : undefined;
    },
    set(key: string, value: unknown) {
      const at = new Date();
      return writing(cache, 'settings', direct.run(UPSERT, [key, JSON.stringify(value ?? null), at, at]));
    },
    /** A copy: callers may add to it. */
    async all(): Promise<Record<string, unknown>> {
      return { ...(await all()) };
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
