import { DateTime } from 'luxon';
import type { ActivityType } from '../../domain/enums.js';
import { formatDate } from '../../domain/format.js';
import { timingToColumns } from '../../domain/timing/index.js';
import { noticeAgencies, type NoticeDeps } from '../../services/notices.js';
import { tellProgrammeAssigned } from '../../services/programme-import.js';
import { TYPE_CODES } from '../../domain/programme-rows.js';
import { COORDINATION, roleAllows } from '../access.js';
import type { LiaisonContext } from '../context.js';
import { keyOption, type FormSpec } from '../form-engine/index.js';
import type { Translate } from '../../i18n/index.js';
import type { Answers, FieldDef, FormMeta, SubmitOutcome, TimingAnswer } from '../form-engine/index.js';
import { formsText } from '../views/plan-views.js';

// The questions of /plans, asked by the form engine (one per step, review card, state in the
// database): open a plan request, extend its deadline, create a programme plan, add an activity
// to a programme. Each submit checks again that the user may do it and the plan still allows it.

export const PLAN_FORMS = {
  request: 'plans.request',
  extend: 'plans.extend',
  programme: 'plans.programme',
  activity: 'plans.activity',
} as const;

const TITLE_MAX = 300;

/** Deadlines are kept as the last instant of that local day: answers count until midnight. */
export function endOfLocalDay(iso: string, zone: string): Date {
  return DateTime.fromISO(iso, { zone }).endOf('day').toJSDate();
}

const dmy = (iso: string, zone: string) => formatDate(iso, zone);
const today = (ctx: LiaisonContext) => ctx.deps.now().setZone(ctx.deps.config.timezone).toISODate()!;
const refused: SubmitOutcome = { ok: false, message: 'error.not_allowed', keep: false };

const deadlineField: FieldDef = {
  key: 'deadline',
  kind: 'date',
  label: 'plans.f.deadline',
  hint: 'plans.hint.deadline',
  required: true,
};

/** Tells every focal point of every active agency that a request is open (mẫu 02 only to district/commune committees). */
export async function tellPlanOpened(
  deps: NoticeDeps & { config: { timezone: string } },
  plan: { id: number; title: string; deadline: Date | null; forms: unknown; agencyIds?: number[] },
  now: DateTime,
): Promise<number> {
  const zone = deps.config.timezone;
  const deadline = plan.deadline ? formatDate(plan.deadline, zone) : '—';
  // `agencyIds`: only these (agencies added to a request already open).
  const agencies = (await deps.repos.agencies.list({ activeOnly: true })).filter(
    (a) => !plan.agencyIds || plan.agencyIds.includes(a.id),
  );
  const people = agencies.filter((a) => a.kind === 'PEOPLES_COMMITTEE').map((a) => a.id);
  const others = agencies.filter((a) => a.kind !== 'PEOPLES_COMMITTEE').map((a) => a.id);
  const notice = (forms: unknown) => ({
    kind: 'notice.plan-opened',
    key: `plan-opened:${plan.id}`,
    render: (t: Translate) => t('plans.notice.opened', { title: plan.title, deadline, forms: formsText(forms, t) }),
  });
  const agencyOnly = Array.isArray(plan.forms) ? plan.forms.filter((f) => f !== 'PEOPLE') : plan.forms;
  return (
    (await noticeAgencies(deps, people, notice(plan.forms), now)) +
    (await noticeAgencies(deps, others, notice(agencyOnly), now))
  );
}

