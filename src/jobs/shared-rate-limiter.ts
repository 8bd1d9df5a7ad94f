import type { SharedLimitsRepo } from '../db/repos/shared-limits.js';
import type { Logger } from '../logger.js';
import { createBurstDetector, createRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface SharedRateLimiterOptions {
  repo: SharedLimitsRepo;
  globalPerSec: number;
  perChatIntervalMs?: number;
  groupPerMin?: number;
  /**
   * Added to each chat's spacing: a send goes out a little after its slot (the event loop, the
   * HTTP round trip), and a late first send must not bring the next one within Telegram's second.
   */
  marginMs?: number;
  /**
   * A sender that wakes up this much after its slot (a starved process, a long pause of its event
   * loop) takes a new slot instead: sent late together with the others' punctual sends, it would
   * put more than the rate into one second and draw Telegram's 429.
   */
  maxLateMs?: number;
  /** 429s from this many different chats within `burstWindowMs` pause every instance (default 3 in 2 s). */
  burstChats?: number;
  burstWindowMs?: number;
  logger?: Pick<Logger, 'warn'>;
  sleep?: (ms: number) => Promise<void>;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The send limiter of every instance on PostgreSQL (SPEC §5, issue #11): one global cursor that
 * hands out slots `1000 / SEND_RATE_PER_SEC` ms apart to all instances together, one cursor per
 * chat (1 s per private chat; a group's sends evenly spaced at `60 s / groupPerMin`, so no
 * minute ever holds more than 20). A 429 moves its chat's cursor past retry_after, so no instance
 * sends to that chat before; a burst of 429s from different chats (the bot-wide limit) seen by
 * any instance pauses them all.
 * A slot is taken with the chat only if the chat is free at that slot; otherwise the slot is lost
 * (rare: the chat's own cursor is read first) and the sender waits for the chat.
 */
export function createSharedRateLimiter(opts: SharedRateLimiterOptions): RateLimiter {
  const { repo } = opts;
  const sleep = opts.sleep ?? realSleep;
  const interval = 1000 / opts.globalPerSec;
  const margin = opts.marginMs ?? 250;
  const maxLate = opts.maxLateMs ?? 100;
  const perChat = (opts.perChatIntervalMs ?? 1000) + margin;
  const perGroup = Math.max(opts.perChatIntervalMs ?? 1000, 60_000 / (opts.groupPerMin ?? 20)) + margin;
  /** What this instance knows already: when each chat is free again (local clock), and its own 429 pause. */
  const localReady = new Map<string, number>();
  let pausedUntil = 0;
  let pausing: Promise<unknown> = Promise.resolve();
  const burst = createBurstDetector({ chats: opts.burstChats, windowMs: opts.burstWindowMs, now: Date.now });
  const shareFailed = (err: unknown) =>
    opts.logger?.warn({ msg: 'send-pause-share-failed', err: String(err).slice(0, 200) });
  /**
   * Local clock minus the database's, as the fastest answer saw it: a reply read late (a busy
   * event loop) must not move its slot later, or the next sender of the chat would come too soon.
   * It may creep up 1 ms per answer, so a drifting clock is followed.
   */
  let offset = Infinity;
  const toLocal = (s: { now: number }, t: number) => {
    offset = Math.min(Date.now() - s.now, offset + 1);
    return t + offset;
  };

  function forget(t: number) {
    if (localReady.size < 10_000) return;
    for (const [k, v] of localReady) if (v < t) localReady.delete(k);
  }

  return {
    async acquire(chatId) {
      const key = `chat:${chatId}`;
      const spacing = BigInt(chatId) < 0n ? perGroup : perChat;
      await pausing;
      let stale = 0;
      for (;;) {
        const wait = Math.max(localReady.get(key) ?? 0, pausedUntil) - Date.now();
        if (wait > 0) await sleep(wait);
        const g = await repo.reserve(interval, key, spacing);
        const at = toLocal(g, g.slot);
        if (!g.claimed) {
          // Another sender (another instance) has this chat: wait until it is free.
          const r = await repo.readyAt(key);
          localReady.set(key, toLocal(r, r.slot));
          continue;
        }
        localReady.set(key, at + spacing);
        forget(Date.now());
        const left = at - Date.now();
        if (left > 0) await sleep(left);
        // A 429 came in meanwhile: the slot is void (the chat stays taken until its cursor passes).
        if (Date.now() < pausedUntil) continue;
        // Twice at most: a process that is always late must still send.
        if (Date.now() - at > maxLate && stale++ < 2) {
          await repo.release(key, g.slot, spacing);
          localReady.delete(key);
          continue;
        }
        return;
      }
    },
    rateLimited(chatId, ms) {
      const key = `chat:${chatId}`;
      localReady.set(key, Math.max(localReady.get(key) ?? 0, Date.now() + ms));
      const chatPaused = repo.pause(ms, key).catch(shareFailed);
      if (!burst(chatId)) {
        // The retry of this chat waits for its cursor to be moved (acquire reads it).
        pausing = Promise.all([pausing, chatPaused]);
        return false;
      }
      this.pause(ms);
      return true;
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
      pausing = repo.pause(ms).catch(shareFailed);
    },
    pausedFor() {
      return Math.max(0, pausedUntil - Date.now());
    },
  };
}

/** The send limiter for a process: shared through the database on PostgreSQL, in memory on SQLite (one process). */
export function createSendLimiter(opts: {
  provider: 'sqlite' | 'postgresql';
  globalPerSec: number;
  repo: SharedLimitsRepo;
  logger?: Pick<Logger, 'warn'>;
}): RateLimiter {
  return opts.provider === 'postgresql'
    ? createSharedRateLimiter({
        repo: opts.repo,
        globalPerSec: opts.globalPerSec,
        ...(opts.logger ? { logger: opts.logger } : {}),
      })
    : createRateLimiter({ globalPerSec: opts.globalPerSec });
}
