/**
 * What the coordinators' digest shows (docs/product.md#digest), loaded from the repositories and
 * composed into messages. The daily job (src/jobs/daily-digest.ts), /digest and the CLI all send
 * the same text.
 */
import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { Repos } from '../db/repos/index.js';
import type { I18n, Locale } from '../i18n/index.js';
import type { Logger } from '../logger.js';
import { composeDigest, summarizeUndelivered, type DigestData } from '../domain/digest.js';
import { splitMessage } from '../domain/format.js';
import { resolveReminderSettings } from '../domain/reminder-settings.js';
import { LIVE_STATUSES } from '../domain/activity-status.js';
import { activityLink } from '../domain/deep-link.js';
import { orgNamesFrom } from './org-names.js';

/** `botUsername`: the digest's references link to the bot's full card (unknown, e.g. from the CLI: plain references). */
type DigestDeps = { repos: Repos; config: Config; i18n: I18n; logger: Logger; botUsername?: () => string | undefined };

const utcDay = (d: DateTime) => new Date(`${d.toISODate()}T00:00:00.000Z`);

/** Loads what the digest shows, for the period since `since` (null: the last 24 hours). */
export async function loadDigestData(
  deps: DigestDeps,
  now: DateTime,
  since: DateTime | null,
  locale: Locale,
): Promise<DigestData> {
  const { repos, config } = deps;
  const zone = config.timezone;
  const stored = await repos.settings.all();
  const { settings } = resolveReminderSettings(stored);
  // The body's name in the digest's words, also when the CLI sends it (no bot or job run refreshed it).
  deps.i18n.setOrgNames(orgNamesFrom(stored));
  const local = now.setZone(zone);
  const from = since ?? local.minus({ days: 1 });
  const today = local.startOf('day');
  const [submitted, activities, followUps, plans, undeliveredRows, unreachable, groups] = await Promise.all([
    repos.activities.listSubmittedSince(from.toJSDate()),
    repos.activities.listStartingBetween(utcDay(today), utcDay(today.plus({ days: settings.digestUpcomingDays })), [
      ...LIVE_STATUSES,
    ]),
    repos.followUps.listOpen({ dueBefore: utcDay(today.plus({ days: settings.digestFollowUpDays + 1 })) }),
    repos.plans.listOpen('REQUEST'),
    repos.notifications.listUndeliveredSince(from.toJSDate()),
    repos.users.listUnreachable(),
    repos.chatGroups.listActive(),
  ]);
  const planData = await Promise.all(
    plans.map(async (p) => ({
      title: p.title,
      deadline: p.deadline,
      responses: (await repos.plans.responses(p.id)).map((r) => ({ agencyCode: r.agency.code, status: r.status })),
    })),
  );
  const people = new Map<string, string>();
  const label = (u: {
    displayName: string | null;
    username: string | null;
    telegramId: bigint;
    agency: { code: string } | null;
  }) => `${u.displayName ?? u.username ?? u.telegramId}${u.agency ? ` (${u.agency.code})` : ''}`;
  for (const u of unreachable) people.set(String(u.telegramId), label(u));
  const missing = [...new Set(undeliveredRows.map((r) => r.chatId).filter((c) => c > 0n && !people.has(String(c))))];
  for (const c of missing) {
    const u = await repos.users.findByTelegramId(c);
    if (u) people.set(String(c), label(u));
  }
  const username = deps.botUsername?.();
  const groupTitles = new Map(groups.map((g) => [String(g.chatId), g.title ?? String(g.chatId)]));
  const undelivered = summarizeUndelivered(
    undeliveredRows,
    (c) => people.get(String(c)) ?? groupTitles.get(String(c)) ?? String(c),
  );
  for (const u of unreachable) {
    if (!undeliveredRows.some((r) => r.chatId === u.telegramId))
      undelivered.push({ label: label(u), reason: 'blocked', count: 0 });
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
    ...(username ? { openLink: (reference: string) => activityLink(username, reference) } : {}),
  };
}

/** The digest as messages of at most 4096 characters, cut at line boundaries. */
export async function buildDigest(
  deps: DigestDeps,
  now: DateTime,
  since: DateTime | null,
  locale: Locale,
): Promise<string[]> {
  const data = await loadDigestData(deps, now, since, locale);
  return splitMessage(composeDigest(data, deps.i18n.forLocale(locale)));
}
