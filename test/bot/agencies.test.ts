import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';

const COORD_ID = 6_300_000_001;
const FOCAL_ID = 6_300_000_002;
const plain = (html: unknown) =>
  String(html)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('/agencies over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    const snn = await h.app.repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp' });
    await h.app.repos.users.upsertWithRole({ telegramId: BigInt(COORD_ID) }, 'COORDINATOR', null);
    await h.app.repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_ID) }, 'FOCAL', snn.id);
    h.fake.user(ADMIN_ID, { firstName: 'Lan', languageCode: 'vi' });
    h.fake.user(COORD_ID, { firstName: 'Thu', languageCode: 'vi' });
    h.fake.user(FOCAL_ID, { firstName: 'Minh', languageCode: 'vi' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function ask(userId: number, command: string, payload?: string) {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(userId).command(command, payload);
    return plain((await h.fake.waitFor({ method: 'sendMessage', chatId: userId, since })).params.text);
  }
  async function sendFile(userId: number, name: string, bytes: Buffer | string) {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(userId).sendDocument(name, bytes);
    return plain((await h.fake.waitFor({ method: 'sendMessage', chatId: userId, since })).params.text);
  }

  it('a coordinator adds, renames, deactivates and reactivates agencies', async () => {
    expect(
      await ask(
        COORD_ID,
        'agencies',
        'add SVHTTDL | Sở Văn hóa, Thể thao và Du lịch | Department of Culture, Sports and Tourism | sở',
      ),
    ).toContain('Đã thêm');
    expect(await h.app.repos.agencies.findByCode('SVHTTDL')).toMatchObject({
      nameVi: 'Sở Văn hóa, Thể thao và Du lịch',
      nameEn: 'Department of Culture, Sports and Tourism',
      kind: 'DEPARTMENT',
      active: true,
    });
    expect(await ask(COORD_ID, 'agencies', 'add ubnd-vinhthanh | UBND huyện Vĩnh Thạnh | | ubnd')).toContain(
      'UBND-VINHTHANH',
    );
    expect((await h.app.repos.agencies.findByCode('UBND-VINHTHANH'))?.kind).toBe('PEOPLES_COMMITTEE');
    expect(await ask(COORD_ID, 'agencies', 'add SNN | Trùng')).toContain('đã có trong danh mục');
    expect(await ask(COORD_ID, 'agencies', 'add BAD CODE | Tên')).toContain('Mã cơ quan chỉ gồm');
    expect(await ask(COORD_ID, 'agencies', `add LONG | ${'x'.repeat(201)}`)).toContain('tối đa 200');
    expect(await ask(COORD_ID, 'agencies', 'add X | Tên | | hành tinh')).toContain('Loại cơ quan không đúng');
    expect(await ask(COORD_ID, 'agencies', 'add')).toContain('Cách thêm');
    expect(
      await ask(
        COORD_ID,
        'agencies',
        'rename SNN | Sở Nông nghiệp và Môi trường | Department of Agriculture and Environment',
      ),
    ).toContain('Đã đổi tên');
    expect(await h.app.repos.agencies.findByCode('SNN')).toMatchObject({
      nameVi: 'Sở Nông nghiệp và Môi trường',
      nameEn: 'Department of Agriculture and Environment',
    });
    expect(await ask(COORD_ID, 'agencies', 'rename NOPE | Tên')).toContain('Không tìm thấy');
    expect(await ask(COORD_ID, 'agencies', 'deactivate UBND-VINHTHANH')).toContain('Đã ngừng hoạt động');
    expect((await h.app.repos.agencies.findByCode('UBND-VINHTHANH'))?.active).toBe(false);

    const list = await ask(COORD_ID, 'agencies');
    expect(list).toContain('3; 2 đang hoạt động');
    expect(list).toContain('UBND-VINHTHANH — UBND huyện Vĩnh Thạnh (ngừng hoạt động)');
    // Reactivate with the buttons: agency card, then the toggle.
    const coord = h.fake.user(COORD_ID);
    let since = h.fake.mark();
    await coord.pressButton('UBND-VINHTHANH');
    await h.fake.waitFor({ method: 'editMessageText', chatId: COORD_ID, since, textIncludes: 'Số cán bộ đầu mối: 0' });
    since = h.fake.mark();
    await coord.pressButton('Kích hoạt lại');
    await h.fake.waitFor({ method: 'editMessageText', chatId: COORD_ID, since, textIncludes: 'đang hoạt động' });
    expect((await h.app.repos.agencies.findByCode('UBND-VINHTHANH'))?.active).toBe(true);
  });

  it('a focal point cannot use /agencies nor press its buttons', async () => {
    expect(await ask(FOCAL_ID, 'agencies', 'add EVIL | Độc hại')).toContain('không có quyền');
    expect(await h.app.repos.agencies.findByCode('EVIL')).toBeNull();
    const snn = await h.app.repos.agencies.findByCode('SNN');
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(FOCAL_ID).press(h.fake.lastSent(FOCAL_ID)!.message_id, `ag:d:${snn!.id}`);
    expect((await h.fake.waitFor({ method: 'answerCallbackQuery', since })).params.text).toContain('không có quyền');
    expect((await h.app.repos.agencies.findByCode('SNN'))?.active).toBe(true);
  });

  it('an admin imports a CSV file; a file with bad rows is reported row by row and imports nothing', async () => {
    const bad = [
      'code,name,english name,kind,active',
      'SNGV,Sở Ngoại vụ,,sở,có',
      ',Không mã,,,',
      'SNGV,Trùng,,,',
      'SYT,Sở Y tế,,hành tinh,',
    ].join('\n');
    const report = await sendFile(ADMIN_ID, 'co-quan.csv', bad);
    expect(report).toContain('chưa nhập dòng nào');
    expect(report).toContain('Dòng 3: thiếu mã');
    expect(report).toContain('Dòng 4: mã «SNGV» bị trùng');
    expect(report).toContain('Dòng 5: loại «hành tinh»');
    expect(await h.app.repos.agencies.findByCode('SNGV')).toBeNull();
    expect(await h.app.repos.agencies.count()).toBe(3);

    const good = [
      'code,name,english name,kind,active',
      'SNGV,Sở Ngoại vụ,Department of Foreign Affairs,sở,có',
      'SNN,Sở Nông nghiệp và Môi trường,,sở,không',
    ].join('\n');
    expect(await sendFile(ADMIN_ID, 'co-quan.csv', good)).toContain(
      'Đã nhập 2 cơ quan, đơn vị: 1 thêm mới, 1 cập nhật',
    );
    expect(await h.app.repos.agencies.findByCode('SNGV')).toMatchObject({
      nameEn: 'Department of Foreign Affairs',
      active: true,
    });
    expect((await h.app.repos.agencies.findByCode('SNN'))?.active).toBe(false);
  });

  it('an admin imports an XLSX file; a non-agency spreadsheet is explained', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Danh mục');
    ws.addRow(['Mã', 'Tên cơ quan', 'Loại']);
    ws.addRow(['HLHPN', 'Hội Liên hiệp Phụ nữ tỉnh', 'đoàn thể']);
    expect(await sendFile(ADMIN_ID, 'danh-muc.xlsx', Buffer.from(await wb.xlsx.writeBuffer()))).toContain('1 thêm mới');
    expect((await h.app.repos.agencies.findByCode('HLHPN'))?.kind).toBe('MASS_ORGANISATION');
    expect(await sendFile(ADMIN_ID, 'khac.csv', 'a,b\n1,2')).toContain('Không thấy dòng tiêu đề');
    expect(await sendFile(ADMIN_ID, 'hong.xlsx', 'not a zip')).toContain('Không đọc được tệp');
  });

  it('a coordinator sending a file is told only admins import; nothing changes', async () => {
    const before = await h.app.repos.agencies.count();
    expect(await sendFile(COORD_ID, 'co-quan.csv', 'code,name\nNEW,Mới')).toContain('Chỉ quản trị hệ thống');
    expect(await h.app.repos.agencies.count()).toBe(before);
  });
});
