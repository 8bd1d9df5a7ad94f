/**
 * The report as an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I): issuing body and
 * national heading side by side, number and place-date lines, the title, a short body with the
 * figures and the chart, "Nơi nhận" and the signature block, on A4 portrait; then the consolidated
 * table as its "Phụ lục" on A4 landscape, with the outbound statistics. Times New Roman.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  LineRuleType,
  Packer,
  PageOrientation,
  Paragraph,
  SectionType,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { Locale } from '../i18n/index.js';
import { costDigits, statCell, type ReportModel, type StatsLine } from './report-model.js';
import type { Translate } from '../i18n/index.js';

const FONT = 'Times New Roman';
/** Half-points. NĐ 30: body 13–14 pt, headings 12–14 pt; the appendix table 11 pt to fit ten columns. */
const SIZE_BODY = 28;
const SIZE_HEAD = 26;
const SIZE_TABLE = 22;
const A4 = { width: 11906, height: 16838 };
/** NĐ 30 margins: top and bottom 20 mm, left 30 mm, right 15–20 mm (twips). */
const PORTRAIT_MARGIN = { top: 1134, bottom: 1134, left: 1701, right: 1134 };
const PORTRAIT_WIDTH = A4.width - PORTRAIT_MARGIN.left - PORTRAIT_MARGIN.right;
const LANDSCAPE_MARGIN = { top: 1134, bottom: 1134, left: 850, right: 850 };
/**
 * Appendix column widths (twips), adding up to the landscape text width. Thời gian and Kinh phí
 * are wide enough for "15/09/2023" and "1.250.000.000" on one line at 11 pt.
 */
const WIDTHS = [620, 2880, 1400, 1650, 1700, 1550, 1550, 1300, 1488, 1000];
const STATS_WIDTHS = [6000, 1300, 2600, 3200];
type Shade = { type: (typeof ShadingType)[keyof typeof ShadingType]; color: string; fill: string };
const HEADER_SHADE: Shade = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' };
const GROUP_SHADE: Shade = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

interface ParaOpts {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  align?: Align;
  pageBreakBefore?: boolean;
  before?: number;
  after?: number;
  firstLine?: number;
}

function para(text: string, o: ParaOpts = {}) {
  return new Paragraph({
    alignment: o.align,
    pageBreakBefore: o.pageBreakBefore,
    spacing: { before: o.before ?? 0, after: o.after ?? 0 },
    indent: o.firstLine ? { firstLine: o.firstLine } : undefined,
    children: [new TextRun({ text, bold: o.bold, italics: o.italic, size: o.size })],
  });
}

/**
 * The short rule under the body's name, the motto and the title (NĐ 30): an empty 2 pt paragraph
 * whose bottom border is `width` twips long, centred in `boxWidth`.
 */
function rule(boxWidth: number, width: number) {
  const side = Math.max(0, Math.round((boxWidth - width) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after: 0, line: 40, lineRule: LineRuleType.EXACT },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 4 })],
  });
}

function frameCell(width: number, children: Paragraph[]) {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
    children,
  });
}

/** Two borderless columns across the text width: the heading blocks, and "Nơi nhận" beside the signature. */
function twoBlocks(
  left: number,
  leftChildren: (right: number) => Paragraph[],
  rightChildren: (right: number) => Paragraph[],
): Table {
  const right = PORTRAIT_WIDTH - left;
  return new Table({
    width: { size: PORTRAIT_WIDTH, type: WidthType.DXA },
    columnWidths: [left, right],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [frameCell(left, leftChildren(left)), frameCell(right, rightChildren(right))],
      }),
    ],
  });
}

/** Issuing body (left) and national heading (right), with the number and the place-date lines under them. */
function headingBlock(m: ReportModel): Table {
  const o = m.official;
  return twoBlocks(
    3800,
    (w) => [
      para(o.issuerParent, { size: SIZE_HEAD, align: AlignmentType.CENTER }),
      para(o.issuer, { size: SIZE_HEAD, bold: true, align: AlignmentType.CENTER }),
      rule(w, 1300),
      para(o.number, { size: SIZE_HEAD, align: AlignmentType.CENTER, before: 160 }),
    ],
    (w) => [
      para(o.nation, { size: 24, bold: true, align: AlignmentType.CENTER }),
      para(o.motto, { size: SIZE_BODY, bold: true, align: AlignmentType.CENTER }),
      rule(w, 3300),
      para(o.placeDate, { size: SIZE_BODY, italic: true, align: AlignmentType.CENTER, before: 160 }),
    ],
  );
}

