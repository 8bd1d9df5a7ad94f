/**
 * Periods for summaries: everything parseTiming accepts, plus relative
 * periods resolved against `now` ("tháng này", "this week", "q3", "tháng 9",
 * "6 tháng đầu năm", "7 ngày tới", …). Inputs without a year use now's year.
 */
import type { DateTime, DateTimeUnit } from 'luxon';
import { matchTiming } from './patterns.js';
import { runTimingParser } from './parse.js';
import { fail, type Timing, type TimingPrecision, type TimingResult } from './types.js';

type Unit = Extract<DateTimeUnit, 'week' | 'month' | 'quarter' | 'year'>;

const UNIT_PRECISION: Record<Unit, TimingPrecision> = {
  week: 'RANGE',
  month: 'MONTH',
  quarter: 'QUARTER',
  year: 'YEAR',
};
const UNIT_VI: Record<string, Unit> = { tuan: 'week', thang: 'month', quy: 'quarter', nam: 'year' };
const OFFSET: Record<string, number> = {
  nay: 0,
  this: 0,
  current: 0,
  truoc: -1,
  qua: -1,
  ngoai: -1,
  last: -1,
  previous: -1,
  past: -1,
  sau: 1,
  toi: 1,
  next: 1,
  coming: 1,
};

const day = (d: DateTime): string => d.toISODate() ?? '';

function span(precision: TimingPrecision, from: DateTime, to: DateTime): Timing {
  return { precision, start: day(from), end: day(to) };
}

function unitPeriod(now: DateTime, unit: Unit, offset: number): Timing {
  const from = now.startOf(unit).plus({ [unit]: offset });
  return span(UNIT_PRECISION[unit], from, from.endOf(unit));
}

const SINGLE_DAYS: Record<string, number> = {
  'hom nay': 0,
  'ngay hom nay': 0,
  today: 0,
  'ngay mai': 1,
  mai: 1,
  tomorrow: 1,
  'hom qua': -1,
  yesterday: -1,
};

/** Relative expressions that need `now` (null if not one). */
export function matchRelative(norm: string, now: DateTime): Timing | null {
  const today = now.startOf('day');
  const single = SINGLE_DAYS[norm];
  if (single !== undefined) {
    const d = today.plus({ days: single });
    return span('DAY', d, d);
  }
  let m = /^(tuan|thang|quy|nam)\s+(nay|truoc|qua|ngoai|sau|toi)$/.exec(norm);
  if (m) return unitPeriod(now, UNIT_VI[m[1] ?? ''] ?? 'month', OFFSET[m[2] ?? ''] ?? 0);
  m = /^(this|current|last|previous|past|next|coming)\s+(week|month|quarter|year)$/.exec(norm);
  if (m) return unitPeriod(now, m[2] as Unit, OFFSET[m[1] ?? ''] ?? 0);

  // "7 ngày tới", "30 ngày qua", "next 7 days", "last 30 days"
  let n: number | undefined;
  let forward = true;
  m = /^(\d{1,3})\s+ngay\s+(toi|sap toi|qua|vua qua|gan day|gan nhat)$/.exec(norm);
  if (m) [n, forward] = [Number(m[1]), m[2] === 'toi' || m[2] === 'sap toi'];
  m = /^(?:the\s+)?(next|coming|last|past)\s+(\d{1,3})\s+days?$/.exec(norm);
  if (m) [n, forward] = [Number(m[2]), m[1] === 'next' || m[1] === 'coming'];
  if (n !== undefined) {
    if (n < 1 || n > 366) fail('UNRECOGNIZED', `DAY_COUNT ${n}`);
    return forward
      ? span('RANGE', today, today.plus({ days: n - 1 }))
      : span('RANGE', today.minus({ days: n - 1 }), today);
  }
  return null;
}

/**
 * Like parseTiming, but also accepts relative periods and year-less inputs
 * (resolved against `now`, a luxon DateTime already in the local zone).
 * A TBD phrase is refused (UNRECOGNIZED, detail NOT_A_PERIOD).
 */
export function parsePeriod(input: string, now: DateTime): TimingResult {
  if (!now.isValid) throw new RangeError('parsePeriod: invalid `now`');
  return runTimingParser(input, (norm, original) => {
    const timing = matchRelative(norm, now) ?? matchTiming(norm, original, { defaultYear: now.year });
    if (timing?.precision === 'TBD') fail('UNRECOGNIZED', 'NOT_A_PERIOD');
    return timing;
  });
}
