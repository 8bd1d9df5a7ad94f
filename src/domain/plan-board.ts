/**
 * Boards of plans (docs/product.md#plan-requests-and-programme-plans), as pure functions of their rows and `now`:
 *
 * - a plan request's board: who answered (with how many activities), who sent a nil return, who
 *   has not answered yet, and who is late — silent past the deadline, recorded as "no plan"
 *   (the 2025 plan request: "Quá thời gian nêu trên, nếu không có văn bản đăng ký… không có kế hoạch");
 * - a programme plan's progress: its activities by status, done and overdue ones.
 */
import { DateTime } from 'luxon';
import { localDateOf } from './reminder-rules.js';

export type ResponseStatus = 'PENDING' | 'ANSWERED' | 'NIL' | 'NO_PLAN';

export interface BoardResponse {
  agencyId: number;
  code: string;
  name: string;
  /** Deactivated since the request opened: not expected to answer any more. */
  active: boolean;
  status: ResponseStatus;
  answeredAt: Date | null;
}

export interface BoardEntry {
  agencyId: number;
  code: string;
  name: string;
  /** Activities the agency registered under the plan (answered and not-yet agencies alike). */
  activities: number;
  answeredAt: Date | null;
}

export interface RequestBoard {
  answered: BoardEntry[];
  nil: BoardEntry[];
  pending: BoardEntry[];
  /** Silent past the deadline: NO_PLAN, or PENDING when the deadline job has not run yet. */
  late: BoardEntry[];
  /** Agencies expected to answer (inactive agencies without an answer are left out). */
  total: number;
  /** Activities registered under the plan by all agencies. */
  activities: number;
  deadlinePassed: boolean;
}

/** The end of the deadline has passed (deadlines are stored as an instant: the end of that local day). */
export function deadlinePassed(deadline: Date | null, now: DateTime): boolean {
  return deadline !== null && now.toMillis() > deadline.getTime();
}

/** A focal point may answer, nil-return or reopen while the request is open and its deadline has not passed. */
export function canAnswer(plan: { kind: string; status: string; deadline: Date | null }, now: DateTime): boolean {
  return plan.kind === 'REQUEST' && plan.status === 'OPEN' && !deadlinePassed(plan.deadline, now);
}

/** Whole days from today to the deadline's local date (0 on the day, negative once passed). */
export function daysLeft(deadline: Date, now: DateTime, zone: string): number {
  const today = DateTime.fromISO(now.setZone(zone).toISODate()!, { zone });
  const day = DateTime.fromISO(localDateOf(deadline, zone), { zone });
  return Math.round(day.diff(today, 'days').days);
}

const byCode = (a: BoardEntry, b: BoardEntry) => a.code.localeCompare(b.code);

/** Groups a request's responses; `activityCounts` maps agency id → activities registered under the plan. */
export function requestBoard(
  plan: { deadline: Date | null },
  responses: BoardResponse[],
  activityCounts: ReadonlyMap<number, number>,
  now: DateTime,
): RequestBoard {
  const passed = deadlinePassed(plan.deadline, now);
  const board: RequestBoard = {
    answered: [],
    nil: [],
    pending: [],
    late: [],
    total: 0,
    activities: 0,
    deadlinePassed: passed,
  };
  for (const r of responses) {
    const entry: BoardEntry = {
      agencyId: r.agencyId,
      code: r.code,
      name: r.name,
      activities: activityCounts.get(r.agencyId) ?? 0,
      answeredAt: r.answeredAt,
    };
    const silent = r.status === 'PENDING' || r.status === 'NO_PLAN';
    if (silent && !r.active) continue;
    board.total++;
    if (r.status === 'ANSWERED') board.answered.push(entry);
    else if (r.status === 'NIL') board.nil.push(entry);
    else if (r.status === 'NO_PLAN' || passed) board.late.push(entry);
    else board.pending.push(entry);
  }
  for (const n of activityCounts.values()) board.activities += n;
  for (const list of [board.answered, board.nil, board.pending, board.late]) list.sort(byCode);
  return board;
}

export interface ProgrammeActivity {
  id: number;
  reference: string;
  title: string;
  status: string;
  leadCode: string;
  timingPrecision: string;
  endDate: Date | null;
}

export interface ProgrammeProgress {
  total: number;
  byStatus: Record<string, number>;
  /** DONE or REPORTED. */
  done: number;
  cancelled: number;
  /** Percentage of the activities still counted (cancelled ones left out) that are done. */
  percent: number;
  /** Not done, not cancelled, and the last day of its timing is before today. */
  overdue: ProgrammeActivity[];
}

const FINISHED = new Set(['DONE', 'REPORTED']);

export function programmeProgress(activities: ProgrammeActivity[], now: DateTime, zone: string): ProgrammeProgress {
  const today = now.setZone(zone).toISODate()!;
  const byStatus: Record<string, number> = {};
  let done = 0;
  let cancelled = 0;
  const overdue: ProgrammeActivity[] = [];
  for (const a of activities) {
    byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    if (FINISHED.has(a.status)) done++;
    else if (a.status === 'CANCELLED') cancelled++;
    else if (a.endDate && a.timingPrecision !== 'TBD' && localDateOf(a.endDate, zone) < today) overdue.push(a);
  }
  const counted = activities.length - cancelled;
  return {
    total: activities.length,
    byStatus,
    done,
    cancelled,
    percent: counted ? Math.round((done / counted) * 100) : 0,
    overdue,
  };
}
