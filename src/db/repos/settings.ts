import type { Db } from '../client.js';

export function createSettingsRepo(db: Db) {
  return {
    async get<T>(key: string): Promise<T | undefined> {
      const row = await db.setting.findUnique({ where: { key } });
      return row ? (row.value as T) : undefined;
    },
    set(key: string, value: unknown) {
      const v = value as never;
      return db.setting.upsert({ where: { key }, create: { key, value: v }, update: { value: v } });
    },
    async all(): Promise<Record<string, unknown>> {
      const rows = await db.setting.findMany();
      return Object.fromEntries(rows.map((r) => [r.key, r.value]));
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
