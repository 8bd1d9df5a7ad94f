/**
 * Rows of a programme plan as the seeds lay them out (002, 004): columns STT, Nội dung hoạt động,
 * Thời gian, Cơ quan chủ trì, Cơ quan phối hợp (and optionally Loại hoạt động, Quốc gia, Đối tác,
 * Ghi chú), headers in Vietnamese or English, the header row anywhere in the first rows (a title
 * may stand above it). Pure: a worksheet's cell texts and the known agencies in, the activities
 * and every bad row (with what is wrong) out. Reading the file and storing are in
 * services/programme-import.ts.
 */
import type { ActivityType } from './enums.js';
import type { ActivityInput } from '../db/repos/activities.js';
import { normalizeSearch } from './format.js';
import { countryByCode, searchCountries } from './countries.js';
import { parseTiming, timingToColumns, TIMING_MAX_LENGTH } from './timing/index.js';

export const MAX_PROGRAMME_ROWS = 500;
export const CONTENT_MAX = 1000;
const HEADER_SCAN_ROWS = 15;

export type Column =
  'stt' | 'content' | 'timing' | 'lead' | 'coordinating' | 'type' | 'countries' | 'partner' | 'notes';

const HEADERS: Record<Column, string[]> = {
  stt: ['stt', 'tt', 'so tt', 'so thu tu', 'no', 'no.', '#'],
  content: [
    'noi dung',
    'noi dung hoat dong',
    'hoat dong',
    'ten hoat dong',
    'noi dung cong viec',
    'content',
    'activity',
    'activities',
    'title',
  ],
  timing: [
    'thoi gian',
    'thoi gian thuc hien',
    'thoi gian to chuc',
    'thoi gian du kien',
    'time',
    'timing',
    'when',
    'date',
  ],
  lead: [
    'co quan chu tri',
    'don vi chu tri',
    'chu tri',
    'co quan chu tri de xuat',
    'co quan, don vi chu tri',
    'lead',
    'lead agency',
  ],
  coordinating: [
    'co quan phoi hop',
    'don vi phoi hop',
    'phoi hop',
    'co quan, don vi phoi hop',
    'coordinating',
    'coordinating agencies',
    'coordination',
  ],
  type: ['loai', 'loai hoat dong', 'hinh thuc', 'type', 'activity type'],
  countries: ['quoc gia', 'quoc gia doi tac', 'nuoc', 'country', 'countries'],
  partner: ['doi tac', 'doi tac/quoc gia', 'partner', 'partners'],
  notes: ['ghi chu', 'notes', 'note'],
};

export type RowProblem =
  | 'content_missing'
  | 'content_too_long'
  | 'timing_missing'
  | 'timing_invalid'
  | 'lead_missing'
  | 'lead_unknown'
  | 'lead_several'
  | 'coordinating_unknown'
  | 'type_unknown'
  | 'country_unknown'
  | 'text_too_long';

export interface RowError {
  /** Worksheet row, 1-based (as Excel shows it). */
  row: number;
  problem: RowProblem;
  value?: string;
}

export type FileProblem = 'empty' | 'too_big' | 'too_many_rows' | 'no_header' | 'unreadable' | 'unsupported';

export interface ProgrammeRow extends Omit<ActivityInput, 'planId' | 'status' | 'source'> {
  row: number;
}

export interface ParsedProgramme {
  rows: ProgrammeRow[];
  errors: RowError[];
  /** Heading rows (I., 1., a) with no timing nor agencies) that were passed over. */
  headings: number;
  fileError?: FileProblem;
}

export interface KnownAgency {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  active: boolean;
}

export const TYPE_CODES: ActivityType[] = [
  'OUTBOUND',
  'INBOUND',
  'LETTER',
  'CONFERENCE',
  'ONLINE_TALK',
  'AGREEMENT',
  'EXCHANGE',
  'MEDIA',
  'AWARD',
  'OTHER',
];

const TYPE_WORDS: Record<ActivityType, string[]> = {
  OUTBOUND: ['doan ra', 'outbound', 'outbound delegation'],
  INBOUND: ['doan vao', 'inbound', 'inbound delegation'],
  LETTER: ['thu chuc mung', 'thu', 'letter', 'congratulatory letter'],
  CONFERENCE: ['hoi nghi', 'hoi thao', 'hoi nghi, hoi thao quoc te', 'hoi nghi hoi thao', 'conference'],
  ONLINE_TALK: ['hoi dam truc tuyen', 'hoi dam', 'online talk', 'online talks'],
  AGREEMENT: ['ky ket', 'thoa thuan', 'ky ket thoa thuan quoc te', 'agreement'],
  EXCHANGE: ['giao luu', 'giao luu van hoa, the thao, nhan dan', 'exchange'],
  MEDIA: ['thong tin doi ngoai', 'tuyen truyen', 'thong tin doi ngoai, tuyen truyen', 'media'],
  AWARD: ['khen thuong', 'khen thuong doi ngoai', 'award'],
  OTHER: ['khac', 'hoat dong khac', 'other'],
};

