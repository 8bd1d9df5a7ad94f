/**
 * Lead-time risks for the report's body (docs/product.md#reminders-and-digest): outbound delegations whose dossier must reach
 * the competent authority 15 working days before departure, conferences 40 days (Prime
 * Minister) or 30 days (provincial chair) before they open. Listed while the decision is still
 * pending and the time is short (within the earliest reminder) or already past. Pure.
 */
import type { DateTime } from 'luxon';
import type { HolidayCalendar } from '../domain/working-days.js';
import type { ReminderSettings } from '../domain/reminder-settings.js';
import { conferenceAuthority } from '../domain/activity-details.js';
import type { LeadTimeRisk, ReportActivity } from './report-model.js';

/** Registered or agreed, but not yet decided by the competent authority (old and new lifecycle words). */
const AWAITING_DECISION: ReadonlySet<string> = new Set(['SUBMITTED', 'AGREED']);
const DAY_MS = 86_400_000;

export function leadTimeRisks(
  rows: readonly Pick<ReportActivity, 'reference' | 'title' | 'type' | 'status' | 'startDate' | 'details'>[],
  o: { now: DateTime; zone: string; calendar: HolidayCalendar; settings: ReminderSettings },
): LeadTimeRisk[] {
  const today = o.now.setZone(o.zone).startOf('day');
  const todayUtc = Date.UTC(today.year, today.month - 1, today.day);
  const risks: LeadTimeRisk[] = [];
  for (const a of rows) {
    if (!a.startDate || !AWAITING_DECISION.has(a.status) || a.startDate.getTime() < todayUtc) continue;
    // Far enough ahead in calendar days that no rule can apply yet: skip the working-day count.
    if (
      (a.startDate.getTime() - todayUtc) / DAY_MS >
      2 * Math.max(o.settings.conferencePmDays, ...o.settings.outboundWorkingDays, o.settings.outboundLateWorkingDays) +
        30
    )
      continue;
    const start = today.set({
      year: a.startDate.getUTCFullYear(),
      month: a.startDate.getUTCMonth() + 1,
      day: a.startDate.getUTCDate(),
    });
    if (a.type === 'OUTBOUND') {
      const needed = o.settings.outboundLateWorkingDays;
      const watch = Math.max(needed, ...o.settings.outboundWorkingDays);
      const left = o.calendar.workingDaysBetween(today, start);
      if (left < watch)
        risks.push({
          reference: a.reference,
          title: a.title,
          type: a.type,
          start: a.startDate,
          left: left - needed < 0 ? -1 : left,
          needed,
          unit: 'working',
        });
    } else if (a.type === 'CONFERENCE') {
      const needed =
        conferenceAuthority(a.details) === 'PM' ? o.settings.conferencePmDays : o.settings.conferenceProvinceDays;
      const left = Math.round((a.startDate.getTime() - todayUtc) / DAY_MS);
      if (left < needed + 10)
        risks.push({
          reference: a.reference,
          title: a.title,
          type: a.type,
          start: a.startDate,
          left: left < needed ? -1 : left,
          needed,
          unit: 'calendar',
        });
    }
  }
  return risks.sort((x, y) => x.start.getTime() - y.start.getTime() || x.reference.localeCompare(y.reference));
}
