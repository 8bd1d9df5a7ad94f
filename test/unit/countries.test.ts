import { describe, expect, it } from 'vitest';
import {
  COUNTRIES,
  FREQUENT_COUNTRY_CODES,
  countryByCode,
  countryName,
  isCountryCode,
  searchCountries,
} from '../../src/domain/countries';

const first = (q: string): string | undefined => searchCountries(q)[0]?.code;

describe('COUNTRIES dataset', () => {
  it('has the 249 ISO 3166-1 alpha-2 codes, unique, upper case', () => {
    expect(COUNTRIES).toHaveLength(249);
    const codes = COUNTRIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(249);
    for (const c of COUNTRIES) {
      expect(c.code).toMatch(/^[A-Z]{2}$/);
      expect(c.vi.length).toBeGreaterThan(0);
      expect(c.en.length).toBeGreaterThan(0);
    }
  });

  it('uses Vietnamese official forms', () => {
    const expected: Record<string, string> = {
      JP: 'Nhật Bản',
      LA: 'Lào',
      KH: 'Campuchia',
      CN: 'Trung Quốc',
      KR: 'Hàn Quốc',
      US: 'Hoa Kỳ',
      RU: 'Liên bang Nga',
      FR: 'Pháp',
      DE: 'Đức',
      TH: 'Thái Lan',
      IN: 'Ấn Độ',
      AU: 'Ô-xtơ-rây-li-a',
      SG: 'Xinh-ga-po',
      MY: 'Ma-lai-xi-a',
      ID: 'In-đô-nê-xi-a',
      PH: 'Phi-líp-pin',
      MM: 'Mi-an-ma',
      BN: 'Bru-nây',
      GB: 'Anh',
      CA: 'Ca-na-đa',
      CU: 'Cu-ba',
      KP: 'Triều Tiên',
      TW: 'Đài Loan (Trung Quốc)',
    };
    for (const [code, vi] of Object.entries(expected)) expect(countryName(code, 'vi')).toBe(vi);
  });

  it('frequent partners exist', () => {
    expect(FREQUENT_COUNTRY_CODES).toEqual(['JP', 'LA', 'KH', 'CN', 'KR']);
    for (const c of FREQUENT_COUNTRY_CODES) expect(isCountryCode(c)).toBe(true);
  });
});

describe('lookup helpers', () => {
  it('countryByCode is case-insensitive', () => {
    expect(countryByCode('jp')?.en).toBe('Japan');
    expect(countryByCode('XX')).toBeUndefined();
  });

  it('countryName', () => {
    expect(countryName('JP', 'vi')).toBe('Nhật Bản');
    expect(countryName('JP', 'en')).toBe('Japan');
    expect(countryName('la', 'en')).toBe('Laos');
    expect(countryName('ZZ', 'vi')).toBe('ZZ');
  });

  it('isCountryCode', () => {
    expect(isCountryCode('VN')).toBe(true);
    expect(isCountryCode('vn')).toBe(true);
    expect(isCountryCode('UK')).toBe(false); // not ISO (GB is)
    expect(isCountryCode('EU')).toBe(false);
    expect(isCountryCode('JPN')).toBe(false);
    expect(isCountryCode('')).toBe(false);
  });
});

describe('searchCountries', () => {
  it.each(['nhat ban', 'Nhật', 'Nhật Bản', 'NHAT BAN', 'Japan', 'japan', 'JP', 'jp', 'nhat', 'jap'])(
    '%s → JP first',
    (q) => {
      expect(first(q)).toBe('JP');
    },
  );

  it.each([
    ['Úc', 'AU'],
    ['uc', 'AU'],
    ['Australia', 'AU'],
    ['o xto', 'AU'],
    ['Mỹ', 'US'],
    ['USA', 'US'],
    ['hoa ky', 'US'],
    ['UK', 'GB'],
    ['Vương quốc Anh', 'GB'],
    ['Laos', 'LA'],
    ['Lao PDR', 'LA'],
    ['CHDCND Lào', 'LA'],
    ['lao', 'LA'],
    ['Korea', 'KR'],
    ['South Korea', 'KR'],
    ['han quoc', 'KR'],
    ['Vương quốc Campuchia', 'KH'],
    ['cambodia', 'KH'],
    ['trung quoc', 'CN'],
    ['trung', 'CN'],
    ['Xinh-ga-po', 'SG'],
    ['xinhgapo', 'SG'],
    ['singapore', 'SG'],
    ['nga', 'RU'],
    ['Russia', 'RU'],
    ['dai loan', 'TW'],
    ['triều tiên', 'KP'],
    ['North Korea', 'KP'],
    ['duc', 'DE'],
    ['viet nam', 'VN'],
    ['Bờ Biển Ngà', 'CI'],
  ])('%s → %s first', (q, code) => {
    expect(first(q)).toBe(code);
  });

  it('exact code match ranks first even when names also match', () => {
    // "CA" = Canada by code, although many names start with "ca".
    expect(first('ca')).toBe('CA');
    expect(first('CU')).toBe('CU');
    // Plain ASCII "my" is the code of Malaysia; with diacritics it is the US.
    expect(first('my')).toBe('MY');
    expect(first('Mỹ')).toBe('US');
  });

  it('prefix > word-prefix > substring', () => {
    const res = searchCountries('lan', 50).map((c) => c.code);
    // word-prefix: Thái Lan (TH), Phần Lan (FI)…; substring only: Ireland (IE), Iceland (IS)
    expect(res).toContain('TH');
    expect(res).toContain('IE');
    expect(res.indexOf('TH')).toBeLessThan(res.indexOf('IE'));
    expect(res.indexOf('FI')).toBeLessThan(res.indexOf('IS'));
    // "an": prefix of "Anh" (GB) beats word-prefix "Ấn Độ"? both prefix; substring "Thái Lan" is last
    const an = searchCountries('an', 100).map((c) => c.code);
    expect(an.indexOf('GB')).toBeLessThan(an.indexOf('TH'));
  });

  it('frequent partners first among equal-rank matches', () => {
    // "c" prefixes "CHDCND Lào", "Campuchia", "CHND Trung Hoa" and many others.
    expect(searchCountries('c', 3).map((c) => c.code)).toEqual(['LA', 'KH', 'CN']);
    // "t" is a prefix of Trung Quốc (CN, frequent) and Thái Lan, Thụy Sĩ…
    expect(first('t')).toBe('CN');
  });

  it('empty query → []', () => {
    expect(searchCountries('')).toEqual([]);
    expect(searchCountries('   ')).toEqual([]);
    expect(searchCountries('---')).toEqual([]);
  });

  it('respects the limit (default 8)', () => {
    expect(searchCountries('a').length).toBe(8);
    expect(searchCountries('a', 3).length).toBe(3);
    expect(searchCountries('a', 0)).toEqual([]);
  });

  it('no match → []', () => {
    expect(searchCountries('zzzzqqq')).toEqual([]);
  });
});
