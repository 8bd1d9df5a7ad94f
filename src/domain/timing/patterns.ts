/**
 * Top-level shapes of a timing: TBD phrases, deadlines, a single period,
 * or a range "A - B" / "từ A đến B" / "A to B" whose sides are periods.
 * Functions here throw TimingFailure for impossible values and return null
 * when the shape does not apply.
 */
import { collapseSpaces } from './normalize.js';
import { TBD_EXACT, TBD_LABEL_PREFIXES } from './lexicon.js';
import { adoptKind, PRECISION_OF_KIND, parseSpec, type Spec, specBounds, standaloneBare, startMonth } from './spec.js';
import { fail, type Timing, TimingFailure } from './types.js';

export interface MatchContext {
  /** Year used when the input has none (relative periods); undefined → MISSING_YEAR. */
  defaultYear?: number;
}

export function matchTbd(norm: string, original: string): Timing | null {
  if (TBD_EXACT.has(norm)) return { precision: 'TBD', start: null, end: null };
  if (TBD_LABEL_PREFIXES.some((p) => norm === p || norm.startsWith(`${p} `))) {
    return { precision: 'TBD', start: null, end: null, label: collapseSpaces(original) };
  }
  return null;
}

const DEADLINE =
  /^(?:truoc|cham nhat(?: la)?|han chot(?: la)?|han|before|by|no later than|not later than|deadline)\s*:?\s+(.+)$/;

export function matchDeadline(norm: string, ctx: MatchContext): Timing | null {
  const m = DEADLINE.exec(norm);
  if (!m) return null;
  const spec = parseSpec(m[1] ?? '');
  if (!spec) return null;
  if (spec.kind !== 'day' || spec.month === undefined) fail('UNRECOGNIZED', 'DEADLINE_NEEDS_DAY');
  return { precision: 'DEADLINE', start: null, end: specBounds(spec, ctx.defaultYear).end };
}

export function matchSingle(norm: string, ctx: MatchContext): Timing | null {
  let spec = parseSpec(norm);
  if (spec?.kind === 'bare') spec = standaloneBare(spec);
  if (!spec || spec.kind === 'bare') return null;
  const { start, end } = specBounds(spec, ctx.defaultYear);
  return { precision: PRECISION_OF_KIND[spec.kind], start, end };
}

/**
 * A year-less side is taken to cross into the next year only when it goes from
 * the second half of a year into the first half ("28/12 - 3/1/2026",
 * "tháng 11 - tháng 2/2026"); otherwise "tháng 6 - tháng 4/2025" is reversed.
 */
function crossesNewYear(a: Spec, b: Spec): boolean {
  return startMonth(a) >= 7 && startMonth(b) <= 6;
}

/** Gives both sides a kind, the day side a month and both a year (crossing new year if needed). */
function completeRange(left: Spec, right: Spec, ctx: MatchContext): [Spec, number, Spec, number] | null {
  let a: Spec | null = left;
  let b: Spec | null = right;
  if (a.kind === 'bare' && b.kind === 'bare') {
    // "4-6/2025": two months
    if (b.year === undefined) return null;
    a = adoptKind(a, { kind: 'month', month: 1 });
    b = adoptKind(b, { kind: 'month', month: 1 });
  } else if (a.kind === 'bare') {
    a = adoptKind(a, b);
  } else if (b.kind === 'bare') {
    b = adoptKind(b, a);
  }
  if (!a || !b) return null;
  if (a.kind === 'day' && a.month === undefined) {
    if (b.kind !== 'day' || b.month === undefined) return null;
    a = { ...a, month: b.month };
  }
  if (b.kind === 'day' && b.month === undefined) {
    if (a.kind !== 'day' || a.month === undefined) return null;
    b = { ...b, month: a.month };
  }
  let yearA = a.year;
  let yearB = b.year;
  if (yearA === undefined && yearB === undefined) {
    if (ctx.defaultYear === undefined) fail('UNRECOGNIZED', 'MISSING_YEAR');
    yearA = ctx.defaultYear;
  }
  const wraps = crossesNewYear(a, b);
  if (yearA === undefined && yearB !== undefined) yearA = wraps ? yearB - 1 : yearB;
  if (yearB === undefined && yearA !== undefined) yearB = wraps ? yearA + 1 : yearA;
  if (yearA === undefined || yearB === undefined) return null;
  return [a, yearA, b, yearB];
}

function resolveRange(left: Spec, right: Spec, ctx: MatchContext): Timing | null {
  const done = completeRange(left, right, ctx);
  if (!done) return null;
  const [a, yearA, b, yearB] = done;
  const from = specBounds(a, yearA);
  const to = specBounds(b, yearB);
  if (from.start > to.start || from.end > to.end) fail('RANGE_REVERSED', `${from.start} > ${to.start}`);
  if (from.start === to.end) return { precision: 'DAY', start: from.start, end: to.end };
  return { precision: 'RANGE', start: from.start, end: to.end };
}

const RANGE_PREFIX = /^(?:tu|from|giai doan|thoi ky|period)\s+/;
const RANGE_SEPARATOR = /\s*[-~]\s*|\s+(?:den|toi|to|until|till|through|thru)\s+/g;

/** Tries every separator position; the first split whose two sides make a valid range wins. */
export function matchRange(norm: string, ctx: MatchContext): Timing | null {
  const s = norm.replace(RANGE_PREFIX, '');
  let firstFailure: TimingFailure | null = null;
  for (const sep of s.matchAll(RANGE_SEPARATOR)) {
    const left = s.slice(0, sep.index).trim();
    const right = s.slice(sep.index + sep[0].length).trim();
    if (!left || !right) continue;
    try {
      const a = parseSpec(left);
      const b = a && parseSpec(right);
      const timing = a && b ? resolveRange(a, b, ctx) : null;
      if (timing) return timing;
    } catch (e) {
      if (!(e instanceof TimingFailure)) throw e;
      firstFailure ??= e;
    }
  }
  if (firstFailure) throw firstFailure;
  return null;
}

/** All absolute shapes, in priority order. */
export function matchTiming(norm: string, original: string, ctx: MatchContext): Timing | null {
  return matchTbd(norm, original) ?? matchDeadline(norm, ctx) ?? matchSingle(norm, ctx) ?? matchRange(norm, ctx);
}
