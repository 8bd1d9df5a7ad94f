import { formatText } from './entities.js';
import { ApiError, errors } from './errors.js';
import { RateLimiter, resolveLimits, type ResolvedLimits } from './limits.js';
import { isUploadedFile } from './multipart.js';
import { Store, compact, type ChatState, type MessageRecord } from './store.js';
import type {
  FakeLimits,
  FakeStats,
  Params,
  TgChat,
  TgEntity,
  TgInlineKeyboardMarkup,
  TgMessage,
  TgUpdate,
  TgUser,
} from './types.js';

/**
 * The Bot API semantics: one handler per method, operating on the Store.
 * Transport (HTTP), recording and injection live in server.ts.
 */

export interface CallContext {
  /** Aborted when the client disconnects or the fake closes. */
  signal: AbortSignal;
}

/** A handler result that also carries Telegram's optional `description`. */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

export type MethodHandler = (params: Params, ctx: CallContext) => unknown;

export interface WebhookState {
  url: string;
  secretToken?: string;
  allowedUpdates?: string[];
  maxConnections?: number;
  lastErrorDate?: number;
  lastErrorMessage?: string;
}

export interface CallbackAnswer {
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

interface PendingCallback {
  answered: boolean;
  answer?: CallbackAnswer;
}

/** Update types delivered when allowed_updates is empty/unspecified (Telegram's default). */
const DEFAULT_EXCLUDED_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

const MIME_BY_EXT: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  zip: 'application/zip',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Width and height of a PNG (IHDR) or JPEG (first SOFn marker); null when it is neither. */
export function imageSize(b: Buffer): { width: number; height: number } | null {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString('latin1', 12, 16) === 'IHDR')
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    for (let i = 2; i + 9 < b.length;) {
      if (b[i] !== 0xff) return null;
      const marker = b[i + 1]!;
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
      i += 2 + b.readUInt16BE(i + 2);
    }
  }
  return null;
}

export function guessMime(fileName: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return MIME_BY_EXT[ext] ?? 'application/octet-stream';
}

export interface BotApiOptions {
  botUser: TgUser;
  limits?: FakeLimits;
  /** Unknown chat ids → "chat not found" instead of auto-creating a chat. Default false. */
  strictChats?: boolean;
  /** The first update's id (default 100,000). */
  firstUpdateId?: number;
  /** How many messages per chat and pushed updates to keep (default: all). */
  retain?: { messagesPerChat?: number; updates?: number };
  now: () => number;
  stats: FakeStats;
  /** Called when updates may be deliverable to a webhook (push, setWebhook). */
  kickWebhook: () => void;
}

export class BotApi {
  readonly store: Store;
  readonly callbacks = new Map<string, PendingCallback>();
  readonly commands = new Map<string, unknown[]>();
  /** Menu buttons by chat id ("default" for the bot's default). */
  readonly menuButtons = new Map<string, Record<string, unknown>>();
  webhook?: WebhookState;
  allowedUpdates: string[] = [];
  limits: ResolvedLimits;
  readonly rateLimiter: RateLimiter;

  private pollWaiter?: { wake: () => void; terminate: () => void };
  private readonly handlers = new Map<string, { name: string; fn: MethodHandler }>();

