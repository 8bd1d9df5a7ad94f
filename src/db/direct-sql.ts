import type BetterSqlite3 from 'better-sqlite3';
import type pg from 'pg';
import type { DbProvider } from './provider.js';

/**
 * The statements every update runs — its claim, its conversation's read and save, its done mark —
 * go straight to the driver Prisma itself holds (the one better-sqlite3 connection; the one pg
 * pool), as prepared statements, instead of through Prisma's query pipeline: on a form step those
 * three statements were most of the CPU an update cost (docs/architecture.md#the-hot-path). Same
 * connection, so the same transactions and locks as Prisma's own queries; everything else still
 * goes through Prisma.
 *
 * SQL is written once for both providers: double-quoted identifiers and `?` placeholders (numbered
 * for PostgreSQL here). Values: Date (stored as Prisma stores it: ISO text with +00:00 on SQLite,
 * UTC `timestamp(3)` on PostgreSQL), string, number, bigint, boolean, null. Rows come back as the
 * driver gives them: integers are bigint on SQLite, DateTime columns text on SQLite and Date on
 * PostgreSQL, Json text on SQLite and parsed on PostgreSQL (see `rowValue`).
 */
export interface DirectSql {
  readonly provider: DbProvider;
  all<T = Record<string, unknown>>(sql: string, params: SqlValue[]): Promise<T[]>;
  /** Rows changed. */
  run(sql: string, params: SqlValue[]): Promise<number>;
  /**
   * Runs `work` in one transaction: all its statements or none. On SQLite the unit of work runs
   * synchronously (nothing else in the process runs between its statements, so no other update's
   * statement lands inside it on the shared connection), at the end of the turn in a savepoint of
   * the turn's group commit (see groupCommit), after a Prisma transaction holding the connection
   * has ended. On PostgreSQL it runs on a connection of its own. Fails with DatabaseBusyError when
   * it cannot start within `maxWaitMs`.
   */
  transaction<T>(work: () => Work<T>, maxWaitMs?: number): Promise<T>;
  /**
   * Commits now the writes queued for the end of this turn (SQLite's group commit; nothing on
   * PostgreSQL): the database handle's close calls it first, so that no write issued is lost.
   */
  flush(): void;
}
export type SqlValue = string | number | bigint | boolean | Date | null;
export type Row = Record<string, unknown>;
/** One statement of a unit of work; the work receives its rows back. */
export interface Step {
  sql: string;
  params: SqlValue[];
  /**
   * The unit of work's last statement, sent together with its COMMIT in one round trip on
   * PostgreSQL (the simple protocol: `params` must be empty, the caller writes its numbers into the
   * SQL), so that the row locks it takes are held only until the commit, never while this process
   * answers. SQLite runs it as any step (its units of work run synchronously).
   */
  commits?: boolean;
}
/**
 * A unit of work written once for both drivers: a generator that yields its statements and gets
 * each one's rows back (`const rows = yield step`), run synchronously on SQLite and with awaits on
 * PostgreSQL.
 */
export type Work<T> = Generator<Step, T, Row[]>;

/** The database could not take the work in time: nothing was stored; the same request may be made again. */
export class DatabaseBusyError extends Error {
  readonly code = 'LIAISON_DB_BUSY';
  constructor(waitedMs: number) {
    super(`the database was busy for ${waitedMs} ms`);
    this.name = 'DatabaseBusyError';
  }
}

const DEFAULT_MAX_WAIT_MS = 10_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** At most this many distinct statements stay prepared per connection (least recently used go). */
const MAX_PREPARED = 200;

class Lru<V> {
  readonly #map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string, make: () => V): V {
    let v = this.#map.get(key);
    if (v !== undefined) {
      this.#map.delete(key);
    } else {
      v = make();
      if (this.#map.size >= this.max) this.#map.delete(this.#map.keys().next().value!);
    }
    this.#map.set(key, v);
    return v;
  }
}

const sqliteValue = (v: SqlValue) =>
  v instanceof Date ? v.toISOString().replace('Z', '+00:00') : typeof v === 'boolean' ? (v ? 1 : 0) : v;

/**
 * The hot path's statements on Prisma's SQLite connection. Also keeps Prisma's own statements
 * prepared: its adapter prepares every statement anew (`prepare(sql).bind(args)`); the connection's
 * `prepare` now returns the statement prepared before for the same SQL, bound per call instead of
 * permanently.
 */
