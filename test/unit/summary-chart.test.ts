import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { plainT } from '../../src/reports/labels.js';
import {
  buildSummaryChartModel,
  renderSummaryCharts,
  type ChartTimingCount,
  type SummaryChartModel,
} from '../../src/reports/charts/index.js';

const i18n = createI18n('vi');
const t = plainT(i18n.forLocale('vi'));
const tEn = plainT(i18n.forLocale('en'));
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const YEAR = { from: d('2025-01-01'), to: d('2025-12-31') };
const GOLDEN = path.resolve(import.meta.dirname, '../fixtures/summary-chart.golden.png');

const row = (
  type: ChartTimingCount['type'],
  timingPrecision: ChartTimingCount['timingPrecision'],
  start: string | null,
  end: string | null,
  count = 1,
): ChartTimingCount => ({
  type,
  timingPrecision,
  startDate: start ? d(start) : null,
  endDate: end ? d(end) : null,
  count,
});

describe('summary chart data', () => {
  it('puts day, range, month and deadline timings in their month; a quarter, a half-year and a year get their own bar after their last month; TBD is counted apart', () => {
    const m = buildSummaryChartModel(
      [
        row('OUTBOUND', 'DAY', '2025-04-15', '2025-04-15'),
        row('OUTBOUND', 'RANGE', '2025-04-28', '2025-05-03', 2),
        row('INBOUND', 'MONTH', '2025-09-01', '2025-09-30'),
        row('LETTER', 'DEADLINE', null, '2025-12-02'),
        row('INBOUND', 'QUARTER', '2025-07-01', '2025-09-30', 3),
        row('EXCHANGE', 'HALF_YEAR', '2025-01-01', '2025-06-30'),
        row('OTHER', 'YEAR', '2025-01-01', '2025-12-31'),
        row('CONFERENCE', 'TBD', null, null, 4),
        row('OUTBOUND', 'DAY', '2024-12-30', '2025-01-02'),
      ],
      [
        { countryCode: 'JP', count: 3 },
        { countryCode: 'LA', count: 5 },
      ],
      { period: YEAR, periodLabel: 'năm 2025', t, locale: 'vi' },
    );
    expect(m.categories).toEqual([
      'T1',
      'T2',
      'T3',
      'T4',
      'T5',
      'T6',
      '6 tháng đầu',
      'T7',
      'T8',
      'T9',
      'Quý III',
      'T10',
      'T11',
      'T12',
      'Cả năm',
      'Chưa xác định',
    ]);
    const of = (type: string) => m.series.find((s) => s.type === type)!.data;
    const at = (label: string) => m.categories.indexOf(label);
    expect(of('OUTBOUND')[at('T4')]).toBe(3); // the range that starts in April counts in April
    expect(of('OUTBOUND')[at('T1')]).toBe(1); // began before the period: its first month
    expect(of('INBOUND')[at('T9')]).toBe(1);
    expect(of('INBOUND')[at('Quý III')]).toBe(3);
    expect(of('LETTER')[at('T12')]).toBe(1);
    expect(of('EXCHANGE')[at('6 tháng đầu')]).toBe(1);
    expect(of('OTHER')[at('Cả năm')]).toBe(1);
    expect(of('CONFERENCE')[at('Chưa xác định')]).toBe(4);
    expect(m.series.map((s) => s.type)).toEqual(['OUTBOUND', 'INBOUND', 'LETTER', 'CONFERENCE', 'EXCHANGE', 'OTHER']);
    expect(m.total).toBe(15);
    expect(m.countries).toEqual([
      { label: 'Lào', count: 5 },
      { label: 'Nhật Bản', count: 3 },
    ]);
    expect(m.title).toBe('Hoạt động đối ngoại năm 2025: 15');
  });

  it('labels months with their year when the period spans two years, in English too', () => {
    const m = buildSummaryChartModel([row('OUTBOUND', 'QUARTER', '2026-01-01', '2026-03-31')], [], {
      period: { from: d('2025-11-01'), to: d('2026-02-28') },
      periodLabel: 'Nov 2025 – Feb 2026',
      t: tEn,
      locale: 'en',
    });
    expect(m.categories).toEqual(['Nov 25', 'Dec 25', 'Jan 26', 'Feb 26', 'Q1/2026']);
  });
});

