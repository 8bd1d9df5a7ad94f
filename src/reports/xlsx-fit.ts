/**
 * How tall a spreadsheet row must be for its wrapped text, estimated from Times New Roman's
 * proportions (Liberation Serif, LibreOffice's stand-in, has the same metrics). Slightly
 * generous, so the text fits in Excel and LibreOffice alike. Pure.
 */

const EM = new Map<string, number>();

/** Advance widths in em, by character class (Times New Roman: lower case ≈ 0.44, capitals ≈ 0.67); cached per character. */
function charEm(ch: string, bold: boolean): number {
  let em = EM.get(ch);
  if (em === undefined) {
    em = classEm(ch);
    EM.set(ch, em);
  }
  return bold ? em * 1.08 : em;
}

function classEm(ch: string): number {
  const base = ch.normalize('NFD')[0] ?? ch;
  let em: number;
  if (base === ' ') em = 0.25;
  else if (/[0-9]/.test(base)) em = 0.5;
  else if (/[ijlt.,:;'!|()[\]/-]/.test(base)) em = 0.3;
  else if (/[mwMW]/.test(base)) em = 0.85;
  else if (/[A-ZĐ]/.test(base)) em = 0.7;
  else em = 0.48;
  return em;
}

/** Pixels of a column `width` characters wide (Excel: 7 px per character of the default font, plus 5). */
const columnPx = (width: number) => width * 7 + 5;

/** Lines that `text` takes in a column, wrapping at spaces like Excel (a word longer than the line breaks). */
export function wrappedLines(text: string, width: number, size: number, bold = false): number {
  const px = size * (96 / 72);
  const room = columnPx(width) - 6;
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    let count = 1;
    for (const word of paragraph.split(' ')) {
      const w = [...word].reduce((s, ch) => s + charEm(ch, bold) * px, 0);
      const space = used > 0 ? 0.25 * px : 0;
      if (used > 0 && used + space + w > room) {
        count++;
        used = w;
      } else used += space + w;
      while (used > room) {
        count++;
        used -= room;
      }
    }
    lines += count;
  }
  return lines;
}

/** Row height in points for cells of (text, column width in characters). */
export function rowHeight(
  cells: readonly { text: string; width: number }[],
  o: { size: number; bold?: boolean },
): number {
  const lines = Math.max(1, ...cells.map((c) => (c.text ? wrappedLines(c.text, c.width, o.size, o.bold) : 1)));
  return Math.ceil(lines * o.size * 1.3 + 4);
}
