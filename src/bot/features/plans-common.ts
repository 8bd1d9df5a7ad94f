import { Markup } from 'telegraf';
import type { InlineKeyboardButton } from 'telegraf/types';
import type { LiaisonContext } from '../context.js';
import { encodeCallback } from '../keyboards/callback-data.js';
import { isNotModified } from '../forms/engine.js';
import type { ViewEnv } from '../views/plan-views.js';
import type { CardActivity } from '../views/activity-card.js';

// What the coordinators' and the focal points' sides of /plans share: buttons, views, redraws.

export const F = 'pl';
export const HTML = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };

export type Button = InlineKeyboardButton.CallbackButton;
export type Plan = NonNullable<Awaited<ReturnType<LiaisonContext['deps']['repos']['plans']['findById']>>>;
export interface View {
  text: string;
  rows: Button[][];
}

export const btn = (text: string, action: string, ...args: (string | number)[]) => Markup.button.callback(text, encodeCallback(F, action, ...args));

export function viewEnv(ctx: LiaisonContext): ViewEnv {
  return { t: ctx.t, locale: ctx.locale, zone: ctx.deps.config.timezone, now: ctx.deps.now() };
}

/** Replies with a view, or redraws the pressed message. */
export async function show(ctx: LiaisonContext, view: View) {
  const extra = { ...HTML, reply_markup: { inline_keyboard: view.rows } };
  if (!ctx.callbackQuery) return ctx.reply(view.text, extra);
  try {
    await ctx.editMessageText(view.text, extra);
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}

export function toProgress(activities: CardActivity[]) {
  return activities.map((a) => ({ id: a.id, reference: a.reference, title: a.title, status: a.status, leadCode: a.leadAgency.code, timingPrecision: a.timingPrecision, endDate: a.endDate }));
}
