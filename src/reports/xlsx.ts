/**
 * The consolidated plan as an Excel workbook (exceljs): the plan sheet, the outbound statistics
 * sheet and the chart sheet. Row heights are written, not left to the reader: LibreOffice keeps a
 * row at its default height when the file gives none, so wrapped text overlapped the next row.
 */
import ExcelJS from 'exceljs';
import type { DateTime } from 'luxon';
import type { Translate } from '../i18n/index.js';
import { statCell, type ReportModel, type StatsLine } from './report-model.js';
import { rowHeight } from './xlsx-fit.js';

const FONT = 'Times New Roman';
const SIZE = 12;
/**
 * Column widths (Excel's character units). Thời gian and Kinh phí hold "15/09/2023" and
 * "350.000.000" on one line with room to spare; the others wrap at word boundaries.
 */
const WIDTHS = [6, 42, 17, 24, 26, 22, 22, 18, 17, 18];
const COST_COL = WIDTHS.length - 1;
const STATS_WIDTHS = [44, 12, 22, 28];
const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const MONEY = '#,##0';
/** Excel's limit on sheet names, and the characters it refuses in them. */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** Sets a row's height from its cells' text and the widths they span. */
function fit(
  row: ExcelJS.Row,
  widths: readonly number[],
  opts: { size?: number; bold?: boolean; span?: boolean } = {},
) {
  const texts: { text: string; width: number }[] = [];
  row.eachCell({ includeEmpty: false }, (c, col) => {
    const width = opts.span ? widths.reduce((a, b) => a + b, 0) : (widths[col - 1] ?? 10);
    texts.push({ text: c.text, width });
  });
  row.height = rowHeight(texts, { size: opts.size ?? SIZE, bold: opts.bold });
}

function titleRows(
  ws: ExcelJS.Worksheet,
  lines: { text: string; bold?: boolean; italic?: boolean; size?: number }[],
  widths: readonly number[],
) {
  for (const line of lines) {
    const r = ws.addRow([line.text]);
    ws.mergeCells(r.number, 1, r.number, widths.length);
    r.getCell(1).font = { name: FONT, size: line.size ?? SIZE, bold: line.bold, italic: line.italic };
    r.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    fit(r, widths, { size: line.size, bold: line.bold, span: true });
  }
  ws.addRow([]);
}

