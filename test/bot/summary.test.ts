import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import type { CallRecord } from '../support/fake-telegram/types.js';
import { readDocx, readXlsx } from '../support/office.js';
import { PNG } from 'pngjs';

const HEAD_ID = 6_400_000_001;
const FOCAL_ID = 6_400_000_002;
const HEAD_EN_ID = 6_400_000_003;
const plain = (html: unknown) =>
  String(html)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('/summary, /upcoming, /overdue, /report over HTTP', () => {
  let h: Harness;
  let planId: number;
  beforeAll(async () => {
    h = await startHarness({ now: '2025-04-10T09:00:00' });
    const { repos } = h.app;
    const sngv = await repos.agencies.create({
      code: 'SNGV',
      nameVi: 'Sở Ngoại vụ',
      nameEn: 'Department of Foreign Affairs',
    });
    const snn = await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' });
    await repos.users.upsertWithRole({ telegramId: BigInt(HEAD_ID), displayName: 'Lãnh đạo' }, 'HEAD', null);
    await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_ID), displayName: 'Đầu mối' }, 'FOCAL', snn.id);
    await repos.users.upsertWithRole({ telegramId: BigInt(HEAD_EN_ID), displayName: 'Leader' }, 'HEAD', null);
    h.fake.user(HEAD_ID, { firstName: 'Hùng', languageCode: 'vi' });
    h.fake.user(FOCAL_ID, { firstName: 'Minh', languageCode: 'vi' });
    h.fake.user(HEAD_EN_ID, { firstName: 'Anna', languageCode: 'en' });
    planId = (
      await repos.plans.create({
        kind: 'PROGRAMME',
        title: 'Kế hoạch kỷ niệm 50 năm quan hệ Việt Nam - Nhật Bản',
        year: 2025,
      })
    ).id;

    const by = { userId: null, referenceYear: 2025, now: new Date('2025-03-01T02:00:00Z') };
    const day = (iso: string) => ({ timingPrecision: 'DAY' as const, startDate: d(iso), endDate: d(iso) });
    await repos.activities.create(
      {
        type: 'OUTBOUND',
        title: 'Đoàn công tác sang thăm thành phố Izumisano',
        leadAgencyId: sngv.id,
        status: 'AUTHORIZED',
        ...day('2025-04-15'),
        countryCodes: ['JP'],
        fundingSources: ['STATE_BUDGET'],
        costVnd: 350_000_000n,
        partnerName: 'Thành phố Izumisano',
        details: { members: 5, headName: 'Lâm Hải Giang', purpose: 'Xúc tiến đầu tư' },
        planId,
      },
      by,
    );
    await repos.activities.create(
      {
        type: 'INBOUND',
        title: 'Đón đoàn tỉnh Chăm-pa-sắc',
        leadAgencyId: snn.id,
        status: 'SUBMITTED',
        timingPrecision: 'RANGE',
        startDate: d('2025-04-01'),
        endDate: d('2025-04-03'),
        countryCodes: ['LA'],
      },
      by,
    );
    await repos.activities.create(
      {
        type: 'LETTER',
        title: 'Thư chúc mừng Quốc khánh Lào',
        leadAgencyId: sngv.id,
        status: 'AUTHORIZED',
        timingPrecision: 'DEADLINE',
        startDate: null,
        endDate: d('2025-12-02'),
        countryCodes: ['LA'],
      },
      by,
    );
    const talk = await repos.activities.create(
      {
        type: 'ONLINE_TALK',
        title: 'Hội đàm trực tuyến với huyện Long Châu',
        leadAgencyId: snn.id,
        status: 'DONE',
        ...day('2025-03-06'),
        countryCodes: ['CN'],
      },
      by,
    );
    await repos.activities.create(
      { type: 'OUTBOUND', title: 'Bản nháp chưa gửi', leadAgencyId: snn.id, status: 'DRAFT', ...day('2025-05-01') },
      by,
    );
    await repos.activities.create(
      { type: 'EXCHANGE', title: 'Giao lưu năm 2024', leadAgencyId: snn.id, status: 'REPORTED', ...day('2024-06-01') },
      by,
    );
    await repos.followUps.create({
      title: 'Phía Long Châu phản hồi chính thức',
      dueDate: d('2025-04-05'),
      activityId: talk.id,
      responsibleAgencyId: snn.id,
    });
  });
  afterAll(async () => {
    await h?.stop();
  });

  /** Sends the command and returns every message the bot answered with, once it is idle. */
  async function ask(userId: number, command: string, payload?: string, opts: { files?: boolean } = {}) {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(userId).command(command, payload);
    await h.fake.waitFor({ chatId: userId, since, method: 'sendMessage' });
    // Building the files makes no API call for a while: wait for the last one explicitly.
    if (opts.files)
      await h.fake.waitFor(
        (c) =>
          c.seq >= since &&
          c.method === 'sendDocument' &&
          c.chatId === userId &&
          String((c.params.document as { fileName?: string }).fileName).endsWith('.docx') &&
          c.response !== undefined,
        20_000,
      );
    await h.fake.waitForIdle();
    const calls = h.fake.calls.filter(
      (c) =>
        c.seq >= since &&
        c.chatId === userId &&
        (c.method === 'sendMessage' || c.method === 'sendDocument' || c.method === 'sendPhoto'),
    );
    for (const c of calls) expect(c.response?.ok, h.fake.describeRecent()).toBe(true);
    return {
      texts: calls.filter((c) => c.method === 'sendMessage').map((c) => String(c.params.text)),
      text: calls
        .filter((c) => c.method === 'sendMessage')
        .map((c) => plain(c.params.text))
        .join('\n'),
      documents: calls.filter((c) => c.method === 'sendDocument'),
      photos: calls.filter((c) => c.method === 'sendPhoto'),
    };
  }
  const fileOf = (c: CallRecord) => c.params.document as { fileName: string; bytes: Buffer };
  const snapshot = async () => {
    const db = h.app.db.db;
    return {
      activities: await db.activity.findMany({ orderBy: { id: 'asc' } }),
      history: await db.activityHistory.count(),
      followUps: await db.followUp.findMany(),
    };
  };

  it('a head gets the summary of the current year: counts by type, status, agency and country, next and overdue items', async () => {
    const before = await snapshot();
    const { texts, text } = await ask(HEAD_ID, 'summary');
    expect(texts).toHaveLength(1);
    expect(texts[0]!.length).toBeLessThanOrEqual(4096);
    expect(text).toContain('Tổng hợp hoạt động đối ngoại năm 2025');
    expect(text).toContain('Tổng số: 4 hoạt động');
    for (const line of [
      '• Đoàn ra: 1',
      '• Đoàn vào: 1',
      '• Thư chúc mừng: 1',
      '• Hội đàm trực tuyến: 1',
      '• Được cấp có thẩm quyền cho phép: 2',
      '• Đã đăng ký, chờ thẩm định: 1',
      '• Đã thực hiện: 1',
      '• Sở Ngoại vụ: 2',
      '• Sở Nông nghiệp và Môi trường: 2',
      '• Lào: 2',
      '• Nhật Bản: 1',
      '• Trung Quốc: 1',
    ]) {
      expect(text).toContain(line);
    }
    expect(text).not.toContain('Bản nháp');
    expect(text).not.toContain('Giao lưu năm 2024');
    expect(text).toContain('Sắp diễn ra (2 hoạt động gần nhất)');
    expect(text).toContain('• 15/04/2025 — Đoàn công tác sang thăm thành phố Izumisano (2025-001) — Sở Ngoại vụ');
    expect(text).toContain('• trước 02/12/2025 — Thư chúc mừng Quốc khánh Lào (2025-003) — Sở Ngoại vụ');
    expect(text).toContain('Quá hạn (2)');
    expect(text).toContain(
      'Hội đàm trực tuyến với huyện Long Châu (2025-004) — Sở Nông nghiệp và Môi trường: chưa gửi báo cáo kết quả, quá hạn 20 ngày',
    );
    expect(text).toContain(
      'Đón đoàn tỉnh Chăm-pa-sắc (2025-002) — Sở Nông nghiệp và Môi trường: đã qua thời gian thực hiện 7 ngày',
    );
    // Reading changes nothing.
    expect(await snapshot()).toEqual(before);
  });

  it('the summary comes with one PNG chart, sent as a photo after the text', async () => {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await ask(HEAD_ID, 'summary');
    await h.fake.waitFor({ chatId: HEAD_ID, since, method: 'sendPhoto' }, 20_000);
    const photos = h.fake.calls.filter((c) => c.seq >= since && c.method === 'sendPhoto' && c.chatId === HEAD_ID);
    expect(photos).toHaveLength(1);
    const call = photos[0]!;
    const upload = call.params.photo as { fileName: string; bytes: Buffer };
    const png = PNG.sync.read(upload.bytes);
    expect(png.width).toBe(1200);
    expect(png.height).toBeGreaterThan(600);
    expect(call.seq).toBeGreaterThan(
      h.fake.calls.filter((c) => c.seq >= since && c.method === 'sendMessage' && c.chatId === HEAD_ID).at(-1)!.seq,
    );
    const sent = (call.response as { result: unknown }).result as {
      photo: { width: number; height: number }[];
      caption: string;
    };
    expect(sent.photo[0]).toMatchObject({ width: 1200, height: png.height });
    expect(sent.caption).toBe('📊 Hoạt động đối ngoại năm 2025: 4 hoạt động');
    const enSince = h.fake.mark();
    await ask(HEAD_EN_ID, 'summary', 'Q2 2025');
    const en = await h.fake.waitFor({ chatId: HEAD_EN_ID, since: enSince, method: 'sendPhoto' }, 20_000);
    expect(((en.response as { result: unknown }).result as { caption: string }).caption).toBe(
      '📊 Foreign-affairs activities, Q2 2025: 2',
    );
  });

  it('periods share the timing parser; a bad one gets examples', async () => {
    expect((await ask(HEAD_ID, 'summary', 'quý II/2025')).text).toMatch(/quý II\/2025[\s\S]*Tổng số: 2 hoạt động/);
    expect((await ask(HEAD_ID, 'summary', 'q2')).text).toContain('Tổng số: 2 hoạt động');
    expect((await ask(HEAD_ID, 'summary', 'tháng 12')).text).toMatch(/tháng 12\/2025[\s\S]*Tổng số: 1 hoạt động/);
    expect((await ask(HEAD_ID, 'summary', 'tuần này')).text).toContain('từ 07/04/2025 đến 13/04/2025');
    expect((await ask(HEAD_ID, 'summary', '2024')).text).toContain('Tổng số: 1 hoạt động');
    expect((await ask(HEAD_ID, 'summary', '2030')).text).toContain('Chưa có hoạt động nào được đăng ký trong kỳ này.');
    for (const bad of ['quý V/2025', '31/2/2025', 'trước 15/9/2025', '<b>x</b>']) {
      const { texts, text } = await ask(HEAD_ID, 'summary', bad);
      expect(texts, bad).toHaveLength(1);
      expect(text).toContain(`Chưa nhận ra kỳ tổng hợp «${bad}»`);
      expect(text).toContain('quý III/2025');
    }
    const huge = await ask(HEAD_ID, 'summary', 'năm '.repeat(900));
    expect(huge.texts).toHaveLength(1);
    expect(huge.text).toContain('Chưa nhận ra kỳ tổng hợp «năm năm');
    expect(huge.texts[0]!.length).toBeLessThan(600);
  });

  it('/upcoming [days] lists what starts in the window, deadlines on their day; bad numbers are explained', async () => {
    let r = await ask(HEAD_ID, 'upcoming', '10');
    expect(r.text).toContain('Hoạt động sắp diễn ra trong 10 ngày tới (10/04/2025 – 19/04/2025): 1');
    expect(r.text).toContain('15/04/2025 — Đoàn công tác sang thăm thành phố Izumisano');
    r = await ask(HEAD_ID, 'upcoming');
    expect(r.text).toContain('trong 30 ngày tới');
    r = await ask(HEAD_ID, 'upcoming', '300');
    expect(r.text).toContain(': 2');
    expect(r.text).toContain('trước 02/12/2025 — Thư chúc mừng Quốc khánh Lào');
    expect((await ask(HEAD_ID, 'upcoming', '3')).text).toContain('Không có hoạt động nào sắp diễn ra trong 3 ngày tới');
    for (const bad of ['0', '367', 'abc', '-5', '1.5'])
      expect((await ask(HEAD_ID, 'upcoming', bad)).text, bad).toContain('Số ngày cần là số nguyên từ 1 đến 366');
  });

  it('/overdue lists every overdue activity and follow-up', async () => {
    const { text } = await ask(HEAD_ID, 'overdue');
    expect(text).toContain('Hoạt động quá hạn: 2');
    expect(text.indexOf('Long Châu (2025-004)')).toBeLessThan(text.indexOf('Chăm-pa-sắc (2025-002)')); // longest overdue first
    expect(text).toContain('Việc cần theo dõi quá hạn: 1');
    expect(text).toContain(
      'Hạn 05/04/2025 — Phía Long Châu phản hồi chính thức (2025-004) — Sở Nông nghiệp và Môi trường: quá hạn 5 ngày',
    );
  });

  it('/report sends the consolidated plan as .xlsx and .docx under readable names', async () => {
    const before = await snapshot();
    const { text, documents } = await ask(HEAD_ID, 'report', undefined, { files: true });
    expect(text).toContain('Đang lập tệp tổng hợp (năm 2025): 4 hoạt động');
    expect(documents.map((c) => fileOf(c).fileName)).toEqual([
      'Tong-hop-ke-hoach-doi-ngoai-2025.xlsx',
      'Tong-hop-ke-hoach-doi-ngoai-2025.docx',
    ]);
    expect(plain(documents[0]!.params.caption)).toBe(
      'Tổng hợp kế hoạch đối ngoại (năm 2025) — bảng tính Excel, 4 hoạt động',
    );
    // What the head downloads is what was sent.
    const sent = (documents[0]!.response as { result: { document: { file_id: string } } }).result.document;
    expect(h.fake.file(sent.file_id)?.bytes.equals(fileOf(documents[0]!).bytes)).toBe(true);

    const { sheets } = await readXlsx(fileOf(documents[0]!).bytes);
    const rows = sheets[0]!.rows;
    expect(rows[0]![0]).toBe('TỔNG HỢP KẾ HOẠCH ĐỐI NGOẠI NĂM 2025');
    expect(rows[1]![0]).toBe('(Số liệu tính đến ngày 10/04/2025)');
    expect(rows.map((r) => r[0]).filter((v) => typeof v === 'string' && /^[IV]+\./.test(v))).toEqual([
      'I. ĐOÀN RA',
      'II. ĐOÀN VÀO',
      'III. THƯ CHÚC MỪNG',
      'IV. HỘI ĐÀM TRỰC TUYẾN',
    ]);
    expect(rows.find((r) => typeof r[1] === 'string' && r[1].startsWith('Đoàn công tác sang thăm'))).toEqual([
      1,
      'Đoàn công tác sang thăm thành phố Izumisano\nSố hiệu: 2025-001',
      '15/04/2025',
      'Sở Ngoại vụ',
      '',
      'Thành phố Izumisano (Nhật Bản)',
      'Trưởng đoàn: Lâm Hải Giang\n5 người',
      'Ngân sách nhà nước',
      350_000_000,
      'Được cấp có thẩm quyền cho phép',
    ]);
    expect(sheets[1]!.rows).toContainEqual(['Xúc tiến đầu tư, thương mại, du lịch', 1, 5, 350_000_000]);
    // The chart, as a picture on its own sheet.
    expect(sheets.map((s) => s.name)).toEqual(['Kế hoạch', 'Thống kê đoàn ra', 'Biểu đồ']);
    expect(sheets[2]!.ws.getImages()).toHaveLength(1);
    const docx = await readDocx(fileOf(documents[1]!).bytes);
    expect(docx.paragraphs.filter(Boolean).slice(0, 3)).toEqual(['UBND TỈNH ……', 'SỞ NGOẠI VỤ', 'Số: ……/BC-SNgV']);
    expect(docx.text).toContain('TỔNG HỢP KẾ HOẠCH ĐỐI NGOẠI NĂM 2025');
    expect(docx.xml).toContain('<pic:pic');
    expect(docx.text).toContain('Hội đàm trực tuyến với huyện Long Châu');
    expect(docx.text).toContain('trước 02/12/2025');
    expect(await snapshot()).toEqual(before);
  });

  it('/report for a period and a plan, for a whole plan, for an empty period; an unknown plan lists the plans', async () => {
    let r = await ask(HEAD_ID, 'report', `quý II/2025 KH${planId}`, { files: true });
    expect(r.documents.map((c) => fileOf(c).fileName)).toEqual([
      `Tong-hop-ke-hoach-doi-ngoai-quy-II-2025-KH${planId}.xlsx`,
      `Tong-hop-ke-hoach-doi-ngoai-quy-II-2025-KH${planId}.docx`,
    ]);
    let rows = (await readXlsx(fileOf(r.documents[0]!).bytes)).sheets[0]!.rows;
    expect(rows.slice(0, 3).map((x) => x[0])).toEqual([
      'TỔNG HỢP KẾ HOẠCH ĐỐI NGOẠI QUÝ II/2025',
      'Kế hoạch kỷ niệm 50 năm quan hệ Việt Nam - Nhật Bản',
      '(Số liệu tính đến ngày 10/04/2025)',
    ]);
    expect(rows.filter((x) => typeof x[0] === 'number')).toHaveLength(1);

    r = await ask(HEAD_ID, 'report', `kh${planId}`, { files: true });
    expect(r.documents.map((c) => fileOf(c).fileName)).toEqual([
      `Tong-hop-ke-hoach-doi-ngoai-KH${planId}.xlsx`,
      `Tong-hop-ke-hoach-doi-ngoai-KH${planId}.docx`,
    ]);

    r = await ask(HEAD_ID, 'report', '2030', { files: true });
    rows = (await readXlsx(fileOf(r.documents[0]!).bytes)).sheets[0]!.rows;
    expect(rows.at(-1)![0]).toBe('Không có hoạt động nào trong kỳ.');
    expect((await readDocx(fileOf(r.documents[1]!).bytes)).text).toContain('Không có hoạt động nào trong kỳ.');

    r = await ask(HEAD_ID, 'report', '2025 KH999');
    expect(r.documents).toHaveLength(0);
    expect(r.text).toContain('Không tìm thấy kế hoạch «KH999»');
    expect(r.text).toContain(`• KH${planId} — Kế hoạch kỷ niệm 50 năm quan hệ Việt Nam - Nhật Bản`);

    r = await ask(HEAD_ID, 'report', 'quý V/2025');
    expect(r.documents).toHaveLength(0);
    expect(r.text).toContain('Chưa nhận ra kỳ tổng hợp «quý V/2025»');
  });

  it('a redelivered /report sends the files once', async () => {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    const update = await h.fake.user(HEAD_ID).command('report', 'q2');
    await h.fake.waitFor({ method: 'sendDocument', chatId: HEAD_ID, since, textIncludes: 'Word' }, 20_000);
    await h.fake.waitForIdle();
    h.fake.redeliver(update.update_id);
    await h.fake.waitForIdle();
    expect(h.fake.calls.filter((c) => c.seq >= since && c.method === 'sendDocument')).toHaveLength(2);
  });

  it("a focal point gets a refusal and no data, no file; the leaders' commands are not in its menu", async () => {
    for (const [cmd, payload] of [
      ['summary', ''],
      ['summary', '2025'],
      ['upcoming', '7'],
      ['overdue', ''],
      ['report', '2025'],
    ] as const) {
      const { texts, text, documents } = await ask(FOCAL_ID, cmd, payload || undefined);
      expect(texts, cmd).toHaveLength(1);
      expect(text).toBe('Bạn không có quyền sử dụng chức năng này.');
      expect(documents).toHaveLength(0);
    }
    expect(h.fake.calls.filter((c) => c.method === 'sendDocument' && c.chatId === FOCAL_ID)).toHaveLength(0);
    const menu = (id: number) =>
      (h.fake.commands({ type: 'chat', chat_id: id }) as { command: string }[]).map((c) => c.command);
    expect(menu(FOCAL_ID)).toContain('new');
    expect(menu(FOCAL_ID)).not.toContain('summary');
    expect(menu(FOCAL_ID)).not.toContain('report');
    expect(menu(HEAD_ID)).toEqual(expect.arrayContaining(['summary', 'upcoming', 'overdue', 'report']));
  });

  it('answers in English for an English-speaking leader, files included', async () => {
    const { text } = await ask(HEAD_EN_ID, 'summary', 'Q2 2025');
    expect(text).toContain('Foreign-affairs activities, Q2 2025');
    expect(text).toContain('• Outbound delegation: 1');
    expect(text).toContain('• Department of Foreign Affairs: 1');
    const r = await ask(HEAD_EN_ID, 'report', undefined, { files: true });
    expect(r.documents.map((c) => fileOf(c).fileName)).toEqual([
      'Consolidated-foreign-affairs-plan-2025.xlsx',
      'Consolidated-foreign-affairs-plan-2025.docx',
    ]);
    const { sheets } = await readXlsx(fileOf(r.documents[0]!).bytes);
    expect(sheets[0]!.rows[0]![0]).toBe('CONSOLIDATED FOREIGN AFFAIRS PLAN 2025');
  });
});
