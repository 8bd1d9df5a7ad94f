/** The consolidated plan as a Word document (docx): A4 landscape, Times New Roman, the seeds' table layout. */
import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Locale } from '../i18n/index.js';
import { costDigits, type ReportModel, type StatsLine } from './report-model.js';

const FONT = 'Times New Roman';
const SIZE = 24; // half-points: 12 pt
/** Column widths in twips; they add up to the width between the margins of A4 landscape. */
const WIDTHS = [600, 3500, 1500, 1750, 1900, 1600, 1500, 1450, 1200];
const MARGIN = 850;
const STATS_WIDTHS = [6500, 1400, 1400, 2500];
type Shade = { type: (typeof ShadingType)[keyof typeof ShadingType]; color: string; fill: string };
const HEADER_SHADE: Shade = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' };
const GROUP_SHADE: Shade = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' };

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

function para(text: string, opts: { bold?: boolean; italic?: boolean; size?: number; align?: Align; pageBreakBefore?: boolean; spacingAfter?: number } = {}) {
  return new Paragraph({
    alignment: opts.align,
    pageBreakBefore: opts.pageBreakBefore,
    spacing: opts.spacingAfter ? { after: opts.spacingAfter } : undefined,
    children: [new TextRun({ text, bold: opts.bold, italics: opts.italic, size: opts.size })],
  });
}

/**
 * A cell whose text may hold several lines: one paragraph per line. Plain cells carry no options
 * of their own (font, borders and margins come from the document and the table), which keeps a
 * 5,000-row plan quick to write.
 */
function cell(value: string | number, opts: { bold?: boolean; align?: Align; shade?: Shade; span?: number } = {}) {
  const lines = String(value).split('\n');
  const plain = !opts.bold && !opts.align;
  return new TableCell({
    columnSpan: opts.span,
    shading: opts.shade,
    children: lines.map((l) => (plain ? new Paragraph(l) : para(l, { bold: opts.bold, align: opts.align }))),
  });
}

const TABLE_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

function planTable(m: ReportModel): Table {
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  const rows = [
    new TableRow({ tableHeader: true, cantSplit: true, children: m.columns.map((c) => cell(c, { bold: true, align: AlignmentType.CENTER, shade: HEADER_SHADE })) }),
  ];
  if (m.groups.length === 0) rows.push(new TableRow({ children: [cell(m.emptyText, { span: WIDTHS.length, align: AlignmentType.CENTER })] }));
  for (const g of m.groups) {
    rows.push(new TableRow({ cantSplit: true, children: [cell(g.heading, { bold: true, span: WIDTHS.length, shade: GROUP_SHADE })] }));
    for (const r of g.rows) rows.push(new TableRow({ children: r.map((v, i) => cell(v, { align: i === 0 ? AlignmentType.CENTER : undefined })) }));
  }
  return new Table({ width: { size: total, type: WidthType.DXA }, columnWidths: WIDTHS, margins: TABLE_MARGINS, rows });
}

function statsTables(m: ReportModel, locale: Locale): (Paragraph | Table)[] {
  const s = m.stats;
  const out: (Paragraph | Table)[] = [
    para(s.title, { bold: true, size: 28, align: AlignmentType.CENTER, pageBreakBefore: true }),
    ...(m.subtitle ? [para(m.subtitle, { bold: true, align: AlignmentType.CENTER })] : []),
    para(m.dateLine, { italic: true, align: AlignmentType.CENTER, spacingAfter: 200 }),
  ];
  if (s.total.delegations === 0) return [...out, para(s.emptyText, { italic: true })];
  const line = (l: StatsLine, bold = false) =>
    new TableRow({
      cantSplit: true,
      children: [
        cell(l.label, { bold }),
        cell(l.delegations, { bold, align: AlignmentType.RIGHT }),
        cell(l.people, { bold, align: AlignmentType.RIGHT }),
        cell(costDigits(l.cost, locale), { bold, align: AlignmentType.RIGHT }),
      ],
    });
  for (const section of s.sections) {
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [section.title, s.headers.delegations, s.headers.people, s.headers.cost].map((h) => cell(h, { bold: true, align: AlignmentType.CENTER, shade: HEADER_SHADE })),
    });
    out.push(
      new Table({ width: { size: STATS_WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: STATS_WIDTHS, margins: TABLE_MARGINS, rows: [header, ...section.lines.map((l) => line(l)), line(s.total, true)] }),
      para('', { spacingAfter: 200 }),
    );
  }
  out.push(para(s.note, { italic: true, size: 22 }));
  return out;
}

/** The document's bytes. */
export async function renderDocx(m: ReportModel, locale: Locale): Promise<Buffer> {
  const doc = new Document({
    creator: 'Liaison',
    title: m.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE }, paragraph: { spacing: { after: 0, line: 264 } } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }, margin: { top: 1000, bottom: 1000, left: MARGIN, right: MARGIN } } },
        children: [
          para(m.title, { bold: true, size: 28, align: AlignmentType.CENTER }),
          ...(m.subtitle ? [para(m.subtitle, { bold: true, align: AlignmentType.CENTER })] : []),
          para(m.dateLine, { italic: true, align: AlignmentType.CENTER, spacingAfter: 240 }),
          planTable(m),
          ...statsTables(m, locale),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
