import type { Db, Prisma } from '../client.js';
import type { ActivityStatus, ActivityType, TimingPrecision } from '../../domain/enums.js';
import { PENDING_STATUSES, REPORT_STATUSES, SUMMARY_STATUSES } from '../../domain/enums.js';

/** The columns summaries count and list (domain/summary.ts computes on them). */
export interface SummaryRow {
  id: number;
  reference: string;
  type: ActivityType;
  status: ActivityStatus;
  leadAgencyId: number;
  timingPrecision: TimingPrecision;
  startDate: Date | null;
  endDate: Date | null;
}

/** What a period covers, as the Activity columns store dates. */
export interface PeriodBounds {
  from: Date;
  to: Date;
  /** Calendar years the period covers entirely: activities with no dates yet (TBD) count in their plan's year. */
  wholeYears: number[];
}

/** Activities of one (type, status, lead agency), as a GROUP BY returns them. */
export interface SummaryGroup {
  type: ActivityType;
  status: ActivityStatus;
  leadAgencyId: number;
  count: number;
}

export interface CountryCount {
  countryCode: string;
  count: number;
}

// Read-only queries behind /summary, /upcoming, /overdue and /report. Each selects only the
// columns its caller shows, so a summary over 100,000 activities stays fast.

export interface ActivityScope {
  /** Null: every period (e.g. all activities of a plan). */
  period: PeriodBounds | null;
  planId?: number | null;
  statuses?: readonly ActivityStatus[];
}

/**
 * The same rule as `inPeriod` in the domain, as a query. `plans` (id → year) places undated
 * activities: in their plan's year, else in the year of their reference. Joining Plan in the
 * query instead would make every summary scan slower.
 */
function scopeWhere(scope: ActivityScope, plans: { id: number; year: number | null }[] = []): Prisma.ActivityWhereInput {
  const statuses = scope.statuses ?? SUMMARY_STATUSES;
  const where: Prisma.ActivityWhereInput = statuses === SUMMARY_STATUSES ? { status: { not: 'DRAFT' } } : { status: { in: [...statuses] } };
  if (scope.planId) where.planId = scope.planId;
  const p = scope.period;
  if (p) {
    const or: Prisma.ActivityWhereInput[] = [
      { startDate: { lte: p.to }, endDate: { gte: p.from } },
      { startDate: null, endDate: { gte: p.from, lte: p.to } },
    ];
    if (p.wholeYears.length > 0) {
      const inYears = plans.filter((x) => x.year !== null && p.wholeYears.includes(x.year)).map((x) => x.id);
      const yearless = plans.filter((x) => x.year === null).map((x) => x.id);
      or.push({
        startDate: null,
        endDate: null,
        OR: [
          ...(inYears.length ? [{ planId: { in: inYears } }] : []),
          { OR: [{ planId: null }, ...(yearless.length ? [{ planId: { in: yearless } }] : [])], AND: [{ OR: p.wholeYears.map((y) => ({ reference: { startsWith: `${y}-` } })) }] },
        ],
      });
    }
    where.OR = or;
  }
  return where;
}

const SUMMARY_SELECT = {
  id: true,
  reference: true,
  type: true,
  status: true,
  leadAgencyId: true,
  timingPrecision: true,
  startDate: true,
  endDate: true,
} as const;

export const REPORT_SELECT = {
  ...SUMMARY_SELECT,
  title: true,
  partnerName: true,
  place: true,
  timingLabel: true,
  costVnd: true,
  details: true,
  leadAgency: { select: { code: true, nameVi: true, nameEn: true } },
  coordinators: { select: { agency: { select: { code: true, nameVi: true, nameEn: true } } } },
  countries: { select: { countryCode: true } },
  fundings: { select: { source: true } },
} as const;

export type ListedActivity = SummaryRow & { title: string; timingLabel: string | null; leadAgency: { code: string; nameVi: string; nameEn: string | null } };

const LISTED_SELECT = { ...SUMMARY_SELECT, title: true, timingLabel: true, leadAgency: { select: { code: true, nameVi: true, nameEn: true } } } as const;

const and = (...parts: (Prisma.ActivityWhereInput | null)[]): Prisma.ActivityWhereInput => ({ AND: parts.filter((p) => p !== null) });

const overdueWhere = (today: Date, doneBefore: Date): Prisma.ActivityWhereInput => ({
  OR: [
    { status: { in: [...PENDING_STATUSES] }, endDate: { lt: today } },
    { status: 'DONE', endDate: { lt: doneBefore } },
  ],
});

