/**
 * Minimal, loosely-typed shapes of the Telegram Bot API objects the fake
 * produces. They follow the official field names (snake_case) so they can be
 * compared directly with what telegraf sends/receives.
 */

export type Params = Record<string, unknown>;

export interface TgUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  [key: string]: unknown;
}

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';

export interface TgChat {
  id: number;
  type: ChatType;
  title?: string;
  first_name?: string;
  last_name?: string;
  username?: string;
  [key: string]: unknown;
}

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  [key: string]: unknown;
}

export interface TgInlineButton {
  text: string;
  callback_data?: string;
  url?: string;
  [key: string]: unknown;
}

export interface TgInlineKeyboardMarkup {
  inline_keyboard: TgInlineButton[][];
}

export interface TgDocument {
  file_id: string;
  file_unique_id: string;
  file_name?: string;
  mime_type?: string;
  file_size?: number;
}

export interface TgMessage {
  message_id: number;
  date: number;
  chat: TgChat;
  from?: TgUser;
  text?: string;
  entities?: TgEntity[];
  caption?: string;
  caption_entities?: TgEntity[];
  /** Only inline keyboards are echoed back by Telegram (as here). */
  reply_markup?: TgInlineKeyboardMarkup;
  document?: TgDocument;
  edit_date?: number;
  reply_to_message?: TgMessage;
  migrate_to_chat_id?: number;
  migrate_from_chat_id?: number;
  new_chat_members?: TgUser[];
  [key: string]: unknown;
}

export interface TgCallbackQuery {
  id: string;
  from: TgUser;
  message?: TgMessage;
  chat_instance: string;
  data?: string;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  edited_message?: TgMessage;
  callback_query?: TgCallbackQuery;
  my_chat_member?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface TgFile {
  file_id: string;
  file_unique_id: string;
  file_size?: number;
  file_path?: string;
}

/** What the fake returns on the wire. */
export type ApiResponse =
  | { ok: true; result: unknown; description?: string }
  | { ok: false; error_code: number; description: string; parameters?: ResponseParameters };

export interface ResponseParameters {
  retry_after?: number;
  migrate_to_chat_id?: number;
}

/** Shape of an error to inject with failNext() etc. */
export interface ApiErrorSpec {
  error_code: number;
  description: string;
  parameters?: ResponseParameters;
}

/** A file uploaded through multipart/form-data. */
export interface UploadedFile {
  fileName: string;
  contentType?: string;
  size: number;
  bytes: Buffer;
}

/** One recorded Bot API call (in arrival order). */
export interface CallRecord {
  /** Monotonic sequence number (== index in `fake.calls` unless recording is capped). */
  seq: number;
  /** Canonical method name (e.g. `sendMessage`), or as requested if unknown. */
  method: string;
  /** Parsed parameters: JSON-typed; multipart files appear as {@link UploadedFile}. */
  params: Params;
  /** Arrival time, ms since epoch. */
  at: number;
  /** Completion time, ms since epoch (undefined while pending, e.g. long polls). */
  doneAt?: number;
  /** Numeric chat_id of the call, when it has one. */
  chatId?: number;
  /** The JSON body answered (undefined while pending). */
  response?: ApiResponse;
  /** HTTP status answered. */
  status?: number;
  /** `webhook-reply` when the method came back in a webhook response body. */
  via: 'http' | 'webhook-reply';
}

export interface FakeLimits {
  /** Max message text length (UTF-16 units after entity parsing). Default 4096; `false` disables. */
  maxTextLength?: number | false;
  /** Max caption length. Default 1024; `false` disables. */
  maxCaptionLength?: number | false;
  /** Max callback_data size in UTF-8 bytes. Default 64; `false` disables. */
  maxCallbackDataBytes?: number | false;
  /** Messages per private chat per second (sliding 1 s window). Off by default. */
  perChatPerSec?: number;
  /** Messages per group/supergroup per minute (sliding 60 s window). Off by default. */
  groupPerMin?: number;
  /** Messages across all chats per second (sliding 1 s window). Off by default. */
  globalPerSec?: number;
  /** Methods counted by the rate limits. Default: send*, edit*, copyMessage, forwardMessage. */
  rateLimitedMethods?: string[];
}

export interface RandomFailureConfig {
  /** Probability that a call gets 429 Too Many Requests. */
  rate429?: number;
  /** Probability that a call gets a 5xx (500/502 alternately drawn). */
  rate5xx?: number;
  /** PRNG seed (deterministic). Default 1. */
  seed?: number;
  /** retry_after (seconds) announced by random 429s. Default 1. */
  retryAfter?: number;
  /** Methods subject to random failures. Default: send*, edit*, copy/forward, sendChatAction, deleteMessage, answerCallbackQuery. */
  methods?: string[];
}

export interface FakeStats {
  /** Every Bot API call received (including getUpdates). */
  calls: number;
  /** Of which getUpdates. */
  pollCalls: number;
  /** Calls answered with ok:false. */
  errors: number;
  tooLong: number;
  buttonDataInvalid: number;
  parseErrors: number;
  notModified: number;
  rateLimited: number;
  rateLimitedPerChat: number;
  rateLimitedGroup: number;
  rateLimitedGlobal: number;
  blocked: number;
  migrated: number;
  injected: number;
  random429: number;
  random5xx: number;
  /** Updates handed out by getUpdates (a redelivered update counts again). */
  updatesDelivered: number;
  webhookDeliveries: number;
  webhookFailures: number;
}

export function emptyStats(): FakeStats {
  return {
    calls: 0,
    pollCalls: 0,
    errors: 0,
    tooLong: 0,
    buttonDataInvalid: 0,
    parseErrors: 0,
    notModified: 0,
    rateLimited: 0,
    rateLimitedPerChat: 0,
    rateLimitedGroup: 0,
    rateLimitedGlobal: 0,
    blocked: 0,
    migrated: 0,
    injected: 0,
    random429: 0,
    random5xx: 0,
    updatesDelivered: 0,
    webhookDeliveries: 0,
    webhookFailures: 0,
  };
}
