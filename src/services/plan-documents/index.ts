/**
 * A plan document read for you: the file's kind read (read.ts), its activities extracted against
 * the agency list (domain/plan-extract), and a content hash so the same document is imported once.
 */
import { createHash } from 'node:crypto';
import { extractFromBlocks, type AgencyRef, type ExtractedActivity } from '../../domain/plan-extract/index.js';
import { PlanFileError } from './errors.js';
import { readPlanFile, type PlanFileKind } from './read.js';

export {
  MAX_PLAN_FILE_BYTES,
  PlanFileError,
  planFileKind,
  readPlanFile,
  type PlanFileKind,
  type PlanFileProblem,
} from './read.js';

export interface PlanDocument {
  kind: PlanFileKind;
  hash: string;
  encoding: 'UNICODE' | 'TCVN3' | 'VNI';
  activities: ExtractedActivity[];
}

export function documentHash(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads and extracts; throws PlanFileError (including 'no_activity' when nothing was found). */
export async function extractPlanFile(
  bytes: Buffer,
  fileName: string,
  agencies: AgencyRef[],
  province?: string,
): Promise<PlanDocument> {
  const { kind, blocks } = await readPlanFile(bytes, fileName);
  const result = extractFromBlocks(blocks, { agencies, ...(province ? { province } : {}) });
  if (!result.activities.length) throw new PlanFileError('no_activity');
  return { kind, hash: documentHash(bytes), encoding: result.encoding, activities: result.activities };
}
