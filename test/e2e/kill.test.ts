import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { createRepos, type Repos } from '../../src/db/repos/index.js';
import { provisionTestDatabase, testProviders } from '../support/db.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.js';
import type { SimUser } from '../support/fake-telegram/sim-user.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';

// kill -9 of the real process in the middle of handlers, on SQLite and PostgreSQL: one focal point
// per form step, each with the answer to "their" step in flight (it reached the bot; the reply
// hangs in the Bot API) when the process dies — and one mid-submit. After the restart Telegram
// redelivers the updates: each answer must be stored exactly once, or the user asked again; never
// silence. The submitted activity exists once. (One kill covers every step: restarts are slow.)

const FOCAL0 = 6_130_000_100;
const TITLE = 'Đoàn khảo sát hợp tác nông nghiệp tại Viêng Chăn';

interface Step {
  name: string;
  act: (u: SimUser) => unknown;
}

const STEPS: Step[] = [
  { name: 'title', act: (u) => u.send(TITLE) },
  { name: 'countries (skip)', act: (u) => u.command('skip') },
  { name: 'partner', act: (u) => u.send('Sở Nông nghiệp thủ đô Viêng Chăn') },
  // The bot runs on the real clock: a timing still ahead (a past one would ask to confirm a past activity).
  { name: 'timing', act: (u) => u.send('tháng 10/2030') },
  { name: 'place', act: (u) => u.send('Viêng Chăn, Lào') },
  { name: 'fundings (skip)', act: (u) => u.command('skip') },
  { name: 'cost', act: (u) => u.send('150.000.000') },
  { name: 'coordinators (skip)', act: (u) => u.command('skip') },
  { name: 'notes', act: (u) => u.send('Kết hợp khảo sát thị trường') },
];