export function createReportsRepo(db: Db) {
  async function whereOf(scope: ActivityScope | null): Promise<Prisma.ActivityWhereInput | null> {
    if (!scope) return null;
    const plans = scope.period?.wholeYears.length ? await db.plan.findMany({ select: { id: true, year: true } }) : [];
    return scopeWhere(scope, plans);
  }

  const listed = (where: Prisma.ActivityWhereInput, orderBy: Prisma.ActivityOrderByWithRelationInput[], take?: number): Promise<ListedActivity[]> =>
    db.activity.findMany({ where, select: LISTED_SELECT, orderBy, take });

  /** A dated activity starts on startDate; a deadline (no start) on its due day. */
  const startsWithin = (from: Date, to: Date | null): Prisma.ActivityWhereInput[] => [
    { startDate: { gte: from, ...(to ? { lte: to } : {}) } },
    { startDate: null, endDate: { gte: from, ...(to ? { lte: to } : {}) } },
  ];

  return {
    /** Counts by (type, status, lead agency) and by country for the scope: two GROUP BY queries, no rows. */
    async summaryCounts(scope: ActivityScope): Promise<{ groups: SummaryGroup[]; countries: CountryCount[] }> {
      const where = (await whereOf(scope))!;
      const [groups, countries] = await Promise.all([
        db.activity.groupBy({ by: ['type', 'status', 'leadAgencyId'], where, _count: { _all: true } }),
        db.activityCountry.groupBy({ by: ['countryCode'], where: { activity: where }, _count: { _all: true } }),
      ]);
      return {
        groups: groups.map((g) => ({ type: g.type, status: g.status, leadAgencyId: g.leadAgencyId, count: g._count._all })),
        countries: countries.map((c) => ({ countryCode: c.countryCode, count: c._count._all })),
      };
    },

    /** Pending activities in scope starting within [from, to] (to null: any time from `from`), soonest first. */
    async upcoming(scope: ActivityScope | null, from: Date, to: Date | null, take: number): Promise<ListedActivity[]> {
      const base = and(await whereOf(scope), { status: { in: [...PENDING_STATUSES] } });
      const [dated, deadlines] = startsWithin(from, to);
      // Two ordered queries (by start, by due day) so that `take` keeps the soonest of both kinds.
      const [a, b] = await Promise.all([
        listed(and(base, dated!), [{ startDate: 'asc' }, { id: 'asc' }], take),
        listed(and(base, deadlines!), [{ endDate: 'asc' }, { id: 'asc' }], take),
      ]);
      return [...a, ...b];
    },
    async countUpcoming(scope: ActivityScope | null, from: Date, to: Date | null): Promise<number> {
      return db.activity.count({ where: and(await whereOf(scope), { status: { in: [...PENDING_STATUSES] }, OR: startsWithin(from, to) }) });
    },

    /**
     * Candidates for overdue (the domain decides): pending and ended before today, or done and
     * ended before `doneBefore`; the longest overdue first, at most `take`.
     */
    async overdueCandidates(scope: ActivityScope | null, today: Date, doneBefore: Date, take?: number): Promise<ListedActivity[]> {
      return listed(and(await whereOf(scope), overdueWhere(today, doneBefore)), [{ endDate: 'asc' }, { id: 'asc' }], take);
    },
    async countOverdue(scope: ActivityScope | null, today: Date, doneBefore: Date): Promise<number> {
      return db.activity.count({ where: and(await whereOf(scope), overdueWhere(today, doneBefore)) });
    },

    /** Open follow-ups due before `before`, with what the list shows. */
    async openFollowUpsBefore(before: Date) {
      const rows = await db.followUp.findMany({
        where: { doneAt: null, dueDate: { lt: before } },
        select: { id: true, title: true, dueDate: true, doneAt: true, responsibleAgencyId: true, responsibleAgency: { select: { code: true, nameVi: true, nameEn: true } }, activity: { select: { reference: true } } },
        orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
      });
      return rows.map(({ activity, ...r }) => ({ ...r, activityReference: activity?.reference ?? null }));
    },

    /** Every activity of the consolidated plan, with what the report's columns show. */
    async reportRows(scope: ActivityScope) {
      return db.activity.findMany({
        where: (await whereOf({ statuses: REPORT_STATUSES, ...scope }))!,
        select: REPORT_SELECT,
        orderBy: [{ startDate: 'asc' }, { endDate: 'asc' }, { id: 'asc' }],
      });
    },
    async countReportRows(scope: ActivityScope): Promise<number> {
      return db.activity.count({ where: (await whereOf({ statuses: REPORT_STATUSES, ...scope }))! });
    },

    agencyNames(ids: number[]) {
      return db.agency.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, nameVi: true, nameEn: true } });
    },

    findPlan(id: number) {
      return db.plan.findUnique({ where: { id }, select: { id: true, title: true, year: true } });
    },
    listPlans(take = 20) {
      return db.plan.findMany({ select: { id: true, title: true, year: true, status: true }, orderBy: [{ id: 'desc' }], take });
    },
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
export type ReportRow = Awaited<ReturnType<ReportsRepo['reportRows']>>[number];
