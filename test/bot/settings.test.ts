import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';
import { act, buttonsOf, last, sentTexts } from './register-helpers.js';

const COORD_ID = 5_300_000_002;
const FOCAL_ID = 5_300_000_003;

describe('/settings: reminder settings and public holidays', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ now: '2026-03-10T09:00:00' });
    await h.app.repos.users.upsertWithRole(
      { telegramId: BigInt(COORD_ID), displayName: 'Chuyên viên' },
      'COORDINATOR',
      null,
    );
    const agency = await h.app.repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Phát triển nông thôn' });
    await h.app.repos.users.upsertWithRole(
      { telegramId: BigInt(FOCAL_ID), displayName: 'Đầu mối' },
      'FOCAL',
      agency.id,
    );
  });
  afterAll(async () => {
    await h?.stop();
  });

  const admin = () => h.fake.user(ADMIN_ID, { firstName: 'Lan', languageCode: 'vi' });
  const stored = () => h.app.repos.settings.get('reminders.upcomingDays');

  it('an admin changes the upcoming-activity offsets; a bad answer is explained and nothing is stored', async () => {
    await act(h, ADMIN_ID, () => admin().command('settings'));
    const view = last(h, ADMIN_ID);
    expect(view.text).toContain('Nhắc hoạt động sắp diễn ra (số ngày trước khi bắt đầu): 7, 3, 1');
    await act(h, ADMIN_ID, () => admin().pressButton('✏️ 1'));
    expect(last(h, ADMIN_ID).text).toContain('Nhắc hoạt động sắp diễn ra (số ngày trước khi bắt đầu) (1/1)');

    for (const bad of ['ba ngày', '1000', '', 'x'.repeat(5000)]) {
      const texts = sentTexts(await act(h, ADMIN_ID, () => admin().send(bad)));
      expect(texts.join('\n')).toMatch(/Chưa đúng|không được để trống|quá dài|trống/i);
      expect(await stored()).toBeUndefined();
    }
    await act(h, ADMIN_ID, () => admin().send('5; 2'));
    expect(last(h, ADMIN_ID).text).toContain('5; 2');
    await act(h, ADMIN_ID, () => admin().pressButton(/Lưu/, last(h, ADMIN_ID).message_id));
    expect(await stored()).toEqual([5, 2]);
    await act(h, ADMIN_ID, () => admin().command('settings'));
    expect(last(h, ADMIN_ID).text).toContain('(số ngày trước khi bắt đầu): 5, 2');
  });

  it('"mặc định" brings working hours back to the server configuration', async () => {
    await act(h, ADMIN_ID, () => admin().command('settings'));
    await act(h, ADMIN_ID, () => admin().pressButton('✏️ 12'));
    await act(h, ADMIN_ID, () => admin().send('08:00-17:00 Mon-Sat'));
    await act(h, ADMIN_ID, () => admin().pressButton(/Lưu/, last(h, ADMIN_ID).message_id));
    expect(await h.app.repos.settings.get('reminders.workingHours')).toBe('08:00-17:00 Mon-Sat');
    await act(h, ADMIN_ID, () => admin().command('settings'));
    await act(h, ADMIN_ID, () => admin().pressButton('✏️ 12'));
    const texts = sentTexts(await act(h, ADMIN_ID, () => admin().send('25:00-26:00')));
    expect(texts.join('\n')).toContain('khung giờ không hợp lệ');
    await act(h, ADMIN_ID, () => admin().send('mặc định'));
    await act(h, ADMIN_ID, () => admin().pressButton(/Lưu/, last(h, ADMIN_ID).message_id));
    expect(await h.app.repos.settings.get('reminders.workingHours')).toBeNull();
  });

  it('an admin adds a one-year holiday and removes it; the same date twice is refused', async () => {
    const before = (await h.app.repos.calendar.listHolidays()).length;
    await act(h, ADMIN_ID, () => admin().command('settings'));
    await act(h, ADMIN_ID, () => admin().pressButton(/Ngày nghỉ lễ/));
    expect(last(h, ADMIN_ID).text).toContain('Ngày nghỉ lễ năm 2026');
    expect(last(h, ADMIN_ID).text).toContain('30/04 — Ngày Giải phóng miền Nam');
    await act(h, ADMIN_ID, () => admin().pressButton(/Thêm ngày nghỉ/));
    const bad = sentTexts(await act(h, ADMIN_ID, () => admin().send('31/02/2026')));
    expect(bad.join('\n')).toContain('Ngày không có thật trong lịch');
    await act(h, ADMIN_ID, () => admin().send('04/05/2026'));
    await act(h, ADMIN_ID, () => admin().pressButton('Không', last(h, ADMIN_ID).message_id));
    await act(h, ADMIN_ID, () => admin().send('Nghỉ bù Quốc tế Lao động'));
    await act(h, ADMIN_ID, () => admin().pressButton(/Lưu/, last(h, ADMIN_ID).message_id));
    const after = await h.app.repos.calendar.listHolidays();
    expect(after.length).toBe(before + 1);
    const added = after.find((x) => x.name === 'Nghỉ bù Quốc tế Lao động')!;
    expect(added).toMatchObject({ year: 2026, month: 5, day: 4 });

    // The same date again: refused, nothing added.
    await act(h, ADMIN_ID, () => admin().command('settings'));
    await act(h, ADMIN_ID, () => admin().pressButton(/Ngày nghỉ lễ/));
    await act(h, ADMIN_ID, () => admin().pressButton(/Thêm ngày nghỉ/));
    await act(h, ADMIN_ID, () => admin().send('04/05/2026'));
    await act(h, ADMIN_ID, () => admin().pressButton('Không', last(h, ADMIN_ID).message_id));
    await act(h, ADMIN_ID, () => admin().send('Trùng'));
    const dup = sentTexts(await act(h, ADMIN_ID, () => admin().pressButton(/Lưu/, last(h, ADMIN_ID).message_id)));
    expect(dup.join('\n') + last(h, ADMIN_ID).text).toContain('đã có trong danh sách');
    expect((await h.app.repos.calendar.listHolidays()).length).toBe(before + 1);
    await act(h, ADMIN_ID, () => admin().command('cancel'));
    await act(h, ADMIN_ID, () => admin().pressButton(/Có|hủy/i));

    await act(h, ADMIN_ID, () => admin().command('settings'));
    await act(h, ADMIN_ID, () => admin().pressButton(/Ngày nghỉ lễ/));
    const list = last(h, ADMIN_ID);
    const line = list.text!.split('\n').find((l) => l.includes('Nghỉ bù Quốc tế Lao động'))!;
    const n = line.split('.')[0]!;
    const holidaysMessage = list.message_id;
    await act(h, ADMIN_ID, () => admin().pressButton(`🗑 ${n}`, holidaysMessage));
    expect((await h.app.repos.calendar.listHolidays()).length).toBe(before);
    // A second press of the same (now stale) button removes nothing more.
    await act(h, ADMIN_ID, () => admin().press(holidaysMessage, `st:d:${added.id}:2026`));
    expect((await h.app.repos.calendar.listHolidays()).length).toBe(before);
  });

  it('an admin renames the foreign-affairs body and its division; empty, huge or multi-line names are refused and nothing is stored', async () => {
    const body = () => h.app.repos.settings.get('org.bodyName');
    await act(h, ADMIN_ID, () => admin().command('settings'));
    expect(last(h, ADMIN_ID).text).toContain('Tên cơ quan đối ngoại: Sở Ngoại vụ');
    await act(h, ADMIN_ID, () => admin().pressButton('✏️ Tên cơ quan đối ngoại'));
    expect(last(h, ADMIN_ID).text).toContain('Tên cơ quan đối ngoại (1/1)');
    const refusals: [string, string][] = [
      ['   ', 'Câu trả lời đang để trống'],
      ['V'.repeat(201), 'quá dài: tối đa 200 ký tự (bạn đã gõ 201)'],
      ['Văn phòng\nUBND tỉnh', 'Tên cần viết trên một dòng'],
    ];
    for (const [bad, why] of refusals) {
      const texts = sentTexts(await act(h, ADMIN_ID, () => admin().send(bad)));
      expect(texts.join('\n')).toContain(why);
      expect(last(h, ADMIN_ID).text).toContain('Tên cơ quan đối ngoại (1/1)');
      expect(await body()).toBeUndefined();
    }
    await act(h, ADMIN_ID, () => admin().send('Văn phòng UBND tỉnh'));
    await act(h, ADMIN_ID, () => admin().pressButton(/Lưu/, last(h, ADMIN_ID).message_id));
    expect(await body()).toBe('Văn phòng UBND tỉnh');
    await act(h, ADMIN_ID, () => admin().command('settings'));
    await act(h, ADMIN_ID, () => admin().pressButton('✏️ Phòng phụ trách'));
    await act(h, ADMIN_ID, () => admin().send('Phòng Ngoại vụ'));
    await act(h, ADMIN_ID, () => admin().pressButton(/Lưu/, last(h, ADMIN_ID).message_id));
    expect(await h.app.repos.settings.get('org.divisionName')).toBe('Phòng Ngoại vụ');
    await act(h, ADMIN_ID, () => admin().command('settings'));
    expect(last(h, ADMIN_ID).text).toContain('Tên cơ quan đối ngoại: Văn phòng UBND tỉnh');
    expect(last(h, ADMIN_ID).text).toContain('Phòng phụ trách: Phòng Ngoại vụ');
    // The new names are what people read: a stranger is sent to the division of the body.
    const STRANGER = 5_300_000_099;
    const told = sentTexts(
      await act(h, STRANGER, () => h.fake.user(STRANGER, { firstName: 'Khách' }).command('start')),
    );
    expect(told.join('\n')).toContain('Đề nghị liên hệ Phòng Ngoại vụ, Văn phòng UBND tỉnh');
    // …and every message that names them: the admin's own greeting, the coordinators' role.
    const greeting = sentTexts(await act(h, ADMIN_ID, () => admin().command('start'))).join('\n');
    expect(greeting).toContain('giữa Văn phòng UBND tỉnh và các cơ quan');
    const invited = sentTexts(
      await act(h, STRANGER, () => h.fake.user(STRANGER).command('start', 'x'.repeat(43))),
    ).join('\n');
    expect(invited).toContain('liên hệ Phòng Ngoại vụ, Văn phòng UBND tỉnh để được gửi đường liên kết mới');
  });

  it('a coordinator sees the settings without edit buttons; crafted edit presses are refused', async () => {
    const coord = h.fake.user(COORD_ID, { firstName: 'Minh', languageCode: 'vi' });
    await act(h, COORD_ID, () => coord.command('settings'));
    const view = last(h, COORD_ID);
    expect(view.text).toContain('Chỉ quản trị hệ thống được thay đổi');
    expect(buttonsOf(view).some((b) => b.startsWith('✏️'))).toBe(false);
    let since = h.fake.mark();
    await act(h, COORD_ID, () => coord.press(view.message_id, 'st:e:0'));
    expect((await h.fake.waitFor({ method: 'answerCallbackQuery', since })).params.text).toContain('không có quyền');
    since = h.fake.mark();
    await act(h, COORD_ID, () => coord.press(view.message_id, 'st:o:0'));
    expect((await h.fake.waitFor({ method: 'answerCallbackQuery', since })).params.text).toContain('không có quyền');
    const holiday = (await h.app.repos.calendar.listHolidays())[0]!;
    since = h.fake.mark();
    await act(h, COORD_ID, () => coord.press(view.message_id, `st:d:${holiday.id}:2026`));
    expect((await h.fake.waitFor({ method: 'answerCallbackQuery', since })).params.text).toContain('không có quyền');
    expect((await h.app.repos.calendar.listHolidays()).some((x) => x.id === holiday.id)).toBe(true);
    expect(await h.app.repos.conversations.get(BigInt(COORD_ID), BigInt(COORD_ID))).toBeNull();
  });

  it('a focal point is refused /settings and its buttons', async () => {
    const focal = h.fake.user(FOCAL_ID, { firstName: 'An', languageCode: 'vi' });
    const texts = sentTexts(await act(h, FOCAL_ID, () => focal.command('settings')));
    expect(texts.join('\n')).toContain('không có quyền');
    const since = h.fake.mark();
    await act(h, FOCAL_ID, () => focal.press(1, 'st:m'));
    expect((await h.fake.waitFor({ method: 'answerCallbackQuery', since })).params.text).toContain('không có quyền');
  });
});
