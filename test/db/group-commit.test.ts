import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { directOf, type DirectSql } from '../../src/db/direct-sql.js';
import { provisionTestDatabase } from '../support/db.js';
import { onSqlStatement, sqlText } from '../support/sql-statements.js';

// src/db/direct-sql.ts, groupCommit: on SQLite the hot path's writes issued in one turn of the event
// loop are committed together. Each must still stand or fall on its own, and every statement must
// see the writes issued before it.
describe('group commit of the direct writes on SQLite', () => {
  let h: DbHandle;
  let direct: DirectSql;
  let cleanup: () => Promise<void>;
  const INSERT = 'INSERT INTO "ProcessedUpdate" ("updateId", "processedAt", "attempts") VALUES (?, ?, 1)';
  const COUNT = 'SELECT COUNT(*) AS "n" FROM "ProcessedUpdate" WHERE "updateId" >= ? AND "updateId" < ?';
  const count = async (from: number, to: number) => Number((await direct.all<{ n: bigint }>(COUNT, [from, to]))[0]!.n);

  beforeAll(async () => {
    const db = await provisionTestDatabase('sqlite');
    cleanup = db.cleanup;
    h = await createDb(db.url);
    direct = directOf(h.db);
  });
  afterAll(async () => {
    await h?.close();
    await cleanup?.();
  });

  it('writes issued in one turn are one transaction, and each is stored', async () => {
    const seen: string[] = [];
    const stop = onSqlStatement((sql) => seen.push(sqlText(sql)));
    try {
      const changes = await Promise.all(
        Array.from({ length: 20 }, (_, i) => direct.run(INSERT, [1000 + i, new Date()])),
      );
      expect(changes).toEqual(Array(20).fill(1));
    } finally {
      stop();
    }
    expect(seen.filter((s) => /^BEGIN/.test(s))).toHaveLength(1);
    expect(seen.filter((s) => s === 'COMMIT')).toHaveLength(1);
    expect(seen.filter((s) => s.startsWith('INSERT'))).toHaveLength(20);
    expect(await count(1000, 1020)).toBe(20);
  });

  it('a statement that fails fails alone: the others of its turn are committed', async () => {
    const results = await Promise.allSettled([
      direct.run(INSERT, [2000, new Date()]),
      direct.run(INSERT, [1000, new Date()]), // already stored: a unique violation
      direct.run(INSERT, [2001, new Date()]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(await count(2000, 2002)).toBe(2);
  });

  it('a read, a transaction and a Prisma query see the writes issued before them in the same turn', async () => {
    const write = direct.run(INSERT, [3000, new Date()]);
    const read = count(3000, 3001);
    const write2 = direct.run(INSERT, [3001, new Date()]);
    const inTransaction = direct.transaction(function* () {
      const rows = yield { sql: COUNT, params: [3000, 3002] };
      return Number(rows[0]!.n);
    });
    expect(await read).toBe(1);
    await Promise.all([write, write2]);
    expect(await inTransaction).toBe(2);
    const write3 = direct.run(INSERT, [3002, new Date()]);
    expect(await h.db.processedUpdate.count({ where: { updateId: 3002n } })).toBe(1);
    await write3;
  });

  it('a write that returns rows (RETURNING) gets them back from the group', async () => {
    const [a, b] = await Promise.all([
      direct.all<{ updateId: bigint }>(`${INSERT} RETURNING "updateId"`, [4000, new Date()]),
      direct.all<{ updateId: bigint }>(`${INSERT} RETURNING "updateId"`, [4001, new Date()]),
    ]);
    expect([a[0]!.updateId, b[0]!.updateId]).toEqual([4000n, 4001n]);
  });

  // Units of work (DirectSql.transaction) join the turn's group commit, each in a savepoint.
  const stored = async (ids: number[]) =>
    (await h.db.processedUpdate.findMany({ where: { updateId: { in: ids.map(BigInt) } } })).map((r) =>
      Number(r.updateId),
    );
  /** A unit of work inserting `ids` one by one, returning how many of 100…199 it saw stored before it. */
  const unit = (ids: number[]) =>
    direct.transaction(function* () {
      const before = yield { sql: COUNT, params: [100, 200] };
      for (const id of ids) yield { sql: INSERT, params: [id, new Date()] };
      return Number(before[0]!.n);
    });

  it('units of work and writes issued in one turn share one COMMIT, each unit in a savepoint of its own', async () => {
    const seen: string[] = [];
    const stop = onSqlStatement((sql) => seen.push(sqlText(sql)));
    let results;
    try {
      results = await Promise.all([unit([100, 101]), direct.run(INSERT, [102, new Date()]), unit([103])]);
    } finally {
      stop();
    }
    // The second unit sees what the first unit and the write before it stored.
    expect(results).toEqual([0, 1, 3]);
    expect(seen.filter((s) => /^BEGIN/.test(s))).toHaveLength(1);
    expect(seen.filter((s) => s === 'COMMIT')).toHaveLength(1);
    expect(seen.filter((s) => /^SAVEPOINT/.test(s))).toHaveLength(2);
    expect(await stored([100, 101, 102, 103])).toEqual([100, 101, 102, 103]);
  });

  it('a unit of work that fails midway stores nothing of its own; the others of its turn are committed', async () => {
    const results = await Promise.allSettled([
      unit([150]),
      unit([151, 100]), // 100 is stored already: fails at its second statement
      direct.run(INSERT, [152, new Date()]),
      unit([153]),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(await stored([150, 151, 152, 153])).toEqual([150, 152, 153]);
  });

  it('a unit of work waits for a Prisma transaction holding the connection, and runs after it', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const prisma = h.db.$transaction(async (tx) => {
      await tx.processedUpdate.create({ data: { updateId: 5000n, processedAt: new Date(), attempts: 1 } });
      await held;
    });
    // Issued while Prisma's transaction is open (it began in an earlier turn).
    await new Promise((r) => setTimeout(r, 20));
    const u = unit([160]);
    await new Promise((r) => setTimeout(r, 20));
    expect(await stored([160])).toEqual([]);
    release();
    await prisma;
    await u;
    expect(await stored([5000, 160])).toEqual([160, 5000]);
  });
});

describe('group commit at close', () => {
  it('writes still queued when the database is closed are committed first, not lost', async () => {
    const db = await provisionTestDatabase('sqlite');
    const INSERT = 'INSERT INTO "ProcessedUpdate" ("updateId", "processedAt", "attempts") VALUES (?, ?, 1)';
    try {
      const h = await createDb(db.url);
      // Issued in the turn the handle closes in: queued for the end of the turn, after the close.
      const writes = [1, 2, 3].map((i) => directOf(h.db).run(INSERT, [9000 + i, new Date()]));
      await h.close();
      expect(await Promise.all(writes)).toEqual([1, 1, 1]);
      const again = await createDb(db.url);
      try {
        expect(await again.db.processedUpdate.count({ where: { updateId: { gte: 9001, lte: 9003 } } })).toBe(3);
      } finally {
        await again.close();
      }
    } finally {
      await db.cleanup();
    }
  });
});
