import { createHash } from 'node:crypto';
import type { Telegram } from 'telegraf';
import type { LiaisonContext } from './context.js';
import { commandsFor } from './commands.js';
import { LOCALES, type I18n } from '../i18n/index.js';

/** Default menu (what a stranger sees), per language. */
export async function setDefaultCommands(telegram: Telegram, i18n: I18n) {
  for (const locale of LOCALES) {
    const commands = commandsFor(null).map((command) => ({ command, description: i18n.translate(locale, `cmd.${command}`) }));
    await telegram.setMyCommands(commands, { language_code: locale });
  }
  const commands = commandsFor(null).map((command) => ({ command, description: i18n.translate(i18n.defaultLocale, `cmd.${command}`) }));
  await telegram.setMyCommands(commands);
}

/**
 * Each user's menu shows only their role's commands in their language (chat scope). Set again
 * whenever role, language or the command list change; the version stored on the user says when.
 */
export async function refreshCommands(ctx: LiaisonContext) {
  const user = ctx.user;
  if (!user || !user.role || ctx.chat?.type !== 'private') return;
  const list = commandsFor(user.role).map((command) => ({ command, description: ctx.t(`cmd.${command}`) }));
  const version = createHash('sha1').update(JSON.stringify([ctx.locale, list])).digest('hex').slice(0, 16);
  if (user.commandsVersion === version) return;
  await ctx.telegram.setMyCommands(list, { scope: { type: 'chat', chat_id: ctx.chat.id } });
  await ctx.deps.repos.users.setCommandsVersion(user.id, version);
  ctx.user = { ...user, commandsVersion: version };
}
