import { DateTime } from 'luxon';
import { createApp, type App } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { DbProvider } from '../../src/db/provider.js';
import { startFakeTelegram, type FakeTelegram } from './fake-telegram/index.js';
import { provisionTestDatabase } from './db.js';

export const ADMIN_ID = 5_000_000_001;
export const TZ = 'Asia/Ho_Chi_Minh';

export interface Harness {
  fake: FakeTelegram;
  app: App;
  config: Config;
  /** The injected clock; tests move it with `clock.set(...)`. */
  clock: { now: DateTime; set(iso: string): void };
  /** Starts another app process-alike on the same database (a restart or a second instance). */
  restart(): Promise<App>;
  stop(): Promise<void>;
}

/**
 * The real app (same composition as `npm start`) on a fresh database, polling a fake Bot API
 * server over HTTP on 127.0.0.1.
 */
export async function startHarness(
  opts: { provider?: DbProvider; env?: Record<string, string>; now?: string; logStream?: NodeJS.WritableStream } = {},
): Promise<Harness> {
  const fake = await startFakeTelegram();
  // TEST_DB_PROVIDER=postgresql runs the bot suite on PostgreSQL (needs TEST_DATABASE_URL).
  const db = await provisionTestDatabase(
    opts.provider ?? (process.env.TEST_DB_PROVIDER === 'postgresql' ? 'postgresql' : 'sqlite'),
  );
  const config = loadConfig({
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DATABASE_URL: db.url,
    ADMIN_TELEGRAM_IDS: String(ADMIN_ID),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    // Scripted users type faster than people; tests of the limit itself pass RATE_LIMIT in `env`.
    RATE_LIMIT: '1000/10s',
    ...opts.env,
  });
  const clock = {
    now: DateTime.fromISO(opts.now ?? '2025-04-10T09:00:00', { zone: TZ }),
    set(iso: string) {
      clock.now = DateTime.fromISO(iso, { zone: TZ });
    },
  };
  const build = async () => {
    const app = await createApp(config, {
      logger: createLogger(config.logLevel, opts.logStream),
      now: () => clock.now,
    });
    await app.start();
    // The start-up catch-up (missed reminders, today's digest, an outbox dispatch) runs once updates
    // are taken; tests begin after it, so it cannot claim rows a test is about to dispatch itself.
    await app.jobs.idle();
    return app;
  };
  let app = await build();
  const harness: Harness = {
    fake,
    config,
    clock,
    get app() {
      return app;
    },
    async restart() {
      await app.stop('restart');
      app = await build();
      return app;
    },
    async stop() {
      await app.stop('test-end');
      await fake.close();
      await db.cleanup();
    },
  };
  return harness;
}
