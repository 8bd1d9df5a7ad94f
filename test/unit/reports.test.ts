import { DateTime } from 'luxon';
import { sampleActivity } from '../support/report-sample.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { summaryPeriod } from '../../src/domain/summary.js';
import { buildReportModel, outboundStats, type ReportActivity } from '../../src/reports/report-model.js';
import { plainT } from '../../src/reports/labels.js';
import { renderXlsx } from '../../src/reports/xlsx.js';
import { renderDocx } from '../../src/reports/docx.js';
import { buildReportFiles, countReport } from '../../src/reports/consolidated.js';
import { loadSummary } from '../../src/reports/summary-data.js';
import { periodBounds } from '../../src/domain/summary.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { commands as reportCommands } from '../../src/cli/commands/report.js';
import { commands as settingsCommands } from '../../src/cli/commands/settings.js';
import type { CliContext } from '../../src/cli/types.js';
import { createTestDb, testProviders, type TestDb } from '../support/db.js';
import { DEFAULT_REPORT_SETTINGS } from '../../src/domain/report-settings.js';
import { readDocx, readXlsx } from '../support/office.js';

const ZONE = 'Asia/Ho_Chi_Minh';
const NOW = DateTime.fromISO('2025-04-10T09:00:00', { zone: ZONE });
const i18n = createI18n('vi');
const t = plainT(i18n.forLocale('vi'));
const tEn = plainT(i18n.forLocale('en'));
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const YEAR_2023 = summaryPeriod('2023', NOW)!;

const VPUB = { nameVi: 'Văn phòng UBND tỉnh', nameEn: null };
const SNN = { nameVi: 'Sở Nông nghiệp và Phát triển nông thôn', nameEn: null };

/** A report row (test/support/report-sample.ts) timed, unless told, in April 2023 to the month. */
const activity = (over: Partial<ReportActivity>): ReportActivity =>
  sampleActivity({ timingPrecision: 'MONTH', startDate: d('2023-04-01'), endDate: d('2023-04-30'), ...over });

// Seed 002 (Bình Định, 50 years Việt Nam – Nhật Bản), as the bot would have stored it.
const SEED_PLAN: ReportActivity[] = [
  activity({
    title: 'Đoàn công tác của tỉnh sang thăm và làm việc với thành phố Izumisano, Hội hữu nghị Nhật - Việt tại Sakai',
    partnerName: 'Thành phố Izumisano',
    countries: [{ countryCode: 'JP' }],
    coordinators: [{ agency: VPUB }, { agency: { nameVi: 'Sở Công Thương', nameEn: null } }],
    fundings: [{ source: 'STATE_BUDGET' }],
    costVnd: 350_000_000n,
    details: {
      members: 5,
      headName: 'Lâm Hải Giang',
      headPosition: 'Phó Chủ tịch UBND tỉnh',
      purpose: 'Xúc tiến đầu tư, thương mại',
    },
  }),
  activity({
    title: 'Đoàn Sở Nông nghiệp học tập kinh nghiệm trồng cây Mắc ca',
    leadAgency: SNN,
    countries: [{ countryCode: 'CN' }, { countryCode: 'LA' }],
    fundings: [{ source: 'STATE_BUDGET' }, { source: 'PARTNER' }],
    costVnd: 100_000_000n,
    timingPrecision: 'QUARTER',
    startDate: d('2023-07-01'),
    endDate: d('2023-09-30'),
    details: { members: '4', purpose: 'xúc tiến đầu tư, THƯƠNG MẠI.' },
  }),
  activity({
    title: 'Đoàn khảo sát không ghi mục đích',
    status: 'SUBMITTED',
    timingPrecision: 'TBD',
    startDate: null,
    endDate: null,
    timingLabel: 'Theo kế hoạch của Bộ Ngoại giao',
    details: { purpose: '' },
  }),
  activity({
    type: 'INBOUND',
    title: 'Đón tiếp Đoàn đại biểu thành phố Izumisano sang thăm và làm việc tại tỉnh',
    partnerName: 'Thành phố Izumisano',
    countries: [{ countryCode: 'JP' }],
    place: 'Quy Nhơn',
    timingPrecision: 'MONTH',
    startDate: d('2023-06-01'),
    endDate: d('2023-06-30'),
    details: { members: 12, headName: 'Chiyomatsu Hiroshi' },
    status: 'DONE',
  }),
  activity({
    type: 'LETTER',
    title: 'Gửi Thư chúc mừng của Chủ tịch UBND tỉnh tới Đại sứ quán Nhật Bản tại Việt Nam',
    timingPrecision: 'DEADLINE',
    startDate: null,
    endDate: d('2023-09-15'),
    coordinators: [{ agency: { nameVi: 'Văn phòng Tỉnh ủy', nameEn: null } }, { agency: VPUB }],
  }),
  activity({
    type: 'CONFERENCE',
    title: 'Hội nghị Xúc tiến đầu tư, thương mại các doanh nghiệp Nhật Bản tại tỉnh Bình Định',
    details: { vnDelegates: 150, foreignDelegates: 50 },
    startDate: d('2023-06-01'),
    endDate: d('2023-06-30'),
  }),
];

