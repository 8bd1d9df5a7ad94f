import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { act, conversation, focalPoint, header, last, sentTexts, startForm, type Focal } from './register-helpers.js';

// A bad answer at every step of the longest form (Đoàn ra): each gets a short localized reason
// (with an example where one helps) and the same question again, and changes nothing stored.

const HUGE = 'a'.repeat(5000);
const TEXT_BAD = ['   ', HUGE, '🎉🎉🎉'];

type Good = string | { press: string | RegExp } | 'skip';
const STEPS: [label: string, bad: string[], reason: RegExp, good: Good][] = [
  ['Nội dung hoạt động', TEXT_BAD, /trống|quá dài|cần có chữ/, '<b>x</b> & Đoàn công tác'],
  ['Trưởng đoàn (họ và tên)', TEXT_BAD, /trống|quá dài|cần có chữ/, 'Nguyễn Văn An'],
  [
    'Chức vụ, chức danh của trưởng đoàn',
    ['a'.repeat(301), '🎉'],
    /quá dài: tối đa 300 ký tự \(bạn đã gõ 301\)|cần có chữ/,
    'Giám đốc Sở',
  ],
  ['Số thành viên đoàn', ['abc', '-5', '1.5', '0', '99999', '🎉', HUGE], /Cần một số nguyên|khoảng 1–500/, '5'],
  ['Thành phần đoàn', ['a'.repeat(2001), '  '], /quá dài|trống/, 'skip'],
  ['Quốc gia đến', ['🎉🎉', 'b'.repeat(101)], /cần có chữ|quá dài/, { press: '▫️ Hàn Quốc' }],
  ['Quốc gia đến', [], /./, { press: /^✔️ Xong/ }],
  ['Địa phương đến', ['😀'], /cần có chữ/, 'skip'],
  [
    'Thời gian đi – về',
    ['31/02/2025', 'quý V/2025', '15/4/2025 - 10/4/2025', 'hôm nào đó', '🎉', HUGE],
    /không có thật|Quý không hợp lệ|trước ngày bắt đầu|Chưa hiểu|quá dài/,
    '31/12/2025',
  ],
  ['Mục đích, chương trình làm việc', TEXT_BAD, /trống|quá dài|cần có chữ/, 'Làm việc với đối tác'],
  ['Nhóm mục đích', ['du lịch', '🎉'], /chọn bằng các nút/, { press: 'Hợp tác' }],
  ['Cơ quan, đối tác mời', ['🎉'], /cần có chữ/, 'skip'],
  ['Cần xin ý kiến Ban Thường vụ Tỉnh ủy?', ['có lẽ', '🎉', HUGE], /chọn bằng các nút/, 'không'],
  ['Nguồn kinh phí', ['ngân sách'], /chọn bằng các nút/, { press: '▫️ Tự túc' }],
  ['Nguồn kinh phí', [], /./, { press: /^✔️ Xong/ }],
  [
    'Kinh phí dự kiến',
    ['abc', '-100', '1,2,3', '🎉', HUGE, '99999999 tỷ'],
    /Chưa đọc được số tiền|không được âm|quá lớn/,
    '200tr',
  ],
  ['Cơ quan phối hợp', ['🎉'], /cần có chữ/, 'skip'],
  ['Ghi chú', ['a'.repeat(2001)], /quá dài/, 'skip'],
];

