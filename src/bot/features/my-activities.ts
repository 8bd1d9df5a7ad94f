import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { ActivityStatus, ActivityType } from '../../domain/enums.js';
import {
  allowedActions,
  canPerform,
  notStartedBy,
  sourceStatuses,
  TAKEN_PLACE_ACTIONS,
  type ActivityAction,
} from '../../domain/activity-status.js';
import { formatDate, TELEGRAM_MAX_MESSAGE, truncate } from '../../domain/format.js';
import { formatMoney } from '../../domain/money.js';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { showView, type View } from '../reply.js';
import { pageButtons, pageOf } from '../keyboards/pagination.js';
import { FOCAL_ONLY, requireRole } from '../access.js';
import { defineCallbacks, ID, N } from '../keyboards/callbacks.js';
import { activityTiming, type CardActivity } from '../views/activity-card.js';
import { renderFullCard } from '../views/full-card.js';
import type { FormEngine } from '../form-engine/index.js';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from '../../domain/enums.js';
import { withBoardButton } from '../board-link.js';
import { changeActivityFormId, editActivityFormId, editStart } from './activity-forms/specs.js';
import { pendingChangeRequest } from '../../services/change-requests.js';
import { STATUS_FORMS, statusFormStart } from './activity-forms/status-specs.js';

const PAGE_SIZE = 5;
/**
 * What /my offers on a card, in this order (approval is /review's). `edit` before approval and
 * `requestChange` after it open the same form; both save through submitEdit, which decides.
 */
const MY_ACTIONS = [
  'edit',
  'requestChange',
  'resubmit',
  'markDone',
  'report',
  'postpone',
  'cancel',
] as const satisfies readonly ActivityAction[];
type MyAction = (typeof MY_ACTIONS)[number];
/** A filter on the wire: '-' for none. */
const ANY_STATUS = ['-', ...ACTIVITY_STATUSES] as const;
const ANY_TYPE = ['-', ...ACTIVITY_TYPES] as const;

const myButtons = defineCallbacks('my', {
  list: ['l', { page: N, status: ANY_STATUS, type: ANY_TYPE }],
  /** The status filter's choices, keeping the type filter. */
  filterStatus: ['fs', { type: ANY_TYPE }],
  /** The type filter's choices, keeping the status filter. */
  filterType: ['ft', { status: ANY_STATUS }],
  view: ['v', { id: ID }],
  action: ['a', { id: ID, do: MY_ACTIONS }],
  confirmDone: ['dy', { id: ID }],
});

interface ListQuery {
  page: number;
  status: ActivityStatus | null;
  type: ActivityType | null;
}

const listData = (q: ListQuery) =>
  myButtons.encode('list', { page: q.page, status: q.status ?? '-', type: q.type ?? '-' });
const orNull = <T extends string>(v: T | '-'): T | null => (v === '-' ? null : v);
type Button = InlineKeyboardButton.CallbackButton;

