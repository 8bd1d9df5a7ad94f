/**
 * Purpose categories of a delegation (docs/product.md#summaries-and-reports: outbound statistics by purpose), as the An Giang
 * DOFA software groups them. Chosen in the outbound and inbound forms; activities recorded before
 * the choice existed are placed by the words of their free-text purpose. Pure.
 */
import { normalizeSearch } from './format.js';

export const PURPOSE_CATEGORIES = ['COOPERATION', 'PROMOTION', 'CULTURE', 'STUDY', 'CONFERENCE', 'OTHER'] as const;
export type PurposeCategory = (typeof PURPOSE_CATEGORIES)[number];

export function isPurposeCategory(v: unknown): v is PurposeCategory {
  return typeof v === 'string' && (PURPOSE_CATEGORIES as readonly string[]).includes(v);
}

/** Words (without diacritics) that place a free-text purpose; the first category that matches wins. */
const WORDS: [PurposeCategory, RegExp][] = [
  ['PROMOTION', /\b(xuc tien|dau tu|thuong mai|du lich|investment|trade|tourism|promotion)\b/],
  ['STUDY', /\b(hoc tap kinh nghiem|khao sat|tham quan hoc tap|study|exchange of experience)\b/],
  ['CONFERENCE', /\b(hoi nghi|hoi thao|dien dan|conference|seminar|workshop|forum)\b/],
  ['CULTURE', /\b(giao luu|van hoa|the thao|nghe thuat|culture|cultural|sport)\b/],
  ['COOPERATION', /\b(hop tac|ky ket|hoi dam|lam viec|ket nghia|cooperation|talks|agreement)\b/],
];

/** The category stored with the activity, else the one its purpose text suggests, else OTHER. */
export function purposeCategoryOf(stored: unknown, purposeText: string | null | undefined): PurposeCategory {
  if (isPurposeCategory(stored)) return stored;
  const text = normalizeSearch(purposeText ?? '');
  if (text) for (const [category, words] of WORDS) if (words.test(text)) return category;
  return 'OTHER';
}
