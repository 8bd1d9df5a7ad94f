/**
 * Countries and partner localities named in an item's words: country names (Vietnamese, English,
 * aliases) and foreign localities (domain/localities-data.ts: "Ất-ta-pư" → LA). Names are compared
 * folded (case, diacritics, hyphens ignored), written with a capital, and short names that are also
 * Vietnamese words ("Anh", "Pháp", "Ý", "Nga") count only in a country context ("nước Pháp",
 * "Việt Nam - Nga", "sang Nga").
 */
import { COUNTRY_DATA } from '../countries-data.js';
import { LOCALITY_DATA } from '../localities-data.js';
import { fold } from './text.js';

interface Entry {
  country: string;
  locality: boolean;
  risky: boolean;
  ambiguous: boolean;
  words: number;
}

const HOME = 'VN';
const RISKY = new Set([
  'anh',
  'duc',
  'nga',
  'y',
  'my',
  'phap',
  'ao',
  'bi',
  'sec',
  'uc',
  'han',
  'thai',
  'trung',
  'hy',
  'nhat',
  'ha lan',
  'tay',
  'cuba',
  'chad',
  'mali',
  'togo',
  'peru',
  'oman',
  'iran',
  'iraq',
  'bac',
  'nam',
  'lao',
  'long',
  'cam',
]);
const CONTEXT = new Set([
  'nuoc',
  'quoc',
  'hoa',
  'vuong',
  'bang',
  'nam',
  'tai',
  'sang',
  'den',
  'voi',
  'cua',
  'va',
  'tu',
  'giua',
  'ban',
]);
const LOCALITY_WORDS = new Set([
  'tinh',
  'thanh pho',
  'huyen',
  'thi tran',
  'thi xa',
  'bang',
  'quan',
  'vung',
  'khu tu tri',
  'chau',
  'xa',
  'tinh ban',
  'thu do',
  'do thi',
  'city',
  'province',
  'prefecture',
]);

const PHRASES = new Map<string, Entry>();
const COMPACT = new Map<string, Entry & { name: string }>();
const BY_PREFIX = new Map<string, string[]>();
let MAX_WORDS = 1;
/** First word of each name → the most words a name starting with it has. */
const FIRST = new Map<string, number>();

function add(name: string, e: Omit<Entry, 'words' | 'risky'>) {
  const f = fold(name);
  if (!f) return;
  const words = f.split(' ').length;
  MAX_WORDS = Math.max(MAX_WORDS, words);
  // One-word names that are also Vietnamese syllables ("Tiệp", "Pháp", "Ý") need a country context.
  // eslint-disable-next-line no-control-regex -- [^\x00-\x7f] means "not ASCII", on purpose
  const risky = !e.locality && (RISKY.has(f) || (words === 1 && (f.length <= 4 || /[^\x00-\x7f]/.test(name))));
  const entry: Entry = { ...e, words, risky };
  FIRST.set(f.split(' ')[0]!, Math.max(FIRST.get(f.split(' ')[0]!) ?? 0, words));
  if (!PHRASES.has(f)) PHRASES.set(f, entry);
  const c = f.replace(/ /g, '');
  if (e.locality && c.length >= 5 && !COMPACT.has(c)) {
    COMPACT.set(c, { ...entry, name });
    const p = c.slice(0, 3);
    BY_PREFIX.set(p, [...(BY_PREFIX.get(p) ?? []), c]);
  }
}
for (const c of COUNTRY_DATA) {
  for (const n of [c.vi, c.en, ...c.aliases]) add(n, { country: c.code, locality: false, ambiguous: false });
}
for (const l of LOCALITY_DATA)
  for (const n of l.names) add(n, { country: l.country, locality: true, ambiguous: l.ambiguous === true });
// Vietnamese spellings that the generated data lacks.
for (const [n, code] of [
  ['CHDCND Lào', 'LA'],
  ['Cộng hòa Dân chủ Nhân dân Lào', 'LA'],
  ['Vương quốc Campuchia', 'KH'],
  ['Cam-pu-chia', 'KH'],
  ['Hoa Kỳ', 'US'],
  ['Đại Hàn Dân Quốc', 'KR'],
  ['Xứ Wales', 'GB'],
] as const) {
  add(n, { country: code, locality: false, ambiguous: false });
}

function editDistanceAtMost1(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

interface Word {
  text: string;
  folded: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu))
    out.push({ text: m[0], folded: fold(m[0]), start: m.index, end: m.index + m[0].length });
  return out;
}

