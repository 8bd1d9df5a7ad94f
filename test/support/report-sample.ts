/**
 * A small consolidated plan in the seeds' shape (the Bình Định–Japan programme, docs/product.md#source-documents), with the things that
 * break layouts: long titles, several lines per cell, date ranges, unknown sizes and costs, a
 * cancelled activity. Shared by the report tests.
 */
import type { ReportActivity } from '../../src/reports/report-model.js';

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const SNGV = { nameVi: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs' };
const VPUB = { nameVi: 'Văn phòng UBND tỉnh', nameEn: null };
const SCT = { nameVi: 'Sở Công Thương', nameEn: null };

let seq = 0;
export function sampleActivity(over: Partial<ReportActivity>): ReportActivity {
  seq++;
  return {
    id: seq,
    reference: `2023-${String(seq).padStart(3, '0')}`,
    type: 'OUTBOUND',
    status: 'AUTHORIZED',
    title: `Hoạt động ${seq}`,
    partnerName: null,
    place: null,
    costVnd: null,
    details: null,
    leadAgency: SNGV,
    coordinators: [],
    countries: [],
    fundings: [],
    timingPrecision: 'DAY',
    startDate: d('2023-09-15'),
    endDate: d('2023-09-15'),
    timingLabel: null,
    ...over,
  };
}

export function samplePlan(): ReportActivity[] {
  return [
    sampleActivity({
      title:
        'Đoàn công tác của tỉnh sang thăm và làm việc với thành phố Izumisano, Hội hữu nghị Nhật - Việt tại Sakai, tham dự Lễ hội Quốc khánh',
      partnerName: 'Thành phố Izumisano',
      countries: [{ countryCode: 'JP' }],
      coordinators: [
        { agency: VPUB },
        { agency: SCT },
        { agency: { nameVi: 'Sở Văn hóa, Thể thao và Du lịch', nameEn: null } },
      ],
      fundings: [{ source: 'STATE_BUDGET' }],
      costVnd: 350_000_000n,
      timingPrecision: 'RANGE',
      startDate: d('2023-09-15'),
      endDate: d('2023-09-21'),
      details: {
        members: 5,
        headName: 'Lâm Hải Giang',
        headPosition: 'Phó Chủ tịch UBND tỉnh',
        composition: 'Lãnh đạo UBND tỉnh, Sở Ngoại vụ, Sở Công Thương, Sở Kế hoạch và Đầu tư',
        purpose: 'Xúc tiến đầu tư, thương mại',
        purposeCategory: 'PROMOTION',
      },
    }),
    sampleActivity({
      title: 'Đoàn Sở Nông nghiệp học tập kinh nghiệm trồng cây Mắc ca tại tỉnh Ất-ta-pư',
      leadAgency: { nameVi: 'Sở Nông nghiệp và Môi trường', nameEn: null },
      countries: [{ countryCode: 'LA' }],
      fundings: [{ source: 'STATE_BUDGET' }, { source: 'PARTNER' }],
      timingPrecision: 'QUARTER',
      startDate: d('2023-07-01'),
      endDate: d('2023-09-30'),
      details: { purpose: 'Học tập kinh nghiệm' },
    }),
    sampleActivity({
      type: 'INBOUND',
      title: 'Đón tiếp Đoàn đại biểu thành phố Izumisano sang thăm và làm việc tại tỉnh',
      place: 'Quy Nhơn',
      partnerName: 'Thành phố Izumisano',
      countries: [{ countryCode: 'JP' }],
      startDate: d('2023-11-02'),
      endDate: d('2023-11-02'),
      costVnd: 120_500_000n,
      details: { members: 12, headName: 'Chiyomatsu Hiroshi', headPosition: 'Thị trưởng' },
    }),
    sampleActivity({
      type: 'LETTER',
      title: 'Gửi Thư chúc mừng Quốc khánh của Chủ tịch UBND tỉnh tới Đại sứ quán Nhật Bản tại Việt Nam',
      timingPrecision: 'DEADLINE',
      startDate: null,
      endDate: d('2023-09-15'),
      coordinators: [{ agency: { nameVi: 'Văn phòng Tỉnh ủy', nameEn: null } }, { agency: VPUB }],
    }),
    sampleActivity({
      type: 'CONFERENCE',
      title: 'Hội nghị Xúc tiến đầu tư, thương mại các doanh nghiệp Nhật Bản tại tỉnh Bình Định',
      startDate: d('2023-06-01'),
      endDate: d('2023-06-30'),
      timingPrecision: 'MONTH',
      costVnd: 1_250_000_000n,
      details: { vnDelegates: 150, foreignDelegates: 50 },
    }),
    sampleActivity({
      title: 'Đoàn khảo sát thị trường đã hủy',
      status: 'CANCELLED',
      startDate: d('2023-10-10'),
      endDate: d('2023-10-14'),
      timingPrecision: 'RANGE',
    }),
  ];
}
