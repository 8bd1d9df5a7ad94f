import { isCountryCode } from '../../domain/countries.js';
import { truncate } from '../../domain/format.js';
import type { LiaisonContext } from '../context.js';
import { sendWithAcks } from '../reply.js';
import { parseId } from '../keyboards/callbacks.js';
import { askCancel, checkContext, type EngineCore, type FormSpec, type Loaded, type Outcome } from './engine.js';
import { formatValue, MULTI_KINDS, optionsOf } from './kinds.js';
import { selection, type FormPress } from './pickers.js';
import { answer, back, editField, fieldIndex, progress, withPicker, type FormState } from './state.js';
import type { AnswerValue, FieldDef, RenderEnv } from './types.js';

type Open = Loaded & { state: FormState; spec: FormSpec };

/** "Label (3/9)\n✓ value": what a pressed question turns into once answered. */
function answeredText(
  ctx: LiaisonContext,
  spec: FormSpec,
  state: FormState,
  f: FieldDef,
  value: AnswerValue | null,
  env: RenderEnv,
): string {
  const { index, total } = progress(spec, state, f.key);
  return [
    ctx.t('forms.prompt.head', { label: ctx.t(f.label), index, total }),
    ctx.t('forms.chosen', { value: truncate(formatValue(f, value, env), 300) }),
  ].join('\n');
}

/** A pressed value, checked against what the field offers here (`offered`: the step's env) — crafted data is refused. */
function pressedValue(
  engine: EngineCore,
  open: Open,
  f: FieldDef,
  raw: string | undefined,
  offered: Awaited<ReturnType<EngineCore['env']>>,
): string | number | boolean | null {
  if (raw === undefined) return null;
  switch (f.kind) {
    case 'yesNo':
      return raw === '1' ? true : raw === '0' ? false : null;
    case 'choice':
    case 'multiChoice':
      return optionsOf(f, offered.env).some((o) => o.value === raw) ? raw : null;
    case 'country':
    case 'countries':
      return isCountryCode(raw) ? raw.toUpperCase() : null;
    case 'agency':
    case 'agencies': {
      const id = parseId(raw);
      if (id === null) return null;
      return engine.agenciesFor(f, open.state, offered.agencies).some((a) => a.id === id) ? id : null;
    }
    default:
      return null;
  }
}

type StepPress = Exclude<
  FormPress,
  { action: 'submit' | 'edit' | 'cancelYes' | 'cancelNo' | 'resume' | 'discard' | 'cancel' }
>;

async function stepOp(engine: EngineCore, ctx: LiaisonContext, open: Open, press: StepPress): Promise<Outcome> {
  const { state, spec } = open;
  const f = spec.fields.find((x) => x.key === state.step)!;
  const stale = { after: () => ctx.answerCbQuery(ctx.t('error.stale_button')) };
  const offered = await engine.env(ctx, spec);
  const { env } = offered;
  const moveOn = (next: FormState, value: AnswerValue | null): Outcome => ({
    state: next,
    // Three calls that wait on none of the others: made together, the next question comes one
    // round trip to Telegram after the press instead of three.
    after: () =>
      sendWithAcks(
        ctx,
        [ctx.answerCbQuery(), engine.closeMessage(ctx, answeredText(ctx, spec, state, f, value, env))],
        engine.sendStep(ctx, spec, next),
      ),
  });
  const redraw = (next: FormState): Outcome => ({
    state: next,
    after: async () => (await ctx.answerCbQuery(), await engine.editStep(ctx, spec, next)),
  });

  switch (press.action) {
    case 'choose': {
      const arg = press.value;
      if (MULTI_KINDS.has(f.kind)) return stale;
      // A suggested answer of a text field: only one the field offers this user now.
      const suggested = f.suggest && (await f.suggest(checkContext(ctx))).some((o) => o.value === arg) ? arg : null;
      const value = f.suggest ? suggested : pressedValue(engine, open, f, arg, offered);
      if (value === null) return stale;
      return moveOn(answer(spec, state, f.key, value), value);
    }
    case 'toggle': {
      const arg = press.value;
      if (!MULTI_KINDS.has(f.kind) || !/^[+-]/.test(arg)) return stale;
      const value = pressedValue(engine, open, f, arg.slice(1), offered);
      if (value === null || typeof value === 'boolean') return stale;
      const current = selection(f, state).filter((v) => v !== value);
      const draft = (arg.startsWith('+') ? [...current, value] : current) as string[] | number[];
      // A country found by typing is usually the one wanted: back to the frequent list with it ticked.
      const { query, ...picker } = state.picker ?? { page: 0 };
      const keepQuery = query !== undefined && !(f.kind === 'countries' && arg.startsWith('+'));
      return redraw(withPicker(state, { ...picker, ...(keepQuery ? { query } : {}), draft }));
    }
    case 'page':
      return redraw(withPicker(state, { ...(state.picker ?? {}), page: press.page }));
    case 'clearSearch': {
      const { query: _q, ...rest } = state.picker ?? { page: 0 };
      return redraw(withPicker(state, { ...rest, page: 0 }));
    }
    case 'done': {
      if (!MULTI_KINDS.has(f.kind)) return stale;
      const chosen = selection(f, state) as string[] | number[];
      if (f.required && chosen.length === 0)
        return { after: () => ctx.answerCbQuery(ctx.t('forms.err.pick_one'), { show_alert: true }) };
      const value = chosen.length ? chosen : null;
      return moveOn(answer(spec, state, f.key, value), value);
    }
    case 'skip': {
      if (f.required) return { after: () => ctx.answerCbQuery(ctx.t('forms.err.required'), { show_alert: true }) };
      return moveOn(answer(spec, state, f.key, null), null);
    }
    case 'back': {
      const prev = back(spec, state);
      if (!prev) return { after: () => ctx.answerCbQuery(ctx.t('forms.first_step')) };
      return {
        state: prev,
        after: async () => (
          await ctx.answerCbQuery(),
          await engine.closeMessage(ctx),
          await engine.sendStep(ctx, spec, prev)
        ),
      };
    }
    default:
      return stale;
  }
}