async function renderList(ctx: RegisteredContext, q: ListQuery): Promise<{ text: string; rows: Button[][] }> {
  const agencyId = ctx.user.agencyId!;
  const first = await ctx.deps.repos.activities.listByAgency(agencyId, {
    ...(q.status ? { status: [q.status] } : {}),
    ...(q.type ? { type: q.type } : {}),
    skip: q.page * PAGE_SIZE,
    take: PAGE_SIZE,
  });
  const at = pageOf(first.total, q.page, PAGE_SIZE);
  const { page, pages } = at;
  const { items, total } =
    page === q.page
      ? first
      : await ctx.deps.repos.activities.listByAgency(agencyId, {
          ...(q.status ? { status: [q.status] } : {}),
          ...(q.type ? { type: q.type } : {}),
          skip: page * PAGE_SIZE,
          take: PAGE_SIZE,
        });
  const filters = [
    q.status ? ctx.t(`activity.status.${q.status}`) : null,
    q.type ? ctx.t(`activity.type.${q.type}`) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const lines = [ctx.t('my.list.title', { agency: ctx.user.agency?.nameVi ?? '', total })];
  if (filters) lines.push(ctx.t('my.list.filtered', { filters }));
  if (total === 0) lines.push('', ctx.t(filters ? 'my.list.empty_filtered' : 'my.list.empty'));
  else lines.push(ctx.t('my.list.page', { page: page + 1, pages }), '');
  for (const a of items) {
    lines.push(
      ctx.t('my.list.item', {
        reference: a.reference,
        type: ctx.t(`activity.type.${a.type}`),
        status: ctx.t(`activity.status.${a.status}`),
        title: truncate(a.title, 120),
        timing: activityTiming(a, ctx.locale),
      }),
    );
  }
  const rows: Button[][] = [];
  const open = items.map((a) => Markup.button.callback(`📄 ${a.reference}`, myButtons.encode('view', { id: a.id })));
  for (let i = 0; i < open.length; i += 3) rows.push(open.slice(i, i + 3));
  const nav = pageButtons(at, (n) => listData({ ...q, page: n }), { prev: '◀️', next: '▶️' });
  if (nav.length) rows.push(nav);
  rows.push([
    Markup.button.callback(ctx.t('my.btn.filter_status'), myButtons.encode('filterStatus', { type: q.type ?? '-' })),
    Markup.button.callback(ctx.t('my.btn.filter_type'), myButtons.encode('filterType', { status: q.status ?? '-' })),
  ]);
  if (filters)
    rows.push([Markup.button.callback(ctx.t('my.btn.clear_filters'), listData({ page: 0, status: null, type: null }))]);
  return { text: lines.join('\n'), rows };
}

function filterKeyboard(
  ctx: LiaisonContext,
  filter: { type: ActivityType | null } | { status: ActivityStatus | null },
): Button[][] {
  const rows: Button[][] = [];
  if ('type' in filter) {
    const { type } = filter;
    for (const s of ACTIVITY_STATUSES)
      rows.push([Markup.button.callback(ctx.t(`activity.status.${s}`), listData({ page: 0, status: s, type }))]);
    rows.push([Markup.button.callback(ctx.t('my.btn.all'), listData({ page: 0, status: null, type }))]);
  } else {
    const { status } = filter;
    for (const t of ACTIVITY_TYPES)
      rows.push([Markup.button.callback(ctx.t(`activity.type.${t}`), listData({ page: 0, status, type: t }))]);
    rows.push([Markup.button.callback(ctx.t('my.btn.all'), listData({ page: 0, status, type: null }))]);
  }
  return rows;
}

/** The activity, if it is the user's agency's (another agency's record is "not found"). */
async function ownActivity(ctx: LiaisonContext, id: number): Promise<CardActivity | null> {
  if (!ctx.user?.agencyId) return null;
  const a = await ctx.deps.repos.activities.findById(id);
  return a && a.leadAgencyId === ctx.user.agencyId ? a : null;
}

/** The post-activity report, once given. */
function reportRows(ctx: LiaisonContext, a: CardActivity): { label: string; value: string }[] {
  const r = (a.report && typeof a.report === 'object' ? a.report : {}) as {
    results?: unknown;
    actualMembers?: unknown;
    actualCostVnd?: unknown;
  };
  const rows: { label: string; value: string }[] = [];
  if (typeof r.results === 'string') rows.push({ label: ctx.t('my.f.results'), value: r.results });
  if (typeof r.actualMembers === 'number')
    rows.push({ label: ctx.t('my.f.actualMembers'), value: String(r.actualMembers) });
  if (typeof r.actualCostVnd === 'string' && /^\d+$/.test(r.actualCostVnd))
    rows.push({ label: ctx.t('my.f.actualCost'), value: formatMoney(BigInt(r.actualCostVnd), ctx.locale) });
  return rows;
}

async function renderCard(
  engine: FormEngine,
  ctx: LiaisonContext,
  a: CardActivity,
): Promise<{ text: string; rows: InlineKeyboardButton[][] }> {
  const env = await engine.renderEnv(ctx);
  const history = await ctx.deps.repos.activities.history(a.id);
  const pending = await pendingChangeRequest(ctx.deps.repos, a.id);
  const zone = ctx.deps.config.timezone;
  const note = pending
    ? `\n\n${ctx.t('my.change_pending_note', { id: pending.id, date: formatDate(pending.createdAt, zone, ctx.locale) })}`
    : '';
  const budget = TELEGRAM_MAX_MESSAGE - note.length;
  const opts = {
    t: ctx.t,
    locale: ctx.locale,
    zone,
    agencyName: (id: number) => env.agencyName(id),
    choices: env.choices,
    extraRows: reportRows(ctx, a),
  };
  let text = renderFullCard(a, { ...opts, history });
  for (let keep = history.length - 5; text.length > budget - 50 && keep >= 0; keep -= 5)
    text = renderFullCard(a, { ...opts, history: history.slice(0, keep) });
  if (text.length > budget) text = truncate(renderFullCard(a, opts), budget);
  text += note;
  // One change request at a time: while one is pending, the card says so instead of offering another.
  const allowed = allowedActions(a.status, 'FOCAL', a.type);
  const actions = MY_ACTIONS.filter((x) => allowed.includes(x) && !(x === 'requestChange' && pending));
  const buttons = actions.map((x) =>
    Markup.button.callback(ctx.t(`my.action.${x}`), myButtons.encode('action', { id: a.id, do: x })),
  );
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  rows.push([Markup.button.callback(ctx.t('my.btn.back_to_list'), listData({ page: 0, status: null, type: null }))]);
  return withBoardButton(ctx, { text, rows: rows }, a.reference);
}

const show = (ctx: LiaisonContext, view: View, edit: boolean) => showView(ctx, view, { edit });

/** Done or reported before its first day: refused, with the day (null when it has started). */
export function notStartedYet(ctx: LiaisonContext, a: Pick<CardActivity, 'startDate'>): string | null {
  const start = notStartedBy(a, ctx.deps.now().setZone(ctx.deps.config.timezone).toISODate()!);
  return start ? ctx.t('my.not_started', { date: start.split('-').reverse().join('/') }) : null;
}

async function onAction(engine: FormEngine, ctx: LiaisonContext, a: CardActivity, action: MyAction) {
  if (!canPerform(action, a.status, 'FOCAL', a.type)) {
    return ctx.answerCbQuery(ctx.t('my.action_closed', { status: ctx.t(`activity.status.${a.status}`) }), {
      show_alert: true,
    });
  }
  const notYet = TAKEN_PLACE_ACTIONS.includes(action) ? notStartedYet(ctx, a) : null;
  if (notYet) return ctx.answerCbQuery(notYet, { show_alert: true });
  if (action === 'requestChange') {
    const pending = await pendingChangeRequest(ctx.deps.repos, a.id);
    if (pending) return ctx.answerCbQuery(ctx.t('my.change_pending_alert', { id: pending.id }), { show_alert: true });
  }
  await ctx.answerCbQuery();
  const origin = `my:${a.id}:${action}:${ctx.callbackQuery?.message?.message_id ?? 0}`;
  if (action === 'edit') return engine.start(ctx, editActivityFormId(a.type), { ...editStart(a), origin });
  if (action === 'requestChange') return engine.start(ctx, changeActivityFormId(a.type), { ...editStart(a), origin });
  if (action === 'markDone') {
    const rows = [
      [
        Markup.button.callback(ctx.t('my.btn.confirm_done'), myButtons.encode('confirmDone', { id: a.id })),
        Markup.button.callback(ctx.t('my.btn.not_now'), myButtons.encode('view', { id: a.id })),
      ],
    ];
    return ctx.reply(ctx.t('my.done_confirm', { reference: a.reference, title: truncate(a.title, 200) }), {
      reply_markup: { inline_keyboard: rows },
    });
  }
  return engine.start(ctx, STATUS_FORMS[action], { ...statusFormStart(action, a), origin });
}

/** /my: the agency's activities (paginated, filtered by status/type), each card with its history and actions. */
export function myActivitiesFeature(engine: FormEngine) {
  const c = new FlatComposer<RegisteredContext>();
  c.command('my', requireRole(FOCAL_ONLY, 'my'), async (ctx) => {
    if (!ctx.user?.agencyId) return ctx.reply(ctx.t('forms.no_agency'));
    await show(ctx, await renderList(ctx, { page: 0, status: null, type: null }), false);
  });

  c.action(myButtons.pattern, requireRole(FOCAL_ONLY, 'my'), async (ctx) => {
    const cb = myButtons.decode(ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    if (!cb || !ctx.user?.agencyId) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    if (cb.action === 'list') {
      await ctx.answerCbQuery();
      return show(
        ctx,
        await renderList(ctx, { page: cb.page, status: orNull(cb.status), type: orNull(cb.type) }),
        true,
      );
    }
    if (cb.action === 'filterStatus' || cb.action === 'filterType') {
      await ctx.answerCbQuery();
      const filter = cb.action === 'filterStatus' ? { type: orNull(cb.type) } : { status: orNull(cb.status) };
      return show(
        ctx,
        {
          text: ctx.t(cb.action === 'filterStatus' ? 'my.filter.status' : 'my.filter.type'),
          rows: filterKeyboard(ctx, filter),
        },
        true,
      );
    }
    const { action } = cb;
    const a = await ownActivity(ctx, cb.id);
    if (!a) {
      ctx.deps.logger.warn({ msg: 'my-activity-refused', action: myButtons.actions[action][0], userId: ctx.user.id });
      return ctx.answerCbQuery(ctx.t('my.not_found'), { show_alert: true });
    }
    if (action === 'view') {
      await ctx.answerCbQuery();
      return show(ctx, await renderCard(engine, ctx, a), true);
    }
    if (action === 'action') return onAction(engine, ctx, a, cb.do);
    if (action === 'confirmDone') {
      if (!canPerform('markDone', a.status, 'FOCAL', a.type))
        return ctx.answerCbQuery(ctx.t('my.action_closed', { status: ctx.t(`activity.status.${a.status}`) }), {
          show_alert: true,
        });
      const notYet = notStartedYet(ctx, a);
      if (notYet) return ctx.answerCbQuery(notYet, { show_alert: true });
      const done = await ctx.deps.repos.activities.transition(a.id, sourceStatuses('markDone', a.type), 'DONE', {
        userId: ctx.user.id,
        now: ctx.deps.now().toJSDate(),
      });
      await ctx.answerCbQuery();
      if (!done) return ctx.reply(ctx.t('my.changed_meanwhile'));
      await show(ctx, { text: ctx.t('my.done', { reference: a.reference }), rows: [] }, true);
      return show(ctx, await renderCard(engine, ctx, done), false);
    }
    return ctx.answerCbQuery(ctx.t('error.stale_button'));
  });
  return c;
}
