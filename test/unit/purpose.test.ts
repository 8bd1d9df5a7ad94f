import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PURPOSE_CATEGORIES,
  formatPurposeCategories,
  parsePurposeCategories,
  PURPOSE_CATEGORIES,
  purposeCategoriesSchema,
  purposeCategoryOf,
  purposeLabel,
} from '../../src/domain/purpose.js';

describe('purpose categories', () => {
  it('the chosen category wins; older activities are placed by the words of their purpose; OTHER otherwise', () => {
    expect(PURPOSE_CATEGORIES).toEqual(['COOPERATION', 'PROMOTION', 'CULTURE', 'STUDY', 'CONFERENCE', 'OTHER']);
    expect(purposeCategoryOf('CULTURE', 'Xúc tiến đầu tư')).toBe('CULTURE');
    expect(purposeCategoryOf(undefined, 'XÚC TIẾN ĐẦU TƯ, thương mại.')).toBe('PROMOTION');
    expect(purposeCategoryOf(null, 'Quảng bá du lịch tỉnh')).toBe('PROMOTION');
    expect(purposeCategoryOf(null, 'Học tập kinh nghiệm trồng cây mắc ca')).toBe('STUDY');
    expect(purposeCategoryOf(null, 'Dự Hội thảo quốc tế về biến đổi khí hậu')).toBe('CONFERENCE');
    expect(purposeCategoryOf(null, 'Giao lưu văn hóa, nghệ thuật')).toBe('CULTURE');
    expect(purposeCategoryOf(null, 'Ký kết thỏa thuận hợp tác')).toBe('COOPERATION');
    expect(purposeCategoryOf('NOT_A_CODE', '')).toBe('OTHER');
    expect(purposeCategoryOf(undefined, null)).toBe('OTHER');
  });
});

describe('purpose categories as a setting', () => {
  const custom = [
    { code: 'COOPERATION', vi: 'Hợp tác toàn diện', en: null },
    { code: 'TWINNING', vi: 'Kết nghĩa', en: 'Twinning' },
  ];
  it('keeps a stored code the list has; places others by words among the list; its last category when it has no OTHER', () => {
    expect(purposeCategoryOf('TWINNING', '', custom)).toBe('TWINNING');
    expect(purposeCategoryOf('PROMOTION', 'Ký kết hợp tác', custom)).toBe('COOPERATION');
    expect(purposeCategoryOf('PROMOTION', 'Xúc tiến du lịch', custom)).toBe('TWINNING');
    expect(purposeCategoryOf('TWINNING', 'Kết nghĩa')).toBe('COOPERATION');
  });
  it('labels in the reader’s language, Vietnamese when no English is given; unknown codes as they are', () => {
    expect(purposeLabel('TWINNING', custom, 'en')).toBe('Twinning');
    expect(purposeLabel('COOPERATION', custom, 'en')).toBe('Hợp tác toàn diện');
    expect(purposeLabel('STUDY', custom, 'vi')).toBe('Học tập kinh nghiệm');
    expect(purposeLabel('XYZ', custom, 'vi')).toBe('XYZ');
  });
  it('the setting is checked: codes upper-case and distinct, 1–20 categories, names not empty; the CLI text round-trips', () => {
    expect(purposeCategoriesSchema.safeParse(DEFAULT_PURPOSE_CATEGORIES).success).toBe(true);
    expect(purposeCategoriesSchema.safeParse([]).success).toBe(false);
    expect(purposeCategoriesSchema.safeParse([{ code: 'a-b', vi: 'X' }]).success).toBe(false);
    expect(purposeCategoriesSchema.safeParse([{ code: 'A', vi: ' ' }]).success).toBe(false);
    expect(
      purposeCategoriesSchema.safeParse([
        { code: 'A', vi: 'X' },
        { code: 'A', vi: 'Y' },
      ]).success,
    ).toBe(false);
    const text = 'cooperation=Hợp tác|Cooperation; TWINNING=Kết nghĩa';
    const parsed = parsePurposeCategories(text);
    expect(parsed).toEqual([
      { code: 'COOPERATION', vi: 'Hợp tác', en: 'Cooperation' },
      { code: 'TWINNING', vi: 'Kết nghĩa', en: null },
    ]);
    expect(purposeCategoriesSchema.safeParse(parsed).success).toBe(true);
    expect(formatPurposeCategories(parsed)).toBe('COOPERATION=Hợp tác|Cooperation; TWINNING=Kết nghĩa');
  });
});
