import type { BoardFilter, BoardRow, SortKey } from '../../src/domain/board.js';
import type { BoardData, Me } from './api.js';

export interface View {
  filter: BoardFilter;
  sort: SortKey;
  desc: boolean;
  tab: 'table' | 'calendar';
  /** Rows shown in the table (more on demand: the first screen stays light with thousands). */
  limit: number;
  /** The calendar's month. */
  month: { y: number; m: number };
}

export interface Board {
  me: Me;
  data: BoardData;
  agencyName: Map<number, string>;
  agencyCode: Map<number, string>;
  index: Map<number, string>;
  view: View;
  /** The rows of the current filter, in the current order. */
  shown: BoardRow[];
}

export const PAGE = 100;
