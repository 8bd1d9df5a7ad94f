import type { LiaisonContext } from '../context.js';
import { commandOf } from '../access.js';
import { checkText, MULTI_KINDS, parseTyped, SEARCH_KINDS } from './kinds.js';
import { formButtons } from './pickers.js';
import { renderEcho, renderError } from './render.js';
import { answer, back, fieldByKey, type FormState } from './state.js';
import { askCancel, checkContext, FORM_KIND, type EngineCore, type Loaded } from './engine.js';
import { handleFormButton } from './buttons.js';

const HTML = { parse_mode: 'HTML' as const };
/** Commands a form answers while it is open; any other command goes on to its feature. */
const FORM_COMMANDS = new Set(['back', 'skip', 'cancel', 'submit']);
const SEARCH_MAX = 100;

/** Whether `text` is a valid answer to the current question (a typed field, not a picker's search). */
async function fitsCurrentStep(
  engine: EngineCore,
  ctx: LiaisonContext,
  loaded: Loaded,
  text: string,
): Promise<boolean> {
  const { state, spec } = loaded;
  if (!state || !spec || state.step === null) return false;
  const f = fieldByKey(spec, state.step);
  if (!f || SEARCH_KINDS.has(f.kind)) return false;
  const { env } = await engine.env(ctx, spec);
  return parseTyped(f, text, env).ok;
}

/** A typed answer (or search) for the current step. Bad input is answered and changes nothing. */
async function onText(engine: EngineCore, ctx: LiaisonContext, text: string, opts: { resumed?: boolean } = {}) {
  await engine.mutate(ctx, async (loaded) => {
    const { state, spec } = loaded ?? {};
    if (!state || !spec) return { after: () => ctx.reply(ctx.t('forms.none'), HTML) };
    if (state.step === null)
      return { after: () => engine.sendStep(ctx, spec, state, { note: ctx.t('forms.review.use_buttons') }) };
    const f = fieldByKey(spec, state.step)!;
    const { env } = await engine.env(ctx, spec);
    if (SEARCH_KINDS.has(f.kind)) {
      const checked = checkText(text, SEARCH_MAX);
      if (!checked.ok) return { after: () => replyError(engine, ctx, loaded!, renderError(f, checked.error, env)) };
      const draft = MULTI_KINDS.has(f.kind)
        ? (state.picker?.draft ??
          (Array.isArray(state.answers[f.key]) ? (state.answers[f.key] as (string | number)[]) : []))
        : undefined;
      const next: FormState = {
        ...state,
        picker: { page: 0, query: String(checked.value), ...(draft ? { draft } : {}) },
      };
      return { state: next, after: () => engine.sendStep(ctx, spec, next) };
    }
    const parsed = parseTyped(f, text, env);
    if (!parsed.ok) return { after: () => replyError(engine, ctx, loaded!, renderError(f, parsed.error, env)) };
    const problem = f.check ? await f.check(parsed.value, checkContext(ctx)) : null;
    if (problem) return { after: () => replyError(engine, ctx, loaded!, renderError(f, problem, env)) };
    const next = answer(spec, state, f.key, parsed.value);
    const echo = renderEcho(f, next, env);
    const resumed = opts.resumed ? ctx.t('forms.resume.taken', { title: spec.title(ctx.t, state.meta) }) : undefined;
    return {
      state: next,
      after: () => engine.sendStep(ctx, spec, next, { echo: [resumed, echo].filter(Boolean).join('\n') || undefined }),
    };
  });
}

/** The reason and an example, then the same question again. */
async function replyError(engine: EngineCore, ctx: LiaisonContext, loaded: Loaded, error: string) {
  const replyTo = ctx.message?.message_id;
  await ctx.reply(error, {
    ...HTML,
    ...(replyTo ? { reply_parameters: { message_id: replyTo, allow_sending_without_reply: true } } : {}),
  });
  await engine.sendStep(ctx, loaded.spec!, loaded.state!);
}

async function onCommand(engine: EngineCore, ctx: LiaisonContext, command: string, loaded: Loaded) {
  const { state, spec } = loaded;
  if (!state || !spec) return;
  if (command === 'cancel') return askCancel(ctx, state);
  if (command === 'submit') {
    if (state.step !== null) return ctx.reply(ctx.t('forms.submit_not_yet'), HTML);
    return engine.submit(ctx, loaded);
  }
  if (command === 'back') {
    return engine.mutate(ctx, async (l) => {
      if (!l?.state || !l.spec) return {};
      const prev = back(l.spec, l.state);
      if (!prev) return { after: () => ctx.reply(ctx.t('forms.first_step'), HTML) };
      return { state: prev, after: () => engine.sendStep(ctx, l.spec!, prev) };
    });
  }
  // skip
  return engine.mutate(ctx, async (l) => {
    if (!l?.state || !l.spec) return {};
    const s = l.state;
    if (s.step === null) return { after: () => ctx.reply(ctx.t('forms.nothing_to_skip'), HTML) };
    const f = fieldByKey(l.spec, s.step)!;
    if (f.required)
      return {
        after: () =>
          replyError(engine, ctx, l, ctx.t('forms.error', { reason: { html: ctx.t('forms.err.required') } })),
      };
    const next = answer(l.spec, s, f.key, null);
    return { state: next, after: () => engine.sendStep(ctx, l.spec!, next) };
  });
}

