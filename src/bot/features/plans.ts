import { FlatComposer } from '../composer.js';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { COORDINATION, FOCAL_ONLY, hasRole, refuse } from '../access.js';
import type { FormEngine } from '../form-engine/index.js';
import { deadlinePassed, programmeProgress, requestBoard } from '../../domain/plan-board.js';
import { truncate } from '../../domain/format.js';
import { planListLine, renderProgrammeBoard, renderRequestBoard } from '../views/plan-views.js';
import { PLAN_FORMS, tellPlanOpened } from './plan-forms.js';
import { startFollowUpForm } from './followups.js';
import { registerProgrammeUpload } from './programme-upload.js';
import {
  btn,
  codeOf,
  pl,
  planButtons,
  show,
  type PlanPress,
  toProgress,
  viewEnv,
  type Button,
  type Plan,
  type View,
} from './plans-common.js';
import { focalAction, focalList, focalPlan } from './plans-focal.js';
import { withBoardButton } from '../board-link.js';

/** Who uses /plans: focal points answer requests and update programme activities; coordinators run them. */
export const PLAN_ROLES = [...FOCAL_ONLY, ...COORDINATION];

async function coordinatorList(ctx: LiaisonContext, closed = false): Promise<View> {
  const { repos } = ctx.deps;
  const env = viewEnv(ctx);
  const plans = closed ? await repos.plans.list({ status: 'CLOSED', take: 10 }) : await repos.plans.listOpen();
  const lines = [ctx.t(closed ? 'plans.list.closed_title' : 'plans.list.title')];
  const rows: Button[][] = [];
  if (plans.length === 0) lines.push(ctx.t(closed ? 'plans.list.closed_empty' : 'plans.list.empty'));
  let n = 0;
  for (const p of plans) {
    n++;
    let extra: string;
    if (p.kind === 'REQUEST') {
      const responses = await repos.plans.responses(p.id);
      const answered = responses.filter((r) => r.status === 'ANSWERED' || r.status === 'NIL').length;
      extra = ctx.t('plans.list.request_extra', {
        answered,
        total: responses.filter((r) => r.agency.active || r.status === 'ANSWERED' || r.status === 'NIL').length,
      });
    } else {
      const progress = programmeProgress(toProgress(await repos.activities.listByPlan(p.id)), env.now, env.zone);
      extra = ctx.t('plans.list.programme_extra', { total: progress.total, done: progress.done });
    }
    lines.push(planListLine(p, n, env, extra));
    rows.push([btn(`${n}. ${truncate(p.title, 48)}`, pl('view', { planId: p.id }))]);
  }
  if (!closed) {
    rows.push([
      btn(ctx.t('plans.btn.new_request'), pl('newRequest')),
      btn(ctx.t('plans.btn.new_programme'), pl('newProgramme')),
    ]);
    rows.push([btn(ctx.t('plans.btn.closed'), pl('closedList'))]);
  } else rows.push([btn(ctx.t('plans.btn.back'), pl('list'))]);
  return { text: lines.join('\n'), rows };
}

async function coordinatorPlan(ctx: LiaisonContext, plan: Plan): Promise<View> {
  const { repos } = ctx.deps;
  const env = viewEnv(ctx);
  const open = plan.status === 'OPEN';
  const rows: Button[][] = [];
  let text: string;
  if (plan.kind === 'REQUEST') {
    const [responses, counts] = await Promise.all([
      repos.plans.responses(plan.id),
      repos.activities.countByPlanPerAgency(plan.id),
    ]);
    const board = requestBoard(
      plan,
      responses.map((r) => ({
        agencyId: r.agencyId,
        code: r.agency.code,
        name: r.agency.nameVi,
        active: r.agency.active,
        status: r.status,
        answeredAt: r.answeredAt,
      })),
      counts,
      env.now,
    );
    text = renderRequestBoard(plan, board, env);
    if (open) {
      rows.push([
        btn(ctx.t('plans.btn.extend'), pl('extend', { planId: plan.id })),
        btn(ctx.t('plans.btn.close'), pl('close', { planId: plan.id })),
      ]);
      rows.push([btn(ctx.t('plans.btn.add_recipients'), pl('recipients', { planId: plan.id }))]);
    }
  } else {
    const activities = await repos.activities.listByPlan(plan.id);
    text = renderProgrammeBoard(plan, programmeProgress(toProgress(activities), env.now, env.zone), activities, env);
    if (open) {
      rows.push([
        btn(ctx.t('plans.btn.add_activity'), pl('addActivity', { planId: plan.id })),
        btn(ctx.t('plans.btn.import'), pl('upload', { planId: plan.id })),
      ]);
      rows.push([btn(ctx.t('plans.btn.close_programme'), pl('close', { planId: plan.id }))]);
    }
  }
  if (open) rows.push([btn(ctx.t('plans.btn.followup'), pl('followUp', { planId: plan.id }))]);
  rows.push([
    btn(ctx.t('plans.btn.refresh'), pl('view', { planId: plan.id })),
    btn(ctx.t('plans.btn.back'), pl('list')),
  ]);
  return { text, rows };
}

