import { ApiError, errors } from './errors.js';
import type { ApiErrorSpec, FakeLimits, FakeStats, RandomFailureConfig } from './types.js';

/**
 * Telegram-like limits (content sizes, flood control) and failure injection
 * (one-shot failures, hangs, seeded random 429/5xx).
 */

export const DEFAULT_RATE_LIMITED_METHODS = [
  'sendMessage',
  'sendDocument',
  'sendPhoto',
  'sendMediaGroup',
  'copyMessage',
  'forwardMessage',
  'editMessageText',
  'editMessageCaption',
  'editMessageReplyMarkup',
];

/**
 * Telegram's flood limits (30 messages/s overall, 1/s per chat, 20/min per group), off by default;
 * `globalPerSec` scales the overall one for a test that sends faster than the real bot may.
 */
export function telegramLimits(globalPerSec = 30): FakeLimits {
  return { globalPerSec, perChatPerSec: 1, groupPerMin: 20 };
}

export interface ResolvedLimits {
  maxTextLength: number;
  maxCaptionLength: number;
  maxCallbackDataBytes: number;
  perChatPerSec: number;
  groupPerMin: number;
  globalPerSec: number;
  rateLimitedMethods: Set<string>;
}

const off = (v: number | false | undefined, dflt: number) => (v === false ? Infinity : (v ?? dflt));

export function resolveLimits(limits: FakeLimits = {}): ResolvedLimits {
  return {
    maxTextLength: off(limits.maxTextLength, 4096),
    maxCaptionLength: off(limits.maxCaptionLength, 1024),
    maxCallbackDataBytes: off(limits.maxCallbackDataBytes, 64),
    perChatPerSec: limits.perChatPerSec ?? Infinity,
    groupPerMin: limits.groupPerMin ?? Infinity,
    globalPerSec: limits.globalPerSec ?? Infinity,
    rateLimitedMethods: new Set(
      (limits.rateLimitedMethods ?? DEFAULT_RATE_LIMITED_METHODS).map((m) => m.toLowerCase()),
    ),
  };
}

/** Sliding-window flood control: per chat / per group / global. */
export class RateLimiter {
  private readonly perChat = new Map<number, number[]>();
  private readonly perGroup = new Map<number, number[]>();
  private readonly global: number[] = [];

  constructor(
    private limits: ResolvedLimits,
    private readonly now: () => number,
  ) {}

  setLimits(limits: ResolvedLimits): void {
    this.limits = limits;
  }

  /** Throws 429 (and counts it in stats) if sending to `chatId` now would exceed a limit; records the send otherwise. */
  check(method: string, chatId: number | undefined, stats: FakeStats): void {
    const l = this.limits;
    if (chatId === undefined || !l.rateLimitedMethods.has(method.toLowerCase())) return;
    const now = this.now();
    const chatHits = window(this.perChat, chatId, now, 1000);
    const groupHits = chatId < 0 ? window(this.perGroup, chatId, now, 60_000) : undefined;
    prune(this.global, now, 1000);

    let retryAfter = 0;
    let kind: 'rateLimitedPerChat' | 'rateLimitedGroup' | 'rateLimitedGlobal' | undefined;
    if (chatHits.length >= l.perChatPerSec) {
      kind = 'rateLimitedPerChat';
      retryAfter = secondsUntil(chatHits[0]! + 1000, now);
    } else if (groupHits && groupHits.length >= l.groupPerMin) {
      kind = 'rateLimitedGroup';
      retryAfter = secondsUntil(groupHits[0]! + 60_000, now);
    } else if (this.global.length >= l.globalPerSec) {
      kind = 'rateLimitedGlobal';
      retryAfter = secondsUntil(this.global[0]! + 1000, now);
    }
    if (kind) {
      stats.rateLimited++;
      stats[kind]++;
      throw errors.tooManyRequests(retryAfter);
    }
    chatHits.push(now);
    groupHits?.push(now);
    this.global.push(now);
  }

  reset(): void {
    this.perChat.clear();
    this.perGroup.clear();
    this.global.length = 0;
  }
}

function window(map: Map<number, number[]>, key: number, now: number, ms: number): number[] {
  let hits = map.get(key);
  if (!hits) map.set(key, (hits = []));
  prune(hits, now, ms);
  return hits;
}

