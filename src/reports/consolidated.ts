/** Builds the consolidated plan files (.xlsx and .docx) for a period and/or a plan: used by /report and the CLI. */
import type { DateTime } from 'luxon';
import type { Repos } from '../db/repos/index.js';
import type { Locale, Translate } from '../i18n/index.js';
import { periodBounds } from '../domain/summary.js';
import type { Timing } from '../domain/timing/index.js';
import { plainT } from './labels.js';
import { buildReportModel } from './report-model.js';

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

export async function countReport(repos: Pick<Repos, 'reports'>, req: Pick<ReportRequest, 'period' | 'plan'>): Promise<number> {
  return repos.reports.countReportRows(reportScope(req));
}

export async function buildReportFiles(repos: Pick<Repos, 'reports'>, req: ReportRequest): Promise<{ total: number; files: ReportFile[] }> {
  const rows = await repos.reports.reportRows(reportScope(req));
  const model = buildReportModel(rows, { t: plainT(req.t), locale: req.locale, zone: req.zone, now: req.now, period: req.period, plan: req.plan });
  // exceljs and docx load on the first report, not at start-up (≈ 1.3 s and 20 MB the bot would
  // pay on every start for a command leaders use a few times a month).
  const [{ renderXlsx }, { renderDocx }] = await Promise.all([import('./xlsx.js'), import('./docx.js')]);
  const [xlsx, docx] = await Promise.all([renderXlsx(model, req.now), renderDocx(model, req.locale)]);
  return {
    total: model.total,
    files: [
      { filename: `${model.fileBase}.xlsx`, bytes: xlsx },
      { filename: `${model.fileBase}.docx`, bytes: docx },
    ],
  };
}
