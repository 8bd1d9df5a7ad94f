/**
 * The consolidated plan as data, laid out like the seeds' plans: a title, the date, one table
 * grouped by type (STT … Trạng thái), and outbound statistics. The xlsx and docx writers only
 * render this model. Pure: no I/O.
 */
import { readDetails } from '../domain/activity-details.js';
import type { DateTime } from 'luxon';
import type { Locale, Translate } from '../i18n/index.js';
import type { ActivityType, FundingSource } from '../domain/enums.js';
import { formatDate } from '../domain/format.js';
import { purposeCategoryOf, purposeLabel } from '../domain/purpose.js';
import { DEFAULT_REPORT_SETTINGS, type ReportSettings } from '../domain/report-settings.js';
import { formatMoney } from '../domain/money.js';
import { countryName } from '../domain/countries.js';
import { activitySpan } from '../domain/summary.js';
import { ACTIVITY_TYPES } from '../domain/enums.js';
import type { Timing } from '../domain/timing/index.js';
import { activityTiming, agencyName, periodLabel, reportFileBase, type AgencyName, type TimingCols } from './labels.js';
import { APART_STATUSES as APART } from '../domain/activity-status.js';

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
  /** Who issues and signs (settings); defaults when left out. */
  settings?: ReportSettings;
  /** Plan requests of the period (deadline, who answered) and lead-time risks, for the body. */
  context?: ReportContext;
}

/** A plan request as the report's body tells it. */
export interface PlanAnswers {
  title: string;
  deadline: Date | null;
  agencies: number;
  answered: number;
  nil: number;
  /** Agencies that have not answered (names). */
  missing: string[];
}

/** An activity whose dossier is due soon or already late (docs/product.md#reminders-and-digest: lead times). */
export interface LeadTimeRisk {
  reference: string;
  title: string;
  type: ActivityType;
  start: Date;
  /** Working days (outbound) or days (conference) left before it starts, and the rule's minimum. */
  left: number;
  needed: number;
  unit: 'working' | 'calendar';
}

export interface ReportContext {
  planRequests: PlanAnswers[];
  risks: LeadTimeRisk[];
}

export const COLUMN_KEYS = [
  'no',
  'content',
  'timing',
  'lead',
  'coordinators',
  'partner',
  'members',
  'funding',
  'cost',
  'status',
] as const;

/**
 * Listed apart from the plan (docs/product.md#summaries-and-reports): what will not take place as registered. Strings, so the
 * lifecycle's words can change (REJECTED → RETURNED, REFUSED) without this list lagging behind.
 */
export const APART_STATUSES: ReadonlySet<string> = new Set(APART);

export interface ReportGroup {
  heading: string;
  /** Cells in COLUMN_KEYS order; a cell may hold several lines. */
  rows: (string | number)[][];
}

/** People and cost add up only what is known: `null` when nothing is, and how many delegations did not say. */
export interface StatsLine {
  label: string;
  delegations: number;
  people: number | null;
  peopleUnknown: number;
  cost: bigint | null;
  costUnknown: number;
}

export interface StatsSection {
  title: string;
  lines: StatsLine[];
}

/** The official document's frame (Nghị định 30/2020/NĐ-CP): who issues, number and date, body, recipients, signature. */
export interface OfficialFrame {
  issuerParent: string;
  issuer: string;
  nation: string;
  motto: string;
  number: string;
  placeDate: string;
  kind: string;
  subject: string;
  /** Paragraphs of the body; `heading` ones are the numbered section titles. */
  body: { text: string; heading?: boolean }[];
  chartCaption: string;
  closing: string;
  appendixLabel: string;
  appendixRef: string;
  recipientsLabel: string;
  recipients: string[];
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
}

