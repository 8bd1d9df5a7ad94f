/**
 * Accuracy and speed of the plan-document extractor (docs/product.md#plan-documents) on the seeds' plans (002, 004), each
 * as .txt, as a .docx whose numbers are Word automatic numbering, and as the mẫu 01 table (.xlsx and
 * .docx): items found / missed / spurious and the share of fields right (type, timing precision,
 * timing value, lead, coordinating, countries), per document and overall. Then the time to read a
 * 20-page plan (.txt and .docx). Targets: ≥ 95% of fields right, no item missed; 20 pages < 1 s.
 *
 *   npx tsx bench/plan-extract.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEMO_AGENCIES } from '../src/demo/seed-data.js';
import { extractFromBlocks, type AgencyRef } from '../src/domain/plan-extract/index.js';
import { readPlanFile } from '../src/services/plan-documents/index.js';
import { TRUTH_002, TRUTH_004, type TruthActivity } from '../test/fixtures/plans/truth.js';
import { planTextToNumberedDocx, rowsToDocxTable, rowsToXlsx, truthToTable } from '../test/support/plan-docs.js';
import { scoreExtraction, type Score } from '../test/support/plan-score.js';
import type { Figure } from './figure.js';
import { loadLine, spread } from './stats.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'test/fixtures/plans');
const AGENCIES: AgencyRef[] = DEMO_AGENCIES.map((a, i) => ({
  id: i + 1,
  code: a.code,
  nameVi: a.nameVi,
  nameEn: a.nameEn ?? null,
}));
const pct = (a: number, b: number) => Math.round((1000 * a) / b) / 10;

async function documents() {
  const seeds: [string, string, TruthActivity[]][] = [
    ['002', fs.readFileSync(path.join(FIXTURES, 'seed-002-binh-dinh-japan.txt'), 'utf8'), TRUTH_002],
    ['004', fs.readFileSync(path.join(FIXTURES, 'seed-004-kon-tum-laos-cambodia.txt'), 'utf8'), TRUTH_004],
  ];
  const docs: { name: string; file: string; bytes: Buffer; truth: TruthActivity[] }[] = [];
  for (const [n, text, truth] of seeds) {
    const table = truthToTable(truth);
    docs.push({ name: `${n} .txt`, file: `kh${n}.txt`, bytes: Buffer.from(text), truth });
    docs.push({
      name: `${n} .docx (Word numbering)`,
      file: `kh${n}.docx`,
      bytes: await planTextToNumberedDocx(text),
      truth,
    });
    docs.push({
      name: `${n} mẫu 01 table .xlsx`,
      file: `kh${n}.xlsx`,
      bytes: await rowsToXlsx(table.rows),
      truth: table.truth,
    });
    docs.push({
      name: `${n} mẫu 01 table .docx`,
      file: `kh${n}-bang.docx`,
      bytes: await rowsToDocxTable(table.rows),
      truth: table.truth,
    });
  }
  // Made once from the Word-numbered .docx with LibreOffice (test/fixtures/plans): a PDF with a text
  // layer, and a Word 97 .doc whose automatic numbers its text no longer carries (items come out 1, 2, …).
  docs.push({
    name: '004 .pdf (text layer)',
    file: 'kh004.pdf',
    bytes: fs.readFileSync(path.join(FIXTURES, 'seed-004.pdf')),
    truth: TRUTH_004,
  });
  docs.push({
    name: '004 .doc (Word 97)',
    file: 'kh004.doc',
    bytes: fs.readFileSync(path.join(FIXTURES, 'seed-004-word97.doc')),
    truth: TRUTH_004.map((t, i) => ({ ...t, item: String(i + 1) })),
  });
  return { docs, seeds };
}

/** A 20-page plan: the Bình Định–Japan programme's activities section repeated under eight section numbers. */
function twentyPages(text002: string): string {
  const start = text002.indexOf('II. NỘI DUNG');
  const end = text002.indexOf('III. KINH PHÍ');
  const section = text002.slice(start, end).replace(/^II\. /, '');
  const romans = ['II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX'];
  return `${text002.slice(0, start)}${romans.map((r) => `${r}. ${section}`).join('\n')}\n${text002.slice(end).replace(/^III\./, 'X.')}`;
}

