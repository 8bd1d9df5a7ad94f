import type { Db } from '../client.js';
import { dateValue, directOf } from '../direct-sql.js';

/**
 * What the reminder planner depends on, as cheap questions (jobs/plan-reminders.ts): a fingerprint
 * of the reference tables whose change calls for a full pass, row counts that reveal deletions,
 * and the activities, follow-ups and plans written since a moment (Prisma's `@updatedAt`, indexed).
 * Asked every minute: on the driver (src/db/direct-sql.ts), not through Prisma, whose per-query CPU
 * was most of an idle tick on PostgreSQL.
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

const WRITTEN_SINCE = (table: TrackedTable, subject: string) =>
  `SELECT "id", ${subject} AS "subject", "updatedAt" FROM "${table}" WHERE "updatedAt" > ?`;

export function createChangesRepo(db: Db) {
  const direct = directOf(db);
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
      const [row] = await direct.all(`SELECT ${parts.join(', ')}`, []);
      const r = row ?? {};
      const at = (v: unknown) => (v === null || v === undefined ? '' : dateValue(v).toISOString());
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
      const rows = (table: TrackedTable, subject = '"id"') =>
        direct
          .all<{ id: unknown; subject: unknown; updatedAt: unknown }>(WRITTEN_SINCE(table, subject), [since])
          .then((xs) =>
            xs.map((x): ChangedRow => ({ id: num(x.id), subject: num(x.subject), updatedAt: dateValue(x.updatedAt) })),
          );
      const [activities, followUps, plans, responses] = await Promise.all([
        rows('Activity'),
        rows('FollowUp'),
        rows('Plan'),
        rows('PlanResponse', '"planId"'),
      ]);
      return {
        Activity: activities,
        FollowUp: followUps,
        Plan: plans,
        PlanResponse: responses,
      } satisfies Record<TrackedTable, ChangedRow[]>;
    },
  };
}
export type ChangesRepo = ReturnType<typeof createChangesRepo>;
