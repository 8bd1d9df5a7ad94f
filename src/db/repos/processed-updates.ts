import type { Db } from '../client.js';
import { directOf, pgTimestamp, type DirectSql } from '../direct-sql.js';
import { turnBatcher } from '../turn-batch.js';
import {
  CONVERSATION_COLUMNS,
  conversationOf,
  type ConversationRecord,
  type ConversationRow,
} from './conversations.js';

export type ClaimResult =
  /** This handler owns the update now (`attempts` > 1: handled again after a crashed handler). */
  | { status: 'claimed'; attempts: number; conversation?: ConversationRecord | null }
  /** Handled already (or given up after a second crash): skip it. */
  | { status: 'done' }
  /** Another handler holds a live lease: wait for it to finish or for the lease to expire. */
  | { status: 'busy'; leaseUntil: Date };

const CLAIM = `INSERT INTO "ProcessedUpdate" ("updateId", "processedAt", "leaseUntil", "attempts") VALUES (?, ?, ?, 1)
  ON CONFLICT ("updateId") DO UPDATE SET "leaseUntil" = excluded."leaseUntil", "attempts" = "ProcessedUpdate"."attempts" + 1
  WHERE "ProcessedUpdate"."doneAt" IS NULL AND "ProcessedUpdate"."leaseUntil" < ? AND "ProcessedUpdate"."attempts" < ?
  RETURNING "attempts"`;
const CLAIM_PEEK =
  CLAIM +
  CONVERSATION_COLUMNS.map(
    (c) => `, (SELECT "${c}" FROM "Conversation" WHERE "chatId" = ? AND "userId" = ?) AS "c_${c}"`,
  ).join('');

/**
 * PostgreSQL: the claims of one turn of the event loop (a getUpdates batch arrives at once) in one
 * statement — each row claimed as CLAIM_PEEK claims it, each with its own times and conversation.
 */
const CLAIM_BATCH_PG = `WITH input AS (
    SELECT * FROM jsonb_to_recordset(?::jsonb)
      AS i("updateId" bigint, "processedAt" timestamp(3), "leaseUntil" timestamp(3), "chatId" bigint, "userId" bigint)
  ), claimed AS (
    INSERT INTO "ProcessedUpdate" ("updateId", "processedAt", "leaseUntil", "attempts")
    SELECT "updateId", "processedAt", "leaseUntil", 1 FROM input
    ON CONFLICT ("updateId") DO UPDATE SET "leaseUntil" = excluded."leaseUntil", "attempts" = "ProcessedUpdate"."attempts" + 1
    WHERE "ProcessedUpdate"."doneAt" IS NULL AND "ProcessedUpdate"."leaseUntil" < ? AND "ProcessedUpdate"."attempts" < ?
    RETURNING "updateId", "attempts"
  )
  SELECT claimed."updateId", claimed."attempts"${CONVERSATION_COLUMNS.map((c) => `, c."${c}" AS "c_${c}"`).join('')}
  FROM claimed JOIN input USING ("updateId")
  LEFT JOIN "Conversation" c ON c."chatId" = input."chatId" AND c."userId" = input."userId"`;

interface Claim {
  id: bigint;
  now: Date;
  leaseUntil: Date;
  clockNow: Date;
  peek?: { chatId: bigint; userId: bigint };
}
type ClaimRow = { attempts: number | bigint | string } & Record<string, unknown>;

