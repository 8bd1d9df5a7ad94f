import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { canSeeActivity, COORDINATION, FOCAL_ONLY, hasRole, LEADERSHIP } from '../access.js';
import { defineCallbacks, ID, N } from '../keyboards/callbacks.js';
import { pageButtons, pageSlice } from '../keyboards/pagination.js';
import { showView, type View } from '../reply.js';
import { withBoardButton } from '../board-link.js';
import type { CardActivity } from '../views/activity-card.js';
import { renderFullCard } from '../views/full-card.js';
import { decisionButton } from './review.js';
import { canPerform, needsDecision, type ActivityAction } from '../../domain/activity-status.js';
import { settingChoices, type FormEngine } from '../form-engine/index.js';
import { editActivityFormId, editStart } from './activity-forms/specs.js';
import { STATUS_FORMS, statusFormStart } from './activity-forms/status-specs.js';
import { filterRows, indexRows, type BoardFilter, type BoardRow } from '../../domain/board.js';
import { countryName } from '../../domain/countries.js';
import { escapeHtml, TELEGRAM_MAX_MESSAGE, truncate } from '../../domain/format.js';
import { parseFindQuery, referencesIn, type FindQuery } from '../../domain/find-query.js';
import { loadBoardRows } from '../../services/board-rows.js';

// Finding (docs/product.md#conversations): a reference number typed anywhere opens its full card for whoever may see it
// (focal points: their agency's; coordinators, heads, admins: all); /find searches title, partner,
// place, agency and country without diacritics mattering, with type/status/agency/period filters.

const PAGE = 8;
const ROMAN = ['I', 'II', 'III', 'IV'];

/** The last query of each user, for the page buttons: stored, so a restart or another instance turns its pages too. */
const QUERY_KEY = 'find.query';
const QUERY_KEEP_DAYS = 7;

const findButtons = defineCallbacks('fd', {
  page: ['p', { page: N }],
  open: ['o', { id: ID }],
  edit: ['ed', { id: ID }],
  postpone: ['pp', { id: ID }],
  cancel: ['cx', { id: ID }],
});

/** What a coordinator may do from the card on the agency's behalf: each is its own button. */
const BEHALF_ACTIONS = ['edit', 'postpone', 'cancel'] as const satisfies readonly ActivityAction[];
type BehalfAction = (typeof BEHALF_ACTIONS)[number];

function scopeOf(ctx: LiaisonContext): { all: true } | { agencyId: number } | null {
  if (hasRole(ctx, LEADERSHIP)) return { all: true };
  if (hasRole(ctx, FOCAL_ONLY) && ctx.user?.agencyId) return { agencyId: ctx.user.agencyId };
  return null;
}

/** What was searched, in words: the empty result says it. */
function describe(ctx: LiaisonContext, q: FindQuery): string {
  const parts: string[] = [];
  if (q.words) parts.push(ctx.t('find.what.words', { words: escapeHtml(q.words) }));
  if (q.types.length)
    parts.push(ctx.t('find.what.type', { types: q.types.map((x) => ctx.t(`activity.type.${x}`)).join(', ') }));
  if (q.statuses.length)
    parts.push(
      ctx.t('find.what.status', { statuses: q.statuses.map((x) => ctx.t(`activity.status.${x}`)).join(', ') }),
    );
  if (q.agencyCode) parts.push(ctx.t('find.what.agency', { code: escapeHtml(q.agencyCode) }));
  if (q.period) {
    const p = q.period;
    const when = p.quarter
      ? ctx.t('find.period.quarter', { q: ROMAN[p.quarter - 1]!, year: p.year })
      : p.month
        ? ctx.t('find.period.month', { month: p.month, year: p.year })
        : ctx.t('find.period.year', { year: p.year });
    parts.push(ctx.t('find.what.period', { period: when }));
  }
  return parts.join('; ');
}

