/**
 * One period expression ("15/4/2025", "tháng 4", "quý III/2025", "H1 2025", "10", …)
 * parsed into a Spec whose missing parts (year, month) a range or a default
 * year may fill in, then resolved to calendar bounds.
 */
import {
  type Bounds,
  halfBounds,
  isoDate,
  isValidDate,
  monthBounds,
  quarterBounds,
  romanToQuarter,
  yearBounds,
} from './calendar.js';
import { MONTH_EN_SOURCE, monthFromName } from './lexicon.js';
import { fail, TIMING_MAX_YEAR, TIMING_MIN_YEAR, type TimingPrecision } from './types.js';

export type Spec =
  | { kind: 'day'; day: number; month?: number; year?: number }
  | { kind: 'month'; month: number; year?: number }
  | { kind: 'quarter'; quarter: number; year?: number }
  | { kind: 'half'; half: 1 | 2; year?: number }
  | { kind: 'year'; year: number }
  /** A lone number or roman numeral ("10", "iii", "6/2025") whose meaning depends on context. */
  | { kind: 'bare'; token: string; year?: number };

export const PRECISION_OF_KIND: Record<Exclude<Spec['kind'], 'bare'>, TimingPrecision> = {
  day: 'DAY',
  month: 'MONTH',
  quarter: 'QUARTER',
  half: 'HALF_YEAR',
  year: 'YEAR',
};

// ---- value converters (throw typed failures) ------------------------------

export function checkYear(year: number, detail: string = String(year)): number {
  if (!(year >= TIMING_MIN_YEAR && year <= TIMING_MAX_YEAR)) fail('YEAR_OUT_OF_RANGE', detail);
  return year;
}

/** 4-digit year, or 2-digit meaning 20yy; undefined passes through. */
function toYear(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  return checkYear(s.length === 2 ? 2000 + Number(s) : Number(s), s);
}

export function toMonth(s: string): number {
  const m = Number(s);
  if (!(Number.isInteger(m) && m >= 1 && m <= 12)) fail('INVALID_MONTH', s);
  return m;
}

export function toQuarter(s: string): number {
  const q = /^\d+$/.test(s) ? Number(s) : romanToQuarter(s);
  if (q === null || q < 1 || q > 4) fail('INVALID_QUARTER', s);
  return q;
}

function monthName(s: string | undefined): number {
  const m = monthFromName(s ?? '');
  if (m === null) fail('INVALID_MONTH', s);
  return m;
}

const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
};

// ---- grammar ---------------------------------------------------------------

/** Joins a period and its year: "/", "-", ".", ",", space, optionally "năm"/"of". */
const YJ = String.raw`(?:\s*[\/,.-]\s*|\s+)(?:(?:nam|of)\s*)?`;
const OPT_YEAR = String.raw`(?:${YJ}(\d{4}))?`;
const MON = String.raw`(${MONTH_EN_SOURCE})\.?`;
const ORD = String.raw`(?:st|nd|rd|th)?`;

type Rule = [RegExp, (m: RegExpExecArray) => Spec];
const rule = (source: string, build: (m: RegExpExecArray) => Spec): Rule => [new RegExp(`^${source}$`), build];
const num = (s: string | undefined): number => Number(s);

