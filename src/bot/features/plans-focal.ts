import type { CheckedKey } from '../../i18n/index.js';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { refuse } from '../access.js';
import type { FormEngine } from '../form-engine/index.js';
import { newActivityFormId } from './activity-forms/specs.js';
import { ACTIVITY_TYPES } from '../../domain/enums.js';
import {
  APART_STATUSES,
  canPerform,
  sourceStatuses,
  TAKEN_PLACE_ACTIONS,
  type ActivityAction,
} from '../../domain/activity-status.js';
import { notStartedYet } from './my-activities.js';
import { canAnswer, programmeProgress } from '../../domain/plan-board.js';
import { truncate } from '../../domain/format.js';
import { planListLine, renderFocalRequest, renderProgrammeBoard } from '../views/plan-views.js';
import type { CardActivity } from '../views/activity-card.js';
import {
  btn,
  pl,
  show,
  STATUS_CODES,
  type PlanPress,
  toProgress,
  viewEnv,
  type Button,
  type Plan,
  type View,
} from './plans-common.js';
import { startPaste } from './plan-document.js';
import { PLAN_LINE_FORMS } from './plan-line-form.js';

// The focal points' side of /plans: their agency's answer to each open request (register
// activities, nil return, confirm, reopen until the deadline) and the status of the programme
// activities their agency leads.

async function focalPlans(ctx: LiaisonContext, agencyId: number) {
  const { repos } = ctx.deps;
  const open = await repos.plans.listOpen();
  const out: { plan: Plan; own: CardActivity[] }[] = [];
  for (const p of open) {
    const own = await repos.activities.listByPlan(p.id, { leadAgencyId: agencyId });
    if (p.kind === 'REQUEST' || own.length > 0) out.push({ plan: p, own });
  }
  return out;
}

export async function focalList(ctx: RegisteredContext, agencyId: number): Promise<View> {
  const env = viewEnv(ctx);
  const plans = await focalPlans(ctx, agencyId);
  const lines = [ctx.t('plans.focal.list_title', { agency: ctx.user.agency?.nameVi ?? '' })];
  const rows: Button[][] = [];
  if (plans.length === 0) lines.push(ctx.t('plans.focal.list_empty'));
  let n = 0;
  for (const { plan, own } of plans) {
    n++;
    let extra: string;
    if (plan.kind === 'REQUEST') {
      const r = await ctx.deps.repos.plans.response(plan.id, agencyId);
      extra = ctx.t('plans.focal.list_extra', {
        status: ctx.t(`plans.response.${r?.status ?? 'PENDING'}`),
        count: own.length,
      });
    } else
      extra = ctx.t('plans.list.programme_extra', {
        total: own.length,
        done: own.filter((a) => a.status === 'DONE' || a.status === 'REPORTED').length,
      });
    lines.push(planListLine(plan, n, env, extra));
    rows.push([btn(`${n}. ${truncate(plan.title, 48)}`, pl('view', { planId: plan.id }))]);
  }
  return { text: lines.join('\n'), rows };
}

const STATUS_BUTTONS: [ActivityAction, (typeof STATUS_CODES)[keyof typeof STATUS_CODES]][] = [
  ['start', STATUS_CODES.start],
  ['markDone', STATUS_CODES.markDone],
];