function planSheet(wb: ExcelJS.Workbook, m: ReportModel) {
  const n = m.columns.length;
  const ws = wb.addWorksheet(sheetName(m.sheetPlan), {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  titleRows(
    ws,
    [
      { text: m.title, bold: true, size: 14 },
      ...(m.subtitle ? [{ text: m.subtitle, bold: true }] : []),
      { text: m.dateLine, italic: true },
    ],
    WIDTHS,
  );
  const header = ws.addRow(m.columns);
  header.eachCell((c) => {
    c.font = { name: FONT, size: SIZE, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
    c.fill = HEADER_FILL;
  });
  fit(header, WIDTHS, { bold: true });
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  if (m.groups.length === 0) {
    const r = ws.addRow([m.emptyText]);
    ws.mergeCells(r.number, 1, r.number, n);
    r.getCell(1).font = { name: FONT, size: SIZE, italic: true };
    r.getCell(1).alignment = { horizontal: 'center' };
  }
  // One style object per column, shared by its cells: exceljs recognises a style object it has seen
  // (by identity) instead of describing each of the 50,000 cells' style again to find it.
  const cellStyle = (i: number, money: boolean): Partial<ExcelJS.Style> => ({
    font: { name: FONT, size: SIZE, italic: i === COST_COL && !money },
    alignment: { vertical: 'top', wrapText: true, horizontal: i === 1 ? 'center' : i === COST_COL ? 'right' : 'left' },
    border: BORDER,
    ...(money ? { numFmt: MONEY } : {}),
  });
  const cellStyles = WIDTHS.map((_, k) => cellStyle(k + 1, false));
  const moneyStyle = cellStyle(COST_COL, true);
  for (const g of [...m.groups, ...(m.apart ? [m.apart] : [])]) {
    const gr = ws.addRow([g.heading]);
    ws.mergeCells(gr.number, 1, gr.number, n);
    gr.getCell(1).font = { name: FONT, size: SIZE, bold: true };
    gr.getCell(1).fill = GROUP_FILL;
    gr.getCell(1).border = BORDER;
    gr.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    fit(gr, WIDTHS, { bold: true, span: true });
    for (const cells of g.rows) {
      const r = ws.addRow(cells);
      for (let i = 1; i <= n; i++) {
        const c = r.getCell(i);
        c.style = i === COST_COL && typeof c.value === 'number' ? moneyStyle : cellStyles[i - 1]!;
      }
      fit(r, WIDTHS);
    }
  }
}

function statsSheet(wb: ExcelJS.Workbook, m: ReportModel, t: Translate) {
  const s = m.stats;
  const ws = wb.addWorksheet(sheetName(m.sheetStats), {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = STATS_WIDTHS.map((width) => ({ width }));
  titleRows(
    ws,
    [
      { text: s.title, bold: true, size: 14 },
      ...(m.subtitle ? [{ text: m.subtitle, bold: true }] : []),
      { text: m.dateLine, italic: true },
    ],
    STATS_WIDTHS,
  );
  // Known figures stay numbers; an unknown or partly unknown one says so in words, never 0.
  const figure = (v: number | bigint | null, unknown: number) =>
    v !== null && unknown === 0 ? Number(v) : statCell(v, unknown, (x) => new Intl.NumberFormat('vi-VN').format(x), t);
  const line = (l: StatsLine, bold = false) => {
    const r = ws.addRow([l.label, l.delegations, figure(l.people, l.peopleUnknown), figure(l.cost, l.costUnknown)]);
    r.eachCell((c, i) => {
      c.font = { name: FONT, size: SIZE, bold, italic: i > 2 && typeof c.value === 'string' };
      c.border = BORDER;
      c.alignment = { vertical: 'top', wrapText: true, horizontal: i === 1 ? 'left' : 'right' };
    });
    if (typeof r.getCell(4).value === 'number') r.getCell(4).numFmt = MONEY;
    fit(r, STATS_WIDTHS, { bold });
  };
  if (s.total.delegations === 0) {
    ws.addRow([s.emptyText]).getCell(1).font = { name: FONT, size: SIZE, italic: true };
    return;
  }
  for (const section of s.sections) {
    const h = ws.addRow([section.title, s.headers.delegations, s.headers.people, s.headers.cost]);
    h.eachCell((c) => {
      c.font = { name: FONT, size: SIZE, bold: true };
      c.border = BORDER;
      c.fill = HEADER_FILL;
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    fit(h, STATS_WIDTHS, { bold: true });
    for (const l of section.lines) line(l);
    line(s.total, true);
    ws.addRow([]);
  }
  const note = ws.addRow([s.note]);
  ws.mergeCells(note.number, 1, note.number, STATS_WIDTHS.length);
  note.getCell(1).font = { name: FONT, size: 11, italic: true };
  note.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  fit(note, STATS_WIDTHS, { size: 11, span: true });
}

/** The chart as a picture on its own sheet, at its own proportions. */
function chartSheet(wb: ExcelJS.Workbook, m: ReportModel, chart: { png: Buffer; width: number; height: number }) {
  const ws = wb.addWorksheet(sheetName(m.chartSheet), {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 1 },
  });
  const id = wb.addImage({ buffer: chart.png as unknown as ExcelJS.Buffer, extension: 'png' });
  const width = 900;
  ws.addImage(id, { tl: { col: 0, row: 0 }, ext: { width, height: Math.round((chart.height / chart.width) * width) } });
}

export interface XlsxOptions {
  chart?: { png: Buffer; width: number; height: number } | null;
  /** Plain-text translate, for "chưa xác định" in the statistics. */
  t: Translate;
}

/** The workbook's bytes. */
export async function renderXlsx(m: ReportModel, now: DateTime, opts: XlsxOptions): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Liaison';
  wb.title = m.title;
  wb.created = now.toJSDate();
  planSheet(wb, m);
  statsSheet(wb, m, opts.t);
  if (opts.chart) chartSheet(wb, m, opts.chart);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
