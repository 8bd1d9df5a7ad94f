import { describe, expect, it } from 'vitest';
import {
  formatTiming,
  parseTiming,
  TIMING_EXAMPLES,
  TIMING_EXAMPLES_EN,
  TimingSchema,
  type Timing,
  type TimingErrorCode,
} from '../../src/domain/timing/index.js';

const day = (iso: string): Timing => ({ precision: 'DAY', start: iso, end: iso });
const range = (start: string, end: string): Timing => ({ precision: 'RANGE', start, end });
const month = (start: string, end: string): Timing => ({ precision: 'MONTH', start, end });
const quarter = (start: string, end: string): Timing => ({ precision: 'QUARTER', start, end });
const half = (start: string, end: string): Timing => ({ precision: 'HALF_YEAR', start, end });
const year = (y: number): Timing => ({ precision: 'YEAR', start: `${y}-01-01`, end: `${y}-12-31` });
const deadline = (end: string): Timing => ({ precision: 'DEADLINE', start: null, end });
const TBD: Timing = { precision: 'TBD', start: null, end: null };

const APR_15 = day('2025-04-15');
const APR_10_15 = range('2025-04-10', '2025-04-15');
const APRIL = month('2025-04-01', '2025-04-30');
const Q3 = quarter('2025-07-01', '2025-09-30');
const H1 = half('2025-01-01', '2025-06-30');
const H2 = half('2025-07-01', '2025-12-31');
const SEP_15_2023 = deadline('2023-09-15');

