import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { DateTime } from 'luxon';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { COORDINATION, FOCAL_ONLY, hasRole, LEADERSHIP, refuse, roleAllows } from '../access.js';
import { defineCallbacks, ID, N } from '../keyboards/callbacks.js';
import { pageButtons, pageSlice } from '../keyboards/pagination.js';
import type { FormEngine, FormSpec, SubmitOutcome } from '../form-engine/index.js';
import { showView as show } from '../reply.js';
import { formatDate, truncate } from '../../domain/format.js';
import { localDateOf } from '../../domain/reminder-rules.js';
import { isoDateToUtcDate } from '../../domain/timing/index.js';
import { noticeAgencies } from '../../services/notices.js';

// /followups (docs/product.md#follow-ups: "phía Long Châu phản hồi trước 18/08/2022"): coordinators attach a
// deadline to an activity or a plan, with the agency responsible; that agency is told; it or a
// coordinator marks it done. Reminders and the digest's overdue list come from the rules engine.

const followUpButtons = defineCallbacks('fu', {
  list: ['l', { page: N }],
  new: ['n'],
  /** Done, from the list's page `page` (redrawn after). */
  done: ['d', { id: ID, page: N }],
  /** Undo a done. */
  reopen: ['r', { id: ID, page: N }],
});
const PAGE = 10;
const RECENT = 6;
export const FOLLOWUP_ROLES = [...FOCAL_ONLY, ...COORDINATION];
export const FOLLOWUP_FORM = 'followups.new';

type Button = InlineKeyboardButton.CallbackButton;
type FollowUp = Awaited<ReturnType<LiaisonContext['deps']['repos']['followUps']['listOpen']>>[number];

const refused: SubmitOutcome = { ok: false, message: 'error.not_allowed', keep: false };

function contextOf(f: Pick<FollowUp, 'activity' | 'plan'>): string {
  if (f.activity) return `${f.activity.reference} — ${truncate(f.activity.title, 80)}`;
  return f.plan ? truncate(f.plan.title, 80) : '';
}

/** The latest registered activities this user may see (focal points: their agency's). */
function recentActivities(ctx: LiaisonContext) {
  const agencyId = roleAllows(ctx.user, LEADERSHIP) ? undefined : (ctx.user?.agencyId ?? -1);
  return ctx.deps.repos.activities.listRecent({ take: RECENT, ...(agencyId !== undefined ? { agencyId } : {}) });
}

export function followUpFormSpec(): FormSpec {
  return {
    id: FOLLOWUP_FORM,
    title: (t, meta) =>
      meta.label ? t('followups.form_title_for', { label: String(meta.label) }) : t('followups.form_title'),
    submitLabel: 'followups.btn.create',
    fields: [
      {
        key: 'title',
        kind: 'text',
        label: 'followups.f.title',
        hint: 'followups.hint.title',
        required: true,
        max: 500,
      },
      {
        key: 'due',
        kind: 'date',
        label: 'followups.f.due',
        required: true,
        check: (v, c) => (String(v) < c.today ? { key: 'followups.err.due_past' } : null),
      },
      {
        key: 'responsible',
        kind: 'agency',
        label: 'followups.f.responsible',
        hint: 'followups.hint.responsible',
        required: false,
      },
      {
        key: 'activity',
        kind: 'text',
        label: 'followups.f.activity',
        hint: 'followups.hint.activity',
        required: false,
        max: 20,
        when: (_a, meta) => !meta.activityId && !meta.planId,
        check: async (v, c) =>
          (await c.ctx.deps.repos.activities.findByReference(String(v).trim()))
            ? null
            : { key: 'followups.err.activity_not_found', params: { reference: String(v).trim() } },
        // The latest activities as buttons: most follow-ups are about something just registered or received.
        suggest: async (c) =>
          (await recentActivities(c.ctx)).map((a) => ({
            value: a.reference,
            label: '',
            text: `${a.reference} · ${truncate(a.title, 40)}`,
          })),
      },
    ],
    async submit(ctx, answers, meta) {
      if (!roleAllows(ctx.user, COORDINATION)) return refused;
      const { repos, config } = ctx.deps;
      const now = ctx.deps.now();
      const due = String(answers.due);
      if (due < now.setZone(config.timezone).toISODate()!)
        return { ok: false, message: 'followups.err.due_past', keep: true };
      let activityId = typeof meta.activityId === 'number' ? meta.activityId : null;
      const planId = typeof meta.planId === 'number' ? meta.planId : null;
      if (planId && !(await repos.plans.findById(planId)))
        return { ok: false, message: 'plans.err.not_found', keep: false };
      if (activityId && !(await repos.activities.findById(activityId)))
        return {
          ok: false,
          message: 'followups.err.activity_not_found',
          params: { reference: String(meta.label ?? '') },
          keep: false,
        };
      if (typeof answers.activity === 'string' && answers.activity.trim()) {
        const reference = answers.activity.trim();
        const a = await repos.activities.findByReference(reference);
        if (!a) return { ok: false, message: 'followups.err.activity_not_found', params: { reference }, keep: true };
        activityId = a.id;
      }
      const responsibleId = typeof answers.responsible === 'number' ? answers.responsible : null;
      const agency = responsibleId ? await repos.agencies.findById(responsibleId) : null;
      if (responsibleId && !agency?.active) return { ok: false, message: 'plans.err.agency_inactive', keep: true };
      const f = await repos.followUps.create({
        title: String(answers.title),
        dueDate: isoDateToUtcDate(due),
        activityId,
        planId,
        responsibleAgencyId: responsibleId,
        createdById: ctx.user.id,
        createdAt: now.toJSDate(),
      });
      const dueText = formatDate(due, config.timezone);
      const context = contextOf(f);
      const told = responsibleId
        ? await noticeAgencies(
            ctx.deps,
            [responsibleId],
            {
              kind: 'notice.followup-assigned',
              key: `followup-assigned:${f.id}`,
              render: (t) =>
                t('followups.notice.assigned', {
                  title: f.title,
                  due: dueText,
                  context: { html: context ? t('followups.notice.context', { context }) : '' },
                }),
            },
            now,
          )
        : 0;
      ctx.deps.logger.info({ msg: 'followup-created', followUpId: f.id, activityId, planId, responsibleId, told });
      return {
        ok: true,
        message: 'followups.created',
        params: { title: f.title, due: dueText, agency: agency?.nameVi ?? ctx.t('followups.department'), told },
      };
    },
  };
}

