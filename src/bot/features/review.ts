import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { canDecide, COORDINATION, hasRole, refuse, requireRole, TEXT_LIMITS } from '../access.js';
import { defineCallbacks, ID, N, parseId } from '../keyboards/callbacks.js';
import { pageButtons, pageOf } from '../keyboards/pagination.js';
import { renderActivityCard, type CardActivity } from '../views/activity-card.js';
import { renderFullCard } from '../views/full-card.js';
import { describeChange } from '../views/history.js';
import { canTransition, sourceStatuses } from '../../domain/activity-status.js';
import { formatDate, TELEGRAM_MAX_MESSAGE, truncate } from '../../domain/format.js';
import {
  approveChangeRequest,
  decodeChanges,
  diffChanges,
  rejectChangeRequest,
} from '../../services/change-requests.js';
import { needsDecision } from '../../domain/activity-status.js';
import { ACTIVITY_TYPES } from '../../domain/enums.js';
import { byUrgency, reviewUrgency, type Urgency } from '../../domain/review-urgency.js';
import { resolveReminderSettings } from '../../domain/reminder-settings.js';
import { createHolidayCalendar } from '../../domain/working-days.js';
import { settingOptions } from '../../domain/report-settings.js';
import type { FormEngine, RenderEnv } from '../form-engine/index.js';
import { DECISION_FORM } from './review-decision.js';
import { bodyName, notifyAgency } from './review-notices.js';

// /review (docs/product.md#roles, #lifecycle): coordinators go through the SUBMITTED activities, then the pending change
// requests. The Department receives and appraises: it agrees (and forwards to the competent
// authority) or returns for correction with a reason; it then records the authority's decision.
// The lead agency's focal points are told each time.

const reviewButtons = defineCallbacks('rv', {
  /** Item `index` of the queue (clamped: the queue may have shrunk). */
  item: ['n', { index: N }],
  agree: ['ok', { id: ID, index: N }],
  return: ['no', { id: ID }],
  decision: ['dec', { id: ID }],
  approveChange: ['cok', { id: ID, index: N }],
  rejectChange: ['cno', { id: ID }],
});
const PROMPT_MARK = '✍️';

interface AgencyNames {
  codes: Map<number, string>;
  names: Map<number, string>;
  /** Option lists that are settings (purpose categories), for the card's labels. */
  choices: RenderEnv['choices'];
  /** The settings as read for them: the queue's urgency reads the same. */
  stored: Record<string, unknown>;
}

async function agencyCodes(ctx: LiaisonContext): Promise<AgencyNames> {
  const [all, stored] = await Promise.all([ctx.deps.repos.agencies.list(), ctx.deps.repos.settings.all()]);
  const names = new Map(all.map((a) => [a.id, ctx.locale === 'en' && a.nameEn ? a.nameEn : a.nameVi]));
  return { codes: new Map(all.map((a) => [a.id, a.code])), names, choices: settingOptions(stored, ctx.locale), stored };
}

/** The full card (every field of the type): the coordinator decides on what the agency gave. */
function card(
  ctx: LiaisonContext,
  a: CardActivity,
  history: Parameters<typeof renderActivityCard>[1]['history'],
  ag: AgencyNames,
) {
  const opts = {
    t: ctx.t,
    locale: ctx.locale,
    zone: ctx.deps.config.timezone,
    agencyCodes: ag.codes,
    agencyName: (id: number) => ag.names.get(id) ?? `#${id}`,
    choices: ag.choices,
  };
  const full = renderFullCard(a, { ...opts, history });
  return full.length <= TELEGRAM_MAX_MESSAGE - 600
    ? full
    : truncate(renderFullCard(a, opts), TELEGRAM_MAX_MESSAGE - 600);
}

interface View {
  text: string;
  keyboard: ReturnType<typeof Markup.inlineKeyboard>;
}

