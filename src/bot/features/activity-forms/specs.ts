import type { ActivitySource, ActivityType } from '../../../domain/enums.js';
import type { LiaisonContext } from '../../context.js';
import { COORDINATION, hasRole } from '../../access.js';
import { renderActivityCompact, type CardActivity } from '../../views/activity-card.js';
import { submitEdit, type ActivityChanges } from '../../../services/change-requests.js';
import { announceChangeRequest, announceRegistration, tellAgencyOfRegistration } from './notices.js';
import { activityToAnswers, answersToActivity, canonicalJson } from './mapping.js';
import { timingIsPast, type ActivityFormDef } from './definitions/common.js';
import { readDetails } from '../../../domain/activity-details.js';
import { ACTIVITY_FORMS } from './definitions/index.js';
import { ACTIVITY_TYPES } from '../../../domain/enums.js';
import type { FormSpec } from '../../form-engine/index.js';
import { isOnBehalf, recordOnBehalf } from './on-behalf.js';
import type { Answers, FormMeta, SubmitOutcome } from '../../form-engine/index.js';
import type { FormClaim } from '../../../db/repos/conversations.js';

// What the activity forms do on submit: register (→ SUBMITTED, reference number, card to the
// coordinators' group), save the edits of an activity not yet approved, or send them as a change
// request once it is approved.

export const newActivityFormId = (type: ActivityType) => `activity.${type}`;
export const editActivityFormId = (type: ActivityType) => `activity-edit.${type}`;
/** The same edit form, sent as a change request (an approved activity, docs/product.md#lifecycle). */
export const changeActivityFormId = (type: ActivityType) => `activity-change.${type}`;

const SOURCES: ActivitySource[] = ['FORM', 'IMPORT', 'DOCUMENT', 'PROGRAMME'];

/** Meta of a registration: whose activity, and where it came from (docs/product.md#plan-documents: a document paragraph…). */
export interface NewActivityMeta extends FormMeta {
  /** The focal point's own agency; null when a coordinator registers on behalf (the form asks). */
  leadAgencyId: number | null;
  onBehalf: boolean;
  source: string;
  sourceRef: string | null;
}

/**
 * docs/product.md#lifecycle (plausibility), where the answers are complete: a past timing not confirmed as a past
 * activity, or a letter "sent" after today, is not stored (the form stays open to fix it).
 */
function implausible(
  ctx: LiaisonContext,
  def: ActivityFormDef,
  answers: Answers,
  meta: FormMeta,
): SubmitOutcome | null {
  const today = ctx.deps.now().setZone(ctx.deps.config.timezone).toISODate()!;
  if (timingIsPast(answers, { ...meta, today }) && answers.recordedPast === false)
    return { ok: false, message: 'forms.past_fix_timing', keep: true };
  const sent =
    def.activityType === 'LETTER' ? readDetails('LETTER', { sentDate: answers.sentDate }).sentDate : undefined;
  if (sent && sent > today)
    return {
      ok: false,
      message: 'forms.sent_in_future',
      params: { date: sent.split('-').reverse().join('/') },
      keep: true,
    };
  return null;
}

function registerSpec(def: ActivityFormDef): FormSpec {
  return {
    ...def,
    id: newActivityFormId(def.activityType),
    // The form is claimed in the registration's unit of work: gone exactly when the activity is stored.
    claimsInSubmit: true,
    async submit(ctx: LiaisonContext, answers: Answers, meta: FormMeta, claim?: FormClaim): Promise<SubmitOutcome> {
      const m = meta as NewActivityMeta;
      // Registering on behalf is the Department's: re-checked here in case the role changed while the form was open.
      if (m.onBehalf === true && !hasRole(ctx, COORDINATION))
        return { ok: false, message: 'error.not_allowed', keep: false };
      const now = ctx.deps.now();
      const wrong = implausible(ctx, def, answers, meta);
      if (wrong) return wrong;
      const input = answersToActivity(def, answers, m.leadAgencyId ?? 0);
      // The lead agency comes from the user's own agency (focal) or the answer (on behalf): never neither.
      if (!(input.leadAgencyId > 0)) return { ok: false, message: 'forms.no_agency', keep: false };
      const source = SOURCES.find((s) => s === m.source) ?? 'FORM';
      const a = await ctx.deps.repos.activities.create(
        {
          ...input,
          status: 'SUBMITTED',
          source,
          sourceRef: m.sourceRef ?? null,
          planId: typeof meta.planId === 'number' ? meta.planId : null,
        },
        { userId: ctx.user?.id ?? null, referenceYear: now.year, now: now.toJSDate() },
        { claim },
      );
      ctx.deps.logger.info({
        msg: 'activity-registered',
        activityId: a.id,
        type: a.type,
        source,
        onBehalf: m.onBehalf === true,
      });
      await announceRegistration(ctx, a).catch((err) =>
        ctx.deps.logger.error({ msg: 'activity-announce-failed', activityId: a.id, err: String(err) }),
      );
      const card = renderActivityCompact(a, { t: ctx.t, locale: ctx.locale });
      if (m.onBehalf === true) {
        await tellAgencyOfRegistration(ctx, a).catch((err) =>
          ctx.deps.logger.error({ msg: 'activity-on-behalf-notice-failed', activityId: a.id, err: String(err) }),
        );
        return {
          ok: true,
          message: 'forms.submitted_on_behalf',
          params: { reference: a.reference, agency: a.leadAgency.nameVi, card: { html: card } },
        };
      }
      return { ok: true, message: 'forms.submitted', params: { reference: a.reference, card: { html: card } } };
    },
  };
}

