import { activityDetailRows } from '../features/activity-forms/mapping.js';
import type { RenderEnv } from '../form-engine/index.js';
import { renderActivityCard, type CardActivity, type CardOptions } from './activity-card.js';

/**
 * The full card: every field the activity's type has, with the form's labels (review, /my, find,
 * the digest's links), then `extraRows` (e.g. the post-activity report).
 */
export function renderFullCard(a: CardActivity, opts: CardOptions & Pick<RenderEnv, 'agencyName' | 'choices'>): string {
  const details = activityDetailRows(a, {
    t: opts.t,
    locale: opts.locale,
    zone: opts.zone,
    agencyName: opts.agencyName,
    ...(opts.choices ? { choices: opts.choices } : {}),
  });
  return renderActivityCard(a, { ...opts, extraRows: [...details, ...(opts.extraRows ?? [])] });
}
