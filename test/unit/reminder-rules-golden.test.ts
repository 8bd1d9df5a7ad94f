import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ANNIVERSARIES } from '../../src/domain/anniversaries';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES, TimingPrecision } from '../../src/domain/enums';
import { DEFAULT_HOLIDAYS } from '../../src/domain/holidays';
import {
  planReminders,
  type RuleActivity,
  type RuleFollowUp,
  type RuleInput,
  type RulePlan,
} from '../../src/domain/reminder-rules';
import { DEFAULT_REMINDER_SETTINGS, type ReminderSettings } from '../../src/domain/reminder-settings';
import { createHolidayCalendar, parseWorkingHours } from '../../src/domain/working-days';
import { rng } from '../support/rng';

/**
 * The full pass's output is pinned: random records around several "now"s (weekends, Tết 2025,
 * 30/4–1/5, the send time, midnight) planned under the default settings and under others, and every
 * field of every reminder compared with a snapshot taken before the planner was made fast
 * (working-day tables instead of luxon in the loops). A change to the rules shows here as a diff.
 */
const ZONE = 'Asia/Ho_Chi_Minh';
const DAY = 86_400_000;
const PRECISIONS = Object.values(TimingPrecision);
const calendar = createHolidayCalendar(DEFAULT_HOLIDAYS);

function randomInput(seed: number, nowIso: string, settings: ReminderSettings, workingHours: string): RuleInput {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const now = DateTime.fromISO(nowIso, { zone: ZONE });
  const nowMs = now.toMillis();
  const midnight = (ms: number) => new Date(Math.floor(ms / DAY) * DAY);
  // Stamps: mostly whole minutes, some at local midnight (UTC 17:00) or UTC midnight.
  const stamp = (ms: number) =>
    new Date(
      random() < 0.1
        ? Math.floor(ms / DAY) * DAY
        : random() < 0.1
          ? Math.floor(ms / DAY) * DAY + 17 * 3_600_000
          : Math.floor(ms / 60_000) * 60_000,
    );
  const activities: RuleActivity[] = [];
  for (let id = 1; id <= 900; id++) {
    const precision = pick(PRECISIONS);
    const start = midnight(nowMs + Math.floor((random() * 120 - 45) * DAY));
    const end = new Date(
      start.getTime() +
        (precision === 'RANGE'
          ? Math.floor(random() * 6)
          : precision === 'MONTH'
            ? 29
            : precision === 'QUARTER'
              ? 89
              : 0) *
          DAY,
    );
    const type = pick(ACTIVITY_TYPES);
    const created = stamp(nowMs - random() * 90 * DAY + (random() < 0.03 ? 2 * DAY : 0));
    const submitted =
      random() < 0.9 ? stamp(Math.min(start.getTime() + 2 * DAY, created.getTime() + random() * 30 * DAY)) : null;
    activities.push({
      id,
      reference: `2025-${String(id).padStart(4, '0')}`,
      type,
      title: `Hoạt động ${id}`,
      status:
        random() < 0.7 ? pick(['SUBMITTED', 'AGREED', 'AUTHORIZED', 'IN_PROGRESS', 'DONE']) : pick(ACTIVITY_STATUSES),
      leadAgencyId: 1 + Math.floor(random() * 4),
      leadAgency: random() < 0.95 ? { code: `A${id % 4}`, nameVi: `Sở ${id % 4}` } : null,
      timingPrecision: precision,
      startDate: precision === 'TBD' || precision === 'DEADLINE' ? null : start,
      endDate: precision === 'TBD' ? null : end,
      timingLabel: random() < 0.2 ? `Quý ${1 + (id % 4)}` : null,
      details: type === 'CONFERENCE' ? { authority: pick(['PM', 'PROVINCE', undefined]) } : null,
      createdAt: created,
      submittedAt: submitted,
      approvedAt: submitted && random() < 0.6 ? stamp(submitted.getTime() + random() * 20 * DAY) : null,
    });
  }
  const followUps: RuleFollowUp[] = [];
  for (let id = 1; id <= 400; id++) {
    const due = midnight(nowMs + Math.floor((random() * 60 - 50) * DAY) - (random() < 0.05 ? 900 * DAY : 0));
    followUps.push({
      id,
      title: `Việc ${id}`,
      dueDate: random() < 0.1 ? stamp(due.getTime() + 8 * 3_600_000) : due,
      doneAt: random() < 0.2 ? stamp(nowMs - DAY) : null,
      responsibleAgencyId: random() < 0.8 ? 1 + Math.floor(random() * 4) : null,
      createdAt: stamp(
        Math.min(due.getTime() - random() * 40 * DAY + 10 * DAY, nowMs + (random() < 0.03 ? DAY : -60_000)),
      ),
      activity: random() < 0.6 ? { reference: `2025-${id}`, title: `Hoạt động ${id}` } : null,
      plan: random() < 0.5 ? { title: `Kế hoạch ${id}` } : null,
    });
  }
  const plans: RulePlan[] = [];
  for (let id = 1; id <= 30; id++) {
    plans.push({
      id,
      title: `Đề nghị ${id}`,
      kind: random() < 0.9 ? 'REQUEST' : 'PROGRAMME',
      status: random() < 0.85 ? 'OPEN' : 'CLOSED',
      deadline: random() < 0.95 ? midnight(nowMs + Math.floor((random() * 20 - 3) * DAY)) : null,
      createdAt: stamp(nowMs - random() * 20 * DAY),
      pendingAgencyIds: [1, 2, 3, 4, 2].filter(() => random() < 0.6),
    });
  }
  const person = (userId: number, locale: string | null) => ({ userId, chatId: BigInt(5000 + userId), locale });
  return {
    now,
    zone: ZONE,
    settings,
    calendar,
    workingHours: parseWorkingHours(workingHours),
    defaultLocale: 'vi',
    activities,
    followUps,
    plans,
    // National days and round anniversaries 1–40 days ahead, so the letter rule plans some.
    anniversaries: [
      ...DEFAULT_ANNIVERSARIES,
      ...[3, 6, 12, 20, 33].map((d, k) => {
        const on = now.plus({ days: d });
        return {
          key: `t-${k}`,
          kind: k % 2 ? ('NATIONAL_DAY' as const) : ('DIPLOMATIC_RELATIONS' as const),
          countryCode: 'LA',
          nameVi: `Sự kiện ${k}`,
          nameEn: `Event ${k}`,
          day: on.day,
          month: on.month,
          baseYear: on.year - 10 * (k + 1),
        };
      }),
    ],
    focalByAgency: new Map([
      [1, [person(1, 'vi'), person(2, 'en')]],
      [2, [person(3, null)]],
      [3, [person(4, 'fr')]],
    ]),
    coordinators: [person(9, 'en')],
    coordinatorGroups: seed % 2 === 0 ? [-100123n] : [],
  };
}

