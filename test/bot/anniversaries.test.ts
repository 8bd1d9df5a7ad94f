import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { inlineButtons } from '../support/fake-telegram/index.js';
import { actAll as act, alerts, lastSent as last, textsTo as texts } from '../support/steps.js';

// The anniversary calendar (docs/product.md#anniversaries) over HTTP: it starts with the seeds' dates, proposes a
// congratulatory letter ahead of a national day, turns it into a LETTER activity with one tap
// (once), and coordinators edit, pause and add dates.

const COORD = 6_800_000_900;
const FOCAL = 6_800_000_001;

describe('/anniversaries', () => {
  let h: Harness;
  let sngvId: number;

  beforeAll(async () => {
    h = await startHarness({ now: '2025-10-01T09:00' });
    await h.app.jobs.idle();
    const { repos } = h.app;
    const sngv = await repos.agencies.create({ code: 'SNGV', nameVi: 'Sở Ngoại vụ' });
    sngvId = sngv.id;
    const snn = await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Phát triển nông thôn' });
    await repos.users.upsertWithRole({ telegramId: BigInt(COORD), displayName: 'Chuyên viên' }, 'COORDINATOR', null);
    await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL), displayName: 'Đầu mối' }, 'FOCAL', snn.id);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('shows the seeded calendar and proposes the letter for the Cambodian National Day', async () => {
    const coord = h.fake.user(COORD, { firstName: 'Chuyên viên', languageCode: 'vi' });
    await act(h, () => coord.command('anniversaries'));
    const text = last(h, COORD).text ?? '';
    expect(text).toContain('Lịch (8 ngày)');
    expect(text).toContain(
      '21/09/1973 — Quan hệ ngoại giao Việt Nam – Nhật Bản (Nhật Bản; thiết lập quan hệ ngoại giao)',
    );
    expect(text).toContain('18/07/1977 — Hiệp ước Hữu nghị và Hợp tác Việt Nam – Lào');
    expect(text).toContain(
      '09/11/2025 — Kỷ niệm 72 năm Quốc khánh Vương quốc Campuchia (9/11/1953 – 9/11/2025) (quốc khánh)',
    );
    // Not round (52 years) and beyond 60 days: not proposed.
    expect(text).not.toContain('Kỷ niệm 52 năm');
    expect(text).not.toContain('02/12/2025'); // the Lao National Day is 62 days away
    expect(inlineButtons(last(h, COORD)).map((b) => b.text)).toContain('✉️ Tạo thư chúc mừng 09/11 · Campuchia');
  });

  it('one tap makes it a LETTER activity, once', async () => {
    const coord = h.fake.user(COORD);
    const menu = last(h, COORD);
    const button = inlineButtons(menu).find((b) => b.text.startsWith('✉️'))!;
    let calls = await act(h, () => coord.pressButton('✉️ Tạo thư chúc mừng 09/11 · Campuchia'));
    expect(texts(calls, COORD).join()).toContain('Đã tạo hoạt động thư chúc mừng');
    const letter = await h.app.repos.activities.findBySourceRef('anniversary:kh-national-day:2025');
    expect(letter).toMatchObject({
      type: 'LETTER',
      title: 'Thư chúc mừng nhân dịp Kỷ niệm 72 năm Quốc khánh Vương quốc Campuchia (9/11/1953 – 9/11/2025)',
      leadAgencyId: sngvId,
      status: 'AGREED',
      timingPrecision: 'DEADLINE',
      details: {
        occasion: 'NATIONAL_DAY',
        anniversaryKey: 'kh-national-day',
        anniversaryDate: '2025-11-09',
        years: 72,
      },
    });
    expect(letter!.endDate?.toISOString()).toBe('2025-11-09T00:00:00.000Z');
    expect(letter!.countries.map((c) => c.countryCode)).toEqual(['KH']);
    expect(h.fake.message(COORD, menu.message_id)?.text).toContain(`đã tạo hoạt động ${letter!.reference}`);

    // The old button pressed again: already created, nothing more.
    calls = await act(h, () => coord.press(menu.message_id, button.callback_data!));
    expect(alerts(calls).join()).toContain(`đã được tạo: ${letter!.reference}`);
    // A crafted occasion that is no proposal (52nd anniversary with Japan): refused.
    const jp = (await h.app.repos.calendar.listAnniversaries()).find((a) => a.key === 'vn-jp-diplomatic-relations')!;
    calls = await act(h, () => coord.press(menu.message_id, `an:c:${jp.id}:2025`));
    expect(alerts(calls).join()).toContain('hết hiệu lực');
    const letters = (await h.app.repos.activities.listByAgency(sngvId, { type: 'LETTER' })).items;
    expect(letters).toHaveLength(1);
  });

  it('a coordinator edits a date (an impossible one is refused), pauses one, adds one', async () => {
    const coord = h.fake.user(COORD);
    await act(h, () => coord.command('anniversaries'));
    await act(h, () => coord.pressButton('✏️ Sửa lịch'));
    await act(h, () => coord.pressButton(/Việt Nam – Nhật Bản/));
    expect(last(h, COORD).text).toContain('Ngày gốc: 21/09/1973');
    await act(h, () => coord.pressButton('✏️ Sửa'));
    await act(h, () => coord.pressButton(/^✏️ Ngày gốc/));
    let calls = await act(h, () => coord.send('31/02/1973'));
    expect(texts(calls, COORD).join('\n')).toContain('Ví dụ: 21/09/1973');
    await act(h, () => coord.send('20/9/1973'));
    calls = await act(h, () => coord.pressButton('💾 Lưu'));
    expect(texts(calls, COORD).join()).toContain('Đã lưu «Quan hệ ngoại giao Việt Nam – Nhật Bản» (20/09/1973)');
    const jp = (await h.app.repos.calendar.listAnniversaries()).find((a) => a.key === 'vn-jp-diplomatic-relations')!;
    expect([jp.day, jp.month, jp.baseYear]).toEqual([20, 9, 1973]);

    await act(h, () => coord.command('anniversaries'));
    await act(h, () => coord.pressButton('✏️ Sửa lịch'));
    await act(h, () => coord.pressButton(/Quốc khánh nước Cộng hòa Dân chủ Nhân dân Lào/));
    await act(h, () => coord.pressButton('⏸ Tạm ngừng'));
    expect(last(h, COORD).text).toContain('Trạng thái: tạm ngừng');
    expect((await h.app.repos.calendar.listAnniversaries()).find((a) => a.key === 'la-national-day')?.active).toBe(
      false,
    );

    await act(h, () => coord.command('anniversaries'));
    await act(h, () => coord.pressButton('➕ Thêm ngày kỷ niệm'));
    await act(h, () => coord.pressButton('thiết lập quan hệ ngoại giao'));
    await act(h, () => coord.send('Thái Lan'));
    await act(h, () => coord.pressButton(/Thái Lan/));
    await act(h, () => coord.send('Quan hệ ngoại giao Việt Nam – Thái Lan'));
    await act(h, () => coord.command('skip'));
    await act(h, () => coord.send('6/8/1976'));
    await act(h, () => coord.pressButton('💾 Lưu'));
    const th = (await h.app.repos.calendar.listAnniversaries()).find((a) => a.countryCode === 'TH');
    expect(th).toMatchObject({
      kind: 'DIPLOMATIC_RELATIONS',
      nameVi: 'Quan hệ ngoại giao Việt Nam – Thái Lan',
      day: 6,
      month: 8,
      baseYear: 1976,
      active: true,
    });

    // Ahead of its 50th anniversary it is proposed.
    h.clock.set('2026-07-20T09:00');
    await act(h, () => coord.command('anniversaries'));
    expect(last(h, COORD).text).toContain(
      '06/08/2026 — Kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam – Thái Lan (6/8/1976 – 6/8/2026) (kỷ niệm tròn năm)',
    );
  });

  it('focal points may not use it', async () => {
    const focal = h.fake.user(FOCAL, { firstName: 'Đầu mối', languageCode: 'vi' });
    let calls = await act(h, () => focal.command('anniversaries'));
    expect(texts(calls, FOCAL).join()).toContain('không có quyền');
    const kh = (await h.app.repos.calendar.listAnniversaries()).find((a) => a.key === 'kh-national-day')!;
    calls = await act(h, () => focal.press(last(h, FOCAL).message_id, `an:c:${kh.id}:2026`));
    expect(alerts(calls).join()).toContain('không có quyền');
    expect(await h.app.repos.activities.findBySourceRef('anniversary:kh-national-day:2026')).toBeNull();
  });
});
