/**
 * Wires the jobs to node-cron: REMINDER_CRON plans and sends reminders, DIGEST_CRON sends the
 * digest, both in TIMEZONE. Cron only calls the jobs; each is a plain function of (deps, now).
 */
import nodeCron from 'node-cron';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

type CronLib = Pick<typeof nodeCron, 'schedule'>;
type Task = ReturnType<CronLib['schedule']>;

export interface SchedulerJobs {
  tick(now: DateTime): Promise<unknown>;
  dailyDigest(now: DateTime): Promise<unknown>;
}

export interface Scheduler {
  start(): void;
  /** Stops the timers; jobs already running are waited for by the caller (jobs.stop()). */
  stop(): Promise<void>;
}

export function createScheduler(opts: {
  config: Config;
  jobs: SchedulerJobs;
  logger: Logger;
  now: () => DateTime;
  cron?: CronLib;
}): Scheduler {
  const { config, jobs, logger, now } = opts;
  const cron = opts.cron ?? nodeCron;
  let tasks: Task[] = [];
  const run = (name: string, job: (now: DateTime) => Promise<unknown>) => async () => {
    try {
      await job(now());
    } catch (err) {
      logger.error({ msg: 'job-failed', job: name, err: String(err).slice(0, 500) });
    }
  };
  return {
    start() {
      if (tasks.length) return;
      const options = { timezone: config.timezone, noOverlap: true };
      tasks = [
        cron.schedule(
          config.reminderCron,
          run('reminders', (n) => jobs.tick(n)),
          { ...options, name: 'reminders' },
        ),
        cron.schedule(
          config.digestCron,
          run('digest', (n) => jobs.dailyDigest(n)),
          { ...options, name: 'digest' },
        ),
      ];
      logger.info({
        msg: 'scheduler-started',
        reminderCron: config.reminderCron,
        digestCron: config.digestCron,
        timezone: config.timezone,
      });
    },
    async stop() {
      const stopping = tasks;
      tasks = [];
      for (const t of stopping) {
        await t.stop();
        await t.destroy();
      }
    },
  };
}

/**
 * The most recent time at or before `now` (within `lookbackMinutes`) at which `expression` fires
 * in `zone`, or null. Used at start-up: a digest whose time passed today while the bot was down
 * is sent late rather than skipped.
 */
export function lastCronFire(
  expression: string,
  now: DateTime,
  zone: string,
  lookbackMinutes = 24 * 60,
): DateTime | null {
  const task = nodeCron.createTask(expression, () => undefined, { timezone: zone });
  try {
    // Minutes are stepped on the epoch (a zoned luxon DateTime per minute cost ~0.2 ms each, up to
    // 1,440 of them at start-up); only the match is converted back.
    const start = now.setZone(zone).startOf('minute').toMillis();
    for (let i = 0; i <= lookbackMinutes; i++) {
      const at = new Date(start - i * 60_000);
      if (task.match(at)) return DateTime.fromJSDate(at, { zone });
    }
    return null;
  } finally {
    void task.destroy();
  }
}
