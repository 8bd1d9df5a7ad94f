import type { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { Repos } from '../db/repos/index.js';
import type { I18n, Locale, Translate } from '../i18n/index.js';
import { isLocale } from '../i18n/index.js';
import { splitMessage } from '../domain/format.js';

// "Is told" messages of the workflows (a plan request opened, a deadline extended, a programme
// activity or a follow-up assigned): worded now in each recipient's language and put in the outbox,
// which the dispatcher sends (rate limits, retries, blocked users). The dedupe key names the
// occasion, so a repeated update or a retried handler enqueues each message once.

export interface NoticeDeps {
  repos: Repos;
  i18n: I18n;
  config: Pick<Config, 'defaultLocale'>;
}

export interface Notice {
  /** Outbox kind, e.g. `notice.plan-opened` (not `reminder.*`: these go out at once, not only in working hours). */
  kind: string;
  /** Occasion part of the dedupe key, e.g. `plan-opened:12`; the recipient is appended. */
  key: string;
  render(t: Translate, locale: Locale): string;
}

interface Recipient {
  chatId: bigint;
  userId: number | null;
  locale: Locale;
  tag: string;
}

async function send(deps: NoticeDeps, recipients: Recipient[], notice: Notice, now: DateTime): Promise<number> {
  const texts = new Map<Locale, string[]>();
  const partsFor = (locale: Locale) => {
    let parts = texts.get(locale);
    if (!parts) texts.set(locale, (parts = splitMessage(notice.render(deps.i18n.forLocale(locale), locale))));
    return parts;
  };
  return deps.repos.notifications.enqueue(
    recipients.map((r) => ({
      chatId: r.chatId,
      userId: r.userId,
      kind: notice.kind,
      dedupeKey: `${notice.key}:${r.tag}`,
      payload: { parts: partsFor(r.locale), locale: r.locale },
      dueAt: now.toJSDate(),
    })),
  );
}

/** Every reachable focal point of the agencies; returns how many messages were enqueued. */
export async function noticeAgencies(
  deps: NoticeDeps,
  agencyIds: number[],
  notice: Notice,
  now: DateTime,
): Promise<number> {
  const recipients: Recipient[] = [];
  for (const agencyId of [...new Set(agencyIds)]) {
    for (const u of await deps.repos.users.listFocalPoints(agencyId)) {
      if (!u.reachable) continue;
      recipients.push({
        chatId: u.telegramId,
        userId: u.id,
        locale: isLocale(u.locale) ? u.locale : deps.config.defaultLocale,
        tag: `u${u.id}`,
      });
    }
  }
  return recipients.length ? send(deps, recipients, notice, now) : 0;
}

/** The coordinators' group(s), or each coordinator when no group is registered. */
export async function noticeCoordinators(deps: NoticeDeps, notice: Notice, now: DateTime): Promise<number> {
  const groups = await deps.repos.chatGroups.listActive();
  const recipients: Recipient[] = groups.length
    ? groups.map((g) => ({ chatId: g.chatId, userId: null, locale: deps.config.defaultLocale, tag: `g${g.chatId}` }))
    : (await deps.repos.users.listByRoles(['COORDINATOR']))
        .filter((u) => u.reachable)
        .map((u) => ({
          chatId: u.telegramId,
          userId: u.id,
          locale: isLocale(u.locale) ? u.locale : deps.config.defaultLocale,
          tag: `u${u.id}`,
        }));
  return recipients.length ? send(deps, recipients, notice, now) : 0;
}
