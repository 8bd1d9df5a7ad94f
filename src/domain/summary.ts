/**
 * Summaries for leaders (docs/product.md#summaries-and-reports): which activities belong to a period, counts by type, status,
 * lead agency and country, what comes next and what is overdue. Pure functions of rows and `now`.
 *
 * Dates follow the Activity columns: inclusive local calendar days stored as UTC midnight.
 */
import type { DateTime } from 'luxon';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_TYPES,
  PENDING_STATUSES,
  type ActivityStatus,
  type ActivityType,
} from './enums.js';
import type { CountryCount, PeriodBounds, SummaryGroup, SummaryRow } from '../db/repos/reports.js';
import { parsePeriod, type Timing } from './timing/index.js';

export type { CountryCount, PeriodBounds, SummaryGroup, SummaryRow };
/** Days after its end by which a DONE activity must be REPORTED (docs/product.md#reminders-and-digest: reminders at 10 and 15 days). */
export const DEFAULT_REPORT_GRACE_DAYS = 15;

const DAY_MS = 86_400_000;

/** A row with its partner countries, for counting straight from rows. */
export type CountedRow = SummaryRow & { countryCodes: readonly string[] };

const utcDay = (iso: string): Date => new Date(`${iso}T00:00:00.000Z`);

/** The bounds of a parsed period (DEADLINE: up to the date; TBD is not a period). */
export function periodBounds(period: Timing): PeriodBounds {
  const end = period.end;
  if (!end) throw new RangeError('periodBounds: a period needs an end date');
  const start = period.start ?? end;
  const wholeYears: number[] = [];
  const [y0, y1] = [Number(start.slice(0, 4)), Number(end.slice(0, 4))];
  for (let y = y0; y <= y1; y++) if (start <= `${y}-01-01` && end >= `${y}-12-31`) wholeYears.push(y);
  return { from: utcDay(start), to: utcDay(end), wholeYears };
}

/** The local date of `now`, as a UTC-midnight Date (the storage convention). */
export function localToday(now: DateTime): Date {
  return utcDay(now.toISODate() ?? '');
}

/** First and last day an activity occupies; a deadline counts as its due date; null when undecided. */
export function activitySpan(row: Pick<SummaryRow, 'startDate' | 'endDate'>): { start: number; end: number } | null {
  const end = row.endDate?.getTime();
  if (end === undefined) return null;
  return { start: row.startDate?.getTime() ?? end, end };
}

/**
 * Whether an activity belongs to the period: its days overlap the period's, or it has no dates yet
 * and its year (`undatedYear`: the plan's year, else the year of its reference) is covered whole.
 */
export function inPeriod(
  row: Pick<SummaryRow, 'startDate' | 'endDate'>,
  bounds: PeriodBounds,
  undatedYear: number | null,
): boolean {
  const span = activitySpan(row);
  if (!span) return undatedYear !== null && bounds.wholeYears.includes(undatedYear);
  return span.start <= bounds.to.getTime() && span.end >= bounds.from.getTime();
}

/** Year of a reference such as `2025-017`. */
export function referenceYear(reference: string): number | null {
  const m = /^(\d{4})-/.exec(reference);
  return m ? Number(m[1]) : null;
}

export interface Count<K> {
  key: K;
  count: number;
}

function sortedCounts<K>(map: Map<K, number>, order?: readonly K[]): Count<K>[] {
  const rank = (k: K) => (order ? order.indexOf(k) : 0);
  return [...map]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || rank(a.key) - rank(b.key) || String(a.key).localeCompare(String(b.key)));
}

/** Pending activities whose first day falls within `days` days from today (today included), soonest first. */
export function upcomingActivities<R extends SummaryRow>(rows: readonly R[], today: Date, days: number): R[] {
  const from = today.getTime();
  const to = from + (days - 1) * DAY_MS;
  const hits: { row: R; start: number }[] = [];
  for (const row of rows) {
    if (!PENDING_STATUSES.includes(row.status)) continue;
    const start = (row.startDate ?? row.endDate)?.getTime();
    if (start !== undefined && start >= from && start <= to) hits.push({ row, start });
  }
  hits.sort((a, b) => a.start - b.start || a.row.reference.localeCompare(b.row.reference));
  return hits.map((h) => h.row);
}

export type OverdueReason = 'NOT_CLOSED' | 'REPORT_MISSING';

export interface OverdueItem<R> {
  row: R;
  /** NOT_CLOSED: its last day has passed and it is still pending; REPORT_MISSING: done, no report after the grace days. */
  reason: OverdueReason;
  /** Days since it fell due (at least 1). */
  daysLate: number;
}

/** Everything overdue, the longest overdue first. */
export function overdueActivities<R extends SummaryRow>(
  rows: readonly R[],
  today: Date,
  graceDays = DEFAULT_REPORT_GRACE_DAYS,
): OverdueItem<R>[] {
  const t = today.getTime();
  const items: OverdueItem<R>[] = [];
  for (const row of rows) {
    const span = activitySpan(row);
    if (!span) continue;
    if (PENDING_STATUSES.includes(row.status) && span.end < t) {
      items.push({ row, reason: 'NOT_CLOSED', daysLate: Math.round((t - span.end) / DAY_MS) });
    } else if (row.status === 'DONE' && span.end + graceDays * DAY_MS < t) {
      items.push({ row, reason: 'REPORT_MISSING', daysLate: Math.round((t - span.end) / DAY_MS) - graceDays });
    }
  }
  return items.sort((a, b) => b.daysLate - a.daysLate || a.row.reference.localeCompare(b.row.reference));
}

