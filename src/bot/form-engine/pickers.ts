import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import { countryName, FREQUENT_COUNTRY_CODES, searchCountries } from '../../domain/countries.js';
import { normalizeSearch, truncate } from '../../domain/format.js';
import { defineCallbacks, N, token } from '../keyboards/callbacks.js';
import { pageButtons, pageSlice } from '../keyboards/pagination.js';
import type { FormState } from './state.js';
import type { FieldDef, RenderEnv } from './types.js';
import { optionLabel, optionsOf } from './kinds.js';

// Buttons of the fields answered by pressing: yes/no, choices, agencies (paginated, searchable
// multi-select) and countries (frequent partners first, then search by typing).

/** An open form's id (state.ts newFid). */
const FID = token(/^[a-z0-9]{4,12}$/, 'x'.repeat(12));
/** The step a button belongs to: the field's index, `r` (the review) or `-` (any). */
const STEP = token(/^(\d{1,3}|r|-)$/, '999');
/** A pressed value (an option, a country code, an agency id; `+`/`-` before it to tick/untick): checked against what the field offers. */
const VALUE = token(/^[^:]{1,43}$/, 'x'.repeat(43));
const ANY = ['-'] as const;
const REVIEW = ['r'] as const;

/** The form engine's buttons: `f:<op>:<form id>:<step>[:<arg>]`. */
export const formButtons = defineCallbacks('f', {
  choose: ['c', { fid: FID, step: STEP, value: VALUE }],
  toggle: ['t', { fid: FID, step: STEP, value: VALUE }],
  page: ['p', { fid: FID, step: STEP, page: N }],
  clearSearch: ['q', { fid: FID, step: STEP }],
  done: ['d', { fid: FID, step: STEP }],
  skip: ['s', { fid: FID, step: STEP }],
  back: ['b', { fid: FID, step: STEP }],
  cancel: ['x', { fid: FID, step: STEP }],
  submit: ['ok', { fid: FID, step: REVIEW }],
  edit: ['e', { fid: FID, step: REVIEW, field: N }],
  cancelYes: ['xy', { fid: FID, step: ANY }],
  cancelNo: ['xn', { fid: FID, step: ANY }],
  resume: ['rc', { fid: FID, step: ANY }],
  discard: ['rd', { fid: FID, step: ANY }],
});
export type FormPress = NonNullable<ReturnType<typeof formButtons.decode>>;
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

export function formButton(text: string, data: string): Button {
  return Markup.button.callback(text, data);
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
  return formButton(env.t('forms.btn.done', { count }), formButtons.encode('done', { fid, step: String(step) }));
}

function toggle(label: string, on: boolean, value: string | number, fid: string, step: number): Button {
  return formButton(
    `${on ? '✅' : '▫️'} ${label}`,
    formButtons.encode('toggle', { fid, step: String(step), value: `${on ? '-' : '+'}${value}` }),
  );
}

export function choiceView(f: FieldDef, state: FormState, env: RenderEnv, step: number): PickerView {
  const fid = state.fid;
  if (f.kind === 'yesNo') {
    return {
      lines: [],
      rows: [
        [
          formButton(env.t('forms.yes'), formButtons.encode('choose', { fid, step: String(step), value: '1' })),
          formButton(env.t('forms.no'), formButtons.encode('choose', { fid, step: String(step), value: '0' })),
        ],
      ],
    };
  }
  const options = optionsOf(f, env);
  if (f.kind === 'choice')
    return {
      lines: [],
      rows: pairs(
        options.map((o) =>
          formButton(
            optionLabel(o, env),
            formButtons.encode('choose', { fid, step: String(step), value: String(o.value) }),
          ),
        ),
      ),
    };
  const chosen = selection(f, state);
  const rows = options.map((o) => [toggle(optionLabel(o, env), chosen.includes(o.value), o.value, fid, step)]);
  rows.push([doneButton(env, fid, step, chosen.length)]);
  return { lines: [], rows };
}

/** A text field's suggested answers, as buttons beside typing. */
export function suggestionRows(state: FormState, env: RenderEnv, step: number): Button[][] {
  return pairs(
    (env.suggestions ?? []).map((o) =>
      formButton(
        optionLabel(o, env),
        formButtons.encode('choose', { fid: state.fid, step: String(step), value: String(o.value) }),
      ),
    ),
  );
}

export function countryView(f: FieldDef, state: FormState, env: RenderEnv, step: number): PickerView {
  const fid = state.fid;
  const query = state.picker?.query;
  const codes = query ? searchCountries(query, COUNTRY_RESULTS).map((c) => c.code) : [...FREQUENT_COUNTRY_CODES];
  const lines: string[] = [];
  if (query) lines.push(env.t(codes.length ? 'forms.search.results' : 'forms.search.none', { query }));
  if (f.kind === 'country') {
    const rows = pairs(
      codes.map((c) =>
        formButton(countryName(c, env.locale), formButtons.encode('choose', { fid, step: String(step), value: c })),
      ),
    );
    if (query)
      rows.push([
        formButton(env.t('forms.btn.clear_search'), formButtons.encode('clearSearch', { fid, step: String(step) })),
      ]);
    return { lines, rows };
  }
  const chosen = selection(f, state).map(String);
  const shown = [...chosen.filter((c) => !codes.includes(c)), ...codes];
  const rows = pairs(
    shown.map((c) => toggle(countryName(c, env.locale), chosen.includes(c), c, fid, step)),
    22,
  );
  const last = [doneButton(env, fid, step, chosen.length)];
  if (query)
    last.unshift(
      formButton(env.t('forms.btn.clear_search'), formButtons.encode('clearSearch', { fid, step: String(step) })),
    );
  rows.push(last);
  if (chosen.length)
    lines.unshift(env.t('forms.selected', { list: chosen.map((c) => countryName(c, env.locale)).join(', ') }));
  return { lines, rows };
}

export function agencyView(
  f: FieldDef,
  state: FormState,
  env: RenderEnv,
  step: number,
  all: PickerAgency[],
): PickerView {
  const fid = state.fid;
  const query = state.picker?.query;
  const items = filterAgencies(all, query);
  const { items: slice, ...at } = pageSlice(items, state.picker?.page ?? 0, AGENCY_PAGE_SIZE);
  const lines: string[] = [];
  if (query) lines.push(env.t(items.length ? 'forms.search.results' : 'forms.search.none', { query }));
  const rows: Button[][] = [];
  const multi = f.kind === 'agencies';
  const chosen = multi ? selection(f, state).map(Number) : [];
  for (const a of slice) {
    rows.push([
      multi
        ? toggle(agencyLabel(a, env.locale), chosen.includes(a.id), a.id, fid, step)
        : formButton(
            agencyLabel(a, env.locale),
            formButtons.encode('choose', { fid, step: String(step), value: String(a.id) }),
          ),
    ]);
  }
  const nav = pageButtons(at, (page) => formButtons.encode('page', { fid, step: String(step), page }), {
    prev: '◀️',
    next: '▶️',
    counter: true,
  });
  if (nav.length) rows.push(nav);
  const last: Button[] = [];
  if (query)
    last.push(
      formButton(env.t('forms.btn.clear_search'), formButtons.encode('clearSearch', { fid, step: String(step) })),
    );
  if (multi) last.push(doneButton(env, fid, step, chosen.length));
  if (last.length) rows.push(last);
  if (multi && chosen.length)
    lines.unshift(env.t('forms.selected', { list: chosen.map((id) => env.agencyName(id)).join('; ') }));
  return { lines, rows };
}
