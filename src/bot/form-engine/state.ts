import { z } from 'zod';
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

const timingAnswer = z.object({
  timing: z.object({
    precision: z.string(),
    start: z.string().nullable(),
    end: z.string().nullable(),
    label: z.string().optional(),
  }),
  text: z.string(),
});

/**
 * An answer's value: text, number, yes/no, a list of texts or of numbers, or a timing. Checked by
 * hand before zod's object (every form step parses the stored state; a zod union made an issue for
 * each alternative a value is not).
 */
function isAnswerValue(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return true;
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') || v.every((x) => typeof x === 'number');
  return timingAnswer.safeParse(v).success;
}
const answerValue = z.custom<AnswerValue | null>(isAnswerValue, { message: 'not an answer value' });
const metaValue = z.custom<string | number | boolean | null>(
  (v) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean',
  { message: 'not a text, number, yes/no or nothing' },
);

export const FormStateSchema = z.object({
  v: z.literal(1),
  fid: z.string().regex(/^[a-z0-9]{4,12}$/),
  form: z.string().min(1).max(40),
  meta: z.record(metaValue),
  answers: z.record(answerValue),
  step: z.string().nullable(),
  picker: z
    .object({
      page: z.number().int().min(0),
      query: z.string().max(200).optional(),
      draft: z.array(z.union([z.string(), z.number()])).optional(),
    })
    .optional(),
  origin: z.string().max(64).optional(),
  u: z.number().int().optional(),
}) as unknown as z.ZodType<FormState>;

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
