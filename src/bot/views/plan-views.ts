import { DateTime } from 'luxon';
import { escapeHtml, formatDate, truncate } from '../../domain/format.js';
import { localDateOf } from '../../domain/reminder-rules.js';
import { daysLeft, type BoardEntry, type ProgrammeProgress, type RequestBoard } from '../../domain/plan-board.js';
import type { Locale, Translate } from '../../i18n/index.js';
import { activityTiming, type CardActivity } from './activity-card.js';

// Texts of /plans (HTML, each item on one line): plan lists, a request's board, a programme's
// progress and a focal point's view of a request. Buttons are built by the feature.

export interface ViewEnv {
  t: Translate;
  locale: Locale;
  zone: string;
  now: DateTime;
}

export type PlanRow = {
  id: number;
  kind: string;
  title: string;
  status: string;
  deadline: Date | null;
  forms: unknown;
};

const TITLE_MAX = 200;
const CODES_PER_GROUP = 80;
const ACTIVITIES_SHOWN = 30;

export function deadlineText(deadline: Date | null, env: ViewEnv): string {
  if (!deadline) return env.t('plans.no_deadline');
  const date = formatDate(localDateOf(deadline, env.zone), env.zone);
  const left = daysLeft(deadline, env.now, env.zone);
  if (env.now.toMillis() > deadline.getTime()) return env.t('plans.deadline_passed', { date });
  if (left === 0) return env.t('plans.deadline_today', { date });
  return env.t('plans.deadline_left', { date, days: left });
}

/** Which forms a request asks for (docs/product.md#plan-requests-and-programme-plans: mẫu 01 agency plan, mẫu 02 people-to-people plan). */
export function planForms(forms: unknown): string[] {
  return Array.isArray(forms) ? forms.filter((f): f is string => f === 'AGENCY' || f === 'PEOPLE') : [];
}

export function formsText(forms: unknown, t: Translate): string {
  const list = planForms(forms);
  return list.length ? list.map((f) => t(`plans.form.${f}`)).join('; ') : t('plans.form.AGENCY');
}

function group(title: string, entries: BoardEntry[], t: Translate, withCounts: boolean): string[] {
  const lines = [`<b>${title}</b>`];
  if (entries.length === 0) return [...lines, t('plans.board.none')];
  const shown = entries
    .slice(0, CODES_PER_GROUP)
    .map((e) => (withCounts ? `${escapeHtml(e.code)} (${e.activities})` : escapeHtml(e.code)));
  const more =
    entries.length > CODES_PER_GROUP ? ` ${t('plans.board.more', { count: entries.length - CODES_PER_GROUP })}` : '';
  return [...lines, shown.join(', ') + more];
}

/** A plan request's board for coordinators: answered (with counts), nil, not yet, late. */
export function renderRequestBoard(plan: PlanRow, board: RequestBoard, env: ViewEnv): string {
  const { t } = env;
  const lines = [
    t('plans.board.title', { title: truncate(plan.title, TITLE_MAX) }),
    t('plans.board.deadline', { deadline: { html: deadlineText(plan.deadline, env) } }),
    t('plans.board.forms', { forms: formsText(plan.forms, t) }),
    t(plan.status === 'OPEN' ? 'plans.board.open' : 'plans.board.closed'),
    t('plans.board.summary', {
      answered: board.answered.length + board.nil.length,
      total: board.total,
      activities: board.activities,
    }),
    '',
    ...group(t('plans.board.answered', { count: board.answered.length }), board.answered, t, true),
    '',
    ...group(t('plans.board.nil', { count: board.nil.length }), board.nil, t, false),
    '',
    ...group(t('plans.board.pending', { count: board.pending.length }), board.pending, t, false),
    '',
    ...group(t('plans.board.late', { count: board.late.length }), board.late, t, false),
  ];
  return lines.join('\n');
}

