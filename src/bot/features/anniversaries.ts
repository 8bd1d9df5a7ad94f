import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { DateTime } from 'luxon';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { COORDINATION, hasRole, refuse } from '../access.js';
import { defineCallbacks, ID, N } from '../keyboards/callbacks.js';
import type { FormEngine } from '../form-engine/index.js';
import { showView as show } from '../reply.js';
import { pageButtons, pageSlice } from '../keyboards/pagination.js';
import { ANNIVERSARY_FORMS, dmy } from './anniversary-forms.js';
import { renderActivityCompact } from '../views/activity-card.js';
import { countryName } from '../../domain/countries.js';
import { formatDate, truncate } from '../../domain/format.js';
import {
  anniversaryTitle,
  letterProposals,
  letterReason,
  type Anniversary,
  type AnniversaryOccurrence,
} from '../../domain/anniversaries.js';
import { timingToColumns } from '../../domain/timing/index.js';

// /anniversaries: the calendar of diplomatic dates (seeded with the dates of docs/product.md#anniversaries, then edited here), the
// congratulatory letters it proposes ahead of round anniversaries and national days, and the
// button that turns a proposal into a LETTER activity. Reminders 15 and 5 days before come from
// the rules engine.

const anniversaryButtons = defineCallbacks('an', {
  main: ['m'],
  editList: ['e', { page: N }],
  add: ['n'],
  letter: ['c', { id: ID, year: N }],
  open: ['v', { id: ID }],
  toggle: ['t', { id: ID }],
  edit: ['ed', { id: ID }],
});
/** Proposals shown this many days ahead. */
export const PROPOSAL_DAYS = 60;
const EDIT_PAGE = 8;

type Button = InlineKeyboardButton.CallbackButton;
type Row = Awaited<ReturnType<LiaisonContext['deps']['repos']['calendar']['listAnniversaries']>>[number];

const btn = (text: string, data: string) => Markup.button.callback(text, data);
const data = anniversaryButtons.encode;
const toDomain = (a: Row): Anniversary => ({ ...a, nameEn: a.nameEn ?? a.nameVi });
const sourceRef = (key: string, year: number) => `anniversary:${key}:${year}`;

async function mainView(ctx: LiaisonContext): Promise<{ text: string; rows: Button[][] }> {
  const { repos, config } = ctx.deps;
  const zone = config.timezone;
  const now = ctx.deps.now().setZone(zone);
  const all = await repos.calendar.listAnniversaries();
  const active = all.filter((a) => a.active);
  const proposals = letterProposals(active.map(toDomain), now, { horizonDays: PROPOSAL_DAYS });
  const lines = [ctx.t('anniversaries.title'), '', ctx.t('anniversaries.proposals', { days: PROPOSAL_DAYS })];
  const rows: Button[][] = [];
  if (proposals.length === 0) lines.push(ctx.t('anniversaries.no_proposals'));
  for (const p of proposals) {
    const row = active.find((a) => a.key === p.occurrence.anniversary.key)!;
    const existing = await repos.activities.findBySourceRef(sourceRef(row.key, p.occurrence.date.year));
    const title = ctx.locale === 'en' ? p.titleEn : p.titleVi;
    const date = formatDate(p.occurrence.date, zone);
    lines.push(
      existing
        ? ctx.t('anniversaries.proposal_done', { date, title, reference: existing.reference })
        : ctx.t('anniversaries.proposal', { date, title, reason: ctx.t(`anniversaries.reason.${p.reason}`) }),
    );
    if (!existing)
      rows.push([
        btn(
          ctx.t('anniversaries.btn.letter', {
            date: p.occurrence.date.toFormat('dd/MM'),
            country: countryName(row.countryCode, ctx.locale),
          }),
          data('letter', { id: row.id, year: p.occurrence.date.year }),
        ),
      ]);
  }
  lines.push('', ctx.t('anniversaries.calendar', { count: all.length }));
  all.forEach((a, i) => {
    const name = ctx.locale === 'en' && a.nameEn ? a.nameEn : a.nameVi;
    lines.push(
      ctx.t(a.active ? 'anniversaries.line' : 'anniversaries.line_inactive', {
        n: i + 1,
        date: dmy(a),
        name: truncate(name, 120),
        country: countryName(a.countryCode, ctx.locale),
        kind: ctx.t(`anniversaries.kind.${a.kind}`),
      }),
    );
  });
  rows.push([
    btn(ctx.t('anniversaries.btn.edit_list'), data('editList', { page: 0 })),
    btn(ctx.t('anniversaries.btn.add'), data('add')),
  ]);
  return { text: lines.join('\n'), rows };
}

