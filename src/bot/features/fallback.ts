import { Composer } from 'telegraf';
import type { LiaisonContext } from '../context.js';
import { replyT } from '../reply.js';

/** Installed last: what no feature handled gets a short, localized answer. */
export function fallbackFeature() {
  const c = new Composer<LiaisonContext>();
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
    await replyT(ctx, text === undefined ? 'error.text_only' : 'help.footer');
  });
  return c;
}
