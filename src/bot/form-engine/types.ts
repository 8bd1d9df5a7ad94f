import type { z } from 'zod';
import type { Timing } from '../../domain/timing/index.js';
import type { Locale, MessageKey, Params, Translate } from '../../i18n/index.js';
import type { LiaisonContext } from '../context.js';

export const FIELD_KINDS = [
  'text',
  'longText',
  'number',
  'money',
  'yesNo',
  'choice',
  'multiChoice',
  'agency',
  'agencies',
  'country',
  'countries',
  'timing',
  'date',
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

/** A timing answer keeps what the user typed next to the parsed value. */
export interface TimingAnswer {
  timing: Timing;
  text: string;
}

/**
 * Answers are JSON (they live in the conversation row): text → string, number → number,
 * money → decimal string of đồng, yesNo → boolean, choice/country → string, agency → id,
 * multi kinds → arrays, timing → TimingAnswer, date → `yyyy-mm-dd`. `null` = skipped.
 */
export type AnswerValue = string | number | boolean | string[] | number[] | TimingAnswer;
export type Answers = Record<string, AnswerValue | null>;

/** Extra, non-answer facts a form was started with (who for, which activity…). JSON only. */
export type FormMeta = Record<string, string | number | boolean | null>;

/** An option: a locale key of the button/label, or, for options that are data (a setting, a record), the label itself. */
export type ChoiceOption =
  { value: string; label: MessageKey; text?: undefined } | { value: string; text: string; label?: string };

/** Option lists that are settings, not code: the form offers what the setting holds. */
export type OptionSource = 'purposeCategories';

export interface FieldDef {
  key: string;
  kind: FieldKind;
  /** Locale key of the label (the prompt starts with it). */
  label: MessageKey;
  /** Locale key of a one-line hint under the label. */
  hint?: MessageKey;
  /** Locale key of an example shown with an error (kinds have a default). */
  example?: MessageKey;
  required: boolean;
  /** Asked only when this holds for earlier answers (and the form's meta). */
  when?: (answers: Answers, meta: FormMeta) => boolean;
  /** choice / multiChoice options. */
  options?: ChoiceOption[];
  /** The options come from this setting (read when the form shows the field); `options` are the defaults. */
  optionsFrom?: OptionSource;
  /** text: max length (default 300; longText 2000). number: bounds. */
  max?: number;
  min?: number;
  /** Extra validation of the parsed value; `message` is a locale key. */
  schema?: z.ZodType<unknown>;
  /** A check at the field's own step that needs today or the records (a deadline not past, a reference that exists). */
  check?: (value: AnswerValue, c: CheckContext) => Promise<FieldError | null> | FieldError | null;
  /** text: buttons with likely answers (read when the field is shown); typing stays possible. */
  suggest?: (c: CheckContext) => Promise<ChoiceOption[]>;
  /** agencies picker: leave out the form's lead agency (meta.leadAgencyId). */
  excludeLead?: boolean;
}

export interface RenderEnv {
  t: Translate;
  locale: Locale;
  zone: string;
  agencyName(id: number): string;
  /** Options read from settings, for fields with `optionsFrom` (absent: the field's own options). */
  choices?: Partial<Record<OptionSource, ChoiceOption[]>>;
  /** The current text field's suggested answers (its `suggest`). */
  suggestions?: ChoiceOption[];
}

export type FieldError = { key: MessageKey; params?: Record<string, string | number> };

/** What a field's `check` (and `suggest`) may look at: the local date, and the update's context (the form's own lookups). */
export interface CheckContext {
  today: string;
  ctx: LiaisonContext;
}
export type ParseResult = { ok: true; value: AnswerValue } | { ok: false; error: FieldError };

export type SubmitOutcome =
  | {
      ok: true;
      /** Locale key + params of the confirmation. */ message: MessageKey;
      params?: Params;
      html?: string;
      /** Buttons under the confirmation (e.g. back to the list the form was opened from). */
      keyboard?: import('telegraf/types').InlineKeyboardButton.CallbackButton[][];
    }
  | { ok: false; message: MessageKey; params?: Params; /** keep the form open (true) or drop it */ keep: boolean };

export interface FormDef {
  /** Registry id, stored in the conversation (e.g. `activity.OUTBOUND`, `my.postpone`). */
  id: string;
  /** The form's title (review card heading, resume offer), e.g. "Đăng ký hoạt động: Đoàn ra". */
  title: (t: Translate, meta: FormMeta) => string;
  fields: FieldDef[];
  /** Locale key of the submit button (default: forms.btn.submit). */
  submitLabel?: MessageKey;
  /** Open at the review card when started with answers (edits of an existing record). */
  reviewFirst?: boolean;
}