describe('registration: bad answers', () => {
  let h: Harness;
  let f: Focal;
  beforeAll(async () => {
    h = await startHarness();
    f = await focalPoint(h, 6_400_000_001, { code: 'SNV' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('at every step of the outbound form: a reason, an example, the same question, nothing stored', async () => {
    const id = f.user.id;
    await startForm(h, f, 'Đoàn ra');
    for (const [label, bads, reason, good] of STEPS) {
      const head = header(h, id);
      expect(head.startsWith(label), `${head} should be ${label}`).toBe(true);
      for (const bad of bads) {
        const before = (await conversation(h, f))!;
        const calls = await act(h, id, () => f.user.send(bad));
        const texts = sentTexts(calls);
        expect(texts, `${label} ← ${bad.slice(0, 20)}`).toHaveLength(2);
        expect(texts[0]).toMatch(/^⚠️ /);
        expect(texts[0]).toMatch(reason);
        expect(texts[1]!.split('\n')[0]).toBe(head);
        const after = (await conversation(h, f))!;
        expect(after.version, `${label} ← ${bad.slice(0, 20)}`).toBe(before.version);
        expect(after.state).toEqual(before.state);
        expect(calls.every((c) => c.response?.ok)).toBe(true);
      }
      if (good === 'skip') await act(h, id, () => f.user.command('skip'));
      else if (typeof good === 'string') await act(h, id, () => f.user.send(good));
      else await act(h, id, () => f.user.pressButton(good.press));
    }
    const review = last(h, id).text!;
    // Typed HTML is shown as typed (escaped), never interpreted.
    expect(review).toContain('1. Nội dung hoạt động: <b>x</b> & Đoàn công tác');
    expect(review).toContain('Cần xin ý kiến Ban Thường vụ Tỉnh ủy?: Không');
    expect(review).toContain('Kinh phí dự kiến: 200.000.000 đồng');
    await act(h, id, () => f.user.pressButton('✅ Gửi đăng ký'));
    const a = (await h.app.repos.activities.listByAgency(f.agencyId)).items[0]!;
    expect(a.title).toBe('<b>x</b> & Đoàn công tác');
    expect(a.endDate?.toISOString().slice(0, 10)).toBe('2025-12-31');
    expect(last(h, id).text).toContain('<b>x</b> & Đoàn công tác');
  });

  it('timing and date errors come with examples; a date question wants one day', async () => {
    const id = f.user.id;
    await startForm(h, f, 'Hội đàm trực tuyến');
    await act(h, id, () => f.user.send('Hội đàm'));
    await act(h, id, () => f.user.pressButton('▫️ Trung Quốc'));
    await act(h, id, () => f.user.pressButton(/^✔️ Xong/));
    await act(h, id, () => f.user.send('Huyện Long Châu'));
    let texts = sentTexts(await act(h, id, () => f.user.send('31/02/2025')));
    expect(texts[0]).toBe(
      '⚠️ Ngày không có thật trong lịch (ví dụ 31/02).\nVí dụ: 15/4/2025; 10/4/2025 - 15/4/2025; 10-15/4/2025; tháng 4/2025; quý III/2025; 6 tháng đầu năm 2025',
    );
    await act(h, id, () => f.user.send('06/9/2025'));
    expect(header(h, id)).toBe('Hạn phía đối tác phản hồi (5/7)');
    texts = sentTexts(await act(h, id, () => f.user.send('tháng 8/2025')));
    expect(texts[0]).toBe('⚠️ Cần một ngày cụ thể (ngày/tháng/năm).\nVí dụ: 15/4/2025');
    texts = sentTexts(await act(h, id, () => f.user.send('30/02/2025')));
    expect(texts[0]).toContain('Ngày không có thật');
    await act(h, id, () => f.user.send('18/8/2025'));
    expect(header(h, id)).toBe('Cơ quan phối hợp (6/7)');
    expect(last(h, id).text).toContain('✓ Đã ghi Hạn phía đối tác phản hồi: 18/08/2025');
  });

  it('a file or a sticker while a form is open is answered and changes nothing; errors are in English for English users', async () => {
    const id = f.user.id;
    const before = (await conversation(h, f))!;
    const texts = sentTexts(await act(h, id, () => f.user.sendDocument('plan.pdf', 'x')));
    expect(texts[0]).toBe('Biểu mẫu chỉ nhận câu trả lời dạng chữ.');
    expect(texts[1]!.startsWith('Cơ quan phối hợp (6/7)')).toBe(true);
    expect((await conversation(h, f))!.version).toBe(before.version);

    const en = await focalPoint(h, 6_400_000_002, { code: 'SNV', lang: 'en' });
    await act(h, en.user.id, () => en.user.command('new'));
    await act(h, en.user.id, () => en.user.pressButton('Other activity'));
    await act(h, en.user.id, () => en.user.send('Trade fair'));
    await act(h, en.user.id, () => en.user.command('skip'));
    await act(h, en.user.id, () => en.user.command('skip'));
    const err = sentTexts(await act(h, en.user.id, () => en.user.send('31/02/2025')));
    expect(err[0]).toBe(
      '⚠️ This date does not exist (e.g. 31/02).\nFor example: 15/4/2025; 10/4/2025 - 15/4/2025; April 2025; Q3 2025; H1 2025; 2025',
    );
    expect(err[1]!.split('\n')[0]).toBe('Timing (4/9)');
  });
});
