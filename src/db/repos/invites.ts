import type { Db } from '../client.js';
import { cacheOf, writing } from '../cache.js';
import type { Role } from '../../domain/enums.js';
import type { TelegramProfile } from './users.js';

class InviteUnavailable extends Error {}

export function createInvitesRepo(db: Db) {
  return {
    create(input: {
      tokenHash: string;
      role: Role;
      agencyId: number | null;
      expiresAt: Date;
      createdById: number | null;
    }) {
      return db.invite.create({ data: input });
    },
    findByHash(tokenHash: string) {
      return db.invite.findUnique({ where: { tokenHash }, include: { agency: true } });
    },
    /**
     * Registers the Telegram user with the invite's role and agency and marks the invite used, in
     * one transaction: an invite that is used, revoked or expired (or taken by a concurrent
     * request) changes nothing and yields null.
     */
    redeem(tokenHash: string, profile: TelegramProfile, now: Date) {
      const redeemed = db.$transaction(async (tx) => {
        const invite = await tx.invite.findUnique({ where: { tokenHash } });
        if (!invite || invite.usedAt || invite.revokedAt || invite.expiresAt <= now) throw new InviteUnavailable();
        const data = {
          role: invite.role,
          agencyId: invite.agencyId,
          displayName: profile.displayName ?? null,
          username: profile.username ?? null,
          active: true,
        };
        const user = await tx.user.upsert({
          where: { telegramId: profile.telegramId },
          create: { telegramId: profile.telegramId, ...data },
          update: data,
          include: { agency: true },
        });
        const res = await tx.invite.updateMany({
          where: { id: invite.id, usedAt: null, revokedAt: null },
          data: { usedAt: now, usedById: user.id },
        });
        if (res.count !== 1) throw new InviteUnavailable();
        return user;
      });
      return writing(cacheOf(db), 'users', redeemed).catch((err) => {
        if (err instanceof InviteUnavailable) return null;
        throw err;
      });
    },
    async revoke(id: number, now: Date): Promise<boolean> {
      const res = await db.invite.updateMany({
        where: { id, usedAt: null, revokedAt: null },
        data: { revokedAt: now },
      });
      return res.count === 1;
    },
    listActive(now: Date) {
      return db.invite.findMany({
        where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        orderBy: { id: 'asc' },
        include: { agency: true },
      });
    },
  };
}
export type InvitesRepo = ReturnType<typeof createInvitesRepo>;
