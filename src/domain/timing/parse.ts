/** Entry point: validation of raw input, normalisation, and error capture. */
import { normalizeTimingText } from './normalize.js';
import { matchTiming } from './patterns.js';
import { fail, type Timing, TimingFailure, type TimingLocale, type TimingResult, TIMING_MAX_LENGTH } from './types.js';

export interface ParseTimingOptions {
  /** Accepted for symmetry with formatTiming; parsing is bilingual regardless. */
  locale?: TimingLocale;
}

/** Shared driver: length checks, normalisation, TimingFailure → typed error. */
export function runTimingParser(input: string, match: (norm: string, original: string) => Timing | null): TimingResult {
  try {
    const original = input.trim();
    if (original === '') fail('EMPTY');
    if (original.length > TIMING_MAX_LENGTH) fail('TOO_LONG', String(TIMING_MAX_LENGTH));
    const norm = normalizeTimingText(original);
    if (norm === '') fail('UNRECOGNIZED');
    const timing = match(norm, original);
    if (!timing) fail('UNRECOGNIZED');
    return { ok: true, timing };
  } catch (e) {
    if (e instanceof TimingFailure) return { ok: false, error: e.error };
    throw e;
  }
}

/**
 * Parses a timing as written in official documents (Vietnamese or English),
 * e.g. `15/4/2025`, `10-15/4/2025`, `tháng 4/2025`, `quý III/2025`,
 * `6 tháng đầu năm 2025`, `trước 15/9/2023`, `theo kế hoạch của Bộ Ngoại giao`.
 * A year is required (use parsePeriod for relative inputs).
 */
export function parseTiming(input: string, _opts?: ParseTimingOptions): TimingResult {
  return runTimingParser(input, (norm, original) => matchTiming(norm, original, {}));
}
