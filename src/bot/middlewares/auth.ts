import { Composer, type Middleware, type MiddlewareFn } from 'telegraf';
import { resolveReportSettings } from '../../domain/report-settings.js';
import { isRegistered, type LiaisonContext, type RegisteredContext } from '../context.js';
import { referenceOfPayload } from '../../domain/deep-link.js';

/**
 * Puts the registered user (or null) on the context, with their locale. Ids listed in
 * ADMIN_TELEGRAM_IDS are admins from their first message on.
 */
export function authenticate(): MiddlewareFn<LiaisonContext> {
  return async (ctx, next) => {
    const { repos, config, i18n } = ctx.deps;
    const from = ctx.from;
    ctx.user = null;
    if (from && !from.is_bot) {
      const telegramId = BigInt(from.id);
      const profile = {
        telegramId,
        displayName: [from.first_name, from.last_name].filter(Boolean).join(' '),
        username: from.username ?? null,
      };
      let user = await repos.users.findByTelegramId(telegramId);
      if (config.adminTelegramIds.includes(telegramId) && (user?.role !== 'ADMIN' || !user.active)) {
        user = await repos.users.upsertWithRole(profile, 'ADMIN', user?.agencyId ?? null);
      }
      if (user && user.role) ctx.user = user;
    }
    ctx.locale = i18n.resolve(ctx.user?.locale, from?.language_code);
    ctx.t = i18n.forLocale(ctx.locale);
    return next();
  };
}

/** Strangers and deactivated users get a polite refusal and see no data; /start explains how to ask for access. */
export function refuseStrangers(): MiddlewareFn<LiaisonContext> {
  return async (ctx, next) => {
    if (ctx.user?.active) return next();
    // A stranger opening an invite link (/start <token>) goes on to the redemption in start.ts.
    // (An activity's link is no invite: the stranger gets the refusal below.)
    const startPayload =
      ctx.message && 'text' in ctx.message ? /^\/start(?:@\w+)?\s+(\S+)/.exec(ctx.message.text)?.[1] : undefined;
    if (!ctx.user && ctx.chat?.type === 'private' && startPayload && !referenceOfPayload(startPayload)) return next();
    if (ctx.callbackQuery) {
      await ctx.answerCbQuery(ctx.t('error.not_allowed'), { show_alert: true });
      return;
    }
    if (!ctx.message || !ctx.chat) return;
    if (ctx.chat.type !== 'private') {
      // In groups, only answer strangers who address the bot with a command.
      if ('text' in ctx.message && ctx.message.text.startsWith('/')) await ctx.reply(ctx.t('start.group_stranger'));
      return;
    }
    const key = ctx.user && !ctx.user.active ? 'start.deactivated' : 'start.stranger';
    ctx.deps.logger.info({ msg: 'access-refused', reason: ctx.user ? 'deactivated' : 'stranger' });
    // Who to contact are settings (the body and its division), not text in the code.
    const org = resolveReportSettings(await ctx.deps.repos.settings.all());
    await ctx.reply(ctx.t(key, { id: ctx.from?.id ?? '', body: org.bodyName, division: org.divisionName }));
  };
}

/**
 * Runs `features` (typed for a registered user: `ctx.user` is set) for a registered user's update;
 * any other update goes on past them. After `refuseStrangers` only a stranger's `/start <token>` does.
 */
export function registeredOnly(...features: Middleware<RegisteredContext>[]): MiddlewareFn<LiaisonContext> {
  // Composed per update: a Composer passed here may still get its features after this call.
  return (ctx, next) => (isRegistered(ctx) ? Composer.compose(features)(ctx, next) : next());
}
