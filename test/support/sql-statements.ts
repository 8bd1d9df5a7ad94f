import { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Every SQL statement the app runs, as its text (fold it with sqlText): each run of a better-sqlite3
 * statement, each pg client query. Used by test/bot/statements.test.ts and bench/statements.ts,
 * bench/updates.ts. The drivers are patched while someone listens: the first listener patches them, and
 * the last one to stop listening puts them back (a benchmark times its runs unpatched).
 */
type Listener = (sql: string) => void;
/** The text of a statement, whitespace folded (computed only when a listener reads it). */
export const sqlText = (sql: string) => sql.replace(/\s+/g, ' ').trim();
const listeners = new Set<Listener>();
/** Puts the drivers' own methods back; set while they are patched. */
let unpatch: (() => void) | undefined;

export function onSqlStatement(listener: Listener): () => void {
  unpatch ??= patchDrivers();
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      unpatch?.();
      unpatch = undefined;
    }
  };
}

function patchDrivers(): () => void {
  const restores: (() => void)[] = [];
  // The SQLite adapter may bring its own copy of better-sqlite3.
  const adapterSqlite = createRequire(
    path.resolve(import.meta.dirname, '../../node_modules/@prisma/adapter-better-sqlite3/package.json'),
  )('better-sqlite3') as typeof Database;
  const tell = (q: unknown) => {
    if (!listeners.size) return;
    const text = typeof q === 'string' ? q : ((q as { text?: string })?.text ?? String(q));
    for (const l of listeners) l(text);
  };
  const wrap = (
    proto: Record<string, (...a: unknown[]) => unknown>,
    name: string,
    sqlOf: (self: unknown, args: unknown[]) => unknown,
  ) => {
    const original = proto[name]!;
    restores.push(() => (proto[name] = original));
    proto[name] = function (this: unknown, ...args: unknown[]) {
      tell(sqlOf(this, args));
      return original.apply(this, args);
    };
  };
  // SQLite statements are prepared once and run many times (src/db/direct-sql.ts): count each run.
  for (const Db of new Set([Database, adapterSqlite])) {
    const probe = new Db(':memory:');
    const proto = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>;
    probe.close();
    for (const name of ['run', 'all', 'get', 'iterate'])
      wrap(proto, name, (self) => (self as { source: string }).source);
  }
  wrap(
    pg.Client.prototype as unknown as Record<string, (...a: unknown[]) => unknown>,
    'query',
    (_self, args) => args[0],
  );
  return () => restores.forEach((restore) => restore());
}
