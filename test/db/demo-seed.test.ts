import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRefusedMessage, seedDemo } from '../../src/demo/seed.js';
import { createTestDb, testProviders, type TestDb } from '../support/db.js';

describe.each(testProviders())('demo data on %s', (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('loads the seeds once with their real names, partners and dates', async () => {
    const first = await seedDemo(t.repos, new Date('2026-11-22T00:00:00Z'));
    expect(first).toMatchObject({ skipped: false, agencies: 17, plans: 3, activities: 19, followUps: 2 });
    expect((await seedDemo(t.repos, new Date())).skipped).toBe(true);

    const request = (await t.repos.plans.listOpen('REQUEST'))[0]!;
    expect(request.title).toBe('Kế hoạch đối ngoại năm 2025');
    // 25/09/2024, end of the day in Việt Nam.
    expect(request.deadline?.toISOString()).toBe('2024-09-25T16:59:59.999Z');
    expect((await t.repos.plans.responses(request.id)).length).toBe(17);

    const talks = await t.repos.activities.findByReference('2022-009');
    expect(talks?.type).toBe('ONLINE_TALK');
    expect(talks?.partnerName).toBe('Chính phủ nhân dân huyện Long Châu, Quảng Tây');
    expect(talks?.countries.map((c) => c.countryCode)).toEqual(['CN']);
    const followUps = await t.repos.followUps.listOpen();
    expect(followUps.map((f) => f.dueDate.toISOString().slice(0, 10))).toEqual(['2022-08-18', '2022-09-15']);

    const izumisano = (
      await t.repos.activities.listByAgency((await t.repos.agencies.findByCode('SNGV'))!.id, {
        type: 'OUTBOUND',
        take: 50,
      })
    ).items.find((a) => a.title.includes('Izumisano'));
    expect(izumisano).toMatchObject({ timingPrecision: 'MONTH', timingText: 'tháng 4 năm 2023' });
    expect(izumisano?.startDate?.toISOString()).toBe('2023-04-01T00:00:00.000Z');
    expect(izumisano?.coordinators.length).toBe(7);

    // Today's administrative names: no district level (from 01/7/2025), the merged departments.
    const names = (await t.repos.agencies.list()).map((a) => a.nameVi);
    for (const name of [
      'Sở Nông nghiệp và Môi trường',
      'Sở Tài chính',
      'Sở Khoa học và Công nghệ',
      'Sở Nội vụ',
      'Sở Dân tộc và Tôn giáo',
      'Sở Xây dựng',
      'UBND xã Vĩnh Thạnh',
    ])
      expect(names).toContain(name);
    for (const gone of [
      /huyện/i,
      /Kế hoạch và Đầu tư/,
      /Thông tin và Truyền thông/,
      /Lao động - Thương binh/,
      /Phát triển nông thôn/,
      /Giao thông vận tải/,
    ])
      expect(names.filter((n) => gone.test(n))).toEqual([]);
  });
});

describe.each(testProviders())('demo data refused on a database with data of its own, on %s', (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(provider);
  });
  afterAll(async () => {
    await t?.drop();
  });

  it('loads nothing and says how to load the demo into a new database', async () => {
    await t.repos.agencies.create({ code: 'SNGV', nameVi: 'Sở Ngoại vụ tỉnh Gia Lai' });
    const r = await seedDemo(t.repos, new Date());
    expect(r).toMatchObject({ skipped: true, refused: true, agencies: 1, activities: 0 });
    expect(demoRefusedMessage(r)).toContain('new database');
    expect(await t.repos.agencies.count()).toBe(1);
    expect(await t.repos.activities.count()).toBe(0);
    expect((await t.repos.plans.listOpen('REQUEST')).length).toBe(0);
  });
});
