import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { Role } from '../../domain/enums.js';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { canInvite, COORDINATION, INVITABLE_ROLES, parseRole, requireRole, TEXT_LIMITS } from '../access.js';
import { defineCallbacks, ID, N, parseId } from '../keyboards/callbacks.js';
import { replyT } from '../reply.js';
import { createInvite, inviteLink } from '../../services/invites.js';
import { formatDateTime } from '../../domain/format.js';
import { agencyPicker } from './agencies.js';

const ROLES = ['FOCAL', 'COORDINATOR', 'HEAD', 'ADMIN'] as const satisfies readonly Role[];
const inviteButtons = defineCallbacks('inv', {
  role: ['r', { role: ROLES }],
  agencyPage: ['p', { role: ROLES, page: N }],
  pickAgency: ['a', { role: ROLES, agencyId: ID }],
  list: ['l'],
  revoke: ['x', { id: ID }],
});
const agencyButtons = (role: Role) => ({
  pick: (agencyId: number) => inviteButtons.encode('pickAgency', { role, agencyId }),
  page: (page: number) => inviteButtons.encode('agencyPage', { role, page }),
});

function usage(ctx: LiaisonContext) {
  return replyT(ctx, 'invite.usage');
}

async function issue(ctx: RegisteredContext, role: Role, agencyId: number | null) {
  const { repos, now, config } = ctx.deps;
  const agency = agencyId ? await repos.agencies.findById(agencyId) : null;
  if (agencyId && (!agency || !agency.active))
    return ctx.t('invite.agency_unknown', { code: agency?.code ?? `#${agencyId}` });
  const invite = await createInvite(repos, { role, agencyId, createdById: ctx.user.id, now: now() });
  ctx.deps.logger.info({ msg: 'invite-created', inviteId: invite.id, role, agencyId, byUserId: ctx.user.id });
  return ctx.t('invite.created', {
    role: ctx.t(`role.${role}`),
    agency: { html: agency ? ctx.t('start.agency_suffix', { agency: `${agency.code} — ${agency.nameVi}` }) : '' },
    link: inviteLink(ctx.botInfo.username, invite.token),
    expires: formatDateTime(invite.expiresAt, config.timezone, ctx.locale),
  });
}

async function listInvites(ctx: LiaisonContext) {
  const { repos, now, config } = ctx.deps;
  const invites = await repos.invites.listActive(now().toJSDate());
  if (invites.length === 0) return replyT(ctx, 'invite.list_empty');
  const shown = invites.slice(0, 30);
  const lines = [ctx.t('invite.list_title', { count: invites.length })];
  for (const i of shown) {
    lines.push(
      ctx.t('invite.list_line', {
        id: i.id,
        role: ctx.t(`role.${i.role}`),
        agency: i.agency?.code ?? '—',
        expires: formatDateTime(i.expiresAt, config.timezone, ctx.locale),
      }),
    );
  }
  const rows = shown.map((i) => [
    Markup.button.callback(ctx.t('invite.revoke_button', { id: i.id }), inviteButtons.encode('revoke', { id: i.id })),
  ]);
  return ctx.reply(lines.join('\n'), Markup.inlineKeyboard(rows));
}

async function revoke(ctx: RegisteredContext, id: number) {
  const ok = await ctx.deps.repos.invites.revoke(id, ctx.deps.now().toJSDate());
  ctx.deps.logger.info({ msg: ok ? 'invite-revoked' : 'invite-revoke-noop', inviteId: id, byUserId: ctx.user.id });
  return ctx.t(ok ? 'invite.revoked' : 'invite.revoke_failed', { id });
}

function roleKeyboard(ctx: RegisteredContext) {
  const roles = INVITABLE_ROLES[ctx.user.role];
  return Markup.inlineKeyboard([
    ...roles.map((r) => [Markup.button.callback(ctx.t(`role.${r}`), inviteButtons.encode('role', { role: r }))]),
    [Markup.button.callback(ctx.t('invite.list_button'), inviteButtons.encode('list'))],
  ]);
}

/** /invite: invitation links for new users (coordinators and admins). */
export function inviteFeature() {
  const c = new FlatComposer<RegisteredContext>();

  c.command('invite', requireRole(COORDINATION, 'invite'), async (ctx) => {
    const args = ctx.payload.trim();
    if (args.length > TEXT_LIMITS.commandArgs) return replyT(ctx, 'access.too_long', { max: TEXT_LIMITS.commandArgs });
    const [first, second, ...rest] = args.split(/\s+/).filter(Boolean);
    if (!first) return replyT(ctx, 'invite.choose_role', {}, roleKeyboard(ctx));
    if (first.toLowerCase() === 'list') return listInvites(ctx);
    if (first.toLowerCase() === 'revoke') {
      const id = parseId(second?.replace(/^#/, ''));
      return id ? ctx.reply(await revoke(ctx, id)) : usage(ctx);
    }
    const role = parseRole(first);
    if (!role || rest.length > 0) return usage(ctx);
    if (!canInvite(ctx.user, role)) {
      ctx.deps.logger.warn({
        msg: 'access-denied',
        action: `invite:${role}`,
        role: ctx.user.role,
        userId: ctx.user.id,
      });
      return replyT(ctx, 'invite.role_not_allowed', { role: ctx.t(`role.${role}`) });
    }
    let agencyId: number | null = null;
    if (second) {
      const agency = second.length <= TEXT_LIMITS.agencyCode ? await ctx.deps.repos.agencies.findByCode(second) : null;
      if (!agency || !agency.active)
        return replyT(ctx, 'invite.agency_unknown', { code: second.slice(0, TEXT_LIMITS.agencyCode) });
      agencyId = agency.id;
    } else if (role === 'FOCAL') {
      return replyT(ctx, 'invite.focal_needs_agency');
    }
    await ctx.reply(await issue(ctx, role, agencyId));
  });

  c.action(inviteButtons.pattern, async (ctx) => {
    const cb = inviteButtons.decode('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    const edit = (text: string, extra: object = {}) => ctx.editMessageText(text, extra);
    switch (cb?.action) {
      case 'role': {
        const { role } = cb;
        if (!canInvite(ctx.user, role))
          return ctx.answerCbQuery(ctx.t('invite.role_not_allowed', { role: ctx.t(`role.${role}`) }), {
            show_alert: true,
          });
        await ctx.answerCbQuery();
        if (role !== 'FOCAL') return edit(await issue(ctx, role, null));
        const b = agencyButtons(role);
        return edit(ctx.t('invite.choose_agency'), await agencyPicker(ctx, 0, b.pick, b.page));
      }
      case 'agencyPage': {
        if (cb.role !== 'FOCAL') break;
        await ctx.answerCbQuery();
        const b = agencyButtons(cb.role);
        return edit(ctx.t('invite.choose_agency'), await agencyPicker(ctx, cb.page, b.pick, b.page));
      }
      case 'pickAgency': {
        const { role, agencyId } = cb;
        if (!canInvite(ctx.user, role))
          return ctx.answerCbQuery(ctx.t('invite.role_not_allowed', { role: ctx.t(`role.${role}`) }), {
            show_alert: true,
          });
        await ctx.answerCbQuery();
        return edit(await issue(ctx, role, agencyId));
      }
      case 'list':
        await ctx.answerCbQuery();
        return listInvites(ctx);
      case 'revoke': {
        await ctx.answerCbQuery();
        return ctx.reply(await revoke(ctx, cb.id));
      }
    }
    return ctx.answerCbQuery(ctx.t('error.stale_button'));
  });
  return c;
}
