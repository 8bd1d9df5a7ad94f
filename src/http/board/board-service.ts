/**
 * What the plan board's API answers, scoped by the bot's own access policy (bot/access.ts):
 * coordinators, heads and admins see every registered activity; a focal point sees its agency's
 * (lead or coordinating); anyone else — strangers, deactivated users, a focal point without an
 * agency — nothing. The HTTP layer only authenticates and routes; every scope decision is here.
 */
import type { DateTime } from 'luxon';
import type { Config } from '../../config.js';
import type { Repos } from '../../db/repos/index.js';
import type { BoardScope } from '../../db/repos/board.js';
import type { Role } from '../../domain/enums.js';
import { loadMessages, type I18n, type Locale, type Translate } from '../../i18n/index.js';
import { LEADERSHIP, roleAllows } from '../../domain/access.js';
import { countRows, filterRows, inScope, indexRows, type BoardFilter, type BoardRow } from '../../domain/board.js';
import { countryName } from '../../domain/countries.js';
import { formatDate } from '../../domain/format.js';
import { formatMoney } from '../../domain/money.js';
import { formatTiming, timingFromColumns, type Timing } from '../../domain/timing/index.js';
import { monthBounds, quarterBounds, yearBounds } from '../../domain/timing/calendar.js';
import { plainT, reportFileBase } from '../../reports/labels.js';
import { REPORT_MAX_ROWS, drawPlanChart, renderReportFiles, type ChartActivity } from '../../reports/consolidated.js';
import { loadBoardRows } from '../../services/board-rows.js';
import { settingOptions } from '../../domain/report-settings.js';
import { decisionText, recordedDecision } from '../../domain/decision.js';

export interface BoardUser {
  id: number;
  telegramId: bigint;
  role: Role;
  agencyId: number | null;
  displayName: string | null;
  locale: Locale;
}

type CardActivity = NonNullable<Awaited<ReturnType<Repos['board']['card']>>>;
type HistoryEntry = Awaited<ReturnType<Repos['activities']['history']>>[number];
interface TextEnv {
  t: Translate;
  locale: Locale;
  zone: string;
}

/**
 * How the bot words an activity's type-specific fields and its history lines: the board shows the
 * same words. Given by the composition root (app.ts), since the HTTP layer does not reach into the bot.
 */
export interface CardWording {
  detailRows(
    a: Pick<CardActivity, 'type' | 'details'>,
    env: TextEnv & {
      agencyName(id: number): string;
      choices?: { purposeCategories?: { value: string; label?: string; text: string }[] };
    },
  ): { label: string; value: string }[];
  historyLine(h: HistoryEntry, env: TextEnv & { agencyCodes?: Map<number, string> }): string;
}

export interface BoardDeps {
  config: Config;
  repos: Repos;
  i18n: I18n;
  now: () => DateTime;
  wording: CardWording;
}

/** Keys of locales/ the page needs, sent raw (the page puts them in as text, never as HTML). */
const PAGE_KEY = /^(board\.|activity\.type\.|activity\.status\.|activity\.field\.|activity\.card\.none$)/;

const stripTags = (s: string) =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

