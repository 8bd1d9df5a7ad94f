import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HOLIDAYS } from '../../src/domain/holidays';
import { DEFAULT_ANNIVERSARIES } from '../../src/domain/anniversaries';
import { createHolidayCalendar, parseWorkingHours } from '../../src/domain/working-days';
import {
  conferenceAuthority,
  localDateOf,
  planReminders,
  type RuleActivity,
  type RuleFollowUp,
  type RuleInput,
  type RulePlan,
} from '../../src/domain/reminder-rules';
import { DEFAULT_REMINDER_SETTINGS, resolveReminderSettings } from '../../src/domain/reminder-settings';

const ZONE = 'Asia/Ho_Chi_Minh';
const cal = createHolidayCalendar(DEFAULT_HOLIDAYS);
const OFFICE = parseWorkingHours('07:30-17:30 Mon-Fri');
const at = (iso: string) => DateTime.fromISO(iso, { zone: ZONE });
const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const local = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat("yyyy-MM-dd'T'HH:mm");

const FOCAL = { userId: 10, chatId: 1010n, locale: 'vi' };
const FOCAL_B = { userId: 11, chatId: 1011n, locale: 'en' };
const COORD = { userId: 20, chatId: 2020n, locale: null };

function activity(over: Partial<RuleActivity> = {}): RuleActivity {
  return {
    id: 1,
    reference: '2025-001',
    type: 'INBOUND',
    title: 'Đón đoàn tỉnh Champasak',
    status: 'AUTHORIZED',
    leadAgencyId: 1,
    leadAgency: { code: 'SNN', nameVi: 'Sở Nông nghiệp' },
    timingPrecision: 'DAY',
    startDate: utc('2025-04-21'),
    endDate: utc('2025-04-21'),
    timingLabel: null,
    details: null,
    createdAt: at('2025-03-01T09:00').toJSDate(),
    submittedAt: at('2025-03-01T09:00').toJSDate(),
    approvedAt: at('2025-03-02T09:00').toJSDate(),
    ...over,
  };
}

function input(now: string, over: Partial<RuleInput> = {}): RuleInput {
  return {
    now: at(now),
    zone: ZONE,
    settings: DEFAULT_REMINDER_SETTINGS,
    calendar: cal,
    workingHours: OFFICE,
    defaultLocale: 'vi',
    activities: [],
    followUps: [],
    plans: [],
    anniversaries: [],
    focalByAgency: new Map([
      [1, [FOCAL]],
      [2, [FOCAL_B]],
    ]),
    coordinators: [COORD],
    coordinatorGroups: [],
    ...over,
  };
}

/**
 * Runs the rules like the outbox does, every `stepMinutes` from `from` to `to`: insert what is
 * expected and absent, retire pending rows no longer expected, send pending rows that are due
 * inside working hours. Returns what was sent: key → local send time.
 */
function simulate(from: string, to: string, make: (now: string) => RuleInput, stepMinutes = 30) {
  const rows = new Map<string, { state: 'PENDING' | 'SENT' | 'CANCELLED'; dueAt: Date }>();
  const sent: [string, string][] = [];
  let prev = at(from).minus({ minutes: stepMinutes });
  for (let t = at(from); t <= at(to); prev = t, t = t.plus({ minutes: stepMinutes })) {
    const iso = t.toFormat("yyyy-MM-dd'T'HH:mm");
    const planned = planReminders(make(iso));
    const expected = new Set(planned.map((p) => p.dedupeKey));
    for (const p of planned) if (!rows.has(p.dedupeKey)) rows.set(p.dedupeKey, { state: 'PENDING', dueAt: p.dueAt });
    for (const [k, r] of rows) if (r.state === 'PENDING' && !expected.has(k)) r.state = 'CANCELLED';
    const open = +cal.nextWorkingMoment(t, OFFICE) === +t;
    for (const [k, r] of rows) {
      if (r.state === 'PENDING' && +r.dueAt <= +t && open) {
        r.state = 'SENT';
        // A real dispatcher runs every minute: it sends at the due time when that fell in this step.
        sent.push([k, +r.dueAt > +prev ? local(r.dueAt) : iso]);
      }
    }
  }
  return sent;
}

