import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_ID, startHarness, type Harness } from '../support/harness.js';
import { createInvite, hashToken } from '../../src/services/invites.js';

const COORD_ID = 6_100_000_001;
const chatScope = (chatId: number) => (c: { method: string; params: Record<string, unknown> }) =>
  c.method === 'setMyCommands' && (c.params.scope as { chat_id?: number } | undefined)?.chat_id === chatId;
const commandNames = (c: { params: Record<string, unknown> }) =>
  (c.params.commands as { command: string }[]).map((x) => x.command);
const tokenIn = (text: unknown) => /start=([A-Za-z0-9_-]+)/.exec(String(text))?.[1] ?? '';

describe('invites and user management over HTTP', () => {
  let h: Harness;
  let snnId: number;
  beforeAll(async () => {
    h = await startHarness();
    snnId = (await h.app.repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp và Môi trường' })).id;
    await h.app.repos.agencies.create({ code: 'SVHTTDL', nameVi: 'Sở Văn hóa, Thể thao và Du lịch' });
    await h.app.repos.users.upsertWithRole(
      { telegramId: BigInt(COORD_ID), displayName: 'Chuyên viên' },
      'COORDINATOR',
      null,
    );
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function ask(userId: number, command: string, payload?: string) {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await h.fake.user(userId).command(command, payload);
    return h.fake.waitFor({ method: 'sendMessage', chatId: userId, since });
  }

  it('/invite focal SNN gives a single-use deep link; the token is stored only hashed; a stranger redeems it', async () => {
    h.fake.user(ADMIN_ID, { firstName: 'Lan', languageCode: 'vi' });
    const reply = await ask(ADMIN_ID, 'invite', 'focal SNN');
    expect(reply.params.text).toContain('https://t.me/liaison_test_bot?start=');
    expect(reply.params.text).toContain('cán bộ đầu mối');
    expect(reply.params.text).toContain('17/04/2025'); // 7 days from the test clock
    const token = tokenIn(reply.params.text);
    expect(token.length).toBeGreaterThanOrEqual(22);
    expect(token.length).toBeLessThanOrEqual(64);
    const stored = await h.app.repos.invites.findByHash(hashToken(token));
    expect(stored).toMatchObject({ role: 'FOCAL', agencyId: snnId, usedAt: null });
    expect(JSON.stringify(stored)).not.toContain(token);

    const newcomer = h.fake.user(6_200_000_001, { firstName: 'Minh', languageCode: 'vi' });
    const since = h.fake.mark();
    await newcomer.command('start', token);
    const welcome = await h.fake.waitFor({ method: 'sendMessage', chatId: newcomer.id, since });
    expect(welcome.params.text).toContain('cán bộ đầu mối');
    expect(welcome.params.text).toContain('Sở Nông nghiệp và Môi trường');
    expect(welcome.params.text).toContain('/help');
    const user = await h.app.repos.users.findByTelegramId(BigInt(newcomer.id));
    expect(user).toMatchObject({ role: 'FOCAL', agencyId: snnId, active: true, displayName: 'Minh' });
    expect((await h.app.repos.invites.findByHash(hashToken(token)))?.usedById).toBe(user!.id);
    // Their menu (chat scope) has no coordinator commands; the inviter is told.
    const menu = await h.fake.waitFor(chatScope(newcomer.id), 5000, since);
    expect(commandNames(menu)).toContain('help');
    expect(commandNames(menu)).not.toContain('invite');
    expect(commandNames(menu)).not.toContain('agencies');
    await h.fake.waitFor({ method: 'sendMessage', chatId: ADMIN_ID, since, textIncludes: 'Minh đã nhận lời mời' });

    // The same link again, by someone else: refused, nothing created.
    const late = h.fake.user(6_200_000_002, { firstName: 'Hoa', languageCode: 'vi' });
    const again = await ask(late.id, 'start', token);
    expect(again.params.text).toContain('đã được sử dụng');
    expect(await h.app.repos.users.findByTelegramId(BigInt(late.id))).toBeNull();
    // And by the registered user: they already have access.
    const mine = await ask(newcomer.id, 'start', token);
    expect(mine.params.text).toContain('đã được cấp quyền');
  });

  it('refuses malformed, unknown, expired and revoked tokens with a clear message and creates nothing', async () => {
    const stranger = h.fake.user(6_200_000_010, { firstName: 'Lạ', languageCode: 'en' });
    for (const payload of ['hello', 'A'.repeat(32), '<b>x</b>']) {
      const r = await ask(stranger.id, 'start', payload);
      expect(r.params.text).toContain('not valid');
      expect(r.params.text).toContain(String(stranger.id));
    }
    const expired = await createInvite(h.app.repos, {
      role: 'HEAD',
      agencyId: null,
      createdById: null,
      now: h.clock.now.minus({ days: 8 }),
    });
    expect((await ask(stranger.id, 'start', expired.token)).params.text).toContain('has expired');

    const created = await ask(ADMIN_ID, 'invite', 'head');
    const token = tokenIn(created.params.text);
    const invite = await h.app.repos.invites.findByHash(hashToken(token));
    const revoked = await ask(ADMIN_ID, 'invite', `revoke ${invite!.id}`);
    expect(revoked.params.text).toContain(`#${invite!.id}`);
    expect((await ask(stranger.id, 'start', token)).params.text).toContain('revoked');
    expect((await ask(ADMIN_ID, 'invite', `revoke ${invite!.id}`)).params.text).toContain(
      'không tồn tại, đã được sử dụng',
    );
    expect(await h.app.repos.users.findByTelegramId(BigInt(stranger.id))).toBeNull();
    // Still a stranger: everything else refused.
    expect((await ask(stranger.id, 'help')).params.text).toContain('has not been given access');
  });

  it('guided /invite: role buttons, then a paginated agency choice for a focal point', async () => {
    const admin = h.fake.user(ADMIN_ID);
    await ask(ADMIN_ID, 'invite');
    const buttons = h.fake
      .lastSent(ADMIN_ID)!
      .reply_markup!.inline_keyboard.flat()
      .map((b) => b.text);
    expect(buttons).toEqual(expect.arrayContaining(['cán bộ đầu mối', 'lãnh đạo', 'quản trị hệ thống']));
    let since = h.fake.mark();
    await admin.pressButton('cán bộ đầu mối');
    await h.fake.waitFor({ method: 'editMessageText', chatId: ADMIN_ID, since, textIncludes: 'Chọn cơ quan' });
    since = h.fake.mark();
    await admin.pressButton(/^SVHTTDL/);
    const done = await h.fake.waitFor({ method: 'editMessageText', chatId: ADMIN_ID, since });
    expect(done.params.text).toContain('https://t.me/liaison_test_bot?start=');
    const invite = await h.app.repos.invites.findByHash(hashToken(tokenIn(done.params.text)));
    expect(invite?.agency?.code).toBe('SVHTTDL');
  });

  it('a coordinator invites focal points but not admins; bad arguments get the usage', async () => {
    h.fake.user(COORD_ID, { firstName: 'Thu', languageCode: 'vi' });
    const before = (await h.app.repos.invites.listActive(h.clock.now.toJSDate())).length;
    expect((await ask(COORD_ID, 'invite', 'admin')).params.text).toContain('không có quyền mời');
    expect((await ask(COORD_ID, 'invite', 'focal')).params.text).toContain('phải thuộc một cơ quan');
    expect((await ask(COORD_ID, 'invite', 'focal NOPE')).params.text).toContain('NOPE');
    expect((await ask(COORD_ID, 'invite', 'wizard')).params.text).toContain('Cách dùng');
    expect((await ask(COORD_ID, 'invite', 'x'.repeat(700))).params.text).toContain('tối đa 600');
    expect((await h.app.repos.invites.listActive(h.clock.now.toJSDate())).length).toBe(before);
    // The guided flow offers no admin button to a coordinator, and a crafted press is refused.
    await ask(COORD_ID, 'invite');
    const buttons = h.fake
      .lastSent(COORD_ID)!
      .reply_markup!.inline_keyboard.flat()
      .map((b) => b.text);
    expect(buttons).not.toContain('quản trị hệ thống');
    const since = h.fake.mark();
    await h.fake.user(COORD_ID).press(h.fake.lastSent(COORD_ID)!.message_id, 'inv:r:ADMIN');
    const answer = await h.fake.waitFor({ method: 'answerCallbackQuery', since });
    expect(answer.params.text).toContain('không có quyền mời');
    expect((await h.app.repos.invites.listActive(h.clock.now.toJSDate())).length).toBe(before);
    // /invite list shows the valid invitations with revoke buttons.
    const list = await ask(COORD_ID, 'invite', 'list');
    expect(list.params.text).toContain('Lời mời còn hiệu lực');
  });

  it('/users: an admin changes a role (menu refreshed at once), suspends and reactivates a user', async () => {
    const admin = h.fake.user(ADMIN_ID);
    const focal = await h.app.repos.users.findByTelegramId(6_200_000_001n);
    await ask(ADMIN_ID, 'users');
    let since = h.fake.mark();
    await admin.pressButton(/^Minh/);
    await h.fake.waitFor({ method: 'editMessageText', chatId: ADMIN_ID, since, textIncludes: '6200000001' });

    since = h.fake.mark();
    await admin.pressButton('Vai trò: chuyên viên Sở Ngoại vụ');
    await h.fake.waitFor({ method: 'answerCallbackQuery', since });
    expect((await h.app.repos.users.findById(focal!.id))?.role).toBe('COORDINATOR');
    const menu = await h.fake.waitFor(chatScope(6_200_000_001), 5000, since);
    expect(commandNames(menu)).toContain('invite');
    expect(commandNames(menu)).not.toContain('users');
    await h.fake.waitFor({
      method: 'sendMessage',
      chatId: 6_200_000_001,
      since,
      textIncludes: 'chuyên viên Sở Ngoại vụ',
    });

    since = h.fake.mark();
    await admin.pressButton('Tạm ngừng sử dụng');
    await h.fake.waitFor({ method: 'deleteMyCommands', since });
    expect((await h.app.repos.users.findById(focal!.id))?.active).toBe(false);
    // A suspended user is refused everything, including a fresh invite link.
    expect((await ask(6_200_000_001, 'help')).params.text).toContain('tạm ngừng');
    const fresh = tokenIn((await ask(ADMIN_ID, 'invite', 'coordinator')).params.text);
    expect((await ask(6_200_000_001, 'start', fresh)).params.text).toContain('tạm ngừng');
    expect((await h.app.repos.invites.findByHash(hashToken(fresh)))?.usedAt).toBeNull();
    expect((await h.app.repos.users.findById(focal!.id))?.role).toBe('COORDINATOR');

    since = h.fake.mark();
    await admin.pressButton('Kích hoạt lại');
    await h.fake.waitFor({ method: 'sendMessage', chatId: 6_200_000_001, since, textIncludes: 'kích hoạt lại' });
    expect((await h.app.repos.users.findById(focal!.id))?.active).toBe(true);

    // An admin cannot demote or suspend themselves (nor a bootstrap admin).
    const me = await h.app.repos.users.findByTelegramId(BigInt(ADMIN_ID));
    await h.fake.waitForIdle();
    since = h.fake.mark();
    await admin.press(h.fake.lastSent(ADMIN_ID)!.message_id, `us:x:${me!.id}`);
    expect((await h.fake.waitFor({ method: 'answerCallbackQuery', since })).params.text).toContain('chính mình');
    expect((await h.app.repos.users.findById(me!.id))?.active).toBe(true);
  });

  it('/users and its buttons are for admins only', async () => {
    expect((await ask(COORD_ID, 'users')).params.text).toContain('không có quyền');
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    const target = await h.app.repos.users.findByTelegramId(6_200_000_001n);
    await h.fake.user(COORD_ID).press(h.fake.lastSent(COORD_ID)!.message_id, `us:r:${target!.id}:ADMIN`);
    expect((await h.fake.waitFor({ method: 'answerCallbackQuery', since })).params.text).toContain('không có quyền');
    expect((await h.app.repos.users.findById(target!.id))?.role).toBe('COORDINATOR');
  });
});
