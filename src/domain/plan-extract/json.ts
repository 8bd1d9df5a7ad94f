/** The `plan extract --json` contract (docs/product.md#plan-extract-json). */
import type { ExtractedActivity } from './types.js';

export interface PlanJsonActivity {
  item: string;
  type: string;
  title: string;
  timing: { precision: string; start: string | null; end: string | null; label: string | null; text: string } | null;
  lead: string[];
  coordinating: string[];
  countries: string[];
  partner: string | null;
  source: { file: string; paragraph: string };
  /** Names not found in the agency list, with the closest agencies (extra to the contract). */
  unmatched?: { name: string; suggestions: string[] }[];
}

export function toPlanJson(
  activities: ExtractedActivity[],
  file: string,
  opts: { matched?: boolean } = {},
): PlanJsonActivity[] {
  return activities.map((a) => {
    const names = (ms: ExtractedActivity['lead']) => ms.map((m) => m.agency?.nameVi ?? m.written);
    const unmatched = [...a.lead, ...a.coordinating]
      .filter((m) => opts.matched && !m.agency)
      .map((m) => ({ name: m.written, suggestions: m.suggestions.map((s) => s.nameVi) }));
    const out: PlanJsonActivity = {
      item: a.item,
      type: a.type,
      title: a.title,
      timing: a.timing
        ? {
            precision: a.timing.precision,
            start: a.timing.start,
            end: a.timing.end,
            label: a.timing.label ?? null,
            text: a.timing.text,
          }
        : null,
      lead: names(a.lead),
      coordinating: names(a.coordinating),
      countries: a.countries,
      partner: a.partner,
      source: { file, paragraph: a.paragraph },
    };
    if (unmatched.length) out.unmatched = unmatched;
    return out;
  });
}