function requestSpec(): FormSpec {
  return {
    id: PLAN_FORMS.request,
    title: (t) => t('plans.form_title.request'),
    submitLabel: 'plans.btn.open_request',
    fields: [
      { key: 'title', kind: 'text', label: 'plans.f.title', hint: 'plans.hint.title', required: true, max: TITLE_MAX },
      deadlineField,
      {
        key: 'forms',
        kind: 'multiChoice',
        label: 'plans.f.forms',
        hint: 'plans.hint.forms',
        required: true,
        options: [
          { value: 'AGENCY', label: 'plans.form.AGENCY' },
          { value: 'PEOPLE', label: 'plans.form.PEOPLE' },
        ],
      },
    ],
    async submit(ctx, answers) {
      if (!roleAllows(ctx.user, COORDINATION)) return refused;
      const zone = ctx.deps.config.timezone;
      const iso = String(answers.deadline);
      if (iso < today(ctx)) return { ok: false, message: 'plans.err.deadline_past', keep: true };
      const forms = (answers.forms as string[] | null) ?? [];
      if (forms.length === 0) return { ok: false, message: 'plans.err.forms_empty', keep: true };
      const title = String(answers.title);
      const year = /\b(20\d{2})\b/.exec(title)?.[1];
      const now = ctx.deps.now();
      const plan = await ctx.deps.repos.plans.create({
        kind: 'REQUEST',
        title,
        year: year ? Number(year) : null,
        forms,
        deadline: endOfLocalDay(iso, zone),
        createdById: ctx.user.id,
        createdAt: now.toJSDate(),
      });
      const agencies = (await ctx.deps.repos.plans.responses(plan.id)).length;
      const told = await tellPlanOpened(ctx.deps, plan, now);
      ctx.deps.logger.info({ msg: 'plan-request-opened', planId: plan.id, agencies, told });
      return { ok: true, message: 'plans.request_opened', params: { title, deadline: dmy(iso, zone), agencies, told } };
    },
  };
}

function extendSpec(): FormSpec {
  return {
    id: PLAN_FORMS.extend,
    title: (t, meta) => t('plans.form_title.extend', { title: String(meta.title ?? '') }),
    submitLabel: 'plans.btn.extend_confirm',
    fields: [{ ...deadlineField, label: 'plans.f.new_deadline' }],
    async submit(ctx, answers, meta) {
      if (!roleAllows(ctx.user, COORDINATION)) return refused;
      const { repos, config } = ctx.deps;
      const plan = await repos.plans.findById(Number(meta.planId));
      if (!plan || plan.kind !== 'REQUEST') return { ok: false, message: 'plans.err.not_found', keep: false };
      if (plan.status !== 'OPEN') return { ok: false, message: 'plans.err.closed', keep: false };
      const iso = String(answers.deadline);
      if (iso < today(ctx)) return { ok: false, message: 'plans.err.deadline_past', keep: true };
      const deadline = endOfLocalDay(iso, config.timezone);
      if (plan.deadline && deadline.getTime() <= plan.deadline.getTime())
        return {
          ok: false,
          message: 'plans.err.extend_not_later',
          params: { deadline: formatDate(plan.deadline, config.timezone) },
          keep: true,
        };
      await repos.plans.extendDeadline(plan.id, deadline);
      const pending = (await repos.plans.responses(plan.id))
        .filter((r) => r.status === 'PENDING' && r.agency.active)
        .map((r) => r.agencyId);
      const now = ctx.deps.now();
      const told = await noticeAgencies(
        ctx.deps,
        pending,
        {
          kind: 'notice.plan-extended',
          key: `plan-extended:${plan.id}:${iso}`,
          render: (t) => t('plans.notice.extended', { title: plan.title, deadline: dmy(iso, config.timezone) }),
        },
        now,
      );
      ctx.deps.logger.info({ msg: 'plan-deadline-extended', planId: plan.id, pending: pending.length, told });
      return {
        ok: true,
        message: 'plans.extended',
        params: { title: plan.title, deadline: dmy(iso, config.timezone), count: pending.length },
      };
    },
  };
}

