/** Calendar arithmetic on plain numbers and ISO date strings (no time zones involved). */

export interface Bounds {
  start: string;
  end: string;
}

export interface YMD {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Days in `month` (1–12) of `year`; 0 for an invalid month. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  return DAYS[month - 1] ?? 0;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Parses a strict `yyyy-mm-dd` that denotes a real date. */
export function parseIsoDate(iso: string): YMD | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(year, month, day) ? { year, month, day } : null;
}

/** `dd/mm/yyyy` from an ISO date. */
export function isoToDmy(iso: string): string {
  const d = parseIsoDate(iso);
  return d ? `${pad2(d.day)}/${pad2(d.month)}/${d.year}` : iso;
}

export function monthBounds(year: number, month: number): Bounds {
  return { start: isoDate(year, month, 1), end: isoDate(year, month, daysInMonth(year, month)) };
}

export function quarterBounds(year: number, quarter: number): Bounds {
  const first = (quarter - 1) * 3 + 1;
  return { start: isoDate(year, first, 1), end: monthBounds(year, first + 2).end };
}

export function halfBounds(year: number, half: 1 | 2): Bounds {
  return half === 1
    ? { start: isoDate(year, 1, 1), end: isoDate(year, 6, 30) }
    : { start: isoDate(year, 7, 1), end: isoDate(year, 12, 31) };
}

export function yearBounds(year: number): Bounds {
  return { start: isoDate(year, 1, 1), end: isoDate(year, 12, 31) };
}

export function quarterOfMonth(month: number): number {
  return Math.floor((month - 1) / 3) + 1;
}

export const ROMAN_QUARTERS = ['I', 'II', 'III', 'IV'] as const;

/** 1–4 for `i`…`iv` (any case); null otherwise. */
export function romanToQuarter(roman: string): number | null {
  const i = ROMAN_QUARTERS.indexOf(roman.toUpperCase() as (typeof ROMAN_QUARTERS)[number]);
  return i < 0 ? null : i + 1;
}