function ok(input: string): Timing {
  const r = parseTiming(input);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got ${JSON.stringify(r.error)}`);
  return r.timing;
}

function err(input: string): { code: TimingErrorCode; detail?: string } {
  const r = parseTiming(input);
  if (r.ok) throw new Error(`expected ${JSON.stringify(input)} to fail, got ${JSON.stringify(r.timing)}`);
  return r.error;
}

/** Every example from the brief, plus variants, with the expected Timing. */
const VALID: [string, Timing][] = [
  // single days
  ['15/4/2025', APR_15],
  ['15/04/2025', APR_15],
  ['15-4-2025', APR_15],
  ['15.4.2025', APR_15],
  ['2025-04-15', APR_15],
  ['2025/4/15', APR_15],
  ['15/4/25', APR_15],
  ['ngày 15/4/2025', APR_15],
  ['Ngày 15 tháng 4 năm 2025', APR_15],
  ['ngay 15 thang 4 nam 2025', APR_15],
  ['15 / 4 / 2025', APR_15],
  ['  15/4/2025  ', APR_15],
  ['15/4 năm 2025', APR_15],
  ['29/2/2024', day('2024-02-29')],
  ['29/2/2000', day('2000-02-29')],
  ['31/12/2100', day('2100-12-31')],
  ['1/1/2000', day('2000-01-01')],
  // ranges
  ['10/4/2025 - 15/4/2025', APR_10_15],
  ['10/4/2025-15/4/2025', APR_10_15],
  ['10/4/2025 – 15/4/2025', APR_10_15],
  ['10/4/2025 đến 15/4/2025', APR_10_15],
  ['từ 10/4/2025 đến 15/4/2025', APR_10_15],
  ['Từ ngày 10/4/2025 đến ngày 15/4/2025', APR_10_15],
  ['từ ngày 10 đến ngày 15 tháng 4 năm 2025', APR_10_15],
  ['10/4 - 15/4/2025', APR_10_15],
  ['10-15/4/2025', APR_10_15],
  ['10 - 15/4/2025', APR_10_15],
  ['10–15/4/2025', APR_10_15],
  ['2025-04-10 - 2025-04-15', APR_10_15],
  ['10-4-2025 - 15-4-2025', APR_10_15],
  ['10/4/2025 - 15/4', APR_10_15],
  ['28/4 - 2/5/2025', range('2025-04-28', '2025-05-02')],
  ['28/4/2025 - 2/5/2025', range('2025-04-28', '2025-05-02')],
  ['28/12/2025 - 3/1/2026', range('2025-12-28', '2026-01-03')],
  ['28/12 - 3/1/2026', range('2025-12-28', '2026-01-03')],
  ['28/2 - 1/3/2024', range('2024-02-28', '2024-03-01')],
  ['10/4/2025 - 10/4/2025', day('2025-04-10')],
  ['tháng 4 - 6/2025', range('2025-04-01', '2025-06-30')],
  ['tháng 4 đến tháng 6 năm 2025', range('2025-04-01', '2025-06-30')],
  ['tháng 11/2025 - tháng 2/2026', range('2025-11-01', '2026-02-28')],
  ['tháng 11 - tháng 2/2026', range('2025-11-01', '2026-02-28')],
  ['quý IV - quý I/2026', range('2025-10-01', '2026-03-31')],
  ['28/12/2025 - 3/1', range('2025-12-28', '2026-01-03')],
  ['quý I - II/2025', range('2025-01-01', '2025-06-30')],
  ['quý I - quý II/2025', range('2025-01-01', '2025-06-30')],
  ['2021-2025', range('2021-01-01', '2025-12-31')],
  ['giai đoạn 2021 - 2025', range('2021-01-01', '2025-12-31')],
  ['từ năm 2021 đến năm 2025', range('2021-01-01', '2025-12-31')],
  // months
  ['tháng 4/2025', APRIL],
  ['tháng 4 năm 2025', APRIL],
  ['tháng 04 năm 2025', APRIL],
  ['tháng 04/2025', APRIL],
  ['tháng 4-2025', APRIL],
  ['Tháng 4/2025', APRIL],
  ['THÁNG 4/2025', APRIL],
  ['thang 4/2025', APRIL],
  ['trong tháng 4/2025', APRIL],
  ['thg 4/2025', APRIL],
  ['T4/2025', APRIL],
  ['t4/2025', APRIL],
  ['T.4/2025', APRIL],
  ['04/2025', APRIL],
  ['4/2025', APRIL],
  ['2025-04', APRIL],
  ['tháng 2/2024', month('2024-02-01', '2024-02-29')],
  ['tháng 2/2025', month('2025-02-01', '2025-02-28')],
  ['tháng 12/2025', month('2025-12-01', '2025-12-31')],
  // quarters
  ['quý III/2025', Q3],
  ['quý III/năm 2025', Q3],
  ['quý III năm 2025', Q3],
  ['quý III - 2025', Q3],
  ['quý 3/2025', Q3],
  ['quý 3 năm 2025', Q3],
  ['quy III/2025', Q3],
  ['quy iii/2025', Q3],
  ['QUÝ III/2025', Q3],
  ['Q3/2025', Q3],
  ['dự kiến quý III/2025', Q3],
  ['quý I/2025', quarter('2025-01-01', '2025-03-31')],
  ['quý II/2025', quarter('2025-04-01', '2025-06-30')],
  ['quý IV/2025', quarter('2025-10-01', '2025-12-31')],
  // half years
  ['6 tháng đầu năm 2025', H1],
  ['6 tháng cuối năm 2025', H2],
  ['6 thang dau nam 2025', H1],
  ['sáu tháng đầu năm 2025', H1],
  ['nửa đầu năm 2025', H1],
  ['những tháng cuối năm 2025', H2],
  ['cuối năm 2025', H2],
  ['đầu năm 2025', H1],
  // years
  ['năm 2025', year(2025)],
  ['2025', year(2025)],
  ['trong năm 2025', year(2025)],
  ['cả năm 2025', year(2025)],
  ['nam 2025', year(2025)],
  // deadlines
  ['trước 15/9/2023', SEP_15_2023],
  ['trước ngày 15/9/2023', SEP_15_2023],
  ['Trước ngày 15 tháng 9 năm 2023', SEP_15_2023],
  ['truoc 15/9/2023', SEP_15_2023],
  ['chậm nhất ngày 15/9/2023', SEP_15_2023],
  ['hạn chót 15/9/2023', SEP_15_2023],
  // TBD
  ['chưa xác định', TBD],
  ['Chưa xác định', TBD],
  ['chua xac dinh', TBD],
  ['chưa xác định.', TBD],
  ['TBD', TBD],
  ['tbd', TBD],
  ['to be decided', TBD],
  ['To be determined', TBD],
  ['theo kế hoạch của Bộ Ngoại giao', { ...TBD, label: 'theo kế hoạch của Bộ Ngoại giao' }],
  ['Theo kế hoạch  của   Bộ Ngoại giao', { ...TBD, label: 'Theo kế hoạch của Bộ Ngoại giao' }],
  ['theo thông báo của UBND tỉnh', { ...TBD, label: 'theo thông báo của UBND tỉnh' }],
  ['theo ke hoach cua BNG', { ...TBD, label: 'theo ke hoach cua BNG' }],
  // English
  ['April 2025', APRIL],
  ['april 2025', APRIL],
  ['Apr 2025', APRIL],
  ['Apr. 2025', APRIL],
  ['April, 2025', APRIL],
  ['in April 2025', APRIL],
  ['15 April 2025', APR_15],
  ['15th April 2025', APR_15],
  ['15th of April, 2025', APR_15],
  ['April 15, 2025', APR_15],
  ['April 15 2025', APR_15],
  ['Apr 15th, 2025', APR_15],
  ['on 15 April 2025', APR_15],
  ['April 10-15, 2025', APR_10_15],
  ['10-15 April 2025', APR_10_15],
  ['from 10 April 2025 to 15 April 2025', APR_10_15],
  ['April 10 to April 15, 2025', APR_10_15],
  ['April - June 2025', range('2025-04-01', '2025-06-30')],
  ['Q3 2025', Q3],
  ['q3 2025', Q3],
  ['Q3-2025', Q3],
  ['third quarter of 2025', Q3],
  ['quarter 3 2025', Q3],
  ['first half of 2025', H1],
  ['the first half of 2025', H1],
  ['second half of 2025', H2],
  ['H1 2025', H1],
  ['H2/2025', H2],
  ['end of 2025', H2],
  ['late 2025', H2],
  ['early 2025', H1],
  ['year 2025', year(2025)],
  ['before 15/9/2023', SEP_15_2023],
  ['by 15/9/2023', SEP_15_2023],
  ['by September 15, 2023', SEP_15_2023],
  ['no later than 15/9/2023', SEP_15_2023],
];

describe('parseTiming: accepted inputs', () => {
  it.each(VALID)('%s', (input, expected) => {
    expect(ok(input)).toStrictEqual(expected);
  });

  it('accepts decomposed (NFD) Vietnamese input', () => {
    expect(ok('tháng 4/2025'.normalize('NFD'))).toStrictEqual(APRIL);
    expect(ok('quý III/năm 2025'.normalize('NFD'))).toStrictEqual(Q3);
  });

  it('accepts unicode spaces and dashes', () => {
    expect(ok('10/4/2025\u00a0\u2014\u00a015/4/2025')).toStrictEqual(APR_10_15);
    expect(ok('tháng\u00a04/2025')).toStrictEqual(APRIL);
  });

  it('ignores the locale option (parsing is bilingual)', () => {
    const vi = parseTiming('April 2025', { locale: 'vi' });
    const en = parseTiming('tháng 4/2025', { locale: 'en' });
    expect(vi).toStrictEqual({ ok: true, timing: APRIL });
    expect(en).toStrictEqual({ ok: true, timing: APRIL });
  });

  it('produces values the zod schema accepts', () => {
    for (const [input] of VALID) expect(TimingSchema.safeParse(ok(input)).success, input).toBe(true);
  });
});

describe('parseTiming: leap years', () => {
  it.each([2000, 2004, 2024, 2028, 2096])('29/2/%i is valid (leap year)', (y) => {
    expect(ok(`29/2/${y}`)).toStrictEqual(day(`${y}-02-29`));
  });
  it.each([2001, 2023, 2025, 2100])('29/2/%i is invalid (not a leap year)', (y) => {
    expect(err(`29/2/${y}`).code).toBe('INVALID_DATE');
  });
  it('February of a leap year ends on the 29th', () => {
    expect(ok('tháng 2/2024').end).toBe('2024-02-29');
    expect(ok('quý I/2024').end).toBe('2024-03-31');
  });
});

const INVALID: [string, TimingErrorCode][] = [
  ['31/2/2025', 'INVALID_DATE'],
  ['30/2/2024', 'INVALID_DATE'],
  ['29/2/2025', 'INVALID_DATE'],
  ['31/4/2025', 'INVALID_DATE'],
  ['32/1/2025', 'INVALID_DATE'],
  ['0/1/2025', 'INVALID_DATE'],
  ['15/13/2025', 'INVALID_DATE'],
  ['15/0/2025', 'INVALID_DATE'],
  ['2025-02-30', 'INVALID_DATE'],
  ['2025-13-01', 'INVALID_DATE'],
  ['31 April 2025', 'INVALID_DATE'],
  ['10/4/2025 - 31/4/2025', 'INVALID_DATE'],
  ['trước 31/2/2023', 'INVALID_DATE'],
  ['tháng 13/2025', 'INVALID_MONTH'],
  ['tháng 0/2025', 'INVALID_MONTH'],
  ['T13/2025', 'INVALID_MONTH'],
  ['13/2025', 'INVALID_MONTH'],
  ['2025-13', 'INVALID_MONTH'],
  ['quý V/2025', 'INVALID_QUARTER'],
  ['quý 5/2025', 'INVALID_QUARTER'],
  ['quý 0/2025', 'INVALID_QUARTER'],
  ['quý IIII/2025', 'INVALID_QUARTER'],
  ['Q5 2025', 'INVALID_QUARTER'],
  ['quý I - V/2025', 'INVALID_QUARTER'],
  ['15/4/2025 - 10/4/2025', 'RANGE_REVERSED'],
  ['20/4 - 15/4/2025', 'RANGE_REVERSED'],
  ['15/4/2026 - 10/4/2025', 'RANGE_REVERSED'],
  ['tháng 6 - tháng 4/2025', 'RANGE_REVERSED'],
  ['2025-2021', 'RANGE_REVERSED'],
  ['10/4/2025 - 15/3', 'RANGE_REVERSED'],
  ['quý II - quý I/2025', 'RANGE_REVERSED'],
  ['1999', 'YEAR_OUT_OF_RANGE'],
  ['năm 2101', 'YEAR_OUT_OF_RANGE'],
  ['15/4/1999', 'YEAR_OUT_OF_RANGE'],
  ['15/4/2101', 'YEAR_OUT_OF_RANGE'],
  ['tháng 4/1990', 'YEAR_OUT_OF_RANGE'],
  ['quý III/3025', 'YEAR_OUT_OF_RANGE'],
  ['trước 15/9/1999', 'YEAR_OUT_OF_RANGE'],
  ['28/12 - 3/1/2000', 'YEAR_OUT_OF_RANGE'],
  ['', 'EMPTY'],
  ['   ', 'EMPTY'],
  ['\n\t', 'EMPTY'],
  ['x'.repeat(201), 'TOO_LONG'],
  [`theo kế hoạch ${'x'.repeat(200)}`, 'TOO_LONG'],
  ['hello', 'UNRECOGNIZED'],
  ['sớm', 'UNRECOGNIZED'],
  ['15', 'UNRECOGNIZED'],
  ['2025-', 'UNRECOGNIZED'],
  ['15/4', 'UNRECOGNIZED'],
  ['tháng 4', 'UNRECOGNIZED'],
  ['quý III', 'UNRECOGNIZED'],
  ['6 tháng đầu năm', 'UNRECOGNIZED'],
  ['trước tháng 9/2023', 'UNRECOGNIZED'],
  ['10-15', 'UNRECOGNIZED'],
  ['-', 'UNRECOGNIZED'],
  ['...', 'UNRECOGNIZED'],
  ['1.2.3.4', 'UNRECOGNIZED'],
];

describe('parseTiming: refused inputs', () => {
  it.each(INVALID)('%s → %s', (input, code) => {
    expect(err(input).code).toBe(code);
  });

  it('accepts exactly 200 characters', () => {
    const label = `theo kế hoạch ${'x'.repeat(200 - 'theo kế hoạch '.length)}`;
    expect(label).toHaveLength(200);
    expect(ok(label).precision).toBe('TBD');
  });

  it('explains a missing year in the detail', () => {
    expect(err('tháng 4')).toStrictEqual({ code: 'UNRECOGNIZED', detail: 'MISSING_YEAR' });
    expect(err('10/4 - 15/4')).toStrictEqual({ code: 'UNRECOGNIZED', detail: 'MISSING_YEAR' });
  });

  it('names the offending fragment', () => {
    expect(err('31/2/2025')).toStrictEqual({ code: 'INVALID_DATE', detail: '31/2/2025' });
    expect(err('tháng 13/2025')).toStrictEqual({ code: 'INVALID_MONTH', detail: '13' });
    expect(err('quý V/2025')).toStrictEqual({ code: 'INVALID_QUARTER', detail: 'v' });
    expect(err('năm 1999')).toStrictEqual({ code: 'YEAR_OUT_OF_RANGE', detail: '1999' });
  });
});

describe('formatTiming', () => {
  const CASES: [Timing, string, string][] = [
    [APR_15, '15/04/2025', '15/04/2025'],
    [APR_10_15, '10/04/2025 - 15/04/2025', '10/04/2025 - 15/04/2025'],
    [APRIL, 'tháng 04/2025', 'April 2025'],
    [month('2025-12-01', '2025-12-31'), 'tháng 12/2025', 'December 2025'],
    [Q3, 'quý III/2025', 'Q3 2025'],
    [quarter('2025-10-01', '2025-12-31'), 'quý IV/2025', 'Q4 2025'],
    [H1, '6 tháng đầu năm 2025', 'H1 2025'],
    [H2, '6 tháng cuối năm 2025', 'H2 2025'],
    [year(2025), 'năm 2025', '2025'],
    [SEP_15_2023, 'trước 15/09/2023', 'before 15/09/2023'],
    [TBD, 'Chưa xác định', 'To be decided'],
    [
      { ...TBD, label: 'theo kế hoạch của Bộ Ngoại giao' },
      'theo kế hoạch của Bộ Ngoại giao',
      'theo kế hoạch của Bộ Ngoại giao',
    ],
  ];
  it.each(CASES)('%j → %s / %s', (t, vi, en) => {
    expect(formatTiming(t, 'vi')).toBe(vi);
    expect(formatTiming(t, 'en')).toBe(en);
  });

  it('falls back to the TBD text for inconsistent timings', () => {
    expect(formatTiming({ precision: 'DAY', start: null, end: null }, 'vi')).toBe('Chưa xác định');
    expect(formatTiming({ precision: 'DEADLINE', start: null, end: null }, 'en')).toBe('To be decided');
  });
});

describe('round trip: parseTiming(formatTiming(t)) equals t', () => {
  const inputs = [...VALID.map(([input]) => input), ...TIMING_EXAMPLES, ...TIMING_EXAMPLES_EN];
  it.each(inputs)('%s', (input) => {
    const t = ok(input);
    for (const locale of ['vi', 'en'] as const) {
      const text = formatTiming(t, locale);
      expect(ok(text), `${locale}: ${text}`).toStrictEqual(t);
    }
  });

  it('holds for every month, quarter and half of a few years', () => {
    for (const y of [2000, 2024, 2025, 2100]) {
      for (let m = 1; m <= 12; m++) {
        const t = ok(`tháng ${m}/${y}`);
        expect(ok(formatTiming(t, 'vi'))).toStrictEqual(t);
        expect(ok(formatTiming(t, 'en'))).toStrictEqual(t);
      }
      for (const q of ['I', 'II', 'III', 'IV']) {
        const t = ok(`quý ${q}/${y}`);
        expect(ok(formatTiming(t, 'en'))).toStrictEqual(t);
      }
    }
  });
});

describe('TIMING_EXAMPLES', () => {
  it('are short, non-empty and all valid', () => {
    expect(TIMING_EXAMPLES.length).toBeGreaterThan(3);
    for (const example of [...TIMING_EXAMPLES, ...TIMING_EXAMPLES_EN]) {
      expect(parseTiming(example).ok, example).toBe(true);
    }
  });
});
