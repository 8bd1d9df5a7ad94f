/**
 * The §2 type of an item from its words, and items that bundle two activities (a visit abroad "và"
 * a reception at home) split in two. Cues are the genre's verbs and nouns ("đoàn … sang thăm",
 * "đón tiếp", "thư chúc mừng", "hội nghị", "ký kết", "khen thưởng", "tuyên truyền", "giao lưu");
 * the earliest cue wins, so "Đón tiếp đoàn … kết hợp tham dự Hội nghị" is a reception.
 */
import type { ActivityTypeCode } from './types.js';
import { findPlaces } from './places.js';
import { foldSameLength } from './text.js';

const B = '(?<![a-z0-9])';
const E = '(?![a-z0-9])';
const re = (s: string) => new RegExp(`${B}(?:${s})${E}`, 'g');

const DELEGATION = re(
  'doan (?:cong tac|can bo|dai bieu|lanh dao|cap cao|nghe thuat|nghe si|van nghe|the thao|doanh nghiep|chuyen gia|khach|xuc tien|khao sat|hoc tap|cua|tinh|thanh pho|huyen|thanh vien)|cac doan|doan ra|doan vao|cu doan|trao doi doan|delegation',
);
const RECEIVE = re(
  'don tiep|tiep don|don va tiep|don doan|tiep doan|tiep va lam viec|don va lam viec|tiep xa giao|tiep nhan doan|receiv\\w*|welcom\\w*|host\\w*',
);
const ABROAD = '(?:(?:tinh|thanh pho|thu do|huyen|bang|nuoc|vung|quan) )?§+';
const GO_ABROAD = re(
  `sang tham|di tham|sang lam viec|di cong tac|cong tac tai|(?:tham du|du|xuc tien|quang ba|khao sat|hoc tap|trien lam) .{0,60}tai ${ABROAD}|(?:tham|lam viec tai|lam viec voi|sang|den) ${ABROAD}|visit\\w*`,
);
const COME = re('den tham|sang tham va lam viec tai (?:tinh|¤+)(?! §)|tai (?:tinh|¤+)(?! §)');

const CUES: [ActivityTypeCode, RegExp][] = [
  [
    'LETTER',
    re(
      '(?:thu|dien|thiep|thong diep) (?:chuc mung|tham hoi|chia buon|cam on|chuc tet)|gui (?:thu|dien|lang hoa|hoa)|lang hoa chuc mung|congratulat\\w*',
    ),
  ],
  [
    'ONLINE_TALK',
    re(
      '(?:hoi dam|hop|lam viec|trao doi|ket noi) (?:truc tuyen|online)|truc tuyen voi|online (?:talk|meeting)s?|video ?conference',
    ),
  ],
  ['CONFERENCE', re('hoi nghi|hoi thao|dien dan|toa dam|hoi cho|conference|seminar|forum|workshop|symposium')],
  [
    'AGREEMENT',
    re(
      'ky ket|ban ghi nho|bien ban ghi nho|thoa thuan|thiet lap quan he (?:huu nghi|hop tac|ket nghia)|ket nghia|memorandum|mou|agreement',
    ),
  ],
  [
    'AWARD',
    re('khen thuong|tang thuong|huan chuong|huy chuong|huan,? huy chuong|bang khen|ky niem chuong|danh hieu|award\\w*'),
  ],
  [
    'MEDIA',
    re(
      'tuyen truyen|thong tin doi ngoai|phong su|bao chi|truyen thong|an pham|dang bai|dua tin|quang ba|tin bai|media|press|publication',
    ),
  ],
  [
    'EXCHANGE',
    re(
      'giao luu|van hoa|van nghe|nghe thuat|the thao|le hoi|trien lam|festival|luu hoc sinh|hoc bong|exchange|cultural|sport\\w*',
    ),
  ],
];

/** Folded text (same length) with foreign places' letters replaced by "§", the home country's by "¤". */
function marked(text: string): string {
  let f = foldSameLength(text);
  let from = 0;
  for (const h of findPlaces(text)) {
    const at = f.indexOf(foldSameLength(h.written), from);
    if (at < 0) continue;
    const tag = h.country === 'VN' ? '¤' : '§';
    f = `${f.slice(0, at)}${tag.repeat(h.written.length)}${f.slice(at + h.written.length)}`;
    from = at + h.written.length;
  }
  return f.replace(/viet nam/g, '¤¤¤¤¤¤¤¤');
}

function firstIndex(s: string, r: RegExp): number {
  r.lastIndex = 0;
  const m = r.exec(s);
  return m ? m.index : -1;
}

