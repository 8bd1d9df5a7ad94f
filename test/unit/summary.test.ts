import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  groupRows,
  inPeriod,
  localToday,
  overdueActivities,
  overdueFollowUps,
  periodBounds,
  summarize,
  summarizeRows,
  summaryPeriod,
  upcomingActivities,
  type CountedRow,
} from '../../src/domain/summary.js';
import { createI18n } from '../../src/i18n/index.js';
import {
  buildOverdueMessage,
  buildSummaryMessage,
  buildUpcomingMessage,
  packBlocks,
  type ListedActivity,
} from '../../src/reports/summary-text.js';
import { periodLabel, plainT, reportFileBase } from '../../src/reports/labels.js';

const ZONE = 'Asia/Ho_Chi_Minh';
// Thursday 10 April 2025, 09:00 local
const NOW = DateTime.fromISO('2025-04-10T09:00:00', { zone: ZONE });
const TODAY = localToday(NOW);
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const i18n = createI18n('vi');
const t = i18n.forLocale('vi');
const tEn = i18n.forLocale('en');

let seq = 0;
function row(
  over: Partial<CountedRow & ListedActivity> & { start?: string | null; end?: string | null },
): CountedRow & ListedActivity {
  seq++;
  const { start, end, ...rest } = over;
  return {
    id: seq,
    reference: `2025-${String(seq).padStart(3, '0')}`,
    type: 'OUTBOUND',
    status: 'AUTHORIZED',
    leadAgencyId: 1,
    timingPrecision: 'DAY',
    startDate: start === undefined ? d('2025-05-01') : start ? d(start) : null,
    endDate:
      end === undefined ? (start === undefined ? d('2025-05-01') : start ? d(start) : null) : end ? d(end) : null,
    countryCodes: [],
    title: `Hoạt động ${seq}`,
    timingLabel: null,
    leadAgency: { nameVi: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs' },
    ...rest,
  };
}

describe('summary periods', () => {
  it.each([
    ['', 'YEAR', '2025-01-01', '2025-12-31'],
    ['2025', 'YEAR', '2025-01-01', '2025-12-31'],
    ['q3', 'QUARTER', '2025-07-01', '2025-09-30'],
    ['quý III/2025', 'QUARTER', '2025-07-01', '2025-09-30'],
    ['tháng 9', 'MONTH', '2025-09-01', '2025-09-30'],
    ['tháng này', 'MONTH', '2025-04-01', '2025-04-30'],
    ['tuần này', 'RANGE', '2025-04-07', '2025-04-13'],
    ['6 tháng đầu năm', 'HALF_YEAR', '2025-01-01', '2025-06-30'],
    ['năm 2024', 'YEAR', '2024-01-01', '2024-12-31'],
  ])('%j', (input, precision, start, end) => {
    expect(summaryPeriod(input, NOW)).toEqual({ precision, start, end });
  });

  it('refuses what is not a span of time', () => {
    for (const bad of ['quý V/2025', '31/2/2025', 'trước 15/9/2025', 'chưa xác định', 'abc', 'x'.repeat(500)])
      expect(summaryPeriod(bad, NOW), bad).toBeNull();
  });

  it('labels and file names', () => {
    const p = (s: string) => summaryPeriod(s, NOW)!;
    const plain = plainT(t);
    expect(periodLabel(p('2025'), plain, 'vi')).toBe('năm 2025');
    expect(periodLabel(p('q3'), plain, 'vi')).toBe('quý III/2025');
    expect(periodLabel(p('tháng 9'), plain, 'vi')).toBe('tháng 09/2025');
    expect(periodLabel(p('tuần này'), plain, 'vi')).toBe('từ 07/04/2025 đến 13/04/2025');
    expect(periodLabel(p('6 tháng đầu năm'), plain, 'vi')).toBe('6 tháng đầu năm 2025');
    expect(periodLabel(p('q3'), plainT(tEn), 'en')).toBe('Q3 2025');
    expect(reportFileBase(plain, p('2025'), null)).toBe('Tong-hop-ke-hoach-doi-ngoai-2025');
    expect(reportFileBase(plain, p('quý III/2025'), null)).toBe('Tong-hop-ke-hoach-doi-ngoai-quy-III-2025');
    expect(reportFileBase(plain, p('6 tháng đầu năm'), 7)).toBe('Tong-hop-ke-hoach-doi-ngoai-6-thang-dau-nam-2025-KH7');
    expect(reportFileBase(plain, null, 3)).toBe('Tong-hop-ke-hoach-doi-ngoai-KH3');
    expect(reportFileBase(plainT(tEn), p('2025'), null)).toBe('Consolidated-foreign-affairs-plan-2025');
  });

  it('an activity is in a period when its days overlap; undated ones count in their year when the year is covered whole', () => {
    const year = periodBounds(summaryPeriod('2025', NOW)!);
    const q2 = periodBounds(summaryPeriod('q2', NOW)!);
    expect(year.wholeYears).toEqual([2025]);
    expect(q2.wholeYears).toEqual([]);
    expect(inPeriod(row({ start: '2025-03-28', end: '2025-04-02' }), q2, null)).toBe(true);
    expect(inPeriod(row({ start: '2025-03-01', end: '2025-03-31' }), q2, null)).toBe(false);
    expect(inPeriod(row({ start: null, end: '2025-06-30' }), q2, null)).toBe(true); // a deadline: its due day
    expect(inPeriod(row({ start: null, end: null }), year, 2025)).toBe(true);
    expect(inPeriod(row({ start: null, end: null }), q2, 2025)).toBe(false);
    expect(inPeriod(row({ start: null, end: null }), year, 2024)).toBe(false);
    expect(periodBounds({ precision: 'RANGE', start: '2024-12-01', end: '2026-01-31' }).wholeYears).toEqual([2025]);
  });
});

describe('summarize', () => {
  const rows = [
    row({
      type: 'OUTBOUND',
      status: 'AUTHORIZED',
      leadAgencyId: 1,
      countryCodes: ['JP', 'JP', 'KR'],
      start: '2025-04-15',
      end: '2025-04-20',
    }),
    row({ type: 'OUTBOUND', status: 'SUBMITTED', leadAgencyId: 2, countryCodes: ['JP'], start: '2025-04-10' }),
    row({
      type: 'INBOUND',
      status: 'AUTHORIZED',
      leadAgencyId: 1,
      countryCodes: ['LA'],
      start: '2025-04-01',
      end: '2025-04-03',
    }), // ended, not closed
    row({
      type: 'LETTER',
      status: 'AUTHORIZED',
      leadAgencyId: 1,
      timingPrecision: 'DEADLINE',
      start: null,
      end: '2025-04-12',
    }), // due in 2 days
    row({ type: 'LETTER', status: 'DONE', leadAgencyId: 2, start: '2025-03-01' }), // report 25 days late
    row({ type: 'MEDIA', status: 'DONE', leadAgencyId: 2, start: '2025-04-01' }), // within the grace days
    row({ type: 'MEDIA', status: 'CANCELLED', leadAgencyId: 3, start: '2025-01-05' }),
    row({ type: 'OTHER', status: 'REPORTED', leadAgencyId: 3, start: '2025-02-01' }),
    row({ type: 'OTHER', status: 'AUTHORIZED', leadAgencyId: 3, timingPrecision: 'TBD', start: null, end: null }),
    row({ type: 'AWARD', status: 'RETURNED', leadAgencyId: 3, start: '2025-06-01' }),
  ];

  it('counts by type, status, lead agency and country (a country once per activity)', () => {
    const s = summarizeRows(rows, { today: TODAY });
    expect(s.total).toBe(10);
    expect(s.byType).toEqual([
      { key: 'OUTBOUND', count: 2 },
      { key: 'LETTER', count: 2 },
      { key: 'MEDIA', count: 2 },
      { key: 'OTHER', count: 2 },
      { key: 'INBOUND', count: 1 },
      { key: 'AWARD', count: 1 },
    ]);
    expect(s.byStatus[0]).toEqual({ key: 'AUTHORIZED', count: 4 });
    expect(s.byAgency).toEqual(
      [
        { key: 1, count: 3 },
        { key: 2, count: 3 },
        { key: 3, count: 4 },
      ].sort((a, b) => b.count - a.count),
    );
    expect(s.byCountry).toEqual([
      { key: 'JP', count: 2 },
      { key: 'KR', count: 1 },
      { key: 'LA', count: 1 },
    ]);
  });

  it('lists what comes next (today included, a deadline on its due day) and every overdue item', () => {
    const s = summarizeRows(rows, { today: TODAY, upcomingLimit: 2 });
    expect(s.upcoming.map((r) => r.id)).toEqual([rows[1]!.id, rows[3]!.id]);
    expect(s.upcomingTotal).toBe(3);
    expect(s.overdue.map((o) => [o.row.id, o.reason, o.daysLate])).toEqual(
      [
        [rows[2]!.id, 'NOT_CLOSED', 7],
        [rows[4]!.id, 'REPORT_MISSING', 25],
      ].sort((a, b) => (b[2] as number) - (a[2] as number)),
    );
  });

  it('gives the same result from GROUP BY rows as from the rows themselves', () => {
    const fromRows = summarizeRows(rows, { today: TODAY });
    const fromGroups = summarize({ ...groupRows(rows), upcoming: rows, overdueCandidates: rows }, { today: TODAY });
    expect(fromGroups).toEqual(fromRows);
    expect(
      summarize({ groups: [], countries: [], upcoming: [], overdueCandidates: [] }, { today: TODAY }),
    ).toMatchObject({ total: 0, byType: [], upcoming: [], overdue: [], overdueTotal: 0 });
  });

  it('upcoming windows are inclusive and only hold pending activities', () => {
    const inWindow = row({ start: '2025-04-16' });
    const after = row({ start: '2025-04-17' });
    const done = row({ status: 'DONE', start: '2025-04-11' });
    expect(upcomingActivities([after, inWindow, done], TODAY, 7).map((r) => r.id)).toEqual([inWindow.id]);
    expect(
      overdueActivities(
        [row({ status: 'POSTPONED', start: '2025-01-01' }), row({ status: 'REPORTED', start: '2025-01-01' })],
        TODAY,
      ),
    ).toEqual([]);
  });

  it('follow-ups are overdue from the day after their due day, however the due date was stored', () => {
    const base = { title: 'Phía Long Châu phản hồi', responsibleAgencyId: 1, activityReference: '2025-001' };
    const items = overdueFollowUps(
      [
        { id: 1, dueDate: new Date('2025-04-09T00:00:00Z'), doneAt: null, ...base }, // UTC midnight of 09/04
        { id: 2, dueDate: new Date('2025-04-08T17:00:00Z'), doneAt: null, ...base }, // local midnight of 09/04
        { id: 3, dueDate: new Date('2025-04-10T00:00:00Z'), doneAt: null, ...base }, // due today
        { id: 4, dueDate: new Date('2025-04-01T00:00:00Z'), doneAt: new Date(), ...base }, // done
        { id: 5, dueDate: new Date('2025-03-31T00:00:00Z'), doneAt: null, ...base },
      ],
      NOW,
    );
    expect(items.map((i) => [i.row.id, i.dueDay, i.daysLate])).toEqual([
      [5, '2025-03-31', 10],
      [1, '2025-04-09', 1],
      [2, '2025-04-09', 1],
    ]);
  });
});

describe('summary messages', () => {
  const o = { t, locale: 'vi' as const, zone: ZONE };
  const tags = (s: string) => [...s.matchAll(/<(\/?)(b|i|code)>/g)].reduce((n, m) => n + (m[1] ? -1 : 1), 0);

  it('shows counts by name, the next activities and overdue ones; escapes typed text', () => {
    const rows = [
      row({ title: 'Đón đoàn <Izumisano> & Sakai', countryCodes: ['JP'], start: '2025-04-15' }),
      row({
        type: 'INBOUND',
        countryCodes: ['LA'],
        start: '2025-04-01',
        leadAgencyId: 2,
        leadAgency: { nameVi: 'Sở Nông nghiệp và Môi trường', nameEn: null },
      }),
    ];
    const s = summarizeRows(rows, { today: TODAY });
    const [text, ...rest] = buildSummaryMessage(s, {
      ...o,
      periodLabel: 'năm 2025',
      agencies: [
        { id: 1, nameVi: 'Sở Ngoại vụ', nameEn: null },
        { id: 2, nameVi: 'Sở Nông nghiệp và Môi trường', nameEn: null },
      ],
      periodArg: '2025',
    });
    expect(rest).toEqual([]);
    expect(text).toContain('<b>Tổng hợp hoạt động đối ngoại năm 2025</b>');
    expect(text).toContain('Tổng số: <b>2</b> hoạt động');
    expect(text).toContain('• Đoàn ra: 1');
    expect(text).toContain('• Đoàn vào: 1');
    expect(text).toContain('• Được cấp có thẩm quyền cho phép: 2');
    expect(text).toContain('• Sở Nông nghiệp và Môi trường: 1');
    expect(text).toContain('• Nhật Bản: 1');
    expect(text).toContain('• Lào: 1');
    expect(text).toContain('15/04/2025 — Đón đoàn &lt;Izumisano&gt; &amp; Sakai');
    expect(text).toContain('<b>Quá hạn</b> (1)');
    expect(text).toContain('đã qua thời gian thực hiện 9 ngày');
    expect(text).toContain('/report 2025');
  });

  it('an empty period says so', () => {
    const [text] = buildSummaryMessage(summarizeRows([], { today: TODAY }), {
      ...o,
      periodLabel: 'quý III/2025',
      agencies: [],
    });
    expect(text).toContain('Tổng số: <b>0</b>');
    expect(text).toContain('Chưa có hoạt động nào');
  });

  it('long content is split into messages under 4096 characters, at line ends, tags closed in each', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      row({
        title: `Đoàn công tác rất dài số ${i} `.repeat(6),
        start: '2025-01-02',
        countryCodes: ['JP', 'LA', 'KH', 'CN', 'KR', 'US', 'FR', 'DE', 'TH', 'SG'].slice(0, (i % 10) + 1),
        leadAgencyId: i % 30,
      }),
    );
    const s = summarizeRows(many, { today: TODAY });
    const agencies = Array.from({ length: 30 }, (_, id) => ({
      id,
      nameVi: `Ủy ban nhân dân huyện có tên rất dài số ${id}`,
      nameEn: null,
    }));
    const parts = buildSummaryMessage(s, { ...o, periodLabel: 'năm 2025', agencies });
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(4096);
      expect(tags(p)).toBe(0);
    }
    const all = parts.join('\n');
    expect(all).toContain('• 22 cơ quan khác: ');
    expect(all).toContain('• 2 quốc gia khác: ');
    expect(all).toContain('… và 300 mục khác');
    // The counts come first, in one message.
    expect(parts[0]).toContain('<b>Theo cơ quan chủ trì</b>');
  });

  it('/upcoming and /overdue texts, in both languages', () => {
    const a = row({ start: '2025-04-12', title: 'Hội đàm trực tuyến với Long Châu' });
    const up = buildUpcomingMessage([a], 1, { ...o, days: 7, from: d('2025-04-10'), to: d('2025-04-16') });
    expect(up[0]).toContain('trong 7 ngày tới</b> (10/04/2025 – 16/04/2025): 1');
    expect(up[0]).toContain('12/04/2025 — Hội đàm trực tuyến với Long Châu (2025-');
    expect(
      buildUpcomingMessage([], 0, {
        ...o,
        t: tEn,
        locale: 'en',
        days: 7,
        from: d('2025-04-10'),
        to: d('2025-04-16'),
      })[0],
    ).toBe('No activity in the next 7 days (10/04/2025 – 16/04/2025).');
    const late = overdueActivities([row({ start: '2025-04-01', title: 'Đoàn ra Lào' })], TODAY);
    const fu = overdueFollowUps(
      [
        {
          id: 1,
          title: 'Sở NN&PTNT gửi câu hỏi',
          dueDate: d('2025-04-08'),
          doneAt: null,
          responsibleAgencyId: null,
          activityReference: null,
          responsibleAgency: null,
        },
      ],
      NOW,
    );
    const text = buildOverdueMessage(late, 1, fu, o).join('\n');
    expect(text).toContain('<b>Hoạt động quá hạn</b>: 1');
    expect(text).toContain('<b>Việc cần theo dõi quá hạn</b>: 1');
    expect(text).toContain('Hạn 08/04/2025 — Sở NN&amp;PTNT gửi câu hỏi — chưa giao cơ quan: <i>quá hạn 2 ngày</i>');
    expect(buildOverdueMessage([], 0, [], { ...o, t: tEn, locale: 'en' })).toEqual([
      'No activity or follow-up is overdue.',
    ]);
  });

  it('packBlocks keeps blocks whole when they fit', () => {
    expect(packBlocks(['a'.repeat(10), 'b'.repeat(10)], 25)).toEqual([`${'a'.repeat(10)}\n\n${'b'.repeat(10)}`]);
    expect(packBlocks(['a'.repeat(10), 'b'.repeat(10)], 21)).toEqual(['a'.repeat(10), 'b'.repeat(10)]);
    expect(packBlocks(['x\n'.repeat(20).trim(), ''], 10).every((p) => p.length <= 10)).toBe(true);
  });
});
