import type { Db } from '../client.js';
import { ACTIVITY_INCLUDE } from './activities.js';

/** A focal point's proposed changes to an approved activity, decided by a coordinator (docs/product.md#lifecycle). */
export function createChangeRequestsRepo(db: Db) {
  const include = { activity: { include: ACTIVITY_INCLUDE } } as const;
  return {
    /** Stores the request and notes it in the activity's history, in one transaction. */
    create(input: { activityId: number; requestedById: number; changes: Record<string, unknown>; now: Date }) {
      return db.$transaction(async (tx) => {
        const cr = await tx.changeRequest.create({
          data: {
            activityId: input.activityId,
            requestedById: input.requestedById,
            changes: input.changes as never,
            createdAt: input.now,
          },
        });
        await tx.activityHistory.create({
          data: {
            activityId: input.activityId,
            userId: input.requestedById,
            action: 'CHANGE_REQUEST',
            newValue: `#${cr.id}`,
            createdAt: input.now,
          },
        });
        return cr;
      });
    },
    findById(id: number) {
      return db.changeRequest.findUnique({ where: { id }, include });
    },
    listPending(opts: { skip?: number; take?: number } = {}) {
      return db.changeRequest.findMany({
        where: { status: 'PENDING' },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        skip: opts.skip,
        take: opts.take ?? 10,
        include,
      });
    },
    countPending() {
      return db.changeRequest.count({ where: { status: 'PENDING' } });
    },
    listForActivity(activityId: number) {
      return db.changeRequest.findMany({ where: { activityId }, orderBy: { id: 'asc' } });
    },
    /**
     * PENDING → APPROVED/REJECTED only once (compare-and-set), so a double tap or two coordinators
     * decide it once; records the decision in the activity's history. Null when already decided.
     */
    async decide(
      id: number,
      status: 'APPROVED' | 'REJECTED',
      by: { userId: number; now: Date; reason?: string | null },
    ) {
      return db.$transaction(async (tx) => {
        const res = await tx.changeRequest.updateMany({
          where: { id, status: 'PENDING' },
          data: { status, decidedById: by.userId, decidedAt: by.now, reason: by.reason ?? null },
        });
        if (res.count !== 1) return null;
        const cr = await tx.changeRequest.findUniqueOrThrow({ where: { id } });
        await tx.activityHistory.create({
          data: {
            activityId: cr.activityId,
            userId: by.userId,
            action: status === 'APPROVED' ? 'CHANGE_APPROVED' : 'CHANGE_REJECTED',
            newValue: `#${id}${by.reason ? `: ${by.reason}` : ''}`,
            createdAt: by.now,
          },
        });
        return cr;
      });
    },
    /** Puts a request back to PENDING (when applying an approved one failed). */
    async reopen(id: number) {
      const res = await db.changeRequest.updateMany({
        where: { id, status: 'APPROVED' },
        data: { status: 'PENDING', decidedById: null, decidedAt: null },
      });
      return res.count === 1;
    },
  };
}
export type ChangeRequestsRepo = ReturnType<typeof createChangeRequestsRepo>;
