import type { DateTime } from 'luxon';
import type { JobDeps } from './context.js';
import { providerOf } from '../db/provider.js';

/** Telegram keeps an undelivered update 24 hours; a claim twice that old can never be needed again. */
export const PROCESSED_UPDATE_TTL_HOURS = 48;
const EVERY_MS = 60 * 60_000;

export interface PruneResult {
  processedUpdates: number;
  sharedLimits: number;
}

/**
 * Keeps the bookkeeping tables small: update claims older than 48 h (de-duplication needs 24 h),
 * and on PostgreSQL the shared limits' rows of chats and users idle for a day.
 */
export async function runPrune(
  deps: Pick<JobDeps, 'repos' | 'logger' | 'config'>,
  now: DateTime,
): Promise<PruneResult> {
  const before = now.minus({ hours: PROCESSED_UPDATE_TTL_HOURS }).toJSDate();
  const processedUpdates = await deps.repos.processedUpdates.prune(before);
  const sharedLimits =
    providerOf(deps.config.databaseUrl) === 'sqlite'
      ? 0
      : await deps.repos.sharedLimits.prune(60_000, now.minus({ days: 1 }).toJSDate());
  if (processedUpdates || sharedLimits) deps.logger.info({ msg: 'pruned', processedUpdates, sharedLimits });
  return { processedUpdates, sharedLimits };
}

/** Runs `runPrune` at most once an hour (on the REMINDER_CRON tick), the first time at once. */
export function createPruner(deps: Pick<JobDeps, 'repos' | 'logger' | 'config'>) {
  let last = -Infinity;
  return async (now: DateTime): Promise<PruneResult | null> => {
    if (Date.now() - last < EVERY_MS) return null;
    last = Date.now();
    return runPrune(deps, now);
  };
}
