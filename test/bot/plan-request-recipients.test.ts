import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { actAll as act, alerts, lastSent as last, textsTo } from '../support/steps.js';

// A plan request over HTTP: agencies created after it opened are asked when the coordinator adds
// them (told, then reminded like the others); closing it before the deadline calls nobody late.

const COORD = 6_800_000_900;
const FOCAL_OLD = 6_800_000_001;
const FOCAL_NEW = 6_800_000_002;

describe('plan request recipients and early close', () => {
  let h: Harness;
  let planId: number;
  let newAgency: number;

  beforeAll(async () => {
    h = await startHarness({ now: '2024-09-10T09:00' });
    await h.app.jobs.idle();
    const { repos } = h.app;
    const old = await repos.agencies.create({ code: 'SCT', nameVi: 'Sở Công Thương' });
    await repos.users.upsertWithRole(
      { telegramId: BigInt(FOCAL_OLD), displayName: 'Đầu mối Công Thương' },
      'FOCAL',
      old.id,
    );
    await repos.users.upsertWithRole({ telegramId: BigInt(COORD), displayName: 'Chuyên viên' }, 'COORDINATOR', null);
    planId = (
      await repos.plans.create({
        kind: 'REQUEST',
        title: 'Kế hoạch đối ngoại năm 2025',
        year: 2025,
        deadline: new Date('2024-09-25T16:59:59Z'),
        createdAt: h.clock.now.toJSDate(),
      })
    ).id;
    // Created after the request opened (e.g. an agency merged in 2025): not asked yet.
    newAgency = (await repos.agencies.create({ code: 'SDL', nameVi: 'Sở Du lịch' })).id;
    await repos.users.upsertWithRole(
      { telegramId: BigInt(FOCAL_NEW), displayName: 'Đầu mối Du lịch' },
      'FOCAL',
      newAgency,
    );
    h.fake.user(FOCAL_NEW, { firstName: 'Du lịch', languageCode: 'vi' });
    h.fake.user(FOCAL_OLD, { firstName: 'Công Thương', languageCode: 'vi' });
  }, 30_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('the coordinator adds an agency created after the request opened; its focal point is told', async () => {
    const coord = h.fake.user(COORD, { firstName: 'Chuyên viên', languageCode: 'vi' });
    expect(await h.app.repos.plans.response(planId, newAgency)).toBeNull();
    await act(h, () => coord.command('plans'));
    await act(h, () => coord.pressButton(/^1\. /));
    await act(h, () => coord.pressButton('➕ Đề nghị thêm cơ quan'));
    expect(last(h, COORD).text).toContain('1 cơ quan chưa được đề nghị');
    const calls = await act(h, () => coord.pressButton(/➕ SDL/));
    expect(alerts(calls).join()).toContain('Đã đề nghị thêm 1 cơ quan');
    expect((await h.app.repos.plans.response(planId, newAgency))?.status).toBe('PENDING');
    expect(last(h, COORD).text).toContain('Mọi cơ quan đang hoạt động đều đã được đề nghị');
    const sent = await act(h, () => h.app.jobs.dispatch(h.clock.now));
    expect(textsTo(sent, FOCAL_NEW).join()).toContain('Kế hoạch đối ngoại năm 2025');
    expect(textsTo(sent, FOCAL_OLD)).toEqual([]);
  });

  it('closing before the deadline calls nobody late', async () => {
    const coord = h.fake.user(COORD);
    await act(h, () => coord.command('plans'));
    await act(h, () => coord.pressButton(/^1\. /));
    await act(h, () => coord.pressButton('🔒 Kết thúc đợt'));
    await act(h, () => coord.pressButton('🔒 Xác nhận kết thúc'));
    const board = last(h, COORD).text!;
    expect(board).toContain('Quá hạn, coi như không có kế hoạch (0)');
    expect(board).toContain('Chưa trả lời (2)');
    const responses = await h.app.repos.plans.responses(planId);
    expect(responses.map((r) => r.status)).toEqual(['PENDING', 'PENDING']);
  });
});
