/**
 * Seen, not assumed: the generated .docx and .xlsx go through LibreOffice to PDF, and the PDF's
 * words (with their boxes) show that every table cell's text stays inside its own row (nothing
 * clipped or spilling into the next row, no date broken across lines) and that the heading blocks
 * are on the first page. Needs LibreOffice and poppler (.ci/run installs them); without them the
 * test is skipped unless REQUIRE_OFFICE_TOOLS is set, as CI sets it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { plainT } from '../../src/reports/labels.js';
import { buildReportModel, type ReportModel } from '../../src/reports/report-model.js';
import { renderDocx } from '../../src/reports/docx.js';
import { renderXlsx } from '../../src/reports/xlsx.js';
import { summaryPeriod } from '../../src/domain/summary.js';
import { DEFAULT_REPORT_SETTINGS } from '../../src/domain/report-settings.js';
import { buildSummaryChartModel, renderSummaryCharts } from '../../src/reports/charts/index.js';
import { samplePlan } from '../support/report-sample.js';
import { convertToPdf, hasOfficeTools, pdfWords, renderPage, type PdfWord } from '../support/pdf.js';

const ZONE = 'Asia/Ho_Chi_Minh';
const NOW = DateTime.fromISO('2023-09-05T09:00:00', { zone: ZONE });
const t = plainT(createI18n('vi').forLocale('vi'));
const tools = hasOfficeTools();
if (!tools && process.env.REQUIRE_OFFICE_TOOLS)
  throw new Error(
    'LibreOffice (soffice) and poppler-utils (pdftotext, pdftoppm) are required: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils',
  );

const DATE = /\d{2}\/\d{2}\/\d{4}/g;
/** Digits grouped by dots or commas read the same whichever separator the renderer used. */
const norm = (w: string) => (/^[\d.,]+$/.test(w) ? w.replace(/[.,]/g, '') : w);
const tokens = (cells: readonly (string | number)[]) =>
  cells
    .flatMap((c) => String(c).split(/\s+/))
    .filter(Boolean)
    .map(norm);
const at = (w: PdfWord) => w.page * 100_000 + w.yMin;

/**
 * The plan table's rows, found by their STT numbers and group headings in the first column, each
 * with the words between it and the next row. Each row's words must be exactly its cells' words:
 * text clipped by a short row, spilling into the next one, or a word broken across lines fails.
 */
function checkPlanTable(words: PdfWord[], m: ReportModel) {
  const expected: { start: string; tokens: string[] }[] = [];
  for (const g of [...m.groups, ...(m.apart ? [m.apart] : [])]) {
    expected.push({ start: g.heading.split(' ')[0]!, tokens: tokens([g.heading]) });
    for (const r of g.rows) expected.push({ start: String(r[0]), tokens: tokens(r) });
  }
  const stt = words.filter((w) => w.text === 'STT');
  expect(stt.length, 'the header row').toBeGreaterThan(0);
  const firstHeader = stt[0]!;
  const col1Right = firstHeader.xMax + 10;
  const end = words.find((w) => w.text === 'THỐNG' && at(w) > at(firstHeader));
  const tableWords = words
    .filter((w) => at(w) >= at(firstHeader) && (!end || at(w) < at(end)))
    .sort((a, b) => at(a) - at(b) || a.xMin - b.xMin);
  // Row starts, in reading order: the first column's number or heading word, matched in sequence.
  const starts: PdfWord[] = [];
  let i = 0;
  for (const w of tableWords) {
    if (i < expected.length && w.xMin < col1Right && w.text === expected[i]!.start && !stt.includes(w)) {
      starts.push(w);
      i++;
    }
  }
  expect(starts.map((w) => w.text)).toEqual(expected.map((e) => e.start));
  // The repeated header row on each page is not part of any row.
  const headerHeight = starts[0]!.yMin - firstHeader.yMin;
  const inHeader = (w: PdfWord) =>
    stt.some((h) => h.page === w.page && w.yMin >= h.yMin - 2 && w.yMin < h.yMin + headerHeight - 1);
  starts.forEach((s, k) => {
    const next = starts[k + 1];
    const got = tableWords
      .filter((w) => at(w) >= at(s) - 1 && (!next || at(w) < at(next) - 1) && !inHeader(w))
      .map((w) => norm(w.text));
    expect(got.sort(), `row ${k} (${expected[k]!.tokens.slice(0, 6).join(' ')}…)`).toEqual(
      [...expected[k]!.tokens].sort(),
    );
  });
  // Every date of the table is one whole word, on one line.
  const dates = expected.flatMap((e) => e.tokens.join(' ').match(DATE) ?? []);
  expect(dates.length).toBeGreaterThan(3);
  for (const d of dates)
    expect(
      tableWords.some((w) => w.text.includes(d)),
      d,
    ).toBe(true);
}

