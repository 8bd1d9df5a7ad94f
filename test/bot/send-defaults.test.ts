import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';

// Set once for the whole bot (src/bot/send-defaults.ts, src/bot/index.ts): messages are HTML without
// link previews unless a call says otherwise, an edit that changes nothing is not an error, and every
// line a handler logs carries the update_id it handles (polling: test/bot/polling.test.ts).
describe('send defaults and the per-update logger, over HTTP', () => {
  let h: Harness;
  const lines: string[] = [];
  beforeAll(async () => {
    const logStream = new PassThrough();
    logStream.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
    h = await startHarness({ env: { LOG_LEVEL: 'info' }, logStream });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a message sent with no options goes out as HTML without link previews; given options win', async () => {
    const admin = h.fake.user(ADMIN_ID, { firstName: 'Lan' });
    const since = h.fake.mark();
    await h.app.bot.telegram.sendMessage(admin.id, '<b>Kế hoạch</b> https://example.gov.vn');
    await h.app.bot.telegram.sendMessage(admin.id, 'plain', { parse_mode: 'MarkdownV2' });
    const sent = h.fake.callsTo('sendMessage').filter((c) => c.seq >= since);
    expect(sent.map((c) => [c.params.parse_mode, c.params.link_preview_options])).toEqual([
      ['HTML', { is_disabled: true }],
      ['MarkdownV2', { is_disabled: true }],
    ]);
    // The fake renders HTML as Telegram does: the tags are markup, not text.
    expect(admin.sent().at(-2)?.text).toBe('Kế hoạch https://example.gov.vn');
  });

  it('a handler’s reply (its own per-update Telegram client) gets the same defaults', async () => {
    const admin = h.fake.user(ADMIN_ID, { firstName: 'Lan' });
    const since = h.fake.mark();
    admin.command('help');
    await h.fake.waitFor({ method: 'sendMessage', chatId: ADMIN_ID, since });
    const sent = h.fake.callsTo('sendMessage').filter((c) => c.seq >= since);
    expect(sent.map((c) => [c.params.parse_mode, c.params.link_preview_options])).toEqual([
      ['HTML', { is_disabled: true }],
    ]);
  });

  it('an edit that changes nothing succeeds quietly; Telegram said "message is not modified"', async () => {
    const admin = h.fake.user(ADMIN_ID);
    const msg = await h.app.bot.telegram.sendMessage(admin.id, 'Danh sách');
    const since = h.fake.mark();
    await expect(h.app.bot.telegram.editMessageText(admin.id, msg.message_id, undefined, 'Danh sách')).resolves.toBe(
      true,
    );
    const edit = h.fake.callsTo('editMessageText').find((c) => c.seq >= since);
    expect(edit?.response).toMatchObject({
      ok: false,
      description: expect.stringContaining('message is not modified'),
    });
    // Any other failure still fails.
    await expect(h.app.bot.telegram.editMessageText(admin.id, 999_999, undefined, 'x')).rejects.toThrow(
      /message to edit not found|not found/i,
    );
  });

  it('a handler’s log line carries the update_id of the update it handles', async () => {
    const stranger = h.fake.user(5_000_000_777, { firstName: 'Khách' });
    const update = stranger.send('xin chào');
    await h.fake.waitForIdle();
    const refused = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'access-refused');
    expect(refused).toMatchObject({ update_id: update.update_id, reason: 'stranger' });
  });
});
