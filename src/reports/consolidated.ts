/** Builds the consolidated plan files (.xlsx and .docx) for a period and/or a plan: used by /report and the CLI. */
import type { DateTime } from 'luxon';
import type { Repos } from '../db/repos/index.js';
import type { Locale, Translate } from '../i18n/index.js';
import { periodBounds } from '../domain/summary.js';
import type { Timing } from '../domain/timing/index.js';
import { plainT } from './labels.js';
import { APART_STATUSES, buildReportModel, type PlanAnswers, type ReportActivity } from './report-model.js';
import { agencyName, periodLabel } from './labels.js';
import { leadTimeRisks } from './lead-time.js';
import { resolveReportSettings } from '../domain/report-settings.js';
import { resolveReminderSettings } from '../domain/reminder-settings.js';
import { createHolidayCalendar } from '../domain/working-days.js';

/** Above this, a file is refused with a hint to choose a shorter period (memory and Telegram's 50 MB cap). */
export const REPORT_MAX_ROWS = 20_000;

export interface ReportFile {
  filename: string;
  bytes: Buffer;
}

export interface ReportRequest {
  period: Timing | null;
  plan: { id: number; title: string; year: number | null } | null;
  now: DateTime;
  zone: string;
  locale: Locale;
  /** The i18n translate for `locale` (HTML-escaping); files get plain text from it. */
  t: Translate;
}

export function reportScope(req: Pick<ReportRequest, 'period' | 'plan'>) {
  return { period: req.period ? periodBounds(req.period) : null, planId: req.plan?.id ?? null };
}

export async function countReport(
  repos: Pick<Repos, 'reports'>,
  req: Pick<ReportRequest, 'period' | 'plan'>,
): Promise<number> {
  return repos.reports.countReportRows(reportScope(req));
}

type ReportRepos = Pick<Repos, 'reports' | 'settings' | 'calendar'>;

/** What the chart needs of an activity (report rows and board rows both have it). */
export interface ChartActivity {
  type: ReportActivity['type'];
  status: string;
  timingPrecision: ReportActivity['timingPrecision'];
  startDate: Date | null;
  endDate: Date | null;
  countryCodes: readonly string[];
}

/** The chart's period: the one asked for, else the plan's year, else the span of the rows (else this year). */
function chartPeriod(
  rows: readonly ChartActivity[],
  req: Pick<ReportRequest, 'period' | 'plan' | 'now'>,
): { from: Date; to: Date } {
  if (req.period) return periodBounds(req.period);
  const year = (y: number) => ({ from: new Date(Date.UTC(y, 0, 1)), to: new Date(Date.UTC(y, 11, 31)) });
  if (req.plan?.year) return year(req.plan.year);
  let min = Infinity;
  let max = -Infinity;
  for (const r of rows) {
    for (const d of [r.startDate, r.endDate]) {
      if (!d) continue;
      min = Math.min(min, d.getTime());
      max = Math.max(max, d.getTime());
    }
  }
  return min <= max ? { from: new Date(min), to: new Date(max) } : year(req.now.year);
}

/**
 * The summary chart of a report's (or the board's) rows, drawn (SVG and PNG) with its data; what
 * was cancelled, returned or refused is listed apart, not drawn. `width` in pixels: narrower for a
 * phone. The board gets the PNG, not the SVG: its text is drawn with the shipped font the layout
 * was measured with, not whatever font the phone has. ECharts and resvg load on first use.
 */
export async function drawPlanChart(rows: readonly ChartActivity[], req: Omit<ReportRequest, 'zone'>, width?: number) {
  const t = plainT(req.t);
  const planned = rows.filter((r) => !APART_STATUSES.has(r.status));
  const counts = new Map<string, number>();
  for (const r of planned) for (const c of new Set(r.countryCodes)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const label = req.period ? periodLabel(req.period, t, req.locale) : (req.plan?.title ?? '');
  const { buildSummaryChartModel, renderSummaryCharts } = await import('./charts/index.js');
  const model = buildSummaryChartModel(
    planned.map((r) => ({
      type: r.type,
      timingPrecision: r.timingPrecision,
      startDate: r.startDate,
      endDate: r.endDate,
      count: 1,
    })),
    [...counts].map(([countryCode, count]) => ({ countryCode, count })),
    { period: chartPeriod(planned, req), periodLabel: label, t, locale: req.locale },
  );
  return { model, ...renderSummaryCharts(model, { locale: req.locale, ...(width ? { width } : {}) }) };
}

/** The figures a report is built from besides its rows: settings, plan requests, lead-time risks, the chart. */
async function reportExtras(repos: ReportRepos, rows: readonly ReportActivity[], req: ReportRequest) {
  const scope = reportScope(req);
  const [stored, holidays, plans] = await Promise.all([
    repos.settings.all(),
    repos.calendar.listHolidays(),
    repos.reports.planRequestAnswers({ planId: req.plan?.id ?? null, years: scope.period?.wholeYears ?? [] }),
  ]);
  const planRequests: PlanAnswers[] = plans.map((p) => {
    const counted = p.responses.filter((r) => r.agency.active || r.status === 'ANSWERED' || r.status === 'NIL');
    return {
      title: p.title,
      deadline: p.deadline,
      agencies: counted.length,
      answered: counted.filter((r) => r.status === 'ANSWERED' || r.status === 'NIL').length,
      nil: counted.filter((r) => r.status === 'NIL').length,
      missing: counted
        .filter((r) => r.status !== 'ANSWERED' && r.status !== 'NIL')
        .map((r) => agencyName(r.agency, req.locale)),
    };
  });
  const risks = leadTimeRisks(rows, {
    now: req.now,
    zone: req.zone,
    calendar: createHolidayCalendar(holidays),
    settings: resolveReminderSettings(stored).settings,
  });
  const chart = await drawPlanChart(
    rows.map((r) => ({ ...r, countryCodes: r.countries.map((c) => c.countryCode) })),
    req,
  );
  return { settings: resolveReportSettings(stored), context: { planRequests, risks }, chart };
}

export type ReportFormat = 'xlsx' | 'docx';

/**
 * The consolidated files of exactly `rows`: /report and the CLI (rows of a period or plan) and the
 * plan board (rows of its filter) get the same documents.
 */
export async function renderReportFiles(
  repos: ReportRepos,
  rows: ReportActivity[],
  req: ReportRequest,
  formats: readonly ReportFormat[] = ['xlsx', 'docx'],
): Promise<{ total: number; files: ReportFile[] }> {
  const t = plainT(req.t);
  const { settings, context, chart } = await reportExtras(repos, rows, req);
  const model = buildReportModel(rows, {
    t,
    locale: req.locale,
    zone: req.zone,
    now: req.now,
    period: req.period,
    plan: req.plan,
    settings,
    context,
  });
  // exceljs and docx load on the first report, not at start-up (≈ 1.3 s and 20 MB the bot would
  // pay on every start for a command leaders use a few times a month).
  const files = await Promise.all(
    formats.map(async (format): Promise<ReportFile> => {
      const bytes =
        format === 'xlsx'
          ? await (await import('./xlsx.js')).renderXlsx(model, req.now, { chart, t })
          : await (await import('./docx.js')).renderDocx(model, req.locale, { chart, t });
      return { filename: `${model.fileBase}.${format}`, bytes };
    }),
  );
  return { total: model.total, files };
}

export async function buildReportFiles(
  repos: ReportRepos,
  req: ReportRequest,
): Promise<{ total: number; files: ReportFile[] }> {
  return renderReportFiles(repos, await repos.reports.reportRows(reportScope(req)), req);
}
