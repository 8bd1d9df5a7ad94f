import type { Db } from '../client.js';

/**
 * What the reminder planner depends on, as cheap questions (jobs/plan-reminders.ts): a fingerprint
 * of the reference tables whose change calls for a full pass, row counts that reveal deletions,
 * and the activities, follow-ups and plans written since a moment (Prisma's `@updatedAt`, indexed).
 */

/** Any change here (a row written or removed) changes many reminders at once: the planner plans everything again. */
const REFERENCE_TABLES = ['Setting', 'Holiday', 'Anniversary', 'User', 'ChatGroup', 'Agency'] as const;
/** Rows here are planned one by one; a count lower than expected means a row was removed. */
export const TRACKED_TABLES = ['Activity', 'FollowUp', 'Plan', 'PlanResponse'] as const;
export type TrackedTable = (typeof TRACKED_TABLES)[number];

export interface ChangeSnapshot {
  /** Compared as a whole between passes: counts and latest writes of the reference tables. */
  reference: string;
  counts: Record<TrackedTable, number>;
  maxIds: Record<TrackedTable, number>;
  /** Rows past the given ids (zeros when none were given). */
  added: Record<TrackedTable, number>;
}

export interface ChangedRow {
  id: number;
  /** The activity, follow-up or plan to plan again (a plan response: its plan). */
  subject: number;
  updatedAt: Date;
}

const num = (v: unknown) => Number(v ?? 0);

export function createChangesRepo(db: Db) {
  return {
    /**
     * One statement: the fingerprint, the counts and highest ids of the planned tables, and how many
     * rows lie past `after` (the highest ids of the last pass): with the last counts, what the
     * counts should be if nothing was removed.
     */
    async snapshot(after?: Record<TrackedTable, number>): Promise<ChangeSnapshot> {
      const parts = [
        ...REFERENCE_TABLES.map(
          (t) => `(SELECT COUNT(*) FROM "${t}") AS "${t}_n", (SELECT MAX("updatedAt") FROM "${t}") AS "${t}_at"`,
        ),
        ...TRACKED_TABLES.map(
          (t) => `(SELECT COUNT(*) FROM "${t}") AS "${t}_n", (SELECT MAX("id") FROM "${t}") AS "${t}_max"`,
        ),
        ...(after
          ? TRACKED_TABLES.map(
              (t) => `(SELECT COUNT(*) FROM "${t}" WHERE "id" > ${Math.floor(after[t])}) AS "${t}_added"`,
            )
          : []),
      ];
      const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${parts.join(', ')}`);
      const r = row ?? {};
      const at = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ''));
      const per = (suffix: string) =>
        Object.fromEntries(TRACKED_TABLES.map((t) => [t, num(r[`${t}_${suffix}`])])) as Record<TrackedTable, number>;
      return {
        reference: REFERENCE_TABLES.map((t) => `${t}:${num(r[`${t}_n`])}:${at(r[`${t}_at`])}`).join('|'),
        counts: per('n'),
        maxIds: per('max'),
        added: per('added'),
      };
    },

    /** Activities, follow-ups, plans and plan responses written after `since`. */
    async writtenSince(since: Date) {
      const where = { updatedAt: { gt: since } };
      const select = { id: true, updatedAt: true } as const;
      const [activities, followUps, plans, responses] = await Promise.all([
        db.activity.findMany({ where, select }),
        db.followUp.findMany({ where, select }),
        db.plan.findMany({ where, select }),
        db.planResponse.findMany({ where, select: { ...select, planId: true } }),
      ]);
      const rows = (xs: { id: number; updatedAt: Date }[]): ChangedRow[] =>
        xs.map((x) => ({ id: x.id, subject: x.id, updatedAt: x.updatedAt }));
      return {
        Activity: rows(activities),
        FollowUp: rows(followUps),
        Plan: rows(plans),
        PlanResponse: responses.map((x) => ({ id: x.id, subject: x.planId, updatedAt: x.updatedAt })),
      } satisfies Record<TrackedTable, ChangedRow[]>;
    },
  };
}
export type ChangesRepo = ReturnType<typeof createChangesRepo>;
