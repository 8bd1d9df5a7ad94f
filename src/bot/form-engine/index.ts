// The form engine's whole interface: everything outside src/bot/form-engine/ imports from here only
// (test/unit/layers.test.ts checks it). The engine knows forms by their `FormSpec`, nothing of activities.
import { FlatComposer } from '../composer.js';
import { Composer } from 'telegraf';
import type { DateTime } from 'luxon';
import type { ConversationRecord } from '../../db/repos/conversations.js';
import type { LiaisonContext } from '../context.js';
import { createEngineCore, type FormSpec, type StartOptions } from './engine.js';
import { expireForms, type ExpiryDeps } from './expiry.js';
import { FORM_BUTTONS, handleButton, handleMessage } from './input.js';
import type { RenderEnv } from './types.js';

export interface FormEngine {
  /** Starts form `formId` (or says a form is already open: 'busy'; the same origin twice: 'duplicate'). */
  start(ctx: LiaisonContext, formId: string, opts?: StartOptions): Promise<'started' | 'busy' | 'duplicate'>;
  /** An open form's message (typed answer, /back /skip /cancel /submit); anything else goes on to `next`. */
  handleText(ctx: LiaisonContext, next: () => Promise<void>): Promise<unknown>;
  /** A press of a form's button. */
  handleButton(ctx: LiaisonContext): Promise<unknown>;
  /** Both handlers as one Composer, installed before the features that answer anything else. */
  readonly input: Composer<LiaisonContext>;
  /**
   * When a live form is open, offers to continue or discard it (`key`: the message) and returns true.
   * `rec`: the conversation row when the caller has read it already.
   */
  offerResume(ctx: LiaisonContext, key: string, rec?: ConversationRecord<unknown> | null): Promise<boolean>;
  /** What a card needs to show answers: agency names and the setting-backed option lists. */
  renderEnv(ctx: LiaisonContext): Promise<RenderEnv>;
  /** Drops the forms idle past their time and tells their users (the jobs' tick). */
  expire(deps: ExpiryDeps, now: DateTime): Promise<number>;
}

export function createFormEngine(specs: FormSpec[]): FormEngine {
  const core = createEngineCore(specs);
  const input = new FlatComposer<LiaisonContext>();
  input.on('message', (ctx, next) => handleMessage(core, ctx, next));
  input.action(FORM_BUTTONS, (ctx) => handleButton(core, ctx));
  return {
    start: core.start,
    handleText: (ctx, next) => handleMessage(core, ctx, next),
    handleButton: (ctx) => handleButton(core, ctx),
    input,
    async offerResume(ctx, key, rec) {
      const loaded = rec === undefined ? await core.load(ctx) : core.parse(rec);
      if (!loaded?.state || !loaded.spec || loaded.rec.expiresAt <= ctx.deps.now().toJSDate()) return false;
      await core.offerResume(ctx, loaded, key);
      return true;
    },
    renderEnv: async (ctx) => (await core.env(ctx, 'all')).env,
    expire: (deps, now) => expireForms(core.byId, deps, now),
  };
}

export { settingChoices, type FormSpec, type StartOptions } from './engine.js';
export { formatValue, keyOption } from './kinds.js';
export type {
  Answers,
  AnswerValue,
  ChoiceOption,
  FieldDef,
  FormDef,
  FormMeta,
  RenderEnv,
  SubmitOutcome,
  TimingAnswer,
} from './types.js';
