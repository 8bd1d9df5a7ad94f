/**
 * The planner pass: computes the reminders that should exist now (domain rules), inserts the
 * absent ones into the outbox (unique dedupe key: a second pass or a second instance inserts
 * nothing), and retires pending ones whose reason went away (activity cancelled, date moved, plan
 * answered, follow-up done). Run every REMINDER_CRON tick and at start-up, so missed work is
 * caught up.
 */
import type { DateTime } from 'luxon';
import {
  keySubject,
  planReminders as rules,
  REMINDER_KIND_PREFIX,
  RULE_SUBJECT,
  type PlannedNotification,
  type RuleRecipient,
} from '../domain/reminder-rules.js';
import type { Anniversary } from '../domain/anniversaries.js';
import { REMINDER_STATUSES } from '../domain/enums.js';
import { loadReminderContext, type JobDeps } from './context.js';

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

/** The records a pass plans (null: every one, and the anniversaries). */
export interface PlanScope {
  activityIds: number[];
  followUpIds: number[];
  planIds: number[];
}

export async function loadRuleInput(deps: JobDeps, now: DateTime, only: PlanScope | null = null) {
  const { repos, config } = deps;
  const zone = config.timezone;
  const ctx = await loadReminderContext(deps);
  const s = ctx.settings;
  const today = now.setZone(zone).startOf('day');
  const iso = (d: DateTime) => d.toISODate()!;
  const maxOf = (xs: number[]) => Math.max(0, ...xs);
  // Wide enough for every rule's window (working days: weekends and a 9-day Tết break included).
  const ahead =
    Math.max(
      maxOf(s.upcomingDays),
      s.conferencePmDays,
      s.conferenceProvinceDays,
      Math.ceil(maxOf(s.outboundWorkingDays) * 1.5) + 15,
    ) + 2;
  const none = async () => [];
  const [activities, followUps, openPlans, anniversaries, people, groups] = await Promise.all([
    only && !only.activityIds.length
      ? none()
      : repos.activities.listForReminders({
          startFrom: utcDay(iso(today.minus({ days: 2 }))),
          startTo: utcDay(iso(today.plus({ days: ahead }))),
          endFrom: utcDay(iso(today.minus({ days: maxOf(s.reportDays) + 9 }))),
          endTo: utcDay(iso(today.plus({ days: maxOf(s.upcomingDays) + 2 }))),
          statuses: REMINDER_STATUSES,
          ids: only?.activityIds,
        }),
    only && !only.followUpIds.length ? none() : repos.followUps.listOpenForReminders({ ids: only?.followUpIds }),
    only && !only.planIds.length ? none() : repos.plans.listOpen('REQUEST'),
    only ? none() : repos.calendar.listAnniversaries({ activeOnly: true }),
    repos.users.listByRoles(['FOCAL', 'COORDINATOR']),
    repos.chatGroups.listActive(),
  ]);
  const plans = only ? openPlans.filter((p) => only.planIds.includes(p.id)) : openPlans;
  const withResponses = await Promise.all(
    plans.map(async (p) => ({
      ...p,
      pendingAgencyIds: (await repos.plans.responses(p.id))
        .filter((r) => r.status === 'PENDING' && r.agency.active)
        .map((r) => r.agencyId),
    })),
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

/**
 * Brings the outbox to `planned`: inserts what is absent, revives what was retired, retires the
 * pending ones in `pendingKeys` (the reminders of the records this pass looked at) not planned.
 */
async function applyPlanned(
  deps: JobDeps,
  planned: PlannedNotification[],
  pendingKeys: string[],
  opts: { dryRun?: boolean },
): Promise<PlanResult> {
  const { repos, logger } = deps;
  const states = await repos.notifications.statesOf(planned.map((p) => p.dedupeKey));
  const toInsert = planned.filter((p) => !states.has(p.dedupeKey));
  const toRevive = planned.filter((p) => states.get(p.dedupeKey) === 'CANCELLED');
  const expected = new Set(planned.map((p) => p.dedupeKey));
  const toCancel = pendingKeys.filter((k) => !expected.has(k));
  const result: PlanResult = {
    expected: planned.length,
    inserted: 0,
    revived: 0,
    cancelled: 0,
    toInsert,
    toRevive,
    toCancel,
  };
  if (opts.dryRun) return result;

  result.inserted = await repos.notifications.enqueue(
    toInsert.map((p) => ({
      chatId: p.chatId,
      userId: p.userId,
      kind: p.kind,
      dedupeKey: p.dedupeKey,
      payload: p.payload as unknown as Record<string, unknown>,
      dueAt: p.dueAt,
    })),
  );
  for (const p of toRevive)
    if (await repos.notifications.revive(p.dedupeKey, p.dueAt, p.payload as unknown as Record<string, unknown>))
      result.revived++;
  result.cancelled = await repos.notifications.cancelPending(toCancel);
  if (result.inserted || result.revived || result.cancelled) {
    logger.info({
      msg: 'reminders-planned',
      expected: result.expected,
      inserted: result.inserted,
      revived: result.revived,
      cancelled: result.cancelled,
    });
  }
  return result;
}

/** A full pass: every record, every pending reminder. */
export async function planReminders(
  deps: JobDeps,
  now: DateTime,
  opts: { dryRun?: boolean } = {},
): Promise<PlanResult> {
  return (await fullPass(deps, now, opts)).result;
}

export async function fullPass(deps: JobDeps, now: DateTime, opts: { dryRun?: boolean }) {
  const input = await loadRuleInput(deps, now);
  const planned = rules(input);
  const result = await applyPlanned(
    deps,
    planned,
    await deps.repos.notifications.pendingKeys(REMINDER_KIND_PREFIX),
    opts,
  );
  return { result, sendTime: input.settings.sendTime };
}

/**
 * A pass over what changed: the given records' reminders planned, and only their pending ones
 * considered for retiring (a record gone from the window, done, cancelled or deleted has none
 * planned, so its pending ones are retired).
 */
export async function planChanged(deps: JobDeps, now: DateTime, scope: PlanScope): Promise<PlanResult> {
  const planned = rules(await loadRuleInput(deps, now, scope));
  const ids = {
    activity: new Set(scope.activityIds.map(String)),
    followUp: new Set(scope.followUpIds.map(String)),
    plan: new Set(scope.planIds.map(String)),
    anniversary: new Set<string>(),
  };
  const pending = (await deps.repos.notifications.pendingKeys(REMINDER_KIND_PREFIX)).filter((k) => {
    const { rule, subject } = keySubject(k);
    const kind = RULE_SUBJECT[rule];
    return kind !== undefined && ids[kind].has(subject);
  });
  return applyPlanned(deps, planned, pending, {});
}
