/**
 * Agency names as plans write them → the agency list. A field's value is split into names
 * ("Văn phòng Tỉnh ủy, các Sở: Kế hoạch và Đầu tư, Công Thương và các cơ quan liên quan" →
 * Văn phòng Tỉnh ủy, Sở Kế hoạch và Đầu tư, Sở Công Thương); collective words ("các cơ quan liên
 * quan", "UBND các huyện") name no single agency and are left out. Each name is matched by code,
 * full name or abbreviation ("Sở NN&PTNT", "UBND", "VP UBND tỉnh"), ignoring case and diacritics;
 * an unmatched name is kept as written with the closest agencies.
 */
import type { AgencyMention, AgencyRef } from './types.js';
import { fold, foldKeep, squash } from './text.js';

/** Words that name the kind of body: they open a new name and are not abbreviated. */
const KIND_WORDS = [
  'so',
  'ban',
  'van phong',
  'ubnd',
  'uy ban nhan dan',
  'hdnd',
  'hoi dong nhan dan',
  'hoi',
  'lien hiep',
  'dai',
  'bao',
  'truong',
  'cong an',
  'bo chi huy',
  'bo',
  'cuc',
  'chi cuc',
  'trung tam',
  'vien',
  'benh vien',
  'cong ty',
  'doan',
  'tinh doan',
  'mat tran',
  'uy ban mat tran',
  'phan hieu',
  'dai hoc',
  'thanh uy',
  'huyen uy',
  'tinh uy',
  'toa an',
  'vien kiem sat',
  'kho bac',
  'ngan hang',
  'cang vu',
  'hai quan',
  'bo doi bien phong',
];
const KIND_RE = new RegExp(`^(?:${KIND_WORDS.sort((a, b) => b.length - a.length).join('|')})\\b`);
const SPLIT_AND_WORDS = /\s+(?:và|cùng|với)\s+/iu;

/** Verbs after which a lead value stops naming agencies ("Sở Ngoại vụ tham mưu Thư chúc mừng…"). */
const VERB_CUT =
  /\s+(?:tham mưu|rà soát|hướng dẫn|chủ trì|phối hợp|thực hiện|tổ chức|xây dựng|đề xuất|triển khai|chịu trách nhiệm|gửi|báo cáo|trình|theo dõi|làm đầu mối|cử|chuẩn bị|lập|thẩm định)\b.*$/isu;
const LEADING_NOISE = /^(?:(?:đề nghị|giao|do|là|gồm|các đơn vị|bao gồm)\s+)+/iu;
/** "các cơ quan liên quan", "các sở, ngành", "UBND các huyện": several bodies, no single agency. */
const COLLECTIVE = /(?:^|\s)(?:cac|nhung|mot so|toan bo|tat ca)\s|lien quan|(?:^|\s)doanh nghiep\b/;

export function isCollective(name: string): boolean {
  return COLLECTIVE.test(` ${fold(name)} `);
}

export interface AgencyIndex {
  match(name: string): AgencyRef | null;
  suggest(name: string, n?: number): AgencyRef[];
}

const GENERIC_TAIL = /\s+tinh$/;
const STOP = new Set(['so', 'ban', 'va', 'tinh', 'cua', 'cac', 'thanh', 'pho', 'van', 'phong', 'hoi', 'uy']);

function canonical(name: string, province?: string): string {
  let k = fold(name)
    .replace(/\buy ban nhan dan\b/g, 'ubnd')
    .replace(/\bhoi dong nhan dan\b/g, 'hdnd')
    .replace(/\bvp\b/g, 'van phong')
    .replace(/\bbql\b/g, 'ban quan ly')
    .replace(/\bbch\b/g, 'bo chi huy')
    .replace(/\bkkt\b/g, 'khu kinh te')
    .replace(/\bqs\b/g, 'quan su')
    .replace(/\bbien phong\b/g, 'bien phong');
  if (province) {
    const p = fold(province);
    k = k.replace(new RegExp(`\\s+(?:tinh\\s+)?${p}$`), ' tinh');
  }
  return k.trim();
}

/** Initials of the words after the kind word, each side of "và" its own group: "Nông nghiệp và Phát triển nông thôn" → nnptnt. */
function abbreviations(name: string): string[] {
  const f = fold(name);
  const kind = KIND_RE.exec(f)?.[0] ?? '';
  const rest = f.slice(kind.length).trim();
  if (!rest) return [];
  const kindInit = kind
    .split(' ')
    .map((w) => w[0])
    .join('');
  const groups = rest.split(/\s+va\s+/).map((g) =>
    g
      .split(' ')
      .map((w) => w[0])
      .join(''),
  );
  const body = groups.join('');
  const out = new Set([`${kind.replace(/ /g, '')}${body}`, `${kindInit}${body}`]);
  if (kind === 'so') out.add(`s${body}`);
  return [...out].filter((a) => a.length >= 3);
}

function compact(s: string): string {
  return foldKeep(s).replace(/[^a-z0-9]/g, '');
}

function tokens(s: string): string[] {
  return fold(s)
    .split(' ')
    .filter((w) => w && !STOP.has(w));
}

