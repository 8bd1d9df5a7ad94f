import { FlatComposer } from '../composer.js';
import { Input } from 'telegraf';
import type { LiaisonContext, RegisteredContext } from '../context.js';
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
  for (const [i, text] of chunks.entries()) await ctx.reply(text, i === chunks.length - 1 ? extra : {});
}

/**
 * The chart follows the text, as a photo: the figures answer at once, the picture (drawn in
 * ~0.1–0.5 s, more on the first one while ECharts and the font load) comes right after. If it
 * cannot be drawn, the text has answered anyway and the log says why.
 */
async function sendChart(
  ctx: LiaisonContext,
  draw: (charts: typeof import('../../reports/charts/index.js')) => { png: Buffer; caption: string },
) {
  const started = performance.now();
  let chart: { png: Buffer; caption: string };
  try {
    // ECharts, resvg and the font load on the first /summary, not at start-up.
    chart = draw(await import('../../reports/charts/index.js'));
  } catch (err) {
    ctx.deps.logger.error({ msg: 'summary-chart-failed', err });
    return;
  }
  const renderMs = Math.round(performance.now() - started);
  await ctx.replyWithPhoto(Input.fromBuffer(chart.png, 'summary.png'), { caption: chart.caption, parse_mode: 'HTML' });
  ctx.deps.logger.info({ msg: 'summary-chart-sent', bytes: chart.png.length, renderMs });
}

/** /summary [period], /upcoming [days], /overdue — for leaders, coordinators and admins (docs/product.md#summaries-and-reports). */
export function summaryFeature() {
  const c = new FlatComposer<RegisteredContext>();

  c.command('summary', requireRole(LEADERSHIP, 'summary'), async (ctx) => {
    const { repos, config, logger } = ctx.deps;
    const now = ctx.deps.now();
    const arg = ctx.payload.trim();
    const period = summaryPeriod(arg, now);
    if (!period) return replyT(ctx, 'summary.bad_period', { input: truncate(arg, 60) });
    const started = performance.now();
    const bounds = periodBounds(period);
    const { summary, agencies, chartTimings, countryCounts } = await loadSummary(repos, { period: bounds, now });
    const label = periodLabel(period, plainT(ctx.t), ctx.locale);
    const chunks = buildSummaryMessage(summary, {
      t: ctx.t,
      locale: ctx.locale,
      zone: config.timezone,
      periodLabel: label,
      agencies,
      periodArg: arg || undefined,
    });
    await replyAll(ctx, chunks, boardKeyboard(ctx));
    await sendChart(ctx, ({ buildSummaryChartModel, renderSummaryCharts }) => {
      const model = buildSummaryChartModel(chartTimings, countryCounts, {
        period: bounds,
        periodLabel: label,
        t: plainT(ctx.t),
        locale: ctx.locale,
      });
      return {
        png: renderSummaryCharts(model, { locale: ctx.locale }).png,
        caption: ctx.t('reports.chart.caption', { period: label, total: model.total }),
      };
    });
    logger.info({
      msg: 'summary-sent',
      total: summary.total,
      parts: chunks.length,
      ms: Math.round(performance.now() - started),
    });
  });

  c.command('upcoming', requireRole(LEADERSHIP, 'upcoming'), async (ctx) => {
    const arg = ctx.payload.trim();
    const days = arg === '' ? DEFAULT_UPCOMING_DAYS : /^\d{1,3}$/.test(arg) ? Number(arg) : NaN;
    if (!(days >= 1 && days <= 366)) return replyT(ctx, 'summary.upcoming.bad_days');
    const { items, total, from, to } = await loadUpcoming(ctx.deps.repos, { now: ctx.deps.now(), days });
    await replyAll(
      ctx,
      buildUpcomingMessage(items, total, {
        t: ctx.t,
        locale: ctx.locale,
        zone: ctx.deps.config.timezone,
        days,
        from,
        to,
      }),
    );
  });

  c.command('overdue', requireRole(LEADERSHIP, 'overdue'), async (ctx) => {
    const { items, total, followUps } = await loadOverdue(ctx.deps.repos, { now: ctx.deps.now() });
    await replyAll(
      ctx,
      buildOverdueMessage(items, total, followUps, { t: ctx.t, locale: ctx.locale, zone: ctx.deps.config.timezone }),
    );
  });

  return c;
}
