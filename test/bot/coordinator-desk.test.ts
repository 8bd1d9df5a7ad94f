import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';
import { plain, seedDesk, type Desk } from '../support/desk.js';

// The coordinator's desk (issue 12): the full card of every type, the legal words of the lifecycle,
// the decision record, finding activities.

const COORD_ID = 6_500_000_001;
const FOCAL_A = 6_500_000_002;
const FOCAL_B = 6_500_000_003;

describe('the coordinator’s desk over HTTP', () => {
  let h: Harness;
  let svhId: number;
  let focalAId: number;
  let create: Desk['create'];

  beforeAll(async () => {
    h = await startHarness();
    ({ svhId, focalAId, create } = await seedDesk(
      h,
      { coord: COORD_ID, focalA: FOCAL_A, focalB: FOCAL_B },
      '2025-04-01T02:00:00Z',
    ));
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function review() {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(COORD_ID).command('review');
    return plain((await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since })).params.text);
  }

  it('the review card shows every field of an outbound delegation, with the form’s labels', async () => {
    const a = await create({
      title: 'Đoàn công tác sang Nhật Bản',
      details: {
        headName: 'Nguyễn Văn An',
        headPosition: 'Phó Chủ tịch UBND tỉnh',
        members: 6,
        purpose: 'Xúc tiến đầu tư nông nghiệp',
        purposeCategory: 'PROMOTION',
        partyOpinion: true,
      },
    });
    const text = await review();
    expect(text).toContain(a.reference);
    expect(text).toContain('Trưởng đoàn (họ và tên): Nguyễn Văn An');
    expect(text).toContain('Phó Chủ tịch UBND tỉnh');
    expect(text).toContain('Số thành viên đoàn: 6');
    expect(text).toContain('Xúc tiến đầu tư nông nghiệp');
    expect(text).toContain('Cần xin ý kiến Ban Thường vụ Tỉnh ủy?: Có');
    // A detail nobody gave yet is said, not left out.
    expect(text).toMatch(/Thành phần đoàn[^:]*: chưa xác định/);
    await h.app.repos.activities.transition(a.id, ['SUBMITTED'], 'CANCELLED', {
      userId: null,
      now: new Date(),
      reason: 'test',
    });
  });

  it('the review card shows a letter’s sender and recipient', async () => {
    const a = await create({
      type: 'LETTER',
      title: 'Thư chúc mừng Quốc khánh Lào',
      countryCodes: ['LA'],
      fundingSources: [],
      details: { occasion: 'NATIONAL_DAY', sender: 'Chủ tịch UBND tỉnh', recipient: 'Tỉnh trưởng tỉnh Chăm-pa-sắc' },
    });
    const text = await review();
    expect(text).toContain(a.reference);
    expect(text).toContain('Người ký gửi thư: Chủ tịch UBND tỉnh');
    expect(text).toContain('Người nhận thư: Tỉnh trưởng tỉnh Chăm-pa-sắc');
    await h.app.repos.activities.transition(a.id, ['SUBMITTED'], 'CANCELLED', {
      userId: null,
      now: new Date(),
      reason: 'test',
    });
  });

  it('the review queue puts the closest lead-time deadline first, each with its days left', async () => {
    // Registered first: a plan item for next year; then a delegation departing in 6 working days.
    const plan = await create(
      {
        type: 'CONFERENCE',
        title: 'Hội thảo quốc tế năm sau',
        countryCodes: ['KR'],
        timingPrecision: 'MONTH',
        startDate: new Date('2026-06-01T00:00:00Z'),
        endDate: new Date('2026-06-30T00:00:00Z'),
        details: { authority: 'PRIME_MINISTER' },
      },
      '2025-03-01T02:00:00Z',
    );
    const soon = await create(
      {
        title: 'Đoàn đi Lào gấp',
        countryCodes: ['LA'],
        timingPrecision: 'DAY',
        startDate: new Date('2025-04-18T00:00:00Z'),
        endDate: new Date('2025-04-18T00:00:00Z'),
      },
      '2025-04-09T02:00:00Z',
    );
    const first = await review();
    expect(first).toContain('mục 1/2');
    expect(first).toContain(soon.reference);
    // 15 working days before 18/04/2025 (Hùng Kings' day 07/04 is a holiday only if the calendar has it).
    expect(first).toMatch(/Hạn trình cấp có thẩm quyền: \d\d\/0[34]\/2025 — đã quá 9 ngày làm việc/);
    expect(first).not.toContain(plan.reference);
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(COORD_ID).pressButton('▶');
    const second = plain((await h.fake.waitFor({ method: 'editMessageText', chatId: COORD_ID, since })).params.text);
    expect(second).toContain(plan.reference);
    // 40 days before 01/06/2026 (the Prime Minister's conference): 22/04/2026.
    expect(second).toContain('Hạn trình cấp có thẩm quyền: 22/04/2026 — còn 377 ngày');
    for (const a of [plan, soon])
      await h.app.repos.activities.transition(a.id, ['SUBMITTED'], 'CANCELLED', {
        userId: null,
        now: new Date(),
        reason: 'test',
      });
  });

  /** Does `step` as the coordinator and returns the plain text of the coordinator's last message. */
  async function coordDoes(step: () => unknown) {
    await h.fake.waitForIdle();
    await step();
    await h.fake.waitForIdle();
    return plain(h.fake.lastSent(COORD_ID)?.text);
  }

  it('agreeing forwards to the competent authority; the decision is recorded with its words', async () => {
    const a = await create({
      title: 'Đoàn xúc tiến sang Hàn Quốc',
      countryCodes: ['KR'],
      details: {
        headName: 'Trần B',
        headPosition: 'Giám đốc Sở',
        members: 4,
        purpose: 'Xúc tiến',
        purposeCategory: 'PROMOTION',
        partyOpinion: false,
      },
    });
    const coord = h.fake.user(COORD_ID);
    expect(await review()).toContain(a.reference);
    let since = h.fake.mark();
    await coord.pressButton('✅ Thống nhất, trình cấp có thẩm quyền');
    const edited = plain((await h.fake.waitFor({ method: 'editMessageText', chatId: COORD_ID, since })).params.text);
    expect(edited).toContain(`Đã thống nhất hoạt động ${a.reference}, trình cấp có thẩm quyền`);
    expect(edited).toContain('Trạng thái: Đã thống nhất, trình cấp có thẩm quyền');
    const notice = await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A, since });
    expect(plain(notice.params.text)).toContain(`Sở Ngoại vụ đã thống nhất hoạt động ${a.reference}`);
    expect(plain(notice.params.text)).toContain('trình cấp có thẩm quyền');
    expect((await h.app.repos.activities.findById(a.id))?.status).toBe('AGREED');
    // Agreed is not authorized: the focal point cannot mark a delegation done yet.
    const { allowedActions } = await import('../../src/domain/activity-status.js');
    expect(allowedActions('AGREED', 'FOCAL', 'OUTBOUND')).not.toContain('markDone');

    // Out of the queue, it is found again to record the decision later.
    expect(await review()).toContain('1 hoạt động đã thống nhất đang chờ quyết định của cấp có thẩm quyền');
    expect(await says(COORD_ID, '/find đã thống nhất')).toContain(a.reference);
    expect(await coordDoes(() => coord.pressButton(`📄 ${a.reference}`))).toContain(
      'Trạng thái: Đã thống nhất, trình cấp có thẩm quyền',
    );
    expect(await coordDoes(() => coord.pressButton('📝 Ghi nhận quyết định'))).toContain('Cấp có thẩm quyền');
    await coordDoes(() => coord.pressButton('Chủ tịch UBND tỉnh'));
    expect(await coordDoes(() => coord.send('1234/QĐ-UBND'))).toContain('Ngày ký');
    // A decision signed "tomorrow" is a typing mistake: refused with the date, nothing stored.
    await coordDoes(() => coord.send('11/04/2025'));
    await coordDoes(() => coord.pressButton('Có'));
    expect(await coordDoes(() => coord.pressButton('✅ Ghi nhận quyết định'))).toContain(
      'Ngày ký 11/04/2025 ở sau ngày hôm nay',
    );
    expect((await h.app.repos.activities.findById(a.id))?.status).toBe('AGREED');
    await coordDoes(() => coord.pressButton(/Ngày ký/));
    await coordDoes(() => coord.send('08/04/2025'));
    since = h.fake.mark();
    const done = await coordDoes(() => coord.pressButton('✅ Ghi nhận quyết định'));
    expect(done).toContain(
      `hoạt động ${a.reference} được Chủ tịch UBND tỉnh cho phép (số 1234/QĐ-UBND, ngày 08/04/2025)`,
    );
    const told = await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A, since });
    expect(plain(told.params.text)).toContain('đã được Chủ tịch UBND tỉnh cho phép');
    const stored = await h.app.repos.activities.findById(a.id);
    expect(stored).toMatchObject({
      status: 'AUTHORIZED',
      decisionAuthority: 'CHAIRMAN_PPC',
      decisionNumber: '1234/QĐ-UBND',
      decisionAllowed: true,
    });
    expect(stored?.decisionDate?.toISOString().slice(0, 10)).toBe('2025-04-08');
    const history = await h.app.repos.activities.history(a.id);
    expect(history.map((x) => [x.field, x.oldValue, x.newValue])).toEqual(
      expect.arrayContaining([
        ['status', 'SUBMITTED', 'AGREED'],
        ['status', 'AGREED', 'AUTHORIZED'],
        ['decision', null, 'CHAIRMAN_PPC|1234/QĐ-UBND|2025-04-08|ALLOWED'],
      ]),
    );
    expect(await says(COORD_ID, a.reference)).toContain(
      'Quyết định của cấp có thẩm quyền: Chủ tịch UBND tỉnh, số 1234/QĐ-UBND, ngày 08/04/2025: cho phép',
    );
    // The button again: the activity no longer awaits a decision.
    await h.fake.waitForIdle();
    since = h.fake.mark();
    await coord.press(
      h.fake.sent(COORD_ID).findLast((m) => JSON.stringify(m.reply_markup ?? '').includes(`rv:dec:${a.id}`))!,
      `rv:dec:${a.id}`,
    );
    const again = await h.fake.waitFor({ method: 'answerCallbackQuery', since });
    expect(again.params.text).toContain('không chờ quyết định của cấp có thẩm quyền');
  });

  it('a refusal is recorded as REFUSED and closes the record; a letter needs no decision', async () => {
    const a = await create({ title: 'Đoàn dự hội chợ', countryCodes: ['CN'] });
    await h.app.repos.activities.transition(a.id, ['SUBMITTED'], 'AGREED', { userId: null, now: new Date() });
    const refused = await h.app.repos.activities.recordDecision(
      a.id,
      { authority: 'PRIME_MINISTER', number: '55/TTg-QHQT', date: new Date('2025-04-02T00:00:00Z'), allowed: false },
      { userId: focalAId, now: new Date() },
    );
    expect(refused?.status).toBe('REFUSED');
    expect(
      await h.app.repos.activities.recordDecision(
        a.id,
        { authority: 'OTHER', number: 'x', date: new Date(), allowed: true },
        { userId: focalAId, now: new Date() },
      ),
    ).toBeNull();

    await h.app.repos.settings.set('org.bodyName', 'Văn phòng UBND tỉnh');
    const letter = await create({
      type: 'LETTER',
      title: 'Thư chúc mừng năm mới',
      countryCodes: ['LA'],
      fundingSources: [],
      details: { occasion: 'NEW_YEAR', sender: 'Chủ tịch UBND tỉnh', recipient: 'Tỉnh trưởng' },
    });
    expect(await review()).toContain(letter.reference);
    const since = h.fake.mark();
    await h.fake.user(COORD_ID).pressButton('✅ Thống nhất, trình cấp có thẩm quyền');
    const edited = await h.fake.waitFor({ method: 'editMessageText', chatId: COORD_ID, since });
    expect(plain(edited.params.text)).toContain('Loại hoạt động này không cần quyết định riêng');
    expect(JSON.stringify(edited.params.reply_markup)).not.toContain('Ghi nhận quyết định');
    const notice = await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A, since });
    expect(plain(notice.params.text)).toContain('Đề nghị cơ quan triển khai theo kế hoạch');
    // The body's name is a setting (the function moved to the Văn phòng UBND tỉnh in some provinces).
    expect(plain(notice.params.text)).toContain('Văn phòng UBND tỉnh đã thống nhất');
    await h.app.repos.settings.set('org.bodyName', 'Sở Ngoại vụ');
  });

  it('a return reason typed without Telegram’s reply is taken', async () => {
    const a = await create({
      title: 'Đoàn thiếu thông tin',
      countryCodes: ['TH'],
      details: {
        headName: 'Phạm D',
        headPosition: 'Phó Giám đốc Sở',
        members: 4,
        purpose: 'Khảo sát',
        purposeCategory: 'STUDY',
        partyOpinion: false,
      },
    });
    expect(await review()).toContain(a.reference);
    const coord = h.fake.user(COORD_ID);
    expect(await coordDoes(() => coord.pressButton('↩️ Trả lại để bổ sung'))).toContain(
      `lý do trả lại hoạt động ${a.reference}`,
    );
    const since = h.fake.mark();
    expect(await coordDoes(() => coord.send('Chưa có thành phần đoàn'))).toContain(
      `Đã trả lại hoạt động ${a.reference} để bổ sung, lý do: Chưa có thành phần đoàn`,
    );
    expect(await h.app.repos.activities.findById(a.id)).toMatchObject({
      status: 'RETURNED',
      statusReason: 'Chưa có thành phần đoàn',
    });
    const notice = await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A, since });
    expect(plain(notice.params.text)).toContain('Trả lại'.toLowerCase());
    // The focal point corrects it: saved and submitted again for appraisal.
    const focal = h.fake.user(FOCAL_A);
    await says(FOCAL_A, '/my');
    await h.fake.waitForIdle();
    if (!JSON.stringify(h.fake.lastSent(FOCAL_A)?.reply_markup).includes(`📄 ${a.reference}`)) {
      await focal.pressButton('▶️');
      await h.fake.waitForIdle();
    }
    await focal.pressButton(`📄 ${a.reference}`);
    await h.fake.waitForIdle();
    await focal.pressButton('✏️ Sửa thông tin');
    await h.fake.waitForIdle();
    await focal.pressButton(/^✏️ Thành phần đoàn/);
    await h.fake.waitForIdle();
    await focal.send('Lãnh đạo Sở và 3 chuyên viên');
    await h.fake.waitForIdle();
    await focal.pressButton('✅ Lưu thay đổi');
    await h.fake.waitForIdle();
    expect(plain(h.fake.lastSent(FOCAL_A)?.text)).toContain(
      `Đã lưu thay đổi của hoạt động ${a.reference} và gửi lại để thẩm định`,
    );
    expect((await h.app.repos.activities.findById(a.id))?.status).toBe('SUBMITTED');
    await h.app.repos.activities.transition(a.id, ['SUBMITTED'], 'CANCELLED', {
      userId: null,
      now: new Date(),
      reason: 'test',
    });
  });

  async function says(userId: number, text: string) {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(userId).send(text);
    await h.fake.waitForIdle();
    return h.fake
      .callsTo('sendMessage')
      .filter((c) => c.seq >= since && Number(c.params.chat_id) === userId)
      .map((c) => plain(c.params.text))
      .join('\n---\n');
  }

  it('a reference typed anywhere opens its full card; a focal point only its own agency’s', async () => {
    const a = await create(
      {
        title: 'Đoàn công tác sang Nhật Bản học tập nông nghiệp',
        partnerName: 'Tỉnh Shizuoka',
        place: 'Shizuoka',
        timingPrecision: 'DAY',
        startDate: new Date('2026-08-10T00:00:00Z'),
        endDate: new Date('2026-08-15T00:00:00Z'),
        details: {
          headName: 'Lê Văn C',
          headPosition: 'Phó Giám đốc Sở',
          members: 5,
          purpose: 'Học tập kinh nghiệm',
          purposeCategory: 'STUDY',
          partyOpinion: false,
        },
      },
      '2026-03-01T02:00:00Z',
    );
    const other = await create(
      { title: 'Liên hoan văn hóa Việt – Lào', leadAgencyId: svhId, countryCodes: ['LA'] },
      '2026-03-02T02:00:00Z',
    );
    const card = await says(COORD_ID, `Nhờ chị mở giúp hồ sơ ${a.reference} nhé`);
    expect(card).toContain(`${a.reference} · Đoàn ra`);
    expect(card).toContain('Trưởng đoàn (họ và tên): Lê Văn C');
    expect(card).toContain('Lịch sử');
    expect(await says(FOCAL_A, a.reference)).toContain('Trưởng đoàn (họ và tên): Lê Văn C');
    const refused = await says(FOCAL_A, other.reference);
    expect(refused).toContain(`Không tìm thấy hoạt động ${other.reference}`);
    expect(refused).not.toContain('Liên hoan');
  });

  it('/find searches words without diacritics, with filters and pages; an empty result says what was searched', async () => {
    const found = await says(COORD_ID, '/find doan ra nhat ban quy III/2026');
    expect(found).toContain('Tìm thấy 1 hoạt động');
    expect(found).toContain('Đoàn công tác sang Nhật Bản học tập nông nghiệp');
    expect(await says(COORD_ID, '/find shizuoka')).toContain('Đoàn công tác sang Nhật Bản học tập nông nghiệp');
    expect(await says(COORD_ID, '/find Japan')).toContain('Đoàn công tác sang Nhật Bản học tập nông nghiệp');
    expect(await says(COORD_ID, '/find SVHTTDL')).toContain('Liên hoan văn hóa Việt – Lào');
    const none = await says(COORD_ID, '/find đoàn ra Nhật Bản quý IV/2026');
    expect(none).toContain('Không tìm thấy hoạt động nào với: từ khóa «nhat ban»; loại Đoàn ra; thời gian quý IV/2026');
    // A focal point finds its own agency's only.
    const lao = await says(FOCAL_A, '/find lào');
    expect(lao).toContain('Thư chúc mừng Quốc khánh Lào');
    expect(lao).not.toContain('Liên hoan');
    expect(await says(COORD_ID, '/find lào')).toContain('Liên hoan');
    // Pages of 8.
    for (let i = 0; i < 9; i++)
      await create(
        { title: `Diễn đàn Mê Kông ${i}`, type: 'OTHER', countryCodes: ['KH'], details: {} },
        '2026-04-01T02:00:00Z',
      );
    const page1 = await says(COORD_ID, '/find me kong');
    expect(page1).toContain('Tìm thấy 9 hoạt động');
    expect(page1).toContain('trang 1/2');
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(COORD_ID).pressButton('▶️');
    const page2 = await h.fake.waitFor({ method: 'editMessageText', chatId: COORD_ID, since });
    expect(plain(page2.params.text)).toContain('trang 2/2');
  });

  it('a coordinator postpones on the agency’s behalf: one history line with old → new timing, the agency is told', async () => {
    const a = await create(
      {
        title: 'Đoàn sang Singapore',
        countryCodes: ['SG'],
        status: 'AUTHORIZED',
        timingPrecision: 'MONTH',
        startDate: new Date('2026-05-01T00:00:00Z'),
        endDate: new Date('2026-05-31T00:00:00Z'),
        timingText: 'tháng 5/2026',
      },
      '2026-01-05T02:00:00Z',
    );
    const card = await says(COORD_ID, a.reference);
    expect(card).toContain('Đoàn sang Singapore');
    const coord = h.fake.user(COORD_ID);
    expect(await coordDoes(() => coord.pressButton('⏸ Hoãn thay cơ quan'))).toContain('Thời gian mới');
    await coordDoes(() => coord.send('tháng 9/2026'));
    await coordDoes(() => coord.send('Đối tác đề nghị lùi thời gian'));
    const since = h.fake.mark();
    const done = await coordDoes(() => coord.pressButton('✅ Xác nhận tạm hoãn'));
    expect(done).toContain(`Đã tạm hoãn hoạt động ${a.reference}`);
    const stored = await h.app.repos.activities.findById(a.id);
    expect(stored?.status).toBe('SUBMITTED');
    const told = await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A, since });
    expect(plain(told.params.text)).toContain(
      `Hoạt động ${a.reference}: Đoàn sang Singapore — Thu (Sở Ngoại vụ) đã tạm hoãn thay cơ quan`,
    );
    const history = await h.app.repos.activities.history(a.id);
    expect(history.find((x) => x.action === 'ON_BEHALF')?.newValue).toBe('SNN: tạm hoãn thay cơ quan');
    // The card tells the whole story: who, old → new timing, the status changes.
    const after = await says(COORD_ID, a.reference);
    expect(after).toContain('Thu: Thời gian: tháng 05/2026 → tháng 09/2026');
    expect(after).toContain('Thu: Trạng thái: Được cấp có thẩm quyền cho phép → Tạm hoãn');
    expect(after).toContain('Thu: Thay mặt cơ quan (SNN: tạm hoãn thay cơ quan)');
    expect(after).toContain('Thu: Lý do: — → Đối tác đề nghị lùi thời gian');
  });

  it('free text outside a form says what this role can do; the admin of a fresh install is guided', async () => {
    const focal = await says(FOCAL_A, 'xin chào, cho hỏi việc đăng ký đoàn');
    expect(focal).toContain('Tôi chưa hiểu tin nhắn này');
    expect(focal).toContain('mở hoạt động của cơ quan mình');
    for (const c of ['/new', '/my', '/find', '/help']) expect(focal).toContain(c);
    expect(focal).not.toContain('/review');
    const coord = await says(COORD_ID, 'cảm ơn chị');
    expect(coord).toContain('mở bất kỳ hoạt động nào');
    for (const c of ['/new', '/find', '/review', '/summary', '/help']) expect(coord).toContain(c);
    // No coordinators' group yet: the admin's /help and first contact say how to set it up.
    h.fake.user(ADMIN_ID, { firstName: 'Quản trị', languageCode: 'vi' });
    const help = await says(ADMIN_ID, '/help');
    expect(help).toContain('Cài đặt ban đầu');
    expect(help).toContain('/setgroup');
    const start = await says(ADMIN_ID, '/start');
    expect(start).toContain('Cài đặt ban đầu');
    // Coordinators get no setup lecture.
    expect(await says(COORD_ID, '/help')).not.toContain('Cài đặt ban đầu');
  });
});
