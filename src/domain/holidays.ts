/**
 * Default Vietnamese public-holiday dataset (Labour Code 2019, art. 112).
 *
 * The application stores holidays in its database and admins may edit them;
 * this is only the seed. Entries with `year: 0` recur every year (solar
 * dates); lunar holidays (Tết Nguyên đán, Giỗ Tổ Hùng Vương) and the
 * National-Day adjacent day are given as concrete solar dates for 2022–2030.
 *
 * Compensatory days off (art. 111(3): a holiday falling on the weekly rest
 * day is compensated on the next working day) are NOT data: they are
 * derived by the calendar in `working-days.ts`. Consequently the Tết entries
 * below list the five statutory days even when some of them fall on a
 * weekend (e.g. 2023, 2024); the calculus turns those into the
 * government-announced weekday days off.
 *
 * Lunar dates were computed with the Vietnamese lunar calendar (UTC+7 —
 * which differs from the Chinese calendar (UTC+8) in 2027 and 2030).
 */

export interface Holiday {
  /** Solar year, or 0 for "every year". */
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
  readonly name: string;
}

/** Names used by the default dataset. */
export const HOLIDAY_NAMES = {
  newYear: 'Tết Dương lịch',
  tet: 'Tết Nguyên đán',
  hungKings: 'Giỗ Tổ Hùng Vương',
  liberation: 'Ngày Giải phóng miền Nam, thống nhất đất nước',
  labour: 'Ngày Quốc tế Lao động',
  nationalDay: 'Quốc khánh',
  nationalDayAdjacent: 'Quốc khánh (ngày liền kề)',
} as const;

/** Fixed solar holidays, every year. */
const FIXED: readonly Holiday[] = [
  { year: 0, month: 1, day: 1, name: HOLIDAY_NAMES.newYear },
  { year: 0, month: 4, day: 30, name: HOLIDAY_NAMES.liberation },
  { year: 0, month: 5, day: 1, name: HOLIDAY_NAMES.labour },
  { year: 0, month: 9, day: 2, name: HOLIDAY_NAMES.nationalDay },
];

/**
 * The 5 Tết days per year as `[firstDay ISO date, lunar label of each day]`.
 *
 * 2022–2026: days chosen by the government's announced schedules for the
 * public sector:
 *  - 2022: Mon 31/1 (29 Tết) – Fri 4/2 (mùng 4).
 *  - 2023: Fri 20/1 (29 Tết) – Tue 24/1 (mùng 3); Sat 21 & Sun 22 → nghỉ bù 25, 26/1.
 *  - 2024: Thu 8/2 (29 Tết) – Mon 12/2 (mùng 3); Sat 10 & Sun 11 → nghỉ bù 13, 14/2.
 *  - 2025: Mon 27/1 (28 Tết) – Fri 31/1 (mùng 3) (9-day break 25/1–2/2).
 *  - 2026: Mon 16/2 (29 Tết) – Fri 20/2 (mùng 4) (9-day break 14/2–22/2).
 * 2027–2030: statutory default — last day of the lunar year + mùng 1..4
 * (weekend days compensated by the calculus); revise when announced.
 */
const TET: readonly { start: string; labels: readonly string[] }[] = [
  { start: '2022-01-31', labels: ['29 Tết', 'mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'] },
  { start: '2023-01-20', labels: ['29 Tết', '30 Tết', 'mùng 1', 'mùng 2', 'mùng 3'] },
  { start: '2024-02-08', labels: ['29 Tết', '30 Tết', 'mùng 1', 'mùng 2', 'mùng 3'] },
  { start: '2025-01-27', labels: ['28 Tết', '29 Tết', 'mùng 1', 'mùng 2', 'mùng 3'] },
  { start: '2026-02-16', labels: ['29 Tết', 'mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'] },
  { start: '2027-02-05', labels: ['29 Tết', 'mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'] },
  { start: '2028-01-25', labels: ['29 Tết', 'mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'] },
  { start: '2029-02-12', labels: ['29 Tết', 'mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'] },
  { start: '2030-02-01', labels: ['29 Tết', 'mùng 1', 'mùng 2', 'mùng 3', 'mùng 4'] },
];

/** Mùng 1 Tết (lunar new year's day, Vietnamese calendar) per solar year. */
export const LUNAR_NEW_YEAR: Readonly<Record<number, string>> = {
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  // Vietnamese calendar (UTC+7): new moon 2/2/2030 ≈ 23:07 ICT, so Tết is
  // Sat 2/2/2030 — one day before the Chinese New Year (3/2/2030).
  2030: '2030-02-02',
};

/** Giỗ Tổ Hùng Vương (10/3 lunar) per solar year. */
export const HUNG_KINGS_DAY: Readonly<Record<number, string>> = {
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

/**
 * The day adjacent to 2/9 (Labour Code 2019: "the day before or after",
 * decided yearly). 2022–2026 as announced; later years follow the usual
 * choice that builds the longest break.
 */
const NATIONAL_DAY_ADJACENT: Readonly<Record<number, string>> = {
  2022: '2022-09-01', // Fri 2/9 → Thu 1/9
  2023: '2023-09-01', // Sat 2/9 → Fri 1/9 (+ nghỉ bù Mon 4/9)
  2024: '2024-09-03', // Mon 2/9 → Tue 3/9
  2025: '2025-09-01', // Tue 2/9 → Mon 1/9
  2026: '2026-09-01', // Wed 2/9 → Tue 1/9
  2027: '2027-09-03', // Thu 2/9 → Fri 3/9
  2028: '2028-09-01', // Sat 2/9 → Fri 1/9 (+ nghỉ bù Mon 4/9)
  2029: '2029-09-03', // Sun 2/9 → Mon 3/9 (+ nghỉ bù Tue 4/9)
  2030: '2030-09-03', // Mon 2/9 → Tue 3/9
};

function parseIso(iso: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`bad ISO date ${iso}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

function addDaysIso(iso: string, n: number): { year: number; month: number; day: number } {
  const { year, month, day } = parseIso(iso);
  const d = new Date(Date.UTC(year, month - 1, day + n));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function buildDefaults(): Holiday[] {
  const out: Holiday[] = [...FIXED];
  for (const t of TET) {
    t.labels.forEach((label, i) => {
      out.push({ ...addDaysIso(t.start, i), name: `${HOLIDAY_NAMES.tet} (${label})` });
    });
  }
  for (const iso of Object.values(HUNG_KINGS_DAY)) {
    out.push({ ...parseIso(iso), name: HOLIDAY_NAMES.hungKings });
  }
  for (const iso of Object.values(NATIONAL_DAY_ADJACENT)) {
    out.push({ ...parseIso(iso), name: HOLIDAY_NAMES.nationalDayAdjacent });
  }
  return out.sort((a, b) => a.year - b.year || a.month - b.month || a.day - b.day);
}

/** Seed dataset: fixed holidays (year 0) + concrete 2022–2030 dates. */
export const DEFAULT_HOLIDAYS: readonly Holiday[] = Object.freeze(buildDefaults());
