import type { DateTime } from 'luxon';
import type { Repos } from '../../db/repos/index.js';
import type { I18n } from '../../i18n/index.js';
import type { Logger } from '../../logger.js';
import { FORM_KIND, type FormSpec } from './engine.js';
import { parseFormState } from './state.js';

export interface ExpiryDeps {
  repos: Repos;
  i18n: I18n;
  logger: Logger;
}

/**
 * Idle forms are kept 7 days (docs/product.md#forms). This drops the expired ones and tells their users,
 * through the outbox (once per form, in the user's language). Meant for the scheduler's tick;
 * a form whose user writes first is answered by the form's own handler instead.
 */
export async function expireForms(
  specs: ReadonlyMap<string, FormSpec>,
  deps: ExpiryDeps,
  now: DateTime,
): Promise<number> {
  const rows = await deps.repos.conversations.takeExpired(now.toJSDate(), 100, FORM_KIND);
  let told = 0;
  for (const r of rows) {
    const parsed = parseFormState(r.state);
    const spec = parsed ? specs.get(parsed.form) : undefined;
    const user = await deps.repos.users.findByTelegramId(r.userId);
    if (!spec || !parsed || !user?.active) continue;
    const locale = deps.i18n.resolve(user.locale, undefined);
    const t = deps.i18n.forLocale(locale);
    const text = t('forms.expired', { title: spec.title(t, parsed.meta) });
    told += await deps.repos.notifications.enqueue([
      {
        chatId: r.chatId,
        userId: user.id,
        kind: 'alert.form-expired',
        dedupeKey: `form-expired:${r.id}`,
        payload: { parts: [text], locale },
        dueAt: now.toJSDate(),
      },
    ]);
  }
  if (rows.length) deps.logger.info({ msg: 'forms-expired', expired: rows.length, told });
  return told;
}
