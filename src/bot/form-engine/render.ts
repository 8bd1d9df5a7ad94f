import { escapeHtml, truncate, TELEGRAM_MAX_MESSAGE } from '../../domain/format.js';
import { BUTTON_KINDS, exampleFor, formatValue, MULTI_KINDS } from './kinds.js';
import {
  agencyView,
  choiceView,
  countryView,
  formButton,
  formButtons,
  suggestionRows,
  type Button,
  type PickerAgency,
} from './pickers.js';
import { fieldIndex, progress, visibleFields, type FormState } from './state.js';
import type { FieldDef, FieldError, FormDef, RenderEnv } from './types.js';

export interface Rendered {
  text: string;
  rows: Button[][];
}

const REVIEW_VALUE_MAX = 160;

function pickerView(f: FieldDef, state: FormState, env: RenderEnv, agencies: PickerAgency[], step: number) {
  if (f.kind === 'agency' || f.kind === 'agencies') return agencyView(f, state, env, step, agencies);
  if (f.kind === 'country' || f.kind === 'countries') return countryView(f, state, env, step);
  return choiceView(f, state, env, step);
}

/** The question for the current step: label and progress first, as docs/product.md#forms requires. */
export function renderPrompt(
  def: FormDef,
  state: FormState,
  env: RenderEnv,
  agencies: PickerAgency[],
  echo?: string,
): Rendered {
  const f = def.fields.find((x) => x.key === state.step);
  if (!f) throw new Error(`form ${def.id}: no field ${String(state.step)}`);
  const { index, total } = progress(def, state, f.key);
  const lines = [env.t('forms.prompt.head', { label: env.t(f.label), index, total })];
  lines.push(env.t(`forms.how.${f.kind}`));
  if (f.hint) lines.push(`<i>${env.t(f.hint)}</i>`);
  if (!f.required)
    lines.push(env.t(BUTTON_KINDS.has(f.kind) && MULTI_KINDS.has(f.kind) ? 'forms.optional_multi' : 'forms.optional'));
  const current = state.answers[f.key];
  if (current !== undefined && current !== null && !MULTI_KINDS.has(f.kind)) {
    lines.push(env.t('forms.current', { value: truncate(formatValue(f, current, env), REVIEW_VALUE_MAX) }));
  }
  const step = fieldIndex(def, f.key);
  const rows: Button[][] = [];
  if (BUTTON_KINDS.has(f.kind)) {
    const view = pickerView(f, state, env, agencies, step);
    lines.push(...view.lines);
    rows.push(...view.rows);
  } else if (env.suggestions?.length) rows.push(...suggestionRows(state, env, step));
  if (echo) lines.push('', echo);
  const nav: Button[] = [];
  if (index > 1)
    nav.push(formButton(env.t('forms.btn.back'), formButtons.encode('back', { fid: state.fid, step: String(step) })));
  if (!f.required)
    nav.push(formButton(env.t('forms.btn.skip'), formButtons.encode('skip', { fid: state.fid, step: String(step) })));
  nav.push(formButton(env.t('forms.btn.cancel'), formButtons.encode('cancel', { fid: state.fid, step: String(step) })));
  rows.push(nav);
  return { text: lines.join('\n'), rows };
}

/** "✓ Label: value" under the next question, so the user sees how an answer was read. */
export function renderEcho(f: FieldDef, state: FormState, env: RenderEnv): string | undefined {
  const v = state.answers[f.key];
  if (v === undefined) return undefined;
  return env.t('forms.echo', { label: env.t(f.label), value: truncate(formatValue(f, v, env), REVIEW_VALUE_MAX) });
}

export function renderError(f: FieldDef, error: FieldError, env: RenderEnv): string {
  const lines = [env.t('forms.error', { reason: { html: env.t(error.key, error.params) } })];
  const example = exampleFor(f, env);
  if (example && error.key !== 'forms.err.use_buttons') lines.push(env.t('forms.example', { example }));
  return lines.join('\n');
}

/** The last step: every answer, and buttons to submit, edit any field, or cancel. */
export function renderReview(def: FormDef, state: FormState, env: RenderEnv, note?: string): Rendered {
  const fields = visibleFields(def, state.answers, state.meta);
  const build = (max: number) => {
    const lines = [`<b>${escapeHtml(def.title(env.t, state.meta))}</b>`, env.t('forms.review.head'), ''];
    fields.forEach((f, i) => {
      const value = truncate(formatValue(f, state.answers[f.key], env), max);
      lines.push(env.t('forms.review.line', { n: i + 1, label: env.t(f.label), value }));
    });
    lines.push('', env.t('forms.review.footer'));
    if (note) lines.push('', note);
    return lines.join('\n');
  };
  let text = build(REVIEW_VALUE_MAX);
  for (let max = 80; text.length > TELEGRAM_MAX_MESSAGE - 100 && max >= 20; max -= 20) text = build(max);
  const rows: Button[][] = [
    [
      formButton(
        env.t(def.submitLabel ?? 'forms.btn.submit'),
        formButtons.encode('submit', { fid: state.fid, step: 'r' }),
      ),
    ],
  ];
  const edits = fields.map((f) =>
    formButton(
      `✏️ ${truncate(env.t(f.label), 26)}`,
      formButtons.encode('edit', { fid: state.fid, step: 'r', field: fieldIndex(def, f.key) }),
    ),
  );
  for (let i = 0; i < edits.length; i += 2) rows.push(edits.slice(i, i + 2));
  rows.push([formButton(env.t('forms.btn.cancel'), formButtons.encode('cancel', { fid: state.fid, step: 'r' }))]);
  return { text, rows };
}
