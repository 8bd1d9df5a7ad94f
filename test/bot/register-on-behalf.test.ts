import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';
import { act, buttonsOf, focalPoint, header, last, sentTexts, type Focal } from './register-helpers.js';

// Coordinators and admins register activities on behalf of an agency over HTTP: /new asks them for
// the lead agency (cơ quan chủ trì) as its second question; focal points keep their own agency,
// unasked. The activity is the agency's: it appears in its focal points' /my, and they are told.

const COORD_ID = 6_800_000_009;
const HEAD_ID = 6_800_000_008;
const GROUP = -100_666_000_001;

type Action = string | { press: string | RegExp } | { pick: string[] } | 'skip';

describe('registering on behalf of an agency', () => {
  let h: Harness;
  let snnFocal: Focal;
  let sytFocal: Focal;
  let snn: number;
  let syt: number;

  /** Answers steps `from`, `from + 1`… of a form of `total` visible questions, checking each header. */
  async function walk(userId: number, steps: [label: string, action: Action][], total: number, from = 1) {
    const user = h.fake.user(userId);
    for (const [i, [label, action]] of steps.entries()) {
      expect(header(h, userId), `step ${from + i}`).toBe(`${label} (${from + i}/${total})`);
      if (action === 'skip') await act(h, userId, () => user.command('skip'));
      else if (typeof action === 'string') await act(h, userId, () => user.send(action));
      else if ('press' in action) await act(h, userId, () => user.pressButton(action.press));
      else {
        for (const b of action.pick) await act(h, userId, () => user.pressButton(`▫️ ${b}`));
        await act(h, userId, () => user.pressButton(/^✔️ Xong/));
      }
    }
  }

  beforeAll(async () => {
    h = await startHarness();
    snnFocal = await focalPoint(h, 6_800_000_001, { code: 'SNN', name: 'Sở Nông nghiệp và Môi trường' });
    sytFocal = await focalPoint(h, 6_800_000_002, { code: 'SYT', name: 'Sở Y tế' });
    snn = snnFocal.agencyId;
    syt = sytFocal.agencyId;
    const c = await h.app.repos.users.upsertWithRole(
      { telegramId: BigInt(COORD_ID), displayName: 'Thu' },
      'COORDINATOR',
      null,
    );
    await h.app.repos.users.upsertWithRole({ telegramId: BigInt(HEAD_ID), displayName: 'Lãnh đạo' }, 'HEAD', null);
    h.fake.user(COORD_ID, { firstName: 'Thu', languageCode: 'vi' });
    h.fake.user(HEAD_ID, { firstName: 'Lãnh đạo', languageCode: 'vi' });
    h.fake.user(ADMIN_ID, { firstName: 'Lan', languageCode: 'vi' });
    await h.app.repos.chatGroups.register(BigInt(GROUP), 'Phòng Hợp tác quốc tế', c.id);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it("a coordinator registers an INBOUND for SNN: asked for the lead agency, which the coordinating-agency picker then leaves out; it appears in SNN's /my and its focal point is told", async () => {
    const coord = h.fake.user(COORD_ID);
    await act(h, COORD_ID, () => coord.command('new'));
    expect(last(h, COORD_ID).text).toContain('Đăng ký hoạt động đối ngoại thay cơ quan, đơn vị');
    await act(h, COORD_ID, () => coord.pressButton('Đoàn vào'));
    await walk(COORD_ID, [['Nội dung hoạt động', 'Tiếp đoàn công tác tỉnh Luang Namtha, Lào']], 18);
    // The lead agency: chosen from the active agencies.
    expect(header(h, COORD_ID)).toBe('Cơ quan chủ trì (2/18)');
    expect(buttonsOf(last(h, COORD_ID))).toEqual(
      expect.arrayContaining(['SNN · Sở Nông nghiệp và Môi trường', 'SYT · Sở Y tế']),
    );
    await act(h, COORD_ID, () => coord.send('hoi dong'));
    expect(last(h, COORD_ID).text).toContain('Không tìm thấy «hoi dong»');
    expect(header(h, COORD_ID)).toBe('Cơ quan chủ trì (2/18)');
    await act(h, COORD_ID, () => coord.send('nong nghiep'));
    await act(h, COORD_ID, () => coord.pressButton(/^SNN · /));
    await walk(
      COORD_ID,
      [
        ['Tên đoàn nước ngoài', 'Đoàn đại biểu tỉnh Luang Namtha'],
        ['Quốc gia của đoàn', { pick: ['Lào'] }],
        ['Trưởng đoàn (họ và tên)', 'Khamphanh S.'],
        ['Chức vụ, chức danh của trưởng đoàn', 'Phó Tỉnh trưởng'],
        ['Số thành viên đoàn', '12'],
        ['Cơ quan đón tiếp', 'skip'],
        ['Lãnh đạo tỉnh tiếp đoàn', 'skip'],
        ['Thời gian đoàn làm việc', '10-12/9/2025'],
        ['Địa điểm', 'skip'],
        ['Chương trình làm việc', 'Hội đàm, thăm mô hình nông nghiệp'],
        ['Nhóm mục đích', { press: 'Hợp tác' }],
        ['Bên chi trả', { press: 'Phía đối tác chi trả' }],
        ['Nguồn kinh phí', { pick: ['Đối tác chi trả'] }],
        ['Kinh phí dự kiến', 'skip'],
      ],
      18,
      3,
    );
    // Coordinating agencies: the lead agency chosen above is not offered.
    expect(header(h, COORD_ID)).toBe('Cơ quan phối hợp (17/18)');
    const offered = buttonsOf(last(h, COORD_ID));
    expect(offered.some((b) => b.includes('SNN ·'))).toBe(false);
    expect(offered).toContain('▫️ SYT · Sở Y tế');
    await act(h, COORD_ID, () => coord.pressButton('▫️ SYT · Sở Y tế'));
    await act(h, COORD_ID, () => coord.pressButton(/^✔️ Xong/));
    await act(h, COORD_ID, () => coord.command('skip'));
    const review = last(h, COORD_ID).text!;
    expect(review).toContain('2. Cơ quan chủ trì: Sở Nông nghiệp và Môi trường');
    expect(review).toContain('17. Cơ quan phối hợp: Sở Y tế');

    const texts = sentTexts(await act(h, COORD_ID, () => coord.pressButton('✅ Gửi đăng ký')));
    const done = texts.join('\n');
    expect(done).toContain('Đã đăng ký thay Sở Nông nghiệp và Môi trường');
    expect(done).toContain('/review');
    const reference = /Số hiệu: (\d{4}-\d{3})/.exec(done)![1]!;
    const a = (await h.app.repos.activities.findByReference(reference))!;
    const coordUser = await h.app.repos.users.findByTelegramId(BigInt(COORD_ID));
    expect(a).toMatchObject({
      type: 'INBOUND',
      status: 'SUBMITTED',
      leadAgencyId: snn,
      createdById: coordUser!.id,
      partnerName: 'Đoàn đại biểu tỉnh Luang Namtha',
      timingPrecision: 'RANGE',
    });
    expect(a.coordinators.map((x) => x.agencyId)).toEqual([syt]);
    expect(a.countries.map((x) => x.countryCode)).toEqual(['LA']);
    expect(a.details).toEqual({
      headName: 'Khamphanh S.',
      headPosition: 'Phó Tỉnh trưởng',
      members: 12,
      programme: 'Hội đàm, thăm mô hình nông nghiệp',
      purposeCategory: 'COOPERATION',
      payer: 'PARTNER',
    });

    // The group and SNN's focal point hear of it (outbox); SYT's focal point does not.
    expect(await h.app.repos.notifications.findByKey(`activity-submitted:${a.id}:${GROUP}`)).not.toBeNull();
    expect(await h.app.repos.notifications.findByKey(`activity-on-behalf:${a.id}:${snnFocal.userId}`)).not.toBeNull();
    await h.app.jobs.dispatch(h.clock.now);
    await h.fake.waitFor({ method: 'sendMessage', chatId: snnFocal.user.id, textIncludes: reference });
    expect(h.fake.lastSent(snnFocal.user.id)!.text).toContain(
      `Sở Ngoại vụ đã đăng ký hoạt động ${reference} dưới đây, do cơ quan bạn chủ trì`,
    );
    await h.fake.waitFor({ method: 'sendMessage', chatId: GROUP, textIncludes: reference });
    expect(h.fake.sent(sytFocal.user.id)).toHaveLength(0);

    // It is SNN's activity: in its focal point's /my, with the card and its actions.
    await act(h, snnFocal.user.id, () => snnFocal.user.command('my'));
    expect(last(h, snnFocal.user.id).text).toContain(reference);
    await act(h, snnFocal.user.id, () => snnFocal.user.pressButton(`📄 ${reference}`));
    const card = last(h, snnFocal.user.id);
    expect(card.text).toContain('Tiếp đoàn công tác tỉnh Luang Namtha, Lào');
    expect(buttonsOf(card)).toContain('✏️ Sửa thông tin');
    // …and not in SYT's (a coordinating agency does not own it).
    await act(h, sytFocal.user.id, () => sytFocal.user.command('my'));
    expect(last(h, sytFocal.user.id).text).not.toContain(reference);
  });

  it('a focal point registers for its own agency, without the lead-agency question', async () => {
    const f = snnFocal;
    await act(h, f.user.id, () => f.user.command('new'));
    expect(last(h, f.user.id).text).toContain('Chọn loại hoạt động');
    expect(last(h, f.user.id).text).not.toContain('thay cơ quan');
    await act(h, f.user.id, () => f.user.pressButton('Đoàn vào'));
    await walk(f.user.id, [['Nội dung hoạt động', 'Tiếp đoàn tỉnh Gunma']], 17);
    expect(header(h, f.user.id)).toBe('Tên đoàn nước ngoài (2/17)');
    await act(h, f.user.id, () => f.user.command('cancel'));
    await act(h, f.user.id, () => f.user.pressButton('Có, hủy biểu mẫu'));
  });

  it('an admin registers on behalf too (OTHER for SYT); a leader may not use /new, nor its buttons', async () => {
    const admin = h.fake.user(ADMIN_ID);
    await act(h, ADMIN_ID, () => admin.command('new'));
    await act(h, ADMIN_ID, () => admin.pressButton('Hoạt động khác'));
    await walk(
      ADMIN_ID,
      [
        ['Nội dung hoạt động', 'Khám chữa bệnh nhân đạo cho người dân vùng biên'],
        ['Cơ quan chủ trì', { press: /^SYT · / }],
        ['Quốc gia đối tác', 'skip'],
        ['Đối tác', 'skip'],
        ['Thời gian', 'quý IV/2025'],
        ['Địa điểm', 'skip'],
        ['Nguồn kinh phí', 'skip'],
        ['Kinh phí dự kiến', 'skip'],
        ['Cơ quan phối hợp', 'skip'],
        ['Ghi chú', 'skip'],
      ],
      10,
    );
    const done = sentTexts(await act(h, ADMIN_ID, () => admin.command('submit'))).join('\n');
    expect(done).toContain('Đã đăng ký thay Sở Y tế');
    const reference = /Số hiệu: (\d{4}-\d{3})/.exec(done)![1]!;
    expect(await h.app.repos.activities.findByReference(reference)).toMatchObject({
      type: 'OTHER',
      leadAgencyId: syt,
      timingPrecision: 'QUARTER',
      status: 'SUBMITTED',
    });
    await act(h, sytFocal.user.id, () => sytFocal.user.command('my'));
    expect(last(h, sytFocal.user.id).text).toContain(reference);

    // Menus: /new is in the coordinator's and the admin's, not the leader's.
    await act(h, HEAD_ID, () => h.fake.user(HEAD_ID).command('help'));
    const menu = (id: number) =>
      (h.fake.commands({ type: 'chat', chat_id: id }) as { command: string }[]).map((c) => c.command);
    expect(menu(COORD_ID)).toContain('new');
    expect(menu(ADMIN_ID)).toContain('new');
    expect(menu(HEAD_ID)).not.toContain('new');

    const total =
      (await h.app.repos.activities.listByAgency(snn, { take: 100 })).total +
      (await h.app.repos.activities.listByAgency(syt, { take: 100 })).total;
    const head = h.fake.user(HEAD_ID);
    expect(sentTexts(await act(h, HEAD_ID, () => head.command('new')))).toEqual([
      'Bạn không có quyền sử dụng chức năng này.',
    ]);
    const since = h.fake.mark();
    await act(h, HEAD_ID, () => head.press(last(h, HEAD_ID).message_id, 'new:t:INBOUND'));
    expect((await h.fake.waitFor({ method: 'answerCallbackQuery', since })).params.text).toBe(
      'Bạn không có quyền sử dụng chức năng này.',
    );
    expect(await h.app.repos.conversations.get(BigInt(HEAD_ID), BigInt(HEAD_ID))).toBeNull();
    expect(
      (await h.app.repos.activities.listByAgency(snn, { take: 100 })).total +
        (await h.app.repos.activities.listByAgency(syt, { take: 100 })).total,
    ).toBe(total);
  });
});
