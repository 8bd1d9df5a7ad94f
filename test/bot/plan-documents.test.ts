import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { inlineButtons } from '../support/fake-telegram/index.js';
import { actAll as act, alerts, lastSent as last, textsTo } from '../support/steps.js';
import { DOCUMENT_AGENCIES } from '../support/document-agencies.js';
import { TRUTH_004 } from '../fixtures/plans/truth.js';
import { planTextToNumberedDocx, rowsToXlsx, truthToTable } from '../support/plan-docs.js';

// Plan documents read for you (docs/product.md#plan-documents) over HTTP: a focal point answers its agency's plan request
// by sending the plan document and confirming the preview; each file kind; a coordinator imports a
// programme, fixes an agency in one tap and an item in the form; bad files change nothing; a
// document sent again creates nothing; plan lines in six questions; registered activities attached.

const FIXTURES = path.resolve(__dirname, '../fixtures/plans');
const fixture = (f: string) => fs.readFileSync(path.join(FIXTURES, f));
const SEED_002 = fixture('seed-002-binh-dinh-japan.txt').toString('utf8');
const SEED_004 = fixture('seed-004-kon-tum-laos-cambodia.txt').toString('utf8');

const COORD = 6_700_000_900;
const FOCAL = 6_700_000_001; // Sở Ngoại vụ
const FOCAL_KINDS = 6_700_000_100; // one focal point per file kind, each of its own agency
const KINDS = ['docx', 'pdf', 'doc', 'xlsx', 'csv', 'txt'] as const;
const FOCAL_LIGHT = 6_700_000_200; // answers with pasted text, a plan line and an attached activity

/** Reading a file may take seconds on a busy machine (pdf.js loads on first use): wait longer. */
async function actFile(h: Harness, fn: () => unknown) {
  const since = h.fake.mark();
  await fn();
  await h.fake.waitForIdle({ quietMs: 30, timeoutMs: 60_000 });
  return h.fake.calls.filter((c) => c.seq >= since);
}

const buttons = (h: Harness, chat: number) => inlineButtons(last(h, chat)).map((b) => b.text);

