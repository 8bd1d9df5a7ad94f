import { Prisma, type Db } from '../client.js';
import type { DbProvider } from '../provider.js';
import type { ActivityStatus, ActivityType, TimingPrecision } from '../../domain/enums.js';
import { ACTIVITY_STATUSES, PENDING_STATUSES, REPORT_STATUSES, SUMMARY_STATUSES } from '../../domain/enums.js';

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
function scopeWhere(
  scope: ActivityScope,
  plans: { id: number; year: number | null }[] = [],
): Prisma.ActivityWhereInput {
  const statuses = scope.statuses ?? SUMMARY_STATUSES;
  const where: Prisma.ActivityWhereInput =
    statuses === SUMMARY_STATUSES ? { status: { not: 'DRAFT' } } : { status: { in: [...statuses] } };
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
          {
            OR: [{ planId: null }, ...(yearless.length ? [{ planId: { in: yearless } }] : [])],
            AND: [{ OR: p.wholeYears.map((y) => ({ reference: { startsWith: `${y}-` } })) }],
          },
        ],
      });
    }
    where.OR = or;
  }
  return where;
}

/**
 * `scopeWhere` as SQL over the Activity columns of `alias`, for the summary's hand-written GROUP BY
 * queries (test/db/summary-queries.test.ts checks both forms select the same activities).
 * Statuses are inlined from the closed enum so that one text serves SQLite and PostgreSQL's enum type.
 */
function scopeSql(scope: ActivityScope, plans: { id: number; year: number | null }[], alias: string): Prisma.Sql {
  const col = (name: string) => Prisma.raw(`${alias}."${name}"`);
  const statuses = scope.statuses ?? SUMMARY_STATUSES;
  for (const s of statuses) if (!ACTIVITY_STATUSES.includes(s)) throw new Error(`unknown status ${s}`);
  const parts: Prisma.Sql[] = [
    statuses === SUMMARY_STATUSES
      ? Prisma.sql`${col('status')} <> 'DRAFT'`
      : Prisma.sql`${col('status')} IN (${Prisma.raw(statuses.map((s) => `'${s}'`).join(', ') || 'NULL')})`,
  ];
  if (scope.planId) parts.push(Prisma.sql`${col('planId')} = ${scope.planId}`);
  const p = scope.period;
  if (p) {
    const or: Prisma.Sql[] = [
      Prisma.sql`(${col('startDate')} <= ${p.to} AND ${col('endDate')} >= ${p.from})`,
      Prisma.sql`(${col('startDate')} IS NULL AND ${col('endDate')} >= ${p.from} AND ${col('endDate')} <= ${p.to})`,
    ];
    if (p.wholeYears.length > 0) {
      const inYears = plans.filter((x) => x.year !== null && p.wholeYears.includes(x.year)).map((x) => x.id);
      const yearless = plans.filter((x) => x.year === null).map((x) => x.id);
      const planIn = (ids: number[]) => Prisma.sql`${col('planId')} IN (${Prisma.join(ids)})`;
      const refYears = Prisma.join(
        p.wholeYears.map((y) => Prisma.sql`${col('reference')} LIKE ${`${y}-%`}`),
        ' OR ',
      );
      const undated = [
        ...(inYears.length ? [planIn(inYears)] : []),
        Prisma.sql`((${col('planId')} IS NULL${yearless.length ? Prisma.sql` OR ${planIn(yearless)}` : Prisma.empty}) AND (${refYears}))`,
      ];
      or.push(
        Prisma.sql`(${col('startDate')} IS NULL AND ${col('endDate')} IS NULL AND (${Prisma.join(undated, ' OR ')}))`,
      );
    }
    parts.push(Prisma.sql`(${Prisma.join(or, ' OR ')})`);
  }
  return Prisma.join(parts, ' AND ');
}

/** `YYYY-MM` of a date column (stored as ISO text on SQLite, a timestamp on PostgreSQL). */
const monthOf = (provider: DbProvider, column: string) =>
  Prisma.raw(provider === 'sqlite' ? `substr(${column}, 1, 7)` : `to_char(${column}, 'YYYY-MM')`);
