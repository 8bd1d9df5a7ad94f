import { chatSummary, guessMime, type BotApi } from './methods.js';
import type { ChatState } from './store.js';
import type { TgChat, TgEntity, TgInlineButton, TgMessage, TgUpdate, TgUser } from './types.js';

/**
 * Simulated Telegram users and groups. Every action pushes a realistic update
 * into the fake's queue (delivered by getUpdates / the webhook) and returns it.
 */

/** What SimUser/SimGroup need from the fake. */
export interface SimHost {
  readonly api: BotApi;
  readonly botInfo: TgUser;
  nowSec(): number;
  nextCallbackId(): string;
  group(chatId: number, title?: string, opts?: SimGroupOptions): SimGroup;
}

export interface SimUserOptions {
  firstName?: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

export interface SendOptions {
  /** Reply to this message (id in the same chat, or the message object). */
  replyTo?: number | TgMessage;
  /** Explicit entities (otherwise a leading /command gets a bot_command entity). */
  entities?: TgEntity[];
}

export interface DocumentOptions {
  caption?: string;
  mimeType?: string;
}

/** Telegram's anonymous group admin, used as the sender of service messages. */
const GROUP_ANONYMOUS_BOT: TgUser = {
  id: 1087968824,
  is_bot: true,
  first_name: 'Group',
  username: 'GroupAnonymousBot',
};

/** Entities Telegram adds to a plain user text: bot_command for a leading /command. */
export function autoEntities(text: string): TgEntity[] {
  const m = /^\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{1,64})?/.exec(text);
  return m ? [{ type: 'bot_command', offset: 0, length: m[0].length }] : [];
}

/** Flattened inline buttons of a message (helper for assertions). */
export function inlineButtons(message: TgMessage | undefined): TgInlineButton[] {
  return message?.reply_markup?.inline_keyboard.flat() ?? [];
}

/** Shared per-chat actions of users and groups. */
class ChatActor {
  constructor(
    protected readonly host: SimHost,
    readonly chatId: number,
  ) {}

  protected get state(): ChatState {
    const state = this.host.api.store.chats.get(this.chatId);
    if (!state) throw new Error(`fake-telegram: chat ${this.chatId} does not exist`);
    return state;
  }

  protected assertActive(): void {
    const to = this.state.migratedTo;
    if (to !== undefined)
      throw new Error(
        `fake-telegram: chat ${this.chatId} was migrated to ${to}; use the SimGroup returned by migrateTo()`,
      );
  }

  /** Store a message from `from` in this chat and push it as a `message` update. */
  protected post(from: TgUser, fields: Partial<TgMessage>): TgUpdate {
    this.assertActive();
    const state = this.state;
    const rec = this.host.api.store.addMessage(
      this.chatId,
      (id) => ({ message_id: id, from, chat: chatSummary(state.chat), date: this.host.nowSec(), ...fields }),
      false,
    );
    return this.host.api.pushUpdate({ message: rec.message });
  }

  protected textMessage(from: TgUser, text: string, opts: SendOptions = {}): TgUpdate {
    const entities = opts.entities ?? autoEntities(text);
    return this.post(from, {
      ...this.replyFields(opts.replyTo),
      text,
      ...(entities.length > 0 && { entities }),
    });
  }

  protected replyFields(replyTo: number | TgMessage | undefined): Partial<TgMessage> {
    if (replyTo === undefined) return {};
    const id = typeof replyTo === 'number' ? replyTo : replyTo.message_id;
    const rec = this.host.api.messageRecord(this.chatId, id);
    if (!rec) throw new Error(`fake-telegram: cannot reply to unknown message ${id} in chat ${this.chatId}`);
    const { reply_to_message: _nested, ...shallow } = rec.message;
    return { reply_to_message: shallow };
  }

  protected documentMessage(
    from: TgUser,
    fileName: string,
    bytes: Buffer | Uint8Array | string,
    opts: DocumentOptions = {},
  ) {
    const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : Buffer.from(bytes);
    const mime = opts.mimeType ?? guessMime(fileName);
    const stored = this.host.api.store.addFile(fileName, buf, mime);
    return this.post(from, {
      document: {
        file_name: fileName,
        mime_type: mime,
        file_id: stored.file.file_id,
        file_unique_id: stored.file.file_unique_id,
        file_size: buf.length,
      },
      ...(opts.caption !== undefined && { caption: opts.caption }),
    });
  }