/** Button presses of a form: `f:<op>:<form id>:<step index | r (review) | - (any)>[:<arg>]`. */
export async function handleFormButton(engine: EngineCore, ctx: LiaisonContext, press: FormPress) {
  const { fid, step: stepArg } = press;
  if (press.action === 'submit') {
    const loaded = await engine.load(ctx);
    if (!loaded?.state || !loaded.spec || loaded.state.fid !== fid) return ctx.answerCbQuery(ctx.t('forms.closed'));
    if (loaded.state.step !== null || stepArg !== 'r') return ctx.answerCbQuery(ctx.t('forms.already'));
    return engine.submit(ctx, loaded);
  }
  await engine.mutate(ctx, async (loaded): Promise<Outcome> => {
    if (!loaded?.state || !loaded.spec || loaded.state.fid !== fid)
      return { after: () => ctx.answerCbQuery(ctx.t('forms.closed')) };
    const open = loaded as Open;
    const { state, spec } = open;
    if (loaded.rec.expiresAt <= ctx.deps.now().toJSDate()) {
      return {
        state: null,
        after: async () => (await ctx.answerCbQuery(ctx.t('forms.closed')), await engine.closeMessage(ctx)),
      };
    }
    const title = spec.title(ctx.t, state.meta);
    switch (press.action) {
      case 'resume':
        return {
          state,
          after: async () => (
            await ctx.answerCbQuery(),
            await engine.closeMessage(ctx),
            await engine.sendStep(ctx, spec, state)
          ),
        };
      case 'discard':
        return {
          state: null,
          after: async () => (
            await ctx.answerCbQuery(),
            await engine.closeMessage(ctx, ctx.t('forms.discarded', { title }))
          ),
        };
      case 'cancel':
        return { after: async () => (await ctx.answerCbQuery(), await askCancel(ctx, state)) };
      case 'cancelYes':
        return {
          state: null,
          after: async () => (
            await ctx.answerCbQuery(),
            await engine.closeMessage(ctx, ctx.t('forms.cancelled', { title }))
          ),
        };
      case 'cancelNo':
        return {
          after: async () => (
            await ctx.answerCbQuery(),
            await engine.closeMessage(ctx, ctx.t('forms.cancel.kept')),
            await engine.sendStep(ctx, spec, state)
          ),
        };
      case 'edit': {
        if (state.step !== null) return { after: () => ctx.answerCbQuery(ctx.t('forms.already')) };
        const f = spec.fields[press.field];
        const next = f ? editField(spec, state, f.key) : null;
        if (!next) return { after: () => ctx.answerCbQuery(ctx.t('error.stale_button')) };
        return {
          state: next,
          after: async () => (
            await ctx.answerCbQuery(),
            await engine.closeMessage(ctx),
            await engine.sendStep(ctx, spec, next)
          ),
        };
      }
      default: {
        if (state.step === null || String(fieldIndex(spec, state.step)) !== stepArg)
          return { after: () => ctx.answerCbQuery(ctx.t('forms.already')) };
        return stepOp(engine, ctx, open, press);
      }
    }
  });
}