/** The SUBMITTED activities, the closest lead-time deadline first (domain/review-urgency.ts). */
async function urgentQueue(ctx: LiaisonContext, stored: Record<string, unknown>) {
  const { repos } = ctx.deps;
  const [list, holidays] = await Promise.all([
    repos.activities.listForReview({ take: 500 }),
    repos.calendar.listHolidays(),
  ]);
  const o = {
    today: ctx.deps.now().setZone(ctx.deps.config.timezone),
    calendar: createHolidayCalendar(holidays),
    settings: resolveReminderSettings(stored).settings,
  };
  return list.map((a) => ({ ...a, urgency: reviewUrgency(a, o) })).sort(byUrgency);
}

function urgencyLine(ctx: LiaisonContext, u: Urgency): string {
  if (!u.deadline || u.daysLeft === null) return ctx.t('review.urgency.none');
  const date = u.deadline.split('-').reverse().join('/');
  const unit = ctx.t(`review.urgency.unit_${u.unit}`);
  if (u.daysLeft < 0) return ctx.t('review.urgency.late', { date, days: -u.daysLeft, unit });
  return ctx.t('review.urgency.left', { date, days: u.daysLeft, unit });
}

/** Item `index` of the queue: SUBMITTED activities first (most urgent first), then pending change requests. */
async function queueItem(ctx: LiaisonContext, index: number, retries = 2): Promise<View> {
  const { activities, changeRequests } = ctx.deps.repos;
  const [nA, nC, nD] = await Promise.all([
    activities.countForReview(),
    changeRequests.countPending(),
    activities.countAwaitingDecision(ACTIVITY_TYPES.filter(needsDecision)),
  ]);
  const total = nA + nC;
  // Agreed activities wait for the authority's decision outside the queue: say how to reach them.
  const awaiting = nD ? `\n${ctx.t('review.awaiting_decision', { count: nD })}` : '';
  if (total === 0 || retries < 0)
    return { text: ctx.t('review.empty') + awaiting, keyboard: Markup.inlineKeyboard([]) };
  // One item a page: an index past the end (the queue shrank) shows the last one.
  const at = pageOf(total, index, 1);
  const i = at.page;
  const header = ctx.t('review.header', { activities: nA, changes: nC, position: i + 1, total }) + awaiting;
  const nav: InlineKeyboardButton[] = pageButtons(at, (n) => reviewButtons.encode('item', { index: n }));
  const codes = await agencyCodes(ctx);
  if (i < nA) {
    const a = (await urgentQueue(ctx, codes.stored))[i];
    if (!a) return queueItem(ctx, 0, retries - 1); // decided meanwhile
    const history = await activities.history(a.id, 8);
    const text = [header, urgencyLine(ctx, a.urgency), '', card(ctx, a, history, codes)].join('\n');
    const decide = [
      Markup.button.callback(ctx.t('review.agree_button'), reviewButtons.encode('agree', { id: a.id, index: i })),
      Markup.button.callback(ctx.t('review.return_button'), reviewButtons.encode('return', { id: a.id })),
    ];
    return { text, keyboard: Markup.inlineKeyboard([[decide[0]!], [decide[1]!], nav].filter((r) => r.length)) };
  }
  const [cr] = await changeRequests.listPending({ skip: i - nA, take: 1 });
  if (!cr) return queueItem(ctx, 0, retries - 1);
  const requester = await ctx.deps.repos.users.findById(cr.requestedById);
  const o = { t: ctx.t, locale: ctx.locale, zone: ctx.deps.config.timezone, agencyCodes: codes.codes };
  const diff = diffChanges(cr.activity, decodeChanges(cr.changes));
  const lines = [
    header,
    '',
    card(ctx, cr.activity, undefined, codes),
    '',
    ctx.t('review.cr_title', {
      id: cr.id,
      who: requester?.displayName ?? ctx.t('activity.card.system'),
      date: formatDate(cr.createdAt, ctx.deps.config.timezone, ctx.locale),
    }),
    ...(diff.length
      ? diff.map((d) =>
          ctx.t('review.cr_line', { change: truncate(describeChange(d.field, d.oldValue, d.newValue, o), 300) }),
        )
      : [ctx.t('review.cr_no_effect')]),
  ];
  const decide = [
    Markup.button.callback(
      ctx.t('review.approve_button'),
      reviewButtons.encode('approveChange', { id: cr.id, index: i }),
    ),
    Markup.button.callback(ctx.t('review.reject_button'), reviewButtons.encode('rejectChange', { id: cr.id })),
  ];
  return {
    text: truncate(lines.join('\n'), TELEGRAM_MAX_MESSAGE),
    keyboard: Markup.inlineKeyboard([decide, nav].filter((r) => r.length)),
  };
}

