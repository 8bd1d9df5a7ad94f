import type { LiaisonContext } from '../context.js';
import { COORDINATION, hasRole } from '../access.js';
import { keyOption, type FormSpec } from '../form-engine/index.js';
import type { Answers, FormMeta, SubmitOutcome } from '../form-engine/index.js';
import { DECISION_AUTHORITIES, type DecisionAuthority } from '../../domain/enums.js';
import { truncate } from '../../domain/format.js';
import { notifyAgency } from './review-notices.js';

// docs/product.md#lifecycle: only a recorded decision of the competent authority makes an activity "được cấp có thẩm
// quyền cho phép". The coordinator records it from the agreed activity's card: authority, number,
// date, allowed or not.

export const DECISION_FORM = 'review.decision';

const dmy = (iso: string) => iso.split('-').reverse().join('/');

function decisionSpec(): FormSpec {
  return {
    id: DECISION_FORM,
    title: (t, meta) => t('review.decision_title', { reference: String(meta.reference ?? '') }),
    fields: [
      {
        key: 'authority',
        kind: 'choice',
        label: 'review.f.authority',
        required: true,
        options: DECISION_AUTHORITIES.map((a) => keyOption(a, `review.opt.authority.${a}`)),
      },
      {
        key: 'number',
        kind: 'text',
        label: 'review.f.decisionNumber',
        hint: 'review.hint.decisionNumber',
        required: true,
        max: 100,
      },
      { key: 'date', kind: 'date', label: 'review.f.decisionDate', required: true },
      { key: 'allowed', kind: 'yesNo', label: 'review.f.allowed', required: true },
    ],
    submitLabel: 'review.btn.record_decision',
    async submit(ctx: LiaisonContext, answers: Answers, meta: FormMeta): Promise<SubmitOutcome> {
      if (!ctx.user || !hasRole(ctx, COORDINATION)) return { ok: false, message: 'error.not_allowed', keep: false };
      const { repos } = ctx.deps;
      const a = await repos.activities.findById(Number(meta.activityId));
      if (!a) return { ok: false, message: 'my.not_found', keep: false };
      const ref = a.reference;
      const statusWords = () => ctx.t(`activity.status.${a.status}`);
      if (a.status !== 'AGREED')
        return {
          ok: false,
          message: 'review.not_awaiting_decision',
          params: { ref, status: statusWords() },
          keep: false,
        };
      const date = String(answers.date);
      // A decision is recorded once it is signed: a date after today is a typing mistake.
      if (date > ctx.deps.now().toISODate()!)
        return { ok: false, message: 'review.decision_future', params: { date: dmy(date) }, keep: true };
      const decision = {
        authority: answers.authority as DecisionAuthority,
        number: String(answers.number),
        date: new Date(`${date}T00:00:00.000Z`),
        allowed: answers.allowed === true,
      };
      const done = await repos.activities.recordDecision(a.id, decision, {
        userId: ctx.user.id,
        now: ctx.deps.now().toJSDate(),
      });
      if (!done) return { ok: false, message: 'my.changed_meanwhile', keep: false };
      ctx.deps.logger.info({
        msg: 'activity-decision-recorded',
        activityId: a.id,
        allowed: decision.allowed,
        authority: decision.authority,
      });
      const params = (t: typeof ctx.t) => ({
        ref,
        reference: ref,
        title: truncate(a.title, 200),
        authority: t(`review.opt.authority.${decision.authority}`),
        number: decision.number,
        date: dmy(date),
      });
      await notifyAgency(
        ctx,
        a.leadAgencyId,
        [],
        decision.allowed ? 'review.notice_authorized' : 'review.notice_refused',
        params,
      );
      return {
        ok: true,
        message: decision.allowed ? 'review.decision_authorized' : 'review.decision_refused',
        params: params(ctx.t),
      };
    },
  };
}

export function decisionFormSpecs(): FormSpec[] {
  return [decisionSpec()];
}