export function sqliteDirect(client: BetterSqlite3.Database): DirectSql {
  const prepare = client.prepare.bind(client);
  const direct = new Lru<BetterSqlite3.Statement>(MAX_PREPARED);
  const prismas = new Lru<BetterSqlite3.Statement>(MAX_PREPARED);
  // Prisma's statements run after the writes queued before them (program order).
  const perCall = (stmt: BetterSqlite3.Statement, args: unknown[]) => ({
    get reader() {
      return stmt.reader;
    },
    columns: () => stmt.columns(),
    run: () => (writes.flush(), stmt.run(args)),
    raw: () => ({ all: () => (writes.flush(), stmt.raw(true).all(args)) }),
  });
  // Made before `prepare` is replaced: better-sqlite3 prepares its BEGIN/COMMIT/ROLLBACK here.
  const inOneGo = client.transaction(<T>(work: () => Work<T>): T => {
    const steps = work();
    for (let next = steps.next(); ;) {
      if (next.done) return next.value;
      next = steps.next(execute(next.value));
    }
  });
  client.prepare = ((sql: string) => {
    const stmt = prismas.get(sql, () => prepare(sql));
    return { ...perCall(stmt, []), bind: (args: unknown[]) => perCall(stmt, args) };
  }) as unknown as typeof client.prepare;
  const prepared = (sql: string) => direct.get(sql, () => prepare(sql));
  const writes = groupCommit(client, inOneGo);
  const execute = (step: Step): Row[] => {
    const stmt = prepared(step.sql);
    const params = step.params.map(sqliteValue);
    if (stmt.reader) return stmt.all(params) as Row[];
    stmt.run(params);
    return [];
  };
  return {
    provider: 'sqlite',
    async transaction<T>(work: () => Work<T>, maxWaitMs = DEFAULT_MAX_WAIT_MS): Promise<T> {
      // A Prisma transaction (BEGIN … awaits … COMMIT) may hold the one connection: wait for its end.
      const started = Date.now();
      while (client.inTransaction) {
        if (Date.now() - started > maxWaitMs) throw new DatabaseBusyError(Date.now() - started);
        await sleep(1);
      }
      return writes.submitWork(work, started, started + maxWaitMs) as Promise<T>;
    },
    all: <T>(sql: string, params: SqlValue[]) =>
      writes.submit(prepared(sql), params.map(sqliteValue), true) as Promise<T[]>,
    run: (sql: string, params: SqlValue[]) =>
      writes.submit(prepared(sql), params.map(sqliteValue), false) as Promise<number>,
    flush: () => writes.flush(),
  };
}

interface QueuedWrite {
  stmt: BetterSqlite3.Statement;
  params: unknown[];
  rows: boolean;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}
/** A unit of work (`DirectSql.transaction`), queued as a write is; it may wait from `since` until `deadline`. */
interface QueuedWork {
  work: () => Work<unknown>;
  since: number;
  deadline: number;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}
type Queued = QueuedWrite | QueuedWork;
type InOneGo = ((w: () => Work<unknown>) => unknown) & { immediate: (w: () => Work<unknown>) => unknown };

/**
 * Group commit on SQLite: the direct statements that write and the units of work, issued in the
 * same turn of the event loop (a batch of updates claiming, saving their conversations, marking
 * themselves done, registering activities), are committed in one transaction instead of one each —
 * a commit (its WAL frames and index update) was most of what such a write cost, and a
 * registration's (an activity row and its indexes' pages) most of what it cost. Each still succeeds
 * or fails on its own: SQLite undoes a failed statement, not the transaction, and a unit of work
 * runs in a savepoint of its own (all its statements or none); an error that ends the transaction
 * (busy, I/O) fails them all, as it would have failed each. A promise resolves once its write is
 * committed. Reads and Prisma's statements first run the queued writes, so every statement sees the
 * ones issued before it. While a Prisma transaction holds the connection, the statements run in it
 * one by one, as before, and the units of work wait for its end (until their deadline: busy).
 */
