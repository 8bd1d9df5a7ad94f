/** Loads what /summary, /upcoming and /overdue show: queries through the reports repository, rules from the domain. */
import type { DateTime } from 'luxon';
import type { Repos } from '../db/repos/index.js';
import type { ListedActivity } from '../db/repos/reports.js';
import {
  DEFAULT_REPORT_GRACE_DAYS,
  localToday,
  overdueActivities,
  overdueFollowUps,
  summarize,
  upcomingActivities,
  type PeriodBounds,
} from '../domain/summary.js';
import { MAX_LISTED, TOP } from './summary-text.js';

const DAY_MS = 86_400_000;
type Deps = Pick<Repos, 'reports'>;
/** Overdue lists show MAX_LISTED lines; fetching a few more keeps the domain's order right at the cut. */
const OVERDUE_TAKE = MAX_LISTED * 3;

export async function loadSummary(
  repos: Deps,
  opts: { period: PeriodBounds; planId?: number | null; now: DateTime; upcomingLimit?: number; graceDays?: number },
) {
  const today = localToday(opts.now);
  const graceDays = opts.graceDays ?? DEFAULT_REPORT_GRACE_DAYS;
  const limit = opts.upcomingLimit ?? 5;
  const scope = { period: opts.period, planId: opts.planId ?? null };
  const doneBefore = new Date(today.getTime() - graceDays * DAY_MS);
  const [counts, upcoming, overdueCandidates, chartTimings] = await Promise.all([
    repos.reports.summaryCounts(scope),
    repos.reports.upcoming(scope, today, null, limit),
    repos.reports.overdueCandidates(scope, today, doneBefore, OVERDUE_TAKE),
    repos.reports.chartTimings(scope),
  ]);
  // The candidates are exactly the overdue ones (same rule as a query): count only when capped.
  const overdueTotal =
    overdueCandidates.length < OVERDUE_TAKE
      ? overdueCandidates.length
      : await repos.reports.countOverdue(scope, today, doneBefore);
  const summary = summarize(
    { ...counts, upcoming, overdueCandidates, overdueTotal },
    { today, upcomingLimit: limit, graceDays },
  );
  const agencies = await repos.reports.agencyNames(summary.byAgency.slice(0, TOP).map((a) => a.key));
  return { summary, agencies, chartTimings, countryCounts: counts.countries };
}

/** Pending activities starting in the next `days` days (today included). */
export async function loadUpcoming(repos: Deps, opts: { now: DateTime; days: number }) {
  const from = localToday(opts.now);
  const to = new Date(from.getTime() + (opts.days - 1) * DAY_MS);
  const [candidates, total] = await Promise.all([
    repos.reports.upcoming(null, from, to, MAX_LISTED),
    repos.reports.countUpcoming(null, from, to),
  ]);
  return {
    items: upcomingActivities<ListedActivity>(candidates, from, opts.days).slice(0, MAX_LISTED),
    total,
    from,
    to,
  };
}

/** Every overdue activity and open follow-up, longest overdue first. */
export async function loadOverdue(repos: Deps, opts: { now: DateTime; graceDays?: number }) {
  const today = localToday(opts.now);
  const graceDays = opts.graceDays ?? DEFAULT_REPORT_GRACE_DAYS;
  // Follow-up due dates may be stored as local instants: ask for a day more, the domain decides.
  const doneBefore = new Date(today.getTime() - graceDays * DAY_MS);
  const [candidates, followUps] = await Promise.all([
    repos.reports.overdueCandidates(null, today, doneBefore, OVERDUE_TAKE),
    repos.reports.openFollowUpsBefore(new Date(today.getTime() + DAY_MS)),
  ]);
  const total =
    candidates.length < OVERDUE_TAKE ? candidates.length : await repos.reports.countOverdue(null, today, doneBefore);
  const items = overdueActivities(candidates, today, graceDays);
  return { items, total: Math.max(total, items.length), followUps: overdueFollowUps(followUps, opts.now) };
}
