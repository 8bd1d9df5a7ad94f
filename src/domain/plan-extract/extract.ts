/**
 * Paragraphs (and tables) of a plan → its activities (docs/product.md#plan-documents). Pure: no I/O.
 */
import { buildAgencyIndex, mentionAgencies, splitAgencyNames, type AgencyIndex } from './agencies.js';
import { splitBundle, typeCue, typeLabel } from './classify.js';
import { readFields, type FieldValue } from './fields.js';
import type { Item } from './item.js';
import { buildOutline, type OutlineNode, type OutlineParagraph } from './outline.js';
import { countriesOf, findPlaces, partnerOf } from './places.js';
import { extractTable, looksLikePlanTable } from './table.js';
import { fold, squash } from './text.js';
import { readTiming } from './timing-text.js';
import type {
  ActivityTypeCode,
  AgencyMention,
  DocBlock,
  ExtractedActivity,
  ExtractOptions,
  ExtractResult,
} from './types.js';
import { toUnicodeText, type TextEncoding } from './legacy-encoding.js';
import { textToBlocks } from './paragraphs.js';

/** Sections that describe the plan, not activities (purpose, funding, implementation). */
const NON_ACTIVITY_SECTION =
  /^(?:muc dich|muc tieu|yeu cau|y nghia|quan diem|can cu|kinh phi|to chuc thuc hien|trach nhiem|phan cong|dieu khoan|che do bao cao)/;
const PARAGRAPH_MAX = 2000;
const STOP_WORDS = new Set([
  'va',
  'cua',
  'cac',
  'tai',
  'voi',
  'trong',
  'nhung',
  'cho',
  'de',
  'la',
  'co',
  'duoc',
  'theo',
  'tu',
  'den',
  'nam',
  'tinh',
  'hoat',
  'dong',
  'to',
  'chuc',
]);

/** Fields of a node from its field children, and its content children. */
function split(n: OutlineNode) {
  const fieldKids = n.children.filter((c) => c.isField);
  const content = n.children.filter((c) => !c.isField);
  return {
    fields: [...n.fields, ...fieldKids.flatMap((c) => c.fields)],
    lines: [...n.fieldLines, ...fieldKids.flatMap((c) => c.fieldLines)],
    content,
  };
}

function hasFieldsDeep(n: OutlineNode): boolean {
  if (n.fields.length || n.children.some((c) => c.isField)) return true;
  return n.children.some((c) => !c.isField && hasFieldsDeep(c));
}

function ancestorsOf(n: OutlineNode): string[] {
  const out: string[] = [];
  for (let a = n.parent; a && a.parent; a = a.parent) out.push(a.text);
  return out;
}

function headOf(n: OutlineNode): string {
  return n.marker ? `${n.marker.raw} ${n.text}` : n.text;
}

function textOf(n: OutlineNode): string {
  return n.text.replace(/[:;]\s*$/, '').trim();
}

