import { Composer, Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { ActivityType } from '../../generated/sqlite/enums.js';
import type { LiaisonContext } from '../context.js';
import { COORDINATION, FOCAL_ONLY, hasRole, refuse } from '../access.js';
import { callbackPattern, encodeCallback, idArg, parseCallback } from '../keyboards/callback-data.js';
import { isNotModified, type FormEngine } from '../forms/engine.js';
import { newActivityFormId } from '../forms/activity-specs.js';
import { ACTIVITY_TYPES } from '../forms/definitions/index.js';
import { canPerform, sourceStatuses, type ActivityAction } from '../../domain/activity-status.js';
import { canAnswer, programmeProgress, requestBoard } from '../../domain/plan-board.js';
import { truncate } from '../../domain/format.js';
import { planListLine, renderFocalRequest, renderProgrammeBoard, renderRequestBoard, type ViewEnv } from '../views/plan-views.js';
import type { CardActivity } from '../views/activity-card.js';
import { PLAN_FORMS } from './plan-forms.js';
import { startFollowUpForm } from './followups.js';
import { registerProgrammeUpload } from './programme-upload.js';

const F = 'pl';
const HTML = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };
/** Who uses /plans: focal points answer requests and update programme activities; coordinators run them. */
export const PLAN_ROLES = [...FOCAL_ONLY, ...COORDINATION];

type Button = InlineKeyboardButton.CallbackButton;
type Plan = NonNullable<Awaited<ReturnType<LiaisonContext['deps']['repos']['plans']['findById']>>>;
interface View {
  text: string;
  rows: Button[][];
}

const btn = (text: string, action: string, ...args: (string | number)[]) => Markup.button.callback(text, encodeCallback(F, action, ...args));

function viewEnv(ctx: LiaisonContext): ViewEnv {
  return { t: ctx.t, locale: ctx.locale, zone: ctx.deps.config.timezone, now: ctx.deps.now() };
}

/** Replies with a view, or redraws the pressed message. */
async function show(ctx: LiaisonContext, view: View) {
  const extra = { ...HTML, reply_markup: { inline_keyboard: view.rows } };
  if (!ctx.callbackQuery) return ctx.reply(view.text, extra);
  try {
    await ctx.editMessageText(view.text, extra);
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}

function toProgress(activities: CardActivity[]) {
  return activities.map((a) => ({ id: a.id, reference: a.reference, title: a.title, status: a.status, leadCode: a.leadAgency.code, timingPrecision: a.timingPrecision, endDate: a.endDate }));
}

// ---- coordinators ----

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
      extra = ctx.t('plans.list.request_extra', { answered, total: responses.filter((r) => r.agency.active || r.status === 'ANSWERED' || r.status === 'NIL').length });
    } else {
      const progress = programmeProgress(toProgress(await repos.activities.listByPlan(p.id)), env.now, env.zone);
      extra = ctx.t('plans.list.programme_extra', { total: progress.total, done: progress.done });
    }
    lines.push(planListLine(p, n, env, extra));
    rows.push([btn(`${n}. ${truncate(p.title, 48)}`, 'v', p.id)]);
  }
  if (!closed) {
    rows.push([btn(ctx.t('plans.btn.new_request'), 'nr'), btn(ctx.t('plans.btn.new_programme'), 'np')]);
    rows.push([btn(ctx.t('plans.btn.closed'), 'cl')]);
  } else rows.push([btn(ctx.t('plans.btn.back'), 'l')]);
  return { text: lines.join('\n'), rows };
}

