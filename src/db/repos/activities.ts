import { isBusyError, type Db, type Prisma } from '../client.js';
import { createAgenciesRepo } from './agencies.js';
import { directOf } from '../direct-sql.js';
import { insertActivityRows, numberActivities, type Inserted } from './activity-insert.js';
import { turnBatcher } from '../turn-batch.js';
import type { FormClaim } from './conversations.js';
import type {
  ActivitySource,
  ActivityStatus,
  ActivityType,
  DecisionAuthority,
  FundingSource,
  TimingPrecision,
} from '../../domain/enums.js';

export interface ActivityInput {
  type: ActivityType;
  title: string;
  leadAgencyId: number;
  coordinatingAgencyIds?: number[];
  countryCodes?: string[];
  fundingSources?: FundingSource[];
  partnerName?: string | null;
  place?: string | null;
  timingText?: string | null;
  timingPrecision?: TimingPrecision;
  startDate?: Date | null;
  endDate?: Date | null;
  timingLabel?: string | null;
  costVnd?: bigint | null;
  details?: Record<string, unknown> | null;
  /** Post-activity report (results, actual members, actual cost), set with REPORTED. */
  report?: Record<string, unknown> | null;
  notes?: string | null;
  planId?: number | null;
  source?: ActivitySource;
  sourceRef?: string | null;
  /** The plan document's paragraph it was read from (docs/product.md#plan-documents). */
  sourceText?: string | null;
  status?: ActivityStatus;
  /** Registered after its timing had passed, as the record of a past activity. */
  recordedPast?: boolean;
}

/** Returned, refused or cancelled: not part of a plan's answer (domain/activity-status.ts says the same). */
const APART_STATUSES: ActivityStatus[] = ['RETURNED', 'REFUSED', 'CANCELLED'];

/** The competent authority's decision on an agreed activity, as the Department records it. */
export interface DecisionInput {
  authority: DecisionAuthority;
  number: string;
  /** Local date of the decision, stored as UTC midnight. */
  date: Date;
  allowed: boolean;
}

/** How a decision is kept in the history: one line that says it all. */
export function decisionHistoryValue(d: DecisionInput): string {
  return [d.authority, d.number, d.date.toISOString().slice(0, 10), d.allowed ? 'ALLOWED' : 'NOT_ALLOWED'].join('|');
}

type Scalars = Omit<ActivityInput, 'coordinatingAgencyIds' | 'countryCodes' | 'fundingSources'>;

export const ACTIVITY_INCLUDE = {
  leadAgency: true,
  coordinators: { include: { agency: true } },
  countries: true,
  fundings: true,
  plan: true,
} as const;

/** An activity with what ACTIVITY_INCLUDE reads with it (the card's activity). */
export type FullActivity = Prisma.ActivityGetPayload<{ include: typeof ACTIVITY_INCLUDE }>;

function historyValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
}

const TIMING_COLUMNS = ['timingText', 'timingPrecision', 'startDate', 'endDate', 'timingLabel'] as const;

/** The timing columns as one history value (a postponement's old → new timing is one line). */
export function timingHistoryValue(a: Partial<Record<(typeof TIMING_COLUMNS)[number], unknown>>): string {
  return JSON.stringify({
    precision: a.timingPrecision ?? null,
    start: historyValue(a.startDate),
    end: historyValue(a.endDate),
    label: a.timingLabel ?? null,
    text: a.timingText ?? null,
  });
}

/** History lines for the fields a status change also sets (a postponement's new timing…). */
function extraHistory(
  before: Record<string, unknown>,
  extra: Record<string, unknown>,
): { field: string; oldValue: string | null; newValue: string | null }[] {
  const out: { field: string; oldValue: string | null; newValue: string | null }[] = [];
  const timing = TIMING_COLUMNS.filter((k) => k in extra);
  if (timing.length) {
    const old = timingHistoryValue(before);
    const neu = timingHistoryValue({ ...Object.fromEntries(TIMING_COLUMNS.map((k) => [k, before[k]])), ...extra });
    if (old !== neu) out.push({ field: 'timing', oldValue: old, newValue: neu });
  }
  for (const [field, value] of Object.entries(extra)) {
    if ((TIMING_COLUMNS as readonly string[]).includes(field) || field === 'report') continue;
    const old = historyValue(before[field]);
    const neu = historyValue(value);
    if (old !== neu) out.push({ field, oldValue: old, newValue: neu });
  }
  return out;
}

