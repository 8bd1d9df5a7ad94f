import type { Db } from '../client.js';
import { cacheOf, writing } from '../cache.js';

/** The groups are read at every announcement: the active list is cached until a group is written (src/db/cache.ts). */
export function createChatGroupsRepo(db: Db) {
  const cache = cacheOf(db);
  const changed = <T>(write: Promise<T>) => writing(cache, 'chatGroups', write);
  return {
    register(chatId: bigint, title: string | null, addedById: number | null) {
      return changed(
        db.chatGroup.upsert({
          where: { chatId },
          create: { chatId, title, addedById },
          update: { title, active: true },
        }),
      );
    },
    async listActive() {
      // A copy of the cached list: a caller may sort or filter it in place.
      return [
        ...(await cache.get('chatGroups', 'active', () =>
          db.chatGroup.findMany({ where: { active: true }, orderBy: { id: 'asc' } }),
        )),
      ];
    },
    deactivate(chatId: bigint) {
      return changed(db.chatGroup.updateMany({ where: { chatId }, data: { active: false } }));
    },
    /** A group upgraded to a supergroup gets a new id (400 migrate_to_chat_id): follow it. */
    async migrate(oldChatId: bigint, newChatId: bigint) {
      const existing = await db.chatGroup.findUnique({ where: { chatId: newChatId } });
      if (existing) return changed(db.chatGroup.update({ where: { chatId: oldChatId }, data: { active: false } }));
      return changed(db.chatGroup.update({ where: { chatId: oldChatId }, data: { chatId: newChatId } }));
    },
    setLastDigest(chatId: bigint, at: Date) {
      return changed(db.chatGroup.updateMany({ where: { chatId }, data: { lastDigestAt: at } }));
    },
  };
}
export type ChatGroupsRepo = ReturnType<typeof createChatGroupsRepo>;
