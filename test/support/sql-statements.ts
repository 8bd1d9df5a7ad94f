import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Every SQL statement the app sends, as text (whitespace folded): better-sqlite3 prepares each one,
 * pg clients query each one. Used by test/bot/statements.test.ts and bench/statements.ts,
 * bench/updates.ts. The drivers are patched once, on the first listener.
 */
type Listener = (sql: string) => void;
const listeners = new Set<Listener>();
let patched = false;

export function onSqlStatement(listener: Listener): () => void {
  if (!patched) patchDrivers();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function patchDrivers() {
  patched = true;
  // The SQLite adapter may bring its own copy of better-sqlite3.
  const adapterSqlite = createRequire(
    path.resolve(import.meta.dirname, '../../node_modules/@prisma/adapter-better-sqlite3/package.json'),
  )('better-sqlite3') as typeof Database;
  const protos = new Set<object>([Database.prototype, adapterSqlite.prototype, pg.Client.prototype]);
  for (const proto of protos as unknown as Set<Record<string, (...a: unknown[]) => unknown>>) {
    const name = 'prepare' in proto ? 'prepare' : 'query';
    const original = proto[name]!;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      if (listeners.size) {
        const q = args[0];
        const text = (typeof q === 'string' ? q : ((q as { text?: string })?.text ?? String(q)))
          .replace(/\s+/g, ' ')
          .trim();
        for (const l of listeners) l(text);
      }
      return original.apply(this, args);
    };
  }
}
