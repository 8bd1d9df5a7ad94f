import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { Role } from '../../domain/enums.js';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { ADMIN_ONLY, requireRole } from '../access.js';
import { defineCallbacks, ID, N } from '../keyboards/callbacks.js';
import { pageButtons, pageSlice } from '../keyboards/pagination.js';
import { syncCommandsFor } from '../menu.js';
import { agencyPicker } from './agencies.js';
import { truncate } from '../../domain/format.js';
import { scrubToken } from '../../logger.js';

const PAGE = 10;
const ROLES = ['FOCAL', 'COORDINATOR', 'HEAD', 'ADMIN'] as const satisfies readonly Role[];
const userButtons = defineCallbacks('us', {
  list: ['l', { page: N }],
  open: ['v', { id: ID }],
  setRole: ['r', { id: ID, role: ROLES }],
  agencyPage: ['ap', { id: ID, page: N }],
  setAgency: ['a', { id: ID, agencyId: ID }],
  deactivate: ['x', { id: ID }],
  reactivate: ['o', { id: ID }],
});
type TargetUser = NonNullable<Awaited<ReturnType<LiaisonContext['deps']['repos']['users']['findById']>>>;

const nameOf = (ctx: LiaisonContext, u: { displayName: string | null; username: string | null }) =>
  truncate(u.displayName || (u.username ? `@${u.username}` : ctx.t('users.no_name')), 60);

async function listPage(ctx: LiaisonContext, page: number) {
  const { users } = ctx.deps.repos;
  const all = await users.list({ take: 10_000 });
  const registered = all.filter((u) => u.role);
  const { items: shown, ...p } = pageSlice(registered, page, PAGE);
  const lines = [ctx.t('users.title', { total: registered.length, page: p.page + 1, pages: p.pages })];
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
  const rows: InlineKeyboardButton[][] = shown.map((u) => [
    Markup.button.callback(`${nameOf(ctx, u)} · ${ctx.t(`role.${u.role}`)}`, userButtons.encode('open', { id: u.id })),
  ]);
  const nav = pageButtons(p, (page) => userButtons.encode('list', { page }));
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
  const roleRow = ROLES.filter((r) => r !== u.role).map((r) =>
    Markup.button.callback(
      ctx.t('users.role_button', { role: ctx.t(`role.${r}`) }),
      userButtons.encode('setRole', { id: u.id, role: r }),
    ),
  );
  const rows: InlineKeyboardButton[][] = [roleRow.slice(0, 2), roleRow.slice(2)];
  rows.push([
    Markup.button.callback(ctx.t('users.agency_button'), userButtons.encode('agencyPage', { id: u.id, page: 0 })),
  ]);
  rows.push([
    u.active
      ? Markup.button.callback(ctx.t('users.deactivate_button'), userButtons.encode('deactivate', { id: u.id }))
      : Markup.button.callback(ctx.t('users.reactivate_button'), userButtons.encode('reactivate', { id: u.id })),
  ]);
  rows.push([Markup.button.callback(ctx.t('users.back_button'), userButtons.encode('list', { page: 0 }))]);
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
    await ctx.telegram.sendMessage(
      Number(u.telegramId),
      t(`users.notice_${notice}`, { role: u.role ? t(`role.${u.role}`) : '', agency }),
    );
  } catch (err) {
    logger.warn({ msg: 'user-notice-failed', userId: u.id, err: scrubToken(String(err)) });
  }
}

/** /users (admins): list users, change a role or agency, suspend and reactivate. */
export function usersFeature() {
  const c = new FlatComposer<RegisteredContext>();

  c.command('users', requireRole(ADMIN_ONLY, 'users'), async (ctx) => {
    const page = await listPage(ctx, 0);
    await ctx.reply(page.text, page.keyboard);
  });

  c.action(userButtons.pattern, async (ctx) => {
    const { repos, logger, config } = ctx.deps;
    const cb = userButtons.decode('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    const show = (v: { text: string; keyboard: object }) =>
      ctx.editMessageText(v.text, v.keyboard).catch(() => undefined);
    if (!cb) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    if (cb.action === 'list') {
      await ctx.answerCbQuery();
      return show(await listPage(ctx, cb.page));
    }
    const target = await repos.users.findById(cb.id);
    if (!target || !target.role) return ctx.answerCbQuery(ctx.t('error.stale_button'));
    const changing = cb.action !== 'open' && cb.action !== 'agencyPage';
    if (changing && target.id === ctx.user.id) return ctx.answerCbQuery(ctx.t('users.not_self'), { show_alert: true });
    if (changing && config.adminTelegramIds.includes(target.telegramId))
      return ctx.answerCbQuery(ctx.t('users.bootstrap_admin'), { show_alert: true });
    switch (cb.action) {
      case 'open':
        await ctx.answerCbQuery();
        return show(detail(ctx, target));
      case 'setRole': {
        const role = cb.role;
        if (role === 'FOCAL' && !target.agencyId)
          return ctx.answerCbQuery(ctx.t('users.focal_needs_agency'), { show_alert: true });
        if (role !== target.role) {
          await repos.users.setRole(target.id, role, target.agencyId);
          logger.info({
            msg: 'user-role-changed',
            userId: target.id,
            from: target.role,
            to: role,
            byUserId: ctx.user.id,
          });
          await afterChange(ctx, target.id, 'role');
        }
        await ctx.answerCbQuery(ctx.t('users.updated'));
        return show(detail(ctx, (await repos.users.findById(target.id))!));
      }
      case 'agencyPage': {
        await ctx.answerCbQuery();
        const kb = await agencyPicker(
          ctx,
          cb.page,
          (agencyId) => userButtons.encode('setAgency', { id: target.id, agencyId }),
          (page) => userButtons.encode('agencyPage', { id: target.id, page }),
        );
        return ctx
          .editMessageText(ctx.t('users.choose_agency', { name: nameOf(ctx, target) }), kb)
          .catch(() => undefined);
      }
      case 'setAgency': {
        const agency = await repos.agencies.findById(cb.agencyId);
        if (!agency || !agency.active) break;
        if (agency.id !== target.agencyId) {
          await repos.users.setRole(target.id, target.role, agency.id);
          logger.info({ msg: 'user-agency-changed', userId: target.id, agencyId: agency.id, byUserId: ctx.user.id });
          await afterChange(ctx, target.id, 'role');
        }
        await ctx.answerCbQuery(ctx.t('users.updated'));
        return show(detail(ctx, (await repos.users.findById(target.id))!));
      }
      case 'deactivate':
      case 'reactivate': {
        const active = cb.action === 'reactivate';
        if (target.active !== active) {
          await repos.users.setActive(target.id, active);
          logger.info({
            msg: active ? 'user-reactivated' : 'user-deactivated',
            userId: target.id,
            byUserId: ctx.user.id,
          });
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
