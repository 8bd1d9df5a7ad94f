import type { MiddlewareFn } from 'telegraf';
import type { LiaisonContext } from '../context.js';
import { errorText } from '../../security/scrub.js';
import { isTransientDbError } from '../../db/transient.js';
import { conversationsForUpdate } from '../../db/repos/conversations.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Exactly once, with a lease (docs/architecture.md#exactly-once-updates): Telegram redelivers updates it thinks were not
 * received, and several instances may see the same webhook retry. The update is claimed with a
 * lease and marked done only when its handler finished (answered or apologised). A redelivery of
 * a done update is skipped; one whose handler died (the lease expired) is handled again, once; one
 * being handled elsewhere waits for that handler. Leases are real time (the handler's), renewed
 * while a long handler runs.
 */
export function claimUpdates(opts: { leaseMs: number }): MiddlewareFn<LiaisonContext> {
  const { leaseMs } = opts;
  // Updates this process finished lately: a redelivery here is skipped without asking the database
  // (a form step's done mark is its conversation save, which the claim cannot tell from a crash).
  const finished = new RecentIds(FINISHED_KEPT);
  return async (ctx, next) => {
    const { repos, logger } = ctx.deps;
    const id = ctx.update.update_id;
    if (finished.has(id)) {
      logger.info({ msg: 'update-duplicate', update_id: id, status: 'done' });
      return;
    }
    // The claim also reads the update's conversation row (one statement): the handlers use it.
    const own = ctx.chat && ctx.from ? { chatId: BigInt(ctx.chat.id), userId: BigInt(ctx.from.id) } : undefined;
    const claim = () =>
      retryTransient(ctx, () =>
        repos.processedUpdates.claim(id, ctx.deps.now().toJSDate(), new Date(Date.now() + leaseMs), new Date(), own),
      );
    let result = await claim();
    // Handled elsewhere right now (a webhook retry on another instance, a crashed process's lease).
    const deadline = Date.now() + leaseMs + 2_000;
    while (result.status === 'busy' && Date.now() < deadline) {
      await sleep(Math.min(500, Math.max(50, result.leaseUntil.getTime() - Date.now() + 10)));
      result = await claim();
    }
    if (result.status !== 'claimed') {
      logger.info({ msg: 'update-duplicate', update_id: id, status: result.status });
      return;
    }
    const conversations = conversationsForUpdate(repos.conversations, own ?? null, result.conversation, id);
    ctx.deps = { ...ctx.deps, repos: { ...repos, conversations } };
    if (result.attempts > 1) {
      logger.warn({ msg: 'update-rehandled', update_id: id, attempts: result.attempts });
      if (ctx.callbackQuery) answerLateAsMessage(ctx);
    }
    const renew = setInterval(
      () => {
        repos.processedUpdates
          .renew(id, new Date(Date.now() + leaseMs))
          .catch((err) => logger.warn({ msg: 'update-lease-renew-failed', update_id: id, err: errorText(err) }));
      },
      Math.max(250, leaseMs / 3),
    );
    renew.unref();
    try {
      await next();
    } finally {
      clearInterval(renew);
      // Also after a failure: the error handler apologises, and a retry would not do better.
      // A form step's save recorded the update's id in its state: that save was its done mark (a
      // redelivery after the lease is handled again, and the form engine answers it without applying it twice).
      if (!conversations.savedByUpdate)
        await retryTransient(ctx, () => repos.processedUpdates.markDone(id, ctx.deps.now().toJSDate())).catch((err) =>
          logger.error({ msg: 'update-done-failed', update_id: id, err: errorText(err) }),
        );
      finished.add(id);
    }
  };
}

const FINISHED_KEPT = 10_000;

/** The last `max` ids added (oldest dropped first). */
class RecentIds {
  readonly #ids = new Set<number>();
  constructor(private readonly max: number) {}
  has(id: number) {
    return this.#ids.has(id);
  }
  add(id: number) {
    this.#ids.add(id);
    if (this.#ids.size > this.max) this.#ids.delete(this.#ids.values().next().value!);
  }
}

/**
 * A press handled again after a crash was usually acknowledged already (Telegram refuses a second
 * answer, and old queries expire): what the handler says goes to the chat instead of nowhere.
 */
function answerLateAsMessage(ctx: LiaisonContext) {
  const answer = ctx.answerCbQuery.bind(ctx);
  ctx.answerCbQuery = async (text?: string, extra?: object) => {
    try {
      return await answer(text, extra);
    } catch (err) {
      if (!text || !ctx.chat) throw err;
      await ctx.reply(text);
      return true;
    }
  };
}

/** Runs `work` again (up to 3 times, with a short backoff) while it fails on a transient database error. */
export async function retryTransient<T>(
  ctx: Pick<LiaisonContext, 'deps' | 'update'>,
  work: () => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (attempt >= attempts || !isTransientDbError(err)) throw err;
      ctx.deps.logger.warn({
        msg: 'db-transient-retry',
        update_id: ctx.update.update_id,
        attempt,
        err: errorText(err, 200),
      });
      await sleep(50 * 2 ** attempt + Math.random() * 50);
    }
  }
}

/**
 * The handlers after it run again when they fail on a transient database error, before the
 * user is told anything went wrong. `handlers` is a composed middleware (it can be run again).
 */
export function retryOnTransient(handlers: MiddlewareFn<LiaisonContext>): MiddlewareFn<LiaisonContext> {
  // The handlers end with the catch-all, so nothing follows them: each run gets a no-op `next`.
  return (ctx) => retryTransient(ctx, () => Promise.resolve(handlers(ctx, () => Promise.resolve())));
}
