/** Timing of activities as officials write it: parsing, formatting, periods. */
export {
  type Timing,
  type TimingPrecision,
  type TimingError,
  type TimingErrorCode,
  type TimingResult,
  type TimingLocale,
  TIMING_PRECISIONS,
  TIMING_ERROR_CODES,
  TIMING_MAX_LENGTH,
  TIMING_MIN_YEAR,
  TIMING_MAX_YEAR,
} from './types.js';
export { parseTiming, type ParseTimingOptions } from './parse.js';
export { parsePeriod } from './period.js';
export { formatTiming } from './format.js';
export {
  timingStartDate,
  timingEndDate,
  timingOverlaps,
  compareTimings,
  DEFAULT_TIMING_ZONE,
  isoDateToUtcDate,
  utcDateToIsoDate,
  timingToColumns,
  timingFromColumns,
  type TimingColumns,
} from './dates.js';
export { TimingSchema } from './schema.js';
export { TIMING_EXAMPLES, TIMING_EXAMPLES_EN } from './examples.js';
export { isLeapYear, daysInMonth } from './calendar.js';
