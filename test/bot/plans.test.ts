import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { inlineButtons } from '../support/fake-telegram/index.js';
import type { TgMessage } from '../support/fake-telegram/types.js';
import { buildDigest } from '../../src/jobs/daily-digest.js';
import { actAll as act, alerts, lastSent as last, textsTo } from '../support/steps.js';

// Seed 001 end to end over HTTP: a coordinator opens "Kế hoạch đối ngoại năm 2025" (deadline
// 25/09/2024) for 30 agencies; reminders go only to those that have not answered; some register
// activities, some send a nil return, some stay silent; the deadline passes; the board shows the
// groups and the digest names the silent agencies. Then the Bình Định–Japan programme (docs/product.md#source-documents): a programme plan imported from
// XLSX (a bad row first: nothing imported, the row named).

const COORD = 6_600_000_900;
const FOCAL_BASE = 6_600_000_000;
const N = 30;
const TITLE = 'Kế hoạch đối ngoại năm 2025';

const buttons = (m: TgMessage | undefined) => inlineButtons(m).map((b) => b.text);
const focalId = (i: number) => FOCAL_BASE + i;
const code = (i: number) => `CQ${String(i).padStart(2, '0')}`;

describe('plan request (the 2025 plan request) with 30 agencies', () => {
  let h: Harness;
  let planId: number;
  const agencyIds: number[] = [];

  beforeAll(async () => {
    h = await startHarness({ now: '2024-09-10T09:00' });
    await h.app.jobs.idle();
    const { repos } = h.app;
    for (let i = 1; i <= N; i++) {
      // Agencies 28–30 are district people's committees: they are also asked for the people-to-people plan (mẫu 02).
      const a = await repos.agencies.create({
        code: code(i),
        nameVi: i > 27 ? `UBND huyện số ${i}` : `Sở số ${i}`,
        kind: i > 27 ? 'PEOPLES_COMMITTEE' : 'DEPARTMENT',
      });
      agencyIds.push(a.id);
      await repos.users.upsertWithRole({ telegramId: BigInt(focalId(i)), displayName: `Đầu mối ${i}` }, 'FOCAL', a.id);
      h.fake.user(focalId(i), { firstName: `Đầu mối ${i}`, languageCode: 'vi' });
    }
    await repos.agencies.create({ code: 'CU', nameVi: 'Cơ quan đã giải thể', active: false });
    await repos.users.upsertWithRole({ telegramId: BigInt(COORD), displayName: 'Chuyên viên' }, 'COORDINATOR', null);
  }, 30_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('a coordinator opens the request through the form; every focal point of every active agency is told', async () => {
    const coord = h.fake.user(COORD, { firstName: 'Chuyên viên', languageCode: 'vi' });
    await act(h, () => coord.command('plans'));
    expect(last(h, COORD).text).toContain('Chưa có đợt xây dựng kế hoạch');
    await act(h, () => coord.pressButton('➕ Đợt xây dựng kế hoạch'));
    expect(last(h, COORD).text).toContain('Tên đợt xây dựng kế hoạch (1/3)');
    await act(h, () => coord.send(TITLE));
    expect(last(h, COORD).text).toContain('Hạn gửi (2/3)');
    // An impossible date is refused with an example; a past one is refused at the end.
    let calls = await act(h, () => coord.send('31/2/2024'));
    expect(textsTo(calls, COORD).join('\n')).toContain('Ngày không có thật trong lịch');
    expect(last(h, COORD).text).toContain('Hạn gửi (2/3)');
    // A deadline is also taken as "trước <date>".
    await act(h, () => coord.send('trước ngày 25/9/2024'));
    expect(last(h, COORD).text).toContain('Nội dung đề nghị (3/3)');
    await act(h, () => coord.pressButton(/mẫu 01/));
    await act(h, () => coord.pressButton(/mẫu 02/));
    await act(h, () => coord.pressButton(/Xong \(2\)/));
    expect(last(h, COORD).text).toContain('25/09/2024');
    expect(await h.app.repos.plans.listOpen()).toEqual([]);
    let submit: { update_id: number } | undefined;
    calls = await act(h, () => {
      submit = coord.pressButton('📨 Mở đợt và thông báo');
    });
    const confirmation = textsTo(calls, COORD).join('\n');
    expect(confirmation).toContain(`Đã mở đợt ${TITLE}, hạn gửi 25/09/2024`);
    expect(confirmation).toContain('30 cơ quan cần trả lời; đã gửi thông báo tới 30 cán bộ đầu mối');

    const [plan] = await h.app.repos.plans.listOpen();
    planId = plan!.id;
    expect(plan).toMatchObject({ kind: 'REQUEST', title: TITLE, year: 2025, forms: ['AGENCY', 'PEOPLE'] });
    // The end of 25/09/2024 in Việt Nam.
    expect(plan!.deadline?.toISOString()).toBe('2024-09-25T16:59:59.999Z');
    const responses = await h.app.repos.plans.responses(planId);
    expect(responses).toHaveLength(N);
    expect(responses.every((r) => r.status === 'PENDING')).toBe(true);

    calls = await act(h, () => h.app.jobs.dispatch(h.clock.now));
    for (let i = 1; i <= N; i++) {
      const [notice] = textsTo(calls, focalId(i));
      expect(notice, `focal ${i}`).toContain(`Sở Ngoại vụ đề nghị xây dựng kế hoạch: ${TITLE}`);
      expect(notice).toContain('Hạn gửi: 25/09/2024');
      if (i > 27) expect(notice).toContain('mẫu 02');
      else expect(notice).not.toContain('mẫu 02');
    }
    // The same press delivered again opens nothing more and tells nobody twice.
    calls = await act(h, () => h.fake.redeliver(submit!.update_id));
    expect(await h.app.repos.plans.listOpen()).toHaveLength(1);
    expect((await act(h, () => h.app.jobs.dispatch(h.clock.now))).filter((c) => c.method === 'sendMessage')).toEqual(
      [],
    );
  });

  it('a focal point registers an activity linked to the request through /plans and confirms its answer', async () => {
    const u = h.fake.user(focalId(1));
    await act(h, () => u.command('plans'));
    expect(last(h, focalId(1)).text).toContain(TITLE);
    await act(h, () => u.pressButton(/^1\. /));
    expect(last(h, focalId(1)).text).toContain('Trả lời của Sở số 1: chưa trả lời');
    // Confirming with nothing registered is refused and changes nothing.
    let calls = await act(h, () => u.pressButton('✅ Xác nhận đã đăng ký đủ'));
    expect(alerts(calls).join()).toContain('chưa đăng ký hoạt động nào');
    expect((await h.app.repos.plans.response(planId, agencyIds[0]!))?.status).toBe('PENDING');

    await act(h, () => u.pressButton('➕ Đăng ký hoạt động'));
    await act(h, () => u.pressButton('Hoạt động khác'));
    expect(last(h, focalId(1)).text).toContain('Nội dung hoạt động (1/');
    await act(h, () => u.send('Tiếp và làm việc với Đoàn hữu nghị tỉnh Phông-sa-lỳ'));
    for (;;) {
      const head = last(h, focalId(1)).text ?? '';
      if (head.startsWith('Thời gian')) await act(h, () => u.send('tháng 3/2025'));
      else if (/\(\d+\/\d+\)/.test(head.split('\n')[0] ?? '')) await act(h, () => u.command('skip'));
      else break;
    }
    calls = await act(h, () => u.command('submit'));
    expect(textsTo(calls, focalId(1)).join('\n')).toContain('Đã gửi đăng ký');
    const own = await h.app.repos.activities.listByPlan(planId, { leadAgencyId: agencyIds[0]! });
    expect(own.map((a) => [a.title, a.status, a.timingPrecision])).toEqual([
      ['Tiếp và làm việc với Đoàn hữu nghị tỉnh Phông-sa-lỳ', 'SUBMITTED', 'MONTH'],
    ]);

    await act(h, () => u.command('plans'));
    await act(h, () => u.pressButton(/^1\. /));
    expect(last(h, focalId(1)).text).toContain('Hoạt động đã đăng ký theo đợt này: 1');
    calls = await act(h, () => u.pressButton('✅ Xác nhận đã đăng ký đủ'));
    expect(alerts(calls).join()).toContain('Đã xác nhận');
    expect(last(h, focalId(1)).text).toContain('đã đăng ký hoạt động');
    expect(buttons(last(h, focalId(1)))).toContain('↩️ Mở lại để bổ sung');
    expect((await h.app.repos.plans.response(planId, agencyIds[0]!))?.status).toBe('ANSWERED');
  });

  it('nil return, reopening before the deadline, and the checks around them', async () => {
    const u = h.fake.user(focalId(2));
    await act(h, () => u.command('plans'));
    await act(h, () => u.pressButton(/^1\. /));
    await act(h, () => u.pressButton('➖ Không có hoạt động'));
    expect(last(h, focalId(2)).text).toContain('không có hoạt động đối ngoại');
    let pressed: { update_id: number } | undefined;
    const confirm = await act(h, () => {
      pressed = u.pressButton('✅ Xác nhận không có hoạt động');
    });
    expect(alerts(confirm).join()).toContain('không có hoạt động');
    const answer = await h.app.repos.plans.response(planId, agencyIds[1]!);
    expect(answer?.status).toBe('NIL');
    // The same update delivered again is handled once; a stale confirmation changes nothing.
    const again = await act(h, () => h.fake.redeliver(pressed!.update_id));
    expect(again.filter((c) => c.method === 'answerCallbackQuery')).toEqual([]);
    const stale = await act(h, () => u.press(last(h, focalId(2)).message_id, `pl:nily:${planId}`));
    expect(alerts(stale).join()).toContain('đã được ghi nhận');
    expect(await h.app.repos.plans.response(planId, agencyIds[1]!)).toEqual(answer);

    await act(h, () => u.pressButton('↩️ Mở lại để bổ sung'));
    expect((await h.app.repos.plans.response(planId, agencyIds[1]!))?.status).toBe('PENDING');
    await act(h, () => u.pressButton('➖ Không có hoạt động'));
    await act(h, () => u.pressButton('✅ Xác nhận không có hoạt động'));
    expect((await h.app.repos.plans.response(planId, agencyIds[1]!))?.status).toBe('NIL');

    // Crafted data: another plan id, garbage; a coordinator-only action from a focal point.
    const m = last(h, focalId(2)).message_id;
    let calls = await act(h, () => u.press(m, 'pl:ok:999999'));
    expect(alerts(calls).join()).toContain('hết hiệu lực');
    calls = await act(h, () => u.press(m, `pl:cy:${planId}`));
    expect(alerts(calls).join()).toMatch(/hết hiệu lực|không có quyền/);
    expect((await h.app.repos.plans.findById(planId))?.status).toBe('OPEN');
    calls = await act(h, () => u.press(m, 'pl:nr'));
    expect(alerts(calls).join()).toContain('không có quyền');
  });

  it('reminders 7 days before go only to agencies that have not answered', async () => {
    const { repos } = h.app;
    const now = h.clock.now.toJSDate();
    // Agencies 3–12 registered activities and confirmed; 13–18 sent nil returns; 19–30 stay silent.
    for (let i = 3; i <= 12; i++) {
      for (let k = 0; k < (i % 3) + 1; k++) {
        await repos.activities.create(
          {
            type: 'OUTBOUND',
            title: `Đoàn ra ${i}.${k}`,
            leadAgencyId: agencyIds[i - 1]!,
            timingPrecision: 'QUARTER',
            startDate: new Date('2025-07-01T00:00:00Z'),
            endDate: new Date('2025-09-30T00:00:00Z'),
            planId,
            status: 'SUBMITTED',
          },
          { userId: null, referenceYear: 2024, now },
        );
      }
      await repos.plans.setResponse(planId, agencyIds[i - 1]!, 'ANSWERED', { userId: null, now });
    }
    for (let i = 13; i <= 18; i++)
      await repos.plans.setResponse(planId, agencyIds[i - 1]!, 'NIL', { userId: null, now });

    h.clock.set('2024-09-18T08:00');
    const calls = await act(h, () => h.app.jobs.tick(h.clock.now));
    for (let i = 1; i <= N; i++) {
      const got = textsTo(calls, focalId(i)).filter((t) => t.includes(TITLE));
      expect(got, `focal ${i}`).toHaveLength(i >= 19 ? 1 : 0);
    }
    expect(textsTo(calls, focalId(19))[0]).toContain('25/09/2024');
  });

  it('once the deadline passes, silent agencies are recorded as "no plan", coordinators are told, answers are closed', async () => {
    h.clock.set('2024-09-26T08:00');
    const calls = await act(h, () => h.app.jobs.tick(h.clock.now));
    const responses = await h.app.repos.plans.responses(planId);
    const byStatus = (s: string) => responses.filter((r) => r.status === s).map((r) => r.agency.code);
    expect(byStatus('ANSWERED')).toHaveLength(11);
    expect(byStatus('NIL')).toHaveLength(7);
    expect(byStatus('NO_PLAN')).toEqual(Array.from({ length: 12 }, (_, k) => code(19 + k)));
    expect(byStatus('PENDING')).toEqual([]);
    const [alert] = textsTo(calls, COORD);
    expect(alert).toContain(`Đợt ${TITLE} đã hết hạn (25/09/2024). 12 cơ quan không trả lời`);
    expect(alert).toContain('CQ19, CQ20');

    // A second pass records and tells nothing more.
    const again = await act(h, () => h.app.jobs.tick(h.clock.now));
    expect(textsTo(again, COORD)).toEqual([]);

    // A silent focal point: no answer buttons any more; an old nil button is refused.
    const u = h.fake.user(focalId(20));
    await act(h, () => u.command('plans'));
    await act(h, () => u.pressButton(/^1\. /));
    const view = last(h, focalId(20));
    expect(view.text).toContain('quá hạn, coi như không có kế hoạch');
    expect(buttons(view)).not.toContain('➖ Không có hoạt động');
    const refused = await act(h, () => u.press(view.message_id, `pl:nily:${planId}`));
    expect(alerts(refused).join()).toContain('quá hạn');
    expect((await h.app.repos.plans.response(planId, agencyIds[19]!))?.status).toBe('NO_PLAN');
  });

  it('the coordinators’ board shows answered (with counts), nil and late agencies', async () => {
    const coord = h.fake.user(COORD);
    await act(h, () => coord.command('plans'));
    expect(last(h, COORD).text).toContain('đã trả lời 18/30');
    await act(h, () => coord.pressButton(/^1\. /));
    const board = last(h, COORD).text ?? '';
    expect(board).toContain('Đã trả lời 18/30 cơ quan; 20 hoạt động đã đăng ký.');
    expect(board).toContain('Đã đăng ký hoạt động (11)');
    expect(board).toContain('CQ01 (1), CQ03 (1), CQ04 (2), CQ05 (3)');
    expect(board).toContain('Không có hoạt động (7):\nCQ02, CQ13, CQ14, CQ15, CQ16, CQ17, CQ18');
    expect(board).toContain('Chưa trả lời (0)');
    expect(board).toContain('Quá hạn, coi như không có kế hoạch (12):\nCQ19, CQ20, CQ21');
    expect(board).not.toContain('CU');
    expect(buttons(last(h, COORD))).toEqual(expect.arrayContaining(['⏰ Gia hạn', '🔒 Kết thúc đợt']));
  });

  it('the digest names the silent agencies', async () => {
    const parts = await buildDigest(h.app.jobs.deps, h.clock.now, null, 'vi');
    const digest = parts.join('\n');
    expect(digest).toContain(TITLE);
    for (let i = 19; i <= N; i++) expect(digest).toContain(code(i));
  });

  it('extending the deadline tells only the agencies that have not answered; closing before the new deadline calls nobody late', async () => {
    const coord = h.fake.user(COORD);
    await act(h, () => coord.pressButton('⏰ Gia hạn'));
    expect(last(h, COORD).text).toContain('Hạn mới (1/1)');
    await act(h, () => coord.send('20/9/2024'));
    let calls = await act(h, () => coord.pressButton('⏰ Gia hạn và thông báo'));
    expect(textsTo(calls, COORD).join()).toContain('Hạn phải từ hôm nay trở đi');
    expect((await h.app.repos.plans.findById(planId))?.deadline?.toISOString()).toBe('2024-09-25T16:59:59.999Z');
    await act(h, () => coord.pressButton(/Hạn mới/));
    await act(h, () => coord.send('30/9/2024'));
    calls = await act(h, () => coord.pressButton('⏰ Gia hạn và thông báo'));
    expect(textsTo(calls, COORD).join()).toContain('Đã gia hạn');
    expect(textsTo(calls, COORD).join()).toContain('Đã thông báo 12 cơ quan chưa trả lời');
    const responses = await h.app.repos.plans.responses(planId);
    expect(responses.filter((r) => r.status === 'PENDING')).toHaveLength(12);

    calls = await act(h, () => h.app.jobs.dispatch(h.clock.now));
    for (let i = 1; i <= N; i++) {
      const got = textsTo(calls, focalId(i)).filter((t) => t.includes('gia hạn'));
      expect(got, `focal ${i}`).toHaveLength(i >= 19 ? 1 : 0);
    }
    expect(textsTo(calls, focalId(25))[0]).toContain('30/09/2024');

    // A late agency answers now; then the coordinator closes the request.
    const u = h.fake.user(focalId(19));
    await act(h, () => u.command('plans'));
    await act(h, () => u.pressButton(/^1\. /));
    await act(h, () => u.pressButton('➖ Không có hoạt động'));
    await act(h, () => u.pressButton('✅ Xác nhận không có hoạt động'));
    expect((await h.app.repos.plans.response(planId, agencyIds[18]!))?.status).toBe('NIL');

    await act(h, () => coord.command('plans'));
    await act(h, () => coord.pressButton(/^1\. /));
    await act(h, () => coord.pressButton('🔒 Kết thúc đợt'));
    await act(h, () => coord.pressButton('🔒 Xác nhận kết thúc'));
    const plan = await h.app.repos.plans.findById(planId);
    expect(plan?.status).toBe('CLOSED');
    // Closed before the (extended) deadline: the silent agencies are "not answered", not late (issue 13).
    const after = await h.app.repos.plans.responses(planId);
    expect(after.filter((r) => r.status === 'NO_PLAN')).toHaveLength(0);
    expect(after.filter((r) => r.status === 'PENDING')).toHaveLength(11);
    expect(last(h, COORD).text).toContain('Trạng thái: đã kết thúc');
    // Pressing the confirmation again changes nothing.
    calls = await act(h, () => coord.press(last(h, COORD).message_id, `pl:cy:${planId}`));
    expect(alerts(calls).join()).toMatch(/đã kết thúc|đã được ghi nhận/);
  });

  it('a head of department cannot use /plans', async () => {
    await h.app.repos.users.upsertWithRole({ telegramId: 6_600_000_950n, displayName: 'Lãnh đạo' }, 'HEAD', null);
    const head = h.fake.user(6_600_000_950, { firstName: 'Lãnh đạo' });
    const calls = await act(h, () => head.command('plans'));
    expect(textsTo(calls, 6_600_000_950).join()).toContain('không có quyền');
  });
});

async function xlsx(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Kế hoạch');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('programme plan (seeds 002, 004) imported from XLSX', () => {
  let h: Harness;
  const FOCAL_SNGV = 6_600_001_001;
  const FOCAL_VT = 6_600_001_002;
  const FOCAL_OTHER = 6_600_001_003;
  const HEADER = ['STT', 'Nội dung hoạt động', 'Thời gian', 'Cơ quan chủ trì', 'Cơ quan phối hợp'];
  const GOOD = [
    [
      '1',
      'Tổ chức Đoàn công tác của tỉnh sang thăm và làm việc với thành phố Izumisano',
      'tháng 4 năm 2023',
      'Sở Ngoại vụ',
      'Văn phòng Tỉnh ủy, Văn phòng UBND tỉnh và các cơ quan liên quan',
    ],
    [
      '2',
      'Gửi Thư chúc mừng của Chủ tịch UBND tỉnh tới Đại sứ quán Nhật Bản tại Việt Nam',
      'trước ngày 15/9/2023',
      'Sở Ngoại vụ',
      'Văn phòng Tỉnh ủy',
    ],
    [
      '3',
      'Xúc tiến thiết lập quan hệ hữu nghị, hợp tác giữa huyện Vĩnh Thạnh và thị trấn Yoshino',
      'năm 2023',
      'UBND huyện Vĩnh Thạnh',
      'Sở Ngoại vụ',
    ],
  ];

  beforeAll(async () => {
    h = await startHarness({ now: '2023-03-15T09:00' });
    await h.app.jobs.idle();
    const { repos } = h.app;
    const sngv = await repos.agencies.create({ code: 'SNGV', nameVi: 'Sở Ngoại vụ' });
    const vt = await repos.agencies.create({
      code: 'UBND-VINHTHANH',
      nameVi: 'UBND huyện Vĩnh Thạnh',
      kind: 'PEOPLES_COMMITTEE',
    });
    const other = await repos.agencies.create({ code: 'SDL', nameVi: 'Sở Du lịch' });
    await repos.agencies.create({ code: 'VPTU', nameVi: 'Văn phòng Tỉnh ủy' });
    await repos.agencies.create({ code: 'VPUBND', nameVi: 'Văn phòng UBND tỉnh' });
    await repos.users.upsertWithRole({ telegramId: BigInt(COORD), displayName: 'Chuyên viên' }, 'COORDINATOR', sngv.id);
    await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_SNGV), displayName: 'Đầu mối SNGV' }, 'FOCAL', sngv.id);
    await repos.users.upsertWithRole(
      { telegramId: BigInt(FOCAL_VT), displayName: 'Đầu mối Vĩnh Thạnh' },
      'FOCAL',
      vt.id,
    );
    await repos.users.upsertWithRole(
      { telegramId: BigInt(FOCAL_OTHER), displayName: 'Đầu mối Du lịch' },
      'FOCAL',
      other.id,
    );
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a coordinator creates the programme, imports a file with a bad row (nothing imported, the row named), then the corrected file', async () => {
    const coord = h.fake.user(COORD, { firstName: 'Chuyên viên', languageCode: 'vi' });
    await act(h, () => coord.command('plans'));
    await act(h, () => coord.pressButton('➕ Kế hoạch chương trình'));
    await act(h, () => coord.send('Kỷ niệm 50 năm quan hệ ngoại giao Việt Nam – Nhật Bản'));
    await act(h, () => coord.command('skip'));
    let calls = await act(h, () => coord.pressButton('✅ Tạo kế hoạch'));
    expect(textsTo(calls, COORD).join()).toContain('Đã tạo kế hoạch');
    const [plan] = await h.app.repos.plans.listOpen('PROGRAMME');
    expect(plan).toMatchObject({
      kind: 'PROGRAMME',
      title: 'Kỷ niệm 50 năm quan hệ ngoại giao Việt Nam – Nhật Bản',
      year: 2023,
    });

    await act(h, () => coord.command('plans'));
    await act(h, () => coord.pressButton(/^1\. /));
    expect(last(h, COORD).text).toContain('Kế hoạch chưa có hoạt động nào');
    calls = await act(h, () => coord.pressButton('📥 Nhập từ tệp XLSX'));
    expect(textsTo(calls, COORD).join()).toContain('Đề nghị gửi tệp .xlsx');

    // Text while waiting is answered; a file of the wrong kind is refused; the wait goes on.
    calls = await act(h, () => coord.send('tệp đây'));
    expect(textsTo(calls, COORD).join()).toContain('Đang chờ tệp .xlsx');
    calls = await act(h, () => coord.sendDocument('ke-hoach.docx', Buffer.from('x')));
    expect(textsTo(calls, COORD).join()).toContain('Chỉ nhận tệp Excel');

    const bad = await xlsx([HEADER, GOOD[0]!, ['2', 'Gửi Thư chúc mừng', 'quý V/2023', 'Sở Ngoại vụ', ''], GOOD[2]!]);
    calls = await act(h, () => coord.sendDocument('ke-hoach.xlsx', bad));
    const report = textsTo(calls, COORD).join('\n');
    expect(report).toContain('Chưa nhập hoạt động nào: 1 dòng có lỗi');
    expect(report).toContain('Dòng 3: không hiểu thời gian «quý V/2023»');
    expect(await h.app.repos.activities.listByPlan(plan!.id)).toEqual([]);

    const good = await xlsx([['KẾ HOẠCH'], HEADER, ['I.', 'Tăng cường quan hệ hợp tác', '', '', ''], ...GOOD]);
    calls = await act(h, () => coord.sendDocument('ke-hoach.xlsx', good));
    expect(textsTo(calls, COORD).join()).toContain('Đã nhập 3 hoạt động');
    const activities = await h.app.repos.activities.listByPlan(plan!.id);
    const bySource = [...activities].sort((x, y) => String(x.sourceRef).localeCompare(String(y.sourceRef)));
    expect(bySource.map((a) => [a.type, a.leadAgency.code, a.status, a.source, a.sourceRef])).toEqual([
      ['OUTBOUND', 'SNGV', 'AGREED', 'PROGRAMME', 'ke-hoach.xlsx#4'],
      ['LETTER', 'SNGV', 'AGREED', 'PROGRAMME', 'ke-hoach.xlsx#5'],
      ['AGREEMENT', 'UBND-VINHTHANH', 'AGREED', 'PROGRAMME', 'ke-hoach.xlsx#6'],
    ]);
    expect(
      activities
        .find((a) => a.type === 'OUTBOUND')!
        .coordinators.map((c) => c.agency.code)
        .sort(),
    ).toEqual(['VPTU', 'VPUBND']);

    // The wait is over: the next document goes to whoever else takes it.
    expect(await h.app.repos.conversations.get(BigInt(COORD), BigInt(COORD))).toBeNull();

    // Lead agencies' focal points are told, each about its own activities; others are not.
    calls = await act(h, () => h.app.jobs.dispatch(h.clock.now));
    expect(textsTo(calls, FOCAL_SNGV).join()).toContain('được giao chủ trì 2 hoạt động');
    expect(textsTo(calls, FOCAL_VT).join()).toContain('được giao chủ trì 1 hoạt động');
    expect(textsTo(calls, FOCAL_OTHER)).toEqual([]);
  });

  it('a coordinator adds an activity in the bot; its lead agency is told', async () => {
    const coord = h.fake.user(COORD);
    await act(h, () => coord.command('plans'));
    await act(h, () => coord.pressButton(/^1\. /));
    await act(h, () => coord.pressButton('➕ Thêm hoạt động'));
    await act(h, () => coord.send('Quảng bá du lịch Bình Định tại Lễ hội Việt Nam ở Osaka'));
    await act(h, () => coord.pressButton('Thông tin đối ngoại, tuyên truyền'));
    await act(h, () => coord.send('tháng 9/2023'));
    await act(h, () => coord.send('SDL'));
    await act(h, () => coord.pressButton(/SDL/));
    await act(h, () => coord.command('skip'));
    await act(h, () => coord.command('skip'));
    const calls = await act(h, () => coord.pressButton('✅ Thêm và thông báo'));
    expect(textsTo(calls, COORD).join()).toContain('cơ quan chủ trì: Sở Du lịch');
    const dispatched = await act(h, () => h.app.jobs.dispatch(h.clock.now));
    expect(textsTo(dispatched, FOCAL_OTHER).join()).toContain('Quảng bá du lịch Bình Định');
  });

  it('lead focal points keep status up to date; the progress board follows; another agency cannot', async () => {
    const u = h.fake.user(FOCAL_VT, { firstName: 'Vĩnh Thạnh', languageCode: 'vi' });
    const [agreement] = await h.app.repos.activities.listByPlan(
      (await h.app.repos.plans.listOpen('PROGRAMME'))[0]!.id,
      { leadAgencyId: (await h.app.repos.agencies.findByCode('UBND-VINHTHANH'))!.id },
    );
    // An international agreement goes ahead once the competent authority allows it (docs/product.md#lifecycle).
    expect(agreement!.status).toBe('AGREED');
    await h.app.repos.activities.recordDecision(
      agreement!.id,
      { authority: 'CHAIRMAN_PPC', number: '512/QĐ-UBND', date: new Date('2023-03-01T00:00:00Z'), allowed: true },
      { userId: null, now: h.clock.now.toJSDate() },
    );
    await act(h, () => u.command('plans'));
    await act(h, () => u.pressButton(/^1\. /));
    expect(last(h, FOCAL_VT).text).toContain('Xúc tiến thiết lập quan hệ hữu nghị');
    expect(last(h, FOCAL_VT).text).not.toContain('Izumisano');
    await act(h, () => u.pressButton(`▶️ Bắt đầu ${agreement!.reference}`));
    expect((await h.app.repos.activities.findById(agreement!.id))?.status).toBe('IN_PROGRESS');
    await act(h, () => u.pressButton(`✅ Hoàn thành ${agreement!.reference}`));
    expect((await h.app.repos.activities.findById(agreement!.id))?.status).toBe('DONE');

    // Another agency's focal point pressing a crafted status button is refused; nothing changes.
    const sngvActivity = (await h.app.repos.activities.listByPlan(agreement!.planId!)).find(
      (a) => a.leadAgency.code === 'SNGV',
    )!;
    const other = h.fake.user(FOCAL_OTHER);
    await act(h, () => other.command('plans'));
    const calls = await act(h, () => other.press(last(h, FOCAL_OTHER).message_id, `pl:s:${sngvActivity.id}:dn`));
    expect(alerts(calls).join()).toContain('không có quyền');
    expect((await h.app.repos.activities.findById(sngvActivity.id))?.status).toBe('AGREED');

    const coord = h.fake.user(COORD);
    await act(h, () => coord.command('plans'));
    await act(h, () => coord.pressButton(/^1\. /));
    expect(last(h, COORD).text).toContain('Tiến độ: 1/4 hoạt động đã thực hiện (25%)');
  });
});
