import { z } from 'zod';
import type { FormSpec } from '../form-engine/index.js';
import type { FieldDef, SubmitOutcome } from '../form-engine/index.js';
import { ADMIN_ONLY, roleAllows } from '../access.js';
import { REMINDER_SETTINGS } from '../../domain/reminder-settings.js';
import { REPORT_SETTINGS } from '../../domain/report-settings.js';
import { refreshOrgNames } from '../../services/org-names.js';
import { isSettingName, parseSettingInput, SETTING_INPUT, type SettingName } from '../../domain/setting-input.js';
import { isUniqueViolation } from '../../db/client.js';

// The questions of /settings, asked by the form engine: a new value for one reminder setting
// (one field per setting, shown only for the setting being edited), and a public holiday.

export const SETTINGS_FORMS = { value: 'settings.value', holiday: 'settings.holiday', org: 'settings.org' } as const;

/** The names an admin changes in /settings (docs/product.md#lifecycle: the body and its division are settings). */
export const ORG_NAMES = ['bodyName', 'divisionName'] as const;
type OrgName = (typeof ORG_NAMES)[number];
const isOrgName = (v: unknown): v is OrgName => ORG_NAMES.includes(v as OrgName);
/** One line: a name is printed in messages and the report's heading. */
const ORG_NAME_MAX = 200;

const refused: SubmitOutcome = { ok: false, message: 'error.not_allowed', keep: false };

function valueField(name: SettingName): FieldDef {
  const kind = SETTING_INPUT[name];
  const check = z.custom((v) => parseSettingInput(name, v as string | boolean).ok, {
    message: `forms.err.setting_${kind}`,
  });
  return {
    key: `v_${name}`,
    kind: kind === 'bool' ? 'yesNo' : kind === 'number' ? 'number' : 'text',
    label: `settings.name.${name}`,
    hint: `settings.hint.${kind}`,
    example: `settings.example.${kind}`,
    required: true,
    ...(kind === 'number' ? { min: 0, max: 366 } : { max: 100 }),
    schema: check,
    when: (_answers, meta) => meta.name === name,
  };
}

function valueSpec(): FormSpec {
  return {
    id: SETTINGS_FORMS.value,
    title: (t, meta) =>
      t('settings.form_title.value', { name: isSettingName(meta.name) ? t(`settings.name.${meta.name}`) : '' }),
    submitLabel: 'settings.btn.save',
    fields: (Object.keys(SETTING_INPUT) as SettingName[]).map(valueField),
    async submit(ctx, answers, meta) {
      if (!roleAllows(ctx.user, ADMIN_ONLY) || !isSettingName(meta.name)) return refused;
      const parsed = parseSettingInput(meta.name, answers[`v_${meta.name}`] as string | boolean);
      if (!parsed.ok) return { ok: false, message: 'settings.err.invalid', keep: true };
      await ctx.deps.repos.settings.set(REMINDER_SETTINGS[meta.name].key, parsed.value);
      ctx.deps.logger.info({ msg: 'setting-changed', key: REMINDER_SETTINGS[meta.name].key, userId: ctx.user.id });
      return { ok: true, message: 'settings.saved', params: { name: ctx.t(`settings.name.${meta.name}`) } };
    },
  };
}

function orgSpec(): FormSpec {
  return {
    id: SETTINGS_FORMS.org,
    title: (t, meta) =>
      t('settings.form_title.value', { name: isOrgName(meta.name) ? t(`settings.org.${meta.name}`) : '' }),
    submitLabel: 'settings.btn.save',
    fields: ORG_NAMES.map((name): FieldDef => ({
      key: `o_${name}`,
      kind: 'text',
      label: `settings.org.${name}`,
      hint: `settings.hint.org.${name}`,
      required: true,
      max: ORG_NAME_MAX,
      schema: z.string().regex(/^[^\n]*$/, { message: 'forms.err.one_line' }),
      when: (_answers, meta) => meta.name === name,
    })),
    async submit(ctx, answers, meta) {
      if (!roleAllows(ctx.user, ADMIN_ONLY) || !isOrgName(meta.name)) return refused;
      const def = REPORT_SETTINGS[meta.name];
      const parsed = def.schema.safeParse(answers[`o_${meta.name}`]);
      if (!parsed.success) return { ok: false, message: 'settings.err.invalid', keep: true };
      await ctx.deps.repos.settings.set(def.key, parsed.data);
      await refreshOrgNames(ctx.deps);
      ctx.deps.logger.info({ msg: 'setting-changed', key: def.key, userId: ctx.user.id });
      return { ok: true, message: 'settings.saved', params: { name: ctx.t(`settings.org.${meta.name}`) } };
    },
  };
}

function holidaySpec(): FormSpec {
  return {
    id: SETTINGS_FORMS.holiday,
    title: (t) => t('settings.form_title.holiday'),
    submitLabel: 'settings.btn.save',
    fields: [
      { key: 'date', kind: 'date', label: 'settings.f.holiday_date', required: true },
      {
        key: 'everyYear',
        kind: 'yesNo',
        label: 'settings.f.holiday_every_year',
        hint: 'settings.hint.holiday_every_year',
        required: true,
      },
      { key: 'name', kind: 'text', label: 'settings.f.holiday_name', required: true, max: 100 },
    ],
    async submit(ctx, answers) {
      if (!roleAllows(ctx.user, ADMIN_ONLY)) return refused;
      const [y, m, d] = String(answers.date).split('-').map(Number) as [number, number, number];
      const year = answers.everyYear === true ? 0 : y;
      try {
        await ctx.deps.repos.calendar.addHoliday({ year, month: m, day: d, name: String(answers.name) });
      } catch (err) {
        if (isUniqueViolation(err)) return { ok: false, message: 'settings.err.holiday_exists', keep: true };
        throw err;
      }
      ctx.deps.logger.info({ msg: 'holiday-added', year, month: m, day: d, userId: ctx.user.id });
      return { ok: true, message: 'settings.holiday_saved' };
    },
  };
}

export function settingsFormSpecs(): FormSpec[] {
  return [valueSpec(), orgSpec(), holidaySpec()];
}
