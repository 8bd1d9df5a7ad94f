import { describe, expect, it } from 'vitest';
import { formatMoney, MAX_VND, parseMoney, type MoneyErrorCode } from '../../src/domain/money.js';

function vnd(input: string): bigint {
  const r = parseMoney(input);
  if (!r.ok) throw new Error(`expected ${JSON.stringify(input)} to parse, got ${JSON.stringify(r.error)}`);
  return r.vnd;
}

describe('parseMoney: accepted', () => {
  it.each<[string, bigint]>([
    ['1.500.000', 1_500_000n],
    ['1500000', 1_500_000n],
    ['1,500,000', 1_500_000n],
    ['1 500 000', 1_500_000n],
    ['1.500.000 đồng', 1_500_000n],
    ['1.500.000 Đồng', 1_500_000n],
    ['1.500.000 dong', 1_500_000n],
    ['1.500.000đ', 1_500_000n],
    ['1.500.000 đ', 1_500_000n],
    ['1.500.000₫', 1_500_000n],
    ['₫1.500.000', 1_500_000n],
    ['1.500.000 VNĐ', 1_500_000n],
    ['1,500,000 VND', 1_500_000n],
    ['VND 1,500,000', 1_500_000n],
    ['  1.500.000  ', 1_500_000n],
    ['1.500', 1_500n],
    ['1,500', 1_500n],
    ['1,500.000', 1_500n],
    ['1.500,000', 1_500n],
    ['1,5 tỷ', 1_500_000_000n],
    ['1.5 tỷ', 1_500_000_000n],
    ['1,5 ty', 1_500_000_000n],
    ['1,5 tỉ', 1_500_000_000n],
    ['1,5 TỶ', 1_500_000_000n],
    ['2 tỷ', 2_000_000_000n],
    ['2tỷ', 2_000_000_000n],
    ['2,75 tỷ', 2_750_000_000n],
    ['0,5 tỷ', 500_000_000n],
    ['1.500 tỷ', 1_500_000_000_000n],
    ['200 triệu', 200_000_000n],
    ['200 trieu', 200_000_000n],
    ['200 triệu đồng', 200_000_000n],
    ['200tr', 200_000_000n],
    ['200 tr', 200_000_000n],
    ['1,2 triệu', 1_200_000n],
    ['50 nghìn', 50_000n],
    ['50 ngàn', 50_000n],
    ['50 nghin', 50_000n],
    ['50 ngan dong', 50_000n],
    ['50k', 50_000n],
    ['50K', 50_000n],
    ['12.5k', 12_500n],
    ['1 tỷ 500 triệu', 1_500_000_000n],
    ['1 tỷ 500 triệu 250 nghìn', 1_500_250_000n],
    ['2 triệu 500k', 2_500_000n],
    ['1.5 million', 1_500_000n],
    ['2 billion', 2_000_000_000n],
    ['0', 0n],
    ['0 đồng', 0n],
    ['1000000000000000', MAX_VND],
  ])('%s → %s', (input, expected) => {
    expect(vnd(input)).toBe(expected);
  });
});

describe('parseMoney: refused', () => {
  it.each<[string, MoneyErrorCode]>([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['abc', 'INVALID'],
    ['đồng', 'INVALID'],
    ['tỷ', 'INVALID'],
    ['1.2.3', 'INVALID'],
    ['1,2,3', 'INVALID'],
    ['1.50.000', 'INVALID'],
    ['15.00.000', 'INVALID'],
    ['1.500.00', 'INVALID'],
    ['1,5', 'INVALID'], // fraction of a đồng
    ['1.5', 'INVALID'],
    ['1,500,000.50', 'INVALID'],
    ['1,5,0 tỷ', 'INVALID'],
    ['1,2345678901 tỷ', 'INVALID'],
    ['1.500.000.', 'INVALID'],
    ['1 triệu 500', 'INVALID'],
    ['1 tỷ 1500 triệu', 'INVALID'],
    ['500 triệu 1 tỷ', 'INVALID'],
    ['5 $', 'INVALID'],
    ['12abc', 'INVALID'],
    ['1'.repeat(101), 'INVALID'],
    ['-5', 'NEGATIVE'],
    ['- 1.500.000 đồng', 'NEGATIVE'],
    ['−200 triệu', 'NEGATIVE'],
    ['âm 5 triệu', 'NEGATIVE'],
    ['-abc', 'INVALID'],
    ['1000000000000001', 'TOO_LARGE'],
    ['1.000.001 tỷ', 'TOO_LARGE'],
    ['99999999999999999999', 'TOO_LARGE'],
  ])('%s → %s', (input, code) => {
    expect(parseMoney(input)).toMatchObject({ ok: false, error: { code } });
  });

  it('treats -0 as zero', () => {
    expect(parseMoney('-0')).toStrictEqual({ ok: true, vnd: 0n });
  });
});

describe('formatMoney', () => {
  it.each<[bigint, string, string]>([
    [0n, '0 đồng', '0 VND'],
    [999n, '999 đồng', '999 VND'],
    [1_000n, '1.000 đồng', '1,000 VND'],
    [1_500_000n, '1.500.000 đồng', '1,500,000 VND'],
    [1_500_000_000n, '1.500.000.000 đồng', '1,500,000,000 VND'],
    [MAX_VND, '1.000.000.000.000.000 đồng', '1,000,000,000,000,000 VND'],
    [-1_500n, '-1.500 đồng', '-1,500 VND'],
  ])('%s → %s / %s', (amount, vi, en) => {
    expect(formatMoney(amount, 'vi')).toBe(vi);
    expect(formatMoney(amount, 'en')).toBe(en);
  });

  it('round-trips through parseMoney', () => {
    for (const amount of [0n, 7n, 1_000n, 1_500_000n, 123_456_789n, MAX_VND]) {
      expect(vnd(formatMoney(amount, 'vi'))).toBe(amount);
      expect(vnd(formatMoney(amount, 'en'))).toBe(amount);
    }
  });
});
