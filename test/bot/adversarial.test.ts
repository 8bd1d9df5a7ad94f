import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { COMMANDS } from '../../src/bot/commands.js';
import { createInvite } from '../../src/services/invites.js';

const COORD_ID = 6_500_000_001;
const FOCAL_A = 6_500_000_002;
const FOCAL_B = 6_500_000_003;
const SUSPENDED = 6_500_000_004;
const STRANGER = 6_500_000_099;

async function seed(h: Harness) {
  const { repos } = h.app;
  const a = await repos.agencies.create({ code: 'SNN', nameVi: 'Sở Nông nghiệp' });
  const b = await repos.agencies.create({ code: 'SYT', nameVi: 'Sở Y tế' });
  await repos.users.upsertWithRole({ telegramId: BigInt(COORD_ID) }, 'COORDINATOR', null);
  await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_A) }, 'FOCAL', a.id);
  const fb = await repos.users.upsertWithRole({ telegramId: BigInt(FOCAL_B) }, 'FOCAL', b.id);
  const s = await repos.users.upsertWithRole({ telegramId: BigInt(SUSPENDED) }, 'COORDINATOR', null);
  await repos.users.setActive(s.id, false);
  const by = { userId: fb.id, referenceYear: 2025, now: new Date('2025-04-01T02:00:00Z') };
  const submitted = await repos.activities.create(
    { type: 'INBOUND', title: 'Đón đoàn Bộ Y tế Lào', leadAgencyId: b.id, countryCodes: ['LA'], status: 'SUBMITTED' },
    by,
  );
  const draft = await repos.activities.create(
    { type: 'OTHER', title: 'Hội thảo y tế', leadAgencyId: b.id, status: 'DRAFT' },
    by,
  );
  await repos.changeRequests.create({
    activityId: submitted.id,
    requestedById: fb.id,
    changes: { title: 'x' },
    now: by.now,
  });
  return { agencyA: a.id, agencyB: b.id, submittedB: submitted.id, draftB: draft.id, focalB: fb.id };
}

