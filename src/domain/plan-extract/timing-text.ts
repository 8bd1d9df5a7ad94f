/**
 * The timing of an item from the words of its "Thời gian" line, with the project's timing parser:
 * the whole phrase first, then without side remarks (parentheses, "cao điểm …" after "và"/";"), then
 * the first span the parser accepts ("Hoàn thành trong tháng 9 năm 2022" → tháng 9 năm 2022).
 * Words with no date ("Theo kế hoạch của Bộ Ngoại giao", "Căn cứ vào thời gian tổ chức sự kiện")
 * are a TBD timing that keeps them.
 */
import { parseTiming, type Timing } from '../timing/index.js';
import type { ExtractedTiming } from './types.js';
import { fold, squash } from './text.js';

const LEADING =
  /^(?:(?:dự kiến|dự kiến là|kế hoạch|thực hiện|tổ chức|triển khai|hoàn thành|bắt đầu|kết thúc|diễn ra|thường xuyên|liên tục|định kỳ|trong|vào|khoảng|cả|suốt|thời gian|là|:)[\s,]+)+/iu;

function tryParse(s: string): Timing | null {
  const t = squash(s).replace(/[.;,:]+$/, '');
  if (!t) return null;
  const r = parseTiming(t);
  return r.ok ? r.timing : null;
}

const DATEISH = /\d|\bquy\b|\bq[1-4]\b|\bthang\b|\bnam\b/;
const START_WORDS = /^(?:tu|truoc|thang|quy|q[1-4iv]|nam|ngay|t\d|\d|6|sau|cuoi|dau|giua|nua)$/;

/** The first (longest) span of words the parser accepts, preferring earlier starts. */
function firstSpan(text: string): Timing | null {
  const words = text.split(/\s+/).filter(Boolean);
  const folded = words.map((w) => fold(w));
  for (let i = 0; i < words.length; i++) {
    if (!START_WORDS.test(folded[i]!.split(' ')[0] ?? '')) continue;
    for (let j = Math.min(words.length, i + 12); j > i; j--) {
      if (!/\d/.test(words[j - 1]!) && !/^(?:nay|sau)$/.test(folded[j - 1]!)) continue;
      const t = tryParse(words.slice(i, j).join(' '));
      if (t && t.precision !== 'TBD') return t;
    }
  }
  return null;
}

export function readTiming(value: string): ExtractedTiming | null {
  const text = squash(value.replace(/\*+/g, ''));
  if (!text) return null;
  const noParens = squash(text.replace(/\([^)]*\)?/g, ' ')).replace(/[.;,:]+$/, '');
  const firstClause =
    noParens.split(/\s*(?:;|,\s+(?=cao điểm|trong đó)|\s+và\s+(?=cao điểm|tập trung|chủ yếu))\s*/iu)[0] ?? noParens;
  const candidates = [text, noParens, firstClause, firstClause.replace(LEADING, '')];
  for (const c of candidates) {
    const t = tryParse(c);
    if (t && !(t.precision === 'TBD' && DATEISH.test(fold(c)) && firstSpan(c))) return { ...t, text };
  }
  const span = firstSpan(firstClause) ?? firstSpan(noParens);
  if (span) return { ...span, text };
  return { precision: 'TBD', start: null, end: null, label: text, text };
}
