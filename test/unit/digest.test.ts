import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  composeDigest,
  composeWeeklySummary,
  summarizeUndelivered,
  type DigestActivity,
  type DigestData,
} from '../../src/domain/digest';
import { splitMessage, TELEGRAM_MAX_MESSAGE } from '../../src/domain/format';
import { createI18n } from '../../src/i18n/index';

const ZONE = 'Asia/Ho_Chi_Minh';
const i18n = createI18n('vi');
const vi = i18n.forLocale('vi');
const en = i18n.forLocale('en');
const utc = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const NOW = DateTime.fromISO('2025-04-10T07:30', { zone: ZONE });

const act = (over: Partial<DigestActivity> = {}): DigestActivity => ({
  reference: '2025-017',
  title: 'Đoàn công tác tỉnh Champasak',
  type: 'INBOUND',
  status: 'AUTHORIZED',
  leadAgency: { code: 'SNN' },
  timingPrecision: 'DAY',
  startDate: utc('2025-04-12'),
  endDate: utc('2025-04-12'),
  submittedAt: NOW.minus({ hours: 3 }).toJSDate(),
  ...over,
});

function data(over: Partial<DigestData> = {}): DigestData {
  return {
    now: NOW,
    zone: ZONE,
    locale: 'vi',
    since: NOW.minus({ days: 1 }),
    upcomingDays: 7,
    followUpDays: 3,
    submitted: [
      act({
        reference: '2025-020',
        title: 'Đoàn ra Nhật Bản <xúc tiến>',
        type: 'OUTBOUND',
        status: 'SUBMITTED',
        startDate: utc('2025-06-01'),
        endDate: utc('2025-06-05'),
        timingPrecision: 'RANGE',
      }),
    ],
    activities: [
      act(),
      act({ reference: '2025-018', status: 'CANCELLED' }),
      act({ reference: '2025-019', startDate: utc('2025-04-25'), endDate: utc('2025-04-25') }),
      act({ reference: '2025-016', startDate: utc('2025-04-10'), endDate: utc('2025-04-10') }),
    ],
    followUps: [
      {
        title: 'Gửi câu hỏi hội đàm',
        dueDate: utc('2025-04-12'),
        doneAt: null,
        responsibleAgency: { code: 'SNN' },
        activity: { reference: '2025-017' },
      },
      {
        title: 'Phía Long Châu trả lời',
        dueDate: utc('2025-04-05'),
        doneAt: null,
        responsibleAgency: null,
        activity: null,
      },
      { title: 'Đã xong', dueDate: utc('2025-04-11'), doneAt: new Date(), responsibleAgency: null },
      { title: 'Còn xa', dueDate: utc('2025-04-30'), doneAt: null, responsibleAgency: null },
    ],
    plans: [
      {
        title: 'Kế hoạch đối ngoại năm 2026',
        deadline: utc('2025-09-25'),
        responses: [
          { agencyCode: 'SYT', status: 'PENDING' },
          { agencyCode: 'SNN', status: 'ANSWERED' },
          { agencyCode: 'SCT', status: 'PENDING' },
        ],
      },
      { title: 'Đã đủ', deadline: utc('2025-09-25'), responses: [{ agencyCode: 'SNN', status: 'NIL' }] },
    ],
    undelivered: [{ label: 'Nguyễn Văn A (SNN)', reason: 'blocked', count: 2 }],
    ...over,
  };
}

