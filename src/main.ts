import fs from 'node:fs';
import { Telegram } from 'telegraf';
import { ConfigError, loadConfig } from './config.js';
import { createLogger, scrubToken } from './logger.js';
import { migrateIfPending } from './db/migrate.js';
import { createApp } from './app.js';
import { startedHook } from './build/started-hook.js';

// Composition root: read config, migrate, build, start; stop cleanly on SIGTERM/SIGINT.
async function main() {
  // A .env file beside package.json is optional; the environment wins over it.
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  // The Bot API round trip overlaps the migrations check and the database's start; app.start()
  // awaits it (and fails the start-up as before when it fails).
  const botInfo = new Telegram(config.botToken, { apiRoot: config.telegramApiRoot }).getMe();
  botInfo.catch(() => undefined);
  if (await migrateIfPending(config.databaseUrl)) logger.info({ msg: 'migrated' });
  const app = await createApp(config, { logger, botInfo });
  const shutdown = (signal: string) => {
    app.stop(signal).then(
      () => process.exit(0),
      (err) => {
        logger.error({ msg: 'shutdown-failed', err: scrubToken(String(err)) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  try {
    await app.start();
    startedHook();
  } catch (err) {
    logger.fatal({ msg: 'start-failed', err: scrubToken(err instanceof Error ? err.message : String(err)) });
    await app.stop('start-failed').catch(() => undefined);
    process.exit(1);
  }
}

main().catch((err) => {
  process.stderr.write(`${scrubToken(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
  process.exit(1);
});