async function main() {
  const { docs, seeds } = await documents();
  const figures: Figure[] = [];
  const total: Score = { expected: 0, found: 0, missed: [], spurious: [], fieldsRight: 0, fieldsTotal: 0, wrong: [] };
  console.log('document                         items  found missed spurious  fields right');
  for (const d of docs) {
    const { blocks } = await readPlanFile(d.bytes, d.file);
    const s = scoreExtraction(extractFromBlocks(blocks, { agencies: AGENCIES }).activities, d.truth);
    console.log(
      `${d.name.padEnd(32)} ${String(s.expected).padStart(5)} ${String(s.found).padStart(6)} ${String(s.missed.length).padStart(6)} ${String(s.spurious.length).padStart(8)}  ${s.fieldsRight}/${s.fieldsTotal} (${pct(s.fieldsRight, s.fieldsTotal)}%)`,
    );
    for (const w of s.wrong) console.log(`    ${w.item} ${w.field}: expected ${w.expected}, got ${w.got}`);
    if (s.missed.length) console.log(`    missed: ${s.missed.join(', ')}`);
    if (s.spurious.length) console.log(`    spurious: ${s.spurious.join(', ')}`);
    figures.push({
      name: `${d.name}: fields right`,
      value: pct(s.fieldsRight, s.fieldsTotal),
      unit: '%',
      target: '≥ 95',
      pass: s.fieldsRight / s.fieldsTotal >= 0.95,
    });
    figures.push({
      name: `${d.name}: items missed / spurious`,
      value: s.missed.length,
      unit: `missed, ${s.spurious.length} spurious of ${s.expected}`,
      target: '0 missed',
      pass: s.missed.length === 0,
    });
    total.expected += s.expected;
    total.found += s.found;
    total.missed.push(...s.missed);
    total.spurious.push(...s.spurious);
    total.fieldsRight += s.fieldsRight;
    total.fieldsTotal += s.fieldsTotal;
  }
  console.log(
    `overall: ${total.found}/${total.expected} items found, ${total.missed.length} missed, ${total.spurious.length} spurious; fields right ${total.fieldsRight}/${total.fieldsTotal} (${pct(total.fieldsRight, total.fieldsTotal)}%)`,
  );
  figures.push({
    name: 'overall: fields right',
    value: pct(total.fieldsRight, total.fieldsTotal),
    unit: '%',
    target: '≥ 95',
    pass: total.fieldsRight / total.fieldsTotal >= 0.95,
  });
  figures.push({
    name: 'overall: items missed',
    value: total.missed.length,
    unit: `of ${total.expected} (${total.spurious.length} spurious)`,
    target: '0',
    pass: total.missed.length === 0,
  });

  const big = twentyPages(seeds[0]![1]);
  const bigDocx = await planTextToNumberedDocx(big);
  for (const [name, file, bytes] of [
    ['20-page plan .txt', 'big.txt', Buffer.from(big)],
    ['20-page plan .docx', 'big.docx', bigDocx],
  ] as const) {
    const times: number[] = [];
    let count = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const { blocks } = await readPlanFile(bytes, file);
      count = extractFromBlocks(blocks, { agencies: AGENCIES }).activities.length;
      times.push(performance.now() - t0);
    }
    const first = times[0]!;
    const median = [...times].sort((a, b) => a - b)[2]!;
    console.log(
      `${name}: ${big.length} characters (~${Math.round(big.length / 3000)} pages), ${count} activities; first run ${first.toFixed(0)} ms, median of 5 ${median.toFixed(0)} ms (${spread(times)}); ${loadLine()}`,
    );
    figures.push({
      name: `${name}: read + extract, first run`,
      value: Math.round(first),
      unit: 'ms',
      target: '< 1000',
      pass: first < 1000,
    });
    figures.push({
      name: `${name}: read + extract, median of 5`,
      value: Math.round(median),
      unit: 'ms',
      target: '< 1000',
      pass: median < 1000,
    });
  }
  if (process.env.BENCH_RESULT_FILE) fs.writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(figures));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
