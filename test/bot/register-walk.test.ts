import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { act, focalPoint, header, last, startForm, type Focal } from './register-helpers.js';
import { DEFAULT_PURPOSE_CATEGORIES } from '../../src/domain/purpose.js';
import { resolveReportSettings } from '../../src/domain/report-settings.js';
import { outboundStats } from '../../src/reports/report-model.js';
import { plainT } from '../../src/reports/labels.js';

// A full walk through the registration form of every activity type, over HTTP against the fake
// Bot API: each prompt's label and progress, every kind of answer, the review card, the submit,
// and what is stored.

type Action = string | { press: string | RegExp } | { pick: (string | RegExp)[]; search?: string } | 'skip';
type Step = [label: string, action: Action, total?: number];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function walk(h: Harness, f: Focal, steps: Step[], total?: number) {
  const id = f.user.id;
  for (const [i, [label, action, stepTotal]] of steps.entries()) {
    expect(header(h, id), `step ${i + 1}`).toMatch(
      new RegExp(`^${escape(label)} \\(${i + 1}/${stepTotal ?? total ?? steps.length}\\)$`),
    );
    if (typeof action === 'string' && action !== 'skip') await act(h, id, () => f.user.send(action));
    else if (action === 'skip') await act(h, id, () => f.user.command('skip'));
    else if ('press' in action) await act(h, id, () => f.user.pressButton(action.press));
    else {
      if (action.search) await act(h, id, () => f.user.send(action.search!));
      for (const b of action.pick)
        await act(h, id, () => f.user.pressButton(typeof b === 'string' ? new RegExp(`^▫️ ${escape(b)}$`) : b));
      await act(h, id, () => f.user.pressButton(/^✔️ (Xong|Done)/));
    }
  }
  expect(last(h, id).text).toMatch(/Xin kiểm tra lại|Please check/);
}

async function submit(h: Harness, f: Focal) {
  const calls = await act(h, f.user.id, () => f.user.pressButton(/^✅/));
  const done = last(h, f.user.id).text ?? '';
  expect(done).toMatch(/Số hiệu: \d{4}-\d{3}|Reference: \d{4}-\d{3}/);
  const reference = /(\d{4}-\d{3})/.exec(done)![1]!;
  const a = await h.app.repos.activities.findByReference(reference);
  expect(a).not.toBeNull();
  expect(await h.app.repos.conversations.get(BigInt(f.user.id), BigInt(f.user.id))).toBeNull();
  return { a: a!, calls };
}

