import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { LiaisonContext } from '../context.js';
import { defineCallbacks, ID, type Decoded } from '../keyboards/callbacks.js';
import { ACTIVITY_TYPES } from '../../domain/enums.js';
import type { ViewEnv } from '../views/plan-views.js';
import type { CardActivity } from '../views/activity-card.js';

// What the coordinators' and the focal points' sides of /plans share: buttons, views, redraws.

/** A programme activity's status buttons: the action and its code on the wire. */
export const STATUS_CODES = { start: 'st', markDone: 'dn' } as const;
const plan = { planId: ID } as const;

/** /plans' buttons: the coordinators' (opening, recipients, closing) and the focal points' (answering, registering). */
export const planButtons = defineCallbacks('pl', {
  list: ['l'],
  closedList: ['cl'],
  newRequest: ['nr'],
  newProgramme: ['np'],
  view: ['v', plan],
  // The coordinators'
  extend: ['x', plan],
  close: ['c', plan],
  closeYes: ['cy', plan],
  recipients: ['ar', plan],
  addRecipient: ['ar1', { planId: ID, agencyId: ID }],
  addAllRecipients: ['ara', plan],
  addActivity: ['a', plan],
  upload: ['u', plan],
  followUp: ['f', plan],
  // The focal points'
  status: ['s', { activityId: ID, code: Object.values(STATUS_CODES) }],
  sendDocument: ['pdoc', plan],
  planLine: ['pline', plan],
  attachList: ['att', plan],
  attach: ['at', { planId: ID, activityId: ID }],
  register: ['t', plan],
  newOfType: ['nt', { planId: ID, type: ACTIVITY_TYPES }],
  confirm: ['ok', plan],
  nil: ['nil', plan],
  nilYes: ['nily', plan],
  reopen: ['ro', plan],
});
export type PlanPress = Decoded<typeof planButtons.actions>;
/** The code of a press on the wire (for origins and logs, as before the typed callbacks). */
export const codeOf = (press: PlanPress) => planButtons.actions[press.action][0];

export type Button = InlineKeyboardButton.CallbackButton;
export type Plan = NonNullable<Awaited<ReturnType<LiaisonContext['deps']['repos']['plans']['findById']>>>;
export type { View } from '../reply.js';

export const btn = (text: string, data: string) => Markup.button.callback(text, data);
export const pl = planButtons.encode;

export function viewEnv(ctx: LiaisonContext): ViewEnv {
  return { t: ctx.t, locale: ctx.locale, zone: ctx.deps.config.timezone, now: ctx.deps.now() };
}

export { showView as show } from '../reply.js';

export function toProgress(activities: CardActivity[]) {
  return activities.map((a) => ({
    id: a.id,
    reference: a.reference,
    title: a.title,
    status: a.status,
    leadCode: a.leadAgency.code,
    timingPrecision: a.timingPrecision,
    endDate: a.endDate,
  }));
}