export async function focalPlan(ctx: RegisteredContext, plan: Plan, agencyId: number): Promise<View> {
  const { repos } = ctx.deps;
  const env = viewEnv(ctx);
  const own = await repos.activities.listByPlan(plan.id, { leadAgencyId: agencyId });
  const rows: Button[][] = [];
  if (plan.kind === 'PROGRAMME') {
    const text = renderProgrammeBoard(plan, programmeProgress(toProgress(own), env.now, env.zone), own, env, {
      own: true,
    });
    for (const a of own.slice(0, 20)) {
      const buttons = STATUS_BUTTONS.filter(
        ([action]) => plan.status === 'OPEN' && canPerform(action, a.status, 'FOCAL', a.type),
      ).map(([, code]) =>
        btn(ctx.t(`plans.btn.status_${code}`, { reference: a.reference }), pl('status', { activityId: a.id, code })),
      );
      if (buttons.length) rows.push(buttons);
    }
    rows.push([
      btn(ctx.t('plans.btn.refresh'), pl('view', { planId: plan.id })),
      btn(ctx.t('plans.btn.back'), pl('list')),
    ]);
    return { text, rows };
  }
  const answer = await repos.plans.response(plan.id, agencyId);
  const agency = ctx.user.agency;
  const text = renderFocalRequest(plan, answer, own, {
    ...env,
    agencyName: agency?.nameVi ?? '',
    forPeople: agency?.kind === 'PEOPLES_COMMITTEE',
  });
  if (canAnswer(plan, env.now)) {
    const status = answer?.status ?? 'PENDING';
    if (status === 'PENDING') {
      // The light ways first: the agency's plan document, a short plan line, what is already registered.
      rows.push([btn(ctx.t('plandoc.btn.send_document'), pl('sendDocument', { planId: plan.id }))]);
      rows.push([
        btn(ctx.t('plandoc.btn.plan_line'), pl('planLine', { planId: plan.id })),
        btn(ctx.t('plans.btn.attach'), pl('attachList', { planId: plan.id })),
      ]);
      rows.push([btn(ctx.t('plans.btn.register'), pl('register', { planId: plan.id }))]);
      rows.push([
        btn(ctx.t('plans.btn.confirm'), pl('confirm', { planId: plan.id })),
        btn(ctx.t('plans.btn.nil'), pl('nil', { planId: plan.id })),
      ]);
    } else rows.push([btn(ctx.t('plans.btn.reopen'), pl('reopen', { planId: plan.id }))]);
  }
  rows.push([
    btn(ctx.t('plans.btn.refresh'), pl('view', { planId: plan.id })),
    btn(ctx.t('plans.btn.back'), pl('list')),
  ]);
  return { text, rows };
}

/**
 * The agency's activities already registered in the plan's year, to attach to its answer with a
 * tap (and detach): nothing is typed twice.
 */
async function attachView(ctx: LiaisonContext, plan: Plan, agencyId: number): Promise<View> {
  const year = plan.year ?? ctx.deps.now().year;
  const list = await ctx.deps.repos.activities.listAttachable(agencyId, plan.id, year);
  const rows: Button[][] = list
    .slice(0, 20)
    .map((a) => [
      btn(
        `${a.planId === plan.id ? '✅' : '➕'} ${a.reference} · ${truncate(a.title, 40)}`,
        pl('attach', { planId: plan.id, activityId: a.id }),
      ),
    ]);
  rows.push([btn(ctx.t('plans.btn.back'), pl('view', { planId: plan.id }))]);
  return {
    text: list.length
      ? ctx.t('plans.attach.title', { year, title: truncate(plan.title, 150) })
      : ctx.t('plans.attach.empty', { year }),
    rows,
  };
}

function typeMenu(ctx: LiaisonContext, plan: Plan): View {
  const rows: Button[][] = [];
  for (let i = 0; i < ACTIVITY_TYPES.length; i += 2)
    rows.push(
      ACTIVITY_TYPES.slice(i, i + 2).map((type) =>
        btn(ctx.t(`activity.type.${type}`), pl('newOfType', { planId: plan.id, type })),
      ),
    );
  rows.push([btn(ctx.t('plans.btn.back'), pl('view', { planId: plan.id }))]);
  const people =
    Array.isArray(plan.forms) && plan.forms.includes('PEOPLE') && ctx.user?.agency?.kind === 'PEOPLES_COMMITTEE';
  return {
    text: [
      ctx.t('plans.focal.choose_type', { title: truncate(plan.title, 200) }),
      ...(people ? [ctx.t('plans.focal.people_hint')] : []),
    ].join('\n'),
    rows,
  };
}

