/**
 * A plan written as a table (the 2025 plan request's "mẫu 01": STT | Nội dung | Thời gian | Cơ quan chủ trì |
 * Cơ quan phối hợp | …), in a .docx, .xlsx or .csv. The header row is found by its words (anywhere in
 * the first rows); rows without timing nor agencies are headings ("I. ĐOÀN RA", "1. Sở Công
 * Thương") that give the item path and, when they name a type, the type.
 */
import type { Item } from './item.js';
import type { FieldKind, FieldValue } from './fields.js';
import { readMarker } from './markers.js';
import { fold, squash } from './text.js';

type Column = 'stt' | 'content' | FieldKind | 'type' | 'notes';

const HEADER_WORDS: [Column, RegExp][] = [
  ['stt', /^(?:stt|tt|so tt|so thu tu|no|#)$/],
  ['coordinating', /phoi hop|coordinat/],
  ['lead', /chu tri|lead|don vi thuc hien|co quan thuc hien/],
  ['timing', /thoi gian|thoi diem|time|date/],
  ['type', /^(?:loai|loai hinh|hinh thuc|type)/],
  ['funding', /kinh phi|nguon|funding|cost/],
  ['members', /thanh phan|so luong|so nguoi|quy mo|members/],
  ['partner', /doi tac|partner/],
  ['countries', /quoc gia|nuoc den|nuoc|country/],
  ['place', /dia diem|dia ban|place|venue/],
  ['notes', /ghi chu|note/],
  ['content', /noi dung|hoat dong|ten doan|muc dich|content|activit|title/],
];

function headerOf(row: string[]): Partial<Record<Column, number>> {
  const index: Partial<Record<Column, number>> = {};
  row.forEach((cell, col) => {
    const key = fold(cell);
    if (!key) return;
    for (const [name, re] of HEADER_WORDS) {
      if (re.test(key)) {
        if (index[name] === undefined) index[name] = col;
        break;
      }
    }
  });
  return index;
}

function findHeader(rows: string[][]): { at: number; index: Partial<Record<Column, number>> } | null {
  for (let i = 0; i < Math.min(rows.length, 12); i++) {
    const index = headerOf(rows[i]!);
    if (index.content !== undefined && (index.lead !== undefined || index.timing !== undefined))
      return { at: i, index };
  }
  return null;
}

export function looksLikePlanTable(rows: string[][]): boolean {
  return findHeader(rows) !== null;
}

const FIELD_COLUMNS: FieldKind[] = [
  'timing',
  'lead',
  'coordinating',
  'place',
  'funding',
  'partner',
  'countries',
  'members',
];

export function extractTable(rows: string[][]): Item[] {
  const header = findHeader(rows);
  if (!header) return [];
  const { index } = header;
  const items: Item[] = [];
  // Open headings: [style, segments, text].
  const stack: { style: string; segs: string[]; text: string }[] = [];
  let plain = 0;
  for (const row of rows.slice(header.at + 1)) {
    const get = (c: Column) => (index[c] === undefined ? '' : squash(row[index[c]] ?? ''));
    const cells = row.map((c) => squash(c)).filter(Boolean);
    if (!cells.length) continue;
    // Column numbers under the header ("(1) (2) (3)" or "1 2 3").
    if (cells.every((c) => /^\(?\d{1,2}\)?$/.test(c)) && cells.length >= 3) continue;
    const stt = get('stt');
    let content = get('content');
    const fields: FieldValue[] = FIELD_COLUMNS.filter((k) => get(k)).map((k) => ({ kind: k, value: get(k) }));
    // A merged heading row repeats one text across the cells.
    if (!content && new Set(cells).size === 1) content = cells[0]!;
    const sttText = /^(?:\d{1,2}|[IVXL]+|[A-Z])$/.test(stt)
      ? `${stt}. x`
      : /^[a-zđ]$/.test(stt)
        ? `${stt}) x`
        : `${stt} x`;
    let marker = stt ? (readMarker(sttText)?.marker ?? null) : null;
    if (!marker && !stt && !fields.length) {
      const inContent = readMarker(content);
      if (inContent) {
        marker = inContent.marker;
        content = squash(inContent.rest);
      }
    }
    const heading = !fields.some((f) => f.kind === 'timing' || f.kind === 'lead' || f.kind === 'coordinating');
    if (marker && !marker.bullet) {
      const same = stack.findIndex((s) => s.style === marker.style);
      if (same >= 0) stack.length = same;
    }
    const parentSegs = stack.flatMap((s) => s.segs);
    if (heading) {
      if (!content) continue;
      stack.push({ style: marker?.style ?? 'plain-heading', segs: marker?.segments ?? [], text: content });
      continue;
    }
    const segs = marker && !marker.bullet ? marker.segments : [String(++plain)];
    const typeText = get('type');
    items.push({
      head: [stt, content].filter(Boolean).join(' '),
      ancestors: [...(typeText ? [typeText] : []), ...stack.map((s) => s.text).reverse()],
      title: content.replace(/[:;]\s*$/, ''),
      body: get('notes') ? [get('notes')] : [],
      fields,
      lines: fields.map((f) => `${f.kind}: ${f.value}`),
      path: [...parentSegs, ...segs].join('.'),
    });
  }
  return items;
}
