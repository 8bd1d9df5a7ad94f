/**
 * The coordinators' daily digest (docs/product.md#digest) and the heads' weekly summary, composed from plain data
 * and `now`. Pure: the job loads the rows, this chooses, orders and words them; the caller splits
 * the text at line boundaries (every item is one line, so no HTML tag spans a cut).
 */
import { DateTime } from 'luxon';
import { escapeHtml, formatDate, formatDateTime, truncate } from './format.js';
import { formatTiming, timingFromColumns, type TimingPrecision } from './timing/index.js';
import { localDateOf } from './reminder-rules.js';
import { LIVE_STATUSES } from './activity-status.js';

type Translate = (key: string, params?: Record<string, string | number | bigint | { html: string }>) => string;

export interface DigestActivity {
  reference: string;
  title: string;
  type: string;
  status: string;
  leadAgency?: { code: string } | null;
  timingPrecision: TimingPrecision;
  startDate: Date | null;
  endDate: Date | null;
  timingLabel?: string | null;
  submittedAt?: Date | null;
}

export interface DigestFollowUp {
  title: string;
  dueDate: Date;
  doneAt: Date | null;
  responsibleAgency?: { code: string } | null;
  activity?: { reference: string } | null;
}

export interface DigestPlan {
  title: string;
  deadline: Date | null;
  responses: { agencyCode: string; status: string }[];
}

export interface DigestUndelivered {
  /** Who did not get it: a person (name, agency) or a group title. */
  label: string;
  reason: 'blocked' | 'left' | 'failed';
  count: number;
}

export interface DigestData {
  now: DateTime;
  zone: string;
  locale: 'vi' | 'en';
  /** The previous digest (null: the last 24 hours). */
  since: DateTime | null;
  upcomingDays: number;
  followUpDays: number;
  /** Activities registered (submitted) since `since`. */
  submitted: DigestActivity[];
  /** Candidates for "in the next N days" (others are filtered out here). */
  activities: DigestActivity[];
  followUps: DigestFollowUp[];
  plans: DigestPlan[];
  undelivered: DigestUndelivered[];
  /** The deep link that opens an activity's full card in the bot (absent: the reference is plain text). */
  openLink?: (reference: string) => string;
}

const ACTIVE: ReadonlySet<string> = new Set(LIVE_STATUSES);
const TITLE_MAX = 120;
const CODES_PER_LINE = 15;

function when(a: DigestActivity, locale: 'vi' | 'en'): string {
  return formatTiming(
    timingFromColumns({
      timingPrecision: a.timingPrecision,
      startDate: a.startDate,
      endDate: a.endDate,
      timingLabel: a.timingLabel ?? null,
    }),
    locale,
  );
}

function activityLine(a: DigestActivity, t: Translate, data: Pick<DigestData, 'locale' | 'openLink'>): string {
  const locale = data.locale;
  const reference = escapeHtml(a.reference);
  return t('reminders.digest.activity_line', {
    reference: {
      html: data.openLink ? `<a href="${escapeHtml(data.openLink(a.reference))}">${reference}</a>` : reference,
    },
    title: truncate(a.title, TITLE_MAX),
    type: t(`reminders.type.${a.type}`),
    agency: a.leadAgency?.code ?? '—',
    when: when(a, locale),
  });
}

function section(lines: string[], title: string, items: string[], t: Translate) {
  lines.push('', title);
  if (items.length === 0) lines.push(t('reminders.digest.none'));
  else lines.push(...items);
}

/** Upcoming activities: first day within [today, today + days], still going ahead. */
export function selectUpcoming(
  activities: DigestActivity[],
  now: DateTime,
  zone: string,
  days: number,
): DigestActivity[] {
  const today = now.setZone(zone).toISODate()!;
  const last = now.setZone(zone).plus({ days }).toISODate()!;
  return activities
    .filter((a) => a.startDate && ACTIVE.has(a.status) && a.timingPrecision !== 'TBD')
    .filter((a) => {
      const d = localDateOf(a.startDate!, zone);
      return d >= today && d <= last;
    })
    .sort((a, b) => +a.startDate! - +b.startDate! || a.reference.localeCompare(b.reference));
}

/** Open follow-ups split into due within `days` (today included) and overdue (before today). */
export function selectFollowUps(followUps: DigestFollowUp[], now: DateTime, zone: string, days: number) {
  const today = now.setZone(zone).toISODate()!;
  const last = now.setZone(zone).plus({ days }).toISODate()!;
  const open = followUps.filter((f) => !f.doneAt).map((f) => ({ f, due: localDateOf(f.dueDate, zone) }));
  open.sort((a, b) => a.due.localeCompare(b.due));
  return {
    due: open.filter((x) => x.due >= today && x.due <= last),
    overdue: open.filter((x) => x.due < today),
  };
}

function followUpLines(
  items: { f: DigestFollowUp; due: string }[],
  now: DateTime,
  zone: string,
  t: Translate,
  overdue: boolean,
): string[] {
  const today = DateTime.fromISO(now.setZone(zone).toISODate()!, { zone });
  return items.map(({ f, due }) =>
    t(overdue ? 'reminders.digest.followup_overdue_line' : 'reminders.digest.followup_line', {
      title: truncate(f.title, TITLE_MAX),
      agency: f.responsibleAgency?.code ?? t('reminders.digest.department'),
      due: formatDate(due, zone),
      days: Math.round(today.diff(DateTime.fromISO(due, { zone }), 'days').days),
      context: f.activity ? ` (${f.activity.reference})` : '',
    }),
  );
}

