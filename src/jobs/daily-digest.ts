/**
 * The daily digest to each coordinators' group (at DIGEST_CRON in TIMEZONE; not bound to working
 * hours) and, on Mondays, the heads' weekly summary. Each goes through the outbox under a key of
 * its group and local day (`digest:<chatId>:<yyyy-mm-dd>`), so it is sent once per group per day
 * whatever the number of instances, restarts or catch-up passes.
 */
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { Repos } from '../db/repos/index.js';
import type { I18n, Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { composeDigest, composeWeeklySummary, summarizeUndelivered, type DigestData } from '../domain/digest.js';
import { splitMessage } from '../domain/format.js';
import { resolveReminderSettings } from '../domain/reminder-settings.js';
import type { JobDeps } from './context.js';

type DigestDeps = { repos: Repos; config: Config; i18n: I18n; logger: Logger };

const utcDay = (d: DateTime) => new Date(`${d.toISODate()}T00:00:00.000Z`);

/** Loads what the digest shows, for the period since `since` (null: the last 24 hours). */
export async function loadDigestData(deps: DigestDeps, now: DateTime, since: DateTime | null, locale: Locale): Promise<DigestData> {
  const { repos, config } = deps;
  const zone = config.timezone;
  const { settings } = resolveReminderSettings(await repos.settings.all());
  const local = now.setZone(zone);
  const from = since ?? local.minus({ days: 1 });
  const today = local.startOf('day');
  const [submitted, activities, followUps, plans, undeliveredRows, unreachable, groups] = await Promise.all([
    repos.activities.listSubmittedSince(from.toJSDate()),
    repos.activities.listStartingBetween(utcDay(today), utcDay(today.plus({ days: settings.digestUpcomingDays })), ['SUBMITTED', 'APPROVED', 'IN_PROGRESS']),
    repos.followUps.listOpen({ dueBefore: utcDay(today.plus({ days: settings.digestFollowUpDays + 1 })) }),
    repos.plans.listOpen('REQUEST'),
    repos.notifications.listUndeliveredSince(from.toJSDate()),
    repos.users.listUnreachable(),
    repos.chatGroups.listActive(),
  ]);
  const planData = await Promise.all(
    plans.map(async (p) => ({ title: p.title, deadline: p.deadline, responses: (await repos.plans.responses(p.id)).map((r) => ({ agencyCode: r.agency.code, status: r.status })) })),
  );
  const people = new Map<string, string>();
  const label = (u: { displayName: string | null; username: string | null; telegramId: bigint; agency: { code: string } | null }) =>
    `${u.displayName ?? u.username ?? u.telegramId}${u.agency ? ` (${u.agency.code})` : ''}`;
  for (const u of unreachable) people.set(String(u.telegramId), label(u));
  const missing = [...new Set(undeliveredRows.map((r) => r.chatId).filter((c) => c > 0n && !people.has(String(c))))];
  for (const c of missing) {
    const u = await repos.users.findByTelegramId(c);
    if (u) people.set(String(c), label(u));
  }
  const groupTitles = new Map(groups.map((g) => [String(g.chatId), g.title ?? String(g.chatId)]));
  const undelivered = summarizeUndelivered(undeliveredRows, (c) => people.get(String(c)) ?? groupTitles.get(String(c)) ?? String(c));
  for (const u of unreachable) {
    if (!undeliveredRows.some((r) => r.chatId === u.telegramId)) undelivered.push({ label: label(u), reason: 'blocked', count: 0 });
  }
  return {
    now: local,
    zone,
    locale,
    since,
    upcomingDays: settings.digestUpcomingDays,
    followUpDays: settings.digestFollowUpDays,
    submitted,
    activities,
    followUps,
    plans: planData,
    undelivered,
  };
}

/** The digest as messages of at most 4096 characters, cut at line boundaries. */
export async function buildDigest(deps: DigestDeps, now: DateTime, since: DateTime | null, locale: Locale): Promise<string[]> {
  const data = await loadDigestData(deps, now, since, locale);
  return splitMessage(composeDigest(data, deps.i18n.forLocale(locale)));
}

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
    const inserted = await repos.notifications.enqueue([{ chatId: g.chatId, userId: null, kind: 'digest.daily', dedupeKey, payload: { parts, locale }, dueAt: local.toJSDate() }]);
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
      result.weekly += await repos.notifications.enqueue([{ chatId: u.telegramId, userId: u.id, kind: 'digest.weekly', dedupeKey, payload: { parts, locale: userLocale }, dueAt: local.toJSDate() }]);
    }
  }
  if (result.enqueued || result.weekly) logger.info({ msg: 'digest-enqueued', groups: result.enqueued, weekly: result.weekly });
  return result;
}
