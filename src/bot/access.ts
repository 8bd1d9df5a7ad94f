import type { MiddlewareFn } from 'telegraf';
import type { Role } from '../generated/sqlite/enums.js';
import type { LiaisonContext } from './context.js';

// Who may do what (SPEC §1), in one place. Features guard their commands and buttons with
// `requireRole`, so a refused action is answered and logged, never executed.

export const COORDINATION: Role[] = ['COORDINATOR', 'ADMIN'];
export const LEADERSHIP: Role[] = ['HEAD', 'COORDINATOR', 'ADMIN'];
export const FOCAL_ONLY: Role[] = ['FOCAL'];
export const EVERYONE: Role[] = ['FOCAL', 'COORDINATOR', 'HEAD', 'ADMIN'];

export function hasRole(ctx: LiaisonContext, roles: Role[]): boolean {
  return !!ctx.user?.role && ctx.user.active && roles.includes(ctx.user.role);
}

/** Refuses politely (and logs) unless the user has one of `roles`. */
export function requireRole(roles: Role[], action: string): MiddlewareFn<LiaisonContext> {
  return async (ctx, next) => {
    if (hasRole(ctx, roles)) return next();
    ctx.deps.logger.warn({ msg: 'access-denied', action, role: ctx.user?.role ?? null, userId: ctx.user?.id ?? null });
    if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('error.not_allowed'), { show_alert: true });
    else await ctx.reply(ctx.t('error.not_allowed'));
  };
}
