import type { AnswerValue, Answers, FieldDef, FormDef, FormMeta } from './types.js';

/**
 * A form in progress, as stored in the conversation row (JSON). Navigation is pure: functions
 * of (definition, state) returning a new state, so the engine can re-apply them after a
 * concurrent write and unit tests need no bot.
 */
export interface FormState {
  v: 1;
  /** Random id of this form instance, carried by its buttons: a press from an older form is refused. */
  fid: string;
  form: string;
  meta: FormMeta;
  answers: Answers;
  /** Key of the field being asked; null = the review card. */
  step: string | null;
  /** Picker of the current step: page, search text, and a multi-select's selection before "done". */
  picker?: { page: number; query?: string; draft?: (string | number)[] };
  /** What started the form (e.g. the menu message pressed), so a double tap starts it once. */
  origin?: string;
  /** The update whose answer was saved last: handled again after a crash, it is not applied twice. */
  u?: number;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isText = (v: unknown, max = Infinity): v is string => typeof v === 'string' && v.length <= max;
const isScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** A timing answer: `{ timing: { precision, start, end, label? }, text }`. */
function isTimingAnswer(v: Obj): boolean {
  const t = v.timing;
  return (
    isText(v.text) &&
    isObject(t) &&
    isText(t.precision) &&
    (t.start === null || isText(t.start)) &&
    (t.end === null || isText(t.end)) &&
    (t.label === undefined || isText(t.label))
  );
}

/** An answer's value: text, number, yes/no, a list of texts or of numbers, or a timing. */
function isAnswerValue(v: unknown): boolean {
  if (isScalar(v)) return true;
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') || v.every((x) => typeof x === 'number');
  return isObject(v) && isTimingAnswer(v);
}

const isRecordOf = (v: unknown, ok: (x: unknown) => boolean): v is Obj => isObject(v) && Object.values(v).every(ok);

function isPicker(v: unknown): v is NonNullable<FormState['picker']> {
  return (
    isObject(v) &&
    isInt(v.page) &&
    v.page >= 0 &&
    (v.query === undefined || isText(v.query, 200)) &&
    (v.draft === undefined ||
      (Array.isArray(v.draft) &&
        v.draft.every((x) => typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x)))))
  );
}

/**
 * The form state of a conversation row, checked field by field (a row written by another version, or
 * by hand, is no form: null), with only the fields a form state has. Every form step reads one: it
 * is checked by hand, without the copies and issue lists a schema library makes.
 */
export function parseFormState(v: unknown): FormState | null {
  if (!isObject(v) || v.v !== 1) return null;
  const { fid, form, meta, answers, step, picker, origin, u } = v;
  if (!isText(fid) || !/^[a-z0-9]{4,12}$/.test(fid)) return null;
  if (!isText(form, 40) || form.length === 0) return null;
  if (!isRecordOf(meta, isScalar) || !isRecordOf(answers, isAnswerValue)) return null;
  if (step !== null && !isText(step)) return null;
  if (picker !== undefined && !isPicker(picker)) return null;
  if (origin !== undefined && !isText(origin, 64)) return null;
  if (u !== undefined && !isInt(u)) return null;
  const state: FormState = { v: 1, fid, form, meta: meta as FormMeta, answers: answers as Answers, step };
  if (picker !== undefined) state.picker = picker;
  if (origin !== undefined) state.origin = origin;
  if (u !== undefined) state.u = u;
  return state;
}

export function newFid(random: () => number = Math.random): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(random() * 36)];
  return s;
}

/** Fields asked for the current answers (conditions on earlier answers and meta). */
export function visibleFields(def: FormDef, answers: Answers, meta: FormMeta): FieldDef[] {
  return def.fields.filter((f) => !f.when || f.when(answers, meta));
}

export function fieldByKey(def: FormDef, key: string): FieldDef | undefined {
  return def.fields.find((f) => f.key === key);
}

export function fieldIndex(def: FormDef, key: string): number {
  return def.fields.findIndex((f) => f.key === key);
}

/** The first visible field not answered (nor skipped) yet, or null when the form is complete. */
export function firstOpen(def: FormDef, answers: Answers, meta: FormMeta): string | null {
  return visibleFields(def, answers, meta).find((f) => !(f.key in answers))?.key ?? null;
}

/** Required visible fields without a value (e.g. a pre-filled form from a document). */
export function missingRequired(def: FormDef, answers: Answers, meta: FormMeta): FieldDef[] {
  return visibleFields(def, answers, meta).filter(
    (f) => f.required && (answers[f.key] === undefined || answers[f.key] === null),
  );
}

/** Position of `key` among the visible fields (1-based) and their number: "(3/9)". */
export function progress(
  def: FormDef,
  state: Pick<FormState, 'answers' | 'meta'>,
  key: string,
): { index: number; total: number } {
  const visible = visibleFields(def, state.answers, state.meta);
  return { index: visible.findIndex((f) => f.key === key) + 1, total: visible.length };
}

/** Answers of visible fields only: what a submit stores (answers of hidden fields are ignored). */
export function effectiveAnswers(def: FormDef, state: Pick<FormState, 'answers' | 'meta'>): Answers {
  const out: Answers = {};
  for (const f of visibleFields(def, state.answers, state.meta)) {
    const v = state.answers[f.key];
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}

export function startState(
  def: FormDef,
  opts: { fid: string; meta?: FormMeta; answers?: Answers; origin?: string },
): FormState {
  const meta = opts.meta ?? {};
  const answers = { ...(opts.answers ?? {}) };
  const open = firstOpen(def, answers, meta);
  const step = def.reviewFirst && opts.answers && missingRequired(def, answers, meta).length === 0 ? null : open;
  return { v: 1, fid: opts.fid, form: def.id, meta, answers, step, ...(opts.origin ? { origin: opts.origin } : {}) };
}

/** Records an answer (null = skipped) and moves on to the next open field, or the review card. */
export function answer(def: FormDef, state: FormState, key: string, value: AnswerValue | null): FormState {
  const answers = { ...state.answers, [key]: value };
  return { ...state, answers, step: firstOpen(def, answers, state.meta), picker: undefined };
}

/** One step back: the visible field before the current one (from the review card: the last one). */
export function back(def: FormDef, state: FormState): FormState | null {
  const visible = visibleFields(def, state.answers, state.meta);
  const at = state.step === null ? visible.length : visible.findIndex((f) => f.key === state.step);
  const prev = visible[at - 1];
  if (!prev) return null;
  return { ...state, step: prev.key, picker: undefined };
}

/** From the review card: ask one field again. */
export function editField(def: FormDef, state: FormState, key: string): FormState | null {
  const f = visibleFields(def, state.answers, state.meta).find((x) => x.key === key);
  if (!f) return null;
  return { ...state, step: f.key, picker: undefined };
}

export function withPicker(state: FormState, picker: NonNullable<FormState['picker']>): FormState {
  return { ...state, picker };
}
