import type ExcelJS from 'exceljs';
import type { AgencyKind } from '../domain/enums.js';
import type { AgencyInput } from '../db/repos/agencies.js';
import type { Repos } from '../db/repos/index.js';
import { normalizeSearch } from '../domain/format.js';
import { TEXT_LIMITS } from '../domain/text-limits.js';

// Agencies imported from CSV or XLSX (docs/product.md#agencies): columns code, name (vi), English name, kind,
// active, in any order, headers in Vietnamese or English. Every bad row is reported and nothing
// is imported unless every row is good.

export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
export const AGENCY_KINDS: AgencyKind[] = [
  'DEPARTMENT',
  'PEOPLES_COMMITTEE',
  'PARTY_BODY',
  'MASS_ORGANISATION',
  'UNIVERSITY',
  'OTHER',
];
export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_.-]*$/;

type Column = 'code' | 'nameVi' | 'nameEn' | 'kind' | 'active';

const HEADERS: Record<Column, string[]> = {
  code: ['code', 'ma', 'ma co quan', 'ma don vi', 'agency code'],
  nameVi: [
    'name',
    'name vi',
    'name (vi)',
    'ten',
    'ten co quan',
    'ten don vi',
    'ten co quan don vi',
    'ten tieng viet',
    'vietnamese name',
  ],
  nameEn: ['english name', 'name en', 'name (en)', 'ten tieng anh', 'ten tieng anh (neu co)'],
  kind: ['kind', 'type', 'loai', 'loai co quan', 'loai hinh'],
  active: ['active', 'hoat dong', 'dang hoat dong', 'trang thai', 'status'],
};

const KIND_WORDS: [AgencyKind, string[]][] = [
  [
    'PEOPLES_COMMITTEE',
    [
      'peoples committee',
      "people's committee",
      'ubnd',
      'uy ban nhan dan',
      'ubnd huyen',
      'ubnd xa',
      'ubnd cap xa',
      'ubnd cap huyen',
    ],
  ],
  ['PARTY_BODY', ['party body', 'party', 'dang', 'co quan dang', 'to chuc dang']],
  ['MASS_ORGANISATION', ['mass organisation', 'mass organization', 'doan the', 'to chuc doan the', 'hoi']],
  ['UNIVERSITY', ['university', 'dai hoc', 'truong', 'truong dai hoc', 'vien']],
  ['DEPARTMENT', ['department', 'so', 'ban', 'nganh', 'so ban nganh', 'co quan chuyen mon']],
  ['OTHER', ['other', 'khac']],
];

const TRUE_WORDS = ['', '1', 'x', 'yes', 'y', 'true', 'active', 'co', 'dang hoat dong', 'hoat dong'];
const FALSE_WORDS = ['0', 'no', 'n', 'false', 'inactive', 'khong', 'ngung', 'ngung hoat dong', 'giai the'];

const norm = (s: string) => normalizeSearch(s).replace(/[_]+/g, ' ').trim();

/** `UBND`, `Sở`, `PEOPLES_COMMITTEE`… → the kind; null when unknown. Empty → DEPARTMENT. */
export function parseAgencyKind(text: string): AgencyKind | null {
  const upper = text.trim().toUpperCase();
  if ((AGENCY_KINDS as string[]).includes(upper)) return upper as AgencyKind;
  const key = norm(text);
  if (key === '') return 'DEPARTMENT';
  for (const [kind, words] of KIND_WORDS) if (words.includes(key)) return kind;
  return null;
}

export type RowProblem =
  | 'code_missing'
  | 'code_invalid'
  | 'code_too_long'
  | 'code_duplicate'
  | 'name_missing'
  | 'name_too_long'
  | 'name_en_too_long'
  | 'kind_invalid'
  | 'active_invalid';

export interface RowError {
  /** Line of the file (CSV) or worksheet row (XLSX), 1-based, header included. */
  row: number;
  problem: RowProblem;
  value?: string;
}

export type FileProblem = 'empty' | 'too_big' | 'too_many_rows' | 'no_header' | 'unreadable' | 'unsupported';

export interface ParsedAgencies {
  rows: AgencyInput[];
  errors: RowError[];
  fileError?: FileProblem;
}

