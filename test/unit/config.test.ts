import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config.js';

const base = { BOT_TOKEN: '123456:ABC-def_ghi' };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('config', () => {
  it('applies the defaults of docs/operations.md#configuration', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      telegramApiRoot: 'https://api.telegram.org',
      databaseUrl: `file:${process.cwd()}/data/liaison.db`,
      adminTelegramIds: [],
      defaultLocale: 'vi',
      timezone: 'Asia/Ho_Chi_Minh',
      botMode: 'polling',
      digestCron: '30 7 * * *',
      reminderCron: '* * * * *',
      sendRatePerSec: 25,
      workingHours: '07:30-17:30 Mon-Fri',
      logLevel: 'info',
    });
  });

  it('parses admin ids as BigInt and strips a trailing slash of the API root', () => {
    const c = loadConfig({
      ...base,
      ADMIN_TELEGRAM_IDS: '1, 9007199254740993',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:9999/',
    });
    expect(c.adminTelegramIds).toEqual([1n, 9007199254740993n]);
    expect(c.telegramApiRoot).toBe('http://127.0.0.1:9999');
  });

  it.each([
    [{}, 'BOT_TOKEN'],
    [{ BOT_TOKEN: 'nope' }, 'BOT_TOKEN'],
    [{ ...base, DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ ...base, ADMIN_TELEGRAM_IDS: '12,abc' }, 'ADMIN_TELEGRAM_IDS'],
    [{ ...base, DEFAULT_LOCALE: 'fr' }, 'DEFAULT_LOCALE'],
    [{ ...base, TIMEZONE: 'Mars/Base' }, 'TIMEZONE'],
    [{ ...base, DIGEST_CRON: 'every day' }, 'DIGEST_CRON'],
    [{ ...base, SEND_RATE_PER_SEC: '-1' }, 'SEND_RATE_PER_SEC'],
    [{ ...base, PORT: '99999' }, 'PORT'],
    [{ ...base, BOT_MODE: 'webhook' }, 'WEBHOOK_URL'],
    [{ ...base, BOT_MODE: 'webhook', WEBHOOK_URL: 'https://x.example/hook' }, 'WEBHOOK_SECRET'],
    [{ ...base, TELEGRAM_API_ROOT: 'not a url' }, 'TELEGRAM_API_ROOT'],
    [{ ...base, WORKING_HOURS: '25:00-26:00 Mon-Fri' }, 'WORKING_HOURS'],
    [{ ...base, PORT: '8080', WEBAPP_URL: 'http://bot.example.gov.vn/board/' }, 'WEBAPP_URL'],
    [{ ...base, PORT: '8080', WEBAPP_URL: 'https://bot.example.gov.vn/board/?x=1' }, 'WEBAPP_URL'],
    [{ ...base, WEBAPP_URL: 'https://bot.example.gov.vn/board/' }, 'PORT'],
    [
      {
        ...base,
        BOT_MODE: 'webhook',
        WEBHOOK_URL: 'https://x.example/hook',
        WEBHOOK_SECRET: 's',
        WEBAPP_URL: 'https://x.example/hook',
      },
      'WEBAPP_URL',
    ],
  ])('refuses %o naming %s', (env, variable) => {
    expect(problems(env as Record<string, string>).some((p) => p.startsWith(variable))).toBe(true);
  });

  it('.env.example documents every variable the code reads', () => {
    const example = fs.readFileSync('.env.example', 'utf8');
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(10);
    for (const name of CONFIG_VARIABLES) expect(example, name).toMatch(new RegExp(`^${name}=`, 'm'));
  });
});
