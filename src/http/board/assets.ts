/**
 * The board's static files: the page bundle (esbuild over web/board/, at `npm install` and on the
 * fly at start when missing or older than its sources), its HTML and CSS, and Telegram's
 * telegram-web-app.js served from node_modules (@twa-dev/sdk ships it) so nothing comes from a CDN.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot as ROOT } from '../../paths.js';

export interface BoardAssets {
  /** File name (`index.html`, `app.js`…) → content and type. */
  files: Map<string, { body: Buffer; type: string }>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const FILES = ['index.html', 'app.js', 'app.css', 'telegram-web-app.js'];

export function boardPaths(root = ROOT) {
  return {
    source: path.join(root, 'web', 'board'),
    shared: path.join(root, 'src', 'domain'),
    out: path.join(root, 'dist', 'public', 'board'),
    telegramJs: path.join(root, 'node_modules', '@twa-dev', 'sdk', 'dist', 'telegram-web-apps.js'),
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Bundles web/board/ into dist/public/board/ (app.js, app.css, index.html, telegram-web-app.js). */
export async function buildBoard(root = ROOT): Promise<void> {
  const p = boardPaths(root);
  const esbuild = await import('esbuild');
  // Built aside, then moved in file by file: several processes starting at once never serve half a build.
  const tmp = `${p.out}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp, { recursive: true });
  try {
    await esbuild.build({
      entryPoints: { app: path.join(p.source, 'main.ts'), style: path.join(p.source, 'style.css') },
      outdir: tmp,
      bundle: true,
      minify: true,
      format: 'iife',
      target: ['es2020'],
      legalComments: 'none',
      logLevel: 'silent',
    });
    fs.renameSync(path.join(tmp, 'style.css'), path.join(tmp, 'app.css'));
    fs.copyFileSync(path.join(p.source, 'index.html'), path.join(tmp, 'index.html'));
    // Telegram's own script (MIT, via @twa-dev/sdk), without its source-map comment (the map is not served).
    fs.writeFileSync(
      path.join(tmp, 'telegram-web-app.js'),
      fs.readFileSync(p.telegramJs, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'),
    );
    fs.mkdirSync(p.out, { recursive: true });
    for (const f of FILES) fs.renameSync(path.join(tmp, f), path.join(p.out, f));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Whether the built files are missing or older than web/board/ and the shared filter code. */
export function boardStale(root = ROOT): boolean {
  const p = boardPaths(root);
  if (!FILES.every((f) => fs.existsSync(path.join(p.out, f)))) return true;
  if (!fs.existsSync(p.source)) return false;
  const built = Math.min(...FILES.map((f) => fs.statSync(path.join(p.out, f)).mtimeMs));
  // The page also bundles the shared filter code and the calendar arithmetic.
  const shared = ['board.ts', path.join('timing', 'calendar.ts')].map(
    (f) => fs.statSync(path.join(p.shared, f)).mtimeMs,
  );
  return Math.max(newestMtime(p.source), ...shared) > built;
}

/** The built files in memory (building them first when stale). */
export async function loadBoardAssets(root = ROOT): Promise<BoardAssets> {
  if (boardStale(root)) await buildBoard(root);
  const out = boardPaths(root).out;
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const f of FILES) files.set(f, { body: fs.readFileSync(path.join(out, f)), type: TYPES[path.extname(f)]! });
  return { files };
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && process.argv.includes('--dry-run')) {
  // `npm run build:board -- --dry-run`: says whether a build is due, writes nothing.
  const where = path.relative(process.cwd(), boardPaths().out) || '.';
  console.log(
    boardStale()
      ? `plan board in ${where} is missing or older than web/board: a build is due`
      : `plan board in ${where} is up to date`,
  );
} else if (isMain) {
  // `npm run build:board` (postinstall): build once, say where.
  buildBoard()
    .then(() => console.log(`plan board built in ${path.relative(process.cwd(), boardPaths().out) || '.'}`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
