import type { DocBlock } from '../../domain/plan-extract/index.js';
import { PlanFileError } from './read.js';

/** .pdf → its text layer; not yet supported. */
export async function readPdf(_bytes: Buffer): Promise<DocBlock[]> {
  throw new PlanFileError('unsupported', '.pdf');
}
