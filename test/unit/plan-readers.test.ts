import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  extractPlanFile,
  MAX_PLAN_FILE_BYTES,
  PlanFileError,
  readPlanFile,
} from '../../src/services/plan-documents/index.js';
import { planTextToNumberedDocx, rowsToXlsx, truthToTable } from '../support/plan-docs.js';
import { TRUTH_004 } from '../fixtures/plans/truth.js';

// Each kind of file a plan comes in, read to the extractor's blocks; every bad file a typed problem.

const FIXTURES = path.resolve(__dirname, '../fixtures/plans');
const fixture = (f: string) => fs.readFileSync(path.join(FIXTURES, f));
const SEED_004 = fixture('seed-004-kon-tum-laos-cambodia.txt').toString('utf8');
const ITEMS_004 = TRUTH_004.map((t) => t.item);

async function problem(bytes: Buffer, name: string) {
  try {
    await extractPlanFile(bytes, name, []);
  } catch (err) {
    if (err instanceof PlanFileError) return err.problem;
    throw err;
  }
  return null;
}

describe('plan document readers', () => {
  it('.docx: Word automatic numbering (numbering.xml) gives the numbers the reader sees', async () => {
    const bytes = await planTextToNumberedDocx(SEED_004);
    const { blocks } = await readPlanFile(bytes, 'kh.docx');
    const labelled = blocks.flatMap((b) =>
      b.kind === 'paragraph' && b.label ? [`${b.label} ${b.text.split(' ').slice(0, 2).join(' ')}`] : [],
    );
    expect(labelled.slice(0, 3)).toEqual(['I. Ý NGHĨA,', '1. Ý nghĩa', '- Các ngày']);
    expect(labelled).toContain('1.1. Kỷ niệm');
    expect(labelled).toContain('2.2. Đoàn cán');
    expect(labelled).toContain('II. TỔ CHỨC');
    // No number is in the text itself.
    expect(blocks.some((b) => b.kind === 'paragraph' && /^(?:II|1\.1)\b/.test(b.text))).toBe(false);
    const doc = await extractPlanFile(bytes, 'kh.docx', []);
    expect(doc.activities.map((a) => a.item)).toEqual(ITEMS_004);
  });

  it('.pdf with a text layer (saved from Word) reads like the text', async () => {
    const doc = await extractPlanFile(fixture('seed-004.pdf'), 'kh.pdf', []);
    expect(doc.activities.map((a) => a.item)).toEqual(ITEMS_004);
    expect(doc.activities.find((a) => a.item === 'II.2.2')).toMatchObject({ type: 'INBOUND', countries: ['LA'] });
  });

  it('.doc (Word 97) reads its paragraphs; numbers Word drew are lost, so items are numbered in order', async () => {
    const doc = await extractPlanFile(fixture('seed-004-word97.doc'), 'kh.doc', []);
    expect(doc.activities.map((a) => a.type)).toEqual(TRUTH_004.map((t) => t.type));
    expect(doc.activities.map((a) => a.item)).toEqual(ITEMS_004.map((_, i) => String(i + 1)));
  });

  it('.xlsx and .csv in the mẫu 01 layout', async () => {
    const table = truthToTable(TRUTH_004);
    const xlsx = await extractPlanFile(await rowsToXlsx(table.rows), 'mau01.xlsx', []);
    expect(xlsx.activities.map((a) => a.item)).toEqual(table.truth.map((t) => t.item));
    const csv = table.rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
    const fromCsv = await extractPlanFile(Buffer.from(`\uFEFF${csv}`), 'mau01.csv', []);
    expect(fromCsv.activities.map((a) => [a.item, a.type])).toEqual(table.truth.map((t) => [t.item, t.type]));
  });

  it('.txt in UTF-8, UTF-16 and a TCVN3 font’s single bytes', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SEED_004, 'utf16le')]);
    expect((await extractPlanFile(utf16, 'kh.txt', [])).activities).toHaveLength(ITEMS_004.length);
    const tcvn3 = Buffer.from(
      '1. §oµn c«ng t¸c sang th¨m tØnh Ch¨m-pa-s¾c\r\n- Thêi gian: th¸ng 5 n¨m 2025\r\n- C¬ quan chñ tr×: Së Ngo¹i vô\r\n',
      'latin1',
    );
    const doc = await extractPlanFile(tcvn3, 'kh-vntime.txt', []);
    expect(doc.encoding).toBe('TCVN3');
    expect(doc.activities[0]).toMatchObject({ type: 'OUTBOUND', countries: ['LA'] });
    expect(doc.activities[0]!.lead[0]!.written).toBe('Sở Ngoại vụ');
  });

  it('gives each bad file its problem: scan, password, damaged, too big, unknown kind, no activity', async () => {
    expect(await problem(fixture('scan-no-text.pdf'), 'scan.pdf')).toBe('no_text');
    expect(await problem(fixture('seed-004-password.pdf'), 'kh.pdf')).toBe('encrypted');
    expect(await problem(Buffer.from('%PDF-1.4 garbage'), 'kh.pdf')).toBe('corrupt');
    expect(await problem(Buffer.from('PK\u0003\u0004garbage'), 'kh.docx')).toBe('corrupt');
    expect(await problem(Buffer.from('not a zip at all'), 'kh.xlsx')).toBe('corrupt');
    expect(await problem(Buffer.from('garbage'), 'kh.doc')).toBe('corrupt');
    expect(await problem(Buffer.alloc(MAX_PLAN_FILE_BYTES + 1), 'kh.txt')).toBe('too_big');
    expect(await problem(Buffer.from('x'), 'kh.odt')).toBe('unsupported');
    expect(await problem(Buffer.from(''), 'kh.txt')).toBe('empty');
    expect(
      await problem(Buffer.from('Kính gửi các sở, ngành. Đề nghị gửi kế hoạch trước ngày 25/9/2024.'), 'cv.txt'),
    ).toBe('no_activity');
  });
});
