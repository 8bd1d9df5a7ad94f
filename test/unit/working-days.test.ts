import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLIDAYS, HUNG_KINGS_DAY, LUNAR_NEW_YEAR } from '../../src/domain/holidays';
import {
  createHolidayCalendar,
  formatWorkingHours,
  parseWorkingHours,
  type WorkingHours,
} from '../../src/domain/working-days';

const ZONE = 'Asia/Ho_Chi_Minh';
const d = (iso: string): DateTime => DateTime.fromISO(iso, { zone: ZONE });
const ymd = (dt: DateTime): string => dt.toISODate() ?? 'invalid';
const cal = createHolidayCalendar(DEFAULT_HOLIDAYS);
const OFFICE: WorkingHours = parseWorkingHours('07:30-17:30 Mon-Fri');

function has(iso: string, namePart: string): boolean {
  const [y, m, day] = iso.split('-').map(Number);
  return DEFAULT_HOLIDAYS.some((h) => h.year === y && h.month === m && h.day === day && h.name.includes(namePart));
}

describe('DEFAULT_HOLIDAYS', () => {
  const tet: Record<number, string> = {
    2022: '2022-02-01',
    2023: '2023-01-22',
    2024: '2024-02-10',
    2025: '2025-01-29',
    2026: '2026-02-17',
    2027: '2027-02-06',
    2028: '2028-01-26',
    2029: '2029-02-13',
    2030: '2030-02-02', // Vietnamese calendar (UTC+7); China: 2030-02-03
  };
  const gioTo: Record<number, string> = {
    2022: '2022-04-10',
    2023: '2023-04-29',
    2024: '2024-04-18',
    2025: '2025-04-07',
    2026: '2026-04-26',
    2027: '2027-04-16',
    2028: '2028-04-04',
    2029: '2029-04-23',
    2030: '2030-04-12',
  };

  it.each(Object.entries(tet))('Tết %s: mùng 1 = %s', (year, iso) => {
    expect(LUNAR_NEW_YEAR[Number(year)]).toBe(iso);
    expect(has(iso, 'Tết Nguyên đán (mùng 1)')).toBe(true);
    // five Tết days per year
    expect(DEFAULT_HOLIDAYS.filter((h) => h.year === Number(year) && h.name.startsWith('Tết Nguyên đán'))).toHaveLength(
      5,
    );
  });

  it.each(Object.entries(gioTo))('Giỗ Tổ Hùng Vương %s = %s', (year, iso) => {
    expect(HUNG_KINGS_DAY[Number(year)]).toBe(iso);
    expect(has(iso, 'Giỗ Tổ Hùng Vương')).toBe(true);
  });

  it('fixed holidays recur every year', () => {
    const fixed = DEFAULT_HOLIDAYS.filter((h) => h.year === 0).map((h) => `${h.day}/${h.month}`);
    expect(fixed.sort()).toEqual(['1/1', '1/5', '2/9', '30/4'].sort());
  });

  it('has one National-Day adjacent day per year 2022–2030 (1/9 or 3/9)', () => {
    for (let y = 2022; y <= 2030; y++) {
      const adj = DEFAULT_HOLIDAYS.filter((h) => h.year === y && h.month === 9);
      expect(adj).toHaveLength(1);
      expect([1, 3]).toContain(adj[0]?.day);
    }
  });

  it('all dates valid', () => {
    for (const h of DEFAULT_HOLIDAYS) {
      const y = h.year === 0 ? 2024 : h.year;
      expect(DateTime.fromObject({ year: y, month: h.month, day: h.day }).isValid).toBe(true);
    }
  });
});

