import {
  AlignmentType,
  Document,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { planTableXml } from '../../src/reports/docx';
import { costDigits, type ReportModel } from '../../src/reports/report-model';

/**
 * The appendix table is written as XML text (src/reports/docx.ts, for speed): it must be the very
 * XML docx writes for the table built from its objects, as the report built it before. The
 * reference below is that construction (Table, TableRow, TableCell, Paragraph), kept here.
 */
const WIDTHS = [620, 2880, 1400, 1650, 1700, 1550, 1550, 1300, 1488, 1000];
const HEADER = { type: ShadingType.CLEAR, color: 'auto', fill: 'D9E2F3' };
const GROUP = { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' };
type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

function referenceTable(m: ReportModel): Table {
  const para = (text: string, o: { bold?: boolean; italic?: boolean; align?: Align }) =>
    new Paragraph({
      alignment: o.align,
      spacing: { before: 0, after: 0 },
      children: [new TextRun({ text, bold: o.bold, italics: o.italic })],
    });
  const cell = (
    value: string | number,
    o: { bold?: boolean; italic?: boolean; align?: Align; shade?: typeof HEADER; span?: number } = {},
  ) => {
    const plain = !o.bold && !o.align && !o.italic;
    return new TableCell({
      columnSpan: o.span,
      shading: o.shade,
      children: String(value)
        .split('\n')
        .map((l) => (plain ? new Paragraph(l) : para(l, o))),
    });
  };
  const rows = [
    new TableRow({
      tableHeader: true,
      cantSplit: true,
      children: m.columns.map((c) => cell(c, { bold: true, align: AlignmentType.CENTER, shade: HEADER })),
    }),
  ];
  if (m.groups.length === 0)
    rows.push(new TableRow({ children: [cell(m.emptyText, { span: WIDTHS.length, align: AlignmentType.CENTER })] }));
  for (const g of [...m.groups, ...(m.apart ? [m.apart] : [])]) {
    rows.push(
      new TableRow({ cantSplit: true, children: [cell(g.heading, { bold: true, span: WIDTHS.length, shade: GROUP })] }),
    );
    for (const r of g.rows) {
      rows.push(
        new TableRow({
          children: r.map((v, i) =>
            i === 8
              ? typeof v === 'number'
                ? new TableCell({ children: [new Paragraph({ text: costDigits(BigInt(v), 'vi'), style: 'Figure' })] })
                : cell(v, { align: AlignmentType.RIGHT, italic: true })
              : cell(v, { align: i === 0 ? AlignmentType.CENTER : undefined }),
          ),
        }),
      );
    }
  }
  const total = WIDTHS.reduce((a, b) => a + b, 0);
  return new Table({
    width: { size: total, type: WidthType.DXA },
    columnWidths: WIDTHS,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows,
  });
}

async function docxTableXml(m: ReportModel): Promise<string> {
  const doc = new Document({ sections: [{ children: [referenceTable(m)] }] });
  const xml = strFromU8(unzipSync(await Packer.toBuffer(doc))['word/document.xml']!);
  return xml.slice(xml.indexOf('<w:tbl>'), xml.lastIndexOf('</w:tbl>') + '</w:tbl>'.length);
}

const COLUMNS = [
  'STT',
  'Nội dung hoạt động',
  'Thời gian',
  'Cơ quan chủ trì',
  'Cơ quan phối hợp',
  'Đối tác/Quốc gia',
  'Thành phần (số người)',
  'Nguồn kinh phí',
  'Kinh phí dự kiến (đồng)',
  'Trạng thái',
];
const row = (n: number, over: Partial<Record<number, string | number>> = {}) =>
  COLUMNS.map((_, i) => (i in over ? over[i]! : i === 0 ? n : i === 8 ? 125_000_000 * n : `Ô ${i} của dòng ${n}`));

const model = (groups: ReportModel['groups'], apart: ReportModel['apart'] = null) =>
  ({ columns: COLUMNS, groups, apart, emptyText: 'Không có hoạt động nào trong kỳ.' }) as unknown as ReportModel;

describe('the appendix table as XML text', () => {
  it('is the XML docx writes for the same table: groups, lines, figures, unknown costs, characters XML escapes', async () => {
    const m = model(
      [
        {
          heading: 'I. ĐOÀN RA',
          rows: [
            row(1),
            row(2, {
              1: 'Hội đàm & ký kết <MOU> "Hợp tác" \'2025\'\nĐịa điểm: Viêng Chăn\nSố hiệu: 2025-002',
              8: 'Chưa xác định',
            }),
            row(3, { 2: '', 5: 'Lào\u0001\nCampuchia', 8: 0 }),
          ],
        },
        { heading: 'II. ĐOÀN VÀO', rows: [row(4, { 9: 'Đã duyệt\n(điều chỉnh)' })] },
      ],
      { heading: 'Các hoạt động đã hủy, trả lại', rows: [row(5, { 8: '' })] },
    );
    expect(planTableXml(m, 'vi')).toBe(await docxTableXml(m));
  });

  it('an empty report: the header and one line saying so', async () => {
    const m = model([]);
    expect(planTableXml(m, 'vi')).toBe(await docxTableXml(m));
  });
});
