import { isUniqueViolation, type Db } from '../client.js';
import { dateValue, directOf, jsonValue, pgTimestamp, type Work } from '../direct-sql.js';
import { turnBatcher } from '../turn-batch.js';
import type { DbProvider } from '../provider.js';

export interface ConversationRecord<S = unknown> {
  chatId: bigint;
  userId: bigint;
  kind: string;
  state: S;
  version: number;
  expiresAt: Date;
  updatedAt: Date;
}

export class StaleConversationError extends Error {
  constructor() {
    super('conversation changed concurrently');
    this.name = 'StaleConversationError';
  }
}

/** A form's submit claimed (deleted with the version read) elsewhere first: a second press, another instance. */
export class FormClaimedError extends Error {
  readonly code = 'LIAISON_FORM_CLAIMED';
  constructor() {
    super('the form was submitted or changed since it was read');
    this.name = 'FormClaimedError';
  }
}

/**
 * A form's claim as the first step of the unit of work that stores it: the conversation deleted
 * with the version read, or the unit of work failed with FormClaimedError (nothing of it stored).
 */
export type FormClaim = () => Work<void>;

/** The columns a conversation is read with: by `get`, and by an update's claim (processed-updates.ts). */
export const CONVERSATION_COLUMNS = ['kind', 'state', 'version', 'expiresAt', 'updatedAt'] as const;
export type ConversationRow = Record<(typeof CONVERSATION_COLUMNS)[number], unknown>;

/** A conversation row as the driver returns it (direct SQL: src/db/direct-sql.ts). */
export function conversationOf<S>(
  own: { chatId: bigint; userId: bigint },
  row: ConversationRow,
): ConversationRecord<S> {
  return {
    ...own,
    kind: String(row.kind),
    state: jsonValue(row.state) as S,
    version: Number(row.version),
    expiresAt: dateValue(row.expiresAt),
    updatedAt: dateValue(row.updatedAt),
  };
}

interface VersionedUpdate {
  chatId: bigint;
  userId: bigint;
  kind: string;
  /** The state as JSON. */
  value: string;
  expectedVersion: number;
  expiresAt: Date;
  now: Date;
}

/** Versioned saves of many conversations (each as the one-row UPDATE); the rows changed come back. */
const UPDATE_MANY_PG = `UPDATE "Conversation" AS c
  SET "kind" = v."kind", "state" = v."state"::jsonb, "version" = v."expected" + 1, "expiresAt" = v."expiresAt", "updatedAt" = v."updatedAt"
  FROM jsonb_to_recordset(?::jsonb) AS v("chatId" bigint, "userId" bigint, "kind" text, "state" text, "expected" integer, "expiresAt" timestamp(3), "updatedAt" timestamp(3))
  WHERE c."chatId" = v."chatId" AND c."userId" = v."userId" AND c."version" = v."expected"
  RETURNING c."chatId", c."userId"`;

/** A conversation deleted only if nobody saved it since `version` was read (a form's claim). */
const DELETE_AT_VERSION = 'DELETE FROM "Conversation" WHERE "chatId" = ? AND "userId" = ? AND "version" = ?';

/**
 * A conversation's read, save and delete run on every form step: direct SQL on the driver
 * (src/db/direct-sql.ts), one statement each.
 */
