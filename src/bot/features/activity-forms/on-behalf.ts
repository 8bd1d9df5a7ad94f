import type { LiaisonContext } from '../../context.js';
import type { CardActivity } from '../../views/activity-card.js';
import { truncate } from '../../../domain/format.js';
import { bodyName, notifyAgency } from '../review-notices.js';
import type { FormMeta } from '../../form-engine/index.js';

// docs/product.md#lifecycle: a coordinator may edit, postpone or cancel on an agency's behalf; the history says so
// and the agency's focal points are told.

/** Meta of a form a coordinator opened on an agency's behalf (from the activity's card). */
export const isOnBehalf = (meta: FormMeta) => meta.behalf === true;

/** `what`: the locale key of the action done (`find.behalf.edit`, `…postpone`, `…cancel`). */
export async function recordOnBehalf(ctx: LiaisonContext, a: CardActivity, what: string) {
  const now = ctx.deps.now().toJSDate();
  await ctx.deps.repos.activities.note(a.id, 'ON_BEHALF', `${a.leadAgency.code}: ${ctx.t(what)}`, {
    userId: ctx.user?.id ?? null,
    now,
  });
  const body = await bodyName(ctx);
  await notifyAgency(ctx, a.leadAgencyId, [], 'find.behalf.notice', (t) => ({
    ref: a.reference,
    title: truncate(a.title, 200),
    who: ctx.user?.displayName ?? '',
    what: t(what),
    body,
  }));
}
