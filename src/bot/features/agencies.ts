import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { ADMIN_ONLY, COORDINATION, hasRole, refuse, requireRole, TEXT_LIMITS } from '../access.js';
import { defineCallbacks, ID, N } from '../keyboards/callbacks.js';
import { pageButtons, pageOf } from '../keyboards/pagination.js';
import { replyT } from '../reply.js';
import { truncate } from '../../domain/format.js';
import {
  CODE_PATTERN,
  fileKind,
  importAgencies,
  MAX_IMPORT_BYTES,
  parseAgencyKind,
  type ImportResult,
} from '../../services/agency-import.js';
import { isUniqueViolation } from '../../db/client.js';

export const agencyButtons = defineCallbacks('ag', {
  list: ['l', { page: N }],
  open: ['v', { id: ID }],
  deactivate: ['d', { id: ID }],
  activate: ['e', { id: ID }],
});
const PAGE = 10;
const PICK_PAGE = 8;

/** A paginated one-choice list of active agencies (invites, user management). */
export async function agencyPicker(
  ctx: LiaisonContext,
  page: number,
  pick: (id: number) => string,
  nav: (page: number) => string,
) {
  const { agencies } = ctx.deps.repos;
  const total = await agencies.count({ activeOnly: true });
  const p = pageOf(total, page, PICK_PAGE);
  const list = await agencies.list({ activeOnly: true, skip: p.skip, take: p.take });
  const rows: InlineKeyboardButton[][] = list.map((a) => [
    Markup.button.callback(truncate(`${a.code} — ${a.nameVi}`, 60), pick(a.id)),
  ]);
  const navRow = pageButtons(p, nav, { counter: true });
  if (navRow.length) rows.push(navRow);
  return Markup.inlineKeyboard(rows);
}

async function listPage(ctx: LiaisonContext, page: number) {
  const { agencies } = ctx.deps.repos;
  const [total, activeCount] = await Promise.all([agencies.count(), agencies.count({ activeOnly: true })]);
  const p = pageOf(total, page, PAGE);
  const list = await agencies.list({ skip: p.skip, take: p.take });
  const lines = [ctx.t('agencies.title', { total, active: activeCount })];
  if (total === 0) lines.push(ctx.t('agencies.empty'));
  for (const a of list)
    lines.push(ctx.t(a.active ? 'agencies.line' : 'agencies.line_inactive', { code: a.code, name: a.nameVi }));
  lines.push('', ctx.t('agencies.commands_hint'));
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < list.length; i += 2)
    rows.push(
      list.slice(i, i + 2).map((a) => Markup.button.callback(a.code, agencyButtons.encode('open', { id: a.id }))),
    );
  const navRow = pageButtons(p, (page) => agencyButtons.encode('list', { page }), { counter: true });
  if (navRow.length) rows.push(navRow);
  return { text: lines.join('\n'), keyboard: Markup.inlineKeyboard(rows) };
}

async function detail(ctx: LiaisonContext, id: number) {
  const a = await ctx.deps.repos.agencies.findById(id);
  if (!a) return null;
  const focal = await ctx.deps.repos.users.listFocalPoints(a.id);
  const text = ctx.t('agencies.detail', {
    code: a.code,
    name: a.nameVi,
    nameEn: a.nameEn ?? '—',
    kind: ctx.t(`agencies.kind.${a.kind}`),
    state: ctx.t(a.active ? 'agencies.state_active' : 'agencies.state_inactive'),
    focal: focal.length,
  });
  const toggle = a.active
    ? Markup.button.callback(ctx.t('agencies.deactivate_button'), agencyButtons.encode('deactivate', { id: a.id }))
    : Markup.button.callback(ctx.t('agencies.activate_button'), agencyButtons.encode('activate', { id: a.id }));
  return {
    text,
    keyboard: Markup.inlineKeyboard([
      [toggle],
      [Markup.button.callback(ctx.t('agencies.back_button'), agencyButtons.encode('list', { page: 0 }))],
    ]),
  };
}

