/** An item of a plan before it becomes activities: its words, fields and place in the outline. */
import type { FieldValue } from './fields.js';

export interface Item {
  /** The item's first line as written (marker and text). */
  head: string;
  /** Headings above it, nearest first. */
  ancestors: string[];
  title: string;
  body: string[];
  fields: FieldValue[];
  lines: string[];
  path: string;
}