/** "Nơi nhận" (left) and the signature block (right): authority, title, room to sign and seal, name. */
function signatureBlock(m: ReportModel): Table {
  const o = m.official;
  return twoBlocks(
    4300,
    () => [
      para(o.recipientsLabel, { size: 24, bold: true, italic: true }),
      ...o.recipients.map((r, i) => para(`- ${r}${i === o.recipients.length - 1 ? '.' : ';'}`, { size: 22 })),
    ],
    () => [
      ...(o.signerAuthority
        ? [para(o.signerAuthority, { size: SIZE_BODY, bold: true, align: AlignmentType.CENTER })]
        : []),
      para(o.signerTitle, { size: SIZE_BODY, bold: true, align: AlignmentType.CENTER }),
      ...Array.from({ length: 4 }, () => para('', { size: SIZE_BODY })),
      para(o.signerName, { size: SIZE_BODY, bold: true, align: AlignmentType.CENTER }),
    ],
  );
}

/** A cell whose text may hold several lines: one paragraph per line. */
function cell(
  value: string | number,
  opts: { bold?: boolean; italic?: boolean; align?: Align; shade?: Shade; span?: number } = {},
) {
  const lines = String(value).split('\n');
  const plain = !opts.bold && !opts.align && !opts.italic;
  return new TableCell({
    columnSpan: opts.span,
    shading: opts.shade,
    children: lines.map((l) =>
      plain ? new Paragraph(l) : para(l, { bold: opts.bold, italic: opts.italic, align: opts.align }),
    ),
  });
}

const TABLE_MARGINS = { top: 40, bottom: 40, left: 80, right: 80 };

/**
 * The appendix table (thousands of rows) is written as WordprocessingML text, the XML docx writes
 * for the same Table, TableRow, TableCell and Paragraph objects (test/unit/docx-table.test.ts
 * compares the two): building and serialising those objects took most of a /report's time. The
 * document holds a placeholder paragraph where the table goes (`withAppendixTable`).
 */
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };
// The characters docx escapes, and the control characters it drops (XML 1.0 cannot hold them).
// eslint-disable-next-line no-control-regex
const escapeXml = (text: string) => text.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (c) => XML_ESCAPES[c] ?? '');

interface XmlCellOpts {
  bold?: boolean;
  italic?: boolean;
  align?: 'center' | 'right';
  fill?: string;
  span?: number;
  style?: string;
}

