import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { countryName, FREQUENT_COUNTRY_CODES, searchCountries } from '../../domain/countries.js';
import { normalizeSearch, truncate } from '../../domain/format.js';
import { encodeCallback } from '../keyboards/callback-data.js';
import type { FormState } from './state.js';
import type { FieldDef, RenderEnv } from './types.js';
import { optionLabel, optionsOf } from './kinds.js';

// Buttons of the fields answered by pressing: yes/no, choices, agencies (paginated, searchable
// multi-select) and countries (frequent partners first, then search by typing).

export const FORM_CALLBACK = 'f';
export const AGENCY_PAGE_SIZE = 6;
const COUNTRY_RESULTS = 8;

export interface PickerAgency {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
}

export type Button = InlineKeyboardButton.CallbackButton;

export interface PickerView {
  /** Lines under the prompt (selection, search results note). */
  lines: string[];
  rows: Button[][];
}

export function formButton(text: string, op: string, fid: string, step: string | number, arg?: string | number): Button {
  const args: (string | number)[] = [fid, step];
  if (arg !== undefined) args.push(arg);
  return Markup.button.callback(text, encodeCallback(FORM_CALLBACK, op, ...args));
}

function pairs(buttons: Button[], maxLen = 20): Button[][] {
  const rows: Button[][] = [];
  for (const b of buttons) {
    const last = rows.at(-1);
    if (last && last.length === 1 && b.text.length <= maxLen && last[0]!.text.length <= maxLen) last.push(b);
    else rows.push([b]);
  }
  return rows;
}

export function agencyLabel(a: PickerAgency, locale: 'vi' | 'en'): string {
  const name = locale === 'en' && a.nameEn ? a.nameEn : a.nameVi;
  return truncate(`${a.code} · ${name}`, 48);
}

export function filterAgencies(all: PickerAgency[], query: string | undefined): PickerAgency[] {
  if (!query) return all;
  const q = normalizeSearch(query);
  return all.filter((a) => normalizeSearch(`${a.code} ${a.nameVi} ${a.nameEn ?? ''}`).includes(q));
}

/** Values currently chosen in a multi-select (the draft while picking, else the stored answer). */
export function selection(f: FieldDef, state: FormState): (string | number)[] {
  if (state.picker?.draft) return state.picker.draft;
  const v = state.answers[f.key];
  return Array.isArray(v) ? v : [];
}

function doneButton(env: RenderEnv, fid: string, step: number, count: number): Button {
  return formButton(env.t('forms.btn.done', { count }), 'd', fid, step);
}

function toggle(label: string, on: boolean, value: string | number, fid: string, step: number): Button {
  return formButton(`${on ? '✅' : '▫️'} ${label}`, 't', fid, step, `${on ? '-' : '+'}${value}`);
}

export function choiceView(f: FieldDef, state: FormState, env: RenderEnv, step: number): PickerView {
  const fid = state.fid;
  if (f.kind === 'yesNo') {
    return { lines: [], rows: [[formButton(env.t('forms.yes'), 'c', fid, step, '1'), formButton(env.t('forms.no'), 'c', fid, step, '0')]] };
  }
  const options = optionsOf(f, env);
  if (f.kind === 'choice') return { lines: [], rows: pairs(options.map((o) => formButton(optionLabel(o, env), 'c', fid, step, o.value))) };
  const chosen = selection(f, state);
  const rows = options.map((o) => [toggle(optionLabel(o, env), chosen.includes(o.value), o.value, fid, step)]);
  rows.push([doneButton(env, fid, step, chosen.length)]);
  return { lines: [], rows };
}

/** A text field's suggested answers, as buttons beside typing. */
export function suggestionRows(state: FormState, env: RenderEnv, step: number): Button[][] {
  return pairs((env.suggestions ?? []).map((o) => formButton(optionLabel(o, env), 'c', state.fid, step, o.value)));
}

export function countryView(f: FieldDef, state: FormState, env: RenderEnv, step: number): PickerView {
  const fid = state.fid;
  const query = state.picker?.query;
  const codes = query ? searchCountries(query, COUNTRY_RESULTS).map((c) => c.code) : [...FREQUENT_COUNTRY_CODES];
  const lines: string[] = [];
  if (query) lines.push(env.t(codes.length ? 'forms.search.results' : 'forms.search.none', { query }));
  if (f.kind === 'country') {
    const rows = pairs(codes.map((c) => formButton(countryName(c, env.locale), 'c', fid, step, c)));
    if (query) rows.push([formButton(env.t('forms.btn.clear_search'), 'q', fid, step)]);
    return { lines, rows };
  }
  const chosen = selection(f, state).map(String);
  const shown = [...chosen.filter((c) => !codes.includes(c)), ...codes];
  const rows = pairs(shown.map((c) => toggle(countryName(c, env.locale), chosen.includes(c), c, fid, step)), 22);
  const last = [doneButton(env, fid, step, chosen.length)];
  if (query) last.unshift(formButton(env.t('forms.btn.clear_search'), 'q', fid, step));
  rows.push(last);
  if (chosen.length) lines.unshift(env.t('forms.selected', { list: chosen.map((c) => countryName(c, env.locale)).join(', ') }));
  return { lines, rows };
}

export function agencyView(f: FieldDef, state: FormState, env: RenderEnv, step: number, all: PickerAgency[]): PickerView {
  const fid = state.fid;
  const query = state.picker?.query;
  const items = filterAgencies(all, query);
  const pages = Math.max(1, Math.ceil(items.length / AGENCY_PAGE_SIZE));
  const page = Math.min(state.picker?.page ?? 0, pages - 1);
  const slice = items.slice(page * AGENCY_PAGE_SIZE, (page + 1) * AGENCY_PAGE_SIZE);
  const lines: string[] = [];
  if (query) lines.push(env.t(items.length ? 'forms.search.results' : 'forms.search.none', { query }));
  const rows: Button[][] = [];
  const multi = f.kind === 'agencies';
  const chosen = multi ? selection(f, state).map(Number) : [];
  for (const a of slice) {
    rows.push([multi ? toggle(agencyLabel(a, env.locale), chosen.includes(a.id), a.id, fid, step) : formButton(agencyLabel(a, env.locale), 'c', fid, step, a.id)]);
  }
  if (pages > 1) {
    const nav: Button[] = [];
    if (page > 0) nav.push(formButton('◀️', 'p', fid, step, page - 1));
    nav.push(formButton(`${page + 1}/${pages}`, 'p', fid, step, page));
    if (page < pages - 1) nav.push(formButton('▶️', 'p', fid, step, page + 1));
    rows.push(nav);
  }
  const last: Button[] = [];
  if (query) last.push(formButton(env.t('forms.btn.clear_search'), 'q', fid, step));
  if (multi) last.push(doneButton(env, fid, step, chosen.length));
  if (last.length) rows.push(last);
  if (multi && chosen.length) lines.unshift(env.t('forms.selected', { list: chosen.map((id) => env.agencyName(id)).join('; ') }));
  return { lines, rows };
}
