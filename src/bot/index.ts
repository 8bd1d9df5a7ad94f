import { Telegraf } from 'telegraf';
import { FlatComposer } from './composer.js';
import type { BotDeps, LiaisonContext, RegisteredContext } from './context.js';
import { claimUpdates, retryOnTransient } from './middlewares/dedupe.js';
import { serializePerChat } from './middlewares/serialize.js';
import { authenticate, refuseStrangers, registeredOnly } from './middlewares/auth.js';
import { rateLimit } from './middlewares/rate-limit.js';
import { enforceAccess } from './access.js';
import { COMMANDS } from './commands.js';
import { inviteFeature } from './features/invite.js';
import { agenciesFeature } from './features/agencies.js';
import { usersFeature } from './features/users.js';
import { reviewFeature } from './features/review.js';
import { startFeature } from './features/start.js';
import { helpFeature } from './features/help.js';
import { languageFeature } from './features/language.js';
import { fallbackFeature } from './features/fallback.js';
import { summaryFeature } from './features/summary.js';
import { reportFeature } from './features/report.js';
import { registerFeature } from './features/register.js';
import { myActivitiesFeature } from './features/my-activities.js';
import { createForms } from './features/forms.js';
import { digestFeature } from './features/digest.js';
import { plansFeature } from './features/plans.js';
import { planDocumentFeature } from './features/plan-document.js';
import { planDetailsFeature } from './features/plan-details.js';
import { findFeature } from './features/find.js';
import { programmeUploadFeature } from './features/programme-upload.js';
import { followUpsFeature } from './features/followups.js';
import { anniversariesFeature } from './features/anniversaries.js';
import { settingsFeature } from './features/settings.js';
import { refreshCommands } from './menu.js';
import { scrubToken } from '../logger.js';
import { errorText } from '../security/scrub.js';
import { providerOf } from '../db/provider.js';
import { applySendDefaults } from './send-defaults.js';
import { POLLING, usePipelinedPolling } from './polling.js';
import { createOrgNamesRefresher } from '../services/org-names.js';

/** How stale the body's and division's names may be on this instance after an admin changes them elsewhere. */
const ORG_NAMES_EVERY_MS = 5_000;

export const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/** Builds the bot: middlewares, then features in reading order, then the catch-all. Does not start it. */
export function createBot(deps: BotDeps) {
  const bot = new Telegraf<LiaisonContext>(deps.config.botToken, {
    telegram: { apiRoot: deps.config.telegramApiRoot },
    handlerTimeout: 60_000,
  });
  applySendDefaults(bot.telegram);
  usePipelinedPolling(bot, POLLING, (err, update) =>
    deps.logger.error({ msg: 'update-failed', update_id: update.update_id, err: errorText(err) }),
  );
  const handled = deps.metrics?.counter('liaison_updates_total', 'Updates handled, by kind');
  const latency = deps.metrics?.histogram(
    'liaison_update_seconds',
    'Handler latency in seconds',
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  const refreshOrgNames = createOrgNamesRefresher(deps, ORG_NAMES_EVERY_MS);
  // The bot's own chain is flat too (Telegraf's `use` nests like Composer's: see FlatComposer).
  const chain = new FlatComposer<LiaisonContext>();
  bot.use(chain);
  chain.use(async (ctx, next) => {
    // Telegraf gives each update its own Telegram client (ctx.telegram): the send options apply to it too.
    applySendDefaults(ctx.telegram);
    // Every line a handler logs (ctx.deps.logger) carries the update it handles.
    ctx.deps = { ...deps, logger: deps.logger.child({ update_id: ctx.update.update_id }) };
    await refreshOrgNames();
    const started = performance.now();
    const run = () => next();
    try {
      return await (deps.inflight ? deps.inflight.track(run) : run());
    } finally {
      handled?.inc({ kind: ctx.updateType });
      latency?.observe((performance.now() - started) / 1000);
    }
  });
  // Per-chat order first: every later middleware awaits I/O, which would let a chat's second
  // update overtake its first (seen on PostgreSQL, whose pool answers out of order).
  chain.use(serializePerChat());
  chain.use(claimUpdates({ leaseMs: deps.config.updateLeaseMs }));
  // Counted in the database on PostgreSQL (several instances), in memory on SQLite (one process).
  chain.use(
    rateLimit(
      deps.config.rateLimit,
      providerOf(deps.config.databaseUrl) === 'postgresql' ? deps.repos.sharedLimits : undefined,
    ),
  );
  // Everything after the rate limit runs again on a transient database error before the user is told.
  const handlers = new FlatComposer<LiaisonContext>();
  chain.use(retryOnTransient((ctx, next) => handlers.middleware()(ctx, next)));
  handlers.use(authenticate());
  handlers.use(refuseStrangers());
  handlers.use(async (ctx, next) => {
    await refreshCommands(ctx).catch((err) =>
      deps.logger.warn({ msg: 'commands-refresh-failed', err: scrubToken(String(err)) }),
    );
    return next();
  });
  // The role check for every command and button, after the menu refresh so a changed role shows at once.
  handlers.use(enforceAccess(COMMANDS));
  handlers.use(startFeature());
  // Every feature below serves a registered user (RegisteredContext: ctx.user is set).
  const registered = new FlatComposer<RegisteredContext>();
  handlers.use(registeredOnly(registered));
  registered.use(helpFeature());
  registered.use(languageFeature());
  const forms = createForms();
  registered.use(reviewFeature(forms));
  registered.use(inviteFeature());
  // A programme XLSX a coordinator was asked for, before the agency import takes .xlsx files.
  registered.use(programmeUploadFeature());
  registered.use(agenciesFeature());
  registered.use(usersFeature());
  registered.use(digestFeature());
  // Forms (registration, /my actions) share one engine; its input handler must come before the fallback.
  registered.use(registerFeature(forms));
  registered.use(myActivitiesFeature(forms));
  registered.use(plansFeature(forms));
  registered.use(planDocumentFeature(forms));
  registered.use(planDetailsFeature(forms));
  registered.use(followUpsFeature(forms));
  registered.use(anniversariesFeature(forms));
  registered.use(settingsFeature(forms));
  registered.use(summaryFeature());
  registered.use(reportFeature());
  registered.use(findFeature(forms));
  handlers.use(fallbackFeature());

  bot.catch(async (err, ctx) => {
    deps.logger.error({
      msg: 'update-failed',
      update_id: ctx.update.update_id,
      err: scrubToken(err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err)),
    });
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
