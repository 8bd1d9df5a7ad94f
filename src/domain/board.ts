/**
 * The plan board's rows and filters (docs/product.md#plan-board). Pure and free of Node and luxon: the server filters
 * with it (API answers, the report of the current filter) and the page is bundled with the very same
 * code, so what the table shows and what the download holds cannot differ.
 *
 * Periods follow the summaries' rule (`inPeriod` in summary.ts): an activity belongs to a period when
 * its days overlap it, whatever its precision (a quarter-precision activity in Q3 shows in July,
 * August and September); an undated one (TBD) belongs to whole years only — its plan's year, else its
 * reference's.
 */
import type { ActivityStatus, ActivityType, TimingPrecision } from './enums.js';
import { monthBounds, quarterBounds, yearBounds } from './timing/calendar.js';

/** One activity as the board's payload carries it (short, no nested objects). */
export interface BoardRow {
  id: number;
  ref: string;
  type: ActivityType;
  status: ActivityStatus;
  /** Lead agency id, coordinating agency ids. */
  lead: number;
  coord: number[];
  /** ISO 3166 alpha-2. */
  countries: string[];
  plan: number | null;
  precision: TimingPrecision;
  /** Inclusive local dates, `YYYY-MM-DD`; null when undecided. */
  start: string | null;
  end: string | null;
  /** The year an undated activity counts in (its plan's, else its reference's). */
  year: number | null;
  title: string;
  partner: string | null;
  place: string | null;
  /** Timing as shown to the user (`tháng 04/2027`, `quý III/2027`…), in the user's language. */
  timing: string;
  /** Estimated cost in VND (digits), when known. */
  cost: string | null;
}

/** Who sees what (domain/access.ts decides which): everything, or one agency's — led or coordinated. */
export type RowScope = { all: true } | { agencyId: number };

export function inScope(r: Pick<BoardRow, 'lead' | 'coord'>, scope: RowScope): boolean {
  return 'all' in scope || r.lead === scope.agencyId || r.coord.includes(scope.agencyId);
}

export interface BoardFilter {
  year?: number;
  /** 1-4, within `year`. */
  quarter?: number;
  /** 1-12, within `year` (wins over `quarter`). */
  month?: number;
  types?: string[];
  statuses?: string[];
  /** Lead agency id. */
  agency?: number;
  country?: string;
  plan?: number;
  /** Words, matched without diacritics or case against reference, title, partner, place, agency, country. */
  q?: string;
}

