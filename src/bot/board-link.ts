/**
 * Ways into the plan board (docs/product.md#plan-board) from the bot: the chat menu button of coordinators, heads and
 * admins, a "📋 Bảng kế hoạch" button under /summary, /plans and /find answers, and a button on an
 * activity's card that opens the board at that card (`?a=<reference>`). Web-app buttons work in
 * private chats only (Telegram refuses them in groups), and only when WEBAPP_URL is set.
 */
import type { InlineKeyboardButton, MenuButton } from 'telegraf/types';
import type { Role } from '../domain/enums.js';
import type { Translate } from '../i18n/index.js';
import type { LiaisonContext } from './context.js';
import { LEADERSHIP } from './access.js';

const plain = (s: string) => s.replace(/<[^>]+>/g, '');

/** The menu button for a role: the board for coordinators, heads and admins; Telegram's default otherwise. */
export function boardMenuButton(role: Role, t: Translate, webappUrl: string): MenuButton {
  if (!LEADERSHIP.includes(role)) return { type: 'default' };
  return { type: 'web_app', text: plain(t('board.button')), web_app: { url: webappUrl } };
}

/** The board's URL opening one activity's card. */
export function boardCardUrl(webappUrl: string, reference: string): string {
  const url = new URL(webappUrl);
  url.searchParams.set('a', reference);
  return url.toString();
}

/** "📋 Bảng kế hoạch" (or the card's button when `reference` is given), when the board may open here. */
export function boardButton(ctx: LiaisonContext, reference?: string): InlineKeyboardButton | null {
  const url = ctx.deps.config.webappUrl;
  if (!url || ctx.chat?.type !== 'private' || !ctx.user?.active) return null;
  return reference
    ? { text: plain(ctx.t('board.button_card')), web_app: { url: boardCardUrl(url, reference) } }
    : { text: plain(ctx.t('board.button')), web_app: { url } };
}

/** Reply options with the board's button, for the last message of an answer. */
export function boardKeyboard(ctx: LiaisonContext, reference?: string) {
  const button = boardButton(ctx, reference);
  return button ? { reply_markup: { inline_keyboard: [[button]] } } : {};
}

/** A view with the board's button as its last row (when the board may open here). */
export function withBoardButton<V extends { rows: InlineKeyboardButton[][] }>(
  ctx: LiaisonContext,
  view: V,
  reference?: string,
): V {
  const button = boardButton(ctx, reference);
  return button ? { ...view, rows: [...view.rows, [button]] } : view;
}
