import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../../src/paths.js';

/**
 * What `npm start` runs, read from package.json so tests and benchmarks run exactly that: the
 * environment it sets (leading `NAME=value` words, e.g. glibc's malloc settings), the command and
 * its arguments.
 */
export function startScript(): { command: string; args: string[]; env: Record<string, string> } {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = pkg.scripts.start!.split(' ');
  const env: Record<string, string> = {};
  while (/^[A-Z_][A-Z0-9_]*=/.test(words[0] ?? '')) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  const [command, ...args] = words;
  return { command: command!, args: args.map((a) => (a.includes('/') ? path.join(projectRoot, a) : a)), env };
}

/** The node flags of `npm start` (V8's heap and tiering settings), for a benchmark run the same way. */
export function startNodeFlags(): string[] {
  return startScript().args.filter((a) => a.startsWith('--'));
}

/** The environment `npm start` sets for node (glibc's malloc settings), for a benchmark run the same way. */
export function startEnv(): Record<string, string> {
  return startScript().env;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * `npm install` builds dist/; a developer who edited src/ since then would test stale JavaScript.
 * Rebuilds (`npm run build`, incremental, a few seconds) when any source is newer than the build.
 */
export function ensureBuilt(): void {
  const stamp = path.join(projectRoot, 'dist', '.tsbuildinfo');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const sources = Math.max(newestMtime(path.join(projectRoot, 'src')), newestMtime(path.join(projectRoot, 'prisma')));
  if (sources > built) {
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: projectRoot, stdio: 'inherit' });
    fs.utimesSync(stamp, new Date(), new Date());
  }
}

let builtChecked = false;

/**
 * The compiled JavaScript of a module of src/ (`importBuilt<typeof import('../src/app.js')>('src/app.js')`
 * loads dist/src/app.js, built first if stale), typed as its source: what `npm start` runs, where
 * importing src/ through tsx would measure tsx's transform (esbuild's keep-names wrapper around
 * every function made) instead.
 */
export async function importBuilt<Module>(sourcePath: string): Promise<Module> {
  // Checked once per process: a bench imports several modules in a row.
  if (!builtChecked) ensureBuilt();
  builtChecked = true;
  const file = path.join(projectRoot, 'dist', sourcePath.replace(/\.ts$/, '.js'));
  return (await import(pathToFileURL(file).href)) as Module;
}
