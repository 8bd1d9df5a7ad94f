/**
 * Opening the plan board from the bot: the chat menu button for coordinators and heads (not for
 * focal points), the "📋 Bảng kế hoạch" button under /summary, /plans and /find in private chats (never in
 * groups, where Telegram refuses Mini App buttons), and a card's button opening the board at it.
 * Without WEBAPP_URL nothing of it appears (the other bot tests run that way).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { IDS, freePort, seedBoard } from '../support/board-fixture.js';

type Button = { text: string; web_app?: { url: string }; callback_data?: string };

describe('the plan board from the bot (polling mode with PORT)', () => {
  let h: Harness;
  let base: string;
  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}/board/`;
    h = await startHarness({ env: { PORT: String(port), WEBAPP_URL: base }, now: '2027-03-01T09:00:00' });
    await seedBoard(h.app.repos);
    for (const id of [IDS.head, IDS.coordinator, IDS.focalSct]) h.fake.user(id, { firstName: 'U', languageCode: 'vi' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function ask(userId: number, command: string, payload?: string) {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(userId).command(command, payload);
    await h.fake.waitFor({ chatId: userId, since, method: 'sendMessage' });
    await h.fake.waitForIdle();
    const calls = h.fake.calls.filter((c) => c.seq >= since && c.chatId === userId && c.method === 'sendMessage');
    for (const c of calls) expect(c.response?.ok, h.fake.describeRecent()).toBe(true);
    return calls.map((c) =>
      ((c.params.reply_markup as { inline_keyboard?: Button[][] } | undefined)?.inline_keyboard ?? []).flat(),
    );
  }

  it('sets the menu button to the board for heads and coordinators, not for focal points', async () => {
    await ask(IDS.head, 'help');
    await ask(IDS.coordinator, 'help');
    await ask(IDS.focalSct, 'help');
    expect(h.fake.menuButton(IDS.head)).toEqual({ type: 'web_app', text: '📋 Bảng kế hoạch', web_app: { url: base } });
    expect(h.fake.menuButton(IDS.coordinator)).toMatchObject({ type: 'web_app', web_app: { url: base } });
    expect(h.fake.menuButton(IDS.focalSct)).toEqual({ type: 'default' });
  });

  it('puts the board button under /summary (last message), /plans and /find results', async () => {
    const summary = await ask(IDS.head, 'summary');
    expect(summary.at(-1)).toContainEqual({ text: '📋 Bảng kế hoạch', web_app: { url: base } });
    const plans = await ask(IDS.coordinator, 'plans');
    expect(plans.at(-1)).toContainEqual({ text: '📋 Bảng kế hoạch', web_app: { url: base } });
    const found = await ask(IDS.head, 'find', 'đoàn ra Nhật Bản');
    expect(found.at(-1)).toContainEqual({ text: '📋 Bảng kế hoạch', web_app: { url: base } });
  });

  it('shows no Mini App button in a group', async () => {
    const group = h.fake.group(-100_200_300);
    const since = h.fake.mark();
    await group.command(h.fake.user(IDS.head), 'summary');
    await h.fake.waitFor({ chatId: -100_200_300, since, method: 'sendMessage' });
    await h.fake.waitForIdle();
    const calls = h.fake.calls.filter((c) => c.seq >= since && c.chatId === -100_200_300 && c.method === 'sendMessage');
    for (const c of calls) {
      expect(c.response?.ok).toBe(true);
      expect(JSON.stringify(c.params.reply_markup ?? {})).not.toContain('web_app');
    }
  });

  it('an activity card in /my opens the board at that card', async () => {
    const list = await ask(IDS.focalSct, 'my');
    expect(list.at(-1)!.some((b) => b.text.startsWith('📄'))).toBe(true);
    const since = h.fake.mark();
    await h.fake.user(IDS.focalSct).pressButton(/^📄/);
    await h.fake.waitFor({ chatId: IDS.focalSct, since, method: 'editMessageText' });
    await h.fake.waitForIdle();
    const edit = h.fake.calls.filter((c) => c.seq >= since && c.method === 'editMessageText').at(-1)!;
    const buttons = ((edit.params.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard ?? []).flat();
    const board = buttons.find((b) => b.web_app);
    expect(board?.text).toBe('📋 Xem trên bảng kế hoạch');
    expect(board?.web_app?.url).toMatch(new RegExp(`^${base.replace(/[/.]/g, '\\$&')}\\?a=\\d{4}-\\d{3}$`));
  });
});
