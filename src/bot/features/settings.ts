import { FlatComposer } from '../composer.js';
import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { LiaisonContext, RegisteredContext } from '../context.js';
import { ADMIN_ONLY, hasRole, refuse } from '../access.js';
import { defineCallbacks, ID, N } from '../keyboards/callbacks.js';
import type { FormEngine } from '../form-engine/index.js';
import { showView, type View } from '../reply.js';
import { ORG_NAMES, SETTINGS_FORMS } from './settings-forms.js';
import { resolveReminderSettings } from '../../domain/reminder-settings.js';
import { resolveReportSettings } from '../../domain/report-settings.js';
import { purposeLabel } from '../../domain/purpose.js';
import { escapeHtml } from '../../domain/format.js';
import { formatSettingValue, SETTING_INPUT, type SettingName } from '../../domain/setting-input.js';

// /settings: coordinators see the reminder and digest settings (docs/product.md#reminders-and-digest) and the public holidays
// that working days skip; admins change them (one form per value) and add or remove holidays.

const settingsButtons = defineCallbacks('st', {
  main: ['m'],
  holidays: ['h', { year: N }],
  edit: ['e', { index: N }],
  org: ['o', { index: N }],
  addHoliday: ['a'],
  removeHoliday: ['d', { id: ID, year: N }],
});
const NAMES = Object.keys(SETTING_INPUT) as SettingName[];
type Button = InlineKeyboardButton.CallbackButton;
const btn = (text: string, data: string): Button => Markup.button.callback(text, data);

async function mainView(ctx: LiaisonContext): Promise<View> {
  const stored = await ctx.deps.repos.settings.all();
  const { settings } = resolveReminderSettings(stored);
  const admin = hasRole(ctx, ADMIN_ONLY);
  const lines = [ctx.t('settings.title'), ''];
  NAMES.forEach((name, i) => {
    const raw = settings[name];
    const value =
      name === 'workingHours' && raw === null
        ? ctx.t('settings.value.working_hours_env', { value: ctx.deps.config.workingHours })
        : SETTING_INPUT[name] === 'bool'
          ? ctx.t(raw ? 'forms.yes' : 'forms.no')
          : formatSettingValue(raw);
    lines.push(ctx.t('settings.line', { n: i + 1, name: ctx.t(`settings.name.${name}`), value }));
  });
  // The body's and division's names are the report settings (domain/report-settings.ts), shown here.
  const org = resolveReportSettings(stored);
  lines.push('', ctx.t('settings.org_title'));
  for (const name of ['bodyName', 'divisionName', 'province'] as const)
    lines.push(
      ctx.t('settings.org_line', {
        name: ctx.t(`settings.org.${name}`),
        value: org[name] ? escapeHtml(org[name]) : ctx.t('activity.card.none'),
      }),
    );
  lines.push(
    ctx.t('settings.org_line', {
      name: ctx.t('settings.org.purposeCategories'),
      value: escapeHtml(
        org.purposeCategories.map((c) => purposeLabel(c.code, org.purposeCategories, ctx.locale)).join('; '),
      ),
    }),
  );
  lines.push(ctx.t(admin ? 'settings.org_hint_admin' : 'settings.org_hint'));
  lines.push('', ctx.t(admin ? 'settings.admin_hint' : 'settings.view_only'));
  const rows: Button[][] = [];
  if (admin) {
    for (let i = 0; i < NAMES.length; i += 5)
      rows.push(
        NAMES.slice(i, i + 5).map((_, j) => btn(`✏️ ${i + j + 1}`, settingsButtons.encode('edit', { index: i + j }))),
      );
    rows.push(
      ORG_NAMES.map((name, i) =>
        btn(`✏️ ${ctx.t(`settings.org.${name}`)}`, settingsButtons.encode('org', { index: i })),
      ),
    );
  }
  rows.push([
    btn(
      ctx.t('settings.btn.holidays'),
      settingsButtons.encode('holidays', { year: ctx.deps.now().setZone(ctx.deps.config.timezone).year }),
    ),
  ]);
  return { text: lines.join('\n'), rows };
}

