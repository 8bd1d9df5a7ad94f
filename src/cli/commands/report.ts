import fs from 'node:fs';
import path from 'node:path';
import { isLocale } from '../../i18n/index.js';
import { periodBounds, summaryPeriod } from '../../domain/summary.js';
import { buildReportFiles, countReport, REPORT_MAX_ROWS } from '../../reports/consolidated.js';
import { periodLabel, plainT } from '../../reports/labels.js';
import { loadSummary } from '../../reports/summary-data.js';
import { buildSummaryMessage } from '../../reports/summary-text.js';
import { CliUsageError, planOption, type CliCommand, type CliContext } from '../types.js';

const PERIOD_HELP =
  'Periods as in the bot: 2025, q3, "quý III/2025", "tháng 9", "tháng này", "tuần này", "6 tháng đầu năm" (default: this year).';

function options(values: Record<string, string | boolean | undefined>, ctx: CliContext) {
  const { config } = ctx.jobs.deps;
  const locale = typeof values.locale === 'string' ? values.locale : config.defaultLocale;
  if (!isLocale(locale)) throw new CliUsageError('--locale must be vi or en');
  const input = typeof values.period === 'string' ? values.period : '';
  const planId = planOption(values.plan);
  return { locale, input, planId };
}

export const commands: CliCommand[] = [
  {
    path: ['report', 'export'],
    summary: 'Write the consolidated plan (.xlsx and .docx) for a period and/or a plan',
    options: {
      period: {
        type: 'string',
        short: 'p',
        value: '<period>',
        description: 'Period (default: this year; with --plan alone: the whole plan)',
      },
      plan: { type: 'string', value: '<id>', description: 'Only the activities of this plan (KH3 or 3)' },
      out: {
        type: 'string',
        short: 'o',
        value: '<dir>',
        description: 'Folder for the files (default: the current folder)',
      },
      locale: { type: 'string', value: '<vi|en>', description: 'Language of the files (default: DEFAULT_LOCALE)' },
    },
    help: `${PERIOD_HELP}\nExample: npm run cli -- report export --period 2025 --out ./out`,
    async run({ values }, ctx, io) {
      const { repos, config, i18n } = ctx.jobs.deps;
      const now = ctx.now();
      const { locale, input, planId } = options(values, ctx);
      const plan = planId !== null ? await repos.reports.findPlan(planId) : null;
      if (planId !== null && !plan)
        throw new CliUsageError(
          `No plan ${planId}. Plans: ${(await repos.reports.listPlans()).map((p) => `${p.id} (${p.title})`).join(', ') || 'none'}`,
        );
      const period = plan && input === '' ? null : summaryPeriod(input, now);
      if (!period && !(plan && input === '')) throw new CliUsageError(`"${input}" is not a period. ${PERIOD_HELP}`);
      const count = await countReport(repos, { period, plan });
      if (count > REPORT_MAX_ROWS)
        throw new CliUsageError(
          `${count} activities: more than ${REPORT_MAX_ROWS} for one file; choose a shorter period.`,
        );
      const { total, files } = await buildReportFiles(repos, {
        period,
        plan,
        now,
        zone: config.timezone,
        locale,
        t: i18n.forLocale(locale),
      });
      const dir = path.resolve(typeof values.out === 'string' ? values.out : '.');
      fs.mkdirSync(dir, { recursive: true });
      for (const f of files) {
        fs.writeFileSync(path.join(dir, f.filename), f.bytes);
        io.out(path.join(dir, f.filename));
      }
      io.err(`${total} activities, ${files.length} files.`);
      return 0;
    },
  },
  {
    path: ['report', 'summary'],
    summary: 'Print the /summary text for a period (counts, coming up, overdue)',
    options: {
      period: { type: 'string', short: 'p', value: '<period>', description: 'Period (default: this year)' },
      locale: { type: 'string', value: '<vi|en>', description: 'Language (default: DEFAULT_LOCALE)' },
    },
    help: PERIOD_HELP,
    async run({ values }, ctx, io) {
      const { repos, config, i18n } = ctx.jobs.deps;
      const now = ctx.now();
      const { locale, input } = options(values, ctx);
      const period = summaryPeriod(input, now);
      if (!period) throw new CliUsageError(`"${input}" is not a period. ${PERIOD_HELP}`);
      const t = i18n.forLocale(locale);
      const { summary, agencies } = await loadSummary(repos, { period: periodBounds(period), now });
      const parts = buildSummaryMessage(summary, {
        t,
        locale,
        zone: config.timezone,
        periodLabel: periodLabel(period, plainT(t), locale),
        agencies,
      });
      const text = parts
        .join('\n\n')
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      io.out(text);
      return 0;
    },
  },
];
