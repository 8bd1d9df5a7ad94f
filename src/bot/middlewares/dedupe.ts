import type { MiddlewareFn } from 'telegraf';
import type { LiaisonContext } from '../context.js';

/**
 * Telegram redelivers updates it thinks were not received, and several instances may see the
 * same webhook retry. The first to record the update_id handles it; the rest drop it. Claiming
 * before handling means an update whose handler crashed is not retried: at most once, by design.
 */
export function dedupeUpdates(): MiddlewareFn<LiaisonContext> {
  return async (ctx, next) => {
    const fresh = await ctx.deps.repos.processedUpdates.claim(ctx.update.update_id, ctx.deps.now().toJSDate());
    if (!fresh) {
      ctx.deps.logger.info({ msg: 'update-duplicate', update_id: ctx.update.update_id });
      return;
    }
    return next();
  };
}
