import { z } from 'zod';
import { parseMoney, formatMoney } from '../../domain/money.js';
import { countryName, isCountryCode } from '../../domain/countries.js';
import { normalizeSearch } from '../../domain/format.js';
import {
  formatTiming,
  parseTiming,
  TimingSchema,
  TIMING_EXAMPLES,
  TIMING_EXAMPLES_EN,
} from '../../domain/timing/index.js';
import type { AnswerValue, ChoiceOption, FieldDef, ParseResult, RenderEnv, TimingAnswer } from './types.js';
import { messageKey, type MessageKey } from '../../i18n/index.js';
import { PURPOSE_CODE } from '../../domain/purpose.js';

// How each kind of field reads a typed answer, shows a stored one, and checks a pre-filled one.
// Pickers (agency, country, choices) are answered with buttons; see pickers.ts.

export const TEXT_MAX = 300;
export const LONG_TEXT_MAX = 2000;
const NUMBER_MAX = 1_000_000;

/** Kinds answered by pressing buttons; typed text is a search (agency, country) or refused. */
export const BUTTON_KINDS = new Set(['yesNo', 'choice', 'multiChoice', 'agency', 'agencies', 'country', 'countries']);
export const SEARCH_KINDS = new Set(['agency', 'agencies', 'country', 'countries']);
export const MULTI_KINDS = new Set(['multiChoice', 'agencies', 'countries']);

const err = (key: MessageKey, params?: Record<string, string | number>): ParseResult => ({
  ok: false,
  error: { key, ...(params ? { params } : {}) },
});

/** Common checks of free text: not empty, not too long, some letters or digits (not emoji only). */
export function checkText(raw: string, max: number): ParseResult {
  const text = raw.replace(/\r\n/g, '\n').trim();
  if (text === '') return err('forms.err.empty');
  if (text.length > max) return err('forms.err.too_long', { max, len: text.length });
  if (!/[\p{L}\p{N}]/u.test(text)) return err('forms.err.no_letters');
  return { ok: true, value: text };
}

function parseNumber(raw: string, f: FieldDef): ParseResult {
  const m = /^\s*(\d{1,7})\s*(?:người|nguoi|người\.|pax|people|persons?|đại biểu|dai bieu|delegates?)?\s*$/iu.exec(raw);
  if (!m) return err('forms.err.number');
  const n = Number(m[1]);
  const min = f.min ?? 0;
  const max = f.max ?? NUMBER_MAX;
  if (!z.number().int().min(min).max(max).safeParse(n).success) return err('forms.err.number_range', { min, max });
  return { ok: true, value: n };
}

function parseYesNo(raw: string): ParseResult {
  const s = normalizeSearch(raw).replace(/[.!]$/, '');
  if (['co', 'c', 'yes', 'y', 'dung', 'can'].includes(s)) return { ok: true, value: true };
  if (['khong', 'k', 'ko', 'no', 'n', 'khong can'].includes(s)) return { ok: true, value: false };
  return err('forms.err.use_buttons');
}

/** What a choice field offers here: its setting's options when it has one, else its own. */
export function optionsOf(f: FieldDef, env?: Pick<RenderEnv, 'choices'>): ChoiceOption[] {
  return (f.optionsFrom && env?.choices?.[f.optionsFrom]) || f.options || [];
}

/** An option whose label is a locale key (checked at compile time, template literals of enums included). */
export const keyOption = (value: string, label: MessageKey): ChoiceOption => ({ value, label });

export function optionLabel(o: ChoiceOption, env: Pick<RenderEnv, 't'>): string {
  return o.text !== undefined ? o.text : env.t(o.label);
}

function parseChoiceText(raw: string, f: FieldDef, env: RenderEnv): ParseResult {
  const s = normalizeSearch(raw);
  const hit = optionsOf(f, env).find((o) => normalizeSearch(optionLabel(o, env)) === s || o.value.toLowerCase() === s);
  return hit ? { ok: true, value: hit.value } : err('forms.err.use_buttons');
}

function parseTimingText(raw: string): ParseResult {
  const r = parseTiming(raw);
  if (!r.ok) return err(`forms.err.timing.${r.error.code}`);
  const value: TimingAnswer = { timing: r.timing, text: raw.trim() };
  return { ok: true, value };
}

function parseDate(raw: string): ParseResult {
  let r = parseTiming(raw);
  // "trước 18/8/2022", also inside a phrase ("phản hồi trước ngày 18/8/2022"): the day is the deadline.
  const before = raw.match(/(?:trước|before)\s.*$/iu);
  if (!r.ok && before) r = parseTiming(before[0]);
  if (!r.ok) return err(`forms.err.timing.${r.error.code}`);
  if (r.timing.precision === 'DEADLINE' && r.timing.end) return { ok: true, value: r.timing.end };
  if (r.timing.precision !== 'DAY' || !r.timing.start) return err('forms.err.date_day');
  return { ok: true, value: r.timing.start };
}

