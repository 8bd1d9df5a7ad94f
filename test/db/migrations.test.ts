import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { applyMigrations, runPrismaCli } from '../../src/db/migrate.js';
import { pgAdminUrl } from '../support/global-setup.js';
import { testProviders } from '../support/db.js';

async function throwawayUrl(provider: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (provider === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-mig-'));
    return { url: `file:${path.join(dir, 'm.db')}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.TEST_DATABASE_URL!;
  const name = `liaison_mig_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    url: pgAdminUrl(base, name),
    drop: async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

describe.each(testProviders())('migrations on %s', (provider) => {
  it('produce exactly the models (db push finds nothing to do)', async () => {
    const db = await throwawayUrl(provider);
    try {
      await applyMigrations(db.url);
      const out = await runPrismaCli(['db', 'push', '--skip-generate'], db.url, /already in sync|executed|Your database is now in sync/i);
      expect(out).toContain('already in sync');
    } finally {
      await db.drop();
    }
  }, 120_000);
});