/** Walks the outline and collects the items that are activities. */
function collect(n: OutlineNode, out: Item[]) {
  const { fields, lines, content } = split(n);
  const numbered = content.filter((c) => !c.marker?.bullet);
  const bullets = content.filter((c) => c.marker?.bullet);
  if (n.parent && NON_ACTIVITY_SECTION.test(fold(n.text)) && n.path.length <= 2) return;
  // Numbered children carrying fields: this node is a group.
  const numberedActive = numbered.filter(hasFieldsDeep);
  for (const c of numbered) collect(c, out);
  if (numberedActive.length) return;
  if (!n.parent) return;

  // Bullets that own fields (nested field lines) are sub-activities; in a flat list, a bullet
  // followed by field lines owns them when the item has none of its own yet.
  const subs: { node: OutlineNode; fields: FieldValue[]; lines: string[] }[] = [];
  const ownFields: FieldValue[] = [...n.fields];
  const ownLines: string[] = [...n.fieldLines];
  const description: string[] = [];
  let current: (typeof subs)[number] | null = null;
  for (const c of n.children) {
    if (c.isField) {
      if (current && ownFields.length === 0) {
        current.fields.push(...c.fields);
        current.lines.push(...c.fieldLines);
      } else {
        ownFields.push(...c.fields);
        ownLines.push(...c.fieldLines);
      }
      continue;
    }
    if (c.marker?.bullet) {
      const nested = split(c);
      if (nested.fields.length) {
        subs.push({ node: c, fields: nested.fields, lines: nested.lines });
        current = null;
      } else if (ownFields.length === 0) {
        current = { node: c, fields: [], lines: [] };
        subs.push(current);
      } else description.push(c.text);
    }
  }
  void bullets;
  void fields;
  void lines;
  let withFields = subs.filter((s) => s.fields.length);
  if (withFields.length === 1 && subs.length > 1 && !split(withFields[0]!.node).fields.length) {
    // One bullet got the fields after several plain ones: the fields are the item's.
    ownFields.push(...withFields[0]!.fields);
    ownLines.push(...withFields[0]!.lines);
    withFields = [];
  }
  for (const s of subs) if (!withFields.includes(s)) description.push(s.node.text);
  const path = n.path.join('.');
  if (withFields.length >= 2 || (withFields.length === 1 && ownFields.length === 0)) {
    withFields.forEach((s, i) => {
      out.push({
        head: headOf(s.node),
        ancestors: ancestorsOf(s.node),
        title: textOf(s.node),
        body: s.node.body,
        fields: [...s.fields, ...ownFields.filter((f) => !s.fields.some((x) => x.kind === f.kind))],
        lines: [...s.lines],
        path: withFields.length > 1 ? `${path}-${i + 1}` : path,
      });
    });
    return;
  }
  if (ownFields.length === 0) return;
  out.push({
    head: headOf(n),
    ancestors: ancestorsOf(n),
    title: textOf(n),
    body: [...n.body, ...description],
    fields: ownFields,
    lines: ownLines,
    path,
  });
}

/** The nearest ancestor heading's cue, taking the part of a "A; B" heading that shares most words. */
function inheritedType(item: Item): ActivityTypeCode | null {
  const words = new Set(fold(item.title).split(' '));
  // Common words and proper names (places) do not tell which topic an item belongs to.
  const telling = (t: string) =>
    fold(t.replace(/(?<![\p{L}])\p{Lu}[\p{L}-]*/gu, ' '))
      .split(' ')
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  for (const a of item.ancestors) {
    const label = typeLabel(a);
    if (label) return label;
    const topics = a.split(/\s*;\s*/).filter(Boolean);
    const best = topics
      .map((t) => ({ t, score: telling(t).filter((w) => words.has(w)).length }))
      .sort((x, y) => y.score - x.score)[0];
    const cue = best ? typeCue(topics.length > 1 ? best.t : a) : null;
    if (cue) return cue;
    if (topics.length > 1) return null;
  }
  return null;
}

function fieldValues(fields: FieldValue[], kind: FieldValue['kind']): FieldValue[] {
  return fields.filter((f) => f.kind === kind);
}

/** "Chủ trì, phối hợp với Sở Ngoại vụ và các đơn vị liên quan thẩm định …" → "Sở Ngoại vụ …". */
function partnersInRole(value: string): string[] {
  const m =
    /phối hợp (?:với|cùng)\s+(.+?)(?:\s+(?:để|nhằm|thẩm định|đề xuất|tổ chức|thực hiện|triển khai|xây dựng|trình)\b|[;.]|$)/iu.exec(
      value,
    );
  return m ? [m[1]!] : [];
}