function model(rows: ReportActivity[], over: Partial<Parameters<typeof buildReportModel>[1]> = {}) {
  return buildReportModel(rows, { t, locale: 'vi', zone: ZONE, now: NOW, period: YEAR_2023, plan: null, ...over });
}

describe('consolidated plan files', () => {
  it('the .xlsx reads back: title, date, headers, groups by type, rows, Vietnamese text', async () => {
    const { sheets } = await readXlsx(await renderXlsx(model(SEED_PLAN), NOW, { t }));
    expect(sheets.map((s) => s.name)).toEqual(['Kế hoạch', 'Thống kê đoàn ra']);
    const rows = sheets[0]!.rows;
    expect(rows[0]![0]).toBe('TỔNG HỢP KẾ HOẠCH ĐỐI NGOẠI NĂM 2023');
    expect(rows[1]![0]).toBe('(Số liệu tính đến ngày 10/04/2025)');
    const header = rows.findIndex((r) => r[0] === 'STT');
    expect(rows[header]).toEqual([
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
    ]);
    const body = rows.slice(header + 1);
    expect(body.map((r) => r[0]).filter((v) => typeof v === 'string')).toEqual([
      'I. ĐOÀN RA',
      'II. ĐOÀN VÀO',
      'III. THƯ CHÚC MỪNG',
      'IV. HỘI NGHỊ, HỘI THẢO QUỐC TẾ',
    ]);
    // Within a group, by timing; undated last; STT restarts per group.
    expect(body[1]).toEqual([
      1,
      'Đoàn công tác của tỉnh sang thăm và làm việc với thành phố Izumisano, Hội hữu nghị Nhật - Việt tại Sakai\nSố hiệu: 2023-001',
      'tháng 04/2023',
      'Sở Ngoại vụ',
      'Văn phòng UBND tỉnh; Sở Công Thương',
      'Thành phố Izumisano (Nhật Bản)',
      'Trưởng đoàn: Lâm Hải Giang, Phó Chủ tịch UBND tỉnh\n5 người',
      'Ngân sách nhà nước',
      350_000_000,
      'Được cấp có thẩm quyền cho phép',
    ]);
    expect(body[2]!.slice(0, 3)).toEqual([
      2,
      'Đoàn Sở Nông nghiệp học tập kinh nghiệm trồng cây Mắc ca\nSố hiệu: 2023-002',
      'quý III/2023',
    ]);
    expect(body[2]![5]).toBe('Trung Quốc, Lào');
    expect(body[2]!.slice(7, 9)).toEqual(['Ngân sách nhà nước, Đối tác chi trả', 100_000_000]);
    expect(body[3]!.slice(0, 3)).toEqual([
      3,
      'Đoàn khảo sát không ghi mục đích\nSố hiệu: 2023-003',
      'Theo kế hoạch của Bộ Ngoại giao',
    ]);
    // Unknown size and cost are said, never 0.
    expect(body[3]!.slice(6, 10)).toEqual([
      'Số người: chưa xác định',
      '',
      'chưa xác định',
      'Đã đăng ký, chờ thẩm định',
    ]);
    expect(body[5]![1]).toBe(
      'Đón tiếp Đoàn đại biểu thành phố Izumisano sang thăm và làm việc tại tỉnh\nĐịa điểm: Quy Nhơn\nSố hiệu: 2023-004',
    );
    expect(body[7]![2]).toBe('trước 15/09/2023');
    expect(body[9]![6]).toBe('200 người');
    expect(sheets[0]!.ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header + 1 });
    // Every row has a height that fits its wrapped text: the two-line content cell is taller than a one-liner.
    const ws = sheets[0]!.ws;
    const heightOf = (i: number) => ws.getRow(header + 2 + i).height;
    expect(heightOf(1)).toBeGreaterThanOrEqual(2 * 15);
    for (let i = header + 1; i <= ws.rowCount; i++) expect(ws.getRow(i).height, `row ${i}`).toBeGreaterThan(0);
  });

  it('the outbound statistics sheet counts delegations by agency, country, purpose and funding', async () => {
    const stats = outboundStats(SEED_PLAN, { t, locale: 'vi' });
    // Two delegations said how many and how much; the third did not: known sums, and the count of unknowns.
    expect(stats.total).toEqual({
      label: 'Tổng cộng',
      delegations: 3,
      people: 9,
      peopleUnknown: 1,
      cost: 450_000_000n,
      costUnknown: 1,
    });
    const [byAgency, byCountry, byPurpose, byFunding] = stats.sections;
    expect(byAgency!.lines.map((l) => [l.label, l.delegations, l.people])).toEqual([
      ['Sở Ngoại vụ', 2, 5],
      ['Sở Nông nghiệp và Phát triển nông thôn', 1, 4],
    ]);
    expect(byCountry!.lines.map((l) => [l.label, l.delegations])).toEqual([
      ['Lào', 1],
      ['Nhật Bản', 1],
      ['Trung Quốc', 1],
      ['Chưa xác định', 1],
    ]);
    // Purpose categories, every one listed; activities from before the choice are placed by their words.
    expect(byPurpose!.lines.map((l) => [l.label, l.delegations, l.people])).toEqual([
      ['Hợp tác', 0, 0],
      ['Xúc tiến đầu tư, thương mại, du lịch', 2, 9],
      ['Giao lưu văn hóa', 0, 0],
      ['Học tập kinh nghiệm', 1, null],
      ['Hội nghị, hội thảo', 0, 0],
      ['Khác', 0, 0],
    ]);
    expect(byFunding!.lines.map((l) => [l.label, l.delegations, l.cost])).toEqual([
      ['Ngân sách nhà nước', 2, 450_000_000n],
      ['Đối tác chi trả', 1, 100_000_000n],
      ['Chưa xác định', 1, null],
    ]);

    const { sheets } = await readXlsx(await renderXlsx(model(SEED_PLAN), NOW, { t }));
    const rows = sheets[1]!.rows;
    expect(rows[0]![0]).toBe('THỐNG KÊ ĐOÀN RA NĂM 2023');
    expect(rows).toContainEqual(['Theo cơ quan chủ trì', 'Số đoàn', 'Số người', 'Kinh phí dự kiến (đồng)']);
    expect(rows).toContainEqual(['Sở Ngoại vụ', 2, '5 (+1 chưa xác định)', '350.000.000 (+1 chưa xác định)']);
    expect(rows).toContainEqual(['Sở Nông nghiệp và Phát triển nông thôn', 1, 4, 100_000_000]);
    expect(rows).toContainEqual(['Chưa xác định', 1, 'chưa xác định', 'chưa xác định']);
    expect(rows).toContainEqual(['Theo mục đích', 'Số đoàn', 'Số người', 'Kinh phí dự kiến (đồng)']);
    expect(rows).toContainEqual(['Hợp tác', 0, 0, 0]);
    expect(rows.filter((r) => r[0] === 'Tổng cộng')).toHaveLength(4);
    expect(rows).toContainEqual(['Tổng cộng', 3, '9 (+1 chưa xác định)', '450.000.000 (+1 chưa xác định)']);
  });

  it('the .docx is an official document (NĐ 30): issuing body, national heading, number, place and date, body, Nơi nhận, signature; the table as its Phụ lục', async () => {
    const settings = { ...DEFAULT_REPORT_SETTINGS, province: 'Bình Định', signerName: 'Nguyễn Văn An' };
    const context = {
      planRequests: [
        {
          title: 'Kế hoạch đối ngoại năm 2023',
          deadline: d('2022-09-25'),
          agencies: 40,
          answered: 38,
          nil: 5,
          missing: ['Sở Y tế', 'UBND huyện An Lão'],
        },
      ],
      risks: [
        {
          reference: '2023-001',
          title: 'Đoàn Izumisano',
          type: 'OUTBOUND' as const,
          start: d('2023-04-20'),
          left: 8,
          needed: 15,
          unit: 'working' as const,
        },
      ],
    };
    const docx = await readDocx(await renderDocx(model(SEED_PLAN, { settings, context }), 'vi', { t }));
    const { xml, text } = docx;
    const paragraphs = docx.paragraphs.filter(Boolean);
    expect(paragraphs.slice(0, 6)).toEqual([
      'UBND TỈNH BÌNH ĐỊNH',
      'SỞ NGOẠI VỤ',
      'Số: ……/BC-SNgV',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Bình Định, ngày 10 tháng 4 năm 2025',
    ]);
    expect(paragraphs.slice(6, 8)).toEqual(['BÁO CÁO', 'Tình hình hoạt động đối ngoại năm 2023']);
    expect(text).toContain(
      'Trong năm 2023, các cơ quan, đơn vị đăng ký 6 hoạt động đối ngoại, gồm: Đoàn ra: 3; Đoàn vào: 1; Thư chúc mừng: 1; Hội nghị, hội thảo quốc tế: 1.',
    );
    expect(text).toContain(
      'Tình trạng: Được cấp có thẩm quyền cho phép: 4; Đã đăng ký, chờ thẩm định: 1; Đã thực hiện: 1.',
    );
    expect(text).toContain(
      'Kế hoạch đối ngoại năm 2023: hạn gửi 25/09/2022; 38/40 cơ quan, đơn vị đã gửi (trong đó 5 báo không có hoạt động).',
    );
    expect(text).toContain('Chưa gửi (2): Sở Y tế, UBND huyện An Lão.');
    expect(text).toContain(
      'Đoàn ra «Đoàn Izumisano» (2023-001), bắt đầu 20/04/2023: còn 8 ngày làm việc, thời hạn trình tối thiểu 15 ngày làm việc.',
    );
    const tail = paragraphs.slice(paragraphs.indexOf('Nơi nhận:'));
    expect(tail.slice(0, 5)).toEqual([
      'Nơi nhận:',
      '- UBND tỉnh (b/c);',
      '- Bộ Ngoại giao (b/c);',
      '- Lãnh đạo Sở;',
      '- Lưu: VT.',
    ]);
    expect(tail.slice(5, 7)).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    expect(tail).toContain('Nguyễn Văn An');
    // Portrait letter, then the appendix on landscape pages.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/);
    const appendix = paragraphs.indexOf('Phụ lục');
    expect(appendix).toBeGreaterThan(paragraphs.indexOf('Nguyễn Văn An'));
    expect(paragraphs.slice(appendix, appendix + 4)).toEqual([
      'Phụ lục',
      'TỔNG HỢP KẾ HOẠCH ĐỐI NGOẠI NĂM 2023',
      '(Kèm theo Báo cáo số ……/BC-SNgV của Sở Ngoại vụ)',
      '(Số liệu tính đến ngày 10/04/2025)',
    ]);
    expect(xml).toContain('<w:tblHeader');
    const header = paragraphs.indexOf('STT');
    expect(paragraphs.slice(header, header + 10)).toEqual([
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
    ]);
    expect(paragraphs[header + 10]).toBe('I. ĐOÀN RA');
    expect(paragraphs.slice(header + 11, header + 23)).toEqual([
      '1',
      'Đoàn công tác của tỉnh sang thăm và làm việc với thành phố Izumisano, Hội hữu nghị Nhật - Việt tại Sakai',
      'Số hiệu: 2023-001',
      'tháng 04/2023',
      'Sở Ngoại vụ',
      'Văn phòng UBND tỉnh; Sở Công Thương',
      'Thành phố Izumisano (Nhật Bản)',
      'Trưởng đoàn: Lâm Hải Giang, Phó Chủ tịch UBND tỉnh',
      '5 người',
      'Ngân sách nhà nước',
      '350.000.000',
      'Được cấp có thẩm quyền cho phép',
    ]);
    expect(text).toContain('II. ĐOÀN VÀO');
    expect(text).toContain('trước 15/09/2023');
    expect(text).toContain('THỐNG KÊ ĐOÀN RA NĂM 2023');
    expect(text).toContain('Xúc tiến đầu tư, thương mại, du lịch\n2\n9\n450.000.000');
  });

  it('the signer is blank until set; cancelled and returned activities are listed apart, outside the plan and its statistics', async () => {
    const rows = [
      ...SEED_PLAN,
      activity({ title: 'Đoàn đã hủy', status: 'CANCELLED', costVnd: 90_000_000n, details: { members: 3 } }),
      activity({ title: 'Đoàn bị trả lại', status: 'RETURNED' }),
    ];
    const m = model(rows);
    expect(m.groups.flatMap((g) => g.rows.map((r) => r[1]))).not.toContainEqual(expect.stringContaining('Đoàn đã hủy'));
    expect(m.apart!.heading).toBe('HOẠT ĐỘNG ĐÃ HỦY, TRẢ LẠI HOẶC KHÔNG ĐƯỢC CHO PHÉP (KHÔNG TÍNH VÀO KẾ HOẠCH)');
    expect(m.apart!.rows.map((r) => [r[0], String(r[1]).split('\n')[0], r[9]])).toEqual([
      [1, 'Đoàn đã hủy', 'Đã hủy'],
      [2, 'Đoàn bị trả lại', 'Trả lại để bổ sung'],
    ]);
    expect(m.stats.total.delegations).toBe(3);
    expect(m.official.signerName).toBe('');
    const { paragraphs, text } = await readDocx(await renderDocx(m, 'vi', { t }));
    expect(paragraphs.filter(Boolean)[0]).toBe('UBND TỈNH ……');
    expect(text).toContain('Có 2 hoạt động đã hủy, bị trả lại hoặc không được cho phép');
    expect(text).toContain('Không có hoạt động nào sát hoặc quá thời hạn trình hồ sơ.');
    const { sheets } = await readXlsx(await renderXlsx(m, NOW, { t }));
    const apartAt = sheets[0]!.rows.findIndex((r) => r[0] === m.apart!.heading);
    expect(sheets[0]!.rows[apartAt + 1]!.slice(0, 2)).toEqual([
      1,
      `Đoàn đã hủy\nSố hiệu: ${m.apart!.rows[0]![1]!.toString().split('Số hiệu: ')[1]}`,
    ]);
  });

  it('an empty period still gives valid files that say so', async () => {
    const m = model([], { period: summaryPeriod('quý III/2030', NOW)! });
    expect(m.fileBase).toBe('Tong-hop-ke-hoach-doi-ngoai-quy-III-2030');
    const { sheets } = await readXlsx(await renderXlsx(m, NOW, { t }));
    expect(sheets[0]!.rows[0]![0]).toBe('TỔNG HỢP KẾ HOẠCH ĐỐI NGOẠI QUÝ III/2030');
    expect(sheets[0]!.rows.at(-1)![0]).toBe('Không có hoạt động nào trong kỳ.');
    expect(sheets[1]!.rows.at(-1)![0]).toBe('Không có đoàn ra nào trong kỳ.');
    const { text } = await readDocx(await renderDocx(m, 'vi', { t }));
    expect(text).toContain('Không có hoạt động nào trong kỳ.');
    expect(text).toContain('Không có đoàn ra nào trong kỳ.');
  });

  it('a plan gives its title as a subtitle; English files have English labels', async () => {
    const m = model(SEED_PLAN.slice(0, 1), {
      t: tEn,
      locale: 'en',
      period: null,
      plan: { id: 4, title: 'Kế hoạch kỷ niệm 50 năm quan hệ Việt Nam - Nhật Bản', year: 2023 },
    });
    expect(m.fileBase).toBe('Consolidated-foreign-affairs-plan-KH4');
    const { sheets } = await readXlsx(await renderXlsx(m, NOW, { t }));
    expect(sheets.map((s) => s.name)).toEqual(['Plan', 'Outbound statistics']);
    expect(sheets[0]!.rows.slice(0, 3).map((r) => r[0])).toEqual([
      'CONSOLIDATED FOREIGN AFFAIRS PLAN 2023',
      'Kế hoạch kỷ niệm 50 năm quan hệ Việt Nam - Nhật Bản',
      '(Figures as of 10/04/2025)',
    ]);
    expect(sheets[0]!.rows).toContainEqual([
      'No.',
      'Activity',
      'Timing',
      'Lead agency',
      'Coordinating agencies',
      'Partner/Country',
      'Delegation (people)',
      'Funding source',
      'Estimated cost (VND)',
      'Status',
    ]);
    expect(sheets[0]!.rows.find((r) => r[0] === 1)![2]).toBe('April 2023');
    expect(sheets[0]!.rows.find((r) => r[0] === 1)![3]).toBe('Department of Foreign Affairs');
  });
});

