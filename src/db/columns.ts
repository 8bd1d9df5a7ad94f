import { dateValue, jsonValue, type Row } from './direct-sql.js';

/**
 * A table's columns as the direct statements (src/db/direct-sql.ts) read them back: each driver
 * returns its own types (SQLite: integers as bigint, dates and Json as text; PostgreSQL: Date and
 * parsed Json), and `rowOf` turns a row into what Prisma would have returned for that model.
 * test/unit/direct-columns.test.ts checks each list against Prisma's model.
 */

/** How a column is stored and read back. */
export type Kind = 'int' | 'bigint' | 'text' | 'bool' | 'date' | 'json' | { enum: string };
export type Columns = Record<string, Kind>;

function decode(kind: Kind, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'int':
      return Number(v);
    case 'bigint':
      return BigInt(v as string);
    case 'bool':
      return typeof v === 'boolean' ? v : Number(v) !== 0;
    case 'date':
      return dateValue(v);
    case 'json':
      return jsonValue(v);
    default:
      return String(v);
  }
}

/** A row of the driver as Prisma returns it for the model whose columns these are. */
export const rowOf = <T>(columns: Columns, row: Row): T =>
  Object.fromEntries(Object.entries(columns).map(([name, kind]) => [name, decode(kind, row[name])])) as T;

/** The column list of a SELECT or RETURNING of every column, quoted. */
export const columnList = (columns: Columns) =>
  Object.keys(columns)
    .map((c) => `"${c}"`)
    .join(', ');
