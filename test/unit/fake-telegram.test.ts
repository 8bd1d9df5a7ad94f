import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Markup, Telegraf } from 'telegraf';
import { message } from 'telegraf/filters';
import { afterEach, describe, expect, it } from 'vitest';
import {
  inlineButtons,
  parseMultipart,
  startFakeTelegram,
  type FakeTelegram,
  type FakeTelegramOptions,
  type UploadedFile,
} from '../support/fake-telegram/index.js';

// ---------------------------------------------------------------- helpers

const fakes: FakeTelegram[] = [];
const bots: Array<{ bot: Telegraf; done: Promise<unknown> }> = [];

async function fakeTg(opts?: FakeTelegramOptions): Promise<FakeTelegram> {
  const fake = await startFakeTelegram(opts);
  fakes.push(fake);
  return fake;
}

afterEach(async () => {
  for (const { bot, done } of bots.splice(0)) {
    try {
      bot.stop('test end');
    } catch {
      // not running
    }
    await done;
  }
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

interface Reply<T = unknown> {
  status: number;
  body: { ok: boolean; result?: T; error_code?: number; description?: string; parameters?: Record<string, number> };
}

async function call<T = unknown>(
  fake: FakeTelegram,
  method: string,
  params?: Record<string, unknown>,
): Promise<Reply<T>> {
  const res = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params ?? {}),
  });
  return { status: res.status, body: (await res.json()) as Reply<T>['body'] };
}

/** Start a telegraf bot in polling mode against the fake (launch() is not awaited: it resolves on stop). */
function startBot(fake: FakeTelegram, setup: (bot: Telegraf) => void): Telegraf {
  const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
  setup(bot);
  const done = bot.launch().catch((e: unknown) => e);
  bots.push({ bot, done });
  return bot;
}

