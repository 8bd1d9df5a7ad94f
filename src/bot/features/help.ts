import { FlatComposer } from '../composer.js';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { commandsFor } from '../commands.js';

/** No agency or no coordinators' group yet: the install is not set up. */
export async function needsSetup(ctx: LiaisonContext): Promise<boolean> {
  const [agencies, groups] = await Promise.all([
    ctx.deps.repos.agencies.count(),
    ctx.deps.repos.chatGroups.listActive(),
  ]);
  return agencies === 0 || groups.length === 0;
}

export function helpFeature() {
  const c = new FlatComposer<RegisteredContext>();
  c.help(async (ctx) => {
    const role = ctx.user.role;
    const lines = [ctx.t('help.title', { role: ctx.t(`role.${role}`) })];
    for (const command of commandsFor(role))
      lines.push(ctx.t('help.line', { command, description: ctx.t(`cmd.${command}`) }));
    // A fresh install: the admin is told how to set it up (until agencies and a group exist).
    if (role === 'ADMIN' && (await needsSetup(ctx))) lines.push('', ctx.t('help.admin_setup'));
    lines.push('', ctx.t('help.footer'));
    await ctx.reply(lines.join('\n'));
  });
  return c;
}
