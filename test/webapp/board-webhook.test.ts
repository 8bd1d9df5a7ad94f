/** Webhook mode: the board shares the bot's one HTTP server (and port) with the webhook and /healthz. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { IDS, freePort, initDataFor, seedBoard } from '../support/board-fixture.js';

describe('plan board in webhook mode', () => {
  let h: Harness;
  let origin: string;
  beforeAll(async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    h = await startHarness({
      env: {
        BOT_MODE: 'webhook',
        WEBHOOK_URL: `${origin}/telegram/hook`,
        WEBHOOK_SECRET: 'hook_secret',
        PORT: String(port),
        WEBAPP_URL: `${origin}/board/`,
      },
    });
    await seedBoard(h.app.repos);
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('serves the page and the API beside the webhook on the same port', async () => {
    expect((await fetch(`${origin}/board/`)).status).toBe(200);
    const session = await fetch(`${origin}/board/api/session`, {
      method: 'POST',
      body: JSON.stringify({ initData: initDataFor(IDS.head, h.config.botToken) }),
    });
    expect(session.status).toBe(200);
    const { token } = (await session.json()) as { token: string };
    const rows = (await (
      await fetch(`${origin}/board/api/activities`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { rows: unknown[] };
    expect(rows.rows.length).toBeGreaterThan(0);
    expect((await fetch(`${origin}/telegram/hook`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
  });
});
