import { FlatComposer } from '../composer.js';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { COORDINATION, hasRole, refuse } from '../access.js';
import type { FormEngine, FormSpec } from '../form-engine/index.js';
import { COLUMN_KEYS, type ActivityFormDef } from './activity-forms/definitions/common.js';
import { ACTIVITY_FORMS } from './activity-forms/definitions/index.js';
import type { Answers, FormMeta, SubmitOutcome } from '../form-engine/index.js';
import { ACTIVITY_TYPES, type ActivityType } from '../../domain/enums.js';
import { truncate } from '../../domain/format.js';
import { detailsButtons, missingDetails } from '../../domain/activity-details.js';

// A plan line's type details (head of delegation, members, composition, programme…) are asked when
// the activity is prepared (docs/product.md#plan-stage-and-details): the lead-time reminders carry a "complete the details"
// button, which opens the type's form over the missing fields only.

export const detailsFormId = (type: ActivityType) => `activity-details.${type}`;

const isColumn = (key: string) => (COLUMN_KEYS as readonly string[]).includes(key);

const only = (meta: FormMeta) => String(meta.missing ?? '').split(',');

function detailsSpec(def: ActivityFormDef): FormSpec {
  return {
    id: detailsFormId(def.activityType),
    title: (t, meta) =>
      t('plandoc.details.title', {
        reference: String(meta.reference ?? ''),
        type: t(`activity.type.${def.activityType}`),
      }),
    // The type's own fields, each asked only when missing (and only when its own condition holds).
    fields: def.fields
      .filter((f) => !isColumn(f.key))
      .map((f) => ({
        ...f,
        when: (a: Answers, meta: FormMeta) => only(meta).includes(f.key) && (f.when ? f.when(a, meta) : true),
      })),
    submitLabel: 'forms.btn.save',
    async submit(ctx: LiaisonContext, answers: Answers, meta: FormMeta): Promise<SubmitOutcome> {
      const { repos } = ctx.deps;
      const a = await repos.activities.findById(Number(meta.activityId));
      if (!a || !ctx.user) return { ok: false, message: 'my.not_found', keep: false };
      if (!hasRole(ctx, COORDINATION) && a.leadAgencyId !== ctx.user.agencyId)
        return { ok: false, message: 'error.not_allowed', keep: false };
      const details = { ...((a.details && typeof a.details === 'object' ? a.details : {}) as Record<string, unknown>) };
      for (const key of only(meta))
        if (answers[key] !== undefined && answers[key] !== null) details[key] = answers[key];
      const now = ctx.deps.now().toJSDate();
      await repos.activities.update(a.id, { details }, { userId: ctx.user.id, now });
      ctx.deps.logger.info({ msg: 'activity-details-completed', activityId: a.id, fields: only(meta).length });
      const left = missingDetails(a.type, details).length;
      return {
        ok: true,
        message: left ? 'plandoc.details.saved_partly' : 'plandoc.details.saved',
        params: { reference: a.reference, left },
      };
    },
  };
}

export function detailsFormSpecs(): FormSpec[] {
  return ACTIVITY_TYPES.map((type) => detailsSpec(ACTIVITY_FORMS[type]));
}

/** Opens the details form of an activity over its missing fields (or says nothing is missing). */
export async function startDetails(ctx: LiaisonContext, forms: FormEngine, activityId: number) {
  const a = await ctx.deps.repos.activities.findById(activityId);
  if (!a) return ctx.reply(ctx.t('my.not_found'));
  if (!hasRole(ctx, COORDINATION) && a.leadAgencyId !== ctx.user?.agencyId) return refuse(ctx, 'details');
  const missing = missingDetails(a.type, a.details);
  if (!missing.length)
    return ctx.reply(ctx.t('plandoc.details.complete', { reference: a.reference, title: truncate(a.title, 200) }));
  await forms.start(ctx, detailsFormId(a.type), {
    meta: { activityId: a.id, reference: a.reference, missing: missing.join(',') },
    origin: `dt:${a.id}:${ctx.callbackQuery?.message?.message_id ?? 0}`,
  });
}

export function planDetailsFeature(forms: FormEngine) {
  const c = new FlatComposer<RegisteredContext>();
  c.action(detailsButtons.pattern, async (ctx) => {
    const cb = detailsButtons.decode('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    if (!cb || ctx.chat?.type !== 'private') return ctx.answerCbQuery(ctx.t('error.stale_button'));
    await ctx.answerCbQuery();
    return startDetails(ctx, forms, cb.id);
  });
  return c;
}
