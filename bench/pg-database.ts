import pg from 'pg';

/**
 * A throwaway PostgreSQL database for a benchmark, or null when no server answers (or BENCH_PG=off).
 * The server: BENCH_PG_URL, else TEST_DATABASE_URL, else the local one.
 */
export async function throwawayPgDatabase(prefix: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  if (process.env.BENCH_PG === 'off') return null;
  const base = process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}
