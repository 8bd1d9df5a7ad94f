import type { MiddlewareFn } from 'telegraf';
import type { Role } from '../domain/enums.js';
import type { LiaisonContext } from './context.js';
import type { CheckedKey } from '../i18n/index.js';
import type { CommandSpec } from './commands.js';
import { callbackPrefix } from './keyboards/callbacks.js';
import { ADMIN_ONLY, COORDINATION, FOCAL_ONLY, LEADERSHIP, roleAllows } from '../domain/access.js';

// The bot's side of who may do what (the rules themselves: src/domain/access.ts). `enforceAccess`
// runs for every command and every button press (from the command list and the button prefixes
// below); features add `requireRole` and the record-level checks (`canSeeActivity`, `editRight`…),
// so a refused action is answered and logged, never executed.

// The rules, re-exported so that a feature takes its access checks from one module.
export {
  ADMIN_ONLY,
  COORDINATION,
  EVERYONE,
  FOCAL_ONLY,
  INVITABLE_ROLES,
  LEADERSHIP,
  canDecide,
  canInvite,
  canSeeActivity,
  editRight,
  parseRole,
  roleAllows,
  type EditRight,
} from '../domain/access.js';

/** Roles allowed to press a feature's buttons, by the prefix of its callback codec (domain/callbacks.ts). */
export const CALLBACK_ROLES: Record<string, Role[]> = {
  rv: COORDINATION, // review: approve/reject activities and change requests
  inv: COORDINATION, // invites
  ag: COORDINATION, // agencies
  us: ADMIN_ONLY, // user management
  an: COORDINATION, // anniversaries: calendar edits, letter activities
  st: COORDINATION, // settings: coordinators see them, admins change them (checked in the feature)
  my: FOCAL_ONLY, // /my (the feature also checks that the activity is its agency's)
  pd: [...FOCAL_ONLY, ...COORDINATION],
  dt: [...FOCAL_ONLY, ...COORDINATION], // completing a plan line's details from a reminder (the feature checks the agency) // plan documents: focal points for their agency, coordinators for a plan
  new: [...FOCAL_ONLY, ...COORDINATION],
  fd: [...FOCAL_ONLY, ...LEADERSHIP], // /find and opened cards (the feature checks what each may see) // /new: focal points for their agency, coordinators and admins on an agency's behalf
};

export { TEXT_LIMITS } from '../domain/text-limits.js';

export function hasRole(ctx: LiaisonContext, roles: Role[]): boolean {
  return roleAllows(ctx.user, roles);
}

/** Answers a refused action politely and logs it (ids only). */
export async function refuse<K extends string>(ctx: LiaisonContext, action: string, key?: CheckedKey<K>) {
  const text = key ? ctx.t(key) : ctx.t('error.not_allowed');
  ctx.deps.logger.warn({ msg: 'access-denied', action, role: ctx.user?.role ?? null, userId: ctx.user?.id ?? null });
  if (ctx.callbackQuery) await ctx.answerCbQuery(text, { show_alert: true });
  else await ctx.reply(text);
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
  return async (ctx, next) => {
    const command = commandOf(ctx);
    if (command) {
      const spec = commands.find((c) => c.command === command);
      if (spec && spec.roles !== 'all' && !hasRole(ctx, spec.roles)) return refuse(ctx, `command:${command}`);
    }
    if (ctx.callbackQuery && 'data' in ctx.callbackQuery) {
      const data = ctx.callbackQuery.data;
      const prefix = callbackPrefix(data);
      const roles = prefix ? CALLBACK_ROLES[prefix] : undefined;
      if (roles && !hasRole(ctx, roles)) return refuse(ctx, `button:${prefix}:${data.split(':')[1]}`);
    }
    return next();
  };
}
