/** Labels shared by summary messages and report files: periods, agencies, timings, file names. */
import type { Translate, Locale } from '../i18n/index.js';
import { stripDiacritics } from '../domain/format.js';
import { formatTiming, timingFromColumns, type Timing } from '../domain/timing/index.js';
import { isoToDmy } from '../domain/timing/calendar.js';
import type { TimingPrecision } from '../domain/enums.js';

export interface AgencyName {
  nameVi: string;
  nameEn: string | null;
}

export function agencyName(a: AgencyName | null | undefined, locale: Locale): string {
  if (!a) return '';
  return locale === 'en' ? (a.nameEn ?? a.nameVi) : a.nameVi;
}

/** "năm 2025", "quý III/2025", "tháng 09/2025", "từ 17/11/2025 đến 23/11/2025" (en: "2025", "Q3 2025"…). */
export function periodLabel(period: Timing, t: Translate, locale: Locale): string {
  if (period.precision === 'DAY' && period.start) return t('summary.period.day', { date: isoToDmy(period.start) });
  if (period.precision === 'RANGE' && period.start && period.end)
    return t('summary.period.range', { from: isoToDmy(period.start), to: isoToDmy(period.end) });
  if (period.precision === 'YEAR' && period.start) return t('summary.period.year', { year: period.start.slice(0, 4) });
  return formatTiming(period, locale);
}

export interface TimingCols {
  timingPrecision: TimingPrecision;
  startDate: Date | null;
  endDate: Date | null;
  timingLabel: string | null;
}

/** An activity's timing as the bot shows it everywhere (normalised, `dd/mm/yyyy`). */
export function activityTiming(row: TimingCols, locale: Locale): string {
  return formatTiming(timingFromColumns(row), locale);
}

/** `{ html }` params are inserted as they are: for plain-text documents, where nothing is HTML. */
export function plainT(t: Translate): Translate {
  return (key, params) => {
    const raw = params
      ? Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'object' ? v : { html: String(v) }]))
      : undefined;
    return t(key, raw);
  };
}

/** ASCII slug for file names: "quý III/2025" → "quy-III-2025". */
export function slug(text: string): string {
  return stripDiacritics(text)
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** "Tong-hop-ke-hoach-doi-ngoai-2025" (+ "-quy-III-2025", "-KH3"); callers add the extension. */
export function reportFileBase(t: Translate, period: Timing | null, planId: number | null): string {
  const parts = [t('summary.report.file_base')];
  if (period)
    parts.push(
      period.precision === 'YEAR' && period.start ? period.start.slice(0, 4) : slug(formatTiming(period, 'vi')),
    );
  if (planId) parts.push(`KH${planId}`);
  return parts.map(slug).filter(Boolean).join('-');
}