/** Words of the seeds' contents that tell the type, most specific first. */
const TYPE_HINTS: [ActivityType, RegExp][] = [
  ['LETTER', /\bthu chuc mung\b|\bdien chuc mung\b|congratulatory letter/],
  ['ONLINE_TALK', /\bhoi dam truc tuyen\b|\btruc tuyen\b.*\bhoi dam\b|online talk/],
  ['AGREEMENT', /\bky ket\b|\bban ghi nho\b|\bthoa thuan\b|\bthiet lap quan he huu nghi\b|memorandum|agreement/],
  ['CONFERENCE', /\bhoi nghi\b|\bhoi thao\b|\bdien dan\b|conference|seminar|forum/],
  ['INBOUND', /\bdon tiep\b|\bdon doan\b|\btiep doan\b|\bsang tham va lam viec tai tinh\b|receiv/],
  ['OUTBOUND', /\bdoan cong tac\b|\bdoan can bo\b|\bsang tham\b|\bcu doan\b|\bdoan ra\b|delegation .*visit/],
  ['AWARD', /\bkhen thuong\b|\btang thuong\b|\bhuan chuong\b|\bbang khen\b|award/],
  ['MEDIA', /\btuyen truyen\b|\bthong tin doi ngoai\b|\bphong su\b|\bbao chi\b|media|press/],
  ['EXCHANGE', /\bgiao luu\b|\bvan hoa\b|\bthe thao\b|\bhoa anh dao\b|exchange|festival/],
];

const norm = (s: string) =>
  normalizeSearch(s)
    .replace(/[_]+/g, ' ')
    .replace(/[:.]+$/, '')
    .trim();
/** "Ủy ban nhân dân" and "UBND" name the same agency. */
const agencyKey = (s: string) =>
  norm(s)
    .replace(/\buy ban nhan dan\b/g, 'ubnd')
    .replace(/\bhoi dong nhan dan\b/g, 'hdnd')
    .replace(/[.,;]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/** `Đoàn ra`, `OUTBOUND`, `hội nghị`… → the type; null when unknown. */
export function parseActivityType(text: string): ActivityType | null {
  const upper = text.trim().toUpperCase();
  if ((TYPE_CODES as string[]).includes(upper)) return upper as ActivityType;
  const key = norm(text);
  for (const code of TYPE_CODES) if (TYPE_WORDS[code].includes(key)) return code;
  return null;
}

/** The type a content line most likely describes (the seeds' plans have no type column). */
export function guessActivityType(content: string): ActivityType {
  const key = norm(content);
  for (const [type, re] of TYPE_HINTS) if (re.test(key)) return type;
  return 'OTHER';
}

/** "các cơ quan liên quan", "các sở ngành có liên quan": not an agency, left out. */
const RELATED =
  /^(va\s+)?(cac\s+)?(co quan|don vi|so ban nganh|so nganh|co quan don vi|to chuc|doanh nghiep|dia phuong|so|nganh)\b.*\blien quan\b.*$/;
/** "… và các cơ quan liên quan" at the end of a name. */
const TRAILING_RELATED = /\s+và\s+(?:các\s+)?[^,;\n]*?\bliên quan[^,;\n]*/giu;

/**
 * Splits a "Cơ quan phối hợp" cell into agency names, the way the seeds write it:
 * `Văn phòng Tỉnh ủy, Văn phòng UBND tỉnh, các Sở: Kế hoạch và Đầu tư, Công Thương và các cơ quan
 * liên quan` → ["Văn phòng Tỉnh ủy", "Văn phòng UBND tỉnh", "Sở Kế hoạch và Đầu tư", "Sở Công Thương"].
 * Names after "các Sở:" get "Sở " in front (the match also tries them without it).
 */
export function splitAgencyList(cell: string): { name: string; alt?: string }[] {
  const out: { name: string; alt?: string }[] = [];
  const text = cell
    .replace(/\r/g, '')
    .replace(/sở,\s*ban,\s*ngành/giu, 'sở ban ngành')
    .replace(/sở,\s*ngành/giu, 'sở ngành')
    .replace(/cơ quan,\s*đơn vị/giu, 'cơ quan đơn vị')
    .replace(TRAILING_RELATED, '')
    .replace(/\s*\.\s*$/, '');
  for (const group of text.split(/[;\n]+/)) {
    let prefix = '';
    for (let part of group.split(',')) {
      part = part.replace(/^[\s\-–+•]+/, '').trim();
      const m = /^(các\s+)?(sở|ban)\s*:\s*(.*)$/iu.exec(part);
      if (m) {
        prefix = `${m[2]!.charAt(0).toUpperCase()}${m[2]!.slice(1).toLowerCase()} `;
        part = m[3]!.trim();
      }
      if (!part || RELATED.test(norm(part))) continue;
      out.push(prefix ? { name: `${prefix}${part}`, alt: part } : { name: part });
    }
  }
  return out;
}

export interface AgencyMatcher {
  find(text: string): KnownAgency | null;
}

/** Finds agencies by code or by name (Vietnamese or English, diacritics and "UBND" spelled either way). */
export function agencyMatcher(agencies: KnownAgency[]): AgencyMatcher {
  const byKey = new Map<string, KnownAgency>();
  // Active agencies win a name shared with a deactivated one.
  const ordered = [...agencies].sort((a, b) => Number(a.active) - Number(b.active));
  for (const a of ordered) {
    byKey.set(`code:${a.code.toUpperCase()}`, a);
    byKey.set(agencyKey(a.nameVi), a);
    if (a.nameEn) byKey.set(agencyKey(a.nameEn), a);
  }
  return {
    find(text) {
      const t = text.trim();
      if (!t) return null;
      const hit =
        byKey.get(`code:${t.toUpperCase()}`) ??
        byKey.get(agencyKey(t)) ??
        byKey.get(agencyKey(t.replace(/\s+tỉnh$/iu, '')));
      return hit && hit.active ? hit : null;
    },
  };
}

function parseCountries(cell: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const raw of cell
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const byCode = /^[A-Za-z]{2}$/.test(raw) ? countryByCode(raw) : undefined;
    const hit = byCode ?? searchCountries(raw, 1)[0];
    const key = normalizeSearch(raw);
    const exact = hit && (byCode || [hit.vi, hit.en, ...hit.aliases].some((n) => normalizeSearch(n) === key));
    if (hit && exact) codes.push(hit.code);
    else unknown.push(raw);
  }
  return { codes: [...new Set(codes)], unknown };
}