function nextButton(ctx: LiaisonContext, index: number) {
  return Markup.inlineKeyboard([
    [Markup.button.callback(ctx.t('review.next_button'), reviewButtons.encode('item', { index }))],
  ]);
}

/**
 * A reason asked for and not yet given, by user: a reason typed without Telegram's reply is taken
 * too (for a quarter of an hour; a command drops it). Stored, so a restart or another instance
 * between the press and the reason still takes it.
 */
const REASON_KEY = 'review.reason';
const REASON_WAIT_MINUTES = 15;
type AwaitingReason = { kind: 'a' | 'c'; ref: string };

async function askReason(ctx: LiaisonContext, kind: 'a' | 'c', ref: string) {
  const key = kind === 'a' ? 'review.reason_prompt' : 'review.cr_reason_prompt';
  if (ctx.user && ctx.chat?.type === 'private') {
    const until = ctx.deps.now().plus({ minutes: REASON_WAIT_MINUTES }).toJSDate();
    await ctx.deps.repos.userStates.put(ctx.user.id, REASON_KEY, { kind, ref } satisfies AwaitingReason, until);
  }
  await ctx.reply(`${PROMPT_MARK} ${ctx.t(key, { ref, max: TEXT_LIMITS.reason })}`, {
    reply_markup: { force_reply: true, input_field_placeholder: truncate(ctx.t('review.reason_placeholder'), 64) },
  });
}

/** The button that opens the decision form of an agreed activity. */
export function decisionButton(ctx: LiaisonContext, activityId: number) {
  return Markup.button.callback(ctx.t('review.decision_button'), reviewButtons.encode('decision', { id: activityId }));
}

async function agreeActivity(ctx: RegisteredContext, id: number, index: number) {
  const { activities } = ctx.deps.repos;
  const a = await activities.findById(id);
  if (!a) return ctx.answerCbQuery(ctx.t('error.stale_button'));
  const done = canTransition(a.status, 'AGREED', ctx.user.role, a.type)
    ? await activities.transition(a.id, sourceStatuses('agree'), 'AGREED', {
        userId: ctx.user.id,
        now: ctx.deps.now().toJSDate(),
      })
    : null;
  if (!done)
    return ctx.answerCbQuery(
      ctx.t('review.not_pending', { ref: a.reference, status: ctx.t(`activity.status.${a.status}`) }),
      { show_alert: true },
    );
  ctx.deps.logger.info({ msg: 'activity-agreed', activityId: a.id, userId: ctx.user.id });
  await ctx.answerCbQuery(ctx.t('review.agreed_toast', { ref: a.reference }));
  const history = await activities.history(a.id, 8);
  const decision = needsDecision(a.type);
  const rows = [
    ...(decision ? [[decisionButton(ctx, a.id)]] : []),
    [Markup.button.callback(ctx.t('review.next_button'), reviewButtons.encode('item', { index }))],
  ];
  const head = ctx.t(decision ? 'review.agreed_done' : 'review.agreed_final_done', { ref: a.reference });
  await ctx
    .editMessageText(
      [head, '', card(ctx, done, history, await agencyCodes(ctx))].join('\n'),
      Markup.inlineKeyboard(rows),
    )
    .catch(() => undefined);
  const body = await bodyName(ctx);
  await notifyAgency(ctx, a.leadAgencyId, [], decision ? 'review.notice_agreed' : 'review.notice_agreed_final', () => ({
    ref: a.reference,
    title: truncate(a.title, 200),
    body,
  }));
}

