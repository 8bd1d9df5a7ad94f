import type { MiddlewareFn } from 'telegraf';
import type { LiaisonContext } from '../context.js';
import type { SharedLimitsRepo } from '../../db/repos/shared-limits.js';
import { errorText } from '../../security/scrub.js';
import { retryTransient } from './dedupe.js';

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

/**
 * The same limit shared by every instance on PostgreSQL: one window per user in RateWindow, opened
 * by the user's first update and counted atomically, so a flood spread over the instances gets
 * `updates` per window through in all, not per instance. A database error lets the update
 * through (the limit protects the bot; it must not silence it).
 */
export function createSharedUpdateLimiter(opts: RateLimitOptions, repo: SharedLimitsRepo) {
  return {
    async hit(ctx: LiaisonContext, key: string): Promise<'ok' | 'notice' | 'drop'> {
      let hits: number;
      try {
        hits = await retryTransient(ctx, () => repo.hit(`user:${key}`, opts.windowMs));
      } catch (err) {
        ctx.deps.logger.warn({ msg: 'rate-limit-unavailable', err: errorText(err, 200) });
        return 'ok';
      }
      return hits <= opts.updates ? 'ok' : hits === opts.updates + 1 ? 'notice' : 'drop';
    },
  };
}

/**
 * Per-user rate limit (docs/product.md#abuse-limits): past it, one polite notice, then silence. With
 * `shared` (PostgreSQL), counted in the database for all instances; otherwise in memory.
 */
export function rateLimit(opts: RateLimitOptions | null, shared?: SharedLimitsRepo): MiddlewareFn<LiaisonContext> {
  if (!opts) return (_ctx, next) => next();
  const limiter = createUpdateLimiter(opts);
  const sharedLimiter = shared ? createSharedUpdateLimiter(opts, shared) : undefined;
  return async (ctx, next) => {
    const from = ctx.from;
    if (!from || from.is_bot) return next();
    const verdict = sharedLimiter ? await sharedLimiter.hit(ctx, String(from.id)) : limiter.hit(String(from.id));
    if (verdict === 'ok') return next();
    if (verdict === 'drop') return;
    ctx.deps.logger.warn({ msg: 'rate-limited', updates: opts.updates, windowMs: opts.windowMs });
    // Before auth: the language comes from Telegram, not from the stored choice (no lookup for a flood).
    const t = ctx.deps.i18n.forLocale(ctx.deps.i18n.resolve(null, from.language_code));
    const text = t('access.rate_limited', { seconds: Math.ceil(opts.windowMs / 1000) });
    try {
      if (ctx.callbackQuery) await ctx.answerCbQuery(text, { show_alert: true });
      else if (ctx.chat?.type === 'private') await ctx.reply(text);
    } catch {
      // The notice is a courtesy; failing to send it changes nothing.
    }
  };
}
