import { FlatComposer } from '../composer.js';
import { message } from 'telegraf/filters';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { COORDINATION, requireRole } from '../access.js';
import { replyT } from '../reply.js';
import { buildDigest } from '../../services/digest.js';
import { DateTime } from 'luxon';

/** "30 7 * * *" → "lúc 07h30"; any other schedule is shown as its cron expression. */
function scheduleText(ctx: LiaisonContext): string {
  const m = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(ctx.deps.config.digestCron.trim());
  if (!m) return ctx.deps.config.digestCron;
  const time = `${m[2]!.padStart(2, '0')}${ctx.locale === 'vi' ? 'h' : ':'}${m[1]!.padStart(2, '0')}`;
  return ctx.t('reminders.setgroup.daily_at', { time });
}

/** /setgroup (register a coordinators' group), /digest (the digest now, here), and chat reachability. */
export function digestFeature() {
  const c = new FlatComposer<RegisteredContext>();

  // Someone who had blocked the bot writes again: reminders may reach them again.
  c.use(async (ctx, next) => {
    if (ctx.user && !ctx.user.reachable && ctx.chat?.type === 'private' && ctx.message) {
      await ctx.deps.repos.users.markReachable(ctx.user.telegramId);
      ctx.user = { ...ctx.user, reachable: true, unreachableAt: null };
    }
    return next();
  });

  c.on('my_chat_member', async (ctx, next) => {
    const { repos } = ctx.deps;
    const status = ctx.myChatMember.new_chat_member.status;
    const chatId = BigInt(ctx.chat.id);
    if (ctx.chat.type === 'private') {
      if (status === 'kicked') await repos.users.markUnreachable(chatId, ctx.deps.now().toJSDate());
      else if (status === 'member') await repos.users.markReachable(chatId);
    } else if (status === 'left' || status === 'kicked') {
      await repos.chatGroups.deactivate(chatId);
      ctx.deps.logger.info({ msg: 'group-left' });
    }
    return next();
  });

  // A group upgraded to a supergroup: follow it (the dispatcher also follows a 400 migrate_to_chat_id).
  c.on(message('migrate_to_chat_id'), async (ctx, next) => {
    const from = BigInt(ctx.chat.id);
    const to = BigInt(ctx.message.migrate_to_chat_id);
    await ctx.deps.repos.chatGroups.migrate(from, to).catch(() => undefined);
    await ctx.deps.repos.notifications.rechat(from, to);
    return next();
  });

  c.command('setgroup', requireRole(COORDINATION, 'setgroup'), async (ctx) => {
    if (ctx.chat.type === 'private') {
      await replyT(ctx, 'reminders.setgroup.private');
      return;
    }
    const title = ctx.chat.title;
    await ctx.deps.repos.chatGroups.register(BigInt(ctx.chat.id), title, ctx.user.id);
    ctx.deps.logger.info({ msg: 'group-registered', userId: ctx.user.id });
    await replyT(ctx, 'reminders.setgroup.done', { title, schedule: scheduleText(ctx) });
  });

  c.command('digest', requireRole(COORDINATION, 'digest'), async (ctx) => {
    const { repos, config } = ctx.deps;
    const group =
      ctx.chat.type === 'private'
        ? null
        : (await repos.chatGroups.listActive()).find((g) => g.chatId === BigInt(ctx.chat.id));
    const since = group?.lastDigestAt ? DateTime.fromJSDate(group.lastDigestAt, { zone: config.timezone }) : null;
    const parts = await buildDigest(
      { ...ctx.deps, botUsername: () => ctx.botInfo.username },
      ctx.deps.now(),
      since,
      ctx.locale,
    );
    for (const part of parts) await ctx.reply(part);
  });

  return c;
}
