/** A small tokenizer for the WordprocessingML parts we read (no DTDs, no CDATA in practice). */

export interface XmlTag {
  name: string;
  attrs: Record<string, string>;
  close: boolean;
  selfClose: boolean;
}

export type XmlToken = { tag: XmlTag } | { text: string };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : ENTITIES[e]!,
  );
}

export function* tokens(xml: string): Generator<XmlToken> {
  const re =
    /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    if (m[2]) {
      const attrs: Record<string, string> = {};
      for (const a of (m[3] ?? '').matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        attrs[a[1]!] = unescapeXml(a[2] ?? a[3] ?? '');
      yield { tag: { name: m[2], attrs, close: m[1] === '/', selfClose: m[4] === '/' } };
    } else if (m[5] !== undefined) yield { text: m[5] };
    else if (m[6] !== undefined) yield { text: unescapeXml(m[6]) };
  }
}
