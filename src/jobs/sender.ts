import type { Telegram } from 'telegraf';
import { scrubText } from '../security/scrub.js';

/** What the dispatcher needs from Telegram: send one HTML message, get its id. */
export interface Sender {
  /** `buttons`: inline callback buttons under the message (e.g. "complete the details"). */
  sendMessage(
    chatId: bigint,
    text: string,
    buttons?: { text: string; data: string }[][],
  ): Promise<{ messageId: number }>;
}

export function createTelegramSender(telegram: Telegram): Sender {
  return {
    async sendMessage(chatId, text, buttons) {
      const markup = buttons?.length
        ? {
            reply_markup: {
              inline_keyboard: buttons.map((r) => r.map((b) => ({ text: b.text, callback_data: b.data }))),
            },
          }
        : {};
      const msg = await telegram.sendMessage(Number(chatId), text, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        ...markup,
      });
      return { messageId: msg.message_id };
    },
  };
}

export type SendFailure =
  | { type: 'rate-limited'; retryAfterSec: number; error: string }
  | { type: 'migrated'; newChatId: bigint; error: string }
  /** 403: blocked by the user, kicked from the group, user deactivated. */
  | { type: 'unreachable'; error: string }
  /** 5xx, network errors, timeouts: worth retrying. */
  | { type: 'transient'; error: string }
  /** Other 4xx: retrying the same request cannot help. */
  | { type: 'permanent'; error: string };

interface ApiErrorShape {
  response?: {
    error_code?: number;
    description?: string;
    parameters?: { retry_after?: number; migrate_to_chat_id?: number };
  };
}

/** Sorts a failed send into what the dispatcher does next. */
export function classifySendError(err: unknown): SendFailure {
  const res = (err as ApiErrorShape | null)?.response;
  const code = typeof res?.error_code === 'number' ? res.error_code : undefined;
  if (code === undefined) {
    const e = err as { name?: string; code?: string; message?: string } | null;
    return {
      type: 'transient',
      error: scrubText(`network: ${e?.code ?? e?.name ?? 'error'} ${String(e?.message ?? err)}`).slice(0, 200),
    };
  }
  const error = scrubText(`${code} ${res?.description ?? ''}`.trim()).slice(0, 300);
  if (code === 429)
    return { type: 'rate-limited', retryAfterSec: Math.max(1, Number(res?.parameters?.retry_after ?? 1)), error };
  const migrateTo = res?.parameters?.migrate_to_chat_id;
  if (migrateTo !== undefined) return { type: 'migrated', newChatId: BigInt(migrateTo), error };
  if (code === 403) return { type: 'unreachable', error };
  if (code >= 500) return { type: 'transient', error };
  return { type: 'permanent', error };
}
