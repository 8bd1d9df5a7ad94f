/**
 * The planner pass: computes the reminders that should exist now (domain rules), inserts the
 * absent ones into the outbox (unique dedupe key: a second pass or a second instance inserts
 * nothing), and retires pending ones whose reason went away (activity cancelled, date moved, plan
 * answered, follow-up done). Run every REMINDER_CRON tick and at start-up, so missed work is
 * caught up.
 */
import type { DateTime } from 'luxon';
import { planReminders as rules, REMINDER_KIND_PREFIX, type PlannedNotification, type RuleRecipient } from '../domain/reminder-rules.js';
import type { Anniversary } from '../domain/anniversaries.js';
import { loadReminderContext, type JobDeps } from './context.js';
import { LIVE_STATUSES } from '../domain/activity-status.js';

export interface PlanResult {
  expected: number;
  inserted: number;
  revived: number;
  cancelled: number;
  /** What was (or, in a dry run, would be) inserted / revived / retired. */
  toInsert: PlannedNotification[];
  toRevive: PlannedNotification[];
  toCancel: string[];
}

const utcDay = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

async function loadRuleInput(deps: JobDeps, now: DateTime) {
  const { repos, config } = deps;
  const zone = config.timezone;
  const ctx = await loadReminderContext(deps);
  const s = ctx.settings;
  const today = now.setZone(zone).startOf('day');
  const iso = (d: DateTime) => d.toISODate()!;
  const maxOf = (xs: number[]) => Math.max(0, ...xs);
  // Wide enough for every rule's window (working days: weekends and a 9-day Tết break included).
  const ahead = Math.max(maxOf(s.upcomingDays), s.conferencePmDays, s.conferenceProvinceDays, Math.ceil(maxOf(s.outboundWorkingDays) * 1.5) + 15) + 2;
  const [activities, followUps, plans, anniversaries, people, groups] = await Promise.all([
    repos.activities.listForReminders({
      startFrom: utcDay(iso(today.minus({ days: 2 }))),
      startTo: utcDay(iso(today.plus({ days: ahead }))),
      endFrom: utcDay(iso(today.minus({ days: maxOf(s.reportDays) + 9 }))),
      endTo: utcDay(iso(today.plus({ days: maxOf(s.upcomingDays) + 2 }))),
      statuses: [...LIVE_STATUSES, 'DONE'],
    }),
    repos.followUps.listOpen(),
    repos.plans.listOpen('REQUEST'),
    repos.calendar.listAnniversaries({ activeOnly: true }),
    repos.users.listByRoles(['FOCAL', 'COORDINATOR']),
    repos.chatGroups.listActive(),
  ]);
  const withResponses = await Promise.all(
    plans.map(async (p) => ({ ...p, pendingAgencyIds: (await repos.plans.responses(p.id)).filter((r) => r.status === 'PENDING' && r.agency.active).map((r) => r.agencyId) })),
  );
  const focalByAgency = new Map<number, RuleRecipient[]>();
  const coordinators: RuleRecipient[] = [];
  for (const u of people) {
    if (!u.reachable) continue;
    const r = { userId: u.id, chatId: u.telegramId, locale: u.locale };
    if (u.role === 'COORDINATOR') coordinators.push(r);
    else if (u.agencyId !== null) focalByAgency.set(u.agencyId, [...(focalByAgency.get(u.agencyId) ?? []), r]);
  }
  return {
    now: now.setZone(zone),
    zone,
    settings: s,
    calendar: ctx.calendar,
    workingHours: ctx.workingHours,
    defaultLocale: config.defaultLocale,
    activities,
    followUps,
    plans: withResponses,
    anniversaries: anniversaries.map((a): Anniversary => ({ ...a, nameEn: a.nameEn ?? a.nameVi })),
    focalByAgency,
    coordinators,
    coordinatorGroups: groups.map((g) => g.chatId),
  };
}

export async function planReminders(deps: JobDeps, now: DateTime, opts: { dryRun?: boolean } = {}): Promise<PlanResult> {
  const { repos, logger } = deps;
  const planned = rules(await loadRuleInput(deps, now));
  const states = await repos.notifications.statesOf(planned.map((p) => p.dedupeKey));
  const toInsert = planned.filter((p) => !states.has(p.dedupeKey));
  const toRevive = planned.filter((p) => states.get(p.dedupeKey) === 'CANCELLED');
  const expected = new Set(planned.map((p) => p.dedupeKey));
  const toCancel = (await repos.notifications.pendingKeys(REMINDER_KIND_PREFIX)).filter((k) => !expected.has(k));
  const result: PlanResult = { expected: planned.length, inserted: 0, revived: 0, cancelled: 0, toInsert, toRevive, toCancel };
  if (opts.dryRun) return result;

  result.inserted = await repos.notifications.enqueue(
    toInsert.map((p) => ({ chatId: p.chatId, userId: p.userId, kind: p.kind, dedupeKey: p.dedupeKey, payload: p.payload as unknown as Record<string, unknown>, dueAt: p.dueAt })),
  );
  for (const p of toRevive) if (await repos.notifications.revive(p.dedupeKey, p.dueAt, p.payload as unknown as Record<string, unknown>)) result.revived++;
  result.cancelled = await repos.notifications.cancelPending(toCancel);
  if (result.inserted || result.revived || result.cancelled) {
    logger.info({ msg: 'reminders-planned', expected: result.expected, inserted: result.inserted, revived: result.revived, cancelled: result.cancelled });
  }
  return result;
}