function programmeSpec(): FormSpec {
  return {
    id: PLAN_FORMS.programme,
    title: (t) => t('plans.form_title.programme'),
    submitLabel: 'plans.btn.create_programme',
    fields: [
      {
        key: 'title',
        kind: 'text',
        label: 'plans.f.programme_title',
        hint: 'plans.hint.programme_title',
        required: true,
        max: TITLE_MAX,
      },
      { key: 'description', kind: 'longText', label: 'plans.f.description', required: false },
    ],
    async submit(ctx, answers) {
      if (!roleAllows(ctx.user, COORDINATION)) return refused;
      const title = String(answers.title);
      const year = /\b(20\d{2})\b/.exec(title)?.[1];
      const plan = await ctx.deps.repos.plans.create({
        kind: 'PROGRAMME',
        title,
        year: year ? Number(year) : ctx.deps.now().year,
        description: typeof answers.description === 'string' ? answers.description : null,
        createdById: ctx.user.id,
        createdAt: ctx.deps.now().toJSDate(),
      });
      ctx.deps.logger.info({ msg: 'programme-created', planId: plan.id });
      return { ok: true, message: 'plans.programme_created', params: { title } };
    },
  };
}

function activitySpec(): FormSpec {
  return {
    id: PLAN_FORMS.activity,
    title: (t, meta) => t('plans.form_title.activity', { title: String(meta.title ?? '') }),
    submitLabel: 'plans.btn.add_activity_confirm',
    fields: [
      {
        key: 'title',
        kind: 'text',
        label: 'activity.field.title',
        hint: 'plans.hint.activity_title',
        required: true,
        max: 1000,
      },
      {
        key: 'type',
        kind: 'choice',
        label: 'activity.field.type',
        required: true,
        options: TYPE_CODES.map((v) => keyOption(v, `activity.type.${v}`)),
      },
      { key: 'timing', kind: 'timing', label: 'activity.field.timing', hint: 'forms.hint.timing', required: true },
      { key: 'lead', kind: 'agency', label: 'activity.field.leadAgency', required: true },
      { key: 'coordinators', kind: 'agencies', label: 'activity.field.coordinators', required: false },
      { key: 'countries', kind: 'countries', label: 'activity.field.countries', required: false },
    ],
    async submit(ctx, answers: Answers, meta: FormMeta) {
      if (!roleAllows(ctx.user, COORDINATION)) return refused;
      const { repos } = ctx.deps;
      const plan = await repos.plans.findById(Number(meta.planId));
      if (!plan || plan.kind !== 'PROGRAMME') return { ok: false, message: 'plans.err.not_found', keep: false };
      if (plan.status !== 'OPEN') return { ok: false, message: 'plans.err.closed', keep: false };
      const lead = Number(answers.lead);
      const agency = await repos.agencies.findById(lead);
      if (!agency?.active) return { ok: false, message: 'plans.err.agency_inactive', keep: true };
      const timing = answers.timing as TimingAnswer;
      const now = ctx.deps.now();
      const a = await repos.activities.create(
        {
          type: String(answers.type) as ActivityType,
          title: String(answers.title),
          leadAgencyId: lead,
          coordinatingAgencyIds: ((answers.coordinators as number[] | null) ?? []).filter((id) => id !== lead),
          countryCodes: (answers.countries as string[] | null) ?? [],
          timingText: timing.text,
          ...timingToColumns(timing.timing),
          planId: plan.id,
          status: 'AGREED',
          source: 'PROGRAMME',
        },
        { userId: ctx.user.id, referenceYear: now.year, now: now.toJSDate() },
      );
      const told = await tellProgrammeAssigned(ctx.deps, plan, [a], now);
      ctx.deps.logger.info({ msg: 'programme-activity-added', planId: plan.id, activityId: a.id, told });
      return {
        ok: true,
        message: 'plans.activity_added',
        params: { reference: a.reference, agency: agency.nameVi, told },
      };
    },
  };
}

export function planFormSpecs(): FormSpec[] {
  return [requestSpec(), extendSpec(), programmeSpec(), activitySpec()];
}