/** Moves the agency's answer, creating its row first when the agency joined after the request opened. */
async function moveAnswer(
  ctx: RegisteredContext,
  plan: Plan,
  agencyId: number,
  from: ('PENDING' | 'ANSWERED' | 'NIL')[],
  to: 'PENDING' | 'ANSWERED' | 'NIL',
) {
  const { repos } = ctx.deps;
  const by = { userId: ctx.user.id, now: ctx.deps.now().toJSDate() };
  if (!(await repos.plans.response(plan.id, agencyId)))
    await repos.plans.setResponse(plan.id, agencyId, 'PENDING', { ...by, userId: null });
  return repos.plans.moveResponse(plan.id, agencyId, from, to, by);
}

export async function focalAction(ctx: RegisteredContext, forms: FormEngine, press: PlanPress, plan: Plan) {
  const agencyId = ctx.user.agencyId!;
  const now = ctx.deps.now();
  const alert = <K extends string>(key: CheckedKey<K>, params?: Record<string, string | number>) =>
    ctx.answerCbQuery(ctx.t(key, params), { show_alert: true });
  if (press.action === 'status') {
    const activity = await ctx.deps.repos.activities.findById(press.activityId);
    const rule = STATUS_BUTTONS.find(([, code]) => code === press.code);
    if (!activity || !rule || activity.planId !== plan.id) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    if (activity.leadAgencyId !== agencyId) return refuse(ctx, 'plans:status');
    const [act] = rule;
    if (plan.status !== 'OPEN' || !canPerform(act, activity.status, 'FOCAL', activity.type))
      return alert('plans.err.status_changed', { status: ctx.t(`activity.status.${activity.status}`) });
    const notYet = TAKEN_PLACE_ACTIONS.includes(act) ? notStartedYet(ctx, activity) : null;
    if (notYet) return ctx.answerCbQuery(notYet, { show_alert: true });
    const done = await ctx.deps.repos.activities.transition(
      activity.id,
      sourceStatuses(act, activity.type),
      act === 'start' ? 'IN_PROGRESS' : 'DONE',
      { userId: ctx.user.id, now: now.toJSDate() },
    );
    if (!done) return alert('plans.err.status_changed', { status: ctx.t(`activity.status.${activity.status}`) });
    ctx.deps.logger.info({ msg: 'programme-activity-status', activityId: activity.id, status: done.status });
    await ctx.answerCbQuery(
      ctx.t('plans.status_set', { reference: done.reference, status: ctx.t(`activity.status.${done.status}`) }),
    );
    return show(ctx, await focalPlan(ctx, plan, agencyId));
  }
  if (plan.kind !== 'REQUEST') return ctx.answerCbQuery(ctx.t('error.stale_button'));
  if (!canAnswer(plan, now)) {
    await alert(plan.status === 'OPEN' ? 'plans.err.deadline_passed' : 'plans.err.closed');
    return show(ctx, await focalPlan(ctx, plan, agencyId));
  }
  switch (press.action) {
    case 'register':
      await ctx.answerCbQuery();
      return show(ctx, typeMenu(ctx, plan));
    case 'sendDocument':
      await ctx.answerCbQuery();
      return startPaste(ctx, forms);
    case 'planLine': {
      const meta = { planId: plan.id, planTitle: truncate(plan.title, 100), leadAgencyId: agencyId, onBehalf: false };
      await forms.start(ctx, PLAN_LINE_FORMS.create, {
        meta,
        origin: `pline:${plan.id}:${ctx.callbackQuery?.message?.message_id ?? 0}`,
      });
      return ctx.answerCbQuery();
    }
    case 'attachList':
      await ctx.answerCbQuery();
      return show(ctx, await attachView(ctx, plan, agencyId));
    case 'attach': {
      const a = await ctx.deps.repos.activities.findById(press.activityId);
      if (!a || a.leadAgencyId !== agencyId) return ctx.answerCbQuery(ctx.t('error.stale_button'));
      const attach = a.planId === null;
      if (!attach && a.planId !== plan.id) return ctx.answerCbQuery(ctx.t('error.stale_button'));
      await ctx.deps.repos.activities.setPlan(a.id, attach ? plan.id : null, {
        userId: ctx.user.id,
        now: now.toJSDate(),
      });
      ctx.deps.logger.info({
        msg: attach ? 'plan-activity-attached' : 'plan-activity-detached',
        planId: plan.id,
        activityId: a.id,
      });
      await ctx.answerCbQuery(ctx.t(attach ? 'plans.attached' : 'plans.detached', { reference: a.reference }));
      return show(ctx, await attachView(ctx, plan, agencyId));
    }
    case 'newOfType': {
      const { type } = press;
      const meta = { leadAgencyId: agencyId, onBehalf: false, source: 'FORM', sourceRef: null, planId: plan.id };
      const result = await forms.start(ctx, newActivityFormId(type), {
        meta,
        origin: `plan:${plan.id}:${ctx.callbackQuery?.message?.message_id ?? 0}`,
      });
      await ctx.answerCbQuery();
      if (result === 'started')
        await show(ctx, {
          text: ctx.t('plans.focal.registering', {
            title: truncate(plan.title, 200),
            type: ctx.t(`activity.type.${type}`),
          }),
          rows: [],
        });
      return;
    }
    case 'confirm': {
      const own = await ctx.deps.repos.activities.listByPlan(plan.id, { leadAgencyId: agencyId });
      if (own.filter((a) => a.status !== 'CANCELLED' && a.status !== 'DRAFT').length === 0)
        return alert('plans.err.nothing_registered');
      if (!(await moveAnswer(ctx, plan, agencyId, ['PENDING'], 'ANSWERED')))
        await ctx.answerCbQuery(ctx.t('plans.already'));
      else {
        ctx.deps.logger.info({ msg: 'plan-answered', planId: plan.id, agencyId, activities: own.length });
        await ctx.answerCbQuery(ctx.t('plans.answered_ok'));
      }
      return show(ctx, await focalPlan(ctx, plan, agencyId));
    }
    case 'nil': {
      const own = await ctx.deps.repos.activities.listByPlan(plan.id, { leadAgencyId: agencyId });
      const live = own.filter((a) => !APART_STATUSES.includes(a.status));
      if (live.length) return alert('plans.err.nil_with_activities', { count: live.length });
      await ctx.answerCbQuery();
      return show(ctx, {
        text: ctx.t('plans.focal.nil_confirm', { title: truncate(plan.title, 200) }),
        rows: [
          [
            btn(ctx.t('plans.btn.nil_yes'), pl('nilYes', { planId: plan.id })),
            btn(ctx.t('plans.btn.back'), pl('view', { planId: plan.id })),
          ],
        ],
      });
    }
    case 'nilYes': {
      if (!(await moveAnswer(ctx, plan, agencyId, ['PENDING'], 'NIL'))) await ctx.answerCbQuery(ctx.t('plans.already'));
      else {
        ctx.deps.logger.info({ msg: 'plan-nil-return', planId: plan.id, agencyId });
        await ctx.answerCbQuery(ctx.t('plans.nil_ok'));
      }
      return show(ctx, await focalPlan(ctx, plan, agencyId));
    }
    case 'reopen': {
      if (await moveAnswer(ctx, plan, agencyId, ['ANSWERED', 'NIL'], 'PENDING')) {
        ctx.deps.logger.info({ msg: 'plan-answer-reopened', planId: plan.id, agencyId });
        await ctx.answerCbQuery(ctx.t('plans.reopened'));
      } else await ctx.answerCbQuery(ctx.t('plans.already'));
      return show(ctx, await focalPlan(ctx, plan, agencyId));
    }
  }
  return ctx.answerCbQuery(ctx.t('error.stale_button'));
}
