import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityInput } from '../../src/db/repos/activities.js';
import { startHarness, type Harness } from '../support/harness.js';
import { act, buttonsOf, conversation, focalPoint, last, sentTexts, type Focal } from './register-helpers.js';

// Change requests from /my over HTTP (docs/product.md#lifecycle): on an approved activity the focal point's edit
// becomes a change request (the activity stays as it is), the coordinators' group hears of it
// through the outbox, a coordinator approves it in /review (applied once, with history, the focal
// points told) or rejects it with a reason. One request at a time: a second one while the first is
// pending is refused politely. Before approval, the same form still saves directly.

const NOW = new Date('2025-04-10T02:00:00Z');
const GROUP = -100_555_000_001;
const COORD_ID = 6_700_000_009;

describe('change requests from /my', () => {
  let h: Harness;
  let a1: Focal; // SNN
  let a2: Focal; // SNN, a second focal point of the same agency
  let b: Focal; // SYT
  const refs: Record<string, { id: number; reference: string }> = {};

  const create = async (key: string, f: Focal, input: Partial<ActivityInput> & { title: string }, approve: boolean) => {
    const a = await h.app.repos.activities.create(
      {
        type: 'OTHER',
        leadAgencyId: f.agencyId,
        status: 'SUBMITTED',
        countryCodes: ['JP'],
        fundingSources: ['STATE_BUDGET'],
        costVnd: 100_000_000n,
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
  const requests = (key: string) => h.app.repos.changeRequests.listForActivity(refs[key]!.id);
  const coord = () => h.fake.user(COORD_ID);
  const openCard = async (f: Focal, key: string) => {
    await act(h, f.user.id, () => f.user.command('my'));
    await act(h, f.user.id, () => f.user.pressButton(`📄 ${refs[key]!.reference}`));
    expect(last(h, f.user.id).text).toContain(refs[key]!.reference);
    return last(h, f.user.id);
  };
  /** The coordinator's /review message showing change request `id` (skipping other items). */
  const reviewRequest = async (id: number) => {
    await act(h, COORD_ID, () => coord().command('review'));
    for (let i = 0; i < 10 && !last(h, COORD_ID).text!.includes(`Đề nghị thay đổi #${id} `); i++)
      await act(h, COORD_ID, () => coord().pressButton('▶'));
    expect(last(h, COORD_ID).text).toContain(`Đề nghị thay đổi #${id} `);
    return last(h, COORD_ID);
  };

  beforeAll(async () => {
    h = await startHarness();
    a1 = await focalPoint(h, 6_700_000_001, { code: 'SNN', name: 'Sở Nông nghiệp và Môi trường' });
    a2 = await focalPoint(h, 6_700_000_002, { code: 'SNN' });
    b = await focalPoint(h, 6_700_000_003, { code: 'SYT', name: 'Sở Y tế' });
    const c = await h.app.repos.users.upsertWithRole(
      { telegramId: BigInt(COORD_ID), displayName: 'Thu' },
      'COORDINATOR',
      null,
    );
    h.fake.user(COORD_ID, { firstName: 'Thu', languageCode: 'vi' });
    await h.app.repos.chatGroups.register(BigInt(GROUP), 'Phòng Hợp tác quốc tế', c.id);
    await create('fair', a1, { title: 'Hội chợ nông sản Việt – Nhật' }, true);
    await create('talks', a1, { title: 'Hội đàm với tỉnh Gunma' }, true);
    await create('foreign', b, { title: 'Đón đoàn Bộ Y tế Lào', countryCodes: ['LA'] }, true);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('full cycle: request on an approved activity → activity unchanged, group told → approved (double tap applies once) → history on the card, focal points told', async () => {
    const id = a1.user.id;
    const card = await openCard(a1, 'fair');
    expect(buttonsOf(card)).toContain('✏️ Đề nghị điều chỉnh');
    expect(buttonsOf(card)).not.toContain('✏️ Sửa thông tin');

    await act(h, id, () => a1.user.pressButton('✏️ Đề nghị điều chỉnh'));
    let m = last(h, id);
    expect(m.text).toContain(`Đề nghị điều chỉnh hoạt động ${refs.fair!.reference} (Hoạt động khác)`);
    expect(m.text).toContain('Kinh phí dự kiến: 100.000.000 đồng');
    expect(buttonsOf(m)).toContain('📨 Gửi đề nghị điều chỉnh');
    await act(h, id, () => a1.user.pressButton('✏️ Địa điểm'));
    await act(h, id, () => a1.user.send('Nhà khách UBND tỉnh'));
    await act(h, id, () => a1.user.pressButton('✏️ Kinh phí dự kiến'));
    await act(h, id, () => a1.user.send('150 triệu'));
    await act(h, id, () => a1.user.pressButton('✏️ Thời gian'));
    await act(h, id, () => a1.user.send('tháng 7/2025'));
    expect(last(h, id).text).toContain('Kinh phí dự kiến: 150.000.000 đồng');
    const sent = sentTexts(await act(h, id, () => a1.user.pressButton('📨 Gửi đề nghị điều chỉnh')));
    expect(sent.join('\n')).toContain(
      `Đã gửi đề nghị điều chỉnh hoạt động ${refs.fair!.reference} (đề nghị thay đổi #1) tới Sở Ngoại vụ`,
    );
    expect(sent.join('\n')).toContain('cho đến khi Sở Ngoại vụ chấp thuận');
    expect(await conversation(h, a1)).toBeNull();

    // Stored: a pending request with only the changed fields; the activity itself unchanged.
    let a = await find('fair');
    expect(a).toMatchObject({ status: 'AUTHORIZED', place: null, costVnd: 100_000_000n, timingText: 'tháng 6/2025' });
    const [cr] = await requests('fair');
    expect(cr).toMatchObject({ id: 1, status: 'PENDING', requestedById: a1.userId });
    expect(Object.keys(cr!.changes as object).sort()).toEqual([
      'costVnd',
      'endDate',
      'place',
      'startDate',
      'timingText',
    ]);
    expect(cr!.changes).toMatchObject({
      place: 'Nhà khách UBND tỉnh',
      costVnd: '150000000',
      timingText: 'tháng 7/2025',
    });
    expect((await h.app.repos.activities.history(a.id)).filter((x) => x.action === 'UPDATE')).toHaveLength(0);

    // The coordinators' group, through the outbox.
    const n = await h.app.repos.notifications.findByKey(`change-requested:1:${GROUP}`);
    expect(n?.kind).toBe('alert.change-requested');
    await h.app.jobs.dispatch(h.clock.now);
    await h.fake.waitFor({ method: 'sendMessage', chatId: GROUP, textIncludes: 'Đề nghị điều chỉnh #1' });
    const alert = h.fake.lastSent(GROUP)!.text!;
    expect(alert).toContain(`hoạt động ${refs.fair!.reference} của Sở Nông nghiệp và Môi trường`);
    expect(alert).toContain('Địa điểm: — → Nhà khách UBND tỉnh');
    expect(alert).toContain('Kinh phí dự kiến: 100.000.000 đồng → 150.000.000 đồng');
    expect(alert).toContain('/review');

    // Meanwhile the card says a request is pending, and offers no second one.
    m = await openCard(a1, 'fair');
    expect(m.text).toContain('⏳ Đề nghị thay đổi #1 (gửi ngày 10/04/2025) đang chờ Sở Ngoại vụ xem xét.');
    expect(buttonsOf(m)).not.toContain('✏️ Đề nghị điều chỉnh');

    // The coordinator sees it in /review and double-taps approve: applied once.
    const view = await reviewRequest(1);
    expect(view.text).toContain('Kinh phí dự kiến: 100.000.000 đồng → 150.000.000 đồng');
    const since = h.fake.mark();
    await act(h, COORD_ID, () => {
      coord().press(view.message_id, `rv:cok:1:0`);
      coord().press(view.message_id, `rv:cok:1:0`);
    });
    const answers = h.fake
      .callsTo('answerCallbackQuery')
      .filter((c) => c.seq >= since)
      .map((c) => String(c.params.text ?? ''));
    expect(answers.sort()).toEqual(['Đã chấp thuận đề nghị #1.', 'Đề nghị thay đổi #1 đã được xử lý trước đó.']);
    expect(last(h, COORD_ID).text).toContain('Đã chấp thuận đề nghị thay đổi #1');

    a = await find('fair');
    expect(a).toMatchObject({
      status: 'AUTHORIZED',
      place: 'Nhà khách UBND tỉnh',
      costVnd: 150_000_000n,
      timingText: 'tháng 7/2025',
    });
    expect(a.startDate?.toISOString().slice(0, 10)).toBe('2025-07-01');
    const history = await h.app.repos.activities.history(a.id);
    expect(history.filter((x) => x.action === 'CHANGE_APPROVED')).toHaveLength(1);
    expect(
      history
        .filter((x) => x.action === 'UPDATE')
        .map((x) => x.field)
        .sort(),
    ).toEqual(['costVnd', 'endDate', 'place', 'startDate', 'timingText']);
    expect((await requests('fair'))[0]).toMatchObject({ status: 'APPROVED' });

    // Both focal points of the agency are told, once each; the other agency hears nothing.
    for (const f of [a1, a2]) {
      const told = h.fake.sent(f.user.id).filter((x) => x.text?.includes('Đề nghị thay đổi #1 đối với hoạt động'));
      expect(told, String(f.user.id)).toHaveLength(1);
      expect(told[0]!.text).toContain('đã được Sở Ngoại vụ chấp thuận');
    }
    expect(h.fake.sent(b.user.id)).toHaveLength(0);

    // The focal point's card: new values, and who changed what, old → new.
    m = await openCard(a1, 'fair');
    expect(m.text).toContain('Địa điểm: Nhà khách UBND tỉnh');
    expect(m.text).toContain('Thu: Kinh phí dự kiến: 100.000.000 đồng → 150.000.000 đồng');
    expect(m.text).toContain('Thu: Địa điểm: — → Nhà khách UBND tỉnh');
    expect(m.text).toMatch(/: Đề nghị thay đổi \(#1\)/);
    expect(m.text).not.toContain('⏳');
    expect(buttonsOf(m)).toContain('✏️ Đề nghị điều chỉnh');
  });

  it('a coordinator rejects a request with a reason: the activity stays unchanged and the focal point is told why', async () => {
    const id = a1.user.id;
    await openCard(a1, 'talks');
    await act(h, id, () => a1.user.pressButton('✏️ Đề nghị điều chỉnh'));
    await act(h, id, () => a1.user.pressButton('✏️ Nội dung hoạt động'));
    await act(h, id, () => a1.user.send('Hội đàm trực tuyến với tỉnh Gunma'));
    await act(h, id, () => a1.user.pressButton('📨 Gửi đề nghị điều chỉnh'));
    const [cr] = await requests('talks');
    expect(cr).toMatchObject({ status: 'PENDING', changes: { title: 'Hội đàm trực tuyến với tỉnh Gunma' } });

    await reviewRequest(cr!.id);
    await act(h, COORD_ID, () => coord().pressButton('❌ Từ chối'));
    const prompt = last(h, COORD_ID);
    expect(prompt.text).toContain(`#${cr!.id}`);
    await act(h, COORD_ID, () =>
      coord().send('Nội dung đã được Thường trực UBND tỉnh cho ý kiến, không điều chỉnh', {
        replyTo: prompt.message_id,
      }),
    );
    expect(last(h, COORD_ID).text).toContain(`Đã từ chối đề nghị thay đổi #${cr!.id}`);

    expect((await requests('talks'))[0]).toMatchObject({
      status: 'REJECTED',
      reason: 'Nội dung đã được Thường trực UBND tỉnh cho ý kiến, không điều chỉnh',
    });
    expect(await find('talks')).toMatchObject({ title: 'Hội đàm với tỉnh Gunma', status: 'AUTHORIZED' });
    const told = h.fake
      .sent(id)
      .filter((x) => x.text?.includes(`Đề nghị thay đổi #${cr!.id}`) && x.text.includes('không được chấp thuận'));
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain('Lý do: Nội dung đã được Thường trực UBND tỉnh cho ý kiến, không điều chỉnh');
    // Decided: a new request may be sent again.
    expect(buttonsOf(await openCard(a1, 'talks'))).toContain('✏️ Đề nghị điều chỉnh');
  });

  it('one request at a time: an unchanged form sends nothing; a second request while one is pending is refused politely (button and submit alike)', async () => {
    const id = a1.user.id;
    const before = (await requests('talks')).length;
    // Nothing changed: nothing is sent.
    const oldCard = await openCard(a1, 'talks');
    await act(h, id, () => a1.user.pressButton('✏️ Đề nghị điều chỉnh'));
    await act(h, id, () => a1.user.pressButton('📨 Gửi đề nghị điều chỉnh'));
    expect(last(h, id).text).toContain('Các thông tin không khác so với hiện tại');
    expect(await requests('talks')).toHaveLength(before);

    // The second focal point of the agency opens the form too, before the first one sends.
    await openCard(a2, 'talks');
    await act(h, a2.user.id, () => a2.user.pressButton('✏️ Đề nghị điều chỉnh'));
    await act(h, a2.user.id, () => a2.user.pressButton('✏️ Ghi chú'));
    await act(h, a2.user.id, () => a2.user.send('Bổ sung phiên dịch tiếng Nhật'));

    await openCard(a1, 'talks');
    await act(h, id, () => a1.user.pressButton('✏️ Đề nghị điều chỉnh'));
    await act(h, id, () => a1.user.pressButton('✏️ Đối tác'));
    await act(h, id, () => a1.user.send('Chính quyền tỉnh Gunma'));
    await act(h, id, () => a1.user.pressButton('📨 Gửi đề nghị điều chỉnh'));
    const pending = (await requests('talks')).filter((x) => x.status === 'PENDING');
    expect(pending).toHaveLength(1);

    // The second submit is refused and explained; nothing new is stored.
    const texts = sentTexts(await act(h, a2.user.id, () => a2.user.pressButton('📨 Gửi đề nghị điều chỉnh')));
    expect(texts.join('\n')).toContain(
      `đang có đề nghị thay đổi #${pending[0]!.id} chờ Sở Ngoại vụ xem xét nên đề nghị mới chưa được gửi`,
    );
    expect((await requests('talks')).filter((x) => x.status === 'PENDING')).toHaveLength(1);
    expect(await conversation(h, a2)).toBeNull();

    // The stale button on an older card: an alert, no form.
    const since = h.fake.mark();
    await act(h, id, () => a1.user.press(oldCard.message_id, `my:a:${refs.talks!.id}:requestChange`));
    const answer = await h.fake.waitFor({ method: 'answerCallbackQuery', since });
    expect(answer.params.text).toBe(
      `Đề nghị thay đổi #${pending[0]!.id} của hoạt động này đang chờ Sở Ngoại vụ xem xét. Xin chờ kết quả trước khi gửi đề nghị mới.`,
    );
    expect(answer.params.show_alert).toBe(true);
    expect(await conversation(h, a1)).toBeNull();
    expect(await find('talks')).toMatchObject({ partnerName: null, notes: null });
  });

  it("crafted presses: another agency's activity, a status that allows no request, /review buttons, a coordinator on /my — refused, nothing stored", async () => {
    const snapshot = async () =>
      JSON.stringify(
        {
          fair: await find('fair'),
          foreign: await find('foreign'),
          crs: [...(await requests('fair')), ...(await requests('foreign'))],
        },
        (_k, v) => (typeof v === 'bigint' ? v.toString() : v),
      );
    const before = await snapshot();
    await act(h, b.user.id, () => b.user.command('my'));
    const msg = last(h, b.user.id).message_id;
    const cases: [Focal | number, string, RegExp][] = [
      [b, `my:a:${refs.fair!.id}:requestChange`, /Không tìm thấy hoạt động này/],
      [b, `my:v:${refs.fair!.id}`, /Không tìm thấy hoạt động này/],
      [b, `my:a:${refs.fair!.id}:edit`, /Không tìm thấy hoạt động này/],
      [b, `rv:cok:1:0`, /không có quyền/],
      [b, `rv:cno:1`, /không có quyền/],
      [b, `my:a:${refs.foreign!.id}:nonsense`, /hết hiệu lực/],
      [COORD_ID, `my:a:${refs.fair!.id}:requestChange`, /không có quyền/],
    ];
    for (const [who, data, expected] of cases) {
      const user = typeof who === 'number' ? coord() : who.user;
      const chatMsg = typeof who === 'number' ? last(h, COORD_ID).message_id : msg;
      const since = h.fake.mark();
      await act(h, user.id, () => user.press(chatMsg, data));
      const answer = await h.fake.waitFor({ method: 'answerCallbackQuery', since });
      expect(String(answer.params.text), data).toMatch(expected);
    }
    expect(await conversation(h, b)).toBeNull();
    expect(await snapshot()).toBe(before);

    // An own activity still awaiting approval: no change request (it is edited directly instead).
    const submitted = await create('submitted', a1, { title: 'Hội nghị xúc tiến đầu tư' }, false);
    await act(h, a1.user.id, () => a1.user.command('my'));
    const since = h.fake.mark();
    await act(h, a1.user.id, () => a1.user.press(last(h, a1.user.id).message_id, `my:a:${submitted.id}:requestChange`));
    expect((await h.fake.waitFor({ method: 'answerCallbackQuery', since })).params.text).toContain('không còn áp dụng');
    expect(await requests('submitted')).toHaveLength(0);

    // The form is re-checked on submit: postponed meanwhile → nothing sent; moved to another agency → not found.
    await openCard(a1, 'fair');
    await act(h, a1.user.id, () => a1.user.pressButton('✏️ Đề nghị điều chỉnh'));
    await act(h, a1.user.id, () => a1.user.pressButton('✏️ Ghi chú'));
    await act(h, a1.user.id, () => a1.user.send('Thêm gian hàng'));
    await h.app.repos.activities.transition(refs.fair!.id, ['AUTHORIZED'], 'POSTPONED', {
      userId: null,
      now: NOW,
      reason: 'Đối tác đề nghị lùi',
    });
    let texts = sentTexts(await act(h, a1.user.id, () => a1.user.pressButton('📨 Gửi đề nghị điều chỉnh')));
    expect(texts.join('\n')).toContain('Không thể gửi đề nghị điều chỉnh: hoạt động đang ở trạng thái «Tạm hoãn»');
    await h.app.repos.activities.transition(refs.fair!.id, ['POSTPONED'], 'AUTHORIZED', { userId: null, now: NOW });

    await openCard(a1, 'fair');
    await act(h, a1.user.id, () => a1.user.pressButton('✏️ Đề nghị điều chỉnh'));
    await act(h, a1.user.id, () => a1.user.pressButton('✏️ Ghi chú'));
    await act(h, a1.user.id, () => a1.user.send('Thêm gian hàng'));
    await h.app.repos.users.upsertWithRole(
      { telegramId: BigInt(a1.user.id), displayName: 'Đầu mối' },
      'FOCAL',
      b.agencyId,
    );
    texts = sentTexts(await act(h, a1.user.id, () => a1.user.pressButton('📨 Gửi đề nghị điều chỉnh')));
    expect(texts.join('\n')).toContain('Không tìm thấy hoạt động này');
    await h.app.repos.users.upsertWithRole(
      { telegramId: BigInt(a1.user.id), displayName: 'Đầu mối' },
      'FOCAL',
      a1.agencyId,
    );
    expect((await find('fair')).notes).toBeNull();
    expect((await requests('fair')).filter((x) => x.status === 'PENDING')).toHaveLength(0);
  });

  it('before approval the same form still saves directly (through the same policy): no change request, history kept', async () => {
    const id = a1.user.id;
    await openCard(a1, 'submitted');
    await act(h, id, () => a1.user.pressButton('✏️ Sửa thông tin'));
    await act(h, id, () => a1.user.pressButton('✅ Lưu thay đổi'));
    expect(last(h, id).text).toContain('Các thông tin không khác so với hiện tại');
    expect(
      (await h.app.repos.activities.history(refs.submitted!.id)).filter((x) => x.action === 'UPDATE'),
    ).toHaveLength(0);

    await openCard(a1, 'submitted');
    await act(h, id, () => a1.user.pressButton('✏️ Sửa thông tin'));
    await act(h, id, () => a1.user.pressButton('✏️ Địa điểm'));
    await act(h, id, () => a1.user.send('Trung tâm Hội nghị tỉnh'));
    await act(h, id, () => a1.user.pressButton('✅ Lưu thay đổi'));
    expect(last(h, id).text).toContain(`Đã lưu thay đổi của hoạt động ${refs.submitted!.reference}`);
    expect(await find('submitted')).toMatchObject({
      status: 'SUBMITTED',
      place: 'Trung tâm Hội nghị tỉnh',
      timingText: 'tháng 6/2025',
    });
    expect(await requests('submitted')).toHaveLength(0);
    const updates = (await h.app.repos.activities.history(refs.submitted!.id)).filter((x) => x.action === 'UPDATE');
    expect(updates.map((x) => [x.field, x.oldValue, x.newValue])).toEqual([['place', null, 'Trung tâm Hội nghị tỉnh']]);
  });
});
