/** .doc (Word 97–2003) → its text, with word-extractor (pure JavaScript). */
import WordExtractor from 'word-extractor';
import type { DocBlock } from '../../domain/plan-extract/index.js';
import { PlanFileError } from './errors.js';

export async function readDoc(bytes: Buffer): Promise<DocBlock[]> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(bytes);
    body = doc.getBody();
  } catch (err) {
    const message = (err as Error).message ?? '';
    if (/encrypt|password/i.test(message)) throw new PlanFileError('encrypted');
    throw new PlanFileError('corrupt', message);
  }
  // Each line of a .doc's body is one paragraph (no hard wrapping, unlike a PDF's text layer).
  return body
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((text) => ({ kind: 'paragraph' as const, text }));
}