export interface ReportModel {
  official: OfficialFrame;
  /** Cancelled, returned and refused activities, listed apart from the plan (null when none). */
  apart: ReportGroup | null;
  chartSheet: string;
  unknownText: string;
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

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI'];

/** A count from the details JSON: a non-negative integer (or its digits), else null. */
function count(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const detailsOf = (a: ReportActivity): Record<string, unknown> =>
  a.details && typeof a.details === 'object' && !Array.isArray(a.details) ? (a.details as Record<string, unknown>) : {};

/** Number of people: members of a delegation, delegates of a conference, participants of an exchange. */
export function peopleOf(a: ReportActivity): number | null {
  const d = detailsOf(a);
  const members = count(d.members) ?? count(d.participants);
  if (members !== null) return members;
  const vn = count(d.vnDelegates);
  const foreign = count(d.foreignDelegates);
  return vn === null && foreign === null ? null : (vn ?? 0) + (foreign ?? 0);
}

/** Delegations state their size: for them an unknown size is said, not left to look like nothing. */
const SIZED_TYPES: ReadonlySet<string> = new Set(['OUTBOUND', 'INBOUND']);

function membersCell(a: ReportActivity, o: ReportOptions): string {
  const d = detailsOf(a);
  const lines: string[] = [];
  const head = [text(d.headName), text(d.headPosition)].filter(Boolean).join(', ');
  if (head) lines.push(o.t('summary.report.head', { head }));
  const composition = text(d.composition);
  if (composition) lines.push(composition);
  const people = peopleOf(a);
  if (people !== null) lines.push(o.t('summary.report.members', { count: people }));
  else if (SIZED_TYPES.has(a.type)) lines.push(o.t('reports.members_unknown'));
  return lines.join('\n');
}

/** What the Department must see in the table: the Party Committee flag, a letter's sender and recipient. */
function detailLines(a: ReportActivity, o: ReportOptions): string[] {
  if (a.type === 'OUTBOUND') {
    const d = readDetails('OUTBOUND', a.details);
    return d.partyOpinion === undefined
      ? []
      : [o.t(d.partyOpinion ? 'summary.report.party_opinion_yes' : 'summary.report.party_opinion_no')];
  }
  if (a.type === 'LETTER') {
    const d = readDetails('LETTER', a.details);
    return [
      d.sender ? o.t('summary.report.letter_sender', { sender: d.sender }) : '',
      d.recipient ? o.t('summary.report.letter_recipient', { recipient: d.recipient }) : '',
    ].filter(Boolean);
  }
  return [];
}

function row(a: ReportActivity, no: number, o: ReportOptions): (string | number)[] {
  const t = o.t;
  const content = [
    a.title,
    a.place ? t('summary.report.place', { place: a.place }) : '',
    ...detailLines(a, o),
    t('summary.report.reference', { reference: a.reference }),
  ];
  const countries = a.countries.map((c) => countryName(c.countryCode, o.locale)).join(', ');
  const partner = a.partnerName && countries ? `${a.partnerName} (${countries})` : (a.partnerName ?? countries);
  return [
    no,
    content.filter(Boolean).join('\n'),
    activityTiming(a, o.locale),
    agencyName(a.leadAgency, o.locale),
    a.coordinators.map((c) => agencyName(c.agency, o.locale)).join('; '),
    partner,
    membersCell(a, o),
    a.fundings.map((f) => t(`activity.funding.${f.source}`)).join(', '),
    // A number (đồng) for the spreadsheet; the document prints it with grouped digits.
    a.costVnd !== null ? Number(a.costVnd) : t('reports.unknown'),
    t(`activity.status.${a.status}`),
  ];
}

/** Within a group: by first day (undated last), then reference. */
function byTiming(a: ReportActivity, b: ReportActivity): number {
  const x = activitySpan(a);
  const y = activitySpan(b);
  return (
    (x?.start ?? Infinity) - (y?.start ?? Infinity) ||
    (x?.end ?? Infinity) - (y?.end ?? Infinity) ||
    a.reference.localeCompare(b.reference)
  );
}

const emptyLine = (label: string): StatsLine => ({
  label,
  delegations: 0,
  people: null,
  peopleUnknown: 0,
  cost: null,
  costUnknown: 0,
});

function addTo(line: StatsLine, people: number | null, cost: bigint | null) {
  line.delegations++;
  if (people === null) line.peopleUnknown++;
  else line.people = (line.people ?? 0) + people;
  if (cost === null) line.costUnknown++;
  else line.cost = (line.cost ?? 0n) + cost;
}

class Tally {
  private readonly lines = new Map<string, StatsLine>();
  add(key: string, label: string, people: number | null, cost: bigint | null) {
    const line = this.lines.get(key) ?? emptyLine(label);
    addTo(line, people, cost);
    this.lines.set(key, line);
  }
  sorted(last: string): StatsLine[] {
    return [...this.lines.values()].sort(
      (a, b) =>
        Number(a.label === last) - Number(b.label === last) ||
        b.delegations - a.delegations ||
        a.label.localeCompare(b.label, 'vi'),
    );
  }
  /** In the order of `keys` (categories), every key shown even at 0. */
  inOrder(keys: readonly string[], label: (k: string) => string): StatsLine[] {
    // A category no delegation had: 0 people and 0 đồng are facts here, not unknowns.
    return keys.map((k) => this.lines.get(k) ?? { ...emptyLine(label(k)), people: 0, cost: 0n });
  }
}

/** Outbound delegations by lead agency, destination country, purpose category and funding source. */
export function outboundStats(
  activities: readonly ReportActivity[],
  o: Pick<ReportOptions, 't' | 'locale' | 'settings'>,
) {
  const unknown = o.t('summary.report.stats.unknown');
  const [agency, country, purpose, funding] = [new Tally(), new Tally(), new Tally(), new Tally()];
  const total = emptyLine(o.t('summary.report.stats.total'));
  const categories = (o.settings ?? DEFAULT_REPORT_SETTINGS).purposeCategories;
  const label = (c: string) => purposeLabel(c, categories, o.locale);
  for (const a of activities) {
    if (a.type !== 'OUTBOUND' || APART_STATUSES.has(a.status)) continue;
    const people = peopleOf(a);
    const cost = a.costVnd;
    addTo(total, people, cost);
    const lead = agencyName(a.leadAgency, o.locale);
    agency.add(lead, lead, people, cost);
    const codes = [...new Set(a.countries.map((c) => c.countryCode))];
    if (codes.length === 0) country.add('', unknown, people, cost);
    for (const c of codes) country.add(c, countryName(c, o.locale), people, cost);
    const d = detailsOf(a);
    const category = purposeCategoryOf(d.purposeCategory, text(d.purpose) ?? a.title, categories);
    purpose.add(category, label(category), people, cost);
    const sources = [...new Set(a.fundings.map((f) => f.source))];
    if (sources.length === 0) funding.add('', unknown, people, cost);
    for (const s of sources) funding.add(s, o.t(`activity.funding.${s}`), people, cost);
  }
  const section = (key: string, lines: StatsLine[]): StatsSection => ({
    title: o.t(`summary.report.stats.${key}`),
    lines,
  });
  return {
    sections: [
      section('by_agency', agency.sorted(unknown)),
      section('by_country', country.sorted(unknown)),
      section(
        'by_purpose',
        purpose.inOrder(
          categories.map((c) => c.code),
          label,
        ),
      ),
      section('by_funding', funding.sorted(unknown)),
    ],
    total,
  };
}

/** "ngày 05 tháng 02 năm 2025": NĐ 30 writes days under 10 and months 1–2 with a leading 0. */
function officialDate(now: DateTime, zone: string): { day: string; month: string; year: number } {
  const local = now.setZone(zone);
  return {
    day: String(local.day).padStart(2, '0'),
    month: local.month <= 2 ? `0${local.month}` : String(local.month),
    year: local.year,
  };
}

function countsText(map: Map<string, number>, label: (k: string) => string, order: readonly string[]): string {
  return [...map]
    .sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))
    .map(([k, n]) => `${label(k)}: ${n}`)
    .join('; ');
}

