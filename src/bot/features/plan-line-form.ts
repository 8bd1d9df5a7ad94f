import { field, FUNDING_SOURCES } from './activity-forms/definitions/common.js';
import { keyOption, type FormSpec } from '../form-engine/index.js';
import type { Answers, FieldDef, FormMeta, SubmitOutcome, TimingAnswer } from '../form-engine/index.js';
import type { LiaisonContext } from '../context.js';
import { COORDINATION, hasRole } from '../access.js';
import { ACTIVITY_TYPES, type ActivityType, type FundingSource } from '../../domain/enums.js';
import { timingToColumns } from '../../domain/timing/index.js';
import type { DraftItem } from '../../services/plan-imports.js';
import { canAnswer } from '../../domain/plan-board.js';
import { renderActivityCompact } from '../views/activity-card.js';
import type { InlineKeyboardButton } from 'telegraf/types';
import { previewOf } from './plan-document-preview.js';

// A plan line (docs/product.md#plan-stage-and-details): what a plan knows — type, content, timing of any precision,
// countries, partner, coordinating agencies, funding, cost — in eight short questions (five skippable). The details
// of the type (head of delegation, members, programme…) are asked later, from the lead-time
// reminders. The same questions fix an item read from a plan document before it is submitted.

export const PLAN_LINE_FORMS = { create: 'plan-line.new', importItem: 'plan-line.import-item' } as const;

const onBehalf = (_a: Answers, meta: FormMeta) => meta.onBehalf === true;

function fields(): FieldDef[] {
  return [
    {
      key: 'type',
      kind: 'choice',
      label: 'activity.field.type',
      required: true,
      options: ACTIVITY_TYPES.map((t) => keyOption(t, `activity.type.${t}`)),
    },
    field.title(),
    { ...field.leadAgency(), when: onBehalf },
    field.timing({ hint: 'plandoc.hint.timing' }),
    field.countries(false),
    field.partnerName(false),
    field.coordinators(),
    field.fundings(false),
    field.cost(),
  ];
}

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : null);
const list = <T>(v: unknown) => (Array.isArray(v) ? (v as T[]) : []);

/** A draft read from a document as the form's answers. */
export function draftToAnswers(d: DraftItem): Answers {
  return {
    type: d.type,
    title: d.title,
    ...(d.lead?.id ? { leadAgency: d.lead.id } : {}),
    ...(d.timing
      ? {
          timing: {
            timing: {
              precision: d.timing.precision,
              start: d.timing.start,
              end: d.timing.end,
              ...(d.timing.label ? { label: d.timing.label } : {}),
            },
            text: d.timing.text,
          },
        }
      : {}),
    countries: d.countries.length ? d.countries : null,
    partnerName: d.partner,
    coordinators: d.coordinating.some((c) => c.id !== null)
      ? d.coordinating.flatMap((c) => (c.id !== null ? [c.id] : []))
      : null,
    fundings: d.fundings.length ? d.fundings : null,
    cost: d.costVnd,
  };
}

/** The draft after the form: the answers replace what was read; names the list lacks stay listed. */
export function answersToDraft(d: DraftItem, a: Answers): DraftItem {
  const timing = a.timing as TimingAnswer | null | undefined;
  const coordinators = list<number>(a.coordinators);
  const lead = typeof a.leadAgency === 'number' ? { id: a.leadAgency, written: '', suggestions: [] } : d.lead;
  return {
    ...d,
    type: (str(a.type) as ActivityType | null) ?? d.type,
    title: str(a.title) ?? d.title,
    lead,
    timing: timing ? { ...timing.timing, text: timing.text } : null,
    countries: list<string>(a.countries),
    partner: str(a.partnerName),
    coordinating: [
      ...coordinators.filter((id) => id !== lead?.id).map((id) => ({ id, written: '', suggestions: [] })),
      ...d.coordinating.filter((c) => c.id === null),
    ],
    fundings: list<FundingSource>(a.fundings).filter((f) => FUNDING_SOURCES.includes(f)),
    costVnd: str(a.cost),
  };
}

