/**
 * The dispatcher: claims due notifications (PostgreSQL: FOR UPDATE SKIP LOCKED with a lease;
 * SQLite: one UPDATE … RETURNING under the write lock) and sends them through one rate limiter.
 *
 * - 429: the chat it came from pauses for retry_after, other chats go on; 429s from several chats
 *   within a few seconds (the bot-wide limit) pause all sending (every instance on PostgreSQL).
 *   The message is retried after the pause (in place when the wait is short, otherwise given back
 *   to the outbox without counting an attempt). Nothing is lost.
 * - 5xx / network: retried with exponential backoff; after `maxAttempts` the row is DEAD (logged
 *   and listed in the digest).
 * - 403: the user blocked the bot (or the bot left the group): the row and the chat's other
 *   pending rows are FAILED, the user is marked unreachable (the planner stops planning for them),
 *   no retry storm. Listed in the digest.
 * - 400 migrate_to_chat_id: the stored group and its pending rows follow the new id; resent there.
 * - Reminders (kind `reminder.*`) are only claimed inside working hours; digests and alerts anytime.
 *
 * Once and only once: a row is claimed by one sender at a time, and marked SENT with the Telegram
 * message id right after Telegram accepts it. A sender killed between claim and send leaves a
 * lease that expires (`leaseMs`), and another sender (or the restarted one) sends it — once.
 * Telegram has no idempotency key, so one window remains: killed after Telegram accepted the
 * message but before SENT was written (a few milliseconds), the row is sent again when the lease
 * expires — at most one duplicate per such crash. Multi-part messages record each part, so a
 * retry resumes after the parts already delivered.
 */
import { DateTime } from 'luxon';
import { REMINDER_KIND_PREFIX } from '../domain/reminder-rules.js';
import { isLocale } from '../i18n/index.js';
import { loadReminderContext, type JobDeps } from './context.js';
import { isComposed, notificationButtons, renderNotification } from './render-notification.js';
import { classifySendError } from './sender.js';

