/**
 * The type-specific details of an activity (docs/product.md#activities), one zod schema per type: the only
 * place their keys are named. The forms (bot/features/activity-forms/definitions) are checked against it when built,
 * and the card, history, reports, reminders and the demo data read details through readDetails, so a
 * key can no longer drift between who writes it and who reads it. Pure.
 */
import { z } from 'zod';
import type { ActivityType } from './enums.js';
import { PURPOSE_CODE } from './purpose.js';
import { defineCallbacks, ID } from './callbacks.js';

/**
 * The "complete the details" button of a lead-time reminder: built by jobs/render-notification.ts,
 * answered by the bot's plan-details feature.
 */
export const detailsButtons = defineCallbacks('dt', { complete: ['c', { id: ID }] });

const text = z.string().trim().min(1);
const count = z.number().int().min(0);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const agencyId = z.number().int().positive();

export const DETAIL_SCHEMAS = {
  OUTBOUND: z.object({
    headName: text,
    headPosition: text,
    members: count,
    composition: text,
    purpose: text,
    purposeCategory: z.string().regex(PURPOSE_CODE),
    /** Whether the Provincial Party Standing Committee must be consulted. */
    partyOpinion: z.boolean(),
  }),
  INBOUND: z.object({
    headName: text,
    headPosition: text,
    members: count,
    hostAgency: agencyId,
    receivingLeader: text,
    programme: text,
    purposeCategory: z.string().regex(PURPOSE_CODE),
    payer: z.enum(['HOST', 'PARTNER', 'SHARED']),
  }),
  LETTER: z.object({
    occasion: z.enum(['ANNIVERSARY', 'NATIONAL_DAY', 'NEW_YEAR', 'OTHER']),
    sender: text,
    recipient: text,
    sentDate: isoDate,
    // Set when the letter was proposed from the anniversaries calendar (not asked by the form).
    anniversaryKey: text,
    anniversaryDate: isoDate,
    years: count,
  }),
  CONFERENCE: z.object({
    format: z.enum(['IN_PERSON', 'ONLINE', 'HYBRID']),
    vnDelegates: count,
    foreignDelegates: count,
    /** Who approves it; decides the dossier's lead time (docs/product.md#reminders-and-digest). */
    authority: z.enum(['PRIME_MINISTER', 'PROVINCIAL_CHAIR']),
  }),
  ONLINE_TALK: z.object({ replyDeadline: isoDate }),
  AGREEMENT: z.object({ parties: text, field: text, term: text }),
  EXCHANGE: z.object({ level: z.enum(['PROVINCE', 'COMMUNE', 'VILLAGE']), organisation: text, participants: count }),
  MEDIA: z.object({ channel: text }),
  AWARD: z.object({ direction: z.enum(['GIVEN', 'RECEIVED']), recipient: text, award: text }),
  OTHER: z.object({}),
} as const satisfies Record<ActivityType, z.AnyZodObject>;

export type DetailsOf<T extends ActivityType> = Partial<z.infer<(typeof DETAIL_SCHEMAS)[T]>>;
export type AnyDetails = { [T in ActivityType]: DetailsOf<T> }[ActivityType];

/**
 * The details a type needs before it is complete (what the registration form requires; a plan line
 * lacks them until the lead-time reminder's form asks). Fields a form asks only under a condition
 * (none today) would not be listed here.
 */
export const REQUIRED_DETAILS: { [T in ActivityType]: readonly (keyof z.infer<(typeof DETAIL_SCHEMAS)[T]>)[] } = {
  OUTBOUND: ['headName', 'headPosition', 'members', 'purpose', 'purposeCategory', 'partyOpinion'],
  INBOUND: ['headName', 'headPosition', 'members', 'programme', 'purposeCategory', 'payer'],
  LETTER: ['occasion', 'sender', 'recipient'],
  CONFERENCE: ['format', 'vnDelegates', 'foreignDelegates', 'authority'],
  ONLINE_TALK: [],
  AGREEMENT: ['parties', 'field'],
  EXCHANGE: ['level', 'organisation'],
  MEDIA: ['channel'],
  AWARD: ['direction', 'recipient', 'award'],
  OTHER: [],
};

/** The keys a type's details may hold, in the schema's order. */
export function detailKeys(type: ActivityType): string[] {
  return Object.keys(DETAIL_SCHEMAS[type].shape);
}

/**
 * The stored details of an activity, typed: each known key whose value fits its schema (a value that
 * does not fit, or a key the type does not have, is left out rather than shown wrong).
 */
export function readDetails<T extends ActivityType>(type: T, json: unknown): DetailsOf<T> {
  const src = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const shape = DETAIL_SCHEMAS[type].shape as Record<string, z.ZodTypeAny>;
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    if (src[key] === undefined || src[key] === null) continue;
    const r = schema.safeParse(src[key]);
    if (r.success) out[key] = r.data;
  }
  return out;
}

/** The type's required details the activity has no (valid) value for, in the schema's order. */
export function missingDetails(type: ActivityType, json: unknown): string[] {
  const d = readDetails(type, json) as Record<string, unknown>;
  const required = REQUIRED_DETAILS[type] as readonly string[];
  return detailKeys(type).filter((k) => required.includes(k) && d[k] === undefined);
}

/** Who approves a conference: the Prime Minister's dossier needs the longer lead time (docs/product.md#reminders-and-digest). */
export function conferenceAuthority(json: unknown): 'PM' | 'PROVINCE' {
  return readDetails('CONFERENCE', json).authority === 'PRIME_MINISTER' ? 'PM' : 'PROVINCE';
}
