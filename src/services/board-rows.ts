import type { Repos } from '../db/repos/index.js';
import type { BoardScope } from '../db/repos/board.js';
import type { BoardRow } from '../domain/board.js';
import type { Locale } from '../i18n/index.js';
import { formatTiming, timingFromColumns } from '../domain/timing/index.js';

const iso = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

/**
 * Registered activities as the plan board's rows (domain/board.ts), in one language: what the board
 * and /find filter with the same code.
 */
export async function loadBoardRows(
  repos: Pick<Repos, 'board'>,
  scope: BoardScope,
  locale: Locale,
): Promise<BoardRow[]> {
  const [activities, plans] = await Promise.all([repos.board.rows(scope), repos.board.plans(null)]);
  const planYear = new Map(plans.map((p) => [p.id, p.year]));
  return activities.map((a) => {
    const end = iso(a.endDate);
    return {
      id: a.id,
      ref: a.reference,
      type: a.type,
      status: a.status,
      lead: a.leadAgencyId,
      coord: a.coordinatorIds,
      countries: a.countryCodes,
      plan: a.planId,
      precision: a.timingPrecision,
      start: iso(a.startDate),
      end,
      // Undated activities count in their plan's year, else their reference's (as in summaries).
      year:
        end === null
          ? ((a.planId !== null ? planYear.get(a.planId) : null) ?? (Number(a.reference.slice(0, 4)) || null))
          : null,
      title: a.title,
      partner: a.partnerName,
      place: a.place,
      timing: formatTiming(timingFromColumns(a), locale),
      cost: a.costVnd === null ? null : a.costVnd.toString(),
    };
  });
}
