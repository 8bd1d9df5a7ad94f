import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/paths.js';
import { ensureBuilt } from '../support/build.js';

// Every package.json script works: each is run as written (`npm run <name> -- <args>`) with its
// --help or a dry run, or for real where that is cheap and harmless (migrations on a throwaway
// database). A script added without a check here fails the first test.

const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-scripts-'));
const db = `file:${path.join(tmp, 'scripts.db')}`;

interface Run {
  code: number | null;
  out: string;
}

/**
 * `npm run <script> -- <args>` in the project, with a clean environment (an empty BOT_TOKEN: a
 * developer's .env never starts a real bot here). `until`: stop the process group once the output
 * matches (for `dev`, which watches forever).
 */
function npmRun(script: string, args: string[] = [], env: Record<string, string> = {}, until?: RegExp): Promise<Run> {
  const child = spawn('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], {
    cwd: projectRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      BOT_TOKEN: '',
      DATABASE_URL: db,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  const take = (d: Buffer) => {
    out += d.toString();
    if (until?.test(out)) process.kill(-child.pid!, 'SIGTERM');
  };
  child.stdout.on('data', take);
  child.stderr.on('data', take);
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

/** Each script's check. `runs`: the args appended and what must come out (exit 0 unless `code`). */
const CHECKS: Record<
  string,
  { args?: string[]; env?: Record<string, string>; expect: RegExp; code?: number; until?: RegExp } | 'composed'
> = {
  // A dry run of each `prisma generate --schema X`: the same schemas, validated.
  generate: 'composed',
  build: { args: ['--listFilesOnly'], expect: /src\/main\.ts/ },
  migrate: { expect: /Migrations applied\./ },
  start: { expect: /BOT_TOKEN is required/, code: 1 },
  dev: { expect: /BOT_TOKEN is required/, until: /BOT_TOKEN is required/ },
  cli: { args: ['--help'], expect: /Usage: npm run cli -- <command>[\s\S]*reminders plan/ },
  'seed:demo': { expect: /Loaded \d+ agencies, \d+ plans, \d+ activities, \d+ follow-ups\./ },
  typecheck: 'composed',
  lint: 'composed',
  'format:check': { expect: /All matched files use Prettier code style/ },
  format: { args: ['--help'], expect: /Usage: prettier/ },
  test: { args: ['--help'], expect: /vitest/ },
  'test:pg': { args: ['--help'], expect: /vitest/ },
  bench: { args: ['--help'], expect: /Usage: npm run bench[\s\S]*Benchmarks: .*planning/ },
  'build:board': { args: ['--dry-run'], expect: /plan board in dist\/public\/board is (up to date|missing or older)/ },
  postinstall: 'composed',
};

/** Scripts made of several commands: each command run with a dry-run flag of its own tool. */
function dryCommands(script: string): string[] {
  return pkg.scripts[script]!.split(' && ').map((cmd) => {
    if (cmd.startsWith('prisma generate ')) return cmd.replace('prisma generate', 'prisma validate');
    if (cmd.startsWith('tsc ')) return `${cmd} --showConfig`;
    if (cmd === 'eslint .') return 'eslint --print-config src/main.ts';
    return cmd;
  });
}

function sh(command: string): Promise<Run> {
  const child = spawn('sh', ['-c', command], {
    cwd: projectRoot,
    env: { ...process.env, PATH: `${path.join(projectRoot, 'node_modules/.bin')}:${process.env.PATH ?? ''}` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

describe('package.json scripts', () => {
  ensureBuilt();
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('every script has a check here, and every check a script', () => {
    expect(Object.keys(CHECKS).sort()).toEqual(Object.keys(pkg.scripts).sort());
  });

  // One after another: migrate and seed:demo share the throwaway database.
  for (const [name, check] of Object.entries(CHECKS)) {
    if (check === 'composed') continue;
    it(`npm run ${name}${check.args ? ` -- ${check.args.join(' ')}` : ''}`, { timeout: 120_000 }, async () => {
      const run = await npmRun(name, check.args, check.env, check.until);
      expect(run.out).toMatch(check.expect);
      if (!check.until) expect(run.code, run.out).toBe(check.code ?? 0);
    });
  }

  it('npm run migrate again: nothing pending', { timeout: 60_000 }, async () => {
    const run = await npmRun('migrate');
    expect(run.out).toMatch(/No pending migrations\./);
    expect(run.code).toBe(0);
  });

  it('generate, typecheck and lint: each of their commands with its tool’s dry run', { timeout: 120_000 }, async () => {
    expect(dryCommands('generate')).toEqual([
      'prisma validate --schema prisma/sqlite',
      'prisma validate --schema prisma/postgresql',
    ]);
    for (const script of ['generate', 'typecheck', 'lint']) {
      for (const cmd of dryCommands(script)) {
        const run = await sh(cmd);
        expect(run.code, `${script}: ${cmd}\n${run.out}`).toBe(0);
        if (cmd.startsWith('prisma')) expect(run.out).toMatch(/are valid/);
        if (cmd.startsWith('tsc')) expect(run.out).toMatch(/"noEmit": true/);
        if (cmd.startsWith('eslint')) expect(run.out).toMatch(/@typescript-eslint\/no-floating-promises/);
      }
    }
  });

  it('postinstall runs scripts that exist, each checked above', () => {
    const steps = pkg.scripts.postinstall!.split(' && ').map((c) => /^npm run (\S+)$/.exec(c)?.[1]);
    expect(steps).toEqual(['generate', 'build', 'build:board']);
    for (const s of steps) expect(CHECKS[s!]).toBeDefined();
  });
});