describe('activity coming up (7, 3, 1 days before start)', () => {
  it('sends each offset once, at 07:30, moving weekend ones to Monday', () => {
    const sent = simulate('2025-04-10T00:00', '2025-04-23T00:00', (now) => input(now, { activities: [activity()] }));
    expect(sent.filter(([k]) => k.startsWith('upcoming'))).toEqual([
      ['upcoming:1:2025-04-21:7d:u10', '2025-04-14T07:30'],
      ['upcoming:1:2025-04-21:3d:u10', '2025-04-18T07:30'],
      // 1 day before is Sunday 20/4: it goes out at the next opening, the start day.
      ['upcoming:1:2025-04-21:1d:u10', '2025-04-21T07:30'],
    ]);
  });

  it('is due exactly at the offset and carries what the message needs', () => {
    expect(planReminders(input('2025-04-14T07:29', { activities: [activity()] }))).toEqual([]);
    const [n] = planReminders(input('2025-04-14T07:30', { activities: [activity()] }));
    expect(n).toMatchObject({
      kind: 'reminder.upcoming',
      chatId: 1010n,
      userId: 10,
      dedupeKey: 'upcoming:1:2025-04-21:7d:u10',
    });
    expect(local(n!.dueAt)).toBe('2025-04-14T07:30');
    expect(n!.payload).toMatchObject({
      rule: 'upcoming',
      step: '7d',
      locale: 'vi',
      occasion: '2025-04-21',
      activity: { reference: '2025-001', start: '2025-04-21', agencyCode: 'SNN' },
    });
  });

  it('goes to every focal point of the lead agency, each in their language', () => {
    const a = activity({ leadAgencyId: 1 });
    const keys = planReminders(
      input('2025-04-14T08:00', { activities: [a], focalByAgency: new Map([[1, [FOCAL, FOCAL_B]]]) }),
    );
    expect(keys.map((k) => [k.dedupeKey, k.payload.locale])).toEqual([
      ['upcoming:1:2025-04-21:7d:u10', 'vi'],
      ['upcoming:1:2025-04-21:7d:u11', 'en'],
    ]);
  });

  it('after downtime sends only the latest due offset, late', () => {
    // Down from 10/4 to 18/4 10:00: the 7-day and 3-day reminders were missed; only the 3-day one is current.
    const planned = planReminders(input('2025-04-18T10:00', { activities: [activity()] }));
    expect(planned.map((p) => p.dedupeKey)).toEqual(['upcoming:1:2025-04-21:3d:u10']);
    expect(local(planned[0]!.dueAt)).toBe('2025-04-18T07:30'); // already due: goes out at once
    // Back only on Sunday: the 1-day reminder is current, due at Monday's opening.
    const sunday = planReminders(input('2025-04-20T10:00', { activities: [activity()] }));
    expect(sunday.map((p) => [p.dedupeKey, local(p.dueAt)])).toEqual([
      ['upcoming:1:2025-04-21:1d:u10', '2025-04-21T07:30'],
    ]);
  });

  it('skips offsets older than the registration', () => {
    const a = activity({
      createdAt: at('2025-04-19T10:00').toJSDate(),
      submittedAt: at('2025-04-19T10:00').toJSDate(),
    });
    const sent = simulate('2025-04-19T10:00', '2025-04-22T00:00', (now) => input(now, { activities: [a] }));
    expect(sent.map((s) => s[0])).toEqual(['upcoming:1:2025-04-21:1d:u10']);
  });

  it('moving the date plans new reminders and retires the old ones', () => {
    const before = planReminders(input('2025-04-14T09:00', { activities: [activity()] }));
    const moved = planReminders(
      input('2025-04-14T09:00', {
        activities: [activity({ startDate: utc('2025-04-17'), endDate: utc('2025-04-17') })],
      }),
    );
    expect(before.map((p) => p.dedupeKey)).toEqual(['upcoming:1:2025-04-21:7d:u10']);
    // Now 3 days ahead: the 3-day reminder of the new date is due at once.
    expect(moved.map((p) => p.dedupeKey)).toEqual(['upcoming:1:2025-04-17:3d:u10']);
  });

  it('stops for cancelled, postponed, draft and rejected activities', () => {
    for (const status of ['CANCELLED', 'POSTPONED', 'DRAFT', 'RETURNED', 'DONE', 'REPORTED']) {
      expect(planReminders(input('2025-04-14T09:00', { activities: [activity({ status })] })), status).toEqual([]);
    }
  });

  it('month precision: relative to the month start; quarter: one early notice; TBD: none', () => {
    const month = activity({ timingPrecision: 'MONTH', startDate: utc('2025-05-01'), endDate: utc('2025-05-31') });
    const sent = simulate('2025-04-20T00:00', '2025-05-02T00:00', (now) => input(now, { activities: [month] }), 60);
    expect(sent).toEqual([
      ['upcoming:1:2025-05-01:7d:u10', '2025-04-24T07:30'],
      // 3 days before is 28/4 (Mon); 1 day before is 30/4, a holiday, then 1/5: the next opening is Fri 2/5,
      // after the month began, so it is no longer current.
      ['upcoming:1:2025-05-01:3d:u10', '2025-04-28T07:30'],
    ]);
    const quarter = activity({ timingPrecision: 'QUARTER', startDate: utc('2025-07-01'), endDate: utc('2025-09-30') });
    const q = simulate('2025-06-20T00:00', '2025-07-02T00:00', (now) => input(now, { activities: [quarter] }), 60);
    expect(q).toEqual([['upcoming:1:2025-07-01:7d:u10', '2025-06-24T07:30']]);
    expect(
      planReminders(
        input('2025-06-30T09:00', {
          activities: [activity({ timingPrecision: 'TBD', startDate: null, endDate: null })],
        }),
      ),
    ).toEqual([]);
  });

  it('a deadline-precision activity is reminded before its deadline', () => {
    const a = activity({ timingPrecision: 'DEADLINE', startDate: null, endDate: utc('2025-04-21') });
    expect(planReminders(input('2025-04-18T08:00', { activities: [a] })).map((p) => p.dedupeKey)).toEqual([
      'upcoming:1:2025-04-21:3d:u10',
    ]);
  });

  it('uses configured offsets', () => {
    const settings = { ...DEFAULT_REMINDER_SETTINGS, upcomingDays: [5], sendTime: '08:15' };
    const sent = simulate(
      '2025-04-10T00:00',
      '2025-04-22T00:00',
      (now) => input(now, { activities: [activity()], settings }),
      15,
    );
    expect(sent).toEqual([['upcoming:1:2025-04-21:5d:u10', '2025-04-16T08:15']]);
  });
});

