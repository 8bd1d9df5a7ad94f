import { describe, expect, it } from 'vitest';
import { describeChange } from '../../src/bot/views/history.js';
import { createI18n } from '../../src/i18n/index.js';

const i18n = createI18n('vi');
const o = { t: i18n.forLocale('vi'), locale: 'vi' as const, zone: 'Asia/Ho_Chi_Minh' };

describe('history lines', () => {
  it('shows a change of type-specific fields key by key with the form labels, not raw JSON', () => {
    const line = describeChange(
      'details',
      JSON.stringify({ members: 5, headName: 'Nguyễn Văn A', partyOpinion: false }),
      JSON.stringify({ members: 7, headName: 'Nguyễn Văn A', partyOpinion: true }),
      o,
    );
    expect(line).toContain(`${o.t('forms.f.members')}: 5 → 7`);
    expect(line).toContain(`${o.t('forms.f.partyOpinion')}: Không → Có`);
    expect(line).not.toContain('headName');
    expect(line).not.toContain('{');
  });

  it('keeps money, statuses and dates readable', () => {
    expect(describeChange('costVnd', '100000000', '150000000', o)).toBe(
      'Kinh phí dự kiến: 100.000.000 đồng → 150.000.000 đồng',
    );
    expect(describeChange('status', 'SUBMITTED', 'AGREED', o)).toBe(
      'Trạng thái: Đã đăng ký, chờ thẩm định → Đã thống nhất, trình cấp có thẩm quyền',
    );
  });
});
