import type { DateTime } from 'luxon';
import type { JobDeps } from './context.js';
import { planReminders, type PlanResult } from './plan-reminders.js';
import { createReminderPlanner } from './reminder-planner.js';
import { dispatchOutbox, type DispatchOptions, type DispatchResult } from './dispatch-outbox.js';
import { runDailyDigest, type DigestResult } from './daily-digest.js';
import { lastCronFire } from './scheduler.js';
import { runPlanDeadlines } from './plan-deadlines.js';
import { createPruner, runPrune, type PruneResult } from './prune.js';
import { refreshOrgNames } from '../services/org-names.js';

export type { JobDeps } from './context.js';

export interface Jobs {
  deps: JobDeps;
  /** A planning pass (dry run: computes, writes nothing). */
  planReminders(now?: DateTime, opts?: { dryRun?: boolean }): Promise<PlanResult>;
  /** Sends what is due. */
  dispatch(now?: DateTime, opts?: DispatchOptions): Promise<DispatchResult>;
  /** Enqueues today's digest (and Monday's weekly summary), then sends. */
  dailyDigest(now?: DateTime): Promise<DigestResult>;
  /** Drops update claims older than 48 h (and idle shared-limit rows on PostgreSQL). */
  prune(now?: DateTime): Promise<PruneResult>;
  /** One REMINDER_CRON tick: plan, then send (and prune, once an hour). */
  tick(now?: DateTime): Promise<void>;
  /**
   * Start-up: plan, send today's digest if its time passed while down, send what is due; once
   * `after` resolves when given (the app: once updates are being taken), and tracked from the call.
   */
  catchUp(now?: DateTime, opts?: { after?: Promise<unknown> }): Promise<void>;
  /** Resolves when no job of this process is running. */
  idle(): Promise<void>;
  /** Claims nothing more and waits for running jobs (in-flight sends finish). */
  stop(): Promise<void>;
}

/** The jobs of one process, sharing its rate limiter; `clock` is the app's (injected in tests). */
export function createJobs(deps: Omit<JobDeps, 'stopping'>, clock: () => DateTime): Jobs {
  let stopping = false;
  const full: JobDeps = { ...deps, stopping: () => stopping };
  const running = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    running.add(p);
    const done = () => running.delete(p);
    p.then(done, done);
    return p;
  };
  // An explicit `now` (tests, CLI) holds for the whole run; otherwise later batches read the clock.
  const clockFor = (now?: DateTime) => (now ? {} : { clock });
  const pruneHourly = createPruner(full);
  // Ticks plan what changed since the last pass; start-up and explicit calls plan everything.
  const planner = createReminderPlanner(full);
  const dispatch = (now?: DateTime, opts?: DispatchOptions) =>
    track(dispatchOutbox(full, now ?? clock(), { ...clockFor(now), ...opts }));
  const jobs: Jobs = {
    deps: full,
    planReminders: (now, opts) =>
      track(opts?.dryRun ? planReminders(full, now ?? clock(), opts) : planner.run(now ?? clock(), { full: true })),
    dispatch,
    prune: (now) => track(runPrune(full, now ?? clock())),
    dailyDigest: (now) =>
      track(
        (async () => {
          await refreshOrgNames(full);
          const result = await runDailyDigest(full, now ?? clock());
          await dispatch(now);
          return result;
        })(),
      ),
    tick: (now) =>
      track(
        (async () => {
          if (stopping) return;
          await refreshOrgNames(full);
          // Silent agencies past a plan request's deadline become "no plan" before reminders are planned.
          await runPlanDeadlines(full, now ?? clock());
          // Forms idle for 7 days are dropped and their users told (through the outbox, sent below).
          await full.expireForms?.(now ?? clock());
          await planner.run(now ?? clock());
          await dispatchOutbox(full, now ?? clock(), clockFor(now));
          // Bookkeeping last: a failure here must not hold reminders back.
          await pruneHourly(now ?? clock()).catch((err) =>
            deps.logger.warn({ msg: 'prune-failed', err: String(err).slice(0, 300) }),
          );
        })(),
      ),
    catchUp: (now, opts) =>
      track(
        (async () => {
          await opts?.after;
          if (stopping) return;
          const at = (now ?? clock()).setZone(deps.config.timezone);
          await runPlanDeadlines(full, at);
          await full.expireForms?.(at);
          await planner.run(at, { full: true });
          const fired = lastCronFire(deps.config.digestCron, at, deps.config.timezone);
          if (fired && fired.toISODate() === at.toISODate()) await runDailyDigest(full, at);
          await dispatchOutbox(full, at, clockFor(now));
        })(),
      ),
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
    async stop() {
      stopping = true;
      await jobs.idle();
    },
  };
  return jobs;
}
