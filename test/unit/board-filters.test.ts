import { describe, expect, it } from 'vitest';
import {
  filterQuery,
  filterRows,
  indexRows,
  parseFilter,
  rowInPeriod,
  filterPeriod,
  sortRows,
  countRows,
  type BoardRow,
} from '../../src/domain/board.js';

const row = (over: Partial<BoardRow>): BoardRow => ({
  id: 1,
  ref: '2027-001',
  type: 'OUTBOUND',
  status: 'AUTHORIZED',
  lead: 1,
  coord: [],
  countries: ['JP'],
  plan: null,
  precision: 'DAY',
  start: '2027-04-10',
  end: '2027-04-10',
  year: null,
  title: 'Đoàn công tác',
  partner: null,
  place: null,
  timing: '10/04/2027',
  cost: null,
  ...over,
});

describe('plan board filters (shared by the server and the page)', () => {
  it('places each precision in every period it overlaps', () => {
    const quarter = row({ precision: 'QUARTER', start: '2027-07-01', end: '2027-09-30' });
    expect(rowInPeriod(quarter, filterPeriod({ year: 2027, month: 8 })!)).toBe(true);
    expect(rowInPeriod(quarter, filterPeriod({ year: 2027, month: 10 })!)).toBe(false);
    expect(rowInPeriod(quarter, filterPeriod({ year: 2027, quarter: 3 })!)).toBe(true);
    const deadline = row({ precision: 'DEADLINE', start: null, end: '2027-11-25' });
    expect(rowInPeriod(deadline, filterPeriod({ year: 2027, month: 11 })!)).toBe(true);
    expect(rowInPeriod(deadline, filterPeriod({ year: 2027, month: 10 })!)).toBe(false);
    const range = row({ precision: 'RANGE', start: '2027-12-30', end: '2028-01-02' });
    expect(rowInPeriod(range, filterPeriod({ year: 2028 })!)).toBe(true);
    expect(rowInPeriod(range, filterPeriod({ year: 2027, month: 12 })!)).toBe(true);
  });

  it('puts undated activities in their whole year only', () => {
    const tbd = row({ precision: 'TBD', start: null, end: null, year: 2027 });
    expect(rowInPeriod(tbd, filterPeriod({ year: 2027 })!)).toBe(true);
    expect(rowInPeriod(tbd, filterPeriod({ year: 2027, quarter: 1 })!)).toBe(false);
    expect(rowInPeriod(tbd, filterPeriod({ year: 2026 })!)).toBe(false);
    expect(filterPeriod({ quarter: 1 })).toBeNull();
  });

  it('matches words without diacritics against titles, agencies and countries', () => {
    const rows = [
      row({ id: 1, title: 'Hội thảo quốc tế về đầu tư' }),
      row({ id: 2, title: 'Giao lưu', countries: ['KH'], lead: 2 }),
    ];
    const index = indexRows(rows, {
      agency: (id) => (id === 2 ? 'UBND xã Vĩnh Thạnh' : 'Sở Ngoại vụ'),
      country: (c) => (c === 'KH' ? 'Campuchia' : 'Nhật Bản'),
    });
    const ids = (q: string) => filterRows(rows, { q }, index).map((r) => r.id);
    expect(ids('HOI THAO dau tu')).toEqual([1]);
    expect(ids('vinh thanh')).toEqual([2]);
    expect(ids('nhật')).toEqual([1]);
    expect(ids('kh')).toEqual([2]);
    expect(ids('đoàn ra xyz')).toEqual([]);
  });

  it('sorts by timing with undated rows last, and by cost with unknown costs last', () => {
    const rows = [
      row({ id: 1, ref: 'a', start: '2027-05-01', end: '2027-05-01', cost: '5' }),
      row({ id: 2, ref: 'b', start: null, end: null, cost: null }),
      row({ id: 3, ref: 'c', start: '2027-01-01', end: '2027-01-01', cost: '100000000000' }),
    ];
    const labels = { type: String, status: String, agency: String };
    expect(sortRows([...rows], 'timing', false, labels).map((r) => r.id)).toEqual([3, 1, 2]);
    expect(sortRows([...rows], 'cost', true, labels).map((r) => r.id)).toEqual([3, 1, 2]);
    expect(sortRows([...rows], 'cost', false, labels).map((r) => r.id)).toEqual([1, 3, 2]);
  });

  it('reads a filter from a query and writes it back; bad values are dropped', () => {
    const f = parseFilter(
      new URLSearchParams(
        'year=2027&quarter=3&type=outbound,INBOUND&status=AUTHORIZED&country=jp&agency=4&plan=2&q=%20nh%E1%BA%ADt%20',
      ),
    );
    expect(f).toEqual({
      year: 2027,
      quarter: 3,
      types: ['OUTBOUND', 'INBOUND'],
      statuses: ['AUTHORIZED'],
      country: 'JP',
      agency: 4,
      plan: 2,
      q: 'nhật',
    });
    expect(parseFilter(new URLSearchParams(filterQuery(f)))).toEqual(f);
    expect(parseFilter(new URLSearchParams('year=abc&month=13&quarter=2&type=<x>&country=JPN'))).toEqual({});
    expect(parseFilter(new URLSearchParams('year=2027&month=13'))).toEqual({ year: 2027 });
  });

  it('counts by type, status, lead agency and country', () => {
    const c = countRows([
      row({ countries: ['JP', 'LA'] }),
      row({ type: 'INBOUND', status: 'DONE', lead: 2, countries: [] }),
    ]);
    expect(c).toEqual({
      total: 2,
      byType: { OUTBOUND: 1, INBOUND: 1 },
      byStatus: { AUTHORIZED: 1, DONE: 1 },
      byAgency: { 1: 1, 2: 1 },
      byCountry: { JP: 1, LA: 1 },
    });
  });
});
