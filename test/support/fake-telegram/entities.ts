import { errors } from './errors.js';
import type { TgEntity } from './types.js';

/**
 * Formatting: turns `text` + `parse_mode` into plain text + entities the way
 * Telegram does, including its "can't parse entities" errors for malformed
 * HTML / MarkdownV2 (the most common production bug a fake should catch).
 * Offsets and lengths are in UTF-16 code units, like the Bot API.
 */

export interface FormattedText {
  text: string;
  entities: TgEntity[];
}

export function formatText(raw: string, parseMode: unknown, explicitEntities?: unknown): FormattedText {
  let result: FormattedText;
  const mode = typeof parseMode === 'string' ? parseMode.toLowerCase() : '';
  if (mode === 'html') result = parseHtml(raw);
  else if (mode === 'markdownv2') result = parseMarkdownV2(raw);
  else if (mode === 'markdown') result = parseMarkdownLegacy(raw);
  else if (mode === '') {
    result = { text: raw, entities: Array.isArray(explicitEntities) ? (explicitEntities as TgEntity[]) : [] };
  } else throw errors.badRequest(`unsupported parse_mode`);
  return trimFormatted(result);
}

/** Telegram strips leading/trailing whitespace from texts and captions. */
function trimFormatted({ text, entities }: FormattedText): FormattedText {
  const lead = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const out: TgEntity[] = [];
  for (const e of entities) {
    const start = Math.max(0, e.offset - lead);
    const end = Math.min(trimmed.length, e.offset + e.length - lead);
    if (end > start) out.push({ ...e, offset: start, length: end - start });
  }
  out.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: trimmed, entities: out };
}

const byteOffset = (s: string, i: number) => Buffer.byteLength(s.slice(0, i), 'utf8');

// ---------------------------------------------------------------- HTML

const HTML_TAGS: Record<string, string> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  a: 'text_link',
  code: 'code',
  pre: 'pre',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  blockquote: 'blockquote',
  'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag {
  tag: string;
  entity: TgEntity;
}

