import { randomUUID } from 'node:crypto';
import type { DbProvider } from '../provider.js';
import type { SqlValue, Step, Work } from '../direct-sql.js';
import { columnList, rowOf, type Columns, type Kind } from '../columns.js';
import type { Activity, ActivityCoordinator, ActivityCountry, ActivityFunding } from '../../generated/sqlite/client.js';

/**
 * A registration's rows, written in one unit of work (src/db/direct-sql.ts: synchronously on
 * SQLite, so no other update's statement can land inside it): the activity, its coordinators,
 * countries and fundings, its CREATE history entry, then its number from the year's counter. The
 * rows come back as Prisma would return them (the columns' kinds below; test/db/repos.test.ts
 * compares the result with findById, and test/unit/direct-columns.test.ts the columns with
 * Prisma's model).
 */

export const ACTIVITY_COLUMNS = {
  id: 'int',
  reference: 'text',
  type: { enum: 'ActivityType' },
  title: 'text',
  leadAgencyId: 'int',
  partnerName: 'text',
  place: 'text',
  timingText: 'text',
  timingPrecision: { enum: 'TimingPrecision' },
  startDate: 'date',
  endDate: 'date',
  timingLabel: 'text',
  costVnd: 'bigint',
  status: { enum: 'ActivityStatus' },
  statusReason: 'text',
  details: 'json',
  report: 'json',
  notes: 'text',
  planId: 'int',
  source: { enum: 'ActivitySource' },
  sourceRef: 'text',
  sourceText: 'text',
  createdById: 'int',
  updatedById: 'int',
  approvedById: 'int',
  approvedAt: 'date',
  decisionAuthority: { enum: 'DecisionAuthority' },
  decisionNumber: 'text',
  decisionDate: 'date',
  decisionAllowed: 'bool',
  decisionById: 'int',
  decisionAt: 'date',
  recordedPast: 'bool',
  submittedAt: 'date',
  createdAt: 'date',
  updatedAt: 'date',
} satisfies Columns;
export const COORDINATOR_COLUMNS = {
  activityId: 'int',
  agencyId: 'int',
  createdAt: 'date',
  updatedAt: 'date',
} satisfies Columns;
export const COUNTRY_COLUMNS = {
  activityId: 'int',
  countryCode: 'text',
  createdAt: 'date',
  updatedAt: 'date',
} satisfies Columns;
export const FUNDING_COLUMNS = {
  activityId: 'int',
  source: { enum: 'FundingSource' },
  createdAt: 'date',
  updatedAt: 'date',
} satisfies Columns;

function encode(kind: Kind, v: unknown): SqlValue {
  if (v === null || v === undefined) return null;
  if (kind === 'json') return JSON.stringify(v);
  return v as SqlValue;
}
/** INSERT of `rows` (each the same columns, those given) into `table`, returning every column. */
function insert(provider: DbProvider, table: string, columns: Columns, rows: Record<string, unknown>[]): Step {
  // A column left undefined takes its default, as with Prisma; a name that is no column is a bug.
  const names = Object.keys(rows[0]!).filter((n) => rows[0]![n] !== undefined);
  const unknown = names.find((n) => !(n in columns));
  if (unknown) throw new Error(`"${table}" has no column "${unknown}"`);
  const placeholder = (kind: Kind) =>
    provider !== 'postgresql'
      ? '?'
      : kind === 'json'
        ? '?::jsonb'
        : typeof kind === 'object'
          ? `?::"${kind.enum}"`
          : kind === 'date'
            ? '?::timestamp(3)'
            : '?';
  const tuple = `(${names.map((n) => placeholder(columns[n]!)).join(', ')})`;
  return {
    sql: `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(', ')}) VALUES ${rows.map(() => tuple).join(', ')} RETURNING ${columnList(columns)}`,
    params: rows.flatMap((r) => names.map((n) => encode(columns[n]!, r[n]))),
  };
}

/** The reference number of the year's `seq`-th registration (2025-007). */
function formatReference(year: number, seq: number): string {
  return `${year}-${String(seq).padStart(3, '0')}`;
}

export interface NewActivity {
  /** Activity columns (those not given take the database's defaults). */
  data: Record<string, unknown>;
  coordinatingAgencyIds: number[];
  countryCodes: string[];
  fundingSources: string[];
  userId: number | null;
  referenceYear: number;
  /** The history entry's time (the app's clock). */
  now: Date;
}
export interface Inserted {
  activity: Activity;
  coordinators: ActivityCoordinator[];
  countries: ActivityCountry[];
  fundings: ActivityFunding[];
}

/**
 * The activity's rows under a provisional reference (`pending:<uuid>`), unique and never seen
 * outside this unit of work: its number comes last (`numberActivities`), because the year's counter
 * is one row that every registration of the year updates, held locked until the commit.
 */