async function editList(ctx: LiaisonContext, page: number) {
  const all = await ctx.deps.repos.calendar.listAnniversaries();
  const { items, ...p } = pageSlice(all, page, EDIT_PAGE);
  const rows: Button[][] = items.map((a) => [btn(truncate(`${dmy(a)} · ${a.nameVi}`, 60), data('open', { id: a.id }))]);
  const nav = pageButtons(p, (page) => data('editList', { page }), { counter: true });
  if (nav.length) rows.push(nav);
  rows.push([btn(ctx.t('anniversaries.btn.back'), data('main'))]);
  return { text: ctx.t('anniversaries.edit_choose'), rows };
}

function detail(ctx: LiaisonContext, a: Row) {
  const text = ctx.t('anniversaries.detail', {
    name: a.nameVi,
    nameEn: a.nameEn ?? '—',
    kind: ctx.t(`anniversaries.kind.${a.kind}`),
    country: countryName(a.countryCode, ctx.locale),
    date: dmy(a),
    state: ctx.t(a.active ? 'anniversaries.state_active' : 'anniversaries.state_inactive'),
  });
  const rows = [
    [
      btn(ctx.t('anniversaries.btn.edit'), data('edit', { id: a.id })),
      btn(
        ctx.t(a.active ? 'anniversaries.btn.deactivate' : 'anniversaries.btn.activate'),
        data('toggle', { id: a.id }),
      ),
    ],
    [btn(ctx.t('anniversaries.btn.back'), data('editList', { page: 0 }))],
  ];
  return { text, rows };
}

/** The Department's own agency leads the letters: the coordinator's agency, else the one coded SNGV. */
async function departmentAgency(ctx: LiaisonContext) {
  if (ctx.user?.agencyId) return ctx.deps.repos.agencies.findById(ctx.user.agencyId);
  return ctx.deps.repos.agencies.findByCode('SNGV');
}

async function createLetter(ctx: RegisteredContext, id: number, year: number) {
  const { repos, config, logger, i18n } = ctx.deps;
  const zone = config.timezone;
  const row = await repos.calendar.findAnniversary(id);
  if (!row || !row.active) return ctx.answerCbQuery(ctx.t('error.stale_button'));
  const now = ctx.deps.now().setZone(zone);
  const a = toDomain(row);
  const date = DateTime.fromObject({ year, month: a.month, day: a.day }, { zone });
  const occurrence: AnniversaryOccurrence = {
    anniversary: a,
    date,
    years: year - a.baseYear,
    isRound: (year - a.baseYear) % 5 === 0,
  };
  const reason = occurrence.years >= 1 && date.isValid ? letterReason(occurrence) : null;
  if (!reason || date < now.startOf('day') || date > now.plus({ days: 366 }))
    return ctx.answerCbQuery(ctx.t('error.stale_button'));
  const ref = sourceRef(a.key, year);
  const existing = await repos.activities.findBySourceRef(ref);
  if (existing) {
    await ctx.answerCbQuery(ctx.t('anniversaries.already', { reference: existing.reference }), { show_alert: true });
    return show(ctx, await mainView(ctx));
  }
  const lead = await departmentAgency(ctx);
  if (!lead) return ctx.answerCbQuery(ctx.t('anniversaries.err.no_department'), { show_alert: true });
  // One letter per occasion, whoever presses first (several coordinators, several instances).
  if (!(await repos.jobRuns.claim(`letter:${ref}`, `user:${ctx.user.id}`, now.toJSDate())))
    return ctx.answerCbQuery(ctx.t('anniversaries.busy'), { show_alert: true });
  const vi = i18n.forLocale('vi');
  const iso = date.toISODate()!;
  let activity;
  try {
    activity = await repos.activities.create(
      {
        type: 'LETTER',
        title: vi('anniversaries.letter_title', { occasion: anniversaryTitle(occurrence, 'vi') }),
        leadAgencyId: lead.id,
        countryCodes: [a.countryCode],
        timingText: `trước ${formatDate(iso, zone)}`,
        ...timingToColumns({ precision: 'DEADLINE', start: null, end: iso }),
        details: {
          occasion: reason === 'NATIONAL_DAY' ? 'NATIONAL_DAY' : 'ANNIVERSARY',
          anniversaryKey: a.key,
          anniversaryDate: iso,
          years: occurrence.years,
        },
        status: 'AGREED',
        source: 'FORM',
        sourceRef: ref,
      },
      { userId: ctx.user.id, referenceYear: now.year, now: now.toJSDate() },
    );
  } catch (err) {
    await repos.jobRuns.release(`letter:${ref}`);
    throw err;
  }
  await repos.jobRuns.finish(`letter:${ref}`, now.toJSDate());
  logger.info({ msg: 'letter-activity-created', activityId: activity.id, anniversaryId: row.id, year });
  await ctx.answerCbQuery(ctx.t('anniversaries.letter_created_short', { reference: activity.reference }));
  await show(ctx, await mainView(ctx));
  return ctx.reply(
    `${ctx.t('anniversaries.letter_created')}\n${renderActivityCompact(activity, { t: ctx.t, locale: ctx.locale })}`,
  );
}

