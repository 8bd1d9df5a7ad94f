import type { Db } from '../client.js';
import type { DbProvider } from '../provider.js';
import { scrubText } from '../../security/scrub.js';
import { directOf, type Row } from '../direct-sql.js';
import { columnList, rowOf, type Columns } from '../columns.js';
import type { Notification } from '../../generated/sqlite/client.js';

export interface OutboxItem {
  chatId: bigint;
  userId?: number | null;
  kind: string;
  dedupeKey: string;
  payload: Record<string, unknown>;
  dueAt: Date;
}

/** Every column, as the claim returns the rows it took (src/db/columns.ts). */
export const NOTIFICATION_COLUMNS = {
  id: 'int',
  chatId: 'bigint',
  userId: 'int',
  kind: 'text',
  dedupeKey: 'text',
  payload: 'json',
  dueAt: 'date',
  state: { enum: 'NotificationState' },
  attempts: 'int',
  lastError: 'text',
  leaseUntil: 'date',
  claimedBy: 'text',
  sentAt: 'date',
  sentMessageId: 'int',
  createdAt: 'date',
  updatedAt: 'date',
} satisfies Columns;
const RETURNING = `RETURNING ${columnList(NOTIFICATION_COLUMNS)}`;
const MARK_SENT = `UPDATE "Notification" SET "state" = 'SENT', "sentAt" = ?, "sentMessageId" = ?, "leaseUntil" = NULL,
  "lastError" = NULL, "updatedAt" = ? WHERE "id" = ?`;

/** Rows per insert statement when enqueuing many (a full planning pass: thousands); 8 parameters a row stay under SQLite's 32,766 and PostgreSQL's 65,535. */
const ENQUEUE_BATCH = 2000;

/**
 * The outbox: every message the bot sends on its own initiative (reminders, digests, alerts) is a
 * row here first, unique by dedupe key, so planning twice or on two instances inserts it once.
 */
