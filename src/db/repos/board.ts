import type { Db, Prisma } from '../client.js';
import { REPORT_SELECT } from './reports.js';

// Read-only queries behind the plan board (docs/product.md#plan-board). The scope (who sees what) is decided by the
// caller from the access policy and passed in as an agency id or "all".

export type BoardScope = { all: true } | { agencyId: number };

/** Registered activities (no drafts) the scope may see: led by the agency or coordinated with it. */
function scopeWhere(scope: BoardScope): Prisma.ActivityWhereInput {
  const registered: Prisma.ActivityWhereInput = { status: { not: 'DRAFT' } };
  if ('all' in scope) return registered;
  return {
    ...registered,
    OR: [{ leadAgencyId: scope.agencyId }, { coordinators: { some: { agencyId: scope.agencyId } } }],
  };
}

const ROW_SELECT = {
  id: true,
  reference: true,
  type: true,
  status: true,
  leadAgencyId: true,
  planId: true,
  timingPrecision: true,
  startDate: true,
  endDate: true,
  timingLabel: true,
  title: true,
  partnerName: true,
  place: true,
  costVnd: true,
} as const;

export function createBoardRepo(db: Db) {
  return {
    /**
     * The scope's activities with their coordinating agencies and countries: three flat queries
     * joined here (Prisma's nested relation loading takes about three times as long at 5,000 rows).
     */
    async rows(scope: BoardScope) {
      const where = scopeWhere(scope);
      const [activities, coordinators, countries] = await Promise.all([
        db.activity.findMany({ where, select: ROW_SELECT, orderBy: [{ startDate: 'asc' }, { id: 'asc' }] }),
        db.activityCoordinator.findMany({ where: { activity: where }, select: { activityId: true, agencyId: true } }),
        db.activityCountry.findMany({ where: { activity: where }, select: { activityId: true, countryCode: true } }),
      ]);
      const coord = new Map<number, number[]>();
      for (const c of coordinators) coord.set(c.activityId, [...(coord.get(c.activityId) ?? []), c.agencyId]);
      const country = new Map<number, string[]>();
      for (const c of countries) country.set(c.activityId, [...(country.get(c.activityId) ?? []), c.countryCode]);
      return activities.map((a) => ({
        ...a,
        coordinatorIds: coord.get(a.id) ?? [],
        countryCodes: country.get(a.id) ?? [],
      }));
    },
    /**
     * Changes whenever an activity is added, removed or changed (its links to agencies and countries
     * change with it, through the activity's update): the board's cache key.
     */
    async version(): Promise<string> {
      const v = await db.activity.aggregate({ _count: { _all: true }, _max: { updatedAt: true, id: true } });
      return `${v._count._all}:${v._max.id ?? 0}:${v._max.updatedAt?.getTime() ?? 0}`;
    },
    /** One activity by reference, only when the scope may see it (else null, as if it did not exist). */
    card(scope: BoardScope, reference: string) {
      return db.activity.findFirst({
        where: { AND: [scopeWhere(scope), { reference }] },
        include: {
          leadAgency: true,
          coordinators: { include: { agency: true } },
          countries: true,
          fundings: true,
          plan: true,
          followUps: { include: { responsibleAgency: true }, orderBy: [{ dueDate: 'asc' }, { id: 'asc' }] },
        },
      });
    },
    /** The consolidated report's rows for the activities the board's filter kept (ids already scoped). */
    reportRows(ids: number[]) {
      return db.activity.findMany({
        where: { id: { in: ids } },
        select: REPORT_SELECT,
        orderBy: [{ startDate: 'asc' }, { endDate: 'asc' }, { id: 'asc' }],
      });
    },
    agencies(ids: number[]) {
      return db.agency.findMany({
        where: { id: { in: ids } },
        select: { id: true, code: true, nameVi: true, nameEn: true },
        orderBy: { code: 'asc' },
      });
    },
    /** Plans by id (null: all of them). */
    plans(ids: number[] | null) {
      return db.plan.findMany({
        where: ids ? { id: { in: ids } } : {},
        select: { id: true, title: true, year: true },
        orderBy: [{ id: 'desc' }],
      });
    },
  };
}
export type BoardRepo = ReturnType<typeof createBoardRepo>;