/** How an edit form saves: directly (before approval) or as a change request (after it). */
export type EditMode = 'direct' | 'change-request';

/** The fields an edit form's answers would set on the activity (timing left out when untouched). */
function editedFields(def: ActivityFormDef, answers: Answers, a: CardActivity): ActivityChanges {
  const { type: _t, ...changes } = answersToActivity(def, answers, a.leadAgencyId);
  // An activity stored without the text its timing was typed in gets a rendered one in the form:
  // the same timing given back is no change.
  if (canonicalJson(answers.timing ?? null) === canonicalJson(activityToAnswers(a).timing ?? null)) {
    for (const k of ['timingText', 'timingPrecision', 'startDate', 'endDate', 'timingLabel'] as const)
      delete changes[k];
  }
  return changes;
}

/**
 * Edits from /my, through submitEdit (services/change-requests.ts), which holds the policy: before
 * approval they are saved; after it (`change-request` mode) they become a change request that a
 * coordinator decides in /review, and the coordinators' group is told.
 */
function editSpec(def: ActivityFormDef, mode: EditMode): FormSpec {
  const change = mode === 'change-request';
  return {
    ...def,
    id: change ? changeActivityFormId(def.activityType) : editActivityFormId(def.activityType),
    ...(change
      ? {
          title: (t, meta) =>
            t('my.form.requestChange', {
              reference: String(meta.reference ?? ''),
              type: t(`activity.type.${def.activityType}`),
            }),
        }
      : {}),
    reviewFirst: true,
    submitLabel: change ? 'my.btn.send_change_request' : 'forms.btn.save',
    async submit(ctx: LiaisonContext, answers: Answers, meta: FormMeta): Promise<SubmitOutcome> {
      const a = await ctx.deps.repos.activities.findById(Number(meta.activityId));
      if (!a || !ctx.user) return { ok: false, message: 'my.not_found', keep: false };
      const wrong = implausible(ctx, def, answers, meta);
      if (wrong) return wrong;
      const res = await submitEdit(ctx.deps, {
        user: ctx.user,
        activityId: a.id,
        changes: editedFields(def, answers, a),
        now: ctx.deps.now().toJSDate(),
        mode,
      });
      const status = (x: CardActivity) => ({ status: ctx.t(`activity.status.${x.status}`) });
      switch (res.kind) {
        case 'applied': {
          if (isOnBehalf(meta)) await recordOnBehalf(ctx, a, 'find.behalf.edit');
          // A returned activity, once corrected, goes back to the Department for appraisal.
          if (a.status === 'RETURNED') {
            const again = await ctx.deps.repos.activities.transition(a.id, ['RETURNED'], 'SUBMITTED', {
              userId: ctx.user.id,
              now: ctx.deps.now().toJSDate(),
            });
            if (again) {
              await announceRegistration(ctx, again).catch((err) =>
                ctx.deps.logger.error({ msg: 'activity-announce-failed', activityId: a.id, err: String(err) }),
              );
              return { ok: true, message: 'my.edited_resubmitted', params: { reference: a.reference } };
            }
          }
          return { ok: true, message: 'my.edited', params: { reference: a.reference } };
        }
        case 'requested':
          await announceChangeRequest(ctx, res.activity, res.requestId, res.changes).catch((err) =>
            ctx.deps.logger.error({
              msg: 'change-request-announce-failed',
              changeRequestId: res.requestId,
              err: String(err),
            }),
          );
          return { ok: true, message: 'my.change_requested', params: { reference: a.reference, id: res.requestId } };
        case 'unchanged':
          return { ok: false, message: 'my.edit_unchanged', params: { reference: a.reference }, keep: false };
        case 'pending':
          return {
            ok: false,
            message: 'my.change_pending',
            params: { reference: a.reference, id: res.requestId },
            keep: false,
          };
        case 'right-changed':
          return {
            ok: false,
            message: change ? 'my.change_closed' : 'my.edit_closed',
            params: status(res.activity),
            keep: false,
          };
        case 'conflict':
          return { ok: false, message: 'my.changed_meanwhile', keep: false };
        default:
          return { ok: false, message: 'my.not_found', keep: false };
      }
    },
  };
}

export function activityFormSpecs(): FormSpec[] {
  return ACTIVITY_TYPES.flatMap((type) => [
    registerSpec(ACTIVITY_FORMS[type]),
    editSpec(ACTIVITY_FORMS[type], 'direct'),
    editSpec(ACTIVITY_FORMS[type], 'change-request'),
  ]);
}

/** Answers and meta to open the edit form of an activity. */
export function editStart(a: CardActivity) {
  return {
    answers: activityToAnswers(a) as Record<string, unknown>,
    meta: { activityId: a.id, reference: a.reference, leadAgencyId: a.leadAgencyId },
  };
}
