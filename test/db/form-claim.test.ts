import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FormClaimedError } from '../../src/db/repos/conversations.js';
import { createTestDb, testProviders, type TestDb } from '../support/db.js';

// A registration's form is claimed (its conversation deleted with the version read) in the unit of
// work that stores the activity: the form is gone exactly when the activity is stored, so a crash
// between the two cannot lose a submitted form, and a second press cannot store it twice.
describe.each(testProviders())('a form claimed with its registration, on %s', (provider) => {
  let t: TestDb;
  let agencyId: number;
  let chat = 500n;
  beforeAll(async () => {
    t = await createTestDb(provider);
    agencyId = (await t.repos.agencies.create({ code: 'SCT', nameVi: 'Sở Công Thương' })).id;
  });
  afterAll(async () => {
    await t?.drop();
  });

  const input = (over: object = {}) => ({
    type: 'LETTER' as const,
    title: 'Thư chúc mừng Quốc khánh nước CHDCND Lào',
    leadAgencyId: agencyId,
    timingPrecision: 'TBD' as const,
    status: 'SUBMITTED' as const,
    ...over,
  });
  const by = { userId: null, referenceYear: 2026, now: new Date('2026-04-01T02:00:00Z') };
  const expires = new Date('2030-01-01T00:00:00Z');
  /** A form of its own chat, saved `saves` times: its chat id and the version it is at. */
  const openForm = async (saves = 1) => {
    const chatId = ++chat;
    let version = 0;
    for (let i = 0; i < saves; i++)
      version = await t.repos.conversations.save(
        chatId,
        chatId,
        'form',
        { step: i },
        i === 0 ? null : version,
        expires,
      );
    return { chatId, version };
  };
  const register = (form: { chatId: bigint }, version: number, over: object = {}) =>
    t.repos.conversations.claimWith(form.chatId, form.chatId, version, (claim) =>
      t.repos.activities.create(input(over), by, { claim }),
    );
  const counter = async () => (await t.db.referenceCounter.findUnique({ where: { year: 2026 } }))?.last ?? 0;

  it('stores the activity and removes the form together', async () => {
    const form = await openForm();
    const { value: a, claimed } = await register(form, form.version);
    expect(claimed).toBe(true);
    expect(a.reference).toBe('2026-001');
    expect(await t.repos.conversations.get(form.chatId, form.chatId)).toBeNull();
  });

  it('a claim on a version no longer there (a second press, a save since): nothing stored, no number taken, the form as it was', async () => {
    const form = await openForm(2);
    const before = await t.db.activity.count();
    await expect(register(form, form.version - 1)).rejects.toBeInstanceOf(FormClaimedError);
    expect(await t.db.activity.count()).toBe(before);
    expect(await counter()).toBe(1);
    expect((await t.repos.conversations.get(form.chatId, form.chatId))?.version).toBe(form.version);
    // Claimed once: the same claim again fails.
    await register(form, form.version);
    await expect(register(form, form.version)).rejects.toBeInstanceOf(FormClaimedError);
    expect(await counter()).toBe(2);
  });

  it('a registration that fails after its claim leaves the form open at its version (nothing to restore)', async () => {
    const form = await openForm();
    const before = await t.db.activity.count();
    // An agency that does not exist: the coordinators' insert fails after the claim and the activity row.
    await expect(register(form, form.version, { coordinatingAgencyIds: [987_654] })).rejects.toThrow();
    expect(await t.db.activity.count()).toBe(before);
    expect((await t.repos.conversations.get(form.chatId, form.chatId))?.version).toBe(form.version);
    expect((await register(form, form.version)).value.reference).toBe('2026-003');
  });

  it('registrations made together: a stale claim fails alone, the others are stored and numbered in order', async () => {
    const [a, b, c] = [await openForm(), await openForm(), await openForm()];
    const results = await Promise.allSettled([
      register(a, a.version, { title: 'một' }),
      register(b, b.version + 1, { title: 'hai' }),
      register(c, c.version, { title: 'ba' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(FormClaimedError);
    const refs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.value.reference] : []));
    expect(refs).toEqual(['2026-004', '2026-005']);
    expect(await t.repos.conversations.get(a.chatId, a.chatId)).toBeNull();
    expect((await t.repos.conversations.get(b.chatId, b.chatId))?.version).toBe(b.version);
    expect(await t.db.activity.count({ where: { title: 'hai' } })).toBe(0);
  });
});