export function* insertActivityRows(provider: DbProvider, a: NewActivity): Work<Inserted> {
  // Prisma's own defaults for createdAt (now()) and updatedAt (@updatedAt): the real time.
  const stamp = new Date();
  const [row] = yield insert(provider, 'Activity', ACTIVITY_COLUMNS, [
    { ...a.data, reference: `pending:${randomUUID()}`, createdAt: stamp, updatedAt: stamp },
  ]);
  const activity = rowOf<Activity>(ACTIVITY_COLUMNS, row!);
  const activityId = activity.id;
  const children = function* <T>(table: string, columns: Columns, rows: Record<string, unknown>[]): Work<T[]> {
    if (!rows.length) return [];
    const back = yield insert(
      provider,
      table,
      columns,
      rows.map((r) => ({ activityId, ...r, createdAt: stamp, updatedAt: stamp })),
    );
    return back.map((r) => rowOf<T>(columns, r));
  };
  const coordinators = yield* children<ActivityCoordinator>(
    'ActivityCoordinator',
    COORDINATOR_COLUMNS,
    [...new Set(a.coordinatingAgencyIds)].map((agencyId) => ({ agencyId })),
  );
  const countries = yield* children<ActivityCountry>(
    'ActivityCountry',
    COUNTRY_COLUMNS,
    [...new Set(a.countryCodes)].map((countryCode) => ({ countryCode })),
  );
  const fundings = yield* children<ActivityFunding>(
    'ActivityFunding',
    FUNDING_COLUMNS,
    [...new Set(a.fundingSources)].map((source) => ({ source })),
  );
  yield {
    sql: `INSERT INTO "ActivityHistory" ("activityId", "userId", "action", "newValue", "createdAt", "updatedAt") VALUES (?, ?, 'CREATE', ?, ?, ?)`,
    params: [activityId, a.userId, String(activity.status), a.now, stamp],
  };
  return { activity, coordinators, countries, fundings };
}

/**
 * Numbers the activities inserted in this unit of work (`insertActivityRows`), in the order given,
 * and ends it: per reference year (ascending, so that units of work lock the years' counters in one
 * order), one counter update for all of that year's, and their references set. Their `reference` is
 * set on the objects given. On PostgreSQL this is one statement sent with the COMMIT (a committing
 * step: the counter row is held from here to the commit's end, never while this process answers);
 * on SQLite two per year (no statement there both updates the counter and the activities).
 */
export function* numberActivities(provider: DbProvider, items: { activity: Activity; year: number }[]): Work<void> {
  const years = [...new Set(items.map((i) => i.year))]
    .sort((a, b) => a - b)
    .map((year) => ({ year, mine: items.filter((i) => i.year === year) }));
  if (provider === 'postgresql') {
    // Integers only, from this process (the years, the ids, the counts): written into the SQL.
    const int = (n: number) => {
      if (!Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
      return String(n);
    };
    const counters = years.map(
      ({ year, mine }, y) => `c${y} AS (INSERT INTO "ReferenceCounter" ("year", "last", "createdAt", "updatedAt")
        VALUES (${int(year)}, ${int(mine.length)}, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
        ON CONFLICT ("year") DO UPDATE SET "last" = "ReferenceCounter"."last" + excluded."last", "updatedAt" = excluded."updatedAt"
        RETURNING "year", "last" - ${int(mine.length)} AS "before")`,
    );
    const numbered = years.flatMap(({ mine }, y) =>
      mine.map((i, k) => `SELECT ${int(i.activity.id)} AS "id", "year", "before" + ${int(k + 1)} AS "seq" FROM c${y}`),
    );
    // The reference as formatReference writes it (at least three digits).
    const rows = yield {
      sql: `WITH ${counters.join(', ')}, n AS (${numbered.join(' UNION ALL ')})
        UPDATE "Activity" AS a SET "reference" = n."year"::text || '-' || lpad(n."seq"::text, greatest(3, length(n."seq"::text)), '0')
        FROM n WHERE a."id" = n."id" RETURNING a."id", a."reference"`,
      params: [],
      commits: true,
    };
    const byId = new Map(rows.map((r) => [Number(r.id), String(r.reference)]));
    for (const i of items) i.activity.reference = byId.get(i.activity.id)!;
    return;
  }
  for (const { year, mine } of years) {
    const stamp = new Date();
    const [counter] = yield {
      sql: `INSERT INTO "ReferenceCounter" ("year", "last", "createdAt", "updatedAt") VALUES (?, ?, ?, ?)
        ON CONFLICT ("year") DO UPDATE SET "last" = "ReferenceCounter"."last" + excluded."last", "updatedAt" = excluded."updatedAt" RETURNING "last"`,
      params: [year, mine.length, stamp, stamp],
    };
    const first = Number(counter!.last) - mine.length + 1;
    mine.forEach((i, k) => (i.activity.reference = formatReference(year, first + k)));
    yield {
      sql: `UPDATE "Activity" SET "reference" = CASE "id" ${mine.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE "id" IN (${mine.map(() => '?').join(', ')})`,
      params: [...mine.flatMap((i) => [i.activity.id, i.activity.reference]), ...mine.map((i) => i.activity.id)],
    };
  }
}
