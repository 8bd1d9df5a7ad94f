import type { Db } from '../client.js';

export function createChatGroupsRepo(db: Db) {
  return {
    register(chatId: bigint, title: string | null, addedById: number | null) {
      return db.chatGroup.upsert({ where: { chatId }, create: { chatId, title, addedById }, update: { title, active: true } });
    },
    listActive() {
      return db.chatGroup.findMany({ where: { active: true }, orderBy: { id: 'asc' } });
    },
    deactivate(chatId: bigint) {
      return db.chatGroup.updateMany({ where: { chatId }, data: { active: false } });
    },
    /** A group upgraded to a supergroup gets a new id (400 migrate_to_chat_id): follow it. */
    async migrate(oldChatId: bigint, newChatId: bigint) {
      const existing = await db.chatGroup.findUnique({ where: { chatId: newChatId } });
      if (existing) return db.chatGroup.update({ where: { chatId: oldChatId }, data: { active: false } });
      return db.chatGroup.update({ where: { chatId: oldChatId }, data: { chatId: newChatId } });
    },
    setLastDigest(chatId: bigint, at: Date) {
      return db.chatGroup.updateMany({ where: { chatId }, data: { lastDigestAt: at } });
    },
  };
}
export type ChatGroupsRepo = ReturnType<typeof createChatGroupsRepo>;
