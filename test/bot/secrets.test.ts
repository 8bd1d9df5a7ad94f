import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../../src/services/invites.js';
import { startHarness, type Harness } from '../support/harness.js';
import { captureLog, databaseText, freePort } from '../support/secrets.js';

// "no secret anywhere it should not be" (docs/operations.md#running): each failure kind is injected with the
// secrets in its error text, then the database, the log output, the digest and /healthz are
// searched for every secret.

const COORD = 6_110_000_001;
const GROUP = -100_611_000_001;
const USERS = {
  reset: 6_110_000_011,
  timeout: 6_110_000_012,
  server: 6_110_000_013,
  client: 6_110_000_014,
  dbdown: 6_110_000_015,
};
const WEBHOOK_SECRET = 'whs-Kq83hdnQ0pLxM2vz';
const DB_PASSWORD = 'Pg-Secr3t-pass';
const DB_URL = `postgresql://liaison:${DB_PASSWORD}@db.internal:5432/liaison`;

describe('no secret in the database, the logs, the digest or /healthz, whatever fails', () => {
  let h: Harness;
  const log = captureLog();
  let port: number;
  let invite: string;
  let secrets: Record<string, string>;

  beforeAll(async () => {
    port = await freePort();
    h = await startHarness({
      env: { WEBHOOK_SECRET, PORT: String(port), LOG_LEVEL: 'debug', WORKING_HOURS: 'always' },
      logStream: log.stream,
    });
    const { repos } = h.app;
    const coord = await repos.users.upsertWithRole(
      { telegramId: BigInt(COORD), displayName: 'Chuyên viên' },
      'COORDINATOR',
      null,
    );
    await repos.chatGroups.register(BigInt(GROUP), 'Nhóm chuyên viên', coord.id);
    for (const id of Object.values(USERS))
      await repos.users.upsertWithRole({ telegramId: BigInt(id), displayName: `Đầu mối ${id}` }, 'FOCAL', null);
    invite = (await createInvite(repos, { role: 'FOCAL', agencyId: null, createdById: coord.id, now: h.clock.now }))
      .token;
    secrets = {
      token: h.fake.token,
      tokenSecretPart: h.fake.token.split(':')[1]!,
      webhookSecret: WEBHOOK_SECRET,
      invite,
      dbPassword: DB_PASSWORD,
    };
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('injects connection reset, timeout, 5xx, 4xx and a database connection error; none leaks', async () => {
    const { app, fake } = h;
    const api = `${fake.apiRoot}/bot${fake.token}/sendMessage`;
    const leaky = `secret_token=${WEBHOOK_SECRET} https://t.me/${fake.botInfo.username}?start=${invite} ${DB_URL}`;
    // 5xx and 4xx come from the Bot API with the secrets in their description.
    fake.failNext(
      'sendMessage',
      { error_code: 502, description: `Bad Gateway: upstream ${api} ${leaky}` },
      { chatId: USERS.server },
    );
    fake.failNext(
      'sendMessage',
      { error_code: 400, description: `Bad Request: chat not found ${api} ${leaky}` },
      { chatId: USERS.client },
    );
    // Connection reset and timeout as the HTTP client reports them (node-fetch: the full URL, with the token).
    const real = app.jobs.deps.sender;
    app.jobs.deps.sender = {
      async sendMessage(chatId, text) {
        if (chatId === BigInt(USERS.reset))
          throw Object.assign(new Error(`request to ${api} failed, reason: read ECONNRESET (${leaky})`), {
            name: 'FetchError',
            code: 'ECONNRESET',
          });
        if (chatId === BigInt(USERS.timeout))
          throw Object.assign(new Error(`network timeout at: ${api} (${leaky})`), {
            name: 'FetchError',
            type: 'request-timeout',
          });
        return real.sendMessage(chatId, text);
      },
    };
    // The database connection drops while the dispatcher records a result, and while a user is served.
    const dbError = () =>
      Object.assign(
        new Error(`Can't reach database server at ${DB_URL}: Connection terminated unexpectedly (${api})`),
        { code: 'P1001' },
      );
    const markRetry = app.repos.notifications.markRetry;
    let dropped = false;
    app.repos.notifications.markRetry = ((...args: Parameters<typeof markRetry>) => {
      if (!dropped) {
        dropped = true;
        return Promise.reject(dbError());
      }
      return markRetry(...args);
    }) as never;
    const due = h.clock.now.minus({ minutes: 1 }).toJSDate();
    await app.repos.notifications.enqueue(
      Object.entries(USERS).map(([k, id]) => ({
        chatId: BigInt(id),
        kind: 'alert.test',
        dedupeKey: `secrets:${k}`,
        payload: { parts: [`Kiểm tra ${k}`] },
        dueAt: due,
      })),
    );
    const result = await app.jobs.dispatch(h.clock.now);
    expect(result.claimed).toBe(5);
    // The first transient failure hit the dropped connection: its lease expires and it is tried again.
    await app.jobs.dispatch(h.clock.now.plus({ minutes: 10 }));
    app.jobs.deps.sender = real;
    app.repos.notifications.markRetry = markRetry;
    const rows = await app.db.db.notification.findMany({
      where: { dedupeKey: { startsWith: 'secrets:' } },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.lastError).join('\n')).toMatch(/ECONNRESET[\s\S]*timeout[\s\S]*400/);
    const dbText = await databaseText(h.config.databaseUrl);

    const findByTelegramId = app.repos.users.findByTelegramId;
    app.repos.users.findByTelegramId = () => Promise.reject(dbError());
    const coord = fake.user(COORD, { firstName: 'Chuyên viên' });
    const since = fake.mark();
    coord.command('settings');
    await fake.waitFor({ method: 'sendMessage', chatId: COORD, since });
    app.repos.users.findByTelegramId = findByTelegramId;
    await fake.waitForIdle();

    // /healthz with a failing database and a failing Bot API.
    const queryRaw = app.db.db.$queryRawUnsafe;
    (app.db.db as { $queryRawUnsafe: unknown }).$queryRawUnsafe = () => Promise.reject(dbError());
    fake.failNext('getMe', { error_code: 500, description: `Internal: ${api} ${leaky}` });
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    const healthBody = await health.text();
    (app.db.db as { $queryRawUnsafe: unknown }).$queryRawUnsafe = queryRaw;
    expect(health.status).toBe(503);
    expect(healthBody).toContain('[redacted]');

    // The digest lists the undelivered notifications.
    const digestSince = fake.mark();
    await app.jobs.dailyDigest(h.clock.now.plus({ days: 1 }).set({ hour: 7, minute: 31 }));
    await fake.waitForIdle();
    const digest = fake.calls
      .filter((c) => c.seq >= digestSince && c.chatId === GROUP && c.method === 'sendMessage')
      .map((c) => String(c.params.text))
      .join('\n');
    expect(digest).toContain('Đầu mối');

    // /settings as the coordinator shows settings (and no secret).
    const settingsSince = fake.mark();
    coord.command('settings');
    await fake.waitForIdle();
    const settings = fake.calls
      .filter((c) => c.seq >= settingsSince && c.chatId === COORD)
      .map((c) => String(c.params.text ?? ''))
      .join('\n');

    const stored = await databaseText(h.config.databaseUrl);
    const logs = log.text();
    // The failures did happen and were recorded (scrubbed).
    expect(logs).toContain('dispatch-failed');
    expect(logs).toContain('update-failed');
    for (const [name, secret] of Object.entries(secrets)) {
      for (const [where, text] of Object.entries({ stored, dbText, logs, digest, healthBody, settings })) {
        expect(text.includes(secret), `${name} in ${where}`).toBe(false);
      }
    }
  });
});