/** Poll a condition (for server-side states that are not calls, e.g. a pending long poll). */
async function until(cond: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

// ---------------------------------------------------------------- raw HTTP

describe('fake Telegram: raw Bot API', () => {
  it('answers getMe over GET and POST', async () => {
    const fake = await fakeTg();
    expect(fake.apiRoot).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const get = await fetch(`${fake.apiRoot}/bot${fake.token}/getMe`);
    const body = (await get.json()) as Reply['body'];
    expect(body).toEqual({ ok: true, result: fake.botInfo });
    expect(fake.botInfo).toMatchObject({ id: 123456, is_bot: true, username: 'liaison_test_bot' });
    const post = await call(fake, 'getme'); // method names are case-insensitive
    expect(post.body.ok).toBe(true);
    expect(fake.callsTo('getMe')).toHaveLength(2);
  });

  it('sends messages with per-chat ids, entities, echoed inline keyboards and a message store', async () => {
    const fake = await fakeTg();
    const big = 5_000_000_000; // > 2^31
    fake.user(big, { firstName: 'Ann', username: 'ann' });
    const markup = { inline_keyboard: [[{ text: 'Yes', callback_data: 'y' }]] };
    const r1 = await call<Record<string, unknown>>(fake, 'sendMessage', {
      chat_id: big,
      text: '<b>Hello</b> &amp; welcome',
      parse_mode: 'HTML',
      reply_markup: markup,
    });
    expect(r1.status).toBe(200);
    expect(r1.body.result).toMatchObject({
      message_id: 1,
      from: { id: 123456, is_bot: true, username: 'liaison_test_bot' },
      chat: { id: big, type: 'private', first_name: 'Ann', username: 'ann' },
      text: 'Hello & welcome',
      entities: [{ type: 'bold', offset: 0, length: 5 }],
      reply_markup: markup,
    });
    expect(typeof r1.body.result!.date).toBe('number');

    const r2 = await call<{ message_id: number }>(fake, 'sendMessage', { chat_id: big, text: 'second' });
    expect(r2.body.result!.message_id).toBe(2);
    const other = await call<{ message_id: number }>(fake, 'sendMessage', { chat_id: 42, text: 'other chat' });
    expect(other.body.result!.message_id).toBe(1);

    // form-urlencoded works too (reply_markup as a JSON string)
    const form = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: String(big), text: 'form', reply_markup: JSON.stringify(markup) }),
    });
    expect(((await form.json()) as Reply<{ message_id: number }>['body']).result!.message_id).toBe(3);

    expect(fake.sent(big).map((m) => m.text)).toEqual(['Hello & welcome', 'second', 'form']);
    expect(inlineButtons(fake.lastSent(big))).toEqual([{ text: 'Yes', callback_data: 'y' }]);
    expect(fake.callsTo('sendMessage')[3]!.params).toMatchObject({ chat_id: big, reply_markup: markup });
    // Every call is counted; getUpdates also on its own (bench/updates.ts: calls per update).
    await call(fake, 'getUpdates', { timeout: 0 });
    expect(fake.stats).toMatchObject({ calls: 5, pollCalls: 1 });
  });

  it('rejects edits that change nothing, and removes the keyboard when an edit omits it', async () => {
    const fake = await fakeTg();
    const kb = { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] };
    await call(fake, 'sendMessage', { chat_id: 7, text: 'v1', reply_markup: kb });

    const same = await call(fake, 'editMessageText', { chat_id: 7, message_id: 1, text: 'v1', reply_markup: kb });
    expect(same.status).toBe(400);
    expect(same.body.description).toMatch(/^Bad Request: message is not modified: /);
    expect(fake.stats.notModified).toBe(1);

    const edited = await call(fake, 'editMessageText', { chat_id: 7, message_id: 1, text: 'v2' });
    expect(edited.body.result).toMatchObject({ message_id: 1, text: 'v2' });
    expect(edited.body.result).not.toHaveProperty('reply_markup');
    expect(fake.lastSent(7)).toMatchObject({ text: 'v2' });
    expect(fake.history(7)[0]!.history.map((m) => m.text)).toEqual(['v1']);

    const markupOnly = await call(fake, 'editMessageReplyMarkup', { chat_id: 7, message_id: 1, reply_markup: kb });
    expect(markupOnly.body.ok).toBe(true);
    expect(inlineButtons(fake.lastSent(7))).toHaveLength(1);

    const missing = await call(fake, 'editMessageText', { chat_id: 7, message_id: 99, text: 'x' });
    expect(missing.body.description).toBe('Bad Request: message to edit not found');
    expect((await call(fake, 'deleteMessage', { chat_id: 7, message_id: 1 })).body.result).toBe(true);
    expect(fake.sent(7)).toEqual([]);
    expect((await call(fake, 'deleteMessage', { chat_id: 7, message_id: 1 })).body.description).toBe(
      'Bad Request: message to delete not found',
    );
  });

  it('returns 404 Not Found for unknown methods and 401 for a wrong token', async () => {
    const fake = await fakeTg();
    const r = await call(fake, 'sendTelepathy', { chat_id: 1 });
    expect(r).toEqual({ status: 404, body: { ok: false, error_code: 404, description: 'Not Found' } });
    const bad = await fetch(`${fake.apiRoot}/bot1:WRONG/getMe`);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
  });

  it('validates text length, callback_data size and HTML like Telegram', async () => {
    const fake = await fakeTg();
    const long = await call(fake, 'sendMessage', { chat_id: 1, text: 'x'.repeat(4097) });
    expect(long.body).toMatchObject({ ok: false, error_code: 400, description: 'Bad Request: message is too long' });
    expect((await call(fake, 'sendMessage', { chat_id: 1, text: 'x'.repeat(4096) })).body.ok).toBe(true);

    const data = await call(fake, 'sendMessage', {
      chat_id: 1,
      text: 'kb',
      reply_markup: { inline_keyboard: [[{ text: 'b', callback_data: 'é'.repeat(33) }]] }, // 66 bytes
    });
    expect(data.body.description).toBe('Bad Request: BUTTON_DATA_INVALID');

    const html = await call(fake, 'sendMessage', { chat_id: 1, text: 'a <br> b', parse_mode: 'HTML' });
    expect(html.body.description).toMatch(/^Bad Request: can't parse entities: Unsupported start tag "br"/);
    const md = await call(fake, 'sendMessage', { chat_id: 1, text: 'Done.', parse_mode: 'MarkdownV2' });
    expect(md.body.description).toContain("Character '.' is reserved");
    expect(fake.stats).toMatchObject({ tooLong: 1, buttonDataInvalid: 1, parseErrors: 2 });
  });

  it('enforces rate limits with 429 + retry_after when configured', async () => {
    const fake = await fakeTg({ limits: { perChatPerSec: 1, groupPerMin: 2, globalPerSec: 30 } });
    expect((await call(fake, 'sendMessage', { chat_id: 1, text: 'a' })).status).toBe(200);
    const second = await call(fake, 'sendMessage', { chat_id: 1, text: 'b' });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 1',
      parameters: { retry_after: 1 },
    });
    expect((await call(fake, 'sendMessage', { chat_id: 2, text: 'other chat is fine' })).status).toBe(200);

    // groups: 20/min in real Telegram; 2/min here (setLimits replaces all limits, so per-chat is off now)
    fake.setLimits({ groupPerMin: 2 });
    await call(fake, 'sendMessage', { chat_id: -10, text: '1' });
    await call(fake, 'sendMessage', { chat_id: -10, text: '2' });
    const third = await call(fake, 'sendMessage', { chat_id: -10, text: '3' });
    expect(third.status).toBe(429);
    expect(third.body.parameters!.retry_after).toBeGreaterThan(50);
    expect(fake.stats).toMatchObject({ rateLimited: 2, rateLimitedPerChat: 1, rateLimitedGroup: 1 });
  });

  it('simulates blocked users, migrated groups, injected failures and hangs', async () => {
    const fake = await fakeTg();
    const user = fake.user(11);
    fake.blockBy(user.id);
    const blocked = await call(fake, 'sendMessage', { chat_id: 11, text: 'hi' });
    expect(blocked).toEqual({
      status: 403,
      body: { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' },
    });
    fake.unblock(11);
    expect((await call(fake, 'sendMessage', { chat_id: 11, text: 'hi' })).status).toBe(200);

    const group = fake.group(-555, 'Agency A');
    const superGroup = group.migrateTo(-1001234567890, user);
    expect(superGroup.chat).toMatchObject({ id: -1001234567890, type: 'supergroup', title: 'Agency A' });
    const migrated = await call(fake, 'sendMessage', { chat_id: -555, text: 'hello group' });
    expect(migrated.body).toEqual({
      ok: false,
      error_code: 400,
      description: 'Bad Request: group chat was upgraded to a supergroup chat',
      parameters: { migrate_to_chat_id: -1001234567890 },
    });
    expect(fake.pendingUpdates().map((u) => u.message)).toMatchObject([
      { chat: { id: -555 }, migrate_to_chat_id: -1001234567890 },
      { chat: { id: -1001234567890 }, migrate_from_chat_id: -555 },
    ]);

    fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' }, { chatId: 11, times: 2 });
    expect((await call(fake, 'sendMessage', { chat_id: 12, text: 'other chat unaffected' })).status).toBe(200);
    expect((await call(fake, 'sendMessage', { chat_id: 11, text: 'x' })).status).toBe(502);
    expect((await call(fake, 'sendMessage', { chat_id: 11, text: 'x' })).status).toBe(502);
    expect((await call(fake, 'sendMessage', { chat_id: 11, text: 'x' })).status).toBe(200);
    expect(fake.stats.injected).toBe(2);

    fake.hang('sendChatAction', Infinity);
    const aborted = fetch(`${fake.apiRoot}/bot${fake.token}/sendChatAction`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: 11, action: 'typing' }),
      signal: AbortSignal.timeout(100),
    });
    await expect(aborted).rejects.toThrow();
    const hung = await fake.waitFor({ method: 'sendChatAction' });
    expect(hung.response).toMatchObject({ ok: false, error_code: 499 });
  });

  it('random failure injection is deterministic for a seed', async () => {
    const run = async () => {
      const fake = await fakeTg({ random: { rate429: 0.2, rate5xx: 0.1, seed: 42 } });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++)
        statuses.push((await call(fake, 'sendMessage', { chat_id: 1, text: `m${i}` })).status);
      return { fake, statuses, stats: { ...fake.stats } };
    };
    const a = await run();
    const b = await run();
    expect(a.statuses).toEqual(b.statuses);
    expect(a.statuses.filter((s) => s === 429).length).toBe(a.stats.random429);
    expect(a.stats.random429).toBeGreaterThan(0);
    expect(a.stats.random5xx).toBeGreaterThan(0);
    for (let i = 0; i < 10; i++) expect((await call(a.fake, 'getMe')).status).toBe(200); // exempt by default
  });

  it('getUpdates: offset confirmation, redelivery of unconfirmed updates, long polling, limit', async () => {
    const fake = await fakeTg();
    const user = fake.user(77, { firstName: 'Bob', languageCode: 'en' });
    const u1 = user.send('/start hello');
    const u2 = user.send('plain');
    expect(u2.update_id).toBe(u1.update_id + 1);
    expect(u1.message).toMatchObject({
      text: '/start hello',
      entities: [{ type: 'bot_command', offset: 0, length: 6 }],
      from: { id: 77, is_bot: false, first_name: 'Bob', language_code: 'en' },
      chat: { id: 77, type: 'private' },
    });

    const first = await call<Array<{ update_id: number }>>(fake, 'getUpdates', { limit: 1 });
    expect(first.body.result!.map((u) => u.update_id)).toEqual([u1.update_id]);
    // not confirmed → delivered again
    const again = await call<Array<{ update_id: number }>>(fake, 'getUpdates', {});
    expect(again.body.result!.map((u) => u.update_id)).toEqual([u1.update_id, u2.update_id]);
    // confirm both
    const confirmed = await call<unknown[]>(fake, 'getUpdates', { offset: u2.update_id + 1 });
    expect(confirmed.body.result).toEqual([]);
    expect(fake.pendingUpdates()).toEqual([]);

    // long poll: the request stays open until an update arrives
    const polling = call<Array<{ update_id: number; callback_query?: unknown }>>(fake, 'getUpdates', {
      offset: u2.update_id + 1,
      timeout: 10,
    });
    await until(() => fake.calls.some((c) => c.method === 'getUpdates' && c.response === undefined));
    const started = Date.now();
    const msg = await call<{ message_id: number }>(fake, 'sendMessage', {
      chat_id: 77,
      text: 'pick',
      reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
    });
    const press = user.pressButton('Go');
    const got = (await polling).body.result!;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(got).toHaveLength(1);
    expect(got[0]!.update_id).toBe(press.update_id);
    expect(got[0]!.callback_query).toMatchObject({
      from: { id: 77 },
      data: 'go',
      message: { message_id: msg.body.result!.message_id, text: 'pick' },
    });
  });

  it('fake.redeliver() hands out an already-confirmed update again with the same update_id', async () => {
    const fake = await fakeTg();
    const u = fake.user(5).send('hi');
    await call(fake, 'getUpdates', {});
    await call(fake, 'getUpdates', { offset: u.update_id + 1 });
    fake.redeliver(u.update_id);
    const r = await call<Array<{ update_id: number }>>(fake, 'getUpdates', { offset: u.update_id + 1 });
    expect(r.body.result!.map((x) => x.update_id)).toEqual([u.update_id]);
    const after = await call<unknown[]>(fake, 'getUpdates', { offset: u.update_id + 1 });
    expect(after.body.result).toEqual([]);
  });

  it('retain: a benchmark keeps only the last messages of a chat and the last pushed updates', async () => {
    const fake = await fakeTg({ retain: { messagesPerChat: 4, updates: 2 } });
    // Trimmed once half as many again have gathered (so not on every message).
    for (let i = 1; i <= 7; i++) await call(fake, 'sendMessage', { chat_id: 5, text: `tin ${i}` });
    const kept = fake.history(5).map((r) => r.message.text);
    expect(kept).toEqual(['tin 4', 'tin 5', 'tin 6', 'tin 7']);
    expect(fake.user(5).lastSent()?.text).toBe('tin 7');
    // A message no longer kept cannot be edited, as one Telegram no longer has.
    expect((await call(fake, 'editMessageText', { chat_id: 5, message_id: 1, text: 'sửa' })).status).toBe(400);
    const ids = [1, 2, 3, 4].map(() => fake.user(6).send('hi').update_id);
    expect(() => fake.redeliver(ids[0]!)).toThrow(/no update with update_id/);
    expect(() => fake.redeliver(ids[3]!)).not.toThrow();
  });

  it('close() ends pending long polls immediately', async () => {
    const fake = await fakeTg();
    const polling = call<unknown[]>(fake, 'getUpdates', { timeout: 50 });
    await until(() => fake.calls.some((c) => c.method === 'getUpdates'));
    const t0 = Date.now();
    await fake.close();
    const settled = await polling.then(
      (r) => r.body.result,
      (e: unknown) => e,
    );
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(settled).toEqual([]);
  });

  it('webhook: getUpdates conflicts, updates are POSTed with the secret token, replies are executed', async () => {
    const fake = await fakeTg();
    const received: Array<{
      secret: string | undefined;
      update: { update_id: number; message?: { chat: { id: number } } };
    }> = [];
    const hookServer = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const update = JSON.parse(body) as (typeof received)[number]['update'];
        received.push({ secret: req.headers['x-telegram-bot-api-secret-token'] as string | undefined, update });
        res.writeHead(200, { 'content-type': 'application/json' });
        // a "webhook reply": Telegram executes the method in the response body
        res.end(JSON.stringify({ method: 'sendMessage', chat_id: update.message!.chat.id, text: 'via webhook reply' }));
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
      const set = await call(fake, 'setWebhook', { url, secret_token: 's3cret' });
      expect(set.body).toEqual({ ok: true, result: true, description: 'Webhook was set' });
      const conflict = await call(fake, 'getUpdates', {});
      expect(conflict.status).toBe(409);
      expect(conflict.body.description).toMatch(/^Conflict: can't use getUpdates method while webhook is active/);

      fake.user(9).send('hello hook');
      await fake.waitFor({ method: 'sendMessage', chatId: 9, textIncludes: 'via webhook reply' });
      expect(received[0]!.secret).toBe('s3cret');
      await fake.waitForIdle();
      expect(
        (await call<{ pending_update_count: number; url: string }>(fake, 'getWebhookInfo')).body.result,
      ).toMatchObject({
        url,
        pending_update_count: 0,
      });

      const direct = await fake.postToWebhook({
        message: { message_id: 99, date: 0, chat: { id: 9, type: 'private' }, text: 'x' },
      });
      expect(direct.status).toBe(200);
      expect(received).toHaveLength(2);
      expect((await call(fake, 'deleteWebhook')).body.description).toBe('Webhook was deleted');
    } finally {
      hookServer.closeAllConnections();
      await new Promise((r) => hookServer.close(r));
    }
  });

  it('parses multipart bodies (fields and files)', () => {
    const boundary = 'XyZ';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition:form-data; name="chat_id"\r\n\r\n42\r\n`),
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="document"; filename="a b.bin"\r\n\r\n`),
      Buffer.from([0, 1, 2, 13, 10, 255]),
      Buffer.from(`\r\n--${boundary}--`),
    ]);
    const { fields, files } = parseMultipart(body, boundary);
    expect(fields).toEqual({ chat_id: '42' });
    expect(files.document!.fileName).toBe('a b.bin');
    expect([...files.document!.bytes]).toEqual([0, 1, 2, 13, 10, 255]);
  });

  it('waitFor rejects with a helpful list of recent calls', async () => {
    const fake = await fakeTg();
    await call(fake, 'sendMessage', { chat_id: 3, text: 'something else' });
    const err = await fake.waitFor({ method: 'sendMessage', textIncludes: 'never' }, 50).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/timed out after 50 ms/);
    expect((err as Error).message).toContain('#0 sendMessage chat=3 "something else" -> ok');
  });
});