export function createBoardService(deps: BoardDeps) {
  const { repos, config, i18n } = deps;
  const pageMessages = Object.fromEntries(
    (['vi', 'en'] as const).map((l) => [
      l,
      Object.fromEntries(Object.entries(loadMessages(l)).filter(([k]) => PAGE_KEY.test(k))),
    ]),
  ) as Record<Locale, Record<string, string>>;

  function scopeOf(user: BoardUser): BoardScope | null {
    const u = { role: user.role, active: true, agencyId: user.agencyId };
    if (roleAllows(u, LEADERSHIP)) return { all: true };
    if (roleAllows(u, ['FOCAL']) && user.agencyId !== null) return { agencyId: user.agencyId };
    return null;
  }

  /** The active user of the bot behind a Telegram id, or null (strangers, deactivated users). */
  async function userOf(telegramId: number, languageCode?: string, profileName?: string): Promise<BoardUser | null> {
    const id = BigInt(telegramId);
    let user = await repos.users.findByTelegramId(id);
    if (config.adminTelegramIds.includes(id) && (user?.role !== 'ADMIN' || !user.active)) {
      user = await repos.users.upsertWithRole(
        { telegramId: id, displayName: profileName ?? null, username: null },
        'ADMIN',
        user?.agencyId ?? null,
      );
    }
    if (!user || !user.active || !user.role) return null;
    return {
      id: user.id,
      telegramId: id,
      role: user.role,
      agencyId: user.agencyId,
      displayName: user.displayName,
      locale: i18n.resolve(user.locale, languageCode),
    };
  }

  /**
   * Every registered activity as board rows, in one language, kept while nothing changes (the
   * repository's version) and at most a minute: a board opened again, or by another user, costs one
   * small query. Scopes are cut from it by the same rule the bot applies (inScope).
   */
  const cache = new Map<Locale, { version: string; at: number; rows: BoardRow[] }>();
  const CACHE_MS = 60_000;

  async function allRows(locale: Locale): Promise<BoardRow[]> {
    const version = await repos.board.version();
    const hit = cache.get(locale);
    if (hit && hit.version === version && Date.now() - hit.at < CACHE_MS) return hit.rows;
    const rows = await loadBoardRows(repos, { all: true }, locale);
    cache.set(locale, { version, at: Date.now(), rows });
    return rows;
  }

  async function scopedRows(user: BoardUser): Promise<BoardRow[]> {
    const scope = scopeOf(user);
    if (!scope) return [];
    const rows = await allRows(user.locale);
    return 'all' in scope ? rows : rows.filter((r) => inScope(r, scope));
  }

  /** Rows, agency and plan names: the page's whole working set. */
  async function boardData(user: BoardUser) {
    const rows = await scopedRows(user);
    const agencyIds = new Set<number>();
    const planIds = new Set<number>();
    for (const r of rows) {
      agencyIds.add(r.lead);
      for (const c of r.coord) agencyIds.add(c);
      if (r.plan !== null) planIds.add(r.plan);
    }
    if (user.agencyId !== null) agencyIds.add(user.agencyId);
    const [agencies, plans] = await Promise.all([
      repos.board.agencies([...agencyIds]),
      repos.board.plans([...planIds]),
    ]);
    const agencyName = (a: { nameVi: string; nameEn: string | null }) =>
      user.locale === 'en' && a.nameEn ? a.nameEn : a.nameVi;
    return {
      rows,
      agencies: agencies.map((a) => ({ id: a.id, code: a.code, name: agencyName(a) })),
      plans: plans.map((p) => ({ id: p.id, title: p.title, year: p.year })),
    };
  }

  async function filtered(user: BoardUser, filter: BoardFilter) {
    const data = await boardData(user);
    const names = new Map(data.agencies.map((a) => [a.id, `${a.code} ${a.name}`]));
    const index = filter.q
      ? indexRows(data.rows, { agency: (id) => names.get(id) ?? '', country: (c) => countryName(c, user.locale) })
      : undefined;
    return { ...data, rows: filterRows(data.rows, filter, index) };
  }

  return {
    scopeOf,
    userOf,

    /** Who is signed in and the texts and names the page shows. */
    me(user: BoardUser) {
      const agency = user.agencyId;
      return {
        user: {
          name: user.displayName,
          role: user.role,
          agencyId: agency,
          scope: scopeOf(user) ? ('all' in scopeOf(user)! ? 'all' : 'agency') : 'none',
        },
        locale: user.locale,
        messages: pageMessages[user.locale],
        today: deps.now().setZone(config.timezone).toISODate(),
      };
    },

    /** The activities list (all of the scope, or filtered), with the names the rows refer to and counts. */
    async activities(user: BoardUser, filter: BoardFilter) {
      const data = await filtered(user, filter);
      const countries = [...new Set(data.rows.flatMap((r) => r.countries))].sort();
      return {
        ...data,
        countries: Object.fromEntries(countries.map((c) => [c, countryName(c, user.locale)])),
        counts: countRows(data.rows),
      };
    },

    async counts(user: BoardUser, filter: BoardFilter) {
      return countRows((await filtered(user, filter)).rows);
    },

    /** One activity's full card (every field, history, follow-ups), or null when out of scope or unknown. */
    async card(user: BoardUser, reference: string) {
      const scope = scopeOf(user);
      if (!scope) return null;
      const a = await repos.board.card(scope, reference);
      if (!a) return null;
      const locale = user.locale;
      const t = plainT(i18n.forLocale(locale));
      const zone = config.timezone;
      const [agencies, stored] = await Promise.all([repos.agencies.list(), repos.settings.all()]);
      const names = new Map(agencies.map((x) => [x.id, locale === 'en' && x.nameEn ? x.nameEn : x.nameVi]));
      const codes = new Map(agencies.map((x) => [x.id, x.code]));
      const choices = settingOptions(stored, locale);
      const name = (x: { nameVi: string; nameEn: string | null }) =>
        locale === 'en' && x.nameEn ? x.nameEn : x.nameVi;
      const history = await repos.activities.history(a.id, 50);
      const details = deps.wording.detailRows(a, {
        t,
        locale,
        zone,
        agencyName: (id) => names.get(id) ?? `#${id}`,
        choices,
      });
      const decision = recordedDecision(a);
      if (decision) details.push({ label: t('history.field.decision'), value: decisionText(t, decision) });
      return {
        ref: a.reference,
        type: a.type,
        status: a.status,
        title: a.title,
        timing: formatTiming(timingFromColumns(a), locale),
        lead: name(a.leadAgency),
        coordinators: a.coordinators.map((c) => name(c.agency)),
        countries: a.countries.map((c) => countryName(c.countryCode, locale)),
        partner: a.partnerName,
        place: a.place,
        fundings: a.fundings.map((f) => stripTags(t(`activity.funding.${f.source}`))),
        cost: a.costVnd === null ? null : formatMoney(a.costVnd, locale),
        plan: a.plan?.title ?? null,
        notes: a.notes,
        reason: a.statusReason && ['RETURNED', 'CANCELLED', 'POSTPONED'].includes(a.status) ? a.statusReason : null,
        details: details.map((d) => ({ label: stripTags(d.label), value: stripTags(d.value) })),
        history: history.map((h) => ({
          date: formatDate(h.createdAt, zone, locale),
          who: h.user?.displayName ?? stripTags(t('activity.card.system')),
          change: stripTags(deps.wording.historyLine(h, { t, locale, zone, agencyCodes: codes })),
        })),
        followUps: a.followUps.map((f) => ({
          title: f.title,
          due: formatDate(f.dueDate, zone, locale),
          done: f.doneAt !== null,
          agency: f.responsibleAgency ? name(f.responsibleAgency) : null,
        })),
      };
    },

    /** The file name the report of `filter` gets (the page passes it to Telegram's downloadFile). */
    reportName(user: BoardUser, filter: BoardFilter, format: 'xlsx' | 'docx') {
      return `${reportFileBase(plainT(i18n.forLocale(user.locale)), filterTiming(filter), filter.plan ?? null)}.${format}`;
    },

    /** The consolidated .xlsx or .docx of exactly the filtered rows: the same document as /report. */
    async report(user: BoardUser, filter: BoardFilter, format: 'xlsx' | 'docx') {
      const { rows, plans } = await filtered(user, filter);
      if (rows.length > REPORT_MAX_ROWS) return { tooMany: true as const, count: rows.length };
      const reportRows = await repos.board.reportRows(rows.map((r) => r.id));
      const { total, files } = await renderReportFiles(repos, reportRows, reportRequest(user, filter, plans), [format]);
      return { tooMany: false as const, filename: files[0]!.filename, bytes: files[0]!.bytes, count: total };
    },

    /** The summary chart (activities per month by type, top countries) of the filtered rows: its data and PNG. */
    async chart(user: BoardUser, filter: BoardFilter, width?: number) {
      const { rows, plans } = await filtered(user, filter);
      const {
        model,
        png,
        width: w,
        height,
      } = await drawPlanChart(rows.map(chartActivity), reportRequest(user, filter, plans), width);
      return { model, width: w, height, png: png.toString('base64') };
    },
  };

  function reportRequest(
    user: BoardUser,
    filter: BoardFilter,
    plans: { id: number; title: string; year: number | null }[],
  ) {
    const plan = filter.plan ? (plans.find((p) => p.id === filter.plan) ?? null) : null;
    return {
      t: i18n.forLocale(user.locale),
      locale: user.locale,
      zone: config.timezone,
      now: deps.now(),
      period: filterTiming(filter),
      plan,
    };
  }
}
export type BoardService = ReturnType<typeof createBoardService>;

const dateOf = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
function chartActivity(r: BoardRow): ChartActivity {
  return {
    type: r.type,
    status: r.status,
    timingPrecision: r.precision,
    startDate: dateOf(r.start),
    endDate: dateOf(r.end),
    countryCodes: r.countries,
  };
}

/** The period of a filter as a timing (the report's title names it). */
export function filterTiming(f: BoardFilter): Timing | null {
  if (!f.year) return null;
  if (f.month) return { precision: 'MONTH', ...bounds(monthBounds(f.year, f.month)) };
  if (f.quarter) return { precision: 'QUARTER', ...bounds(quarterBounds(f.year, f.quarter)) };
  return { precision: 'YEAR', ...bounds(yearBounds(f.year)) };
}
const bounds = (b: { start: string; end: string }) => ({ start: b.start, end: b.end });
