import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/paths.js';

/** What `npm start` runs, read from package.json so tests and benchmarks run exactly that. */
export function startScript(): { command: string; args: string[] } {
  const pkg = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = pkg.scripts.start!.split(' ');
  return { command: command!, args: args.map((a) => (a.includes('/') ? path.join(projectRoot, a) : a)) };
}

/** The node flags of `npm start` (V8's heap and tiering settings), for a benchmark run the same way. */
export function startNodeFlags(): string[] {
  return startScript().args.filter((a) => a.startsWith('--'));
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