export function createConversationsRepo(db: Db, provider: DbProvider) {
  const direct = directOf(db);
  const json = provider === 'postgresql' ? '?::jsonb' : '?';
  const updateOne = (u: VersionedUpdate) =>
    direct.run(
      `UPDATE "Conversation" SET "kind" = ?, "state" = ${json}, "version" = ?, "expiresAt" = ?, "updatedAt" = ? WHERE "chatId" = ? AND "userId" = ? AND "version" = ?`,
      [u.kind, u.value, u.expectedVersion + 1, u.expiresAt, u.now, u.chatId, u.userId, u.expectedVersion],
    );
  // PostgreSQL: the saves of one turn (the updates of a getUpdates batch) in one statement.
  const update =
    provider === 'postgresql'
      ? turnBatcher<VersionedUpdate, number>({
          key: (u) => `${u.chatId}:${u.userId}`,
          one: updateOne,
          async many(updates) {
            // In key order, as every instance's batches lock their rows (no deadlock between two).
            const ordered = [...updates].sort((a, b) =>
              a.chatId !== b.chatId ? (a.chatId < b.chatId ? -1 : 1) : a.userId < b.userId ? -1 : 1,
            );
            const rows = await direct.all<{ chatId: string; userId: string }>(UPDATE_MANY_PG, [
              JSON.stringify(
                ordered.map((u) => ({
                  chatId: String(u.chatId),
                  userId: String(u.userId),
                  kind: u.kind,
                  state: u.value,
                  expected: u.expectedVersion,
                  expiresAt: pgTimestamp(u.expiresAt),
                  updatedAt: pgTimestamp(u.now),
                })),
              ),
            ]);
            const changed = new Set(rows.map((r) => `${r.chatId}:${r.userId}`));
            return updates.map((u) => (changed.has(`${u.chatId}:${u.userId}`) ? 1 : 0));
          },
        })
      : updateOne;
  return {
    async get<S>(chatId: bigint, userId: bigint): Promise<ConversationRecord<S> | null> {
      const [row] = await direct.all<ConversationRow>(
        `SELECT ${CONVERSATION_COLUMNS.map((c) => `"${c}"`).join(', ')} FROM "Conversation" WHERE "chatId" = ? AND "userId" = ?`,
        [chatId, userId],
      );
      return row ? conversationOf<S>({ chatId, userId }, row) : null;
    },
    /**
     * Saves with optimistic concurrency: `expectedVersion` is the version read (null for a new
     * conversation). A concurrent writer makes this throw StaleConversationError.
     */
    async save<S>(
      chatId: bigint,
      userId: bigint,
      kind: string,
      state: S,
      expectedVersion: number | null,
      expiresAt: Date,
    ): Promise<number> {
      const value = JSON.stringify(state);
      const now = new Date();
      if (expectedVersion === null) {
        try {
          await direct.run(
            `INSERT INTO "Conversation" ("chatId", "userId", "kind", "state", "version", "expiresAt", "createdAt", "updatedAt") VALUES (?, ?, ?, ${json}, 1, ?, ?, ?)`,
            [chatId, userId, kind, value, expiresAt, now, now],
          );
          return 1;
        } catch (err) {
          if (isUniqueViolation(err)) throw new StaleConversationError();
          throw err;
        }
      }
      // The version read is the condition: a concurrent writer makes this change no row.
      const count = await update({ chatId, userId, kind, value, expectedVersion, expiresAt, now });
      if (count !== 1) throw new StaleConversationError();
      return expectedVersion + 1;
    },
    /** With `expectedVersion`, deletes only if nobody saved since it was read (claims a form's submit once). */
    async delete(chatId: bigint, userId: bigint, expectedVersion?: number): Promise<boolean> {
      const count =
        expectedVersion === undefined
          ? await direct.run('DELETE FROM "Conversation" WHERE "chatId" = ? AND "userId" = ?', [chatId, userId])
          : await direct.run(DELETE_AT_VERSION, [chatId, userId, expectedVersion]);
      return count > 0;
    },
    /**
     * `store` given the form's claim (`delete` with `expectedVersion`, FormClaim), to run first in
     * the unit of work that stores the form, so that the two are committed together. `claimed`:
     * the claim ran in the unit of work `store` resolved after.
     */
    async claimWith<T>(
      chatId: bigint,
      userId: bigint,
      expectedVersion: number,
      store: (claim: FormClaim) => Promise<T>,
    ): Promise<{ value: T; claimed: boolean }> {
      let claimed = false;
      const value = await store(function* () {
        claimed = true;
        const gone = yield {
          sql: `${DELETE_AT_VERSION} RETURNING "version"`,
          params: [chatId, userId, expectedVersion],
        };
        if (gone.length === 0) throw new FormClaimedError();
      });
      return { value, claimed };
    },
    /** Removes and returns conversations idle past their expiry, so their users can be told. */
    async takeExpired(now: Date, limit = 100, kind?: string) {
      const rows = await db.conversation.findMany({
        where: { expiresAt: { lte: now }, ...(kind ? { kind } : {}) },
        take: limit,
        orderBy: { expiresAt: 'asc' },
      });
      if (rows.length === 0) return [];
      const taken = [];
      for (const r of rows) {
        const res = await db.conversation.deleteMany({ where: { id: r.id, version: r.version } });
        if (res.count === 1) taken.push(r);
      }
      return taken;
    },
  };
}
export type ConversationsRepo = ReturnType<typeof createConversationsRepo>;

