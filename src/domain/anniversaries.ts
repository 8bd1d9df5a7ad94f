/**
 * Diplomatic anniversaries (establishment of relations, treaties, partners'
 * national days) and the congratulatory-letter proposals derived from them.
 *
 * Pure: `from`/`now` are parameters; returned DateTimes are start-of-day in
 * the zone of the DateTime passed in.
 */
import { DateTime } from 'luxon';

export type AnniversaryKind = 'DIPLOMATIC_RELATIONS' | 'TREATY' | 'NATIONAL_DAY' | 'OTHER';

export interface Anniversary {
  /** Stable identifier (used for idempotent task creation). */
  readonly key: string;
  readonly kind: AnniversaryKind;
  /** ISO 3166-1 alpha-2 code of the partner country. */
  readonly countryCode: string;
  /**
   * Vietnamese name of the event, written so that it reads after
   * "Kỷ niệm N năm …" (see `anniversaryTitle`):
   *  - DIPLOMATIC_RELATIONS: "Quan hệ ngoại giao Việt Nam – Nhật Bản"
   *  - TREATY: "Hiệp ước …" (title adds "ký")
   *  - NATIONAL_DAY / OTHER: used as is.
   */
  readonly nameVi: string;
  readonly nameEn: string;
  readonly day: number;
  readonly month: number;
  readonly baseYear: number;
}

export interface AnniversaryOccurrence {
  readonly anniversary: Anniversary;
  /** Start of the anniversary day, in the zone of `from`. */
  readonly date: DateTime;
  /** Number of years since baseYear (≥ 1). */
  readonly years: number;
  /** years % 5 === 0 */
  readonly isRound: boolean;
}

export type LetterProposalReason = 'ROUND_ANNIVERSARY' | 'NATIONAL_DAY';

export interface LetterReminder {
  /** Days before the anniversary. */
  readonly leadDays: number;
  /** Start of the day the reminder is due (occurrence date − leadDays). */
  readonly dueAt: DateTime;
  /** dueAt ≤ now */
  readonly isDue: boolean;
}

export interface LetterProposal {
  /** `${anniversary.key}:${year}` — idempotency key for the task. */
  readonly key: string;
  readonly occurrence: AnniversaryOccurrence;
  readonly reason: LetterProposalReason;
  readonly titleVi: string;
  readonly titleEn: string;
  /** Sorted by dueAt ascending (largest lead first). */
  readonly reminders: readonly LetterReminder[];
}

export interface LetterProposalOptions {
  /** Reminder lead times in days before the anniversary. Default [15, 5]. */
  readonly leadDays?: readonly number[];
  /**
   * Look-ahead window in days from `now` (inclusive). Default: the largest
   * lead day (so a proposal appears when its first reminder is due).
   */
  readonly horizonDays?: number;
}

export const DEFAULT_ANNIVERSARIES: readonly Anniversary[] = [
  {
    key: 'vn-jp-diplomatic-relations',
    kind: 'DIPLOMATIC_RELATIONS',
    countryCode: 'JP',
    nameVi: 'Quan hệ ngoại giao Việt Nam – Nhật Bản',
    nameEn: 'Viet Nam – Japan diplomatic relations',
    day: 21,
    month: 9,
    baseYear: 1973,
  },
  {
    key: 'vn-la-diplomatic-relations',
    kind: 'DIPLOMATIC_RELATIONS',
    countryCode: 'LA',
    nameVi: 'Quan hệ ngoại giao Việt Nam – Lào',
    nameEn: 'Viet Nam – Laos diplomatic relations',
    day: 5,
    month: 9,
    baseYear: 1962,
  },
  {
    key: 'vn-la-treaty-amity-cooperation',
    kind: 'TREATY',
    countryCode: 'LA',
    nameVi: 'Hiệp ước Hữu nghị và Hợp tác Việt Nam – Lào',
    nameEn: 'Viet Nam – Laos Treaty of Amity and Cooperation',
    day: 18,
    month: 7,
    baseYear: 1977,
  },
  {
    key: 'vn-kh-diplomatic-relations',
    kind: 'DIPLOMATIC_RELATIONS',
    countryCode: 'KH',
    nameVi: 'Quan hệ ngoại giao Việt Nam – Campuchia',
    nameEn: 'Viet Nam – Cambodia diplomatic relations',
    day: 24,
    month: 6,
    baseYear: 1967,
  },
  {
    key: 'la-national-day',
    kind: 'NATIONAL_DAY',
    countryCode: 'LA',
    nameVi: 'Quốc khánh nước Cộng hòa Dân chủ Nhân dân Lào',
    nameEn: 'the National Day of the Lao PDR',
    day: 2,
    month: 12,
    baseYear: 1975,
  },
  {
    key: 'kh-national-day',
    kind: 'NATIONAL_DAY',
    countryCode: 'KH',
    nameVi: 'Quốc khánh Vương quốc Campuchia',
    nameEn: 'the National Day (Independence Day) of the Kingdom of Cambodia',
    day: 9,
    month: 11,
    baseYear: 1953,
  },
  {
    key: 'vn-cn-diplomatic-relations',
    kind: 'DIPLOMATIC_RELATIONS',
    countryCode: 'CN',
    nameVi: 'Quan hệ ngoại giao Việt Nam – Trung Quốc',
    nameEn: 'Viet Nam – China diplomatic relations',
    day: 18,
    month: 1,
    baseYear: 1950,
  },
  {
    key: 'vn-kr-diplomatic-relations',
    kind: 'DIPLOMATIC_RELATIONS',
    countryCode: 'KR',
    nameVi: 'Quan hệ ngoại giao Việt Nam – Hàn Quốc',
    nameEn: 'Viet Nam – Republic of Korea diplomatic relations',
    day: 22,
    month: 12,
    baseYear: 1992,
  },
];

