import type { Db } from '../client.js';
import type { PlanKind, PlanResponseStatus, PlanStatus } from '../../domain/enums.js';

export interface PlanInput {
  kind: PlanKind;
  title: string;
  year?: number | null;
  description?: string | null;
  forms?: string[] | null;
  deadline?: Date | null;
  createdById?: number | null;
  /** The app's clock (tests inject one); the database's now() otherwise. Reminders start from it. */
  createdAt?: Date;
}

export function createPlansRepo(db: Db) {
  return {
    /** A plan request starts with a PENDING response for every active agency (docs/product.md#plan-requests-and-programme-plans: every agency must answer). */
    create(input: PlanInput) {
      const { forms, ...rest } = input;
      return db.$transaction(async (tx) => {
        const plan = await tx.plan.create({ data: { ...rest, forms: (forms ?? undefined) as never } });
        if (input.kind === 'REQUEST') {
          const agencies = await tx.agency.findMany({ where: { active: true }, select: { id: true } });
          await tx.planResponse.createMany({ data: agencies.map((a) => ({ planId: plan.id, agencyId: a.id })) });
        }
        return plan;
      });
    },
    findById(id: number) {
      return db.plan.findUnique({ where: { id } });
    },
    /** Plans newest first (the coordinators' /plans list: open ones and the recently closed). */
    list(opts: { kind?: PlanKind; status?: PlanStatus; take?: number } = {}) {
      return db.plan.findMany({
        where: { ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.status ? { status: opts.status } : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: opts.take ?? 20,
      });
    },
    listOpen(kind?: PlanKind) {
      return db.plan.findMany({
        where: { status: 'OPEN', ...(kind ? { kind } : {}) },
        orderBy: [{ deadline: 'asc' }, { id: 'asc' }],
      });
    },
    /** Open requests whose deadline has passed: their silent agencies become NO_PLAN. */
    listOverdueRequests(now: Date) {
      return db.plan.findMany({ where: { kind: 'REQUEST', status: 'OPEN', deadline: { lt: now } } });
    },
    responses(planId: number) {
      return db.planResponse.findMany({
        where: { planId },
        include: { agency: true },
        orderBy: { agency: { code: 'asc' } },
      });
    },
    response(planId: number, agencyId: number) {
      return db.planResponse.findUnique({ where: { planId_agencyId: { planId, agencyId } } });
    },
    setResponse(
      planId: number,
      agencyId: number,
      status: PlanResponseStatus,
      by: { userId: number | null; now: Date; note?: string | null },
    ) {
      const data = {
        status,
        answeredAt: status === 'PENDING' ? null : by.now,
        answeredById: by.userId,
        note: by.note ?? null,
      };
      return db.planResponse.upsert({
        where: { planId_agencyId: { planId, agencyId } },
        create: { planId, agencyId, ...data },
        update: data,
      });
    },
    /** Moves a response only if it is still one of `from` (a double tap, or the deadline job at the same moment, changes it once). */
    async moveResponse(
      planId: number,
      agencyId: number,
      from: PlanResponseStatus[],
      to: PlanResponseStatus,
      by: { userId: number | null; now: Date },
    ): Promise<boolean> {
      const data = {
        status: to,
        answeredAt: to === 'PENDING' ? null : by.now,
        answeredById: to === 'PENDING' ? null : by.userId,
      };
      const res = await db.planResponse.updateMany({ where: { planId, agencyId, status: { in: from } }, data });
      return res.count === 1;
    },
    /** Seed 001: silence past the deadline is recorded as "no plan". Returns how many were recorded. */
    async recordNoPlan(planId: number, now: Date): Promise<number> {
      const res = await db.planResponse.updateMany({
        where: { planId, status: 'PENDING' },
        data: { status: 'NO_PLAN', answeredAt: now },
      });
      return res.count;
    },
    extendDeadline(planId: number, deadline: Date) {
      return db.$transaction([
        db.plan.update({ where: { id: planId }, data: { deadline } }),
        db.planResponse.updateMany({
          where: { planId, status: 'NO_PLAN' },
          data: { status: 'PENDING', answeredAt: null },
        }),
      ]);
    },
    close(planId: number, now: Date) {
      return db.plan.update({ where: { id: planId }, data: { status: 'CLOSED', closedAt: now } });
    },
  };
}
export type PlansRepo = ReturnType<typeof createPlansRepo>;
