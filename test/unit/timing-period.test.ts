import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  compareTimings,
  parsePeriod,
  parseTiming,
  type Timing,
  timingEndDate,
  timingOverlaps,
  timingStartDate,
  TimingSchema,
  timingFromColumns,
  timingToColumns,
} from '../../src/domain/timing/index.js';

const ZONE = 'Asia/Ho_Chi_Minh';
// Wednesday 19 November 2025, 10:00 local
const NOW = DateTime.fromISO('2025-11-19T10:00:00', { zone: ZONE });

function period(input: string, now: DateTime = NOW): Timing {
  const r = parsePeriod(input, now);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got ${JSON.stringify(r.error)}`);
  return r.timing;
}

const t = (precision: Timing['precision'], start: string | null, end: string | null): Timing => ({
  precision,
  start,
  end,
});

describe('parsePeriod: relative periods', () => {
  it.each<[string, Timing]>([
    ['q3', t('QUARTER', '2025-07-01', '2025-09-30')],
    ['Q3', t('QUARTER', '2025-07-01', '2025-09-30')],
    ['quý 3', t('QUARTER', '2025-07-01', '2025-09-30')],
    ['quý III', t('QUARTER', '2025-07-01', '2025-09-30')],
    ['quy 3', t('QUARTER', '2025-07-01', '2025-09-30')],
    ['tháng 9', t('MONTH', '2025-09-01', '2025-09-30')],
    ['thang 9', t('MONTH', '2025-09-01', '2025-09-30')],
    ['T9', t('MONTH', '2025-09-01', '2025-09-30')],
    ['September', t('MONTH', '2025-09-01', '2025-09-30')],
    ['tháng này', t('MONTH', '2025-11-01', '2025-11-30')],
    ['trong tháng này', t('MONTH', '2025-11-01', '2025-11-30')],
    ['this month', t('MONTH', '2025-11-01', '2025-11-30')],
    ['tháng trước', t('MONTH', '2025-10-01', '2025-10-31')],
    ['last month', t('MONTH', '2025-10-01', '2025-10-31')],
    ['tháng sau', t('MONTH', '2025-12-01', '2025-12-31')],
    ['next month', t('MONTH', '2025-12-01', '2025-12-31')],
    ['tuần này', t('RANGE', '2025-11-17', '2025-11-23')],
    ['Tuần này', t('RANGE', '2025-11-17', '2025-11-23')],
    ['this week', t('RANGE', '2025-11-17', '2025-11-23')],
    ['tuần trước', t('RANGE', '2025-11-10', '2025-11-16')],
    ['tuần sau', t('RANGE', '2025-11-24', '2025-11-30')],
    ['next week', t('RANGE', '2025-11-24', '2025-11-30')],
    ['quý này', t('QUARTER', '2025-10-01', '2025-12-31')],
    ['this quarter', t('QUARTER', '2025-10-01', '2025-12-31')],
    ['quý trước', t('QUARTER', '2025-07-01', '2025-09-30')],
    ['năm nay', t('YEAR', '2025-01-01', '2025-12-31')],
    ['this year', t('YEAR', '2025-01-01', '2025-12-31')],
    ['năm ngoái', t('YEAR', '2024-01-01', '2024-12-31')],
    ['năm sau', t('YEAR', '2026-01-01', '2026-12-31')],
    ['6 tháng đầu năm', t('HALF_YEAR', '2025-01-01', '2025-06-30')],
    ['6 tháng cuối năm', t('HALF_YEAR', '2025-07-01', '2025-12-31')],
    ['cuối năm', t('HALF_YEAR', '2025-07-01', '2025-12-31')],
    ['H1', t('HALF_YEAR', '2025-01-01', '2025-06-30')],
    ['hôm nay', t('DAY', '2025-11-19', '2025-11-19')],
    ['today', t('DAY', '2025-11-19', '2025-11-19')],
    ['ngày mai', t('DAY', '2025-11-20', '2025-11-20')],
    ['7 ngày tới', t('RANGE', '2025-11-19', '2025-11-25')],
    ['next 7 days', t('RANGE', '2025-11-19', '2025-11-25')],
    ['30 ngày qua', t('RANGE', '2025-10-21', '2025-11-19')],
    ['last 30 days', t('RANGE', '2025-10-21', '2025-11-19')],
    ['15/4', t('DAY', '2025-04-15', '2025-04-15')],
    ['10/4 - 15/4', t('RANGE', '2025-04-10', '2025-04-15')],
    ['15/12 - 5/1', t('RANGE', '2025-12-15', '2026-01-05')],
  ])('%s', (input, expected) => {
    expect(period(input)).toStrictEqual(expected);
  });

  it('still accepts absolute timings', () => {
    expect(period('quý III/2024')).toStrictEqual(t('QUARTER', '2024-07-01', '2024-09-30'));
    expect(period('15/4/2025 - 20/4/2025')).toStrictEqual(t('RANGE', '2025-04-15', '2025-04-20'));
    expect(period('trước 15/9/2023')).toStrictEqual(t('DEADLINE', null, '2023-09-15'));
  });

  it('weeks are Monday–Sunday, also on the edges', () => {
    const sunday = DateTime.fromISO('2025-11-23T23:59', { zone: ZONE });
    const monday = DateTime.fromISO('2025-11-24T00:00', { zone: ZONE });
    expect(period('tuần này', sunday)).toStrictEqual(t('RANGE', '2025-11-17', '2025-11-23'));
    expect(period('tuần này', monday)).toStrictEqual(t('RANGE', '2025-11-24', '2025-11-30'));
  });

  it('crosses year boundaries', () => {
    const jan = DateTime.fromISO('2026-01-05T09:00', { zone: ZONE });
    expect(period('tháng trước', jan)).toStrictEqual(t('MONTH', '2025-12-01', '2025-12-31'));
    expect(period('quý trước', jan)).toStrictEqual(t('QUARTER', '2025-10-01', '2025-12-31'));
    expect(period('tuần này', DateTime.fromISO('2025-12-31T12:00', { zone: ZONE }))).toStrictEqual(
      t('RANGE', '2025-12-29', '2026-01-04'),
    );
  });

  it('uses the local calendar date of `now`', () => {
    // 2025-12-31T20:00Z is already 1 January 2026 in Vietnam
    const now = DateTime.fromISO('2025-12-31T20:00:00Z').setZone(ZONE);
    expect(period('năm nay', now)).toStrictEqual(t('YEAR', '2026-01-01', '2026-12-31'));
    expect(period('hôm nay', now)).toStrictEqual(t('DAY', '2026-01-01', '2026-01-01'));
  });

  it('refuses TBD, junk and impossible values', () => {
    expect(parsePeriod('chưa xác định', NOW)).toStrictEqual({
      ok: false,
      error: { code: 'UNRECOGNIZED', detail: 'NOT_A_PERIOD' },
    });
    expect(parsePeriod('', NOW)).toStrictEqual({ ok: false, error: { code: 'EMPTY' } });
    expect(parsePeriod('blah', NOW)).toMatchObject({ ok: false, error: { code: 'UNRECOGNIZED' } });
    expect(parsePeriod('quý 5', NOW)).toMatchObject({ ok: false, error: { code: 'INVALID_QUARTER' } });
    expect(parsePeriod('tháng 13', NOW)).toMatchObject({ ok: false, error: { code: 'INVALID_MONTH' } });
    expect(parsePeriod('30/2', NOW)).toMatchObject({ ok: false, error: { code: 'INVALID_DATE' } });
    expect(parsePeriod('0 ngày tới', NOW)).toMatchObject({ ok: false, error: { code: 'UNRECOGNIZED' } });
  });

  it('throws on an invalid `now`', () => {
    expect(() => parsePeriod('tháng này', DateTime.invalid('test'))).toThrow(RangeError);
  });
});

describe('timingStartDate / timingEndDate', () => {
  const q3 = t('QUARTER', '2025-07-01', '2025-09-30');
  it('gives the start of the first day and the end of the last day in the zone', () => {
    expect(timingStartDate(q3, ZONE)?.toISO()).toBe('2025-07-01T00:00:00.000+07:00');
    expect(timingEndDate(q3, ZONE)?.toISO()).toBe('2025-09-30T23:59:59.999+07:00');
  });
  it('defaults to Asia/Ho_Chi_Minh', () => {
    expect(timingStartDate(q3)?.toISO()).toBe('2025-07-01T00:00:00.000+07:00');
  });
  it('handles deadlines and TBD', () => {
    const d = t('DEADLINE', null, '2023-09-15');
    expect(timingStartDate(d, ZONE)).toBeNull();
    expect(timingEndDate(d, ZONE)?.toISODate()).toBe('2023-09-15');
    expect(timingStartDate(t('TBD', null, null))).toBeNull();
    expect(timingEndDate(t('TBD', null, null))).toBeNull();
  });
});

describe('timingOverlaps / compareTimings', () => {
  const nov = t('MONTH', '2025-11-01', '2025-11-30');
  it('detects shared days', () => {
    expect(timingOverlaps(t('DAY', '2025-11-30', '2025-11-30'), nov)).toBe(true);
    expect(timingOverlaps(t('DAY', '2025-12-01', '2025-12-01'), nov)).toBe(false);
    expect(timingOverlaps(t('RANGE', '2025-10-28', '2025-11-02'), nov)).toBe(true);
    expect(timingOverlaps(t('YEAR', '2025-01-01', '2025-12-31'), nov)).toBe(true);
  });
  it('counts a deadline on its due date only, and TBD never', () => {
    expect(timingOverlaps(t('DEADLINE', null, '2025-11-15'), nov)).toBe(true);
    expect(timingOverlaps(t('DEADLINE', null, '2025-12-15'), nov)).toBe(false);
    expect(timingOverlaps(t('TBD', null, null), nov)).toBe(false);
  });
  it('sorts by first day, then last day, TBD last', () => {
    const items = [
      t('TBD', null, null),
      t('YEAR', '2025-01-01', '2025-12-31'),
      t('DEADLINE', null, '2025-03-01'),
      t('MONTH', '2025-01-01', '2025-01-31'),
    ];
    expect([...items].sort(compareTimings).map((x) => x.precision)).toEqual(['MONTH', 'YEAR', 'DEADLINE', 'TBD']);
  });
});

describe('TimingSchema', () => {
  it('accepts consistent timings and rejects inconsistent ones', () => {
    const parsed = parseTiming('quý III/2025');
    expect(parsed.ok && TimingSchema.safeParse(parsed.timing).success).toBe(true);
    expect(TimingSchema.safeParse(t('DAY', '2025-02-30', '2025-02-30')).success).toBe(false);
    expect(TimingSchema.safeParse(t('RANGE', '2025-05-01', '2025-04-01')).success).toBe(false);
    expect(TimingSchema.safeParse(t('TBD', '2025-05-01', null)).success).toBe(false);
    expect(TimingSchema.safeParse(t('DEADLINE', null, '2025-05-01')).success).toBe(true);
    expect(TimingSchema.safeParse({ precision: 'WEEK', start: null, end: null }).success).toBe(false);
  });
});

describe('timingToColumns / timingFromColumns', () => {
  it('stores local dates as UTC midnight and reads them back', () => {
    const parsed = parseTiming('28/12/2025 - 3/1/2026');
    if (!parsed.ok) throw new Error('parse failed');
    const cols = timingToColumns(parsed.timing);
    expect(cols).toStrictEqual({
      timingPrecision: 'RANGE',
      startDate: new Date('2025-12-28T00:00:00.000Z'),
      endDate: new Date('2026-01-03T00:00:00.000Z'),
      timingLabel: null,
    });
    expect(timingFromColumns(cols)).toStrictEqual(parsed.timing);
  });
  it('keeps deadlines and TBD labels', () => {
    for (const input of ['trước 15/9/2023', 'theo kế hoạch của Bộ Ngoại giao', 'chưa xác định']) {
      const parsed = parseTiming(input);
      if (!parsed.ok) throw new Error('parse failed');
      expect(timingFromColumns(timingToColumns(parsed.timing))).toStrictEqual(parsed.timing);
    }
  });
});
