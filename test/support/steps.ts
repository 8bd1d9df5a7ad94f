import type { Harness } from './harness.js';
import type { TgMessage } from './fake-telegram/types.js';

// Shared steps of the workflow bot tests: one action at a time, waited for until the bot is quiet.

export type Call = Harness['fake']['calls'][number];

/** Runs `fn`, waits until the bot has handled it, and returns every Bot API call made since. */
export async function actAll(h: Harness, fn: () => unknown): Promise<Call[]> {
  const since = h.fake.mark();
  await fn();
  await h.fake.waitForIdle({ quietMs: 30 });
  return h.fake.calls.filter((c) => c.seq >= since);
}

/** The bot's latest message in a chat. */
export const lastSent = (h: Harness, chatId: number): TgMessage => h.fake.lastSent(chatId)!;

/** Texts of the new messages the bot sent to a chat in those calls. */
export const textsTo = (calls: Call[], chatId: number) =>
  calls
    .filter((c) => c.method === 'sendMessage' && c.chatId === chatId && c.response?.ok)
    .map((c) => String((c.response as { result?: TgMessage }).result?.text ?? ''));

/** Texts of the answers to button presses in those calls. */
export const alerts = (calls: Call[]) =>
  calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => String(c.params.text ?? ''));
