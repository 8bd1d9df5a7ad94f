/**
 * `/find <words and filters>` (docs/product.md#conversations): what the user typed, split into filters — type, status,
 * agency code, period ("quý III/2026", "tháng 7/2026", "năm 2026", "2026") — and the words left,
 * matched without diacritics. Pure.
 */
import type { ActivityStatus, ActivityType } from './enums.js';
import { fold } from './countries.js';

export interface FindQuery {
  words: string;
  types: ActivityType[];
  statuses: ActivityStatus[];
  agencyCode: string | null;
  period: { year: number; quarter?: number; month?: number } | null;
}

// Phrases (folded), longest first within each table so "khong cho phep" wins over "cho phep".
const TYPE_WORDS: [string, ActivityType][] = [
  ['thu chuc mung', 'LETTER'],
  ['thong tin doi ngoai', 'MEDIA'],
  ['hoi dam truc tuyen', 'ONLINE_TALK'],
  ['thoa thuan quoc te', 'AGREEMENT'],
  ['khen thuong', 'AWARD'],
  ['tuyen truyen', 'MEDIA'],
  ['thoa thuan', 'AGREEMENT'],
  ['giao luu', 'EXCHANGE'],
  ['hoi nghi', 'CONFERENCE'],
  ['hoi thao', 'CONFERENCE'],
  ['hoi dam', 'ONLINE_TALK'],
  ['doan ra', 'OUTBOUND'],
  ['doan vao', 'INBOUND'],
  ['outbound', 'OUTBOUND'],
  ['inbound', 'INBOUND'],
  ['letter', 'LETTER'],
  ['conference', 'CONFERENCE'],
  ['agreement', 'AGREEMENT'],
  ['exchange', 'EXCHANGE'],
  ['award', 'AWARD'],
];

const STATUS_WORDS: [string, ActivityStatus][] = [
  ['khong cho phep', 'REFUSED'],
  ['cho tham dinh', 'SUBMITTED'],
  ['da thong nhat', 'AGREED'],
  ['thong nhat', 'AGREED'],
  ['tra lai', 'RETURNED'],
  ['duoc cho phep', 'AUTHORIZED'],
  ['cho phep', 'AUTHORIZED'],
  ['dang thuc hien', 'IN_PROGRESS'],
  ['da thuc hien', 'DONE'],
  ['da bao cao', 'REPORTED'],
  ['tam hoan', 'POSTPONED'],
  ['da huy', 'CANCELLED'],
  ['submitted', 'SUBMITTED'],
  ['agreed', 'AGREED'],
  ['returned', 'RETURNED'],
  ['authorized', 'AUTHORIZED'],
  ['refused', 'REFUSED'],
  ['in progress', 'IN_PROGRESS'],
  ['done', 'DONE'],
  ['reported', 'REPORTED'],
  ['postponed', 'POSTPONED'],
  ['cancelled', 'CANCELLED'],
];

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function take(text: string, phrase: string): string | null {
  const re = new RegExp(`(^| )${phrase}(?= |$)`);
  return re.test(text) ? text.replace(re, ' ') : null;
}

/** Splits the typed text into filters and words; `agencyCodes` are the known codes (any case). */
export function parseFindQuery(input: string, agencyCodes: readonly string[]): FindQuery {
  // fold() turns "quý III/2026" into "quy iii 2026" and "UBND-VINHTHANH" into "ubnd vinhthanh".
  let text = ` ${fold(input)} `;
  const q: FindQuery = { words: '', types: [], statuses: [], agencyCode: null, period: null };
  let m: RegExpMatchArray | null;
  if ((m = text.match(/ (?:quy|q|quarter) (iv|iii|ii|i|[1-4]) (?:nam |of )?(\d{4}) /))) {
    q.period = { year: Number(m[2]), quarter: ROMAN[m[1]!] ?? Number(m[1]) };
  } else if (
    (m = text.match(/ (?:thang|month) (\d{1,2}) (?:nam |of )?(\d{4}) /)) &&
    Number(m[1]) >= 1 &&
    Number(m[1]) <= 12
  ) {
    q.period = { year: Number(m[2]), month: Number(m[1]) };
  } else if ((m = text.match(/ (?:nam |year )?(\d{4}) /)) && Number(m[1]) >= 2000 && Number(m[1]) <= 2100) {
    q.period = { year: Number(m[1]) };
  }
  if (m && q.period) text = text.replace(m[0], ' ');
  for (const [phrase, type] of TYPE_WORDS) {
    const rest = take(text, phrase);
    if (rest !== null && !q.types.includes(type)) {
      q.types.push(type);
      text = rest;
    }
  }
  for (const [phrase, status] of STATUS_WORDS) {
    const rest = take(text, phrase);
    if (rest !== null && !q.statuses.includes(status)) {
      q.statuses.push(status);
      text = rest;
    }
  }
  // The longest code first: "ubnd vinhthanh" before a code "ubnd".
  for (const code of [...agencyCodes].sort((a, b) => b.length - a.length)) {
    const rest = fold(code) ? take(text, fold(code)) : null;
    if (rest !== null) {
      q.agencyCode = code;
      text = rest;
      break;
    }
  }
  q.words = text.replace(/\s+/g, ' ').trim();
  return q;
}

/** Reference numbers (`2026-001`) in a text, in order, once each. */
export function referencesIn(text: string): string[] {
  return [...new Set([...text.matchAll(/(?<![\d-])(\d{4}-\d{3,5})(?![\d-])/g)].map((m) => m[1]!))];
}