/** Active agencies a request does not ask yet (created or reactivated after it opened). */
async function notAsked(ctx: LiaisonContext, plan: Plan) {
  const asked = new Set((await ctx.deps.repos.plans.responses(plan.id)).map((r) => r.agencyId));
  return (await ctx.deps.repos.agencies.list({ activeOnly: true })).filter((a) => !asked.has(a.id));
}

async function recipientsView(ctx: LiaisonContext, plan: Plan): Promise<View> {
  const missing = await notAsked(ctx, plan);
  const rows: Button[][] = missing
    .slice(0, 20)
    .map((a) => [
      btn(`➕ ${a.code} · ${truncate(a.nameVi, 40)}`, pl('addRecipient', { planId: plan.id, agencyId: a.id })),
    ]);
  if (missing.length > 1)
    rows.push([
      btn(
        ctx.t('plans.btn.add_all_recipients', { count: missing.length }),
        pl('addAllRecipients', { planId: plan.id }),
      ),
    ]);
  rows.push([btn(ctx.t('plans.btn.back'), pl('view', { planId: plan.id }))]);
  return {
    text: ctx.t(missing.length ? 'plans.recipients.title' : 'plans.recipients.none', {
      title: truncate(plan.title, 150),
      count: missing.length,
    }),
    rows,
  };
}

/** Asks more agencies to answer an open request: a PENDING answer each, and their focal points told. */
async function addRecipients(ctx: LiaisonContext, plan: Plan, agencyIds: number[]) {
  const { repos, logger } = ctx.deps;
  const now = ctx.deps.now();
  for (const id of agencyIds)
    await repos.plans.setResponse(plan.id, id, 'PENDING', { userId: null, now: now.toJSDate() });
  const told = await tellPlanOpened(ctx.deps, { ...plan, agencyIds }, now);
  logger.info({ msg: 'plan-recipients-added', planId: plan.id, agencies: agencyIds.length, told });
  return told;
}

async function coordinatorAction(ctx: LiaisonContext, forms: FormEngine, press: PlanPress, plan: Plan) {
  const { repos, logger } = ctx.deps;
  const { action } = press;
  const origin = `${codeOf(press)}:${plan.id}:${ctx.callbackQuery?.message?.message_id ?? 0}`;
  const start = async (formId: string, meta: Record<string, string | number>) => {
    await forms.start(ctx, formId, { meta, origin });
    await ctx.answerCbQuery();
  };
  const closedAlert = () => ctx.answerCbQuery(ctx.t('plans.err.closed'), { show_alert: true });
  switch (action) {
    case 'recipients':
    case 'addRecipient':
    case 'addAllRecipients': {
      if (plan.kind !== 'REQUEST') break;
      if (plan.status !== 'OPEN') return closedAlert();
      if (press.action !== 'recipients') {
        const missing = await notAsked(ctx, plan);
        const ids =
          press.action === 'addAllRecipients'
            ? missing.map((a) => a.id)
            : missing.filter((a) => a.id === press.agencyId).map((a) => a.id);
        if (!ids.length) return ctx.answerCbQuery(ctx.t('plans.already'));
        await addRecipients(ctx, plan, ids);
        await ctx.answerCbQuery(ctx.t('plans.recipients.added', { count: ids.length }));
      } else await ctx.answerCbQuery();
      return show(ctx, await recipientsView(ctx, plan));
    }
    case 'extend':
      if (plan.kind !== 'REQUEST') break;
      if (plan.status !== 'OPEN') return closedAlert();
      return start(PLAN_FORMS.extend, { planId: plan.id, title: truncate(plan.title, 100) });
    case 'addActivity':
      if (plan.kind !== 'PROGRAMME') break;
      if (plan.status !== 'OPEN') return closedAlert();
      return start(PLAN_FORMS.activity, { planId: plan.id, title: truncate(plan.title, 100) });
    case 'upload':
      if (plan.kind !== 'PROGRAMME') break;
      if (plan.status !== 'OPEN') return closedAlert();
      await ctx.answerCbQuery();
      return registerProgrammeUpload(ctx, forms, plan);
    case 'followUp':
      if (plan.status !== 'OPEN') return closedAlert();
      await startFollowUpForm(ctx, forms, { planId: plan.id, title: truncate(plan.title, 100) }, origin);
      return ctx.answerCbQuery();
    case 'close':
      if (plan.status !== 'OPEN') return closedAlert();
      await ctx.answerCbQuery();
      return show(ctx, {
        text: ctx.t(plan.kind === 'REQUEST' ? 'plans.close_confirm' : 'plans.close_programme_confirm', {
          title: truncate(plan.title, 200),
        }),
        rows: [
          [
            btn(ctx.t('plans.btn.close_yes'), pl('closeYes', { planId: plan.id })),
            btn(ctx.t('plans.btn.back'), pl('view', { planId: plan.id })),
          ],
        ],
      });
    case 'closeYes': {
      if (plan.status !== 'OPEN') {
        await ctx.answerCbQuery(ctx.t('plans.already'));
        return show(ctx, await coordinatorPlan(ctx, plan));
      }
      const now = ctx.deps.now().toJSDate();
      // Closing after the deadline records the silent agencies as "no plan", as the deadline does;
      // closing early calls nobody late: they stay "not answered".
      const recorded =
        plan.kind === 'REQUEST' && deadlinePassed(plan.deadline, ctx.deps.now())
          ? await repos.plans.recordNoPlan(plan.id, now)
          : 0;
      const closed = await repos.plans.close(plan.id, now);
      logger.info({ msg: 'plan-closed', planId: plan.id, noPlan: recorded });
      await ctx.answerCbQuery(ctx.t('plans.closed_ok'));
      return show(ctx, await coordinatorPlan(ctx, closed));
    }
  }
  return ctx.answerCbQuery(ctx.t('error.stale_button'));
}

