/**
 * Scores an extraction against the ground truth: items found / missed / spurious (matched by item
 * path), and for each found item six fields: type, timing precision, timing value, lead,
 * coordinating, countries (agency names compared folded, as sets).
 */
import type { ExtractedActivity } from '../../src/domain/plan-extract/index.js';
import type { TruthActivity } from '../fixtures/plans/truth.js';

export const FIELDS = ['type', 'precision', 'timing', 'lead', 'coordinating', 'countries'] as const;
export type Field = (typeof FIELDS)[number];

export interface Score {
  expected: number;
  found: number;
  missed: string[];
  spurious: string[];
  fieldsRight: number;
  fieldsTotal: number;
  wrong: { item: string; field: Field; expected: string; got: string }[];
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\bu(?:y|ỷ) ban nhan dan\b/g, 'ubnd')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const set = (xs: string[]) => JSON.stringify([...new Set(xs.map(fold))].sort());

export function scoreExtraction(got: ExtractedActivity[], truth: TruthActivity[]): Score {
  const byItem = new Map(got.map((a) => [a.item, a]));
  const wanted = new Set(truth.map((t) => t.item));
  const score: Score = {
    expected: truth.length,
    found: 0,
    missed: [],
    spurious: got.filter((a) => !wanted.has(a.item)).map((a) => a.item),
    fieldsRight: 0,
    fieldsTotal: 0,
    wrong: [],
  };
  for (const t of truth) {
    const a = byItem.get(t.item);
    score.fieldsTotal += FIELDS.length;
    if (!a) {
      score.missed.push(t.item);
      continue;
    }
    score.found++;
    const names = (ms: ExtractedActivity['lead']) => ms.map((m) => m.agency?.nameVi ?? m.written);
    const pairs: [Field, string, string][] = [
      ['type', t.type, a.type],
      ['precision', t.timing?.precision ?? 'none', a.timing?.precision ?? 'none'],
      [
        'timing',
        `${t.timing?.start ?? ''}..${t.timing?.end ?? ''}`,
        `${a.timing?.start ?? ''}..${a.timing?.end ?? ''}`,
      ],
      ['lead', set(t.lead), set(names(a.lead))],
      ['coordinating', set(t.coordinating), set(names(a.coordinating))],
      ['countries', set(t.countries), set(a.countries)],
    ];
    for (const [field, e, g] of pairs) {
      if (e === g) score.fieldsRight++;
      else score.wrong.push({ item: t.item, field, expected: e, got: g });
    }
  }
  return score;
}