/** Not answered: still pending, or silent past the deadline (recorded as "no plan", docs/product.md#plan-requests-and-programme-plans). */
const SILENT = new Set(['PENDING', 'NO_PLAN']);

/** Open plan requests that still wait for someone. */
function waiting(plans: DigestPlan[]): DigestPlan[] {
  return plans.filter((p) => p.responses.some((r) => SILENT.has(r.status)));
}

function planLines(plans: DigestPlan[], zone: string, t: Translate): string[] {
  const lines: string[] = [];
  for (const p of plans) {
    const missing = p.responses
      .filter((r) => SILENT.has(r.status))
      .map((r) => r.agencyCode)
      .sort();
    const pastDeadline = p.responses.some((r) => r.status === 'NO_PLAN');
    lines.push(
      t(pastDeadline ? 'reminders.digest.plan_line_no_plan' : 'reminders.digest.plan_line', {
        title: truncate(p.title, TITLE_MAX),
        deadline: p.deadline ? formatDate(localDateOf(p.deadline, zone), zone) : '—',
        missing: missing.length,
        total: p.responses.length,
      }),
    );
    for (let i = 0; i < missing.length; i += CODES_PER_LINE)
      lines.push(`   ${missing.slice(i, i + CODES_PER_LINE).join(', ')}`);
  }
  return lines;
}

function undeliveredLines(rows: DigestUndelivered[], t: Translate): string[] {
  return rows.map((r) =>
    t(r.count > 0 ? 'reminders.digest.undelivered_line' : 'reminders.digest.unreachable_line', {
      who: r.label,
      reason: t(`reminders.digest.reason_${r.reason}`),
      count: r.count,
    }),
  );
}

/** The daily digest for a coordinators' group, as one text (split it with splitMessage). */
export function composeDigest(data: DigestData, t: Translate): string {
  const { now, zone, locale } = data;
  const since = data.since ?? now.minus({ days: 1 });
  const lines = [t('reminders.digest.title', { date: formatDate(now, zone) })];
  const submitted = [...data.submitted].sort((a, b) => +(a.submittedAt ?? 0) - +(b.submittedAt ?? 0));
  section(
    lines,
    t('reminders.digest.new', { since: formatDateTime(since, zone, locale), count: submitted.length }),
    submitted.map((a) => activityLine(a, t, data)),
    t,
  );
  const upcoming = selectUpcoming(data.activities, now, zone, data.upcomingDays);
  section(
    lines,
    t('reminders.digest.upcoming', { days: data.upcomingDays, count: upcoming.length }),
    upcoming.map((a) => activityLine(a, t, data)),
    t,
  );
  const fu = selectFollowUps(data.followUps, now, zone, data.followUpDays);
  section(
    lines,
    t('reminders.digest.followups_due', { days: data.followUpDays, count: fu.due.length }),
    followUpLines(fu.due, now, zone, t, false),
    t,
  );
  section(
    lines,
    t('reminders.digest.followups_overdue', { count: fu.overdue.length }),
    followUpLines(fu.overdue, now, zone, t, true),
    t,
  );
  const plans = waiting(data.plans);
  section(lines, t('reminders.digest.plans', { count: plans.length }), planLines(plans, zone, t), t);
  section(
    lines,
    t('reminders.digest.undelivered', { count: data.undelivered.reduce((n, r) => n + r.count, 0) }),
    undeliveredLines(data.undelivered, t),
    t,
  );
  return lines.join('\n');
}

/** The heads' Monday summary: the week behind (registrations) and the week ahead. */
export function composeWeeklySummary(data: DigestData, t: Translate): string {
  const { now, zone } = data;
  const lines = [t('reminders.weekly.title', { date: formatDate(now, zone) })];
  lines.push(t('reminders.weekly.registered', { count: data.submitted.length }));
  const upcoming = selectUpcoming(data.activities, now, zone, data.upcomingDays);
  section(
    lines,
    t('reminders.digest.upcoming', { days: data.upcomingDays, count: upcoming.length }),
    upcoming.map((a) => activityLine(a, t, data)),
    t,
  );
  const fu = selectFollowUps(data.followUps, now, zone, data.followUpDays);
  section(
    lines,
    t('reminders.digest.followups_overdue', { count: fu.overdue.length }),
    followUpLines(fu.overdue, now, zone, t, true),
    t,
  );
  const plans = waiting(data.plans);
  section(lines, t('reminders.digest.plans', { count: plans.length }), planLines(plans, zone, t), t);
  return lines.join('\n');
}

/**
 * Undelivered notifications grouped by recipient. `lastError` starting with 403 means the bot was
 * blocked (private chat) or removed (group); other failures are reported as such.
 */
export function summarizeUndelivered(
  rows: { chatId: bigint; lastError: string | null }[],
  labelOf: (chatId: bigint) => string,
): DigestUndelivered[] {
  const byChat = new Map<string, DigestUndelivered>();
  for (const r of rows) {
    const blocked = /^403\b/.test(r.lastError ?? '');
    const reason: DigestUndelivered['reason'] = blocked ? (r.chatId < 0n ? 'left' : 'blocked') : 'failed';
    const k = `${r.chatId}:${reason}`;
    const cur = byChat.get(k);
    if (cur) cur.count++;
    else byChat.set(k, { label: labelOf(r.chatId), reason, count: 1 });
  }
  return [...byChat.values()];
}
