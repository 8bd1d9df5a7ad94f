import { Composer } from 'telegraf';
import type { LiaisonContext } from '../context.js';
import { commandsFor } from '../commands.js';

export function helpFeature() {
  const c = new Composer<LiaisonContext>();
  c.help(async (ctx) => {
    const role = ctx.user!.role;
    const lines = [ctx.t('help.title', { role: ctx.t(`role.${role}`) })];
    for (const command of commandsFor(role)) lines.push(ctx.t('help.line', { command, description: ctx.t(`cmd.${command}`) }));
    lines.push('', ctx.t('help.footer'));
    await ctx.reply(lines.join('\n'), { parse_mode: 'HTML' });
  });
  return c;
}