describe('outbound dossier lead time (working days)', () => {
  it('20 and 15 working days before a departure after Tết 2025 skip the Tết break and weekends', () => {
    const a = activity({
      type: 'OUTBOUND',
      startDate: utc('2025-02-10'),
      endDate: utc('2025-02-15'),
      createdAt: at('2024-12-01T09:00').toJSDate(),
      submittedAt: at('2024-12-01T09:00').toJSDate(),
    });
    const sent = simulate('2025-01-01T00:00', '2025-02-11T00:00', (now) => input(now, { activities: [a] }), 60).filter(
      ([k]) => k.startsWith('outbound'),
    );
    // Tết: Mon 27/1 – Fri 31/1 off. 15 WD before Mon 10/2 = Mon 13/1; 20 WD = Mon 6/1.
    expect(sent).toEqual([
      ['outbound-lead:1:2025-02-10:20wd:u10', '2025-01-06T07:30'],
      ['outbound-lead:1:2025-02-10:20wd:u20', '2025-01-06T07:30'],
      ['outbound-lead:1:2025-02-10:15wd:u10', '2025-01-13T07:30'],
      ['outbound-lead:1:2025-02-10:15wd:u20', '2025-01-13T07:30'],
    ]);
  });

  it('around 30/4–1/5: 20 working days before Mon 26/5/2025 is Thu 24/4', () => {
    const a = activity({ type: 'OUTBOUND', startDate: utc('2025-05-26'), endDate: utc('2025-05-30') });
    const at20 = planReminders(input('2025-04-24T07:30', { activities: [a] })).filter(
      (p) => p.payload.rule === 'outbound-lead',
    );
    expect(at20.map((p) => p.dedupeKey)).toEqual([
      'outbound-lead:1:2025-05-26:20wd:u10',
      'outbound-lead:1:2025-05-26:20wd:u20',
    ]);
    expect(
      planReminders(input('2025-04-24T07:29', { activities: [a] })).filter((p) => p.payload.rule === 'outbound-lead'),
    ).toEqual([]);
    const at15 = planReminders(input('2025-05-05T07:30', { activities: [a] })).filter(
      (p) => p.payload.rule === 'outbound-lead',
    );
    expect(at15[0]!.dedupeKey).toBe('outbound-lead:1:2025-05-26:15wd:u10');
  });

  it('a registration later than 15 working days before departure alerts at once (agency + coordinators)', () => {
    const submitted = at('2025-01-24T10:00').toJSDate();
    const a = activity({
      type: 'OUTBOUND',
      status: 'SUBMITTED',
      startDate: utc('2025-02-10'),
      endDate: utc('2025-02-14'),
      createdAt: submitted,
      submittedAt: submitted,
      approvedAt: null,
    });
    const planned = planReminders(input('2025-01-24T10:00', { activities: [a] }));
    expect(planned.map((p) => p.dedupeKey)).toEqual([
      'outbound-late:1:2025-02-10:registered:u10',
      'outbound-late:1:2025-02-10:registered:u20',
    ]);
    // Working days left: 3, 4, 5, 6, 7 and 10 February (Tết 27–31/1 is off).
    expect(planned[0]!.payload).toMatchObject({ event: 'registered', workingDaysLeft: 6, requiredWorkingDays: 15 });
    expect(local(planned[0]!.dueAt)).toBe('2025-01-24T10:00');
  });

  it('coordinator-facing reminders go to the coordinators’ group when one is registered', () => {
    const submitted = at('2025-01-24T10:00').toJSDate();
    const a = activity({
      type: 'OUTBOUND',
      status: 'SUBMITTED',
      startDate: utc('2025-02-10'),
      createdAt: submitted,
      submittedAt: submitted,
      approvedAt: null,
    });
    const planned = planReminders(input('2025-01-24T10:00', { activities: [a], coordinatorGroups: [-100123n] }));
    expect(planned.map((p) => [p.dedupeKey, p.chatId, p.userId])).toEqual([
      ['outbound-late:1:2025-02-10:registered:g-100123', -100123n, null],
      ['outbound-late:1:2025-02-10:registered:u10', 1010n, 10],
    ]);
  });
});

