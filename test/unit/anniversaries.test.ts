import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ANNIVERSARIES,
  anniversaryTitle,
  letterProposals,
  upcomingOccurrences,
  type Anniversary,
} from '../../src/domain/anniversaries';
import { isCountryCode } from '../../src/domain/countries';

const ZONE = 'Asia/Ho_Chi_Minh';
const d = (iso: string): DateTime => DateTime.fromISO(iso, { zone: ZONE });
const byKey = (key: string): Anniversary => {
  const a = DEFAULT_ANNIVERSARIES.find((x) => x.key === key);
  if (!a) throw new Error(key);
  return a;
};

describe('DEFAULT_ANNIVERSARIES', () => {
  it('contains the seeded anniversaries with valid data', () => {
    const keys = new Set(DEFAULT_ANNIVERSARIES.map((a) => a.key));
    expect(keys.size).toBe(DEFAULT_ANNIVERSARIES.length);
    const summary = DEFAULT_ANNIVERSARIES.map((a) => `${a.countryCode} ${a.kind} ${a.day}/${a.month}/${a.baseYear}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'JP DIPLOMATIC_RELATIONS 21/9/1973',
        'LA DIPLOMATIC_RELATIONS 5/9/1962',
        'LA TREATY 18/7/1977',
        'KH DIPLOMATIC_RELATIONS 24/6/1967',
        'LA NATIONAL_DAY 2/12/1975',
        'KH NATIONAL_DAY 9/11/1953',
        'CN DIPLOMATIC_RELATIONS 18/1/1950',
        'KR DIPLOMATIC_RELATIONS 22/12/1992',
      ]),
    );
    for (const a of DEFAULT_ANNIVERSARIES) {
      expect(isCountryCode(a.countryCode)).toBe(true);
      expect(DateTime.fromObject({ year: a.baseYear, month: a.month, day: a.day }).isValid).toBe(true);
    }
  });
});

describe('upcomingOccurrences', () => {
  it('50th anniversary of VN–JP relations on 21/09/2023 is round', () => {
    const occ = upcomingOccurrences(DEFAULT_ANNIVERSARIES, d('2023-09-01T10:00'), 30);
    const jp = occ.find((o) => o.anniversary.key === 'vn-jp-diplomatic-relations');
    expect(jp).toBeDefined();
    expect(jp?.years).toBe(50);
    expect(jp?.isRound).toBe(true);
    expect(jp?.date.toISO()).toBe(d('2023-09-21').toISO());
    expect(jp?.date.zoneName).toBe(ZONE);
    // VN–Laos relations 5/9/1962: 61st, not round
    const la = occ.find((o) => o.anniversary.key === 'vn-la-diplomatic-relations');
    expect(la?.years).toBe(61);
    expect(la?.isRound).toBe(false);
  });

  it('window is inclusive on both ends and sorted by date', () => {
    const occ = upcomingOccurrences(DEFAULT_ANNIVERSARIES, d('2023-09-05T23:00'), 16);
    expect(occ.map((o) => `${o.anniversary.key}@${o.date.toISODate()}`)).toEqual([
      'vn-la-diplomatic-relations@2023-09-05',
      'vn-jp-diplomatic-relations@2023-09-21',
    ]);
    expect(upcomingOccurrences(DEFAULT_ANNIVERSARIES, d('2023-09-06'), 14)).toEqual([]);
  });

  it('crosses the year boundary', () => {
    const occ = upcomingOccurrences(DEFAULT_ANNIVERSARIES, d('2024-12-20'), 40);
    expect(occ.map((o) => `${o.anniversary.countryCode}:${o.years}`)).toEqual(['KR:32', 'CN:75']);
    expect(occ[1]?.isRound).toBe(true);
  });

  it('skips the base year itself and handles 29/2', () => {
    const a: Anniversary = {
      key: 'x',
      kind: 'OTHER',
      countryCode: 'VN',
      nameVi: 'Sự kiện X',
      nameEn: 'Event X',
      day: 29,
      month: 2,
      baseYear: 2020,
    };
    expect(upcomingOccurrences([a], d('2020-01-01'), 365)).toEqual([]);
    const occ = upcomingOccurrences([a], d('2025-02-01'), 30);
    expect(occ[0]?.date.toISODate()).toBe('2025-02-28');
    expect(occ[0]?.isRound).toBe(true);
  });

  it('negative horizon → []', () => {
    expect(upcomingOccurrences(DEFAULT_ANNIVERSARIES, d('2023-09-21'), -1)).toEqual([]);
  });
});

describe('anniversaryTitle', () => {
  it('Vietnamese and English titles', () => {
    const [occ] = upcomingOccurrences([byKey('vn-jp-diplomatic-relations')], d('2023-09-21'), 0);
    expect(occ).toBeDefined();
    if (!occ) return;
    expect(anniversaryTitle(occ)).toBe(
      'Kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam – Nhật Bản (21/9/1973 – 21/9/2023)',
    );
    expect(anniversaryTitle(occ, 'en')).toBe(
      '50th anniversary of Viet Nam – Japan diplomatic relations (21/9/1973 – 21/9/2023)',
    );
    const [treaty] = upcomingOccurrences([byKey('vn-la-treaty-amity-cooperation')], d('2022-07-01'), 30);
    expect(treaty && anniversaryTitle(treaty)).toBe(
      'Kỷ niệm 45 năm ký Hiệp ước Hữu nghị và Hợp tác Việt Nam – Lào (18/7/1977 – 18/7/2022)',
    );
    const [nd] = upcomingOccurrences([byKey('la-national-day')], d('2022-12-01'), 5);
    expect(nd && anniversaryTitle(nd)).toBe(
      'Kỷ niệm 47 năm Quốc khánh nước Cộng hòa Dân chủ Nhân dân Lào (2/12/1975 – 2/12/2022)',
    );
    expect(nd && anniversaryTitle(nd, 'en')).toBe(
      '47th anniversary of the National Day of the Lao PDR (2/12/1975 – 2/12/2022)',
    );
  });
});

describe('letterProposals', () => {
  it('47th Lao National Day (02/12/2022) is proposed as a national day, reminders 15 and 5 days before', () => {
    const now = d('2022-11-17T08:00');
    const props = letterProposals(DEFAULT_ANNIVERSARIES, now);
    const lao = props.find((p) => p.occurrence.anniversary.key === 'la-national-day');
    expect(lao).toBeDefined();
    expect(lao?.reason).toBe('NATIONAL_DAY');
    expect(lao?.occurrence.years).toBe(47);
    expect(lao?.occurrence.isRound).toBe(false);
    expect(lao?.key).toBe('la-national-day:2022');
    expect(lao?.titleVi).toContain('Kỷ niệm 47 năm Quốc khánh');
    expect(lao?.reminders.map((r) => [r.leadDays, r.dueAt.toISODate(), r.isDue])).toEqual([
      [15, '2022-11-17', true],
      [5, '2022-11-27', false],
    ]);
    expect(lao?.reminders[0]?.dueAt.zoneName).toBe(ZONE);
  });

  it('default horizon is the largest lead day (15)', () => {
    // On 10/11/2022 the Lao National Day (2/12) is 22 days away: not yet proposed.
    expect(letterProposals(DEFAULT_ANNIVERSARIES, d('2022-11-10')).map((p) => p.key)).toEqual([]);
    // Cambodian National Day 9/11 (69th in 2022) is within 15 days of 25/10
    expect(letterProposals(DEFAULT_ANNIVERSARIES, d('2022-10-25')).map((p) => p.key)).toEqual(['kh-national-day:2022']);
  });

  it('round anniversaries of relations are proposed; non-round ones are not', () => {
    const round = letterProposals(DEFAULT_ANNIVERSARIES, d('2023-09-06'));
    const jp = round.find((p) => p.key === 'vn-jp-diplomatic-relations:2023');
    expect(jp?.reason).toBe('ROUND_ANNIVERSARY');
    expect(jp?.titleVi).toBe('Kỷ niệm 50 năm thiết lập quan hệ ngoại giao Việt Nam – Nhật Bản (21/9/1973 – 21/9/2023)');
    expect(jp?.reminders.map((r) => r.dueAt.toISODate())).toEqual(['2023-09-06', '2023-09-16']);
    // 51st in 2024: nothing
    expect(letterProposals(DEFAULT_ANNIVERSARIES, d('2024-09-06')).map((p) => p.key)).toEqual([]);
    // 60th VN–Laos relations (5/9/2022) and 45th treaty (18/7/2022)
    expect(letterProposals(DEFAULT_ANNIVERSARIES, d('2022-08-25')).map((p) => p.key)).toEqual([
      'vn-la-diplomatic-relations:2022',
    ]);
    expect(letterProposals(DEFAULT_ANNIVERSARIES, d('2022-07-10')).map((p) => p.key)).toEqual([
      'vn-la-treaty-amity-cooperation:2022',
    ]);
  });

  it('custom leadDays and horizon', () => {
    const props = letterProposals(DEFAULT_ANNIVERSARIES, d('2022-10-01'), { leadDays: [30, 7, 1], horizonDays: 90 });
    // KH national day 9/11, Lao national day 2/12, 30th VN–ROK relations 22/12 (≤ 30/12)
    expect(props.map((p) => p.key)).toEqual([
      'kh-national-day:2022',
      'la-national-day:2022',
      'vn-kr-diplomatic-relations:2022',
    ]);
    expect(props[1]?.reminders.map((r) => [r.leadDays, r.dueAt.toISODate()])).toEqual([
      [30, '2022-11-02'],
      [7, '2022-11-25'],
      [1, '2022-12-01'],
    ]);
  });
});
