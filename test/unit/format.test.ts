import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  formatDate,
  formatDateTime,
  formatTime,
  normalizeSearch,
  splitMessage,
  stripDiacritics,
  truncate,
} from '../../src/domain/format.js';

const ZONE = 'Asia/Ho_Chi_Minh';
/** No lone surrogate halves (String#isWellFormed is ES2024, outside our lib). */
const isWellFormed = (s: string): boolean =>
  !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('formatDate / formatTime / formatDateTime', () => {
  const instant = '2025-04-15T07:30:00Z'; // 14:30 in Vietnam

  it('formats ISO strings, Dates and DateTimes in the given zone', () => {
    expect(formatDate(instant, ZONE, 'vi')).toBe('15/04/2025');
    expect(formatDate(new Date(instant), ZONE, 'en')).toBe('15/04/2025');
    expect(formatDate(DateTime.fromISO(instant, { zone: 'utc' }), ZONE, 'vi')).toBe('15/04/2025');
  });

  it('reads a date-only ISO string as that calendar date in the zone', () => {
    expect(formatDate('2025-04-15', ZONE, 'vi')).toBe('15/04/2025');
    expect(formatDate('2025-04-15', 'America/Los_Angeles', 'vi')).toBe('15/04/2025');
  });

  it('converts to the zone (date can change)', () => {
    expect(formatDate('2025-04-15T20:00:00Z', ZONE, 'vi')).toBe('16/04/2025');
    expect(formatDate('2025-04-15T20:00:00Z', 'UTC', 'vi')).toBe('15/04/2025');
  });

  it('formats times', () => {
    expect(formatTime(instant, ZONE, 'vi')).toBe('14h30');
    expect(formatTime(instant, ZONE, 'en')).toBe('14:30');
    expect(formatTime('2025-04-15T01:05:00Z', ZONE, 'vi')).toBe('08h05');
    expect(formatTime('2025-04-15T17:00:00Z', ZONE, 'vi')).toBe('00h00');
  });

  it('formats date-times', () => {
    expect(formatDateTime(instant, ZONE, 'vi')).toBe('14h30 ngày 15/04/2025');
    expect(formatDateTime(instant, ZONE, 'en')).toBe('15/04/2025 14:30');
  });

  it('defaults to Vietnamese', () => {
    expect(formatDateTime(instant, ZONE)).toBe('14h30 ngày 15/04/2025');
  });

  it('throws on invalid input or zone', () => {
    expect(() => formatDate('not a date', ZONE, 'vi')).toThrow(RangeError);
    expect(() => formatDate(new Date(Number.NaN), ZONE, 'vi')).toThrow(RangeError);
    expect(() => formatDate(instant, 'Mars/Olympus', 'vi')).toThrow(RangeError);
  });
});

describe('escapeHtml', () => {
  it('escapes the characters Telegram HTML mode requires', () => {
    expect(escapeHtml('<b>A & B</b> "x"')).toBe('&lt;b&gt;A &amp; B&lt;/b&gt; &quot;x&quot;');
  });
  it('leaves other text alone (incl. Vietnamese and apostrophes)', () => {
    expect(escapeHtml("Sở Ngoại vụ — Đoàn 'A'")).toBe("Sở Ngoại vụ — Đoàn 'A'");
  });
  it('escapes already-escaped entities again (no double-decoding assumptions)', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });
});

describe('truncate', () => {
  it('keeps short text', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('', 5)).toBe('');
  });
  it('cuts with an ellipsis within max', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcdef', 4)).toHaveLength(4);
    expect(truncate('hello world', 7)).toBe('hello…');
    expect(truncate('abcdef', 1)).toBe('…');
    expect(truncate('abcdef', 0)).toBe('');
  });
  it('never splits a surrogate pair', () => {
    const s = 'ab😀cd';
    const out = truncate(s, 4); // 'ab' + half of 😀 would be 3 units
    expect(out).toBe('ab…');
    expect(isWellFormed(out)).toBe(true);
  });
});

describe('splitMessage', () => {
  const joinedContent = (chunks: string[]): string => chunks.join('').replace(/\n/g, '');

  it('returns a single chunk when it fits', () => {
    expect(splitMessage('hello\nworld')).toEqual(['hello\nworld']);
    expect(splitMessage('x'.repeat(4096))).toEqual(['x'.repeat(4096)]);
  });

  it('returns nothing for empty or whitespace-only text', () => {
    expect(splitMessage('')).toEqual([]);
    expect(splitMessage('  \n\n ')).toEqual([]);
  });

  it('splits at line boundaries', () => {
    expect(splitMessage('aaa\nbbb\nccc', 7)).toEqual(['aaa\nbbb', 'ccc']);
    expect(splitMessage('aaa\nbbb\nccc', 8)).toEqual(['aaa\nbbb', 'ccc']);
    expect(splitMessage('aaa\nbbb\nccc', 11)).toEqual(['aaa\nbbb\nccc']);
  });

  it('hard-splits a line longer than max', () => {
    expect(splitMessage('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(splitMessage('xy\nabcdefghij\nz', 4)).toEqual(['xy', 'abcd', 'efgh', 'ij\nz']);
  });

  it('never splits a surrogate pair', () => {
    const chunks = splitMessage('abc😀def', 4);
    expect(chunks).toEqual(['abc', '😀de', 'f']);
    for (const c of chunks) expect(isWellFormed(c)).toBe(true);
  });

  it('keeps every chunk within max and loses no text', () => {
    const lines = Array.from({ length: 500 }, (_, i) => `Dòng ${i}: ${'hoạt động '.repeat(i % 37)}`);
    lines.splice(100, 0, 'y'.repeat(9000));
    const text = lines.join('\n');
    for (const max of [50, 333, 4096]) {
      const chunks = splitMessage(text, max);
      for (const c of chunks) expect(c.length).toBeLessThanOrEqual(max);
      expect(joinedContent(chunks)).toBe(text.replace(/\n/g, ''));
    }
    // with line-only splits, joining with "\n" restores the text exactly
    const short = lines.filter((l) => l.length < 400).join('\n');
    expect(splitMessage(short, 4096).join('\n')).toBe(short);
  });

  it('rejects a non-positive max', () => {
    expect(() => splitMessage('abc', 0)).toThrow(RangeError);
  });
});

describe('stripDiacritics / normalizeSearch', () => {
  it('removes Vietnamese diacritics, including đ/Đ', () => {
    expect(stripDiacritics('Sở Ngoại vụ tỉnh Đồng Tháp')).toBe('So Ngoai vu tinh Dong Thap');
    expect(stripDiacritics('đường ĐẠI HỌC ưu tiên ỹ ỵ ợ')).toBe('duong DAI HOC uu tien y y o');
    expect(stripDiacritics('Hà Nội'.normalize('NFD'))).toBe('Ha Noi');
    expect(stripDiacritics('plain ASCII 123')).toBe('plain ASCII 123');
  });
  it('normalizes for search', () => {
    expect(normalizeSearch('  Bộ   NGOẠI\tgiao\n ')).toBe('bo ngoai giao');
    expect(normalizeSearch('Đoàn công tác')).toBe(normalizeSearch('doan cong tac'));
  });
});
