import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  agencyMatcher,
  describeProblem,
  guessActivityType,
  parseActivityType,
  splitAgencyList,
  validateProgrammeTable,
  type KnownAgency,
  type Table,
} from '../../src/domain/programme-rows.js';
import { parseProgrammeFile } from '../../src/services/programme-import.js';
import { DOCUMENT_AGENCIES } from '../support/document-agencies.js';

const AGENCIES: KnownAgency[] = DOCUMENT_AGENCIES.map((a, i) => ({
  id: i + 1,
  code: a.code,
  nameVi: a.nameVi,
  nameEn: a.nameEn ?? null,
  active: true,
}));
const id = (code: string) => AGENCIES.find((a) => a.code === code)!.id;
const HEADER = ['STT', 'Nội dung hoạt động', 'Thời gian', 'Cơ quan chủ trì', 'Cơ quan phối hợp'];
const table = (rows: string[][], first = 1): Table[] => rows.map((cells, i) => ({ row: first + i, cells }));

/** Rows of the Bình Định–Japan programme (docs/product.md#source-documents: 50 years of Việt Nam – Japan relations), as a coordinator would type them. */
const SEED_002 = [
  ['I.', 'Tăng cường quan hệ hợp tác giữa Việt Nam và Nhật Bản', '', '', ''],
  [
    '1',
    'Tổ chức Đoàn công tác của tỉnh sang thăm và làm việc với thành phố Izumisano',
    'tháng 4 năm 2023',
    'Sở Ngoại vụ',
    'Văn phòng Tỉnh ủy, Văn phòng UBND tỉnh, các Sở: Kế hoạch và Đầu tư, Công Thương, Du lịch, Ban Quản lý Khu kinh tế và các cơ quan liên quan',
  ],
  [
    '2',
    'Đón tiếp, làm việc với Đoàn đại biểu thành phố Izumisano và Hội Hữu nghị Nhật - Việt tại Sakai',
    'tháng 6 năm 2023',
    'Sở Ngoại vụ',
    'Văn phòng Tỉnh ủy, Văn phòng UBND tỉnh và các cơ quan liên quan',
  ],
  [
    '3',
    'Gửi Thư chúc mừng của Chủ tịch UBND tỉnh tới Đại sứ quán Nhật Bản tại Việt Nam',
    'trước ngày 15/9/2023',
    'Sở Ngoại vụ',
    'Văn phòng Tỉnh ủy và Văn phòng UBND tỉnh',
  ],
  [
    '4',
    'Xúc tiến thiết lập quan hệ hữu nghị, hợp tác giữa huyện Vĩnh Thạnh và thị trấn Yoshino',
    'năm 2023',
    'Ủy ban nhân dân huyện Vĩnh Thạnh',
    'Sở Ngoại vụ; Sở Nông nghiệp và Phát triển nông thôn',
  ],
  [
    '5',
    'Hội nghị Xúc tiến đầu tư, thương mại các doanh nghiệp Nhật Bản tại tỉnh Bình Định',
    'tháng 6 năm 2023',
    'SNGV',
    'SKHDT, SCT, BQLKKT',
  ],
];