function officialFrame(
  activities: readonly ReportActivity[],
  plan: readonly ReportActivity[],
  apartCount: number,
  periodText: string,
  o: ReportOptions,
): OfficialFrame {
  const t = o.t;
  const s = o.settings ?? DEFAULT_REPORT_SETTINGS;
  const upper = (x: string) => x.toLocaleUpperCase(o.locale);
  const blank = '……';
  const province = s.province || blank;
  // The number itself is given by the office's clerk when the document is issued.
  const code = `……/BC-${s.bodyAbbreviation || blank}`;
  const number = t('reports.official.number', { code });
  const date = officialDate(o.now, o.zone);
  const byType = new Map<string, number>();
  const byStatus = new Map<string, number>();
  for (const a of plan) byType.set(a.type, (byType.get(a.type) ?? 0) + 1);
  for (const a of activities) byStatus.set(a.status, (byStatus.get(a.status) ?? 0) + 1);
  const body: OfficialFrame['body'] = [{ text: t('reports.official.intro', { body: s.bodyName, period: periodText }) }];
  let n = 0;
  const heading = (key: string) => body.push({ text: `${++n}. ${t(key)}`, heading: true });
  heading('reports.official.h_counts');
  body.push({
    text: plan.length
      ? t('reports.official.counts', {
          period: periodText,
          total: plan.length,
          types: countsText(byType, (k) => t(`activity.type.${k}`), ACTIVITY_TYPES),
        })
      : t('reports.official.counts_none', { period: periodText }),
  });
  if (activities.length)
    body.push({
      text: t('reports.official.statuses', { statuses: countsText(byStatus, (k) => t(`activity.status.${k}`), []) }),
    });
  if (apartCount) body.push({ text: t('reports.official.apart', { count: apartCount }) });
  const requests = o.context?.planRequests ?? [];
  if (requests.length) {
    heading('reports.official.h_plans');
    for (const r of requests) {
      const deadline = r.deadline ? formatDate(r.deadline, o.zone) : t('reports.unknown');
      body.push({
        text: t('reports.official.plan', {
          title: r.title,
          deadline,
          answered: r.answered,
          agencies: r.agencies,
          nil: r.nil,
        }),
      });
      if (r.missing.length)
        body.push({
          text: t('reports.official.plan_missing', { count: r.missing.length, names: r.missing.join(', ') }),
        });
    }
  }
  heading('reports.official.h_risks');
  const risks = o.context?.risks ?? [];
  if (risks.length === 0) body.push({ text: t('reports.official.risks_none') });
  for (const r of risks) {
    body.push({
      text: t(r.left < 0 ? 'reports.official.risk_late' : 'reports.official.risk', {
        type: t(`activity.type.${r.type}`),
        title: r.title,
        reference: r.reference,
        start: formatDate(r.start, 'UTC'),
        left: Math.max(0, r.left),
        needed: r.needed,
        unit: t(r.unit === 'working' ? 'reports.official.unit_working' : 'reports.official.unit_calendar'),
      }),
    });
  }
  return {
    issuerParent: upper(t('reports.official.issuer_parent', { province })),
    issuer: upper(s.bodyName),
    nation: t('reports.official.nation'),
    motto: t('reports.official.motto'),
    number,
    placeDate: t('reports.official.place_date', { place: province, ...date }),
    kind: t('reports.official.kind'),
    subject: t('reports.official.subject', { period: periodText }),
    body,
    chartCaption: t('reports.official.chart_caption'),
    closing: t('reports.official.closing', { body: s.bodyName }),
    appendixLabel: t('reports.official.appendix'),
    appendixRef: t('reports.official.appendix_ref', { code, body: s.bodyName }),
    recipientsLabel: t('reports.official.recipients'),
    recipients: s.recipients,
    signerAuthority: upper(s.signerAuthority),
    signerTitle: upper(s.signerTitle),
    signerName: s.signerName,
  };
}