export interface DispatchOptions {
  /** Rows claimed at once at most (a claim takes no more rows than there are workers free). */
  batchSize?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** First retry delay after a 5xx/network error; doubles per attempt up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Chats served at the same time (each chat's messages go in order). */
  concurrency?: number;
  /** A 429 asking to wait longer than this gives the message back to the outbox instead of waiting. */
  maxInlineWaitSec?: number;
  /** A run claims at most `maxBatches × batchSize` rows; the next run takes the rest. */
  maxBatches?: number;
  /**
   * Rows of a chat that another sender holds or sent to less than this ago are left for a later
   * claim (see claimDue): Telegram's second per chat, plus a margin for the HTTP round trip.
   */
  chatGapMs?: number;
  /** The clock for later batches of a long run (defaults to the run's `now`). */
  clock?: () => DateTime;
}

export interface DispatchResult {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  dead: number;
  rateLimited: number;
  migrated: number;
  released: number;
}

type Claimed = Awaited<ReturnType<JobDeps['repos']['notifications']['claimDue']>>[number];

export async function dispatchOutbox(
  deps: JobDeps,
  now: DateTime,
  opts: DispatchOptions = {},
): Promise<DispatchResult> {
  const { repos, limiter, sender, logger, config } = deps;
  const o = {
    batchSize: 50,
    leaseMs: 5 * 60_000,
    maxAttempts: 5,
    backoffMs: 30_000,
    maxBackoffMs: 30 * 60_000,
    concurrency: 16,
    maxInlineWaitSec: 60,
    maxBatches: 1000,
    chatGapMs: 1250,
    ...opts,
  };
  const result: DispatchResult = {
    claimed: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    dead: 0,
    rateLimited: 0,
    migrated: 0,
    released: 0,
  };
  const counter = deps.metrics?.counter('liaison_notifications_total', 'Outbox deliveries, by outcome');
  const ctx = await loadReminderContext(deps);
  const redirects = new Map<bigint, bigint>();
  /** Chats that answered 403 in this run: their other claimed rows fail without another call. */
  const unreachable = new Map<bigint, string>();
  const stopping = () => deps.stopping?.() ?? false;

  async function deliver(n: Claimed, at: Date) {
    const follow = (c: bigint) => redirects.get(c) ?? c;
    let chatId = follow(n.chatId);
    if (stopping()) {
      await repos.notifications.release(n.id, n.dueAt, null);
      result.released++;
      return;
    }
    if (unreachable.has(chatId)) {
      await repos.notifications.markFailed(n.id, 'FAILED', unreachable.get(chatId)!);
      result.failed++;
      return;
    }
    const payload = n.payload as Record<string, unknown>;
    const locale = isLocale(payload.locale) ? payload.locale : config.defaultLocale;
    let parts: string[];
    let buttons: ReturnType<typeof notificationButtons>;
    try {
      parts = renderNotification(
        payload,
        deps.i18n.forLocale(locale),
        config.timezone,
        DateTime.fromJSDate(at, { zone: config.timezone }),
      );
      buttons = notificationButtons(payload, deps.i18n.forLocale(locale));
    } catch (err) {
      await repos.notifications.markFailed(n.id, 'DEAD', `render: ${String(err).slice(0, 200)}`);
      logger.error({ msg: 'notification-render-failed', id: n.id, kind: n.kind });
      result.dead++;
      return;
    }
    const composed = isComposed(payload);
    let firstId: number | undefined = composed ? payload.firstMessageId : undefined;
    let inline = 0;
    for (let i = composed ? (payload.sentParts ?? 0) : 0; i < parts.length;) {
      await limiter.acquire(chatId);
      try {
        const { messageId } = await sender.sendMessage(chatId, parts[i]!, i === parts.length - 1 ? buttons : undefined);
        firstId ??= messageId;
        i++;
        if (composed && i < parts.length)
          await repos.notifications.saveProgress(n.id, { ...payload, sentParts: i, firstMessageId: firstId });
        continue;
      } catch (err) {
        const f = classifySendError(err);
        if (f.type === 'rate-limited') {
          const all = limiter.rateLimited(chatId, f.retryAfterSec * 1000);
          result.rateLimited++;
          counter?.inc({ outcome: 'rate-limited' });
          logger.warn({
            msg: all ? 'send-rate-limited-all' : 'send-rate-limited',
            id: n.id,
            retryAfter: f.retryAfterSec,
          });
          if (f.retryAfterSec <= o.maxInlineWaitSec && ++inline <= 5) continue;
          await repos.notifications.release(n.id, new Date(at.getTime() + f.retryAfterSec * 1000), f.error);
          result.released++;
          return;
        }
        if (f.type === 'migrated' && ++inline <= 3) {
          logger.info({ msg: 'chat-migrated', id: n.id });
          await repos.chatGroups
            .migrate(chatId, f.newChatId)
            .catch((e) => logger.warn({ msg: 'chat-migrate-store-failed', err: String(e) }));
          await repos.notifications.rechat(chatId, f.newChatId);
          redirects.set(chatId, f.newChatId);
          chatId = f.newChatId;
          result.migrated++;
          continue;
        }
        if (f.type === 'unreachable') {
          unreachable.set(chatId, f.error);
          await repos.notifications.markFailed(n.id, 'FAILED', f.error);
          if (chatId > 0n) await repos.users.markUnreachable(chatId, at);
          else await repos.chatGroups.deactivate(chatId);
          const others = await repos.notifications.failPendingForChat(chatId, f.error);
          logger.warn({ msg: 'chat-unreachable', id: n.id, kind: n.kind, others });
          result.failed++;
          counter?.inc({ outcome: 'unreachable' });
          return;
        }
        if (f.type === 'transient' && n.attempts < o.maxAttempts) {
          const delay = Math.min(o.maxBackoffMs, o.backoffMs * 2 ** Math.max(0, n.attempts - 1));
          await repos.notifications.markRetry(n.id, f.error, new Date(at.getTime() + delay));
          logger.warn({ msg: 'send-retry', id: n.id, kind: n.kind, attempts: n.attempts, delayMs: delay });
          result.retried++;
          counter?.inc({ outcome: 'retry' });
          return;
        }
        await repos.notifications.markFailed(n.id, 'DEAD', f.error);
        logger.error({ msg: 'notification-dead', id: n.id, kind: n.kind, attempts: n.attempts, error: f.error });
        result.dead++;
        counter?.inc({ outcome: 'dead' });
        return;
      }
    }
    await repos.notifications.markSent(n.id, firstId ?? null, at);
    result.sent++;
    counter?.inc({ outcome: 'sent' });
  }

  // Each chat's messages in order (digest parts, reminders), chats side by side. No barrier between
  // batches: a worker that finds no chat waiting claims the next batch, so a chat held by its 429
  // (or by its own spacing) does not hold up the others; rows claimed for a chat already being
  // served join its queue, behind the ones before them. A claim takes only as many rows as there
  // are workers free: rows claimed but not started would wait here while another sender (another
  // process) has nothing left to send, as the last batch of a run did.
  const queues = new Map<string, { n: Claimed; at: Date }[]>();
  const waiting: string[] = [];
  let batches = 0;
  let busy = 0;
  let exhausted = false;
  let claiming: Promise<void> | null = null;

  async function claimMore() {
    if (result.claimed >= o.maxBatches * o.batchSize || stopping()) {
      exhausted = true;
      return;
    }
    const at = batches++ === 0 ? now : (o.clock?.() ?? now);
    const inHours = +ctx.calendar.nextWorkingMoment(at.setZone(config.timezone), ctx.workingHours) === +at;
    const claimed = await repos.notifications.claimDue(at.toJSDate(), {
      limit: Math.max(1, Math.min(o.batchSize, o.concurrency - busy)),
      owner: deps.instanceId,
      leaseMs: o.leaseMs,
      chatGapMs: o.chatGapMs,
      ...(inHours ? {} : { skipKindPrefix: REMINDER_KIND_PREFIX }),
    });
    if (claimed.length === 0) exhausted = true;
    result.claimed += claimed.length;
    for (const n of claimed) {
      const k = String(n.chatId);
      const q = queues.get(k);
      if (q) q.push({ n, at: at.toJSDate() });
      else {
        queues.set(k, [{ n, at: at.toJSDate() }]);
        waiting.push(k);
      }
    }
  }

  const workers = Array.from({ length: o.concurrency }, async () => {
    for (;;) {
      const k = waiting.shift();
      if (k !== undefined) {
        busy++;
        const q = queues.get(k)!;
        for (let item = q.shift(); item; item = q.shift()) {
          const { n, at } = item;
          await deliver(n, at).catch((err) => {
            // A database error mid-delivery: the lease expires and the row is tried again.
            logger.error({ msg: 'dispatch-failed', id: n.id, kind: n.kind, err: String(err).slice(0, 300) });
          });
        }
        queues.delete(k);
        busy--;
        continue;
      }
      if (exhausted) return;
      claiming ??= claimMore().finally(() => (claiming = null));
      await claiming;
    }
  });
  await Promise.all(workers);
  if (result.claimed) logger.info({ msg: 'outbox-dispatched', ...result });
  return result;
}
