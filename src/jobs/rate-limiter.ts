/**
 * One limiter for everything the bot sends on its own initiative (docs/product.md#reminders-and-digest): at most `globalPerSec`
 * messages per second overall (evenly spaced), one per second per chat, `groupPerMin` per minute
 * per group. A 429 pauses the chat it came from for its retry_after; only a burst of 429s from
 * different chats (`burstChats` within `burstWindowMs`: the bot-wide limit is hit) pauses all
 * sending. Time is real time (it paces actual HTTP calls); tests inject `now` and `sleep`.
 *
 * In memory, for one process (SQLite: one process owns the file). On PostgreSQL every instance
 * uses the shared limiter instead (shared-rate-limiter.ts), so N instances together keep
 * SEND_RATE_PER_SEC, a chat paused by a 429 is paused for all, and a burst pauses them all.
 */

export interface RateLimiterOptions {
  globalPerSec: number;
  perChatIntervalMs?: number;
  groupPerMin?: number;
  /** 429s from this many different chats within `burstWindowMs` pause all sending (default 3 in 2 s). */
  burstChats?: number;
  burstWindowMs?: number;
  /**
   * Sends allowed in any one second: the pace's own (⌊globalPerSec⌋) plus this many (default 1). A
   * stalled event loop wakes its reserved slots late, all at once; beyond this they wait, so the
   * slots it missed do not land in Telegram's next second on top of its punctual ones. With no
   * room above the pace (0), every send would wait for the one a second before it: a gap (a stall)
   * would come back every second, and each timer's lateness would add up.
   */
  extraPerSec?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateLimiter {
  /** Resolves when a message to `chatId` may be sent now; the send is counted. */
  acquire(chatId: bigint | number): Promise<void>;
  /**
   * Telegram answered 429 for `chatId`: that chat waits `ms` (retry_after); when 429s came from
   * enough different chats in a short time (the bot-wide limit), all sending stops for `ms`.
   * Returns true when all sending was paused.
   */
  rateLimited(chatId: bigint | number, ms: number): boolean;
  /** Stops all sending for `ms`. */
  pause(ms: number): void;
  /** Milliseconds until sending resumes (0 when not paused). */
  pausedFor(): number;
}

/**
 * Tells a single 429 (that chat's own limit) from a burst (the bot-wide limit): true when 429s
 * came from at least `chats` different chats within the last `windowMs`, this one included.
 */
export function createBurstDetector(opts: { chats?: number; windowMs?: number; now: () => number }) {
  const chats = opts.chats ?? 3;
  const windowMs = opts.windowMs ?? 2000;
  let hits: { key: string; at: number }[] = [];
  return (chatId: bigint | number): boolean => {
    const t = opts.now();
    hits = hits.filter((h) => h.at > t - windowMs);
    hits.push({ key: String(chatId), at: t });
    return new Set(hits.map((h) => h.key)).size >= chats;
  };
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
  const burst = createBurstDetector({ chats: opts.burstChats, windowMs: opts.burstWindowMs, now });
  /** The times of the last `perSecond` sends, oldest first. */
  const perSecond = Math.max(1, Math.floor(opts.globalPerSec)) + (opts.extraPerSec ?? 1);
  const recent: number[] = [];
  /** Earliest time one more send keeps every second at `perSecond` sends or fewer. */
  const secondFreeAt = () => (recent.length < perSecond ? 0 : recent[0]! + 1000);

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
        }
        // Woken late with others (a stalled event loop): the slot is kept, the send waits its second.
        for (let free = secondFreeAt(); free > t; free = secondFreeAt()) {
          await sleep(free - t);
          t = now();
        }
        // A 429 may have come in meanwhile, or another sender took this chat's turn.
        if (t < pausedUntil || chatReadyAt(key, isGroup, t) > t) continue;
        recent.push(t);
        if (recent.length > perSecond) recent.shift();
        chatNext.set(key, t + perChat);
        if (isGroup) groupHits.get(key)!.push(t);
        forget(t);
        return;
      }
    },
    rateLimited(chatId, ms) {
      const key = String(chatId);
      chatNext.set(key, Math.max(chatNext.get(key) ?? 0, now() + ms));
      if (!burst(chatId)) return false;
      this.pause(ms);
      return true;
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + ms);
    },
    pausedFor() {
      return Math.max(0, pausedUntil - now());
    },
  };
}
