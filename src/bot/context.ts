import type { Context } from 'telegraf';
import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { Repos } from '../db/repos/index.js';
import type { I18n, Locale, Translate } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { InflightTracker } from './inflight.js';

export type BotUser = NonNullable<Awaited<ReturnType<Repos['users']['findByTelegramId']>>>;

export interface BotDeps {
  config: Config;
  repos: Repos;
  i18n: I18n;
  logger: Logger;
  /** The current time in the configured zone; tests inject a fixed clock. */
  now: () => DateTime;
  /** Optional instrumentation: update counts/latency and in-flight tracking for graceful shutdown. */
  metrics?: Metrics;
  inflight?: InflightTracker;
}

export interface LiaisonContext extends Context {
  deps: BotDeps;
  /** The registered user, or null for a stranger. */
  user: BotUser | null;
  locale: Locale;
  t: Translate;
}

/** A registered, active user with a role: who every feature after `refuseStrangers` serves. */
export type RegisteredUser = BotUser & { role: NonNullable<BotUser['role']> };

/** The context of a registered user's update: handlers read `ctx.user` without a `!`. */
export interface RegisteredContext extends LiaisonContext {
  user: RegisteredUser;
}

export function isRegistered(ctx: LiaisonContext): ctx is RegisteredContext {
  return ctx.user !== null && ctx.user.role !== null;
}
