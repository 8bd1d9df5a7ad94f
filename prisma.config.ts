import path from 'node:path';
import fs from 'node:fs';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { DEFAULT_DATABASE_URL, providerOf, sqlitePath } from './src/db/provider.js';
import { createCatalogSafePool } from './src/db/pg-catalog-pool.js';

// With the JS engines these binaries are never run; pointing at an existing file stops the CLI
// from trying to download them (no network to Prisma's CDN on these machines).
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= path.resolve('package.json');
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve('package.json');

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
const provider = providerOf(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', provider),
  async adapter() {
    if (provider === 'postgresql') return new PrismaPg(createCatalogSafePool(url));
    const file = sqlitePath(url);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
