import type { LiaisonContext } from '../../context.js';
import { renderActivityCompact, type CardActivity } from '../../views/activity-card.js';
import { describeChange } from '../../views/history.js';
import { escapeHtml, truncate } from '../../../domain/format.js';
import type { OutboxItem } from '../../../db/repos/notifications.js';

// What the activity forms announce, all through the outbox (sent by the dispatcher, retried, once
// per dedupe key): a registration and a change request to the coordinators' group(s), and a
// registration made on an agency's behalf to that agency's focal points.

const MAX_CHANGE_LINES = 15;

async function enqueue(ctx: LiaisonContext, items: OutboxItem[], log: Record<string, unknown>) {
  if (!items.length) return;
  const inserted = await ctx.deps.repos.notifications.enqueue(items);
  ctx.deps.logger.info({ ...log, notices: inserted });
}

/** The coordinators' group(s); while none is registered, each coordinator in private chat (docs/product.md#conversations). */
async function toGroups(ctx: LiaisonContext, kind: string, key: string, text: string, log: Record<string, unknown>) {
  const { repos } = ctx.deps;
  const groups = await repos.chatGroups.listActive();
  const dueAt = ctx.deps.now().toJSDate();
  const items: OutboxItem[] = groups.length
    ? groups.map((g) => ({
        chatId: g.chatId,
        kind,
        dedupeKey: `${key}:${g.chatId}`,
        payload: { parts: [text] },
        dueAt,
      }))
    : (await repos.users.listByRoles(['COORDINATOR']))
        .filter((u) => u.reachable)
        .map((u) => ({
          chatId: u.telegramId,
          userId: u.id,
          kind,
          dedupeKey: `${key}:u${u.id}`,
          payload: { parts: [text] },
          dueAt,
        }));
  await enqueue(ctx, items, log);
}

/** The coordinators' group(s) get a compact card of each registration. */
export async function announceRegistration(ctx: LiaisonContext, a: CardActivity) {
  const { i18n } = ctx.deps;
  const t = i18n.forLocale(i18n.defaultLocale);
  const text = `${t('forms.group.new')}\n${renderActivityCompact(a, { t, locale: i18n.defaultLocale })}`;
  await toGroups(ctx, 'alert.activity-submitted', `activity-submitted:${a.id}`, text, {
    msg: 'activity-announced',
    activityId: a.id,
  });
}

/** A coordinator registered for an agency: its focal points learn that the activity is now theirs to keep up to date. */
export async function tellAgencyOfRegistration(ctx: LiaisonContext, a: CardActivity) {
  const { repos, i18n } = ctx.deps;
  const focal = await repos.users.listFocalPoints(a.leadAgencyId);
  const dueAt = ctx.deps.now().toJSDate();
  const items = focal.map((u) => {
    const locale = i18n.resolve(u.locale, undefined);
    const t = i18n.forLocale(locale);
    const text = `${t('forms.notice.on_behalf', { reference: a.reference })}\n\n${renderActivityCompact(a, { t, locale })}`;
    return {
      chatId: u.telegramId,
      userId: u.id,
      kind: 'alert.activity-on-behalf',
      dedupeKey: `activity-on-behalf:${a.id}:${u.id}`,
      payload: { parts: [text] },
      dueAt,
    };
  });
  await enqueue(ctx, items, { msg: 'activity-on-behalf-told', activityId: a.id });
}

/** The coordinators' group(s) learn of a change request: what it would change, and where to decide. */
export async function announceChangeRequest(
  ctx: LiaisonContext,
  a: CardActivity,
  requestId: number,
  changes: { field: string; oldValue: string | null; newValue: string | null }[],
) {
  const { repos, i18n, config } = ctx.deps;
  const t = i18n.forLocale(i18n.defaultLocale);
  const agencyCodes = new Map((await repos.agencies.list()).map((x) => [x.id, x.code]));
  const o = { t, locale: i18n.defaultLocale, zone: config.timezone, agencyCodes };
  const lines = changes
    .slice(0, MAX_CHANGE_LINES)
    .map((d) => t('review.cr_line', { change: truncate(describeChange(d.field, d.oldValue, d.newValue, o), 300) }));
  if (changes.length > MAX_CHANGE_LINES)
    lines.push(t('my.group.more_changes', { count: changes.length - MAX_CHANGE_LINES }));
  const text = [
    t('my.group.change_request', {
      id: requestId,
      reference: a.reference,
      agency: a.leadAgency.nameVi,
      who: ctx.user?.displayName ?? '—',
    }),
    `<b>${t('activity.field.title')}:</b> ${escapeHtml(truncate(a.title, 300))}`,
    ...lines,
    t('my.group.change_request_footer'),
  ].join('\n');
  await toGroups(ctx, 'alert.change-requested', `change-requested:${requestId}`, text, {
    msg: 'change-request-announced',
    changeRequestId: requestId,
    activityId: a.id,
  });
}