/**
 * Anniversary date in `year` (29/02 falls back to 28/02 in common years),
 * start of day in `zone`.
 */
function dateIn(a: Anniversary, year: number, zone: DateTime['zone']): DateTime | null {
  let d = DateTime.fromObject({ year, month: a.month, day: a.day }, { zone });
  if (!d.isValid && a.month === 2 && a.day === 29) {
    d = DateTime.fromObject({ year, month: 2, day: 28 }, { zone });
  }
  return d.isValid ? d : null;
}

/**
 * Occurrences whose date lies in [from's day, from's day + horizonDays]
 * (both inclusive), sorted by date then key. Only years ≥ 1 are returned.
 */
export function upcomingOccurrences(
  anniversaries: readonly Anniversary[],
  from: DateTime,
  horizonDays: number,
): AnniversaryOccurrence[] {
  if (!(horizonDays >= 0)) return [];
  const start = from.startOf('day');
  const end = start.plus({ days: Math.floor(horizonDays) });
  const out: AnniversaryOccurrence[] = [];
  for (const a of anniversaries) {
    for (let y = start.year; y <= end.year; y++) {
      const years = y - a.baseYear;
      if (years < 1) continue;
      const d = dateIn(a, y, start.zone);
      if (!d || d < start || d > end) continue;
      out.push({ anniversary: a, date: d, years, isRound: years % 5 === 0 });
    }
  }
  return out.sort((x, y) => +x.date - +y.date || x.anniversary.key.localeCompare(y.anniversary.key));
}

function dmy(day: number, month: number, year: number): string {
  return `${day}/${month}/${year}`;
}

function lowerFirst(s: string): string {
  return s.length === 0 ? s : s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);
}

function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/**
 * Title of an occurrence, e.g.
 *  vi: "Kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam – Nhật Bản (21/9/1973 – 21/9/2023)"
 *  en: "50th anniversary of Viet Nam – Japan diplomatic relations (21/9/1973 – 21/9/2023)"
 */
export function anniversaryTitle(occ: AnniversaryOccurrence, locale: 'vi' | 'en' = 'vi'): string {
  const a = occ.anniversary;
  const span = `(${dmy(a.day, a.month, a.baseYear)} – ${dmy(occ.date.day, occ.date.month, occ.date.year)})`;
  if (locale === 'en') {
    const what = a.kind === 'TREATY' ? `the signing of the ${a.nameEn}` : a.nameEn;
    return `${ordinal(occ.years)} anniversary of ${what} ${span}`;
  }
  let what: string;
  switch (a.kind) {
    case 'DIPLOMATIC_RELATIONS':
      what = `thiết lập ${lowerFirst(a.nameVi)}`;
      break;
    case 'TREATY':
      what = `ký ${a.nameVi}`;
      break;
    default:
      what = a.nameVi;
  }
  return `Kỷ niệm ${occ.years} năm ${what} ${span}`;
}

/**
 * Why an occurrence deserves a congratulatory letter, or null:
 * national days every year; relations, treaties and other anniversaries
 * only on round years (multiples of 5).
 */
export function letterReason(occ: AnniversaryOccurrence): LetterProposalReason | null {
  if (occ.anniversary.kind === 'NATIONAL_DAY') return 'NATIONAL_DAY';
  return occ.isRound ? 'ROUND_ANNIVERSARY' : null;
}

/**
 * Occurrences within the horizon that need a congratulatory-letter task,
 * with the reminder due dates (occurrence date − each lead day).
 */
export function letterProposals(
  anniversaries: readonly Anniversary[],
  now: DateTime,
  options: LetterProposalOptions = {},
): LetterProposal[] {
  const leadDays = [...new Set(options.leadDays ?? [15, 5])]
    .filter((n) => Number.isFinite(n) && n >= 0)
    .map((n) => Math.floor(n))
    .sort((a, b) => b - a);
  const horizon = options.horizonDays ?? leadDays[0] ?? 0;
  const proposals: LetterProposal[] = [];
  for (const occ of upcomingOccurrences(anniversaries, now, horizon)) {
    const reason = letterReason(occ);
    if (!reason) continue;
    const reminders = [...new Set(leadDays)].map((lead) => {
      const dueAt = occ.date.minus({ days: lead });
      return { leadDays: lead, dueAt, isDue: dueAt <= now };
    });
    proposals.push({
      key: `${occ.anniversary.key}:${occ.date.year}`,
      occurrence: occ,
      reason,
      titleVi: anniversaryTitle(occ, 'vi'),
      titleEn: anniversaryTitle(occ, 'en'),
      reminders,
    });
  }
  return proposals;
}
