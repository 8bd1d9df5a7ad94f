import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { inlineButtons } from '../support/fake-telegram/index.js';
import { buildDigest } from '../../src/jobs/daily-digest.js';
import { actAll as act, alerts, lastSent as last, textsTo as texts } from '../support/steps.js';

// Seed 003 over HTTP: the Department asks Long Châu to answer by 18/08/2022 and Sở NN&PTNT to send
// its questions; a coordinator attaches the follow-up to the talks, the responsible agency is told,
// the date passes (reminder, digest, overdue mark), and the agency marks it done.

const COORD = 6_700_000_900;
const FOCAL_SNN = 6_700_000_001;
const FOCAL_SCT = 6_700_000_002;

describe('/followups (the Long Châu talks)', () => {
  let h: Harness;
  let snnId: number;
  let talksId: number;
  let followUpId: number;

  beforeAll(async () => {
    h = await startHarness({ now: '2022-08-11T09:00' });
    await h.app.jobs.idle();
    const { repos } = h.app;
    const sngv = await repos.agencies.create({ code: 'SNGV', nameVi: 'Sở Ngoại vụ' });
    const snn = await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Phát triển nông thôn' });
    const sct = await repos.agencies.create({ code: 'SCT', nameVi: 'Sở Công Thương' });
    snnId = snn.id;
    await repos.users.upsertWithRole({ telegramId: BigInt(COORD), displayName: 'Chuyên viên' }, 'COORDINATOR', sngv.id);
    await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_SNN), displayName: 'Đầu mối SNN' }, 'FOCAL', snn.id);
    await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_SCT), displayName: 'Đầu mối SCT' }, 'FOCAL', sct.id);
    const talks = await repos.activities.create(
      {
        type: 'ONLINE_TALK',
        title: 'Hội đàm trực tuyến với Chính phủ nhân dân huyện Long Châu về trồng cây Mắc ca',
        leadAgencyId: snn.id,
        timingPrecision: 'DAY',
        startDate: new Date('2022-09-06T00:00:00Z'),
        endDate: new Date('2022-09-06T00:00:00Z'),
        status: 'AUTHORIZED',
      },
      { userId: null, referenceYear: 2022, now: h.clock.now.toJSDate() },
    );
    talksId = talks.id;
    expect(talks.reference).toBe('2022-001');
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('a coordinator attaches a follow-up to the talks; bad dates are refused; the responsible agency is told', async () => {
    const coord = h.fake.user(COORD, { firstName: 'Chuyên viên', languageCode: 'vi' });
    let calls = await act(h, () => coord.command('followups', '9999-999'));
    expect(texts(calls, COORD).join()).toContain('Không tìm thấy hoạt động số hiệu «9999-999»');
    calls = await act(h, () => coord.command('followups', 'xoá hết <b>'));
    expect(texts(calls, COORD).join()).toContain('Cách dùng');

    await act(h, () => coord.command('followups', '2022-001'));
    expect(last(h, COORD).text).toContain('Nội dung cần theo dõi (1/3)');
    await act(h, () => coord.send('Phía Long Châu phản hồi chính thức về thời gian hội đàm'));
    expect(last(h, COORD).text).toContain('Thời hạn (2/3)');
    calls = await act(h, () => coord.send('31/2/2022'));
    expect(texts(calls, COORD).join()).toContain('Ngày không có thật trong lịch');
    // A date in the past is refused at its own step (the same question again), not at the end.
    calls = await act(h, () => coord.send('10/8/2022'));
    expect(texts(calls, COORD).join()).toContain('Thời hạn phải từ hôm nay trở đi');
    expect(last(h, COORD).text).toContain('Thời hạn (2/3)');
    await act(h, () => coord.send('18/8/2022'));
    expect(last(h, COORD).text).toContain('Cơ quan chịu trách nhiệm (3/3)');
    await act(h, () => coord.send('SNN'));
    await act(h, () => coord.pressButton(/^SNN/));
    calls = await act(h, () => coord.pressButton('✅ Tạo và thông báo'));
    expect(texts(calls, COORD).join()).toContain(
      'Đã thêm việc cần theo dõi «Phía Long Châu phản hồi chính thức về thời gian hội đàm», hạn 18/08/2022',
    );

    const [f] = await h.app.repos.followUps.listOpen();
    followUpId = f!.id;
    expect(f).toMatchObject({ activityId: talksId, responsibleAgencyId: snnId, planId: null, doneAt: null });
    expect(f!.dueDate.toISOString()).toBe('2022-08-18T00:00:00.000Z');

    calls = await act(h, () => h.app.jobs.dispatch(h.clock.now));
    const [notice] = texts(calls, FOCAL_SNN);
    expect(notice).toContain('Sở Ngoại vụ đề nghị theo dõi: Phía Long Châu phản hồi');
    expect(notice).toContain('Thời hạn: 18/08/2022');
    expect(notice).toContain('Liên quan: 2022-001');
    expect(texts(calls, FOCAL_SCT)).toEqual([]);
  });

  it('the responsible focal point sees it; another agency cannot close it; a focal point cannot create one', async () => {
    const snn = h.fake.user(FOCAL_SNN, { firstName: 'SNN', languageCode: 'vi' });
    await act(h, () => snn.command('followups'));
    expect(last(h, FOCAL_SNN).text).toContain('hạn 18/08/2022 (còn 7 ngày)');
    expect(inlineButtons(last(h, FOCAL_SNN)).map((b) => b.text)).toEqual(['✓ 1']);

    const sct = h.fake.user(FOCAL_SCT, { firstName: 'SCT', languageCode: 'vi' });
    await act(h, () => sct.command('followups'));
    expect(last(h, FOCAL_SCT).text).toContain('Không có việc nào');
    const calls = await act(h, () => sct.press(last(h, FOCAL_SCT).message_id, `fu:d:${followUpId}:0`));
    expect(alerts(calls).join()).toContain('không có quyền');
    expect((await h.app.repos.followUps.findById(followUpId))?.doneAt).toBeNull();

    const refused = await act(h, () => snn.command('followups', '2022-001'));
    expect(texts(refused, FOCAL_SNN).join()).toContain('Gõ /followups để xem');
  });

  it('once overdue: the agency is reminded, the digest lists it, /followups marks it', async () => {
    h.clock.set('2022-08-22T08:00');
    const calls = await act(h, () => h.app.jobs.tick(h.clock.now));
    expect(texts(calls, FOCAL_SNN).join()).toContain('việc đã quá hạn');

    const digest = (await buildDigest(h.app.jobs.deps, h.clock.now, null, 'vi')).join('\n');
    expect(digest).toContain('Việc quá hạn</b>: 1');
    expect(digest).toMatch(/Phía Long Châu phản hồi chính thức về thời gian hội đàm.*SNN.*quá 4 ngày/);

    const coord = h.fake.user(COORD);
    await act(h, () => coord.command('followups'));
    expect(last(h, COORD).text).toContain('⚠️ hạn 18/08/2022, quá hạn 4 ngày');
    expect(last(h, COORD).text).toContain('2022-001 — Hội đàm trực tuyến');
  });

  it('the agency marks it done (once), can undo, and it leaves the overdue list', async () => {
    const snn = h.fake.user(FOCAL_SNN);
    await act(h, () => snn.command('followups'));
    let pressed: { update_id: number } | undefined;
    let calls = await act(h, () => {
      pressed = snn.pressButton('✓ 1');
    });
    expect(alerts(calls).join()).toContain('Đã đánh dấu hoàn thành');
    const done = await h.app.repos.followUps.findById(followUpId);
    expect(done?.doneAt?.toISOString()).toBe(h.clock.now.toJSDate().toISOString());
    expect(last(h, FOCAL_SNN).text).toContain('Không có việc nào');

    // The same update again: handled once.
    calls = await act(h, () => h.fake.redeliver(pressed!.update_id));
    expect(calls.filter((c) => c.method === 'answerCallbackQuery')).toEqual([]);

    await act(h, () => snn.pressButton('↩️ Hoàn tác'));
    expect((await h.app.repos.followUps.findById(followUpId))?.doneAt).toBeNull();
    await act(h, () => snn.pressButton('✓ 1'));
    expect((await h.app.repos.followUps.findById(followUpId))?.doneAt).not.toBeNull();

    // A stale done button from the earlier list: already done, nothing changes.
    const old = h.fake.sent(FOCAL_SNN).find((m) => inlineButtons(m).some((b) => b.text === '✓ 1'));
    if (old) {
      calls = await act(h, () => snn.press(old.message_id, `fu:d:${followUpId}:0`));
      expect(alerts(calls).join()).toContain('đã được đánh dấu hoàn thành');
    }

    const digest = (await buildDigest(h.app.jobs.deps, h.clock.now, null, 'vi')).join('\n');
    expect(digest).toContain('Việc quá hạn</b>: 0');
    const coord = h.fake.user(COORD);
    await act(h, () => coord.command('followups'));
    expect(last(h, COORD).text).toContain('Không có việc nào');
  });

  it('a coordinator adds a follow-up with no activity and no agency (the Department follows it itself)', async () => {
    const coord = h.fake.user(COORD);
    await act(h, () => coord.command('followups'));
    await act(h, () => coord.pressButton('➕ Thêm việc cần theo dõi'));
    await act(h, () => coord.send('Dự thảo Công hàm gửi Cục Ngoại vụ Long Châu'));
    await act(h, () => coord.send('25/8/2022'));
    await act(h, () => coord.command('skip'));
    expect(last(h, COORD).text).toContain('Số hiệu hoạt động liên quan (4/4)');
    // An unknown reference is refused at its own step.
    let calls = await act(h, () => coord.send('2099-404'));
    expect(texts(calls, COORD).join()).toContain('Không tìm thấy hoạt động số hiệu «2099-404»');
    expect(last(h, COORD).text).toContain('Số hiệu hoạt động liên quan (4/4)');
    await act(h, () => coord.command('skip'));
    calls = await act(h, () => coord.pressButton('✅ Tạo và thông báo'));
    expect(texts(calls, COORD).join()).toContain('cơ quan chịu trách nhiệm: Sở Ngoại vụ');
    const open = await h.app.repos.followUps.listOpen();
    expect(open.map((f) => [f.title, f.activityId, f.responsibleAgencyId])).toEqual([
      ['Dự thảo Công hàm gửi Cục Ngoại vụ Long Châu', null, null],
    ]);
  });

  it('the activity step offers the latest activities as buttons; "trước <date>" is a deadline (seed 003)', async () => {
    const coord = h.fake.user(COORD);
    const other = await h.app.repos.activities.create(
      {
        type: 'OTHER',
        title: 'Hội nghị xúc tiến thương mại biên giới',
        leadAgencyId: snnId,
        timingPrecision: 'DAY',
        startDate: new Date('2022-09-20T00:00:00Z'),
        endDate: new Date('2022-09-20T00:00:00Z'),
        status: 'SUBMITTED',
      },
      { userId: null, referenceYear: 2022, now: h.clock.now.toJSDate() },
    );
    await act(h, () => coord.command('followups'));
    await act(h, () => coord.pressButton('➕ Thêm việc cần theo dõi'));
    await act(h, () => coord.send('Long Châu gửi danh sách đoàn'));
    await act(h, () => coord.send('phản hồi trước ngày 30/8/2022'));
    expect(last(h, COORD).text).toContain('Cơ quan chịu trách nhiệm (3/4)');
    await act(h, () => coord.command('skip'));
    const step = last(h, COORD);
    expect(step.text).toContain('Số hiệu hoạt động liên quan (4/4)');
    const offered = inlineButtons(step).map((b) => b.text);
    expect(offered).toContain(`${other.reference} · Hội nghị xúc tiến thương mại biên giới`);
    expect(offered.some((t) => t.startsWith('2022-001 · Hội đàm trực tuyến'))).toBe(true);
    // A reference the step does not offer (a crafted button) is refused; the question stays.
    const button = inlineButtons(step).find((b) => b.text.startsWith('2022-001 · '))!;
    const crafted = String(button.callback_data).replace('2022-001', '2099-404');
    expect(crafted).not.toBe(button.callback_data);
    let calls = await act(h, () => coord.press(step, crafted));
    expect(alerts(calls).join()).toContain('Nút này đã hết hiệu lực');
    await act(h, () => coord.pressButton(/^2022-001 · /));
    calls = await act(h, () => coord.pressButton('✅ Tạo và thông báo'));
    expect(texts(calls, COORD).join()).toContain('hạn 30/08/2022');
    const created = (await h.app.repos.followUps.listOpen()).find((f) => f.title === 'Long Châu gửi danh sách đoàn');
    expect(created).toMatchObject({ activityId: talksId, responsibleAgencyId: null });
    expect(created!.dueDate.toISOString()).toBe('2022-08-30T00:00:00.000Z');
  });
});
