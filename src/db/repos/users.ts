import type { Db } from '../client.js';
import { cacheOf, writing } from '../cache.js';
import type { Role } from '../../domain/enums.js';

export interface TelegramProfile {
  telegramId: bigint;
  displayName?: string | null;
  username?: string | null;
}

/**
 * A user is read on every update: by Telegram id and by id they are cached (src/db/cache.ts), and
 * every write here drops the users, so a changed role or a deactivation counts at the next update.
 */
export function createUsersRepo(db: Db) {
  const cache = cacheOf(db);
  const changed = <T>(write: Promise<T>) => writing(cache, 'users', write);
  return {
    findByTelegramId(telegramId: bigint) {
      return cache.get('users', `t${telegramId}`, () =>
        db.user.findUnique({ where: { telegramId }, include: { agency: true } }),
      );
    },
    findById(id: number) {
      return cache.get('users', `i${id}`, () => db.user.findUnique({ where: { id }, include: { agency: true } }));
    },
    /** Creates or updates the user with the given role; used by admin bootstrap and invites. */
    upsertWithRole(profile: TelegramProfile, role: Role, agencyId: number | null) {
      const data = {
        role,
        agencyId,
        displayName: profile.displayName ?? null,
        username: profile.username ?? null,
        active: true,
      };
      return changed(
        db.user.upsert({
          where: { telegramId: profile.telegramId },
          create: { telegramId: profile.telegramId, ...data },
          update: data,
          include: { agency: true },
        }),
      );
    },
    refreshProfile(id: number, profile: Omit<TelegramProfile, 'telegramId'>) {
      return changed(
        db.user.update({
          where: { id },
          data: { displayName: profile.displayName ?? null, username: profile.username ?? null },
        }),
      );
    },
    setLocale(id: number, locale: string) {
      return changed(db.user.update({ where: { id }, data: { locale } }));
    },
    setRole(id: number, role: Role, agencyId: number | null) {
      return changed(db.user.update({ where: { id }, data: { role, agencyId } }));
    },
    setActive(id: number, active: boolean) {
      return changed(db.user.update({ where: { id }, data: { active } }));
    },
    setCommandsVersion(id: number, commandsVersion: string) {
      return changed(db.user.update({ where: { id }, data: { commandsVersion } }));
    },
    markUnreachable(telegramId: bigint, at: Date) {
      return changed(
        db.user.updateMany({ where: { telegramId, reachable: true }, data: { reachable: false, unreachableAt: at } }),
      );
    },
    markReachable(telegramId: bigint) {
      return changed(
        db.user.updateMany({ where: { telegramId, reachable: false }, data: { reachable: true, unreachableAt: null } }),
      );
    },
    listFocalPoints(agencyId: number) {
      return db.user.findMany({ where: { agencyId, role: 'FOCAL', active: true }, orderBy: { id: 'asc' } });
    },
    listByRoles(roles: Role[]) {
      return db.user.findMany({
        where: { role: { in: roles }, active: true },
        orderBy: { id: 'asc' },
        include: { agency: true },
      });
    },
    listUnreachable() {
      return db.user.findMany({ where: { reachable: false, active: true }, include: { agency: true } });
    },
    list(opts: { skip?: number; take?: number } = {}) {
      return db.user.findMany({
        orderBy: { id: 'asc' },
        skip: opts.skip,
        take: opts.take ?? 50,
        include: { agency: true },
      });
    },
  };
}
export type UsersRepo = ReturnType<typeof createUsersRepo>;
