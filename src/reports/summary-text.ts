/**
 * The /summary, /upcoming and /overdue messages: short blocks for a phone screen, packed into
 * messages under Telegram's 4096 characters without cutting a block unless it alone is longer.
 */
import type { Locale, Translate } from '../i18n/index.js';
import { formatDate, splitMessage, truncate, TELEGRAM_MAX_MESSAGE } from '../domain/format.js';
import { countryName } from '../domain/countries.js';
import type { FollowUpRow, OverdueItem, Summary, SummaryRow } from '../domain/summary.js';
import { activityTiming, agencyName, type AgencyName } from './labels.js';

export type ListedActivity = SummaryRow & { title: string; timingLabel: string | null; leadAgency: AgencyName };

export interface TextOptions {
  t: Translate;
  locale: Locale;
  zone: string;
}

/** Lists in a message stop here; the rest is counted and the full list is in /report. */
export const MAX_LISTED = 100;
/** Agencies and countries shown by name in a summary; the rest are counted together. */
export const TOP = 8;
const TITLE_MAX = 90;

/** Packs blocks (joined by a blank line) into as few messages as fit. */
export function packBlocks(blocks: string[], max = TELEGRAM_MAX_MESSAGE): string[] {
  const out: string[] = [];
  let current = '';
  for (const block of blocks.filter((b) => b.trim() !== '')) {
    const pieces = block.length > max ? splitMessage(block, max) : [block];
    for (const piece of pieces) {
      if (current && current.length + 2 + piece.length <= max) current += `\n\n${piece}`;
      else {
        if (current) out.push(current);
        current = piece;
      }
    }
  }
  if (current) out.push(current);
  return out;
}

export function activityLine(a: ListedActivity, o: TextOptions): string {
  return o.t('summary.item', {
    timing: activityTiming(a, o.locale),
    title: truncate(a.title, TITLE_MAX),
    reference: a.reference,
    agency: agencyName(a.leadAgency, o.locale),
  });
}

export function overdueLine(item: OverdueItem<ListedActivity>, o: TextOptions): string {
  return o.t('summary.overdue_item', {
    timing: activityTiming(item.row, o.locale),
    title: truncate(item.row.title, TITLE_MAX),
    reference: item.row.reference,
    agency: agencyName(item.row.leadAgency, o.locale),
    reason: o.t(`summary.overdue.${item.reason}`, { days: item.daysLate }),
  });
}

function countBlock<K>(
  title: string,
  counts: { key: K; count: number }[],
  label: (k: K) => string,
  o: TextOptions,
  othersKey?: string,
): string {
  const lines = [title];
  const shown = othersKey ? counts.slice(0, TOP) : counts;
  for (const c of shown) lines.push(o.t('summary.count_line', { label: label(c.key), count: c.count }));
  const rest = counts.slice(shown.length);
  if (othersKey && rest.length > 0)
    lines.push(o.t(othersKey, { n: rest.length, count: rest.reduce((s, c) => s + c.count, 0) }));
  return lines.join('\n');
}

function listBlock(title: string, lines: string[], total: number, o: TextOptions): string {
  const shown = lines.slice(0, MAX_LISTED);
  const out = [title, ...shown];
  if (total > shown.length) out.push(o.t('summary.more', { count: total - shown.length }));
  return out.join('\n');
}

export interface SummaryTextOptions extends TextOptions {
  periodLabel: string;
  /** Names of the lead agencies shown (the first TOP of byAgency). */
  agencies: (AgencyName & { id: number })[];
  /** The period as the user typed it, for the hint (`/report <arg>`). */
  periodArg?: string;
}

export function buildSummaryMessage(s: Summary<ListedActivity>, o: SummaryTextOptions): string[] {
  const t = o.t;
  const head = [t('summary.title', { period: o.periodLabel }), t('summary.total', { count: s.total })].join('\n');
  if (s.total === 0) return packBlocks([head, t('summary.empty')]);
  const agencies = new Map(o.agencies.map((a) => [a.id, a]));
  const upcoming = s.upcoming.map((a) => activityLine(a, o));
  const overdue = s.overdue.slice(0, MAX_LISTED).map((item) => overdueLine(item, o));
  const blocks = [
    head,
    countBlock(t('summary.section.type'), s.byType, (k) => t(`activity.type.${k}`), o),
    countBlock(t('summary.section.status'), s.byStatus, (k) => t(`activity.status.${k}`), o),
    countBlock(
      t('summary.section.agency'),
      s.byAgency,
      (id) => agencyName(agencies.get(id), o.locale) || `#${id}`,
      o,
      'summary.other_agencies',
    ),
    s.byCountry.length > 0
      ? countBlock(
          t('summary.section.country'),
          s.byCountry,
          (c) => countryName(c, o.locale),
          o,
          'summary.other_countries',
        )
      : '',
    upcoming.length
      ? listBlock(t('summary.section.upcoming', { shown: upcoming.length }), upcoming, upcoming.length, o)
      : t('summary.section.upcoming_empty'),
    listBlock(
      t('summary.section.overdue', { count: s.overdueTotal }),
      overdue.length ? overdue : [t('summary.none')],
      s.overdueTotal,
      o,
    ),
    t('summary.hint', { arg: o.periodArg ? ` ${o.periodArg}` : '' }),
  ];
  return packBlocks(blocks);
}

export function buildUpcomingMessage(
  items: ListedActivity[],
  total: number,
  o: TextOptions & { days: number; from: Date; to: Date },
): string[] {
  const range = { days: o.days, from: formatDate(o.from, 'UTC'), to: formatDate(o.to, 'UTC') };
  if (total === 0) return [o.t('summary.upcoming.empty', range)];
  return packBlocks([
    listBlock(
      o.t('summary.upcoming.title', { ...range, count: total }),
      items.map((a) => activityLine(a, o)),
      total,
      o,
    ),
  ]);
}

export type OverdueFollowUp = {
  row: FollowUpRow & { responsibleAgency: AgencyName | null };
  dueDay: string;
  daysLate: number;
};

export function buildOverdueMessage(
  items: OverdueItem<ListedActivity>[],
  total: number,
  followUps: OverdueFollowUp[],
  o: TextOptions,
): string[] {
  if (total === 0 && followUps.length === 0) return [o.t('summary.overdue.empty')];
  const blocks: string[] = [];
  if (total > 0)
    blocks.push(
      listBlock(
        o.t('summary.overdue.title', { count: total }),
        items.map((i) => overdueLine(i, o)),
        total,
        o,
      ),
    );
  if (followUps.length > 0) {
    const lines = followUps.map((f) =>
      o.t('summary.followup_item', {
        due: formatDate(f.dueDay, 'UTC'),
        title: truncate(f.row.title, TITLE_MAX),
        ref: f.row.activityReference ? ` (${f.row.activityReference})` : '',
        agency: agencyName(f.row.responsibleAgency, o.locale) || o.t('summary.no_agency'),
        days: f.daysLate,
      }),
    );
    blocks.push(
      listBlock(o.t('summary.overdue.followups_title', { count: followUps.length }), lines, followUps.length, o),
    );
  }
  return packBlocks(blocks);
}