function prune(hits: number[], now: number, ms: number): void {
  let drop = 0;
  while (drop < hits.length && hits[drop]! <= now - ms) drop++;
  if (drop) hits.splice(0, drop);
}

const secondsUntil = (t: number, now: number) => Math.max(1, Math.ceil((t - now) / 1000));

/** mulberry32: tiny deterministic PRNG, returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RuleTarget {
  chatId?: number;
  times?: number;
}

interface FailRule {
  method: string;
  error: ApiErrorSpec;
  chatId?: number;
  remaining: number;
}

export interface HangRule {
  method: string;
  ms: number;
  chatId?: number;
  remaining: number;
  /** 'before': delay then process; 'after': process (side effects happen) then delay the response. */
  mode: 'before' | 'after';
}

/** Methods hit by random failures unless `methods` is given: the bot's outgoing traffic, not setup/polling. */
export const DEFAULT_RANDOM_FAILURE_METHODS = [
  ...DEFAULT_RATE_LIMITED_METHODS,
  'sendChatAction',
  'deleteMessage',
  'answerCallbackQuery',
];
const DEFAULT_RANDOM_SET = new Set(DEFAULT_RANDOM_FAILURE_METHODS.map((m) => m.toLowerCase()));

/** Holds failNext / hang rules and the random failure mode. */
export class Injector {
  private failRules: FailRule[] = [];
  private hangRules: HangRule[] = [];
  private random?: { cfg: RandomFailureConfig; rng: () => number; methods?: Set<string> };

  failNext(method: string, error: ApiErrorSpec, target: RuleTarget = {}): void {
    const rule: FailRule = { method: method.toLowerCase(), error, remaining: target.times ?? 1 };
    if (target.chatId !== undefined) rule.chatId = target.chatId;
    this.failRules.push(rule);
  }

  hang(method: string, ms: number, opts: RuleTarget & { mode?: 'before' | 'after' } = {}): void {
    const rule: HangRule = {
      method: method.toLowerCase(),
      ms,
      remaining: opts.times ?? 1,
      mode: opts.mode ?? 'before',
    };
    if (opts.chatId !== undefined) rule.chatId = opts.chatId;
    this.hangRules.push(rule);
  }

  setRandom(cfg: RandomFailureConfig | undefined): void {
    if (!cfg) {
      delete this.random;
      return;
    }
    this.random = { cfg, rng: mulberry32(cfg.seed ?? 1) };
    if (cfg.methods) this.random.methods = new Set(cfg.methods.map((m) => m.toLowerCase()));
  }

  clear(): void {
    this.failRules = [];
    this.hangRules = [];
    delete this.random;
  }

  takeFailure(method: string, chatId: number | undefined): ApiError | undefined {
    const rule = take(this.failRules, method, chatId);
    return rule ? ApiError.from(rule.error) : undefined;
  }

  takeHang(method: string, chatId: number | undefined): HangRule | undefined {
    return take(this.hangRules, method, chatId);
  }

  randomFailure(method: string, stats: FakeStats): ApiError | undefined {
    const r = this.random;
    if (!r) return undefined;
    const m = method.toLowerCase();
    if (!(r.methods ?? DEFAULT_RANDOM_SET).has(m)) return undefined;
    const roll = r.rng();
    const p429 = r.cfg.rate429 ?? 0;
    const p5xx = r.cfg.rate5xx ?? 0;
    if (roll < p429) {
      stats.random429++;
      return errors.tooManyRequests(r.cfg.retryAfter ?? 1);
    }
    if (roll < p429 + p5xx) {
      stats.random5xx++;
      return errors.serverError(r.rng() < 0.5 ? 500 : 502);
    }
    return undefined;
  }
}

function take<R extends { method: string; chatId?: number; remaining: number }>(
  rules: R[],
  method: string,
  chatId: number | undefined,
): R | undefined {
  const m = method.toLowerCase();
  const idx = rules.findIndex(
    (r) => (r.method === '*' || r.method === m) && (r.chatId === undefined || r.chatId === chatId),
  );
  if (idx === -1) return undefined;
  const rule = rules[idx]!;
  if (--rule.remaining <= 0) rules.splice(idx, 1);
  return rule;
}
