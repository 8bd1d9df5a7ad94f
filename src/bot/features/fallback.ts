import { FlatComposer } from '../composer.js';
import type { LiaisonContext } from '../context.js';
import { replyT } from '../reply.js';
import { commandsFor } from '../commands.js';

/** What a message the bot cannot place is answered with: the few things this role does most. */
const SUGGESTED = ['new', 'my', 'find', 'review', 'summary', 'help'] as const;

/** The lines that say what this role can do (a reference number opens its card; the main commands). */
export function whatYouCanDo(ctx: LiaisonContext): string {
  const role = ctx.user?.role;
  const mine = new Set(commandsFor(role));
  const lines = [ctx.t(role === 'FOCAL' ? 'fallback.reference_own' : 'fallback.reference_all')];
  for (const command of SUGGESTED)
    if (mine.has(command)) lines.push(ctx.t('help.line', { command, description: ctx.t(`cmd.${command}`) }));
  return lines.join('\n');
}

/** Installed last: what no feature handled gets a short, localized answer. */
export function fallbackFeature() {
  const c = new FlatComposer<LiaisonContext>();
  c.command('cancel', (ctx) => replyT(ctx, 'cancel.nothing'));
  c.on('callback_query', (ctx) => ctx.answerCbQuery(ctx.t('error.stale_button')));
  c.on('message', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const text = 'text' in ctx.message ? ctx.message.text : undefined;
    if (text?.startsWith('/')) {
      const command = text.split(/[\s@]/, 1)[0] ?? text;
      await replyT(ctx, 'error.unknown_command', { command });
      return;
    }
    if (text === undefined) return replyT(ctx, 'error.text_only');
    await ctx.reply(`${ctx.t('fallback.not_understood')}\n${whatYouCanDo(ctx)}`);
  });
  return c;
}