async function search(ctx: LiaisonContext, text: string): Promise<{ q: FindQuery; rows: BoardRow[] }> {
  const scope = scopeOf(ctx);
  const agencies = await ctx.deps.repos.agencies.list();
  const q = parseFindQuery(
    text,
    agencies.map((a) => a.code),
  );
  if (!scope) return { q, rows: [] };
  const rows = await loadBoardRows(ctx.deps.repos, scope, ctx.locale);
  const agency = q.agencyCode ? agencies.find((a) => a.code === q.agencyCode) : undefined;
  const filter: BoardFilter = {
    ...(q.period
      ? {
          year: q.period.year,
          ...(q.period.quarter ? { quarter: q.period.quarter } : {}),
          ...(q.period.month ? { month: q.period.month } : {}),
        }
      : {}),
    types: q.types,
    statuses: q.statuses,
    ...(agency ? { agency: agency.id } : {}),
    ...(q.words ? { q: q.words } : {}),
  };
  const names = new Map(agencies.map((a) => [a.id, `${a.code} ${a.nameVi} ${a.nameEn ?? ''}`]));
  // Country names in both languages: "Nhật Bản" and "Japan" find the same activities.
  const index = q.words
    ? indexRows(rows, {
        agency: (id) => names.get(id) ?? '',
        country: (c) => `${countryName(c, 'vi')} ${countryName(c, 'en')}`,
      })
    : undefined;
  const found = filterRows(rows, filter, index).sort((a, b) => b.ref.localeCompare(a.ref));
  return { q, rows: found };
}

async function resultsView(ctx: LiaisonContext, text: string, page: number): Promise<View> {
  const { q, rows } = await search(ctx, text);
  const what = describe(ctx, q) || ctx.t('find.what.all');
  if (!rows.length) return { text: ctx.t('find.none', { what }), rows: [] };
  const { items: slice, ...at } = pageSlice(rows, page, PAGE);
  const lines = [
    ctx.t('find.results', { count: rows.length, what, page: at.page + 1, pages: at.pages }),
    '',
    ...slice.map((r) =>
      ctx.t('find.line', {
        ref: r.ref,
        type: ctx.t(`activity.type.${r.type}`),
        title: escapeHtml(truncate(r.title, 90)),
        timing: escapeHtml(r.timing),
        status: ctx.t(`activity.status.${r.status}`),
      }),
    ),
  ];
  const buttons = slice.map((r) => Markup.button.callback(`📄 ${r.ref}`, findButtons.encode('open', { id: r.id })));
  const keyboard: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += 4) keyboard.push(buttons.slice(i, i + 4));
  const nav = pageButtons(at, (n) => findButtons.encode('page', { page: n }), { prev: '◀️', next: '▶️' });
  if (nav.length) keyboard.push(nav);
  // The whole list, sortable and filterable, is a tap away on the plan board.
  return withBoardButton(ctx, { text: lines.join('\n'), rows: keyboard });
}

/** The full card of an activity the user may see, with what this user can do on it. */
export async function cardView(ctx: RegisteredContext, a: CardActivity): Promise<View> {
  const { repos, config } = ctx.deps;
  const [history, agencies, choices] = await Promise.all([
    repos.activities.history(a.id),
    repos.agencies.list(),
    settingChoices(ctx),
  ]);
  const names = new Map(agencies.map((x) => [x.id, ctx.locale === 'en' && x.nameEn ? x.nameEn : x.nameVi]));
  const codes = new Map(agencies.map((x) => [x.id, x.code]));
  const opts = {
    t: ctx.t,
    locale: ctx.locale,
    zone: config.timezone,
    agencyCodes: codes,
    agencyName: (id: number) => names.get(id) ?? `#${id}`,
    choices,
  };
  let text = renderFullCard(a, { ...opts, history });
  for (let keep = history.length - 5; text.length > TELEGRAM_MAX_MESSAGE - 200 && keep >= 0; keep -= 5)
    text = renderFullCard(a, { ...opts, history: history.slice(0, keep) });
  if (text.length > TELEGRAM_MAX_MESSAGE - 200) text = truncate(renderFullCard(a, opts), TELEGRAM_MAX_MESSAGE - 200);
  const rows: InlineKeyboardButton[][] = [];
  if (hasRole(ctx, COORDINATION)) {
    if (a.status === 'AGREED' && needsDecision(a.type)) rows.push([decisionButton(ctx, a.id)]);
    // On the agency's behalf (docs/product.md#lifecycle): the history says so and its focal points are told.
    const acts = BEHALF_ACTIONS.filter((action) => canPerform(action, a.status, ctx.user.role, a.type));
    if (acts.length)
      rows.push(
        acts.map((action) =>
          Markup.button.callback(ctx.t(`find.behalf.btn.${action}`), findButtons.encode(action, { id: a.id })),
        ),
      );
  }
  return withBoardButton(ctx, { text, rows }, a.reference);
}

