/**
 * Vietnamese text typed with the pre-Unicode fonts (.VnTime = TCVN3/ABC, VNI-Times = VNI Windows)
 * reaches us as Latin-1 look-alikes ("Thêi gian", "Thôøi gian"). Detection converts with each table
 * and keeps the reading with the most common Vietnamese words.
 */

const TCVN3_FROM = 'µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦';
const TCVN3_TO = 'àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ';
const TCVN3 = new Map<string, string>();
for (let i = 0; i < TCVN3_FROM.length; i++) TCVN3.set(TCVN3_FROM[i]!, TCVN3_TO[i]!);

export function tcvn3ToUnicode(s: string): string {
  let out = '';
  for (const ch of s) out += TCVN3.get(ch) ?? ch;
  return out.normalize('NFC');
}

// VNI Windows: a base letter followed by mark characters, plus single characters for ơ ư đ and i/y.
const VNI_TONE: Record<string, string> = { ù: '\u0301', ø: '\u0300', û: '\u0309', õ: '\u0303', ï: '\u0323' };
const VNI_TONE_UP: Record<string, string> = { Ù: '\u0301', Ø: '\u0300', Û: '\u0309', Õ: '\u0303', Ï: '\u0323' };
// After a/e/o: â-family marks (circumflex + tone); after a: ê-family (breve + tone).
const VNI_CIRC: Record<string, string> = { â: '', á: '\u0301', à: '\u0300', å: '\u0309', ã: '\u0303', ä: '\u0323' };
const VNI_BREVE: Record<string, string> = { ê: '', é: '\u0301', è: '\u0300', ú: '\u0309', ü: '\u0303', ë: '\u0323' };
const VNI_SINGLE: Record<string, string> = {
  ô: 'ơ',
  Ô: 'Ơ',
  ö: 'ư',
  Ö: 'Ư',
  ñ: 'đ',
  Ñ: 'Đ',
  í: 'í',
  ì: 'ì',
  æ: 'ỉ',
  ó: 'ĩ',
  ò: 'ị',
  î: 'ỵ',
  Í: 'Í',
  Ì: 'Ì',
  Æ: 'Ỉ',
  Ó: 'Ĩ',
  Ò: 'Ị',
  Î: 'Ỵ',
};

function upperKey(ch: string): string {
  return ch.toLowerCase();
}

export function vniToUnicode(s: string): string {
  let out = '';
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const next = chars[i + 1];
    const lower = c.toLowerCase();
    if (next !== undefined && 'aeo'.includes(lower)) {
      const k = upperKey(next);
      if (k in VNI_CIRC && (next === k || next === next.toUpperCase())) {
        out += c + '\u0302' + VNI_CIRC[k]!;
        i++;
        continue;
      }
      if (lower === 'a' && k in VNI_BREVE) {
        out += c + '\u0306' + VNI_BREVE[k]!;
        i++;
        continue;
      }
    }
    if (VNI_SINGLE[c] !== undefined) {
      // ô/ö/ñ may themselves take a tone mark next.
      const base = VNI_SINGLE[c];
      if (next !== undefined && (VNI_TONE[next] || VNI_TONE_UP[next]) && 'ôÔöÖ'.includes(c)) {
        out += base + (VNI_TONE[next] ?? VNI_TONE_UP[next]!);
        i++;
        continue;
      }
      out += base;
      continue;
    }
    if (next !== undefined && /[aeiouyAEIOUY]/.test(c) && (VNI_TONE[next] || VNI_TONE_UP[next])) {
      out += c + (VNI_TONE[next] ?? VNI_TONE_UP[next]!);
      i++;
      continue;
    }
    out += c;
  }
  return out.normalize('NFC');
}

/** Letters that only Unicode Vietnamese has (ă ơ ư đ and the precomposed tone letters). */
const UNICODE_VI = /[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]/;
const COMMON_WORDS =
  /(?<![\p{L}])(và|của|các|được|những|với|trong|năm|tháng|thời gian|cơ quan|đơn vị|tỉnh|hoạt động|tổ chức|thực hiện|chủ trì|phối hợp|sở|việt nam|kế hoạch|hợp tác|đoàn|quốc tế|theo|về|này|để|đến|người)(?![\p{L}])/giu;

function score(s: string): number {
  return s.match(COMMON_WORDS)?.length ?? 0;
}

export type TextEncoding = 'UNICODE' | 'TCVN3' | 'VNI';

/** Converts TCVN3/VNI text to Unicode (NFC); Unicode text comes back NFC-normalised. */
export function toUnicodeText(raw: string): { text: string; encoding: TextEncoding } {
  const s = raw.normalize('NFC');
  if (UNICODE_VI.test(s) || !/[\u00a0-\u00ff]/.test(s)) return { text: s, encoding: 'UNICODE' };
  const candidates: { text: string; encoding: TextEncoding }[] = [
    { text: s, encoding: 'UNICODE' },
    { text: tcvn3ToUnicode(s), encoding: 'TCVN3' },
    { text: vniToUnicode(s), encoding: 'VNI' },
  ];
  let best = candidates[0]!;
  let bestScore = score(best.text);
  for (const c of candidates.slice(1)) {
    const sc = score(c.text);
    if (sc > bestScore * 1.2 + 2) {
      best = c;
      bestScore = sc;
    }
  }
  return best;
}
