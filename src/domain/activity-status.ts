/**
 * Activity status lifecycle (docs/product.md#lifecycle), as pure rules. The words matter: the Department receives and
 * appraises; the competent authority decides.
 *
 *   DRAFT → SUBMITTED → AGREED (Sở thống nhất, trình cấp có thẩm quyền) | RETURNED (reason)
 *         → AUTHORIZED (decision recorded) | REFUSED → IN_PROGRESS → DONE → REPORTED
 *   side exits: POSTPONED (new timing; re-enters SUBMITTED) and CANCELLED (reason).
 *
 * Types that need no separate decision (letters, media, awards proposed internally) go from AGREED
 * straight on. Only coordinators (and admins) agree, return and record decisions. A focal point edits
 * its own agency's activity until it is agreed; after that only through a change request a
 * coordinator accepts. Heads read. `SYSTEM` is the scheduler.
 *
 * Agency ownership (a focal point acts only on its own agency's activities) is checked by callers:
 * these rules speak about roles, statuses and types only.
 */
import type { ActivityStatus, ActivityType, Role } from './enums.js';
import { PENDING_STATUSES } from './enums.js';

export type StatusActor = Role | 'SYSTEM';

/** Every action a user can take on an activity, in the order buttons are shown. */
export const ACTIVITY_ACTIONS = [
  'edit',
  'submit',
  'resubmit',
  'agree',
  'return',
  'authorize',
  'refuse',
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
  /** The action needs a reason from the user (return, cancel, postpone). */
  needsReason?: boolean;
}

/** Types the Department's agreement suffices for: no separate decision of a competent authority. */
export const NO_DECISION_TYPES: readonly ActivityType[] = ['LETTER', 'MEDIA', 'AWARD'];

export function needsDecision(type: ActivityType): boolean {
  return !NO_DECISION_TYPES.includes(type);
}

const BEFORE_AGREEMENT: readonly ActivityStatus[] = ['DRAFT', 'SUBMITTED', 'RETURNED', 'POSTPONED'];
const UNDER_WAY: readonly ActivityStatus[] = ['AGREED', 'AUTHORIZED', 'IN_PROGRESS'];
/** Actions that take an activity forward: from AGREED only when its type needs no decision. */
const FORWARD: readonly ActivityAction[] = ['start', 'markDone', 'report'];

export const ACTION_RULES: Readonly<Record<ActivityAction, ActionRule>> = {
  edit: { from: BEFORE_AGREEMENT, to: null, who: FOCAL_AND_COORD },
  submit: { from: ['DRAFT'], to: 'SUBMITTED', who: FOCAL_AND_COORD },
  resubmit: { from: ['RETURNED', 'POSTPONED'], to: 'SUBMITTED', who: FOCAL_AND_COORD },
  agree: { from: ['SUBMITTED'], to: 'AGREED', who: COORD },
  return: { from: ['SUBMITTED'], to: 'RETURNED', who: COORD, needsReason: true },
  authorize: { from: ['AGREED'], to: 'AUTHORIZED', who: COORD },
  refuse: { from: ['AGREED'], to: 'REFUSED', who: COORD },
  start: { from: ['AGREED', 'AUTHORIZED'], to: 'IN_PROGRESS', who: [...FOCAL_AND_COORD, 'SYSTEM'] },
  markDone: { from: UNDER_WAY, to: 'DONE', who: FOCAL_AND_COORD },
  // Reporting the results also closes an activity nobody marked done.
  report: { from: [...UNDER_WAY, 'DONE'], to: 'REPORTED', who: FOCAL_AND_COORD },
  postpone: { from: ['SUBMITTED', ...UNDER_WAY], to: 'POSTPONED', who: FOCAL_AND_COORD, needsReason: true },
  cancel: {
    from: ['DRAFT', 'SUBMITTED', 'RETURNED', ...UNDER_WAY, 'POSTPONED'],
    to: 'CANCELLED',
    who: FOCAL_AND_COORD,
    needsReason: true,
  },
  // After agreement a focal point's edits go through a change request (accepted by a coordinator);
  // coordinators edit agreed activities directly.
  requestChange: { from: UNDER_WAY, to: null, who: ['FOCAL'] },
};

