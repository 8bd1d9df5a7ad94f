import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { act, conversation, focalPoint, last, startForm, type Focal } from './register-helpers.js';

// docs/product.md#lifecycle plausibility (issue 12): nothing implausible is stored silently. The harness's today is
// 10/04/2025.

const COORD_ID = 6_800_000_001;
const plain = (html: unknown) =>
  String(html ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');

describe('plausible dates and states over HTTP', () => {
  let h: Harness;
  let f: Focal;

  beforeAll(async () => {
    h = await startHarness();
    f = await focalPoint(h, 6_800_000_002, { code: 'SNN' });
    await h.app.repos.users.upsertWithRole({ telegramId: BigInt(COORD_ID), displayName: 'Thu' }, 'COORDINATOR', null);
    h.fake.user(COORD_ID, { firstName: 'Thu', languageCode: 'vi' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Fills the open form: `answers` by field key (text sent, or a button pressed when it starts with "btn:"); other fields skipped. */
  async function fill(answers: Record<string, string>) {
    const id = f.user.id;
    const asked: string[] = [];
    for (let guard = 0; guard < 30; guard++) {
      const step = (await conversation(h, f))?.state.step;
      if (!step) break;
      asked.push(step);
      const a = answers[step];
      if (a?.startsWith('btn:')) await act(h, id, () => f.user.pressButton(a.slice(4)));
      else if (a !== undefined) await act(h, id, () => f.user.send(a));
      else await act(h, id, () => f.user.command('skip'));
    }
    return asked;
  }

  it('a timing already past asks to confirm a past activity, and marks it so', async () => {
    await startForm(h, f, 'Hoạt động khác');
    let asked = await fill({ title: 'Tọa đàm đã tổ chức tháng 1', timing: 'tháng 1/2025', recordedPast: 'btn:Có' });
    expect(asked).toContain('recordedPast');
    await act(h, f.user.id, () => f.user.pressButton('✅ Gửi đăng ký'));
    const stored = (await h.app.repos.activities.listByAgency(f.agencyId)).items.find(
      (a) => a.title === 'Tọa đàm đã tổ chức tháng 1',
    );
    expect(stored?.recordedPast).toBe(true);

    // Answered "no": the timing must be corrected; nothing is stored.
    await startForm(h, f, 'Hoạt động khác');
    asked = await fill({ title: 'Hội thảo nhập nhầm năm', timing: 'tháng 3/2024', recordedPast: 'btn:Không' });
    await act(h, f.user.id, () => f.user.pressButton('✅ Gửi đăng ký'));
    expect(plain(last(h, f.user.id).text) + plain(h.fake.sent(f.user.id).at(-2)?.text)).toContain(
      'đề nghị sửa lại thời gian',
    );
    expect(
      (await h.app.repos.activities.listByAgency(f.agencyId)).items.some((a) => a.title === 'Hội thảo nhập nhầm năm'),
    ).toBe(false);
    // A future timing asks nothing more.
    await act(h, f.user.id, () => f.user.command('cancel'));
    await act(h, f.user.id, () => f.user.pressButton(/Hủy|Có/));
    await startForm(h, f, 'Hoạt động khác');
    asked = await fill({ title: 'Hội thảo sắp tới', timing: 'tháng 6/2025' });
    expect(asked).not.toContain('recordedPast');
    await act(h, f.user.id, () => f.user.command('cancel'));
    await act(h, f.user.id, () => f.user.pressButton(/Hủy|Có/));
  });

  it('a letter "sent" after today is refused with the date', async () => {
    await startForm(h, f, 'Thư chúc mừng');
    await fill({
      title: 'Thư chúc mừng Quốc khánh Lào',
      occasion: 'btn:Quốc khánh',
      countries: 'btn:Lào',
      sender: 'Chủ tịch UBND tỉnh',
      recipient: 'Tỉnh trưởng Chăm-pa-sắc',
      timing: 'trước 30/4/2025',
      sentDate: '20/4/2025',
    });
    await act(h, f.user.id, () => f.user.pressButton('✅ Gửi đăng ký'));
    const texts = h.fake
      .sent(f.user.id)
      .slice(-2)
      .map((m) => plain(m.text))
      .join('\n');
    expect(texts).toContain('Ngày gửi thư 20/04/2025 ở sau ngày hôm nay');
    expect(
      (await h.app.repos.activities.listByAgency(f.agencyId)).items.some(
        (a) => a.title === 'Thư chúc mừng Quốc khánh Lào',
      ),
    ).toBe(false);
    await act(h, f.user.id, () => f.user.command('cancel'));
    await act(h, f.user.id, () => f.user.pressButton(/Hủy|Có/));
  });

  it('marking done or reporting before the start is refused with the date', async () => {
    const a = await h.app.repos.activities.create(
      {
        type: 'OUTBOUND',
        title: 'Đoàn đi Nhật tháng 5',
        leadAgencyId: f.agencyId,
        countryCodes: ['JP'],
        status: 'AUTHORIZED',
        timingPrecision: 'DAY',
        startDate: new Date('2025-05-05T00:00:00Z'),
        endDate: new Date('2025-05-10T00:00:00Z'),
      },
      { userId: f.userId, referenceYear: 2025, now: new Date('2025-04-01T02:00:00Z') },
    );
    await act(h, f.user.id, () => f.user.send(a.reference));
    expect(plain(last(h, f.user.id).text)).toContain('Đoàn đi Nhật tháng 5');
    await act(h, f.user.id, () => f.user.command('my'));
    await act(h, f.user.id, () => f.user.pressButton(`📄 ${a.reference}`));
    for (const button of ['✅ Đánh dấu đã thực hiện', '📝 Báo cáo kết quả']) {
      await h.fake.waitForIdle();
      const since = h.fake.mark();
      await f.user.pressButton(button);
      const alert = await h.fake.waitFor({ method: 'answerCallbackQuery', since });
      expect(alert.params.text).toContain('Hoạt động bắt đầu ngày 05/05/2025');
    }
    expect((await h.app.repos.activities.findById(a.id))?.status).toBe('AUTHORIZED');
  });

  it('a follow-up’s deadline and activity reference are checked at their own step; "trước <date>" is a deadline', async () => {
    const coord = h.fake.user(COORD_ID);
    const step = async (what: () => unknown) => {
      await act(h, COORD_ID, what);
      return h.fake
        .sent(COORD_ID)
        .slice(-2)
        .map((m) => plain(m.text))
        .join('\n');
    };
    await step(() => coord.command('followups'));
    await step(() => coord.pressButton('➕ Thêm việc cần theo dõi'));
    await step(() => coord.send('Phía Long Châu phản hồi chính thức'));
    expect(await step(() => coord.send('trước ngày 01/4/2025'))).toContain('Thời hạn phải từ hôm nay trở đi');
    expect(await step(() => coord.send('phản hồi trước ngày 18/4/2025'))).not.toContain('Thời hạn phải');
    await step(() => coord.command('skip'));
    expect(await step(() => coord.send('2024-999'))).toContain('Không tìm thấy hoạt động số hiệu «2024-999»');
    await step(() => coord.command('cancel'));
  });
});