describe('programme import: validation (pure)', () => {
  it('reads rows laid out like the Bình Định–Japan programme: headings skipped, agencies found by name or code, types guessed', () => {
    const res = validateProgrammeTable(
      table([['KẾ HOẠCH tổ chức các hoạt động kỷ niệm 50 năm'], HEADER, ...SEED_002]),
      AGENCIES,
    );
    expect(res.fileError).toBeUndefined();
    expect(res.errors).toEqual([]);
    expect(res.headings).toBe(1);
    expect(res.rows.map((r) => r.row)).toEqual([4, 5, 6, 7, 8]);
    const [outbound, inbound, letter, agreement, conference] = res.rows;
    expect(outbound).toMatchObject({
      type: 'OUTBOUND',
      leadAgencyId: id('SNGV'),
      timingPrecision: 'MONTH',
      timingText: 'tháng 4 năm 2023',
    });
    expect(outbound!.startDate?.toISOString().slice(0, 10)).toBe('2023-04-01');
    expect(outbound!.coordinatingAgencyIds).toEqual(['VPTU', 'VPUBND', 'SKHDT', 'SCT', 'SDL', 'BQLKKT'].map(id));
    expect(inbound).toMatchObject({ type: 'INBOUND', coordinatingAgencyIds: [id('VPTU'), id('VPUBND')] });
    expect(letter).toMatchObject({ type: 'LETTER', timingPrecision: 'DEADLINE' });
    expect(letter!.endDate?.toISOString().slice(0, 10)).toBe('2023-09-15');
    expect(agreement).toMatchObject({
      type: 'AGREEMENT',
      leadAgencyId: id('UBND-VINHTHANH'),
      coordinatingAgencyIds: [id('SNGV'), id('SNN')],
    });
    expect(conference).toMatchObject({
      type: 'CONFERENCE',
      coordinatingAgencyIds: [id('SKHDT'), id('SCT'), id('BQLKKT')],
    });
  });

  it('names every bad row and what is wrong with it', () => {
    const res = validateProgrammeTable(
      table([
        HEADER,
        ['1', 'Đoàn công tác sang thăm tỉnh Chăm-pa-sắc', 'quý V/2025', 'Sở Ngoại vụ', ''],
        ['2', 'Giao lưu văn hóa biên giới', 'tháng 7/2025', 'Sở Không Tồn Tại', 'Văn phòng Tỉnh ủy, Ban Ma'],
        ['3', '', '31/2/2025', '', ''],
        ['4', 'Hội thảo', 'năm 2025', 'SNGV', ''],
      ]),
      AGENCIES,
    );
    expect(res.rows.map((r) => r.row)).toEqual([5]);
    expect(res.errors).toEqual([
      { row: 2, problem: 'timing_invalid', value: 'quý V/2025' },
      { row: 3, problem: 'lead_unknown', value: 'Sở Không Tồn Tại' },
      { row: 3, problem: 'coordinating_unknown', value: 'Ban Ma' },
      { row: 4, problem: 'content_missing' },
      { row: 4, problem: 'timing_invalid', value: '31/2/2025' },
      { row: 4, problem: 'lead_missing' },
    ]);
    expect(describeProblem(res.errors[1]!)).toBe('row 3: the lead agency "Sở Không Tồn Tại" is not in the agency list');
  });

  it('refuses a table without the content and lead columns, an empty one, and a deactivated lead', () => {
    expect(
      validateProgrammeTable(
        table([
          ['Tên', 'Ngày'],
          ['x', 'y'],
        ]),
        AGENCIES,
      ).fileError,
    ).toBe('no_header');
    expect(validateProgrammeTable([], AGENCIES).fileError).toBe('empty');
    expect(validateProgrammeTable(table([HEADER]), AGENCIES).fileError).toBe('empty');
    const inactive = AGENCIES.map((a) => (a.code === 'SDL' ? { ...a, active: false } : a));
    const res = validateProgrammeTable(
      table([HEADER, ['1', 'Quảng bá du lịch', 'tháng 5/2025', 'Sở Du lịch', '']]),
      inactive,
    );
    expect(res.errors).toEqual([{ row: 2, problem: 'lead_unknown', value: 'Sở Du lịch' }]);
  });

  it('takes English headers, a type column and countries', () => {
    const res = validateProgrammeTable(
      table([
        ['No.', 'Activity', 'Time', 'Lead agency', 'Coordinating agencies', 'Type', 'Country'],
        [
          '1',
          'Online talks with Long Châu on macadamia',
          '06/9/2022',
          'SNN',
          'SNGV',
          'Hội đàm trực tuyến',
          'Trung Quốc',
        ],
        ['2', 'Visit', 'Q3 2025', 'SNGV', '', 'Đoàn bay', 'Atlantis'],
      ]),
      AGENCIES,
    );
    expect(res.rows[0]).toMatchObject({
      type: 'ONLINE_TALK',
      countryCodes: ['CN'],
      leadAgencyId: id('SNN'),
      coordinatingAgencyIds: [id('SNGV')],
    });
    expect(res.errors).toEqual([
      { row: 3, problem: 'type_unknown', value: 'Đoàn bay' },
      { row: 3, problem: 'country_unknown', value: 'Atlantis' },
    ]);
  });

  it('splits coordinating agencies the way the seeds write them', () => {
    expect(
      splitAgencyList(
        'Văn phòng Tỉnh ủy, Văn phòng UBND tỉnh, các Sở: Kế hoạch và Đầu tư, Công Thương và các cơ quan liên quan.',
      ),
    ).toEqual([
      { name: 'Văn phòng Tỉnh ủy' },
      { name: 'Văn phòng UBND tỉnh' },
      { name: 'Sở Kế hoạch và Đầu tư', alt: 'Kế hoạch và Đầu tư' },
      { name: 'Sở Công Thương', alt: 'Công Thương' },
    ]);
    expect(splitAgencyList('Các sở, ngành liên quan')).toEqual([]);
    expect(splitAgencyList('')).toEqual([]);
  });

  it('matches agencies by code, by name without diacritics, and "UBND" written out', () => {
    const m = agencyMatcher(AGENCIES);
    expect(m.find('sngv')?.code).toBe('SNGV');
    expect(m.find('so ngoai vu')?.code).toBe('SNGV');
    expect(m.find('Ủy ban nhân dân huyện Vĩnh Thạnh')?.code).toBe('UBND-VINHTHANH');
    expect(m.find('Department of Tourism')?.code).toBe('SDL');
    expect(m.find('Sở Mây')).toBeNull();
  });

  it('guesses the type from the content, and reads type names', () => {
    expect(guessActivityType('Gửi Thư chúc mừng nhân dịp Quốc khánh Lào')).toBe('LETTER');
    expect(guessActivityType('Tổ chức hội đàm trực tuyến với huyện Long Châu')).toBe('ONLINE_TALK');
    expect(guessActivityType('Ký kết Bản ghi nhớ hợp tác với tỉnh Ra-ta-na-ki-ri')).toBe('AGREEMENT');
    expect(guessActivityType('Tiếp nhận cây hoa anh đào')).toBe('EXCHANGE');
    expect(guessActivityType('Xem xét, khôi phục dự án cá ngừ')).toBe('OTHER');
    expect(parseActivityType('Đoàn ra')).toBe('OUTBOUND');
    expect(parseActivityType('inbound')).toBe('INBOUND');
    expect(parseActivityType('đoàn lạ')).toBeNull();
  });
});

describe('programme import: XLSX files', () => {
  async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kế hoạch');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reads a worksheet with a title row above the header', async () => {
    const bytes = await xlsx([['KẾ HOẠCH'], HEADER, ...SEED_002]);
    const res = await parseProgrammeFile(bytes, 'ke-hoach.xlsx', AGENCIES);
    expect(res.errors).toEqual([]);
    expect(res.rows).toHaveLength(5);
    expect(res.rows[0]!.row).toBe(4);
  });

  it('refuses other file types, garbage and oversized files', async () => {
    expect((await parseProgrammeFile(Buffer.from('a,b'), 'ke-hoach.csv', AGENCIES)).fileError).toBe('unsupported');
    expect((await parseProgrammeFile(Buffer.from('not a zip'), 'ke-hoach.xlsx', AGENCIES)).fileError).toBe(
      'unreadable',
    );
    expect((await parseProgrammeFile(Buffer.alloc(3 * 1024 * 1024), 'ke-hoach.xlsx', AGENCIES)).fileError).toBe(
      'too_big',
    );
  });
});
