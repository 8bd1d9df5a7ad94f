import { formatDate } from '../../domain/format.js';
import { formatMoney } from '../../domain/money.js';
import { countryName } from '../../domain/countries.js';
import { formatTiming, timingFromColumns } from '../../domain/timing/index.js';
import { escapeHtml, truncate } from '../../domain/format.js';
import type { Locale, Translate } from '../../i18n/index.js';
import { describeHistoryEntry } from './history.js';
import type { Repos } from '../../db/repos/index.js';
import { parseSourceRef } from '../../services/plan-imports.js';
import { decisionText, recordedDecision } from '../../domain/decision.js';

export type CardActivity = NonNullable<Awaited<ReturnType<Repos['activities']['findById']>>>;
export type CardHistory = Awaited<ReturnType<Repos['activities']['history']>>;

export interface CardOptions {
  t: Translate;
  locale: Locale;
  zone: string;
  history?: CardHistory;
  /** Agency codes by id, so history lines show agency changes by code. */
  agencyCodes?: Map<number, string>;
  /** Type-specific rows (head of delegation, format…) shown before the status. */
  extraRows?: { label: string; value: string }[];
}

/** Timing of an activity as users wrote it, normalized (`tháng 04/2025`, `quý III/2025`…). */
export function activityTiming(
  a: Pick<CardActivity, 'timingPrecision' | 'startDate' | 'endDate' | 'timingLabel'>,
  locale: Locale,
): string {
  return formatTiming(timingFromColumns(a), locale);
}

/** The full card (HTML) shown in /my, /review and to the coordinators' group. */
export function renderActivityCard(a: CardActivity, opts: CardOptions): string {
  const { t, locale } = opts;
  const none = t('activity.card.none');
  const row = (key: string, value: string | null | undefined) =>
    `<b>${t(`activity.field.${key}`)}:</b> ${value ? escapeHtml(value) : none}`;
  const lines = [
    `<b>${escapeHtml(a.reference)}</b> · ${t(`activity.type.${a.type}`)}`,
    `<b>${escapeHtml(a.title)}</b>`,
    row('timing', activityTiming(a, locale)),
    row('leadAgency', a.leadAgency.nameVi),
    row('coordinators', a.coordinators.map((c) => c.agency.nameVi).join('; ')),
    row('countries', a.countries.map((c) => countryName(c.countryCode, locale)).join(', ')),
    row('partnerName', a.partnerName),
    row('place', a.place),
    row('fundings', a.fundings.map((f) => t(`activity.funding.${f.source}`)).join(', ')),
    row('cost', a.costVnd !== null ? formatMoney(a.costVnd, locale) : null),
    ...(opts.extraRows ?? []).map((r) => `<b>${escapeHtml(r.label)}:</b> ${escapeHtml(truncate(r.value, 500))}`),
    row('status', t(`activity.status.${a.status}`)),
  ];
  if (a.statusReason && ['RETURNED', 'CANCELLED', 'POSTPONED'].includes(a.status))
    lines.push(row('reason', a.statusReason));
  const decision = recordedDecision(a);
  if (decision) lines.push(`<b>${t('history.field.decision')}:</b> ${escapeHtml(decisionText(t, decision))}`);
  if (a.recordedPast) lines.push(t('activity.card.recorded_past'));
  if (a.plan) lines.push(row('plan', a.plan.title));
  if (a.notes) lines.push(row('notes', a.notes));
  const source = a.source === 'DOCUMENT' ? parseSourceRef(a.sourceRef) : null;
  if (source) {
    lines.push(
      `<b>${t('activity.field.source')}:</b> ${t('activity.card.source_document', { file: source.file, item: source.item })}`,
    );
    if (a.sourceText) lines.push(`<blockquote>${escapeHtml(truncate(a.sourceText, 600))}</blockquote>`);
  }
  if (opts.history?.length) {
    lines.push('', `<b>${t('activity.card.history')}</b>`);
    for (const h of opts.history) {
      const change = describeHistoryEntry(h, { t, locale, zone: opts.zone, agencyCodes: opts.agencyCodes });
      lines.push(
        t('activity.card.history_line', {
          date: formatDate(h.createdAt, opts.zone, locale),
          who: h.user?.displayName ?? t('activity.card.system'),
          change: change.slice(0, 200),
        }),
      );
    }
  }
  return lines.join('\n');
}

/** A few lines for a group or a list: reference, type, title, timing, lead agency, countries, status. */
export function renderActivityCompact(a: CardActivity, opts: Pick<CardOptions, 't' | 'locale'>): string {
  const { t, locale } = opts;
  const none = t('activity.card.none');
  const countries = a.countries.map((c) => countryName(c.countryCode, locale)).join(', ');
  return [
    `<b>${escapeHtml(a.reference)}</b> · ${t(`activity.type.${a.type}`)}`,
    `<b>${escapeHtml(truncate(a.title, 300))}</b>`,
    `<b>${t('activity.field.timing')}:</b> ${escapeHtml(activityTiming(a, locale))}`,
    `<b>${t('activity.field.leadAgency')}:</b> ${escapeHtml(a.leadAgency.nameVi)}`,
    `<b>${t('activity.field.countries')}:</b> ${countries ? escapeHtml(countries) : none}`,
    `<b>${t('activity.field.status')}:</b> ${t(`activity.status.${a.status}`)}`,
  ].join('\n');
}
