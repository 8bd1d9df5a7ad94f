/** The consolidated plan as an Excel workbook (exceljs): the plan sheet and the outbound statistics sheet. */
import ExcelJS from 'exceljs';
import type { DateTime } from 'luxon';
import type { ReportModel, StatsLine } from './report-model.js';

const FONT = 'Times New Roman';
const WIDTHS = [6, 48, 18, 24, 28, 22, 20, 22, 16];
const THIN = { style: 'thin' } as const;
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E2F3' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
/** Excel's limit on sheet names, and the characters it refuses in them. */
const sheetName = (s: string) => s.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

function titleRows(ws: ExcelJS.Worksheet, lines: { text: string; bold?: boolean; italic?: boolean; size?: number }[], width: number) {
  for (const line of lines) {
    const r = ws.addRow([line.text]);
    ws.mergeCells(r.number, 1, r.number, width);
    r.getCell(1).font = { name: FONT, size: line.size ?? 12, bold: line.bold, italic: line.italic };
    r.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    r.height = (line.size ?? 12) * 1.6;
  }
  ws.addRow([]);
}

function planSheet(wb: ExcelJS.Workbook, m: ReportModel) {
  const n = m.columns.length;
  const ws = wb.addWorksheet(sheetName(m.sheetPlan), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  titleRows(ws, [{ text: m.title, bold: true, size: 14 }, ...(m.subtitle ? [{ text: m.subtitle, bold: true }] : []), { text: m.dateLine, italic: true }], n);
  const header = ws.addRow(m.columns);
  header.eachCell((c) => {
    c.font = { name: FONT, size: 12, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = BORDER;
    c.fill = HEADER_FILL;
  });
  header.height = 36;
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  ws.pageSetup.printTitlesRow = `${header.number}:${header.number}`;
  if (m.groups.length === 0) {
    const r = ws.addRow([m.emptyText]);
    ws.mergeCells(r.number, 1, r.number, n);
    r.getCell(1).font = { name: FONT, size: 12, italic: true };
    r.getCell(1).alignment = { horizontal: 'center' };
  }
  for (const g of m.groups) {
    const gr = ws.addRow([g.heading]);
    ws.mergeCells(gr.number, 1, gr.number, n);
    gr.getCell(1).font = { name: FONT, size: 12, bold: true };
    gr.getCell(1).fill = GROUP_FILL;
    gr.getCell(1).border = BORDER;
    for (const cells of g.rows) {
      const r = ws.addRow(cells);
      for (let i = 1; i <= n; i++) {
        const c = r.getCell(i);
        c.font = { name: FONT, size: 12 };
        c.alignment = { vertical: 'top', wrapText: true, horizontal: i === 1 ? 'center' : 'left' };
        c.border = BORDER;
      }
    }
  }
}

function statsSheet(wb: ExcelJS.Workbook, m: ReportModel) {
  const s = m.stats;
  const ws = wb.addWorksheet(sheetName(m.sheetStats), { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 48 }, { width: 12 }, { width: 12 }, { width: 24 }];
  titleRows(ws, [{ text: s.title, bold: true, size: 14 }, ...(m.subtitle ? [{ text: m.subtitle, bold: true }] : []), { text: m.dateLine, italic: true }], 4);
  const line = (l: StatsLine, bold = false) => {
    const r = ws.addRow([l.label, l.delegations, l.people, Number(l.cost)]);
    r.eachCell((c, i) => {
      c.font = { name: FONT, size: 12, bold };
      c.border = BORDER;
      c.alignment = { vertical: 'top', wrapText: i === 1 };
    });
    r.getCell(4).numFmt = '#,##0';
  };
  if (s.total.delegations === 0) {
    ws.addRow([s.emptyText]).getCell(1).font = { name: FONT, size: 12, italic: true };
    return;
  }
  for (const section of s.sections) {
    const h = ws.addRow([section.title, s.headers.delegations, s.headers.people, s.headers.cost]);
    h.eachCell((c) => {
      c.font = { name: FONT, size: 12, bold: true };
      c.border = BORDER;
      c.fill = HEADER_FILL;
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    for (const l of section.lines) line(l);
    line(s.total, true);
    ws.addRow([]);
  }
  ws.addRow([s.note]).getCell(1).font = { name: FONT, size: 11, italic: true };
}

/** The workbook's bytes. */
export async function renderXlsx(m: ReportModel, now: DateTime): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Liaison';
  wb.title = m.title;
  wb.created = now.toJSDate();
  planSheet(wb, m);
  statsSheet(wb, m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
