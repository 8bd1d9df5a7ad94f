/**
 * Amounts in Vietnamese đồng as officials type them: `1.500.000`, `1,500,000`,
 * `1.500.000đ`, `1,5 tỷ`, `200tr`, `50k`, `1 tỷ 500 triệu`, … Exact (bigint).
 */
import { stripDiacritics } from './format.js';

export type MoneyErrorCode = 'EMPTY' | 'INVALID' | 'NEGATIVE' | 'TOO_LARGE';
export type MoneyResult = { ok: true; vnd: bigint } | { ok: false; error: { code: MoneyErrorCode; detail?: string } };

/** Largest accepted amount (10^15 đồng). */
export const MAX_VND = 10n ** 15n;
const MAX_INPUT_LENGTH = 100;

const UNITS: Record<string, bigint> = {
  ty: 1_000_000_000n,
  ti: 1_000_000_000n,
  billion: 1_000_000_000n,
  bn: 1_000_000_000n,
  trieu: 1_000_000n,
  tr: 1_000_000n,
  million: 1_000_000n,
  mil: 1_000_000n,
  nghin: 1_000n,
  ngan: 1_000n,
  k: 1_000n,
  thousand: 1_000n,
};
const UNIT_SOURCE = Object.keys(UNITS)
  .sort((a, b) => b.length - a.length)
  .join('|');

/** One "number [unit]" term; digits may be grouped by `.`, `,` or single spaces before 3 digits. */
const TERM = new RegExp(String.raw`\s*(\d[\d.,]*(?: \d{3}(?![\d.,]))*)\s*(${UNIT_SOURCE})?(?![a-z])`, 'y');
const CURRENCY = /\s*(?:vnd|dong|d|vn d)$/;

class MoneyFailure extends Error {
  constructor(readonly code: MoneyErrorCode) {
    super(code);
  }
}
function invalid(): never {
  throw new MoneyFailure('INVALID');
}

function checkGroups(groups: string[]): void {
  const [first, ...rest] = groups;
  if (!first || first.length > 3 || rest.some((g) => g.length !== 3)) invalid();
}

/**
 * Splits a number into integer digits and decimal digits.
 * Rules: both `.` and `,` → the last one is the decimal mark; one mark repeated →
 * thousands groups; one mark once → thousands if exactly 3 digits follow (and the
 * integer part is not 0), decimal otherwise.
 */
function splitNumber(raw: string): { int: string; frac: string } {
  if (raw.includes(' ')) {
    if (/[.,]/.test(raw)) invalid();
    const groups = raw.split(' ');
    checkGroups(groups);
    return { int: groups.join(''), frac: '' };
  }
  const dots = raw.split('.').length - 1;
  const commas = raw.split(',').length - 1;
  if (dots === 0 && commas === 0) return { int: raw, frac: '' };
  let decimal: string | null = null;
  let group: string | null = null;
  if (dots && commas) {
    decimal = raw.lastIndexOf('.') > raw.lastIndexOf(',') ? '.' : ',';
    group = decimal === '.' ? ',' : '.';
    if (raw.split(decimal).length - 1 > 1) invalid();
  } else {
    const mark = dots ? '.' : ',';
    const parts = raw.split(mark);
    const isGrouping = parts.length > 2 || (parts[1]?.length === 3 && parts[0] !== '0');
    if (isGrouping) group = mark;
    else decimal = mark;
  }
  const [intPart = '', frac = ''] = decimal ? raw.split(decimal) : [raw];
  if (decimal && !/^\d+$/.test(frac)) invalid();
  const groups = group ? intPart.split(group) : [intPart];
  if (group) checkGroups(groups);
  if (groups.some((g) => !/^\d+$/.test(g))) invalid();
  return { int: groups.join(''), frac };
}

/** Exact value of `raw × unit` in đồng; fractional đồng is invalid. */
function termValue(raw: string, unit: bigint): bigint {
  const { int, frac } = splitNumber(raw);
  const scale = 10n ** BigInt(frac.length);
  const scaled = (BigInt(int) * scale + BigInt(frac || '0')) * unit;
  if (scaled % scale !== 0n) invalid();
  return scaled / scale;
}

function parseAmount(s: string): bigint {
  const terms: { raw: string; unit: bigint | null }[] = [];
  let pos = 0;
  while (pos < s.length) {
    TERM.lastIndex = pos;
    const m = TERM.exec(s);
    if (!m || m[0].length === 0) invalid();
    terms.push({ raw: m[1] ?? '', unit: m[2] ? (UNITS[m[2]] ?? null) : null });
    pos = TERM.lastIndex;
  }
  const [only] = terms;
  if (!only) invalid();
  if (terms.length === 1) return termValue(only.raw, only.unit ?? 1n);
  // Compound "1 tỷ 500 triệu": every term has a unit, units strictly decreasing, each part < 1000 of its unit.
  let total = 0n;
  let previous: bigint | null = null;
  for (const { raw, unit } of terms) {
    if (unit === null || (previous !== null && unit >= previous)) invalid();
    const value = termValue(raw, unit);
    if (previous !== null && value >= previous) invalid();
    total += value;
    previous = unit;
  }
  return total;
}

/**
 * Parses an amount of money into đồng. Accepts thousands separators `.`/`,`/space,
 * decimal amounts with a unit (`1,5 tỷ`), units tỷ/triệu/tr/nghìn/ngàn/k
 * (and billion/million/thousand), currency suffixes đồng/đ/VND/₫, with or
 * without diacritics. Refuses negative, fractional-đồng, ambiguous and > 10^15 amounts.
 */
export function parseMoney(input: string): MoneyResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, error: { code: 'EMPTY' } };
  if (trimmed.length > MAX_INPUT_LENGTH) return { ok: false, error: { code: 'INVALID', detail: 'too long' } };
  let s = stripDiacritics(trimmed).toLowerCase().replace(/₫/g, ' ').replace(/\s+/g, ' ').trim();
  s = s.replace(/^vnd\s*/, '');
  const negative = /^(?:[-\u2212]|am\s)/.test(s);
  s = s
    .replace(/^(?:[-\u2212+]|am\s)\s*/, '')
    .replace(CURRENCY, '')
    .trim();
  try {
    if (s === '') invalid();
    const vnd = parseAmount(s);
    if (negative && vnd !== 0n) return { ok: false, error: { code: 'NEGATIVE' } };
    if (vnd > MAX_VND) return { ok: false, error: { code: 'TOO_LARGE' } };
    return { ok: true, vnd };
  } catch (e) {
    if (e instanceof MoneyFailure) return { ok: false, error: { code: e.code } };
    throw e;
  }
}

/** vi `1.500.000 đồng`, en `1,500,000 VND`. */
export function formatMoney(vnd: bigint, locale: 'vi' | 'en'): string {
  const sign = vnd < 0n ? '-' : '';
  const digits = (vnd < 0n ? -vnd : vnd).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'vi' ? '.' : ',');
  return locale === 'vi' ? `${sign}${grouped} đồng` : `${sign}${grouped} VND`;
}
