/**
 * The daily digest to each coordinators' group (at DIGEST_CRON in TIMEZONE; not bound to working
 * hours) and, on Mondays, the heads' weekly summary. Each goes through the outbox under a key of
 * its group and local day (`digest:<chatId>:<yyyy-mm-dd>`), so it is sent once per group per day
 * whatever the number of instances, restarts or catch-up passes.
 */
import { DateTime } from 'luxon';
import type { Locale } from '../i18n/index.js';
import { composeWeeklySummary } from '../domain/digest.js';
import { splitMessage } from '../domain/format.js';
import { resolveReminderSettings } from '../domain/reminder-settings.js';
import { buildDigest, loadDigestData } from '../services/digest.js';
import type { JobDeps } from './context.js';

// The digest's content is the same for /digest and the CLI: it lives in services/digest.ts.
export { buildDigest, loadDigestData } from '../services/digest.js';

export interface DigestResult {
  groups: number;
  enqueued: number;
  weekly: number;
}

/** Enqueues today's digest for every active coordinators' group (once per group per local day). */
export async function runDailyDigest(deps: JobDeps, now: DateTime): Promise<DigestResult> {
  const { repos, config, logger, i18n } = deps;
  const local = now.setZone(config.timezone);
  const day = local.toISODate()!;
  const locale = config.defaultLocale;
  const result: DigestResult = { groups: 0, enqueued: 0, weekly: 0 };
  const groups = await repos.chatGroups.listActive();
  result.groups = groups.length;
  if (groups.length === 0) logger.info({ msg: 'digest-no-group' });
  for (const g of groups) {
    const dedupeKey = `digest:${g.chatId}:${day}`;
    if (await repos.notifications.findByKey(dedupeKey)) continue;
    const since = g.lastDigestAt ? DateTime.fromJSDate(g.lastDigestAt, { zone: config.timezone }) : null;
    const parts = await buildDigest(deps, local, since, locale);
    const inserted = await repos.notifications.enqueue([
      {
        chatId: g.chatId,
        userId: null,
        kind: 'digest.daily',
        dedupeKey,
        payload: { parts, locale },
        dueAt: local.toJSDate(),
      },
    ]);
    if (inserted) {
      await repos.chatGroups.setLastDigest(g.chatId, local.toJSDate());
      result.enqueued++;
    }
  }

  const { settings } = resolveReminderSettings(await repos.settings.all());
  if (settings.weeklyHeadsSummary && local.weekday === 1) {
    const week = local.toFormat("kkkk-'W'WW");
    const heads = (await repos.users.listByRoles(['HEAD'])).filter((u) => u.reachable);
    for (const u of heads) {
      const dedupeKey = `weekly:${week}:u${u.id}`;
      if (await repos.notifications.findByKey(dedupeKey)) continue;
      const userLocale: Locale = u.locale === 'en' || u.locale === 'vi' ? u.locale : locale;
      const data = await loadDigestData(deps, local, local.minus({ days: 7 }), userLocale);
      const parts = splitMessage(composeWeeklySummary(data, i18n.forLocale(userLocale)));
      result.weekly += await repos.notifications.enqueue([
        {
          chatId: u.telegramId,
          userId: u.id,
          kind: 'digest.weekly',
          dedupeKey,
          payload: { parts, locale: userLocale },
          dueAt: local.toJSDate(),
        },
      ]);
    }
  }
  if (result.enqueued || result.weekly)
    logger.info({ msg: 'digest-enqueued', groups: result.enqueued, weekly: result.weekly });
  return result;
}
