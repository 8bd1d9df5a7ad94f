/** Normalised display of a Timing; parseTiming(formatTiming(t)) returns t again. */
import { isoToDmy, parseIsoDate, quarterOfMonth, ROMAN_QUARTERS } from './calendar.js';
import { MONTH_NAMES_EN } from './lexicon.js';
import type { Timing, TimingLocale } from './types.js';

const TBD_TEXT: Record<TimingLocale, string> = { vi: 'Chưa xác định', en: 'To be decided' };

export function formatTiming(t: Timing, locale: TimingLocale): string {
  const vi = locale === 'vi';
  const tbd = t.label ?? TBD_TEXT[locale];
  if (t.precision === 'DEADLINE') {
    return t.end ? `${vi ? 'trước' : 'before'} ${isoToDmy(t.end)}` : tbd;
  }
  const start = t.start ? parseIsoDate(t.start) : null;
  if (!start || !t.end) return tbd;
  const { year, month } = start;
  switch (t.precision) {
    case 'DAY':
      return isoToDmy(t.start ?? '');
    case 'RANGE':
      return `${isoToDmy(t.start ?? '')} - ${isoToDmy(t.end)}`;
    case 'MONTH':
      return vi ? `tháng ${String(month).padStart(2, '0')}/${year}` : `${MONTH_NAMES_EN[month - 1]} ${year}`;
    case 'QUARTER': {
      const q = quarterOfMonth(month);
      return vi ? `quý ${ROMAN_QUARTERS[q - 1]}/${year}` : `Q${q} ${year}`;
    }
    case 'HALF_YEAR': {
      const first = month <= 6;
      if (vi) return `6 tháng ${first ? 'đầu' : 'cuối'} năm ${year}`;
      return `H${first ? 1 : 2} ${year}`;
    }
    case 'YEAR':
      return vi ? `năm ${year}` : String(year);
    case 'TBD':
      return tbd;
  }
}
