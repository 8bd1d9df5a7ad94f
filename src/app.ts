import type http from 'node:http';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { UserFromGetMe } from 'telegraf/types';
import type { Config } from './config.js';
import { createDb, type DbHandle } from './db/client.js';
import { createRepos, type Repos } from './db/repos/index.js';
import { createI18n } from './i18n/index.js';
import type { Logger } from './logger.js';
import { scrubToken } from './logger.js';
import { ALLOWED_UPDATES, createBot, type LiaisonBot } from './bot/index.js';
import { setDefaultCommands } from './bot/menu.js';
import { startHttpServer } from './http/server.js';
import { createWebhookHandler } from './http/webhook.js';
import { activityDetailRows } from './bot/features/activity-forms/mapping.js';
import { describeHistoryEntry } from './bot/views/history.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createInflightTracker } from './bot/inflight.js';
import { seedReferenceData } from './reference-data.js';
import { createJobs, type Jobs } from './jobs/index.js';
import { expireForms } from './bot/features/forms.js';
import { createScheduler } from './jobs/scheduler.js';
import { createSendLimiter } from './jobs/shared-rate-limiter.js';
import { createTelegramSender } from './jobs/sender.js';
import { startHeartbeat } from './services/heartbeat.js';

export interface App {
  bot: LiaisonBot;
  db: DbHandle;
  repos: Repos;
  instanceId: string;
  metrics: Metrics;
  /** Reminder planning, outbox dispatch and digests of this process (tests call them with `now`). */
  jobs: Jobs;
  /** The HTTP port actually listened on (webhook, /healthz, /metrics), when any. */
  httpPort(): number | undefined;
  start(): Promise<void>;
  stop(reason?: string): Promise<void>;
}

export interface AppOptions {
  logger: Logger;
  /** Injected clock for tests; defaults to the wall clock in the configured zone. */
  now?: () => DateTime;
  /** Run REMINDER_CRON / DIGEST_CRON; default: on with the wall clock, off when a clock is injected (tests call the jobs). */
  scheduler?: boolean;
  /** The bot's getMe, already asked for (main.ts asks before the database starts); else start() asks. */
  botInfo?: Promise<UserFromGetMe>;
}

/**
 * Resolves when `method` is first called on `telegram` (telegraf has no hook for "polling started"),
 * on the event loop's next turn: what waits for it must not delay that request's own sending.
 */
function firstCall(telegram: LiaisonBot['telegram'], method: string): Promise<void> {
  return new Promise((resolve) => {
    const callApi = telegram.callApi.bind(telegram);
    telegram.callApi = ((m: string, ...rest: unknown[]) => {
      if (m === method) {
        telegram.callApi = callApi;
        setImmediate(resolve);
      }
      return (callApi as (...a: unknown[]) => unknown)(m, ...rest);
    }) as typeof telegram.callApi;
  });
}

