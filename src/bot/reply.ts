import type { InlineKeyboardButton } from 'telegraf/types';
import type { LiaisonContext } from './context.js';
import type { CheckedKey, Params } from '../i18n/index.js';

type Extra = Parameters<LiaisonContext['reply']>[1];

/** Replies with a localized message (HTML, no link previews: send-defaults.ts). */
export function replyT<K extends string>(ctx: LiaisonContext, key: CheckedKey<K>, params?: Params, extra: Extra = {}) {
  return ctx.reply(ctx.t(key, params), extra);
}

/**
 * "message is not modified" (same text and buttons): not an error for an edit in place. Handled once,
 * for every edit, by send-defaults.ts; the checks left in handlers are redundant.
 */
export function isNotModified(err: unknown): boolean {
  return err instanceof Error && /message is not modified/i.test(err.message);
}

/**
 * Telegram no longer takes an answer to this callback query: more than about 15 s after the press
 * (an update handled late, after a restart), or answered already. Quiet for a bare
 * answerCallbackQuery (send-defaults.ts).
 */
export function isExpiredQuery(err: unknown): boolean {
  return err instanceof Error && /query is too old|query ID is invalid/i.test(err.message);
}

export interface View {
  text: string;
  rows: InlineKeyboardButton[][];
}

/** Replies with a view, or redraws the message whose button was pressed (`edit` overrides which). */
export async function showView(ctx: LiaisonContext, view: View, opts: { edit?: boolean } = {}) {
  const extra = view.rows.length ? { reply_markup: { inline_keyboard: view.rows } } : {};
  if (!(opts.edit ?? !!ctx.callbackQuery)) return ctx.reply(view.text, extra);
  // An edit that changes nothing succeeds quietly (send-defaults.ts).
  await ctx.editMessageText(view.text, extra);
}

/**
 * Bot API calls made together for one answer (none waits for another; made in the order written):
 * the acknowledgements — the press's answer, the edit of the pressed message — and `message`, what
 * the user reads next. Resolves once all have settled, so nothing of the answer is still in flight
 * when the handler ends (an apology from the error handler cannot overtake the next question);
 * fails only when the message failed. A failed acknowledgement is logged: the user has the
 * message, and Telegram stops the button's spinner by itself.
 */
export async function sendWithAcks(
  ctx: LiaisonContext,
  acks: (Promise<unknown> | undefined)[],
  message: Promise<unknown>,
): Promise<void> {
  const [sent, ...acked] = await Promise.allSettled([message, ...acks]);
  for (const a of acked)
    if (a.status === 'rejected')
      ctx.deps.logger.warn({ msg: 'ack-failed', update_id: ctx.update.update_id, err: String(a.reason) });
  if (sent.status === 'rejected') throw sent.reason;
}
