import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../../src/db/migrate.js';

// Migrates one template database per provider, once per run; each test file then copies it
// (SQLite: a file copy; PostgreSQL: CREATE DATABASE … TEMPLATE), which is fast and isolated.

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
    pgTemplate: string | null;
  }
}

export function pgAdminUrl(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-test-'));
  const sqliteTemplate = path.join(dir, 'template.db');
  await applyMigrations(`file:${sqliteTemplate}`);
  project.provide('sqliteTemplate', sqliteTemplate);

  const pgUrl = process.env.TEST_DATABASE_URL;
  let pgTemplate: string | null = null;
  if (pgUrl) {
    pgTemplate = `liaison_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${pgTemplate}"`);
    await admin.end();
    await applyMigrations(pgAdminUrl(pgUrl, pgTemplate));
  }
  project.provide('pgTemplate', pgTemplate);

  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (pgUrl && pgTemplate) {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `${pgTemplate}%`,
      ]);
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS "${pgTemplate}" WITH (FORCE)`);
      await admin.end();
    }
  };
}
