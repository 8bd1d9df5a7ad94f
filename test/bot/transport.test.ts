import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telegram, TelegramError } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.js';
import { applySendDefaults } from '../../src/bot/send-defaults.js';
import { isTransientDbError } from '../../src/db/transient.js';

// src/bot/transport.ts: the bot's Bot API calls without files go straight to node:http. What comes
// back must be what telegraf's own client gives (results, TelegramError, FetchError, AbortError),
// since telegraf's polling, the outbox sender and our error handling rely on it.
describe('the Bot API transport, over HTTP against the fake', () => {
  let fake: FakeTelegram;
  let direct: Telegram;
  let plain: Telegram;
  const CHAT = 5_550_001;
  beforeAll(async () => {
    fake = await startFakeTelegram();
    fake.user(CHAT, { firstName: 'Lan' });
    direct = new Telegram(fake.token, { apiRoot: fake.apiRoot });
    applySendDefaults(direct);
    plain = new Telegram(fake.token, { apiRoot: fake.apiRoot });
  });
  afterAll(async () => {
    await fake.close();
  });

  it('returns what telegraf’s own client returns, and sends what it sends (no null fields)', async () => {
    const since = fake.mark();
    const a = await direct.sendMessage(CHAT, 'Kế hoạch năm 2026', { reply_markup: undefined });
    const b = await plain.sendMessage(CHAT, 'Kế hoạch năm 2026', { reply_markup: undefined });
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a).toMatchObject({ text: 'Kế hoạch năm 2026', chat: { id: CHAT } });
    const [call] = fake.callsTo('sendMessage').filter((c) => c.seq >= since);
    expect(call!.params).not.toHaveProperty('reply_markup');
    expect(await direct.getMe()).toEqual(await plain.getMe());
  });

  it('an API refusal is telegraf’s TelegramError, with its code, description and parameters', async () => {
    fake.failNext('sendMessage', {
      error_code: 429,
      description: 'Too Many Requests: retry after 7',
      parameters: { retry_after: 7 },
    });
    const err = await direct.sendMessage(CHAT, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelegramError);
    expect(err).toMatchObject({ code: 429, parameters: { retry_after: 7 }, on: { method: 'sendMessage' } });
    const missing = await direct.editMessageText(CHAT, 999_999, undefined, 'y').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(TelegramError);
    expect((missing as TelegramError).code).toBe(400);
    expect(isTransientDbError(missing)).toBe(false);
  });

  it('a server error (5xx) is a TelegramError with the HTTP status, as telegraf reports it', async () => {
    fake.failNext('sendMessage', { error_code: 502, description: 'Bad Gateway' });
    const err = await direct.sendMessage(CHAT, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TelegramError);
    expect((err as TelegramError).code).toBe(502);
  });

  it('a network failure is a FetchError with the system code and without the token', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const token = '123456:SECRET-token-value';
    const tg = new Telegram(token, { apiRoot: `http://127.0.0.1:${port}` });
    applySendDefaults(tg);
    const err = (await tg.sendMessage(CHAT, 'x').catch((e: unknown) => e)) as Error & { code?: string };
    expect(err.name).toBe('FetchError');
    expect(err).toMatchObject({ code: 'ECONNREFUSED', errno: 'ECONNREFUSED', type: 'system' });
    expect(err.message).not.toContain('SECRET');
    expect(err.message).toContain('[REDACTED]');
    // A Bot API failure is never taken for a database hiccup (a handler retried would answer twice).
    expect(isTransientDbError(err)).toBe(false);
  });

  it('a body that is not JSON is a FetchError, not a crash', async () => {
    const bad = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>'));
    await new Promise<void>((r) => bad.listen(0, '127.0.0.1', r));
    const tg = new Telegram('1:x', { apiRoot: `http://127.0.0.1:${(bad.address() as AddressInfo).port}` });
    applySendDefaults(tg);
    const err = (await tg.getMe().catch((e: unknown) => e)) as Error & { code?: string };
    await new Promise((r) => bad.close(r));
    expect(err).toMatchObject({ name: 'FetchError', code: 'invalid-json' });
  });

  it('a call aborted by its signal (polling stopped) rejects with an AbortError', async () => {
    fake.hang('getChat', Infinity);
    const controller = new AbortController();
    const pending = direct
      .callApi('getChat', { chat_id: CHAT }, { signal: controller.signal as never })
      .catch((e: unknown) => e);
    setTimeout(() => controller.abort(), 50);
    expect(((await pending) as Error).name).toBe('AbortError');
    fake.resetInjections();
  });

  it('calls without files are made directly; uploads and webhook answers by telegraf (node-fetch)', async () => {
    const agents: (string | undefined)[] = [];
    const probe = http.createServer((req, res) => {
      agents.push(req.headers['user-agent']);
      req
        .resume()
        .on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"result":true}'));
    });
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const tg = new Telegram('1:x', { apiRoot: `http://127.0.0.1:${(probe.address() as AddressInfo).port}` });
    applySendDefaults(tg);
    await tg.sendMessage(CHAT, 'x');
    await tg.sendDocument(CHAT, { source: Buffer.from('x'), filename: 'x.txt' });
    await new Promise((r) => probe.close(r));
    expect(agents).toEqual([undefined, expect.stringMatching(/node-fetch/)]);
  });

  it('a file upload still goes through telegraf (multipart) and arrives whole', async () => {
    const since = fake.mark();
    const content = Buffer.from('Báo cáo kết quả công tác đối ngoại');
    const msg = await direct.sendDocument(CHAT, { source: content, filename: 'bao-cao.txt' });
    expect(msg.document?.file_name).toBe('bao-cao.txt');
    const call = fake.callsTo('sendDocument').find((c) => c.seq >= since);
    expect((call?.params.document as { bytes: Buffer } | undefined)?.bytes.equals(content)).toBe(true);
  });
});