describe('HolidayCalendar: holidays and compensatory days', () => {
  it('recognises fixed holidays in any year', () => {
    expect(cal.isHoliday(d('2031-04-30'))).toBe(true);
    expect(cal.holidayName(d('2025-05-01T10:00'))).toBe('Ngày Quốc tế Lao động');
    expect(cal.isHoliday(d('2025-05-02'))).toBe(false);
  });

  it('weekends are not working days', () => {
    expect(cal.isWorkingDay(d('2025-03-08'))).toBe(false); // Sat
    expect(cal.isWorkingDay(d('2025-03-09'))).toBe(false); // Sun
    expect(cal.isWorkingDay(d('2025-03-10'))).toBe(true); // Mon
    expect(cal.isHoliday(d('2025-03-08'))).toBe(false);
  });

  it('2/9/2029 is a Sunday: 3/9 (adjacent day) off and Tue 4/9 is the compensatory day', () => {
    expect(d('2029-09-02').weekday).toBe(7);
    expect(cal.isHoliday(d('2029-09-03'))).toBe(true);
    expect(cal.isHoliday(d('2029-09-04'))).toBe(true);
    expect(cal.holidayName(d('2029-09-04'))).toBe('Quốc khánh (nghỉ bù)');
    expect(cal.isWorkingDay(d('2029-09-05'))).toBe(true);
    expect(ymd(cal.addWorkingDays(d('2029-08-31T09:00'), 1))).toBe('2029-09-05');
  });

  it('compensation with a single holiday on Sunday (1/1/2023 → Mon 2/1)', () => {
    expect(cal.holidayName(d('2023-01-02'))).toBe('Tết Dương lịch (nghỉ bù)');
    expect(cal.isWorkingDay(d('2023-01-03'))).toBe(true);
  });

  it('2023: Giỗ Tổ Sat 29/4 + Sun 30/4 → off until Wed 3/5 (compensation skips 1/5)', () => {
    for (const iso of ['2023-05-01', '2023-05-02', '2023-05-03']) expect(cal.isWorkingDay(d(iso))).toBe(false);
    expect(cal.isWorkingDay(d('2023-05-04'))).toBe(true);
    expect(ymd(cal.addWorkingDays(d('2023-04-28'), 1))).toBe('2023-05-04');
  });

  it('2026: Giỗ Tổ Sun 26/4 → Mon 27/4 off', () => {
    expect(cal.isHoliday(d('2026-04-27'))).toBe(true);
    expect(cal.isWorkingDay(d('2026-04-28'))).toBe(true);
  });

  it('Tết 2023 = announced schedule 20–26/1 (weekend Tết days compensated)', () => {
    const off = ['2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26'];
    for (const iso of off) expect(cal.isWorkingDay(d(iso))).toBe(false);
    expect(cal.isWorkingDay(d('2023-01-19'))).toBe(true);
    expect(cal.isWorkingDay(d('2023-01-27'))).toBe(true);
  });

  it('Tết 2024 = announced schedule 8–14/2', () => {
    expect(cal.isWorkingDay(d('2024-02-07'))).toBe(true);
    expect(ymd(cal.addWorkingDays(d('2024-02-07'), 1))).toBe('2024-02-15');
  });

  it('Tết 2026 = announced schedule 14–22/2', () => {
    expect(ymd(cal.addWorkingDays(d('2026-02-13'), 1))).toBe('2026-02-23');
  });

  it('honours custom holiday lists (admin-edited)', () => {
    const custom = createHolidayCalendar([{ year: 2025, month: 5, day: 2, name: 'Nghỉ hoán đổi' }]);
    expect(custom.isHoliday(d('2025-05-02'))).toBe(true);
    expect(custom.isHoliday(d('2025-04-30'))).toBe(false);
    // 29/2 recurring holiday simply does not exist in common years
    const leap = createHolidayCalendar([{ year: 0, month: 2, day: 29, name: 'x' }]);
    expect(leap.isHoliday(d('2024-02-29'))).toBe(true);
    expect(leap.isHoliday(d('2025-03-01'))).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('across Tết 2025 (25/1–2/2 off)', () => {
    const fri = d('2025-01-24T10:15');
    const r = cal.addWorkingDays(fri, 1);
    expect(r.toISO()).toBe(d('2025-02-03T10:15').toISO());
    expect(ymd(cal.addWorkingDays(fri, 5))).toBe('2025-02-07');
    expect(ymd(cal.addWorkingDays(d('2025-02-03'), -1))).toBe('2025-01-24');
  });

  it('across 30/4–1/5 2025 (Wed–Thu)', () => {
    expect(ymd(cal.addWorkingDays(d('2025-04-29'), 1))).toBe('2025-05-02');
    expect(ymd(cal.addWorkingDays(d('2025-04-29'), 2))).toBe('2025-05-05');
    expect(ymd(cal.addWorkingDays(d('2025-05-02'), -1))).toBe('2025-04-29');
  });

  it('across 30/4–1/5 2026 (Thu–Fri)', () => {
    expect(d('2026-04-30').weekday).toBe(4);
    expect(ymd(cal.addWorkingDays(d('2026-04-29'), 1))).toBe('2026-05-04');
    // Giỗ Tổ 2026 (Sun 26/4) → Mon 27/4 compensatory
    expect(ymd(cal.addWorkingDays(d('2026-04-24'), 1))).toBe('2026-04-28');
    expect(ymd(cal.addWorkingDays(d('2026-04-24'), 2))).toBe('2026-04-29');
    expect(ymd(cal.addWorkingDays(d('2026-04-24'), 3))).toBe('2026-05-04');
  });

  it('15 working days before a departure (crossing Tết 2025)', () => {
    const departure = d('2025-02-10T09:00');
    const deadline = cal.addWorkingDays(departure, -15);
    expect(deadline.toISO()).toBe(d('2025-01-13T09:00').toISO());
    expect(cal.workingDaysBetween(deadline, departure)).toBe(15);
    expect(cal.workingDaysBetween(departure, deadline)).toBe(-15);
  });

  it('n = 0 returns the input; non-working start days', () => {
    const sat = d('2025-03-08T08:00');
    expect(cal.addWorkingDays(sat, 0)).toBe(sat);
    expect(ymd(cal.addWorkingDays(sat, 1))).toBe('2025-03-10');
    expect(ymd(cal.addWorkingDays(sat, -1))).toBe('2025-03-07');
  });

  it('keeps the zone of the input', () => {
    const r = cal.addWorkingDays(d('2025-04-29T16:00'), 1);
    expect(r.zoneName).toBe(ZONE);
    expect(r.hour).toBe(16);
    const utc = DateTime.fromISO('2025-04-29T20:00', { zone: 'UTC' });
    expect(cal.addWorkingDays(utc, 1).zoneName).toBe('UTC');
  });

  it('rejects non-integer n', () => {
    expect(() => cal.addWorkingDays(d('2025-03-10'), 1.5)).toThrow(/integer/);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (a, b]', () => {
    expect(cal.workingDaysBetween(d('2025-03-10'), d('2025-03-10T23:00'))).toBe(0);
    expect(cal.workingDaysBetween(d('2025-03-10'), d('2025-03-14'))).toBe(4);
    expect(cal.workingDaysBetween(d('2025-03-14'), d('2025-03-17'))).toBe(1);
    expect(cal.workingDaysBetween(d('2025-04-29'), d('2025-05-02'))).toBe(1);
    expect(cal.workingDaysBetween(d('2025-03-12'), d('2025-03-10'))).toBe(-2);
  });

  it('is consistent with addWorkingDays', () => {
    const a = d('2025-01-02T09:00');
    for (let n = -40; n <= 40; n += 7) {
      expect(cal.workingDaysBetween(a, cal.addWorkingDays(a, n))).toBe(n);
    }
  });
});

describe('nextWorkingMoment', () => {
  it('inside the window → at itself', () => {
    const at = d('2025-03-12T10:17:42');
    expect(cal.nextWorkingMoment(at, OFFICE)).toBe(at);
  });

  it('before opening → same day at opening', () => {
    expect(cal.nextWorkingMoment(d('2025-03-12T06:00'), OFFICE).toISO()).toBe(d('2025-03-12T07:30').toISO());
  });

  it('Friday 18:00 → Monday 07:30', () => {
    const r = cal.nextWorkingMoment(d('2025-03-07T18:00'), OFFICE);
    expect(r.toISO()).toBe(d('2025-03-10T07:30').toISO());
    expect(r.zoneName).toBe(ZONE);
  });

  it('end is exclusive: 17:30 → next day 07:30', () => {
    expect(cal.nextWorkingMoment(d('2025-03-12T17:30'), OFFICE).toISO()).toBe(d('2025-03-13T07:30').toISO());
  });

  it('29/04/2025 20:00 → 02/05/2025 07:30 (30/4 and 1/5 are holidays)', () => {
    expect(cal.nextWorkingMoment(d('2025-04-29T20:00'), OFFICE).toISO()).toBe(d('2025-05-02T07:30').toISO());
  });

  it('during Tết 2025 → Mon 3/2 07:30', () => {
    expect(cal.nextWorkingMoment(d('2025-01-28T09:00'), OFFICE).toISO()).toBe(d('2025-02-03T07:30').toISO());
  });

  it('Mon-Sat hours open on Saturday, but not on a holiday Saturday', () => {
    const monSat = parseWorkingHours('7:30-17:30 Mon-Sat');
    expect(cal.nextWorkingMoment(d('2025-03-07T18:00'), monSat).toISO()).toBe(d('2025-03-08T07:30').toISO());
    // Sat 1/2/2025 is a weekly rest day, not a holiday (Tết days are 27–31/1): open for Mon-Sat.
    expect(cal.nextWorkingMoment(d('2025-01-31T09:00'), monSat).toISO()).toBe(d('2025-02-01T07:30').toISO());
    // Sat 30/4/2022 is a holiday → next opening Wed 4/5 (2/5, 3/5 compensatory)
    expect(cal.nextWorkingMoment(d('2022-04-29T18:00'), monSat).toISO()).toBe(d('2022-05-04T07:30').toISO());
  });

  it('Mon,Wed,Fri hours', () => {
    const mwf = parseWorkingHours('08:00-17:00 Mon,Wed,Fri');
    expect(cal.nextWorkingMoment(d('2025-03-11T10:00'), mwf).toISO()).toBe(d('2025-03-12T08:00').toISO());
  });

  it('always → at itself, even on holidays', () => {
    const at = d('2025-04-30T03:00');
    expect(cal.nextWorkingMoment(at, { always: true })).toBe(at);
  });
});

describe('parseWorkingHours', () => {
  it.each<[string, WorkingHours]>([
    ['07:30-17:30 Mon-Fri', { always: false, start: { h: 7, m: 30 }, end: { h: 17, m: 30 }, days: [1, 2, 3, 4, 5] }],
    ['7:30-17:30 Mon-Sat', { always: false, start: { h: 7, m: 30 }, end: { h: 17, m: 30 }, days: [1, 2, 3, 4, 5, 6] }],
    ['08:00-17:00 Mon,Wed,Fri', { always: false, start: { h: 8, m: 0 }, end: { h: 17, m: 0 }, days: [1, 3, 5] }],
    ['08:00 - 17:00 mon, wed, fri', { always: false, start: { h: 8, m: 0 }, end: { h: 17, m: 0 }, days: [1, 3, 5] }],
    ['8h-17h T2-T6', { always: false, start: { h: 8, m: 0 }, end: { h: 17, m: 0 }, days: [1, 2, 3, 4, 5] }],
    ['09:00-12:00 Sat-Mon', { always: false, start: { h: 9, m: 0 }, end: { h: 12, m: 0 }, days: [1, 6, 7] }],
    [
      '00:00-24:00 Mon-Sun',
      { always: false, start: { h: 0, m: 0 }, end: { h: 24, m: 0 }, days: [1, 2, 3, 4, 5, 6, 7] },
    ],
    ['07:30-17:30', { always: false, start: { h: 7, m: 30 }, end: { h: 17, m: 30 }, days: [1, 2, 3, 4, 5] }],
    ['always', { always: true }],
    ['  ALWAYS ', { always: true }],
  ])('parses %j', (spec, expected) => {
    expect(parseWorkingHours(spec)).toEqual(expected);
  });

  it.each([
    ['', /empty/],
    ['sometimes', /expected/],
    ['25:00-17:00 Mon-Fri', /out of range/],
    ['07:60-17:00 Mon-Fri', /out of range/],
    ['17:30-07:30 Mon-Fri', /start must be before end/],
    ['07:30-07:30 Mon-Fri', /start must be before end/],
    ['07:30-17:30 Mon-Fry', /unknown day "Fry"/],
    ['07:30-17:30 Mon-Wed-Fri', /bad day range/],
    ['0730-1730 Mon-Fri', /bad time/],
    ['07:30-17:30 ,', /no days/],
  ])('rejects %j', (spec, msg) => {
    expect(() => parseWorkingHours(spec)).toThrow(msg);
  });

  it('formatWorkingHours round-trips', () => {
    for (const s of [
      '07:30-17:30 Mon-Fri',
      '08:00-17:00 Mon,Wed,Fri',
      'always',
      '07:30-17:30 Mon-Sat',
      '08:00-12:00 Mon,Tue',
    ]) {
      expect(formatWorkingHours(parseWorkingHours(s))).toBe(s);
    }
  });
});