function groupCommit(client: BetterSqlite3.Database, inOneGo: InOneGo) {
  let queue: Queued[] = [];
  /** Units of work waiting for a Prisma transaction to end. */
  let waiting: QueuedWork[] = [];
  let retry: NodeJS.Timeout | undefined;
  const isWork = (q: Queued): q is QueuedWork => 'work' in q;
  const execute = (q: Queued) =>
    isWork(q) ? inOneGo(q.work) : q.rows ? q.stmt.all(q.params) : q.stmt.run(q.params).changes;
  const one = (q: Queued) => {
    try {
      q.resolve(isWork(q) ? inOneGo.immediate(q.work) : execute(q));
    } catch (err) {
      q.reject(err);
    }
  };
  const waitForPrisma = (units: QueuedWork[]) => {
    const now = Date.now();
    for (const u of units) {
      if (now > u.deadline) u.reject(new DatabaseBusyError(now - u.since));
      else waiting.push(u);
    }
    retry ??= setTimeout(() => {
      retry = undefined;
      queue = [...waiting, ...queue];
      waiting = [];
      flush();
    }, 1);
  };
  const flush = () => {
    if (queue.length === 0) return;
    const batch = queue;
    queue = [];
    if (client.inTransaction) {
      batch.filter((q) => !isWork(q)).forEach(one);
      const units = batch.filter(isWork);
      if (units.length) waitForPrisma(units);
      return;
    }
    if (batch.length === 1) return one(batch[0]!);
    const results: ({ ok: true; value: unknown } | { ok: false; err: unknown })[] = [];
    try {
      // eslint-disable-next-line require-yield -- no statements to yield: the batch runs here, in the transaction
      inOneGo.immediate(function* () {
        for (const q of batch) {
          try {
            results.push({ ok: true, value: execute(q) });
          } catch (err) {
            if (!client.inTransaction) throw err; // the transaction is gone: every statement with it
            results.push({ ok: false, err });
          }
        }
      });
    } catch (err) {
      for (const q of batch) q.reject(err);
      return;
    }
    batch.forEach((q, i) => {
      const r = results[i]!;
      if (r.ok) q.resolve(r.value);
      else q.reject(r.err);
    });
  };
  const enqueue = (q: Queued) => {
    if (queue.push(q) === 1) setImmediate(flush);
  };
  return {
    flush,
    submit(stmt: BetterSqlite3.Statement, params: unknown[], rows: boolean): Promise<unknown> {
      return new Promise((resolve, reject) => {
        const w = { stmt, params, rows, resolve, reject };
        if (stmt.readonly) {
          flush();
          return one(w);
        }
        enqueue(w);
      });
    },
    submitWork(work: () => Work<unknown>, since: number, deadline: number): Promise<unknown> {
      return new Promise((resolve, reject) => enqueue({ work, since, deadline, resolve, reject }));
    },
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** Prisma's own format for `timestamp(3)` (UTC, no zone). */
export const pgTimestamp = (d: Date) =>
  `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
const pgValue = (v: SqlValue) => (v instanceof Date ? pgTimestamp(v) : typeof v === 'bigint' ? v.toString() : v);

const TIMESTAMP = 1114;

export function pgDirect(pool: pg.Pool, types: typeof pg.types): DirectSql {
  /** `timestamp(3)` columns hold UTC (pg's default parser would read them as local time). */
  const parsers = {
    getTypeParser: ((oid: number, format?: 'text'): ((s: string) => unknown) =>
      oid === TIMESTAMP
        ? (s: string) => new Date(`${s.replace(' ', 'T')}Z`)
        : (types.getTypeParser(oid, format) as (s: string) => unknown)) as never,
  };
  const names = new Map<string, { name: string; text: string }>();
  const query = (sql: string) => {
    let q = names.get(sql);
    if (!q) {
      let n = 0;
      q = { name: `liaison_${names.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      names.set(sql, q);
    }
    return q;
  };
  const connect = async (maxWaitMs: number): Promise<pg.PoolClient> => {
    let timer: NodeJS.Timeout | undefined;
    const pending = pool.connect();
    try {
      return await Promise.race([
        pending,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new DatabaseBusyError(maxWaitMs)), maxWaitMs);
        }),
      ]);
    } catch (err) {
      // A connection that comes after all goes back to the pool.
      pending.then(
        (c) => c.release(),
        () => undefined,
      );
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    provider: 'postgresql',
    async transaction<T>(work: () => Work<T>, maxWaitMs = DEFAULT_MAX_WAIT_MS): Promise<T> {
      const client = await connect(maxWaitMs);
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const steps = work();
        let next = steps.next();
        let committed = false;
        while (!next.done) {
          const step = next.value;
          if (committed) throw new Error('a unit of work went on after its committing step');
          if (step.commits) {
            if (step.params.length) throw new Error('a committing step takes no parameters');
            // Two statements in one simple query: their results come back as a list.
            const results = (await client.query({
              text: `${step.sql};\nCOMMIT`,
              types: parsers,
            })) as unknown as pg.QueryResult[];
            committed = true;
            next = steps.next(results[0]!.rows as Row[]);
            continue;
          }
          const res = await client.query({
            ...query(step.sql),
            values: step.params.map(pgValue),
            types: parsers,
          });
          next = steps.next(res.rows as Row[]);
        }
        if (!committed) await client.query('COMMIT');
        return next.value;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
        throw err;
      } finally {
        // A connection whose ROLLBACK failed is broken: the pool drops it.
        client.release(broken);
      }
    },
    all: async <T>(sql: string, params: SqlValue[]) =>
      (await pool.query({ ...query(sql), values: params.map(pgValue), types: parsers })).rows as T[],
    run: async (sql: string, params: SqlValue[]) =>
      (await pool.query({ ...query(sql), values: params.map(pgValue), types: parsers })).rowCount ?? 0,
    flush: () => undefined,
  };
}

/** A DateTime column's value as either driver returns it. */
export function dateValue(v: unknown): Date {
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(s) ? s : `${s}Z`);
}
/** A Json column's value as either driver returns it. */
export function jsonValue(v: unknown): unknown {
  return typeof v === 'string' ? JSON.parse(v) : v;
}

const byDb = new WeakMap<object, DirectSql>();
/** The driver createDb opened for this client. */
export function directOf(db: object): DirectSql {
  const direct = byDb.get(db);
  if (!direct) throw new Error('direct SQL needs a client opened by createDb (src/db/client.ts)');
  return direct;
}
export function registerDirect(db: object, direct: DirectSql) {
  byDb.set(db, direct);
}
