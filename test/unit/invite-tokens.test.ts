import { describe, expect, it } from 'vitest';
import {
  generateToken,
  hashToken,
  inviteLink,
  inviteState,
  isTokenShaped,
  tokenMatches,
  TOKEN_BYTES,
} from '../../src/services/invites.js';
import { createUpdateLimiter } from '../../src/bot/middlewares/rate-limit.js';
import { canInvite, editRight, parseRole, canSeeActivity } from '../../src/bot/access.js';

describe('invite tokens', () => {
  it('are at least 128 random bits, base64url, at most 64 characters, and distinct', () => {
    expect(TOKEN_BYTES * 8).toBeGreaterThanOrEqual(128);
    const tokens = new Set(Array.from({ length: 500 }, () => generateToken()));
    expect(tokens.size).toBe(500);
    for (const t of tokens) {
      expect(t).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(t.length).toBeLessThanOrEqual(64);
      expect(isTokenShaped(t)).toBe(true);
    }
  });

  it('are stored as a SHA-256 hash that does not contain the token, and compared in constant time', () => {
    const t = generateToken();
    const h = hashToken(t);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(h).not.toContain(t);
    expect(tokenMatches(t, h)).toBe(true);
    expect(tokenMatches(generateToken(), h)).toBe(false);
    expect(tokenMatches(t, 'abc')).toBe(false);
  });

  it('refuses payloads that are not token-shaped', () => {
    for (const bad of [
      '',
      'x',
      'a'.repeat(31),
      'a'.repeat(33),
      'a'.repeat(31) + '!',
      '../../etc/passwd',
      "' OR 1=1 --",
    ])
      expect(isTokenShaped(bad)).toBe(false);
  });

  it('builds the deep link', () => {
    expect(inviteLink('liaison_bot', 'abc')).toBe('https://t.me/liaison_bot?start=abc');
  });

  it('tells valid, used, revoked, expired and unknown invites apart', () => {
    const now = new Date('2025-04-10T02:00:00Z');
    const later = new Date('2025-04-17T02:00:00Z');
    expect(inviteState(null, now)).toBe('invalid');
    expect(inviteState({ usedAt: null, revokedAt: null, expiresAt: later }, now)).toBe('valid');
    expect(inviteState({ usedAt: now, revokedAt: null, expiresAt: later }, now)).toBe('used');
    expect(inviteState({ usedAt: null, revokedAt: now, expiresAt: later }, now)).toBe('revoked');
    expect(inviteState({ usedAt: null, revokedAt: null, expiresAt: now }, now)).toBe('expired');
  });
});

describe('rate limiter', () => {
  it('lets N updates per window through, then one notice, then silence until it cools down', () => {
    let now = 0;
    const limiter = createUpdateLimiter({ updates: 3, windowMs: 10_000, clock: () => now });
    expect([1, 2, 3].map(() => limiter.hit('u'))).toEqual(['ok', 'ok', 'ok']);
    expect(limiter.hit('u')).toBe('notice');
    expect(limiter.hit('u')).toBe('drop');
    expect(limiter.hit('other')).toBe('ok');
    now = 9_999;
    expect(limiter.hit('u')).toBe('drop');
    now = 10_001;
    expect(limiter.hit('u')).toBe('ok');
    expect(limiter.hit('u')).toBe('ok');
    expect(limiter.hit('u')).toBe('ok');
    expect(limiter.hit('u')).toBe('notice');
  });

  it('forgets the least recently seen users past its size', () => {
    const limiter = createUpdateLimiter({ updates: 1, windowMs: 1000, clock: () => 0, maxTracked: 2 });
    limiter.hit('a');
    limiter.hit('b');
    limiter.hit('c');
    expect(limiter.size()).toBe(2);
  });
});

describe('access policy', () => {
  const focalA = { role: 'FOCAL' as const, active: true, agencyId: 1 };
  const coord = { role: 'COORDINATOR' as const, active: true, agencyId: null };
  const head = { role: 'HEAD' as const, active: true, agencyId: null };

  it('parses roles in English and Vietnamese', () => {
    expect(parseRole('focal')).toBe('FOCAL');
    expect(parseRole('Đầu mối')).toBe('FOCAL');
    expect(parseRole('COORDINATOR')).toBe('COORDINATOR');
    expect(parseRole('lãnh đạo')).toBe('HEAD');
    expect(parseRole('root')).toBeNull();
  });

  it('only admins invite admins; focal points and heads invite nobody', () => {
    expect(canInvite({ role: 'ADMIN', active: true, agencyId: null }, 'ADMIN')).toBe(true);
    expect(canInvite(coord, 'ADMIN')).toBe(false);
    expect(canInvite(coord, 'FOCAL')).toBe(true);
    expect(canInvite(focalA, 'FOCAL')).toBe(false);
    expect(canInvite(head, 'FOCAL')).toBe(false);
    expect(canInvite({ ...coord, active: false }, 'FOCAL')).toBe(false);
  });

  it('a focal point sees and edits only its agency; after approval only through a change request', () => {
    const own = { leadAgencyId: 1, status: 'SUBMITTED' as const, coordinators: [] };
    const other = { leadAgencyId: 2, status: 'SUBMITTED' as const, coordinators: [] };
    expect(canSeeActivity(focalA, own)).toBe(true);
    expect(canSeeActivity(focalA, other)).toBe(false);
    expect(canSeeActivity(focalA, { ...other, coordinators: [{ agencyId: 1 }] })).toBe(true);
    expect(canSeeActivity(head, other)).toBe(true);
    expect(editRight(focalA, own)).toBe('direct');
    expect(editRight(focalA, other)).toBe('none');
    expect(editRight(focalA, { ...own, status: 'AGREED' })).toBe('change-request');
    expect(editRight(coord, { ...other, status: 'AGREED' })).toBe('direct');
    expect(editRight(head, own)).toBe('none');
    expect(editRight({ ...focalA, active: false }, own)).toBe('none');
  });
});

describe('invite service for the CLI', () => {
  it('creates a link, refuses unknown roles and agencies, revokes', async () => {
    const { DateTime } = await import('luxon');
    const { createInviteForCli, revokeInviteForCli } = await import('../../src/services/invites.js');
    const created: unknown[] = [];
    const repos = {
      invites: {
        create: async (d: { role: string; agencyId: number | null; expiresAt: Date }) => (
          created.push(d),
          { id: 7, ...d }
        ),
        revoke: async (id: number) => id === 7,
      },
      agencies: { findByCode: async (code: string) => (code === 'SNN' ? { id: 1, active: true } : null) },
    } as never;
    const now = DateTime.fromISO('2025-04-10T09:00:00Z');
    const ok = await createInviteForCli(repos, { role: 'focal', agencyCode: 'SNN', botUsername: 'b', now });
    expect(ok).toMatchObject({ ok: true, id: 7 });
    expect((ok as { link: string }).link).toMatch(/^https:\/\/t\.me\/b\?start=[A-Za-z0-9_-]{32}$/);
    expect(JSON.stringify(created)).not.toContain((ok as { link: string }).link.split('=')[1]);
    expect(await createInviteForCli(repos, { role: 'focal', botUsername: 'b', now })).toMatchObject({ ok: false });
    expect(await createInviteForCli(repos, { role: 'king', botUsername: 'b', now })).toMatchObject({ ok: false });
    expect(await createInviteForCli(repos, { role: 'head', agencyCode: 'NOPE', botUsername: 'b', now })).toMatchObject({
      ok: false,
    });
    expect(await revokeInviteForCli(repos, 7, now)).toBe(true);
  });
});