  constructor(private readonly opts: BotApiOptions) {
    this.store = new Store(opts.firstUpdateId, opts.retain);
    this.limits = resolveLimits(opts.limits);
    this.rateLimiter = new RateLimiter(this.limits, opts.now);
    const builtins: Record<string, MethodHandler> = {
      getMe: () => ({ ...opts.botUser }),
      getUpdates: (p, ctx) => this.getUpdates(p, ctx),
      sendMessage: (p) => this.sendMessage(p),
      editMessageText: (p) => this.editMessage(p, 'text'),
      editMessageCaption: (p) => this.editMessage(p, 'caption'),
      editMessageReplyMarkup: (p) => this.editMessage(p, 'markup'),
      deleteMessage: (p) => this.deleteMessage(p),
      answerCallbackQuery: (p) => this.answerCallbackQuery(p),
      sendDocument: (p) => this.sendDocument(p),
      sendPhoto: (p) => this.sendPhoto(p),
      sendChatAction: (p) => this.sendChatAction(p),
      setMyCommands: (p) => this.setMyCommands(p),
      getMyCommands: (p) => this.commands.get(commandsKey(p)) ?? [],
      deleteMyCommands: (p) => this.commands.delete(commandsKey(p)) || true,
      setChatMenuButton: (p) => this.setChatMenuButton(p),
      getChatMenuButton: (p) => this.menuButtons.get(String(p.chat_id ?? 'default')) ?? { type: 'commands' },
      setWebhook: (p) => this.setWebhook(p),
      deleteWebhook: (p) => this.deleteWebhook(p),
      getWebhookInfo: () => this.getWebhookInfo(),
      getChat: (p) => this.getChat(p),
      getFile: (p) => this.getFile(p),
    };
    for (const [name, fn] of Object.entries(builtins)) this.register(name, fn);
  }

  /** Add or replace a method (method names are case-insensitive, like Telegram's). */
  register(name: string, fn: MethodHandler): void {
    this.handlers.set(name.toLowerCase(), { name, fn });
  }

  lookup(name: string): { name: string; fn: MethodHandler } | undefined {
    return this.handlers.get(name.toLowerCase());
  }

  setLimits(limits: FakeLimits): void {
    this.limits = resolveLimits(limits);
    this.rateLimiter.setLimits(this.limits);
  }

  private get stats(): FakeStats {
    return this.opts.stats;
  }

  private nowSec(): number {
    return Math.floor(this.opts.now() / 1000);
  }

  // ------------------------------------------------------------ updates

  /** Push an update into the queue and wake a waiting long poll. */
  pushUpdate(update: Omit<TgUpdate, 'update_id'> & { update_id?: number }): TgUpdate {
    const full = this.store.enqueue(update);
    this.wakePoll();
    return full;
  }

  redeliver(updateId: number): TgUpdate {
    const update = this.store.requeue(updateId);
    this.wakePoll();
    return update;
  }

  wakePoll(): void {
    this.pollWaiter?.wake();
    if (this.webhook) this.opts.kickWebhook();
  }

  private async getUpdates(p: Params, ctx: CallContext): Promise<TgUpdate[]> {
    if (this.webhook) throw errors.webhookActive();
    // A newer getUpdates terminates the previous one, like Telegram.
    this.pollWaiter?.terminate();

    const offset = intParam(p, 'offset') ?? 0;
    const limit = Math.min(100, Math.max(1, intParam(p, 'limit') ?? 100));
    const timeoutSec = Math.max(0, Number(p.timeout ?? 0) || 0);
    if (Array.isArray(p.allowed_updates)) this.allowedUpdates = p.allowed_updates.map(String);

    this.store.confirm(offset);
    let batch = this.takeBatch(limit);
    if (batch.length > 0 || timeoutSec === 0) return batch;

    const outcome = await new Promise<'wake' | 'timeout' | 'terminated' | 'aborted'>((resolve) => {
      const done = (why: 'wake' | 'timeout' | 'terminated' | 'aborted') => {
        clearTimeout(timer);
        ctx.signal.removeEventListener('abort', onAbort);
        if (this.pollWaiter === waiter) delete this.pollWaiter;
        resolve(why);
      };
      const onAbort = () => done('aborted');
      const timer = setTimeout(() => done('timeout'), timeoutSec * 1000);
      const waiter = { wake: () => done('wake'), terminate: () => done('terminated') };
      this.pollWaiter = waiter;
      ctx.signal.addEventListener('abort', onAbort);
    });
    if (outcome === 'terminated') throw errors.otherGetUpdates();
    if (outcome === 'aborted') return []; // client is gone: do not count anything as delivered
    if (this.webhook) throw errors.webhookActive();
    batch = this.takeBatch(limit);
    return batch;
  }

