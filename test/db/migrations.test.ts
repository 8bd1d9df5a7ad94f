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
    return {
      url: `file:${path.join(dir, 'm.db')}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
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
      const out = await runPrismaCli(
        ['db', 'push', '--skip-generate'],
        db.url,
        /already in sync|executed|Your database is now in sync/i,
      );
      expect(out).toContain('already in sync');
    } finally {
      await db.drop();
    }
  }, 120_000);
});

/** Runs the migrations' SQL files directly (to stop before one and put old rows in between). */
async function runSql(provider: string, url: string, sql: string): Promise<void> {
  if (provider === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(url.replace(/^file:/, ''));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function query(provider: string, url: string, sql: string): Promise<Record<string, unknown>[]> {
  if (provider === 'sqlite') {
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(url.replace(/^file:/, ''));
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

const LIFECYCLE = '20261128113000_lifecycle_legal_words';

describe.each(testProviders())('the lifecycle migration on %s', (provider) => {
  it('converts APPROVED to AGREED and REJECTED to RETURNED, in the rows and in their history', async () => {
    const db = await throwawayUrl(provider);
    try {
      const dir = path.join('prisma', provider, 'migrations');
      const names = fs
        .readdirSync(dir)
        .filter((n) => fs.statSync(path.join(dir, n)).isDirectory())
        .sort();
      const at = names.indexOf(LIFECYCLE);
      expect(at).toBeGreaterThan(0);
      for (const n of names.slice(0, at))
        await runSql(provider, db.url, fs.readFileSync(path.join(dir, n, 'migration.sql'), 'utf8'));
      const now = provider === 'sqlite' ? "'2025-04-01 00:00:00'" : 'NOW()';
      await runSql(
        provider,
        db.url,
        `INSERT INTO "Agency" ("code", "nameVi", "updatedAt") VALUES ('SNN', 'Sở Nông nghiệp và Môi trường', ${now});
         INSERT INTO "Activity" ("reference", "type", "title", "leadAgencyId", "status", "statusReason", "updatedAt") VALUES
           ('2025-001', 'OUTBOUND', 'Đoàn ra', 1, 'APPROVED', NULL, ${now}),
           ('2025-002', 'LETTER', 'Thư', 1, 'REJECTED', 'Thiếu người nhận', ${now}),
           ('2025-003', 'OTHER', 'Khác', 1, 'DONE', NULL, ${now});
         INSERT INTO "ActivityHistory" ("activityId", "action", "field", "oldValue", "newValue", "updatedAt") VALUES
           (1, 'STATUS', 'status', 'SUBMITTED', 'APPROVED', ${now}),
           (2, 'STATUS', 'status', 'SUBMITTED', 'REJECTED', ${now}),
           (1, 'UPDATE', 'title', 'APPROVED', 'Đoàn ra', ${now});`,
      );
      await runSql(provider, db.url, fs.readFileSync(path.join(dir, LIFECYCLE, 'migration.sql'), 'utf8'));
      const rows = await query(
        provider,
        db.url,
        `SELECT "reference", "status", "statusReason", "recordedPast" FROM "Activity" ORDER BY "reference"`,
      );
      expect(rows.map((r) => [r.reference, r.status, r.statusReason])).toEqual([
        ['2025-001', 'AGREED', null],
        ['2025-002', 'RETURNED', 'Thiếu người nhận'],
        ['2025-003', 'DONE', null],
      ]);
      expect(rows.every((r) => !r.recordedPast)).toBe(true);
      const history = await query(
        provider,
        db.url,
        `SELECT "field", "oldValue", "newValue" FROM "ActivityHistory" ORDER BY "id"`,
      );
      expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toEqual([
        ['status', 'SUBMITTED', 'AGREED'],
        ['status', 'SUBMITTED', 'RETURNED'],
        // Only status lines speak of statuses: another field's words stay as they were.
        ['title', 'APPROVED', 'Đoàn ra'],
      ]);
    } finally {
      await db.drop();
    }
  }, 120_000);
});
