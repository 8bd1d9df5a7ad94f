import { parseWorkingHours } from './working-days.js';
import { REMINDER_SETTINGS, type ReminderSettings } from './reminder-settings.js';

// How an admin types a new value for a reminder setting (docs/product.md#reminders-and-digest: "changeable in /settings"),
// parsed and checked against the setting's own schema. Pure.

export type SettingName = keyof ReminderSettings;
export type SettingInputKind = 'days' | 'number' | 'time' | 'hours' | 'bool';

export const SETTING_INPUT: Record<SettingName, SettingInputKind> = {
  upcomingDays: 'days',
  outboundLateWorkingDays: 'number',
  outboundWorkingDays: 'days',
  conferencePmDays: 'number',
  conferenceProvinceDays: 'number',
  followUpDays: 'days',
  followUpOverdueEveryDays: 'number',
  planDeadlineDays: 'days',
  reportDays: 'days',
  letterDays: 'days',
  sendTime: 'time',
  workingHours: 'hours',
  weeklyHeadsSummary: 'bool',
  digestUpcomingDays: 'number',
  digestFollowUpDays: 'number',
};

export function isSettingName(v: unknown): v is SettingName {
  return typeof v === 'string' && Object.hasOwn(SETTING_INPUT, v);
}

const NONE = /^(không|khong|none|-)$/i;
const DEFAULT = /^(mặc định|mac dinh|default)$/i;

export type SettingInputResult = { ok: true; value: unknown } | { ok: false };

/** The typed text as the setting's value (null is a value: "back to the default"), checked by the setting's schema. */
export function parseSettingInput(name: SettingName, raw: string | boolean): SettingInputResult {
  const kind = SETTING_INPUT[name];
  let value: unknown;
  if (kind === 'bool') value = raw === true || raw === 'true';
  else {
    const text = String(raw).trim();
    if (kind === 'days') {
      if (NONE.test(text)) value = [];
      else {
        const parts = text.split(/[\s,;]+/).filter(Boolean);
        if (parts.length === 0 || !parts.every((p) => /^\d{1,3}$/.test(p))) return { ok: false };
        value = [...new Set(parts.map(Number))].sort((a, b) => b - a);
      }
    } else if (kind === 'number') {
      if (!/^\d{1,3}$/.test(text)) return { ok: false };
      value = Number(text);
    } else if (kind === 'time') {
      const m = /^(\d{1,2})[:h](\d{2})$/.exec(text);
      if (!m) return { ok: false };
      value = `${m[1]!.padStart(2, '0')}:${m[2]}`;
    } else {
      if (DEFAULT.test(text)) value = null;
      else {
        try {
          parseWorkingHours(text);
        } catch {
          return { ok: false };
        }
        value = text;
      }
    }
  }
  const checked = REMINDER_SETTINGS[name].schema.safeParse(value);
  return checked.success ? { ok: true, value: checked.data } : { ok: false };
}

/** A value as shown to users: `7, 3, 1 ngày`-style lists are joined by the caller's words. */
export function formatSettingValue(value: unknown): string {
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (value === null || value === undefined) return '—';
  return String(value);
}
