import type { ChatType, TgChat, TgFile, TgMessage, TgUpdate, TgUser } from './types.js';

/**
 * In-memory state of the fake: chats and their messages (both directions),
 * uploaded/downloadable files and the pending-update queue consumed by
 * getUpdates (or the webhook).
 */

export interface MessageRecord {
  /** Current state (after edits). */
  message: TgMessage;
  fromBot: boolean;
  deleted: boolean;
  /** Previous versions, oldest first. */
  history: TgMessage[];
  /** reply_markup exactly as the bot passed it (reply keyboards are not echoed in `message`). */
  replyMarkupParam?: unknown;
}

export interface ChatState {
  chat: TgChat;
  nextMessageId: number;
  messages: Map<number, MessageRecord>;
  /** All messages in send order. */
  order: MessageRecord[];
  blocked: boolean;
  migratedTo?: number;
}

export interface StoredFile {
  file: TgFile;
  fileName: string;
  mimeType?: string;
  bytes: Buffer;
}

export interface QueuedUpdate {
  update: TgUpdate;
  /** Number of times handed out by getUpdates / posted to the webhook. */
  deliveries: number;
  /** Redelivered via fake.redeliver(): survives offset confirmation until handed out again (then cleared). */
  forced: boolean;
}

export function chatTypeForId(id: number): ChatType {
  if (id > 0) return 'private';
  return id <= -1_000_000_000_000 ? 'supergroup' : 'group';
}

export class Store {
  readonly chats = new Map<number, ChatState>();
  readonly files = new Map<string, StoredFile>();
  readonly filesByPath = new Map<string, StoredFile>();
  /** Pending updates, ascending update_id (forced redeliveries may be out of order). */
  readonly queue: QueuedUpdate[] = [];
  /** Every update ever pushed, by id (for redeliver). */
  readonly updates = new Map<number, TgUpdate>();
  private lastUpdateId = 0;
  private fileCounter = 0;

  constructor(
    firstUpdateId = 100_000,
    /** Benchmarks: how much to keep (a long run would otherwise hold every message in memory). */
    private readonly retain: { messagesPerChat?: number; updates?: number } = {},
  ) {
    this.lastUpdateId = firstUpdateId - 1;
  }

  // ------------------------------------------------------------ chats

  ensureChat(chat: TgChat): ChatState {
    let state = this.chats.get(chat.id);
    if (!state) {
      state = { chat, nextMessageId: 1, messages: new Map(), order: [], blocked: false };
      this.chats.set(chat.id, state);
    } else {
      Object.assign(state.chat, chat);
    }
    return state;
  }

  /** Chat for a user id (private chat). */
  privateChatFor(user: TgUser): TgChat {
    const chat: TgChat = { id: user.id, type: 'private', first_name: user.first_name };
    if (user.last_name) chat.last_name = user.last_name;
    if (user.username) chat.username = user.username;
    return chat;
  }

  /** A chat the bot addresses without the test having declared it. */
  autoChat(id: number): ChatState {
    const type = chatTypeForId(id);
    const chat: TgChat =
      type === 'private' ? { id, type, first_name: `User${id}` } : { id, type, title: `Group ${id}` };
    return this.ensureChat(chat);
  }

  findChatByUsername(username: string): ChatState | undefined {
    const wanted = username.replace(/^@/, '').toLowerCase();
    for (const state of this.chats.values()) if (state.chat.username?.toLowerCase() === wanted) return state;
    return undefined;
  }

  // ------------------------------------------------------------ messages

  addMessage(chatId: number, build: (messageId: number) => TgMessage, fromBot: boolean, replyMarkupParam?: unknown) {
    const state = this.chats.get(chatId) ?? this.autoChat(chatId);
    const message = build(state.nextMessageId++);
    const record: MessageRecord = { message, fromBot, deleted: false, history: [] };
    if (replyMarkupParam !== undefined) record.replyMarkupParam = replyMarkupParam;
    state.messages.set(message.message_id, record);
    state.order.push(record);
    const max = this.retain.messagesPerChat;
    if (max !== undefined && state.order.length > max * 1.5)
      for (const old of state.order.splice(0, state.order.length - max)) state.messages.delete(old.message.message_id);
    return record;
  }

  getMessage(chatId: number, messageId: number): MessageRecord | undefined {
    return this.chats.get(chatId)?.messages.get(messageId);
  }

  /** Bot-sent, non-deleted messages of a chat in order (current state). */
  botMessages(chatId: number): TgMessage[] {
    const state = this.chats.get(chatId);
    if (!state) return [];
    return state.order.filter((r) => r.fromBot && !r.deleted).map((r) => r.message);
  }

  // ------------------------------------------------------------ files

  addFile(fileName: string, bytes: Buffer, mimeType?: string, folder = 'documents'): StoredFile {
    const n = ++this.fileCounter;
    const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1] ?? 'dat';
    const file: TgFile = {
      file_id: `BQACAgIAAxkBAAI${n.toString().padStart(6, '0')}fake`,
      file_unique_id: `AgAD${n.toString().padStart(6, '0')}`,
      file_size: bytes.length,
      file_path: `${folder}/file_${n}.${ext}`,
    };
    const stored: StoredFile = { file, fileName, bytes };
    if (mimeType) stored.mimeType = mimeType;
    this.files.set(file.file_id, stored);
    this.filesByPath.set(file.file_path!, stored);
    return stored;
  }

  // ------------------------------------------------------------ updates

  /** Queue an update; assigns update_id when missing (ids always increase). */
  enqueue(update: Omit<TgUpdate, 'update_id'> & { update_id?: number }): TgUpdate {
    const full = { ...update } as TgUpdate;
    if (typeof update.update_id === 'number') {
      this.lastUpdateId = Math.max(this.lastUpdateId, update.update_id);
    } else {
      full.update_id = ++this.lastUpdateId;
    }
    this.updates.set(full.update_id, full);
    const max = this.retain.updates;
    if (max !== undefined && this.updates.size > max * 1.5)
      for (const id of [...this.updates.keys()].slice(0, this.updates.size - max)) this.updates.delete(id);
    this.queue.push({ update: full, deliveries: 0, forced: false });
    return full;
  }

  /** Queue an already-sent update again with the same update_id. */
  requeue(updateId: number): TgUpdate {
    const update = this.updates.get(updateId);
    if (!update) throw new Error(`fake-telegram: no update with update_id ${updateId} was ever pushed`);
    const existing = this.queue.find((q) => q.update.update_id === updateId);
    if (existing) existing.forced = true;
    else this.queue.push({ update, deliveries: 0, forced: true });
    return update;
  }

  /** getUpdates offset semantics: confirm (drop) everything below `offset`; negative = keep last -offset. */
  confirm(offset: number): void {
    if (offset < 0) {
      const keep = -offset;
      const drop = Math.max(0, this.queue.length - keep);
      this.queue.splice(0, drop);
      return;
    }
    if (offset === 0) return;
    compact(this.queue, (q) => q.update.update_id >= offset || q.forced);
  }

  dropPending(): void {
    this.queue.length = 0;
  }
}

/** In-place filter (keeps array identity, O(n)). */
export function compact<T>(arr: T[], keep: (v: T) => boolean): void {
  let w = 0;
  for (const v of arr) if (keep(v)) arr[w++] = v;
  arr.length = w;
}