  isAllowed(update: TgUpdate): boolean {
    const type = updateType(update);
    const allowed = this.webhook?.allowedUpdates ?? this.allowedUpdates;
    return allowed.length === 0 ? !DEFAULT_EXCLUDED_UPDATES.has(type) : allowed.includes(type);
  }

  /** Hand out up to `limit` pending updates (ascending update_id); disallowed types are dropped. */
  takeBatch(limit: number): TgUpdate[] {
    const q = this.store.queue;
    compact(q, (item) => this.isAllowed(item.update));
    const batch = [...q].sort((a, b) => a.update.update_id - b.update.update_id).slice(0, limit);
    for (const item of batch) {
      item.deliveries++;
      item.forced = false;
    }
    this.stats.updatesDelivered += batch.length;
    return batch.map((item) => item.update);
  }

  // ------------------------------------------------------------ chats

  /** Resolve chat_id; `write` also enforces blocked / migrated state. */
  resolveChat(p: Params, write: boolean, strict = this.opts.strictChats ?? false): ChatState {
    const raw = p.chat_id;
    if (raw === undefined || raw === null || raw === '') throw errors.badRequest('chat_id is empty');
    let state: ChatState | undefined;
    if (typeof raw === 'string' && raw.startsWith('@')) {
      state = this.store.findChatByUsername(raw);
    } else {
      const id = Number(raw);
      if (!Number.isFinite(id) || !Number.isInteger(id)) throw errors.chatNotFound();
      state = this.store.chats.get(id) ?? (strict ? undefined : this.store.autoChat(id));
    }
    if (!state) throw errors.chatNotFound();
    if (write) this.assertWritable(state);
    return state;
  }

  assertWritable(state: ChatState): void {
    if (state.migratedTo !== undefined) {
      this.stats.migrated++;
      throw errors.migrated(state.migratedTo);
    }
    if (state.blocked) {
      this.stats.blocked++;
      const type = state.chat.type;
      if (type === 'private') throw errors.blocked();
      throw new ApiError(403, `Forbidden: bot was kicked from the ${type === 'group' ? 'group' : type} chat`);
    }
  }

  /** The bot as it appears in `from` (no getMe-only capability fields). */
  botAsSender(): TgUser {
    const { id, is_bot, first_name, username } = this.opts.botUser;
    return { id, is_bot, first_name, ...(username && { username }) };
  }

  private botMessage(state: ChatState, messageId: number, extra: Partial<TgMessage>): TgMessage {
    return {
      message_id: messageId,
      from: this.botAsSender(),
      chat: chatSummary(state.chat),
      date: this.nowSec(),
      ...extra,
    };
  }

  // ------------------------------------------------------------ content validation

  private formatted(p: Params, field: 'text' | 'caption', required: boolean) {
    const raw = p[field];
    if (raw === undefined || raw === null) {
      if (required) throw errors.textEmpty();
      return undefined;
    }
    const entitiesParam = field === 'text' ? p.entities : p.caption_entities;
    let parsed;
    try {
      parsed = formatText(String(raw), p.parse_mode, entitiesParam);
    } catch (e) {
      if (e instanceof ApiError && e.description.includes("can't parse entities")) this.stats.parseErrors++;
      throw e;
    }
    if (field === 'text' && parsed.text.length === 0) throw errors.textEmpty();
    const max = field === 'text' ? this.limits.maxTextLength : this.limits.maxCaptionLength;
    if (parsed.text.length > max) {
      this.stats.tooLong++;
      throw field === 'text' ? errors.tooLong() : errors.captionTooLong();
    }
    return parsed;
  }

