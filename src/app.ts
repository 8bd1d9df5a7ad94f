import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Config } from './config.js';
import { createDb, type DbHandle } from './db/client.js';
import { createRepos, type Repos } from './db/repos/index.js';
import { createI18n } from './i18n/index.js';
import type { Logger } from './logger.js';
import { scrubToken } from './logger.js';
import { ALLOWED_UPDATES, createBot, type LiaisonBot } from './bot/index.js';
import { setDefaultCommands } from './bot/menu.js';
import { startHttpServer } from './http/server.js';
import { seedReferenceData } from './reference-data.js';

export interface App {
  bot: LiaisonBot;
  db: DbHandle;
  repos: Repos;
  instanceId: string;
  start(): Promise<void>;
  stop(reason?: string): Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  /** Injected clock for tests; defaults to the wall clock in the configured zone. */
  now?: () => DateTime;
}

/** Builds every part of the running product from config. `main.ts` (and e2e tests) start it. */
export async function createApp(config: Config, opts: AppOptions): Promise<App> {
  const { logger } = opts;
  const now = opts.now ?? (() => DateTime.now().setZone(config.timezone));
  const db = await createDb(config.databaseUrl);
  const repos = createRepos(db.db, db.provider);
  const i18n = createI18n(config.defaultLocale);
  const bot = createBot({ config, repos, i18n, logger, now });
  const instanceId = randomUUID();
  let server: http.Server | undefined;
  let stopped = false;

  return {
    bot,
    db,
    repos,
    instanceId,
    async start() {
      await seedReferenceData(repos);
      bot.botInfo ??= await bot.telegram.getMe();
      await setDefaultCommands(bot.telegram, i18n).catch((err) => logger.warn({ msg: 'set-commands-failed', err: scrubToken(String(err)) }));
      const webhook =
        config.botMode === 'webhook'
          ? { path: new URL(config.webhookUrl!).pathname, handler: bot.webhookCallback(new URL(config.webhookUrl!).pathname, { secretToken: config.webhookSecret }) }
          : undefined;
      const port = config.port ?? (config.botMode === 'webhook' ? 8080 : undefined);
      if (port !== undefined) {
        server = await startHttpServer({
          port,
          logger,
          webhook,
          checks: [
            { name: 'database', check: async () => void (await db.db.$queryRawUnsafe('SELECT 1')) },
            { name: 'telegram', check: async () => void (await bot.telegram.getMe()) },
          ],
        });
      }
      if (config.botMode === 'webhook') {
        await bot.telegram.setWebhook(config.webhookUrl!, { secret_token: config.webhookSecret, allowed_updates: [...ALLOWED_UPDATES] });
        logger.info({ msg: 'bot-started', mode: 'webhook', username: bot.botInfo.username });
      } else {
        // launch() resolves only when polling stops; errors surface through the catch.
        bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((err) => {
          if (!stopped) logger.fatal({ msg: 'polling-failed', err: scrubToken(String(err)) });
        });
        logger.info({ msg: 'bot-started', mode: 'polling', username: bot.botInfo.username });
      }
    },
    async stop(reason = 'stop') {
      if (stopped) return;
      stopped = true;
      logger.info({ msg: 'shutting-down', reason });
      if (config.botMode === 'polling') {
        try {
          bot.stop(reason);
        } catch {
          // Not running (start failed before launch).
        }
      }
      if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
      await db.close();
      logger.info({ msg: 'stopped' });
    },
  };
}
