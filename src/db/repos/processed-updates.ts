import { Prisma, type Db } from '../client.js';
import type { ConversationRecord } from './conversations.js';

export type ClaimResult =
  /** This handler owns the update now (`attempts` > 1: handled again after a crashed handler). */
  | { status: 'claimed'; attempts: number; conversation?: ConversationRecord | null }
  /** Handled already (or given up after a second crash): skip it. */
  | { status: 'done' }
  /** Another handler holds a live lease: wait for it to finish or for the lease to expire. */
  | { status: 'busy'; leaseUntil: Date };

/** How many times one update is claimed at most: the first handling and one after a crash. */
export const MAX_UPDATE_ATTEMPTS = 2;

/**
 * Exactly-once update handling (docs/architecture.md#exactly-once-updates): an update is claimed
 * with a lease, marked done when its handler finished; a redelivery of a done update is skipped,
 * one whose lease expired (the process died mid-handler) is claimed again, once.
 */
export function createProcessedUpdatesRepo(db: Db) {
  return {
    /**
     * One statement: inserts the claim, or takes over an expired, unfinished one. No row back
     * means someone else has it; only then is the row read to say why. With `peek`, the same
     * statement returns the conversation row of that chat and user (null: none), which the update's
     * handlers then need not read (src/db/repos/conversations.ts, conversationsForUpdate).
     */
    async claim(
      updateId: number | bigint,
      now: Date,
      leaseUntil: Date,
      clockNow: Date = new Date(),
      peek?: { chatId: bigint; userId: bigint },
    ): Promise<ClaimResult> {
      const id = BigInt(updateId);
      const conv = (column: string) =>
        peek
          ? Prisma.sql`, (SELECT ${Prisma.raw(`"${column}"`)} FROM "Conversation" WHERE "chatId" = ${peek.chatId} AND "userId" = ${peek.userId}) AS ${Prisma.raw(`"c_${column}"`)}`
          : Prisma.empty;
      const rows = await db.$queryRaw<({ attempts: number } & Record<string, unknown>)[]>`
        INSERT INTO "ProcessedUpdate" ("updateId", "processedAt", "leaseUntil", "attempts") VALUES (${id}, ${now}, ${leaseUntil}, 1)
        ON CONFLICT ("updateId") DO UPDATE SET "leaseUntil" = excluded."leaseUntil", "attempts" = "ProcessedUpdate"."attempts" + 1
        WHERE "ProcessedUpdate"."doneAt" IS NULL AND "ProcessedUpdate"."leaseUntil" < ${clockNow} AND "ProcessedUpdate"."attempts" < ${MAX_UPDATE_ATTEMPTS}
        RETURNING "attempts"${conv('kind')}${conv('state')}${conv('version')}${conv('expiresAt')}${conv('updatedAt')}`;
      if (rows.length) {
        const row = rows[0]!;
        const claimed = { status: 'claimed' as const, attempts: Number(row.attempts) };
        if (!peek) return claimed;
        const conversation: ConversationRecord | null =
          row.c_version === null || row.c_version === undefined
            ? null
            : {
                ...peek,
                kind: String(row.c_kind),
                state: jsonOf(row.c_state),
                version: Number(row.c_version),
                expiresAt: dateOf(row.c_expiresAt),
                updatedAt: dateOf(row.c_updatedAt),
              };
        return { ...claimed, conversation };
      }
      const row = await db.processedUpdate.findUnique({
        where: { updateId: id },
        select: { doneAt: true, leaseUntil: true, attempts: true },
      });
      if (!row || row.doneAt || !row.leaseUntil || row.attempts >= MAX_UPDATE_ATTEMPTS) return { status: 'done' };
      return { status: 'busy', leaseUntil: row.leaseUntil };
    },
    /** The handler finished (answered, or apologised): redeliveries are skipped from now on. */
    async markDone(updateId: number | bigint, now: Date): Promise<void> {
      // One statement (Prisma's updateMany adds a transaction around it).
      await db.$executeRaw`UPDATE "ProcessedUpdate" SET "doneAt" = ${now}, "leaseUntil" = NULL WHERE "updateId" = ${BigInt(updateId)}`;
    },
    /** A long handler keeps its lease. */
    async renew(updateId: number | bigint, leaseUntil: Date): Promise<void> {
      await db.processedUpdate.updateMany({
        where: { updateId: BigInt(updateId), doneAt: null },
        data: { leaseUntil },
      });
    },
    /**
     * SQLite at start-up: one process owns the file, so any unfinished claim belongs to a process
     * that died; its redelivered update is handled at once instead of after the lease.
     */
    async expireUnfinished(): Promise<number> {
      const res = await db.processedUpdate.updateMany({
        where: { doneAt: null, leaseUntil: { not: null } },
        data: { leaseUntil: new Date(0) },
      });
      return res.count;
    },
    /** Telegram keeps updates 24 hours; claims from before `before` (48 h ago, src/jobs/prune.ts) cannot be needed again. */
    async prune(before: Date): Promise<number> {
      const res = await db.processedUpdate.deleteMany({ where: { processedAt: { lt: before } } });
      return res.count;
    },
  };
}
/** A subquery's value comes back untyped on SQLite (text), typed on PostgreSQL. */
function dateOf(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(s) ? s : `${s}Z`);
}
function jsonOf(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : v;
}

export type ProcessedUpdatesRepo = ReturnType<typeof createProcessedUpdatesRepo>;
