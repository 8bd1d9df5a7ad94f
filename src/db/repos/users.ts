import type { Db } from '../client.js';
import { cacheOf, writing } from '../cache.js';
import { directOf } from '../direct-sql.js';
import type { Role } from '../../domain/enums.js';
import { createAgenciesRepo } from './agencies.js';

export interface TelegramProfile {
  telegramId: bigint;
  displayName?: string | null;
  username?: string | null;
}

/**
 * A user is read on every update: by Telegram id and by id they are cached (src/db/cache.ts), and
 * every write here drops the users, so a changed role or a deactivation counts at the next update
 * (except the menu version, which only the user's own updates read: patched in place). A user's
 * agency comes from the cached agencies, not from a second statement.
 */
export function createUsersRepo(db: Db) {
  const cache = cacheOf(db);
  const direct = directOf(db);
  const agencies = createAgenciesRepo(db);
  const changed = <T>(write: Promise<T>) => writing(cache, 'users', write);
  /** The users with their agency (`include: { agency: true }` without its statement). */
  async function withAgency<U extends { agencyId: number | null }>(users: U[]) {
    const byId = await agencies.byIds(users.map((u) => u.agencyId));
    return users.map((u) => ({ ...u, agency: (u.agencyId !== null && byId.get(u.agencyId)) || null }));
  }
  const one = async <U extends { agencyId: number | null }>(user: U) => (await withAgency([user]))[0]!;
  return {
    findByTelegramId(telegramId: bigint) {
      return cache.get('users', `t${telegramId}`, async () => {
        const user = await db.user.findUnique({ where: { telegramId } });
        return user && one(user);
      });
    },
    findById(id: number) {
      return cache.get('users', `i${id}`, async () => {
        const user = await db.user.findUnique({ where: { id } });
        return user && one(user);
      });
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
        db.user
          .upsert({
            where: { telegramId: profile.telegramId },
            create: { telegramId: profile.telegramId, ...data },
            update: data,
          })
          .then(one),
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
    /**
     * The user's menu version, set on first contact and when their menu changes. Only their own
     * updates read it (refreshCommands), so the cached user is patched, not every user dropped (which
     * made the next update read the user again). On PostgreSQL another instance's copy may keep the
     * old version: that instance sets the same menu once more and patches its own copy.
     */
    async setCommandsVersion(id: number, commandsVersion: string) {
      // One statement on the driver (first contact sets it for everyone who arrives: no Prisma query).
      const [row] = await direct.all<{ telegramId: bigint | string }>(
        `UPDATE "User" SET "commandsVersion" = ?, "updatedAt" = ? WHERE "id" = ? RETURNING "telegramId"`,
        [commandsVersion, new Date(), id],
      );
      if (!row) throw new Error(`user ${id} not found`);
      const patch = (u: { commandsVersion: string | null } | null) => u && { ...u, commandsVersion };
      cache.patch('users', `i${id}`, patch);
      cache.patch('users', `t${BigInt(row.telegramId)}`, patch);
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
    /** Cached (a registration without a coordinators' group reads the coordinators); a copy, to sort or filter in place. */
    async listByRoles(roles: Role[]) {
      const key = `r${[...roles].sort().join(',')}`;
      return [
        ...(await cache.get('users', key, async () =>
          withAgency(await db.user.findMany({ where: { role: { in: roles }, active: true }, orderBy: { id: 'asc' } })),
        )),
      ];
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
