/**
 * The consolidated plan as data, laid out like the seeds' plans: a title, the date, one table
 * grouped by type (STT … Trạng thái), and outbound statistics. The xlsx and docx writers only
 * render this model. Pure: no I/O.
 */
import type { DateTime } from 'luxon';
import type { Locale, Translate } from '../i18n/index.js';
import type { ActivityType, FundingSource } from '../domain/enums.js';
import { formatDate, normalizeSearch } from '../domain/format.js';
import { formatMoney } from '../domain/money.js';
import { countryName } from '../domain/countries.js';
import { activitySpan } from '../domain/summary.js';
import { ACTIVITY_TYPES } from '../domain/enums.js';
import type { Timing } from '../domain/timing/index.js';
import { activityTiming, agencyName, periodLabel, reportFileBase, type AgencyName, type TimingCols } from './labels.js';

/** What the report reads of an activity (the reports repository selects exactly this). */
export interface ReportActivity extends TimingCols {
  id: number;
  reference: string;
  type: ActivityType;
  status: string;
  title: string;
  partnerName: string | null;
  place: string | null;
  costVnd: bigint | null;
  details: unknown;
  leadAgency: AgencyName;
  coordinators: { agency: AgencyName }[];
  countries: { countryCode: string }[];
  fundings: { source: FundingSource }[];
}

export interface ReportOptions {
  /** Plain-text translate (see plainT): nothing in a file is HTML. */
  t: Translate;
  locale: Locale;
  zone: string;
  now: DateTime;
  period: Timing | null;
  plan: { id: number; title: string; year: number | null } | null;
}

export const COLUMN_KEYS = ['no', 'content', 'timing', 'lead', 'coordinators', 'partner', 'members', 'funding', 'status'] as const;

export interface ReportGroup {
  heading: string;
  /** Cells in COLUMN_KEYS order; a cell may hold several lines. */
  rows: (string | number)[][];
}

export interface StatsLine {
  label: string;
  delegations: number;
  people: number;
  cost: bigint;
}

export interface StatsSection {
  title: string;
  lines: StatsLine[];
}

