import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { readXlsx } from '../support/office.js';
import { plain, seedDesk, type Desk } from '../support/desk.js';

// The coordinator's desk (issue 12), second part: the digest's links open the full card, the state
// behind a pressed button survives a restart, the follow-up form's activity step.

const COORD_ID = 6_510_000_001;
const FOCAL_A = 6_510_000_002;
const FOCAL_B = 6_510_000_003;
const STRANGER = 6_510_000_099;

describe('the coordinator’s desk over HTTP: links and stored state', () => {
  let h: Harness;
  let create: Desk['create'];

  beforeAll(async () => {
    h = await startHarness({ now: '2025-04-10T09:00' });
    ({ create } = await seedDesk(
      h,
      { coord: COORD_ID, focalA: FOCAL_A, focalB: FOCAL_B, others: [[STRANGER, 'Lạ']] },
      '2025-04-10T01:00:00Z',
    ));
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** What the bot sent `userId` in answer to `act` (all its messages, tags removed). */
  async function answerTo(userId: number, act: () => unknown, raw = false) {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await act();
    await h.fake.waitForIdle();
    return h.fake
      .callsTo('sendMessage')
      .concat(h.fake.callsTo('editMessageText'))
      .filter((c) => c.seq >= since && Number(c.params.chat_id) === userId)
      .map((c) => (raw ? String(c.params.text) : plain(c.params.text)))
      .join('\n---\n');
  }

  it('the digest links each activity to its full card; /start with the link opens it for whoever may see it', async () => {
    const a = await create({
      title: 'Đoàn công tác sang Nhật Bản',
      details: {
        headName: 'Nguyễn Văn An',
        headPosition: 'Phó Chủ tịch UBND tỉnh',
        members: 6,
        purpose: 'Xúc tiến đầu tư',
        purposeCategory: 'PROMOTION',
        partyOpinion: true,
      },
    });
    const digest = await answerTo(COORD_ID, () => h.fake.user(COORD_ID).command('digest'), true);
    const link = `https://t.me/liaison_test_bot?start=a${a.reference}`;
    expect(digest).toContain(`<a href="${link}">${a.reference}</a>`);
    const payload = new URL(link).searchParams.get('start')!;
    expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);

    // Opening the link sends "/start <payload>": the full card, with every field.
    const card = await answerTo(COORD_ID, () => h.fake.user(COORD_ID).command('start', payload));
    expect(card).toContain(`${a.reference} · Đoàn ra`);
    expect(card).toContain('Trưởng đoàn (họ và tên): Nguyễn Văn An');
    expect(card).toContain('Cần xin ý kiến Ban Thường vụ Tỉnh ủy?: Có');
    expect(await answerTo(FOCAL_A, () => h.fake.user(FOCAL_A).command('start', payload))).toContain(
      'Trưởng đoàn (họ và tên): Nguyễn Văn An',
    );
    // Another agency's focal point, and a stranger, are refused and see nothing of it.
    const refused = await answerTo(FOCAL_B, () => h.fake.user(FOCAL_B).command('start', payload));
    expect(refused).toContain(`Không tìm thấy hoạt động ${a.reference}`);
    expect(refused).not.toContain('Nhật Bản');
    // In a group, the payload opens nothing: the card would be shown to every member.
    const GROUP = -100_510_000_001;
    const inGroup = await answerTo(GROUP, () =>
      h.fake.group(GROUP, 'Nhóm chung').command(h.fake.user(COORD_ID), 'start', payload),
    );
    expect(inGroup).not.toContain('Nguyễn Văn An');
    const stranger = await answerTo(STRANGER, () => h.fake.user(STRANGER).command('start', payload));
    expect(stranger).toContain('chưa được cấp quyền');
    expect(stranger).not.toContain('Nhật Bản');
    await h.app.repos.activities.transition(a.id, ['SUBMITTED'], 'CANCELLED', {
      userId: null,
      now: new Date(),
      reason: 'test',
    });
  });

  it('a return waiting for its reason survives a restart: the reason typed after it is taken', async () => {
    const a = await create({
      title: 'Đoàn thiếu thành phần',
      details: {
        headName: 'Phạm D',
        headPosition: 'Phó Giám đốc Sở',
        members: 4,
        purpose: 'Khảo sát',
        purposeCategory: 'STUDY',
        partyOpinion: false,
      },
    });
    const coord = () => h.fake.user(COORD_ID);
    expect(await answerTo(COORD_ID, () => coord().command('review'))).toContain(a.reference);
    expect(await answerTo(COORD_ID, () => coord().pressButton('↩️ Trả lại để bổ sung'))).toContain(
      `lý do trả lại hoạt động ${a.reference}`,
    );
    await h.restart();
    const done = await answerTo(COORD_ID, () => coord().send('Chưa có thành phần đoàn'));
    expect(done).toContain(`Đã trả lại hoạt động ${a.reference} để bổ sung, lý do: Chưa có thành phần đoàn`);
    expect(await h.app.repos.activities.findById(a.id)).toMatchObject({
      status: 'RETURNED',
      statusReason: 'Chưa có thành phần đoàn',
    });
    // Taken once: the next text is no reason (a reference-free sentence gets the fallback, nothing changes).
    const after = await answerTo(COORD_ID, () => coord().send('Cảm ơn'));
    expect(after).not.toContain('Đã trả lại');
  });

  it('/find’s page buttons still turn the pages after a restart', async () => {
    for (let i = 0; i < 9; i++)
      await create({ title: `Diễn đàn Mê Kông ${i}`, type: 'OTHER', countryCodes: ['KH'], details: {} });
    const page1 = await answerTo(COORD_ID, () => h.fake.user(COORD_ID).command('find', 'me kong'));
    expect(page1).toContain('Tìm thấy 9 hoạt động');
    expect(page1).toContain('trang 1/2');
    await h.restart();
    const page2 = await answerTo(COORD_ID, () => h.fake.user(COORD_ID).pressButton('▶️'));
    expect(page2).toContain('trang 2/2');
    expect(page2).toContain('Diễn đàn Mê Kông');
    // With no stored query (gone, or expired) the press asks to search again.
    await h.app.repos.userStates.clear(await coordUserId(), 'find.query');
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(COORD_ID).pressButton('◀️');
    await h.fake.waitForIdle();
    const alert = h.fake.callsTo('answerCallbackQuery').filter((c) => c.seq >= since);
    expect(alert.map((c) => String(c.params.text ?? '')).join()).toContain('Đề nghị tìm lại bằng /find');
  });

  async function coordUserId() {
    return (await h.app.repos.users.findByTelegramId(BigInt(COORD_ID)))!.id;
  }

  it('without a registered group, each coordinator is told of a new registration in private chat', async () => {
    expect(await h.app.repos.chatGroups.listActive()).toEqual([]);
    const focal = h.fake.user(FOCAL_A);
    const step = async (act: () => unknown) => answerTo(FOCAL_A, act);
    await step(() => focal.command('new'));
    await step(() => focal.pressButton('Hoạt động khác'));
    await step(() => focal.send('Hội chợ thương mại quốc tế Lào Cai'));
    // Every other question skipped but the date (3 → 4 of 9), then submitted from the review card.
    for (let i = 2; i <= 9; i++) await step(() => (i === 4 ? focal.send('15/6/2025') : focal.command('skip')));
    const since = h.fake.mark();
    expect(await step(() => focal.command('submit'))).toMatch(/\d{4}-\d{3}/);
    await h.app.jobs.dispatch(h.clock.now);
    const told = await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since });
    expect(plain(told.params.text)).toContain('Hội chợ thương mại quốc tế Lào Cai');
    expect(h.fake.callsTo('sendMessage').filter((c) => c.seq >= since && Number(c.params.chat_id) === FOCAL_B)).toEqual(
      [],
    );
  });

  it('a coordinator edits and cancels on the agency’s behalf: history lines say so, the agency is told each time', async () => {
    const a = await create({
      title: 'Đoàn sang Hàn Quốc',
      countryCodes: ['KR'],
      details: {
        headName: 'Trần E',
        headPosition: 'Giám đốc Sở',
        members: 3,
        purpose: 'Học tập',
        purposeCategory: 'STUDY',
        partyOpinion: false,
      },
    });
    const coord = h.fake.user(COORD_ID);
    expect(await answerTo(COORD_ID, () => coord.send(a.reference))).toContain('Đoàn sang Hàn Quốc');
    // Edit: the registration form at its review card; one field changed and saved.
    await answerTo(COORD_ID, () => coord.pressButton('✏️ Sửa thay cơ quan'));
    await answerTo(COORD_ID, () => coord.pressButton(/^✏️ Số thành viên đoàn/));
    await answerTo(COORD_ID, () => coord.send('5'));
    let since = h.fake.mark();
    await answerTo(COORD_ID, () => coord.pressButton(/^✅ Lưu/));
    expect((await h.app.repos.activities.findById(a.id))?.details).toMatchObject({ members: 5 });
    let told = await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A, since });
    expect(plain(told.params.text)).toContain(
      `Hoạt động ${a.reference}: Đoàn sang Hàn Quốc — Thu (Sở Ngoại vụ) đã sửa thông tin thay cơ quan`,
    );
    // Cancel, with its reason.
    await answerTo(COORD_ID, () => coord.send(a.reference));
    await answerTo(COORD_ID, () => coord.pressButton('✖️ Hủy thay cơ quan'));
    await answerTo(COORD_ID, () => coord.send('Đối tác hủy chương trình'));
    since = h.fake.mark();
    expect(await answerTo(COORD_ID, () => coord.pressButton('✅ Xác nhận hủy hoạt động'))).toContain(a.reference);
    expect(await h.app.repos.activities.findById(a.id)).toMatchObject({
      status: 'CANCELLED',
      statusReason: 'Đối tác hủy chương trình',
    });
    told = await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A, since });
    expect(plain(told.params.text)).toContain('đã hủy thay cơ quan');
    const behalf = (await h.app.repos.activities.history(a.id))
      .filter((x) => x.action === 'ON_BEHALF')
      .map((x) => x.newValue);
    expect(behalf).toEqual(expect.arrayContaining(['SNN: sửa thông tin thay cơ quan', 'SNN: hủy thay cơ quan']));
    const card = await answerTo(COORD_ID, () => coord.send(a.reference));
    expect(card).toContain('Thu: Số thành viên đoàn: 3 → 5');
    expect(card).toContain('Thu: Thay mặt cơ quan (SNN: hủy thay cơ quan)');
  });

  it('the report shows the Party Committee flag, a letter’s sender and recipient, and the lifecycle’s words', async () => {
    const day = (iso: string) => ({
      timingPrecision: 'DAY' as const,
      startDate: new Date(`${iso}T00:00:00Z`),
      endDate: new Date(`${iso}T00:00:00Z`),
    });
    await create({
      title: 'Đoàn sang Campuchia ký Bản ghi nhớ',
      status: 'AUTHORIZED',
      countryCodes: ['KH'],
      ...day('2025-11-10'),
      details: {
        headName: 'Lê F',
        headPosition: 'Phó Chủ tịch UBND tỉnh',
        members: 7,
        purpose: 'Ký kết',
        purposeCategory: 'STUDY',
        partyOpinion: true,
      },
    });
    await create({
      type: 'LETTER',
      title: 'Thư chúc mừng Quốc khánh Campuchia',
      status: 'AGREED',
      countryCodes: ['KH'],
      fundingSources: [],
      ...day('2025-11-05'),
      details: { occasion: 'NATIONAL_DAY', sender: 'Chủ tịch UBND tỉnh', recipient: 'Tỉnh trưởng Ra-ta-na-ki-ri' },
    });
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(COORD_ID).command('report', 'quý IV/2025');
    const xlsx = await h.fake.waitFor(
      (c) =>
        c.seq >= since &&
        c.method === 'sendDocument' &&
        c.chatId === COORD_ID &&
        String((c.params.document as { fileName?: string }).fileName).endsWith('.xlsx') &&
        c.response !== undefined,
      20_000,
    );
    const rows = (await readXlsx((xlsx.params.document as { bytes: Buffer }).bytes)).sheets[0]!.rows.map((r) =>
      r.map(String).join(' | '),
    );
    const outbound = rows.find((r) => r.includes('Đoàn sang Campuchia ký Bản ghi nhớ'))!;
    expect(outbound).toContain('Cần xin ý kiến Ban Thường vụ Tỉnh ủy');
    expect(outbound).toContain('Được cấp có thẩm quyền cho phép');
    const letter = rows.find((r) => r.includes('Thư chúc mừng Quốc khánh Campuchia'))!;
    expect(letter).toContain('Người ký gửi: Chủ tịch UBND tỉnh');
    expect(letter).toContain('Người nhận: Tỉnh trưởng Ra-ta-na-ki-ri');
    await h.fake.waitForIdle();
  });
});