/**
 * How long a registration waits for the database (a Prisma transaction holding SQLite's one
 * connection; a free connection of PostgreSQL's pool) before it is told the database is busy.
 */
export const CREATE_MAX_WAIT_MS = 10_000;

/** Who registers, for which year's numbering, at what time (the history entry's). */
type By = { userId: number | null; referenceYear: number; now: Date };
/** One activity to insert; `claim` runs first in its unit of work (the form it comes from). */
type Item = { input: ActivityInput; by: By; claim?: FormClaim };

export function createActivitiesRepo(db: Db, opts: { createMaxWaitMs?: number } = {}) {
  const maxWait = opts.createMaxWaitMs ?? CREATE_MAX_WAIT_MS;
  const agencies = createAgenciesRepo(db);
  const direct = directOf(db);

  /** One activity's rows without its number (src/db/repos/activity-insert.ts), as a step of a unit of work. */
  function insertOne(input: ActivityInput, by: By) {
    const { coordinatingAgencyIds = [], countryCodes = [], fundingSources = [], ...scalars } = input;
    const status = scalars.status ?? 'DRAFT';
    return insertActivityRows(direct.provider, {
      data: {
        ...scalars,
        status,
        submittedAt: status === 'SUBMITTED' ? by.now : null,
        createdById: by.userId,
        updatedById: by.userId,
      },
      coordinatingAgencyIds,
      countryCodes,
      fundingSources,
      userId: by.userId,
      referenceYear: by.referenceYear,
      now: by.now,
    });
  }

  /**
   * The inserted activities as findById returns them (ACTIVITY_INCLUDE), put together from what the
   * inserts returned: the agencies from the cached list, a plan read only when there is one.
   */
  async function withRelations(inserted: Inserted[]): Promise<FullActivity[]> {
    const byId = await agencies.byIds(
      inserted.flatMap((x) => [x.activity.leadAgencyId, ...x.coordinators.map((c) => c.agencyId)]),
    );
    const agency = (id: number) => {
      const a = byId.get(id);
      if (!a) throw new Error(`agency ${id} not found`);
      return a;
    };
    const planIds = [...new Set(inserted.flatMap((x) => (x.activity.planId === null ? [] : [x.activity.planId])))];
    const plans = new Map(
      (planIds.length ? await db.plan.findMany({ where: { id: { in: planIds } } }) : []).map((p) => [p.id, p]),
    );
    // In key order, as SQLite reads them back (by the primary key) for the card shown later.
    const byKey = <T>(rows: T[], key: (row: T) => number | string) =>
      [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return inserted.map(({ activity, coordinators, countries, fundings }) => ({
      ...activity,
      leadAgency: agency(activity.leadAgencyId),
      coordinators: byKey(coordinators, (c) => c.agencyId).map((c) => ({ ...c, agency: agency(c.agencyId) })),
      countries: byKey(countries, (c) => c.countryCode),
      fundings: byKey(fundings, (f) => f.source),
      plan: activity.planId === null ? null : (plans.get(activity.planId) ?? null),
    }));
  }

  /** The activities' rows, then their numbers, in one unit of work (src/db/repos/activity-insert.ts). */
  function insertNumbered(items: Item[]): Promise<Inserted[]> {
    return direct.transaction(function* () {
      const rows: Inserted[] = [];
      for (const { input, by, claim } of items) {
        if (claim) yield* claim();
        rows.push(yield* insertOne(input, by));
      }
      yield* numberActivities(
        direct.provider,
        rows.map((x, i) => ({ activity: x.activity, year: items[i]!.by.referenceYear })),
      );
      return rows;
    }, maxWait);
  }
  const createAlone = async (item: Item) => (await insertNumbered([item]))[0]!;
  /**
   * On PostgreSQL every registration's commit holds the year's counter until its WAL is flushed, so
   * registrations made together queue one flush after another on that row: those issued in one turn
   * of the event loop (the updates of one getUpdates batch) are made in one transaction, numbered in
   * the order they were made with one counter update sent with its commit (src/db/turn-batch.ts).
   * If that transaction fails, each is made alone (so one that fails takes no number and holds no
   * other back); the database too busy to start fails them all, as it would each.
   */
  let made = 0;
  const createOne =
    direct.provider === 'postgresql'
      ? turnBatcher<Item, Inserted>({
          key: () => String(made++),
          one: createAlone,
          many: insertNumbered,
          alone: (err) => !isBusyError(err),
        })
      : createAlone;

  return {
    /**
     * Creates the activity with a fresh reference number (per year) and a CREATE history entry;
     * with `claim`, the form it comes from is claimed in the same unit of work (nothing is stored
     * when the claim fails: FormClaimedError).
     */
    async create(input: ActivityInput, by: By, opts: { claim?: FormClaim } = {}) {
      return (await withRelations([await createOne({ input, by, ...opts })]))[0]!;
    },

    /** Creates all the activities in one transaction, or none (an import with a failing row). */
    async createMany(inputs: ActivityInput[], by: By) {
      return withRelations(await insertNumbered(inputs.map((input) => ({ input, by }))));
    },

    findById(id: number) {
      return db.activity.findUnique({ where: { id }, include: ACTIVITY_INCLUDE });
    },
    findByReference(reference: string) {
      return db.activity.findUnique({ where: { reference }, include: ACTIVITY_INCLUDE });
    },
    /** A plan's activities (programme boards, a request's answers), in timing order. */
    listByPlan(planId: number, opts: { leadAgencyId?: number } = {}) {
      return db.activity.findMany({
        where: { planId, ...(opts.leadAgencyId ? { leadAgencyId: opts.leadAgencyId } : {}) },
        orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
        include: ACTIVITY_INCLUDE,
      });
    },
    /** How many activities each lead agency registered under a plan (cancelled and rejected ones left out). */
    async countByPlanPerAgency(planId: number): Promise<Map<number, number>> {
      const rows = await db.activity.groupBy({
        by: ['leadAgencyId'],
        where: { planId, status: { notIn: [...APART_STATUSES] } },
        _count: { _all: true },
      });
      return new Map(rows.map((r) => [r.leadAgencyId, r._count._all]));
    },
    /** The activity created from a given source (e.g. a congratulatory letter for an anniversary). */
    findBySourceRef(sourceRef: string) {
      return db.activity.findFirst({ where: { sourceRef }, orderBy: { id: 'asc' }, include: ACTIVITY_INCLUDE });
    },
    /**
     * An agency's activities that may join a plan's answer: those it leads, live, in the plan's year
     * (by start, or registered that year when the timing has no date), not in another plan.
     */
    listAttachable(agencyId: number, planId: number, year: number) {
      const from = new Date(Date.UTC(year, 0, 1));
      const to = new Date(Date.UTC(year + 1, 0, 1));
      return db.activity.findMany({
        where: {
          leadAgencyId: agencyId,
          status: { notIn: [...APART_STATUSES] },
          OR: [{ planId }, { planId: null }],
          AND: [
            {
              OR: [
                { startDate: { gte: from, lt: to } },
                { endDate: { gte: from, lt: to } },
                { startDate: null, endDate: null, createdAt: { gte: from, lt: to } },
              ],
            },
          ],
        },
        orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
        take: 50,
        include: ACTIVITY_INCLUDE,
      });
    },
    /** Attaches an activity to a plan (or detaches it: null), with a history entry. */
    async setPlan(id: number, planId: number | null, by: { userId: number | null; now: Date }) {
      return db.$transaction(async (tx) => {
        const before = await tx.activity.findUnique({ where: { id } });
        if (!before || before.planId === planId) return before;
        await tx.activity.update({ where: { id }, data: { planId, updatedById: by.userId } });
        await tx.activityHistory.create({
          data: {
            activityId: id,
            userId: by.userId,
            action: 'UPDATE',
            field: 'planId',
            oldValue: before.planId === null ? null : String(before.planId),
            newValue: planId === null ? null : String(planId),
            createdAt: by.now,
          },
        });
        return tx.activity.findUnique({ where: { id } });
      });
    },
    /** Activities read from one document (its hash opens their sourceRef) into a plan. */
    findBySourceRefPrefix(prefix: string, planId: number) {
      return db.activity.findMany({
        where: { sourceRef: { startsWith: prefix }, planId },
        include: ACTIVITY_INCLUDE,
        orderBy: { id: 'asc' },
      });
    },

    listByAgency(
      agencyId: number,
      opts: { status?: ActivityStatus[]; type?: ActivityType; skip?: number; take?: number } = {},
    ) {
      const where = {
        leadAgencyId: agencyId,
        ...(opts.status ? { status: { in: opts.status } } : {}),
        ...(opts.type ? { type: opts.type } : {}),
      };
      return Promise.all([
        db.activity.findMany({
          where,
          orderBy: [{ startDate: 'asc' }, { id: 'asc' }],
          skip: opts.skip,
          take: opts.take ?? 10,
          include: ACTIVITY_INCLUDE,
        }),
        db.activity.count({ where }),
      ]).then(([items, total]) => ({ items, total }));
    },

    /** The latest registered activities (of one agency, or all), newest first: pickers of a reference. */
    listRecent(opts: { agencyId?: number; take: number }) {
      const where = {
        status: { not: 'DRAFT' as const },
        ...(opts.agencyId !== undefined ? { leadAgencyId: opts.agencyId } : {}),
      };
      return db.activity.findMany({
        where,
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
        take: opts.take,
        select: { reference: true, title: true },
      });
    },

    listForReview(opts: { skip?: number; take?: number } = {}) {
      return db.activity.findMany({
        where: { status: 'SUBMITTED' },
        orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
        skip: opts.skip,
        take: opts.take ?? 10,
        include: ACTIVITY_INCLUDE,
      });
    },

    /** Every activity, drafts included (is the database empty?). */
    count() {
      return db.activity.count();
    },

    /** Agreed activities of `types` still waiting for the competent authority's decision. */
    countAwaitingDecision(types: ActivityType[]) {
      return db.activity.count({ where: { status: 'AGREED', type: { in: types } } });
    },

    countForReview() {
      return db.activity.count({ where: { status: 'SUBMITTED' } });
    },

    listSubmittedSince(since: Date) {
      return db.activity.findMany({
        where: { submittedAt: { gt: since } },
        orderBy: { submittedAt: 'asc' },
        include: ACTIVITY_INCLUDE,
      });
    },

    /** What the reminder planner looks at: activities in `statuses` starting or ending inside the windows. */
    /** `ids`: only these (the planner's pass over what changed). */
    listForReminders(opts: {
      startFrom: Date;
      startTo: Date;
      endFrom: Date;
      endTo: Date;
      statuses: readonly ActivityStatus[];
      ids?: number[];
    }) {
      return db.activity.findMany({
        where: {
          ...(opts.ids ? { id: { in: opts.ids } } : {}),
          status: { in: [...opts.statuses] },
          OR: [
            { startDate: { gte: opts.startFrom, lte: opts.startTo } },
            { endDate: { gte: opts.endFrom, lte: opts.endTo } },
          ],
        },
        orderBy: { id: 'asc' },
        // Only what the rules read (domain/reminder-rules.ts RuleActivity): a full pass reads thousands.
        select: {
          id: true,
          reference: true,
          type: true,
          title: true,
          status: true,
          leadAgencyId: true,
          leadAgency: { select: { code: true, nameVi: true } },
          timingPrecision: true,
          startDate: true,
          endDate: true,
          timingLabel: true,
          details: true,
          createdAt: true,
          submittedAt: true,
          approvedAt: true,
        },
      });
    },

    listStartingBetween(from: Date, to: Date, statuses: ActivityStatus[]) {
      return db.activity.findMany({
        where: { startDate: { gte: from, lte: to }, status: { in: statuses } },
        orderBy: { startDate: 'asc' },
        include: ACTIVITY_INCLUDE,
      });
    },

    /**
     * Moves the status only if it is still one of `from` (compare-and-set), so a double tap or
     * two coordinators acting at once change it once. Returns the updated activity or null.
     */
    async transition(
      id: number,
      from: ActivityStatus[],
      to: ActivityStatus,
      by: { userId: number | null; now: Date; reason?: string | null; extra?: Partial<Scalars> },
    ) {
      return db.$transaction(async (tx) => {
        const before = await tx.activity.findUnique({ where: { id } });
        if (!before || !from.includes(before.status)) return null;
        const { details, report, ...extra } = by.extra ?? {};
        const res = await tx.activity.updateMany({
          where: { id, status: before.status, updatedAt: before.updatedAt },
          data: {
            ...extra,
            ...(details !== undefined ? { details: details as never } : {}),
            ...(report !== undefined ? { report: report as never } : {}),
            status: to,
            statusReason: by.reason ?? null,
            updatedById: by.userId,
            ...(to === 'SUBMITTED' ? { submittedAt: by.now } : {}),
            ...(to === 'AGREED' ? { approvedAt: by.now, approvedById: by.userId } : {}),
          },
        });
        if (res.count !== 1) return null;
        await tx.activityHistory.create({
          data: {
            activityId: id,
            userId: by.userId,
            action: 'STATUS',
            field: 'status',
            oldValue: before.status,
            newValue: to,
            createdAt: by.now,
          },
        });
        if (by.reason) {
          await tx.activityHistory.create({
            data: {
              activityId: id,
              userId: by.userId,
              action: 'STATUS',
              field: 'statusReason',
              oldValue: before.statusReason,
              newValue: by.reason,
              createdAt: by.now,
            },
          });
        }
        const changed = extraHistory(before, { ...extra, ...(details !== undefined ? { details } : {}) });
        if (changed.length)
          await tx.activityHistory.createMany({
            data: changed.map((h) => ({
              ...h,
              activityId: id,
              userId: by.userId,
              action: 'STATUS',
              createdAt: by.now,
            })),
          });
        return tx.activity.findUnique({ where: { id }, include: ACTIVITY_INCLUDE });
      });
    },

    /**
     * Records the competent authority's decision on an AGREED activity: AUTHORIZED or REFUSED, with
     * one history line for the status and one for the decision (compare-and-set like transition).
     */
    async recordDecision(id: number, decision: DecisionInput, by: { userId: number | null; now: Date }) {
      const to = decision.allowed ? 'AUTHORIZED' : 'REFUSED';
      return db.$transaction(async (tx) => {
        const before = await tx.activity.findUnique({ where: { id } });
        if (!before || before.status !== 'AGREED') return null;
        const res = await tx.activity.updateMany({
          where: { id, status: 'AGREED', updatedAt: before.updatedAt },
          data: {
            status: to,
            statusReason: null,
            updatedById: by.userId,
            decisionAuthority: decision.authority,
            decisionNumber: decision.number,
            decisionDate: decision.date,
            decisionAllowed: decision.allowed,
            decisionById: by.userId,
            decisionAt: by.now,
          },
        });
        if (res.count !== 1) return null;
        await tx.activityHistory.create({
          data: {
            activityId: id,
            userId: by.userId,
            action: 'DECISION',
            field: 'decision',
            oldValue: null,
            newValue: decisionHistoryValue(decision),
            createdAt: by.now,
          },
        });
        await tx.activityHistory.create({
          data: {
            activityId: id,
            userId: by.userId,
            action: 'STATUS',
            field: 'status',
            oldValue: 'AGREED',
            newValue: to,
            createdAt: by.now,
          },
        });
        return tx.activity.findUnique({ where: { id }, include: ACTIVITY_INCLUDE });
      });
    },

    /**
     * Applies field changes and records one history entry per changed field. With `ifStatus`, only
     * while the status is still one of them (an edit racing an approval changes nothing).
     */
    async update(
      id: number,
      changes: Partial<ActivityInput>,
      by: { userId: number | null; now: Date; ifStatus?: ActivityStatus[] },
    ) {
      const { coordinatingAgencyIds, countryCodes, fundingSources, details, report: _report, ...scalars } = changes;
      return db.$transaction(async (tx) => {
        const before = await tx.activity.findUnique({ where: { id }, include: ACTIVITY_INCLUDE });
        if (!before) return null;
        if (by.ifStatus && !by.ifStatus.includes(before.status)) return null;
        const history: { field: string; oldValue: string | null; newValue: string | null }[] = [];
        for (const [field, value] of Object.entries(scalars)) {
          const old = historyValue((before as Record<string, unknown>)[field]);
          const neu = historyValue(value);
          if (old !== neu) history.push({ field, oldValue: old, newValue: neu });
        }
        if (details !== undefined && historyValue(before.details) !== historyValue(details)) {
          history.push({ field: 'details', oldValue: historyValue(before.details), newValue: historyValue(details) });
        }
        const listChange = (field: string, old: (string | number)[], neu: (string | number)[] | undefined) => {
          if (!neu) return false;
          const a = [...old].map(String).sort().join(',');
          const b = [...new Set(neu)].map(String).sort().join(',');
          if (a === b) return false;
          history.push({ field, oldValue: a || null, newValue: b || null });
          return true;
        };
        const coordChanged = listChange(
          'coordinatingAgencyIds',
          before.coordinators.map((c) => c.agencyId),
          coordinatingAgencyIds,
        );
        const countryChanged = listChange(
          'countryCodes',
          before.countries.map((c) => c.countryCode),
          countryCodes,
        );
        const fundingChanged = listChange(
          'fundingSources',
          before.fundings.map((f) => f.source),
          fundingSources,
        );
        if (history.length === 0) return before;
        await tx.activity.update({
          where: { id },
          data: {
            ...scalars,
            ...(details !== undefined ? { details: details as never } : {}),
            updatedById: by.userId,
            ...(coordChanged
              ? {
                  coordinators: {
                    deleteMany: {},
                    create: [...new Set(coordinatingAgencyIds)].map((agencyId) => ({ agencyId })),
                  },
                }
              : {}),
            ...(countryChanged
              ? {
                  countries: {
                    deleteMany: {},
                    create: [...new Set(countryCodes)].map((countryCode) => ({ countryCode })),
                  },
                }
              : {}),
            ...(fundingChanged
              ? { fundings: { deleteMany: {}, create: [...new Set(fundingSources)].map((source) => ({ source })) } }
              : {}),
          },
        });
        await tx.activityHistory.createMany({
          data: history.map((h) => ({ ...h, activityId: id, userId: by.userId, action: 'UPDATE', createdAt: by.now })),
        });
        return tx.activity.findUnique({ where: { id }, include: ACTIVITY_INCLUDE });
      });
    },

    /** A history line that is not a field change (e.g. who acted on the agency's behalf). */
    note(activityId: number, action: string, newValue: string | null, by: { userId: number | null; now: Date }) {
      return db.activityHistory.create({
        data: { activityId, userId: by.userId, action, newValue, createdAt: by.now },
      });
    },

    history(activityId: number, take = 20) {
      return db.activityHistory.findMany({
        where: { activityId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take,
        include: { user: true },
      });
    },
  };
}
export type ActivitiesRepo = ReturnType<typeof createActivitiesRepo>;
