import type { Repos } from './db/repos/index.js';
import { isUniqueViolation } from './db/client.js';
import { DEFAULT_HOLIDAYS } from './domain/holidays.js';
import { DEFAULT_ANNIVERSARIES } from './domain/anniversaries.js';

// Bump when the default datasets change: the next start-up adds their new rows.
const DATASET_VERSION = 1;
const SETTING = 'referenceData.version';

/**
 * Public holidays and the anniversary calendar start from the defaults and are then edited by
 * admins. Each dataset version is loaded once and only adds missing rows, so admins' edits and
 * deletions survive restarts.
 */
export async function seedReferenceData(
  repos: Repos,
  attempt = 1,
): Promise<{ holidays: number; anniversaries: number }> {
  if ((await repos.settings.get<number>(SETTING)) === DATASET_VERSION) return { holidays: 0, anniversaries: 0 };
  try {
    return await seedOnce(repos);
  } catch (err) {
    // Several instances started together on a fresh database: another one added the same rows
    // meanwhile. The next pass finds them and adds only what is still missing.
    if (attempt >= 3 || !isUniqueViolation(err)) throw err;
    return seedReferenceData(repos, attempt + 1);
  }
}

async function seedOnce(repos: Repos) {
  const holidays = await repos.calendar.addMissingHolidays(DEFAULT_HOLIDAYS.map((h) => ({ ...h })));
  const anniversaries = await repos.calendar.addMissingAnniversaries(DEFAULT_ANNIVERSARIES.map((a) => ({ ...a })));
  await repos.settings.set(SETTING, DATASET_VERSION);
  return { holidays, anniversaries };
}
