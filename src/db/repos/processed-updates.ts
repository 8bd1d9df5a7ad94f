import { isUniqueViolation, type Db } from '../client.js';

export function createProcessedUpdatesRepo(db: Db) {
  return {
    /**
     * Records the update id; false when it was already recorded, i.e. Telegram (or another
     * instance's webhook) delivered it before and it must not be handled again.
     */
    async claim(updateId: number | bigint, now: Date): Promise<boolean> {
      try {
        await db.processedUpdate.create({ data: { updateId: BigInt(updateId), processedAt: now } });
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },
    /** Telegram keeps updates 24 hours; ids older than that cannot come back. */
    async prune(before: Date): Promise<number> {
      const res = await db.processedUpdate.deleteMany({ where: { processedAt: { lt: before } } });
      return res.count;
    },
  };
}
export type ProcessedUpdatesRepo = ReturnType<typeof createProcessedUpdatesRepo>;