export interface PlaceHit {
  country: string;
  locality: boolean;
  ambiguous: boolean;
  /** As written in the text. */
  written: string;
  /** Index of the hit's first word, and the word before it (folded). */
  start: number;
  before: string;
}

const memo = new Map<string, PlaceHit[]>();

/** Every country or locality named in the text, in order. */
export function findPlaces(text: string): PlaceHit[] {
  const cached = memo.get(text);
  if (cached) return cached;
  if (memo.size > 2000) memo.clear();
  const hits = scan(text);
  memo.set(text, hits);
  return hits;
}

function scan(text: string): PlaceHit[] {
  const words = wordsOf(text);
  const hits: PlaceHit[] = [];
  for (let i = 0; i < words.length;) {
    let found: { entry: Entry; len: number } | null = null;
    const firstMax = FIRST.get(words[i]!.folded) ?? 0;
    const fuzzy = BY_PREFIX.has(words[i]!.folded.slice(0, 3));
    if (!firstMax && !fuzzy) {
      i++;
      continue;
    }
    for (let len = Math.min(Math.max(firstMax, fuzzy ? 6 : 0), words.length - i); len >= 1 && !found; len--) {
      const slice = words.slice(i, i + len);
      const key = slice.map((w) => w.folded).join(' ');
      const exact = len <= firstMax ? PHRASES.get(key) : undefined;
      if (exact) found = { entry: exact, len };
      else if (fuzzy) {
        const c = key.replace(/ /g, '');
        const compact = c.length >= 5 ? COMPACT.get(c) : undefined;
        if (compact) found = { entry: compact, len };
        else if (c.length >= 8) {
          const near = (BY_PREFIX.get(c.slice(0, 3)) ?? []).find((k) => editDistanceAtMost1(k, c));
          if (near) found = { entry: COMPACT.get(near)!, len };
        }
      }
    }
    if (!found) {
      i++;
      continue;
    }
    const first = words[i]!;
    const last = words[i + found.len - 1]!;
    const capital = /^\p{Lu}/u.test(first.text);
    const before = words[i - 1]?.folded ?? '';
    const after = words[i + found.len]?.folded ?? '';
    let ok = capital;
    if (ok && found.entry.risky) ok = CONTEXT.has(before) || (found.entry.country === 'LA' && after !== 'cai');
    if (ok && found.entry.country === 'LA' && after === 'cai') ok = false;
    if (ok)
      hits.push({
        country: found.entry.country,
        locality: found.entry.locality,
        ambiguous: found.entry.ambiguous,
        written: text.slice(first.start, last.end),
        start: i,
        before,
      });
    i += ok ? found.len : 1;
  }
  return hits;
}

/** ISO codes of the foreign countries an item names (the home country left out). */
export function countriesOf(hits: PlaceHit[]): string[] {
  const named = new Set(hits.filter((h) => !h.locality).map((h) => h.country));
  const out: string[] = [];
  for (const h of hits) {
    if (h.country === HOME) continue;
    if (h.ambiguous && !named.has(h.country)) continue;
    if (!out.includes(h.country)) out.push(h.country);
  }
  return out;
}

/** The partner: the first foreign locality with its kind word ("Thành phố Izumisano"), and the others beside it. */
export function partnerOf(text: string, hits: PlaceHit[]): string | null {
  const localities = hits.filter(
    (h) => h.locality && (!h.ambiguous || hits.some((x) => !x.locality && x.country === h.country)),
  );
  if (!localities.length) return null;
  const first = localities[0]!;
  const words = wordsOf(text);
  const w1 = words[first.start - 1]?.folded ?? '';
  const w2 = words[first.start - 2] ? `${words[first.start - 2]!.folded} ${w1}` : '';
  const kind = LOCALITY_WORDS.has(w2) ? w2 : LOCALITY_WORDS.has(w1) ? w1 : '';
  let kindText = '';
  if (kind) {
    const n = kind.split(' ').length;
    const from = words[first.start - n]!;
    kindText = text.slice(from.start, words[first.start - 1]!.end);
    kindText = `${kindText.charAt(0).toUpperCase()}${kindText.slice(1)} `;
  }
  const names = [...new Set(localities.filter((h) => h.country === first.country).map((h) => h.written))].slice(0, 4);
  return `${kindText}${names.join(', ')}`;
}
