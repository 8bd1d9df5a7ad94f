/**
 * A plan document's bytes → the extractor's blocks, by kind: .txt (UTF-8, UTF-16 or a legacy
 * single-byte font's bytes), .docx (with Word's numbering), .doc, .pdf (text layer), .xlsx, .csv.
 * Every failure is a typed problem the bot and the CLI explain, never an exception.
 */
import type { DocBlock } from '../../domain/plan-extract/index.js';
import { parseCsv, readXlsx } from '../agency-import.js';
import { PlanFileError } from './errors.js';

/** Telegram's Bot API lets a bot download files up to 20 MB. */
export const MAX_PLAN_FILE_BYTES = 20 * 1024 * 1024;

export type PlanFileKind = 'txt' | 'docx' | 'doc' | 'pdf' | 'xlsx' | 'csv';
export { PlanFileError, type PlanFileProblem } from './errors.js';

export function planFileKind(fileName: string): PlanFileKind | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  return (
    (['txt', 'docx', 'doc', 'pdf', 'xlsx', 'csv'] as const).find((k) => k === ext) ?? (ext === 'text' ? 'txt' : null)
  );
}

/** Decodes a text file: BOMs, UTF-8, else bytes as Latin-1 (TCVN3/VNI files are single-byte). */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

const ZIP = (b: Buffer) => b[0] === 0x50 && b[1] === 0x4b;
const OLE = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

export async function readPlanFile(
  bytes: Buffer,
  fileName: string,
): Promise<{ kind: PlanFileKind; blocks: DocBlock[] }> {
  const kind = planFileKind(fileName);
  if (!kind) throw new PlanFileError('unsupported', fileName);
  if (bytes.length > MAX_PLAN_FILE_BYTES) throw new PlanFileError('too_big');
  if (bytes.length === 0) throw new PlanFileError('empty');
  let blocks: DocBlock[];
  switch (kind) {
    case 'txt':
      blocks = [{ kind: 'text', text: decodeText(bytes) }];
      break;
    case 'csv':
      blocks = [{ kind: 'table', rows: parseCsv(decodeText(bytes)).map((r) => r.cells) }];
      break;
    case 'xlsx':
      // An encrypted Office file is an OLE container, not a zip.
      if (OLE(bytes)) throw new PlanFileError('encrypted');
      if (!ZIP(bytes)) throw new PlanFileError('corrupt');
      try {
        blocks = [{ kind: 'table', rows: (await readXlsx(bytes)).map((r) => r.cells) }];
      } catch (err) {
        throw new PlanFileError('corrupt', (err as Error).message);
      }
      break;
    case 'docx':
      if (OLE(bytes)) throw new PlanFileError('encrypted');
      if (!ZIP(bytes)) throw new PlanFileError('corrupt');
      try {
        // jszip (and the reader) load with the first .docx, not at start-up, like .doc and .pdf below.
        blocks = await (await import('./docx.js')).readDocx(bytes);
      } catch (err) {
        throw new PlanFileError('corrupt', (err as Error).message);
      }
      break;
    case 'doc':
      blocks = await (await import('./doc.js')).readDoc(bytes);
      break;
    case 'pdf':
      blocks = await (await import('./pdf.js')).readPdf(bytes);
      break;
  }
  const hasText = blocks.some((b) =>
    b.kind === 'table' ? b.rows.some((r) => r.some((c) => c.trim() !== '')) : b.text.trim() !== '',
  );
  if (!hasText) throw new PlanFileError(kind === 'pdf' ? 'no_text' : 'empty');
  return { kind, blocks };
}
