import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFromText, type AgencyRef, type ExtractedActivity } from '../../src/domain/plan-extract/index.js';
import { DOCUMENT_AGENCIES } from '../support/document-agencies.js';

// The extractor on the seeds' plans (002 Bình Định–Japan, 004 Kon Tum–Laos/Cambodia) as text.

// Copies of the Bình Định and Laos/Cambodia programmes (docs/product.md#source-documents), so the tests run wherever the repository is checked out.
const FIXTURES = path.resolve(__dirname, '../fixtures/plans');
const seed = (n: string) =>
  fs.readFileSync(
    path.join(
      FIXTURES,
      fs.readdirSync(FIXTURES).find((f) => f.startsWith(`seed-${n}`))!,
    ),
    'utf8',
  );
export const AGENCIES: AgencyRef[] = DOCUMENT_AGENCIES.map((a, i) => ({
  id: i + 1,
  code: a.code,
  nameVi: a.nameVi,
  nameEn: a.nameEn ?? null,
}));
const by = (acts: ExtractedActivity[], item: string) => acts.find((a) => a.item === item)!;
const names = (ms: ExtractedActivity['lead']) => ms.map((m) => m.agency?.nameVi ?? m.written);

describe('plan extractor on the Bình Định–Japan programme (numbered items, "- Thời gian:", bundles)', () => {
  const { activities } = extractFromText(seed('002'), { agencies: AGENCIES });

  it('finds every activity with its item path, and none from the purpose, funding or implementation sections', () => {
    expect(activities.map((a) => a.item)).toEqual([
      'II.1.a-1',
      'II.1.a-2',
      'II.1.b-1',
      'II.1.b-2',
      'II.1.c',
      'II.1.d',
      'II.2.a',
      'II.2.b',
      'II.2.c-1',
      'II.2.c-2',
      'II.3.a',
      'II.3.b',
      'II.4',
    ]);
  });

  it('splits the item that bundles a visit to Japan and receptions of Japanese delegations', () => {
    expect(by(activities, 'II.1.a-1').type).toBe('OUTBOUND');
    expect(by(activities, 'II.1.a-2').type).toBe('INBOUND');
    expect(by(activities, 'II.1.a-2').title).toMatch(/^Tham gia đón tiếp/);
  });

  it('reads types, timings with precision, TBD words kept, agencies and countries', () => {
    const b1 = by(activities, 'II.1.b-1');
    expect(b1).toMatchObject({
      type: 'OUTBOUND',
      countries: ['JP'],
      timing: { precision: 'MONTH', start: '2023-04-01', end: '2023-04-30' },
    });
    expect(b1.partner).toMatch(/^Thành phố Izumisano/);
    expect(names(b1.lead)).toEqual(['Sở Ngoại vụ']);
    expect(names(b1.coordinating)).toEqual([
      'Văn phòng Tỉnh ủy',
      'Văn phòng UBND tỉnh',
      'Sở Kế hoạch và Đầu tư',
      'Sở Công Thương',
      'Sở Du lịch',
      'Sở Nông nghiệp và Phát triển nông thôn',
      'Ban Quản lý Khu kinh tế',
    ]);
    expect(by(activities, 'II.1.a-1').timing).toMatchObject({
      precision: 'TBD',
      label: expect.stringMatching(/^Theo kế hoạch của Bộ Ngoại giao/),
    });
    expect(by(activities, 'II.1.c')).toMatchObject({
      type: 'LETTER',
      timing: { precision: 'DEADLINE', end: '2023-09-15' },
    });
    expect(by(activities, 'II.2.a').type).toBe('CONFERENCE');
    expect(by(activities, 'II.2.c-1').timing).toMatchObject({ precision: 'MONTH', start: '2023-02-01' });
    expect(by(activities, 'II.3.a')).toMatchObject({
      type: 'MEDIA',
      timing: { precision: 'YEAR', start: '2023-01-01' },
    });
    expect(by(activities, 'II.4')).toMatchObject({ type: 'AWARD', timing: { precision: 'DEADLINE' } });
    // Unmatched names are kept as written.
    expect(names(by(activities, 'II.2.a').lead)).toEqual(['UBND tỉnh Bình Định', 'Đại sứ quán Nhật Bản tại Việt Nam']);
  });
});

describe('plan extractor on the Laos/Cambodia programme (1.1 / 2.1. numbering, "Đơn vị chủ trì", "*" sub-items)', () => {
  const { activities } = extractFromText(seed('004'), { agencies: AGENCIES });

  it('finds every activity', () => {
    expect(activities.map((a) => a.item)).toEqual([
      'II.1.1',
      'II.1.2',
      'II.2.1',
      'II.2.2',
      'II.3.1',
      'II.3.2',
      'II.4.1-1',
      'II.4.1-2',
      'II.4.2',
      'II.5.1',
      'II.5.2',
    ]);
  });

  it('tells partner countries from localities: Ra-ta-na-ki-ri → Cambodia, Ất-ta-pư → Laos', () => {
    expect(by(activities, 'II.2.1')).toMatchObject({
      type: 'OUTBOUND',
      countries: ['KH'],
      timing: { precision: 'QUARTER', start: '2022-07-01' },
    });
    expect(by(activities, 'II.2.2')).toMatchObject({ type: 'INBOUND', countries: ['LA'] });
  });

  it('reads letters (type from the heading), "Căn cứ…" as TBD, role-first lines and ranges', () => {
    expect(by(activities, 'II.1.1')).toMatchObject({
      type: 'LETTER',
      timing: { precision: 'TBD', label: expect.stringMatching(/^Căn cứ vào thời gian/) },
    });
    expect(names(by(activities, 'II.1.1').lead)).toEqual(['Sở Ngoại vụ']);
    expect(names(by(activities, 'II.5.1').lead)).toEqual(['Sở Ngoại vụ', 'Sở Nội vụ']);
    expect(by(activities, 'II.5.1').type).toBe('AWARD');
    expect(by(activities, 'II.5.2')).toMatchObject({
      type: 'OTHER',
      timing: { precision: 'RANGE', start: '2022-07-01', end: '2022-09-30' },
    });
    expect(names(by(activities, 'II.4.1-2').lead)).toEqual(['Ban Tuyên giáo Tỉnh ủy']);
    expect(by(activities, 'II.4.1-2').timing).toBeNull();
  });
});
