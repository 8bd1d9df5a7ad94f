import type { Repos } from '../db/repos/index.js';
import type { I18n } from '../i18n/index.js';
import { resolveReportSettings } from '../domain/report-settings.js';

// Every message that names the foreign-affairs body or its division (`{body}`, `{division}`) takes
// them from the settings: read again by the bot (at most every few seconds, so an admin's change on
// another instance shows soon) and by each run of the jobs.

export function orgNamesFrom(stored: Record<string, unknown>) {
  const org = resolveReportSettings(stored);
  return { body: org.bodyName, division: org.divisionName };
}

export async function refreshOrgNames(deps: { repos: Repos; i18n: I18n }): Promise<void> {
  deps.i18n.setOrgNames(orgNamesFrom(await deps.repos.settings.all()));
}

/** `refreshOrgNames`, at most once per `everyMs`. */
export function createOrgNamesRefresher(deps: { repos: Repos; i18n: I18n }, everyMs: number) {
  let last = -Infinity;
  return async () => {
    if (Date.now() - last < everyMs) return;
    last = Date.now();
    await refreshOrgNames(deps);
  };
}
