/**
 * What the summary chart shows, as data (pure, no I/O): activities per month of the period stacked
 * by type, and the top partner countries. An activity sits in the month it starts (a deadline: the
 * month it is due). One known only to the quarter, half-year or year gets a bar of its own after
 * that quarter's (half-year's, year's) last month instead of being spread or guessed into a month;
 * one with no timing yet (TBD) is counted apart, in a last bar.
 */
import type { ActivityType, TimingPrecision } from '../../domain/enums.js';
import type { Locale, Translate } from '../../i18n/index.js';
import { countryName } from '../../domain/countries.js';
import { ACTIVITY_TYPES } from '../../domain/enums.js';

/** Activities of one type and timing, as a GROUP BY returns them (`count` 1 for a single row). */
export interface ChartTimingCount {
  type: ActivityType;
  timingPrecision: TimingPrecision;
  startDate: Date | null;
  endDate: Date | null;
  count: number;
}

export interface ChartSeries {
  type: ActivityType;
  name: string;
  /** One count per category. */
  data: number[];
}

/** The chart as plain data: every label already in the reader's language. */
export interface SummaryChartModel {
  title: string;
  monthsTitle: string;
  countriesTitle: string;
  /** x-axis labels: every month of the period, then coarser and undecided timings where there are any. */
  categories: string[];
  series: ChartSeries[];
  /** Most frequent partner countries first. */
  countries: { label: string; count: number }[];
  /** Shown instead of a panel that has nothing to draw. */
  emptyText: string;
  total: number;
}

export const MAX_MONTHS = 36;
export const TOP_COUNTRIES = 8;

interface Slot {
  /** Sorts the categories: months, then their quarter/half/year, TBD last. */
  order: number;
  label: string;
}

const ym = (d: Date) => ({ y: d.getUTCFullYear(), m: d.getUTCMonth() + 1 });

/** The slot of a row; its label is made only the first time a slot is seen (a year may hold thousands of rows). */
function slotFor(
  row: ChartTimingCount,
  from: Date,
  to: Date,
  multiYear: boolean,
  t: Translate,
): { order: number; label: () => string } {
  const anchor = row.startDate ?? row.endDate;
  if (!anchor) return { order: Number.MAX_SAFE_INTEGER, label: () => t('reports.chart.tbd') };
  // Clamped into the period: an activity that began before it sits in its first month.
  const at = ym(new Date(Math.min(Math.max(anchor.getTime(), from.getTime()), to.getTime())));
  const p = row.timingPrecision;
  if (p === 'QUARTER' || p === 'HALF_YEAR' || p === 'YEAR') {
    const start = row.startDate ? ym(row.startDate) : at;
    const span = p === 'QUARTER' ? 3 : p === 'HALF_YEAR' ? 6 : 12;
    const index = Math.floor((start.m - 1) / span);
    const last = (index + 1) * span;
    const label = () =>
      (p === 'QUARTER'
        ? t(`reports.chart.quarter.${index + 1}`)
        : p === 'HALF_YEAR'
          ? t(index === 0 ? 'reports.chart.half_first' : 'reports.chart.half_second')
          : t('reports.chart.year')) + (multiYear ? `/${start.y}` : '');
    return { order: (start.y * 100 + last) * 10 + (p === 'QUARTER' ? 1 : p === 'HALF_YEAR' ? 2 : 3), label };
  }
  return { order: (at.y * 100 + at.m) * 10, label: () => monthLabel(at.y, at.m, multiYear, t) };
}

function monthLabel(y: number, m: number, multiYear: boolean, t: Translate): string {
  const month = t(`reports.chart.month.${m}`);
  return multiYear ? t('reports.chart.month_year', { month, y: String(y % 100).padStart(2, '0') }) : month;
}

/** Month categories of the period (at most MAX_MONTHS, the first ones). */
function monthSlots(from: Date, to: Date, t: Translate): { slots: Slot[]; multiYear: boolean } {
  const a = ym(from);
  const b = ym(to);
  const multiYear = a.y !== b.y;
  const slots: Slot[] = [];
  for (
    let y = a.y, m = a.m;
    (y < b.y || (y === b.y && m <= b.m)) && slots.length < MAX_MONTHS;
    m === 12 ? ((m = 1), y++) : m++
  ) {
    slots.push({ order: (y * 100 + m) * 10, label: monthLabel(y, m, multiYear, t) });
  }
  return { slots, multiYear };
}

export interface ChartModelOptions {
  /** The period's first and last day (UTC midnight, as the Activity columns store dates). */
  period: { from: Date; to: Date };
  /** "năm 2025", "quý III/2025"… */
  periodLabel: string;
  t: Translate;
  locale: Locale;
}

export function buildSummaryChartModel(
  timings: readonly ChartTimingCount[],
  countries: readonly { countryCode: string; count: number }[],
  o: ChartModelOptions,
): SummaryChartModel {
  const { from, to } = o.period;
  const { slots, multiYear } = monthSlots(from, to, o.t);
  const byOrder = new Map(slots.map((s) => [s.order, s]));
  const counts = new Map<ActivityType, Map<number, number>>();
  let total = 0;
  for (const row of timings) {
    if (row.count <= 0) continue;
    const slot = slotFor(row, from, to, multiYear, o.t);
    if (!byOrder.has(slot.order)) byOrder.set(slot.order, { order: slot.order, label: slot.label() });
    const perType = counts.get(row.type) ?? new Map<number, number>();
    perType.set(slot.order, (perType.get(slot.order) ?? 0) + row.count);
    counts.set(row.type, perType);
    total += row.count;
  }
  const ordered = [...byOrder.values()].sort((a, b) => a.order - b.order);
  const series: ChartSeries[] = ACTIVITY_TYPES.filter((type) => counts.has(type)).map((type) => ({
    type,
    name: o.t(`activity.type.${type}`),
    data: ordered.map((s) => counts.get(type)!.get(s.order) ?? 0),
  }));
  const top = [...countries]
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || a.countryCode.localeCompare(b.countryCode))
    .slice(0, TOP_COUNTRIES)
    .map((c) => ({ label: countryName(c.countryCode, o.locale), count: c.count }));
  return {
    title: o.periodLabel
      ? o.t('reports.chart.title', { period: o.periodLabel, total })
      : o.t('reports.chart.title_all', { total }),
    monthsTitle: o.t('reports.chart.months_title'),
    countriesTitle: o.t('reports.chart.countries_title', { n: top.length }),
    categories: ordered.map((s) => s.label),
    series,
    countries: top,
    emptyText: o.t('reports.chart.empty'),
    total,
  };
}
