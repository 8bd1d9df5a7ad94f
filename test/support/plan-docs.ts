/**
 * Plan documents made for tests and the benchmark: a plan's text turned into a .docx whose item
 * numbers are Word automatic numbering (numbering.xml, not in the text), and a plan's activities
 * laid out as the "mẫu 01" table (.xlsx and .docx table).
 */
import {
  AlignmentType,
  Document,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import { countryName } from '../../src/domain/countries.js';
import { textToBlocks } from '../../src/domain/plan-extract/index.js';
import { readMarker } from '../../src/domain/plan-extract/markers.js';
import type { TruthActivity } from '../fixtures/plans/truth.js';

const REF = 'plan-outline';

/** Numbering levels: I. / 1. / a) or 1.1. / bullets "-", "+", "*". */
function levels(decimalThird: boolean) {
  const lvl = (level: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
    level,
    format,
    text,
    alignment: AlignmentType.LEFT,
    style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
  });
  return [
    lvl(0, LevelFormat.UPPER_ROMAN, '%1.'),
    lvl(1, LevelFormat.DECIMAL, '%2.'),
    decimalThird ? lvl(2, LevelFormat.DECIMAL, '%2.%3.') : lvl(2, LevelFormat.LOWER_LETTER, '%3)'),
    lvl(3, LevelFormat.BULLET, '-'),
    lvl(4, LevelFormat.BULLET, '+'),
    lvl(5, LevelFormat.BULLET, '*'),
  ];
}

const LEVEL_OF: Record<string, number> = {
  roman: 0,
  arabic: 1,
  letter: 2,
  decimal2: 2,
  'bullet-': 3,
  'bullet+': 4,
  'bullet*': 5,
  'bullet•': 5,
};

/**
 * The plan's text as a .docx: every numbered or bulleted paragraph loses its written number and
 * gets Word's automatic numbering instead, so only numbering.xml says "II.", "1.", "a)".
 */
export async function planTextToNumberedDocx(text: string): Promise<Buffer> {
  const paragraphs = textToBlocks(text).flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
  const decimalThird = paragraphs.some((p) => readMarker(p)?.marker.style === 'decimal2');
  const children = paragraphs.map((p) => {
    const m = readMarker(p);
    const level = m ? LEVEL_OF[m.marker.style] : undefined;
    if (!m || level === undefined) return new Paragraph({ children: [new TextRun(p)] });
    return new Paragraph({ children: [new TextRun(m.rest)], numbering: { reference: REF, level } });
  });
  const doc = new Document({
    numbering: { config: [{ reference: REF, levels: levels(decimalThird) }] },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

const TYPE_HEADINGS: [string, string][] = [
  ['OUTBOUND', 'ĐOÀN RA'],
  ['INBOUND', 'ĐOÀN VÀO'],
  ['CONFERENCE', 'HỘI NGHỊ, HỘI THẢO QUỐC TẾ'],
  ['AGREEMENT', 'KÝ KẾT THỎA THUẬN QUỐC TẾ'],
  ['LETTER', 'THƯ CHÚC MỪNG'],
  ['EXCHANGE', 'GIAO LƯU VĂN HÓA, THỂ THAO, NHÂN DÂN'],
  ['MEDIA', 'THÔNG TIN ĐỐI NGOẠI, TUYÊN TRUYỀN'],
  ['AWARD', 'KHEN THƯỞNG ĐỐI NGOẠI'],
  ['OTHER', 'HOẠT ĐỘNG KHÁC'],
];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/** The activities as the mẫu 01 table (grouped by type), and the truth with the table's item paths. */
export function truthToTable(truth: TruthActivity[]): { rows: string[][]; truth: TruthActivity[] } {
  const rows: string[][] = [
    ['STT', 'Nội dung hoạt động', 'Thời gian', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Đối tác/Quốc gia'],
  ];
  const out: TruthActivity[] = [];
  let g = 0;
  for (const [type, heading] of TYPE_HEADINGS) {
    const list = truth.filter((t) => t.type === type);
    if (!list.length) continue;
    const roman = ROMAN[g++]!;
    rows.push([roman, heading, '', '', '', '']);
    list.forEach((t, i) => {
      rows.push([
        String(i + 1),
        t.title,
        t.timing?.text ?? '',
        t.lead.join(', '),
        t.coordinating.join(', '),
        t.countries.map((c) => countryName(c)).join(', '),
      ]);
      out.push({ ...t, item: `${roman}.${i + 1}` });
    });
  }
  return { rows, truth: out };
}

export async function rowsToXlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Mẫu 01');
  ws.addRow(['KẾ HOẠCH ĐỐI NGOẠI NĂM 2025']);
  ws.addRow([]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function rowsToDocxTable(rows: string[][]): Promise<Buffer> {
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: rows.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
  });
  const doc = new Document({
    sections: [{ children: [new Paragraph('KẾ HOẠCH ĐỐI NGOẠI NĂM 2025 (Mẫu số 01)'), table] }],
  });
  return Packer.toBuffer(doc);
}