/** Builds every part of the running product from config. `main.ts` (and e2e tests) start it. */
export async function createApp(config: Config, opts: AppOptions): Promise<App> {
  const { logger } = opts;
  const now = opts.now ?? (() => DateTime.now().setZone(config.timezone));
  const db = await createDb(config.databaseUrl);
  const repos = createRepos(db.db, db.provider);
  const i18n = createI18n(config.defaultLocale);
  const metrics = createMetrics();
  const inflight = createInflightTracker();
  const bot = createBot({ config, repos, i18n, logger, now, metrics, inflight });
  metrics.gauge('liaison_outbox_depth', 'Notifications due and not yet sent', () =>
    repos.notifications.depth(new Date()),
  );
  const instanceId = randomUUID();
  const jobs = createJobs(
    {
      config,
      repos,
      i18n,
      logger,
      metrics,
      instanceId,
      sender: createTelegramSender(bot.telegram),
      limiter: createSendLimiter({
        provider: db.provider,
        globalPerSec: config.sendRatePerSec,
        repo: repos.sharedLimits,
        logger,
      }),
      expireForms: (at) => expireForms({ repos, i18n, logger }, at),
      botUsername: () => bot.botInfo?.username,
    },
    now,
  );
  const scheduler =
    (opts.scheduler ?? opts.now === undefined) ? createScheduler({ config, jobs, logger, now }) : undefined;
  let server: http.Server | undefined;
  let stopped = false;
  let onStop = () => {};
  let stopHeartbeat: (() => Promise<void>) | undefined;

  return {
    bot,
    db,
    repos,
    instanceId,
    metrics,
    jobs,
    httpPort() {
      const address = server?.address();
      return address && typeof address === 'object' ? address.port : undefined;
    },
    async start() {
      // The Bot API round trip and the database work overlap.
      const me = bot.botInfo ? undefined : (opts.botInfo ?? bot.telegram.getMe());
      await seedReferenceData(repos);
      // One process owns a SQLite file: an unfinished claim is a dead process's, handled again at once.
      if (db.provider === 'sqlite') {
        // `npm run cli -- restore` refuses to replace the file while this beats.
        stopHeartbeat = startHeartbeat(repos, logger);
        const expired = await repos.processedUpdates.expireUnfinished();
        if (expired) logger.warn({ msg: 'update-claims-expired', count: expired });
      }
      bot.botInfo ??= await me!;
      const webhook =
        config.botMode === 'webhook'
          ? {
              path: new URL(config.webhookUrl!).pathname,
              handler: createWebhookHandler({
                secret: config.webhookSecret!,
                logger,
                handleUpdate: (u) => bot.handleUpdate(u),
              }),
            }
          : undefined;
      const port = config.port ?? (config.botMode === 'webhook' ? 8080 : undefined);
      const routes = [];
      if (config.webappUrl && port !== undefined) {
        // The board's modules load only when it is served. Built (or checked) before listening: a
        // board that cannot be served stops the start-up.
        const [{ loadBoardAssets }, { createBoardService }, { createBoardHttp }] = await Promise.all([
          import('./http/board/assets.js'),
          import('./http/board/board-service.js'),
          import('./http/board/http.js'),
        ]);
        const assets = await loadBoardAssets();
        const basePath = new URL(config.webappUrl).pathname.replace(/\/*$/, '/');
        const service = createBoardService({
          config,
          repos,
          i18n,
          now,
          wording: { detailRows: activityDetailRows, historyLine: describeHistoryEntry },
        });
        routes.push(
          createBoardHttp({ basePath, botToken: config.botToken, service, assets: async () => assets, logger }),
        );
        logger.info({ msg: 'board-enabled', path: basePath });
      }
      if (port !== undefined) {
        server = await startHttpServer({
          port,
          logger,
          webhook,
          routes,
          metrics: () => metrics.render(),
          checks: [
            { name: 'database', check: async () => void (await db.db.$queryRawUnsafe('SELECT 1')) },
            { name: 'telegram', check: async () => void (await bot.telegram.getMe()) },
          ],
        });
      }
      // Resolves once updates are being taken (or on stop, so nothing waits for it forever).
      let taking = Promise.resolve();
      if (config.botMode === 'webhook') {
        await bot.telegram.setWebhook(config.webhookUrl!, {
          secret_token: config.webhookSecret,
          allowed_updates: [...ALLOWED_UPDATES],
        });
        logger.info({ msg: 'bot-started', mode: 'webhook', username: bot.botInfo.username });
      } else {
        taking = Promise.race([
          firstCall(bot.telegram, 'getUpdates'),
          new Promise<void>((resolve) => (onStop = resolve)),
        ]);
        // launch() resolves only when polling stops; errors surface through the catch.
        bot.launch({ allowedUpdates: [...ALLOWED_UPDATES] }).catch((err) => {
          if (!stopped) logger.fatal({ msg: 'polling-failed', err: scrubToken(String(err)) });
        });
        logger.info({ msg: 'bot-started', mode: 'polling', username: bot.botInfo.username });
      }
      scheduler?.start();
      // Once updates are being taken: the default menu and missed work (downtime: reminders due
      // meanwhile, today's digest). Neither is needed to answer the first update, and both cost
      // round trips and CPU that would otherwise delay it.
      void taking.then(() => {
        if (stopped) return;
        db.warmUp().catch((err) => logger.warn({ msg: 'database-warm-up-failed', err: scrubToken(String(err)) }));
        setDefaultCommands(bot.telegram, i18n).catch((err) =>
          logger.warn({ msg: 'set-commands-failed', err: scrubToken(String(err)) }),
        );
      });
      jobs
        .catchUp(undefined, { after: taking })
        .catch((err) => logger.error({ msg: 'catch-up-failed', err: scrubToken(String(err)) }));
    },
    async stop(reason = 'stop') {
      if (stopped) return;
      stopped = true;
      onStop();
      logger.info({ msg: 'shutting-down', reason });
      await scheduler?.stop();
      if (config.botMode === 'polling') {
        try {
          bot.stop(reason);
        } catch {
          // Not running (start failed before launch).
        }
      }
      // Stop taking updates (polling stopped above; the server refuses new connections), then let
      // in-flight handlers finish before the database closes.
      const closed = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
      server?.closeIdleConnections();
      if (!(await inflight.drain(15_000))) logger.warn({ msg: 'shutdown-inflight-timeout', inflight: inflight.count });
      await closed;
      // In-flight sends finish and are recorded; nothing more is claimed.
      await jobs.stop();
      await stopHeartbeat?.();
      await db.close();
      logger.info({ msg: 'stopped' });
    },
  };
}
