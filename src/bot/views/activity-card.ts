import { formatDate } from '../../domain/format.js';
import { formatMoney } from '../../domain/money.js';
import { countryName } from '../../domain/countries.js';
import { formatTiming, timingFromColumns } from '../../domain/timing/index.js';
import { escapeHtml } from '../../domain/format.js';
import type { Locale, Translate } from '../../i18n/index.js';
import type { Repos } from '../../db/repos/index.js';

export type CardActivity = NonNullable<Awaited<ReturnType<Repos['activities']['findById']>>>;
export type CardHistory = Awaited<ReturnType<Repos['activities']['history']>>;

export interface CardOptions {
  t: Translate;
  locale: Locale;
  zone: string;
  history?: CardHistory;
}

/** Timing of an activity as users wrote it, normalized (`tháng 04/2025`, `quý III/2025`…). */
export function activityTiming(a: Pick<CardActivity, 'timingPrecision' | 'startDate' | 'endDate' | 'timingLabel'>, locale: Locale): string {
  return formatTiming(timingFromColumns(a), locale);
}

/** The full card (HTML) shown in /my, /review and to the coordinators' group. */
export function renderActivityCard(a: CardActivity, opts: CardOptions): string {
  const { t, locale } = opts;
  const none = t('activity.card.none');
  const row = (key: string, value: string | null | undefined) => `<b>${t(`activity.field.${key}`)}:</b> ${value ? escapeHtml(value) : none}`;
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
    row('status', t(`activity.status.${a.status}`)),
  ];
  if (a.statusReason && ['REJECTED', 'CANCELLED', 'POSTPONED'].includes(a.status)) lines.push(row('reason', a.statusReason));
  if (a.plan) lines.push(row('plan', a.plan.title));
  if (a.notes) lines.push(row('notes', a.notes));
  if (opts.history?.length) {
    lines.push('', `<b>${t('activity.card.history')}</b>`);
    for (const h of opts.history) {
      const change = h.field ? `${h.field}: ${h.oldValue ?? none} → ${h.newValue ?? none}` : `${h.action}${h.newValue ? ` (${h.newValue})` : ''}`;
      lines.push(t('activity.card.history_line', { date: formatDate(h.createdAt, opts.zone, locale), who: h.user?.displayName ?? t('activity.card.system'), change: change.slice(0, 200) }));
    }
  }
  return lines.join('\n');
}
