// `npm run migrate`: applies pending migrations of the database DATABASE_URL names (`npm start` does
// the same before it starts; this is for upgrading without starting the bot).
import fs from 'node:fs';
import { loadDatabaseUrl } from '../config.js';
import { migrateIfPending } from './migrate.js';

if (fs.existsSync('.env')) process.loadEnvFile('.env');
const migrated = await migrateIfPending(loadDatabaseUrl());
console.log(migrated ? 'Migrations applied.' : 'No pending migrations.');
