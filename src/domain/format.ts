/**
 * Display helpers shared by the bot: dates/times in the Vietnamese
 * administrative style, Telegram-HTML escaping, message splitting and
 * diacritic-insensitive search keys. Pure functions: the zone is always
 * passed in by the caller.
 */
import { DateTime } from 'luxon';

export type Locale = 'vi' | 'en';
export type DateInput = DateTime | Date | string;

/** Telegram's maximum message length (UTF-16 code units). */
export const TELEGRAM_MAX_MESSAGE = 4096;

function toDateTime(date: DateInput, zone: string): DateTime {
  let dt: DateTime;
  if (typeof date === 'string') dt = DateTime.fromISO(date, { zone });
  else if (date instanceof Date) dt = DateTime.fromJSDate(date, { zone });
  else dt = date.setZone(zone);
  if (!dt.isValid) {
    throw new RangeError(
      `Invalid date or zone: ${String(date)} (${zone}): ${dt.invalidExplanation ?? dt.invalidReason ?? ''}`,
    );
  }
  return dt;
}

/** `15/04/2025` in both locales (the format of official documents). */
export function formatDate(date: DateInput, zone: string, _locale: Locale = 'vi'): string {
  return toDateTime(date, zone).toFormat('dd/MM/yyyy');
}

/** vi `14h30`, en `14:30` (24-hour clock). */
export function formatTime(date: DateInput, zone: string, locale: Locale = 'vi'): string {
  return toDateTime(date, zone).toFormat(locale === 'vi' ? "HH'h'mm" : 'HH:mm');
}

/** vi `14h30 ngày 15/04/2025`, en `15/04/2025 14:30`. */
export function formatDateTime(date: DateInput, zone: string, locale: Locale = 'vi'): string {
  const dt = toDateTime(date, zone);
  return locale === 'vi'
    ? `${formatTime(dt, zone, 'vi')} ngày ${formatDate(dt, zone)}`
    : `${formatDate(dt, zone)} ${formatTime(dt, zone, 'en')}`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escapes text for Telegram `parse_mode: 'HTML'` (`&`, `<`, `>`, `"`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Largest cut index `<= at` that does not split a surrogate pair. */
function safeCut(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return Math.max(0, Math.min(at, text.length));
  return isHighSurrogate(text.charCodeAt(at - 1)) ? at - 1 : at;
}

/**
 * Shortens `text` to at most `max` UTF-16 code units, ending with `…` when
 * something was cut. Never splits a surrogate pair (emoji).
 */
export function truncate(text: string, max: number): string {
  if (max <= 0) return '';
  if (text.length <= max) return text;
  if (max === 1) return '…';
  return text.slice(0, safeCut(text, max - 1)).trimEnd() + '…';
}

/** Hard-splits a single line into pieces of at most `max` code units. */
function hardSplit(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = safeCut(rest, max);
    if (cut === 0) cut = max; // max === 1 and a surrogate pair: unavoidable
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

/**
 * Splits a message into chunks of at most `max` code units, cutting at line
 * boundaries (the newline at a cut is dropped). A line longer than `max` is
 * hard-split. Chunks containing only whitespace are omitted (Telegram refuses
 * them); all other text is kept, in order.
 * Caveat for HTML mode: a tag spanning a cut would be broken; keep tags on one line.
 */
export function splitMessage(text: string, max: number = TELEGRAM_MAX_MESSAGE): string[] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`splitMessage: invalid max ${max}`);
  const chunks: string[] = [];
  let current: string | null = null;
  const flush = (): void => {
    if (current !== null && current.trim() !== '') chunks.push(current);
    current = null;
  };
  for (const line of text.split('\n')) {
    if (current !== null && current.length + 1 + line.length <= max) {
      current += '\n' + line;
      continue;
    }
    flush();
    if (line.length <= max) {
      current = line;
    } else {
      const pieces = hardSplit(line, max);
      current = pieces.pop() ?? '';
      for (const piece of pieces) if (piece.trim() !== '') chunks.push(piece);
    }
  }
  flush();
  return chunks;
}

/** Removes Vietnamese (and other Latin) diacritics; `đ`→`d`, `Đ`→`D`. */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

/** Search key: lowercase, no diacritics, whitespace collapsed and trimmed. */
export function normalizeSearch(s: string): string {
  return stripDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();
}
