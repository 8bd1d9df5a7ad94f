import fs from 'node:fs';
import net from 'node:net';
import { Writable } from 'node:stream';
import pg from 'pg';
import { providerOf, sqlitePath } from '../../src/db/provider.js';

/** A pino destination that keeps every line (to grep the log output). */
export function captureLog() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += String(chunk);
      cb();
    },
  });
  return { stream, text: () => text };
}

/** Everything stored in the database as text: the SQLite file (and its WAL), or every PostgreSQL row as JSON. */
export async function databaseText(url: string): Promise<string> {
  if (providerOf(url) === 'sqlite') {
    const file = sqlitePath(url);
    return [file, `${file}-wal`]
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f).toString('latin1') + fs.readFileSync(f).toString('utf8'))
      .join('\n');
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const out: string[] = [];
    for (const { table_name } of tables) {
      const { rows } = await client.query(`SELECT row_to_json(t)::text AS j FROM "${table_name}" t`);
      out.push(...rows.map((r: { j: string }) => r.j));
    }
    return out.join('\n');
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