describe('conference lead time', () => {
  it('40 days before for the Prime Minister’s authority, 30 for the province', () => {
    const pm = activity({
      type: 'CONFERENCE',
      startDate: utc('2025-06-30'),
      endDate: utc('2025-06-30'),
      details: { authority: 'PRIME_MINISTER' },
    });
    const prov = activity({
      id: 2,
      type: 'CONFERENCE',
      startDate: utc('2025-06-30'),
      endDate: utc('2025-06-30'),
      details: { authority: 'PROVINCIAL_CHAIR' },
    });
    expect(planReminders(input('2025-05-21T08:00', { activities: [pm] })).map((p) => p.dedupeKey)).toEqual([
      'conference-lead:1:2025-06-30:40d:u10',
      'conference-lead:1:2025-06-30:40d:u20',
    ]);
    expect(planReminders(input('2025-05-21T08:00', { activities: [prov] }))).toEqual([]);
    const p = planReminders(input('2025-05-31T08:00', { activities: [prov] }));
    expect(p.map((x) => x.dedupeKey)).toEqual([
      'conference-lead:2:2025-06-30:30d:u10',
      'conference-lead:2:2025-06-30:30d:u20',
    ]);
    expect(local(p[0]!.dueAt)).toBe('2025-06-02T07:30'); // 31/5 is a Saturday
    expect(conferenceAuthority({ authority: 'PRIME_MINISTER' })).toBe('PM');
    // One key, the form's: the old guesses between key names are gone.
    expect(conferenceAuthority({ approvingAuthority: 'PM' })).toBe('PROVINCE');
    expect(conferenceAuthority(null)).toBe('PROVINCE');
  });
});

