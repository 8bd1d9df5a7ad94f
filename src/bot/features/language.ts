import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { isLocale, LOCALES } from '../../i18n/index.js';
import { replyT } from '../reply.js';
import { refreshCommands } from '../menu.js';

const PREFIX = 'lang:';

export function languageFeature() {
  const c = new FlatComposer<RegisteredContext>();
  const keyboard = (ctx: LiaisonContext) =>
    Markup.inlineKeyboard(LOCALES.map((l) => Markup.button.callback(ctx.t(`lang.${l}`), `${PREFIX}${l}`)));

  c.command('lang', (ctx) => replyT(ctx, 'lang.choose', {}, keyboard(ctx)));

  c.action(/^lang:(.*)$/, async (ctx) => {
    const chosen = ctx.match[1];
    if (!isLocale(chosen)) {
      await ctx.answerCbQuery(ctx.t('lang.unknown'));
      return;
    }
    await ctx.deps.repos.users.setLocale(ctx.user.id, chosen);
    ctx.locale = chosen;
    ctx.t = ctx.deps.i18n.forLocale(chosen);
    ctx.user = { ...ctx.user, locale: chosen };
    await ctx.answerCbQuery();
    await ctx.editMessageText(ctx.t('lang.set')).catch(() => replyT(ctx, 'lang.set'));
    await refreshCommands(ctx);
  });
  return c;
}
