import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testProviders, type TestDb } from '../support/db.js';
import { approveChangeRequest, rejectChangeRequest, submitEdit } from '../../src/services/change-requests.js';
import { createInvite, redeemInvite } from '../../src/services/invites.js';
import { createLogger } from '../../src/logger.js';
import { DateTime } from 'luxon';

const NOW = new Date('2025-04-10T03:00:00Z');

describe.each(testProviders())('change requests and invites on %s', (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('a change request is applied once, with history, however often it is approved', async () => {
    const deps = { repos: t.repos, logger: createLogger('silent') };
    const agency = await t.repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp' });
    const focal = await t.repos.users.upsertWithRole({ telegramId: 1n }, 'FOCAL', agency.id);
    const coord = await t.repos.users.upsertWithRole({ telegramId: 2n }, 'COORDINATOR', null);
    const a = await t.repos.activities.create(
      { type: 'OTHER', title: 'Cũ', leadAgencyId: agency.id, status: 'AUTHORIZED', costVnd: 1n },
      { userId: focal.id, referenceYear: 2025, now: NOW },
    );
    const res = await submitEdit(deps, {
      user: focal,
      activityId: a.id,
      changes: { title: 'Mới', costVnd: 2_000_000n, startDate: new Date('2025-05-01T00:00:00Z') },
      now: NOW,
    });
    expect(res.kind).toBe('requested');
    const id = (res as { requestId: number }).requestId;
    expect((await t.repos.activities.findById(a.id))?.title).toBe('Cũ');
    const both = await Promise.all([
      approveChangeRequest(deps, { id, user: coord, now: NOW }),
      approveChangeRequest(deps, { id, user: coord, now: NOW }),
    ]);
    expect(both.map((r) => r.kind).sort()).toEqual(['already-decided', 'approved']);
    const after = await t.repos.activities.findById(a.id);
    expect(after).toMatchObject({ title: 'Mới', costVnd: 2_000_000n, startDate: new Date('2025-05-01T00:00:00Z') });
    const history = await t.repos.activities.history(a.id);
    expect(
      history
        .filter((h) => h.action === 'UPDATE')
        .map((h) => h.field)
        .sort(),
    ).toEqual(['costVnd', 'startDate', 'title']);
    expect(history.map((h) => h.action)).toEqual(expect.arrayContaining(['CHANGE_REQUEST', 'CHANGE_APPROVED']));
    expect(await rejectChangeRequest(deps, { id, user: coord, reason: 'muộn', now: NOW })).toMatchObject({
      kind: 'already-decided',
    });
    expect(await approveChangeRequest(deps, { id, user: focal, now: NOW })).toMatchObject({ kind: 'not-allowed' });
  });

  it('two people redeeming one invite at once: one user is created', async () => {
    const invite = await createInvite(t.repos, {
      role: 'HEAD',
      agencyId: null,
      createdById: null,
      now: DateTime.fromJSDate(NOW),
    });
    const results = await Promise.all(
      [10n, 11n].map((telegramId) => redeemInvite(t.repos, invite.token, { telegramId }, NOW)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ reason: 'used' });
    const users = await Promise.all([10n, 11n].map((id) => t.repos.users.findByTelegramId(id)));
    expect(users.filter(Boolean)).toHaveLength(1);
  });
});