async function coordinatorPlan(ctx: LiaisonContext, plan: Plan): Promise<View> {
  const { repos } = ctx.deps;
  const env = viewEnv(ctx);
  const open = plan.status === 'OPEN';
  const rows: Button[][] = [];
  let text: string;
  if (plan.kind === 'REQUEST') {
    const [responses, counts] = await Promise.all([repos.plans.responses(plan.id), repos.activities.countByPlanPerAgency(plan.id)]);
    const board = requestBoard(
      plan,
      responses.map((r) => ({ agencyId: r.agencyId, code: r.agency.code, name: r.agency.nameVi, active: r.agency.active, status: r.status, answeredAt: r.answeredAt })),
      counts,
      env.now,
    );
    text = renderRequestBoard(plan, board, env);
    if (open) rows.push([btn(ctx.t('plans.btn.extend'), 'x', plan.id), btn(ctx.t('plans.btn.close'), 'c', plan.id)]);
  } else {
    const activities = await repos.activities.listByPlan(plan.id);
    text = renderProgrammeBoard(plan, programmeProgress(toProgress(activities), env.now, env.zone), activities, env);
    if (open) {
      rows.push([btn(ctx.t('plans.btn.add_activity'), 'a', plan.id), btn(ctx.t('plans.btn.import'), 'u', plan.id)]);
      rows.push([btn(ctx.t('plans.btn.close_programme'), 'c', plan.id)]);
    }
  }
  if (open) rows.push([btn(ctx.t('plans.btn.followup'), 'f', plan.id)]);
  rows.push([btn(ctx.t('plans.btn.refresh'), 'v', plan.id), btn(ctx.t('plans.btn.back'), 'l')]);
  return { text, rows };
}

// ---- focal points ----

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

async function focalList(ctx: LiaisonContext, agencyId: number): Promise<View> {
  const env = viewEnv(ctx);
  const plans = await focalPlans(ctx, agencyId);
  const lines = [ctx.t('plans.focal.list_title', { agency: ctx.user!.agency?.nameVi ?? '' })];
  const rows: Button[][] = [];
  if (plans.length === 0) lines.push(ctx.t('plans.focal.list_empty'));
  let n = 0;
  for (const { plan, own } of plans) {
    n++;
    let extra: string;
    if (plan.kind === 'REQUEST') {
      const r = await ctx.deps.repos.plans.response(plan.id, agencyId);
      extra = ctx.t('plans.focal.list_extra', { status: ctx.t(`plans.response.${r?.status ?? 'PENDING'}`), count: own.length });
    } else extra = ctx.t('plans.list.programme_extra', { total: own.length, done: own.filter((a) => a.status === 'DONE' || a.status === 'REPORTED').length });
    lines.push(planListLine(plan, n, env, extra));
    rows.push([btn(`${n}. ${truncate(plan.title, 48)}`, 'v', plan.id)]);
  }
  return { text: lines.join('\n'), rows };
}

const STATUS_BUTTONS: [ActivityAction, string][] = [
  ['start', 'st'],
  ['markDone', 'dn'],
];

async function focalPlan(ctx: LiaisonContext, plan: Plan, agencyId: number): Promise<View> {
  const { repos } = ctx.deps;
  const env = viewEnv(ctx);
  const own = await repos.activities.listByPlan(plan.id, { leadAgencyId: agencyId });
  const rows: Button[][] = [];
  if (plan.kind === 'PROGRAMME') {
    const text = renderProgrammeBoard(plan, programmeProgress(toProgress(own), env.now, env.zone), own, env, { own: true });
    for (const a of own.slice(0, 20)) {
      const buttons = STATUS_BUTTONS.filter(([action]) => plan.status === 'OPEN' && canPerform(action, a.status, 'FOCAL')).map(([action, code]) =>
        btn(ctx.t(`plans.btn.status_${code}`, { reference: a.reference }), 's', a.id, code),
      );
      if (buttons.length) rows.push(buttons);
    }
    rows.push([btn(ctx.t('plans.btn.refresh'), 'v', plan.id), btn(ctx.t('plans.btn.back'), 'l')]);
    return { text, rows };
  }
  const answer = await repos.plans.response(plan.id, agencyId);
  const agency = ctx.user!.agency;
  const text = renderFocalRequest(plan, answer, own, { ...env, agencyName: agency?.nameVi ?? '', forPeople: agency?.kind === 'PEOPLES_COMMITTEE' });
  if (canAnswer(plan, env.now)) {
    const status = answer?.status ?? 'PENDING';
    if (status === 'PENDING') {
      rows.push([btn(ctx.t('plans.btn.register'), 't', plan.id)]);
      rows.push([btn(ctx.t('plans.btn.confirm'), 'ok', plan.id), btn(ctx.t('plans.btn.nil'), 'nil', plan.id)]);
    } else rows.push([btn(ctx.t('plans.btn.reopen'), 'ro', plan.id)]);
  }
  rows.push([btn(ctx.t('plans.btn.refresh'), 'v', plan.id), btn(ctx.t('plans.btn.back'), 'l')]);
  return { text, rows };
}

