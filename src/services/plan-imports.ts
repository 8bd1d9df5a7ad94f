/**
 * Activities read from a plan document → drafts the user reviews (fix an agency, drop an item),
 * then plan lines of a plan in one submit (docs/product.md#plan-documents). Each keeps its source: `doc:<hash>:<file>#<item>`
 * in sourceRef and the paragraph in sourceText. A document already submitted is not imported again.
 */
import type { Repos } from '../db/repos/index.js';
import type { ActivityType, FundingSource } from '../domain/enums.js';
import type { ExtractedActivity } from '../domain/plan-extract/index.js';
import { fold } from '../domain/plan-extract/text.js';
import { timingToColumns, type Timing } from '../domain/timing/index.js';

export interface DraftAgency {
  /** Null: not in the agency list (yet); `suggestions` are the closest agencies' ids. */
  id: number | null;
  written: string;
  suggestions: number[];
}

export interface DraftItem {
  item: string;
  type: ActivityType;
  title: string;
  timing: (Timing & { text: string }) | null;
  lead: DraftAgency | null;
  coordinating: DraftAgency[];
  countries: string[];
  partner: string | null;
  place: string | null;
  /** Decimal string of đồng (JSON has no bigint). */
  costVnd: string | null;
  fundings: FundingSource[];
  paragraph: string;
  dropped: boolean;
}

export type DraftProblem = 'lead_missing' | 'lead_unmatched' | 'coordinating_unmatched' | 'timing_missing';

const PARAGRAPH_MAX = 1500;
const TITLE_MAX = 500;

export function documentRefPrefix(hash: string): string {
  return `doc:${hash.slice(0, 16)}:`;
}

export function planSourceRef(hash: string, fileName: string, item: string): string {
  const file = fileName.replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 80);
  return `${documentRefPrefix(hash)}${file}#${item}`;
}

/** "doc:…:kh.docx#II.1.b" → file and item, for the card. */
export function parseSourceRef(ref: string | null): { file: string; item: string } | null {
  const m = ref ? /^doc:[0-9a-f]{16}:(.*)#([^#]*)$/.exec(ref) : null;
  return m ? { file: m[1]!, item: m[2]! } : null;
}

const FUNDING_WORDS: [FundingSource, RegExp][] = [
  ['STATE_BUDGET', /ngan sach/],
  ['UNIT_REVENUE', /su nghiep|nguon thu/],
  ['PARTNER', /doi tac|phia ban|ban chi tra|tai tro cua doi tac/],
  ['SPONSORSHIP', /xa hoi hoa|tai tro/],
  ['SELF_FUNDED', /tu tuc|ca nhan tu chi tra/],
];

export function fundingsOf(words: string | null): FundingSource[] {
  if (!words) return [];
  const f = fold(words);
  return FUNDING_WORDS.filter(([, re]) => re.test(f)).map(([s]) => s);
}

const mention = (m: ExtractedActivity['lead'][number]): DraftAgency => ({
  id: m.agency?.id ?? null,
  written: m.written,
  suggestions: m.suggestions.map((s) => s.id),
});

/**
 * Drafts of the extracted activities. For a focal point (`agencyId`) every activity is its agency's:
 * other agencies named as lead coordinate. For a coordinator the first lead found in the list leads.
 */
export function toDrafts(activities: ExtractedActivity[], opts: { agencyId: number | null }): DraftItem[] {
  return activities.map((a) => {
    const leads = a.lead.map(mention);
    let lead: DraftAgency | null;
    let rest: DraftAgency[];
    if (opts.agencyId !== null) {
      lead = { id: opts.agencyId, written: '', suggestions: [] };
      rest = leads.filter((l) => l.id !== opts.agencyId);
    } else {
      const i = Math.max(
        0,
        leads.findIndex((l) => l.id !== null),
      );
      lead = leads[i] ?? null;
      rest = leads.filter((_, j) => j !== i);
    }
    const coordinating = [...rest, ...a.coordinating.map(mention)].filter(
      (c, i, all) =>
        (c.id === null
          ? all.findIndex((x) => x.written === c.written) === i
          : all.findIndex((x) => x.id === c.id) === i) &&
        (c.id === null || c.id !== lead?.id),
    );
    return {
      item: a.item,
      type: a.type,
      title: a.title.slice(0, TITLE_MAX),
      timing: a.timing,
      lead,
      coordinating,
      countries: a.countries,
      partner: a.partner?.slice(0, 300) ?? null,
      place: a.place?.slice(0, 300) ?? null,
      costVnd: a.costVnd === null ? null : String(a.costVnd),
      fundings: fundingsOf(a.funding),
      paragraph: a.paragraph.slice(0, PARAGRAPH_MAX),
      dropped: false,
    };
  });
}

