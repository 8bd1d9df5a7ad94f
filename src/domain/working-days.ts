/**
 * Working-day calculus for Vietnam: weekends (Sat, Sun), public holidays
 * (an editable list, see `holidays.ts`) and the compensatory-day rule of the
 * Labour Code 2019 (art. 111(3)/112: when a holiday falls on the weekly rest
 * day, the next working day is off).
 *
 * Pure: all functions take luxon DateTimes in the caller's zone and return
 * DateTimes in that same zone. Dates are interpreted as civil dates in the
 * zone of the DateTime passed in.
 */
import type { DateTime } from 'luxon';
import type { Holiday } from './holidays.js';

export interface TimeOfDay {
  /** 0..23 (24 allowed only as an end time "24:00"). */
  readonly h: number;
  /** 0..59 */
  readonly m: number;
}

export type WorkingHours =
  | { readonly always: true }
  | {
      readonly always: false;
      readonly start: TimeOfDay;
      readonly end: TimeOfDay;
      /** luxon weekdays 1 (Mon) .. 7 (Sun), sorted, unique. */
      readonly days: readonly number[];
    };

export interface HolidayCalendar {
  /** Public holiday or compensatory day off (nghỉ bù), on the date of `date` in its zone. */
  isHoliday(date: DateTime): boolean;
  /** Holiday name ("Quốc khánh", "Quốc khánh (nghỉ bù)"…) or null. */
  holidayName(date: DateTime): string | null;
  /** Mon–Fri and not a holiday/compensatory day. */
  isWorkingDay(date: DateTime): boolean;
  /**
   * Move by `n` working days (n < 0 goes backwards), keeping time of day and
   * zone. n = 0 returns `date` unchanged. From a non-working day, +1 gives the
   * first working day after it and −1 the last working day before it.
   */
  addWorkingDays(date: DateTime, n: number): DateTime;
  /**
   * Signed count of working days between the calendar dates of `a` and `b`
   * (in a's zone): for b after a, the working days in (a, b]; for b before
   * a, minus the working days in [b, a). Same date → 0. So when `b` is a
   * working day, `addWorkingDays(a, workingDaysBetween(a, b))` falls on b's date.
   */
  workingDaysBetween(a: DateTime, b: DateTime): number;
  /**
   * `at` itself if it lies inside the working window (a day listed in
   * `hours.days` that is not a holiday, start ≤ time < end); otherwise the
   * next opening (day at `start`). `{ always: true }` → `at`.
   */
  nextWorkingMoment(at: DateTime, hours: WorkingHours): DateTime;
  /** The same calendar on civil dates as day numbers, for loops over many records (no luxon). */
  readonly days: DayCalendar;
}

/**
 * Civil dates as day numbers (days since 1970-01-01, `epochDay`), as the reminder planner counts
 * them: the same answers as the DateTime methods above, without a DateTime per date.
 */
export interface DayCalendar {
  isHoliday(day: number): boolean;
  isWorkingDay(day: number): boolean;
  /** As `HolidayCalendar.addWorkingDays`, on day numbers. */
  addWorkingDays(day: number, n: number): number;
  /** As `HolidayCalendar.workingDaysBetween`, from day `a` to day `b`. */
  workingDaysBetween(a: number, b: number): number;
}

const DAY_MS = 86_400_000;

/** The day number of a civil date (1970-01-01 is 0). */
export function epochDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** 1 = Mon .. 7 = Sun of a day number (1970-01-01 was a Thursday). */
export function epochWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

// ---------------------------------------------------------------------------
// Civil-date helpers (zone-independent, via UTC Date arithmetic)

type DayKey = number; // yyyymmdd

function key(year: number, month: number, day: number): DayKey {
  return year * 10000 + month * 100 + day;
}

function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** 1 = Mon .. 7 = Sun, like luxon. */
function weekdayOf(year: number, month: number, day: number): number {
  const w = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return w === 0 ? 7 : w;
}

