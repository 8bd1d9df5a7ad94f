import { setTimeout as sleep } from 'node:timers/promises';
import { TelegramError, type Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';

/**
 * Long polling that does not hold every update back behind the slowest of its batch.
 *
 * telegraf's polling asks for the next updates only once every update of the last batch is
 * handled: one slow handler (a /report uploading two files, a plan document downloaded and read)
 * held up every other user's answer until it ended, and on PostgreSQL the event loop waited idle
 * on the batch's last queries. Here updates are asked for again while some are still being handled:
 * when no more than `refillAt` are (0: when all are done, as telegraf), and whenever nothing new
 * has been taken for `stallMs` while some are.
 *
 * Nothing is confirmed to Telegram before it is handled: getUpdates' `offset` (which drops every
 * update below it for good) is never past the oldest update still being handled, so an update
 * being handled when the process dies comes again, as with telegraf (docs/architecture.md#exactly-once-updates).
 * The updates still being handled (and those done after them) therefore come back with every
 * getUpdates and are skipped; each asks for as many more as there is room for, and when those
 * taken fill Telegram's most per answer (100), the next waits for the oldest to end.
 */
export interface PollingOptions {
  /** Updates handled at once, at most. */
  maxInFlight: number;
  /** Ask for more once no more than this many are being handled. */
  refillAt: number;
  /** While updates are being handled, ask for more after this long without taking any. */
  stallMs: number;
}

type GetUpdates = (offset: number, limit: number, timeout: number, signal: AbortSignal) => Promise<Update[]>;

/**
 * Updates handled at once (Telegram's default and most per getUpdates: 100). Under a burst, with
 * 100 at once the handlers' objects outlived the young generation's collections and were promoted,
 * and collection took a fifth of the CPU; in `bench/updates.ts` (100 people answering as fast as
 * they can), 25 at a time made an update cost about a quarter less CPU and cut the handler's p99
 * from about 200 to 50 ms; fewer than 20 cost more in polls and commits.
 */
export const UPDATES_IN_FLIGHT = 25;
/**
 * How the bot polls: the next updates once every update taken is handled, as telegraf did (they
 * then arrive together, and a batch's writes are committed together; asking again while half were
 * still being handled kept PostgreSQL's loop busier but cost a poll per handler under light load,
 * each bringing back the updates still being handled, and measured no better), or after 250 ms
 * without taking any while some are being handled (a slow handler).
 */
export const POLLING: PollingOptions = { maxInFlight: UPDATES_IN_FLIGHT, refillAt: 0, stallMs: 250 };

/** As telegraf: the long poll's timeout (s), and the wait before asking again after a failure (s). */
const LONG_POLL_S = 50;
const RETRY_S = 5;
/** Telegram's most updates per getUpdates. */
const MAX_LIMIT = 100;
const FOREVER = 2 ** 31 - 1;

export class PipelinedPolling {
  readonly #abort = new AbortController();
  /** The update id after the last one taken. */
  #next = 0;
  /** Updates being handled, by id. */
  readonly #running = new Set<number>();
  /** Ids taken (being handled or done) that getUpdates may still return (not yet below the offset). */
  #taken = new Set<number>();
  /** Waiting for a handler to end (or the stop). */
  readonly #waiting = new Set<() => void>();

  constructor(
    private readonly getUpdates: GetUpdates,
    private readonly opts: PollingOptions,
    private readonly onError: (err: unknown, update: Update) => void,
  ) {}

  /** Everything below the oldest update still being handled (or all taken, when none is). */
  #offset(): number {
    let offset = this.#next;
    for (const id of this.#running) if (id < offset) offset = id;
    return offset;
  }

  /** Resolves when a handler ends, on stop, or after `ms`. */
  #ended(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiting.add(done);
    });
  }

  #wakeAll() {
    for (const done of [...this.#waiting]) done();
  }

  #take(update: Update, handle: (u: Update) => Promise<void>) {
    const id = update.update_id;
    this.#taken.add(id);
    this.#running.add(id);
    this.#next = Math.max(this.#next, id + 1);
    handle(update)
      .catch((err: unknown) => this.onError(err, update))
      .finally(() => {
        this.#running.delete(id);
        this.#wakeAll();
      });
  }

  async loop(handle: (u: Update) => Promise<void>): Promise<void> {
    const signal = this.#abort.signal;
    if (signal.aborted) throw new Error('Polling instances must not be reused!');
    const { maxInFlight, refillAt, stallMs } = this.opts;
    let lastTaken = Date.now();
    try {
      while (!signal.aborted) {
        // Room to take more, or nothing taken for a while (a slow handler): ask.
        while (this.#running.size > refillAt && Date.now() - lastTaken < stallMs && !signal.aborted)
          await this.#ended(stallMs - (Date.now() - lastTaken));
        if (signal.aborted) break;
        const offset = this.#offset();
        for (const id of this.#taken) if (id < offset) this.#taken.delete(id);
        // The answer starts with the updates taken from `offset` on: as many more as there is room for.
        const limit = Math.min(MAX_LIMIT, this.#taken.size + maxInFlight - this.#running.size);
        if (limit <= this.#taken.size) {
          await this.#ended(FOREVER);
          continue;
        }
        let updates: Update[];
        try {
          // Updates still being handled come back at once: no long poll then.
          updates = await this.getUpdates(offset, limit, this.#running.size ? 0 : LONG_POLL_S, signal);
        } catch (err) {
          if ((err as Error).name === 'AbortError' || signal.aborted) break;
          const e = err as Error & { code?: number; parameters?: { retry_after?: number } };
          if (e.name === 'FetchError' || (e instanceof TelegramError && (e.code === 429 || e.code >= 500))) {
            // Cut short by the stop (an AbortError, ignored: the loop ends).
            await sleep((e.parameters?.retry_after ?? RETRY_S) * 1000, undefined, { signal }).catch(() => undefined);
            continue;
          }
          throw err;
        }
        let fresh = 0;
        for (const u of updates) {
          if (u.update_id < offset || this.#taken.has(u.update_id)) continue;
          if (this.#running.size >= maxInFlight) break;
          this.#take(u, handle);
          fresh++;
        }
        if (fresh) lastTaken = Date.now();
        // Nothing new while some are being handled: wait for one to end or a while, then ask again.
        else if (this.#running.size) await this.#ended(stallMs);
      }
    } finally {
      this.stop();
      // The updates being handled end, then Telegram is told every update taken is done.
      while (this.#running.size) await this.#ended(FOREVER);
      if (this.#next > 0) await this.getUpdates(this.#next, 1, 0, new AbortController().signal).catch(() => undefined);
    }
  }

  stop(): void {
    this.#abort.abort();
    this.#wakeAll();
  }
}

/**
 * `bot.launch()` polls with PipelinedPolling instead of telegraf's polling (`bot.stop()` stops it
 * the same way: telegraf calls `polling.stop()`). Errors a handler lets through are `onError`'s.
 */
export function usePipelinedPolling(
  bot: Pick<Telegraf, 'telegram'> & { handleUpdate(update: Update): Promise<unknown> },
  opts: PollingOptions,
  onError: (err: unknown, update: Update) => void,
): void {
  const { telegram } = bot;
  const patched = bot as unknown as {
    polling?: { stop(): void };
    startPolling(allowedUpdates?: readonly string[]): Promise<void>;
  };
  patched.startPolling = (allowedUpdates = []) => {
    const polling = new PipelinedPolling(
      (offset, limit, timeout, signal) =>
        telegram.callApi<'getUpdates'>(
          'getUpdates',
          { offset, limit, timeout, allowed_updates: allowedUpdates as never },
          { signal } as never,
        ),
      opts,
      onError,
    );
    patched.polling = polling;
    return polling.loop(async (update) => void (await bot.handleUpdate(update)));
  };
}