  /** Validates reply_markup; returns the inline keyboard Telegram would echo back (if any). */
  private markup(p: Params): TgInlineKeyboardMarkup | undefined {
    const m = p.reply_markup;
    if (m === undefined || m === null) return undefined;
    if (typeof m !== 'object') throw errors.badRequest("can't parse reply keyboard markup JSON object");
    const ik = (m as { inline_keyboard?: unknown }).inline_keyboard;
    if (ik === undefined) return undefined; // reply keyboard / remove / force_reply: not echoed
    if (!Array.isArray(ik) || !ik.every(Array.isArray)) {
      throw errors.badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
    }
    for (const row of ik as unknown[][]) {
      for (const b of row) {
        const button = b as Record<string, unknown>;
        if (typeof button?.text !== 'string' || button.text === '')
          throw errors.badRequest('text buttons are unallowed in the inline keyboard');
        if ('callback_data' in button) {
          const bytes = Buffer.byteLength(String(button.callback_data), 'utf8');
          if (bytes < 1 || bytes > this.limits.maxCallbackDataBytes) {
            this.stats.buttonDataInvalid++;
            throw errors.buttonDataInvalid();
          }
        } else if ('web_app' in button) {
          // Telegram allows Mini App buttons in private chats only.
          if (typeof p.chat_id === 'number' ? p.chat_id < 0 : String(p.chat_id ?? '').startsWith('-'))
            throw errors.badRequest('BUTTON_TYPE_INVALID');
          const url = (button.web_app as { url?: unknown } | undefined)?.url;
          if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw errors.badRequest('BUTTON_URL_INVALID');
        } else if (Object.keys(button).length === 1) {
          throw errors.badRequest('text buttons are unallowed in the inline keyboard');
        }
      }
    }
    return JSON.parse(JSON.stringify({ inline_keyboard: ik })) as TgInlineKeyboardMarkup;
  }

  private replyTo(p: Params, state: ChatState): TgMessage | undefined {
    const rp = p.reply_parameters as { message_id?: unknown; allow_sending_without_reply?: unknown } | undefined;
    const id = rp?.message_id ?? p.reply_to_message_id;
    if (id === undefined || id === null) return undefined;
    const rec = state.messages.get(Number(id));
    if (!rec || rec.deleted) {
      if (rp?.allow_sending_without_reply || p.allow_sending_without_reply) return undefined;
      throw errors.badRequest('message to be replied not found');
    }
    const { reply_to_message: _drop, ...shallow } = rec.message;
    return shallow;
  }

  // ------------------------------------------------------------ sending

  private sendMessage(p: Params): TgMessage {
    const state = this.resolveChat(p, true);
    const formatted = this.formatted(p, 'text', true)!;
    const markup = this.markup(p);
    const replyTo = this.replyTo(p, state);
    this.rateLimiter.check('sendMessage', state.chat.id, this.stats);
    const rec = this.store.addMessage(
      state.chat.id,
      (id) =>
        this.botMessage(state, id, {
          ...(replyTo && { reply_to_message: replyTo }),
          text: formatted.text,
          ...(formatted.entities.length > 0 && { entities: formatted.entities }),
          ...(markup && { reply_markup: markup }),
        }),
      true,
      p.reply_markup,
    );
    return rec.message;
  }

  private sendDocument(p: Params): TgMessage {
    const state = this.resolveChat(p, true);
    const caption = this.formatted(p, 'caption', false);
    const markup = this.markup(p);
    const replyTo = this.replyTo(p, state);
    const doc = p.document;
    let stored;
    if (isUploadedFile(doc)) {
      stored = this.store.addFile(doc.fileName, doc.bytes, doc.contentType ?? guessMime(doc.fileName));
    } else if (typeof doc === 'string' && this.store.files.has(doc)) {
      stored = this.store.files.get(doc)!;
    } else if (typeof doc === 'string' && /^https?:\/\//.test(doc)) {
      const name = decodeURIComponent(new URL(doc).pathname.split('/').pop() || 'file');
      stored = this.store.addFile(name, Buffer.alloc(0), guessMime(name));
    } else if (doc === undefined || doc === null || doc === '') {
      throw errors.badRequest('there is no document in the request');
    } else {
      throw errors.wrongFileId();
    }
    this.rateLimiter.check('sendDocument', state.chat.id, this.stats);
    const document = {
      file_name: stored.fileName,
      mime_type: stored.mimeType ?? guessMime(stored.fileName),
      file_id: stored.file.file_id,
      file_unique_id: stored.file.file_unique_id,
      file_size: stored.bytes.length,
    };
    return this.mediaMessage(p, state, { document }, { caption, markup, replyTo });
  }