/** Opens the follow-up form attached to an activity or a plan (the plan board's button, `/followups <reference>`). */
export async function startFollowUpForm(
  ctx: LiaisonContext,
  forms: FormEngine,
  target: { planId?: number; activityId?: number; title: string },
  origin?: string,
) {
  const meta = {
    ...(target.planId ? { planId: target.planId } : {}),
    ...(target.activityId ? { activityId: target.activityId } : {}),
    label: target.title,
  };
  return forms.start(ctx, FOLLOWUP_FORM, { meta, ...(origin ? { origin } : {}) });
}

function dueLabel(f: FollowUp, ctx: LiaisonContext): string {
  const zone = ctx.deps.config.timezone;
  const iso = localDateOf(f.dueDate, zone);
  const today = DateTime.fromISO(ctx.deps.now().setZone(zone).toISODate()!, { zone });
  const days = Math.round(DateTime.fromISO(iso, { zone }).diff(today, 'days').days);
  const date = formatDate(iso, zone);
  if (days < 0) return ctx.t('followups.overdue', { date, days: -days });
  if (days === 0) return ctx.t('followups.due_today', { date });
  return ctx.t('followups.due_in', { date, days });
}

async function listView(ctx: LiaisonContext, page: number, note?: { text: string; undoId?: number }) {
  const coordinator = hasRole(ctx, COORDINATION);
  const agencyId = ctx.user?.agencyId ?? undefined;
  const all = await ctx.deps.repos.followUps.listOpen(coordinator ? {} : { agencyId });
  const { items, ...at } = pageSlice(all, page, PAGE);
  const p = at.page;
  const lines = [
    ctx.t(coordinator ? 'followups.title' : 'followups.title_agency', {
      count: all.length,
      agency: ctx.user?.agency?.nameVi ?? '',
    }),
  ];
  if (all.length === 0) lines.push(ctx.t('followups.empty'));
  items.forEach((f, i) => {
    const context = contextOf(f);
    lines.push(
      ctx.t('followups.line', {
        n: p * PAGE + i + 1,
        title: truncate(f.title, 200),
        agency: f.responsibleAgency?.code ?? ctx.t('followups.department'),
        due: { html: dueLabel(f, ctx) },
        context: { html: context ? ctx.t('followups.line_context', { context }) : '' },
      }),
    );
  });
  if (note) lines.push('', note.text);
  const rows: Button[][] = [];
  const done = items.map((f, i) =>
    Markup.button.callback(
      ctx.t('followups.btn.done', { n: p * PAGE + i + 1 }),
      followUpButtons.encode('done', { id: f.id, page: p }),
    ),
  );
  for (let i = 0; i < done.length; i += 5) rows.push(done.slice(i, i + 5));
  const nav = pageButtons(at, (page) => followUpButtons.encode('list', { page }), { counter: true });
  if (nav.length) rows.push(nav);
  if (note?.undoId)
    rows.push([
      Markup.button.callback(
        ctx.t('followups.btn.undo'),
        followUpButtons.encode('reopen', { id: note.undoId, page: p }),
      ),
    ]);
  if (coordinator) rows.push([Markup.button.callback(ctx.t('followups.btn.new'), followUpButtons.encode('new'))]);
  return { text: lines.join('\n'), rows };
}

