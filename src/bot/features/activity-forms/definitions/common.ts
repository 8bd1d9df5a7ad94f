import type { ActivityType, FundingSource } from '../../../../domain/enums.js';
import { detailKeys, REQUIRED_DETAILS } from '../../../../domain/activity-details.js';
import { messageKey, type MessageKey } from '../../../../i18n/index.js';
import { keyOption } from '../../../form-engine/index.js';
import type { Answers, ChoiceOption, FieldDef, FormDef, FormMeta, TimingAnswer } from '../../../form-engine/index.js';

// Building blocks of the activity forms. Fields whose key is an Activity column (title, countries,
// timing…) are stored there; every other key goes to `details` (type-specific fields).

export const FUNDING_SOURCES: FundingSource[] = [
  'STATE_BUDGET',
  'UNIT_REVENUE',
  'PARTNER',
  'SPONSORSHIP',
  'SELF_FUNDED',
  'OTHER',
];

export const COLUMN_KEYS = [
  'title',
  'leadAgency',
  'countries',
  'partnerName',
  'place',
  'timing',
  'recordedPast',
  'fundings',
  'cost',
  'coordinators',
  'notes',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** Locale key of a type-specific label override: `forms.f.outbound.countries` ("Quốc gia đến"). */
export const typeLabel = (type: ActivityType, key: string) => messageKey(`forms.f.${type.toLowerCase()}.${key}`);

const onBehalf = (_a: Answers, meta: FormMeta) => meta.onBehalf === true;

/** The answered timing ended before the form's day (meta.today, set when the form started). */
export function timingIsPast(answers: Answers, meta: FormMeta): boolean {
  const t = answers.timing as TimingAnswer | null | undefined;
  return typeof meta.today === 'string' && !!t?.timing?.end && t.timing.end < meta.today;
}

/** docs/product.md#lifecycle: a timing already past is confirmed as the record of a past activity (and marked so). */
const pastConfirm: FieldDef = {
  key: 'recordedPast',
  kind: 'yesNo',
  label: 'forms.f.recordedPast',
  hint: 'forms.hint.recordedPast',
  required: true,
  when: timingIsPast,
};

export function options(key: string, values: string[]): ChoiceOption[] {
  return values.map((value) => ({ value, label: messageKey(`forms.opt.${key}.${value}`) }));
}

type Opts = Partial<Pick<FieldDef, 'label' | 'hint' | 'example' | 'when' | 'max' | 'min' | 'schema' | 'optionsFrom'>>;

/** A field's label: the definition's own, else `forms.f.<key>` (checked). */
const fieldLabel = (key: string, o: Opts) => o.label ?? messageKey(`forms.f.${key}`);

export const field = {
  title: (hint?: MessageKey): FieldDef => ({
    key: 'title',
    kind: 'text',
    label: 'activity.field.title',
    required: true,
    max: 500,
    ...(hint ? { hint } : {}),
  }),
  /** Asked only when a coordinator registers on behalf of an agency (meta.onBehalf). */
  leadAgency: (): FieldDef => ({
    key: 'leadAgency',
    kind: 'agency',
    label: 'activity.field.leadAgency',
    required: true,
    when: onBehalf,
  }),
  countries: (required: boolean, o: Opts = {}): FieldDef => ({
    key: 'countries',
    kind: 'countries',
    label: 'activity.field.countries',
    required,
    ...o,
  }),
  partnerName: (required: boolean, o: Opts = {}): FieldDef => ({
    key: 'partnerName',
    kind: 'text',
    label: 'activity.field.partnerName',
    required,
    ...o,
  }),
  place: (o: Opts = {}): FieldDef => ({
    key: 'place',
    kind: 'text',
    label: 'activity.field.place',
    required: false,
    ...o,
  }),
  timing: (o: Opts = {}): FieldDef => ({
    key: 'timing',
    kind: 'timing',
    label: 'activity.field.timing',
    required: true,
    hint: 'forms.hint.timing',
    ...o,
  }),
  fundings: (required: boolean): FieldDef => ({
    key: 'fundings',
    kind: 'multiChoice',
    label: 'activity.field.fundings',
    required,
    options: FUNDING_SOURCES.map((s) => keyOption(s, `activity.funding.${s}`)),
  }),
  cost: (): FieldDef => ({
    key: 'cost',
    kind: 'money',
    label: 'activity.field.cost',
    required: false,
    hint: 'forms.hint.cost',
  }),
  coordinators: (): FieldDef => ({
    key: 'coordinators',
    kind: 'agencies',
    label: 'activity.field.coordinators',
    required: false,
    excludeLead: true,
  }),
  notes: (): FieldDef => ({ key: 'notes', kind: 'longText', label: 'activity.field.notes', required: false }),

  text: (key: string, required: boolean, o: Opts = {}): FieldDef => ({
    key,
    kind: 'text',
    label: fieldLabel(key, o),
    required,
    ...o,
  }),
  longText: (key: string, required: boolean, o: Opts = {}): FieldDef => ({
    key,
    kind: 'longText',
    label: fieldLabel(key, o),
    required,
    ...o,
  }),
  number: (key: string, required: boolean, min: number, max: number, o: Opts = {}): FieldDef => ({
    key,
    kind: 'number',
    label: fieldLabel(key, o),
    required,
    min,
    max,
    ...o,
  }),
  yesNo: (key: string, o: Opts = {}): FieldDef => ({
    key,
    kind: 'yesNo',
    label: fieldLabel(key, o),
    required: true,
    ...o,
  }),
  choice: (key: string, values: string[], o: Opts = {}): FieldDef => ({
    key,
    kind: 'choice',
    label: fieldLabel(key, o),
    required: true,
    options: options(key, values),
    ...o,
  }),
  agency: (key: string, required: boolean, o: Opts = {}): FieldDef => ({
    key,
    kind: 'agency',
    label: fieldLabel(key, o),
    required,
    ...o,
  }),
  date: (key: string, required: boolean, o: Opts = {}): FieldDef => ({
    key,
    kind: 'date',
    label: fieldLabel(key, o),
    required,
    ...o,
  }),
};

export interface ActivityFormDef extends FormDef {
  activityType: ActivityType;
}

/** The registration form of one activity type: its fields in the order they are asked. */
export function activityForm(type: ActivityType, fields: FieldDef[]): ActivityFormDef {
  const keys = new Set<string>();
  for (const f of fields) {
    if (keys.has(f.key)) throw new Error(`form ${type}: field ${f.key} twice`);
    keys.add(f.key);
    // Type-specific fields are the details' schema's (domain/activity-details.ts), required alike.
    if ((COLUMN_KEYS as readonly string[]).includes(f.key)) continue;
    if (!detailKeys(type).includes(f.key)) throw new Error(`form ${type}: field ${f.key} is not in the details schema`);
    const required = (REQUIRED_DETAILS[type] as readonly string[]).includes(f.key);
    if (required !== (f.required && !f.when))
      throw new Error(`form ${type}: field ${f.key} required=${f.required} differs from the details schema`);
  }
  return {
    id: `activity.${type}`,
    activityType: type,
    title: (t, meta) =>
      typeof meta.reference === 'string'
        ? t('forms.title.edit', { reference: meta.reference, type: t(`activity.type.${type}`) })
        : t('forms.title.new', { type: t(`activity.type.${type}`) }),
    // Right after the timing: the confirmation of a past activity.
    fields: fields.flatMap((f) => (f.key === 'timing' ? [f, pastConfirm] : [f])),
  };
}
