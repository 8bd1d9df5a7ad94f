import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('webhook mode, /healthz and /metrics', () => {
  let h: Harness;
  let base: string;
  const secret = 'test_secret-123';

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await startHarness({
      env: { BOT_MODE: 'webhook', WEBHOOK_URL: `${base}/telegram/hook`, WEBHOOK_SECRET: secret, PORT: String(port) },
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('registers the webhook with its secret at start-up', async () => {
    const call = await h.fake.waitFor({ method: 'setWebhook' });
    expect(call.params).toMatchObject({ url: `${base}/telegram/hook`, secret_token: secret });
  });

  it('handles updates Telegram posts, and a re-posted update once', async () => {
    const since = h.fake.mark();
    const update = await h.fake.user(ADMIN_ID, { firstName: 'Lan' }).command('start');
    await h.fake.waitFor({ method: 'sendMessage', chatId: ADMIN_ID, since, textIncludes: 'Xin chào Lan' });
    const again = await h.fake.postToWebhook(update);
    expect(again.status).toBe(200);
    await h.fake.waitForIdle();
    expect(
      h.fake.calls.filter((c) => c.seq >= since && c.method === 'sendMessage' && c.chatId === ADMIN_ID).length,
    ).toBe(1);
  });

  it('refuses a wrong or missing secret (401), a huge body (413), bad JSON (400), GET (405)', async () => {
    const post = (headers: Record<string, string>, body: string) =>
      fetch(`${base}/telegram/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const update = JSON.stringify({
      update_id: 999_999,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: ADMIN_ID, type: 'private' },
        from: { id: ADMIN_ID, is_bot: false, first_name: 'X' },
        text: '/start',
      },
    });
    expect((await post({}, update)).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' }, update)).status).toBe(401);
    expect(
      (await post({ 'x-telegram-bot-api-secret-token': secret }, 'x'.repeat(2_000_000)).catch(() => ({ status: 413 })))
        .status,
    ).toBe(413);
    expect((await post({ 'x-telegram-bot-api-secret-token': secret }, '{not json')).status).toBe(400);
    expect((await fetch(`${base}/telegram/hook`)).status).toBe(405);
    expect(await h.app.repos.processedUpdates.claim(999_999, new Date(), new Date(Date.now() + 30_000))).toEqual({
      status: 'claimed',
      attempts: 1,
    }); // never handled
  });

  it('reports health and metrics', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', database: 'ok', telegram: 'ok' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/liaison_updates_total\{kind="message"\} \d+/);
    expect(metrics).toContain('liaison_update_seconds_bucket');
    expect(metrics).toMatch(/liaison_outbox_depth \d+/);
  });

  it('reports the Bot API unreachable as 503', async () => {
    h.fake.failNext('getMe', { error_code: 502, description: 'Bad Gateway' });
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(((await health.json()) as { telegram: string }).telegram).toContain('error');
  });
});