/** Opens one activity by reference (or id) for this user, or says it cannot (also the digest's links, through /start). */
export async function openActivity(ctx: RegisteredContext, ref: { reference?: string; id?: number }) {
  const { activities } = ctx.deps.repos;
  const a = ref.id ? await activities.findById(ref.id) : await activities.findByReference(ref.reference!);
  // Another agency's activity is answered like a missing one: its existence is not the focal point's to know.
  if (!a || a.status === 'DRAFT' || !canSeeActivity(ctx.user, a)) {
    return ctx.reply(ctx.t('find.not_found', { ref: escapeHtml(ref.reference ?? a?.reference ?? '') }));
  }
  return showView(ctx, await cardView(ctx, a), { edit: false });
}

/** A coordinator acting on the agency's behalf from the card: the form of /my, marked as such. */
async function onBehalf(ctx: RegisteredContext, forms: FormEngine, action: BehalfAction, id: number) {
  const a = await ctx.deps.repos.activities.findById(id);
  if (!a || !hasRole(ctx, COORDINATION)) return ctx.answerCbQuery(ctx.t('error.stale_button'));
  if (!canPerform(action, a.status, ctx.user.role, a.type))
    return ctx.answerCbQuery(ctx.t('my.action_closed', { status: ctx.t(`activity.status.${a.status}`) }), {
      show_alert: true,
    });
  await ctx.answerCbQuery();
  if (action === 'edit') {
    const start = editStart(a);
    return forms.start(ctx, editActivityFormId(a.type), { ...start, meta: { ...start.meta, behalf: true } });
  }
  const start = statusFormStart(action, a);
  return forms.start(ctx, STATUS_FORMS[action], { ...start, meta: { ...start.meta, behalf: true } });
}

export function findFeature(forms: FormEngine) {
  const c = new FlatComposer<RegisteredContext>();

  c.command('find', async (ctx) => {
    const text = ctx.message.text.replace(/^\/\S+\s*/, '').trim();
    if (!text) return ctx.reply(ctx.t('find.usage'));
    const refs = referencesIn(text);
    if (refs.length && text.replace(/\d{4}-\d{3,5}/g, '').trim() === '') {
      for (const reference of refs.slice(0, 3)) await openActivity(ctx, { reference });
      return;
    }
    await ctx.deps.repos.userStates.put(
      ctx.user.id,
      QUERY_KEY,
      text,
      ctx.deps.now().plus({ days: QUERY_KEEP_DAYS }).toJSDate(),
    );
    return showView(ctx, await resultsView(ctx, text, 0), { edit: false });
  });

  c.action(findButtons.pattern, async (ctx) => {
    const cb = findButtons.decode('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    if (!cb) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    if (cb.action === 'page') {
      const text = await ctx.deps.repos.userStates.get<string>(ctx.user.id, QUERY_KEY, ctx.deps.now().toJSDate());
      if (!text) return ctx.answerCbQuery(ctx.t('find.search_again'), { show_alert: true });
      await ctx.answerCbQuery();
      return showView(ctx, await resultsView(ctx, text, cb.page), { edit: true });
    }
    if (cb.action === 'open') {
      await ctx.answerCbQuery();
      return openActivity(ctx, { id: cb.id });
    }
    return onBehalf(ctx, forms, cb.action, cb.id);
  });

  // A reference number typed anywhere outside a form (also inside a sentence) opens its card.
  c.on('text', async (ctx, next) => {
    if (ctx.chat.type !== 'private' || ctx.message.text.startsWith('/') || !ctx.user?.role) return next();
    const refs = referencesIn(ctx.message.text);
    if (!refs.length) return next();
    for (const reference of refs.slice(0, 3)) await openActivity(ctx, { reference });
  });
  return c;
}