/** The conversations repo as one update sees it (conversationsForUpdate). */
export type UpdateConversations = ConversationsRepo & {
  /**
   * The update's last write to its own conversation saved a state that records the update's id
   * (`u`, as the form engine's does): the form engine, loading it again, knows this update was
   * applied (a replay after a crash is answered, not applied twice), so that save is also the
   * update's done mark (src/bot/middlewares/dedupe.ts) and no separate one is written.
   */
  readonly savedByUpdate: boolean;
};

/**
 * The conversations repo as one update sees it: the row of the update's own chat and user is read
 * once (or taken from `seed`, read with the update's claim) and kept in step with this update's own
 * saves and deletes, so the handlers that look at it do not read it again. Another writer (another
 * instance) is still caught by the version: a save with a stale version throws, and the next get reads.
 */
export function conversationsForUpdate(
  repo: ConversationsRepo,
  own: { chatId: bigint; userId: bigint } | null,
  seed: ConversationRecord | null | undefined,
  updateId: number,
): UpdateConversations {
  if (!own) return { ...repo, savedByUpdate: false };
  let known: ConversationRecord | null | undefined = seed;
  let savedByUpdate = false;
  const mine = (chatId: bigint, userId: bigint) => chatId === own.chatId && userId === own.userId;
  return {
    ...repo,
    get savedByUpdate() {
      return savedByUpdate;
    },
    async get<S>(chatId: bigint, userId: bigint): Promise<ConversationRecord<S> | null> {
      if (!mine(chatId, userId)) return repo.get<S>(chatId, userId);
      if (known === undefined) known = await repo.get(chatId, userId);
      return known as ConversationRecord<S> | null;
    },
    async save<S>(
      chatId: bigint,
      userId: bigint,
      kind: string,
      state: S,
      expectedVersion: number | null,
      expiresAt: Date,
    ): Promise<number> {
      if (!mine(chatId, userId)) return repo.save(chatId, userId, kind, state, expectedVersion, expiresAt);
      known = undefined;
      savedByUpdate = false;
      const version = await repo.save(chatId, userId, kind, state, expectedVersion, expiresAt);
      known = { chatId, userId, kind, state, version, expiresAt, updatedAt: new Date() };
      savedByUpdate = (state as { u?: unknown } | null)?.u === updateId;
      return version;
    },
    claimWith: (async (chatId, userId, expectedVersion, store) => {
      if (!mine(chatId, userId)) return repo.claimWith(chatId, userId, expectedVersion, store);
      known = undefined;
      const done = await repo.claimWith(chatId, userId, expectedVersion, store);
      // Gone once its claim was committed; else as it was (read again when asked).
      if (done.claimed) {
        known = null;
        savedByUpdate = false;
      }
      return done;
    }) satisfies ConversationsRepo['claimWith'],
    async delete(chatId: bigint, userId: bigint, expectedVersion?: number): Promise<boolean> {
      if (!mine(chatId, userId)) return repo.delete(chatId, userId, expectedVersion);
      known = undefined;
      const gone = await repo.delete(chatId, userId, expectedVersion);
      if (gone) {
        known = null;
        savedByUpdate = false;
      }
      return gone;
    },
  };
}
