import type { MiddlewareFn } from 'telegraf';
import type { LiaisonContext } from '../context.js';

/**
 * telegraf handles a batch of updates concurrently, even from one chat. Answers from the same
 * chat must be handled in the order they were sent, so each chat gets a promise chain.
 * (Across instances, conversation versions in the database guard the same invariant.)
 */
export function serializePerChat(): MiddlewareFn<LiaisonContext> {
  const tails = new Map<string, Promise<unknown>>();
  return (ctx, next) => {
    const key = String(ctx.chat?.id ?? ctx.from?.id ?? 'none');
    const prev = tails.get(key) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(() => next());
    tails.set(key, run);
    const cleanup = () => {
      if (tails.get(key) === run) tails.delete(key);
    };
    run.then(cleanup, cleanup);
    return run;
  };
}
