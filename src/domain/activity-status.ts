/**
 * Activity status lifecycle (docs/product.md#lifecycle), as pure rules:
 *
 *   DRAFT → SUBMITTED → APPROVED | REJECTED (reason) → IN_PROGRESS → DONE → REPORTED
 *   side exits: POSTPONED (new timing; re-enters SUBMITTED) and CANCELLED (reason).
 *
 * Only coordinators (and admins) approve or reject. A focal point edits its own agency's activity
 * until it is approved; after that only through a change request a coordinator approves. Heads read.
 * `SYSTEM` is the scheduler (e.g. APPROVED → IN_PROGRESS when the activity starts).
 *
 * Agency ownership (a focal point acts only on its own agency's activities) is checked by callers:
 * these rules speak about roles and statuses only.
 */
import type { ActivityStatus, Role } from './enums.js';

export type StatusActor = Role | 'SYSTEM';

/** Every action a user can take on an activity, in the order buttons are shown. */
export const ACTIVITY_ACTIONS = [
  'edit',
  'submit',
  'resubmit',
  'approve',
  'reject',
  'start',
  'markDone',
  'report',
  'postpone',
  'cancel',
  'requestChange',
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

const FOCAL_AND_COORD: readonly StatusActor[] = ['FOCAL', 'COORDINATOR', 'ADMIN'];
const COORD: readonly StatusActor[] = ['COORDINATOR', 'ADMIN'];

interface ActionRule {
  /** Statuses the action applies to. */
  from: readonly ActivityStatus[];
  /** The status it leads to; null when it changes fields, not the status. */
  to: ActivityStatus | null;
  who: readonly StatusActor[];
  /** The action needs a reason from the user (reject, cancel, postpone). */
  needsReason?: boolean;
}

const BEFORE_APPROVAL: readonly ActivityStatus[] = ['DRAFT', 'SUBMITTED', 'REJECTED', 'POSTPONED'];
const UNDER_WAY: readonly ActivityStatus[] = ['APPROVED', 'IN_PROGRESS'];

export const ACTION_RULES: Readonly<Record<ActivityAction, ActionRule>> = {
  edit: { from: BEFORE_APPROVAL, to: null, who: FOCAL_AND_COORD },
  submit: { from: ['DRAFT'], to: 'SUBMITTED', who: FOCAL_AND_COORD },
  resubmit: { from: ['REJECTED', 'POSTPONED'], to: 'SUBMITTED', who: FOCAL_AND_COORD },
  approve: { from: ['SUBMITTED'], to: 'APPROVED', who: COORD },
  reject: { from: ['SUBMITTED'], to: 'REJECTED', who: COORD, needsReason: true },
  start: { from: ['APPROVED'], to: 'IN_PROGRESS', who: [...FOCAL_AND_COORD, 'SYSTEM'] },
  markDone: { from: UNDER_WAY, to: 'DONE', who: FOCAL_AND_COORD },
  // Reporting the results also closes an activity nobody marked done.
  report: { from: [...UNDER_WAY, 'DONE'], to: 'REPORTED', who: FOCAL_AND_COORD },
  postpone: { from: ['SUBMITTED', ...UNDER_WAY], to: 'POSTPONED', who: FOCAL_AND_COORD, needsReason: true },
  cancel: { from: ['DRAFT', 'SUBMITTED', 'REJECTED', ...UNDER_WAY, 'POSTPONED'], to: 'CANCELLED', who: FOCAL_AND_COORD, needsReason: true },
  // After approval a focal point's edits go through a change request (approved by a coordinator);
  // coordinators edit approved activities directly.
  requestChange: { from: UNDER_WAY, to: null, who: ['FOCAL'] },
};

/** Coordinators may also edit what is approved or under way (a focal point asks for a change instead). */
const COORD_EDITABLE: readonly ActivityStatus[] = [...BEFORE_APPROVAL, ...UNDER_WAY];

/** Whether `actor` may take `action` on an activity in `status`. */
export function canPerform(action: ActivityAction, status: ActivityStatus, actor: StatusActor | null | undefined): boolean {
  if (!actor) return false;
  const rule = ACTION_RULES[action];
  if (!rule.who.includes(actor)) return false;
  if (action === 'edit' && (actor === 'COORDINATOR' || actor === 'ADMIN')) return COORD_EDITABLE.includes(status);
  return rule.from.includes(status);
}

/** The actions `actor` may take on an activity in `status`, in display order. */
export function allowedActions(status: ActivityStatus, actor: StatusActor | null | undefined): ActivityAction[] {
  return ACTIVITY_ACTIONS.filter((a) => canPerform(a, status, actor));
}

/** Whether `actor` may move an activity from `from` to `to` (by any action). */
export function canTransition(from: ActivityStatus, to: ActivityStatus, actor: StatusActor | null | undefined): boolean {
  return ACTIVITY_ACTIONS.some((a) => ACTION_RULES[a].to === to && canPerform(a, from, actor));
}

/** The status an action leads to (null: fields change, status stays). */
export function targetStatus(action: ActivityAction): ActivityStatus | null {
  return ACTION_RULES[action].to;
}

/** Statuses an action applies to: the `from` list for a compare-and-set transition. */
export function sourceStatuses(action: ActivityAction): ActivityStatus[] {
  return [...ACTION_RULES[action].from];
}

export function needsReason(action: ActivityAction): boolean {
  return ACTION_RULES[action].needsReason === true;
}

/** No further transition: the record is closed. */
export function isFinal(status: ActivityStatus): boolean {
  return status === 'REPORTED' || status === 'CANCELLED';
}

/** Statuses in which an activity is still expected to happen (reminders, upcoming lists). */
export const LIVE_STATUSES: readonly ActivityStatus[] = ['SUBMITTED', 'APPROVED', 'IN_PROGRESS'];

/** Statuses in which the lead agency still owes a post-activity report. */
export const AWAITING_REPORT_STATUSES: readonly ActivityStatus[] = ['APPROVED', 'IN_PROGRESS', 'DONE'];
