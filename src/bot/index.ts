import { Telegraf } from 'telegraf';
import type { BotDeps, LiaisonContext } from './context.js';
import { dedupeUpdates } from './middlewares/dedupe.js';
import { serializePerChat } from './middlewares/serialize.js';
import { authenticate, refuseStrangers } from './middlewares/auth.js';
import { startFeature } from './features/start.js';
import { helpFeature } from './features/help.js';
import { languageFeature } from './features/language.js';
import { fallbackFeature } from './features/fallback.js';
import { refreshCommands } from './menu.js';
import { scrubToken } from '../logger.js';

export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/** Builds the bot: middlewares, then features in reading order, then the catch-all. Does not start it. */
export function createBot(deps: BotDeps) {
  const bot = new Telegraf<LiaisonContext>(deps.config.botToken, {
    telegram: { apiRoot: deps.config.telegramApiRoot },
    handlerTimeout: 60_000,
  });
  const handled = deps.metrics?.counter('liaison_updates_total', 'Updates handled, by kind');
  const latency = deps.metrics?.histogram('liaison_update_seconds', 'Handler latency in seconds', [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]);
  bot.use(async (ctx, next) => {
    ctx.deps = deps;
    const started = performance.now();
    const run = () => next();
    try {
      return await (deps.inflight ? deps.inflight.track(run) : run());
    } finally {
      handled?.inc({ kind: ctx.updateType });
      latency?.observe((performance.now() - started) / 1000);
    }
  });
  bot.use(dedupeUpdates());
  bot.use(serializePerChat());
  bot.use(authenticate());
  bot.use(refuseStrangers());
  bot.use(async (ctx, next) => {
    await refreshCommands(ctx).catch((err) => deps.logger.warn({ msg: 'commands-refresh-failed', err: scrubToken(String(err)) }));
    return next();
  });
  bot.use(startFeature());
  bot.use(helpFeature());
  bot.use(languageFeature());
  bot.use(fallbackFeature());

  bot.catch(async (err, ctx) => {
    deps.logger.error({ msg: 'update-failed', update_id: ctx.update.update_id, err: scrubToken(err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err)) });
    const t = ctx.t ?? deps.i18n.forLocale(deps.i18n.defaultLocale);
    try {
      if (ctx.callbackQuery) await ctx.answerCbQuery(t('error.generic'), { show_alert: true });
      else if (ctx.chat) await ctx.reply(t('error.generic'));
    } catch {
      // The apology itself failed (network, blocked): nothing more to do for this update.
    }
  });
  return bot;
}
export type LiaisonBot = ReturnType<typeof createBot>;
