/** Public shapes of the plan-document extractor (docs/product.md#plan-documents). */
import type { Timing } from '../timing/index.js';

export type ActivityTypeCode =
  | 'OUTBOUND'
  | 'INBOUND'
  | 'LETTER'
  | 'CONFERENCE'
  | 'ONLINE_TALK'
  | 'AGREEMENT'
  | 'EXCHANGE'
  | 'MEDIA'
  | 'AWARD'
  | 'OTHER';

/**
 * What a reader hands the extractor: the document's paragraphs in reading order. `label` is the
 * number Word draws in front of an automatically numbered paragraph ("II.", "1.", "a)", "-"), which
 * is not in the paragraph's text; `rows` is a table (cell texts).
 */
export type DocBlock =
  | { kind: 'paragraph'; text: string; label?: string }
  | { kind: 'table'; rows: string[][] }
  /** Plain text with hard-wrapped lines (a .txt, a PDF's text layer): split into paragraphs here. */
  | { kind: 'text'; text: string };

/** An agency as the agency list knows it. */
export interface AgencyRef {
  id: number;
  code: string;
  nameVi: string;
  nameEn?: string | null;
  active?: boolean;
}

/** A name read in the document, matched to the agency list or not (then with the closest agencies). */
export interface AgencyMention {
  written: string;
  agency: AgencyRef | null;
  suggestions: AgencyRef[];
}

export interface ExtractedTiming extends Timing {
  /** The words as written. */
  text: string;
}

export interface ExtractedActivity {
  /** Item number path as the reader sees it, e.g. "II.1.b"; bundles get "-1", "-2". */
  item: string;
  type: ActivityTypeCode;
  title: string;
  timing: ExtractedTiming | null;
  lead: AgencyMention[];
  coordinating: AgencyMention[];
  countries: string[];
  partner: string | null;
  /** Other fields a plan may state: place, estimated cost (VND), funding words, members. */
  place: string | null;
  costVnd: number | null;
  funding: string | null;
  /** The paragraph(s) the activity was read from. */
  paragraph: string;
}

export interface ExtractOptions {
  agencies?: AgencyRef[];
  /** The province's own name ("Bình Định"), stripped from agency names when matching. */
  province?: string;
}

export interface ExtractResult {
  activities: ExtractedActivity[];
  /** Text conversions applied (e.g. "TCVN3"). */
  encoding: 'UNICODE' | 'TCVN3' | 'VNI';
}