export function parseHtml(src: string): FormattedText {
  let text = '';
  const entities: TgEntity[] = [];
  const stack: OpenTag[] = [];
  const tagRe = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/y;

  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '&') {
      const m = /&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/y;
      m.lastIndex = i;
      const hit = m.exec(src);
      if (hit) {
        const body = hit[1]!;
        let decoded: string | undefined;
        if (body.startsWith('#x')) decoded = String.fromCodePoint(parseInt(body.slice(2), 16));
        else if (body.startsWith('#')) decoded = String.fromCodePoint(parseInt(body.slice(1), 10));
        else decoded = NAMED_ENTITIES[body.toLowerCase()];
        if (decoded !== undefined) {
          text += decoded;
          i += hit[0].length;
          continue;
        }
      }
      text += c;
      i++;
      continue;
    }
    if (c !== '<') {
      text += c;
      i++;
      continue;
    }
    tagRe.lastIndex = i;
    const m = tagRe.exec(src);
    if (!m) {
      const rest = /^<\/?([^\s>]*)/.exec(src.slice(i));
      if (!src.includes('>', i))
        throw errors.parseEntities(`Can't find end of the tag at byte offset ${byteOffset(src, i)}`);
      throw errors.parseEntities(`Unsupported start tag "${rest?.[1] ?? ''}" at byte offset ${byteOffset(src, i)}`);
    }
    const closing = m[1] === '/';
    const tag = m[2]!.toLowerCase();
    const attrs = parseAttributes(m[3] ?? '');
    if (closing) {
      const top = stack.pop();
      if (!top) throw errors.parseEntities(`Unexpected end tag at byte offset ${byteOffset(src, i)}`);
      if (top.tag !== tag) {
        throw errors.parseEntities(`Can't find end tag corresponding to start tag "${top.tag}"`);
      }
      closeEntity(top, text.length, stack, entities);
    } else {
      const type = HTML_TAGS[tag];
      if (!type) throw errors.parseEntities(`Unsupported start tag "${tag}" at byte offset ${byteOffset(src, i)}`);
      const entity: TgEntity = { type, offset: text.length, length: 0 };
      if (tag === 'a') {
        const href = attrs.href ?? '';
        const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
        if (mention) {
          entity.type = 'text_mention';
          entity.user = { id: Number(mention[1]), is_bot: false, first_name: '' };
        } else entity.url = href;
      } else if (tag === 'span' && attrs.class !== 'tg-spoiler') {
        throw errors.parseEntities(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, i)}`);
      } else if (tag === 'code' && attrs.class?.startsWith('language-')) {
        entity.language = attrs.class.slice('language-'.length);
      } else if (tag === 'blockquote' && 'expandable' in attrs) {
        entity.type = 'expandable_blockquote';
      } else if (tag === 'tg-emoji') {
        entity.custom_emoji_id = attrs['emoji-id'] ?? '';
      }
      stack.push({ tag, entity });
    }
    i += m[0].length;
  }
  const unclosed = stack.pop();
  if (unclosed) throw errors.parseEntities(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text, entities };
}

function closeEntity(open: OpenTag, end: number, stack: OpenTag[], entities: TgEntity[]): void {
  const e = open.entity;
  e.length = end - e.offset;
  if (e.length <= 0) return;
  // <pre><code class="language-x">...</code></pre> → one pre entity with language.
  const parent = stack[stack.length - 1];
  if (e.type === 'code' && parent?.entity.type === 'pre' && parent.entity.offset === e.offset) {
    if (e.language) parent.entity.language = e.language;
    return;
  }
  if (e.type === 'code') delete e.language;
  entities.push(e);
}

function parseAttributes(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
  for (const m of raw.matchAll(re)) {
    const value = m[2] ?? m[3] ?? m[4] ?? '';
    attrs[m[1]!.toLowerCase()] = value.replace(/&(lt|gt|amp|quot);/g, (_, n: string) => NAMED_ENTITIES[n] ?? '');
  }
  return attrs;
}

// ---------------------------------------------------------------- MarkdownV2

const MDV2_RESERVED = new Set('_*[]()~`>#+-=|{}.!'.split(''));
const MDV2_NAMES: Record<string, string> = {
  bold: 'Bold',
  italic: 'Italic',
  underline: 'Underline',
  strikethrough: 'Strikethrough',
  spoiler: 'Spoiler',
  text_link: 'TextUrl',
};

interface MdOpen {
  type: string;
  offset: number;
  srcIndex: number;
}

export function parseMarkdownV2(src: string): FormattedText {
  let text = '';
  const entities: TgEntity[] = [];
  const stack: MdOpen[] = [];
  const reserved = (ch: string) =>
    errors.parseEntities(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);

  const toggle = (type: string, i: number) => {
    const idx = findLastIndex(stack, (o) => o.type === type);
    if (idx === -1) {
      stack.push({ type, offset: text.length, srcIndex: i });
      return;
    }
    if (idx !== stack.length - 1) {
      const top = stack[stack.length - 1]!;
      throw errors.parseEntities(
        `Can't find end of ${MDV2_NAMES[top.type] ?? top.type} entity at byte offset ${byteOffset(src, top.srcIndex)}`,
      );
    }
    const open = stack.pop()!;
    if (text.length > open.offset) entities.push({ type, offset: open.offset, length: text.length - open.offset });
  };

  let i = 0;
  let lineStart = true;
  while (i < src.length) {
    const c = src[i]!;
    const atLineStart = lineStart;
    lineStart = c === '\n';
    if (c === '\\') {
      const next = src[i + 1];
      if (next === undefined || next.charCodeAt(0) > 126) {
        throw errors.parseEntities(`Character '\\' is reserved and must be escaped with the preceding '\\'`);
      }
      text += next;
      i += 2;
      continue;
    }
    if (!MDV2_RESERVED.has(c)) {
      text += c;
      i++;
      continue;
    }
    switch (c) {
      case '*':
        toggle('bold', i);
        i++;
        break;
      case '~':
        toggle('strikethrough', i);
        i++;
        break;
      case '_':
        if (src[i + 1] === '_') {
          toggle('underline', i);
          i += 2;
        } else {
          toggle('italic', i);
          i++;
        }
        break;
      case '|':
        if (src[i + 1] !== '|') throw reserved(c);
        toggle('spoiler', i);
        i += 2;
        break;
      case '`': {
        const isPre = src.startsWith('```', i);
        const fence = isPre ? '```' : '`';
        let j = i + fence.length;
        let language: string | undefined;
        if (isPre) {
          const nl = src.indexOf('\n', j);
          const firstLine = nl === -1 ? '' : src.slice(j, nl);
          if (nl !== -1 && /^[^\s`]*$/.test(firstLine)) {
            if (firstLine) language = firstLine;
            j = nl + 1;
          }
        }
        let content = '';
        let closed = false;
        while (j < src.length) {
          if (src[j] === '\\' && j + 1 < src.length) {
            content += src[j + 1];
            j += 2;
            continue;
          }
          if (src.startsWith(fence, j)) {
            closed = true;
            break;
          }
          content += src[j];
          j++;
        }
        if (!closed) {
          throw errors.parseEntities(
            `Can't find end of ${isPre ? 'PreCode' : 'Code'} entity at byte offset ${byteOffset(src, i)}`,
          );
        }
        if (content.length > 0) {
          const entity: TgEntity = { type: isPre ? 'pre' : 'code', offset: text.length, length: content.length };
          if (language) entity.language = language;
          entities.push(entity);
        }
        text += content;
        i = j + fence.length;
        break;
      }
      case '[':
        stack.push({ type: 'text_link', offset: text.length, srcIndex: i });
        i++;
        break;
      case ']': {
        const top = stack[stack.length - 1];
        if (!top || top.type !== 'text_link') throw reserved(c);
        if (src[i + 1] !== '(') {
          throw errors.parseEntities(
            `Can't find end of TextUrl entity at byte offset ${byteOffset(src, top.srcIndex)}`,
          );
        }
        let j = i + 2;
        let url = '';
        while (j < src.length && src[j] !== ')') {
          if (src[j] === '\\' && j + 1 < src.length) {
            url += src[j + 1];
            j += 2;
          } else url += src[j++];
        }
        if (j >= src.length) {
          throw errors.parseEntities(`Can't find end of a URL at byte offset ${byteOffset(src, i + 2)}`);
        }
        stack.pop();
        if (text.length > top.offset) {
          entities.push({ type: 'text_link', offset: top.offset, length: text.length - top.offset, url });
        }
        i = j + 1;
        break;
      }
      case '>':
        if (!atLineStart) throw reserved(c);
        {
          // Blockquote: this line (and following ">" lines) up to the end of line.
          const start = text.length;
          const nl = src.indexOf('\n', i);
          const line = nl === -1 ? src.slice(i + 1) : src.slice(i + 1, nl);
          const inner = parseMarkdownV2(line);
          for (const e of inner.entities) entities.push({ ...e, offset: e.offset + start });
          text += inner.text;
          const last = entities.findLast((e) => e.type === 'blockquote');
          if (last && last.offset + last.length + 1 === start && text[start - 1] === '\n') {
            last.length = text.length - last.offset;
          } else if (text.length > start) {
            entities.push({ type: 'blockquote', offset: start, length: text.length - start });
          }
          i = nl === -1 ? src.length : nl;
        }
        break;
      default:
        throw reserved(c);
    }
  }
  const unclosed = stack.pop();
  if (unclosed) {
    throw errors.parseEntities(
      `Can't find end of ${MDV2_NAMES[unclosed.type] ?? unclosed.type} entity at byte offset ${byteOffset(src, unclosed.srcIndex)}`,
    );
  }
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

function findLastIndex<T>(arr: T[], pred: (v: T) => boolean): number {
  for (let k = arr.length - 1; k >= 0; k--) if (pred(arr[k]!)) return k;
  return -1;
}

// ---------------------------------------------------------------- legacy Markdown

export function parseMarkdownLegacy(src: string): FormattedText {
  let text = '';
  const entities: TgEntity[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '\\' && '_*`['.includes(src[i + 1] ?? '')) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '*' || c === '_' || c === '`') {
      const fence = c === '`' && src.startsWith('```', i) ? '```' : c;
      const end = src.indexOf(fence, i + fence.length);
      if (end === -1) {
        throw errors.parseEntities(`Can't find end of the entity starting at byte offset ${byteOffset(src, i)}`);
      }
      let content = src.slice(i + fence.length, end);
      let language: string | undefined;
      if (fence === '```') {
        const nl = content.indexOf('\n');
        if (nl !== -1 && /^[^\s`]*$/.test(content.slice(0, nl))) {
          language = content.slice(0, nl) || undefined;
          content = content.slice(nl + 1);
        }
      }
      const type = c === '*' ? 'bold' : c === '_' ? 'italic' : fence === '```' ? 'pre' : 'code';
      if (content.length > 0) {
        const entity: TgEntity = { type, offset: text.length, length: content.length };
        if (language) entity.language = language;
        entities.push(entity);
      }
      text += content;
      i = end + fence.length;
      continue;
    }
    if (c === '[') {
      const m = /\[([^\]]*)\]\(([^)]*)\)/y;
      m.lastIndex = i;
      const hit = m.exec(src);
      if (hit) {
        if (hit[1]!.length > 0)
          entities.push({ type: 'text_link', offset: text.length, length: hit[1]!.length, url: hit[2]! });
        text += hit[1];
        i += hit[0].length;
        continue;
      }
      throw errors.parseEntities(`Can't find end of the entity starting at byte offset ${byteOffset(src, i)}`);
    }
    text += c;
    i++;
  }
  return { text, entities };
}
