/**
 * The model's closed sets (the `enum`s of prisma/models.prisma), provider-neutral: every layer takes
 * them from here, never from a generated client (the SQLite and PostgreSQL clients each generate their
 * own copy). test/unit/enums.test.ts checks they equal both generated clients; after adding a value to
 * an enum in models.prisma, add it here too.
 */
export const Role = {
  FOCAL: 'FOCAL',
  COORDINATOR: 'COORDINATOR',
  HEAD: 'HEAD',
  ADMIN: 'ADMIN',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

export const AgencyKind = {
  DEPARTMENT: 'DEPARTMENT',
  PEOPLES_COMMITTEE: 'PEOPLES_COMMITTEE',
  PARTY_BODY: 'PARTY_BODY',
  MASS_ORGANISATION: 'MASS_ORGANISATION',
  UNIVERSITY: 'UNIVERSITY',
  OTHER: 'OTHER',
} as const;

export type AgencyKind = (typeof AgencyKind)[keyof typeof AgencyKind];

export const ActivityType = {
  OUTBOUND: 'OUTBOUND',
  INBOUND: 'INBOUND',
  LETTER: 'LETTER',
  CONFERENCE: 'CONFERENCE',
  ONLINE_TALK: 'ONLINE_TALK',
  AGREEMENT: 'AGREEMENT',
  EXCHANGE: 'EXCHANGE',
  MEDIA: 'MEDIA',
  AWARD: 'AWARD',
  OTHER: 'OTHER',
} as const;

export type ActivityType = (typeof ActivityType)[keyof typeof ActivityType];

export const ActivityStatus = {
  DRAFT: 'DRAFT',
  SUBMITTED: 'SUBMITTED',
  AGREED: 'AGREED',
  RETURNED: 'RETURNED',
  AUTHORIZED: 'AUTHORIZED',
  REFUSED: 'REFUSED',
  IN_PROGRESS: 'IN_PROGRESS',
  DONE: 'DONE',
  REPORTED: 'REPORTED',
  POSTPONED: 'POSTPONED',
  CANCELLED: 'CANCELLED',
} as const;

export type ActivityStatus = (typeof ActivityStatus)[keyof typeof ActivityStatus];

export const DecisionAuthority = {
  CHAIRMAN_PPC: 'CHAIRMAN_PPC',
  PRIME_MINISTER: 'PRIME_MINISTER',
  PARTY_STANDING_COMMITTEE: 'PARTY_STANDING_COMMITTEE',
  OTHER: 'OTHER',
} as const;

export type DecisionAuthority = (typeof DecisionAuthority)[keyof typeof DecisionAuthority];

export const TimingPrecision = {
  DAY: 'DAY',
  RANGE: 'RANGE',
  MONTH: 'MONTH',
  QUARTER: 'QUARTER',
  HALF_YEAR: 'HALF_YEAR',
  YEAR: 'YEAR',
  DEADLINE: 'DEADLINE',
  TBD: 'TBD',
} as const;

export type TimingPrecision = (typeof TimingPrecision)[keyof typeof TimingPrecision];

export const FundingSource = {
  STATE_BUDGET: 'STATE_BUDGET',
  UNIT_REVENUE: 'UNIT_REVENUE',
  PARTNER: 'PARTNER',
  SPONSORSHIP: 'SPONSORSHIP',
  SELF_FUNDED: 'SELF_FUNDED',
  OTHER: 'OTHER',
} as const;

export type FundingSource = (typeof FundingSource)[keyof typeof FundingSource];

export const ActivitySource = {
  FORM: 'FORM',
  IMPORT: 'IMPORT',
  DOCUMENT: 'DOCUMENT',
  PROGRAMME: 'PROGRAMME',
} as const;

export type ActivitySource = (typeof ActivitySource)[keyof typeof ActivitySource];

export const PlanKind = {
  REQUEST: 'REQUEST',
  PROGRAMME: 'PROGRAMME',
} as const;

export type PlanKind = (typeof PlanKind)[keyof typeof PlanKind];

export const PlanStatus = {
  OPEN: 'OPEN',
  CLOSED: 'CLOSED',
} as const;

export type PlanStatus = (typeof PlanStatus)[keyof typeof PlanStatus];

export const PlanResponseStatus = {
  PENDING: 'PENDING',
  ANSWERED: 'ANSWERED',
  NIL: 'NIL',
  NO_PLAN: 'NO_PLAN',
} as const;

export type PlanResponseStatus = (typeof PlanResponseStatus)[keyof typeof PlanResponseStatus];

export const PlanImportStatus = {
  PREVIEW: 'PREVIEW',
  SUBMITTED: 'SUBMITTED',
  CANCELLED: 'CANCELLED',
} as const;

export type PlanImportStatus = (typeof PlanImportStatus)[keyof typeof PlanImportStatus];

export const ChangeRequestStatus = {
  PENDING: 'PENDING',
  APPROVED: 'APPROVED',
  REJECTED: 'REJECTED',
} as const;

export type ChangeRequestStatus = (typeof ChangeRequestStatus)[keyof typeof ChangeRequestStatus];

export const AnniversaryKind = {
  DIPLOMATIC_RELATIONS: 'DIPLOMATIC_RELATIONS',
  TREATY: 'TREATY',
  NATIONAL_DAY: 'NATIONAL_DAY',
  OTHER: 'OTHER',
} as const;

export type AnniversaryKind = (typeof AnniversaryKind)[keyof typeof AnniversaryKind];

export const NotificationState = {
  PENDING: 'PENDING',
  SENDING: 'SENDING',
  SENT: 'SENT',
  FAILED: 'FAILED',
  DEAD: 'DEAD',
  CANCELLED: 'CANCELLED',
} as const;

export type NotificationState = (typeof NotificationState)[keyof typeof NotificationState];

/** Every activity type, in the order menus show them. */
export const ACTIVITY_TYPES: readonly ActivityType[] = Object.values(ActivityType);
/** Every activity status, in lifecycle order (docs/product.md#lifecycle). */
export const ACTIVITY_STATUSES: readonly ActivityStatus[] = Object.values(ActivityStatus);
/** Drafts are not registered yet: summaries and reports leave them out. */
export const SUMMARY_STATUSES: readonly ActivityStatus[] = ACTIVITY_STATUSES.filter((s) => s !== 'DRAFT');
/** The consolidated plan lists everything registered; cancelled and returned ones apart from the plan (reports/report-model). */
export const REPORT_STATUSES: readonly ActivityStatus[] = SUMMARY_STATUSES;
/** Activities still expected to take place. */
export const PENDING_STATUSES: readonly ActivityStatus[] = ['SUBMITTED', 'AGREED', 'AUTHORIZED', 'IN_PROGRESS'];
/** Who may decide on an activity, in the order the coordinator is offered them. */
export const DECISION_AUTHORITIES: readonly DecisionAuthority[] = Object.values(DecisionAuthority);
/** Activities reminders are planned for: pending ones, and done ones still owing their report. */
export const REMINDER_STATUSES: readonly ActivityStatus[] = [...PENDING_STATUSES, 'DONE'];
