import { z } from 'zod';
import { IANAZone } from 'luxon';
import cron from 'node-cron';
import path from 'node:path';
import { DEFAULT_DATABASE_URL, providerOf, sqlitePath } from './db/provider.js';
import { parseWorkingHours } from './domain/working-days.js';
import { registerSecrets, urlPassword } from './security/scrub.js';

// The only module that reads process.env. Every other module receives a typed Config.

const cronExpr = z.string().refine((v) => cron.validate(v), 'is not a valid cron expression');
const telegramIds = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const ids: bigint[] = [];
    for (const part of v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (!/^\d{1,20}$/.test(part)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `"${part}" is not a numeric Telegram user id` });
        return z.NEVER;
      }
      ids.push(BigInt(part));
    }
    return ids;
  });
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());

const schema = z
  .object({
    BOT_TOKEN: z
      .string({ required_error: 'is required (the token BotFather gave you)' })
      .regex(/^\d+:[\w-]+$/, 'does not look like a bot token (digits:letters)'),
    TELEGRAM_API_ROOT: z
      .string()
      .url('must be a URL')
      .default('https://api.telegram.org')
      .transform((v) => v.replace(/\/+$/, '')),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine((v) => {
        try {
          providerOf(v);
          return true;
        } catch {
          return false;
        }
      }, 'must start with "file:" (SQLite) or "postgresql://"'),
    ADMIN_TELEGRAM_IDS: telegramIds,
    DEFAULT_LOCALE: z.enum(['vi', 'en']).default('vi'),
    TIMEZONE: z
      .string()
      .default('Asia/Ho_Chi_Minh')
      .refine((v) => IANAZone.isValidZone(v), 'is not a valid IANA time zone'),
    BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
    WEBHOOK_URL: optionalString.pipe(z.string().url('must be a URL').optional()),
    WEBHOOK_SECRET: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,256}$/, 'may only contain A-Z, a-z, 0-9, _ and - (1-256 characters)')
        .optional(),
    ),
    PORT: optionalString.pipe(z.coerce.number().int().min(1).max(65535).optional()),
    DIGEST_CRON: cronExpr.default('30 7 * * *'),
    REMINDER_CRON: cronExpr.default('* * * * *'),
    SEND_RATE_PER_SEC: z.coerce.number().positive('must be a positive number').max(1000).default(25),
    WORKING_HOURS: z
      .string()
      .default('07:30-17:30 Mon-Fri')
      .superRefine((v, ctx) => {
        try {
          parseWorkingHours(v);
        } catch (err) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `is not valid (${(err as Error).message}); e.g. "07:30-17:30 Mon-Fri" or "always"`,
          });
        }
      }),
    RATE_LIMIT: z
      .string()
      .default('20/10s')
      .refine(
        (v) => v === 'off' || /^[1-9]\d{0,5}\/[1-9]\d{0,4}s$/.test(v),
        'must be "<updates>/<seconds>s" (e.g. "20/10s") or "off"',
      ),
    UPDATE_LEASE_SEC: z.coerce.number().positive('must be a positive number of seconds').max(3600).default(30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    WEBAPP_URL: optionalString.pipe(
      z
        .string()
        .url('must be a URL')
        .refine((v) => {
          const u = new URL(v);
          // Telegram opens Mini Apps over HTTPS only; plain http is for a board tried on this machine.
          return (
            u.protocol === 'https:' ||
            (u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))
          );
        }, 'must be an https:// URL (Telegram opens Mini Apps over HTTPS only)')
        .refine((v) => !new URL(v).search && !new URL(v).hash, 'must have no ?query or #fragment')
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if (
      env.WEBAPP_URL &&
      env.WEBHOOK_URL &&
      new URL(env.WEBAPP_URL).pathname.replace(/\/+$/, '') === new URL(env.WEBHOOK_URL).pathname.replace(/\/+$/, '')
    ) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['WEBAPP_URL'],
        message: "must have another path than WEBHOOK_URL's",
      });
    }
    if (env.WEBAPP_URL && env.BOT_MODE !== 'webhook' && env.PORT === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['PORT'],
        message: 'is required when WEBAPP_URL is set (the board is served on PORT)',
      });
    }
    if (env.BOT_MODE !== 'webhook') return;
    if (!env.WEBHOOK_URL)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['WEBHOOK_URL'],
        message: 'is required when BOT_MODE=webhook',
      });
    if (!env.WEBHOOK_SECRET)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['WEBHOOK_SECRET'],
        message: 'is required when BOT_MODE=webhook',
      });
  });

/** The typed configuration the code reads: the variables under their names in code, derived values computed once. */
const configSchema = schema.transform((e) => ({
  botToken: e.BOT_TOKEN,
  telegramApiRoot: e.TELEGRAM_API_ROOT,
  databaseUrl: absoluteSqliteUrl(e.DATABASE_URL),
  adminTelegramIds: e.ADMIN_TELEGRAM_IDS,
  defaultLocale: e.DEFAULT_LOCALE,
  timezone: e.TIMEZONE,
  botMode: e.BOT_MODE,
  webhookUrl: e.WEBHOOK_URL,
  webhookSecret: e.WEBHOOK_SECRET,
  port: e.PORT,
  digestCron: e.DIGEST_CRON,
  reminderCron: e.REMINDER_CRON,
  sendRatePerSec: e.SEND_RATE_PER_SEC,
  workingHours: e.WORKING_HOURS,
  logLevel: e.LOG_LEVEL,
  /** Public URL of the plan board (Mini App); the HTTP server serves it at this URL's path. Unset: no board. */
  webappUrl: e.WEBAPP_URL,
  /** How long a claimed update is reserved for its handler before another may take it over (renewed while it runs). */
  updateLeaseMs: Math.round(e.UPDATE_LEASE_SEC * 1000),
  /** Per-user update limit (abuse protection); null when RATE_LIMIT=off. */
  rateLimit:
    e.RATE_LIMIT === 'off'
      ? null
      : {
          updates: Number(e.RATE_LIMIT.split('/')[0]),
          windowMs: Number(e.RATE_LIMIT.slice(e.RATE_LIMIT.indexOf('/') + 1, -1)) * 1000,
        },
}));

/** What every module receives: inferred from the schema, so a variable is declared once. */
export type Config = z.output<typeof configSchema>;

/** Every variable the product reads (kept in step with .env.example by a test). */
export const CONFIG_VARIABLES = Object.keys(schema.innerType().shape);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `file:./data/x.db` is relative to where the bot was started; the migration CLI runs elsewhere. */
function absoluteSqliteUrl(url: string): string {
  if (providerOf(url) !== 'sqlite' || sqlitePath(url) === ':memory:') return url;
  return `file:${path.resolve(sqlitePath(url))}`;
}

/** For operations scripts that need only the database (demo seed, CLI commands without the bot). */
export function loadDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL || DEFAULT_DATABASE_URL;
  registerSecrets(...urlPassword(url));
  try {
    return absoluteSqliteUrl(url);
  } catch {
    throw new ConfigError(['DATABASE_URL must start with "file:" (SQLite) or "postgresql://"']);
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'} ${i.message}`));
  }
  const config = parsed.data;
  // From here on, every error text logged, stored or shown is scrubbed of these (src/security/scrub.ts).
  registerSecrets(
    config.botToken,
    config.webhookSecret,
    ...urlPassword(config.databaseUrl),
    ...urlPassword(config.telegramApiRoot),
  );
  return config;
}