export function buildReportModel(activities: readonly ReportActivity[], o: ReportOptions): ReportModel {
  const t = o.t;
  const rawLabel = o.period
    ? periodLabel(o.period, t, o.locale)
    : o.plan?.year
      ? t('summary.period.year', { year: o.plan.year })
      : null;
  const label = rawLabel ? rawLabel.toLocaleUpperCase(o.locale) : null;
  const plan = activities.filter((a) => !APART_STATUSES.has(a.status));
  const apartRows = activities.filter((a) => APART_STATUSES.has(a.status)).sort(byTiming);
  const groups: ReportGroup[] = [];
  for (const type of ACTIVITY_TYPES) {
    const items = plan.filter((a) => a.type === type).sort(byTiming);
    if (items.length === 0) continue;
    const heading = `${ROMAN[groups.length] ?? groups.length + 1}. ${t(`activity.type.${type}`).toLocaleUpperCase(o.locale)}`;
    groups.push({ heading, rows: items.map((a, i) => row(a, i + 1, o)) });
  }
  const apart: ReportGroup | null = apartRows.length
    ? {
        heading: t('reports.apart_heading').toLocaleUpperCase(o.locale),
        rows: apartRows.map((a, i) => row(a, i + 1, o)),
      }
    : null;
  const stats = outboundStats(activities, o);
  const periodText = rawLabel ?? o.plan?.title ?? t('reports.official.all_periods');
  return {
    official: officialFrame(activities, plan, apartRows.length, o.plan && !o.period ? o.plan.title : periodText, o),
    apart,
    chartSheet: t('reports.sheet_chart'),
    unknownText: t('reports.unknown'),
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
      headers: {
        delegations: t('summary.report.stats.delegations'),
        people: t('summary.report.stats.people'),
        cost: t('summary.report.stats.cost'),
      },
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

/** A statistic as a cell: the known sum, "(+n chưa xác định)" when some did not say, blank words when none did. */
export function statCell(
  value: number | bigint | null,
  unknown: number,
  format: (v: number | bigint) => string,
  t: Translate,
): string {
  if (value === null) return t('reports.unknown');
  return unknown > 0 ? t('reports.partly_unknown', { value: format(value), count: unknown }) : format(value);
}