/** Coordinators may also edit what is agreed or under way (a focal point asks for a change instead). */
const COORD_EDITABLE: readonly ActivityStatus[] = [...BEFORE_AGREEMENT, ...UNDER_WAY];

/**
 * Whether `actor` may take `action` on an activity in `status`. Without its `type`, an AGREED
 * activity is taken as one awaiting the competent authority's decision.
 */
export function canPerform(
  action: ActivityAction,
  status: ActivityStatus,
  actor: StatusActor | null | undefined,
  type?: ActivityType,
): boolean {
  if (!actor) return false;
  const rule = ACTION_RULES[action];
  if (!rule.who.includes(actor)) return false;
  if (action === 'edit' && (actor === 'COORDINATOR' || actor === 'ADMIN')) return COORD_EDITABLE.includes(status);
  if (status === 'AGREED' && FORWARD.includes(action) && (!type || needsDecision(type))) return false;
  return rule.from.includes(status);
}

/** The actions `actor` may take on an activity in `status`, in display order. */
export function allowedActions(
  status: ActivityStatus,
  actor: StatusActor | null | undefined,
  type?: ActivityType,
): ActivityAction[] {
  return ACTIVITY_ACTIONS.filter((a) => canPerform(a, status, actor, type));
}

/** Whether `actor` may move an activity from `from` to `to` (by any action). */
export function canTransition(
  from: ActivityStatus,
  to: ActivityStatus,
  actor: StatusActor | null | undefined,
  type?: ActivityType,
): boolean {
  return ACTIVITY_ACTIONS.some((a) => ACTION_RULES[a].to === to && canPerform(a, from, actor, type));
}

/** The status an action leads to (null: fields change, status stays). */
export function targetStatus(action: ActivityAction): ActivityStatus | null {
  return ACTION_RULES[action].to;
}

/** Statuses an action applies to: the `from` list for a compare-and-set transition. */
export function sourceStatuses(action: ActivityAction, type?: ActivityType): ActivityStatus[] {
  const from = [...ACTION_RULES[action].from];
  return FORWARD.includes(action) && (!type || needsDecision(type)) ? from.filter((s) => s !== 'AGREED') : from;
}

export function needsReason(action: ActivityAction): boolean {
  return ACTION_RULES[action].needsReason === true;
}

/** No further transition: the record is closed. */
export function isFinal(status: ActivityStatus): boolean {
  return status === 'REPORTED' || status === 'CANCELLED' || status === 'REFUSED';
}

/** Statuses in which an activity is still expected to happen (reminders, upcoming lists): one list with the summaries'. */
export const LIVE_STATUSES: readonly ActivityStatus[] = PENDING_STATUSES;

/** Statuses in which the lead agency still owes a post-activity report. */
export const AWAITING_REPORT_STATUSES: readonly ActivityStatus[] = ['AGREED', 'AUTHORIZED', 'IN_PROGRESS', 'DONE'];

/** Not part of the plan: returned for correction, refused by the authority, cancelled. */
export const APART_STATUSES: readonly ActivityStatus[] = ['RETURNED', 'REFUSED', 'CANCELLED'];

/**
 * docs/product.md#lifecycle (plausibility): an activity cannot be done or reported before its first day. The first
 * day (`YYYY-MM-DD`) when it is still after `today`, else null (also for an undated one).
 */
export function notStartedBy(a: { startDate: Date | null }, today: string): string | null {
  const start = a.startDate ? a.startDate.toISOString().slice(0, 10) : null;
  return start && start > today ? start : null;
}

/** Actions that say the activity has taken place. */
export const TAKEN_PLACE_ACTIONS: readonly ActivityAction[] = ['markDone', 'report'];
