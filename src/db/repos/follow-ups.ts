import type { Db } from '../client.js';

export interface FollowUpInput {
  title: string;
  dueDate: Date;
  activityId?: number | null;
  planId?: number | null;
  responsibleAgencyId?: number | null;
  createdById?: number | null;
  /** The app's clock (tests inject one); the database's now() otherwise. Reminders start from it. */
  createdAt?: Date;
}

export function createFollowUpsRepo(db: Db) {
  const include = { responsibleAgency: true, activity: true, plan: true } as const;
  return {
    create(input: FollowUpInput) {
      return db.followUp.create({ data: input, include });
    },
    findById(id: number) {
      return db.followUp.findUnique({ where: { id }, include });
    },
    listOpen(opts: { dueBefore?: Date; agencyId?: number; ids?: number[] } = {}) {
      return db.followUp.findMany({
        where: {
          doneAt: null,
          ...(opts.ids ? { id: { in: opts.ids } } : {}),
          ...(opts.dueBefore ? { dueDate: { lte: opts.dueBefore } } : {}),
          ...(opts.agencyId ? { responsibleAgencyId: opts.agencyId } : {}),
        },
        orderBy: { dueDate: 'asc' },
        include,
      });
    },
    /** The open follow-ups as the reminder rules read them (RuleFollowUp): a full pass reads them all. */
    listOpenForReminders(opts: { ids?: number[] } = {}) {
      return db.followUp.findMany({
        where: { doneAt: null, ...(opts.ids ? { id: { in: opts.ids } } : {}) },
        orderBy: { dueDate: 'asc' },
        select: {
          id: true,
          title: true,
          dueDate: true,
          doneAt: true,
          responsibleAgencyId: true,
          createdAt: true,
          activity: { select: { reference: true, title: true } },
          plan: { select: { title: true } },
        },
      });
    },
    async markDone(id: number, by: { userId: number | null; now: Date }): Promise<boolean> {
      const res = await db.followUp.updateMany({
        where: { id, doneAt: null },
        data: { doneAt: by.now, doneById: by.userId },
      });
      return res.count === 1;
    },
    async reopen(id: number): Promise<boolean> {
      const res = await db.followUp.updateMany({
        where: { id, doneAt: { not: null } },
        data: { doneAt: null, doneById: null },
      });
      return res.count === 1;
    },
  };
}
export type FollowUpsRepo = ReturnType<typeof createFollowUpsRepo>;