/** May this user close or reopen the follow-up: a coordinator, or a focal point of the responsible agency. */
function mayAct(ctx: LiaisonContext, f: { responsibleAgencyId: number | null }): boolean {
  if (hasRole(ctx, COORDINATION)) return true;
  return hasRole(ctx, FOCAL_ONLY) && f.responsibleAgencyId !== null && f.responsibleAgencyId === ctx.user?.agencyId;
}

export function followUpsFeature(forms: FormEngine) {
  const c = new FlatComposer<RegisteredContext>();

  c.command('followups', async (ctx) => {
    if (!hasRole(ctx, FOLLOWUP_ROLES)) return refuse(ctx, 'followups');
    if (ctx.chat.type !== 'private') return ctx.reply(ctx.t('plans.private_only'));
    const arg = ctx.payload.trim();
    if (!arg) {
      if (!hasRole(ctx, COORDINATION) && !ctx.user?.agencyId) return ctx.reply(ctx.t('plans.err.no_agency'));
      return show(ctx, await listView(ctx, 0));
    }
    if (!hasRole(ctx, COORDINATION)) return ctx.reply(ctx.t('followups.usage_focal'));
    if (arg.length > 20 || !/^\d{4}-\d{1,6}$/.test(arg)) return ctx.reply(ctx.t('followups.usage'));
    const a = await ctx.deps.repos.activities.findByReference(arg);
    if (!a) return ctx.reply(ctx.t('followups.err.activity_not_found', { reference: arg }));
    await startFollowUpForm(
      ctx,
      forms,
      { activityId: a.id, title: `${a.reference} — ${truncate(a.title, 80)}` },
      `fu:${ctx.message.message_id}`,
    );
  });

  c.action(followUpButtons.pattern, async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    if (!hasRole(ctx, FOLLOWUP_ROLES)) return refuse(ctx, `followups:${data?.split(':')[1] ?? '?'}`);
    const cb = followUpButtons.decode(data);
    const { repos, logger } = ctx.deps;
    switch (cb?.action) {
      case 'list':
        await ctx.answerCbQuery();
        return show(ctx, await listView(ctx, cb.page));
      case 'new':
        if (!hasRole(ctx, COORDINATION)) return refuse(ctx, 'followups:new');
        await forms.start(ctx, FOLLOWUP_FORM, { origin: `fun:${ctx.callbackQuery.message?.message_id ?? 0}` });
        return ctx.answerCbQuery();
      case 'done':
      case 'reopen': {
        const f = await repos.followUps.findById(cb.id);
        if (!f) return ctx.answerCbQuery(ctx.t('error.stale_button'));
        const isDone = cb.action === 'done';
        if (!mayAct(ctx, f)) return refuse(ctx, `followups:${isDone ? 'd' : 'r'}`);
        const now = ctx.deps.now().toJSDate();
        const changed = isDone
          ? await repos.followUps.markDone(f.id, { userId: ctx.user.id, now })
          : await repos.followUps.reopen(f.id);
        if (!changed) {
          await ctx.answerCbQuery(ctx.t(isDone ? 'followups.already_done' : 'followups.already_open'));
          return show(ctx, await listView(ctx, cb.page));
        }
        logger.info({ msg: isDone ? 'followup-done' : 'followup-reopened', followUpId: f.id, byUserId: ctx.user.id });
        await ctx.answerCbQuery(ctx.t(isDone ? 'followups.done_ok' : 'followups.reopened_ok'));
        const note = isDone
          ? { text: ctx.t('followups.done_note', { title: truncate(f.title, 200) }), undoId: f.id }
          : undefined;
        return show(ctx, await listView(ctx, cb.page, note));
      }
    }
    return ctx.answerCbQuery(ctx.t('error.stale_button'));
  });
  return c;
}
