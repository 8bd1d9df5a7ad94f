import type { ActivitySource, ActivityType } from '../../generated/sqlite/enums.js';
import { canPerform } from '../../domain/activity-status.js';
import type { LiaisonContext } from '../context.js';
import { renderActivityCompact, type CardActivity } from '../views/activity-card.js';
import { activityToAnswers, answersToActivity, canonicalJson } from './activity-mapping.js';
import type { ActivityFormDef } from './definitions/common.js';
import { ACTIVITY_FORMS, ACTIVITY_TYPES } from './definitions/index.js';
import type { FormSpec } from './engine.js';
import type { Answers, FormMeta, SubmitOutcome } from './types.js';

// What the activity forms do on submit: register (→ SUBMITTED, reference number, card to the
// coordinators' group) or save the edits of an activity not yet approved.

export const newActivityFormId = (type: ActivityType) => `activity.${type}`;
export const editActivityFormId = (type: ActivityType) => `activity-edit.${type}`;

const SOURCES: ActivitySource[] = ['FORM', 'IMPORT', 'DOCUMENT', 'PROGRAMME'];

/** Meta of a registration: whose activity, and where it came from (SPEC §8: a document paragraph…). */
export interface NewActivityMeta extends FormMeta {
  leadAgencyId: number;
  onBehalf: boolean;
  source: string;
  sourceRef: string | null;
}

/** The coordinators' group(s) get a compact card of each registration, through the outbox. */
async function announce(ctx: LiaisonContext, a: CardActivity) {
  const { repos, i18n, logger } = ctx.deps;
  const groups = await repos.chatGroups.listActive();
  if (!groups.length) return;
  const t = i18n.forLocale(i18n.defaultLocale);
  const text = `${t('forms.group.new')}\n${renderActivityCompact(a, { t, locale: i18n.defaultLocale })}`;
  const dueAt = ctx.deps.now().toJSDate();
  const inserted = await repos.notifications.enqueue(
    groups.map((g) => ({ chatId: g.chatId, kind: 'alert.activity-submitted', dedupeKey: `activity-submitted:${a.id}:${g.chatId}`, payload: { parts: [text] }, dueAt })),
  );
  logger.info({ msg: 'activity-announced', activityId: a.id, groups: inserted });
}

function registerSpec(def: ActivityFormDef): FormSpec {
  return {
    ...def,
    id: newActivityFormId(def.activityType),
    async submit(ctx: LiaisonContext, answers: Answers, meta: FormMeta): Promise<SubmitOutcome> {
      const m = meta as NewActivityMeta;
      const now = ctx.deps.now();
      const input = answersToActivity(def, answers, m.leadAgencyId);
      const source = SOURCES.find((s) => s === m.source) ?? 'FORM';
      const a = await ctx.deps.repos.activities.create(
        { ...input, status: 'SUBMITTED', source, sourceRef: m.sourceRef ?? null, planId: typeof meta.planId === 'number' ? meta.planId : null },
        { userId: ctx.user?.id ?? null, referenceYear: now.year, now: now.toJSDate() },
      );
      ctx.deps.logger.info({ msg: 'activity-registered', activityId: a.id, type: a.type, source });
      await announce(ctx, a).catch((err) => ctx.deps.logger.error({ msg: 'activity-announce-failed', activityId: a.id, err: String(err) }));
      const card = renderActivityCompact(a, { t: ctx.t, locale: ctx.locale });
      return { ok: true, message: 'forms.submitted', params: { reference: a.reference, card: { html: card } } };
    },
  };
}

/** Edits from /my: the activity must still be its agency's and editable when the edits are saved. */
function editSpec(def: ActivityFormDef): FormSpec {
  return {
    ...def,
    id: editActivityFormId(def.activityType),
    reviewFirst: true,
    submitLabel: 'forms.btn.save',
    async submit(ctx: LiaisonContext, answers: Answers, meta: FormMeta): Promise<SubmitOutcome> {
      const id = Number(meta.activityId);
      const a = await ctx.deps.repos.activities.findById(id);
      const role = ctx.user?.role;
      if (!a || (role === 'FOCAL' && a.leadAgencyId !== ctx.user?.agencyId)) return { ok: false, message: 'my.not_found', keep: false };
      if (!canPerform('edit', a.status, role)) return { ok: false, message: 'my.edit_closed', params: { status: ctx.t(`activity.status.${a.status}`) }, keep: false };
      const input = answersToActivity(def, answers, a.leadAgencyId);
      const { type: _t, details, ...changes } = input;
      const detailsChanged = canonicalJson(details ?? null) !== canonicalJson(a.details ?? null);
      const updated = await ctx.deps.repos.activities.update(id, { ...changes, ...(detailsChanged ? { details } : {}) }, { userId: ctx.user?.id ?? null, now: ctx.deps.now().toJSDate(), ifStatus: [a.status] });
      if (!updated) return { ok: false, message: 'my.changed_meanwhile', keep: false };
      return { ok: true, message: 'my.edited', params: { reference: a.reference } };
    },
  };
}

export function activityFormSpecs(): FormSpec[] {
  return ACTIVITY_TYPES.flatMap((type) => [registerSpec(ACTIVITY_FORMS[type]), editSpec(ACTIVITY_FORMS[type])]);
}

/** Answers and meta to open the edit form of an activity. */
export function editStart(a: CardActivity) {
  return { answers: activityToAnswers(a) as Record<string, unknown>, meta: { activityId: a.id, reference: a.reference, leadAgencyId: a.leadAgencyId } };
}