/** The golden chart: stacked diacritics in the title, legend, axis and country labels. */
function goldenModel(): SummaryChartModel {
  return {
    title: 'Hoạt động đối ngoại năm 2025: Quốc khánh, Ất-ta-pư, Đoàn vào',
    monthsTitle: 'Theo tháng và loại hoạt động',
    countriesTitle: 'Quốc gia đối tác nhiều hoạt động nhất',
    categories: ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'Quý III', 'T10', 'T11', 'T12', 'Chưa xác định'],
    series: [
      { type: 'OUTBOUND', name: 'Đoàn ra', data: [1, 0, 2, 3, 1, 0, 2, 1, 4, 1, 0, 2, 1, 2] },
      { type: 'INBOUND', name: 'Đoàn vào', data: [0, 1, 1, 2, 0, 3, 1, 0, 2, 2, 1, 1, 0, 1] },
      { type: 'LETTER', name: 'Thư chúc mừng Quốc khánh', data: [0, 0, 0, 0, 0, 1, 1, 0, 2, 0, 0, 0, 3, 0] },
    ],
    countries: [
      { label: 'Lào (Ất-ta-pư)', count: 12 },
      { label: 'Nhật Bản', count: 9 },
      { label: 'Campuchia', count: 4 },
      { label: 'Hàn Quốc', count: 1 },
    ],
    emptyText: 'Không có hoạt động',
    total: 41,
  };
}

function decode(bytes: Buffer) {
  return PNG.sync.read(bytes);
}

describe('summary chart rendering', () => {
  it('draws a valid PNG with the shipped font, matching the stored golden image within a tolerance', () => {
    const { png, svg, width, height } = renderSummaryCharts(goldenModel(), { locale: 'vi' });
    expect(svg).toContain('Ất-ta-pư');
    expect(svg).toContain('Noto Sans');
    const img = decode(png);
    expect([img.width, img.height]).toEqual([width, height]);
    if (!fs.existsSync(GOLDEN) || process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(GOLDEN, png);
    const golden = decode(fs.readFileSync(GOLDEN));
    expect([img.width, img.height]).toEqual([golden.width, golden.height]);
    // Anti-aliasing may differ slightly between resvg builds: count clearly different pixels.
    let differing = 0;
    for (let i = 0; i < img.data.length; i += 4) {
      const diff = Math.max(
        Math.abs(img.data[i]! - golden.data[i]!),
        Math.abs(img.data[i + 1]! - golden.data[i + 1]!),
        Math.abs(img.data[i + 2]! - golden.data[i + 2]!),
      );
      if (diff > 48) differing++;
    }
    expect(differing / (img.width * img.height)).toBeLessThan(0.002);
  });

  it('renders text even where no font is installed: the title row has ink, and an unknown family falls back to the shipped font', () => {
    const m = goldenModel();
    const { png } = renderSummaryCharts({ ...m, countries: [], series: [], total: 0 }, { locale: 'vi' });
    const img = decode(png);
    let ink = 0;
    for (let y = 18; y < 50; y++)
      for (let x = 0; x < img.width; x++) if (img.data[(y * img.width + x) * 4]! < 128) ink++;
    expect(ink).toBeGreaterThan(500);
  });

  it('renders in under 500 ms once warm', () => {
    renderSummaryCharts(goldenModel(), { locale: 'vi' });
    const started = performance.now();
    renderSummaryCharts(goldenModel(), { locale: 'vi' });
    expect(performance.now() - started).toBeLessThan(500);
  });
});