  /** A bot message carrying a file (document, photo) with its caption, keyboard and reply. */
  private mediaMessage(
    p: Params,
    state: ReturnType<BotApi['resolveChat']>,
    media: Record<string, unknown>,
    extra: {
      caption: ReturnType<BotApi['formatted']>;
      markup: ReturnType<BotApi['markup']>;
      replyTo: ReturnType<BotApi['replyTo']>;
    },
  ): TgMessage {
    const { caption, markup, replyTo } = extra;
    const rec = this.store.addMessage(
      state.chat.id,
      (id) =>
        this.botMessage(state, id, {
          ...(replyTo && { reply_to_message: replyTo }),
          ...media,
          ...(caption && caption.text && { caption: caption.text }),
          ...(caption && caption.entities.length > 0 && { caption_entities: caption.entities }),
          ...(markup && { reply_markup: markup }),
        }),
      true,
      p.reply_markup,
    );
    return rec.message;
  }

  /**
   * Like Telegram: an uploaded photo must be a PNG or JPEG within 10 MB whose width and height add
   * up to at most 10000 (else PHOTO_INVALID_DIMENSIONS / IMAGE_PROCESS_FAILED); the message
   * carries PhotoSize entries. A file_id of an earlier upload is accepted too.
   */
  private sendPhoto(p: Params): TgMessage {
    const state = this.resolveChat(p, true);
    const caption = this.formatted(p, 'caption', false);
    const markup = this.markup(p);
    const replyTo = this.replyTo(p, state);
    const photo = p.photo;
    let stored;
    if (isUploadedFile(photo)) {
      if (photo.bytes.length > 10 * 1024 * 1024) throw errors.badRequest('PHOTO_SAVE_FILE_INVALID');
      const size = imageSize(photo.bytes);
      if (!size) throw errors.badRequest('IMAGE_PROCESS_FAILED');
      if (
        size.width + size.height > 10_000 ||
        Math.max(size.width, size.height) / Math.min(size.width, size.height) > 20
      )
        throw errors.badRequest('PHOTO_INVALID_DIMENSIONS');
      stored = this.store.addFile(
        photo.fileName,
        photo.bytes,
        photo.contentType ?? guessMime(photo.fileName),
        'photos',
      );
    } else if (typeof photo === 'string' && this.store.files.has(photo)) {
      stored = this.store.files.get(photo)!;
    } else if (photo === undefined || photo === null || photo === '') {
      throw errors.badRequest('there is no photo in the request');
    } else {
      throw errors.wrongFileId();
    }
    this.rateLimiter.check('sendPhoto', state.chat.id, this.stats);
    const size = imageSize(stored.bytes) ?? { width: 0, height: 0 };
    const sizes = [
      {
        file_id: stored.file.file_id,
        file_unique_id: stored.file.file_unique_id,
        file_size: stored.bytes.length,
        ...size,
      },
    ];
    return this.mediaMessage(p, state, { photo: sizes }, { caption, markup, replyTo });
  }