/** SQLite picks the index each summary scan reads in order; PostgreSQL's planner chooses well by itself. */
const indexedBy = (provider: DbProvider, index: string) =>
  Prisma.raw(provider === 'sqlite' ? `INDEXED BY "${index}"` : '');
const firstOfMonth = (ym: string | null) => (ym ? new Date(`${ym}-01T00:00:00.000Z`) : null);

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

export type ListedActivity = SummaryRow & {
  title: string;
  timingLabel: string | null;
  leadAgency: { code: string; nameVi: string; nameEn: string | null };
};

const LISTED_SELECT = {
  ...SUMMARY_SELECT,
  title: true,
  timingLabel: true,
  leadAgency: { select: { code: true, nameVi: true, nameEn: true } },
} as const;

const and = (...parts: (Prisma.ActivityWhereInput | null)[]): Prisma.ActivityWhereInput => ({
  AND: parts.filter((p) => p !== null),
});

const overdueWhere = (today: Date, doneBefore: Date): Prisma.ActivityWhereInput => ({
  OR: [
    { status: { in: [...PENDING_STATUSES] }, endDate: { lt: today } },
    { status: 'DONE', endDate: { lt: doneBefore } },
  ],
});

export function createReportsRepo(db: Db, provider: DbProvider = 'sqlite') {
  const plansOf = (scope: ActivityScope) =>
    scope.period?.wholeYears.length ? db.plan.findMany({ select: { id: true, year: true } }) : Promise.resolve([]);
  async function whereOf(scope: ActivityScope | null): Promise<Prisma.ActivityWhereInput | null> {
    if (!scope) return null;
    return scopeWhere(scope, await plansOf(scope));
  }

  const listed = (
    where: Prisma.ActivityWhereInput,
    orderBy: Prisma.ActivityOrderByWithRelationInput[],
    take?: number,
  ): Promise<ListedActivity[]> => db.activity.findMany({ where, select: LISTED_SELECT, orderBy, take });

  /** A dated activity starts on startDate; a deadline (no start) on its due day. */
  const startsWithin = (from: Date, to: Date | null): Prisma.ActivityWhereInput[] => [
    { startDate: { gte: from, ...(to ? { lte: to } : {}) } },
    { startDate: null, endDate: { gte: from, ...(to ? { lte: to } : {}) } },
  ];

  return {
    /**
     * Counts by (type, status, lead agency) and by country for the scope: two GROUP BY queries, no
     * rows. Hand-written so that each reads a covering index (Activity_summary_*_idx) in the order
     * it groups by: Prisma's groupBy let SQLite read the whole table and sort it.
     */
    async summaryCounts(scope: ActivityScope): Promise<{ groups: SummaryGroup[]; countries: CountryCount[] }> {
      const plans = await plansOf(scope);
      const groups = await db.$queryRaw<
        { type: ActivityType; status: ActivityStatus; leadAgencyId: number; n: bigint | number }[]
      >`
        SELECT a."type", a."status", a."leadAgencyId", COUNT(*) AS n FROM "Activity" AS a ${indexedBy(provider, 'Activity_summary_counts_idx')}
        WHERE ${scopeSql(scope, plans, 'a')} GROUP BY a."type", a."status", a."leadAgencyId"`;
      // SQLite: activities in id order (CROSS JOIN keeps them outer), each one's countries from the primary key.
      const countries = await db.$queryRaw<{ countryCode: string; n: bigint | number }[]>`
        SELECT c."countryCode", COUNT(*) AS n FROM "Activity" AS a ${indexedBy(provider, 'Activity_summary_scope_idx')}
        ${Prisma.raw(provider === 'sqlite' ? 'CROSS JOIN' : 'JOIN')} "ActivityCountry" AS c ON c."activityId" = a."id"
        WHERE ${scopeSql(scope, plans, 'a')} GROUP BY c."countryCode"`;
      return {
        groups: groups.map((g) => ({
          type: g.type,
          status: g.status,
          leadAgencyId: Number(g.leadAgencyId),
          count: Number(g.n),
        })),
        countries: countries.map((c) => ({ countryCode: c.countryCode, count: Number(c.n) })),
      };
    },

    /**
     * Counts by (type, timing) for the summary chart, to the month: the chart places an activity by
     * the month it starts (a deadline: is due), so each start (due) date is that month's first day.
     * A few hundred groups for a year, however many activities.
     */
    async chartTimings(scope: ActivityScope) {
      const plans = await plansOf(scope);
      // Grouped by exact dates first, in the index's order; then the few thousand groups by month.
      const rows = await db.$queryRaw<
        {
          type: ActivityType;
          timingPrecision: TimingPrecision;
          sm: string | null;
          em: string | null;
          n: bigint | number;
        }[]
      >`
        SELECT d."type", d."timingPrecision", ${monthOf(provider, 'd."startDate"')} AS sm,
          CASE WHEN d."startDate" IS NULL THEN ${monthOf(provider, 'd."endDate"')} END AS em, SUM(d.n) AS n
        FROM (SELECT a."type", a."timingPrecision", a."startDate", a."endDate", COUNT(*) AS n FROM "Activity" AS a ${indexedBy(provider, 'Activity_summary_chart_idx')}
          WHERE ${scopeSql(scope, plans, 'a')} GROUP BY a."type", a."timingPrecision", a."startDate", a."endDate") AS d
        GROUP BY d."type", d."timingPrecision", sm, em`;
      return rows.map((r) => ({
        type: r.type,
        timingPrecision: r.timingPrecision,
        startDate: firstOfMonth(r.sm),
        endDate: firstOfMonth(r.em),
        count: Number(r.n),
      }));
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
      return db.activity.count({
        where: and(await whereOf(scope), { status: { in: [...PENDING_STATUSES] }, OR: startsWithin(from, to) }),
      });
    },

    /**
     * Candidates for overdue (the domain decides): pending and ended before today, or done and
     * ended before `doneBefore`; the longest overdue first, at most `take`.
     */
    async overdueCandidates(
      scope: ActivityScope | null,
      today: Date,
      doneBefore: Date,
      take?: number,
    ): Promise<ListedActivity[]> {
      return listed(
        and(await whereOf(scope), overdueWhere(today, doneBefore)),
        [{ endDate: 'asc' }, { id: 'asc' }],
        take,
      );
    },
    async countOverdue(scope: ActivityScope | null, today: Date, doneBefore: Date): Promise<number> {
      return db.activity.count({ where: and(await whereOf(scope), overdueWhere(today, doneBefore)) });
    },

    /** Open follow-ups due before `before`, with what the list shows. */
    async openFollowUpsBefore(before: Date) {
      const rows = await db.followUp.findMany({
        where: { doneAt: null, dueDate: { lt: before } },
        select: {
          id: true,
          title: true,
          dueDate: true,
          doneAt: true,
          responsibleAgencyId: true,
          responsibleAgency: { select: { code: true, nameVi: true, nameEn: true } },
          activity: { select: { reference: true } },
        },
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

    /** Plan requests (by id, or of these years) with who answered, for the report's body. */
    async planRequestAnswers(filter: { planId?: number | null; years?: number[] }) {
      const where: Prisma.PlanWhereInput = { kind: 'REQUEST' };
      if (filter.planId) where.id = filter.planId;
      else if (filter.years?.length) where.year = { in: filter.years };
      else return [];
      const plans = await db.plan.findMany({
        where,
        select: {
          id: true,
          title: true,
          deadline: true,
          responses: { select: { status: true, agency: { select: { nameVi: true, nameEn: true, active: true } } } },
        },
        orderBy: [{ id: 'asc' }],
      });
      return plans;
    },

    agencyNames(ids: number[]) {
      return db.agency.findMany({
        where: { id: { in: ids } },
        select: { id: true, code: true, nameVi: true, nameEn: true },
      });
    },

    findPlan(id: number) {
      return db.plan.findUnique({ where: { id }, select: { id: true, title: true, year: true } });
    },
    listPlans(take = 20) {
      return db.plan.findMany({
        select: { id: true, title: true, year: true, status: true },
        orderBy: [{ id: 'desc' }],
        take,
      });
    },
  };
}
export type ReportsRepo = ReturnType<typeof createReportsRepo>;
export type ReportRow = Awaited<ReturnType<ReportsRepo['reportRows']>>[number];
