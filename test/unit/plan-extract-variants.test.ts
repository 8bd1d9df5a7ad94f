import { describe, expect, it } from 'vitest';
import {
  extractFromBlocks,
  extractFromText,
  findPlaces,
  countriesOf,
  tcvn3ToUnicode,
  toUnicodeText,
  type AgencyRef,
} from '../../src/domain/plan-extract/index.js';

// Plans the seeds do not show: other provinces' numbering and wording, flat bullet lists, inline
// fields, tables with other headers, legacy fonts. The extractor must read the genre, not the seeds.

const AGENCIES: AgencyRef[] = [
  { id: 1, code: 'SNGV', nameVi: 'Sở Ngoại vụ' },
  { id: 2, code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch' },
  { id: 3, code: 'SNNPTNT', nameVi: 'Sở Nông nghiệp và Phát triển nông thôn' },
  { id: 4, code: 'SCT', nameVi: 'Sở Công Thương' },
  { id: 5, code: 'UBND-TINH', nameVi: 'UBND tỉnh' },
  { id: 6, code: 'VPUBND', nameVi: 'Văn phòng UBND tỉnh' },
  { id: 7, code: 'SKHDT', nameVi: 'Sở Kế hoạch và Đầu tư' },
  { id: 8, code: 'STC', nameVi: 'Sở Tài chính' },
  { id: 9, code: 'BQLKKT', nameVi: 'Ban Quản lý Khu kinh tế tỉnh' },
];
const names = (ms: { agency: AgencyRef | null; written: string }[]) => ms.map((m) => m.agency?.nameVi ?? m.written);

describe('other numbering and wording', () => {
  it('reads a decimal outline (1. / 1.1. / 1.1.1.) with "Đơn vị thực hiện", abbreviations and quarters', () => {
    const text = `KẾ HOẠCH HOẠT ĐỐI NGOẠI NĂM 2026 CỦA TỈNH QUẢNG TRỊ
1. Hoạt động đoàn ra
1.1. Đoàn của Sở VHTTDL tham dự Lễ hội Văn hóa tại tỉnh Sa-vẳn-na-khệt
Thời gian thực hiện: Quý II/2026
Đơn vị thực hiện: Sở VH,TT&DL
Đơn vị phối hợp: Sở NN&PTNT; VP UBND tỉnh
1.2. Đoàn công tác của tỉnh đi khảo sát thị trường tại Hàn Quốc
Thời gian thực hiện: tháng 10/2026
Đơn vị thực hiện: Sở Công Thương
2. Hoạt động đoàn vào
2.1. Đón Đoàn đại biểu tỉnh Khăm-muộn (Lào) sang thăm và làm việc
Thời gian thực hiện: 6 tháng cuối năm 2026
Đơn vị thực hiện: Sở Ngoại vụ`;
    const { activities } = extractFromText(text, { agencies: AGENCIES });
    expect(activities.map((a) => [a.item, a.type, a.timing?.precision, a.countries.join(',')])).toEqual([
      ['1.1', 'OUTBOUND', 'QUARTER', 'LA'],
      ['1.2', 'OUTBOUND', 'MONTH', 'KR'],
      ['2.1', 'INBOUND', 'HALF_YEAR', 'LA'],
    ]);
    expect(names(activities[0]!.lead)).toEqual(['Sở Văn hóa, Thể thao và Du lịch']);
    expect(names(activities[0]!.coordinating)).toEqual([
      'Sở Nông nghiệp và Phát triển nông thôn',
      'Văn phòng UBND tỉnh',
    ]);
  });

  it('splits a flat bullet list where each bullet is followed by its own field lines', () => {
    const text = `II. NỘI DUNG
3. Hợp tác với tỉnh Chăm-pa-sắc
- Tổ chức Hội thảo xúc tiến thương mại Việt - Lào
- Thời gian: tháng 3/2025
- Chủ trì: Sở Công Thương
- Ký kết Biên bản ghi nhớ hợp tác giai đoạn 2025 - 2030
- Thời gian: quý IV/2025
- Chủ trì: UBND tỉnh; phối hợp: Sở Ngoại vụ`;
    const { activities } = extractFromText(text, { agencies: AGENCIES });
    expect(activities.map((a) => [a.item, a.type, a.timing?.start])).toEqual([
      ['II.3-1', 'CONFERENCE', '2025-03-01'],
      ['II.3-2', 'AGREEMENT', '2025-10-01'],
    ]);
    expect(names(activities[1]!.lead)).toEqual(['UBND tỉnh']);
    expect(names(activities[1]!.coordinating)).toEqual(['Sở Ngoại vụ']);
  });

  it('reads several fields on one line, "các Sở:" lists, and keeps unmatched names with suggestions', () => {
    const text = `a) Đón tiếp Đoàn doanh nghiệp tỉnh Gyeonggi (Hàn Quốc). Thời gian: 15-17/5/2025; Cơ quan chủ trì: Ban Quản lý Khu kinh tế; Cơ quan phối hợp: các Sở: Kế hoạch và Đầu tư, Tài chính, Trung tâm Xúc tiến đầu tư và các cơ quan liên quan.`;
    const { activities } = extractFromText(text, { agencies: AGENCIES });
    expect(activities).toHaveLength(1);
    const a = activities[0]!;
    expect(a).toMatchObject({
      item: 'a',
      type: 'INBOUND',
      countries: ['KR'],
      timing: { precision: 'RANGE', start: '2025-05-15', end: '2025-05-17' },
    });
    expect(names(a.lead)).toEqual(['Ban Quản lý Khu kinh tế tỉnh']);
    expect(names(a.coordinating)).toEqual(['Sở Kế hoạch và Đầu tư', 'Sở Tài chính', 'Trung tâm Xúc tiến đầu tư']);
    expect(a.coordinating[2]!.agency).toBeNull();
  });

  it('offers the closest agencies for a name not in the list', () => {
    const { activities } = extractFromText(
      '1. Tổ chức Hội nghị xúc tiến đầu tư\n- Thời gian: năm 2025\n- Cơ quan chủ trì: Sở Kế hoạch Đầu tư',
      { agencies: AGENCIES },
    );
    expect(activities[0]!.lead[0]).toMatchObject({ written: 'Sở Kế hoạch Đầu tư', agency: null });
    expect(activities[0]!.lead[0]!.suggestions[0]!.code).toBe('SKHDT');
  });

  it('keeps TBD words and reads timing inside longer phrases', () => {
    const text = `1. Đoàn ra Nhật Bản\n- Thời gian: Tùy theo thư mời của đối tác\n- Chủ trì: Sở Ngoại vụ\n2. Gửi thư chúc mừng Quốc khánh Lào\n- Thời gian: Hoàn thành trước ngày 25/11/2025 (theo kế hoạch)\n- Chủ trì: Sở Ngoại vụ`;
    const { activities } = extractFromText(text, { agencies: AGENCIES });
    expect(activities[0]!.timing).toMatchObject({ precision: 'TBD', label: 'Tùy theo thư mời của đối tác' });
    expect(activities[1]!.timing).toMatchObject({ precision: 'DEADLINE', end: '2025-11-25' });
    expect(activities[1]!.type).toBe('LETTER');
  });

  it('reads Word automatic numbers given as labels beside the text', () => {
    const { activities } = extractFromBlocks(
      [
        { kind: 'paragraph', text: 'NỘI DUNG', label: 'II.' },
        { kind: 'paragraph', text: 'Trao đổi đoàn', label: '1.' },
        { kind: 'paragraph', text: 'Đoàn lãnh đạo tỉnh thăm tỉnh Xiêng Khoảng, Lào', label: 'a)' },
        { kind: 'paragraph', text: 'Thời gian: tháng 8/2025', label: '-' },
        { kind: 'paragraph', text: 'Cơ quan chủ trì: Sở Ngoại vụ', label: '-' },
      ],
      { agencies: AGENCIES },
    );
    expect(activities.map((a) => [a.item, a.type, a.countries[0]])).toEqual([['II.1.a', 'OUTBOUND', 'LA']]);
  });

  it('reads a table with other header words and group rows', () => {
    const { activities } = extractFromBlocks(
      [
        {
          kind: 'table',
          rows: [
            [
              'TT',
              'Tên hoạt động',
              'Thời gian dự kiến',
              'Cơ quan, đơn vị chủ trì',
              'Cơ quan, đơn vị phối hợp',
              'Nước đến',
              'Nguồn kinh phí',
            ],
            ['(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)'],
            ['A', 'ĐOÀN RA', '', '', '', '', ''],
            [
              '1',
              'Xúc tiến du lịch tại Thái Lan',
              'Tháng 9/2025',
              'Sở VHTTDL',
              'Sở Ngoại vụ',
              'Thái Lan',
              'Ngân sách tỉnh',
            ],
            ['B', 'ĐOÀN VÀO', '', '', '', '', ''],
            ['1', 'Đoàn tỉnh Bò Kẹo thăm, làm việc', 'Quý III/2025', 'Sở Ngoại vụ', '', '', ''],
          ],
        },
      ],
      { agencies: AGENCIES },
    );
    expect(
      activities.map((a) => [a.item, a.type, a.timing?.precision, a.countries.join(','), names(a.lead).join()]),
    ).toEqual([
      ['A.1', 'OUTBOUND', 'MONTH', 'TH', 'Sở Văn hóa, Thể thao và Du lịch'],
      ['B.1', 'INBOUND', 'QUARTER', 'LA', 'Sở Ngoại vụ'],
    ]);
    expect(activities[0]!.funding).toBe('Ngân sách tỉnh');
  });

  it('finds no activity in a letter without plan items (like the Japan anniversary proposal, docs/product.md#source-documents)', () => {
    const text =
      'Kính gửi: Ủy ban nhân dân tỉnh.\nSở Ngoại vụ trân trọng đề nghị UBND tỉnh xem xét, quyết định:\n1. Đồng ý chủ trương ban hành Kế hoạch.\n2. Giao Sở Ngoại vụ chủ trì, phối hợp với các cơ quan liên quan.';
    expect(extractFromText(text, { agencies: AGENCIES }).activities).toEqual([]);
  });
});

describe('countries in the words', () => {
  const codes = (t: string) => countriesOf(findPlaces(t));
  it('needs a country context for short names that are Vietnamese words', () => {
    expect(codes('Tuyên truyền pháp luật, ý kiến của nhân dân; Pháp luật về đầu tư')).toEqual([]);
    expect(codes('Đoàn của tỉnh sang Pháp và Cộng hòa Séc')).toEqual(['FR', 'CZ']);
    expect(codes('Giao lưu với tỉnh Lào Cai')).toEqual([]);
    expect(codes('Hữu nghị Việt Nam - Lào')).toEqual(['LA']);
  });
  it('maps partners’ localities to their country, with or without hyphens', () => {
    expect(codes('làm việc với tỉnh Rat-ta-na-ki-ri')).toEqual(['KH']);
    expect(codes('tỉnh Attapeu và Sekong')).toEqual(['LA']);
    expect(codes('thành phố Sakai, tỉnh Osaka')).toEqual(['JP']);
    // A Sino-Vietnamese name alone is not enough (Đông Hưng is also a district of Thái Bình)…
    expect(codes('huyện Đông Hưng')).toEqual([]);
    // …but names the partner beside its country.
    expect(codes('thành phố Đông Hưng, Quảng Tây, Trung Quốc')).toEqual(['CN']);
  });
});

describe('legacy Vietnamese fonts', () => {
  const PLAN =
    '1. Đoàn công tác sang thăm tỉnh Chăm-pa-sắc\n- Thời gian: tháng 5 năm 2025\n- Cơ quan chủ trì: Sở Ngoại vụ\n- Cơ quan phối hợp: Sở Công Thương';
  it('converts TCVN3 (.VnTime) text', () => {
    const tcvn3 =
      '1. §oµn c«ng t¸c sang th¨m tØnh Ch¨m-pa-s¾c\n- Thêi gian: th¸ng 5 n¨m 2025\n- C¬ quan chñ tr×: Së Ngo¹i vô\n- C¬ quan phèi hîp: Së C«ng Th­¬ng';
    expect(tcvn3ToUnicode(tcvn3).replace(/^1\. đ/, '1. Đ')).toBe(PLAN);
    const r = extractFromText(tcvn3, { agencies: AGENCIES });
    expect(r.encoding).toBe('TCVN3');
    expect(r.activities[0]).toMatchObject({
      type: 'OUTBOUND',
      countries: ['LA'],
      timing: { precision: 'MONTH', start: '2025-05-01' },
    });
    expect(names(r.activities[0]!.lead)).toEqual(['Sở Ngoại vụ']);
  });
  it('converts VNI Windows text', () => {
    const vni =
      '1. Ñoaøn coâng taùc sang thaêm tænh Chaêm-pa-saéc\n- Thôøi gian: thaùng 5 naêm 2025\n- Cô quan chuû trì: Sôû Ngoaïi vuï\n- Cô quan phoái hôïp: Sôû Coâng Thöông';
    expect(toUnicodeText(vni)).toEqual({ text: PLAN, encoding: 'VNI' });
  });
});