/** /plans: focal points answer plan requests and update programme activities; coordinators open, follow and close them. */
export function plansFeature(forms: FormEngine) {
  const c = new FlatComposer<RegisteredContext>();

  c.command('plans', async (ctx) => {
    if (!hasRole(ctx, PLAN_ROLES)) return refuse(ctx, 'plans');
    if (ctx.chat.type !== 'private') return ctx.reply(ctx.t('plans.private_only'));
    if (hasRole(ctx, COORDINATION)) return show(ctx, withBoardButton(ctx, await coordinatorList(ctx)));
    if (!ctx.user?.agencyId) return ctx.reply(ctx.t('plans.err.no_agency'));
    return show(ctx, withBoardButton(ctx, await focalList(ctx, ctx.user.agencyId)));
  });

  c.action(planButtons.pattern, async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    if (!hasRole(ctx, PLAN_ROLES)) return refuse(ctx, `plans:${data?.split(':')[1] ?? '?'}`);
    const cb = planButtons.decode(data);
    if (!cb) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    const coordinator = hasRole(ctx, COORDINATION);
    const agencyId = ctx.user?.agencyId;
    if (!coordinator && !agencyId) return ctx.answerCbQuery(ctx.t('plans.err.no_agency'), { show_alert: true });
    switch (cb.action) {
      case 'list':
        await ctx.answerCbQuery();
        return show(ctx, coordinator ? await coordinatorList(ctx) : await focalList(ctx, agencyId!));
      case 'closedList':
        if (!coordinator) return refuse(ctx, 'plans:closed');
        await ctx.answerCbQuery();
        return show(ctx, await coordinatorList(ctx, true));
      case 'newRequest':
      case 'newProgramme':
        if (!coordinator) return refuse(ctx, 'plans:new');
        await forms.start(ctx, cb.action === 'newRequest' ? PLAN_FORMS.request : PLAN_FORMS.programme, {
          origin: `${codeOf(cb)}:${ctx.callbackQuery.message?.message_id ?? 0}`,
        });
        return ctx.answerCbQuery();
    }
    // A status button carries the activity id; its plan is checked in focalAction.
    const target =
      cb.action === 'status'
        ? await planOfActivity(ctx, cb.activityId)
        : await ctx.deps.repos.plans.findById(cb.planId);
    if (!target) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    if (cb.action === 'view') {
      await ctx.answerCbQuery();
      if (coordinator) return show(ctx, await coordinatorPlan(ctx, target));
      if (
        target.kind === 'PROGRAMME' &&
        !(await ctx.deps.repos.activities.listByPlan(target.id, { leadAgencyId: agencyId! })).length
      )
        return show(ctx, await focalList(ctx, agencyId!));
      return show(ctx, await focalPlan(ctx, target, agencyId!));
    }
    if (coordinator) return coordinatorAction(ctx, forms, cb, target);
    return focalAction(ctx, forms, cb, target);
  });

  return c;
}

async function planOfActivity(ctx: LiaisonContext, activityId: number) {
  const a = await ctx.deps.repos.activities.findById(activityId);
  return a?.planId ? ctx.deps.repos.plans.findById(a.planId) : null;
}
