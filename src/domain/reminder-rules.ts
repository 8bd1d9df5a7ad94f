/**
 * The reminder rules of docs/product.md#reminders-and-digest as a pure function: from activities, follow-ups, plan requests,
 * anniversaries, settings, the holiday calendar and `now`, the notifications that should exist
 * right now — each with kind, recipient, dedupe key and due time.
 *
 * Each rule is a series of steps (e.g. 7, 3 and 1 days before the start). Only the latest step
 * whose time has come is "current": after downtime the bot sends one late reminder, not the whole
 * backlog, and a step still waiting (for working hours) is retired when the next one comes.
 * Steps older than the record itself are skipped (registering an activity two days ahead does not
 * trigger its 3-day reminder; an activity counts from its submission). Dedupe keys name the occasion (`upcoming:42:2025-04-15:7d:u3`), so a
 * moved date plans new reminders and the old ones are no longer expected.
 */
import { DateTime, FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { epochDay, epochWeekday, type HolidayCalendar, type WorkingHours } from './working-days.js';
import type { Anniversary } from './anniversaries.js';
import { letterProposals } from './anniversaries.js';
import type { TimingPrecision } from './timing/index.js';
import { parseSendTime, type ReminderSettings } from './reminder-settings.js';
import { conferenceAuthority } from './activity-details.js';
import { AWAITING_REPORT_STATUSES, LIVE_STATUSES } from './activity-status.js';

export { conferenceAuthority };

export const REMINDER_KIND_PREFIX = 'reminder.';

export type RuleName =
  | 'upcoming'
  | 'outbound-late'
  | 'outbound-lead'
  | 'conference-lead'
  | 'followup'
  | 'plan-deadline'
  | 'report'
  | 'letter';

/** What each rule's dedupe key names as its subject (`rule:subject:…`): the record it is planned from. */
export const RULE_SUBJECT: Record<RuleName, 'activity' | 'followUp' | 'plan' | 'anniversary'> = {
  upcoming: 'activity',
  'outbound-late': 'activity',
  'outbound-lead': 'activity',
  'conference-lead': 'activity',
  report: 'activity',
  followup: 'followUp',
  'plan-deadline': 'plan',
  letter: 'anniversary',
};

/** The rule and subject of a reminder's dedupe key. */
export function keySubject(dedupeKey: string): { rule: RuleName; subject: string } {
  const [rule, subject = ''] = dedupeKey.split(':', 2);
  return { rule: rule as RuleName, subject };
}

/**
 * Every step and end of a series falls on a local midnight or at the send time (the rules above
 * build them with `day(…)` and `at(…)`), or on the instant a record was written. So between two
 * such boundaries the reminders change only when the records do: this names the span `now` is in.
 */
export function planningEpoch(now: DateTime, zone: string, sendTime: string): string {
  const local = now.setZone(zone);
  const sent = local.startOf('day').set(parseSendTime(sendTime));
  return `${local.toISODate()}${local >= sent ? '+send' : ''}`;
}

export interface RuleActivity {
  id: number;
  reference: string;
  type: string;
  title: string;
  status: string;
  leadAgencyId: number;
  leadAgency?: { code: string; nameVi: string; nameEn?: string | null } | null;
  timingPrecision: TimingPrecision;
  /** UTC midnight of the local date (see timingToColumns). */
  startDate: Date | null;
  endDate: Date | null;
  timingLabel?: string | null;
  details?: unknown;
  createdAt: Date;
  submittedAt: Date | null;
  approvedAt: Date | null;
}

export interface RuleFollowUp {
  id: number;
  title: string;
  dueDate: Date;
  doneAt: Date | null;
  responsibleAgencyId: number | null;
  createdAt: Date;
  activity?: { reference: string; title: string } | null;
  plan?: { title: string } | null;
}

export interface RulePlan {
  id: number;
  title: string;
  kind: string;
  status: string;
  deadline: Date | null;
  createdAt: Date;
  /** Agencies that have not answered (PlanResponse PENDING). */
  pendingAgencyIds: number[];
}

export interface RuleRecipient {
  userId: number;
  chatId: bigint;
  locale?: string | null;
}

export interface RuleInput {
  now: DateTime;
  zone: string;
  settings: ReminderSettings;
  calendar: HolidayCalendar;
  workingHours: WorkingHours;
  defaultLocale: 'vi' | 'en';
  activities: RuleActivity[];
  followUps: RuleFollowUp[];
  plans: RulePlan[];
  anniversaries: readonly Anniversary[];
  /** Reachable, active focal points per agency. */
  focalByAgency: ReadonlyMap<number, RuleRecipient[]>;
  /** Reachable, active coordinators (used when no coordinators' group is registered). */
  coordinators: RuleRecipient[];
  /** Active coordinators' groups: coordinator-facing reminders go there when there is one. */
  coordinatorGroups: bigint[];
}

export interface ReminderPayload {
  v: 1;
  rule: RuleName;
  step: string;
  locale: 'vi' | 'en';
  /** The date the reminder is about (start, deadline, due date, anniversary), `yyyy-mm-dd`. */
  occasion: string;
  /** Whom it is for: focal points of the agency, or coordinators. */
  audience: 'agency' | 'coordinators';
  activity?: {
    id: number;
    reference: string;
    title: string;
    type: string;
    precision: TimingPrecision;
    start: string | null;
    end: string | null;
    label: string | null;
    agencyCode: string | null;
    agencyName: string | null;
  };
  followUp?: { id: number; title: string; due: string; context: string | null };
  plan?: { id: number; title: string; deadline: string };
  letter?: { key: string; date: string; titleVi: string; titleEn: string };
  /** outbound-late: which event came late, and how many working days were left then. */
  event?: 'registered' | 'approved';
  workingDaysLeft?: number;
  requiredWorkingDays?: number;
  /** conference-lead: who approves the conference. */
  authority?: 'PM' | 'PROVINCE';
  /** followup: days overdue at this step. */
  overdueDays?: number;
}

export interface PlannedNotification {
  kind: string;
  dedupeKey: string;
  chatId: bigint;
  userId: number | null;
  /** When the rule says it is due. */
  nominalAt: Date;
  /** nominalAt moved into working hours. */
  dueAt: Date;
  payload: ReminderPayload;
}

const UPCOMING_STATUSES: ReadonlySet<string> = new Set(LIVE_STATUSES);
// The dossier is still being prepared: registered, agreed, or authorized and not yet under way.
const LEAD_TIME_STATUSES: ReadonlySet<string> = new Set(['SUBMITTED', 'AGREED', 'AUTHORIZED']);
const REPORT_STATUSES: ReadonlySet<string> = new Set(AWAITING_REPORT_STATUSES);
const COARSE: ReadonlySet<TimingPrecision> = new Set(['QUARTER', 'HALF_YEAR', 'YEAR']);

/**
 * The calendar date a stored instant stands for: columns written as UTC midnight of the local date
 * (activities' convention) read as that date; any other instant is read in the local zone.
 */
export function localDateOf(d: Date, zone: string | Zone): string {
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0) {
    return d.toISOString().slice(0, 10);
  }
  return DateTime.fromJSDate(d, { zone }).toISODate()!;
}

