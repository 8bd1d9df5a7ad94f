/**
 * Purpose categories of a delegation (docs/product.md#summaries-and-reports: outbound statistics by
 * purpose). The list is a setting (`report.purposeCategories`) with the An Giang DOFA software's
 * groups as defaults; a province may rename them, add its own or drop some. Chosen in the outbound
 * and inbound forms; activities recorded before the choice existed (or whose category was dropped)
 * are placed by the words of their free-text purpose. Pure.
 */
import { z } from 'zod';
import { normalizeSearch } from './format.js';
/** The reader's language (as i18n's Locale; the domain does not import i18n). */
type Locale = 'vi' | 'en';

/** The default categories' codes: the words below place a free-text purpose in one of them. */
export const PURPOSE_CATEGORIES = ['COOPERATION', 'PROMOTION', 'CULTURE', 'STUDY', 'CONFERENCE', 'OTHER'] as const;

export interface PurposeCategoryDef {
  /** Stored with the activity: upper-case letters, digits and "_". */
  code: string;
  vi: string;
  en?: string | null | undefined;
}

export const DEFAULT_PURPOSE_CATEGORIES: readonly PurposeCategoryDef[] = [
  { code: 'COOPERATION', vi: 'Hợp tác', en: 'Cooperation' },
  { code: 'PROMOTION', vi: 'Xúc tiến đầu tư, thương mại, du lịch', en: 'Investment, trade and tourism promotion' },
  { code: 'CULTURE', vi: 'Giao lưu văn hóa', en: 'Cultural exchange' },
  { code: 'STUDY', vi: 'Học tập kinh nghiệm', en: 'Study visit' },
  { code: 'CONFERENCE', vi: 'Hội nghị, hội thảo', en: 'Conferences and seminars' },
  { code: 'OTHER', vi: 'Khác', en: 'Other' },
];

export const PURPOSE_CODE = /^[A-Z][A-Z0-9_]{0,23}$/;
const label = z.string().trim().min(1).max(100);

/** The setting's shape: 1–20 categories with distinct codes. */
export const purposeCategoriesSchema = z
  .array(z.object({ code: z.string().regex(PURPOSE_CODE), vi: label, en: label.nullish() }))
  .min(1)
  .max(20)
  .refine((list) => new Set(list.map((c) => c.code)).size === list.length, { message: 'codes must be distinct' });

/** "PROMOTION=Xúc tiến…|Promotion; OTHER=Khác" (the CLI's way of writing the list) → the list, unchecked. */
export function parsePurposeCategories(text: string): PurposeCategoryDef[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const [code = '', names = ''] = item.split('=', 2).map((s) => s.trim());
      const [vi = '', en] = names.split('|').map((s) => s.trim());
      return { code: code.toUpperCase(), vi, en: en || null };
    });
}

/** The list written back as the CLI reads it. */
export function formatPurposeCategories(list: readonly PurposeCategoryDef[]): string {
  return list.map((c) => `${c.code}=${c.vi}${c.en ? `|${c.en}` : ''}`).join('; ');
}

export function purposeLabel(code: string, categories: readonly PurposeCategoryDef[], locale: Locale): string {
  const c = categories.find((x) => x.code === code) ?? DEFAULT_PURPOSE_CATEGORIES.find((x) => x.code === code);
  if (!c) return code;
  return locale === 'en' && c.en ? c.en : c.vi;
}

/** The categories as a form's choice options: the code stored, the label shown. */
export function purposeOptions(
  categories: readonly PurposeCategoryDef[],
  locale: Locale,
): { value: string; label: string; text: string }[] {
  return categories.map((c) => ({ value: c.code, label: c.code, text: purposeLabel(c.code, categories, locale) }));
}

/** Words (without diacritics) that place a free-text purpose; the first category that matches wins. */
const WORDS: [string, RegExp][] = [
  ['PROMOTION', /\b(xuc tien|dau tu|thuong mai|du lich|investment|trade|tourism|promotion)\b/],
  ['STUDY', /\b(hoc tap kinh nghiem|khao sat|tham quan hoc tap|study|exchange of experience)\b/],
  ['CONFERENCE', /\b(hoi nghi|hoi thao|dien dan|conference|seminar|workshop|forum)\b/],
  ['CULTURE', /\b(giao luu|van hoa|the thao|nghe thuat|culture|cultural|sport)\b/],
  ['COOPERATION', /\b(hop tac|ky ket|hoi dam|lam viec|ket nghia|cooperation|talks|agreement)\b/],
];

/**
 * The category stored with the activity when the list still has it, else the one its purpose text
 * suggests (among the list's), else OTHER (or the list's last category when it has no OTHER).
 */
export function purposeCategoryOf(
  stored: unknown,
  purposeText: string | null | undefined,
  categories: readonly PurposeCategoryDef[] = DEFAULT_PURPOSE_CATEGORIES,
): string {
  const codes = new Set(categories.map((c) => c.code));
  if (typeof stored === 'string' && codes.has(stored)) return stored;
  const text = normalizeSearch(purposeText ?? '');
  if (text) for (const [category, words] of WORDS) if (codes.has(category) && words.test(text)) return category;
  return codes.has('OTHER') ? 'OTHER' : (categories[categories.length - 1]?.code ?? 'OTHER');
}
