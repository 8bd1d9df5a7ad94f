import type { ActivityInput } from '../db/repos/activities.js';
import type { Repos } from '../db/repos/index.js';
import type { Logger } from '../logger.js';
import type { Role } from '../domain/enums.js';
import { canDecide, editRight, type EditRight } from '../domain/access.js';

// Edits of an activity, in one place: a coordinator (or the lead agency's focal point before
// approval) changes it directly; after approval a focal point's edit becomes a change request
// that a coordinator approves (applied through activities.update, which records history) or rejects.

export const CHANGEABLE_FIELDS = [
  'title',
  'leadAgencyId',
  'coordinatingAgencyIds',
  'countryCodes',
  'partnerName',
  'place',
  'timingText',
  'timingPrecision',
  'startDate',
  'endDate',
  'timingLabel',
  'fundingSources',
  'costVnd',
  'details',
  'notes',
] as const satisfies readonly (keyof ActivityInput)[];
type ChangeableField = (typeof CHANGEABLE_FIELDS)[number];
export type ActivityChanges = Partial<Pick<ActivityInput, ChangeableField>>;

const LIST_FIELDS = ['coordinatingAgencyIds', 'countryCodes', 'fundingSources'] as const;
const DATE_FIELDS = ['startDate', 'endDate'] as const;

/** JSON-safe form for ChangeRequest.changes (dates as ISO strings, money as digits); unknown fields dropped. */
export function encodeChanges(changes: ActivityChanges): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of CHANGEABLE_FIELDS) {
    if (!(field in changes)) continue;
    const v = changes[field];
    if (v instanceof Date) out[field] = v.toISOString();
    else if (typeof v === 'bigint') out[field] = v.toString();
    else out[field] = v ?? null;
  }
  return out;
}

export function decodeChanges(json: unknown): ActivityChanges {
  const src = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of CHANGEABLE_FIELDS) {
    if (!(field in src)) continue;
    const v = src[field];
    if ((DATE_FIELDS as readonly string[]).includes(field)) out[field] = typeof v === 'string' ? new Date(v) : null;
    else if (field === 'costVnd') out[field] = typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : null;
    else out[field] = v;
  }
  return out;
}

type ActivityRow = NonNullable<Awaited<ReturnType<Repos['activities']['findById']>>>;

