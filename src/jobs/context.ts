import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { Repos } from '../db/repos/index.js';
import type { I18n } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import {
  createHolidayCalendar,
  parseWorkingHours,
  type HolidayCalendar,
  type WorkingHours,
} from '../domain/working-days.js';
import { resolveReminderSettings, type ReminderSettings } from '../domain/reminder-settings.js';
import type { RateLimiter } from './rate-limiter.js';
import type { Sender } from './sender.js';

/** What every job needs. Jobs are plain functions of (deps, now); cron only calls them. */
export interface JobDeps {
  config: Config;
  repos: Repos;
  i18n: I18n;
  logger: Logger;
  sender: Sender;
  limiter: RateLimiter;
  /** Names this process in claims (Notification.claimedBy, JobRun.owner). */
  instanceId: string;
  /** True once shutdown began: the dispatcher claims nothing more. */
  stopping?: () => boolean;
  metrics?: Metrics;
  /**
   * Drops forms idle too long and tells their users (src/bot/form-engine/expiry.ts). Injected by the app:
   * the jobs know nothing of the bot's forms.
   */
  expireForms?: (now: DateTime) => Promise<number>;
  /** The bot's username once known: the digest links each activity to its card in the bot. */
  botUsername?: () => string | undefined;
}

export interface ReminderContext {
  settings: ReminderSettings;
  calendar: HolidayCalendar;
  workingHours: WorkingHours;
}

/** Settings (defaults + the Setting table), the holiday calendar (Holiday table) and working hours. */
export async function loadReminderContext(
  deps: Pick<JobDeps, 'repos' | 'config' | 'logger'>,
): Promise<ReminderContext> {
  const [stored, holidays] = await Promise.all([deps.repos.settings.all(), deps.repos.calendar.listHolidays()]);
  const { settings, invalid } = resolveReminderSettings(stored);
  if (invalid.length) deps.logger.warn({ msg: 'reminder-settings-invalid', keys: invalid });
  return {
    settings,
    calendar: createHolidayCalendar(holidays),
    workingHours: parseWorkingHours(settings.workingHours ?? deps.config.workingHours),
  };
}