export interface FollowUpRow {
  id: number;
  title: string;
  dueDate: Date;
  doneAt: Date | null;
  responsibleAgencyId: number | null;
  activityReference: string | null;
}

/**
 * Open follow-ups whose due day is before today (local). The due date is read in `zone`, which
 * gives the right day whether it was stored as UTC midnight or as a local instant.
 */
export function overdueFollowUps<F extends FollowUpRow>(
  rows: readonly F[],
  now: DateTime,
): { row: F; dueDay: string; daysLate: number }[] {
  const today = now.toISODate() ?? '';
  // Intl gives the calendar day of an instant in a zone without building a luxon object per row.
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone: now.zoneName ?? 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  const items: { row: F; dueDay: string; daysLate: number }[] = [];
  for (const row of rows) {
    if (row.doneAt !== null) continue;
    const dueDay = fmt.format(row.dueDate);
    if (dueDay < today)
      items.push({ row, dueDay, daysLate: Math.round((utcDay(today).getTime() - utcDay(dueDay).getTime()) / DAY_MS) });
  }
  return items.sort((a, b) => b.daysLate - a.daysLate || a.row.id - b.row.id);
}

export interface SummaryInput<R extends SummaryRow> {
  groups: readonly SummaryGroup[];
  countries: readonly CountryCount[];
  /** Candidates for "coming up" (at least the first `upcomingLimit` from today on); the rules are applied here. */
  upcoming: readonly R[];
  /** How many are coming up in all, when `upcoming` holds only the first ones (a count query). */
  upcomingTotal?: number;
  /** Candidates for "overdue" (at least the longest overdue ones); the rules are applied here. */
  overdueCandidates: readonly R[];
  /** How many are overdue in all, when `overdueCandidates` holds only the first ones. */
  overdueTotal?: number;
}

export interface Summary<R extends SummaryRow> {
  total: number;
  byType: Count<ActivityType>[];
  byStatus: Count<ActivityStatus>[];
  byAgency: Count<number>[];
  byCountry: Count<string>[];
  /** Pending activities from today on, soonest first (at most `upcomingLimit`). */
  upcoming: R[];
  upcomingTotal: number;
  overdue: OverdueItem<R>[];
  overdueTotal: number;
}

export interface SummarizeOptions {
  today: Date;
  upcomingLimit?: number;
  graceDays?: number;
}

/** Counts by type, status, lead agency and country, the next activities and every overdue one. */
export function summarize<R extends SummaryRow>(input: SummaryInput<R>, opts: SummarizeOptions): Summary<R> {
  const byType = new Map<ActivityType, number>();
  const byStatus = new Map<ActivityStatus, number>();
  const byAgency = new Map<number, number>();
  let total = 0;
  for (const g of input.groups) {
    total += g.count;
    byType.set(g.type, (byType.get(g.type) ?? 0) + g.count);
    byStatus.set(g.status, (byStatus.get(g.status) ?? 0) + g.count);
    byAgency.set(g.leadAgencyId, (byAgency.get(g.leadAgencyId) ?? 0) + g.count);
  }
  const byCountry = new Map<string, number>();
  for (const c of input.countries) byCountry.set(c.countryCode, (byCountry.get(c.countryCode) ?? 0) + c.count);
  const upcoming = upcomingActivities(input.upcoming, opts.today, Infinity);
  const overdue = overdueActivities(input.overdueCandidates, opts.today, opts.graceDays);
  return {
    total,
    byType: sortedCounts(byType, ACTIVITY_TYPES),
    byStatus: sortedCounts(byStatus, ACTIVITY_STATUSES),
    byAgency: sortedCounts(byAgency),
    byCountry: sortedCounts(byCountry),
    upcoming: upcoming.slice(0, opts.upcomingLimit ?? 5),
    upcomingTotal: input.upcomingTotal ?? upcoming.length,
    overdue,
    overdueTotal: Math.max(input.overdueTotal ?? 0, overdue.length),
  };
}

/** The groups and country counts a database would return for these rows. */
export function groupRows(rows: readonly CountedRow[]): { groups: SummaryGroup[]; countries: CountryCount[] } {
  const groups = new Map<string, SummaryGroup>();
  const countries = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.type}|${r.status}|${r.leadAgencyId}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { type: r.type, status: r.status, leadAgencyId: r.leadAgencyId, count: 1 });
    for (const c of new Set(r.countryCodes)) countries.set(c, (countries.get(c) ?? 0) + 1);
  }
  return {
    groups: [...groups.values()],
    countries: [...countries].map(([countryCode, count]) => ({ countryCode, count })),
  };
}

/** Summary straight from the rows of one period. */
export function summarizeRows<R extends CountedRow>(rows: readonly R[], opts: SummarizeOptions): Summary<R> {
  return summarize({ ...groupRows(rows), upcoming: rows, overdueCandidates: rows }, opts);
}

/**
 * The period a leader asked for: empty means the current year; otherwise anything parsePeriod
 * accepts (`2025`, `q3`, `quý III/2025`, `tháng 9`, `tháng này`, `tuần này`, `6 tháng đầu năm`…)
 * except a deadline, which is not a span of time.
 */
export function summaryPeriod(input: string, now: DateTime): Timing | null {
  const text = input.trim();
  if (text === '') return { precision: 'YEAR', start: `${now.year}-01-01`, end: `${now.year}-12-31` };
  const r = parsePeriod(text, now);
  if (!r.ok || r.timing.precision === 'DEADLINE' || !r.timing.start || !r.timing.end) return null;
  return r.timing;
}
