import { describe, expect, it } from 'vitest';
import { PURPOSE_CATEGORIES, purposeCategoryOf } from '../../src/domain/purpose.js';

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