function createSpec(): FormSpec {
  return {
    id: PLAN_LINE_FORMS.create,
    title: (t, meta) => t('plandoc.form.new', { title: String(meta.planTitle ?? '') }),
    fields: fields(),
    async submit(ctx: LiaisonContext, answers: Answers, meta: FormMeta): Promise<SubmitOutcome> {
      const { repos } = ctx.deps;
      const plan = await repos.plans.findById(Number(meta.planId));
      const now = ctx.deps.now();
      if (!plan || plan.kind !== 'REQUEST' || !canAnswer(plan, now))
        return { ok: false, message: 'plans.err.closed', keep: false };
      const agencyId = Number(meta.leadAgencyId);
      if (!ctx.user || ctx.user.agencyId !== agencyId) return { ok: false, message: 'error.not_allowed', keep: false };
      const timing = answers.timing as TimingAnswer;
      const a = await repos.activities.create(
        {
          type: answers.type as ActivityType,
          title: String(answers.title),
          leadAgencyId: agencyId,
          coordinatingAgencyIds: list<number>(answers.coordinators).filter((id) => id !== agencyId),
          countryCodes: list<string>(answers.countries),
          fundingSources: list<FundingSource>(answers.fundings),
          partnerName: str(answers.partnerName),
          costVnd: str(answers.cost) ? BigInt(String(answers.cost)) : null,
          ...timingToColumns(timing.timing),
          timingText: timing.text,
          planId: plan.id,
          status: 'SUBMITTED',
          source: 'FORM',
        },
        { userId: ctx.user.id, referenceYear: now.year, now: now.toJSDate() },
      );
      ctx.deps.logger.info({ msg: 'plan-line-registered', activityId: a.id, planId: plan.id });
      return {
        ok: true,
        message: 'plandoc.line_created',
        params: { reference: a.reference, card: { html: renderActivityCompact(a, { t: ctx.t, locale: ctx.locale }) } },
      };
    },
  };
}

function importItemSpec(): FormSpec {
  return {
    id: PLAN_LINE_FORMS.importItem,
    title: (t, meta) => t('plandoc.form.item', { item: String(meta.item ?? '') }),
    fields: fields(),
    reviewFirst: true,
    submitLabel: 'forms.btn.save',
    async submit(ctx: LiaisonContext, answers: Answers, meta: FormMeta): Promise<SubmitOutcome> {
      const { repos } = ctx.deps;
      const imp = await repos.planImports.findById(Number(meta.importId));
      const index = Number(meta.index);
      if (!imp || imp.status !== 'PREVIEW' || imp.userId !== ctx.user?.id)
        return { ok: false, message: 'plandoc.err.gone', keep: false };
      if (meta.onBehalf === true && !hasRole(ctx, COORDINATION))
        return { ok: false, message: 'error.not_allowed', keep: false };
      const items = imp.items as unknown as DraftItem[];
      if (!items[index]) return { ok: false, message: 'plandoc.err.gone', keep: false };
      items[index] = answersToDraft(items[index], answers);
      if (!(await repos.planImports.saveItems(imp.id, items, imp.updatedAt)))
        return { ok: false, message: 'plandoc.err.gone', keep: false };
      const view = await previewOf(ctx, imp.id);
      return {
        ok: true,
        message: 'plandoc.item_saved',
        params: { item: items[index].item },
        ...(view
          ? {
              html: `${ctx.t('plandoc.item_saved', { item: items[index].item })}\n\n${view.text}`,
              keyboard: view.rows as InlineKeyboardButton.CallbackButton[][],
            }
          : {}),
      };
    },
  };
}

export function planLineFormSpecs(): FormSpec[] {
  return [createSpec(), importItemSpec()];
}
