import type { Db } from '../client.js';
import { cacheOf, writing } from '../cache.js';

/** Settings are reference data: read from one cached map, dropped when a setting is written (src/db/cache.ts). */
export function createSettingsRepo(db: Db) {
  const cache = cacheOf(db);
  const all = () =>
    cache.get(
      'settings',
      'all',
      async () =>
        Object.fromEntries((await db.setting.findMany()).map((r) => [r.key, r.value])) as Record<string, unknown>,
    );
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const map = await all();
      return key in map ? (map[key] as T) : undefined;
    },
    set(key: string, value: unknown) {
      const v = value as never;
      return writing(
        cache,
        'settings',
        db.setting.upsert({ where: { key }, create: { key, value: v }, update: { value: v } }),
      );
    },
    /** A copy: callers may add to it. */
    async all(): Promise<Record<string, unknown>> {
      return { ...(await all()) };
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