describe.each(testProviders())('report and summary queries on %s', (provider) => {
  let db: TestDb;
  let ids: { sngv: number; snn: number };
  beforeAll(async () => {
    db = await createTestDb(provider);
    const sngv = await db.repos.agencies.create({ code: 'SNGV', nameVi: 'Sở Ngoại vụ' });
    const snn = await db.repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' });
    ids = { sngv: sngv.id, snn: snn.id };
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('select a period the way the domain says: overlap, deadlines on their day, undated in their plan year; no drafts (rejected ones are listed apart by the model)', async () => {
    const plan = await db.repos.plans.create({ kind: 'PROGRAMME', title: 'Kế hoạch đối ngoại năm 2025', year: 2025 });
    const by = { userId: null, referenceYear: 2024, now: NOW.toJSDate() };
    const mk = (title: string, over: Record<string, unknown>) =>
      db.repos.activities.create(
        {
          type: 'OUTBOUND',
          title,
          leadAgencyId: ids.sngv,
          status: 'AUTHORIZED',
          timingPrecision: 'DAY',
          startDate: d('2025-05-01'),
          endDate: d('2025-05-01'),
          countryCodes: ['JP'],
          ...over,
        },
        by,
      );
    await mk('Trong quý II', {});
    await mk('Qua ranh giới quý', { startDate: d('2025-03-30'), endDate: d('2025-04-02'), timingPrecision: 'RANGE' });
    await mk('Hạn trong quý II', {
      type: 'LETTER',
      timingPrecision: 'DEADLINE',
      startDate: null,
      endDate: d('2025-06-30'),
    });
    await mk('Chưa xác định, thuộc kế hoạch 2025', {
      timingPrecision: 'TBD',
      startDate: null,
      endDate: null,
      planId: plan.id,
    });
    await mk('Chưa xác định, đăng ký 2024', { timingPrecision: 'TBD', startDate: null, endDate: null });
    await mk('Bản nháp', { status: 'DRAFT' });
    await mk('Trả lại để bổ sung', { status: 'RETURNED', leadAgencyId: ids.snn, countryCodes: ['LA'] });
    await mk('Năm sau', { startDate: d('2026-01-05'), endDate: d('2026-01-05') });

    const titles = async (input: string) =>
      (await db.repos.reports.reportRows({ period: periodBounds(summaryPeriod(input, NOW)!) }))
        .map((r) => r.title)
        .sort();
    expect(await titles('q2')).toEqual(
      ['Hạn trong quý II', 'Trả lại để bổ sung', 'Qua ranh giới quý', 'Trong quý II'].sort(),
    );
    expect(await titles('2025')).toEqual(
      [
        'Chưa xác định, thuộc kế hoạch 2025',
        'Hạn trong quý II',
        'Trả lại để bổ sung',
        'Qua ranh giới quý',
        'Trong quý II',
      ].sort(),
    );
    expect(await titles('2024')).toEqual(['Chưa xác định, đăng ký 2024']);
    expect((await db.repos.reports.reportRows({ period: null, planId: plan.id })).map((r) => r.title)).toEqual([
      'Chưa xác định, thuộc kế hoạch 2025',
    ]);
    expect(await countReport(db.repos, { period: summaryPeriod('2025', NOW), plan: null })).toBe(5);

    // The summary counts the rejected proposal too (it shows in the status counts), never the draft.
    const { summary, agencies } = await loadSummary(db.repos, {
      period: periodBounds(summaryPeriod('2025', NOW)!),
      now: NOW,
    });
    expect(summary.total).toBe(5);
    expect(summary.byStatus).toEqual([
      { key: 'AUTHORIZED', count: 4 },
      { key: 'RETURNED', count: 1 },
    ]);
    expect(summary.byCountry).toEqual([
      { key: 'JP', count: 4 },
      { key: 'LA', count: 1 },
    ]);
    expect(agencies.map((a) => a.nameVi).sort()).toEqual(['Sở Ngoại vụ', 'Sở Nông nghiệp và Môi trường']);
    expect(summary.upcoming.map((a) => a.title)).toEqual(['Trong quý II', 'Hạn trong quý II']);
    expect(summary.overdue.map((o) => [o.row.title, o.reason, o.daysLate])).toEqual([
      ['Qua ranh giới quý', 'NOT_CLOSED', 8],
    ]);
  });

  it.runIf(provider === 'sqlite')(
    'the CLI writes the same files: report export --period 2025 --out <dir>',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-report-'));
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
      const ctx = {
        jobs: { deps: { config: { timezone: ZONE, defaultLocale: 'vi' }, repos: db.repos, i18n } },
        now: () => NOW,
        close: async () => undefined,
      } as unknown as CliContext;
      const run = (...argv: string[]) => runCli(argv, { io, open: async () => ctx, commands: reportCommands });
      expect(await run('report', 'export', '--period', '2025', '--out', dir)).toBe(0);
      expect(out.map((f) => path.basename(f))).toEqual([
        'Tong-hop-ke-hoach-doi-ngoai-2025.xlsx',
        'Tong-hop-ke-hoach-doi-ngoai-2025.docx',
      ]);
      const { sheets } = await readXlsx(fs.readFileSync(path.join(dir, 'Tong-hop-ke-hoach-doi-ngoai-2025.xlsx')));
      expect(sheets[0]!.rows[0]![0]).toBe('TỔNG HỢP KẾ HOẠCH ĐỐI NGOẠI NĂM 2025');
      expect((await readDocx(fs.readFileSync(path.join(dir, 'Tong-hop-ke-hoach-doi-ngoai-2025.docx')))).text).toContain(
        'Qua ranh giới quý',
      );
      expect(await run('report', 'export', '--period', 'quý V/2025', '--out', dir)).toBe(2);
      expect(err.at(-1)).toContain('"quý V/2025" is not a period');
      expect(await run('report', 'export', '--plan', 'KH999', '--out', dir)).toBe(2);
      expect(await run('report', 'summary', '-p', 'q2', '--locale', 'en')).toBe(0);
      expect(out.at(-1)).toContain('Foreign-affairs activities, Q2 2025');
      expect(out.at(-1)).toContain('Total: 4 activities'); // the rejected one counts in a summary

      // Who issues and signs: settings, not code.
      const set = (...argv: string[]) => runCli(argv, { io, open: async () => ctx, commands: settingsCommands });
      expect(await set('settings', 'set', 'org.province', 'Gia', 'Lai')).toBe(0);
      expect(await set('settings', 'set', 'signerName', 'Nguyễn Văn An')).toBe(0);
      expect(await set('settings', 'set', 'report.recipients', 'UBND tỉnh (b/c); Lưu: VT, HTQT')).toBe(0);
      expect(await set('settings', 'set', 'org.nothing', 'x')).toBe(2);
      expect(await set('settings', 'set', 'report.purposeCategories', 'COOPERATION=Hợp tác|Cooperation; a-b=Sai')).toBe(
        2,
      );
      expect(await set('settings', 'list')).toBe(0);
      const listed = out.slice(-9);
      expect(listed).toContain('org.province\tGia Lai');
      expect(listed).toContain('org.bodyName\tSở Ngoại vụ\t(default)');
      expect(listed).toContain(
        'report.purposeCategories\tCOOPERATION=Hợp tác|Cooperation; PROMOTION=Xúc tiến đầu tư, thương mại, du lịch|Investment, trade and tourism promotion; CULTURE=Giao lưu văn hóa|Cultural exchange; STUDY=Học tập kinh nghiệm|Study visit; CONFERENCE=Hội nghị, hội thảo|Conferences and seminars; OTHER=Khác|Other\t(default)',
      );
      expect(await run('report', 'export', '--period', '2025', '--out', dir)).toBe(0);
      const official = (
        await readDocx(fs.readFileSync(path.join(dir, 'Tong-hop-ke-hoach-doi-ngoai-2025.docx')))
      ).paragraphs.filter(Boolean);
      expect(official.slice(0, 6)).toEqual([
        'UBND TỈNH GIA LAI',
        'SỞ NGOẠI VỤ',
        'Số: ……/BC-SNgV',
        'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
        'Độc lập - Tự do - Hạnh phúc',
        'Gia Lai, ngày 10 tháng 4 năm 2025',
      ]);
      expect(official).toContain('- Lưu: VT, HTQT.');
      expect(official).toContain('Nguyễn Văn An');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  );

  it.runIf(provider === 'sqlite')(
    '5,000 activities still produce valid files',
    async () => {
      const before = await db.db.activity.count();
      const base = (await db.db.activity.aggregate({ _max: { id: true } }))._max.id ?? 0;
      const types = ['OUTBOUND', 'INBOUND', 'LETTER', 'CONFERENCE', 'EXCHANGE'] as const;
      await db.db.activity.createMany({
        data: Array.from({ length: 5000 }, (_, i) => ({
          id: base + i + 1,
          reference: `2027-${String(i + 1).padStart(4, '0')}`,
          type: types[i % types.length]!,
          title: `Hoạt động đối ngoại số ${i + 1} — giao lưu hữu nghị với tỉnh Chăm-pa-sắc`,
          leadAgencyId: i % 2 ? ids.sngv : ids.snn,
          status: 'AUTHORIZED' as const,
          timingPrecision: 'DAY' as const,
          startDate: d('2027-01-01'),
          endDate: d('2027-01-01'),
          costVnd: 1_000_000n,
          details: { members: 3, purpose: 'Giao lưu hữu nghị' },
        })),
      });
      await db.db.activityCountry.createMany({
        data: Array.from({ length: 5000 }, (_, i) => ({ activityId: base + i + 1, countryCode: 'LA' })),
      });
      await db.db.activityFunding.createMany({
        data: Array.from({ length: 5000 }, (_, i) => ({ activityId: base + i + 1, source: 'STATE_BUDGET' as const })),
      });
      await db.db.activityCoordinator.createMany({
        data: Array.from({ length: 5000 }, (_, i) => ({ activityId: base + i + 1, agencyId: ids.snn })),
      });
      expect(await db.db.activity.count()).toBe(before + 5000);

      const { total, files } = await buildReportFiles(db.repos, {
        period: summaryPeriod('2027', NOW),
        plan: null,
        now: NOW,
        zone: ZONE,
        locale: 'vi',
        t: i18n.forLocale('vi'),
      });
      expect(total).toBe(5000);
      expect(files.map((f) => f.filename)).toEqual([
        'Tong-hop-ke-hoach-doi-ngoai-2027.xlsx',
        'Tong-hop-ke-hoach-doi-ngoai-2027.docx',
      ]);
      const { sheets } = await readXlsx(files[0]!.bytes);
      const data = sheets[0]!.rows.filter((r) => typeof r[0] === 'number');
      expect(data).toHaveLength(5000);
      expect(data.at(-1)![0]).toBe(1000); // STT restarts per type group: 5 groups of 1,000
      expect(
        sheets[0]!.rows.filter((r) => typeof r[0] === 'string' && /^[IV]+\. /.test(r[0])).map((r) => r[0]),
      ).toEqual([
        'I. ĐOÀN RA',
        'II. ĐOÀN VÀO',
        'III. THƯ CHÚC MỪNG',
        'IV. HỘI NGHỊ, HỘI THẢO QUỐC TẾ',
        'V. GIAO LƯU VĂN HÓA, THỂ THAO, NHÂN DÂN',
      ]);
      expect(sheets[1]!.rows).toContainEqual(['Tổng cộng', 1000, 3000, 1_000_000_000]);
      const { paragraphs } = await readDocx(files[1]!.bytes);
      expect(paragraphs.filter((p) => p.startsWith('Số hiệu: 2027-'))).toHaveLength(5000);
      expect(paragraphs).toContain('Hoạt động đối ngoại số 5000 — giao lưu hữu nghị với tỉnh Chăm-pa-sắc');
      expect(await db.db.activity.count()).toBe(before + 5000); // reading changes nothing
    },
    240_000,
  ); // ~10 s on an idle machine; generous for a runner shared with other suites
});

describe('details the Department must see in the table', () => {
  it('shows the Party Committee flag of a delegation and a letter’s sender and recipient', () => {
    const rows = [
      activity({ title: 'Đoàn sang Campuchia', details: { partyOpinion: true } }),
      activity({ title: 'Đoàn sang Lào', details: { partyOpinion: false } }),
      activity({
        type: 'LETTER',
        title: 'Thư chúc mừng Quốc khánh Lào',
        details: { occasion: 'NATIONAL_DAY', sender: 'Chủ tịch UBND tỉnh', recipient: 'Tỉnh trưởng Chăm-pa-sắc' },
      }),
    ];
    const cells = model(rows).groups.flatMap((g) => g.rows.map((r) => String(r[1])));
    expect(cells.find((c) => c.includes('Campuchia'))).toContain('Cần xin ý kiến Ban Thường vụ Tỉnh ủy');
    expect(cells.find((c) => c.includes('sang Lào'))).toContain('Không cần xin ý kiến Ban Thường vụ Tỉnh ủy');
    const letter = cells.find((c) => c.includes('Quốc khánh'))!;
    expect(letter).toContain('Người ký gửi: Chủ tịch UBND tỉnh');
    expect(letter).toContain('Người nhận: Tỉnh trưởng Chăm-pa-sắc');
  });
});
