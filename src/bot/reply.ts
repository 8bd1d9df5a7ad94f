import type { LiaisonContext } from './context.js';
import type { Params } from '../i18n/index.js';

type Extra = Parameters<LiaisonContext['reply']>[1];

/** Replies with a localized HTML message. */
export function replyT(ctx: LiaisonContext, key: string, params?: Params, extra: Extra = {}) {
  return ctx.reply(ctx.t(key, params), { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...extra });
}
