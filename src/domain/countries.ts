/**
 * Countries (ISO 3166-1 alpha-2) with Vietnamese and English names, and a
 * diacritic-insensitive search used by the bot's country pickers.
 *
 * Pure module: no I/O.
 */
import { COUNTRY_DATA } from './countries-data.js';

export interface Country {
  /** ISO 3166-1 alpha-2 code, upper case (e.g. "JP"). */
  readonly code: string;
  /** Vietnamese name as used in Vietnamese official/press usage (e.g. "Nhật Bản"). */
  readonly vi: string;
  /** English short name (e.g. "Japan"). */
  readonly en: string;
  /** Extra searchable names (e.g. "Úc", "Mỹ", "USA", "Lao PDR"). */
  readonly aliases: readonly string[];
}

export type CountryLocale = 'vi' | 'en';

export const COUNTRIES: readonly Country[] = COUNTRY_DATA;

/** Most frequent partners of the province, shown first in pickers. */
export const FREQUENT_COUNTRY_CODES: readonly string[] = ['JP', 'LA', 'KH', 'CN', 'KR'];

const BY_CODE: ReadonlyMap<string, Country> = new Map(COUNTRIES.map((c) => [c.code, c]));

/** Case-insensitive lookup; returns undefined for unknown codes. */
export function countryByCode(code: string): Country | undefined {
  return BY_CODE.get(code.trim().toUpperCase());
}

export function isCountryCode(code: string): boolean {
  return typeof code === 'string' && /^[A-Za-z]{2}$/.test(code.trim()) && BY_CODE.has(code.trim().toUpperCase());
}

/** Localised name; falls back to the code itself for unknown codes. */
export function countryName(code: string, locale: CountryLocale = 'vi'): string {
  const c = countryByCode(code);
  if (!c) return code;
  return locale === 'en' ? c.en : c.vi;
}

/**
 * Lower-case, strip Vietnamese (and other Latin) diacritics, map đ→d, and
 * collapse every run of non-alphanumerics (hyphens, dots, apostrophes,
 * parentheses…, or what `separators` matches) into a single space.
 */
export function fold(s: string, separators: RegExp = /[^a-z0-9]+/g): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(separators, ' ')
    .trim();
}

/** Lower-case keeping diacritics (used to prefer exact-accent matches). */
function soft(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

interface IndexedName {
  folded: string;
  compact: string;
  soft: string;
}

interface IndexedCountry {
  country: Country;
  names: IndexedName[];
  frequentRank: number;
}

/** Built on the first search, not at start-up (normalising every name costs ~20 ms). */
let index: readonly IndexedCountry[] | undefined;
const searchIndex = (): readonly IndexedCountry[] =>
  (index ??= COUNTRIES.map((country) => {
    const names = [country.vi, country.en, ...country.aliases].map((n) => {
      const folded = fold(n);
      return { folded, compact: folded.replace(/ /g, ''), soft: soft(n) };
    });
    const fr = FREQUENT_COUNTRY_CODES.indexOf(country.code);
    return { country, names, frequentRank: fr === -1 ? Number.MAX_SAFE_INTEGER : fr };
  }));

const Tier = {
  Code: 0,
  Exact: 1,
  Prefix: 2,
  WordPrefix: 3,
  Substring: 4,
  None: 5,
} as const;
type Tier = (typeof Tier)[keyof typeof Tier];

function tierOf(candidate: string, q: string): Tier {
  if (!candidate || !q) return Tier.None;
  if (candidate === q) return Tier.Exact;
  if (candidate.startsWith(q)) return Tier.Prefix;
  if ((' ' + candidate).includes(' ' + q)) return Tier.WordPrefix;
  if (candidate.includes(q)) return Tier.Substring;
  return Tier.None;
}

/** Made on first use: loading ICU's Vietnamese collation costs start-up several milliseconds. */
let viCollator: Intl.Collator | undefined;

/**
 * Search countries by Vietnamese/English name, alias or ISO code, with or
 * without diacritics, case-insensitively.
 *
 * Ranking: exact code match (only for a plain 2-letter ASCII query) >
 * exact name > prefix > word-prefix > substring; ties are broken by
 * diacritic-exact match, then frequent partners, then Vietnamese name order.
 * Empty/blank query → [].
 */
export function searchCountries(query: string, limit = 8): Country[] {
  const q = fold(query ?? '');
  if (!q || limit <= 0) return [];
  const qCompact = q.replace(/ /g, '');
  const qSoft = soft(query);
  const raw = query.trim();
  const codeQuery = /^[A-Za-z]{2}$/.test(raw) ? raw.toUpperCase() : null;

  const scored: { c: IndexedCountry; tier: Tier; accent: number }[] = [];
  for (const entry of searchIndex()) {
    let best: Tier = Tier.None;
    let accent = 1;
    if (codeQuery !== null && entry.country.code === codeQuery) {
      best = Tier.Code;
      accent = 0;
    } else {
      for (const n of entry.names) {
        let t = tierOf(n.folded, q);
        // Also accept queries typed without spaces/hyphens ("nhatban", "xinhgapo").
        if (t === Tier.None && qCompact.length >= 3) {
          const tc = tierOf(n.compact, qCompact);
          if (tc !== Tier.None) t = tc === Tier.WordPrefix ? Tier.Substring : tc;
        }
        if (t === Tier.None) continue;
        const a = tierOf(n.soft, qSoft) === t ? 0 : 1;
        if (t < best || (t === best && a < accent)) {
          best = t;
          accent = a;
        }
      }
    }
    if (best !== Tier.None) scored.push({ c: entry, tier: best, accent });
  }

  scored.sort(
    (x, y) =>
      x.tier - y.tier ||
      x.accent - y.accent ||
      x.c.frequentRank - y.c.frequentRank ||
      (viCollator ??= new Intl.Collator('vi')).compare(x.c.country.vi, y.c.country.vi),
  );
  return scored.slice(0, limit).map((s) => s.c.country);
}
