import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';

describe('bot skeleton over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('greets an admin listed in ADMIN_TELEGRAM_IDS, in Vietnamese by default, and stores them as admin', async () => {
    const admin = h.fake.user(ADMIN_ID, { firstName: 'Lan', languageCode: 'vi' });
    const since = h.fake.mark();
    await admin.command('start');
    const reply = await h.fake.waitFor({ method: 'sendMessage', chatId: ADMIN_ID, since });
    expect(reply.params.text).toContain('Xin chào Lan');
    expect(reply.params.text).toContain('quản trị hệ thống');
    const stored = await h.app.repos.users.findByTelegramId(BigInt(ADMIN_ID));
    expect(stored?.role).toBe('ADMIN');
    // The admin's own menu (chat scope) was set.
    await h.fake.waitFor(
      (c) => c.method === 'setMyCommands' && (c.params.scope as { chat_id?: number } | undefined)?.chat_id === ADMIN_ID,
    );
  });

  it('refuses a stranger politely, says how to ask for access, stores nothing', async () => {
    const stranger = h.fake.user(7_000_000_777, { firstName: 'Khách', languageCode: 'vi' });
    for (const cmd of ['start', 'help', 'lang', 'new', 'review']) {
      const since = h.fake.mark();
      await stranger.command(cmd);
      const reply = await h.fake.waitFor({ method: 'sendMessage', chatId: 7_000_000_777, since });
      expect(reply.params.text).toContain('chưa được cấp quyền');
      expect(reply.params.text).toContain('7000000777');
    }
    expect(await h.app.repos.users.findByTelegramId(7_000_000_777n)).toBeNull();
  });

  it('answers a stranger in English when Telegram says so', async () => {
    const stranger = h.fake.user(7_000_000_778, { firstName: 'Guest', languageCode: 'en' });
    const since = h.fake.mark();
    await stranger.send('hello');
    const reply = await h.fake.waitFor({ method: 'sendMessage', chatId: 7_000_000_778, since });
    expect(reply.params.text).toContain('has not been given access');
  });

  it('/help lists what the role may use; /lang switches language and is remembered', async () => {
    const admin = h.fake.user(ADMIN_ID);
    let since = h.fake.mark();
    await admin.command('help');
    const help = await h.fake.waitFor({ method: 'sendMessage', chatId: ADMIN_ID, since });
    expect(help.params.text).toContain('/lang');

    since = h.fake.mark();
    await admin.command('lang');
    await h.fake.waitFor({ method: 'sendMessage', chatId: ADMIN_ID, since, textIncludes: 'Chọn ngôn ngữ' });
    since = h.fake.mark();
    await admin.pressButton('English');
    await h.fake.waitFor({ method: 'editMessageText', chatId: ADMIN_ID, since, textIncludes: 'Switched to English' });
    expect((await h.app.repos.users.findByTelegramId(BigInt(ADMIN_ID)))?.locale).toBe('en');

    since = h.fake.mark();
    await admin.command('start');
    const greeting = await h.fake.waitFor({ method: 'sendMessage', chatId: ADMIN_ID, since });
    expect(greeting.params.text).toContain('Hello Lan');
    // Back to Vietnamese for the other tests.
    await admin.command('lang');
    await h.fake.waitForIdle();
    await admin.pressButton('Tiếng Việt');
    await h.fake.waitFor({ method: 'editMessageText', chatId: ADMIN_ID, textIncludes: 'tiếng Việt', since });
  });

  it('handles a redelivered update once', async () => {
    const admin = h.fake.user(ADMIN_ID);
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    const update = await admin.command('help');
    await h.fake.waitFor({ method: 'sendMessage', chatId: ADMIN_ID, since });
    await h.fake.waitForIdle();
    h.fake.redeliver(update.update_id);
    await h.fake.waitForIdle();
    const replies = h.fake.calls.filter((c) => c.seq >= since && c.method === 'sendMessage' && c.chatId === ADMIN_ID);
    expect(replies.length).toBe(1);
  });

  it('answers an unknown command and a stale button, and shows typed HTML as text', async () => {
    const admin = h.fake.user(ADMIN_ID);
    let since = h.fake.mark();
    await admin.send('/khongco <b>x</b>');
    const r = await h.fake.waitFor({ method: 'sendMessage', chatId: ADMIN_ID, since });
    expect(r.params.text).toContain('/khongco');
    since = h.fake.mark();
    const old = h.fake.sent(ADMIN_ID)[0]!;
    await admin.press(old.message_id, 'v1:gone:42');
    const answer = await h.fake.waitFor({ method: 'answerCallbackQuery', since });
    expect(answer.params.text).toContain('hết hiệu lực');
  });
});
