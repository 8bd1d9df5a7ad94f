import type { ActivityStatus, Role } from './enums.js';
import { canPerform } from './activity-status.js';

// Who may do what (docs/product.md#roles), as pure rules of a user's role and agency and an
// activity's status. The bot enforces them for every command and button (src/bot/access.ts); the
// services apply them too (change requests), so they live below both.

export const COORDINATION: Role[] = ['COORDINATOR', 'ADMIN'];
export const LEADERSHIP: Role[] = ['HEAD', 'COORDINATOR', 'ADMIN'];
export const FOCAL_ONLY: Role[] = ['FOCAL'];
export const EVERYONE: Role[] = ['FOCAL', 'COORDINATOR', 'HEAD', 'ADMIN'];
export const ADMIN_ONLY: Role[] = ['ADMIN'];

/** Which roles an inviter may hand out: only an admin creates admins. */
export const INVITABLE_ROLES: Record<Role, Role[]> = {
  ADMIN: ['FOCAL', 'COORDINATOR', 'HEAD', 'ADMIN'],
  COORDINATOR: ['FOCAL', 'COORDINATOR', 'HEAD'],
  HEAD: [],
  FOCAL: [],
};

export type AccessUser = { role: Role | null; active: boolean; agencyId: number | null } | null | undefined;

/** True when the user is active with one of `roles` (narrows away a missing user or role). */
export function roleAllows<U extends AccessUser>(user: U, roles: Role[]): user is U & NonNullable<U> & { role: Role } {
  return !!user?.role && user.active && roles.includes(user.role);
}

export function canInvite(user: AccessUser, role: Role): boolean {
  return !!user?.role && user.active && INVITABLE_ROLES[user.role].includes(role);
}

export type ActivityRef = { leadAgencyId: number; status: ActivityStatus; coordinators?: { agencyId: number }[] };

/** Coordinators, admins and leaders see every activity; a focal point sees its agency's (lead or coordinating). */
export function canSeeActivity(user: AccessUser, a: ActivityRef): boolean {
  if (roleAllows(user, LEADERSHIP)) return true;
  if (!roleAllows(user, FOCAL_ONLY) || user.agencyId === null) return false;
  return a.leadAgencyId === user.agencyId || !!a.coordinators?.some((c) => c.agencyId === user.agencyId);
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