interface Step {
  id: string;
  /** Epoch milliseconds. */
  at: number;
}

/** The latest step whose time has come (and is not older than the record), while the series lasts. Times in epoch ms. */
export function currentStep(
  steps: Step[],
  now: number,
  opts: { notBefore?: number; until?: number } = {},
): Step | null {
  if (opts.until !== undefined && now >= opts.until) return null;
  let best: Step | null = null;
  for (const s of steps) {
    if (s.at > now || (opts.notBefore !== undefined && s.at < opts.notBefore)) continue;
    if (!best || s.at >= best.at) best = s;
  }
  return best;
}

type Audience = { agencyId: number } | 'coordinators';

interface Occasion {
  rule: RuleName;
  subject: string | number;
  occasion: string;
  step: Step;
  audience: Audience;
  payload: Omit<ReminderPayload, 'v' | 'rule' | 'step' | 'locale' | 'occasion' | 'audience'>;
}

/**
 * Luxon computes an IANA zone's offset through Intl for every date, which dominates a planning
 * pass over many records. A zone whose offset does not change around `at` (Asia/Ho_Chi_Minh has
 * had none since 1975) is replaced by the equivalent fixed offset; a zone with DST is kept.
 */
export function fastZone(zone: string, at: DateTime): Zone {
  const iana = IANAZone.create(zone);
  const ts = at.toMillis();
  const day = 86_400_000;
  const offsets = [-800, -400, -200, 0, 200, 400, 800].map((d) => iana.offset(ts + d * day));
  return offsets.every((o) => o === offsets[0]) ? FixedOffsetZone.instance(offsets[0]!) : iana;
}