describe('plan documents through the bot', () => {
  let h: Harness;
  let requestId: number;
  const kindAgency: Record<string, number> = {};
  let lightAgency = 0;

  beforeAll(async () => {
    h = await startHarness({ now: '2024-09-10T09:00' });
    await h.app.jobs.idle();
    const { repos } = h.app;
    await repos.agencies.upsertMany(DOCUMENT_AGENCIES);
    for (const [i, k] of KINDS.entries()) {
      const a = await repos.agencies.create({ code: `CQ-${k.toUpperCase()}`, nameVi: `Sở thử nghiệm ${k}` });
      kindAgency[k] = a.id;
      await repos.users.upsertWithRole(
        { telegramId: BigInt(FOCAL_KINDS + i), displayName: `Đầu mối ${k}` },
        'FOCAL',
        a.id,
      );
      h.fake.user(FOCAL_KINDS + i, { firstName: `Đầu mối ${k}`, languageCode: 'vi' });
    }
    const light = await repos.agencies.create({ code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch' });
    lightAgency = light.id;
    await repos.users.upsertWithRole(
      { telegramId: BigInt(FOCAL_LIGHT), displayName: 'Đầu mối Văn hóa' },
      'FOCAL',
      light.id,
    );
    const sngv = await repos.agencies.findByCode('SNGV');
    await repos.users.upsertWithRole(
      { telegramId: BigInt(FOCAL), displayName: 'Đầu mối Sở Ngoại vụ' },
      'FOCAL',
      sngv!.id,
    );
    await repos.users.upsertWithRole({ telegramId: BigInt(COORD), displayName: 'Chuyên viên' }, 'COORDINATOR', null);
    const plan = await repos.plans.create({
      kind: 'REQUEST',
      title: 'Kế hoạch đối ngoại năm 2025',
      year: 2025,
      deadline: new Date('2024-09-25T16:59:59Z'),
      createdAt: h.clock.now.toJSDate(),
    });
    requestId = plan.id;
  }, 60_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('a focal point answers the request with its plan document in four taps: preview, open an item, drop it, submit', async () => {
    const u = h.fake.user(FOCAL, { firstName: 'Đầu mối', languageCode: 'vi' });
    const docx = await planTextToNumberedDocx(SEED_004);
    // 1. The document.
    let calls = await actFile(h, () => u.sendDocument('ke-hoach-2025.docx', docx));
    const preview = textsTo(calls, FOCAL).join('\n');
    expect(preview).toContain('ke-hoach-2025.docx: đọc được 11 hoạt động');
    expect(preview).toContain('Kế hoạch: Kế hoạch đối ngoại năm 2025');
    expect(preview).toMatch(/3\. ✓ II\.2\.1 · Đoàn ra · quý III\/2022 · Sở Ngoại vụ/);
    // Names the agency list lacks are marked, with what is missing.
    expect(preview).toMatch(/⚠ II\.4\.1-1 .*chưa có trong danh sách cơ quan: «Đài Phát thanh và Truyền hình tỉnh»/);
    expect(preview).toMatch(/8\. ⚠ II\.4\.1-2 · Thông tin đối ngoại, tuyên truyền · chưa có thời gian/);
    expect(buttons(h, FOCAL)).toContain('✅ Gửi 11 hoạt động');
    // 2. Open item 6: its words and where they come from.
    await act(h, () => u.pressButton('6'));
    const item = last(h, FOCAL).text!;
    expect(item).toContain('II.3.2 · Giao lưu văn hóa, thể thao, nhân dân');
    expect(item).toContain('Nguồn: ke-hoach-2025.docx, mục II.3.2');
    expect(item).toContain('lưu học sinh Lào, Campuchia');
    // 3. Drop it.
    calls = await act(h, () => u.pressButton('🗑 Bỏ mục này'));
    expect(alerts(calls).join()).toContain('Đã bỏ mục này');
    expect(last(h, FOCAL).text).toContain('6. 🗑 II.3.2');
    // 4. Submit.
    calls = await act(h, () => u.pressButton('✅ Gửi 10 hoạt động'));
    expect(textsTo(calls, FOCAL).join() + last(h, FOCAL).text).toContain(
      'Đã gửi 10 hoạt động làm kế hoạch của cơ quan',
    );
    const sngv = (await h.app.repos.agencies.findByCode('SNGV'))!;
    const created = await h.app.repos.activities.listByPlan(requestId, { leadAgencyId: sngv.id });
    expect(created).toHaveLength(10);
    expect(created.every((a) => a.status === 'SUBMITTED' && a.source === 'DOCUMENT' && a.sourceText)).toBe(true);
    const outbound = created.find((a) => a.sourceRef?.endsWith('#II.2.1'))!;
    expect(outbound).toMatchObject({ type: 'OUTBOUND', timingPrecision: 'QUARTER', details: null });
    expect(outbound.countries.map((c) => c.countryCode)).toEqual(['KH']);
    expect(outbound.coordinators.map((c) => c.agency.code).sort()).toEqual(['VPTU', 'VPUBND']);
    expect((await h.app.repos.plans.response(requestId, sngv.id))?.status).toBe('ANSWERED');

    // The same document again: recognised, nothing created.
    calls = await actFile(h, () => u.sendDocument('ke-hoach-2025 (1).docx', docx));
    expect(textsTo(calls, FOCAL).join()).toContain('đã được nhập ngày 10/09/2024');
    expect(await h.app.repos.activities.listByPlan(requestId, { leadAgencyId: sngv.id })).toHaveLength(10);
  }, 60_000);

  it('the card of a plan line read from a document shows its source', async () => {
    const coord = h.fake.user(COORD, { firstName: 'Chuyên viên', languageCode: 'vi' });
    await act(h, () => coord.command('review'));
    const texts = h.fake
      .sent(COORD)
      .map((m) => m.text ?? '')
      .join('\n');
    expect(texts).toMatch(/Nguồn: văn bản «ke-hoach-2025\.docx», mục II\./);
  }, 30_000);

  it('every file kind goes through the bot: preview, drop one, submit, re-send refused', async () => {
    const table = truthToTable(TRUTH_004);
    const csv = table.rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
    const files: Record<(typeof KINDS)[number], Buffer> = {
      docx: await planTextToNumberedDocx(SEED_004.replace('Kon Tum', 'Kon Tum (bản docx)')),
      pdf: fixture('seed-004.pdf'),
      doc: fixture('seed-004-word97.doc'),
      xlsx: await rowsToXlsx(table.rows),
      csv: Buffer.from(csv),
      txt: Buffer.from(SEED_002),
    };
    for (const [i, kind] of KINDS.entries()) {
      const id = FOCAL_KINDS + i;
      const u = h.fake.user(id);
      const calls = await actFile(h, () => u.sendDocument(`kh.${kind}`, files[kind]));
      const text = textsTo(calls, id).join('\n');
      const count = Number(/đọc được (\d+) hoạt động/.exec(text)?.[1]);
      expect(count, `${kind}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(11);
      await act(h, () => u.pressButton('1'));
      await act(h, () => u.pressButton('🗑 Bỏ mục này'));
      await act(h, () => u.pressButton(`✅ Gửi ${count - 1} hoạt động`));
      expect(
        await h.app.repos.activities.listByPlan(requestId, { leadAgencyId: kindAgency[kind]! }),
        kind,
      ).toHaveLength(count - 1);
      const again = await actFile(h, () => u.sendDocument(`kh-lan-2.${kind}`, files[kind]));
      expect(textsTo(again, id).join(), kind).toContain('đã được nhập');
    }
  }, 180_000);

  it('bad files get a clear answer and change nothing', async () => {
    const u = h.fake.user(FOCAL);
    const before = await h.app.repos.activities.listByPlan(requestId);
    const cases: [string, Buffer, string][] = [
      ['scan.pdf', fixture('scan-no-text.pdf'), 'không có lớp chữ'],
      ['mat-khau.pdf', fixture('seed-004-password.pdf'), 'Tệp có mật khẩu'],
      ['hong.docx', Buffer.from('PK\u0003\u0004 hỏng'), 'Tệp bị hỏng'],
      ['ke-hoach.odt', Buffer.from('x'), 'Bot đọc được tệp .docx'],
      [
        'cong-van.txt',
        Buffer.from('Kính gửi các sở, ngành. Đề nghị gửi kế hoạch trước ngày 25/9/2024.'),
        'Không tìm thấy hoạt động nào',
      ],
      ['rat-lon.txt', Buffer.alloc(20 * 1024 * 1024 + 1, 0x61), 'lớn hơn 20 MB'],
    ];
    for (const [name, bytes, expected] of cases) {
      const calls = await actFile(h, () => u.sendDocument(name, bytes));
      expect(textsTo(calls, FOCAL).join(), name).toContain(expected);
      expect(textsTo(calls, FOCAL).join(), name).toContain('Không có gì thay đổi');
    }
    expect(await h.app.repos.activities.listByPlan(requestId)).toHaveLength(before.length);
  }, 60_000);

  it('a coordinator imports a programme: the plan is picked, an unknown lead fixed in one tap, an item edited in the form', async () => {
    const { repos } = h.app;
    const programme = await repos.plans.create({
      kind: 'PROGRAMME',
      title: 'Kỷ niệm 50 năm quan hệ ngoại giao Việt Nam – Nhật Bản',
      year: 2023,
      createdAt: h.clock.now.toJSDate(),
    });
    const coord = h.fake.user(COORD);
    let calls = await actFile(h, () =>
      coord.sendDocument('kh-nhat-ban.txt', SEED_002.replace('Bình Định', 'Bình Định ')),
    );
    expect(textsTo(calls, COORD).join()).toContain('Đọc được 13 hoạt động. Đưa vào kế hoạch nào?');
    await act(h, () => coord.pressButton(/Kỷ niệm 50 năm/));
    let text = last(h, COORD).text!;
    expect(text).toContain('Kế hoạch: Kỷ niệm 50 năm');
    expect(text).toMatch(/7\. ⚠ II\.2\.a · Hội nghị, hội thảo quốc tế · tháng 06\/2023 · UBND tỉnh Bình Định\?/);
    // Submit is refused while an item has no lead agency from the list.
    calls = await act(h, () => coord.pressButton('✅ Gửi 13 hoạt động'));
    expect(alerts(calls).join()).toContain('II.2.a');
    await act(h, () => coord.pressButton('7'));
    expect(buttons(h, COORD)).toContain('👉 Chủ trì: Văn phòng UBND tỉnh');
    calls = await act(h, () => coord.pressButton('👉 Chủ trì: Văn phòng UBND tỉnh'));
    expect(alerts(calls).join()).toContain('Đã sửa');
    expect(last(h, COORD).text).toContain('Cơ quan chủ trì: Văn phòng UBND tỉnh');
    // Item 10 (II.2.c-2) in the form: its type corrected.
    await act(h, () => coord.pressButton('⬅️ Danh sách'));
    await act(h, () => coord.pressButton('10'));
    await act(h, () => coord.pressButton('✏️ Sửa'));
    text = last(h, COORD).text!;
    expect(text).toContain('Sửa mục II.2.c-2');
    await act(h, () => coord.pressButton(/Loại hoạt động/));
    await act(h, () => coord.pressButton('Hoạt động khác'));
    calls = await act(h, () => coord.pressButton('✅ Lưu thay đổi'));
    expect(textsTo(calls, COORD).join()).toContain('Đã lưu mục II.2.c-2');
    calls = await act(h, () => coord.pressButton('✅ Gửi 13 hoạt động'));
    const lines = await repos.activities.listByPlan(programme.id);
    expect(lines).toHaveLength(13);
    expect(lines.every((a) => a.status === 'AGREED')).toBe(true);
    expect(lines.find((a) => a.sourceRef?.endsWith('#II.2.c-2'))?.type).toBe('OTHER');
    expect(lines.find((a) => a.sourceRef?.endsWith('#II.2.a'))?.leadAgency.code).toBe('VPUBND');
  }, 90_000);

  it('a plan line takes eight short questions (five skippable) and leaves the type details for later; a registered activity is attached with a tap', async () => {
    const { repos } = h.app;
    const u = h.fake.user(FOCAL_LIGHT);
    await act(h, () => u.command('plans'));
    await act(h, () => u.pressButton(/^1\. /));
    await act(h, () => u.pressButton('➕ Dòng kế hoạch (rút gọn)'));
    expect(last(h, FOCAL_LIGHT).text).toContain('Loại hoạt động (1/');
    await act(h, () => u.pressButton('Đoàn ra'));
    await act(h, () => u.send('Xúc tiến du lịch tại Hàn Quốc'));
    await act(h, () => u.send('quý II/2025'));
    for (let i = 0; i < 6 && !/✅ Gửi đăng ký/.test(buttons(h, FOCAL_LIGHT).join()); i++)
      await act(h, () => u.command('skip'));
    const calls = await act(h, () => u.pressButton('✅ Gửi đăng ký'));
    expect(textsTo(calls, FOCAL_LIGHT).join()).toContain('Đã thêm dòng kế hoạch');
    const line = (await repos.activities.listByPlan(requestId, { leadAgencyId: lightAgency })).find(
      (a) => a.title === 'Xúc tiến du lịch tại Hàn Quốc',
    )!;
    expect(line).toMatchObject({ type: 'OUTBOUND', status: 'SUBMITTED', timingPrecision: 'QUARTER', details: null });

    // An activity the agency registered before the request: attached, not typed again.
    const before = await repos.activities.create(
      {
        type: 'EXCHANGE',
        title: 'Liên hoan nghệ thuật với tỉnh Chăm-pa-sắc',
        leadAgencyId: lightAgency,
        timingPrecision: 'MONTH',
        startDate: new Date('2025-05-01'),
        endDate: new Date('2025-05-31'),
        status: 'SUBMITTED',
      },
      { userId: null, referenceYear: 2024, now: h.clock.now.toJSDate() },
    );
    await act(h, () => u.command('plans'));
    await act(h, () => u.pressButton(/^1\. /));
    await act(h, () => u.pressButton('📎 Gắn hoạt động đã đăng ký'));
    expect(buttons(h, FOCAL_LIGHT).join()).toContain(`➕ ${before.reference}`);
    await act(h, () => u.pressButton(new RegExp(`➕ ${before.reference}`)));
    expect((await repos.activities.findById(before.id))?.planId).toBe(requestId);
    expect(buttons(h, FOCAL_LIGHT).join()).toContain(`✅ ${before.reference}`);
  }, 60_000);
  it('a focal point pastes its plan over two messages and ends with /done', async () => {
    const u = h.fake.user(FOCAL_LIGHT, { firstName: 'Văn hóa', languageCode: 'vi' });
    await act(h, () => u.command('plans'));
    await act(h, () => u.pressButton(/^1\. /));
    let calls = await act(h, () => u.pressButton('📄 Gửi văn bản kế hoạch'));
    expect(textsTo(calls, FOCAL_LIGHT).join()).toContain('dán nội dung kế hoạch');
    const at = SEED_004.indexOf('3. Tổ chức các hoạt động trao đổi');
    await act(h, () => u.send(SEED_004.slice(0, at)));
    calls = await act(h, () => u.send(SEED_004.slice(at)));
    expect(textsTo(calls, FOCAL_LIGHT).join()).toContain('Đã nhận phần 2');
    calls = await act(h, () => u.command('done'));
    expect(textsTo(calls, FOCAL_LIGHT).join()).toContain('văn bản dán: đọc được 11 hoạt động');
    await act(h, () => u.pressButton('✅ Gửi 11 hoạt động'));
    expect(
      (await h.app.repos.activities.listByPlan(requestId, { leadAgencyId: lightAgency })).filter(
        (a) => a.source === 'DOCUMENT',
      ),
    ).toHaveLength(11);
  }, 60_000);

  it('a plan line registered late gets the outbound alert with a button that asks only the missing details', async () => {
    const { repos } = h.app;
    const line = await repos.activities.create(
      {
        type: 'OUTBOUND',
        title: 'Đoàn xúc tiến du lịch tại Hàn Quốc',
        leadAgencyId: lightAgency,
        timingPrecision: 'RANGE',
        startDate: new Date('2024-09-24'),
        endDate: new Date('2024-09-28'),
        status: 'SUBMITTED',
        planId: requestId,
        details: { members: 5 },
      },
      { userId: null, referenceYear: 2024, now: h.clock.now.toJSDate() },
    );
    const u = h.fake.user(FOCAL_LIGHT);
    await act(h, () => h.app.jobs.tick());
    const alert = h.fake
      .sent(FOCAL_LIGHT)
      .filter((m) => m.text?.includes(line.reference))
      .at(-1)!;
    expect(inlineButtons(alert).map((b) => b.text)).toEqual(['✍️ Bổ sung thông tin chi tiết']);
    await act(h, () => u.pressButton('✍️ Bổ sung thông tin chi tiết', alert.message_id));
    // Members are known: five questions (the purpose category included), not the whole form.
    expect(last(h, FOCAL_LIGHT).text).toContain('Trưởng đoàn (họ và tên) (1/5)');
    await act(h, () => u.send('Nguyễn Văn An'));
    await act(h, () => u.send('Giám đốc Sở'));
    await act(h, () => u.send('Xúc tiến du lịch, làm việc với tỉnh Gyeonggi'));
    await act(h, () => u.pressButton('Xúc tiến đầu tư, thương mại, du lịch'));
    await act(h, () => u.pressButton('Có'));
    const calls = await act(h, () => u.pressButton('✅ Lưu thay đổi'));
    expect(textsTo(calls, FOCAL_LIGHT).join()).toContain(`Đã bổ sung đủ thông tin chi tiết của ${line.reference}`);
    expect((await repos.activities.findById(line.id))?.details).toEqual({
      members: 5,
      headName: 'Nguyễn Văn An',
      headPosition: 'Giám đốc Sở',
      purpose: 'Xúc tiến du lịch, làm việc với tỉnh Gyeonggi',
      purposeCategory: 'PROMOTION',
      partyOpinion: true,
    });
  }, 60_000);
});
