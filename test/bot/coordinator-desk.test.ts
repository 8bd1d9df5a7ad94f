import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

// The coordinator's desk (issue 12): the full card of every type, the legal words of the lifecycle,
// the decision record, finding activities.

const COORD_ID = 6_500_000_001;
const FOCAL_A = 6_500_000_002;
const FOCAL_B = 6_500_000_003;
const plain = (html: unknown) => String(html).replace(/<[^>]+>/g, '').replace(/&amp;/g, '&');

describe('the coordinator’s desk over HTTP', () => {
  let h: Harness;
  let snnId: number;
  let svhId: number;
  let focalAId: number;

  beforeAll(async () => {
    h = await startHarness();
    const { repos } = h.app;
    snnId = (await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' })).id;
    svhId = (await repos.agencies.create({ code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch' })).id;
    await repos.users.upsertWithRole({ telegramId: BigInt(COORD_ID), displayName: 'Thu' }, 'COORDINATOR', null);
    focalAId = (await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_A), displayName: 'Minh' }, 'FOCAL', snnId)).id;
    await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_B), displayName: 'Hoa' }, 'FOCAL', svhId);
    for (const [id, name] of [[COORD_ID, 'Thu'], [FOCAL_A, 'Minh'], [FOCAL_B, 'Hoa']] as const) h.fake.user(id, { firstName: name, languageCode: 'vi' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  const create = (over: Record<string, unknown>, at = '2025-04-01T02:00:00Z') =>
    h.app.repos.activities.create(
      { type: 'OUTBOUND', title: 'Đoàn', leadAgencyId: snnId, countryCodes: ['JP'], fundingSources: ['STATE_BUDGET'], status: 'SUBMITTED', ...over } as never,
      { userId: focalAId, referenceYear: 2025, now: new Date(at) },
    );

  async function review() {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(COORD_ID).command('review');
    return plain((await h.fake.waitFor({ method: 'sendMessage', chatId: COORD_ID, since })).params.text);
  }

  it('the review card shows every field of an outbound delegation, with the form’s labels', async () => {
    const a = await create({
      title: 'Đoàn công tác sang Nhật Bản',
      details: { headName: 'Nguyễn Văn An', headPosition: 'Phó Chủ tịch UBND tỉnh', members: 6, purpose: 'Xúc tiến đầu tư nông nghiệp', purposeCategory: 'PROMOTION', partyOpinion: true },
    });
    const text = await review();
    expect(text).toContain(a.reference);
    expect(text).toContain('Trưởng đoàn (họ và tên): Nguyễn Văn An');
    expect(text).toContain('Phó Chủ tịch UBND tỉnh');
    expect(text).toContain('Số thành viên đoàn: 6');
    expect(text).toContain('Xúc tiến đầu tư nông nghiệp');
    expect(text).toContain('Cần xin ý kiến Ban Thường vụ Tỉnh ủy?: Có');
    // A detail nobody gave yet is said, not left out.
    expect(text).toMatch(/Thành phần đoàn[^:]*: chưa xác định/);
    await h.app.repos.activities.transition(a.id, ['SUBMITTED'], 'CANCELLED', { userId: null, now: new Date(), reason: 'test' });
  });

  it('the review card shows a letter’s sender and recipient', async () => {
    const a = await create({ type: 'LETTER', title: 'Thư chúc mừng Quốc khánh Lào', countryCodes: ['LA'], fundingSources: [], details: { occasion: 'NATIONAL_DAY', sender: 'Chủ tịch UBND tỉnh', recipient: 'Tỉnh trưởng tỉnh Chăm-pa-sắc' } });
    const text = await review();
    expect(text).toContain(a.reference);
    expect(text).toContain('Người ký gửi thư: Chủ tịch UBND tỉnh');
    expect(text).toContain('Người nhận thư: Tỉnh trưởng tỉnh Chăm-pa-sắc');
    await h.app.repos.activities.transition(a.id, ['SUBMITTED'], 'CANCELLED', { userId: null, now: new Date(), reason: 'test' });
  });
});
