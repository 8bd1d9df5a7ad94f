import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { createI18n } from '../../src/i18n/index.js';
import { expireForms } from '../../src/bot/features/forms.js';
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

// A half-filled form lives in the database: it survives a restart (the next message offers to
// continue or discard), another instance can take the next answer, concurrent answers on two
// instances are both applied once (optimistic versions), and an idle form expires after 7 days.

describe('registration: restarts and several instances', () => {
  let h: Harness;
  let other: App | undefined;
  let n = 0;
  const newFocal = () => focalPoint(h, 6_500_000_000 + ++n, { code: 'SYT' });
  let updateId = 900_000_000;
  const textUpdate = (f: Focal, text: string) => ({
    update_id: ++updateId,
    message: {
      message_id: updateId,
      from: f.user.user,
      chat: { id: f.user.id, type: 'private' as const, first_name: f.user.user.first_name },
      date: Math.floor(Date.now() / 1000),
      text,
    },
  });

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await other?.stop();
    await h?.stop();
  });

  it('after a restart, the next message offers to continue; continuing finishes the same form', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Thư chúc mừng');
    await act(h, id, () => f.user.send('Thư chúc mừng 50 năm quan hệ Việt Nam – Nhật Bản'));
    await act(h, id, () => f.user.pressButton('Kỷ niệm quan hệ ngoại giao'));
    const saved = (await conversation(h, f))!;
    await h.restart();

    let texts = sentTexts(await act(h, id, () => f.user.send('Nhật Bản')));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('Hệ thống vừa được khởi động lại');
    expect(texts[0]).toContain('«Đăng ký hoạt động: Thư chúc mừng», đến câu «Quốc gia nhận thư» (3/8)');
    expect(buttonsOf(last(h, id))).toEqual(['▶️ Tiếp tục', '🗑 Hủy biểu mẫu']);
    // Unchanged but for the id of the update that touched it last.
    expect({ ...(await conversation(h, f))!.state, u: 0 }).toEqual({ ...saved.state, u: 0 });

    await act(h, id, () => f.user.pressButton('▶️ Tiếp tục'));
    expect(header(h, id)).toBe('Quốc gia nhận thư (3/8)');
    await act(h, id, () => f.user.send('nhat'));
    await act(h, id, () => f.user.pressButton('Nhật Bản'));
    await act(h, id, () => f.user.send('Chủ tịch UBND tỉnh'));
    // Later messages go on normally (the offer is made once).
    texts = sentTexts(await act(h, id, () => f.user.send('Thống đốc tỉnh Gunma')));
    expect(texts[0]!.split('\n')[0]).toBe('Hạn gửi thư (6/8)');
    await act(h, id, () => f.user.send('trước 21/9/2025'));
    await act(h, id, () => f.user.command('skip'));
    await act(h, id, () => f.user.command('skip'));
    await act(h, id, () => f.user.pressButton('✅ Gửi đăng ký'));
    const a = (await h.app.repos.activities.listByAgency(f.agencyId, { take: 50 })).items.find(
      (x) => x.createdById === f.userId,
    )!;
    expect(a).toMatchObject({ type: 'LETTER', status: 'SUBMITTED', timingPrecision: 'DEADLINE' });
    expect(a.details).toMatchObject({
      occasion: 'ANNIVERSARY',
      sender: 'Chủ tịch UBND tỉnh',
      recipient: 'Thống đốc tỉnh Gunma',
    });
  });

  it('after a restart, an answer that fits the current question is taken, with a "form resumed" notice', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Hoạt động khác');
    await h.restart();
    const texts = sentTexts(await act(h, id, () => f.user.send('Hội thảo hợp tác giáo dục')));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain(
      'đã được khôi phục sau khi hệ thống khởi động lại; câu trả lời vừa gửi đã được ghi nhận',
    );
    expect(texts[0]).toContain('Hội thảo hợp tác giáo dục');
    expect((await conversation(h, f))!.state.answers.title).toBe('Hội thảo hợp tác giáo dục');
    await act(h, id, () => f.user.command('cancel'));
    await act(h, id, () => f.user.pressButton('Có, hủy biểu mẫu'));
  });

  it('after a restart, discarding drops the form', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Hoạt động khác');
    await act(h, id, () => f.user.send('Hội thảo'));
    await h.restart();
    await act(h, id, () => f.user.command('skip'));
    expect(last(h, id).text).toContain('Hệ thống vừa được khởi động lại');
    await act(h, id, () => f.user.pressButton('🗑 Hủy biểu mẫu'));
    expect(last(h, id).text).toBe('Đã hủy biểu mẫu «Đăng ký hoạt động: Hoạt động khác».');
    expect(await conversation(h, f)).toBeNull();
  });

  it('another running instance takes the next answer; answers racing on two instances are both applied once', async () => {
    other = await createApp(h.config, { logger: createLogger('silent'), now: () => h.clock.now });
    other.bot.botInfo = await other.bot.telegram.getMe();
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Đoàn ra');
    await act(h, id, () => f.user.send('Đoàn công tác tại Campuchia'));
    // Instance B (started before that answer was saved) continues without any resume offer.
    const since = h.fake.mark();
    await other.bot.handleUpdate(textUpdate(f, 'Lê Văn Cường'));
    const next = await h.fake.waitFor({ method: 'sendMessage', chatId: id, since });
    expect(String(next.params.text).split('\n')[0]).toBe('<b>Chức vụ, chức danh của trưởng đoàn</b> (3/16)');
    expect((await conversation(h, f))!.state.answers.headName).toBe('Lê Văn Cường');

    // Two answers at once, one per instance (each valid for either question): one save goes
    // stale, is re-read and re-applied to the next question.
    const v = (await conversation(h, f))!.version;
    await Promise.all([act(h, id, () => f.user.send('12')), other.bot.handleUpdate(textUpdate(f, '9'))]);
    await h.fake.waitForIdle();
    const c = (await conversation(h, f))!;
    expect(c.version).toBe(v + 2);
    expect(c.state.step).toBe('composition');
    const got = JSON.stringify([c.state.answers.headPosition, c.state.answers.members]);
    expect([JSON.stringify(['12', 9]), JSON.stringify(['9', 12])]).toContain(got);
  });

  it('an idle form expires after 7 days: the next message says so and the form is gone', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Hoạt động khác');
    await act(h, id, () => f.user.send('Hội thảo'));
    const start = h.clock.now.toISO()!;
    h.clock.set(h.clock.now.plus({ days: 8 }).toISO()!);
    try {
      const texts = sentTexts(await act(h, id, () => f.user.send('Lào')));
      expect(texts).toEqual([
        'Biểu mẫu «Đăng ký hoạt động: Hoạt động khác» đã quá 7 ngày không cập nhật nên đã được hủy. Xin khai lại nếu cần.',
      ]);
      expect(await conversation(h, f)).toBeNull();
    } finally {
      h.clock.set(start);
    }
  });

  it('the expiry job drops forms idle for 7 days and tells their users once, through the outbox', async () => {
    const f = await newFocal();
    const id = f.user.id;
    await startForm(h, f, 'Đoàn vào');
    await act(h, id, () => f.user.send('Tiếp đoàn'));
    const deps = { repos: h.app.repos, i18n: createI18n('vi'), logger: createLogger('silent') };
    expect(await expireForms(deps, h.clock.now.plus({ days: 6 }))).toBe(0);
    expect(await conversation(h, f)).not.toBeNull();
    // (Forms left open by the tests above expire too.)
    expect(await expireForms(deps, h.clock.now.plus({ days: 7, minutes: 1 }))).toBeGreaterThanOrEqual(1);
    expect(await conversation(h, f)).toBeNull();
    expect(await expireForms(deps, h.clock.now.plus({ days: 8 }))).toBe(0);
    const since = h.fake.mark();
    await h.app.jobs.dispatch(h.clock.now.plus({ days: 7, minutes: 2 }));
    const sent = await h.fake.waitFor({ method: 'sendMessage', chatId: id, since });
    expect(sent.params.text).toBe(
      'Biểu mẫu «Đăng ký hoạt động: Đoàn vào» đã quá 7 ngày không cập nhật nên đã được hủy. Xin khai lại nếu cần.',
    );
  });

  it('the scheduler tick runs the expiry: an idle form is dropped and its user told', async () => {
    const f = await newFocal();
    await startForm(h, f, 'Đoàn vào');
    await act(h, f.user.id, () => f.user.send('Tiếp đoàn Izumisano'));
    const since = h.fake.mark();
    await h.app.jobs.tick(h.clock.now.plus({ days: 7, hours: 1 }));
    expect(await conversation(h, f)).toBeNull();
    const sent = await h.fake.waitFor({ method: 'sendMessage', chatId: f.user.id, since });
    expect(sent.params.text).toContain('đã quá 7 ngày không cập nhật');
  });
});
