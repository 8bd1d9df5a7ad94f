import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { submitEdit } from '../../src/services/change-requests.js';
import { createLogger } from '../../src/logger.js';

const COORD_ID = 6_400_000_001;
const FOCAL_A = 6_400_000_002;
const FOCAL_B = 6_400_000_003;
const msgId = (call: { response?: unknown }) => (call.response as { result: { message_id: number } }).result.message_id;
const plain = (html: unknown) =>
  String(html)
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');

describe('/review over HTTP', () => {
  let h: Harness;
  let a1: number;
  let a2: number;
  let focalA: { id: number; role: 'FOCAL'; active: boolean; agencyId: number | null };
  let focalB: typeof focalA;
  const deps = () => ({ repos: h.app.repos, logger: createLogger('silent') });

  beforeAll(async () => {
    h = await startHarness();
    const { repos } = h.app;
    const snn = await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' });
    const svh = await repos.agencies.create({ code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch' });
    await repos.users.upsertWithRole({ telegramId: BigInt(COORD_ID), displayName: 'Thu' }, 'COORDINATOR', null);
    const fa = await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_A), displayName: 'Minh' }, 'FOCAL', snn.id);
    const fb = await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_B), displayName: 'Hoa' }, 'FOCAL', svh.id);
    focalA = { id: fa.id, role: 'FOCAL', active: true, agencyId: snn.id };
    focalB = { id: fb.id, role: 'FOCAL', active: true, agencyId: svh.id };
    const base = {
      type: 'OUTBOUND' as const,
      countryCodes: ['JP'],
      fundingSources: ['STATE_BUDGET' as const],
      status: 'SUBMITTED' as const,
    };
    a1 = (
      await repos.activities.create(
        { ...base, title: 'Đoàn công tác sang Nhật Bản', leadAgencyId: snn.id, costVnd: 1_500_000_000n },
        { userId: fa.id, referenceYear: 2025, now: new Date('2025-04-01T02:00:00Z') },
      )
    ).id;
    a2 = (
      await repos.activities.create(
        { ...base, title: 'Liên hoan văn hóa Việt – Lào', leadAgencyId: svh.id, countryCodes: ['LA'] },
        { userId: fb.id, referenceYear: 2025, now: new Date('2025-04-05T02:00:00Z') },
      )
    ).id;
    for (const [id, name] of [
      [COORD_ID, 'Thu'],
      [FOCAL_A, 'Minh'],
      [FOCAL_B, 'Hoa'],
    ] as const)
      h.fake.user(id, { firstName: name, languageCode: 'vi' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function press(userId: number, button: string | RegExp) {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(userId).pressButton(button);
    return since;
  }

  it('shows the SUBMITTED queue oldest first with the full card; approving tells the lead agency', async () => {
    const coord = h.fake.user(COORD_ID);
    let since = h.fake.mark();
    await coord.command('review');
    const first = await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since });
    const text = plain(first.params.text);
    expect(text).toContain('2 hoạt động, 0 đề nghị thay đổi — mục 1/2');
    expect(text).toContain('2025-001');
    expect(text).toContain('Đoàn công tác sang Nhật Bản');
    expect(text).toContain('1.500.000.000 đồng');
    expect(text).toContain('Lịch sử');

    since = await press(COORD_ID, '✅ Thống nhất, trình cấp có thẩm quyền');
    await h.fake.waitFor({
      method: 'editMessageText',
      chatId: COORD_ID,
      since,
      textIncludes: 'Đã thống nhất hoạt động 2025-001, trình cấp có thẩm quyền',
    });
    const notice = await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A, since });
    expect(plain(notice.params.text)).toContain('Sở Ngoại vụ đã thống nhất hoạt động 2025-001');
    const stored = await h.app.repos.activities.findById(a1);
    expect(stored?.status).toBe('AGREED');
    expect(stored?.approvedAt).not.toBeNull();
    // The other agency hears nothing.
    expect(h.fake.sent(FOCAL_B)).toHaveLength(0);

    // A second press of the same approve button changes nothing and says why.
    const historyBefore = (await h.app.repos.activities.history(a1)).length;
    await h.fake.waitForIdle();
    since = h.fake.mark();
    await coord.press(msgId(first), `rv:ok:${a1}:0`);
    const again = await h.fake.waitFor({ method: 'answerCallbackQuery', since });
    expect(again.params.text).toContain('không còn chờ thẩm định');
    expect((await h.app.repos.activities.history(a1)).length).toBe(historyBefore);
  });

  it('returning for correction asks for a reason (capped), stores it and tells the lead agency', async () => {
    let since = await press(COORD_ID, 'Mục tiếp theo ▶');
    await h.fake.waitFor({ method: 'editMessageText', chatId: COORD_ID, since, textIncludes: '2025-002' });
    since = await press(COORD_ID, '↩️ Trả lại để bổ sung');
    const prompt = await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since });
    expect(plain(prompt.params.text)).toContain('lý do trả lại hoạt động 2025-002');
    const promptId = msgId(prompt);
    const coord = h.fake.user(COORD_ID);

    since = h.fake.mark();
    await coord.send('x'.repeat(501), { replyTo: promptId });
    await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since, textIncludes: 'tối đa 500' });
    expect((await h.app.repos.activities.findById(a2))?.status).toBe('SUBMITTED');

    await h.fake.waitForIdle();
    since = h.fake.mark();
    await coord.send('Chưa ghi rõ nguồn kinh phí', { replyTo: promptId });
    await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since, textIncludes: 'Đã trả lại hoạt động' });
    const notice = await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_B, since });
    expect(plain(notice.params.text)).toContain('Lý do: Chưa ghi rõ nguồn kinh phí');
    expect(await h.app.repos.activities.findById(a2)).toMatchObject({
      status: 'RETURNED',
      statusReason: 'Chưa ghi rõ nguồn kinh phí',
    });

    // Replying again to the same prompt: already decided, nothing changes.
    await h.fake.waitForIdle();
    since = h.fake.mark();
    await coord.send('Lý do khác', { replyTo: promptId });
    await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since, textIncludes: 'không còn chờ thẩm định' });
    expect((await h.app.repos.activities.findById(a2))?.statusReason).toBe('Chưa ghi rõ nguồn kinh phí');
  });

  it('an approved activity changes only through a change request that a coordinator approves', async () => {
    const before = await h.app.repos.activities.findById(a1);
    expect(
      (await submitEdit(deps(), { user: focalB, activityId: a1, changes: { title: 'Chiếm quyền' }, now: new Date() }))
        .kind,
    ).toBe('not-allowed');
    const res = await submitEdit(deps(), {
      user: focalA,
      activityId: a1,
      changes: {
        title: 'Đoàn công tác sang Nhật Bản và Hàn Quốc',
        costVnd: 2_000_000_000n,
        countryCodes: ['JP', 'KR'],
      },
      now: h.clock.now.toJSDate(),
    });
    expect(res.kind).toBe('requested');
    expect(
      (await submitEdit(deps(), { user: focalA, activityId: a1, changes: { title: before!.title }, now: new Date() }))
        .kind,
    ).toBe('unchanged');
    const unchanged = await h.app.repos.activities.findById(a1);
    expect(unchanged?.title).toBe(before!.title);
    expect(unchanged?.costVnd).toBe(1_500_000_000n);

    const coord = h.fake.user(COORD_ID);
    await h.fake.waitForIdle();
    let since = h.fake.mark();
    await coord.command('review');
    const view = plain((await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since })).params.text);
    expect(view).toContain('0 hoạt động, 1 đề nghị thay đổi');
    expect(view).toContain('Đề nghị thay đổi #1 — Minh');
    expect(view).toContain(': Đoàn công tác sang Nhật Bản → Đoàn công tác sang Nhật Bản và Hàn Quốc');
    expect(view).toContain('Kinh phí dự kiến: 1.500.000.000 đồng → 2.000.000.000 đồng');
    expect(view).toContain('Nhật Bản → Nhật Bản, Hàn Quốc');

    since = await press(COORD_ID, '✅ Chấp thuận');
    const done = plain((await h.fake.waitFor({ method: 'editMessageText', chatId: COORD_ID, since })).params.text);
    expect(done).toContain('Đã chấp thuận đề nghị thay đổi #1');
    // History on the card: who, when, field labels, old → new.
    expect(done).toContain('Thu: Kinh phí dự kiến: 1.500.000.000 đồng → 2.000.000.000 đồng');
    expect(done).toContain('Minh: Đề nghị thay đổi (#1)');
    await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A, since, textIncludes: 'Đề nghị thay đổi #1' });
    const after = await h.app.repos.activities.findById(a1);
    expect(after).toMatchObject({
      title: 'Đoàn công tác sang Nhật Bản và Hàn Quốc',
      costVnd: 2_000_000_000n,
      status: 'AGREED',
    });
    expect(after!.countries.map((c) => c.countryCode).sort()).toEqual(['JP', 'KR']);
    expect((await h.app.repos.changeRequests.findById(1))?.status).toBe('APPROVED');
  });

  it('a coordinator rejects a change request with a reason; the activity stays as it was', async () => {
    const res = await submitEdit(deps(), {
      user: focalA,
      activityId: a1,
      changes: { place: 'Tokyo' },
      now: h.clock.now.toJSDate(),
    });
    expect(res.kind).toBe('requested');
    const id = (res as { requestId: number }).requestId;
    const coord = h.fake.user(COORD_ID);
    await h.fake.waitForIdle();
    let since = h.fake.mark();
    await coord.command('review');
    await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since, textIncludes: `#${id}` });
    since = await press(COORD_ID, '❌ Từ chối');
    const prompt = await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since });
    since = h.fake.mark();
    await coord.send('Địa điểm chưa được cấp có thẩm quyền cho phép', { replyTo: msgId(prompt) });
    await h.fake.waitFor({
      method: 'sendMessage',
      chatId: COORD_ID,
      since,
      textIncludes: `Đã từ chối đề nghị thay đổi #${id}`,
    });
    await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A, since, textIncludes: 'không được chấp thuận' });
    expect(await h.app.repos.changeRequests.findById(id)).toMatchObject({
      status: 'REJECTED',
      reason: 'Địa điểm chưa được cấp có thẩm quyền cho phép',
    });
    expect((await h.app.repos.activities.findById(a1))?.place).toBeNull();
    // The queue is empty now.
    await h.fake.waitForIdle();
    since = h.fake.mark();
    await coord.command('review');
    await h.fake.waitFor({
      method: 'sendMessage',
      chatId: COORD_ID,
      since,
      textIncludes: 'không có hoạt động hoặc đề nghị thay đổi nào chờ thẩm định',
    });
  });

  it('a focal point can edit directly before approval, and cannot /review', async () => {
    const res = await submitEdit(deps(), {
      user: focalB,
      activityId: a2,
      changes: { fundingSources: ['PARTNER'] },
      now: h.clock.now.toJSDate(),
    });
    expect(res.kind).toBe('applied');
    expect((await h.app.repos.activities.findById(a2))?.fundings.map((f) => f.source)).toEqual(['PARTNER']);
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(FOCAL_B).command('review');
    await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_B, since, textIncludes: 'không có quyền' });
  });
});
