/**
 * Planning that scales with change. Every REMINDER_CRON tick calls `run`; it plans everything only
 * when it must, and otherwise only the records written since the last pass:
 *
 * - a full pass (jobs/plan-reminders.ts) at the first run, when the day or the send time is crossed
 *   (`planningEpoch`: what time alone makes due or ends, and the daily safety net), when settings,
 *   holidays, anniversaries, people, groups or agencies changed, or when a record was removed;
 * - otherwise the activities, follow-ups and plans (or their responses) written since the last pass
 *   (`updatedAt`, with a margin for writes committed late), each planned once per version;
 * - nothing at all when nothing was written: one statement.
 *
 * The state is this process's: another instance plans on its own, and the outbox's unique dedupe
 * key keeps them from sending twice. test/db/reminder-planner.test.ts checks that a full pass after
 * each incremental one finds nothing to change, over random histories.
 */
import type { DateTime } from 'luxon';
import { planningEpoch } from '../domain/reminder-rules.js';
import { TRACKED_TABLES, type ChangeSnapshot, type ChangedRow, type TrackedTable } from '../db/repos/changes.js';
import type { JobDeps } from './context.js';
import { fullPass, planChanged, type PlanResult } from './plan-reminders.js';

/**
 * Writes are looked for this far before the last pass, in case one committed after it began: a
 * row is stamped (`@updatedAt`, the writer's clock) when its statement is built, and Prisma ends a
 * transaction after 5 s (plus 2 s waiting to start); the rest is room for clocks that disagree.
 * Every record written within it is read at each tick (id and stamp only) and skipped if planned.
 */
export const LATE_WRITE_MARGIN_MS = 30_000;

/** How far another writer's clock may run ahead of ours (a test with a compressed timeline sets 0). */
const CLOCK_SLACK_MS = 5_000;

/** More records written than this since the last pass: a full pass instead. */
export const MAX_CHANGED = 2000;

export type PlanMode = 'full' | 'changes' | 'idle';

interface State {
  epoch: string;
  sendTime: string;
  snapshot: ChangeSnapshot;
  /** Wall-clock start of the last pass (writes are stamped by the writers' clocks). */
  since: number;
  /** Rows already planned, for as long as they are within the margin. */
  seen: PlannedRows;
}

/**
 * `table:id` → updatedAt already planned. Kept whole while its oldest entry is within the margin: a
 * tick after a bulk import (100,000 rows seen at once) then costs nothing for it, instead of
 * copying the map every minute.
 */
class PlannedRows {
  private readonly rows = new Map<string, number>();
  private oldest = Infinity;
  /** True when `row` was planned as it is now (the same updatedAt). */
  planned(table: TrackedTable, row: ChangedRow): boolean {
    return this.rows.get(`${table}:${row.id}`) === row.updatedAt.getTime();
  }
  /**
   * Marks as planned the rows written at or before `upTo`. A row stamped later (just now, or by a
   * clock ahead of ours) may hold times still ahead of now: it is planned again at the next tick.
   */
  addAll(rows: Record<TrackedTable, ChangedRow[]>, upTo: number) {
    for (const t of TRACKED_TABLES)
      for (const r of rows[t]) {
        const at = r.updatedAt.getTime();
        if (at > upTo) continue;
        this.rows.set(`${t}:${r.id}`, at);
        if (at < this.oldest) this.oldest = at;
      }
  }
  /** Forgets the rows written at or before `cutoff`. */
  forgetUntil(cutoff: number) {
    if (this.oldest > cutoff) return;
    this.oldest = Infinity;
    for (const [key, at] of this.rows) {
      if (at <= cutoff) this.rows.delete(key);
      else if (at < this.oldest) this.oldest = at;
    }
  }
}

const EMPTY: PlanResult = {
  expected: 0,
  inserted: 0,
  revived: 0,
  cancelled: 0,
  toInsert: [],
  toRevive: [],
  toCancel: [],
};

export function createReminderPlanner(deps: JobDeps, opts: { clock?: () => number; clockSlackMs?: number } = {}) {
  const clock = opts.clock ?? Date.now;
  const slack = opts.clockSlackMs ?? CLOCK_SLACK_MS;
  let state: State | null = null;
  const zone = deps.config.timezone;

  const removed = (s: State, snap: ChangeSnapshot) =>
    TRACKED_TABLES.some((t) => snap.counts[t] !== s.snapshot.counts[t] + snap.added[t]);

  return {
    /** One pass; `full` forces a full one (start-up, the CLI). */
    async run(now: DateTime, opts: { full?: boolean } = {}): Promise<PlanResult & { mode: PlanMode }> {
      const started = clock();
      const prev = state;
      const snapshot = await deps.repos.changes.snapshot(prev?.snapshot.maxIds);
      const full = async () => {
        state = null; // a failed full pass leaves no state: the next run is full again
        // Read before the records: what the full pass then reads is at least these versions, so
        // they count as planned (a bulk import is not planned again row by row at the next tick).
        const recent = await deps.repos.changes.writtenSince(new Date(started - LATE_WRITE_MARGIN_MS));
        const { result, sendTime } = await fullPass(deps, now, {});
        const seen = new PlannedRows();
        seen.addAll(recent, started - slack);
        state = { epoch: planningEpoch(now, zone, sendTime), sendTime, snapshot, since: started, seen };
        return { ...result, mode: 'full' as const };
      };
      if (
        !prev ||
        opts.full ||
        prev.epoch !== planningEpoch(now, zone, prev.sendTime) ||
        prev.snapshot.reference !== snapshot.reference ||
        removed(prev, snapshot)
      ) {
        return full();
      }

      const written = await deps.repos.changes.writtenSince(new Date(prev.since - LATE_WRITE_MARGIN_MS));
      const fresh = (t: TrackedTable) => written[t].filter((r) => !prev.seen.planned(t, r));
      const subjects = (rows: ChangedRow[]) => [...new Set(rows.map((r) => r.subject))];
      const rows = Object.fromEntries(TRACKED_TABLES.map((t) => [t, fresh(t)])) as Record<TrackedTable, ChangedRow[]>;
      const scope = {
        activityIds: subjects(rows.Activity),
        followUpIds: subjects(rows.FollowUp),
        planIds: subjects([...rows.Plan, ...rows.PlanResponse]),
      };
      const count = scope.activityIds.length + scope.followUpIds.length + scope.planIds.length;
      // Past this many records, reading everything once costs less than looking them up by id.
      if (count > MAX_CHANGED) return full();
      const result = count > 0 ? await planChanged(deps, now, scope) : EMPTY;

      // Remember what was planned while it can still come back within the margin.
      const seen = prev.seen;
      seen.forgetUntil(started - LATE_WRITE_MARGIN_MS - 60_000);
      seen.addAll(rows, started - slack);
      state = { ...prev, snapshot, since: started, seen };
      return { ...result, mode: count > 0 ? 'changes' : 'idle' };
    },
    /** Forget everything: the next run is a full pass. */
    reset() {
      state = null;
    },
  };
}
export type ReminderPlanner = ReturnType<typeof createReminderPlanner>;