async function startDecision(ctx: LiaisonContext, forms: FormEngine, id: number) {
  const a = await ctx.deps.repos.activities.findById(id);
  if (!a) return ctx.answerCbQuery(ctx.t('error.stale_button'));
  if (a.status !== 'AGREED')
    return ctx.answerCbQuery(
      ctx.t('review.not_awaiting_decision', { ref: a.reference, status: ctx.t(`activity.status.${a.status}`) }),
      { show_alert: true },
    );
  await ctx.answerCbQuery();
  await forms.start(ctx, DECISION_FORM, { meta: { activityId: a.id, reference: a.reference } });
}

async function approveChange(ctx: RegisteredContext, id: number, index: number) {
  const res = await approveChangeRequest(ctx.deps, { id, user: ctx.user, now: ctx.deps.now().toJSDate() });
  if (res.kind === 'not-found') return ctx.answerCbQuery(ctx.t('error.stale_button'));
  if (res.kind === 'not-allowed') return refuse(ctx, 'change-request-approve');
  if (res.kind === 'already-decided')
    return ctx.answerCbQuery(ctx.t('review.cr_decided', { id }), { show_alert: true });
  if (res.kind !== 'approved') return;
  const a = res.activity;
  await ctx.answerCbQuery(ctx.t('review.cr_approved_toast', { id }));
  const history = await ctx.deps.repos.activities.history(a.id, 8);
  await ctx
    .editMessageText(
      [
        ctx.t('review.cr_approved_done', { id, ref: a.reference }),
        '',
        card(ctx, a, history, await agencyCodes(ctx)),
      ].join('\n'),
      nextButton(ctx, index),
    )
    .catch(() => undefined);
  await notifyAgency(ctx, a.leadAgencyId, [res.requestedById], 'review.notice_cr_approved', () => ({
    id,
    ref: a.reference,
    title: truncate(a.title, 200),
  }));
}

