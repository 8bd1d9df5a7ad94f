import type { MiddlewareFn } from 'telegraf';
import type { ActivityStatus, Role } from '../generated/sqlite/enums.js';
import type { LiaisonContext } from './context.js';
import type { CommandSpec } from './commands.js';
import { parseCallback } from './keyboards/callback-data.js';
import { canPerform } from '../domain/activity-status.js';

// Who may do what (SPEC §1), in one place. `enforceAccess` runs for every command and every button
// press (from the command list and the button prefixes below); features add `requireRole` and the
// record-level checks (`canSeeActivity`, `canEditActivity`…), so a refused action is answered and
// logged, never executed.

export const COORDINATION: Role[] = ['COORDINATOR', 'ADMIN'];
export const LEADERSHIP: Role[] = ['HEAD', 'COORDINATOR', 'ADMIN'];
export const FOCAL_ONLY: Role[] = ['FOCAL'];
export const EVERYONE: Role[] = ['FOCAL', 'COORDINATOR', 'HEAD', 'ADMIN'];
export const ADMIN_ONLY: Role[] = ['ADMIN'];

/** Roles allowed to press a feature's buttons, by callback prefix (see keyboards/callback-data.ts). */
export const CALLBACK_ROLES: Record<string, Role[]> = {
  rv: COORDINATION, // review: approve/reject activities and change requests
  inv: COORDINATION, // invites
  ag: COORDINATION, // agencies
  us: ADMIN_ONLY, // user management
  an: COORDINATION, // anniversaries: calendar edits, letter activities
  st: COORDINATION, // settings: coordinators see them, admins change them (checked in the feature)
  my: FOCAL_ONLY, // /my (the feature also checks that the activity is its agency's)
  new: [...FOCAL_ONLY, ...COORDINATION], // /new: focal points for their agency, coordinators and admins on an agency's behalf
};

/** Which roles an inviter may hand out: only an admin creates admins. */
export const INVITABLE_ROLES: Record<Role, Role[]> = {
  ADMIN: ['FOCAL', 'COORDINATOR', 'HEAD', 'ADMIN'],
  COORDINATOR: ['FOCAL', 'COORDINATOR', 'HEAD'],
  HEAD: [],
  FOCAL: [],
};

export { TEXT_LIMITS } from '../domain/text-limits.js';

type AccessUser = { role: Role | null; active: boolean; agencyId: number | null } | null | undefined;

export function roleAllows(user: AccessUser, roles: Role[]): boolean {
  return !!user?.role && user.active && roles.includes(user.role);
}

export function hasRole(ctx: LiaisonContext, roles: Role[]): boolean {
  return roleAllows(ctx.user, roles);
}

export function canInvite(user: AccessUser, role: Role): boolean {
  return !!user?.role && user.active && INVITABLE_ROLES[user.role].includes(role);
}

type ActivityRef = { leadAgencyId: number; status: ActivityStatus; coordinators?: { agencyId: number }[] };

/** Coordinators, admins and leaders see every activity; a focal point sees its agency's (lead or coordinating). */
export function canSeeActivity(user: AccessUser, a: ActivityRef): boolean {
  if (roleAllows(user, LEADERSHIP)) return true;
  if (!roleAllows(user, FOCAL_ONLY) || user!.agencyId === null) return false;
  return a.leadAgencyId === user!.agencyId || !!a.coordinators?.some((c) => c.agencyId === user!.agencyId);
}

export type EditRight = 'direct' | 'change-request' | 'none';

/**
 * How `user` may change the activity (status rules in domain/activity-status.ts): coordinators
 * directly; the lead agency's focal points directly until it is approved, then only through a
 * change request; anyone else not at all.
 */
export function editRight(user: AccessUser, a: ActivityRef): EditRight {
  if (!user?.role || !user.active) return 'none';
  if (user.role === 'FOCAL' && (user.agencyId === null || a.leadAgencyId !== user.agencyId)) return 'none';
  if (canPerform('edit', a.status, user.role)) return 'direct';
  if (canPerform('requestChange', a.status, user.role)) return 'change-request';
  return 'none';
}

export function canDecide(user: AccessUser): boolean {
  return roleAllows(user, COORDINATION);
}

/** Answers a refused action politely and logs it (ids only). */
export async function refuse(ctx: LiaisonContext, action: string, key = 'error.not_allowed') {
  ctx.deps.logger.warn({ msg: 'access-denied', action, role: ctx.user?.role ?? null, userId: ctx.user?.id ?? null });
  if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t(key), { show_alert: true });
  else await ctx.reply(ctx.t(key), { parse_mode: 'HTML' });
}

/** Refuses politely (and logs) unless the user has one of `roles`. */
export function requireRole(roles: Role[], action: string): MiddlewareFn<LiaisonContext> {
  return async (ctx, next) => {
    if (hasRole(ctx, roles)) return next();
    await refuse(ctx, action);
  };
}

/** The command a message starts with (`/review@bot args` → `review`), if any. */
export function commandOf(ctx: LiaisonContext): string | null {
  const msg = ctx.message;
  if (!msg || !('text' in msg)) return null;
  const entity = msg.entities?.[0];
  if (!entity || entity.type !== 'bot_command' || entity.offset !== 0) return null;
  const [name, at] = msg.text.slice(1, entity.length).split('@');
  if (at && ctx.botInfo?.username && at.toLowerCase() !== ctx.botInfo.username.toLowerCase()) return null;
  return name ? name.toLowerCase() : null;
}

/**
 * The policy check for every command and button press of a known user: a command listed in
 * COMMANDS or a button of a prefix in CALLBACK_ROLES that the role may not use is refused here,
 * before any feature sees it.
 */
export function enforceAccess(commands: CommandSpec[]): MiddlewareFn<LiaisonContext> {
  // The list is passed in (not imported) so commands.ts may import role groups from here.
  return async (ctx, next) => {
    const command = commandOf(ctx);
    if (command) {
      const spec = commands.find((c) => c.command === command);
      if (spec && spec.roles !== 'all' && !hasRole(ctx, spec.roles)) return refuse(ctx, `command:${command}`);
    }
    if (ctx.callbackQuery && 'data' in ctx.callbackQuery) {
      const parsed = parseCallback(ctx.callbackQuery.data);
      const roles = parsed ? CALLBACK_ROLES[parsed.feature] : undefined;
      if (roles && !hasRole(ctx, roles)) return refuse(ctx, `button:${parsed!.feature}:${parsed!.action}`);
    }
    return next();
  };
}

const ROLE_ALIASES: Record<string, Role> = {
  focal: 'FOCAL',
  daumoi: 'FOCAL',
  coordinator: 'COORDINATOR',
  chuyenvien: 'COORDINATOR',
  head: 'HEAD',
  lanhdao: 'HEAD',
  admin: 'ADMIN',
  quantri: 'ADMIN',
};

/** `focal`, `FOCAL`, `đầu mối`/`daumoi`… → the role, or null. */
export function parseRole(text: string | undefined): Role | null {
  if (!text) return null;
  const key = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
  return ROLE_ALIASES[key] ?? null;
}
