import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityInput } from '../../src/db/repos/activities.js';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';
import { act, buttonsOf, conversation, focalPoint, header, last, sentTexts, type Focal } from './register-helpers.js';

// /my over HTTP: the agency's activities (pages, filters), a card with its history, and the
// actions its status allows — edit before approval, postpone, cancel, mark done, report — each
// stored with its history; another agency's activity is neither shown nor changed.

const NOW = new Date('2025-04-10T02:00:00Z');

describe('/my: my agency activities', () => {
  let h: Harness;
  let fa: Focal;
  let fb: Focal;
  const refs: Record<string, { id: number; reference: string }> = {};

  const create = async (key: string, f: Focal, input: Partial<ActivityInput> & { title: string }, approve = false) => {
    const a = await h.app.repos.activities.create(
      {
        type: 'OTHER',
        leadAgencyId: f.agencyId,
        status: 'SUBMITTED',
        timingPrecision: 'MONTH',
        startDate: new Date('2025-06-01T00:00:00Z'),
        endDate: new Date('2025-06-30T00:00:00Z'),
        timingText: 'tháng 6/2025',
        ...input,
      },
      { userId: f.userId, referenceYear: 2025, now: NOW },
    );
    if (approve) await h.app.repos.activities.transition(a.id, ['SUBMITTED'], 'AUTHORIZED', { userId: null, now: NOW });
    refs[key] = { id: a.id, reference: a.reference };
    return a;
  };
  const find = async (key: string) => (await h.app.repos.activities.findById(refs[key]!.id))!;
  const openCard = async (f: Focal, key: string) => {
    await act(h, f.user.id, () => f.user.command('my'));
    const ref = refs[key]!.reference;
    if (!buttonsOf(last(h, f.user.id)).includes(`📄 ${ref}`)) await act(h, f.user.id, () => f.user.pressButton('▶️'));
    await act(h, f.user.id, () => f.user.pressButton(`📄 ${ref}`));
    expect(last(h, f.user.id).text).toContain(ref);
  };

  beforeAll(async () => {
    h = await startHarness();
    fa = await focalPoint(h, 6_600_000_001, { code: 'SNN', name: 'Sở Nông nghiệp và Phát triển nông thôn' });
    fb = await focalPoint(h, 6_600_000_002, { code: 'SYT', name: 'Sở Y tế' });
    await create('outbound', fa, {
      type: 'OUTBOUND',
      title: 'Đoàn công tác tại tỉnh Gunma',
      countryCodes: ['JP'],
      details: {
        headName: 'Nguyễn Văn An',
        headPosition: 'Giám đốc Sở',
        members: 6,
        purpose: 'Hợp tác nông nghiệp',
        purposeCategory: 'COOPERATION',
        partyOpinion: false,
      },
      fundingSources: ['STATE_BUDGET'],
    });
    await create('approved', fa, { title: 'Hội thảo về cây mắc ca' }, true);
    // Under way already (done or reported only after its first day: docs/product.md#lifecycle).
    await create(
      'toDone',
      fa,
      {
        title: 'Giao lưu nông dân',
        startDate: new Date('2025-04-01T00:00:00Z'),
        endDate: new Date('2025-04-30T00:00:00Z'),
        timingText: 'tháng 4/2025',
      },
      true,
    );
    await create('toCancel', fa, { title: 'Hội chợ nông sản' });
    await create('tbd', fa, { title: 'Tiếp đoàn tỉnh Luang Namtha' }, true);
    await create('p6', fa, { type: 'MEDIA', title: 'Tuyên truyền', details: { channel: 'Báo tỉnh' } });
    await create('p7', fa, { type: 'MEDIA', title: 'Tuyên truyền lần 2', details: { channel: 'Đài tỉnh' } });
    await create('foreign', fb, { title: 'Hoạt động của Sở Y tế' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('lists the agency activities, 5 per page, filtered by status and by type; only its own', async () => {
    const id = fa.user.id;
    await act(h, id, () => fa.user.command('my'));
    let m = last(h, id);
    expect(m.text).toContain('Hoạt động đối ngoại của Sở Nông nghiệp và Phát triển nông thôn — 7 hoạt động');
    expect(m.text).toContain('Trang 1/2');
    expect(m.text).not.toContain('Sở Y tế');
    expect(buttonsOf(m).filter((b) => b.startsWith('📄'))).toHaveLength(5);
    await act(h, id, () => fa.user.pressButton('▶️'));
    m = last(h, id);
    expect(m.text).toContain('Trang 2/2');
    expect(buttonsOf(m).filter((b) => b.startsWith('📄'))).toHaveLength(2);
    await act(h, id, () => fa.user.pressButton('🔎 Lọc theo trạng thái'));
    await act(h, id, () => fa.user.pressButton('Được cấp có thẩm quyền cho phép'));
    m = last(h, id);
    expect(m.text).toContain('Lọc theo: Được cấp có thẩm quyền cho phép');
    expect(
      buttonsOf(m)
        .filter((b) => b.startsWith('📄'))
        .sort(),
    ).toEqual([refs.approved, refs.toDone, refs.tbd].map((r) => `📄 ${r!.reference}`).sort());
    await act(h, id, () => fa.user.pressButton('🗂 Lọc theo loại'));
    await act(h, id, () => fa.user.pressButton('Thông tin đối ngoại, tuyên truyền'));
    expect(last(h, id).text).toContain('Không có hoạt động nào khớp với bộ lọc.');
    await act(h, id, () => fa.user.pressButton('↩️ Bỏ lọc'));
    expect(last(h, id).text).toContain('— 7 hoạt động');

    await act(h, fb.user.id, () => fb.user.command('my'));
    expect(last(h, fb.user.id).text).toContain('Sở Y tế — 1 hoạt động');
  });

  it('shows a card with type-specific details, its history and the actions of its status', async () => {
    await openCard(fa, 'outbound');
    const m = last(h, fa.user.id);
    expect(m.text).toContain('Đoàn công tác tại tỉnh Gunma');
    expect(m.text).toContain('Trưởng đoàn (họ và tên): Nguyễn Văn An');
    expect(m.text).toContain('Cần xin ý kiến Ban Thường vụ Tỉnh ủy?: Không');
    expect(m.text).toContain('Lịch sử thay đổi');
    expect(buttonsOf(m)).toEqual(['✏️ Sửa thông tin', '⏸ Tạm hoãn', '🚫 Hủy hoạt động', '⬅️ Danh sách']);
    await openCard(fa, 'approved');
    expect(buttonsOf(last(h, fa.user.id))).toEqual([
      '✏️ Đề nghị điều chỉnh',
      '✅ Đánh dấu đã thực hiện',
      '📝 Báo cáo kết quả',
      '⏸ Tạm hoãn',
      '🚫 Hủy hoạt động',
      '⬅️ Danh sách',
    ]);
  });

  it('edits an activity before approval through the same form, from its review card; history records it', async () => {
    const id = fa.user.id;
    await openCard(fa, 'outbound');
    await act(h, id, () => fa.user.pressButton('✏️ Sửa thông tin'));
    let m = last(h, id);
    expect(m.text).toContain(`Sửa hoạt động ${refs.outbound!.reference} (Đoàn ra)`);
    expect(m.text).toContain('4. Số thành viên đoàn: 6');
    await act(h, id, () => fa.user.pressButton('✏️ Số thành viên đoàn'));
    expect(header(h, id)).toBe('Số thành viên đoàn (4/16)');
    await act(h, id, () => fa.user.send('abc'));
    await act(h, id, () => fa.user.send('8'));
    await act(h, id, () => fa.user.pressButton('✏️ Địa phương đến'));
    await act(h, id, () => fa.user.send('Tỉnh Gunma và Tokyo'));
    m = last(h, id);
    expect(m.text).toContain('4. Số thành viên đoàn: 8');
    await act(h, id, () => fa.user.pressButton('✅ Lưu thay đổi'));
    expect(last(h, id).text).toContain(`Đã lưu thay đổi của hoạt động ${refs.outbound!.reference}`);
    const a = await find('outbound');
    expect(a.place).toBe('Tỉnh Gunma và Tokyo');
    expect((a.details as Record<string, unknown>).members).toBe(8);
    expect(a.status).toBe('SUBMITTED');
    const history = await h.app.repos.activities.history(a.id);
    expect(history.map((x) => x.field).sort()).toEqual(expect.arrayContaining(['details', 'place']));
    expect(history.filter((x) => x.action === 'UPDATE')).toHaveLength(2);
  });

  it('refuses an edit that an approval overtook; nothing is stored', async () => {
    const id = fa.user.id;
    await openCard(fa, 'toCancel');
    await act(h, id, () => fa.user.pressButton('✏️ Sửa thông tin'));
    await act(h, id, () => fa.user.pressButton('✏️ Địa điểm'));
    await act(h, id, () => fa.user.send('Sân vận động tỉnh'));
    await h.app.repos.activities.transition(refs.toCancel!.id, ['SUBMITTED'], 'AUTHORIZED', { userId: null, now: NOW });
    await act(h, id, () => fa.user.pressButton('✅ Lưu thay đổi'));
    expect(last(h, id).text).toContain(
      'Không thể sửa trực tiếp: hoạt động đang ở trạng thái «Được cấp có thẩm quyền cho phép»',
    );
    expect((await find('toCancel')).place).toBeNull();
    expect(await conversation(h, fa)).toBeNull();
  });

  it('postpones with a new timing and a reason: back to SUBMITTED for approval; to be decided stays POSTPONED until resubmitted', async () => {
    const id = fa.user.id;
    await openCard(fa, 'approved');
    await act(h, id, () => fa.user.pressButton('⏸ Tạm hoãn'));
    expect(header(h, id)).toBe('Thời gian mới (1/2)');
    await act(h, id, () => fa.user.send('31/02/2025'));
    await act(h, id, () => fa.user.send('tháng 10/2025'));
    expect(header(h, id)).toBe('Lý do (2/2)');
    await act(h, id, () => fa.user.send('Đối tác đề nghị lùi thời gian'));
    expect(last(h, id).text).toContain('Tạm hoãn hoạt động');
    await act(h, id, () => fa.user.pressButton('✅ Xác nhận tạm hoãn'));
    expect(last(h, id).text).toContain('sang tháng 10/2025 và gửi lại để thẩm định');
    let a = await find('approved');
    expect(a).toMatchObject({ status: 'SUBMITTED', timingPrecision: 'MONTH', timingText: 'tháng 10/2025' });
    const statuses = (await h.app.repos.activities.history(a.id))
      .filter((x) => x.field === 'status')
      .map((x) => x.newValue);
    expect(statuses.slice(0, 2)).toEqual(['SUBMITTED', 'POSTPONED']);
    expect(
      (await h.app.repos.activities.history(a.id)).some(
        (x) => x.field === 'statusReason' && x.newValue === 'Đối tác đề nghị lùi thời gian',
      ),
    ).toBe(true);

    await openCard(fa, 'tbd');
    await act(h, id, () => fa.user.pressButton('⏸ Tạm hoãn'));
    await act(h, id, () => fa.user.send('chưa xác định'));
    await act(h, id, () => fa.user.send('Chờ ý kiến của Bộ Ngoại giao'));
    await act(h, id, () => fa.user.pressButton('✅ Xác nhận tạm hoãn'));
    a = await find('tbd');
    expect(a).toMatchObject({
      status: 'POSTPONED',
      timingPrecision: 'TBD',
      statusReason: 'Chờ ý kiến của Bộ Ngoại giao',
    });
    await openCard(fa, 'tbd');
    expect(last(h, id).text).toContain('Lý do: Chờ ý kiến của Bộ Ngoại giao');
    await act(h, id, () => fa.user.pressButton('📤 Gửi lại để thẩm định'));
    await act(h, id, () => fa.user.pressButton('✅ Gửi lại để thẩm định'));
    expect(last(h, id).text).toContain('Xin nhập thời gian cụ thể');
    await act(h, id, () => fa.user.pressButton('✏️ Thời gian mới'));
    await act(h, id, () => fa.user.send('quý IV/2025'));
    await act(h, id, () => fa.user.pressButton('✅ Gửi lại để thẩm định'));
    expect((await find('tbd')).status).toBe('SUBMITTED');
  });

  it('cancels with a reason', async () => {
    const id = fa.user.id;
    await openCard(fa, 'p6');
    await act(h, id, () => fa.user.pressButton('🚫 Hủy hoạt động'));
    const texts = sentTexts(await act(h, id, () => fa.user.send('🎉')));
    expect(texts[0]).toContain('cần có chữ');
    await act(h, id, () => fa.user.send('Không còn kinh phí'));
    await act(h, id, () => fa.user.pressButton('✅ Xác nhận hủy hoạt động'));
    expect(last(h, id).text).toContain(`Đã hủy hoạt động ${refs.p6!.reference}`);
    expect(await find('p6')).toMatchObject({ status: 'CANCELLED', statusReason: 'Không còn kinh phí' });
    await openCard(fa, 'p6');
    expect(buttonsOf(last(h, id))).toEqual(['⬅️ Danh sách']);
  });

  it('marks done, then reports results, actual members and cost: REPORTED', async () => {
    const id = fa.user.id;
    await openCard(fa, 'toDone');
    await act(h, id, () => fa.user.pressButton('✅ Đánh dấu đã thực hiện'));
    expect(last(h, id).text).toContain('đã thực hiện xong?');
    await act(h, id, () => {
      fa.user.pressButton('✅ Đã thực hiện xong');
      fa.user.pressButton('✅ Đã thực hiện xong');
    });
    expect((await find('toDone')).status).toBe('DONE');
    expect((await h.app.repos.activities.history(refs.toDone!.id)).filter((x) => x.newValue === 'DONE')).toHaveLength(
      1,
    );
    expect(buttonsOf(last(h, id))).toEqual(['📝 Báo cáo kết quả', '⬅️ Danh sách']);
    await act(h, id, () => fa.user.pressButton('📝 Báo cáo kết quả'));
    expect(header(h, id)).toBe('Kết quả đạt được (1/3)');
    await act(h, id, () => fa.user.send('Trao đổi kinh nghiệm, ký biên bản ghi nhớ'));
    await act(h, id, () => fa.user.send('10'));
    await act(h, id, () => fa.user.send('150 triệu'));
    expect(last(h, id).text).toContain('3. Kinh phí thực tế: 150.000.000 đồng');
    await act(h, id, () => fa.user.pressButton('✅ Gửi báo cáo'));
    const a = await find('toDone');
    expect(a.status).toBe('REPORTED');
    expect(a.report).toMatchObject({
      results: 'Trao đổi kinh nghiệm, ký biên bản ghi nhớ',
      actualMembers: 10,
      actualCostVnd: '150000000',
    });
    await openCard(fa, 'toDone');
    expect(last(h, id).text).toContain('Kinh phí thực tế: 150.000.000 đồng');
    expect(last(h, id).text).toContain('Trạng thái: Đã báo cáo kết quả');
    expect(buttonsOf(last(h, id))).toEqual(['⬅️ Danh sách']);
  });

  it("another agency's activity is neither visible nor editable, even with crafted buttons; /my is for focal points", async () => {
    const id = fa.user.id;
    await act(h, id, () => fa.user.command('my'));
    const msg = last(h, id).message_id;
    const foreign = refs.foreign!.id;
    for (const data of [
      `my:v:${foreign}`,
      `my:a:${foreign}:edit`,
      `my:a:${foreign}:cancel`,
      `my:dy:${foreign}`,
      'my:v:999999',
      'my:a:abc:edit',
      'my:l:x:-:-',
    ]) {
      const since = h.fake.mark();
      await act(h, id, () => fa.user.press(msg, data));
      const answer = await h.fake.waitFor({ method: 'answerCallbackQuery', since });
      expect(['Không tìm thấy hoạt động này trong danh sách của cơ quan bạn.', 'Nút này đã hết hiệu lực.']).toContain(
        answer.params.text,
      );
    }
    expect(last(h, id).message_id).toBe(msg);
    expect(await conversation(h, fa)).toBeNull();
    expect(await find('foreign')).toMatchObject({ status: 'SUBMITTED', title: 'Hoạt động của Sở Y tế' });
    // An action the status no longer allows (edit after approval) is refused.
    const since = h.fake.mark();
    await act(h, id, () => fa.user.press(msg, `my:a:${refs.toCancel!.id}:edit`));
    expect((await h.fake.waitFor({ method: 'answerCallbackQuery', since })).params.text).toContain('không còn áp dụng');

    const admin = h.fake.user(ADMIN_ID, { firstName: 'Lan', languageCode: 'vi' });
    const texts = sentTexts(await act(h, ADMIN_ID, () => admin.command('my')));
    expect(texts).toEqual(['Bạn không có quyền sử dụng chức năng này.']);
  });
});