  /** Press an inline button with `data` on a bot message (any age; current state is sent). */
  protected callback(from: TgUser, message: TgMessage | number, data: string): TgUpdate {
    const chatId = typeof message === 'number' ? this.chatId : message.chat.id;
    const messageId = typeof message === 'number' ? message : message.message_id;
    const rec = this.host.api.messageRecord(chatId, messageId);
    if (!rec) throw new Error(`fake-telegram: no message ${messageId} in chat ${chatId}`);
    if (rec.deleted) throw new Error(`fake-telegram: message ${messageId} in chat ${chatId} was deleted`);
    const id = this.host.nextCallbackId();
    this.host.api.registerCallback(id);
    return this.host.api.pushUpdate({
      callback_query: {
        id,
        from,
        message: rec.message,
        chat_instance: String(4_000_000_000_000_000 + Math.abs(chatId)),
        data,
      },
    });
  }

  /** Find a button by text (exact string or RegExp) on the latest bot message with an inline keyboard, and press it. */
  protected button(from: TgUser, textOrRegex: string | RegExp, messageId?: number): TgUpdate {
    const candidates =
      messageId !== undefined
        ? [this.host.api.messageRecord(this.chatId, messageId)?.message].filter((m): m is TgMessage => !!m)
        : this.host.api.store
            .botMessages(this.chatId)
            .filter((m) => m.reply_markup)
            .slice(-1);
    const message = candidates[0];
    if (!message?.reply_markup) {
      throw new Error(
        `fake-telegram: ${messageId !== undefined ? `message ${messageId}` : 'no bot message'} with an inline keyboard in chat ${this.chatId}`,
      );
    }
    const buttons = inlineButtons(message);
    const button = buttons.find((b) =>
      typeof textOrRegex === 'string' ? b.text === textOrRegex : textOrRegex.test(b.text),
    );
    if (!button) {
      throw new Error(
        `fake-telegram: no button ${String(textOrRegex)} on message ${message.message_id} in chat ${this.chatId}; buttons: ${JSON.stringify(buttons.map((b) => b.text))}`,
      );
    }
    if (button.callback_data === undefined)
      throw new Error(`fake-telegram: button "${button.text}" has no callback_data`);
    return this.callback(from, message, button.callback_data);
  }

  /** Bot messages in this chat (current state, deleted ones excluded). */
  sent(): TgMessage[] {
    return this.host.api.store.botMessages(this.chatId);
  }

  lastSent(): TgMessage | undefined {
    return this.sent().at(-1);
  }

  protected memberUpdate(chat: TgChat, from: TgUser, oldStatus: string, newStatus: string): TgUpdate {
    const bot = this.host.api.botAsSender();
    return this.host.api.pushUpdate({
      my_chat_member: {
        chat: chatSummary(chat),
        from,
        date: this.host.nowSec(),
        old_chat_member: { user: bot, status: oldStatus },
        new_chat_member: { user: bot, status: newStatus, ...(newStatus === 'kicked' && { until_date: 0 }) },
      },
    });
  }
}

/** A user in their private chat with the bot (chat id == user id). */
export class SimUser extends ChatActor {
  readonly user: TgUser;

  constructor(host: SimHost, id: number, opts: SimUserOptions = {}) {
    super(host, id);
    if (!Number.isSafeInteger(id) || id <= 0)
      throw new Error(`fake-telegram: user id must be a positive integer, got ${id}`);
    this.user = { id, is_bot: false, first_name: opts.firstName ?? `User${id}` };
    if (opts.lastName) this.user.last_name = opts.lastName;
    if (opts.username) this.user.username = opts.username;
    if (opts.languageCode) this.user.language_code = opts.languageCode;
    host.api.store.ensureChat(host.api.store.privateChatFor(this.user));
  }

  get id(): number {
    return this.user.id;
  }

  get chat(): TgChat {
    return chatSummary(this.state.chat);
  }

  /** A text message (a leading /command gets a bot_command entity). */
  send(text: string, opts?: SendOptions): TgUpdate {
    return this.textMessage(this.user, text, opts);
  }

  /** `/name payload` */
  command(name: string, payload?: string): TgUpdate {
    const cmd = `/${name.replace(/^\//, '')}`;
    return this.send(payload ? `${cmd} ${payload}` : cmd);
  }

  press(message: TgMessage | number, callbackData: string): TgUpdate {
    return this.callback(this.user, message, callbackData);
  }

  pressButton(textOrRegex: string | RegExp, messageId?: number): TgUpdate {
    return this.button(this.user, textOrRegex, messageId);
  }

  sendDocument(fileName: string, bytes: Buffer | Uint8Array | string, opts?: DocumentOptions): TgUpdate {
    return this.documentMessage(this.user, fileName, bytes, opts);
  }

  /** User blocks the bot: later sends get 403, and a my_chat_member (kicked) update is pushed like Telegram does. */
  block(): TgUpdate {
    this.state.blocked = true;
    return this.memberUpdate(this.state.chat, this.user, 'member', 'kicked');
  }

