/** Plan documents read for you (docs/product.md#plan-documents): text and tables in, activities out. Pure. */
export { extractFromBlocks, extractFromText } from './extract.js';
export { textToBlocks } from './paragraphs.js';
export { toUnicodeText, tcvn3ToUnicode, vniToUnicode } from './legacy-encoding.js';
export { readTiming } from './timing-text.js';
export { buildAgencyIndex, splitAgencyNames, mentionAgencies } from './agencies.js';
export { findPlaces, countriesOf } from './places.js';
export { typeCue, splitBundle } from './classify.js';
export { toPlanJson, type PlanJsonActivity } from './json.js';
export type {
  ActivityTypeCode,
  AgencyMention,
  AgencyRef,
  DocBlock,
  ExtractedActivity,
  ExtractedTiming,
  ExtractOptions,
  ExtractResult,
} from './types.js';