// ---------------------------------------------------------------- telegraf end to end

describe('fake Telegram: driving a real telegraf bot', () => {
  it('replies to /start and handles a callback query', async () => {
    const fake = await fakeTg();
    const botErrors: string[] = [];
    startBot(fake, (bot) => {
      bot.catch((err) => void botErrors.push(String(err)));
      bot.start((ctx) =>
        ctx.reply(`Welcome, ${ctx.from.first_name}!`, Markup.inlineKeyboard([Markup.button.callback('Say hi', 'hi')])),
      );
      bot.action('hi', async (ctx) => {
        await ctx.answerCbQuery('Hi there');
        await ctx.editMessageText('You said hi', Markup.inlineKeyboard([Markup.button.callback('Again', 'hi')]));
      });
    });
    const user = fake.user(6_000_000_001, { firstName: 'Linh' });

    user.command('start');
    const welcome = await fake.waitFor({ method: 'sendMessage', chatId: user.id });
    expect(welcome.response).toMatchObject({ ok: true });
    expect(user.lastSent()).toMatchObject({ text: 'Welcome, Linh!' });

    const press = user.pressButton('Say hi');
    await fake.waitFor({ method: 'editMessageText', chatId: user.id });
    await fake.waitForIdle();
    expect(fake.callbackAnswer(press.callback_query!.id)).toEqual({ text: 'Hi there' });
    expect(user.sent()).toHaveLength(1);
    expect(user.lastSent()).toMatchObject({ text: 'You said hi', edit_date: expect.any(Number) });
    expect(inlineButtons(user.lastSent()).map((b) => b.text)).toEqual(['Again']);

    // pressing the (now edited) old message again: same text+markup → "not modified" error in the bot
    const since = fake.mark();
    user.press(user.lastSent()!, 'hi');
    const failed = await fake.waitFor({ method: 'editMessageText', since });
    expect(failed.response).toMatchObject({ ok: false, error_code: 400 });
    await fake.waitForIdle();
    expect(botErrors).toEqual([expect.stringContaining('message is not modified')]);
  });

  it('sees a redelivered update with the same update_id', async () => {
    const fake = await fakeTg();
    const seen: number[] = [];
    startBot(fake, (bot) => {
      bot.use((ctx, next) => {
        seen.push(ctx.update.update_id);
        return next();
      });
      bot.on(message('text'), (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    });
    const user = fake.user(8);
    const u = user.send('ping');
    await fake.waitFor({ method: 'sendMessage', textIncludes: 'echo: ping' });
    const since = fake.mark();
    fake.redeliver(u.update_id);
    await fake.waitFor({ method: 'sendMessage', textIncludes: 'echo: ping', since });
    await fake.waitForIdle();
    expect(seen).toEqual([u.update_id, u.update_id]);
    expect(user.sent().map((m) => m.text)).toEqual(['echo: ping', 'echo: ping']);
  });

  it('receives multipart sendDocument uploads and lets the bot download user documents', async () => {
    const fake = await fakeTg();
    const pdf = Buffer.from('%PDF-1.4 fake report\n', 'utf8');
    startBot(fake, (bot) => {
      bot.command('report', (ctx) =>
        ctx.replyWithDocument(
          { source: pdf, filename: 'report.pdf' },
          { caption: 'Your <b>report</b>', parse_mode: 'HTML' },
        ),
      );
      bot.on(message('document'), async (ctx) => {
        const link = await ctx.telegram.getFileLink(ctx.message.document.file_id);
        const text = await (await fetch(link)).text();
        await ctx.reply(`got ${ctx.message.document.file_name}: ${text}`);
      });
    });
    const user = fake.user(21);

    user.command('report');
    const upload = await fake.waitFor({ method: 'sendDocument', chatId: 21 });
    const file = upload.params.document as UploadedFile;
    expect(file.fileName).toBe('report.pdf');
    expect(file.size).toBe(pdf.length);
    expect(file.bytes.equals(pdf)).toBe(true);
    expect(upload.params.caption).toBe('Your <b>report</b>');
    const sentDoc = user.lastSent()!;
    expect(sentDoc).toMatchObject({
      caption: 'Your report',
      caption_entities: [{ type: 'bold', offset: 5, length: 6 }],
      document: { file_name: 'report.pdf', mime_type: 'application/pdf', file_size: pdf.length },
    });
    expect(fake.file(sentDoc.document!.file_id)!.bytes.equals(pdf)).toBe(true);

    user.sendDocument('plan.txt', 'visit on Monday');
    await fake.waitFor({ method: 'sendMessage', chatId: 21, textIncludes: 'got plan.txt: visit on Monday' });
    expect(fake.callsTo('getFile')).toHaveLength(1);
  });

  it('works with a telegraf webhook: secret token check and webhook replies', async () => {
    const fake = await fakeTg({ webhookRetryMs: 20 });
    const bot = new Telegraf(fake.token, { telegram: { apiRoot: fake.apiRoot } });
    bot.start((ctx) => ctx.reply('hello from webhook', Markup.inlineKeyboard([Markup.button.callback('OK', 'ok')])));
    bot.action('ok', (ctx) => ctx.answerCbQuery('done'));
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- telegraf's webhook callback answers its own errors
    const server = http.createServer(bot.webhookCallback('/tg', { secretToken: 'abc' }));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tg`;
      await bot.telegram.setWebhook(url, { secret_token: 'abc' });
      const user = fake.user(31);
      user.command('start');
      await fake.waitFor({ method: 'sendMessage', chatId: 31, textIncludes: 'hello from webhook' });
      const press = user.pressButton('OK');
      const answer = await fake.waitFor({ method: 'answerCallbackQuery' });
      expect(answer.via).toBe('webhook-reply'); // telegraf answered inside the webhook response body
      await fake.waitForIdle();
      expect(fake.callbackAnswer(press.callback_query!.id)).toEqual({ text: 'done' });

      // a wrong secret: telegraf refuses (403), the fake keeps retrying and reports it in getWebhookInfo
      await bot.telegram.setWebhook(url, { secret_token: 'wrong' });
      user.send('lost?');
      await until(() => fake.stats.webhookFailures > 0);
      const info = await bot.telegram.getWebhookInfo();
      expect(info).toMatchObject({ pending_update_count: 1, last_error_message: expect.stringContaining('403') });
      await bot.telegram.deleteWebhook({ drop_pending_updates: true });
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('handles group messages and group commands addressed to the bot', async () => {
    const fake = await fakeTg();
    startBot(fake, (bot) => {
      bot.command('ping', (ctx) => ctx.reply(`pong in ${ctx.chat.type} ${'title' in ctx.chat ? ctx.chat.title : ''}`));
    });
    const alice = fake.user(3_000_000_000, { firstName: 'Alice' });
    const group = fake.group(-4001, 'Dept of Foreign Affairs');
    const u = group.command(alice, 'ping', undefined, { mention: true });
    expect(u.message).toMatchObject({
      text: '/ping@liaison_test_bot',
      entities: [{ type: 'bot_command', length: 22 }],
    });
    await fake.waitFor({ method: 'sendMessage', chatId: -4001 });
    expect(group.lastSent()!.text).toBe('pong in group Dept of Foreign Affairs');
  });
});