async function holidaysView(ctx: LiaisonContext, year: number): Promise<View> {
  const all = await ctx.deps.repos.calendar.listHolidays();
  const shown = all
    .filter((h) => h.year === 0 || h.year === year)
    .sort((a, b) => a.month - b.month || a.day - b.day || a.year - b.year);
  const admin = hasRole(ctx, ADMIN_ONLY);
  const pad = (n: number) => String(n).padStart(2, '0');
  const lines = [ctx.t('settings.holidays.title', { year }), ''];
  if (shown.length === 0) lines.push(ctx.t('settings.holidays.none'));
  shown.forEach((h, i) =>
    lines.push(
      ctx.t(h.year === 0 ? 'settings.holidays.line_every_year' : 'settings.holidays.line', {
        n: i + 1,
        date: `${pad(h.day)}/${pad(h.month)}`,
        name: h.name,
      }),
    ),
  );
  lines.push('', ctx.t('settings.holidays.note'));
  const rows: Button[][] = [];
  if (admin) {
    for (let i = 0; i < shown.length; i += 6)
      rows.push(
        shown
          .slice(i, i + 6)
          .map((h, j) => btn(`🗑 ${i + j + 1}`, settingsButtons.encode('removeHoliday', { id: h.id, year }))),
      );
    rows.push([btn(ctx.t('settings.btn.add_holiday'), settingsButtons.encode('addHoliday'))]);
  }
  rows.push([
    btn(`◀ ${year - 1}`, settingsButtons.encode('holidays', { year: year - 1 })),
    btn(`${year + 1} ▶`, settingsButtons.encode('holidays', { year: year + 1 })),
  ]);
  rows.push([btn(ctx.t('settings.btn.back'), settingsButtons.encode('main'))]);
  return { text: lines.join('\n'), rows };
}

export function settingsFeature(forms: FormEngine) {
  const c = new FlatComposer<RegisteredContext>();
  c.command('settings', async (ctx) => showView(ctx, await mainView(ctx)));

  c.action(settingsButtons.pattern, async (ctx) => {
    const cb = settingsButtons.decode('data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined);
    const origin = `st:${ctx.callbackQuery.message?.message_id ?? 0}`;
    const adminOnly = () => {
      if (hasRole(ctx, ADMIN_ONLY)) return true;
      void refuse(ctx, `settings.${cb?.action}`);
      return false;
    };
    switch (cb?.action) {
      case 'main':
        await showView(ctx, await mainView(ctx));
        return ctx.answerCbQuery();
      case 'holidays': {
        const { year } = cb;
        if (year < 2000 || year > 2100) return ctx.answerCbQuery(ctx.t('error.stale_button'));
        await showView(ctx, await holidaysView(ctx, year));
        return ctx.answerCbQuery();
      }
      case 'edit': {
        if (!adminOnly()) return;
        const name = NAMES[cb.index];
        if (!name) return ctx.answerCbQuery(ctx.t('error.stale_button'));
        await forms.start(ctx, SETTINGS_FORMS.value, { meta: { name }, origin });
        return ctx.answerCbQuery();
      }
      case 'org': {
        if (!adminOnly()) return;
        const name = ORG_NAMES[cb.index];
        if (!name) return ctx.answerCbQuery(ctx.t('error.stale_button'));
        await forms.start(ctx, SETTINGS_FORMS.org, { meta: { name }, origin });
        return ctx.answerCbQuery();
      }
      case 'addHoliday':
        if (!adminOnly()) return;
        await forms.start(ctx, SETTINGS_FORMS.holiday, { origin });
        return ctx.answerCbQuery();
      case 'removeHoliday': {
        if (!adminOnly()) return;
        const { id, year } = cb;
        const removed = await ctx.deps.repos.calendar.removeHoliday(id);
        if (removed) ctx.deps.logger.info({ msg: 'holiday-removed', id, userId: ctx.user.id });
        if (year >= 2000 && year <= 2100) await showView(ctx, await holidaysView(ctx, year));
        return ctx.answerCbQuery(ctx.t(removed ? 'settings.holidays.removed' : 'error.stale_button'));
      }
      default:
        return ctx.answerCbQuery(ctx.t('error.stale_button'));
    }
  });
  return c;
}
