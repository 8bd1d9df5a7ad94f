import type { ActivityInput } from '../../../db/repos/activities.js';
import type { FundingSource } from '../../../domain/enums.js';
import { readDetails } from '../../../domain/activity-details.js';
import { formatTiming, timingFromColumns, timingToColumns } from '../../../domain/timing/index.js';
import type { CardActivity } from '../../views/activity-card.js';
import { COLUMN_KEYS, type ActivityFormDef } from './definitions/common.js';
import { ACTIVITY_FORMS } from './definitions/index.js';
import { formatValue } from '../../form-engine/index.js';
import type { Answers, AnswerValue, RenderEnv, TimingAnswer } from '../../form-engine/index.js';

// Answers of an activity form ↔ the Activity record: common fields to columns, the rest to `details`.

const isColumn = (key: string) => (COLUMN_KEYS as readonly string[]).includes(key);
const str = (v: AnswerValue | null | undefined) => (typeof v === 'string' ? v : null);
const list = <T>(v: AnswerValue | null | undefined) => (Array.isArray(v) ? (v as T[]) : []);

export type ActivityFields = Omit<ActivityInput, 'source' | 'sourceRef' | 'status' | 'planId'>;

/** The record's fields from a form's (visible) answers. */
export function answersToActivity(def: ActivityFormDef, answers: Answers, leadAgencyId: number): ActivityFields {
  const lead = typeof answers.leadAgency === 'number' ? answers.leadAgency : leadAgencyId;
  const timing = answers.timing as TimingAnswer | null | undefined;
  const details: Record<string, unknown> = {};
  for (const f of def.fields) {
    const v = answers[f.key];
    if (!isColumn(f.key) && v !== undefined && v !== null) details[f.key] = v;
  }
  return {
    type: def.activityType,
    title: str(answers.title) ?? '',
    leadAgencyId: lead,
    coordinatingAgencyIds: list<number>(answers.coordinators).filter((id) => id !== lead),
    countryCodes: typeof answers.countries === 'string' ? [answers.countries] : list<string>(answers.countries),
    fundingSources: list<FundingSource>(answers.fundings),
    partnerName: str(answers.partnerName),
    place: str(answers.place),
    notes: str(answers.notes),
    recordedPast: answers.recordedPast === true,
    costVnd: typeof answers.cost === 'string' ? BigInt(answers.cost) : null,
    ...(timing
      ? { ...timingToColumns(timing.timing), timingText: timing.text }
      : { timingPrecision: 'TBD', startDate: null, endDate: null, timingLabel: null, timingText: null }),
    details: Object.keys(details).length ? details : null,
  };
}

/** A stored activity as answers of its type's form (to edit it). Missing optional values count as skipped. */
export function activityToAnswers(a: CardActivity): Answers {
  const def = ACTIVITY_FORMS[a.type];
  const details = readDetails(a.type, a.details) as Record<string, AnswerValue>;
  const timing = timingFromColumns(a);
  const columns: Record<string, AnswerValue | null> = {
    title: a.title,
    leadAgency: a.leadAgencyId,
    countries: a.countries.length
      ? def.fields.find((f) => f.key === 'countries')?.kind === 'country'
        ? a.countries[0]!.countryCode
        : a.countries.map((c) => c.countryCode)
      : null,
    partnerName: a.partnerName,
    place: a.place,
    timing: { timing, text: a.timingText ?? formatTiming(timing, 'vi') },
    fundings: a.fundings.length ? a.fundings.map((f) => f.source) : null,
    cost: a.costVnd !== null ? a.costVnd.toString() : null,
    coordinators: a.coordinators.length ? a.coordinators.map((c) => c.agencyId) : null,
    notes: a.notes,
    recordedPast: a.recordedPast ? true : null,
  };
  const out: Answers = {};
  for (const f of def.fields) {
    const v = isColumn(f.key) ? columns[f.key] : (details[f.key] ?? null);
    if (v !== null && v !== undefined) out[f.key] = v;
    else if (!f.required) out[f.key] = null;
  }
  return out;
}

/**
 * Every type-specific row (label, value) of an activity card, in the form's order and with its
 * labels; a detail not known yet (a plan line's) says so instead of being left out.
 */
export function activityDetailRows(
  a: Pick<CardActivity, 'type' | 'details'>,
  env: RenderEnv,
): { label: string; value: string }[] {
  const def = ACTIVITY_FORMS[a.type];
  const details = readDetails(a.type, a.details) as Record<string, AnswerValue | undefined>;
  return def.fields
    .filter((f) => !isColumn(f.key))
    .map((f) => {
      const v = details[f.key];
      return {
        label: env.t(f.label),
        value: v === undefined ? env.t('activity.card.unknown') : formatValue(f, v, env),
      };
    });
}

/** Stable text of a details object (JSON key order differs between databases). */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
    .join(',')}}`;
}
