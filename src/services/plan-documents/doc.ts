import type { DocBlock } from '../../domain/plan-extract/index.js';
import { PlanFileError } from './read.js';

/** .doc (Word 97–2003) → its text; not yet supported. */
export async function readDoc(_bytes: Buffer): Promise<DocBlock[]> {
  throw new PlanFileError('unsupported', '.doc');
}
