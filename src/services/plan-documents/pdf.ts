/**
 * .pdf → its text layer with pdf.js (pure JavaScript, legacy build for Node). A scan has no text
 * layer: that, a password and a damaged file are told apart for the user.
 */
import type { DocBlock } from '../../domain/plan-extract/index.js';
import { PlanFileError } from './errors.js';

interface TextItem {
  str: string;
  hasEOL?: boolean;
  transform?: number[];
}

export async function readPdf(bytes: Buffer): Promise<DocBlock[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (err) {
    const name = (err as { name?: string }).name ?? '';
    if (name === 'PasswordException') throw new PlanFileError('encrypted');
    throw new PlanFileError('corrupt', (err as Error).message);
  }
  try {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      let lastY: number | null = null;
      for (const raw of content.items as TextItem[]) {
        if (typeof raw.str !== 'string') continue;
        const y = raw.transform?.[5] ?? null;
        // A new baseline without an end-of-line mark still starts a new line.
        if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && !text.endsWith('\n')) text += '\n';
        text += raw.str;
        if (raw.hasEOL) text += '\n';
        if (y !== null) lastY = y;
      }
      pages.push(text);
      page.cleanup();
    }
    // pdf.js marks line ends twice at times (an empty item with an end of line): a PDF's lines carry
    // no blank line between paragraphs that could be trusted, so runs of line ends are one.
    const text = pages.join('\n').replace(/\n{2,}/g, '\n');
    if (!text.trim()) throw new PlanFileError('no_text');
    return [{ kind: 'text', text }];
  } finally {
    await doc.destroy();
  }
}
