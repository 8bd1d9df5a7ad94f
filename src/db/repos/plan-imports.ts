import type { Db } from '../client.js';
import type { PlanImportStatus } from '../../domain/enums.js';

/** Plan documents read by the bot, waiting for (or past) their one submit. */
export function createPlanImportsRepo(db: Db) {
  return {
    create(input: {
      hash: string;
      fileName: string;
      planId: number | null;
      agencyId: number | null;
      userId: number;
      items: unknown;
      now: Date;
    }) {
      const { now, items, ...rest } = input;
      return db.planImport.create({ data: { ...rest, items: items as never, createdAt: now } });
    },
    findById(id: number) {
      return db.planImport.findUnique({ where: { id } });
    },
    /** The submitted import of the same document (same bytes), if any. */
    findSubmitted(hash: string) {
      return db.planImport.findFirst({ where: { hash, status: 'SUBMITTED' }, orderBy: { id: 'asc' } });
    },
    /** Saves the drafts only while the import is still in preview and unchanged since read (a double tap saves once). */
    async saveItems(id: number, items: unknown, expectedUpdatedAt: Date, patch: { planId?: number | null } = {}) {
      const res = await db.planImport.updateMany({
        where: { id, status: 'PREVIEW', updatedAt: expectedUpdatedAt },
        data: { items: items as never, ...patch },
      });
      return res.count === 1;
    },
    /** PREVIEW → SUBMITTED or CANCELLED, once. */
    async finish(id: number, to: Exclude<PlanImportStatus, 'PREVIEW'>) {
      const res = await db.planImport.updateMany({ where: { id, status: 'PREVIEW' }, data: { status: to } });
      return res.count === 1;
    },
    /** Older previews of this user are dropped when a new document arrives. */
    cancelPreviews(userId: number) {
      return db.planImport.updateMany({ where: { userId, status: 'PREVIEW' }, data: { status: 'CANCELLED' } });
    },
  };
}
