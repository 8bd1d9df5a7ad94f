import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureBuilt } from '../support/build.js';
import { projectRoot } from '../../src/paths.js';

// Start-up time and idle memory pay for every module the process loads before its first update
// (bench/process.ts). The document, report, chart and board libraries load with their first use.
// `npm start` runs the bundle of dist/start/ (src/build/start-bundle.ts); dist/src/ is what the CLI runs.
const HOOK = `export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }`;
const REGISTER = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOK)}));`;

/** Every module loaded by importing `file`; `status`: its expected exit code. */
function modulesLoadedBy(file: string, status = 0, env: NodeJS.ProcessEnv = process.env): string[] {
  const url = pathToFileURL(path.join(projectRoot, file)).href;
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      `data:text/javascript,${encodeURIComponent(REGISTER)}`,
      '--input-type=module',
      '-e',
      `await import(${JSON.stringify(url)})`,
    ],
    { cwd: projectRoot, encoding: 'utf8', env },
  );
  expect(r.status, r.stderr).toBe(status);
  return [...r.stderr.matchAll(/^LOADED (.+)$/gm)].map((m) => m[1]!);
}

const HEAVY = [
  'exceljs',
  'docx',
  'echarts',
  '@resvg/resvg-js',
  'pdfjs-dist',
  'opentype.js',
  'word-extractor',
  'jszip',
  'esbuild',
].map((p) => `/node_modules/${p}/`);

describe('what the compiled app loads at start-up', () => {
  it('loads the bot and the database client, not the libraries of documents, reports, charts or the board', () => {
    ensureBuilt();
    const loaded = modulesLoadedBy('dist/src/app.js');
    expect(loaded.some((u) => u.includes('/node_modules/telegraf/'))).toBe(true);
    expect(loaded.some((u) => u.includes('/dist/src/bot/features/plan-document.js'))).toBe(true);
    const lazy = [
      '/dist/src/domain/plan-extract/index.js',
      '/dist/src/domain/plan-extract/extract.js',
      '/dist/src/domain/plan-extract/places.js',
      '/dist/src/domain/localities-data.js',
      '/dist/src/services/plan-documents/docx.js',
      '/dist/src/http/board/',
    ];
    expect(loaded.filter((u) => [...HEAVY, ...lazy].some((h) => u.includes(h)))).toEqual([]);
  });

  it('npm start (the bundle) loads none of those libraries and evaluates none of those modules', () => {
    ensureBuilt();
    const dir = path.join(projectRoot, 'dist', 'start');
    const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as {
      entry: string;
      inputs: Record<string, { path: string; kind: string }[]>;
    };
    // The bundle is one file: a module only reached through import() is wrapped by esbuild and
    // evaluated on that import(); what start-up evaluates is what static imports reach from main.ts.
    const eager = new Set<string>();
    const visit = (file: string) => {
      if (eager.has(file)) return;
      eager.add(file);
      for (const i of meta.inputs[file] ?? []) if (i.kind !== 'dynamic-import') visit(i.path);
    };
    visit(meta.entry);
    const lazy = [
      'src/domain/plan-extract/index.ts',
      'src/domain/plan-extract/extract.ts',
      'src/domain/plan-extract/places.ts',
      'src/domain/localities-data.ts',
      'src/services/plan-documents/docx.ts',
      'src/http/board/',
      'src/reports/charts/',
      'src/reports/xlsx.ts',
      'src/reports/docx.ts',
    ];
    expect(Object.keys(meta.inputs).filter((i) => lazy.some((l) => i.startsWith(l))).length).toBeGreaterThan(0);
    expect([...eager].filter((i) => lazy.some((l) => i.startsWith(l)))).toEqual([]);
    expect([...eager].some((i) => i.startsWith('node_modules/telegraf/'))).toBe(true);
    // Without BOT_TOKEN main stops at reading its configuration: every static import has loaded by
    // then. Packages outside the bundle are require()d (or import()ed): both are seen.
    // (collected, then written at exit: writing to stderr from inside the loader would load modules itself.)
    const requireHook = [
      "const M = require('node:module'); const path = require('node:path'); const { pathToFileURL } = require('node:url');",
      'const seen = new Set(); const load = M._load;',
      'M._load = function (request, parent, isMain) { const f = load.apply(this, arguments); try { const file = M._resolveFilename(request, parent, isMain); if (path.isAbsolute(file)) seen.add(pathToFileURL(file).href); } catch {} return f; };',
      "process.on('exit', () => { for (const u of seen) process.stderr.write('LOADED ' + u + '\\n'); });",
    ].join('\n');
    const hookFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-require-')), 'hook.cjs');
    fs.writeFileSync(hookFile, requireHook);
    const loaded = modulesLoadedBy('dist/start/main.js', 1, {
      PATH: process.env.PATH ?? '',
      NODE_OPTIONS: `--require ${hookFile}`,
    });
    expect(loaded).toContain(pathToFileURL(path.join(dir, 'main.js')).href);
    expect(loaded.some((u) => u.includes('/node_modules/better-sqlite3/'))).toBe(true);
    expect(loaded.some((u) => u.includes('/node_modules/telegraf/'))).toBe(false);
    expect(loaded.filter((u) => HEAVY.some((h) => u.includes(h)))).toEqual([]);
  });
});
