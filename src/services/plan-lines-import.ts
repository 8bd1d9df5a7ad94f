/**
 * Activities read from a plan document → plan lines of a plan (SPEC §8): each keeps where it came
 * from (`doc:<hash>:<file>#<item>` in sourceRef), so the same document is imported once.
 */
import type { Repos } from '../db/repos/index.js';
import type { ExtractedActivity } from '../domain/plan-extract/index.js';
import { timingToColumns } from '../domain/timing/index.js';

export function documentRefPrefix(hash: string): string {
  return `doc:${hash.slice(0, 16)}:`;
}

export function planSourceRef(hash: string, fileName: string, item: string): string {
  const file = fileName.replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 80);
  return `${documentRefPrefix(hash)}${file}#${item}`;
}

/** What stops an activity from becoming a plan line: no lead agency found in the agency list. */
export function planLineProblems(activities: ExtractedActivity[]): { item: string; message: string }[] {
  return activities
    .filter((a) => !a.lead.some((m) => m.agency))
    .map((a) => ({
      item: a.item,
      message: a.lead.length ? `lead "${a.lead.map((m) => m.written).join('; ')}" not in the agency list${a.lead[0]!.suggestions.length ? ` (closest: ${a.lead[0]!.suggestions.map((s) => s.nameVi).join(', ')})` : ''}` : 'no lead agency (Cơ quan chủ trì) given',
    }));
}

export async function importPlanActivities(
  repos: Pick<Repos, 'activities'>,
  input: { plan: { id: number; kind: string }; fileName: string; hash: string; activities: ExtractedActivity[] },
  by: { userId: number | null; now: Date; referenceYear: number },
) {
  const existing = await repos.activities.findBySourceRefPrefix(documentRefPrefix(input.hash), input.plan.id);
  if (existing.length) return { created: [], alreadyImported: existing.length };
  const created = await repos.activities.createMany(
    input.activities.map((a) => {
      const lead = a.lead.find((m) => m.agency)!.agency!;
      const coordinating = [...a.lead, ...a.coordinating].flatMap((m) => (m.agency && m.agency.id !== lead.id ? [m.agency.id] : []));
      return {
        type: a.type,
        title: a.title.slice(0, 1000),
        leadAgencyId: lead.id,
        coordinatingAgencyIds: [...new Set(coordinating)],
        countryCodes: a.countries,
        partnerName: a.partner,
        place: a.place,
        timingText: a.timing?.text.slice(0, 200) ?? null,
        ...(a.timing ? timingToColumns(a.timing) : { timingPrecision: 'TBD' as const, startDate: null, endDate: null, timingLabel: null }),
        costVnd: a.costVnd === null ? null : BigInt(a.costVnd),
        planId: input.plan.id,
        status: input.plan.kind === 'PROGRAMME' ? ('APPROVED' as const) : ('SUBMITTED' as const),
        source: 'DOCUMENT' as const,
        sourceRef: planSourceRef(input.hash, input.fileName, a.item),
        notes: a.paragraph.slice(0, 2000),
      };
    }),
    by,
  );
  return { created, alreadyImported: 0 };
}
