import type { Telegram } from 'telegraf';
import { isExpiredQuery, isNotModified } from './reply.js';
import { directCallApi, type CallApi } from './transport.js';

/** Methods whose text is Telegram HTML and whose links get no preview, unless the call says otherwise. */
const TEXT_METHODS = new Set(['sendMessage', 'editMessageText']);
const EDIT_METHODS = new Set(['editMessageText', 'editMessageReplyMarkup', 'editMessageCaption']);
const DEFAULTS = { parse_mode: 'HTML', link_preview_options: { is_disabled: true } } as const;
/**
 * Send options set once, for every call made through `telegram` (handlers' ctx.reply and
 * ctx.editMessageText, the outbox sender): messages are HTML — every text from `ctx.t` is, its
 * placeholders escaped — without link previews. And an edit that would change nothing ("message is
 * not modified": a double tap, a page redrawn as it was) succeeds quietly instead of failing, and so
 * does a bare acknowledgement of a press Telegram no longer takes ("query is too old").
 */
export function applySendDefaults(telegram: Telegram): void {
  // Calls without files go straight to node:http (./transport.ts); uploads through telegraf.
  const callApi = directCallApi(telegram, telegram.callApi.bind(telegram) as CallApi);
  telegram.callApi = (async (method: string, payload: object, extra?: { signal?: AbortSignal }) => {
    const withDefaults = TEXT_METHODS.has(method) ? { ...DEFAULTS, ...payload } : payload;
    try {
      return await callApi(method, withDefaults, extra);
    } catch (err) {
      if (EDIT_METHODS.has(method) && isNotModified(err)) return true;
      // A bare acknowledgement of a press Telegram no longer takes (an update handled late, after a
      // restart): the button's spinner has stopped on its own, nothing is lost, and what the handler
      // sends next must still go out. An answer with text still fails (the caller may say it in the chat).
      if (method === 'answerCallbackQuery' && isExpiredQuery(err) && !(payload as { text?: unknown }).text) return true;
      throw err;
    }
  }) as typeof telegram.callApi;
}
