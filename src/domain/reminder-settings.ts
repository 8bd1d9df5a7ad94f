/**
 * Reminder and digest defaults (docs/product.md#reminders-and-digest), each stored under its own key in the `Setting` table when
 * an admin changes it (a `/settings` screen lists `REMINDER_SETTINGS`). Pure: callers pass what
 * the table holds; a missing or invalid value falls back to the default and is reported.
 */
import { z } from 'zod';
import { parseWorkingHours } from './working-days.js';

const days = z.array(z.number().int().min(0).max(366)).max(20);
const positiveDays = z.number().int().min(1).max(366);
const timeOfDay = z.string().regex(/^([01]?\d|2[0-3])[:h]([0-5]\d)$/, 'HH:MM');
const workingHours = z.string().refine((v) => {
  try {
    parseWorkingHours(v);
    return true;
  } catch {
    return false;
  }
}, 'e.g. "07:30-17:30 Mon-Fri" or "always"');

/** Every setting: its key in the Setting table, schema and default. Day offsets are calendar days unless named WorkingDays. */
export const REMINDER_SETTINGS = {
  upcomingDays: { key: 'reminders.upcomingDays', schema: days, default: [7, 3, 1] },
  outboundLateWorkingDays: { key: 'reminders.outboundLateWorkingDays', schema: positiveDays, default: 15 },
  outboundWorkingDays: { key: 'reminders.outboundWorkingDays', schema: days, default: [20, 15] },
  conferencePmDays: { key: 'reminders.conferencePmDays', schema: positiveDays, default: 40 },
  conferenceProvinceDays: { key: 'reminders.conferenceProvinceDays', schema: positiveDays, default: 30 },
  followUpDays: { key: 'reminders.followUpDays', schema: days, default: [3, 1, 0] },
  followUpOverdueEveryDays: { key: 'reminders.followUpOverdueEveryDays', schema: positiveDays, default: 2 },
  planDeadlineDays: { key: 'reminders.planDeadlineDays', schema: days, default: [7, 3, 1] },
  /** Days after the end date: the first is "when the activity ends" (the morning after). */
  reportDays: { key: 'reminders.reportDays', schema: days, default: [1, 10, 15] },
  letterDays: { key: 'reminders.letterDays', schema: days, default: [15, 5] },
  /** Local time of day at which day-based reminders fall due (then moved into working hours). */
  sendTime: { key: 'reminders.sendTime', schema: timeOfDay, default: '07:30' },
  /** Overrides WORKING_HOURS when set. */
  workingHours: { key: 'reminders.workingHours', schema: workingHours.nullable(), default: null as string | null },
  weeklyHeadsSummary: { key: 'digest.weeklyHeads', schema: z.boolean(), default: true },
  digestUpcomingDays: { key: 'digest.upcomingDays', schema: positiveDays, default: 7 },
  digestFollowUpDays: { key: 'digest.followUpDays', schema: z.number().int().min(0).max(60), default: 3 },
} as const satisfies Record<keyof ReminderSettings, { key: string; schema: z.ZodTypeAny; default: unknown }>;

export interface ReminderSettings {
  upcomingDays: number[];
  outboundLateWorkingDays: number;
  outboundWorkingDays: number[];
  conferencePmDays: number;
  conferenceProvinceDays: number;
  followUpDays: number[];
  followUpOverdueEveryDays: number;
  planDeadlineDays: number[];
  reportDays: number[];
  letterDays: number[];
  sendTime: string;
  workingHours: string | null;
  weeklyHeadsSummary: boolean;
  digestUpcomingDays: number;
  digestFollowUpDays: number;
}

export const DEFAULT_REMINDER_SETTINGS: ReminderSettings = Object.fromEntries(
  Object.entries(REMINDER_SETTINGS).map(([name, def]) => [
    name,
    Array.isArray(def.default) ? [...def.default] : def.default,
  ]),
) as unknown as ReminderSettings;

/** Settings from the stored key/value pairs; `invalid` names the keys that held a bad value. */
export function resolveReminderSettings(stored: Record<string, unknown>): {
  settings: ReminderSettings;
  invalid: string[];
} {
  const settings = { ...DEFAULT_REMINDER_SETTINGS } as Record<string, unknown>;
  const invalid: string[] = [];
  for (const [name, def] of Object.entries(REMINDER_SETTINGS)) {
    if (!(def.key in stored)) continue;
    const parsed = (def.schema as z.ZodTypeAny).safeParse(stored[def.key]);
    if (parsed.success) settings[name] = parsed.data;
    else invalid.push(def.key);
  }
  return { settings: settings as unknown as ReminderSettings, invalid };
}

/** `"07:30"` → { hour: 7, minute: 30 }. */
export function parseSendTime(v: string): { hour: number; minute: number } {
  const m = /^(\d{1,2})[:h](\d{2})$/.exec(v);
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : { hour: 7, minute: 30 };
}
