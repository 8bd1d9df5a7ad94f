import type { MiddlewareFn } from 'telegraf';
import type { LiaisonContext } from '../context.js';

export interface RateLimitOptions {
  updates: number;
  windowMs: number;
  /** Milliseconds clock; wall time by default (a flood is about real time, not the app's clock). */
  clock?: () => number;
  /** How many users' windows are kept in memory at most; the oldest are forgotten first. */
  maxTracked?: number;
}

interface Window {
  stamps: number[];
  noticed: boolean;
}

/**
 * Pure sliding-window limiter: `hit(key)` says whether to handle the update ('ok'), to send the one
 * polite notice ('notice'), or to stay silent ('drop') until the user's window has cooled down.
 * Refused updates do not count, so a user who keeps flooding gets `updates` per window through.
 */
export function createUpdateLimiter(opts: RateLimitOptions) {
  const clock = opts.clock ?? (() => performance.now());
  const maxTracked = opts.maxTracked ?? 10_000;
  const windows = new Map<string, Window>();
  return {
    hit(key: string): 'ok' | 'notice' | 'drop' {
      const now = clock();
      let w = windows.get(key);
      if (w) windows.delete(key); // re-insert below: Map order = least recently seen first
      w ??= { stamps: [], noticed: false };
      while (w.stamps.length && w.stamps[0]! <= now - opts.windowMs) w.stamps.shift();
      windows.set(key, w);
      if (windows.size > maxTracked) windows.delete(windows.keys().next().value!);
      if (w.stamps.length < opts.updates) {
        w.stamps.push(now);
        w.noticed = false;
        return 'ok';
      }
      if (w.noticed) return 'drop';
      w.noticed = true;
      return 'notice';
    },
    size: () => windows.size,
  };
}

/** Per-user rate limit (docs/product.md#abuse-limits): past it, one polite notice, then silence. */
export function rateLimit(opts: RateLimitOptions | null): MiddlewareFn<LiaisonContext> {
  if (!opts) return (_ctx, next) => next();
  const limiter = createUpdateLimiter(opts);
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return next();
    const verdict = limiter.hit(String(from.id));
    if (verdict === 'ok') return next();
    if (verdict === 'drop') return;
    ctx.deps.logger.warn({ msg: 'rate-limited', updates: opts.updates, windowMs: opts.windowMs });
    // Before auth: the language comes from Telegram, not from the stored choice (no lookup for a flood).
    const t = ctx.deps.i18n.forLocale(ctx.deps.i18n.resolve(null, from.language_code));
    const text = t('access.rate_limited', { seconds: Math.ceil(opts.windowMs / 1000) });
    try {
      if (ctx.callbackQuery) await ctx.answerCbQuery(text, { show_alert: true });
      else if (ctx.chat?.type === 'private') await ctx.reply(text, { parse_mode: 'HTML' });
    } catch {
      // The notice is a courtesy; failing to send it changes nothing.
    }
  };
}
