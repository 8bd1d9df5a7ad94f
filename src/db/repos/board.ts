import type { Db, Prisma } from '../client.js';
import { REPORT_SELECT } from './reports.js';

// Read-only queries behind the plan board (SPEC §9). The scope (who sees what) is decided by the
// caller from the access policy and passed in as an agency id or "all".

export type BoardScope = { all: true } | { agencyId: number };

/** Registered activities (no drafts) the scope may see: led by the agency or coordinated with it. */
function scopeWhere(scope: BoardScope): Prisma.ActivityWhereInput {
  const registered: Prisma.ActivityWhereInput = { status: { not: 'DRAFT' } };
  if ('all' in scope) return registered;
  return { ...registered, OR: [{ leadAgencyId: scope.agencyId }, { coordinators: { some: { agencyId: scope.agencyId } } }] };
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
  coordinators: { select: { agencyId: true } },
  countries: { select: { countryCode: true } },
} as const;

export function createBoardRepo(db: Db) {
  return {
    rows(scope: BoardScope) {
      return db.activity.findMany({ where: scopeWhere(scope), select: ROW_SELECT, orderBy: [{ startDate: 'asc' }, { id: 'asc' }] });
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
      return db.activity.findMany({ where: { id: { in: ids } }, select: REPORT_SELECT, orderBy: [{ startDate: 'asc' }, { endDate: 'asc' }, { id: 'asc' }] });
    },
    agencies(ids: number[]) {
      return db.agency.findMany({ where: { id: { in: ids } }, select: { id: true, code: true, nameVi: true, nameEn: true }, orderBy: { code: 'asc' } });
    },
    plans(ids: number[]) {
      return db.plan.findMany({ where: { id: { in: ids } }, select: { id: true, title: true, year: true }, orderBy: [{ id: 'desc' }] });
    },
  };
}
export type BoardRepo = ReturnType<typeof createBoardRepo>;
