/** Public types of the timing module. */

export const TIMING_PRECISIONS = ['DAY', 'RANGE', 'MONTH', 'QUARTER', 'HALF_YEAR', 'YEAR', 'DEADLINE', 'TBD'] as const;
export type TimingPrecision = (typeof TIMING_PRECISIONS)[number];

/**
 * When an activity happens, as officials write it.
 * `start`/`end` are inclusive local calendar dates `yyyy-mm-dd`.
 * DEADLINE: start null, end = the deadline. TBD: both null, optional label.
 */
export interface Timing {
  precision: TimingPrecision;
  start: string | null;
  end: string | null;
  label?: string;
}

export const TIMING_ERROR_CODES = [
  'INVALID_DATE',
  'INVALID_MONTH',
  'INVALID_QUARTER',
  'RANGE_REVERSED',
  'UNRECOGNIZED',
  'EMPTY',
  'TOO_LONG',
  'YEAR_OUT_OF_RANGE',
] as const;
export type TimingErrorCode = (typeof TIMING_ERROR_CODES)[number];

/** `detail` is technical (offending fragment or a hint such as `MISSING_YEAR`), not user-facing. */
export interface TimingError {
  code: TimingErrorCode;
  detail?: string;
}

export type TimingResult = { ok: true; timing: Timing } | { ok: false; error: TimingError };

export type TimingLocale = 'vi' | 'en';

export const TIMING_MAX_LENGTH = 200;
export const TIMING_MIN_YEAR = 2000;
export const TIMING_MAX_YEAR = 2100;

/** Internal: thrown by pattern helpers, caught by the parser entry points. */
export class TimingFailure extends Error {
  constructor(readonly error: TimingError) {
    super(`${error.code}${error.detail ? `: ${error.detail}` : ''}`);
    this.name = 'TimingFailure';
  }
}

export function fail(code: TimingErrorCode, detail?: string): never {
  throw new TimingFailure(detail === undefined ? { code } : { code, detail });
}
