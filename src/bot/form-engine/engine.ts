import { isBusyError } from '../../db/client.js';
import {
  FormClaimedError,
  StaleConversationError,
  type ConversationRecord,
  type FormClaim,
} from '../../db/repos/conversations.js';
import type { LiaisonContext } from '../context.js';
import { sanitizeAnswers } from './kinds.js';
import { formButton, formButtons, type Button, type PickerAgency } from './pickers.js';
import { renderPrompt, renderReview, type Rendered } from './render.js';
import {
  effectiveAnswers,
  parseFormState,
  missingRequired,
  newFid,
  progress,
  startState,
  type FormState,
} from './state.js';
import type { Answers, CheckContext, FieldDef, FormDef, FormMeta, RenderEnv, SubmitOutcome } from './types.js';
import { settingOptions } from '../../domain/report-settings.js';

/** The conversation kind of forms (other features may keep other kinds in the same row). */
export const FORM_KIND = 'form';
/** Idle forms are kept this long (docs/product.md#forms). */
export const FORM_TTL_DAYS = 7;

export interface FormSpec extends FormDef {
  /**
   * Stores the answers (of visible fields only). Runs once per form: the submit is claimed first —
   * or, with `claimsInSubmit`, `claim` runs first in the unit of work that stores the answers, so
   * that the form is gone exactly when they are stored (a crash between the two loses nothing).
   */
  submit(ctx: LiaisonContext, answers: Answers, meta: FormMeta, claim?: FormClaim): Promise<SubmitOutcome>;
  /** `submit` stores with `claim` (an outcome `ok` means it was committed with the answers). */
  claimsInSubmit?: boolean;
}

export interface Loaded {
  rec: ConversationRecord<unknown>;
  /** Null when the row is another feature's conversation, or a form this version cannot read. */
  state: FormState | null;
  spec: FormSpec | null;
}

/** What a handler decided: the new state (null: drop the form; undefined: unchanged), then what to send. */
export interface Outcome {
  state?: FormState | null;
  after?: () => Promise<unknown>;
}

export interface StartOptions {
  answers?: Record<string, unknown>;
  meta?: FormMeta;
  /** Identifies what started the form (a menu message), so a double tap starts it once. */
  origin?: string;
}

/** The engine's internals, shared by the files of this folder (input.ts, buttons.ts); others use index.ts. */
export type EngineCore = ReturnType<typeof createEngineCore>;

const HTML = { parse_mode: 'HTML' as const, link_preview_options: { is_disabled: true } };

export function keyboard(rows: Button[][]) {
  return { inline_keyboard: rows };
}

import { isNotModified, sendWithAcks } from '../reply.js';
export { isNotModified };

/** Asks to confirm /cancel; the buttons carry the form's id. */
export async function askCancel(ctx: LiaisonContext, state: FormState) {
  const rows = [
    [
      formButton(ctx.t('forms.btn.cancel_yes'), formButtons.encode('cancelYes', { fid: state.fid, step: '-' })),
      formButton(ctx.t('forms.btn.cancel_no'), formButtons.encode('cancelNo', { fid: state.fid, step: '-' })),
    ],
  ];
  await ctx.reply(ctx.t('forms.cancel.confirm'), { ...HTML, reply_markup: keyboard(rows) });
}