function nextDay(year: number, month: number, day: number): [number, number, number] {
  const d = new Date(Date.UTC(year, month - 1, day + 1));
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

function isWeekend(weekday: number): boolean {
  return weekday === 6 || weekday === 7;
}

const COMPENSATORY_SUFFIX = ' (nghỉ bù)';
const MAX_SCAN_DAYS = 3 * 366;

// ---------------------------------------------------------------------------

export function createHolidayCalendar(holidays: readonly Holiday[]): HolidayCalendar {
  const recurring = holidays.filter((h) => h.year === 0);
  const byYear = new Map<number, Holiday[]>();
  for (const h of holidays) {
    if (h.year === 0) continue;
    const list = byYear.get(h.year) ?? [];
    list.push(h);
    byYear.set(h.year, list);
  }

  const rawCache = new Map<number, Map<DayKey, string>>();
  /** Statutory holidays of a year (recurring + year-specific), by day key. */
  function raw(year: number): Map<DayKey, string> {
    let m = rawCache.get(year);
    if (m) return m;
    m = new Map();
    for (const h of [...recurring, ...(byYear.get(year) ?? [])]) {
      if (!isValidDate(year, h.month, h.day)) continue;
      const k = key(year, h.month, h.day);
      if (!m.has(k)) m.set(k, h.name);
    }
    rawCache.set(year, m);
    return m;
  }

  function isRaw(year: number, month: number, day: number): boolean {
    return raw(year).has(key(year, month, day));
  }

  const compCache = new Map<number, Map<DayKey, string>>();
  /**
   * Compensatory days generated by the holidays of `year` (may spill into
   * year + 1). Holidays are processed in date order; each weekend holiday
   * takes the next weekday that is neither a holiday nor already taken.
   */
  function comp(year: number): Map<DayKey, string> {
    let m = compCache.get(year);
    if (m) return m;
    m = new Map();
    const days = [...raw(year).entries()].sort((a, b) => a[0] - b[0]);
    for (const [k, name] of days) {
      const y = Math.floor(k / 10000);
      const mo = Math.floor((k % 10000) / 100);
      const d = k % 100;
      if (!isWeekend(weekdayOf(y, mo, d))) continue;
      let [cy, cm, cd] = nextDay(y, mo, d);
      for (let i = 0; i < 60; i++) {
        const ck = key(cy, cm, cd);
        if (!isWeekend(weekdayOf(cy, cm, cd)) && !isRaw(cy, cm, cd) && !m.has(ck)) {
          m.set(ck, name + COMPENSATORY_SUFFIX);
          break;
        }
        [cy, cm, cd] = nextDay(cy, cm, cd);
      }
    }
    compCache.set(year, m);
    return m;
  }

  function nameOf(dt: DateTime): string | null {
    const { year, month, day } = dt;
    const k = key(year, month, day);
    return raw(year).get(k) ?? comp(year).get(k) ?? comp(year - 1).get(k) ?? null;
  }

  function isHoliday(dt: DateTime): boolean {
    return nameOf(dt) !== null;
  }

  function isWorkingDay(dt: DateTime): boolean {
    return !isWeekend(dt.weekday) && !isHoliday(dt);
  }

  function addWorkingDays(date: DateTime, n: number): DateTime {
    if (!Number.isInteger(n)) throw new Error(`addWorkingDays: n must be an integer, got ${n}`);
    const step = n < 0 ? -1 : 1;
    let remaining = Math.abs(n);
    let d = date;
    let guard = remaining * 7 + MAX_SCAN_DAYS;
    while (remaining > 0) {
      d = d.plus({ days: step });
      if (isWorkingDay(d)) remaining--;
      if (--guard < 0) throw new Error('addWorkingDays: no working day found');
    }
    return d;
  }

  function workingDaysBetween(a: DateTime, b: DateTime): number {
    const start = a.startOf('day');
    const end = b.setZone(a.zone).startOf('day');
    if (+end === +start) return 0;
    let count = 0;
    if (end > start) {
      for (let d = start.plus({ days: 1 }); d <= end; d = d.plus({ days: 1 })) {
        if (isWorkingDay(d)) count++;
      }
      return count;
    }
    for (let d = end; d < start; d = d.plus({ days: 1 })) {
      if (isWorkingDay(d)) count++;
    }
    return -count;
  }

  function nextWorkingMoment(at: DateTime, hours: WorkingHours): DateTime {
    if (hours.always) return at;
    if (hours.days.length === 0) throw new Error('nextWorkingMoment: working hours have no days');
    const startMin = hours.start.h * 60 + hours.start.m;
    const endMin = hours.end.h * 60 + hours.end.m;
    const isOpenDay = (d: DateTime): boolean => hours.days.includes(d.weekday) && !isHoliday(d);
    const opening = (d: DateTime): DateTime =>
      d.set({ hour: hours.start.h, minute: hours.start.m, second: 0, millisecond: 0 });

    if (isOpenDay(at)) {
      const t = at.hour * 60 + at.minute + at.second / 60 + at.millisecond / 60000;
      if (t < startMin) return opening(at);
      if (t < endMin) return at;
    }
    let d = at.startOf('day');
    for (let i = 0; i < MAX_SCAN_DAYS; i++) {
      d = d.plus({ days: 1 });
      if (isOpenDay(d)) return opening(d);
    }
    throw new Error('nextWorkingMoment: no opening found within 3 years');
  }

  const holidayByDay = new Map<number, boolean>();
  function isHolidayDay(n: number): boolean {
    let h = holidayByDay.get(n);
    if (h === undefined) {
      const d = new Date(n * DAY_MS);
      const [y, mo, da] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
      const k = key(y, mo, da);
      h = raw(y).has(k) || comp(y).has(k) || comp(y - 1).has(k);
      holidayByDay.set(n, h);
    }
    return h;
  }
  const isWorkingDayNumber = (n: number) => !isWeekend(epochWeekday(n)) && !isHolidayDay(n);
  const days: DayCalendar = {
    isHoliday: isHolidayDay,
    isWorkingDay: isWorkingDayNumber,
    addWorkingDays(day, n) {
      if (!Number.isInteger(n)) throw new Error(`addWorkingDays: n must be an integer, got ${n}`);
      const step = n < 0 ? -1 : 1;
      let remaining = Math.abs(n);
      let d = day;
      let guard = remaining * 7 + MAX_SCAN_DAYS;
      while (remaining > 0) {
        d += step;
        if (isWorkingDayNumber(d)) remaining--;
        if (--guard < 0) throw new Error('addWorkingDays: no working day found');
      }
      return d;
    },
    workingDaysBetween(a, b) {
      let count = 0;
      if (b > a) {
        for (let d = a + 1; d <= b; d++) if (isWorkingDayNumber(d)) count++;
        return count;
      }
      for (let d = b; d < a; d++) if (isWorkingDayNumber(d)) count++;
      return -count;
    },
  };

  return {
    isHoliday,
    holidayName: nameOf,
    isWorkingDay,
    addWorkingDays,
    workingDaysBetween,
    nextWorkingMoment,
    days,
  };
}

// ---------------------------------------------------------------------------
// Working-hours spec parsing

const DAY_TOKENS: Readonly<Record<string, number>> = {
  mon: 1,
  monday: 1,
  t2: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  t3: 2,
  wed: 3,
  wednesday: 3,
  t4: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  t5: 4,
  fri: 5,
  friday: 5,
  t6: 5,
  sat: 6,
  saturday: 6,
  t7: 6,
  sun: 7,
  sunday: 7,
  cn: 7,
};

const DAY_ABBR = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const EXPECTED = 'expected e.g. "07:30-17:30 Mon-Fri", "08:00-17:00 Mon,Wed,Fri" or "always"';

function parseTime(s: string, spec: string, isEnd: boolean): TimeOfDay {
  const m = /^(\d{1,2})(?:[:h](\d{2}))?h?$/i.exec(s);
  if (!m) throw new Error(`Invalid working hours "${spec}": bad time "${s}" (${EXPECTED})`);
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  const okHour = h <= 23 || (isEnd && h === 24 && min === 0);
  if (!okHour || min > 59) {
    throw new Error(`Invalid working hours "${spec}": time "${s}" out of range`);
  }
  return { h, m: min };
}

function parseDay(tok: string, spec: string): number {
  const d = DAY_TOKENS[tok.toLowerCase()];
  if (d === undefined) {
    throw new Error(`Invalid working hours "${spec}": unknown day "${tok}" (use Mon..Sun)`);
  }
  return d;
}

function parseDays(s: string, spec: string): number[] {
  const set = new Set<number>();
  const parts = s.split(/\s*,\s*|\s+/).filter((p) => p.length > 0);
  if (parts.length === 0) throw new Error(`Invalid working hours "${spec}": no days (${EXPECTED})`);
  for (const part of parts) {
    const range = part.split(/[-–]|\.\./);
    if (range.length === 1) {
      set.add(parseDay(part, spec));
    } else if (range.length === 2 && range[0] && range[1]) {
      const from = parseDay(range[0], spec);
      const to = parseDay(range[1], spec);
      // Ranges may wrap around the week (e.g. Sat-Mon).
      for (let d = from, i = 0; i < 7; i++, d = (d % 7) + 1) {
        set.add(d);
        if (d === to) break;
      }
    } else {
      throw new Error(`Invalid working hours "${spec}": bad day range "${part}"`);
    }
  }
  return [...set].sort((a, b) => a - b);
}

/**
 * Parse a working-hours spec: `"07:30-17:30 Mon-Fri"`, `"7:30-17:30 Mon-Sat"`,
 * `"08:00-17:00 Mon,Wed,Fri"`, `"always"` (also `"24/7"`). Days accept
 * English names/abbreviations and Vietnamese T2..T7/CN; ranges may wrap
 * (Sat-Mon). Without a day part, Mon-Fri is assumed. Throws an Error with a
 * descriptive message on malformed input.
 */
export function parseWorkingHours(spec: string): WorkingHours {
  if (typeof spec !== 'string') throw new Error(`Invalid working hours: not a string (${EXPECTED})`);
  const s = spec.trim();
  if (s === '') throw new Error(`Invalid working hours: empty spec (${EXPECTED})`);
  if (/^(always|24\/7)$/i.test(s)) return { always: true };

  const m = /^(\S+?)\s*[-–]\s*(\S+?)(?:\s+(.+))?$/.exec(s);
  if (!m || !m[1] || !m[2]) throw new Error(`Invalid working hours "${spec}": ${EXPECTED}`);
  const start = parseTime(m[1], spec, false);
  const end = parseTime(m[2], spec, true);
  if (start.h * 60 + start.m >= end.h * 60 + end.m) {
    throw new Error(`Invalid working hours "${spec}": start must be before end (overnight windows unsupported)`);
  }
  const days = m[3] === undefined ? [1, 2, 3, 4, 5] : parseDays(m[3].trim(), spec);
  return { always: false, start, end, days };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Canonical text form, e.g. "07:30-17:30 Mon-Fri", "08:00-17:00 Mon,Wed,Fri", "always". */
export function formatWorkingHours(hours: WorkingHours): string {
  if (hours.always) return 'always';
  const t = (x: TimeOfDay) => `${pad2(x.h)}:${pad2(x.m)}`;
  // Collapse consecutive runs into ranges.
  const runs: string[] = [];
  const days = [...hours.days].sort((a, b) => a - b);
  for (let i = 0; i < days.length;) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === (days[j] ?? 0) + 1) j++;
    const a = DAY_ABBR[(days[i] ?? 1) - 1];
    const b = DAY_ABBR[(days[j] ?? 1) - 1];
    runs.push(j - i >= 2 ? `${a}-${b}` : j === i ? `${a}` : `${a},${b}`);
    i = j + 1;
  }
  return `${t(hours.start)}-${t(hours.end)} ${runs.join(',')}`;
}