/** The agencies an item names: itself, or "A và B" when both halves are agencies ("Kế hoạch và Đầu tư" stays whole). */
function resolveItem(match: AgencyMatcher, item: { name: string; alt?: string }): KnownAgency[] | null {
  const one = match.find(item.name) ?? (item.alt ? match.find(item.alt) : null);
  if (one) return [one];
  const parts = item.name.split(/\s+và\s+/iu);
  if (parts.length < 2) return null;
  const found = parts.map((p) => match.find(p));
  return found.every(Boolean) ? (found as KnownAgency[]) : null;
}

export interface Table {
  row: number;
  cells: string[];
}

function findHeader(table: Table[]): { at: number; index: Partial<Record<Column, number>> } | null {
  for (let i = 0; i < Math.min(table.length, HEADER_SCAN_ROWS); i++) {
    const index: Partial<Record<Column, number>> = {};
    table[i]!.cells.forEach((cell, col) => {
      const key = norm(cell);
      for (const [name, words] of Object.entries(HEADERS) as [Column, string[]][]) {
        if (index[name] === undefined && words.includes(key)) index[name] = col;
      }
    });
    if (index.content !== undefined && index.lead !== undefined) return { at: i, index };
  }
  return null;
}

const isHeadingNumber = (s: string) => s === '' || /^([IVXLC]+|[A-Z]|[a-zđ]\)?)\.?$/.test(s.trim());