export function createNotificationsRepo(db: Db, provider: DbProvider) {
  // The dispatcher's claim and its marks of what was sent are on the driver (src/db/direct-sql.ts):
  // its first pass after start-up then waits for no Prisma query compiler, and each send costs
  // one short statement (on SQLite, committed with the turn's other writes).
  const direct = directOf(db);
  async function claimPg(
    now: Date,
    limit: number,
    owner: string,
    leaseUntil: Date,
    skipKindPrefix?: string,
    chatGapMs?: number,
  ): Promise<Row[]> {
    return direct.all(
      `UPDATE "Notification" SET "state" = 'SENDING'::"NotificationState", "leaseUntil" = $1, "claimedBy" = $2,
              "attempts" = "attempts" + 1, "updatedAt" = $3
        WHERE "id" IN (
          SELECT "id" FROM "Notification" n
           WHERE (("state" = 'PENDING'::"NotificationState" AND "dueAt" <= $3)
              OR ("state" = 'SENDING'::"NotificationState" AND "leaseUntil" < $3))
             AND ($5::text IS NULL OR "kind" NOT LIKE $5::text)
             AND ($6::timestamp(3) IS NULL OR NOT EXISTS (
               SELECT 1 FROM "Notification" o
                WHERE o."chatId" = n."chatId" AND o."claimedBy" <> $2
                  AND ((o."state" = 'SENDING'::"NotificationState" AND o."leaseUntil" >= $3)
                    OR (o."state" = 'SENT'::"NotificationState" AND o."updatedAt" > $6::timestamp(3)))))
           ORDER BY "dueAt", "id" LIMIT $4 FOR UPDATE SKIP LOCKED)
        ${RETURNING}`,
      [
        leaseUntil,
        owner,
        now,
        limit,
        skipKindPrefix === undefined ? null : `${skipKindPrefix}%`,
        chatGapMs === undefined ? null : new Date(Date.now() - chatGapMs),
      ],
    );
  }

  async function claimSqlite(
    now: Date,
    limit: number,
    owner: string,
    leaseUntil: Date,
    skipKindPrefix?: string,
    chatGapMs?: number,
  ): Promise<Row[]> {
    // One statement: SQLite runs it under the write lock, so a row is claimed at most once even
    // across processes, and a claim is one write (a busy file lock blocks better-sqlite3's thread,
    // the event loop with it, once per write).
    return direct.all(
      `UPDATE "Notification" SET "state" = 'SENDING', "leaseUntil" = ?, "claimedBy" = ?, "attempts" = "attempts" + 1, "updatedAt" = ?
        WHERE "id" IN (
          SELECT n."id" FROM "Notification" n
           WHERE ((n."state" = 'PENDING' AND n."dueAt" <= ?) OR (n."state" = 'SENDING' AND n."leaseUntil" < ?))
             AND (? IS NULL OR n."kind" NOT LIKE ?)
             AND (? IS NULL OR NOT EXISTS (
               SELECT 1 FROM "Notification" o
                WHERE o."chatId" = n."chatId" AND o."claimedBy" <> ?
                  AND ((o."state" = 'SENDING' AND o."leaseUntil" >= ?) OR (o."state" = 'SENT' AND o."updatedAt" > ?))))
           ORDER BY n."dueAt", n."id" LIMIT ?)
        ${RETURNING}`,
      [
        leaseUntil,
        owner,
        new Date(),
        now,
        now,
        skipKindPrefix ?? null,
        skipKindPrefix === undefined ? null : `${skipKindPrefix}%`,
        chatGapMs ?? null,
        owner,
        now,
        new Date(Date.now() - (chatGapMs ?? 0)),
        limit,
      ],
    );
  }

  return {
    /**
     * Inserts the items whose dedupe key is new; returns how many were inserted. Many at once (a
     * full planning pass: thousands) in one statement per `ENQUEUE_BATCH` rows with ON CONFLICT DO
     * NOTHING: Prisma's createMany costs about 1 ms a row on both providers, and on SQLite cannot
     * skip duplicates. PostgreSQL gets one array per column (unnest), SQLite a VALUES list. Dates go
     * as Date parameters, which each adapter writes as Prisma does (UTC, whatever the process's TZ).
     */
    async enqueue(items: OutboxItem[]): Promise<number> {
      let inserted = 0;
      for (let i = 0; i < items.length; i += ENQUEUE_BATCH) {
        const batch = items.slice(i, i + ENQUEUE_BATCH);
        const now = new Date();
        const columns = '"chatId", "userId", "kind", "dedupeKey", "payload", "dueAt", "createdAt", "updatedAt"';
        if (provider === 'postgresql') {
          // One array per column: eight parameters whatever the number of rows.
          const col = <T>(f: (x: OutboxItem) => T) => batch.map(f);
          inserted += await db.$executeRawUnsafe(
            `INSERT INTO "Notification" (${columns}) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::jsonb[], $6::timestamp(3)[], $7::timestamp(3)[], $8::timestamp(3)[]) ON CONFLICT ("dedupeKey") DO NOTHING`,
            col((x) => x.chatId.toString()),
            col((x) => x.userId ?? null),
            col((x) => x.kind),
            col((x) => x.dedupeKey),
            col((x) => JSON.stringify(x.payload)),
            col((x) => x.dueAt),
            col(() => now),
            col(() => now),
          );
          continue;
        }
        const values = batch.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
        const params = batch.flatMap((x) => [
          x.chatId,
          x.userId ?? null,
          x.kind,
          x.dedupeKey,
          JSON.stringify(x.payload),
          x.dueAt,
          now,
          now,
        ]);
        inserted += await db.$executeRawUnsafe(
          `INSERT INTO "Notification" (${columns}) VALUES ${values} ON CONFLICT ("dedupeKey") DO NOTHING`,
          ...params,
        );
      }
      return inserted;
    },
    /**
     * Claims due notifications with a lease; an expired lease (crashed sender) makes them due again.
     * `skipKindPrefix` leaves those kinds for later (reminders outside working hours).
     * `chatGapMs` leaves the rows of a chat that another claimer holds (its lease running) or sent
     * to less than `chatGapMs` ago (real time, as `updatedAt`): a claimer's own limiter spaces its
     * own sends to a chat, not another's (SQLite: each process keeps its limits in memory), and a
     * chat's messages stay with one sender at a time, in order. Exact on SQLite (one statement
     * under the write lock); on PostgreSQL two claims at the same moment may both see the chat
     * free, and the shared limiter's per-chat cursor spaces them.
     */
    async claimDue(
      now: Date,
      opts: { limit: number; owner: string; leaseMs: number; skipKindPrefix?: string; chatGapMs?: number },
    ) {
      const leaseUntil = new Date(now.getTime() + opts.leaseMs);
      const rows = await (provider === 'postgresql' ? claimPg : claimSqlite)(
        now,
        opts.limit,
        opts.owner,
        leaseUntil,
        opts.skipKindPrefix,
        opts.chatGapMs,
      );
      // Oldest due first (RETURNING keeps no order).
      return rows
        .map((r) => rowOf<Notification>(NOTIFICATION_COLUMNS, r))
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
    },
    /** `updatedAt` is real time, as Prisma's: claims space a chat's sends by it (chatGapMs). */
    async markSent(id: number, messageId: number | null, now: Date): Promise<void> {
      await direct.run(MARK_SENT, [now, messageId, new Date(), id]);
    },
    markRetry(id: number, error: string, retryAt: Date) {
      return db.notification.update({
        where: { id },
        data: { state: 'PENDING', dueAt: retryAt, leaseUntil: null, lastError: scrubText(error) },
      });
    },
    /** FAILED: not deliverable to this chat (blocked, left); DEAD: gave up after retries. Both are reported in the digest. */
    markFailed(id: number, state: 'FAILED' | 'DEAD', error: string) {
      return db.notification.update({ where: { id }, data: { state, leaseUntil: null, lastError: scrubText(error) } });
    },
    /** Retires pending notifications whose reason went away (activity cancelled, date moved...). */
    async cancelPending(dedupeKeys: string[]): Promise<number> {
      if (dedupeKeys.length === 0) return 0;
      const res = await db.notification.updateMany({
        where: { dedupeKey: { in: dedupeKeys }, state: 'PENDING' },
        data: { state: 'CANCELLED' },
      });
      return res.count;
    },
    listPending(opts: { kindPrefix?: string; take?: number } = {}) {
      return db.notification.findMany({
        where: {
          state: { in: ['PENDING', 'SENDING'] },
          ...(opts.kindPrefix ? { kind: { startsWith: opts.kindPrefix } } : {}),
        },
        orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
        take: opts.take ?? 100,
      });
    },
    pendingKeys(kindPrefix: string) {
      return db.notification
        .findMany({ where: { state: 'PENDING', kind: { startsWith: kindPrefix } }, select: { dedupeKey: true } })
        .then((rows) => rows.map((r) => r.dedupeKey));
    },
    listUndeliveredSince(since: Date) {
      return db.notification.findMany({
        where: { state: { in: ['FAILED', 'DEAD'] }, updatedAt: { gt: since } },
        orderBy: { updatedAt: 'asc' },
      });
    },
    depth(now: Date) {
      return db.notification.count({ where: { state: 'PENDING', dueAt: { lte: now } } });
    },
    /** Follows a group that became a supergroup: its pending and in-flight messages go to the new id. */
    rechat(oldChatId: bigint, newChatId: bigint) {
      return db.notification.updateMany({
        where: { chatId: oldChatId, state: { in: ['PENDING', 'SENDING'] } },
        data: { chatId: newChatId },
      });
    },
    findByKey(dedupeKey: string) {
      return db.notification.findUnique({ where: { dedupeKey } });
    },
    /** The state of each of `dedupeKeys` that exists (the planner inserts only the absent ones). */
    async statesOf(dedupeKeys: string[]): Promise<Map<string, string>> {
      const out = new Map<string, string>();
      for (let i = 0; i < dedupeKeys.length; i += 500) {
        const rows = await db.notification.findMany({
          where: { dedupeKey: { in: dedupeKeys.slice(i, i + 500) } },
          select: { dedupeKey: true, state: true },
        });
        for (const r of rows) out.set(r.dedupeKey, r.state);
      }
      return out;
    },
    /** A retired notification whose reason came back (follow-up reopened, date moved back): pending again. */
    async revive(dedupeKey: string, dueAt: Date, payload: Record<string, unknown>): Promise<boolean> {
      const res = await db.notification.updateMany({
        where: { dedupeKey, state: 'CANCELLED' },
        data: { state: 'PENDING', dueAt, payload: payload as never, attempts: 0, lastError: null },
      });
      return res.count === 1;
    },
    /** Gives a claimed notification back without counting an attempt (429, shutting down). */
    release(id: number, dueAt: Date, error: string | null) {
      return db.notification.updateMany({
        where: { id, state: 'SENDING' },
        data: {
          state: 'PENDING',
          dueAt,
          leaseUntil: null,
          lastError: error === null ? null : scrubText(error),
          attempts: { decrement: 1 },
        },
      });
    },
    /** Progress of a multi-part message (the digest), so a retry resumes after the parts already sent. */
    saveProgress(id: number, payload: Record<string, unknown>) {
      return db.notification.update({ where: { id }, data: { payload: payload as never } });
    },
    /** The chat blocked the bot or removed it: its other pending notifications fail too, without a send each. */
    async failPendingForChat(chatId: bigint, error: string): Promise<number> {
      const res = await db.notification.updateMany({
        where: { chatId, state: 'PENDING' },
        data: { state: 'FAILED', lastError: scrubText(error) },
      });
      return res.count;
    },
    countByState() {
      return db.notification
        .groupBy({ by: ['state'], _count: { _all: true } })
        .then((rows) => Object.fromEntries(rows.map((r) => [r.state, r._count._all])) as Record<string, number>);
    },
  };
}
export type NotificationsRepo = ReturnType<typeof createNotificationsRepo>;