/** The typed reason, answering one of our prompts: reject the activity or change request it names. */
async function onReason(ctx: RegisteredContext, kind: 'a' | 'c', ref: string, text: string) {
  const reason = text.trim().replace(/\s+/g, ' ');
  if (!reason) {
    await ctx.reply(ctx.t('review.reason_empty'));
    return askReason(ctx, kind, ref);
  }
  if (reason.length > TEXT_LIMITS.reason) {
    await ctx.reply(ctx.t('access.too_long', { max: TEXT_LIMITS.reason }));
    return askReason(ctx, kind, ref);
  }
  const now = ctx.deps.now().toJSDate();
  if (kind === 'a') {
    const { activities } = ctx.deps.repos;
    const a = await activities.findByReference(ref);
    if (!a) return ctx.reply(ctx.t('review.not_found', { ref }));
    const done = canTransition(a.status, 'RETURNED', ctx.user.role, a.type)
      ? await activities.transition(a.id, sourceStatuses('return'), 'RETURNED', { userId: ctx.user.id, now, reason })
      : null;
    if (!done)
      return ctx.reply(ctx.t('review.not_pending', { ref: a.reference, status: ctx.t(`activity.status.${a.status}`) }));
    ctx.deps.logger.info({ msg: 'activity-returned', activityId: a.id, userId: ctx.user.id });
    await ctx.reply(ctx.t('review.returned_done', { ref: a.reference, reason }), nextButton(ctx, 0));
    const body = await bodyName(ctx);
    return notifyAgency(ctx, a.leadAgencyId, [], 'review.notice_returned', () => ({
      ref: a.reference,
      title: truncate(a.title, 200),
      reason,
      body,
    }));
  }
  const id = parseId(ref.replace(/^#/, ''));
  const res = id
    ? await rejectChangeRequest(ctx.deps, { id, user: ctx.user, reason, now })
    : { kind: 'not-found' as const };
  if (res.kind === 'not-found') return ctx.reply(ctx.t('review.not_found', { ref }));
  if (res.kind === 'not-allowed') return refuse(ctx, 'change-request-reject');
  if (res.kind === 'already-decided') return ctx.reply(ctx.t('review.cr_decided', { id: id! }));
  if (res.kind !== 'rejected') return;
  await ctx.reply(
    ctx.t('review.cr_rejected_done', { id: id!, ref: res.activity.reference, reason }),
    nextButton(ctx, 0),
  );
  await notifyAgency(ctx, res.activity.leadAgencyId, [res.requestedById], 'review.notice_cr_rejected', () => ({
    id: id!,
    ref: res.activity.reference,
    title: truncate(res.activity.title, 200),
    reason,
  }));
}

export function reviewFeature(forms: FormEngine) {
  const c = new FlatComposer<RegisteredContext>();

  c.command('review', requireRole(COORDINATION, 'review'), async (ctx) => {
    const view = await queueItem(ctx, 0);
    await ctx.reply(view.text, view.keyboard);
  });

  c.action(reviewButtons.pattern, async (ctx) => {
    const data = 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
    if (!canDecide(ctx.user)) return refuse(ctx, `review:${data?.split(':')[1] ?? '?'}`);
    const cb = reviewButtons.decode(data);
    switch (cb?.action) {
      case 'item': {
        await ctx.answerCbQuery();
        const view = await queueItem(ctx, cb.index);
        return ctx.editMessageText(view.text, view.keyboard).catch((err: unknown) => {
          if (!String((err as Error)?.message).includes('message is not modified'))
            return ctx.reply(view.text, view.keyboard);
        });
      }
      case 'agree':
        return agreeActivity(ctx, cb.id, cb.index);
      case 'decision':
        return startDecision(ctx, forms, cb.id);
      case 'return': {
        const a = await ctx.deps.repos.activities.findById(cb.id);
        if (!a) break;
        if (!canTransition(a.status, 'RETURNED', ctx.user.role, a.type))
          return ctx.answerCbQuery(
            ctx.t('review.not_pending', { ref: a.reference, status: ctx.t(`activity.status.${a.status}`) }),
            { show_alert: true },
          );
        await ctx.answerCbQuery();
        return askReason(ctx, 'a', a.reference);
      }
      case 'approveChange':
        return approveChange(ctx, cb.id, cb.index);
      case 'rejectChange': {
        const cr = await ctx.deps.repos.changeRequests.findById(cb.id);
        if (!cr) break;
        if (cr.status !== 'PENDING')
          return ctx.answerCbQuery(ctx.t('review.cr_decided', { id: cr.id }), { show_alert: true });
        await ctx.answerCbQuery();
        return askReason(ctx, 'c', `#${cr.id}`);
      }
    }
    return ctx.answerCbQuery(ctx.t('error.stale_button'));
  });

  // A reply to one of our reason prompts (force_reply): the prompt names what it is about in <code>.
  // Without the reply, the next text of the user who was asked is the reason.
  c.on('message', async (ctx, next) => {
    const msg = ctx.message;
    const replied = 'reply_to_message' in msg ? msg.reply_to_message : undefined;
    // Only coordinators in private chat are ever asked: nobody else's message reads the store.
    const asked = ctx.user && ctx.chat.type === 'private' && hasRole(ctx, COORDINATION);
    const waiting = asked
      ? await ctx.deps.repos.userStates.take<AwaitingReason>(ctx.user.id, REASON_KEY, ctx.deps.now().toJSDate())
      : null;
    if (waiting) {
      const typed = 'text' in msg ? msg.text : undefined;
      if (!replied && typed !== undefined && !typed.startsWith('/'))
        return onReason(ctx, waiting.kind, waiting.ref, typed);
    }
    if (
      !replied ||
      replied.from?.id !== ctx.botInfo.id ||
      !('text' in replied) ||
      !replied.text.startsWith(PROMPT_MARK)
    )
      return next();
    if (!hasRole(ctx, COORDINATION)) return refuse(ctx, 'review:reason');
    const code = replied.entities?.find((e) => e.type === 'code');
    const ref = code ? replied.text.slice(code.offset, code.offset + code.length) : '';
    if (!ref) return next();
    if (!('text' in msg)) {
      await ctx.reply(ctx.t('review.reason_empty'));
      return askReason(ctx, ref.startsWith('#') ? 'c' : 'a', ref);
    }
    if (msg.text.startsWith('/')) return next(); // a command, not a reason
    return onReason(ctx, ref.startsWith('#') ? 'c' : 'a', ref, msg.text);
  });
  return c;
}