export const SORT_KEYS = ['ref', 'timing', 'type', 'status', 'lead', 'title', 'cost'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export function stripMarks(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D');
}

/** The search form of a text: no diacritics, lower case, single spaces. */
export function searchKey(s: string): string {
  return stripMarks(s).toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Names the search also looks at (agency and country names in the user's language). */
export interface SearchNames {
  agency(id: number): string;
  country(code: string): string;
}

/** Builds each row's search text once; `matches` uses it. */
export function indexRows(rows: readonly BoardRow[], names: SearchNames): Map<number, string> {
  const index = new Map<number, string>();
  for (const r of rows) {
    const parts = [
      r.ref,
      r.title,
      r.partner ?? '',
      r.place ?? '',
      names.agency(r.lead),
      ...r.coord.map((id) => names.agency(id)),
      ...r.countries.map((c) => `${c} ${names.country(c)}`),
    ];
    index.set(r.id, searchKey(parts.join(' ')));
  }
  return index;
}

export interface PeriodRange {
  from: string;
  to: string;
  wholeYear: number | null;
}

/** The period a filter asks for, or null when it asks for none (no year). */
export function filterPeriod(f: BoardFilter): PeriodRange | null {
  if (!f.year) return null;
  if (f.month) {
    const b = monthBounds(f.year, f.month);
    return { from: b.start, to: b.end, wholeYear: null };
  }
  if (f.quarter) {
    const b = quarterBounds(f.year, f.quarter);
    return { from: b.start, to: b.end, wholeYear: null };
  }
  const b = yearBounds(f.year);
  return { from: b.start, to: b.end, wholeYear: f.year };
}

export function rowInPeriod(r: Pick<BoardRow, 'start' | 'end' | 'year'>, p: PeriodRange): boolean {
  if (r.end === null) return p.wholeYear !== null && r.year === p.wholeYear;
  const start = r.start ?? r.end;
  return start <= p.to && r.end >= p.from;
}

/** A predicate for the filter; `index` (from indexRows) is needed when the filter has words. */
export function rowMatcher(f: BoardFilter, index?: Map<number, string>): (r: BoardRow) => boolean {
  const period = filterPeriod(f);
  const types = f.types?.length ? new Set(f.types) : null;
  const statuses = f.statuses?.length ? new Set(f.statuses) : null;
  const words = f.q ? searchKey(f.q).split(' ').filter(Boolean) : [];
  const country = f.country?.toUpperCase();
  return (r) => {
    if (types && !types.has(r.type)) return false;
    if (statuses && !statuses.has(r.status)) return false;
    if (f.agency && r.lead !== f.agency) return false;
    if (f.plan && r.plan !== f.plan) return false;
    if (country && !r.countries.includes(country)) return false;
    if (period && !rowInPeriod(r, period)) return false;
    if (words.length) {
      const text = index?.get(r.id) ?? '';
      for (const w of words) if (!text.includes(w)) return false;
    }
    return true;
  };
}

export function filterRows(rows: readonly BoardRow[], f: BoardFilter, index?: Map<number, string>): BoardRow[] {
  return rows.filter(rowMatcher(f, index));
}

/** Orders by `key` (ties by timing, then reference), in place. Undated rows sort after dated ones. */
export function sortRows(
  rows: BoardRow[],
  key: SortKey,
  desc: boolean,
  labels: { type(t: string): string; status(s: string): string; agency(id: number): string },
): BoardRow[] {
  const byTiming = (a: BoardRow, b: BoardRow) => {
    const x = a.start ?? a.end;
    const y = b.start ?? b.end;
    if (x !== y) return x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;
    return a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
  };
  const collator = new Intl.Collator('vi');
  const primary: Record<SortKey, (a: BoardRow, b: BoardRow) => number> = {
    ref: (a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0),
    timing: () => 0,
    type: (a, b) => collator.compare(labels.type(a.type), labels.type(b.type)),
    status: (a, b) => collator.compare(labels.status(a.status), labels.status(b.status)),
    lead: (a, b) => collator.compare(labels.agency(a.lead), labels.agency(b.lead)),
    title: (a, b) => collator.compare(a.title, b.title),
    cost: (a, b) => {
      if (a.cost === b.cost) return 0;
      if (a.cost === null) return desc ? -1 : 1;
      if (b.cost === null) return desc ? 1 : -1;
      const d = BigInt(a.cost) - BigInt(b.cost);
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    },
  };
  const sign = desc ? -1 : 1;
  return rows.sort((a, b) => sign * (primary[key](a, b) || byTiming(a, b)));
}

export interface BoardCounts {
  total: number;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  byAgency: Record<string, number>;
  byCountry: Record<string, number>;
}

export function countRows(rows: readonly BoardRow[]): BoardCounts {
  const c: BoardCounts = { total: rows.length, byType: {}, byStatus: {}, byAgency: {}, byCountry: {} };
  const inc = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  for (const r of rows) {
    inc(c.byType, r.type);
    inc(c.byStatus, r.status);
    inc(c.byAgency, String(r.lead));
    for (const k of r.countries) inc(c.byCountry, k);
  }
  return c;
}

const INT = /^\d{1,6}$/;
const LIST = /^[A-Z_]+(,[A-Z_]+)*$/;

/** A filter from query parameters (`?year=2027&type=OUTBOUND&country=JP&q=nhat`); bad values are dropped. */
export function parseFilter(params: URLSearchParams): BoardFilter {
  const f: BoardFilter = {};
  const int = (k: string, min: number, max: number) => {
    const v = params.get(k);
    if (v === null || !INT.test(v)) return undefined;
    const n = Number(v);
    return n >= min && n <= max ? n : undefined;
  };
  f.year = int('year', 1900, 2200);
  if (f.year) {
    f.quarter = int('quarter', 1, 4);
    f.month = int('month', 1, 12);
  }
  const list = (k: string) => {
    const v = params.get(k)?.toUpperCase();
    return v && LIST.test(v) ? v.split(',') : undefined;
  };
  f.types = list('type');
  f.statuses = list('status');
  f.agency = int('agency', 1, 1e9);
  f.plan = int('plan', 1, 1e9);
  const country = params.get('country');
  if (country && /^[A-Za-z]{2}$/.test(country)) f.country = country.toUpperCase();
  const q = params.get('q')?.trim();
  if (q) f.q = q.slice(0, 200);
  for (const k of Object.keys(f) as (keyof BoardFilter)[]) if (f[k] === undefined) delete f[k];
  return f;
}

/** The query string of a filter (the inverse of parseFilter). */
export function filterQuery(f: BoardFilter): string {
  const p = new URLSearchParams();
  if (f.year) p.set('year', String(f.year));
  if (f.year && f.quarter) p.set('quarter', String(f.quarter));
  if (f.year && f.month) p.set('month', String(f.month));
  if (f.types?.length) p.set('type', f.types.join(','));
  if (f.statuses?.length) p.set('status', f.statuses.join(','));
  if (f.agency) p.set('agency', String(f.agency));
  if (f.plan) p.set('plan', String(f.plan));
  if (f.country) p.set('country', f.country);
  if (f.q) p.set('q', f.q);
  return p.toString();
}
