import { Composer } from 'telegraf';
import type { LiaisonContext } from '../context.js';
import { LEADERSHIP, requireRole } from '../access.js';
import { replyT } from '../reply.js';
import { periodBounds, summaryPeriod } from '../../domain/summary.js';
import { truncate } from '../../domain/format.js';
import { periodLabel, plainT } from '../../reports/labels.js';
import { loadOverdue, loadSummary, loadUpcoming } from '../../reports/summary-data.js';
import { buildOverdueMessage, buildSummaryMessage, buildUpcomingMessage } from '../../reports/summary-text.js';
import { boardKeyboard } from '../board-link.js';

const DEFAULT_UPCOMING_DAYS = 30;

async function replyAll(ctx: LiaisonContext, chunks: string[], extra: object = {}) {
  for (const [i, text] of chunks.entries()) await ctx.reply(text, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(i === chunks.length - 1 ? extra : {}) });
}

/** /summary [period], /upcoming [days], /overdue — for leaders, coordinators and admins (SPEC §6). */
export function summaryFeature() {
  const c = new Composer<LiaisonContext>();

  c.command('summary', requireRole(LEADERSHIP, 'summary'), async (ctx) => {
    const { repos, config, logger } = ctx.deps;
    const now = ctx.deps.now();
    const arg = ctx.payload.trim();
    const period = summaryPeriod(arg, now);
    if (!period) return replyT(ctx, 'summary.bad_period', { input: truncate(arg, 60) });
    const started = performance.now();
    const { summary, agencies } = await loadSummary(repos, { period: periodBounds(period), now });
    const chunks = buildSummaryMessage(summary, {
      t: ctx.t,
      locale: ctx.locale,
      zone: config.timezone,
      periodLabel: periodLabel(period, plainT(ctx.t), ctx.locale),
      agencies,
      periodArg: arg || undefined,
    });
    await replyAll(ctx, chunks, boardKeyboard(ctx));
    logger.info({ msg: 'summary-sent', total: summary.total, parts: chunks.length, ms: Math.round(performance.now() - started) });
  });

  c.command('upcoming', requireRole(LEADERSHIP, 'upcoming'), async (ctx) => {
    const arg = ctx.payload.trim();
    const days = arg === '' ? DEFAULT_UPCOMING_DAYS : /^\d{1,3}$/.test(arg) ? Number(arg) : NaN;
    if (!(days >= 1 && days <= 366)) return replyT(ctx, 'summary.upcoming.bad_days');
    const { items, total, from, to } = await loadUpcoming(ctx.deps.repos, { now: ctx.deps.now(), days });
    await replyAll(ctx, buildUpcomingMessage(items, total, { t: ctx.t, locale: ctx.locale, zone: ctx.deps.config.timezone, days, from, to }));
  });

  c.command('overdue', requireRole(LEADERSHIP, 'overdue'), async (ctx) => {
    const { items, total, followUps } = await loadOverdue(ctx.deps.repos, { now: ctx.deps.now() });
    await replyAll(ctx, buildOverdueMessage(items, total, followUps, { t: ctx.t, locale: ctx.locale, zone: ctx.deps.config.timezone }));
  });

  return c;
}