/** `CODE | Tên | English name | kind` → fields, or the message key of what is wrong. */
function parseAgencyArgs(text: string) {
  const [code = '', nameVi = '', nameEn = '', kindText = ''] = text
    .split('|')
    .map((s) => s.trim().replace(/\s+/g, ' '));
  const upper = code.toUpperCase();
  if (!upper || !nameVi) return { error: 'agencies.add_usage' as const };
  if (upper.length > TEXT_LIMITS.agencyCode || !CODE_PATTERN.test(upper))
    return { error: 'agencies.code_invalid' as const };
  if (nameVi.length > TEXT_LIMITS.agencyName || nameEn.length > TEXT_LIMITS.agencyName)
    return { error: 'agencies.name_too_long' as const };
  const kind = parseAgencyKind(kindText);
  if (!kind) return { error: 'agencies.kind_invalid' as const };
  return { code: upper, nameVi, nameEn: nameEn || null, kind };
}

function importReport(ctx: LiaisonContext, res: ImportResult): string {
  if (res.fileError) return ctx.t(`agencies.import_file_${res.fileError}`, { max: MAX_IMPORT_BYTES / 1024 / 1024 });
  if (res.errors.length) {
    const shown = res.errors.slice(0, 30).map((e) =>
      ctx.t('agencies.import_row_error', {
        row: e.row,
        problem: ctx.t(`agencies.problem.${e.problem}`, { value: e.value ?? '' }),
      }),
    );
    const more =
      res.errors.length > shown.length
        ? ['', ctx.t('agencies.import_more_errors', { count: res.errors.length - shown.length })]
        : [];
    return [ctx.t('agencies.import_rejected', { count: res.errors.length }), ...shown, ...more].join('\n');
  }
  return ctx.t('agencies.import_done', { total: res.rows.length, created: res.created, updated: res.updated });
}

