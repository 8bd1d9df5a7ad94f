/**
 * Turns an outbox row into the message(s) to send. Reminders are worded at send time, in the
 * recipient's language, with "tomorrow / in 3 days" as seen then; pre-composed texts (the digest)
 * carry their parts in the payload.
 */
import { DateTime } from 'luxon';
import type { Translate } from '../i18n/index.js';
import { formatDate, splitMessage, truncate } from '../domain/format.js';
import { formatTiming } from '../domain/timing/index.js';
import type { ReminderPayload } from '../domain/reminder-rules.js';
import { detailsButtons } from '../domain/activity-details.js';

export interface ComposedPayload {
  parts: string[];
  /** Parts already sent (a retry resumes after them) and the id of the first one. */
  sentParts?: number;
  firstMessageId?: number;
}

export function isComposed(payload: unknown): payload is ComposedPayload {
  return !!payload && typeof payload === 'object' && Array.isArray((payload as ComposedPayload).parts);
}

/** "today", "tomorrow", "in 3 days", "3 days ago" from `now` to the date `iso`. */
function relative(iso: string, now: DateTime, zone: string, t: Translate): string {
  const today = DateTime.fromISO(now.setZone(zone).toISODate()!, { zone });
  const days = Math.round(DateTime.fromISO(iso, { zone }).diff(today, 'days').days);
  if (days === 0) return t('reminders.when.today');
  if (days === 1) return t('reminders.when.tomorrow');
  if (days > 1) return t('reminders.when.in_days', { days });
  return t('reminders.when.ago', { days: -days });
}

export function renderReminder(p: ReminderPayload, t: Translate, zone: string, now: DateTime): string {
  const date = (iso: string) => formatDate(iso, zone);
  const a = p.activity;
  const common: Record<string, string | number> = {};
  if (a) {
    Object.assign(common, {
      reference: a.reference,
      title: truncate(a.title, 300),
      type: t(`reminders.type.${a.type}`),
      agency: a.agencyName ?? a.agencyCode ?? '—',
      timing: formatTiming(
        { precision: a.precision, start: a.start, end: a.end, ...(a.label ? { label: a.label } : {}) },
        p.locale,
      ),
    });
  }
  const rel = relative(p.occasion, now, zone, t);
  const to = p.audience === 'coordinators' ? 'coord' : 'agency';
  switch (p.rule) {
    case 'upcoming': {
      const variant =
        a?.precision === 'DEADLINE'
          ? 'deadline'
          : a?.precision === 'MONTH'
            ? 'month'
            : ['QUARTER', 'HALF_YEAR', 'YEAR'].includes(a?.precision ?? '')
              ? 'coarse'
              : 'day';
      return t(`reminders.upcoming.${variant}`, { ...common, date: date(p.occasion), when: rel });
    }
    case 'outbound-late':
      return t(`reminders.outbound_late.${to}`, {
        ...common,
        date: date(p.occasion),
        event: t(`reminders.event.${p.event ?? 'registered'}`),
        left: p.workingDaysLeft ?? 0,
        required: p.requiredWorkingDays ?? 15,
      });
    case 'outbound-lead':
      return t(`reminders.outbound_lead.${to}`, {
        ...common,
        date: date(p.occasion),
        left: parseInt(p.step, 10) || 0,
        when: rel,
      });
    case 'conference-lead':
      return t(`reminders.conference_lead.${to}`, {
        ...common,
        date: date(p.occasion),
        when: rel,
        authority: t(`reminders.authority.${p.authority ?? 'PROVINCE'}`),
      });
    case 'followup': {
      const f = p.followUp!;
      const context = f.context ? t('reminders.followup.context', { context: truncate(f.context, 300) }) : '';
      const key = p.overdueDays ? 'reminders.followup.overdue' : 'reminders.followup.due';
      return t(key, {
        title: truncate(f.title, 300),
        context: { html: context },
        due: date(f.due),
        when: rel,
        days: p.overdueDays ?? 0,
      });
    }
    case 'plan-deadline':
      return t('reminders.plan_deadline', {
        title: truncate(p.plan!.title, 300),
        deadline: date(p.plan!.deadline),
        when: rel,
      });
    case 'report':
      return t((parseInt(p.step, 10) || 0) <= 1 ? 'reminders.report.first' : 'reminders.report.again', {
        ...common,
        end: date(p.occasion),
        days: parseInt(p.step, 10) || 0,
      });
    case 'letter': {
      const l = p.letter!;
      return t('reminders.letter', { title: p.locale === 'en' ? l.titleEn : l.titleVi, date: date(l.date), when: rel });
    }
  }
}

/** The messages to send for a notification, in order. */
export function renderNotification(payload: unknown, t: Translate, zone: string, now: DateTime): string[] {
  if (isComposed(payload)) return payload.parts;
  return splitMessage(renderReminder(payload as ReminderPayload, t, zone, now));
}

/**
 * Buttons under a reminder: the lead-time reminders of an activity ask its agency to complete the
 * type's details (head of delegation, members, programme…) in a form over the missing fields
 * (docs/product.md#plan-stage-and-details); the bot's `dt` feature answers the tap.
 */
export function notificationButtons(payload: unknown, t: Translate): { text: string; data: string }[][] | undefined {
  if (isComposed(payload)) return undefined;
  const p = payload as ReminderPayload;
  if (p.audience === 'coordinators' || !p.activity) return undefined;
  if (!['outbound-lead', 'outbound-late', 'conference-lead'].includes(p.rule)) return undefined;
  return [
    [{ text: t('reminders.btn.complete_details'), data: detailsButtons.encode('complete', { id: p.activity.id }) }],
  ];
}
