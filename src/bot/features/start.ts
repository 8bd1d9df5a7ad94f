import { FlatComposer } from '../composer.js';
import { needsSetup } from './help.js';
import { isRegistered, type BotUser, type LiaisonContext, type RegisteredContext } from '../context.js';
import { replyT } from '../reply.js';
import { commandsFor } from '../commands.js';
import { refreshCommands } from '../menu.js';
import { isTokenShaped, redeemInvite } from '../../services/invites.js';
import { scrubToken } from '../../logger.js';
import { referenceOfPayload } from '../../domain/deep-link.js';
import { openActivity } from './find.js';

function agencySuffix(ctx: LiaisonContext, user: BotUser) {
  const agency = user.agency;
  return { html: agency ? ctx.t('start.agency_suffix', { agency: agency.nameVi }) : '' };
}

/** `/start <token>` from an invite link: registers the stranger with the invite's role and agency. */
async function redeem(ctx: LiaisonContext, payload: string) {
  const { repos, logger, now, i18n } = ctx.deps;
  if (isRegistered(ctx)) {
    // Already has access: the link is left unused (an admin changes roles in /users).
    if (isTokenShaped(payload))
      return replyT(ctx, 'invite.already_registered', {
        role: ctx.t(`role.${ctx.user.role}`),
        agency: agencySuffix(ctx, ctx.user),
      });
    return greet(ctx);
  }
  const from = ctx.from!;
  const profile = {
    telegramId: BigInt(from.id),
    displayName: [from.first_name, from.last_name].filter(Boolean).join(' '),
    username: from.username ?? null,
  };
  const result = await redeemInvite(repos, payload, profile, now().toJSDate());
  if (!result.ok) {
    logger.info({ msg: 'invite-refused', reason: result.reason });
    return replyT(ctx, `invite.redeem_${result.reason}`, { id: from.id });
  }
  ctx.user = result.user;
  ctx.locale = i18n.resolve(result.user.locale, from.language_code);
  ctx.t = i18n.forLocale(ctx.locale);
  logger.info({ msg: 'invite-redeemed', inviteId: result.inviteId, userId: result.user.id, role: result.user.role });
  const role = result.user.role!;
  const lines = [
    ctx.t('invite.welcome', {
      name: from.first_name,
      role: ctx.t(`role.${role}`),
      agency: agencySuffix(ctx, result.user),
    }),
    ...commandsFor(role).map((command) => ctx.t('help.line', { command, description: ctx.t(`cmd.${command}`) })),
    '',
    ctx.t('help.footer'),
  ];
  await ctx.reply(lines.join('\n'));
  await refreshCommands(ctx).catch((err) =>
    logger.warn({ msg: 'commands-refresh-failed', err: scrubToken(String(err)) }),
  );
  await notifyInviter(ctx, result.createdById);
}

/** Tells whoever created the invite that it was used (best effort). */
async function notifyInviter(ctx: LiaisonContext, createdById: number | null) {
  const inviter = createdById ? await ctx.deps.repos.users.findById(createdById) : null;
  if (!inviter?.active || !ctx.user) return;
  const t = ctx.deps.i18n.forLocale(ctx.deps.i18n.resolve(inviter.locale, undefined));
  const agency = ctx.user.agency ? t('start.agency_suffix', { agency: ctx.user.agency.nameVi }) : '';
  const name = [ctx.from?.first_name, ctx.from?.last_name].filter(Boolean).join(' ');
  await ctx.telegram
    .sendMessage(
      Number(inviter.telegramId),
      t('invite.inviter_notice', { name, role: t(`role.${ctx.user.role}`), agency: { html: agency } }),
    )
    .catch((err) => ctx.deps.logger.warn({ msg: 'invite-notice-failed', err: scrubToken(String(err)) }));
}

async function greet(ctx: RegisteredContext) {
  const user = ctx.user;
  const greeting = ctx.t('start.greeting', {
    name: ctx.from!.first_name,
    role: ctx.t(`role.${user.role}`),
    agency: agencySuffix(ctx, user),
  });
  // The admin's first contact with a fresh install: how to set it up, in the same message.
  const setup = user.role === 'ADMIN' && (await needsSetup(ctx)) ? `\n\n${ctx.t('help.admin_setup')}` : '';
  await ctx.reply(greeting + setup);
}

export function startFeature() {
  const c = new FlatComposer<LiaisonContext>();
  c.start(async (ctx) => {
    const payload = ctx.payload.trim();
    // The digest's link to an activity opens its full card, with the same access as typing its reference.
    const reference = referenceOfPayload(payload);
    // (In private only: a card typed for in a group would show it to the whole group.)
    if (reference && isRegistered(ctx) && ctx.chat.type === 'private') return openActivity(ctx, { reference });
    if (payload) return redeem(ctx, payload.slice(0, 64));
    if (!isRegistered(ctx)) return; // refuseStrangers answered already
    await greet(ctx);
  });
  return c;
}
