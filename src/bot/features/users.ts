import { Composer, Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Role } from '../../domain/enums.js';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { ADMIN_ONLY, requireRole } from '../access.js';
import { callbackPattern, encodeCallback, idArg, parseCallback } from '../keyboards/callback-data.js';
import { syncCommandsFor } from '../menu.js';
import { agencyPicker } from './agencies.js';
import { truncate } from '../../domain/format.js';
import { scrubToken } from '../../logger.js';

const F = 'us';
const PAGE = 10;
const ROLES: Role[] = ['FOCAL', 'COORDINATOR', 'HEAD', 'ADMIN'];
type TargetUser = NonNullable<Awaited<ReturnType<LiaisonContext['deps']['repos']['users']['findById']>>>;

const nameOf = (ctx: LiaisonContext, u: { displayName: string | null; username: string | null }) =>
  truncate(u.displayName || (u.username ? `@${u.username}` : ctx.t('users.no_name')), 60);

async function listPage(ctx: LiaisonContext, page: number) {
  const { users } = ctx.deps.repos;
  const all = await users.list({ take: 10_000 });
  const registered = all.filter((u) => u.role);
  const pages = Math.max(1, Math.ceil(registered.length / PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  const shown = registered.slice(p * PAGE, (p + 1) * PAGE);
  const lines = [ctx.t('users.title', { total: registered.length, page: p + 1, pages })];
  for (const u of shown) {
    lines.push(
      ctx.t('users.line', {
        status: ctx.t(u.active ? 'users.status_active' : 'users.status_inactive'),
        name: nameOf(ctx, u),
        role: ctx.t(`role.${u.role}`),
        agency: { html: u.agency ? ctx.t('users.line_agency', { agency: u.agency.code }) : '' },
      }),
    );
  }
  const rows: InlineKeyboardButton[][] = shown.map((u) => [Markup.button.callback(`${nameOf(ctx, u)} · ${ctx.t(`role.${u.role}`)}`, encodeCallback(F, 'v', u.id))]);
  const nav: InlineKeyboardButton[] = [];
  if (p > 0) nav.push(Markup.button.callback('◀', encodeCallback(F, 'l', p - 1)));
  if (p < pages - 1) nav.push(Markup.button.callback('▶', encodeCallback(F, 'l', p + 1)));
  if (nav.length) rows.push(nav);
  return { text: lines.join('\n'), keyboard: Markup.inlineKeyboard(rows) };
}

function detail(ctx: LiaisonContext, u: TargetUser) {
  const text = ctx.t('users.detail', {
    name: nameOf(ctx, u),
    telegramId: u.telegramId.toString(),
    role: u.role ? ctx.t(`role.${u.role}`) : ctx.t('users.no_role'),
    agency: u.agency ? `${u.agency.code} — ${u.agency.nameVi}` : '—',
    state: ctx.t(u.active ? 'users.state_active' : 'users.state_inactive'),
  });
  const roleRow = ROLES.filter((r) => r !== u.role).map((r) => Markup.button.callback(ctx.t('users.role_button', { role: ctx.t(`role.${r}`) }), encodeCallback(F, 'r', u.id, r)));
  const rows: InlineKeyboardButton[][] = [roleRow.slice(0, 2), roleRow.slice(2)];
  rows.push([Markup.button.callback(ctx.t('users.agency_button'), encodeCallback(F, 'ap', u.id, 0))]);
  rows.push([
    u.active
      ? Markup.button.callback(ctx.t('users.deactivate_button'), encodeCallback(F, 'x', u.id))
      : Markup.button.callback(ctx.t('users.reactivate_button'), encodeCallback(F, 'o', u.id)),
  ]);
  rows.push([Markup.button.callback(ctx.t('users.back_button'), encodeCallback(F, 'l', 0))]);
  return { text, keyboard: Markup.inlineKeyboard(rows.filter((r) => r.length)) };
}

/** Tells the user what changed and sets their menu at once (best effort). */
async function afterChange(ctx: LiaisonContext, id: number, notice: 'role' | 'deactivated' | 'reactivated') {
  const { repos, i18n, logger } = ctx.deps;
  const u = await repos.users.findById(id);
  if (!u) return;
  try {
    await syncCommandsFor(ctx.telegram, ctx.deps, u);
    const t = i18n.forLocale(i18n.resolve(u.locale, undefined));
    const agency = { html: u.agency ? t('start.agency_suffix', { agency: u.agency.nameVi }) : '' };
    await ctx.telegram.sendMessage(Number(u.telegramId), t(`users.notice_${notice}`, { role: u.role ? t(`role.${u.role}`) : '', agency }));
  } catch (err) {
    logger.warn({ msg: 'user-notice-failed', userId: u.id, err: scrubToken(String(err)) });
  }
}

/** /users (admins): list users, change a role or agency, suspend and reactivate. */
export function usersFeature() {
  const c = new Composer<RegisteredContext>();

  c.command('users', requireRole(ADMIN_ONLY, 'users'), async (ctx) => {
    const page = await listPage(ctx, 0);
    await ctx.reply(page.text, page.keyboard);
  });

  c.action(callbackPattern(F), async (ctx) => {
    const { repos, logger, config } = ctx.deps;
    const cb = parseCallback('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    const show = (v: { text: string; keyboard: object }) => ctx.editMessageText(v.text, v.keyboard).catch(() => undefined);
    if (cb?.action === 'l') {
      const page = Number(cb.args[0]);
      if (!Number.isInteger(page) || page < 0) return ctx.answerCbQuery(ctx.t('error.stale_button'));
      await ctx.answerCbQuery();
      return show(await listPage(ctx, page));
    }
    const id = idArg(cb?.args[0]);
    const target = id ? await repos.users.findById(id) : null;
    if (!cb || !target || !target.role) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    const changing = ['r', 'a', 'x', 'o'].includes(cb.action);
    if (changing && target.id === ctx.user.id) return ctx.answerCbQuery(ctx.t('users.not_self'), { show_alert: true });
    if (changing && config.adminTelegramIds.includes(target.telegramId)) return ctx.answerCbQuery(ctx.t('users.bootstrap_admin'), { show_alert: true });
    switch (cb.action) {
      case 'v':
        await ctx.answerCbQuery();
        return show(detail(ctx, target));
      case 'r': {
        const role = ROLES.find((r) => r === cb.args[1]);
        if (!role) break;
        if (role === 'FOCAL' && !target.agencyId) return ctx.answerCbQuery(ctx.t('users.focal_needs_agency'), { show_alert: true });
        if (role !== target.role) {
          await repos.users.setRole(target.id, role, target.agencyId);
          logger.info({ msg: 'user-role-changed', userId: target.id, from: target.role, to: role, byUserId: ctx.user.id });
          await afterChange(ctx, target.id, 'role');
        }
        await ctx.answerCbQuery(ctx.t('users.updated'));
        return show(detail(ctx, (await repos.users.findById(target.id))!));
      }
      case 'ap': {
        const page = Number(cb.args[1]);
        if (!Number.isInteger(page) || page < 0) break;
        await ctx.answerCbQuery();
        const kb = await agencyPicker(ctx, page, (agencyId) => encodeCallback(F, 'a', target.id, agencyId), (p) => encodeCallback(F, 'ap', target.id, p));
        return ctx.editMessageText(ctx.t('users.choose_agency', { name: nameOf(ctx, target) }), kb).catch(() => undefined);
      }
      case 'a': {
        const agencyId = idArg(cb.args[1]);
        const agency = agencyId ? await repos.agencies.findById(agencyId) : null;
        if (!agency || !agency.active) break;
        if (agency.id !== target.agencyId) {
          await repos.users.setRole(target.id, target.role, agency.id);
          logger.info({ msg: 'user-agency-changed', userId: target.id, agencyId: agency.id, byUserId: ctx.user.id });
          await afterChange(ctx, target.id, 'role');
        }
        await ctx.answerCbQuery(ctx.t('users.updated'));
        return show(detail(ctx, (await repos.users.findById(target.id))!));
      }
      case 'x':
      case 'o': {
        const active = cb.action === 'o';
        if (target.active !== active) {
          await repos.users.setActive(target.id, active);
          logger.info({ msg: active ? 'user-reactivated' : 'user-deactivated', userId: target.id, byUserId: ctx.user.id });
          await afterChange(ctx, target.id, active ? 'reactivated' : 'deactivated');
        }
        await ctx.answerCbQuery(ctx.t('users.updated'));
        return show(detail(ctx, (await repos.users.findById(target.id))!));
      }
    }
    return ctx.answerCbQuery(ctx.t('error.stale_button'));
  });
  return c;
}
