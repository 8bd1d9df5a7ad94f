/** Words recognised by the patterns (already lowercase and without diacritics). */

export const MONTH_NAMES_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

const MONTH_ALIASES: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
MONTH_NAMES_EN.forEach((name, i) => {
  MONTH_ALIASES[name.toLowerCase()] = i + 1;
});

/** Regex source matching an English month name or abbreviation (longest first). */
export const MONTH_EN_SOURCE = Object.keys(MONTH_ALIASES)
  .sort((a, b) => b.length - a.length)
  .join('|');

export function monthFromName(name: string): number | null {
  return MONTH_ALIASES[name.toLowerCase()] ?? null;
}

/** Whole inputs meaning "not decided yet" (no label kept). */
export const TBD_EXACT = new Set([
  'chua xac dinh',
  'chua co',
  'chua ro',
  'chua co ke hoach',
  'chua xac dinh thoi gian',
  'tbd',
  'tba',
  'to be decided',
  'to be determined',
  'to be announced',
  'undecided',
  'not decided',
  'not yet decided',
]);

/** Inputs starting like this are TBD and keep the original text as label. */
export const TBD_LABEL_PREFIXES = [
  'theo ke hoach',
  'theo thong bao',
  'theo lich',
  'theo chi dao',
  'se thong bao',
  'tuy theo',
  'tuy tinh hinh',
];
