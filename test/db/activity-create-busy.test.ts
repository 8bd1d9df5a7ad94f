import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBusyError, Prisma } from '../../src/db/client.js';
import { DatabaseBusyError } from '../../src/db/direct-sql.js';
import { createTestDb, testProviders, type TestDb } from '../support/db.js';
import { onSqlStatement, sqlText } from '../support/sql-statements.js';

// Issue #15: under load a registration's transaction could not start within Prisma's 2 s. The
// create now waits longer (CREATE_MAX_WAIT_MS); it inserts the activity under a provisional reference
// (pending:…) and takes the year's counter last; a create that fails stores nothing, not even a number.
describe.each(testProviders())('activity create under load, on %s', (provider) => {
  let t: TestDb;
  let agencyId: number;
  beforeAll(async () => {
    t = await createTestDb(provider);
    agencyId = (await t.repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' })).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  const input = (over: object = {}) => ({
    type: 'INBOUND' as const,
    title: 'Đón đoàn tỉnh Champasak (Lào)',
    leadAgencyId: agencyId,
    timingPrecision: 'TBD' as const,
    status: 'SUBMITTED' as const,
    ...over,
  });
  const by = { userId: null, referenceYear: 2025, now: new Date('2025-04-01T02:00:00Z') };

  it('30 creates at once: all stored, 30 consecutive references, each on its own activity', async () => {
    const made = await Promise.all(Array.from({ length: 30 }, () => t.repos.activities.create(input(), by)));
    const refs = made.map((a) => a.reference).sort();
    expect(refs).toEqual(Array.from({ length: 30 }, (_, i) => `2025-${String(i + 1).padStart(3, '0')}`));
    for (const a of made) expect((await t.repos.activities.findByReference(a.reference))?.id).toBe(a.id);
    expect(await t.db.activity.count({ where: { reference: { startsWith: 'pending:' } } })).toBe(0);
  });

  it('a create that fails midway stores nothing and takes no number', async () => {
    const before = await t.db.activity.count();
    await expect(t.repos.activities.create(input({ coordinatingAgencyIds: [987_654] }), by)).rejects.toThrow();
    expect(await t.db.activity.count()).toBe(before);
    expect(await t.db.referenceCounter.findUnique({ where: { year: 2025 } })).toMatchObject({ last: 30 });
    expect((await t.repos.activities.create(input(), by)).reference).toBe('2025-031');
  });

  it('made together with one that fails: the others are numbered in order without a gap, the failing one stores nothing', async () => {
    const before = await t.db.activity.count();
    const last = (await t.db.referenceCounter.findUnique({ where: { year: 2025 } }))!.last;
    const statements: string[] = [];
    const stop = onSqlStatement((sql) => statements.push(sqlText(sql)));
    let results;
    try {
      // Issued in one turn: on PostgreSQL one transaction (then each alone, since one fails).
      results = await Promise.allSettled([
        t.repos.activities.create(input({ title: 'một' }), by),
        t.repos.activities.create(input({ title: 'hai', coordinatingAgencyIds: [987_654] }), by),
        t.repos.activities.create(input({ title: 'ba' }), by),
      ]);
    } finally {
      stop();
    }
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const refs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.reference] : []));
    expect(refs).toEqual([last + 1, last + 2].map((n) => `2025-${String(n).padStart(3, '0')}`));
    expect(await t.db.activity.count()).toBe(before + 2);
    expect(await t.db.activity.count({ where: { title: 'hai' } })).toBe(0);
    // PostgreSQL: the batch, rolled back, then each alone (BEGIN once for the batch, once each).
    if (provider === 'postgresql') expect(statements.filter((x) => x === 'BEGIN')).toHaveLength(4);
  });

  it('on PostgreSQL, registrations made in one turn are one transaction, numbered in the order they were made by one statement sent with the COMMIT', async () => {
    if (provider !== 'postgresql') return;
    const statements: string[] = [];
    const stop = onSqlStatement((sql) => statements.push(sqlText(sql)));
    try {
      const made = await Promise.all(
        Array.from({ length: 5 }, (_, i) => t.repos.activities.create(input({ title: `đoàn ${i}` }), by)),
      );
      const numbers = made.map((a) => Number(a.reference.slice(5)));
      expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i)); // in the order they were made
      for (const a of made) expect((await t.repos.activities.findByReference(a.reference))?.title).toBe(a.title);
    } finally {
      stop();
    }
    expect(statements.filter((x) => x === 'BEGIN')).toHaveLength(1);
    const counter = statements.filter((x) => x.includes('"ReferenceCounter"'));
    expect(counter).toHaveLength(1);
    expect(counter[0]).toMatch(/;\s*COMMIT$/);
    expect(statements).not.toContain('COMMIT'); // no COMMIT of its own: it went with the numbers
  });

  it('made together across a new year: each numbered in its own year', async () => {
    const last = (await t.db.referenceCounter.findUnique({ where: { year: 2025 } }))!.last;
    const [a, b, c] = await Promise.all([
      t.repos.activities.create(input({ title: 'cuối năm' }), by),
      t.repos.activities.create(input({ title: 'đầu năm' }), { ...by, referenceYear: 2026 }),
      t.repos.activities.create(input({ title: 'cuối năm nữa' }), by),
    ]);
    expect([a.reference, b.reference, c.reference]).toEqual([
      `2025-${String(last + 1).padStart(3, '0')}`,
      '2026-001',
      `2025-${String(last + 2).padStart(3, '0')}`,
    ]);
    expect((await t.repos.activities.findByReference('2026-001'))?.title).toBe('đầu năm');
  });

  it('Prisma\'s "could not start a transaction in time", a timed-out transaction and a write conflict are "busy"; others are not', () => {
    const err = (code: string) =>
      new Prisma.PrismaClientKnownRequestError('x', { code, clientVersion: Prisma.prismaVersion.client });
    expect(isBusyError(err('P2028'))).toBe(true);
    expect(isBusyError(err('P2034'))).toBe(true);
    expect(isBusyError(err('P1008'))).toBe(true);
    expect(isBusyError(err('P2002'))).toBe(false);
    expect(isBusyError(new Error('boom'))).toBe(false);
    expect(isBusyError(new DatabaseBusyError(10_000))).toBe(true);
  });
});