  private editMessage(p: Params, what: 'text' | 'caption' | 'markup'): TgMessage {
    if (p.inline_message_id !== undefined) throw errors.badRequest('inline messages are not supported by the fake');
    const state = this.resolveChat(p, true);
    const messageId = intParam(p, 'message_id');
    if (messageId === undefined) throw errors.badRequest('message identifier is not specified');
    const rec = state.messages.get(messageId);
    if (!rec || rec.deleted) throw errors.editNotFound();
    if (!rec.fromBot) throw errors.cantEdit();
    const old = rec.message;

    const next: TgMessage = { ...old };
    if (what === 'text') {
      if (old.text === undefined) throw errors.badRequest('there is no text in the message to edit');
      const f = this.formatted(p, 'text', true)!;
      next.text = f.text;
      if (f.entities.length > 0) next.entities = f.entities;
      else delete next.entities;
    } else if (what === 'caption') {
      const f = this.formatted(p, 'caption', false);
      if (f?.text) next.caption = f.text;
      else delete next.caption;
      if (f && f.entities.length > 0) next.caption_entities = f.entities;
      else delete next.caption_entities;
    }
    // Editing without reply_markup removes the inline keyboard, like Telegram.
    const markup = this.markup(p);
    if (markup) next.reply_markup = markup;
    else delete next.reply_markup;

    if (sameContent(old, next)) {
      this.stats.notModified++;
      throw errors.notModified();
    }
    this.rateLimiter.check(
      what === 'markup' ? 'editMessageReplyMarkup' : what === 'text' ? 'editMessageText' : 'editMessageCaption',
      state.chat.id,
      this.stats,
    );
    next.edit_date = this.nowSec();
    rec.history.push(old);
    rec.message = next;
    if (p.reply_markup !== undefined) rec.replyMarkupParam = p.reply_markup;
    else delete rec.replyMarkupParam;
    return next;
  }

  private deleteMessage(p: Params): true {
    const state = this.resolveChat(p, false);
    if (state.migratedTo !== undefined) this.assertWritable(state);
    const rec = state.messages.get(intParam(p, 'message_id') ?? NaN);
    if (!rec || rec.deleted) throw errors.deleteNotFound();
    rec.deleted = true;
    return true;
  }

  private sendChatAction(p: Params): true {
    this.resolveChat(p, true);
    if (!CHAT_ACTIONS.has(String(p.action))) throw errors.badRequest('wrong parameter action in request');
    return true;
  }

  private answerCallbackQuery(p: Params): true {
    const id = String(p.callback_query_id ?? '');
    const pending = this.callbacks.get(id);
    if (!pending || pending.answered) throw errors.callbackTooOld();
    pending.answered = true;
    const answer: CallbackAnswer = {};
    if (p.text !== undefined) answer.text = String(p.text);
    if (p.show_alert !== undefined) answer.show_alert = Boolean(p.show_alert);
    if (p.url !== undefined) answer.url = String(p.url);
    if (p.cache_time !== undefined) answer.cache_time = Number(p.cache_time);
    pending.answer = answer;
    return true;
  }

  private setChatMenuButton(p: Params): true {
    const button = (p.menu_button as Record<string, unknown> | undefined) ?? { type: 'default' };
    if (!['default', 'commands', 'web_app'].includes(String(button.type)))
      throw errors.badRequest('menu button type is invalid');
    if (
      button.type === 'web_app' &&
      (typeof button.text !== 'string' || typeof (button.web_app as { url?: unknown })?.url !== 'string')
    )
      throw errors.badRequest('menu button web_app is invalid');
    this.menuButtons.set(String(p.chat_id ?? 'default'), button);
    return true;
  }