/**
 * The local-time arithmetic of the rules, on epoch milliseconds and `yyyy-mm-dd` dates. A planning
 * pass computes it for thousands of records: in a fixed-offset zone by arithmetic on day numbers
 * (`fixedClock`), in a zone with DST through luxon (`luxonClock`); both give the same instants.
 */
interface RuleClock {
  /** Local midnight `plusDays` after the date. */
  midnight: (iso: string, plusDays?: number) => number;
  /** `plusDays` after the date, at the send time. */
  at: (iso: string, plusDays: number) => number;
  /** `workingDays` working days from the date, at the send time. */
  atWorkingDays: (iso: string, workingDays: number) => number;
  /** Working days from the local date of instant `t` to the date (`HolidayCalendar.workingDaysBetween`). */
  workingDaysBetween: (t: number, iso: string) => number;
  /** Whole days from the date to today (the local date of `now`). */
  daysSince: (iso: string) => number;
  /** `t`, or the next opening when it falls outside working hours (`HolidayCalendar.nextWorkingMoment`). */
  nextWorkingMoment: (t: number) => number;
}

const DAY_MS = 86_400_000;

function luxonClock(input: RuleInput, zone: Zone): RuleClock {
  const { calendar } = input;
  const time = parseSendTime(input.settings.sendTime);
  const today = input.now.setZone(zone).startOf('day');
  const day = (iso: string) => DateTime.fromISO(iso, { zone }).startOf('day');
  return {
    midnight: (iso, plusDays = 0) => day(iso).plus({ days: plusDays }).toMillis(),
    at: (iso, plusDays) => day(iso).plus({ days: plusDays }).set(time).toMillis(),
    atWorkingDays: (iso, n) => calendar.addWorkingDays(day(iso), n).set(time).toMillis(),
    workingDaysBetween: (t, iso) => calendar.workingDaysBetween(DateTime.fromMillis(t, { zone }), day(iso)),
    daysSince: (iso) => Math.floor(today.diff(day(iso), 'days').days),
    nextWorkingMoment: (t) =>
      calendar.nextWorkingMoment(DateTime.fromMillis(t, { zone }), input.workingHours).toMillis(),
  };
}

