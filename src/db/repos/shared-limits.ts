import type { Db } from '../client.js';

/**
 * Limits shared by every instance on PostgreSQL (README "Several instances"): send pacing
 * (SendPace: a cursor per key holding the next free slot, in the database's milliseconds) and
 * per-user update windows (RateWindow). Each reservation is one atomic statement on one row, so
 * two instances never get the same slot. Times come from the database clock
 * (`clock_timestamp()`), so the instances' own clocks need not agree. PostgreSQL only: on SQLite
 * one process owns the file and keeps these limits in memory.
 */
const DB_NOW = `(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint`;
export const GLOBAL_KEY = 'global';
export const PAUSE_KEY = 'pause';

export interface Slot {
  /** When the reserved send may go (database milliseconds). */
  slot: number;
  /** The database's clock when it was reserved. */
  now: number;
}

export function createSharedLimitsRepo(db: Db) {
  const ensure = () =>
    db.$executeRawUnsafe(
      `INSERT INTO "SendPace" ("key", "nextAt", "updatedAt") VALUES ($1, 0, now()), ($2, 0, now()) ON CONFLICT ("key") DO NOTHING`,
      GLOBAL_KEY,
      PAUSE_KEY,
    );
  return {
    /**
     * The next global slot, `intervalMs` after the previous one, never in the past and never
     * before a pause (429) ends; and, in the same statement, `key` (a chat) for that slot if its
     * previous send is at least `keyIntervalMs` before it (the chat's cursor moves past the slot).
     * `claimed` false: the chat is not free at the slot, which is then lost.
     */
    async reserve(intervalMs: number, key: string, keyIntervalMs: number): Promise<Slot & { claimed: boolean }> {
      for (let attempt = 0; ; attempt++) {
        const rows = await db.$queryRawUnsafe<{ slot: bigint; now: bigint; claimed: bigint }[]>(
          `WITH g AS (
             UPDATE "SendPace" g SET "nextAt" = GREATEST(g."nextAt", t.now, p."nextAt") + $1::bigint, "updatedAt" = now()
               FROM (SELECT ${DB_NOW} AS now) t, "SendPace" p
              WHERE g."key" = $2 AND p."key" = $3
          RETURNING g."nextAt" - $1::bigint AS slot, t.now AS now),
           c AS (
             INSERT INTO "SendPace" ("key", "nextAt", "updatedAt") SELECT $4, g.slot + $5::bigint, now() FROM g
             ON CONFLICT ("key") DO UPDATE SET "nextAt" = EXCLUDED."nextAt", "updatedAt" = now()
              WHERE "SendPace"."nextAt" <= EXCLUDED."nextAt" - $5::bigint
          RETURNING 1)
           SELECT g.slot, g.now, (SELECT count(*) FROM c) AS claimed FROM g`,
          Math.ceil(intervalMs),
          GLOBAL_KEY,
          PAUSE_KEY,
          key,
          Math.ceil(keyIntervalMs),
        );
        const row = rows[0];
        if (row) return { slot: Number(row.slot), now: Number(row.now), claimed: Number(row.claimed) === 1 };
        if (attempt > 0) throw new Error('SendPace global row missing');
        await ensure();
      }
    },
    /** Gives back `key`'s slot taken by `reserve` (a sender that woke too late to use it). */
    async release(key: string, slot: number, keyIntervalMs: number): Promise<void> {
      await db.$executeRawUnsafe(
        `UPDATE "SendPace" SET "nextAt" = $2::bigint, "updatedAt" = now() WHERE "key" = $1 AND "nextAt" = $2::bigint + $3::bigint`,
        key,
        Math.floor(slot),
        Math.ceil(keyIntervalMs),
      );
    },
    /** When `key` is free next, and the database clock now. */
    async readyAt(key: string): Promise<Slot> {
      const rows = await db.$queryRawUnsafe<{ slot: bigint | null; now: bigint }[]>(
        `SELECT (SELECT "nextAt" FROM "SendPace" WHERE "key" = $1) AS slot, ${DB_NOW} AS now`,
        key,
      );
      const now = Number(rows[0]!.now);
      return { slot: rows[0]!.slot === null ? now : Number(rows[0]!.slot), now };
    },
    /**
     * Every instance stops sending until `ms` from now (a burst of 429s: the bot-wide limit), or,
     * with `key` (a chat), every instance stops sending to that chat (its own 429's retry_after).
     */
    async pause(ms: number, key: string = PAUSE_KEY): Promise<Slot> {
      const rows = await db.$queryRawUnsafe<{ slot: bigint; now: bigint }[]>(
        `INSERT INTO "SendPace" ("key", "nextAt", "updatedAt") VALUES ($1, ${DB_NOW} + $2::bigint, now())
         ON CONFLICT ("key") DO UPDATE SET "nextAt" = GREATEST("SendPace"."nextAt", EXCLUDED."nextAt"), "updatedAt" = now()
         RETURNING "nextAt" AS slot, ${DB_NOW} AS now`,
        key,
        Math.ceil(ms),
      );
      return { slot: Number(rows[0]!.slot), now: Number(rows[0]!.now) };
    },
    /**
     * Counts one update of `key` in its window (which opens at the first update and lasts
     * `windowMs`); returns the count so far in the window, this one included.
     */
    async hit(key: string, windowMs: number): Promise<number> {
      const rows = await db.$queryRawUnsafe<{ hits: number }[]>(
        `INSERT INTO "RateWindow" ("key", "windowStart", "hits", "updatedAt") VALUES ($1, ${DB_NOW}, 1, now())
         ON CONFLICT ("key") DO UPDATE SET
           "hits" = CASE WHEN "RateWindow"."windowStart" <= EXCLUDED."windowStart" - $2::bigint THEN 1 ELSE "RateWindow"."hits" + 1 END,
           "windowStart" = CASE WHEN "RateWindow"."windowStart" <= EXCLUDED."windowStart" - $2::bigint THEN EXCLUDED."windowStart" ELSE "RateWindow"."windowStart" END,
           "updatedAt" = now()
         RETURNING "hits"`,
        key,
        Math.ceil(windowMs),
      );
      return Number(rows[0]!.hits);
    },
    /** Chats idle for `idleMs` and windows untouched since `before` hold no constraint any more. */
    async prune(idleMs: number, before: Date): Promise<number> {
      const paces = await db.$executeRawUnsafe(
        `DELETE FROM "SendPace" WHERE "key" NOT IN ($1, $2) AND "nextAt" < ${DB_NOW} - $3::bigint`,
        GLOBAL_KEY,
        PAUSE_KEY,
        Math.ceil(idleMs),
      );
      const windows = await db.rateWindow.deleteMany({ where: { updatedAt: { lt: before } } });
      return paces + windows.count;
    },
  };
}
export type SharedLimitsRepo = ReturnType<typeof createSharedLimitsRepo>;