export function anniversariesFeature(forms: FormEngine) {
  const c = new FlatComposer<RegisteredContext>();

  c.command('anniversaries', async (ctx) => {
    if (!hasRole(ctx, COORDINATION)) return refuse(ctx, 'anniversaries');
    if (ctx.chat.type !== 'private') return ctx.reply(ctx.t('plans.private_only'));
    return show(ctx, await mainView(ctx));
  });

  c.action(anniversaryButtons.pattern, async (ctx) => {
    const cb = anniversaryButtons.decode('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    if (!hasRole(ctx, COORDINATION)) return refuse(ctx, `anniversaries:${cb?.action ?? '?'}`);
    if (!cb) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    const { calendar } = ctx.deps.repos;
    switch (cb.action) {
      case 'main':
        await ctx.answerCbQuery();
        return show(ctx, await mainView(ctx));
      case 'editList':
        await ctx.answerCbQuery();
        return show(ctx, await editList(ctx, cb.page));
      case 'add':
        await forms.start(ctx, ANNIVERSARY_FORMS.add, { origin: `an:${ctx.callbackQuery.message?.message_id ?? 0}` });
        return ctx.answerCbQuery();
      case 'letter':
        return createLetter(ctx, cb.id, cb.year);
    }
    const row = await calendar.findAnniversary(cb.id);
    if (!row) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    switch (cb.action) {
      case 'open':
        await ctx.answerCbQuery();
        return show(ctx, detail(ctx, row));
      case 'toggle': {
        const updated = await calendar.updateAnniversary(row.id, { active: !row.active });
        ctx.deps.logger.info({
          msg: updated.active ? 'anniversary-activated' : 'anniversary-deactivated',
          anniversaryId: row.id,
        });
        await ctx.answerCbQuery(ctx.t(updated.active ? 'anniversaries.activated' : 'anniversaries.deactivated'));
        return show(ctx, detail(ctx, updated));
      }
      case 'edit': {
        const answers = {
          kind: row.kind,
          country: row.countryCode,
          nameVi: row.nameVi,
          ...(row.nameEn ? { nameEn: row.nameEn } : {}),
          date: dmy(row),
        };
        await forms.start(ctx, ANNIVERSARY_FORMS.edit, {
          answers,
          meta: { anniversaryId: row.id, name: truncate(row.nameVi, 80) },
          origin: `an:${ctx.callbackQuery.message?.message_id ?? 0}`,
        });
        return ctx.answerCbQuery();
      }
    }
    return ctx.answerCbQuery(ctx.t('error.stale_button'));
  });
  return c;
}