/** PostgreSQL: the claims of one turn in one statement (CLAIM_BATCH_PG); a lease is compared with the batch's latest clock. */
const claimsInOneStatement = (direct: DirectSql, one: (c: Claim) => Promise<ClaimRow[]>) =>
  turnBatcher<Claim, ClaimRow[]>({
    key: (c) => String(c.id),
    one,
    async many(claims) {
      // In id order, as every instance's batches lock their rows (no deadlock between two).
      const c = [...claims].sort((a, b) => (a.id < b.id ? -1 : 1));
      const rows = await direct.all<ClaimRow>(CLAIM_BATCH_PG, [
        JSON.stringify(
          c.map((x) => ({
            updateId: String(x.id),
            processedAt: pgTimestamp(x.now),
            leaseUntil: pgTimestamp(x.leaseUntil),
            chatId: x.peek ? String(x.peek.chatId) : null,
            userId: x.peek ? String(x.peek.userId) : null,
          })),
        ),
        new Date(Math.max(...c.map((x) => x.clockNow.getTime()))),
        MAX_UPDATE_ATTEMPTS,
      ]);
      const byId = new Map(rows.map((r) => [String(r.updateId), r]));
      return claims.map((c) => {
        const row = byId.get(String(c.id));
        return row ? [row] : [];
      });
    },
  });

/** How many times one update is claimed at most: the first handling and one after a crash. */
export const MAX_UPDATE_ATTEMPTS = 2;

/**
 * Exactly-once update handling (docs/architecture.md#exactly-once-updates): an update is claimed
 * with a lease, marked done when its handler finished; a redelivery of a done update is skipped,
 * one whose lease expired (the process died mid-handler) is claimed again, once.
 */
export function createProcessedUpdatesRepo(db: Db) {
  const direct = directOf(db);
  const claimOne = (claim: Claim) =>
    direct.all<ClaimRow>(claim.peek ? CLAIM_PEEK : CLAIM, [
      claim.id,
      claim.now,
      claim.leaseUntil,
      claim.clockNow,
      MAX_UPDATE_ATTEMPTS,
      ...(claim.peek ? CONVERSATION_COLUMNS.flatMap(() => [claim.peek!.chatId, claim.peek!.userId]) : []),
    ]);
  const claimRows = direct.provider === 'postgresql' ? claimsInOneStatement(direct, claimOne) : claimOne;
  return {
    /**
     * One statement: inserts the claim, or takes over an expired, unfinished one. No row back
     * means someone else has it; only then is the row read to say why. With `peek`, the same
     * statement returns the conversation row of that chat and user (null: none), which the update's
     * handlers then need not read (src/db/repos/conversations.ts, conversationsForUpdate). On
     * PostgreSQL the claims made in one turn of the event loop share one statement.
     */
    async claim(
      updateId: number | bigint,
      now: Date,
      leaseUntil: Date,
      clockNow: Date = new Date(),
      peek?: { chatId: bigint; userId: bigint },
    ): Promise<ClaimResult> {
      const id = BigInt(updateId);
      const rows = await claimRows({ id, now, leaseUntil, clockNow, peek });
      if (rows.length) {
        const row = rows[0]!;
        const claimed = { status: 'claimed' as const, attempts: Number(row.attempts) };
        if (!peek) return claimed;
        const conversation =
          row.c_version === null || row.c_version === undefined
            ? null
            : conversationOf(
                peek,
                Object.fromEntries(CONVERSATION_COLUMNS.map((c) => [c, row[`c_${c}`]])) as ConversationRow,
              );
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
      await direct.run('UPDATE "ProcessedUpdate" SET "doneAt" = ?, "leaseUntil" = NULL WHERE "updateId" = ?', [
        now,
        BigInt(updateId),
      ]);
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
      return direct.run(
        'UPDATE "ProcessedUpdate" SET "leaseUntil" = ? WHERE "doneAt" IS NULL AND "leaseUntil" IS NOT NULL',
        [new Date(0)],
      );
    },
    /** Telegram keeps updates 24 hours; claims from before `before` (48 h ago, src/jobs/prune.ts) cannot be needed again. */
    async prune(before: Date): Promise<number> {
      const res = await db.processedUpdate.deleteMany({ where: { processedAt: { lt: before } } });
      return res.count;
    },
  };
}
export type ProcessedUpdatesRepo = ReturnType<typeof createProcessedUpdatesRepo>;
