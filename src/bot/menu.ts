import { createHash } from 'node:crypto';
import type { Telegram } from 'telegraf';
import type { MenuButton } from 'telegraf/types';
import type { BotDeps, LiaisonContext } from './context.js';
import type { Role } from '../domain/enums.js';
import { commandsFor } from './commands.js';
import { LOCALES, type I18n, type Locale } from '../i18n/index.js';
import { boardMenuButton } from './board-link.js';

/** Default menu (what a stranger sees), per language. */
export async function setDefaultCommands(telegram: Telegram, i18n: I18n) {
  for (const locale of LOCALES) {
    const commands = commandsFor(null).map((command) => ({
      command,
      description: i18n.translate(locale, `cmd.${command}`),
    }));
    await telegram.setMyCommands(commands, { language_code: locale });
  }
  const commands = commandsFor(null).map((command) => ({
    command,
    description: i18n.translate(i18n.defaultLocale, `cmd.${command}`),
  }));
  await telegram.setMyCommands(commands);
}

type MenuUser = {
  id: number;
  telegramId: bigint;
  role: Role | null;
  active: boolean;
  locale: string | null;
  commandsVersion: string | null;
};

type Menu = { list: { command: string; description: string }[]; version: string; button?: MenuButton };
const menus = new WeakMap<I18n, Map<string, Menu>>();

/**
 * The menu of `role` in `locale` (commands, and the plan board's menu button when there is one),
 * and a short version string that changes whenever any of them changes. Built once per role and
 * language (the texts do not change while the process runs): every update compares its version.
 */
export function menuFor(role: Role, i18n: I18n, locale: Locale, webappUrl?: string): Menu {
  let built = menus.get(i18n);
  if (!built) menus.set(i18n, (built = new Map<string, Menu>()));
  const key = `${role} ${locale} ${webappUrl ?? ''}`;
  let menu = built.get(key);
  if (!menu) {
    const t = i18n.forLocale(locale);
    const list = commandsFor(role).map((command) => ({ command, description: t(`cmd.${command}`) }));
    const button = webappUrl ? boardMenuButton(role, t, webappUrl) : undefined;
    const version = createHash('sha1')
      .update(JSON.stringify(button ? [locale, list, button] : [locale, list]))
      .digest('hex')
      .slice(0, 16);
    menu = { list, version, button };
    built.set(key, menu);
  }
  return menu;
}

/**
 * Each user's menu shows only their role's commands in their language (chat scope). Set again
 * whenever role, language or the command list change; the version stored on the user says when.
 */
export async function refreshCommands(ctx: LiaisonContext) {
  const user = ctx.user;
  if (!user || !user.role || ctx.chat?.type !== 'private') return;
  const { list, version, button } = menuFor(user.role, ctx.deps.i18n, ctx.locale, ctx.deps.config.webappUrl);
  if (user.commandsVersion === version) return;
  await ctx.telegram.setMyCommands(list, { scope: { type: 'chat', chat_id: ctx.chat.id } });
  if (button) await ctx.telegram.setChatMenuButton({ chatId: ctx.chat.id, menuButton: button });
  await ctx.deps.repos.users.setCommandsVersion(user.id, version);
  ctx.user = { ...user, commandsVersion: version };
}

/**
 * Sets another user's menu right after an admin changed their role or access (their private chat
 * id is their user id). A deactivated user gets the default (stranger's) menu back.
 */
export async function syncCommandsFor(
  telegram: Telegram,
  deps: Pick<BotDeps, 'i18n' | 'repos' | 'config'>,
  user: MenuUser,
) {
  const scope = { type: 'chat' as const, chat_id: Number(user.telegramId) };
  if (!user.role || !user.active) {
    await telegram.deleteMyCommands({ scope });
    if (deps.config.webappUrl)
      await telegram.setChatMenuButton({ chatId: scope.chat_id, menuButton: { type: 'default' } });
    await deps.repos.users.setCommandsVersion(user.id, '');
    return;
  }
  const locale = deps.i18n.resolve(user.locale, undefined);
  const { list, version, button } = menuFor(user.role, deps.i18n, locale, deps.config.webappUrl);
  if (user.commandsVersion === version) return;
  await telegram.setMyCommands(list, { scope });
  if (button) await telegram.setChatMenuButton({ chatId: scope.chat_id, menuButton: button });
  await deps.repos.users.setCommandsVersion(user.id, version);
}
