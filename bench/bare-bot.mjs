// The start-up reference for bench/process.ts: a bare telegraf bot (node + telegraf + getMe), the
// least any telegraf bot does before its first getUpdates. Plain JavaScript, run with plain node.
import { Telegraf } from 'telegraf';

const bot = new Telegraf(process.env.BOT_TOKEN, { telegram: { apiRoot: process.env.TELEGRAM_API_ROOT } });
bot.on('message', (ctx) => ctx.reply('ok'));
bot.launch();
process.once('SIGTERM', () => {
  bot.stop('SIGTERM');
  process.exit(0);
});