describe.each(testProviders())('kill -9 mid-handler at every form step (%s)', (provider) => {
  let fake: FakeTelegram;
  let cwd: string;
  let url: string;
  let cleanup: () => Promise<void>;
  let handle: DbHandle;
  let repos: Repos;
  let proc: BotProcess;
  let env: Record<string, string>;
  const counts = { steps: 0, storedOnce: 0, askedAgain: 0, silent: 0 };

  const start = async () => {
    const since = fake.mark();
    proc = startBotProcess(env, cwd);
    await fake
      .waitFor((c) => c.method === 'deleteWebhook' && c.seq >= since, 90_000)
      .catch((err) => {
        throw new Error(`${err}\n--- process output ---\n${proc.output()}`);
      });
  };
  const form = async (id: number) => {
    const c = await repos.conversations.get<{ step: string | null; answers: Record<string, unknown> }>(
      BigInt(id),
      BigInt(id),
    );
    return c?.state ?? null;
  };
  /** Resolves once the bot's first call to each user (which hangs) has reached the Bot API. */
  const hungCalls = async (since: number, ids: number[]) => {
    for (let i = 0; i < 2000; i++) {
      const hung = new Set(
        fake.calls
          .filter((c) => c.seq >= since && c.doneAt === undefined && c.chatId !== undefined)
          .map((c) => c.chatId),
      );
      if (ids.every((id) => hung.has(id))) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`not every call hung\n${fake.describeRecent(40)}\n${proc.output()}`);
  };
  /** Whatever the bot says to a user (a message, an edit, an answered button) after `since`. */
  const spokeTo = (id: number, since: number) =>
    fake.calls.some(
      (c) =>
        c.seq >= since &&
        c.response?.ok === true &&
        (c.chatId === id ||
          (c.method === 'answerCallbackQuery' &&
            String(c.params.callback_query_id ?? '').length > 0 &&
            callbackOf(c.params.callback_query_id) === id)),
    );
  const callbacks = new Map<string, number>();
  const callbackOf = (q: unknown) => callbacks.get(String(q));
  const act = async (fn: () => unknown) => {
    await fn();
    await fake.waitForIdle({ quietMs: 30, timeoutMs: 30_000 });
  };

  beforeAll(async () => {
    fake = await startFakeTelegram();
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-kill-'));
    ({ url, cleanup } = await provisionTestDatabase(provider));
    handle = await createDb(url);
    repos = createRepos(handle.db, handle.provider);
    const agency = await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' });
    for (let i = 0; i <= STEPS.length; i++)
      await repos.users.upsertWithRole(
        { telegramId: BigInt(FOCAL0 + i), displayName: `Đầu mối ${i}` },
        'FOCAL',
        agency.id,
      );
    // A short lease: on PostgreSQL the restarted process waits for the dead one's lease to expire.
    env = {
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_URL: url,
      RATE_LIMIT: 'off',
      UPDATE_LEASE_SEC: '2',
    };
    await start();
  }, 120_000);

  afterAll(async () => {
    await proc?.kill9();
    await handle?.close();
    await fake?.close();
    await cleanup?.();
    fs.rmSync(cwd, { recursive: true, force: true });
    console.log(`kill -9 (${provider}): ${JSON.stringify(counts)}`);
  });

  it('every answer is stored exactly once or asked again, never silence; a submit creates the activity once', async () => {
    // Focal point i answers steps 0..i-1, then has step i's answer in flight; the last one is at the review.
    const users = Array.from({ length: STEPS.length + 1 }, (_, i) =>
      fake.user(FOCAL0 + i, { firstName: `Đầu mối ${i}` }),
    );
    for (const [i, u] of users.entries()) {
      await act(() => u.command('new'));
      await act(() => u.pressButton('Hoạt động khác'));
      for (const step of STEPS.slice(0, i)) await act(() => step.act(u));
    }
    const before = await Promise.all(users.map((u) => form(u.id)));
    expect(before.at(-1)).toMatchObject({ step: null });

    let since = fake.mark();
    for (const u of users) fake.hang('*', 600_000, { chatId: u.id });
    for (const [i, u] of users.entries()) {
      if (i < STEPS.length) STEPS[i]!.act(u);
      else {
        const q = u.pressButton('✅ Gửi đăng ký');
        callbacks.set(String(q.callback_query?.id ?? ''), u.id);
      }
    }
    await hungCalls(
      since,
      users.map((u) => u.id),
    );
    await proc.kill9();
    fake.resetInjections();
    since = fake.mark();
    await start();
    await fake.waitForIdle({ quietMs: 500, timeoutMs: 60_000 });

    for (const [i, u] of users.slice(0, STEPS.length).entries()) {
      const step = STEPS[i]!;
      counts.steps++;
      if (!spokeTo(u.id, since)) {
        counts.silent++;
        continue;
      }
      const b = before[i]!;
      const after = (await form(u.id))!;
      const added = Object.keys(after.answers).length - Object.keys(b.answers).length;
      if (added === 1 && after.step !== b.step) {
        counts.storedOnce++;
        continue;
      }
      // Not stored: the user was asked again (the same question, or continue/discard); answering works.
      expect(added, step.name).toBe(0);
      expect(after.step, step.name).toBe(b.step);
      counts.askedAgain++;
      if (/khởi động lại/.test(fake.lastSent(u.id)?.text ?? '')) await act(() => u.pressButton('▶️ Tiếp tục'));
      await act(() => step.act(u));
      expect(Object.keys((await form(u.id))!.answers).length, step.name).toBe(Object.keys(b.answers).length + 1);
    }
    counts.steps++;
    const submitter = users.at(-1)!;
    if (!spokeTo(submitter.id, since)) counts.silent++;
    const created = await handle.db.activity.findMany({ where: { title: TITLE } });
    const mine = created.filter((a) => a.notes === 'Kết hợp khảo sát thị trường');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      type: 'OTHER',
      partnerName: 'Sở Nông nghiệp thủ đô Viêng Chăn',
      place: 'Viêng Chăn, Lào',
      costVnd: 150_000_000n,
    });
    expect(await form(submitter.id)).toBeNull();
    expect(counts.silent, fake.describeRecent(40)).toBe(0);
    expect(counts.storedOnce + counts.askedAgain).toBe(STEPS.length);
  }, 300_000);
});