function typeMenu(ctx: LiaisonContext, plan: Plan): View {
  const rows: Button[][] = [];
  for (let i = 0; i < ACTIVITY_TYPES.length; i += 2) rows.push(ACTIVITY_TYPES.slice(i, i + 2).map((type) => btn(ctx.t(`activity.type.${type}`), 'nt', plan.id, type)));
  rows.push([btn(ctx.t('plans.btn.back'), 'v', plan.id)]);
  const people = Array.isArray(plan.forms) && plan.forms.includes('PEOPLE') && ctx.user?.agency?.kind === 'PEOPLES_COMMITTEE';
  return { text: [ctx.t('plans.focal.choose_type', { title: truncate(plan.title, 200) }), ...(people ? [ctx.t('plans.focal.people_hint')] : [])].join('\n'), rows };
}

// ---- actions ----

/** Moves the agency's answer, creating its row first when the agency joined after the request opened. */
async function moveAnswer(ctx: LiaisonContext, plan: Plan, agencyId: number, from: ('PENDING' | 'ANSWERED' | 'NIL')[], to: 'PENDING' | 'ANSWERED' | 'NIL') {
  const { repos } = ctx.deps;
  const by = { userId: ctx.user!.id, now: ctx.deps.now().toJSDate() };
  if (!(await repos.plans.response(plan.id, agencyId))) await repos.plans.setResponse(plan.id, agencyId, 'PENDING', { ...by, userId: null });
  return repos.plans.moveResponse(plan.id, agencyId, from, to, by);
}