/** Everything an attack could change, as comparable JSON. */
async function snapshot(h: Harness, ids: number[]) {
  const { repos } = h.app;
  const now = h.clock.now.toJSDate();
  const activities = await Promise.all(
    ids.map(async (id) => ({
      a: await repos.activities.findById(id),
      history: (await repos.activities.history(id)).length,
    })),
  );
  const data = {
    activities,
    // The menu version (and so updatedAt) of a user who writes may change; who they are and may do may not.
    users: (await repos.users.list({ take: 1000 })).map((u) => ({
      id: u.id,
      telegramId: u.telegramId,
      role: u.role,
      agencyId: u.agencyId,
      active: u.active,
    })),
    agencies: await repos.agencies.list(),
    invites: await repos.invites.listActive(now),
    changeRequests: await repos.changeRequests.listPending({ take: 100 }),
  };
  return JSON.stringify(data, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

describe('adversarial access over HTTP', () => {
  let h: Harness;
  let ids: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    h = await startHarness();
    ids = await seed(h);
    for (const id of [COORD_ID, FOCAL_A, FOCAL_B, SUSPENDED, STRANGER])
      h.fake.user(id, { firstName: 'U', languageCode: 'vi' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  async function lastAnswer(userId: number, act: () => unknown) {
    await h.fake.waitForIdle();
    const since = h.fake.mark();
    await act();
    return h.fake.waitFor(
      (c) =>
        c.seq >= since && ((c.method === 'sendMessage' && c.chatId === userId) || c.method === 'answerCallbackQuery'),
    );
  }

  it("a focal point of agency A pressing crafted buttons for B's activity changes nothing and is told so", async () => {
    const before = await snapshot(h, [ids.submittedB, ids.draftB]);
    await h.fake.user(FOCAL_A).command('help'); // a message of the bot to attach the presses to
    await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_A });
    const msg = h.fake.lastSent(FOCAL_A)!.message_id;
    const crafted = [
      `my:v:${ids.submittedB}`,
      `my:v:${ids.draftB}`,
      `my:a:${ids.draftB}:edit`,
      `my:a:${ids.submittedB}:cancel`,
      `my:dy:${ids.submittedB}`,
      `rv:ok:${ids.submittedB}:0`,
      `rv:no:${ids.submittedB}`,
      `rv:cok:1:0`,
      `rv:cno:1`,
      `inv:r:ADMIN`,
      `inv:a:FOCAL:${ids.agencyB}`,
      `ag:d:${ids.agencyB}`,
      `us:r:${ids.focalB}:ADMIN`,
      `us:x:${ids.focalB}`,
      'my:v:99999999999999',
      'my:v:-1',
      'rv:ok:1 OR 1=1',
      'x'.repeat(64),
      '',
    ];
    for (const data of crafted) {
      const answer = await lastAnswer(FOCAL_A, () => h.fake.user(FOCAL_A).press(msg, data));
      expect(answer.method, data).toBe('answerCallbackQuery');
      expect(String(answer.params.text ?? ''), data).toMatch(
        /không có quyền|không tìm thấy|hết hiệu lực|Không tìm thấy/i,
      );
    }
    expect(await snapshot(h, [ids.submittedB, ids.draftB])).toBe(before);
  });

  it('a focal point cannot /review, /invite, /agencies or /users', async () => {
    const before = await snapshot(h, [ids.submittedB]);
    for (const [command, payload] of [
      ['review'],
      ['invite', 'admin'],
      ['invite', 'focal SNN'],
      ['agencies', 'deactivate SYT'],
      ['users'],
    ] as const) {
      const answer = await lastAnswer(FOCAL_A, () => h.fake.user(FOCAL_A).command(command, payload));
      expect(String(answer.params.text), command).toContain('không có quyền');
    }
    expect(await snapshot(h, [ids.submittedB])).toBe(before);
  });

  it('a stranger tries every command and a button: a polite refusal each time, nothing stored', async () => {
    const before = await snapshot(h, [ids.submittedB]);
    const stranger = h.fake.user(STRANGER);
    for (const { command } of [...COMMANDS, { command: 'khongco' }]) {
      const answer = await lastAnswer(STRANGER, () =>
        stranger.command(command, command === 'invite' ? 'admin' : undefined),
      );
      expect(String(answer.params.text), command).toContain('chưa được cấp quyền');
    }
    const answer = await lastAnswer(STRANGER, () =>
      stranger.press(h.fake.lastSent(STRANGER)!.message_id, `rv:ok:${ids.submittedB}:0`),
    );
    expect(answer.method).toBe('answerCallbackQuery');
    expect(await h.app.repos.users.findByTelegramId(BigInt(STRANGER))).toBeNull();
    expect(await snapshot(h, [ids.submittedB])).toBe(before);
  });

  it('used, expired and revoked invite tokens create nothing', async () => {
    const { repos } = h.app;
    const used = await createInvite(repos, { role: 'ADMIN', agencyId: null, createdById: null, now: h.clock.now });
    await repos.invites.redeem(
      (await import('../../src/services/invites.js')).hashToken(used.token),
      { telegramId: 1n },
      h.clock.now.toJSDate(),
    );
    const expired = await createInvite(repos, {
      role: 'ADMIN',
      agencyId: null,
      createdById: null,
      now: h.clock.now.minus({ days: 7, seconds: 1 }),
    });
    const revoked = await createInvite(repos, { role: 'ADMIN', agencyId: null, createdById: null, now: h.clock.now });
    await repos.invites.revoke(revoked.id, h.clock.now.toJSDate());
    const before = await snapshot(h, []);
    for (const [token, words] of [
      [used.token, 'đã được sử dụng'],
      [expired.token, 'hết hạn'],
      [revoked.token, 'thu hồi'],
    ] as const) {
      const answer = await lastAnswer(STRANGER, () => h.fake.user(STRANGER).command('start', token));
      expect(String(answer.params.text)).toContain(words);
    }
    expect(await repos.users.findByTelegramId(BigInt(STRANGER))).toBeNull();
    expect(await snapshot(h, [])).toBe(before);
  });

  it('a deactivated user is refused every command and button', async () => {
    const before = await snapshot(h, [ids.submittedB]);
    const user = h.fake.user(SUSPENDED);
    for (const command of ['start', 'help', 'review', 'invite', 'agencies']) {
      const answer = await lastAnswer(SUSPENDED, () => user.command(command));
      expect(String(answer.params.text), command).toContain('tạm ngừng');
    }
    const answer = await lastAnswer(SUSPENDED, () =>
      user.press(h.fake.lastSent(SUSPENDED)!.message_id, `rv:ok:${ids.submittedB}:0`),
    );
    expect(String(answer.params.text)).toContain('không có quyền');
    expect(await snapshot(h, [ids.submittedB])).toBe(before);
  });
});

describe('flood over HTTP (default limit 20 updates / 10 s)', () => {
  let h: Harness;
  let ids: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    h = await startHarness({ env: { RATE_LIMIT: '20/10s' } });
    ids = await seed(h);
    h.fake.user(FOCAL_A, { firstName: 'A', languageCode: 'vi' });
    h.fake.user(FOCAL_B, { firstName: 'B', languageCode: 'vi' });
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('200 messages in well under 10 s: 20 handled, one polite notice, then silence; others unaffected', async () => {
    const before = await snapshot(h, [ids.submittedB]);
    const flooder = h.fake.user(FOCAL_A);
    const started = Date.now();
    for (let i = 0; i < 200; i++) flooder.send(i % 2 ? `/help` : `tin nhắn ${i}`);
    await h.fake.waitForIdle({ timeoutMs: 20_000, quietMs: 200 });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeLessThan(10_000);
    const sent = h.fake.calls.filter((c) => c.method === 'sendMessage' && c.chatId === FOCAL_A);
    const notices = sent.filter((c) => String(c.params.text).includes('quá nhiều tin nhắn'));
    expect(notices).toHaveLength(1);
    expect(sent.length).toBe(21);
    expect(h.fake.pendingUpdates()).toHaveLength(0);

    // Still cooling down: silence.
    const since = h.fake.mark();
    flooder.command('help');
    await h.fake.waitForIdle({ quietMs: 100 });
    expect(
      h.fake.calls.filter((c) => c.seq >= since && c.method === 'sendMessage' && c.chatId === FOCAL_A),
    ).toHaveLength(0);
    // Another user is served as usual.
    await h.fake.user(FOCAL_B).command('help');
    await h.fake.waitFor({ method: 'sendMessage', chatId: FOCAL_B, since });
    expect(await snapshot(h, [ids.submittedB])).toBe(before);
  });
});
