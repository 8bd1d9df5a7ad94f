import { describe, expect, it } from 'vitest';
import { parseFindQuery, referencesIn } from '../../src/domain/find-query.js';

describe('/find query', () => {
  it('reads type, period and words without diacritics mattering', () => {
    expect(parseFindQuery('đoàn ra Nhật Bản quý III/2026', ['SNN'])).toEqual({
      words: 'nhat ban',
      types: ['OUTBOUND'],
      statuses: [],
      agencyCode: null,
      period: { year: 2026, quarter: 3 },
    });
    expect(parseFindQuery('doan ra nhat ban quy 3 2026', [])).toMatchObject({
      words: 'nhat ban',
      types: ['OUTBOUND'],
      period: { year: 2026, quarter: 3 },
    });
    expect(parseFindQuery('hội nghị tháng 7/2026', [])).toMatchObject({
      words: '',
      types: ['CONFERENCE'],
      period: { year: 2026, month: 7 },
    });
    expect(parseFindQuery('Lào năm 2025', [])).toMatchObject({ words: 'lao', period: { year: 2025 } });
  });

  it('reads statuses (the longest phrase first) and agency codes', () => {
    expect(parseFindQuery('không cho phép SNN', ['SNN', 'SCT'])).toMatchObject({
      statuses: ['REFUSED'],
      agencyCode: 'SNN',
      words: '',
    });
    expect(parseFindQuery('trả lại ubnd-vinhthanh giao lưu', ['UBND-VINHTHANH', 'SNN'])).toMatchObject({
      statuses: ['RETURNED'],
      types: ['EXCHANGE'],
      agencyCode: 'UBND-VINHTHANH',
      words: '',
    });
  });

  it('finds reference numbers inside a sentence, not inside longer numbers', () => {
    expect(referencesIn('Xin mở hồ sơ 2026-001 và 2026-014, cảm ơn')).toEqual(['2026-001', '2026-014']);
    expect(referencesIn('số 12026-0011 hoặc 2026-001-2')).toEqual([]);
    expect(referencesIn('2026-001 2026-001')).toEqual(['2026-001']);
  });
});