describe.runIf(tools)('the report as LibreOffice prints it', () => {
  let dir: string;
  let m: ReportModel;
  let chart: ReturnType<typeof renderSummaryCharts>;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-pdf-'));
    const rows = samplePlan();
    m = buildReportModel(rows, {
      t,
      locale: 'vi',
      zone: ZONE,
      now: NOW,
      period: summaryPeriod('2023', NOW),
      plan: null,
      settings: { ...DEFAULT_REPORT_SETTINGS, province: 'Bình Định', signerName: 'Nguyễn Văn An' },
      context: {
        planRequests: [
          {
            title: 'Kế hoạch đối ngoại năm 2024',
            deadline: new Date('2023-09-25'),
            agencies: 42,
            answered: 30,
            nil: 4,
            missing: ['Sở Y tế', 'UBND thị xã An Nhơn'],
          },
        ],
        risks: [],
      },
    });
    const chartModel = buildSummaryChartModel(
      rows.map((r) => ({ ...r, count: 1 })),
      [
        { countryCode: 'JP', count: 2 },
        { countryCode: 'LA', count: 1 },
      ],
      {
        period: { from: new Date('2023-01-01'), to: new Date('2023-12-31') },
        periodLabel: 'năm 2023',
        t,
        locale: 'vi',
      },
    );
    chart = renderSummaryCharts(chartModel, { locale: 'vi' });
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('.docx: issuing body, national heading, number and date on page 1; the appendix table rows hold their own text', async () => {
    const file = path.join(dir, 'report.docx');
    fs.writeFileSync(file, await renderDocx(m, 'vi', { chart, t }));
    const pdf = convertToPdf(file, dir);
    const { words, pages } = pdfWords(pdf);
    const page1 = words.filter((w) => w.page === 1);
    const find = (text: string) => page1.find((w) => w.text === text);
    for (const text of [
      'UBND',
      'SỞ',
      'NGOẠI',
      'VỤ',
      'Số:',
      '……/BC-SNgV',
      'CỘNG',
      'HÒA',
      'Độc',
      'Hạnh',
      'phúc',
      'Bình',
      'ngày',
      'BÁO',
      'CÁO',
    ])
      expect(find(text), text).toBeDefined();
    // Issuing body left, national heading right, on the same band; number and date under them; the title below.
    expect(find('UBND')!.xMax).toBeLessThan(find('CỘNG')!.xMin);
    expect(Math.abs(find('UBND')!.yMin - find('CỘNG')!.yMin)).toBeLessThan(4);
    expect(find('Số:')!.yMin).toBeGreaterThan(find('SỞ')!.yMax);
    expect(find('BÁO')!.yMin).toBeGreaterThan(find('Số:')!.yMax);
    expect(pages[0]!.height).toBeGreaterThan(pages[0]!.width); // the letter: portrait
    // Signature before the appendix; the appendix on landscape pages.
    const landscape = (w: PdfWord) => pages[w.page - 1]!.width > pages[w.page - 1]!.height;
    const appendix = words.find((w) => w.text === 'Phụ' && landscape(w))!;
    const signer = words.find((w) => w.text === 'KT.')!;
    expect(signer.page).toBeLessThan(appendix.page);
    expect(words.some((w) => w.page === signer.page && w.text === 'Nơi')).toBe(true);
    checkPlanTable(words, m);
    // UPDATE_DOCS_IMAGES=1 refreshes the README's pictures of the first page and the appendix.
    if (process.env.UPDATE_DOCS_IMAGES) {
      renderPage(pdf, 1, path.resolve('docs/report-page-1.png'), 80);
      renderPage(pdf, appendix.page, path.resolve('docs/report-appendix.png'), 80);
    }
  }, 180_000);

  it('.xlsx: the plan sheet prints every row at a height that holds its wrapped text, dates on one line; the chart sheet prints', async () => {
    const file = path.join(dir, 'report-sheets.xlsx');
    fs.writeFileSync(file, await renderXlsx(m, NOW, { chart, t }));
    const pdf = convertToPdf(file, dir);
    const { words, pages } = pdfWords(pdf);
    expect(
      words
        .filter((w) => w.page === 1)
        .map((w) => w.text)
        .slice(0, 7),
    ).toEqual(['TỔNG', 'HỢP', 'KẾ', 'HOẠCH', 'ĐỐI', 'NGOẠI', 'NĂM']);
    checkPlanTable(words, m);
    // The last page is the chart sheet: a picture, so a rendered page with plenty of ink.
    const png = path.join(dir, 'chart-page.png');
    renderPage(pdf, pages.length, png, 40);
    const img = PNG.sync.read(fs.readFileSync(png));
    let ink = 0;
    for (let p = 0; p < img.data.length; p += 4) if (img.data[p]! < 200 || img.data[p + 2]! < 200) ink++;
    expect(ink / (img.width * img.height)).toBeGreaterThan(0.02);
  }, 180_000);
});
