import { spawn } from 'node:child_process';
import path from 'node:path';
import { migrationsPending } from './migration-status.js';
import { projectRoot } from '../paths.js';

const ROOT = projectRoot;

/**
 * Runs the Prisma CLI (JS schema engine, see prisma.config.ts) against `databaseUrl`. Resolves
 * with its output once it prints `done`: with the PostgreSQL adapter the CLI keeps an internal
 * timer alive for 10–60 s after finishing its work, so it is not waited for once it says so.
 */
export function runPrismaCli(args: string[], databaseUrl: string, done: RegExp): Promise<string> {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'prisma');
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let settled = false;
    const onData = (d: Buffer) => {
      out += d.toString();
      if (!settled && done.test(out)) {
        settled = true;
        resolve(out);
        setTimeout(() => child.kill('SIGTERM'), 100).unref();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    child.on('exit', (code) => {
      if (settled) return;
      settled = true;
      if (code === 0) resolve(out);
      else reject(new Error(`prisma ${args.join(' ')} failed (exit ${code}):\n${out}`));
    });
  });
}

/** Applies pending migrations of the provider `databaseUrl` names (`prisma migrate deploy`). */
export function applyMigrations(databaseUrl: string): Promise<string> {
  return runPrismaCli(
    ['migrate', 'deploy'],
    databaseUrl,
    /All migrations have been successfully applied|No pending migrations to apply/,
  );
}

/**
 * What `npm start`, the CLI and the demo seed run: migrations only when one is pending, so a
 * process started beside a running bot on the same SQLite file does not trip over its lock.
 */
export async function migrateIfPending(databaseUrl: string): Promise<boolean> {
  if (!(await migrationsPending(databaseUrl))) return false;
  await applyMigrations(databaseUrl);
  return true;
}
