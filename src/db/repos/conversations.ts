import { isUniqueViolation, type Db } from '../client.js';

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

export function createConversationsRepo(db: Db) {
  return {
    async get<S>(chatId: bigint, userId: bigint): Promise<ConversationRecord<S> | null> {
      const row = await db.conversation.findUnique({ where: { chatId_userId: { chatId, userId } } });
      return row ? { ...row, state: row.state as S } : null;
    },
    /**
     * Saves with optimistic concurrency: `expectedVersion` is the version read (null for a new
     * conversation). A concurrent writer makes this throw StaleConversationError.
     */
    async save<S>(chatId: bigint, userId: bigint, kind: string, state: S, expectedVersion: number | null, expiresAt: Date): Promise<number> {
      const value = state as never;
      if (expectedVersion === null) {
        try {
          await db.conversation.create({ data: { chatId, userId, kind, state: value, version: 1, expiresAt } });
          return 1;
        } catch (err) {
          if (isUniqueViolation(err)) throw new StaleConversationError();
          throw err;
        }
      }
      const res = await db.conversation.updateMany({
        where: { chatId, userId, version: expectedVersion },
        data: { kind, state: value, version: expectedVersion + 1, expiresAt },
      });
      if (res.count !== 1) throw new StaleConversationError();
      return expectedVersion + 1;
    },
    /** With `expectedVersion`, deletes only if nobody saved since it was read (claims a form's submit once). */
    async delete(chatId: bigint, userId: bigint, expectedVersion?: number): Promise<boolean> {
      const res = await db.conversation.deleteMany({ where: { chatId, userId, ...(expectedVersion !== undefined ? { version: expectedVersion } : {}) } });
      return res.count > 0;
    },
    /** Removes and returns conversations idle past their expiry, so their users can be told. */
    async takeExpired(now: Date, limit = 100, kind?: string) {
      const rows = await db.conversation.findMany({ where: { expiresAt: { lte: now }, ...(kind ? { kind } : {}) }, take: limit, orderBy: { expiresAt: 'asc' } });
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
