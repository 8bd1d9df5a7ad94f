import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { Telegram } from 'telegraf';
import type { Config } from '../config.js';
import { createDb } from '../db/client.js';
import { createRepos } from '../db/repos/index.js';
import { createI18n } from '../i18n/index.js';
import { createLogger } from '../logger.js';
import { createJobs } from '../jobs/index.js';
import { expireForms } from '../bot/features/forms.js';
import { createSendLimiter } from '../jobs/shared-rate-limiter.js';
import { createTelegramSender } from '../jobs/sender.js';
import { seedReferenceData } from '../reference-data.js';
import type { CliContext } from './types.js';

/** The CLI's own connection to the database and the Bot API (logs go to stderr). */
export async function openCliContext(config: Config): Promise<CliContext> {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  const db = await createDb(config.databaseUrl);
  const repos = createRepos(db.db, db.provider);
  // Holidays and anniversaries, as the bot loads them at start-up (a no-op once loaded).
  await seedReferenceData(repos);
  const telegram = new Telegram(config.botToken, { apiRoot: config.telegramApiRoot });
  const now = () => DateTime.now().setZone(config.timezone);
  const i18n = createI18n(config.defaultLocale);
  const jobs = createJobs(
    {
      config,
      repos,
      i18n,
      logger,
      instanceId: `cli-${randomUUID()}`,
      sender: createTelegramSender(telegram),
      limiter: createSendLimiter({
        provider: db.provider,
        globalPerSec: config.sendRatePerSec,
        repo: repos.sharedLimits,
        logger,
      }),
      expireForms: (at) => expireForms({ repos, i18n, logger }, at),
    },
    now,
  );
  return {
    jobs,
    now,
    async close() {
      await jobs.stop();
      await db.close();
    },
  };
}