async function focalAction(ctx: LiaisonContext, forms: FormEngine, action: string, plan: Plan, args: string[]) {
  const agencyId = ctx.user!.agencyId!;
  const now = ctx.deps.now();
  const alert = (key: string, params?: Record<string, string | number>) => ctx.answerCbQuery(ctx.t(key, params), { show_alert: true });
  if (action === 's') {
    const activity = await ctx.deps.repos.activities.findById(idArg(args[0]) ?? 0);
    const rule = STATUS_BUTTONS.find(([, code]) => code === args[1]);
    if (!activity || !rule || activity.planId !== plan.id) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    if (activity.leadAgencyId !== agencyId) return refuse(ctx, 'plans:status');
    const [act] = rule;
    if (plan.status !== 'OPEN' || !canPerform(act, activity.status, 'FOCAL')) return alert('plans.err.status_changed', { status: ctx.t(`activity.status.${activity.status}`) });
    const done = await ctx.deps.repos.activities.transition(activity.id, sourceStatuses(act), act === 'start' ? 'IN_PROGRESS' : 'DONE', { userId: ctx.user!.id, now: now.toJSDate() });
    if (!done) return alert('plans.err.status_changed', { status: ctx.t(`activity.status.${activity.status}`) });
    ctx.deps.logger.info({ msg: 'programme-activity-status', activityId: activity.id, status: done.status });
    await ctx.answerCbQuery(ctx.t('plans.status_set', { reference: done.reference, status: ctx.t(`activity.status.${done.status}`) }));
    return show(ctx, await focalPlan(ctx, plan, agencyId));
  }
  if (plan.kind !== 'REQUEST') return ctx.answerCbQuery(ctx.t('error.stale_button'));
  if (!canAnswer(plan, now)) {
    await alert(plan.status === 'OPEN' ? 'plans.err.deadline_passed' : 'plans.err.closed');
    return show(ctx, await focalPlan(ctx, plan, agencyId));
  }
  switch (action) {
    case 't':
      await ctx.answerCbQuery();
      return show(ctx, typeMenu(ctx, plan));
    case 'nt': {
      const type = args[1] as ActivityType;
      if (!ACTIVITY_TYPES.includes(type)) return ctx.answerCbQuery(ctx.t('error.stale_button'));
      const meta = { leadAgencyId: agencyId, onBehalf: false, source: 'FORM', sourceRef: null, planId: plan.id };
      const result = await forms.start(ctx, newActivityFormId(type), { meta, origin: `plan:${plan.id}:${ctx.callbackQuery?.message?.message_id ?? 0}` });
      await ctx.answerCbQuery();
      if (result === 'started') await show(ctx, { text: ctx.t('plans.focal.registering', { title: truncate(plan.title, 200), type: ctx.t(`activity.type.${type}`) }), rows: [] });
      return;
    }
    case 'ok': {
      const own = await ctx.deps.repos.activities.listByPlan(plan.id, { leadAgencyId: agencyId });
      if (own.filter((a) => a.status !== 'CANCELLED' && a.status !== 'DRAFT').length === 0) return alert('plans.err.nothing_registered');
      if (!(await moveAnswer(ctx, plan, agencyId, ['PENDING'], 'ANSWERED'))) await ctx.answerCbQuery(ctx.t('plans.already'));
      else {
        ctx.deps.logger.info({ msg: 'plan-answered', planId: plan.id, agencyId, activities: own.length });
        await ctx.answerCbQuery(ctx.t('plans.answered_ok'));
      }
      return show(ctx, await focalPlan(ctx, plan, agencyId));
    }
    case 'nil': {
      const own = await ctx.deps.repos.activities.listByPlan(plan.id, { leadAgencyId: agencyId });
      const live = own.filter((a) => !['CANCELLED', 'REJECTED'].includes(a.status));
      if (live.length) return alert('plans.err.nil_with_activities', { count: live.length });
      await ctx.answerCbQuery();
      return show(ctx, {
        text: ctx.t('plans.focal.nil_confirm', { title: truncate(plan.title, 200) }),
        rows: [[btn(ctx.t('plans.btn.nil_yes'), 'nily', plan.id), btn(ctx.t('plans.btn.back'), 'v', plan.id)]],
      });
    }
    case 'nily': {
      if (!(await moveAnswer(ctx, plan, agencyId, ['PENDING'], 'NIL'))) await ctx.answerCbQuery(ctx.t('plans.already'));
      else {
        ctx.deps.logger.info({ msg: 'plan-nil-return', planId: plan.id, agencyId });
        await ctx.answerCbQuery(ctx.t('plans.nil_ok'));
      }
      return show(ctx, await focalPlan(ctx, plan, agencyId));
    }
    case 'ro': {
      if (await moveAnswer(ctx, plan, agencyId, ['ANSWERED', 'NIL'], 'PENDING')) {
        ctx.deps.logger.info({ msg: 'plan-answer-reopened', planId: plan.id, agencyId });
        await ctx.answerCbQuery(ctx.t('plans.reopened'));
      } else await ctx.answerCbQuery(ctx.t('plans.already'));
      return show(ctx, await focalPlan(ctx, plan, agencyId));
    }
  }
  return ctx.answerCbQuery(ctx.t('error.stale_button'));
}