function activityLine(a: CardActivity, env: ViewEnv, withAgency: boolean): string {
  return env.t(withAgency ? 'plans.activity_line_agency' : 'plans.activity_line', {
    reference: a.reference,
    title: truncate(a.title, 120),
    agency: a.leadAgency.code,
    timing: activityTiming(a, env.locale),
    status: env.t(`activity.status.${a.status}`),
  });
}

/** A programme plan's progress: counts by status, overdue ones, and its activities. */
export function renderProgrammeBoard(
  plan: PlanRow,
  progress: ProgrammeProgress,
  activities: CardActivity[],
  env: ViewEnv,
  opts: { own?: boolean } = {},
): string {
  const { t } = env;
  const lines = [
    t('plans.programme.title', { title: truncate(plan.title, TITLE_MAX) }),
    t(plan.status === 'OPEN' ? 'plans.board.open' : 'plans.board.closed'),
  ];
  if (progress.total === 0) {
    lines.push('', t(opts.own ? 'plans.programme.none_own' : 'plans.programme.empty'));
    return lines.join('\n');
  }
  lines.push(
    t('plans.programme.progress', {
      done: progress.done,
      total: progress.total - progress.cancelled,
      percent: progress.percent,
      overdue: progress.overdue.length,
    }),
  );
  const statuses = Object.entries(progress.byStatus)
    .map(([s, n]) => `${t(`activity.status.${s}`)} ${n}`)
    .join(' · ');
  lines.push(t('plans.programme.by_status', { statuses }));
  if (progress.overdue.length)
    lines.push(t('plans.programme.overdue', { references: progress.overdue.map((a) => a.reference).join(', ') }));
  lines.push('');
  activities.slice(0, ACTIVITIES_SHOWN).forEach((a, i) => lines.push(`${i + 1}. ${activityLine(a, env, true)}`));
  if (activities.length > ACTIVITIES_SHOWN)
    lines.push(t('plans.board.more', { count: activities.length - ACTIVITIES_SHOWN }));
  return lines.join('\n');
}

/** A focal point's view of a request: the deadline, its agency's answer and the activities registered under it. */
export function renderFocalRequest(
  plan: PlanRow,
  answer: { status: string; answeredAt: Date | null } | null,
  activities: CardActivity[],
  env: ViewEnv & { agencyName: string; forPeople: boolean },
): string {
  const { t } = env;
  const status = answer?.status ?? 'PENDING';
  const lines = [
    t('plans.board.title', { title: truncate(plan.title, TITLE_MAX) }),
    t('plans.board.deadline', { deadline: { html: deadlineText(plan.deadline, env) } }),
    t('plans.board.forms', {
      forms: formsText(env.forPeople ? plan.forms : planForms(plan.forms).filter((f) => f !== 'PEOPLE'), t),
    }),
    t('plans.focal.answer', {
      agency: env.agencyName,
      status: t(`plans.response.${status}`),
      when: answer?.answeredAt && status !== 'PENDING' ? ` (${formatDate(answer.answeredAt, env.zone)})` : '',
    }),
    t('plans.focal.registered', { count: activities.length }),
  ];
  for (const a of activities.slice(0, ACTIVITIES_SHOWN)) lines.push(`• ${activityLine(a, env, false)}`);
  if (activities.length > ACTIVITIES_SHOWN)
    lines.push(t('plans.board.more', { count: activities.length - ACTIVITIES_SHOWN }));
  lines.push(
    '',
    t(
      plan.status !== 'OPEN'
        ? 'plans.focal.hint_closed'
        : env.now.toMillis() > (plan.deadline?.getTime() ?? Infinity)
          ? 'plans.focal.hint_late'
          : `plans.focal.hint_${status}`,
    ),
  );
  return lines.join('\n');
}

/** One line of a plan list. */
export function planListLine(plan: PlanRow, n: number, env: ViewEnv, extra: string): string {
  const key = plan.kind === 'REQUEST' ? 'plans.list.request_line' : 'plans.list.programme_line';
  return `${n}. ${env.t(key, { title: truncate(plan.title, 120), deadline: { html: deadlineText(plan.deadline, env) }, extra: { html: extra } })}`;
}