function delegationDirection(m: string, at: number): 'OUTBOUND' | 'INBOUND' {
  const before = m.slice(Math.max(0, at - 40), at);
  if (firstIndex(before, RECEIVE) >= 0) return 'INBOUND';
  const after = m.slice(at, at + 220);
  const foreign = after.indexOf('§');
  const go = firstIndex(after, GO_ABROAD);
  const come = firstIndex(after, COME);
  // "Đoàn cán bộ cao cấp tỉnh Ất-ta-pư …": a foreign place within the delegation's name.
  const named = after
    .replace(DELEGATION, '')
    .trimStart()
    .split(/[\s,]+/)
    .slice(0, 6);
  const placeAt = named.findIndex((w) => w.startsWith('§'));
  const owner = placeAt >= 0 && !named.slice(0, placeAt).some((w) => /^(?:sang|di|den|tham|tai|voi|lam|va)$/.test(w));
  void foreign;
  if (owner) return 'INBOUND';
  if (come >= 0 && (go < 0 || come < go)) return 'INBOUND';
  return 'OUTBOUND';
}

/** The type of one activity's words; null when no cue is found. */
export function typeCue(text: string): ActivityTypeCode | null {
  const m = marked(text);
  let best: { type: ActivityTypeCode; at: number } | null = null;
  const consider = (type: ActivityTypeCode, at: number) => {
    if (at >= 0 && (!best || at < best.at)) best = { type, at };
  };
  const d = firstIndex(m, DELEGATION);
  if (d >= 0) consider(delegationDirection(m, d), d);
  const r = firstIndex(m, RECEIVE);
  if (r >= 0) consider('INBOUND', r);
  const g = firstIndex(m, GO_ABROAD);
  if (g >= 0) consider('OUTBOUND', g);
  for (const [type, cue] of CUES) consider(type, firstIndex(m, cue));
  return (best as { type: ActivityTypeCode } | null)?.type ?? null;
}

/**
 * Splits an item that bundles a visit abroad and a reception ("… sang thăm và làm việc tại Nhật Bản
 * và tham gia đón tiếp các đoàn … của Nhật Bản đến thăm …") at the conjunction before the second.
 */
export function splitBundle(text: string): [string, string] | null {
  const m = marked(text);
  const first = typeCue(text);
  if (first === 'OUTBOUND') {
    const join =
      /(?:,|;| va| dong thoi| ket hop)\s+(?:tham gia |phoi hop |to chuc )?(?:don tiep|tiep don|don|tiep) (?:va lam viec voi )?(?:cac |mot so )?(?:doan|dai bieu|lanh dao|doi tac)/g;
    for (const j of m.matchAll(join)) {
      const at = j.index;
      // The reception must not describe the same trip ("đón tiếp X sang thăm" opens the item instead).
      if (at < 20) continue;
      return [tidy(text.slice(0, at)), tidy(text.slice(at).replace(/^(?:,|;|\s*và|\s*đồng thời|\s*kết hợp)\s*/iu, ''))];
    }
  }
  if (first === 'INBOUND') {
    const join =
      /(?:,|;| va| dong thoi)\s+(?:cu|to chuc|tham gia) (?:cac )?doan (?:cong tac |can bo |lanh dao |cap cao )?(?:cua tinh )?(?:sang|di|den) /g;
    for (const j of m.matchAll(join)) {
      if (j.index < 20) continue;
      return [tidy(text.slice(0, j.index)), tidy(text.slice(j.index).replace(/^(?:,|;|\s*và|\s*đồng thời)\s*/iu, ''))];
    }
  }
  return null;
}

function tidy(s: string): string {
  const t = s
    .trim()
    .replace(/[,;]+$/, '')
    .trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
}

/** The §2 labels, as plans head their groups ("I. ĐOÀN RA", "Hoạt động khác"). */
const TYPE_LABELS: [ActivityTypeCode, RegExp][] = [
  ['OUTBOUND', /^(?:cac )?doan ra\b|^outbound/],
  ['INBOUND', /^(?:cac )?doan vao\b|^inbound/],
  ['LETTER', /^thu chuc mung\b/],
  ['ONLINE_TALK', /^hoi dam truc tuyen\b/],
  ['CONFERENCE', /^hoi nghi\b|^hoi thao\b/],
  ['AGREEMENT', /^(?:ky ket )?thoa thuan quoc te\b/],
  ['EXCHANGE', /^giao luu\b/],
  ['MEDIA', /^thong tin doi ngoai\b/],
  ['AWARD', /^khen thuong\b/],
  ['OTHER', /^(?:cac )?hoat dong khac\b|^khac$|^other/],
];

/** A group heading that is a type's label; null otherwise. */
export function typeLabel(heading: string): ActivityTypeCode | null {
  const f = foldSameLength(heading).replace(/^[^a-z]+/, '');
  return TYPE_LABELS.find(([, r]) => r.test(f))?.[0] ?? null;
}