async function coordinatorAction(ctx: LiaisonContext, forms: FormEngine, action: string, plan: Plan) {
  const { repos, logger } = ctx.deps;
  const origin = `${action}:${plan.id}:${ctx.callbackQuery?.message?.message_id ?? 0}`;
  const start = async (formId: string, meta: Record<string, string | number>) => {
    await forms.start(ctx, formId, { meta, origin });
    await ctx.answerCbQuery();
  };
  const closedAlert = () => ctx.answerCbQuery(ctx.t('plans.err.closed'), { show_alert: true });
  switch (action) {
    case 'x':
      if (plan.kind !== 'REQUEST') break;
      if (plan.status !== 'OPEN') return closedAlert();
      return start(PLAN_FORMS.extend, { planId: plan.id, title: truncate(plan.title, 100) });
    case 'a':
      if (plan.kind !== 'PROGRAMME') break;
      if (plan.status !== 'OPEN') return closedAlert();
      return start(PLAN_FORMS.activity, { planId: plan.id, title: truncate(plan.title, 100) });
    case 'u':
      if (plan.kind !== 'PROGRAMME') break;
      if (plan.status !== 'OPEN') return closedAlert();
      await ctx.answerCbQuery();
      return registerProgrammeUpload(ctx, forms, plan);
    case 'f':
      if (plan.status !== 'OPEN') return closedAlert();
      await startFollowUpForm(ctx, forms, { planId: plan.id, title: truncate(plan.title, 100) }, origin);
      return ctx.answerCbQuery();
    case 'c':
      if (plan.status !== 'OPEN') return closedAlert();
      await ctx.answerCbQuery();
      return show(ctx, {
        text: ctx.t(plan.kind === 'REQUEST' ? 'plans.close_confirm' : 'plans.close_programme_confirm', { title: truncate(plan.title, 200) }),
        rows: [[btn(ctx.t('plans.btn.close_yes'), 'cy', plan.id), btn(ctx.t('plans.btn.back'), 'v', plan.id)]],
      });
    case 'cy': {
      if (plan.status !== 'OPEN') {
        await ctx.answerCbQuery(ctx.t('plans.already'));
        return show(ctx, await coordinatorPlan(ctx, plan));
      }
      const now = ctx.deps.now().toJSDate();
      // Closing records the silent agencies as "no plan", as the deadline does.
      const recorded = plan.kind === 'REQUEST' ? await repos.plans.recordNoPlan(plan.id, now) : 0;
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
  const c = new Composer<LiaisonContext>();

  c.command('plans', async (ctx) => {
    if (!hasRole(ctx, PLAN_ROLES)) return refuse(ctx, 'plans');
    if (ctx.chat.type !== 'private') return ctx.reply(ctx.t('plans.private_only'), HTML);
    if (hasRole(ctx, COORDINATION)) return show(ctx, await coordinatorList(ctx));
    if (!ctx.user?.agencyId) return ctx.reply(ctx.t('plans.err.no_agency'), HTML);
    return show(ctx, await focalList(ctx, ctx.user.agencyId));
  });

  c.action(callbackPattern(F), async (ctx) => {
    const cb = parseCallback('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    if (!cb || !hasRole(ctx, PLAN_ROLES)) return refuse(ctx, `plans:${cb?.action ?? '?'}`);
    const coordinator = hasRole(ctx, COORDINATION);
    const agencyId = ctx.user?.agencyId;
    if (!coordinator && !agencyId) return ctx.answerCbQuery(ctx.t('plans.err.no_agency'), { show_alert: true });
    switch (cb.action) {
      case 'l':
        await ctx.answerCbQuery();
        return show(ctx, coordinator ? await coordinatorList(ctx) : await focalList(ctx, agencyId!));
      case 'cl':
        if (!coordinator) return refuse(ctx, 'plans:closed');
        await ctx.answerCbQuery();
        return show(ctx, await coordinatorList(ctx, true));
      case 'nr':
      case 'np':
        if (!coordinator) return refuse(ctx, 'plans:new');
        await forms.start(ctx, cb.action === 'nr' ? PLAN_FORMS.request : PLAN_FORMS.programme, { origin: `${cb.action}:${ctx.callbackQuery.message?.message_id ?? 0}` });
        return ctx.answerCbQuery();
    }
    const plan = await ctx.deps.repos.plans.findById(idArg(cb.args[0]) ?? 0);
    // A status button carries the activity id; its plan is checked in focalAction.
    const target = cb.action === 's' ? await planOfActivity(ctx, idArg(cb.args[0])) : plan;
    if (!target) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    if (cb.action === 'v') {
      await ctx.answerCbQuery();
      if (coordinator) return show(ctx, await coordinatorPlan(ctx, target));
      if (target.kind === 'PROGRAMME' && !(await ctx.deps.repos.activities.listByPlan(target.id, { leadAgencyId: agencyId! })).length) return show(ctx, await focalList(ctx, agencyId!));
      return show(ctx, await focalPlan(ctx, target, agencyId!));
    }
    if (coordinator) return coordinatorAction(ctx, forms, cb.action, target);
    return focalAction(ctx, forms, cb.action, target, cb.args);
  });

  return c;
}

async function planOfActivity(ctx: LiaisonContext, activityId: number | null) {
  const a = activityId ? await ctx.deps.repos.activities.findById(activityId) : null;
  return a?.planId ? ctx.deps.repos.plans.findById(a.planId) : null;
}
