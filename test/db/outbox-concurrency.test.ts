import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Telegram } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDb, type DbHandle } from '../../src/db/client.js';
import { createRepos } from '../../src/db/repos/index.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/logger.js';
import { createJobs, type Jobs } from '../../src/jobs/index.js';
import { createRateLimiter } from '../../src/jobs/rate-limiter.js';
import { createTelegramSender } from '../../src/jobs/sender.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram/index.js';
import { provisionTestDatabase, testProviders } from '../support/db.js';

const N = 1000;
const START = DateTime.fromISO('2025-04-10T09:00', { zone: 'Asia/Ho_Chi_Minh' });

/**
 * PostgreSQL (when TEST_DATABASE_URL is set): two dispatchers — each with its own database client
 * and connection pool, claimer id and rate limiter, as two processes would have — drain one outbox
 * of 1,000 due notifications while the fake Bot API answers some sends with 429 and 5xx.
 * SQLite is the single-process setup (one dispatcher): the same load, each message once. (Two
 * better-sqlite3 clients in one process would block each other's event loop on the file lock.)
 */
const cases = testProviders().map((provider) => ({ provider, dispatchers: provider === 'postgresql' ? 2 : 1 }));

describe.each(cases)('$dispatchers dispatcher(s) on one $provider outbox', ({ provider, dispatchers }) => {
  let fake: FakeTelegram;
  let cleanup: () => Promise<void>;
  const handles: DbHandle[] = [];
  const instances: Jobs[] = [];

  beforeAll(async () => {
    fake = await startFakeTelegram({ maxRecordedCalls: 100_000 });
    const db = await provisionTestDatabase(provider);
    cleanup = db.cleanup;
    const config = loadConfig({
      BOT_TOKEN: fake.token,
      TELEGRAM_API_ROOT: fake.apiRoot,
      DATABASE_URL: db.url,
      SEND_RATE_PER_SEC: '400',
      WORKING_HOURS: 'always',
      LOG_LEVEL: 'silent',
    });
    for (const name of ['a', 'b'].slice(0, dispatchers)) {
      const handle = await createDb(db.url);
      handles.push(handle);
      instances.push(
        createJobs(
          {
            config,
            repos: createRepos(handle.db, handle.provider),
            i18n: createI18n('vi'),
            logger: createLogger('silent'),
            instanceId: `${name}-${randomUUID()}`,
            sender: createTelegramSender(new Telegram(fake.token, { apiRoot: fake.apiRoot })),
            limiter: createRateLimiter({ globalPerSec: config.sendRatePerSec }),
          },
          () => START,
        ),
      );
    }
    const repos = createRepos(handles[0]!.db, handles[0]!.provider);
    const items = Array.from({ length: N }, (_, i) => ({
      chatId: BigInt(7_000_000_000 + i),
      userId: null,
      kind: 'alert.test',
      dedupeKey: `load:${i}`,
      payload: { parts: [`Thông báo số <b>${i}</b> [m${i}]`], locale: 'vi' },
      dueAt: START.minus({ minutes: 1 }).toJSDate(),
    }));
    expect(await repos.notifications.enqueue(items)).toBe(N);
  }, 120_000);

  afterAll(async () => {
    for (const j of instances) await j.stop();
    for (const h of handles) await h.close();
    await fake?.close();
    await cleanup?.();
  });

  it('deliver exactly 1,000 messages, each once, despite 429s and 5xx', async () => {
    fake.setRandomFailures({ rate429: 0.003, rate5xx: 0.03, seed: 7, retryAfter: 1 });
    const started = performance.now();
    let now = START;
    for (let round = 0; round < 12; round++) {
      await Promise.all(instances.map((j) => j.dispatch(now)));
      const left = await createRepos(handles[0]!.db, handles[0]!.provider).notifications.depth(
        now.plus({ hours: 1 }).toJSDate(),
      );
      if (left === 0) break;
      now = now.plus({ minutes: 10 }); // past every backoff
    }
    const seconds = (performance.now() - started) / 1000;
    fake.setRandomFailures(undefined);

    const ok = fake.callsTo('sendMessage').filter((c) => c.status === 200);
    const markers = ok.map((c) => /\[m(\d+)\]/.exec(String(c.params.text))![1]);
    expect(ok).toHaveLength(N);
    expect(new Set(markers).size).toBe(N);
    expect(fake.stats.random5xx + fake.stats.random429).toBeGreaterThan(0);

    const rows = await handles[0]!.db.notification.findMany({ where: { kind: 'alert.test' } });
    expect(rows.filter((r) => r.state === 'SENT' && r.sentMessageId !== null)).toHaveLength(N);
    const byInstance = new Map<string, number>();
    for (const r of rows) byInstance.set(r.claimedBy!.slice(0, 1), (byInstance.get(r.claimedBy!.slice(0, 1)) ?? 0) + 1);
    // Every instance took part.
    for (const name of ['a', 'b'].slice(0, dispatchers)) expect(byInstance.get(name)).toBeGreaterThan(50);
    console.log(
      `[outbox-concurrency] ${provider}: ${N} delivered once by ${dispatchers} dispatcher(s) in ${seconds.toFixed(1)} s ` +
        `(a ${byInstance.get('a')}, b ${byInstance.get('b')}; injected 429: ${fake.stats.random429}, 5xx: ${fake.stats.random5xx})`,
    );
  }, 180_000);

  it('outbox details: reminders left for working hours, release, revive, states, a chat failing at once', async () => {
    const repos = createRepos(handles[0]!.db, handles[0]!.provider);
    const due = START.minus({ minutes: 1 }).toJSDate();
    const row = (key: string, kind: string, chatId = 42n) => ({
      chatId,
      userId: null,
      kind,
      dedupeKey: key,
      payload: { parts: ['x'] },
      dueAt: due,
    });
    await repos.notifications.enqueue([
      row('d:r1', 'reminder.upcoming'),
      row('d:a1', 'alert.x'),
      row('d:r2', 'reminder.followup', 43n),
      row('d:r3', 'reminder.report', 43n),
    ]);
    const outside = await repos.notifications.claimDue(START.toJSDate(), {
      limit: 10,
      owner: 'x',
      leaseMs: 60_000,
      skipKindPrefix: 'reminder.',
    });
    expect(outside.map((n) => n.dedupeKey)).toEqual(['d:a1']);
    const inside = await repos.notifications.claimDue(START.toJSDate(), { limit: 1, owner: 'x', leaseMs: 60_000 });
    expect(inside.map((n) => [n.dedupeKey, n.attempts])).toEqual([['d:r1', 1]]);
    // Released (429 / shutdown): pending again, the attempt not counted.
    expect((await repos.notifications.release(inside[0]!.id, due, '429')).count).toBe(1);
    expect(await repos.notifications.findByKey('d:r1')).toMatchObject({
      state: 'PENDING',
      attempts: 0,
      lastError: '429',
    });
    expect(await repos.notifications.cancelPending(['d:r1'])).toBe(1);
    expect(await repos.notifications.revive('d:r1', due, { parts: ['y'] })).toBe(true);
    expect(await repos.notifications.revive('d:a1', due, {})).toBe(false); // only CANCELLED rows come back
    expect(await repos.notifications.failPendingForChat(43n, '403 Forbidden')).toBe(2);
    const states = await repos.notifications.statesOf(['d:r1', 'd:a1', 'd:r2', 'nope']);
    expect(Object.fromEntries(states)).toEqual({ 'd:r1': 'PENDING', 'd:a1': 'SENDING', 'd:r2': 'FAILED' });
  });
});
