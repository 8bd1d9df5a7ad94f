import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { LiaisonContext } from '../context.js';
import { encodeCallback } from '../keyboards/callback-data.js';
import type { ViewEnv } from '../views/plan-views.js';
import type { CardActivity } from '../views/activity-card.js';

// What the coordinators' and the focal points' sides of /plans share: buttons, views, redraws.

export const F = 'pl';

export type Button = InlineKeyboardButton.CallbackButton;
export type Plan = NonNullable<Awaited<ReturnType<LiaisonContext['deps']['repos']['plans']['findById']>>>;
export type { View } from '../reply.js';

export const btn = (text: string, action: string, ...args: (string | number)[]) => Markup.button.callback(text, encodeCallback(F, action, ...args));

export function viewEnv(ctx: LiaisonContext): ViewEnv {
  return { t: ctx.t, locale: ctx.locale, zone: ctx.deps.config.timezone, now: ctx.deps.now() };
}

export { showView as show } from '../reply.js';

export function toProgress(activities: CardActivity[]) {
  return activities.map((a) => ({ id: a.id, reference: a.reference, title: a.title, status: a.status, leadCode: a.leadAgency.code, timingPrecision: a.timingPrecision, endDate: a.endDate }));
}
