import { Composer, Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { LiaisonContext } from '../context.js';
import { HTML } from '../reply.js';
import type { Params, Translate } from '../../i18n/index.js';
import { canDecide, COORDINATION, hasRole, refuse, requireRole, TEXT_LIMITS } from '../access.js';
import { callbackPattern, encodeCallback, idArg, parseCallback } from '../keyboards/callback-data.js';
import { renderActivityCard, type CardActivity } from '../views/activity-card.js';
import { describeChange } from '../views/history.js';
import { canTransition, sourceStatuses } from '../../domain/activity-status.js';
import { formatDate, TELEGRAM_MAX_MESSAGE, truncate } from '../../domain/format.js';
import { approveChangeRequest, decodeChanges, diffChanges, rejectChangeRequest } from '../../services/change-requests.js';
import { scrubToken } from '../../logger.js';

// /review (docs/product.md#roles, #lifecycle): coordinators go through the SUBMITTED activities, oldest first, then the
// pending change requests; approve, or reject with a reason; the lead agency's focal points are told.

const F = 'rv';
const PROMPT_MARK = '✍️';

async function agencyCodes(ctx: LiaisonContext) {
  return new Map((await ctx.deps.repos.agencies.list()).map((a) => [a.id, a.code]));
}

function card(ctx: LiaisonContext, a: CardActivity, history: Parameters<typeof renderActivityCard>[1]['history'], codes: Map<number, string>) {
  const opts = { t: ctx.t, locale: ctx.locale, zone: ctx.deps.config.timezone, agencyCodes: codes };
  const full = renderActivityCard(a, { ...opts, history });
  return full.length <= TELEGRAM_MAX_MESSAGE - 600 ? full : renderActivityCard(a, opts);
}

interface View {
  text: string;
  keyboard: ReturnType<typeof Markup.inlineKeyboard>;
}

/** Item `index` of the queue: SUBMITTED activities first (oldest first), then pending change requests. */
async function queueItem(ctx: LiaisonContext, index: number, retries = 2): Promise<View> {
  const { activities, changeRequests } = ctx.deps.repos;
  const [nA, nC] = await Promise.all([activities.countForReview(), changeRequests.countPending()]);
  const total = nA + nC;
  if (total === 0 || retries < 0) return { text: ctx.t('review.empty'), keyboard: Markup.inlineKeyboard([]) };
  const i = Math.min(Math.max(0, index), total - 1);
  const header = ctx.t('review.header', { activities: nA, changes: nC, position: i + 1, total });
  const nav: InlineKeyboardButton[] = [];
  if (i > 0) nav.push(Markup.button.callback('◀', encodeCallback(F, 'n', i - 1)));
  if (i < total - 1) nav.push(Markup.button.callback('▶', encodeCallback(F, 'n', i + 1)));
  const codes = await agencyCodes(ctx);
  if (i < nA) {
    const [a] = await activities.listForReview({ skip: i, take: 1 });
    if (!a) return queueItem(ctx, 0, retries - 1); // decided meanwhile
    const history = await activities.history(a.id, 8);
    const text = [header, '', card(ctx, a, history, codes)].join('\n');
    const decide = [
      Markup.button.callback(ctx.t('review.approve_button'), encodeCallback(F, 'ok', a.id, i)),
      Markup.button.callback(ctx.t('review.reject_button'), encodeCallback(F, 'no', a.id)),
    ];
    return { text, keyboard: Markup.inlineKeyboard([decide, nav].filter((r) => r.length)) };
  }
  const [cr] = await changeRequests.listPending({ skip: i - nA, take: 1 });
  if (!cr) return queueItem(ctx, 0, retries - 1);
  const requester = await ctx.deps.repos.users.findById(cr.requestedById);
  const o = { t: ctx.t, locale: ctx.locale, zone: ctx.deps.config.timezone, agencyCodes: codes };
  const diff = diffChanges(cr.activity, decodeChanges(cr.changes));
  const lines = [
    header,
    '',
    card(ctx, cr.activity, undefined, codes),
    '',
    ctx.t('review.cr_title', { id: cr.id, who: requester?.displayName ?? ctx.t('activity.card.system'), date: formatDate(cr.createdAt, ctx.deps.config.timezone, ctx.locale) }),
    ...(diff.length ? diff.map((d) => ctx.t('review.cr_line', { change: truncate(describeChange(d.field, d.oldValue, d.newValue, o), 300) })) : [ctx.t('review.cr_no_effect')]),
  ];
  const decide = [
    Markup.button.callback(ctx.t('review.approve_button'), encodeCallback(F, 'cok', cr.id, i)),
    Markup.button.callback(ctx.t('review.reject_button'), encodeCallback(F, 'cno', cr.id)),
  ];
  return { text: truncate(lines.join('\n'), TELEGRAM_MAX_MESSAGE), keyboard: Markup.inlineKeyboard([decide, nav].filter((r) => r.length)) };
}

/** Tells the lead agency's focal points (and `extraUserIds`, e.g. the requester), each in their language. */
async function notifyAgency(ctx: LiaisonContext, agencyId: number, extraUserIds: number[], key: string, params: (t: Translate) => Params) {
  const { repos, i18n, logger } = ctx.deps;
  const focal = await repos.users.listFocalPoints(agencyId);
  const extra = (await Promise.all(extraUserIds.map((id) => repos.users.findById(id)))).filter((u) => u?.active && u.role);
  const seen = new Set<number>([ctx.user!.id]);
  for (const u of [...focal, ...extra]) {
    if (!u || seen.has(u.id)) continue;
    seen.add(u.id);
    const t = i18n.forLocale(i18n.resolve(u.locale, undefined));
    await ctx.telegram
      .sendMessage(Number(u.telegramId), t(key, params(t)), HTML)
      .catch((err) => logger.warn({ msg: 'review-notice-failed', userId: u.id, err: scrubToken(String(err)) }));
  }
}

function nextButton(ctx: LiaisonContext, index: number) {
  return Markup.inlineKeyboard([[Markup.button.callback(ctx.t('review.next_button'), encodeCallback(F, 'n', index))]]);
}

async function askReason(ctx: LiaisonContext, kind: 'a' | 'c', ref: string) {
  const key = kind === 'a' ? 'review.reason_prompt' : 'review.cr_reason_prompt';
  await ctx.reply(`${PROMPT_MARK} ${ctx.t(key, { ref, max: TEXT_LIMITS.reason })}`, { ...HTML, reply_markup: { force_reply: true, input_field_placeholder: truncate(ctx.t('review.reason_placeholder'), 64) } });
}

async function approveActivity(ctx: LiaisonContext, id: number, index: number) {
  const { activities } = ctx.deps.repos;
  const a = await activities.findById(id);
  if (!a) return ctx.answerCbQuery(ctx.t('error.stale_button'));
  const done = canTransition(a.status, 'APPROVED', ctx.user!.role)
    ? await activities.transition(a.id, sourceStatuses('approve'), 'APPROVED', { userId: ctx.user!.id, now: ctx.deps.now().toJSDate() })
    : null;
  if (!done) return ctx.answerCbQuery(ctx.t('review.not_pending', { ref: a.reference, status: ctx.t(`activity.status.${a.status}`) }), { show_alert: true });
  ctx.deps.logger.info({ msg: 'activity-approved', activityId: a.id, userId: ctx.user!.id });
  await ctx.answerCbQuery(ctx.t('review.approved_toast', { ref: a.reference }));
  const history = await activities.history(a.id, 8);
  await ctx.editMessageText([ctx.t('review.approved_done', { ref: a.reference }), '', card(ctx, done, history, await agencyCodes(ctx))].join('\n'), { ...HTML, ...nextButton(ctx, index) }).catch(() => undefined);
  await notifyAgency(ctx, a.leadAgencyId, [], 'review.notice_approved', () => ({ ref: a.reference, title: truncate(a.title, 200) }));
}

async function approveChange(ctx: LiaisonContext, id: number, index: number) {
  const res = await approveChangeRequest(ctx.deps, { id, user: ctx.user!, now: ctx.deps.now().toJSDate() });
  if (res.kind === 'not-found') return ctx.answerCbQuery(ctx.t('error.stale_button'));
  if (res.kind === 'not-allowed') return refuse(ctx, 'change-request-approve');
  if (res.kind === 'already-decided') return ctx.answerCbQuery(ctx.t('review.cr_decided', { id }), { show_alert: true });
  if (res.kind !== 'approved') return;
  const a = res.activity;
  await ctx.answerCbQuery(ctx.t('review.cr_approved_toast', { id }));
  const history = await ctx.deps.repos.activities.history(a.id, 8);
  await ctx.editMessageText([ctx.t('review.cr_approved_done', { id, ref: a.reference }), '', card(ctx, a, history, await agencyCodes(ctx))].join('\n'), { ...HTML, ...nextButton(ctx, index) }).catch(() => undefined);
  await notifyAgency(ctx, a.leadAgencyId, [res.requestedById], 'review.notice_cr_approved', () => ({ id, ref: a.reference, title: truncate(a.title, 200) }));
}

/** The typed reason, answering one of our prompts: reject the activity or change request it names. */
async function onReason(ctx: LiaisonContext, kind: 'a' | 'c', ref: string, text: string) {
  const reason = text.trim().replace(/\s+/g, ' ');
  if (!reason) {
    await ctx.reply(ctx.t('review.reason_empty'), HTML);
    return askReason(ctx, kind, ref);
  }
  if (reason.length > TEXT_LIMITS.reason) {
    await ctx.reply(ctx.t('access.too_long', { max: TEXT_LIMITS.reason }), HTML);
    return askReason(ctx, kind, ref);
  }
  const now = ctx.deps.now().toJSDate();
  if (kind === 'a') {
    const { activities } = ctx.deps.repos;
    const a = await activities.findByReference(ref);
    if (!a) return ctx.reply(ctx.t('review.not_found', { ref }), HTML);
    const done = canTransition(a.status, 'REJECTED', ctx.user!.role)
      ? await activities.transition(a.id, sourceStatuses('reject'), 'REJECTED', { userId: ctx.user!.id, now, reason })
      : null;
    if (!done) return ctx.reply(ctx.t('review.not_pending', { ref: a.reference, status: ctx.t(`activity.status.${a.status}`) }), HTML);
    ctx.deps.logger.info({ msg: 'activity-rejected', activityId: a.id, userId: ctx.user!.id });
    await ctx.reply(ctx.t('review.rejected_done', { ref: a.reference, reason }), { ...HTML, ...nextButton(ctx, 0) });
    return notifyAgency(ctx, a.leadAgencyId, [], 'review.notice_rejected', () => ({ ref: a.reference, title: truncate(a.title, 200), reason }));
  }
  const id = idArg(ref.replace(/^#/, ''));
  const res = id ? await rejectChangeRequest(ctx.deps, { id, user: ctx.user!, reason, now }) : { kind: 'not-found' as const };
  if (res.kind === 'not-found') return ctx.reply(ctx.t('review.not_found', { ref }), HTML);
  if (res.kind === 'not-allowed') return refuse(ctx, 'change-request-reject');
  if (res.kind === 'already-decided') return ctx.reply(ctx.t('review.cr_decided', { id: id! }), HTML);
  if (res.kind !== 'rejected') return;
  await ctx.reply(ctx.t('review.cr_rejected_done', { id: id!, ref: res.activity.reference, reason }), { ...HTML, ...nextButton(ctx, 0) });
  await notifyAgency(ctx, res.activity.leadAgencyId, [res.requestedById], 'review.notice_cr_rejected', () => ({ id: id!, ref: res.activity.reference, title: truncate(res.activity.title, 200), reason }));
}

export function reviewFeature() {
  const c = new Composer<LiaisonContext>();

  c.command('review', requireRole(COORDINATION, 'review'), async (ctx) => {
    const view = await queueItem(ctx, 0);
    await ctx.reply(view.text, { ...HTML, ...view.keyboard });
  });

  c.action(callbackPattern(F), async (ctx) => {
    const cb = parseCallback('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    if (!canDecide(ctx.user)) return refuse(ctx, `review:${cb?.action ?? '?'}`);
    const id = idArg(cb?.args[0]);
    const index = Math.max(0, Number(cb?.args[1] ?? 0) || 0);
    switch (cb?.action) {
      case 'n': {
        const i = Number(cb.args[0]);
        if (!Number.isInteger(i) || i < 0) break;
        await ctx.answerCbQuery();
        const view = await queueItem(ctx, i);
        return ctx.editMessageText(view.text, { ...HTML, ...view.keyboard }).catch((err: unknown) => {
          if (!String((err as Error)?.message).includes('message is not modified')) return ctx.reply(view.text, { ...HTML, ...view.keyboard });
        });
      }
      case 'ok':
        if (!id) break;
        return approveActivity(ctx, id, index);
      case 'no': {
        const a = id ? await ctx.deps.repos.activities.findById(id) : null;
        if (!a) break;
        if (!canTransition(a.status, 'REJECTED', ctx.user!.role)) return ctx.answerCbQuery(ctx.t('review.not_pending', { ref: a.reference, status: ctx.t(`activity.status.${a.status}`) }), { show_alert: true });
        await ctx.answerCbQuery();
        return askReason(ctx, 'a', a.reference);
      }
      case 'cok':
        if (!id) break;
        return approveChange(ctx, id, index);
      case 'cno': {
        const cr = id ? await ctx.deps.repos.changeRequests.findById(id) : null;
        if (!cr) break;
        if (cr.status !== 'PENDING') return ctx.answerCbQuery(ctx.t('review.cr_decided', { id: cr.id }), { show_alert: true });
        await ctx.answerCbQuery();
        return askReason(ctx, 'c', `#${cr.id}`);
      }
    }
    return ctx.answerCbQuery(ctx.t('error.stale_button'));
  });

  // A reply to one of our reason prompts (force_reply): the prompt names what it is about in <code>.
  c.on('message', async (ctx, next) => {
    const msg = ctx.message;
    const replied = 'reply_to_message' in msg ? msg.reply_to_message : undefined;
    if (!replied || replied.from?.id !== ctx.botInfo.id || !('text' in replied) || !replied.text.startsWith(PROMPT_MARK)) return next();
    if (!hasRole(ctx, COORDINATION)) return refuse(ctx, 'review:reason');
    const code = replied.entities?.find((e) => e.type === 'code');
    const ref = code ? replied.text.slice(code.offset, code.offset + code.length) : '';
    if (!ref) return next();
    if (!('text' in msg)) {
      await ctx.reply(ctx.t('review.reason_empty'), HTML);
      return askReason(ctx, ref.startsWith('#') ? 'c' : 'a', ref);
    }
    if (msg.text.startsWith('/')) return next(); // a command, not a reason
    return onReason(ctx, ref.startsWith('#') ? 'c' : 'a', ref, msg.text);
  });
  return c;
}
