import { FlatComposer } from '../composer.js';
import { Input } from 'telegraf';
import type { RegisteredContext } from '../context.js';
import { LEADERSHIP, requireRole } from '../access.js';
import { replyT } from '../reply.js';
import { summaryPeriod } from '../../domain/summary.js';
import { truncate } from '../../domain/format.js';
import { periodLabel, plainT } from '../../reports/labels.js';
import { buildReportFiles, countReport, REPORT_MAX_ROWS } from '../../reports/consolidated.js';

/** `… KH3`, `… #3`, `… plan 3` at the end of the arguments names a plan. */
const PLAN_ARG = /(?:^|\s)(?:kh|#|plan:?\s*)(\d{1,9})\s*$/i;

/** /report [period] [KHn] — the consolidated plan as .xlsx and .docx (docs/product.md#summaries-and-reports). */
export function reportFeature() {
  const c = new FlatComposer<RegisteredContext>();

  c.command('report', requireRole(LEADERSHIP, 'report'), async (ctx) => {
    const { repos, config, logger } = ctx.deps;
    const now = ctx.deps.now();
    const args = ctx.payload.trim();
    const planMatch = PLAN_ARG.exec(args);
    const periodArg = planMatch ? args.slice(0, planMatch.index).trim() : args;

    let plan: { id: number; title: string; year: number | null } | null = null;
    if (planMatch) {
      plan = await repos.reports.findPlan(Number(planMatch[1]));
      if (!plan) {
        const plans = await repos.reports.listPlans();
        const list = plans.length
          ? plans.map((p) => ctx.t('summary.report.plan_line', { id: p.id, title: truncate(p.title, 80) })).join('\n')
          : ctx.t('summary.report.no_plans');
        return replyT(ctx, 'summary.report.bad_plan', { input: planMatch[0].trim(), list: { html: list } });
      }
    }
    // A plan alone covers all its activities; otherwise the period defaults to this year.
    const period = plan && periodArg === '' ? null : summaryPeriod(periodArg, now);
    if (period === null && !(plan && periodArg === ''))
      return replyT(ctx, 'summary.bad_period', { input: truncate(periodArg, 60) });

    const count = await countReport(repos, { period, plan });
    if (count > REPORT_MAX_ROWS) return replyT(ctx, 'summary.report.too_many', { count, max: REPORT_MAX_ROWS });
    const scope = truncate(
      [period ? periodLabel(period, plainT(ctx.t), ctx.locale) : null, plan?.title].filter(Boolean).join(', '),
      300,
    );
    await replyT(ctx, 'summary.report.preparing', { scope, count });
    await ctx.sendChatAction('upload_document').catch(() => undefined);

    const started = performance.now();
    const { total, files } = await buildReportFiles(repos, {
      period,
      plan,
      now,
      zone: config.timezone,
      locale: ctx.locale,
      t: ctx.t,
    });
    const captions = ['summary.report.caption_xlsx', 'summary.report.caption_docx'];
    for (const [i, file] of files.entries()) {
      await ctx.replyWithDocument(Input.fromBuffer(file.bytes, file.filename), {
        caption: ctx.t(captions[i]!, { scope, count: total }),
        parse_mode: 'HTML',
      });
    }
    logger.info({
      msg: 'report-sent',
      rows: total,
      files: files.length,
      bytes: files.reduce((s, f) => s + f.bytes.length, 0),
      ms: Math.round(performance.now() - started),
    });
  });

  return c;
}