/** /agencies: list, add, rename, deactivate; an admin imports a CSV/XLSX file by sending it. */
export function agenciesFeature() {
  const c = new FlatComposer<RegisteredContext>();

  c.command('agencies', requireRole(COORDINATION, 'agencies'), async (ctx) => {
    const args = ctx.payload.trim();
    if (args.length > TEXT_LIMITS.commandArgs) return replyT(ctx, 'access.too_long', { max: TEXT_LIMITS.commandArgs });
    const [sub = '', ...restWords] = args.split(/\s+/);
    const rest = args.slice(sub.length).trim();
    const { agencies } = ctx.deps.repos;
    switch (sub.toLowerCase()) {
      case '': {
        const page = await listPage(ctx, 0);
        return ctx.reply(page.text, page.keyboard);
      }
      case 'add': {
        const parsed = parseAgencyArgs(rest);
        if ('error' in parsed) return replyT(ctx, parsed.error!, { max: TEXT_LIMITS.agencyName });
        try {
          const a = await agencies.create(parsed);
          ctx.deps.logger.info({ msg: 'agency-created', agencyId: a.id, byUserId: ctx.user.id });
          return replyT(ctx, 'agencies.added', { code: a.code, name: a.nameVi });
        } catch (err) {
          if (isUniqueViolation(err)) return replyT(ctx, 'agencies.code_taken', { code: parsed.code });
          throw err;
        }
      }
      case 'rename': {
        const [code = '', nameVi = '', nameEn] = rest.split('|').map((s) => s.trim().replace(/\s+/g, ' '));
        if (!code || !nameVi) return replyT(ctx, 'agencies.rename_usage');
        if (nameVi.length > TEXT_LIMITS.agencyName || (nameEn ?? '').length > TEXT_LIMITS.agencyName)
          return replyT(ctx, 'agencies.name_too_long', { max: TEXT_LIMITS.agencyName });
        const a = code.length <= TEXT_LIMITS.agencyCode ? await agencies.findByCode(code) : null;
        if (!a) return replyT(ctx, 'agencies.not_found', { code: truncate(code, TEXT_LIMITS.agencyCode) });
        await agencies.rename(a.id, nameVi, nameEn === undefined ? undefined : nameEn || null);
        ctx.deps.logger.info({ msg: 'agency-renamed', agencyId: a.id, byUserId: ctx.user.id });
        return replyT(ctx, 'agencies.renamed', { code: a.code, name: nameVi });
      }
      case 'deactivate':
      case 'activate': {
        const code = restWords[0] ?? '';
        if (!code || restWords.length > 1) return replyT(ctx, 'agencies.toggle_usage');
        const a = code.length <= TEXT_LIMITS.agencyCode ? await agencies.findByCode(code) : null;
        if (!a) return replyT(ctx, 'agencies.not_found', { code: truncate(code, TEXT_LIMITS.agencyCode) });
        const active = sub.toLowerCase() === 'activate';
        await agencies.setActive(a.id, active);
        ctx.deps.logger.info({
          msg: active ? 'agency-activated' : 'agency-deactivated',
          agencyId: a.id,
          byUserId: ctx.user.id,
        });
        return replyT(ctx, active ? 'agencies.activated' : 'agencies.deactivated', { code: a.code, name: a.nameVi });
      }
      case 'import':
        return replyT(ctx, hasRole(ctx, ADMIN_ONLY) ? 'agencies.import_how' : 'agencies.import_admin_only');
      default:
        return replyT(ctx, 'agencies.usage');
    }
  });

  c.action(agencyButtons.pattern, async (ctx) => {
    const cb = agencyButtons.decode('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    const edit = (v: { text: string; keyboard: object }) => ctx.editMessageText(v.text, v.keyboard);
    switch (cb?.action) {
      case 'list': {
        await ctx.answerCbQuery();
        return edit(await listPage(ctx, cb.page)).catch(() => undefined);
      }
      case 'open': {
        const view = await detail(ctx, cb.id);
        if (!view) break;
        await ctx.answerCbQuery();
        return edit(view);
      }
      case 'deactivate':
      case 'activate': {
        const a = await ctx.deps.repos.agencies.findById(cb.id);
        if (!a) break;
        const active = cb.action === 'activate';
        if (a.active !== active) {
          await ctx.deps.repos.agencies.setActive(a.id, active);
          ctx.deps.logger.info({
            msg: active ? 'agency-activated' : 'agency-deactivated',
            agencyId: a.id,
            byUserId: ctx.user.id,
          });
        }
        await ctx.answerCbQuery(
          ctx
            .t(active ? 'agencies.activated' : 'agencies.deactivated', { code: a.code, name: a.nameVi })
            .replace(/<[^>]+>/g, ''),
        );
        return edit((await detail(ctx, a.id))!);
      }
    }
    return ctx.answerCbQuery(ctx.t('error.stale_button'));
  });

  // An agency list sent by an admin as a .csv/.xlsx file; other documents go on to later features.
  c.on('document', async (ctx, next) => {
    const doc = ctx.message.document;
    if (ctx.chat.type !== 'private' || !fileKind(doc.file_name ?? '')) return next();
    if (!hasRole(ctx, ADMIN_ONLY)) {
      if (hasRole(ctx, COORDINATION)) return refuse(ctx, 'agencies-import', 'agencies.import_admin_only');
      return next();
    }
    if ((doc.file_size ?? 0) > MAX_IMPORT_BYTES)
      return replyT(ctx, 'agencies.import_file_too_big', { max: MAX_IMPORT_BYTES / 1024 / 1024 });
    const link = await ctx.telegram.getFileLink(doc.file_id);
    const res = await fetch(link);
    if (!res.ok) throw new Error(`file download failed: ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const result = await importAgencies(ctx.deps.repos, bytes, doc.file_name ?? '');
    ctx.deps.logger.info({
      msg: 'agency-import',
      ok: !result.fileError && result.errors.length === 0,
      rows: result.rows.length,
      errors: result.errors.length,
      fileError: result.fileError ?? null,
      byUserId: ctx.user.id,
    });
    await ctx.reply(importReport(ctx, result));
  });
  return c;
}