  /** User unblocks (restarts) the bot: pushes my_chat_member (member). */
  unblock(): TgUpdate {
    this.state.blocked = false;
    return this.memberUpdate(this.state.chat, this.user, 'kicked', 'member');
  }
}

export interface SimGroupOptions {
  /** Defaults to 'supergroup' for -100… ids, else 'group'. */
  type?: 'group' | 'supergroup';
  username?: string;
}

/** A group or supergroup (negative chat id) where SimUsers talk. */
export class SimGroup extends ChatActor {
  constructor(host: SimHost, chatId: number, title: string, opts: SimGroupOptions = {}) {
    super(host, chatId);
    if (!Number.isSafeInteger(chatId) || chatId >= 0)
      throw new Error(`fake-telegram: group chat id must be negative, got ${chatId}`);
    const type = opts.type ?? (chatId <= -1_000_000_000_000 ? 'supergroup' : 'group');
    const chat: TgChat = { id: chatId, type, title };
    if (opts.username) chat.username = opts.username;
    if (type === 'group') chat.all_members_are_administrators = false;
    host.api.store.ensureChat(chat);
  }

  get id(): number {
    return this.chatId;
  }

  get chat(): TgChat {
    return chatSummary(this.state.chat);
  }

  get title(): string {
    return this.state.chat.title ?? '';
  }

  send(user: SimUser, text: string, opts?: SendOptions): TgUpdate {
    return this.textMessage(user.user, text, opts);
  }

  /** `/name payload`, or `/name@bot_username payload` with `{ mention: true }`. */
  command(user: SimUser, name: string, payload?: string, opts: { mention?: boolean } = {}): TgUpdate {
    let cmd = `/${name.replace(/^\//, '')}`;
    if (opts.mention) cmd += `@${this.host.botInfo.username ?? ''}`;
    return this.send(user, payload ? `${cmd} ${payload}` : cmd);
  }

  press(user: SimUser, message: TgMessage | number, callbackData: string): TgUpdate {
    return this.callback(user.user, message, callbackData);
  }

  pressButton(user: SimUser, textOrRegex: string | RegExp, messageId?: number): TgUpdate {
    return this.button(user.user, textOrRegex, messageId);
  }

  sendDocument(user: SimUser, fileName: string, bytes: Buffer | Uint8Array | string, opts?: DocumentOptions): TgUpdate {
    return this.documentMessage(user.user, fileName, bytes, opts);
  }

  /** `by` adds the bot: my_chat_member (left → status) + a new_chat_members service message. */
  addBot(by: SimUser, status: 'member' | 'administrator' = 'member'): TgUpdate[] {
    this.state.blocked = false;
    return [
      this.memberUpdate(this.state.chat, by.user, 'left', status),
      this.post(by.user, {
        new_chat_members: [this.host.api.botAsSender()],
        new_chat_member: this.host.api.botAsSender(),
      }),
    ];
  }

  /** `by` removes the bot: later sends get 403 "bot was kicked". */
  removeBot(by: SimUser): TgUpdate[] {
    const updates = [
      this.post(by.user, { left_chat_member: this.host.api.botAsSender() }),
      this.memberUpdate(this.state.chat, by.user, 'member', 'kicked'),
    ];
    this.state.blocked = true;
    return updates;
  }

  /** A user joins: a new_chat_members service message. */
  addMember(user: SimUser, by: SimUser = user): TgUpdate {
    return this.post(by.user, { new_chat_members: [user.user], new_chat_member: user.user });
  }

  /**
   * Upgrade to a supergroup like Telegram: pushes `migrate_to_chat_id` in this
   * chat and `migrate_from_chat_id` in the new one; afterwards bot sends to the
   * old id fail with 400 "group chat was upgraded to a supergroup chat".
   */
  migrateTo(newChatId: number, by?: SimUser): SimGroup {
    this.assertActive();
    const old = this.state;
    const next = this.host.group(newChatId, old.chat.title ?? '', { type: 'supergroup' });
    this.post(by?.user ?? GROUP_ANONYMOUS_BOT, { migrate_to_chat_id: newChatId });
    old.migratedTo = newChatId;
    const nextState = this.host.api.store.chats.get(newChatId)!;
    const rec = this.host.api.store.addMessage(
      newChatId,
      (id) => ({
        message_id: id,
        from: GROUP_ANONYMOUS_BOT,
        sender_chat: chatSummary(nextState.chat),
        chat: chatSummary(nextState.chat),
        date: this.host.nowSec(),
        migrate_from_chat_id: this.chatId,
      }),
      false,
    );
    this.host.api.pushUpdate({ message: rec.message });
    return next;
  }
}