/** JSON with sorted keys: PostgreSQL's jsonb does not keep the key order a form wrote. */
function canonical(v: unknown): string {
  if (typeof v === 'bigint') return JSON.stringify(v.toString());
  if (v === null || v === undefined || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(',')}}`;
}

function asText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return canonical(v);
  return String(v);
}

/** The fields `changes` would really change, with old and new values in history's text form. */
export function diffChanges(
  a: ActivityRow,
  changes: ActivityChanges,
): { field: ChangeableField; oldValue: string | null; newValue: string | null }[] {
  const current: Record<string, unknown> = {
    ...a,
    coordinatingAgencyIds: a.coordinators.map((c) => c.agencyId),
    countryCodes: a.countries.map((c) => c.countryCode),
    fundingSources: a.fundings.map((f) => f.source),
  };
  const out: { field: ChangeableField; oldValue: string | null; newValue: string | null }[] = [];
  for (const field of CHANGEABLE_FIELDS) {
    if (!(field in changes)) continue;
    let oldValue: string | null;
    let newValue: string | null;
    if ((LIST_FIELDS as readonly string[]).includes(field)) {
      oldValue = ((current[field] as unknown[]) ?? []).map(String).sort().join(',') || null;
      newValue = [...new Set((changes[field] as unknown[] | undefined) ?? [])].map(String).sort().join(',') || null;
    } else {
      oldValue = asText(current[field]);
      newValue = asText(changes[field]);
    }
    if (oldValue !== newValue) out.push({ field, oldValue, newValue });
  }
  return out;
}

export interface EditDeps {
  repos: Pick<Repos, 'activities' | 'changeRequests'>;
  logger: Logger;
}
export interface Editor {
  id: number;
  role: Role | null;
  active: boolean;
  agencyId: number | null;
}

export type EditOutcome =
  | { kind: 'applied'; activity: ActivityRow }
  | { kind: 'requested'; requestId: number; activity: ActivityRow; changes: ReturnType<typeof diffChanges> }
  | { kind: 'unchanged' }
  /** A change request of this activity still awaits a coordinator: one at a time (a second is refused). */
  | { kind: 'pending'; requestId: number }
  /** The user started one way (`mode`) but the status now allows only the other (e.g. approved meanwhile). */
  | { kind: 'right-changed'; right: Exclude<EditRight, 'none'>; activity: ActivityRow }
  /** The activity changed status while the edit was being saved: nothing stored. */
  | { kind: 'conflict' }
  | { kind: 'not-allowed' }
  | { kind: 'not-found' };

/** The pending change request of an activity, if any (at most one: see submitEdit). */
export async function pendingChangeRequest(repos: Pick<Repos, 'changeRequests'>, activityId: number) {
  return (await repos.changeRequests.listForActivity(activityId)).find((cr) => cr.status === 'PENDING') ?? null;
}

/**
 * Every edit of an activity's fields goes through here (the /my edit form and the change-request
 * form alike): applied directly, or turned into a change request when the activity is approved
 * and the editor is the lead agency's focal point (docs/product.md#lifecycle). `mode` is the path the user took;
 * when the status no longer allows it, nothing is stored. Only the fields that really change are
 * applied or requested. A second request while one is pending is refused, so a coordinator never
 * decides on two overlapping proposals.
 */
export async function submitEdit(
  deps: EditDeps,
  input: { user: Editor; activityId: number; changes: ActivityChanges; now: Date; mode?: Exclude<EditRight, 'none'> },
): Promise<EditOutcome> {
  const activity = await deps.repos.activities.findById(input.activityId);
  if (!activity) return { kind: 'not-found' };
  const right = editRight(input.user, activity);
  if (right === 'none') {
    deps.logger.warn({
      msg: 'access-denied',
      action: 'activity-edit',
      role: input.user.role,
      userId: input.user.id,
      activityId: activity.id,
    });
    return { kind: 'not-allowed' };
  }
  if (input.mode && input.mode !== right) return { kind: 'right-changed', right, activity };
  const all = decodeChanges(encodeChanges(input.changes));
  const diff = diffChanges(activity, all);
  if (diff.length === 0) return { kind: 'unchanged' };
  const changes = Object.fromEntries(diff.map((d) => [d.field, all[d.field]])) as ActivityChanges;
  if (right === 'direct') {
    const updated = await deps.repos.activities.update(activity.id, changes, {
      userId: input.user.id,
      now: input.now,
      ifStatus: [activity.status],
    });
    if (!updated) return { kind: 'conflict' };
    deps.logger.info({ msg: 'activity-edited', activityId: activity.id, userId: input.user.id });
    return { kind: 'applied', activity: updated };
  }
  const pending = await pendingChangeRequest(deps.repos, activity.id);
  if (pending) {
    deps.logger.info({
      msg: 'change-request-refused-pending',
      changeRequestId: pending.id,
      activityId: activity.id,
      userId: input.user.id,
    });
    return { kind: 'pending', requestId: pending.id };
  }
  const cr = await deps.repos.changeRequests.create({
    activityId: activity.id,
    requestedById: input.user.id,
    changes: encodeChanges(changes),
    now: input.now,
  });
  deps.logger.info({ msg: 'change-requested', changeRequestId: cr.id, activityId: activity.id, userId: input.user.id });
  return { kind: 'requested', requestId: cr.id, activity, changes: diff };
}

export type DecisionOutcome =
  | { kind: 'approved' | 'rejected'; requestId: number; requestedById: number; activity: ActivityRow }
  | { kind: 'not-allowed' | 'not-found' | 'already-decided' };

/** A coordinator approves a pending change request: it is applied (history recorded) exactly once. */
export async function approveChangeRequest(
  deps: EditDeps,
  input: { id: number; user: Editor; now: Date },
): Promise<DecisionOutcome> {
  if (!canDecide(input.user)) return { kind: 'not-allowed' };
  const cr = await deps.repos.changeRequests.findById(input.id);
  if (!cr) return { kind: 'not-found' };
  const decided = await deps.repos.changeRequests.decide(cr.id, 'APPROVED', { userId: input.user.id, now: input.now });
  if (!decided) return { kind: 'already-decided' };
  let activity: ActivityRow | null;
  try {
    activity = await deps.repos.activities.update(cr.activityId, decodeChanges(cr.changes), {
      userId: input.user.id,
      now: input.now,
    });
  } catch (err) {
    await deps.repos.changeRequests.reopen(cr.id);
    throw err;
  }
  if (!activity) return { kind: 'not-found' };
  deps.logger.info({
    msg: 'change-request-approved',
    changeRequestId: cr.id,
    activityId: cr.activityId,
    userId: input.user.id,
  });
  return { kind: 'approved', requestId: cr.id, requestedById: cr.requestedById, activity };
}

export async function rejectChangeRequest(
  deps: EditDeps,
  input: { id: number; user: Editor; reason: string; now: Date },
): Promise<DecisionOutcome> {
  if (!canDecide(input.user)) return { kind: 'not-allowed' };
  const cr = await deps.repos.changeRequests.findById(input.id);
  if (!cr) return { kind: 'not-found' };
  const decided = await deps.repos.changeRequests.decide(cr.id, 'REJECTED', {
    userId: input.user.id,
    now: input.now,
    reason: input.reason,
  });
  if (!decided) return { kind: 'already-decided' };
  deps.logger.info({
    msg: 'change-request-rejected',
    changeRequestId: cr.id,
    activityId: cr.activityId,
    userId: input.user.id,
  });
  return { kind: 'rejected', requestId: cr.id, requestedById: cr.requestedById, activity: cr.activity };
}
