/**
 * How urgent a registration is for the Department (docs/product.md#reminders-and-digest lead times): the day its dossier must
 * reach the competent authority — an outbound delegation 15 working days before departure, a
 * conference 40 (Prime Minister) or 30 days before it opens, anything else its first day — and the
 * days left until then. The review queue shows the closest deadline first. Pure.
 */
import type { DateTime } from 'luxon';
import type { ActivityType } from './enums.js';
import type { HolidayCalendar } from './working-days.js';
import type { ReminderSettings } from './reminder-settings.js';
import { conferenceAuthority } from './activity-details.js';

export interface Urgency {
  /** Local date (`YYYY-MM-DD`) of the deadline; null for an undated activity. */
  deadline: string | null;
  /** Days left until the deadline (negative: past), in `unit`. */
  daysLeft: number | null;
  unit: 'working' | 'calendar';
}

export interface UrgencyInput {
  type: ActivityType;
  startDate: Date | null;
  details?: unknown;
}

const DAY_MS = 86_400_000;

export function reviewUrgency(
  a: UrgencyInput,
  o: { today: DateTime; calendar: HolidayCalendar; settings: ReminderSettings },
): Urgency {
  if (!a.startDate) return { deadline: null, daysLeft: null, unit: 'calendar' };
  const today = o.today.startOf('day');
  const start = today.set({
    year: a.startDate.getUTCFullYear(),
    month: a.startDate.getUTCMonth() + 1,
    day: a.startDate.getUTCDate(),
  });
  if (a.type === 'OUTBOUND') {
    const needed = o.settings.outboundLateWorkingDays;
    return {
      deadline: o.calendar.addWorkingDays(start, -needed).toISODate(),
      daysLeft: o.calendar.workingDaysBetween(today, start) - needed,
      unit: 'working',
    };
  }
  const needed =
    a.type === 'CONFERENCE'
      ? conferenceAuthority(a.details) === 'PM'
        ? o.settings.conferencePmDays
        : o.settings.conferenceProvinceDays
      : 0;
  const deadline = start.minus({ days: needed });
  return {
    deadline: deadline.toISODate(),
    daysLeft: Math.round((deadline.toMillis() - today.toMillis()) / DAY_MS),
    unit: 'calendar',
  };
}

/** The closest deadline first; undated last; ties by registration order (`submittedAt`, then id). */
export function byUrgency<T extends { urgency: Urgency; submittedAt: Date | null; id: number }>(a: T, b: T): number {
  const x = a.urgency.deadline ?? '9999-12-31';
  const y = b.urgency.deadline ?? '9999-12-31';
  return x.localeCompare(y) || (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0) || a.id - b.id;
}