/** Reads a typed answer to a field that is not a search picker. */
export function parseTyped(f: FieldDef, raw: string, env: RenderEnv): ParseResult {
  let r: ParseResult;
  switch (f.kind) {
    case 'text':
    case 'longText':
      r = checkText(raw, f.max ?? (f.kind === 'text' ? TEXT_MAX : LONG_TEXT_MAX));
      break;
    case 'number':
      r = parseNumber(raw, f);
      break;
    case 'money': {
      const m = parseMoney(raw);
      r = m.ok ? { ok: true, value: m.vnd.toString() } : err(`forms.err.money.${m.error.code}`);
      break;
    }
    case 'yesNo':
      r = parseYesNo(raw);
      break;
    case 'choice':
      r = parseChoiceText(raw, f, env);
      break;
    case 'timing':
      r = parseTimingText(raw);
      break;
    case 'date':
      r = parseDate(raw);
      break;
    default:
      r = err('forms.err.use_buttons');
  }
  if (r.ok && f.schema) {
    const checked = f.schema.safeParse(r.value);
    if (!checked.success)
      return err(
        checked.error.issues[0]?.message.startsWith('forms.')
          ? messageKey(checked.error.issues[0].message)
          : 'forms.err.invalid',
      );
  }
  return r;
}

/** Example shown with an error: the field's own, else the kind's. */
export function exampleFor(f: FieldDef, env: RenderEnv): string | null {
  if (f.example) return env.t(f.example);
  switch (f.kind) {
    case 'timing':
      return (env.locale === 'en' ? TIMING_EXAMPLES_EN : TIMING_EXAMPLES).slice(0, 6).join('; ');
    case 'date':
      return env.t('forms.example.date');
    case 'money':
      return env.t('forms.example.money');
    case 'number':
      return env.t('forms.example.number');
    case 'yesNo':
      return env.t('forms.yes') + ' / ' + env.t('forms.no');
    default:
      return null;
  }
}

function isoToDmy(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** A stored answer as plain text (callers escape it for HTML). */
export function formatValue(f: FieldDef, value: AnswerValue | null | undefined, env: RenderEnv): string {
  if (value === null || value === undefined) return env.t('forms.skipped');
  const option = (v: string) => {
    const o = optionsOf(f, env).find((x) => x.value === v);
    return o ? optionLabel(o, env) : v;
  };
  switch (f.kind) {
    case 'money':
      return formatMoney(BigInt(String(value)), env.locale);
    case 'yesNo':
      return env.t(value ? 'forms.yes' : 'forms.no');
    case 'choice':
      return option(String(value));
    case 'multiChoice':
      return (value as string[]).map(option).join(', ');
    case 'agency':
      return env.agencyName(Number(value));
    case 'agencies':
      return (value as number[]).map((id) => env.agencyName(id)).join('; ');
    case 'country':
      return countryName(String(value), env.locale);
    case 'countries':
      return (value as string[]).map((c) => countryName(c, env.locale)).join(', ');
    case 'timing':
      return formatTiming((value as TimingAnswer).timing, env.locale);
    case 'date':
      return isoToDmy(String(value));
    default:
      return String(value);
  }
}

/** Shape check of a stored or pre-filled answer (docs/product.md#plan-documents: forms may start from imported answers). */
export function valueSchema(f: FieldDef): z.ZodType<unknown> {
  const options = (f.options ?? []).map((o) => o.value);
  // Options from a setting may have changed since the answer was given: any well-formed code.
  const option = f.optionsFrom ? z.string().regex(PURPOSE_CODE) : z.string().refine((v) => options.includes(v));
  const country = z.string().refine((c) => isCountryCode(c));
  const id = z.number().int().positive();
  switch (f.kind) {
    case 'text':
    case 'longText':
      return z
        .string()
        .min(1)
        .max(f.max ?? (f.kind === 'text' ? TEXT_MAX : LONG_TEXT_MAX));
    case 'number':
      return z
        .number()
        .int()
        .min(f.min ?? 0)
        .max(f.max ?? NUMBER_MAX);
    case 'money':
      return z.string().regex(/^\d{1,16}$/);
    case 'yesNo':
      return z.boolean();
    case 'choice':
      return option;
    case 'multiChoice':
      return z.array(option);
    case 'agency':
      return id;
    case 'agencies':
      return z.array(id);
    case 'country':
      return country;
    case 'countries':
      return z.array(country);
    case 'timing':
      return z.object({ timing: TimingSchema, text: z.string().max(200) });
    case 'date':
      return z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
  }
}

/** Keeps the pre-filled answers that fit their field; drops the others (they will be asked). */
export function sanitizeAnswers(
  fields: FieldDef[],
  answers: Record<string, unknown>,
): Record<string, AnswerValue | null> {
  const out: Record<string, AnswerValue | null> = {};
  for (const f of fields) {
    const v = answers[f.key];
    if (v === undefined) continue;
    if (v === null) {
      if (!f.required) out[f.key] = null;
      continue;
    }
    if (valueSchema(f).safeParse(v).success) out[f.key] = v as AnswerValue;
  }
  return out;
}