function agenciesOf(
  fields: FieldValue[],
  index: AgencyIndex | null,
): { lead: AgencyMention[]; coordinating: AgencyMention[] } {
  const leadNames: string[] = [];
  const coordNames: string[] = [];
  for (const f of fields) {
    if (f.agency) {
      (f.kind === 'coordinating' ? coordNames : leadNames).push(...splitAgencyNames(f.agency));
      coordNames.push(...partnersInRole(f.value).flatMap((v) => splitAgencyNames(v)));
    } else if (f.kind === 'lead') leadNames.push(...splitAgencyNames(f.value, { cutVerbs: true }));
    else if (f.kind === 'coordinating') coordNames.push(...splitAgencyNames(f.value, { cutVerbs: true }));
    else if (f.kind === 'focal') coordNames.push(...splitAgencyNames(f.value, { cutVerbs: true }));
  }
  const lead = mentionAgencies(index, leadNames);
  const key = (m: AgencyMention) => (m.agency ? `#${m.agency.id}` : fold(m.written));
  const leadKeys = new Set(lead.map(key));
  const coordinating = mentionAgencies(index, coordNames).filter((m) => !leadKeys.has(key(m)));
  return { lead, coordinating };
}

function moneyOf(value: string): number | null {
  const m = /(\d{1,3}(?:[.,\s]\d{3})+|\d+)(?:\s*(tỷ|tỉ|triệu|nghìn|ngàn))?\s*(?:đồng|vnđ|vnd|đ)?/iu.exec(value);
  if (!m) return null;
  const n = Number(m[1]!.replace(/[.,\s]/g, ''));
  const unit = fold(m[2] ?? '');
  const mult =
    unit === 'ty' || unit === 'ti' ? 1e9 : unit === 'trieu' ? 1e6 : unit === 'nghin' || unit === 'ngan' ? 1e3 : 1;
  const v = n * mult;
  return Number.isSafeInteger(v) && v > 0 ? v : null;
}

export function toActivities(item: Item, index: AgencyIndex | null): ExtractedActivity[] {
  const f = item.fields;
  const timingField = fieldValues(f, 'timing')[0];
  const timing = timingField ? readTiming(timingField.value) : null;
  const { lead, coordinating } = agenciesOf(f, index);
  const partnerField = fieldValues(f, 'partner')[0]?.value ?? null;
  const countryField = fieldValues(f, 'countries')[0]?.value ?? '';
  const placeField = fieldValues(f, 'place')[0]?.value ?? null;
  const fundingField = fieldValues(f, 'funding')[0]?.value ?? null;
  const contentField = fieldValues(f, 'content')[0]?.value;
  const baseTitle = squash(item.title || contentField || item.body[0] || '');
  const paragraph = [item.head, ...item.body, ...item.lines].join('\n').slice(0, PARAGRAPH_MAX);
  const bundle = splitBundle(baseTitle);
  const titles = bundle ?? [baseTitle];
  return titles.map((title, i) => {
    const words = [title, ...(bundle ? [] : item.body), partnerField ?? '', countryField, placeField ?? ''].join('\n');
    const hits = findPlaces(words);
    // A group headed by a type's label ("I. ĐOÀN RA") says the type outright, unless the item bundles two.
    const label = bundle ? null : (item.ancestors.map(typeLabel).find(Boolean) ?? null);
    const type =
      label ??
      typeCue(title) ??
      (bundle ? null : typeCue(item.body.join(' '))) ??
      inheritedType(item) ??
      typeCue(item.lines.join(' ')) ??
      'OTHER';
    return {
      item: bundle ? `${item.path}-${i + 1}` : item.path,
      type,
      title,
      timing,
      lead,
      coordinating,
      countries: countriesOf(hits),
      partner: partnerField ?? partnerOf(title, findPlaces(title)),
      place: placeField,
      costVnd: fundingField ? moneyOf(fundingField) : null,
      funding: fundingField,
      paragraph,
    };
  });
}

/**
 * A document whose item numbers were lost (a .doc's automatic numbering, a PDF of it): every
 * paragraph followed by field lines is an item, numbered 1, 2, … in reading order; the paragraphs
 * just above it are its headings.
 */