const RULES: Rule[] = [
  // 2025-04-15, 2025/4/15
  rule(String.raw`(\d{4})([-\/.])(\d{1,2})\2(\d{1,2})`, (m) => ({
    kind: 'day',
    year: toYear(m[1]),
    month: num(m[3]),
    day: num(m[4]),
  })),
  // 15/4/2025, 15-04-2025, 15.4.2025, 15/4/25 (same separator twice)
  rule(String.raw`(\d{1,2})\s*([\/.-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})`, (m) => ({
    kind: 'day',
    day: num(m[1]),
    month: num(m[3]),
    year: toYear(m[4]),
  })),
  // 15/4, 15.4, 15/4 năm 2025
  rule(String.raw`(\d{1,2})\s*[\/.]\s*(\d{1,2})(?:\s*,?\s+(?:nam\s+)?(\d{4}))?`, (m) => ({
    kind: 'day',
    day: num(m[1]),
    month: num(m[2]),
    year: toYear(m[3]),
  })),
  // 15 tháng 4 năm 2025, 15 tháng 4/2025, 15 tháng 4
  rule(String.raw`(\d{1,2})\s+(?:thang|thg)\s*(\d{1,2})\b${OPT_YEAR}`, (m) => ({
    kind: 'day',
    day: num(m[1]),
    month: num(m[2]),
    year: toYear(m[3]),
  })),
  // 15 April 2025, 15th of April, 2025
  rule(String.raw`(\d{1,2})${ORD}\s*(?:of\s+)?${MON}${OPT_YEAR}`, (m) => ({
    kind: 'day',
    day: num(m[1]),
    month: monthName(m[2]),
    year: toYear(m[3]),
  })),
  // April 15, 2025 / Apr 15 2025
  rule(String.raw`${MON}\s*(\d{1,2})${ORD}\b${OPT_YEAR}`, (m) => ({
    kind: 'day',
    day: num(m[2]),
    month: monthName(m[1]),
    year: toYear(m[3]),
  })),
  // tháng 4/2025, tháng 04 năm 2025, T4/2025, thg 4
  rule(String.raw`(?:thang|thg|t)\s*\.?\s*(\d{1,2})\b${OPT_YEAR}`, (m) => ({
    kind: 'month',
    month: toMonth(m[1] ?? ''),
    year: toYear(m[2]),
  })),
  // 2025-04
  rule(String.raw`(\d{4})\s*[-\/]\s*(\d{1,2})`, (m) => ({
    kind: 'month',
    year: toYear(m[1]),
    month: toMonth(m[2] ?? ''),
  })),
  // April 2025, Apr, 2025, September
  rule(String.raw`${MON}${OPT_YEAR}`, (m) => ({ kind: 'month', month: monthName(m[1]), year: toYear(m[2]) })),
  // quý III/2025, quý III/năm 2025, quý 3, Q3 2025, quarter 3
  rule(String.raw`(?:quy|quarter|q)\s*([ivx]+|\d{1,2})\b${OPT_YEAR}`, (m) => ({
    kind: 'quarter',
    quarter: toQuarter(m[1] ?? ''),
    year: toYear(m[2]),
  })),
  // third quarter of 2025
  rule(String.raw`(?:the\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter${OPT_YEAR}`, (m) => ({
    kind: 'quarter',
    quarter: ORDINALS[m[1] ?? ''] ?? fail('INVALID_QUARTER', m[1]),
    year: toYear(m[2]),
  })),
  // 6 tháng đầu năm 2025, nửa cuối năm 2025, những tháng cuối năm, cuối năm 2025, đầu năm
  rule(
    String.raw`(?:(?:nhung|cac)\s+thang\s+)?(?:(?:6|sau)\s*thang\s+|nua\s+)?(dau|cuoi)\s+(?:cua\s+)?nam(?:\s*[\/,.-]?\s*(\d{4}))?`,
    (m) => ({ kind: 'half', half: m[1] === 'dau' ? 1 : 2, year: toYear(m[2]) }),
  ),
  // H1 2025, H2/2025
  rule(String.raw`h\s*([12])\b${OPT_YEAR}`, (m) => ({ kind: 'half', half: m[1] === '1' ? 1 : 2, year: toYear(m[2]) })),
  // first half of 2025, the second half of the year
  rule(String.raw`(?:the\s+)?(first|1st|second|2nd)\s+half(?:\s+of)?(?:\s+the\s+year)?${OPT_YEAR}`, (m) => ({
    kind: 'half',
    half: ORDINALS[m[1] ?? ''] === 1 ? 1 : 2,
    year: toYear(m[2]),
  })),
  // end of 2025, late 2025 (= H2); beginning of 2025, early 2025 (= H1)
  rule(String.raw`(?:(?:the\s+)?(?:end|close)\s+of(?:\s+the\s+year)?|late)${OPT_YEAR}`, (m) => ({
    kind: 'half',
    half: 2,
    year: toYear(m[1]),
  })),
  rule(String.raw`(?:(?:the\s+)?(?:beginning|start)\s+of(?:\s+the\s+year)?|early)${OPT_YEAR}`, (m) => ({
    kind: 'half',
    half: 1,
    year: toYear(m[1]),
  })),
  // năm 2025, cả năm 2025, 2025, year 2025
  rule(String.raw`(?:(?:ca\s+)?nam|year)?\s*(\d{4})`, (m) => ({ kind: 'year', year: toYear(m[1]) ?? 0 })),
  // 10, iii, 6/2025, ii/2025, "15, 2025"
  rule(String.raw`(\d{1,2}|[ivx]+)${OPT_YEAR}`, (m) => ({ kind: 'bare', token: m[1] ?? '', year: toYear(m[2]) })),
];

