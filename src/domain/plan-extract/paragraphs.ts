/**
 * Plain text (a .txt, a PDF's text layer, a .doc, pasted messages) → paragraphs. Lines are hard
 * wrapped in such text, so a line continues the previous paragraph unless it starts with an item
 * marker or a field label, or follows a blank line and starts with a capital.
 */
import type { DocBlock } from './types.js';
import { readMarker } from './markers.js';
import { isFieldStart } from './fields.js';
import { squash } from './text.js';

const CAPITAL = /^[\p{Lu}"“([]/u;

export function textToBlocks(text: string): DocBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\f/g, '\n\n').split('\n');
  const out: DocBlock[] = [];
  let current: string | null = null;
  let blank = false;
  const flush = () => {
    if (current !== null && squash(current) !== '') out.push({ kind: 'paragraph', text: squash(current) });
    current = null;
  };
  for (const raw of lines) {
    const line = raw.replace(/\t/g, ' ');
    if (line.trim() === '') {
      blank = true;
      continue;
    }
    const starts = readMarker(line) !== null || isFieldStart(line);
    const prevEnds = current !== null && /[.;:!?]["”)]?\s*$/.test(current);
    const breakHere = current === null || starts || (blank && (CAPITAL.test(line.trim()) || prevEnds));
    if (breakHere) {
      flush();
      current = line.trim();
    } else {
      current = `${current} ${line.trim()}`;
    }
    blank = false;
  }
  flush();
  return out;
}
