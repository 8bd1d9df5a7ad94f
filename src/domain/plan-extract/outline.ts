/**
 * Paragraphs → the plan's outline: each numbered or bulleted paragraph opens a node; a node nests
 * under the previous one unless a node of the same numbering style is open above, which it then
 * follows as a sibling (the way a reader tells "I." from "1." from "a)" from "-" from "+" without
 * knowing which the author chose for which level). Field lines ("- Thời gian: …") become the fields
 * of the item they sit under; other unnumbered paragraphs are its body.
 */
import { readFields, splitInlineFields, type FieldValue } from './fields.js';
import { readLabel, readMarker, type Marker } from './markers.js';
import { fold, squash, stripEmphasis } from './text.js';

export interface OutlineNode {
  marker: Marker | null;
  text: string;
  path: string[];
  children: OutlineNode[];
  body: string[];
  fields: FieldValue[];
  /** The raw field lines, for the source paragraph. */
  fieldLines: string[];
  isField: boolean;
  parent: OutlineNode | null;
}

export interface OutlineParagraph {
  text: string;
  label?: string;
}

const END_OF_BODY = /^(?:noi nhan|noi gui|tm |kt |t m |k t )/;

function pathFor(parent: OutlineNode, marker: Marker): string[] {
  if (marker.bullet) return parent.path;
  if (marker.style.startsWith('decimal')) {
    const prefix = marker.segments.slice(0, -1);
    const tail = parent.path.slice(-prefix.length);
    if (prefix.length && tail.join('.') === prefix.join('.')) return [...parent.path, marker.segments.at(-1)!];
    return [...parent.path, ...marker.segments];
  }
  return [...parent.path, ...marker.segments];
}

function node(marker: Marker | null, text: string, parent: OutlineNode | null): OutlineNode {
  return {
    marker,
    text,
    path: parent && marker ? pathFor(parent, marker) : (parent?.path ?? []),
    children: [],
    body: [],
    fields: [],
    fieldLines: [],
    isField: false,
    parent,
  };
}

export function buildOutline(paragraphs: OutlineParagraph[]): OutlineNode {
  const root = node(null, '', null);
  const stack: OutlineNode[] = [root];
  const top = () => stack[stack.length - 1]!;
  for (const p of paragraphs) {
    const clean = squash(stripEmphasis(p.text));
    if (!clean) continue;
    if (END_OF_BODY.test(fold(clean))) break;
    let marker: Marker | null = null;
    let text = clean;
    if (p.label) marker = readLabel(p.label);
    if (!marker) {
      const got = readMarker(clean);
      if (got) {
        marker = got.marker;
        text = squash(got.rest);
      }
    }
    const fields = readFields(text, { bullet: marker?.bullet ?? true });
    if (!marker) {
      const cur = top();
      if (!fields && cur.isField && /^\p{Ll}/u.test(clean)) {
        const last = cur.fields[cur.fields.length - 1]!;
        last.value = `${last.value} ${clean}`;
        cur.fieldLines[cur.fieldLines.length - 1] += ` ${clean}`;
        continue;
      }
      if (fields) {
        const holder = cur.isField ? cur.parent! : cur;
        holder.fields.push(...fields);
        holder.fieldLines.push(clean);
      } else (cur.isField ? cur.parent! : cur).body.push(clean);
      continue;
    }
    // Same style open above: close up to it and become its sibling.
    const same = stack.findIndex((n) => n.marker && n.marker.style === marker.style);
    if (same > 0) stack.length = same;
    // A field line nests under the item but opens nothing.
    const parent = top();
    const n = node(marker, text, parent);
    if (fields && marker.bullet) {
      n.isField = true;
      n.fields = fields;
      n.fieldLines = [clean];
    } else if (fields && !marker.bullet && /^(?:thoi gian|co quan|don vi|kinh phi)/.test(fold(text))) {
      // "2. Thời gian tổ chức: …" under a heading: a field of the heading, not an item.
      parent.fields.push(...fields);
      parent.fieldLines.push(clean);
      continue;
    }
    if (!fields) {
      const inline = splitInlineFields(text);
      if (inline) {
        n.text = inline.title;
        n.fields = inline.fields;
        n.fieldLines = [clean];
      }
    }
    parent.children.push(n);
    stack.push(n);
  }
  return root;
}
