import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DateTime } from 'luxon';
import type { Role } from '../domain/enums.js';
import type { Repos } from '../db/repos/index.js';
import type { TelegramProfile } from '../db/repos/users.js';
import { startLink } from '../domain/deep-link.js';

// Invite tokens (docs/product.md#conversations): 192 random bits, base64url (32 characters, fits a /start payload of at
// most 64 [A-Za-z0-9_-]), stored only as a SHA-256 hash, single use, expiring, revocable.

export const TOKEN_BYTES = 24;
export const DEFAULT_INVITE_DAYS = 7;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether `token` has the shape of a token this module generates (cheap check before any lookup). */
export function isTokenShaped(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** Constant-time check that `token` hashes to `storedHash`. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function inviteLink(botUsername: string, token: string): string {
  return startLink(botUsername, token);
}

export type InviteState = 'valid' | 'invalid' | 'used' | 'revoked' | 'expired';

/** Pure: what an invite row (or its absence) means at `now`. */
export function inviteState(
  invite: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | null,
  now: Date,
): InviteState {
  if (!invite) return 'invalid';
  if (invite.revokedAt) return 'revoked';
  if (invite.usedAt) return 'used';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'valid';
}

export interface CreatedInvite {
  id: number;
  token: string;
  role: Role;
  agencyId: number | null;
  expiresAt: Date;
}

/** Creates an invite and returns the clear token once; only its hash is stored. */
export async function createInvite(
  repos: Pick<Repos, 'invites'>,
  input: { role: Role; agencyId: number | null; createdById: number | null; now: DateTime; days?: number },
): Promise<CreatedInvite> {
  const token = generateToken();
  const expiresAt = input.now.plus({ days: input.days ?? DEFAULT_INVITE_DAYS }).toJSDate();
  const invite = await repos.invites.create({
    tokenHash: hashToken(token),
    role: input.role,
    agencyId: input.agencyId,
    expiresAt,
    createdById: input.createdById,
  });
  return { id: invite.id, token, role: invite.role, agencyId: invite.agencyId, expiresAt };
}

export type RedeemResult =
  | {
      ok: true;
      user: NonNullable<Awaited<ReturnType<Repos['invites']['redeem']>>>;
      inviteId: number;
      createdById: number | null;
    }
  | { ok: false; reason: Exclude<InviteState, 'valid'> };

/**
 * Registers the Telegram user from a /start payload. A malformed, unknown, used, revoked or expired
 * token creates nothing and says which it was.
 */
export async function redeemInvite(
  repos: Pick<Repos, 'invites'>,
  token: string,
  profile: TelegramProfile,
  now: Date,
): Promise<RedeemResult> {
  if (!isTokenShaped(token)) return { ok: false, reason: 'invalid' };
  const tokenHash = hashToken(token);
  const invite = await repos.invites.findByHash(tokenHash);
  // The lookup is by hash; the constant-time comparison guards against a store that matched loosely.
  if (!invite || !tokenMatches(token, invite.tokenHash)) return { ok: false, reason: 'invalid' };
  const state = inviteState(invite, now);
  if (state !== 'valid') return { ok: false, reason: state };
  const user = await repos.invites.redeem(tokenHash, profile, now);
  if (!user) {
    // Taken (or revoked) between the check and the transaction: report what it is now.
    const again = await repos.invites.findByHash(tokenHash);
    const reason = inviteState(again, now);
    return { ok: false, reason: reason === 'valid' ? 'used' : reason };
  }
  return { ok: true, user, inviteId: invite.id, createdById: invite.createdById };
}

/**
 * For the operations CLI (`invite create <role> [agency]`): validates the role and agency code and
 * returns the deep link, or an English error message.
 */
export async function createInviteForCli(
  repos: Pick<Repos, 'invites' | 'agencies'>,
  input: { role: string; agencyCode?: string; botUsername: string; now: DateTime; days?: number },
): Promise<{ ok: true; id: number; link: string; expiresAt: Date } | { ok: false; error: string }> {
  const role = parseRoleName(input.role);
  if (!role) return { ok: false, error: `unknown role "${input.role}" (focal, coordinator, head or admin)` };
  let agencyId: number | null = null;
  if (input.agencyCode) {
    const agency = await repos.agencies.findByCode(input.agencyCode);
    if (!agency || !agency.active) return { ok: false, error: `no active agency with code "${input.agencyCode}"` };
    agencyId = agency.id;
  } else if (role === 'FOCAL') {
    return { ok: false, error: 'a focal point needs an agency code, e.g. "invite create focal SNN"' };
  }
  const invite = await createInvite(repos, { role, agencyId, createdById: null, now: input.now, days: input.days });
  return { ok: true, id: invite.id, link: inviteLink(input.botUsername, invite.token), expiresAt: invite.expiresAt };
}

/** For the operations CLI (`invite revoke <id>`). */
export async function revokeInviteForCli(repos: Pick<Repos, 'invites'>, id: number, now: DateTime): Promise<boolean> {
  return repos.invites.revoke(id, now.toJSDate());
}

function parseRoleName(text: string): Role | null {
  const r = text.trim().toUpperCase();
  return r === 'FOCAL' || r === 'COORDINATOR' || r === 'HEAD' || r === 'ADMIN' ? r : null;
}
