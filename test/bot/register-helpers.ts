import { expect } from 'vitest';
import type { Harness } from '../support/harness.js';
import { inlineButtons } from '../support/fake-telegram/index.js';
import type { SimUser } from '../support/fake-telegram/sim-user.js';
import type { TgMessage } from '../support/fake-telegram/types.js';

// Shared steps of the registration tests: a focal point of an agency, and one action at a time,
// each waited for (the update is confirmed and the bot is quiet) before the next.

export interface Focal {
  user: SimUser;
  agencyId: number;
  userId: number;
}

let seq = 0;

export async function focalPoint(
  h: Harness,
  telegramId: number,
  opts: { code?: string; name?: string; lang?: 'vi' | 'en' } = {},
): Promise<Focal> {
  const code = opts.code ?? `AG${++seq}X${telegramId % 1000}`;
  const agency =
    (await h.app.repos.agencies.findByCode(code)) ??
    (await h.app.repos.agencies.create({
      code,
      nameVi: opts.name ?? `Sở thử nghiệm ${code}`,
      nameEn: `Test department ${code}`,
    }));
  const u = await h.app.repos.users.upsertWithRole(
    { telegramId: BigInt(telegramId), displayName: 'Đầu mối' },
    'FOCAL',
    agency.id,
  );
  if (opts.lang) await h.app.repos.users.setLocale(u.id, opts.lang);
  return {
    user: h.fake.user(telegramId, { firstName: 'Đầu mối', languageCode: opts.lang ?? 'vi' }),
    agencyId: agency.id,
    userId: u.id,
  };
}

/** Runs `act`, waits until the bot has handled it, and returns the bot's calls to this chat since. */
export async function act(h: Harness, chatId: number, act: () => unknown) {
  const since = h.fake.mark();
  await act();
  await h.fake.waitForIdle({ quietMs: 10 });
  return h.fake.calls.filter((c) => c.seq >= since && c.chatId === chatId);
}

/** Texts the bot sent (new messages) to the chat in those calls. */
export function sentTexts(calls: Awaited<ReturnType<typeof act>>): string[] {
  return calls
    .filter((c) => c.method === 'sendMessage' && c.response?.ok)
    .map((c) => String((c.response as { result?: TgMessage }).result?.text ?? ''));
}

/** The bot's latest message in the chat (its current state). */
export function last(h: Harness, chatId: number): TgMessage {
  const m = h.fake.lastSent(chatId);
  if (!m) throw new Error('no bot message');
  return m;
}

export function buttonsOf(m: TgMessage | undefined): string[] {
  return inlineButtons(m).map((b) => b.text);
}

/** The latest question's header, e.g. "Quốc gia đến (7/15)". */
export function header(h: Harness, chatId: number): string {
  return last(h, chatId).text?.split('\n')[0] ?? '';
}

export async function startForm(h: Harness, f: Focal, typeLabel: string) {
  await act(h, f.user.id, () => f.user.command('new'));
  expect(last(h, f.user.id).text).toContain('Chọn loại hoạt động');
  await act(h, f.user.id, () => f.user.pressButton(typeLabel));
}

export async function conversation(h: Harness, f: Focal) {
  return h.app.repos.conversations.get<{ step: string | null; answers: Record<string, unknown>; fid: string }>(
    BigInt(f.user.id),
    BigInt(f.user.id),
  );
}