function xmlParagraph(text: string, o: XmlCellOpts): string {
  const run = `<w:r>${o.bold || o.italic ? `<w:rPr>${o.bold ? '<w:b/><w:bCs/>' : ''}${o.italic ? '<w:i/><w:iCs/>' : ''}</w:rPr>` : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
  if (o.style) return `<w:p><w:pPr><w:pStyle w:val="${o.style}"/></w:pPr>${run}</w:p>`;
  // As cell() below: a plain cell's paragraphs have no properties; the others para()'s spacing.
  if (!o.bold && !o.italic && !o.align) return `<w:p>${run}</w:p>`;
  return `<w:p><w:pPr><w:spacing w:after="0" w:before="0"/>${o.align ? `<w:jc w:val="${o.align}"/>` : ''}</w:pPr>${run}</w:p>`;
}

function xmlCell(value: string | number, width: number, o: XmlCellOpts = {}): string {
  const props = `<w:tcW w:type="dxa" w:w="${width}"/>${o.span ? `<w:gridSpan w:val="${o.span}"/>` : ''}${o.fill ? `<w:shd w:fill="${o.fill}" w:color="auto" w:val="clear"/>` : ''}`;
  return `<w:tc><w:tcPr>${props}</w:tcPr>${String(value)
    .split('\n')
    .map((l) => xmlParagraph(l, o))
    .join('')}</w:tc>`;
}

const xmlRow = (cells: string, o: { header?: boolean; cantSplit?: boolean } = {}) =>
  `<w:tr>${o.header || o.cantSplit ? `<w:trPr><w:cantSplit/>${o.header ? '<w:tblHeader/>' : ''}</w:trPr>` : ''}${cells}</w:tr>`;

export function planTableXml(m: ReportModel, locale: Locale): string {
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  const costCol = WIDTHS.length - 2;
  const line = (side: string) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`;
  const margin = (side: keyof typeof TABLE_MARGINS) => `<w:${side} w:type="dxa" w:w="${TABLE_MARGINS[side]}"/>`;
  const out = [
    `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${total}"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(line).join('')}</w:tblBorders>`,
    `<w:tblCellMar>${margin('top')}${margin('left')}${margin('bottom')}${margin('right')}</w:tblCellMar></w:tblPr>`,
    `<w:tblGrid>${WIDTHS.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    xmlRow(
      m.columns
        .map((c, i) => xmlCell(c, WIDTHS[i]!, { bold: true, align: 'center', fill: HEADER_SHADE.fill }))
        .join(''),
      { header: true, cantSplit: true },
    ),
  ];
  if (m.groups.length === 0) out.push(xmlRow(xmlCell(m.emptyText, total, { span: WIDTHS.length, align: 'center' })));
  for (const g of [...m.groups, ...(m.apart ? [m.apart] : [])]) {
    out.push(
      xmlRow(xmlCell(g.heading, total, { bold: true, span: WIDTHS.length, fill: GROUP_SHADE.fill }), {
        cantSplit: true,
      }),
    );
    for (const r of g.rows) {
      const cells = r.map((v, i) =>
        i === costCol
          ? typeof v === 'number'
            ? xmlCell(costDigits(BigInt(v), locale), WIDTHS[i]!, { style: 'Figure' })
            : xmlCell(v, WIDTHS[i]!, { align: 'right', italic: true })
          : xmlCell(v, WIDTHS[i]!, i === 0 ? { align: 'center' } : {}),
      );
      out.push(xmlRow(cells.join('')));
    }
  }
  out.push('</w:tbl>');
  return out.join('');
}

/** Where the appendix table goes: a paragraph docx writes as `TABLE_PLACEHOLDER_XML`. */
const TABLE_PLACEHOLDER = '\u2063liaison-appendix-table\u2063';
const TABLE_PLACEHOLDER_XML = `<w:p><w:r><w:t xml:space="preserve">${TABLE_PLACEHOLDER}</w:t></w:r></w:p>`;

/** The packed document with its placeholder paragraph replaced by the table's XML. */
function withAppendixTable(packed: Buffer, tableXml: string): Buffer {
  const files = unzipSync(packed);
  const path = 'word/document.xml';
  const xml = strFromU8(files[path]!);
  const at = xml.indexOf(TABLE_PLACEHOLDER_XML);
  if (at < 0) throw new Error('docx: the appendix table placeholder is missing');
  files[path] = strToU8(xml.slice(0, at) + tableXml + xml.slice(at + TABLE_PLACEHOLDER_XML.length));
  return Buffer.from(zipSync(files));
}

function statsTables(m: ReportModel, locale: Locale, t: Translate): (Paragraph | Table)[] {
  const s = m.stats;
  const out: (Paragraph | Table)[] = [
    para(s.title, { bold: true, size: SIZE_HEAD, align: AlignmentType.CENTER, before: 360, after: 200 }),
  ];
  if (s.total.delegations === 0) return [...out, para(s.emptyText, { italic: true })];
  const line = (l: StatsLine, bold = false) =>
    new TableRow({
      cantSplit: true,
      children: [
        cell(l.label, { bold }),
        cell(l.delegations, { bold, align: AlignmentType.RIGHT }),
        cell(statCell(l.people, l.peopleUnknown, String, t), { bold, align: AlignmentType.RIGHT }),
        cell(
          statCell(l.cost, l.costUnknown, (v) => costDigits(BigInt(v), locale), t),
          { bold, align: AlignmentType.RIGHT },
        ),
      ],
    });
  for (const section of s.sections) {
    const header = new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: [section.title, s.headers.delegations, s.headers.people, s.headers.cost].map((h) =>
        cell(h, { bold: true, align: AlignmentType.CENTER, shade: HEADER_SHADE }),
      ),
    });
    out.push(
      new Table({
        width: { size: STATS_WIDTHS.reduce((a, b) => a + b, 0), type: WidthType.DXA },
        columnWidths: STATS_WIDTHS,
        margins: TABLE_MARGINS,
        rows: [header, ...section.lines.map((l) => line(l)), line(s.total, true)],
      }),
      para('', { after: 200 }),
    );
  }
  out.push(para(s.note, { italic: true, size: 22 }));
  return out;
}

/** The letter's body: numbered headings, justified paragraphs with a first-line indent, the chart. */
function body(m: ReportModel, chart: { png: Buffer; width: number; height: number } | null): Paragraph[] {
  const o = m.official;
  const out = o.body.map((b) =>
    para(b.text, {
      size: SIZE_BODY,
      bold: b.heading,
      align: AlignmentType.JUSTIFIED,
      firstLine: 567,
      before: 60,
      after: 60,
    }),
  );
  if (chart) {
    const width = 600;
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120, line: 240, lineRule: LineRuleType.AUTO },
        children: [
          new ImageRun({
            type: 'png',
            data: chart.png,
            transformation: { width, height: Math.round((chart.height / chart.width) * width) },
            altText: { name: 'chart', title: o.chartCaption, description: o.chartCaption },
          }),
        ],
      }),
      para(o.chartCaption, { size: 24, italic: true, align: AlignmentType.CENTER, after: 120 }),
    );
  }
  out.push(
    para(o.closing, { size: SIZE_BODY, align: AlignmentType.JUSTIFIED, firstLine: 567, before: 60, after: 240 }),
  );
  return out;
}

export interface DocxOptions {
  /** The summary chart (PNG) to place in the body; none: the body goes without it. */
  chart?: { png: Buffer; width: number; height: number } | null;
  /** Plain-text translate, for the statistics' "chưa xác định". */
  t: Translate;
}

/** The document's bytes. */
export async function renderDocx(m: ReportModel, locale: Locale, opts: DocxOptions): Promise<Buffer> {
  const o = m.official;
  const doc = new Document({
    creator: 'Liaison',
    title: `${o.kind} ${o.subject}`,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZE_TABLE },
          paragraph: { spacing: { after: 0, line: 264, lineRule: LineRuleType.AUTO } },
        },
      },
      paragraphStyles: [
        { id: 'Figure', name: 'Figure', basedOn: 'Normal', paragraph: { alignment: AlignmentType.RIGHT } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT },
            margin: PORTRAIT_MARGIN,
          },
        },
        children: [
          headingBlock(m),
          para(o.kind, { bold: true, size: SIZE_BODY, align: AlignmentType.CENTER, before: 360 }),
          para(o.subject, { bold: true, size: SIZE_BODY, align: AlignmentType.CENTER }),
          rule(PORTRAIT_WIDTH, 2000),
          para('', { after: 120 }),
          ...body(m, opts.chart ?? null),
          signatureBlock(m),
        ],
      },
      {
        properties: {
          type: SectionType.NEXT_PAGE,
          page: {
            size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE },
            margin: LANDSCAPE_MARGIN,
          },
        },
        children: [
          para(o.appendixLabel, { bold: true, size: SIZE_BODY, align: AlignmentType.CENTER }),
          para(m.title, { bold: true, size: SIZE_BODY, align: AlignmentType.CENTER }),
          ...(m.subtitle ? [para(m.subtitle, { bold: true, size: SIZE_HEAD, align: AlignmentType.CENTER })] : []),
          para(o.appendixRef, { italic: true, size: 24, align: AlignmentType.CENTER }),
          para(m.dateLine, { italic: true, size: 24, align: AlignmentType.CENTER, after: 240 }),
          new Paragraph(TABLE_PLACEHOLDER),
          ...statsTables(m, locale, opts.t),
        ],
      },
    ],
  });
  return withAppendixTable(await Packer.toBuffer(doc), planTableXml(m, locale));
}