  private setMyCommands(p: Params): true {
    const commands = p.commands;
    if (!Array.isArray(commands)) throw errors.badRequest('parameter "commands" is required');
    for (const c of commands as Array<{ command?: unknown; description?: unknown }>) {
      if (typeof c?.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command))
        throw errors.badRequest('BOT_COMMAND_INVALID');
      if (typeof c.description !== 'string' || c.description.length < 1 || c.description.length > 256) {
        throw errors.badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
      }
    }
    this.commands.set(
      commandsKey(p),
      commands.map((c) => ({ ...(c as object) })),
    );
    return true;
  }

  // ------------------------------------------------------------ webhook

  private setWebhook(p: Params): Described {
    const url = String(p.url ?? '');
    if (url === '') return this.deleteWebhook(p);
    if (!/^https?:\/\//.test(url)) throw errors.badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    const already = this.webhook?.url === url;
    const hook: WebhookState = { url };
    if (typeof p.secret_token === 'string') hook.secretToken = p.secret_token;
    if (Array.isArray(p.allowed_updates)) hook.allowedUpdates = p.allowed_updates.map(String);
    if (p.max_connections !== undefined) hook.maxConnections = Number(p.max_connections);
    this.webhook = hook;
    if (p.drop_pending_updates) this.store.dropPending();
    this.pollWaiter?.wake(); // a waiting long poll now fails with 409 (webhook active)
    this.opts.kickWebhook();
    return new Described(true, already ? 'Webhook is already set' : 'Webhook was set');
  }

  private deleteWebhook(p: Params): Described {
    const had = this.webhook !== undefined;
    delete this.webhook;
    if (p.drop_pending_updates) this.store.dropPending();
    return new Described(true, had ? 'Webhook was deleted' : 'Webhook is already deleted');
  }

  private getWebhookInfo() {
    const w = this.webhook;
    return {
      url: w?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.store.queue.length,
      ...(w?.maxConnections !== undefined && { max_connections: w.maxConnections }),
      ...(w?.allowedUpdates && { allowed_updates: w.allowedUpdates }),
      ...(w?.lastErrorDate !== undefined && {
        last_error_date: w.lastErrorDate,
        last_error_message: w.lastErrorMessage,
      }),
    };
  }

  // ------------------------------------------------------------ info

  private getChat(p: Params) {
    const state = this.resolveChat(p, false, true);
    return { ...state.chat, accent_color_id: 0, max_reaction_count: 11 };
  }

  private getFile(p: Params) {
    const stored = this.store.files.get(String(p.file_id ?? ''));
    if (!stored) throw errors.invalidFileId();
    return { ...stored.file };
  }

  // ------------------------------------------------------------ for SimUser

  /** Register a callback query so answerCallbackQuery accepts it. */
  registerCallback(id: string): void {
    this.callbacks.set(id, { answered: false });
  }

  callbackAnswer(id: string): CallbackAnswer | undefined {
    return this.callbacks.get(id)?.answer;
  }

  isCallbackAnswered(id: string): boolean {
    return this.callbacks.get(id)?.answered ?? false;
  }

  messageRecord(chatId: number, messageId: number): MessageRecord | undefined {
    return this.store.getMessage(chatId, messageId);
  }
}

// ------------------------------------------------------------ helpers

export function intParam(p: Params, key: string): number | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? Math.trunc(n) : undefined;
}

export function chatSummary(chat: TgChat): TgChat {
  const out: TgChat = { id: chat.id, type: chat.type };
  for (const key of ['title', 'username', 'first_name', 'last_name'] as const) {
    if (chat[key] !== undefined) out[key] = chat[key];
  }
  if (chat.is_forum) out.is_forum = chat.is_forum;
  return out;
}

export function updateType(update: TgUpdate): string {
  return Object.keys(update).find((k) => k !== 'update_id') ?? 'unknown';
}

function commandsKey(p: Params): string {
  const scope = (p.scope as { type?: string; chat_id?: unknown; user_id?: unknown } | undefined) ?? { type: 'default' };
  const normalized = { type: scope.type ?? 'default', chat_id: scope.chat_id, user_id: scope.user_id };
  return `${JSON.stringify(normalized)}|${typeof p.language_code === 'string' ? p.language_code : ''}`;
}

function sameEntities(a: TgEntity[] | undefined, b: TgEntity[] | undefined): boolean {
  return JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
}

function sameContent(a: TgMessage, b: TgMessage): boolean {
  return (
    a.text === b.text &&
    a.caption === b.caption &&
    sameEntities(a.entities, b.entities) &&
    sameEntities(a.caption_entities, b.caption_entities) &&
    JSON.stringify(a.reply_markup ?? null) === JSON.stringify(b.reply_markup ?? null)
  );
}
