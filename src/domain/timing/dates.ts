/** Helpers turning a Timing into instants, and comparing/filtering timings. */
import { DateTime } from 'luxon';
import type { Timing } from './types.js';

export const DEFAULT_TIMING_ZONE = 'Asia/Ho_Chi_Minh';

/** Start of the first day (00:00 in `zone`), or null for DEADLINE/TBD. */
export function timingStartDate(t: Timing, zone: string = DEFAULT_TIMING_ZONE): DateTime | null {
  return t.start ? DateTime.fromISO(t.start, { zone }).startOf('day') : null;
}

/** End of the last day (23:59:59.999 in `zone`; the deadline for DEADLINE), or null for TBD. */
export function timingEndDate(t: Timing, zone: string = DEFAULT_TIMING_ZONE): DateTime | null {
  return t.end ? DateTime.fromISO(t.end, { zone }).endOf('day') : null;
}

/** The [from, to] dates a timing occupies: a DEADLINE counts as its due date, TBD as nothing. */
function span(t: Timing): [string, string] | null {
  if (!t.end) return null;
  return [t.start ?? t.end, t.end];
}

/** Whether two timings share at least one day (e.g. an activity within a summary period). */
export function timingOverlaps(a: Timing, b: Timing): boolean {
  const x = span(a);
  const y = span(b);
  return x !== null && y !== null && x[0] <= y[1] && y[0] <= x[1];
}

/** Sort order: by first day (deadline: due date), then last day; TBD last. */
export function compareTimings(a: Timing, b: Timing): number {
  const x = span(a);
  const y = span(b);
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return x[0].localeCompare(y[0]) || x[1].localeCompare(y[1]);
}

// ---- storage (prisma: startDate/endDate = UTC midnight of the local date) ----

/** `2025-04-15` → Date at 2025-04-15T00:00:00Z. */
export function isoDateToUtcDate(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** Date at UTC midnight → `yyyy-mm-dd`. */
export function utcDateToIsoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface TimingColumns {
  timingPrecision: Timing['precision'];
  startDate: Date | null;
  endDate: Date | null;
  timingLabel: string | null;
}

/** Timing → Activity columns (timingPrecision, startDate, endDate, timingLabel). */
export function timingToColumns(t: Timing): TimingColumns {
  return {
    timingPrecision: t.precision,
    startDate: t.start ? isoDateToUtcDate(t.start) : null,
    endDate: t.end ? isoDateToUtcDate(t.end) : null,
    timingLabel: t.label ?? null,
  };
}

/** Activity columns → Timing (inverse of timingToColumns). */
export function timingFromColumns(c: TimingColumns): Timing {
  const t: Timing = {
    precision: c.timingPrecision,
    start: c.startDate ? utcDateToIsoDate(c.startDate) : null,
    end: c.endDate ? utcDateToIsoDate(c.endDate) : null,
  };
  if (c.timingLabel) t.label = c.timingLabel;
  return t;
}
