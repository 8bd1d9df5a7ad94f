/**
 * .docx → paragraphs and tables, with Word's automatic numbering drawn as the reader sees it:
 * numbering.xml's levels (start, format, "%1.%2." text, restarts) counted paragraph by paragraph,
 * including numbering that comes from a paragraph style (styles.xml). mammoth and most text
 * extractors drop those numbers, and a plan's item paths are made of them.
 */
import JSZip from 'jszip';
import type { DocBlock } from '../../domain/plan-extract/index.js';
import { tokens } from './xml.js';

interface Level {
  start: number;
  format: string;
  text: string;
  restart?: number;
}

interface Numbering {
  /** numId → abstractNumId, with per-level start overrides. */
  nums: Map<string, { abstract: string; overrides: Map<number, number> }>;
  abstracts: Map<string, Map<number, Level>>;
}

function attr(a: Record<string, string>, name: string): string | undefined {
  return a[`w:${name}`] ?? a[name];
}

function parseNumbering(xml: string | null): Numbering {
  const nums: Numbering['nums'] = new Map();
  const abstracts: Numbering['abstracts'] = new Map();
  if (!xml) return { nums, abstracts };
  let abstract: Map<number, Level> | null = null;
  let level: Level | null = null;
  let num: { abstract: string; overrides: Map<number, number> } | null = null;
  let overrideLevel: number | null = null;
  for (const t of tokens(xml)) {
    if (!('tag' in t)) continue;
    const { name, attrs, close, selfClose } = t.tag;
    if (name === 'w:abstractNum') {
      if (close) abstract = null;
      else abstracts.set(attr(attrs, 'abstractNumId')!, (abstract = new Map<number, Level>()));
    } else if (name === 'w:lvl' && abstract) {
      if (close) level = null;
      else abstract.set(Number(attr(attrs, 'ilvl')), (level = { start: 1, format: 'decimal', text: '' }));
    } else if (level && !close) {
      const v = attr(attrs, 'val');
      if (name === 'w:start' && v) level.start = Number(v);
      else if (name === 'w:numFmt' && v) level.format = v;
      else if (name === 'w:lvlText' && v !== undefined) level.text = v;
      else if (name === 'w:lvlRestart' && v) level.restart = Number(v);
    } else if (name === 'w:num' && !close) {
      num = { abstract: '', overrides: new Map() };
      nums.set(attr(attrs, 'numId')!, num);
      if (selfClose) num = null;
    } else if (name === 'w:num' && close) num = null;
    else if (num && name === 'w:abstractNumId' && !close) num.abstract = attr(attrs, 'val') ?? '';
    else if (num && name === 'w:lvlOverride' && !close) overrideLevel = Number(attr(attrs, 'ilvl'));
    else if (num && name === 'w:startOverride' && !close && overrideLevel !== null)
      num.overrides.set(overrideLevel, Number(attr(attrs, 'val')));
  }
  return { nums, abstracts };
}

/** styleId → numbering given by the style (or the style it is based on). */
function parseStyles(xml: string | null): Map<string, { numId?: string; ilvl?: number; basedOn?: string }> {
  const styles = new Map<string, { numId?: string; ilvl?: number; basedOn?: string }>();
  if (!xml) return styles;
  let cur: { numId?: string; ilvl?: number; basedOn?: string } | null = null;
  for (const t of tokens(xml)) {
    if (!('tag' in t)) continue;
    const { name, attrs, close } = t.tag;
    if (name === 'w:style') {
      if (close) cur = null;
      else styles.set(attr(attrs, 'styleId') ?? '', (cur = {}));
    } else if (cur && !close) {
      if (name === 'w:numId') cur.numId = attr(attrs, 'val');
      else if (name === 'w:ilvl') cur.ilvl = Number(attr(attrs, 'val'));
      else if (name === 'w:basedOn') cur.basedOn = attr(attrs, 'val');
    }
  }
  return styles;
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];
function roman(n: number): string {
  let out = '';
  for (const [v, s] of ROMAN)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}