export function createEngineCore(specs: FormSpec[]) {
  const byId = new Map(specs.map((s) => [s.id, s]));
  // A form last saved before this process started was left by a restart or a redeploy: its next
  // message offers to continue or discard. (Two live instances both started before any save.)
  const bootAt = new Date();

  const ids = (ctx: LiaisonContext) => ({ chatId: BigInt(ctx.chat!.id), userId: BigInt(ctx.from!.id) });

  async function load(ctx: LiaisonContext): Promise<Loaded | null> {
    const { chatId, userId } = ids(ctx);
    return parse(await ctx.deps.repos.conversations.get<unknown>(chatId, userId));
  }

  // An update's handlers see one row object until they write it (conversationsForUpdate), and an
  // answer looks at it twice (the input handler, then mutate): it is validated once.
  const readRows = new WeakMap<ConversationRecord<unknown>, Loaded>();

  /** A conversation row as a form (state and spec null when it is not one this version reads). */
  function parse(rec: ConversationRecord<unknown> | null): Loaded | null {
    if (!rec) return null;
    let loaded = readRows.get(rec);
    if (!loaded) {
      const parsed = rec.kind === FORM_KIND ? parseFormState(rec.state) : null;
      const spec = parsed ? (byId.get(parsed.form) ?? null) : null;
      loaded = { rec, state: spec && parsed, spec };
      readRows.set(rec, loaded);
    }
    return loaded;
  }

  function expiry(ctx: LiaisonContext): Date {
    // Milliseconds, not luxon's calendar days (every form step pays it; a day more or less of DST is no matter here).
    return new Date(ctx.deps.now().toMillis() + FORM_TTL_DAYS * 86_400_000);
  }

  /**
   * Reads the form, lets `decide` compute the outcome, saves it with the version read, then sends.
   * A concurrent write (another instance) makes the save stale: read again and decide again.
   */
  async function mutate(ctx: LiaisonContext, decide: (loaded: Loaded | null) => Promise<Outcome>): Promise<void> {
    const { chatId, userId } = ids(ctx);
    for (let attempt = 0; attempt < 3; attempt++) {
      const loaded = await load(ctx);
      const out = await decide(loaded);
      try {
        if (out.state === null && loaded) {
          if (!(await ctx.deps.repos.conversations.delete(chatId, userId, loaded.rec.version)))
            throw new StaleConversationError();
        } else if (out.state) {
          const state: FormState = { ...out.state, u: ctx.update.update_id };
          await ctx.deps.repos.conversations.save(
            chatId,
            userId,
            FORM_KIND,
            state,
            loaded?.rec.version ?? null,
            expiry(ctx),
          );
        }
      } catch (err) {
        if (err instanceof StaleConversationError) {
          ctx.deps.logger.info({ msg: 'form-stale-retry', attempt });
          continue;
        }
        throw err;
      }
      await out.after?.();
      return;
    }
    await ctx.reply(ctx.t('forms.busy'), HTML);
  }

  /**
   * What rendering needs: agency names, and the options that are settings when `forChoices` is
   * 'all' (a card) or a form with such a field (read only then: other forms pay nothing).
   */
  async function env(
    ctx: LiaisonContext,
    forChoices?: 'all' | { fields: readonly FieldDef[] },
  ): Promise<{ env: RenderEnv; agencies: PickerAgency[] }> {
    const wantChoices = forChoices === 'all' || (forChoices?.fields.some((f) => f.optionsFrom) ?? false);
    const [{ names, active }, choices] = await Promise.all([
      ctx.deps.repos.agencies.directory(ctx.locale),
      wantChoices ? settingChoices(ctx) : undefined,
    ]);
    return {
      env: {
        t: ctx.t,
        locale: ctx.locale,
        zone: ctx.deps.config.timezone,
        agencyName: (id) => names.get(id) ?? `#${id}`,
        ...(choices ? { choices } : {}),
      },
      agencies: active,
    };
  }

  /** Agencies offered for a field: active ones, without the lead agency (preset, or answered on behalf) where the field says so. */
  function agenciesFor(f: FieldDef | undefined, state: FormState, all: PickerAgency[]): PickerAgency[] {
    const lead = typeof state.answers.leadAgency === 'number' ? state.answers.leadAgency : state.meta.leadAgencyId;
    if (!f?.excludeLead || typeof lead !== 'number') return all;
    return all.filter((a) => a.id !== lead);
  }

  async function renderStep(
    ctx: LiaisonContext,
    spec: FormSpec,
    state: FormState,
    extra: { echo?: string; note?: string } = {},
  ): Promise<Rendered> {
    const { env: e, agencies } = await env(ctx, spec);
    if (state.step === null) return renderReview(spec, state, e, extra.note);
    const f = spec.fields.find((x) => x.key === state.step);
    const suggestions = f?.suggest ? await f.suggest(checkContext(ctx)) : undefined;
    return renderPrompt(
      spec,
      state,
      suggestions ? { ...e, suggestions } : e,
      agenciesFor(f, state, agencies),
      extra.echo,
    );
  }

  /** Sends the current step (question or review card) as a new message. */
  async function sendStep(
    ctx: LiaisonContext,
    spec: FormSpec,
    state: FormState,
    extra: { echo?: string; note?: string } = {},
  ) {
    const r = await renderStep(ctx, spec, state, extra);
    return ctx.reply(r.text, { ...HTML, reply_markup: keyboard(r.rows) });
  }

  /** Re-draws the current step in the pressed message (pages, toggles, search cleared). */
  async function editStep(ctx: LiaisonContext, spec: FormSpec, state: FormState) {
    const r = await renderStep(ctx, spec, state);
    try {
      await ctx.editMessageText(r.text, { ...HTML, reply_markup: keyboard(r.rows) });
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
  }

  /** Removes the buttons of the pressed message, replacing its text when given. */
  async function closeMessage(ctx: LiaisonContext, text?: string) {
    try {
      if (text) await ctx.editMessageText(text, HTML);
      else await ctx.editMessageReplyMarkup(undefined);
    } catch (err) {
      if (!isNotModified(err)) ctx.deps.logger.warn({ msg: 'form-close-message-failed', err: String(err) });
    }
  }

  function stepLabel(ctx: LiaisonContext, spec: FormSpec, state: FormState): string {
    if (state.step === null) return ctx.t('forms.resume.at_review');
    const f = spec.fields.find((x) => x.key === state.step)!;
    const { index, total } = progress(spec, state, f.key);
    return ctx.t('forms.resume.at_step', { label: ctx.t(f.label), index, total });
  }

  /** "You have a form in progress: continue or discard?" */
  async function offerResume(ctx: LiaisonContext, loaded: Loaded, key: string) {
    const { state, spec } = loaded;
    if (!state || !spec) return;
    const rows = [
      [
        formButton(ctx.t('forms.btn.continue'), formButtons.encode('resume', { fid: state.fid, step: '-' })),
        formButton(ctx.t('forms.btn.discard'), formButtons.encode('discard', { fid: state.fid, step: '-' })),
      ],
    ];
    await ctx.reply(ctx.t(key, { title: spec.title(ctx.t, state.meta), step: stepLabel(ctx, spec, state) }), {
      ...HTML,
      reply_markup: keyboard(rows),
    });
  }

  async function start(
    ctx: LiaisonContext,
    formId: string,
    opts: StartOptions = {},
  ): Promise<'started' | 'busy' | 'duplicate'> {
    const spec = byId.get(formId);
    if (!spec) throw new Error(`unknown form ${formId}`);
    let result: 'started' | 'busy' | 'duplicate' = 'started';
    await mutate(ctx, async (loaded) => {
      if (loaded?.state && loaded.spec && loaded.rec.expiresAt > ctx.deps.now().toJSDate()) {
        if (opts.origin && loaded.state.origin === opts.origin) {
          result = 'duplicate';
          return {};
        }
        result = 'busy';
        return { after: () => offerResume(ctx, loaded, 'forms.resume.busy') };
      }
      result = 'started';
      const answers = sanitizeAnswers(spec.fields, opts.answers ?? {});
      // Today (local) for conditions that depend on it, e.g. confirming a timing already past.
      const meta = { today: ctx.deps.now().setZone(ctx.deps.config.timezone).toISODate(), ...(opts.meta ?? {}) };
      const state = startState(spec, { fid: newFid(), meta, answers, ...(opts.origin ? { origin: opts.origin } : {}) });
      ctx.deps.logger.info({ msg: 'form-started', form: spec.id, prefilled: Object.keys(answers).length });
      return { state, after: () => sendStep(ctx, spec, state) };
    });
    return result;
  }

  /**
   * Claims the form (deletes it with the version read), then stores it, restoring it if storing
   * fails; or, for a spec that `claimsInSubmit`, claims and stores it in one unit of work.
   */
  async function submit(ctx: LiaisonContext, loaded: Loaded) {
    const { state, spec, rec } = loaded;
    if (!state || !spec) return;
    const missing = missingRequired(spec, state.answers, state.meta);
    if (missing.length) {
      const next: FormState = { ...state, step: missing[0]!.key, picker: undefined };
      await mutate(ctx, async (l) =>
        l?.rec.version === rec.version
          ? { state: next, after: () => sendStep(ctx, spec, next, { echo: ctx.t('forms.missing') }) }
          : {},
      );
      return;
    }
    const { chatId, userId } = ids(ctx);
    const conversations = ctx.deps.repos.conversations;
    const answers = effectiveAnswers(spec, state);
    const already = async () => {
      if (ctx.callbackQuery) await ctx.answerCbQuery(ctx.t('forms.already'));
    };
    const restore = () =>
      conversations.save(chatId, userId, FORM_KIND, state, null, expiry(ctx)).catch(() => undefined);
    let outcome: SubmitOutcome;
    try {
      if (spec.claimsInSubmit) {
        const stored = await conversations.claimWith(chatId, userId, rec.version, (claim) =>
          spec.submit(ctx, answers, state.meta, claim),
        );
        outcome = stored.value;
        if (outcome.ok && !stored.claimed) throw new Error(`form ${spec.id} was stored without its claim`);
        // Not stored and not kept: the form goes, as after a claim.
        if (!outcome.ok && !outcome.keep) await conversations.delete(chatId, userId, rec.version);
      } else {
        if (!(await conversations.delete(chatId, userId, rec.version))) return await already();
        try {
          outcome = await spec.submit(ctx, answers, state.meta);
        } catch (err) {
          await restore();
          throw err;
        }
        // The form back before the user is told to correct it.
        if (!outcome.ok && outcome.keep) await restore();
      }
    } catch (err) {
      if (err instanceof FormClaimedError) return await already();
      // The database too busy to take it now: nothing was stored; the form is back, the same press saves it.
      if (!isBusyError(err)) throw err;
      ctx.deps.logger.warn({ msg: 'form-submit-busy', form: spec.id, err: String(err).slice(0, 200) });
      if (ctx.callbackQuery) await ctx.answerCbQuery();
      await ctx.reply(ctx.t('forms.not_saved_busy'), HTML);
      return;
    }
    const answer = () => (ctx.callbackQuery ? ctx.answerCbQuery() : undefined);
    if (!outcome.ok) {
      await sendWithAcks(
        ctx,
        [answer(), !outcome.keep && ctx.callbackQuery ? closeMessage(ctx) : undefined],
        ctx.reply(ctx.t(outcome.message, outcome.params), HTML),
      );
      return;
    }
    ctx.deps.logger.info({ msg: 'form-submitted', form: spec.id });
    // The press answered, the card's buttons removed and the confirmation sent together (as a
    // pressed answer's calls: form-engine/buttons.ts).
    await sendWithAcks(
      ctx,
      [answer(), ctx.callbackQuery ? closeMessage(ctx) : undefined],
      ctx.reply(
        outcome.html ?? ctx.t(outcome.message, outcome.params),
        outcome.keyboard ? { ...HTML, reply_markup: keyboard(outcome.keyboard) } : HTML,
      ),
    );
  }

  return {
    byId,
    bootAt,
    load,
    parse,
    mutate,
    env,
    agenciesFor,
    renderStep,
    sendStep,
    editStep,
    closeMessage,
    offerResume,
    start,
    submit,
  };
}

/** The option lists that are settings (docs/product.md#summaries-and-reports: purpose categories), in the user's language. */
export async function settingChoices(
  ctx: Pick<LiaisonContext, 'deps' | 'locale'>,
): Promise<NonNullable<RenderEnv['choices']>> {
  return settingOptions(await ctx.deps.repos.settings.all(), ctx.locale);
}

/** What fields' checks and suggestions see: the user's local date, and the update's context for lookups of their own. */
export function checkContext(ctx: LiaisonContext): CheckContext {
  return { today: ctx.deps.now().setZone(ctx.deps.config.timezone).toISODate()!, ctx };
}
