/**
 * The one font the charts use: Noto Sans (SIL Open Font License 1.1), shipped as an npm package
 * (`@expo-google-fonts/noto-sans`), so Vietnamese diacritics render the same on a server with no
 * fonts installed. ECharts lays text out with this font's own advance widths and resvg draws with
 * it alone (system fonts are never loaded).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import opentype from 'opentype.js';

export const CHART_FONT_FAMILY = 'Noto Sans';

const require = createRequire(import.meta.url);
const PACKAGE_DIR = path.dirname(require.resolve('@expo-google-fonts/noto-sans/package.json'));

/** Regular and bold faces, as files for resvg. */
export const CHART_FONT_FILES = {
  regular: path.join(PACKAGE_DIR, '400Regular', 'NotoSans_400Regular.ttf'),
  bold: path.join(PACKAGE_DIR, '700Bold', 'NotoSans_700Bold.ttf'),
} as const;

let parsed: { regular: opentype.Font; bold: opentype.Font } | undefined;

function load(file: string): opentype.Font {
  const buf = fs.readFileSync(file);
  return opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

/** Parsed once per process (about 0.1 s), then reused. */
export function chartFonts() {
  parsed ??= { regular: load(CHART_FONT_FILES.regular), bold: load(CHART_FONT_FILES.bold) };
  return parsed;
}

const widths = new Map<string, number>();

/** Width in px of `text` set in a CSS font shorthand such as `bold 14px "Noto Sans"` (memoised: labels repeat). */
export function measureText(text: string, cssFont: string | undefined): number {
  const css = cssFont ?? '';
  const key = `${css}\u0000${text}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  if (widths.size > 5000) widths.clear();
  const width = advance(text, css);
  widths.set(key, width);
  return width;
}

function advance(text: string, css: string): number {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(css)?.[1] ?? 12);
  const fonts = chartFonts();
  const font = /\b(bold|[6-9]00)\b/.test(css) ? fonts.bold : fonts.regular;
  return font.getAdvanceWidth(text.normalize('NFC'), size, { kerning: true });
}