function fixedClock(input: RuleInput, offsetMs: number): RuleClock {
  const { days } = input.calendar;
  const time = parseSendTime(input.settings.sendTime);
  const sendMs = (time.hour * 60 + time.minute) * 60_000;
  const dayOf = (t: number) => Math.floor((t + offsetMs) / DAY_MS);
  const parsed = new Map<string, number>();
  const dn = (iso: string) => {
    let n = parsed.get(iso);
    if (n === undefined) {
      n = epochDay(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
      parsed.set(iso, n);
    }
    return n;
  };
  const midnightOf = (n: number) => n * DAY_MS - offsetMs;
  const today = dayOf(input.now.toMillis());
  const hours = input.workingHours;
  return {
    midnight: (iso, plusDays = 0) => midnightOf(dn(iso) + plusDays),
    at: (iso, plusDays) => midnightOf(dn(iso) + plusDays) + sendMs,
    atWorkingDays: (iso, n) => midnightOf(days.addWorkingDays(dn(iso), n)) + sendMs,
    workingDaysBetween: (t, iso) => days.workingDaysBetween(dayOf(t), dn(iso)),
    daysSince: (iso) => today - dn(iso),
    nextWorkingMoment: (t) => {
      if (hours.always) return t;
      if (hours.days.length === 0) throw new Error('nextWorkingMoment: working hours have no days');
      const startMs = (hours.start.h * 60 + hours.start.m) * 60_000;
      const endMs = (hours.end.h * 60 + hours.end.m) * 60_000;
      const open = (n: number) => hours.days.includes(epochWeekday(n)) && !days.isHoliday(n);
      let n = dayOf(t);
      if (open(n)) {
        const sinceMidnight = t - midnightOf(n);
        if (sinceMidnight < startMs) return midnightOf(n) + startMs;
        if (sinceMidnight < endMs) return t;
      }
      for (let i = 0; i < 3 * 366; i++) if (open(++n)) return midnightOf(n) + startMs;
      throw new Error('nextWorkingMoment: no opening found within 3 years');
    },
  };
}

/** `opts.general`: luxon's arithmetic even in a fixed-offset zone (tests compare the two). */
export function planReminders(input: RuleInput, opts: { general?: boolean } = {}): PlannedNotification[] {
  const { settings } = input;
  const zone = fastZone(input.zone, input.now);
  const now = input.now.toMillis();
  const clock =
    zone.isUniversal && !opts.general ? fixedClock(input, zone.offset(now) * 60_000) : luxonClock(input, zone);
  const { midnight, at } = clock;
  // When a record came into being (steps before it are skipped); a stamp later than `now` (a clock
  // that disagrees with the database's) hides nothing.
  const recordedAt = (d: Date) => (d.getTime() <= now ? d.getTime() : undefined);
  const uniq = (xs: number[]) => [...new Set(xs)];
  const occasions: Occasion[] = [];
  const push = (o: Omit<Occasion, 'step'>, step: Step | null) => {
    if (step) occasions.push({ ...o, step });
  };

  for (const a of input.activities) {
    const start = a.startDate ? localDateOf(a.startDate, zone) : null;
    const end = a.endDate ? localDateOf(a.endDate, zone) : null;
    const activity: NonNullable<ReminderPayload['activity']> = {
      id: a.id,
      reference: a.reference,
      title: a.title,
      type: a.type,
      precision: a.timingPrecision,
      start,
      end,
      label: a.timingLabel ?? null,
      agencyCode: a.leadAgency?.code ?? null,
      agencyName: a.leadAgency?.nameVi ?? null,
    };
    const created = recordedAt(a.submittedAt ?? a.createdAt);
    const agency = { agencyId: a.leadAgencyId };

    // Activity coming up: relative to the first day (a month-precision activity: the month's start;
    // a deadline: the deadline). Quarter/half-year/year: one early notice asking for the exact date.
    const anchor = a.timingPrecision === 'DEADLINE' ? end : a.timingPrecision === 'TBD' ? null : start;
    if (anchor && UPCOMING_STATUSES.has(a.status)) {
      const offsets = COARSE.has(a.timingPrecision)
        ? [Math.max(...settings.upcomingDays, 0)]
        : uniq(settings.upcomingDays);
      const steps = offsets.map((n) => ({ id: `${n}d`, at: at(anchor, -n) }));
      push(
        { rule: 'upcoming', subject: a.id, occasion: anchor, audience: agency, payload: { activity } },
        currentStep(steps, now, { notBefore: created, until: midnight(anchor, 1) }),
      );
    }

    if (start && a.type === 'OUTBOUND' && LEAD_TIME_STATUSES.has(a.status)) {
      // Registered or approved later than N working days before departure: alert at once.
      const events: ['registered' | 'approved', Date | null][] = [
        ['registered', a.submittedAt],
        ['approved', a.status === 'AGREED' || a.status === 'AUTHORIZED' ? a.approvedAt : null],
      ];
      for (const [event, when] of events) {
        if (!when) continue;
        const t = when.getTime();
        const left = clock.workingDaysBetween(t, start);
        if (left >= settings.outboundLateWorkingDays || t >= midnight(start, 1)) continue;
        for (const audience of [agency, 'coordinators'] as const) {
          push(
            {
              rule: 'outbound-late',
              subject: a.id,
              occasion: start,
              audience,
              payload: {
                activity,
                event,
                workingDaysLeft: Math.max(0, left),
                requiredWorkingDays: settings.outboundLateWorkingDays,
              },
            },
            currentStep([{ id: event, at: t }], now, { until: midnight(start, 1) }),
          );
        }
      }
      const steps = uniq(settings.outboundWorkingDays).map((n) => ({
        id: `${n}wd`,
        at: clock.atWorkingDays(start, -n),
      }));
      for (const audience of [agency, 'coordinators'] as const) {
        push(
          { rule: 'outbound-lead', subject: a.id, occasion: start, audience, payload: { activity } },
          currentStep(steps, now, { notBefore: created, until: midnight(start) }),
        );
      }
    }

    if (start && a.type === 'CONFERENCE' && LEAD_TIME_STATUSES.has(a.status)) {
      const authority = conferenceAuthority(a.details);
      const n = authority === 'PM' ? settings.conferencePmDays : settings.conferenceProvinceDays;
      for (const audience of [agency, 'coordinators'] as const) {
        push(
          { rule: 'conference-lead', subject: a.id, occasion: start, audience, payload: { activity, authority } },
          currentStep([{ id: `${n}d`, at: at(start, -n) }], now, { notBefore: created, until: midnight(start) }),
        );
      }
    }

    // Post-activity report: when it ends, then N days after, until REPORTED.
    if (end && a.timingPrecision !== 'TBD' && a.timingPrecision !== 'DEADLINE' && REPORT_STATUSES.has(a.status)) {
      const offsets = uniq(settings.reportDays);
      const steps = offsets.map((n) => ({ id: `${n}d`, at: at(end, n) }));
      const last = Math.max(...offsets, 0);
      push(
        { rule: 'report', subject: a.id, occasion: end, audience: agency, payload: { activity } },
        currentStep(steps, now, { until: at(end, last + 7) }),
      );
    }
  }

  // Follow-up due: before, on the day, then every N days while open.
  for (const f of input.followUps) {
    if (f.doneAt) continue;
    const due = localDateOf(f.dueDate, zone);
    const steps: Step[] = uniq(settings.followUpDays).map((n) => ({ id: `${n}d`, at: at(due, -n) }));
    const every = settings.followUpOverdueEveryDays;
    // Only the latest overdue step can be the current one: found by arithmetic, not by listing
    // every step since the due date (a follow-up overdue for years would make hundreds).
    const late = clock.daysSince(due);
    let k = Math.min(Math.floor(late / every) * every, 400 * every);
    if (k >= every && at(due, k) > now) k -= every;
    if (k >= every) steps.push({ id: `od${k}`, at: at(due, k) });
    const step = currentStep(steps, now, { notBefore: recordedAt(f.createdAt) });
    const overdueDays = step?.id.startsWith('od') ? Number(step.id.slice(2)) : undefined;
    const context = f.activity ? `${f.activity.reference} — ${f.activity.title}` : (f.plan?.title ?? null);
    push(
      {
        rule: 'followup',
        subject: f.id,
        occasion: due,
        audience: f.responsibleAgencyId ? { agencyId: f.responsibleAgencyId } : 'coordinators',
        payload: {
          followUp: { id: f.id, title: f.title, due, context },
          ...(overdueDays !== undefined ? { overdueDays } : {}),
        },
      },
      step,
    );
  }

  // Plan request deadline: only agencies that have not answered.
  for (const p of input.plans) {
    if (p.kind !== 'REQUEST' || p.status !== 'OPEN' || !p.deadline) continue;
    const deadline = localDateOf(p.deadline, zone);
    const steps = uniq(settings.planDeadlineDays).map((n) => ({ id: `${n}d`, at: at(deadline, -n) }));
    const step = currentStep(steps, now, { notBefore: recordedAt(p.createdAt), until: midnight(deadline, 1) });
    for (const agencyId of uniq(p.pendingAgencyIds)) {
      push(
        {
          rule: 'plan-deadline',
          subject: p.id,
          occasion: deadline,
          audience: { agencyId },
          payload: { plan: { id: p.id, title: p.title, deadline } },
        },
        step,
      );
    }
  }

  // Congratulatory letters: round anniversaries and national days.
  const leads = uniq(settings.letterDays);
  for (const proposal of letterProposals(input.anniversaries, input.now.setZone(zone), { leadDays: leads })) {
    const date = proposal.occurrence.date.toISODate()!;
    const steps = leads.map((n) => ({ id: `${n}d`, at: at(date, -n) }));
    push(
      {
        rule: 'letter',
        subject: proposal.occurrence.anniversary.key,
        occasion: date,
        audience: 'coordinators',
        payload: { letter: { key: proposal.key, date, titleVi: proposal.titleVi, titleEn: proposal.titleEn } },
      },
      currentStep(steps, now, { until: midnight(date, 1) }),
    );
  }

  return fanOut(occasions, input, clock);
}

function fanOut(occasions: Occasion[], input: RuleInput, clock: RuleClock): PlannedNotification[] {
  const out = new Map<string, PlannedNotification>();
  const asLocale = (l: string | null | undefined): 'vi' | 'en' => (l === 'vi' || l === 'en' ? l : input.defaultLocale);
  for (const o of occasions) {
    const dueAt = new Date(clock.nextWorkingMoment(o.step.at));
    const targets: { key: string; chatId: bigint; userId: number | null; locale: 'vi' | 'en' }[] = [];
    if (o.audience === 'coordinators') {
      if (input.coordinatorGroups.length > 0) {
        for (const chatId of input.coordinatorGroups)
          targets.push({ key: `g${chatId}`, chatId, userId: null, locale: input.defaultLocale });
      } else {
        for (const r of input.coordinators)
          targets.push({ key: `u${r.userId}`, chatId: r.chatId, userId: r.userId, locale: asLocale(r.locale) });
      }
    } else {
      for (const r of input.focalByAgency.get(o.audience.agencyId) ?? []) {
        targets.push({ key: `u${r.userId}`, chatId: r.chatId, userId: r.userId, locale: asLocale(r.locale) });
      }
    }
    for (const t of targets) {
      const dedupeKey = `${o.rule}:${o.subject}:${o.occasion}:${o.step.id}:${t.key}`;
      if (out.has(dedupeKey)) continue;
      out.set(dedupeKey, {
        kind: `${REMINDER_KIND_PREFIX}${o.rule}`,
        dedupeKey,
        chatId: t.chatId,
        userId: t.userId,
        nominalAt: new Date(o.step.at),
        dueAt,
        payload: {
          v: 1,
          rule: o.rule,
          step: o.step.id,
          locale: t.locale,
          occasion: o.occasion,
          audience: o.audience === 'coordinators' ? 'coordinators' : 'agency',
          ...o.payload,
        },
      });
    }
  }
  return [...out.values()].sort((a, b) => +a.dueAt - +b.dueAt || a.dedupeKey.localeCompare(b.dedupeKey));
}
