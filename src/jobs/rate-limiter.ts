/**
 * One limiter for everything the bot sends on its own initiative (docs/product.md#reminders-and-digest): at most `globalPerSec`
 * messages per second overall (evenly spaced), one per second per chat, `groupPerMin` per minute
 * per group, and a global pause when Telegram answers 429 (retry_after). Time is real time (it
 * paces actual HTTP calls); tests inject `now` and `sleep`.
 *
 * In memory, for one process (SQLite: one process owns the file). On PostgreSQL every instance
 * uses the shared limiter instead (shared-rate-limiter.ts), so N instances together keep
 * SEND_RATE_PER_SEC and a 429 pauses them all.
 */

export interface RateLimiterOptions {
  globalPerSec: number;
  perChatIntervalMs?: number;
  groupPerMin?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateLimiter {
  /** Resolves when a message to `chatId` may be sent now; the send is counted. */
  acquire(chatId: bigint | number): Promise<void>;
  /** Stops all sending for `ms` (429 retry_after). */
  pause(ms: number): void;
  /** Milliseconds until sending resumes (0 when not paused). */
  pausedFor(): number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRateLimiter(opts: RateLimiterOptions): RateLimiter {
  const now = opts.now ?? (() => performance.timeOrigin + performance.now());
  const sleep = opts.sleep ?? realSleep;
  const interval = 1000 / opts.globalPerSec;
  const perChat = opts.perChatIntervalMs ?? 1000;
  const groupPerMin = opts.groupPerMin ?? 20;
  let nextGlobal = 0;
  let pausedUntil = 0;
  const chatNext = new Map<string, number>();
  const groupHits = new Map<string, number[]>();

  /** Earliest time the chat's own limits allow a send. */
  function chatReadyAt(key: string, isGroup: boolean, t: number): number {
    let ready = chatNext.get(key) ?? 0;
    if (isGroup) {
      const hits = (groupHits.get(key) ?? []).filter((h) => h > t - 60_000);
      groupHits.set(key, hits);
      if (hits.length >= groupPerMin) ready = Math.max(ready, hits[hits.length - groupPerMin]! + 60_000);
    }
    return ready;
  }

  function forget(t: number) {
    // Keep the maps small: chats idle for a minute have no constraint left.
    if (chatNext.size < 10_000) return;
    for (const [k, v] of chatNext) if (v < t) chatNext.delete(k);
    for (const [k, v] of groupHits) if (v.every((h) => h <= t - 60_000)) groupHits.delete(k);
  }

  return {
    async acquire(chatId) {
      const key = String(chatId);
      const isGroup = BigInt(chatId) < 0n;
      for (;;) {
        let t = now();
        const wait = Math.max(chatReadyAt(key, isGroup, t), pausedUntil) - t;
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        // Reserve the next global slot (short waits only: the chat is ready now).
        const slot = Math.max(t, nextGlobal);
        nextGlobal = slot + interval;
        if (slot > t) {
          await sleep(slot - t);
          t = now();
          // A 429 may have come in meanwhile, or another sender took this chat's turn.
          if (t < pausedUntil || chatReadyAt(key, isGroup, t) > t) continue;
        }
        chatNext.set(key, t + perChat);
        if (isGroup) groupHits.get(key)!.push(t);
        forget(t);
        return;
      }
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
    pausedFor() {
      return Math.max(0, pausedUntil - now());
    },
  };
}
