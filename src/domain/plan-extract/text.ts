/** Text helpers shared by the extractor: folding for comparisons, whitespace. */

/** Lower-case, no diacritics (đ→d), punctuation runs → one space: the same folding as country search. */
export { fold } from '../countries.js';
import { fold } from '../countries.js';

/** Folded, keeping "&" and "/" (abbreviations such as "NN&PTNT"). */
export function foldKeep(s: string): string {
  return fold(s, /[^a-z0-9&/]+/g);
}

export function squash(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

/** Removes emphasis marks left by conversions ("*thời gian*", "**TM.**"). */
export function stripEmphasis(s: string): string {
  return s.replace(/\*{1,2}(?=\S)([^*\n]*?\S)\*{1,2}/g, '$1');
}

/**
 * Folds each UTF-16 unit on its own (lower case, no diacritics, đ→d), so that the result has the
 * same length as the NFC input and a match's index points into the original text.
 */
export function foldSameLength(s: string): string {
  let out = '';
  for (const ch of s) {
    const base = ch === 'đ' || ch === 'Đ' ? 'd' : (ch.normalize('NFD')[0] ?? ch).toLowerCase();
    out += base.length === ch.length ? base : ch.length === 2 ? `${base} `.slice(0, 2) : base[0];
  }
  return out;
}
