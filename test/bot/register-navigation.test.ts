import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import {
  act,
  buttonsOf,
  conversation,
  focalPoint,
  header,
  last,
  sentTexts,
  startForm,
  type Focal,
} from './register-helpers.js';

// Navigation of a form: /back, /skip, edit from the review card, /cancel with its confirm (commands
// and buttons), pickers' pages and search; and what must not happen twice: a double tap, two quick
// answers, a redelivered update, a press on a finished form.

describe('registration: navigation and repeated input', () => {
  let h: Harness;
  let n = 0;
  const newFocal = () => focalPoint(h, 6_300_000_000 + ++n, { code: 'SCT' });
  beforeAll(async () => {
    h = await startHarness();
    for (let i = 1; i <= 8; i++)
      await h.app.repos.agencies.create({ code: `UBND-X${i}`, nameVi: `UBND xã Biên Giới ${i}` });
    await h.app.repos.agencies.create({ code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const answerTitleAndCountries = async (f: Focal) => {
    await act(h, f.user.id, () => f.user.send('Hội chợ thương mại'));
    await act(h, f.user.id, () => f.user.pressButton('▫️ Lào'));
    await act(h, f.user.id, () => f.user.pressButton(/^✔️ Xong/));
  };

  it('/back and the Back button go one step back, showing the answer recorded; /skip skips an optional question only', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Hoạt động khác');
    let calls = await act(h, id, () => f.user.command('back'));
    expect(sentTexts(calls)).toEqual(['Đây là câu hỏi đầu tiên.']);
    calls = await act(h, id, () => f.user.command('skip'));
    expect(sentTexts(calls)[0]).toContain('Mục này bắt buộc, không thể bỏ qua.');
    expect(header(h, id)).toBe('Nội dung hoạt động (1/9)');
    await answerTitleAndCountries(f);
    expect(header(h, id)).toBe('Đối tác (3/9)');
    await act(h, id, () => f.user.command('back'));
    expect(header(h, id)).toBe('Quốc gia đối tác (2/9)');
    expect(last(h, id).text).toContain('Đã chọn: Lào');
    await act(h, id, () => f.user.pressButton('⬅️ Quay lại'));
    expect(header(h, id)).toBe('Nội dung hoạt động (1/9)');
    expect(last(h, id).text).toContain('Đang ghi: Hội chợ thương mại');
    // Answering again moves on to the first question not answered yet.
    await act(h, id, () => f.user.send('Hội chợ thương mại quốc tế'));
    expect(header(h, id)).toBe('Đối tác (3/9)');
    await act(h, id, () => f.user.pressButton('⏭ Bỏ qua'));
    expect(header(h, id)).toBe('Thời gian (4/9)');
    expect(h.fake.sent(id).at(-2)?.text).toContain('Đối tác (3/9)\n✓ (bỏ qua)');
    const c = await conversation(h, f);
    expect(c?.state.answers).toMatchObject({
      title: 'Hội chợ thương mại quốc tế',
      countries: ['LA'],
      partnerName: null,
    });
  });

  /**
   * Presses `button` while Telegram holds the press's answer and `edit` (of the pressed message) for
   * 1 s each: the bot's next message must go out before either comes back (the calls made together).
   */
  const pressWhileTelegramIsSlow = async (f: Focal, button: string, edit: string) => {
    const id = f.user.id;
    // (An answer to a callback query names no chat.)
    h.fake.hang('answerCallbackQuery', 1000);
    h.fake.hang(edit, 1000, { chatId: id });
    const since = h.fake.mark();
    await act(h, id, () => f.user.pressButton(button));
    h.fake.resetInjections();
    const at = (method: string) => h.fake.calls.find((c) => c.seq >= since && c.method === method)!.at;
    expect(at('sendMessage') - at('answerCallbackQuery')).toBeLessThan(1000);
    expect(at('sendMessage') - at(edit)).toBeLessThan(1000);
  };
  /** A new form at its third question, the optional partner (skipped by a button). */
  const atPartnerStep = async () => {
    const f = await newFocal();
    await startForm(h, f, 'Hoạt động khác');
    await answerTitleAndCountries(f);
    expect(header(h, f.user.id)).toBe('Đối tác (3/9)');
    return f;
  };
  /** The partner was skipped: shown in the question's message, stored, and the next question asked. */
  const expectPartnerSkipped = async (f: Focal) => {
    expect(header(h, f.user.id)).toBe('Thời gian (4/9)');
    expect(h.fake.sent(f.user.id).at(-2)?.text).toContain('Đối tác (3/9)\n✓ (bỏ qua)');
    expect((await conversation(h, f))?.state.answers).toMatchObject({ partnerName: null });
  };

  it("a pressed answer: the next question does not wait for Telegram's answers to the press and to the echo", async () => {
    const f = await atPartnerStep();
    // Telegram slow to answer the callback query and the edit that shows the answer chosen.
    await pressWhileTelegramIsSlow(f, '⏭ Bỏ qua', 'editMessageText');
    await expectPartnerSkipped(f);
  });

  /**
   * Skips the partner by a press whose acknowledgement Telegram refuses with `description`: the form
   * moves on, with no apology — as an alert on the button or as a message.
   */
  const skipWithRefusedAnswer = async (description: string) => {
    const f = await atPartnerStep();
    h.fake.failNext('answerCallbackQuery', { error_code: 400, description });
    const since = h.fake.mark();
    const texts = sentTexts(await act(h, f.user.id, () => f.user.pressButton('⏭ Bỏ qua')));
    await expectPartnerSkipped(f);
    const answers = h.fake.callsTo('answerCallbackQuery').filter((c) => c.seq >= since);
    expect(answers.map((c) => c.params.text ?? null)).toEqual([null]);
    expect(texts.join('\n')).not.toContain('Xin lỗi');
  };

  it('a press handled after Telegram stopped taking its answer (query too old) still moves the form on, without an apology', () =>
    skipWithRefusedAnswer('Bad Request: query is too old and response timeout expired or query ID is invalid'));

  // Any other failure of the acknowledgement alone: the user has the next question.
  it('a press whose answer Telegram refuses still moves the form on: the next question is asked, no apology', () =>
    skipWithRefusedAnswer('Bad Request: BOT_RESPONSE_TIMEOUT'));

  it('edits any answer from the review card and comes back to it', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Hoạt động khác');
    await answerTitleAndCountries(f);
    await act(h, id, () => f.user.command('skip'));
    await act(h, id, () => f.user.send('tháng 5/2025'));
    for (let i = 0; i < 5; i++) await act(h, id, () => f.user.command('skip'));
    expect(last(h, id).text).toContain('4. Thời gian: tháng 05/2025');
    await act(h, id, () => f.user.pressButton('✏️ Thời gian'));
    expect(header(h, id)).toBe('Thời gian (4/9)');
    expect(last(h, id).text).toContain('Đang ghi: tháng 05/2025');
    await act(h, id, () => f.user.send('Q3/2025'));
    expect(last(h, id).text).toContain('4. Thời gian: quý III/2025');
    await act(h, id, () => f.user.pressButton('✏️ Quốc gia đối tác'));
    await act(h, id, () => f.user.pressButton('✅ Lào'));
    await act(h, id, () => f.user.send('Thái Lan'));
    expect(last(h, id).text).toContain('Kết quả tìm «Thái Lan»');
    await act(h, id, () => f.user.pressButton('▫️ Thái Lan'));
    await act(h, id, () => f.user.pressButton(/^✔️ Xong/));
    expect(last(h, id).text).toContain('2. Quốc gia đối tác: Thái Lan');
    // Text typed at the review card is not an answer: the card comes again with a hint.
    const calls = await act(h, id, () => f.user.send('gửi luôn'));
    expect(sentTexts(calls)[0]).toContain('Biểu mẫu đã đủ thông tin');
    // Telegram slow to take the press's answer and the removal of the card's buttons: the
    // confirmation does not wait for them.
    await pressWhileTelegramIsSlow(f, '✅ Gửi đăng ký', 'editMessageReplyMarkup');
    expect(last(h, id).text).toContain('Đã gửi đăng ký. Số hiệu:');
    const a = (await h.app.repos.activities.listByAgency(f.agencyId, { take: 50 })).items.find(
      (x) => x.createdById === f.userId,
    )!;
    expect(a.countries.map((c) => c.countryCode)).toEqual(['TH']);
    expect(a.timingPrecision).toBe('QUARTER');
  });

  it('/cancel asks first; "No" keeps the form; the Cancel button then "Yes" drops it and stores nothing', async () => {
    const f = await newFocal();
    const id = f.user.id;
    const before = (await h.app.repos.activities.listByAgency(f.agencyId, { take: 100 })).total;
    await startForm(h, f, 'Đoàn ra');
    await act(h, id, () => f.user.send('Đoàn công tác'));
    await act(h, id, () => f.user.command('cancel'));
    expect(last(h, id).text).toContain('Hủy biểu mẫu đang khai?');
    await act(h, id, () => f.user.pressButton('Không, khai tiếp'));
    expect(header(h, id)).toBe('Trưởng đoàn (họ và tên) (2/16)');
    expect((await conversation(h, f))?.state.answers.title).toBe('Đoàn công tác');
    const prompt = last(h, id);
    await act(h, id, () => f.user.pressButton('✖️ Hủy'));
    await act(h, id, () => f.user.pressButton('Có, hủy biểu mẫu'));
    expect(last(h, id).text).toContain('Đã hủy biểu mẫu «Đăng ký hoạt động: Đoàn ra»');
    expect(await conversation(h, f)).toBeNull();
    expect((await h.app.repos.activities.listByAgency(f.agencyId, { take: 100 })).total).toBe(before);
    // A button of the closed form is answered and ignored.
    const since = h.fake.mark();
    await act(h, id, () => f.user.pressButton('⬅️ Quay lại', prompt.message_id));
    const answer = await h.fake.waitFor({ method: 'answerCallbackQuery', since });
    expect(answer.params.text).toBe('Biểu mẫu này đã đóng.');
    expect(await conversation(h, f)).toBeNull();
    // With nothing open, /cancel says so (the fallback), /skip and /submit too.
    expect(sentTexts(await act(h, id, () => f.user.command('cancel')))).toEqual([
      'Hiện không có thao tác nào đang làm.',
    ]);
    expect(sentTexts(await act(h, id, () => f.user.command('submit')))[0]).toContain(
      'Hiện không có biểu mẫu nào đang khai',
    );
  });

  it('/submit before the review card is refused; /new with a form open offers to continue or discard', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Hoạt động khác');
    expect(sentTexts(await act(h, id, () => f.user.command('submit')))[0]).toContain('Biểu mẫu chưa khai xong');
    await act(h, id, () => f.user.send('Hội thảo'));
    await act(h, id, () => f.user.command('new'));
    expect(last(h, id).text).toContain(
      'Bạn đang khai dở biểu mẫu «Đăng ký hoạt động: Hoạt động khác», đến câu «Quốc gia đối tác» (2/9)',
    );
    await act(h, id, () => f.user.pressButton('▶️ Tiếp tục'));
    expect(header(h, id)).toBe('Quốc gia đối tác (2/9)');
    await act(h, id, () => f.user.command('new'));
    await act(h, id, () => f.user.pressButton('🗑 Hủy biểu mẫu'));
    expect(await conversation(h, f)).toBeNull();
    await act(h, id, () => f.user.command('new'));
    expect(last(h, id).text).toContain('Chọn loại hoạt động');
  });

  it('a double-tapped button answers once; a double-tapped type starts one form; a double-tapped submit registers once', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await act(h, id, () => f.user.command('new'));
    await act(h, id, () => {
      f.user.pressButton('Hội nghị, hội thảo quốc tế');
      f.user.pressButton('Hội nghị, hội thảo quốc tế');
    });
    expect(h.fake.sent(id).filter((m) => m.text?.startsWith('Nội dung hoạt động (1/13)')).length).toBe(1);
    await act(h, id, () => f.user.send('Hội nghị xúc tiến đầu tư'));
    const v1 = (await conversation(h, f))!.version;
    const since = h.fake.mark();
    await act(h, id, () => {
      f.user.pressButton('Trực tuyến');
      f.user.pressButton('Trực tiếp');
    });
    const c = (await conversation(h, f))!;
    expect(c.state.answers.format).toBe('ONLINE');
    expect(c.version).toBe(v1 + 1);
    expect(header(h, id)).toBe('Thời gian (3/12)');
    const answers = h.fake.calls
      .filter((x) => x.seq >= since && x.method === 'answerCallbackQuery')
      .map((x) => x.params.text ?? '');
    expect(answers).toContain('Câu hỏi này đã được trả lời.');
    await act(h, id, () => f.user.send('năm 2025'));
    for (const a of ['skip', 'skip', '10', '5'])
      await act(h, id, () => (a === 'skip' ? f.user.command('skip') : f.user.send(a)));
    await act(h, id, () => f.user.pressButton('Chủ tịch UBND tỉnh'));
    for (let i = 0; i < 4; i++) await act(h, id, () => f.user.command('skip'));
    const before = (await h.app.repos.activities.listByAgency(f.agencyId, { take: 100 })).total;
    await act(h, id, () => {
      f.user.pressButton('✅ Gửi đăng ký');
      f.user.pressButton('✅ Gửi đăng ký');
    });
    expect((await h.app.repos.activities.listByAgency(f.agencyId, { take: 100 })).total).toBe(before + 1);
    expect(h.fake.sent(id).filter((m) => m.text?.startsWith('✅ Đã gửi đăng ký')).length).toBe(1);
  });

  it('two quick answers are recorded in order; a redelivered answer changes nothing', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Đoàn ra');
    await act(h, id, () => {
      f.user.send('Đoàn công tác tại Lào');
      f.user.send('Trần Thị Bình');
      f.user.send('Giám đốc Sở');
    });
    let c = (await conversation(h, f))!;
    expect(c.state.answers).toEqual({
      title: 'Đoàn công tác tại Lào',
      headName: 'Trần Thị Bình',
      headPosition: 'Giám đốc Sở',
    });
    expect(header(h, id)).toBe('Số thành viên đoàn (4/16)');
    const update = f.user.send('7');
    await h.fake.waitForIdle();
    c = (await conversation(h, f))!;
    const version = c.version;
    const since = h.fake.mark();
    h.fake.redeliver(update.update_id);
    await h.fake.waitForIdle();
    c = (await conversation(h, f))!;
    expect(c.version).toBe(version);
    expect(c.state.answers.members).toBe(7);
    expect(h.fake.calls.filter((x) => x.seq >= since && x.method === 'sendMessage' && x.chatId === id)).toEqual([]);
  });

  it('agencies: paginated multi-select with search; the lead agency is not offered', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Hoạt động khác');
    await answerTitleAndCountries(f);
    for (let i = 0; i < 2; i++) await act(h, id, () => f.user.command('skip'));
    await act(h, id, () => f.user.send('2025'));
    for (let i = 0; i < 3; i++) await act(h, id, () => f.user.command('skip'));
    expect(header(h, id)).toBe('Cơ quan phối hợp (8/9)');
    let buttons = buttonsOf(last(h, id));
    expect(buttons.filter((b) => b.startsWith('▫️'))).toHaveLength(6);
    expect(buttons).toContain('1/2');
    expect(buttons.join()).not.toContain('SCT');
    await act(h, id, () => f.user.pressButton('▫️ UBND-X1 · UBND xã Biên Giới 1'));
    await act(h, id, () => f.user.pressButton('▶️'));
    buttons = buttonsOf(last(h, id));
    expect(buttons).toContain('2/2');
    await act(h, id, () => f.user.pressButton(/^▫️ UBND-X8/));
    await act(h, id, () => f.user.send('van hoa'));
    expect(buttonsOf(last(h, id)).filter((b) => /^(▫️|✅)/.test(b))).toEqual([
      '▫️ SVHTTDL · Sở Văn hóa, Thể thao và Du lịch',
    ]);
    await act(h, id, () => f.user.pressButton(/^▫️ SVHTTDL/));
    expect(last(h, id).text).toContain(
      'Đã chọn: UBND xã Biên Giới 1; UBND xã Biên Giới 8; Sở Văn hóa, Thể thao và Du lịch',
    );
    await act(h, id, () => f.user.pressButton('✔️ Xong (3)'));
    expect(header(h, id)).toBe('Ghi chú (9/9)');
    expect((await conversation(h, f))?.state.answers.coordinators).toHaveLength(3);
  });

  it('refuses crafted button data and answers a stale question button', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Hoạt động khác');
    await act(h, id, () => f.user.send('Hội thảo'));
    const c = (await conversation(h, f))!;
    const prompt = last(h, id);
    for (const data of [
      `f:c:${c.state.fid}:1:XX`,
      `f:t:${c.state.fid}:1:+ZZ`,
      `f:c:zzzzzzzz:1:JP`,
      `f:e:${c.state.fid}:r:99`,
      'f:x',
    ]) {
      const since = h.fake.mark();
      await act(h, id, () => f.user.press(prompt.message_id, data));
      const answer = await h.fake.waitFor({ method: 'answerCallbackQuery', since });
      expect(['Nút này đã hết hiệu lực.', 'Biểu mẫu này đã đóng.', 'Câu hỏi này đã được trả lời.']).toContain(
        answer.params.text,
      );
    }
    const after = (await conversation(h, f))!;
    expect(after.version).toBe(c.version);
    expect(after.state).toEqual(c.state);
  });

  it("drops an unreadable stored form; leaves another feature's conversation alone", async () => {
    const f = await newFocal();
    const id = f.user.id;
    const key = [BigInt(id), BigInt(id)] as const;
    await h.app.repos.conversations.save(
      ...key,
      'form',
      { v: 1, form: 'activity.GONE', fid: 'abcd1234' },
      null,
      new Date('2030-01-01'),
    );
    expect(sentTexts(await act(h, id, () => f.user.command('skip')))[0]).toContain(
      'Hiện không có biểu mẫu nào đang khai',
    );
    expect(await h.app.repos.conversations.get(...key)).toBeNull();
    await h.app.repos.conversations.save(...key, 'programme-upload', { step: 1 }, null, new Date('2030-01-01'));
    const texts = sentTexts(await act(h, id, () => f.user.send('một câu trả lời')));
    expect(texts.join()).not.toContain('biểu mẫu');
    expect((await h.app.repos.conversations.get(...key))?.state).toEqual({ step: 1 });
    await h.app.repos.conversations.delete(...key);
  });
});
