import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/db/client.js';
import { startHarness, type Harness } from '../support/harness.js';
import { act, focalPoint, last, sentTexts, startForm, type Focal } from './register-helpers.js';

// Issue #15: a submit the database could not take in time (Prisma: "Unable to start a transaction
// in the given time", P2028) used to answer with a generic error. Now the user is told plainly that
// it was not saved and to press again; the form is kept, nothing is stored, and pressing again saves.
describe('registration submit when the database is busy', () => {
  let h: Harness;
  let f: Focal;
  beforeAll(async () => {
    h = await startHarness();
    f = await focalPoint(h, 6_200_000_031, { code: 'SCT', name: 'Sở Công Thương' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** A new "Hoạt động khác" form walked to its review card. */
  async function toReview() {
    await startForm(h, f, 'Hoạt động khác');
    const id = f.user.id;
    for (const answer of ['Hội chợ thương mại quốc tế']) await act(h, id, () => f.user.send(answer));
    // Skip every optional question and answer the required ones until the review card.
    for (let i = 0; i < 12 && !/Xin kiểm tra lại/.test(last(h, id).text ?? ''); i++) {
      const q = last(h, id).text ?? '';
      if (/^Thời gian/.test(q)) await act(h, id, () => f.user.send('15-4-2025'));
      else if (/^Địa điểm/.test(q)) await act(h, id, () => f.user.send('Thành phố Lai Châu'));
      else await act(h, id, () => f.user.command('skip'));
    }
    expect(last(h, id).text).toMatch(/Xin kiểm tra lại/);
    return id;
  }

  it('says "not saved, press again", keeps the form and stores nothing; the second press saves it', async () => {
    const id = await toReview();
    const repo = h.app.repos.activities;
    const real = repo.create;
    let calls = 0;
    repo.create = async (...args) => {
      if (calls++ === 0)
        throw new Prisma.PrismaClientKnownRequestError(
          'Transaction API error: Unable to start a transaction in the given time.',
          { code: 'P2028', clientVersion: Prisma.prismaVersion.client },
        );
      return real(...args);
    };
    try {
      const first = await act(h, id, () => f.user.pressButton(/^✅/));
      const said = sentTexts(first);
      expect(said).toEqual([expect.stringContaining('Chưa lưu được: hệ thống đang bận')]);
      expect(said[0]).toContain('bấm lại nút ✅');
      expect(said.join('\n')).not.toMatch(/Xin lỗi, đã có lỗi/);
      expect(await h.app.db.db.activity.count()).toBe(0);
      expect(await h.app.repos.conversations.get(BigInt(id), BigInt(id))).not.toBeNull();

      await act(h, id, () => f.user.pressButton(/^✅/));
      expect(last(h, id).text).toMatch(/Số hiệu: \d{4}-\d{3}/);
      expect(await h.app.db.db.activity.count()).toBe(1);
      expect(await h.app.repos.conversations.get(BigInt(id), BigInt(id))).toBeNull();
      expect(calls).toBe(2);
    } finally {
      repo.create = real;
    }
  });

  it('a registration that fails after claiming its form leaves the form as it was (not deleted and restored): the next press saves it', async () => {
    const id = await toReview();
    const before = (await h.app.repos.conversations.get(BigInt(id), BigInt(id)))!.version;
    const activities = await h.app.db.db.activity.count();
    const repo = h.app.repos.activities;
    const real = repo.create;
    let calls = 0;
    // The first time, the coordinators' insert fails (no such agency), after the claim and the activity row.
    repo.create = (input, by, opts) =>
      real(calls++ === 0 ? { ...input, coordinatingAgencyIds: [987_654] } : input, by, opts);
    try {
      const since = h.fake.mark();
      await act(h, id, () => f.user.pressButton(/^✅/));
      // The press is answered with the apology (an alert): the error is the database's, not the user's.
      const alerts = h.fake.calls.filter((c) => c.seq >= since && c.method === 'answerCallbackQuery');
      expect(alerts.map((c) => String(c.params.text))).toEqual([expect.stringContaining('Xin lỗi, đã có lỗi')]);
      expect(await h.app.db.db.activity.count()).toBe(activities);
      // The claim was undone with the registration: the form is the row it was, at its version.
      expect((await h.app.repos.conversations.get(BigInt(id), BigInt(id)))?.version).toBe(before);

      await act(h, id, () => f.user.pressButton(/^✅/));
      expect(last(h, id).text).toMatch(/Số hiệu: \d{4}-\d{3}/);
      expect(await h.app.db.db.activity.count()).toBe(activities + 1);
      expect(await h.app.repos.conversations.get(BigInt(id), BigInt(id))).toBeNull();
    } finally {
      repo.create = real;
    }
  });
});
