import type { DateTime } from 'luxon';
import type { Repos } from '../db/repos/index.js';
import { truncate } from '../domain/format.js';
import { formatTiming, timingFromColumns } from '../domain/timing/index.js';
import {
  validateProgrammeTable,
  type FileProblem,
  type KnownAgency,
  type ParsedProgramme,
  type Table,
} from '../domain/programme-rows.js';
import { readXlsx } from './agency-import.js';
import { noticeAgencies, type NoticeDeps } from './notices.js';

// A programme plan's activities imported from an XLSX laid out like the seeds' plans: the file is
// read here, validated by domain/programme-rows.ts, and stored all or nothing (every bad row is
// named and nothing is imported unless every row is good). The lead agencies are then told.

export const MAX_PROGRAMME_BYTES = 2 * 1024 * 1024;

/** Reads and validates an XLSX programme against the agencies of the database. */
export async function parseProgrammeFile(
  bytes: Buffer,
  fileName: string,
  agencies: KnownAgency[],
): Promise<ParsedProgramme> {
  const none = (fileError: FileProblem): ParsedProgramme => ({ rows: [], errors: [], headings: 0, fileError });
  if (!fileName.toLowerCase().endsWith('.xlsx')) return none('unsupported');
  if (bytes.length > MAX_PROGRAMME_BYTES) return none('too_big');
  let table: Table[];
  try {
    table = await readXlsx(bytes);
  } catch {
    return none('unreadable');
  }
  return validateProgrammeTable(table, agencies);
}

export interface ProgrammeImportResult extends ParsedProgramme {
  /** The activities created (empty when anything was wrong). */
  created: Awaited<ReturnType<Repos['activities']['createMany']>>;
}

/**
 * Imports every row as an AGREED activity of the programme in one transaction, or nothing when
 * any row is bad. Each activity keeps where it came from (`file#row`).
 */
export async function importProgramme(
  repos: Pick<Repos, 'activities' | 'agencies'>,
  input: { bytes: Buffer; fileName: string; planId: number },
  by: { userId: number | null; now: Date; referenceYear: number },
): Promise<ProgrammeImportResult> {
  const agencies = await repos.agencies.list();
  const parsed = await parseProgrammeFile(input.bytes, input.fileName, agencies);
  if (parsed.fileError || parsed.errors.length) return { ...parsed, created: [] };
  const source = input.fileName.replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 80);
  const created = await repos.activities.createMany(
    parsed.rows.map(({ row, ...a }) => ({
      ...a,
      planId: input.planId,
      status: 'AGREED' as const,
      source: 'PROGRAMME' as const,
      sourceRef: `${source}#${row}`,
    })),
    by,
  );
  return { ...parsed, created };
}

type AssignedActivity = {
  id: number;
  reference: string;
  title: string;
  leadAgencyId: number;
  timingPrecision: Parameters<typeof timingFromColumns>[0]['timingPrecision'];
  startDate: Date | null;
  endDate: Date | null;
  timingLabel: string | null;
};

const LINES_PER_NOTICE = 20;

/**
 * Tells the lead agencies' focal points what a programme gives them to lead (one message per
 * agency listing its activities) and that they keep its status up to date in /plans.
 */
export async function tellProgrammeAssigned(
  deps: NoticeDeps,
  plan: { id: number; title: string },
  activities: AssignedActivity[],
  now: DateTime,
): Promise<number> {
  const byAgency = new Map<number, AssignedActivity[]>();
  for (const a of activities) byAgency.set(a.leadAgencyId, [...(byAgency.get(a.leadAgencyId) ?? []), a]);
  let told = 0;
  for (const [agencyId, list] of byAgency) {
    told += await noticeAgencies(
      deps,
      [agencyId],
      {
        kind: 'notice.programme-assigned',
        key: `programme-assigned:${plan.id}:${list[0]!.id}:${list.length}`,
        render: (t, locale) => {
          const lines = list.slice(0, LINES_PER_NOTICE).map((a) =>
            t('plans.notice.assigned_line', {
              reference: a.reference,
              title: truncate(a.title, 200),
              timing: formatTiming(timingFromColumns(a), locale),
            }),
          );
          if (list.length > LINES_PER_NOTICE)
            lines.push(t('plans.board.more', { count: list.length - LINES_PER_NOTICE }));
          return t('plans.notice.assigned', {
            title: truncate(plan.title, 300),
            count: list.length,
            lines: { html: lines.join('\n') },
          });
        },
      },
      now,
    );
  }
  return told;
}