/**
 * A message in a private chat: an open form's answer or command is handled here; anything else
 * (another command, another feature's conversation, no form) goes on to `next`.
 */
export async function handleMessage(engine: EngineCore, ctx: LiaisonContext, next: () => Promise<void>) {
  if (!ctx.message || ctx.chat?.type !== 'private' || !ctx.user) return next();
  const command = commandOf(ctx);
  const text = 'text' in ctx.message ? ctx.message.text : undefined;
  if (command && !FORM_COMMANDS.has(command)) return next();
  if (!command && text?.startsWith('/')) return next(); // a command of another bot or a typo: the fallback answers
  const loaded = await engine.load(ctx);
  if (loaded && loaded.rec.kind !== FORM_KIND) return next(); // another feature's conversation
  if (loaded && !loaded.state) {
    // A form this version cannot read (its definition changed): drop it rather than trap the user.
    ctx.deps.logger.warn({ msg: 'form-unreadable-dropped' });
    await ctx.deps.repos.conversations.delete(BigInt(ctx.chat.id), BigInt(ctx.from!.id), loaded.rec.version);
  }
  if (!loaded?.state || !loaded.spec) {
    if (command && command !== 'cancel') return ctx.reply(ctx.t('forms.none'), HTML);
    return next();
  }
  if (loaded.rec.expiresAt <= ctx.deps.now().toJSDate()) {
    await ctx.deps.repos.conversations.delete(BigInt(ctx.chat.id), BigInt(ctx.from!.id), loaded.rec.version);
    return ctx.reply(ctx.t('forms.expired', { title: loaded.spec.title(ctx.t, loaded.state.meta) }), HTML);
  }
  if (loaded.state.u === ctx.update.update_id) {
    // This very message was applied before the process died (handled again after its lease
    // expired): not twice. The user sees where the form stands.
    // Saved again (unchanged) so the next message goes on normally, without a resume offer.
    const { spec, state } = loaded;
    const echo = ctx.t('forms.resume.replayed', { title: spec.title(ctx.t, state.meta) });
    return engine.mutate(ctx, async (l) =>
      l?.rec.version === loaded.rec.version ? { state, after: () => engine.sendStep(ctx, spec, state, { echo }) } : {},
    );
  }
  if (command !== 'cancel' && loaded.rec.updatedAt < engine.bootAt) {
    // First message after a restart. A typed answer that fits the current question is taken
    // (the user is told the form was resumed); anything else gets the offer to continue or discard.
    if (!command && text !== undefined && (await fitsCurrentStep(engine, ctx, loaded, text)))
      return onText(engine, ctx, text, { resumed: true });
    const state = loaded.state;
    return engine.mutate(ctx, async (l) =>
      l?.rec.version === loaded.rec.version
        ? { state, after: () => engine.offerResume(ctx, loaded, 'forms.resume.restart') }
        : {},
    );
  }
  if (command) return onCommand(engine, ctx, command, loaded);
  if (text === undefined) {
    await ctx.reply(ctx.t('forms.err.text_only'), HTML);
    return engine.sendStep(ctx, loaded.spec, loaded.state);
  }
  return onText(engine, ctx, text);
}

/** A press of a form's button (`f:…`): checked against the open form, then handled once. */
export async function handleButton(engine: EngineCore, ctx: LiaisonContext) {
  const data = ctx.callbackQuery && 'data' in ctx.callbackQuery ? ctx.callbackQuery.data : undefined;
  const press = formButtons.decode(data);
  if (!press || !ctx.chat) return ctx.answerCbQuery(ctx.t('error.stale_button'));
  const loaded = await engine.load(ctx);
  if (loaded?.state && loaded.spec && loaded.state.u === ctx.update.update_id) {
    // This press was applied before the process died: not twice; show where the form stands.
    await ctx.answerCbQuery();
    const { spec, state } = loaded;
    const echo = ctx.t('forms.resume.replayed', { title: spec.title(ctx.t, state.meta) });
    return engine.mutate(ctx, async (l) =>
      l?.rec.version === loaded.rec.version ? { state, after: () => engine.sendStep(ctx, spec, state, { echo }) } : {},
    );
  }
  return handleFormButton(engine, ctx, press);
}

/** The callback pattern of the forms' buttons. */
export const FORM_BUTTONS = formButtons.pattern;
