import fs from 'node:fs';
import { ConfigError, loadConfig } from './config.js';
import { migrateIfPending } from './db/migrate.js';
import { scrubToken } from './logger.js';
import { runCli } from './cli/run.js';
import { openCliContext } from './cli/context.js';

// Operations CLI: `npm run cli -- <command>`; `npm run cli -- --help` lists the commands.
async function main() {
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const io = { out: (s: string) => process.stdout.write(`${s}\n`), err: (s: string) => process.stderr.write(`${s}\n`) };
  const code = await runCli(process.argv.slice(2), {
    io,
    open: async () => {
      let config;
      try {
        config = loadConfig();
      } catch (err) {
        if (err instanceof ConfigError) {
          io.err(`${err.message}\nSee .env.example for every variable.`);
          process.exit(1);
        }
        throw err;
      }
      // Only when needed: on SQLite, migrate deploy fails while the bot has the file open.
      await migrateIfPending(config.databaseUrl);
      return openCliContext(config);
    },
    // Offline commands use the database only when it is configured.
    openIfConfigured: async () => {
      let config;
      try {
        config = loadConfig();
      } catch (err) {
        if (err instanceof ConfigError) return null;
        throw err;
      }
      await migrateIfPending(config.databaseUrl);
      return openCliContext(config);
    },
  });
  process.exit(code);
}

main().catch((err) => {
  process.stderr.write(`${scrubToken(err instanceof Error ? (err.stack ?? err.message) : String(err))}\n`);
  process.exit(1);
});