describe('follow-up due', () => {
  const fu = (over: Partial<RuleFollowUp> = {}): RuleFollowUp => ({
    id: 5,
    title: 'Sở NN&PTNT gửi câu hỏi cho hội đàm',
    dueDate: utc('2025-04-16'),
    doneAt: null,
    responsibleAgencyId: 1,
    createdAt: at('2025-04-01T09:00').toJSDate(),
    activity: { reference: '2025-001', title: 'Hội đàm' },
    ...over,
  });

  it('3 and 1 days before, on the day, then every 2 days while open', () => {
    const sent = simulate('2025-04-10T00:00', '2025-04-25T00:00', (now) => input(now, { followUps: [fu()] }), 60);
    expect(sent).toEqual([
      ['followup:5:2025-04-16:3d:u10', '2025-04-14T07:30'], // 13/4 is a Sunday
      ['followup:5:2025-04-16:1d:u10', '2025-04-15T07:30'],
      ['followup:5:2025-04-16:0d:u10', '2025-04-16T07:30'],
      ['followup:5:2025-04-16:od2:u10', '2025-04-18T07:30'],
      ['followup:5:2025-04-16:od4:u10', '2025-04-21T07:30'], // 20/4 is a Sunday
      ['followup:5:2025-04-16:od6:u10', '2025-04-22T07:30'],
      ['followup:5:2025-04-16:od8:u10', '2025-04-24T07:30'],
    ]);
    const od = planReminders(input('2025-04-24T08:00', { followUps: [fu()] }));
    expect(od[0]!.payload).toMatchObject({
      overdueDays: 8,
      followUp: { due: '2025-04-16', context: '2025-001 — Hội đàm' },
    });
  });

  it('around 30/4–1/5 the reminders of the holiday collapse into one on the next working day', () => {
    const f = fu({ dueDate: utc('2025-05-02') });
    const sent = simulate('2025-04-27T00:00', '2025-05-03T00:00', (now) => input(now, { followUps: [f] }), 60);
    expect(sent).toEqual([
      ['followup:5:2025-05-02:3d:u10', '2025-04-29T07:30'],
      ['followup:5:2025-05-02:0d:u10', '2025-05-02T07:30'],
    ]);
  });

  it('stops once done; a follow-up without a responsible agency goes to coordinators', () => {
    expect(planReminders(input('2025-04-15T08:00', { followUps: [fu({ doneAt: new Date() })] }))).toEqual([]);
    const keys = planReminders(input('2025-04-15T08:00', { followUps: [fu({ responsibleAgencyId: null })] })).map(
      (p) => p.dedupeKey,
    );
    expect(keys).toEqual(['followup:5:2025-04-16:1d:u20']);
  });
});

describe('plan request deadline', () => {
  const plan = (pending: number[]): RulePlan => ({
    id: 3,
    title: 'Kế hoạch đối ngoại năm 2026',
    kind: 'REQUEST',
    status: 'OPEN',
    deadline: utc('2025-09-25'),
    createdAt: at('2025-08-01T09:00').toJSDate(),
    pendingAgencyIds: pending,
  });

  it('7, 3, 1 days before, only to agencies that have not answered; never after they answer', () => {
    const sent = simulate(
      '2025-09-15T00:00',
      '2025-09-26T00:00',
      (now) => input(now, { plans: [plan(now < '2025-09-22T12:00' ? [1, 2] : [2])] }),
      60,
    );
    expect(sent).toEqual([
      ['plan-deadline:3:2025-09-25:7d:u10', '2025-09-18T07:30'],
      ['plan-deadline:3:2025-09-25:7d:u11', '2025-09-18T07:30'],
      // 22/9 (3 days before) is a Monday; agency 1 answers at noon, agency 2 keeps getting reminders.
      ['plan-deadline:3:2025-09-25:3d:u10', '2025-09-22T07:30'],
      ['plan-deadline:3:2025-09-25:3d:u11', '2025-09-22T07:30'],
      ['plan-deadline:3:2025-09-25:1d:u11', '2025-09-24T07:30'],
    ]);
    expect(planReminders(input('2025-09-24T08:00', { plans: [{ ...plan([1]), status: 'CLOSED' }] }))).toEqual([]);
  });
});