/** Parses one period expression; null if it has no recognised shape. Throws TimingFailure for impossible values. */
export function parseSpec(text: string): Spec | null {
  const s = text.trim().replace(/^(?:het\s+)?(?:ngay\s+)?/, '');
  for (const [re, build] of RULES) {
    const m = re.exec(s);
    if (m) return build(m);
  }
  return null;
}

// ---- context ---------------------------------------------------------------

const isNumeric = (token: string): boolean => /^\d+$/.test(token);

/** A bare token on its own: "6/2025" is a month; anything else is not a period. */
export function standaloneBare(spec: Spec & { kind: 'bare' }): Spec | null {
  if (spec.year === undefined || !isNumeric(spec.token)) return null;
  return { kind: 'month', month: toMonth(spec.token), year: spec.year };
}

/** Reads a bare token as the same kind as `other` ("10-15/4" → day, "quý I-II" → quarter). */
export function adoptKind(bare: Spec & { kind: 'bare' }, other: Spec): Spec | null {
  const { token, year } = bare;
  switch (other.kind) {
    case 'day':
      return isNumeric(token) ? { kind: 'day', day: Number(token), year } : null;
    case 'month':
      return isNumeric(token) ? { kind: 'month', month: toMonth(token), year } : null;
    case 'quarter':
      return { kind: 'quarter', quarter: toQuarter(token), year };
    default:
      return null;
  }
}

/** Month (1–12) where the spec's period starts; used to detect ranges crossing a new year. */
export function startMonth(spec: Spec): number {
  switch (spec.kind) {
    case 'day':
      return spec.month ?? 1;
    case 'month':
      return spec.month;
    case 'quarter':
      return (spec.quarter - 1) * 3 + 1;
    case 'half':
      return spec.half === 1 ? 1 : 7;
    default:
      return 1;
  }
}

/** Calendar bounds of a spec, using `fallbackYear` when it carries no year. */
export function specBounds(spec: Spec, fallbackYear?: number): Bounds {
  const year = spec.year ?? fallbackYear;
  if (year === undefined) fail('UNRECOGNIZED', 'MISSING_YEAR');
  checkYear(year);
  switch (spec.kind) {
    case 'day': {
      const { day, month } = spec;
      if (month === undefined) fail('UNRECOGNIZED', 'MISSING_MONTH');
      if (!isValidDate(year, month, day)) fail('INVALID_DATE', `${day}/${month}/${year}`);
      const iso = isoDate(year, month, day);
      return { start: iso, end: iso };
    }
    case 'month':
      return monthBounds(year, spec.month);
    case 'quarter':
      return quarterBounds(year, spec.quarter);
    case 'half':
      return halfBounds(year, spec.half);
    case 'year':
      return yearBounds(year);
    case 'bare':
      return fail('UNRECOGNIZED', spec.token);
  }
}