describe('daily digest composition', () => {
  it('lists each section of docs/product.md#digest with its items, in Vietnamese', () => {
    const text = composeDigest(data(), vi);
    expect(text).toContain('<b>TỔNG HỢP CÔNG TÁC ĐỐI NGOẠI NGÀY 10/04/2025</b>');
    expect(text).toContain('Hoạt động mới đăng ký</b> (từ 07h30 ngày 09/04/2025): 1');
    expect(text).toContain(
      '• <b>2025-020</b> Đoàn ra: Đoàn ra Nhật Bản &lt;xúc tiến&gt; — SNN — 01/06/2025 - 05/06/2025',
    );
    // Upcoming: today and within 7 days, not cancelled, not later.
    expect(text).toContain('Hoạt động trong 7 ngày tới</b>: 2');
    expect(text.indexOf('2025-016')).toBeLessThan(text.indexOf('2025-017'));
    expect(text).not.toContain('2025-018');
    expect(text).not.toContain('2025-019');
    expect(text).toContain('• Gửi câu hỏi hội đàm (2025-017) — SNN — hạn 12/04/2025');
    expect(text).toContain('Việc quá hạn</b>: 1');
    expect(text).toContain('• Phía Long Châu trả lời — Sở Ngoại vụ — hạn 05/04/2025, quá 5 ngày');
    expect(text).not.toContain('Đã xong');
    expect(text).not.toContain('Còn xa');
    expect(text).toContain(
      '• Kế hoạch đối ngoại năm 2026 — hạn 25/09/2025: còn 2/3 cơ quan chưa trả lời:\n   SCT, SYT',
    );
    expect(text).not.toContain('Đã đủ');
    expect(text).toContain('• Nguyễn Văn A (SNN) — đã chặn bot (2 tin)');
  });

  it('says "none" for empty sections and speaks English when asked', () => {
    const text = composeDigest(
      data({ locale: 'en', submitted: [], activities: [], followUps: [], plans: [], undelivered: [] }),
      en,
    );
    expect(text).toContain('FOREIGN-AFFAIRS DIGEST, 10/04/2025');
    expect(text.match(/— None\./g)).toHaveLength(6);
  });

  it('over 4096 characters it is split at line boundaries, every part valid HTML and nothing lost', () => {
    const many = Array.from({ length: 120 }, (_, i) =>
      act({
        reference: `2025-${String(i).padStart(3, '0')}`,
        title: `Hoạt động giao lưu hữu nghị số ${i} với các địa phương nước bạn`,
        startDate: utc('2025-04-14'),
      }),
    );
    const text = composeDigest(data({ activities: many }), vi);
    expect(text.length).toBeGreaterThan(3 * TELEGRAM_MAX_MESSAGE);
    const parts = splitMessage(text);
    expect(parts.length).toBeGreaterThanOrEqual(4);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(TELEGRAM_MAX_MESSAGE);
      expect(p.split('<b>').length).toBe(p.split('</b>').length);
    }
    expect(parts.join('\n').replace(/\n+/g, '\n')).toBe(text.replace(/\n+/g, '\n')); // order and content kept
    for (let i = 0; i < 120; i++)
      expect(parts.filter((p) => p.includes(`2025-${String(i).padStart(3, '0')}</b>`))).toHaveLength(1);
  });

  it('after the deadline, silent agencies are named as recorded "no plan"', () => {
    const text = composeDigest(
      data({
        plans: [
          {
            title: 'Kế hoạch 2025',
            deadline: utc('2024-09-25'),
            responses: [
              { agencyCode: 'SYT', status: 'NO_PLAN' },
              { agencyCode: 'SNN', status: 'ANSWERED' },
            ],
          },
        ],
      }),
      vi,
    );
    expect(text).toContain(
      '• Kế hoạch 2025 — hạn 25/09/2024 đã qua: 1/2 cơ quan không trả lời, được ghi nhận là không có kế hoạch:\n   SYT',
    );
  });

  it('weekly summary for heads: the week behind and ahead', () => {
    const text = composeWeeklySummary(data(), vi);
    expect(text).toContain('TÓM TẮT CÔNG TÁC ĐỐI NGOẠI TUẦN');
    expect(text).toContain('Hoạt động đăng ký mới trong 7 ngày qua: <b>1</b>');
    expect(text).toContain('2025-017');
    expect(text).not.toContain('Tin nhắc việc không gửi được');
  });

  it('groups undelivered notifications by recipient and reason', () => {
    const rows = [
      { chatId: 5n, lastError: '403 Forbidden: bot was blocked by the user' },
      { chatId: 5n, lastError: '403 Forbidden: bot was blocked by the user' },
      { chatId: -100n, lastError: '403 Forbidden: bot was kicked from the group chat' },
      { chatId: 6n, lastError: '502 Bad Gateway' },
    ];
    expect(summarizeUndelivered(rows, (c) => `#${c}`)).toEqual([
      { label: '#5', reason: 'blocked', count: 2 },
      { label: '#-100', reason: 'left', count: 1 },
      { label: '#6', reason: 'failed', count: 1 },
    ]);
  });
});
