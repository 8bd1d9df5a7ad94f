import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { COORDINATION, FOCAL_ONLY, hasRole, requireRole } from '../access.js';
import { defineCallbacks } from '../keyboards/callbacks.js';
import type { FormEngine } from '../form-engine/index.js';
import { ACTIVITY_TYPES } from '../../domain/enums.js';
import { newActivityFormId, type NewActivityMeta } from './activity-forms/specs.js';
import { isNotModified } from '../reply.js';

const newButtons = defineCallbacks('new', { type: ['t', { type: ACTIVITY_TYPES }] });

/**
 * Who registers activities: focal points for their own agency (docs/product.md#roles); coordinators and admins on
 * behalf of any agency (the form then asks for the lead agency).
 */
export const REGISTER_ROLES = [...FOCAL_ONLY, ...COORDINATION];

/** Registering for an agency other than one's own: the Department's coordinators and admins. */
const onBehalf = (ctx: LiaisonContext) => hasRole(ctx, COORDINATION);

function typeMenu(ctx: LiaisonContext) {
  return Markup.inlineKeyboard(
    ACTIVITY_TYPES.map((type) => [
      Markup.button.callback(ctx.t(`activity.type.${type}`), newButtons.encode('type', { type })),
    ]),
  );
}

/**
 * /new: choose the type, then its form (one question per step, review card, submit). The form
 * engine's input handler comes first so an open form receives the answers, /back, /skip, /cancel
 * and /submit.
 */
export function registerFeature(engine: FormEngine) {
  const c = new FlatComposer<RegisteredContext>();
  c.use(engine.input);

  c.command('new', requireRole(REGISTER_ROLES, 'new'), async (ctx) => {
    if (ctx.chat.type !== 'private') return ctx.reply(ctx.t('forms.private_only'));
    if (!onBehalf(ctx) && !ctx.user?.agencyId) return ctx.reply(ctx.t('forms.no_agency'));
    if (await engine.offerResume(ctx, 'forms.resume.busy')) return;
    return ctx.reply(ctx.t(onBehalf(ctx) ? 'forms.new.choose_on_behalf' : 'forms.new.choose'), typeMenu(ctx));
  });

  c.action(newButtons.pattern, requireRole(REGISTER_ROLES, 'new'), async (ctx) => {
    const cb = newButtons.decode('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    if (!cb) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    const { type } = cb;
    const agencyId = ctx.user?.agencyId ?? null;
    const behalf = onBehalf(ctx);
    if (!behalf && !agencyId) return ctx.answerCbQuery(ctx.t('forms.no_agency'), { show_alert: true });
    const meta: NewActivityMeta = {
      leadAgencyId: behalf ? null : agencyId,
      onBehalf: behalf,
      source: 'FORM',
      sourceRef: null,
    };
    const messageId = ctx.callbackQuery.message?.message_id ?? 0;
    const result = await engine.start(ctx, newActivityFormId(type), { meta, origin: `new:${messageId}` });
    await ctx.answerCbQuery();
    if (result === 'started') {
      await ctx.editMessageText(ctx.t('forms.new.chosen', { type: ctx.t(`activity.type.${type}`) })).catch((err) => {
        if (!isNotModified(err)) ctx.deps.logger.warn({ msg: 'form-menu-edit-failed', err: String(err) });
      });
    }
  });
  return c;
}
