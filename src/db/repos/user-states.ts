import type { Db } from '../client.js';

// What a user's pressed button left waiting (a return's reason, /find's last query): one row per
// user and key, overwritten each time, so the table stays as small as its users; an expired row
// reads as absent.

export function createUserStatesRepo(db: Db) {
  return {
    async put(userId: number, key: string, value: unknown, expiresAt: Date): Promise<void> {
      const json = value as never;
      await db.userState.upsert({
        where: { userId_key: { userId, key } },
        create: { userId, key, value: json, expiresAt },
        update: { value: json, expiresAt },
      });
    },
    async get<T>(userId: number, key: string, now: Date): Promise<T | null> {
      const row = await db.userState.findUnique({ where: { userId_key: { userId, key } } });
      return row && row.expiresAt > now ? (row.value as T) : null;
    },
    /** Reads and removes it: of two instances taking it at once, one gets it. */
    async take<T>(userId: number, key: string, now: Date): Promise<T | null> {
      const row = await db.userState.findUnique({ where: { userId_key: { userId, key } } });
      if (!row) return null;
      const { count } = await db.userState.deleteMany({ where: { id: row.id, updatedAt: row.updatedAt } });
      return count === 1 && row.expiresAt > now ? (row.value as T) : null;
    },
    async clear(userId: number, key: string): Promise<void> {
      await db.userState.deleteMany({ where: { userId, key } });
    },
  };
}
export type UserStatesRepo = ReturnType<typeof createUserStatesRepo>;