export interface ReportModel {
  title: string;
  subtitle: string | null;
  dateLine: string;
  columns: string[];
  groups: ReportGroup[];
  total: number;
  emptyText: string;
  sheetPlan: string;
  sheetStats: string;
  stats: {
    title: string;
    headers: { delegations: string; people: string; cost: string };
    sections: StatsSection[];
    total: StatsLine;
    note: string;
    emptyText: string;
  };
  fileBase: string;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** A count from the details JSON: a non-negative integer (or its digits), else null. */
function count(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const detailsOf = (a: ReportActivity): Record<string, unknown> => (a.details && typeof a.details === 'object' && !Array.isArray(a.details) ? (a.details as Record<string, unknown>) : {});

/** Number of people: members of a delegation, delegates of a conference, participants of an exchange. */
export function peopleOf(a: ReportActivity): number | null {
  const d = detailsOf(a);
  const members = count(d.members) ?? count(d.participants);
  if (members !== null) return members;
  const vn = count(d.vnDelegates);
  const foreign = count(d.foreignDelegates);
  return vn === null && foreign === null ? null : (vn ?? 0) + (foreign ?? 0);
}

function membersCell(a: ReportActivity, o: ReportOptions): string {
  const d = detailsOf(a);
  const lines: string[] = [];
  const head = [text(d.headName), text(d.headPosition)].filter(Boolean).join(', ');
  if (head) lines.push(o.t('summary.report.head', { head }));
  const composition = text(d.composition);
  if (composition) lines.push(composition);
  const people = peopleOf(a);
  if (people !== null) lines.push(o.t('summary.report.members', { count: people }));
  return lines.join('\n');
}

function row(a: ReportActivity, no: number, o: ReportOptions): (string | number)[] {
  const t = o.t;
  const content = [a.title, a.place ? t('summary.report.place', { place: a.place }) : '', t('summary.report.reference', { reference: a.reference })];
  const countries = a.countries.map((c) => countryName(c.countryCode, o.locale)).join(', ');
  const partner = a.partnerName && countries ? `${a.partnerName} (${countries})` : (a.partnerName ?? countries);
  const funding = [a.fundings.map((f) => t(`activity.funding.${f.source}`)).join(', '), a.costVnd !== null ? t('summary.report.cost', { amount: formatMoney(a.costVnd, o.locale) }) : ''];
  return [
    no,
    content.filter(Boolean).join('\n'),
    activityTiming(a, o.locale),
    agencyName(a.leadAgency, o.locale),
    a.coordinators.map((c) => agencyName(c.agency, o.locale)).join('; '),
    partner,
    membersCell(a, o),
    funding.filter(Boolean).join('\n'),
    t(`activity.status.${a.status}`),
  ];
}

/** Within a group: by first day (undated last), then reference. */
function byTiming(a: ReportActivity, b: ReportActivity): number {
  const x = activitySpan(a);
  const y = activitySpan(b);
  return (x?.start ?? Infinity) - (y?.start ?? Infinity) || (x?.end ?? Infinity) - (y?.end ?? Infinity) || a.reference.localeCompare(b.reference);
}

class Tally {
  private readonly lines = new Map<string, StatsLine>();
  add(key: string, label: string, people: number, cost: bigint) {
    const line = this.lines.get(key) ?? { label, delegations: 0, people: 0, cost: 0n };
    line.delegations++;
    line.people += people;
    line.cost += cost;
    this.lines.set(key, line);
  }
  sorted(unknownLabel: string): StatsLine[] {
    return [...this.lines.values()].sort((a, b) => Number(a.label === unknownLabel) - Number(b.label === unknownLabel) || b.delegations - a.delegations || a.label.localeCompare(b.label, 'vi'));
  }
}

/** Outbound delegations by lead agency, destination country, purpose and funding source. */
export function outboundStats(activities: readonly ReportActivity[], o: Pick<ReportOptions, 't' | 'locale'>) {
  const unknown = o.t('summary.report.stats.unknown');
  const [agency, country, purpose, funding] = [new Tally(), new Tally(), new Tally(), new Tally()];
  const total: StatsLine = { label: o.t('summary.report.stats.total'), delegations: 0, people: 0, cost: 0n };
  for (const a of activities) {
    if (a.type !== 'OUTBOUND') continue;
    const people = peopleOf(a) ?? 0;
    const cost = a.costVnd ?? 0n;
    total.delegations++;
    total.people += people;
    total.cost += cost;
    const lead = agencyName(a.leadAgency, o.locale);
    agency.add(lead, lead, people, cost);
    const codes = [...new Set(a.countries.map((c) => c.countryCode))];
    if (codes.length === 0) country.add('', unknown, people, cost);
    for (const c of codes) country.add(c, countryName(c, o.locale), people, cost);
    const p = text(detailsOf(a).purpose);
    // Purposes are free text: the same words, whatever the case or accents typed, count together.
    purpose.add(p ? normalizeSearch(p).replace(/[.;,]+$/, '') : '', p ? p.replace(/[.;,]+$/, '') : unknown, people, cost);
    const sources = [...new Set(a.fundings.map((f) => f.source))];
    if (sources.length === 0) funding.add('', unknown, people, cost);
    for (const s of sources) funding.add(s, o.t(`activity.funding.${s}`), people, cost);
  }
  const section = (key: string, tally: Tally): StatsSection => ({ title: o.t(`summary.report.stats.${key}`), lines: tally.sorted(unknown) });
  return { sections: [section('by_agency', agency), section('by_country', country), section('by_purpose', purpose), section('by_funding', funding)], total };
}

export function buildReportModel(activities: readonly ReportActivity[], o: ReportOptions): ReportModel {
  const t = o.t;
  const label = o.period ? periodLabel(o.period, t, o.locale).toLocaleUpperCase(o.locale) : o.plan?.year ? t('summary.period.year', { year: o.plan.year }).toLocaleUpperCase(o.locale) : null;
  const groups: ReportGroup[] = [];
  for (const type of ACTIVITY_TYPES) {
    const items = activities.filter((a) => a.type === type).sort(byTiming);
    if (items.length === 0) continue;
    const heading = `${ROMAN[groups.length] ?? groups.length + 1}. ${t(`activity.type.${type}`).toLocaleUpperCase(o.locale)}`;
    groups.push({ heading, rows: items.map((a, i) => row(a, i + 1, o)) });
  }
  const stats = outboundStats(activities, o);
  return {
    title: label ? t('summary.report.title', { period: label }) : t('summary.report.title_all'),
    subtitle: o.plan ? t('summary.report.plan', { plan: o.plan.title }) : null,
    dateLine: t('summary.report.date', { date: formatDate(o.now, o.zone) }),
    columns: COLUMN_KEYS.map((k) => t(`summary.report.col.${k}`)),
    groups,
    total: activities.length,
    emptyText: t('summary.report.empty'),
    sheetPlan: t('summary.report.sheet_plan'),
    sheetStats: t('summary.report.sheet_stats'),
    stats: {
      title: label ? t('summary.report.stats_title', { period: label }) : t('summary.report.stats_title_all'),
      headers: { delegations: t('summary.report.stats.delegations'), people: t('summary.report.stats.people'), cost: t('summary.report.stats.cost') },
      sections: stats.sections,
      total: stats.total,
      note: t('summary.report.stats.note'),
      emptyText: t('summary.report.stats.none'),
    },
    fileBase: reportFileBase(t, o.period, o.plan?.id ?? null),
  };
}

/** Grouped digits without the currency word (the column header names it). */
export function costDigits(vnd: bigint, locale: Locale): string {
  return formatMoney(vnd, locale).replace(/\s+\S+$/, '');
}
