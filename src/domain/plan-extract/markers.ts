/**
 * The numbering of a Vietnamese plan: "I." (Roman), "1." (Arabic), "1.1." / "2.1" (decimal
 * outline), "a)" (letter), and bullets "-", "+", "*", "•". A marker's *style* is what the outline
 * compares to nest items; its *segment* is what goes into the item path.
 */

export type MarkerStyle =
  | 'roman'
  | 'ROMAN_LOWER'
  | 'arabic'
  | 'arabicParen'
  | 'letter'
  | 'LETTER_UPPER'
  | `decimal${number}`
  | `bullet${string}`;

export interface Marker {
  style: MarkerStyle;
  /** Path segments this marker contributes ("II"; "2","1" for "2.1."; none for bullets). */
  segments: string[];
  bullet: boolean;
  /** The marker as written. */
  raw: string;
}

const ROMAN = /^(?=[IVXL])(X{0,3})(IX|IV|V?I{0,3})$/;
const LETTERS = 'abcdđefghiklmnopqrstuvxy';

function romanValue(s: string): number {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const a = v[s[i]!]!;
    const b = v[s[i + 1]!] ?? 0;
    n += a < b ? -a : a;
  }
  return n;
}

export function isRoman(s: string): boolean {
  return ROMAN.test(s) && romanValue(s) <= 40;
}

/**
 * Reads the marker at the start of a paragraph; returns it and the rest of the text, or null.
 * Arabic numbers are limited to 1–99 so that "2023. Năm…" is not an item.
 */
export function readMarker(text: string): { marker: Marker; rest: string } | null {
  const t = text.replace(/^[\s\u00a0]+/, '');
  let m: RegExpExecArray | null;
  if ((m = /^([IVXL]{1,6})\s*[.)-](?!\d)\s*(.*)$/su.exec(t)) && isRoman(m[1]!)) {
    return { marker: { style: 'roman', segments: [m[1]!], bullet: false, raw: m[1]! + '.' }, rest: m[2]! };
  }
  // Roman numeral heading without a dot, all in capitals ("II NỘI DUNG") is too rare and risky: skipped.
  if ((m = /^(\d{1,2}(?:\.\d{1,2}){1,4})\.?(?=[\s\u00a0]|$)\s*(.*)$/su.exec(t))) {
    const segments = m[1]!.split('.');
    return { marker: { style: `decimal${segments.length}`, segments, bullet: false, raw: m[1]! }, rest: m[2]! };
  }
  if ((m = /^(\d{1,2})\s*\.(?!\d)\s*(.*)$/su.exec(t))) {
    return { marker: { style: 'arabic', segments: [m[1]!], bullet: false, raw: m[1]! + '.' }, rest: m[2]! };
  }
  if ((m = /^\(?(\d{1,2})\)\s*(.*)$/su.exec(t))) {
    return { marker: { style: 'arabicParen', segments: [m[1]!], bullet: false, raw: m[1]! + ')' }, rest: m[2]! };
  }
  if ((m = /^\(?([a-zđ])\)\s*(.*)$/su.exec(t)) && LETTERS.includes(m[1]!)) {
    return { marker: { style: 'letter', segments: [m[1]!], bullet: false, raw: m[1]! + ')' }, rest: m[2]! };
  }
  if ((m = /^([a-zđ])\.\s+(.*)$/su.exec(t)) && LETTERS.includes(m[1]!)) {
    return { marker: { style: 'letter', segments: [m[1]!], bullet: false, raw: m[1]! + '.' }, rest: m[2]! };
  }
  if ((m = /^([A-ZĐ])[.)]\s+(.*)$/su.exec(t)) && !/^[IVXL]$/.test(m[1]!)) {
    return { marker: { style: 'LETTER_UPPER', segments: [m[1]!], bullet: false, raw: m[1]! + '.' }, rest: m[2]! };
  }
  if ((m = /^([-–—+*•●○◦▪■□➢➤►✓·])[\s\u00a0]*(.*)$/su.exec(t))) {
    const ch = m[1]!;
    // "-" followed by a digit is a negative number or a range, not a bullet.
    if ((ch === '-' || ch === '–') && /^\d/.test(m[2]!)) return null;
    const key = ch === '–' || ch === '—' ? '-' : ch === '●' || ch === '·' ? '•' : ch;
    return { marker: { style: `bullet${key}`, segments: [], bullet: true, raw: ch }, rest: m[2]! };
  }
  return null;
}

/**
 * A number Word draws for an automatically numbered paragraph ("II.", "1.", "a)", "•", "-"), read
 * like a written marker.
 */
export function readLabel(label: string): Marker | null {
  const l = label.trim();
  if (!l) return null;
  const got = readMarker(`${l} x`);
  if (got && got.rest === 'x') return got.marker;
  // Symbol-font bullets (Wingdings private-use characters) and anything else unnumbered.
  if (!/[0-9A-Za-z]/.test(l)) return { style: `bullet${l[0]}`, segments: [], bullet: true, raw: l };
  return null;
}