/** What a draft lacks: a lead agency from the list (blocking), a known coordinating agency, a timing. */
export function draftProblems(d: DraftItem): DraftProblem[] {
  const out: DraftProblem[] = [];
  if (!d.lead) out.push('lead_missing');
  else if (d.lead.id === null) out.push('lead_unmatched');
  if (d.coordinating.some((c) => c.id === null)) out.push('coordinating_unmatched');
  if (!d.timing) out.push('timing_missing');
  return out;
}

/** Drafts that cannot become plan lines yet (no lead agency from the list). */
export function blockingDrafts(items: DraftItem[]): DraftItem[] {
  return items.filter((d) => !d.dropped && (!d.lead || d.lead.id === null));
}

export interface ImportTarget {
  plan: { id: number; kind: string };
  /** A focal point's agency: the submit is its answer to the request. */
  agencyId: number | null;
}

/**
 * Creates the kept drafts as plan lines of the plan, all or nothing (every kept draft needs a lead
 * from the list). Programme plans' lines are the Department's own (AGREED); a request's are
 * registrations to review (SUBMITTED).
 */
export async function createPlanLines(
  repos: Pick<Repos, 'activities'>,
  input: ImportTarget & { hash: string; fileName: string; items: DraftItem[] },
  by: { userId: number | null; now: Date; referenceYear: number },
) {
  const kept = input.items.filter((d) => !d.dropped);
  if (blockingDrafts(kept).length) throw new Error('a kept draft has no lead agency from the list');
  return repos.activities.createMany(
    kept.map((d) => {
      const unknown = d.coordinating.filter((c) => c.id === null).map((c) => c.written);
      return {
        type: d.type,
        title: d.title,
        leadAgencyId: d.lead!.id!,
        coordinatingAgencyIds: [
          ...new Set(d.coordinating.flatMap((c) => (c.id !== null && c.id !== d.lead!.id ? [c.id] : []))),
        ],
        countryCodes: d.countries,
        fundingSources: d.fundings,
        partnerName: d.partner,
        place: d.place,
        timingText: d.timing?.text.slice(0, 200) ?? null,
        ...(d.timing
          ? timingToColumns(d.timing)
          : { timingPrecision: 'TBD' as const, startDate: null, endDate: null, timingLabel: null }),
        costVnd: d.costVnd === null ? null : BigInt(d.costVnd),
        // Agencies the list does not know are kept as written, not lost.
        notes: unknown.length ? `Cơ quan phối hợp khác: ${unknown.join('; ')}`.slice(0, 2000) : null,
        planId: input.plan.id,
        status: input.plan.kind === 'PROGRAMME' ? ('AGREED' as const) : ('SUBMITTED' as const),
        source: 'DOCUMENT' as const,
        sourceRef: planSourceRef(input.hash, input.fileName, d.item),
        sourceText: d.paragraph,
      };
    }),
    by,
  );
}

/** The CLI's one-step import: drafts straight to plan lines, refusing a document already submitted. */
export async function importPlanDocument(
  repos: Pick<Repos, 'activities' | 'planImports'>,
  input: { plan: { id: number; kind: string }; fileName: string; hash: string; activities: ExtractedActivity[] },
  by: { userId: number | null; now: Date; referenceYear: number },
) {
  const done = await repos.planImports.findSubmitted(input.hash);
  if (done) return { created: [], alreadyImported: done };
  const items = toDrafts(input.activities, { agencyId: null });
  const blocking = blockingDrafts(items);
  if (blocking.length) return { created: [], alreadyImported: null, blocking };
  const imp = await repos.planImports.create({
    hash: input.hash,
    fileName: input.fileName,
    planId: input.plan.id,
    agencyId: null,
    userId: by.userId ?? 0,
    items,
    now: by.now,
  });
  const created = await createPlanLines(
    repos,
    { plan: input.plan, agencyId: null, hash: input.hash, fileName: input.fileName, items },
    by,
  );
  await repos.planImports.finish(imp.id, 'SUBMITTED');
  return { created, alreadyImported: null, blocking: [] };
}
