/** Input clean-up: diacritics, case, dashes, spaces, filler words. */
import { stripDiacritics } from '../format.js';

const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const SLASHES = /[\u2044\u2215\uFF0F]/g;

/** Trims and collapses runs of whitespace (incl. NBSP) to one space. */
export function collapseSpaces(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Leading words that carry no date information ("dự kiến", "trong", "vào", "in", …). */
const FILLERS = /^(?:(?:du kien|thoi gian|thoi diem|trong|vao|in|during|on|expected|planned|scheduled)\b\s*:?\s*)+/;

/**
 * Canonical form matched by the patterns: lowercase ASCII (Vietnamese
 * diacritics removed, đ→d), unicode dashes/slashes unified, single spaces,
 * no trailing punctuation, no leading filler words.
 */
export function normalizeTimingText(raw: string): string {
  let s = stripDiacritics(raw.normalize('NFC')).toLowerCase();
  s = s.replace(DASHES, '-').replace(SLASHES, '/');
  s = collapseSpaces(s).replace(/[\s.,;:!]+$/, '');
  return s.replace(FILLERS, '');
}
