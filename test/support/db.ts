import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type DbHandle } from '../../src/db/client.js';
import type { DbProvider } from '../../src/db/provider.js';
import { createRepos, type Repos } from '../../src/db/repos/index.js';
import { pgAdminUrl } from './global-setup.js';

export interface TestDb extends DbHandle {
  url: string;
  repos: Repos;
  drop(): Promise<void>;
}

/** The providers the database suite runs on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testProviders(): DbProvider[] {
  return inject('pgTemplate') ? ['sqlite', 'postgresql'] : ['sqlite'];
}

let counter = 0;

/** A fresh, migrated, empty database of the given provider: its URL and how to remove it. */
export async function provisionTestDatabase(
  provider: DbProvider = 'sqlite',
): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const name = `t${process.pid}_${Date.now()}_${counter++}`;
  if (provider === 'sqlite') {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-db-')), 'test.db');
    fs.copyFileSync(inject('sqliteTemplate'), file);
    return {
      url: `file:${file}`,
      cleanup: async () => fs.rmSync(path.dirname(file), { recursive: true, force: true }),
    };
  }
  const template = inject('pgTemplate');
  const base = process.env.TEST_DATABASE_URL;
  if (!template || !base) throw new Error('PostgreSQL tests need TEST_DATABASE_URL');
  const dbName = `${template}_${name}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}" TEMPLATE "${template}"`);
  await admin.end();
  return {
    url: pgAdminUrl(base, dbName),
    cleanup: async () => {
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A fresh, migrated database of the given provider, private to the caller. */
export async function createTestDb(provider: DbProvider = 'sqlite'): Promise<TestDb> {
  const { url, cleanup } = await provisionTestDatabase(provider);
  const handle = await createDb(url);
  return {
    ...handle,
    url,
    repos: createRepos(handle.db, handle.provider),
    async drop() {
      await handle.close();
      await cleanup();
    },
  };
}
