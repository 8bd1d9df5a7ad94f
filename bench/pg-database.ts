import pg from 'pg';

/**
 * A throwaway PostgreSQL database for a benchmark, or null when no server answers (or BENCH_PG=off).
 * The server: BENCH_PG_URL, else TEST_DATABASE_URL, else the local one.
 */
export async function throwawayPgDatabase(
  prefix: string,
  opts: { keep?: boolean } = {},
): Promise<{ url: string; drop: () => Promise<void> } | null> {
  if (process.env.BENCH_PG === 'off') return null;
  const base = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  // keep: one database of that name, created when absent and never dropped (reused between runs).
  const name = opts.keep ? `${prefix}_kept` : `${prefix}_${process.pid}_${Date.now()}`;
  const exists = opts.keep && (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  if (!exists) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      if (opts.keep) return;
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}