describe('registration: a full walk for each of the ten types', () => {
  let h: Harness;
  let f: Focal;
  let snn: number;
  beforeAll(async () => {
    h = await startHarness();
    f = await focalPoint(h, 6_200_000_001, { code: 'SNGV-TEST', name: 'Sở Công Thương' });
    snn = (
      await h.app.repos.agencies.create({
        code: 'SNN',
        nameVi: 'Sở Nông nghiệp và Phát triển nông thôn',
        nameEn: 'Department of Agriculture',
      })
    ).id;
    await h.app.repos.agencies.create({
      code: 'SVHTTDL',
      nameVi: 'Sở Văn hóa, Thể thao và Du lịch',
      nameEn: 'Department of Culture',
    });
    await h.app.repos.chatGroups.register(-100_777n, 'Phòng HTQT', null);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('OUTBOUND (Đoàn ra): 15 questions, countries by typed search, range timing, money, yes/no, agencies; card to the group', async () => {
    await startForm(h, f, 'Đoàn ra');
    await walk(h, f, [
      ['Nội dung hoạt động', 'Đoàn công tác thăm và làm việc tại tỉnh Gunma, Nhật Bản'],
      ['Trưởng đoàn (họ và tên)', 'Nguyễn Văn An'],
      ['Chức vụ, chức danh của trưởng đoàn', 'Phó Chủ tịch UBND tỉnh'],
      ['Số thành viên đoàn', '8'],
      ['Thành phần đoàn', 'skip'],
      ['Quốc gia đến', { search: 'nhat ban', pick: ['Nhật Bản'] }],
      ['Địa phương đến', 'Tỉnh Gunma'],
      ['Thời gian đi – về', '10/4/2025 - 15/4/2025'],
      ['Mục đích, chương trình làm việc', 'Xúc tiến đầu tư, thăm doanh nghiệp'],
      ['Nhóm mục đích', { press: 'Xúc tiến đầu tư, thương mại, du lịch' }],
      ['Cơ quan, đối tác mời', 'Chính quyền tỉnh Gunma'],
      ['Cần xin ý kiến Ban Thường vụ Tỉnh ủy?', { press: 'Có' }],
      ['Nguồn kinh phí', { pick: ['Ngân sách nhà nước'] }],
      ['Kinh phí dự kiến', '1,5 tỷ'],
      ['Cơ quan phối hợp', { pick: [/^▫️ SNN · /] }],
      ['Ghi chú', 'skip'],
    ]);
    const review = last(h, f.user.id).text!;
    expect(review).toContain('Thời gian đi – về: 10/04/2025 - 15/04/2025');
    expect(review).toContain('Kinh phí dự kiến: 1.500.000.000 đồng');
    expect(review).toContain('Cần xin ý kiến Ban Thường vụ Tỉnh ủy?: Có');
    const { a } = await submit(h, f);
    expect(a).toMatchObject({
      type: 'OUTBOUND',
      status: 'SUBMITTED',
      source: 'FORM',
      title: 'Đoàn công tác thăm và làm việc tại tỉnh Gunma, Nhật Bản',
      leadAgencyId: f.agencyId,
      place: 'Tỉnh Gunma',
      partnerName: 'Chính quyền tỉnh Gunma',
      timingPrecision: 'RANGE',
      timingText: '10/4/2025 - 15/4/2025',
      costVnd: 1_500_000_000n,
      createdById: f.userId,
    });
    expect(a.reference).toMatch(/^2025-\d{3}$/);
    expect(a.startDate?.toISOString()).toBe('2025-04-10T00:00:00.000Z');
    expect(a.endDate?.toISOString()).toBe('2025-04-15T00:00:00.000Z');
    expect(a.submittedAt).not.toBeNull();
    expect(a.countries.map((c) => c.countryCode)).toEqual(['JP']);
    expect(a.fundings.map((x) => x.source)).toEqual(['STATE_BUDGET']);
    expect(a.coordinators.map((c) => c.agencyId)).toEqual([snn]);
    expect(a.details).toEqual({
      headName: 'Nguyễn Văn An',
      headPosition: 'Phó Chủ tịch UBND tỉnh',
      members: 8,
      purpose: 'Xúc tiến đầu tư, thăm doanh nghiệp',
      purposeCategory: 'PROMOTION',
      partyOpinion: true,
    });
    // The coordinators' group gets a compact card through the outbox.
    const n = await h.app.repos.notifications.findByKey(`activity-submitted:${a.id}:-100777`);
    expect(n?.chatId).toBe(-100_777n);
    expect(JSON.stringify(n?.payload)).toContain(a.reference);
    expect(JSON.stringify(n?.payload)).toContain('Đăng ký hoạt động mới');
    await h.app.jobs.dispatch();
    const card = await h.fake.waitFor({ method: 'sendMessage', chatId: -100_777, textIncludes: a.reference });
    expect(String(card.params.text)).toContain('Đoàn ra');
    expect(String(card.params.text)).toContain('10/04/2025 - 15/04/2025');
  });

  it('INBOUND (Đoàn vào), in English: host agency picker, choice, "12 people", Q3 2025, 200 million', async () => {
    const en = await focalPoint(h, 6_200_000_002, { code: 'SNGV-TEST', lang: 'en' });
    await act(h, en.user.id, () => en.user.command('new'));
    expect(last(h, en.user.id).text).toContain('Choose the type of activity');
    await act(h, en.user.id, () => en.user.pressButton('Inbound delegation'));
    await walk(h, en, [
      ['Activity', 'Receiving the delegation of Luang Namtha Province'],
      ['Foreign delegation', 'Luang Namtha provincial delegation'],
      ["Delegation's country", { pick: ['Laos'] }],
      ['Head of delegation (full name)', 'Khamphanh S.'],
      ['Position of the head of delegation', 'Vice Governor'],
      ['Number of members', '12 people'],
      ['Host agency', { press: /^SNN · Department of Agriculture/ }],
      ['Provincial leader receiving the delegation', 'skip'],
      ['Dates of the visit', 'Q3 2025'],
      ['Place', 'Lai Châu'],
      ['Programme', 'Talks, visits to border markets'],
      ['Purpose category', { press: 'Cooperation' }],
      ['Who pays', { press: 'Shared' }],
      ['Funding sources', { pick: ['Paid by the partner'] }],
      ['Estimated cost', '200 million'],
      ['Coordinating agencies', 'skip'],
      ['Notes', 'Interpreter needed'],
    ]);
    const { a } = await submit(h, en);
    expect(last(h, en.user.id).text).toContain('Submitted. Reference');
    expect(a).toMatchObject({
      type: 'INBOUND',
      partnerName: 'Luang Namtha provincial delegation',
      timingPrecision: 'QUARTER',
      costVnd: 200_000_000n,
      place: 'Lai Châu',
      notes: 'Interpreter needed',
    });
    expect(a.startDate?.toISOString().slice(0, 10)).toBe('2025-07-01');
    expect(a.details).toEqual({
      headName: 'Khamphanh S.',
      headPosition: 'Vice Governor',
      members: 12,
      hostAgency: snn,
      programme: 'Talks, visits to border markets',
      purposeCategory: 'COOPERATION',
      payer: 'SHARED',
    });
    expect(a.fundings.map((x) => x.source)).toEqual(['PARTNER']);
  });

  it('LETTER (Thư chúc mừng): a deadline timing', async () => {
    await startForm(h, f, 'Thư chúc mừng');
    await walk(h, f, [
      ['Nội dung hoạt động', 'Thư chúc mừng Quốc khánh nước CHDCND Lào'],
      ['Dịp gửi thư', { press: 'Quốc khánh' }],
      ['Quốc gia nhận thư', { press: 'Lào' }],
      ['Người ký gửi thư', 'Chủ tịch UBND tỉnh'],
      ['Người nhận thư', 'Tỉnh trưởng tỉnh Phongsaly'],
      ['Hạn gửi thư', 'trước 25/11/2025'],
      ['Ngày đã gửi thư', 'skip'],
      ['Ghi chú', 'skip'],
    ]);
    const { a } = await submit(h, f);
    expect(a).toMatchObject({ type: 'LETTER', timingPrecision: 'DEADLINE', startDate: null });
    expect(a.countries.map((c) => c.countryCode)).toEqual(['LA']);
    expect(a.endDate?.toISOString().slice(0, 10)).toBe('2025-11-25');
    expect(a.details).toEqual({
      occasion: 'NATIONAL_DAY',
      sender: 'Chủ tịch UBND tỉnh',
      recipient: 'Tỉnh trưởng tỉnh Phongsaly',
    });
  });

  it('CONFERENCE: an online conference is not asked for a place (the progress counts 12, not 13)', async () => {
    await startForm(h, f, 'Hội nghị, hội thảo quốc tế');
    await walk(
      h,
      f,
      [
        ['Nội dung hoạt động', 'Hội thảo quốc tế về du lịch vùng biên', 13],
        ['Hình thức tổ chức', { press: 'Trực tuyến' }, 13],
        ['Thời gian', 'quý III/2025'],
        ['Quốc gia tham dự', 'skip'],
        ['Đối tác đồng tổ chức', 'skip'],
        ['Số đại biểu Việt Nam', '120'],
        ['Số đại biểu nước ngoài', '30'],
        ['Cấp có thẩm quyền cho phép', { press: 'Thủ tướng Chính phủ' }],
        ['Nguồn kinh phí', 'skip'],
        ['Kinh phí dự kiến', 'skip'],
        ['Cơ quan phối hợp', 'skip'],
        ['Ghi chú', 'skip'],
      ],
      12,
    );
    expect(last(h, f.user.id).text).not.toContain('Địa điểm');
    const { a } = await submit(h, f);
    expect(a).toMatchObject({ type: 'CONFERENCE', place: null, timingPrecision: 'QUARTER' });
    expect(a.details).toEqual({
      format: 'ONLINE',
      vnDelegates: 120,
      foreignDelegates: 30,
      authority: 'PRIME_MINISTER',
    });
  });

  it('ONLINE_TALK: proposed day and the partner reply deadline (a date)', async () => {
    await startForm(h, f, 'Hội đàm trực tuyến');
    await walk(h, f, [
      ['Nội dung hoạt động', 'Hội đàm trực tuyến trao đổi kinh nghiệm trồng cây mắc ca'],
      ['Quốc gia đối tác', { pick: ['Trung Quốc'] }],
      ['Đối tác hội đàm', 'Chính quyền nhân dân huyện Long Châu'],
      ['Thời gian dự kiến', '06/9/2025'],
      ['Hạn phía đối tác phản hồi', '18/8/2025'],
      ['Cơ quan phối hợp', 'skip'],
      ['Ghi chú', 'skip'],
    ]);
    const { a } = await submit(h, f);
    expect(a).toMatchObject({
      type: 'ONLINE_TALK',
      timingPrecision: 'DAY',
      partnerName: 'Chính quyền nhân dân huyện Long Châu',
    });
    expect(a.details).toEqual({ replyDeadline: '2025-08-18' });
    expect(a.countries.map((c) => c.countryCode)).toEqual(['CN']);
  });

  it('AGREEMENT', async () => {
    await startForm(h, f, 'Ký kết thỏa thuận quốc tế');
    await walk(h, f, [
      ['Nội dung hoạt động', 'Ký kết thỏa thuận hợp tác giáo dục'],
      ['Quốc gia đối tác', { pick: ['Lào'] }],
      ['Các bên ký kết', 'UBND tỉnh Lai Châu; Chính quyền tỉnh Phongsaly'],
      ['Lĩnh vực hợp tác', 'Giáo dục, đào tạo'],
      ['Thời gian ký kết', 'tháng 12/2025'],
      ['Địa điểm', 'skip'],
      ['Thời hạn hiệu lực', '5 năm'],
      ['Cơ quan phối hợp', 'skip'],
      ['Ghi chú', 'skip'],
    ]);
    const { a } = await submit(h, f);
    expect(a).toMatchObject({ type: 'AGREEMENT', timingPrecision: 'MONTH' });
    expect(a.details).toEqual({
      parties: 'UBND tỉnh Lai Châu; Chính quyền tỉnh Phongsaly',
      field: 'Giáo dục, đào tạo',
      term: '5 năm',
    });
  });

  it('EXCHANGE: two countries, half-year timing, 50tr', async () => {
    await startForm(h, f, 'Giao lưu văn hóa, thể thao, nhân dân');
    await walk(h, f, [
      ['Nội dung hoạt động', 'Giao lưu văn nghệ, thể thao với các bản giáp biên'],
      ['Cấp tổ chức', { press: 'Cấp xã' }],
      ['Đơn vị tổ chức', 'UBND xã Ma Ly Pho'],
      ['Quốc gia đối tác', { pick: ['Lào', 'Trung Quốc'] }],
      ['Địa phương, đối tác nước ngoài', 'Bản Sín Chải'],
      ['Thời gian', '6 tháng đầu năm 2025'],
      ['Địa điểm', 'skip'],
      ['Số người tham gia', '50'],
      ['Nguồn kinh phí', { pick: ['Tự túc'] }],
      ['Kinh phí dự kiến', '50tr'],
      ['Cơ quan phối hợp', 'skip'],
      ['Ghi chú', 'skip'],
    ]);
    const { a } = await submit(h, f);
    expect(a).toMatchObject({ type: 'EXCHANGE', timingPrecision: 'HALF_YEAR', costVnd: 50_000_000n });
    expect(a.countries.map((c) => c.countryCode).sort()).toEqual(['CN', 'LA']);
    expect(a.details).toEqual({ level: 'COMMUNE', organisation: 'UBND xã Ma Ly Pho', participants: 50 });
  });

  it('MEDIA', async () => {
    await startForm(h, f, 'Thông tin đối ngoại, tuyên truyền');
    await walk(h, f, [
      ['Nội dung hoạt động', 'Tuyên truyền kỷ niệm 50 năm quan hệ Việt Nam – Nhật Bản'],
      ['Kênh, cơ quan thông tin', 'Báo Lai Châu'],
      ['Quốc gia đối tác', { search: 'Japan', pick: ['Nhật Bản'] }],
      ['Thời gian', 'năm 2025'],
      ['Nguồn kinh phí', 'skip'],
      ['Kinh phí dự kiến', '1.500.000'],
      ['Cơ quan phối hợp', 'skip'],
      ['Ghi chú', 'skip'],
    ]);
    const { a } = await submit(h, f);
    expect(a).toMatchObject({ type: 'MEDIA', timingPrecision: 'YEAR', costVnd: 1_500_000n });
    expect(a.details).toEqual({ channel: 'Báo Lai Châu' });
  });

  it('AWARD: timing to be decided', async () => {
    await startForm(h, f, 'Khen thưởng đối ngoại');
    await walk(h, f, [
      ['Nội dung hoạt động', 'Đề nghị tặng Bằng khen'],
      ['Hình thức', { press: 'Tặng thưởng cho đối tác nước ngoài' }],
      ['Tập thể, cá nhân được khen thưởng', 'Tổng Lãnh sự quán Lào tại Điện Biên'],
      ['Hình thức khen thưởng', 'Bằng khen của UBND tỉnh'],
      ['Quốc gia đối tác', 'skip'],
      ['Thời gian', 'chưa xác định'],
      ['Ghi chú', 'skip'],
    ]);
    const { a } = await submit(h, f);
    expect(a).toMatchObject({ type: 'AWARD', timingPrecision: 'TBD', startDate: null, endDate: null });
    expect(a.details).toEqual({
      direction: 'GIVEN',
      recipient: 'Tổng Lãnh sự quán Lào tại Điện Biên',
      award: 'Bằng khen của UBND tỉnh',
    });
  });

  it('OTHER: the common fields only; /submit from the review card', async () => {
    await startForm(h, f, 'Hoạt động khác');
    await walk(h, f, [
      ['Nội dung hoạt động', 'Hội chợ thương mại quốc tế'],
      ['Quốc gia đối tác', { search: 'JP', pick: ['Nhật Bản'] }],
      ['Đối tác', 'skip'],
      ['Thời gian', '15-4-2025'],
      ['Địa điểm', 'Thành phố Lai Châu'],
      ['Nguồn kinh phí', { pick: ['Xã hội hóa, tài trợ', 'Nguồn khác'] }],
      ['Kinh phí dự kiến', 'skip'],
      ['Cơ quan phối hợp', { pick: [/^▫️ SVHTTDL/] }],
      ['Ghi chú', 'skip'],
    ]);
    await act(h, f.user.id, () => f.user.command('submit'));
    const done = last(h, f.user.id).text!;
    const reference = /(\d{4}-\d{3})/.exec(done)![1]!;
    const a = (await h.app.repos.activities.findByReference(reference))!;
    expect(a).toMatchObject({ type: 'OTHER', timingPrecision: 'DAY', place: 'Thành phố Lai Châu' });
    expect(a.countries.map((c) => c.countryCode)).toEqual(['JP']);
    expect(a.fundings.map((x) => x.source).sort()).toEqual(['OTHER', 'SPONSORSHIP']);
    // Ten registrations, ten consecutive reference numbers of 2025.
    const all = await h.app.repos.activities.listByAgency(f.agencyId, { take: 50 });
    expect(all.total).toBe(10);
    expect(reference).toBe('2025-010');
  });

  it('OUTBOUND: the purpose categories are a setting — a renamed and an added one are offered, stored by code, shown and counted', async () => {
    const { repos } = h.app;
    await repos.settings.set('report.purposeCategories', [
      { code: 'COOPERATION', vi: 'Hợp tác toàn diện', en: 'Cooperation' },
      { code: 'TWINNING', vi: 'Kết nghĩa địa phương', en: 'Twinning' },
      { code: 'OTHER', vi: 'Khác', en: 'Other' },
    ]);
    try {
      await startForm(h, f, 'Đoàn ra');
      await walk(h, f, [
        ['Nội dung hoạt động', 'Đoàn công tác ký kết nghĩa với tỉnh Champasak'],
        ['Trưởng đoàn (họ và tên)', 'Trần Văn Bình'],
        ['Chức vụ, chức danh của trưởng đoàn', 'Phó Chủ tịch UBND tỉnh'],
        ['Số thành viên đoàn', '7'],
        ['Thành phần đoàn', 'skip'],
        ['Quốc gia đến', { search: 'lao', pick: ['Lào'] }],
        ['Địa phương đến', 'Tỉnh Champasak'],
        ['Thời gian đi – về', '10/5/2025 - 13/5/2025'],
        ['Mục đích, chương trình làm việc', 'Ký thỏa thuận kết nghĩa'],
        ['Nhóm mục đích', { press: 'Kết nghĩa địa phương' }],
        ['Cơ quan, đối tác mời', 'skip'],
        ['Cần xin ý kiến Ban Thường vụ Tỉnh ủy?', { press: 'Có' }],
        ['Nguồn kinh phí', { pick: ['Ngân sách nhà nước'] }],
        ['Kinh phí dự kiến', 'skip'],
        ['Cơ quan phối hợp', 'skip'],
        ['Ghi chú', 'skip'],
      ]);
      expect(last(h, f.user.id).text).toContain('Nhóm mục đích: Kết nghĩa địa phương');
      const { a } = await submit(h, f);
      expect((a.details as Record<string, unknown>).purposeCategory).toBe('TWINNING');
      // The statistics by purpose list the setting's categories, in its order, with the delegation counted.
      const rows = (await repos.reports.reportRows({ period: null, planId: null })).filter((r) => r.id === a.id);
      const settings = resolveReportSettings(await repos.settings.all());
      const stats = outboundStats(rows, { t: plainT(h.app.jobs.deps.i18n.forLocale('vi')), locale: 'vi', settings });
      const byPurpose = stats.sections.find((s) => s.title.includes('mục đích'))!;
      expect(byPurpose.lines.map((l) => [l.label, l.delegations])).toEqual([
        ['Hợp tác toàn diện', 0],
        ['Kết nghĩa địa phương', 1],
        ['Khác', 0],
      ]);
    } finally {
      await repos.settings.set('report.purposeCategories', DEFAULT_PURPOSE_CATEGORIES);
    }
  });
});