const OTHER: ReminderSettings = {
  ...DEFAULT_REMINDER_SETTINGS,
  upcomingDays: [10, 2, 0, 2],
  outboundWorkingDays: [25, 10, 3],
  outboundLateWorkingDays: 12,
  conferencePmDays: 45,
  followUpDays: [5, 0],
  followUpOverdueEveryDays: 3,
  planDeadlineDays: [4, 1],
  reportDays: [0, 5, 20],
  letterDays: [30, 7],
  sendTime: '08:15',
};

const CASES: [string, ReminderSettings, string][] = [
  ['2025-06-16T08:00', DEFAULT_REMINDER_SETTINGS, '07:30-17:30 Mon-Fri'], // Monday morning
  ['2025-06-14T10:00', DEFAULT_REMINDER_SETTINGS, '07:30-17:30 Mon-Fri'], // Saturday
  ['2025-01-20T07:29', DEFAULT_REMINDER_SETTINGS, '07:30-17:30 Mon-Fri'], // before Tết, just before the send time
  ['2025-01-27T07:30', DEFAULT_REMINDER_SETTINGS, '07:30-17:30 Mon-Fri'], // during the Tết break
  ['2025-04-25T18:00', OTHER, '08:00-17:00 Mon-Sat'], // before 30/4–1/5, after hours
  ['2025-08-29T23:59', OTHER, 'always'], // before 2/9, before midnight
  ['2025-12-31T00:00', DEFAULT_REMINDER_SETTINGS, '07:30-17:30 Mon,Wed,Fri'], // midnight, year end
];

describe('the full pass plans exactly what it planned before', () => {
  it.each(CASES.map((c, i) => [i, ...c] as const))('case %i: now %s', async (i, nowIso, settings, hours) => {
    const input = randomInput(11 + i, nowIso, settings, hours);
    const planned = planReminders(input);
    // The arithmetic on day numbers (a fixed-offset zone) and luxon's agree.
    expect(planReminders(input, { general: true })).toEqual(planned);
    // One line per reminder; the payload (copied from the records but for step, locale and counts) as a digest.
    const digest = (x: unknown) => createHash('sha1').update(JSON.stringify(x)).digest('hex').slice(0, 12);
    const lines = planned.map((p) =>
      [
        p.dedupeKey,
        p.kind,
        p.chatId,
        p.userId,
        p.nominalAt.toISOString(),
        p.dueAt.toISOString(),
        p.payload.locale,
        p.payload.overdueDays ?? p.payload.workingDaysLeft ?? '',
        digest(p.payload),
      ].join(' '),
    );
    expect(planned.length).toBeGreaterThan(50);
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot(`__snapshots__/reminder-rules-golden/${i}.txt`);
  });
});