export function buildAgencyIndex(agencies: AgencyRef[], province?: string): AgencyIndex {
  const active = agencies.filter((a) => a.active !== false);
  const byKey = new Map<string, AgencyRef>();
  const put = (k: string, a: AgencyRef) => {
    if (k && !byKey.has(k)) byKey.set(k, a);
  };
  for (const a of active) {
    put(`code:${a.code.toLowerCase().replace(/[^a-z0-9]/g, '')}`, a);
    for (const n of [a.nameVi, a.nameEn ?? '']) {
      if (!n) continue;
      const c = canonical(n, province);
      put(c, a);
      put(c.replace(GENERIC_TAIL, ''), a);
      for (const ab of abbreviations(n)) put(`abbr:${ab}`, a);
    }
  }
  const match = (name: string): AgencyRef | null => {
    const c = canonical(name, province);
    if (!c) return null;
    return (
      byKey.get(c) ??
      byKey.get(c.replace(GENERIC_TAIL, '')) ??
      byKey.get(`code:${compact(name)}`) ??
      byKey.get(`abbr:${compact(name)}`) ??
      // "Sở NN&PTNT": kind word spelled out, then initials.
      byKey.get(`abbr:${compact(canonical(name, province))}`) ??
      null
    );
  };
  const suggest = (name: string, n = 3): AgencyRef[] => {
    const q = tokens(canonical(name, province));
    if (!q.length) return [];
    const scored = active
      .map((a) => {
        const t = tokens(canonical(a.nameVi, province));
        const common = q.filter((w) => t.includes(w)).length;
        return { a, score: t.length ? (2 * common) / (q.length + t.length) : 0 };
      })
      .filter((s) => s.score >= 0.3)
      .sort((x, y) => y.score - x.score);
    return scored.slice(0, n).map((s) => s.a);
  };
  return { match, suggest };
}

/** Splits a field's value into the names it lists, expanding "các Sở: A, B" to "Sở A", "Sở B". */
export function splitAgencyNames(value: string, opts: { cutVerbs?: boolean } = {}): string[] {
  const W = (x: string) => new RegExp(`(?<!\\p{L})${x}(?!\\p{L})`, 'giu');
  let text = squash(value)
    .replace(/\([^)]*\)/g, ' ')
    // "Sở VH,TT&DL": commas inside an abbreviation do not separate names.
    .replace(/(?<=\p{Lu}),(?=\p{Lu})/gu, '')
    .replace(W('sở,\\s*ban,\\s*ngành'), 'sở ban ngành')
    .replace(W('sở,\\s*ngành'), 'sở ngành')
    .replace(W('cơ quan,\\s*đơn vị'), 'cơ quan đơn vị')
    .replace(W('huyện,\\s*(?:thị xã,\\s*)?thành phố'), 'huyện thành phố')
    .replace(W('xã,\\s*phường(?:,\\s*thị trấn)?'), 'xã phường')
    .replace(/\s*\.\s*$/, '');
  if (opts.cutVerbs) text = text.replace(VERB_CUT, '');
  const out: string[] = [];
  for (const group of text.split(/\s*;\s*/)) {
    let prefix = '';
    for (let part of group.split(/\s*,\s*/)) {
      part = part
        .replace(/^[\s\-–+•]+/, '')
        .replace(LEADING_NOISE, '')
        .trim();
      const m = /^(?:các\s+)?(sở|ban|trường|hội|báo|đài)\s*:\s*(.*)$/iu.exec(part);
      if (m) {
        prefix = `${m[1]!.charAt(0).toUpperCase()}${m[1]!.slice(1).toLowerCase()} `;
        part = m[2]!.trim();
      }
      // "… và các cơ quan liên quan" ends the list.
      part = part.replace(/\s+(?:và|cùng)\s+(?:các|những|một số)\b.*$/iu, '').trim();
      if (!part) continue;
      for (let piece of part.split(
        /\s+(?:và|cùng)\s+(?=(?:các\s+)?(?:sở|ban|văn phòng|ubnd|ủy ban|uỷ ban|hội|đài|báo|trường|công an|bộ|cục|trung tâm|liên hiệp|tỉnh đoàn|đoàn|phân hiệu|viện|bệnh viện|công ty|mặt trận|tổng lãnh sự quán|lãnh sự quán|đại sứ quán|cổng|chính quyền|tổ chức|ngân hàng|kho bạc|hải quan|chi cục|liên minh|tập đoàn)(?!\p{L}))/iu,
      )) {
        piece = piece.trim();
        if (!piece) continue;
        const f = fold(piece);
        out.push(prefix && !KIND_RE.test(f) ? `${prefix}${piece}` : piece);
      }
    }
  }
  return out;
}

/** Matches each name; "A và B" is split when both halves are agencies ("Kế hoạch và Đầu tư" stays whole). */
export function mentionAgencies(index: AgencyIndex | null, names: string[]): AgencyMention[] {
  const out: AgencyMention[] = [];
  const seen = new Set<string>();
  const push = (m: AgencyMention) => {
    const key = m.agency ? `#${m.agency.id}` : fold(m.written);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };
  for (const name of names) {
    const written = name.replace(/[.:;,]+$/, '').trim();
    if (!index) {
      if (!isCollective(written)) push({ written, agency: null, suggestions: [] });
      continue;
    }
    const hit = index.match(written);
    if (hit) {
      push({ written, agency: hit, suggestions: [] });
      continue;
    }
    if (isCollective(written)) continue;
    const halves = written.split(SPLIT_AND_WORDS);
    if (halves.length > 1) {
      const found = halves.map((h) => index.match(h));
      if (found.every(Boolean)) {
        halves.forEach((h, i) => push({ written: h, agency: found[i]!, suggestions: [] }));
        continue;
      }
    }
    // "Sở X" written after "các Sở:" when the list knows the agency without the prefix.
    const bare = written.replace(/^(?:Sở|Ban)\s+/u, '');
    const hitBare = bare !== written ? index.match(bare) : null;
    if (hitBare) {
      push({ written: bare, agency: hitBare, suggestions: [] });
      continue;
    }
    push({ written, agency: null, suggestions: index.suggest(written) });
  }
  return out;
}
