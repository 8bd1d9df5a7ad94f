import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  parseAgencyFile,
  parseAgencyKind,
  parseCsv,
  validateAgencyTable,
  describeProblem,
} from '../../src/services/agency-import.js';

const GOOD_CSV = [
  'code,name,english name,kind,active',
  'SNN,Sở Nông nghiệp và Môi trường,Department of Agriculture and Environment,sở,có',
  '"UBND-VINHTHANH","Ủy ban nhân dân huyện Vĩnh Thạnh, tỉnh Bình Định",,UBND,không',
  'HLHPN,"Hội Liên hiệp Phụ nữ tỉnh ""Bình Định""",,đoàn thể,',
].join('\r\n');

describe('agency import', () => {
  it('parses CSV with quotes, commas and doubled quotes, keeping file line numbers', () => {
    const rows = parseCsv('\uFEFFa;b\n"x;1";"multi\nline"\nz;w\n');
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x;1', 'multi\nline'] },
      { row: 4, cells: ['z', 'w'] },
    ]);
  });

  it('reads a good CSV into agencies', async () => {
    const res = await parseAgencyFile(Buffer.from(GOOD_CSV), 'agencies.csv');
    expect(res.errors).toEqual([]);
    expect(res.rows).toEqual([
      {
        code: 'SNN',
        nameVi: 'Sở Nông nghiệp và Môi trường',
        nameEn: 'Department of Agriculture and Environment',
        kind: 'DEPARTMENT',
        active: true,
      },
      {
        code: 'UBND-VINHTHANH',
        nameVi: 'Ủy ban nhân dân huyện Vĩnh Thạnh, tỉnh Bình Định',
        nameEn: null,
        kind: 'PEOPLES_COMMITTEE',
        active: false,
      },
      {
        code: 'HLHPN',
        nameVi: 'Hội Liên hiệp Phụ nữ tỉnh "Bình Định"',
        nameEn: null,
        kind: 'MASS_ORGANISATION',
        active: true,
      },
    ]);
  });

  it('accepts Vietnamese headers in any order', () => {
    const res = validateAgencyTable([
      { row: 1, cells: ['Tên cơ quan', 'Mã', 'Loại'] },
      { row: 2, cells: ['Sở Văn hóa, Thể thao và Du lịch', 'svhttdl', 'Sở'] },
    ]);
    expect(res.rows).toEqual([
      { code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch', nameEn: null, kind: 'DEPARTMENT', active: true },
    ]);
  });

  it('reports each bad row and returns no rows to import', () => {
    const res = validateAgencyTable([
      { row: 1, cells: ['code', 'name', 'kind', 'active'] },
      { row: 2, cells: ['SNN', 'Sở Nông nghiệp', '', ''] },
      { row: 3, cells: ['', 'Không mã', '', ''] },
      { row: 4, cells: ['SNN', 'Trùng mã', '', ''] },
      { row: 5, cells: ['BAD CODE', '', 'hành tinh', 'maybe'] },
      { row: 6, cells: ['X'.repeat(40), 'y'.repeat(201), '', ''] },
    ]);
    expect(res.errors.map((e) => [e.row, e.problem])).toEqual([
      [3, 'code_missing'],
      [4, 'code_duplicate'],
      [5, 'code_invalid'],
      [5, 'name_missing'],
      [5, 'kind_invalid'],
      [5, 'active_invalid'],
      [6, 'code_too_long'],
      [6, 'name_too_long'],
    ]);
    expect(describeProblem(res.errors[1]!)).toBe('row 4: code "SNN" appears twice in the file');
  });

  it('says what is wrong with the file itself', async () => {
    expect((await parseAgencyFile(Buffer.from('a,b\n1,2'), 'x.csv')).fileError).toBe('no_header');
    expect((await parseAgencyFile(Buffer.from('code,name\n'), 'x.csv')).fileError).toBe('empty');
    expect((await parseAgencyFile(Buffer.from(''), 'x.csv')).fileError).toBe('empty');
    expect((await parseAgencyFile(Buffer.from('garbage'), 'x.xlsx')).fileError).toBe('unreadable');
    expect((await parseAgencyFile(Buffer.from('x'), 'x.pdf')).fileError).toBe('unsupported');
    expect((await parseAgencyFile(Buffer.alloc(3 * 1024 * 1024, 65), 'x.csv')).fileError).toBe('too_big');
  });

  it('reads XLSX (rich text, numbers, formulas) with worksheet row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Cơ quan');
    ws.addRow(['Mã', 'Tên', 'Tên tiếng Anh', 'Loại', 'Hoạt động']);
    ws.addRow([
      'SNGV',
      { richText: [{ text: 'Sở ' }, { text: 'Ngoại vụ' }] },
      'Department of Foreign Affairs',
      'DEPARTMENT',
      'x',
    ]);
    ws.addRow([]);
    ws.addRow([{ formula: '"DHQN"', result: 'DHQN' }, 'Trường Đại học Quy Nhơn', null, 'trường', 1]);
    ws.addRow([123, '', null, null, null]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await parseAgencyFile(bytes, 'Danh muc.XLSX');
    expect(res.rows.slice(0, 2)).toEqual([
      {
        code: 'SNGV',
        nameVi: 'Sở Ngoại vụ',
        nameEn: 'Department of Foreign Affairs',
        kind: 'DEPARTMENT',
        active: true,
      },
      { code: 'DHQN', nameVi: 'Trường Đại học Quy Nhơn', nameEn: null, kind: 'UNIVERSITY', active: true },
    ]);
    expect(res.errors).toEqual([{ row: 5, problem: 'name_missing' }]);
  });

  it('understands agency kinds in both languages', () => {
    expect(parseAgencyKind('UBND')).toBe('PEOPLES_COMMITTEE');
    expect(parseAgencyKind('Đoàn thể')).toBe('MASS_ORGANISATION');
    expect(parseAgencyKind('party_body')).toBe('PARTY_BODY');
    expect(parseAgencyKind('')).toBe('DEPARTMENT');
    expect(parseAgencyKind('?')).toBeNull();
  });
});
