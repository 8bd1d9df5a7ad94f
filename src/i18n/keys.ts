// The message keys, read by the compiler from locales/vi (one import per file; test/unit/locales.test.ts
// checks the list is complete). `ctx.t('no.such.key')` fails typecheck.
type Catalogs = typeof import('../../locales/vi/access.json') &
  typeof import('../../locales/vi/activity.json') &
  typeof import('../../locales/vi/agencies.json') &
  typeof import('../../locales/vi/anniversaries.json') &
  typeof import('../../locales/vi/board.json') &
  typeof import('../../locales/vi/common.json') &
  typeof import('../../locales/vi/followups.json') &
  typeof import('../../locales/vi/forms.json') &
  typeof import('../../locales/vi/my.json') &
  typeof import('../../locales/vi/plandoc.json') &
  typeof import('../../locales/vi/plans.json') &
  typeof import('../../locales/vi/reminders.json') &
  typeof import('../../locales/vi/reports.json') &
  typeof import('../../locales/vi/review.json') &
  typeof import('../../locales/vi/settings.json') &
  typeof import('../../locales/vi/summary.json');

export type MessageKey = Extract<keyof Catalogs, string>;
