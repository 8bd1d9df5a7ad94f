/**
 * Field lines of a plan item, as the genre writes them: "- Thời gian (thực hiện): …",
 * "- Cơ quan (Đơn vị) chủ trì (đề xuất): …", "- Cơ quan phối hợp: …", "- Cơ quan đầu mối: …",
 * "Địa điểm", "Kinh phí", "Đối tác", "Thành phần"; several may share one line ("Thời gian: …;
 * Chủ trì: …"). Also "Sở Ngoại vụ: Chủ trì, …" (agency first, then its role).
 */
import { foldSameLength } from './text.js';

export type FieldKind =
  | 'timing'
  | 'lead'
  | 'coordinating'
  | 'focal'
  | 'direction'
  | 'place'
  | 'funding'
  | 'partner'
  | 'countries'
  | 'members'
  | 'content';

export interface FieldValue {
  kind: FieldKind;
  value: string;
  /** For "Sở X: Chủ trì, …": the agency written before the colon. */
  agency?: string;
}

const WHO =
  '(?:(?:co quan|don vi|co quan,? don vi|co quan ?\\/ ?don vi|bo phan|to chuc|dia phuong)(?: \\((?:co quan|don vi)\\))? )?';
const TAIL = '(?: [a-z]+){0,3}';
const LABELS: [FieldKind, string][] = [
  ['timing', `(?:thoi gian|thoi diem|thoi han|tien do|time|timing|date)${TAIL}`],
  ['coordinating', `${WHO}phoi hop${TAIL}`],
  ['lead', `${WHO}(?:chu tri|thuc hien|chiu trach nhiem|lead agency|lead)${TAIL}`],
  ['focal', `${WHO}(?:dau moi|tham muu)${TAIL}`],
  ['direction', `${WHO}chi dao(?:,? dinh huong)?${TAIL}`],
  ['place', `(?:dia diem|noi to chuc|place|venue)${TAIL}`],
  ['funding', `(?:nguon kinh phi|kinh phi|du toan|funding|cost)${TAIL}`],
  ['partner', `(?:doi tac|partner)${TAIL}`],
  ['countries', `(?:quoc gia|nuoc den|country|countries)${TAIL}`],
  ['members', `(?:thanh phan|so luong|quy mo)${TAIL}`],
  ['content', `(?:noi dung|muc dich)${TAIL}`],
];
const LABEL_RE = new RegExp(`(?:^|[;.]\\s+|\\s[-+]\\s+)(${LABELS.map(([, re]) => `(${re})`).join('|')})\\s*:`, 'g');
const START_RE = new RegExp(`^\\s*(?:[-+*•–]\\s*)?(?:${LABELS.map(([, re]) => re).join('|')})\\s*:`);
const ROLE_FIRST = /^([^:]{3,120}):\s*(chu tri|phoi hop|dau moi)\b/;

/** Does this line start a field ("- Thời gian: …")? */
export function isFieldStart(text: string): boolean {
  return START_RE.test(foldSameLength(text));
}

/**
 * Reads the fields of a paragraph whose text starts with a label; null when it does not. `bullet`
 * allows the agency-first form ("Sở Nội vụ: Chủ trì, phối hợp với …"), which a numbered item of a
 * plan's closing section also has and which is then no field.
 */
export function readFields(text: string, opts: { bullet: boolean }): FieldValue[] | null {
  const folded = foldSameLength(text);
  const starts: { at: number; valueAt: number; kind: FieldKind }[] = [];
  for (const m of folded.matchAll(LABEL_RE)) {
    const labelAt = m.index + m[0].length - m[0].replace(/^(?:[;.]\s+|\s[-+]\s+)/, '').length;
    if (starts.length === 0 && labelAt > 0) break;
    const idx = LABELS.findIndex((_, i) => m[i + 2] !== undefined);
    starts.push({ at: labelAt, valueAt: m.index + m[0].length, kind: LABELS[idx]![0] });
  }
  if (starts.length) {
    return starts.map((s, i) => {
      const end = i + 1 < starts.length ? starts[i + 1]!.at : text.length;
      return { kind: s.kind, value: cleanValue(text.slice(s.valueAt, end)) };
    });
  }
  if (opts.bullet) {
    const m = ROLE_FIRST.exec(folded);
    if (m) {
      const agency = text.slice(0, m[1]!.length).trim();
      const role = m[2] === 'chu tri' ? 'lead' : m[2] === 'phoi hop' ? 'coordinating' : 'focal';
      return [{ kind: role, value: cleanValue(text.slice(m[1]!.length + 1)), agency }];
    }
  }
  return null;
}

function cleanValue(v: string): string {
  return v
    .replace(/^[\s:]+/, '')
    .replace(/[\s;,]+$/, '')
    .trim();
}

/**
 * An item whose fields follow its title on the same line ("a) Đón đoàn …. Thời gian: …; Cơ quan
 * chủ trì: …"): the title and the fields, or null.
 */
export function splitInlineFields(text: string): { title: string; fields: FieldValue[] } | null {
  const folded = foldSameLength(text);
  for (const m of folded.matchAll(LABEL_RE)) {
    const labelAt = m.index + m[0].length - m[0].replace(/^(?:[;.]\s+|\s[-+]\s+)/, '').length;
    if (labelAt === 0) return null;
    const fields = readFields(text.slice(labelAt), { bullet: false });
    if (!fields || !fields.some((f) => f.kind === 'timing' || f.kind === 'lead' || f.kind === 'coordinating'))
      return null;
    return { title: text.slice(0, labelAt).replace(/[\s.;,:-]+$/, ''), fields };
  }
  return null;
}