const VI_LETTERS = 'abcdefghijklmnopqrstuvwxyz';
function letter(n: number): string {
  const i = (n - 1) % 26;
  return VI_LETTERS[i]!.repeat(Math.floor((n - 1) / 26) + 1);
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letter(n).toUpperCase();
    case 'lowerLetter':
      return letter(n);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/** Counts numbered paragraphs and draws each one's number. */
function numberer(numbering: Numbering) {
  const counters = new Map<string, number[]>();
  return (numId: string, ilvl: number): string | undefined => {
    const num = numbering.nums.get(numId);
    if (!num || numId === '0') return undefined;
    const levels = numbering.abstracts.get(num.abstract);
    const lvl = levels?.get(ilvl);
    if (!levels || !lvl) return undefined;
    const startOf = (l: number) => num.overrides.get(l) ?? levels.get(l)?.start ?? 1;
    const c = counters.get(numId) ?? [];
    counters.set(numId, c);
    for (let l = 0; l < ilvl; l++) if (c[l] === undefined) c[l] = startOf(l);
    c[ilvl] = c[ilvl] === undefined ? startOf(ilvl) : c[ilvl] + 1;
    for (let l = ilvl + 1; l < 9; l++) c[l] = undefined as unknown as number;
    if (lvl.format === 'bullet') return lvl.text || '•';
    return lvl.text.replace(/%(\d)/g, (_, d: string) => {
      const l = Number(d) - 1;
      const f = levels.get(l)?.format ?? 'decimal';
      // A lower level shown inside a higher one's text ("%1.%2.") is drawn in decimal when legal numbering is on; approximate: its own format.
      return formatNumber(c[l] ?? startOf(l), f);
    });
  };
}

export async function readDocx(bytes: Buffer): Promise<DocBlock[]> {
  const zip = await JSZip.loadAsync(bytes);
  const part = (p: string) => zip.file(p)?.async('string') ?? Promise.resolve(null);
  const doc = await part('word/document.xml');
  if (!doc) throw new Error('not a Word document (no word/document.xml)');
  const numbering = parseNumbering(await part('word/numbering.xml'));
  const styles = parseStyles(await part('word/styles.xml'));
  const draw = numberer(numbering);
  const styleNum = (id: string | undefined) => {
    for (let s = id, hops = 0; s && hops < 10; hops++) {
      const st = styles.get(s);
      if (!st) return null;
      if (st.numId) return { numId: st.numId, ilvl: st.ilvl ?? 0 };
      s = st.basedOn;
    }
    return null;
  };

  const blocks: DocBlock[] = [];
  // Tables may nest; cells hold paragraphs.
  const tables: { rows: string[][]; cell: string[] | null }[] = [];
  let inText = false;
  let para: {
    text: string;
    numId?: string;
    ilvl?: number;
    style?: string;
    inPPr: boolean;
    inRun: boolean;
    deleted: boolean;
  } | null = null;
  for (const t of tokens(doc)) {
    if ('text' in t) {
      if (para && para.inRun && !para.deleted && inText) para.text += t.text;
      continue;
    }
    const { name, attrs, close, selfClose } = t.tag;
    switch (name) {
      case 'w:tbl':
        if (close) {
          const tb = tables.pop()!;
          if (tables.length) tables[tables.length - 1]!.cell?.push(tb.rows.map((r) => r.join(' | ')).join('\n'));
          else blocks.push({ kind: 'table', rows: tb.rows });
        } else tables.push({ rows: [], cell: null });
        break;
      case 'w:tr':
        if (!close && tables.length) tables[tables.length - 1]!.rows.push([]);
        break;
      case 'w:tc': {
        const tb = tables[tables.length - 1];
        if (!tb) break;
        if (!close) tb.cell = [];
        else {
          tb.rows[tb.rows.length - 1]?.push((tb.cell ?? []).join('\n'));
          tb.cell = null;
        }
        break;
      }
      case 'w:p':
        if (!close) {
          para = { text: '', inPPr: false, inRun: false, deleted: false };
          if (!selfClose) break;
        }
        if (para) {
          const fromStyle = para.numId === undefined ? styleNum(para.style) : null;
          const numId = para.numId ?? fromStyle?.numId;
          const ilvl = para.ilvl ?? fromStyle?.ilvl ?? 0;
          const label = numId !== undefined ? draw(numId, ilvl) : undefined;
          const tb = tables[tables.length - 1];
          if (tb?.cell) tb.cell.push(`${label ? `${label} ` : ''}${para.text}`.trim());
          else if (para.text.trim() || label) {
            // Lines broken by hand inside one paragraph read as paragraphs of their own.
            para.text.split('\n').forEach((line, i) => {
              if (i === 0 && label) blocks.push({ kind: 'paragraph', text: line, label });
              else if (line.trim()) blocks.push({ kind: 'paragraph', text: line });
            });
          }
        }
        para = null;
        break;
      case 'w:pPr':
        if (para) para.inPPr = !close && !selfClose;
        break;
      case 'w:numId':
        if (para?.inPPr) para.numId = attr(attrs, 'val');
        break;
      case 'w:ilvl':
        if (para?.inPPr) para.ilvl = Number(attr(attrs, 'val'));
        break;
      case 'w:pStyle':
        if (para?.inPPr) para.style = attr(attrs, 'val');
        break;
      case 'w:r':
        if (para) para.inRun = !close && !selfClose;
        break;
      case 'w:del':
        if (para) para.deleted = !close && !selfClose;
        break;
      case 'w:t':
        inText = !close && !selfClose;
        break;
      case 'w:tab':
        if (para?.inRun && !para.inPPr) para.text += ' ';
        break;
      case 'w:br':
      case 'w:cr':
        if (para?.inRun) para.text += '\n';
        break;
    }
  }
  return blocks;
}
