import { canPerform, notStartedBy, sourceStatuses } from '../../../domain/activity-status.js';
import { formatTiming, timingToColumns } from '../../../domain/timing/index.js';
import type { LiaisonContext } from '../../context.js';
import type { CardActivity } from '../../views/activity-card.js';
import { activityToAnswers } from './mapping.js';
import type { FormSpec } from '../../form-engine/index.js';
import { isOnBehalf, recordOnBehalf } from './on-behalf.js';
import type { Answers, FieldDef, FormMeta, SubmitOutcome, TimingAnswer } from '../../form-engine/index.js';

// The /my actions that ask something: postpone (new timing, reason), cancel (reason), the
// post-activity report, and resubmit (a rejected or postponed activity, with its timing).

export const STATUS_FORMS = {
  postpone: 'my.postpone',
  cancel: 'my.cancel',
  report: 'my.report',
  resubmit: 'my.resubmit',
} as const;
export type StatusFormAction = keyof typeof STATUS_FORMS;

const REASON_MAX = 500;

const newTiming: FieldDef = {
  key: 'newTiming',
  kind: 'timing',
  label: 'my.f.newTiming',
  hint: 'forms.hint.timing',
  required: true,
};
const reason: FieldDef = {
  key: 'reason',
  kind: 'text',
  label: 'activity.field.reason',
  required: true,
  max: REASON_MAX,
};

type Act = (
  ctx: LiaisonContext,
  a: CardActivity,
  answers: Answers,
  by: { userId: number | null; now: Date },
) => Promise<SubmitOutcome>;

/** Re-checks, when the answers arrive, that the activity is still the user's and the action still allowed. */
function spec(action: StatusFormAction, fields: FieldDef[], act: Act): FormSpec {
  return {
    id: STATUS_FORMS[action],
    title: (t, meta) => t(`my.form.${action}`, { reference: String(meta.reference ?? '') }),
    fields,
    submitLabel: `my.btn.confirm_${action}`,
    reviewFirst: action === 'resubmit',
    async submit(ctx, answers, meta: FormMeta) {
      const a = await ctx.deps.repos.activities.findById(Number(meta.activityId));
      if (!a || (ctx.user?.role === 'FOCAL' && a.leadAgencyId !== ctx.user.agencyId))
        return { ok: false, message: 'my.not_found', keep: false };
      if (!canPerform(action, a.status, ctx.user?.role, a.type)) {
        return {
          ok: false,
          message: 'my.action_closed',
          params: { status: ctx.t(`activity.status.${a.status}`) },
          keep: false,
        };
      }
      const start =
        action === 'report' ? notStartedBy(a, ctx.deps.now().setZone(ctx.deps.config.timezone).toISODate()!) : null;
      if (start)
        return {
          ok: false,
          message: 'my.not_started',
          params: { date: start.split('-').reverse().join('/') },
          keep: false,
        };
      const outcome = await act(ctx, a, answers, { userId: ctx.user?.id ?? null, now: ctx.deps.now().toJSDate() });
      if (outcome.ok && isOnBehalf(meta)) await recordOnBehalf(ctx, a, `find.behalf.${action}`);
      return outcome;
    },
  };
}

const changed: SubmitOutcome = { ok: false, message: 'my.changed_meanwhile', keep: false };

function timingExtra(answer: TimingAnswer) {
  return { ...timingToColumns(answer.timing), timingText: answer.text };
}

export function statusFormSpecs(): FormSpec[] {
  return [
    spec('postpone', [newTiming, reason], async (ctx, a, answers, by) => {
      const timing = answers.newTiming as TimingAnswer;
      const done = await ctx.deps.repos.activities.transition(a.id, sourceStatuses('postpone'), 'POSTPONED', {
        ...by,
        reason: String(answers.reason),
        extra: timingExtra(timing),
      });
      if (!done) return changed;
      const when = formatTiming(timing.timing, ctx.locale);
      // A postponement with a known new timing goes back to the Department for approval (docs/product.md#lifecycle).
      if (timing.timing.precision !== 'TBD') {
        const again = await ctx.deps.repos.activities.transition(a.id, ['POSTPONED'], 'SUBMITTED', by);
        if (again)
          return { ok: true, message: 'my.postponed_resubmitted', params: { reference: a.reference, timing: when } };
      }
      return { ok: true, message: 'my.postponed', params: { reference: a.reference, timing: when } };
    }),
    spec('cancel', [reason], async (ctx, a, answers, by) => {
      const done = await ctx.deps.repos.activities.transition(a.id, sourceStatuses('cancel'), 'CANCELLED', {
        ...by,
        reason: String(answers.reason),
      });
      return done ? { ok: true, message: 'my.cancelled', params: { reference: a.reference } } : changed;
    }),
    spec(
      'report',
      [
        { key: 'results', kind: 'longText', label: 'my.f.results', hint: 'my.hint.results', required: true },
        { key: 'actualMembers', kind: 'number', label: 'my.f.actualMembers', required: false, min: 0, max: 100_000 },
        { key: 'actualCost', kind: 'money', label: 'my.f.actualCost', required: false },
      ],
      async (ctx, a, answers, by) => {
        const report = {
          results: answers.results,
          actualMembers: answers.actualMembers ?? null,
          actualCostVnd: answers.actualCost ?? null,
          reportedAt: by.now.toISOString(),
        };
        const done = await ctx.deps.repos.activities.transition(a.id, sourceStatuses('report', a.type), 'REPORTED', {
          ...by,
          extra: { report },
        });
        return done ? { ok: true, message: 'my.reported', params: { reference: a.reference } } : changed;
      },
    ),
    spec('resubmit', [newTiming], async (ctx, a, answers, by) => {
      const timing = answers.newTiming as TimingAnswer;
      if (timing.timing.precision === 'TBD') return { ok: false, message: 'my.resubmit_needs_timing', keep: true };
      const done = await ctx.deps.repos.activities.transition(a.id, sourceStatuses('resubmit'), 'SUBMITTED', {
        ...by,
        extra: timingExtra(timing),
      });
      return done ? { ok: true, message: 'my.resubmitted', params: { reference: a.reference } } : changed;
    }),
  ];
}

/** Answers and meta to open the form of an action on an activity. */
export function statusFormStart(action: StatusFormAction, a: CardActivity) {
  const answers: Record<string, unknown> = action === 'resubmit' ? { newTiming: activityToAnswers(a).timing } : {};
  return { answers, meta: { activityId: a.id, reference: a.reference } };
}