/** Pure: validates a worksheet (as rows of cell texts) against the known agencies. */
export function validateProgrammeTable(table: Table[], agencies: KnownAgency[]): ParsedProgramme {
  const empty = (fileError: FileProblem): ParsedProgramme => ({ rows: [], errors: [], headings: 0, fileError });
  if (table.length === 0) return empty('empty');
  const header = findHeader(table);
  if (!header) return empty('no_header');
  const { index } = header;
  const body = table.slice(header.at + 1).filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (body.length === 0) return empty('empty');
  if (body.length > MAX_PROGRAMME_ROWS) return empty('too_many_rows');
  const match = agencyMatcher(agencies);
  const rows: ProgrammeRow[] = [];
  const errors: RowError[] = [];
  let headings = 0;
  for (const { row, cells } of body) {
    const get = (c: Column) => (index[c] === undefined ? '' : (cells[index[c]] ?? '').trim());
    const content = get('content').replace(/[ \t]+/g, ' ');
    const timingText = get('timing').replace(/\s+/g, ' ');
    const leadText = get('lead');
    const coordText = get('coordinating');
    // A heading of the plan ("II. NỘI DUNG…", "1. Trao đổi thư chúc mừng") carries no timing nor agencies.
    if (!timingText && !leadText && !coordText && isHeadingNumber(get('stt')) && !get('type')) {
      headings++;
      continue;
    }
    const problems: RowError[] = [];
    if (!content) problems.push({ row, problem: 'content_missing' });
    else if (content.length > CONTENT_MAX)
      problems.push({ row, problem: 'content_too_long', value: String(content.length) });

    let columns: ReturnType<typeof timingToColumns> | null = null;
    if (!timingText) problems.push({ row, problem: 'timing_missing' });
    else if (timingText.length > TIMING_MAX_LENGTH)
      problems.push({ row, problem: 'timing_invalid', value: `${timingText.slice(0, 60)}…` });
    else {
      const parsed = parseTiming(timingText);
      if (parsed.ok) columns = timingToColumns(parsed.timing);
      else problems.push({ row, problem: 'timing_invalid', value: timingText });
    }

    let leadId: number | null = null;
    const leads = splitAgencyList(leadText);
    if (leads.length === 0) problems.push({ row, problem: 'lead_missing' });
    else {
      const found = leads.map((l) => resolveItem(match, l));
      const missing = leads.filter((_, i) => !found[i]);
      const ids = new Set(found.flatMap((f) => (f ?? []).map((a) => a.id)));
      if (missing.length)
        problems.push({
          row,
          problem: 'lead_unknown',
          value: missing
            .map((m) => m.name)
            .join('; ')
            .slice(0, 200),
        });
      else if (ids.size > 1) problems.push({ row, problem: 'lead_several', value: leadText.slice(0, 200) });
      else leadId = [...ids][0]!;
    }

    const coordinating: number[] = [];
    const unknownCoord: string[] = [];
    for (const c of splitAgencyList(coordText)) {
      const found = resolveItem(match, c);
      if (found) coordinating.push(...found.map((a) => a.id));
      else unknownCoord.push(c.name);
    }
    if (unknownCoord.length)
      problems.push({ row, problem: 'coordinating_unknown', value: unknownCoord.join('; ').slice(0, 200) });

    const typeText = get('type');
    const type = typeText ? parseActivityType(typeText) : guessActivityType(content);
    if (!type) problems.push({ row, problem: 'type_unknown', value: typeText.slice(0, 60) });

    const countries = parseCountries(get('countries'));
    if (countries.unknown.length)
      problems.push({ row, problem: 'country_unknown', value: countries.unknown.join(', ').slice(0, 100) });
    const partner = get('partner');
    const notes = get('notes');
    if (partner.length > 300 || notes.length > 2000) problems.push({ row, problem: 'text_too_long' });

    if (problems.length) {
      errors.push(...problems);
      continue;
    }
    rows.push({
      row,
      type: type!,
      title: content,
      leadAgencyId: leadId!,
      coordinatingAgencyIds: [...new Set(coordinating.filter((id) => id !== leadId))],
      countryCodes: countries.codes,
      partnerName: partner || null,
      notes: notes || null,
      timingText,
      ...columns!,
    });
  }
  if (rows.length === 0 && errors.length === 0) return { rows, errors, headings, fileError: 'empty' };
  return { rows, errors, headings };
}

/** English text of a problem, for the CLI (the bot uses its locales). */
export function describeProblem(e: RowError): string {
  const v = e.value ?? '';
  const messages: Record<RowProblem, string> = {
    content_missing: 'the content (Nội dung) is missing',
    content_too_long: `the content is longer than ${CONTENT_MAX} characters`,
    timing_missing: 'the time (Thời gian) is missing',
    timing_invalid: `the time "${v}" is not understood (e.g. "tháng 6 năm 2023", "quý III/2025", "trước 15/9/2023")`,
    lead_missing: 'the lead agency (Cơ quan chủ trì) is missing',
    lead_unknown: `the lead agency "${v}" is not in the agency list`,
    lead_several: `several lead agencies "${v}": give one`,
    coordinating_unknown: `coordinating agencies not in the agency list: ${v}`,
    type_unknown: `the activity type "${v}" is unknown`,
    country_unknown: `unknown countries: ${v}`,
    text_too_long: 'the partner or notes are too long',
  };
  return `row ${e.row}: ${messages[e.problem]}`;
}