/** Pure: validates a table (first row = header) into agency rows and the problems of each bad row. */
export function validateAgencyTable(table: { row: number; cells: string[] }[]): ParsedAgencies {
  const header = table[0];
  if (!header) return { rows: [], errors: [], fileError: 'empty' };
  const index: Partial<Record<Column, number>> = {};
  header.cells.forEach((cell, i) => {
    const key = norm(cell);
    for (const [col, names] of Object.entries(HEADERS) as [Column, string[]][]) {
      if (index[col] === undefined && names.includes(key)) index[col] = i;
    }
  });
  if (index.code === undefined || index.nameVi === undefined) return { rows: [], errors: [], fileError: 'no_header' };
  const body = table.slice(1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (body.length === 0) return { rows: [], errors: [], fileError: 'empty' };
  if (body.length > MAX_IMPORT_ROWS) return { rows: [], errors: [], fileError: 'too_many_rows' };

  const rows: AgencyInput[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { row, cells } of body) {
    const get = (col: Column) => (index[col] === undefined ? '' : (cells[index[col]] ?? '').trim());
    const problems: RowError[] = [];
    const code = get('code').toUpperCase();
    if (!code) problems.push({ row, problem: 'code_missing' });
    else if (code.length > TEXT_LIMITS.agencyCode)
      problems.push({ row, problem: 'code_too_long', value: code.slice(0, 40) });
    else if (!CODE_PATTERN.test(code)) problems.push({ row, problem: 'code_invalid', value: code });
    else if (seen.has(code)) problems.push({ row, problem: 'code_duplicate', value: code });
    const nameVi = get('nameVi').replace(/\s+/g, ' ');
    if (!nameVi) problems.push({ row, problem: 'name_missing' });
    else if (nameVi.length > TEXT_LIMITS.agencyName) problems.push({ row, problem: 'name_too_long' });
    const nameEn = get('nameEn').replace(/\s+/g, ' ');
    if (nameEn.length > TEXT_LIMITS.agencyName) problems.push({ row, problem: 'name_en_too_long' });
    const kind = parseAgencyKind(get('kind'));
    if (!kind) problems.push({ row, problem: 'kind_invalid', value: get('kind').slice(0, 40) });
    const activeText = norm(get('active'));
    const active = TRUE_WORDS.includes(activeText) ? true : FALSE_WORDS.includes(activeText) ? false : null;
    if (active === null) problems.push({ row, problem: 'active_invalid', value: get('active').slice(0, 40) });
    if (code && !seen.has(code)) seen.set(code, row);
    if (problems.length) errors.push(...problems);
    else rows.push({ code, nameVi, nameEn: nameEn || null, kind: kind!, active: active! });
  }
  return { rows, errors };
}

/** RFC 4180 CSV (quotes, doubled quotes, newlines in quotes); `,`, `;` or tab, guessed from the header. */
export function parseCsv(text: string): { row: number; cells: string[] }[] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].reduce(
    (best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best),
    ',',
  );
  const out: { row: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(cell);
      out.push({ row: rowStart, cells });
      cells = [];
      cell = '';
      line++;
      rowStart = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length) {
    cells.push(cell);
    out.push({ row: rowStart, cells });
  }
  return out;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result);
    if ('error' in value) return '';
  }
  return String(value);
}

/** The first worksheet of an XLSX file as a table. */
export async function readXlsx(bytes: Buffer): Promise<{ row: number; cells: string[] }[]> {
  // Loaded on first use: exceljs costs ≈ 1.2 s and 15 MB at start-up otherwise.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  await wb.xlsx.load(bytes as never);
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const out: { row: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const cells: string[] = [];
    r.eachCell({ includeEmpty: true }, (c, col) => {
      cells[col - 1] = cellText(c.value);
    });
    out.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return out;
}

export function fileKind(fileName: string): 'csv' | 'xlsx' | null {
  const ext = fileName.toLowerCase().split('.').pop();
  return ext === 'csv' ? 'csv' : ext === 'xlsx' ? 'xlsx' : null;
}

/** Reads and validates a CSV or XLSX file of agencies. */
export async function parseAgencyFile(bytes: Buffer, fileName: string): Promise<ParsedAgencies> {
  const kind = fileKind(fileName);
  if (!kind) return { rows: [], errors: [], fileError: 'unsupported' };
  if (bytes.length > MAX_IMPORT_BYTES) return { rows: [], errors: [], fileError: 'too_big' };
  let table: { row: number; cells: string[] }[];
  try {
    table = kind === 'csv' ? parseCsv(bytes.toString('utf8')) : await readXlsx(bytes);
  } catch {
    return { rows: [], errors: [], fileError: 'unreadable' };
  }
  return validateAgencyTable(table);
}

export type ImportResult = ParsedAgencies & { created: number; updated: number };

/** Imports every row in one transaction, or nothing when any row is bad. */
export async function importAgencies(
  repos: Pick<Repos, 'agencies'>,
  bytes: Buffer,
  fileName: string,
): Promise<ImportResult> {
  const parsed = await parseAgencyFile(bytes, fileName);
  if (parsed.fileError || parsed.errors.length) return { ...parsed, created: 0, updated: 0 };
  const existing = new Set((await repos.agencies.list()).map((a) => a.code));
  await repos.agencies.upsertMany(parsed.rows);
  const created = parsed.rows.filter((r) => !existing.has(r.code)).length;
  return { ...parsed, created, updated: parsed.rows.length - created };
}

/** English text of a problem, for the CLI (the bot uses its locales). */
export function describeProblem(e: RowError): string {
  const messages: Record<RowProblem, string> = {
    code_missing: 'code is missing',
    code_invalid: `code "${e.value}" may only contain A-Z, 0-9, "-", "_" and "."`,
    code_too_long: `code is longer than ${TEXT_LIMITS.agencyCode} characters`,
    code_duplicate: `code "${e.value}" appears twice in the file`,
    name_missing: 'name is missing',
    name_too_long: `name is longer than ${TEXT_LIMITS.agencyName} characters`,
    name_en_too_long: `English name is longer than ${TEXT_LIMITS.agencyName} characters`,
    kind_invalid: `kind "${e.value}" is not one of ${AGENCY_KINDS.join(', ')}`,
    active_invalid: `active "${e.value}" is not yes/no`,
  };
  return `row ${e.row}: ${messages[e.problem]}`;
}