describe('post-activity report', () => {
  it('when it ends, then 10 and 15 days after, until REPORTED', () => {
    const a = activity({ startDate: utc('2025-04-09'), endDate: utc('2025-04-11'), timingPrecision: 'RANGE' });
    const sent = simulate('2025-04-11T00:00', '2025-05-10T00:00', (now) => input(now, { activities: [a] }), 60);
    expect(sent).toEqual([
      ['report:1:2025-04-11:1d:u10', '2025-04-14T07:30'], // 12/4 is a Saturday
      ['report:1:2025-04-11:10d:u10', '2025-04-21T07:30'],
      ['report:1:2025-04-11:15d:u10', '2025-04-28T07:30'], // 26/4 is a Saturday
    ]);
    expect(planReminders(input('2025-04-21T08:00', { activities: [{ ...a, status: 'REPORTED' }] }))).toEqual([]);
  });
});

describe('congratulatory letters', () => {
  it('15 and 5 days before a round anniversary and a national day, to coordinators', () => {
    const jp = DEFAULT_ANNIVERSARIES.filter((a) => a.key === 'vn-jp-diplomatic-relations');
    const sent = simulate('2028-09-01T00:00', '2028-09-22T00:00', (now) => input(now, { anniversaries: jp }), 60);
    expect(sent).toEqual([
      ['letter:vn-jp-diplomatic-relations:2028-09-21:15d:u20', '2028-09-06T07:30'],
      ['letter:vn-jp-diplomatic-relations:2028-09-21:5d:u20', '2028-09-18T07:30'], // 16/9 is a Saturday
    ]);
    // 2025 is the 52nd year: not round, no letter.
    expect(simulate('2025-09-01T00:00', '2025-09-22T00:00', (now) => input(now, { anniversaries: jp }), 180)).toEqual(
      [],
    );
    const la = DEFAULT_ANNIVERSARIES.filter((a) => a.key === 'la-national-day');
    const p = planReminders(input('2025-11-17T08:00', { anniversaries: la }));
    expect(p.map((x) => x.dedupeKey)).toEqual(['letter:la-national-day:2025-12-02:15d:u20']);
    expect(p[0]!.payload.letter!.titleVi).toContain('Quốc khánh');
  });
});

describe('helpers and settings', () => {
  it('reads stored dates as local calendar dates', () => {
    expect(localDateOf(utc('2025-04-15'), ZONE)).toBe('2025-04-15');
    expect(localDateOf(at('2025-04-15T00:00').toJSDate(), ZONE)).toBe('2025-04-15'); // 14/4 17:00 UTC
    expect(localDateOf(at('2025-04-15T23:59').toJSDate(), ZONE)).toBe('2025-04-15');
  });

  it('settings fall back to defaults and name invalid keys', () => {
    const { settings, invalid } = resolveReminderSettings({
      'reminders.upcomingDays': [10, 2],
      'reminders.letterDays': 'soon',
      'reminders.workingHours': 'always',
      unrelated: 1,
    });
    expect(settings.upcomingDays).toEqual([10, 2]);
    expect(settings.letterDays).toEqual([15, 5]);
    expect(settings.workingHours).toBe('always');
    expect(invalid).toEqual(['reminders.letterDays']);
  });

  it('working hours "always" keeps the nominal time', () => {
    const [n] = planReminders(
      input('2025-04-20T08:00', { activities: [activity()], workingHours: parseWorkingHours('always') }),
    );
    expect(local(n!.dueAt)).toBe('2025-04-20T07:30');
  });
});