function flatItems(paragraphs: OutlineParagraph[]): Item[] {
  const items: Item[] = [];
  const texts = paragraphs.map((p) => squash(p.text.replace(/^[-+*•–]\s*/, '')));
  const fieldsOf = texts.map((t) => readFields(t, { bullet: true }));
  let headings: string[] = [];
  let skipping = false;
  let lastEnd = -1;
  for (let i = 0; i < texts.length; i++) {
    if (fieldsOf[i]) continue;
    const t = texts[i]!;
    // A section heading is written in capitals ("II. TỔ CHỨC CÁC HOẠT ĐỘNG"); purpose, funding and implementation sections hold no activity.
    if (t === t.toUpperCase() && /\p{Lu}{3}/u.test(t))
      skipping = NON_ACTIVITY_SECTION.test(fold(t).replace(/^[ivxl]+ /, ''));
    let j = i + 1;
    while (j < texts.length && fieldsOf[j]) j++;
    if (j === i + 1) {
      headings = [t, ...headings].slice(0, 4);
      continue;
    }
    const fields = fieldsOf.slice(i + 1, j).flatMap((f) => f ?? []);
    const prev = items[items.length - 1];
    if (prev && lastEnd === i && fields.every((f) => !prev.fields.some((x) => x.kind === f.kind))) {
      // A plain line between an item's field lines belongs to that item.
      prev.body.push(t);
      prev.fields.push(...fields);
      prev.lines.push(...texts.slice(i + 1, j));
    } else if (!skipping && fields.some((f) => f.kind === 'timing' || f.kind === 'lead' || f.kind === 'coordinating')) {
      items.push({
        head: t,
        ancestors: headings,
        title: t.replace(/[:;]\s*$/, ''),
        body: [],
        fields,
        lines: texts.slice(i + 1, j),
        path: String(items.length + 1),
      });
    }
    lastEnd = j;
    i = j - 1;
  }
  return items;
}

export function extractFromBlocks(blocks: DocBlock[], opts: ExtractOptions = {}): ExtractResult {
  const index = opts.agencies ? buildAgencyIndex(opts.agencies, opts.province) : null;
  let encoding: TextEncoding = 'UNICODE';
  const conv = (s: string) => {
    const r = toUnicodeText(s);
    if (r.encoding !== 'UNICODE') encoding = r.encoding;
    return r.text;
  };
  // Convert the document as a whole when it is in a legacy encoding (detection needs enough words).
  const sample = blocks.map((b) => (b.kind === 'table' ? b.rows.flat().join(' ') : b.text)).join('\n');
  const detected = toUnicodeText(sample).encoding;
  const fix = (s: string) => (detected === 'UNICODE' ? s.normalize('NFC') : conv(s));
  if (detected !== 'UNICODE') encoding = detected;

  const activities: ExtractedActivity[] = [];
  let paragraphs: OutlineParagraph[] = [];
  const flush = () => {
    if (!paragraphs.length) return;
    const items: Item[] = [];
    collect(buildOutline(paragraphs), items);
    if (!items.length) items.push(...flatItems(paragraphs));
    for (const it of items) activities.push(...toActivities(it, index));
    paragraphs = [];
  };
  for (const b of blocks) {
    if (b.kind === 'text') {
      for (const p of textToBlocks(fix(b.text))) if (p.kind === 'paragraph') paragraphs.push({ text: p.text });
      continue;
    }
    if (b.kind === 'paragraph') {
      paragraphs.push(b.label ? { text: fix(b.text), label: b.label } : { text: fix(b.text) });
      continue;
    }
    const rows = b.rows.map((r) => r.map((c) => fix(c)));
    if (looksLikePlanTable(rows)) {
      flush();
      for (const it of extractTable(rows)) activities.push(...toActivities(it, index));
    } else {
      // A layout table (letterhead, signature): its cells read as paragraphs.
      for (const r of rows)
        for (const c of r) for (const line of c.split('\n')) if (line.trim()) paragraphs.push({ text: line });
    }
  }
  flush();
  return { activities, encoding };
}

/** Plain text (a .txt, a PDF's text layer, pasted messages) → activities. */
export function extractFromText(text: string, opts: ExtractOptions = {}): ExtractResult {
  return extractFromBlocks([{ kind: 'text', text }], opts);
}
